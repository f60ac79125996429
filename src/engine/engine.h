/*
 * engine.h — the metric engine: "what is metric M for scope S in period P",
 * answered from roll-ups in memory, never by scanning the store.
 *
 * Built from the store's feeds (store/db.h). Every dated fact (an order line,
 * a payment, a closed deal, an activity, a survey, a customer's first order)
 * is an event credited to a holder — a person, a unit (rows credited to the
 * unit itself) or nobody — with its split-credit share. Events are kept per
 * holder and source in day order with running sums, so an additive measure
 * over a holder and a date range is two binary searches; units and the whole
 * company also have dense day-by-day running sums, so their additive measures
 * are two array reads. Distinct customers (active, retention) and filtered
 * questions scan only the events of the scope in the period.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/metric.h"
#include "domain/period.h"
#include "domain/scope.h"

struct db;
struct engine;

/* Build from the store, every feed and the store's data key (store_data_key,
 * which the engine remembers) read in one read transaction (db_read_begin):
 * one state of the data, whatever commits meanwhile. Caller owns *OUT
 * (engine_free). */
enum at_status engine_build(struct db *db, struct engine **out, struct at_err *err);
void engine_free(struct engine *e);
/*
 * Incremental engine (docs/design.md, "Incremental engine"). An overlay of
 * E's base with every change the store logged after change SEQ (the changes
 * since the base's data: store_token_seq of the base key's token), read in
 * the caller's read transaction whose store data key is DATA_KEY: the rows
 * changed since, as they are now, replace the base's, without a rebuild.
 * AT_UNSUPPORTED (the caller builds afresh) when the changes concern the org
 * or customers, are more than ENGINE_DELTA_MAX rows, name a product or stage
 * the base does not hold, fall outside the base's days, or remove a
 * customer's first order. The overlay holds a reference to the base
 * (engine_free releases it). Caller owns *OUT.
 */
#define ENGINE_DELTA_MAX 50000
enum at_status engine_overlay(struct engine *e, struct db *db, int64_t seq, const char *data_key,
                              struct engine **out, struct at_err *err);
/* One more reference to E (engine_free drops one; the last frees it). */
struct engine *engine_retain(struct engine *e);
/* The base of overlay E, or E. */
struct engine *engine_base(struct engine *e);
/* How many changed rows overlay E applied (0 for a base). */
size_t engine_delta_rows(const struct engine *e);

/* The store data key E was built from ("IDENTITY/GENERATION/TOKEN"). */
const char *engine_data_key(const struct engine *e);

/*
 * Snapshot files (docs/design.md, "Snapshot files"). Who may have written a
 * snapshot and what a new one looks like: a snapshot is read only when it is
 * a regular file (never through a symbolic link, never a FIFO or a device)
 * owned by UID (the database file's owner) or by the user running attain; a
 * new one gets MODE (the database file's permission bits) and, where the
 * process may set them, the database file's UID and GID (else its group and
 * other bits are dropped when the group differs). RECORD: whether a load
 * honours (ENGINE_RECORD_READ) and writes (ENGINE_RECORD_WRITE) the
 * validation record PATH.ok beside the snapshot (engine_load). NULL rules:
 * the running user's, mode 0600, no record.
 */
enum { ENGINE_RECORD_READ = 1, ENGINE_RECORD_WRITE = 2, ENGINE_RECORD_ALL = 3 };
struct engine_file_rules {
    unsigned uid, gid; /* uid_t, gid_t of the database file */
    unsigned mode;     /* its st_mode & 0777 */
    unsigned record;   /* ENGINE_RECORD_* */
};
/* The rules of the database file DB_FILE (its owner, group and bits; both
 * uses of the validation record); the running user's and 0600 when it
 * cannot be read. */
void engine_file_rules_of(const char *db_file, struct engine_file_rules *out);

/* Write E to PATH so that later processes map it instead of rebuilding:
 * a temporary PATH.tmp<PID>.XXXXXX created in the same folder with
 * O_CREAT|O_EXCL|O_NOFOLLOW (never through a pre-created name), given the
 * RULES' bits and owner before a byte is written, written, fsynced and
 * renamed over PATH. A PATH that is a symbolic link is replaced (the link,
 * never its target); one that is not a regular file nor a link (a FIFO, a
 * folder, a device) is left in place and nothing is saved (AT_UNSUPPORTED).
 * Before writing, temporaries of PATH left by dead processes (the pid in the
 * name answers ESRCH), or older than an hour by the file system's clock,
 * are removed; another process's live temporary never is. CONTEXT (at most
 * ENGINE_CONTEXT_MAX - 1 bytes) names the settings the figures depend on
 * beyond the data (reporting currency, fiscal year start): a load asks for
 * the same. Every section carries a checksum. AT_IO when the file cannot be
 * written (ERR names it). */
