/*
 * table.h — the shape both front ends print: a use case's answer as a table
 * of canonical text cells with a kind per column. The command line prints it
 * as a terminal table, CSV, JSON or XLSX (cli/render.h); the HTTP API sends it
 * as JSON objects or a CSV/XLSX download (http/). One builder per answer
 * (in view/) fills it, so a script can move between the CLI's CSV and the
 * API's JSON: the same columns, the same cells.
 *
 * Cells are always canonical plain text as the engine produces it (money
 * "1234.50" in major units of the reporting currency, counts "3" or "0.6",
 * ratios "0.4521", scores "3.5229", NULL or "" when undefined).
 */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "base/str.h"
#include "domain/value.h"
#include "domain/value_kind.h"

/* What a column holds; every kind but VK_TEXT is right-aligned. The values are
 * also the XLSX_* kinds of io/xlsx.h (checked at compile time in render.c). */
/* enum value_kind: domain/value_kind.h */

struct table {
    size_t n_cols;
    char **cols;
    bool *right;            /* right-align the column in terminal tables (numbers) */
    enum value_kind *kinds; /* per column, VK_TEXT unless set with table_set_kind */
    char currency[4];       /* reporting currency of VK_MONEY columns; "CNY" by default */
    const char *lang;       /* "en" (default) or "zh": how CELL_* cells show in FMT_TABLE;
                               not owned, must outlive the table */
    size_t n_rows, cap_rows;
    char **cells; /* n_rows × n_cols, row-major; NULL is an empty (JSON null) cell */
};

/* Make T an empty table with copies of the N_COLS column names COLS: all columns
 * VK_TEXT and left-aligned, currency "CNY", lang "en". Free with table_free. */
void table_init(struct table *t, size_t n_cols, const char *const *cols);
/* Free everything T owns and zero it (a zeroed table may be freed too). */
void table_free(struct table *t);
/* Set the kind of column COL (< n_cols); right-aligns it unless KIND is VK_TEXT. */
void table_set_kind(struct table *t, size_t col, enum value_kind kind);
/* Append a row of n_cols cells (copied; NULL allowed). */
void table_add_row(struct table *t, const char *const *cells);
/* The kind of column C (VK_TEXT for a table made without table_init). */
static inline enum value_kind table_col_kind(const struct table *t, size_t c)
{
    return t->kinds ? t->kinds[c] : VK_TEXT;
}
/* Append a row of n_cols typed values (the one place app values become
 * cells): each as its canonical text (typed_value_format; money with the
 * exponent of its currency, else of T's), "" when undefined. */
void table_add_values(struct table *t, const struct typed_value *cells);
/* V as people read it in LANG (its canonical text through cell_display; money
 * in V's currency, else CURRENCY). Caller owns the result. */
char *value_display(const struct typed_value *v, const char *currency, const char *lang);

/* Row R of T as one CSV line with its newline appended to B (RFC 4180; R = 0
 * is the header, R = 1 the first row). */
void table_csv_line(const struct table *t, size_t r, struct buf *b);
/* T as a JSON array of objects, one per row, keys in column order: cells as
 * they are, null for NULL cells and for empty cells of typed columns (an
 * undefined value); bytes that are not UTF-8 become U+FFFD. Caller owns it. */
json_t *table_json(const struct table *t);
/* S as a JSON string, bytes that are not UTF-8 as U+FFFD (NULL as ""): never
 * NULL, so no field is dropped. Caller owns it. */
json_t *table_json_text(const char *s);
/* The first cell of T that is not UTF-8 text, as AT_INVALID naming its row
 * and column (JSON cannot carry it); AT_OK when there is none. */
enum at_status table_check_utf8(const struct table *t, struct at_err *err);
/* Write T as an XLSX workbook to the file PATH (io/xlsx.h's errors). */
enum at_status table_xlsx_file(const struct table *t, const char *path, struct at_err *err);

/*
 * A canonical cell as people read it in LANG ("zh", anything else is "en");
 * caller owns the result (never NULL). Works on the decimal text, never in
 * floating point; rounding is half away from zero.
 *  - VK_MONEY in CURRENCY (NULL or "" = "CNY"), rounded to its exponent:
 *    "¥1,234.50", "$1,234.50", "€", "£", JPY "¥1,235" (no decimals), other
 *    codes "1,234.50 BRL"; negative "-¥1,234.50". In zh from 1万 "¥12.35万",
 *    from 1亿 "¥1.23亿" (two decimals; the unit is chosen after rounding, so
 *    99999999.99 is "¥1.00亿").
 *  - VK_COUNT with thousands separators ("12,345"; "0.6" stays; "75.0565",
 *    an expected count, is "75.1").
 *  - VK_RATIO as a percentage with one decimal ("0.4521" -> "45.2%").
 *  - VK_SCORE with two decimals ("3.5229" -> "3.52").
 *  - undefined (NULL or "") as "—" (U+2014). Text that is not a plain decimal
 *    comes back unchanged, as does every VK_TEXT cell (NULL -> "").
 */
char *cell_display(enum value_kind kind, const char *cell, const char *currency, const char *lang);
