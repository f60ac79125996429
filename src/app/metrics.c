/* metrics.c — metric queries, explanations and the engine check. */
#include "app/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/query.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "engine/engine.h"
#include "store/db.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* The parts of a query every use case shares. */
struct parsed {
    struct engine *e;
    enum metric_id metric;
    struct period period;
    struct scope scope;
    struct metric_filter filter;
    enum breakdown by;
    int32_t as_of;
};

/* See metrics.h: everything but the metric, in the order the errors are reported. */
enum at_status metric_query_read(struct app *app, const struct metric_query *q,
                                 struct query_parts *out, struct at_err *err)
{
    enum at_status st;
    out->as_of = app_day(&app->req);
    if (q->as_of && !cal_parse_iso(q->as_of, &out->as_of))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", q->as_of);
    if (!q->period)
        return at_err_set(err, AT_INVALID, "a period is needed (2026-Q3, this-month ...)");
    if ((st = period_parse(q->period, out->as_of, app->fiscal_start_month, &out->period, err)))
        return st;
    out->by = BY_NONE;
    if (q->by && (st = query_breakdown_parse(q->by, &out->by, err)))
        return st;
    if ((st = metric_breakdown_check(&out->period, out->by, app->fiscal_start_month, err)))
        return st;
    if ((st = app_engine(app, &out->e, err)))
        return st;
    if ((st = query_scope(app, out->e, q->scope ? q->scope : "company", &out->scope, err)))
        return st;
    return query_filters(out->e, q->where, q->n_where, true, &out->filter, err);
}

static enum at_status parse_query(struct app *app, const struct metric_query *q, struct parsed *p,
                                  struct at_err *err)
{
    enum at_status st = metric_parse(q->metric, &p->metric, err);
    if (st)
        return st;
    struct query_parts parts;
    if ((st = metric_query_read(app, q, &parts, err)))
        return st;
    p->e = parts.e;
    p->period = parts.period;
    p->scope = parts.scope;
    p->filter = parts.filter;
    p->by = parts.by;
    p->as_of = parts.as_of;
    return AT_OK;
}

static void add_row(struct metric_result *r, size_t *cap, char *scope, char *period,
                    struct typed_value value)
{
    if (r->n_rows == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        r->rows = xrealloc(r->rows, *cap * sizeof *r->rows);
    }
    r->rows[r->n_rows++] = (struct metric_row){scope, period, value};
}

/* See metrics.h. */
size_t metric_sub_periods(const struct period *p, enum breakdown by, int fiscal,
                          struct period **out)
{
    enum period_kind kind = by == BY_MONTH     ? PERIOD_MONTH
                            : by == BY_QUARTER ? PERIOD_QUARTER
                            : by == BY_WEEK    ? PERIOD_WEEK
                                               : PERIOD_DAY;
    size_t n = 0, cap = 16;
    struct period *v = xmalloc(cap * sizeof *v);
    for (int32_t d = p->start; d <= p->end;) {
        struct period q = period_containing(kind, d, fiscal);
        if (q.start < p->start || q.end > p->end) {
            int32_t a = q.start < p->start ? p->start : q.start;
            int32_t b = q.end > p->end ? p->end : q.end;
            q = (struct period){.kind = PERIOD_RANGE, .start = a, .end = b};
        }
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = q;
        d = q.end + 1;
    }
    *out = v;
    return n;
}

int64_t metric_sub_period_count(const struct period *p, enum breakdown by, int fiscal)
{
    if (p->end < p->start)
        return 0;
    if (by == BY_DAY)
        return (int64_t)p->end - p->start + 1;
    if (by == BY_WEEK) {
        struct period a = period_containing(PERIOD_WEEK, p->start, fiscal),
                      b = period_containing(PERIOD_WEEK, p->end, fiscal);
        return ((int64_t)b.start - a.start) / 7 + 1;
    }
    if (by == BY_MONTH || by == BY_QUARTER) {
        struct period a = period_containing(by == BY_MONTH ? PERIOD_MONTH : PERIOD_QUARTER,
                                            p->start, fiscal),
                      b = period_containing(by == BY_MONTH ? PERIOD_MONTH : PERIOD_QUARTER, p->end,
                                            fiscal);
        int y1, m1, y2, m2, d;
        cal_to_ymd(a.start, &y1, &m1, &d);
        cal_to_ymd(b.start, &y2, &m2, &d);
        int64_t months = ((int64_t)y2 * 12 + m2) - ((int64_t)y1 * 12 + m1);
        return months / (by == BY_MONTH ? 1 : 3) + 1;
    }
    return 1;
}

