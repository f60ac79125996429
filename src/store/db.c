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
#include "store/feeds.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/embedded.h"
#include "base/str.h"
#include "domain/value.h"

enum { ST_SELECT, ST_INSERT, ST_UPDATE, ST_SCAN, ST_OPS };

struct db {
    sqlite3 *conn;
    char *path;
    char *bulk_sql;        /* the change triggers a bulk write dropped (store_changes_bulk) */
    int64_t bulk_marker;   /* ... the seq of its "everything changed" */
    bool bulk_wrote;       /* ... and whether a row was written since (upsert, splits, delete) */
    bool fk_off;           /* store_bulk_unchecked: foreign keys off until the transaction ends */
    const char *read_only; /* why the database is open read-only, or NULL */
    sqlite3_stmt *stmts[STORE_TABLE_COUNT][ST_OPS];
    /* store_upsert tries the INSERT first while the last upsert of the table
     * inserted (a fresh import), else the SELECT by ext_id first (re-import) */
    bool insert_first[STORE_TABLE_COUNT];
    /* ... and while it selects, it reads the rows in id order after the last
     * one it found (ST_SCAN, open while scan_open): a re-import of a file in
     * the order it was imported matches each row without an index seek */
    bool scan_open[STORE_TABLE_COUNT];
    int64_t scan_after[STORE_TABLE_COUNT];
    sqlite3_stmt *split_delete, *split_insert, *rate_on, *split_list;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[64]; /* store_exec's statements, by SQL text pointer */
    size_t n_cache;
    /* transactions: depth of db_begin (1 = BEGIN IMMEDIATE, more = savepoints),
     * depth of db_read_begin and whether the outermost read began one */
    int depth, read_depth;
    bool read_owned;
    /* waiting for the write lock (db_set_wait): the limit, the time waited in
     * the current wait, whether the front end was told, and who holds it */
    int wait_ms, waited_ms;
    bool no_wait, told, gave_up;
    db_wait_fn wait_fn;
    void *wait_ctx;
    char holder[200];
    char writer[200];     /* this connection's label while it writes (db_set_writer) */
    int64_t changes_keep; /* store_set_changes_keep; 0: STORE_CHANGES_KEEP */
    /* provenance (migration 015): the file the importer named with
     * store_source_file, and the last source text mapped to its
     * source_files id (forgotten at every outermost begin and rollback) */
    char *src_path, *src_hash;
    int64_t src_size;
    char *src_text;
    int64_t src_id;
    struct { /* db_on_commit: run before the transaction level DEPTH commits */
        db_commit_fn fn;
        void (*free_ctx)(void *ctx);
        void *ctx;
        int depth;
    } hook;
};

struct column {
    const char *name;
    enum store_val_type type;
};

#define INT                SV_INT
#define TEXT               SV_TEXT
#define AT_C(c, t)         {#c, t},
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

/* The error of a wait for the write lock that reached its limit. */
static enum at_status busy_error(struct db *db, struct at_err *err)
{
    db->gave_up = false;
    return at_err_set(err, AT_CONFLICT,
                      "%s: another writer%s%s%s has held the database for more than %d s; "
                      "nothing was written (try again when it is done)",
                      db->path, *db->holder ? " (" : "", db->holder, *db->holder ? ")" : "",
                      db->wait_ms / 1000);
}

