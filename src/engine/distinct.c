/*
 * distinct.c — distinct counts: orders with a matching line, active and
 * retained customers (generation-stamped marks in a per-call scratch),
 * first orders, customer sets, and the bitmaps of many teams at once.
 */
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "engine/engine_internal.h"

void eng_marks_init(struct eng_marks *m, const struct engine *e)
{
    m->cmark = NULL; /* made on first use: most questions need no marks */
    m->omark = NULL;
    m->n_customers = e->n_customers;
    m->n_orders = e->n_orders;
    m->gen = 0;
}

void eng_marks_free(struct eng_marks *m)
{
    free(m->cmark);
    free(m->omark);
}

uint32_t eng_next_gen(struct eng_marks *m)
{
    return ++m->gen; /* a call never makes 2^32 generations */
}

/* Orders with at least one matching line (product filter), by share. */
int64_t eng_distinct_orders(const struct engine *e, struct eng_marks *mk, const struct scope *s,
                            int32_t d1, int32_t d2, const struct metric_filter *f)
{
    const struct series *se = &e->src[SRC_LINES];
    if (d1 > d2)
        return 0;
    if (!mk->omark)
        mk->omark = xcalloc(mk->n_orders + 1, sizeof *mk->omark);
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    int64_t total = 0;
    for (size_t k = 0; k < nh; k++) {
        uint32_t g = eng_next_gen(mk);
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = eng_lower_day(se, a0, b0, d1), b = eng_lower_day(se, a, b0, d2 + 1);
        for (size_t i = a; i < b; i++) {
            const struct event *ev = &se->ev[i];
            if (!eng_event_match(e, SRC_LINES, ev, f) || mk->omark[ev->ref] == g)
                continue;
            mk->omark[ev->ref] = g;
            total += ev->share;
        }
    }
    free(h);
    return total;
}

/*
 * Mark the customers with a matching order in [d1, d2] for scope S: those
 * already marked ONLY_IF (0 = any) get generation G. Returns how many were
 * marked.
 */
int64_t eng_mark_customers(const struct engine *e, struct eng_marks *mk, const struct scope *s,
                           int32_t d1, int32_t d2, const struct metric_filter *f, uint32_t only_if,
                           uint32_t g)
{
    const struct series *se = &e->src[SRC_LINES];
    if (d1 > d2) /* an empty range marks nobody */
        return 0;
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    int64_t count = 0;
    bool plain = engine_filter_empty(f);
    if (!mk->cmark)
        mk->cmark = xcalloc(mk->n_customers + 1, sizeof *mk->cmark);
    uint32_t *cmark = mk->cmark;
    for (size_t k = 0; k < nh; k++) {
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = eng_lower_day(se, a0, b0, d1), b = eng_lower_day(se, a, b0, d2 + 1);
        for (size_t i = a; i < b; i++) {
            int32_t c = se->ev[i].customer;
            if (c == NO_IDX || cmark[c] == g || (only_if && cmark[c] != only_if))
                continue;
            if (!plain && !eng_event_match(e, SRC_LINES, &se->ev[i], f))
                continue;
            cmark[c] = g;
            count++;
        }
    }
    free(h);
    return count;
}

void engine_first_orders(const struct engine *e, const struct scope *s, engine_cohort_fn fn,
                         void *ctx)
{
    const struct series *nw = &e->src[SRC_NEW];
    int32_t *h;
    size_t nh = eng_scope_holders(e, s, &h);
    bool *seen = xcalloc(e->n_customers + 1, sizeof *seen);
    for (size_t k = 0; k < nh; k++)
        for (size_t i = nw->start[h[k]]; i < nw->start[h[k] + 1]; i++) {
            int32_t c = nw->ev[i].customer;
            if (c == NO_IDX || seen[c])
                continue;
            seen[c] = true;
            fn(c, nw->ev[i].day, ctx);
        }
    free(seen);
    free(h);
}

size_t engine_customer_count(const struct engine *e)
{
    return e->n_customers;
}

void engine_active_set(const struct engine *e, const struct scope *s, int32_t from, int32_t to,
                       const struct metric_filter *f, bool *active)
{
    struct eng_marks mk;
    eng_marks_init(&mk, e);
    uint32_t g = eng_next_gen(&mk);
    eng_mark_customers(e, &mk, s, from, to, f, 0, g);
    for (size_t c = 0; c < e->n_customers; c++)
        active[c] = mk.cmark && mk.cmark[c] == g;
    eng_marks_free(&mk);
}

/* Set the bits of the customers of holder H's matching orders in [d1, d2]. */
static void holder_bits(const struct engine *e, int32_t h, int32_t d1, int32_t d2,
                        const struct metric_filter *f, uint64_t *bits)
{
    const struct series *se = &e->src[SRC_LINES];
    if (d1 > d2) /* an empty range: no customer */
        return;
    size_t a0 = se->start[h], b0 = se->start[h + 1];
    size_t a = eng_lower_day(se, a0, b0, d1), b = eng_lower_day(se, a, b0, d2 + 1);
    bool plain = engine_filter_empty(f);
    for (size_t i = a; i < b; i++) {
        int32_t c = se->ev[i].customer;
        if (c == NO_IDX || (!plain && !eng_event_match(e, SRC_LINES, &se->ev[i], f)))
            continue;
        bits[(size_t)c >> 6] |= (uint64_t)1 << (c & 63);
    }
}

