/* checkin_store.c — the SQL of check-ins and review decisions (see checkin_store.h). */
#include "store/checkin_store.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/calendar.h"
#include "store/db.h"

static struct store_val fig(const struct typed_value *v)
{
    return v->defined ? store_num(v->v) : (struct store_val){.type = SV_NULL};
}

/* Day number of stored text S (0 when NULL or not a date). */
static int32_t day_of(const char *s)
{
    int32_t d = 0;
    if (!s || !cal_parse_iso(s, &d))
        return 0;
    return d;
}

static const char sql_insert[] =
    "INSERT INTO checkins (goal_id, at, author_id, confidence, note, blockers, next_steps, kind, "
    "currency, actual, attainment, expected, pace, forecast, status, flags, created) VALUES (?1, "
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, datetime('now'))";

enum at_status checkin_store_insert(struct db *db, struct checkin *c, struct at_err *err)
{
    char at[CAL_DATE_LEN];
    cal_format(c->at, at);
    struct store_val v[16] = {
        store_num(c->goal_id),
        store_txt(at),
        store_num(c->author_id),
        c->confidence >= 0 ? store_num(c->confidence) : store_txt(NULL),
        store_txt(c->note),
        store_txt(c->blockers),
        store_txt(c->next),
        store_num(c->actual.kind),
        store_txt(c->actual.currency),
        fig(&c->actual),
        fig(&c->attainment),
        fig(&c->expected),
        fig(&c->pace),
        fig(&c->forecast),
        store_txt(c->status),
        store_txt(c->flags),
    };
    return store_exec(db, sql_insert, v, 16, NULL, NULL, &c->id, err);
}

#define CHECKIN_COLUMNS                                                                            \
    "id, goal_id, at, author_id, confidence, note, blockers, next_steps, kind, currency, actual, " \
    "attainment, expected, pace, forecast, status, flags, acked_by, acked_at, ack_comment"

struct read_ctx {
    checkin_fn fn;
    void *ctx;
    struct checkin *one;
    bool found;
};

static void read_fig(const struct store_row *r, int col, enum value_kind kind, const char *currency,
                     struct typed_value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->defined = !r->null[col];
    out->v = r->null[col] ? 0 : r->i[col];
    if (kind == VK_MONEY)
        snprintf(out->currency, sizeof out->currency, "%s", currency);
}

static enum at_status read_checkin(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct read_ctx *c = ctx;
    struct checkin k;
    memset(&k, 0, sizeof k);
    k.id = r->i[0];
    k.goal_id = r->i[1];
    k.at = day_of(r->s[2]);
    k.author_id = r->i[3];
    k.confidence = r->null[4] ? -1 : (int)r->i[4];
    utf8_snprintf(k.note, sizeof k.note, "%s", r->s[5] ? r->s[5] : "");
    utf8_snprintf(k.blockers, sizeof k.blockers, "%s", r->s[6] ? r->s[6] : "");
    utf8_snprintf(k.next, sizeof k.next, "%s", r->s[7] ? r->s[7] : "");
    enum value_kind kind = (enum value_kind)r->i[8];
    const char *cur = r->s[9] ? r->s[9] : "";
    read_fig(r, 10, kind, cur, &k.actual);
    read_fig(r, 11, VK_RATIO, cur, &k.attainment);
    read_fig(r, 12, kind, cur, &k.expected);
    read_fig(r, 13, VK_RATIO, cur, &k.pace);
    read_fig(r, 14, kind, cur, &k.forecast);
    snprintf(k.status, sizeof k.status, "%s", r->s[15] ? r->s[15] : "");
    snprintf(k.flags, sizeof k.flags, "%s", r->s[16] ? r->s[16] : "");
    k.acked_by = r->null[17] ? 0 : r->i[17];
    k.acked_at = day_of(r->s[18]);
    utf8_snprintf(k.ack_comment, sizeof k.ack_comment, "%s", r->s[19] ? r->s[19] : "");
    if (c->one) {
        *c->one = k;
        c->found = true;
        return AT_OK;
    }
    return c->fn(&k, c->ctx, err);
}

