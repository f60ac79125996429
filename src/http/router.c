/*
 * router.c — one request through the route table: match method and pattern,
 * open the request's app, authenticate (session cookie, else Bearer token),
 * refuse what the route forbids (401 unauthenticated, 403 forbidden, 403
 * csrf), read ?as_of= and the JSON body, then call the handler. Nothing a
 * handler runs before these checks pass. A refusal of the router (not of a
 * handler) carries the header X-Attain-Denied: unauthenticated, role or
 * csrf — the authorization matrix test tells them apart by it.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "http/cache.h"
#include "http/internal.h"
#ifdef ATTAIN_HAVE_AUTH
#include "app/auth.h"
#endif

/* The decoded segments of a raw path ("/api/goals/12" → "api", "goals", "12"). */
struct segs {
    char **s;
    size_t n;
    bool bad; /* a segment that does not decode (or decodes to a NUL) */
};

static void segs_split(const char *raw, struct segs *out)
{
    memset(out, 0, sizeof *out);
    const char *p = raw;
    if (*p == '/')
        p++;
    size_t cap = 8;
    out->s = xcalloc(cap, sizeof *out->s);
    for (;;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (out->n == cap) {
            cap *= 2;
            out->s = xrealloc(out->s, cap * sizeof *out->s);
        }
        char *d = http_decode(p, len, false);
        if (!d) {
            out->bad = true;
            d = xstrdup("");
        }
        out->s[out->n++] = d;
        if (!e)
            break;
        p = e + 1;
    }
}

static void segs_free(struct segs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->s[i]);
    free(s->s);
}

/* Does PATTERN match SEGS? Its {params} (decoded) into PARAMS (owned by
 * SEGS or, for a {rest*}, newly joined into *JOINED). */
static bool match(const char *pattern, const struct segs *segs, const char **params,
                  size_t *n_params, char **joined)
{
    *n_params = 0;
    *joined = NULL;
    const char *p = pattern;
    if (*p == '/')
        p++;
    size_t i = 0;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        bool is_param = len >= 2 && p[0] == '{' && p[len - 1] == '}';
        bool rest = is_param && len >= 3 && p[len - 2] == '*';
        if (rest) {
            if (i >= segs->n || *n_params >= HTTP_MAX_PARAMS)
                return false;
            struct buf b;
            buf_init(&b, 0);
            for (size_t k = i; k < segs->n; k++) {
                /* every segment: not empty, no '/' hidden in it, no . or .. */
                const char *s = segs->s[k];
                if (!*s || strchr(s, '/') || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
                    buf_free(&b);
                    return false;
                }
                if (k > i)
                    buf_putc(&b, '/');
                buf_puts(&b, s);
            }
            *joined = buf_take(&b);
            params[(*n_params)++] = *joined;
            return true;
        }
        if (i >= segs->n)
            return false;
        const char *s = segs->s[i];
        if (is_param) {
            if (!*s || strchr(s, '/') || *n_params >= HTTP_MAX_PARAMS)
                return false;
            params[(*n_params)++] = s;
        } else if (strlen(s) != len || memcmp(s, p, len) != 0) {
            return false;
        }
        i++;
        if (!e)
            break;
        p = e + 1;
    }
    return i == segs->n;
}

/* Does the path of SEGS match some route of another method? */
static const struct route *find(const char *method, const struct segs *segs, const char **params,
                                size_t *n_params, char **joined, bool *other_method)
{
    size_t n;
    const struct route *const *routes = http_routes(&n);
    *other_method = false;
    bool head = strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < n; i++) {
        const struct route *rt = routes[i];
        char *j = NULL;
        if (!match(rt->pattern, segs, params, n_params, &j))
            continue;
        if (strcmp(rt->method, method) == 0 || (head && strcmp(rt->method, "GET") == 0)) {
            *joined = j;
            return rt;
        }
        free(j);
        *other_method = true;
    }
    *n_params = 0;
    return NULL;
}

/* "Bearer TOKEN" → TOKEN, else NULL. */
static const char *bearer(const char *auth)
{
    if (!auth)
        return NULL;
    if (strncmp(auth, "Bearer ", 7) != 0 && strncmp(auth, "bearer ", 7) != 0)
        return NULL;
    auth += 7;
    while (*auth == ' ')
        auth++;
    return *auth ? auth : NULL;
}

/* Who the request is from: a session cookie, else a Bearer token. false when
 * neither names a valid one (anonymous). CSRF gets the session's CSRF token. */
