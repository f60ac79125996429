/* goal_store.c — the SQL of goals, objectives, action steps and history. */
#include "store/goal_store.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/calendar.h"
#include "store/db.h"

static const char *base_name(enum goal_base b)
{
    return b == GOAL_BASE_PREVIOUS ? "previous" : b == GOAL_BASE_LAST_YEAR ? "last-year" : NULL;
}

/* The 17 goal fields in the order of the INSERT and UPDATE statements. */
static size_t goal_params(const struct goal *g, struct store_val *v, char *period, char *start,
                          char *end)
{
    period_format(&g->period, period);
    cal_format(g->period.start, start);
    cal_format(g->period.end, end);
    size_t n = 0;
    v[n++] = store_ref(g->parent);
    v[n++] = store_ref(g->objective);
    v[n++] = store_txt(g->title);
    v[n++] = store_txt(metric_def(g->metric)->key);
    v[n++] = store_txt(g->scope);
    v[n++] = store_txt(period);
    v[n++] = store_txt(start);
    v[n++] = store_txt(end);
    v[n++] = store_num(g->target);
    v[n++] = store_txt(g->direction == GOAL_LOWER ? "lower" : "higher");
    v[n++] = store_txt(base_name(g->base));
    v[n++] = g->base ? store_num(g->growth_bp) : store_txt(NULL);
    v[n++] = g->base ? store_num(g->baseline) : store_txt(NULL);
    v[n++] = store_txt(g->filter);
    v[n++] = store_num(g->archived);
    v[n++] = store_txt(scope_kind_name(g->ref.kind));
    v[n++] = g->ref.kind == SCOPE_COMPANY ? store_txt(NULL) : store_num(g->ref.id);
    return n;
}

static const char sql_insert[] =
    "INSERT INTO goals (parent_id, objective_id, title, metric, scope, period, start_date, "
    "end_date, "
    "target, direction, base, growth_bp, baseline, filter, archived, cadence, origin, created, "
    "updated, scope_kind, scope_id, checkins_off) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15, CASE WHEN ?18 = 'none' THEN '' ELSE ?18 END, ?19, "
    "datetime('now'), datetime('now'), ?16, ?17, ?18 = 'none')";

enum at_status goal_store_insert(struct db *db, struct goal *g, const struct goal_meta *meta,
                                 struct at_err *err)
{
    struct store_val v[19];
    char period[PERIOD_TEXT_MAX], start[CAL_DATE_LEN], end[CAL_DATE_LEN];
    size_t n = goal_params(g, v, period, start, end);
    v[n++] = store_txt(meta ? meta->cadence : "");
    v[n++] = store_txt(meta ? meta->origin : "");
    return store_exec(db, sql_insert, v, n, NULL, NULL, &g->id, err);
}

static const char sql_update[] =
    "UPDATE goals SET parent_id = ?1, objective_id = ?2, title = ?3, metric = ?4, scope = ?5, "
    "period = ?6, start_date = ?7, end_date = ?8, target = ?9, direction = ?10, base = ?11, "
    "growth_bp = ?12, baseline = ?13, filter = ?14, archived = ?15, scope_kind = ?16, "
    "scope_id = ?17, cadence = CASE WHEN ?18 = 'none' THEN '' ELSE COALESCE(?18, cadence) END, "
    "checkins_off = CASE WHEN ?18 IS NULL THEN checkins_off ELSE ?18 = 'none' END, "
    "updated = datetime('now') WHERE id = ?19";

