/* alert_store.c — the SQL of channels, alerts, alert state and the outbox. */
#include "store/alert_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

/* ---- channels -------------------------------------------------------------- */

static const char sql_channel_insert[] =
    "INSERT INTO channels (scope_kind, scope_id, kind, url, secret, lang, mail_to, mail_from, "
    "created, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, datetime('now'), ?9)";

enum at_status channel_store_insert(struct db *db, struct channel *c, struct at_err *err)
{
    struct store_val v[] = {store_txt(scope_kind_name(c->ref.kind)),
                            c->ref.kind == SCOPE_COMPANY ? store_txt(NULL) : store_num(c->ref.id),
                            store_txt(c->kind),
                            store_txt(c->url),
                            store_txt(c->secret),
                            store_txt(c->lang),
                            store_txt(c->mail_to),
                            store_txt(c->mail_from),
                            store_txt(c->actor)};
    return store_exec(db, sql_channel_insert, v, sizeof v / sizeof v[0], NULL, NULL, &c->id, err);
}

#define CHANNEL_COLUMNS                                                                            \
    "id, scope_kind, scope_id, kind, url, secret, lang, mail_to, mail_from, created, actor, "      \
    "removed"

struct channel_read {
    channel_fn fn;
    void *ctx;
    struct channel *one;
    bool found;
};

static enum at_status read_channel(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct channel_read *c = ctx;
    struct channel ch;
    memset(&ch, 0, sizeof ch);
    ch.id = r->i[0];
    if (!r->s[1] || !scope_kind_parse(r->s[1], strlen(r->s[1]), &ch.ref.kind))
        ch.ref.kind = SCOPE_COMPANY;
    ch.ref.id = r->null[2] ? 0 : r->i[2];
    copy(ch.kind, sizeof ch.kind, r->s[3]);
    copy(ch.url, sizeof ch.url, r->s[4]);
    copy(ch.secret, sizeof ch.secret, r->s[5]);
    copy(ch.lang, sizeof ch.lang, r->s[6]);
    copy(ch.mail_to, sizeof ch.mail_to, r->s[7]);
    copy(ch.mail_from, sizeof ch.mail_from, r->s[8]);
    copy(ch.created, sizeof ch.created, r->s[9]);
    copy(ch.actor, sizeof ch.actor, r->s[10]);
    ch.removed = r->i[11] != 0;
    c->found = true;
    if (c->one) {
        *c->one = ch;
        return AT_OK;
    }
    return c->fn(&ch, c->ctx, err);
}

static const char sql_channel_get[] = "SELECT " CHANNEL_COLUMNS " FROM channels WHERE id = ?1";

enum at_status channel_store_get(struct db *db, int64_t id, struct channel *c, struct at_err *err)
{
    struct channel_read rc = {.one = c};
    struct store_val v = store_num(id);
    enum at_status st = store_exec(db, sql_channel_get, &v, 1, read_channel, &rc, NULL, err);
    if (!st && !rc.found)
        st = at_err_set(err, AT_NOT_FOUND, "no channel %lld", (long long)id);
    return st;
}

static const char sql_channel_list[] =
    "SELECT " CHANNEL_COLUMNS " FROM channels WHERE removed = 0 ORDER BY id";

enum at_status channel_store_list(struct db *db, channel_fn fn, void *ctx, struct at_err *err)
{
    struct channel_read rc = {.fn = fn, .ctx = ctx};
    return store_exec(db, sql_channel_list, NULL, 0, read_channel, &rc, NULL, err);
}

static const char sql_channel_remove[] =
    "UPDATE channels SET removed = 1 WHERE id = ?1 AND removed = 0";
static const char sql_channel_cancel[] =
    "UPDATE outbox SET state = 'cancelled' WHERE channel_id = ?1 AND state = 'pending'";

enum at_status channel_store_remove(struct db *db, int64_t id, struct at_err *err)
{
    struct store_val v = store_num(id);
    enum at_status st = store_exec(db, sql_channel_remove, &v, 1, NULL, NULL, NULL, err);
    if (st)
        return st;
    if (store_changes(db) == 0)
        return at_err_set(err, AT_NOT_FOUND, "no channel %lld", (long long)id);
    return store_exec(db, sql_channel_cancel, &v, 1, NULL, NULL, NULL, err);
}

