/* user_store.c — the SQL of users, sessions, API tokens and failed sign-ins
 * (see user_store.h). */
#include "store/user_store.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"

static void copy(char *out, size_t size, const char *s)
{
    snprintf(out, size, "%s", s ? s : "");
}

#define USER_COLUMNS                                                                               \
    "id, login, role, person_id, password_hash, lang, disabled, created_at, last_sign_in"

struct one_user {
    user_row_fn fn;
    void *ctx;
    struct user_row *out;
    bool found;
};

static enum at_status read_user(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct one_user *c = ctx;
    struct user_row u = {0};
    u.id = r->i[0];
    copy(u.login, sizeof u.login, r->s[1]);
    copy(u.role, sizeof u.role, r->s[2]);
    u.person_id = r->null[3] ? 0 : r->i[3];
    copy(u.password_hash, sizeof u.password_hash, r->s[4]);
    copy(u.lang, sizeof u.lang, r->s[5]);
    u.disabled = r->i[6] != 0;
    u.created_at = r->i[7];
    u.last_sign_in = r->null[8] ? 0 : r->i[8];
    c->found = true;
    if (c->out) {
        *c->out = u;
        return AT_OK;
    }
    return c->fn(&u, c->ctx, err);
}

static const char sql_user_insert[] =
    "INSERT INTO users (login, role, person_id, password_hash, lang, disabled, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

enum at_status user_store_insert(struct db *db, struct user_row *u, struct at_err *err)
{
    struct store_val v[7] = {store_txt(u->login),     store_txt(u->role),
                             store_ref(u->person_id), store_txt(u->password_hash),
                             store_txt(u->lang),      store_num(u->disabled ? 1 : 0),
                             store_num(u->created_at)};
    return store_exec(db, sql_user_insert, v, 7, NULL, NULL, &u->id, err);
}

static const char sql_user_get[] = "SELECT " USER_COLUMNS " FROM users WHERE login = ?1";

enum at_status user_store_get(struct db *db, const char *login, struct user_row *out,
                              struct at_err *err)
{
    struct one_user c = {.out = out};
    struct store_val v[1] = {store_txt(login)};
    enum at_status st = store_exec(db, sql_user_get, v, 1, read_user, &c, NULL, err);
    if (!st && !c.found)
        return at_err_set(err, AT_NOT_FOUND, "no user \"%s\" (attain user ls lists them)", login);
    return st;
}

static const char sql_user_get_id[] = "SELECT " USER_COLUMNS " FROM users WHERE id = ?1";

enum at_status user_store_get_id(struct db *db, int64_t id, struct user_row *out,
                                 struct at_err *err)
{
    struct one_user c = {.out = out};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_user_get_id, v, 1, read_user, &c, NULL, err);
    if (!st && !c.found)
        return at_err_set(err, AT_NOT_FOUND, "no user #%lld", (long long)id);
    return st;
}

static const char sql_user_list[] = "SELECT " USER_COLUMNS " FROM users ORDER BY login";

enum at_status user_store_list(struct db *db, user_row_fn fn, void *ctx, struct at_err *err)
{
    struct one_user c = {.fn = fn, .ctx = ctx};
    return store_exec(db, sql_user_list, NULL, 0, read_user, &c, NULL, err);
}

static const char sql_user_update[] =
    "UPDATE users SET role = ?2, person_id = ?3, password_hash = ?4, lang = ?5, disabled = ?6 "
    "WHERE id = ?1";

enum at_status user_store_update(struct db *db, const struct user_row *u, struct at_err *err)
{
    struct store_val v[6] = {store_num(u->id),        store_txt(u->role),
                             store_ref(u->person_id), store_txt(u->password_hash),
                             store_txt(u->lang),      store_num(u->disabled ? 1 : 0)};
    return store_exec(db, sql_user_update, v, 6, NULL, NULL, NULL, err);
}

static const char sql_user_signed_in[] = "UPDATE users SET last_sign_in = ?2 WHERE id = ?1";

enum at_status user_store_signed_in(struct db *db, int64_t id, int64_t at, struct at_err *err)
{
    struct store_val v[2] = {store_num(id), store_num(at)};
    return store_exec(db, sql_user_signed_in, v, 2, NULL, NULL, NULL, err);
}

/* ---- sessions ------------------------------------------------------------ */

static const char sql_session_insert[] =
    "INSERT INTO sessions (token_hash, user_id, csrf, addr, created_at, last_used) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5)";

