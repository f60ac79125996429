/*
 * reports.c — attain report: sales, leaderboard, funnel and customers, built
 * from the engine's metrics and report primitives (engine.h). Every figure is
 * exact: money and counts stay int64 ×10^4 (split-credit shares in basis
 * points) until metric_value_format writes them.
 */
#include "app/reports.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "domain/metric.h"
#include "domain/period.h"
#include "engine/engine.h"

#define TOP_DEFAULT 10
#define COHORTS     4 /* quarters of first orders followed by the cohort table */

/* ---- report building ---------------------------------------------------- */

/* Start R for a query answered as PARTS: scope, period and currency texts. */
static void report_start(struct app *app, const struct query_parts *parts, const char *title_en,
                         const char *title_zh, struct report *r)
{
    memset(r, 0, sizeof *r);
    r->title_en = title_en;
    r->title_zh = title_zh;
    engine_scope_format(parts->e, &parts->scope, r->scope, sizeof r->scope);
    period_format(&parts->period, r->period);
    memcpy(r->currency, app->currency, CURRENCY_LEN);
}

/* Append an empty section with static NAME, titles and columns; the pointer
 * is good until the next call. */
static struct report_section *add_section(struct report *r, const char *name, const char *title_en,
                                          const char *title_zh, size_t n_cols,
                                          const struct report_col *cols)
{
    r->sections = xrealloc(r->sections, (r->n_sections + 1) * sizeof *r->sections);
    struct report_section *s = &r->sections[r->n_sections++];
    *s = (struct report_section){
        .name = name, .title_en = title_en, .title_zh = title_zh, .n_cols = n_cols, .cols = cols};
    return s;
}

/* Append a row of NULL cells to S; returns its cells (good until the next row). */
static char **add_row(struct report_section *s)
{
    if (s->n_rows == s->cap_rows) {
        s->cap_rows = s->cap_rows ? s->cap_rows * 2 : 16;
        s->cells = xrealloc(s->cells, s->cap_rows * s->n_cols * sizeof *s->cells);
    }
    char **row = &s->cells[s->n_rows++ * s->n_cols];
    for (size_t i = 0; i < s->n_cols; i++)
        row[i] = NULL;
    return row;
}

/* Append a footnote in both languages. */
static void add_note(struct report *r, const char *en, const char *zh)
{
    r->notes_en = xrealloc(r->notes_en, (r->n_notes + 1) * sizeof *r->notes_en);
    r->notes_zh = xrealloc(r->notes_zh, (r->n_notes + 1) * sizeof *r->notes_zh);
    r->notes_en[r->n_notes] = xstrdup(en);
    r->notes_zh[r->n_notes++] = xstrdup(zh);
}

/* See reports.h. */
void report_section_free(struct report_section *s)
{
    for (size_t i = 0; i < s->n_rows * s->n_cols; i++)
        free(s->cells[i]);
    free(s->cells);
    free(s->own_cols);
    memset(s, 0, sizeof *s);
}

/* See reports.h. */
void report_free(struct report *r)
{
    for (size_t i = 0; i < r->n_sections; i++)
        report_section_free(&r->sections[i]);
    free(r->sections);
    for (size_t i = 0; i < r->n_notes; i++) {
        free(r->notes_en[i]);
        free(r->notes_zh[i]);
    }
    free(r->notes_en);
    free(r->notes_zh);
    memset(r, 0, sizeof *r);
}

/* See reports.h: columns matched by name, sections in order. */
void report_flatten(const struct report *r, struct report_section *out)
{
    memset(out, 0, sizeof *out);
    out->name = "report";
    out->title_en = r->title_en;
    out->title_zh = r->title_zh;
    bool one = r->n_sections == 1;
    size_t max = 1;
    for (size_t i = 0; i < r->n_sections; i++)
        max += r->sections[i].n_cols;
    struct report_col *cols = xmalloc(max * sizeof *cols);
    size_t n = 0;
    if (!one)
        cols[n++] = (struct report_col){"section", VK_TEXT};
    for (size_t i = 0; i < r->n_sections; i++)
        for (size_t c = 0; c < r->sections[i].n_cols; c++) {
            const struct report_col *col = &r->sections[i].cols[c];
            size_t k = 0;
            while (k < n && strcmp(cols[k].name, col->name) != 0)
                k++;
            if (k == n)
                cols[n++] = *col;
        }
    out->own_cols = cols;
    out->cols = cols;
    out->n_cols = n;
    for (size_t i = 0; i < r->n_sections; i++) {
        const struct report_section *s = &r->sections[i];
        for (size_t row = 0; row < s->n_rows; row++) {
            char **cells = add_row(out);
            if (!one)
                cells[0] = xstrdup(s->name);
            for (size_t c = 0; c < s->n_cols; c++) {
                const char *v = s->cells[row * s->n_cols + c];
                size_t k = 0;
                while (strcmp(cols[k].name, s->cols[c].name) != 0)
                    k++;
                cells[k] = v ? xstrdup(v) : NULL;
            }
        }
    }
}

/* ---- values ------------------------------------------------------------- */