enum at_status goal_store_update(struct db *db, const struct goal *g, const struct goal_meta *meta,
                                 struct at_err *err)
{
    struct store_val v[19];
    char period[PERIOD_TEXT_MAX], start[CAL_DATE_LEN], end[CAL_DATE_LEN];
    size_t n = goal_params(g, v, period, start, end);
    v[n++] = store_txt(meta ? meta->cadence : NULL);
    v[n++] = store_num(g->id);
    enum at_status st = store_exec(db, sql_update, v, n, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld", (long long)g->id);
    return st;
}

#define GOAL_COLUMNS                                                                               \
    "id, parent_id, objective_id, title, metric, scope, period, target, direction, base, "         \
    "growth_bp, baseline, filter, archived, "                                                      \
    "CASE WHEN checkins_off = 1 THEN 'none' ELSE cadence END, origin, created, updated, "          \
    "scope_kind, "                                                                                 \
    "scope_id"

struct read_ctx {
    int fiscal;
    goal_fn fn;
    void *ctx;
    struct goal *one;
    struct goal_meta *one_meta;
    bool found;
};

static enum at_status read_goal(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct read_ctx *c = ctx;
    struct goal g;
    struct goal_meta m;
    memset(&g, 0, sizeof g);
    memset(&m, 0, sizeof m);
    g.id = r->i[0];
    g.parent = r->null[1] ? 0 : r->i[1];
    g.objective = r->null[2] ? 0 : r->i[2];
    utf8_snprintf(g.title, sizeof g.title, "%s", r->s[3] ? r->s[3] : "");
    if (metric_parse(r->s[4], &g.metric, err))
        return at_err_prefix(err, "goal %lld: ", (long long)g.id);
    snprintf(g.scope, sizeof g.scope, "%s", r->s[5]);
    if (period_parse(r->s[6], 0, c->fiscal, &g.period, err))
        return at_err_prefix(err, "goal %lld: ", (long long)g.id);
    g.target = r->i[7];
    g.direction = r->s[8] && strcmp(r->s[8], "lower") == 0 ? GOAL_LOWER : GOAL_HIGHER;
    g.base = !r->s[9]                            ? GOAL_BASE_NONE
             : strcmp(r->s[9], "last-year") == 0 ? GOAL_BASE_LAST_YEAR
                                                 : GOAL_BASE_PREVIOUS;
    g.growth_bp = r->null[10] ? 0 : (int32_t)r->i[10];
    g.baseline = r->null[11] ? 0 : r->i[11];
    utf8_snprintf(g.filter, sizeof g.filter, "%s", r->s[12] ? r->s[12] : "");
    g.archived = r->i[13] != 0;
    snprintf(m.cadence, sizeof m.cadence, "%s", r->s[14] ? r->s[14] : "");
    snprintf(m.origin, sizeof m.origin, "%s", r->s[15] ? r->s[15] : "");
    snprintf(m.created, sizeof m.created, "%s", r->s[16] ? r->s[16] : "");
    snprintf(m.updated, sizeof m.updated, "%s", r->s[17] ? r->s[17] : "");
    if (!r->s[18] || !scope_kind_parse(r->s[18], strlen(r->s[18]), &g.ref.kind))
        g.ref.kind = SCOPE_COMPANY;
    g.ref.id = r->null[19] ? 0 : r->i[19]; /* 0: a scope the migration could not resolve */
    if (c->one) {
        *c->one = g;
        if (c->one_meta)
            *c->one_meta = m;
        c->found = true;
        return AT_OK;
    }
    return c->fn(&g, &m, c->ctx, err);
}

static const char sql_get[] = "SELECT " GOAL_COLUMNS " FROM goals WHERE id = ?1";

enum at_status goal_store_get(struct db *db, int64_t id, int fiscal_start_month, struct goal *g,
                              struct goal_meta *meta, struct at_err *err)
{
    struct read_ctx c = {.fiscal = fiscal_start_month, .one = g, .one_meta = meta};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_get, v, 1, read_goal, &c, NULL, err);
    if (!st && !c.found)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld (attain goal ls lists them)",
                        (long long)id);
    return st;
}

static const char sql_list[] =
    "SELECT " GOAL_COLUMNS " FROM goals WHERE archived = 0 OR ?1 = 1 ORDER BY id";

enum at_status goal_store_list(struct db *db, bool archived, int fiscal_start_month, goal_fn fn,
                               void *ctx, struct at_err *err)
{
    struct read_ctx c = {.fiscal = fiscal_start_month, .fn = fn, .ctx = ctx};
    struct store_val v[1] = {store_num(archived)};
    return store_exec(db, sql_list, v, 1, read_goal, &c, NULL, err);
}

static const char sql_history_add[] =
    "INSERT INTO goal_history (goal_id, at, field, old, new, reason, actor) "
    "VALUES (?1, datetime('now'), ?2, ?3, ?4, ?5, ?6)";

enum at_status goal_store_history_add(struct db *db, int64_t goal_id, const char *field,
                                      const char *old_value, const char *new_value,
                                      const char *reason, const char *actor, struct at_err *err)
{
    if (!reason || !*reason)
        return at_err_set(err, AT_INVALID, "goal %lld: a change of %s needs a reason",
                          (long long)goal_id, field);
    struct store_val v[6] = {store_num(goal_id),   store_txt(field),
                             store_txt(old_value), store_txt(new_value),
                             store_txt(reason),    store_txt(actor && *actor ? actor : "cli")};
    return store_exec(db, sql_history_add, v, 6, NULL, NULL, NULL, err);
}

struct history_ctx {
    history_fn fn;
    void *ctx;
};

