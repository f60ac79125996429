/*
 * server.c — `attain serve`: the libmicrohttpd daemon (a thread pool of
 * epoll loops), request limits (body, headers, time), the body collected
 * over the access handler's calls, the answer with the security headers and
 * gzip, the access log, one struct app per worker thread sharing one engine
 * owner, the events stream (Server-Sent Events) and a graceful stop on
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the
 * database, exit 0.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include "http/mhd.h"
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "app/app.h"
#include "app/engine_owner.h"
#include "base/str.h"
#include "http/cache.h"
#include "http/internal.h"

struct http_server *http_srv;

static const char CSP[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                          "data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                          "form-action 'self'";

static atomic_long active_requests;

/* ---- one app per worker thread ---------------------------------------- */

static pthread_key_t app_key;

/* A worker thread's app and the database's change counter it last saw. */
struct thread_app {
    struct app *app;
    int64_t seen;
    struct resp_cache *cache; /* the answers this thread keeps (cache.h) */
};

static void close_thread_app(void *p)
{
    struct thread_app *t = p;
    app_close(t->app);
    resp_cache_free(t->cache);
    free(t);
}

static atomic_llong http_writes; /* state-changing requests answered so far */

void http_count_write(void)
{
    atomic_fetch_add(&http_writes, 1);
}

struct resp_cache *http_thread_cache(int64_t *data_version, int64_t *writes)
{
    struct thread_app *t = pthread_getspecific(app_key);
    if (!t)
        return NULL;
    if (!t->cache)
        t->cache = resp_cache_new();
    *data_version = t->seen;
    *writes = atomic_load(&http_writes);
    return t->cache;
}

struct app *http_thread_app(struct at_err *err)
{
    struct thread_app *t = pthread_getspecific(app_key);
    if (!t) {
        struct app *app;
        if (app_open(http_srv->db_path, &app, err))
            return NULL;
        app_engine_share(app, http_srv->owner);
        app->note = NULL;
        t = xcalloc(1, sizeof *t);
        t->app = app;
        if (app_change_counter(app, &t->seen, err)) {
            app_close(app);
            free(t);
            return NULL;
        }
        pthread_setspecific(app_key, t);
    } else {
        /* someone else wrote: settings and the holiday calendar may have changed */
        int64_t v;
        if (app_change_counter(t->app, &v, err) || (v != t->seen && app_refresh(t->app, err)))
            return NULL;
        t->seen = v;
    }
    t->app->req.as_of = 0;
    t->app->req.actor_set = false;
    return t->app;
}

void http_thread_app_done(struct app *app)
{
    app_engine_release(app);
}

/* ---- the events stream ------------------------------------------------- */

struct events_stream {
    struct MHD_Connection *mc;
    bool suspended;
    int64_t sent_gen;
    int64_t last_send_us;
    char buf[256];
    size_t len, off;
    struct events_stream *next;
};

static pthread_mutex_t ev_lock = PTHREAD_MUTEX_INITIALIZER;
static struct events_stream *ev_streams;
static int64_t ev_generation; /* changes seen since the server started */
static bool ev_stopping;

#define EV_POLL_MS 250
#define EV_PING_US (15 * 1000000LL)

static ssize_t ev_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct events_stream *s = cls;
    pthread_mutex_lock(&ev_lock);
    if (s->off == s->len) {
        s->off = s->len = 0;
        int64_t now = http_now_us();
        if (ev_stopping) {
            pthread_mutex_unlock(&ev_lock);
            return MHD_CONTENT_READER_END_OF_STREAM;
        }
        if (s->sent_gen != ev_generation) {
            s->len = (size_t)snprintf(s->buf, sizeof s->buf,
                                      "event: changed\ndata: {\"generation\":%lld}\n\n",
                                      (long long)ev_generation);
            s->sent_gen = ev_generation;
            s->last_send_us = now;
        } else if (now - s->last_send_us >= EV_PING_US) {
            s->len = (size_t)snprintf(s->buf, sizeof s->buf, ": ping\n\n");
            s->last_send_us = now;
        } else {
            s->suspended = true;
            MHD_suspend_connection(s->mc);
            pthread_mutex_unlock(&ev_lock);
            return 0;
        }
    }
    size_t n = s->len - s->off;
    if (n > max)
        n = max;
    memcpy(buf, s->buf + s->off, n);
    s->off += n;
    pthread_mutex_unlock(&ev_lock);
    return (ssize_t)n;
}

