/*
 * db.c — the SQLite store: the only file that includes sqlite3.h.
 *
 * Opens and migrates the database (numbered migrations embedded in the
 * binary, PRAGMA user_version), keeps one prepared statement per table and
 * operation, and implements the table-driven upsert of db.h. SQL text is
 * static and every value is bound; table and column names come from
 * tables.h, never from input.
 */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/str.h"
#include "domain/value.h"

enum { ST_SELECT, ST_INSERT, ST_UPDATE, ST_OPS };

struct db {
    sqlite3 *conn;
    char *path;
    sqlite3_stmt *stmts[STORE_TABLE_COUNT][ST_OPS];
    sqlite3_stmt *split_delete, *split_insert, *rate_on;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[64]; /* store_exec's statements, by SQL text pointer */
    size_t n_cache;
};

struct column {
    const char *name;
    enum store_val_type type;
};

#define INT SV_INT
#define TEXT SV_TEXT
#define AT_C(c, t) {#c, t},
#define AT_T(E, sql, cols) static const struct column cols_##sql[] = {cols(AT_C)};
STORE_TABLE_LIST(AT_T)
#undef AT_T
#undef AT_C
#undef INT
#undef TEXT

static const struct {
    const char *name;
    const struct column *cols;
    size_t n_cols;
} tables[] = {
#define AT_T(E, sql, cols) {#sql, cols_##sql, sizeof cols_##sql / sizeof cols_##sql[0]},
    STORE_TABLE_LIST(AT_T)
#undef AT_T
};

const char *store_table_name(enum store_table table)
{
    return tables[table].name;
}

static enum at_status db_error(struct db *db, struct at_err *err, const char *what)
{
    return at_err_set(err, AT_DB, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->conn));
}

/* Prepare SQL once for the life of the connection. */
static enum at_status prepare(struct db *db, const char *sql, sqlite3_stmt **out,
                              struct at_err *err)
{
    if (*out)
        return AT_OK;
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK)
        return db_error(db, err, "prepare");
    return AT_OK;
}

