/*
 * cmd_scorecard.c — attain scorecard (add, show): parse, call the scorecard
 * use cases (app/scorecard.h), render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/scorecard.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "view/scorecard.h"

static int scorecard_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *scope = NULL, *period = NULL, *goals[SCORECARD_GOALS_MAX + 1];
    size_t n_goals = 0;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &scope), OPT_VALUE("--period", &period),
                               OPT_LIST("--goal", goals, &n_goals, SCORECARD_GOALS_MAX + 1),
                               OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("scorecard add", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    int64_t id;
    if (app_scorecard_add(app, scope, period, goals, n_goals, &id, &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->out, i18n_zh(ctx->lang) ? "已添加考核表 %lld\n" : "scorecard %lld added\n",
            (long long)id);
    return 0;
}

static int scorecard_show(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct scorecard_options o = {0};
    const char *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--cap", &o.cap),
                               OPT_VALUE("--as-of", &o.as_of),
                               OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("scorecard show", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st =
        view_scorecards(app, &o, NULL, fmt == FMT_TABLE ? ctx->lang : NULL, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, out, 30, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

int cmd_scorecard(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "add") == 0)
        return scorecard_add(ctx, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "show") == 0)
        return scorecard_show(ctx, argc - 1, argv + 1);
    if (argc < 1)
        fprintf(ctx->err,
                "attain scorecard: give a subcommand: add or show (attain help scorecard)\n");
    else
        fprintf(ctx->err, "attain scorecard: no subcommand \"%s\" (attain help scorecard)\n",
                argv[0]);
    return 2;
}
