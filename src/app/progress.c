/* progress.c — goal figures as of a date (see progress.h). */
#include "app/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/goals.h"
#include "app/org.h"
#include "base/str.h"
#include "domain/decompose.h"
#include "engine/engine.h"
#include "store/db.h"

bool metric_additive(enum metric_id m)
{
    switch (m) {
    case METRIC_REVENUE:
    case METRIC_ORDERS:
    case METRIC_COLLECTIONS:
    case METRIC_WON_VALUE:
    case METRIC_DEALS_WON:
    case METRIC_DEALS_LOST:
    case METRIC_NEW_CUSTOMERS:
    case METRIC_VISITS:
    case METRIC_CALLS:
    case METRIC_MEETINGS:
        return true;
    default:
        return false;
    }
}

enum at_status pace_basis_parse(const char *text, enum pace_basis *out, struct at_err *err)
{
    if (!text || strcmp(text, "working") == 0 || strcmp(text, "working-days") == 0)
        *out = PACE_WORKING_DAYS;
    else if (strcmp(text, "days") == 0)
        *out = PACE_DAYS;
    else if (strcmp(text, "seasonal") == 0)
        *out = PACE_SEASONAL;
    else
        return at_err_set(err, AT_INVALID, "basis %s: days, working or seasonal", text);
    return AT_OK;
}

/* The goal's metric over another period (same scope and filter). */
static enum at_status value_over(struct app *app, const struct goal *g, enum metric_id m,
                                 const struct period *p, int32_t as_of, struct metric_value *v,
                                 struct at_err *err)
{
    struct goal other = *g;
    other.metric = m;
    other.period = *p;
    return app_goal_actual(app, &other, as_of, v, err);
}

/* Last year's daily values of G's metric, the seasonal profile of its period. */
enum at_status app_goal_season(struct app *app, const struct goal *g, int64_t **out, size_t *n,
                               struct at_err *err)
{
    struct period ly = period_last_year(&g->period);
    size_t days = (size_t)period_days(&g->period);
    int64_t *w = xcalloc(days ? days : 1, sizeof *w);
    for (size_t i = 0; i < days; i++) {
        int32_t d = ly.start + (int32_t)i;
        if (d > ly.end)
            break;
        struct period day = period_containing(PERIOD_DAY, d, app->fiscal_start_month);
        struct metric_value v;
        enum at_status st = value_over(app, g, g->metric, &day, d, &v, err);
        if (st) {
            free(w);
            return st;
        }
        int64_t x = goal_value_scaled(&v);
        w[i] = x > 0 ? x : 0;
    }
    *out = w;
    *n = days;
    return AT_OK;
}

enum at_status app_goal_progress_one(struct app *app, const struct goal *g, int32_t as_of,
                                     enum pace_basis basis, struct goal_progress *out,
                                     struct at_err *err)
{
    memset(out, 0, sizeof *out);
    out->goal = *g;
    out->additive = metric_additive(g->metric);
    enum at_status st = app_goal_actual(app, g, as_of, &out->actual, err);
    if (st)
        return st;
    struct cal_holidays h = {0};
    if ((st = app_holidays(app, &h, err)))
        return st;
    struct pace_input in = {
        .unit = metric_def(g->metric)->unit,
        .additive = out->additive,
        .direction = g->direction,
        .target = g->target,
        .actual = out->actual,
        .period = g->period,
        .as_of = as_of,
        .basis = basis,
        .holidays = &h,
    };
    int64_t *season = NULL;
    if (basis == PACE_SEASONAL && (st = app_goal_season(app, g, &season, &in.n_season, err))) {
        free(h.days);
        return st;
    }
    in.season = season;
    /* the pipeline closing in the rest of the period, and the win rate of the
     * last twelve months, for deal-driven money goals */
    bool deals = g->metric == METRIC_REVENUE || g->metric == METRIC_WON_VALUE;
    if (deals && as_of >= g->period.start && as_of < g->period.end) {
        struct period rest = {.kind = PERIOD_RANGE, .start = as_of + 1, .end = g->period.end};
        struct period year = {.kind = PERIOD_RANGE, .start = as_of - 364, .end = as_of};
        struct metric_value open, weighted;
        st = value_over(app, g, METRIC_PIPELINE, &rest, as_of, &open, err);
        if (!st)
            st = value_over(app, g, METRIC_WEIGHTED_PIPELINE, &rest, as_of, &weighted, err);
        if (!st)
            st = value_over(app, g, METRIC_WIN_RATE, &year, as_of, &in.win_rate, err);
        in.open_pipeline = goal_value_scaled(&open);
        in.weighted_pipeline = goal_value_scaled(&weighted);
        if (st == AT_INVALID) /* a filter the deal metrics do not take: no pipeline figures */
            st = AT_OK;
    }
    if (!st) {
        char v[16];
        in.at_risk_bp = 9000;
        st = db_meta_get(app->db, "at_risk_bp", v, sizeof v, err);
        if (st == AT_NOT_FOUND) {
            at_err_clear(err);
            st = AT_OK;
        } else if (!st) {
            int64_t bp;
            if (!str_to_i64(v, &bp) || bp <= 0 || bp > 10000)
                st = at_err_set(err, AT_INVALID, "setting at_risk_bp is \"%s\" (1-10000)", v);
            else
                in.at_risk_bp = (int32_t)bp;
        }
        if (!st)
            pace_compute(&in, &out->pace);
    }
    free(season);
    free(h.days);
    return st;
}

