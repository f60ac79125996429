/*
 * delta.c — an overlay: a base engine (built or mapped) plus the rows the
 * store changed since the base's data (docs/design.md, "Incremental
 * engine"). The overlay is a shallow copy of the base in which the runs of
 * the holders the changes touch are replaced: their events (the base's
 * without the changed rows, plus the changed rows as they are now), running
 * and monthly sums, the dense day sums of their units and the company, their
 * pipeline shares, and the first orders of the customers concerned. Queries
 * read every run through eng_run and friends, so a base and an overlay answer
 * alike. Building one costs the changed rows, plus one pass over a source's
 * events when rows of it were edited or deleted (to find the holders of
 * their old events); nothing is rebuilt.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "engine/engine_internal.h"
#include "store/db.h"
#include "store/feeds.h"

static bool bit(const uint64_t *b, int32_t i)
{
    return b && i >= 0 && (b[(size_t)i >> 6] >> ((size_t)i & 63) & 1);
}

static void bit_set(uint64_t *b, int32_t i)
{
    b[(size_t)i >> 6] |= 1ULL << ((size_t)i & 63);
}

static uint64_t *bits_new(size_t n)
{
    return xcalloc(n / 64 + 1, sizeof(uint64_t));
}

/* ---- the changes -------------------------------------------------------- */

struct changes {
    int64_t *ids[SRC_NEW + 1];
    size_t n[SRC_NEW + 1], cap[SRC_NEW + 1];
    int64_t *cust; /* customers' store ids */
    size_t n_cust, cap_cust;
    size_t total;
};

static void id_push(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *ids = xrealloc(*ids, *cap * sizeof **ids);
    }
    (*ids)[(*n)++] = id;
}

static enum at_status on_change(int src, int64_t row_id, void *ctx, struct at_err *err)
{
    struct changes *c = ctx;
    int s;
    switch (src) {
    case STORE_CH_ORDERS:
        s = SRC_LINES;
        break;
    case STORE_CH_PAYMENTS:
        s = SRC_PAYMENTS;
        break;
    case STORE_CH_DEALS:
        s = SRC_CLOSED;
        break;
    case STORE_CH_ACTIVITIES:
        s = SRC_ACTIVITIES;
        break;
    case STORE_CH_SURVEYS:
        s = SRC_SURVEYS;
        break;
    case STORE_CH_CUSTOMERS:
        s = -1;
        break;
    case STORE_CH_ALL:
        return at_err_set(err, AT_UNSUPPORTED, "a bulk import changed many rows");
    default:
        return at_err_set(err, AT_UNSUPPORTED, "the organisation changed");
    }
    if (++c->total > ENGINE_DELTA_MAX)
        return at_err_set(err, AT_UNSUPPORTED, "more than %d rows changed", ENGINE_DELTA_MAX);
    if (s < 0)
        id_push(&c->cust, &c->n_cust, &c->cap_cust, row_id);
    else
        id_push(&c->ids[s], &c->n[s], &c->cap[s], row_id);
    return AT_OK;
}

/* The base rows of the changed ids of source S, as a bitmap over refs
 * (NULL when none of them is in the base: new rows only). */
static uint64_t *dead_refs(const struct engine *b, int s, const int64_t *ids, size_t n)
{
    size_t nb;
    int k;
    eng_base_ids(b, s, &nb, &k);
    uint64_t *dead = NULL;
    for (size_t i = 0; i < n; i++) {
        int64_t ref = eng_base_ref(b, s, nb, ids[i]);
        if (ref >= 0) {
            if (!dead)
                dead = bits_new(nb);
            bit_set(dead, (int32_t)ref);
        }
    }
    return dead;
}

/* ---- dense day sums ----------------------------------------------------- */

/* A change of a unit's (or the company's) day sums: V from day index T on. */
struct dense_diff {
    uint32_t row;
    int32_t t;
    int64_t v[MAX_MEAS];
};

struct diffs {
    struct dense_diff *d;
    size_t n, cap;
};

static void diff_add(struct diffs *D, uint32_t row, int32_t t, const int64_t *v, int sign)
{
    if (D->n == D->cap) {
        D->cap = D->cap ? 2 * D->cap : 256;
        D->d = xrealloc(D->d, D->cap * sizeof *D->d);
    }
    struct dense_diff *x = &D->d[D->n++];
    x->row = row;
    x->t = t;
    for (int m = 0; m < MAX_MEAS; m++)
        x->v[m] = sign * v[m];
}

/* Holder H's event on DAY with values V counts for the company and its units. */
static void diff_push(struct diffs *D, const struct engine *e, int32_t h, int32_t day,
                      const int64_t *v, int sign)
{
    int32_t t = day - e->d0 + 1;
    diff_add(D, (uint32_t)e->n_units, t, v, sign);
    for (int32_t u = eng_holder_unit(e, h); u != NO_IDX; u = e->units[u].parent)
        diff_add(D, (uint32_t)u, t, v, sign);
}

static int cmp_diff(const void *a, const void *b)
{
    const struct dense_diff *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->t > y->t) - (x->t < y->t);
}

