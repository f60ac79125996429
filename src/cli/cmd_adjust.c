/*
 * cmd_adjust.c — attain goal lock, unlock, approve, reject, requests and
 * reassign: adjustments with approval (app/adjust.h). Parse, call, render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/adjust.h"
#include "app/app.h"
#include "app/goals.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "view/requests.h"

void cli_request_made(struct cli_ctx *ctx, int64_t goal, int64_t request)
{
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out,
                "目标 %lld 已锁定：已提交变更申请 %lld，目标未改变；由其负责人的上级审批："
                "attain goal approve %lld --as person:姓名\n",
                (long long)goal, (long long)request, (long long)request);
    else
        fprintf(ctx->out,
                "goal %lld is locked: change request %lld made, nothing changed yet; someone "
                "above its owner approves it: attain goal approve %lld --as person:NAME\n",
                (long long)goal, (long long)request, (long long)request);
}

/* The id argument (a goal or a request) of CMD. */
static enum at_status id_arg(const char *cmd, const char *what, int n_pos, char **pos, int64_t *id,
                             struct at_err *err)
{
    if (n_pos < 1)
        return at_err_set(err, AT_INVALID, "usage: attain %s %s", cmd, what);
    if (!str_to_i64(pos[0], id) || *id <= 0)
        return at_err_set(err, AT_INVALID, "attain %s: \"%s\" is not a %s id", cmd, pos[0],
                          strcmp(what, "REQ") == 0 ? "request" : "goal");
    return AT_OK;
}

static int lock_cmd(struct cli_ctx *ctx, int argc, char **argv, bool lock)
{
    struct at_err err = {0};
    const char *reason = NULL;
    const char *name = lock ? "goal lock" : "goal unlock";
    struct opt_spec specs[] = {OPT_VALUE("--reason", &reason), OPT_END};
    char *pos[1];
    int n_pos;
    int64_t id;
    if (opts_parse(name, argc, argv, specs, pos, 1, &n_pos, &err) ||
        id_arg(name, "ID", n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st =
        lock ? app_goal_lock(app, id, reason, &err) : app_goal_unlock(app, id, reason, &err);
    if (st)
        return cli_fail(ctx, &err);
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out,
                lock ? "已锁定目标 %lld：修改目标值、周期或范围需上级审批\n" : "已解锁目标 %lld\n",
                (long long)id);
    else
        fprintf(ctx->out,
                lock ? "goal %lld locked: a change of its target, period or scope needs "
                       "approval\n"
                     : "goal %lld unlocked\n",
                (long long)id);
    return 0;
}

int cmd_goal_lock(struct cli_ctx *ctx, int argc, char **argv)
{
    return lock_cmd(ctx, argc, argv, true);
}

int cmd_goal_unlock(struct cli_ctx *ctx, int argc, char **argv)
{
    return lock_cmd(ctx, argc, argv, false);
}

static int decide_cmd(struct cli_ctx *ctx, int argc, char **argv, bool approve)
{
    struct at_err err = {0};
    const char *comment = NULL;
    const char *name = approve ? "goal approve" : "goal reject";
    struct opt_spec specs[] = {OPT_VALUE("--comment", &comment), OPT_END};
    char *pos[1];
    int n_pos;
    int64_t id;
    if (opts_parse(name, argc, argv, specs, pos, 1, &n_pos, &err) ||
        id_arg(name, "REQ", n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st = approve ? app_request_approve(app, id, comment, &err)
                                : app_request_reject(app, id, comment, &err);
    if (st)
        return cli_fail(ctx, &err);
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out, approve ? "已批准变更申请 %lld，变更已生效\n" : "已驳回变更申请 %lld\n",
                (long long)id);
    else
        fprintf(ctx->out,
                approve ? "request %lld approved and applied\n" : "request %lld rejected\n",
                (long long)id);
    return 0;
}

int cmd_goal_approve(struct cli_ctx *ctx, int argc, char **argv)
{
    return decide_cmd(ctx, argc, argv, true);
}

int cmd_goal_reject(struct cli_ctx *ctx, int argc, char **argv)
{
    return decide_cmd(ctx, argc, argv, false);
}

/* The terminal table of `goal requests` in Chinese: the summary is English
 * text, so it shows the goals instead (11 columns); every other format is
 * view/requests.h's table. */
static enum at_status request_row_zh(const struct request_view *v, void *ctx, struct at_err *err)
{
    (void)err;
    struct table *t = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)v->r.id);
    const char *stale = strcmp(v->r.status, "pending") != 0 ? "" : v->stale ? "yes" : "no";
    const char *row[] = {
        id,          v->r.kind,         v->r.status,       v->scope,        v->goals,
        v->r.reason, v->r.requested_by, v->r.requested_on, v->r.decided_by, v->r.comment,
        stale};
    table_add_row(t, row);
    return AT_OK;
}

