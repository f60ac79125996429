/*
 * test_store_changes.c — the store's change log for the incremental engine
 * (migration 014): what the triggers log per table and what they do not
 * (no-op and provenance-only updates, unchanged re-imports), the tokens
 * store_touch records and the pruning, and store_feed_ids against the whole
 * feed filtered by hand. Expected changes are written out per step; counts
 * and ids are read back through a separate sqlite3 connection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "app/app.h"
#include "app/import.h"
#include "base/str.h"
#include "store/db.h"

#include "small_company.h"

static int setup(void **state)
{
    return small_company_setup(state, "changes");
}

/* ---- helpers ------------------------------------------------------------- */

/* One integer from SQL on a connection of its own (independent of the store). */
static int64_t sql_int(const char *db_path, const char *sql)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db_path, &c), SQLITE_OK);
    if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(c));
    int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return v;
}

static void sql_run(const char *db_path, const char *sql)
{
    sqlite3 *c;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(db_path, &c), SQLITE_OK);
    sqlite3_exec(c, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (sqlite3_exec(c, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(c);
}

/* Changes as text "src:row_id src:row_id ..." */
static enum at_status add_change(int src, int64_t row_id, void *ctx, struct at_err *err)
{
    (void)err;
    struct buf *b = ctx;
    buf_printf(b, "%s%d:%lld", b->len ? " " : "", src, (long long)row_id);
    return AT_OK;
}

/* The changes since SEQ, as text, into OUT; *SEQ moves to the newest. */
static void changes_since(const char *db_path, int64_t *seq, char *out, size_t size)
{
    struct db *db = NULL;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(db_open(db_path, false, &db, &err), AT_OK);
    struct buf b;
    buf_init(&b, 0);
    assert_int_equal(db_read_begin(db, &err), AT_OK);
    assert_int_equal(store_changes_since(db, *seq, add_change, &b, &err), AT_OK);
    int64_t max, pruned;
    assert_int_equal(store_change_state(db, &max, &pruned, &err), AT_OK);
    db_read_end(db);
    snprintf(out, size, "%s", buf_str(&b));
    buf_free(&b);
    db_close(db);
    /* the newest seq, counted independently */
    assert_int_equal(max, sql_int(db_path, "SELECT COALESCE(max(seq), 0) FROM engine_changes"));
    *seq = max;
}

/* Run SQL, then the changes since the last step must be WANT. */
static void step(const char *db_path, int64_t *seq, const char *sql, const char *want)
{
    char got[4096];
    sql_run(db_path, sql);
    changes_since(db_path, seq, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  logged \"%s\"\n  want   \"%s\"", sql, got, want);
}

static int64_t id_of(const char *db_path, const char *table, const char *ext_id)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE ext_id = '%s'", table, ext_id);
    int64_t id = sql_int(db_path, sql);
    if (id <= 0)
        fail_msg("no %s %s", table, ext_id);
    return id;
}

/* ---- what is logged ------------------------------------------------------ */

/* The imports of the small company logged every row they inserted, as the
 * tables hold them; every touch recorded its token with the newest seq. */
static void test_import_logs(void **state)
{
    struct fixture *f = *state;
    char got[4096], want[4096] = "";
    int64_t seq = 0;
    changes_since(f->db, &seq, got, sizeof got);
    /* the expected set from the tables themselves, in (src, id) order */
    sqlite3 *c;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(c,
                                        "SELECT 1, id FROM orders UNION SELECT 6, id FROM "
                                        "customers UNION SELECT 7, id FROM people UNION "
                                        "SELECT 7, id FROM units ORDER BY 1, 2",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t len = 0, rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        len += (size_t)snprintf(want + len, sizeof want - len, "%s%d:%lld", len ? " " : "",
                                sqlite3_column_int(st, 0), (long long)sqlite3_column_int64(st, 1));
        rows++;
    }
    sqlite3_finalize(st);
    sqlite3_close(c);
    /* 6 orders, 3 customers, people 1..5 and units 1..4 (华东 made for
     * 华东/上海): one org id space, so 5 distinct org ids */
    assert_int_equal(rows, 6 + 3 + 5);
    assert_string_equal(got, want);
    /* 7 order lines + 6 orders + 3 + 5 + 4 rows inserted: one log row each */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_changes"), 7 + 6 + 3 + 5 + 4);

    /* the current token is recorded with the newest seq */
    struct db *db = NULL;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(db_open(f->db, false, &db, &err), AT_OK);
    char token[64];
    assert_int_equal(db_meta_get(db, "data_token", token, sizeof token, &err), AT_OK);
    int64_t tseq = -1, max = -1, pruned = -1;
    assert_int_equal(store_token_seq(db, token, &tseq, &err), AT_OK);
    assert_int_equal(store_change_state(db, &max, &pruned, &err), AT_OK);
    assert_int_equal(tseq, seq);
    assert_int_equal(max, seq);
    assert_int_equal(pruned, 0);
    assert_int_equal(store_token_seq(db, "no-such-token", &tseq, &err), AT_NOT_FOUND);
    assert_non_null(strstr(err.msg, "no-such-token"));
    db_close(db);
    /* one token per import (init without holidays touches nothing), at the
     * rows logged so far: units 4, people +5, customers +3, orders +6 +7 */
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_tokens"), 4);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_tokens WHERE seq IN "
                                    "(4, 9, 12, 25)"),
                     4);
}

