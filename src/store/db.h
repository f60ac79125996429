/*
 * db.h — the store: the one interface to the database. Only src/store/ talks
 * SQL; this header is all the rest of attain sees (a PostgreSQL backend is one
 * more implementation of it).
 *
 * A struct db is one connection, used by one thread at a time. Transactions are
 * begun and ended by the application layer (db_begin/db_commit/db_rollback).
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/tables.h"

struct db;

/*
 * Open the store at URI: "sqlite:PATH" or a bare PATH (SQLite); the
 * PostgreSQL addresses (postgres://...) are refused until that backend lands.
 * With CREATE, a missing file is created and
 * migrated; without it, a missing file is AT_NOT_FOUND ("no database at PATH;
 * run attain init"). An existing database is migrated to the newest schema.
 * WAL and foreign keys are set, and a wait for the write lock (db_set_wait). Caller owns *OUT
 * (db_close).
 */
enum at_status db_open(const char *uri, bool create, struct db **out, struct at_err *err);
/*
 * Read-only: db_open opens an existing database read-only by itself when the
 * running user may not write the file or its folder (SQLite's journal and WAL
 * files live there): SQLITE_OPEN_READONLY, or, for a WAL database whose -shm
 * cannot be made in a read-only folder and whose -wal is absent or empty,
 * immutable=1. Nothing is written then: no migration (a database older than
 * this attain is AT_UNSUPPORTED, naming it), no journal mode, no store
 * identity (store_identity answers "none"), and every write is refused by
 * db_begin with AT_UNSUPPORTED naming the file and why. db_open_read_only
 * forces the same on a writable database (attain --read-only).
 */
enum at_status db_open_read_only(const char *uri, struct db **out, struct at_err *err);
/* Is DB open read-only (above)? */
bool db_read_only(const struct db *db);
void db_close(struct db *db);
const char *db_path(const struct db *db);
/* Schema version (PRAGMA user_version) and the newest this build knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

/*
 * Writing transactions. The outermost db_begin is BEGIN IMMEDIATE (it takes
 * the write lock, waiting for it: db_set_wait); a db_begin inside one is a
 * savepoint, so a use case that writes in its own transaction (an import, a
 * goal) can run inside a larger one (the demo) and still be all or nothing:
 * its db_rollback undoes only its part, db_commit of the outermost writes
 * everything. db_commit after SQLite rolled the whole transaction back (an
 * I/O error) is an error; db_rollback with no transaction does nothing.
 */
enum at_status db_begin(struct db *db, struct at_err *err);
enum at_status db_commit(struct db *db, struct at_err *err);
enum at_status db_rollback(struct db *db);
/*
 * A last write of the current transaction level: FN(DB, CTX) runs inside it
 * just before db_commit commits that level (its failure fails the commit,
 * the transaction still open for the caller to roll back), and not at all
 * when the level is rolled back. FREE_CTX (may be NULL) frees CTX once the
 * hook has run or is dropped (rollback, db_close). One hook per connection
 * at a time; outside a transaction AT_INTERNAL (CTX freed then too). For an
 * import's record of what it committed (app/import_skip.h).
 */
typedef enum at_status (*db_commit_fn)(struct db *db, void *ctx, struct at_err *err);
enum at_status db_on_commit(struct db *db, db_commit_fn fn, void (*free_ctx)(void *ctx), void *ctx,
                            struct at_err *err);

/*
 * A read transaction: every statement between db_read_begin and db_read_end
 * sees one state of the store (WAL: writers commit meanwhile, unseen). Nests
 * (only the outermost begins and ends one); inside a writing transaction it
 * is that transaction. No db_begin inside one.
 */
enum at_status db_read_begin(struct db *db, struct at_err *err);
void db_read_end(struct db *db);

/*
 * Waiting for the write lock while another process writes (an import). A
 * connection waits up to SECONDS (default DB_WAIT_DEFAULT) in short sleeps;
 * after half a second of waiting FN (may be NULL) is called once, with the
 * holder's label ("import orders orders.csv (pid 4242)", "" when unknown), so
 * the front end can say that it waits. When the limit is reached the write
 * fails with AT_CONFLICT naming the holder. Nothing changes then.
 */
#define DB_WAIT_DEFAULT 600
typedef void (*db_wait_fn)(const char *holder, void *ctx);
void db_set_wait(struct db *db, int seconds, db_wait_fn fn, void *ctx);
/* LABEL (copied; NULL or "" for none) names this connection's next
 * outermost writing transaction to waiting writers: it is committed on its
 * own just before that transaction begins, with the process id, and removed
 * when it ends (and forgotten: the one after has none unless set again). For
 * long writers (import, demo, restore); short ones need none. Inside a
 * transaction it does nothing (the outermost one's label stays). */
