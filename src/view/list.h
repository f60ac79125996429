/*
 * list.h — the listings of stored rows (attain ls KIND, GET /api/customers,
 * /api/deals, /api/orders, /api/org/people, /api/org/units) as a table, with
 * the filters and paging the API offers: column equality, a period over the
 * kind's date column, a row test (the API's visibility rule) and a page.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "view/table.h"

/* Keep the row VALS (the cells of T's columns)? */
typedef bool (*view_row_keep)(const struct table *t, const char *const *vals, void *ctx);

#define VIEW_LIST_MAX_WHERE 8

struct view_list_filter {
    const char *const *where; /* "column=value": rows whose COLUMN cell equals VALUE exactly */
    size_t n_where;
    const char *period; /* rows whose date (VIEW_LIST_DATE_COLS: the kind's first of "date",
                           "created") lies in the period; NULL = all */
    view_row_keep keep; /* NULL = every row */
    void *keep_ctx;
    size_t offset, limit; /* the page of the rows that pass; limit 0 = no limit */
};

/*
 * List KIND (app_list's kinds) into OUT (initialised here, also on an error;
 * caller frees), keeping the rows F lets through (F NULL = every row) and of
 * those the page F asks for; *TOTAL (may be NULL) gets the number of rows
 * that passed before paging. Errors: app_list's (an unknown kind); AT_INVALID
 * for a WHERE without "=", naming a column KIND does not have (listing them),
 * a bad period, or a period for a kind without a date column.
 */
enum at_status view_list(struct app *app, const char *kind, const struct view_list_filter *f,
                         struct table *out, size_t *total, struct at_err *err);

/* Drop the rows of T that KEEP refuses (in place, order kept). */
void view_table_filter(struct table *t, view_row_keep keep, void *ctx);

/* The index of column NAME in T, -1 when none. */
int view_col(const struct table *t, const char *name);