static enum at_status db_error(struct db *db, struct at_err *err, const char *what)
{
    if (db->gave_up && (sqlite3_errcode(db->conn) & 0xff) == SQLITE_BUSY)
        return busy_error(db, err);
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

static enum at_status exec(struct db *db, const char *sql, struct at_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (db->gave_up && (sqlite3_errcode(db->conn) & 0xff) == SQLITE_BUSY) {
            sqlite3_free(msg);
            return busy_error(db, err);
        }
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
        if (!mig) /* the numbers run without gaps: one missing is a broken build */
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

/*
 * The backend and file of a store address: "sqlite:PATH" or a bare PATH is
 * SQLite; "postgres://..." and "postgresql://..." name the PostgreSQL backend,
 * which this build does not have yet. Anything else with a scheme is refused.
 */
static enum at_status parse_uri(const char *uri, const char **path, struct at_err *err)
{
    if (str_starts_with(uri, "sqlite:")) {
        *path = uri + strlen("sqlite:");
        if (str_starts_with(*path, "//"))
            *path += 2;
        if (!**path)
            return at_err_set(err, AT_INVALID, "database %s: no file after sqlite:", uri);
        return AT_OK;
    }
    if (str_starts_with(uri, "postgres://") || str_starts_with(uri, "postgresql://"))
        return at_err_set(err, AT_INVALID,
                          "database %s: this build has no PostgreSQL backend yet; use "
                          "sqlite:PATH or a file path",
                          uri);
    const char *colon = strstr(uri, "://");
    if (colon)
        return at_err_set(err, AT_INVALID,
                          "database %s: unknown backend \"%.*s\" (sqlite:PATH or a file path)", uri,
                          (int)(colon - uri), uri);
    *path = uri;
    return AT_OK;
}

/*
 * Who holds the write lock, from the label it recorded (meta "writer": "LABEL
 * (pid N)"), read through a connection of its own (the busy handler must not
 * use the waiting one). Empty when there is none, it is ours, or its process
 * is gone (a killed writer leaves its label behind; its lock went with it).
 */
static void read_holder(struct db *db, char *out, size_t size)
{
    *out = '\0';
    sqlite3 *side = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_open_v2(db->path, &side, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(side, 200);
        if (sqlite3_prepare_v2(side, "SELECT value FROM meta WHERE key = 'writer'", -1, &st,
                               NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(side);
    const char *pid_text = strstr(out, "(pid ");
    long long pid = 0;
    if (!pid_text || sscanf(pid_text, "(pid %lld)", &pid) != 1 || pid <= 0 ||
        pid == (long long)getpid() || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
        *out = '\0';
}

/*
 * SQLite's busy handler: called while another connection holds the lock this
 * one needs (in WAL mode, the write lock). Waits in short sleeps up to the
 * limit of db_set_wait; after half a second it tells the front end once, with
 * the holder when known. Returning 0 ends the wait: the statement fails with
 * SQLITE_BUSY and db_error names the holder.
 */
static int busy_wait(void *arg, int count)
{
    struct db *db = arg;
    if (count == 0) {
        db->waited_ms = 0;
        db->gave_up = false;
    }
    if (db->no_wait)
        return 0;
    if (db->waited_ms >= db->wait_ms) {
        read_holder(db, db->holder, sizeof db->holder); /* who holds it now */
        db->gave_up = true;
        return 0;
    }
    if (!db->told && db->waited_ms >= 500) {
        db->told = true;
        read_holder(db, db->holder, sizeof db->holder);
        if (db->wait_fn)
            db->wait_fn(db->holder, db->wait_ctx);
    }
    int step = count < 10 ? 10 : 50;
    sqlite3_sleep(step);
    db->waited_ms += step;
    return 1;
}

void db_set_wait(struct db *db, int seconds, db_wait_fn fn, void *ctx)
{
    db->wait_ms = seconds < 0 ? 0 : seconds > 86400 ? 86400 * 1000 : seconds * 1000;
    db->wait_fn = fn;
    db->wait_ctx = ctx;
}

void db_set_writer(struct db *db, const char *label)
{
    if (db->depth)
        return; /* the outermost transaction's label stays until it ends */
    if (!label || !*label)
        db->writer[0] = '\0';
    else
        snprintf(db->writer, sizeof db->writer, "%.150s (pid %lld)", label, (long long)getpid());
}

/* Why the running user cannot write the database at PATH (its file, or its
 * folder where SQLite keeps the journal, WAL and -shm files), or NULL. */
static const char *not_writable(const char *path)
{
    if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
        return "the file is not writable";
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
        return "its folder is not writable";
    return NULL;
}

/* PATH as an SQLite URI "file:PATH?PARAMS" (bytes a URI reserves
 * percent-encoded), or NULL when it does not fit. Caller frees. */
static char *file_uri(const char *path, const char *params)
{
    size_t n = strlen(path);
    char *u = xmalloc(5 + 3 * n + strlen(params) + 2), *w = u;
    memcpy(w, "file:", 5);
    w += 5;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 || *p == 0x7f) {
            snprintf(w, 4, "%%%02X", *p);
            w += 3;
        } else {
            *w++ = (char)*p;
        }
    }
    *w++ = '?';
    snprintf(w, strlen(params) + 1, "%s", params);
    return u;
}

/* Does PATH-wal hold pages (changes not yet in the database file)? */
static bool wal_has_pages(const char *path)
{
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat sb;
    return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/* Open PATH read-only (db->read_only says why): mode=ro, and immutable=1
 * when a WAL database cannot be read otherwise (no -shm can be made in a
 * read-only folder) and nothing waits in its -wal. */
static enum at_status open_read_only(struct db *db, struct at_err *err)
{
    static const char *const params[] = {"mode=ro", "mode=ro&immutable=1"};
    for (int i = 0; i < 2; i++) {
        char *uri = file_uri(db->path, params[i]);
        int rc = sqlite3_open_v2(uri, &db->conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        free(uri);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db->conn, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return AT_OK;
        int ext = db->conn ? sqlite3_extended_errcode(db->conn) : rc;
        char msg[256];
        snprintf(msg, sizeof msg, "%s", db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
        sqlite3_close(db->conn);
        db->conn = NULL;
        /* a WAL database needs its -shm: SQLITE_CANTOPEN or SQLITE_READONLY_*
         * when none can be made */
        bool shm = (ext & 0xff) == SQLITE_CANTOPEN || (ext & 0xff) == SQLITE_READONLY;
        if (i == 0 && shm && !wal_has_pages(db->path))
            continue;
        if (i == 0 && shm)
            return at_err_set(err, AT_UNSUPPORTED,
                              "cannot open database %s read-only (%s): %s-wal holds changes not "
                              "yet in the database file; open it once where it may be written",
                              db->path, db->read_only, db->path);
        return at_err_set(err, AT_IO, "cannot open database %s read-only (%s): %s", db->path,
                          db->read_only, msg);
    }
    return AT_OK;
}

/* Before SQLite initializes: no global memory statistics (nothing reads them;
 * they take a mutex at every malloc and free). Too late is harmless. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;
static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum at_status open_db(const char *uri, bool create, bool read_only, struct db **out,
                              struct at_err *err)
{
    *out = NULL;
    const char *path = uri;
    enum at_status pst = parse_uri(uri, &path, err);
    if (pst)
        return pst;
    if (!create) {
        /* access(), never open()+close(): closing any descriptor of the file
         * drops every POSIX lock this process holds on it, those of the
         * other connections too (a server has many), and another process
         * could then take the database for its last user and remove the WAL */
        if (faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) != 0)
            return at_err_set(err, AT_NOT_FOUND,
                              "no database at %s; create one with: attain --db %s init", path,
                              path);
    }
    struct db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    db->read_only = read_only ? "opened with --read-only" : create ? NULL : not_writable(path);
    enum at_status st = AT_OK;
    if (db->read_only) {
        st = open_read_only(db, err);
        if (st)
            goto out;
    } else if ((pthread_once(&sqlite_once, sqlite_setup),
                sqlite3_open_v2(path, &db->conn,
                                SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL)) !=
               SQLITE_OK) {
        st = at_err_set(err, AT_IO, "cannot open database %s: %s", path,
                        db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
        goto out;
    }
    db->wait_ms = DB_WAIT_DEFAULT * 1000;
    sqlite3_busy_handler(db->conn, busy_wait, db);
    /* room for the cursors of every step: with the default 100 slots the
     * prepared statements hold them all, and each step of an upsert mallocs
     * its cursors (an import: 1 in 10 instructions) */
    if (!db->read_only)
        sqlite3_db_config(db->conn, SQLITE_DBCONFIG_LOOKASIDE, NULL, 1200, 512);
    if (db->read_only) {
        st = exec(db,
                  "PRAGMA query_only = ON; PRAGMA foreign_keys = ON; "
                  "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
                  err);
        int have = db_schema_version(db), latest = db_schema_latest();
        if (!st && have < latest)
            st = at_err_set(err, AT_UNSUPPORTED,
                            "%s is read-only (%s) and its schema (version %d) is older than this "
                            "attain's (%d): open it once with write access to upgrade it",
                            path, db->read_only, have, latest);
        else if (!st && have > latest)
            st = at_err_set(err, AT_UNSUPPORTED,
                            "%s: schema version %d is newer than this attain knows (%d); "
                            "upgrade attain",
                            path, have, latest);
        goto out;
    }
    st = exec(db,
              "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
              "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
              "PRAGMA temp_store = MEMORY;",
              err);
    if (!st)
        st = migrate(db, err);
    if (!st) {
        /* the identity is made now, so that reading the data key (inside a
         * read transaction) never has to write; a store that cannot be
         * written (a read-only folder) makes it on its first write */
        char id[40];
        struct at_err ignored = {AT_OK, ""};
        store_identity(db, id, sizeof id, &ignored);
    }
out:
    if (st) {
        db_close(db);
        return st;
    }
    *out = db;
    return AT_OK;
}

enum at_status db_open(const char *uri, bool create, struct db **out, struct at_err *err)
{
    return open_db(uri, create, false, out, err);
}

static void source_forget(struct db *db);

/* Forget the commit hook (db_on_commit), freeing its context. */
static void hook_drop(struct db *db)
{
    void (*free_ctx)(void *) = db->hook.free_ctx;
    void *ctx = db->hook.ctx;
    memset(&db->hook, 0, sizeof db->hook);
    if (free_ctx)
        free_ctx(ctx);
}

/* Run the commit hook when the level about to commit is its own: once, then
 * forgotten whatever it returns. */
static enum at_status hook_run(struct db *db, struct at_err *err)
{
    if (!db->hook.fn || db->hook.depth != db->depth)
        return AT_OK;
    db_commit_fn fn = db->hook.fn;
    void *ctx = db->hook.ctx;
    db->hook.fn = NULL;
    enum at_status st = fn(db, ctx, err);
    hook_drop(db);
    return st;
}

enum at_status db_on_commit(struct db *db, db_commit_fn fn, void (*free_ctx)(void *ctx), void *ctx,
                            struct at_err *err)
{
    if (db->depth == 0 || db->hook.fn) {
        if (free_ctx)
            free_ctx(ctx);
        return at_err_set(err, AT_INTERNAL, "%s: db_on_commit %s", db->path,
                          db->depth ? "twice in one transaction" : "outside a transaction");
    }
    db->hook.fn = fn;
    db->hook.free_ctx = free_ctx;
    db->hook.ctx = ctx;
    db->hook.depth = db->depth;
    return AT_OK;
}

enum at_status db_open_read_only(const char *uri, struct db **out, struct at_err *err)
{
    return open_db(uri, false, true, out, err);
}

bool db_read_only(const struct db *db)
{
    return db->read_only != NULL;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    hook_drop(db);
    free(db->bulk_sql);
    free(db->src_path);
    free(db->src_hash);
    free(db->src_text);
    for (int t = 0; t < STORE_TABLE_COUNT; t++)
        for (int o = 0; o < ST_OPS; o++)
            sqlite3_finalize(db->stmts[t][o]);
    sqlite3_finalize(db->split_delete);
    sqlite3_finalize(db->split_insert);
    sqlite3_finalize(db->rate_on);
    sqlite3_finalize(db->split_list);
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

/* The label of a long writer, committed on its own so that waiters can read
 * it, then the writing transaction. */
static enum at_status begin_labelled(struct db *db, struct at_err *err)
{
    static const char set_sql[] =
        "INSERT INTO meta(key, value) VALUES ('writer', ?1) ON CONFLICT(key) DO UPDATE "
        "SET value = excluded.value";
    struct store_val v = {.type = SV_TEXT, .s = db->writer};
    enum at_status st = exec(db, "BEGIN IMMEDIATE", err);
    if (!st)
        st = store_exec(db, set_sql, &v, 1, NULL, NULL, NULL, err);
    if (!st)
        st = exec(db, "COMMIT", err);
    if (st) {
        if (!sqlite3_get_autocommit(db->conn))
            exec(db, "ROLLBACK", NULL);
        return st;
    }
    return exec(db, "BEGIN IMMEDIATE", err);
}

static const char writer_clear_sql[] = "DELETE FROM meta WHERE key = 'writer' AND value = ?1";

/* Close store_upsert's scan of TABLE (every table: STORE_TABLE_COUNT), before
 * a write could move rows under it and at the end of a transaction. */
static void scans_close(struct db *db, int table)
{
    for (int t = 0; t < STORE_TABLE_COUNT; t++)
        if ((table == STORE_TABLE_COUNT || t == table) && db->scan_open[t]) {
            sqlite3_reset(db->stmts[t][ST_SCAN]);
            db->scan_open[t] = false;
        }
}

/* Foreign keys back on (and temporary storage in memory) after
 * store_bulk_unchecked, once no transaction is open. */
static void fk_restore(struct db *db)
{
    if (db->fk_off && sqlite3_get_autocommit(db->conn)) {
        db->fk_off = false;
        exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", NULL);
    }
}

void store_bulk_unchecked(struct db *db)
{
    if (db->read_only || db->depth > 0 || db->read_depth || !sqlite3_get_autocommit(db->conn))
        return;
    /* ... and temporary files on disk: with temp_store = MEMORY the sorter
     * of store_bulk_indexes keeps every key in memory (at bench scale, half
     * a gigabyte more) where with files it spills past the cache size */
    if (!exec(db, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE", NULL))
        db->fk_off = true;
}

enum at_status db_begin(struct db *db, struct at_err *err)
{
    scans_close(db, STORE_TABLE_COUNT);
    if (db->read_only)
        return at_err_set(err, AT_UNSUPPORTED, "%s is read-only (%s): nothing can be written",
                          db->path, db->read_only);
    if (db->read_depth)
        return at_err_set(err, AT_INTERNAL, "%s: a write inside a read transaction", db->path);
    if (db->depth > 0 && sqlite3_get_autocommit(db->conn))
        db->depth = 0; /* SQLite rolled the transaction back on an error */
    enum at_status st;
    if (db->depth == 0) {
        source_forget(db); /* another connection may have restored the file */
        st = *db->writer ? begin_labelled(db, err) : exec(db, "BEGIN IMMEDIATE", err);
    } else {
        char sql[32];
        snprintf(sql, sizeof sql, "SAVEPOINT sp%d", db->depth);
        st = exec(db, sql, err);
    }
    if (!st)
        db->depth++;
    else if (db->depth == 0) {
        db->writer[0] = '\0';
        fk_restore(db);
    }
    return st;
}

enum at_status db_commit(struct db *db, struct at_err *err)
{
    scans_close(db, STORE_TABLE_COUNT);
    if (db->depth == 0 || sqlite3_get_autocommit(db->conn)) {
        db->depth = 0;
        return at_err_set(err, AT_DB, "%s: the transaction was rolled back; nothing was written",
                          db->path);
    }
    enum at_status hst = hook_run(db, err);
    if (hst)
        return hst; /* the transaction is still open: the caller rolls back */
    if (db->depth > 1) {
        char sql[32];
        snprintf(sql, sizeof sql, "RELEASE sp%d", db->depth - 1);
        enum at_status st = exec(db, sql, err);
        if (!st)
            db->depth--;
        return st;
    }
    enum at_status st = AT_OK;
    if (*db->writer) {
        struct store_val v = {.type = SV_TEXT, .s = db->writer};
        st = store_exec(db, writer_clear_sql, &v, 1, NULL, NULL, NULL, err);
    }
    if (!st)
        st = exec(db, "COMMIT", err);
    if (!st) {
        db->depth = 0;
        db->writer[0] = '\0';
        fk_restore(db);
    }
    return st; /* on failure the transaction is still open: the caller rolls back */
}

enum at_status db_rollback(struct db *db)
{
    scans_close(db, STORE_TABLE_COUNT);
    free(db->bulk_sql); /* the rollback puts the triggers back */
    db->bulk_sql = NULL;
    if (db->hook.fn && db->hook.depth >= db->depth)
        hook_drop(db); /* its level is undone */
    source_forget(db); /* a row it made may be undone */
    if (db->depth == 0 || sqlite3_get_autocommit(db->conn)) {
        bool rolled_back = db->depth > 0; /* by SQLite itself, on an error */
        db->depth = 0;
        if (!sqlite3_get_autocommit(db->conn) && !db->read_depth)
            exec(db, "ROLLBACK", NULL);
        if (rolled_back && *db->writer) { /* best effort, as below */
            struct store_val v = {.type = SV_TEXT, .s = db->writer};
            db->no_wait = true;
            store_exec(db, writer_clear_sql, &v, 1, NULL, NULL, NULL, NULL);
            db->no_wait = false;
        }
        db->writer[0] = '\0';
        fk_restore(db);
        return AT_OK;
    }
    if (db->depth > 1) {
        char sql[64];
        snprintf(sql, sizeof sql, "ROLLBACK TO sp%d; RELEASE sp%d", db->depth - 1, db->depth - 1);
        db->depth--;
        return exec(db, sql, NULL);
    }
    db->depth = 0;
    enum at_status st = exec(db, "ROLLBACK", NULL);
    if (*db->writer) { /* best effort, without waiting: a stale label names a dead process */
        struct store_val v = {.type = SV_TEXT, .s = db->writer};
        db->no_wait = true;
        store_exec(db, writer_clear_sql, &v, 1, NULL, NULL, NULL, NULL);
        db->no_wait = false;
        db->writer[0] = '\0';
    }
    fk_restore(db);
    return st;
}

enum at_status db_read_begin(struct db *db, struct at_err *err)
{
    if (db->read_depth++ > 0)
        return AT_OK;
    db->read_owned = false;
    if (!sqlite3_get_autocommit(db->conn))
        return AT_OK; /* inside a writing transaction: it is one state already */
    /* BEGIN alone is deferred: the snapshot is taken by the first read, so
     * read something now, and every later statement sees the same data */
    enum at_status st = exec(db, "BEGIN; SELECT COUNT(*) FROM meta", err);
    if (st) {
        db->read_depth = 0;
        if (!sqlite3_get_autocommit(db->conn))
            exec(db, "ROLLBACK", NULL);
        return st;
    }
    db->read_owned = true;
    return AT_OK;
}

void db_read_end(struct db *db)
{
    if (db->read_depth == 0 || --db->read_depth > 0)
        return;
    if (db->read_owned && !sqlite3_get_autocommit(db->conn))
        exec(db, "COMMIT", NULL);
    db->read_owned = false;
}

enum at_status db_meta_get(struct db *db, const char *key, char *out, size_t size,
                           struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    enum at_status rc = AT_NOT_FOUND;
    if (sqlite3_prepare_v2(db->conn, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL))
        return db_error(db, err, "meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        snprintf(out, size, "%s", v ? (const char *)v : "");
        rc = AT_OK;
    } else if (step == SQLITE_DONE) {
        at_err_set(err, AT_NOT_FOUND, "no setting %s", key);
    } else {
        rc = db_error(db, err, "meta"); /* busy, locked, corrupt: not "unset" */
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

/* ---- provenance: source text to a source_files id (migration 015) -------- */

static void source_forget(struct db *db)
{
    free(db->src_text);
    db->src_text = NULL;
    db->src_id = 0;
}

void store_source_file(struct db *db, const char *path, const char *hash, int64_t size)
{
    free(db->src_path);
    free(db->src_hash);
    db->src_path = path ? xstrdup(path) : NULL;
    db->src_hash = path && hash && *hash ? xstrdup(hash) : NULL;
    db->src_size = db->src_hash ? size : 0;
    source_forget(db);
}

static enum at_status source_id_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    *(int64_t *)ctx = row->i[0];
    return AT_OK;
}

/* The id of the source_files row of SOURCE (the file store_source_file
 * named, with its hash, when SOURCE is its name; else a row of that name
 * with hash ''), made when missing: one lookup per import, then cached. */
static enum at_status source_file_id(struct db *db, const char *source, int64_t *id,
                                     struct at_err *err)
{
    if (db->src_text && strcmp(db->src_text, source) == 0) {
        *id = db->src_id;
        return AT_OK;
    }
    static const char find_sql[] = "SELECT id FROM source_files WHERE path = ?1 AND hash = ?2";
    static const char add_sql[] = "INSERT INTO source_files (path, hash, size, imported_at) "
                                  "VALUES (?1, ?2, ?3, datetime('now'))";
    bool named = db->src_path && db->src_hash && strcmp(db->src_path, source) == 0;
    struct store_val v[3] = {store_txt(source), store_txt(named ? db->src_hash : ""),
                             named ? store_num(db->src_size) : store_txt(NULL)};
    *id = 0;
    enum at_status st = store_exec(db, find_sql, v, 2, source_id_row, id, NULL, err);
    if (!st && !*id)
        st = store_exec(db, add_sql, v, 3, NULL, NULL, id, err);
    if (st)
        return st;
    source_forget(db);
    db->src_text = xstrdup(source);
    db->src_id = *id;
    return AT_OK;
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
    buf_printf(&ins, "INSERT INTO %s (ext_id, source_id, source_line, row_hash", name);
    buf_printf(&upd, "UPDATE %s SET source_id = ?2, source_line = ?3, row_hash = ?4", name);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&ins, ", %s", tables[t].cols[i].name);
        buf_printf(&upd, ", %s = ?%zu", tables[t].cols[i].name, i + 5);
    }
    buf_puts(&ins, ") VALUES (?1, ?2, ?3, ?4");
    for (size_t i = 0; i < n; i++)
        buf_printf(&ins, ", ?%zu", i + 5);
    buf_puts(&ins, ") ON CONFLICT (ext_id) DO NOTHING");
    buf_puts(&upd, " WHERE ext_id = ?1");
    struct buf scan;
    buf_init(&scan, 0);
    buf_printf(&scan, "SELECT id, row_hash, ext_id FROM %s WHERE id > ?1 ORDER BY id", name);
    enum at_status st = prepare(db, buf_str(&sel), &db->stmts[t][ST_SELECT], err);
    if (!st)
        st = prepare(db, buf_str(&ins), &db->stmts[t][ST_INSERT], err);
    if (!st)
        st = prepare(db, buf_str(&upd), &db->stmts[t][ST_UPDATE], err);
    if (!st)
        st = prepare(db, buf_str(&scan), &db->stmts[t][ST_SCAN], err);
    buf_free(&scan);
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
    bool found = false;
    int64_t old_id = 0;
    int rc;
    if (!db->insert_first[table]) {
        int64_t old_hash = 0;
        sqlite3_stmt *scan = db->stmts[table][ST_SCAN];
        /* only inside a transaction: an open statement outside one would hold
         * a read snapshot after the upsert returns */
        bool in_txn = db->depth > 0 && !sqlite3_get_autocommit(db->conn);
        if (in_txn && !db->scan_open[table]) {
            sqlite3_bind_int64(scan, 1, db->scan_after[table]);
            db->scan_open[table] = true;
        }
        rc = in_txn ? sqlite3_step(scan) : SQLITE_DONE;
        if (rc == SQLITE_ROW) {
            const char *next = (const char *)sqlite3_column_text(scan, 2);
            if (next && strcmp(next, ext_id) == 0) {
                found = true;
                old_id = sqlite3_column_int64(scan, 0);
                old_hash = sqlite3_column_int64(scan, 1);
            }
        }
        if (!found) { /* not the next row: an index seek, and the scan goes on after it */
            scans_close(db, table);
            sqlite3_stmt *sel = db->stmts[table][ST_SELECT];
            sqlite3_bind_text(sel, 1, ext_id, -1, SQLITE_STATIC);
            rc = sqlite3_step(sel);
            found = rc == SQLITE_ROW;
            old_id = found ? sqlite3_column_int64(sel, 0) : 0;
            old_hash = found ? sqlite3_column_int64(sel, 1) : 0;
            sqlite3_reset(sel);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db_error(db, err, tables[table].name);
        }
        if (found)
            db->scan_after[table] = old_id;
        if (found && old_hash == hash) {
            *id = old_id;
            *result = STORE_UNCHANGED;
            return AT_OK;
        }
    }
    scans_close(db, table); /* the write may move the rows under the scan */
    int64_t source_id = 0;
    if (source && (st = source_file_id(db, source, &source_id, err)))
        return st;
    sqlite3_stmt *w = db->stmts[table][found ? ST_UPDATE : ST_INSERT];
    sqlite3_bind_text(w, 1, ext_id, -1, SQLITE_STATIC);
    if (source_id > 0)
        sqlite3_bind_int64(w, 2, source_id);
    else
        sqlite3_bind_null(w, 2);
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
    if (found || sqlite3_changes(db->conn) > 0)
        db->bulk_wrote = true;
    if (!found && sqlite3_changes(db->conn) == 0) {
        /* the INSERT met a stored row of this ext_id: read it, then update */
        db->insert_first[table] = false;
        return store_upsert(db, table, ext_id, vals, source, line, id, result, err);
    }
    db->insert_first[table] = !found;
    *id = found ? old_id : sqlite3_last_insert_rowid(db->conn);
    *result = found ? STORE_UPDATED : STORE_INSERTED;
    return AT_OK;
}

enum at_status store_set_splits(struct db *db, enum store_table table, int64_t row_id,
                                const int64_t *person_ids, const int32_t *share_bp, size_t n,
                                struct at_err *err)
{
    db->bulk_wrote = true;
    enum at_status st = prepare(db, "DELETE FROM credit_splits WHERE tbl = ?1 AND row_id = ?2",
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

/* The rows of SQL (id, ext_id, name, alt; ?1 = KEY unless NULL) into FN. */
static enum at_status scan_keys(struct db *db, enum store_table table, const char *sql,
                                const char *key, store_key_fn fn, void *ctx, struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    if (key)
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
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
    return scan_keys(db, table, sql, NULL, fn, ctx, err);
}

enum at_status store_scan_keys_for(struct db *db, enum store_table table, const char *key,
                                   store_key_fn fn, void *ctx, struct at_err *err)
{
    const char *sql;
    switch (table) {
    case STORE_CUSTOMERS:
        sql = "SELECT id, ext_id, name, NULL FROM customers WHERE ext_id = ?1 UNION "
              "SELECT id, ext_id, name, NULL FROM customers WHERE name = ?1 ORDER BY 1";
        break;
    case STORE_ORDERS:
        sql = "SELECT id, ext_id, NULL, NULL FROM orders WHERE ext_id = ?1";
        break;
    case STORE_PEOPLE:
        sql = "SELECT id, ext_id, name, employee_no FROM people WHERE ext_id = ?1 UNION "
              "SELECT id, ext_id, name, employee_no FROM people WHERE name = ?1 ORDER BY 1";
        break;
    case STORE_UNITS:
        sql = "SELECT id, ext_id, name, path FROM units WHERE ext_id = ?1 UNION "
              "SELECT id, ext_id, name, path FROM units WHERE path = ?1 UNION "
              "SELECT id, ext_id, name, path FROM units WHERE name = ?1 ORDER BY 1";
        break;
    default:
        return at_err_set(err, AT_INTERNAL, "store_scan_keys_for: not for table %s",
                          tables[table].name);
    }
    return scan_keys(db, table, sql, key, fn, ctx, err);
}

/* How store_list shows a raw column of a listing view, by its name. */
enum list_fmt { LF_TEXT, LF_MONEY, LF_MILLI, LF_PERCENT, LF_RATE, LF_HIDDEN };

static enum list_fmt list_fmt_of(const char *col)
{
    static const struct {
        const char *name;
        enum list_fmt fmt;
    } fmts[] = {{"amount", LF_MONEY},        {"weight", LF_MILLI}, {"quantity", LF_MILLI},
                {"probability", LF_PERCENT}, {"rate", LF_RATE},    {"_splits", LF_HIDDEN}};
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++)
        if (strcmp(col, fmts[i].name) == 0)
            return fmts[i].fmt;
    return LF_TEXT;
}

/* Basis points as "60%" or "12.5%". */
static void percent_text(int64_t bp, char *out, size_t size)
{
    scaled_text(bp, 2, out, size - 1);
    size_t n = strlen(out);
    out[n] = '%';
    out[n + 1] = '\0';
}

/* The split credit of row ROW_ID of TABLE as "name:60%;name:40%" (by person id). */
static enum at_status split_text(struct db *db, const char *table, int64_t row_id, char *out,
                                 size_t size, struct at_err *err)
{
    static const char sql[] =
        "SELECT sp.name, cs.share_bp FROM credit_splits cs JOIN people sp ON sp.id = "
        "cs.person_id WHERE cs.tbl = ?1 AND cs.row_id = ?2 ORDER BY cs.person_id";
    if (prepare(db, sql, &db->split_list, err))
        return AT_DB;
    sqlite3_stmt *st = db->split_list;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, row_id);
    size_t n = 0;
    out[0] = '\0';
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char pct[32];
        percent_text(sqlite3_column_int64(st, 1), pct, sizeof pct);
        int w = snprintf(out + n, size - n, "%s%s:%s", n ? ";" : "",
                         (const char *)sqlite3_column_text(st, 0), pct);
        if (w < 0 || (size_t)w >= size - n)
            break; /* a listing cell: cut at the buffer, never overrun */
        n += (size_t)w;
    }
    sqlite3_reset(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? AT_OK : db_error(db, err, table);
}

enum at_status store_list(struct db *db, enum store_table table, store_row_fn fn, void *ctx,
                          struct at_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT * FROM v_%s", tables[table].name);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    int n_all = sqlite3_column_count(st);
    const char **names = xcalloc((size_t)n_all, sizeof *names);
    const char **vals = xcalloc((size_t)n_all, sizeof *vals);
    enum list_fmt *fmt = xcalloc((size_t)n_all, sizeof *fmt);
    char(*cell)[48] = xcalloc((size_t)n_all, sizeof *cell);
    char owner[512];
    int n = 0, currency = -1, owner_col = -1, splits = -1;
    for (int i = 0; i < n_all; i++) {
        const char *name = sqlite3_column_name(st, i);
        fmt[i] = list_fmt_of(name);
        if (fmt[i] == LF_HIDDEN) {
            splits = i;
            continue;
        }
        if (strcmp(name, "currency") == 0)
            currency = i;
        if (strcmp(name, "owner") == 0)
            owner_col = i;
        names[n++] = name; /* hidden columns come last */
    }
    enum at_status rc = fn(n, names, NULL, ctx, err);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n_all; i++) {
            vals[i] = (const char *)sqlite3_column_text(st, i);
            if (!vals[i] || fmt[i] == LF_TEXT || fmt[i] == LF_HIDDEN)
                continue;
            int64_t v = sqlite3_column_int64(st, i);
            if (fmt[i] == LF_MONEY) {
                const char *cur =
                    currency >= 0 ? (const char *)sqlite3_column_text(st, currency) : NULL;
                money_format_plain(v, currency_exponent(cur ? cur : ""), cell[i], sizeof cell[i]);
            } else if (fmt[i] == LF_PERCENT) {
                percent_text(v, cell[i], sizeof cell[i]);
            } else {
                scaled_text(v, fmt[i] == LF_MILLI ? 3 : 8, cell[i], sizeof cell[i]);
            }
            vals[i] = cell[i];
        }
        if (splits >= 0 && owner_col >= 0 && sqlite3_column_type(st, splits) != SQLITE_NULL) {
            rc = split_text(db, tables[table].name, sqlite3_column_int64(st, splits), owner,
                            sizeof owner, err);
            vals[owner_col] = owner;
        }
        if (!rc)
            rc = fn(n, names, vals, ctx, err);
    }
    if (!rc && step != SQLITE_DONE)
        rc = db_error(db, err, tables[table].name);
    free(names);
    free(vals);
    free(fmt);
    free(cell);
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
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0),
                strcmp((const char *)sqlite3_column_text(st, 1), "workday") == 0, ctx, err);
    if (!rc && step != SQLITE_DONE) /* a read error is not the end of the calendar */
        rc = db_error(db, err, "holidays");
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
#define CREDIT_CTE(tbl, alias_table)                                                               \
    "WITH cr AS ("                                                                                 \
    " SELECT x.id AS row_id, 'p' AS holder, cs.person_id AS hid, cs.share_bp AS share"             \
    " FROM " alias_table " x JOIN credit_splits cs ON cs.tbl = '" tbl "' AND cs.row_id = x.id"     \
    " WHERE x.credit IS NOT NULL"                                                                  \
    " UNION ALL SELECT x.id, CASE WHEN x.owner_id IS NOT NULL THEN 'p' WHEN x.unit_id IS NOT NULL" \
    " THEN 'u' ELSE 'n' END, COALESCE(x.owner_id, x.unit_id, 0), 10000"                            \
    " FROM " alias_table " x WHERE x.credit IS NULL) "

/* The data feeds' SQL, made from their column lists in store/feeds.h. */
#define AT_FEED_COL(c, expr)          ", " expr
#define AT_FEED_SQL(feed, cols, from) [FEED_##feed] = cols(AT_FEED_COL) " " from,
static const char *const data_feed_sql[] = {STORE_FEED_LIST(AT_FEED_SQL)};
#undef AT_FEED_SQL
#undef AT_FEED_COL

/* Reference totals for engine check, computed by SQL alone. */
static const char *const feed_sql[] = {
    [FEED_CHECK_ORDERS] = CREDIT_CTE(
        "orders",
        "orders") "SELECT cr.holder, cr.hid, "
                  "SUM(t.total * cr.share), SUM(cr.share) FROM cr JOIN (SELECT order_id, "
                  "SUM(amount_rc) "
                  "AS total FROM order_lines GROUP BY order_id) t ON t.order_id = cr.row_id "
                  "GROUP BY cr.holder, cr.hid ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_PAYMENTS] = CREDIT_CTE(
        "payments",
        "payments") "SELECT cr.holder, cr.hid, SUM(y.amount_rc * cr.share) "
                    "FROM cr JOIN payments y ON y.id = cr.row_id GROUP BY cr.holder, cr.hid "
                    "ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_DEALS] = CREDIT_CTE(
        "deals",
        "deals") "SELECT cr.holder, cr.hid, "
                 "SUM(CASE WHEN d.status = 'won' AND d.closed IS NOT NULL THEN d.amount_rc * "
                 "cr.share "
                 "ELSE 0 END), SUM(CASE WHEN d.status = 'won' AND d.closed IS NOT NULL THEN "
                 "cr.share "
                 "ELSE 0 END), SUM(CASE WHEN d.status = 'lost' AND d.closed IS NOT NULL THEN "
                 "cr.share "
                 "ELSE 0 END) FROM cr JOIN deals d ON d.id = cr.row_id GROUP BY cr.holder, cr.hid "
                 "ORDER BY cr.holder, cr.hid",
    [FEED_CHECK_ACTIVITIES] =
        "SELECT CASE WHEN owner_id IS NULL THEN 'n' ELSE 'p' END, COALESCE(owner_id, 0), "
        "SUM(CASE WHEN type = 'visit' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN type = 'call' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN type = 'meeting' THEN 1 ELSE 0 END) FROM activities "
        "GROUP BY 1, 2 ORDER BY 1, 2",
    [FEED_CHECK_ACTIVE] = "SELECT CAST(substr(o.date, 1, 4) AS INTEGER), "
                          "COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON "
                          "l.order_id = o.id GROUP BY 1 ORDER BY 1",
};

enum at_status store_feed(struct db *db, enum store_feed feed, store_feed_fn fn, void *ctx,
                          struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    char buf[1024];
    const char *sql = feed_sql[feed];
    if (feed < (enum store_feed)(sizeof data_feed_sql / sizeof *data_feed_sql) &&
        data_feed_sql[feed]) {
        /* ", a, b FROM ..." becomes "SELECT a, b FROM ..." */
        if ((size_t)snprintf(buf, sizeof buf, "SELECT %s", data_feed_sql[feed] + 2) >= sizeof buf)
            return at_err_set(err, AT_INTERNAL, "feed %d: SQL too long", (int)feed);
        sql = buf;
    }
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
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
    struct at_err e = {AT_OK, ""};
    enum at_status st = db_meta_get(db, "generation", v, sizeof v, &e);
    if (st == AT_NOT_FOUND)
        return AT_OK; /* never written: generation 0 */
    if (st) {
        if (err)
            *err = e;
        return st;
    }
    if (!str_to_i64(v, gen))
        return at_err_set(err, AT_DB, "%s: setting generation is \"%s\"", db->path, v);
    return AT_OK;
}

/* Random 16 bytes as 32 hex digits into OUT (33 bytes). */
static void random_hex(char *out)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, 33, raw, sizeof raw);
}