/* Build the bitmap of every manager (people with reports) over [d1, d2],
 * children before parents: row k of BITS belongs to MANAGERS[k]. */
static void team_bitmaps(const struct engine *e, const int32_t *managers, size_t n_managers,
                         const int32_t *row_of, int32_t d1, int32_t d2,
                         const struct metric_filter *f, uint64_t *bits, size_t words)
{
    for (size_t k = 0; k < n_managers; k++) { /* MANAGERS is ordered deepest first */
        int32_t m = managers[k];
        uint64_t *mine = bits + k * words;
        memset(mine, 0, words * sizeof *mine);
        holder_bits(e, m, d1, d2, f, mine);
        for (int32_t r = e->report_start[m]; r < e->report_start[m + 1]; r++) {
            int32_t p = e->reports[r];
            if (row_of[p] >= 0) {
                const uint64_t *theirs = bits + (size_t)row_of[p] * words;
                for (size_t w = 0; w < words; w++)
                    mine[w] |= theirs[w];
            } else {
                holder_bits(e, p, d1, d2, f, mine);
            }
        }
    }
}

/* Bits set in A (and B, when given): with the POPCNT instruction where the CPU
 * has it (baseline x86-64 builds do not assume it), else the portable way. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("popcnt"))) static int64_t popcount_hw(const uint64_t *a, const uint64_t *b,
                                                             size_t words)
{
    int64_t n = 0;
    for (size_t w = 0; w < words; w++)
        n += __builtin_popcountll(b ? a[w] & b[w] : a[w]);
    return n;
}
#endif

static int64_t popcount_and(const uint64_t *a, const uint64_t *b, size_t words)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("popcnt"))
        return popcount_hw(a, b, words);
#endif
    int64_t n = 0;
    for (size_t w = 0; w < words; w++)
        n += __builtin_popcountll(b ? a[w] & b[w] : a[w]);
    return n;
}

enum at_status engine_teams_distinct(const struct engine *e, const struct scope *teams, size_t n,
                                     int32_t d1, int32_t d2, int32_t prev_d1, int32_t prev_d2,
                                     const struct metric_filter *f, int64_t *active, int64_t *kept,
                                     int64_t *before, struct at_err *err)
{
    enum at_status st = eng_check_filter(METRIC_ACTIVE_CUSTOMERS, f, err);
    if (st)
        return st;
    /* managers, deepest first (a manager after everyone who reports to them) */
    int32_t *depth = xcalloc(e->n_people + 1, sizeof *depth);
    int32_t *row_of = xmalloc((e->n_people + 1) * sizeof *row_of);
    int32_t *managers = xmalloc((e->n_people + 1) * sizeof *managers);
    size_t n_managers = 0;
    int32_t max_depth = 0;
    for (size_t p = 0; p < e->n_people; p++) {
        row_of[p] = -1;
        int32_t d = 0;
        for (int32_t q = e->people[p].manager; q != NO_IDX && d <= (int32_t)e->n_people;
             q = e->people[q].manager)
            d++;
        depth[p] = d;
        if (d > max_depth)
            max_depth = d;
    }
    for (int32_t d = max_depth; d >= 0; d--)
        for (size_t p = 0; p < e->n_people; p++)
            if (depth[p] == d && e->report_start[p + 1] > e->report_start[p]) {
                row_of[p] = (int32_t)n_managers;
                managers[n_managers++] = (int32_t)p;
            }
    size_t words = (e->n_customers + 63) / 64 + 1;
    uint64_t *cur = xmalloc((n_managers ? n_managers : 1) * words * sizeof *cur);
    uint64_t *prev = NULL;
    team_bitmaps(e, managers, n_managers, row_of, d1, d2, f, cur, words);
    if (kept) {
        prev = xmalloc((n_managers ? n_managers : 1) * words * sizeof *prev);
        team_bitmaps(e, managers, n_managers, row_of, prev_d1, prev_d2, f, prev, words);
    }
    uint64_t *alone = xcalloc(words, sizeof *alone), *alone_prev = xcalloc(words, sizeof *alone);
    for (size_t i = 0; i < n; i++) {
        int32_t r = teams[i].kind == SCOPE_TEAM ? row_of[teams[i].idx] : -1;
        const uint64_t *c = r >= 0 ? cur + (size_t)r * words : NULL;
        const uint64_t *pv = r >= 0 && prev ? prev + (size_t)r * words : NULL;
        if (r < 0 && teams[i].kind == SCOPE_TEAM) { /* a team of one */
            memset(alone, 0, words * sizeof *alone);
            holder_bits(e, teams[i].idx, d1, d2, f, alone);
            c = alone;
            if (prev) {
                memset(alone_prev, 0, words * sizeof *alone_prev);
                holder_bits(e, teams[i].idx, prev_d1, prev_d2, f, alone_prev);
                pv = alone_prev;
            }
        }
        if (!c) {
            st = at_err_set(err, AT_INTERNAL, "engine_teams_distinct: not a team");
            break;
        }
        active[i] = popcount_and(c, NULL, words);
        if (kept) {
            kept[i] = popcount_and(c, pv, words);
            before[i] = popcount_and(pv, NULL, words);
        }
    }
    free(alone);
    free(alone_prev);
    free(cur);
    free(prev);
    free(depth);
    free(row_of);
    free(managers);
    return st;
}
