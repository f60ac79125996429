/*
 * auth.c — users, sign-in, sessions and API tokens (see app/auth.h) over
 * store/user_store.h, with libsodium: argon2id password strings
 * (crypto_pwhash_str), 32 random bytes per token shown as base64url and kept
 * only as the hex of their BLAKE2b hash (crypto_generichash), looked up by it.
 */
#include "app/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/org.h"
#include "base/utf8.h"
#include "store/db.h"
#include "store/user_store.h"

#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

static unsigned long long hash_ops;
static size_t hash_mem;

void auth_set_hash_limits(unsigned long long opslimit, size_t memlimit)
{
    hash_ops = opslimit;
    hash_mem = memlimit;
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_status = -1;

static void init_sodium(void)
{
    sodium_status = sodium_init() < 0 ? -1 : 0;
}

static enum at_status crypto_ready(struct at_err *err)
{
    pthread_once(&sodium_once, init_sodium);
    if (sodium_status < 0)
        return at_err_set(err, AT_INTERNAL, "libsodium could not start (sodium_init)");
    return AT_OK;
}

static enum at_status hash_password(const char *password, char out[USER_HASH_MAX],
                                    struct at_err *err)
{
    unsigned long long ops = hash_ops ? hash_ops : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = hash_mem ? hash_mem : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char tmp[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(tmp, password, strlen(password), ops, mem) != 0)
        return at_err_set(err, AT_INTERNAL, "cannot hash the password (out of memory)");
    snprintf(out, USER_HASH_MAX, "%s", tmp);
    sodium_memzero(tmp, sizeof tmp);
    return AT_OK;
}

/* A hash to verify against when the login is unknown, so that an unknown
 * login spends the same time as a wrong password. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[USER_HASH_MAX];

static void make_dummy(void)
{
    unsigned char pw[24];
    randombytes_buf(pw, sizeof pw);
    char text[64];
    sodium_bin2base64(text, sizeof text, pw, sizeof pw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    struct at_err err = {0};
    if (hash_password(text, dummy_hash, &err))
        dummy_hash[0] = '\0';
}

static bool verify_password(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* A new token: 32 random bytes as 43 characters of base64url. */
static void new_token(char token[AUTH_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, AUTH_TOKEN_LEN, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* Is TOKEN shaped like one of ours (43 characters of base64url)? */
static bool token_shaped(const char *token)
{
    if (!token || strlen(token) != AUTH_TOKEN_LEN - 1)
        return false;
    for (const char *c = token; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_'))
            return false;
    return true;
}

/* The hex of TOKEN's BLAKE2b-256 hash: what the store keeps. */
static void token_hash(const char *token, char out[TOKEN_HASH_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, TOKEN_HASH_HEX, h, sizeof h);
}

static void iso_time(int64_t t, char out[32])
{
    out[0] = '\0';
    if (t <= 0)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm))
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static enum at_status check_login(const char *login, struct at_err *err)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n > 63)
        return at_err_set(err, AT_INVALID,
                          "login \"%s\": give 1-63 characters of A-Z a-z 0-9 . _ @ -",
                          login ? login : "");
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '@' || c == '-'))
            return at_err_set(err, AT_INVALID,
                              "login \"%s\": character %zu is not one of A-Z a-z 0-9 . _ @ -",
                              login, i + 1);
    }
    return AT_OK;
}

static enum at_status check_password(const char *password, struct at_err *err)
{
    size_t n = password ? strlen(password) : 0;
    if (n < PASSWORD_MIN)
        return at_err_set(err, AT_INVALID, "password: give at least %d bytes (it has %zu)",
                          PASSWORD_MIN, n);
    if (n > PASSWORD_MAX)
        return at_err_set(err, AT_INVALID, "password: at most %d bytes (it has %zu)", PASSWORD_MAX,
                          n);
    if (!utf8_valid(password, n))
        return at_err_set(err, AT_INVALID, "password: not valid UTF-8");
    return AT_OK;
}