/* One statement for the counter, so two writers can never both read N and
 * write N+1; and a new random data token, so that a state reached again by
 * another path (a restored backup, then the same number of imports) never
 * has the key of an older snapshot. */
enum at_status store_change_counter(struct db *db, int64_t *out, struct at_err *err)
{
    sqlite3_stmt *st = NULL;
    *out = 0;
    if (sqlite3_prepare_v2(db->conn, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return at_err_set(err, AT_DB, "%s: data_version: %s", db->path, sqlite3_errmsg(db->conn));
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return at_err_set(err, AT_DB, "%s: data_version: %s", db->path, sqlite3_errmsg(db->conn));
    return AT_OK;
}

/* ---- the change log (migration 014) -------------------------------------- */

static enum at_status emit_row(sqlite3_stmt *st, store_feed_fn fn, void *ctx, struct at_err *err);

void store_set_changes_keep(struct db *db, int64_t keep)
{
    db->changes_keep = keep > 0 ? keep : 0;
}

static enum at_status first_int(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    *(int64_t *)ctx = row->n > 0 && !row->null[0] ? row->i[0] : 0;
    return AT_OK;
}

enum at_status store_change_state(struct db *db, int64_t *max_seq, int64_t *pruned_through,
                                  struct at_err *err)
{
    /* max() of the rowid is one seek to the last row */
    static const char max_sql[] = "SELECT max(seq) FROM engine_changes";
    static const char pruned_sql[] =
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes_pruned_through'";
    *max_seq = *pruned_through = 0;
    enum at_status st = store_exec(db, max_sql, NULL, 0, first_int, max_seq, NULL, err);
    return st ? st : store_exec(db, pruned_sql, NULL, 0, first_int, pruned_through, NULL, err);
}

enum at_status store_org_changed_since(struct db *db, int64_t seq, bool *changed,
                                       struct at_err *err)
{
    static const char sql[] = "SELECT EXISTS (SELECT 1 FROM engine_changes WHERE seq > ?1 AND "
                              "src IN (7, 8))"; /* STORE_CH_ORG, STORE_CH_ALL */
    int64_t max = 0, pruned = 0, hit = 1;
    struct store_val p = store_num(seq);
    *changed = true;
    enum at_status st = store_change_state(db, &max, &pruned, err);
    if (!st)
        st = store_exec(db, sql, &p, 1, first_int, &hit, NULL, err);
    if (!st)
        *changed = hit != 0 || pruned > seq || max < seq;
    return st;
}

/* Keep the newest KEEP changes once there are over 2 × KEEP past the last
 * prune: older changes go, and the tokens that would need them. Inside
 * store_touch's writing transaction. */
static enum at_status prune_changes(struct db *db, int64_t max, int64_t pruned, struct at_err *err)
{
    static const char del_changes_sql[] = "DELETE FROM engine_changes WHERE seq <= ?1";
    static const char del_tokens_sql[] = "DELETE FROM engine_tokens WHERE seq < ?1";
    static const char mark_sql[] =
        "INSERT INTO meta(key, value) VALUES ('changes_pruned_through', ?1) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    int64_t keep = db->changes_keep > 0 ? db->changes_keep : STORE_CHANGES_KEEP;
    if (max - pruned <= 2 * keep)
        return AT_OK;
    int64_t cut = max - keep;
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)cut);
    struct store_val p = store_num(cut), t = store_txt(text);
    enum at_status st = store_exec(db, del_changes_sql, &p, 1, NULL, NULL, NULL, err);
    if (!st)
        st = store_exec(db, del_tokens_sql, &p, 1, NULL, NULL, NULL, err);
    return st ? st : store_exec(db, mark_sql, &t, 1, NULL, NULL, NULL, err);
}

