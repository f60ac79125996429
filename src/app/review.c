/* review.c — the review agenda and review decisions (see review.h). */
#include "app/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/checkin.h"
#include "app/forecast.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "app/split.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/calendar.h"
#include "domain/value.h"
#include "store/db.h"
#include "store/goal_store.h"

#define COPY(dst, src) utf8_snprintf((dst), sizeof(dst), "%s", (src))

/* What every section builder gets. */
struct review_ctx {
    struct app *app;
    const struct review_options *o;
    const struct org *org;
    struct scope_ref scope;
    bool has_period;
    struct period period;
    int32_t day;   /* the meeting's day */
    int32_t since; /* 0: none */
    int exponent;  /* of the reporting currency */
};

typedef enum at_status (*review_builder)(struct review_ctx *c, struct review_doc *d,
                                         struct at_err *err);

static void fig_text(const struct review_ctx *c, const struct typed_value *v, char *out,
                     size_t size)
{
    if (!v->defined) {
        out[0] = '\0';
        return;
    }
    typed_value_format(v, c->exponent, out, size);
}

/* ------------------------------------------------------- goals by risk */

struct ranked {
    struct review_goal g;
    int tier;
    int64_t gap, target; /* typed-value scale; the share is gap / target */
};

struct goals_ctx {
    struct review_ctx *c;
    int64_t *mismatched;
    size_t n_mismatched;
    struct ranked *items;
    size_t n_items;
};

static enum at_status collect_mismatch(const struct mismatch *m, void *ctx, struct at_err *err)
{
    (void)err;
    struct goals_ctx *g = ctx;
    g->mismatched = xrealloc(g->mismatched, (g->n_mismatched + 1) * sizeof *g->mismatched);
    g->mismatched[g->n_mismatched++] = m->parent.id;
    return AT_OK;
}

/* The last check-ins, newest first (they come oldest first). */
struct last_ctx {
    const struct review_ctx *c;
    struct review_goal *g;
    char latest_flags[64];
};

static enum at_status keep_checkin(const struct checkin *k, void *ctx, struct at_err *err)
{
    (void)err;
    struct last_ctx *l = ctx;
    struct review_goal *g = l->g;
    if (g->n_checkins < REVIEW_CHECKINS)
        g->n_checkins++;
    memmove(&g->checkins[1], &g->checkins[0], (g->n_checkins - 1) * sizeof g->checkins[0]);
    struct review_checkin *r = &g->checkins[0];
    memset(r, 0, sizeof *r);
    r->id = k->id;
    cal_format(k->at, r->at);
    if (!org_person_label(l->c->org, k->author_id, r->by, sizeof r->by))
        snprintf(r->by, sizeof r->by, "#%lld", (long long)k->author_id);
    r->confidence = k->confidence;
    COPY(r->status, k->status);
    fig_text(l->c, &k->pace, r->pace, sizeof r->pace);
    COPY(r->flags, k->flags);
    COPY(r->note, k->note);
    COPY(r->blockers, k->blockers);
    COPY(r->next, k->next);
    if (k->acked_by && !org_person_label(l->c->org, k->acked_by, r->acked_by, sizeof r->acked_by))
        snprintf(r->acked_by, sizeof r->acked_by, "#%lld", (long long)k->acked_by);
    COPY(l->latest_flags, k->flags);
    return AT_OK;
}

static enum at_status keep_action(const struct action_step *a, void *ctx, struct at_err *err)
{
    (void)err;
    if (a->done)
        return AT_OK;
    struct review_action *r = review_add_action(ctx);
    r->id = a->id;
    COPY(r->what, a->what);
    COPY(r->owner, a->owner);
    COPY(r->due, a->due);
    return AT_OK;
}

/* Is goal G on the agenda: inside the scope, in the period (or live on the day)? */
static bool on_agenda(const struct review_ctx *c, const struct goal *g, int32_t from, int32_t to)
{
    if (!org_contains(c->org, &c->scope, &g->ref))
        return false;
    if (c->has_period)
        return g->period.end >= c->period.start && g->period.start <= c->period.end;
    return g->period.end >= from && g->period.start <= to;
}

