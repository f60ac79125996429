/* adjust_store.c — the SQL of locks, baselines and change requests (see adjust_store.h). */
#include "store/adjust_store.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/calendar.h"
#include "store/db.h"

static const char *col(const struct store_row *r, int k)
{
    return r->null[k] || !r->s[k] ? "" : r->s[k];
}

/* ---- locks ----------------------------------------------------------------- */

struct lock_ctx {
    bool found;
    struct goal_lock *out;
};

static enum at_status read_lock(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct lock_ctx *c = ctx;
    c->found = true;
    if (c->out) {
        c->out->goal_id = r->i[0];
        utf8_snprintf(c->out->locked_by, sizeof c->out->locked_by, "%s", col(r, 1));
        snprintf(c->out->day, sizeof c->out->day, "%s", col(r, 2));
        utf8_snprintf(c->out->reason, sizeof c->out->reason, "%s", col(r, 3));
    }
    return AT_OK;
}

static const char sql_lock_get[] =
    "SELECT goal_id, locked_by, day, reason FROM goal_locks WHERE goal_id = ?1";

enum at_status adjust_store_lock_get(struct db *db, int64_t goal_id, bool *locked,
                                     struct goal_lock *out, struct at_err *err)
{
    struct lock_ctx c = {false, out};
    struct store_val v[1] = {store_num(goal_id)};
    enum at_status st = store_exec(db, sql_lock_get, v, 1, read_lock, &c, NULL, err);
    *locked = !st && c.found;
    return st;
}

static const char sql_lock_add[] = "INSERT OR IGNORE INTO goal_locks (goal_id, locked_by, day, "
                                   "reason) VALUES (?1, ?2, ?3, ?4)";

enum at_status adjust_store_lock_add(struct db *db, const struct goal_lock *l, struct at_err *err)
{
    struct store_val v[4] = {store_num(l->goal_id), store_txt(l->locked_by), store_txt(l->day),
                             store_txt(l->reason)};
    enum at_status st = store_exec(db, sql_lock_add, v, 4, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_CONFLICT, "goal %lld is locked already", (long long)l->goal_id);
    return st;
}

static const char sql_lock_remove[] = "DELETE FROM goal_locks WHERE goal_id = ?1";

enum at_status adjust_store_lock_remove(struct db *db, int64_t goal_id, struct at_err *err)
{
    struct store_val v[1] = {store_num(goal_id)};
    enum at_status st = store_exec(db, sql_lock_remove, v, 1, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_CONFLICT, "goal %lld is not locked", (long long)goal_id);
    return st;
}

/* ---- baselines ------------------------------------------------------------- */

struct baseline_ctx {
    bool found;
    int64_t target;
};

static enum at_status read_baseline(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct baseline_ctx *c = ctx;
    c->found = true;
    c->target = r->i[0];
    return AT_OK;
}

static const char sql_baseline_get[] = "SELECT target FROM goal_baselines WHERE goal_id = ?1";

enum at_status adjust_store_baseline_get(struct db *db, int64_t goal_id, bool *has, int64_t *target,
                                         struct at_err *err)
{
    struct baseline_ctx c = {0};
    struct store_val v[1] = {store_num(goal_id)};
    enum at_status st = store_exec(db, sql_baseline_get, v, 1, read_baseline, &c, NULL, err);
    *has = !st && c.found;
    *target = c.target;
    return st;
}

static const char sql_baseline_add[] = "INSERT OR IGNORE INTO goal_baselines (goal_id, target, "
                                       "origin, day) VALUES (?1, ?2, ?3, ?4)";

enum at_status adjust_store_baseline_add(struct db *db, int64_t goal_id, int64_t target,
                                         const char *origin, const char *day, struct at_err *err)
{
    struct store_val v[4] = {store_num(goal_id), store_num(target), store_txt(origin),
                             store_txt(day)};
    return store_exec(db, sql_baseline_add, v, 4, NULL, NULL, NULL, err);
}

/* ---- requests -------------------------------------------------------------- */

static const char sql_request_add[] =
    "INSERT INTO goal_requests (kind, status, scope_kind, scope_id, summary, reason, "
    "requested_by, requested_on, rebalance_goal, rebalance_through, rebalance_actual) "
    "VALUES (?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

enum at_status adjust_store_request_add(struct db *db, struct goal_request *r, struct at_err *err)
{
    char through[CAL_DATE_LEN] = "";
    if (r->rebalance_goal && r->rebalance_has)
        cal_format(r->rebalance_through, through);
    bool marker = r->rebalance_goal && r->rebalance_has;
    struct store_val v[10] = {store_txt(r->kind),
                              store_txt(scope_kind_name(r->ref.kind)),
                              r->ref.kind == SCOPE_COMPANY ? store_txt(NULL) : store_num(r->ref.id),
                              store_txt(r->summary),
                              store_txt(r->reason),
                              store_txt(r->requested_by),
                              store_txt(r->requested_on),
                              store_ref(r->rebalance_goal),
                              store_txt(marker ? through : NULL),
                              marker ? store_num(r->rebalance_actual) : store_txt(NULL)};
    snprintf(r->status, sizeof r->status, "pending");
    return store_exec(db, sql_request_add, v, 10, NULL, NULL, &r->id, err);
}