int cmd_goal_requests(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *scope = NULL, *status = "pending", *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--scope", &scope), OPT_VALUE("--status", &status),
                               OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal requests", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    bool zh = i18n_zh(ctx->lang);
    struct table t;
    enum at_status st;
    if (fmt == FMT_TABLE && zh) {
        const char *zh_cols[] = {"id",         "kind",    "status",       "scope",
                                 "goals",      "reason",  "requested_by", "requested_on",
                                 "decided_by", "comment", "stale"};
        table_init(&t, 11, zh_cols);
        t.right[0] = true;
        st = app_requests(app, scope, status, request_row_zh, &t, &err);
    } else {
        st = view_requests(app, scope, status, NULL, &t, &err);
    }
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, NULL, 60, &err);
    if (!st && fmt == FMT_TABLE && t.n_rows == 0)
        fputs(zh ? "没有变更申请\n" : "no requests\n", ctx->out);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static enum at_status print_reassign(struct cli_ctx *ctx, struct app *app,
                                     const struct reassign_plan *p, enum out_format fmt)
{
    const char *cols[] = {"goal", "scope", "period", "metric", "weight", "old", "new"};
    struct table t;
    table_init(&t, 7, cols);
    t.lang = ctx->lang;
    t.right[0] = t.right[4] = t.right[5] = t.right[6] = true;
    for (size_t i = 0; i < p->n; i++) {
        const struct reassign_line *l = &p->lines[i];
        char id[24], period[PERIOD_TEXT_MAX], weight[32] = "", old[64], neu[64];
        if (l->goal.id)
            snprintf(id, sizeof id, "%lld", (long long)l->goal.id);
        else
            snprintf(id, sizeof id, "%s", i18n_zh(ctx->lang) ? "新建" : "new");
        period_format(&l->goal.period, period);
        if (!l->leaver)
            snprintf(weight, sizeof weight, "%lld", (long long)l->weight);
        struct goal before = l->goal;
        before.target = l->old_target;
        app_goal_target_text(app, &before, old, sizeof old);
        app_goal_target_text(app, &l->goal, neu, sizeof neu);
        const char *row[] = {id,     l->goal.scope, period, metric_def(l->goal.metric)->key,
                             weight, old,           neu};
        table_add_row(&t, row);
    }
    enum at_status st = table_write(&t, fmt, NULL, 40, NULL);
    table_free(&t);
    return st;
}

int cmd_goal_reassign(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct reassign_options o = {0};
    const char *format = "table";
    bool yes = false;
    struct opt_spec specs[] = {OPT_VALUE("--period", &o.period), OPT_VALUE("--to", &o.to),
                               OPT_VALUE("--method", &o.method), OPT_VALUE("--as-of", &o.as_of),
                               OPT_VALUE("--reason", &o.reason), OPT_VALUE("--format", &format),
                               OPT_FLAG("--yes", &yes),          OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("goal reassign", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos < 1) {
        at_err_set(&err, AT_INVALID,
                   "usage: attain goal reassign PERSON --period P --to members|PERSON "
                   "--method even|capacity|history --as P --reason R --yes");
        return cli_fail(ctx, &err);
    }
    o.person = pos[0];
    if (yes && (!o.reason || !*o.reason)) {
        at_err_set(&err, AT_INVALID,
                   i18n_zh(ctx->lang) ? "attain goal reassign：请用 --reason 说明原因"
                                      : "attain goal reassign: say why with --reason (kept in "
                                        "the history of every goal it changes)");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct reassign_plan plan;
    enum at_status st = app_goal_reassign(app, &o, false, &plan, &err);
    if (st)
        return cli_fail(ctx, &err);
    print_reassign(ctx, app, &plan, fmt);
    reassign_plan_free(&plan);
    if (!cli_confirm(ctx, yes,
                     i18n_zh(ctx->lang) ? "保存这次目标移交？" : "Save this reassignment?"))
        return 0;
    if ((st = app_goal_reassign(app, &o, true, &plan, &err)))
        return cli_fail(ctx, &err);
    if (plan.request_id) {
        if (i18n_zh(ctx->lang))
            fprintf(ctx->out,
                    "涉及已锁定的目标：已提交变更申请 %lld，目标未改变；由上级审批："
                    "attain goal approve %lld --as person:姓名\n",
                    (long long)plan.request_id, (long long)plan.request_id);
        else
            fprintf(ctx->out,
                    "a goal it changes is locked: change request %lld made, nothing changed "
                    "yet; someone above approves it: attain goal approve %lld --as "
                    "person:NAME\n",
                    (long long)plan.request_id, (long long)plan.request_id);
    } else {
        fprintf(ctx->out,
                i18n_zh(ctx->lang) ? "已移交 %s 的剩余目标（%zu 个目标）\n"
                                   : "reassigned the remaining target of %s (%zu goals)\n",
                o.person, plan.n);
    }
    reassign_plan_free(&plan);
    return 0;
}
