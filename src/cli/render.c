/* render.c — table, CSV, JSON and XLSX output of a table of text cells, and the
 * localized display of typed cells (money, counts, ratios, scores) for people.
 *
 * Cells stay canonical decimal text from the engine to the writer. The display
 * of a typed cell is computed on that text as a string of digits with a scale
 * (digits after the point) — shifting the point, padding and rounding half away
 * from zero are digit operations, so no value is ever approximated by a double.
 */
#include "cli/render.h"
#include "cli/i18n.h"
#include "domain/display.h"

#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"
#include "base/utf8.h"
#include "domain/value.h"
#include "io/csv.h"
#include "io/xlsx.h"

#define XLSX_TTY_MSG                                                                               \
    "xlsx output is not for a terminal: name an output file or redirect standard output"
#define EM_DASH "\xE2\x80\x94" /* U+2014, the display of an undefined value */

enum at_status out_format_parse(const char *text, enum out_format *out, struct at_err *err)
{
    if (strcmp(text, "table") == 0)
        *out = FMT_TABLE;
    else if (strcmp(text, "csv") == 0)
        *out = FMT_CSV;
    else if (strcmp(text, "json") == 0)
        *out = FMT_JSON;
    else if (strcmp(text, "xlsx") == 0)
        *out = FMT_XLSX;
    else
        return at_err_set(err, AT_INVALID, "--format %s: choose table, csv, json or xlsx", text);
    return AT_OK;
}

/* ---- write errors ----------------------------------------------------------- */

static int first_write_errno; /* the first errno of a failed write; 0 = none seen */

bool out_failed(FILE *out)
{
    if (!ferror(out))
        return false;
    if (!first_write_errno)
        first_write_errno = errno ? errno : EIO;
    return true;
}

int out_errno(void)
{
    return first_write_errno;
}

/* Why the writes to OUT failed: the errno kept by out_failed, else errno E
 * of the failing call, else EIO. */
static int write_reason(int e)
{
    if (!first_write_errno)
        first_write_errno = e ? e : EIO;
    return first_write_errno;
}

const char *out_error_text(const char *lang, int e, char *tmp, size_t size)
{
    if (!i18n_zh(lang)) {
        snprintf(tmp, size, "cannot write output: %s", strerror(e));
        return tmp;
    }
    const char *why = e == ENOSPC  ? "设备上没有空间"
                      : e == EFBIG ? "文件过大"
                      : e == EPIPE ? "管道已关闭"
                      : e == EIO   ? "输入/输出错误"
                                   : strerror(e);
    snprintf(tmp, size, "无法写出输出：%s", why);
    return tmp;
}

enum at_status out_flush(FILE *out, const char *path, struct at_err *err)
{
    bool bad = out_failed(out); /* keeps the errno of a write that just failed */
    errno = 0;
    if (fflush(out) != 0 || ferror(out))
        bad = true;
    if (!bad)
        return AT_OK;
    int e = write_reason(errno);
    if (path)
        return at_err_set(err, AT_IO, "%s: cannot write: %s", path, strerror(e));
    char tmp[256];
    return at_err_set(err, AT_IO, "%s", out_error_text("en", e, tmp, sizeof tmp));
}

enum at_status out_open(const char *path, const char *mode, FILE **f, struct at_err *err)
{
    *f = fopen(path, mode);
    if (!*f)
        return at_err_set(err, AT_IO, "%s: cannot create the file: %s", path, strerror(errno));
    return AT_OK;
}

/* Remove the partial file PATH if it is a regular file itself (never a device
 * such as /dev/full, a FIFO, /dev/stdout or any symbolic link). */
static bool remove_partial(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) == 0;
}

enum at_status out_close(FILE *f, const char *path, bool failed, struct at_err *err)
{
    int e = 0;
    if (f) {
        if (ferror(f))
            e = errno ? errno : EIO; /* right after the caller's failed write */
        errno = 0;
        if (fflush(f) != 0 && !e)
            e = errno ? errno : EIO;
        if (fclose(f) != 0 && !e)
            e = errno ? errno : EIO;
    }
    if (!e && !failed)
        return AT_OK;
    bool removed = remove_partial(path);
    return at_err_set(err, AT_IO, "%s: cannot write%s%s%s", path, e ? ": " : "",
                      e ? strerror(e) : "", removed ? "; the file was removed" : "");
}

/* ---- terminal table, CSV, JSON ------------------------------------------------ */

/* A cell as shown in a terminal: newlines and tabs become spaces, cut to MAX. */
static char *shown(const char *cell, size_t max)
{
    char *s = xstrdup(cell ? cell : "");
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    if (max && utf8_width(s) > max) {
        size_t n = utf8_prefix_for_width(s, max - 1);
        char *cut = xmalloc(n + 4);
        memcpy(cut, s, n);
        memcpy(cut + n, "…", 4); /* U+2026 is 3 bytes + NUL */
        free(s);
        return cut;
    }
    return s;
}

static void pad(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(' ', out);
}

