/*
 * http.h — what an API handler sees of the server (src/http/): the request,
 * the signed-in principal, a per-request struct app, and the response
 * builders. The router (router.c) matches the one route table (routes.c, made
 * of the api_*.c arrays), refuses what the table forbids before any handler
 * runs (no session: 401; role below the route's minimum: 403; a state change
 * without the session's X-CSRF-Token: 403 csrf), opens the request's app with
 * app->req filled (today and now from the server's clock, as_of from ?as_of=,
 * lang from the user's setting or Accept-Language, actor = the user's person),
 * and then calls the handler. Handlers parse parameters, call app/ and view/,
 * and answer through http_json / http_table / http_error — no SQL and no
 * business rule here: row visibility is app/access.h's.
 */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/access.h"
#include "base/err.h"

struct app;
struct table;
struct http_conn; /* the server's connection (opaque to handlers) */

#define HTTP_MAX_PARAMS 4

struct http_req {
    const char *method;                  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *path;                    /* decoded, without the query: "/api/goals/12" */
    const char *params[HTTP_MAX_PARAMS]; /* the pattern's {name} parts in order ("12") */
    size_t n_params;
    const char *body; /* the request body (NUL-terminated copy), "" when none */
    size_t body_len;
    json_t *json;             /* the body parsed, when it is JSON (Content-Type application/json);
                                 a malformed JSON body is refused (400 bad_json) before the handler */
    const char *content_type; /* "" when none */
    struct principal who;     /* the signed-in user or API token; who.role ROLE_NONE when
                                 anonymous (only on ROUTE_PUBLIC routes) */
    struct app *app;          /* this request's app (NULL on ROUTE_NO_APP routes) */
    const char *lang;         /* "zh" or "en": messages and labels */
    struct http_conn *conn;
    /* Added by the server engineer (sign-in needs them): */
    const char *remote_addr; /* the client's address ("127.0.0.1"): sign-in throttling */
    bool secure;             /* --base-url is https: cookies get Secure */
    const char *session;     /* the attain_session cookie the request was signed in
                                with, NULL when none (or signed in by a token) */
};

/* The query parameter KEY (decoded), NULL when absent. */
const char *http_query(const struct http_req *r, const char *key);
/* The request header NAME, NULL when absent. */
const char *http_header(const struct http_req *r, const char *name);
/* The cookie NAME, NULL when absent (added by the server engineer). */
const char *http_cookie(const struct http_req *r, const char *name);
/* The body's field KEY as a string (NULL when absent or not a string). */
const char *http_body_str(const struct http_req *r, const char *key);

struct http_resp;

/* Answer STATUS with the JSON BODY (stolen). */
void http_json(struct http_resp *w, int status, json_t *body);
/* Answer 200 with {"KEY": [ {col: cell, ...}, ... ]} — the rows of T as the
 * CLI's --format json prints them; with ?format=csv or ?format=xlsx the same
 * table as a download named FILENAME_BASE.csv / .xlsx instead. */
void http_table(struct http_resp *w, const struct http_req *r, const char *key,
                const struct table *t, const char *filename_base);
/* Answer STATUS with {"error":{"code":CODE,"message":…,"field":FIELD}} (FIELD may
 * be NULL: no "field"). The message is formatted (already in r->lang). */
void http_error(struct http_resp *w, int status, const char *code, const char *field,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Answer an app error: the status's HTTP code (base/err.h; AT_INVALID is 422
 * for a well-formed request whose values are wrong), code its lower-case name
 * ("invalid", "not_found", "forbidden", …), ERR's message, FIELD (may be NULL). */
void http_at_error(struct http_resp *w, const struct at_err *err, const char *field);
/* Answer STATUS with BYTES (LEN) of CONTENT_TYPE; FILENAME non-NULL makes it a
 * download (Content-Disposition: attachment). BYTES are copied. */
void http_bytes(struct http_resp *w, int status, const char *content_type, const void *bytes,
                size_t len, const char *filename);
/* Add a response header (Set-Cookie and the like). */
void http_set_header(struct http_resp *w, const char *name, const char *value);

typedef void (*http_handler)(struct http_req *r, struct http_resp *w);

/* Route flags. */
#define ROUTE_PUBLIC 0x1u  /* no sign-in needed (healthz, sign-in, assets) */
#define ROUTE_WRITE  0x2u  /* changes state: needs X-CSRF-Token (sessions; tokens are exempt) */
#define ROUTE_NO_APP 0x4u  /* the handler opens nothing (healthz, assets, events) */
#define ROUTE_STREAM 0x8u  /* a long-lived response (the events stream) */
#define ROUTE_CACHE  0x10u /* a heavy read: its answer is kept until the data changes (cache.h) */
/* Only an API token with the ingest scope (any role); sessions and other
 * tokens: 403 ingest_scope (X-Attain-Denied: scope). */
#define ROUTE_INGEST 0x20u

struct route {
    const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *pattern; /* "/api/goals/{id}": {name} matches one path segment (percent-
                            decoded; one holding '/' matches nothing); a last part
                            {name*} matches the rest of the path, one or more segments
                            (assets: "/js/{path*}"), decoded segment by segment */
    http_handler fn;
    enum role min_role; /* ROLE_NONE only with ROUTE_PUBLIC */
    unsigned flags;
    const char *summary; /* one line, the OpenAPI summary (docs/api.yaml) */
};

/* Each api_*.c defines one array ending with {0}; routes.c joins them into the
 * one table the router reads (http_routes). */
extern const struct route api_session_routes[]; /* api_session.c: sign-in, me, users, tokens */
extern const struct route api_goal_routes[];    /* api_goals.c: goals, objectives, actions */
extern const struct route api_loop_routes[];    /* api_loop.c: check-ins, forecast, review,
                                                   requests, scorecards, alerts, channels */
extern const struct route api_data_routes[];    /* api_data.c: metrics, explain, reports, org,
                                                   customers, deals, orders, import, plan */
extern const struct route api_sys_routes[];     /* api_sys.c: healthz, readyz, events, assets */

/* Every route, in table order; N gets the count. */
const struct route *const *http_routes(size_t *n);
