/*
 * cmd_goal.c — attain goal (add, ls, show, edit, archive, action) and attain
 * objective (add, ls): parse, call the goal use cases, render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/adjust.h"
#include "app/app.h"
#include "app/goal_import.h"
#include "app/check.h"
#include "app/goal_tree.h"
#include "app/goals.h"
#include "domain/display.h"
#include "domain/sentence.h"
#include <jansson.h>
#include "app/progress.h"
#include "app/review.h"
#include "app/split.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "domain/calendar.h"
#include "view/goal.h"

#define MAX_FILTERS 8

/* Options shared by add and edit. */
struct goal_args {
    struct goal_fields f;
    const char *filters[MAX_FILTERS];
    size_t n_filters;
    const char *format, *reason, *me, *decision;
    bool yes;
    char *pos[2];
    int n_pos;
};

static enum at_status parse_goal_args(const char *cmd, int argc, char **argv, struct goal_args *a,
                                      int max_pos, struct at_err *err)
{
    memset(a, 0, sizeof *a);
    a->format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--metric", &a->f.metric),
                               OPT_VALUE("--scope", &a->f.scope),
                               OPT_VALUE("--period", &a->f.period),
                               OPT_VALUE("--target", &a->f.target),
                               OPT_VALUE("--growth", &a->f.growth),
                               OPT_VALUE("--base", &a->f.base),
                               OPT_VALUE("--title", &a->f.title),
                               OPT_VALUE("--parent", &a->f.parent),
                               OPT_VALUE("--objective", &a->f.objective),
                               OPT_VALUE("--direction", &a->f.direction),
                               OPT_VALUE("--cadence", &a->f.cadence),
                               OPT_LIST("--filter", a->filters, &a->n_filters, MAX_FILTERS),
                               OPT_VALUE("--as-of", &a->f.as_of),
                               OPT_VALUE("--format", &a->format),
                               OPT_VALUE("--reason", &a->reason),
                               OPT_VALUE("--decision", &a->decision),
                               OPT_VALUE("--me", &a->me),
                               OPT_FLAG("--yes", &a->yes),
                               OPT_END};
    enum at_status st = opts_parse(cmd, argc, argv, specs, a->pos, max_pos, &a->n_pos, err);
    if (!st && a->decision && strcmp(cmd, "goal edit") != 0)
        st = at_err_set(err, AT_INVALID, "%s: --decision goes with goal edit", cmd);
    a->f.filters = a->filters;
    a->f.n_filters = a->n_filters;
    return st;
}

/* The day of --as-of TEXT, or today when it is NULL. */
static enum at_status as_of_day(const struct cli_ctx *ctx, const char *text, int32_t *day,
                                struct at_err *err)
{
    *day = ctx->today;
    if (text && !cal_parse_iso(text, day))
        return at_err_set(err, AT_INVALID, "--as-of %s: write the date as YYYY-MM-DD", text);
    return AT_OK;
}