/* at_money(minor, currency): exact decimal text of minor units. */
static void sql_money(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const char *cur = (const char *)sqlite3_value_text(argv[1]);
    char out[40];
    money_format_plain(sqlite3_value_int64(argv[0]), currency_exponent(cur ? cur : ""), out,
                       sizeof out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* Decimal text of an integer scaled by 10^scale, trailing zeros dropped. */
static void scaled_text(int64_t v, int scale, char *out, size_t size)
{
    money_format_plain(v, scale, out, size);
    if (strchr(out, '.')) {
        size_t n = strlen(out);
        while (n > 0 && out[n - 1] == '0')
            out[--n] = '\0';
        if (n > 0 && out[n - 1] == '.')
            out[--n] = '\0';
    }
}

/* at_milli(v): thousandths as a decimal ("1.5"); at_rate(v): 10^-8 units. */
static void sql_scaled(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    char out[48];
    scaled_text(sqlite3_value_int64(argv[0]), (int)(intptr_t)sqlite3_user_data(ctx), out,
                sizeof out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* at_percent(bp): basis points as "60%" or "12.5%". */
static void sql_percent(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    char out[48];
    scaled_text(sqlite3_value_int64(argv[0]), 2, out, sizeof out - 1);
    size_t n = strlen(out);
    out[n] = '%';
    out[n + 1] = '\0';
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static enum at_status register_functions(struct db *db, struct at_err *err)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(db->conn, "at_money", 2, flags, NULL, sql_money, NULL, NULL) ||
        sqlite3_create_function(db->conn, "at_milli", 1, flags, (void *)(intptr_t)3, sql_scaled,
                                NULL, NULL) ||
        sqlite3_create_function(db->conn, "at_rate", 1, flags, (void *)(intptr_t)8, sql_scaled,
                                NULL, NULL) ||
        sqlite3_create_function(db->conn, "at_percent", 1, flags, NULL, sql_percent, NULL, NULL))
        return db_error(db, err, "register functions");
    return AT_OK;
}

static enum at_status exec(struct db *db, const char *sql, struct at_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        at_err_set(err, AT_DB, "%s: %s", db->path, msg ? msg : sqlite3_errmsg(db->conn));
        sqlite3_free(msg);
        return AT_DB;
    }
    return AT_OK;
}

int db_schema_latest(void)
{
    int latest = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        if (!str_starts_with(f->name, "migrations/"))
            continue;
        int v = (int)strtol(f->name + strlen("migrations/"), NULL, 10);
        if (v > latest)
            latest = v;
    }
    return latest;
}

int db_schema_version(struct db *db)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Apply every embedded migration newer than the database, each in its own
 * transaction together with the user_version bump. */
static enum at_status migrate(struct db *db, struct at_err *err)
{
    int have = db_schema_version(db);
    int latest = db_schema_latest();
    if (have > latest)
        return at_err_set(err, AT_UNSUPPORTED,
                          "%s: schema version %d is newer than this attain knows (%d); "
                          "upgrade attain",
                          db->path, have, latest);
    for (int v = have + 1; v <= latest; v++) {
        const struct embedded_file *mig = NULL;
        for (const struct embedded_file *f = embedded_files; f->name; f++)
            if (str_starts_with(f->name, "migrations/") &&
                (int)strtol(f->name + strlen("migrations/"), NULL, 10) == v)
                mig = f;
        if (!mig)
            return at_err_set(err, AT_INTERNAL, "migration %d is missing from the build", v);
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", v);
        enum at_status st = exec(db, "BEGIN IMMEDIATE", err);
        if (!st)
            st = exec(db, mig->data, err);
        if (!st)
            st = exec(db, bump, err);
        if (!st)
            st = exec(db, "COMMIT", err);
        if (st) {
            exec(db, "ROLLBACK", NULL);
            return at_err_prefix(err, "migration %s: ", mig->name);
        }
    }
    return AT_OK;
}

enum at_status db_open(const char *path, bool create, struct db **out, struct at_err *err)
{
    *out = NULL;
    if (!create) {
        FILE *f = fopen(path, "rb");
        if (!f)
            return at_err_set(err, AT_NOT_FOUND,
                              "no database at %s; create one with: attain --db %s init", path,
                              path);
        fclose(f);
    }
    struct db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    enum at_status st = AT_OK;
    if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "cannot open database %s: %s", path,
                        db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(db->conn, 5000);
    st = exec(db,
              "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
              "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
              "PRAGMA temp_store = MEMORY;",
              err);
    if (!st)
        st = register_functions(db, err);
    if (!st)
        st = migrate(db, err);
out:
    if (st) {
        db_close(db);
        return st;
    }
    *out = db;
    return AT_OK;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (int t = 0; t < STORE_TABLE_COUNT; t++)
        for (int o = 0; o < ST_OPS; o++)
            sqlite3_finalize(db->stmts[t][o]);
    sqlite3_finalize(db->split_delete);
    sqlite3_finalize(db->split_insert);
    sqlite3_finalize(db->rate_on);
    for (size_t i = 0; i < db->n_cache; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->conn);
    free(db->path);
    free(db);
}

const char *db_path(const struct db *db)
{
    return db->path;
}

enum at_status db_begin(struct db *db, struct at_err *err)
{
    return exec(db, "BEGIN IMMEDIATE", err);
}

enum at_status db_commit(struct db *db, struct at_err *err)
{
    return exec(db, "COMMIT", err);
}

enum at_status db_rollback(struct db *db)
{
    if (sqlite3_get_autocommit(db->conn))
        return AT_OK;
    return exec(db, "ROLLBACK", NULL);
}

enum at_status db_meta_get(struct db *db, const char *key, char *out, size_t size,
                           struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    enum at_status rc = AT_NOT_FOUND;
    if (sqlite3_prepare_v2(db->conn, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL))
        return db_error(db, err, "meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = AT_OK;
    } else {
        at_err_set(err, AT_NOT_FOUND, "no setting %s", key);
    }
    sqlite3_finalize(st);
    return rc;
}

enum at_status db_meta_set(struct db *db, const char *key, const char *value, struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn,
                           "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL))
        return db_error(db, err, "meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AT_OK : db_error(db, err, "meta");
}

/* FNV-1a over the typed values: equal rows hash equal. */
static int64_t row_hash(const struct store_val *vals, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(byte) (h = (h ^ (uint8_t)(byte)) * 1099511628211ULL)
    for (size_t i = 0; i < n; i++) {
        MIX(vals[i].type);
        if (vals[i].type == SV_INT) {
            for (int b = 0; b < 8; b++)
                MIX((uint64_t)vals[i].i >> (8 * b));
        } else if (vals[i].type == SV_TEXT) {
            for (const char *p = vals[i].s; *p; p++)
                MIX(*p);
            MIX(0);
        }
    }
#undef MIX
    return (int64_t)h;
}

/* Build the three statements of a table from its column list. */
static enum at_status prepare_table(struct db *db, enum store_table t, struct at_err *err)
{
    if (db->stmts[t][ST_SELECT])
        return AT_OK;
    struct buf sel, ins, upd;
    buf_init(&sel, 0);
    buf_init(&ins, 0);
    buf_init(&upd, 0);
    const char *name = tables[t].name;
    size_t n = tables[t].n_cols;
    buf_printf(&sel, "SELECT id, row_hash FROM %s WHERE ext_id = ?1", name);
    buf_printf(&ins, "INSERT INTO %s (ext_id, source, source_line, row_hash", name);
    buf_printf(&upd, "UPDATE %s SET source = ?2, source_line = ?3, row_hash = ?4", name);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&ins, ", %s", tables[t].cols[i].name);
        buf_printf(&upd, ", %s = ?%zu", tables[t].cols[i].name, i + 5);
    }
    buf_puts(&ins, ") VALUES (?1, ?2, ?3, ?4");
    for (size_t i = 0; i < n; i++)
        buf_printf(&ins, ", ?%zu", i + 5);
    buf_puts(&ins, ")");
    buf_puts(&upd, " WHERE ext_id = ?1");
    enum at_status st = prepare(db, buf_str(&sel), &db->stmts[t][ST_SELECT], err);
    if (!st)
        st = prepare(db, buf_str(&ins), &db->stmts[t][ST_INSERT], err);
    if (!st)
        st = prepare(db, buf_str(&upd), &db->stmts[t][ST_UPDATE], err);
    buf_free(&sel);
    buf_free(&ins);
    buf_free(&upd);
    return st;
}

