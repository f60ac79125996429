/*
 * test_cli_dispatch.c — the command table says which commands work on the
 * database (DB_OPEN) and cli_open gives those (and only those) one connection
 * per run, with the request context filled from the command line's context.
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

#include "app/app.h"
#include "cli/commands.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Every command and whether it works on an existing database (the command
 * table's rule, written out by hand). */
static const struct {
    const char *name;
    enum command_db db;
} want[] = {
    {"backup", DB_OPEN},  {"checkin", DB_OPEN},   {"restore", DB_OPEN}, {"review", DB_OPEN},
    {"serve", DB_NONE},
    {"channel", DB_OPEN}, {"config", DB_OPEN},    {"digest", DB_OPEN},  {"notify", DB_OPEN},
    {"demo", DB_NONE},    {"engine", DB_OPEN},    {"explain", DB_OPEN}, {"forecast", DB_OPEN},
    {"goal", DB_OPEN},    {"scorecard", DB_OPEN}, {"help", DB_NONE},    {"import", DB_OPEN},
    {"init", DB_NONE},    {"ls", DB_OPEN},        {"metric", DB_OPEN},  {"objective", DB_OPEN},
    {"period", DB_OPEN},  {"plan", DB_OPEN},      {"report", DB_OPEN},  {"summary", DB_OPEN},
    {"token", DB_OPEN},   {"user", DB_OPEN},      {"version", DB_NONE},
};

static void test_table_flags(void **state)
{
    (void)state;
    size_t n = 0;
    for (const struct command *c = commands; c->name; c++)
        n++;
    assert_int_equal(n, N_OF(want));
    for (size_t i = 0; i < N_OF(want); i++) {
        const struct command *c = command_find(want[i].name);
        if (!c)
            fail_msg("no command %s", want[i].name);
        if (c->db != want[i].db)
            fail_msg("%s: db %d, want %d", c->name, c->db, want[i].db);
    }
}

static void test_open_once(void **state)
{
    (void)state;
    char dir[] = "/tmp/attain-dispatch-XXXXXX", db[64];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct at_err err = {0};
    struct app *made;
    struct init_options io = {0};
    assert_int_equal(app_init(db, &io, &made, &err), AT_OK);
    app_close(made);

    struct cli_ctx ctx = {.db_path = db, .lang = "zh", .actor = "王芳", .today = 20000};
    struct app *a = NULL, *b = NULL;
    /* a DB_NONE command gets no connection */
    ctx.cmd = command_find("help");
    assert_int_equal(cli_open(&ctx, &a, &err), AT_INTERNAL);
    assert_null(ctx.app);
    /* a DB_OPEN command: opened once, with the request context */
    ctx.cmd = command_find("metric");
    assert_int_equal(cli_open(&ctx, &a, &err), AT_OK);
    assert_int_equal(cli_open(&ctx, &b, &err), AT_OK);
    assert_ptr_equal(a, b);
    assert_ptr_equal(ctx.app, a);
    assert_int_equal(a->req.today, 20000);
    assert_int_equal(a->req.as_of, 0);
    assert_int_equal(app_day(&a->req), 20000);
    assert_string_equal(a->req.lang, "zh");
    assert_string_equal(a->req.actor, "王芳");
    app_close(ctx.app);
    /* a missing database is an error and leaves no connection */
    struct cli_ctx miss = {.db_path = "/nonexistent/x.db", .lang = "en", .today = 1};
    miss.cmd = command_find("metric");
    assert_int_not_equal(cli_open(&miss, &a, &err), AT_OK);
    assert_null(miss.app);
    unlink(db);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_flags),
        cmocka_unit_test(test_open_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
