/*
 * query.c — engine_metric and what it is made of: filters, the additive sums
 * (dense day sums for units and the company, monthly sums and binary searches
 * per holder), pipelines, market sizes, and the report primitives (customer
 * figures, deal shares). Read-only over the engine; per-call scratch only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "engine/engine_internal.h"

/* Index of text S in T, or -2 (a value the data never holds). */
static int32_t strtab_find(const struct engine *e, const struct strtab *t, const char *s)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(STR(e, t->off[i]), s) == 0)
            return (int32_t)i;
    return -2;
}

/* Index of the first month starting on or after DAY (0..n_months). */
static size_t month_at_or_after(const struct engine *e, int32_t day)
{
    size_t a = 0, b = (size_t)e->n_months + 1;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (e->month_start[mid] < day)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}
bool eng_whole_months(const struct engine *e, int32_t d1, int32_t d2, size_t *ma, size_t *mb)
{
    if (d1 > d2)
        return false;
    /* a base holds no event outside its months: clip to them */
    if (d1 < e->month_start[0])
        d1 = e->month_start[0];
    if (d2 >= e->month_start[e->n_months])
        d2 = e->month_start[e->n_months] - 1;
    *ma = month_at_or_after(e, d1);
    *mb = month_at_or_after(e, d2 + 1);
    if (*mb <= (size_t)e->n_months && *mb > 0 && e->month_start[*mb] > d2 + 1)
        (*mb)--; /* the last month start inside the range: [start(mb), d2] is the tail */
    return *ma < *mb && *mb <= (size_t)e->n_months;
}

void engine_filter_init(struct metric_filter *f)
{
    memset(f, 0, sizeof *f);
    f->product = f->segment = f->region = f->stage = NO_IDX;
}

bool engine_filter_empty(const struct metric_filter *f)
{
    return f->product == NO_IDX && f->segment == NO_IDX && f->region == NO_IDX && f->n_tags == 0 &&
           f->stage == NO_IDX;
}

/* AND of a key a row holds one value of: a second, different value matches
 * nothing (-2). */
static void filter_and(int32_t *slot, int32_t v)
{
    if (*slot == NO_IDX || *slot == v)
        *slot = v;
    else
        *slot = -2;
}

enum at_status engine_filter_add(const struct engine *e, struct metric_filter *f, const char *kv,
                                 struct at_err *err)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv || !eq[1])
        return at_err_set(err, AT_INVALID, "filter %s: write key=value", kv);
    size_t k = (size_t)(eq - kv);
    const char *v = eq + 1;
#define KEY(name) (k == strlen(name) && strncmp(kv, name, k) == 0)
    if (KEY("product"))
        filter_and(&f->product, strtab_find(e, &e->products, v));
    else if (KEY("segment"))
        filter_and(&f->segment, strtab_find(e, &e->segments, v));
    else if (KEY("region"))
        filter_and(&f->region, strtab_find(e, &e->regions, v));
    else if (KEY("tag")) {
        int32_t t = strtab_find(e, &e->tagnames, v);
        bool have = false;
        for (int32_t i = 0; i < f->n_tags; i++)
            have = have || f->tags[i] == t;
        if (!have) {
            if (f->n_tags == FILTER_TAGS_MAX)
                return at_err_set(err, AT_INVALID, "filter %s: at most %d tags", kv,
                                  FILTER_TAGS_MAX);
            f->tags[f->n_tags++] = t;
        }
    } else if (KEY("stage"))
        filter_and(&f->stage, strtab_find(e, &e->stages, v));
    else
        return at_err_set(err, AT_INVALID,
                          "filter %s: filter on product, segment, region, tag or stage", kv);
#undef KEY
    return AT_OK;
}

static bool customer_match(const struct engine *e, int32_t c, const struct metric_filter *f)
{
    if (f->segment == NO_IDX && f->region == NO_IDX && f->n_tags == 0)
        return true;
    if (c == NO_IDX)
        return false;
    const struct customer *cu = &e->customers[c];
    if (f->segment != NO_IDX && cu->segment != f->segment)
        return false;
    if (f->region != NO_IDX && cu->region != f->region)
        return false;
    for (int32_t k = 0; k < f->n_tags; k++) { /* every tag asked for */
        bool has = false;
        for (int32_t i = 0; i < cu->tag_count && !has; i++)
            has = e->tags[cu->tag_first + i] == f->tags[k];
        if (!has)
            return false;
    }
    return true;
}

