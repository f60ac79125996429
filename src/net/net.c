/*
 * net.c — HTTP POST and SMTP send through libcurl (net.h). One easy handle
 * per call; curl_global_init runs once (pthread_once), as libcurl asks.
 *
 * libcurl is loaded on first use (dlopen of its soname), not linked: linked,
 * it and the twenty-odd libraries it pulls in (TLS, SSH, LDAP, Kerberos,
 * HTTP/2, IDN...) were mapped and relocated at the start of every attain
 * process — about 7 ms and 160 page faults of each cold `attain metric` on
 * the bench machine (a sixth of it), for the few commands that send.
 * The header is used for the types and constants only.
 */
#include "net/net.h"

#define CURL_DISABLE_TYPECHECK /* the calls below go through pointers */
#include <curl/curl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/dynlib.h"

#define NET_CURL_SONAME "libcurl.so.4"

/* The libcurl functions net.c calls, resolved by net_global_init. */
static struct {
    CURLcode (*global_init)(long);
    const char *(*easy_strerror)(CURLcode);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    void (*url_cleanup)(CURLU *);
    void (*free)(void *);
} lc;

#undef curl_easy_setopt /* curl.h's own pass-through macros */
#undef curl_easy_getinfo
#define curl_global_init    (*lc.global_init)
#define curl_easy_strerror  (*lc.easy_strerror)
#define curl_easy_init      (*lc.easy_init)
#define curl_easy_setopt    (*lc.easy_setopt)
#define curl_easy_perform   (*lc.easy_perform)
#define curl_easy_getinfo   (*lc.easy_getinfo)
#define curl_easy_cleanup   (*lc.easy_cleanup)
#define curl_slist_append   (*lc.slist_append)
#define curl_slist_free_all (*lc.slist_free_all)
#define curl_url            (*lc.url)
#define curl_url_set        (*lc.url_set)
#define curl_url_get        (*lc.url_get)
#define curl_url_cleanup    (*lc.url_cleanup)
#define curl_free           (*lc.free)

static pthread_once_t net_once = PTHREAD_ONCE_INIT;
static CURLcode net_global_status = CURLE_OK;
static char net_load_error[256]; /* why libcurl could not be loaded; "" when it was */

/* Load libcurl and resolve every function above (the handle is kept for the
 * life of the process), then curl_global_init. */
static void net_global_init(void)
{
    static const struct dyn_sym fns[] = {
        {"curl_global_init", (void **)&lc.global_init},
        {"curl_easy_strerror", (void **)&lc.easy_strerror},
        {"curl_easy_init", (void **)&lc.easy_init},
        {"curl_easy_setopt", (void **)&lc.easy_setopt},
        {"curl_easy_perform", (void **)&lc.easy_perform},
        {"curl_easy_getinfo", (void **)&lc.easy_getinfo},
        {"curl_easy_cleanup", (void **)&lc.easy_cleanup},
        {"curl_slist_append", (void **)&lc.slist_append},
        {"curl_slist_free_all", (void **)&lc.slist_free_all},
        {"curl_url", (void **)&lc.url},
        {"curl_url_set", (void **)&lc.url_set},
        {"curl_url_get", (void **)&lc.url_get},
        {"curl_url_cleanup", (void **)&lc.url_cleanup},
        {"curl_free", (void **)&lc.free},
    };
    if (!dyn_load(NET_CURL_SONAME, fns, sizeof fns / sizeof fns[0], net_load_error,
                  sizeof net_load_error))
        return;
    net_global_status = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Is libcurl there (loading it on the first call)? */
static bool net_loaded(void)
{
    pthread_once(&net_once, net_global_init);
    return net_load_error[0] == '\0';
}

static CURL *net_easy(struct at_err *err)
{
    if (!net_loaded()) {
        at_err_set(err, AT_IO, "network: libcurl could not be loaded: %s", net_load_error);
        return NULL;
    }
    if (net_global_status != CURLE_OK) {
        at_err_set(err, AT_IO, "network: libcurl could not start: %s",
                   curl_easy_strerror(net_global_status));
        return NULL;
    }
    CURL *c = curl_easy_init();
    if (!c)
        at_err_set(err, AT_IO, "network: libcurl could not start");
    return c;
}

void net_url_redact(const char *url, char *out, size_t size)
{
    snprintf(out, size, "****");
    CURLU *u = net_loaded() ? curl_url() : NULL;
    if (!u)
        return;
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        char first[128] = "";
        bool more = false;
        if (path && path[0] == '/' && path[1]) {
            const char *slash = strchr(path + 1, '/');
            size_t n = slash ? (size_t)(slash - path) : strlen(path);
            if (n >= sizeof first)
                n = 0;
            memcpy(first, path, n);
            first[n] = '\0';
            more = slash != NULL || n == 0;
        }
        char *query = NULL;
        if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query && *query)
            more = true;
        curl_free(query);
        snprintf(out, size, "%s://%s%s%s%s%s", scheme, host, port ? ":" : "", port ? port : "",
                 first, more ? "/****" : "");
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
}

