/*
 * test_app.c — the app layer without the CLI: a temporary database made by
 * app_init, small CSV files imported by app_import, metrics asked through
 * app_metric and goals through app_goal_build/app_goal_save/app_goal_get/
 * app_goal_actual. Every expected figure is worked out by hand from the
 * files below (the sums are written out beside each assertion).
 *
 * The company (CNY, 2 decimals):
 *   units  华东/上海, 华东/杭州, 华南
 *   people 丁一 (华东), 万二 (华东/上海, -> 丁一), 严三 (华东/上海, -> 万二),
 *          乔五 (华东/杭州, -> 万二), 任六 (华南, -> 丁一)
 *   customers C1 C2 C3
 *   orders  O001 2021-01-05 C1 严三              A 1000.00 + B 500.00 = 1500.00
 *           O002 2021-01-20 C2 乔五              B 300.00
 *           O003 2021-02-10 C3 unit 华南 (nobody) A 2000.00
 *           O004 2021-02-15 C1 严三 60% 乔五 40%  A 1234.50 (740.70 / 493.80)
 *           O005 2021-03-18 C3 任六              A 900.00
 *           O006 2021-04-02 C2 乔五              A 100.00   (Q2)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "app/app.h"
#include "app/goals.h"
#include "app/import.h"
#include "app/metrics.h"
#include "domain/value.h"
#include "domain/calendar.h"
#include "domain/goal.h"

#include "small_company.h"

static int setup(void **state)
{
    return small_company_setup(state, "app");
}

/* The single value of METRIC for SCOPE over PERIOD as of AS_OF. */
static void metric_is(struct app *app, const char *metric, const char *scope, const char *period,
                      const char *as_of, const char *want)
{
    struct metric_query q = {.metric = metric, .period = period, .scope = scope, .as_of = as_of};
    struct metric_result r;
    struct at_err err = {AT_OK, ""};
    enum at_status st = app_metric(app, &q, &r, &err);
    if (st)
        fail_msg("%s %s %s: %s", metric, scope, period, err.msg);
    char got[64] = "";
    if (r.n_rows)
        typed_value_format(&r.rows[0].value, currency_exponent(r.currency), got, sizeof got);
    if (r.n_rows != 1 || strcmp(got, want) != 0)
        fail_msg("%s %s %s: %zu rows, \"%s\", want \"%s\"", metric, scope, period, r.n_rows, got,
                 want);
    metric_result_free(&r);
}

struct metric_case {
    const char *metric, *scope, *period, *want;
};

