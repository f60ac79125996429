/*
 * scope.c — scopes over the engine's org: parsing and formatting their text,
 * store ids, the holders of a scope, children of a breakdown, containment
 * and peers. Read-only over the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/str.h"
#include "engine/engine_internal.h"

static bool unit_in(const struct engine *e, int32_t u, int32_t root)
{
    for (; u != NO_IDX; u = e->units[u].parent)
        if (u == root)
            return true;
    return false;
}

/* Does person P belong to scope S? */
static bool person_in(const struct engine *e, int32_t p, const struct scope *s)
{
    switch (s->kind) {
    case SCOPE_COMPANY:
        return true;
    case SCOPE_PERSON:
        return p == s->idx;
    case SCOPE_TEAM:
        for (int32_t q = p, hops = 0; q != NO_IDX && hops <= (int32_t)e->n_people;
             q = e->people[q].manager, hops++)
            if (q == s->idx)
                return true;
        return false;
    case SCOPE_UNIT:
        return unit_in(e, e->people[p].unit, s->idx);
    }
    return false;
}

/* The holders of scope S into *OUT (caller frees): a person alone, a team by
 * walking the reporting lines down, a unit's members and units, or all. */
size_t eng_scope_holders(const struct engine *e, const struct scope *s, int32_t **out)
{
    int32_t *h = xmalloc((s->kind == SCOPE_PERSON ? 1 : e->n_holders) * sizeof *h);
    size_t n = 0;
    if (s->kind == SCOPE_PERSON) {
        h[n++] = s->idx;
    } else if (s->kind == SCOPE_TEAM) {
        h[n++] = s->idx;
        for (size_t k = 0; k < n; k++) /* breadth first over the reports */
            for (int32_t r = e->report_start[h[k]]; r < e->report_start[h[k] + 1]; r++)
                if (n < e->n_people && e->reports[r] != s->idx)
                    h[n++] = e->reports[r];
    } else {
        for (size_t p = 0; p < e->n_people; p++)
            if (person_in(e, (int32_t)p, s))
                h[n++] = (int32_t)p;
        for (size_t u = 0; u < e->n_units; u++)
            if (s->kind == SCOPE_COMPANY || unit_in(e, (int32_t)u, s->idx))
                h[n++] = (int32_t)(e->n_people + u);
        if (s->kind == SCOPE_COMPANY)
            h[n++] = (int32_t)(e->n_holders - 1);
    }
    *out = h;
    return n;
}

/* Candidates sharing NAME, for an ambiguity message. */
static void list_people(const struct engine *e, const char *name, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < e->n_people && len < size; i++)
        if (strcmp(STR(e, e->people[i].name), name) == 0) {
            int32_t u = e->people[i].unit;
            char label[300];
            struct scope s = {SCOPE_PERSON, (int32_t)i};
            engine_scope_format(e, &s, label, sizeof label);
            len += (size_t)snprintf(out + len, size - len, "%s%s (id %s%s%s)", len ? ", " : "",
                                    label, STR(e, e->people[i].ext), u != NO_IDX ? ", " : "",
                                    u != NO_IDX ? STR(e, e->units[u].path) : "");
        }
}

/* The person that NAME names: an external id, an employee number, an e-mail,
 * "#ID" (store id), a name, or "NAME#NO" / "NAME#ID" (a shared name with the
 * employee number or the store id, as engine_scope_format writes it). */
static enum at_status find_person(const struct engine *e, const char *name, int32_t *out,
                                  struct at_err *err)
{
    int32_t found = NO_IDX;
    int64_t id;
    if (name[0] == '#' && str_to_i64(name + 1, &id)) {
        for (size_t i = 0; i < e->n_people; i++)
            if (e->people[i].id == id) {
                *out = (int32_t)i;
                return AT_OK;
            }
        return at_err_set(err, AT_NOT_FOUND, "no person with id %lld", (long long)id);
    }
    for (int pass = 0; pass < 4 && found == NO_IDX; pass++) {
        int hits = 0;
        for (size_t i = 0; i < e->n_people; i++) {
            const char *k = STR(e, pass == 0   ? e->people[i].ext
                                   : pass == 1 ? e->people[i].emp
                                   : pass == 2 ? e->people[i].email
                                               : e->people[i].name);
            if (*k && strcmp(k, name) == 0) {
                found = (int32_t)i;
                hits++;
            }
        }
        if (hits > 1 && pass == 3) {
            char list[600];
            list_people(e, name, list, sizeof list);
            return at_err_set(err, AT_AMBIGUOUS, "\"%s\" names %d people: %s; use the id", name,
                              hits, list);
        }
        if (hits > 1)
            found = NO_IDX;
    }
    const char *hash = strrchr(name, '#');
    if (found == NO_IDX && hash && hash > name && hash[1]) {
        /* NAME#NO or NAME#ID */
        size_t len = (size_t)(hash - name);
        bool num = str_to_i64(hash + 1, &id);
        for (size_t i = 0; i < e->n_people && found == NO_IDX; i++) {
            const struct person *p = &e->people[i];
            const char *n = STR(e, p->name);
            if (strlen(n) != len || memcmp(n, name, len) != 0)
                continue;
            if (strcmp(STR(e, p->emp), hash + 1) == 0 || (num && !*STR(e, p->emp) && p->id == id))
                found = (int32_t)i;
        }
    }
    if (found == NO_IDX)
        return at_err_set(err, AT_NOT_FOUND, "no person \"%s\"", name);
    *out = found;
    return AT_OK;
}

