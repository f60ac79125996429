/*
 * metric.h — the tables of a metric (attain metric, GET /api/metrics) and of
 * the rows behind it (attain explain, GET /api/explain). Both front ends print
 * what these build, so the CLI's CSV/JSON rows and the API's rows are the same.
 */
#pragma once
#include <stddef.h>

#include "app/metrics.h"
#include "view/table.h"

/* The columns of view_metric_table and of view_explain. */
#define VIEW_METRIC_COLS  4 /* scope, period, metric, value */
#define VIEW_EXPLAIN_COLS 6 /* date, ref, credited, customer, share, value */

/* Fill OUT (initialised here; caller frees with table_free) from R: one row
 * per metric row with the columns scope, period, metric, value; the value
 * column typed by R's unit, the table's currency R's. METRIC_TEXT is the
 * metric column's cell (NULL = R->metric, the key: what CSV and JSON show). */
void view_metric_table(const struct metric_result *r, const char *metric_text, struct table *out);

/* Append R's rows to T, a table of view_metric_table (attain metric a,b: the
 * rows of several metrics in one table, metric by metric). When R's unit is
 * not the value column's kind, the column becomes VK_TEXT: its cells are
 * canonical texts either way, only their display and alignment differ. */
void view_metric_table_add(const struct metric_result *r, const char *metric_text, struct table *t);

/* Answer Q (app_metric) as view_metric_table's table. OUT is initialised
 * only on success. Errors: those of app_metric. */
enum at_status view_metric(struct app *app, const struct metric_query *q, struct table *out,
                           struct at_err *err);

/* The rows behind Q's figure (app_explain) in OUT (initialised here, also on
 * an error; caller frees): date, ref, credited, customer, share, value; the
 * formula ("revenue = Σ order amount = …") in FORMULA and the figure in VALUE
 * ("" when undefined). */
enum at_status view_explain(struct app *app, const struct metric_query *q, struct table *out,
                            char *formula, size_t formula_size, char *value, size_t value_size,
                            struct at_err *err);
