/*
 * explain.c — the rows behind a figure (attain explain): per holder of the
 * scope, the events or deal shares that make up a metric.
 */
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "engine/engine_internal.h"

const char *eng_holder_name(const struct engine *e, int32_t h)
{
    if ((size_t)h < e->n_people)
        return STR(e, e->people[h].name);
    if ((size_t)h < e->n_people + e->n_units)
        return STR(e, e->units[(size_t)h - e->n_people].path);
    return "-";
}

/* The source and measure behind a metric (for explain). */
static enum engine_source metric_source(enum metric_id m, int *meas)
{
    *meas = 0;
    switch (m) {
    case METRIC_COLLECTIONS:
        return SRC_PAYMENTS;
    case METRIC_WON_VALUE:
    case METRIC_AVG_DEAL_SIZE:
        *meas = CLOSED_WON_VALUE;
        return SRC_CLOSED;
    case METRIC_DEALS_WON:
    case METRIC_WIN_RATE:
        *meas = CLOSED_WON;
        return SRC_CLOSED;
    case METRIC_DEALS_LOST:
        *meas = CLOSED_LOST;
        return SRC_CLOSED;
    case METRIC_PIPELINE:
    case METRIC_WEIGHTED_PIPELINE:
        return SRC_PIPELINE;
    case METRIC_NEW_CUSTOMERS:
        return SRC_NEW;
    case METRIC_VISITS:
        *meas = ACT_VISITS;
        return SRC_ACTIVITIES;
    case METRIC_CALLS:
        *meas = ACT_CALLS;
        return SRC_ACTIVITIES;
    case METRIC_MEETINGS:
        *meas = ACT_MEETINGS;
        return SRC_ACTIVITIES;
    case METRIC_CSAT:
    case METRIC_NPS:
        return SRC_SURVEYS;
    case METRIC_ORDERS:
        *meas = LINE_ORDERS;
        return SRC_LINES;
    default:
        return SRC_LINES;
    }
}

enum at_status engine_explain(const struct engine *e, enum metric_id m, const struct scope *s,
                              const struct period *p, const struct metric_filter *f, int32_t as_of,
                              engine_row_fn fn, void *ctx, struct at_err *err)
{
    enum at_status st = eng_check_filter(m, f, err);
    if (st)
        return st;
    int meas;
    enum engine_source src = metric_source(m, &meas);
    /* as known on AS_OF (engine_metric): actual rows through it */
    int32_t d1 = p->start, d2 = p->end < as_of ? p->end : as_of;
    if (src != SRC_PIPELINE && d1 > d2)
        return AT_OK;
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    for (size_t k = 0; k < nh && !st; k++) {
        if (src == SRC_PIPELINE) {
            struct pipe_run pr = eng_pipe(e, h[k]);
            for (size_t i = 0; i < pr.n && !st; i++) {
                const struct deal_share *d = &pr.d[i];
                if (!eng_deal_open(d, as_of) || d->expected < p->start || d->expected > p->end ||
                    !eng_deal_match(e, d, f))
                    continue;
                __int128 v = (__int128)d->amount * d->share;
                if (m == METRIC_WEIGHTED_PIPELINE)
                    v = v * eng_deal_prob(d, as_of) / METRIC_SCALE;
                if (v > INT64_MAX || v < INT64_MIN) {
                    st = at_err_set(err, AT_INVALID, "deal %lld is too large to compute exactly",
                                    (long long)eng_row_id(e, src, d->ref));
                    break;
                }
                struct engine_row row = {
                    src,
                    eng_row_id(e, src, d->ref),
                    d->expected,
                    eng_holder_name(e, h[k]),
                    d->customer != NO_IDX ? STR(e, e->customers[d->customer].name) : NULL,
                    d->share,
                    (int64_t)v};
                st = fn(&row, ctx, err);
            }
            continue;
        }
        struct run r = eng_run(&e->src[src], h[k]);
        size_t a = eng_lower_day(&r, 0, r.n, d1), b = eng_lower_day(&r, a, r.n, d2 + 1);
        for (size_t i = a; i < b && !st; i++) {
            const struct event *ev = &r.ev[i];
            if (!eng_event_match(e, src, ev, f))
                continue;
            bool ovf = false;
            int64_t v = eng_diff(r.cum[meas][i + 1], r.cum[meas][i], &ovf);
            if (src == SRC_ACTIVITIES && v == 0)
                continue;
            if (src == SRC_SURVEYS) {
                bool nps = m == METRIC_NPS;
                if ((nps && ev->attr != 10) || (!nps && ev->attr >= 10))
                    continue;
            }
            if (m == METRIC_ORDERS && v == 0)
                continue;
            if (src == SRC_SURVEYS) {
                __int128 w =
                    (__int128)eng_diff(r.cum[SURV_CSAT_SUM][i + 1], r.cum[SURV_CSAT_SUM][i], &ovf) +
                    (__int128)eng_diff(r.cum[SURV_PROMOTERS][i + 1], r.cum[SURV_PROMOTERS][i],
                                       &ovf) *
                        9;
                ovf = ovf || w > INT64_MAX || w < INT64_MIN;
                v = ovf ? 0 : (int64_t)w;
            }
            if (ovf) {
                st = at_err_set(err, AT_INVALID, "row %lld is too large to compute exactly",
                                (long long)eng_row_id(e, src, ev->ref));
                break;
            }
            struct engine_row row = {
                src,
                eng_row_id(e, src, ev->ref),
                ev->day,
                eng_holder_name(e, h[k]),
                ev->customer != NO_IDX ? STR(e, e->customers[ev->customer].name) : NULL,
                ev->share,
                v};
            st = fn(&row, ctx, err);
        }
    }
    free(h);
    return st;
}

int64_t eng_row_id(const struct engine *e, enum engine_source src, int32_t ref)
{
    size_t n;
    int k;
    eng_base_ids(e, src, &n, &k);
    size_t base = e->base ? e->base_rows[k] : (size_t)-1;
    if ((size_t)ref >= base)
        return e->extra_ids[k][(size_t)ref - base];
    return eng_base_id(e, src, (size_t)ref);
}