static bool authenticate(struct http_req *r, char *csrf, size_t csrf_size)
{
    csrf[0] = '\0';
    const char *cookie = http_cookie(r, "attain_session");
    const char *token = bearer(http_header(r, "Authorization"));
    if (!r->app || (!cookie && !token))
        return false;
#ifdef ATTAIN_HAVE_AUTH
    struct at_err err = {AT_OK, ""};
    if (cookie && *cookie) {
        char c[AUTH_TOKEN_LEN];
        if (auth_session(r->app, cookie, &r->who, c, &err) == AT_OK) {
            snprintf(csrf, csrf_size, "%s", c);
            sodium_memzero(c, sizeof c);
            r->session = cookie;
            return true;
        }
    }
    if (token && auth_token_check(r->app, token, &r->who, &err) == AT_OK)
        return true;
    memset(&r->who, 0, sizeof r->who);
#else
    (void)csrf_size;
#endif
    return false;
}

/* The CSRF header equals the session's token (constant time). */
static bool csrf_ok(const struct http_req *r, const char *csrf)
{
    const char *h = http_header(r, "X-CSRF-Token");
    size_t n = strlen(csrf);
    if (!h || !n || strlen(h) != n)
        return false;
    return sodium_memcmp(h, csrf, n) == 0;
}

static const char *role_text(enum role role)
{
    switch (role) {
    case ROLE_REP:
        return "rep";
    case ROLE_MANAGER:
        return "manager";
    case ROLE_ADMIN:
        return "admin";
    default:
        return "none";
    }
}

/* The request's day: today in the database's time zone (the machine's when
 * it has none). */
/* The request's clock: the machine's, or $ATTAIN_DEBUG_NOW (tests). */
static int64_t request_now(void)
{
    return http_srv && http_srv->debug_now ? http_srv->debug_now : (int64_t)time(NULL);
}

static void fill_req(struct app *app, const struct http_req *r)
{
    int64_t now = request_now();
    app->req.now = now;
    app->req.today = app_today_at(app, now, cal_today());
    app->req.as_of = 0;
    app->req.lang = r->lang;
    if (r->who.person_id)
        snprintf(app->req.actor, sizeof app->req.actor, "person:#%lld",
                 (long long)r->who.person_id);
    else if (r->who.login[0])
        snprintf(app->req.actor, sizeof app->req.actor, "%s", r->who.login);
    else
        snprintf(app->req.actor, sizeof app->req.actor, "web");
    app->req.actor_set = r->who.role != ROLE_NONE;
}

/* The key an answer of C is kept under (cache.h): who asks (user or token,
 * role, person, unit limit), the language, the day and the as-of it is
 * asked for, the method, the path and every argument in order. */
