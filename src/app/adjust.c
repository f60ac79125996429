/* adjust.c — locks, the original plan, change requests and reassign (see adjust.h). */
#include "app/adjust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/decompose.h"
#include "store/db.h"

/* The request's day as YYYY-MM-DD. */
static void today_text(const struct app *app, char out[CAL_DATE_LEN])
{
    cal_format(app_day(&app->req), out);
}

/* Who acts, as a label ("person:王芳") into OUT and people.id into *ID. With
 * REQUIRED an actor must be given (app_actor's error otherwise); without,
 * "cli" and 0 when none was given. */
static enum at_status actor_label(struct app *app, bool required, char *out, size_t size,
                                  int64_t *id, struct at_err *err)
{
    *id = 0;
    if (!required && !app->req.actor_set) {
        snprintf(out, size, "cli");
        return AT_OK;
    }
    const struct org *o;
    enum at_status st = app_actor(app, id, err);
    if (!st)
        st = app_org_sellers(app, &o, err);
    if (st)
        return st;
    char name[200];
    org_person_label(o, *id, name, sizeof name);
    utf8_snprintf(out, size, "person:%s", name);
    return AT_OK;
}

/* The plan fields of G (adjust_plan_fields) and whether it is archived as
 * one text: equal texts, the same plan. */
static void fingerprint(const struct goal *g, const struct goal_meta *m, char *out, size_t size)
{
    (void)m;
    char period[PERIOD_TEXT_MAX];
    period_format(&g->period, period);
    snprintf(out, size,
             "metric=%s;scope=%s:%lld;period=%s;target=%lld;direction=%d;base=%d;growth=%d;"
             "baseline=%lld;archived=%d;filter=%s",
             metric_def(g->metric)->key, scope_kind_name(g->ref.kind), (long long)g->ref.id, period,
             (long long)g->target, (int)g->direction, (int)g->base, (int)g->growth_bp,
             (long long)g->baseline, (int)g->archived, g->filter);
}

void adjust_plan_fields(struct goal *dst, const struct goal *src)
{
    dst->metric = src->metric;
    dst->ref = src->ref;
    memcpy(dst->scope, src->scope, sizeof dst->scope);
    dst->period = src->period;
    dst->target = src->target;
    dst->direction = src->direction;
    dst->base = src->base;
    dst->growth_bp = src->growth_bp;
    dst->baseline = src->baseline;
    memcpy(dst->filter, src->filter, sizeof dst->filter);
}

/* May ACTOR decide over the scope of G? AT_FORBIDDEN naming both when not. */
static enum at_status may_decide(const struct org *o, int64_t actor, const char *actor_text,
                                 const char *what, const struct goal *g, struct at_err *err)
{
    if (org_may_decide(o, actor, &g->ref))
        return AT_OK;
    char head[200] = "nobody";
    int64_t h = org_head(o, &g->ref);
    if (h)
        org_person_label(o, h, head, sizeof head);
    if (g->id)
        return at_err_set(err, AT_FORBIDDEN,
                          "%s may not %s goal %lld (%s): only someone above its owner (%s) "
                          "decides over it",
                          actor_text, what, (long long)g->id, g->scope, head);
    return at_err_set(err, AT_FORBIDDEN,
                      "%s may not %s a new goal of %s: only someone above %s decides over it",
                      actor_text, what, g->scope, head);
}

/* ---- locks and the original plan ------------------------------------------- */

enum at_status app_goal_locked(struct app *app, int64_t id, bool *locked, struct at_err *err)
{
    return adjust_store_lock_get(app->db, id, locked, NULL, err);
}

enum at_status app_goal_lock_get(struct app *app, int64_t id, bool *locked, struct goal_lock *out,
                                 struct at_err *err)
{
    return adjust_store_lock_get(app->db, id, locked, out, err);
}

enum at_status adjust_keep_original(struct app *app, int64_t id, int64_t target, const char *origin,
                                    struct at_err *err)
{
    char day[CAL_DATE_LEN];
    today_text(app, day);
    return adjust_store_baseline_add(app->db, id, target, origin, day, err);
}

