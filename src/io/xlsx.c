/*
 * xlsx.c — a table of canonical text cells as an Excel worksheet with typed
 * cells, via libxlsxwriter.
 *
 * This is the one place where a canonical decimal ("1234.50") becomes a double:
 * Excel stores numbers as doubles, so the file boundary is where the exact
 * decimal text has to go. Everything else of attain works on the text or on
 * integer minor units.
 *
 * libxlsxwriter builds the workbook in memory and creates the file only in
 * workbook_close, which on failure prints its own message on stderr. So every
 * input is checked while building (an error frees the workbook and leaves the
 * file alone), and the path is opened once by us before workbook_close, so
 * that an unwritable path is reported as our AT_IO and not by the library.
 */
#include "io/xlsx.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/dynlib.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/value.h"

/* libxlsxwriter is loaded on first use (dlopen of its soname), not linked:
 * linked, it and libminizip were mapped and relocated at the start of every
 * attain process (~3 ms of a cold `attain metric`) for the few that write a
 * workbook. The header gives the types; the calls go through xl (the same
 * types, by __typeof__). */
#define XLSX_SONAME "libxlsxwriter.so.4"
static struct {
    __typeof__(workbook_new) *workbook_new;
    __typeof__(workbook_add_worksheet) *workbook_add_worksheet;
    __typeof__(workbook_add_format) *workbook_add_format;
    __typeof__(workbook_validate_sheet_name) *workbook_validate_sheet_name;
    __typeof__(workbook_close) *workbook_close;
    __typeof__(lxw_workbook_free) *lxw_workbook_free;
    __typeof__(lxw_strerror) *lxw_strerror;
    __typeof__(format_set_bold) *format_set_bold;
    __typeof__(format_set_num_format) *format_set_num_format;
    __typeof__(worksheet_freeze_panes) *worksheet_freeze_panes;
    __typeof__(worksheet_set_column) *worksheet_set_column;
    __typeof__(worksheet_write_number) *worksheet_write_number;
    __typeof__(worksheet_write_string) *worksheet_write_string;
} xl;
static pthread_once_t xl_once = PTHREAD_ONCE_INIT;
static char xl_error[256]; /* why it could not be loaded; "" when it was */

static void xl_load_once(void)
{
    static const struct dyn_sym fns[] = {
        {"workbook_new", (void **)&xl.workbook_new},
        {"workbook_add_worksheet", (void **)&xl.workbook_add_worksheet},
        {"workbook_add_format", (void **)&xl.workbook_add_format},
        {"workbook_validate_sheet_name", (void **)&xl.workbook_validate_sheet_name},
        {"workbook_close", (void **)&xl.workbook_close},
        {"lxw_workbook_free", (void **)&xl.lxw_workbook_free},
        {"lxw_strerror", (void **)&xl.lxw_strerror},
        {"format_set_bold", (void **)&xl.format_set_bold},
        {"format_set_num_format", (void **)&xl.format_set_num_format},
        {"worksheet_freeze_panes", (void **)&xl.worksheet_freeze_panes},
        {"worksheet_set_column", (void **)&xl.worksheet_set_column},
        {"worksheet_write_number", (void **)&xl.worksheet_write_number},
        {"worksheet_write_string", (void **)&xl.worksheet_write_string},
    };
    dyn_load(XLSX_SONAME, fns, sizeof fns / sizeof fns[0], xl_error, sizeof xl_error);
}

#define workbook_new                 (*xl.workbook_new)
#define workbook_add_worksheet       (*xl.workbook_add_worksheet)
#define workbook_add_format          (*xl.workbook_add_format)
#define workbook_validate_sheet_name (*xl.workbook_validate_sheet_name)
#define workbook_close               (*xl.workbook_close)
#define lxw_workbook_free            (*xl.lxw_workbook_free)
#define lxw_strerror                 (*xl.lxw_strerror)
#define format_set_bold              (*xl.format_set_bold)
#define format_set_num_format        (*xl.format_set_num_format)
#define worksheet_freeze_panes       (*xl.worksheet_freeze_panes)
#define worksheet_set_column         (*xl.worksheet_set_column)
#define worksheet_write_number       (*xl.worksheet_write_number)
#define worksheet_write_string       (*xl.worksheet_write_string)

#define XLSX_STR_MAX   32767 /* UTF-16 units in a cell, Excel's limit */
#define XLSX_WIDTH_MAX 80.0  /* widest column we set, in characters */

/* The formats of a workbook; owned by the workbook. */
struct formats {
    lxw_format *header, *money, *count, *count_frac, *ratio, *score;
};

/* Is S canonical decimal text: optional sign, digits, optional point and
 * digits, at least one digit? *FRAC tells whether it has decimals. */
