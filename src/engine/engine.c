/*
 * engine.c — the metric engine (see engine.h): building the roll-ups from the
 * store's feeds, and answering metrics, breakdowns and explanations from them.
 */
#include "engine/engine_internal.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/map.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "store/db.h"

/* Add S to the pool while building; its offset. */
static uint32_t pool_add(struct engine *e, const char *s)
{
    uint32_t off = (uint32_t)e->poolb.len;
    buf_append(&e->poolb, s ? s : "", strlen(s ? s : "") + 1);
    return off;
}

static int32_t intern(struct engine *e, struct strtab *t, const char *s)
{
    if (!s || !*s)
        return NO_IDX;
    int64_t id;
    if (map_get(&t->ids, s, &id))
        return (int32_t)id;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->off = xrealloc(t->off, t->cap * sizeof *t->off);
    }
    t->off[t->n] = pool_add(e, s);
    map_put(&t->ids, s, (int64_t)t->n);
    return (int32_t)t->n++;
}

/* Index of text S in T, or -2 (a value the data never holds). */
static int32_t strtab_find(const struct engine *e, const struct strtab *t, const char *s)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(STR(e, t->off[i]), s) == 0)
            return (int32_t)i;
    return -2;
}

/* ---- building ----------------------------------------------------------- */

/* An event being built: holder, event and its measure values. */
struct pending_ev {
    int32_t holder;
    struct event ev;
    int64_t v[MAX_MEAS];
};

struct pend_list {
    struct pending_ev *items;
    size_t n, cap;
};

static void pend_push(struct pend_list *l, int32_t holder, const struct event *ev, const int64_t *v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4096;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    struct pending_ev *p = &l->items[l->n++];
    p->holder = holder;
    p->ev = *ev;
    memcpy(p->v, v, sizeof p->v);
}

/* One credit: holder and share. */
struct credit {
    int32_t holder;
    int32_t share;
};

/* The holders of a row: its split ("pid:bp;..."), else its owner, else its
 * unit, else nobody. Returns how many (at most 8) into OUT. */
static size_t credits_of(const struct engine *e, const struct store_row *r, int owner_col,
                         int unit_col, int credit_col, struct credit *out)
{
    size_t n = 0;
    int64_t idx;
    if (credit_col >= 0 && !r->null[credit_col]) {
        const char *p = r->s[credit_col];
        while (*p && n < 8) {
            char *end;
            long long pid = strtoll(p, &end, 10);
            if (*end != ':')
                break;
            long bp = strtol(end + 1, &end, 10);
            char key[24];
            snprintf(key, sizeof key, "%lld", pid);
            if (map_get(&e->person_by_id, key, &idx))
                out[n++] = (struct credit){(int32_t)idx, (int32_t)bp};
            p = *end == ';' ? end + 1 : end;
        }
        if (n)
            return n;
    }
    char key[24];
    if (owner_col >= 0 && !r->null[owner_col]) {
        snprintf(key, sizeof key, "%lld", (long long)r->i[owner_col]);
        if (map_get(&e->person_by_id, key, &idx)) {
            out[0] = (struct credit){(int32_t)idx, METRIC_SCALE};
            return 1;
        }
    }
    if (unit_col >= 0 && !r->null[unit_col]) {
        snprintf(key, sizeof key, "%lld", (long long)r->i[unit_col]);
        if (map_get(&e->unit_by_id, key, &idx)) {
            out[0] = (struct credit){(int32_t)(e->n_people + (size_t)idx), METRIC_SCALE};
            return 1;
        }
    }
    out[0] = (struct credit){(int32_t)(e->n_holders - 1), METRIC_SCALE};
    return 1;
}

static int32_t lookup_idx(const struct map *m, const struct store_row *r, int col)
{
    if (col < 0 || r->null[col])
        return NO_IDX;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)r->i[col]);
    int64_t idx;
    return map_get(m, key, &idx) ? (int32_t)idx : NO_IDX;
}

static int32_t day_of(const struct store_row *r, int col, int32_t none)
{
    int32_t d;
    if (col < 0 || r->null[col] || !cal_parse_iso(r->s[col], &d))
        return none;
    return d;
}

static void push_id(int64_t **arr, size_t *n, size_t *cap, int64_t id)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *arr = xrealloc(*arr, *cap * sizeof **arr);
    }
    (*arr)[(*n)++] = id;
}

struct build {
    struct engine *e;
    struct pend_list pend[SRC_NEW + 1];
    size_t cap_people, cap_units, cap_customers, cap_tags, cap_markets;
    size_t cap_orders, cap_payments, cap_deals, cap_activities, cap_surveys;
    /* orders being read */
    int64_t cur_order;
    int32_t cur_day, cur_customer;
    struct credit cur_credit[8];
    size_t n_cur_credit;
    int32_t *order_day;  /* day of each order, for first orders */
    int32_t *order_cust; /* customer of each order or NO_IDX */
    size_t cap_order_day;
    struct deal_share *pipe;
    int32_t *pipe_holder;
    size_t n_pipe, cap_pipe;
    char overflow[160]; /* the first value or sum that does not fit an int64, or "" */
};

/* A × C into *OUT; on overflow, note WHAT and ID (the row) in B->overflow. */
static void mul_checked(struct build *b, int64_t a, int64_t c, int64_t *out, const char *what,
                        int64_t id)
{
    if (__builtin_mul_overflow(a, c, out)) {
        *out = 0;
        if (!b->overflow[0])
            snprintf(b->overflow, sizeof b->overflow, "%s %lld", what, (long long)id);
    }
}

static enum at_status feed_unit(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    if (e->n_units == b->cap_units) {
        b->cap_units = b->cap_units ? b->cap_units * 2 : 64;
        e->units = xrealloc(e->units, b->cap_units * sizeof *e->units);
    }
    struct unit *u = &e->units[e->n_units];
    u->id = r->i[0];
    u->parent = (int32_t)(r->null[1] ? -2 : r->i[1]); /* store id for now; fixed below */
    u->name = pool_add(e, r->s[2]);
    u->path = pool_add(e, r->s[3]);
    u->ext = pool_add(e, r->s[4]);
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)u->id);
    map_put(&e->unit_by_id, key, (int64_t)e->n_units);
    e->n_units++;
    return AT_OK;
}

static enum at_status feed_person(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    if (e->n_people == b->cap_people) {
        b->cap_people = b->cap_people ? b->cap_people * 2 : 64;
        e->people = xrealloc(e->people, b->cap_people * sizeof *e->people);
    }
    struct person *p = &e->people[e->n_people];
    p->id = r->i[0];
    p->unit = lookup_idx(&e->unit_by_id, r, 1);
    p->active = r->null[3] ? 1 : (int32_t)(r->i[3] != 0);
    p->weight_milli = r->null[7] ? 1000 : (int32_t)r->i[7];
    p->name_shared = 0;
    p->reserved = 0;
    p->email = pool_add(e, r->n > 8 ? r->s[8] : NULL);
    p->manager = (int32_t)(r->null[2] ? -2 : r->i[2]); /* store id; fixed below */
    p->name = pool_add(e, r->s[4]);
    p->ext = pool_add(e, r->s[5]);
    p->emp = pool_add(e, r->s[6]);
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)p->id);
    map_put(&e->person_by_id, key, (int64_t)e->n_people);
    e->n_people++;
    return AT_OK;
}

static enum at_status feed_customer(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    if (e->n_customers == b->cap_customers) {
        b->cap_customers = b->cap_customers ? b->cap_customers * 2 : 1024;
        e->customers = xrealloc(e->customers, b->cap_customers * sizeof *e->customers);
    }
    struct customer *c = &e->customers[e->n_customers];
    c->id = r->i[0];
    c->name = pool_add(e, r->s[1]);
    c->segment = intern(e, &e->segments, r->s[2]);
    c->region = intern(e, &e->regions, r->s[3]);
    c->tag_first = (int32_t)e->n_tags;
    c->tag_count = 0;
    c->first_order = NO_IDX;
    if (!r->null[4]) {
        char *copy = xstrdup(r->s[4]);
        for (char *p = copy, *semi; p; p = semi ? semi + 1 : NULL) {
            semi = strchr(p, ';');
            if (semi)
                *semi = '\0';
            if (!*p)
                continue;
            if (e->n_tags == b->cap_tags) {
                b->cap_tags = b->cap_tags ? b->cap_tags * 2 : 1024;
                e->tags = xrealloc(e->tags, b->cap_tags * sizeof *e->tags);
            }
            e->tags[e->n_tags++] = intern(e, &e->tagnames, p);
            c->tag_count++;
        }
        free(copy);
    }
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)c->id);
    map_put(&e->customer_by_id, key, (int64_t)e->n_customers);
    e->n_customers++;
    return AT_OK;
}

/* Order lines arrive by order id; the first line of an order carries the
 * order's count for each holder. */
static enum at_status feed_line(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    bool first = e->n_orders == 0 || r->i[0] != b->cur_order;
    if (first) {
        int32_t day = day_of(r, 2, INT32_MIN);
        if (day == INT32_MIN)
            return at_err_set(err, AT_DB, "order %lld has no valid date", (long long)r->i[0]);
        b->cur_order = r->i[0];
        b->cur_day = day;
        b->cur_customer = lookup_idx(&e->customer_by_id, r, 3);
        b->n_cur_credit = credits_of(e, r, 4, 5, 6, b->cur_credit);
        push_id(&e->order_ids, &e->n_orders, &b->cap_orders, r->i[0]);
        if (e->n_orders > b->cap_order_day) {
            b->cap_order_day = b->cap_orders;
            b->order_day = xrealloc(b->order_day, b->cap_order_day * sizeof *b->order_day);
            b->order_cust = xrealloc(b->order_cust, b->cap_order_day * sizeof *b->order_cust);
        }
        b->order_day[e->n_orders - 1] = day;
        b->order_cust[e->n_orders - 1] = b->cur_customer;
        /* the customer's first order ever: earliest date, then smallest order id */
        if (b->cur_customer != NO_IDX) {
            struct customer *c = &e->customers[b->cur_customer];
            if (c->first_order == NO_IDX || day < b->order_day[c->first_order])
                c->first_order = (int32_t)(e->n_orders - 1);
        }
    }
    e->n_lines++;
    int32_t order = (int32_t)(e->n_orders - 1);
    int32_t product = intern(e, &e->products, r->s[7]);
    int64_t amount = r->null[8] ? 0 : r->i[8];
    for (size_t k = 0; k < b->n_cur_credit; k++) {
        struct event ev = {b->cur_day, b->cur_customer, product,
                           NO_IDX,     order,           b->cur_credit[k].share};
        int64_t v[MAX_MEAS] = {0, first ? b->cur_credit[k].share : 0};
        mul_checked(b, amount, b->cur_credit[k].share, &v[0], "the amount of order", r->i[0]);
        pend_push(&b->pend[SRC_LINES], b->cur_credit[k].holder, &ev, v);
    }
    return AT_OK;
}

