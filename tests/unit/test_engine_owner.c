/*
 * test_engine_owner.c — the shared engine owner (app/engine_owner.h): the
 * first request waits for the only build; later requests of the same data
 * key share the snapshot; when the key moves, requests get the old snapshot
 * at once while one background build (never two) makes the new one, which
 * is then swapped in; a snapshot held by a request outlives its replacement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/engine_owner.h"
#include "app/import.h"
#include "domain/period.h"
#include "engine/engine.h"
#include "store/db.h"

static char dir[64], path[128];

static void import_text(struct app *app, enum import_kind kind, const char *csv)
{
    struct at_err err = {AT_OK, ""};
    struct import_options o = {.kind = kind, .data = csv, .size = strlen(csv), .path = "t.csv"};
    struct import_report rep;
    import_report_init(&rep);
    enum at_status st = app_import(app, &o, &rep, &err);
    import_report_free(&rep);
    if (st)
        fail_msg("app_import: %s", err.msg);
}

/* The database, its snapshot and their side files, and the folder. */
static void remove_db(void)
{
    const char *const tails[] = {"", ".engine", ".engine.ok", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        char p[200];
        snprintf(p, sizeof p, "%s%s", path, tails[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void key_of(struct app *app, char *key)
{
    struct at_err err;
    assert_int_equal(store_data_key(app->db, key, STORE_DATA_KEY_LEN, &err), AT_OK);
}

static void test_owner(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/attain_owner.XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct at_err err = {AT_OK, ""};
    struct app *app;
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    assert_int_equal(app_init(path, &io, &app, &err), AT_OK);
    import_text(app, IMPORT_UNITS, "path\n华东\n");
    import_text(app, IMPORT_PEOPLE, "name,unit,manager\n甲,华东,\n乙,华东,甲\n");
    import_text(app, IMPORT_CUSTOMERS, "id,name\nC1,晨光科技\n");
    import_text(app, IMPORT_ORDERS,
                "id,date,customer,owner,unit,product,amount\nO1,2021-01-05,C1,甲,,A,100\n");
    char ctx[ENGINE_CONTEXT_MAX], k1[STORE_DATA_KEY_LEN], k2[STORE_DATA_KEY_LEN];
    app_engine_context(app, ctx, sizeof ctx);
    key_of(app, k1);

    struct engine_owner *o;
    assert_int_equal(engine_owner_new(path, ctx, &o, &err), AT_OK);
    /* none yet: the first request waits for the one build */
    const struct engine *a, *b, *c;
    assert_int_equal(engine_owner_acquire(o, k1, &a, &err), AT_OK);
    assert_string_equal(engine_data_key(a), k1);
    assert_int_equal(engine_owner_builds(o), 1);
    /* the same key: the same snapshot, no build */
    assert_int_equal(engine_owner_acquire(o, k1, &b, &err), AT_OK);
    assert_ptr_equal(a, b);
    assert_int_equal(engine_owner_builds(o), 1);
    engine_owner_release(o, b);

    /* the data moves: the old snapshot answers at once, one build starts */
    import_text(app, IMPORT_ORDERS,
                "id,date,customer,owner,unit,product,amount\nO2,2021-01-06,C1,乙,,A,50\n");
    key_of(app, k2);
    assert_string_not_equal(k1, k2);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(engine_owner_acquire(o, k2, &b, &err), AT_OK);
        if (b == a) {
            assert_string_equal(engine_data_key(b), k1); /* the old one, not waited for */
        }
        engine_owner_release(o, b);
    }
    /* the new snapshot is swapped in */
    for (int i = 0; i < 2000; i++) {
        assert_int_equal(engine_owner_acquire(o, k2, &c, &err), AT_OK);
        if (strcmp(engine_data_key(c), k2) == 0)
            break;
        engine_owner_release(o, c);
        c = NULL;
        usleep(5000);
    }
    assert_non_null(c);
    assert_string_equal(engine_data_key(c), k2);
    /* one build for the new key, however many asked */
    assert_int_equal(engine_owner_builds(o), 2);
    assert_ptr_not_equal(a, c);
    /* A, replaced, is still held: it still answers */
    struct engine_stats sa, sc;
    engine_stats(a, &sa);
    engine_stats(c, &sc);
    assert_int_equal(sa.orders, 1);
    assert_int_equal(sc.orders, 2);
    long before = engine_owner_builds(o);
    assert_int_equal(engine_owner_acquire(o, k2, &b, &err), AT_OK);
    assert_ptr_equal(b, c);
    assert_int_equal(engine_owner_builds(o), before);
    engine_owner_release(o, b);
    engine_owner_release(o, c);
    engine_owner_release(o, a); /* the last reference: A is freed */
    engine_owner_free(o);

    /* an app sharing the owner's engine: one snapshot per request */
    assert_int_equal(engine_owner_new(path, ctx, &o, &err), AT_OK);
    app_engine_share(app, o);
    struct engine *e1, *e2;
    assert_int_equal(app_engine(app, &e1, &err), AT_OK);
    assert_int_equal(app_engine(app, &e2, &err), AT_OK);
    assert_ptr_equal(e1, e2);
    assert_string_equal(engine_data_key(e1), k2);
    app_engine_release(app);
    app_close(app);
    engine_owner_free(o);

    remove_db();
}

/* The company's revenue in 2021 as E answers it, in minor units ×10^4. */
static int64_t revenue(const struct engine *e)
{
    struct scope s = {SCOPE_COMPANY, -1};
    struct period p;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(period_parse("2021", 0, 1, &p, &err), AT_OK);
    struct metric_filter f;
    engine_filter_init(&f);
    struct metric_value v;
    assert_int_equal(engine_metric(e, METRIC_REVENUE, &s, &p, &f, p.end, &v, &err), AT_OK);
    return v.num;
}

/* A request after a committed change gets an overlay of the current
 * snapshot with it (no build); the overlay answers with the change; a change
 * of the org cannot be one: a background build makes the next snapshot. */
static void test_overlay(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/attain_owner.XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct at_err err = {AT_OK, ""};
    struct app *app, *writer;
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    assert_int_equal(app_init(path, &io, &app, &err), AT_OK);
    import_text(app, IMPORT_PEOPLE, "name\n甲\n乙\n");
    import_text(app, IMPORT_CUSTOMERS, "id,name\nC1,晨光科技\n");
    import_text(app, IMPORT_ORDERS, "id,date,customer,owner,amount\nO1,2021-01-05,C1,甲,100\n");
    assert_int_equal(app_open(path, &writer, &err), AT_OK);
    char ctx[ENGINE_CONTEXT_MAX], k[STORE_DATA_KEY_LEN];
    app_engine_context(app, ctx, sizeof ctx);
    struct engine_owner *o;
    assert_int_equal(engine_owner_new(path, ctx, &o, &err), AT_OK);
    const struct engine *a, *b, *c;
    key_of(app, k);
    assert_int_equal(engine_owner_acquire_db(o, app->db, k, &a, &err), AT_OK);
    assert_int_equal(engine_owner_builds(o), 1);
    assert_int_equal(revenue(a), 100 * 100 * METRIC_SCALE);
    /* another connection posts an order: the next request includes it */
    import_text(writer, IMPORT_ORDERS, "id,date,customer,owner,amount\nO2,2021-02-05,C1,乙,7.5\n");
    key_of(app, k);
    assert_int_equal(engine_owner_acquire_db(o, app->db, k, &b, &err), AT_OK);
    assert_int_equal(engine_owner_overlays(o), 1);
    assert_int_equal(engine_owner_builds(o), 1);
    assert_string_equal(engine_data_key(b), k);
    assert_int_equal(engine_delta_rows(b), 1);
    assert_int_equal(revenue(b), 10750 * METRIC_SCALE);
    assert_int_equal(revenue(a), 100 * 100 * METRIC_SCALE); /* A, held, is as it was */
    /* a correction: the overlay of the base holds both changes */
    import_text(writer, IMPORT_ORDERS, "id,date,customer,owner,amount\nO1,2021-01-05,C1,甲,90\n");
    key_of(app, k);
    assert_int_equal(engine_owner_acquire_db(o, app->db, k, &c, &err), AT_OK);
    assert_int_equal(engine_owner_overlays(o), 2);
    assert_int_equal(engine_delta_rows(c), 2);
    assert_int_equal(revenue(c), 9750 * METRIC_SCALE);
    engine_owner_release(o, c);
    /* a writer brings the shared engine up to date itself (after an ingest):
     * the next request finds it current */
    import_text(writer, IMPORT_ORDERS, "id,date,customer,owner,amount\nO3,2021-03-05,C1,乙,2.5\n");
    engine_owner_refresh(o, writer->db);
    assert_int_equal(engine_owner_overlays(o), 3);
    key_of(app, k);
    assert_int_equal(engine_owner_acquire_db(o, app->db, k, &c, &err), AT_OK);
    assert_int_equal(engine_owner_overlays(o), 3);
    assert_int_equal(engine_delta_rows(c), 3);
    assert_int_equal(revenue(c), 10000 * METRIC_SCALE);
    engine_owner_release(o, c);
    /* the org changes: no overlay; the build in the background is waited
     * for here (a request would answer from C meanwhile) */
    import_text(writer, IMPORT_PEOPLE, "name\n丙\n");
    key_of(app, k);
    for (int i = 0; i < 500; i++) {
        assert_int_equal(engine_owner_acquire_db(o, app->db, k, &c, &err), AT_OK);
        bool current = strcmp(engine_data_key(c), k) == 0;
        if (current) {
            assert_int_equal(engine_delta_rows(c), 0);
            assert_int_equal(revenue(c), 10000 * METRIC_SCALE);
        }
        engine_owner_release(o, c);
        if (current)
            break;
        usleep(10000);
    }
    assert_int_equal(engine_owner_overlays(o), 3);
    assert_int_equal(engine_owner_builds(o), 2);
    engine_owner_release(o, b);
    engine_owner_release(o, a);
    engine_owner_free(o);
    app_close(writer);
    app_close(app);
    remove_db();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
