/* test_access.c — who may read, change and check in on which scope
 * (app/access.c): every role and kind of principal × every kind of scope on a
 * small org built here, with two reps who share a name, a person who left, a
 * rep moved to another unit, and API tokens limited to a unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access.h"
#include "app/app.h"
#include "app/import.h"
#include "app/org.h"

static char path[256];

static const char units_csv[] = "path\n总部\n华东\n华东/上海一组\n华南\n";
/* P1 heads the company (总部); P2 heads 华东 (and so 上海一组, whose reps he
 * leads from above); P5 heads 华南. P3 and P6 are two 张伟. P7 left. P8 is
 * a rep of 上海一组 under P2 who moves to 华南 under P5 (people2_csv). */
static const char people_csv[] = "id,name,employee_no,unit,manager,active\n"
                                 "P1,王总,E001,总部,,yes\n"
                                 "P2,李东,E002,华东,P1,yes\n"
                                 "P3,张伟,E102,华东/上海一组,P2,yes\n"
                                 "P4,赵六,E004,华东/上海一组,P2,yes\n"
                                 "P5,周南,E005,华南,P1,yes\n"
                                 "P6,张伟,E230,华南,P5,yes\n"
                                 "P7,王芳,E007,华东/上海一组,P2,no\n"
                                 "P8,孙八,E008,华东/上海一组,P2,yes\n";
static const char people2_csv[] = "id,name,employee_no,unit,manager,active\n"
                                  "P8,孙八,E008,华南,P5,yes\n";

static enum at_status import_text(struct app *app, enum import_kind kind, const char *name,
                                  const char *text)
{
    struct import_options o = {.kind = kind, .path = name, .data = text, .size = strlen(text)};
    struct import_report r;
    struct at_err err;
    import_report_init(&r);
    enum at_status st = app_import(app, &o, &r, &err);
    if (st)
        fprintf(stderr, "%s: %s\n%s\n", name, err.msg, r.errors.data ? r.errors.data : "");
    import_report_free(&r);
    return st;
}

