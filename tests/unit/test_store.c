/* test_store.c — the store: migrations, upsert results, splits, rates, listings,
 * nested and read transactions, waiting for another writer, backup and restore. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/db.h"

static char path[256];

static int setup(void **state)
{
    snprintf(path, sizeof path, "/tmp/attain-test-store-%d.db", (int)getpid());
    unlink(path);
    struct db *db = NULL;
    struct at_err err;
    if (db_open(path, true, &db, &err) != AT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static void test_schema(void **state)
{
    struct db *db = *state;
    assert_true(db_schema_latest() >= 1);
    assert_int_equal(db_schema_version(db), db_schema_latest());
    struct db *none = NULL;
    struct at_err err;
    assert_int_equal(db_open("/tmp/attain-no-such-dir/x.db", false, &none, &err), AT_NOT_FOUND);
    assert_non_null(strstr(err.msg, "attain --db"));
}

/* Store addresses: sqlite:PATH and a bare path are SQLite; other schemes are
 * refused by name. The data key changes with every touch, the identity only
 * when renewed, and the generation moves by one per touch. */
static void test_uri_identity_and_key(void **state)
{
    struct db *db = *state;
    struct at_err err;
    struct db *other = NULL;
    char uri[300];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    assert_int_equal(db_open(uri, false, &other, &err), AT_OK);
    assert_string_equal(db_path(other), path);
    db_close(other);
    assert_int_equal(db_open("postgres://h/db", false, &other, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "PostgreSQL"));
    assert_int_equal(db_open("ftp://h/db", false, &other, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "unknown backend \"ftp\""));
    assert_int_equal(db_open("sqlite:", false, &other, &err), AT_INVALID);

    char id1[40], id2[40], k1[STORE_DATA_KEY_LEN], k2[STORE_DATA_KEY_LEN];
    int64_t g1, g2;
    assert_int_equal(store_identity(db, id1, sizeof id1, &err), AT_OK);
    assert_int_equal(strlen(id1), 32);
    assert_int_equal(store_identity(db, id2, sizeof id2, &err), AT_OK);
    assert_string_equal(id1, id2);
    assert_int_equal(store_generation(db, &g1, &err), AT_OK);
    assert_int_equal(store_data_key(db, k1, sizeof k1, &err), AT_OK);
    assert_int_equal(store_touch(db, &err), AT_OK);
    assert_int_equal(store_generation(db, &g2, &err), AT_OK);
    assert_int_equal(g2, g1 + 1);
    assert_int_equal(store_data_key(db, k2, sizeof k2, &err), AT_OK);
    assert_string_not_equal(k1, k2);
    assert_true(strncmp(k1, id1, 32) == 0 && strncmp(k2, id1, 32) == 0);
    assert_int_equal(store_identity_renew(db, &err), AT_OK);
    assert_int_equal(store_identity(db, id2, sizeof id2, &err), AT_OK);
    assert_string_not_equal(id1, id2);
}

static void unit_vals(struct store_val *v, const char *name, const char *path_text)
{
    v[COL_UNITS_name] = (struct store_val){.type = SV_TEXT, .s = name};
    v[COL_UNITS_parent_id] = (struct store_val){.type = SV_NULL};
    v[COL_UNITS_path] = (struct store_val){.type = SV_TEXT, .s = path_text};
}

static void test_upsert_results(void **state)
{
    struct db *db = *state;
    struct at_err err;
    struct store_val v[COL_UNITS_COUNT];
    int64_t id1, id2;
    enum store_upsert_result r;
    assert_int_equal(db_begin(db, &err), AT_OK);
    unit_vals(v, "华东", "华东");
    assert_int_equal(store_upsert(db, STORE_UNITS, "E", v, "u.csv", 2, &id1, &r, &err), AT_OK);
    assert_int_equal(r, STORE_INSERTED);
    assert_int_equal(store_upsert(db, STORE_UNITS, "E", v, "u.csv", 2, &id2, &r, &err), AT_OK);
    assert_int_equal(r, STORE_UNCHANGED);
    assert_int_equal(id1, id2);
    unit_vals(v, "华东区", "华东区");
    assert_int_equal(store_upsert(db, STORE_UNITS, "E", v, "u.csv", 3, &id2, &r, &err), AT_OK);
    assert_int_equal(r, STORE_UPDATED);
    assert_int_equal(id1, id2);
    int64_t n = 0;
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 1);
    /* A unique path twice under another external id is a database error, not a crash. */
    assert_int_equal(store_upsert(db, STORE_UNITS, "F", v, "u.csv", 4, &id2, &r, &err), AT_DB);
    assert_non_null(strstr(err.msg, "units"));
    assert_int_equal(db_rollback(db), AT_OK);
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 0);
}

