/*
 * internal.h — what the parts of the HTTP front end (server.c, router.c,
 * resp.c, assets.c, api_sys.c) share and handlers do not see: the response
 * under construction, the connection's state, the server's settings, the
 * router's entry point, the events stream and the asset store.
 */
#pragma once
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "http/http.h"

struct MHD_Connection;
struct engine_owner;

#define HTTP_BODY_LIMIT        (1u << 20)  /* 1 MiB */
#define HTTP_IMPORT_BODY_LIMIT (20u << 20) /* POST /api/import and /api/ingest/{kind} */
#define HTTP_MAX_HEADERS       32

struct http_header_kv {
    char *name, *value;
};

/* The response a handler builds (http.h's builders fill it). */
struct http_resp {
    int status; /* 0 = nothing answered yet */
    char *content_type;
    unsigned char *body;
    size_t len;
    char *filename; /* a download: Content-Disposition attachment */
    struct http_header_kv headers[HTTP_MAX_HEADERS];
    size_t n_headers;
    bool stream;          /* the events stream: the connection stays open (server.c) */
    bool is_api;          /* Cache-Control no-store */
    const void *gzip_key; /* bytes that never change (an embedded asset): their gzip is
                             made once and kept (server.c) */
};

/* The server's settings and shared state (one per `attain serve`). */
struct http_server {
    const char *db_path;
    bool secure; /* --base-url https://…: cookies get Secure */
    const char *base_url;
    const char *assets_dir; /* NULL = the embedded assets */
    struct engine_owner *owner;
    FILE *log;
    pthread_mutex_t log_lock;
    int64_t hold_ms;   /* ATTAIN_DEBUG_HOLD_MS: GET /readyz waits this long (tests) */
    int64_t debug_now; /* ATTAIN_DEBUG_NOW: the clock in unix seconds (tests: session
                          expiry), 0 = the real clock */
    int32_t local_today_fallback;
    volatile int stopping;
};

extern struct http_server *http_srv; /* the one server of the process */

/* One query argument, decoded. */
struct http_arg {
    char *key, *value;
};

struct http_conn {
    struct MHD_Connection *mc;
    char *method;
    char *raw_path; /* as it came, percent-encoded, without the query */
    char *body;
    size_t body_len, body_cap, body_limit;
    bool too_large;
    struct http_arg *args;
    size_t n_args;
    char remote_addr[64];
    int64_t t0_us;
    char login[64]; /* for the access log ("-" when anonymous) */
    int status;
    size_t bytes;
    struct http_resp resp;
    struct events_stream *stream;
};

/* The router: answer C's request (its method, path, args, body are in C) into
 * C->resp. Opens the request's app when the route needs one. */
void http_dispatch(struct http_conn *c);

/* Reset W to nothing (frees what it holds). */
void http_resp_free(struct http_resp *w);

/* Percent-decode SRC (LEN bytes) into a new string; PLUS_SPACE turns '+' into
 * ' ' (query strings). NULL when the encoding is broken or decodes to a NUL. */
char *http_decode(const char *src, size_t len, bool plus_space);

/* The request's language from the user's setting USER_LANG ("" = none) and
 * the Accept-Language header. */
const char *http_pick_lang(const char *user_lang, const char *accept_language);

/* Monotonic microseconds. */
int64_t http_now_us(void);

/* The events stream (server.c): make W a text/event-stream answer that sends
 * `event: changed` whenever the store changes and `: ping` every 15 s. */
void http_events_start(struct http_req *r, struct http_resp *w);

/* An asset of the web UI: bytes, length, ETag. */
struct http_asset_ref {
    const unsigned char *data;
    size_t len;
    char etag[40]; /* hex, without quotes */
    bool owned;    /* data is malloc'd (read from --assets-dir): free it */
};
/* Assets (assets.c): the file NAME ("index.html", "js/app.js") of the
 * embedded web/ tree or, with --assets-dir, of that folder (the embedded
 * vendor/ files when it has none); false when there is none, or NAME tries
 * to leave the folder (.., an absolute path, a symbolic link out of it). */
bool http_asset(const char *name, struct http_asset_ref *out);
/* The Content-Type of NAME by its extension. */
const char *http_asset_type(const char *name);

/* This thread's app on the server's database (opened on first use, shares the
 * server's engine owner, closed when the thread ends), its request context
 * reset. NULL with ERR when the database does not open. */
struct app *http_thread_app(struct at_err *err);
/* The end of a request on APP: its engine snapshot given back. */
void http_thread_app_done(struct app *app);
/* This thread's answer cache (cache.h) and the version an answer computed
 * now is kept at: the data_version its connection saw when this request's
 * app was taken (http_thread_app), the count of state-changing requests.
 * NULL when the thread has no app yet. */
struct resp_cache *http_thread_cache(int64_t *data_version, int64_t *writes);
/* A state-changing request was answered (its commits are this thread's
 * connection's own, which its data_version does not count). */
void http_count_write(void);
