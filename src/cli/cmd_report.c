/*
 * cmd_report.c — attain report sales|funnel|customers|leaderboard: parse the
 * options, call the app_report_* use case and render its sections (terminal
 * tables for people, one flattened table for CSV, JSON and XLSX).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/app.h"
#include "app/progress.h"
#include "app/reports.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "domain/display.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "view/report.h"

#define MAX_WHERE 8

/* Fill T (initialized here; caller frees) from section S, typed and localized for LANG. */
static void section_table(const struct report_section *s, const struct report *r, const char *lang,
                          struct table *t)
{
    view_report_section(s, r->currency, t);
    t->lang = lang;
}

/* For people: the cells of `metric` (metric keys) and `label` (RFM labels)
 * columns in LANG. */
static void translate_metrics(struct table *t, const char *lang)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->cols[c], "metric") == 0 || strcmp(t->cols[c], "label") == 0)
            for (size_t i = 0; i < t->n_rows; i++) {
                char **cell = &t->cells[i * t->n_cols + c];
                if (*cell) {
                    char *word = xstrdup(i18n(lang, *cell));
                    free(*cell);
                    *cell = word;
                }
            }
}

/* A one-row section with many columns reads better turned on its side:
 * field and value, each value shown as its column's kind says. */
static void section_vertical(const struct report_section *s, const struct report *r,
                             const char *lang, struct table *t)
{
    const char *cols[] = {"field", "value"};
    table_init(t, 2, cols);
    t->lang = lang;
    t->right[1] = true;
    for (size_t c = 0; c < s->n_cols; c++) {
        char *shown = cell_display(s->cols[c].kind, s->cells[c], r->currency, lang);
        const char *row[] = {i18n(lang, s->cols[c].name), shown};
        table_add_row(t, row);
        free(shown);
    }
}

/* R for people on OUT: a heading when it has several sections, each section
 * under its title (a record as field/value, a long list cut to its first rows),
 * then the notes. */
static void print_report(const struct report *r, const char *lang, FILE *out)
{
    bool zh = strcmp(lang, "zh") == 0;
    bool several = r->n_sections > 1;
    if (several) {
        if (zh) {
            char name[256];
            fprintf(out, "%s — %s，%s\n", r->title_zh,
                    display_scope(r->scope, lang, name, sizeof name), r->period);
        } else {
            fprintf(out, "%s — %s, %s\n", r->title_en, r->scope, r->period);
        }
    }
    for (size_t i = 0; i < r->n_sections; i++) {
        struct report_section s = r->sections[i];
        size_t hidden = 0;
        if (s.show && s.n_rows > s.show) {
            hidden = s.n_rows - s.show;
            s.n_rows = s.show;
        }
        if (several)
            fprintf(out, "\n%s\n", zh ? s.title_zh : s.title_en);
        if (!s.n_rows) {
            fputs(zh ? "（无）\n" : "(none)\n", out);
            continue;
        }
        struct table t;
        if (s.record)
            section_vertical(&s, r, lang, &t);
        else
            section_table(&s, r, lang, &t);
        translate_metrics(&t, lang);
        table_print(&t, FMT_TABLE, 40, out);
        table_free(&t);
        if (hidden)
            fprintf(out,
                    zh ? "……另有 %zu 行（--format csv 列出全部）\n"
                       : "... %zu more (--format csv lists them all)\n",
                    hidden);
    }
    for (size_t i = 0; i < r->n_notes; i++)
        fprintf(out, "%s%s\n", i ? "" : "\n", zh ? r->notes_zh[i] : r->notes_en[i]);
}

/* Write R in FMT: for people to OUT_PATH or standard output, else flattened. */
static enum at_status write_report(const struct report *r, enum out_format fmt,
                                   const char *out_path, const char *lang, FILE *std_out,
                                   struct at_err *err)
{
    if (fmt == FMT_TABLE) {
        if (!out_path) {
            print_report(r, lang, std_out);
            return out_flush(std_out, NULL, err);
        }
        FILE *out;
        enum at_status st = out_open(out_path, "w", &out, err);
        if (st)
            return st;
        print_report(r, lang, out);
        return out_close(out, out_path, false, err);
    }
    struct table t;
    view_report_table(r, &t);
    t.lang = lang;
    enum at_status st = table_write(&t, fmt, out_path, 0, err);
    table_free(&t);
    return st;
}

/* attain report variance: targets against actuals per scope and sub-period. */
static int report_variance(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct variance_options o = {0};
    const char *format = "table", *out_path = NULL, *plan = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--period", &o.period),
                               OPT_VALUE("--scope", &o.scope),
                               OPT_VALUE("--metric", &o.metric),
                               OPT_VALUE("--by", &o.by),
                               OPT_VALUE("--as-of", &o.as_of),
                               OPT_VALUE("--plan", &plan),
                               OPT_VALUE("--format", &format),
                               OPT_VALUE("--out", &out_path),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    bool original;
    if (opts_parse("report variance", argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err) || adjust_plan_parse(plan, &original, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_variance(app, &o, original, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, out_path, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

/* attain report KIND ...: find KIND, parse its options, run it, write the report. */
int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    if (argc > 0 && strcmp(argv[0], "variance") == 0)
        return report_variance(ctx, argc - 1, argv + 1);
    const struct view_report_def *def = argc > 0 ? view_report_find(argv[0]) : NULL;
    if (!def) {
        at_err_set(
            &err, AT_INVALID,
            "usage: attain report sales|funnel|customers|leaderboard|variance --period P ... "
            "(attain help report)");
        return cli_fail(ctx, &err);
    }
    struct report_query q = {0};
    const char *where[MAX_WHERE];
    size_t n_where = 0;
    const char *format = "table", *out_path = NULL;
    /* the rest of the array is OPT_END; --by and --top only where a report takes them,
     * so elsewhere they are refused as unknown options */
    struct opt_spec specs[9] = {OPT_VALUE("--period", &q.q.period),
                                OPT_VALUE("--scope", &q.q.scope),
                                OPT_LIST("--where", where, &n_where, MAX_WHERE),
                                OPT_VALUE("--as-of", &q.q.as_of),
                                OPT_VALUE("--format", &format),
                                OPT_VALUE("--out", &out_path)};
    size_t n_specs = 6;
    if (def->by)
        specs[n_specs++] = (struct opt_spec)OPT_VALUE("--by", &q.q.by);
    if (def->top)
        specs[n_specs++] = (struct opt_spec)OPT_VALUE("--top", &q.top);
    char *pos[1];
    int n_pos = 0;
    enum out_format fmt;
    if (opts_parse("report", argc - 1, argv + 1, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos != (def->metric ? 1 : 0)) {
        at_err_set(&err, AT_INVALID,
                   "usage: attain report %s%s --period P ... (attain help report)", def->name,
                   def->metric ? " METRIC" : "");
        return cli_fail(ctx, &err);
    }
    q.q.metric = def->metric ? pos[0] : NULL;
    q.q.where = where;
    q.q.n_where = n_where;
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct report r;
    enum at_status st = def->run(app, &q, &r, &err);
    if (!st) {
        st = write_report(&r, fmt, out_path, ctx->lang, ctx->out, &err);
        report_free(&r);
    }
    return st ? cli_fail(ctx, &err) : 0;
}
