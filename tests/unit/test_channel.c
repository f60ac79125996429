/*
 * test_channel.c — the platform payloads and signatures of app/channel.c and
 * the URL checks and redaction of net/net.c, table-driven. The signatures
 * were computed independently with python's hmac/hashlib/base64 the way the
 * platforms document them:
 *   DingTalk quote_plus(b64(hmac(secret, f"{ts}\n{secret}", sha256)))
 *   Feishu   b64(hmac(f"{ts}\n{secret}", b"", sha256))
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "app/channel.h"
#include "net/net.h"

struct sign_case {
    bool dingtalk;
    int64_t ts;
    const char *secret, *want;
};

static const struct sign_case sign_cases[] = {
    {true, 1577262236757, "this is secret", "hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D"},
    {true, 1700000000000, "SECding123", "%2FPkjoxlwW7RBn4hstKTFhJpOXfXaK%2BBaT9Q8cQ%2Bk90M%3D"},
    /* a key longer than the SHA-256 block (hashed first, as HMAC says) */
    {true, 1,
     "SECxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxx",
     "FdpMqThFjTIbQf52uWv%2B55u2o%2BoSqGowFxRoHrADgjM%3D"},
    {false, 1599360473, "test-secret", "wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY="},
    {false, 1700000000, "feishu-s3cret", "CBMkI8pFpCItovfr0MtDzbw5+M8rXlUZbSwCGRxAig0="},
};

static void test_signatures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sign_cases / sizeof sign_cases[0]; i++) {
        const struct sign_case *c = &sign_cases[i];
        char out[128];
        if (c->dingtalk)
            channel_sign_dingtalk(c->ts, c->secret, out, sizeof out);
        else
            channel_sign_feishu(c->ts, c->secret, out, sizeof out);
        assert_string_equal(out, c->want);
    }
}

/* One payload case: the channel, then a JSON path that must hold a value. */
struct payload_case {
    const char *kind, *url, *secret, *lang;
    const char *want_url;       /* the request URL */
    const char *path[4], *want; /* body[path0][path1]... == want (a string) */
};

static const struct payload_case payload_cases[] = {
    {"wecom",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
     "",
     "en",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
     {"msgtype"},
     "markdown"},
    {"wecom",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
     "",
     "en",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
     {"markdown", "content"},
     "**Behind: 华东**\n> line one\n> line two\n\n[Open](http://a/goals/1)\n"},
    {"dingtalk",
     "https://oapi.dingtalk.com/robot/send?access_token=T",
     "SECding123",
     "zh",
     "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1700000000000&sign="
     "%2FPkjoxlwW7RBn4hstKTFhJpOXfXaK%2BBaT9Q8cQ%2Bk90M%3D",
     {"markdown", "title"},
     "Behind: 华东"},
    /* a URL without a query gets "?" */
    {"dingtalk",
     "http://127.0.0.1:9/robot",
     "SECding123",
     "zh",
     "http://127.0.0.1:9/robot?timestamp=1700000000000&sign="
     "%2FPkjoxlwW7RBn4hstKTFhJpOXfXaK%2BBaT9Q8cQ%2Bk90M%3D",
     {"msgtype"},
     "markdown"},
    {"feishu",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     "feishu-s3cret",
     "en",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     {"sign"},
     "CBMkI8pFpCItovfr0MtDzbw5+M8rXlUZbSwCGRxAig0="},
    {"feishu",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     "feishu-s3cret",
     "en",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     {"timestamp"},
     "1700000000"},
    {"feishu",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     "feishu-s3cret",
     "zh",
     "https://open.feishu.cn/open-apis/bot/v2/hook/X",
     {"content", "post", "zh_cn", "title"},
     "Behind: 华东"},
    {"slack",
     "https://hooks.slack.com/services/A/B/C",
     "",
     "en",
     "https://hooks.slack.com/services/A/B/C",
     {"text"},
     "*Behind: 华东*\nline one\nline two\n<http://a/goals/1|Open>"},
};