/* Canonical text of NUM/DEN in UNIT ("" when DEN is 0); caller owns it. */
static char *fmt_value(enum metric_unit unit, int64_t num, int64_t den, int exponent)
{
    struct metric_value v = {den != 0, num, den};
    char buf[64];
    return xstrdup(metric_value_format(unit, &v, exponent, buf, sizeof buf));
}

/* Money ×10^4 (minor units × share in basis points). */
static char *fmt_money(int64_t e4, int exponent)
{
    return fmt_value(MU_MONEY, e4, METRIC_SCALE, exponent);
}

/* A count ×10^4 ("3", or "0.6" under split credit). */
static char *fmt_count(int64_t e4)
{
    return fmt_value(MU_COUNT, e4, METRIC_SCALE, 0);
}

static char *fmt_int(long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return xstrdup(buf);
}

static char *fmt_date(int32_t day)
{
    char buf[CAL_DATE_LEN];
    return xstrdup(cal_format(day, buf));
}

/* Compare A and B as fractions (denominators of any sign); -1, 0 or 1. */
static int value_cmp(const struct metric_value *a, const struct metric_value *b)
{
    __int128 l = (__int128)a->num * b->den, r = (__int128)b->num * a->den;
    if ((a->den < 0) != (b->den < 0)) {
        l = -l;
        r = -r;
    }
    return l < r ? -1 : l > r;
}

/* NUM/DEN of two values (A / B) in int64, exact when it fits, else shifted
 * to fit (a relative error below 2^-40, far under the 4 decimals written). */
static struct metric_value value_div(const struct metric_value *a, const struct metric_value *b)
{
    struct metric_value out = {false, 0, 1};
    if (!a->defined || !b->defined || b->num == 0)
        return out;
    __int128 n = (__int128)a->num * b->den, d = (__int128)a->den * b->num;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    __int128 x = n < 0 ? -n : n, y = d;
    while (y) { /* gcd */
        __int128 t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) {
        n /= x;
        d /= x;
    }
    while (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX) {
        n /= 2;
        d /= 2;
    }
    if (d == 0)
        return out;
    return (struct metric_value){true, (int64_t)n, (int64_t)d};
}

/* Read --top (NULL = TOP_DEFAULT): a whole number of 1 or more. */
static enum at_status parse_top(const char *text, size_t *out, struct at_err *err)
{
    int64_t v = TOP_DEFAULT;
    if (text && (!str_to_i64(text, &v) || v < 1 || v > 1000000))
        return at_err_set(err, AT_INVALID, "top %s: give a whole number of rows, 1 or more", text);
    *out = (size_t)v;
    return AT_OK;
}

/* Reports over one scope and period refuse a breakdown. */
static enum at_status no_breakdown(const char *report, const struct query_parts *p,
                                   struct at_err *err)
{
    if (p->by != BY_NONE)
        return at_err_set(err, AT_INVALID, "report %s takes no breakdown", report);
    return AT_OK;
}

/* ---- sales -------------------------------------------------------------- */

static const enum metric_id sales_metrics[] = {
    METRIC_REVENUE,       METRIC_ORDERS,        METRIC_WON_VALUE,       METRIC_WIN_RATE,
    METRIC_AVG_DEAL_SIZE, METRIC_NEW_CUSTOMERS, METRIC_ACTIVE_CUSTOMERS};
#define N_SALES_METRICS (sizeof sales_metrics / sizeof sales_metrics[0])

static const struct report_col sales_cols[] = {
    {"scope", VK_TEXT},
    {"period", VK_TEXT},
    {"revenue", VK_MONEY},
    {"orders", VK_COUNT},
    {"won_value", VK_MONEY},
    {"win_rate", VK_RATIO},
    {"avg_deal_size", VK_MONEY},
    {"new_customers", VK_COUNT},
    {"active_customers", VK_COUNT},
};

/* One sales row: the metrics of S over P. */
static enum at_status sales_row(const struct query_parts *p, const struct scope *s,
                                const struct period *per, int exponent, struct report_section *sec,
                                struct at_err *err)
{
    char scope_text[300], period_text[PERIOD_TEXT_MAX];
    engine_scope_format(p->e, s, scope_text, sizeof scope_text);
    period_format(per, period_text);
    char *vals[N_SALES_METRICS];
    for (size_t m = 0; m < N_SALES_METRICS; m++) {
        struct metric_value v;
        enum at_status st =
            engine_metric(p->e, sales_metrics[m], s, per, &p->filter, p->as_of, &v, err);
        if (st) {
            for (size_t k = 0; k < m; k++)
                free(vals[k]);
            return st;
        }
        char buf[64];
        metric_value_format(metric_def(sales_metrics[m])->unit, &v, exponent, buf, sizeof buf);
        vals[m] = xstrdup(buf);
    }
    char **row = add_row(sec);
    row[0] = xstrdup(scope_text);
    row[1] = xstrdup(period_text);
    for (size_t m = 0; m < N_SALES_METRICS; m++)
        row[2 + m] = vals[m];
    return AT_OK;
}

