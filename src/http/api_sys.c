/* api_sys.c — the API routes of healthz, readyz, the events stream and the web UI's assets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "http/http.h"
#include "http/internal.h"

/* GET /healthz: the process answers (no database). */
static void healthz(struct http_req *r, struct http_resp *w)
{
    (void)r;
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    http_json(w, 200, o);
}

/* GET /readyz: the database opens and the engine's snapshot is there. */
static void readyz(struct http_req *r, struct http_resp *w)
{
    if (http_srv && http_srv->hold_ms > 0) {
        struct timespec ts = {(time_t)(http_srv->hold_ms / 1000),
                              (long)(http_srv->hold_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    struct engine *e = NULL;
    struct at_err err = {AT_OK, ""};
    if (!r->app || app_engine(r->app, &e, &err)) {
        http_error(w, 503, "unavailable", NULL, "not ready: %s",
                   err.msg[0] ? err.msg : "no database");
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    http_json(w, 200, o);
}

/* GET /api/events: Server-Sent Events, `event: changed` with only a
 * generation number (no rows: nobody learns another team's details). */
static void events(struct http_req *r, struct http_resp *w)
{
    http_events_start(r, w);
}

/* GET /, /index.html, /assets/…, /js/…, /css/…, /i18n/…, /vendor/…: the web UI. */
static void asset(struct http_req *r, struct http_resp *w)
{
    char name[1200];
    if (r->n_params == 0) {
        snprintf(name, sizeof name, "index.html");
    } else {
        const char *first = r->path + 1;
        const char *slash = strchr(first, '/');
        int len = slash ? (int)(slash - first) : (int)strlen(first);
        snprintf(name, sizeof name, "%.*s/%s", len, first, r->params[0]);
    }
    struct http_asset_ref a;
    if (!http_asset(name, &a)) {
        http_error(w, 404, "not_found", NULL, "no such file: %s", r->path);
        return;
    }
    char etag[48];
    snprintf(etag, sizeof etag, "\"%s\"", a.etag);
    http_set_header(w, "ETag", etag);
    http_set_header(w, "Cache-Control",
                    strcmp(name, "index.html") == 0 ? "no-cache" : "public, max-age=3600");
    const char *inm = http_header(r, "If-None-Match");
    if (inm && (strstr(inm, etag) || strcmp(inm, "*") == 0))
        http_bytes(w, 304, http_asset_type(name), "", 0, NULL);
    else {
        http_bytes(w, 200, http_asset_type(name), a.data, a.len, NULL);
        if (!a.owned)
            w->gzip_key = a.data;
    }
    if (a.owned)
        free((void *)a.data);
}

#define ASSET(p)                                                                                   \
    {                                                                                              \
        "GET", p, asset, ROLE_NONE, ROUTE_PUBLIC | ROUTE_NO_APP, "A file of the web UI"            \
    }

const struct route api_sys_routes[] = {
    {"GET", "/healthz", healthz, ROLE_NONE, ROUTE_PUBLIC | ROUTE_NO_APP,
     "The process is up (opens nothing)"},
    {"GET", "/readyz", readyz, ROLE_NONE, ROUTE_PUBLIC,
     "The database opens and the engine snapshot is ready (else 503)"},
    {"GET", "/api/events", events, ROLE_REP, ROUTE_NO_APP | ROUTE_STREAM,
     "Server-Sent Events: `changed` with the generation whenever figures or goals change"},
    {"GET", "/", asset, ROLE_NONE, ROUTE_PUBLIC | ROUTE_NO_APP, "The web UI (index.html)"},
    ASSET("/index.html"),
    ASSET("/assets/{path*}"),
    ASSET("/js/{path*}"),
    ASSET("/css/{path*}"),
    ASSET("/i18n/{path*}"),
    ASSET("/vendor/{path*}"),
    {0},
};