static enum at_status find_unit(const struct engine *e, const char *name, int32_t *out,
                                struct at_err *err)
{
    for (int pass = 0; pass < 3; pass++) {
        int hits = 0;
        int32_t found = NO_IDX;
        char list[600] = "";
        size_t len = 0;
        for (size_t i = 0; i < e->n_units; i++) {
            const char *k = STR(e, pass == 0   ? e->units[i].ext
                                   : pass == 1 ? e->units[i].path
                                               : e->units[i].name);
            if (strcmp(k, name) == 0) {
                found = (int32_t)i;
                hits++;
                if (len < sizeof list)
                    len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
                                            STR(e, e->units[i].path));
            }
        }
        if (hits == 1) {
            *out = found;
            return AT_OK;
        }
        if (hits > 1)
            return at_err_set(err, AT_AMBIGUOUS, "\"%s\" names %d units: %s; use the path", name,
                              hits, list);
    }
    return at_err_set(err, AT_NOT_FOUND, "no unit \"%s\"", name);
}

enum at_status engine_scope_parse(const struct engine *e, const char *text, struct scope *out,
                                  struct at_err *err)
{
    if (strcmp(text, "company") == 0 || strcmp(text, "公司") == 0) {
        *out = (struct scope){SCOPE_COMPANY, NO_IDX};
        return AT_OK;
    }
    const char *colon = strchr(text, ':');
    if (!colon || !colon[1])
        return at_err_set(err, AT_INVALID,
                          "scope \"%s\": write company, person:NAME, team:NAME or unit:NAME", text);
    size_t k = (size_t)(colon - text);
    const char *name = colon + 1;
    enum at_status st;
    if (k == 6 && strncmp(text, "person", 6) == 0) {
        out->kind = SCOPE_PERSON;
        st = find_person(e, name, &out->idx, err);
    } else if (k == 4 && strncmp(text, "team", 4) == 0) {
        out->kind = SCOPE_TEAM;
        st = find_person(e, name, &out->idx, err);
    } else if (k == 4 && strncmp(text, "unit", 4) == 0) {
        out->kind = SCOPE_UNIT;
        st = find_unit(e, name, &out->idx, err);
    } else {
        return at_err_set(err, AT_INVALID,
                          "scope \"%s\": the kinds are company, person, team and unit", text);
    }
    if (st)
        at_err_prefix(err, "scope %s: ", text);
    return st;
}

enum at_status engine_scope_from_id(const struct engine *e, enum scope_kind kind, int64_t store_id,
                                    struct scope *out, struct at_err *err)
{
    char key[24];
    int64_t idx;
    snprintf(key, sizeof key, "%lld", (long long)store_id);
    switch (kind) {
    case SCOPE_COMPANY:
        *out = (struct scope){SCOPE_COMPANY, NO_IDX};
        return AT_OK;
    case SCOPE_PERSON:
    case SCOPE_TEAM:
        if (!map_get(&e->person_by_id, key, &idx)) {
            /* a loaded snapshot has no id maps: scan */
            for (idx = 0; idx < (int64_t)e->n_people && e->people[idx].id != store_id; idx++)
                ;
            if (idx == (int64_t)e->n_people)
                return at_err_set(err, AT_NOT_FOUND, "no person with id %lld", (long long)store_id);
        }
        *out = (struct scope){kind, (int32_t)idx};
        return AT_OK;
    case SCOPE_UNIT:
        if (!map_get(&e->unit_by_id, key, &idx)) {
            for (idx = 0; idx < (int64_t)e->n_units && e->units[idx].id != store_id; idx++)
                ;
            if (idx == (int64_t)e->n_units)
                return at_err_set(err, AT_NOT_FOUND, "no unit with id %lld", (long long)store_id);
        }
        *out = (struct scope){SCOPE_UNIT, (int32_t)idx};
        return AT_OK;
    }
    return at_err_set(err, AT_INVALID, "scope kind %d", (int)kind);
}

