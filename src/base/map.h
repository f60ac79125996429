/*
 * map.h — a string → int64 hash map (open addressing, linear probing).
 *
 * Keys are copied into the map's own storage; values are int64. Used for
 * reference lookups during import (external id → row id, name → row id).
 * Allocation failure aborts.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct map_slot {
    char *key; /* NULL when empty */
    uint64_t hash;
    int64_t value;
};

struct map {
    struct map_slot *slots;
    size_t cap; /* power of two */
    size_t count;
    /* the keys, copied into chunks (freed together by map_free) */
    char *chunk; /* the current chunk: a pointer to the previous one, then keys */
    size_t used, room;
};

void map_init(struct map *m);
void map_free(struct map *m);
/* Set KEY to VALUE (insert or replace). */
void map_put(struct map *m, const char *key, int64_t value);
/* The value of KEY into *VALUE; false when absent. */
bool map_get(const struct map *m, const char *key, int64_t *value);
/* The value of KEY into *FOUND (true) or, when absent, KEY set to VALUE
 * (false): one lookup where map_get then map_put take two. */
bool map_get_or_put(struct map *m, const char *key, int64_t value, int64_t *found);
