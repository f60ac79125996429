/*
 * plan.c — the goal plan use case (see plan.h): the goals of a scope and a
 * period with their figures (app_goal_progress), their SMART checks
 * (app_goal_check), breakdowns (parent links and app_goal_mismatches), action
 * steps, cadences and adjustments, copied into the plain struct plan_doc of
 * io/plan_render.h.
 */
#include "app/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/check.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "app/split.h"
#include "base/str.h"
#include "engine/engine.h"

#define PLAN_BURNUPS_MAX 6 /* burn-up charts in one plan */

/* Copy SRC into DST of SIZE bytes, cut at a UTF-8 character boundary. */
static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}
#define COPY(dst, src) copy_text((dst), sizeof(dst), (src))

/* The goals of the plan with their figures, in id order (a growing array). */
struct goal_set {
    struct goal_progress *items;
    size_t n, cap;
};

/* progress_fn: keep a copy of P. */
static enum at_status collect_goal(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct goal_set *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->n++] = *p;
    return AT_OK;
}

/* The goal ID of S, or NULL. */
static const struct goal *set_find(const struct goal_set *s, int64_t id)
{
    for (size_t i = 0; id && i < s->n; i++)
        if (s->items[i].goal.id == id)
            return &s->items[i].goal;
    return NULL;
}

/* Does CHILD split PARENT over time (the same scope, a shorter period)?
 * Otherwise it splits it over the team (another scope). The same rule as the
 * consistency check of app/split.c, so that its findings fit the tables. */
static bool over_time(const struct goal *parent, const struct goal *child)
{
    return scope_ref_eq(&child->ref, &parent->ref);
}

/* Canonical value texts of a goal for the document. */
static void target_text(const struct app *app, enum metric_unit unit, int64_t v, char *out,
                        size_t size)
{
    goal_target_format(unit, v, currency_exponent(app->currency), out, size);
}

/* Fill G of the document from the figures P (and the store's META). */
static void fill_goal(struct app *app, const struct goal_progress *p, const struct goal_meta *meta,
                      bool zh, struct plan_goal *g)
{
    const struct goal *src = &p->goal;
    const struct metric_def *m = metric_def(src->metric);
    int exponent = currency_exponent(app->currency);
    char period[PERIOD_TEXT_MAX], date[CAL_DATE_LEN];
    g->id = src->id;
    g->parent = src->parent;
    g->objective = src->objective;
    COPY(g->title, src->title);
    COPY(g->metric, zh ? m->name_zh : m->name_en);
    COPY(g->scope, src->scope);
    COPY(g->period, period_format(&src->period, period));
    COPY(g->start, cal_format(src->period.start, date));
    COPY(g->end, cal_format(src->period.end, date));
    g->kind = metric_unit_kind(m->unit);
    g->lower = src->direction == GOAL_LOWER;
    g->additive = p->additive;
    target_text(app, m->unit, src->target, g->target, sizeof g->target);
    COPY(g->cadence, meta->cadence);
    COPY(g->sentence, meta->sentence);
    metric_value_format(m->unit, &p->actual, exponent, g->actual, sizeof g->actual);
    metric_value_format(MU_RATIO, &p->pace.attainment, exponent, g->attainment,
                        sizeof g->attainment);
    target_text(app, m->unit, p->pace.expected, g->expected, sizeof g->expected);
    metric_value_format(MU_RATIO, &p->pace.pace, exponent, g->pace, sizeof g->pace);
    target_text(app, m->unit, p->pace.forecast_run_rate, g->forecast, sizeof g->forecast);
    COPY(g->status, goal_status_name(p->pace.status));
}

