/*
 * lookup.h — the engine's lookups by typed value (no text to parse): filter
 * terms read by app (domain/filter.h) interned into a metric_filter.
 */
#pragma once
#include "domain/filter.h"
#include "engine/engine.h"

/* Add T to F with AND (see struct metric_filter). A value the data never
 * holds matches nothing. AT_INVALID for more than FILTER_TAGS_MAX tags. */
enum at_status engine_filter_add_term(const struct engine *e, struct metric_filter *f,
                                      const struct filter_term *t, struct at_err *err);

/* Is T's value a value of its field anywhere in E's data (any row, any
 * date)? AT_OK, else AT_NOT_FOUND "no segment is 'Consumr'; nearest:
 * Consumer, Corporate" — up to 3 values nearest by edit distance (by
 * characters, ASCII case ignored; none further than the value is long).
 * Values are matched exactly, as filters match. A value that exists but has
 * no rows in a period is no error (that is a real zero). */
enum at_status engine_filter_value_check(const struct engine *e, const struct filter_term *t,
                                         struct at_err *err);
