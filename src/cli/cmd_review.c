/*
 * cmd_review.c — attain review (the agenda of a review meeting as Markdown,
 * printable HTML or JSON) and attain review decide (record a decision):
 * parse, call app/review.h, render with io/review_render.h, write.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/review.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "domain/calendar.h"
#include "domain/display.h"
#include "io/review_render.h"
#include "version.h"

#define REVIEW_DOC_LIMIT ((size_t)256 << 20)

static int review_decide(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *scope = NULL, *text = NULL, *goal = NULL, *as_of = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &scope), OPT_VALUE("--text", &text),
                               OPT_VALUE("--goal", &goal), OPT_VALUE("--as-of", &as_of), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("review decide", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    struct review_decision d;
    if (cli_open(ctx, &app, &err) || app_review_decide(app, scope, text, goal, as_of, &d, &err))
        return cli_fail(ctx, &err);
    char day[CAL_DATE_LEN], name[256];
    cal_format(d.meeting, day);
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out, "已记录决定 %lld（%s 的复盘，%s）\n", (long long)d.id,
                display_scope(scope, ctx->lang, name, sizeof name), day);
    else
        fprintf(ctx->out, "decision %lld recorded for the review of %s on %s\n", (long long)d.id,
                scope, day);
    return 0;
}

int cmd_review(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "decide") == 0)
        return review_decide(ctx, argc - 1, argv + 1);
    struct at_err err = {0};
    struct review_options o = {.generator = "attain " ATTAIN_VERSION};
    const char *lang = ctx->lang, *format = "md", *out = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--scope", &o.scope), OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--as-of", &o.as_of), OPT_VALUE("--since", &o.since),
                               OPT_VALUE("--format", &format), OPT_VALUE("--lang", &lang),
                               OPT_VALUE("--out", &out),       OPT_END};
    char *pos[1];
    int n_pos;
    enum review_format fmt;
    if (opts_parse("review", argc, argv, specs, pos, 0, &n_pos, &err) ||
        review_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        at_err_set(&err, AT_INVALID, "--lang %s: choose en or zh", lang);
        return cli_fail(ctx, &err);
    }
    o.lang = lang;
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct review_doc doc;
    struct buf b;
    buf_init(&b, REVIEW_DOC_LIMIT);
    enum at_status st = app_review(app, &o, &doc, &err);
    if (!st)
        st = review_render(&doc, fmt, &b, &err);
    if (!st) {
        FILE *f = out ? fopen(out, "wb") : ctx->out;
        if (!f) {
            st = at_err_set(&err, AT_IO, "%s: cannot create the file", out);
        } else {
            bool ok = fwrite(buf_str(&b), 1, b.len, f) == b.len;
            ok = (out ? fclose(f) == 0 : fflush(f) == 0) && ok;
            if (!ok)
                st = at_err_set(&err, AT_IO, "%s: write failed", out ? out : "standard output");
        }
    }
    buf_free(&b);
    review_doc_free(&doc);
    return st ? cli_fail(ctx, &err) : 0;
}
