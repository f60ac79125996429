/*
 * channel.c — channels (add, list, remove, test), the payload and signature
 * of each platform, and one send through net/net.h.
 */
#include "app/channel.h"

#include <ctype.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/org.h"
#include "base/str.h"
#include "net/net.h"
#include "store/db.h"

#define SEND_TIMEOUT_MS 10000

static const char *const kinds[] = {"wecom", "dingtalk", "feishu", "slack", "email"};

static bool kind_signs(const char *kind)
{
    return !strcmp(kind, "dingtalk") || !strcmp(kind, "feishu");
}

static bool printable(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* A plain address: local@domain, no spaces, brackets or control characters. */
static bool mail_address_ok(const char *a, size_t n)
{
    if (n == 0 || n > 254)
        return false;
    const char *at = memchr(a, '@', n);
    if (!at || at == a || at == a + n - 1 || memchr(at + 1, '@', (size_t)(a + n - at - 1)))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)a[i];
        if (c <= 0x20 || c == 0x7f || strchr("<>()[]\\,;:\"", c))
            return false;
    }
    return true;
}

/* Check the comma-separated addresses of TO; AT_INVALID naming the bad one. */
static enum at_status mail_list_check(const char *to, struct at_err *err)
{
    const char *p = to;
    size_t n_ok = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n && isspace((unsigned char)*p))
            p++, n--;
        while (n && isspace((unsigned char)p[n - 1]))
            n--;
        if (!mail_address_ok(p, n))
            return at_err_set(err, AT_INVALID, "--to: \"%.*s\" is not an e-mail address",
                              (int)(n > 200 ? 200 : n), p);
        n_ok++;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n_ok ? AT_OK : at_err_set(err, AT_INVALID, "--to: give at least one address");
}

enum at_status app_channel_add(struct app *app, const struct channel_fields *f, int64_t *id,
                               struct at_err *err)
{
    struct channel c;
    memset(&c, 0, sizeof c);
    if (!f->scope || !*f->scope)
        return at_err_set(err, AT_INVALID,
                          "channel: --scope is required (company, unit:X, "
                          "team:X or person:X)");
    if (!f->kind || !*f->kind)
        return at_err_set(err, AT_INVALID,
                          "channel: --kind is required: wecom, dingtalk, feishu, slack or email");
    bool known = false;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        known = known || !strcmp(f->kind, kinds[i]);
    if (!known)
        return at_err_set(err, AT_INVALID,
                          "channel kind \"%s\": choose wecom, dingtalk, feishu, slack or email",
                          f->kind);
    snprintf(c.kind, sizeof c.kind, "%s", f->kind);
    const char *lang =
        f->lang ? f->lang : (app->req.lang && !strcmp(app->req.lang, "zh") ? "zh" : "en");
    if (strcmp(lang, "zh") && strcmp(lang, "en"))
        return at_err_set(err, AT_INVALID, "--lang %s: choose zh or en", lang);
    snprintf(c.lang, sizeof c.lang, "%s", lang);
    bool email = !strcmp(f->kind, "email");
    if (email) {
        if (f->url)
            return at_err_set(err, AT_INVALID, "channel kind email takes --smtp URL, not --url");
        if (f->secret)
            return at_err_set(err, AT_INVALID,
                              "--secret is for dingtalk and feishu; e-mail credentials go in "
                              "the --smtp URL (smtp://user:password@host)");
        if (!f->smtp)
            return at_err_set(err, AT_INVALID,
                              "channel kind email needs --smtp smtp://HOST[:PORT]");
        if (strlen(f->smtp) >= sizeof c.url || !printable(f->smtp) || !net_url_is_smtp(f->smtp))
            return at_err_set(err, AT_INVALID,
                              "--smtp: not an smtp:// or smtps:// address with a host");
        if (!f->to)
            return at_err_set(err, AT_INVALID, "channel kind email needs --to ADDR[,ADDR]");
        if (strlen(f->to) >= sizeof c.mail_to)
            return at_err_set(err, AT_INVALID, "--to: too long");
        enum at_status st = mail_list_check(f->to, err);
        if (st)
            return st;
        const char *from = f->from ? f->from : "attain@localhost";
        if (strlen(from) >= sizeof c.mail_from || !mail_address_ok(from, strlen(from)))
            return at_err_set(err, AT_INVALID, "--from: \"%s\" is not an e-mail address", from);
        snprintf(c.url, sizeof c.url, "%s", f->smtp);
        snprintf(c.mail_to, sizeof c.mail_to, "%s", f->to);
        snprintf(c.mail_from, sizeof c.mail_from, "%s", from);
    } else {
        if (f->smtp || f->to || f->from)
            return at_err_set(err, AT_INVALID,
                              "--smtp, --to and --from are for channel kind email, not %s",
                              f->kind);
        if (!f->url)
            return at_err_set(err, AT_INVALID, "channel kind %s needs --url (its webhook address)",
                              f->kind);
        if (strlen(f->url) >= sizeof c.url || !printable(f->url) || !net_url_is_http(f->url)) {
            char shown[256];
            net_url_redact(f->url, shown, sizeof shown);
            return at_err_set(err, AT_INVALID,
                              "--url %s: a webhook address must be http:// or https:// with a "
                              "host",
                              strncmp(shown, "****", 4) ? shown : "(not a URL)");
        }
        if (kind_signs(f->kind)) {
            if (!f->secret || !*f->secret)
                return at_err_set(err, AT_INVALID,
                                  "channel kind %s needs --secret (the robot's signing secret)",
                                  f->kind);
            if (strlen(f->secret) >= sizeof c.secret || !printable(f->secret))
                return at_err_set(err, AT_INVALID,
                                  "--secret: too long or holds control characters");
            snprintf(c.secret, sizeof c.secret, "%s", f->secret);
        } else if (f->secret) {
            return at_err_set(err, AT_INVALID,
                              "--secret is for dingtalk and feishu; %s does not sign", f->kind);
        }
        snprintf(c.url, sizeof c.url, "%s", f->url);
    }
    const struct org *o;
    enum at_status st = app_org(app, &o, err);
    if (!st)
        st = org_resolve(o, f->scope, &c.ref, err);
    if (st)
        return st;
    snprintf(c.actor, sizeof c.actor, "%s", app->req.actor[0] ? app->req.actor : "cli");
    st = channel_store_insert(app->db, &c, err);
    *id = c.id;
    return st;
}

