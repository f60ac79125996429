/* split.c — splitting goals and reconciling parents with their children. */
#include "app/split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/decompose.h"
#include "domain/value.h"
#include "engine/engine.h"
#include "store/db.h"
#include "store/goal_store.h"

#define MAX_PARTS 400

void split_plan_free(struct split_plan *p)
{
    free(p->parts);
    p->parts = NULL;
    p->n_parts = 0;
}

/* The metric of G (its scope and filter) over period P, ×10^4, never below 0. */
static enum at_status weight_of(struct app *app, const struct goal *g,
                                const struct scope_ref *scope, const struct period *p, int64_t *w,
                                struct at_err *err)
{
    struct goal other = *g;
    other.period = *p;
    if (scope)
        other.ref = *scope;
    struct metric_value v;
    enum at_status st = app_goal_actual(app, &other, p->end, &v, err);
    if (st)
        return st;
    int64_t x = goal_value_scaled(&v);
    *w = x > 0 ? x : 0;
    return AT_OK;
}

/* The same period a year earlier, for any part (a clipped range too). */
static struct period year_before(const struct period *p)
{
    if (p->kind != PERIOD_RANGE)
        return period_last_year(p);
    struct period q = *p;
    q.start = cal_add_months(p->start, -12);
    q.end = cal_add_months(p->end, -12);
    return q;
}

/* Split the parent's target over the weights (exact) into the parts. */
static enum at_status distribute(struct split_plan *plan, const int64_t *w, struct at_err *err)
{
    const struct goal *g = &plan->parent;
    if (plan->copies) {
        for (size_t i = 0; i < plan->n_parts; i++)
            plan->parts[i].goal.target = g->target;
        return AT_OK;
    }
    /* whole minor units or whole counts when the target is whole, else 10^-4 */
    bool whole = g->target % GOAL_SCALE == 0;
    int64_t total = whole ? g->target / GOAL_SCALE : g->target;
    int64_t *out = xmalloc(plan->n_parts * sizeof *out);
    enum at_status st = split_largest_remainder(total, w, plan->n_parts, out, err);
    for (size_t i = 0; !st && i < plan->n_parts; i++) {
        plan->parts[i].goal.target = whole ? out[i] * GOAL_SCALE : out[i];
        plan->parts[i].weight = w[i];
    }
    free(out);
    return st;
}

/* Manual values or percentages into weights that reproduce them exactly. */
static enum at_status manual_weights(struct app *app, struct split_plan *plan, const char *values,
                                     int64_t *w, struct at_err *err)
{
    if (!values)
        return at_err_set(err, AT_INVALID, "method manual needs values v1,v2,... (or 40%%,60%%)");
    const struct goal *g = &plan->parent;
    enum metric_unit unit = metric_def(g->metric)->unit;
    int exponent = currency_exponent(app->currency);
    char *copy = xstrdup(values);
    size_t n = 0;
    bool pct = strchr(values, '%') != NULL;
    int32_t bp[MAX_PARTS];
    int64_t v[MAX_PARTS];
    enum at_status st = AT_OK;
    for (char *p = copy, *comma; p && !st; p = comma ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        str_trim(p);
        if (n >= MAX_PARTS || n >= plan->n_parts) {
            n++;
            continue;
        }
        struct at_err e;
        if (pct) {
            if (percent_parse(p, &bp[n], &e))
                st = at_err_set(err, AT_INVALID, "values: \"%s\": %s", p, e.msg);
        } else if (goal_target_parse(unit, p, exponent, &v[n], &e)) {
            st = at_err_set(err, AT_INVALID, "values: %s", e.msg);
        }
        n++;
    }
    free(copy);
    if (!st && n != plan->n_parts)
        st = at_err_set(err, AT_INVALID, "values: %zu values for %zu parts", n, plan->n_parts);
    if (st)
        return st;
    if (pct) {
        int64_t total = g->target % GOAL_SCALE == 0 ? g->target / GOAL_SCALE : g->target;
        int64_t *out = xmalloc(n * sizeof *out);
        st = split_manual_percent(total, bp, n, out, err);
        for (size_t i = 0; !st && i < n; i++)
            w[i] = out[i];
        free(out);
        return st;
    }
    /* values must add up to the target exactly */
    bool whole = g->target % GOAL_SCALE == 0;
    for (size_t i = 0; i < n; i++)
        w[i] = whole ? v[i] / GOAL_SCALE : v[i];
    return split_manual_values(whole ? g->target / GOAL_SCALE : g->target, w, n, unit,
                               whole ? exponent : exponent + 4, err);
}