/* The SMART letters and achievability of top-level goal SRC into G. */
static enum at_status check_goal(struct app *app, const struct goal *src,
                                 const struct goal_meta *meta, const char *lang, int32_t as_of,
                                 struct plan_goal *g, struct at_err *err)
{
    struct check_parts all = {true, true, true, true, false};
    struct goal_check c;
    enum at_status st = app_goal_check(app, src, meta, &all, lang, as_of, &c, err);
    if (st)
        return at_err_prefix(err, "goal %lld: ", (long long)src->id);
    const struct smart_letter *l[] = {&c.smart.s, &c.smart.m, &c.smart.a, &c.smart.r, &c.smart.t};
    g->checked = true;
    for (int i = 0; i < 5; i++) {
        g->smart[i].ok = l[i]->ok;
        COPY(g->smart[i].reason, l[i]->reason);
    }
    g->smart_score = c.smart.score;
    g->judged = c.judged;
    if (c.judged) {
        COPY(g->verdict, achieve_verdict_label(c.achieve.verdict, lang));
        for (size_t i = 0; i < c.achieve.n_reasons && i < PLAN_REASONS_MAX; i++)
            COPY(g->reasons[g->n_reasons++], c.achieve.reasons[i]);
    }
    return AT_OK;
}

/* objective_fn: every strategy objective goes into the document. */
static enum at_status add_objective(const struct objective *o, void *ctx, struct at_err *err)
{
    (void)err;
    struct plan_objective *po = plan_add_objective(ctx);
    po->id = o->id;
    COPY(po->title, o->title);
    COPY(po->description, o->description);
    return AT_OK;
}

/* action_fn: the steps of the document's goals. */
static enum at_status add_action(const struct action_step *a, void *ctx, struct at_err *err)
{
    (void)err;
    struct plan_doc *d = ctx;
    if (!plan_goal_find(d, a->goal_id))
        return AT_OK;
    struct plan_action *pa = plan_add_action(d);
    pa->id = a->id;
    pa->goal_id = a->goal_id;
    COPY(pa->what, a->what);
    COPY(pa->owner, a->owner);
    COPY(pa->due, a->due);
    pa->done = a->done;
    COPY(pa->driver, a->driver);
    return AT_OK;
}

struct history_ctx {
    struct plan_doc *d;
    int64_t goal_id;
};

/* history_fn: every recorded change but the creation is an adjustment. */
static enum at_status add_history(const char *at, const char *field, const char *old_value,
                                  const char *new_value, const char *reason, const char *actor,
                                  void *ctx, struct at_err *err)
{
    (void)err;
    (void)actor;
    struct history_ctx *h = ctx;
    if (strcmp(field, "created") == 0)
        return AT_OK;
    struct plan_adjustment *a = plan_add_adjustment(h->d);
    a->goal_id = h->goal_id;
    COPY(a->at, at);
    COPY(a->field, field);
    COPY(a->old_value, old_value);
    COPY(a->new_value, new_value);
    COPY(a->reason, reason);
    return AT_OK;
}

/* The parents whose children do not add up. */
struct mismatch_set {
    struct mismatch *items;
    size_t n, cap;
};

/* mismatch_fn: keep a copy of M. */
static enum at_status collect_mismatch(const struct mismatch *m, void *ctx, struct at_err *err)
{
    (void)err;
    struct mismatch_set *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->n++] = *m;
    return AT_OK;
}

/* Attach to B the mismatch of parent ID in B's dimension, if it has one. */
static void attach_mismatch(struct app *app, const struct mismatch_set *ms, int64_t id,
                            struct plan_breakdown *b)
{
    for (size_t i = 0; i < ms->n; i++) {
        const struct mismatch *m = &ms->items[i];
        if (m->parent.id != id || m->over_time != (b->over == PLAN_OVER_TIME))
            continue;
        enum metric_unit unit = metric_def(m->parent.metric)->unit;
        struct plan_mismatch *pm = plan_add_mismatch(b);
        pm->parent_id = id;
        target_text(app, unit, m->parent.target, pm->target, sizeof pm->target);
        target_text(app, unit, m->children_sum, pm->sum, sizeof pm->sum);
        target_text(app, unit, m->want - m->children_sum, pm->gap, sizeof pm->gap);
    }
}

/* Add to B the part CHILD of PARENT at DEPTH, labelled by its period (over
 * time) or its scope (over the team). */
