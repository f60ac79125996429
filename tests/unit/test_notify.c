/*
 * test_notify.c — the alert rules, their idempotence, delivery backoff and
 * channel checks of app/notify.c and app/channel.c, through the app layer on
 * a temporary database (no holiday calendar: working days are Mon–Fri).
 *
 * One person 甲 (unit 华东). Orders of 甲: 2021-03-01 100, 03-03 500,
 * 03-22 100, 03-29 400. Goals (revenue, person:甲):
 *   1  2021-03  target 1000   March 2021 has 23 working days
 *   2  2020-12  target 50     ended long before the runs: never alerted
 *   3  2021-02  target 50     no order in February: missed
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
#include "app/channel.h"
#include "app/goals.h"
#include "app/import.h"
#include "app/notify.h"

struct fixture {
    char dir[64];
    char db[96];
    struct app *app;
};

static void import_ok(struct app *app, enum import_kind kind, const char *csv)
{
    struct import_options o = {.kind = kind, .data = csv, .size = strlen(csv), .path = "t.csv"};
    struct import_report rep;
    import_report_init(&rep);
    struct at_err err = {AT_OK, ""};
    if (app_import(app, &o, &rep, &err))
        fail_msg("import: %s", err.msg);
    import_report_free(&rep);
}

static void goal_ok(struct app *app, const char *period, const char *target)
{
    struct goal_fields gf = {.metric = "revenue",
                             .scope = "person:甲",
                             .period = period,
                             .target = target,
                             .cadence = "none", /* the check-in rule: notify_loop.t */
                             .as_of = "2021-03-01"};
    struct goal g;
    struct goal_meta meta;
    struct at_err err = {AT_OK, ""};
    if (app_goal_build(app, &gf, "en", &g, &meta, &err) || app_goal_save(app, &g, &meta, &err))
        fail_msg("goal: %s", err.msg);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/attain-test-notify-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    struct at_err err = {AT_OK, ""};
    if (app_init(f->db, &io, &f->app, &err)) {
        fprintf(stderr, "app_init: %s\n", err.msg);
        return -1;
    }
    import_ok(f->app, IMPORT_UNITS, "path\n华东\n");
    import_ok(f->app, IMPORT_PEOPLE, "name,unit\n甲,华东\n");
    import_ok(f->app, IMPORT_CUSTOMERS, "id,name\nC1,客户一\n");
    import_ok(f->app, IMPORT_ORDERS,
              "id,date,customer,owner,amount\nO1,2021-03-01,C1,甲,100\nO2,2021-03-03,C1,甲,500\n"
              "O3,2021-03-22,C1,甲,100\nO4,2021-03-29,C1,甲,400\n");
    goal_ok(f->app, "2021-03", "1000");
    goal_ok(f->app, "2020-12", "50");
    goal_ok(f->app, "2021-02", "50");
    f->app->req.now = 1000000;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    app_close(f->app);
    const char *const tails[] = {"", ".engine", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        snprintf(p, sizeof p, "%s%s", f->db, tails[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static enum at_status collect(const struct notify_alert *a, void *ctx, struct at_err *err)
{
    (void)err;
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 512 - n, "%s%lld:%s%s", n ? " " : "", (long long)a->goal_id, a->rule,
             a->suppressed ? "(s)" : "");
    return AT_OK;
}

struct run_case {
    const char *as_of;
    bool dry;
    const char *want; /* the new alerts, "GOAL:RULE" in order; (s) = recorded, not sent */
};

/* Worked by hand: working days of March 2021 elapsed through the day / 23. */
static const struct run_case runs[] = {
    /* goal 3's February ended the day before: missed (0 of 50); goal 1: 100
     * of expected 1000 x 1/23 = 43.48, on track, 10 % */
    {"2021-03-01", false, "3:period_end"},
    /* 600 = 60 %: the 50 % milestone; a dry run first writes nothing */
    {"2021-03-03", true, "1:milestone_50"},
    {"2021-03-03", false, "1:milestone_50"},
    {"2021-03-03", false, ""},
    /* 15 working days: expected 652.17, pace 600/652.17 = 0.92: at_risk */
    {"2021-03-19", false, "1:at_risk"},
    /* 16: 700/695.65 = 1.006 on_track; 20: 700/869.57 = 0.805 behind */
    {"2021-03-22", false, ""},
    {"2021-03-26", false, "1:behind"},
    /* 1100 = 110 %: 90 and 100 at once, only 100 sent */
    {"2021-03-29", false, "1:milestone_90(s) 1:milestone_100"},
    {"2021-03-31", false, ""},
    /* the end: met (110 %); goal 2 (ended 2020-12-31) stays silent */
    {"2021-04-15", false, "1:period_end"},
    {"2021-04-15", false, ""},
};

static void test_rules(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        char got[512] = "";
        struct notify_options o = {.as_of = runs[i].as_of, .dry_run = runs[i].dry};
        struct notify_result r;
        struct at_err err = {AT_OK, ""};
        if (app_notify_run(f->app, &o, collect, got, &r, &err))
            fail_msg("run %s: %s", runs[i].as_of, err.msg);
        if (strcmp(got, runs[i].want))
            fail_msg("run %zu as of %s: got \"%s\", want \"%s\"", i, runs[i].as_of, got,
                     runs[i].want);
        assert_int_equal(r.queued, 0); /* no channel */
    }
}

struct outbox_seen {
    size_t n;
    int64_t attempts[8], next[8];
    char error[256];
};

static enum at_status seen(const struct outbox_row *o, void *ctx, struct at_err *err)
{
    (void)err;
    struct outbox_seen *s = ctx;
    if (s->n < 8) {
        s->attempts[s->n] = o->attempts;
        s->next[s->n] = o->next_attempt_at;
    }
    s->n++;
    snprintf(s->error, sizeof s->error, "%s", o->last_error);
    return AT_OK;
}

/* A receiver that is down: nothing is lost, retries back off 60, 120, 240 s. */
static void test_backoff(void **state)
{
    struct fixture *f = *state;
    struct channel_fields cf = {
        .scope = "company", .kind = "slack", .url = "http://127.0.0.1:9/services/SECRETTOKEN"};
    int64_t id;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(app_channel_add(f->app, &cf, &id, &err), AT_OK);
    struct notify_options o = {.as_of = "2021-03-03"};
    struct notify_result r;
    assert_int_equal(app_notify_run(f->app, &o, NULL, NULL, &r, &err), AT_OK);
    /* goal 3 period_end and goal 1 milestone_50: two messages, both failed */
    assert_int_equal(r.alerts, 2);
    assert_int_equal(r.queued, 2);
    assert_int_equal(r.sent, 0);
    assert_int_equal(r.failed, 2);
    assert_int_equal(r.waiting, 2);
    struct {
        int64_t now;
        size_t failed, waiting;
        int64_t attempts, next;
    } steps[] = {
        {1000059, 0, 2, 1, 1000060}, /* not due yet */
        {1000060, 2, 2, 2, 1000180}, /* second attempt: next in 120 s */
        {1000179, 0, 2, 2, 1000180},
        {1000180, 2, 2, 3, 1000420}, /* third: 240 s */
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        f->app->req.now = steps[i].now;
        assert_int_equal(app_notify_deliver(f->app, false, &r, &err), AT_OK);
        assert_int_equal(r.failed, steps[i].failed);
        assert_int_equal(r.waiting, steps[i].waiting);
        struct outbox_seen s = {0};
        assert_int_equal(app_notify_list(f->app, true, seen, &s, &err), AT_OK);
        assert_int_equal(s.n, 2);
        for (size_t k = 0; k < 2; k++) {
            assert_int_equal(s.attempts[k], steps[i].attempts);
            assert_int_equal(s.next[k], steps[i].next);
        }
        /* the error names the server, never the token */
        assert_non_null(strstr(s.error, "127.0.0.1:9"));
        assert_null(strstr(s.error, "SECRETTOKEN"));
    }
    /* another sender claimed message 1 (it read the same row): this one
     * attempts only message 2 */
    bool claimed;
    assert_int_equal(outbox_store_claim(f->app->db, 1, 1000420, 1000720, &claimed, &err), AT_OK);
    assert_true(claimed);
    assert_int_equal(outbox_store_claim(f->app->db, 1, 1000420, 1000720, &claimed, &err), AT_OK);
    assert_false(claimed); /* the row moved on: a second claim fails */
    f->app->req.now = 1000420;
    assert_int_equal(app_notify_deliver(f->app, false, &r, &err), AT_OK);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.waiting, 2);
    /* a run again adds nothing */
    assert_int_equal(app_notify_run(f->app, &o, NULL, NULL, &r, &err), AT_OK);
    assert_int_equal(r.alerts, 0);
    assert_int_equal(r.queued, 0);
    /* removing the channel cancels its messages: nothing waits any more */
    assert_int_equal(app_channel_rm(f->app, id, &err), AT_OK);
    assert_int_equal(app_notify_deliver(f->app, true, &r, &err), AT_OK);
    assert_int_equal(r.waiting, 0);
}