enum at_status metric_breakdown_check(const struct period *p, enum breakdown by, int fiscal,
                                      struct at_err *err)
{
    static const struct {
        enum breakdown by;
        const char *name;
    } coarser[] = {
        {BY_DAY, "day"}, {BY_WEEK, "week"}, {BY_MONTH, "month"}, {BY_QUARTER, "quarter"}};
    int64_t n = metric_sub_period_count(p, by, fiscal);
    if (n <= METRIC_BREAKDOWN_MAX)
        return AT_OK;
    char text[PERIOD_TEXT_MAX];
    period_format(p, text);
    const char *name = "?", *fits = NULL;
    int64_t fits_n = 0;
    for (size_t i = 0; i < sizeof coarser / sizeof coarser[0]; i++) {
        if (coarser[i].by == by)
            name = coarser[i].name;
        int64_t k = metric_sub_period_count(p, coarser[i].by, fiscal);
        if (!fits && k <= METRIC_BREAKDOWN_MAX) {
            fits = coarser[i].name;
            fits_n = k;
        }
    }
    if (fits)
        return at_err_set(err, AT_INVALID,
                          "breakdown %s over %s would make %lld rows (at most %d): choose a "
                          "coarser breakdown (%s: %lld rows) or a shorter period",
                          name, text, (long long)n, METRIC_BREAKDOWN_MAX, fits, (long long)fits_n);
    return at_err_set(err, AT_INVALID,
                      "breakdown %s over %s would make %lld rows (at most %d): choose a shorter "
                      "period",
                      name, text, (long long)n, METRIC_BREAKDOWN_MAX);
}

/* Team figures several metrics of one answer share (app_metric_list): a
 * breakdown by team asking for both active_customers and retention_rate
 * makes every team's customer lists once, for both periods. */
struct shared_teams {
    bool both;                    /* the list asks for both metrics */
    bool done;                    /* the arrays below hold the figures */
    int64_t *act, *kept, *before; /* per scope, N of them */
    size_t n;
};

static enum at_status metric_one(struct app *app, const struct metric_query *q,
                                 struct metric_result *out, struct shared_teams *sh,
                                 struct at_err *err);

enum at_status app_metric(struct app *app, const struct metric_query *q, struct metric_result *out,
                          struct at_err *err)
{
    return metric_one(app, q, out, NULL, err);
}

enum at_status app_metric_list(struct app *app, const struct metric_query *q,
                               const char *const *metrics, size_t n, struct metric_result *out,
                               struct at_err *err)
{
    struct shared_teams sh = {0};
    bool act = false, ret = false;
    for (size_t i = 0; i < n; i++) {
        enum metric_id id;
        struct at_err ignored = {0};
        if (metric_parse(metrics[i], &id, &ignored) == AT_OK) {
            act = act || id == METRIC_ACTIVE_CUSTOMERS;
            ret = ret || id == METRIC_RETENTION_RATE;
        }
    }
    sh.both = act && ret;
    enum at_status st = AT_OK;
    size_t done = 0;
    for (; done < n && !st; done++) {
        struct metric_query one = *q;
        one.metric = metrics[done];
        st = metric_one(app, &one, &out[done], &sh, err);
    }
    if (st) /* the one that failed freed its own */
        for (size_t i = 0; i + 1 < done; i++)
            metric_result_free(&out[i]);
    free(sh.act);
    free(sh.kept);
    free(sh.before);
    return st;
}