/* The SMART letters and the achievability verdict of C. */
static void print_check(struct cli_ctx *ctx, const struct goal_check *c, enum out_format fmt,
                        const char *understood, const char *missing)
{
    const struct smart_letter *l[] = {&c->smart.s, &c->smart.m, &c->smart.a, &c->smart.r,
                                      &c->smart.t};
    static const char *const letters[] = {"S", "M", "A", "R", "T"};
    bool zh = strcmp(ctx->lang, "zh") == 0;
    if (fmt == FMT_JSON) {
        json_t *root = view_goal_check_json(c, understood, missing);
        json_dumpf(root, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(root);
        return;
    }
    if (understood && *understood)
        fprintf(ctx->out, "%s: %s\n", zh ? "理解为" : "understood", understood);
    if (missing && *missing)
        fprintf(ctx->out, "%s: %s\n", zh ? "缺少" : "missing", missing);
    fprintf(ctx->out, "SMART %d/5\n", c->smart.score);
    for (int i = 0; i < 5; i++)
        fprintf(ctx->out, "  %s %s  %s\n", letters[i], l[i]->ok ? "✓" : "✗", l[i]->reason);
    if (c->judged) {
        fprintf(ctx->out, "%s: %s\n", zh ? "可实现性" : "achievability",
                achieve_verdict_label(c->achieve.verdict, ctx->lang));
        for (size_t i = 0; i < c->achieve.n_reasons; i++)
            fprintf(ctx->out, "  - %s\n", c->achieve.reasons[i]);
    }
}

/* attain goal add "SENTENCE": read, show, ask, save. */
static int goal_add_sentence(struct cli_ctx *ctx, struct goal_args *a, enum out_format fmt)
{
    struct at_err err = {0};
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal g;
    struct sentence_goal sg;
    const char *me = a->me ? a->me : getenv("ATTAIN_USER");
    enum at_status st =
        app_goal_from_sentence(app, a->pos[0], a->f.as_of, ctx->lang, me, &g, &sg, &err);
    /* the options given with the sentence (--objective, --cadence, --title ...)
     * are kept, and win over what the sentence said; the sentence itself too */
    struct goal_meta m;
    memset(&m, 0, sizeof m);
    snprintf(m.origin, sizeof m.origin, "sentence");
    snprintf(m.sentence, sizeof m.sentence, "%s", a->pos[0]);
    if (!st)
        st = app_goal_apply(app, &a->f, &g, &m, &err);
    struct goal_check c;
    struct check_parts parts = {
        sg.has_metric || a->f.metric, sg.has_scope || a->f.scope, sg.has_period || a->f.period,
        sg.has_target || sg.has_growth || a->f.target || a->f.growth, sg.vague};
    int32_t day;
    if (!st)
        st = as_of_day(ctx, a->f.as_of, &day, &err);
    if (!st)
        st = app_goal_check(app, &g, &m, &parts, ctx->lang, day, &c, &err);
    if (!st) {
        print_check(ctx, &c, fmt, sg.understood, sg.missing);
        if (!parts.metric || !parts.period || !parts.target) {
            st = at_err_set(&err, AT_INVALID, "%s",
                            strcmp(ctx->lang, "zh") == 0
                                ? "目标不完整（缺少指标、周期或目标值），未保存"
                                : "the goal is incomplete (metric, period or target missing); "
                                  "nothing saved");
        } else if (cli_confirm(ctx, a->yes,
                               strcmp(ctx->lang, "zh") == 0 ? "保存这个目标？"
                                                            : "Save this goal?")) {
            st = app_goal_save(app, &g, &m, &err);
            if (!st)
                fprintf(ctx->out, i18n_zh(ctx->lang) ? "已添加目标 %lld\n" : "goal %lld added\n",
                        (long long)g.id);
        }
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct goal_args a;
    enum out_format fmt;
    if (parse_goal_args("goal add", argc, argv, &a, 1, &err) ||
        out_format_parse(a.format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (a.n_pos)
        return goal_add_sentence(ctx, &a, fmt);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal g;
    struct goal_meta m;
    enum at_status st = app_goal_build(app, &a.f, ctx->lang, &g, &m, &err);
    if (!st)
        st = app_goal_save(app, &g, &m, &err);
    if (!st) {
        struct table t;
        view_goal_fields(app, &g, &m, ctx->lang, &t);
        if (fmt == FMT_TABLE)
            fprintf(ctx->out, i18n_zh(ctx->lang) ? "已添加目标 %lld\n" : "goal %lld added\n",
                    (long long)g.id);
        st = table_write(&t, fmt, NULL, 0, &err);
        table_free(&t);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

struct ls_ctx {
    struct app *app;
    struct table *t;
};

static enum at_status ls_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                              struct at_err *err)
{
    (void)m;
    (void)err;
    struct ls_ctx *c = ctx;
    char id[24], parent[24], objective[24], target[64], period[PERIOD_TEXT_MAX];
    snprintf(id, sizeof id, "%lld", (long long)g->id);
    snprintf(parent, sizeof parent, "%lld", (long long)g->parent);
    snprintf(objective, sizeof objective, "%lld", (long long)g->objective);
    app_goal_target_text(c->app, g, target, sizeof target);
    period_format(&g->period, period);
    const char *row[] = {id,
                         g->parent ? parent : "",
                         g->scope,
                         period,
                         metric_def(g->metric)->key,
                         target,
                         g->title,
                         g->objective ? objective : "",
                         g->filter,
                         g->archived ? "yes" : "no"};
    table_add_row(c->t, row);
    return AT_OK;
}

static int goal_ls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table";
    bool archived = false;
    struct opt_spec specs[] = {OPT_VALUE("--format", &format), OPT_FLAG("--archived", &archived),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal ls", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    const char *cols[] = {"id",     "parent", "scope",     "period", "metric",
                          "target", "title",  "objective", "filter", "archived"};
    struct table t;
    table_init(&t, 10, cols);
    t.lang = ctx->lang;
    t.right[0] = t.right[1] = t.right[5] = true;
    struct ls_ctx c = {app, &t};
    enum at_status st = app_goal_list(app, archived, ls_goal, &c, &err);
    if (!st)
        st = table_write(&t, fmt, NULL, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* Every change of a goal says why: REASON must be given to CMD. */
static enum at_status need_reason(const char *lang, const char *cmd, const char *reason,
                                  struct at_err *err)
{
    if (reason && *reason)
        return AT_OK;
    if (i18n_zh(lang))
        return at_err_set(err, AT_INVALID,
                          "attain %s：请用 --reason 说明原因（记入目标的变更记录）", cmd);
    return at_err_set(err, AT_INVALID,
                      "attain %s: say why with --reason (kept in the goal's history)", cmd);
}

/* Read the goal id argument of a goal subcommand. */
static enum at_status goal_id_arg(const char *cmd, int n_pos, char **pos, int64_t *id,
                                  struct at_err *err)
{
    if (n_pos < 1)
        return at_err_set(err, AT_INVALID, "usage: attain %s ID", cmd);
    if (!str_to_i64(pos[0], id) || *id <= 0)
        return at_err_set(err, AT_INVALID, "attain %s: \"%s\" is not a goal id", cmd, pos[0]);
    return AT_OK;
}

static int goal_show(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    int64_t id;
    if (opts_parse("goal show", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err) || goal_id_arg("goal show", n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal g;
    struct goal_meta m;
    enum at_status st = app_goal_get(app, id, &g, &m, &err);
    if (!st) {
        struct table t;
        view_goal_fields(app, &g, &m, ctx->lang, &t);
        st = table_write(&t, fmt, NULL, 0, &err);
        table_free(&t);
    }
    if (!st && fmt == FMT_TABLE) {
        bool locked = false;
        struct goal_lock lock;
        st = app_goal_lock_get(app, id, &locked, &lock, &err);
        if (!st && locked) {
            char who[200];
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "\n已锁定（%s，%s）：修改目标值、周期或范围需上级审批\n"
                                       : "\nlocked by %s on %s: a change of its target, period "
                                         "or scope needs approval\n",
                    i18n_cell(ctx->lang, "by", NULL, lock.locked_by, who, sizeof who), lock.day);
        }
    }
    if (!st && fmt == FMT_TABLE) {
        struct table h;
        st = view_goal_history(app, id, ctx->lang, &h, &err);
        if (!st) {
            fputs(i18n_zh(ctx->lang) ? "\n变更记录\n" : "\nhistory\n", ctx->out);
            table_print(&h, FMT_TABLE, 100, ctx->out); /* reasons in full */
        }
        table_free(&h);
        struct table at = {0};
        if (!st)
            st = view_goal_actions(app, id, ctx->lang, &at, &err);
        if (!st && at.n_rows) {
            fputs(i18n_zh(ctx->lang) ? "\n行动步骤\n" : "\naction steps\n", ctx->out);
            table_print(&at, FMT_TABLE, 40, ctx->out);
        }
        table_free(&at);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_edit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct goal_args a;
    int64_t id;
    if (parse_goal_args("goal edit", argc, argv, &a, 1, &err) ||
        goal_id_arg("goal edit", a.n_pos, a.pos, &id, &err))
        return cli_fail(ctx, &err);
    if (need_reason(ctx->lang, "goal edit", a.reason, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    int64_t request = 0;
    char cited[1200];
    const char *reason = a.reason ? a.reason : "";
    enum at_status st = AT_OK;
    if (a.decision &&
        !(st = app_decision_cite(app, a.decision, id, reason, cited, sizeof cited, &err)))
        reason = cited;
    if (!st)
        st = app_goal_edit(app, id, &a.f, reason, ctx->lang, &request, &err);
    if (!st && request)
        cli_request_made(ctx, id, request);
    else if (!st)
        fprintf(ctx->out, i18n_zh(ctx->lang) ? "已修改目标 %lld\n" : "goal %lld changed\n",
                (long long)id);
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_archive(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *reason = "";
    struct opt_spec specs[] = {OPT_VALUE("--reason", &reason), OPT_END};
    char *pos[1];
    int n_pos;
    int64_t id;
    if (opts_parse("goal archive", argc, argv, specs, pos, 1, &n_pos, &err) ||
        goal_id_arg("goal archive", n_pos, pos, &id, &err) ||
        need_reason(ctx->lang, "goal archive", reason, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st = app_goal_archive(app, id, reason, &err);
    if (!st)
        fprintf(ctx->out, i18n_zh(ctx->lang) ? "已归档目标 %lld\n" : "goal %lld archived\n",
                (long long)id);
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_action(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *what = NULL, *owner = NULL, *due = NULL, *driver = NULL, *format = "table";
    bool done = false, undo = false;
    struct opt_spec specs[] = {OPT_VALUE("--what", &what),     OPT_VALUE("--owner", &owner),
                               OPT_VALUE("--due", &due),       OPT_VALUE("--driver", &driver),
                               OPT_VALUE("--format", &format), OPT_FLAG("--done", &done),
                               OPT_FLAG("--undone", &undo),    OPT_END};
    char *pos[2];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal action", argc, argv, specs, pos, 2, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos < 1 || (strcmp(pos[0], "add") && strcmp(pos[0], "ls") && strcmp(pos[0], "done"))) {
        at_err_set(&err, AT_INVALID,
                   "usage: attain goal action add GOAL --what W [--owner O] [--due DATE] "
                   "[--driver D] | ls [GOAL] | done STEP [--undone]");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st = AT_OK;
    int64_t id = 0;
    if (n_pos > 1 && (!str_to_i64(pos[1], &id) || id <= 0))
        st = at_err_set(&err, AT_INVALID, "\"%s\" is not an id", pos[1]);
    if (!st && strcmp(pos[0], "add") == 0) {
        int64_t step;
        if (!id)
            st = at_err_set(&err, AT_INVALID, "attain goal action add GOAL --what W");
        if (!st)
            st = app_action_add(app, id, what, owner, due, driver, &step, &err);
        if (!st)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "已添加行动步骤 %lld（目标 %lld）\n"
                                       : "action step %lld added to goal %lld\n",
                    (long long)step, (long long)id);
    } else if (!st && strcmp(pos[0], "done") == 0) {
        if (!id)
            st = at_err_set(&err, AT_INVALID, "attain goal action done STEP");
        if (!st)
            st = app_action_done(app, id, !undo, &err);
        (void)done;
    } else if (!st) {
        struct table t;
        st = view_goal_actions(app, id, ctx->lang, &t, &err);
        if (!st)
            st = table_write(&t, fmt, NULL, 40, &err);
        table_free(&t);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_import(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct goal_import_options o = {0};
    struct opt_spec specs[] = {
        OPT_VALUE("--metric", &o.metric),  OPT_VALUE("--year", &o.year),
        OPT_VALUE("--scale", &o.scale),    OPT_VALUE("--encoding", &o.encoding),
        OPT_FLAG("--dry-run", &o.dry_run), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("goal import", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        at_err_set(&err, AT_INVALID,
                   "usage: attain goal import FILE [--metric M] [--year Y] "
                   "[--scale N] [--dry-run]");
        return cli_fail(ctx, &err);
    }
    o.path = pos[0];
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal_import_report r;
    goal_import_report_init(&r);
    enum at_status st = app_goal_import(app, &o, &r, &err);
    if (r.errors.len)
        fputs(buf_str(&r.errors), ctx->err);
    if (r.n_errors > 50)
        fprintf(ctx->err, i18n_zh(ctx->lang) ? "……另有 %ld 处\n" : "... and %ld more\n",
                r.n_errors - 50);
    if (!st && i18n_zh(ctx->lang))
        fprintf(ctx->out, "%s：%ld 行，目标新增 %ld、更新 %ld、未变 %ld，空单元格 %ld%s\n", o.path,
                r.rows, r.inserted, r.updated, r.unchanged, r.skipped,
                o.dry_run ? " — 试运行，未写入" : "");
    else if (!st)
        fprintf(ctx->out,
                "%s: %ld rows, goals inserted %ld, updated %ld, unchanged %ld, empty cells %ld%s\n",
                o.path, r.rows, r.inserted, r.updated, r.unchanged, r.skipped,
                o.dry_run ? " — dry run, nothing written" : "");
    goal_import_report_free(&r);
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_status(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct progress_options o = {0};
    const char *format = "table", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope), OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--as-of", &o.as_of), OPT_VALUE("--basis", &o.basis),
                               OPT_VALUE("--plan", &o.plan),   OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),       OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal status", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_goal_status(app, &o, fmt == FMT_TABLE, ctx->lang, NULL, &t, &err);
    if (!st)
        st = table_write(&t, fmt, out, 30, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* The parts of a split or reconcile plan as a table. */
static enum at_status print_plan(struct cli_ctx *ctx, struct app *app, const struct split_plan *p,
                                 enum out_format fmt, const int64_t *old_targets)
{
    struct table t;
    view_split_plan(app, p, fmt == FMT_TABLE, ctx->lang, old_targets, &t);
    enum metric_unit unit = metric_def(p->parent.metric)->unit;
    int exponent = currency_exponent(app->currency);
    char total[64], want[64];
    snprintf(total, sizeof total, "%s", t.cells[(t.n_rows - 1) * t.n_cols + 3]);
    goal_target_format(unit, p->parent.target, exponent, want, sizeof want);
    enum at_status st = table_write(&t, fmt, NULL, 40, NULL);
    char name[256];
    if (fmt == FMT_TABLE && strcmp(p->over, "rebalance") != 0 && p->rebalanced) {
        char remaining[64], closed[64];
        goal_target_format(unit, p->want, exponent, remaining, sizeof remaining);
        goal_target_format(unit, p->closed_actual, exponent, closed, sizeof closed);
        if (i18n_zh(ctx->lang))
            fprintf(ctx->out, "%s 目标 %s 减去已结束子周期的实际 %s = %s = 未结束部分之和 %s\n",
                    display_scope(p->parent.scope, ctx->lang, name, sizeof name), want, closed,
                    remaining, total);
        else
            fprintf(ctx->out,
                    "%s target %s less the actual %s of the closed sub-periods = %s = Σ open "
                    "parts %s\n",
                    p->parent.scope, want, closed, remaining, total);
    } else if (fmt == FMT_TABLE && strcmp(p->over, "rebalance") != 0 && i18n_zh(ctx->lang)) {
        fprintf(ctx->out, "%s 目标 %s = 各部分之和 %s%s\n",
                display_scope(p->parent.scope, ctx->lang, name, sizeof name), want, total,
                p->copies ? "（比率或评分：每部分沿用目标值）" : "");
    } else if (fmt == FMT_TABLE && strcmp(p->over, "rebalance") != 0) {
        fprintf(ctx->out, "%s target %s = Σ parts %s%s\n", p->parent.scope, want, total,
                p->copies ? " (a ratio or score: every part keeps the target)" : "");
    }
    table_free(&t);
    return st;
}

static int goal_split(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *over = NULL, *method = NULL, *values = NULL, *format = "table", *reason = NULL;
    bool yes = false, lock = false;
    struct opt_spec specs[] = {OPT_VALUE("--over", &over),     OPT_VALUE("--method", &method),
                               OPT_VALUE("--values", &values), OPT_VALUE("--format", &format),
                               OPT_VALUE("--reason", &reason), OPT_FLAG("--yes", &yes),
                               OPT_FLAG("--lock", &lock),      OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    int64_t id;
    if (opts_parse("goal split", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err) || goal_id_arg("goal split", n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct split_plan plan;
    enum at_status st = app_goal_split_plan(app, id, over, method, values, &plan, &err);
    if (!st) {
        if (fmt == FMT_TABLE)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "目标 %lld 按%s分解（方法：%s）：\n"
                                       : "goal %lld split over %s by %s:\n",
                    (long long)id, i18n_zh(ctx->lang) ? i18n(ctx->lang, over) : over,
                    i18n_zh(ctx->lang) ? i18n(ctx->lang, method) : method);
        print_plan(ctx, app, &plan, fmt, NULL);
        if (yes && need_reason(ctx->lang, "goal split", reason, &err)) {
            st = AT_INVALID;
        } else if (cli_confirm(ctx, yes,
                               i18n_zh(ctx->lang) ? "保存这些子目标？" : "Save these sub-goals?")) {
            st = need_reason(ctx->lang, "goal split", reason, &err);
            plan.lock = lock;
            if (!st)
                st = app_goal_split_save(app, &plan, reason, &err);
            if (!st && lock && fmt == FMT_TABLE)
                fprintf(ctx->out,
                        i18n_zh(ctx->lang)
                            ? "已锁定目标 %lld 及其子目标：修改目标值、周期或范围需上级审批\n"
                            : "locked goal %lld and its sub-goals: a change of target, period "
                              "or scope now needs approval\n",
                        (long long)id);
            if (!st && fmt == FMT_TABLE)
                fprintf(ctx->out,
                        i18n_zh(ctx->lang)
                            ? "已保存目标 %2$lld 的 %1$zu 个子目标（%3$lld..%4$lld）\n"
                            : "saved %zu sub-goals of goal %lld (%lld..%lld)\n",
                        plan.n_parts, (long long)id, (long long)plan.parts[0].goal.id,
                        (long long)plan.parts[plan.n_parts - 1].goal.id);
        }
        split_plan_free(&plan);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_reconcile(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *fix = NULL, *method = "even", *format = "table", *over = NULL, *reason = NULL;
    bool yes = false;
    struct opt_spec specs[] = {OPT_VALUE("--fix", &fix),
                               OPT_VALUE("--method", &method),
                               OPT_VALUE("--over", &over),
                               OPT_VALUE("--reason", &reason),
                               OPT_VALUE("--format", &format),
                               OPT_FLAG("--yes", &yes),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal reconcile", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st;
    if (!fix) {
        struct table t;
        st = view_goal_mismatches(app, ctx->lang, NULL, &t, &err);
        if (!st) {
            st = table_write(&t, fmt, NULL, 40, &err);
            if (fmt == FMT_TABLE)
                fprintf(ctx->out,
                        !i18n_zh(ctx->lang)
                            ? (t.n_rows ? "%zu parents do not match their sub-goals; fix one "
                                          "with: attain goal reconcile --fix ID --method "
                                          "even|history|capacity --reason WHY --yes\n"
                                        : "every parent matches its sub-goals\n")
                            : (t.n_rows ? "%zu 个上级目标与子目标之和不符；修正其中一个："
                                          "attain goal reconcile --fix ID --method "
                                          "even|history|capacity --reason 原因 --yes\n"
                                        : "每个上级目标都与子目标之和相符\n"),
                        t.n_rows);
        }
        table_free(&t);
    } else {
        int64_t id;
        char *fixpos[1] = {(char *)fix};
        st = goal_id_arg("goal reconcile --fix", 1, fixpos, &id, &err);
        struct split_plan plan;
        if (!st && yes)
            st = need_reason(ctx->lang, "goal reconcile --fix", reason, &err);
        if (!st)
            st = app_goal_reconcile_over(app, id, method, over, false, NULL, &plan, &err);
        if (!st) {
            int64_t *old = xmalloc(plan.n_parts * sizeof *old);
            for (size_t i = 0; i < plan.n_parts; i++) {
                struct goal g;
                old[i] = app_goal_get(app, plan.parts[i].goal.id, &g, NULL, NULL) == AT_OK
                             ? g.target
                             : 0;
            }
            print_plan(ctx, app, &plan, fmt, old);
            free(old);
            split_plan_free(&plan);
            if (cli_confirm(ctx, yes,
                            i18n_zh(ctx->lang) ? "保存新的目标值？" : "Save the new targets?")) {
                st = need_reason(ctx->lang, "goal reconcile --fix", reason, &err);
                if (!st)
                    st = app_goal_reconcile_over(app, id, method, over, true, reason, &plan, &err);
                if (!st && plan.request_id) {
                    cli_request_made(ctx, id, plan.request_id);
                    split_plan_free(&plan);
                } else if (!st) {
                    fprintf(ctx->out,
                            i18n_zh(ctx->lang) ? "目标 %lld 已按%s调整\n"
                                               : "goal %lld reconciled by %s\n",
                            (long long)id, i18n(ctx->lang, method));
                    split_plan_free(&plan);
                }
            }
        }
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_check(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct goal_args a;
    enum out_format fmt;
    if (parse_goal_args("goal check", argc, argv, &a, 1, &err) ||
        out_format_parse(a.format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (a.n_pos != 1) {
        at_err_set(&err, AT_INVALID, "usage: attain goal check ID | \"SENTENCE\" [--format json]");
        return cli_fail(ctx, &err);
    }
    int64_t id;
    if (!str_to_i64(a.pos[0], &id)) {
        /* a sentence: checked, never saved */
        struct app *app;
        if (cli_open(ctx, &app, &err))
            return cli_fail(ctx, &err);
        struct goal g;
        struct sentence_goal sg;
        const char *me = a.me ? a.me : getenv("ATTAIN_USER");
        enum at_status st =
            app_goal_from_sentence(app, a.pos[0], a.f.as_of, ctx->lang, me, &g, &sg, &err);
        struct goal_meta m;
        memset(&m, 0, sizeof m);
        if (!st)
            st = app_goal_apply(app, &a.f, &g, &m, &err);
        struct goal_check c;
        struct check_parts parts = {
            sg.has_metric || a.f.metric, sg.has_scope || a.f.scope, sg.has_period || a.f.period,
            sg.has_target || sg.has_growth || a.f.target || a.f.growth, sg.vague};
        int32_t day;
        if (!st)
            st = as_of_day(ctx, a.f.as_of, &day, &err);
        if (!st)
            st = app_goal_check(app, &g, &m, &parts, ctx->lang, day, &c, &err);
        if (!st)
            print_check(ctx, &c, fmt, sg.understood, sg.missing);
        return st ? cli_fail(ctx, &err) : 0;
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal g;
    struct goal_meta m;
    struct goal_check c;
    struct check_parts all = {true, true, true, true, false};
    int32_t day;
    enum at_status st = as_of_day(ctx, a.f.as_of, &day, &err);
    if (!st)
        st = app_goal_get(app, id, &g, &m, &err);
    if (!st)
        st = app_goal_check(app, &g, &m, &all, ctx->lang, day, &c, &err);
    if (!st) {
        if (fmt == FMT_TABLE)
            fprintf(ctx->out, i18n_zh(ctx->lang) ? "目标 %lld：%s\n" : "goal %lld: %s\n",
                    (long long)id, g.title);
        print_check(ctx, &c, fmt, NULL, NULL);
    }
    return st ? cli_fail(ctx, &err) : 0;
}

static int goal_rebalance(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *method = "even", *as_of = NULL, *format = "table", *reason = NULL;
    bool yes = false;
    struct opt_spec specs[] = {OPT_VALUE("--method", &method), OPT_VALUE("--as-of", &as_of),
                               OPT_VALUE("--format", &format), OPT_VALUE("--reason", &reason),
                               OPT_FLAG("--yes", &yes),        OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    int64_t id;
    if (opts_parse("goal rebalance", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err) ||
        goal_id_arg("goal rebalance", n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct split_plan plan;
    int64_t *old;
    enum at_status st = yes ? need_reason(ctx->lang, "goal rebalance", reason, &err) : AT_OK;
    if (!st)
        st = app_goal_rebalance(app, id, method, as_of, false, NULL, &plan, &old, &err);
    if (!st) {
        print_plan(ctx, app, &plan, fmt, old);
        if (fmt == FMT_TABLE)
            fputs(i18n_zh(ctx->lang)
                      ? "目标减去已结束子周期的实际值，分摊到未结束的子周期；已结束的保持原目标\n"
                      : "the target less the actual of the closed sub-periods is spread "
                        "over the open ones; closed ones keep their targets\n",
                  ctx->out);
        free(old);
        old = NULL;
        split_plan_free(&plan);
        if (cli_confirm(ctx, yes,
                        i18n_zh(ctx->lang) ? "保存重新分配的目标值？"
                                           : "Save the rebalanced targets?")) {
            st = need_reason(ctx->lang, "goal rebalance", reason, &err);
            if (!st)
                st = app_goal_rebalance(app, id, method, as_of, true, reason, &plan, &old, &err);
            if (!st && plan.request_id) {
                cli_request_made(ctx, id, plan.request_id);
                free(old);
                split_plan_free(&plan);
            } else if (!st) {
                fprintf(ctx->out,
                        i18n_zh(ctx->lang) ? "目标 %lld 已重新分配\n" : "goal %lld rebalanced\n",
                        (long long)id);
                free(old);
                split_plan_free(&plan);
            }
        }
    }
    return st ? cli_fail(ctx, &err) : 0;
}

/* The alignment tree (app_goal_tree has the rules): objectives, then their
 * goals and sub-goals, with figures (view_goal_tree); the orphans after the table. */
static int goal_tree(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct progress_options o = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--period", &o.period), OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--as-of", &o.as_of),   OPT_VALUE("--plan", &o.plan),
                               OPT_VALUE("--format", &format),   OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal tree", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct goal_tree tree;
    enum at_status st = app_goal_tree(app, &o, &tree, &err);
    struct table t = {0};
    bool zh = strcmp(ctx->lang, "zh") == 0;
    if (!st)
        view_goal_tree(app, &tree, fmt == FMT_TABLE, ctx->lang, NULL, &t);
    if (!st)
        st = table_write(&t, fmt, NULL, 60, &err);
    if (!st && fmt == FMT_TABLE && tree.n_orphans) {
        fprintf(ctx->out, "\n%s:",
                zh ? "孤立目标（无上级目标也无战略目标）"
                   : "orphan goals (no parent, no objective)");
        for (size_t k = 0; k < tree.n_orphans; k++)
            fprintf(ctx->out, " #%lld", (long long)tree.orphans[k]);
        fputc('\n', ctx->out);
    }
    table_free(&t);
    goal_tree_free(&tree);
    return st ? cli_fail(ctx, &err) : 0;
}

static const struct {
    const char *name;
    int (*run)(struct cli_ctx *, int, char **);
} goal_commands[] = {
    {"action", goal_action},
    {"add", goal_add},
    {"approve", cmd_goal_approve},
    {"archive", goal_archive},
    {"check", goal_check},
    {"edit", goal_edit},
    {"import", goal_import},
    {"lock", cmd_goal_lock},
    {"ls", goal_ls},
    {"reassign", cmd_goal_reassign},
    {"rebalance", goal_rebalance},
    {"reconcile", goal_reconcile},
    {"reject", cmd_goal_reject},
    {"requests", cmd_goal_requests},
    {"show", goal_show},
    {"split", goal_split},
    {"status", goal_status},
    {"tree", goal_tree},
    {"unlock", cmd_goal_unlock},
};

int cmd_goal(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(ctx->err, "attain goal: give a subcommand (attain help goal)\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof goal_commands / sizeof goal_commands[0]; i++)
        if (strcmp(argv[0], goal_commands[i].name) == 0)
            return goal_commands[i].run(ctx, argc - 1, argv + 1);
    fprintf(ctx->err, "attain goal: no subcommand \"%s\" (attain help goal)\n", argv[0]);
    return 2;
}

int cmd_objective(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *description = NULL, *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--description", &description),
                               OPT_VALUE("--format", &format), OPT_END};
    char *pos[2];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("objective", argc, argv, specs, pos, 2, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    bool add = n_pos == 2 && strcmp(pos[0], "add") == 0;
    bool ls = n_pos == 1 && strcmp(pos[0], "ls") == 0;
    if (!add && !ls) {
        at_err_set(&err, AT_INVALID,
                   "usage: attain objective add \"TITLE\" [--description D] | ls");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st;
    if (add) {
        int64_t id;
        st = app_objective_add(app, pos[1], description, &id, &err);
        if (!st)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "已添加战略目标 %lld\n" : "objective %lld added\n",
                    (long long)id);
    } else {
        struct table t;
        st = view_objectives(app, ctx->lang, &t, &err);
        if (!st)
            st = table_write(&t, fmt, NULL, 60, &err);
        table_free(&t);
    }
    return st ? cli_fail(ctx, &err) : 0;
}