bool eng_event_match(const struct engine *e, enum engine_source src, const struct event *ev,
                     const struct metric_filter *f)
{
    if (f->product != NO_IDX && (src == SRC_LINES || src == SRC_CLOSED) && ev->attr != f->product)
        return false;
    if (f->stage != NO_IDX && src == SRC_CLOSED && ev->stage != f->stage)
        return false;
    return customer_match(e, ev->customer, f);
}
/* First index in [a, b) of run R whose day is >= DAY. */
size_t eng_lower_day(const struct run *r, size_t a, size_t b, int32_t day)
{
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (r->ev[mid].day < day)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

static size_t dense_index(const struct engine *e, int64_t day)
{
    int64_t t = day - e->d0;
    if (t < 0)
        return 0;
    if (t > e->n_days)
        return (size_t)e->n_days;
    return (size_t)t;
}

/* V as an int64; when it does not fit, *OVF is set and 0 returned (the
 * caller reports an error rather than a wrong figure). */
static int64_t fit64(__int128 v, bool *ovf)
{
    if (v > INT64_MAX || v < INT64_MIN) {
        *ovf = true;
        return 0;
    }
    return (int64_t)v;
}

/* Sum of measure M of source SRC over scope S and days [d1, d2]: 0 when the
 * range is empty (d1 > d2). Sums run in 128 bits; *OVF is set when the
 * result does not fit an int64. */
static int64_t sum_measure(const struct engine *e, enum engine_source src, int m,
                           const struct scope *s, int32_t d1, int32_t d2,
                           const struct metric_filter *f, bool *ovf)
{
    const struct series *se = &e->src[src];
    if (d1 > d2)
        return 0;
    if (engine_filter_empty(f) && se->dense[m] &&
        (s->kind == SCOPE_COMPANY || s->kind == SCOPE_UNIT)) {
        size_t row = s->kind == SCOPE_COMPANY ? e->n_units : (size_t)s->idx;
        const int64_t *r = eng_dense_row(e, se, m, row);
        return fit64((__int128)r[dense_index(e, (int64_t)d2 + 1)] - r[dense_index(e, d1)], ovf);
    }
    int32_t one = s->idx, *h = &one; /* a person: no list to make (a breakdown asks thousands) */
    size_t nh = s->kind == SCOPE_PERSON ? 1 : eng_scope_holders(e, s, &h);
    __int128 total = 0;
    /* whole months inside [d1, d2] come from the monthly running sums; only the
     * ragged ends need a search in the holder's events */
    size_t ma = month_at_or_after(e, d1), mb = month_at_or_after(e, (int32_t)(d2 + 1));
    if (mb <= (size_t)e->n_months && mb > 0 && e->month_start[mb] > d2 + 1)
        mb--; /* the last month start inside the range: [start(mb), d2] is the tail */
    bool months = engine_filter_empty(f) && ma < mb && ma <= (size_t)e->n_months &&
                  mb <= (size_t)e->n_months && se->month_cum[m];
    for (size_t k = 0; k < nh; k++) {
        struct run r = eng_run(se, h[k]);
        if (!r.n)
            continue;
        const int64_t *cum = r.cum[m];
        if (months) {
            const int64_t *mc = eng_month_row(e, se, m, (size_t)h[k]);
            total += (__int128)mc[mb] - mc[ma];
            if (e->month_start[ma] > d1) { /* days before the first whole month */
                size_t a = eng_lower_day(&r, 0, r.n, d1),
                       b = eng_lower_day(&r, a, r.n, e->month_start[ma]);
                total += (__int128)cum[b] - cum[a];
            }
            if (e->month_start[mb] <= d2) { /* days after the last whole month */
                size_t a = eng_lower_day(&r, 0, r.n, e->month_start[mb]),
                       b = eng_lower_day(&r, a, r.n, d2 + 1);
                total += (__int128)cum[b] - cum[a];
            }
            continue;
        }
        size_t a = eng_lower_day(&r, 0, r.n, d1), b = eng_lower_day(&r, a, r.n, d2 + 1);
        if (engine_filter_empty(f)) {
            total += (__int128)cum[b] - cum[a];
            continue;
        }
        for (size_t i = a; i < b; i++)
            if (eng_event_match(e, src, &r.ev[i], f))
                total += (__int128)cum[i + 1] - cum[i];
    }
    if (h != &one)
        free(h);
    return fit64(total, ovf);
}

bool eng_deal_open(const struct deal_share *d, int32_t as_of)
{
    return (d->created == INT32_MIN || d->created <= as_of) && d->closed > as_of;
}

/* The probability (basis points) of deal share D as known on AS_OF, when it
 * is open then. A deal won after AS_OF with 100 %: that is the outcome (an
 * export records 100 % on a won deal, and the import gives one without a
 * probability 100 %), not known on AS_OF, and no other probability is
 * known: 0, as for a deal without a probability. */
int64_t eng_deal_prob(const struct deal_share *d, int32_t as_of)
{
    if (d->closed != INT32_MAX && d->closed > as_of && d->prob_bp >= METRIC_SCALE)
        return 0;
    return d->prob_bp;
}

bool eng_deal_match(const struct engine *e, const struct deal_share *d,
                    const struct metric_filter *f)
{
    if (f->product != NO_IDX && d->product != f->product)
        return false;
    if (f->stage != NO_IDX && d->stage != f->stage)
        return false;
    return customer_match(e, d->customer, f);
}

/* Open pipeline of scope S on AS_OF expected to close in [d1, d2], ×10^4;
 * WEIGHTED multiplies each deal by its probability. */
static int64_t pipeline(const struct engine *e, const struct scope *s, int32_t d1, int32_t d2,
                        const struct metric_filter *f, int32_t as_of, bool weighted, bool *ovf)
{
    if (d1 > d2)
        return 0;
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    __int128 total = 0;
    for (size_t k = 0; k < nh; k++) {
        struct pipe_run pr = eng_pipe(e, h[k]);
        for (size_t i = 0; i < pr.n; i++) {
            const struct deal_share *d = &pr.d[i];
            if (!eng_deal_open(d, as_of) || d->expected < d1 || d->expected > d2 ||
                !eng_deal_match(e, d, f))
                continue;
            __int128 v = (__int128)d->amount * d->share;
            total += weighted ? v * eng_deal_prob(d, as_of) : v * METRIC_SCALE;
        }
    }
    free(h);
    /* back to ×10^4, rounding half away from zero */
    __int128 q = total >= 0 ? (total + METRIC_SCALE / 2) / METRIC_SCALE
                            : -((-total + METRIC_SCALE / 2) / METRIC_SCALE);
    return fit64(q, ovf);
}

/* The market rows of unit U (or of the company's top level, U = NO_IDX, which
 * has none of its own) for period TEXT: Σ into *OUT; false when none. */
static bool market_rows(const struct engine *e, int32_t u, const char *text, int64_t *out,
                        bool *ovf)
{
    bool found = false;
    __int128 sum = 0;
    for (size_t i = 0; u != NO_IDX && i < e->n_markets; i++) {
        const struct market *mk = &e->markets[i];
        if (mk->unit == u && strcmp(STR(e, mk->period), text) == 0) {
            sum += mk->amount;
            found = true;
        }
    }
    *out = fit64(sum, ovf);
    return found;
}

/*
 * The market of unit U (NO_IDX: the company) for period TEXT, in minor units,
 * with the revenue of U over [d1, d2] (filter F) that it is the market of:
 * U's own market rows; else the sum of its children's markets, when every
 * child that has revenue in the range has a market and all of U's revenue
 * comes from those children (nothing credited to U itself or to its direct
 * members). False, with the reason in WHY, when U has no market.
 */
static bool unit_market(const struct engine *e, int32_t u, const char *text, int32_t d1, int32_t d2,
                        const struct metric_filter *f, int64_t *size, char *why, size_t why_size,
                        bool *ovf)
{
    const char *name = u == NO_IDX ? "the company" : STR(e, e->units[u].path);
    if (market_rows(e, u, text, size, ovf))
        return true;
    struct scope self =
        u == NO_IDX ? (struct scope){SCOPE_COMPANY, NO_IDX} : (struct scope){SCOPE_UNIT, u};
    __int128 sum = 0, covered = 0;
    bool any = false;
    for (size_t c = 0; c < e->n_units; c++) {
        if (e->units[c].parent != u)
            continue;
        struct scope child = {SCOPE_UNIT, (int32_t)c};
        int64_t rev = sum_measure(e, SRC_LINES, LINE_REVENUE, &child, d1, d2, f, ovf), csize;
        char sub[256];
        if (unit_market(e, (int32_t)c, text, d1, d2, f, &csize, sub, sizeof sub, ovf)) {
            sum += csize;
            covered += rev;
            any = true;
        } else if (rev != 0) {
            snprintf(why, why_size, "no market size for %s %s (%s)", name, text, sub);
            return false;
        }
    }
    if (!any) {
        snprintf(why, why_size, "no market size for %s %s", name, text);
        return false;
    }
    int64_t all = sum_measure(e, SRC_LINES, LINE_REVENUE, &self, d1, d2, f, ovf);
    if (all != covered) {
        snprintf(why, why_size,
                 "no market size for %s %s: part of its revenue is outside the units that have "
                 "one",
                 name, text);
        return false;
    }
    *size = fit64(sum, ovf);
    return true;
}

/* The market of scope S (a unit or the company) for period P (see
 * unit_market); false with the reason in WHY for a person or team. */
static bool market_size(const struct engine *e, const struct scope *s, const struct period *p,
                        int32_t d1, int32_t d2, const struct metric_filter *f, int64_t *out,
                        char *why, size_t why_size, bool *ovf)
{
    char text[PERIOD_TEXT_MAX];
    period_format(p, text);
    *out = 0;
    if (s->kind == SCOPE_PERSON || s->kind == SCOPE_TEAM) {
        snprintf(why, why_size, "market sizes are entered for units, not people");
        return false;
    }
    return unit_market(e, s->kind == SCOPE_UNIT ? s->idx : NO_IDX, text, d1, d2, f, out, why,
                       why_size, ovf);
}

/* Which filters a metric accepts. */
enum at_status eng_check_filter(enum metric_id m, const struct metric_filter *f, struct at_err *err)
{
    bool deal = m == METRIC_WON_VALUE || m == METRIC_DEALS_WON || m == METRIC_DEALS_LOST ||
                m == METRIC_WIN_RATE || m == METRIC_AVG_DEAL_SIZE || m == METRIC_PIPELINE ||
                m == METRIC_WEIGHTED_PIPELINE;
    bool product_ok = deal || m == METRIC_REVENUE || m == METRIC_ORDERS ||
                      m == METRIC_ACTIVE_CUSTOMERS || m == METRIC_RETENTION_RATE ||
                      m == METRIC_MARKET_SHARE;
    if (f->product != NO_IDX && !product_ok)
        return at_err_set(err, AT_INVALID, "%s cannot be filtered by product", metric_def(m)->key);
    if (f->stage != NO_IDX && !deal)
        return at_err_set(err, AT_INVALID, "%s cannot be filtered by deal stage",
                          metric_def(m)->key);
    return AT_OK;
}

static enum at_status metric(const struct engine *e, struct eng_marks *mk, enum metric_id m,
                             const struct scope *s, const struct period *p,
                             const struct metric_filter *f, int32_t as_of, struct metric_value *out,
                             struct at_err *err)
{
    enum at_status st = eng_check_filter(m, f, err);
    if (st)
        return st;
    /* as known on AS_OF: actuals run through it (the period is clipped to end
     * there; a period that has not begun is the empty range), pipelines are
     * the deals open on it expected to close in the whole period */
    int32_t d1 = p->start, d2 = p->end < as_of ? p->end : as_of;
    bool begun = as_of >= p->start;
    bool ovf = false;
    const int64_t S = METRIC_SCALE;
    *out = (struct metric_value){true, 0, S};
    switch (m) {
    case METRIC_REVENUE:
        out->num = sum_measure(e, SRC_LINES, LINE_REVENUE, s, d1, d2, f, &ovf);
        break;
    case METRIC_ORDERS:
        out->num = f->product != NO_IDX
                       ? eng_distinct_orders(e, mk, s, d1, d2, f)
                       : sum_measure(e, SRC_LINES, LINE_ORDERS, s, d1, d2, f, &ovf);
        break;
    case METRIC_COLLECTIONS:
        out->num = sum_measure(e, SRC_PAYMENTS, PAY_AMOUNT, s, d1, d2, f, &ovf);
        break;
    case METRIC_WON_VALUE:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_WON_VALUE, s, d1, d2, f, &ovf);
        break;
    case METRIC_DEALS_WON:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        break;
    case METRIC_DEALS_LOST:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_LOST, s, d1, d2, f, &ovf);
        break;
    case METRIC_WIN_RATE: {
        int64_t won = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        int64_t lost = sum_measure(e, SRC_CLOSED, CLOSED_LOST, s, d1, d2, f, &ovf);
        int64_t all;
        if (__builtin_add_overflow(won, lost, &all))
            ovf = true;
        *out = (struct metric_value){!ovf && all != 0, won, ovf ? 0 : all};
        break;
    }
    case METRIC_AVG_DEAL_SIZE: {
        int64_t value = sum_measure(e, SRC_CLOSED, CLOSED_WON_VALUE, s, d1, d2, f, &ovf);
        int64_t won = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        *out = (struct metric_value){won != 0, value, won};
        break;
    }
    case METRIC_PIPELINE:
    case METRIC_WEIGHTED_PIPELINE:
        out->num = pipeline(e, s, p->start, p->end, f, as_of, m == METRIC_WEIGHTED_PIPELINE, &ovf);
        break;
    case METRIC_NEW_CUSTOMERS:
        out->num = sum_measure(e, SRC_NEW, NEW_COUNT, s, d1, d2, f, &ovf);
        break;
    case METRIC_ACTIVE_CUSTOMERS:
        out->num = eng_mark_customers(e, mk, s, d1, d2, f, 0, eng_next_gen(mk)) * S;
        break;
    case METRIC_RETENTION_RATE: {
        /* the previous period ends before this one begins: known in full once
         * this one has begun; before that the rate is undefined */
        if (!begun) {
            *out = (struct metric_value){false, 0, 0};
            break;
        }
        struct period prev = period_previous(p);
        uint32_t g1 = eng_next_gen(mk);
        int64_t before = eng_mark_customers(e, mk, s, prev.start, prev.end, f, 0, g1);
        uint32_t g2 = eng_next_gen(mk);
        int64_t kept = eng_mark_customers(e, mk, s, d1, d2, f, g1, g2);
        *out = (struct metric_value){before != 0, kept, before};
        break;
    }
    case METRIC_VISITS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_VISITS, s, d1, d2, f, &ovf);
        break;
    case METRIC_CALLS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_CALLS, s, d1, d2, f, &ovf);
        break;
    case METRIC_MEETINGS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_MEETINGS, s, d1, d2, f, &ovf);
        break;
    case METRIC_CSAT: {
        int64_t sum = sum_measure(e, SRC_SURVEYS, SURV_CSAT_SUM, s, d1, d2, f, &ovf);
        int64_t n = sum_measure(e, SRC_SURVEYS, SURV_CSAT_N, s, d1, d2, f, &ovf);
        *out = (struct metric_value){n != 0, sum, n};
        break;
    }
    case METRIC_NPS: {
        int64_t pro = sum_measure(e, SRC_SURVEYS, SURV_PROMOTERS, s, d1, d2, f, &ovf);
        int64_t det = sum_measure(e, SRC_SURVEYS, SURV_DETRACTORS, s, d1, d2, f, &ovf);
        int64_t n = sum_measure(e, SRC_SURVEYS, SURV_NPS_N, s, d1, d2, f, &ovf);
        int64_t net;
        if (__builtin_sub_overflow(pro, det, &net) || __builtin_mul_overflow(net, 100, &net))
            ovf = true;
        *out = (struct metric_value){n != 0, ovf ? 0 : net, n};
        break;
    }
    case METRIC_MARKET_SHARE: {
        int64_t size, den;
        char why[300];
        /* revenue through AS_OF over the market size of the whole period */
        if (!begun || !market_size(e, s, p, d1, d2, f, &size, why, sizeof why, &ovf) || size == 0) {
            *out = (struct metric_value){false, 0, 0};
            break;
        }
        int64_t rev = sum_measure(e, SRC_LINES, LINE_REVENUE, s, d1, d2, f, &ovf);
        if (__builtin_mul_overflow(size, S, &den))
            ovf = true;
        *out = (struct metric_value){true, rev, den};
        break;
    }
    case METRIC_COUNT:
        return at_err_set(err, AT_INTERNAL, "no such metric");
    }
    if (ovf) {
        char text[PERIOD_TEXT_MAX];
        period_format(p, text);
        return at_err_set(err, AT_INVALID,
                          "%s over %s is too large to compute exactly (beyond ±9.2×10^14 minor "
                          "units)",
                          metric_def(m)->key, text);
    }
    return AT_OK;
}