/* An unchanged re-import logs nothing and touches nothing; a re-import
 * with one amount changed logs that order alone; a person moved logs them. */
static void test_reimport(void **state)
{
    struct fixture *f = *state;
    char got[4096];
    int64_t seq = 0;
    changes_since(f->db, &seq, got, sizeof got);
    int64_t tokens = sql_int(f->db, "SELECT count(*) FROM engine_tokens");
    small_company_fill(f->app);
    changes_since(f->db, &seq, got, sizeof got);
    assert_string_equal(got, "");
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_tokens"), tokens);

    /* the same rows from another file name and order: provenance only */
    static const char moved_lines[] = "id,date,customer,owner,unit,product,amount\n"
                                      "O006,2021-04-02,C2,乔五,,A,100\n"
                                      "O002,2021-01-20,C2,乔五,,B,300.00\n";
    struct import_report rep;
    struct at_err err = {AT_OK, ""};
    struct import_options o = {.kind = IMPORT_ORDERS,
                               .data = moved_lines,
                               .size = strlen(moved_lines),
                               .path = "other.csv"};
    import_report_init(&rep);
    assert_int_equal(app_import(f->app, &o, &rep, &err), AT_OK);
    import_report_free(&rep);
    changes_since(f->db, &seq, got, sizeof got);
    assert_string_equal(got, "");

    static const char changed[] = "id,date,customer,owner,unit,product,amount\n"
                                  "O002,2021-01-20,C2,乔五,,B,350.00\n";
    import_ok(f->app, IMPORT_ORDERS, changed);
    char want[64];
    snprintf(want, sizeof want, "1:%lld", (long long)id_of(f->db, "orders", "O002"));
    changes_since(f->db, &seq, got, sizeof got);
    assert_string_equal(got, want);
    assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_tokens"), tokens + 1);

    static const char people_moved[] = "name,unit,manager\n丁一,华东,\n万二,华东/上海,丁一\n"
                                       "严三,华东/上海,万二\n乔五,华南,万二\n任六,华南,丁一\n";
    import_ok(f->app, IMPORT_PEOPLE, people_moved);
    snprintf(want, sizeof want, "7:%lld",
             (long long)sql_int(f->db, "SELECT id FROM people "
                                       "WHERE name = '乔五'"));
    changes_since(f->db, &seq, got, sizeof got);
    assert_string_equal(got, want);
}

/* Per table: an insert, an update of a column the engine reads, an update
 * of nothing it reads, a no-op update and a delete, by raw SQL (triggers
 * cover every write path). */