static void ev_free(void *cls)
{
    struct events_stream *s = cls;
    pthread_mutex_lock(&ev_lock);
    for (struct events_stream **p = &ev_streams; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    pthread_mutex_unlock(&ev_lock);
    free(s);
}

void http_events_start(struct http_req *r, struct http_resp *w)
{
    struct events_stream *s = xcalloc(1, sizeof *s);
    s->mc = r->conn->mc;
    s->last_send_us = http_now_us();
    s->len = (size_t)snprintf(s->buf, sizeof s->buf, "retry: 3000\n: connected\n\n");
    pthread_mutex_lock(&ev_lock);
    s->sent_gen = ev_generation;
    s->next = ev_streams;
    ev_streams = s;
    pthread_mutex_unlock(&ev_lock);
    r->conn->stream = s;
    w->stream = true;
    w->status = 200;
}

/* The suspended streams that have something to send (or must end: ALL),
 * marked awake under ev_lock; the caller resumes them after unlocking (MHD
 * takes its own locks in MHD_resume_connection, and a worker that holds them
 * may be waiting for ev_lock in ev_free). A stream marked awake cannot go
 * away before it is resumed: MHD does nothing with a suspended connection. */
static size_t ev_collect(bool all, struct MHD_Connection ***out)
{
    int64_t now = http_now_us();
    size_t n = 0, cap = 0;
    struct MHD_Connection **list = NULL;
    for (struct events_stream *s = ev_streams; s; s = s->next)
        if (s->suspended &&
            (all || s->sent_gen != ev_generation || now - s->last_send_us >= EV_PING_US)) {
            s->suspended = false;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                list = xrealloc(list, cap * sizeof *list);
            }
            list[n++] = s->mc;
        }
    *out = list;
    return n;
}

static void ev_resume(struct MHD_Connection **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        MHD_resume_connection(list[i]);
    free(list);
}

static pthread_t watcher;
static atomic_int watcher_stop;

