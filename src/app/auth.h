/*
 * auth.h — users, sign-in, sessions and API tokens (the use cases behind
 * `attain user …`, `attain token …` and the server's sign-in).
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str). Session
 * and API tokens are 32 random bytes shown once as 43 characters of base64url
 * and stored only as their BLAKE2b hash; a lookup hashes what comes in and
 * compares. A session has an idle expiry (AUTH_IDLE_SECONDS since last use)
 * and an absolute one (AUTH_MAX_SECONDS since sign-in); a password change or
 * a disabled user ends every session of that user. Failed sign-ins are
 * counted per login and per client address: after AUTH_MAX_FAILS within
 * AUTH_FAIL_WINDOW seconds, sign-in is refused (AT_FORBIDDEN, code
 * "throttled") until the window passes, even with the right password.
 * Times are app->req.now (unix seconds from the front end).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/access.h"
#include "base/err.h"

struct app;

#define AUTH_TOKEN_LEN    44 /* 43 characters of base64url + NUL */
#define AUTH_IDLE_SECONDS (8 * 3600)
#define AUTH_MAX_SECONDS  (7 * 24 * 3600)
#define AUTH_MAX_FAILS    5
#define AUTH_FAIL_WINDOW  900
/* Failures from one address before it is throttled: several people behind
 * one office address mistype too, so more than one login's. */
#define AUTH_MAX_ADDR_FAILS (4 * AUTH_MAX_FAILS)
/* A session's last use is written at most this often (seconds). */
#define AUTH_TOUCH_SECONDS 60

/* The argon2id cost of new password hashes: libsodium's INTERACTIVE limits
 * by default; tests may lower them (a process-wide knob, set before any
 * thread starts; NULL limits: the defaults). Verification always uses the
 * cost stored in the hash. */
void auth_set_hash_limits(unsigned long long opslimit, size_t memlimit);

struct user_info {
    int64_t id;
    char login[64];
    enum role role;
    int64_t person_id; /* 0 = none */
    char person[128];  /* the person's label ("张伟#E102"), "" when none */
    char lang[3];      /* "zh", "en" or "" (the browser decides) */
    bool disabled;
    char created_at[32]; /* ISO 8601 UTC */
    char last_sign_in[32];
};

/* `attain user add`: LOGIN (1–63 chars of [A-Za-z0-9._@-]) with ROLE, the
 * person PERSON names (org_find_person; NULL = none; required for rep and
 * manager), PASSWORD (at least 8 bytes). AT_CONFLICT when LOGIN exists. */
enum at_status auth_user_add(struct app *app, const char *login, enum role role, const char *person,
                             const char *password, int64_t *id, struct at_err *err);
typedef enum at_status (*user_fn)(const struct user_info *u, void *ctx, struct at_err *err);
enum at_status auth_user_each(struct app *app, user_fn fn, void *ctx, struct at_err *err);
enum at_status auth_user_get(struct app *app, const char *login, struct user_info *out,
                             struct at_err *err);
/* Disable (or enable) LOGIN; disabling ends its sessions and keeps its history. */
enum at_status auth_user_disable(struct app *app, const char *login, bool disabled,
                                 struct at_err *err);
/* Set LOGIN's password (at least 8 bytes) and end all of its sessions. */
enum at_status auth_user_passwd(struct app *app, const char *login, const char *password,
                                struct at_err *err);
/* Set LOGIN's role, person (NULL keeps), language ("zh", "en", "" ; NULL keeps). */
enum at_status auth_user_update(struct app *app, const char *login, const enum role *role,
                                const char *person, const char *lang, struct at_err *err);

/* Sign in LOGIN with PASSWORD from client address ADDR: a new session, its
 * token in TOKEN and its CSRF token in CSRF (both shown once), the principal
 * in *WHO. Wrong login or password, or a disabled user: AT_FORBIDDEN "wrong
 * login or password" (the same for each, and the same time spent);
 * throttled: AT_FORBIDDEN naming the seconds to wait, also in *WAIT (may be
 * NULL; 0 when not throttled) — the front end answers 403 "throttled". */
enum at_status auth_sign_in(struct app *app, const char *login, const char *password,
                            const char *addr, char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                            struct principal *who, int64_t *wait, struct at_err *err);
/* A signed-in user changes their own password: OLD must be right (else
 * AT_FORBIDDEN, counted as a failed sign-in), NEW at least 8 bytes; every
 * session of the user ends and a new one is made (TOKEN, CSRF), so nothing
 * signed in before (another browser, a stolen cookie) stays. */
enum at_status auth_change_password(struct app *app, const char *login, const char *old_password,
                                    const char *new_password, const char *addr,
                                    char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                                    struct principal *who, struct at_err *err);
/* The principal of user LOGIN as a session would carry it (no session made). */
enum at_status auth_user_principal(struct app *app, const char *login, struct principal *who,
                                   struct at_err *err);
/* The session TOKEN: its principal and CSRF token, its last use moved to now.
 * Unknown, expired or of a disabled user: AT_NOT_FOUND (the front end answers
 * 401). */
enum at_status auth_session(struct app *app, const char *token, struct principal *who,
                            char csrf[AUTH_TOKEN_LEN], struct at_err *err);
/* End the session TOKEN (sign-out); unknown is not an error. */
enum at_status auth_sign_out(struct app *app, const char *token, struct at_err *err);

struct token_info {
    int64_t id;
    char name[64];
    enum role role;
    int64_t unit_id; /* 0 = no unit limit */
    char unit[128];  /* the unit's path, "" when none */
    char created_at[32];
    char last_used[32];
    bool revoked;
    char scopes[64]; /* "ingest" or "" */
};
/* An API token NAME acting with ROLE, limited to UNIT (unit text, NULL = none;
 * required for a manager or rep token, which has no person of its own), with
 * the scopes SCOPES (NULL or "" = none; "ingest": it may call POST
 * /api/ingest/{kind}), its secret in TOKEN (shown once). Needs an admin (the
 * front end checks). */
enum at_status auth_token_add(struct app *app, const char *name, enum role role, const char *unit,
                              const char *scopes, char token[AUTH_TOKEN_LEN], int64_t *id,
                              struct at_err *err);
typedef enum at_status (*token_fn)(const struct token_info *t, void *ctx, struct at_err *err);
enum at_status auth_token_each(struct app *app, token_fn fn, void *ctx, struct at_err *err);
/* Revoke token ID (AT_NOT_FOUND when none; revoking twice is no error). */
enum at_status auth_token_revoke(struct app *app, int64_t id, struct at_err *err);
/* The principal of the API token TOKEN (Authorization: Bearer); unknown or
 * revoked: AT_NOT_FOUND. */
enum at_status auth_token_check(struct app *app, const char *token, struct principal *who,
                                struct at_err *err);