enum at_status app_report_sales(struct app *app, const struct report_query *q, struct report *out,
                                struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct query_parts p;
    enum at_status st = metric_query_read(app, &q->q, &p, err);
    if (st)
        return st;
    report_start(app, &p, "Sales", "销售报表", out);
    struct report_section *sec = add_section(out, "sales", "Sales", "销售",
                                             sizeof sales_cols / sizeof sales_cols[0], sales_cols);
    int exponent = currency_exponent(app->currency);
    if (p.by == BY_PERSON || p.by == BY_TEAM || p.by == BY_UNIT) {
        struct scope *kids = NULL;
        size_t n = 0;
        st = engine_scope_children(p.e, &p.scope, p.by, &kids, &n, err);
        for (size_t i = 0; i < n && !st; i++)
            st = sales_row(&p, &kids[i], &p.period, exponent, sec, err);
        free(kids);
    } else if (p.by != BY_NONE) {
        struct period *pers = NULL;
        size_t n = metric_sub_periods(&p.period, p.by, app->fiscal_start_month, &pers);
        for (size_t i = 0; i < n && !st; i++)
            st = sales_row(&p, &p.scope, &pers[i], exponent, sec, err);
        free(pers);
    }
    if (!st) /* the scope over the whole period: the only row, or the total */
        st = sales_row(&p, &p.scope, &p.period, exponent, sec, err);
    if (st)
        report_free(out);
    return st;
}

/* ---- leaderboard -------------------------------------------------------- */

static const struct report_col leader_cols[] = {
    {"rank", VK_COUNT},  {"scope", VK_TEXT}, {"period", VK_TEXT},
    {"metric", VK_TEXT}, {"value", VK_TEXT}, {"share", VK_RATIO},
};

struct ranked {
    char scope[300];
    struct metric_value v;
};

/* Defined values first, by value descending; then by scope text. */
static int ranked_cmp(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->v.defined != b->v.defined)
        return a->v.defined ? -1 : 1;
    if (a->v.defined) {
        int c = value_cmp(&b->v, &a->v);
        if (c)
            return c;
    }
    return strcmp(a->scope, b->scope);
}

/* Metrics whose values over disjoint scopes add up, so a share of the total means something. */
static bool metric_additive(enum metric_id m)
{
    enum metric_unit u = metric_def(m)->unit;
    return (u == MU_MONEY || u == MU_COUNT) && m != METRIC_AVG_DEAL_SIZE &&
           m != METRIC_ACTIVE_CUSTOMERS;
}

/* The column kind of a metric's values. */
static enum value_kind unit_kind(enum metric_unit u)
{
    switch (u) {
    case MU_MONEY:
        return VK_MONEY;
    case MU_COUNT:
        return VK_COUNT;
    case MU_RATIO:
        return VK_RATIO;
    case MU_SCORE:
        return VK_SCORE;
    }
    return VK_TEXT;
}

enum at_status app_report_leaderboard(struct app *app, const struct report_query *q,
                                      struct report *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    enum metric_id m;
    size_t top = TOP_DEFAULT;
    struct query_parts p;
    enum at_status st = metric_parse(q->q.metric, &m, err);
    if (st || (st = parse_top(q->top, &top, err)) || (st = metric_query_read(app, &q->q, &p, err)))
        return st;
    if (p.by == BY_NONE)
        p.by = BY_PERSON;
    if (p.by != BY_PERSON && p.by != BY_TEAM && p.by != BY_UNIT)
        return at_err_set(
            err, AT_INVALID,
            "breakdown %s: a leaderboard ranks people, teams or units (person|team|unit)", q->q.by);
    struct scope *kids = NULL;
    size_t n = 0;
    if ((st = engine_scope_children(p.e, &p.scope, p.by, &kids, &n, err)))
        return st;
    const struct metric_def *def = metric_def(m);
    struct ranked *rows = xcalloc(n + 1, sizeof *rows);
    struct metric_value total = {0};
    for (size_t i = 0; i < n && !st; i++) {
        engine_scope_format(p.e, &kids[i], rows[i].scope, sizeof rows[i].scope);
        st = engine_metric(p.e, m, &kids[i], &p.period, &p.filter, p.as_of, &rows[i].v, err);
    }
    if (!st && metric_additive(m))
        st = engine_metric(p.e, m, &p.scope, &p.period, &p.filter, p.as_of, &total, err);
    free(kids);
    if (st) {
        free(rows);
        return st;
    }
    qsort(rows, n, sizeof *rows, ranked_cmp);
    report_start(app, &p, "Leaderboard", "排行榜", out);
    /* the value column takes the metric's kind */
    struct report_col *cols = xmalloc(sizeof leader_cols);
    memcpy(cols, leader_cols, sizeof leader_cols);
    cols[4].kind = unit_kind(def->unit);
    struct report_section *sec = add_section(out, "leaderboard", "Leaderboard", "排行榜",
                                             sizeof leader_cols / sizeof leader_cols[0], cols);
    sec->own_cols = cols;
    int exponent = currency_exponent(app->currency);
    size_t rank = 0;
    for (size_t i = 0; i < n && i < top; i++) {
        char **row = add_row(sec);
        if (rows[i].v.defined) {
            if (i == 0 || value_cmp(&rows[i].v, &rows[i - 1].v) != 0)
                rank = i + 1;
            row[0] = fmt_int((long long)rank);
        } else {
            row[0] = xstrdup("");
        }
        row[1] = xstrdup(rows[i].scope);
        row[2] = xstrdup(out->period);
        row[3] = xstrdup(def->key);
        row[4] =
            fmt_value(def->unit, rows[i].v.num, rows[i].v.defined ? rows[i].v.den : 0, exponent);
        if (metric_additive(m)) {
            struct metric_value s = value_div(&rows[i].v, &total);
            row[5] = fmt_value(MU_RATIO, s.num, s.defined ? s.den : 0, 0);
        }
    }
    free(rows);
    return AT_OK;
}