static void *watch(void *arg)
{
    (void)arg;
    struct app *app = NULL;
    struct at_err err = {AT_OK, ""};
    int64_t last = 0;
    bool have = false;
    while (!atomic_load(&watcher_stop)) {
        if (!app && app_open(http_srv->db_path, &app, &err))
            app = NULL;
        int64_t v;
        if (app && app_change_counter(app, &v, &err) == AT_OK) {
            pthread_mutex_lock(&ev_lock);
            if (have && v != last)
                ev_generation++;
            last = v;
            have = true;
            struct MHD_Connection **list;
            size_t n = ev_collect(false, &list);
            pthread_mutex_unlock(&ev_lock);
            ev_resume(list, n);
        }
        struct timespec ts = {0, EV_POLL_MS * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (app)
        app_close(app);
    return NULL;
}

/* ---- answers ------------------------------------------------------------ */

static bool is_text(const char *ct)
{
    return ct &&
           (strncmp(ct, "text/", 5) == 0 || strncmp(ct, "application/json", 16) == 0 ||
            strncmp(ct, "application/javascript", 22) == 0 ||
            strncmp(ct, "image/svg+xml", 13) == 0 || strncmp(ct, "application/xml", 15) == 0 ||
            strncmp(ct, "application/yaml", 16) == 0);
}

static bool accepts_gzip(struct MHD_Connection *mc)
{
    const char *ae = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Accept-Encoding");
    return ae && strstr(ae, "gzip");
}

/* DATA (LEN) gzipped into a new buffer; NULL when zlib fails. */
static unsigned char *gzip(const unsigned char *data, size_t len, size_t *out_len)
{
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)len) + 32;
    unsigned char *out = xmalloc(cap);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* The gzip of bytes that never change (embedded assets), made once. */
#define GZ_CACHE 64
static struct {
    const void *key;
    unsigned char *z;
    size_t len;
} gz_cache[GZ_CACHE];
static size_t gz_n;
static pthread_mutex_t gz_lock = PTHREAD_MUTEX_INITIALIZER;

static const unsigned char *gzip_cached(const void *key, const unsigned char *data, size_t len,
                                        size_t *out_len)
{
    pthread_mutex_lock(&gz_lock);
    for (size_t i = 0; i < gz_n; i++)
        if (gz_cache[i].key == key) {
            *out_len = gz_cache[i].len;
            pthread_mutex_unlock(&gz_lock);
            return gz_cache[i].z;
        }
    pthread_mutex_unlock(&gz_lock);
    size_t zlen;
    unsigned char *z = gzip(data, len, &zlen);
    if (!z)
        return NULL;
    pthread_mutex_lock(&gz_lock);
    for (size_t i = 0; i < gz_n; i++)
        if (gz_cache[i].key == key) { /* another thread made it meanwhile */
            free(z);
            *out_len = gz_cache[i].len;
            pthread_mutex_unlock(&gz_lock);
            return gz_cache[i].z;
        }
    if (gz_n == GZ_CACHE) {
        pthread_mutex_unlock(&gz_lock);
        free(z);
        return NULL;
    }
    gz_cache[gz_n].key = key;
    gz_cache[gz_n].z = z;
    gz_cache[gz_n].len = zlen;
    gz_n++;
    *out_len = zlen;
    pthread_mutex_unlock(&gz_lock);
    return z;
}

static void gzip_cache_free(void)
{
    pthread_mutex_lock(&gz_lock);
    for (size_t i = 0; i < gz_n; i++)
        free(gz_cache[i].z);
    gz_n = 0;
    pthread_mutex_unlock(&gz_lock);
}

static bool has_header(const struct http_resp *w, const char *name)
{
    for (size_t i = 0; i < w->n_headers; i++)
        if (strcasecmp(w->headers[i].name, name) == 0)
            return true;
    return false;
}

static enum MHD_Result send_answer(struct http_conn *c)
{
    struct http_resp *w = &c->resp;
    struct MHD_Response *resp;
    if (w->stream) {
        resp =
            MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, ev_read, c->stream, ev_free);
        c->stream = NULL;
        MHD_add_response_header(resp, "Content-Type", "text/event-stream; charset=utf-8");
        MHD_add_response_header(resp, "X-Accel-Buffering", "no");
        c->bytes = 0;
    } else {
        const unsigned char *body = w->body ? w->body : (const unsigned char *)"";
        size_t len = w->len;
        unsigned char *z = NULL;
        bool zipped = false;
        if (len > 1024 && is_text(w->content_type) && accepts_gzip(c->mc) &&
            !has_header(w, "Content-Encoding")) {
            size_t zlen;
            const unsigned char *zb = NULL;
            if (w->gzip_key)
                zb = gzip_cached(w->gzip_key, body, len, &zlen);
            else
                zb = z = gzip(body, len, &zlen);
            if (zb) {
                body = zb;
                len = zlen;
                zipped = true;
            }
        }
        if (z) /* made for this answer: MHD frees it */
            resp = MHD_create_response_from_buffer_with_free_callback(len, z, free);
        else if (zipped) /* the cache's: lives as long as the server */
            resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
        else if (w->body) { /* the handler's bytes: handed over */
            resp = MHD_create_response_from_buffer_with_free_callback(len, w->body, free);
            w->body = NULL;
        } else
            resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        if (zipped || (w->len > 1024 && is_text(w->content_type)))
            MHD_add_response_header(resp, "Vary", "Accept-Encoding");
        if (zipped)
            MHD_add_response_header(resp, "Content-Encoding", "gzip");
        if (w->content_type)
            MHD_add_response_header(resp, "Content-Type", w->content_type);
        if (w->filename) {
            char cd[600];
            snprintf(cd, sizeof cd, "attachment; filename=\"%.500s\"", w->filename);
            MHD_add_response_header(resp, "Content-Disposition", cd);
        }
        c->bytes = len;
    }
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if ((w->is_api || w->stream) && !has_header(w, "Cache-Control"))
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (size_t i = 0; i < w->n_headers; i++)
        MHD_add_response_header(resp, w->headers[i].name, w->headers[i].value);
    c->status = w->status ? w->status : 500;
    enum MHD_Result rc = MHD_queue_response(c->mc, (unsigned)c->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

/* ---- the access log ------------------------------------------------------ */

/* One line: time, method, path with only the query's keys, status, bytes,
 * µs, login ("-"). Never a value of the query, a header, a cookie or a body. */
static void log_request(const struct http_conn *c)
{
    if (!http_srv->log)
        return;
    struct buf b;
    buf_init(&b, 8192);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    buf_printf(&b, "%s %s ", when, c->method);
    /* the path as it came (still percent-encoded: one line, no control bytes) */
    for (const char *p = c->raw_path; *p && b.len < 1000; p++)
        buf_putc(&b, (unsigned char)*p < 0x21 || *p == 0x7f ? '?' : *p);
    for (size_t i = 0; i < c->n_args; i++) {
        buf_putc(&b, i ? '&' : '?');
        for (const char *p = c->args[i].key; *p && b.len < 2000; p++)
            buf_putc(&b, (unsigned char)*p < 0x21 || *p == 0x7f ? '?' : *p);
    }
    buf_printf(&b, " %d %zu %lldus %s\n", c->status, c->bytes,
               (long long)(http_now_us() - c->t0_us), c->login[0] ? c->login : "-");
    pthread_mutex_lock(&http_srv->log_lock);
    fputs(buf_str(&b), http_srv->log);
    fflush(http_srv->log);
    pthread_mutex_unlock(&http_srv->log_lock);
    buf_free(&b);
}

/* ---- the access handler ------------------------------------------------- */

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct http_conn *c = cls;
    char *k = http_decode(key, strlen(key), true);
    char *v = value ? http_decode(value, strlen(value), true) : xstrdup("");
    if (!k || !v) {
        free(k);
        free(v);
        return MHD_YES; /* an argument that does not decode is left out */
    }
    c->args = xrealloc(c->args, (c->n_args + 1) * sizeof *c->args);
    c->args[c->n_args].key = k;
    c->args[c->n_args].value = v;
    c->n_args++;
    return MHD_YES;
}

static void conn_free(struct http_conn *c)
{
    for (size_t i = 0; i < c->n_args; i++) {
        free(c->args[i].key);
        free(c->args[i].value);
    }
    free(c->args);
    free(c->method);
    free(c->raw_path);
    free(c->body);
    http_resp_free(&c->resp);
    free(c);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct http_conn *c = *con_cls;
    if (!c) {
        c = xcalloc(1, sizeof *c);
        c->mc = mc;
        c->t0_us = http_now_us();
        c->method = xstrdup(method);
        c->raw_path = xstrdup(url && *url ? url : "/");
        bool import =
            strcmp(method, "POST") == 0 && (strcmp(c->raw_path, "/api/import") == 0 ||
                                            strncmp(c->raw_path, "/api/ingest/", 12) == 0);
        c->body_limit = import ? HTTP_IMPORT_BODY_LIMIT : HTTP_BODY_LIMIT;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                          c->remote_addr, sizeof c->remote_addr);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                          c->remote_addr, sizeof c->remote_addr);
        }
        MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_arg, c);
        const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
        int64_t n;
        if (cl && str_to_i64(cl, &n) && n > (int64_t)c->body_limit)
            c->too_large = true;
        atomic_fetch_add(&active_requests, 1);
        *con_cls = c;
        if (c->too_large) {
            /* answer now, before reading a body we would throw away */
            http_dispatch(c);
            return send_answer(c);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (c->too_large || c->body_len + n > c->body_limit) {
            c->too_large = true;
            free(c->body);
            c->body = NULL;
            c->body_len = c->body_cap = 0;
            return MHD_YES;
        }
        if (c->body_len + n + 1 > c->body_cap) {
            size_t cap = c->body_cap ? c->body_cap : 4096;
            while (cap < c->body_len + n + 1)
                cap *= 2;
            c->body = xrealloc(c->body, cap);
            c->body_cap = cap;
        }
        memcpy(c->body + c->body_len, upload_data, n);
        c->body_len += n;
        c->body[c->body_len] = '\0';
        return MHD_YES;
    }
    if (c->status) /* answered already (too large) */
        return MHD_YES;
    http_dispatch(c);
    return send_answer(c);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)mc;
    (void)toe;
    struct http_conn *c = *con_cls;
    if (!c)
        return;
    *con_cls = NULL;
    if (!c->status)
        c->status = 499; /* the client went away before an answer */
    log_request(c);
    if (c->stream) /* made but never handed to a response */
        ev_free(c->stream);
    conn_free(c);
    atomic_fetch_sub(&active_requests, 1);
}