void db_set_writer(struct db *db, const char *label);

/*
 * Backup and restore. store_backup copies the whole database (the online
 * backup API: one consistent state while others read and write) into FILE,
 * through a temporary beside it, checked (integrity_check) and fsynced
 * before it takes FILE's name; an existing FILE is AT_CONFLICT unless FORCE.
 * store_check_file says whether FILE is an attain database this build can
 * open (a regular SQLite file that passes quick_check, with the attain
 * tables and a schema version 1..db_schema_latest(), in *SCHEMA).
 * store_restore replaces DB's contents with FILE's in one write transaction
 * (waiting for the write lock like any writer; killed, it leaves the old
 * data), migrates it to the newest schema, then gives the store a new
 * identity and data key (store_identity_renew + store_touch), so no snapshot
 * made before is taken for it. Not inside a transaction.
 */
enum at_status store_backup(struct db *db, const char *file, bool force, struct at_err *err);
enum at_status store_check_file(const char *file, int *schema, struct at_err *err);
enum at_status store_restore(struct db *db, const char *file, struct at_err *err);

/* Settings (meta table): the value of KEY copied into OUT (SIZE bytes), or
 * AT_NOT_FOUND. */
enum at_status db_meta_get(struct db *db, const char *key, char *out, size_t size,
                           struct at_err *err);
enum at_status db_meta_set(struct db *db, const char *key, const char *value, struct at_err *err);

/* A value to store: NULL, an integer or text (text borrowed for the call). */
enum store_val_type { SV_NULL, SV_INT, SV_TEXT };

struct store_val {
    enum store_val_type type;
    int64_t i;
    const char *s;
};

/* Values to bind: text (NULL: SQL NULL), an integer, a row id (0 or less:
 * SQL NULL). */
static inline struct store_val store_txt(const char *s)
{
    return s ? (struct store_val){.type = SV_TEXT, .s = s} : (struct store_val){.type = SV_NULL};
}
static inline struct store_val store_num(int64_t i)
{
    return (struct store_val){.type = SV_INT, .i = i};
}
static inline struct store_val store_ref(int64_t id)
{
    return id > 0 ? store_num(id) : (struct store_val){.type = SV_NULL};
}

enum store_upsert_result { STORE_INSERTED, STORE_UPDATED, STORE_UNCHANGED };

/*
 * Provenance (migration 015): rows refer to source_files (id, path, hash,
 * size, imported_at) by source_id; store_upsert takes the SOURCE text and
 * maps it (one lookup per import, then cached). store_source_file names
 * the file the next upserts come from: rows whose SOURCE is PATH refer to
 * the file row of PATH and HASH (hex of its bytes; NULL or "" when not
 * known: then the row of PATH with hash ''), with SIZE, made at the first
 * row written. PATH NULL forgets it.
 */
void store_source_file(struct db *db, const char *path, const char *hash, int64_t size);

/*
 * Insert or update the row of TABLE whose external id is EXT_ID, with VALS in
 * the column order of tables.h (COL_<TABLE>_COUNT values). A row whose values
 * are the same as stored is left alone (STORE_UNCHANGED). SOURCE/LINE record
 * where the row came from (SOURCE, the file's name, is kept as a source_files
 * id). *ID receives the row id.
 */
enum at_status store_upsert(struct db *db, enum store_table table, const char *ext_id,
                            const struct store_val *vals, const char *source, long line,
                            int64_t *id, enum store_upsert_result *result, struct at_err *err);

/* Replace the split-credit rows of row ROW_ID of TABLE ("deals", "orders",
 * "payments") with N (person id, basis points) pairs; N = 0 removes them. */
enum at_status store_set_splits(struct db *db, enum store_table table, int64_t row_id,
                                const int64_t *person_ids, const int32_t *share_bp, size_t n,
                                struct at_err *err);

/* Every row of TABLE as (id, ext_id, name, alt) for building lookup maps:
 * name is the name column (NULL for tables without), alt the employee number
 * (people) or path (units); strings valid during the callback only. */
typedef enum at_status (*store_key_fn)(int64_t id, const char *ext_id, const char *name,
                                       const char *alt, void *ctx, struct at_err *err);
enum at_status store_scan_keys(struct db *db, enum store_table table, store_key_fn fn, void *ctx,
                               struct at_err *err);
/* The same for the rows of TABLE (customers, orders, people or units) whose
 * external id or name (units: or path) is KEY, by their indexes: what a small
 * import or one scope asks instead of reading every key. */
