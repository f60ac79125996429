/*
 * cmd_alerts.c — attain channel (add, ls, rm, test), attain notify (run,
 * deliver, ls), attain digest and attain config: parse, call the use cases
 * of app/channel.h, app/notify.h, app/digest.h and app/settings.h, render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/channel.h"
#include "app/digest.h"
#include "app/notify.h"
#include "app/settings.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "domain/display.h"
#include "view/alerts.h"

static bool zh(const struct cli_ctx *ctx)
{
    return i18n_zh(ctx->lang);
}

static int usage(struct cli_ctx *ctx, const char *cmd, const char *subs)
{
    struct at_err err;
    at_err_set(&err, AT_INVALID, "%s: give a subcommand: %s (attain help %s)", cmd, subs, cmd);
    return cli_fail(ctx, &err);
}

static enum at_status id_arg(const char *cmd, int n_pos, char **pos, int64_t *id,
                             struct at_err *err)
{
    if (n_pos != 1)
        return at_err_set(err, AT_INVALID, "%s: give one channel id", cmd);
    char *end;
    long long v = strtoll(pos[0], &end, 10);
    if (*pos[0] == '\0' || *end || v <= 0)
        return at_err_set(err, AT_INVALID, "%s: \"%s\" is not a channel id", cmd, pos[0]);
    *id = v;
    return AT_OK;
}

/* ---- attain channel ---------------------------------------------------------- */