static enum at_status feed_payment(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, 1, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "payment %lld has no valid date", (long long)r->i[0]);
    push_id(&e->payment_ids, &e->n_payments, &b->cap_payments, r->i[0]);
    struct credit cr[8];
    size_t n = credits_of(e, r, 3, 4, 5, cr);
    for (size_t k = 0; k < n; k++) {
        struct event ev = {day,    lookup_idx(&e->customer_by_id, r, 2), NO_IDX,
                           NO_IDX, (int32_t)(e->n_payments - 1),         cr[k].share};
        int64_t v[MAX_MEAS] = {0};
        mul_checked(b, r->null[6] ? 0 : r->i[6], cr[k].share, &v[0], "the amount of payment",
                    r->i[0]);
        pend_push(&b->pend[SRC_PAYMENTS], cr[k].holder, &ev, v);
    }
    return AT_OK;
}

static enum at_status feed_deal(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    push_id(&e->deal_ids, &e->n_deals, &b->cap_deals, r->i[0]);
    int32_t ref = (int32_t)(e->n_deals - 1);
    struct credit cr[8];
    size_t n = credits_of(e, r, 2, 3, 4, cr);
    int32_t customer = lookup_idx(&e->customer_by_id, r, 1);
    int32_t product = intern(e, &e->products, r->s[5]);
    int32_t stage = intern(e, &e->stages, r->s[7]);
    int64_t amount = r->null[6] ? 0 : r->i[6];
    const char *status = r->s[8] ? r->s[8] : "open";
    int32_t closed = day_of(r, 12, INT32_MAX);
    bool won = strcmp(status, "won") == 0, lost = strcmp(status, "lost") == 0;
    for (size_t k = 0; k < n; k++) {
        if ((won || lost) && closed != INT32_MAX) {
            struct event ev = {closed, customer, product, stage, ref, cr[k].share};
            int64_t v[MAX_MEAS] = {0, won ? cr[k].share : 0, lost ? cr[k].share : 0};
            if (won)
                mul_checked(b, amount, cr[k].share, &v[0], "the amount of deal", r->i[0]);
            pend_push(&b->pend[SRC_CLOSED], cr[k].holder, &ev, v);
        }
        if (b->n_pipe == b->cap_pipe) {
            b->cap_pipe = b->cap_pipe ? b->cap_pipe * 2 : 1024;
            b->pipe = xrealloc(b->pipe, b->cap_pipe * sizeof *b->pipe);
            b->pipe_holder = xrealloc(b->pipe_holder, b->cap_pipe * sizeof *b->pipe_holder);
        }
        b->pipe_holder[b->n_pipe] = cr[k].holder;
        b->pipe[b->n_pipe++] = (struct deal_share){
            .created = day_of(r, 10, INT32_MIN),
            .closed = (won || lost) ? closed : INT32_MAX,
            .expected = day_of(r, 11, INT32_MIN),
            .customer = customer,
            .product = product,
            .stage = stage,
            .ref = ref,
            .share = cr[k].share,
            .prob_bp = r->null[9] ? 0 : (int32_t)r->i[9],
            .amount = amount,
        };
    }
    return AT_OK;
}

static enum at_status feed_activity(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, 2, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "activity %lld has no valid date", (long long)r->i[0]);
    push_id(&e->activity_ids, &e->n_activities, &b->cap_activities, r->i[0]);
    static const char *const types[] = {"visit", "call", "meeting", "email", "other"};
    int32_t type = ACT_TYPE_OTHER;
    for (int t = 0; t < 5; t++)
        if (r->s[1] && strcmp(r->s[1], types[t]) == 0)
            type = t;
    struct credit cr[8];
    size_t n = credits_of(e, r, 3, -1, -1, cr);
    struct event ev = {day,    lookup_idx(&e->customer_by_id, r, 4), type,
                       NO_IDX, (int32_t)(e->n_activities - 1),       cr[0].share};
    int64_t v[MAX_MEAS] = {(type == ACT_TYPE_VISIT) * METRIC_SCALE,
                           (type == ACT_TYPE_CALL) * METRIC_SCALE,
                           (type == ACT_TYPE_MEETING) * METRIC_SCALE};
    (void)n;
    pend_push(&b->pend[SRC_ACTIVITIES], cr[0].holder, &ev, v);
    return AT_OK;
}

static enum at_status feed_survey(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, 1, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "survey %lld has no valid date", (long long)r->i[0]);
    push_id(&e->survey_ids, &e->n_surveys, &b->cap_surveys, r->i[0]);
    struct credit cr[8];
    credits_of(e, r, 3, 4, -1, cr);
    int64_t score = r->i[5], scale = r->i[6];
    struct event ev = {day,    lookup_idx(&e->customer_by_id, r, 2), (int32_t)scale,
                       NO_IDX, (int32_t)(e->n_surveys - 1),          METRIC_SCALE};
    int64_t v[MAX_MEAS] = {0};
    if (scale < 10) {
        v[SURV_CSAT_SUM] = score;
        v[SURV_CSAT_N] = 1;
    } else if (scale == 10) {
        v[SURV_PROMOTERS] = score >= 9;
        v[SURV_DETRACTORS] = score <= 6;
        v[SURV_NPS_N] = 1;
    }
    pend_push(&b->pend[SRC_SURVEYS], cr[0].holder, &ev, v);
    return AT_OK;
}

static enum at_status feed_market(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t unit = lookup_idx(&e->unit_by_id, r, 0);
    if (unit == NO_IDX)
        return AT_OK;
    if (e->n_markets == b->cap_markets) {
        b->cap_markets = b->cap_markets ? b->cap_markets * 2 : 16;
        e->markets = xrealloc(e->markets, b->cap_markets * sizeof *e->markets);
    }
    e->markets[e->n_markets++] =
        (struct market){unit, pool_add(e, r->s[1]), r->null[2] ? 0 : r->i[2]};
    return AT_OK;
}

static int cmp_event(const void *a, const void *b)
{
    const struct pending_ev *x = a, *y = b;
    if (x->holder != y->holder)
        return x->holder < y->holder ? -1 : 1;
    if (x->ev.day != y->ev.day)
        return x->ev.day < y->ev.day ? -1 : 1;
    if (x->ev.ref != y->ev.ref)
        return x->ev.ref < y->ev.ref ? -1 : 1;
    return 0;
}

/* The units a holder's events count for: its unit and every ancestor. */
static int32_t holder_unit(const struct engine *e, int32_t h)
{
    if ((size_t)h < e->n_people)
        return e->people[h].unit;
    if ((size_t)h < e->n_people + e->n_units)
        return (int32_t)((size_t)h - e->n_people);
    return NO_IDX;
}

/* The months the engine covers: their start days, n_months + 1 of them. */
static void month_table(struct engine *e)
{
    e->n_months = 0;
    if (e->n_days <= 0) {
        e->month_start = xcalloc(1, sizeof *e->month_start);
        return;
    }
    int y, m, d;
    cal_to_ymd(e->d0, &y, &m, &d);
    int32_t first = cal_from_ymd(y, m, 1), last = e->d0 + e->n_days - 1;
    size_t cap = 16;
    e->month_start = xmalloc(cap * sizeof *e->month_start);
    e->month_start[0] = first;
    for (int32_t day = first; day <= last;) {
        day = cal_add_months(day, 1);
        if ((size_t)e->n_months + 2 > cap) {
            cap *= 2;
            e->month_start = xrealloc(e->month_start, cap * sizeof *e->month_start);
        }
        e->month_start[++e->n_months] = day;
    }
}