enum at_status store_upsert(struct db *db, enum store_table table, const char *ext_id,
                            const struct store_val *vals, const char *source, long line,
                            int64_t *id, enum store_upsert_result *result, struct at_err *err)
{
    enum at_status st = prepare_table(db, table, err);
    if (st)
        return st;
    size_t n = tables[table].n_cols;
    for (size_t i = 0; i < n; i++) /* a value of the wrong type is a bug of the caller */
        if (vals[i].type != SV_NULL && vals[i].type != tables[table].cols[i].type)
            return at_err_set(err, AT_INTERNAL, "%s.%s: a value of the wrong type",
                              tables[table].name, tables[table].cols[i].name);
    int64_t hash = row_hash(vals, n);
    sqlite3_stmt *sel = db->stmts[table][ST_SELECT];
    sqlite3_bind_text(sel, 1, ext_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(sel);
    bool found = rc == SQLITE_ROW;
    int64_t old_id = found ? sqlite3_column_int64(sel, 0) : 0;
    int64_t old_hash = found ? sqlite3_column_int64(sel, 1) : 0;
    sqlite3_reset(sel);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, err, tables[table].name);
    if (found && old_hash == hash) {
        *id = old_id;
        *result = STORE_UNCHANGED;
        return AT_OK;
    }
    sqlite3_stmt *w = db->stmts[table][found ? ST_UPDATE : ST_INSERT];
    sqlite3_bind_text(w, 1, ext_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(w, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w, 3, line);
    sqlite3_bind_int64(w, 4, hash);
    for (size_t i = 0; i < n; i++) {
        int k = (int)i + 5;
        if (vals[i].type == SV_INT)
            sqlite3_bind_int64(w, k, vals[i].i);
        else if (vals[i].type == SV_TEXT)
            sqlite3_bind_text(w, k, vals[i].s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(w, k);
    }
    rc = sqlite3_step(w);
    sqlite3_reset(w);
    sqlite3_clear_bindings(w);
    if (rc != SQLITE_DONE)
        return at_err_set(err, AT_DB, "%s: cannot store %s row %s: %s", db->path,
                          tables[table].name, ext_id, sqlite3_errmsg(db->conn));
    *id = found ? old_id : sqlite3_last_insert_rowid(db->conn);
    *result = found ? STORE_UPDATED : STORE_INSERTED;
    return AT_OK;
}

enum at_status store_set_splits(struct db *db, enum store_table table, int64_t row_id,
                                const int64_t *person_ids, const int32_t *share_bp, size_t n,
                                struct at_err *err)
{
    enum at_status st =
        prepare(db, "DELETE FROM credit_splits WHERE tbl = ?1 AND row_id = ?2",
                &db->split_delete, err);
    if (!st)
        st = prepare(db,
                     "INSERT INTO credit_splits(tbl, row_id, person_id, share_bp) "
                     "VALUES (?1, ?2, ?3, ?4)",
                     &db->split_insert, err);
    if (st)
        return st;
    sqlite3_bind_text(db->split_delete, 1, tables[table].name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(db->split_delete, 2, row_id);
    int rc = sqlite3_step(db->split_delete);
    sqlite3_reset(db->split_delete);
    if (rc != SQLITE_DONE)
        return db_error(db, err, "credit_splits");
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(db->split_insert, 1, tables[table].name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(db->split_insert, 2, row_id);
        sqlite3_bind_int64(db->split_insert, 3, person_ids[i]);
        sqlite3_bind_int64(db->split_insert, 4, share_bp[i]);
        rc = sqlite3_step(db->split_insert);
        sqlite3_reset(db->split_insert);
        if (rc != SQLITE_DONE)
            return db_error(db, err, "credit_splits");
    }
    return AT_OK;
}

enum at_status store_scan_keys(struct db *db, enum store_table table, store_key_fn fn, void *ctx,
                               struct at_err *err)
{
    const char *sql;
    switch (table) {
    case STORE_UNITS:
        sql = "SELECT id, ext_id, name, path FROM units ORDER BY id";
        break;
    case STORE_PEOPLE:
        sql = "SELECT id, ext_id, name, employee_no FROM people ORDER BY id";
        break;
    case STORE_CUSTOMERS:
        sql = "SELECT id, ext_id, name, NULL FROM customers ORDER BY id";
        break;
    case STORE_DEALS:
        sql = "SELECT id, ext_id, name, NULL FROM deals ORDER BY id";
        break;
    case STORE_ORDERS:
        sql = "SELECT id, ext_id, NULL, NULL FROM orders ORDER BY id";
        break;
    default:
        return at_err_set(err, AT_INTERNAL, "store_scan_keys: table %s has no keys",
                          tables[table].name);
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    enum at_status rc = AT_OK;
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                ctx, err);
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err, tables[table].name);
    sqlite3_finalize(st);
    return rc;
}

enum at_status store_list(struct db *db, enum store_table table, store_row_fn fn, void *ctx,
                          struct at_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT * FROM v_%s", tables[table].name);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    int n = sqlite3_column_count(st);
    const char **names = xcalloc((size_t)n, sizeof *names);
    const char **vals = xcalloc((size_t)n, sizeof *vals);
    for (int i = 0; i < n; i++)
        names[i] = sqlite3_column_name(st, i);
    enum at_status rc = fn(n, names, NULL, ctx, err);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        rc = fn(n, names, vals, ctx, err);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err, tables[table].name);
    free(names);
    free(vals);
    sqlite3_finalize(st);
    return rc;
}

enum at_status store_count(struct db *db, enum store_table table, int64_t *n, struct at_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[table].name);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_error(db, err, tables[table].name);
    }
    *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return AT_OK;
}

