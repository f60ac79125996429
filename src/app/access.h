/*
 * access.h — who may see and change what: the principal a front end acts for
 * (a signed-in user or an API token) and the visibility rules every route,
 * list, export and event obeys. The router checks a route's minimum role;
 * these functions decide row by row, so no path (by id, by list, by export,
 * by event, by explain) shows a rep another team's rows.
 *
 *  - admin: everything.
 *  - manager: the scopes inside their own subtree: themselves, the team of
 *    everyone reporting to them (team:P), and the units they head (org_head).
 *    They read and change goals there.
 *  - rep: their own person scope (read and check in, own action steps), and
 *    read-only their team: the unit they belong to and their manager's team
 *    (team goals and the leaderboard of its members).
 *  - an API token: acts with its role, further limited to its unit's subtree
 *    when it names one.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/scope.h"

struct app;

enum role { ROLE_NONE = 0, ROLE_REP = 1, ROLE_MANAGER = 2, ROLE_ADMIN = 3 };

/* "rep", "manager", "admin" ("none" for ROLE_NONE). */
const char *role_name(enum role r);
/* TEXT as a role; false when it is none of the three. */
bool role_parse(const char *text, enum role *out);

struct principal {
    int64_t user_id;  /* users.id; 0 for an API token or anonymous */
    int64_t token_id; /* api_tokens.id when acting for a token, else 0 */
    char login[64];   /* the user's login (or the token's name) */
    enum role role;
    int64_t person_id; /* people.id the user is, 0 when none (an admin may be nobody) */
    int64_t unit_id;   /* a token's unit limit (units.id), 0 = none */
    char lang[3];      /* the user's language setting: "zh", "en" or "" */
    bool ingest;       /* an API token with the ingest scope (POST /api/ingest/{kind}) */
};

/* May P read the figures and goals of scope S? */
bool access_may_read(struct app *app, const struct principal *p, const struct scope_ref *s);
/* May P change goals of scope S (add, edit, split, adjust)? Reps: never
 * (they check in and edit their own action steps: access_may_report). */
bool access_may_write(struct app *app, const struct principal *p, const struct scope_ref *s);
/* May P check in on scope S (their own person scope; a manager: inside their subtree)? */
bool access_may_report(struct app *app, const struct principal *p, const struct scope_ref *s);
/* The scope P's dashboard opens on: the company for an admin, the team a
 * manager leads (or the unit they head), a rep's own person scope. */
enum at_status access_home(struct app *app, const struct principal *p, struct scope_ref *out,
                           struct at_err *err);