/* ---- funnel ------------------------------------------------------------- */

static const struct report_col stage_cols[] = {
    {"stage", VK_TEXT},
    {"deals", VK_COUNT},
    {"amount", VK_MONEY},
    {"share", VK_RATIO},
};

static const struct report_col funnel_summary_cols[] = {
    {"deals", VK_COUNT},
    {"amount", VK_MONEY},
    {"won", VK_COUNT},
    {"lost", VK_COUNT},
    {"open", VK_COUNT},
    {"win_rate", VK_RATIO},
    {"conversion", VK_RATIO},
    {"cycle_median_days", VK_SCORE},
    {"cycle_mean_days", VK_SCORE},
    {"cycle_deals", VK_COUNT},
    {"no_created_date", VK_COUNT},
};

struct stage_sum {
    const char *stage; /* engine text or NULL */
    int64_t deals_e4, lost_e4, amount_e4;
    int64_t prob_e4; /* Σ probability (bp) × share: mean = prob_e4 / deals_e4 */
};

struct cycle {
    int32_t days;
    int32_t share;
};

struct funnel_ctx {
    struct period p;
    struct stage_sum *stages;
    size_t n_stages;
    int64_t deals_e4, amount_e4, won_e4, lost_e4, open_e4, no_created_e4;
    struct cycle *cycles;
    size_t n_cycles, cap_cycles;
};

/* Equal texts, NULL (none) equal only to NULL. */
static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* engine_deals callback: add deal share D to the funnel CTX. */
static enum at_status funnel_deal(const struct deal_info *d, void *ctx, struct at_err *err)
{
    (void)err;
    struct funnel_ctx *c = ctx;
    bool won = strcmp(d->status, "won") == 0, lost = strcmp(d->status, "lost") == 0;
    if (d->created == INT32_MIN) {
        c->no_created_e4 += d->share;
        return AT_OK;
    }
    if (won && d->closed >= c->p.start && d->closed <= c->p.end) {
        if (c->n_cycles == c->cap_cycles) {
            c->cap_cycles = c->cap_cycles ? c->cap_cycles * 2 : 64;
            c->cycles = xrealloc(c->cycles, c->cap_cycles * sizeof *c->cycles);
        }
        c->cycles[c->n_cycles++] = (struct cycle){d->closed - d->created, d->share};
    }
    if (d->created < c->p.start || d->created > c->p.end)
        return AT_OK;
    size_t k = 0;
    while (k < c->n_stages && !same_text(c->stages[k].stage, d->stage))
        k++;
    if (k == c->n_stages) {
        c->stages = xrealloc(c->stages, (k + 1) * sizeof *c->stages);
        c->stages[c->n_stages++] = (struct stage_sum){.stage = d->stage};
    }
    struct stage_sum *s = &c->stages[k];
    int64_t amount_e4 = d->amount * d->share;
    s->deals_e4 += d->share;
    s->amount_e4 += amount_e4;
    s->prob_e4 += (int64_t)d->prob_bp * d->share;
    c->deals_e4 += d->share;
    c->amount_e4 += amount_e4;
    if (won)
        c->won_e4 += d->share;
    else if (lost) {
        c->lost_e4 += d->share;
        s->lost_e4 += d->share;
    } else
        c->open_e4 += d->share;
    return AT_OK;
}

/* Funnel order: mean probability ascending, lost-only stages last, then name. */
static int stage_cmp(const void *pa, const void *pb)
{
    const struct stage_sum *a = pa, *b = pb;
    bool la = a->lost_e4 == a->deals_e4, lb = b->lost_e4 == b->deals_e4;
    if (la != lb)
        return la ? 1 : -1;
    __int128 x = (__int128)a->prob_e4 * b->deals_e4, y = (__int128)b->prob_e4 * a->deals_e4;
    if (x != y)
        return x < y ? -1 : 1;
    if (!a->stage || !b->stage)
        return !a->stage - !b->stage;
    return strcmp(a->stage, b->stage);
}

/* Cycles by days ascending. */
static int cycle_cmp(const void *pa, const void *pb)
{
    const struct cycle *a = pa, *b = pb;
    return (a->days > b->days) - (a->days < b->days);
}

/* Weighted median and mean of the cycles into *MEDIAN and *MEAN (texts, "" when none). */
static void cycle_stats(struct cycle *c, size_t n, char **median, char **mean)
{
    qsort(c, n, sizeof *c, cycle_cmp);
    int64_t w = 0, wd = 0;
    for (size_t i = 0; i < n; i++) {
        w += c[i].share;
        wd += (int64_t)c[i].share * c[i].days;
    }
    *mean = fmt_value(MU_COUNT, wd, w, 0);
    if (w == 0) {
        *median = xstrdup("");
        return;
    }
    /* the first day where the weight reaches half; exactly half: the mean of it and the next */
    int64_t cum = 0;
    size_t i = 0;
    for (; i < n; i++) {
        cum += c[i].share;
        if (2 * cum >= w)
            break;
    }
    if (2 * cum == w && i + 1 < n)
        *median = fmt_value(MU_COUNT, (int64_t)c[i].days + c[i + 1].days, 2, 0);
    else
        *median = fmt_int(c[i].days);
}