enum at_status store_scan_keys_for(struct db *db, enum store_table table, const char *key,
                                   store_key_fn fn, void *ctx, struct at_err *err);

/* The listing of TABLE for people (view v_<table>): column names, then each row
 * as text (NULL for SQL NULL). Strings valid during the callback only. */
typedef enum at_status (*store_row_fn)(int n_cols, const char *const *cols, const char *const *vals,
                                       void *ctx, struct at_err *err);
enum at_status store_list(struct db *db, enum store_table table, store_row_fn fn, void *ctx,
                          struct at_err *err);

/* Rows per table, for summaries. */
enum at_status store_count(struct db *db, enum store_table table, int64_t *n, struct at_err *err);

/* The rate of CURRENCY on DATE (the latest on or before it), ×10^8; AT_NOT_FOUND
 * when there is none. */
enum at_status store_rate_on(struct db *db, const char *currency, const char *date,
                             int64_t *rate_e8, struct at_err *err);

/* Holidays and make-up working days, in date order: calls FN(date, is_workday). */
typedef enum at_status (*store_holiday_fn)(const char *date, bool workday, void *ctx,
                                           struct at_err *err);
enum at_status store_scan_holidays(struct db *db, store_holiday_fn fn, void *ctx,
                                   struct at_err *err);

/* Record one import in the import log. */
enum at_status store_log_import(struct db *db, const char *kind, const char *source, long rows,
                                long inserted, long updated, long unchanged, struct at_err *err);

/* SQL table name of TABLE ("order_lines"). */
const char *store_table_name(enum store_table table);

/*
 * Feeds: every row the metric engine is built from, streamed in a fixed
 * column order (documented per feed). Dates are "YYYY-MM-DD" text, money is
 * the reporting-currency amount (amount_rc), credit the split text or NULL.
 */
enum store_feed {
    FEED_UNITS,       /* id, parent_id, name, path, ext_id */
    FEED_PEOPLE,      /* id, unit_id, manager_id, active, name, ext_id, employee_no,
                         weight_milli, email */
    FEED_CUSTOMERS,   /* id, name, segment, region, tags, ext_id */
    FEED_ORDER_LINES, /* order_id, line_id, date, customer_id, owner_id, unit_id, credit,
                         product, amount_rc — by order id, then line id */
    FEED_PAYMENTS,    /* id, date, customer_id, owner_id, unit_id, credit, amount_rc */
    FEED_DEALS,       /* id, customer_id, owner_id, unit_id, credit, product, amount_rc, stage,
                         status, probability_bp, created, expected_close, closed */
    FEED_ACTIVITIES,  /* id, type, date, owner_id, customer_id */
    FEED_SURVEYS,     /* id, date, customer_id, owner_id, unit_id, score, scale */
    FEED_MARKETS,     /* unit_id, period, amount_rc */
    /* Reference totals for `attain engine check`, computed by SQL alone:
     * holder ('p' person, 'u' unit, 'n' nobody), holder id, then the measures. */
    FEED_CHECK_ORDERS,     /* holder, id, revenue ×10^4, orders ×10^4 */
    FEED_CHECK_PAYMENTS,   /* holder, id, collections ×10^4 */
    FEED_CHECK_DEALS,      /* holder, id, won value ×10^4, won ×10^4, lost ×10^4 */
    FEED_CHECK_ACTIVITIES, /* holder, id, visits, calls, meetings */
    FEED_CHECK_ACTIVE,     /* year, distinct customers with an order in that year */
};

/* One streamed row: column k is NULL (null[k]), an integer (i[k]) or text (s[k]). */
struct store_row {
    int n;
    const int64_t *i;
    const char *const *s;
    const bool *null;
};

typedef enum at_status (*store_feed_fn)(const struct store_row *row, void *ctx, struct at_err *err);
enum at_status store_feed(struct db *db, enum store_feed feed, store_feed_fn fn, void *ctx,
                          struct at_err *err);

/* A counter that changes whenever imported data changes (bumped by
 * store_touch inside the writing transaction); engines built from an older
 * generation are stale. */
enum at_status store_generation(struct db *db, int64_t *gen, struct at_err *err);
enum at_status store_touch(struct db *db, struct at_err *err);
/* SQLite's data version of DB's connection (PRAGMA data_version): it changes
 * whenever another connection committed a change. For watching (the events
 * stream); only comparisons mean something. */
enum at_status store_change_counter(struct db *db, int64_t *out, struct at_err *err);

