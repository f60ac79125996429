/*
 * engine_internal.h — the engine's private layout, shared by the files of
 * src/engine/ (build, snapshot, scope, query, distinct, explain): the flat
 * arrays of the roll-ups, read-only once built or mapped, and the helpers
 * every part uses. Nothing outside src/engine/ includes it (the snapshot
 * fuzzer uses engine_snapshot_reseal).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/map.h"
#include "base/str.h"
#include "engine/engine.h"

struct db;

#define ENGINE_KEY_MAX 128
#define NO_IDX         (-1)
#define MAX_MEAS       5
/* months of days past the last event a build makes room for */
#define ENGINE_DAYS_AHEAD_MONTHS 3

/* ---- interned strings --------------------------------------------------- */

struct engine;

/* A set of distinct texts (segments, regions, tags, products, stages): each
 * text once in the engine's pool, known by its index. The map exists only
 * while building; a loaded engine finds texts by scanning. */
struct strtab {
    struct map ids; /* text -> index, while building */
    uint32_t *off;  /* pool offsets */
    size_t n, cap;
    bool frozen;    /* a base's table read for delta rows: texts are found, never added */
    size_t unknown; /* texts a frozen table did not hold */
};

/* ---- the model ---------------------------------------------------------- */

/* Strings live in one pool (engine.pool); records hold offsets, so every
 * array of the engine is flat and can be written to and mapped from a file. */
struct person {
    int64_t id;
    int32_t unit, manager; /* indexes or NO_IDX */
    uint32_t name, ext, emp;
    int32_t active;       /* 1 or 0 */
    int32_t weight_milli; /* capacity weight ×1000 */
    int32_t name_shared;  /* 1 when another person has the same name (labels), else 0 */
    uint32_t email;       /* pool offset; "" when none */
    int32_t reserved;     /* 0: keeps the record free of padding bytes (snapshots compare) */
};

struct unit {
    int64_t id;
    int32_t parent;
    uint32_t name, path, ext;
};

struct customer {
    int64_t id;
    int32_t segment, region;
    int32_t tag_first, tag_count; /* into engine.tags */
    uint32_t name;
    int32_t first_order; /* index of its first order ever, or NO_IDX */
};

/* One dated event of a source, in a holder's day-ordered run: 20 bytes,
 * the bulk of the engine (stages fit 16 bits: a build refuses more than
 * ENGINE_STAGES_MAX; shares are 1..10000 basis points, as the store checks). */
struct event {
    int32_t day;
    int32_t customer; /* NO_IDX when none */
    int32_t attr;     /* product (lines, deals), activity type, survey scale */
    int32_t ref;      /* index of the row in its source (order, deal, ...) */
    int16_t stage;    /* deal stage; else NO_IDX */
    int16_t share;    /* basis points */
};
#define ENGINE_STAGES_MAX INT16_MAX

/* A holder's events of one source where an overlay replaced them (delta.c):
 * its own events in day order and running sums from 0. */
struct run {
    struct event *ev;
    size_t n;
    int64_t *cum[MAX_MEAS]; /* n + 1 each */
};

/* A source: events grouped by holder (CSR), running sums per measure. */
struct series {
    size_t n;
    size_t *start;    /* n_holders + 1 */
    struct event *ev; /* n */
    int n_meas;
    int64_t *cum[MAX_MEAS]; /* n + 1 each: sum of values of events [0, i) */
    /* dense running sums per unit (and the company at index n_units), by day */
    int64_t *dense[MAX_MEAS]; /* (n_units + 1) × (n_days + 1), or NULL */
    /* per holder, running sums at each month start: month_cum[m][h × (n_months + 1) + k]
     * is the sum of the holder's events before month k (month 0 = the month of d0) */
    int64_t *month_cum[MAX_MEAS];
    /* an overlay's replacements (NULL in a base engine, else per holder /
     * per dense row, NULL = the base's): read through eng_run, eng_dense_row,
     * eng_month_row */
    struct run **over;
    int64_t **dense_over[MAX_MEAS];
    int64_t **month_over[MAX_MEAS];
};
/* A source without events keeps no dense or monthly sums (dense and
 * month_cum NULL): eng_month_row answers engine.zero_months. */

/* An open-pipeline candidate: every deal, per holder share. */
struct deal_share {
    int32_t created, closed,
        expected; /* day numbers; created INT32_MIN, closed INT32_MAX when none */
    int32_t customer, product, stage, ref;
    int16_t share, prob_bp; /* basis points (0..10000, as the store checks) */
    int64_t amount;         /* minor units, reporting currency */
};

struct market {
    int32_t unit;
    uint32_t period;
    int64_t amount;
};