enum at_status store_rate_on(struct db *db, const char *currency, const char *date,
                             int64_t *rate_e8, struct at_err *err)
{
    enum at_status st = prepare(db,
                                "SELECT rate_e8 FROM rates WHERE currency = ?1 AND date <= ?2 "
                                "ORDER BY date DESC LIMIT 1",
                                &db->rate_on, err);
    if (st)
        return st;
    sqlite3_bind_text(db->rate_on, 1, currency, -1, SQLITE_STATIC);
    sqlite3_bind_text(db->rate_on, 2, date, -1, SQLITE_STATIC);
    int rc = sqlite3_step(db->rate_on);
    if (rc == SQLITE_ROW) {
        *rate_e8 = sqlite3_column_int64(db->rate_on, 0);
        st = AT_OK;
    } else if (rc == SQLITE_DONE) {
        st = at_err_set(err, AT_NOT_FOUND, "no %s exchange rate on or before %s", currency, date);
    } else {
        st = db_error(db, err, "rates");
    }
    sqlite3_reset(db->rate_on);
    return st;
}

enum at_status store_scan_holidays(struct db *db, store_holiday_fn fn, void *ctx,
                                   struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, "SELECT date, kind FROM holidays ORDER BY date", -1, &st,
                           NULL))
        return db_error(db, err, "holidays");
    enum at_status rc = AT_OK;
    while (!rc && sqlite3_step(st) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0),
                strcmp((const char *)sqlite3_column_text(st, 1), "workday") == 0, ctx, err);
    sqlite3_finalize(st);
    return rc;
}

