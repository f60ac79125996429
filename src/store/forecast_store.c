/* forecast_store.c — the SQL of forecast calls, stage categories and
 * scorecards (see forecast_store.h). */
#include "store/forecast_store.h"

#include "store/db.h"

static const char sql_category_set[] =
    "INSERT INTO forecast_categories (stage, category, actor, day) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (stage) DO UPDATE SET category = excluded.category, actor = excluded.actor, "
    "day = excluded.day";

enum at_status forecast_store_category_set(struct db *db, const char *stage, const char *category,
                                           const char *actor, const char *day, struct at_err *err)
{
    struct store_val v[4] = {store_txt(stage), store_txt(category), store_txt(actor),
                             store_txt(day)};
    return store_exec(db, sql_category_set, v, 4, NULL, NULL, NULL, err);
}

struct category_ctx {
    forecast_category_fn fn;
    void *ctx;
};

static enum at_status read_category(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct category_ctx *c = ctx;
    return c->fn(r->s[0], r->s[1], c->ctx, err);
}

static const char sql_categories[] =
    "SELECT stage, category FROM forecast_categories ORDER BY stage";

enum at_status forecast_store_categories(struct db *db, forecast_category_fn fn, void *ctx,
                                         struct at_err *err)
{
    struct category_ctx c = {fn, ctx};
    return store_exec(db, sql_categories, NULL, 0, read_category, &c, NULL, err);
}

static const char sql_call_add[] =
    "INSERT INTO forecast_calls (kind, person_id, period, day, week, commit_amount, best_case, "
    "note, actor_id, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, datetime('now'))";

enum at_status forecast_store_call_add(struct db *db, const struct forecast_call_row *c,
                                       int64_t *id, struct at_err *err)
{
    struct store_val v[9] = {store_txt(c->adjust ? "adjust" : "submit"),
                             store_num(c->person_id),
                             store_txt(c->period),
                             store_txt(c->day),
                             store_txt(c->week),
                             store_num(c->commit),
                             c->has_best ? store_num(c->best_case) : store_txt(NULL),
                             store_txt(c->note ? c->note : ""),
                             store_num(c->actor_id)};
    return store_exec(db, sql_call_add, v, 9, NULL, NULL, id, err);
}

struct call_ctx {
    forecast_call_fn fn;
    void *ctx;
};

static enum at_status read_call(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct call_ctx *c = ctx;
    struct forecast_call_row row = {
        .id = r->i[0],
        .adjust = r->s[1] && r->s[1][0] == 'a',
        .person_id = r->i[2],
        .period = r->s[3],
        .day = r->s[4],
        .week = r->s[5],
        .commit = r->i[6],
        .has_best = !r->null[7],
        .best_case = r->null[7] ? 0 : r->i[7],
        .note = r->s[8] ? r->s[8] : "",
        .actor_id = r->i[9],
    };
    return c->fn(&row, c->ctx, err);
}

static const char sql_calls[] =
    "SELECT id, kind, person_id, period, day, week, commit_amount, best_case, note, actor_id "
    "FROM forecast_calls WHERE period = ?1 ORDER BY person_id, day, id";

enum at_status forecast_store_calls(struct db *db, const char *period, forecast_call_fn fn,
                                    void *ctx, struct at_err *err)
{
    struct call_ctx c = {fn, ctx};
    struct store_val v[1] = {store_txt(period)};
    return store_exec(db, sql_calls, v, 1, read_call, &c, NULL, err);
}

static enum at_status read_id(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    *(int64_t *)ctx = r->i[0];
    return AT_OK;
}

static const char sql_card_find[] =
    "SELECT id FROM scorecards WHERE scope_kind = ?1 AND scope_id = ?2 AND period = ?3";
static const char sql_card_add[] =
    "INSERT INTO scorecards (scope_kind, scope_id, period, actor, created) "
    "VALUES (?1, ?2, ?3, ?4, datetime('now'))";
static const char sql_card_goal_add[] =
    "INSERT INTO scorecard_goals (scorecard_id, position, goal_id, weight_bp) "
    "VALUES (?1, ?2, ?3, ?4)";

enum at_status scorecard_store_add(struct db *db, const char *scope_kind, int64_t scope_id,
                                   const char *period, const char *actor, const int64_t *goal_ids,
                                   const int32_t *weight_bp, size_t n, int64_t *id,
                                   struct at_err *err)
{
    int64_t old = 0;
    struct store_val k[3] = {store_txt(scope_kind), store_num(scope_id), store_txt(period)};
    enum at_status st = store_exec(db, sql_card_find, k, 3, read_id, &old, NULL, err);
    if (!st && old)
        return at_err_set(err, AT_CONFLICT, "that scope already has scorecard %lld for %s",
                          (long long)old, period);
    struct store_val v[4] = {store_txt(scope_kind), store_num(scope_id), store_txt(period),
                             store_txt(actor)};
    if (!st)
        st = store_exec(db, sql_card_add, v, 4, NULL, NULL, id, err);
    for (size_t i = 0; i < n && !st; i++) {
        struct store_val g[4] = {store_num(*id), store_num((int64_t)i + 1), store_num(goal_ids[i]),
                                 store_num(weight_bp[i])};
        st = store_exec(db, sql_card_goal_add, g, 4, NULL, NULL, NULL, err);
    }
    return st;
}

struct card_ctx {
    scorecard_goal_fn fn;
    void *ctx;
};

static enum at_status read_card_goal(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct card_ctx *c = ctx;
    struct scorecard_goal_row row = {.card_id = r->i[0],
                                     .scope_kind = r->s[1],
                                     .scope_id = r->i[2],
                                     .period = r->s[3],
                                     .goal_id = r->i[4],
                                     .weight_bp = (int32_t)r->i[5]};
    return c->fn(&row, c->ctx, err);
}

static const char sql_card_goals[] =
    "SELECT c.id, c.scope_kind, c.scope_id, c.period, g.goal_id, g.weight_bp "
    "FROM scorecards c JOIN scorecard_goals g ON g.scorecard_id = c.id "
    "ORDER BY c.id, g.position";

enum at_status scorecard_store_goals(struct db *db, scorecard_goal_fn fn, void *ctx,
                                     struct at_err *err)
{
    struct card_ctx c = {fn, ctx};
    return store_exec(db, sql_card_goals, NULL, 0, read_card_goal, &c, NULL, err);
}
