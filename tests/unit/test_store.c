/* test_store.c — the store: migrations, upsert results, splits, rates, listings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uri_identity_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upsert_results, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meta_and_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_splits_and_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
