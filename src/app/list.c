/* list.c — listings and counts of the stored tables. */
#include "app/list.h"

#include <string.h>

#include "store/db.h"

const char *const app_list_kinds[] = {"units",      "people",  "customers", "deals",
                                      "orders",     "order_lines", "payments", "activities",
                                      "surveys",    "markets", "holidays",  "rates",
                                      NULL};

static bool kind_table(const char *kind, enum store_table *t)
{
    if (strcmp(kind, "lines") == 0)
        kind = "order_lines";
    for (int i = 0; i < STORE_TABLE_COUNT; i++)
        if (strcmp(kind, store_table_name((enum store_table)i)) == 0) {
            *t = (enum store_table)i;
            return true;
        }
    return false;
}

enum at_status app_list(struct app *app, const char *kind, app_row_fn fn, void *ctx,
                        struct at_err *err)
{
    enum store_table t;
    if (!kind_table(kind, &t))
        return at_err_set(err, AT_INVALID,
                          "cannot list \"%s\": choose units, people, customers, deals, orders, "
                          "order_lines, payments, activities, surveys, markets, holidays, rates",
                          kind);
    return store_list(app->db, t, fn, ctx, err);
}

enum at_status app_counts(struct app *app, int64_t *counts, size_t n_out, struct at_err *err)
{
    for (size_t i = 0; i < n_out && app_list_kinds[i]; i++) {
        enum store_table t = STORE_UNITS;
        if (!kind_table(app_list_kinds[i], &t))
            return at_err_set(err, AT_INTERNAL, "no table for %s", app_list_kinds[i]);
        enum at_status st = store_count(app->db, t, &counts[i], err);
        if (st)
            return st;
    }
    return AT_OK;
}