struct pipe_run {
    struct deal_share *d;
    size_t n;
};

struct engine {
    int64_t generation;
    /* An overlay (delta.c): a shallow copy of its base with the runs of the
     * holders its changes touch replaced; NULL in a base engine. A base is
     * shared by its overlays (refs, atomic). */
    struct engine *base;
    int refs;
    struct pipe_run **pipe_over; /* per holder, NULL = the base's run */
    int64_t
        *extra_ids[SRC_NEW + 1]; /* ids of the rows an overlay added (refs from the base's count) */
    size_t base_rows[SRC_NEW + 1]; /* the base's row count per source (orders for lines) */
    size_t delta_rows;             /* changed source rows an overlay applied */
    int32_t last_day;              /* the last day with an event (d0 + n_days - 1 leaves room) */
    char data_key[ENGINE_KEY_MAX]; /* store_data_key when built */
    char *pool;                    /* every string, NUL-terminated */
    size_t pool_len;
    struct buf poolb; /* the pool while building */
    void *map;        /* the mapped snapshot, or NULL when built in memory */
    size_t map_len;
    bool map_trusted; /* mapped without the O(size) checks: PATH.ok says this file passed them */
    struct person *people;
    size_t n_people;
    struct unit *units;
    size_t n_units;
    struct customer *customers;
    size_t n_customers;
    int32_t *tags;
    size_t n_tags;
    struct strtab segments, regions, tagnames, products, stages;
    struct map person_by_id, unit_by_id, customer_by_id;
    /* holders: people [0, n_people), units [n_people, n_people + n_units), nobody */
    size_t n_holders;
    /* rows of the sources: store ids, for explain and overlays; read them
     * through eng_base_id / eng_base_ref. When a source's ids run without a
     * gap (id = ids_from[s] + ref) its array is not kept (NULL). */
    int64_t *order_ids, *payment_ids, *deal_ids, *activity_ids, *survey_ids;
    int64_t ids_from[SRC_SURVEYS + 1]; /* by source: SRC_LINES for orders */
    int64_t *zero_months;              /* n_months + 1 zeros */
    size_t n_orders, n_lines, n_payments, n_deals, n_activities, n_surveys;
    struct series src[SRC_NEW + 1];
    struct deal_share *pipe;
    size_t *pipe_start; /* per holder */
    size_t n_pipe;
    struct market *markets;
    size_t n_markets;
    int32_t d0, n_days;   /* dense arrays cover days [d0, d0 + n_days) */
    int32_t n_months;     /* months from the month of d0 through the last day */
    int32_t *month_start; /* day number of the start of month k, k = 0..n_months */
    /* the distinct customers of each holder's order lines per month
     * (eng_month_customers): holder h's in month k are mcust[mcust_start[h ×
     * n_months + k] .. mcust_start[h × n_months + k + 1]), each once, in the
     * order of their first event. Distinct counts over whole months read
     * these rather than the events: a sixth of the entries, a twenty-fourth of
     * the bytes, and no search for a holder's first event of the period. */
    int32_t *mcust;
    size_t n_mcust;
    size_t *mcust_start; /* n_holders × n_months + 1 */
    /* children */
    int32_t *reports, *report_start; /* people by manager (CSR) */
    size_t bytes;
};

#define STR(e, off) ((e)->pool + (off))
/* A string while building: the pool is still a growing buffer. */
#define STR_BUILD(e, off) ((const char *)(e)->poolb.data + (off))

enum { ACT_TYPE_VISIT, ACT_TYPE_CALL, ACT_TYPE_MEETING, ACT_TYPE_EMAIL, ACT_TYPE_OTHER };

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
void eng_pend_push(struct pend_list *l, int32_t holder, const struct event *ev, const int64_t *v);

/* build.c: the events of some rows of the store, for an overlay of BASE
 * (delta.c). IDS[s] (ascending, N[s] of them) are the store ids of source
 * s's changed rows (orders for SRC_LINES; deals for SRC_CLOSED): the rows
 * that still exist are read in one pass each and become pending events with
 * refs counted from REF0[s] (the base's rows); *NEW_IDS[s] the store ids of
 * those rows in ref order. Deal shares go to *PIPE with their holders.
 * AT_UNSUPPORTED when a row names a text (product, stage) the base does not
 * hold; AT_INVALID when an amount does not fit. */
struct eng_rows {
    struct pend_list pend[SRC_NEW + 1];
    int64_t *new_ids[SRC_NEW + 1];
    size_t n_new[SRC_NEW + 1], cap_new[SRC_NEW + 1];
    size_t n_lines;
    struct deal_share *pipe;
    int32_t *pipe_holder;
    size_t n_pipe, cap_pipe;
};
enum at_status eng_read_rows(const struct engine *base, struct db *db, int64_t *const *ids,
                             const size_t *n, struct eng_rows *out, struct at_err *err);
