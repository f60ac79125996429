/*
 * net.c — HTTP POST and SMTP send through libcurl (net.h). One easy handle
 * per call; curl_global_init runs once (pthread_once), as libcurl asks.
 */
#include "net/net.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static pthread_once_t net_once = PTHREAD_ONCE_INIT;
static CURLcode net_global_status = CURLE_OK;

static void net_global_init(void)
{
    net_global_status = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static CURL *net_easy(struct at_err *err)
{
    pthread_once(&net_once, net_global_init);
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
    CURLU *u = curl_url();
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
    CURLU *u = curl_url();
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