enum at_status adjust_lock_all(struct app *app, const int64_t *ids, size_t n, const char *reason,
                               struct at_err *err)
{
    struct goal_lock l;
    memset(&l, 0, sizeof l);
    int64_t who;
    enum at_status st = actor_label(app, false, l.locked_by, sizeof l.locked_by, &who, err);
    if (st)
        return st;
    today_text(app, l.day);
    utf8_snprintf(l.reason, sizeof l.reason, "%s", reason ? reason : "");
    for (size_t i = 0; i < n && !st; i++) {
        struct goal g;
        l.goal_id = ids[i];
        if (!(st = goal_store_get(app->db, ids[i], app->fiscal_start_month, &g, NULL, err)) &&
            !(st = adjust_store_lock_add(app->db, &l, err)) &&
            !(st = adjust_store_baseline_add(app->db, ids[i], g.target, "lock", l.day, err)))
            st = goal_store_history_add(app->db, ids[i], "locked", "no", "yes",
                                        reason && *reason ? reason : "lock", app->req.actor, err);
    }
    return st;
}

static enum at_status lock_or_unlock(struct app *app, int64_t id, bool lock, const char *reason,
                                     struct at_err *err)
{
    struct goal g;
    char who[128];
    int64_t actor;
    const struct org *o;
    enum at_status st = app_goal_get(app, id, &g, NULL, err);
    if (!st)
        st = actor_label(app, true, who, sizeof who, &actor, err);
    if (!st)
        st = app_org_sellers(app, &o, err);
    if (!st)
        st = may_decide(o, actor, who, lock ? "lock" : "unlock", &g, err);
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    if (lock) {
        st = adjust_lock_all(app, &id, 1, reason, err);
    } else {
        st = adjust_store_lock_remove(app->db, id, err);
        if (!st)
            st = goal_store_history_add(app->db, id, "locked", "yes", "no",
                                        reason && *reason ? reason : "unlock", app->req.actor, err);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

enum at_status app_goal_lock(struct app *app, int64_t id, const char *reason, struct at_err *err)
{
    return lock_or_unlock(app, id, true, reason, err);
}

enum at_status app_goal_unlock(struct app *app, int64_t id, const char *reason, struct at_err *err)
{
    return lock_or_unlock(app, id, false, reason, err);
}

enum at_status adjust_plan_parse(const char *text, bool *original, struct at_err *err)
{
    *original = false;
    if (!text || strcmp(text, "current") == 0)
        return AT_OK;
    if (strcmp(text, "original") == 0) {
        *original = true;
        return AT_OK;
    }
    return at_err_set(err, AT_INVALID, "plan %s: original or current", text);
}

enum at_status app_goal_plan_target(struct app *app, const struct goal *g, bool original,
                                    int64_t *target, struct at_err *err)
{
    *target = g->target;
    if (!original || !g->id)
        return AT_OK;
    bool has;
    int64_t t;
    enum at_status st = adjust_store_baseline_get(app->db, g->id, &has, &t, err);
    if (!st && has)
        *target = t;
    return st;
}

/* ---- changes and requests --------------------------------------------------- */

/* Does C change a field of a locked goal that needs approval? */
static bool needs_approval(const struct goal_change *c)
{
    const struct goal *a = &c->before, *b = &c->after;
    return a->target != b->target || a->period.kind != b->period.kind ||
           a->period.start != b->period.start || a->period.end != b->period.end ||
           !scope_ref_eq(&a->ref, &b->ref);
}

enum at_status adjust_needs_request(struct app *app, const struct goal_change *changes, size_t n,
                                    bool *needed, struct at_err *err)
{
    *needed = false;
    enum at_status st = AT_OK;
    for (size_t i = 0; i < n && !st && !*needed; i++) {
        bool locked = false;
        if (!changes[i].before.id || !needs_approval(&changes[i]))
            continue;
        st = adjust_store_lock_get(app->db, changes[i].before.id, &locked, NULL, err);
        *needed = locked;
    }
    return st;
}

enum at_status adjust_apply(struct app *app, struct goal_change *changes, size_t n,
                            const char *reason, size_t *written, struct at_err *err)
{
    enum at_status st = AT_OK;
    *written = 0;
    for (size_t i = 0; i < n && !st; i++) {
        struct goal_change *c = &changes[i];
        if (!c->before.id) {
            char target[64], text[160];
            c->after.id = 0;
            if ((st = goal_store_insert(app->db, &c->after, &c->meta_after, err)))
                break;
            app_goal_target_text(app, &c->after, target, sizeof target);
            snprintf(text, sizeof text, "%s %s", metric_def(c->after.metric)->key, target);
            st = goal_store_history_add(app->db, c->after.id, "created", NULL, text, reason,
                                        app->req.actor, err);
            if (!st && c->keep_original)
                st = adjust_keep_original(app, c->after.id, 0, c->meta_after.origin, err);
            (*written)++;
            continue;
        }
        int changed = 0;
        c->after.id = c->before.id;
        st = app_goal_write(app, &c->before, &c->after, &c->meta_before, &c->meta_after, reason,
                            &changed, err);
        if (!st && c->keep_original)
            st = adjust_keep_original(app, c->before.id, c->before.target, "reassign", err);
        *written += changed > 0;
    }
    return st;
}

enum at_status adjust_request_add(struct app *app, const char *kind, const struct scope_ref *about,
                                  const char *summary, const char *reason,
                                  const struct goal_change *changes, size_t n,
                                  const struct rebalance_mark *mark, int64_t *request_id,
                                  struct at_err *err)
{
    if (!reason || !*reason)
        return at_err_set(err, AT_INVALID, "a change request needs a reason");
    struct goal_request r;
    memset(&r, 0, sizeof r);
    int64_t who;
    enum at_status st = actor_label(app, false, r.requested_by, sizeof r.requested_by, &who, err);
    if (st)
        return st;
    snprintf(r.kind, sizeof r.kind, "%s", kind);
    r.ref = *about;
    utf8_snprintf(r.summary, sizeof r.summary, "%s", summary);
    utf8_snprintf(r.reason, sizeof r.reason, "%s", reason);
    today_text(app, r.requested_on);
    if (mark) {
        r.rebalance_goal = mark->goal;
        r.rebalance_has = mark->has;
        r.rebalance_through = mark->through;
        r.rebalance_actual = mark->actual;
    }
    if ((st = adjust_store_request_add(app->db, &r, err)))
        return st;
    *request_id = r.id;
    struct goal_request_item *it = xcalloc(1, sizeof *it);
    for (size_t i = 0; i < n && !st; i++) {
        const struct goal_change *c = &changes[i];
        memset(it, 0, sizeof *it);
        it->request_id = r.id;
        it->goal_id = c->before.id;
        if (c->before.id)
            fingerprint(&c->before, &c->meta_before, it->before, sizeof it->before);
        it->after = c->after;
        snprintf(it->cadence, sizeof it->cadence, "%s", c->meta_after.cadence);
        utf8_snprintf(it->origin, sizeof it->origin, "%s", c->meta_after.origin);
        it->keep_original = c->keep_original;
        st = adjust_store_item_add(app->db, it, err);
        if (!st && c->before.id) {
            char text[64];
            snprintf(text, sizeof text, "#%lld pending", (long long)r.id);
            st = goal_store_history_add(app->db, c->before.id, "request", NULL, text, reason,
                                        app->req.actor, err);
        }
    }
    free(it);
    return st;
}

enum at_status adjust_commit(struct app *app, const char *kind, const struct scope_ref *about,
                             const char *summary, const char *reason, struct goal_change *changes,
                             size_t n, const struct rebalance_mark *mark, int64_t *request_id,
                             struct at_err *err)
{
    *request_id = 0;
    bool request = false;
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    st = adjust_needs_request(app, changes, n, &request, err);
    if (!st && request) {
        st = adjust_request_add(app, kind, about, summary, reason, changes, n, mark, request_id,
                                err);
    } else if (!st) {
        size_t written;
        st = adjust_apply(app, changes, n, reason, &written, err);
        if (!st && mark && mark->goal)
            st = goal_store_rebalanced_set(app->db, mark->goal, mark->has, mark->through,
                                           mark->actual, err);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

/* ---- deciding requests ------------------------------------------------------ */

struct items {
    struct goal_request_item *items;
    size_t n, cap;
};

static enum at_status keep_item(const struct goal_request_item *it, void *ctx, struct at_err *err)
{
    (void)err;
    struct items *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->items = xrealloc(a->items, a->cap * sizeof *a->items);
    }
    a->items[a->n++] = *it;
    return AT_OK;
}

/* Is item IT stale: its goal gone, archived or changed since the request? */
static enum at_status item_stale(struct app *app, const struct goal_request_item *it,
                                 struct goal *now, struct goal_meta *now_m, bool *stale,
                                 struct at_err *err)
{
    *stale = false;
    if (!it->goal_id)
        return AT_OK;
    struct at_err ignored;
    enum at_status st = app_goal_get(app, it->goal_id, now, now_m, &ignored);
    if (st == AT_NOT_FOUND) {
        *stale = true;
        return AT_OK;
    }
    if (st)
        return at_err_set(err, st, "%s", ignored.msg);
    char text[sizeof it->before];
    fingerprint(now, now_m, text, sizeof text);
    *stale = strcmp(text, it->before) != 0;
    return AT_OK;
}

static enum at_status decide(struct app *app, int64_t id, bool approve, const char *comment,
                             struct at_err *err)
{
    char who[128];
    int64_t actor;
    const struct org *o;
    struct goal_request r;
    struct items a = {0};
    enum at_status st = actor_label(app, true, who, sizeof who, &actor, err);
    if (!st)
        st = app_org_sellers(app, &o, err);
    if (!st)
        st = adjust_store_request_get(app->db, id, &r, err);
    if (!st && strcmp(r.status, "pending") != 0)
        st = at_err_set(err, AT_CONFLICT, "request %lld was %s by %s on %s", (long long)id,
                        r.status, r.decided_by, r.decided_on);
    if (!st)
        st = adjust_store_item_list(app->db, id, app->fiscal_start_month, keep_item, &a, err);
    struct goal_change *ch = xcalloc(a.n ? a.n : 1, sizeof *ch);
    const char *what = approve ? "approve a change of" : "reject a change of";
    for (size_t i = 0; i < a.n && !st; i++) {
        const struct goal_request_item *it = &a.items[i];
        struct goal_change *c = &ch[i];
        bool stale = false;
        if ((st = item_stale(app, it, &c->before, &c->meta_before, &stale, err)))
            break;
        /* the owner now and the owner afterwards must both be below the actor */
        if (it->goal_id && !stale && (st = may_decide(o, actor, who, what, &c->before, err)))
            break;
        /* the goal as it is now with the plan the request asks for */
        if (it->goal_id && !stale) {
            c->after = c->before;
            adjust_plan_fields(&c->after, &it->after);
        } else {
            c->after = it->after;
            c->after.id = it->goal_id;
        }
        if ((st = may_decide(o, actor, who, what, &c->after, err)))
            break;
        if (approve && stale) {
            char day[CAL_DATE_LEN];
            snprintf(day, sizeof day, "%s", r.requested_on);
            st = at_err_set(err, AT_CONFLICT,
                            "request %lld is stale: goal %lld changed since the request was "
                            "made on %s; reject it and make a new request",
                            (long long)id, (long long)it->goal_id, day);
            break;
        }
        c->meta_after = c->meta_before;
        if (!it->goal_id) {
            snprintf(c->meta_after.cadence, sizeof c->meta_after.cadence, "%s", it->cadence);
            utf8_snprintf(c->meta_after.origin, sizeof c->meta_after.origin, "%s", it->origin);
        }
        c->keep_original = it->keep_original;
        if (!it->goal_id)
            memset(&c->before, 0, sizeof c->before);
    }
    if (!st)
        st = db_begin(app->db, err);
    if (st) {
        free(ch);
        free(a.items);
        return st;
    }
    char why[REQUEST_TEXT_MAX * 2 + 256], old_text[64], new_text[64], day[CAL_DATE_LEN];
    today_text(app, day);
    snprintf(old_text, sizeof old_text, "#%lld pending", (long long)id);
    snprintf(new_text, sizeof new_text, "#%lld %s", (long long)id,
             approve ? "approved" : "rejected");
    utf8_snprintf(why, sizeof why, "%s (request #%lld of %s, %s%s%s)", r.reason, (long long)id,
                  r.requested_by, approve ? "approved" : "rejected",
                  comment && *comment ? ": " : "", comment && *comment ? comment : "");
    if (approve) {
        size_t written;
        st = adjust_apply(app, ch, a.n, why, &written, err);
        if (!st && r.rebalance_goal)
            st = goal_store_rebalanced_set(app->db, r.rebalance_goal, r.rebalance_has,
                                           r.rebalance_through, r.rebalance_actual, err);
    }
    for (size_t i = 0; i < a.n && !st; i++)
        if (a.items[i].goal_id)
            st = goal_store_history_add(app->db, a.items[i].goal_id, "request", old_text, new_text,
                                        why, app->req.actor, err);
    if (!st)
        st = adjust_store_request_decide(app->db, id, approve ? "approved" : "rejected", who, day,
                                         comment, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    free(ch);
    free(a.items);
    return st;
}

enum at_status app_request_approve(struct app *app, int64_t id, const char *comment,
                                   struct at_err *err)
{
    return decide(app, id, true, comment, err);
}

enum at_status app_request_reject(struct app *app, int64_t id, const char *comment,
                                  struct at_err *err)
{
    return decide(app, id, false, comment, err);
}

/* ---- listing ---------------------------------------------------------------- */

struct requests {
    struct goal_request *items;
    size_t n, cap;
};

static enum at_status keep_request(const struct goal_request *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct requests *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->items = xrealloc(a->items, a->cap * sizeof *a->items);
    }
    a->items[a->n++] = *r;
    return AT_OK;
}

enum at_status app_requests(struct app *app, const char *scope, const char *status,
                            request_view_fn fn, void *ctx, struct at_err *err)
{
    const char *want = status ? status : "pending";
    if (strcmp(want, "pending") && strcmp(want, "approved") && strcmp(want, "rejected") &&
        strcmp(want, "all"))
        return at_err_set(err, AT_INVALID, "status %s: pending, approved, rejected or all", status);
    const struct org *o;
    struct scope_ref within = {SCOPE_COMPANY, 0};
    enum at_status st = app_org_sellers(app, &o, err);
    if (!st && scope)
        st = org_resolve(o, scope, &within, err);
    struct requests rs = {0};
    if (!st)
        st = adjust_store_request_list(app->db, strcmp(want, "all") == 0 ? NULL : want,
                                       keep_request, &rs, err);
    struct request_view *v = xcalloc(1, sizeof *v);
    for (size_t i = 0; i < rs.n && !st; i++) {
        memset(v, 0, sizeof *v);
        v->r = rs.items[i];
        if (!org_contains(o, &within, &v->r.ref))
            continue;
        org_label(o, &v->r.ref, v->scope, sizeof v->scope);
        struct items a = {0};
        st = adjust_store_item_list(app->db, v->r.id, app->fiscal_start_month, keep_item, &a, err);
        size_t len = 0;
        for (size_t k = 0; k < a.n && !st; k++) {
            if (len + 24 < sizeof v->goals) {
                if (a.items[k].goal_id)
                    len += (size_t)snprintf(v->goals + len, sizeof v->goals - len, "%s%lld",
                                            len ? "," : "", (long long)a.items[k].goal_id);
                else
                    len += (size_t)snprintf(v->goals + len, sizeof v->goals - len, "%snew",
                                            len ? "," : "");
            }
            if (strcmp(v->r.status, "pending") == 0 && !v->stale) {
                struct goal now;
                struct goal_meta now_m;
                st = item_stale(app, &a.items[k], &now, &now_m, &v->stale, err);
            }
        }
        free(a.items);
        if (!st)
            st = fn(v, ctx, err);
    }
    free(v);
    free(rs.items);
    return st;
}

/* ---- reassign ----------------------------------------------------------------- */

enum at_status adjust_reassign_split(int64_t target, int64_t actual, int64_t *targets,
                                     const int64_t *weights, size_t n, int64_t *leaver,
                                     struct at_err *err)
{
    if (n == 0)
        return at_err_set(err, AT_INVALID, "nobody to move the remaining target to");
    int64_t moved = actual < 0 ? target : target - actual;
    if (moved < 0 || actual > target)
        moved = 0;
    int64_t *share = xcalloc(n, sizeof *share);
    enum at_status st = split_largest_remainder(moved, weights, n, share, err);
    for (size_t i = 0; i < n && !st; i++)
        targets[i] += share[i];
    if (!st)
        *leaver = target - moved;
    free(share);
    return st;
}

void reassign_plan_free(struct reassign_plan *p)
{
    free(p->lines);
    p->lines = NULL;
    p->n = 0;
}

struct all_goals {
    struct goal *items;
    struct goal_meta *metas;
    size_t n, cap;
};

static enum at_status keep_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)err;
    struct all_goals *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->items = xrealloc(a->items, a->cap * sizeof *a->items);
        a->metas = xrealloc(a->metas, a->cap * sizeof *a->metas);
    }
    a->items[a->n] = *g;
    a->metas[a->n++] = *m;
    return AT_OK;
}

