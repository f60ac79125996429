/* check.c — gathering the numbers of the SMART and achievability checks. */
#include "app/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "base/str.h"
#include "domain/value.h"
#include "engine/engine.h"

/* The goal's metric (or M) for scope S over P as known on AS_OF (actuals run
 * through it), ×10^4, and whether it had data. A failure is kept in *ST (the
 * first one, with ERR) and later calls do nothing, so a database error is
 * reported, never read as "no data". */
static int64_t value(struct app *app, const struct goal *g, enum metric_id m,
                     const struct scope_ref *scope, const struct period *p, int32_t as_of,
                     bool *has, enum at_status *st, struct at_err *err)
{
    if (has)
        *has = false;
    if (*st || as_of < p->start)
        return 0;
    struct goal o = *g;
    o.metric = m;
    o.period = *p;
    if (scope)
        o.ref = *scope;
    struct metric_value v;
    if ((*st = app_goal_actual(app, &o, as_of < p->end ? as_of : p->end, &v, err)) || !v.defined)
        return 0;
    if (has)
        *has = v.num != 0;
    return goal_value_scaled(&v);
}

/* Gather the achievability inputs of G from the engine and judge. */
static enum at_status judge(struct app *app, const struct goal *g, const char *lang, int32_t as_of,
                            struct achieve_result *out, struct at_err *err)
{
    struct engine *e;
    struct scope s;
    const struct org *org;
    enum at_status st = app_engine(app, &e, err);
    if (!st)
        st = engine_scope_from_id(e, g->ref.kind, g->ref.id, &s, err);
    if (!st)
        st = app_org_sellers(app, &org, err);
    if (st)
        return st;
    struct achieve_input in = {
        .metric = g->metric,
        .unit = metric_def(g->metric)->unit,
        .exponent = currency_exponent(app->currency),
        .lang = lang,
        .target = g->target,
        .currency_symbol = currency_symbol(app->currency),
    };
    struct period prev = period_previous(&g->period), ly = period_last_year(&g->period);
    in.prev = value(app, g, g->metric, NULL, &prev, as_of, &in.has_prev, &st, err);
    in.last_year = value(app, g, g->metric, NULL, &ly, as_of, &in.has_last_year, &st, err);
    /* how many of the four periods before have data */
    struct period p = g->period;
    for (int i = 0; i < 4; i++) {
        p = period_previous(&p);
        bool has;
        value(app, g, g->metric, NULL, &p, as_of, &has, &st, err);
        in.history_periods += has;
    }
    /* peers' growth: last year's period over the year before */
    struct scope *peers;
    size_t n_peers;
    engine_scope_peers(e, &s, &peers, &n_peers);
    int32_t *growth = xcalloc(n_peers + 1, sizeof *growth);
    struct period ly2 = period_last_year(&ly);
    for (size_t i = 0; i < n_peers; i++) {
        struct scope_ref peer = {peers[i].kind, engine_scope_store_id(e, &peers[i])};
        bool h1, h2;
        int64_t a = value(app, g, g->metric, &peer, &ly, as_of, &h1, &st, err);
        int64_t b = value(app, g, g->metric, &peer, &ly2, as_of, &h2, &st, err);
        if (h1 && h2 && b > 0)
            growth[in.n_peers++] = (int32_t)(((__int128)a - b) * GOAL_SCALE / b);
    }
    in.peer_growth_bp = growth;
    /* the funnel and capacity over the year before the period */
    struct period trail = {
        .kind = PERIOD_RANGE, .start = g->period.start - 365, .end = g->period.start - 1};
    in.avg_deal_size = value(app, g, METRIC_AVG_DEAL_SIZE, NULL, &trail, as_of, NULL, &st, err);
    if (g->metric == METRIC_REVENUE) {
        /* revenue also comes from repeat orders: a won deal "brings" the revenue
         * of the year over its won value, so the funnel counts deals honestly */
        int64_t rev = value(app, g, METRIC_REVENUE, NULL, &trail, as_of, NULL, &st, err);
        int64_t won = value(app, g, METRIC_WON_VALUE, NULL, &trail, as_of, NULL, &st, err);
        if (won > 0 && rev > won)
            in.avg_deal_size = (int64_t)((__int128)in.avg_deal_size * rev / won);
    }
    in.win_rate_bp = (int32_t)value(app, g, METRIC_WIN_RATE, NULL, &trail, as_of, NULL, &st, err);
    int64_t visits = value(app, g, METRIC_VISITS, NULL, &trail, as_of, NULL, &st, err);
    int64_t worked = value(app, g, METRIC_DEALS_WON, NULL, &trail, as_of, NULL, &st, err) +
                     value(app, g, METRIC_DEALS_LOST, NULL, &trail, as_of, NULL, &st, err);
    if (worked > 0)
        in.visits_per_deal = (int64_t)((__int128)visits * GOAL_SCALE / worked);
    /* capacity: the people there during the period, pro-rated (org.h) */
    struct scope_ref *members;
    int64_t *weights;
    size_t n_members = 0;
    if (s.kind == SCOPE_PERSON) {
        in.people = 1;
    } else if (!st &&
               !(st = org_members(org, &g->ref, &g->period, &members, &weights, &n_members, err))) {
        in.people = (int64_t)n_members;
        for (size_t i = 0; i < n_members; i++)
            in.weight_sum_milli += weights[i];
        free(members);
        free(weights);
    }
    struct cal_holidays h = {0};
    if (!st)
        st = app_holidays(app, &h, err);
    if (st) {
        free(h.days);
        free(growth);
        free(peers);
        return st;
    }
    int64_t trail_days = cal_working_days(&h, trail.start, trail.end);
    if (in.people > 0 && trail_days > 0)
        in.visits_per_person_day =
            (int64_t)((__int128)visits / (in.people * trail_days)); /* ×10^4 kept */
    in.working_days = cal_working_days(&h, g->period.start, g->period.end);
    free(h.days);
    if (g->metric == METRIC_REVENUE || g->metric == METRIC_WON_VALUE ||
        g->metric == METRIC_COLLECTIONS) {
        /* the open deals expected to close in the period, as they stood on
         * the as-of day (or on the period's first day when that is later) */
        struct goal o = *g;
        o.metric = METRIC_PIPELINE;
        struct metric_value v;
        st = app_goal_value_known(app, &o, as_of < g->period.start ? as_of : g->period.start, &v,
                                  err);
        if (!st) {
            in.has_coverage = true;
            in.open_pipeline = goal_value_scaled(&v);
        }
    }
    if (!st)
        achieve_judge(&in, out);
    free(growth);
    free(peers);
    return st;
}

