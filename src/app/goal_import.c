/* goal_import.c — targets from a file into goals, all or nothing (see goal_import.h). */
#include "app/goal_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "base/map.h"
#include "base/utf8.h"
#include "domain/value.h"
#include "app/org.h"
#include "io/csv.h"
#include "io/mapping.h"
#include "store/db.h"

#define MAX_COLS 64

/* A target read from the file, before anything is written. */
struct pending_goal {
    struct goal g;
    long line;
    int col;
};

struct gi {
    struct app *app;
    const struct org *org; /* people and units: no engine build for an import of goals */
    const struct goal_import_options *opt;
    struct goal_import_report *rep;
    const char *file;
    char *headers[MAX_COLS];
    size_t n_headers;
    bool have_header;
    /* long form columns */
    int c_scope, c_period, c_metric, c_target, c_title, c_parent, c_filter, c_year;
    /* wide form: the month of each column, or 0 */
    int month_of[MAX_COLS];
    struct period period_of[MAX_COLS];
    bool wide;
    bool month_column; /* the period column is a month ("TargetMonth", "月份"): a date names its
                          month */
    enum metric_id metric;
    int64_t scale;
    struct pending_goal *rows;
    size_t n_rows, cap_rows;
    struct map seen; /* scope|period|metric|filter -> line */
    long line;
};

__attribute__((format(printf, 4, 5))) static void row_error(struct gi *gi, long line, int col,
                                                            const char *fmt, ...)
{
    gi->rep->n_errors++;
    if (gi->rep->n_errors > 50)
        return;
    buf_printf(&gi->rep->errors, "%s:%ld:%s: ", gi->file, line,
               col >= 0 && (size_t)col < gi->n_headers ? gi->headers[col] : "-");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&gi->rep->errors, fmt, ap);
    va_end(ap);
    buf_putc(&gi->rep->errors, '\n');
}

static int find_col(struct gi *gi, const char *const *names)
{
    for (const char *const *n = names; *n; n++)
        for (size_t c = 0; c < gi->n_headers; c++) {
            char a[128], b[128];
            mapping_normalize(gi->headers[c], a, sizeof a);
            mapping_normalize(*n, b, sizeof b);
            if (strcmp(a, b) == 0)
                return (int)c;
        }
    return -1;
}