static const char *base_name(enum goal_base b)
{
    return b == GOAL_BASE_PREVIOUS ? "previous" : b == GOAL_BASE_LAST_YEAR ? "last-year" : NULL;
}

static const char sql_item_add[] =
    "INSERT INTO goal_request_items (request_id, goal_id, before, parent_id, objective_id, title, "
    "metric, scope, scope_kind, scope_id, period, target, direction, base, growth_bp, baseline, "
    "filter, cadence, origin, keep_original) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

enum at_status adjust_store_item_add(struct db *db, struct goal_request_item *it,
                                     struct at_err *err)
{
    const struct goal *g = &it->after;
    char period[PERIOD_TEXT_MAX];
    period_format(&g->period, period);
    struct store_val v[20] = {store_num(it->request_id),
                              store_ref(it->goal_id),
                              store_txt(it->before),
                              store_ref(g->parent),
                              store_ref(g->objective),
                              store_txt(g->title),
                              store_txt(metric_def(g->metric)->key),
                              store_txt(g->scope),
                              store_txt(scope_kind_name(g->ref.kind)),
                              g->ref.kind == SCOPE_COMPANY ? store_txt(NULL) : store_num(g->ref.id),
                              store_txt(period),
                              store_num(g->target),
                              store_txt(g->direction == GOAL_LOWER ? "lower" : "higher"),
                              store_txt(base_name(g->base)),
                              g->base ? store_num(g->growth_bp) : store_txt(NULL),
                              g->base ? store_num(g->baseline) : store_txt(NULL),
                              store_txt(g->filter),
                              store_txt(it->cadence),
                              store_txt(it->origin),
                              store_num(it->keep_original)};
    return store_exec(db, sql_item_add, v, 20, NULL, NULL, &it->id, err);
}

#define REQUEST_COLUMNS                                                                            \
    "id, kind, status, scope_kind, scope_id, summary, reason, requested_by, requested_on, "        \
    "decided_by, decided_on, comment, rebalance_goal, rebalance_through, rebalance_actual"

struct request_ctx {
    goal_request_fn fn;
    void *ctx;
    struct goal_request *one;
    bool found;
};

static enum at_status read_request(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct request_ctx *c = ctx;
    struct goal_request q;
    memset(&q, 0, sizeof q);
    q.id = r->i[0];
    snprintf(q.kind, sizeof q.kind, "%s", col(r, 1));
    snprintf(q.status, sizeof q.status, "%s", col(r, 2));
    if (!scope_kind_parse(col(r, 3), strlen(col(r, 3)), &q.ref.kind))
        q.ref.kind = SCOPE_COMPANY;
    q.ref.id = r->null[4] ? 0 : r->i[4];
    utf8_snprintf(q.summary, sizeof q.summary, "%s", col(r, 5));
    utf8_snprintf(q.reason, sizeof q.reason, "%s", col(r, 6));
    utf8_snprintf(q.requested_by, sizeof q.requested_by, "%s", col(r, 7));
    snprintf(q.requested_on, sizeof q.requested_on, "%s", col(r, 8));
    utf8_snprintf(q.decided_by, sizeof q.decided_by, "%s", col(r, 9));
    snprintf(q.decided_on, sizeof q.decided_on, "%s", col(r, 10));
    utf8_snprintf(q.comment, sizeof q.comment, "%s", col(r, 11));
    q.rebalance_goal = r->null[12] ? 0 : r->i[12];
    if (!r->null[13]) {
        if (!cal_parse_iso(col(r, 13), &q.rebalance_through))
            return at_err_set(err, AT_DB, "request %lld: rebalance_through \"%s\" is not a date",
                              (long long)q.id, col(r, 13));
        q.rebalance_has = true;
        q.rebalance_actual = r->null[14] ? 0 : r->i[14];
    }
    if (c->one) {
        *c->one = q;
        c->found = true;
        return AT_OK;
    }
    return c->fn(&q, c->ctx, err);
}

static const char sql_request_get[] = "SELECT " REQUEST_COLUMNS " FROM goal_requests WHERE id = ?1";

enum at_status adjust_store_request_get(struct db *db, int64_t id, struct goal_request *r,
                                        struct at_err *err)
{
    struct request_ctx c = {.one = r};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_request_get, v, 1, read_request, &c, NULL, err);
    if (!st && !c.found)
        st = at_err_set(err, AT_NOT_FOUND, "no request %lld (attain goal requests lists them)",
                        (long long)id);
    return st;
}