enum at_status engine_metric(const struct engine *e, enum metric_id m, const struct scope *s,
                             const struct period *p, const struct metric_filter *f, int32_t as_of,
                             struct metric_value *out, struct at_err *err)
{
    struct eng_marks mk;
    eng_marks_init(&mk, e);
    enum at_status st = metric(e, &mk, m, s, p, f, as_of, out, err);
    eng_marks_free(&mk);
    return st;
}

enum at_status engine_market_size(const struct engine *e, const struct scope *s,
                                  const struct period *p, const struct metric_filter *f,
                                  int32_t as_of, bool *found, int64_t *size, char *why,
                                  size_t why_size, struct at_err *err)
{
    int32_t d2 = p->end < as_of ? p->end : as_of;
    bool ovf = false;
    why[0] = '\0';
    *found = false;
    *size = 0;
    if (as_of < p->start) {
        snprintf(why, why_size, "the period has not begun on the as-of day");
        return AT_OK;
    }
    *found = market_size(e, s, p, p->start, d2, f, size, why, why_size, &ovf);
    if (*found && *size == 0) {
        *found = false;
        snprintf(why, why_size, "the market size is 0");
    }
    if (ovf)
        return at_err_set(err, AT_INVALID, "the market size is too large to compute exactly");
    return AT_OK;
}