static bool dense_apply(struct engine *o, const struct engine *b, int s, struct diffs *D)
{
    const struct series *bs = &b->src[s];
    struct series *os = &o->src[s];
    bool ovf = false;
    if (!bs->dense[0] || !D->n)
        return true;
    qsort(D->d, D->n, sizeof *D->d, cmp_diff);
    size_t stride = (size_t)b->n_days + 1;
    for (int m = 0; m < bs->n_meas; m++)
        os->dense_over[m] = xcalloc(b->n_units + 1, sizeof *os->dense_over[m]);
    for (size_t g = 0; g < D->n;) {
        size_t end = g;
        while (end < D->n && D->d[end].row == D->d[g].row)
            end++;
        uint32_t row = D->d[g].row;
        for (int m = 0; m < bs->n_meas; m++) {
            int64_t *nr = xmalloc(stride * sizeof *nr);
            memcpy(nr, eng_dense_row(b, bs, m, row), stride * sizeof *nr);
            int64_t run = 0;
            size_t j = g;
            for (size_t t = 0; t < stride; t++) {
                while (j < end && (size_t)D->d[j].t == t)
                    if (__builtin_add_overflow(run, D->d[j++].v[m], &run))
                        ovf = true;
                if (__builtin_add_overflow(nr[t], run, &nr[t]))
                    ovf = true;
            }
            os->dense_over[m][row] = nr;
        }
        g = end;
    }
    return !ovf;
}

/* ---- runs --------------------------------------------------------------- */

/* Replace the runs of source S the changes touch: the base's events but
 * those of DEAD rows, plus the pending events P. */
static enum at_status overlay_series(struct engine *o, const struct engine *b, int s,
                                     struct pend_list *p, const uint64_t *dead, struct at_err *err)
{
    const struct series *bs = &b->src[s];
    struct series *os = &o->src[s];
    int nm = bs->n_meas;
    if (!p->n && !dead)
        return AT_OK;
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].ev.day < b->d0 || p->items[i].ev.day >= b->d0 + b->n_days)
            return at_err_set(err, AT_UNSUPPORTED,
                              "a changed row is dated outside the engine's days");
    if (p->n)
        qsort(p->items, p->n, sizeof *p->items, eng_cmp_pending);
    unsigned char *aff = xcalloc(b->n_holders + 1, 1);
    for (size_t i = 0; i < p->n; i++)
        aff[p->items[i].holder] = 1;
    if (dead)
        for (size_t h = 0; h < b->n_holders; h++) {
            struct run r = eng_run(bs, (int32_t)h);
            for (size_t i = 0; i < r.n && !aff[h]; i++)
                if (bit(dead, r.ev[i].ref))
                    aff[h] = 1;
        }
    os->over = xcalloc(b->n_holders, sizeof *os->over);
    for (int m = 0; m < nm; m++)
        os->month_over[m] = xcalloc(b->n_holders, sizeof *os->month_over[m]);
    struct diffs D = {NULL, 0, 0};
    size_t stride_m = (size_t)b->n_months + 1, pi = 0;
    long change = 0;
    bool ovf = false;
    for (size_t h = 0; h < b->n_holders; h++) {
        size_t pj = pi;
        while (pj < p->n && (size_t)p->items[pj].holder == h)
            pj++;
        if (!aff[h])
            continue;
        struct run r = eng_run(bs, (int32_t)h);
        struct run *nr = xcalloc(1, sizeof *nr);
        size_t cap = r.n + (pj - pi);
        nr->ev = xmalloc((cap ? cap : 1) * sizeof *nr->ev);
        for (int m = 0; m < nm; m++) {
            nr->cum[m] = xmalloc((cap + 1) * sizeof *nr->cum[m]);
            nr->cum[m][0] = 0;
        }
        size_t i = 0, k = pi, n = 0;
        while (i < r.n || k < pj) {
            int64_t v[MAX_MEAS] = {0};
            if (i < r.n && bit(dead, r.ev[i].ref)) { /* the row as it was */
                for (int m = 0; m < nm; m++)
                    v[m] = r.cum[m][i + 1] - r.cum[m][i];
                diff_push(&D, b, (int32_t)h, r.ev[i].day, v, -1);
                change--;
                i++;
                continue;
            }
            bool base_first = k == pj || (i < r.n && (r.ev[i].day < p->items[k].ev.day ||
                                                      (r.ev[i].day == p->items[k].ev.day &&
                                                       r.ev[i].ref <= p->items[k].ev.ref)));
            if (base_first) {
                nr->ev[n] = r.ev[i];
                for (int m = 0; m < nm; m++)
                    v[m] = r.cum[m][i + 1] - r.cum[m][i];
                i++;
            } else { /* the row as it is now */
                nr->ev[n] = p->items[k].ev;
                memcpy(v, p->items[k].v, sizeof v);
                diff_push(&D, b, (int32_t)h, p->items[k].ev.day, v, 1);
                change++;
                k++;
            }
            for (int m = 0; m < nm; m++)
                if (__builtin_add_overflow(nr->cum[m][n], v[m], &nr->cum[m][n + 1]))
                    ovf = true;
            n++;
        }
        nr->n = n;
        os->over[h] = nr;
        for (int m = 0; m < nm; m++) {
            int64_t *mr = xmalloc(stride_m * sizeof *mr);
            size_t at = 0;
            for (size_t mk = 0; mk < stride_m; mk++) {
                while (at < n && nr->ev[at].day < b->month_start[mk])
                    at++;
                mr[mk] = nr->cum[m][at];
            }
            os->month_over[m][h] = mr;
        }
        pi = pj;
    }
    free(aff);
    os->n = (size_t)((long)bs->n + change);
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].ev.day > o->last_day)
            o->last_day = p->items[i].ev.day;
    if (!dense_apply(o, b, s, &D))
        ovf = true;
    free(D.d);
    if (ovf)
        return at_err_set(err, AT_INVALID,
                          "the changed rows add up beyond what the engine sums exactly");
    return AT_OK;
}