/* A child's title: its scope, metric and period, in the parent title's language. */
static void child_title(struct split_plan *plan, struct goal *c, const char *label)
{
    (void)label;
    bool zh = false;
    for (const char *p = plan->parent.title; *p && !zh; p++)
        zh = (unsigned char)*p >= 0x80;
    app_goal_default_title(c, zh ? "zh" : "en", c->title, sizeof c->title);
}

enum at_status app_goal_split_plan(struct app *app, int64_t id, const char *over,
                                   const char *method, const char *values, struct split_plan *out,
                                   struct at_err *err)
{
    memset(out, 0, sizeof *out);
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (st)
        return st;
    const struct goal *g = &out->parent;
    if (!over || !method)
        return at_err_set(err, AT_INVALID,
                          "give what to split over and the method (attain help goal)");
    snprintf(out->over, sizeof out->over, "%s", over);
    snprintf(out->method, sizeof out->method, "%s", method);
    out->copies = !metric_additive(g->metric);
    bool time =
        strcmp(over, "quarters") == 0 || strcmp(over, "months") == 0 || strcmp(over, "weeks") == 0;
    bool org = strcmp(over, "members") == 0 || strcmp(over, "units") == 0;
    if (!time && !org)
        return at_err_set(err, AT_INVALID, "over %s: quarters, months, weeks, members or units",
                          over);
    static const char *const methods[] = {"even",    "days",     "working", "seasonal",
                                          "history", "capacity", "manual",  NULL};
    bool known = false;
    for (int i = 0; methods[i]; i++)
        known = known || strcmp(method, methods[i]) == 0;
    if (!known)
        return at_err_set(err, AT_INVALID,
                          "method %s: even, days, working, seasonal, history, capacity or manual",
                          method);
    if (time && strcmp(method, "capacity") == 0)
        return at_err_set(err, AT_INVALID, "capacity splits over members or units, not time");
    if (org && (strcmp(method, "days") == 0 || strcmp(method, "working") == 0 ||
                strcmp(method, "seasonal") == 0))
        return at_err_set(err, AT_INVALID, "%s splits over time, not over %s", method, over);
    int64_t *w = NULL;
    if (time) {
        enum period_kind kind = over[0] == 'q'   ? PERIOD_QUARTER
                                : over[0] == 'm' ? PERIOD_MONTH
                                                 : PERIOD_WEEK;
        struct period *parts;
        size_t n;
        if ((st = split_periods(&g->period, kind, app->fiscal_start_month, &parts, &n, err)))
            return st;
        out->parts = xcalloc(n, sizeof *out->parts);
        out->n_parts = n;
        w = xcalloc(n, sizeof *w);
        struct cal_holidays h = {0};
        if (strcmp(method, "working") == 0)
            st = app_holidays(app, &h, err);
        for (size_t i = 0; i < n && !st; i++) {
            struct goal *c = &out->parts[i].goal;
            *c = *g;
            c->id = 0;
            c->parent = g->id;
            c->period = parts[i];
            c->base = GOAL_BASE_NONE;
            c->growth_bp = 0;
            c->baseline = 0;
            char label[PERIOD_TEXT_MAX];
            child_title(out, c, period_format(&parts[i], label));
            w[i] = 1;
        }
        if (!st && strcmp(method, "days") == 0)
            weights_days(parts, n, w);
        if (!st && strcmp(method, "working") == 0)
            weights_working_days(parts, n, &h, w);
        if (!st && (strcmp(method, "seasonal") == 0 || strcmp(method, "history") == 0)) {
            /* seasonal: the same parts last year; history: the parts of the base
             * period (the previous one unless the goal is based on last year) */
            struct period *prev = NULL;
            size_t np = 0;
            bool use_prev = strcmp(method, "history") == 0 && g->base != GOAL_BASE_LAST_YEAR;
            if (use_prev) {
                struct period before = period_previous(&g->period);
                if (split_periods(&before, kind, app->fiscal_start_month, &prev, &np, NULL) !=
                        AT_OK ||
                    np != n) {
                    free(prev);
                    prev = NULL;
                }
            }
            for (size_t i = 0; i < n && !st; i++) {
                struct period base = prev ? prev[i] : year_before(&parts[i]);
                st = weight_of(app, g, NULL, &base, &w[i], err);
            }
            free(prev);
        }
        free(h.days);
        free(parts);
    } else {
        const struct org *o;
        if ((st = app_org_sellers(app, &o, err)))
            return st;
        struct scope_ref *kids = NULL;
        int64_t *cap = NULL;
        size_t n = 0;
        if (strcmp(over, "members") == 0) {
            /* the people there during the period, pro-rated (org.h) */
            if (g->ref.kind == SCOPE_PERSON)
                return at_err_set(err, AT_INVALID, "%s has no members to split over", g->scope);
            st = org_members(o, &g->ref, &g->period, &kids, &cap, &n, err);
        } else {
            struct engine *e;
            struct scope s, *units = NULL;
            if (!(st = app_engine(app, &e, err)) &&
                !(st = engine_scope_from_id(e, g->ref.kind, g->ref.id, &s, err)))
                st = engine_scope_children(e, &s, BY_UNIT, &units, &n, err);
            if (!st) {
                kids = xcalloc(n ? n : 1, sizeof *kids);
                cap = xcalloc(n ? n : 1, sizeof *cap);
                for (size_t i = 0; i < n; i++) {
                    kids[i] = (struct scope_ref){SCOPE_UNIT, engine_scope_store_id(e, &units[i])};
                    cap[i] = org_capacity(o, &kids[i], &g->period);
                }
            }
            free(units);
        }
        if (!st && n == 0)
            st = at_err_set(err, AT_INVALID, "%s has no %s to split over", g->scope, over);
        if (!st && n > MAX_PARTS)
            st = at_err_set(err, AT_INVALID, "%zu parts; at most %d", n, MAX_PARTS);
        if (!st) {
            out->parts = xcalloc(n, sizeof *out->parts);
            out->n_parts = n;
            w = xcalloc(n, sizeof *w);
            struct period base = g->base == GOAL_BASE_LAST_YEAR ? period_last_year(&g->period)
                                                                : period_previous(&g->period);
            for (size_t i = 0; i < n && !st; i++) {
                struct goal *c = &out->parts[i].goal;
                *c = *g;
                c->id = 0;
                c->parent = g->id;
                c->base = GOAL_BASE_NONE;
                c->growth_bp = 0;
                c->baseline = 0;
                c->ref = kids[i];
                org_label(o, &c->ref, c->scope, sizeof c->scope);
                child_title(out, c, strchr(c->scope, ':') + 1);
                w[i] = 1;
                if (strcmp(method, "capacity") == 0)
                    w[i] = cap[i];
                else if (strcmp(method, "history") == 0)
                    st = weight_of(app, g, &c->ref, &base, &w[i], err);
            }
        }
        free(kids);
        free(cap);
    }
    if (!st && strcmp(method, "manual") == 0)
        st = manual_weights(app, out, values, w, err);
    if (!st)
        st = distribute(out, w, err);
    out->want = g->target;
    free(w);
    if (st)
        split_plan_free(out);
    return st;
}