static enum at_status rank_goal(const struct goal *src, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    struct goals_ctx *gc = ctx;
    struct review_ctx *c = gc->c;
    if (!on_agenda(c, src, c->day, c->day))
        return AT_OK;
    struct goal_progress p;
    enum at_status st = app_goal_progress_one(c->app, src, c->day, PACE_WORKING_DAYS, &p, err);
    if (st)
        return at_err_prefix(err, "goal %lld: ", (long long)src->id);
    gc->items = xrealloc(gc->items, (gc->n_items + 1) * sizeof *gc->items);
    struct ranked *r = &gc->items[gc->n_items++];
    memset(r, 0, sizeof *r);
    struct review_goal *g = &r->g;
    struct typed_value f[PF_COUNT];
    goal_progress_figures(&p, c->app->currency, f);
    g->id = src->id;
    COPY(g->title, src->title);
    COPY(g->scope, src->scope);
    period_format(&src->period, g->period);
    COPY(g->metric, metric_def(src->metric)->key);
    g->kind = f[PF_TARGET].kind;
    fig_text(c, &f[PF_TARGET], g->target, sizeof g->target);
    fig_text(c, &f[PF_ACTUAL], g->actual, sizeof g->actual);
    fig_text(c, &f[PF_ATTAINMENT], g->attainment, sizeof g->attainment);
    fig_text(c, &f[PF_EXPECTED], g->expected, sizeof g->expected);
    fig_text(c, &f[PF_PACE], g->pace, sizeof g->pace);
    fig_text(c, &f[PF_FORECAST], g->forecast, sizeof g->forecast);
    COPY(g->status, goal_status_name(p.pace.status));
    /* the gap to expected: expected − actual (an undefined actual counts as 0) */
    struct typed_value gap = f[PF_EXPECTED];
    int64_t actual = f[PF_ACTUAL].defined ? f[PF_ACTUAL].v : 0;
    gap.defined = f[PF_EXPECTED].defined;
    gap.v = src->direction == GOAL_LOWER ? actual - f[PF_EXPECTED].v : f[PF_EXPECTED].v - actual;
    fig_text(c, &gap, g->gap, sizeof g->gap);
    r->gap = gap.defined ? gap.v : 0;
    r->target = f[PF_TARGET].defined ? f[PF_TARGET].v : 0;
    /* signals */
    enum goal_status s = p.pace.status;
    if (s == GOAL_BEHIND || s == GOAL_MISSED)
        g->signals |= REVIEW_BEHIND;
    if (s == GOAL_AT_RISK)
        g->signals |= REVIEW_AT_RISK;
    struct last_ctx l = {c, g, ""};
    if ((st = checkin_store_list(c->app->db, src->id, 0, c->day, keep_checkin, &l, err)))
        return st;
    if (strstr(l.latest_flags, "confidence_drop"))
        g->signals |= REVIEW_CONFIDENCE_DROP;
    bool owed;
    int32_t window, last;
    if ((st = app_checkin_owed(c->app, src, m->cadence, c->day, &owed, &window, &last, err)))
        return st;
    if (owed)
        g->signals |= REVIEW_CHECKIN_DUE;
    for (size_t i = 0; i < gc->n_mismatched; i++)
        if (gc->mismatched[i] == src->id)
            g->signals |= REVIEW_CHILDREN;
    r->tier = 5;
    for (int t = 0; t < 5; t++)
        if (g->signals & (1u << t)) {
            r->tier = t;
            break;
        }
    return app_actions(c->app, src->id, keep_action, g, err);
}

/* Tier, then the larger gap share, then id. */
static int by_risk(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->tier != b->tier)
        return a->tier < b->tier ? -1 : 1;
    /* a->gap / a->target vs b->gap / b->target; a target ≤ 0 is a share of 0 */
    int64_t an = a->target > 0 ? a->gap : 0, ad = a->target > 0 ? a->target : 1;
    int64_t bn = b->target > 0 ? b->gap : 0, bd = b->target > 0 ? b->target : 1;
    __int128 x = (__int128)an * bd, y = (__int128)bn * ad;
    if (x != y)
        return x > y ? -1 : 1;
    return a->g.id < b->g.id ? -1 : a->g.id > b->g.id;
}

