/*
 * ingest.h — the ingest use case behind POST /api/ingest/{kind}: a CRM's
 * webhook or nightly script posts rows of one kind as JSON (one object or an
 * array of flat objects) or CSV, with the field names and header mapping of
 * `attain import`. JSON rows become a CSV stream (the union of the objects'
 * keys, in the order first seen, is the header; values are their text) that
 * goes through app_import unchanged: the same validation, upsert by external
 * id (posting the same rows twice changes nothing), all or nothing.
 */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/import.h"

/* The kinds ingest takes: orders, payments, deals, activities, surveys,
 * customers, people. false for any other name (the org's units, markets,
 * holidays and rates come only through `attain import`). */
bool ingest_kind_parse(const char *name, enum import_kind *out);

/* One bad row as ingest names it: ROW is the object's position in a JSON
 * array (1 = the first; a single object is row 1; 0 = no row in particular:
 * the keys as a whole, e.g. a required field no row has), or the line of a
 * CSV body (the header is line 1); FIELD the key or header at fault (NULL when
 * the row as a whole is); MESSAGE why. */
struct ingest_row_error {
    long row;
    const char *field;
    const char *message;
};

struct ingest_result {
    struct import_report report; /* as app_import fills it */
    struct ingest_row_error *rows;
    size_t n_rows;
    long *starts; /* JSON: the CSV line each row starts on (internal) */
    size_t n_starts;
    char *csv; /* JSON: the CSV made of it (internal) */
};

void ingest_result_init(struct ingest_result *res);
void ingest_result_free(struct ingest_result *res);

/* Turn JSON (an object or an array of objects whose values are strings,
 * numbers, booleans or null) into CSV in OUT (every field quoted), the line
 * each row starts on in *STARTS (N_STARTS of them, malloc'd). AT_INVALID
 * naming the row and key for a nested object or array, a row that is not an
 * object, an object with no keys, or no rows at all. */
enum at_status ingest_json_to_csv(const json_t *json, struct buf *out, long **starts,
                                  size_t *n_starts, struct at_err *err);

/* Ingest the rows of KIND: JSON when JSON is non-NULL, else the CSV bytes
 * DATA (SIZE). TODAY is the caller's today. UNIT_LIMIT (units.id, 0 = none):
 * a writer limited to that unit — every row's owners and unit must lie in it
 * or below (else a bad row), and customers and people are not its to write
 * (AT_FORBIDDEN). AT_OK when every row was good and
 * all were written; AT_INVALID with RES->rows naming each bad row and
 * nothing written; AT_INVALID without rows for a body that is not rows;
 * other statuses for the database. */
enum at_status app_ingest(struct app *app, enum import_kind kind, const json_t *json,
                          const char *data, size_t size, int32_t today, int64_t unit_limit,
                          struct ingest_result *res, struct at_err *err);