struct list_ctx {
    struct app *app;
    struct engine *e;
    const struct org *org;
    bool has_scope, has_period;
    struct scope_ref scope;
    struct period period;
    int32_t as_of;
    enum pace_basis basis;
    bool original; /* --plan original: each goal's original target */
    bool (*keep)(const struct goal *g, void *ctx);
    void *keep_ctx;
    progress_fn fn;
    void *ctx;
};

static enum at_status each_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)m;
    struct list_ctx *c = ctx;
    if (c->has_period && (g->period.end < c->period.start || g->period.start > c->period.end))
        return AT_OK;
    if (c->has_scope) {
        if (!org_contains(c->org, &c->scope, &g->ref))
            return AT_OK;
    }
    if (c->keep && !c->keep(g, c->keep_ctx))
        return AT_OK;
    struct goal_progress p;
    struct goal planned = *g;
    enum at_status st = app_goal_plan_target(c->app, g, c->original, &planned.target, err);
    if (!st)
        st = app_goal_progress_one(c->app, &planned, c->as_of, c->basis, &p, err);
    if (st)
        return at_err_prefix(err, "goal %lld: ", (long long)g->id);
    return c->fn(&p, c->ctx, err);
}

enum at_status app_goal_progress(struct app *app, const struct progress_options *o, progress_fn fn,
                                 void *ctx, struct at_err *err)
{
    struct list_ctx c = {
        .app = app, .fn = fn, .ctx = ctx, .keep = o->keep, .keep_ctx = o->keep_ctx};
    c.as_of = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &c.as_of))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    enum at_status st = pace_basis_parse(o->basis, &c.basis, err);
    if (!st)
        st = adjust_plan_parse(o->plan, &c.original, err);
    if (!st)
        st = app_engine(app, &c.e, err);
    if (!st && o->scope) {
        c.has_scope = true;
        if (!(st = app_org(app, &c.org, err)))
            st = org_resolve(c.org, o->scope, &c.scope, err);
    }
    if (!st && o->period) {
        c.has_period = true;
        st = period_parse(o->period, c.as_of, app->fiscal_start_month, &c.period, err);
    }
    if (!st)
        st = app_goal_list(app, false, each_goal, &c, err);
    return st;
}

/* ---- variance ----------------------------------------------------------- */

struct goal_set {
    struct goal *items;
    size_t n, cap;
};

static enum at_status keep_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)m;
    (void)err;
    struct goal_set *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->n++] = *g;
    return AT_OK;
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* TARGET × days of G inside [a, b] / days of G, half away from zero. */
static int64_t target_within(const struct goal *g, int32_t a, int32_t b)
{
    int32_t lo = g->period.start > a ? g->period.start : a;
    int32_t hi = g->period.end < b ? g->period.end : b;
    if (hi < lo)
        return 0;
    int64_t days = period_days(&g->period), in = hi - lo + 1;
    if (in == days)
        return g->target;
    __int128 n = (__int128)g->target * in * 2 + days;
    return (int64_t)(n / (2 * days));
}