/* Replace the pipeline runs of the holders the changed deals touch. */
static void overlay_pipe(struct engine *o, const struct engine *b, const struct eng_rows *rows,
                         const uint64_t *dead)
{
    if (!rows->n_pipe && !dead)
        return;
    unsigned char *aff = xcalloc(b->n_holders + 1, 1);
    for (size_t i = 0; i < rows->n_pipe; i++)
        aff[rows->pipe_holder[i]] = 1;
    if (dead)
        for (size_t h = 0; h < b->n_holders; h++) {
            struct pipe_run r = eng_pipe(b, (int32_t)h);
            for (size_t i = 0; i < r.n && !aff[h]; i++)
                if (bit(dead, r.d[i].ref))
                    aff[h] = 1;
        }
    o->pipe_over = xcalloc(b->n_holders, sizeof *o->pipe_over);
    long change = 0;
    for (size_t h = 0; h < b->n_holders; h++) {
        if (!aff[h])
            continue;
        struct pipe_run r = eng_pipe(b, (int32_t)h);
        struct pipe_run *nr = xcalloc(1, sizeof *nr);
        nr->d = xmalloc((r.n + rows->n_pipe + 1) * sizeof *nr->d);
        /* in deal id order, as a build lists them */
        size_t i = 0, k = 0;
        while (i < r.n || k < rows->n_pipe) {
            if (k < rows->n_pipe && (size_t)rows->pipe_holder[k] != h) {
                k++;
                continue;
            }
            if (i < r.n && bit(dead, r.d[i].ref)) {
                change--;
                i++;
                continue;
            }
            bool base_first =
                k == rows->n_pipe || (i < r.n && eng_row_id(o, SRC_CLOSED, r.d[i].ref) <
                                                     eng_row_id(o, SRC_CLOSED, rows->pipe[k].ref));
            if (base_first) {
                nr->d[nr->n++] = r.d[i++];
            } else {
                nr->d[nr->n++] = rows->pipe[k++];
                change++;
            }
        }
        o->pipe_over[h] = nr;
    }
    o->n_pipe = (size_t)((long)b->n_pipe + change);
    free(aff);
}

/* ---- first orders ------------------------------------------------------- */

/* The store id of order REF: the base's, or one of the changed rows (NEW_IDS
 * from the base's count on). */
static int64_t order_id(const struct engine *b, const int64_t *new_ids, int32_t ref)
{
    return (size_t)ref >= b->n_orders ? new_ids[(size_t)ref - b->n_orders]
                                      : eng_base_id(b, SRC_LINES, (size_t)ref);
}

/* A customer whose orders changed: its first order before and after. */
struct first {
    int32_t c;
    int32_t old_ref, old_day; /* the base's first order, old_ref NO_IDX when none */
    int32_t ref, day;         /* the first order now, ref NO_IDX when none */
};

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Customers up to which old_firsts reads their first orders' days from the
 * store rather than passing over every first order of the base. */
#define FIRST_READ_MAX 256

/*
 * The base's first order of each customer of F[0..NF) (SLOT: customer index
 * + 1 into F) into old_ref and old_day. The base's customer records name it
 * (customers[].first_order); its day is that order's as the store holds it
 * now, read by the build's own feed reader (eng_read_rows) — the same row
 * the base was built from, as it is not among the changed rows (DEAD). A few
 * indexed reads instead of a pass over the whole first-order series, which
 * a cold process faults in page by page. The pass remains for a changed
 * first order (the base's day is needed, the store's is the new one) and
 * for more than FIRST_READ_MAX customers.
 */
/* The base's first order of customer C: NO_IDX for a customer the base does
 * not hold (added by the overlay, numbered after the base's). */
static int32_t base_first(const struct engine *b, int32_t c)
{
    return (size_t)c < b->n_customers ? b->customers[c].first_order : NO_IDX;
}