static enum at_status read_history(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct history_ctx *c = ctx;
    return c->fn(r->s[0], r->s[1], r->s[2], r->s[3], r->s[4], r->s[5], c->ctx, err);
}

static const char sql_history[] =
    "SELECT at, field, old, new, reason, actor FROM goal_history WHERE goal_id = ?1 ORDER BY id";

enum at_status goal_store_history(struct db *db, int64_t goal_id, history_fn fn, void *ctx,
                                  struct at_err *err)
{
    struct history_ctx c = {fn, ctx};
    struct store_val v[1] = {store_num(goal_id)};
    return store_exec(db, sql_history, v, 1, read_history, &c, NULL, err);
}

struct citing_ctx {
    history_citing_fn fn;
    void *ctx;
};

static enum at_status read_citing(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct citing_ctx *c = ctx;
    return c->fn(r->i[0], r->s[1], r->s[2], r->s[3], r->s[4], r->s[5], c->ctx, err);
}

static const char sql_history_citing[] =
    "SELECT goal_id, at, field, old, new, reason FROM goal_history WHERE instr(reason, ?1) > 0 "
    "ORDER BY id";

enum at_status goal_store_history_citing(struct db *db, const char *tag, history_citing_fn fn,
                                         void *ctx, struct at_err *err)
{
    struct citing_ctx c = {fn, ctx};
    struct store_val v[1] = {store_txt(tag)};
    return store_exec(db, sql_history_citing, v, 1, read_citing, &c, NULL, err);
}

struct text_ctx {
    char *out;
    size_t size;
    bool found, fits;
    int32_t through;
    int64_t actual;
};

static enum at_status read_sentence(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct text_ctx *c = ctx;
    const char *s = r->s[0] ? r->s[0] : "";
    c->found = true;
    c->fits = strlen(s) < c->size;
    if (c->fits)
        memcpy(c->out, s, strlen(s) + 1);
    return AT_OK;
}

static const char sql_sentence_get[] = "SELECT sentence FROM goals WHERE id = ?1";

enum at_status goal_store_sentence_get(struct db *db, int64_t id, char *out, size_t size,
                                       struct at_err *err)
{
    struct text_ctx c = {.out = out, .size = size};
    struct store_val v[1] = {store_num(id)};
    out[0] = '\0';
    enum at_status st = store_exec(db, sql_sentence_get, v, 1, read_sentence, &c, NULL, err);
    if (!st && !c.found)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld", (long long)id);
    if (!st && !c.fits)
        st = at_err_set(err, AT_INVALID, "goal %lld: its sentence is longer than %zu bytes",
                        (long long)id, size - 1);
    return st;
}

static const char sql_sentence_set[] = "UPDATE goals SET sentence = ?1 WHERE id = ?2";

enum at_status goal_store_sentence_set(struct db *db, int64_t id, const char *sentence,
                                       struct at_err *err)
{
    struct store_val v[2] = {store_txt(sentence ? sentence : ""), store_num(id)};
    enum at_status st = store_exec(db, sql_sentence_set, v, 2, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld", (long long)id);
    return st;
}

static enum at_status read_rebalanced(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct text_ctx *c = ctx;
    c->found = true;
    if (r->null[0] || r->null[1])
        return AT_OK;
    if (!cal_parse_iso(r->s[0], &c->through))
        return at_err_set(err, AT_DB, "goals.rebalanced_through \"%s\" is not a date", r->s[0]);
    c->fits = true;
    c->actual = r->i[1];
    return AT_OK;
}

static const char sql_rebalanced_get[] =
    "SELECT rebalanced_through, rebalanced_actual FROM goals WHERE id = ?1";

enum at_status goal_store_rebalanced_get(struct db *db, int64_t id, bool *has, int32_t *through,
                                         int64_t *actual, struct at_err *err)
{
    struct text_ctx c = {0};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_rebalanced_get, v, 1, read_rebalanced, &c, NULL, err);
    if (!st && !c.found)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld", (long long)id);
    *has = !st && c.fits;
    *through = c.through;
    *actual = c.actual;
    return st;
}

static const char sql_rebalanced_set[] =
    "UPDATE goals SET rebalanced_through = ?1, rebalanced_actual = ?2 WHERE id = ?3";

enum at_status goal_store_rebalanced_set(struct db *db, int64_t id, bool has, int32_t through,
                                         int64_t actual, struct at_err *err)
{
    char day[CAL_DATE_LEN];
    cal_format(through, day);
    struct store_val v[3] = {store_txt(has ? day : NULL),
                             has ? store_num(actual) : (struct store_val){.type = SV_NULL},
                             store_num(id)};
    enum at_status st = store_exec(db, sql_rebalanced_set, v, 3, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_NOT_FOUND, "no goal %lld", (long long)id);
    return st;
}