enum at_status store_log_import(struct db *db, const char *kind, const char *source, long rows,
                                long inserted, long updated, long unchanged, struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn,
                           "INSERT INTO imports(kind, source, at, rows, inserted, updated, "
                           "unchanged) VALUES (?1, ?2, datetime('now'), ?3, ?4, ?5, ?6)",
                           -1, &st, NULL))
        return db_error(db, err, "imports");
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, rows);
    sqlite3_bind_int64(st, 4, inserted);
    sqlite3_bind_int64(st, 5, updated);
    sqlite3_bind_int64(st, 6, unchanged);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AT_OK : db_error(db, err, "imports");
}

/* ---- feeds for the metric engine --------------------------------------- */

/* Split credit as SQL rows: (tbl, row_id, holder, id, share) for every
 * creditable row: its splits, else its owner, else its unit, else nobody. */
#define CREDIT_CTE(tbl, alias_table)                                                              \
    "WITH cr AS ("                                                                                \
    " SELECT x.id AS row_id, 'p' AS holder, cs.person_id AS hid, cs.share_bp AS share"            \
    " FROM " alias_table " x JOIN credit_splits cs ON cs.tbl = '" tbl "' AND cs.row_id = x.id"    \
    " WHERE x.credit IS NOT NULL"                                                                 \
    " UNION ALL SELECT x.id, CASE WHEN x.owner_id IS NOT NULL THEN 'p' WHEN x.unit_id IS NOT NULL" \
    " THEN 'u' ELSE 'n' END, COALESCE(x.owner_id, x.unit_id, 0), 10000"                            \
    " FROM " alias_table " x WHERE x.credit IS NULL) "

