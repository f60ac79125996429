/* test_org.c — the org directory (app/org.c): every way to name a person or a
 * unit, labels of shared names, and who a member split reaches. */
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
#include "app/import.h"
#include "app/org.h"
#include "app/query.h"
#include "domain/calendar.h"

static char path[256];

static const char units_csv[] = "path\n华东/上海一组\n华南\n";
/* P1 李雷 leads the team and sells (O1); P2, P3 are two 张伟 in one team; P4
 * left; P5 leads P6 and sells nothing; P7 a third 张伟 without 工号. */
static const char people_csv[] = "id,name,employee_no,unit,manager,weight,active,email\n"
                                 "P1,李雷,E100,华东,,1,yes,\n"
                                 "P2,张伟,E102,华东/上海一组,P1,1,yes,zw@example.cn\n"
                                 "P3,张伟,E230,华东/上海一组,P1,2,yes,\n"
                                 "P4,王芳,E104,华东/上海一组,P1,1,no,\n"
                                 "P5,孙八,E107,华东,P1,1,yes,\n"
                                 "P6,钱七,E106,华东,P5,0.5,yes,\n"
                                 "P7,张伟,,华南,,1,yes,\n";
static const char orders_csv[] = "id,date,owner,amount\nO1,2026-01-08,P1,100\n";

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
    snprintf(path, sizeof path, "/tmp/attain-test-org-%d.db", (int)getpid());
    unlink(path);
    struct app *app = NULL;
    struct at_err err;
    struct init_options io = {0};
    if (app_init(path, &io, &app, &err) != AT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    if (import_text(app, IMPORT_UNITS, "units.csv", units_csv) ||
        import_text(app, IMPORT_PEOPLE, "people.csv", people_csv) ||
        import_text(app, IMPORT_ORDERS, "orders.csv", orders_csv))
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
    snprintf(p, sizeof p, "%s.engine", path);
    unlink(p);
    return 0;
}

static void test_resolve(void **state)
{
    const struct org *o;
    struct at_err err;
    assert_int_equal(app_org(*state, &o, &err), AT_OK);
    static const struct {
        const char *text;
        enum at_status status;
        const char *label; /* the label it resolves to, or a part of the error */
    } cases[] = {
        {"company", AT_OK, "company"},
        {"公司", AT_OK, "company"},
        {"person:李雷", AT_OK, "person:李雷"},
        {"person:P1", AT_OK, "person:李雷"},                 /* external id */
        {"person:E230", AT_OK, "person:张伟#E230"},          /* 工号 */
        {"person:ZW@example.cn", AT_OK, "person:张伟#E102"}, /* e-mail, any case */
        {"person:张伟#E102", AT_OK, "person:张伟#E102"},     /* a label reads back */
        {"person:#2", AT_OK, "person:张伟#E102"},            /* store id */
        {"person:张伟#7", AT_OK, "person:张伟#7"},           /* no 工号: the store id */
        {"team:李雷", AT_OK, "team:李雷"},
        {"unit:华东/上海一组", AT_OK, "unit:华东/上海一组"},
        {"unit:上海一组", AT_OK, "unit:华东/上海一组"}, /* a unique unit name */
        {"person:张伟", AT_AMBIGUOUS,
         "person 张伟 is ambiguous: 张伟#E102 (华东/上海一组), 张伟#E230 (华东/上海一组), 张伟#7 "
         "(华南)"},
        {"person:张伟#E999", AT_NOT_FOUND, "no person"},
        {"person:#99", AT_NOT_FOUND, "no person #99"},
        {"unit:华北", AT_NOT_FOUND, "no unit"},
        {"region:华东", AT_INVALID, "the kinds are"},
        {"person:", AT_INVALID, "write company"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scope_ref r;
        char label[300];
        enum at_status st = org_resolve(o, cases[i].text, &r, &err);
        if (st != cases[i].status)
            fail_msg("%s: status %d, want %d (%s)", cases[i].text, st, cases[i].status, err.msg);
        if (st == AT_OK) {
            assert_true(org_label(o, &r, label, sizeof label));
            assert_string_equal(label, cases[i].label);
        } else if (!strstr(err.msg, cases[i].label)) {
            fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].text, err.msg, cases[i].label);
        }
    }
}

