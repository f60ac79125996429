/* view/forecast.c — the forecast call's tables (view/forecast.h), moved out
 * of cli/cmd_forecast.c so the API answers with the same rows. */
#include "view/forecast.h"

#include <stdio.h>

#define TEXT(s)                                                                                    \
    (struct typed_value)                                                                           \
    {                                                                                              \
        .kind = VK_TEXT, .defined = true, .text = (s)                                              \
    }

static struct typed_value money(const struct app *app, bool defined, int64_t v)
{
    struct typed_value t = {.kind = VK_MONEY, .defined = defined, .v = v};
    snprintf(t.currency, sizeof t.currency, "%s", app->currency);
    return t;
}

static struct typed_value ratio(bool defined, int64_t v)
{
    return (struct typed_value){.kind = VK_RATIO, .defined = defined, .v = v};
}

static struct typed_value count(int64_t n)
{
    return (struct typed_value){.kind = VK_COUNT, .defined = true, .v = n * VALUE_SCALE};
}

/* A table in APP's currency with column kinds KINDS. */
static void table_start(struct table *t, const struct app *app, size_t n, const char *const *cols,
                        const enum value_kind *kinds)
{
    table_init(t, n, cols);
    snprintf(t->currency, sizeof t->currency, "%s", app->currency);
    for (size_t c = 0; c < n; c++)
        table_set_kind(t, c, kinds[c]);
}

/* ---- categories ---------------------------------------------------------- */

static enum at_status stage_row(const struct forecast_stage *s, void *ctx, struct at_err *err)
{
    (void)err;
    struct table *t = ctx;
    const struct typed_value row[] = {
        TEXT(s->stage), count(s->deals), ratio(s->has_prob, s->mean_prob_bp),
        TEXT(forecast_category_name(s->category)), TEXT(forecast_rule_name(s->rule))};
    table_add_values(t, row);
    return AT_OK;
}

enum at_status view_forecast_categories(struct app *app, struct table *out, struct at_err *err)
{
    const char *cols[] = {"stage", "deals", "probability", "category", "rule"};
    const enum value_kind kinds[] = {VK_TEXT, VK_COUNT, VK_RATIO, VK_TEXT, VK_TEXT};
    table_start(out, app, 5, cols, kinds);
    return app_forecast_categories(app, stage_row, out, err);
}

/* ---- a call before it is saved ---------------------------------------------- */

void view_forecast_submission(const struct app *app, const struct forecast_submission *s,
                              struct table *out)
{
    const char *cols[] = {"field", "value", "deals", "source"};
    const enum value_kind kinds[] = {VK_TEXT, VK_MONEY, VK_COUNT, VK_TEXT};
    table_start(out, app, 4, cols, kinds);
    const struct typed_value none = {.kind = VK_COUNT, .defined = false};
    struct typed_value rows[][4] = {
        {TEXT("closed_won"), money(app, true, s->defaults.closed), none, TEXT("")},
        {TEXT("commit_deals"), money(app, true, s->defaults.commit_deals),
         count(s->defaults.n_commit), TEXT("")},
        {TEXT("best_case_deals"), money(app, true, s->defaults.best_deals),
         count(s->defaults.n_best), TEXT("")},
        {TEXT("pipeline_deals"), money(app, true, s->defaults.pipe_deals),
         count(s->defaults.n_pipe), TEXT("")},
        {TEXT("default_commit"), money(app, true, s->defaults.commit), none, TEXT("")},
        {TEXT("default_best_case"), money(app, true, s->defaults.best_case), none, TEXT("")},
        {TEXT("commit"), money(app, true, s->commit), none,
         TEXT(s->commit_given ? "given" : "default")},
        {TEXT("best_case"), money(app, true, s->best_case), none,
         TEXT(s->best_given ? "given" : "default")},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        table_add_values(out, rows[i]);
}

/* ---- show ----------------------------------------------------------------- */

struct show_ctx {
    struct app *app;
    struct table *t;
    const struct view_visible *vis;
};

static enum at_status show_row(const struct forecast_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    struct app *app = c->app;
    if (!view_visible_label(app, c->vis, r->scope))
        return AT_OK;
    bool sub = r->rollup ? r->has_call : r->has_submit;
    const struct typed_value row[] = {TEXT(r->scope),
                                      money(app, r->has_quota, r->quota),
                                      money(app, true, r->closed),
                                      money(app, sub, r->commit),
                                      money(app, sub, r->best_case),
                                      money(app, r->has_call, r->adjusted),
                                      money(app, true, r->weighted_pipeline),
                                      money(app, r->has_gap, r->gap),
                                      count(r->calls)};
    table_add_values(c->t, row);
    return AT_OK;
}

enum at_status view_forecast_show(struct app *app, const struct forecast_show_options *o,
                                  const struct view_visible *vis, struct table *out,
                                  struct at_err *err)
{
    const char *cols[] = {"scope",     "quota",           "closed_won",        "commit",
                          "best_case", "adjusted_commit", "weighted_pipeline", "gap",
                          "callers"};
    const enum value_kind kinds[] = {VK_TEXT,  VK_MONEY, VK_MONEY, VK_MONEY, VK_MONEY,
                                     VK_MONEY, VK_MONEY, VK_MONEY, VK_COUNT};
    table_start(out, app, 9, cols, kinds);
    struct show_ctx c = {app, out, vis};
    return app_forecast_show(app, o, show_row, &c, err);
}

/* ---- accuracy ------------------------------------------------------------- */

static enum at_status accuracy_row(const struct forecast_accuracy_row *r, void *ctx,
                                   struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    if (!view_visible_label(c->app, c->vis, r->scope))
        return AT_OK;
    const struct typed_value row[] = {TEXT(r->scope),
                                      TEXT(r->week),
                                      money(c->app, !r->mean, r->commit),
                                      money(c->app, true, r->actual),
                                      ratio(r->defined, r->error),
                                      ratio(r->defined, r->bias)};
    table_add_values(c->t, row);
    return AT_OK;
}

enum at_status view_forecast_accuracy(struct app *app, const struct forecast_accuracy_options *o,
                                      const struct view_visible *vis, struct table *out,
                                      struct at_err *err)
{
    const char *cols[] = {"scope", "week", "commit", "actual", "error", "bias"};
    const enum value_kind kinds[] = {VK_TEXT, VK_TEXT, VK_MONEY, VK_MONEY, VK_RATIO, VK_RATIO};
    table_start(out, app, 6, cols, kinds);
    struct show_ctx c = {app, out, vis};
    return app_forecast_accuracy(app, o, accuracy_row, &c, err);
}
