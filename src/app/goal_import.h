/*
 * goal_import.h — bulk targets from a file (attain goal import): one row per
 * scope × period × metric (columns scope, period, metric, target; optional
 * title, parent, filter), or the wide grids CRMs export — a row per person or
 * unit, a column per month ("2026-01", "2026年1月", "1月", "Jan", "M01"; a
 * "Year" column or --year gives the year of bare month names). All or
 * nothing; a goal with the same scope, period, metric and filter is updated
 * (its history says so), so re-importing changes nothing.
 */
#pragma once
#include <stdbool.h>

#include "app/app.h"
#include "base/str.h"

struct goal_import_options {
    const char *path;
    const char *metric;   /* for files without a metric column; NULL = revenue */
    const char *year;     /* for bare month columns */
    const char *scale;    /* multiply every target ("1000" for targets in thousands) */
    const char *encoding;
    bool dry_run;
};

struct goal_import_report {
    long rows, inserted, updated, unchanged, skipped; /* skipped: empty or "-" cells */
    long n_errors;
    struct buf errors; /* FILE:LINE:COLUMN: reason, one per line (first 50) */
};

void goal_import_report_init(struct goal_import_report *r);
void goal_import_report_free(struct goal_import_report *r);
enum at_status app_goal_import(struct app *app, const struct goal_import_options *opt,
                               struct goal_import_report *rep, struct at_err *err);
