/*
 * resp.c — http.h's response builders (JSON, tables as JSON/CSV/XLSX,
 * errors, bytes, headers) and the request accessors handlers use (query
 * arguments, headers, body fields, cookies); percent-decoding and the choice
 * of the request's language.
 */
#include <ctype.h>
#include "http/mhd.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/str.h"
#include "http/internal.h"
#include "view/table.h"

int64_t http_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *http_decode(const char *src, size_t len, bool plus_space)
{
    char *out = xmalloc(len + 1);
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = src[i];
        if (ch == '%') {
            if (i + 2 >= len) {
                free(out);
                return NULL;
            }
            int hi = hexval(src[i + 1]), lo = hexval(src[i + 2]);
            if (hi < 0 || lo < 0) {
                free(out);
                return NULL;
            }
            ch = (char)(hi * 16 + lo);
            i += 2;
        } else if (ch == '+' && plus_space) {
            ch = ' ';
        }
        if (ch == '\0') {
            free(out);
            return NULL;
        }
        out[k++] = ch;
    }
    out[k] = '\0';
    return out;
}

const char *http_pick_lang(const char *user_lang, const char *accept_language)
{
    if (user_lang && (strcmp(user_lang, "zh") == 0 || strcmp(user_lang, "en") == 0))
        return strcmp(user_lang, "zh") == 0 ? "zh" : "en";
    if (accept_language) {
        /* the first language named decides: "zh-CN,zh;q=0.9,en;q=0.8" → zh */
        const char *p = accept_language;
        while (*p == ' ')
            p++;
        if ((p[0] == 'z' || p[0] == 'Z') && (p[1] == 'h' || p[1] == 'H'))
            return "zh";
        if ((p[0] == 'e' || p[0] == 'E') && (p[1] == 'n' || p[1] == 'N'))
            return "en";
    }
    return "en";
}

const char *http_query(const struct http_req *r, const char *key)
{
    if (!r->conn)
        return NULL;
    for (size_t i = 0; i < r->conn->n_args; i++)
        if (strcmp(r->conn->args[i].key, key) == 0)
            return r->conn->args[i].value;
    return NULL;
}

const char *http_header(const struct http_req *r, const char *name)
{
    if (!r->conn || !r->conn->mc)
        return NULL;
    return MHD_lookup_connection_value(r->conn->mc, MHD_HEADER_KIND, name);
}

const char *http_cookie(const struct http_req *r, const char *name)
{
    if (!r->conn || !r->conn->mc)
        return NULL;
    return MHD_lookup_connection_value(r->conn->mc, MHD_COOKIE_KIND, name);
}

