/*
 * channel.h — notification channels of a scope (attain channel): webhooks of
 * 企业微信 WeCom (group robot, markdown), 钉钉 DingTalk (custom robot, signed
 * URL), 飞书 Feishu (custom bot, signed body), Slack (incoming webhook) and
 * e-mail over SMTP; the platform payloads and signatures, and one send.
 * The network itself is net/net.h. Secrets never leave this module except
 * in the request a platform is sent: listings show "****" and errors name
 * servers by scheme, host and port (net_url_redact).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "store/alert_store.h"

/* What `attain channel add` gives; NULL = not given. */
struct channel_fields {
    const char *scope;  /* required: company, unit:X, team:X, person:X */
    const char *kind;   /* required: wecom dingtalk feishu slack email */
    const char *url;    /* webhooks: the http(s) webhook address */
    const char *secret; /* dingtalk, feishu: the signing secret (required for them) */
    const char *lang;   /* zh or en; NULL = the request's language */
    const char *smtp;   /* email: smtp://host[:port] or smtps:// */
    const char *to;     /* email: ADDR[,ADDR...] */
    const char *from;   /* email: the sender; NULL = attain@localhost */
};

/* Check F and store the channel (*ID). Every bad field is AT_INVALID naming
 * it (a URL that is not http(s), an unknown kind, a missing secret for
 * dingtalk or feishu, a secret for a kind that does not sign, e-mail fields
 * on a webhook); an unknown scope as org_resolve says. Nothing is written
 * on error. */
enum at_status app_channel_add(struct app *app, const struct channel_fields *f, int64_t *id,
                               struct at_err *err);
/* Every channel not removed, in id order. */
enum at_status app_channels(struct app *app, channel_fn fn, void *ctx, struct at_err *err);
/* Remove channel ID (its undelivered messages are cancelled). */
enum at_status app_channel_rm(struct app *app, int64_t id, struct at_err *err);
/* Send a test message to channel ID now (not through the outbox). */
enum at_status app_channel_test(struct app *app, int64_t id, struct at_err *err);

/* The scope label of C (org_label) into OUT. */
void app_channel_scope(struct app *app, const struct channel *c, char *out, size_t size);
/* Where C sends, as it may be shown (no secret): the redacted URL, and for
 * e-mail the recipients. */
void channel_target_shown(const struct channel *c, char *out, size_t size);

/* One message: a subject line, body lines ("\n"-separated plain text) and
 * an optional link (the goal's page; "" when no base URL is set). */
struct channel_message {
    const char *subject, *body, *link;
    const char *link_text; /* the link's words ("Open the goal"); NULL = the URL */
};

/* A request to send: the URL (with DingTalk's timestamp and sign), the
 * content type and the body. Caller frees with channel_request_free. */
struct channel_request {
    char *url;
    const char *content_type;
    char *body; /* JSON, or the whole RFC 5322 message for e-mail */
    size_t len;
};
/*
 * The request sending M to C at NOW_MS (unix milliseconds; DingTalk signs
 * milliseconds, Feishu seconds):
 *  wecom    {"msgtype":"markdown","markdown":{"content":"**subject**\n..."}}
 *  dingtalk {"msgtype":"markdown","markdown":{"title":..,"text":..}} posted to
 *           URL&timestamp=T&sign=S, S = urlencode(base64(HMAC-SHA256(key
 *           secret, "T\nsecret")))
 *  feishu   {"timestamp":"T","sign":S,"msg_type":"post","content":{"post":
 *           {"zh_cn"|"en_us":{"title":..,"content":[[{"tag":"text",..}],..]}}}}
 *           with S = base64(HMAC-SHA256(key "T\nsecret", empty message))
 *  slack    {"text":..,"blocks":[{"type":"section","text":{"type":"mrkdwn",..}}]}
 *  email    From, To, Subject (RFC 2047, UTF-8), Date, MIME text/plain UTF-8,
 *           base64 body, CRLF line ends.
 */
enum at_status channel_request_make(const struct channel *c, const struct channel_message *m,
                                    int64_t now_ms, struct channel_request *out,
                                    struct at_err *err);
void channel_request_free(struct channel_request *r);

/* The DingTalk sign of (TIMESTAMP_MS, SECRET), URL-encoded, and the Feishu
 * sign of (TIMESTAMP_S, SECRET), into OUT (at least 128 bytes). */
void channel_sign_dingtalk(int64_t timestamp_ms, const char *secret, char *out, size_t size);
void channel_sign_feishu(int64_t timestamp_s, const char *secret, char *out, size_t size);

/* Send M to C now (NOW unix seconds): build the request, post it, and judge
 * the answer — HTTP 2xx and, for WeCom and DingTalk, "errcode": 0, for
 * Feishu "code": 0 (or "StatusCode": 0). A refusal is AT_IO with the
 * platform's message (secrets never in it). */
enum at_status channel_send(const struct channel *c, const struct channel_message *m, int64_t now,
                            struct at_err *err);