static enum at_status token_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    int64_t *found = ctx;
    found[0] = row->i[0];
    found[1] = 1;
    return AT_OK;
}

enum at_status store_token_seq(struct db *db, const char *token, int64_t *seq, struct at_err *err)
{
    static const char sql[] = "SELECT seq FROM engine_tokens WHERE token = ?1";
    int64_t found[2] = {0, 0}; /* seq, rows */
    struct store_val v = store_txt(token ? token : "");
    *seq = 0;
    enum at_status st = store_exec(db, sql, &v, 1, token_row, found, NULL, err);
    if (st)
        return st;
    if (!found[1])
        return at_err_set(err, AT_NOT_FOUND, "%s: data token %s is not in the change log", db->path,
                          token ? token : "(none)");
    *seq = found[0];
    return AT_OK;
}

struct changes_ctx {
    store_change_fn fn;
    void *ctx;
};

static enum at_status change_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    struct changes_ctx *c = ctx;
    return c->fn((int)row->i[0], row->i[1], c->ctx, err);
}

enum at_status store_changes_since(struct db *db, int64_t seq, store_change_fn fn, void *ctx,
                                   struct at_err *err)
{
    static const char sql[] = "SELECT DISTINCT src, row_id FROM engine_changes WHERE seq > ?1 "
                              "ORDER BY src, row_id";
    struct store_val v = store_num(seq);
    struct changes_ctx c = {fn, ctx};
    return store_exec(db, sql, &v, 1, change_row, &c, NULL, err);
}