enum at_status app_report_funnel(struct app *app, const struct report_query *q, struct report *out,
                                 struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct query_parts p;
    enum at_status st = metric_query_read(app, &q->q, &p, err);
    if (st || (st = no_breakdown("funnel", &p, err)))
        return st;
    struct funnel_ctx c = {.p = p.period};
    if ((st = engine_deals(p.e, &p.scope, &p.filter, funnel_deal, &c, err))) {
        free(c.stages);
        free(c.cycles);
        return st;
    }
    report_start(app, &p, "Funnel", "销售漏斗", out);
    int exponent = currency_exponent(app->currency);
    qsort(c.stages, c.n_stages, sizeof *c.stages, stage_cmp);
    struct report_section *sec = add_section(out, "stages",
                                             "Deals created in the period, by "
                                             "current stage",
                                             "本期新建商机（按当前阶段）",
                                             sizeof stage_cols / sizeof stage_cols[0], stage_cols);
    for (size_t i = 0; i < c.n_stages; i++) {
        char **row = add_row(sec);
        row[0] = xstrdup(c.stages[i].stage ? c.stages[i].stage : "(none)");
        row[1] = fmt_count(c.stages[i].deals_e4);
        row[2] = fmt_money(c.stages[i].amount_e4, exponent);
        row[3] = fmt_value(MU_RATIO, c.stages[i].deals_e4, c.deals_e4, 0);
    }
    sec = add_section(out, "summary", "Summary", "汇总",
                      sizeof funnel_summary_cols / sizeof funnel_summary_cols[0],
                      funnel_summary_cols);
    sec->record = true;
    char **row = add_row(sec);
    row[0] = fmt_count(c.deals_e4);
    row[1] = fmt_money(c.amount_e4, exponent);
    row[2] = fmt_count(c.won_e4);
    row[3] = fmt_count(c.lost_e4);
    row[4] = fmt_count(c.open_e4);
    row[5] = fmt_value(MU_RATIO, c.won_e4, c.won_e4 + c.lost_e4, 0);
    row[6] = fmt_value(MU_RATIO, c.won_e4, c.deals_e4, 0);
    cycle_stats(c.cycles, c.n_cycles, &row[7], &row[8]);
    int64_t cycle_e4 = 0;
    for (size_t i = 0; i < c.n_cycles; i++)
        cycle_e4 += c.cycles[i].share;
    row[9] = fmt_count(cycle_e4);
    row[10] = fmt_count(c.no_created_e4);
    if (c.no_created_e4) {
        char *n = fmt_count(c.no_created_e4);
        char en[160], zh[160];
        snprintf(en, sizeof en, "%s deal(s) without a created date are left out.", n);
        snprintf(zh, sizeof zh, "%s 个商机没有创建日期，未计入。", n);
        add_note(out, en, zh);
        free(n);
    }
    free(c.stages);
    free(c.cycles);
    return AT_OK;
}

/* ---- customers ---------------------------------------------------------- */

static const struct report_col top_cols[] = {
    {"rank", VK_COUNT},  {"customer", VK_TEXT},    {"segment", VK_TEXT},
    {"region", VK_TEXT}, {"revenue", VK_MONEY},    {"orders", VK_COUNT},
    {"share", VK_RATIO}, {"first_order", VK_TEXT},
};
static const struct report_col segment_cols[] = {
    {"segment", VK_TEXT}, {"customers", VK_COUNT}, {"revenue", VK_MONEY},
    {"orders", VK_COUNT}, {"share", VK_RATIO},
};
static const struct report_col rfm_cols[] = {
    {"customer", VK_TEXT}, {"segment", VK_TEXT},
    {"region", VK_TEXT},   {"recency_days", VK_COUNT},
    {"orders", VK_COUNT},  {"revenue", VK_MONEY},
    {"r", VK_COUNT},       {"f", VK_COUNT},
    {"m", VK_COUNT},       {"label", VK_TEXT},
};
static const struct report_col label_cols[] = {
    {"label", VK_TEXT},
    {"customers", VK_COUNT},
    {"revenue", VK_MONEY},
    {"share", VK_RATIO},
};
static const struct report_col cohort_cols[] = {
    {"cohort", VK_TEXT},     {"period", VK_TEXT},
    {"customers", VK_COUNT}, {"active_customers", VK_COUNT},
    {"share", VK_RATIO},
};
static const struct report_col churn_cols[] = {
    {"customer", VK_TEXT}, {"segment", VK_TEXT}, {"region", VK_TEXT},
    {"revenue", VK_MONEY}, {"orders", VK_COUNT}, {"last_order", VK_TEXT},
};
#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

