/*
 * api_session.c — the API routes of sign-in, the signed-in user, users and
 * API tokens (app/auth.h). A sign-in always makes a new session (a cookie
 * sent before is never taken over: no fixation) and ends the one the request
 * came with; the cookie is attain_session=TOKEN; HttpOnly; SameSite=Lax;
 * Path=/; Max-Age (and Secure behind https). Wrong login or password: 401
 * bad_credentials (the same for an unknown login and a disabled user); too
 * many failures: 403 throttled with Retry-After.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access.h"
#include "app/app.h"
#include "app/auth.h"
#include "app/org.h"
#include "base/str.h"
#include "domain/display.h"
#include "http/http.h"
#include "view/table.h"
#include "view/users.h"

static bool zh(const struct http_req *r)
{
    return r->lang && strcmp(r->lang, "zh") == 0;
}

/* The body's field KEY: a string (NULL when absent); false (answered 400)
 * when it is there but no string. */
static bool body_str(struct http_req *r, struct http_resp *w, const char *key, const char **out)
{
    *out = NULL;
    json_t *v = r->json && json_is_object(r->json) ? json_object_get(r->json, key) : NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v)) {
        http_error(w, 400, "bad_request", key, zh(r) ? "%s 应为字符串" : "%s: give a string", key);
        return false;
    }
    *out = json_string_value(v);
    return true;
}

/* The body must be a JSON object. */
static bool body_object(struct http_req *r, struct http_resp *w)
{
    if (r->json && json_is_object(r->json))
        return true;
    http_error(w, 400, "bad_request", NULL,
               zh(r) ? "请求体应为 JSON 对象" : "give a JSON object as the body");
    return false;
}

static bool need(struct http_req *r, struct http_resp *w, const char *key, const char *v)
{
    if (v)
        return true;
    http_error(w, 400, "missing_field", key, zh(r) ? "缺少 %s" : "give %s", key);
    return false;
}

static void set_cookie(struct http_req *r, struct http_resp *w, const char *token, long max_age)
{
    char c[256];
    snprintf(c, sizeof c, "attain_session=%s; HttpOnly; SameSite=Lax; Path=/; Max-Age=%ld%s", token,
             max_age, r->secure ? "; Secure" : "");
    http_set_header(w, "Set-Cookie", c);
}

/* {"login","role","person","person_label","lang","home_scope","home_label","currency"} */
static json_t *user_json(struct http_req *r, const struct principal *p)
{
    json_t *u = json_object();
    json_object_set_new(u, "login", json_string(p->login));
    json_object_set_new(u, "role", json_string(role_name(p->role)));
    const struct org *o = NULL;
    struct at_err err = {0};
    char label[200], scope[220];
    if (p->person_id && !app_org(r->app, &o, &err) &&
        org_person_label(o, p->person_id, label, sizeof label)) {
        snprintf(scope, sizeof scope, "person:%s", label);
        json_object_set_new(u, "person", json_string(scope));
        json_object_set_new(u, "person_label", json_string(label));
    } else {
        json_object_set_new(u, "person", json_null());
        json_object_set_new(u, "person_label", json_null());
    }
    json_object_set_new(u, "lang", json_string(p->lang));
    struct scope_ref home;
    if (!access_home(r->app, p, &home, &err) && (o || !app_org(r->app, &o, &err)) &&
        org_label(o, &home, scope, sizeof scope)) {
        char shown[256];
        const char *name = org_name(o, &home);
        json_object_set_new(u, "home_scope", json_string(scope));
        json_object_set_new(u, "home_label",
                            json_string(zh(r)   ? display_scope(scope, r->lang, shown, sizeof shown)
                                        : *name ? name
                                                : "Company"));
    } else {
        json_object_set_new(u, "home_scope", json_null());
        json_object_set_new(u, "home_label", json_null());
    }
    json_object_set_new(u, "currency", json_string(r->app->currency));
    json_object_set_new(u, "token", json_boolean(p->token_id != 0));
    return u;
}

static void answer_user(struct http_req *r, struct http_resp *w, int status,
                        const struct principal *p, const char *csrf)
{
    json_t *o = json_object();
    json_object_set_new(o, "user", user_json(r, p));
    json_object_set_new(o, "csrf", csrf ? json_string(csrf) : json_null());
    http_json(w, status, o);
}

