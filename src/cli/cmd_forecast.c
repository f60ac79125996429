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
#include "view/forecast.h"

#define MAX_SET 64

/* ---- categories ---------------------------------------------------------- */

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
    struct table t;
    st = view_forecast_categories(app, &t, &err);
    t.lang = ctx->lang;
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
    struct table t;
    view_forecast_submission(app, &s, &t);
    t.lang = ctx->lang;
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
    struct table t;
    enum at_status st = view_forecast_show(app, &o, NULL, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, out, 30, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* ---- accuracy ------------------------------------------------------------- */

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
    struct table t;
    enum at_status st = view_forecast_accuracy(app, &o, NULL, &t, &err);
    t.lang = ctx->lang;
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
