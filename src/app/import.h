/*
 * import.h — the import use case: a CRM export into the store, all or nothing.
 *
 * One transaction per file. Every row is validated and resolved; every bad row
 * is reported as "FILE:LINE:COLUMN: reason", grouped by kind (column and
 * reason pattern) with counts, every kind shown; then nothing is written. A dry run does all the
 * same work and rolls back. Re-importing a file leaves the store unchanged.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "base/str.h"
#include "io/mapping.h"
#include "store/tables.h"

/* The text of an import message in LANG ("zh" or "en"/NULL): the Chinese
 * format for the English format FMT (the same conversions in the same order),
 * or FMT itself (English, or no translation). Words and parse reasons given
 * as arguments go through it too. */
const char *import_msg(const char *lang, const char *fmt) __attribute__((format_arg(2)));
/* The I-th pair of the translation table (false past the end): for tests. */
bool import_msg_pair(size_t i, const char **en, const char **zh);

/* Rows shown of each kind of error (column and reason); the rest are counted. */
#define IMPORT_ERROR_EXAMPLES 3

struct import_options {
    enum import_kind kind;
    const char *path; /* file to read ("-" = stdin), or the name of DATA */
    const char *data; /* in-memory file instead of PATH (NULL = read PATH) */
    size_t size;
    const char *map;         /* --map "field=Header,..." or NULL */
    const char *encoding;    /* --encoding or NULL (detect) */
    const char *date_format; /* --date-format or NULL */
    bool dry_run;
    bool progress;             /* draw a progress bar on stderr for large files */
    int32_t today;             /* the caller's today (a leave date before it means inactive);
                                  0 = not known (no such inference) */
    bool closed_from_expected; /* --won-without-close=expected: a won or lost deal without
                                  a close date takes its expected close date */
    const char *const *values; /* --value items "field=FROM:TO" (N_VALUES of them) */
    size_t n_values;
    const char *mapping_file; /* --mapping FILE: saved "field=Header" and
                                 "value field=FROM:TO" lines, or NULL */
    bool replace;             /* --replace: stored rows of the kind missing from the file are
                                 removed (refused when other rows refer to them) */
    const char *period;       /* --period P with --replace: only rows dated in P are removed */
    int64_t unit_limit;       /* units.id a limited writer (an ingest token with a unit) may write
                                 in: rows of other units, and customers and people, are refused;
                                 0 = any */
    int hold_ms; /* a debugging hook for tests of concurrent writers: hold the write lock
                    this long before committing (the CLI's ATTAIN_DEBUG_HOLD_MS); 0 = no */
};

struct import_count {
    long inserted, updated, unchanged, removed;
};

/* One column of the file as the import read it: its header and the field it
 * fills ("" when it fills none: an ignored column). */
struct import_column {
    char *column;
    const char *field; /* static */
};

/* One bad row: its line in the file, the column at fault ("-" when none) and
 * why, in the request's language. */
struct import_row_error {
    long line;
    char *column;
    char *message;
};

/* Bad rows kept one by one (import_report.row_errors); the rest are counted
 * in n_errors. */
#define IMPORT_ROW_ERRORS_MAX 10000

struct import_report {
    long rows;                                     /* data rows read */
    struct import_count counts[STORE_TABLE_COUNT]; /* per table touched */
    long n_errors;                                 /* bad rows found */
    long n_error_kinds;                            /* distinct kinds (column and reason) */
    struct buf errors;                             /* per kind: its first IMPORT_ERROR_EXAMPLES
                                                      rows, then "... and N more rows like the
                                                      one above"; one per line */
    struct buf ignored;                            /* headers that map to no field, ", " joined */
    char encoding[32];
    char delimiter;
    double seconds;
    bool written;                  /* committed (not dry run, no errors) */
    struct import_column *columns; /* the file's columns in order, with their fields */
    size_t n_columns;
    struct import_row_error *row_errors; /* every bad row in file order, at most
                                            IMPORT_ROW_ERRORS_MAX */
    size_t n_row_errors, cap_row_errors;
};

void import_report_init(struct import_report *r);
void import_report_free(struct import_report *r);

/*
 * Import one file. Returns AT_OK when every row was good (and, unless a dry
 * run, committed); AT_INVALID when rows were bad (REPORT lists them, ERR says
 * how many); other statuses for I/O or database failures. Nothing is written
 * unless the result is AT_OK.
 */
enum at_status app_import(struct app *app, const struct import_options *opt,
                          struct import_report *report, struct at_err *err);