/* Leave the URL as it came: the router decodes segment by segment (so an
 * encoded '/' never becomes a separator). */
static size_t keep_url(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

/* ---- the command -------------------------------------------------------- */

static const char *flag_names[] = {"public", "write", "no_app", "stream", "cache", "ingest"};

static int print_routes(FILE *out)
{
    size_t n;
    const struct route *const *routes = http_routes(&n);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct route *r = routes[i];
        json_t *o = json_object();
        json_object_set_new(o, "method", json_string(r->method));
        json_object_set_new(o, "pattern", json_string(r->pattern));
        const char *role = r->min_role == ROLE_ADMIN     ? "admin"
                           : r->min_role == ROLE_MANAGER ? "manager"
                           : r->min_role == ROLE_REP     ? "rep"
                                                         : "none";
        json_object_set_new(o, "min_role", json_string(role));
        json_t *flags = json_array();
        for (unsigned b = 0; b < sizeof flag_names / sizeof flag_names[0]; b++)
            if (r->flags & (1u << b))
                json_array_append_new(flags, json_string(flag_names[b]));
        json_object_set_new(o, "flags", flags);
        json_object_set_new(o, "summary", json_string(r->summary ? r->summary : ""));
        json_array_append_new(all, o);
    }
    char *text = json_dumps(all, JSON_INDENT(2));
    json_decref(all);
    fprintf(out, "%s\n", text ? text : "[]");
    free(text);
    return 0;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT" → a bound, listening socket; -1 with MSG. */
static int listen_on(const char *spec, char *shown, size_t shown_size, char *msg, size_t msg_size)
{
    char host[256] = "";
    const char *colon = strrchr(spec, ':');
    if (!colon) {
        snprintf(msg, msg_size, "--listen %s: give HOST:PORT (127.0.0.1:8080)", spec);
        return -1;
    }
    size_t hl = (size_t)(colon - spec);
    if (hl >= sizeof host) {
        snprintf(msg, msg_size, "--listen %s: the host is too long", spec);
        return -1;
    }
    memcpy(host, spec, hl);
    host[hl] = '\0';
    int64_t port;
    if (!str_to_i64(colon + 1, &port) || port < 0 || port > 65535) {
        snprintf(msg, msg_size, "--listen %s: the port must be 0-65535", spec);
        return -1;
    }
    bool v6 = host[0] == '[';
    if (v6) {
        size_t l = strlen(host);
        if (l < 2 || host[l - 1] != ']') {
            snprintf(msg, msg_size, "--listen %s: an IPv6 address goes in [brackets]", spec);
            return -1;
        }
        memmove(host, host + 1, l - 2);
        host[l - 2] = '\0';
    }
    struct sockaddr_storage ss = {0};
    socklen_t sl;
    if (v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1) {
            snprintf(msg, msg_size, "--listen %s: \"%s\" is not an IPv6 address", spec, host);
            return -1;
        }
        sl = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (!*host)
            a->sin_addr.s_addr = htonl(INADDR_ANY);
        else if (strcmp(host, "localhost") == 0)
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        else if (inet_pton(AF_INET, host, &a->sin_addr) != 1) {
            snprintf(msg, msg_size, "--listen %s: \"%s\" is not an IPv4 address", spec, host);
            return -1;
        }
        sl = sizeof *a;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 128) != 0) {
        snprintf(msg, msg_size, "--listen %s: %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    char addr[INET6_ADDRSTRLEN] = "";
    if (v6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof addr);
        snprintf(shown, shown_size, "http://[%s]:%u", addr,
                 ntohs(((struct sockaddr_in6 *)&ss)->sin6_port));
    } else {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof addr);
        if (strcmp(addr, "0.0.0.0") == 0)
            snprintf(addr, sizeof addr, "127.0.0.1");
        snprintf(shown, shown_size, "http://%s:%u", addr,
                 ntohs(((struct sockaddr_in *)&ss)->sin_port));
    }
    return fd;
}