static void add_part(struct app *app, struct plan_breakdown *b, const struct goal *parent,
                     const struct goal *child, int depth)
{
    enum metric_unit unit = metric_def(child->metric)->unit;
    struct plan_part *p = plan_add_part(b);
    p->goal_id = child->id;
    p->depth = depth;
    if (b->over == PLAN_OVER_TIME) {
        char period[PERIOD_TEXT_MAX];
        COPY(p->label, period_format(&child->period, period));
    } else {
        COPY(p->label, child->scope);
    }
    target_text(app, unit, child->target, p->target, sizeof p->target);
    struct metric_value share = {parent->target != 0, child->target, parent->target};
    metric_value_format(MU_RATIO, &share, 0, p->share, sizeof p->share);
}

/* Add to B the time children of NODE among S, each followed by its own time
 * children (year → quarters → months → weeks). */
static void add_time_parts(struct app *app, const struct goal_set *s, const struct mismatch_set *ms,
                           struct plan_breakdown *b, const struct goal *node, int depth)
{
    if (depth > 8) /* deeper than any period split; guards a cycle in bad data */
        return;
    bool parent = false;
    for (size_t i = 0; i < s->n; i++) {
        const struct goal *c = &s->items[i].goal;
        if (c->parent != node->id || !over_time(node, c))
            continue;
        parent = true;
        add_part(app, b, node, c, depth);
        add_time_parts(app, s, ms, b, c, depth + 1);
    }
    if (parent)
        attach_mismatch(app, ms, node->id, b);
}

/* The breakdown tables of the goals of S into D. */
static void add_breakdowns(struct app *app, const struct goal_set *s, const struct mismatch_set *ms,
                           struct plan_doc *d)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct goal *g = &s->items[i].goal;
        const struct goal *up = set_find(s, g->parent);
        bool time_child = up && over_time(up, g);
        bool has_time = false, has_team = false;
        for (size_t j = 0; j < s->n; j++) {
            const struct goal *c = &s->items[j].goal;
            if (c->parent != g->id || c->id == g->id)
                continue;
            if (over_time(g, c))
                has_time = true;
            else
                has_team = true;
        }
        enum metric_unit unit = metric_def(g->metric)->unit;
        if (has_time && !time_child) {
            struct plan_breakdown *b = plan_add_breakdown(d);
            b->over = PLAN_OVER_TIME;
            b->root = g->id;
            b->kind = metric_unit_kind(unit);
            b->additive = metric_additive(g->metric);
            add_time_parts(app, s, ms, b, g, 1);
        }
        if (has_team) {
            struct plan_breakdown *b = plan_add_breakdown(d);
            b->over = PLAN_OVER_TEAM;
            b->root = g->id;
            b->kind = metric_unit_kind(unit);
            b->additive = metric_additive(g->metric);
            for (size_t j = 0; j < s->n; j++) {
                const struct goal *c = &s->items[j].goal;
                if (c->parent == g->id && c->id != g->id && !over_time(g, c))
                    add_part(app, b, g, c, 1);
            }
            attach_mismatch(app, ms, g->id, b);
        }
    }
}

enum at_status app_plan_burnup(struct app *app, const struct goal *g, int32_t as_of,
                               struct plan_burnup *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    out->goal_id = g->id;
    const struct period *p = &g->period;
    int32_t days = p->end - p->start + 1, step = (days + 29) / 30;
    if (days <= 0)
        return AT_OK;
    struct cal_holidays h = {0};
    enum at_status st = app_holidays(app, &h, err);
    if (st)
        return st;
    enum metric_unit unit = metric_def(g->metric)->unit;
    int exponent = currency_exponent(app->currency);
    bool as_of_done = as_of < p->start || as_of > p->end;
    for (int32_t day = p->start; !st && out->n < PLAN_BURNUP_POINTS;) {
        if (!as_of_done && as_of <= day) { /* the as-of day in its place */
            if (as_of < day)
                day = as_of;
            as_of_done = true;
        }
        struct plan_point *pt = &out->points[out->n++];
        char date[CAL_DATE_LEN];
        COPY(pt->date, cal_format(day, date));
        /* what should be done by then (pace_compute, as app_goal_progress_one
         * does it) and, through the as-of day, the actual as known that day */
        struct pace_input in = {.unit = unit,
                                .additive = metric_additive(g->metric),
                                .direction = g->direction,
                                .target = g->target,
                                .period = *p,
                                .as_of = day,
                                .basis = PACE_WORKING_DAYS,
                                .holidays = &h};
        struct pace_result r;
        pace_compute(&in, &r);
        target_text(app, unit, r.expected, pt->expected, sizeof pt->expected);
        if (day <= as_of) {
            struct metric_value actual;
            st = app_goal_actual(app, g, day, &actual, err);
            if (st)
                break;
            metric_value_format(unit, &actual, exponent, pt->actual, sizeof pt->actual);
        }
        if (day == p->end)
            break;
        int32_t next = day + step;
        if (day == as_of && (day - p->start) % step) /* back on the grid */
            next = p->start + ((day - p->start) / step + 1) * step;
        day = next > p->end ? p->end : next;
    }
    free(h.days);
    if (st)
        return at_err_prefix(err, "goal %lld: ", (long long)g->id);
    return AT_OK;
}