static void test_members(void **state)
{
    const struct org *o;
    struct at_err err;
    assert_int_equal(app_org_sellers(*state, &o, &err), AT_OK);
    struct period year = {.kind = PERIOD_RANGE};
    assert_true(cal_parse_iso("2026-01-01", &year.start));
    assert_true(cal_parse_iso("2026-12-31", &year.end));
    static const struct {
        const char *scope;
        const char *members; /* labels with weights ×1000, in order */
    } cases[] = {
        /* 李雷 leads and sells: in; 王芳 left: out; 孙八 leads, sells nothing: out */
        {"team:李雷", "张伟#E102=1000 张伟#E230=2000 李雷=1000 钱七=500"},
        {"unit:华东", "张伟#E102=1000 张伟#E230=2000 李雷=1000 钱七=500"},
        {"unit:华南", "张伟#7=1000"},
        /* a team of a pure manager and his rep: the rep */
        {"team:孙八", "钱七=500"},
        {"person:王芳", ""}, /* left: there on no day */
        {"company", "张伟#7=1000 张伟#E102=1000 张伟#E230=2000 李雷=1000 钱七=500"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scope_ref s, *m;
        int64_t *w;
        size_t n;
        assert_int_equal(org_resolve(o, cases[i].scope, &s, &err), AT_OK);
        assert_int_equal(org_members(o, &s, &year, &m, &w, &n, &err), AT_OK);
        char got[600] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++) {
            char label[300];
            org_person_label(o, m[k].id, label, sizeof label);
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s=%lld", k ? " " : "", label,
                                    (long long)w[k]);
        }
        if (strcmp(got, cases[i].members) != 0)
            fail_msg("%s: members \"%s\", want \"%s\"", cases[i].scope, got, cases[i].members);
        free(m);
        free(w);
    }
}

