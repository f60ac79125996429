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
    int32_t *c;    /* the lists, one after another */
    uint8_t *bits; /* beside each entry: 1 this period, 2 the previous one */
    size_t n, cap; /* entries used, allocated */
    size_t *start; /* list of manager row k: c[start[k] .. start[k + 1]) */
    uint8_t *mark; /* mark[c + 1]: generation × 4 + bits of the list being made */
    size_t n_mark; /* n_customers + 2 */
    uint32_t gen;  /* 1..63, of the list being made; mark[0] (no customer) = gen × 4 + 3 */
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
    /* a byte per customer (a cold process faults in a quarter of the pages
     * of 32-bit marks): after 63 generations the marks start again */
    if (++t->gen == 64) {
        memset(t->mark, 0, t->n_mark);
        t->gen = 1;
    }
    t->mark[0] = (uint8_t)(t->gen << 2 | 3); /* no customer: never new */
}

/* Add customers IN[0 .. n) with BIT to the list being made (branch-free:
 * written always, kept when new). */
static void list_add(struct team_lists *t, const int32_t *in, size_t n, uint32_t bit)
{
    list_reserve(t, n);
    uint8_t g = (uint8_t)(t->gen << 2), *mark = t->mark;
    int32_t *out = t->c + t->n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = in[i];
        uint8_t m = mark[c + 1];
        bool fresh = (m & ~3u) != g;
        out[k] = c;
        k += fresh;
        mark[c + 1] = (uint8_t)((fresh ? g : m) | bit);
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
        uint8_t g = (uint8_t)(t->gen << 2), *mark = t->mark;
        for (size_t i = cs.a[j]; i < cs.b[j]; i++) {
            int32_t c = cs.r.ev[i].customer;
            if (!plain && (c == NO_IDX || !eng_event_match(e, SRC_LINES, &cs.r.ev[i], f)))
                continue;
            uint8_t m = mark[c + 1];
            bool fresh = (m & ~3u) != g;
            t->c[t->n] = c;
            t->n += fresh;
            mark[c + 1] = (uint8_t)((fresh ? g : m) | bit);
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

/* The counts of the list made since FROM (bits from the marks): customers
 * of this period, of the previous one, of both. */
struct team_count {
    int64_t cur, prev, both;
};

static struct team_count list_end(struct team_lists *t, size_t from)
{
    struct team_count k = {0, 0, 0};
    for (size_t i = from; i < t->n; i++) {
        uint8_t b = (uint8_t)(t->mark[t->c[i] + 1] & 3);
        t->bits[i] = b;
        k.cur += b & 1;
        k.prev += b >> 1;
        k.both += b == 3;
    }
    return k;
}

/* Merge the list at IN/IB (N entries) into the list being made. */
static void list_merge(struct team_lists *t, size_t in_at, size_t n)
{
    list_reserve(t, n);
    const int32_t *in = t->c + in_at;
    const uint8_t *ib = t->bits + in_at;
    int32_t *out = t->c + t->n;
    uint8_t g = (uint8_t)(t->gen << 2), *mark = t->mark;
    size_t fresh = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = in[i];
        uint8_t mm = mark[c + 1];
        bool is_new = (mm & ~3u) != g;
        out[fresh] = c;
        fresh += is_new;
        mark[c + 1] = (uint8_t)((is_new ? g : mm) | ib[i]);
    }
    t->n += fresh;
}

/*
 * The counts of every manager (people with reports) over the periods into
 * COUNT[p]. Managers are taken in post-order (a manager after every manager
 * reporting to them) and the lists kept as a stack: a manager's reports'
 * lists lie at its end, the manager's own is made after them, counted, and
 * moved down over them. Only the lists of the managers on the way to the
 * top are held at once: a cold process touches a few MB, not every team's.
 */
static void team_counts(const struct engine *e, const struct team_periods *p,
                        const struct metric_filter *f, struct team_lists *t,
                        struct team_count *count)
{
    bool plain = engine_filter_empty(f);
    size_t np = e->n_people;
    /* the walk: a stack of (manager, next report to look at) */
    int32_t *node = xmalloc((np + 1) * sizeof *node), *next = xmalloc((np + 1) * sizeof *next);
    size_t *list_at = xmalloc((np + 1) * sizeof *list_at); /* start of person q's list */
    bool *seen = xcalloc(np + 1, sizeof *seen);
    for (size_t root = 0; root < np; root++) {
        bool is_manager = e->report_start[root + 1] > e->report_start[root];
        if (!is_manager || seen[root])
            continue;
        /* start from the top of ROOT's chain of managers */
        int32_t top = (int32_t)root;
        for (size_t hops = 0; e->people[top].manager != NO_IDX && hops <= np; hops++)
            top = e->people[top].manager;
        if (seen[top])
            top = (int32_t)root; /* a cycle's way in: walk from here */
        size_t depth = 0;
        node[0] = top;
        next[0] = e->report_start[top];
        seen[top] = true;
        list_at[top] = t->n;
        while (depth != (size_t)-1) {
            int32_t m = node[depth];
            if (next[depth] < e->report_start[m + 1]) {
                int32_t q = e->reports[next[depth]++];
                if (seen[q] || e->report_start[q + 1] == e->report_start[q])
                    continue;
                seen[q] = true;
                list_at[q] = t->n;
                node[++depth] = q;
                next[depth] = e->report_start[q];
                continue;
            }
            /* M's reports that are managers have their lists on the stack,
             * from list_at[m] on: make M's after them */
            size_t base = list_at[m], made = t->n;
            list_begin(t);
            holder_both(e, m, p, f, plain, t);
            for (int32_t r = e->report_start[m]; r < e->report_start[m + 1]; r++) {
                int32_t q = e->reports[r];
                if (e->report_start[q + 1] == e->report_start[q])
                    holder_both(e, q, p, f, plain, t);
            }
            for (size_t at = base; at < made;) { /* the reports' lists, one after another */
                size_t len = (size_t)t->c[at];   /* each list is prefixed with its length */
                list_merge(t, at + 1, len);
                at += len + 1;
            }
            count[m] = list_end(t, made);
            /* move M's list down over its reports', behind its length */
            size_t len = t->n - made;
            list_reserve(t, 1); /* BASE = MADE (no manager reports): one place more */
            memmove(t->c + base + 1, t->c + made, len * sizeof *t->c);
            memmove(t->bits + base + 1, t->bits + made, len);
            t->c[base] = (int32_t)len;
            t->n = base + 1 + len;
            depth--;
        }
        t->n = 0; /* a top manager's list is no one's input */
    }
    free(node);
    free(next);
    free(list_at);
    free(seen);
}

enum at_status engine_teams_distinct(const struct engine *e, const struct scope *teams, size_t n,
                                     int32_t d1, int32_t d2, int32_t prev_d1, int32_t prev_d2,
                                     const struct metric_filter *f, int64_t *active, int64_t *kept,
                                     int64_t *before, struct at_err *err)
{
    enum at_status st = eng_check_filter(METRIC_ACTIVE_CUSTOMERS, f, err);
    if (st)
        return st;
    if (e->n_customers >= INT32_MAX - 2)
        return at_err_set(err, AT_INVALID, "engine_teams_distinct: too many customers");
    uint8_t *mark = xcalloc(e->n_customers + 2, sizeof *mark); /* [c + 1]; [0]: none */
    struct team_lists t = {.mark = mark, .n_mark = e->n_customers + 2};
    /* room for the lists at once (their pages are touched only as used):
     * growing them copied and faulted in twice the pages */
    t.cap = 2 * e->n_customers + 1024;
    t.c = xmalloc(t.cap * sizeof *t.c);
    t.bits = xmalloc(t.cap);
    struct team_periods per = {d1, d2, prev_d1, prev_d2, kept != NULL};
    struct team_count *count = xcalloc(e->n_people + 1, sizeof *count);
    team_counts(e, &per, f, &t, count);
    bool plain = engine_filter_empty(f);
    for (size_t i = 0; i < n; i++) {
        if (teams[i].kind != SCOPE_TEAM) {
            st = at_err_set(err, AT_INTERNAL, "engine_teams_distinct: not a team");
            break;
        }
        int32_t q = teams[i].idx;
        struct team_count k = count[q];
        if (e->report_start[q + 1] == e->report_start[q]) { /* a team of one */
            t.n = 0;
            list_begin(&t);
            holder_both(e, q, &per, f, plain, &t);
            k = list_end(&t, 0);
        }
        active[i] = k.cur;
        if (kept) {
            kept[i] = k.both;
            before[i] = k.prev;
        }
    }
    free(count);
    free(t.c);
    free(t.bits);
    free(mark);
    return st;
}