static void test_meta_and_rates(void **state)
{
    struct db *db = *state;
    struct at_err err;
    char out[16];
    assert_int_equal(db_meta_get(db, "currency", out, sizeof out, &err), AT_NOT_FOUND);
    assert_int_equal(db_meta_set(db, "currency", "USD", &err), AT_OK);
    assert_int_equal(db_meta_get(db, "currency", out, sizeof out, &err), AT_OK);
    assert_string_equal(out, "USD");
    struct store_val v[COL_RATES_COUNT] = {
        [COL_RATES_currency] = {.type = SV_TEXT, .s = "EUR"},
        [COL_RATES_date] = {.type = SV_TEXT, .s = "2026-01-01"},
        [COL_RATES_rate_e8] = {.type = SV_INT, .i = 108000000},
    };
    int64_t id, rate = 0;
    enum store_upsert_result r;
    assert_int_equal(store_upsert(db, STORE_RATES, "EUR|2026-01-01", v, "r.csv", 2, &id, &r, &err),
                     AT_OK);
    v[COL_RATES_date].s = "2026-02-01";
    v[COL_RATES_rate_e8].i = 110000000;
    assert_int_equal(store_upsert(db, STORE_RATES, "EUR|2026-02-01", v, "r.csv", 3, &id, &r, &err),
                     AT_OK);
    assert_int_equal(store_rate_on(db, "EUR", "2026-01-31", &rate, &err), AT_OK);
    assert_int_equal(rate, 108000000);
    assert_int_equal(store_rate_on(db, "EUR", "2026-02-01", &rate, &err), AT_OK);
    assert_int_equal(rate, 110000000);
    assert_int_equal(store_rate_on(db, "EUR", "2025-12-31", &rate, &err), AT_NOT_FOUND);
    assert_int_equal(store_rate_on(db, "GBP", "2026-12-31", &rate, &err), AT_NOT_FOUND);
}

struct rows {
    int n;
    char first[128];
};

static enum at_status count_rows(int n_cols, const char *const *cols, const char *const *vals,
                                 void *ctx, struct at_err *err)
{
    (void)err;
    struct rows *r = ctx;
    if (!vals) {
        snprintf(r->first, sizeof r->first, "%s", n_cols ? cols[0] : "");
        return AT_OK;
    }
    r->n++;
    return AT_OK;
}

static void test_splits_and_list(void **state)
{
    struct db *db = *state;
    struct at_err err;
    struct store_val p[COL_PEOPLE_COUNT];
    for (int i = 0; i < COL_PEOPLE_COUNT; i++)
        p[i] = (struct store_val){.type = SV_NULL};
    p[COL_PEOPLE_weight_milli] = (struct store_val){.type = SV_INT, .i = 1000};
    p[COL_PEOPLE_active] = (struct store_val){.type = SV_INT, .i = 1};
    int64_t a, b, d;
    enum store_upsert_result r;
    p[COL_PEOPLE_name] = (struct store_val){.type = SV_TEXT, .s = "甲"};
    assert_int_equal(store_upsert(db, STORE_PEOPLE, "A", p, "p.csv", 2, &a, &r, &err), AT_OK);
    p[COL_PEOPLE_name] = (struct store_val){.type = SV_TEXT, .s = "乙"};
    assert_int_equal(store_upsert(db, STORE_PEOPLE, "B", p, "p.csv", 3, &b, &r, &err), AT_OK);
    struct store_val dv[COL_DEALS_COUNT];
    for (int i = 0; i < COL_DEALS_COUNT; i++)
        dv[i] = (struct store_val){.type = SV_NULL};
    dv[COL_DEALS_owner_id] = (struct store_val){.type = SV_INT, .i = a};
    dv[COL_DEALS_amount] = (struct store_val){.type = SV_INT, .i = 123456};
    dv[COL_DEALS_amount_rc] = dv[COL_DEALS_amount];
    dv[COL_DEALS_currency] = (struct store_val){.type = SV_TEXT, .s = "CNY"};
    dv[COL_DEALS_status] = (struct store_val){.type = SV_TEXT, .s = "won"};
    assert_int_equal(store_upsert(db, STORE_DEALS, "D1", dv, "d.csv", 2, &d, &r, &err), AT_OK);
    int64_t ids[] = {a, b};
    int32_t bp[] = {6000, 4000};
    assert_int_equal(store_set_splits(db, STORE_DEALS, d, ids, bp, 2, &err), AT_OK);
    struct rows rows = {0};
    assert_int_equal(store_list(db, STORE_DEALS, count_rows, &rows, &err), AT_OK);
    assert_int_equal(rows.n, 1);
    assert_string_equal(rows.first, "id");
    /* Replacing the split with none removes it. */
    assert_int_equal(store_set_splits(db, STORE_DEALS, d, NULL, NULL, 0, &err), AT_OK);
}

