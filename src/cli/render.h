/*
 * render.h — the one renderer of the command line: a table of text cells
 * printed as an aligned terminal table (CJK by display width), CSV (RFC 4180),
 * JSON (an array of objects, via jansson) or an XLSX workbook (io/xlsx.h).
 *
 * Cells are always canonical plain text as the engine produces it (money
 * "1234.50" in major units of the reporting currency, counts "3" or "0.6",
 * ratios "0.4521", scores "3.5229", NULL or "" when undefined). CSV and JSON
 * print them as they are; only the terminal table (for people) localizes them
 * by column kind and language, and XLSX turns them into typed cells.
 */
#pragma once
#include "domain/value_kind.h"
#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XLSX };

/* "table", "csv", "json" or "xlsx" into *OUT; AT_INVALID naming the choices. */
enum at_status out_format_parse(const char *text, enum out_format *out, struct at_err *err);

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
/* Append a row of n_cols typed values (the one place app values become
 * cells): each as its canonical text (typed_value_format; money with the
 * exponent of its currency, else of T's), "" when undefined. */
void table_add_values(struct table *t, const struct typed_value *cells);
/* V as people read it in LANG (its canonical text through cell_display; money
 * in V's currency, else CURRENCY). Caller owns the result. */
char *value_display(const struct typed_value *v, const char *currency, const char *lang);

/*
 * Print T to OUT in FORMAT. Table cells are cut to MAX_WIDTH columns (0 = no
 * cut). FMT_XLSX writes the workbook bytes to OUT (through a temporary file),
 * unless OUT is a terminal; as this function cannot fail, that refusal or an
 * XLSX error is reported on stderr — new code should call table_write instead.
 */
void table_print(const struct table *t, enum out_format format, size_t max_width, FILE *out);

/*
 * Write T in FMT to the file OUT_PATH (created or truncated), or to standard
 * output when OUT_PATH is NULL. MAX_WIDTH as in table_print. FMT_XLSX to standard
 * output needs it not to be a terminal (AT_INVALID asking for an output file);
 * the workbook is then written to a temporary file (mkstemp) whose bytes are
 * copied to standard output. Errors: AT_IO naming the path (or "standard
 * output") when a file cannot be created or written; the errors of
 * xlsx_write_table.
 */
enum at_status table_write(const struct table *t, enum out_format fmt, const char *out_path,
                           size_t max_width, struct at_err *err);

/*
 * Write errors of the command line's output (issue 8). Every writer checks
 * its stream: renderers stop at the first failed row (out_failed), so a huge
 * listing to a full disk or a closed pipe stops computing, and the dispatcher
 * (cli_main) flushes and closes standard output once at the end and reports
 * a failure there. The process is single-threaded; the first errno of a
 * failed write is kept here so the message says why even when the stream's
 * buffer was dropped by then.
 */
/* True when OUT has had a write error (ferror); the first such errno is kept
 * for out_errno. Renderers call it per row to stop early. */
bool out_failed(FILE *out);
/* The errno of the first failed write seen by out_failed or out_flush; 0 when
 * none was seen. */
int out_errno(void);
/* Flush OUT and check it: AT_OK, or AT_IO "cannot write output: REASON" when
 * OUT is standard output and "PATH: cannot write: REASON" for a file named
 * PATH (REASON is strerror of the write's errno, e.g. "No space left on
 * device", "File too large"). */
enum at_status out_flush(FILE *out, const char *path, struct at_err *err);
/* Close the file F written as PATH (opened by the caller with out_open) and
 * check every write: on any failure (FAILED true: the caller's own write
 * failed, or a write or the close failed) the partial file is removed when it
 * is a regular file, and AT_IO names PATH and the reason. F may be NULL
 * (nothing to close; FAILED decides). */
enum at_status out_close(FILE *f, const char *path, bool failed, struct at_err *err);
/* Open PATH for writing ("w" or "wb"); AT_IO naming PATH and the reason. */
enum at_status out_open(const char *path, const char *mode, FILE **f, struct at_err *err);
/* The message of a failed write of standard output in LANG: "cannot write
 * output: No space left on device" (en) or "无法写出输出：设备上没有空间" (zh),
 * for E an errno. Static or TMP (SIZE bytes). */
const char *out_error_text(const char *lang, int e, char *tmp, size_t size);

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
