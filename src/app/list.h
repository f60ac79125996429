/*
 * list.h — reading what is stored, for people: listings (attain ls) and a
 * summary of the database.
 */
#pragma once
#include <stdint.h>

#include "app/app.h"

/* Called with the column names (VALS NULL) first, then once per row. */
typedef enum at_status (*app_row_fn)(int n_cols, const char *const *cols,
                                     const char *const *vals, void *ctx, struct at_err *err);

/* Names app_list accepts: the import kinds and "order_lines" ("lines"). */
extern const char *const app_list_kinds[];

/* List KIND ("orders", "people", ...) row by row. Unknown KIND: AT_INVALID
 * listing the kinds. */
enum at_status app_list(struct app *app, const char *kind, app_row_fn fn, void *ctx,
                        struct at_err *err);

/* Rows per stored table, in app_list_kinds order (N_OUT entries at most). */
enum at_status app_counts(struct app *app, int64_t *counts, size_t n_out, struct at_err *err);