static void test_triggers(void **state)
{
    struct fixture *f = *state;
    const char *d = f->db;
    char got[4096], want[256];
    int64_t seq = 0;
    changes_since(d, &seq, got, sizeof got);
    int64_t o1 = id_of(d, "orders", "O001"), o2 = id_of(d, "orders", "O002");

    /* orders: src 1 */
    step(d, &seq,
         "INSERT INTO orders(id, ext_id, date, currency, row_hash) "
         "VALUES (900, 'X900', '2021-05-01', 'CNY', 0)",
         "1:900");
    step(d, &seq, "UPDATE orders SET date = '2021-05-02' WHERE id = 900", "1:900");
    step(d, &seq, "UPDATE orders SET credit = NULL WHERE id = 900", ""); /* NULL to NULL */
    step(d, &seq, "INSERT INTO source_files (id, path, imported_at) VALUES (99, 'x.csv', 'now')",
         "");
    step(d, &seq, "UPDATE orders SET source_id = 99, source_line = 7, row_hash = 5", "");
    step(d, &seq, "UPDATE orders SET currency = 'USD' WHERE id = 900", ""); /* not a feed column */
    step(d, &seq, "UPDATE orders SET owner_id = NULL WHERE id = 900", "");
    step(d, &seq, "UPDATE orders SET date = date", "");
    step(d, &seq, "UPDATE orders SET id = 901 WHERE id = 900", "1:900 1:901");
    step(d, &seq, "DELETE FROM orders WHERE id = 901", "1:901");

    /* order lines log their order: a line moved logs both */
    snprintf(want, sizeof want, "1:%lld", (long long)o1);
    step(d, &seq,
         "INSERT INTO order_lines(ext_id, order_id, line, amount, amount_rc, row_hash) "
         "SELECT 'O001#9', id, '9', 1, 1, 0 FROM orders WHERE ext_id = 'O001'",
         want);
    step(d, &seq, "UPDATE order_lines SET amount_rc = 2 WHERE ext_id = 'O001#9'", want);
    step(d, &seq, "UPDATE order_lines SET quantity_milli = 5, line = 'x', amount = 7", "");
    snprintf(want, sizeof want, "1:%lld 1:%lld", (long long)(o1 < o2 ? o1 : o2),
             (long long)(o1 < o2 ? o2 : o1));
    step(d, &seq,
         "UPDATE order_lines SET order_id = (SELECT id FROM orders WHERE ext_id = 'O002') "
         "WHERE ext_id = 'O001#9'",
         want);
    snprintf(want, sizeof want, "1:%lld", (long long)o2);
    step(d, &seq, "DELETE FROM order_lines WHERE ext_id = 'O001#9'", want);
    /* an order deleted with its lines (ON DELETE CASCADE) */
    step(d, &seq, "DELETE FROM orders WHERE ext_id = 'O002'", want);
    assert_int_equal(sql_int(d, "SELECT count(*) FROM order_lines WHERE order_id NOT IN "
                                "(SELECT id FROM orders)"),
                     0);

    /* payments 2, deals 3, activities 4, surveys 5 */
    step(d, &seq,
         "INSERT INTO payments(id, ext_id, date, amount, currency, amount_rc, row_hash) "
         "VALUES (5, 'P5', '2021-01-01', 1, 'CNY', 1, 0)",
         "2:5");
    step(d, &seq, "UPDATE payments SET amount_rc = 3", "2:5");
    step(d, &seq, "UPDATE payments SET amount = 9, currency = 'USD', order_id = NULL", "");
    step(d, &seq, "DELETE FROM payments", "2:5");
    step(d, &seq,
         "INSERT INTO deals(id, ext_id, currency, status, row_hash) "
         "VALUES (6, 'D6', 'CNY', 'open', 0), (7, 'D7', 'CNY', 'open', 0)",
         "3:6 3:7");
    step(d, &seq, "UPDATE deals SET status = 'won', closed = '2021-02-01' WHERE id = 7", "3:7");
    step(d, &seq, "UPDATE deals SET stage = 'x' WHERE id = 6", "3:6");
    step(d, &seq, "UPDATE deals SET name = 'n', amount = 5, currency = 'USD'", "");
    step(d, &seq, "DELETE FROM deals", "3:6 3:7");
    step(d, &seq,
         "INSERT INTO activities(id, ext_id, type, date, row_hash) "
         "VALUES (8, 'A8', 'call', '2021-01-01', 0)",
         "4:8");
    step(d, &seq, "UPDATE activities SET type = 'visit'", "4:8");
    step(d, &seq, "UPDATE activities SET note = 'n'", "");
    step(d, &seq, "DELETE FROM activities", "4:8");
    step(d, &seq,
         "INSERT INTO surveys(id, ext_id, date, score, scale, row_hash) "
         "VALUES (9, 'S9', '2021-01-01', 4, 5, 0)",
         "5:9");
    step(d, &seq, "UPDATE surveys SET score = 5", "5:9");
    step(d, &seq, "UPDATE surveys SET source_id = 99", "");
    step(d, &seq, "DELETE FROM surveys", "5:9");

    /* customers 6 */
    int64_t c1 = id_of(d, "customers", "C1");
    snprintf(want, sizeof want, "6:%lld", (long long)c1);
    step(d, &seq, "UPDATE customers SET segment = '中小企业' WHERE ext_id = 'C1'", want);
    step(d, &seq, "UPDATE customers SET industry = 'x', owner_id = NULL, created = 'y'", "");
    step(d, &seq, "INSERT INTO customers(id, ext_id, name, row_hash) VALUES (70, 'C70', 'c', 0)",
         "6:70");
    step(d, &seq, "DELETE FROM customers WHERE id = 70", "6:70");

    /* the org 7: people, units, markets */
    step(d, &seq,
         "INSERT INTO units(id, ext_id, name, path, row_hash) VALUES (50, 'U50', 'u', 'u', 0)",
         "7:50");
    step(d, &seq, "UPDATE units SET name = 'v' WHERE id = 50", "7:50");
    step(d, &seq, "UPDATE units SET source_id = 99", "");
    step(d, &seq, "INSERT INTO people(id, ext_id, name, row_hash) VALUES (60, 'P60', 'p', 0)",
         "7:60");
    step(d, &seq, "UPDATE people SET unit_id = 50 WHERE id = 60", "7:60");
    step(d, &seq, "UPDATE people SET leave_date = '2021-06-30' WHERE id = 60", "7:60");
    step(d, &seq, "UPDATE people SET weight_milli = 500 WHERE id = 60", "7:60");
    step(d, &seq, "UPDATE people SET title = 'boss'", "");
    step(d, &seq,
         "INSERT INTO markets(id, ext_id, unit_id, period, start_date, end_date, amount, currency, "
         "amount_rc, row_hash) VALUES (3, 'M3', 50, '2021', '2021-01-01', '2021-12-31', 1, "
         "'CNY', 1, 0)",
         "7:3");
    step(d, &seq, "UPDATE markets SET amount_rc = 2", "7:3");
    step(d, &seq, "UPDATE markets SET amount = 2, currency = 'USD'", "");
    step(d, &seq, "DELETE FROM markets; DELETE FROM people WHERE id = 60", "7:3 7:60");
    step(d, &seq, "DELETE FROM units WHERE id = 50", "7:50");

    /* nothing the engine reads: goals, holidays, rates, credit_splits, meta */
    step(d, &seq,
         "INSERT INTO rates(ext_id, currency, date, rate_e8, row_hash) "
         "VALUES ('r', 'USD', '2021-01-01', 700000000, 0); "
         "UPDATE meta SET value = value WHERE key = 'currency'",
         "");

    /* a rolled-back write leaves no log */
    int64_t n = sql_int(d, "SELECT count(*) FROM engine_changes");
    step(d, &seq, "BEGIN; UPDATE orders SET date = '2020-01-01'; DELETE FROM activities; ROLLBACK",
         "");
    assert_int_equal(sql_int(d, "SELECT count(*) FROM engine_changes"), n);
}