enum at_status app_channels(struct app *app, channel_fn fn, void *ctx, struct at_err *err)
{
    return channel_store_list(app->db, fn, ctx, err);
}

enum at_status app_channel_rm(struct app *app, int64_t id, struct at_err *err)
{
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    st = channel_store_remove(app->db, id, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

void app_channel_scope(struct app *app, const struct channel *c, char *out, size_t size)
{
    const struct org *o;
    struct at_err e;
    if (app_org(app, &o, &e))
        snprintf(out, size, "%s:#%lld", scope_kind_name(c->ref.kind), (long long)c->ref.id);
    else
        org_label(o, &c->ref, out, size); /* "person:#12" when the person is gone */
}

void channel_target_shown(const struct channel *c, char *out, size_t size)
{
    char url[256];
    net_url_redact(c->url, url, sizeof url);
    if (!strcmp(c->kind, "email"))
        snprintf(out, size, "%s -> %s", url, c->mail_to);
    else
        snprintf(out, size, "%s", url);
}

/* ---- signatures ---------------------------------------------------------- */

static void hmac_sha256_b64(const char *key, const char *msg, char *out, size_t size)
{
    crypto_auth_hmacsha256_state s;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&s, (const unsigned char *)key, strlen(key));
    crypto_auth_hmacsha256_update(&s, (const unsigned char *)msg, strlen(msg));
    crypto_auth_hmacsha256_final(&s, mac);
    sodium_bin2base64(out, size, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(&s, sizeof s);
}

void channel_sign_dingtalk(int64_t timestamp_ms, const char *secret, char *out, size_t size)
{
    char msg[CHANNEL_SECRET_MAX + 32], b64[64];
    snprintf(msg, sizeof msg, "%lld\n%s", (long long)timestamp_ms, secret);
    hmac_sha256_b64(secret, msg, b64, sizeof b64);
    /* URL-encode: base64 holds + / = besides letters and digits */
    size_t n = 0;
    for (const char *p = b64; *p && n + 4 < size; p++) {
        if (isalnum((unsigned char)*p))
            out[n++] = *p;
        else
            n += (size_t)snprintf(out + n, size - n, "%%%02X", (unsigned char)*p);
    }
    out[n] = '\0';
    sodium_memzero(msg, sizeof msg);
}

void channel_sign_feishu(int64_t timestamp_s, const char *secret, char *out, size_t size)
{
    char key[CHANNEL_SECRET_MAX + 32];
    snprintf(key, sizeof key, "%lld\n%s", (long long)timestamp_s, secret);
    hmac_sha256_b64(key, "", out, size);
    sodium_memzero(key, sizeof key);
}

/* ---- payloads ---------------------------------------------------------------- */

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!s)
        abort();
    return s;
}

/* The markdown of WeCom and DingTalk: the subject in bold, the lines, the link. */
static char *markdown_text(const struct channel_message *m, bool heading)
{
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, heading ? "### %s\n" : "**%s**\n", m->subject);
    const char *p = m->body;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        buf_printf(&b, "> %.*s\n", (int)n, p);
        p += n + (nl ? 1 : 0);
    }
    if (m->link && *m->link)
        buf_printf(&b, "\n[%s](%s)\n", m->link_text ? m->link_text : m->link, m->link);
    char *s = buf_take(&b);
    return s ? s : strdup("");
}

