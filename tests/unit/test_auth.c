/* test_auth.c — users, sign-in, sessions and API tokens (app/auth.c): wrong
 * and unknown logins alike, throttling per login and per address, idle and
 * absolute expiry, password change and disabling end sessions, tokens shown
 * once and only their hashes kept. The clock is app->req.now, moved by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/auth.h"
#include "app/import.h"

static char path[256];

static const char units_csv[] = "path\n华东\n华南\n";
static const char people_csv[] = "id,name,unit,manager\nP1,李东,华东,\nP2,张伟,华东,P1\n"
                                 "P3,张伟,华南,\n";

#define T0 1800000000 /* 2027-01-15 */

static int setup(void **state)
{
    auth_set_hash_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    snprintf(path, sizeof path, "/tmp/attain-test-auth-%d.db", (int)getpid());
    unlink(path);
    struct app *app = NULL;
    struct at_err err;
    struct init_options io = {0};
    if (app_init(path, &io, &app, &err) != AT_OK)
        return -1;
    const char *names[2] = {"units.csv", "people.csv"};
    const char *texts[2] = {units_csv, people_csv};
    enum import_kind kinds[2] = {IMPORT_UNITS, IMPORT_PEOPLE};
    for (int i = 0; i < 2; i++) {
        struct import_options o = {
            .kind = kinds[i], .path = names[i], .data = texts[i], .size = strlen(texts[i])};
        struct import_report r;
        import_report_init(&r);
        enum at_status st = app_import(app, &o, &r, &err);
        import_report_free(&r);
        if (st)
            return -1;
    }
    app->req.now = T0;
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

static void test_user_add(void **state)
{
    struct app *app = *state;
    static const struct {
        const char *login;
        enum role role;
        const char *person, *password;
        enum at_status status;
        const char *msg;
    } cases[] = {
        {"li", ROLE_MANAGER, "李东", "manager-pw", AT_OK, ""},
        {"zw", ROLE_REP, "张伟#2", "rep-pw-123", AT_OK, ""},
        {"root", ROLE_ADMIN, NULL, "admin-pw-1", AT_OK, ""},
        {"li", ROLE_REP, "李东", "another-pw", AT_CONFLICT, "exists already"},
        {"x y", ROLE_ADMIN, NULL, "password", AT_INVALID, "character 2"},
        {"", ROLE_ADMIN, NULL, "password", AT_INVALID, "1-63 characters"},
        {"short", ROLE_ADMIN, NULL, "1234567", AT_INVALID, "at least 8 bytes"},
        {"nobody", ROLE_REP, NULL, "password", AT_INVALID, "give --person"},
        {"amb", ROLE_REP, "张伟", "password", AT_AMBIGUOUS, "ambiguous"},
        {"ghost", ROLE_REP, "王五", "password", AT_NOT_FOUND, "--person 王五"},
        {"norole", ROLE_NONE, NULL, "password", AT_INVALID, "give a role"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct at_err err = {0};
        int64_t id = 0;
        enum at_status st = auth_user_add(app, cases[i].login, cases[i].role, cases[i].person,
                                          cases[i].password, &id, &err);
        if (st != cases[i].status || !strstr(err.msg, cases[i].msg))
            fail_msg("case %zu (%s): %d %s", i, cases[i].login, st, err.msg);
    }
    struct user_info u;
    struct at_err err;
    assert_int_equal(auth_user_get(app, "zw", &u, &err), AT_OK);
    assert_int_equal(u.role, ROLE_REP);
    assert_string_equal(u.person, "张伟#2");
    assert_string_equal(u.created_at, "2027-01-15T08:00:00Z");
    assert_string_equal(u.last_sign_in, "");
}

static void test_sign_in(void **state)
{
    struct app *app = *state;
    struct at_err err;
    char token[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN], csrf2[AUTH_TOKEN_LEN];
    struct principal who;
    int64_t wait;
    app->req.now = T0 + 100;
    assert_int_equal(
        auth_sign_in(app, "zw", "rep-pw-123", "10.0.0.1", token, csrf, &who, &wait, &err), AT_OK);
    assert_int_equal(strlen(token), 43);
    assert_int_equal(who.role, ROLE_REP);
    assert_string_equal(who.login, "zw");
    assert_true(who.person_id > 0);
    /* the session: found by its token, with the same CSRF token */
    struct principal s;
    assert_int_equal(auth_session(app, token, &s, csrf2, &err), AT_OK);
    assert_string_equal(csrf2, csrf);
    assert_int_equal(s.user_id, who.user_id);
    /* wrong password, unknown login, disabled: one message */
    static const struct {
        const char *login, *password;
    } wrong[] = {{"zw", "wrong-pw-1"}, {"nosuch", "rep-pw-123"}, {"ZW", "rep-pw-123"}};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        char t2[AUTH_TOKEN_LEN], c2[AUTH_TOKEN_LEN];
        assert_int_equal(auth_sign_in(app, wrong[i].login, wrong[i].password, "10.0.0.2", t2, c2,
                                      &who, &wait, &err),
                         AT_FORBIDDEN);
        assert_string_equal(err.msg, "wrong login or password");
        assert_int_equal(wait, 0);
    }
    /* a second sign-in is a new session; signing out ends only that one */
    char token2[AUTH_TOKEN_LEN];
    assert_int_equal(
        auth_sign_in(app, "zw", "rep-pw-123", "10.0.0.1", token2, csrf2, &who, &wait, &err), AT_OK);
    assert_string_not_equal(token, token2);
    assert_int_equal(auth_sign_out(app, token2, &err), AT_OK);
    assert_int_equal(auth_session(app, token2, &s, csrf2, &err), AT_NOT_FOUND);
    assert_int_equal(auth_session(app, token, &s, csrf2, &err), AT_OK);
    assert_int_equal(auth_sign_out(app, "not-a-token", &err), AT_OK);
    /* tokens of the wrong shape are nobody's */
    static const char *const bad[] = {"", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(auth_session(app, bad[i], &s, csrf2, &err), AT_NOT_FOUND);
}

static void test_throttle(void **state)
{
    struct app *app = *state;
    struct at_err err;
    char t[AUTH_TOKEN_LEN], c[AUTH_TOKEN_LEN];
    struct principal who;
    int64_t wait;
    int64_t base = T0 + 10000;
    /* 5 failures of li within the window: the right password is refused too */
    for (int i = 0; i < AUTH_MAX_FAILS; i++) {
        app->req.now = base + i;
        assert_int_equal(
            auth_sign_in(app, "li", "bad-password", "10.1.0.1", t, c, &who, &wait, &err),
            AT_FORBIDDEN);
        assert_int_equal(wait, 0);
    }
    app->req.now = base + 10;
    assert_int_equal(auth_sign_in(app, "li", "manager-pw", "10.1.0.9", t, c, &who, &wait, &err),
                     AT_FORBIDDEN);
    assert_int_equal(wait, AUTH_FAIL_WINDOW - 10);
    assert_non_null(strstr(err.msg, "try again in 890 seconds"));
    /* another login from that address is not throttled */
    assert_int_equal(auth_sign_in(app, "root", "admin-pw-1", "10.1.0.1", t, c, &who, &wait, &err),
                     AT_OK);
    /* the window passes: in again, and the failures are forgotten */
    app->req.now = base + AUTH_FAIL_WINDOW;
    assert_int_equal(auth_sign_in(app, "li", "manager-pw", "10.1.0.9", t, c, &who, &wait, &err),
                     AT_OK);
    /* per address: many logins from one address */
    base += 2 * AUTH_FAIL_WINDOW;
    for (int i = 0; i < AUTH_MAX_ADDR_FAILS; i++) {
        char login[16];
        snprintf(login, sizeof login, "guess%d", i);
        app->req.now = base + i;
        assert_int_equal(
            auth_sign_in(app, login, "whatever-1", "10.2.0.1", t, c, &who, &wait, &err),
            AT_FORBIDDEN);
        assert_int_equal(wait, 0);
    }
    app->req.now = base + AUTH_MAX_ADDR_FAILS;
    assert_int_equal(auth_sign_in(app, "root", "admin-pw-1", "10.2.0.1", t, c, &who, &wait, &err),
                     AT_FORBIDDEN);
    assert_true(wait > 0);
    assert_int_equal(auth_sign_in(app, "root", "admin-pw-1", "10.2.0.2", t, c, &who, &wait, &err),
                     AT_OK);
}

static void test_expiry(void **state)
{
    struct app *app = *state;
    struct at_err err;
    char t[AUTH_TOKEN_LEN], c[AUTH_TOKEN_LEN];
    struct principal who;
    int64_t base = T0 + 100000;
    app->req.now = base;
    assert_int_equal(auth_sign_in(app, "root", "admin-pw-1", "", t, c, &who, NULL, &err), AT_OK);
    /* used every 7 hours: alive past the idle limit's total, until the absolute one */
    int64_t at = base;
    while (at + 7 * 3600 <= base + AUTH_MAX_SECONDS) {
        at += 7 * 3600;
        app->req.now = at;
        if (auth_session(app, t, &who, c, &err))
            fail_msg("at +%lld s: %s", (long long)(at - base), err.msg);
    }
    app->req.now = base + AUTH_MAX_SECONDS + 1;
    assert_int_equal(auth_session(app, t, &who, c, &err), AT_NOT_FOUND);
    /* idle: one second past the limit */
    base += 2 * AUTH_MAX_SECONDS;
    app->req.now = base;
    assert_int_equal(auth_sign_in(app, "root", "admin-pw-1", "", t, c, &who, NULL, &err), AT_OK);
    app->req.now = base + AUTH_IDLE_SECONDS;
    assert_int_equal(auth_session(app, t, &who, c, &err), AT_OK);
    app->req.now = base + 2 * AUTH_IDLE_SECONDS + 1;
    assert_int_equal(auth_session(app, t, &who, c, &err), AT_NOT_FOUND);
}

static void test_password_and_disable(void **state)
{
    struct app *app = *state;
    struct at_err err;
    char a[AUTH_TOKEN_LEN], b[AUTH_TOKEN_LEN], n[AUTH_TOKEN_LEN], c[AUTH_TOKEN_LEN];
    struct principal who;
    app->req.now = T0 + 1000000;
    assert_int_equal(auth_sign_in(app, "zw", "rep-pw-123", "", a, c, &who, NULL, &err), AT_OK);
    assert_int_equal(auth_sign_in(app, "zw", "rep-pw-123", "", b, c, &who, NULL, &err), AT_OK);
    /* changing it oneself: the old one must be right; every session ends, a new one begins */
    assert_int_equal(
        auth_change_password(app, "zw", "wrong-old-1", "new-pw-456", "", n, c, &who, &err),
        AT_FORBIDDEN);
    assert_string_equal(err.msg, "the current password is wrong");
    assert_int_equal(auth_change_password(app, "zw", "rep-pw-123", "short", "", n, c, &who, &err),
                     AT_INVALID);
    assert_int_equal(auth_session(app, a, &who, c, &err), AT_OK);
    assert_int_equal(
        auth_change_password(app, "zw", "rep-pw-123", "new-pw-456", "", n, c, &who, &err), AT_OK);
    assert_int_equal(auth_session(app, a, &who, c, &err), AT_NOT_FOUND);
    assert_int_equal(auth_session(app, b, &who, c, &err), AT_NOT_FOUND);
    assert_int_equal(auth_session(app, n, &who, c, &err), AT_OK);
    assert_int_equal(auth_sign_in(app, "zw", "rep-pw-123", "", a, c, &who, NULL, &err),
                     AT_FORBIDDEN);
    /* set by the admin: the new session ends too */
    assert_int_equal(auth_user_passwd(app, "zw", "admin-set-1", &err), AT_OK);
    assert_int_equal(auth_session(app, n, &who, c, &err), AT_NOT_FOUND);
    /* disabled: sessions end, sign-in refused with the same message */
    assert_int_equal(auth_sign_in(app, "zw", "admin-set-1", "", a, c, &who, NULL, &err), AT_OK);
    assert_int_equal(auth_user_disable(app, "zw", true, &err), AT_OK);
    assert_int_equal(auth_session(app, a, &who, c, &err), AT_NOT_FOUND);
    assert_int_equal(auth_sign_in(app, "zw", "admin-set-1", "", a, c, &who, NULL, &err),
                     AT_FORBIDDEN);
    assert_string_equal(err.msg, "wrong login or password");
    assert_int_equal(auth_user_disable(app, "zw", false, &err), AT_OK);
    assert_int_equal(auth_sign_in(app, "zw", "admin-set-1", "", a, c, &who, NULL, &err), AT_OK);
    assert_int_equal(auth_user_disable(app, "nosuch", true, &err), AT_NOT_FOUND);
    /* update: role, language; a rep without a person is refused */
    enum role r = ROLE_ADMIN;
    assert_int_equal(auth_user_update(app, "zw", NULL, NULL, "zh", &err), AT_OK);
    assert_int_equal(auth_user_update(app, "zw", NULL, NULL, "fr", &err), AT_INVALID);
    assert_int_equal(auth_user_update(app, "zw", &r, NULL, NULL, &err), AT_OK);
    assert_int_equal(auth_session(app, a, &who, c, &err), AT_OK);
    assert_int_equal(who.role, ROLE_ADMIN); /* the row decides at every request */
    assert_string_equal(who.lang, "zh");
    r = ROLE_REP;
    assert_int_equal(auth_user_update(app, "root", &r, NULL, NULL, &err), AT_INVALID);
}

static enum at_status count_token(const struct token_info *t, void *ctx, struct at_err *err)
{
    (void)err;
    (void)t;
    ++*(int *)ctx;
    return AT_OK;
}

static void test_tokens(void **state)
{
    struct app *app = *state;
    struct at_err err;
    char t[AUTH_TOKEN_LEN], t2[AUTH_TOKEN_LEN];
    int64_t id = 0, id2 = 0;
    struct principal who;
    app->req.now = T0 + 2000000;
    assert_int_equal(auth_token_add(app, "crm", ROLE_MANAGER, "华东", NULL, t, &id, &err), AT_OK);
    assert_int_equal(auth_token_add(app, "bi", ROLE_ADMIN, NULL, "", t2, &id2, &err), AT_OK);
    assert_int_equal(auth_token_add(app, "x", ROLE_REP, NULL, NULL, t2, &id2, &err), AT_INVALID);
    assert_int_equal(auth_token_add(app, "x", ROLE_REP, "华北", NULL, t2, &id2, &err),
                     AT_NOT_FOUND);
    assert_int_equal(auth_token_add(app, "", ROLE_ADMIN, NULL, NULL, t2, &id2, &err), AT_INVALID);
    assert_int_equal(auth_token_add(app, "x", ROLE_ADMIN, NULL, "write", t2, &id2, &err),
                     AT_INVALID);
    assert_non_null(strstr(err.msg, "--scope write"));
    assert_int_equal(auth_token_check(app, t2, &who, &err), AT_OK);
    assert_false(who.ingest);
    char t3[AUTH_TOKEN_LEN];
    int64_t id3 = 0;
    assert_int_equal(auth_token_add(app, "crm-hook", ROLE_ADMIN, NULL, "ingest", t3, &id3, &err),
                     AT_OK);
    assert_int_equal(auth_token_check(app, t3, &who, &err), AT_OK);
    assert_true(who.ingest);
    assert_int_equal(auth_token_check(app, t, &who, &err), AT_OK);
    assert_false(who.ingest);
    assert_int_equal(who.token_id, id);
    assert_int_equal(who.role, ROLE_MANAGER);
    assert_true(who.unit_id > 0);
    assert_int_equal(who.user_id, 0);
    assert_int_equal(auth_token_revoke(app, id, &err), AT_OK);
    assert_int_equal(auth_token_check(app, t, &who, &err), AT_NOT_FOUND);
    assert_int_equal(auth_token_revoke(app, id, &err), AT_OK);
    assert_int_equal(auth_token_revoke(app, 999, &err), AT_NOT_FOUND);
    /* a session token is no API token and the other way round */
    assert_int_equal(auth_session(app, t2, &who, NULL, &err), AT_NOT_FOUND);
    int n = 0;
    assert_int_equal(auth_token_each(app, count_token, &n, &err), AT_OK);
    assert_int_equal(n, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_user_add),
        cmocka_unit_test(test_sign_in),
        cmocka_unit_test(test_throttle),
        cmocka_unit_test(test_expiry),
        cmocka_unit_test(test_password_and_disable),
        cmocka_unit_test(test_tokens),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