/* The store's identity: 32 hex digits made at random the first time it is
 * asked and kept in the store, so a snapshot or cache built from another
 * store (a restored backup, a re-created file) is never taken for this one's.
 * store_identity_renew makes a new one (after a restore). */
enum at_status store_identity(struct db *db, char *out, size_t size, struct at_err *err);
enum at_status store_identity_renew(struct db *db, struct at_err *err);
/* The key of the store's current data: "IDENTITY/GENERATION/TOKEN/SETTINGS",
 * where TOKEN is made at random by every store_touch and SETTINGS is a short
 * hash of the schema version, currency, fiscal year start and time zone.
 * Equal keys mean the same data; a snapshot of the engine is valid only for
 * the key it was built at. At most 102 bytes. */
#define STORE_DATA_KEY_LEN 128
enum at_status store_data_key(struct db *db, char *out, size_t size, struct at_err *err);

/*
 * The change log (migration 014, for the incremental engine). Triggers append
 * (src, row_id) to a log with a growing seq for every insert and delete of a
 * row the engine reads, and every update of a column it reads (the columns of
 * store/feeds.h): provenance-only updates and unchanged re-imports log
 * nothing. ORDERS logs the order id for orders and for their lines (both ids
 * when a line moves); ORG logs the id of a person, unit or market row (ids of
 * the three tables may coincide: an org change is a rebuild anyway).
 * store_touch records every data token it writes with the newest seq then, so
 * a snapshot built at token T knows that exactly the changes with seq > T's
 * seq came after it; and it prunes the log to the newest STORE_CHANGES_KEEP
 * rows once it has over twice that many past the last prune (meta
 * changes_pruned_through: changes with seq at or below it are gone, and so
 * are the tokens older than it). Every read below runs in the caller's read
 * transaction (db_read_begin) when there is one, so it sees the same state
 * as the data key and the feeds read in it.
 */
enum store_change_src {
    STORE_CH_ORDERS = 1,
    STORE_CH_PAYMENTS,
    STORE_CH_DEALS,
    STORE_CH_ACTIVITIES,
    STORE_CH_SURVEYS,
    STORE_CH_CUSTOMERS,
    STORE_CH_ORG,
    STORE_CH_ALL, /* a bulk write (store_changes_bulk): any row may have changed */
};
#define STORE_CHANGES_KEEP 200000
/* The newest seq (0 for an empty log) and the seq through which the log was
 * pruned (0 when never). */
enum at_status store_change_state(struct db *db, int64_t *max_seq, int64_t *pruned_through,
                                  struct at_err *err);
/* Did the people or units change after change SEQ (a change of the org or a
 * bulk write logged after it, or the log pruned past it)? What tells a
 * reader of the org directory whether a data write left it as it was. */
enum at_status store_org_changed_since(struct db *db, int64_t seq, bool *changed,
                                       struct at_err *err);
/* The seq recorded for data token TOKEN; AT_NOT_FOUND when it is not recorded
 * (made before migration 014, pruned, or another store's). */
enum at_status store_token_seq(struct db *db, const char *token, int64_t *seq, struct at_err *err);
/* Every distinct (src, row_id) logged with seq > SEQ, ordered by src, then
 * row_id, into FN. */
typedef enum at_status (*store_change_fn)(int src, int64_t row_id, void *ctx, struct at_err *err);
enum at_status store_changes_since(struct db *db, int64_t seq, store_change_fn fn, void *ctx,
                                   struct at_err *err);
/* The rows of FEED whose id is in IDS (the feed's first column: the order id
 * for FEED_ORDER_LINES), with the feed's columns and in its order, into FN as
 * store_feed would give them. IDS must be sorted ascending (duplicates are
 * allowed; unsorted is AT_INTERNAL): they are looked up in batches of
 * STORE_FEED_IDS_BATCH, and sorted batches keep the feed's global order.
 * FEED_MARKETS (no row id) and the check feeds are AT_UNSUPPORTED. */
#define STORE_FEED_IDS_BATCH 500
enum at_status store_feed_ids(struct db *db, enum store_feed feed, const int64_t *ids, size_t n,
                              store_feed_fn fn, void *ctx, struct at_err *err);
/* A bulk write inside the caller's write transaction (a large import): the
 * change triggers are dropped, one STORE_CH_ALL change is logged (a reader
 * then rebuilds, as it would for so many rows), and store_changes_bulk_end
 * puts the triggers back before the commit. Schema changes are part of the
 * transaction: a rollback or a crash leaves the triggers as they were, and
 * no other connection ever sees them missing. Per-row triggers cost a large
 * import half again its time (docs/design.md, "Store"). When no row was
 * written meanwhile (store_upsert wrote none, no splits set, no row
 * deleted: an unchanged file), store_changes_bulk_end takes the change back
 * too: the snapshot stays good and the log's newest seq is as before. */
