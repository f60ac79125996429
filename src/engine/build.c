/*
 * build.c — the only part of the engine that reads the store: the feeds
 * (store/feeds.h, columns by name) become the flat arrays of engine_internal.h —
 * people, units, customers, per-source events grouped by holder with running
 * sums, dense per-unit day sums, monthly sums per holder, deal shares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "engine/engine_internal.h"
#include "store/db.h"
#include "store/feeds.h"

/* Add S to the pool while building; its offset. */
static uint32_t pool_add(struct engine *e, const char *s)
{
    uint32_t off = (uint32_t)e->poolb.len;
    buf_append(&e->poolb, s ? s : "", strlen(s ? s : "") + 1);
    return off;
}

int32_t eng_text_find(const struct engine *e, const struct strtab *t, const char *s)
{
    if (!s || !*s)
        return NO_IDX;
    int64_t id;
    if (map_get(&t->ids, s, &id)) /* a build's map; a loaded engine has none */
        return (int32_t)id;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(e->pool + t->off[i], s) == 0)
            return (int32_t)i;
    return ENG_TEXT_UNKNOWN;
}

static int32_t intern(struct engine *e, struct strtab *t, const char *s)
{
    if (!s || !*s)
        return NO_IDX;
    int64_t id;
    if (map_get(&t->ids, s, &id))
        return (int32_t)id;
    if (t->frozen) { /* a base's table (delta rows): find it, never add */
        int32_t i = eng_text_find(e, t, s);
        if (i != ENG_TEXT_UNKNOWN)
            return i;
        t->unknown++;
        return NO_IDX;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->off = xrealloc(t->off, t->cap * sizeof *t->off);
    }
    t->off[t->n] = pool_add(e, s);
    map_put(&t->ids, s, (int64_t)t->n);
    return (int32_t)t->n++;
}
void eng_pend_push(struct pend_list *l, int32_t holder, const struct event *ev, const int64_t *v)
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

/* The index of store id ID in ARR (N records of SIZE bytes, ascending by
 * their leading int64 id), or NO_IDX: a loaded engine has no id maps. */
static int32_t idx_search(const void *arr, size_t n, size_t size, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t v;
        memcpy(&v, (const char *)arr + mid * size, sizeof v);
        if (v < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t v = 0;
    if (lo < n)
        memcpy(&v, (const char *)arr + lo * size, sizeof v);
    return lo < n && v == id ? (int32_t)lo : NO_IDX;
}

int32_t eng_customer_index(const struct engine *e, int64_t id)
{
    return idx_search(e->customers, e->n_customers, sizeof *e->customers, id);
}

/* The index of person, unit or customer ID ('p', 'u', 'c'), by the build's
 * map or, for a loaded engine, by binary search (the feeds come by id). */
static int32_t idx_of(const struct engine *e, char kind, int64_t id)
{
    const struct map *m = kind == 'p'   ? &e->person_by_id
                          : kind == 'u' ? &e->unit_by_id
                                        : &e->customer_by_id;
    if (m->count) {
        char key[24];
        int64_t idx;
        snprintf(key, sizeof key, "%lld", (long long)id);
        return map_get(m, key, &idx) ? (int32_t)idx : NO_IDX;
    }
    if (kind == 'p')
        return idx_search(e->people, e->n_people, sizeof *e->people, id);
    if (kind == 'u')
        return idx_search(e->units, e->n_units, sizeof *e->units, id);
    return eng_customer_index(e, id);
}

/* An event (stage and share fit 16 bits: the build checks the stages, the
 * store the shares). */
static struct event mk_event(int32_t day, int32_t customer, int32_t attr, int32_t stage,
                             int32_t ref, int32_t share)
{
    return (struct event){.day = day,
                          .customer = customer,
                          .attr = attr,
                          .ref = ref,
                          .stage = (int16_t)stage,
                          .share = (int16_t)share};
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
            if (bp < 1 || bp > METRIC_SCALE) /* the store keeps 1..10000 */
                break;
            int32_t pi = idx_of(e, 'p', pid);
            if (pi != NO_IDX)
                out[n++] = (struct credit){pi, (int32_t)bp};
            p = *end == ';' ? end + 1 : end;
        }
        if (n)
            return n;
    }
    if (owner_col >= 0 && !r->null[owner_col] &&
        (idx = idx_of(e, 'p', r->i[owner_col])) != NO_IDX) {
        out[0] = (struct credit){(int32_t)idx, METRIC_SCALE};
        return 1;
    }
    if (unit_col >= 0 && !r->null[unit_col] && (idx = idx_of(e, 'u', r->i[unit_col])) != NO_IDX) {
        out[0] = (struct credit){(int32_t)(e->n_people + (size_t)idx), METRIC_SCALE};
        return 1;
    }
    out[0] = (struct credit){(int32_t)(e->n_holders - 1), METRIC_SCALE};
    return 1;
}