void eng_rows_free(struct eng_rows *r);
/* Does order A (store id) come before order B on a tie of their first-order
 * day: the smaller order id (product.md)? */
enum at_status eng_order_before(struct db *db, int64_t a, int64_t b, bool *before,
                                struct at_err *err);
int eng_cmp_pending(const void *a, const void *b);
/* The index of text S in table T of E (its build's map, else by comparing
 * the pool's texts), NO_IDX for no text, ENG_TEXT_UNKNOWN when T lacks it. */
/* The index of customer store id ID in E->customers (by id), or NO_IDX. */
int32_t eng_customer_index(const struct engine *e, int64_t id);
#define ENG_TEXT_UNKNOWN (-2)
int32_t eng_text_find(const struct engine *e, const struct strtab *t, const char *s);
/* The units holder H's events count for, from its own: its unit (then its
 * ancestors through units[].parent), NO_IDX for nobody. */
int32_t eng_holder_unit(const struct engine *e, int32_t h);

/* delta.c: a shallow copy of SRC into DST, its count of references 0 (the
 * one field others may change meanwhile is not read). */
void eng_copy(struct engine *dst, const struct engine *src);
/* delta.c: free overlay E (true), or false when E is a base. */
bool eng_overlay_free(struct engine *e);

/* Measures per source. */
extern const int src_meas[SRC_NEW + 1];

/* Every array of the engine, in file order: where its pointer lives and its
 * size in bytes (computed from the counts, so a loaded file can be checked). */
struct blob {
    void **ptr;
    size_t bytes;
};

#define MAX_BLOBS 128

size_t engine_blobs(struct engine *e, struct blob *b);

/* Snapshots compare records byte for byte: none may hold padding. */
_Static_assert(sizeof(struct person) == 48, "struct person has padding");
_Static_assert(sizeof(struct unit) == 24, "struct unit has padding");
_Static_assert(sizeof(struct customer) == 32, "struct customer has padding");
_Static_assert(sizeof(struct event) == 20, "struct event has padding");
_Static_assert(sizeof(struct deal_share) == 40, "struct deal_share has padding");
_Static_assert(sizeof(struct market) == 16, "struct market has padding");

/* ---- shared between the parts (all read-only over the engine) ---------- */

/* A - B; *OVF set (and 0 returned) when it does not fit an int64 (running
 * sums of a snapshot are only as sane as its checksum says). */
static inline int64_t eng_diff(int64_t a, int64_t b, bool *ovf)
{
    int64_t d;
    if (__builtin_sub_overflow(a, b, &d)) {
        *ovf = true;
        return 0;
    }
    return d;
}

/* Holder H's events of source S: a run (overlay) or the base's slice. */
static inline struct run eng_run(const struct series *s, int32_t h)
{
    if (s->over && s->over[h])
        return *s->over[h];
    struct run r;
    size_t a = s->start[h];
    r.ev = s->ev ? s->ev + a : NULL; /* a loaded source without events has no array */
    r.n = s->start[h + 1] - a;
    for (int m = 0; m < s->n_meas; m++)
        r.cum[m] = s->cum[m] + a;
    return r;
}

/* Dense running sums of measure M for row ROW (a unit, or the company at
 * n_units): n_days + 1 values. */
static inline const int64_t *eng_dense_row(const struct engine *e, const struct series *s, int m,
                                           size_t row)
{
    if (s->dense_over[m] && s->dense_over[m][row])
        return s->dense_over[m][row];
    return s->dense[m] + row * ((size_t)e->n_days + 1);
}

/* Holder H's running sums of measure M at each month start: n_months + 1. */
static inline const int64_t *eng_month_row(const struct engine *e, const struct series *s, int m,
                                           size_t h)
{
    if (s->month_over[m] && s->month_over[m][h])
        return s->month_over[m][h];
    if (!s->month_cum[m]) /* a source without events in the base */
        return e->zero_months;
    return s->month_cum[m] + h * ((size_t)e->n_months + 1);
}

/* The base's store ids of source S (SRC_LINES and SRC_NEW: orders) into *N:
 * the array, or NULL when they run without a gap from e->ids_from[S]. */