static enum at_status old_firsts(const struct engine *b, struct db *db, const uint64_t *dead,
                                 struct first *f, size_t nf, const int32_t *slot,
                                 struct at_err *err)
{
    bool scan = nf > FIRST_READ_MAX;
    int64_t *ids = xmalloc(nf * sizeof *ids);
    size_t n_ids = 0;
    for (size_t k = 0; k < nf && !scan; k++) {
        int32_t r = base_first(b, f[k].c);
        if (r == NO_IDX)
            continue;
        if (r < 0 || (size_t)r >= b->n_orders || bit(dead, r))
            scan = true;
        else
            ids[n_ids++] = eng_base_id(b, SRC_LINES, (size_t)r);
    }
    if (!scan && n_ids) {
        qsort(ids, n_ids, sizeof *ids, cmp_i64);
        int64_t *by[SRC_NEW + 1] = {NULL};
        size_t n[SRC_NEW + 1] = {0};
        by[SRC_LINES] = ids;
        n[SRC_LINES] = n_ids;
        struct eng_rows rows;
        enum at_status st = eng_read_rows(b, db, by, n, &rows, err);
        if (st) {
            free(ids);
            return st;
        }
        for (size_t i = 0; i < rows.pend[SRC_LINES].n; i++) {
            const struct event *ev = &rows.pend[SRC_LINES].items[i].ev;
            size_t at = (size_t)ev->ref - b->n_orders;
            if (ev->customer == NO_IDX || !slot[ev->customer] || at >= rows.n_new[SRC_LINES])
                continue;
            struct first *x = &f[slot[ev->customer] - 1];
            int32_t r = base_first(b, x->c);
            if (r != NO_IDX &&
                eng_base_id(b, SRC_LINES, (size_t)r) == rows.new_ids[SRC_LINES][at]) {
                x->old_ref = r;
                x->old_day = ev->day;
            }
        }
        eng_rows_free(&rows);
        /* a first order the store did not give back: the pass decides */
        for (size_t k = 0; k < nf && !scan; k++)
            if (base_first(b, f[k].c) != NO_IDX && f[k].old_ref == NO_IDX)
                scan = true;
    }
    free(ids);
    if (!scan)
        return AT_OK;
    for (size_t k = 0; k < nf; k++)
        f[k].old_ref = NO_IDX;
    for (size_t h = 0; h < b->n_holders; h++) {
        struct run r = eng_run(&b->src[SRC_NEW], (int32_t)h);
        for (size_t i = 0; i < r.n; i++) {
            int32_t c = r.ev[i].customer;
            if (c != NO_IDX && slot[c]) {
                f[slot[c] - 1].old_ref = r.ev[i].ref;
                f[slot[c] - 1].old_day = r.ev[i].day;
            }
        }
    }
    return AT_OK;
}

/* The first orders (SRC_NEW) of the customers the changed orders concern:
 * pending events into *NEWP, the base's first orders that no longer are into
 * *DEAD_NEW. AT_UNSUPPORTED when a customer's first order was deleted or
 * moved later and another of the base's orders may now be first (which only
 * a scan of the store's orders could say: the caller rebuilds). */
static enum at_status first_orders(const struct engine *b, size_t n_customers, struct db *db,
                                   const struct pend_list *lines, const uint64_t *dead,
                                   const int64_t *new_ids, struct pend_list *newp,
                                   uint64_t **dead_new, struct at_err *err)
{
    int32_t *slot = xcalloc(n_customers + 1, sizeof *slot); /* index + 1 into f */
    struct first *f = NULL;
    size_t nf = 0, capf = 0;
#define ADD_CUSTOMER(cust)                                                                         \
    do {                                                                                           \
        int32_t c_ = (cust);                                                                       \
        if (c_ != NO_IDX && !slot[c_]) {                                                           \
            if (nf == capf) {                                                                      \
                capf = capf ? 2 * capf : 64;                                                       \
                f = xrealloc(f, capf * sizeof *f);                                                 \
            }                                                                                      \
            f[nf] = (struct first){c_, NO_IDX, 0, NO_IDX, 0};                                      \
            slot[c_] = (int32_t)++nf;                                                              \
        }                                                                                          \
    } while (0)
    for (size_t i = 0; i < lines->n; i++)
        ADD_CUSTOMER(lines->items[i].ev.customer);
    if (dead)
        for (size_t h = 0; h < b->n_holders; h++) {
            struct run r = eng_run(&b->src[SRC_LINES], (int32_t)h);
            for (size_t i = 0; i < r.n; i++)
                if (bit(dead, r.ev[i].ref))
                    ADD_CUSTOMER(r.ev[i].customer);
        }
#undef ADD_CUSTOMER
    enum at_status st = AT_OK;
    if (nf)
        st = old_firsts(b, db, dead, f, nf, slot, err);
    if (!st && nf) {
        for (size_t k = 0; k < nf; k++)
            if (f[k].old_ref != NO_IDX && !bit(dead, f[k].old_ref)) {
                f[k].ref = f[k].old_ref;
                f[k].day = f[k].old_day;
            }
    }
    /* the changed orders as they are now compete: earliest day, then the
     * smallest order id */
    size_t n_base = b->n_orders;
    for (size_t i = 0; !st && i < lines->n; i++) {
        const struct event *ev = &lines->items[i].ev;
        if (ev->customer == NO_IDX)
            continue;
        struct first *x = &f[slot[ev->customer] - 1];
        if (x->ref == ev->ref)
            continue;
        bool better = x->ref == NO_IDX || ev->day < x->day;
        if (!better && ev->day == x->day)
            st = eng_order_before(db, order_id(b, new_ids, ev->ref), order_id(b, new_ids, x->ref),
                                  &better, err);
        if (better) {
            x->ref = ev->ref;
            x->day = ev->day;
        }
    }
    for (size_t k = 0; !st && k < nf; k++) {
        struct first *x = &f[k];
        if (x->old_ref == NO_IDX || !bit(dead, x->old_ref))
            continue;
        /* the first order changed: what is first now is known only when it
         * comes before every other order the base holds — dated before the
         * old first, or on its day and the old first itself or an order id
         * before it (which won the day's tie against the base's others) */
        bool ok = x->ref != NO_IDX && x->day <= x->old_day;
        if (ok && x->day == x->old_day) {
            int64_t now = order_id(b, new_ids, x->ref), was = order_id(b, new_ids, x->old_ref);
            struct at_err why = {AT_OK, ""};
            bool before = false;
            ok = now == was || (eng_order_before(db, now, was, &before, &why) == AT_OK && before);
        }
        if (!ok)
            st = at_err_set(err, AT_UNSUPPORTED, "a customer's first order was removed or moved");
    }
    for (size_t k = 0; !st && k < nf; k++) {
        struct first *x = &f[k];
        if (x->ref == x->old_ref)
            continue;
        if (x->old_ref != NO_IDX) {
            if (!*dead_new)
                *dead_new = bits_new(n_base);
            bit_set(*dead_new, x->old_ref);
        }
        /* credited like that order: its first line carries each holder's share */
        for (size_t i = 0; i < lines->n; i++) {
            const struct pending_ev *p = &lines->items[i];
            if (p->ev.ref != x->ref || !p->v[LINE_ORDERS])
                continue;
            int64_t v[MAX_MEAS] = {p->v[LINE_ORDERS]};
            eng_pend_push(newp, p->holder, &p->ev, v);
        }
    }
    free(slot);
    free(f);
    return st;
}

