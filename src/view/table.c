/* table.c — the table of canonical cells both front ends print (view/table.h):
 * building it, the display of typed cells for people, and its CSV line, JSON
 * and XLSX forms. */
#include "view/table.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/display.h"
#include "io/csv.h"
#include "io/xlsx.h"

_Static_assert((int)VK_TEXT == XLSX_TEXT && (int)VK_MONEY == XLSX_MONEY &&
                   (int)VK_COUNT == XLSX_COUNT && (int)VK_RATIO == XLSX_RATIO &&
                   (int)VK_SCORE == XLSX_SCORE,
               "enum value_kind and the XLSX_* kinds of io/xlsx.h must agree");

void table_init(struct table *t, size_t n_cols, const char *const *cols)
{
    memset(t, 0, sizeof *t);
    t->n_cols = n_cols;
    t->cols = xcalloc(n_cols, sizeof *t->cols);
    t->right = xcalloc(n_cols, sizeof *t->right);
    t->kinds = xcalloc(n_cols, sizeof *t->kinds); /* all VK_TEXT (0) */
    memcpy(t->currency, "CNY", sizeof t->currency);
    t->lang = "en";
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
    free(t->kinds);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

void table_set_kind(struct table *t, size_t col, enum value_kind kind)
{
    assert(col < t->n_cols);
    t->kinds[col] = kind;
    t->right[col] = kind != VK_TEXT;
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

void table_add_values(struct table *t, const struct typed_value *cells)
{
    char(*text)[64] = xmalloc(t->n_cols * sizeof *text);
    const char **row = xmalloc(t->n_cols * sizeof *row);
    for (size_t c = 0; c < t->n_cols; c++) {
        const struct typed_value *v = &cells[c];
        if (v->kind == VK_TEXT && v->defined) {
            row[c] = v->text;
            continue;
        }
        int exponent = currency_exponent(v->currency[0] ? v->currency : t->currency);
        row[c] = typed_value_format(v, exponent, text[c], sizeof text[c]);
    }
    table_add_row(t, row);
    free(row);
    free(text);
}

char *value_display(const struct typed_value *v, const char *currency, const char *lang)
{
    const char *cur = v->currency[0] ? v->currency : currency;
    char text[64];
    if (v->kind == VK_TEXT)
        return xstrdup(v->defined && v->text ? v->text : "");
    typed_value_format(v, currency_exponent(cur && *cur ? cur : "CNY"), text, sizeof text);
    return cell_display(v->kind, text, cur, lang);
}

/* ---- display of typed cells ------------------------------------------------ */

char *cell_display(enum value_kind kind, const char *cell, const char *currency, const char *lang)
{
    if (kind == VK_TEXT)
        return xstrdup(cell ? cell : "");
    struct buf b;
    buf_init(&b, 0);
    display_value(kind, cell, currency, lang, &b);
    return buf_take(&b);
}

/* ---- CSV, JSON, XLSX ---------------------------------------------------------- */

void table_csv_line(const struct table *t, size_t r, struct buf *b)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *s = r == 0 ? t->cols[c] : t->cells[(r - 1) * t->n_cols + c];
        if (c)
            buf_putc(b, ',');
        csv_write_field(b, s ? s : "", ',');
    }
    buf_putc(b, '\n');
}

/* S as a JSON string. jansson refuses text that is not UTF-8 (json_string
 * gives NULL, and json_object_set_new then drops the field without a word):
 * such bytes become U+FFFD here, so a field is never dropped. table_write
 * refuses such a table before it gets here; this is the last resort of
 * table_print. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0, n = strlen(s); i < n;) {
        size_t k = 1;
        while (k <= 4 && i + k <= n && !utf8_valid(s + i, k))
            k++;
        if (k <= 4 && i + k <= n) {
            for (size_t x = 0; x < k; x++)
                buf_putc(&b, s[i + x]);
            i += k;
        } else {
            buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    j = json_stringn(b.data ? b.data : "", b.len);
    buf_free(&b);
    return j ? j : json_string("");
}

json_t *table_json_text(const char *s)
{
    return json_text(s ? s : "");
}

enum at_status table_check_utf8(const struct table *t, struct at_err *err)
{
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = t->cells[r * t->n_cols + c];
            if (s && !utf8_valid(s, strlen(s)))
                return at_err_set(err, AT_INVALID,
                                  "row %zu, column %s is not UTF-8 text; JSON cannot carry it",
                                  r + 1, t->cols[c]);
        }
    return AT_OK;
}

json_t *table_json(const struct table *t)
{
    json_t *arr = json_array();
    for (size_t r = 0; r < t->n_rows; r++) {
        json_t *obj = json_object();
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = t->cells[r * t->n_cols + c];
            bool null = !s || (!*s && table_col_kind(t, c) != VK_TEXT);
            json_object_set_new(obj, t->cols[c], null ? json_null() : json_text(s));
        }
        json_array_append_new(arr, obj);
    }
    return arr;
}

enum at_status table_xlsx_file(const struct table *t, const char *path, struct at_err *err)
{
    int *kinds = xcalloc(t->n_cols ? t->n_cols : 1, sizeof *kinds);
    for (size_t c = 0; c < t->n_cols; c++)
        kinds[c] = (int)table_col_kind(t, c);
    enum at_status st =
        xlsx_write_table(path, NULL, t->n_cols, (const char *const *)t->cols, kinds, t->n_rows,
                         (const char *const *)t->cells, t->currency, err);
    free(kinds);
    return st;
}
