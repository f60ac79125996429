/*
 * users.h — the tables of users and API tokens (`attain user ls`, `attain
 * token ls`, GET /api/users, GET /api/tokens): never a password hash or a
 * token, only what they are and when they were used.
 *
 *   users:  login, role, person, lang, disabled (yes/no), created_at, last_sign_in
 *   tokens: id, name, role, unit, created_at, last_used, revoked (yes/no)
 * Times are ISO 8601 UTC ("2026-12-02T17:03:49Z"), "" when never.
 */
#pragma once
#include "base/err.h"

struct app;
struct table;

enum at_status view_users(struct app *app, struct table *out, struct at_err *err);
enum at_status view_tokens(struct app *app, struct table *out, struct at_err *err);