/* ---- customers ------------------------------------------------------------ */

/* A changed customer as the store holds it now. */
struct cust_row {
    int64_t id;
    char *name, *segment, *region, *tags;
};

struct cust_rows {
    struct cust_row *v;
    size_t n, cap;
};

static char *col_dup(const struct store_row *r, int k)
{
    return r->null[k] ? NULL : xstrdup(r->s[k]);
}

static enum at_status on_customer(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct cust_rows *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = (struct cust_row){
        r->i[FC_CUSTOMERS_id], col_dup(r, FC_CUSTOMERS_name), col_dup(r, FC_CUSTOMERS_segment),
        col_dup(r, FC_CUSTOMERS_region), col_dup(r, FC_CUSTOMERS_tags)};
    return AT_OK;
}

static void cust_rows_free(struct cust_rows *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        free(c->v[i].segment);
        free(c->v[i].region);
        free(c->v[i].tags);
    }
    free(c->v);
}

/* The tags of TEXT ("a;b") as indexes into B's tag names, as a build reads
 * them: how many into OUT (at most MAX), -1 when one is a text B never saw. */
static long tag_list(const struct engine *b, const char *text, int32_t *out, size_t max)
{
    if (!text)
        return 0;
    char *copy = xstrdup(text);
    long n = 0;
    for (char *p = copy, *semi; p; p = semi ? semi + 1 : NULL) {
        semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        if (!*p)
            continue;
        int32_t t = eng_text_find(b, &b->tagnames, p);
        if (t < 0 || (size_t)n == max) {
            n = -1;
            break;
        }
        out[n++] = t;
    }
    free(copy);
    return n;
}

/* The customers the store changed since B, into the overlay O: a changed
 * record replaced in a copy of B's customers, a new one (its id after every
 * customer of B: ids grow) appended, names and tags the base did not hold
 * added to copies of its string pool and tag list. A change the engine does
 * not keep (owner, contact, ...) changes nothing. AT_UNSUPPORTED for a
 * deleted customer, a new one numbered before B's last, a segment, region
 * or tag text B never saw. */