/* Revenue descending, then name. */
static int stat_revenue_cmp(const void *pa, const void *pb)
{
    const struct customer_stat *a = pa, *b = pb;
    if (a->revenue_e4 != b->revenue_e4)
        return a->revenue_e4 > b->revenue_e4 ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* A copy of S, "" for NULL. */
static char *opt_text(const char *s)
{
    return xstrdup(s ? s : "");
}

/* Section "top": the TOP customers of STATS (sorted here) by revenue. */
static void customers_top(struct report *r, struct customer_stat *stats, size_t n, size_t top,
                          int exponent)
{
    qsort(stats, n, sizeof *stats, stat_revenue_cmp);
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += stats[i].revenue_e4;
    struct report_section *sec =
        add_section(r, "top", "Top customers", "重点客户", NCOLS(top_cols), top_cols);
    size_t rank = 0;
    for (size_t i = 0; i < n && i < top; i++) {
        const struct customer_stat *c = &stats[i];
        if (i == 0 || c->revenue_e4 != stats[i - 1].revenue_e4)
            rank = i + 1;
        char **row = add_row(sec);
        row[0] = fmt_int((long long)rank);
        row[1] = xstrdup(c->name);
        row[2] = opt_text(c->segment);
        row[3] = opt_text(c->region);
        row[4] = fmt_money(c->revenue_e4, exponent);
        row[5] = fmt_count(c->orders_e4);
        row[6] = fmt_value(MU_RATIO, c->revenue_e4, total, 0);
        row[7] = c->first_day == INT32_MIN ? xstrdup("") : fmt_date(c->first_day);
    }
}

struct segment_sum {
    const char *segment; /* NULL: none */
    long customers;
    int64_t revenue_e4, orders_e4;
};

/* Segments by revenue descending, then name (none after the named). */
static int segment_cmp(const void *pa, const void *pb)
{
    const struct segment_sum *a = pa, *b = pb;
    if (a->revenue_e4 != b->revenue_e4)
        return a->revenue_e4 > b->revenue_e4 ? -1 : 1;
    if (!a->segment || !b->segment)
        return !a->segment - !b->segment;
    return strcmp(a->segment, b->segment);
}

/* Section "segments": revenue of STATS by customer segment. */
static void customers_segments(struct report *r, const struct customer_stat *stats, size_t n,
                               int exponent)
{
    struct segment_sum *seg = xcalloc(n + 1, sizeof *seg);
    size_t n_seg = 0;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < n_seg && !same_text(seg[k].segment, stats[i].segment))
            k++;
        if (k == n_seg)
            seg[n_seg++].segment = stats[i].segment;
        seg[k].customers++;
        seg[k].revenue_e4 += stats[i].revenue_e4;
        seg[k].orders_e4 += stats[i].orders_e4;
        total += stats[i].revenue_e4;
    }
    qsort(seg, n_seg, sizeof *seg, segment_cmp);
    struct report_section *sec = add_section(r, "segments", "Revenue by segment", "按客户分级",
                                             NCOLS(segment_cols), segment_cols);
    for (size_t k = 0; k < n_seg; k++) {
        char **row = add_row(sec);
        row[0] = xstrdup(seg[k].segment ? seg[k].segment : "(none)");
        row[1] = fmt_int(seg[k].customers);
        row[2] = fmt_money(seg[k].revenue_e4, exponent);
        row[3] = fmt_count(seg[k].orders_e4);
        row[4] = fmt_value(MU_RATIO, seg[k].revenue_e4, total, 0);
    }
    free(seg);
}

enum rfm_label { RFM_CHAMPIONS, RFM_LOYAL, RFM_AT_RISK, RFM_LOST, RFM_OTHERS, RFM_LABELS };
static const char *const rfm_names[RFM_LABELS] = {"Champions", "Loyal", "At risk", "Lost",
                                                  "Others"};

/* The label of scores R, F, M: the first rule that holds. */
static enum rfm_label rfm_label(int r, int f, int m)
{
    if (r >= 4 && f >= 4 && m >= 4)
        return RFM_CHAMPIONS;
    if (r >= 3 && f >= 4)
        return RFM_LOYAL;
    if (r <= 2 && f >= 3)
        return RFM_AT_RISK;
    if (r <= 2)
        return RFM_LOST;
    return RFM_OTHERS;
}

/* int64s ascending. */
static int i64_cmp(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* Quintile score of V among the SORTED values (N of them, ascending):
 * ceil(5 × |values ≤ V| / N), so the largest values score 5 and equal
 * values score alike. */
static int quintile(const int64_t *sorted, size_t n, int64_t v)
{
    size_t lo = 0, hi = n; /* first index with a value > v */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)((5 * lo + n - 1) / n);
}

struct rfm_row {
    const struct customer_stat *c;
    int64_t recency;
    int r, f, m;
    enum rfm_label label;
};

/* RFM rows as the customers: revenue descending, then name. */
static int rfm_cmp(const void *pa, const void *pb)
{
    const struct rfm_row *a = pa, *b = pb;
    return stat_revenue_cmp(a->c, b->c);
}

