/* map.c — string → int64 hash map with linear probing, grown at 70% load. */
#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/str.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    /* fmix64 (MurmurHash3): the low bits, which pick the slot, depend on all
     * bits of every byte (FNV-1a's low bits see only the bytes' low bits) */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

void map_init(struct map *m)
{
    m->slots = NULL;
    m->cap = m->count = 0;
    m->chunk = NULL;
    m->used = m->room = 0;
}

void map_free(struct map *m)
{
    while (m->chunk) {
        char *prev;
        memcpy(&prev, m->chunk, sizeof prev);
        free(m->chunk);
        m->chunk = prev;
    }
    free(m->slots);
    map_init(m);
}

/* A copy of KEY in the map's chunks: one malloc per 64 KiB of keys, not per key. */
static char *key_copy(struct map *m, const char *key)
{
    size_t n = strlen(key) + 1;
    if (m->used + n > m->room) {
        size_t size = sizeof(char *) + (n > 65536 ? n : 65536);
        char *c = xmalloc(size);
        memcpy(c, &m->chunk, sizeof m->chunk);
        m->chunk = c;
        m->used = sizeof(char *);
        m->room = size;
    }
    char *k = m->chunk + m->used;
    memcpy(k, key, n);
    m->used += n;
    return k;
}

static struct map_slot *find(const struct map *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct map_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

static void grow(struct map *m)
{
    struct map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.slots[i].key)
            continue;
        *find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    }
    free(old.slots);
}

void map_put(struct map *m, const char *key, int64_t value)
{
    if ((m->count + 1) * 10 >= m->cap * 7)
        grow(m);
    uint64_t h = hash_str(key);
    struct map_slot *s = find(m, key, h);
    if (!s->key) {
        s->key = key_copy(m, key);
        s->hash = h;
        m->count++;
    }
    s->value = value;
}

bool map_get(const struct map *m, const char *key, int64_t *value)
{
    if (!m->cap)
        return false;
    struct map_slot *s = find(m, key, hash_str(key));
    if (!s->key)
        return false;
    *value = s->value;
    return true;
}

bool map_get_or_put(struct map *m, const char *key, int64_t value, int64_t *found)
{
    if ((m->count + 1) * 10 >= m->cap * 7)
        grow(m);
    uint64_t h = hash_str(key);
    struct map_slot *s = find(m, key, h);
    if (s->key) {
        *found = s->value;
        return true;
    }
    s->key = key_copy(m, key);
    s->hash = h;
    s->value = value;
    m->count++;
    return false;
}