static enum at_status overlay_customers(struct engine *o, const struct engine *b, struct db *db,
                                        const int64_t *ids, size_t n, struct at_err *err)
{
    struct cust_rows rows = {NULL, 0, 0};
    enum at_status st = store_feed_ids(db, FEED_CUSTOMERS, ids, n, on_customer, &rows, err);
    for (size_t k = 0, j = 0; !st && k < n; k++) { /* both by id */
        if (j < rows.n && rows.v[j].id == ids[k])
            j++;
        else if (eng_customer_index(b, ids[k]) != NO_IDX)
            st = at_err_set(err, AT_UNSUPPORTED, "a customer was deleted");
    }
    struct customer *cs = NULL;
    size_t nc = b->n_customers;
    struct buf pool;
    buf_init(&pool, 0);
    int32_t *tags = NULL;
    size_t n_tags = 0;
    enum { MAX_TAGS = 64 };
    for (size_t i = 0; !st && i < rows.n; i++) {
        const struct cust_row *r = &rows.v[i];
        int32_t now[MAX_TAGS];
        int32_t seg = eng_text_find(b, &b->segments, r->segment);
        int32_t reg = eng_text_find(b, &b->regions, r->region);
        long nt = tag_list(b, r->tags, now, MAX_TAGS);
        if (seg == ENG_TEXT_UNKNOWN || reg == ENG_TEXT_UNKNOWN || nt < 0) {
            st = at_err_set(err, AT_UNSUPPORTED,
                            "a changed customer names a segment, region or tag the engine lacks");
            break;
        }
        const char *name = r->name ? r->name : "";
        int32_t at = eng_customer_index(b, r->id);
        const struct customer *was = at != NO_IDX ? &b->customers[at] : NULL;
        bool same_name = was && strcmp(STR(b, was->name), name) == 0;
        bool same_tags = was && was->tag_count == nt;
        for (long t = 0; same_tags && t < nt; t++)
            same_tags = b->tags[was->tag_first + t] == now[t];
        if (was && same_name && same_tags && was->segment == seg && was->region == reg)
            continue;
        if (!was && nc && r->id < (cs ? cs : b->customers)[nc - 1].id) {
            st = at_err_set(err, AT_UNSUPPORTED,
                            "a new customer is numbered before the engine's last");
            break;
        }
        if (!cs) {
            cs = xmalloc((b->n_customers + rows.n) * sizeof *cs);
            memcpy(cs, b->customers, b->n_customers * sizeof *cs);
        }
        struct customer c;
        memset(&c, 0, sizeof c); /* padding-free, but compared bytewise nowhere else */
        c.id = r->id;
        c.segment = seg;
        c.region = reg;
        c.first_order = was ? was->first_order : NO_IDX;
        if (same_name) {
            c.name = was->name;
        } else {
            c.name = (uint32_t)(b->pool_len + pool.len);
            buf_append(&pool, name, strlen(name) + 1);
        }
        if (same_tags) {
            c.tag_first = was->tag_first;
            c.tag_count = was->tag_count;
        } else {
            tags = xrealloc(tags, (n_tags + (size_t)nt + 1) * sizeof *tags);
            c.tag_first = (int32_t)(b->n_tags + n_tags);
            c.tag_count = (int32_t)nt;
            memcpy(tags + n_tags, now, (size_t)nt * sizeof *now);
            n_tags += (size_t)nt;
        }
        cs[was ? (size_t)at : nc++] = c;
    }
    if (!st && b->pool_len + pool.len > UINT32_MAX)
        st = at_err_set(err, AT_UNSUPPORTED, "the engine's texts would outgrow their offsets");
    if (!st && cs) {
        o->customers = cs;
        o->n_customers = nc;
        cs = NULL;
    }
    if (!st && pool.len) {
        char *p = xmalloc(b->pool_len + pool.len);
        memcpy(p, b->pool, b->pool_len);
        memcpy(p + b->pool_len, pool.data, pool.len);
        o->pool = p;
        o->pool_len = b->pool_len + pool.len;
    }
    if (!st && n_tags) {
        int32_t *t = xmalloc((b->n_tags + n_tags) * sizeof *t);
        memcpy(t, b->tags, b->n_tags * sizeof *t);
        memcpy(t + b->n_tags, tags, n_tags * sizeof *t);
        o->tags = t;
        o->n_tags = b->n_tags + n_tags;
    }
    free(cs);
    free(tags);
    buf_free(&pool);
    cust_rows_free(&rows);
    return st;
}

/* ---- the overlay -------------------------------------------------------- */

static void overlay_free(struct engine *o)
{
    for (int s = 0; s <= SRC_NEW; s++) {
        struct series *se = &o->src[s];
        for (size_t h = 0; se->over && h < o->n_holders; h++)
            if (se->over[h]) {
                free(se->over[h]->ev);
                for (int m = 0; m < MAX_MEAS; m++)
                    free(se->over[h]->cum[m]);
                free(se->over[h]);
            }
        free(se->over);
        for (int m = 0; m < MAX_MEAS; m++) {
            for (size_t r = 0; se->dense_over[m] && r <= o->n_units; r++)
                free(se->dense_over[m][r]);
            free(se->dense_over[m]);
            for (size_t h = 0; se->month_over[m] && h < o->n_holders; h++)
                free(se->month_over[m][h]);
            free(se->month_over[m]);
        }
        free(o->extra_ids[s]);
    }
    for (size_t h = 0; o->pipe_over && h < o->n_holders; h++)
        if (o->pipe_over[h]) {
            free(o->pipe_over[h]->d);
            free(o->pipe_over[h]);
        }
    free(o->pipe_over);
    if (o->customers != o->base->customers)
        free(o->customers);
    if (o->pool != o->base->pool)
        free(o->pool);
    if (o->tags != o->base->tags)
        free(o->tags);
    engine_free(o->base);
    free(o);
}

bool eng_overlay_free(struct engine *e)
{
    if (!e->base)
        return false;
    overlay_free(e);
    return true;
}

void eng_copy(struct engine *dst, const struct engine *src)
{
    /* every field but the count of references, which other threads may be
     * changing (engine_retain) while this copy is made */
    size_t at = offsetof(struct engine, refs), past = at + sizeof src->refs;
    memcpy(dst, src, at);
    memcpy((char *)dst + past, (const char *)src + past, sizeof *dst - past);
    dst->refs = 0;
}

struct engine *engine_retain(struct engine *e)
{
    __atomic_add_fetch(&e->refs, 1, __ATOMIC_RELAXED);
    return e;
}

struct engine *engine_base(struct engine *e)
{
    return e->base ? e->base : e;
}

size_t engine_delta_rows(const struct engine *e)
{
    return e->delta_rows;
}