static bool is_decimal(const char *s, bool *frac)
{
    const char *p = s + (*s == '-' || *s == '+');
    size_t digits = 0;
    bool point = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && !point)
            point = true;
        else
            return false;
    }
    *frac = point;
    return digits > 0;
}

/* The value of canonical decimal S (is_decimal) as the nearest double. strtod
 * reads the point of LC_NUMERIC, so the point is swapped for it if need be. */
static double decimal_value(const char *s)
{
    const char *point = localeconv()->decimal_point;
    if (!point || strcmp(point, ".") == 0 || !strchr(s, '.'))
        return strtod(s, NULL);
    struct buf b;
    buf_init(&b, 0);
    for (const char *p = s; *p; p++) {
        if (*p == '.')
            buf_puts(&b, point);
        else
            buf_putc(&b, *p);
    }
    double v = strtod(buf_str(&b), NULL);
    buf_free(&b);
    return v;
}

/* The Excel number format of money in CODE into B: the symbol in quotes before
 * the number ("\"¥\"#,##0.00"), or the code after it ("#,##0.00\" BRL\"");
 * as many decimals as the currency's exponent. */
static void money_format(struct buf *b, const char *code)
{
    static const struct {
        const char *code, *symbol;
    } symbols[] = {
        {"CNY", "\xC2\xA5"}, {"EUR", "\xE2\x82\xAC"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"},
        {"USD", "$"},
    };
    const char *symbol = NULL;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(code, symbols[i].code) == 0)
            symbol = symbols[i].symbol;
    if (symbol)
        buf_printf(b, "\"%s\"", symbol);
    buf_puts(b, "#,##0");
    int e = currency_exponent(code);
    if (e > 0) {
        buf_putc(b, '.');
        for (int i = 0; i < e; i++)
            buf_putc(b, '0');
    }
    if (!symbol && currency_valid(code)) /* a valid code holds no quote */
        buf_printf(b, "\" %s\"", code);
}

/* Add the formats to WB; money in currency CODE. */
static void formats_add(lxw_workbook *wb, const char *code, struct formats *f)
{
    struct buf money;
    buf_init(&money, 0);
    money_format(&money, code);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    f->money = workbook_add_format(wb);
    format_set_num_format(f->money, buf_str(&money));
    f->count = workbook_add_format(wb);
    format_set_num_format(f->count, "#,##0");
    f->count_frac = workbook_add_format(wb);
    format_set_num_format(f->count_frac, "#,##0.0###");
    f->ratio = workbook_add_format(wb);
    format_set_num_format(f->ratio, "0.00%");
    f->score = workbook_add_format(wb);
    format_set_num_format(f->score, "#,##0.00");
    buf_free(&money);
}

/* The number format of a numeric cell of KIND (FRAC: it has decimals). */
static lxw_format *number_format(const struct formats *f, int kind, bool frac)
{
    switch (kind) {
    case XLSX_MONEY:
        return f->money;
    case XLSX_COUNT:
        return frac ? f->count_frac : f->count;
    case XLSX_RATIO:
        return f->ratio;
    default:
        return f->score;
    }
}

/* About how many columns canonical cell S of KIND takes once Excel formats it:
 * text by display width (CJK double), numbers with separators and a sign. */
static size_t shown_width(const char *s, int kind, bool numeric)
{
    size_t w = utf8_width(s);
    if (!numeric)
        return w;
    const char *point = strchr(s, '.');
    size_t int_digits = (point ? (size_t)(point - s) : strlen(s)) - (*s == '-' || *s == '+');
    size_t commas = int_digits > 0 ? (int_digits - 1) / 3 : 0;
    if (kind == XLSX_RATIO)
        return int_digits + 2 + 4;                    /* two more integer digits, ".00%" */
    return w + commas + (kind == XLSX_MONEY ? 5 : 0); /* a symbol or " BRL" */
}

/* The length of UTF-8 text S as Excel counts it: UTF-16 code units. */
static size_t utf16_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n += *p >= 0xF0 ? 2 : 1;
    return n;
}

/* Write one cell at R, C (R > 0): strings for text and for typed cells that are
 * not decimals, numbers otherwise; nothing for NULL or "". Widens WIDTH[C].
 * Errors: AT_INVALID for text that is not UTF-8 or too long. */