/* The month (1-12) a bare month header names: 1月, Jan, January, M01. */
static int month_header(const char *h)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    char low[32];
    size_t n = 0;
    for (; h[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(h[n] >= 'A' && h[n] <= 'Z' ? h[n] + 32 : h[n]);
    low[n] = '\0';
    for (int m = 0; m < 12; m++)
        if ((n == 3 && strncmp(low, names[m], 3) == 0) || strcmp(low, names[m]) == 0)
            return m + 1;
    int64_t v;
    if (low[0] == 'm' && str_to_i64(low + 1, &v) && v >= 1 && v <= 12)
        return (int)v;
    const char *yue = strstr(h, "月");
    if (yue && yue > h && (size_t)(yue - h) < 3 && yue[strlen("月")] == '\0') {
        char digits[4];
        memcpy(digits, h, (size_t)(yue - h));
        digits[yue - h] = '\0';
        if (str_to_i64(digits, &v) && v >= 1 && v <= 12)
            return (int)v;
    }
    return 0;
}

static enum at_status on_header(struct gi *gi, const struct csv_record *rec, struct at_err *err)
{
    if (rec->n_fields > MAX_COLS)
        return at_err_set(err, AT_INVALID, "%s: more than %d columns", gi->file, MAX_COLS);
    gi->n_headers = rec->n_fields;
    for (size_t i = 0; i < rec->n_fields; i++)
        gi->headers[i] = xstrdup(str_trim(rec->fields[i]));
    static const char *const scope[] = {"scope",    "范围", "person", "salesperson", "employeeid",
                                        "employee", "rep",  "owner",  "负责人",      "员工",
                                        "员工编号", "工号", "姓名",   "销售",        "name",
                                        "unit",     "team", "部门",   "团队",        NULL};
    static const char *const period[] = {"period", "周期", "期间",          "targetmonth",
                                         "month",  "月份", "target period", NULL};
    static const char *const metric[] = {"metric", "指标", "kpi", NULL};
    static const char *const target[] = {
        "target", "目标", "目标值", "targetamount", "quota", "指标值", "目标金额", "amount", NULL};
    static const char *const title[] = {"title", "标题", "目标名称", NULL};
    static const char *const parent[] = {"parent", "上级目标", NULL};
    static const char *const filter[] = {"filter", "筛选", NULL};
    static const char *const year[] = {"year", "年", "年度", "年份", NULL};
    gi->c_scope = find_col(gi, scope);
    gi->c_period = find_col(gi, period);
    gi->c_metric = find_col(gi, metric);
    gi->c_target = find_col(gi, target);
    gi->c_title = find_col(gi, title);
    gi->c_parent = find_col(gi, parent);
    gi->c_filter = find_col(gi, filter);
    gi->c_year = find_col(gi, year);
    if (gi->c_scope < 0)
        return at_err_set(err, AT_INVALID,
                          "%s: no scope column (scope, person, EmployeeID, 负责人 ...)", gi->file);
    if (gi->c_period >= 0 && gi->c_target >= 0) { /* the long form */
        char norm[128];
        mapping_normalize(gi->headers[gi->c_period], norm, sizeof norm);
        gi->month_column = strstr(norm, "month") || strstr(gi->headers[gi->c_period], "月");
        return AT_OK;
    }
    /* the wide form: a column per month */
    int months = 0;
    for (size_t c = 0; c < gi->n_headers; c++) {
        if ((int)c == gi->c_scope || (int)c == gi->c_year || (int)c == gi->c_metric)
            continue;
        struct period p;
        if (period_parse(gi->headers[c], 0, gi->app->fiscal_start_month, &p, NULL) == AT_OK &&
            p.kind == PERIOD_MONTH) {
            gi->period_of[c] = p;
            gi->month_of[c] = 13; /* a full period in the header */
            months++;
        } else if ((gi->month_of[c] = month_header(gi->headers[c])) != 0) {
            months++;
        }
    }
    if (months < 2)
        return at_err_set(err, AT_INVALID,
                          "%s: give the columns scope, period, target (and metric), or a "
                          "column per month",
                          gi->file);
    gi->wide = true;
    return AT_OK;
}

/* Resolve a scope cell into G's scope: scope text, or a person's id /
 * employee number / e-mail / name, or a unit (app/org.h). */
static enum at_status resolve_scope(struct gi *gi, const char *cell, struct goal *g)
{
    struct at_err e;
    enum at_status st;
    if (strchr(cell, ':') || strcmp(cell, "company") == 0 || strcmp(cell, "公司") == 0) {
        st = org_resolve(gi->org, cell, &g->ref, &e);
    } else {
        g->ref.kind = SCOPE_PERSON;
        st = org_find_person(gi->org, cell, &g->ref.id, &e);
        if (st == AT_NOT_FOUND) {
            char text[300];
            snprintf(text, sizeof text, "unit:%s", cell);
            st = org_resolve(gi->org, text, &g->ref, &e);
            if (st == AT_NOT_FOUND)
                snprintf(e.msg, sizeof e.msg, "no person or unit \"%s\"", cell);
        }
    }
    if (st) {
        row_error(gi, gi->line, gi->c_scope, "%s", e.msg);
        return AT_INVALID;
    }
    org_label(gi->org, &g->ref, g->scope, sizeof g->scope);
    return AT_OK;
}

static void add_pending(struct gi *gi, const struct goal *g, int col)
{
    char key[GOAL_SCOPE_MAX + 400], period[PERIOD_TEXT_MAX];
    period_format(&g->period, period);
    snprintf(key, sizeof key, "%d:%lld|%s|%s|%s", (int)g->ref.kind, (long long)g->ref.id, period,
             metric_def(g->metric)->key, g->filter);
    int64_t first;
    if (map_get(&gi->seen, key, &first)) {
        row_error(gi, gi->line, col, "a second target for %s %s %s (first on line %lld)", g->scope,
                  period, metric_def(g->metric)->key, (long long)first);
        return;
    }
    map_put(&gi->seen, key, gi->line);
    if (gi->n_rows == gi->cap_rows) {
        gi->cap_rows = gi->cap_rows ? gi->cap_rows * 2 : 64;
        gi->rows = xrealloc(gi->rows, gi->cap_rows * sizeof *gi->rows);
    }
    gi->rows[gi->n_rows++] = (struct pending_goal){*g, gi->line, col};
}

/* A target cell into G->target (scaled); false (and an error) when bad. */
static bool read_target(struct gi *gi, const char *cell, int col, struct goal *g)
{
    struct at_err e;
    enum metric_unit unit = metric_def(g->metric)->unit;
    if (goal_target_parse(unit, cell, currency_exponent(gi->app->currency), &g->target, &e)) {
        row_error(gi, gi->line, col, "%s", e.msg);
        return false;
    }
    __int128 v = (__int128)g->target * gi->scale;
    if (v > INT64_MAX) {
        row_error(gi, gi->line, col, "target \"%s\" is too large", cell);
        return false;
    }
    g->target = (int64_t)v;
    return true;
}

static enum at_status on_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct gi *gi = ctx;
    gi->line = rec->line;
    if (!gi->have_header) {
        gi->have_header = true;
        return on_header(gi, rec, err);
    }
    gi->rep->rows++;
#define CELL(c) ((c) >= 0 && (size_t)(c) < rec->n_fields ? str_trim(rec->fields[c]) : "")
    struct goal g;
    memset(&g, 0, sizeof g);
    g.metric = gi->metric;
    const char *mt = CELL(gi->c_metric);
    struct at_err e;
    if (*mt && metric_parse(mt, &g.metric, &e)) {
        row_error(gi, gi->line, gi->c_metric, "%s", e.msg);
        return AT_OK;
    }
    const char *sc = CELL(gi->c_scope);
    if (!*sc) {
        row_error(gi, gi->line, gi->c_scope, "no scope");
        return AT_OK;
    }
    if (resolve_scope(gi, sc, &g))
        return AT_OK;
    if (strlen(CELL(gi->c_title)) >= sizeof g.title) {
        row_error(gi, gi->line, gi->c_title, "title is %zu bytes; at most %zu",
                  strlen(CELL(gi->c_title)), sizeof g.title - 1);
        return AT_OK;
    }
    if (strlen(CELL(gi->c_filter)) >= sizeof g.filter) {
        row_error(gi, gi->line, gi->c_filter, "filter is %zu bytes; at most %zu",
                  strlen(CELL(gi->c_filter)), sizeof g.filter - 1);
        return AT_OK;
    }
    snprintf(g.title, sizeof g.title, "%s", CELL(gi->c_title));
    snprintf(g.filter, sizeof g.filter, "%s", CELL(gi->c_filter));
    const char *pt = CELL(gi->c_parent);
    if (*pt && (!str_to_i64(pt, &g.parent) || g.parent <= 0)) {
        row_error(gi, gi->line, gi->c_parent, "parent \"%s\" is not a goal id", pt);
        return AT_OK;
    }
    g.direction = metric_direction(g.metric);
    if (!gi->wide) {
        const char *per = CELL(gi->c_period), *tt = CELL(gi->c_target);
        if (!*tt || strcmp(tt, "-") == 0) {
            gi->rep->skipped++;
            return AT_OK;
        }
        if (period_parse(per, gi->app->req.today, gi->app->fiscal_start_month, &g.period, &e) !=
            AT_OK) {
            /* a date in a month column names its month ("2017/07/01") */
            int32_t d;
            struct at_err e2;
            if (date_parse(per, DATE_ORDER_NONE, &d, &e2) != AT_OK) {
                row_error(gi, gi->line, gi->c_period, "%s", e.msg);
                return AT_OK;
            }
            g.period = period_containing(PERIOD_MONTH, d, gi->app->fiscal_start_month);
        } else if (gi->month_column && g.period.kind == PERIOD_DAY) {
            g.period = period_containing(PERIOD_MONTH, g.period.start, gi->app->fiscal_start_month);
        }
        if (read_target(gi, tt, gi->c_target, &g))
            add_pending(gi, &g, gi->c_target);
        return AT_OK;
    }
    int64_t year = 0;
    const char *yt = gi->c_year >= 0 ? CELL(gi->c_year) : gi->opt->year;
    for (size_t c = 0; c < gi->n_headers && c < rec->n_fields; c++) {
        if (!gi->month_of[c])
            continue;
        const char *cell = CELL((int)c);
        if (!*cell || strcmp(cell, "-") == 0) {
            gi->rep->skipped++;
            continue;
        }
        struct goal m = g;
        if (gi->month_of[c] == 13) {
            m.period = gi->period_of[c];
        } else {
            if (!yt || !str_to_i64(yt, &year) || year < 1 || year > 9999) {
                row_error(gi, gi->line, gi->c_year,
                          "no year for the month columns (a Year column "
                          "or --year)");
                return AT_OK;
            }
            m.period = period_containing(PERIOD_MONTH, cal_from_ymd((int)year, gi->month_of[c], 1),
                                         gi->app->fiscal_start_month);
        }
        if (read_target(gi, cell, (int)c, &m))
            add_pending(gi, &m, (int)c);
    }
#undef CELL
    return AT_OK;
}