#define ENGINE_CONTEXT_MAX 64
enum at_status engine_save(struct engine *e, const char *path,
                           const struct engine_file_rules *rules, const char *context,
                           struct at_err *err);
/* Do A and B hold the same roll-ups (a snapshot against a fresh build)? */
bool engine_same(struct engine *a, struct engine *b);
/* Map the snapshot at PATH if it was built from store data key DATA_KEY
 * (NULL: whatever data, for a base that engine_overlay brings up to date)
 * with CONTEXT. Opened with O_NOFOLLOW|O_NONBLOCK (a FIFO never blocks):
 * AT_NOT_FOUND (none), AT_UNSUPPORTED (a symbolic link, not a regular file,
 * or owned by another user than RULES allow: not read; ERR says why in one
 * line for a note), AT_CONFLICT (other data or settings) or AT_INVALID (not
 * a snapshot of this version, a checksum that does not match, or any count,
 * offset, index or day out of range) otherwise — the caller then rebuilds.
 * The checksums and the content checks read the whole file: with
 * ENGINE_RECORD_READ they are skipped when PATH.ok records that this very
 * file (device, inode, size, mtime, ctime, header, key) passed them; with
 * ENGINE_RECORD_WRITE a load that ran them writes that record (like a
 * snapshot: temporary, the rules' owner and bits, rename). Caller owns *OUT. */
enum at_status engine_load(const char *path, const struct engine_file_rules *rules,
                           const char *data_key, const char *context, struct engine **out,
                           struct at_err *err);

struct engine_stats {
    long people, units, customers, orders, lines, payments, deals, activities, surveys;
    long events;  /* dated events over every source */
    size_t bytes; /* memory held by the engine */
    int32_t first_day, last_day;
    int64_t generation; /* the store generation the engine was built from */
    bool mapped;        /* loaded from a snapshot */
    long delta_rows;    /* changed rows an overlay applies over the snapshot (0: none) */
    bool trusted;       /* ...without the checksums and content checks: its PATH.ok matched */
};
void engine_stats(const struct engine *e, struct engine_stats *out);

struct scope {
    enum scope_kind kind;
    int32_t idx; /* person index (person, team) or unit index (unit) */
};

/* Read "company", "person:NAME", "team:NAME", "unit:NAME" (NAME: external id,
 * employee number, unit path or name). Unknown: AT_NOT_FOUND; a name several
 * share: AT_AMBIGUOUS listing them. */
enum at_status engine_scope_parse(const struct engine *e, const char *text, struct scope *out,
                                  struct at_err *err);
/* The scope of KIND for store id STORE_ID: people.id for a person or team,
 * units.id for a unit (STORE_ID is not looked at for the company).
 * AT_NOT_FOUND when the engine does not hold that row. */
enum at_status engine_scope_from_id(const struct engine *e, enum scope_kind kind, int64_t store_id,
                                    struct scope *out, struct at_err *err);
/* The store id behind S: people.id (person, team), units.id (unit), 0 for the
 * company. */
int64_t engine_scope_store_id(const struct engine *e, const struct scope *s);

/* Canonical text: "company", "person:NAME", "team:NAME", "unit:PATH". */
char *engine_scope_format(const struct engine *e, const struct scope *s, char *out, size_t size);

enum breakdown { BY_NONE, BY_PERSON, BY_TEAM, BY_UNIT, BY_MONTH, BY_QUARTER, BY_WEEK, BY_DAY };

/* The scopes of a breakdown by person, team or unit of S, sorted by their
 * canonical text. Caller frees *OUT. */
enum at_status engine_scope_children(const struct engine *e, const struct scope *s,
                                     enum breakdown by, struct scope **out, size_t *n,
                                     struct at_err *err);
/* The same, and their canonical texts: *TEXTS[i] is the text of (*OUT)[i]
 * (one block: the caller frees *TEXTS, and *OUT). */