/* Add unit NAME (its own path) inside whatever transaction is open. */
static void add_unit(struct db *db, const char *name)
{
    struct store_val v[COL_UNITS_COUNT];
    unit_vals(v, name, name);
    int64_t id;
    enum store_upsert_result r;
    struct at_err err;
    assert_int_equal(store_upsert(db, STORE_UNITS, name, v, "t", 1, &id, &r, &err), AT_OK);
}

/*
 * Nested transactions (the demo runs imports and goal saves, each with its own
 * transaction, inside one): an inner commit is kept only if the outermost
 * commits; an inner rollback undoes only its part. Each row: the steps (b
 * begin, w write a unit, c commit, r rollback) and the units stored at the
 * end. Before, a db_begin inside a transaction was an error.
 */
static void test_nested_transactions(void **state)
{
    struct db *db = *state;
    static const struct {
        const char *steps;
        int64_t units;
    } cases[] = {
        {"bwc", 1},       {"bwr", 0},       {"bwbwcc", 2},    {"bwbwrc", 1},
        {"bwbwcr", 0},    {"bwbwbwccr", 0}, {"bwbwbwrcc", 2}, {"bwbwcbwcc", 3},
        {"bwbwrbwcc", 2}, {"r", 0},         {"bwcbwc", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct at_err err;
        static const char del[] = "DELETE FROM units";
        assert_int_equal(store_exec(db, del, NULL, 0, NULL, NULL, NULL, &err), AT_OK);
        int n = 0;
        for (const char *s = cases[i].steps; *s; s++) {
            char name[16];
            switch (*s) {
            case 'b':
                assert_int_equal(db_begin(db, &err), AT_OK);
                break;
            case 'w':
                snprintf(name, sizeof name, "u%d", n++);
                add_unit(db, name);
                break;
            case 'c':
                assert_int_equal(db_commit(db, &err), AT_OK);
                break;
            default:
                assert_int_equal(db_rollback(db), AT_OK);
            }
        }
        int64_t count = -1;
        assert_int_equal(store_count(db, STORE_UNITS, &count, &err), AT_OK);
        if (count != cases[i].units)
            fail_msg("%s: %lld units, want %lld", cases[i].steps, (long long)count,
                     (long long)cases[i].units);
    }
    /* a commit with nothing open is an error, not a silent success */
    struct at_err err;
    assert_int_equal(db_commit(db, &err), AT_DB);
}

/* db_on_commit: the hook runs inside the level it was set at, just before
 * that level commits (so its write commits with it, or goes with an outer
 * rollback), never when the level is rolled back; its context is freed
 * exactly once either way; a failing hook fails the commit. */
struct hook_ctx {
    int runs, frees;
    enum at_status result;
};

static enum at_status hook_write(struct db *db, void *ctx, struct at_err *err)
{
    struct hook_ctx *h = ctx;
    h->runs++;
    if (h->result)
        return at_err_set(err, h->result, "hook refused");
    return db_meta_set(db, "hook_test", "ran", err);
}

static void hook_free(void *ctx)
{
    ((struct hook_ctx *)ctx)->frees++;
}

static bool hook_written(struct db *db)
{
    char v[16];
    struct at_err err;
    return db_meta_get(db, "hook_test", v, sizeof v, &err) == AT_OK && strcmp(v, "ran") == 0;
}

static void test_commit_hook(void **state)
{
    struct db *db = *state;
    /* steps: b begin, h set the hook, c commit, r rollback; then whether it
     * ran and whether its write stayed */
    static const struct {
        const char *steps;
        int runs;
        bool written;
    } cases[] = {
        {"bhc", 1, true},   {"bhr", 0, false},  {"bbhcc", 1, true},  {"bbhcr", 1, false},
        {"bhbcc", 1, true}, {"bhbrc", 1, true}, {"bbhrc", 0, false}, {"bhcbc", 1, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct at_err err;
        static const char del[] = "DELETE FROM meta WHERE key = 'hook_test'";
        assert_int_equal(store_exec(db, del, NULL, 0, NULL, NULL, NULL, &err), AT_OK);
        struct hook_ctx h = {0, 0, AT_OK};
        for (const char *s = cases[i].steps; *s; s++) {
            if (*s == 'b')
                assert_int_equal(db_begin(db, &err), AT_OK);
            else if (*s == 'h')
                assert_int_equal(db_on_commit(db, hook_write, hook_free, &h, &err), AT_OK);
            else if (*s == 'c')
                assert_int_equal(db_commit(db, &err), AT_OK);
            else
                assert_int_equal(db_rollback(db), AT_OK);
        }
        if (h.runs != cases[i].runs || h.frees != 1 || hook_written(db) != cases[i].written)
            fail_msg("%s: %d runs, %d frees, written %d", cases[i].steps, h.runs, h.frees,
                     (int)hook_written(db));
    }
    /* a failing hook fails the commit; the caller rolls back: nothing written */
    struct at_err err;
    struct hook_ctx h = {0, 0, AT_CONFLICT};
    assert_int_equal(db_begin(db, &err), AT_OK);
    add_unit(db, "hooked");
    assert_int_equal(db_on_commit(db, hook_write, hook_free, &h, &err), AT_OK);
    assert_int_equal(db_commit(db, &err), AT_CONFLICT);
    assert_int_equal(db_rollback(db), AT_OK);
    int64_t n = -1;
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(h.runs, 1);
    assert_int_equal(h.frees, 1);
    /* outside a transaction, or twice in one: refused, the context freed */
    struct hook_ctx o = {0, 0, AT_OK};
    assert_int_equal(db_on_commit(db, hook_write, hook_free, &o, &err), AT_INTERNAL);
    assert_int_equal(o.frees, 1);
    assert_int_equal(db_begin(db, &err), AT_OK);
    assert_int_equal(db_on_commit(db, hook_write, hook_free, &h, &err), AT_OK);
    assert_int_equal(db_on_commit(db, hook_write, hook_free, &o, &err), AT_INTERNAL);
    assert_int_equal(o.frees, 2);
    assert_int_equal(db_rollback(db), AT_OK);
    assert_int_equal(h.frees, 2);
    assert_int_equal(o.runs, 0);
}

/*
 * A read transaction sees one state: another connection's commit meanwhile
 * (here a touch: a new data key, and a unit) is not seen until it ends. It
 * nests, and a write inside one is refused.
 */
static void test_read_transaction(void **state)
{
    struct db *db = *state;
    struct db *other = NULL;
    struct at_err err;
    assert_int_equal(db_open(path, false, &other, &err), AT_OK);
    char k1[STORE_DATA_KEY_LEN], k2[STORE_DATA_KEY_LEN];
    int64_t n = -1;
    assert_int_equal(db_read_begin(db, &err), AT_OK);
    assert_int_equal(db_read_begin(db, &err), AT_OK); /* nested: the same one */
    assert_int_equal(store_data_key(db, k1, sizeof k1, &err), AT_OK);
    assert_int_equal(db_begin(other, &err), AT_OK);
    add_unit(other, "seen-later");
    assert_int_equal(store_touch(other, &err), AT_OK);
    assert_int_equal(db_commit(other, &err), AT_OK);
    assert_int_equal(store_data_key(db, k2, sizeof k2, &err), AT_OK);
    assert_string_equal(k1, k2);
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(db_begin(db, &err), AT_INTERNAL);
    db_read_end(db);
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 0); /* still the outer one */
    db_read_end(db);
    assert_int_equal(store_data_key(db, k2, sizeof k2, &err), AT_OK);
    assert_string_not_equal(k1, k2);
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 1);
    db_close(other);
}

