/*
 * view/requests.h — the change requests on locked goals as a table (`attain
 * goal requests --format csv|json`, GET /api/requests).
 */
#pragma once
#include "app/adjust.h"
#include "view/table.h"
#include "view/visible.h"

/* The requests about scopes inside SCOPE (NULL: all) with STATUS (pending,
 * approved, rejected, all; NULL: pending) — app_requests — whose scope VIS
 * lets its reader see (NULL: all), into OUT (initialised here; the caller
 * frees it, also after an error): id, kind, status, scope, goals, summary,
 * reason, requested_by, requested_on, decided_by, decided_on, comment, stale
 * ("yes"/"no" for a pending one, "" otherwise). */
enum at_status view_requests(struct app *app, const char *scope, const char *status,
                             const struct view_visible *vis, struct table *out, struct at_err *err);