static void test_metrics(void **state)
{
    struct fixture *f = *state;
    static const struct metric_case cases[] = {
        /* Q1: 1500.00 + 300.00 + 2000.00 + 1234.50 + 900.00 */
        {"revenue", "company", "2021-Q1", "5934.50"},
        /* + O006 100.00 in April */
        {"revenue", "company", "2021", "6034.50"},
        /* 严三: O001 1500.00 + 60% of 1234.50 = 740.70 */
        {"revenue", "person:严三", "2021-Q1", "2240.70"},
        /* 乔五: O002 300.00 + 40% of 1234.50 = 493.80 */
        {"revenue", "person:乔五", "2021-Q1", "793.80"},
        /* 华东 holds 丁一, 万二, 严三 (上海) and 乔五 (杭州): 2240.70 + 793.80 */
        {"revenue", "unit:华东", "2021-Q1", "3034.50"},
        /* 华南: O003 credited to the unit 2000.00 + 任六's O005 900.00 */
        {"revenue", "unit:华南", "2021-Q1", "2900.00"},
        /* 万二's team: 严三 and 乔五 (万二 sold nothing) */
        {"revenue", "team:万二", "2021-Q1", "3034.50"},
        /* January: O001 1500.00 + O002 300.00 */
        {"revenue", "company", "2021-01", "1800.00"},
        /* five orders in Q1 (O001 has two lines, one order) */
        {"orders", "company", "2021-Q1", "5"},
        /* C1 (O001 O004), C2 (O002), C3 (O003 O005) */
        {"active_customers", "company", "2021-Q1", "3"},
        /* nothing in 2020 */
        {"revenue", "company", "2020", "0.00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        metric_is(f->app, cases[i].metric, cases[i].scope, cases[i].period, "2021-12-31",
                  cases[i].want);
}

/* A re-import changes nothing; a file with a bad row writes nothing. */
static void test_import_all_or_nothing(void **state)
{
    struct fixture *f = *state;
    struct import_report rep;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(import_text(f->app, IMPORT_ORDERS, orders_csv, &rep, &err), AT_OK);
    assert_int_equal(rep.rows, 7); /* seven lines of data */
    assert_int_equal(rep.counts[STORE_ORDERS].inserted, 0);
    assert_int_equal(rep.counts[STORE_ORDERS].updated, 0);
    assert_int_equal(rep.counts[STORE_ORDERS].unchanged, 6); /* O001..O006 */
    import_report_free(&rep);

    /* O007 is good, O008 names a customer nobody imported: the file is refused whole */
    static const char bad[] = "id,date,customer,owner,unit,product,amount\n"
                              "O007,2021-03-01,C1,严三,,A,5000\n"
                              "O008,2021-03-02,C9,严三,,A,7000\n";
    err = (struct at_err){AT_OK, ""};
    assert_int_equal(import_text(f->app, IMPORT_ORDERS, bad, &rep, &err), AT_INVALID);
    assert_int_equal(rep.n_errors, 1);
    assert_false(rep.written);
    assert_non_null(strstr(rep.errors.data, "C9"));
    import_report_free(&rep);
    metric_is(f->app, "revenue", "company", "2021-Q1", "2021-12-31", "5934.50");
}

static void test_goal(void **state)
{
    struct fixture *f = *state;
    struct goal_fields gf = {.metric = "revenue",
                             .scope = "person:严三",
                             .period = "2021-Q1",
                             .target = "3000",
                             .as_of = "2021-03-31"};
    struct goal g;
    struct goal_meta meta;
    struct at_err err = {AT_OK, ""};
    if (app_goal_build(f->app, &gf, "en", &g, &meta, &err) ||
        app_goal_save(f->app, &g, &meta, &err))
        fail_msg("goal: %s", err.msg);
    assert_true(g.id > 0);

    struct goal back;
    assert_int_equal(app_goal_get(f->app, g.id, &back, NULL, &err), AT_OK);
    assert_string_equal(back.scope, "person:严三");
    assert_int_equal(back.target, 300000LL * GOAL_SCALE); /* ¥3000.00 = 300000 fen, ×10^4 */
    assert_int_equal(back.period.start, cal_from_ymd(2021, 1, 1));
    assert_int_equal(back.period.end, cal_from_ymd(2021, 3, 31));

    /* actuals through the as-of day: 01-31 only O001 (1500.00); 03-31 all of
     * 严三's Q1 (2240.70) */
    struct {
        int32_t as_of;
        int64_t fen;
    } at[] = {{cal_from_ymd(2021, 1, 31), 150000},
              {cal_from_ymd(2021, 2, 14), 150000},
              {cal_from_ymd(2021, 2, 15), 224070},
              {cal_from_ymd(2021, 3, 31), 224070},
              {cal_from_ymd(2021, 12, 31), 224070}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        struct metric_value v;
        if (app_goal_actual(f->app, &back, at[i].as_of, &v, &err))
            fail_msg("actual: %s", err.msg);
        assert_int_equal(goal_value_scaled(&v), at[i].fen * GOAL_SCALE);
    }

    /* a goal for somebody who is not there is refused, naming them */
    struct goal_fields bad = {.metric = "revenue",
                              .scope = "person:nobody",
                              .period = "2021-Q1",
                              .target = "1",
                              .as_of = "2021-03-31"};
    err = (struct at_err){AT_OK, ""};
    assert_int_not_equal(app_goal_build(f->app, &bad, "en", &g, &meta, &err), AT_OK);
    assert_non_null(strstr(err.msg, "nobody"));
}

/*
 * A database whose settings cannot be read is an error, not the default
 * currency: app_open used to pass no error record to the settings read and
 * took any failure for "not set" (CNY, fiscal year from January).
 */
static void test_unreadable_settings(void **state)
{
    (void)state;
    char dir[64], db[96];
    snprintf(dir, sizeof dir, "/tmp/attain-test-app-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct app *app;
    struct init_options io = {.currency = "USD", .holidays = "none"};
    struct at_err err = {AT_OK, ""};
    assert_int_equal(app_init(db, &io, &app, &err), AT_OK);
    assert_string_equal(app->currency, "USD");
    app_close(app);

    sqlite3 *conn;
    assert_int_equal(sqlite3_open(db, &conn), SQLITE_OK);
    assert_int_equal(sqlite3_exec(conn, "DROP TABLE meta", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(conn);

    err = (struct at_err){AT_OK, ""};
    enum at_status st = app_open(db, &app, &err);
    if (st == AT_OK) {
        char cur[CURRENCY_LEN];
        memcpy(cur, app->currency, sizeof cur);
        app_close(app);
        fail_msg("app_open read a database without settings as %s", cur);
    }
    assert_int_equal(st, AT_DB);
    assert_non_null(strstr(err.msg, "meta"));

    char p[128];
    const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        snprintf(p, sizeof p, "%s%s", db, tails[i]);
        unlink(p);
    }
    rmdir(dir);
}

/*
 * A holiday calendar that cannot be read to its end is an error, not a
 * shorter calendar: the store's scan stopped at the first failing step and
 * reported success. The holidays table is replaced by a view whose second row
 * fails at run time (abs of the smallest integer overflows).
 */
static void test_unreadable_holidays(void **state)
{
    struct fixture *f = *state;
    app_close(f->app);
    f->app = NULL;
    sqlite3 *conn;
    assert_int_equal(sqlite3_open(f->db, &conn), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(conn,
                          "DROP TABLE holidays; CREATE VIEW holidays(date, kind) AS "
                          "SELECT '2026-01-01', 'holiday' UNION ALL "
                          "SELECT abs(-9223372036854775807 - 1), 'holiday'",
                          NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s", msg);
    sqlite3_close(conn);

    struct at_err err = {AT_OK, ""};
    assert_int_equal(app_open(f->db, &f->app, &err), AT_OK);
    struct cal_holidays h = {0};
    enum at_status st = app_holidays(f->app, &h, &err);
    free(h.days);
    assert_int_equal(st, AT_DB);
    assert_non_null(strstr(err.msg, "holidays"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_metrics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goal, setup, teardown),
        cmocka_unit_test(test_unreadable_settings),
        cmocka_unit_test_setup_teardown(test_unreadable_holidays, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