/* Does goal G have sub-goals over time? */
struct kids {
    const struct goal *g;
    bool over_time;
};

static enum at_status find_kids(const struct goal *c, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)m;
    (void)err;
    struct kids *k = ctx;
    if (c->parent == k->g->id &&
        (c->period.start != k->g->period.start || c->period.end != k->g->period.end))
        k->over_time = true;
    return AT_OK;
}

enum at_status app_goal_check(struct app *app, const struct goal *g, const struct goal_meta *meta,
                              const struct check_parts *present, const char *lang, int32_t as_of,
                              struct goal_check *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct smart_input in = {
        .has_metric = present->metric,
        .has_scope = present->scope,
        .vague = present->vague,
        .has_target = present->target,
        .metric = g->metric,
        .verdict = -1,
        .has_parent = g->parent != 0,
        .has_objective = g->objective != 0,
        .metric_fits_objective = true,
        .bounded_period = present->period,
        .period_is_short = present->period && period_days(&g->period) <= 31,
    };
    /* an owner: a person or team is owned by the person; a unit by its people;
     * the company by its sales director */
    in.has_owner = present->scope;
    struct objective o;
    enum at_status ost =
        g->objective ? app_objective_get(app, g->objective, &o, err) : AT_NOT_FOUND;
    if (ost && ost != AT_NOT_FOUND)
        return ost;
    if (!ost) {
        in.objective_title = o.title;
        char why[256];
        in.metric_fits_objective =
            smart_metric_fits_lang(g->metric, o.title, lang, why, sizeof why);
    }
    struct kids k = {g, false};
    if (g->id) {
        enum at_status kst = app_goal_list(app, false, find_kids, &k, err);
        if (kst)
            return kst;
    }
    in.has_checkpoints = k.over_time || (meta && meta->cadence[0] && strcmp(meta->cadence, "none"));
    if (present->metric && present->period && present->target) { /* no scope: the company */
        enum at_status st = judge(app, g, lang, as_of, &out->achieve, err);
        if (st)
            return st;
        out->judged = true;
        in.verdict = (int)out->achieve.verdict;
        in.verdict_reason = out->achieve.n_reasons ? out->achieve.reasons[0] : NULL;
    }
    smart_check(&in, lang, &out->smart);
    return AT_OK;
}