/* Sections "rfm" and "rfm_labels" over STATS (a year of orders ending on END). */
static void customers_rfm(struct report *r, const struct customer_stat *stats, size_t n,
                          int32_t end, size_t show, int exponent)
{
    struct rfm_row *rows = xcalloc(n + 1, sizeof *rows);
    int64_t *neg_rec = xcalloc(n + 1, sizeof *neg_rec), *freq = xcalloc(n + 1, sizeof *freq),
            *mon = xcalloc(n + 1, sizeof *mon);
    for (size_t i = 0; i < n; i++) {
        rows[i].c = &stats[i];
        rows[i].recency = (int64_t)end - stats[i].last_day;
        neg_rec[i] = -rows[i].recency; /* recent is better: score on −recency */
        freq[i] = stats[i].orders_e4;
        mon[i] = stats[i].revenue_e4;
    }
    qsort(neg_rec, n, sizeof *neg_rec, i64_cmp);
    qsort(freq, n, sizeof *freq, i64_cmp);
    qsort(mon, n, sizeof *mon, i64_cmp);
    long label_n[RFM_LABELS] = {0};
    int64_t label_rev[RFM_LABELS] = {0};
    for (size_t i = 0; i < n; i++) {
        struct rfm_row *x = &rows[i];
        x->r = quintile(neg_rec, n, -x->recency);
        x->f = quintile(freq, n, x->c->orders_e4);
        x->m = quintile(mon, n, x->c->revenue_e4);
        x->label = rfm_label(x->r, x->f, x->m);
        label_n[x->label]++;
        label_rev[x->label] += x->c->revenue_e4;
    }
    qsort(rows, n, sizeof *rows, rfm_cmp);
    struct report_section *sec = add_section(r, "rfm", "RFM (12 months to the period's end)",
                                             "RFM（截至期末的12个月）", NCOLS(rfm_cols), rfm_cols);
    sec->show = show;
    for (size_t i = 0; i < n; i++) {
        const struct rfm_row *x = &rows[i];
        char **row = add_row(sec);
        row[0] = xstrdup(x->c->name);
        row[1] = opt_text(x->c->segment);
        row[2] = opt_text(x->c->region);
        row[3] = fmt_int(x->recency);
        row[4] = fmt_count(x->c->orders_e4);
        row[5] = fmt_money(x->c->revenue_e4, exponent);
        row[6] = fmt_int(x->r);
        row[7] = fmt_int(x->f);
        row[8] = fmt_int(x->m);
        row[9] = xstrdup(rfm_names[x->label]);
    }
    sec = add_section(r, "rfm_labels", "RFM labels", "RFM客户分类", NCOLS(label_cols), label_cols);
    for (int k = 0; k < RFM_LABELS; k++) {
        char **row = add_row(sec);
        row[0] = xstrdup(rfm_names[k]);
        row[1] = fmt_int(label_n[k]);
        row[2] = fmt_money(label_rev[k], exponent);
        row[3] = fmt_value(MU_RATIO, label_n[k], (int64_t)n, 0);
    }
    free(rows);
    free(neg_rec);
    free(freq);
    free(mon);
}

struct first_order {
    int32_t customer, day;
};
struct first_orders {
    struct first_order *v;
    size_t n, cap;
};

/* engine_first_orders callback: collect into CTX (struct first_orders). */
static void collect_first(int32_t customer, int32_t first_day, void *ctx)
{
    struct first_orders *f = ctx;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 256;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n++] = (struct first_order){customer, first_day};
}

/* Section "cohorts": the first-order quarters before the one holding P's end,
 * and their customers' activity in each later quarter up to P's end. */
static void customers_cohorts(struct report *r, const struct query_parts *p, int fiscal)
{
    struct engine *e = p->e;
    size_t n_cust = engine_customer_count(e);
    struct first_orders fo = {0};
    engine_first_orders(e, &p->scope, collect_first, &fo);
    /* quarters[0..COHORTS-1] are the cohorts, quarters[COHORTS] holds P's end */
    struct period quarters[COHORTS + 1];
    quarters[COHORTS] = period_containing(PERIOD_QUARTER, p->period.end, fiscal);
    for (int k = COHORTS - 1; k >= 0; k--)
        quarters[k] = period_containing(PERIOD_QUARTER, quarters[k + 1].start - 1, fiscal);
    /* the later quarters (1..COHORTS), the last clipped to P's end: who was active */
    bool *active[COHORTS + 1] = {0};
    struct period windows[COHORTS + 1];
    for (int k = 1; k <= COHORTS; k++) {
        windows[k] = quarters[k];
        if (windows[k].end > p->period.end)
            windows[k] = (struct period){
                .kind = PERIOD_RANGE, .start = windows[k].start, .end = p->period.end};
        active[k] = xcalloc(n_cust + 1, sizeof *active[k]);
        engine_active_set(e, &p->scope, windows[k].start, windows[k].end, &p->filter, active[k]);
    }
    /* with a filter, a cohort member must also have a matching order in its quarter */
    bool filtered = !engine_filter_empty(&p->filter);
    bool *matched = xcalloc(n_cust + 1, sizeof *matched);
    struct report_section *sec =
        add_section(r, "cohorts", "Cohort retention", "客户留存（按首单季度）", NCOLS(cohort_cols),
                    cohort_cols);
    for (int k = 0; k < COHORTS; k++) {
        if (filtered)
            engine_active_set(e, &p->scope, quarters[k].start, quarters[k].end, &p->filter,
                              matched);
        long size = 0, act[COHORTS + 1] = {0};
        for (size_t i = 0; i < fo.n; i++) {
            const struct first_order *f = &fo.v[i];
            if (f->day < quarters[k].start || f->day > quarters[k].end ||
                (filtered && !matched[f->customer]))
                continue;
            size++;
            for (int j = k + 1; j <= COHORTS; j++)
                act[j] += active[j][f->customer];
        }
        char cohort_text[PERIOD_TEXT_MAX];
        period_format(&quarters[k], cohort_text);
        for (int j = k + 1; j <= COHORTS; j++) {
            char period_text[PERIOD_TEXT_MAX];
            char **row = add_row(sec);
            row[0] = xstrdup(cohort_text);
            row[1] = xstrdup(period_format(&windows[j], period_text));
            row[2] = fmt_int(size);
            row[3] = fmt_int(act[j]);
            row[4] = fmt_value(MU_RATIO, act[j], size, 0);
        }
    }
    for (int k = 1; k <= COHORTS; k++)
        free(active[k]);
    free(matched);
    free(fo.v);
}