static enum at_status write_cell(lxw_worksheet *ws, const struct formats *f, lxw_row_t r,
                                 lxw_col_t c, int kind, const char *s, double *width,
                                 const char *path, const char *col, struct at_err *err)
{
    if (!s || !*s)
        return AT_OK;
    bool frac = false;
    bool numeric = kind != XLSX_TEXT && is_decimal(s, &frac);
    lxw_error e;
    if (numeric) {
        e = worksheet_write_number(ws, r, c, decimal_value(s), number_format(f, kind, frac));
    } else {
        size_t n = strlen(s);
        if (!utf8_valid(s, n))
            return at_err_set(err, AT_INVALID, "%s: row %lu, column %s: not valid UTF-8", path,
                              (unsigned long)r, col);
        if (utf16_len(s) > XLSX_STR_MAX)
            return at_err_set(err, AT_INVALID,
                              "%s: row %lu, column %s: text longer than %d characters", path,
                              (unsigned long)r, col, XLSX_STR_MAX);
        e = worksheet_write_string(ws, r, c, s, NULL);
    }
    if (e != LXW_NO_ERROR)
        return at_err_set(err, AT_INVALID, "%s: row %lu, column %s: %s", path, (unsigned long)r,
                          col, lxw_strerror(e));
    double w = (double)shown_width(s, kind, numeric);
    if (w > width[c])
        width[c] = w;
    return AT_OK;
}

enum at_status xlsx_write_table(const char *path, const char *sheet, size_t n_cols,
                                const char *const *cols, const int *kinds, size_t n_rows,
                                const char *const *cells, const char *currency, struct at_err *err)
{
    if (n_cols > LXW_COL_MAX)
        return at_err_set(err, AT_INVALID, "%s: %zu columns; a worksheet holds %d", path, n_cols,
                          LXW_COL_MAX);
    if (n_rows >= LXW_ROW_MAX) /* the header takes one */
        return at_err_set(err, AT_INVALID, "%s: %zu rows; a worksheet holds %d below its header",
                          path, n_rows, LXW_ROW_MAX - 1);
    pthread_once(&xl_once, xl_load_once);
    if (xl_error[0])
        return at_err_set(err, AT_IO, "%s: libxlsxwriter could not be loaded: %s", path, xl_error);
    const char *code = currency && *currency ? currency : "CNY";
    enum at_status st = AT_OK;
    double *width = xcalloc(n_cols ? n_cols : 1, sizeof *width);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        st = at_err_set(err, AT_IO, "%s: cannot start a workbook", path);
        goto out;
    }
    lxw_error e = sheet ? workbook_validate_sheet_name(wb, sheet) : LXW_NO_ERROR;
    if (e != LXW_NO_ERROR) {
        st = at_err_set(err, AT_INVALID, "sheet name \"%s\": %s", sheet, lxw_strerror(e));
        goto out;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    if (!ws) {
        st = at_err_set(err, AT_INVALID, "sheet name \"%s\": not accepted", sheet ? sheet : "");
        goto out;
    }
    struct formats f;
    formats_add(wb, code, &f);
    for (size_t c = 0; c < n_cols; c++) {
        const char *name = cols[c] ? cols[c] : "";
        if (!utf8_valid(name, strlen(name)) || utf16_len(name) > XLSX_STR_MAX) {
            st = at_err_set(err, AT_INVALID, "%s: column %zu: name not valid UTF-8 or too long",
                            path, c + 1);
            goto out;
        }
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, name, f.header);
        if (e != LXW_NO_ERROR) {
            st = at_err_set(err, AT_INVALID, "%s: column %s: %s", path, name, lxw_strerror(e));
            goto out;
        }
        width[c] = (double)utf8_width(name) + 1; /* bold is wider */
    }
    for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < n_cols; c++) {
            st = write_cell(ws, &f, (lxw_row_t)(r + 1), (lxw_col_t)c, kinds ? kinds[c] : XLSX_TEXT,
                            cells[r * n_cols + c], width, path, cols[c] ? cols[c] : "", err);
            if (st)
                goto out;
        }
    for (size_t c = 0; c < n_cols; c++) {
        double w = width[c] + 2;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);

    /* Our own check that PATH can be written, before the library tries. */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        st = at_err_set(err, AT_IO, "%s: %s", path, strerror(errno));
        goto out;
    }
    fclose(probe);
    e = workbook_close(wb); /* frees the workbook, whatever the outcome */
    wb = NULL;
    if (e != LXW_NO_ERROR) {
        int why = errno;
        /* no half-written workbook — but only a regular file is ours to
         * remove: never a device (--out /dev/full as root removed /dev/full),
         * a FIFO, or a symbolic link */
        struct stat sb;
        bool removed = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) == 0;
        st = at_err_set(err, AT_IO, "%s: %s%s%s%s%s", path, lxw_strerror(e), why ? " (" : "",
                        why ? strerror(why) : "", why ? ")" : "",
                        removed ? "; the file was removed" : "");
    }
out:
    if (wb)
        lxw_workbook_free(wb);
    free(width);
    return st;
}
