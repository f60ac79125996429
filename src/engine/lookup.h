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
