/*
 * test_app_today.c — unit tests of app_today_at (the day a server request is
 * answered for: the instant in the database's time zone) and of
 * app_change_counter (it moves when another connection commits). Expected
 * days are worked out by hand from the UTC instant plus the zone's offset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/settings.h"
#include "domain/calendar.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

static void test_today_at(void **state)
{
    (void)state;
    /* 1798761600 = 2027-01-01T00:00:00Z (by hand: 57 years of days since 1970) */
    static const struct {
        int has_tz;
        int32_t offset; /* seconds east of UTC */
        int64_t now;
        const char *want;
    } cases[] = {
        {1, 8 * 3600, 1798761600 - 8 * 3600 - 1, "2026-12-31"}, /* 23:59:59 in +08 */
        {1, 8 * 3600, 1798761600 - 8 * 3600, "2027-01-01"},     /* midnight in +08 */
        {1, 0, 1798761600 - 1, "2026-12-31"},
        {1, 0, 1798761600, "2027-01-01"},
        {1, -5 * 3600, 1798761600 + 4 * 3600, "2026-12-31"}, /* 23:00 the day before in -05 */
        {1, -5 * 3600, 1798761600 + 5 * 3600, "2027-01-01"},
        {1, 0, -1, "1969-12-31"}, /* before 1970: floor, not truncation */
        {1, 0, 0, "1970-01-01"},
        {0, 8 * 3600, 1798761600, "2000-02-29"}, /* no zone: the front end's day */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct app app;
        memset(&app, 0, sizeof app);
        app.has_tz = cases[i].has_tz;
        tz_fixed(&app.tz, "test", cases[i].offset);
        int32_t got = app_today_at(&app, cases[i].now, D("2000-02-29"));
        char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
        if (got != D(cases[i].want))
            fail_msg("case %zu: %s, want %s", i, cal_format(got, a),
                     cal_format(D(cases[i].want), b));
        tz_free(&app.tz);
    }
}

static void test_change_counter(void **state)
{
    (void)state;
    char dir[] = "/tmp/attain-today-XXXXXX", db[64];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct at_err err = {0};
    struct init_options io = {0};
    struct app *writer, *watcher;
    assert_int_equal(app_init(db, &io, &writer, &err), AT_OK);
    assert_int_equal(app_open(db, &watcher, &err), AT_OK);
    int64_t a, b, c;
    assert_int_equal(app_change_counter(watcher, &a, &err), AT_OK);
    assert_int_equal(app_change_counter(watcher, &b, &err), AT_OK);
    assert_true(a == b); /* nothing changed */
    assert_int_equal(app_setting_set(writer, "base_url", "https://attain.example", &err), AT_OK);
    assert_int_equal(app_change_counter(watcher, &c, &err), AT_OK);
    assert_true(c != b); /* another connection committed */
    int64_t d, e;
    assert_int_equal(app_setting_set(writer, "base_url", "https://other.example", &err), AT_OK);
    assert_int_equal(app_change_counter(watcher, &d, &err), AT_OK);
    assert_true(d != c); /* and again: every commit moves it */
    assert_int_equal(app_change_counter(watcher, &e, &err), AT_OK);
    assert_true(e == d);
    /* writers that come and go (each CLI command is a process of its own) */
    app_close(writer);
    writer = NULL;
    for (int i = 0; i < 3; i++) {
        struct app *w;
        char url[64];
        snprintf(url, sizeof url, "https://w%d.example", i);
        assert_int_equal(app_open(db, &w, &err), AT_OK);
        assert_int_equal(app_setting_set(w, "base_url", url, &err), AT_OK);
        app_close(w);
        int64_t f;
        assert_int_equal(app_change_counter(watcher, &f, &err), AT_OK);
        if (f == e)
            fail_msg("change %d by a writer that closed: the counter did not move", i);
        e = f;
    }
    app_close(watcher);
    char path[128];
    const char *suffix[] = {"", "-wal", "-shm", ".engine"};
    for (size_t i = 0; i < N_ITEMS(suffix); i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* A long-lived app (a server's worker) sees settings another connection
 * changed once it refreshes (before: what it read when it opened). */
static void test_refresh(void **state)
{
    (void)state;
    char dir[] = "/tmp/attain-refresh-XXXXXX", db[64];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct at_err err = {0};
    struct init_options io = {.tz = "UTC"};
    struct app *made, *worker;
    assert_int_equal(app_init(db, &io, &made, &err), AT_OK);
    app_close(made);
    assert_int_equal(app_open(db, &worker, &err), AT_OK);
    assert_int_equal(worker->fiscal_start_month, 1);
    assert_string_equal(worker->tz.name, "UTC");
    struct init_options change = {.tz = "Asia/Shanghai", .fiscal_start_month = 4};
    if (app_init(db, &change, &made, &err) != AT_OK)
        fail_msg("changing the settings: %s", err.msg);
    app_close(made);
    assert_int_equal(worker->fiscal_start_month, 1); /* not read again yet */
    assert_int_equal(app_refresh(worker, &err), AT_OK);
    assert_int_equal(worker->fiscal_start_month, 4);
    assert_string_equal(worker->tz.name, "Asia/Shanghai");
    /* 2026-12-31T16:00Z is 2027-01-01 00:00 in Shanghai (by hand: +8 h) */
    assert_int_equal(app_today_at(worker, 1798761600 - 8 * 3600, 0), D("2027-01-01"));
    app_close(worker);
    char path[128];
    const char *suffix[] = {"", "-wal", "-shm", ".engine"};
    for (size_t i = 0; i < N_ITEMS(suffix); i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_at),
        cmocka_unit_test(test_change_counter),
        cmocka_unit_test(test_refresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