enum at_status engine_scope_children_text(const struct engine *e, const struct scope *s,
                                          enum breakdown by, struct scope **out, char ***texts,
                                          size_t *n, struct at_err *err);

/* Filters (--where k=v): interned ids, -1 = any, -2 = a value the data never
 * holds (matches nothing). Several filters combine with AND: a key a row has
 * one value of (product, segment, region, stage) given two different values
 * matches nothing; tags are a set, and a customer must carry every tag. */
#define FILTER_TAGS_MAX 8
struct metric_filter {
    int32_t product, segment, region, stage;
    int32_t tags[FILTER_TAGS_MAX];
    int32_t n_tags;
};
void engine_filter_init(struct metric_filter *f);
bool engine_filter_empty(const struct metric_filter *f);
/* Add "key=value" (product, segment, region, tag, stage) to F, with AND.
 * AT_INVALID for an unknown key or more than FILTER_TAGS_MAX tags. */
enum at_status engine_filter_add(const struct engine *e, struct metric_filter *f, const char *kv,
                                 struct at_err *err);

/* Metric M for scope S over period P as known on AS_OF: actuals (sums,
 * counts, distinct customers, ratios and scores) run from P's start through
 * min(P's end, AS_OF) — 0, or undefined for a ratio or score, when P has not
 * begun; pipelines are the deals open on AS_OF expected to close in P.
 * AT_INVALID when a filter does not apply to M, or when the figure does not
 * fit an int64 (it is never returned wrong). */
enum at_status engine_metric(const struct engine *e, enum metric_id m, const struct scope *s,
                             const struct period *p, const struct metric_filter *f, int32_t as_of,
                             struct metric_value *out, struct at_err *err);

/* The market size (minor units) behind market_share of S for P as of AS_OF:
 * the unit's own market rows, else the sum of its child units' markets when
 * every child with revenue has one and all the revenue comes from those
 * children (the company: the top-level units). *FOUND false with the reason
 * in WHY otherwise. */
enum at_status engine_market_size(const struct engine *e, const struct scope *s,
                                  const struct period *p, const struct metric_filter *f,
                                  int32_t as_of, bool *found, int64_t *size, char *why,
                                  size_t why_size, struct at_err *err);

/* The rows behind a figure (attain explain), as known on AS_OF (as
 * engine_metric): none when the range is empty. */
enum engine_source {
    SRC_LINES,
    SRC_PAYMENTS,
    SRC_CLOSED,
    SRC_ACTIVITIES,
    SRC_SURVEYS,
    SRC_NEW,
    SRC_PIPELINE
};
struct engine_row {
    enum engine_source source;
    int64_t row_id; /* store id: order, payment, deal, activity or survey */
    int32_t day;
    const char *holder;   /* person name, unit path or "-" */
    const char *customer; /* name or NULL */
    int32_t share_bp;
    int64_t value_e4; /* the row's contribution ×10^4 (minor units or counts) */
};
typedef enum at_status (*engine_row_fn)(const struct engine_row *row, void *ctx,
                                        struct at_err *err);
enum at_status engine_explain(const struct engine *e, enum metric_id m, const struct scope *s,
                              const struct period *p, const struct metric_filter *f, int32_t as_of,
                              engine_row_fn fn, void *ctx, struct at_err *err);

/* Read-only totals for the self-check above the engine (app/engine_check.c
 * compares them with SQL aggregates of the store). A holder is a person, a
 * unit (rows credited to the unit itself) or nobody. The measures of each
 * source, in its order: */
enum { LINE_REVENUE, LINE_ORDERS };
enum { PAY_AMOUNT };
enum { CLOSED_WON_VALUE, CLOSED_WON, CLOSED_LOST };
enum { ACT_VISITS, ACT_CALLS, ACT_MEETINGS };
enum { SURV_CSAT_SUM, SURV_CSAT_N, SURV_PROMOTERS, SURV_DETRACTORS, SURV_NPS_N };
enum { NEW_COUNT };
size_t engine_holder_count(const struct engine *e);
/* The holder of KIND ('p' person, 'u' unit, 'n' nobody) with store id ID, or -1. */
int32_t engine_holder_find(const struct engine *e, char kind, int64_t id);
/* Person name, unit path or "-". */
const char *engine_holder_name(const struct engine *e, int32_t holder);
/* Σ measure MEAS of source SRC credited to HOLDER over every day, ×10^4. */
int64_t engine_holder_total(const struct engine *e, enum engine_source src, int meas,
                            int32_t holder);