static const char sql_get[] = "SELECT " CHECKIN_COLUMNS " FROM checkins WHERE id = ?1";

enum at_status checkin_store_get(struct db *db, int64_t id, struct checkin *c, struct at_err *err)
{
    struct read_ctx rc = {.one = c};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_get, v, 1, read_checkin, &rc, NULL, err);
    if (!st && !rc.found)
        st = at_err_set(err, AT_NOT_FOUND, "no check-in %lld (attain checkin ls lists them)",
                        (long long)id);
    return st;
}

static const char sql_list[] = "SELECT " CHECKIN_COLUMNS " FROM checkins WHERE (?1 = 0 OR "
                               "goal_id = ?1) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR "
                               "at <= ?3) ORDER BY at, id";

enum at_status checkin_store_list(struct db *db, int64_t goal_id, int32_t from, int32_t to,
                                  checkin_fn fn, void *ctx, struct at_err *err)
{
    char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
    struct read_ctx rc = {.fn = fn, .ctx = ctx};
    struct store_val v[3] = {store_num(goal_id),
                             from ? store_txt(cal_format(from, a)) : store_txt(NULL),
                             to ? store_txt(cal_format(to, b)) : store_txt(NULL)};
    return store_exec(db, sql_list, v, 3, read_checkin, &rc, NULL, err);
}

struct one_int {
    bool found, null;
    int64_t i;
    const char *s;
    char text[CAL_DATE_LEN];
};

static enum at_status read_one(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct one_int *o = ctx;
    o->found = true;
    o->null = r->null[0];
    o->i = r->null[0] ? 0 : r->i[0];
    snprintf(o->text, sizeof o->text, "%s", r->s[0] ? r->s[0] : "");
    return AT_OK;
}

static const char sql_previous[] = "SELECT confidence FROM checkins WHERE goal_id = ?1 AND "
                                   "author_id = ?2 AND at <= ?3 ORDER BY at DESC, id DESC LIMIT 1";

enum at_status checkin_store_previous(struct db *db, int64_t goal_id, int64_t author_id, int32_t at,
                                      bool *found, int *confidence, struct at_err *err)
{
    char a[CAL_DATE_LEN];
    struct one_int o = {0};
    struct store_val v[3] = {store_num(goal_id), store_num(author_id),
                             store_txt(cal_format(at, a))};
    enum at_status st = store_exec(db, sql_previous, v, 3, read_one, &o, NULL, err);
    *found = o.found;
    *confidence = o.found && !o.null ? (int)o.i : -1;
    return st;
}

static const char sql_ack[] = "UPDATE checkins SET acked_by = ?2, acked_at = ?3, ack_comment = ?4 "
                              "WHERE id = ?1 AND acked_by IS NULL";

enum at_status checkin_store_ack(struct db *db, int64_t id, int64_t by, int32_t at,
                                 const char *comment, struct at_err *err)
{
    char a[CAL_DATE_LEN];
    struct store_val v[4] = {store_num(id), store_num(by), store_txt(cal_format(at, a)),
                             store_txt(comment ? comment : "")};
    enum at_status st = store_exec(db, sql_ack, v, 4, NULL, NULL, NULL, err);
    if (!st && store_changes(db) == 0) {
        struct checkin c;
        st = checkin_store_get(db, id, &c, err);
        if (!st)
            st = at_err_set(err, AT_CONFLICT, "check-in %lld is already acknowledged",
                            (long long)id);
    }
    return st;
}

/* ------------------------------------------------------------ decisions */

static struct store_val scope_id(const struct scope_ref *s)
{
    return s->kind == SCOPE_COMPANY ? store_txt(NULL) : store_num(s->id);
}

static const char sql_decision_insert[] =
    "INSERT INTO review_decisions (scope_kind, scope_id, meeting, goal_id, text, actor_id, "
    "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))";