static enum at_status metric_one(struct app *app, const struct metric_query *q,
                                 struct metric_result *out, struct shared_teams *sh,
                                 struct at_err *err)
{
    memset(out, 0, sizeof *out);
    double t0 = now_us();
    struct parsed p;
    bool fresh = app->engine == NULL;
    enum at_status st = parse_query(app, q, &p, err);
    if (st)
        return st;
    out->load_ms = fresh ? app->engine_load_ms : 0;
    const struct metric_def *def = metric_def(p.metric);
    snprintf(out->metric, sizeof out->metric, "%s", def->key);
    out->unit = def->unit;
    memcpy(out->currency, app->currency, CURRENCY_LEN);
    double q0 = now_us();
    (void)t0;
    struct scope *scopes = NULL;
    size_t n_scopes = 1;
    struct period *periods = NULL;
    size_t n_periods = 1;
    if (p.by == BY_PERSON || p.by == BY_TEAM || p.by == BY_UNIT) {
        st = engine_scope_children_text(p.e, &p.scope, p.by, &scopes, &out->scope_texts, &n_scopes,
                                        err);
        if (st)
            return st;
    } else {
        scopes = xmalloc(sizeof *scopes);
        scopes[0] = p.scope;
        char text[300];
        engine_scope_format(p.e, &p.scope, text, sizeof text);
        size_t len = strlen(text) + 1;
        out->scope_texts = xmalloc(sizeof *out->scope_texts + len);
        out->scope_texts[0] = memcpy(out->scope_texts + 1, text, len);
    }
    if (p.by == BY_MONTH || p.by == BY_QUARTER || p.by == BY_WEEK || p.by == BY_DAY) {
        n_periods = metric_sub_periods(&p.period, p.by, app->fiscal_start_month, &periods);
    } else {
        periods = xmalloc(sizeof *periods);
        periods[0] = p.period;
    }
    size_t cap = n_scopes * n_periods;
    out->rows = xmalloc((cap ? cap : 1) * sizeof *out->rows);
    char(*period_text)[PERIOD_TEXT_MAX] = xmalloc(n_periods * sizeof *period_text);
    out->period_texts = (char *)period_text;
    for (size_t k = 0; k < n_periods; k++)
        period_format(&periods[k], period_text[k]);
    /* distinct customers of every team at once: teams nest, so each manager's
     * customer set is built once, bottom up (engine_teams_distinct) */
    struct metric_value *team_values = NULL;
    if (p.by == BY_TEAM && n_periods == 1 && n_scopes > 1 &&
        (p.metric == METRIC_ACTIVE_CUSTOMERS || p.metric == METRIC_RETENTION_RATE)) {
        bool retention = p.metric == METRIC_RETENTION_RATE;
        struct period prev = period_previous(&periods[0]);
        /* as known on the as-of day (engine_metric): through it; a period
         * not begun is empty, and its retention undefined */
        int32_t d2 = periods[0].end < p.as_of ? periods[0].end : p.as_of;
        bool begun = p.as_of >= periods[0].start;
        int64_t *act, *kept, *before;
        bool both = sh && sh->both;
        if (both && sh->done && sh->n == n_scopes) { /* made by the list's other metric */
            act = sh->act;
            kept = sh->kept;
            before = sh->before;
        } else {
            act = xcalloc(n_scopes, sizeof *act);
            kept = xcalloc(n_scopes, sizeof *kept);
            before = xcalloc(n_scopes, sizeof *before);
            st = engine_teams_distinct(p.e, scopes, n_scopes, periods[0].start, d2, prev.start,
                                       prev.end, &p.filter, act, retention || both ? kept : NULL,
                                       retention || both ? before : NULL, err);
            if (both && !st && !sh->done) { /* kept for the other metric */
                *sh = (struct shared_teams){true, true, act, kept, before, n_scopes};
            }
        }
        team_values = xcalloc(n_scopes, sizeof *team_values);
        for (size_t i = 0; !st && i < n_scopes; i++)
            team_values[i] =
                retention ? (struct metric_value){begun && before[i] != 0, kept[i], before[i]}
                          : (struct metric_value){true, act[i] * METRIC_SCALE, METRIC_SCALE};
        if (!(sh && sh->act == act)) {
            free(act);
            free(kept);
            free(before);
        }
    }
    for (size_t i = 0; i < n_scopes && !st; i++) {
        char *scope_text = out->scope_texts[i];
        for (size_t k = 0; k < n_periods && !st; k++) {
            struct metric_value v;
            if (team_values)
                v = team_values[i];
            else
                st = engine_metric(p.e, p.metric, &scopes[i], &periods[k], &p.filter, p.as_of, &v,
                                   err);
            if (st)
                break;
            add_row(out, &cap, scope_text, period_text[k],
                    metric_typed(def->unit, &v, out->currency));
        }
    }
    free(team_values);
    out->query_us = now_us() - q0;
    free(scopes);
    free(periods);
    if (st)
        metric_result_free(out);
    return st;
}

void metric_result_free(struct metric_result *r)
{
    free(r->rows);
    free(r->scope_texts);
    free(r->period_texts);
    r->rows = NULL;
    r->n_rows = 0;
    r->scope_texts = NULL;
    r->period_texts = NULL;
}

/* Explanation rows, collected so the store can be asked for external ids. */
struct explain_ctx {
    struct engine_row *rows;
    size_t n, cap;
};

static enum at_status collect_row(const struct engine_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    struct explain_ctx *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
    }
    c->rows[c->n++] = *row;
    return AT_OK;
}

struct ext_ctx {
    char **refs;
    size_t k;
};

static enum at_status collect_ext(int64_t id, const char *ext, void *ctx, struct at_err *err)
{
    (void)err;
    struct ext_ctx *c = ctx;
    char buf[32];
    snprintf(buf, sizeof buf, "#%lld", (long long)id);
    c->refs[c->k++] = xstrdup(ext ? ext : buf);
    return AT_OK;
}

static enum store_table source_table(enum engine_source src)
{
    switch (src) {
    case SRC_PAYMENTS:
        return STORE_PAYMENTS;
    case SRC_CLOSED:
    case SRC_PIPELINE:
        return STORE_DEALS;
    case SRC_ACTIVITIES:
        return STORE_ACTIVITIES;
    case SRC_SURVEYS:
        return STORE_SURVEYS;
    default:
        return STORE_ORDERS;
    }
}