/* The engine's own consistency (the monthly running sums against the events
 * they summarise): each difference to FN as a line; counts added to *N_DIFF
 * and *N_CHECKED. */
typedef void (*engine_diff_fn)(const char *line, void *ctx);
/* Do A (an overlay) and B (a fresh build of the same data) answer alike:
 * every holder's events of every source (by store id, day, customer,
 * product, share and values), the day sums of every unit and the company,
 * the pipeline shares, and A's monthly sums against its events? Each
 * difference is a line to FN. */
void engine_same_answers(const struct engine *a, const struct engine *b, engine_diff_fn fn,
                         void *ctx, long *n_diff, long *n_checked);
void engine_verify(const struct engine *e, engine_diff_fn fn, void *ctx, long *n_diff,
                   long *n_checked);

/* Per-customer figures of a scope over days [from, to] (reports). */
struct customer_stat {
    const char *name, *segment, *region; /* segment/region NULL when none */
    int64_t revenue_e4;                  /* Σ line amount × share */
    int64_t orders_e4;                   /* orders × share */
    int32_t first_day;                   /* first order ever (any scope) */
    int32_t last_day;                    /* last order in [from, to] */
};
/* Customers with an order in the scope over [FROM, TO], in customer order.
 * Caller frees *OUT. */
enum at_status engine_customer_stats(const struct engine *e, const struct scope *s, int32_t from,
                                     int32_t to, const struct metric_filter *f,
                                     struct customer_stat **out, size_t *n, struct at_err *err);

/* Every deal share of a scope (reports: funnel, cycle time). */
struct deal_info {
    const char *stage;                 /* NULL when none */
    const char *status;                /* "open", "won", "lost" */
    int32_t created, closed, expected; /* INT32_MIN / INT32_MAX when none */
    int64_t amount;                    /* minor units, reporting currency */
    int32_t share, prob_bp;
};
typedef enum at_status (*engine_deal_fn)(const struct deal_info *d, void *ctx, struct at_err *err);
enum at_status engine_deals(const struct engine *e, const struct scope *s,
                            const struct metric_filter *f, engine_deal_fn fn, void *ctx,
                            struct at_err *err);

/* Day of the first order ever of every customer in scope S (cohorts): calls
 * FN with the customer's index and its first-order day. */
typedef void (*engine_cohort_fn)(int32_t customer, int32_t first_day, void *ctx);
void engine_first_orders(const struct engine *e, const struct scope *s, engine_cohort_fn fn,
                         void *ctx);

/* Did CUSTOMER (an index from engine_first_orders) order in scope S during
 * [from, to]? Marks are computed per call of engine_active_set.
 *
 * Every query above is read-only over the engine (its work space is per
 * call): any number of threads may ask one engine at once. */
size_t engine_customer_count(const struct engine *e);
/* Fill ACTIVE (engine_customer_count() bools) with the customers active in S over [FROM, TO]. */
void engine_active_set(const struct engine *e, const struct scope *s, int32_t from, int32_t to,
                       const struct metric_filter *f, bool *active);

/* Does scope OUTER hold scope INNER (the same scope, a member, a sub-unit, a
 * team whose manager is inside)? Company holds everything. */
bool engine_scope_contains(const struct engine *e, const struct scope *outer,
                           const struct scope *inner);

/* Peers of S for comparisons: a person's or team's colleagues under the same
 * manager, a unit's sibling units; none for the company. Caller frees *OUT. */
void engine_scope_peers(const struct engine *e, const struct scope *s, struct scope **out,
                        size_t *n);

/*
 * Distinct customers of many teams at once (a breakdown by team): the
 * customers with a matching order in [d1, d2] of each team TEAMS[i] (a
 * SCOPE_TEAM), into ACTIVE[i]; with PREV_D1..PREV_D2 (prev_d1 <= prev_d2),
 * also the customers active in both periods into KEPT[i] and in the previous
 * one into BEFORE[i] (retention). Teams nest, so every manager's customer set
 * is built once, bottom up, as a bitmap over the customers.
 */
enum at_status engine_teams_distinct(const struct engine *e, const struct scope *teams, size_t n,
                                     int32_t d1, int32_t d2, int32_t prev_d1, int32_t prev_d2,
                                     const struct metric_filter *f, int64_t *active, int64_t *kept,
                                     int64_t *before, struct at_err *err);