enum at_status store_changes_bulk(struct db *db, struct at_err *err);
enum at_status store_changes_bulk_end(struct db *db, struct at_err *err);
/* Inside a bulk write (after store_changes_bulk): when TABLE holds fewer
 * rows than ROWS (about to be written), its indexes that constrain nothing
 * (CREATE INDEX, not UNIQUE) are dropped, and store_changes_bulk_end makes
 * them again before the commit: one sort instead of a random insert per
 * row. Part of the transaction as the triggers are: a rollback or a crash
 * leaves them as they were. Nothing to do outside a bulk write. */
enum at_status store_bulk_indexes(struct db *db, enum store_table table, int64_t rows,
                                  struct at_err *err);
/* Before the write transaction of a large import that resolves every
 * reference it writes itself and deletes nothing: foreign keys are not
 * checked until that transaction ends (each checked INSERT otherwise opens a
 * statement journal and seeks every parent: a third of the store's time).
 * Temporary files are files meanwhile (the index sorts of
 * store_bulk_indexes spill to them instead of growing in memory).
 * PRAGMA foreign_keys cannot change inside a transaction, so this does
 * nothing inside one; db_commit and db_rollback turn the checks back on. */
void store_bulk_unchecked(struct db *db);

/* For tests: prune to KEEP rows instead of STORE_CHANGES_KEEP (0: the default). */
void store_set_changes_keep(struct db *db, int64_t keep);

/* External ids of rows IDS of TABLE, in order, into FN (one call per id;
 * NULL when a row is gone). */
typedef enum at_status (*store_ext_fn)(int64_t id, const char *ext_id, void *ctx,
                                       struct at_err *err);
enum at_status store_ext_ids(struct db *db, enum store_table table, const int64_t *ids, size_t n,
                             store_ext_fn fn, void *ctx, struct at_err *err);

/*
 * Run one SQL statement of the store (static text with ?1..?N bound to
 * PARAMS), calling FN for each result row (FN may be NULL). *LAST_ID (may be
 * NULL) receives the id of an inserted row. Statements are prepared once per
 * SQL text (the pointer) and kept. For the *_store.c files of src/store/ only.
 */
enum at_status store_exec(struct db *db, const char *sql, const struct store_val *params, size_t n,
                          store_feed_fn fn, void *ctx, int64_t *last_id, struct at_err *err);
/* Rows changed by the last store_exec. */
int64_t store_changes(struct db *db);

/* ---- for the importer (issue 7) ------------------------------------------ */

/* Every person as (id, name, employee_no, email, unit_id, unit path), by id:
 * for e-mail references and for telling apart people who share a name. */
enum at_status store_scan_people_details(struct db *db, store_feed_fn fn, void *ctx,
                                         struct at_err *err);
/* Every customer that has an owner, as (id, owner_id), by id. */
enum at_status store_scan_customer_owners(struct db *db, store_feed_fn fn, void *ctx,
                                          struct at_err *err);

/* ---- --replace: rows missing from an export ------------------------------ */

/* TABLE has a date, so a replace can be limited to a period. */
bool store_table_dated(enum store_table table);
/* Every row of TABLE as (id, label) — the label names it in messages (a name,
 * a path or the external id) — or, with START and END ("YYYY-MM-DD"), only
 * the rows dated in START..END (orders and payments by their date, deals by
 * close, else expected close, else created; order lines by their order). */
enum at_status store_replace_scan(struct db *db, enum store_table table, const char *start,
                                  const char *end, store_feed_fn fn, void *ctx, struct at_err *err);
/* How many rows of other tables refer to row ID of TABLE (people: owners,
 * managers, split credit, goals; customers: their rows; units: members,
 * children, rows, markets, goals; orders: payments). */
enum at_status store_row_refs(struct db *db, enum store_table table, int64_t id, int64_t *n,
                              struct at_err *err);
/* Delete row ID of TABLE, with its order lines and split credits. */
enum at_status store_delete_row(struct db *db, enum store_table table, int64_t id,
                                struct at_err *err);

/* Σ |amount_rc| over every row of TABLE (order_lines, payments, deals,
 * markets; 0 for other tables) into *TOTAL; *FITS is false when the sum does
 * not fit in 64 bits. The engine keeps sums ×10^4, so imports keep this at or
 * below money_max_summable(). */
enum at_status store_money_total(struct db *db, enum store_table table, int64_t *total, bool *fits,
                                 struct at_err *err);
