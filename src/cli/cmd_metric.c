/* cmd_metric.c — attain metric, attain explain and attain engine. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/metrics.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "domain/calendar.h"
#include "view/metric.h"

#define MAX_WHERE 8

/* The options metric and explain share. */
struct metric_args {
    struct metric_query q;
    const char *where[MAX_WHERE];
    size_t n_where;
    const char *format, *out, *repeat;
    bool timing;
    char *pos[1];
    int n_pos;
};

static enum at_status parse_metric_args(const char *cmd, int argc, char **argv,
                                        struct metric_args *a, bool allow_by, struct at_err *err)
{
    memset(a, 0, sizeof *a);
    a->format = "table";
    struct opt_spec specs[] = {
        OPT_VALUE("--period", &a->q.period), OPT_VALUE("--scope", &a->q.scope),
        OPT_VALUE("--by", &a->q.by),         OPT_LIST("--where", a->where, &a->n_where, MAX_WHERE),
        OPT_VALUE("--as-of", &a->q.as_of),   OPT_VALUE("--format", &a->format),
        OPT_VALUE("--out", &a->out),         OPT_FLAG("--timing", &a->timing),
        OPT_VALUE("--repeat", &a->repeat),   OPT_END};
    if (!allow_by)
        specs[2].name = "--by-is-not-an-option-here";
    enum at_status st = opts_parse(cmd, argc, argv, specs, a->pos, 1, &a->n_pos, err);
    if (st)
        return st;
    if (a->n_pos != 1)
        return at_err_set(err, AT_INVALID,
                          "usage: attain %s METRIC --period P [--scope S] (attain "
                          "help %s)",
                          cmd, cmd);
    a->q.metric = a->pos[0];
    a->q.where = a->where;
    a->q.n_where = a->n_where;
    return AT_OK;
}

/* The metrics of one command: METRIC or METRIC,METRIC,... (at most
 * MAX_METRICS, none twice, none empty), copied into BUF. */
#define MAX_METRICS 16
static enum at_status split_metrics(const char *text, char *buf, size_t size, const char **names,
                                    size_t *n, struct at_err *err)
{
    if (strlen(text) >= size)
        return at_err_set(err, AT_INVALID, "metric %.40s...: too long", text);
    memcpy(buf, text, strlen(text) + 1);
    *n = 0;
    for (char *p = buf;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p)
            return at_err_set(err, AT_INVALID,
                              "metric %s: an empty name in the list (write a,b without spaces "
                              "or empty entries)",
                              text);
        for (size_t i = 0; i < *n; i++)
            if (strcmp(names[i], p) == 0)
                return at_err_set(err, AT_INVALID, "metric %s: %s is named twice", text, p);
        if (*n == MAX_METRICS)
            return at_err_set(err, AT_INVALID, "metric %s: at most %d metrics", text, MAX_METRICS);
        names[(*n)++] = p;
        if (!comma)
            return AT_OK;
        p = comma + 1;
    }
}