/* ---- tokens and pruning -------------------------------------------------- */

/* With KEEP = 10 and 7 changes per touch, the log is pruned to the newest
 * 10 whenever over 20 are past the last prune; tokens older than the cut go. */
static void test_prune(void **state)
{
    struct fixture *f = *state;
    struct db *db = NULL;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(db_open(f->db, false, &db, &err), AT_OK);
    store_set_changes_keep(db, 10);
    int64_t base = sql_int(f->db, "SELECT max(seq) FROM engine_changes");
    assert_true(base > 20); /* the company's 25: pruned by the first touch below */
    int64_t max = base, pruned = 0;
    char first_token[64] = "";
    for (int round = 0; round < 12; round++) {
        assert_int_equal(db_begin(db, &err), AT_OK);
        for (int k = 0; k < 7; k++) {
            static const char sql[] =
                "INSERT INTO activities(ext_id, type, date, row_hash) VALUES (?1, 'call', "
                "'2021-01-01', 0)";
            char ext[32];
            snprintf(ext, sizeof ext, "A-%d-%d", round, k);
            struct store_val v = store_txt(ext);
            assert_int_equal(store_exec(db, sql, &v, 1, NULL, NULL, NULL, &err), AT_OK);
        }
        assert_int_equal(store_touch(db, &err), AT_OK);
        assert_int_equal(db_commit(db, &err), AT_OK);
        /* by hand: the rule of store_touch */
        max += 7;
        if (max - pruned > 20)
            pruned = max - 10;
        char token[64];
        assert_int_equal(db_meta_get(db, "data_token", token, sizeof token, &err), AT_OK);
        if (round == 0)
            snprintf(first_token, sizeof first_token, "%s", token);
        int64_t tseq = -1, m = -1, p = -1;
        assert_int_equal(store_token_seq(db, token, &tseq, &err), AT_OK);
        assert_int_equal(store_change_state(db, &m, &p, &err), AT_OK);
        assert_int_equal(m, max);
        assert_int_equal(p, pruned);
        assert_int_equal(tseq, max);
        assert_int_equal(sql_int(f->db, "SELECT min(seq) FROM engine_changes"), pruned + 1);
        assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_changes"), max - pruned);
        assert_int_equal(sql_int(f->db, "SELECT count(*) FROM engine_tokens WHERE seq < "
                                        "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
                                        "'changes_pruned_through')"),
                         0);
    }
    /* 12 rounds: prunes at base+7 and then every third round: the first
     * round's token (seq base+7) is older than the last cut */
    assert_true(pruned > base + 7);
    int64_t tseq;
    assert_int_equal(store_token_seq(db, first_token, &tseq, &err), AT_NOT_FOUND);
    /* what is left since the cut is the last max - pruned inserted activities */
    struct buf b;
    buf_init(&b, 0);
    assert_int_equal(store_changes_since(db, pruned, add_change, &b, &err), AT_OK);
    int64_t last = sql_int(f->db, "SELECT max(id) FROM activities");
    char want[512] = "";
    size_t len = 0;
    for (int64_t id = last - (max - pruned) + 1; id <= last; id++)
        len += (size_t)snprintf(want + len, sizeof want - len, "%s4:%lld", len ? " " : "",
                                (long long)id);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
    db_close(db);
}

