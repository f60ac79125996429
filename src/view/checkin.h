/*
 * view/checkin.h — the tables of check-ins both front ends print: the
 * timeline (`attain checkin ls --format csv|json`, GET /api/checkins) and who
 * owes a check-in (`attain checkin due`, GET /api/checkins/due). Cells are
 * canonical; the caller sets OUT->lang for a terminal table.
 */
#pragma once
#include <stdint.h>

#include "app/checkin.h"
#include "view/table.h"
#include "view/visible.h"

/* The check-ins matching O (app_checkin_list) whose goal's scope VIS lets its
 * reader see (NULL: all), into OUT (initialised here; the caller frees it,
 * also after an error): the 20 columns id, goal, at, by, confidence, actual,
 * attainment, pace, status, acked_by, expected, forecast, note, blockers,
 * next, flags, acked_at, ack_comment, scope, title — the first ten are the
 * CSV interface, the details after. ONLY_ID non-zero keeps that check-in only. */
enum at_status view_checkins(struct app *app, const struct checkin_list_options *o, int64_t only_id,
                             const struct view_visible *vis, struct table *out, struct at_err *err);

/* The goals inside SCOPE (NULL: all) that owe a check-in as of AS_OF
 * (app_checkin_due) and whose scope VIS lets its reader see, into OUT
 * (initialised here): goal, owes, title, scope, period, cadence, since,
 * last_checkin. */
enum at_status view_checkins_due(struct app *app, const char *scope, const char *as_of,
                                 const struct view_visible *vis, struct table *out,
                                 struct at_err *err);