/* The FROM ... ORDER BY text of each data feed; the feed's first column is
 * its row id ("o.id" for order lines). */
#define AT_FEED_FROM(feed, cols, from) [FEED_##feed] = from,
static const char *const data_feed_from[] = {STORE_FEED_LIST(AT_FEED_FROM)};
#undef AT_FEED_FROM

/* SELECT <feed columns> FROM ... WHERE <id> IN (?1..?N) ORDER BY ... into OUT. */
static enum at_status feed_ids_stmt(struct db *db, enum store_feed feed, size_t n,
                                    sqlite3_stmt **out, struct at_err *err)
{
    const char *cols = data_feed_sql[feed] + 2; /* ", a, b FROM ..." */
    const char *from = data_feed_from[feed];
    size_t cols_len = strlen(cols) - strlen(from) - 1; /* "a, b" */
    const char *first_end = strchr(cols, ',');
    const char *order = strstr(from, " ORDER BY ");
    if (!first_end || first_end > cols + cols_len || !order)
        return at_err_set(err, AT_INTERNAL, "feed %d: no id column or order", (int)feed);
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, "SELECT %.*s %.*s WHERE %.*s IN (", (int)cols_len, cols, (int)(order - from),
               from, (int)(first_end - cols), cols);
    for (size_t k = 0; k < n; k++)
        buf_printf(&b, k ? ", ?%zu" : "?%zu", k + 1);
    buf_printf(&b, ")%s", order);
    enum at_status st = AT_OK;
    if (sqlite3_prepare_v2(db->conn, buf_str(&b), -1, out, NULL) != SQLITE_OK)
        st = db_error(db, err, "feed");
    buf_free(&b);
    return st;
}