/* Who stands above whom, who heads a scope, who may report and decide. */
static void test_authority(void **state)
{
    const struct org *o;
    struct at_err err;
    assert_int_equal(app_org(*state, &o, &err), AT_OK);
    int64_t id[8] = {0};
    char ext[4];
    for (int i = 1; i <= 7; i++) {
        snprintf(ext, sizeof ext, "P%d", i);
        assert_int_equal(org_find_person(o, ext, &id[i], &err), AT_OK);
    }
    assert_true(org_is_above(o, id[1], id[6])); /* through 孙八 */
    assert_true(org_is_above(o, id[5], id[6]));
    assert_false(org_is_above(o, id[5], id[2]));
    assert_false(org_is_above(o, id[2], id[2])); /* never oneself */
    assert_false(org_is_above(o, id[6], id[1]));
    assert_false(org_is_above(o, id[1], 999));
    static const struct {
        const char *scope;
        int head;               /* P index */
        const char *may_report; /* P indexes, as digits */
        const char *may_decide;
    } cases[] = {
        {"person:P2", 2, "12", "1"},
        {"person:P6", 6, "156", "15"},
        {"team:孙八", 5, "156", "1"},
        {"team:李雷", 1, "123456", "1"},        /* the top decides for itself */
        {"unit:华东/上海一组", 1, "1234", "1"}, /* reps led from above: 李雷 heads it */
        {"unit:华南", 7, "7", "7"},
        {"company", 1, "1234567", "1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scope_ref s;
        assert_int_equal(org_resolve(o, cases[i].scope, &s, &err), AT_OK);
        if (org_head(o, &s) != id[cases[i].head])
            fail_msg("%s: head #%lld, want P%d", cases[i].scope, (long long)org_head(o, &s),
                     cases[i].head);
        char rep[9] = "", dec[9] = "";
        for (int k = 1, nr = 0, nd = 0; k <= 7; k++) {
            if (org_may_report(o, id[k], &s))
                rep[nr++] = (char)('0' + k);
            if (org_may_decide(o, id[k], &s))
                dec[nd++] = (char)('0' + k);
        }
        if (strcmp(rep, cases[i].may_report) != 0 || strcmp(dec, cases[i].may_decide) != 0)
            fail_msg("%s: report %s decide %s, want %s and %s", cases[i].scope, rep, dec,
                     cases[i].may_report, cases[i].may_decide);
    }
}

/* A write that changes no person or unit (orders) keeps the directory read
 * (the same object, not read again); a people import reads it again. Last:
 * it adds an order and a person. */
static void test_kept_across_data_writes(void **state)
{
    struct app *app = *state;
    const struct org *before, *after;
    struct at_err err;
    struct scope_ref r;
    assert_int_equal(app_org(app, &before, &err), AT_OK);
    assert_int_equal(
        import_text(app, IMPORT_ORDERS, "more.csv", "id,date,owner,amount\nO9,2026-02-03,P1,50\n"),
        AT_OK);
    assert_int_equal(app_org(app, &after, &err), AT_OK);
    assert_ptr_equal(before, after);
    assert_int_equal(org_resolve(after, "person:P8", &r, &err), AT_NOT_FOUND);
    assert_int_equal(import_text(app, IMPORT_PEOPLE, "new.csv",
                                 "id,name,employee_no,unit,manager\nP8,周九,E108,华南,\n"),
                     AT_OK);
    assert_int_equal(app_org(app, &after, &err), AT_OK);
    assert_int_equal(org_resolve(after, "person:P8", &r, &err), AT_OK);
    assert_int_equal(org_resolve(after, "person:周九", &r, &err), AT_OK);
    /* an e-mail changed by an import of the same person: read again too */
    assert_int_equal(import_text(app, IMPORT_PEOPLE, "mail.csv",
                                 "id,name,employee_no,unit,manager,email\n"
                                 "P8,周九,E108,华南,,zj@example.cn\n"),
                     AT_OK);
    assert_int_equal(app_org(app, &after, &err), AT_OK);
    assert_int_equal(org_resolve(after, "person:zj@example.cn", &r, &err), AT_OK);
}

/* query_scope in a process that has not read the directory (one indexed
 * read for a scope named directly) answers as with the directory read, a
 * name equal to another person's external id included. Last: adds a person. */
static void test_scope_direct(void **state)
{
    struct app *app = *state;
    struct at_err err;
    assert_int_equal(import_text(app, IMPORT_PEOPLE, "p9.csv",
                                 "id,name,employee_no,unit,manager\nP9,P1,E109,华南,\n"),
                     AT_OK);
    static const char *const texts[] = {"company",       "公司",
                                        "person:P1",     "team:P1",
                                        "person:P9",     "person:E100",
                                        "person:李雷",   "person:张伟#E102",
                                        "person:#1",     "unit:华东/上海一组",
                                        "unit:华南",     "unit:华东",
                                        "person:nobody", "unit:nowhere",
                                        "person:张伟",   "team:zw@example.cn"};
    struct engine *e = NULL;
    assert_int_equal(app_engine(app, &e, &err), AT_OK);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct scope want = {0}, got = {0};
        struct at_err e1 = {AT_OK, ""}, e2 = {AT_OK, ""};
        enum at_status s1 = query_scope(app, e, texts[i], &want, &e1);
        struct app *fresh = NULL;
        struct engine *fe = NULL;
        assert_int_equal(app_open(path, &fresh, &err), AT_OK);
        assert_int_equal(app_engine(fresh, &fe, &err), AT_OK);
        enum at_status s2 = query_scope(fresh, fe, texts[i], &got, &e2);
        app_close(fresh);
        assert_int_equal(s1, s2);
        if (s1 == AT_OK) {
            assert_int_equal(want.kind, got.kind);
            assert_int_equal(want.idx, got.idx);
        } else {
            assert_string_equal(e1.msg, e2.msg);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve),      cmocka_unit_test(test_members),
        cmocka_unit_test(test_authority),    cmocka_unit_test(test_kept_across_data_writes),
        cmocka_unit_test(test_scope_direct),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