static const char sql_request_list[] =
    "SELECT " REQUEST_COLUMNS " FROM goal_requests WHERE ?1 IS NULL OR status = ?1 "
    "ORDER BY id";

enum at_status adjust_store_request_list(struct db *db, const char *status, goal_request_fn fn,
                                         void *ctx, struct at_err *err)
{
    struct request_ctx c = {.fn = fn, .ctx = ctx};
    struct store_val v[1] = {store_txt(status)};
    return store_exec(db, sql_request_list, v, 1, read_request, &c, NULL, err);
}

struct item_ctx {
    int fiscal;
    goal_request_item_fn fn;
    void *ctx;
};

static enum at_status read_item(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct item_ctx *c = ctx;
    struct goal_request_item it;
    memset(&it, 0, sizeof it);
    struct goal *g = &it.after;
    it.id = r->i[0];
    it.request_id = r->i[1];
    it.goal_id = r->null[2] ? 0 : r->i[2];
    snprintf(it.before, sizeof it.before, "%s", col(r, 3));
    g->id = it.goal_id;
    g->parent = r->null[4] ? 0 : r->i[4];
    g->objective = r->null[5] ? 0 : r->i[5];
    utf8_snprintf(g->title, sizeof g->title, "%s", col(r, 6));
    if (metric_parse(col(r, 7), &g->metric, err))
        return at_err_prefix(err, "request %lld: ", (long long)it.request_id);
    utf8_snprintf(g->scope, sizeof g->scope, "%s", col(r, 8));
    if (!scope_kind_parse(col(r, 9), strlen(col(r, 9)), &g->ref.kind))
        g->ref.kind = SCOPE_COMPANY;
    g->ref.id = r->null[10] ? 0 : r->i[10];
    if (period_parse(col(r, 11), 0, c->fiscal, &g->period, err))
        return at_err_prefix(err, "request %lld: ", (long long)it.request_id);
    g->target = r->i[12];
    g->direction = strcmp(col(r, 13), "lower") == 0 ? GOAL_LOWER : GOAL_HIGHER;
    g->base = r->null[14]                            ? GOAL_BASE_NONE
              : strcmp(col(r, 14), "last-year") == 0 ? GOAL_BASE_LAST_YEAR
                                                     : GOAL_BASE_PREVIOUS;
    g->growth_bp = r->null[15] ? 0 : (int32_t)r->i[15];
    g->baseline = r->null[16] ? 0 : r->i[16];
    utf8_snprintf(g->filter, sizeof g->filter, "%s", col(r, 17));
    snprintf(it.cadence, sizeof it.cadence, "%s", col(r, 18));
    utf8_snprintf(it.origin, sizeof it.origin, "%s", col(r, 19));
    it.keep_original = r->i[20] != 0;
    return c->fn(&it, c->ctx, err);
}

static const char sql_item_list[] =
    "SELECT id, request_id, goal_id, before, parent_id, objective_id, title, metric, scope, "
    "scope_kind, scope_id, period, target, direction, base, growth_bp, baseline, filter, cadence, "
    "origin, keep_original FROM goal_request_items WHERE request_id = ?1 ORDER BY id";

enum at_status adjust_store_item_list(struct db *db, int64_t id, int fiscal_start_month,
                                      goal_request_item_fn fn, void *ctx, struct at_err *err)
{
    struct item_ctx c = {fiscal_start_month, fn, ctx};
    struct store_val v[1] = {store_num(id)};
    return store_exec(db, sql_item_list, v, 1, read_item, &c, NULL, err);
}

static const char sql_request_decide[] =
    "UPDATE goal_requests SET status = ?2, decided_by = ?3, decided_on = ?4, comment = ?5 "
    "WHERE id = ?1 AND status = 'pending'";

enum at_status adjust_store_request_decide(struct db *db, int64_t id, const char *status,
                                           const char *by, const char *day, const char *comment,
                                           struct at_err *err)
{
    struct store_val v[5] = {store_num(id), store_txt(status), store_txt(by), store_txt(day),
                             store_txt(comment ? comment : "")};
    enum at_status st = store_exec(db, sql_request_decide, v, 5, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_CONFLICT, "request %lld is not pending", (long long)id);
    return st;
}

struct count_ctx {
    int64_t n;
};

static enum at_status read_count(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    ((struct count_ctx *)ctx)->n = r->i[0];
    return AT_OK;
}

static const char sql_pending_for[] =
    "SELECT count(*) FROM goal_request_items i JOIN goal_requests r ON r.id = i.request_id "
    "WHERE i.goal_id = ?1 AND r.status = 'pending'";

enum at_status adjust_store_pending_for(struct db *db, int64_t goal_id, int64_t *n,
                                        struct at_err *err)
{
    struct count_ctx c = {0};
    struct store_val v[1] = {store_num(goal_id)};
    enum at_status st = store_exec(db, sql_pending_for, v, 1, read_count, &c, NULL, err);
    *n = c.n;
    return st;
}