/* ---- alerts and their state ---------------------------------------------- */

static const char sql_alert_add[] =
    "INSERT INTO alerts (goal_id, rule, period, detail, day, created_at, suppressed) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (goal_id, rule, period) DO NOTHING";

enum at_status alert_store_add(struct db *db, int64_t goal_id, const char *rule, const char *period,
                               const char *detail, const char *day, int64_t now, bool suppressed,
                               int64_t *id, bool *inserted, struct at_err *err)
{
    struct store_val v[] = {store_num(goal_id),   store_txt(rule), store_txt(period),
                            store_txt(detail),    store_txt(day),  store_num(now),
                            store_num(suppressed)};
    int64_t last = 0;
    enum at_status st = store_exec(db, sql_alert_add, v, 7, NULL, NULL, &last, err);
    *inserted = !st && store_changes(db) > 0;
    *id = *inserted ? last : 0;
    return st;
}

static enum at_status set_flag(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)r;
    (void)err;
    *(bool *)ctx = true;
    return AT_OK;
}

static const char sql_alert_exists[] =
    "SELECT 1 FROM alerts WHERE goal_id = ?1 AND rule = ?2 AND period = ?3";

enum at_status alert_store_exists(struct db *db, int64_t goal_id, const char *rule,
                                  const char *period, bool *exists, struct at_err *err)
{
    *exists = false;
    struct store_val v[] = {store_num(goal_id), store_txt(rule), store_txt(period)};
    return store_exec(db, sql_alert_exists, v, 3, set_flag, exists, NULL, err);
}

struct text_out {
    char *out;
    size_t size;
};

static enum at_status read_text(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct text_out *t = ctx;
    copy(t->out, t->size, r->s[0]);
    return AT_OK;
}

static const char sql_state_get[] = "SELECT status FROM alert_state WHERE goal_id = ?1";

enum at_status alert_state_get(struct db *db, int64_t goal_id, char *out, size_t size,
                               struct at_err *err)
{
    out[0] = '\0';
    struct text_out t = {out, size};
    struct store_val v = store_num(goal_id);
    return store_exec(db, sql_state_get, &v, 1, read_text, &t, NULL, err);
}

static const char sql_state_set[] =
    "INSERT INTO alert_state (goal_id, status, day) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (goal_id) DO UPDATE SET status = excluded.status, day = excluded.day";

enum at_status alert_state_set(struct db *db, int64_t goal_id, const char *status, const char *day,
                               struct at_err *err)
{
    struct store_val v[] = {store_num(goal_id), store_txt(status), store_txt(day)};
    return store_exec(db, sql_state_set, v, 3, NULL, NULL, NULL, err);
}

/* ---- outbox ---------------------------------------------------------------- */

static const char sql_outbox_add[] =
    "INSERT INTO outbox (alert_id, channel_id, what, subject, body, link, next_attempt_at, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";

enum at_status outbox_store_add(struct db *db, int64_t alert_id, int64_t channel_id,
                                const char *what, const char *subject, const char *body,
                                const char *link, int64_t now, int64_t *id, struct at_err *err)
{
    struct store_val v[] = {alert_id ? store_num(alert_id) : store_txt(NULL),
                            store_num(channel_id),
                            store_txt(what),
                            store_txt(subject),
                            store_txt(body),
                            store_txt(link),
                            store_num(now)};
    return store_exec(db, sql_outbox_add, v, 7, NULL, NULL, id, err);
}

#define OUTBOX_COLUMNS                                                                             \
    "o.id, o.alert_id, o.channel_id, o.what, o.subject, o.body, o.link, o.state, o.attempts, "     \
    "o.next_attempt_at, o.created_at, o.sent_at, o.last_error, a.goal_id, c.kind"
#define OUTBOX_FROM                                                                                \
    " FROM outbox o JOIN channels c ON c.id = o.channel_id LEFT JOIN alerts a ON a.id = "          \
    "o.alert_id"

struct outbox_read {
    outbox_fn fn;
    void *ctx;
};

