/*
 * cmd_forecast.c — attain forecast (categories, submit, adjust, show,
 * accuracy): parse, call the forecast use cases (app/forecast.h), render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/forecast.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "domain/calendar.h"

#define MAX_SET 64

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

/* A table in CTX's language and APP's currency with column kinds KINDS. */
static void table_start(struct table *t, const struct cli_ctx *ctx, const struct app *app, size_t n,
                        const char *const *cols, const enum value_kind *kinds)
{
    table_init(t, n, cols);
    t->lang = ctx->lang;
    snprintf(t->currency, sizeof t->currency, "%s", app->currency);
    for (size_t c = 0; c < n; c++)
        table_set_kind(t, c, kinds[c]);
}

/* ---- categories ---------------------------------------------------------- */

struct stage_ctx {
    struct table *t;
};

static enum at_status stage_row(const struct forecast_stage *s, void *ctx, struct at_err *err)
{
    (void)err;
    struct stage_ctx *c = ctx;
    const struct typed_value row[] = {
        TEXT(s->stage), count(s->deals), ratio(s->has_prob, s->mean_prob_bp),
        TEXT(forecast_category_name(s->category)), TEXT(forecast_rule_name(s->rule))};
    table_add_values(c->t, row);
    return AT_OK;
}

static int forecast_categories(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table", *set[MAX_SET];
    size_t n_set = 0;
    struct opt_spec specs[] = {OPT_LIST("--set", set, &n_set, MAX_SET),
                               OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("forecast categories", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st = n_set ? app_forecast_categories_set(app, set, n_set, &err) : AT_OK;
    if (st)
        return cli_fail(ctx, &err);
    const char *cols[] = {"stage", "deals", "probability", "category", "rule"};
    const enum value_kind kinds[] = {VK_TEXT, VK_COUNT, VK_RATIO, VK_TEXT, VK_TEXT};
    struct table t;
    table_start(&t, ctx, app, 5, cols, kinds);
    struct stage_ctx c = {&t};
    st = app_forecast_categories(app, stage_row, &c, &err);
    if (!st)
        st = table_write(&t, fmt, NULL, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* ---- submit and adjust --------------------------------------------------- */

static int forecast_submit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *period = NULL, *commit = NULL, *best = NULL, *note = NULL, *as_of = NULL,
               *format = "table";
    bool yes = false;
    struct opt_spec specs[] = {OPT_VALUE("--period", &period),  OPT_VALUE("--commit", &commit),
                               OPT_VALUE("--best-case", &best), OPT_VALUE("--note", &note),
                               OPT_VALUE("--as-of", &as_of),    OPT_VALUE("--format", &format),
                               OPT_FLAG("--yes", &yes),         OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("forecast submit", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct forecast_submission s;
    enum at_status st = app_forecast_submit_build(app, period, as_of, commit, best, note, &s, &err);
    if (st)
        return cli_fail(ctx, &err);
    /* what will be saved, with where the defaults come from */
    char day[CAL_DATE_LEN], who[512];
    cal_format(s.day, day);
    const char *label = i18n_cell(ctx->lang, "scope", NULL, s.person, who, sizeof who);
    if (fmt == FMT_TABLE) {
        fprintf(ctx->out,
                i18n_zh(ctx->lang) ? "%s 在 %s 的预测（%s 提交）\n"
                                   : "call of %s for %s as of %s\n",
                label, s.period, day);
        if (note && *note)
            fprintf(ctx->out, "%s: %s\n", i18n(ctx->lang, "note"), note);
    }
    const char *cols[] = {"field", "value", "deals", "source"};
    const enum value_kind kinds[] = {VK_TEXT, VK_MONEY, VK_COUNT, VK_TEXT};
    struct table t;
    table_start(&t, ctx, app, 4, cols, kinds);
    const struct typed_value none = {.kind = VK_COUNT, .defined = false};
    struct typed_value rows[][4] = {
        {TEXT("closed_won"), money(app, true, s.defaults.closed), none, TEXT("")},
        {TEXT("commit_deals"), money(app, true, s.defaults.commit_deals),
         count(s.defaults.n_commit), TEXT("")},
        {TEXT("best_case_deals"), money(app, true, s.defaults.best_deals), count(s.defaults.n_best),
         TEXT("")},
        {TEXT("pipeline_deals"), money(app, true, s.defaults.pipe_deals), count(s.defaults.n_pipe),
         TEXT("")},
        {TEXT("default_commit"), money(app, true, s.defaults.commit), none, TEXT("")},
        {TEXT("default_best_case"), money(app, true, s.defaults.best_case), none, TEXT("")},
        {TEXT("commit"), money(app, true, s.commit), none,
         TEXT(s.commit_given ? "given" : "default")},
        {TEXT("best_case"), money(app, true, s.best_case), none,
         TEXT(s.best_given ? "given" : "default")},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        table_add_values(&t, rows[i]);
    st = table_write(&t, fmt, NULL, 0, &err);
    table_free(&t);
    if (!st && cli_confirm(ctx, yes, i18n_zh(ctx->lang) ? "保存这次预测？" : "Save this call?")) {
        int64_t id;
        st = app_forecast_submit_save(app, &s, &id, &err);
        if (!st)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "已保存预测 %lld\n" : "forecast call %lld saved\n",
                    (long long)id);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int forecast_adjust(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *period = NULL, *commit = NULL, *note = NULL, *as_of = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--period", &period), OPT_VALUE("--commit", &commit),
                               OPT_VALUE("--note", &note), OPT_VALUE("--as-of", &as_of), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("forecast adjust", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    int64_t id;
    char person[256];
    enum at_status st = app_forecast_adjust(app, n_pos ? pos[0] : NULL, period, commit, note, as_of,
                                            &id, person, &err);
    if (!st) {
        char shown_person[512];
        const char *label =
            i18n_cell(ctx->lang, "scope", NULL, person, shown_person, sizeof shown_person);
        fprintf(ctx->out,
                i18n_zh(ctx->lang) ? "已调整 %s 的预测（记录 %lld）\n"
                                   : "forecast call of %s adjusted (call %lld)\n",
                label, (long long)id);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

/* ---- show ----------------------------------------------------------------- */

struct show_ctx {
    struct app *app;
    struct table *t;
};

static enum at_status show_row(const struct forecast_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    struct app *app = c->app;
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

static int forecast_show(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct forecast_show_options o = {0};
    const char *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--period", &o.period), OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--as-of", &o.as_of),   OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),         OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("forecast show", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    const char *cols[] = {"scope",     "quota",           "closed_won",        "commit",
                          "best_case", "adjusted_commit", "weighted_pipeline", "gap",
                          "callers"};
    const enum value_kind kinds[] = {VK_TEXT,  VK_MONEY, VK_MONEY, VK_MONEY, VK_MONEY,
                                     VK_MONEY, VK_MONEY, VK_MONEY, VK_COUNT};
    struct table t;
    table_start(&t, ctx, app, 9, cols, kinds);
    struct show_ctx c = {app, &t};
    enum at_status st = app_forecast_show(app, &o, show_row, &c, &err);
    if (!st)
        st = table_write(&t, fmt, out, 30, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* ---- accuracy ------------------------------------------------------------- */

static enum at_status accuracy_row(const struct forecast_accuracy_row *r, void *ctx,
                                   struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    const struct typed_value row[] = {TEXT(r->scope),
                                      TEXT(r->week),
                                      money(c->app, !r->mean, r->commit),
                                      money(c->app, true, r->actual),
                                      ratio(r->defined, r->error),
                                      ratio(r->defined, r->bias)};
    table_add_values(c->t, row);
    return AT_OK;
}

static int forecast_accuracy(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct forecast_accuracy_options o = {0};
    const char *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--by", &o.by),
                               OPT_VALUE("--as-of", &o.as_of),
                               OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("forecast accuracy", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    const char *cols[] = {"scope", "week", "commit", "actual", "error", "bias"};
    const enum value_kind kinds[] = {VK_TEXT, VK_TEXT, VK_MONEY, VK_MONEY, VK_RATIO, VK_RATIO};
    struct table t;
    table_start(&t, ctx, app, 6, cols, kinds);
    struct show_ctx c = {app, &t};
    enum at_status st = app_forecast_accuracy(app, &o, accuracy_row, &c, &err);
    if (!st)
        st = table_write(&t, fmt, out, 30, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static const struct {
    const char *name;
    int (*run)(struct cli_ctx *, int, char **);
} forecast_commands[] = {
    {"accuracy", forecast_accuracy},     {"adjust", forecast_adjust},
    {"categories", forecast_categories}, {"show", forecast_show},
    {"submit", forecast_submit},
};

int cmd_forecast(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(ctx->err, "attain forecast: give a subcommand (attain help forecast)\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof forecast_commands / sizeof forecast_commands[0]; i++)
        if (strcmp(argv[0], forecast_commands[i].name) == 0)
            return forecast_commands[i].run(ctx, argc - 1, argv + 1);
    fprintf(ctx->err, "attain forecast: no subcommand \"%s\" (attain help forecast)\n", argv[0]);
    return 2;
}