int64_t engine_scope_store_id(const struct engine *e, const struct scope *s)
{
    switch (s->kind) {
    case SCOPE_PERSON:
    case SCOPE_TEAM:
        return e->people[s->idx].id;
    case SCOPE_UNIT:
        return e->units[s->idx].id;
    case SCOPE_COMPANY:
        break;
    }
    return 0;
}

/* The canonical text of S at W (room enough: see scope_text_max), NUL
 * included; returns the end (the NUL). No printf: a breakdown writes
 * thousands of these per answer. */
static char *put(char *w, const char *s)
{
    size_t n = strlen(s);
    memcpy(w, s, n);
    return w + n;
}

static size_t scope_text_max(const struct engine *e, const struct scope *s)
{
    switch (s->kind) {
    case SCOPE_COMPANY:
        return sizeof "company";
    case SCOPE_PERSON:
    case SCOPE_TEAM: {
        const struct person *p = &e->people[s->idx];
        return sizeof "person:" + strlen(STR(e, p->name)) + 1 + strlen(STR(e, p->emp)) + 21;
    }
    case SCOPE_UNIT:
        return sizeof "unit:" + strlen(STR(e, e->units[s->idx].path));
    }
    return 1;
}

static char *scope_text_put(const struct engine *e, const struct scope *s, char *w)
{
    switch (s->kind) {
    case SCOPE_COMPANY:
        w = put(w, "company");
        break;
    case SCOPE_PERSON:
    case SCOPE_TEAM: {
        /* a name two people share carries the employee number, else the id */
        const struct person *p = &e->people[s->idx];
        w = put(w, s->kind == SCOPE_PERSON ? "person:" : "team:");
        w = put(w, STR(e, p->name));
        if (p->name_shared) {
            *w++ = '#';
            if (*STR(e, p->emp)) {
                w = put(w, STR(e, p->emp));
            } else {
                char digits[24];
                int n = 0;
                uint64_t v = p->id < 0 ? (uint64_t)0 - (uint64_t)p->id : (uint64_t)p->id;
                do
                    digits[n++] = (char)('0' + v % 10);
                while ((v /= 10) != 0);
                if (p->id < 0)
                    *w++ = '-';
                while (n)
                    *w++ = digits[--n];
            }
        }
        break;
    }
    case SCOPE_UNIT:
        w = put(w, "unit:");
        w = put(w, STR(e, e->units[s->idx].path));
        break;
    }
    *w = '\0';
    return w;
}

char *engine_scope_format(const struct engine *e, const struct scope *s, char *out, size_t size)
{
    if (size == 0)
        return out;
    char small[512];
    size_t need = scope_text_max(e, s);
    char *buf = need <= sizeof small ? small : xmalloc(need);
    size_t len = (size_t)(scope_text_put(e, s, buf) - buf);
    if (len >= size)
        len = size - 1;
    memcpy(out, buf, len);
    out[len] = '\0';
    if (buf != small)
        free(buf);
    return out;
}

struct scope_sort {
    unsigned char key[16]; /* the first 16 bytes after "kind:", zero-padded */
    const char *text;
    struct scope s;
};

/*
 * Sort V (N items) as strcmp orders their texts, stably: the texts of one
 * breakdown share their "kind:" prefix, so the 16 bytes after it order them
 * (a text ends in zeros, so a prefix comes first) and only equal keys need
 * strcmp. A least significant digit radix sort over the key bytes (a byte
 * every item shares costs no pass), then the runs of equal keys by strcmp
 * (insertion, stable). A breakdown sorts thousands of texts per answer:
 * qsort's calls and string compares were half of a warm answer by person.
 * TMP has room for N.
 */