enum at_status engine_overlay(struct engine *e, struct db *db, int64_t since, const char *data_key,
                              struct engine **out, struct at_err *err)
{
    *out = NULL;
    struct engine *b = engine_base(e);
    struct changes ch;
    memset(&ch, 0, sizeof ch);
    enum at_status st = store_changes_since(db, since, on_change, &ch, err);
    struct eng_rows rows;
    memset(&rows, 0, sizeof rows);
    uint64_t *dead[SRC_NEW + 1] = {NULL};
    struct engine *o = NULL;
    if (!st) {
        o = xmalloc(sizeof *o);
        eng_copy(o, b);
        o->base = engine_retain(b);
        o->map = NULL;
        o->delta_rows = ch.total;
        snprintf(o->data_key, sizeof o->data_key, "%s", data_key);
        long long gen;
        if (sscanf(data_key, "%*[^/]/%lld/", &gen) == 1)
            o->generation = gen;
        for (int s = 0; s <= SRC_NEW; s++) {
            o->src[s].over = NULL;
            o->extra_ids[s] = NULL;
            for (int m = 0; m < MAX_MEAS; m++)
                o->src[s].dense_over[m] = o->src[s].month_over[m] = NULL;
        }
        o->pipe_over = NULL;
        /* customers first: the changed rows may name new ones */
        if (ch.n_cust)
            st = overlay_customers(o, b, db, ch.cust, ch.n_cust, err);
        if (!st)
            st = eng_read_rows(o, db, ch.ids, ch.n, &rows, err);
        for (int s = 0; !st && s < SRC_NEW; s++)
            dead[s] = dead_refs(b, s, ch.ids[s], ch.n[s]);
    }
    if (!st) {
        size_t base_n[SRC_NEW + 1] = {b->n_orders,     b->n_payments, b->n_deals,
                                      b->n_activities, b->n_surveys,  b->n_orders};
        for (int s = 0; s <= SRC_NEW; s++) {
            o->base_rows[s] = base_n[s];
            o->extra_ids[s] = rows.new_ids[s == SRC_NEW ? SRC_LINES : s];
        }
        /* the lines' and first orders' share the orders' ids */
        o->extra_ids[SRC_NEW] = NULL;
        for (int s = 0; s < SRC_NEW; s++)
            rows.new_ids[s] = NULL;
        o->n_orders += rows.n_new[SRC_LINES];
        o->n_lines += rows.n_lines;
        o->n_payments += rows.n_new[SRC_PAYMENTS];
        o->n_deals += rows.n_new[SRC_CLOSED];
        o->n_activities += rows.n_new[SRC_ACTIVITIES];
        o->n_surveys += rows.n_new[SRC_SURVEYS];
    }
    struct pend_list newp = {NULL, 0, 0};
    uint64_t *dead_new = NULL;
    if (!st && (ch.n[SRC_LINES]))
        st = first_orders(b, o->n_customers, db, &rows.pend[SRC_LINES], dead[SRC_LINES],
                          o->extra_ids[SRC_LINES], &newp, &dead_new, err);
    for (int s = 0; !st && s < SRC_NEW; s++)
        st = overlay_series(o, b, s, &rows.pend[s], dead[s], err);
    if (!st)
        st = overlay_series(o, b, SRC_NEW, &newp, dead_new, err);
    if (!st)
        overlay_pipe(o, b, &rows, dead[SRC_CLOSED]);
    free(newp.items);
    free(dead_new);
    for (int s = 0; s <= SRC_NEW; s++) {
        free(dead[s]);
        free(ch.ids[s]);
    }
    free(ch.cust);
    eng_rows_free(&rows);
    if (st) {
        if (o)
            overlay_free(o);
        return st;
    }
    *out = o;
    return AT_OK;
}

/* ---- the same answers ----------------------------------------------------- */

/* An event as both engines must hold it: refs differ between an overlay and
 * a fresh build (the rows are numbered anew), store ids do not. */
struct canon {
    int32_t day, customer, attr, share;
    int64_t id, product, stage; /* products and stages by their text's hash: each
                                   engine numbers its texts in the order it met them */
    int64_t v[MAX_MEAS];
};

/* FNV-1a of text IDX of T (NO_IDX: -1). */
static int64_t text_hash(const struct engine *e, const struct strtab *t, int32_t idx)
{
    if (idx == NO_IDX || idx < 0 || (size_t)idx >= t->n)
        return -1;
    uint64_t h = 14695981039346656037ULL;
    for (const char *p = STR(e, t->off[idx]); *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (int64_t)(h >> 1);
}

static int cmp_canon(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(struct canon));
}

static size_t canon_run(const struct engine *e, int s, int32_t h, struct canon **out)
{
    struct run r = eng_run(&e->src[s], h);
    struct canon *c = xcalloc(r.n + 1, sizeof *c);
    for (size_t i = 0; i < r.n; i++) {
        c[i].day = r.ev[i].day;
        c[i].customer = r.ev[i].customer;
        bool product = s == SRC_LINES || s == SRC_CLOSED || s == SRC_NEW;
        c[i].attr = product ? 0 : r.ev[i].attr;
        c[i].product = product ? text_hash(e, &e->products, r.ev[i].attr) : 0;
        c[i].stage = text_hash(e, &e->stages, r.ev[i].stage);
        c[i].share = r.ev[i].share;
        c[i].id = eng_row_id(e, (enum engine_source)s, r.ev[i].ref);
        for (int m = 0; m < e->src[s].n_meas; m++)
            c[i].v[m] = r.cum[m][i + 1] - r.cum[m][i];
    }
    qsort(c, r.n, sizeof *c, cmp_canon);
    *out = c;
    return r.n;
}