static char *slack_text(const struct channel_message *m)
{
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, "*%s*\n%s", m->subject, m->body);
    if (m->link && *m->link)
        buf_printf(&b, "\n<%s|%s>", m->link, m->link_text ? m->link_text : m->link);
    char *s = buf_take(&b);
    return s ? s : strdup("");
}

static json_t *feishu_post(const struct channel *c, const struct channel_message *m)
{
    json_t *paras = json_array();
    const char *p = m->body;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_array_append_new(paras, json_pack("[{s:s, s:s%}]", "tag", "text", "text", p, n));
        p += n + (nl ? 1 : 0);
    }
    if (m->link && *m->link)
        json_array_append_new(paras,
                              json_pack("[{s:s, s:s, s:s}]", "tag", "a", "text",
                                        m->link_text ? m->link_text : m->link, "href", m->link));
    return json_pack("{s:{s:{s:s, s:o}}}", "post", !strcmp(c->lang, "zh") ? "zh_cn" : "en_us",
                     "title", m->subject, "content", paras);
}

/* RFC 2047 encoded-word of TEXT when it is not plain ASCII. */
static void mail_header_text(struct buf *b, const char *text)
{
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ascii = ascii && *p < 0x80 && *p >= 0x20;
    if (ascii) {
        buf_puts(b, text);
        return;
    }
    size_t n = strlen(text);
    size_t b64n = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *enc = xmalloc(b64n);
    sodium_bin2base64(enc, b64n, (const unsigned char *)text, n, sodium_base64_VARIANT_ORIGINAL);
    buf_printf(b, "=?UTF-8?B?%s?=", enc);
    free(enc);
}

static char *mail_message(const struct channel *c, const struct channel_message *m, int64_t now,
                          size_t *len)
{
    struct buf b, body;
    buf_init(&b, 0);
    buf_init(&body, 0);
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[64];
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_printf(&b, "Date: %s\r\nFrom: %s\r\nTo: ", date, c->mail_from);
    buf_puts(&b, c->mail_to);
    buf_puts(&b, "\r\nSubject: ");
    mail_header_text(&b, m->subject);
    buf_puts(&b, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n");
    /* the body: the lines with CRLF ends, then the link */
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n')
            buf_putc(&body, '\r');
        buf_putc(&body, *p);
    }
    if (m->link && *m->link)
        buf_printf(&body, "\r\n\r\n%s: %s", m->link_text ? m->link_text : "Link", m->link);
    buf_puts(&body, "\r\n");
    size_t n = body.len;
    size_t b64n = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *enc = xmalloc(b64n);
    sodium_bin2base64(enc, b64n, (const unsigned char *)buf_str(&body), n,
                      sodium_base64_VARIANT_ORIGINAL);
    for (size_t i = 0, e = strlen(enc); i < e; i += 76)
        buf_printf(&b, "%.*s\r\n", (int)(e - i < 76 ? e - i : 76), enc + i);
    free(enc);
    buf_free(&body);
    *len = b.len;
    char *s = buf_take(&b);
    return s ? s : strdup("");
}

enum at_status channel_request_make(const struct channel *c, const struct channel_message *m,
                                    int64_t now_ms, struct channel_request *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return at_err_set(err, AT_INTERNAL, "libsodium could not start");
    out->content_type = "application/json; charset=utf-8";
    if (!strcmp(c->kind, "wecom")) {
        char *md = markdown_text(m, false);
        out->body =
            dump(json_pack("{s:s, s:{s:s}}", "msgtype", "markdown", "markdown", "content", md));
        free(md);
        out->url = strdup(c->url);
    } else if (!strcmp(c->kind, "dingtalk")) {
        char *md = markdown_text(m, true);
        out->body = dump(json_pack("{s:s, s:{s:s, s:s}}", "msgtype", "markdown", "markdown",
                                   "title", m->subject, "text", md));
        free(md);
        char sign[128];
        channel_sign_dingtalk(now_ms, c->secret, sign, sizeof sign);
        size_t n = strlen(c->url) + 200;
        out->url = xmalloc(n);
        snprintf(out->url, n, "%s%stimestamp=%lld&sign=%s", c->url, strchr(c->url, '?') ? "&" : "?",
                 (long long)now_ms, sign);
    } else if (!strcmp(c->kind, "feishu")) {
        char sign[128], ts[24];
        int64_t now_s = now_ms / 1000;
        channel_sign_feishu(now_s, c->secret, sign, sizeof sign);
        snprintf(ts, sizeof ts, "%lld", (long long)now_s);
        out->body = dump(json_pack("{s:s, s:s, s:s, s:o}", "timestamp", ts, "sign", sign,
                                   "msg_type", "post", "content", feishu_post(c, m)));
        out->url = strdup(c->url);
    } else if (!strcmp(c->kind, "slack")) {
        char *text = slack_text(m);
        out->body = dump(json_pack("{s:s, s:[{s:s, s:{s:s, s:s}}]}", "text", text, "blocks", "type",
                                   "section", "text", "type", "mrkdwn", "text", text));
        free(text);
        out->url = strdup(c->url);
    } else if (!strcmp(c->kind, "email")) {
        out->content_type = "message/rfc822";
        out->body = mail_message(c, m, now_ms / 1000, &out->len);
        out->url = strdup(c->url);
        return AT_OK;
    } else {
        return at_err_set(err, AT_INVALID, "channel %lld: unknown kind \"%s\"", (long long)c->id,
                          c->kind);
    }
    if (!out->url || !out->body)
        abort();
    out->len = strlen(out->body);
    return AT_OK;
}

