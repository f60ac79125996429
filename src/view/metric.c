/* metric.c — the tables of attain metric and attain explain (view/metric.h). */
#include "view/metric.h"

#include <string.h>

void view_metric_table(const struct metric_result *r, const char *metric_text, struct table *out)
{
    const char *cols[VIEW_METRIC_COLS] = {"scope", "period", "metric", "value"};
    table_init(out, VIEW_METRIC_COLS, cols);
    table_set_kind(out, 3, metric_unit_kind(r->unit));
    memcpy(out->currency, r->currency, sizeof out->currency);
    view_metric_table_add(r, metric_text, out);
}

void view_metric_table_add(const struct metric_result *r, const char *metric_text, struct table *t)
{
    if (table_col_kind(t, 3) != metric_unit_kind(r->unit))
        table_set_kind(t, 3, VK_TEXT); /* metrics of other kinds: canonical texts */
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct typed_value row[] = {
            {.kind = VK_TEXT, .defined = true, .text = r->rows[i].scope},
            {.kind = VK_TEXT, .defined = true, .text = r->rows[i].period},
            {.kind = VK_TEXT, .defined = true, .text = metric_text ? metric_text : r->metric},
            r->rows[i].value};
        table_add_values(t, row);
    }
}

enum at_status view_metric(struct app *app, const struct metric_query *q, struct table *out,
                           struct at_err *err)
{
    struct metric_result r;
    enum at_status st = app_metric(app, q, &r, err);
    if (st)
        return st;
    view_metric_table(&r, NULL, out);
    metric_result_free(&r);
    return AT_OK;
}

static enum at_status explain_row(const struct explain_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    const char *cells[] = {row->date,  row->ref,  row->holder, row->customer ? row->customer : "",
                           row->share, row->value};
    table_add_row(ctx, cells);
    return AT_OK;
}

enum at_status view_explain(struct app *app, const struct metric_query *q, struct table *out,
                            char *formula, size_t formula_size, char *value, size_t value_size,
                            struct at_err *err)
{
    const char *cols[VIEW_EXPLAIN_COLS] = {"date", "ref", "credited", "customer", "share", "value"};
    table_init(out, VIEW_EXPLAIN_COLS, cols);
    out->right[4] = out->right[5] = true;
    return app_explain(app, q, explain_row, out, formula, formula_size, value, value_size, err);
}