static const char USAGE[] =
    "usage: attain serve [--listen HOST:PORT] [--db PATH] [--base-url URL] [--assets-dir DIR]\n"
    "                    [--threads N] [--log FILE] [--routes]\n";

int http_serve(int argc, char **argv, const struct http_serve_opts *opts)
{
    const char *listen_spec = "127.0.0.1:8080", *db_path = opts->db_path;
    const char *base_url = NULL, *assets_dir = NULL, *log_path = NULL;
    int64_t threads = 4;
    bool routes = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (strcmp(a, "--routes") == 0) {
            routes = true;
            continue;
        }
        if (strcmp(a, "--listen") == 0)
            dst = &listen_spec;
        else if (strcmp(a, "--db") == 0)
            dst = &db_path;
        else if (strcmp(a, "--base-url") == 0)
            dst = &base_url;
        else if (strcmp(a, "--assets-dir") == 0)
            dst = &assets_dir;
        else if (strcmp(a, "--log") == 0)
            dst = &log_path;
        else if (strcmp(a, "--threads") == 0) {
            if (i + 1 >= argc || !str_to_i64(argv[i + 1], &threads) || threads < 1 ||
                threads > 64) {
                fprintf(stderr, "attain serve: --threads needs a number 1-64\n");
                return 2;
            }
            i++;
            continue;
        } else {
            fprintf(stderr, "attain serve: unknown argument \"%s\"\n%s", a, USAGE);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "attain serve: %s needs a value\n", a);
            return 2;
        }
        *dst = argv[++i];
    }
    if (routes)
        return print_routes(stdout);
    if (base_url && strncmp(base_url, "https://", 8) != 0 && strncmp(base_url, "http://", 7) != 0) {
        fprintf(stderr, "attain serve: --base-url %s: give http://… or https://…\n", base_url);
        return 2;
    }

    struct http_server srv = {0};
    srv.db_path = db_path;
    srv.base_url = base_url;
    srv.secure = base_url && strncmp(base_url, "https://", 8) == 0;
    srv.assets_dir = assets_dir;
    srv.hold_ms = opts->hold_ms;
    srv.debug_now = opts->debug_now;
    srv.log = stderr;
    pthread_mutex_init(&srv.log_lock, NULL);
    if (log_path && !(srv.log = fopen(log_path, "a"))) {
        fprintf(stderr, "attain serve: --log %s: %s\n", log_path, strerror(errno));
        return 6;
    }
    int rc = 0;
    struct app *app = NULL;
    struct at_err err = {AT_OK, ""};
    if (app_open(db_path, &app, &err)) {
        fprintf(stderr, "attain serve: %s\n", err.msg);
        rc = at_status_exit_code(err.status);
        goto out_log;
    }
    char context[256];
    app_engine_context(app, context, sizeof context);
    app_close(app);
    if (engine_owner_new(db_path, context, &srv.owner, &err)) {
        fprintf(stderr, "attain serve: %s\n", err.msg);
        rc = at_status_exit_code(err.status);
        goto out_log;
    }
    char shown[128], msg[512];
    int fd = listen_on(listen_spec, shown, sizeof shown, msg, sizeof msg);
    if (fd < 0) {
        fprintf(stderr, "attain serve: %s\n", msg);
        rc = 2;
        goto out_owner;
    }
    http_srv = &srv;
    pthread_key_create(&app_key, close_thread_app);

    /* SIGTERM and SIGINT are waited for here; every thread started from now on
     * inherits the mask, so none of them is interrupted by one. */
    sigset_t stop_set;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGTERM);
    sigaddset(&stop_set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
        on_request, NULL, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK, keep_url, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "attain serve: the HTTP server did not start on %s\n", listen_spec);
        close(fd);
        rc = 6;
        goto out_key;
    }
    atomic_store(&watcher_stop, 0);
    pthread_create(&watcher, NULL, watch, NULL);
    printf("attain serve: listening on %s (database %s)\n", shown, db_path);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop_set, &sig);
    fprintf(stderr, "attain serve: %s: finishing the requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    /* stop accepting; end the event streams; wait for the rest to finish */
    int lfd = MHD_quiesce_daemon(d);
    if (lfd >= 0)
        close(lfd);
    pthread_mutex_lock(&ev_lock);
    ev_stopping = true;
    struct MHD_Connection **list;
    size_t n = ev_collect(true, &list);
    pthread_mutex_unlock(&ev_lock);
    ev_resume(list, n);
    for (int waited = 0; atomic_load(&active_requests) > 0 && waited < 30000; waited += 20) {
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    atomic_store(&watcher_stop, 1);
    pthread_join(watcher, NULL);
    MHD_stop_daemon(d);
    gzip_cache_free();
    fprintf(stderr, "attain serve: stopped\n");
out_key:
    http_srv = NULL;
    pthread_key_delete(app_key);
out_owner:
    engine_owner_free(srv.owner);
out_log:
    if (srv.log && srv.log != stderr)
        fclose(srv.log);
    pthread_mutex_destroy(&srv.log_lock);
    return rc;
}
