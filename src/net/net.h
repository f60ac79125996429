/*
 * net.h — the network clients of attain: an HTTP POST (webhooks) and an SMTP
 * send (e-mail), both through libcurl. This layer includes only base/: it
 * knows nothing of goals, channels or the store; app/ builds the payloads
 * and calls it. Nothing here logs: a failure comes back as an error whose
 * message names the server by scheme, host and port only (net_url_redact),
 * never the path, query or user part of the URL, which may carry an access
 * token or a password.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* What a server answered: the HTTP status and the start of the body. */
#define NET_REPLY_MAX 2048
struct net_reply {
    long status;              /* HTTP status (200), 0 when none came */
    char body[NET_REPLY_MAX]; /* the body, cut to fit, NUL-terminated */
};

/*
 * POST BODY (LEN bytes) to URL (http or https) with CONTENT_TYPE, waiting at
 * most TIMEOUT_MS for the whole exchange; the answer into *REPLY. Any HTTP
 * status is AT_OK (the caller judges it); no connection, a timeout or a TLS
 * failure is AT_IO naming the server (redacted) and curl's reason.
 */
enum at_status net_http_post(const char *url, const char *content_type, const char *body,
                             size_t len, long timeout_ms, struct net_reply *reply,
                             struct at_err *err);

/*
 * Send MESSAGE (LEN bytes, a whole RFC 5322 message with CRLF line ends) by
 * SMTP to the server at URL ("smtp://host[:port]", "smtps://host[:port]";
 * user and password may be in the URL) from FROM to the N_TO addresses TO.
 * STARTTLS is used where the server offers it (CURLUSESSL_TRY). Errors:
 * AT_IO naming the server (redacted) and curl's reason.
 */
enum at_status net_smtp_send(const char *url, const char *from, const char *const *to, size_t n_to,
                             const char *message, size_t len, long timeout_ms, struct at_err *err);

/*
 * URL as it may be shown: scheme, host and port, then the first segment of
 * the path, with the rest of the path, the query and any user or password
 * replaced by "****": https://oapi.dingtalk.com/robot then "/" and "****". Into OUT
 * (SIZE bytes); a URL that cannot be parsed comes out as "****".
 */
void net_url_redact(const char *url, char *out, size_t size);

/* Is URL an http:// or https:// address with a host? */
int net_url_is_http(const char *url);
/* Is URL an smtp:// or smtps:// address with a host? */
int net_url_is_smtp(const char *url);
