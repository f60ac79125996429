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

void eng_month_customers(struct engine *e)
{
    const struct series *se = &e->src[SRC_LINES];
    size_t months = (size_t)e->n_months, rows = e->n_holders * months, n = 0, cap = 0;
    int32_t *list = NULL;
    size_t *seen = xcalloc(e->n_customers + 1, sizeof *seen); /* the row (+ 1) that listed c */
    e->mcust_start = xmalloc((rows + 1) * sizeof *e->mcust_start);
    for (size_t h = 0; h < e->n_holders; h++) {
        size_t i = se->start[h], end = se->start[h + 1];
        for (size_t k = 0; k < months; k++) {
            size_t row = h * months + k;
            e->mcust_start[row] = n;
            for (; i < end && se->ev[i].day < e->month_start[k + 1]; i++) {
                int32_t c = se->ev[i].customer;
                if (c == NO_IDX || seen[c] == row + 1)
                    continue;
                seen[c] = row + 1;
                if (n == cap) {
                    cap = cap ? 2 * cap : 65536;
                    list = xrealloc(list, cap * sizeof *list);
                }
                list[n++] = c;
            }
        }
    }
    e->mcust_start[rows] = n;
    free(seen);
    e->mcust = n ? xrealloc(list, n * sizeof *list) : (free(list), NULL);
    e->n_mcust = n;
    e->bytes += (rows + 1) * sizeof *e->mcust_start + n * sizeof *e->mcust;
}

/* Where holder H's customers over [d1, d2] are read from: a range of its
 * month lists (the whole months; a base's holder, no filter) and up to two
 * ranges of its events (the ragged ends, or the whole range). */
struct cust_src {
    const int32_t *list; /* month lists: list[0 .. n_list) */
    size_t n_list;
    struct run r; /* the holder's events: [a[k], b[k]) for k < n_ev */
    size_t a[2], b[2];
    int n_ev;
};