enum at_status store_feed_ids(struct db *db, enum store_feed feed, const int64_t *ids, size_t n,
                              store_feed_fn fn, void *ctx, struct at_err *err)
{
    if ((size_t)feed >= sizeof data_feed_sql / sizeof *data_feed_sql || !data_feed_sql[feed] ||
        feed == FEED_MARKETS)
        return at_err_set(err, AT_UNSUPPORTED, "feed %d has no row ids to select", (int)feed);
    for (size_t k = 1; k < n; k++)
        if (ids[k] < ids[k - 1])
            return at_err_set(err, AT_INTERNAL,
                              "store_feed_ids: ids out of order (%lld after %lld at %zu)",
                              (long long)ids[k], (long long)ids[k - 1], k);
    sqlite3_stmt *full = NULL, *part = NULL;
    enum at_status st = AT_OK;
    for (size_t at = 0; at < n && !st; at += STORE_FEED_IDS_BATCH) {
        size_t m = n - at < STORE_FEED_IDS_BATCH ? n - at : STORE_FEED_IDS_BATCH;
        sqlite3_stmt **s = m == STORE_FEED_IDS_BATCH ? &full : &part;
        if (!*s && (st = feed_ids_stmt(db, feed, m, s, err)))
            break;
        for (size_t k = 0; k < m; k++)
            sqlite3_bind_int64(*s, (int)k + 1, ids[at + k]);
        int step;
        while ((step = sqlite3_step(*s)) == SQLITE_ROW)
            if ((st = emit_row(*s, fn, ctx, err)))
                break;
        if (!st && step != SQLITE_DONE)
            st = db_error(db, err, "feed");
        sqlite3_reset(*s);
    }
    sqlite3_finalize(full);
    sqlite3_finalize(part);
    return st;
}

enum at_status store_changes_bulk(struct db *db, struct at_err *err)
{
    if (db->bulk_sql)
        return AT_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                           "name LIKE 'engine\\_%' ESCAPE '\\' ORDER BY name",
                           -1, &st, NULL))
        return db_error(db, err, "engine_changes");
    struct buf drop, make;
    buf_init(&drop, 0);
    buf_init(&make, 0);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *sql = (const char *)sqlite3_column_text(st, 1);
        if (!name || !sql)
            continue;
        buf_printf(&drop, "DROP TRIGGER \"%s\";", name); /* names of our migration */
        buf_printf(&make, "%s;", sql);
    }
    sqlite3_finalize(st);
    enum at_status r = rc == SQLITE_DONE ? AT_OK : db_error(db, err, "engine_changes");
    if (!r && drop.len)
        r = exec(db, buf_str(&drop), err);
    if (!r)
        r = exec(db, "INSERT INTO engine_changes (src, row_id) VALUES (8, 0)", err);
    db->bulk_marker = r ? 0 : sqlite3_last_insert_rowid(db->conn);
    db->bulk_wrote = false;
    buf_free(&drop);
    if (r) {
        buf_free(&make);
        return r;
    }
    db->bulk_sql = buf_take(&make);
    return AT_OK;
}

enum at_status store_bulk_indexes(struct db *db, enum store_table table, int64_t rows,
                                  struct at_err *err)
{
    if (!db->bulk_sql || (unsigned)table >= STORE_TABLE_COUNT)
        return AT_OK;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) FROM %s", tables[table].name);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    int64_t held = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
    sqlite3_finalize(st);
    if (held >= rows) /* adding to a larger table: cheaper than sorting it all again */
        return AT_OK;
    /* CREATE INDEX indexes that constrain nothing (never a UNIQUE one) */
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(?1) l "
                           "ON l.name = m.name WHERE m.type = 'index' AND l.origin = 'c' AND "
                           "l.\"unique\" = 0 AND m.sql IS NOT NULL ORDER BY m.name",
                           -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    sqlite3_bind_text(st, 1, tables[table].name, -1, SQLITE_STATIC);
    struct buf drop, make;
    buf_init(&drop, 0);
    buf_init(&make, 0);
    buf_puts(&make, db->bulk_sql);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *isql = (const char *)sqlite3_column_text(st, 1);
        buf_printf(&drop, "DROP INDEX \"%s\";", name); /* names of our migrations */
        buf_printf(&make, "%s;", isql);
    }
    sqlite3_finalize(st);
    enum at_status r = rc == SQLITE_DONE ? AT_OK : db_error(db, err, tables[table].name);
    if (!r && drop.len)
        r = exec(db, buf_str(&drop), err);
    buf_free(&drop);
    if (r) {
        buf_free(&make);
        return r;
    }
    free(db->bulk_sql);
    db->bulk_sql = buf_take(&make);
    return AT_OK;
}

enum at_status store_changes_bulk_end(struct db *db, struct at_err *err)
{
    if (!db->bulk_sql)
        return AT_OK;
    char *sql = db->bulk_sql;
    db->bulk_sql = NULL;
    enum at_status r = *sql ? exec(db, sql, err) : AT_OK;
    free(sql);
    /* nothing written (an unchanged file): no "everything changed" either,
     * so the snapshot stays good; never seen outside this transaction, so
     * the log's newest seq is as before it */
    static const char unmark_sql[] = "DELETE FROM engine_changes WHERE seq = ?1 AND src = 8";
    struct store_val m = store_num(db->bulk_marker);
    if (!r && !db->bulk_wrote && db->bulk_marker > 0)
        r = store_exec(db, unmark_sql, &m, 1, NULL, NULL, NULL, err);
    db->bulk_marker = 0;
    return r;
}

enum at_status store_touch(struct db *db, struct at_err *err)
{
    static const char gen_sql[] =
        "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
        "SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)";
    static const char token_sql[] =
        "INSERT INTO meta(key, value) VALUES ('data_token', ?1) ON CONFLICT(key) DO UPDATE "
        "SET value = excluded.value";
    static const char token_seq_sql[] =
        "INSERT INTO engine_tokens(token, seq) VALUES (?1, ?2) ON CONFLICT(token) DO UPDATE "
        "SET seq = excluded.seq";
    char token[33];
    random_hex(token);
    struct store_val v = {.type = SV_TEXT, .s = token};
    enum at_status st = store_exec(db, gen_sql, NULL, 0, NULL, NULL, NULL, err);
    if (!st)
        st = store_exec(db, token_sql, &v, 1, NULL, NULL, NULL, err);
    int64_t max = 0, pruned = 0;
    if (!st)
        st = store_change_state(db, &max, &pruned, err);
    if (!st) {
        struct store_val tv[2] = {v, store_num(max)};
        st = store_exec(db, token_seq_sql, tv, 2, NULL, NULL, NULL, err);
    }
    return st ? st : prune_changes(db, max, pruned, err);
}

enum at_status store_data_key(struct db *db, char *out, size_t size, struct at_err *err)
{
    char id[40], token[40] = "0";
    int64_t gen;
    enum at_status st = store_identity(db, id, sizeof id, err);
    if (!st)
        st = store_generation(db, &gen, err);
    if (!st && (st = db_meta_get(db, "data_token", token, sizeof token, err)) == AT_NOT_FOUND) {
        at_err_clear(err);
        snprintf(token, sizeof token, "0");
        st = AT_OK;
    }
    if (st)
        return st;
    /* what else changes the figures a snapshot holds: the schema and the
     * settings, as a short hash so the key stays short */
    char settings[256] = "";
    size_t len = (size_t)snprintf(settings, sizeof settings, "s%d", db_schema_version(db));
    static const char *const keys[] = {"currency", "fiscal_start_month", "time_zone"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0] && len < sizeof settings; i++) {
        char v[64] = "";
        if ((st = db_meta_get(db, keys[i], v, sizeof v, err)) == AT_NOT_FOUND) {
            at_err_clear(err);
            st = AT_OK;
        }
        if (st)
            return st;
        len += (size_t)snprintf(settings + len, sizeof settings - len, "|%s", v);
    }
    unsigned char h[8];
    char hex[17];
    crypto_generichash(h, sizeof h, (const unsigned char *)settings, strlen(settings), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if ((size_t)snprintf(out, size, "%s/%lld/%s/%s", id, (long long)gen, token, hex) >= size)
        return at_err_set(err, AT_INTERNAL, "data key longer than %zu bytes", size);
    return AT_OK;
}

enum at_status store_identity(struct db *db, char *out, size_t size, struct at_err *err)
{
    enum at_status st = db_meta_get(db, "store_id", out, size, err);
    if (st != AT_NOT_FOUND)
        return st;
    at_err_clear(err);
    if (db->read_only) { /* made by the first writer; nothing is saved under it meanwhile */
        snprintf(out, size, "none");
        return AT_OK;
    }
    char hex[33];
    random_hex(hex);
    static const char sql[] =
        "INSERT INTO meta(key, value) VALUES ('store_id', ?1) ON CONFLICT(key) DO NOTHING";
    struct store_val v = {.type = SV_TEXT, .s = hex};
    if ((st = store_exec(db, sql, &v, 1, NULL, NULL, NULL, err)))
        return st;
    return db_meta_get(db, "store_id", out, size, err);
}