static int url_scheme_is(const char *url, const char *a, const char *b)
{
    CURLU *u = net_loaded() ? curl_url() : NULL;
    if (!u)
        return 0;
    char *scheme = NULL, *host = NULL;
    int ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host &&
             (!strcmp(scheme, a) || !strcmp(scheme, b)) &&
             (!strncmp(url, a, strlen(a)) || !strncmp(url, b, strlen(b)));
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

int net_url_is_http(const char *url)
{
    return url_scheme_is(url, "http", "https");
}

int net_url_is_smtp(const char *url)
{
    return url_scheme_is(url, "smtp", "smtps");
}

struct sink {
    struct net_reply *r;
    size_t n;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct sink *s = userdata;
    size_t len = size * nmemb, room = sizeof s->r->body - 1 - s->n;
    size_t take = len < room ? len : room;
    memcpy(s->r->body + s->n, ptr, take);
    s->n += take;
    s->r->body[s->n] = '\0';
    return len; /* the rest is read and dropped: the reply is capped */
}

enum at_status net_http_post(const char *url, const char *content_type, const char *body,
                             size_t len, long timeout_ms, struct net_reply *reply,
                             struct at_err *err)
{
    memset(reply, 0, sizeof *reply);
    CURL *c = net_easy(err);
    if (!c)
        return AT_IO;
    char header[160], shown[256];
    snprintf(header, sizeof header, "Content-Type: %s", content_type);
    struct curl_slist *headers = curl_slist_append(NULL, header);
    struct sink s = {reply, 0};
    char why[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "attain");
    CURLcode rc = curl_easy_perform(c);
    enum at_status st = AT_OK;
    if (rc != CURLE_OK) {
        net_url_redact(url, shown, sizeof shown);
        st = at_err_set(err, AT_IO, "POST %s: %s", shown, why[0] ? why : curl_easy_strerror(rc));
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply->status);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return st;
}

struct upload {
    const char *p;
    size_t left;
};

static size_t on_read(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct upload *u = userdata;
    size_t room = size * nmemb, take = u->left < room ? u->left : room;
    memcpy(ptr, u->p, take);
    u->p += take;
    u->left -= take;
    return take;
}

enum at_status net_smtp_send(const char *url, const char *from, const char *const *to, size_t n_to,
                             const char *message, size_t len, long timeout_ms, struct at_err *err)
{
    CURL *c = net_easy(err);
    if (!c)
        return AT_IO;
    char shown[256], addr[320];
    struct curl_slist *rcpt = NULL;
    for (size_t i = 0; i < n_to; i++) {
        snprintf(addr, sizeof addr, "<%s>", to[i]);
        rcpt = curl_slist_append(rcpt, addr);
    }
    char from_addr[320];
    snprintf(from_addr, sizeof from_addr, "<%s>", from);
    struct upload up = {message, len};
    char why[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
    CURLcode rc = curl_easy_perform(c);
    enum at_status st = AT_OK;
    if (rc != CURLE_OK) {
        net_url_redact(url, shown, sizeof shown);
        st = at_err_set(err, AT_IO, "SMTP %s: %s", shown, why[0] ? why : curl_easy_strerror(rc));
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return st;
}