/* A failed sign-in (or password check) as its answer. */
static void sign_in_error(struct http_req *r, struct http_resp *w, const struct at_err *err,
                          int64_t wait)
{
    if (err->status == AT_FORBIDDEN && wait > 0) {
        char s[32];
        snprintf(s, sizeof s, "%lld", (long long)wait);
        http_set_header(w, "Retry-After", s);
        if (zh(r))
            http_error(w, 403, "throttled", NULL, "登录失败次数过多，请 %lld 秒后再试",
                       (long long)wait);
        else
            http_error(w, 403, "throttled", NULL, "%s", err->msg);
        return;
    }
    if (err->status == AT_FORBIDDEN) {
        http_error(w, 401, "bad_credentials", NULL, "%s",
                   zh(r) ? "登录名或密码错误" : "wrong login or password");
        return;
    }
    http_at_error(w, err, NULL);
}

/* POST /api/session {"login","password"} */
static void sign_in(struct http_req *r, struct http_resp *w)
{
    const char *login, *password;
    if (!body_object(r, w) || !body_str(r, w, "login", &login) ||
        !body_str(r, w, "password", &password) || !need(r, w, "login", login) ||
        !need(r, w, "password", password))
        return;
    char token[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN];
    struct principal who;
    int64_t wait = 0;
    struct at_err err = {0};
    if (auth_sign_in(r->app, login, password, r->remote_addr ? r->remote_addr : "", token, csrf,
                     &who, &wait, &err)) {
        sign_in_error(r, w, &err, wait);
        return;
    }
    /* the session the request came with (another user's, or this one's) ends */
    if (r->session)
        auth_sign_out(r->app, r->session, &err);
    set_cookie(r, w, token, AUTH_MAX_SECONDS);
    r->who = who;
    answer_user(r, w, 200, &who, csrf);
}

