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

#define IMPORT_KIND_LIST(X) \
    X(UNITS, "units")       \
    X(PEOPLE, "people")     \
    X(CUSTOMERS, "customers") \
    X(DEALS, "deals")       \
    X(ORDERS, "orders")     \
    X(PAYMENTS, "payments") \
    X(ACTIVITIES, "activities") \
    X(SURVEYS, "surveys")   \
    X(MARKETS, "markets")   \
    X(HOLIDAYS, "holidays") \
    X(RATES, "rates")

enum import_kind {
#define AT_X(k, s) IMPORT_##k,
    IMPORT_KIND_LIST(AT_X)
#undef AT_X
    IMPORT_KIND_COUNT
};

const char *import_kind_name(enum import_kind k);
/* Kind named NAME (singular also accepted: "order"); false when unknown. */
bool import_kind_parse(const char *name, enum import_kind *out);

#define MAPPING_MAX_FIELDS 24

struct field_def {
    const char *name;              /* canonical field name: "amount" */
    const char *help;              /* one line for `attain help import` */
    bool required;                 /* the file must have a column for it */
    const char *const *aliases;    /* NULL-terminated header names, best first */
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
enum at_status mapping_resolve(enum import_kind kind, const char *const *headers,
                               size_t n_headers, const char *overrides, struct mapping *out,
                               struct at_err *err);

/* Normalised form of a header for comparison (lower-case ASCII, no spaces, '_',
 * '-', '.', no trailing parenthesised unit) into OUT of SIZE bytes. */
void mapping_normalize(const char *header, char *out, size_t size);