static int setup(void **state)
{
    snprintf(path, sizeof path, "/tmp/attain-test-access-%d.db", (int)getpid());
    unlink(path);
    struct app *app = NULL;
    struct at_err err;
    struct init_options io = {0};
    if (app_init(path, &io, &app, &err) != AT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    app->req.today = 20600; /* 2026-05-26 */
    if (import_text(app, IMPORT_UNITS, "units.csv", units_csv) ||
        import_text(app, IMPORT_PEOPLE, "people.csv", people_csv) ||
        import_text(app, IMPORT_PEOPLE, "people2.csv", people2_csv))
        return -1;
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    app_close(*state);
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static struct scope_ref scope(struct app *app, const char *text)
{
    const struct org *o;
    struct at_err err;
    struct scope_ref s = {0};
    assert_int_equal(app_org(app, &o, &err), AT_OK);
    if (org_resolve(o, text, &s, &err))
        fail_msg("%s: %s", text, err.msg);
    return s;
}

static int64_t person(struct app *app, const char *text)
{
    return text ? scope(app, text).id : 0;
}

/* The scopes of the matrix, in the order of each row's letters. */
static const char *const scopes[] = {
    "company",   "unit:总部", "unit:华东", "unit:华东/上海一组", "unit:华南",
    "team:P1",   "team:P2",   "team:P5",   "person:P2",          "person:P3",
    "person:P4", "person:P6", "person:P7", "person:P8",
};
#define N_SCOPES (sizeof scopes / sizeof scopes[0])

static void test_matrix(void **state)
{
    struct app *app = *state;
    /* each cell: R (read), W (write: change goals), P (report: check in), or
     * '-' for each refused, e.g. "R-P" */
    static const struct {
        const char *who;
        enum role role;
        const char *person; /* person:X, NULL = nobody */
        int64_t token;
        const char *unit; /* the token's unit limit */
        const char *cells[N_SCOPES];
    } rows[] = {
        {"admin",
         ROLE_ADMIN,
         NULL,
         0,
         NULL,
         {"RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP", "RWP",
          "RWP"}},
        /* the head of 华东: their team and their units; reads their manager's team */
        {"manager 李东",
         ROLE_MANAGER,
         "person:P2",
         0,
         NULL,
         {"---", "---", "RWP", "RWP", "---", "R--", "RWP", "---", "RWP", "RWP", "RWP", "---", "RWP",
          "---"}},
        /* the head of 华南: P8 moved into their team */
        {"manager 周南",
         ROLE_MANAGER,
         "person:P5",
         0,
         NULL,
         {"---", "---", "---", "---", "RWP", "R--", "---", "RWP", "---", "---", "---", "RWP", "---",
          "RWP"}},
        /* 张伟#E102: themselves (check in), their unit and their manager's team
         * read-only; not the other 张伟, not a teammate's person scope */
        {"rep 张伟#E102",
         ROLE_REP,
         "person:张伟#E102",
         0,
         NULL,
         {"---", "---", "---", "R--", "---", "---", "R--", "---", "---", "R-P", "---", "---", "---",
          "---"}},
        {"rep 张伟#E230",
         ROLE_REP,
         "person:张伟#E230",
         0,
         NULL,
         {"---", "---", "---", "---", "R--", "---", "---", "R--", "---", "---", "---", "R-P", "---",
          "---"}},
        /* left: nothing */
        {"rep 王芳 (left)",
         ROLE_REP,
         "person:P7",
         0,
         NULL,
         {"---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---",
          "---"}},
        /* moved from 上海一组 (under 李东) to 华南 (under 周南): the new unit only */
        {"rep 孙八 (moved)",
         ROLE_REP,
         "person:P8",
         0,
         NULL,
         {"---", "---", "---", "---", "R--", "---", "---", "R--", "---", "---", "---", "---", "---",
          "R-P"}},
        /* a manager the directory no longer knows as a manager of anything */
        {"manager 赵六 (leads nobody)",
         ROLE_MANAGER,
         "person:P4",
         0,
         NULL,
         {"---", "---", "---", "R--", "---", "---", "R--", "---", "---", "---", "RWP", "---", "---",
          "---"}},
        /* tokens: their unit is their subtree */
        {"manager token 华东",
         ROLE_MANAGER,
         NULL,
         1,
         "unit:华东",
         {"---", "---", "RWP", "RWP", "---", "---", "RWP", "---", "RWP", "RWP", "RWP", "---", "RWP",
          "---"}},
        {"rep token 华南",
         ROLE_REP,
         NULL,
         2,
         "unit:华南",
         {"---", "---", "---", "---", "R--", "---", "---", "R--", "---", "---", "---", "R--", "---",
          "R--"}},
        {"admin token 华南",
         ROLE_ADMIN,
         NULL,
         3,
         "unit:华南",
         {"---", "---", "---", "---", "RWP", "---", "---", "RWP", "---", "---", "---", "RWP", "---",
          "RWP"}},
        {"rep token without a unit",
         ROLE_REP,
         NULL,
         4,
         NULL,
         {"---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---",
          "---"}},
        {"anonymous",
         ROLE_NONE,
         NULL,
         0,
         NULL,
         {"---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---",
          "---"}},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct principal p = {.role = rows[i].role,
                              .person_id = person(app, rows[i].person),
                              .token_id = rows[i].token,
                              .unit_id = rows[i].unit ? scope(app, rows[i].unit).id : 0};
        snprintf(p.login, sizeof p.login, "%s", rows[i].who);
        for (size_t s = 0; s < N_SCOPES; s++) {
            struct scope_ref r = scope(app, scopes[s]);
            char got[4] = {access_may_read(app, &p, &r) ? 'R' : '-',
                           access_may_write(app, &p, &r) ? 'W' : '-',
                           access_may_report(app, &p, &r) ? 'P' : '-', 0};
            if (strcmp(got, rows[i].cells[s]) != 0) {
                fprintf(stderr, "%s on %s: %s, want %s\n", rows[i].who, scopes[s], got,
                        rows[i].cells[s]);
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
    /* no principal at all */
    struct scope_ref c = scope(app, "company");
    assert_false(access_may_read(app, NULL, &c));
}

static void test_home(void **state)
{
    struct app *app = *state;
    static const struct {
        enum role role;
        const char *person;
        const char *unit;
        int64_t token;
        enum at_status status;
        const char *home;
    } cases[] = {
        {ROLE_ADMIN, NULL, NULL, 0, AT_OK, "company"},
        {ROLE_ADMIN, NULL, "unit:华南", 3, AT_OK, "unit:华南"},
        {ROLE_MANAGER, "person:P2", NULL, 0, AT_OK, "unit:华东"},
        {ROLE_MANAGER, "person:P5", NULL, 0, AT_OK, "unit:华南"},
        {ROLE_MANAGER, "person:P4", NULL, 0, AT_OK, "team:赵六"}, /* heads no unit */
        {ROLE_MANAGER, NULL, "unit:华东", 1, AT_OK, "unit:华东"},
        {ROLE_REP, "person:张伟#E230", NULL, 0, AT_OK, "person:张伟#E230"},
        {ROLE_REP, "person:P7", NULL, 0, AT_NOT_FOUND, "nobody"}, /* left */
        {ROLE_NONE, NULL, NULL, 0, AT_FORBIDDEN, "not signed in"},
    };
    const struct org *o;
    struct at_err err;
    assert_int_equal(app_org(app, &o, &err), AT_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct principal p = {.role = cases[i].role,
                              .person_id = person(app, cases[i].person),
                              .token_id = cases[i].token,
                              .unit_id = cases[i].unit ? scope(app, cases[i].unit).id : 0};
        snprintf(p.login, sizeof p.login, "case%zu", i);
        struct scope_ref home;
        enum at_status st = access_home(app, &p, &home, &err);
        if (st != cases[i].status)
            fail_msg("case %zu: status %d, want %d (%s)", i, st, cases[i].status, err.msg);
        if (st == AT_OK) {
            char label[200];
            assert_true(org_label(o, &home, label, sizeof label));
            assert_string_equal(label, cases[i].home);
        } else if (!strstr(err.msg, cases[i].home)) {
            fail_msg("case %zu: %s", i, err.msg);
        }
    }
}

static void test_roles(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        enum role role;
    } cases[] = {{"rep", true, ROLE_REP},     {"manager", true, ROLE_MANAGER},
                 {"admin", true, ROLE_ADMIN}, {"none", false, ROLE_NONE},
                 {"Admin", false, ROLE_NONE}, {"", false, ROLE_NONE}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum role r = ROLE_NONE;
        assert_int_equal(role_parse(cases[i].text, &r), cases[i].ok);
        if (cases[i].ok) {
            assert_int_equal(r, cases[i].role);
            assert_string_equal(role_name(r), cases[i].text);
        }
    }
    assert_string_equal(role_name(ROLE_NONE), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_home),
        cmocka_unit_test(test_roles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