struct channel_case {
    struct channel_fields f;
    enum at_status want;
    const char *msg;
};

static const struct channel_case channel_cases[] = {
    {{.scope = "company", .kind = "wecom", .url = "ftp://h/x"}, AT_INVALID, "http:// or https://"},
    {{.scope = "company", .kind = "wecom", .url = "http://h/x\nX"}, AT_INVALID, "http://"},
    {{.scope = "company", .kind = "teams", .url = "http://h/x"}, AT_INVALID, "choose wecom"},
    {{.scope = "company", .url = "http://h/x"}, AT_INVALID, "--kind is required"},
    {{.kind = "slack", .url = "http://h/x"}, AT_INVALID, "--scope is required"},
    {{.scope = "company", .kind = "dingtalk", .url = "http://h/x"}, AT_INVALID, "needs --secret"},
    {{.scope = "company", .kind = "feishu", .url = "http://h/x", .secret = ""},
     AT_INVALID,
     "needs --secret"},
    {{.scope = "company", .kind = "slack", .url = "http://h/x", .secret = "s"},
     AT_INVALID,
     "does not sign"},
    {{.scope = "company", .kind = "slack"}, AT_INVALID, "needs --url"},
    {{.scope = "company", .kind = "slack", .url = "http://h/x", .to = "a@b.c"},
     AT_INVALID,
     "for channel kind email"},
    {{.scope = "company", .kind = "email", .smtp = "smtp://h"}, AT_INVALID, "needs --to"},
    {{.scope = "company", .kind = "email", .smtp = "smtp://h", .to = "a@b.c,"},
     AT_INVALID,
     "is not an e-mail address"},
    {{.scope = "company", .kind = "email", .smtp = "smtp://h", .to = "a@b.c", .from = "x"},
     AT_INVALID,
     "--from"},
    {{.scope = "company", .kind = "email", .url = "smtp://h", .to = "a@b.c"},
     AT_INVALID,
     "not --url"},
    {{.scope = "company", .kind = "email", .smtp = "https://h", .to = "a@b.c"},
     AT_INVALID,
     "--smtp"},
    {{.scope = "company", .kind = "slack", .url = "http://h/x", .lang = "fr"},
     AT_INVALID,
     "choose zh or en"},
    {{.scope = "unit:西部", .kind = "slack", .url = "http://h/x"}, AT_NOT_FOUND, "西部"},
    {{.scope = "company", .kind = "email", .smtp = "smtps://h:465", .to = "a@b.c, d@e.f"},
     AT_OK,
     NULL},
};

static enum at_status count_channel(const struct channel *c, void *ctx, struct at_err *err)
{
    (void)c;
    (void)err;
    (*(size_t *)ctx)++;
    return AT_OK;
}

static void test_channel_checks(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < sizeof channel_cases / sizeof channel_cases[0]; i++) {
        const struct channel_case *c = &channel_cases[i];
        struct at_err err = {AT_OK, ""};
        int64_t id = 0;
        size_t before = 0, after = 0;
        assert_int_equal(app_channels(f->app, count_channel, &before, &err), AT_OK);
        enum at_status st = app_channel_add(f->app, &c->f, &id, &err);
        if (st != c->want || (c->msg && !strstr(err.msg, c->msg)))
            fail_msg("case %zu: status %d \"%s\", want %d \"%s\"", i, st, err.msg, c->want,
                     c->msg ? c->msg : "");
        assert_int_equal(app_channels(f->app, count_channel, &after, &err), AT_OK);
        assert_int_equal(after, before + (c->want == AT_OK ? 1 : 0)); /* nothing written */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backoff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_channel_checks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