void goal_import_report_init(struct goal_import_report *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->errors, 0);
}

void goal_import_report_free(struct goal_import_report *r)
{
    buf_free(&r->errors);
}

/* The key that makes a goal "the same" for an import: scope, period, metric, filter. */
static void goal_key(const struct goal *g, char *out, size_t size)
{
    char period[PERIOD_TEXT_MAX];
    period_format(&g->period, period);
    snprintf(out, size, "%d:%lld|%s|%s|%s", (int)g->ref.kind, (long long)g->ref.id, period,
             metric_def(g->metric)->key, g->filter);
}

/* The live goals, once, by key -> index into ITEMS. */
struct existing {
    struct goal *items;
    size_t n, cap;
    struct map by_key;
};

static enum at_status keep_existing(const struct goal *g, const struct goal_meta *m, void *ctx,
                                    struct at_err *err)
{
    (void)m;
    (void)err;
    struct existing *x = ctx;
    char key[GOAL_SCOPE_MAX + 400];
    goal_key(g, key, sizeof key);
    int64_t old;
    if (map_get(&x->by_key, key, &old)) /* the first one wins, as it always did */
        return AT_OK;
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 256;
        x->items = xrealloc(x->items, x->cap * sizeof *x->items);
    }
    x->items[x->n] = *g;
    map_put(&x->by_key, key, (int64_t)x->n++);
    return AT_OK;
}

