/*
 * view/alerts.h — notification channels and the outbox of alerts and digests
 * as tables (`attain channel ls`, `attain notify ls`; GET /api/channels, GET
 * /api/alerts). A channel's secret never shows ("****"), its address only
 * redacted (channel_target_shown).
 */
#pragma once
#include <stdbool.h>

#include "app/channel.h"
#include "view/table.h"
#include "view/visible.h"

/* Every channel not removed (app_channels) into OUT (initialised here; the
 * caller frees it, also after an error): id, scope, kind, target_address,
 * language, secret ("****" when it has one, else ""), created. */
enum at_status view_channels(struct app *app, struct table *out, struct at_err *err);

/* The outbox (app_notify_list; only failed messages with FAILED) into OUT
 * (initialised here): id, created, channel, kind, goal, rule, subject,
 * state ("retrying" for a pending one after a failed attempt), attempts,
 * next_attempt, sent, last_error. With VIS (NULL: every message) only the
 * messages about a goal whose scope its reader may read, or, without a goal
 * (a digest), sent to a channel of such a scope. */
enum at_status view_outbox(struct app *app, bool failed, const struct view_visible *vis,
                           struct table *out, struct at_err *err);