enum at_status decision_store_insert(struct db *db, struct review_decision *d, struct at_err *err)
{
    char m[CAL_DATE_LEN];
    struct store_val v[6] = {store_txt(scope_kind_name(d->scope.kind)),
                             scope_id(&d->scope),
                             store_txt(cal_format(d->meeting, m)),
                             d->goal_id ? store_num(d->goal_id) : store_txt(NULL),
                             store_txt(d->text),
                             store_num(d->actor_id)};
    return store_exec(db, sql_decision_insert, v, 6, NULL, NULL, &d->id, err);
}

struct decision_ctx {
    decision_fn fn;
    void *ctx;
};

static enum at_status read_decision(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct decision_ctx *c = ctx;
    struct review_decision d;
    memset(&d, 0, sizeof d);
    d.id = r->i[0];
    if (!r->s[1] || !scope_kind_parse(r->s[1], strlen(r->s[1]), &d.scope.kind))
        d.scope.kind = SCOPE_COMPANY;
    d.scope.id = r->null[2] ? 0 : r->i[2];
    d.meeting = day_of(r->s[3]);
    d.goal_id = r->null[4] ? 0 : r->i[4];
    utf8_snprintf(d.text, sizeof d.text, "%s", r->s[5] ? r->s[5] : "");
    d.actor_id = r->i[6];
    return c->fn(&d, c->ctx, err);
}

static const char sql_decision_list[] =
    "SELECT id, scope_kind, scope_id, meeting, goal_id, text, actor_id FROM review_decisions "
    "WHERE scope_kind = ?1 AND (scope_id = ?2 OR (scope_id IS NULL AND ?2 IS NULL)) AND "
    "meeting >= ?3 AND meeting <= ?4 ORDER BY meeting, id";

enum at_status decision_store_list(struct db *db, const struct scope_ref *scope, int32_t from,
                                   int32_t to, decision_fn fn, void *ctx, struct at_err *err)
{
    char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
    struct decision_ctx c = {fn, ctx};
    struct store_val v[4] = {store_txt(scope_kind_name(scope->kind)), scope_id(scope),
                             store_txt(cal_format(from, a)), store_txt(cal_format(to, b))};
    return store_exec(db, sql_decision_list, v, 4, read_decision, &c, NULL, err);
}

static const char sql_decision_get[] =
    "SELECT id, scope_kind, scope_id, meeting, goal_id, text, actor_id FROM review_decisions "
    "WHERE id = ?1";

static enum at_status keep_one_decision(const struct review_decision *d, void *ctx,
                                        struct at_err *err)
{
    (void)err;
    struct review_decision *out = ctx;
    *out = *d;
    return AT_OK;
}

enum at_status decision_store_get(struct db *db, int64_t id, struct review_decision *out,
                                  struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct decision_ctx c = {keep_one_decision, out};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_decision_get, v, 1, read_decision, &c, NULL, err);
    if (!st && out->id != id)
        return at_err_set(err, AT_NOT_FOUND, "no decision %lld (attain review lists them)",
                          (long long)id);
    return st;
}

static const char sql_last_meeting[] =
    "SELECT MAX(meeting) FROM review_decisions WHERE scope_kind = ?1 AND (scope_id = ?2 OR "
    "(scope_id IS NULL AND ?2 IS NULL)) AND meeting < ?3";

enum at_status decision_store_last_meeting(struct db *db, const struct scope_ref *scope,
                                           int32_t before, bool *found, int32_t *day,
                                           struct at_err *err)
{
    char a[CAL_DATE_LEN];
    struct one_int o = {0};
    struct store_val v[3] = {store_txt(scope_kind_name(scope->kind)), scope_id(scope),
                             store_txt(cal_format(before, a))};
    enum at_status st = store_exec(db, sql_last_meeting, v, 3, read_one, &o, NULL, err);
    *found = !st && o.found && o.text[0];
    *day = *found ? day_of(o.text) : 0;
    return st;
}