/* ---- store_feed_ids ------------------------------------------------------ */

/* Rows of a feed as text lines "v|v|...\n", with the first column apart. */
struct rows {
    struct buf text;
    int64_t *first;
    size_t n, cap;
};

static enum at_status add_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    struct rows *r = ctx;
    for (int k = 0; k < row->n; k++)
        buf_printf(&r->text, "%s%s", k ? "|" : "", row->null[k] ? "NULL" : row->s[k]);
    buf_puts(&r->text, "\n");
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->first = realloc(r->first, r->cap * sizeof *r->first);
    }
    r->first[r->n++] = row->i[0];
    return AT_OK;
}

static void rows_free(struct rows *r)
{
    buf_free(&r->text);
    free(r->first);
}

static void test_feed_ids(void **state)
{
    struct fixture *f = *state;
    /* enough rows for several batches of 500 ids in every feed */
    sql_run(f->db,
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1300) "
            "INSERT INTO orders(ext_id, date, customer_id, owner_id, currency, row_hash) "
            "SELECT 'G' || k, '2021-06-' || printf('%02d', 1 + k % 28), "
            "(SELECT id FROM customers WHERE ext_id = 'C' || (1 + k % 3)), "
            "(SELECT min(id) FROM people) + k % 5, 'CNY', 0 FROM n;"
            "INSERT INTO order_lines(ext_id, order_id, line, product, amount, amount_rc, "
            "row_hash) SELECT o.ext_id || '#' || l.x, o.id, l.x, 'P' || (o.id % 4), o.id * l.x, "
            "o.id * l.x, 0 FROM orders o JOIN (SELECT 1 AS x UNION ALL SELECT 2) l "
            "WHERE o.ext_id LIKE 'G%' AND (l.x = 1 OR o.id % 3 = 0);"
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1100) "
            "INSERT INTO payments(ext_id, date, amount, currency, amount_rc, row_hash) "
            "SELECT 'P' || k, '2021-07-01', k, 'CNY', k, 0 FROM n;"
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1100) "
            "INSERT INTO deals(ext_id, currency, status, amount_rc, row_hash) "
            "SELECT 'D' || k, 'CNY', 'open', k, 0 FROM n;"
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1100) "
            "INSERT INTO activities(ext_id, type, date, row_hash) "
            "SELECT 'A' || k, 'call', '2021-07-01', 0 FROM n;"
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1100) "
            "INSERT INTO surveys(ext_id, date, score, scale, row_hash) "
            "SELECT 'S' || k, '2021-07-01', k % 5, 5, 0 FROM n;");
    struct db *db = NULL;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(db_open(f->db, false, &db, &err), AT_OK);
    static const enum store_feed feeds[] = {FEED_UNITS,       FEED_PEOPLE,   FEED_CUSTOMERS,
                                            FEED_ORDER_LINES, FEED_PAYMENTS, FEED_DEALS,
                                            FEED_ACTIVITIES,  FEED_SURVEYS};
    for (size_t fi = 0; fi < sizeof feeds / sizeof feeds[0]; fi++) {
        struct rows all = {0}, some = {0}, want = {0};
        buf_init(&all.text, 0);
        buf_init(&some.text, 0);
        buf_init(&want.text, 0);
        assert_int_equal(db_read_begin(db, &err), AT_OK);
        assert_int_equal(store_feed(db, feeds[fi], add_row, &all, &err), AT_OK);
        assert_true(all.n > 0);
        /* ids: every other distinct id of the feed, one twice, and ids of no row */
        int64_t *ids = malloc((all.n + 4) * sizeof *ids);
        size_t n = 0, distinct = 0;
        ids[n++] = -5;
        for (size_t k = 0; k < all.n; k++) {
            if (k && all.first[k] == all.first[k - 1])
                continue;
            if (distinct++ % 2 == 0) {
                ids[n++] = all.first[k];
                if (distinct == 3)
                    ids[n++] = all.first[k];
            }
        }
        ids[n++] = all.first[all.n - 1] + 1000;
        /* the whole feed filtered by hand, in its order */
        const char *p = buf_str(&all.text);
        for (size_t k = 0; k < all.n; k++) {
            const char *eol = strchr(p, '\n');
            bool in = false;
            for (size_t j = 0; j < n && !in; j++)
                in = ids[j] == all.first[k];
            if (in)
                buf_printf(&want.text, "%.*s", (int)(eol - p + 1), p);
            p = eol + 1;
        }
        assert_int_equal(store_feed_ids(db, feeds[fi], ids, n, add_row, &some, &err), AT_OK);
        db_read_end(db);
        if (feeds[fi] == FEED_ORDER_LINES || feeds[fi] >= FEED_PAYMENTS)
            assert_true(n > STORE_FEED_IDS_BATCH); /* more than one batch */
        assert_true(some.n > 0);
        assert_string_equal(buf_str(&some.text), buf_str(&want.text));
        /* none: nothing */
        size_t before = some.n;
        assert_int_equal(store_feed_ids(db, feeds[fi], ids, 0, add_row, &some, &err), AT_OK);
        assert_int_equal(some.n, before);
        /* out of order is the caller's bug, named */
        if (n >= 3) {
            int64_t t = ids[1];
            ids[1] = ids[2] + 1;
            ids[2] = t;
            assert_int_equal(store_feed_ids(db, feeds[fi], ids, 3, add_row, &some, &err),
                             AT_INTERNAL);
            assert_non_null(strstr(err.msg, "out of order"));
        }
        free(ids);
        rows_free(&all);
        rows_free(&some);
        rows_free(&want);
    }
    int64_t one = 1;
    assert_int_equal(store_feed_ids(db, FEED_MARKETS, &one, 1, add_row, NULL, &err),
                     AT_UNSUPPORTED);
    assert_int_equal(store_feed_ids(db, FEED_CHECK_ORDERS, &one, 1, add_row, NULL, &err),
                     AT_UNSUPPORTED);
    db_close(db);
}