/* Index of the first month starting on or after DAY (0..n_months). */
static size_t month_at_or_after(const struct engine *e, int32_t day)
{
    size_t a = 0, b = (size_t)e->n_months + 1;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (e->month_start[mid] < day)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* Turn the pending events of source S into its series. */
static void series_finish(struct engine *e, struct pend_list *l, struct series *s, int n_meas,
                          bool dense, bool *ovf)
{
    if (l->n)
        qsort(l->items, l->n, sizeof *l->items, cmp_event);
    s->n = l->n;
    s->n_meas = n_meas;
    s->start = xcalloc(e->n_holders + 1, sizeof *s->start);
    s->ev = xmalloc((l->n ? l->n : 1) * sizeof *s->ev);
    for (int m = 0; m < n_meas; m++) {
        s->cum[m] = xmalloc((l->n + 1) * sizeof *s->cum[m]);
        s->cum[m][0] = 0;
    }
    size_t h = 0;
    for (size_t i = 0; i < l->n; i++) {
        while (h <= (size_t)l->items[i].holder)
            s->start[h++] = i;
        s->ev[i] = l->items[i].ev;
        for (int m = 0; m < n_meas; m++)
            if (__builtin_add_overflow(s->cum[m][i], l->items[i].v[m], &s->cum[m][i + 1]))
                *ovf = true;
    }
    while (h <= e->n_holders)
        s->start[h++] = l->n;
    /* each holder's running sums at each month start */
    size_t stride_m = (size_t)e->n_months + 1;
    for (int m = 0; m < n_meas; m++) {
        s->month_cum[m] = xcalloc(e->n_holders * stride_m, sizeof(int64_t));
        e->bytes += e->n_holders * stride_m * sizeof(int64_t);
    }
    for (size_t hh = 0; hh < e->n_holders; hh++) {
        size_t i = s->start[hh], end = s->start[hh + 1];
        for (size_t k = 0; k < stride_m; k++) {
            while (i < end && s->ev[i].day < e->month_start[k])
                i++;
            for (int m = 0; m < n_meas; m++)
                if (__builtin_sub_overflow(s->cum[m][i], s->cum[m][s->start[hh]],
                                           &s->month_cum[m][hh * stride_m + k]))
                    *ovf = true;
        }
    }
    e->bytes += (e->n_holders + 1) * sizeof *s->start + l->n * sizeof *s->ev +
                (size_t)n_meas * (l->n + 1) * sizeof(int64_t);
    if (dense && e->n_days > 0) {
        size_t stride = (size_t)e->n_days + 1, rows = e->n_units + 1;
        for (int m = 0; m < n_meas; m++) {
            s->dense[m] = xcalloc(rows * stride, sizeof(int64_t));
            e->bytes += rows * stride * sizeof(int64_t);
        }
        /* add each event's value on its day to its units and the company */
        for (size_t i = 0; i < l->n; i++) {
            const struct pending_ev *p = &l->items[i];
            size_t t = (size_t)(p->ev.day - e->d0) + 1;
            for (int m = 0; m < n_meas; m++) {
                if (!p->v[m])
                    continue;
                int64_t *c = &s->dense[m][e->n_units * stride + t];
                if (__builtin_add_overflow(*c, p->v[m], c))
                    *ovf = true;
                for (int32_t u = holder_unit(e, p->holder); u != NO_IDX; u = e->units[u].parent) {
                    c = &s->dense[m][(size_t)u * stride + t];
                    if (__builtin_add_overflow(*c, p->v[m], c))
                        *ovf = true;
                }
            }
        }
        for (int m = 0; m < n_meas; m++)
            for (size_t r = 0; r < rows; r++) {
                int64_t *row = s->dense[m] + r * stride;
                for (size_t t = 1; t < stride; t++)
                    if (__builtin_add_overflow(row[t], row[t - 1], &row[t]))
                        *ovf = true;
            }
    }
    free(l->items);
    l->items = NULL;
}

static void day_range(const struct pend_list *l, int32_t *lo, int32_t *hi)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].ev.day < *lo)
            *lo = l->items[i].ev.day;
        if (l->items[i].ev.day > *hi)
            *hi = l->items[i].ev.day;
    }
}

/* Fail on a cycle of managers or of parent units: every walk up the org
 * (teams, unit subtrees, distinct counts by team) assumes it ends. */
static enum at_status check_cycles(struct engine *e, struct at_err *err)
{
    for (size_t i = 0; i < e->n_people; i++) {
        int32_t q = (int32_t)i;
        size_t hops = 0;
        while (q != NO_IDX && hops <= e->n_people) {
            q = e->people[q].manager;
            hops++;
        }
        if (q == NO_IDX)
            continue;
        /* Q is on the cycle now: name its people */
        char list[400];
        size_t len = 0;
        int32_t r = q;
        do {
            const char *ext = STR_BUILD(e, e->people[r].ext);
            char id[32];
            snprintf(id, sizeof id, "#%lld", (long long)e->people[r].id);
            if (len < sizeof list)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (id %s)",
                                        len ? " → " : "", STR_BUILD(e, e->people[r].name),
                                        *ext ? ext : id);
            r = e->people[r].manager;
        } while (r != q);
        return at_err_set(err, AT_INVALID,
                          "the managers form a cycle: %s → back; give one of them another "
                          "manager and import the people again",
                          list);
    }
    for (size_t i = 0; i < e->n_units; i++) {
        int32_t u = (int32_t)i;
        size_t hops = 0;
        while (u != NO_IDX && hops <= e->n_units) {
            u = e->units[u].parent;
            hops++;
        }
        if (u != NO_IDX)
            return at_err_set(err, AT_INVALID,
                              "the parent units form a cycle through %s; fix the units' parents",
                              STR_BUILD(e, e->units[u].path));
    }
    return AT_OK;
}

/* Set name_shared on every person whose name another person has too (their
 * labels carry the employee number or the id). */
static void mark_shared_names(struct engine *e)
{
    struct map seen = {0};
    for (size_t i = 0; i < e->n_people; i++) {
        int64_t first;
        const char *name = STR_BUILD(e, e->people[i].name);
        if (map_get(&seen, name, &first)) {
            e->people[i].name_shared = 1;
            e->people[first].name_shared = 1;
        } else {
            map_put(&seen, name, (int64_t)i);
        }
    }
    map_free(&seen);
}

/* Order ids compare as numbers when both are digits only, else as text
 * (product.md: on a tie of the first order date, the smallest order id). */
static int order_id_cmp(const char *a, const char *b)
{
    bool da = *a && strspn(a, "0123456789") == strlen(a);
    bool db = *b && strspn(b, "0123456789") == strlen(b);
    if (da && db) {
        while (*a == '0' && a[1])
            a++;
        while (*b == '0' && b[1])
            b++;
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb)
            return la < lb ? -1 : 1;
    }
    return strcmp(a, b);
}

struct tie_ids {
    char **ext;
    size_t k;
};

static enum at_status collect_tie_id(int64_t id, const char *ext, void *ctx, struct at_err *err)
{
    (void)err;
    struct tie_ids *t = ctx;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    t->ext[t->k++] = xstrdup(ext && *ext ? ext : buf);
    return AT_OK;
}

/* A customer whose first order date has several orders: the first order is
 * the one with the smallest order id (its external id; the store id when it
 * has none), not the one stored first. */
static enum at_status break_first_order_ties(struct engine *e, struct db *db, struct build *b,
                                             struct at_err *err)
{
    /* the customers with another order on the day of their first one */
    bool *tied = xcalloc(e->n_customers + 1, sizeof *tied);
    bool tie = false;
    for (size_t i = 0; i < e->n_orders; i++) {
        int32_t c = b->order_cust[i];
        if (c != NO_IDX && e->customers[c].first_order != (int32_t)i &&
            b->order_day[i] == b->order_day[e->customers[c].first_order])
            tied[c] = tie = true;
    }
    size_t n = 0;
    int32_t *cand = xmalloc((e->n_orders ? e->n_orders : 1) * sizeof *cand);
    for (size_t i = 0; tie && i < e->n_orders; i++) {
        int32_t c = b->order_cust[i];
        if (c != NO_IDX && tied[c] && b->order_day[i] == b->order_day[e->customers[c].first_order])
            cand[n++] = (int32_t)i;
    }
    free(tied);
    enum at_status st = AT_OK;
    if (tie) {
        int64_t *ids = xmalloc(n * sizeof *ids);
        for (size_t k = 0; k < n; k++)
            ids[k] = e->order_ids[cand[k]];
        struct tie_ids t = {xcalloc(n, sizeof(char *)), 0};
        st = store_ext_ids(db, STORE_ORDERS, ids, n, collect_tie_id, &t, err);
        int32_t *best = xmalloc((e->n_customers + 1) * sizeof *best);
        for (size_t c = 0; c < e->n_customers; c++)
            best[c] = -1;
        for (size_t k = 0; !st && k < n && k < t.k; k++) {
            int32_t c = b->order_cust[cand[k]];
            if (best[c] < 0 || order_id_cmp(t.ext[k], t.ext[best[c]]) < 0)
                best[c] = (int32_t)k;
        }
        for (size_t c = 0; !st && c < e->n_customers; c++)
            if (best[c] >= 0)
                e->customers[c].first_order = cand[best[c]];
        for (size_t k = 0; k < t.k; k++)
            free(t.ext[k]);
        free(t.ext);
        free(best);
        free(ids);
    }
    free(cand);
    return st;
}

