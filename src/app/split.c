/* split.c — splitting goals and reconciling parents with their children. */
#include "app/split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "base/str.h"
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
        return at_err_set(err, AT_INVALID, "--method manual needs --values v1,v2,... (or 40%%,60%%)");
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
                st = at_err_set(err, AT_INVALID, "--values: \"%s\": %s", p, e.msg);
        } else if (goal_target_parse(unit, p, exponent, &v[n], &e)) {
            st = at_err_set(err, AT_INVALID, "--values: %s", e.msg);
        }
        n++;
    }
    free(copy);
    if (!st && n != plan->n_parts)
        st = at_err_set(err, AT_INVALID, "--values has %zu values for %zu parts", n,
                        plan->n_parts);
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
                                   const char *method, const char *values,
                                   struct split_plan *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (st)
        return st;
    const struct goal *g = &out->parent;
    if (!over || !method)
        return at_err_set(err, AT_INVALID, "give --over and --method (attain help goal)");
    snprintf(out->over, sizeof out->over, "%s", over);
    snprintf(out->method, sizeof out->method, "%s", method);
    out->copies = !metric_additive(g->metric);
    bool time = strcmp(over, "quarters") == 0 || strcmp(over, "months") == 0 ||
                strcmp(over, "weeks") == 0;
    bool org = strcmp(over, "members") == 0 || strcmp(over, "units") == 0;
    if (!time && !org)
        return at_err_set(err, AT_INVALID, "--over %s: quarters, months, weeks, members or units",
                          over);
    static const char *const methods[] = {"even",    "days",     "working", "seasonal",
                                          "history", "capacity", "manual",  NULL};
    bool known = false;
    for (int i = 0; methods[i]; i++)
        known = known || strcmp(method, methods[i]) == 0;
    if (!known)
        return at_err_set(err, AT_INVALID,
                          "--method %s: even, days, working, seasonal, history, capacity or manual",
                          method);
    if (time && strcmp(method, "capacity") == 0)
        return at_err_set(err, AT_INVALID, "capacity splits over members or units, not time");
    if (org && (strcmp(method, "days") == 0 || strcmp(method, "working") == 0 ||
                strcmp(method, "seasonal") == 0))
        return at_err_set(err, AT_INVALID, "%s splits over time, not over %s", method, over);
    int64_t *w = NULL;
    if (time) {
        enum period_kind kind = over[0] == 'q' ? PERIOD_QUARTER : over[0] == 'm' ? PERIOD_MONTH
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
        if ((st = app_org(app, &o, err)))
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

enum at_status app_goal_split_save(struct app *app, struct split_plan *plan, struct at_err *err)
{
    bool time = plan->over[0] == 'q' || plan->over[0] == 'm' || plan->over[0] == 'w';
    if (strcmp(plan->over, "members") == 0)
        time = false;
    struct kids_ctx k = {&plan->parent, time, 0};
    enum at_status st = app_goal_list(app, false, count_kids, &k, err);
    if (!st && k.n)
        return at_err_set(err, AT_CONFLICT,
                          "goal %lld already has %zu sub-goals over %s; archive them first, or "
                          "use attain goal reconcile",
                          (long long)plan->parent.id, k.n, time ? "time" : "the organisation");
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    struct goal_meta meta;
    memset(&meta, 0, sizeof meta);
    snprintf(meta.origin, sizeof meta.origin, "split:%lld by %s over %s",
             (long long)plan->parent.id, plan->method, plan->over);
    for (size_t i = 0; i < plan->n_parts && !st; i++) {
        st = goal_store_insert(app->db, &plan->parts[i].goal, &meta, err);
        if (!st)
            st = goal_store_history_add(app->db, plan->parts[i].goal.id, "created", NULL, "",
                                        meta.origin, err);
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

enum at_status app_goal_mismatches(struct app *app, mismatch_fn fn, void *ctx, struct at_err *err)
{
    struct all_goals a = {0};
    enum at_status st = app_goal_list(app, false, collect, &a, err);
    for (size_t i = 0; i < a.n && !st; i++) {
        const struct goal *p = &a.items[i];
        if (!metric_additive(p->metric))
            continue;
        for (int dim = 0; dim < 2 && !st; dim++) { /* over time, then over the org */
            struct mismatch m = {.parent = *p, .over_time = dim == 0};
            for (size_t k = 0; k < a.n; k++)
                if (a.items[k].parent == p->id && a.items[k].metric == p->metric &&
                    strcmp(a.items[k].filter, p->filter) == 0 &&
                    over_time(p, &a.items[k]) == m.over_time) {
                    m.children_sum += a.items[k].target;
                    m.n_children++;
                }
            if (m.n_children && m.children_sum != p->target)
                st = fn(&m, ctx, err);
        }
    }
    free(a.items);
    return st;
}

enum at_status app_goal_reconcile(struct app *app, int64_t id, const char *method, bool save,
                                  struct split_plan *out, struct at_err *err)
{
    return app_goal_reconcile_over(app, id, method, NULL, save, out, err);
}

enum at_status app_goal_reconcile_over(struct app *app, int64_t id, const char *method,
                                       const char *over, bool save, struct split_plan *out,
                                       struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct all_goals a = {0};
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (!st)
        st = app_goal_list(app, false, collect, &a, err);
    const struct goal *p = &out->parent;
    snprintf(out->method, sizeof out->method, "%s", method ? method : "even");
    if (!st && !metric_additive(p->metric))
        st = at_err_set(err, AT_INVALID, "%s is not additive: its sub-goals need not add up",
                        metric_def(p->metric)->key);
    /* the sub-goals that must add up: same metric and filter, one dimension
     * (over time or over the org: OVER, else the one that does not add up) */
    bool time = true;
    if (!st && over) {
        if (strcmp(over, "time") != 0 && strcmp(over, "org") != 0)
            st = at_err_set(err, AT_INVALID, "--over %s: time or org", over);
        time = strcmp(over, "time") == 0;
    } else if (!st) {
        int64_t sum_t = 0, sum_o = 0;
        size_t n_t = 0, n_o = 0;
        for (size_t k = 0; k < a.n; k++)
            if (a.items[k].parent == id && a.items[k].metric == p->metric &&
                strcmp(a.items[k].filter, p->filter) == 0) {
                bool t = over_time(p, &a.items[k]);
                sum_t += t ? a.items[k].target : 0;
                sum_o += t ? 0 : a.items[k].target;
                n_t += t;
                n_o += !t;
            }
        time = n_t && (sum_t != p->target || !n_o || sum_o == p->target);
    }
#define SAME(x)                                                                                   \
    ((x).parent == id && (x).metric == p->metric && strcmp((x).filter, p->filter) == 0 &&         \
     over_time(p, &(x)) == time)
    size_t n = 0;
    for (size_t k = 0; !st && k < a.n; k++)
        n += SAME(a.items[k]);
    if (!st && n == 0)
        st = at_err_set(err, AT_INVALID, "goal %lld has no sub-goals", (long long)id);
    if (st) {
        free(a.items);
        return st;
    }
    out->parts = xcalloc(n, sizeof *out->parts);
    int64_t *w = xcalloc(n, sizeof *w);
    int64_t sum = 0;
    const struct org *org = NULL;
    for (size_t k = 0; k < a.n; k++)
        if (SAME(a.items[k])) {
            out->parts[out->n_parts].goal = a.items[k];
            sum += a.items[k].target;
            w[out->n_parts++] = 1;
        }
    const char *m = out->method;
    if (strcmp(m, "capacity") == 0)
        st = app_org(app, &org, err);
    for (size_t i = 0; i < n && !st; i++) {
        struct goal *c = &out->parts[i].goal;
        if (strcmp(m, "history") == 0) {
            struct period ly = year_before(&c->period);
            st = weight_of(app, c, NULL, &ly, &w[i], err);
        } else if (strcmp(m, "capacity") == 0) {
            w[i] = org_capacity(org, &c->ref, &c->period);
        } else if (strcmp(m, "even") != 0) {
            st = at_err_set(err, AT_INVALID, "--method %s: even, history or capacity", m);
        }
    }
    int64_t gap = p->target - sum;
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
        st = db_begin(app->db, err);
        for (size_t i = 0; i < n && !st; i++) {
            struct goal old;
            const struct goal *c = &out->parts[i].goal;
            char a_text[64], b_text[64], reason[96];
            if ((st = app_goal_get(app, c->id, &old, NULL, err)))
                break;
            if (old.target == c->target)
                continue;
            app_goal_target_text(app, &old, a_text, sizeof a_text);
            app_goal_target_text(app, c, b_text, sizeof b_text);
            snprintf(reason, sizeof reason, "reconcile with goal %lld by %s", (long long)id, m);
            st = goal_store_update(app->db, c, NULL, err);
            if (!st)
                st = goal_store_history_add(app->db, c->id, "target", a_text, b_text, reason, err);
        }
        if (!st)
            st = db_commit(app->db, err);
        else
            db_rollback(app->db);
    }
#undef SAME
    free(share);
    free(w);
    free(a.items);
    if (st)
        split_plan_free(out);
    return st;
}

enum at_status app_goal_rebalance(struct app *app, int64_t id, const char *method,
                                  const char *as_of, bool save, struct split_plan *out,
                                  int64_t **old_targets, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    *old_targets = NULL;
    int32_t day = cal_today();
    if (as_of && !cal_parse_iso(as_of, &day))
        return at_err_set(err, AT_INVALID, "--as-of %s: write the date as YYYY-MM-DD", as_of);
    struct all_goals a = {0};
    enum at_status st = app_goal_get(app, id, &out->parent, NULL, err);
    if (!st)
        st = app_goal_list(app, false, collect, &a, err);
    const struct goal *p = &out->parent;
    snprintf(out->method, sizeof out->method, "%s", method ? method : "even");
    snprintf(out->over, sizeof out->over, "rebalance");
    if (!st && !metric_additive(p->metric))
        st = at_err_set(err, AT_INVALID, "%s does not add up over time; nothing to rebalance",
                        metric_def(p->metric)->key);
    size_t n = 0;
    for (size_t k = 0; !st && k < a.n; k++)
        n += a.items[k].parent == id && a.items[k].metric == p->metric &&
             scope_ref_eq(&a.items[k].ref, &p->ref);
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
        if (a.items[k].parent == id && a.items[k].metric == p->metric &&
            scope_ref_eq(&a.items[k].ref, &p->ref))
            out->parts[out->n_parts++].goal = a.items[k];
    struct cal_holidays h = {0};
    if (strcmp(out->method, "working") == 0)
        st = app_holidays(app, &h, err);
    for (size_t i = 0; i < n && !st; i++) {
        const struct goal *c = &out->parts[i].goal;
        old[i] = c->target;
        closed[i] = c->period.end < day;
        if (closed[i] && c->period.end > closed_end)
            closed_end = c->period.end;
        if (strcmp(out->method, "even") == 0)
            w[i] = 1;
        else if (strcmp(out->method, "days") == 0)
            w[i] = period_days(&c->period);
        else if (strcmp(out->method, "working") == 0)
            w[i] = cal_working_days(&h, c->period.start, c->period.end);
        else
            st = at_err_set(err, AT_INVALID, "--method %s: even, days or working", out->method);
    }
    free(h.days);
    /* the actual of the closed sub-periods */
    int64_t actual = 0;
    if (!st && closed_end >= p->period.start) {
        struct goal so_far = *p;
        so_far.period = (struct period){.kind = PERIOD_RANGE, .start = p->period.start,
                                        .end = closed_end};
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
    if (!st && save) {
        st = db_begin(app->db, err);
        for (size_t i = 0; i < n && !st; i++) {
            const struct goal *c = &out->parts[i].goal;
            if (c->target == old[i])
                continue;
            char a_text[64], b_text[64], reason[96];
            struct goal before = *c;
            before.target = old[i];
            app_goal_target_text(app, &before, a_text, sizeof a_text);
            app_goal_target_text(app, c, b_text, sizeof b_text);
            snprintf(reason, sizeof reason, "rebalance of goal %lld as of %s by %s", (long long)id,
                     as_of ? as_of : "today", out->method);
            st = goal_store_update(app->db, c, NULL, err);
            if (!st)
                st = goal_store_history_add(app->db, c->id, "target", a_text, b_text, reason, err);
        }
        if (!st)
            st = db_commit(app->db, err);
        else
            db_rollback(app->db);
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