/* Is C a sub-goal of P over time (same scope) rather than over the org? */
static bool over_time(const struct goal *p, const struct goal *c)
{
    return scope_ref_eq(&p->ref, &c->ref);
}

/* Live children of a goal in the same dimension (time or org) as a split. */
struct kids_ctx {
    const struct goal *parent;
    bool time;
    size_t n;
};

static enum at_status count_kids(const struct goal *g, const struct goal_meta *m, void *ctx,
                                 struct at_err *err)
{
    (void)m;
    (void)err;
    struct kids_ctx *k = ctx;
    if (g->parent == k->parent->id && g->metric == k->parent->metric &&
        over_time(k->parent, g) == k->time)
        k->n++;
    return AT_OK;
}

enum at_status app_goal_split_save(struct app *app, struct split_plan *plan, const char *reason,
                                   struct at_err *err)
{
    bool time = plan->over[0] == 'q' || plan->over[0] == 'm' || plan->over[0] == 'w';
    if (strcmp(plan->over, "members") == 0)
        time = false;
    if (!reason || !*reason)
        return at_err_set(err, AT_INVALID,
                          "a split needs a reason (kept in the history of every sub-goal)");
    struct kids_ctx k = {&plan->parent, time, 0};
    struct goal parent;
    struct goal_meta parent_meta;
    enum at_status st = app_goal_get(app, plan->parent.id, &parent, &parent_meta, err);
    if (!st)
        st = app_goal_list(app, false, count_kids, &k, err);
    if (!st && k.n)
        return at_err_set(err, AT_CONFLICT,
                          "goal %lld already has %zu sub-goals over %s; archive them first, or "
                          "use attain goal reconcile",
                          (long long)plan->parent.id, k.n, time ? "time" : "the organisation");
    if (!st && plan->lock) {
        /* locking the plan is deciding over the parent's scope */
        int64_t actor;
        const struct org *o;
        if (!(st = app_actor(app, &actor, err)) && !(st = app_org_sellers(app, &o, err)) &&
            !org_may_decide(o, actor, &parent.ref))
            st = at_err_set(err, AT_FORBIDDEN,
                            "%s may not lock goal %lld (%s): only someone above its owner "
                            "decides over it",
                            app->req.actor, (long long)parent.id, parent.scope);
    }
    bool parent_locked = false;
    if (!st && plan->lock)
        st = app_goal_locked(app, parent.id, &parent_locked, err);
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    struct goal_meta meta;
    memset(&meta, 0, sizeof meta);
    snprintf(meta.origin, sizeof meta.origin, "split:%lld by %s over %s",
             (long long)plan->parent.id, plan->method, plan->over);
    /* sub-goals are checked in on the parent's cadence (its objective is in
     * the children already: they are copies of the parent) */
    snprintf(meta.cadence, sizeof meta.cadence, "%s", parent_meta.cadence);
    char why[512];
    utf8_snprintf(why, sizeof why, "%s (%s)", reason, meta.origin);
    for (size_t i = 0; i < plan->n_parts && !st; i++) {
        char target[64], text[96];
        st = goal_store_insert(app->db, &plan->parts[i].goal, &meta, err);
        app_goal_target_text(app, &plan->parts[i].goal, target, sizeof target);
        snprintf(text, sizeof text, "%s %s", metric_def(plan->parent.metric)->key, target);
        if (!st)
            st = goal_store_history_add(app->db, plan->parts[i].goal.id, "created", NULL, text, why,
                                        app->req.actor, err);
    }
    /* a new split over time starts without a rebalance */
    if (!st && time)
        st = goal_store_rebalanced_set(app->db, plan->parent.id, false, 0, 0, err);
    /* the first plan is the original plan (kept once per goal) */
    char origin[40];
    snprintf(origin, sizeof origin, "split:%lld", (long long)plan->parent.id);
    if (!st)
        st = adjust_keep_original(app, parent.id, parent.target, origin, err);
    for (size_t i = 0; i < plan->n_parts && !st; i++)
        st = adjust_keep_original(app, plan->parts[i].goal.id, plan->parts[i].goal.target, origin,
                                  err);
    if (!st && plan->lock) {
        int64_t *ids = xcalloc(plan->n_parts + 1, sizeof *ids);
        size_t n_ids = 0;
        if (!parent_locked)
            ids[n_ids++] = parent.id;
        for (size_t i = 0; i < plan->n_parts; i++)
            ids[n_ids++] = plan->parts[i].goal.id;
        st = adjust_lock_all(app, ids, n_ids, reason, err);
        free(ids);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

/* ---- reconcile ---------------------------------------------------------- */

struct all_goals {
    struct goal *items;
    size_t n, cap;
};

static enum at_status collect(const struct goal *g, const struct goal_meta *m, void *ctx,
                              struct at_err *err)
{
    (void)m;
    (void)err;
    struct all_goals *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->items = xrealloc(a->items, a->cap * sizeof *a->items);
    }
    a->items[a->n++] = *g;
    return AT_OK;
}

/* The children of P in one dimension (over time: same scope; else over the
 * org) that must add up to it: same metric and filter. */
static bool same_set(const struct goal *p, const struct goal *c, bool time)
{
    return c->parent == p->id && c->metric == p->metric && strcmp(c->filter, p->filter) == 0 &&
           over_time(p, c) == time;
}

/* Do the children of P among A over TIME (or the org) add up (the one rule,
 * docs/goals.md)? M gets the figures; COUNTED[k] (A->n entries, may be NULL)
 * which of A's goals count. */
static enum at_status judge_set(struct app *app, const struct all_goals *a, const struct goal *p,
                                bool time, struct mismatch *m, bool *counted, bool *adds_up,
                                struct at_err *err)
{
    memset(m, 0, sizeof *m);
    m->parent = *p;
    m->over_time = time;
    int32_t through = 0;
    enum at_status st = AT_OK;
    if (time)
        st = goal_store_rebalanced_get(app->db, p->id, &m->rebalanced, &through, &m->closed_actual,
                                       err);
    size_t n = 0;
    for (size_t k = 0; k < a->n; k++)
        n += same_set(p, &a->items[k], time);
    int64_t *targets = xcalloc(n ? n : 1, sizeof *targets);
    int32_t *ends = xcalloc(n ? n : 1, sizeof *ends);
    bool *count = xcalloc(n ? n : 1, sizeof *count);
    size_t j = 0;
    for (size_t k = 0; k < a->n; k++)
        if (same_set(p, &a->items[k], time)) {
            targets[j] = a->items[k].target;
            ends[j++] = a->items[k].period.end;
        }
    *adds_up = split_time_adds_up(p->target, targets, ends, n, time && m->rebalanced, through,
                                  m->closed_actual, count, &m->want, &m->children_sum);
    j = 0;
    for (size_t k = 0; k < a->n; k++) {
        bool in = same_set(p, &a->items[k], time);
        bool c = in && count[j];
        j += in;
        m->n_children += c;
        if (counted)
            counted[k] = c;
    }
    if (n == 0)
        *adds_up = true; /* no sub-goals: nothing to add up */
    free(targets);
    free(ends);
    free(count);
    return st;
}

enum at_status app_goal_mismatches(struct app *app, mismatch_fn fn, void *ctx, struct at_err *err)
{
    struct all_goals a = {0};
    enum at_status st = app_goal_list(app, false, collect, &a, err);
    for (size_t i = 0; i < a.n && !st; i++) {
        const struct goal *p = &a.items[i];
        if (!metric_additive(p->metric))
            continue;
        for (int dim = 0; dim < 2 && !st; dim++) { /* over time, then over the org */
            struct mismatch m;
            bool ok;
            st = judge_set(app, &a, p, dim == 0, &m, NULL, &ok, err);
            if (!st && !ok)
                st = fn(&m, ctx, err);
        }
    }
    free(a.items);
    return st;
}

enum at_status app_goal_reconcile(struct app *app, int64_t id, const char *method, bool save,
                                  const char *reason, struct split_plan *out, struct at_err *err)
{
    return app_goal_reconcile_over(app, id, method, NULL, save, reason, out, err);
}

enum at_status app_goal_reconcile_over(struct app *app, int64_t id, const char *method,
                                       const char *over, bool save, const char *reason,
                                       struct split_plan *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct all_goals a = {0};
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (!st)
        st = app_goal_list(app, false, collect, &a, err);
    const struct goal *p = &out->parent;
    snprintf(out->method, sizeof out->method, "%s", method ? method : "even");
    if (!st && save && (!reason || !*reason))
        st = at_err_set(err, AT_INVALID, "a reconcile needs a reason (kept in the history)");
    if (!st && !metric_additive(p->metric))
        st = at_err_set(err, AT_INVALID, "%s is not additive: its sub-goals need not add up",
                        metric_def(p->metric)->key);
    /* the sub-goals that must add up: same metric and filter, one dimension
     * (over time or over the org: OVER, else the one that does not add up) */
    bool time = true;
    struct mismatch mt = {0}, mo = {0};
    bool ok_t = true, ok_o = true;
    if (!st)
        st = judge_set(app, &a, p, true, &mt, NULL, &ok_t, err);
    if (!st)
        st = judge_set(app, &a, p, false, &mo, NULL, &ok_o, err);
    if (!st && over) {
        if (strcmp(over, "time") != 0 && strcmp(over, "org") != 0)
            st = at_err_set(err, AT_INVALID, "over %s: time or org", over);
        time = strcmp(over, "time") == 0;
    } else if (!st) {
        bool has_t = false, has_o = false;
        for (size_t k = 0; k < a.n; k++) {
            has_t = has_t || same_set(p, &a.items[k], true);
            has_o = has_o || same_set(p, &a.items[k], false);
        }
        time = has_t && (!ok_t || !has_o || ok_o);
    }
    bool *counted = xcalloc(a.n ? a.n : 1, sizeof *counted);
    struct mismatch m;
    bool adds_up = true;
    if (!st)
        st = judge_set(app, &a, p, time, &m, counted, &adds_up, err);
    size_t n = 0;
    for (size_t k = 0; !st && k < a.n; k++)
        n += counted[k];
    if (!st && n == 0)
        st = at_err_set(err, AT_INVALID,
                        m.rebalanced ? "goal %lld has no open sub-goals to reconcile"
                                     : "goal %lld has no sub-goals",
                        (long long)id);
    if (st) {
        free(counted);
        free(a.items);
        return st;
    }
    out->want = m.want;
    out->rebalanced = m.rebalanced && time;
    out->closed_actual = m.closed_actual;
    out->parts = xcalloc(n, sizeof *out->parts);
    int64_t *w = xcalloc(n, sizeof *w);
    const struct org *org = NULL;
    for (size_t k = 0; k < a.n; k++)
        if (counted[k]) {
            out->parts[out->n_parts].goal = a.items[k];
            w[out->n_parts++] = 1;
        }
    const char *mth = out->method;
    if (strcmp(mth, "capacity") == 0)
        st = app_org_sellers(app, &org, err);
    for (size_t i = 0; i < n && !st; i++) {
        struct goal *c = &out->parts[i].goal;
        if (strcmp(mth, "history") == 0) {
            struct period ly = year_before(&c->period);
            st = weight_of(app, c, NULL, &ly, &w[i], err);
        } else if (strcmp(mth, "capacity") == 0) {
            w[i] = org_capacity(org, &c->ref, &c->period);
        } else if (strcmp(mth, "even") != 0) {
            st = at_err_set(err, AT_INVALID, "method %s: even, history or capacity", mth);
        }
    }
    int64_t gap = m.want - m.children_sum;
    bool whole = gap % GOAL_SCALE == 0;
    int64_t *share = xcalloc(n, sizeof *share);
    if (!st)
        st = split_largest_remainder(whole ? gap / GOAL_SCALE : gap, w, n, share, err);
    for (size_t i = 0; i < n && !st; i++) {
        out->parts[i].weight = w[i];
        out->parts[i].goal.target += whole ? share[i] * GOAL_SCALE : share[i];
        if (out->parts[i].goal.target < 0)
            st = at_err_set(err, AT_INVALID,
                            "spreading the gap would make goal %lld negative; use another method",
                            (long long)out->parts[i].goal.id);
    }
    if (!st && save) {
        char why[512], summary[REQUEST_TEXT_MAX];
        utf8_snprintf(why, sizeof why, "%s (reconcile with goal %lld by %s)", reason, (long long)id,
                      mth);
        struct goal_change *ch = xcalloc(n, sizeof *ch);
        size_t n_ch = 0;
        for (size_t i = 0; i < n && !st; i++) {
            struct goal_change *c = &ch[n_ch];
            if ((st = app_goal_get(app, out->parts[i].goal.id, &c->before, &c->meta_before, err)))
                break;
            if (c->before.target == out->parts[i].goal.target)
                continue;
            c->after = c->before;
            c->after.target = out->parts[i].goal.target;
            c->meta_after = c->meta_before;
            n_ch++;
        }
        snprintf(summary, sizeof summary, "reconcile goal %lld by %s: %zu sub-goals", (long long)id,
                 mth, n_ch);
        if (!st)
            st = adjust_commit(app, "reconcile", &p->ref, summary, why, ch, n_ch, NULL,
                               &out->request_id, err);
        free(ch);
    }
    free(share);
    free(w);
    free(counted);
    free(a.items);
    if (st)
        split_plan_free(out);
    return st;
}

/* The weight of open sub-goal C of P for a rebalance by METHOD (seasonal,
 * history); PREV: the parts of P's base period aligned with the children
 * (NULL: the same parts last year). */
static enum at_status rebalance_weight(struct app *app, const struct goal *p, const struct goal *c,
                                       const struct period *prev, int64_t *w, struct at_err *err)
{
    struct period base = prev ? *prev : year_before(&c->period);
    return weight_of(app, p, NULL, &base, w, err);
}

enum at_status app_goal_rebalance(struct app *app, int64_t id, const char *method,
                                  const char *as_of, bool save, const char *reason,
                                  struct split_plan *out, int64_t **old_targets, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    *old_targets = NULL;
    int32_t day = app_day(&app->req);
    if (as_of && !cal_parse_iso(as_of, &day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", as_of);
    if (save && (!reason || !*reason))
        return at_err_set(err, AT_INVALID, "a rebalance needs a reason (kept in the history)");
    struct all_goals a = {0};
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (!st)
        st = app_goal_list(app, false, collect, &a, err);
    const struct goal *p = &out->parent;
    snprintf(out->method, sizeof out->method, "%s", method ? method : "even");
    snprintf(out->over, sizeof out->over, "rebalance");
    static const char *const methods[] = {"even", "days", "working", "seasonal", "history", NULL};
    bool known = false;
    for (int i = 0; methods[i]; i++)
        known = known || strcmp(out->method, methods[i]) == 0;
    if (!st && !known)
        st = at_err_set(err, AT_INVALID, "method %s: even, days, working, seasonal or history",
                        out->method);
    if (!st && !metric_additive(p->metric))
        st = at_err_set(err, AT_INVALID, "%s does not add up over time; nothing to rebalance",
                        metric_def(p->metric)->key);
    size_t n = 0;
    for (size_t k = 0; !st && k < a.n; k++)
        n += same_set(p, &a.items[k], true);
    if (!st && n == 0)
        st = at_err_set(err, AT_INVALID, "goal %lld has no sub-goals over time (split it first)",
                        (long long)id);
    if (st) {
        free(a.items);
        return st;
    }
    out->parts = xcalloc(n, sizeof *out->parts);
    int64_t *old = xcalloc(n, sizeof *old), *w = xcalloc(n, sizeof *w),
            *neu = xcalloc(n, sizeof *neu);
    bool *closed = xcalloc(n, sizeof *closed);
    int32_t closed_end = p->period.start - 1;
    for (size_t k = 0; k < a.n; k++)
        if (same_set(p, &a.items[k], true))
            out->parts[out->n_parts++].goal = a.items[k];
    struct cal_holidays h = {0};
    if (strcmp(out->method, "working") == 0)
        st = app_holidays(app, &h, err);
    /* history: the same parts of the base period (the previous one unless the
     * goal is based on last year), when the children are its regular parts */
    struct period *prev = NULL;
    size_t np = 0;
    enum period_kind kind = out->parts[0].goal.period.kind;
    if (!st && strcmp(out->method, "history") == 0 && p->base != GOAL_BASE_LAST_YEAR &&
        (kind == PERIOD_QUARTER || kind == PERIOD_FISCAL_QUARTER || kind == PERIOD_MONTH ||
         kind == PERIOD_WEEK)) {
        struct period before = period_previous(&p->period);
        if (split_periods(&before, kind == PERIOD_FISCAL_QUARTER ? PERIOD_QUARTER : kind,
                          app->fiscal_start_month, &prev, &np, NULL) != AT_OK ||
            np != n) {
            free(prev);
            prev = NULL;
        }
    }
    for (size_t i = 0; i < n && !st; i++) {
        const struct goal *c = &out->parts[i].goal;
        old[i] = c->target;
        /* a sub-period that ends on the as-of day is closed: its day is over */
        closed[i] = c->period.end <= day;
        if (closed[i] && c->period.end > closed_end)
            closed_end = c->period.end;
        if (closed[i])
            continue;
        if (strcmp(out->method, "even") == 0)
            w[i] = 1;
        else if (strcmp(out->method, "days") == 0)
            w[i] = period_days(&c->period);
        else if (strcmp(out->method, "working") == 0)
            w[i] = cal_working_days(&h, c->period.start, c->period.end);
        else
            st = rebalance_weight(app, p, c, prev ? &prev[i] : NULL, &w[i], err);
    }
    free(prev);
    free(h.days);
    /* the actual of the closed sub-periods, as known on the as-of day */
    int64_t actual = 0;
    if (!st && closed_end >= p->period.start) {
        struct goal so_far = *p;
        so_far.period =
            (struct period){.kind = PERIOD_RANGE, .start = p->period.start, .end = closed_end};
        struct metric_value v;
        if ((st = app_goal_actual(app, &so_far, day, &v, err)) == AT_OK)
            actual = goal_value_scaled(&v);
    }
    bool whole = p->target % GOAL_SCALE == 0 && actual % GOAL_SCALE == 0;
    if (!whole && !st) {
        /* keep to whole minor units or counts: round the actual */
        actual = (actual >= 0 ? actual + GOAL_SCALE / 2 : actual - GOAL_SCALE / 2) / GOAL_SCALE *
                 GOAL_SCALE;
        whole = p->target % GOAL_SCALE == 0;
    }
    if (!st) {
        int64_t scale = whole ? GOAL_SCALE : 1;
        for (size_t i = 0; i < n; i++)
            old[i] /= scale;
        st = rebalance(p->target / scale, actual / scale, old, closed, w, n, neu, err);
        for (size_t i = 0; i < n; i++) {
            old[i] *= scale;
            if (!st) {
                out->parts[i].goal.target = neu[i] * scale;
                out->parts[i].weight = closed[i] ? 0 : w[i];
                if (out->parts[i].goal.target < 0)
                    out->parts[i].goal.target = 0;
            }
        }
    }
    out->rebalanced = closed_end >= p->period.start;
    out->closed_actual = actual;
    out->want = p->target - (out->rebalanced ? actual : 0);
    if (out->want < 0)
        out->want = 0;
    if (!st && save) {
        char why[512], day_text[CAL_DATE_LEN], summary[REQUEST_TEXT_MAX];
        cal_format(day, day_text);
        utf8_snprintf(why, sizeof why, "%s (rebalance of goal %lld as of %s by %s)", reason,
                      (long long)id, day_text, out->method);
        struct goal_change *ch = xcalloc(n, sizeof *ch);
        size_t n_ch = 0;
        for (size_t i = 0; i < n && !st; i++) {
            struct goal_change *c = &ch[n_ch];
            if (out->parts[i].goal.target == old[i])
                continue;
            if ((st = app_goal_get(app, out->parts[i].goal.id, &c->before, &c->meta_before, err)))
                break;
            c->after = c->before;
            c->after.target = out->parts[i].goal.target;
            c->meta_after = c->meta_before;
            n_ch++;
        }
        snprintf(summary, sizeof summary, "rebalance goal %lld as of %s by %s: %zu sub-goals",
                 (long long)id, day_text, out->method, n_ch);
        /* remember the rebalance: reconcile then accepts exactly this */
        struct rebalance_mark mark = {id, out->rebalanced, closed_end, actual};
        if (!st)
            st = adjust_commit(app, "rebalance", &p->ref, summary, why, ch, n_ch, &mark,
                               &out->request_id, err);
        free(ch);
    }
    free(w);
    free(neu);
    free(closed);
    free(a.items);
    if (st) {
        free(old);
        split_plan_free(out);
        return st;
    }
    *old_targets = old;
    return AT_OK;
}