enum at_status app_plan(struct app *app, const struct plan_options *o, struct plan_doc *out,
                        struct at_err *err)
{
    plan_doc_init(out);
    bool zh = o->lang && strncmp(o->lang, "zh", 2) == 0;
    const char *lang = zh ? "zh" : "en";
    COPY(out->lang, lang);
    COPY(out->currency, app->currency);
    COPY(out->generator, o->generator ? o->generator : "attain");
    if (!o->period || !*o->period)
        return at_err_set(err, AT_INVALID,
                          "the plan needs a period: 2026, 2026-Q3, this-quarter ...");
    int32_t as_of = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &as_of))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    char date[CAL_DATE_LEN], period_buf[PERIOD_TEXT_MAX];
    COPY(out->as_of, cal_format(as_of, date));

    struct period period;
    const struct org *org;
    struct scope_ref scope;
    const char *scope_text = o->scope && *o->scope ? o->scope : "company";
    enum at_status st = period_parse(o->period, as_of, app->fiscal_start_month, &period, err);
    if (!st)
        st = app_org(app, &org, err);
    if (!st)
        st = org_resolve(org, scope_text, &scope, err);
    if (st)
        return st;
    COPY(out->period, period_format(&period, period_buf));
    COPY(out->start, cal_format(period.start, date));
    COPY(out->end, cal_format(period.end, date));
    org_label(org, &scope, out->scope, sizeof out->scope);

    /* the goals and their figures, as attain goal status gives them */
    struct goal_set s = {0};
    struct mismatch_set ms = {0};
    struct progress_options po = {.scope = scope_text, .period = o->period, .as_of = out->as_of};
    st = app_goal_progress(app, &po, collect_goal, &s, err);
    for (size_t i = 0; !st && i < s.n; i++) {
        const struct goal *g = &s.items[i].goal;
        struct goal stored;
        struct goal_meta meta;
        st = app_goal_get(app, g->id, &stored, &meta, err);
        if (st)
            break;
        struct plan_goal *pg = plan_add_goal(out);
        fill_goal(app, &s.items[i], &meta, zh, pg);
        pg->top = !set_find(&s, g->parent);
        if (pg->top)
            st = check_goal(app, g, &meta, lang, as_of, pg, err);
    }
    if (!st)
        st = app_objectives(app, add_objective, out, err);
    if (!st)
        st = app_actions(app, 0, add_action, out, err);
    for (size_t i = 0; !st && i < out->n_goals; i++) {
        struct history_ctx h = {out, out->goals[i].id};
        st = app_goal_history(app, h.goal_id, add_history, &h, err);
    }
    if (!st)
        st = app_goal_mismatches(app, collect_mismatch, &ms, err);
    if (!st)
        add_breakdowns(app, &s, &ms, out);
    /* the burn-ups of the top-level goals that accrue over time */
    for (size_t i = 0, n = 0; !st && i < s.n && n < PLAN_BURNUPS_MAX; i++) {
        const struct goal_progress *p = &s.items[i];
        if (set_find(&s, p->goal.parent) || !p->additive)
            continue;
        st = app_plan_burnup(app, &p->goal, as_of, plan_add_burnup(out), err);
        n++;
    }
    free(s.items);
    free(ms.items);
    return st;
}