static int channel_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct channel_fields f = {0};
    struct opt_spec specs[] = {OPT_VALUE("--scope", &f.scope), OPT_VALUE("--kind", &f.kind),
                               OPT_VALUE("--url", &f.url),     OPT_VALUE("--secret", &f.secret),
                               OPT_VALUE("--smtp", &f.smtp),   OPT_VALUE("--to", &f.to),
                               OPT_VALUE("--from", &f.from),   OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("channel add", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    f.lang = ctx->lang; /* the global --lang: the channel's language too */
    struct app *app;
    int64_t id = 0;
    if (cli_open(ctx, &app, &err) || app_channel_add(app, &f, &id, &err))
        return cli_fail(ctx, &err);
    struct channel c;
    if (channel_store_get(app->db, id, &c, &err))
        return cli_fail(ctx, &err);
    char label[256], scope[256], target[1400];
    app_channel_scope(app, &c, label, sizeof label);
    display_scope(label, ctx->lang, scope, sizeof scope);
    channel_target_shown(&c, target, sizeof target);
    char tmp[64];
    fprintf(ctx->out,
            zh(ctx) ? "已添加通知渠道 %lld：%s，范围 %s → %s\n"
                    : "channel %lld added: %s for %s -> %s\n",
            (long long)id, i18n_cell(ctx->lang, "kind", NULL, c.kind, tmp, sizeof tmp), scope,
            target);
    return 0;
}

static int channel_ls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("channel ls", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_channels(app, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, NULL, 60, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static int channel_rm_test(struct cli_ctx *ctx, int argc, char **argv, bool test)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[2];
    int n_pos;
    int64_t id = 0;
    const char *cmd = test ? "channel test" : "channel rm";
    if (opts_parse(cmd, argc, argv, specs, pos, 2, &n_pos, &err) ||
        id_arg(cmd, n_pos, pos, &id, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    if (test ? app_channel_test(app, id, &err) : app_channel_rm(app, id, &err))
        return cli_fail(ctx, &err);
    if (test)
        fprintf(ctx->out,
                zh(ctx) ? "通知渠道 %lld：测试消息已送达\n"
                        : "channel %lld: test message delivered\n",
                (long long)id);
    else
        fprintf(ctx->out,
                zh(ctx) ? "已删除通知渠道 %lld（未发送的消息已取消）\n"
                        : "channel %lld removed (its undelivered messages cancelled)\n",
                (long long)id);
    return 0;
}

int cmd_channel(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1)
        return usage(ctx, "channel", "add, ls, rm or test");
    const char *sub = argv[0];
    if (!strcmp(sub, "add"))
        return channel_add(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "ls"))
        return channel_ls(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "rm"))
        return channel_rm_test(ctx, argc - 1, argv + 1, false);
    if (!strcmp(sub, "test"))
        return channel_rm_test(ctx, argc - 1, argv + 1, true);
    struct at_err err;
    at_err_set(&err, AT_INVALID, "channel: no subcommand \"%s\"; choose add, ls, rm or test", sub);
    return cli_fail(ctx, &err);
}

/* ---- attain notify ----------------------------------------------------------- */

struct run_ls {
    struct table *t;
    bool dry;
};

static enum at_status alert_row(const struct notify_alert *a, void *ctx, struct at_err *err)
{
    (void)err;
    struct run_ls *l = ctx;
    char goal[24], n[24];
    snprintf(goal, sizeof goal, "%lld", (long long)a->goal_id);
    snprintf(n, sizeof n, "%zu", a->n_messages);
    const char *state = a->suppressed || !a->n_messages ? "recorded"
                        : l->dry                        ? "would_send"
                                                        : "queued";
    const char *row[] = {goal, a->title, a->scope, a->period, a->rule, a->detail, n, state};
    table_add_row(l->t, row);
    return AT_OK;
}

static void print_result(struct cli_ctx *ctx, const struct notify_result *r, bool run, bool dry)
{
    FILE *o = ctx->out;
    if (dry) {
        fprintf(o,
                zh(ctx) ? "新提醒 %zu 条（试运行：未写入、未发送）\n"
                        : "%zu new alerts (dry run: nothing written or sent)\n",
                r->alerts);
        return;
    }
    if (run)
        fprintf(o,
                zh(ctx) ? "新提醒 %zu 条，入队消息 %zu 条；"
                        : "%zu new alerts, %zu messages queued; ",
                r->alerts, r->queued);
    fprintf(o,
            zh(ctx) ? "已发送 %zu 条，失败 %zu 条，待发送 %zu 条\n"
                    : "%zu sent, %zu failed, %zu waiting\n",
            r->sent, r->failed, r->waiting);
}

static int notify_run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct notify_options o = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--as-of", &o.as_of), OPT_FLAG("--dry-run", &o.dry_run),
                               OPT_FLAG("--retry-now", &o.retry_now),
                               OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("notify run", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    const char *cols[] = {"goal", "title",  "scope",    "period",
                          "rule", "detail", "messages", "state"};
    struct table t;
    table_init(&t, 8, cols);
    t.lang = ctx->lang;
    t.right[0] = t.right[6] = true;
    struct run_ls l = {&t, o.dry_run};
    struct notify_result r;
    enum at_status st = app_notify_run(app, &o, alert_row, &l, &r, &err);
    if (!st && (t.n_rows || fmt != FMT_TABLE))
        st = table_write(&t, fmt, NULL, 40, &err);
    table_free(&t);
    if (st)
        return cli_fail(ctx, &err);
    if (fmt == FMT_TABLE)
        print_result(ctx, &r, true, o.dry_run);
    return 0;
}

static int notify_deliver(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    bool retry_now = false;
    struct opt_spec specs[] = {OPT_FLAG("--retry-now", &retry_now), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("notify deliver", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    struct notify_result r;
    if (cli_open(ctx, &app, &err) || app_notify_deliver(app, retry_now, &r, &err))
        return cli_fail(ctx, &err);
    print_result(ctx, &r, false, false);
    return 0;
}

static int notify_ls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table";
    bool failed = false;
    struct opt_spec specs[] = {OPT_FLAG("--failed", &failed), OPT_VALUE("--format", &format),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("notify ls", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_outbox(app, failed, NULL, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, NULL, 50, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

int cmd_notify(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 1)
        return usage(ctx, "notify", "run, deliver or ls");
    const char *sub = argv[0];
    if (!strcmp(sub, "run"))
        return notify_run(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "deliver"))
        return notify_deliver(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "ls"))
        return notify_ls(ctx, argc - 1, argv + 1);
    struct at_err err;
    at_err_set(&err, AT_INVALID, "notify: no subcommand \"%s\"; choose run, deliver or ls", sub);
    return cli_fail(ctx, &err);
}

/* ---- attain digest ------------------------------------------------------------- */

int cmd_digest(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct digest_options o = {0};
    const char *format = NULL, *out = NULL;
    bool send = false;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--as-of", &o.as_of),
                               OPT_FLAG("--send", &send),
                               OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),
                               OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("digest", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (send && (format || out)) {
        at_err_set(&err, AT_INVALID,
                   "digest: --send sends to the channels; it takes no --format "
                   "or --out");
        return cli_fail(ctx, &err);
    }
    enum digest_format f = DIGEST_MD;
    if (format && !strcmp(format, "html"))
        f = DIGEST_HTML;
    else if (format && strcmp(format, "md")) {
        at_err_set(&err, AT_INVALID, "--format %s: choose md or html", format);
        return cli_fail(ctx, &err);
    }
    if (!o.scope) {
        at_err_set(&err, AT_INVALID,
                   "digest: --scope is required (company, unit:X, team:X, "
                   "person:X)");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    struct digest d;
    if (cli_open(ctx, &app, &err) || app_digest(app, &o, &d, &err))
        return cli_fail(ctx, &err);
    enum at_status st = AT_OK;
    if (send) {
        size_t queued;
        struct notify_result r;
        st = app_digest_send(app, &d, &queued, &r, &err);
        if (!st)
            fprintf(ctx->out,
                    zh(ctx) ? "周报入队 %zu 条；已发送 %zu 条，失败 %zu 条，待发送 %zu 条\n"
                            : "digest queued for %zu channels; %zu sent, %zu failed, "
                              "%zu waiting\n",
                    queued, r.sent, r.failed, r.waiting);
    } else {
        struct buf b;
        buf_init(&b, 0);
        digest_render(app, &d, f, ctx->lang, &b);
        FILE *fp = out ? fopen(out, "w") : ctx->out;
        if (!fp)
            st = at_err_set(&err, AT_IO, "--out %s: cannot create the file", out);
        else {
            if (fwrite(buf_str(&b), 1, b.len, fp) != b.len || (out && fclose(fp)))
                st = at_err_set(&err, AT_IO, "%s: cannot write", out ? out : "standard output");
        }
        buf_free(&b);
    }
    digest_free(&d);
    return st ? cli_fail(ctx, &err) : 0;
}

/* ---- attain config ----------------------------------------------------------- */

struct config_ls {
    struct table *t;
};

static void config_row(const char *key, const char *value, void *ctx)
{
    struct config_ls *l = ctx;
    const char *row[] = {key, value};
    table_add_row(l->t, row);
}

int cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[4];
    int n_pos;
    if (opts_parse("config", argc, argv, specs, pos, 3, &n_pos, &err))
        return cli_fail(ctx, &err);
    const char *sub = n_pos ? pos[0] : "";
    bool ok = (!strcmp(sub, "ls") && n_pos == 1) || (!strcmp(sub, "get") && n_pos == 2) ||
              (!strcmp(sub, "set") && n_pos == 3);
    if (!ok) {
        at_err_set(&err, AT_INVALID,
                   "config: write config ls, config get KEY or config set KEY "
                   "VALUE");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    if (!strcmp(sub, "set")) {
        if (app_setting_set(app, pos[1], pos[2], &err))
            return cli_fail(ctx, &err);
        return 0;
    }
    if (!strcmp(sub, "get")) {
        char v[600];
        if (app_setting_get(app, pos[1], v, sizeof v, &err))
            return cli_fail(ctx, &err);
        fprintf(ctx->out, "%s\n", v);
        return 0;
    }
    const char *cols[] = {"setting", "value"};
    struct table t;
    table_init(&t, 2, cols);
    t.lang = ctx->lang;
    struct config_ls l = {&t};
    enum at_status st = app_settings(app, config_row, &l, &err);
    if (!st)
        st = table_write(&t, FMT_TABLE, NULL, 0, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}