/* DELETE /api/session */
static void sign_out(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    if (r->session && auth_sign_out(r->app, r->session, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    set_cookie(r, w, "", 0);
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    http_json(w, 200, o);
}

/* The session's CSRF token into CSRF ("" for a token). */
static void session_csrf(struct http_req *r, char csrf[AUTH_TOKEN_LEN])
{
    csrf[0] = '\0';
    struct principal again;
    struct at_err err = {0};
    if (r->session && auth_session(r->app, r->session, &again, csrf, &err))
        csrf[0] = '\0';
}

/* GET /api/me */
static void me(struct http_req *r, struct http_resp *w)
{
    char csrf[AUTH_TOKEN_LEN];
    session_csrf(r, csrf);
    answer_user(r, w, 200, &r->who, csrf[0] ? csrf : NULL);
}

/* A route about the signed-in user: an API token is nobody. */
static bool a_user(struct http_req *r, struct http_resp *w)
{
    if (r->who.user_id)
        return true;
    http_error(w, 403, "forbidden", NULL,
               zh(r) ? "API 令牌不是用户" : "an API token is no user: sign in to change a user");
    return false;
}

/* PATCH /api/me {"lang"} */
static void me_patch(struct http_req *r, struct http_resp *w)
{
    const char *lang;
    if (!a_user(r, w) || !body_object(r, w) || !body_str(r, w, "lang", &lang) ||
        !need(r, w, "lang", lang))
        return;
    struct at_err err = {0};
    if (auth_user_update(r->app, r->who.login, NULL, NULL, lang, &err)) {
        http_at_error(w, &err, "lang");
        return;
    }
    snprintf(r->who.lang, sizeof r->who.lang, "%s", lang);
    char csrf[AUTH_TOKEN_LEN];
    session_csrf(r, csrf);
    answer_user(r, w, 200, &r->who, csrf[0] ? csrf : NULL);
}

/* POST /api/me/password {"old","new"}: every session ends, a new one begins. */
static void me_password(struct http_req *r, struct http_resp *w)
{
    const char *old, *new;
    if (!a_user(r, w) || !body_object(r, w) || !body_str(r, w, "old", &old) ||
        !body_str(r, w, "new", &new) || !need(r, w, "old", old) || !need(r, w, "new", new))
        return;
    char token[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN];
    struct principal who;
    struct at_err err = {0};
    if (auth_change_password(r->app, r->who.login, old, new, r->remote_addr ? r->remote_addr : "",
                             token, csrf, &who, &err)) {
        if (err.status == AT_INVALID)
            http_at_error(w, &err, "new");
        else if (err.status == AT_FORBIDDEN && strstr(err.msg, "too many"))
            http_error(w, 403, "throttled", "old", "%s", err.msg);
        else if (err.status == AT_FORBIDDEN)
            http_error(w, 403, "wrong_password", "old", "%s",
                       zh(r) ? "当前密码不正确" : "the current password is wrong");
        else
            http_at_error(w, &err, NULL);
        return;
    }
    set_cookie(r, w, token, AUTH_MAX_SECONDS);
    answer_user(r, w, 200, &who, csrf);
}

/* ---- admin: users and tokens --------------------------------------------- */

/* An admin limited to a unit (a token) manages nobody's sign-in. */
static bool whole_admin(struct http_req *r, struct http_resp *w)
{
    if (r->who.role == ROLE_ADMIN && !r->who.unit_id)
        return true;
    http_error(w, 403, "forbidden", NULL,
               zh(r) ? "仅限不受组织单元限制的管理员"
                     : "users and tokens are managed by an admin without a unit limit");
    return false;
}

/* {"user":{…the row of GET /api/users…}} of LOGIN. */
static void answer_user_row(struct http_req *r, struct http_resp *w, int status, const char *login)
{
    struct table t;
    struct at_err err = {0};
    if (view_users(r->app, &t, &err)) {
        table_free(&t);
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *rows = table_json(&t);
    table_free(&t);
    json_t *found = NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *l = json_string_value(json_object_get(row, "login"));
        if (l && strcmp(l, login) == 0)
            found = json_incref(row);
    }
    json_decref(rows);
    if (!found) {
        http_error(w, 404, "not_found", NULL, "no user \"%s\"", login);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "user", found);
    http_json(w, status, o);
}

static bool parse_role(struct http_req *r, struct http_resp *w, const char *text, enum role *out)
{
    if (role_parse(text, out))
        return true;
    http_error(w, 422, "invalid", "role",
               zh(r) ? "角色 %s 无效：可选 admin、manager、rep"
                     : "role %s: choose admin, manager or rep",
               text);
    return false;
}

/* GET /api/users */
static void users_list(struct http_req *r, struct http_resp *w)
{
    if (!whole_admin(r, w))
        return;
    struct table t;
    struct at_err err = {0};
    if (view_users(r->app, &t, &err))
        http_at_error(w, &err, NULL);
    else
        http_table(w, r, "users", &t, "users");
    table_free(&t);
}

/* The field an app error of the user use cases is about. */
static const char *user_field(const struct at_err *err)
{
    return strstr(err->msg, "password")   ? "password"
           : strstr(err->msg, "login")    ? "login"
           : strstr(err->msg, "person")   ? "person"
           : strstr(err->msg, "language") ? "lang"
                                          : NULL;
}

/* POST /api/users {"login","role","person"?,"password","lang"?} */
static void users_add(struct http_req *r, struct http_resp *w)
{
    const char *login, *role_text, *person, *password, *lang;
    if (!whole_admin(r, w) || !body_object(r, w) || !body_str(r, w, "login", &login) ||
        !body_str(r, w, "role", &role_text) || !body_str(r, w, "person", &person) ||
        !body_str(r, w, "password", &password) || !body_str(r, w, "lang", &lang) ||
        !need(r, w, "login", login) || !need(r, w, "role", role_text) ||
        !need(r, w, "password", password))
        return;
    enum role role;
    if (!parse_role(r, w, role_text, &role))
        return;
    struct at_err err = {0};
    if (auth_user_add(r->app, login, role, person, password, NULL, &err) ||
        (lang && auth_user_update(r->app, login, NULL, NULL, lang, &err))) {
        http_at_error(w, &err, user_field(&err));
        return;
    }
    answer_user_row(r, w, 201, login);
}

/* PATCH /api/users/{login} {"role"?,"person"?,"lang"?,"disabled"?} */
static void users_patch(struct http_req *r, struct http_resp *w)
{
    const char *login = r->params[0];
    const char *role_text, *person, *lang;
    if (!whole_admin(r, w) || !body_object(r, w) || !body_str(r, w, "role", &role_text) ||
        !body_str(r, w, "person", &person) || !body_str(r, w, "lang", &lang))
        return;
    json_t *dis = json_object_get(r->json, "disabled");
    if (dis && !json_is_boolean(dis)) {
        http_error(w, 400, "bad_request", "disabled",
                   zh(r) ? "disabled 应为 true 或 false" : "disabled: give true or false");
        return;
    }
    enum role role;
    if (role_text && !parse_role(r, w, role_text, &role))
        return;
    struct user_info u;
    struct at_err err = {0};
    if (auth_user_get(r->app, login, &u, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    if ((role_text || person || lang) &&
        auth_user_update(r->app, login, role_text ? &role : NULL, person, lang, &err)) {
        http_at_error(w, &err, user_field(&err));
        return;
    }
    if (dis && auth_user_disable(r->app, login, json_is_true(dis), &err)) {
        http_at_error(w, &err, "disabled");
        return;
    }
    answer_user_row(r, w, 200, login);
}

/* POST /api/users/{login}/password {"password"}: every session of theirs ends. */
static void users_password(struct http_req *r, struct http_resp *w)
{
    const char *password;
    if (!whole_admin(r, w) || !body_object(r, w) || !body_str(r, w, "password", &password) ||
        !need(r, w, "password", password))
        return;
    struct at_err err = {0};
    if (auth_user_passwd(r->app, r->params[0], password, &err)) {
        http_at_error(w, &err, err.status == AT_INVALID ? "password" : NULL);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    http_json(w, 200, o);
}

/* GET /api/tokens */
static void tokens_list(struct http_req *r, struct http_resp *w)
{
    if (!whole_admin(r, w))
        return;
    struct table t;
    struct at_err err = {0};
    if (view_tokens(r->app, &t, &err))
        http_at_error(w, &err, NULL);
    else
        http_table(w, r, "tokens", &t, "tokens");
    table_free(&t);
}

/* POST /api/tokens {"name","role","unit"?,"scopes"?}: the token, shown this once.
 * ("scopes": "ingest" or ""; not "scope", which the web UI sends as the unit.) */
static void tokens_add(struct http_req *r, struct http_resp *w)
{
    const char *name, *role_text, *unit, *scopes;
    if (!whole_admin(r, w) || !body_object(r, w) || !body_str(r, w, "name", &name) ||
        !body_str(r, w, "role", &role_text) || !body_str(r, w, "unit", &unit) ||
        !body_str(r, w, "scopes", &scopes) || !need(r, w, "name", name) ||
        !need(r, w, "role", role_text))
        return;
    enum role role;
    if (!parse_role(r, w, role_text, &role))
        return;
    if (unit && str_starts_with(unit, "unit:"))
        unit += 5;
    if (unit && !*unit)
        unit = NULL;
    char token[AUTH_TOKEN_LEN];
    int64_t id = 0;
    struct at_err err = {0};
    if (auth_token_add(r->app, name, role, unit, scopes, token, &id, &err)) {
        http_at_error(w, &err,
                      strstr(err.msg, "--unit")    ? "unit"
                      : strstr(err.msg, "--scope") ? "scopes"
                      : strstr(err.msg, "name")    ? "name"
                                                   : NULL);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "role", json_string(role_name(role)));
    json_object_set_new(o, "unit", unit ? json_string(unit) : json_null());
    json_object_set_new(o, "scopes", json_string(scopes ? scopes : ""));
    json_object_set_new(o, "token", json_string(token));
    http_json(w, 201, o);
}

/* DELETE /api/tokens/{id} */
static void tokens_revoke(struct http_req *r, struct http_resp *w)
{
    if (!whole_admin(r, w))
        return;
    int64_t id;
    if (!str_to_i64(r->params[0], &id) || id <= 0) {
        http_error(w, 404, "not_found", NULL, "no API token %s", r->params[0]);
        return;
    }
    struct at_err err = {0};
    if (auth_token_revoke(r->app, id, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    http_json(w, 200, o);
}

const struct route api_session_routes[] = {
    {"POST", "/api/session", sign_in, ROLE_NONE, ROUTE_PUBLIC,
     "Sign in: a new session cookie and the CSRF token"},
    {"DELETE", "/api/session", sign_out, ROLE_REP, ROUTE_WRITE, "Sign out (end this session)"},
    {"GET", "/api/me", me, ROLE_REP, 0, "The signed-in user and the session's CSRF token"},
    {"PATCH", "/api/me", me_patch, ROLE_REP, ROUTE_WRITE, "Set the signed-in user's language"},
    {"POST", "/api/me/password", me_password, ROLE_REP, ROUTE_WRITE,
     "Change one's own password: every session ends, a new one begins"},
    {"GET", "/api/users", users_list, ROLE_ADMIN, 0, "Users (never a password hash)"},
    {"POST", "/api/users", users_add, ROLE_ADMIN, ROUTE_WRITE, "Add a user"},
    {"PATCH", "/api/users/{login}", users_patch, ROLE_ADMIN, ROUTE_WRITE,
     "Change a user's role, person, language, or disable/enable them"},
    {"POST", "/api/users/{login}/password", users_password, ROLE_ADMIN, ROUTE_WRITE,
     "Set a user's password (their sessions end)"},
    {"GET", "/api/tokens", tokens_list, ROLE_ADMIN, 0, "API tokens (never the token)"},
    {"POST", "/api/tokens", tokens_add, ROLE_ADMIN, ROUTE_WRITE,
     "Add an API token (shown this once)"},
    {"DELETE", "/api/tokens/{id}", tokens_revoke, ROLE_ADMIN, ROUTE_WRITE, "Revoke an API token"},
    {0},
};
