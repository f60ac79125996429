/*
 * report.h — the tables of the reports (attain report NAME, GET
 * /api/reports/NAME): sales, funnel, customers and leaderboard flattened into
 * one table (CSV, JSON, XLSX), and the target variance report. Both front ends
 * print these tables, so the CLI's `--format json` rows are the API's rows.
 */
#pragma once
#include <stdbool.h>

#include "app/progress.h"
#include "app/reports.h"
#include "view/table.h"

typedef enum at_status (*view_report_fn)(struct app *app, const struct report_query *q,
                                         struct report *out, struct at_err *err);

/* A report other than variance: its name, its use case and which inputs it
 * takes (a metric, a breakdown, a top N). */
struct view_report_def {
    const char *name;
    view_report_fn run;
    bool metric, by, top;
};

/* The report named NAME ("sales", "funnel", "customers", "leaderboard"), NULL
 * when none; variance is view_variance. */
const struct view_report_def *view_report_find(const char *name);

/* Fill T (initialised here; caller frees) from section S of a report in
 * CURRENCY: its columns, typed as the section says, and its rows. */
void view_report_section(const struct report_section *s, const char *currency, struct table *t);

/* R as one table for CSV, JSON and XLSX (report_flatten: a `section` column
 * when R has several sections). T initialised here; caller frees. */
void view_report_table(const struct report *r, struct table *t);

/* Run DEF on Q and fill T with view_report_table's table (initialised only on
 * success). Errors: those of DEF's use case. */
enum at_status view_report(struct app *app, const struct view_report_def *def,
                           const struct report_query *q, struct table *t, struct at_err *err);

/* The target variance report (app_variance) as a table: scope, period,
 * target, actual, variance, attainment, original_target, current_target;
 * with ORIGINAL target, variance and attainment against the original plan.
 * Money and counts typed by the metric's unit, the currency APP's. T is
 * initialised here (also on an error); caller frees. */
enum at_status view_variance(struct app *app, const struct variance_options *o, bool original,
                             struct table *t, struct at_err *err);