struct waits {
    int calls;
    char holder[200];
};

static void on_wait(const char *holder, void *ctx)
{
    struct waits *w = ctx;
    w->calls++;
    snprintf(w->holder, sizeof w->holder, "%s", holder);
}

/* A child process that takes the write lock as "import orders big.csv", says
 * so on FD, holds it HOLD_MS and commits a unit. */
static pid_t hold_lock(int hold_ms)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        struct db *db = NULL;
        struct at_err err;
        int rc = 1;
        if (db_open(path, false, &db, &err) == AT_OK) {
            db_set_writer(db, "import orders big.csv");
            if (db_begin(db, &err) == AT_OK) {
                add_unit(db, "from-the-child");
                rc = write(fds[1], "x", 1) == 1 ? 0 : 1;
                usleep((useconds_t)hold_ms * 1000);
                if (db_commit(db, &err) != AT_OK)
                    rc = 1;
            }
            db_close(db);
        }
        _exit(rc);
    }
    close(fds[1]);
    char c;
    assert_int_equal(read(fds[0], &c, 1), 1);
    close(fds[0]);
    return pid;
}

/*
 * Waiting for another writer: a write while another process holds the write
 * lock (longer than the 5 s SQLite timeout used before would not matter
 * here: the limit is what db_set_wait says) waits, tells the front end once
 * with the holder's label, and proceeds; past the limit it fails with
 * AT_CONFLICT naming the holder, and writes nothing.
 */
