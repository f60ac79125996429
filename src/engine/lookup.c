/* lookup.c — lookups by typed value (lookup.h). */
#include "engine/lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "engine/engine_internal.h"

enum at_status engine_filter_add_term(const struct engine *e, struct metric_filter *f,
                                      const struct filter_term *t, struct at_err *err)
{
    /* The interning lives in engine.c (its string tables are private there);
     * the key is already checked, so only the tag limit can fail. To fold
     * into the engine's filter code when engine.c is split. */
    char kv[16 + FILTER_VALUE_MAX];
    snprintf(kv, sizeof kv, "%s=%s", filter_key_name(t->key), t->value);
    return engine_filter_add(e, f, kv, err);
}

/* The distinct values of field KEY in E's data. */
static const struct strtab *field_values(const struct engine *e, enum filter_key key)
{
    switch (key) {
    case FILTER_PRODUCT:
        return &e->products;
    case FILTER_SEGMENT:
        return &e->segments;
    case FILTER_REGION:
        return &e->regions;
    case FILTER_TAG:
        return &e->tagnames;
    case FILTER_STAGE:
    default:
        return &e->stages;
    }
}

/* S split into characters (UTF-8 sequences): START[i] is where the i-th
 * begins; returns how many (at most MAX). */
static size_t split_chars(const char *s, size_t *start, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; s[i] && n < max; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            start[n++] = i;
    return n;
}

/* Are the characters at A and B (each up to the next lead byte) the same,
 * ASCII letters of either case being equal? */
static bool same_char(const char *a, const char *b)
{
    size_t i = 0;
    do {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
        i++;
    } while ((((unsigned char)a[i] & 0xC0) == 0x80) || (((unsigned char)b[i] & 0xC0) == 0x80));
    return true;
}

/* Characters (UTF-8 sequences) in S. */
static size_t n_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

#define DIST_CHARS FILTER_VALUE_MAX /* a value has at most this many characters */

/* The edit distance (Levenshtein: insert, delete, replace one character) of
 * A and B by characters, ASCII case ignored; only the first DIST_CHARS
 * characters of each count. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t sa[DIST_CHARS], sb[DIST_CHARS], row[DIST_CHARS + 1];
    size_t na = split_chars(a, sa, DIST_CHARS), nb = split_chars(b, sb, DIST_CHARS);
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (same_char(a + sa[i - 1], b + sb[j - 1]) ? 0 : 1);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

enum at_status engine_filter_value_check(const struct engine *e, const struct filter_term *t,
                                         struct at_err *err)
{
    const struct strtab *tab = field_values(e, t->key);
    const char *key = filter_key_name(t->key);
    for (size_t i = 0; i < tab->n; i++)
        if (strcmp(STR(e, tab->off[i]), t->value) == 0)
            return AT_OK;
    if (tab->n == 0)
        return at_err_set(err, AT_NOT_FOUND, "no %s is '%s': the data has no %s values", key,
                          t->value, key);
    /* the nearest values: at most FILTER_NEAREST, closest first and by name
     * among equals, none that differs in more than 4 of 5 characters (of the
     * longer of the two: "Consumr" is near "Corporate", not "Home Office") */
    enum { FILTER_NEAREST = 3 };
    size_t best[FILTER_NEAREST], dist[FILTER_NEAREST], n_best = 0;
    size_t given = n_chars(t->value);
    for (size_t i = 0; i < tab->n; i++) {
        const char *v = STR(e, tab->off[i]);
        size_t d = edit_distance(t->value, v), longer = n_chars(v);
        if (given > longer)
            longer = given;
        if (d * 5 > longer * 4)
            continue;
        size_t k = n_best;
        while (k > 0 && (dist[k - 1] > d ||
                         (dist[k - 1] == d && strcmp(STR(e, tab->off[best[k - 1]]), v) > 0)))
            k--;
        if (k >= FILTER_NEAREST)
            continue;
        size_t last = n_best < FILTER_NEAREST ? n_best : FILTER_NEAREST - 1;
        for (size_t m = last; m > k; m--) {
            best[m] = best[m - 1];
            dist[m] = dist[m - 1];
        }
        best[k] = i;
        dist[k] = d;
        if (n_best < FILTER_NEAREST)
            n_best++;
    }
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n_best; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", STR(e, tab->off[best[i]]));
    enum at_status st;
    if (n_best)
        st =
            at_err_set(err, AT_NOT_FOUND, "no %s is '%s'; nearest: %s", key, t->value, buf_str(&b));
    else {
        for (size_t i = 0; i < tab->n && i < 10; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", STR(e, tab->off[i]));
        if (tab->n > 10)
            buf_printf(&b, " ... (%zu in all)", tab->n);
        st = at_err_set(err, AT_NOT_FOUND, "no %s is '%s'; the data has: %s", key, t->value,
                        buf_str(&b));
    }
    buf_free(&b);
    return st;
}