static enum at_status build_once(struct db *db, struct engine **out, struct at_err *err)
{
    struct engine *e = xcalloc(1, sizeof *e);
    buf_init(&e->poolb, (size_t)1 << 32);
    pool_add(e, ""); /* offset 0 is the empty string */
    struct build b = {.e = e};
    enum at_status st = store_generation(db, &e->generation, err);
    if (!st)
        st = store_feed(db, FEED_UNITS, feed_unit, &b, err);
    if (!st)
        st = store_feed(db, FEED_PEOPLE, feed_person, &b, err);
    /* store ids of parents and managers to indexes */
    for (size_t i = 0; !st && i < e->n_units; i++) {
        struct unit *u = &e->units[i];
        int64_t idx;
        char key[24];
        snprintf(key, sizeof key, "%d", u->parent);
        u->parent = u->parent != -2 && map_get(&e->unit_by_id, key, &idx) ? (int32_t)idx : NO_IDX;
    }
    for (size_t i = 0; !st && i < e->n_people; i++) {
        struct person *p = &e->people[i];
        int64_t idx;
        char key[24];
        snprintf(key, sizeof key, "%d", p->manager);
        p->manager =
            p->manager != -2 && map_get(&e->person_by_id, key, &idx) ? (int32_t)idx : NO_IDX;
    }
    e->n_holders = e->n_people + e->n_units + 1;
    if (!st)
        st = check_cycles(e, err);
    if (!st)
        mark_shared_names(e);
    if (!st)
        st = store_feed(db, FEED_CUSTOMERS, feed_customer, &b, err);
    if (!st)
        st = store_feed(db, FEED_ORDER_LINES, feed_line, &b, err);
    if (!st)
        st = store_feed(db, FEED_PAYMENTS, feed_payment, &b, err);
    if (!st)
        st = store_feed(db, FEED_DEALS, feed_deal, &b, err);
    if (!st)
        st = store_feed(db, FEED_ACTIVITIES, feed_activity, &b, err);
    if (!st)
        st = store_feed(db, FEED_SURVEYS, feed_survey, &b, err);
    if (!st)
        st = store_feed(db, FEED_MARKETS, feed_market, &b, err);
    if (st) {
        for (int s = 0; s <= SRC_NEW; s++)
            free(b.pend[s].items);
        free(b.order_day);
        free(b.order_cust);
        free(b.pipe);
        free(b.pipe_holder);
        engine_free(e);
        return st;
    }
    if (!st)
        st = break_first_order_ties(e, db, &b, err);
    if (st) {
        for (int s = 0; s <= SRC_NEW; s++)
            free(b.pend[s].items);
        free(b.order_day);
        free(b.order_cust);
        free(b.pipe);
        free(b.pipe_holder);
        engine_free(e);
        return st;
    }
    {
        /* new customers: each customer's first order ever, credited like that
         * order — the first line of an order carries its holders' shares */
        const struct pend_list *l = &b.pend[SRC_LINES];
        for (size_t i = 0; i < l->n; i++) {
            const struct pending_ev *p = &l->items[i];
            if (!p->v[LINE_ORDERS] || p->ev.customer == NO_IDX)
                continue;
            if (e->customers[p->ev.customer].first_order != p->ev.ref)
                continue;
            struct event ev = p->ev;
            int64_t v[MAX_MEAS] = {p->v[LINE_ORDERS]};
            pend_push(&b.pend[SRC_NEW], p->holder, &ev, v);
        }
    }
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (int s = 0; s <= SRC_NEW; s++)
        day_range(&b.pend[s], &lo, &hi);
    if (lo <= hi) {
        e->d0 = lo;
        e->n_days = hi - lo + 1;
    }
    month_table(e);
    bool ovf = false;
    for (int s = 0; s <= SRC_NEW; s++)
        series_finish(e, &b.pend[s], &e->src[s], src_meas[s], true, &ovf);
    if (ovf || b.overflow[0]) {
        /* a wrong figure is worse than none */
        st = at_err_set(err, AT_INVALID,
                        "%s%s: amounts add up beyond what the engine sums exactly (±9.2×10^14 "
                        "minor units, ±922,337,203,685,477); remove or correct the rows too large",
                        b.overflow[0] ? b.overflow : "the sums of the amounts",
                        b.overflow[0] ? " is too large" : " overflow");
        free(b.order_day);
        free(b.order_cust);
        free(b.pipe);
        free(b.pipe_holder);
        engine_free(e);
        return st;
    }
    /* pipeline shares grouped by holder */
    e->n_pipe = b.n_pipe;
    e->pipe = xmalloc((b.n_pipe ? b.n_pipe : 1) * sizeof *e->pipe);
    e->pipe_start = xcalloc(e->n_holders + 1, sizeof *e->pipe_start);
    for (size_t i = 0; i < b.n_pipe; i++)
        e->pipe_start[b.pipe_holder[i] + 1]++;
    for (size_t h = 0; h < e->n_holders; h++)
        e->pipe_start[h + 1] += e->pipe_start[h];
    size_t *fill = xcalloc(e->n_holders, sizeof *fill);
    for (size_t i = 0; i < b.n_pipe; i++) {
        int32_t h = b.pipe_holder[i];
        e->pipe[e->pipe_start[h] + fill[h]++] = b.pipe[i];
    }
    free(fill);
    free(b.pipe);
    free(b.pipe_holder);
    free(b.order_day);
    free(b.order_cust);
    /* reports by manager */
    e->report_start = xcalloc(e->n_people + 1, sizeof *e->report_start);
    e->reports = xcalloc(e->n_people + 1, sizeof *e->reports);
    for (size_t i = 0; i < e->n_people; i++)
        if (e->people[i].manager != NO_IDX)
            e->report_start[e->people[i].manager + 1]++;
    for (size_t i = 0; i < e->n_people; i++)
        e->report_start[i + 1] += e->report_start[i];
    int32_t *rfill = xcalloc(e->n_people + 1, sizeof *rfill);
    for (size_t i = 0; i < e->n_people; i++) {
        int32_t m = e->people[i].manager;
        if (m != NO_IDX)
            e->reports[e->report_start[m] + rfill[m]++] = (int32_t)i;
    }
    free(rfill);
    e->pool_len = e->poolb.len;
    e->pool = buf_take(&e->poolb);
    e->cmark = xcalloc(e->n_customers + 1, sizeof *e->cmark);
    e->omark = xcalloc(e->n_orders + 1, sizeof *e->omark);
    e->bytes += e->pool_len + e->n_pipe * sizeof *e->pipe +
                (e->n_customers + e->n_orders) * sizeof(uint32_t) +
                e->n_people * sizeof(struct person) + e->n_customers * sizeof(struct customer) +
                (e->n_orders + e->n_payments + e->n_deals + e->n_activities + e->n_surveys) *
                    sizeof(int64_t);
    *out = e;
    return AT_OK;
}

/* ---- scopes ------------------------------------------------------------- */

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
static size_t scope_holders(const struct engine *e, const struct scope *s, int32_t **out)
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

char *engine_scope_format(const struct engine *e, const struct scope *s, char *out, size_t size)
{
    switch (s->kind) {
    case SCOPE_COMPANY:
        snprintf(out, size, "company");
        break;
    case SCOPE_PERSON:
    case SCOPE_TEAM: {
        /* a name two people share carries the employee number, else the id */
        const struct person *p = &e->people[s->idx];
        const char *kind = s->kind == SCOPE_PERSON ? "person" : "team";
        if (!p->name_shared)
            snprintf(out, size, "%s:%s", kind, STR(e, p->name));
        else if (*STR(e, p->emp))
            snprintf(out, size, "%s:%s#%s", kind, STR(e, p->name), STR(e, p->emp));
        else
            snprintf(out, size, "%s:%s#%lld", kind, STR(e, p->name), (long long)p->id);
        break;
    }
    case SCOPE_UNIT:
        snprintf(out, size, "unit:%s", STR(e, e->units[s->idx].path));
        break;
    }
    return out;
}

enum at_status breakdown_parse(const char *text, enum breakdown *out, struct at_err *err)
{
    static const struct {
        const char *name;
        enum breakdown by;
    } names[] = {{"person", BY_PERSON},   {"team", BY_TEAM}, {"unit", BY_UNIT}, {"month", BY_MONTH},
                 {"quarter", BY_QUARTER}, {"week", BY_WEEK}, {"day", BY_DAY}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].by;
            return AT_OK;
        }
    return at_err_set(err, AT_INVALID,
                      "--by %s: choose person, team, unit, month, quarter, week or day", text);
}

struct scope_sort {
    struct scope s;
    char text[256];
};

static int cmp_scope_text(const void *a, const void *b)
{
    return strcmp(((const struct scope_sort *)a)->text, ((const struct scope_sort *)b)->text);
}

enum at_status engine_scope_children(const struct engine *e, const struct scope *s,
                                     enum breakdown by, struct scope **out, size_t *n,
                                     struct at_err *err)
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
    for (size_t i = 0; i < k; i++)
        engine_scope_format(e, &tmp[i].s, tmp[i].text, sizeof tmp[i].text);
    qsort(tmp, k, sizeof *tmp, cmp_scope_text);
    *out = xmalloc((k ? k : 1) * sizeof **out);
    for (size_t i = 0; i < k; i++)
        (*out)[i] = tmp[i].s;
    *n = k;
    free(tmp);
    return AT_OK;
}

/* ---- filters ------------------------------------------------------------ */

void engine_filter_init(struct metric_filter *f)
{
    memset(f, 0, sizeof *f);
    f->product = f->segment = f->region = f->stage = NO_IDX;
}

bool engine_filter_empty(const struct metric_filter *f)
{
    return f->product == NO_IDX && f->segment == NO_IDX && f->region == NO_IDX && f->n_tags == 0 &&
           f->stage == NO_IDX;
}

/* AND of a key a row holds one value of: a second, different value matches
 * nothing (-2). */
static void filter_and(int32_t *slot, int32_t v)
{
    if (*slot == NO_IDX || *slot == v)
        *slot = v;
    else
        *slot = -2;
}

enum at_status engine_filter_add(const struct engine *e, struct metric_filter *f, const char *kv,
                                 struct at_err *err)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv || !eq[1])
        return at_err_set(err, AT_INVALID, "filter %s: write key=value", kv);
    size_t k = (size_t)(eq - kv);
    const char *v = eq + 1;
#define KEY(name) (k == strlen(name) && strncmp(kv, name, k) == 0)
    if (KEY("product"))
        filter_and(&f->product, strtab_find(e, &e->products, v));
    else if (KEY("segment"))
        filter_and(&f->segment, strtab_find(e, &e->segments, v));
    else if (KEY("region"))
        filter_and(&f->region, strtab_find(e, &e->regions, v));
    else if (KEY("tag")) {
        int32_t t = strtab_find(e, &e->tagnames, v);
        bool have = false;
        for (int32_t i = 0; i < f->n_tags; i++)
            have = have || f->tags[i] == t;
        if (!have) {
            if (f->n_tags == FILTER_TAGS_MAX)
                return at_err_set(err, AT_INVALID, "filter %s: at most %d tags", kv,
                                  FILTER_TAGS_MAX);
            f->tags[f->n_tags++] = t;
        }
    } else if (KEY("stage"))
        filter_and(&f->stage, strtab_find(e, &e->stages, v));
    else
        return at_err_set(err, AT_INVALID,
                          "filter %s: filter on product, segment, region, tag or stage", kv);
#undef KEY
    return AT_OK;
}

static bool customer_match(const struct engine *e, int32_t c, const struct metric_filter *f)
{
    if (f->segment == NO_IDX && f->region == NO_IDX && f->n_tags == 0)
        return true;
    if (c == NO_IDX)
        return false;
    const struct customer *cu = &e->customers[c];
    if (f->segment != NO_IDX && cu->segment != f->segment)
        return false;
    if (f->region != NO_IDX && cu->region != f->region)
        return false;
    for (int32_t k = 0; k < f->n_tags; k++) { /* every tag asked for */
        bool has = false;
        for (int32_t i = 0; i < cu->tag_count && !has; i++)
            has = e->tags[cu->tag_first + i] == f->tags[k];
        if (!has)
            return false;
    }
    return true;
}

static bool event_match(const struct engine *e, enum engine_source src, const struct event *ev,
                        const struct metric_filter *f)
{
    if (f->product != NO_IDX && (src == SRC_LINES || src == SRC_CLOSED) && ev->attr != f->product)
        return false;
    if (f->stage != NO_IDX && src == SRC_CLOSED && ev->stage != f->stage)
        return false;
    return customer_match(e, ev->customer, f);
}

/* ---- queries ------------------------------------------------------------ */

