/*
 * filter.h — a metric filter as a typed value: which field (product, segment,
 * region, tag, stage) must hold which value. The text "key=value" a person
 * types (attain metric --where, goal --filter, a goal's stored filter) is
 * read once into a filter_term where it enters app; the engine interns the
 * value (engine/lookup.h) and never splits text.
 */
#pragma once
#include <stdbool.h>

#include "base/err.h"

enum filter_key { FILTER_PRODUCT, FILTER_SEGMENT, FILTER_REGION, FILTER_TAG, FILTER_STAGE };

#define FILTER_VALUE_MAX 256

struct filter_term {
    enum filter_key key;
    char value[FILTER_VALUE_MAX]; /* as given, not empty */
};

/* "product", "segment", "region", "tag", "stage". */
const char *filter_key_name(enum filter_key k);

/* Read "key=value" into *OUT. AT_INVALID naming TEXT for a missing key or
 * value, an unknown key or a value over FILTER_VALUE_MAX - 1 bytes. */
enum at_status filter_term_parse(const char *text, struct filter_term *out, struct at_err *err);
