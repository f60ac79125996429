/* report.c — the report tables (view/report.h): flattened sections and the
 * target variance report. */
#include "view/report.h"

#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "base/str.h"

static const struct view_report_def reports[] = {
    {"customers", app_report_customers, false, false, true},
    {"funnel", app_report_funnel, false, false, false},
    {"leaderboard", app_report_leaderboard, true, true, true},
    {"sales", app_report_sales, false, true, false},
};

const struct view_report_def *view_report_find(const char *name)
{
    for (size_t k = 0; name && k < sizeof reports / sizeof reports[0]; k++)
        if (strcmp(name, reports[k].name) == 0)
            return &reports[k];
    return NULL;
}

void view_report_section(const struct report_section *s, const char *currency, struct table *t)
{
    size_t n = s->n_cols;
    const char **names = xcalloc(n + 1, sizeof *names);
    for (size_t c = 0; c < n; c++)
        names[c] = s->cols[c].name;
    table_init(t, n, names);
    free(names);
    memcpy(t->currency, currency, sizeof t->currency);
    for (size_t c = 0; c < n; c++)
        table_set_kind(t, c, s->cols[c].kind);
    for (size_t i = 0; i < s->n_rows; i++)
        table_add_row(t, (const char *const *)&s->cells[i * s->n_cols]);
}

void view_report_table(const struct report *r, struct table *t)
{
    struct report_section flat;
    report_flatten(r, &flat);
    view_report_section(&flat, r->currency, t);
    report_section_free(&flat);
}

enum at_status view_report(struct app *app, const struct view_report_def *def,
                           const struct report_query *q, struct table *t, struct at_err *err)
{
    struct report r;
    enum at_status st = def->run(app, q, &r, err);
    if (st)
        return st;
    view_report_table(&r, t);
    report_free(&r);
    return AT_OK;
}

struct variance_ctx {
    struct table *t;
    enum metric_unit unit;
    int exponent;
    bool original; /* target, variance and attainment against the original plan */
};

static enum at_status variance_row(const struct variance_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct variance_ctx *c = ctx;
    char period[PERIOD_TEXT_MAX], target[64], actual[64], variance[72], attain[32], orig[64],
        current[64];
    int64_t shown_target = c->original ? r->original : r->target;
    period_format(&r->period, period);
    goal_target_format(c->unit, shown_target, c->exponent, target, sizeof target);
    goal_target_format(c->unit, r->actual, c->exponent, actual, sizeof actual);
    goal_target_format(c->unit, r->original, c->exponent, orig, sizeof orig);
    goal_target_format(c->unit, r->target, c->exponent, current, sizeof current);
    int64_t v = r->actual - shown_target;
    char mag[64];
    goal_target_format(c->unit, v < 0 ? -v : v, c->exponent, mag, sizeof mag);
    snprintf(variance, sizeof variance, "%s%s", v < 0 ? "-" : "", mag);
    struct metric_value a = {shown_target != 0, r->actual, shown_target};
    metric_value_format(MU_RATIO, &a, 0, attain, sizeof attain);
    const char *row[] = {r->scope, period, target, actual, variance, attain, orig, current};
    table_add_row(c->t, row);
    return AT_OK;
}

enum at_status view_variance(struct app *app, const struct variance_options *o, bool original,
                             struct table *t, struct at_err *err)
{
    /* the first six columns are an interface; the two plans go at the end */
    const char *cols[] = {"scope",    "period",     "target",          "actual",
                          "variance", "attainment", "original_target", "current_target"};
    table_init(t, 8, cols);
    memcpy(t->currency, app->currency, sizeof t->currency);
    struct variance_ctx c = {t, MU_MONEY, currency_exponent(app->currency), original};
    enum at_status st = app_variance(app, o, variance_row, &c, &c.unit, err);
    if (st)
        return st;
    static const enum value_kind kinds[] = {
        [MU_MONEY] = VK_MONEY, [MU_COUNT] = VK_COUNT, [MU_RATIO] = VK_RATIO, [MU_SCORE] = VK_SCORE};
    for (size_t k = 2; k < 5; k++)
        table_set_kind(t, k, kinds[c.unit]);
    table_set_kind(t, 5, VK_RATIO);
    table_set_kind(t, 6, kinds[c.unit]);
    table_set_kind(t, 7, kinds[c.unit]);
    return AT_OK;
}