static const char *const feed_sql[] = {
    [FEED_UNITS] = "SELECT id, parent_id, name, path, ext_id FROM units ORDER BY id",
    [FEED_PEOPLE] = "SELECT id, unit_id, manager_id, active, name, ext_id, employee_no, "
                    "weight_milli, email FROM people ORDER BY id",
    [FEED_CUSTOMERS] = "SELECT id, name, segment, region, tags, ext_id FROM customers ORDER BY id",
    [FEED_ORDER_LINES] =
        "SELECT o.id, l.id, o.date, o.customer_id, o.owner_id, o.unit_id, o.credit, l.product, "
        "l.amount_rc FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY o.id, l.id",
    [FEED_PAYMENTS] = "SELECT id, date, customer_id, owner_id, unit_id, credit, amount_rc "
                      "FROM payments ORDER BY id",
    [FEED_DEALS] = "SELECT id, customer_id, owner_id, unit_id, credit, product, amount_rc, stage, "
                   "status, probability_bp, created, expected_close, closed FROM deals ORDER BY id",
    [FEED_ACTIVITIES] = "SELECT id, type, date, owner_id, customer_id FROM activities ORDER BY id",
    [FEED_SURVEYS] = "SELECT id, date, customer_id, owner_id, unit_id, score, scale "
                     "FROM surveys ORDER BY id",
    [FEED_MARKETS] = "SELECT unit_id, period, amount_rc FROM markets ORDER BY id",
    [FEED_CHECK_ORDERS] =
        CREDIT_CTE("orders", "orders") "SELECT cr.holder, cr.hid, "
        "SUM(t.total * cr.share), SUM(cr.share) FROM cr JOIN (SELECT order_id, SUM(amount_rc) "
        "AS total FROM order_lines GROUP BY order_id) t ON t.order_id = cr.row_id "
        "GROUP BY cr.holder, cr.hid ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_PAYMENTS] =
        CREDIT_CTE("payments", "payments") "SELECT cr.holder, cr.hid, SUM(y.amount_rc * cr.share) "
        "FROM cr JOIN payments y ON y.id = cr.row_id GROUP BY cr.holder, cr.hid "
        "ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_DEALS] =
        CREDIT_CTE("deals", "deals") "SELECT cr.holder, cr.hid, "
        "SUM(CASE WHEN d.status = 'won' AND d.closed IS NOT NULL THEN d.amount_rc * cr.share "
        "ELSE 0 END), SUM(CASE WHEN d.status = 'won' AND d.closed IS NOT NULL THEN cr.share "
        "ELSE 0 END), SUM(CASE WHEN d.status = 'lost' AND d.closed IS NOT NULL THEN cr.share "
        "ELSE 0 END) FROM cr JOIN deals d ON d.id = cr.row_id GROUP BY cr.holder, cr.hid "
        "ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_ACTIVITIES] =
        "SELECT CASE WHEN owner_id IS NULL THEN 'n' ELSE 'p' END, COALESCE(owner_id, 0), "
        "SUM(type = 'visit'), SUM(type = 'call'), SUM(type = 'meeting') FROM activities "
        "GROUP BY 1, 2 ORDER BY 1, 2",
    [FEED_CHECK_ACTIVE] = "SELECT CAST(substr(o.date, 1, 4) AS INTEGER), "
                          "COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON "
                          "l.order_id = o.id GROUP BY 1 ORDER BY 1",
};