const char *http_body_str(const struct http_req *r, const char *key)
{
    if (!r->json || !json_is_object(r->json))
        return NULL;
    json_t *v = json_object_get(r->json, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

void http_resp_free(struct http_resp *w)
{
    free(w->content_type);
    free(w->body);
    free(w->filename);
    for (size_t i = 0; i < w->n_headers; i++) {
        free(w->headers[i].name);
        free(w->headers[i].value);
    }
    bool is_api = w->is_api;
    memset(w, 0, sizeof *w);
    w->is_api = is_api;
}

/* Replace what W holds with STATUS and BYTES (taken). */
static void set_body(struct http_resp *w, int status, const char *content_type,
                     unsigned char *bytes, size_t len, const char *filename)
{
    free(w->content_type);
    free(w->body);
    free(w->filename);
    w->status = status;
    w->content_type = xstrdup(content_type);
    w->body = bytes;
    w->len = len;
    w->filename = filename ? xstrdup(filename) : NULL;
    w->gzip_key = NULL; /* new bytes: not the ones a kept gzip was made of */
}

void http_json(struct http_resp *w, int status, json_t *body)
{
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (!text) {
        http_error(w, 500, "internal", NULL, "the answer could not be written as JSON");
        return;
    }
    size_t n = strlen(text);
    unsigned char *copy = xmalloc(n + 1);
    memcpy(copy, text, n + 1);
    free(text);
    set_body(w, status, "application/json; charset=utf-8", copy, n, NULL);
}

void http_error(struct http_resp *w, int status, const char *code, const char *field,
                const char *fmt, ...)
{
    char msg[AT_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(code));
    /* a message that is not UTF-8 (a path of bytes) must still be JSON */
    json_t *m = json_string(msg);
    json_object_set_new(e, "message", m ? m : json_string("(message not UTF-8)"));
    if (field)
        json_object_set_new(e, "field", json_string(field));
    json_t *body = json_object();
    json_object_set_new(body, "error", e);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    size_t n = text ? strlen(text) : 0;
    unsigned char *copy = xmalloc(n + 1);
    memcpy(copy, text ? text : "", n + 1);
    free(text);
    set_body(w, status, "application/json; charset=utf-8", copy, n, NULL);
}

void http_at_error(struct http_resp *w, const struct at_err *err, const char *field)
{
    int status = err->status == AT_INVALID ? 422 : at_status_http(err->status);
    char code[32];
    snprintf(code, sizeof code, "%s", at_status_name(err->status));
    for (char *p = code; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    http_error(w, status, code, field, "%s", err->msg);
}

void http_bytes(struct http_resp *w, int status, const char *content_type, const void *bytes,
                size_t len, const char *filename)
{
    unsigned char *copy = xmalloc(len + 1);
    if (len)
        memcpy(copy, bytes, len);
    copy[len] = 0;
    set_body(w, status, content_type, copy, len, filename);
}

void http_set_header(struct http_resp *w, const char *name, const char *value)
{
    if (w->n_headers >= HTTP_MAX_HEADERS)
        return;
    w->headers[w->n_headers].name = xstrdup(name);
    w->headers[w->n_headers].value = xstrdup(value);
    w->n_headers++;
}

void http_table(struct http_resp *w, const struct http_req *r, const char *key,
                const struct table *t, const char *filename_base)
{
    const char *format = http_query(r, "format");
    char name[256];
    if (!format || strcmp(format, "json") == 0) {
        struct at_err err = {AT_OK, ""};
        if (table_check_utf8(t, &err)) {
            http_at_error(w, &err, NULL);
            return;
        }
        json_t *body = json_object();
        json_object_set_new(body, key, table_json(t));
        http_json(w, 200, body);
    } else if (strcmp(format, "csv") == 0) {
        struct buf b;
        buf_init(&b, 0);
        buf_append(&b, "\xEF\xBB\xBF", 3); /* the BOM: Excel reads the file as UTF-8 */
        for (size_t i = 0; i <= t->n_rows; i++)
            table_csv_line(t, i, &b);
        size_t n = b.len;
        char *data = buf_take(&b);
        snprintf(name, sizeof name, "%s.csv", filename_base);
        set_body(w, 200, "text/csv; charset=utf-8", (unsigned char *)data, n, name);
    } else if (strcmp(format, "xlsx") == 0) {
        char path[] = "/tmp/attain-xlsx-XXXXXX";
        int fd = mkstemp(path);
        if (fd < 0) {
            http_error(w, 500, "io", NULL, "no temporary file for the workbook");
            return;
        }
        close(fd);
        struct at_err err = {AT_OK, ""};
        if (table_xlsx_file(t, path, &err)) {
            unlink(path);
            http_at_error(w, &err, NULL);
            return;
        }
        FILE *f = fopen(path, "rb");
        struct buf b;
        buf_init(&b, 0);
        char chunk[65536];
        size_t got;
        while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_append(&b, chunk, got);
        if (f)
            fclose(f);
        unlink(path);
        size_t n = b.len;
        char *data = buf_take(&b);
        snprintf(name, sizeof name, "%s.xlsx", filename_base);
        set_body(w, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 (unsigned char *)data, n, name);
    } else {
        http_error(w, 400, "invalid", "format", "format=%s: choose json, csv or xlsx", format);
    }
}
