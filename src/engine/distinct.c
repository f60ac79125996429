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
        struct run r = eng_run(se, h[k]);
        size_t a = eng_lower_day(&r, 0, r.n, d1), b = eng_lower_day(&r, a, r.n, d2 + 1);
        for (size_t i = a; i < b; i++) {
            const struct event *ev = &r.ev[i];
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
        struct run r = eng_run(se, h[k]);
        size_t a = eng_lower_day(&r, 0, r.n, d1), b = eng_lower_day(&r, a, r.n, d2 + 1);
        for (size_t i = a; i < b; i++) {
            int32_t c = r.ev[i].customer;
            if (c == NO_IDX || cmark[c] == g || (only_if && cmark[c] != only_if))
                continue;
            if (!plain && !eng_event_match(e, SRC_LINES, &r.ev[i], f))
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
    for (size_t k = 0; k < nh; k++) {
        struct run r = eng_run(nw, h[k]);
        for (size_t i = 0; i < r.n; i++) {
            int32_t c = r.ev[i].customer;
            if (c == NO_IDX || seen[c])
                continue;
            seen[c] = true;
            fn(c, r.ev[i].day, ctx);
        }
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

/* Distinct customer lists, one per manager (people with reports), built
 * bottom up: a manager's list is the union of their own events' customers and
 * their reports' lists (a report without reports: their events), deduplicated
 * with generation-stamped marks. Every event is read once and every list once
 * more by its parent: no rescan per team, no bitmap per team. */
struct team_lists {
    int32_t *c;     /* the lists, one after another */
    size_t n, cap;  /* entries used, allocated */
    size_t *start;  /* list of manager row k: c[start[k] .. start[k + 1]) */
    uint32_t *mark; /* mark[c + 1]: the generation that listed customer c; mark[0] = gen */
    uint32_t gen;
};

/* Room for K more entries. */
static void list_reserve(struct team_lists *t, size_t k)
{
    if (t->n + k <= t->cap)
        return;
    t->cap = t->cap ? 2 * t->cap : 65536;
    if (t->cap < t->n + k)
        t->cap = t->n + k;
    t->c = xrealloc(t->c, t->cap * sizeof *t->c);
}

/* Append the customers of holder H's matching orders in [d1, d2] not yet
 * marked with the current generation. */
static void holder_list(const struct engine *e, int32_t h, int32_t d1, int32_t d2,
                        const struct metric_filter *f, bool plain, struct team_lists *t)
{
    const struct series *se = &e->src[SRC_LINES];
    if (d1 > d2) /* an empty range: no customer */
        return;
    struct run r = eng_run(se, h);
    size_t a = eng_lower_day(&r, 0, r.n, d1), b = eng_lower_day(&r, a, r.n, d2 + 1);
    list_reserve(t, b - a);
    uint32_t g = t->gen, *mark = t->mark;
    int32_t *out = t->c + t->n;
    if (plain) { /* branch-free: write always, advance when new */
        size_t k = 0;
        for (size_t i = a; i < b; i++) {
            int32_t c = r.ev[i].customer;
            uint32_t *m = &mark[c + 1]; /* mark[0] (no customer) holds G: never new */
            out[k] = c;
            k += *m != g;
            *m = g;
        }
        out += k;
    } else {
        for (size_t i = a; i < b; i++) {
            int32_t c = r.ev[i].customer;
            if (c == NO_IDX || mark[c + 1] == g || !eng_event_match(e, SRC_LINES, &r.ev[i], f))
                continue;
            mark[c + 1] = g;
            *out++ = c;
        }
    }
    t->n = (size_t)(out - t->c);
}

/* The lists of every manager over [d1, d2], MANAGERS ordered deepest first. */
static void team_lists(const struct engine *e, const int32_t *managers, size_t n_managers,
                       const int32_t *row_of, int32_t d1, int32_t d2, const struct metric_filter *f,
                       struct team_lists *t)
{
    bool plain = engine_filter_empty(f);
    t->start = xmalloc((n_managers + 1) * sizeof *t->start);
    for (size_t k = 0; k < n_managers; k++) {
        int32_t m = managers[k];
        uint32_t g = ++t->gen;
        t->mark[0] = g;
        t->start[k] = t->n;
        holder_list(e, m, d1, d2, f, plain, t);
        for (int32_t r = e->report_start[m]; r < e->report_start[m + 1]; r++) {
            int32_t p = e->reports[r];
            if (row_of[p] >= 0) {
                size_t from = t->start[row_of[p]], to = t->start[row_of[p] + 1];
                list_reserve(t, to - from);
                const int32_t *in = t->c + from;
                int32_t *out = t->c + t->n;
                uint32_t *mark = t->mark;
                size_t fresh = 0;
                for (size_t i = 0; i < to - from; i++) {
                    int32_t c = in[i];
                    out[fresh] = c;
                    fresh += mark[c + 1] != g;
                    mark[c + 1] = g;
                }
                t->n += fresh;
            } else {
                holder_list(e, p, d1, d2, f, plain, t);
            }
        }
        t->start[k + 1] = t->n;
    }
    if (!n_managers)
        t->start[0] = t->n;
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
    /* one mark array for both periods: generations keep them apart */
    uint32_t *mark = xcalloc(e->n_customers + 2, sizeof *mark); /* [c + 1]; [0]: none */
    struct team_lists cur = {.mark = mark}, prev = {.mark = mark};
    team_lists(e, managers, n_managers, row_of, d1, d2, f, &cur);
    if (kept) {
        prev.gen = cur.gen;
        team_lists(e, managers, n_managers, row_of, prev_d1, prev_d2, f, &prev);
        cur.gen = prev.gen;
    }
    bool plain = engine_filter_empty(f);
    struct team_lists one = {.mark = mark}; /* a team of one */
    for (size_t i = 0; i < n; i++) {
        int32_t r = teams[i].kind == SCOPE_TEAM ? row_of[teams[i].idx] : -1;
        if (teams[i].kind != SCOPE_TEAM) {
            st = at_err_set(err, AT_INTERNAL, "engine_teams_distinct: not a team");
            break;
        }
        const int32_t *c, *pv = NULL;
        size_t nc, np = 0;
        one.n = 0;
        if (r >= 0) {
            c = cur.c + cur.start[r];
            nc = cur.start[r + 1] - cur.start[r];
            if (kept) {
                pv = prev.c + prev.start[r];
                np = prev.start[r + 1] - prev.start[r];
            }
        } else {
            mark[0] = one.gen = ++cur.gen;
            holder_list(e, teams[i].idx, d1, d2, f, plain, &one);
            nc = one.n;
            if (kept) {
                mark[0] = one.gen = ++cur.gen;
                holder_list(e, teams[i].idx, prev_d1, prev_d2, f, plain, &one);
                np = one.n - nc;
            }
            c = one.c;
            pv = one.c + nc;
        }
        active[i] = (int64_t)nc;
        if (kept) {
            /* kept: this period's customers the previous period had */
            uint32_t g = ++cur.gen;
            for (size_t k = 0; k < np; k++)
                mark[pv[k] + 1] = g;
            int64_t both = 0;
            for (size_t k = 0; k < nc; k++)
                both += mark[c[k] + 1] == g;
            kept[i] = both;
            before[i] = (int64_t)np;
        }
    }
    free(one.c);
    free(cur.c);
    free(cur.start);
    free(prev.c);
    free(prev.start);
    free(mark);
    free(depth);
    free(row_of);
    free(managers);
    return st;
}