static void test_wait_for_writer(void **state)
{
    struct db *db = *state;
    struct at_err err;
    struct waits w = {0};
    db_set_wait(db, 30, on_wait, &w);
    pid_t pid = hold_lock(1500);
    assert_int_equal(db_begin(db, &err), AT_OK);
    add_unit(db, "after-the-child");
    assert_int_equal(db_commit(db, &err), AT_OK);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* the child's work is checked by the count below, not by its status:
     * under valgrind the status carries the leak check of the parent's
     * memory the child inherited (it ends with _exit) */
    assert_true(WIFEXITED(status));
    assert_int_equal(w.calls, 1);
    char want[80];
    snprintf(want, sizeof want, "import orders big.csv (pid %d)", (int)pid);
    assert_string_equal(w.holder, want);
    int64_t n = 0;
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 2);
    /* the label went with the commit */
    char v[100];
    assert_int_equal(db_meta_get(db, "writer", v, sizeof v, &err), AT_NOT_FOUND);

    /* the limit: 1 s against a holder of 3 s */
    static const char del[] = "DELETE FROM units";
    assert_int_equal(store_exec(db, del, NULL, 0, NULL, NULL, NULL, &err), AT_OK);
    db_set_wait(db, 1, NULL, NULL);
    pid = hold_lock(3000);
    assert_int_equal(db_begin(db, &err), AT_CONFLICT);
    snprintf(want, sizeof want, "another writer (import orders big.csv (pid %d))", (int)pid);
    assert_non_null(strstr(err.msg, want));
    assert_non_null(strstr(err.msg, "more than 1 s"));
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 1); /* the child's, none of ours */
}

/* Backup: a checked copy that refuses to overwrite; restore: a file that is
 * not an attain database is refused, a backup brings its data back under a
 * new identity (so no old snapshot key can match). */
static void test_backup_restore(void **state)
{
    struct db *db = *state;
    struct at_err err;
    char file[300], id0[40], id1[40];
    snprintf(file, sizeof file, "%s.bak", path);
    unlink(file);
    add_unit(db, "kept");
    assert_int_equal(store_identity(db, id0, sizeof id0, &err), AT_OK);
    assert_int_equal(store_backup(db, file, false, &err), AT_OK);
    assert_int_equal(store_backup(db, file, false, &err), AT_CONFLICT);
    assert_int_equal(store_backup(db, path, true, &err), AT_INVALID);
    int schema = 0;
    assert_int_equal(store_check_file(file, &schema, &err), AT_OK);
    assert_int_equal(schema, db_schema_latest());
    assert_int_equal(store_check_file("/etc/hostname", &schema, &err), AT_INVALID);
    assert_int_equal(store_check_file("/no/such/file.db", &schema, &err), AT_NOT_FOUND);
    add_unit(db, "gone-after-restore");
    assert_int_equal(store_restore(db, file, &err), AT_OK);
    int64_t n = 0;
    assert_int_equal(store_count(db, STORE_UNITS, &n, &err), AT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_identity(db, id1, sizeof id1, &err), AT_OK);
    assert_string_not_equal(id0, id1);
    assert_int_equal(store_restore(db, path, &err), AT_INVALID);
    unlink(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uri_identity_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upsert_results, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meta_and_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_splits_and_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nested_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_hook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_for_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_restore, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