/* Holder sum of the dense row before day DAY (as sum_measure reads it). */
static int64_t dense_at(const struct engine *e, int s, int m, size_t row, int64_t day)
{
    int64_t t = day - e->d0;
    if (t < 0)
        t = 0;
    if (t > e->n_days)
        t = e->n_days;
    return eng_dense_row(e, &e->src[s], m, row)[t];
}

void engine_same_answers(const struct engine *a, const struct engine *b, engine_diff_fn fn,
                         void *ctx, long *n_diff, long *n_checked)
{
    char line[300];
#define DIFF(...)                                                                                  \
    do {                                                                                           \
        (*n_diff)++;                                                                               \
        snprintf(line, sizeof line, __VA_ARGS__);                                                  \
        if (fn)                                                                                    \
            fn(line, ctx);                                                                         \
    } while (0)
    (*n_checked)++;
    if (a->n_holders != b->n_holders || a->n_units != b->n_units ||
        a->n_customers != b->n_customers) {
        DIFF("the engines hold other people, units or customers");
        return;
    }
    for (size_t c = 0; c < a->n_customers; c++) {
        const struct customer *x = &a->customers[c], *y = &b->customers[c];
        bool same =
            x->id == y->id && strcmp(STR(a, x->name), STR(b, y->name)) == 0 &&
            text_hash(a, &a->segments, x->segment) == text_hash(b, &b->segments, y->segment) &&
            text_hash(a, &a->regions, x->region) == text_hash(b, &b->regions, y->region) &&
            x->tag_count == y->tag_count;
        for (int32_t t = 0; same && t < x->tag_count; t++)
            same = text_hash(a, &a->tagnames, a->tags[x->tag_first + t]) ==
                   text_hash(b, &b->tagnames, b->tags[y->tag_first + t]);
        (*n_checked)++;
        if (!same)
            DIFF("customer %lld: another name, segment, region or tags than a fresh build",
                 (long long)x->id);
    }
    for (int s = 0; s <= SRC_NEW; s++)
        for (size_t h = 0; h < a->n_holders; h++) {
            struct canon *x, *y;
            size_t nx = canon_run(a, s, (int32_t)h, &x), ny = canon_run(b, s, (int32_t)h, &y);
            (*n_checked)++;
            if (nx != ny || memcmp(x, y, nx * sizeof *x) != 0)
                DIFF("source %d of %s: %zu events, a fresh build %zu or other values", s,
                     eng_holder_name(a, (int32_t)h), nx, ny);
            free(x);
            free(y);
        }
    /* the dense day sums of every unit and the company, on every day */
    int64_t lo = a->d0 < b->d0 ? a->d0 : b->d0;
    int64_t hi = (int64_t)a->d0 + a->n_days > (int64_t)b->d0 + b->n_days
                     ? (int64_t)a->d0 + a->n_days
                     : (int64_t)b->d0 + b->n_days;
    for (int s = 0; s <= SRC_NEW; s++) {
        if (!a->src[s].dense[0] || !b->src[s].dense[0])
            continue;
        for (int m = 0; m < a->src[s].n_meas; m++)
            for (size_t row = 0; row <= a->n_units; row++) {
                (*n_checked)++;
                for (int64_t d = lo; d <= hi + 1; d++)
                    if (dense_at(a, s, m, row, d) != dense_at(b, s, m, row, d)) {
                        DIFF("source %d measure %d: the day sums of %s differ before %lld", s, m,
                             row == a->n_units ? "the company" : STR(a, a->units[row].path),
                             (long long)d);
                        break;
                    }
            }
    }
    /* pipeline shares */
    for (size_t h = 0; h < a->n_holders; h++) {
        struct pipe_run x = eng_pipe(a, (int32_t)h), y = eng_pipe(b, (int32_t)h);
        (*n_checked)++;
        bool same = x.n == y.n;
        for (size_t i = 0; same && i < x.n; i++) {
            struct deal_share p = x.d[i], q = y.d[i];
            same = eng_row_id(a, SRC_PIPELINE, p.ref) == eng_row_id(b, SRC_PIPELINE, q.ref) &&
                   text_hash(a, &a->products, p.product) == text_hash(b, &b->products, q.product) &&
                   text_hash(a, &a->stages, p.stage) == text_hash(b, &b->stages, q.stage);
            p.ref = q.ref = p.product = q.product = p.stage = q.stage = 0;
            same = same && memcmp(&p, &q, sizeof p) == 0;
        }
        if (!same)
            DIFF("the pipeline of %s: %zu deal shares, a fresh build %zu or other values",
                 eng_holder_name(a, (int32_t)h), x.n, y.n);
    }
    /* the monthly sums against the events they summarise */
    engine_verify(a, fn, ctx, n_diff, n_checked);
#undef DIFF
}