enum at_status session_store_insert(struct db *db, const char *token_hash, int64_t user_id,
                                    const char *csrf, const char *addr, int64_t now,
                                    struct at_err *err)
{
    struct store_val v[5] = {store_txt(token_hash), store_num(user_id), store_txt(csrf),
                             store_txt(addr ? addr : ""), store_num(now)};
    return store_exec(db, sql_session_insert, v, 5, NULL, NULL, NULL, err);
}

struct one_session {
    struct session_row *out;
    bool found;
};

static enum at_status read_session(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct one_session *c = ctx;
    c->out->id = r->i[0];
    c->out->user_id = r->i[1];
    copy(c->out->csrf, sizeof c->out->csrf, r->s[2]);
    c->out->created_at = r->i[3];
    c->out->last_used = r->i[4];
    c->found = true;
    return AT_OK;
}

static const char sql_session_get[] =
    "SELECT id, user_id, csrf, created_at, last_used FROM sessions WHERE token_hash = ?1";

enum at_status session_store_get(struct db *db, const char *token_hash, struct session_row *out,
                                 bool *found, struct at_err *err)
{
    struct one_session c = {.out = out};
    struct store_val v[1] = {store_txt(token_hash)};
    enum at_status st = store_exec(db, sql_session_get, v, 1, read_session, &c, NULL, err);
    *found = c.found;
    return st;
}

static const char sql_session_touch[] = "UPDATE sessions SET last_used = ?2 WHERE id = ?1";

enum at_status session_store_touch(struct db *db, int64_t id, int64_t now, struct at_err *err)
{
    struct store_val v[2] = {store_num(id), store_num(now)};
    return store_exec(db, sql_session_touch, v, 2, NULL, NULL, NULL, err);
}

static const char sql_session_delete[] = "DELETE FROM sessions WHERE token_hash = ?1";

enum at_status session_store_delete(struct db *db, const char *token_hash, struct at_err *err)
{
    struct store_val v[1] = {store_txt(token_hash)};
    return store_exec(db, sql_session_delete, v, 1, NULL, NULL, NULL, err);
}

static const char sql_session_delete_user[] =
    "DELETE FROM sessions WHERE user_id = ?1 AND id <> ?2";

enum at_status session_store_delete_user(struct db *db, int64_t user_id, int64_t except_id,
                                         struct at_err *err)
{
    struct store_val v[2] = {store_num(user_id), store_num(except_id)};
    return store_exec(db, sql_session_delete_user, v, 2, NULL, NULL, NULL, err);
}

static const char sql_session_purge[] =
    "DELETE FROM sessions WHERE last_used < ?1 OR created_at < ?2";

enum at_status session_store_purge(struct db *db, int64_t idle_before, int64_t made_before,
                                   struct at_err *err)
{
    struct store_val v[2] = {store_num(idle_before), store_num(made_before)};
    return store_exec(db, sql_session_purge, v, 2, NULL, NULL, NULL, err);
}

/* ---- API tokens ---------------------------------------------------------- */

#define TOKEN_COLUMNS "id, name, role, unit_id, created_at, last_used, revoked_at, scopes"

struct one_token {
    token_row_fn fn;
    void *ctx;
    struct token_row *out;
    bool found;
};

static enum at_status read_token(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct one_token *c = ctx;
    struct token_row t = {0};
    t.id = r->i[0];
    copy(t.name, sizeof t.name, r->s[1]);
    copy(t.role, sizeof t.role, r->s[2]);
    t.unit_id = r->null[3] ? 0 : r->i[3];
    t.created_at = r->i[4];
    t.last_used = r->null[5] ? 0 : r->i[5];
    t.revoked_at = r->null[6] ? 0 : r->i[6];
    copy(t.scopes, sizeof t.scopes, r->s[7]);
    c->found = true;
    if (c->out) {
        *c->out = t;
        return AT_OK;
    }
    return c->fn(&t, c->ctx, err);
}

static const char sql_token_insert[] =
    "INSERT INTO api_tokens (name, token_hash, role, unit_id, created_at, scopes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum at_status token_store_insert(struct db *db, struct token_row *t, const char *token_hash,
                                  struct at_err *err)
{
    struct store_val v[6] = {store_txt(t->name),    store_txt(token_hash),    store_txt(t->role),
                             store_ref(t->unit_id), store_num(t->created_at), store_txt(t->scopes)};
    return store_exec(db, sql_token_insert, v, 6, NULL, NULL, &t->id, err);
}