/* The person PERSON names (NULL or "" = none) into *ID. */
static enum at_status find_person(struct app *app, const char *person, int64_t *id,
                                  struct at_err *err)
{
    *id = 0;
    if (!person || !*person)
        return AT_OK;
    const struct org *o;
    enum at_status st = app_org(app, &o, err);
    /* the scope spelling other commands take ("person:张伟") names one too */
    const char *name = strncmp(person, "person:", 7) == 0 ? person + 7 : person;
    if (!st)
        st = org_find_person(o, name, id, err);
    if (st)
        at_err_prefix(err, "--person %s: ", person);
    return st;
}

static void fill_info(struct app *app, const struct user_row *r, struct user_info *u)
{
    memset(u, 0, sizeof *u);
    u->id = r->id;
    snprintf(u->login, sizeof u->login, "%s", r->login);
    if (!role_parse(r->role, &u->role))
        u->role = ROLE_NONE;
    u->person_id = r->person_id;
    const struct org *o;
    struct at_err err = {0};
    if (r->person_id && !app_org(app, &o, &err) &&
        !org_person_label(o, r->person_id, u->person, sizeof u->person))
        snprintf(u->person, sizeof u->person, "#%lld", (long long)r->person_id);
    snprintf(u->lang, sizeof u->lang, "%s", r->lang);
    u->disabled = r->disabled;
    iso_time(r->created_at, u->created_at);
    iso_time(r->last_sign_in, u->last_sign_in);
}

static void fill_principal(const struct user_row *r, struct principal *who)
{
    memset(who, 0, sizeof *who);
    who->user_id = r->id;
    snprintf(who->login, sizeof who->login, "%s", r->login);
    if (!role_parse(r->role, &who->role))
        who->role = ROLE_NONE;
    who->person_id = r->person_id;
    snprintf(who->lang, sizeof who->lang, "%s", r->lang);
}

/* Run the store writes of FN in one transaction. */
static enum at_status finish(struct app *app, enum at_status st, struct at_err *err)
{
    if (!st)
        return db_commit(app->db, err);
    db_rollback(app->db);
    return st;
}

enum at_status auth_user_add(struct app *app, const char *login, enum role role, const char *person,
                             const char *password, int64_t *id, struct at_err *err)
{
    enum at_status st = crypto_ready(err);
    if (!st)
        st = check_login(login, err);
    if (st)
        return st;
    if (role == ROLE_NONE)
        return at_err_set(err, AT_INVALID, "user %s: give a role: admin, manager or rep", login);
    struct user_row u = {0};
    snprintf(u.login, sizeof u.login, "%s", login);
    snprintf(u.role, sizeof u.role, "%s", role_name(role));
    if ((st = find_person(app, person, &u.person_id, err)))
        return st;
    if (role != ROLE_ADMIN && !u.person_id)
        return at_err_set(err, AT_INVALID,
                          "user %s: a %s is somebody: give --person (a name, 工号 or e-mail)",
                          login, role_name(role));
    if ((st = check_password(password, err)))
        return st;
    struct user_row old;
    struct at_err tmp = {0};
    st = user_store_get(app->db, login, &old, &tmp);
    if (!st)
        return at_err_set(err, AT_CONFLICT, "user %s exists already", login);
    if (st != AT_NOT_FOUND)
        return at_err_set(err, tmp.status, "%s", tmp.msg);
    if ((st = hash_password(password, u.password_hash, err)))
        return st;
    u.created_at = app->req.now;
    if ((st = db_begin(app->db, err)))
        return st;
    st = user_store_insert(app->db, &u, err);
    if (!st && id)
        *id = u.id;
    return finish(app, st, err);
}

struct each_user {
    struct app *app;
    user_fn fn;
    void *ctx;
};

static enum at_status each_user(const struct user_row *r, void *ctx, struct at_err *err)
{
    struct each_user *c = ctx;
    struct user_info u;
    fill_info(c->app, r, &u);
    return c->fn(&u, c->ctx, err);
}