static const char sql_objective_insert[] =
    "INSERT INTO objectives (title, description, created) VALUES (?1, ?2, datetime('now'))";

enum at_status objective_store_insert(struct db *db, struct objective *o, struct at_err *err)
{
    struct store_val v[2] = {store_txt(o->title), store_txt(o->description)};
    return store_exec(db, sql_objective_insert, v, 2, NULL, NULL, &o->id, err);
}

struct objective_ctx {
    objective_fn fn;
    void *ctx;
    struct objective *one;
};

static enum at_status read_objective(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct objective_ctx *c = ctx;
    struct objective o = {.id = r->i[0]};
    utf8_snprintf(o.title, sizeof o.title, "%s", r->s[1] ? r->s[1] : "");
    utf8_snprintf(o.description, sizeof o.description, "%s", r->s[2] ? r->s[2] : "");
    if (c->one) {
        *c->one = o;
        return AT_OK;
    }
    return c->fn(&o, c->ctx, err);
}

static const char sql_objectives[] =
    "SELECT id, title, description FROM objectives WHERE archived = 0 ORDER BY id";

enum at_status objective_store_list(struct db *db, objective_fn fn, void *ctx, struct at_err *err)
{
    struct objective_ctx c = {fn, ctx, NULL};
    return store_exec(db, sql_objectives, NULL, 0, read_objective, &c, NULL, err);
}

static const char sql_objective_get[] =
    "SELECT id, title, description FROM objectives WHERE id = ?1";

enum at_status objective_store_get(struct db *db, int64_t id, struct objective *o,
                                   struct at_err *err)
{
    o->id = 0;
    struct objective_ctx c = {NULL, NULL, o};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_objective_get, v, 1, read_objective, &c, NULL, err);
    if (!st && o->id == 0)
        st = at_err_set(err, AT_NOT_FOUND, "no objective %lld (attain objective ls lists them)",
                        (long long)id);
    return st;
}

static const char sql_action_insert[] =
    "INSERT INTO action_steps (goal_id, what, owner, due, done, driver, owner_id, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))";

enum at_status action_store_insert(struct db *db, struct action_step *a, struct at_err *err)
{
    struct store_val v[7] = {store_num(a->goal_id), store_txt(a->what),
                             store_txt(a->owner),   store_txt(a->due[0] ? a->due : NULL),
                             store_num(a->done),    store_txt(a->driver),
                             store_ref(a->owner_id)};
    return store_exec(db, sql_action_insert, v, 7, NULL, NULL, &a->id, err);
}

struct action_ctx {
    action_fn fn;
    void *ctx;
};

static enum at_status read_action(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct action_ctx *c = ctx;
    struct action_step a = {.id = r->i[0], .goal_id = r->i[1], .done = r->i[5] != 0};
    utf8_snprintf(a.what, sizeof a.what, "%s", r->s[2] ? r->s[2] : "");
    utf8_snprintf(a.owner, sizeof a.owner, "%s", r->s[3] ? r->s[3] : "");
    snprintf(a.due, sizeof a.due, "%s", r->s[4] ? r->s[4] : "");
    utf8_snprintf(a.driver, sizeof a.driver, "%s", r->s[6] ? r->s[6] : "");
    a.owner_id = r->null[7] ? 0 : r->i[7];
    return c->fn(&a, c->ctx, err);
}

static const char sql_actions[] =
    "SELECT id, goal_id, what, owner, due, done, driver, owner_id FROM action_steps "
    "WHERE goal_id = ?1 OR ?1 = 0 ORDER BY goal_id, id";

enum at_status action_store_list(struct db *db, int64_t goal_id, action_fn fn, void *ctx,
                                 struct at_err *err)
{
    struct action_ctx c = {fn, ctx};
    struct store_val v[1] = {store_num(goal_id)};
    return store_exec(db, sql_actions, v, 1, read_action, &c, NULL, err);
}

static const char sql_action_done[] = "UPDATE action_steps SET done = ?1 WHERE id = ?2";

enum at_status action_store_set_done(struct db *db, int64_t id, bool done, struct at_err *err)
{
    struct store_val v[2] = {store_num(done), store_num(id)};
    enum at_status st = store_exec(db, sql_action_done, v, 2, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0)
        st = at_err_set(err, AT_NOT_FOUND, "no action step %lld", (long long)id);
    return st;
}