static void cust_src(const struct engine *e, int32_t h, int32_t d1, int32_t d2, bool plain,
                     struct cust_src *out)
{
    const struct series *se = &e->src[SRC_LINES];
    out->list = NULL;
    out->n_list = 0;
    out->n_ev = 0;
    out->r = eng_run(se, h);
    if (d1 > d2)
        return;
    size_t ma, mb;
    int32_t ev_ends[2][2] = {{d1, d2}, {0, -1}};
    if (plain && e->mcust_start && !(se->over && se->over[h]) &&
        eng_whole_months(e, d1, d2, &ma, &mb)) {
        size_t row = (size_t)h * (size_t)e->n_months;
        out->list = e->mcust + e->mcust_start[row + ma];
        out->n_list = e->mcust_start[row + mb] - e->mcust_start[row + ma];
        ev_ends[0][1] = e->month_start[ma] - 1;
        ev_ends[1][0] = e->month_start[mb];
        ev_ends[1][1] = d2;
    }
    for (int k = 0; k < 2; k++) {
        if (ev_ends[k][0] > ev_ends[k][1])
            continue;
        size_t a = eng_lower_day(&out->r, 0, out->r.n, ev_ends[k][0]);
        size_t b = eng_lower_day(&out->r, a, out->r.n, ev_ends[k][1] + 1);
        if (a < b) {
            out->a[out->n_ev] = a;
            out->b[out->n_ev++] = b;
        }
    }
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
        struct cust_src cs;
        cust_src(e, h[k], d1, d2, plain, &cs);
        for (size_t i = 0; i < cs.n_list; i++) {
            int32_t c = cs.list[i];
            if (cmark[c] == g || (only_if && cmark[c] != only_if))
                continue;
            cmark[c] = g;
            count++;
        }
        for (int j = 0; j < cs.n_ev; j++)
            for (size_t i = cs.a[j]; i < cs.b[j]; i++) {
                int32_t c = cs.r.ev[i].customer;
                if (c == NO_IDX || cmark[c] == g || (only_if && cmark[c] != only_if))
                    continue;
                if (!plain && !eng_event_match(e, SRC_LINES, &cs.r.ev[i], f))
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
 * bottom up: a manager's list is the union of their own customers and their
 * reports' lists (a report without reports: their customers), deduplicated
 * with generation-stamped marks. Every holder's customers are read once and
 * every list once more by its parent: no rescan per team, no bitmap per
 * team. Both periods go in one pass: each entry carries two bits, 1 = a
 * customer of this period, 2 = of the previous one. */
struct team_lists {
    int32_t *c;     /* the lists, one after another */
    uint8_t *bits;  /* beside each entry: 1 this period, 2 the previous one */
    size_t n, cap;  /* entries used, allocated */
    size_t *start;  /* list of manager row k: c[start[k] .. start[k + 1]) */
    uint32_t *mark; /* mark[c + 1]: generation × 4 + bits of the list being made */
    uint32_t gen;   /* of the list being made; mark[0] (no customer) = gen × 4 + 3 */
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
    t->bits = xrealloc(t->bits, t->cap);
}

/* Start a new list: a new generation. */
static void list_begin(struct team_lists *t)
{
    t->gen++;
    t->mark[0] = t->gen << 2 | 3; /* no customer: never new */
}

/* Add customers IN[0 .. n) with BIT to the list being made (branch-free:
 * written always, kept when new). */
static void list_add(struct team_lists *t, const int32_t *in, size_t n, uint32_t bit)
{
    list_reserve(t, n);
    uint32_t g = t->gen << 2, *mark = t->mark;
    int32_t *out = t->c + t->n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = in[i];
        uint32_t m = mark[c + 1];
        bool fresh = (m & ~3u) != g;
        out[k] = c;
        k += fresh;
        mark[c + 1] = (fresh ? g : m) | bit;
    }
    t->n += k;
}

/* Add holder H's customers with a matching order in [d1, d2] with BIT. */
static void holder_add(const struct engine *e, int32_t h, int32_t d1, int32_t d2,
                       const struct metric_filter *f, bool plain, uint32_t bit,
                       struct team_lists *t)
{
    struct cust_src cs;
    cust_src(e, h, d1, d2, plain, &cs);
    if (cs.n_list)
        list_add(t, cs.list, cs.n_list, bit);
    for (int j = 0; j < cs.n_ev; j++) {
        list_reserve(t, cs.b[j] - cs.a[j]);
        uint32_t g = t->gen << 2, *mark = t->mark;
        for (size_t i = cs.a[j]; i < cs.b[j]; i++) {
            int32_t c = cs.r.ev[i].customer;
            if (!plain && (c == NO_IDX || !eng_event_match(e, SRC_LINES, &cs.r.ev[i], f)))
                continue;
            uint32_t m = mark[c + 1];
            bool fresh = (m & ~3u) != g;
            t->c[t->n] = c;
            t->n += fresh;
            mark[c + 1] = (fresh ? g : m) | bit;
        }
    }
}

/* The periods of one pass: this one [d1, d2] (bit 1) and, when PREV, the
 * previous one [p1, p2] (bit 2). */
struct team_periods {
    int32_t d1, d2, p1, p2;
    bool prev;
};

static void holder_both(const struct engine *e, int32_t h, const struct team_periods *p,
                        const struct metric_filter *f, bool plain, struct team_lists *t)
{
    holder_add(e, h, p->d1, p->d2, f, plain, 1, t);
    if (p->prev)
        holder_add(e, h, p->p1, p->p2, f, plain, 2, t);
}

/* Write the bits of the list made since FROM from the marks. */
static void list_end(struct team_lists *t, size_t from)
{
    for (size_t i = from; i < t->n; i++)
        t->bits[i] = (uint8_t)(t->mark[t->c[i] + 1] & 3);
}

/* The lists of every manager over the periods, MANAGERS ordered deepest first. */
static void team_lists(const struct engine *e, const int32_t *managers, size_t n_managers,
                       const int32_t *row_of, const struct team_periods *p,
                       const struct metric_filter *f, struct team_lists *t)
{
    bool plain = engine_filter_empty(f);
    t->start = xmalloc((n_managers + 1) * sizeof *t->start);
    for (size_t k = 0; k < n_managers; k++) {
        int32_t m = managers[k];
        list_begin(t);
        t->start[k] = t->n;
        holder_both(e, m, p, f, plain, t);
        for (int32_t r = e->report_start[m]; r < e->report_start[m + 1]; r++) {
            int32_t q = e->reports[r];
            if (row_of[q] < 0) {
                holder_both(e, q, p, f, plain, t);
                continue;
            }
            size_t from = t->start[row_of[q]], to = t->start[row_of[q] + 1];
            list_reserve(t, to - from);
            const int32_t *in = t->c + from;
            const uint8_t *ib = t->bits + from;
            int32_t *out = t->c + t->n;
            uint32_t g = t->gen << 2, *mark = t->mark;
            size_t fresh = 0;
            for (size_t i = 0; i < to - from; i++) {
                int32_t c = in[i];
                uint32_t mm = mark[c + 1];
                bool is_new = (mm & ~3u) != g;
                out[fresh] = c;
                fresh += is_new;
                mark[c + 1] = (is_new ? g : mm) | ib[i];
            }
            t->n += fresh;
        }
        list_end(t, t->start[k]);
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
    if (e->n_people >= (1u << 29)) /* generations × 4 fit the marks */
        return at_err_set(err, AT_INVALID, "engine_teams_distinct: too many people");
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
    uint32_t *mark = xcalloc(e->n_customers + 2, sizeof *mark); /* [c + 1]; [0]: none */
    struct team_lists t = {.mark = mark};
    struct team_periods per = {d1, d2, prev_d1, prev_d2, kept != NULL};
    team_lists(e, managers, n_managers, row_of, &per, f, &t);
    bool plain = engine_filter_empty(f);
    for (size_t i = 0; i < n; i++) {
        if (teams[i].kind != SCOPE_TEAM) {
            st = at_err_set(err, AT_INTERNAL, "engine_teams_distinct: not a team");
            break;
        }
        int32_t r = row_of[teams[i].idx];
        size_t from, to;
        if (r >= 0) {
            from = t.start[r];
            to = t.start[r + 1];
        } else { /* a team of one: their own list, after the managers' */
            from = t.n;
            list_begin(&t);
            holder_both(e, teams[i].idx, &per, f, plain, &t);
            list_end(&t, from);
            to = t.n;
        }
        int64_t cur = 0, both = 0, prev = 0;
        for (size_t k = from; k < to; k++) {
            uint8_t b = t.bits[k];
            cur += b & 1;
            prev += b >> 1;
            both += b == 3;
        }
        if (r < 0)
            t.n = from;
        active[i] = cur;
        if (kept) {
            kept[i] = both;
            before[i] = prev;
        }
    }
    free(t.c);
    free(t.bits);
    free(t.start);
    free(mark);
    free(depth);
    free(row_of);
    free(managers);
    return st;
}