static enum at_status build_goals(struct review_ctx *c, struct review_doc *d, struct at_err *err)
{
    struct goals_ctx gc = {.c = c};
    enum at_status st = app_goal_mismatches(c->app, collect_mismatch, &gc, err);
    if (!st)
        st = app_goal_list(c->app, false, rank_goal, &gc, err);
    if (!st && gc.n_items)
        qsort(gc.items, gc.n_items, sizeof *gc.items, by_risk);
    for (size_t i = 0; i < gc.n_items; i++) {
        if (st) { /* after an error: free what was gathered */
            free(gc.items[i].g.actions);
            continue;
        }
        *review_add_goal(d) = gc.items[i].g;
    }
    free(gc.items);
    free(gc.mismatched);
    return st;
}

/* ------------------------------------------------------------- changes */

static bool is_met(enum goal_status s)
{
    return s == GOAL_ACHIEVED || s == GOAL_MET;
}

static enum at_status change_goal(const struct goal *src, const struct goal_meta *m, void *ctx,
                                  struct at_err *err)
{
    (void)m;
    struct review_ctx *c = ((void **)ctx)[0];
    struct review_doc *d = ((void **)ctx)[1];
    if (!on_agenda(c, src, c->since, c->day))
        return AT_OK;
    struct goal_progress before, now;
    enum at_status st =
        app_goal_progress_one(c->app, src, c->since, PACE_WORKING_DAYS, &before, err);
    if (!st)
        st = app_goal_progress_one(c->app, src, c->day, PACE_WORKING_DAYS, &now, err);
    if (st)
        return at_err_prefix(err, "goal %lld: ", (long long)src->id);
    if (before.pace.status == now.pace.status)
        return AT_OK;
    struct review_move *mv = review_add_move(d);
    mv->goal_id = src->id;
    COPY(mv->title, src->title);
    COPY(mv->from, goal_status_name(before.pace.status));
    COPY(mv->to, goal_status_name(now.pace.status));
    if (is_met(now.pace.status) && !is_met(before.pace.status))
        *review_add_met(d) = *mv;
    return AT_OK;
}

static enum at_status build_changes(struct review_ctx *c, struct review_doc *d, struct at_err *err)
{
    if (!c->since)
        return AT_OK;
    void *ctx[2] = {c, d};
    return app_goal_list(c->app, false, change_goal, ctx, err);
}

/* ----------------------------------------------------------- decisions */

/* What an adjustment's reason says to cite decision ID. */
static void decision_tag(int64_t id, char *out, size_t size)
{
    snprintf(out, size, "(decision #%lld)", (long long)id);
}

enum at_status app_decision_cite(struct app *app, const char *decision, int64_t goal,
                                 const char *reason, char *out, size_t size, struct at_err *err)
{
    int64_t id;
    if (!decision || !str_to_i64(decision, &id) || id <= 0)
        return at_err_set(err, AT_INVALID,
                          "--decision %s: give the number of a decision "
                          "(attain review lists them)",
                          decision ? decision : "");
    struct review_decision d;
    const struct org *org;
    struct goal g;
    enum at_status st = decision_store_get(app->db, id, &d, err);
    if (!st)
        st = app_org(app, &org, err);
    if (!st)
        st = app_goal_get(app, goal, &g, NULL, err);
    if (st)
        return st;
    if (!org_contains(org, &d.scope, &g.ref)) {
        char scope[GOAL_SCOPE_MAX];
        org_label(org, &d.scope, scope, sizeof scope);
        return at_err_set(err, AT_INVALID,
                          "decision %lld was made for %s; goal %lld (%s) is not inside it",
                          (long long)id, scope, (long long)goal, g.scope);
    }
    char tag[48];
    decision_tag(id, tag, sizeof tag);
    if (strlen(reason) + 1 + strlen(tag) >= size)
        return at_err_set(err, AT_INVALID, "the reason is too long to cite decision %lld",
                          (long long)id);
    snprintf(out, size, "%s %s", reason, tag);
    return AT_OK;
}

