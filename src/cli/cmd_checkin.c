/*
 * cmd_checkin.c — attain checkin add|ack|ls|due: parse, call the check-in
 * use cases (app/checkin.h), render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/checkin.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "view/checkin.h"

/* FLAGS ("confidence_drop;optimistic") in LANG into OUT. */
static const char *flags_text(const char *lang, const char *flags, char *out, size_t size)
{
    if (!i18n_zh(lang))
        return flags;
    snprintf(out, size, "%s%s%s",
             strstr(flags, "confidence_drop") ? i18n(lang, "confidence_drop") : "",
             strchr(flags, ';') ? "；" : "",
             strstr(flags, "optimistic") ? i18n(lang, "optimistic") : "");
    return out;
}

static void print_saved(struct cli_ctx *ctx, const char *what_en, const char *what_zh,
                        const struct checkin *c, const char *currency)
{
    bool zh = i18n_zh(ctx->lang);
    char at[CAL_DATE_LEN], fl[128];
    char *actual = value_display(&c->actual, currency, ctx->lang);
    char *attain = value_display(&c->attainment, currency, ctx->lang);
    char *pace = value_display(&c->pace, currency, ctx->lang);
    cal_format(c->at, at);
    if (zh)
        fprintf(ctx->out, "%s %lld：目标 %lld，截至 %s，实际 %s，完成率 %s，进度 %s，状态 %s%s%s\n",
                what_zh, (long long)c->id, (long long)c->goal_id, at, actual, attain, pace,
                i18n(ctx->lang, c->status), c->flags[0] ? "，标记 " : "",
                flags_text(ctx->lang, c->flags, fl, sizeof fl));
    else
        fprintf(ctx->out,
                "%s %lld: goal %lld as of %s, actual %s, attainment %s, pace %s, status %s%s%s\n",
                what_en, (long long)c->id, (long long)c->goal_id, at, actual, attain, pace,
                c->status, c->flags[0] ? ", flags " : "", c->flags);
    free(actual);
    free(attain);
    free(pace);
}

static int checkin_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct checkin_add_options o = {0};
    struct opt_spec specs[] = {
        OPT_VALUE("--confidence", &o.confidence), OPT_VALUE("--note", &o.note),
        OPT_VALUE("--blockers", &o.blockers),     OPT_VALUE("--next", &o.next),
        OPT_VALUE("--as-of", &o.as_of),           OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("checkin add", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain checkin add: give the goal id (attain goal ls lists them)\n");
        return 2;
    }
    o.goal = pos[0];
    struct app *app;
    struct checkin c;
    if (cli_open(ctx, &app, &err) || app_checkin_add(app, &o, &c, &err))
        return cli_fail(ctx, &err);
    print_saved(ctx, "check-in", "已提交进度检查", &c, app->currency);
    return 0;
}

static int checkin_ack(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *comment = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--comment", &comment), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("checkin ack", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err,
                "attain checkin ack: give the check-in id (attain checkin ls lists them)\n");
        return 2;
    }
    struct app *app;
    struct checkin c;
    if (cli_open(ctx, &app, &err) || app_checkin_ack(app, pos[0], comment, &c, &err))
        return cli_fail(ctx, &err);
    char day[CAL_DATE_LEN];
    fprintf(ctx->out,
            i18n_zh(ctx->lang) ? "已确认进度检查 %lld（%s）\n"
                               : "check-in %lld acknowledged as of %s\n",
            (long long)c.id, cal_format(c.acked_at, day));
    return 0;
}

/* The terminal table of `checkin ls` (12 columns, shown in the reader's
 * language); the other formats are view/checkin.h's table. */
struct ls_ctx {
    struct table *t;
    const char *lang, *currency;
};

static enum at_status ls_row(const struct checkin_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct ls_ctx *l = ctx;
    const struct checkin *c = &r->c;
    char id[24], goal[24], at[CAL_DATE_LEN], conf[8], fl[128];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(goal, sizeof goal, "%lld", (long long)c->goal_id);
    cal_format(c->at, at);
    snprintf(conf, sizeof conf, "%d", c->confidence);
    const char *confidence = c->confidence >= 0 ? conf : "";
    char *actual = value_display(&c->actual, l->currency, l->lang);
    char *attain = value_display(&c->attainment, l->currency, l->lang);
    char *pace = value_display(&c->pace, l->currency, l->lang);
    const char *row[] = {id,
                         goal,
                         at,
                         r->by,
                         confidence,
                         actual,
                         attain,
                         pace,
                         i18n(l->lang, c->status),
                         r->acked_by,
                         flags_text(l->lang, c->flags, fl, sizeof fl),
                         c->note};
    table_add_row(l->t, row);
    free(actual);
    free(attain);
    free(pace);
    return AT_OK;
}

static int checkin_ls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct checkin_list_options o = {0};
    const char *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope), OPT_VALUE("--since", &o.since),
                               OPT_VALUE("--format", &format), OPT_VALUE("--out", &out), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("checkin ls", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    o.goal = n_pos ? pos[0] : NULL;
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st;
    if (fmt == FMT_TABLE) {
        const char *tcols[] = {"id",         "goal", "at",     "by",       "confidence", "actual",
                               "attainment", "pace", "status", "acked_by", "flags",      "note"};
        table_init(&t, 12, tcols);
        snprintf(t.currency, sizeof t.currency, "%s", app->currency);
        for (size_t c = 4; c < 8; c++)
            t.right[c] = true;
        t.right[0] = t.right[1] = true;
        struct ls_ctx l = {&t, ctx->lang, app->currency};
        st = app_checkin_list(app, &o, ls_row, &l, &err);
    } else {
        st = view_checkins(app, &o, 0, NULL, &t, &err);
    }
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, out, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static int checkin_due(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *scope = NULL, *as_of = NULL, *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &scope), OPT_VALUE("--as-of", &as_of),
                               OPT_VALUE("--format", &format), OPT_VALUE("--out", &out), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("checkin due", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_checkins_due(app, scope, as_of, NULL, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, out, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static const struct {
    const char *name;
    int (*run)(struct cli_ctx *, int, char **);
} checkin_commands[] = {
    {"ack", checkin_ack},
    {"add", checkin_add},
    {"due", checkin_due},
    {"ls", checkin_ls},
};

int cmd_checkin(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(ctx->err,
                "attain checkin: give a subcommand: add, ack, ls or due (attain help checkin)\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof checkin_commands / sizeof checkin_commands[0]; i++)
        if (strcmp(argv[0], checkin_commands[i].name) == 0)
            return checkin_commands[i].run(ctx, argc - 1, argv + 1);
    fprintf(ctx->err, "attain checkin: no subcommand \"%s\" (attain help checkin)\n", argv[0]);
    return 2;
}