size_t engine_holder_count(const struct engine *e)
{
    return e->n_holders;
}

int32_t engine_holder_find(const struct engine *e, char kind, int64_t id)
{
    if (kind == 'n')
        return (int32_t)(e->n_holders - 1);
    struct scope s;
    if (engine_scope_from_id(e, kind == 'p' ? SCOPE_PERSON : SCOPE_UNIT, id, &s, NULL) != AT_OK ||
        (kind != 'p' && kind != 'u'))
        return NO_IDX;
    return kind == 'p' ? s.idx : (int32_t)(e->n_people + (size_t)s.idx);
}

const char *engine_holder_name(const struct engine *e, int32_t holder)
{
    return eng_holder_name(e, holder);
}

int64_t engine_holder_total(const struct engine *e, enum engine_source src, int meas, int32_t h)
{
    if (src > SRC_NEW || meas < 0 || meas >= e->src[src].n_meas || h < 0 ||
        (size_t)h >= e->n_holders)
        return 0;
    struct run r = eng_run(&e->src[src], h);
    bool ovf = false;
    int64_t d = eng_diff(r.cum[meas][r.n], r.cum[meas][0], &ovf);
    return ovf ? INT64_MIN : d;
}

void engine_verify(const struct engine *e, engine_diff_fn fn, void *ctx, long *n_diff,
                   long *n_checked)
{
    /* the monthly running sums against the events they summarise */
    size_t stride_m = (size_t)e->n_months + 1;
    for (int src = 0; src <= SRC_NEW; src++) {
        const struct series *se = &e->src[src];
        for (int m = 0; m < se->n_meas; m++)
            for (size_t h = 0; h < e->n_holders; h++)
                for (size_t k = 0; k < stride_m; k++) {
                    struct run r = eng_run(se, (int32_t)h);
                    const int64_t *mc = eng_month_row(e, se, m, h);
                    size_t i = eng_lower_day(&r, 0, r.n, e->month_start[k]);
                    bool ovf = false;
                    int64_t want = eng_diff(r.cum[m][i], r.cum[m][0], &ovf);
                    (*n_checked)++;
                    if (ovf || mc[k] != want) {
                        char line[300];
                        snprintf(line, sizeof line,
                                 "source %d measure %d of %s: month %zu sum %lld, events %lld", src,
                                 m, eng_holder_name(e, (int32_t)h), k, (long long)mc[k],
                                 (long long)want);
                        (*n_diff)++;
                        if (fn)
                            fn(line, ctx);
                    }
                }
    }
}
enum at_status engine_customer_stats(const struct engine *e, const struct scope *s, int32_t from,
                                     int32_t to, const struct metric_filter *f,
                                     struct customer_stat **out, size_t *n, struct at_err *err)
{
    enum at_status st = eng_check_filter(METRIC_REVENUE, f, err);
    if (st)
        return st;
    const struct series *se = &e->src[SRC_LINES];
    struct customer_stat *cs = xcalloc(e->n_customers + 1, sizeof *cs);
    bool *seen = xcalloc(e->n_customers + 1, sizeof *seen);
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    bool ovf = false;
    if (from > to) /* an empty range: no customer */
        nh = 0;
    for (size_t k = 0; k < nh; k++) {
        struct run r = eng_run(se, h[k]);
        size_t a = eng_lower_day(&r, 0, r.n, from), b = eng_lower_day(&r, a, r.n, to + 1);
        for (size_t i = a; i < b; i++) {
            const struct event *ev = &r.ev[i];
            if (ev->customer == NO_IDX || !eng_event_match(e, SRC_LINES, ev, f))
                continue;
            struct customer_stat *c = &cs[ev->customer];
            seen[ev->customer] = true;
            if (__builtin_add_overflow(
                    c->revenue_e4,
                    eng_diff(r.cum[LINE_REVENUE][i + 1], r.cum[LINE_REVENUE][i], &ovf),
                    &c->revenue_e4) ||
                __builtin_add_overflow(
                    c->orders_e4, eng_diff(r.cum[LINE_ORDERS][i + 1], r.cum[LINE_ORDERS][i], &ovf),
                    &c->orders_e4))
                ovf = true;
            if (ev->day > c->last_day || c->last_day == 0)
                c->last_day = ev->day;
        }
    }
    free(h);
    size_t k = 0;
    for (size_t c = 0; c < e->n_customers; c++) {
        if (!seen[c])
            continue;
        const struct customer *cu = &e->customers[c];
        struct customer_stat v = cs[c];
        v.name = STR(e, cu->name);
        v.segment = cu->segment != NO_IDX ? STR(e, e->segments.off[cu->segment]) : NULL;
        v.region = cu->region != NO_IDX ? STR(e, e->regions.off[cu->region]) : NULL;
        cs[k++] = v;
    }
    /* first order days: from the orders' events (the first-order series) */
    const struct series *nw = &e->src[SRC_NEW];
    int32_t *first = xmalloc((e->n_customers + 1) * sizeof *first);
    for (size_t c = 0; c <= e->n_customers; c++)
        first[c] = INT32_MIN;
    for (size_t hh = 0; hh < e->n_holders; hh++) {
        struct run r = eng_run(nw, (int32_t)hh);
        for (size_t i = 0; i < r.n; i++)
            if (r.ev[i].customer != NO_IDX)
                first[r.ev[i].customer] = r.ev[i].day;
    }
    k = 0;
    for (size_t c = 0; c < e->n_customers; c++)
        if (seen[c])
            cs[k++].first_day = first[c];
    free(first);
    free(seen);
    if (ovf) {
        free(cs);
        return at_err_set(err, AT_INVALID,
                          "a customer's revenue is too large to compute exactly (beyond ±9.2×10^14 "
                          "minor units)");
    }
    *out = cs;
    *n = k;
    return AT_OK;
}