static int32_t lookup_idx(const struct engine *e, char kind, const struct store_row *r, int col)
{
    if (col < 0 || r->null[col])
        return NO_IDX;
    return idx_of(e, kind, r->i[col]);
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

/* The events of one source as a build reads them, in the store's order:
 * columns that become the series in place (finish_series), so a build
 * never holds its events twice. v[m][i + 1] is event i's value of measure m
 * (v[m][0] = 0): a prefix sum turns the column into the running sums. */
struct acc {
    struct event *ev;
    uint32_t *holder; /* the holder, then the event's place in the series */
    int64_t *v[MAX_MEAS];
    size_t n, cap;
    int32_t lo, hi; /* the days of its events */
};

struct build {
    struct engine *e;
    bool delta;                         /* reading changed rows for an overlay: no first orders */
    struct pend_list pend[SRC_NEW + 1]; /* an overlay's rows (delta) */
    struct acc acc[SRC_NEW + 1];        /* a build's events */
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

/* Event EV of source S credited to HOLDER with values V: a pending event of
 * an overlay, else appended to the build's columns. */
static void emit(struct build *b, int s, int32_t holder, const struct event *ev, const int64_t *v)
{
    if (b->delta) {
        eng_pend_push(&b->pend[s], holder, ev, v);
        return;
    }
    struct acc *a = &b->acc[s];
    int nm = src_meas[s];
    if (a->n == a->cap) {
        /* large columns are mapped memory: realloc moves pages, it copies
         * nothing, and only the part written counts */
        a->cap = a->cap ? a->cap * 2 : 4096;
        a->ev = xrealloc(a->ev, a->cap * sizeof *a->ev);
        a->holder = xrealloc(a->holder, a->cap * sizeof *a->holder);
        for (int m = 0; m < nm; m++)
            a->v[m] = xrealloc(a->v[m], (a->cap + 1) * sizeof *a->v[m]);
        if (!a->n) {
            for (int m = 0; m < nm; m++)
                a->v[m][0] = 0;
            a->lo = INT32_MAX;
            a->hi = INT32_MIN;
        }
    }
    a->ev[a->n] = *ev;
    a->holder[a->n] = (uint32_t)holder;
    for (int m = 0; m < nm; m++)
        a->v[m][a->n + 1] = v[m];
    if (ev->day < a->lo)
        a->lo = ev->day;
    if (ev->day > a->hi)
        a->hi = ev->day;
    a->n++;
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
    u->id = r->i[FC_UNITS_id];
    u->parent = (int32_t)(r->null[FC_UNITS_parent_id]
                              ? -2
                              : r->i[FC_UNITS_parent_id]); /* store id for now; fixed below */
    u->name = pool_add(e, r->s[FC_UNITS_name]);
    u->path = pool_add(e, r->s[FC_UNITS_path]);
    u->ext = pool_add(e, r->s[FC_UNITS_ext_id]);
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
    p->id = r->i[FC_PEOPLE_id];
    p->unit = lookup_idx(e, 'u', r, FC_PEOPLE_unit_id);
    p->active = r->null[FC_PEOPLE_active] ? 1 : (int32_t)(r->i[FC_PEOPLE_active] != 0);
    p->weight_milli =
        r->null[FC_PEOPLE_weight_milli] ? 1000 : (int32_t)r->i[FC_PEOPLE_weight_milli];
    p->name_shared = 0;
    p->reserved = 0;
    p->email = pool_add(e, r->n > FC_PEOPLE_email ? r->s[FC_PEOPLE_email] : NULL);
    p->manager = (int32_t)(r->null[FC_PEOPLE_manager_id]
                               ? -2
                               : r->i[FC_PEOPLE_manager_id]); /* store id; fixed below */
    p->name = pool_add(e, r->s[FC_PEOPLE_name]);
    p->ext = pool_add(e, r->s[FC_PEOPLE_ext_id]);
    p->emp = pool_add(e, r->s[FC_PEOPLE_employee_no]);
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
    c->id = r->i[FC_CUSTOMERS_id];
    c->name = pool_add(e, r->s[FC_CUSTOMERS_name]);
    c->segment = intern(e, &e->segments, r->s[FC_CUSTOMERS_segment]);
    c->region = intern(e, &e->regions, r->s[FC_CUSTOMERS_region]);
    c->tag_first = (int32_t)e->n_tags;
    c->tag_count = 0;
    c->first_order = NO_IDX;
    if (!r->null[FC_CUSTOMERS_tags]) {
        char *copy = xstrdup(r->s[FC_CUSTOMERS_tags]);
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
    bool first = e->n_orders == 0 || r->i[FC_ORDER_LINES_order_id] != b->cur_order;
    if (first) {
        int32_t day = day_of(r, FC_ORDER_LINES_date, INT32_MIN);
        if (day == INT32_MIN)
            return at_err_set(err, AT_DB, "order %lld has no valid date",
                              (long long)r->i[FC_ORDER_LINES_order_id]);
        b->cur_order = r->i[FC_ORDER_LINES_order_id];
        b->cur_day = day;
        b->cur_customer = lookup_idx(e, 'c', r, FC_ORDER_LINES_customer_id);
        b->n_cur_credit = credits_of(e, r, FC_ORDER_LINES_owner_id, FC_ORDER_LINES_unit_id,
                                     FC_ORDER_LINES_credit, b->cur_credit);
        push_id(&e->order_ids, &e->n_orders, &b->cap_orders, r->i[FC_ORDER_LINES_order_id]);
        if (e->n_orders > b->cap_order_day) {
            b->cap_order_day = b->cap_orders;
            b->order_day = xrealloc(b->order_day, b->cap_order_day * sizeof *b->order_day);
            b->order_cust = xrealloc(b->order_cust, b->cap_order_day * sizeof *b->order_cust);
        }
        b->order_day[e->n_orders - 1] = day;
        b->order_cust[e->n_orders - 1] = b->cur_customer;
        /* the customer's first order ever: earliest date, then smallest order id */
        if (b->cur_customer != NO_IDX && !b->delta) {
            struct customer *c = &e->customers[b->cur_customer];
            if (c->first_order == NO_IDX || day < b->order_day[c->first_order])
                c->first_order = (int32_t)(e->n_orders - 1);
        }
    }
    e->n_lines++;
    int32_t order = (int32_t)(e->n_orders - 1);
    int32_t product = intern(e, &e->products, r->s[FC_ORDER_LINES_product]);
    int64_t amount = r->null[FC_ORDER_LINES_amount_rc] ? 0 : r->i[FC_ORDER_LINES_amount_rc];
    for (size_t k = 0; k < b->n_cur_credit; k++) {
        struct event ev =
            mk_event(b->cur_day, b->cur_customer, product, NO_IDX, order, b->cur_credit[k].share);
        int64_t v[MAX_MEAS] = {0, first ? b->cur_credit[k].share : 0};
        mul_checked(b, amount, b->cur_credit[k].share, &v[0], "the amount of order",
                    r->i[FC_ORDER_LINES_order_id]);
        emit(b, SRC_LINES, b->cur_credit[k].holder, &ev, v);
    }
    return AT_OK;
}

static enum at_status feed_payment(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, FC_PAYMENTS_date, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "payment %lld has no valid date",
                          (long long)r->i[FC_PAYMENTS_id]);
    push_id(&e->payment_ids, &e->n_payments, &b->cap_payments, r->i[FC_PAYMENTS_id]);
    struct credit cr[8];
    size_t n = credits_of(e, r, FC_PAYMENTS_owner_id, FC_PAYMENTS_unit_id, FC_PAYMENTS_credit, cr);
    for (size_t k = 0; k < n; k++) {
        struct event ev = mk_event(day, lookup_idx(e, 'c', r, FC_PAYMENTS_customer_id), NO_IDX,
                                   NO_IDX, (int32_t)(e->n_payments - 1), cr[k].share);
        int64_t v[MAX_MEAS] = {0};
        mul_checked(b, r->null[FC_PAYMENTS_amount_rc] ? 0 : r->i[FC_PAYMENTS_amount_rc],
                    cr[k].share, &v[0], "the amount of payment", r->i[FC_PAYMENTS_id]);
        emit(b, SRC_PAYMENTS, cr[k].holder, &ev, v);
    }
    return AT_OK;
}

static enum at_status feed_deal(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    push_id(&e->deal_ids, &e->n_deals, &b->cap_deals, r->i[FC_DEALS_id]);
    int32_t ref = (int32_t)(e->n_deals - 1);
    struct credit cr[8];
    size_t n = credits_of(e, r, FC_DEALS_owner_id, FC_DEALS_unit_id, FC_DEALS_credit, cr);
    int32_t customer = lookup_idx(e, 'c', r, FC_DEALS_customer_id);
    int32_t product = intern(e, &e->products, r->s[FC_DEALS_product]);
    int32_t stage = intern(e, &e->stages, r->s[FC_DEALS_stage]);
    if (stage > ENGINE_STAGES_MAX)
        return at_err_set(err, AT_INVALID,
                          "deal %lld: more than %d different deal stages; the engine counts "
                          "stages in 16 bits — merge the stage names",
                          (long long)r->i[FC_DEALS_id], ENGINE_STAGES_MAX);
    int64_t amount = r->null[FC_DEALS_amount_rc] ? 0 : r->i[FC_DEALS_amount_rc];
    const char *status = r->s[FC_DEALS_status] ? r->s[FC_DEALS_status] : "open";
    int32_t closed = day_of(r, FC_DEALS_closed, INT32_MAX);
    bool won = strcmp(status, "won") == 0, lost = strcmp(status, "lost") == 0;
    for (size_t k = 0; k < n; k++) {
        if ((won || lost) && closed != INT32_MAX) {
            struct event ev = mk_event(closed, customer, product, stage, ref, cr[k].share);
            int64_t v[MAX_MEAS] = {0, won ? cr[k].share : 0, lost ? cr[k].share : 0};
            if (won)
                mul_checked(b, amount, cr[k].share, &v[0], "the amount of deal", r->i[FC_DEALS_id]);
            emit(b, SRC_CLOSED, cr[k].holder, &ev, v);
        }
        if (b->n_pipe == b->cap_pipe) {
            b->cap_pipe = b->cap_pipe ? b->cap_pipe * 2 : 1024;
            b->pipe = xrealloc(b->pipe, b->cap_pipe * sizeof *b->pipe);
            b->pipe_holder = xrealloc(b->pipe_holder, b->cap_pipe * sizeof *b->pipe_holder);
        }
        b->pipe_holder[b->n_pipe] = cr[k].holder;
        b->pipe[b->n_pipe++] = (struct deal_share){
            .created = day_of(r, FC_DEALS_created, INT32_MIN),
            .closed = (won || lost) ? closed : INT32_MAX,
            .expected = day_of(r, FC_DEALS_expected_close, INT32_MIN),
            .customer = customer,
            .product = product,
            .stage = stage,
            .ref = ref,
            .share = (int16_t)cr[k].share,
            .prob_bp =
                r->null[FC_DEALS_probability_bp] ? 0 : (int16_t)r->i[FC_DEALS_probability_bp],
            .amount = amount,
        };
    }
    return AT_OK;
}

static enum at_status feed_activity(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, FC_ACTIVITIES_date, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "activity %lld has no valid date",
                          (long long)r->i[FC_ACTIVITIES_id]);
    push_id(&e->activity_ids, &e->n_activities, &b->cap_activities, r->i[FC_ACTIVITIES_id]);
    static const char *const types[] = {"visit", "call", "meeting", "email", "other"};
    int32_t type = ACT_TYPE_OTHER;
    for (int t = 0; t < 5; t++)
        if (r->s[FC_ACTIVITIES_type] && strcmp(r->s[FC_ACTIVITIES_type], types[t]) == 0)
            type = t;
    struct credit cr[8];
    size_t n = credits_of(e, r, FC_ACTIVITIES_owner_id, -1, -1, cr);
    struct event ev = mk_event(day, lookup_idx(e, 'c', r, FC_ACTIVITIES_customer_id), type, NO_IDX,
                               (int32_t)(e->n_activities - 1), cr[0].share);
    int64_t v[MAX_MEAS] = {(type == ACT_TYPE_VISIT) * METRIC_SCALE,
                           (type == ACT_TYPE_CALL) * METRIC_SCALE,
                           (type == ACT_TYPE_MEETING) * METRIC_SCALE};
    (void)n;
    emit(b, SRC_ACTIVITIES, cr[0].holder, &ev, v);
    return AT_OK;
}

static enum at_status feed_survey(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t day = day_of(r, FC_SURVEYS_date, INT32_MIN);
    if (day == INT32_MIN)
        return at_err_set(err, AT_DB, "survey %lld has no valid date",
                          (long long)r->i[FC_SURVEYS_id]);
    push_id(&e->survey_ids, &e->n_surveys, &b->cap_surveys, r->i[FC_SURVEYS_id]);
    struct credit cr[8];
    credits_of(e, r, FC_SURVEYS_owner_id, FC_SURVEYS_unit_id, -1, cr);
    int64_t score = r->i[FC_SURVEYS_score], scale = r->i[FC_SURVEYS_scale];
    struct event ev = mk_event(day, lookup_idx(e, 'c', r, FC_SURVEYS_customer_id), (int32_t)scale,
                               NO_IDX, (int32_t)(e->n_surveys - 1), METRIC_SCALE);
    int64_t v[MAX_MEAS] = {0};
    if (scale < 10) {
        v[SURV_CSAT_SUM] = score;
        v[SURV_CSAT_N] = 1;
    } else if (scale == 10) {
        v[SURV_PROMOTERS] = score >= 9;
        v[SURV_DETRACTORS] = score <= 6;
        v[SURV_NPS_N] = 1;
    }
    emit(b, SRC_SURVEYS, cr[0].holder, &ev, v);
    return AT_OK;
}

static enum at_status feed_market(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct build *b = ctx;
    struct engine *e = b->e;
    int32_t unit = lookup_idx(e, 'u', r, FC_MARKETS_unit_id);
    if (unit == NO_IDX)
        return AT_OK;
    if (e->n_markets == b->cap_markets) {
        b->cap_markets = b->cap_markets ? b->cap_markets * 2 : 16;
        e->markets = xrealloc(e->markets, b->cap_markets * sizeof *e->markets);
    }
    e->markets[e->n_markets++] =
        (struct market){unit, pool_add(e, r->s[FC_MARKETS_period]),
                        r->null[FC_MARKETS_amount_rc] ? 0 : r->i[FC_MARKETS_amount_rc]};
    return AT_OK;
}

int eng_cmp_pending(const void *a, const void *b)
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
int32_t eng_holder_unit(const struct engine *e, int32_t h)
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

/* Move the events [A, A + N) of A's columns in place so that the event at
 * A + i lands at A + dst[i] (DST a permutation of 0..N-1, used up): each
 * swap puts one event where it belongs. */
static void permute(struct acc *a, int nm, uint32_t *dst, size_t base, size_t n)
{
    for (size_t i = 0; i < n; i++)
        while (dst[i] != i) {
            size_t j = dst[i];
            struct event t = a->ev[base + i];
            a->ev[base + i] = a->ev[base + j];
            a->ev[base + j] = t;
            for (int m = 0; m < nm; m++) {
                int64_t *v = a->v[m] + base + 1;
                int64_t x = v[i];
                v[i] = v[j];
                v[j] = x;
            }
            dst[i] = dst[j];
            dst[j] = (uint32_t)j;
        }
}

struct day_pos {
    int32_t day;
    uint32_t pos;
};

static int cmp_day_pos(const void *x, const void *y)
{
    const struct day_pos *p = x, *q = y;
    if (p->day != q->day)
        return p->day < q->day ? -1 : 1;
    return (p->pos > q->pos) - (p->pos < q->pos);
}

/* Turn source S's columns into its series in place: grouped by holder (a
 * stable counting sort, so a holder's events stay in the store's order,
 * which is their refs' order), each holder's run in day order (ties keep
 * that order: the order eng_cmp_pending gives), then running sums. */
static void finish_series(struct engine *e, struct build *b, int src, bool *ovf)
{
    struct acc *a = &b->acc[src];
    struct series *s = &e->src[src];
    int nm = src_meas[src];
    size_t n = a->n;
    s->n = n;
    s->n_meas = nm;
    s->start = xcalloc(e->n_holders + 1, sizeof *s->start);
    for (size_t i = 0; i < n; i++)
        s->start[a->holder[i] + 1]++;
    for (size_t h = 0; h < e->n_holders; h++)
        s->start[h + 1] += s->start[h];
    size_t *fill = xmalloc((e->n_holders + 1) * sizeof *fill);
    memcpy(fill, s->start, (e->n_holders + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        a->holder[i] = (uint32_t)fill[a->holder[i]]++;
    free(fill);
    permute(a, nm, a->holder, 0, n);
    free(a->holder);
    a->holder = NULL;
    /* each holder's run in day order */
    struct day_pos *dp = NULL;
    uint32_t *dst = NULL;
    size_t cap = 0;
    for (size_t h = 0; h < e->n_holders; h++) {
        size_t lo = s->start[h], cnt = s->start[h + 1] - lo, i = 1;
        while (i < cnt && a->ev[lo + i - 1].day <= a->ev[lo + i].day)
            i++;
        if (i >= cnt)
            continue;
        if (cnt > cap) {
            cap = cnt;
            dp = xrealloc(dp, cap * sizeof *dp);
            dst = xrealloc(dst, cap * sizeof *dst);
        }
        for (size_t k = 0; k < cnt; k++)
            dp[k] = (struct day_pos){a->ev[lo + k].day, (uint32_t)k};
        qsort(dp, cnt, sizeof *dp, cmp_day_pos);
        for (size_t k = 0; k < cnt; k++)
            dst[dp[k].pos] = (uint32_t)k;
        permute(a, nm, dst, lo, cnt);
    }
    free(dp);
    free(dst);
    s->ev = xrealloc(a->ev, (n ? n : 1) * sizeof *s->ev);
    for (int m = 0; m < nm; m++) {
        s->cum[m] = a->v[m] ? xrealloc(a->v[m], (n + 1) * sizeof *s->cum[m])
                            : xcalloc(1, sizeof *s->cum[m]);
        for (size_t i = 0; i < n; i++)
            if (__builtin_add_overflow(s->cum[m][i + 1], s->cum[m][i], &s->cum[m][i + 1]))
                *ovf = true;
        a->v[m] = NULL;
    }
    a->ev = NULL;
    e->bytes += (e->n_holders + 1) * sizeof *s->start + n * sizeof *s->ev +
                (size_t)nm * (n + 1) * sizeof(int64_t);
}

/* Source S's monthly sums per holder and dense day sums per unit and for
 * the company, from its finished series (days and months known). */
static void series_rollups(struct engine *e, struct series *s, bool *ovf)
{
    int n_meas = s->n_meas;
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
    if (e->n_days <= 0)
        return;
    size_t stride = (size_t)e->n_days + 1, rows = e->n_units + 1;
    for (int m = 0; m < n_meas; m++) {
        s->dense[m] = xcalloc(rows * stride, sizeof(int64_t));
        e->bytes += rows * stride * sizeof(int64_t);
    }
    /* add each event's value on its day to its units and the company */
    for (size_t h = 0; h < e->n_holders; h++) {
        int32_t unit = eng_holder_unit(e, (int32_t)h);
        for (size_t i = s->start[h]; i < s->start[h + 1]; i++) {
            size_t t = (size_t)(s->ev[i].day - e->d0) + 1;
            for (int m = 0; m < n_meas; m++) {
                int64_t v = s->cum[m][i + 1] - s->cum[m][i];
                if (!v)
                    continue;
                int64_t *c = &s->dense[m][e->n_units * stride + t];
                if (__builtin_add_overflow(*c, v, c))
                    *ovf = true;
                for (int32_t u = unit; u != NO_IDX; u = e->units[u].parent) {
                    c = &s->dense[m][(size_t)u * stride + t];
                    if (__builtin_add_overflow(*c, v, c))
                        *ovf = true;
                }
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

static enum at_status collect_tie_id(int64_t id, const char *ext, void *ctx, struct at_err *err);

enum at_status eng_order_before(struct db *db, int64_t a, int64_t b, bool *before,
                                struct at_err *err)
{
    int64_t ids[2] = {a < b ? a : b, a < b ? b : a};
    struct tie_ids t = {xcalloc(2, sizeof(char *)), 0};
    enum at_status st = store_ext_ids(db, STORE_ORDERS, ids, 2, collect_tie_id, &t, err);
    if (!st && t.k != 2)
        st = at_err_set(err, AT_DB, "order %lld or %lld is gone", (long long)a, (long long)b);
    if (!st) /* t.ext[0] is the smaller store id's */
        *before = (order_id_cmp(t.ext[0], t.ext[1]) < 0) == (a < b);
    for (size_t k = 0; k < t.k; k++)
        free(t.ext[k]);
    free(t.ext);
    return st;
}

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

/* Rows whose store ids run without a gap keep no id array: id = the first
 * id + ref (eng_base_id). */
static void compact_ids(struct engine *e)
{
    int64_t **arr[SRC_SURVEYS + 1] = {&e->order_ids, &e->payment_ids, &e->deal_ids,
                                      &e->activity_ids, &e->survey_ids};
    for (int s = 0; s <= SRC_SURVEYS; s++) {
        size_t n;
        int k;
        eng_base_ids(e, s, &n, &k);
        int64_t *ids = *arr[s];
        e->ids_from[s] = 0;
        if (!ids)
            continue;
        size_t i = 1;
        while (i < n && ids[i - 1] < INT64_MAX && ids[i] == ids[i - 1] + 1)
            i++;
        if (i < n)
            continue;
        e->ids_from[s] = ids[0];
        free(ids);
        *arr[s] = NULL;
    }
}

/* New customers: each customer's first order ever, credited like that
 * order — the first line of an order carries its holders' shares. */
static void new_customers(struct engine *e, struct build *b, bool *ovf)
{
    const struct series *l = &e->src[SRC_LINES];
    for (size_t h = 0; h < e->n_holders; h++)
        for (size_t i = l->start[h]; i < l->start[h + 1]; i++) {
            const struct event *ev = &l->ev[i];
            int64_t v[MAX_MEAS] = {l->cum[LINE_ORDERS][i + 1] - l->cum[LINE_ORDERS][i]};
            if (!v[0] || ev->customer == NO_IDX ||
                e->customers[ev->customer].first_order != ev->ref)
                continue;
            emit(b, SRC_NEW, (int32_t)h, ev, v);
        }
    finish_series(e, b, SRC_NEW, ovf);
}

/* The pipeline shares grouped by holder (in deal id order within each). */
static void finish_pipe(struct engine *e, struct build *b)
{
    e->n_pipe = b->n_pipe;
    e->pipe = xmalloc((b->n_pipe ? b->n_pipe : 1) * sizeof *e->pipe);
    e->pipe_start = xcalloc(e->n_holders + 1, sizeof *e->pipe_start);
    for (size_t i = 0; i < b->n_pipe; i++)
        e->pipe_start[b->pipe_holder[i] + 1]++;
    for (size_t h = 0; h < e->n_holders; h++)
        e->pipe_start[h + 1] += e->pipe_start[h];
    size_t *fill = xcalloc(e->n_holders, sizeof *fill);
    for (size_t i = 0; i < b->n_pipe; i++) {
        int32_t h = b->pipe_holder[i];
        e->pipe[e->pipe_start[h] + fill[h]++] = b->pipe[i];
    }
    free(fill);
    free(b->pipe);
    free(b->pipe_holder);
    b->pipe = NULL;
    b->pipe_holder = NULL;
}

/* Free what a build holds beside its engine. */
static void build_free(struct build *b)
{
    for (int s = 0; s <= SRC_NEW; s++) {
        struct acc *a = &b->acc[s];
        free(b->pend[s].items);
        free(a->ev);
        free(a->holder);
        for (int m = 0; m < MAX_MEAS; m++)
            free(a->v[m]);
        memset(a, 0, sizeof *a);
        b->pend[s].items = NULL;
    }
    free(b->order_day);
    free(b->order_cust);
    free(b->pipe);
    free(b->pipe_holder);
    b->order_day = NULL;
    b->order_cust = NULL;
    b->pipe = NULL;
    b->pipe_holder = NULL;
}

/* The sources' feeds and their readers, in the order a build reads them. */
static const struct {
    enum store_feed feed;
    store_feed_fn fn;
    int src;
} source_feeds[] = {{FEED_ORDER_LINES, feed_line, SRC_LINES},
                    {FEED_PAYMENTS, feed_payment, SRC_PAYMENTS},
                    {FEED_DEALS, feed_deal, SRC_CLOSED},
                    {FEED_ACTIVITIES, feed_activity, SRC_ACTIVITIES},
                    {FEED_SURVEYS, feed_survey, SRC_SURVEYS}};

static enum at_status build_once(struct db *db, struct engine **out, struct at_err *err)
{
    struct engine *e = xcalloc(1, sizeof *e);
    buf_init(&e->poolb, (size_t)1 << 32);
    pool_add(e, ""); /* offset 0 is the empty string */
    struct build b = {.e = e};
    bool ovf = false;
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
    /* each source becomes its series as soon as it is read, so the build
     * holds one copy of its events (plus one source's holders) */
    for (size_t k = 0; !st && k < sizeof source_feeds / sizeof source_feeds[0]; k++) {
        st = store_feed(db, source_feeds[k].feed, source_feeds[k].fn, &b, err);
        if (st)
            break;
        finish_series(e, &b, source_feeds[k].src, &ovf);
        if (source_feeds[k].src == SRC_LINES && !ovf) {
            st = break_first_order_ties(e, db, &b, err);
            free(b.order_day);
            free(b.order_cust);
            b.order_day = NULL;
            b.order_cust = NULL;
            if (!st)
                new_customers(e, &b, &ovf);
        }
        if (source_feeds[k].src == SRC_CLOSED)
            finish_pipe(e, &b);
    }
    if (!st)
        st = store_feed(db, FEED_MARKETS, feed_market, &b, err);
    if (st) {
        build_free(&b);
        engine_free(e);
        return st;
    }
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (int s = 0; s <= SRC_NEW; s++)
        if (b.acc[s].n) {
            lo = b.acc[s].lo < lo ? b.acc[s].lo : lo;
            hi = b.acc[s].hi > hi ? b.acc[s].hi : hi;
        }
    if (lo <= hi) {
        /* the days run on to the end of the third month after the last
         * event: changes dated there (today's orders) are an overlay, not a
         * rebuild (delta.c) */
        int y, m, d;
        cal_to_ymd(hi, &y, &m, &d);
        int32_t end = cal_add_months(cal_from_ymd(y, m, 1), ENGINE_DAYS_AHEAD_MONTHS + 1) - 1;
        e->d0 = lo;
        e->n_days = end - lo + 1;
        e->last_day = hi;
    }
    month_table(e);
    e->zero_months = xcalloc((size_t)e->n_months + 1, sizeof *e->zero_months);
    for (int s = 0; !ovf && s <= SRC_NEW; s++)
        if (e->src[s].n) /* a source without events has no sums to keep */
            series_rollups(e, &e->src[s], &ovf);
    compact_ids(e);
    if (ovf || b.overflow[0]) {
        /* a wrong figure is worse than none */
        st = at_err_set(err, AT_INVALID,
                        "%s%s: amounts add up beyond what the engine sums exactly (±9.2×10^14 "
                        "minor units, ±922,337,203,685,477); remove or correct the rows too large",
                        b.overflow[0] ? b.overflow : "the sums of the amounts",
                        b.overflow[0] ? " is too large" : " overflow");
        build_free(&b);
        engine_free(e);
        return st;
    }
    eng_month_customers(e);
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
    e->bytes += e->pool_len + e->n_pipe * sizeof *e->pipe + e->n_people * sizeof(struct person) +
                e->n_customers * sizeof(struct customer);
    for (int s = 0; s <= SRC_SURVEYS; s++) {
        size_t n;
        int k;
        if (eng_base_ids(e, s, &n, &k))
            e->bytes += n * sizeof(int64_t);
    }
    *out = e;
    return AT_OK;
}

void eng_rows_free(struct eng_rows *r)
{
    for (int s = 0; s <= SRC_NEW; s++) {
        free(r->pend[s].items);
        free(r->new_ids[s]);
    }
    free(r->pipe);
    free(r->pipe_holder);
    memset(r, 0, sizeof *r);
}

enum at_status eng_read_rows(const struct engine *base, struct db *db, int64_t *const *ids,
                             const size_t *n, struct eng_rows *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    /* a scratch engine over the base's org, customers and texts: the feed
     * readers fill its row lists, which become the overlay's new rows */
    struct engine *t = xmalloc(sizeof *t);
    eng_copy(t, base);
    t->order_ids = t->payment_ids = t->deal_ids = t->activity_ids = t->survey_ids = NULL;
    t->n_orders = t->n_payments = t->n_deals = t->n_activities = t->n_surveys = t->n_lines = 0;
    t->products.frozen = t->stages.frozen = true;
    t->products.unknown = t->stages.unknown = 0;
    /* customers by search: an overlay may hold customers the build's map
     * never met (they come by id, new ones after the base's) */
    memset(&t->customer_by_id, 0, sizeof t->customer_by_id);
    struct build b = {.e = t, .delta = true};
    enum at_status st = AT_OK;
    for (size_t k = 0; !st && k < sizeof source_feeds / sizeof source_feeds[0]; k++)
        if (n[source_feeds[k].src])
            st = store_feed_ids(db, source_feeds[k].feed, ids[source_feeds[k].src],
                                n[source_feeds[k].src], source_feeds[k].fn, &b, err);
    if (!st && b.overflow[0])
        st = at_err_set(err, AT_INVALID,
                        "%s is too large: amounts add up beyond what the engine sums exactly",
                        b.overflow);
    if (!st && (t->products.unknown || t->stages.unknown))
        st = at_err_set(err, AT_UNSUPPORTED, "a changed row names a new product or stage");
    /* refs from the base's rows on */
    size_t ref0[SRC_NEW + 1] = {base->n_orders,     base->n_payments, base->n_deals,
                                base->n_activities, base->n_surveys,  base->n_orders};
    for (int s = 0; s <= SRC_NEW; s++) {
        out->pend[s] = b.pend[s];
        for (size_t i = 0; i < out->pend[s].n; i++)
            out->pend[s].items[i].ev.ref += (int32_t)ref0[s];
    }
    for (size_t i = 0; i < b.n_pipe; i++)
        b.pipe[i].ref += (int32_t)ref0[SRC_CLOSED];
    out->new_ids[SRC_LINES] = t->order_ids;
    out->n_new[SRC_LINES] = t->n_orders;
    out->new_ids[SRC_PAYMENTS] = t->payment_ids;
    out->n_new[SRC_PAYMENTS] = t->n_payments;
    out->new_ids[SRC_CLOSED] = t->deal_ids;
    out->n_new[SRC_CLOSED] = t->n_deals;
    out->new_ids[SRC_ACTIVITIES] = t->activity_ids;
    out->n_new[SRC_ACTIVITIES] = t->n_activities;
    out->new_ids[SRC_SURVEYS] = t->survey_ids;
    out->n_new[SRC_SURVEYS] = t->n_surveys;
    out->n_lines = t->n_lines;
    out->pipe = b.pipe;
    out->pipe_holder = b.pipe_holder;
    out->n_pipe = b.n_pipe;
    free(b.order_day);
    free(b.order_cust);
    free(t);
    if (st)
        eng_rows_free(out);
    return st;
}

/* The feeds are read statement by statement, all inside one read
 * transaction: an import that commits meanwhile is not seen, so the engine
 * holds one state of the data, and the data key read in the same transaction
 * is that state's. */
enum at_status engine_build(struct db *db, struct engine **out, struct at_err *err)
{
    *out = NULL;
    char key[ENGINE_KEY_MAX];
    struct engine *e = NULL;
    enum at_status st = db_read_begin(db, err);
    if (st)
        return st;
    st = store_data_key(db, key, sizeof key, err);
    if (!st)
        st = build_once(db, &e, err);
    db_read_end(db);
    if (st)
        return st;
    snprintf(e->data_key, sizeof e->data_key, "%s", key);
    *out = e;
    return AT_OK;
}