enum at_status auth_user_each(struct app *app, user_fn fn, void *ctx, struct at_err *err)
{
    struct each_user c = {app, fn, ctx};
    return user_store_list(app->db, each_user, &c, err);
}

enum at_status auth_user_get(struct app *app, const char *login, struct user_info *out,
                             struct at_err *err)
{
    struct user_row r;
    enum at_status st = user_store_get(app->db, login, &r, err);
    if (!st)
        fill_info(app, &r, out);
    return st;
}

enum at_status auth_user_principal(struct app *app, const char *login, struct principal *who,
                                   struct at_err *err)
{
    struct user_row r;
    enum at_status st = user_store_get(app->db, login, &r, err);
    if (!st)
        fill_principal(&r, who);
    return st;
}

enum at_status auth_user_disable(struct app *app, const char *login, bool disabled,
                                 struct at_err *err)
{
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    struct user_row r;
    st = user_store_get(app->db, login, &r, err);
    if (!st) {
        r.disabled = disabled;
        st = user_store_update(app->db, &r, err);
    }
    if (!st && disabled)
        st = session_store_delete_user(app->db, r.id, 0, err);
    return finish(app, st, err);
}

enum at_status auth_user_passwd(struct app *app, const char *login, const char *password,
                                struct at_err *err)
{
    enum at_status st = crypto_ready(err);
    if (!st)
        st = check_password(password, err);
    struct user_row r;
    if (!st)
        st = user_store_get(app->db, login, &r, err);
    if (!st)
        st = hash_password(password, r.password_hash, err);
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    st = user_store_update(app->db, &r, err);
    if (!st)
        st = session_store_delete_user(app->db, r.id, 0, err);
    return finish(app, st, err);
}

enum at_status auth_user_update(struct app *app, const char *login, const enum role *role,
                                const char *person, const char *lang, struct at_err *err)
{
    struct user_row r;
    enum at_status st = user_store_get(app->db, login, &r, err);
    if (st)
        return st;
    if (role) {
        if (*role == ROLE_NONE)
            return at_err_set(err, AT_INVALID, "user %s: give a role: admin, manager or rep",
                              login);
        snprintf(r.role, sizeof r.role, "%s", role_name(*role));
    }
    if (person && (st = find_person(app, person, &r.person_id, err)))
        return st;
    if (lang) {
        if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0 && *lang)
            return at_err_set(err, AT_INVALID,
                              "user %s: language \"%s\": choose zh or en (or \"\" for the "
                              "browser's)",
                              login, lang);
        snprintf(r.lang, sizeof r.lang, "%s", lang);
    }
    enum role now_role = ROLE_NONE;
    role_parse(r.role, &now_role);
    if (now_role != ROLE_ADMIN && !r.person_id)
        return at_err_set(err, AT_INVALID,
                          "user %s: a %s is somebody: give --person (a name, 工号 or e-mail)",
                          login, r.role);
    if ((st = db_begin(app->db, err)))
        return st;
    st = user_store_update(app->db, &r, err);
    /* what a session may do follows the user's row at every request: no need
     * to end sessions for a role change */
    return finish(app, st, err);
}

/* ---- sign-in ------------------------------------------------------------- */

/* The seconds until KEY's failures fall below LIMIT, 0 when they are below. */
static enum at_status throttle_wait(struct app *app, const char *key, bool by_addr, int limit,
                                    int64_t *wait, struct at_err *err)
{
    int64_t now = app->req.now, n = 0, kth = 0;
    *wait = 0;
    enum at_status st = failure_store_count(app->db, key, by_addr, now - AUTH_FAIL_WINDOW + 1,
                                            limit, &n, &kth, err);
    if (!st && n >= limit && kth) {
        *wait = kth + AUTH_FAIL_WINDOW - now;
        if (*wait < 1)
            *wait = 1;
    }
    return st;
}