static bool same_period(const struct period *a, const struct period *b)
{
    return a->start == b->start && a->end == b->end;
}

/* The recipients of a reassign from LEAVER over P: people refs and weights
 * (capacity ×1000; the caller replaces them for even and history). */
static enum at_status recipients(const struct org *o, int64_t leaver, const char *to,
                                 const struct period *p, struct scope_ref **refs, int64_t **w,
                                 size_t *n, struct at_err *err)
{
    *refs = NULL;
    *w = NULL;
    *n = 0;
    if (strcmp(to, "members") != 0) {
        int64_t id;
        const char *text = strncmp(to, "person:", 7) == 0 ? to + 7 : to;
        enum at_status st = org_find_person(o, text, &id, err);
        if (st)
            return at_err_prefix(err, "to: ");
        if (id == leaver)
            return at_err_set(err, AT_INVALID, "to %s: the target cannot move to the leaving rep",
                              to);
        *refs = xmalloc(sizeof **refs);
        *w = xmalloc(sizeof **w);
        (*refs)[0] = (struct scope_ref){SCOPE_PERSON, id};
        (*w)[0] = org_capacity(o, &(*refs)[0], p);
        *n = 1;
        return AT_OK;
    }
    int64_t unit = org_person_unit(o, leaver);
    char label[200];
    org_person_label(o, leaver, label, sizeof label);
    if (!unit)
        return at_err_set(err, AT_INVALID,
                          "person:%s belongs to no unit: give --to PERSON instead of members",
                          label);
    struct scope_ref u = {SCOPE_UNIT, unit};
    enum at_status st = org_members(o, &u, p, refs, w, n, err);
    if (st)
        return st;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (!((*refs)[i].kind == SCOPE_PERSON && (*refs)[i].id == leaver)) {
            (*refs)[k] = (*refs)[i];
            (*w)[k++] = (*w)[i];
        }
    *n = k;
    if (k == 0)
        return at_err_set(err, AT_INVALID,
                          "nobody else in the unit of person:%s during the period: give --to "
                          "PERSON",
                          label);
    return AT_OK;
}