enum at_status store_identity_renew(struct db *db, struct at_err *err)
{
    static const char sql[] = "DELETE FROM meta WHERE key = 'store_id'";
    enum at_status st = store_exec(db, sql, NULL, 0, NULL, NULL, NULL, err);
    char id[40];
    return st ? st : store_identity(db, id, sizeof id, err);
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
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            ext = (const char *)sqlite3_column_text(st, 0);
        else if (step != SQLITE_DONE) /* an error, not "no external id" */
            rc = db_error(db, err, tables[table].name);
        if (!rc)
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

enum at_status store_exec(struct db *db, const char *sql, const struct store_val *params, size_t n,
                          store_feed_fn fn, void *ctx, int64_t *last_id, struct at_err *err)
{
    scans_close(db, STORE_TABLE_COUNT);
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

/* ---- for the importer (issue 7) ------------------------------------------ */

enum at_status store_scan_people_details(struct db *db, store_feed_fn fn, void *ctx,
                                         struct at_err *err)
{
    static const char sql[] =
        "SELECT p.id, p.name, p.employee_no, p.email, p.unit_id, u.path FROM people p "
        "LEFT JOIN units u ON u.id = p.unit_id ORDER BY p.id";
    return store_exec(db, sql, NULL, 0, fn, ctx, NULL, err);
}

enum at_status store_scan_customer_owners(struct db *db, store_feed_fn fn, void *ctx,
                                          struct at_err *err)
{
    static const char sql[] =
        "SELECT id, owner_id FROM customers WHERE owner_id IS NOT NULL ORDER BY id";
    return store_exec(db, sql, NULL, 0, fn, ctx, NULL, err);
}

/* ---- --replace: rows missing from an export ------------------------------ */

/* Per table: every row as (id, label); and the rows dated in ?1..?2. NULL:
 * the table has no date (or is never replaced). */
static const char *const replace_all_sql[STORE_TABLE_COUNT] = {
    [STORE_UNITS] = "SELECT id, path FROM units ORDER BY id",
    [STORE_PEOPLE] = "SELECT id, name || ' (' || ext_id || ')' FROM people ORDER BY id",
    [STORE_CUSTOMERS] = "SELECT id, name FROM customers ORDER BY id",
    [STORE_DEALS] = "SELECT id, ext_id FROM deals ORDER BY id",
    [STORE_ORDERS] = "SELECT id, ext_id FROM orders ORDER BY id",
    [STORE_ORDER_LINES] = "SELECT id, ext_id FROM order_lines ORDER BY id",
    [STORE_PAYMENTS] = "SELECT id, ext_id FROM payments ORDER BY id",
    [STORE_ACTIVITIES] = "SELECT id, ext_id FROM activities ORDER BY id",
    [STORE_SURVEYS] = "SELECT id, ext_id FROM surveys ORDER BY id",
    [STORE_MARKETS] = "SELECT id, ext_id FROM markets ORDER BY id",
    [STORE_HOLIDAYS] = "SELECT id, ext_id FROM holidays ORDER BY id",
    [STORE_RATES] = "SELECT id, ext_id FROM rates ORDER BY id",
};

static const char *const replace_dated_sql[STORE_TABLE_COUNT] = {
    [STORE_DEALS] = "SELECT id, ext_id FROM deals "
                    "WHERE COALESCE(closed, expected_close, created) BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_ORDERS] = "SELECT id, ext_id FROM orders WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_ORDER_LINES] = "SELECT l.id, l.ext_id FROM order_lines l JOIN orders o "
                          "ON o.id = l.order_id WHERE o.date BETWEEN ?1 AND ?2 ORDER BY l.id",
    [STORE_PAYMENTS] = "SELECT id, ext_id FROM payments WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_ACTIVITIES] =
        "SELECT id, ext_id FROM activities WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_SURVEYS] = "SELECT id, ext_id FROM surveys WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_MARKETS] =
        "SELECT id, ext_id FROM markets WHERE start_date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_HOLIDAYS] = "SELECT id, ext_id FROM holidays WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    [STORE_RATES] = "SELECT id, ext_id FROM rates WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
};

/* Rows of other tables that refer to row ?1 (goals name people and units in
 * their scope text). */
static const char *const replace_refs_sql[STORE_TABLE_COUNT] = {
    [STORE_UNITS] =
        "SELECT (SELECT COUNT(*) FROM units WHERE parent_id = ?1)"
        " + (SELECT COUNT(*) FROM people WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM customers WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM deals WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM orders WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM payments WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM surveys WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM markets WHERE unit_id = ?1)"
        " + (SELECT COUNT(*) FROM goals WHERE scope_kind = 'unit' AND scope_id = ?1)"
        " + (SELECT COUNT(*) FROM review_decisions WHERE scope_kind = 'unit'"
        "    AND scope_id = ?1)"
        " + (SELECT COUNT(*) FROM scorecards WHERE scope_kind = 'unit' AND scope_id = ?1)"
        " + (SELECT COUNT(*) FROM api_tokens WHERE unit_id = ?1)",
    [STORE_PEOPLE] =
        "SELECT (SELECT COUNT(*) FROM people WHERE manager_id = ?1)"
        " + (SELECT COUNT(*) FROM customers WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM deals WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM orders WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM payments WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM activities WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM surveys WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM credit_splits WHERE person_id = ?1)"
        " + (SELECT COUNT(*) FROM goals WHERE scope_kind IN ('person', 'team') AND scope_id = ?1)"
        " + (SELECT COUNT(*) FROM action_steps WHERE owner_id = ?1)"
        " + (SELECT COUNT(*) FROM checkins WHERE author_id = ?1 OR acked_by = ?1)"
        " + (SELECT COUNT(*) FROM review_decisions WHERE actor_id = ?1"
        "    OR (scope_kind IN ('person', 'team') AND scope_id = ?1))"
        " + (SELECT COUNT(*) FROM forecast_calls WHERE person_id = ?1 OR actor_id = ?1)"
        " + (SELECT COUNT(*) FROM scorecards WHERE scope_kind IN ('person', 'team')"
        "    AND scope_id = ?1)"
        " + (SELECT COUNT(*) FROM users WHERE person_id = ?1)",
    [STORE_CUSTOMERS] = "SELECT (SELECT COUNT(*) FROM deals WHERE customer_id = ?1)"
                        " + (SELECT COUNT(*) FROM orders WHERE customer_id = ?1)"
                        " + (SELECT COUNT(*) FROM payments WHERE customer_id = ?1)"
                        " + (SELECT COUNT(*) FROM activities WHERE customer_id = ?1)"
                        " + (SELECT COUNT(*) FROM surveys WHERE customer_id = ?1)",
    [STORE_ORDERS] = "SELECT COUNT(*) FROM payments WHERE order_id = ?1",
};

static const char *const replace_delete_sql[STORE_TABLE_COUNT] = {
    [STORE_UNITS] = "DELETE FROM units WHERE id = ?1",
    [STORE_PEOPLE] = "DELETE FROM people WHERE id = ?1",
    [STORE_CUSTOMERS] = "DELETE FROM customers WHERE id = ?1",
    [STORE_DEALS] = "DELETE FROM deals WHERE id = ?1",
    [STORE_ORDERS] = "DELETE FROM orders WHERE id = ?1",
    [STORE_ORDER_LINES] = "DELETE FROM order_lines WHERE id = ?1",
    [STORE_PAYMENTS] = "DELETE FROM payments WHERE id = ?1",
    [STORE_ACTIVITIES] = "DELETE FROM activities WHERE id = ?1",
    [STORE_SURVEYS] = "DELETE FROM surveys WHERE id = ?1",
    [STORE_MARKETS] = "DELETE FROM markets WHERE id = ?1",
    [STORE_HOLIDAYS] = "DELETE FROM holidays WHERE id = ?1",
    [STORE_RATES] = "DELETE FROM rates WHERE id = ?1",
};

bool store_table_dated(enum store_table table)
{
    return (unsigned)table < STORE_TABLE_COUNT && replace_dated_sql[table] != NULL;
}

enum at_status store_replace_scan(struct db *db, enum store_table table, const char *start,
                                  const char *end, store_feed_fn fn, void *ctx, struct at_err *err)
{
    if ((unsigned)table >= STORE_TABLE_COUNT || (start && !replace_dated_sql[table]))
        return at_err_set(err, AT_INTERNAL, "store_replace_scan: table %d", (int)table);
    if (!start)
        return store_exec(db, replace_all_sql[table], NULL, 0, fn, ctx, NULL, err);
    struct store_val p[2] = {{.type = SV_TEXT, .s = start}, {.type = SV_TEXT, .s = end}};
    return store_exec(db, replace_dated_sql[table], p, 2, fn, ctx, NULL, err);
}

static enum at_status refs_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    *(int64_t *)ctx = row->null[0] ? 0 : row->i[0];
    return AT_OK;
}

enum at_status store_row_refs(struct db *db, enum store_table table, int64_t id, int64_t *n,
                              struct at_err *err)
{
    *n = 0;
    if ((unsigned)table >= STORE_TABLE_COUNT || !replace_refs_sql[table])
        return AT_OK;
    struct store_val p = {.type = SV_INT, .i = id};
    return store_exec(db, replace_refs_sql[table], &p, 1, refs_row, n, NULL, err);
}