static void test_payloads(void **state)
{
    (void)state;
    struct channel_message m = {"Behind: 华东", "line one\nline two", "http://a/goals/1", "Open"};
    for (size_t i = 0; i < sizeof payload_cases / sizeof payload_cases[0]; i++) {
        const struct payload_case *pc = &payload_cases[i];
        struct channel c;
        memset(&c, 0, sizeof c);
        snprintf(c.kind, sizeof c.kind, "%s", pc->kind);
        snprintf(c.url, sizeof c.url, "%s", pc->url);
        snprintf(c.secret, sizeof c.secret, "%s", pc->secret);
        snprintf(c.lang, sizeof c.lang, "%s", pc->lang);
        struct channel_request rq;
        struct at_err err = {0};
        assert_int_equal(channel_request_make(&c, &m, 1700000000000LL, &rq, &err), AT_OK);
        assert_string_equal(rq.url, pc->want_url);
        json_error_t je;
        json_t *root = json_loads(rq.body, 0, &je);
        assert_non_null(root);
        json_t *j = root;
        for (size_t k = 0; k < 4 && pc->path[k]; k++)
            j = json_object_get(j, pc->path[k]);
        if (!json_is_string(j))
            fail_msg("case %zu: no string at the path in %s", i, rq.body);
        assert_string_equal(json_string_value(j), pc->want);
        json_decref(root);
        channel_request_free(&rq);
    }
}

static void test_email(void **state)
{
    (void)state;
    struct channel c;
    memset(&c, 0, sizeof c);
    snprintf(c.kind, sizeof c.kind, "email");
    snprintf(c.url, sizeof c.url, "smtp://127.0.0.1:25");
    snprintf(c.mail_to, sizeof c.mail_to, "a@example.com, b@example.com");
    snprintf(c.mail_from, sizeof c.mail_from, "attain@example.com");
    struct channel_message m = {"落后：华东", "line", "", NULL};
    struct channel_request rq;
    struct at_err err = {0};
    /* 2023-11-14 22:13:20 UTC */
    assert_int_equal(channel_request_make(&c, &m, 1700000000000LL, &rq, &err), AT_OK);
    /* "落后：华东" in UTF-8, base64: an RFC 2047 encoded word; "line\r\n" in base64 */
    const char *want = "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
                       "From: attain@example.com\r\n"
                       "To: a@example.com, b@example.com\r\n"
                       "Subject: =?UTF-8?B?6JC95ZCO77ya5Y2O5Lic?=\r\n"
                       "MIME-Version: 1.0\r\n"
                       "Content-Type: text/plain; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: base64\r\n"
                       "\r\n"
                       "bGluZQ0K\r\n";
    assert_string_equal(rq.body, want);
    assert_int_equal(rq.len, strlen(want));
    channel_request_free(&rq);
}

struct url_case {
    const char *url;
    int http, smtp;
    const char *shown;
};

static const struct url_case url_cases[] = {
    {"https://oapi.dingtalk.com/robot/send?access_token=T", 1, 0,
     "https://oapi.dingtalk.com/robot/****"},
    {"https://hooks.slack.com/services/T0/B0/SECRET", 1, 0,
     "https://hooks.slack.com/services/****"},
    {"http://127.0.0.1:8080/hook", 1, 0, "http://127.0.0.1:8080/hook"},
    {"http://127.0.0.1:8080/?key=K", 1, 0, "http://127.0.0.1:8080/****"},
    {"https://example.com", 1, 0, "https://example.com"},
    {"smtp://user:password@mail.example.com:587", 0, 1, "smtp://mail.example.com:587"},
    {"smtps://mail.example.com", 0, 1, "smtps://mail.example.com"},
    {"ftp://example.com/x", 0, 0, "ftp://example.com/x"},
    {"file:///etc/passwd", 0, 0, "****"},
    {"HTTP://example.com/x", 0, 0, "http://example.com/x"},
    {"not a url", 0, 0, "****"},
    {"http://", 0, 0, "****"},
};

static void test_urls(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof url_cases / sizeof url_cases[0]; i++) {
        const struct url_case *u = &url_cases[i];
        char shown[256];
        net_url_redact(u->url, shown, sizeof shown);
        if (strcmp(shown, u->shown))
            fail_msg("redact %s: got %s, want %s", u->url, shown, u->shown);
        assert_int_equal(net_url_is_http(u->url), u->http);
        assert_int_equal(net_url_is_smtp(u->url), u->smtp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signatures),
        cmocka_unit_test(test_payloads),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
