/*
 * cmd_plan.c — attain plan: the goal plan document (销售目标管理计划) of a
 * scope and a period as Markdown or printable HTML, in Chinese or English, to
 * standard output or a file. Parses, calls view_plan (app_plan rendered by
 * io/plan_render), writes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/plan.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "io/plan_render.h"
#include "view/plan.h"
#include "version.h"

/* Write the LEN bytes of DATA to the file PATH (created or truncated), or to
 * OUT when PATH is NULL; AT_IO naming the path (or "cannot write output") when
 * that fails, and a partial file is removed (out_close). */
static enum at_status write_doc(const char *path, FILE *out, const char *data, size_t len,
                                struct at_err *err)
{
    if (!path) {
        fwrite(data, 1, len, out);
        return out_flush(out, NULL, err);
    }
    FILE *f;
    enum at_status st = out_open(path, "wb", &f, err);
    if (st)
        return st;
    fwrite(data, 1, len, f);
    return out_close(f, path, false, err);
}

int cmd_plan(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct plan_options o = {.generator = "attain " ATTAIN_VERSION};
    const char *lang = ctx->lang, *format = "md", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--lang", &lang),
                               OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out),
                               OPT_VALUE("--as-of", &o.as_of),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum plan_format fmt;
    if (opts_parse("plan", argc, argv, specs, pos, 0, &n_pos, &err) ||
        plan_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        at_err_set(&err, AT_INVALID, "--lang %s: choose en or zh", lang);
        return cli_fail(ctx, &err);
    }
    if (!o.period || !*o.period) {
        at_err_set(&err, AT_INVALID,
                   "attain plan: give the plan's period, e.g. --period 2026, 2026-Q3 or "
                   "this-quarter");
        return cli_fail(ctx, &err);
    }
    o.lang = lang;
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct buf b;
    buf_init(&b, VIEW_PLAN_LIMIT);
    enum at_status st = view_plan(app, &o, fmt, &b, &err);
    if (!st)
        st = write_doc(out, ctx->out, buf_str(&b), b.len, &err);
    buf_free(&b);
    return st ? cli_fail(ctx, &err) : 0;
}
