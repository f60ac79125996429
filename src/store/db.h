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
 * Open the database at PATH. With CREATE, a missing file is created and
 * migrated; without it, a missing file is AT_NOT_FOUND ("no database at PATH;
 * run attain init"). An existing database is migrated to the newest schema.
 * WAL, foreign keys and a busy timeout are set. Caller owns *OUT (db_close).
 */
enum at_status db_open(const char *path, bool create, struct db **out, struct at_err *err);
void db_close(struct db *db);
const char *db_path(const struct db *db);
/* Schema version (PRAGMA user_version) and the newest this build knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

enum at_status db_begin(struct db *db, struct at_err *err);
enum at_status db_commit(struct db *db, struct at_err *err);
enum at_status db_rollback(struct db *db);

/* Settings (meta table): the value of KEY copied into OUT (SIZE bytes), or
 * AT_NOT_FOUND. */
enum at_status db_meta_get(struct db *db, const char *key, char *out, size_t size,
                           struct at_err *err);
enum at_status db_meta_set(struct db *db, const char *key, const char *value,
                           struct at_err *err);

/* A value to store: NULL, an integer or text (text borrowed for the call). */
enum store_val_type { SV_NULL, SV_INT, SV_TEXT };
struct store_val {
    enum store_val_type type;
    int64_t i;
    const char *s;
};

enum store_upsert_result { STORE_INSERTED, STORE_UPDATED, STORE_UNCHANGED };

/*
 * Insert or update the row of TABLE whose external id is EXT_ID, with VALS in
 * the column order of tables.h (COL_<TABLE>_COUNT values). A row whose values
 * are the same as stored is left alone (STORE_UNCHANGED). SOURCE/LINE record
 * where the row came from. *ID receives the row id.
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

/* The listing of TABLE for people (view v_<table>): column names, then each row
 * as text (NULL for SQL NULL). Strings valid during the callback only. */
typedef enum at_status (*store_row_fn)(int n_cols, const char *const *cols,
                                       const char *const *vals, void *ctx, struct at_err *err);
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