/* First index in [a, b) of S whose day is >= DAY. */
static size_t lower_day(const struct series *s, size_t a, size_t b, int32_t day)
{
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (s->ev[mid].day < day)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

static size_t dense_index(const struct engine *e, int64_t day)
{
    int64_t t = day - e->d0;
    if (t < 0)
        return 0;
    if (t > e->n_days)
        return (size_t)e->n_days;
    return (size_t)t;
}

/* V as an int64; when it does not fit, *OVF is set and 0 returned (the
 * caller reports an error rather than a wrong figure). */
static int64_t fit64(__int128 v, bool *ovf)
{
    if (v > INT64_MAX || v < INT64_MIN) {
        *ovf = true;
        return 0;
    }
    return (int64_t)v;
}

/* Sum of measure M of source SRC over scope S and days [d1, d2]: 0 when the
 * range is empty (d1 > d2). Sums run in 128 bits; *OVF is set when the
 * result does not fit an int64. */
static int64_t sum_measure(struct engine *e, enum engine_source src, int m, const struct scope *s,
                           int32_t d1, int32_t d2, const struct metric_filter *f, bool *ovf)
{
    struct series *se = &e->src[src];
    if (d1 > d2)
        return 0;
    if (engine_filter_empty(f) && se->dense[m] &&
        (s->kind == SCOPE_COMPANY || s->kind == SCOPE_UNIT)) {
        size_t stride = (size_t)e->n_days + 1;
        size_t row = s->kind == SCOPE_COMPANY ? e->n_units : (size_t)s->idx;
        const int64_t *r = se->dense[m] + row * stride;
        return fit64((__int128)r[dense_index(e, (int64_t)d2 + 1)] - r[dense_index(e, d1)], ovf);
    }
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    __int128 total = 0;
    /* whole months inside [d1, d2] come from the monthly running sums; only the
     * ragged ends need a search in the holder's events */
    size_t ma = month_at_or_after(e, d1), mb = month_at_or_after(e, (int32_t)(d2 + 1));
    if (mb <= (size_t)e->n_months && mb > 0 && e->month_start[mb] > d2 + 1)
        mb--; /* the last month start inside the range: [start(mb), d2] is the tail */
    bool months = engine_filter_empty(f) && ma < mb && ma <= (size_t)e->n_months &&
                  mb <= (size_t)e->n_months && se->month_cum[m];
    size_t stride_m = (size_t)e->n_months + 1;
    for (size_t k = 0; k < nh; k++) {
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        if (a0 == b0)
            continue;
        if (months) {
            const int64_t *mc = se->month_cum[m] + (size_t)h[k] * stride_m;
            total += (__int128)mc[mb] - mc[ma];
            if (e->month_start[ma] > d1) { /* days before the first whole month */
                size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, e->month_start[ma]);
                total += (__int128)se->cum[m][b] - se->cum[m][a];
            }
            if (e->month_start[mb] <= d2) { /* days after the last whole month */
                size_t a = lower_day(se, a0, b0, e->month_start[mb]),
                       b = lower_day(se, a, b0, d2 + 1);
                total += (__int128)se->cum[m][b] - se->cum[m][a];
            }
            continue;
        }
        size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, d2 + 1);
        if (engine_filter_empty(f)) {
            total += (__int128)se->cum[m][b] - se->cum[m][a];
            continue;
        }
        for (size_t i = a; i < b; i++)
            if (event_match(e, src, &se->ev[i], f))
                total += (__int128)se->cum[m][i + 1] - se->cum[m][i];
    }
    free(h);
    return fit64(total, ovf);
}

static uint32_t next_gen(struct engine *e)
{
    if (++e->gen == 0) {
        memset(e->cmark, 0, (e->n_customers + 1) * sizeof *e->cmark);
        memset(e->omark, 0, (e->n_orders + 1) * sizeof *e->omark);
        e->gen = 1;
    }
    return e->gen;
}

