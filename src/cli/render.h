/*
 * render.h — the one renderer of the command line: a table of text cells
 * printed as an aligned terminal table (CJK by display width), CSV (RFC 4180)
 * or JSON (an array of objects, via jansson).
 */
#pragma once
#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* "table", "csv" or "json" into *OUT. */
enum at_status out_format_parse(const char *text, enum out_format *out, struct at_err *err);

struct table {
    size_t n_cols;
    char **cols;
    bool *right;   /* right-align the column in terminal tables (numbers) */
    size_t n_rows, cap_rows;
    char **cells;  /* n_rows × n_cols, row-major; NULL is an empty (JSON null) cell */
};

void table_init(struct table *t, size_t n_cols, const char *const *cols);
void table_free(struct table *t);
/* Append a row of n_cols cells (copied; NULL allowed). */
void table_add_row(struct table *t, const char *const *cells);
/* Print T to OUT in FORMAT. Table cells are cut to MAX_WIDTH columns (0 = no cut). */
void table_print(const struct table *t, enum out_format format, size_t max_width, FILE *out);
