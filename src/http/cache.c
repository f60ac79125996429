/*
 * cache.c — answers kept per server thread until the data changes (see
 * cache.h). A small table: at most CACHE_SLOTS answers of at most
 * CACHE_MAX_BODY bytes each; a full table drops its least recently used.
 */
#include "http/cache.h"

#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "http/internal.h"

#define CACHE_SLOTS    64
#define CACHE_MAX_BODY (1u << 20)

struct slot {
    char *key; /* NULL = free */
    int64_t data_version, writes;
    uint64_t used; /* the clock of its last use */
    char *content_type;
    unsigned char *body;
    size_t len;
};

struct resp_cache {
    struct slot slots[CACHE_SLOTS];
    uint64_t clock;
};

struct resp_cache *resp_cache_new(void)
{
    return xcalloc(1, sizeof(struct resp_cache));
}

static void slot_clear(struct slot *s)
{
    free(s->key);
    free(s->content_type);
    free(s->body);
    memset(s, 0, sizeof *s);
}

void resp_cache_free(struct resp_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        slot_clear(&c->slots[i]);
    free(c);
}

static struct slot *find(struct resp_cache *c, const char *key)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (c->slots[i].key && strcmp(c->slots[i].key, key) == 0)
            return &c->slots[i];
    return NULL;
}

bool resp_cache_get(struct resp_cache *c, const char *key, int64_t data_version, int64_t writes,
                    struct http_resp *w)
{
    struct slot *s = find(c, key);
    if (!s)
        return false;
    if (s->data_version != data_version || s->writes != writes) {
        slot_clear(s); /* computed before a change: never right again */
        return false;
    }
    s->used = ++c->clock;
    w->status = 200;
    w->content_type = xstrdup(s->content_type);
    w->body = xmalloc(s->len ? s->len : 1);
    memcpy(w->body, s->body, s->len);
    w->len = s->len;
    return true;
}

void resp_cache_put(struct resp_cache *c, const char *key, int64_t data_version, int64_t writes,
                    const struct http_resp *w)
{
    if (w->status != 200 || w->filename || w->n_headers || w->stream || !w->content_type ||
        w->len > CACHE_MAX_BODY)
        return;
    struct slot *s = find(c, key);
    if (!s) {
        s = &c->slots[0];
        for (size_t i = 0; i < CACHE_SLOTS && s->key; i++)
            if (!c->slots[i].key || c->slots[i].used < s->used)
                s = &c->slots[i];
    }
    slot_clear(s);
    s->key = xstrdup(key);
    s->data_version = data_version;
    s->writes = writes;
    s->used = ++c->clock;
    s->content_type = xstrdup(w->content_type);
    s->body = xmalloc(w->len ? w->len : 1);
    memcpy(s->body, w->body, w->len);
    s->len = w->len;
}