enum at_status store_feed(struct db *db, enum store_feed feed, store_feed_fn fn, void *ctx,
                          struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, feed_sql[feed], -1, &st, NULL))
        return db_error(db, err, "feed");
    int n = sqlite3_column_count(st);
    int64_t iv[16];
    const char *sv[16];
    bool nv[16];
    struct store_row row = {.n = n, .i = iv, .s = sv, .null = nv};
    enum at_status rc = AT_OK;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int k = 0; k < n && k < 16; k++) {
            int type = sqlite3_column_type(st, k);
            nv[k] = type == SQLITE_NULL;
            iv[k] = type == SQLITE_INTEGER ? sqlite3_column_int64(st, k) : 0;
            sv[k] = type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, k);
        }
        rc = fn(&row, ctx, err);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err, "feed");
    sqlite3_finalize(st);
    return rc;
}

enum at_status store_generation(struct db *db, int64_t *gen, struct at_err *err)
{
    char v[32];
    *gen = 0;
    if (db_meta_get(db, "generation", v, sizeof v, NULL) == AT_OK && !str_to_i64(v, gen))
        return at_err_set(err, AT_DB, "%s: setting generation is \"%s\"", db->path, v);
    return AT_OK;
}

enum at_status store_touch(struct db *db, struct at_err *err)
{
    int64_t gen;
    enum at_status st = store_generation(db, &gen, err);
    if (st)
        return st;
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)gen + 1);
    return db_meta_set(db, "generation", v, err);
}

enum at_status store_ext_ids(struct db *db, enum store_table table, const int64_t *ids, size_t n,
                             store_ext_fn fn, void *ctx, struct at_err *err)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT ext_id FROM %s WHERE id = ?1", tables[table].name);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    enum at_status rc = AT_OK;
    for (size_t k = 0; k < n && !rc; k++) {
        sqlite3_bind_int64(st, 1, ids[k]);
        const char *ext = NULL;
        if (sqlite3_step(st) == SQLITE_ROW)
            ext = (const char *)sqlite3_column_text(st, 0);
        rc = fn(ids[k], ext, ctx, err);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Deliver the current row of ST to FN as a store_row. */
static enum at_status emit_row(sqlite3_stmt *st, store_feed_fn fn, void *ctx, struct at_err *err)
{
    int n = sqlite3_column_count(st);
    int64_t iv[32];
    const char *sv[32];
    bool nv[32];
    if (n > 32)
        n = 32;
    for (int k = 0; k < n; k++) {
        int type = sqlite3_column_type(st, k);
        nv[k] = type == SQLITE_NULL;
        iv[k] = type == SQLITE_INTEGER ? sqlite3_column_int64(st, k) : 0;
        sv[k] = type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, k);
    }
    struct store_row row = {.n = n, .i = iv, .s = sv, .null = nv};
    return fn(&row, ctx, err);
}

enum at_status store_exec(struct db *db, const char *sql, const struct store_val *params,
                          size_t n, store_feed_fn fn, void *ctx, int64_t *last_id,
                          struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    for (size_t i = 0; i < db->n_cache && !st; i++)
        if (db->cache[i].sql == sql)
            st = db->cache[i].st;
    bool cached = st != NULL;
    if (!st) {
        if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
            SQLITE_OK)
            return db_error(db, err, "prepare");
        if (db->n_cache < sizeof db->cache / sizeof db->cache[0]) {
            db->cache[db->n_cache].sql = sql;
            db->cache[db->n_cache++].st = st;
            cached = true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int k = (int)i + 1;
        if (params[i].type == SV_INT)
            sqlite3_bind_int64(st, k, params[i].i);
        else if (params[i].type == SV_TEXT)
            sqlite3_bind_text(st, k, params[i].s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, k);
    }
    enum at_status rc = AT_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (fn && (rc = emit_row(st, fn, ctx, err)))
            break;
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err, "statement");
    if (!rc && last_id)
        *last_id = sqlite3_last_insert_rowid(db->conn);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (!cached)
        sqlite3_finalize(st);
    return rc;
}

int64_t store_changes(struct db *db)
{
    return sqlite3_changes64(db->conn);
}