static enum at_status keep_cause(int64_t goal, const char *at, const char *field,
                                 const char *old_value, const char *new_value, const char *reason,
                                 void *ctx, struct at_err *err)
{
    (void)reason;
    (void)err;
    struct review_decision_item *r = ctx;
    long long request = 0;
    char state[16] = "";
    bool is_request = field && strcmp(field, "request") == 0;
    if (is_request && (!new_value || sscanf(new_value, "#%lld %15s", &request, state) != 2 ||
                       strcmp(state, "pending") == 0))
        return AT_OK; /* a request made: listed while pending (keep_pending_cause) */
    if (r->n_causes == REVIEW_CAUSES)
        return AT_OK;
    struct review_cause *k = &r->causes[r->n_causes++];
    k->goal = goal;
    if (is_request) { /* "#5 approved" or "#5 rejected" */
        k->request = request;
        COPY(k->field, "request");
        COPY(k->to, state);
        COPY(k->at, at ? at : "");
        return AT_OK;
    }
    COPY(k->field, field ? field : "");
    COPY(k->from, old_value ? old_value : "");
    COPY(k->to, new_value ? new_value : "");
    COPY(k->at, at ? at : "");
    return AT_OK;
}

static enum at_status keep_pending_cause(const struct request_view *v, void *ctx,
                                         struct at_err *err)
{
    (void)err;
    struct review_decision_item *r = ((void **)ctx)[0];
    const char *tag = ((void **)ctx)[1];
    if (!strstr(v->r.reason, tag) || r->n_causes == REVIEW_CAUSES)
        return AT_OK;
    struct review_cause *k = &r->causes[r->n_causes++];
    k->goal = strtoll(v->goals, NULL, 10);
    k->request = v->r.id;
    COPY(k->field, "request");
    COPY(k->to, "pending");
    COPY(k->at, v->r.requested_on);
    return AT_OK;
}

/* The adjustments that cite decision R (their reason says "(decision #ID)",
 * as goal edit --decision ID writes it): changes written, then requests
 * still pending. */
static enum at_status decision_causes(struct review_ctx *c, struct review_decision_item *r,
                                      struct at_err *err)
{
    char tag[48];
    decision_tag(r->id, tag, sizeof tag);
    enum at_status st = goal_store_history_citing(c->app->db, tag, keep_cause, r, err);
    void *ctx[2] = {r, tag};
    return st ? st : app_requests(c->app, NULL, "pending", keep_pending_cause, ctx, err);
}

static enum at_status keep_decision(const struct review_decision *x, void *ctx, struct at_err *err)
{
    (void)err;
    struct review_ctx *c = ((void **)ctx)[0];
    struct review_decision_item *r = review_add_decision(((void **)ctx)[1]);
    r->id = x->id;
    r->goal_id = x->goal_id;
    cal_format(x->meeting, r->meeting);
    COPY(r->text, x->text);
    if (!org_person_label(c->org, x->actor_id, r->by, sizeof r->by))
        snprintf(r->by, sizeof r->by, "#%lld", (long long)x->actor_id);
    return decision_causes(c, r, err);
}

static enum at_status build_decisions(struct review_ctx *c, struct review_doc *d,
                                      struct at_err *err)
{
    void *ctx[2] = {c, d};
    return decision_store_list(c->app->db, &c->scope, c->since ? c->since : cal_from_ymd(1, 1, 1),
                               c->day, keep_decision, ctx, err);
}

/* ------------------------------------------------------------ forecast */

static void money_text(const struct review_ctx *c, bool has, int64_t minor, char *out, size_t size)
{
    if (!has)
        out[0] = '\0';
    else
        decimal_format(minor, c->exponent, false, out, size);
}

static enum at_status keep_forecast(const struct forecast_row *x, void *ctx, struct at_err *err)
{
    (void)err;
    struct review_ctx *c = ((void **)ctx)[0];
    struct review_forecast_row *r = review_add_forecast(((void **)ctx)[1]);
    COPY(r->scope, x->scope);
    r->rollup = x->rollup;
    money_text(c, x->has_quota, x->quota, r->quota, sizeof r->quota);
    money_text(c, true, x->closed, r->closed, sizeof r->closed);
    money_text(c, x->has_call, x->commit, r->commit, sizeof r->commit);
    money_text(c, x->has_call, x->best_case, r->best_case, sizeof r->best_case);
    money_text(c, x->has_call, x->adjusted, r->adjusted, sizeof r->adjusted);
    money_text(c, true, x->weighted_pipeline, r->weighted, sizeof r->weighted);
    money_text(c, x->has_gap, x->gap, r->gap, sizeof r->gap);
    r->calls = x->calls;
    return AT_OK;
}