/* Orders with at least one matching line (product filter), by share. */
static int64_t distinct_orders(struct engine *e, const struct scope *s, int32_t d1, int32_t d2,
                               const struct metric_filter *f)
{
    struct series *se = &e->src[SRC_LINES];
    if (d1 > d2)
        return 0;
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    int64_t total = 0;
    for (size_t k = 0; k < nh; k++) {
        uint32_t g = next_gen(e);
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, d2 + 1);
        for (size_t i = a; i < b; i++) {
            const struct event *ev = &se->ev[i];
            if (!event_match(e, SRC_LINES, ev, f) || e->omark[ev->ref] == g)
                continue;
            e->omark[ev->ref] = g;
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
static int64_t mark_customers(struct engine *e, const struct scope *s, int32_t d1, int32_t d2,
                              const struct metric_filter *f, uint32_t only_if, uint32_t g)
{
    struct series *se = &e->src[SRC_LINES];
    if (d1 > d2) /* an empty range marks nobody */
        return 0;
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    int64_t count = 0;
    bool plain = engine_filter_empty(f);
    for (size_t k = 0; k < nh; k++) {
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, d2 + 1);
        for (size_t i = a; i < b; i++) {
            int32_t c = se->ev[i].customer;
            if (c == NO_IDX || e->cmark[c] == g || (only_if && e->cmark[c] != only_if))
                continue;
            if (!plain && !event_match(e, SRC_LINES, &se->ev[i], f))
                continue;
            e->cmark[c] = g;
            count++;
        }
    }
    free(h);
    return count;
}

static bool deal_open(const struct deal_share *d, int32_t as_of)
{
    return (d->created == INT32_MIN || d->created <= as_of) && d->closed > as_of;
}

/* The probability (basis points) of deal share D as known on AS_OF, when it
 * is open then. A deal won after AS_OF with 100 %: that is the outcome (an
 * export records 100 % on a won deal, and the import gives one without a
 * probability 100 %), not known on AS_OF, and no other probability is
 * known: 0, as for a deal without a probability. */
static int64_t deal_prob(const struct deal_share *d, int32_t as_of)
{
    if (d->closed != INT32_MAX && d->closed > as_of && d->prob_bp >= METRIC_SCALE)
        return 0;
    return d->prob_bp;
}

static bool deal_match(const struct engine *e, const struct deal_share *d,
                       const struct metric_filter *f)
{
    if (f->product != NO_IDX && d->product != f->product)
        return false;
    if (f->stage != NO_IDX && d->stage != f->stage)
        return false;
    return customer_match(e, d->customer, f);
}

/* Open pipeline of scope S on AS_OF expected to close in [d1, d2], ×10^4;
 * WEIGHTED multiplies each deal by its probability. */
static int64_t pipeline(struct engine *e, const struct scope *s, int32_t d1, int32_t d2,
                        const struct metric_filter *f, int32_t as_of, bool weighted, bool *ovf)
{
    if (d1 > d2)
        return 0;
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    __int128 total = 0;
    for (size_t k = 0; k < nh; k++)
        for (size_t i = e->pipe_start[h[k]]; i < e->pipe_start[h[k] + 1]; i++) {
            const struct deal_share *d = &e->pipe[i];
            if (!deal_open(d, as_of) || d->expected < d1 || d->expected > d2 ||
                !deal_match(e, d, f))
                continue;
            __int128 v = (__int128)d->amount * d->share;
            total += weighted ? v * deal_prob(d, as_of) : v * METRIC_SCALE;
        }
    free(h);
    /* back to ×10^4, rounding half away from zero */
    __int128 q = total >= 0 ? (total + METRIC_SCALE / 2) / METRIC_SCALE
                            : -((-total + METRIC_SCALE / 2) / METRIC_SCALE);
    return fit64(q, ovf);
}

/* The market rows of unit U (or of the company's top level, U = NO_IDX, which
 * has none of its own) for period TEXT: Σ into *OUT; false when none. */
static bool market_rows(const struct engine *e, int32_t u, const char *text, int64_t *out,
                        bool *ovf)
{
    bool found = false;
    __int128 sum = 0;
    for (size_t i = 0; u != NO_IDX && i < e->n_markets; i++) {
        const struct market *mk = &e->markets[i];
        if (mk->unit == u && strcmp(STR(e, mk->period), text) == 0) {
            sum += mk->amount;
            found = true;
        }
    }
    *out = fit64(sum, ovf);
    return found;
}

/*
 * The market of unit U (NO_IDX: the company) for period TEXT, in minor units,
 * with the revenue of U over [d1, d2] (filter F) that it is the market of:
 * U's own market rows; else the sum of its children's markets, when every
 * child that has revenue in the range has a market and all of U's revenue
 * comes from those children (nothing credited to U itself or to its direct
 * members). False, with the reason in WHY, when U has no market.
 */
static bool unit_market(struct engine *e, int32_t u, const char *text, int32_t d1, int32_t d2,
                        const struct metric_filter *f, int64_t *size, char *why, size_t why_size,
                        bool *ovf)
{
    const char *name = u == NO_IDX ? "the company" : STR(e, e->units[u].path);
    if (market_rows(e, u, text, size, ovf))
        return true;
    struct scope self =
        u == NO_IDX ? (struct scope){SCOPE_COMPANY, NO_IDX} : (struct scope){SCOPE_UNIT, u};
    __int128 sum = 0, covered = 0;
    bool any = false;
    for (size_t c = 0; c < e->n_units; c++) {
        if (e->units[c].parent != u)
            continue;
        struct scope child = {SCOPE_UNIT, (int32_t)c};
        int64_t rev = sum_measure(e, SRC_LINES, LINE_REVENUE, &child, d1, d2, f, ovf), csize;
        char sub[256];
        if (unit_market(e, (int32_t)c, text, d1, d2, f, &csize, sub, sizeof sub, ovf)) {
            sum += csize;
            covered += rev;
            any = true;
        } else if (rev != 0) {
            snprintf(why, why_size, "no market size for %s %s (%s)", name, text, sub);
            return false;
        }
    }
    if (!any) {
        snprintf(why, why_size, "no market size for %s %s", name, text);
        return false;
    }
    int64_t all = sum_measure(e, SRC_LINES, LINE_REVENUE, &self, d1, d2, f, ovf);
    if (all != covered) {
        snprintf(why, why_size,
                 "no market size for %s %s: part of its revenue is outside the units that have "
                 "one",
                 name, text);
        return false;
    }
    *size = fit64(sum, ovf);
    return true;
}

/* The market of scope S (a unit or the company) for period P (see
 * unit_market); false with the reason in WHY for a person or team. */
static bool market_size(struct engine *e, const struct scope *s, const struct period *p, int32_t d1,
                        int32_t d2, const struct metric_filter *f, int64_t *out, char *why,
                        size_t why_size, bool *ovf)
{
    char text[PERIOD_TEXT_MAX];
    period_format(p, text);
    *out = 0;
    if (s->kind == SCOPE_PERSON || s->kind == SCOPE_TEAM) {
        snprintf(why, why_size, "market sizes are entered for units, not people");
        return false;
    }
    return unit_market(e, s->kind == SCOPE_UNIT ? s->idx : NO_IDX, text, d1, d2, f, out, why,
                       why_size, ovf);
}

/* Which filters a metric accepts. */
static enum at_status check_filter(enum metric_id m, const struct metric_filter *f,
                                   struct at_err *err)
{
    bool deal = m == METRIC_WON_VALUE || m == METRIC_DEALS_WON || m == METRIC_DEALS_LOST ||
                m == METRIC_WIN_RATE || m == METRIC_AVG_DEAL_SIZE || m == METRIC_PIPELINE ||
                m == METRIC_WEIGHTED_PIPELINE;
    bool product_ok = deal || m == METRIC_REVENUE || m == METRIC_ORDERS ||
                      m == METRIC_ACTIVE_CUSTOMERS || m == METRIC_RETENTION_RATE ||
                      m == METRIC_MARKET_SHARE;
    if (f->product != NO_IDX && !product_ok)
        return at_err_set(err, AT_INVALID, "%s cannot be filtered by product", metric_def(m)->key);
    if (f->stage != NO_IDX && !deal)
        return at_err_set(err, AT_INVALID, "%s cannot be filtered by deal stage",
                          metric_def(m)->key);
    return AT_OK;
}

enum at_status engine_metric(struct engine *e, enum metric_id m, const struct scope *s,
                             const struct period *p, const struct metric_filter *f, int32_t as_of,
                             struct metric_value *out, struct at_err *err)
{
    enum at_status st = check_filter(m, f, err);
    if (st)
        return st;
    /* as known on AS_OF: actuals run through it (the period is clipped to end
     * there; a period that has not begun is the empty range), pipelines are
     * the deals open on it expected to close in the whole period */
    int32_t d1 = p->start, d2 = p->end < as_of ? p->end : as_of;
    bool begun = as_of >= p->start;
    bool ovf = false;
    const int64_t S = METRIC_SCALE;
    *out = (struct metric_value){true, 0, S};
    switch (m) {
    case METRIC_REVENUE:
        out->num = sum_measure(e, SRC_LINES, LINE_REVENUE, s, d1, d2, f, &ovf);
        break;
    case METRIC_ORDERS:
        out->num = f->product != NO_IDX
                       ? distinct_orders(e, s, d1, d2, f)
                       : sum_measure(e, SRC_LINES, LINE_ORDERS, s, d1, d2, f, &ovf);
        break;
    case METRIC_COLLECTIONS:
        out->num = sum_measure(e, SRC_PAYMENTS, PAY_AMOUNT, s, d1, d2, f, &ovf);
        break;
    case METRIC_WON_VALUE:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_WON_VALUE, s, d1, d2, f, &ovf);
        break;
    case METRIC_DEALS_WON:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        break;
    case METRIC_DEALS_LOST:
        out->num = sum_measure(e, SRC_CLOSED, CLOSED_LOST, s, d1, d2, f, &ovf);
        break;
    case METRIC_WIN_RATE: {
        int64_t won = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        int64_t lost = sum_measure(e, SRC_CLOSED, CLOSED_LOST, s, d1, d2, f, &ovf);
        *out = (struct metric_value){won + lost != 0, won, won + lost};
        break;
    }
    case METRIC_AVG_DEAL_SIZE: {
        int64_t value = sum_measure(e, SRC_CLOSED, CLOSED_WON_VALUE, s, d1, d2, f, &ovf);
        int64_t won = sum_measure(e, SRC_CLOSED, CLOSED_WON, s, d1, d2, f, &ovf);
        *out = (struct metric_value){won != 0, value, won};
        break;
    }
    case METRIC_PIPELINE:
    case METRIC_WEIGHTED_PIPELINE:
        out->num = pipeline(e, s, p->start, p->end, f, as_of, m == METRIC_WEIGHTED_PIPELINE, &ovf);
        break;
    case METRIC_NEW_CUSTOMERS:
        out->num = sum_measure(e, SRC_NEW, NEW_COUNT, s, d1, d2, f, &ovf);
        break;
    case METRIC_ACTIVE_CUSTOMERS:
        out->num = mark_customers(e, s, d1, d2, f, 0, next_gen(e)) * S;
        break;
    case METRIC_RETENTION_RATE: {
        /* the previous period ends before this one begins: known in full once
         * this one has begun; before that the rate is undefined */
        if (!begun) {
            *out = (struct metric_value){false, 0, 0};
            break;
        }
        struct period prev = period_previous(p);
        uint32_t g1 = next_gen(e);
        int64_t before = mark_customers(e, s, prev.start, prev.end, f, 0, g1);
        uint32_t g2 = next_gen(e);
        int64_t kept = mark_customers(e, s, d1, d2, f, g1, g2);
        *out = (struct metric_value){before != 0, kept, before};
        break;
    }
    case METRIC_VISITS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_VISITS, s, d1, d2, f, &ovf);
        break;
    case METRIC_CALLS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_CALLS, s, d1, d2, f, &ovf);
        break;
    case METRIC_MEETINGS:
        out->num = sum_measure(e, SRC_ACTIVITIES, ACT_MEETINGS, s, d1, d2, f, &ovf);
        break;
    case METRIC_CSAT: {
        int64_t sum = sum_measure(e, SRC_SURVEYS, SURV_CSAT_SUM, s, d1, d2, f, &ovf);
        int64_t n = sum_measure(e, SRC_SURVEYS, SURV_CSAT_N, s, d1, d2, f, &ovf);
        *out = (struct metric_value){n != 0, sum, n};
        break;
    }
    case METRIC_NPS: {
        int64_t pro = sum_measure(e, SRC_SURVEYS, SURV_PROMOTERS, s, d1, d2, f, &ovf);
        int64_t det = sum_measure(e, SRC_SURVEYS, SURV_DETRACTORS, s, d1, d2, f, &ovf);
        int64_t n = sum_measure(e, SRC_SURVEYS, SURV_NPS_N, s, d1, d2, f, &ovf);
        *out = (struct metric_value){n != 0, 100 * (pro - det), n};
        break;
    }
    case METRIC_MARKET_SHARE: {
        int64_t size, den;
        char why[300];
        /* revenue through AS_OF over the market size of the whole period */
        if (!begun || !market_size(e, s, p, d1, d2, f, &size, why, sizeof why, &ovf) || size == 0) {
            *out = (struct metric_value){false, 0, 0};
            break;
        }
        int64_t rev = sum_measure(e, SRC_LINES, LINE_REVENUE, s, d1, d2, f, &ovf);
        if (__builtin_mul_overflow(size, S, &den))
            ovf = true;
        *out = (struct metric_value){true, rev, den};
        break;
    }
    case METRIC_COUNT:
        return at_err_set(err, AT_INTERNAL, "no such metric");
    }
    if (ovf) {
        char text[PERIOD_TEXT_MAX];
        period_format(p, text);
        return at_err_set(err, AT_INVALID,
                          "%s over %s is too large to compute exactly (beyond ±9.2×10^14 minor "
                          "units)",
                          metric_def(m)->key, text);
    }
    return AT_OK;
}

enum at_status engine_market_size(struct engine *e, const struct scope *s, const struct period *p,
                                  const struct metric_filter *f, int32_t as_of, bool *found,
                                  int64_t *size, char *why, size_t why_size, struct at_err *err)
{
    int32_t d2 = p->end < as_of ? p->end : as_of;
    bool ovf = false;
    why[0] = '\0';
    *found = false;
    *size = 0;
    if (as_of < p->start) {
        snprintf(why, why_size, "the period has not begun on the as-of day");
        return AT_OK;
    }
    *found = market_size(e, s, p, p->start, d2, f, size, why, why_size, &ovf);
    if (*found && *size == 0) {
        *found = false;
        snprintf(why, why_size, "the market size is 0");
    }
    if (ovf)
        return at_err_set(err, AT_INVALID, "the market size is too large to compute exactly");
    return AT_OK;
}

/* ---- explain ------------------------------------------------------------ */

static const char *holder_name(const struct engine *e, int32_t h)
{
    if ((size_t)h < e->n_people)
        return STR(e, e->people[h].name);
    if ((size_t)h < e->n_people + e->n_units)
        return STR(e, e->units[(size_t)h - e->n_people].path);
    return "-";
}

/* The source and measure behind a metric (for explain). */
static enum engine_source metric_source(enum metric_id m, int *meas)
{
    *meas = 0;
    switch (m) {
    case METRIC_COLLECTIONS:
        return SRC_PAYMENTS;
    case METRIC_WON_VALUE:
    case METRIC_AVG_DEAL_SIZE:
        *meas = CLOSED_WON_VALUE;
        return SRC_CLOSED;
    case METRIC_DEALS_WON:
    case METRIC_WIN_RATE:
        *meas = CLOSED_WON;
        return SRC_CLOSED;
    case METRIC_DEALS_LOST:
        *meas = CLOSED_LOST;
        return SRC_CLOSED;
    case METRIC_PIPELINE:
    case METRIC_WEIGHTED_PIPELINE:
        return SRC_PIPELINE;
    case METRIC_NEW_CUSTOMERS:
        return SRC_NEW;
    case METRIC_VISITS:
        *meas = ACT_VISITS;
        return SRC_ACTIVITIES;
    case METRIC_CALLS:
        *meas = ACT_CALLS;
        return SRC_ACTIVITIES;
    case METRIC_MEETINGS:
        *meas = ACT_MEETINGS;
        return SRC_ACTIVITIES;
    case METRIC_CSAT:
    case METRIC_NPS:
        return SRC_SURVEYS;
    case METRIC_ORDERS:
        *meas = LINE_ORDERS;
        return SRC_LINES;
    default:
        return SRC_LINES;
    }
}