/* A numerator or denominator of METRIC in its own unit (explain's formula line). */
static void part_text(enum metric_id m, bool numerator, int64_t v, int exponent, char *out,
                      size_t size)
{
    struct metric_value mv = {true, v, METRIC_SCALE};
    enum metric_unit unit = MU_COUNT;
    switch (m) {
    case METRIC_AVG_DEAL_SIZE:
        unit = numerator ? MU_MONEY : MU_COUNT;
        break;
    case METRIC_MARKET_SHARE:
        unit = MU_MONEY;
        break;
    case METRIC_WIN_RATE:
        break;
    default: /* retention, csat, nps: plain numbers */
        mv.den = 1;
        break;
    }
    metric_value_format(unit, &mv, exponent, out, size);
}

enum at_status app_explain(struct app *app, const struct metric_query *q, explain_fn fn, void *ctx,
                           char *formula, size_t formula_size, char *value, size_t value_size,
                           struct at_err *err)
{
    struct parsed p;
    enum at_status st = parse_query(app, q, &p, err);
    if (st)
        return st;
    if (p.by != BY_NONE)
        return at_err_set(err, AT_INVALID, "explain takes no breakdown");
    struct explain_ctx c = {0};
    st = engine_explain(p.e, p.metric, &p.scope, &p.period, &p.filter, p.as_of, collect_row, &c,
                        err);
    char **refs = xcalloc(c.n + 1, sizeof *refs);
    if (!st && c.n) {
        int64_t *ids = xmalloc(c.n * sizeof *ids);
        for (size_t i = 0; i < c.n; i++)
            ids[i] = c.rows[i].row_id;
        struct ext_ctx ec = {refs, 0};
        st =
            store_ext_ids(app->db, source_table(c.rows[0].source), ids, c.n, collect_ext, &ec, err);
        free(ids);
    }
    const struct metric_def *def = metric_def(p.metric);
    int exponent = currency_exponent(app->currency);
    for (size_t i = 0; !st && i < c.n; i++) {
        const struct engine_row *r = &c.rows[i];
        struct explain_row out = {.ref = refs[i], .holder = r->holder, .customer = r->customer};
        cal_format(r->day, out.date);
        snprintf(out.share, sizeof out.share, "%d%%", r->share_bp / 100);
        struct metric_value v = {true, r->value_e4, METRIC_SCALE};
        bool money = r->source == SRC_PAYMENTS || r->source == SRC_PIPELINE ||
                     (r->source == SRC_LINES && p.metric != METRIC_ORDERS) ||
                     (r->source == SRC_CLOSED &&
                      (p.metric == METRIC_WON_VALUE || p.metric == METRIC_AVG_DEAL_SIZE));
        enum metric_unit unit = money ? MU_MONEY : MU_COUNT;
        if (r->source == SRC_SURVEYS) /* the score itself */
            v.den = 1;
        metric_value_format(unit, &v, exponent, out.value, sizeof out.value);
        st = fn(&out, ctx, err);
    }
    for (size_t i = 0; i < c.n; i++)
        free(refs[i]);
    free(refs);
    free(c.rows);
    if (!st) {
        struct metric_value v;
        st = engine_metric(p.e, p.metric, &p.scope, &p.period, &p.filter, p.as_of, &v, err);
        if (!st) {
            metric_value_format(def->unit, &v, exponent, value, value_size);
            char num[64], den[64];
            part_text(p.metric, true, v.num, exponent, num, sizeof num);
            part_text(p.metric, false, v.den, exponent, den, sizeof den);
            bool found = true;
            char why[300] = "";
            int64_t size;
            if (p.metric == METRIC_MARKET_SHARE)
                st = engine_market_size(p.e, &p.scope, &p.period, &p.filter, p.as_of, &found, &size,
                                        why, sizeof why, err);
            if (st)
                ;
            else if (!found) /* why the value is empty, not a made-up 0 / 0 */
                snprintf(formula, formula_size, "%s = %s: empty, %s", def->key, def->formula, why);
            else if (def->unit == MU_RATIO || def->unit == MU_SCORE ||
                     p.metric == METRIC_AVG_DEAL_SIZE)
                snprintf(formula, formula_size, "%s = %s = %s / %s", def->key, def->formula, num,
                         den);
            else
                snprintf(formula, formula_size, "%s = %s", def->key, def->formula);
        }
    }
    return st;
}

enum at_status app_engine_stats(struct app *app, struct engine_stats *out, struct at_err *err)
{
    struct engine *e;
    enum at_status st = app_engine(app, &e, err);
    if (!st)
        engine_stats(e, out);
    return st;
}