/* A new session of user R from ADDR, in the caller's transaction. */
static enum at_status open_session(struct app *app, const struct user_row *r, const char *addr,
                                   char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                                   struct at_err *err)
{
    char hash[TOKEN_HASH_HEX];
    new_token(token);
    new_token(csrf);
    token_hash(token, hash);
    int64_t now = app->req.now;
    enum at_status st = session_store_insert(app->db, hash, r->id, csrf, addr, now, err);
    if (!st)
        st = user_store_signed_in(app->db, r->id, now, err);
    if (!st)
        st = session_store_purge(app->db, now - AUTH_IDLE_SECONDS, now - AUTH_MAX_SECONDS, err);
    return st;
}

/* Check LOGIN's PASSWORD with throttling: AT_OK with the user in *R, or
 * AT_FORBIDDEN (a failure is recorded in its own transaction). */
static enum at_status check_sign_in(struct app *app, const char *login, const char *password,
                                    const char *addr, struct user_row *r, int64_t *wait,
                                    struct at_err *err)
{
    int64_t w_login = 0, w_addr = 0;
    if (!addr)
        addr = "";
    enum at_status st = crypto_ready(err);
    if (!st && (!login || !password))
        return at_err_set(err, AT_INVALID, "give a login and a password");
    if (!st)
        st = throttle_wait(app, login, false, AUTH_MAX_FAILS, &w_login, err);
    if (!st && *addr)
        st = throttle_wait(app, addr, true, AUTH_MAX_ADDR_FAILS, &w_addr, err);
    if (st)
        return st;
    int64_t w = w_login > w_addr ? w_login : w_addr;
    if (wait)
        *wait = w;
    if (w > 0)
        return at_err_set(err, AT_FORBIDDEN, "too many failed sign-ins; try again in %lld seconds",
                          (long long)w);
    struct at_err tmp = {0};
    bool found = false;
    st = user_store_get(app->db, login, r, &tmp);
    if (!st)
        found = true;
    else if (st != AT_NOT_FOUND)
        return at_err_set(err, tmp.status, "%s", tmp.msg);
    bool ok;
    if (found) {
        ok = verify_password(r->password_hash, password) && !r->disabled;
    } else {
        pthread_once(&dummy_once, make_dummy);
        (void)verify_password(dummy_hash, password);
        ok = false;
    }
    if (ok)
        return AT_OK;
    if (!(st = db_begin(app->db, err))) {
        st = failure_store_add(app->db, login, addr, app->req.now, err);
        st = finish(app, st, err);
    }
    if (st)
        return st;
    return at_err_set(err, AT_FORBIDDEN, "wrong login or password");
}

enum at_status auth_sign_in(struct app *app, const char *login, const char *password,
                            const char *addr, char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                            struct principal *who, int64_t *wait, struct at_err *err)
{
    if (wait)
        *wait = 0;
    struct user_row r;
    enum at_status st = check_sign_in(app, login, password, addr, &r, wait, err);
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    st = open_session(app, &r, addr ? addr : "", token, csrf, err);
    if (!st)
        st = failure_store_clear(app->db, login, app->req.now - AUTH_FAIL_WINDOW, err);
    if ((st = finish(app, st, err)))
        return st;
    fill_principal(&r, who);
    return AT_OK;
}

enum at_status auth_change_password(struct app *app, const char *login, const char *old_password,
                                    const char *new_password, const char *addr,
                                    char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                                    struct principal *who, struct at_err *err)
{
    enum at_status st = crypto_ready(err);
    if (!st)
        st = check_password(new_password, err);
    if (st)
        return st;
    struct user_row r;
    if ((st = check_sign_in(app, login, old_password, addr, &r, NULL, err))) {
        if (st == AT_FORBIDDEN && strstr(err->msg, "wrong login"))
            at_err_set(err, AT_FORBIDDEN, "the current password is wrong");
        return st;
    }
    if ((st = hash_password(new_password, r.password_hash, err)))
        return st;
    if ((st = db_begin(app->db, err)))
        return st;
    st = user_store_update(app->db, &r, err);
    if (!st)
        st = session_store_delete_user(app->db, r.id, 0, err);
    if (!st)
        st = open_session(app, &r, addr ? addr : "", token, csrf, err);
    if ((st = finish(app, st, err)))
        return st;
    fill_principal(&r, who);
    return AT_OK;
}