enum at_status app_variance(struct app *app, const struct variance_options *o, variance_fn fn,
                            void *ctx, enum metric_unit *unit, struct at_err *err)
{
    enum metric_id metric = METRIC_REVENUE;
    enum at_status st = AT_OK;
    if (o->metric && (st = metric_parse(o->metric, &metric, err)))
        return st;
    if (!metric_additive(metric))
        return at_err_set(err, AT_INVALID,
                          "%s does not add up over time or people; the variance "
                          "report needs an additive metric",
                          metric_def(metric)->key);
    *unit = metric_def(metric)->unit;
    int32_t as_of = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &as_of))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    if (!o->period)
        return at_err_set(err, AT_INVALID, "a period is needed (2026, 2026-Q3 ...)");
    struct period p;
    if ((st = period_parse(o->period, as_of, app->fiscal_start_month, &p, err)))
        return st;
    struct engine *e;
    if ((st = app_engine(app, &e, err)))
        return st;
    struct scope within = {SCOPE_COMPANY, -1};
    if (o->scope) {
        const struct org *org;
        struct scope_ref r;
        if ((st = app_org(app, &org, err)) || (st = org_resolve(org, o->scope, &r, err)) ||
            (st = engine_scope_from_id(e, r.kind, r.id, &within, err)))
            return st;
    }
    /* sub-periods */
    struct period *parts = NULL;
    size_t n_parts = 1;
    if (o->by) {
        enum period_kind kind;
        if (strcmp(o->by, "month") == 0)
            kind = PERIOD_MONTH;
        else if (strcmp(o->by, "quarter") == 0)
            kind = PERIOD_QUARTER;
        else
            return at_err_set(err, AT_INVALID, "breakdown %s: month or quarter", o->by);
        if ((st = split_periods(&p, kind, app->fiscal_start_month, &parts, &n_parts, err)))
            return st;
    } else {
        parts = xmalloc(sizeof *parts);
        parts[0] = p;
    }
    struct goal_set all = {0};
    st = app_goal_list(app, false, keep_goal, &all, err);
    /* the finest goals of the metric, in the period and scope */
    struct goal_set fine = {0};
    for (size_t i = 0; !st && i < all.n; i++) {
        const struct goal *g = &all.items[i];
        if (g->metric != metric || g->filter[0] || g->period.end < p.start ||
            g->period.start > p.end)
            continue;
        bool split_in_time = false;
        for (size_t k = 0; k < all.n && !split_in_time; k++)
            split_in_time = all.items[k].parent == g->id && all.items[k].metric == metric &&
                            scope_ref_eq(&all.items[k].ref, &g->ref);
        struct scope s;
        if (split_in_time || engine_scope_from_id(e, g->ref.kind, g->ref.id, &s, NULL) != AT_OK ||
            !engine_scope_contains(e, &within, &s))
            continue;
        keep_goal(g, NULL, &fine, NULL);
    }
    /* distinct scopes, sorted */
    char **scopes = xcalloc(fine.n + 1, sizeof *scopes);
    size_t n_scopes = 0;
    for (size_t i = 0; i < fine.n; i++) {
        bool seen = false;
        for (size_t k = 0; k < n_scopes && !seen; k++)
            seen = strcmp(scopes[k], fine.items[i].scope) == 0;
        if (!seen)
            scopes[n_scopes++] = fine.items[i].scope;
    }
    qsort(scopes, n_scopes, sizeof *scopes, cmp_text);
    /* which scopes are inside another one of the set (not counted in the total) */
    bool *inner = xcalloc(n_scopes + 1, sizeof *inner);
    struct scope *sc = xcalloc(n_scopes + 1, sizeof *sc);
    struct scope_ref *refs = xcalloc(n_scopes + 1, sizeof *refs);
    for (size_t i = 0; i < n_scopes; i++) /* labels are unique: one ref each */
        for (size_t k = 0; k < fine.n; k++)
            if (strcmp(fine.items[k].scope, scopes[i]) == 0) {
                refs[i] = fine.items[k].ref;
                engine_scope_from_id(e, refs[i].kind, refs[i].id, &sc[i], NULL);
                break;
            }
    for (size_t i = 0; i < n_scopes; i++)
        for (size_t k = 0; k < n_scopes && !inner[i]; k++)
            inner[i] = k != i && engine_scope_contains(e, &sc[k], &sc[i]) &&
                       !engine_scope_contains(e, &sc[i], &sc[k]);
    int64_t *tgt = xcalloc((n_scopes + 1) * n_parts, sizeof *tgt);
    int64_t *orig = xcalloc((n_scopes + 1) * n_parts, sizeof *orig);
    int64_t *act = xcalloc((n_scopes + 1) * n_parts, sizeof *act);
    /* the original plan: each goal's original target (its current one when it has none) */
    int64_t *fine_orig = xcalloc(fine.n + 1, sizeof *fine_orig);
    for (size_t k = 0; !st && k < fine.n; k++)
        st = app_goal_plan_target(app, &fine.items[k], true, &fine_orig[k], err);
    for (size_t i = 0; !st && i < n_scopes; i++)
        for (size_t q = 0; !st && q < n_parts; q++) {
            for (size_t k = 0; k < fine.n; k++)
                if (strcmp(fine.items[k].scope, scopes[i]) == 0) {
                    tgt[i * n_parts + q] +=
                        target_within(&fine.items[k], parts[q].start, parts[q].end);
                    struct goal o_goal = fine.items[k];
                    o_goal.target = fine_orig[k];
                    orig[i * n_parts + q] += target_within(&o_goal, parts[q].start, parts[q].end);
                }
            struct goal probe = fine.items[0];
            snprintf(probe.scope, sizeof probe.scope, "%s", scopes[i]);
            probe.ref = refs[i];
            probe.metric = metric;
            probe.period = parts[q];
            probe.filter[0] = '\0';
            struct metric_value v;
            if ((st = app_goal_actual(app, &probe, as_of, &v, err)) == AT_OK)
                act[i * n_parts + q] = goal_value_scaled(&v);
        }
    for (size_t i = 0; !st && i < n_scopes; i++)
        for (size_t q = 0; !st && q < n_parts; q++) {
            struct variance_row r = {.period = parts[q],
                                     .target = tgt[i * n_parts + q],
                                     .original = orig[i * n_parts + q],
                                     .actual = act[i * n_parts + q]};
            snprintf(r.scope, sizeof r.scope, "%s", scopes[i]);
            st = fn(&r, ctx, err);
        }
    /* units rolled up from the people with goals inside them */
    struct scope *units = NULL;
    size_t n_units = 0;
    struct scope company = {SCOPE_COMPANY, -1};
    if (!st)
        st = engine_scope_children(e, &company, BY_UNIT, &units, &n_units, err);
    for (size_t u = 0; !st && u < n_units; u++) {
        bool own = false, any = false;
        for (size_t i = 0; i < n_scopes; i++) {
            own = own || (sc[i].kind == SCOPE_UNIT && sc[i].idx == units[u].idx);
            any = any || (!inner[i] && sc[i].kind != SCOPE_UNIT &&
                          engine_scope_contains(e, &units[u], &sc[i]));
        }
        if (own || !any)
            continue;
        for (size_t q = 0; !st && q < n_parts; q++) {
            struct variance_row r = {.period = parts[q], .rollup = true};
            engine_scope_format(e, &units[u], r.scope, sizeof r.scope);
            for (size_t i = 0; i < n_scopes; i++)
                if (!inner[i] && sc[i].kind != SCOPE_UNIT &&
                    engine_scope_contains(e, &units[u], &sc[i])) {
                    r.target += tgt[i * n_parts + q];
                    r.original += orig[i * n_parts + q];
                    r.actual += act[i * n_parts + q];
                }
            st = fn(&r, ctx, err);
        }
    }
    for (size_t q = 0; !st && q < n_parts && n_scopes; q++) {
        struct variance_row r = {.period = parts[q], .rollup = true};
        snprintf(r.scope, sizeof r.scope, "total");
        for (size_t i = 0; i < n_scopes; i++)
            if (!inner[i]) {
                r.target += tgt[i * n_parts + q];
                r.original += orig[i * n_parts + q];
                r.actual += act[i * n_parts + q];
            }
        st = fn(&r, ctx, err);
    }
    free(units);
    free(tgt);
    free(orig);
    free(fine_orig);
    free(act);
    free(inner);
    free(sc);
    free(refs);
    free(scopes);
    free(fine.items);
    free(all.items);
    free(parts);
    return st;
}

