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
#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"
#include "view/table.h"

enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XLSX };

/* "table", "csv", "json" or "xlsx" into *OUT; AT_INVALID naming the choices. */
enum at_status out_format_parse(const char *text, enum out_format *out, struct at_err *err);

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