int cmd_metric(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct metric_args a;
    enum out_format fmt;
    const char *names[MAX_METRICS];
    size_t n_metrics = 0;
    char list[512];
    if (parse_metric_args("metric", argc, argv, &a, true, &err) ||
        out_format_parse(a.format, &fmt, &err) ||
        split_metrics(a.q.metric, list, sizeof list, names, &n_metrics, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    /* --repeat N answers N times in this process: the fastest answer is the
     * warm figure (the engine's pages in memory, as in a running server);
     * with several metrics an answer is all of them, one after another */
    int64_t repeat = 1;
    if (a.repeat && (!str_to_i64(a.repeat, &repeat) || repeat < 1 || repeat > 1000)) {
        at_err_set(&err, AT_INVALID, "--repeat %s: a number from 1 to 1000", a.repeat);
        return cli_fail(ctx, &err);
    }
    struct metric_result r[MAX_METRICS];
    size_t n_done = 0; /* results held in R */
    double first_us = 0, best_us = 0, load_ms = 0;
    enum at_status st = AT_OK;
    for (int64_t i = 0; i < repeat && !st; i++) {
        double us = 0;
        for (size_t m = 0; m < n_done; m++)
            metric_result_free(&r[m]);
        n_done = 0;
        st = app_metric_list(app, &a.q, names, n_metrics, r, &err);
        if (!st) {
            n_done = n_metrics;
            for (size_t m = 0; m < n_metrics; m++)
                us += r[m].query_us;
            if (i == 0)
                load_ms = r[0].load_ms;
        }
        if (!st && i == 0)
            first_us = best_us = us;
        if (!st && us < best_us)
            best_us = us;
    }
    if (!st) {
        struct table t;
        for (size_t m = 0; m < n_metrics; m++) {
            const char *text = fmt == FMT_TABLE ? i18n(ctx->lang, r[m].metric) : NULL;
            if (m == 0)
                view_metric_table(&r[m], text, &t);
            else
                view_metric_table_add(&r[m], text, &t);
        }
        t.lang = ctx->lang;
        st = table_write(&t, fmt, a.out, 0, &err);
        table_free(&t);
        if (a.timing)
            fprintf(ctx->err, "timing: load_ms=%.3f query_us=%.1f first_us=%.1f runs=%lld\n",
                    load_ms, best_us, first_us, (long long)repeat);
    }
    for (size_t m = 0; m < n_done; m++)
        metric_result_free(&r[m]);
    return st ? cli_fail(ctx, &err) : 0;
}

/* The end of explain in Chinese: the row count, the formula with the metric's
 * Chinese name and formula (FORMULA is "key = formula[ = parts]"), the value. */
static void explain_zh(FILE *out, const struct metric_query *q, size_t n_rows, const char *formula,
                       const char *value)
{
    struct at_err err = {0};
    enum metric_id id;
    if (metric_parse(q->metric, &id, &err)) {
        fprintf(out, "\n共 %zu 行\n%s\n数值：%s\n", n_rows, formula, value);
        return;
    }
    const struct metric_def *def = metric_def(id);
    char head[512];
    snprintf(head, sizeof head, "%s = %s", def->key, def->formula);
    const char *rest = strncmp(formula, head, strlen(head)) == 0 ? formula + strlen(head) : NULL;
    fprintf(out, "\n共 %zu 行\n", n_rows);
    if (rest)
        fprintf(out, "%s = %s%s\n", def->name_zh, metric_formula_zh(id), rest);
    else
        fprintf(out, "%s\n", formula);
    fprintf(out, "数值：%s\n", *value ? value : "（无：分母为 0）");
}

int cmd_explain(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct metric_args a;
    enum out_format fmt;
    if (parse_metric_args("explain", argc, argv, &a, false, &err) ||
        out_format_parse(a.format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    char formula[512], value[64];
    enum at_status st =
        view_explain(app, &a.q, &t, formula, sizeof formula, value, sizeof value, &err);
    if (!st) {
        t.lang = ctx->lang;
        st = table_write(&t, fmt, a.out, 40, &err);
        if (!st && fmt == FMT_TABLE && !a.out && i18n_zh(ctx->lang))
            explain_zh(ctx->out, &a.q, t.n_rows, formula, value);
        else if (!st && fmt == FMT_TABLE && !a.out)
            fprintf(ctx->out, "\n%zu rows\n%s\nvalue: %s\n", t.n_rows, formula,
                    *value ? value : "(none: the denominator is 0)");
    }
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static void print_line(const char *line, void *ctx)
{
    fprintf(ctx, "%s\n", line);
}

int cmd_engine(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("engine", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1 || (strcmp(pos[0], "check") != 0 && strcmp(pos[0], "stats") != 0 &&
                       strcmp(pos[0], "build") != 0)) {
        at_err_set(&err, AT_INVALID, "usage: attain engine build|check|stats");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    enum at_status st = AT_OK;
    if (strcmp(pos[0], "check") == 0) {
        long diffs = 0, checked = 0;
        st = app_engine_check(app, print_line, ctx->err, &diffs, &checked, &err);
        if (!st && diffs)
            st = at_err_set(&err, AT_CONFLICT, "engine check: %ld of %ld figures differ", diffs,
                            checked);
        if (!st)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "引擎校验：%ld 个数字与数据库一致\n"
                                       : "engine check: %ld figures agree with the store\n",
                    checked);
    } else if (strcmp(pos[0], "build") == 0) {
        st = app_engine_rebuild(app, &err);
        if (!st)
            fprintf(ctx->out,
                    i18n_zh(ctx->lang) ? "引擎已构建，用时 %.1f 毫秒，保存到 %s.engine\n"
                                       : "engine built in %.1f ms and saved to %s.engine\n",
                    app->engine_load_ms, ctx->db_path);
    } else {
        struct engine_stats es;
        st = app_engine_stats(app, &es, &err);
        if (!st) {
            char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
            if (i18n_zh(ctx->lang))
                fprintf(ctx->out,
                        "人员      %ld\n组织单元  %ld\n客户      %ld\n订单      %ld（%ld 行）\n"
                        "回款      %ld\n商机      %ld\n活动      %ld\n调查      %ld\n"
                        "事件      %ld\n日期      %s..%s\n内存      %.1f MB\n"
                        "构建用时  %.1f 毫秒%s\n",
                        es.people, es.units, es.customers, es.orders, es.lines, es.payments,
                        es.deals, es.activities, es.surveys, es.events,
                        es.events ? cal_format(es.first_day, a) : "-",
                        es.events ? cal_format(es.last_day, b) : "-", (double)es.bytes / 1048576.0,
                        app->engine_load_ms,
                        es.trusted  ? "（从快照映射，此前已校验）"
                        : es.mapped ? "（从快照映射）"
                                    : "");
            else
                fprintf(
                    ctx->out,
                    "people      %ld\nunits       %ld\ncustomers   %ld\norders      %ld (%ld "
                    "lines)\npayments    %ld\ndeals       %ld\nactivities  %ld\nsurveys     "
                    "%ld\nevents      %ld\ndays        %s..%s\nmemory      %.1f MB\nbuilt in    "
                    "%.1f ms%s\n",
                    es.people, es.units, es.customers, es.orders, es.lines, es.payments, es.deals,
                    es.activities, es.surveys, es.events,
                    es.events ? cal_format(es.first_day, a) : "-",
                    es.events ? cal_format(es.last_day, b) : "-", (double)es.bytes / 1048576.0,
                    app->engine_load_ms,
                    es.trusted  ? " (mapped from the snapshot, validated before)"
                    : es.mapped ? " (mapped from the snapshot)"
                                : "");
            if (es.delta_rows)
                fprintf(ctx->out,
                        i18n_zh(ctx->lang) ? "增量      %ld 行变更叠加在快照上\n"
                                           : "changes     %ld rows applied over the snapshot\n",
                        es.delta_rows);
        }
    }
    return st ? cli_fail(ctx, &err) : 0;
}