static enum at_status write_rows(struct gi *gi, struct at_err *err)
{
    enum at_status st = AT_OK;
    const char *slash = strrchr(gi->file, '/');
    struct goal_meta meta;
    memset(&meta, 0, sizeof meta);
    snprintf(meta.origin, sizeof meta.origin, "import:%s", slash ? slash + 1 : gi->file);
    struct existing x = {0};
    map_init(&x.by_key);
    st = app_goal_list(gi->app, false, keep_existing, &x, err);
    for (size_t i = 0; i < gi->n_rows && !st; i++) {
        struct goal *g = &gi->rows[i].g;
        if (g->parent) {
            struct goal parent;
            if (app_goal_get(gi->app, g->parent, &parent, NULL, err) != AT_OK) {
                row_error(gi, gi->rows[i].line, gi->c_parent, "no goal %lld", (long long)g->parent);
                continue;
            }
        }
        char key[GOAL_SCOPE_MAX + 400];
        goal_key(g, key, sizeof key);
        int64_t at;
        struct goal *found = map_get(&x.by_key, key, &at) ? &x.items[at] : NULL;
        if (!found) {
            if (!g->title[0]) {
                char period[PERIOD_TEXT_MAX];
                period_format(&g->period, period);
                const char *sc = strchr(g->scope, ':') ? strchr(g->scope, ':') + 1 : g->scope;
                utf8_snprintf(g->title, sizeof g->title, "%s %s %s", sc, metric_def(g->metric)->key,
                              period);
            }
            st = goal_store_insert(gi->app->db, g, &meta, err);
            if (!st)
                st = goal_store_history_add(gi->app->db, g->id, "created", NULL, "", meta.origin,
                                            gi->app->req.actor, err);
            gi->rep->inserted++;
        } else if (found->target == g->target) {
            gi->rep->unchanged++;
        } else {
            char a[64], b[64];
            app_goal_target_text(gi->app, found, a, sizeof a);
            struct goal upd = *found;
            upd.target = g->target;
            app_goal_target_text(gi->app, &upd, b, sizeof b);
            st = goal_store_update(gi->app->db, &upd, NULL, err);
            if (!st)
                st = goal_store_history_add(gi->app->db, upd.id, "target", a, b, meta.origin,
                                            gi->app->req.actor, err);
            gi->rep->updated++;
        }
    }
    free(x.items);
    map_free(&x.by_key);
    return st;
}

enum at_status app_goal_import(struct app *app, const struct goal_import_options *opt,
                               struct goal_import_report *rep, struct at_err *err)
{
    struct gi gi;
    memset(&gi, 0, sizeof gi);
    gi.app = app;
    gi.opt = opt;
    gi.rep = rep;
    gi.file = opt->path;
    gi.metric = METRIC_REVENUE;
    gi.scale = 1;
    enum at_status st = AT_OK;
    if (opt->metric && (st = metric_parse(opt->metric, &gi.metric, err)))
        return st;
    if (opt->scale && (!str_to_i64(opt->scale, &gi.scale) || gi.scale <= 0))
        return at_err_set(err, AT_INVALID, "--scale %s: a whole number above 0", opt->scale);
    if ((st = app_org(app, &gi.org, err)))
        return st;
    struct csv_options co = {.encoding = opt->encoding};
    st = csv_read(opt->path, &co, on_record, &gi, NULL, err);
    if (!st && !gi.have_header)
        st = at_err_set(err, AT_INVALID, "%s: the file is empty", opt->path);
    if (!st && !rep->n_errors) {
        st = db_begin(app->db, err);
        if (!st)
            st = write_rows(&gi, err);
        if (!st && !rep->n_errors && !opt->dry_run)
            st = db_commit(app->db, err);
        else
            db_rollback(app->db);
    }
    if (!st && rep->n_errors)
        st = at_err_set(err, AT_INVALID, "%s: %ld bad target%s; nothing was imported", opt->path,
                        rep->n_errors, rep->n_errors == 1 ? "" : "s");
    for (size_t i = 0; i < gi.n_headers; i++)
        free(gi.headers[i]);
    free(gi.rows);
    map_free(&gi.seen);
    return st;
}