/* The call for --period, else for the quarter holding the meeting day. */
static enum at_status build_forecast(struct review_ctx *c, struct review_doc *d, struct at_err *err)
{
    struct period p = c->has_period
                          ? c->period
                          : period_containing(PERIOD_QUARTER, c->day, c->app->fiscal_start_month);
    period_format(&p, d->forecast_period);
    char as_of[CAL_DATE_LEN];
    cal_format(c->day, as_of);
    struct forecast_show_options fo = {
        .period = d->forecast_period, .scope = c->o->scope, .as_of = as_of};
    void *ctx[2] = {c, d};
    return app_forecast_show(c->app, &fo, keep_forecast, ctx, err);
}

/* ------------------------------------------------------------ requests */

static enum at_status keep_request(const struct request_view *v, void *ctx, struct at_err *err)
{
    (void)err;
    struct review_ctx *c = ((void **)ctx)[0];
    const struct goal_request *x = &v->r;
    bool pending = strcmp(x->status, "pending") == 0;
    if (!pending) { /* decided: only since the last review, up to the day */
        int32_t on;
        if (!cal_parse_iso(x->decided_on, &on) || on > c->day || (c->since && on < c->since) ||
            !c->since)
            return AT_OK;
    }
    struct review_request *r = review_add_request(((void **)ctx)[1]);
    r->id = x->id;
    r->stale = v->stale;
    COPY(r->status, x->status);
    COPY(r->scope, v->scope);
    COPY(r->goals, v->goals);
    COPY(r->summary, x->summary);
    COPY(r->reason, x->reason);
    COPY(r->requested_by, x->requested_by);
    COPY(r->requested_on, x->requested_on);
    COPY(r->decided_by, x->decided_by);
    COPY(r->decided_on, x->decided_on);
    COPY(r->comment, x->comment);
    return AT_OK;
}

/* Pending change requests about the scope, then those decided since. */
static enum at_status build_requests(struct review_ctx *c, struct review_doc *d, struct at_err *err)
{
    void *ctx[2] = {c, d};
    enum at_status st = app_requests(c->app, c->o->scope, "pending", keep_request, ctx, err);
    if (!st && c->since) {
        st = app_requests(c->app, c->o->scope, "approved", keep_request, ctx, err);
        if (!st)
            st = app_requests(c->app, c->o->scope, "rejected", keep_request, ctx, err);
    }
    return st;
}

/* The agenda's sections, in the order review_render writes them. */
static const review_builder builders[] = {build_goals, build_forecast, build_changes,
                                          build_decisions, build_requests};

enum at_status app_review(struct app *app, const struct review_options *o, struct review_doc *out,
                          struct at_err *err)
{
    review_doc_init(out);
    struct review_ctx c = {.app = app, .o = o, .exponent = currency_exponent(app->currency)};
    if (!o->scope || !*o->scope)
        return at_err_set(err, AT_INVALID,
                          "the review needs a scope (--scope company, unit:X, team:X or person:X)");
    c.day = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &c.day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    if (o->since && !cal_parse_iso(o->since, &c.since))
        return at_err_set(err, AT_INVALID, "since date %s: write the date as YYYY-MM-DD", o->since);
    if (o->since && c.since > c.day)
        return at_err_set(err, AT_INVALID, "since date %s is after the meeting day %s", o->since,
                          cal_format(c.day, out->as_of));
    enum at_status st = app_org(app, &c.org, err);
    if (!st)
        st = org_resolve(c.org, o->scope, &c.scope, err);
    if (!st && o->period) {
        c.has_period = true;
        st = period_parse(o->period, c.day, app->fiscal_start_month, &c.period, err);
    }
    bool found = false;
    if (!st && !o->since) {
        st = decision_store_last_meeting(app->db, &c.scope, c.day, &found, &c.since, err);
        if (!found)
            c.since = 0;
    }
    if (st)
        return st;
    snprintf(out->lang, sizeof out->lang, "%s",
             o->lang && strcmp(o->lang, "zh") == 0 ? "zh" : "en");
    org_label(c.org, &c.scope, out->scope, sizeof out->scope);
    if (c.has_period)
        period_format(&c.period, out->period);
    cal_format(c.day, out->as_of);
    if (c.since)
        cal_format(c.since, out->since);
    out->since_meeting = found;
    COPY(out->generator, o->generator ? o->generator : "attain");
    COPY(out->currency, app->currency);
    for (size_t i = 0; !st && i < sizeof builders / sizeof builders[0]; i++)
        st = builders[i](&c, out, err);
    return st;
}