enum at_status app_goal_reassign(struct app *app, const struct reassign_options *opt, bool save,
                                 struct reassign_plan *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    if (!opt->person)
        return at_err_set(err, AT_INVALID,
                          "reassign needs the leaving rep (attain goal reassign "
                          "PERSON --period P --to members|PERSON)");
    if (!opt->period)
        return at_err_set(err, AT_INVALID, "reassign needs a period");
    if (!opt->to)
        return at_err_set(err, AT_INVALID, "reassign needs --to members or --to PERSON");
    const char *method = opt->method ? opt->method : "even";
    if (strcmp(method, "even") && strcmp(method, "capacity") && strcmp(method, "history"))
        return at_err_set(err, AT_INVALID, "method %s: even, capacity or history", method);
    if (save && (!opt->reason || !*opt->reason))
        return at_err_set(err, AT_INVALID, "a reassign needs a reason (kept in the history)");
    int32_t day = app_day(&app->req);
    if (opt->as_of && !cal_parse_iso(opt->as_of, &day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD",
                          opt->as_of);
    const struct org *o;
    int64_t leaver;
    struct period p;
    enum at_status st = app_org_sellers(app, &o, err);
    if (st)
        return st;
    const char *ptext = strncmp(opt->person, "person:", 7) == 0 ? opt->person + 7 : opt->person;
    if ((st = org_find_person(o, ptext, &leaver, err)))
        return st;
    if ((st = period_parse(opt->period, day, app->fiscal_start_month, &p, err)))
        return at_err_prefix(err, "period: ");
    struct scope_ref leaver_ref = {SCOPE_PERSON, leaver};
    char leaver_label[GOAL_SCOPE_MAX];
    org_label(o, &leaver_ref, leaver_label, sizeof leaver_label);
    if (save || app->req.actor_set) {
        char who[128];
        int64_t actor;
        if ((st = actor_label(app, true, who, sizeof who, &actor, err)))
            return st;
        if (!org_may_decide(o, actor, &leaver_ref))
            return at_err_set(err, AT_FORBIDDEN,
                              "%s may not reassign the goals of %s: only someone above them "
                              "decides over their goals",
                              who, leaver_label);
    }
    struct scope_ref *refs = NULL;
    int64_t *cap = NULL;
    size_t n = 0;
    if ((st = recipients(o, leaver, opt->to, &p, &refs, &cap, &n, err)))
        return st;
    struct all_goals all = {0};
    st = app_goal_list(app, false, keep_goal, &all, err);
    size_t n_leaving = 0;
    for (size_t i = 0; !st && i < all.n; i++) {
        const struct goal *g = &all.items[i];
        n_leaving += g->ref.kind == SCOPE_PERSON && g->ref.id == leaver &&
                     same_period(&g->period, &p) && metric_additive(g->metric);
    }
    char ptext_out[PERIOD_TEXT_MAX];
    period_format(&p, ptext_out);
    if (!st && n_leaving == 0)
        st = at_err_set(err, AT_NOT_FOUND,
                        "%s has no live goal over %s of a metric that adds up (revenue, orders, "
                        "...)",
                        leaver_label, ptext_out);
    struct goal_change *ch = xcalloc(n_leaving * (n + 1) + 1, sizeof *ch);
    size_t n_ch = 0;
    int64_t *w = xcalloc(n, sizeof *w), *tg = xcalloc(n, sizeof *tg);
    ptrdiff_t *has = xcalloc(n, sizeof *has);
    out->lines = xcalloc(n_leaving * (n + 1) + 1, sizeof *out->lines);
    for (size_t i = 0; !st && i < all.n; i++) {
        const struct goal *g = &all.items[i];
        if (!(g->ref.kind == SCOPE_PERSON && g->ref.id == leaver && same_period(&g->period, &p) &&
              metric_additive(g->metric)))
            continue;
        bool planned = false;
        int64_t orig;
        if ((st = adjust_store_baseline_get(app->db, g->id, &planned, &orig, err)))
            break;
        /* whole minor units or counts, as the targets are */
        bool whole = g->target % GOAL_SCALE == 0;
        int64_t scale = whole ? GOAL_SCALE : 1;
        struct metric_value v;
        if ((st = app_goal_actual(app, g, day, &v, err)))
            break;
        int64_t actual = goal_value_scaled(&v);
        if (whole)
            actual = (actual >= 0 ? actual + GOAL_SCALE / 2 : actual - GOAL_SCALE / 2) / GOAL_SCALE;
        for (size_t r = 0; r < n && !st; r++) {
            has[r] = -1;
            for (size_t k = 0; k < all.n && has[r] < 0; k++) {
                const struct goal *h = &all.items[k];
                if (h->ref.kind == SCOPE_PERSON && h->ref.id == refs[r].id &&
                    h->metric == g->metric && same_period(&h->period, &p) &&
                    strcmp(h->filter, g->filter) == 0)
                    has[r] = (ptrdiff_t)k;
            }
            tg[r] = has[r] >= 0 ? all.items[has[r]].target / scale : 0;
            if (strcmp(method, "even") == 0) {
                w[r] = 1;
            } else if (strcmp(method, "capacity") == 0) {
                w[r] = cap[r];
            } else {
                struct goal before = *g;
                before.ref = refs[r];
                before.period = period_previous(&p);
                struct metric_value hv;
                if ((st = app_goal_actual(app, &before, day, &hv, err)))
                    break;
                int64_t x = goal_value_scaled(&hv);
                w[r] = x > 0 ? x : 0;
            }
        }
        if (st)
            break;
        int64_t *old = xmalloc((n ? n : 1) * sizeof *old);
        memcpy(old, tg, n * sizeof *tg);
        int64_t leaver_new;
        if ((st = adjust_reassign_split(g->target / scale, actual, tg, w, n, &leaver_new, err))) {
            free(old);
            break;
        }
        /* the leaving rep's goal: what they closed stays theirs */
        struct goal_change *c = &ch[n_ch++];
        c->before = *g;
        c->meta_before = all.metas[i];
        c->after = *g;
        c->after.target = leaver_new * scale;
        c->meta_after = all.metas[i];
        c->keep_original = planned;
        out->lines[out->n++] = (struct reassign_line){c->after, g->target, 0, true};
        for (size_t r = 0; r < n; r++) {
            if (tg[r] == old[r] && has[r] < 0)
                continue; /* nothing moves to them: no goal made */
            c = &ch[n_ch++];
            if (has[r] >= 0) {
                c->before = all.items[has[r]];
                c->meta_before = all.metas[has[r]];
                c->after = c->before;
                c->meta_after = c->meta_before;
            } else {
                c->after = *g;
                c->after.id = 0;
                c->after.ref = refs[r];
                org_label(o, &refs[r], c->after.scope, sizeof c->after.scope);
                c->after.base = GOAL_BASE_NONE;
                c->after.growth_bp = 0;
                c->after.baseline = 0;
                app_goal_default_title(&c->after, app->req.lang, c->after.title,
                                       sizeof c->after.title);
                snprintf(c->meta_after.cadence, sizeof c->meta_after.cadence, "%s",
                         all.metas[i].cadence);
                snprintf(c->meta_after.origin, sizeof c->meta_after.origin, "reassign:%lld",
                         (long long)g->id);
            }
            c->after.target = tg[r] * scale;
            c->keep_original = planned;
            out->lines[out->n++] =
                (struct reassign_line){c->after, has[r] >= 0 ? c->before.target : 0, w[r], false};
        }
        free(old);
    }
    if (!st && save) {
        char summary[REQUEST_TEXT_MAX], why[REQUEST_TEXT_MAX + 128];
        utf8_snprintf(summary, sizeof summary, "reassign %s %s to %s by %s: %zu goals",
                      leaver_label, ptext_out, opt->to, method, n_ch);
        utf8_snprintf(why, sizeof why, "%s (reassign of %s %s by %s)", opt->reason, leaver_label,
                      ptext_out, method);
        st = adjust_commit(app, "reassign", &leaver_ref, summary, why, ch, n_ch, NULL,
                           &out->request_id, err);
        /* new goals got their ids */
        for (size_t k = 0, l = 0; !st && k < n_ch && l < out->n; k++, l++)
            out->lines[l].goal.id = ch[k].after.id;
    }
    free(ch);
    free(w);
    free(tg);
    free(has);
    free(refs);
    free(cap);
    free(all.items);
    free(all.metas);
    if (st)
        reassign_plan_free(out);
    return st;
}