/* The customer index of each of STATS (engine_customer_stats over the same
 * scope, days and filter, so in customer order): the k-th customer of the
 * active set. Caller frees *OUT. */
static enum at_status stat_indexes(struct engine *e, const struct scope *s, int32_t from,
                                   int32_t to, const struct metric_filter *f, size_t n,
                                   int32_t **out, struct at_err *err)
{
    size_t n_cust = engine_customer_count(e);
    bool *act = xcalloc(n_cust + 1, sizeof *act);
    engine_active_set(e, s, from, to, f, act);
    int32_t *idx = xcalloc(n + 1, sizeof *idx);
    size_t k = 0;
    for (size_t c = 0; c < n_cust; c++)
        if (act[c]) {
            if (k < n)
                idx[k] = (int32_t)c;
            k++;
        }
    free(act);
    if (k != n) {
        free(idx);
        return at_err_set(err, AT_INTERNAL, "customers: %zu active but %zu with figures", k, n);
    }
    *out = idx;
    return AT_OK;
}

/* Section "churned": customers of the previous period without an order in P. */
static enum at_status customers_churned(struct report *r, const struct query_parts *p, size_t show,
                                        int exponent, struct at_err *err)
{
    struct period prev = period_previous(&p->period);
    struct customer_stat *stats = NULL;
    size_t n = 0;
    int32_t *idx = NULL;
    enum at_status st =
        engine_customer_stats(p->e, &p->scope, prev.start, prev.end, &p->filter, &stats, &n, err);
    if (!st)
        st = stat_indexes(p->e, &p->scope, prev.start, prev.end, &p->filter, n, &idx, err);
    if (st) {
        free(stats);
        return st;
    }
    bool *now = xcalloc(engine_customer_count(p->e) + 1, sizeof *now);
    engine_active_set(p->e, &p->scope, p->period.start, p->period.end, &p->filter, now);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!now[idx[i]])
            stats[k++] = stats[i];
    qsort(stats, k, sizeof *stats, stat_revenue_cmp);
    char prev_text[PERIOD_TEXT_MAX], en[128], zh[128];
    period_format(&prev, prev_text);
    snprintf(en, sizeof en, "Churned: active in %s, not in %s", prev_text, r->period);
    snprintf(zh, sizeof zh, "流失客户：%s 有订单，%s 无订单", prev_text, r->period);
    struct report_section *sec =
        add_section(r, "churned", "Churned customers", "流失客户", NCOLS(churn_cols), churn_cols);
    sec->show = show;
    for (size_t i = 0; i < k; i++) {
        char **row = add_row(sec);
        row[0] = xstrdup(stats[i].name);
        row[1] = opt_text(stats[i].segment);
        row[2] = opt_text(stats[i].region);
        row[3] = fmt_money(stats[i].revenue_e4, exponent);
        row[4] = fmt_count(stats[i].orders_e4);
        row[5] = fmt_date(stats[i].last_day);
    }
    add_note(r, en, zh);
    free(now);
    free(idx);
    free(stats);
    return AT_OK;
}

enum at_status app_report_customers(struct app *app, const struct report_query *q,
                                    struct report *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    size_t top = TOP_DEFAULT;
    struct query_parts p;
    enum at_status st = parse_top(q->top, &top, err);
    if (st || (st = metric_query_read(app, &q->q, &p, err)) ||
        (st = no_breakdown("customers", &p, err)))
        return st;
    int exponent = currency_exponent(app->currency);
    struct customer_stat *stats = NULL, *year = NULL;
    size_t n = 0, n_year = 0;
    int32_t year_from = cal_add_months(p.period.end, -12) + 1;
    st = engine_customer_stats(p.e, &p.scope, p.period.start, p.period.end, &p.filter, &stats, &n,
                               err);
    if (!st)
        st = engine_customer_stats(p.e, &p.scope, year_from, p.period.end, &p.filter, &year,
                                   &n_year, err);
    if (!st) {
        report_start(app, &p, "Customers", "客户分析", out);
        customers_top(out, stats, n, top, exponent);
        customers_segments(out, stats, n, exponent);
        customers_rfm(out, year, n_year, p.period.end, top, exponent);
        customers_cohorts(out, &p, app->fiscal_start_month);
        st = customers_churned(out, &p, top, exponent, err);
        if (st)
            report_free(out);
    }
    free(stats);
    free(year);
    return st;
}
