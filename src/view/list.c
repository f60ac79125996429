/* list.c — listings of stored rows with filters and a page (view/list.h). */
#include "view/list.h"

#include <stdlib.h>
#include <string.h>

#include "app/calendar_info.h"
#include "app/list.h"
#include "base/str.h"

int view_col(const struct table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->cols[c], name) == 0)
            return (int)c;
    return -1;
}

void view_table_filter(struct table *t, view_row_keep keep, void *ctx)
{
    size_t kept = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        char **row = t->cells + r * t->n_cols;
        if (!keep(t, (const char *const *)row, ctx)) {
            for (size_t c = 0; c < t->n_cols; c++)
                free(row[c]);
            continue;
        }
        if (kept != r)
            memmove(t->cells + kept * t->n_cols, row, t->n_cols * sizeof *row);
        kept++;
    }
    t->n_rows = kept;
}

struct list_ctx {
    struct table *t;
    const struct view_list_filter *f;
    struct app *app;
    int where_col[VIEW_LIST_MAX_WHERE];
    const char *where_val[VIEW_LIST_MAX_WHERE];
    int date_col; /* -1 = no period filter */
    int32_t from, to;
    size_t passed;
};

/* The columns are known: read the filter against them. */
static enum at_status list_header(struct list_ctx *c, struct at_err *err)
{
    const struct view_list_filter *f = c->f;
    if (!f)
        return AT_OK;
    if (f->n_where > VIEW_LIST_MAX_WHERE)
        return at_err_set(err, AT_INVALID, "where: at most %d filters", VIEW_LIST_MAX_WHERE);
    for (size_t i = 0; i < f->n_where; i++) {
        const char *eq = strchr(f->where[i], '=');
        if (!eq || eq == f->where[i])
            return at_err_set(err, AT_INVALID, "where \"%s\": write column=value", f->where[i]);
        struct buf names;
        buf_init(&names, 0);
        int col = -1;
        for (size_t k = 0; k < c->t->n_cols; k++) {
            if (strlen(c->t->cols[k]) == (size_t)(eq - f->where[i]) &&
                strncmp(c->t->cols[k], f->where[i], (size_t)(eq - f->where[i])) == 0)
                col = (int)k;
            if (c->t->cols[k][0] != '_')
                buf_printf(&names, "%s%s", k ? ", " : "", c->t->cols[k]);
        }
        if (col < 0) {
            at_err_set(err, AT_INVALID, "where \"%s\": no such column (choose %s)", f->where[i],
                       buf_str(&names));
            buf_free(&names);
            return AT_INVALID;
        }
        buf_free(&names);
        c->where_col[i] = col;
        c->where_val[i] = eq + 1;
    }
    c->date_col = -1;
    if (f->period) {
        c->date_col = view_col(c->t, "date");
        if (c->date_col < 0)
            c->date_col = view_col(c->t, "created");
        if (c->date_col < 0)
            return at_err_set(err, AT_INVALID, "period: these rows have no date to filter by");
        struct period_info pi;
        enum at_status st = app_period_info(c->app, f->period, app_day(&c->app->req), &pi, err);
        if (st)
            return at_err_prefix(err, "period: ");
        c->from = pi.period.start;
        c->to = pi.period.end;
    }
    return AT_OK;
}

static enum at_status list_row(int n_cols, const char *const *cols, const char *const *vals,
                               void *ctx, struct at_err *err)
{
    struct list_ctx *c = ctx;
    if (!vals) {
        table_init(c->t, (size_t)n_cols, cols);
        for (int i = 0; i < n_cols; i++)
            c->t->right[i] = strcmp(cols[i], "amount") == 0 || strcmp(cols[i], "quantity") == 0 ||
                             strcmp(cols[i], "lines") == 0 || strcmp(cols[i], "score") == 0 ||
                             strcmp(cols[i], "weight") == 0 || strcmp(cols[i], "rate") == 0 ||
                             strcmp(cols[i], "probability") == 0;
        return list_header(c, err);
    }
    const struct view_list_filter *f = c->f;
    if (f) {
        for (size_t i = 0; i < f->n_where; i++) {
            const char *v = vals[c->where_col[i]];
            if (strcmp(v ? v : "", c->where_val[i]) != 0)
                return AT_OK;
        }
        if (c->date_col >= 0) {
            const char *v = vals[c->date_col];
            char day[CAL_DATE_LEN] = "";
            int32_t d;
            if (v)
                snprintf(day, sizeof day, "%.10s", v);
            if (!v || !cal_parse_iso(day, &d) || d < c->from || d > c->to)
                return AT_OK;
        }
        if (f->keep && !f->keep(c->t, vals, f->keep_ctx))
            return AT_OK;
    }
    size_t k = c->passed++;
    if (f && (k < f->offset || (f->limit && k - f->offset >= f->limit)))
        return AT_OK;
    table_add_row(c->t, vals);
    return AT_OK;
}

enum at_status view_list(struct app *app, const char *kind, const struct view_list_filter *f,
                         struct table *out, size_t *total, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct list_ctx c = {.t = out, .f = f, .app = app, .date_col = -1};
    enum at_status st = app_list(app, kind, list_row, &c, err);
    if (total)
        *total = c.passed;
    return st;
}