/* ------------------------------------------------------------- decide */

enum at_status app_review_decide(struct app *app, const char *scope, const char *text,
                                 const char *goal, const char *as_of, struct review_decision *out,
                                 struct at_err *err)
{
    struct review_decision d;
    memset(&d, 0, sizeof d);
    const struct org *org;
    if (!scope || !*scope)
        return at_err_set(err, AT_INVALID,
                          "a decision needs the review's scope (--scope company, unit:X ...)");
    size_t n = text ? strlen(text) : 0;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = strchr(" \t\r\n", text[i]) != NULL;
    if (blank)
        return at_err_set(err, AT_INVALID, "a decision needs its text (--text T)");
    if (n >= sizeof d.text)
        return at_err_set(err, AT_INVALID, "decision text: at most %zu bytes (it has %zu)",
                          sizeof d.text - 1, n);
    if (!utf8_valid(text, n))
        return at_err_set(err, AT_INVALID, "decision text: not valid UTF-8");
    memcpy(d.text, text, n + 1);
    d.meeting = app_day(&app->req);
    if (as_of && !cal_parse_iso(as_of, &d.meeting))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", as_of);
    enum at_status st = app_org(app, &org, err);
    if (!st)
        st = org_resolve(org, scope, &d.scope, err);
    struct goal g;
    if (!st && goal) {
        if (!str_to_i64(goal, &d.goal_id) || d.goal_id <= 0)
            st = at_err_set(err, AT_INVALID, "goal \"%s\" is not a number", goal);
        else if (!(st = app_goal_get(app, d.goal_id, &g, NULL, err)) &&
                 !org_contains(org, &d.scope, &g.ref))
            st = at_err_set(err, AT_INVALID, "goal %lld (%s) is not inside %s", (long long)g.id,
                            g.scope, scope);
    }
    if (!st)
        st = app_actor(app, &d.actor_id, err);
    if (st)
        return st;
    if (org_head(org, &d.scope) != d.actor_id && !org_may_decide(org, d.actor_id, &d.scope)) {
        char who[128], label[256];
        if (!org_person_label(org, d.actor_id, who, sizeof who))
            snprintf(who, sizeof who, "#%lld", (long long)d.actor_id);
        org_label(org, &d.scope, label, sizeof label);
        return at_err_set(err, AT_FORBIDDEN,
                          "person:%s may not record decisions of the review of %s: only its "
                          "head or someone above may",
                          who, label);
    }
    if ((st = decision_store_insert(app->db, &d, err)))
        return st;
    *out = d;
    return AT_OK;
}

enum at_status app_review_decisions(struct app *app, const char *scope, const char *since,
                                    const char *as_of, decision_fn fn, void *ctx,
                                    struct at_err *err)
{
    if (!scope || !*scope)
        return at_err_set(err, AT_INVALID,
                          "the decisions of which review? give its scope (company, unit:X ...)");
    int32_t from = cal_from_ymd(1, 1, 1), to = app_day(&app->req);
    if (since && !cal_parse_iso(since, &from))
        return at_err_set(err, AT_INVALID, "since %s: write the date as YYYY-MM-DD", since);
    if (as_of && !cal_parse_iso(as_of, &to))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", as_of);
    const struct org *org;
    struct scope_ref s;
    enum at_status st = app_org(app, &org, err);
    if (!st)
        st = org_resolve(org, scope, &s, err);
    if (!st)
        st = decision_store_list(app->db, &s, from, to, fn, ctx, err);
    return st;
}