static const int64_t *source_ids(const struct engine *e, enum engine_source src)
{
    switch (src) {
    case SRC_PAYMENTS:
        return e->payment_ids;
    case SRC_CLOSED:
    case SRC_PIPELINE:
        return e->deal_ids;
    case SRC_ACTIVITIES:
        return e->activity_ids;
    case SRC_SURVEYS:
        return e->survey_ids;
    default:
        return e->order_ids;
    }
}

enum at_status engine_explain(struct engine *e, enum metric_id m, const struct scope *s,
                              const struct period *p, const struct metric_filter *f, int32_t as_of,
                              engine_row_fn fn, void *ctx, struct at_err *err)
{
    enum at_status st = check_filter(m, f, err);
    if (st)
        return st;
    int meas;
    enum engine_source src = metric_source(m, &meas);
    const int64_t *ids = source_ids(e, src);
    /* as known on AS_OF (engine_metric): actual rows through it */
    int32_t d1 = p->start, d2 = p->end < as_of ? p->end : as_of;
    if (src != SRC_PIPELINE && d1 > d2)
        return AT_OK;
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    for (size_t k = 0; k < nh && !st; k++) {
        if (src == SRC_PIPELINE) {
            for (size_t i = e->pipe_start[h[k]]; i < e->pipe_start[h[k] + 1] && !st; i++) {
                const struct deal_share *d = &e->pipe[i];
                if (!deal_open(d, as_of) || d->expected < p->start || d->expected > p->end ||
                    !deal_match(e, d, f))
                    continue;
                __int128 v = (__int128)d->amount * d->share;
                if (m == METRIC_WEIGHTED_PIPELINE)
                    v = v * deal_prob(d, as_of) / METRIC_SCALE;
                if (v > INT64_MAX || v < INT64_MIN) {
                    st = at_err_set(err, AT_INVALID, "deal %lld is too large to compute exactly",
                                    (long long)ids[d->ref]);
                    break;
                }
                struct engine_row row = {
                    src,
                    ids[d->ref],
                    d->expected,
                    holder_name(e, h[k]),
                    d->customer != NO_IDX ? STR(e, e->customers[d->customer].name) : NULL,
                    d->share,
                    (int64_t)v};
                st = fn(&row, ctx, err);
            }
            continue;
        }
        const struct series *se = &e->src[src];
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, d2 + 1);
        for (size_t i = a; i < b && !st; i++) {
            const struct event *ev = &se->ev[i];
            if (!event_match(e, src, ev, f))
                continue;
            int64_t v = se->cum[meas][i + 1] - se->cum[meas][i];
            if (src == SRC_ACTIVITIES && v == 0)
                continue;
            if (src == SRC_SURVEYS) {
                bool nps = m == METRIC_NPS;
                if ((nps && ev->attr != 10) || (!nps && ev->attr >= 10))
                    continue;
            }
            if (m == METRIC_ORDERS && v == 0)
                continue;
            if (src == SRC_SURVEYS)
                v = se->cum[SURV_CSAT_SUM][i + 1] - se->cum[SURV_CSAT_SUM][i] +
                    (se->cum[SURV_PROMOTERS][i + 1] - se->cum[SURV_PROMOTERS][i]) * 9;
            struct engine_row row = {
                src,
                ids[ev->ref],
                ev->day,
                holder_name(e, h[k]),
                ev->customer != NO_IDX ? STR(e, e->customers[ev->customer].name) : NULL,
                ev->share,
                v};
            st = fn(&row, ctx, err);
        }
    }
    free(h);
    return st;
}

/* ---- check -------------------------------------------------------------- */

struct check_ctx {
    struct engine *e;
    enum engine_source src;
    int n_meas;
    const int *meas;
    const int64_t *scale; /* the SQL value × scale = the engine value */
    bool *seen;
    engine_diff_fn fn;
    void *ctx;
    long diffs, checked;
};

static int64_t holder_total(const struct engine *e, enum engine_source src, int m, int32_t h)
{
    const struct series *se = &e->src[src];
    return se->cum[m][se->start[h + 1]] - se->cum[m][se->start[h]];
}

static void report(struct check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct check_ctx *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->diffs++;
    if (c->fn)
        c->fn(line, c->ctx);
}

static enum at_status check_row(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct check_ctx *c = ctx;
    const struct engine *e = c->e;
    char kind = r->s[0] ? r->s[0][0] : 'n';
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)r->i[1]);
    int64_t idx;
    int32_t h = NO_IDX;
    if (kind == 'p' && map_get(&e->person_by_id, key, &idx))
        h = (int32_t)idx;
    else if (kind == 'u' && map_get(&e->unit_by_id, key, &idx))
        h = (int32_t)(e->n_people + (size_t)idx);
    else if (kind == 'n')
        h = (int32_t)(e->n_holders - 1);
    if (h == NO_IDX) {
        report(c, "%s: the store credits %c%s, which the engine does not know",
               metric_def(METRIC_REVENUE)->key, kind, key);
        return AT_OK;
    }
    c->seen[h] = true;
    for (int k = 0; k < c->n_meas; k++) {
        /* SQLite turns an integer product that overflows into a real (read
         * as 0 here): a sum that is not an integer cannot be compared */
        const char *text = r->s[2 + k];
        if (!r->null[2 + k] && r->i[2 + k] == 0 && text && strcmp(text, "0") != 0) {
            c->checked++;
            report(c,
                   "source %d measure %d of %s: the store's SQL sum %s is not exact (it "
                   "overflows 64 bits)",
                   (int)c->src, c->meas[k], holder_name(e, h), text);
            continue;
        }
        int64_t want;
        if (__builtin_mul_overflow(r->i[2 + k], c->scale[k], &want)) {
            c->checked++;
            report(c, "source %d measure %d of %s: the store's sum overflows 64 bits", (int)c->src,
                   c->meas[k], holder_name(e, h));
            continue;
        }
        int64_t have = holder_total(e, c->src, c->meas[k], h);
        c->checked++;
        if (want != have)
            report(c, "source %d measure %d of %s: store %lld, engine %lld", (int)c->src,
                   c->meas[k], holder_name(e, h), (long long)want, (long long)have);
    }
    return AT_OK;
}

static enum at_status check_active(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct check_ctx *c = ctx;
    int year = (int)r->i[0];
    if (year < 1 || year > 9999)
        return AT_OK;
    struct period p = {.kind = PERIOD_YEAR,
                       .start = cal_from_ymd(year, 1, 1),
                       .end = cal_from_ymd(year, 12, 31),
                       .year = year};
    struct scope s = {SCOPE_COMPANY, NO_IDX};
    struct metric_filter f;
    engine_filter_init(&f);
    int64_t have = mark_customers(c->e, &s, p.start, p.end, &f, 0, next_gen(c->e));
    c->checked++;
    if (have != r->i[1])
        report(c, "active customers in %d: store %lld, engine %lld", year, (long long)r->i[1],
               (long long)have);
    return AT_OK;
}

enum at_status engine_check(struct engine *e, struct db *db, engine_diff_fn fn, void *ctx,
                            long *n_diff, long *n_checked, struct at_err *err)
{
    static const struct {
        enum store_feed feed;
        enum engine_source src;
        int n;
        int meas[3];
        int64_t scale[3];
    } checks[] = {
        {FEED_CHECK_ORDERS, SRC_LINES, 2, {LINE_REVENUE, LINE_ORDERS}, {1, 1}},
        {FEED_CHECK_PAYMENTS, SRC_PAYMENTS, 1, {PAY_AMOUNT}, {1}},
        {FEED_CHECK_DEALS, SRC_CLOSED, 3, {CLOSED_WON_VALUE, CLOSED_WON, CLOSED_LOST}, {1, 1, 1}},
        {FEED_CHECK_ACTIVITIES,
         SRC_ACTIVITIES,
         3,
         {ACT_VISITS, ACT_CALLS, ACT_MEETINGS},
         {METRIC_SCALE, METRIC_SCALE, METRIC_SCALE}},
    };
    struct check_ctx c = {.e = e, .fn = fn, .ctx = ctx};
    c.seen = xcalloc(e->n_holders, sizeof *c.seen);
    enum at_status st = AT_OK;
    for (size_t k = 0; k < sizeof checks / sizeof checks[0] && !st; k++) {
        memset(c.seen, 0, e->n_holders * sizeof *c.seen);
        c.src = checks[k].src;
        c.n_meas = checks[k].n;
        c.meas = checks[k].meas;
        c.scale = checks[k].scale;
        st = store_feed(db, checks[k].feed, check_row, &c, err);
        for (size_t h = 0; !st && h < e->n_holders; h++) {
            if (c.seen[h])
                continue;
            for (int m = 0; m < c.n_meas; m++)
                if (holder_total(e, c.src, c.meas[m], (int32_t)h) != 0)
                    report(&c, "source %d: the engine credits %s, the store does not", (int)c.src,
                           holder_name(e, (int32_t)h));
        }
    }
    if (!st)
        st = store_feed(db, FEED_CHECK_ACTIVE, check_active, &c, err);
    /* the monthly running sums against the events they summarise */
    size_t stride_m = (size_t)e->n_months + 1;
    for (int src = 0; !st && src <= SRC_NEW; src++) {
        const struct series *se = &e->src[src];
        for (int m = 0; m < se->n_meas; m++)
            for (size_t h = 0; h < e->n_holders; h++)
                for (size_t k = 0; k < stride_m; k++) {
                    size_t a0 = se->start[h], b0 = se->start[h + 1];
                    size_t i = lower_day(se, a0, b0, e->month_start[k]);
                    int64_t want = se->cum[m][i] - se->cum[m][a0];
                    c.checked++;
                    if (se->month_cum[m][h * stride_m + k] != want)
                        report(&c, "source %d measure %d of %s: month %zu sum %lld, events %lld",
                               src, m, holder_name(e, (int32_t)h), k,
                               (long long)se->month_cum[m][h * stride_m + k], (long long)want);
                }
    }
    free(c.seen);
    *n_diff = c.diffs;
    *n_checked = c.checked;
    return st;
}

/* ---- report primitives -------------------------------------------------- */

