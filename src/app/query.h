/*
 * query.h — the user text of a query (scope, breakdown, filters) read once,
 * where it enters app, into typed values; the engine is then asked by ids
 * and day ranges. Messages name the field ("scope", "breakdown", "filter"),
 * never a command-line flag.
 */
#pragma once
#include "app/app.h"
#include "domain/filter.h"
#include "domain/scope.h"
#include "engine/engine.h"

/* "person", "team", "unit", "month", "quarter", "week", "day" as a breakdown.
 * AT_INVALID naming TEXT otherwise. */
enum at_status query_breakdown_parse(const char *text, enum breakdown *out, struct at_err *err);

/* TEXT ("company", "person:X", "team:X", "unit:X"; app/org.h) resolved in
 * APP's org directory, then as a scope of engine E. Errors: those of
 * org_resolve, or AT_NOT_FOUND when E does not know the scope yet. */
enum at_status query_scope(struct app *app, const struct engine *e, const char *text,
                           struct scope *out, struct at_err *err);

/* The filter texts WHERE[0..N) ("key=value") read and interned into *OUT
 * (AND of them all). With MUST_EXIST (text a person just typed: --where,
 * goal --filter) a value no row of its field holds is AT_NOT_FOUND naming
 * the nearest values (engine_filter_value_check); without it (a stored goal's
 * filter) such a value simply matches nothing. */
enum at_status query_filters(const struct engine *e, const char *const *where, size_t n,
                             bool must_exist, struct metric_filter *out, struct at_err *err);