static void print_table(const struct table *t, size_t max, FILE *out)
{
    size_t n = t->n_cols, total = (t->n_rows + 1) * n;
    char **text = xcalloc(total, sizeof *text);
    size_t *width = xcalloc(n, sizeof *width);
    bool *right = xcalloc(n, sizeof *right);
    const char *lang = t->lang ? t->lang : "en";
    for (size_t c = 0; c < n; c++) {
        text[c] = shown(i18n(t->lang, t->cols[c]), max);
        right[c] = t->right[c] || table_col_kind(t, c) != VK_TEXT;
    }
    for (size_t i = 0; i < t->n_rows * n; i++) {
        enum value_kind kind = table_col_kind(t, i % n);
        if (kind == VK_TEXT) {
            /* coded values and scopes in the table's language (i18n_cell) */
            char tmp[512];
            const char *col = t->cols[i % n], *field = NULL;
            for (size_t c = 0; c < n; c++)
                if (strcmp(t->cols[c], "field") == 0)
                    field = t->cells[i - i % n + c];
            text[n + i] = shown(i18n_cell(lang, col, field, t->cells[i], tmp, sizeof tmp), max);
        } else {
            char *d = cell_display(kind, t->cells[i], t->currency, lang);
            text[n + i] = shown(d, max);
            free(d);
        }
    }
    for (size_t i = 0; i < total; i++) {
        size_t w = utf8_width(text[i]);
        if (w > width[i % n])
            width[i % n] = w;
    }
    for (size_t r = 0; r <= t->n_rows; r++) {
        for (size_t c = 0; c < n; c++) {
            const char *s = text[r * n + c];
            size_t gap = width[c] - utf8_width(s);
            bool last = c + 1 == n;
            if (right[c])
                pad(out, gap);
            fputs(s, out);
            if (!right[c] && !last)
                pad(out, gap);
            if (!last)
                fputs("  ", out);
        }
        fputc('\n', out);
        if (out_failed(out))
            break; /* a full disk or closed pipe: stop writing */
        if (r == 0) {
            for (size_t c = 0; c < n; c++) {
                for (size_t k = 0; k < width[c]; k++)
                    fputc('-', out);
                if (c + 1 < n)
                    fputs("  ", out);
            }
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < total; i++)
        free(text[i]);
    free(text);
    free(width);
    free(right);
}

static void print_csv(const struct table *t, FILE *out)
{
    struct buf b;
    buf_init(&b, 0);
    for (size_t r = 0; r <= t->n_rows; r++) {
        buf_reset(&b);
        table_csv_line(t, r, &b);
        fwrite(b.data, 1, b.len, out);
        if (out_failed(out))
            break; /* a full disk or closed pipe: stop writing */
    }
    buf_free(&b);
}

static void print_json(const struct table *t, FILE *out)
{
    json_t *arr = table_json(t);
    /* No JSON_ENSURE_ASCII: Chinese text is written as UTF-8, not \u escapes. */
    json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(arr);
}

/* ---- XLSX ----------------------------------------------------------------------- */

/* Write T as a workbook to OUT, through a temporary file (libxlsxwriter writes
 * files only): mkstemp in $TMPDIR or /tmp, written by name, read back through
 * the descriptor mkstemp opened, removed. Errors: those of write_xlsx; AT_IO
 * for the temporary file or a failed write to OUT (named OUT_NAME; NULL is
 * standard output, see out_flush). */
static enum at_status xlsx_to_stream(const struct table *t, FILE *out, const char *out_name,
                                     struct at_err *err)
{
    const char *dir = getenv("TMPDIR");
    struct buf path;
    buf_init(&path, 0);
    buf_printf(&path, "%s/attain-XXXXXX", dir && *dir ? dir : "/tmp");
    enum at_status st = AT_OK;
    int fd = mkstemp(path.data);
    if (fd < 0) {
        st = at_err_set(err, AT_IO, "%s: %s", buf_str(&path), strerror(errno));
        goto out;
    }
    st = table_xlsx_file(t, buf_str(&path), err);
    if (st)
        goto out;
    char chunk[16384];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        if (fwrite(chunk, 1, (size_t)n, out) != (size_t)n)
            break;
    if (n < 0) {
        st = at_err_set(err, AT_IO, "%s: %s", buf_str(&path), strerror(errno));
        goto out;
    }
    st = out_flush(out, out_name, err);
out:
    if (fd >= 0) {
        close(fd);
        unlink(buf_str(&path));
    }
    buf_free(&path);
    return st;
}

/* ---- entry points ------------------------------------------------------------ */

void table_print(const struct table *t, enum out_format format, size_t max_width, FILE *out)
{
    struct at_err err;
    if (format == FMT_CSV)
        print_csv(t, out);
    else if (format == FMT_JSON)
        print_json(t, out);
    else if (format == FMT_XLSX) {
        if (isatty(fileno(out)))
            fprintf(stderr, "attain: %s\n", XLSX_TTY_MSG);
        else if (xlsx_to_stream(t, out, NULL, &err))
            fprintf(stderr, "attain: %s\n", err.msg);
    } else
        print_table(t, max_width, out);
}

enum at_status table_write(const struct table *t, enum out_format fmt, const char *out_path,
                           size_t max_width, struct at_err *err)
{
    if (fmt == FMT_JSON) {
        enum at_status st = table_check_utf8(t, err);
        if (st)
            return st;
    }
    if (fmt == FMT_XLSX) {
        if (out_path) {
            enum at_status st = table_xlsx_file(t, out_path, err);
            if (st)
                remove_partial(out_path);
            return st;
        }
        if (isatty(STDOUT_FILENO))
            return at_err_set(err, AT_INVALID, "%s", XLSX_TTY_MSG);
        return xlsx_to_stream(t, stdout, NULL, err);
    }
    if (!out_path) {
        table_print(t, fmt, max_width, stdout);
        return out_flush(stdout, NULL, err);
    }
    FILE *f;
    enum at_status st = out_open(out_path, "w", &f, err);
    if (st)
        return st;
    table_print(t, fmt, max_width, f);
    return out_close(f, out_path, false, err);
}
