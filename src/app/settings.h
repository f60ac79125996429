/*
 * settings.h — the settings a person may change after `attain init` (attain
 * config): one table of keys, each with its check. Kept in the store's meta
 * table. So far: base_url, the address of the attain server, from which
 * notifications link to a goal (BASE/goals/ID).
 */
#pragma once
#include <stddef.h>

#include "app/app.h"

/* The value of setting KEY into OUT ("" when not set); AT_INVALID naming the
 * known keys for another KEY. */
enum at_status app_setting_get(struct app *app, const char *key, char *out, size_t size,
                               struct at_err *err);
/* Check VALUE for KEY and store it ("" clears it). */
enum at_status app_setting_set(struct app *app, const char *key, const char *value,
                               struct at_err *err);
/* Every known key, in order, into FN with its value ("" when not set). */
typedef void (*setting_fn)(const char *key, const char *value, void *ctx);
enum at_status app_settings(struct app *app, setting_fn fn, void *ctx, struct at_err *err);

/* The link to goal ID under the base URL into OUT; "" when no base URL is set. */
void app_goal_link(struct app *app, long long id, char *out, size_t size);
