/* str.c — capped growable buffers, allocation wrappers and string helpers. */
#include "base/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("attain: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("attain: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("attain: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void buf_init(struct buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit ? limit : (size_t)1 << 30;
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static enum at_status buf_reserve(struct buf *b, size_t extra)
{
    if (extra > b->limit || b->len > b->limit - extra)
        return AT_INVALID;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return AT_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
    return AT_OK;
}

enum at_status buf_append(struct buf *b, const void *data, size_t n)
{
    if (buf_reserve(b, n) != AT_OK)
        return AT_INVALID;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return AT_OK;
}

enum at_status buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

enum at_status buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

enum at_status buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || buf_reserve(b, (size_t)n) != AT_OK)
        return AT_INVALID;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return AT_OK;
}

enum at_status buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum at_status st = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return st;
}

const char *buf_str(const struct buf *b)
{
    return b->data ? b->data : "";
}

char *buf_take(struct buf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

int str_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

bool str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

size_t str_space_len(const char *p)
{
    const unsigned char *s = (const unsigned char *)p;
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' || *s == '\f')
        return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

char *str_trim(char *s)
{
    size_t start = 0, n;
    while ((n = str_space_len(s + start)) > 0)
        start += n;
    size_t len = strlen(s + start);
    memmove(s, s + start, len + 1);
    /* Scan forward remembering where the last non-space ended. */
    size_t end = 0, i = 0;
    while (s[i]) {
        n = str_space_len(s + i);
        if (n) {
            i += n;
        } else {
            i++;
            end = i;
        }
    }
    s[end] = '\0';
    return s;
}

bool str_to_i64(const char *s, int64_t *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}
