/*
 * mapping.h — which column of an export holds which attain field.
 *
 * Each import kind has canonical fields (documented in `attain help import`),
 * each with the header names real exports use for it, in English and Chinese:
 * Zoho CRM, Salesforce, HubSpot, 纷享销客 (FXiaoKe), and the public data sets
 * attain is tested on (Maven CRM, Tableau Superstore, AdventureWorks, Olist).
 * Headers compare case-insensitively, ignoring spaces, '_', '-', '.', and a
 * trailing "(unit)" such as "金额(元)".
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "base/str.h"

#define IMPORT_KIND_LIST(X)                                                                        \
    X(UNITS, "units")                                                                              \
    X(PEOPLE, "people")                                                                            \
    X(CUSTOMERS, "customers")                                                                      \
    X(DEALS, "deals")                                                                              \
    X(ORDERS, "orders")                                                                            \
    X(PAYMENTS, "payments")                                                                        \
    X(ACTIVITIES, "activities")                                                                    \
    X(SURVEYS, "surveys")                                                                          \
    X(MARKETS, "markets")                                                                          \
    X(HOLIDAYS, "holidays")                                                                        \
    X(RATES, "rates")

enum import_kind {
#define AT_X(k, s) IMPORT_##k,
    IMPORT_KIND_LIST(AT_X)
#undef AT_X
        IMPORT_KIND_COUNT
};

const char *import_kind_name(enum import_kind k);
/* The kind as a word of LANG: its Chinese name under "zh", else import_kind_name. */
const char *import_kind_label(enum import_kind k, const char *lang);
/* Kind named NAME (singular also accepted: "order"); false when unknown. */
bool import_kind_parse(const char *name, enum import_kind *out);

#define MAPPING_MAX_FIELDS 24

struct field_def {
    const char *name;           /* canonical field name: "amount" */
    const char *help;           /* one line for `attain help import` */
    bool required;              /* the file must have a column for it */
    const char *const *aliases; /* NULL-terminated header names, best first */
};

/* The canonical fields of KIND and their count. */
const struct field_def *mapping_fields(enum import_kind kind, size_t *n_fields);
/* Index of field NAME in mapping_fields(KIND), or -1. */
int mapping_field_index(enum import_kind kind, const char *name);

struct mapping {
    enum import_kind kind;
    int column[MAPPING_MAX_FIELDS]; /* per canonical field: header column index, or -1 */
    size_t n_fields;
};

/*
 * Map HEADERS (N_HEADERS column names of a file) to the fields of KIND.
 * OVERRIDES is the --map text "field=Header,field=Header" (NULL when none);
 * an override naming an unknown field or a header not in the file is an error.
 * Every field takes the first of its aliases present in the file; a required
 * field with no column is an error naming the field and the headers seen.
 */
enum at_status mapping_resolve(enum import_kind kind, const char *const *headers, size_t n_headers,
                               const char *overrides, struct mapping *out, struct at_err *err);

/* Normalised form of a header for comparison (lower-case ASCII, no spaces, '_',
 * '-', '.', no trailing parenthesised unit) into OUT of SIZE bytes. */
void mapping_normalize(const char *header, char *out, size_t size);

/* ---- value maps ---------------------------------------------------------- */

/* One rule of a value map: a cell of FIELD holding FROM (compared ignoring
 * case and surrounding spaces) is read as TO. */
struct value_rule {
    int field;
    char *from, *to;
};

/* The value maps of one import (--value type=微信:call, or "value" lines of a
 * saved mapping file). Owns its strings: value_map_free. */
struct value_map {
    enum import_kind kind;
    struct value_rule *rules;
    size_t n_rules, cap_rules;
};

void value_map_init(struct value_map *vm, enum import_kind kind);
void value_map_free(struct value_map *vm);

/*
 * Add the rule SPEC, "field=FROM:TO" (the last ':' or '：' separates FROM and
 * TO, so FROM may hold a colon). An unknown field, an empty FROM or TO, or a
 * second rule for the same FROM with another TO is an error naming the item.
 */
enum at_status value_map_add(struct value_map *vm, const char *spec, struct at_err *err);

/* What TEXT in FIELD is read as: the TO of its rule, or NULL when no rule
 * names it. */
const char *value_map_get(const struct value_map *vm, int field, const char *text);

/*
 * Read the saved mapping TEXT (a file's contents, LEN bytes; NAME for
 * messages): one item a line, "field=Header" as in --map, "value
 * field=FROM:TO" as in --value; blank lines and lines starting with '#' are
 * skipped. The header items are appended to MAP as --map text (quoted); the
 * value rules are added to VM. Errors name NAME:LINE.
 */
enum at_status mapping_text_read(const char *text, size_t len, const char *name, struct buf *map,
                                 struct value_map *vm, struct at_err *err);

/* Read the saved mapping file PATH (see mapping_text_read). */
enum at_status mapping_file_read(const char *path, struct buf *map, struct value_map *vm,
                                 struct at_err *err);