static const char sql_token_find[] =
    "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE token_hash = ?1";

enum at_status token_store_find(struct db *db, const char *token_hash, struct token_row *out,
                                bool *found, struct at_err *err)
{
    struct one_token c = {.out = out};
    struct store_val v[1] = {store_txt(token_hash)};
    enum at_status st = store_exec(db, sql_token_find, v, 1, read_token, &c, NULL, err);
    *found = c.found;
    return st;
}

static const char sql_token_get[] = "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE id = ?1";

enum at_status token_store_get(struct db *db, int64_t id, struct token_row *out, struct at_err *err)
{
    struct one_token c = {.out = out};
    struct store_val v[1] = {store_num(id)};
    enum at_status st = store_exec(db, sql_token_get, v, 1, read_token, &c, NULL, err);
    if (!st && !c.found)
        return at_err_set(err, AT_NOT_FOUND, "no API token %lld (attain token ls lists them)",
                          (long long)id);
    return st;
}

static const char sql_token_list[] = "SELECT " TOKEN_COLUMNS " FROM api_tokens ORDER BY id";

enum at_status token_store_list(struct db *db, token_row_fn fn, void *ctx, struct at_err *err)
{
    struct one_token c = {.fn = fn, .ctx = ctx};
    return store_exec(db, sql_token_list, NULL, 0, read_token, &c, NULL, err);
}

static const char sql_token_revoke[] =
    "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";

enum at_status token_store_revoke(struct db *db, int64_t id, int64_t at, struct at_err *err)
{
    struct store_val v[2] = {store_num(id), store_num(at)};
    return store_exec(db, sql_token_revoke, v, 2, NULL, NULL, NULL, err);
}

static const char sql_token_touch[] = "UPDATE api_tokens SET last_used = ?2 WHERE id = ?1";

enum at_status token_store_touch(struct db *db, int64_t id, int64_t at, struct at_err *err)
{
    struct store_val v[2] = {store_num(id), store_num(at)};
    return store_exec(db, sql_token_touch, v, 2, NULL, NULL, NULL, err);
}

/* ---- failed sign-ins ----------------------------------------------------- */

static const char sql_failure_add[] =
    "INSERT INTO sign_in_failures (login, addr, at) VALUES (?1, ?2, ?3)";

enum at_status failure_store_add(struct db *db, const char *login, const char *addr, int64_t at,
                                 struct at_err *err)
{
    struct store_val v[3] = {store_txt(login), store_txt(addr ? addr : ""), store_num(at)};
    return store_exec(db, sql_failure_add, v, 3, NULL, NULL, NULL, err);
}

struct count_ctx {
    int64_t n, kth;
};

static enum at_status read_count(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct count_ctx *c = ctx;
    c->n = r->i[0];
    c->kth = r->null[1] ? 0 : r->i[1];
    return AT_OK;
}

static const char sql_failure_login[] =
    "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE login = ?1 AND at >= ?2),"
    " (SELECT at FROM sign_in_failures WHERE login = ?1 AND at >= ?2"
    "  ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?3)";
static const char sql_failure_addr[] =
    "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE addr = ?1 AND at >= ?2),"
    " (SELECT at FROM sign_in_failures WHERE addr = ?1 AND at >= ?2"
    "  ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?3)";

enum at_status failure_store_count(struct db *db, const char *key, bool by_addr, int64_t since,
                                   int k, int64_t *n, int64_t *kth_at, struct at_err *err)
{
    struct count_ctx c = {0};
    struct store_val v[3] = {store_txt(key), store_num(since), store_num(k > 0 ? k - 1 : 0)};
    enum at_status st = store_exec(db, by_addr ? sql_failure_addr : sql_failure_login, v, 3,
                                   read_count, &c, NULL, err);
    *n = c.n;
    *kth_at = c.kth;
    return st;
}

static const char sql_failure_clear[] = "DELETE FROM sign_in_failures WHERE login = ?1 OR at < ?2";

enum at_status failure_store_clear(struct db *db, const char *login, int64_t before,
                                   struct at_err *err)
{
    struct store_val v[2] = {store_txt(login), store_num(before)};
    return store_exec(db, sql_failure_clear, v, 2, NULL, NULL, NULL, err);
}
