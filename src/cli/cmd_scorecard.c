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

struct show_ctx {
    struct app *app;
    struct table *t;
    enum out_format fmt;
    const char *lang;
};

static const char *line_name(enum scorecard_line l)
{
    return l == SCORECARD_GOAL ? "goal" : l == SCORECARD_SCORE ? "score" : "rollup";
}

static enum at_status show_row(const struct scorecard_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    char card[24] = "", goal[24] = "";
    if (r->card)
        snprintf(card, sizeof card, "%lld", (long long)r->card);
    bool is_goal = r->line == SCORECARD_GOAL;
    if (is_goal)
        snprintf(goal, sizeof goal, "%lld", (long long)r->goal);
    struct typed_value v[14] = {
        {.kind = VK_TEXT, .defined = true, .text = card},
        {.kind = VK_TEXT, .defined = true, .text = r->scope},
        {.kind = VK_TEXT, .defined = true, .text = r->period},
        {.kind = VK_TEXT, .defined = true, .text = line_name(r->line)},
        {.kind = VK_TEXT, .defined = true, .text = goal},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? r->title : ""},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? metric_def(r->metric)->key : ""},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? (r->lower ? "lower" : "higher") : ""},
        {.kind = VK_RATIO, .defined = r->line != SCORECARD_ROLLUP, .v = r->weight_bp},
        is_goal ? r->target : (struct typed_value){.kind = VK_MONEY, .defined = false},
        is_goal ? r->actual : (struct typed_value){.kind = VK_MONEY, .defined = false},
        {.kind = VK_RATIO, .defined = is_goal && r->defined, .v = r->attainment},
        {.kind = VK_RATIO, .defined = is_goal, .v = r->counted},
        {.kind = VK_RATIO, .defined = true, .v = r->contribution},
    };
    char reports[24] = "";
    if (r->line == SCORECARD_ROLLUP)
        snprintf(reports, sizeof reports, "%ld", r->reports);
    if (c->fmt == FMT_TABLE) {
        /* targets and actuals of several units in one column: shown here */
        const char *cells[15];
        char *owned[15] = {0};
        for (size_t i = 0; i < 14; i++) {
            if (v[i].kind == VK_TEXT) {
                cells[i] = v[i].text;
            } else {
                owned[i] = value_display(&v[i], c->app->currency, c->lang);
                cells[i] = owned[i];
            }
        }
        cells[14] = reports;
        table_add_row(c->t, cells);
        for (size_t i = 0; i < 14; i++)
            free(owned[i]);
        return AT_OK;
    }
    struct typed_value row[15];
    memcpy(row, v, sizeof v);
    row[14] = (struct typed_value){.kind = VK_TEXT, .defined = true, .text = reports};
    table_add_values(c->t, row);
    return AT_OK;
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
    const char *cols[] = {"scorecard", "scope",      "period",    "kind",         "goal",
                          "title",     "metric",     "direction", "weight",       "target",
                          "actual",    "attainment", "counted",   "contribution", "reports"};
    struct table t;
    table_init(&t, 15, cols);
    t.lang = ctx->lang;
    snprintf(t.currency, sizeof t.currency, "%s", app->currency);
    for (size_t c = 8; c < 15; c++)
        t.right[c] = true;
    t.right[0] = t.right[4] = true;
    struct show_ctx c = {app, &t, fmt, ctx->lang};
    enum at_status st = app_scorecard_show(app, &o, show_row, &c, &err);
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