static void sort_scope_texts(struct scope_sort *v, struct scope_sort *tmp, size_t n)
{
    uint32_t count[16][256]; /* n < 2^31: people and units are int32 indexes */
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 16; b++)
            count[b][v[i].key[b]]++;
    struct scope_sort *from = v, *to = tmp;
    for (int b = 15; b >= 0 && n > 1; b--) {
        uint32_t *c = count[b], sum = 0;
        if (c[v[0].key[b]] == n)
            continue; /* every item has the same byte here */
        for (int d = 0; d < 256; d++) {
            uint32_t k = c[d];
            c[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            to[c[from[i].key[b]]++] = from[i];
        struct scope_sort *x = from;
        from = to;
        to = x;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && memcmp(v[b].key, v[a].key, sizeof v[a].key) == 0)
            b++;
        for (size_t i = a + 1; i < b; i++) {
            struct scope_sort x = v[i];
            size_t j = i;
            for (; j > a && strcmp(v[j - 1].text, x.text) > 0; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        a = b;
    }
}

enum at_status engine_scope_children_text(const struct engine *e, const struct scope *s,
                                          enum breakdown by, struct scope **out, char ***texts,
                                          size_t *n, struct at_err *err)
{
    size_t cap = e->n_people + e->n_units + 1;
    struct scope_sort *tmp = xmalloc(cap * sizeof *tmp);
    size_t k = 0;
    if (by == BY_PERSON || by == BY_TEAM) {
        for (size_t p = 0; p < e->n_people; p++) {
            if (!person_in(e, (int32_t)p, s))
                continue;
            if (by == BY_TEAM && e->report_start[p + 1] == e->report_start[p])
                continue;
            tmp[k].s = (struct scope){by == BY_PERSON ? SCOPE_PERSON : SCOPE_TEAM, (int32_t)p};
            k++;
        }
    } else if (by == BY_UNIT) {
        if (s->kind != SCOPE_COMPANY && s->kind != SCOPE_UNIT) {
            free(tmp);
            return at_err_set(err, AT_INVALID, "--by unit needs a company or unit scope");
        }
        for (size_t u = 0; u < e->n_units; u++) {
            int32_t parent = e->units[u].parent;
            if ((s->kind == SCOPE_COMPANY && parent == NO_IDX) ||
                (s->kind == SCOPE_UNIT && parent == s->idx))
                tmp[k++].s = (struct scope){SCOPE_UNIT, (int32_t)u};
        }
    } else {
        free(tmp);
        return at_err_set(err, AT_INTERNAL, "engine_scope_children: not a scope breakdown");
    }
    /* one block: K pointers, then the texts */
    size_t room = 0;
    for (size_t i = 0; i < k; i++)
        room += scope_text_max(e, &tmp[i].s);
    char **t = xmalloc((k ? k : 1) * sizeof *t + room + 1);
    char *pool = (char *)(t + (k ? k : 1)), *w = pool;
    for (size_t i = 0; i < k; i++) {
        static const size_t prefix[] = {[SCOPE_COMPANY] = 0,
                                        [SCOPE_PERSON] = sizeof "person:" - 1,
                                        [SCOPE_TEAM] = sizeof "team:" - 1,
                                        [SCOPE_UNIT] = sizeof "unit:" - 1};
        tmp[i].text = w;
        char *end = scope_text_put(e, &tmp[i].s, w);
        const char *name = w + prefix[tmp[i].s.kind];
        size_t len = (size_t)(end - name);
        memset(tmp[i].key, 0, sizeof tmp[i].key);
        memcpy(tmp[i].key, name, len < sizeof tmp[i].key ? len : sizeof tmp[i].key);
        w = end + 1;
    }
    struct scope_sort *spare = xmalloc((k ? k : 1) * sizeof *spare);
    sort_scope_texts(tmp, spare, k);
    free(spare);
    *out = xmalloc((k ? k : 1) * sizeof **out);
    for (size_t i = 0; i < k; i++) {
        (*out)[i] = tmp[i].s;
        t[i] = (char *)tmp[i].text;
    }
    *n = k;
    free(tmp);
    if (texts)
        *texts = t;
    else
        free(t);
    return AT_OK;
}

enum at_status engine_scope_children(const struct engine *e, const struct scope *s,
                                     enum breakdown by, struct scope **out, size_t *n,
                                     struct at_err *err)
{
    return engine_scope_children_text(e, s, by, out, NULL, n, err);
}

bool engine_scope_contains(const struct engine *e, const struct scope *outer,
                           const struct scope *inner)
{
    if (outer->kind == SCOPE_COMPANY)
        return true;
    switch (inner->kind) {
    case SCOPE_COMPANY:
        return false;
    case SCOPE_PERSON:
    case SCOPE_TEAM:
        if (outer->kind == SCOPE_PERSON)
            return inner->kind == SCOPE_PERSON && inner->idx == outer->idx;
        return person_in(e, inner->idx, outer);
    case SCOPE_UNIT:
        return outer->kind == SCOPE_UNIT && unit_in(e, inner->idx, outer->idx);
    }
    return false;
}

void engine_scope_peers(const struct engine *e, const struct scope *s, struct scope **out,
                        size_t *n)
{
    size_t cap = e->n_people + e->n_units + 1, k = 0;
    struct scope *v = xmalloc(cap * sizeof *v);
    if (s->kind == SCOPE_PERSON || s->kind == SCOPE_TEAM) {
        int32_t m = e->people[s->idx].manager;
        for (size_t p = 0; m != NO_IDX && p < e->n_people; p++)
            if (e->people[p].manager == m && (int32_t)p != s->idx)
                v[k++] = (struct scope){s->kind, (int32_t)p};
    } else if (s->kind == SCOPE_UNIT) {
        int32_t parent = e->units[s->idx].parent;
        for (size_t u = 0; u < e->n_units; u++)
            if (e->units[u].parent == parent && (int32_t)u != s->idx)
                v[k++] = (struct scope){SCOPE_UNIT, (int32_t)u};
    }
    *out = v;
    *n = k;
}