static enum at_status read_outbox(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct outbox_read *c = ctx;
    struct outbox_row o = {
        .id = r->i[0],
        .alert_id = r->null[1] ? 0 : r->i[1],
        .channel_id = r->i[2],
        .what = r->s[3],
        .subject = r->s[4],
        .body = r->s[5],
        .link = r->s[6] ? r->s[6] : "",
        .state = r->s[7],
        .attempts = r->i[8],
        .next_attempt_at = r->i[9],
        .created_at = r->i[10],
        .sent_at = r->null[11] ? 0 : r->i[11],
        .last_error = r->s[12] ? r->s[12] : "",
        .goal_id = r->null[13] ? 0 : r->i[13],
        .channel_kind = r->s[14],
    };
    return c->fn(&o, c->ctx, err);
}

static const char sql_outbox_list[] =
    "SELECT " OUTBOX_COLUMNS OUTBOX_FROM " WHERE ?1 = 0 OR (o.state = 'pending' AND o.attempts > 0)"
    " ORDER BY o.id";

enum at_status outbox_store_list(struct db *db, bool failed, outbox_fn fn, void *ctx,
                                 struct at_err *err)
{
    struct outbox_read rc = {fn, ctx};
    struct store_val v = store_num(failed);
    return store_exec(db, sql_outbox_list, &v, 1, read_outbox, &rc, NULL, err);
}

struct ids {
    int64_t *v;
    size_t n, cap;
};

static enum at_status collect_id(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct ids *ids = ctx;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? 2 * ids->cap : 16;
        ids->v = realloc(ids->v, ids->cap * sizeof *ids->v);
        if (!ids->v)
            abort();
    }
    ids->v[ids->n++] = r->i[0];
    return AT_OK;
}

static const char sql_outbox_due[] =
    "SELECT id FROM outbox WHERE state = 'pending' AND (?2 = 1 OR next_attempt_at <= ?1) "
    "ORDER BY id";
static const char sql_outbox_one[] = "SELECT " OUTBOX_COLUMNS OUTBOX_FROM " WHERE o.id = ?1";

enum at_status outbox_store_due(struct db *db, int64_t now, bool all, outbox_fn fn, void *ctx,
                                struct at_err *err)
{
    struct ids ids = {0};
    struct store_val v[] = {store_num(now), store_num(all)};
    enum at_status st = store_exec(db, sql_outbox_due, v, 2, collect_id, &ids, NULL, err);
    struct outbox_read rc = {fn, ctx};
    for (size_t i = 0; !st && i < ids.n; i++) {
        struct store_val id = store_num(ids.v[i]);
        st = store_exec(db, sql_outbox_one, &id, 1, read_outbox, &rc, NULL, err);
    }
    free(ids.v);
    return st;
}

static const char sql_outbox_claim[] =
    "UPDATE outbox SET next_attempt_at = ?3 WHERE id = ?1 AND state = 'pending' "
    "AND next_attempt_at = ?2";

enum at_status outbox_store_claim(struct db *db, int64_t id, int64_t seen, int64_t lease_until,
                                  bool *claimed, struct at_err *err)
{
    struct store_val v[] = {store_num(id), store_num(seen), store_num(lease_until)};
    enum at_status st = store_exec(db, sql_outbox_claim, v, 3, NULL, NULL, NULL, err);
    *claimed = !st && store_changes(db) == 1;
    return st;
}

static const char sql_outbox_sent[] =
    "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?2, last_error = '' "
    "WHERE id = ?1";

enum at_status outbox_store_sent(struct db *db, int64_t id, int64_t now, struct at_err *err)
{
    struct store_val v[] = {store_num(id), store_num(now)};
    return store_exec(db, sql_outbox_sent, v, 2, NULL, NULL, NULL, err);
}

static const char sql_outbox_failed[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 "
    "WHERE id = ?1";

enum at_status outbox_store_failed(struct db *db, int64_t id, const char *error, int64_t next_at,
                                   struct at_err *err)
{
    struct store_val v[] = {store_num(id), store_txt(error), store_num(next_at)};
    return store_exec(db, sql_outbox_failed, v, 3, NULL, NULL, NULL, err);
}