static inline const int64_t *eng_base_ids(const struct engine *e, int s, size_t *n, int *src)
{
    switch (s) {
    case SRC_PAYMENTS:
        *n = e->n_payments, *src = SRC_PAYMENTS;
        return e->payment_ids;
    case SRC_CLOSED:
    case SRC_PIPELINE:
        *n = e->n_deals, *src = SRC_CLOSED;
        return e->deal_ids;
    case SRC_ACTIVITIES:
        *n = e->n_activities, *src = SRC_ACTIVITIES;
        return e->activity_ids;
    case SRC_SURVEYS:
        *n = e->n_surveys, *src = SRC_SURVEYS;
        return e->survey_ids;
    default:
        *n = e->n_orders, *src = SRC_LINES;
        return e->order_ids;
    }
}

/* The store id of the base's row REF of source S (REF below its count). */
static inline int64_t eng_base_id(const struct engine *e, int s, size_t ref)
{
    size_t n;
    int k;
    const int64_t *ids = eng_base_ids(e, s, &n, &k);
    return ids ? ids[ref] : e->ids_from[k] + (int64_t)ref;
}

/* The base's row of source S whose store id is ID, or -1. N: the base's
 * count of rows (an overlay's own count includes its new rows). */
static inline int64_t eng_base_ref(const struct engine *e, int s, size_t n, int64_t id)
{
    size_t nn;
    int k;
    const int64_t *arr = eng_base_ids(e, s, &nn, &k);
    if (!arr)
        return id >= e->ids_from[k] && (uint64_t)id - (uint64_t)e->ids_from[k] < n
                   ? (int64_t)((uint64_t)id - (uint64_t)e->ids_from[k])
                   : -1;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (arr[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && arr[lo] == id ? (int64_t)lo : -1;
}

/* Holder H's pipeline shares. */
static inline struct pipe_run eng_pipe(const struct engine *e, int32_t h)
{
    if (e->pipe_over && e->pipe_over[h])
        return *e->pipe_over[h];
    size_t a = e->pipe_start[h];
    return (struct pipe_run){e->pipe ? e->pipe + a : NULL, e->pipe_start[h + 1] - a};
}

/* The store id of row REF of source SRC (lines and first orders: orders). */
int64_t eng_row_id(const struct engine *e, enum engine_source src, int32_t ref);

/* scope.c: the holders of scope S into *OUT (caller frees). */
size_t eng_scope_holders(const struct engine *e, const struct scope *s, int32_t **out);

/* query.c */
bool eng_event_match(const struct engine *e, enum engine_source src, const struct event *ev,
                     const struct metric_filter *f);
/* First index in [a, b) of run R whose day is >= DAY. */
size_t eng_lower_day(const struct run *r, size_t a, size_t b, int32_t day);
enum at_status eng_check_filter(enum metric_id m, const struct metric_filter *f,
                                struct at_err *err);
bool eng_deal_open(const struct deal_share *d, int32_t as_of);
int64_t eng_deal_prob(const struct deal_share *d, int32_t as_of);
bool eng_deal_match(const struct engine *e, const struct deal_share *d,
                    const struct metric_filter *f);

/* distinct.c: the work space of distinct counts, one per call (never in the
 * shared engine, so any number of threads count at once): marks stamped
 * with a generation, so a new count needs no clearing. */
struct eng_marks {
    uint32_t *cmark, *omark; /* per customer, per order; made on first use */
    size_t n_customers, n_orders;
    uint32_t gen;
};
void eng_marks_init(struct eng_marks *m, const struct engine *e);
void eng_marks_free(struct eng_marks *m);
uint32_t eng_next_gen(struct eng_marks *m);
int64_t eng_distinct_orders(const struct engine *e, struct eng_marks *mk, const struct scope *s,
                            int32_t d1, int32_t d2, const struct metric_filter *f);
int64_t eng_mark_customers(const struct engine *e, struct eng_marks *mk, const struct scope *s,
                           int32_t d1, int32_t d2, const struct metric_filter *f, uint32_t only_if,
                           uint32_t g);

/* distinct.c: E's month customer lists (mcust, mcust_start) from its order
 * lines' events; E is a base being built (no overlay). */
void eng_month_customers(struct engine *e);

/* query.c: the months wholly inside [D1, D2], [*MA, *MB); false when there
 * is none (then *MA and *MB are not meaningful). Days before month 0 or from
 * month n_months on hold no event of a base and may be outside. */
bool eng_whole_months(const struct engine *e, int32_t d1, int32_t d2, size_t *ma, size_t *mb);

/* explain.c: a holder's name (person name, unit path, "-"). */
const char *eng_holder_name(const struct engine *e, int32_t h);

/* For the snapshot fuzzer: recompute the checksums of the snapshot in BUF
 * (LEN bytes) after it was altered, so that the checks behind them (counts,
 * offsets, indexes, days) are what decides. */
void engine_snapshot_reseal(unsigned char *buf, size_t len);