enum at_status store_delete_row(struct db *db, enum store_table table, int64_t id,
                                struct at_err *err)
{
    scans_close(db, STORE_TABLE_COUNT);
    db->bulk_wrote = true;
    static const char splits_sql[] = "DELETE FROM credit_splits WHERE tbl = ?1 AND row_id = ?2";
    static const char lines_sql[] = "DELETE FROM order_lines WHERE order_id = ?1";
    if ((unsigned)table >= STORE_TABLE_COUNT)
        return at_err_set(err, AT_INTERNAL, "store_delete_row: table %d", (int)table);
    struct store_val p[2] = {{.type = SV_TEXT, .s = tables[table].name}, {.type = SV_INT, .i = id}};
    enum at_status st = AT_OK;
    if (table == STORE_DEALS || table == STORE_ORDERS || table == STORE_PAYMENTS)
        st = store_exec(db, splits_sql, p, 2, NULL, NULL, NULL, err);
    if (!st && table == STORE_ORDERS)
        st = store_exec(db, lines_sql, &p[1], 1, NULL, NULL, NULL, err);
    if (!st)
        st = store_exec(db, replace_delete_sql[table], &p[1], 1, NULL, NULL, NULL, err);
    return st;
}

enum at_status store_money_total(struct db *db, enum store_table table, int64_t *total, bool *fits,
                                 struct at_err *err)
{
    static const char *const sql[STORE_TABLE_COUNT] = {
        [STORE_ORDER_LINES] = "SELECT COALESCE(SUM(ABS(amount_rc)), 0) FROM order_lines",
        [STORE_PAYMENTS] = "SELECT COALESCE(SUM(ABS(amount_rc)), 0) FROM payments",
        [STORE_DEALS] = "SELECT COALESCE(SUM(ABS(amount_rc)), 0) FROM deals",
        [STORE_MARKETS] = "SELECT COALESCE(SUM(ABS(amount_rc)), 0) FROM markets",
    };
    *total = 0;
    *fits = true;
    if ((unsigned)table >= STORE_TABLE_COUNT || !sql[table])
        return AT_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql[table], -1, &st, NULL))
        return db_error(db, err, tables[table].name);
    int rc = sqlite3_step(st);
    enum at_status r = AT_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER)
        *total = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_ROW || strstr(sqlite3_errmsg(db->conn), "integer overflow"))
        *fits = false; /* beyond int64 (an error) or turned into a real */
    else
        r = db_error(db, err, tables[table].name);
    sqlite3_finalize(st);
    return r;
}

/* ---- backup and restore --------------------------------------------------- */

/* Is FILE the database of DB itself (or its -wal/-shm)? */
static bool same_file(struct db *db, const char *file)
{
    struct stat a, b;
    if (stat(file, &a) != 0)
        return false;
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", db->path, suffix[i]);
        if (stat(p, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return true;
    }
    return false;
}

/* The whole of SRC into DST (the online backup API, one step: one read
 * transaction of SRC, so one consistent state). */
static int copy_db(sqlite3 *dst, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return sqlite3_errcode(dst);
    int rc = sqlite3_backup_step(b, -1);
    int fin = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? fin : rc;
}

/* "ok" from PRAGMA integrity_check (or quick_check) of CONN, else its first line in OUT. */
static bool integrity_ok(sqlite3 *conn, const char *pragma, char *out, size_t size)
{
    sqlite3_stmt *st = NULL;
    bool ok = false;
    snprintf(out, size, "%s", "cannot be read");
    if (sqlite3_prepare_v2(conn, pragma, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        ok = v && strcmp(v, "ok") == 0;
        snprintf(out, size, "%s", v ? v : "?");
    } else if (st || conn) {
        snprintf(out, size, "%s", sqlite3_errmsg(conn));
    }
    sqlite3_finalize(st);
    return ok;
}

enum at_status store_backup(struct db *db, const char *file, bool force, struct at_err *err)
{
    if (same_file(db, file))
        return at_err_set(err, AT_INVALID, "%s: that is the database itself; give another file",
                          file);
    struct stat sb;
    if (!force && lstat(file, &sb) == 0)
        return at_err_set(err, AT_CONFLICT,
                          "%s exists; give another file, or --force to replace it", file);
    /* a temporary beside FILE, made with O_EXCL (never follows a planted link),
     * renamed or linked into place when whole and checked */
    char tmp[4200];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", file) >= sizeof tmp)
        return at_err_set(err, AT_INVALID, "%s: the path is too long", file);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return at_err_set(err, AT_IO, "%s: cannot create a file there: %s", file, strerror(errno));
    close(fd);
    enum at_status st = AT_OK;
    sqlite3 *dst = NULL;
    char why[256];
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "%s: %s", file, dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    int rc = copy_db(dst, db->conn);
    if (rc != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "backup to %s: %s", file, sqlite3_errstr(rc));
        goto out;
    }
    if (!integrity_ok(dst, "PRAGMA integrity_check", why, sizeof why)) {
        st = at_err_set(err, AT_IO, "backup to %s: the copy fails its integrity check: %s", file,
                        why);
        goto out;
    }
    /* one self-contained file: the copy's log folded in and removed */
    if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "backup to %s: %s", file, sqlite3_errmsg(dst));
        goto out;
    }
    sqlite3_close(dst);
    dst = NULL;
    if ((fd = open(tmp, O_RDONLY)) >= 0) {
        if (fsync(fd) != 0)
            st = at_err_set(err, AT_IO, "backup to %s: %s", file, strerror(errno));
        close(fd);
    }
    if (st)
        goto out;
    if (force ? rename(tmp, file) != 0 : link(tmp, file) != 0)
        st = at_err_set(err, errno == EEXIST ? AT_CONFLICT : AT_IO, "%s: %s%s", file,
                        errno == EEXIST ? "exists" : strerror(errno),
                        errno == EEXIST ? "; give another file, or --force to replace it" : "");
out:
    sqlite3_close(dst);
    unlink(tmp); /* after link(), or a failed copy */
    return st;
}

enum at_status store_check_file(const char *file, int *schema, struct at_err *err)
{
    *schema = 0;
    char head[16] = {0};
    int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return at_err_set(err, errno == ENOENT ? AT_NOT_FOUND : AT_IO, "%s: %s", file,
                          strerror(errno));
    struct stat sb;
    bool regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    ssize_t got = regular ? read(fd, head, sizeof head) : 0;
    close(fd);
    if (!regular)
        return at_err_set(err, AT_INVALID, "%s: not a regular file", file);
    if (got != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return at_err_set(err, AT_INVALID, "%s: not an attain database (not an SQLite file)", file);
    sqlite3 *c = NULL;
    enum at_status st = AT_OK;
    char why[256];
    sqlite3_stmt *q = NULL;
    if (sqlite3_open_v2(file, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "%s: %s", file, c ? sqlite3_errmsg(c) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(c, 2000);
    if (!integrity_ok(c, "PRAGMA quick_check", why, sizeof why)) {
        st = at_err_set(err, AT_INVALID, "%s: damaged (%s)", file, why);
        goto out;
    }
    if (sqlite3_prepare_v2(c, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        *schema = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    q = NULL;
    int n_tables = 0;
    if (sqlite3_prepare_v2(c,
                           "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                           "('meta', 'people', 'order_lines', 'goals')",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n_tables = sqlite3_column_int(q, 0);
    if (*schema < 1 || n_tables != 4)
        st = at_err_set(err, AT_INVALID, "%s: not an attain database (no attain tables)", file);
    else if (*schema > db_schema_latest())
        st = at_err_set(err, AT_UNSUPPORTED,
                        "%s: schema version %d is newer than this attain knows (%d); upgrade "
                        "attain",
                        file, *schema, db_schema_latest());
out:
    sqlite3_finalize(q);
    sqlite3_close(c);
    return st;
}

enum at_status store_restore(struct db *db, const char *file, struct at_err *err)
{
    if (db->depth || db->read_depth)
        return at_err_set(err, AT_INTERNAL, "%s: restore inside a transaction", db->path);
    if (same_file(db, file))
        return at_err_set(err, AT_INVALID, "%s: that is the database itself", file);
    int schema;
    enum at_status st = store_check_file(file, &schema, err);
    if (st)
        return st;
    sqlite3 *src = NULL;
    if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        st = at_err_set(err, AT_IO, "%s: %s", file, src ? sqlite3_errmsg(src) : "out of memory");
        sqlite3_close(src);
        return st;
    }
    sqlite3_busy_timeout(src, 2000);
    /* the copy is one write transaction of the live database (it waits for
     * the write lock like any writer): readers see the old data or the new,
     * and a killed restore leaves the old */
    int rc = copy_db(db->conn, src);
    sqlite3_close(src);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_BUSY && db->gave_up)
            return busy_error(db, err);
        return at_err_set(err, AT_DB, "restore %s into %s: %s%s", file, db->path,
                          sqlite3_errstr(rc),
                          (rc & 0xff) == SQLITE_READONLY ? " (the page sizes differ?)" : "");
    }
    /* statements prepared on the old schema are prepared again on use; an
     * older schema is brought up to date; then a new identity, so that no
     * snapshot or cache made before the restore is ever taken for it */
    st = migrate(db, err);
    if (!st)
        st = db_begin(db, err);
    if (!st) {
        static const char clear_sql[] = "DELETE FROM meta WHERE key = 'writer'";
        st = store_exec(db, clear_sql, NULL, 0, NULL, NULL, NULL, err);
        if (!st)
            st = store_identity_renew(db, err);
        if (!st)
            st = store_touch(db, err);
        if (!st)
            st = db_commit(db, err);
        if (st)
            db_rollback(db);
    }
    return st;
}