enum at_status engine_deals(const struct engine *e, const struct scope *s,
                            const struct metric_filter *f, engine_deal_fn fn, void *ctx,
                            struct at_err *err)
{
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    enum at_status st = AT_OK;
    for (size_t k = 0; k < nh && !st; k++) {
        struct pipe_run pr = eng_pipe(e, h[k]);
        for (size_t i = 0; i < pr.n && !st; i++) {
            const struct deal_share *d = &pr.d[i];
            if (!eng_deal_match(e, d, f))
                continue;
            /* the closed events say won or lost; a deal closes with one status */
            const char *status = "open";
            if (d->closed != INT32_MAX) {
                struct run r = eng_run(&e->src[SRC_CLOSED], h[k]);
                size_t a = eng_lower_day(&r, 0, r.n, d->closed);
                for (size_t j = a; j < r.n && r.ev[j].day == d->closed; j++)
                    if (r.ev[j].ref == d->ref)
                        status = r.cum[CLOSED_WON][j + 1] != r.cum[CLOSED_WON][j] ? "won" : "lost";
            }
            struct deal_info info = {d->stage != NO_IDX ? STR(e, e->stages.off[d->stage]) : NULL,
                                     status,
                                     d->created,
                                     d->closed,
                                     d->expected,
                                     d->amount,
                                     d->share,
                                     d->prob_bp};
            st = fn(&info, ctx, err);
        }
    }
    free(h);
    return st;
}