enum at_status engine_customer_stats(struct engine *e, const struct scope *s, int32_t from,
                                     int32_t to, const struct metric_filter *f,
                                     struct customer_stat **out, size_t *n, struct at_err *err)
{
    enum at_status st = check_filter(METRIC_REVENUE, f, err);
    if (st)
        return st;
    const struct series *se = &e->src[SRC_LINES];
    struct customer_stat *cs = xcalloc(e->n_customers + 1, sizeof *cs);
    bool *seen = xcalloc(e->n_customers + 1, sizeof *seen);
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    bool ovf = false;
    if (from > to) /* an empty range: no customer */
        nh = 0;
    for (size_t k = 0; k < nh; k++) {
        size_t a0 = se->start[h[k]], b0 = se->start[h[k] + 1];
        size_t a = lower_day(se, a0, b0, from), b = lower_day(se, a, b0, to + 1);
        for (size_t i = a; i < b; i++) {
            const struct event *ev = &se->ev[i];
            if (ev->customer == NO_IDX || !event_match(e, SRC_LINES, ev, f))
                continue;
            struct customer_stat *c = &cs[ev->customer];
            seen[ev->customer] = true;
            if (__builtin_add_overflow(c->revenue_e4,
                                       se->cum[LINE_REVENUE][i + 1] - se->cum[LINE_REVENUE][i],
                                       &c->revenue_e4))
                ovf = true;
            c->orders_e4 += se->cum[LINE_ORDERS][i + 1] - se->cum[LINE_ORDERS][i];
            if (ev->day > c->last_day || c->last_day == 0)
                c->last_day = ev->day;
        }
    }
    free(h);
    size_t k = 0;
    for (size_t c = 0; c < e->n_customers; c++) {
        if (!seen[c])
            continue;
        const struct customer *cu = &e->customers[c];
        struct customer_stat v = cs[c];
        v.name = STR(e, cu->name);
        v.segment = cu->segment != NO_IDX ? STR(e, e->segments.off[cu->segment]) : NULL;
        v.region = cu->region != NO_IDX ? STR(e, e->regions.off[cu->region]) : NULL;
        cs[k++] = v;
    }
    /* first order days: from the orders' events (the first-order series) */
    const struct series *nw = &e->src[SRC_NEW];
    int32_t *first = xmalloc((e->n_customers + 1) * sizeof *first);
    for (size_t c = 0; c <= e->n_customers; c++)
        first[c] = INT32_MIN;
    for (size_t i = 0; i < nw->n; i++)
        if (nw->ev[i].customer != NO_IDX)
            first[nw->ev[i].customer] = nw->ev[i].day;
    k = 0;
    for (size_t c = 0; c < e->n_customers; c++)
        if (seen[c])
            cs[k++].first_day = first[c];
    free(first);
    free(seen);
    if (ovf) {
        free(cs);
        return at_err_set(err, AT_INVALID,
                          "a customer's revenue is too large to compute exactly (beyond ±9.2×10^14 "
                          "minor units)");
    }
    *out = cs;
    *n = k;
    return AT_OK;
}

enum at_status engine_deals(struct engine *e, const struct scope *s, const struct metric_filter *f,
                            engine_deal_fn fn, void *ctx, struct at_err *err)
{
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    enum at_status st = AT_OK;
    for (size_t k = 0; k < nh && !st; k++)
        for (size_t i = e->pipe_start[h[k]]; i < e->pipe_start[h[k] + 1] && !st; i++) {
            const struct deal_share *d = &e->pipe[i];
            if (!deal_match(e, d, f))
                continue;
            /* the closed events say won or lost; a deal closes with one status */
            const char *status = "open";
            if (d->closed != INT32_MAX) {
                const struct series *se = &e->src[SRC_CLOSED];
                size_t a = lower_day(se, se->start[h[k]], se->start[h[k] + 1], d->closed);
                for (size_t j = a; j < se->start[h[k] + 1] && se->ev[j].day == d->closed; j++)
                    if (se->ev[j].ref == d->ref)
                        status =
                            se->cum[CLOSED_WON][j + 1] != se->cum[CLOSED_WON][j] ? "won" : "lost";
            }
            struct deal_info info = {d->stage != NO_IDX ? STR(e, e->stages.off[d->stage]) : NULL,
                                     status,
                                     d->created,
                                     d->closed,
                                     d->expected,
                                     d->amount,
                                     d->share,
                                     d->prob_bp};
            st = fn(&info, ctx, err);
        }
    free(h);
    return st;
}

void engine_first_orders(struct engine *e, const struct scope *s, engine_cohort_fn fn, void *ctx)
{
    const struct series *nw = &e->src[SRC_NEW];
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    uint32_t g = next_gen(e);
    for (size_t k = 0; k < nh; k++)
        for (size_t i = nw->start[h[k]]; i < nw->start[h[k] + 1]; i++) {
            int32_t c = nw->ev[i].customer;
            if (c == NO_IDX || e->cmark[c] == g)
                continue;
            e->cmark[c] = g;
            fn(c, nw->ev[i].day, ctx);
        }
    free(h);
}

size_t engine_customer_count(const struct engine *e)
{
    return e->n_customers;
}

void engine_active_set(struct engine *e, const struct scope *s, int32_t from, int32_t to,
                       const struct metric_filter *f, bool *active)
{
    uint32_t g = next_gen(e);
    mark_customers(e, s, from, to, f, 0, g);
    for (size_t c = 0; c < e->n_customers; c++)
        active[c] = e->cmark[c] == g;
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

enum at_status engine_scope_members(const struct engine *e, const struct scope *s,
                                    struct scope **out, size_t *n, int64_t **weights,
                                    struct at_err *err)
{
    struct scope *all;
    size_t k;
    enum at_status st = engine_scope_children(e, s, BY_PERSON, &all, &k, err);
    if (st)
        return st;
    size_t m = 0;
    for (size_t i = 0; i < k; i++) /* people with nobody reporting to them */
        if (e->report_start[all[i].idx + 1] == e->report_start[all[i].idx] &&
            !(s->kind == SCOPE_PERSON))
            all[m++] = all[i];
    if (m == 0)
        m = k;
    *weights = xmalloc((m ? m : 1) * sizeof **weights);
    for (size_t i = 0; i < m; i++)
        (*weights)[i] = e->people[all[i].idx].weight_milli;
    *out = all;
    *n = m;
    return AT_OK;
}

int64_t engine_scope_weight(const struct engine *e, const struct scope *s)
{
    int32_t *h;
    size_t nh = scope_holders(e, s, &h);
    int64_t total = 0;
    for (size_t i = 0; i < nh; i++)
        if ((size_t)h[i] < e->n_people && e->report_start[h[i] + 1] == e->report_start[h[i]])
            total += e->people[h[i]].weight_milli;
    free(h);
    return total;
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

void engine_each_name(const struct engine *e, engine_name_fn fn, void *ctx)
{
    char scope[300];
    for (size_t p = 0; p < e->n_people; p++) {
        struct scope s = {SCOPE_PERSON, (int32_t)p};
        engine_scope_format(e, &s, scope, sizeof scope);
        fn(STR(e, e->people[p].name), scope, ctx);
    }
    for (size_t u = 0; u < e->n_units; u++) {
        snprintf(scope, sizeof scope, "unit:%s", STR(e, e->units[u].path));
        fn(STR(e, e->units[u].name), scope, ctx);
        if (strcmp(STR(e, e->units[u].name), STR(e, e->units[u].path)) != 0)
            fn(STR(e, e->units[u].path), scope, ctx);
    }
}

/* Snapshots compare records byte for byte: none may hold padding. */
_Static_assert(sizeof(struct person) == 48, "struct person has padding");
_Static_assert(sizeof(struct unit) == 24, "struct unit has padding");
_Static_assert(sizeof(struct customer) == 32, "struct customer has padding");
_Static_assert(sizeof(struct event) == 24, "struct event has padding");
_Static_assert(sizeof(struct deal_share) == 48, "struct deal_share has padding");
_Static_assert(sizeof(struct market) == 16, "struct market has padding");

/* Set the bits of the customers of holder H's matching orders in [d1, d2]. */
static void holder_bits(const struct engine *e, int32_t h, int32_t d1, int32_t d2,
                        const struct metric_filter *f, uint64_t *bits)
{
    const struct series *se = &e->src[SRC_LINES];
    if (d1 > d2) /* an empty range: no customer */
        return;
    size_t a0 = se->start[h], b0 = se->start[h + 1];
    size_t a = lower_day(se, a0, b0, d1), b = lower_day(se, a, b0, d2 + 1);
    bool plain = engine_filter_empty(f);
    for (size_t i = a; i < b; i++) {
        int32_t c = se->ev[i].customer;
        if (c == NO_IDX || (!plain && !event_match(e, SRC_LINES, &se->ev[i], f)))
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

enum at_status engine_teams_distinct(struct engine *e, const struct scope *teams, size_t n,
                                     int32_t d1, int32_t d2, int32_t prev_d1, int32_t prev_d2,
                                     const struct metric_filter *f, int64_t *active, int64_t *kept,
                                     int64_t *before, struct at_err *err)
{
    enum at_status st = check_filter(METRIC_ACTIVE_CUSTOMERS, f, err);
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

/* The feeds are read statement by statement: an import that commits between
 * two of them would mix two states of the data. Every import moves the data
 * key in its transaction, so equal keys before and after mean one state. */
enum at_status engine_build(struct db *db, struct engine **out, struct at_err *err)
{
    *out = NULL;
    for (int attempt = 0;; attempt++) {
        char before[ENGINE_KEY_MAX], after[ENGINE_KEY_MAX];
        struct engine *e = NULL;
        enum at_status st = store_data_key(db, before, sizeof before, err);
        if (!st)
            st = build_once(db, &e, err);
        if (st)
            return st;
        st = store_data_key(db, after, sizeof after, err);
        if (st) {
            engine_free(e);
            return st;
        }
        if (strcmp(before, after) == 0 || attempt == 4) {
            /* still moving after five builds: no key (never saved as current) */
            snprintf(e->data_key, sizeof e->data_key, "%s",
                     strcmp(before, after) == 0 ? before : "");
            *out = e;
            return AT_OK;
        }
        engine_free(e);
    }
}