void goal_progress_figures(const struct goal_progress *p, const char *currency,
                           struct typed_value out[PF_COUNT])
{
    enum metric_unit u = metric_def(p->goal.metric)->unit;
    const struct pace_result *r = &p->pace;
#define AMOUNT(x) metric_typed(u, &(struct metric_value){true, (x), GOAL_SCALE}, currency)
    out[PF_TARGET] = AMOUNT(p->goal.target);
    out[PF_ACTUAL] = metric_typed(u, &p->actual, currency);
    out[PF_ATTAINMENT] = metric_typed(MU_RATIO, &r->attainment, NULL);
    out[PF_EXPECTED] = AMOUNT(r->expected);
    out[PF_PACE] = metric_typed(MU_RATIO, &r->pace, NULL);
    out[PF_FORECAST] = AMOUNT(r->forecast_run_rate);
    out[PF_GAP] = AMOUNT(r->gap < 0 ? 0 : r->gap);
    /* ×10^4 units per remaining working day */
    struct metric_value rr = {r->required_run_rate.defined, r->required_run_rate.num,
                              r->required_run_rate.den * GOAL_SCALE};
    out[PF_RUN_RATE] = metric_typed(u, &rr, currency);
    out[PF_COVERAGE] = metric_typed(MU_RATIO, &r->coverage, NULL);
    out[PF_FORECAST_PIPELINE] = AMOUNT(r->forecast_pipeline);
    out[PF_ELAPSED] = metric_typed(MU_RATIO, &r->elapsed, NULL);
#undef AMOUNT
}
