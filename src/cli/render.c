/* render.c — table, CSV and JSON output of a table of text cells. */
#include "cli/render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/utf8.h"
#include "io/csv.h"

enum at_status out_format_parse(const char *text, enum out_format *out, struct at_err *err)
{
    if (strcmp(text, "table") == 0)
        *out = FMT_TABLE;
    else if (strcmp(text, "csv") == 0)
        *out = FMT_CSV;
    else if (strcmp(text, "json") == 0)
        *out = FMT_JSON;
    else
        return at_err_set(err, AT_INVALID, "--format %s: choose table, csv or json", text);
    return AT_OK;
}

void table_init(struct table *t, size_t n_cols, const char *const *cols)
{
    memset(t, 0, sizeof *t);
    t->n_cols = n_cols;
    t->cols = xcalloc(n_cols, sizeof *t->cols);
    t->right = xcalloc(n_cols, sizeof *t->right);
    for (size_t i = 0; i < n_cols; i++)
        t->cols[i] = xstrdup(cols[i]);
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n_cols; i++)
        free(t->cols[i]);
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i]);
    free(t->cols);
    free(t->right);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

void table_add_row(struct table *t, const char *const *cells)
{
    if (t->n_rows == t->cap_rows) {
        t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 64;
        t->cells = xrealloc(t->cells, t->cap_rows * t->n_cols * sizeof *t->cells);
    }
    char **row = t->cells + t->n_rows * t->n_cols;
    for (size_t i = 0; i < t->n_cols; i++)
        row[i] = cells[i] ? xstrdup(cells[i]) : NULL;
    t->n_rows++;
}

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
    for (size_t c = 0; c < n; c++)
        text[c] = shown(t->cols[c], max);
    for (size_t i = 0; i < t->n_rows * n; i++)
        text[n + i] = shown(t->cells[i], max);
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
            if (t->right[c])
                pad(out, gap);
            fputs(s, out);
            if (!t->right[c] && !last)
                pad(out, gap);
            if (!last)
                fputs("  ", out);
        }
        fputc('\n', out);
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
}

static void print_csv(const struct table *t, FILE *out)
{
    struct buf b;
    buf_init(&b, 0);
    for (size_t r = 0; r <= t->n_rows; r++) {
        buf_reset(&b);
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = r == 0 ? t->cols[c] : t->cells[(r - 1) * t->n_cols + c];
            if (c)
                buf_putc(&b, ',');
            csv_write_field(&b, s ? s : "", ',');
        }
        buf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, out);
    }
    buf_free(&b);
}

static void print_json(const struct table *t, FILE *out)
{
    json_t *arr = json_array();
    for (size_t r = 0; r < t->n_rows; r++) {
        json_t *obj = json_object();
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = t->cells[r * t->n_cols + c];
            json_object_set_new(obj, t->cols[c], s ? json_string(s) : json_null());
        }
        json_array_append_new(arr, obj);
    }
    json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    fputc('\n', out);
    json_decref(arr);
}

void table_print(const struct table *t, enum out_format format, size_t max_width, FILE *out)
{
    if (format == FMT_CSV)
        print_csv(t, out);
    else if (format == FMT_JSON)
        print_json(t, out);
    else
        print_table(t, max_width, out);
}
