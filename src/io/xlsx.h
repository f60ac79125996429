/*
 * xlsx.h — writing a table of canonical text cells as an Excel workbook with
 * typed cells (numbers are numbers), via libxlsxwriter. Only this module
 * includes xlsxwriter.h.
 */
#pragma once
#include <stddef.h>

#include "base/err.h"

/* Column kinds, as ints so that io/ need not know cli/ (render.c checks that
 * enum value_kind has the same values). */
enum {
    XLSX_TEXT = 0,  /* string cell */
    XLSX_MONEY = 1, /* number in major units, currency format ("¥#,##0.00") */
    XLSX_COUNT = 2, /* number, "#,##0" (or up to four decimals when fractional) */
    XLSX_RATIO = 3, /* fraction, shown as "0.00%" */
    XLSX_SCORE = 4, /* number, "#,##0.00" */
};

/*
 * Write one worksheet named SHEET (NULL = "Sheet1") to PATH (created or
 * replaced): a bold header row of the N_COLS names COLS, frozen, then N_ROWS
 * rows of CELLS (row-major, n_rows × n_cols; NULL or "" is a blank cell).
 * KINDS (n_cols XLSX_* values; NULL = all text) says how each column is
 * written: text as (shared) strings; the others as numbers parsed from the
 * canonical decimal text ("1234.50", "-0.5") — a cell that is not a plain
 * decimal is written as a string. Money is in CURRENCY (NULL or "" = "CNY"):
 * ¥ $ € £ as symbols, other codes after the number; JPY and other currencies
 * without minor units get no decimals. Column widths follow the content (CJK
 * characters count double).
 * Errors: AT_INVALID for a bad sheet name, more rows or columns than a worksheet
 * holds, text that is not UTF-8 or longer than a cell holds (the file is not
 * touched); AT_IO naming PATH when it cannot be created or written.
 */
enum at_status xlsx_write_table(const char *path, const char *sheet, size_t n_cols,
                                const char *const *cols, const int *kinds, size_t n_rows,
                                const char *const *cells, const char *currency, struct at_err *err);