enum at_status auth_session(struct app *app, const char *token, struct principal *who,
                            char csrf[AUTH_TOKEN_LEN], struct at_err *err)
{
    if (!token_shaped(token))
        return at_err_set(err, AT_NOT_FOUND, "not signed in");
    enum at_status st = crypto_ready(err);
    if (st)
        return st;
    char hash[TOKEN_HASH_HEX];
    token_hash(token, hash);
    struct session_row s;
    bool found;
    if ((st = session_store_get(app->db, hash, &s, &found, err)))
        return st;
    if (!found)
        return at_err_set(err, AT_NOT_FOUND, "not signed in");
    int64_t now = app->req.now;
    struct user_row r;
    struct at_err tmp = {0};
    bool expired = now - s.last_used > AUTH_IDLE_SECONDS || now - s.created_at > AUTH_MAX_SECONDS;
    bool gone = user_store_get_id(app->db, s.user_id, &r, &tmp) != AT_OK || r.disabled;
    if (expired || gone) {
        if (!db_read_only(app->db) && !(st = db_begin(app->db, err))) {
            st = session_store_delete(app->db, hash, err);
            st = finish(app, st, err);
        }
        if (st)
            return st;
        return at_err_set(err, AT_NOT_FOUND,
                          expired ? "the session expired; sign in again" : "not signed in");
    }
    if (now - s.last_used >= AUTH_TOUCH_SECONDS && !db_read_only(app->db)) {
        if (!(st = db_begin(app->db, err))) {
            st = session_store_touch(app->db, s.id, now, err);
            st = finish(app, st, err);
        }
        if (st)
            return st;
    }
    fill_principal(&r, who);
    if (csrf)
        snprintf(csrf, AUTH_TOKEN_LEN, "%.43s", s.csrf);
    return AT_OK;
}

enum at_status auth_sign_out(struct app *app, const char *token, struct at_err *err)
{
    if (!token_shaped(token))
        return AT_OK;
    enum at_status st = crypto_ready(err);
    if (st)
        return st;
    char hash[TOKEN_HASH_HEX];
    token_hash(token, hash);
    if ((st = db_begin(app->db, err)))
        return st;
    st = session_store_delete(app->db, hash, err);
    return finish(app, st, err);
}

/* ---- API tokens ---------------------------------------------------------- */

static void fill_token(struct app *app, const struct token_row *r, struct token_info *t)
{
    memset(t, 0, sizeof *t);
    t->id = r->id;
    snprintf(t->name, sizeof t->name, "%s", r->name);
    if (!role_parse(r->role, &t->role))
        t->role = ROLE_NONE;
    t->unit_id = r->unit_id;
    if (r->unit_id) {
        const struct org *o;
        struct at_err err = {0};
        struct scope_ref u = {SCOPE_UNIT, r->unit_id};
        char label[160];
        if (!app_org(app, &o, &err) && org_label(o, &u, label, sizeof label))
            snprintf(t->unit, sizeof t->unit, "%.*s", (int)sizeof t->unit - 1,
                     label + strlen("unit:"));
        else
            snprintf(t->unit, sizeof t->unit, "#%lld", (long long)r->unit_id);
    }
    iso_time(r->created_at, t->created_at);
    iso_time(r->last_used, t->last_used);
    t->revoked = r->revoked_at != 0;
    snprintf(t->scopes, sizeof t->scopes, "%s", r->scopes);
}

/* Does the comma-separated list SCOPES hold NAME? */
static bool has_scope(const char *scopes, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = scopes; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0)
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