void channel_request_free(struct channel_request *r)
{
    free(r->url);
    if (r->body) {
        sodium_memzero(r->body, r->len);
        free(r->body);
    }
    memset(r, 0, sizeof *r);
}

/* Did the platform take it? HTTP 2xx, and its own code 0 where it has one. */
static enum at_status judge(const struct channel *c, const struct net_reply *r, struct at_err *err)
{
    char where[256];
    net_url_redact(c->url, where, sizeof where);
    if (r->status < 200 || r->status > 299)
        return at_err_set(err, AT_IO, "%s %s answered HTTP %ld", c->kind, where, r->status);
    if (!strcmp(c->kind, "slack"))
        return AT_OK;
    json_error_t je;
    json_t *j = json_loads(r->body, 0, &je);
    if (!j || !json_is_object(j)) {
        json_decref(j);
        return at_err_set(err, AT_IO, "%s %s: the answer is not JSON", c->kind, where);
    }
    const char *code_key = !strcmp(c->kind, "feishu") ? "code" : "errcode";
    json_t *code = json_object_get(j, code_key);
    if (!code && !strcmp(c->kind, "feishu"))
        code = json_object_get(j, "StatusCode");
    enum at_status st = AT_OK;
    if (!json_is_integer(code) || json_integer_value(code) != 0) {
        json_t *msg = json_object_get(j, !strcmp(c->kind, "feishu") ? "msg" : "errmsg");
        st = at_err_set(err, AT_IO, "%s %s refused the message: %s %lld: %.200s", c->kind, where,
                        code_key, json_is_integer(code) ? (long long)json_integer_value(code) : -1,
                        json_is_string(msg) ? json_string_value(msg) : "");
    }
    json_decref(j);
    return st;
}

/* The recipients of an e-mail channel, split (pointers into COPY). */
static size_t mail_split(char *copy, const char **to, size_t max)
{
    size_t n = 0;
    for (char *p = copy; p && n < max;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (isspace((unsigned char)*p))
            p++;
        char *e = p + strlen(p);
        while (e > p && isspace((unsigned char)e[-1]))
            *--e = '\0';
        if (*p)
            to[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

enum at_status channel_send(const struct channel *c, const struct channel_message *m, int64_t now,
                            struct at_err *err)
{
    struct channel_request rq;
    enum at_status st = channel_request_make(c, m, now * 1000, &rq, err);
    if (st)
        return st;
    if (!strcmp(c->kind, "email")) {
        char copy[CHANNEL_ADDRS_MAX];
        snprintf(copy, sizeof copy, "%s", c->mail_to);
        const char *to[64];
        size_t n = mail_split(copy, to, 64);
        st = net_smtp_send(rq.url, c->mail_from, to, n, rq.body, rq.len, SEND_TIMEOUT_MS, err);
    } else {
        struct net_reply reply;
        st = net_http_post(rq.url, rq.content_type, rq.body, rq.len, SEND_TIMEOUT_MS, &reply, err);
        if (!st)
            st = judge(c, &reply, err);
    }
    channel_request_free(&rq);
    return st;
}

enum at_status app_channel_test(struct app *app, int64_t id, struct at_err *err)
{
    struct channel c;
    enum at_status st = channel_store_get(app->db, id, &c, err);
    if (st)
        return st;
    if (c.removed)
        return at_err_set(err, AT_NOT_FOUND, "no channel %lld (removed)", (long long)id);
    bool zh = !strcmp(c.lang, "zh");
    char scope[256];
    app_channel_scope(app, &c, scope, sizeof scope);
    char body[512];
    snprintf(body, sizeof body,
             zh ? "这是 attain 的测试消息：范围 %s 的提醒将发送到这里。"
                : "This is a test message from attain: alerts of %s will arrive here.",
             scope);
    struct channel_message m = {zh ? "attain 测试消息" : "attain test message", body, "", NULL};
    return channel_send(&c, &m, app->req.now, err);
}