/* ---- an existing database -------------------------------------------------- */

/* A database at schema 13 with a data token: migrated, its log is empty and
 * its token is recorded at seq 0, so the changes after the migration are all
 * "since" a snapshot built at that token. */
static void test_migrated_token(void **state)
{
    (void)state;
    char dir[] = "/tmp/attain-test-changes-old-XXXXXX", db_path[96];
    assert_non_null(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/old.db", dir);
    glob_t g;
    assert_int_equal(glob("src/store/migrations/0*.sql", 0, NULL, &g), 0);
    struct buf sql;
    buf_init(&sql, 0);
    for (size_t k = 0; k < g.gl_pathc; k++) {
        if (strncmp(strrchr(g.gl_pathv[k], '/') + 1, "014", 3) >= 0)
            continue;
        FILE *fp = fopen(g.gl_pathv[k], "r");
        assert_non_null(fp);
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk - 1, fp)) > 0) {
            chunk[got] = '\0';
            buf_puts(&sql, chunk);
        }
        fclose(fp);
        buf_puts(&sql, "\n");
    }
    globfree(&g);
    buf_puts(&sql,
             "PRAGMA user_version = 13; INSERT INTO meta(key, value) VALUES "
             "('data_token', 'oldtoken'), ('currency', 'CNY');"
             "INSERT INTO units(id, ext_id, name, path, row_hash) VALUES (1, 'U1', 'u', 'u', 0);");
    sql_run(db_path, buf_str(&sql));
    buf_free(&sql);

    struct db *db = NULL;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(db_open(db_path, false, &db, &err), AT_OK);
    assert_int_equal(db_schema_version(db), db_schema_latest());
    int64_t seq = -1, max = -1, pruned = -1;
    assert_int_equal(store_token_seq(db, "oldtoken", &seq, &err), AT_OK);
    assert_int_equal(seq, 0);
    assert_int_equal(store_change_state(db, &max, &pruned, &err), AT_OK);
    assert_int_equal(max, 0); /* the unit stored before the migration is not logged */
    db_close(db);
    sql_run(db_path, "UPDATE units SET name = 'v'");
    char got[64];
    int64_t since = 0;
    changes_since(db_path, &since, got, sizeof got);
    assert_string_equal(got, "7:1");
    const char *const tails[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s%s", db_path, tails[i]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_logs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_triggers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_ids, setup, teardown),
        cmocka_unit_test(test_migrated_token),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