enum at_status auth_token_add(struct app *app, const char *name, enum role role, const char *unit,
                              const char *scopes, char token[AUTH_TOKEN_LEN], int64_t *id,
                              struct at_err *err)
{
    enum at_status st = crypto_ready(err);
    if (st)
        return st;
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 63 || !utf8_valid(name, n))
        return at_err_set(err, AT_INVALID, "token name \"%s\": give 1-63 bytes of UTF-8",
                          name ? name : "");
    if (role == ROLE_NONE)
        return at_err_set(err, AT_INVALID, "token %s: give a role: admin, manager or rep", name);
    struct token_row t = {0};
    if (scopes && *scopes && strcmp(scopes, "ingest") != 0)
        return at_err_set(err, AT_INVALID,
                          "token %s: --scope %s: the one scope is ingest (POST /api/ingest/KIND)",
                          name, scopes);
    snprintf(t.scopes, sizeof t.scopes, "%s", scopes ? scopes : "");
    snprintf(t.name, sizeof t.name, "%s", name);
    snprintf(t.role, sizeof t.role, "%s", role_name(role));
    if (unit && *unit) {
        const struct org *o;
        char text[300];
        struct scope_ref s;
        /* "华东" or the scope spelling "unit:华东" */
        snprintf(text, sizeof text, "unit:%s", strncmp(unit, "unit:", 5) == 0 ? unit + 5 : unit);
        if ((st = app_org(app, &o, err)) || (st = org_resolve(o, text, &s, err)))
            return at_err_prefix(err, "--unit: ");
        t.unit_id = s.id;
    } else if (role != ROLE_ADMIN) {
        return at_err_set(err, AT_INVALID,
                          "token %s: a %s token acts for nobody in particular: give --unit U "
                          "(the unit it may see)",
                          name, role_name(role));
    }
    t.created_at = app->req.now;
    char hash[TOKEN_HASH_HEX];
    new_token(token);
    token_hash(token, hash);
    if ((st = db_begin(app->db, err)))
        return st;
    st = token_store_insert(app->db, &t, hash, err);
    if (!st && id)
        *id = t.id;
    return finish(app, st, err);
}

struct each_token {
    struct app *app;
    token_fn fn;
    void *ctx;
};

static enum at_status each_token(const struct token_row *r, void *ctx, struct at_err *err)
{
    struct each_token *c = ctx;
    struct token_info t;
    fill_token(c->app, r, &t);
    return c->fn(&t, c->ctx, err);
}

enum at_status auth_token_each(struct app *app, token_fn fn, void *ctx, struct at_err *err)
{
    struct each_token c = {app, fn, ctx};
    return token_store_list(app->db, each_token, &c, err);
}

enum at_status auth_token_revoke(struct app *app, int64_t id, struct at_err *err)
{
    struct token_row t;
    enum at_status st = token_store_get(app->db, id, &t, err);
    if (!st)
        st = db_begin(app->db, err);
    if (st)
        return st;
    st = token_store_revoke(app->db, id, app->req.now, err);
    return finish(app, st, err);
}

enum at_status auth_token_check(struct app *app, const char *token, struct principal *who,
                                struct at_err *err)
{
    if (!token_shaped(token))
        return at_err_set(err, AT_NOT_FOUND, "unknown API token");
    enum at_status st = crypto_ready(err);
    if (st)
        return st;
    char hash[TOKEN_HASH_HEX];
    token_hash(token, hash);
    struct token_row t;
    bool found;
    if ((st = token_store_find(app->db, hash, &t, &found, err)))
        return st;
    if (!found || t.revoked_at)
        return at_err_set(err, AT_NOT_FOUND,
                          found ? "the API token was revoked" : "unknown API token");
    int64_t now = app->req.now;
    if (now - t.last_used >= AUTH_TOUCH_SECONDS && !db_read_only(app->db)) {
        if (!(st = db_begin(app->db, err))) {
            st = token_store_touch(app->db, t.id, now, err);
            st = finish(app, st, err);
        }
        if (st)
            return st;
    }
    memset(who, 0, sizeof *who);
    who->token_id = t.id;
    snprintf(who->login, sizeof who->login, "%s", t.name);
    if (!role_parse(t.role, &who->role))
        who->role = ROLE_NONE;
    who->unit_id = t.unit_id;
    who->ingest = has_scope(t.scopes, "ingest");
    return AT_OK;
}