static char *cache_key(const struct http_conn *c, const struct http_req *r)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    enum at_status st =
        buf_printf(&b, "u%lld t%lld r%d p%lld n%lld %s d%ld a%ld %s %s", (long long)r->who.user_id,
                   (long long)r->who.token_id, (int)r->who.role, (long long)r->who.person_id,
                   (long long)r->who.unit_id, r->lang, (long)r->app->req.today,
                   (long)r->app->req.as_of, c->method, c->raw_path);
    for (size_t i = 0; !st && i < c->n_args; i++)
        st = buf_printf(&b, " %zu:%s=%zu:%s", strlen(c->args[i].key), c->args[i].key,
                        c->args[i].value ? strlen(c->args[i].value) : 0,
                        c->args[i].value ? c->args[i].value : "");
    if (st) { /* too long to be a key: the answer is not kept */
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

void http_dispatch(struct http_conn *c)
{
    struct http_resp *w = &c->resp;
    w->is_api = strncmp(c->raw_path, "/api/", 5) == 0 || strcmp(c->raw_path, "/api") == 0;
    struct http_req r = {0};
    r.method = c->method;
    r.conn = c;
    r.body = c->body ? c->body : "";
    r.body_len = c->body_len;
    r.remote_addr = c->remote_addr;
    r.secure = http_srv && http_srv->secure;
    const char *ct = http_header(&r, "Content-Type");
    r.content_type = ct ? ct : "";
    r.lang = http_pick_lang("", http_header(&r, "Accept-Language"));

    struct segs segs;
    segs_split(c->raw_path, &segs);
    char *path = http_decode(c->raw_path, strlen(c->raw_path), false);
    bool other = false;
    char *joined = NULL;
    const struct route *rt = NULL;
    if (!segs.bad && path)
        rt = find(c->method, &segs, r.params, &r.n_params, &joined, &other);
    r.path = path ? path : "";
    struct app *app = NULL;
    char csrf[128] = "";
    int64_t version = 0, writes = 0; /* the answer cache's (cache.h) */
    struct resp_cache *cache = NULL;
    char *key = NULL;
    if (c->too_large) {
        http_error(w, 413, "too_large", NULL,
                   strcmp(r.lang, "zh") == 0 ? "请求体过大（上限 %zu 字节）"
                                             : "the request body is too large (at most %zu bytes)",
                   c->body_limit);
        goto done;
    }
    if (!rt) {
        if (other)
            http_error(w, 405, "method_not_allowed", NULL, "%s is not allowed on %s", c->method,
                       r.path);
        else
            http_error(w, 404, "not_found", NULL,
                       strcmp(r.lang, "zh") == 0 ? "没有这个地址：%s" : "no such path: %s", r.path);
        goto done;
    }
    bool public_route = rt->flags & ROUTE_PUBLIC;
    if (!(rt->flags & ROUTE_NO_APP) || !public_route) {
        struct at_err err = {AT_OK, ""};
        app = http_thread_app(&err);
        if (!app) {
            http_error(w, 503, "unavailable", NULL, "the database does not open: %s", err.msg);
            goto done;
        }
        r.app = app;
        app->req.now = request_now(); /* session expiry is judged by it (auth) */
    }
    bool signed_in = authenticate(&r, csrf, sizeof csrf);
    if (signed_in) {
        snprintf(c->login, sizeof c->login, "%s", r.who.login);
        r.lang = http_pick_lang(r.who.lang, http_header(&r, "Accept-Language"));
    }
    if (!public_route) {
        bool zh = strcmp(r.lang, "zh") == 0;
        if (!signed_in) {
            http_set_header(w, "X-Attain-Denied", "unauthenticated");
            http_error(w, 401, "unauthenticated", NULL, zh ? "请先登录" : "sign in first");
            goto done;
        }
        if (r.who.role < rt->min_role) {
            http_set_header(w, "X-Attain-Denied", "role");
            http_error(w, 403, "forbidden", NULL,
                       zh ? "需要 %s 角色" : "this needs the %s role (you are %s)",
                       role_text(rt->min_role), role_text(r.who.role));
            goto done;
        }
    }
    if ((rt->flags & ROUTE_INGEST) && !(r.who.token_id && r.who.ingest)) {
        http_set_header(w, "X-Attain-Denied", "scope");
        if (r.who.token_id)
            http_error(w, 403, "ingest_scope", NULL,
                       "this API token has no ingest scope: make one with attain token add "
                       "NAME --role admin --scope ingest");
        else
            http_error(w, 403, "ingest_scope", NULL,
                       "%s takes an API token with the ingest scope (Authorization: Bearer "
                       "TOKEN; attain token add NAME --role admin --scope ingest), not a "
                       "signed-in user",
                       r.path);
        goto done;
    }
    if ((rt->flags & ROUTE_WRITE) && r.session && !csrf_ok(&r, csrf)) {
        http_set_header(w, "X-Attain-Denied", "csrf");
        http_error(w, 403, "csrf", NULL,
                   "the X-CSRF-Token header is missing or wrong (sign in again to get one)");
        goto done;
    }
    if (app) {
        fill_req(app, &r);
        const char *as_of = http_query(&r, "as_of");
        if (as_of) {
            int32_t d;
            if (!cal_parse_iso(as_of, &d)) {
                http_error(w, 400, "invalid", "as_of",
                           "as_of=%s: give a date as YYYY-MM-DD (2026-06-30)", as_of);
                goto done;
            }
            app->req.as_of = d;
        }
    } else if (!public_route) {
        r.app = NULL;
    }
    if (rt->flags & ROUTE_NO_APP)
        r.app = NULL;
    if (c->body_len && (strncmp(r.content_type, "application/json", 16) == 0 ||
                        (!*r.content_type && (c->body[0] == '{' || c->body[0] == '[')))) {
        json_error_t je;
        r.json = json_loadb(c->body, c->body_len, JSON_REJECT_DUPLICATES, &je);
        if (!r.json) {
            http_error(w, 400, "bad_json", NULL, "the body is not JSON: %s (line %d, column %d)",
                       je.text, je.line, je.column);
            goto done;
        }
    }
    if ((rt->flags & ROUTE_CACHE) && r.app && (cache = http_thread_cache(&version, &writes))) {
        key = cache_key(c, &r);
        if (key && resp_cache_get(cache, key, version, writes, w))
            goto done;
    }
    rt->fn(&r, w);
    if (!w->status && !w->stream)
        http_error(w, 500, "internal", NULL, "%s %s gave no answer", c->method, rt->pattern);
    if (rt->flags & ROUTE_WRITE)
        http_count_write();
    else if (key && !app_engine_was_stale(r.app))
        resp_cache_put(cache, key, version, writes, w);
done:
    free(key);
    json_decref(r.json);
    if (app)
        http_thread_app_done(app);
    sodium_memzero(csrf, sizeof csrf);
    free(joined);
    free(path);
    segs_free(&segs);
}
