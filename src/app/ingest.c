/* ingest.c — POST /api/ingest/{kind}'s use case (see app/ingest.h): JSON rows
 * turned into CSV and the CSV through app_import, bad rows named by the
 * position of the object that held them. */
#include "app/ingest.h"

#include <float.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ingest_kind_parse(const char *name, enum import_kind *out)
{
    static const enum import_kind ok[] = {IMPORT_ORDERS,     IMPORT_PAYMENTS, IMPORT_DEALS,
                                          IMPORT_ACTIVITIES, IMPORT_SURVEYS,  IMPORT_CUSTOMERS,
                                          IMPORT_PEOPLE};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strcmp(name, import_kind_name(ok[i])) == 0) {
            *out = ok[i];
            return true;
        }
    return false;
}

void ingest_result_init(struct ingest_result *res)
{
    memset(res, 0, sizeof *res);
    import_report_init(&res->report);
}

void ingest_result_free(struct ingest_result *res)
{
    import_report_free(&res->report);
    free(res->rows);
    free(res->starts);
    free(res->csv);
    memset(res, 0, sizeof *res);
}

/* One CSV field, always quoted (so the delimiter the import detects is
 * always the comma); *LINES counts the line breaks it holds. */
static void put_field(struct buf *out, const char *s, size_t n, long *lines)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(out, '"');
        else if (s[i] == '\n')
            (*lines)++;
        buf_putc(out, s[i]);
    }
    buf_putc(out, '"');
}

/* The text of a scalar V into TXT (SIZE bytes) or, for a string, *S and *N
 * pointing into V. false for an object or an array. Numbers as given when
 * integers; a real as the shortest text that reads back as the same double. */
static bool scalar_text(const json_t *v, char *txt, size_t size, const char **s, size_t *n)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        *s = json_string_value(v);
        *n = json_string_length(v);
        return true;
    case JSON_INTEGER:
        snprintf(txt, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL: {
        double d = json_real_value(v);
        for (int prec = 1; prec <= DBL_DIG + 3; prec++) {
            snprintf(txt, size, "%.*g", prec, d);
            if (strtod(txt, NULL) == d)
                break;
        }
        break;
    }
    case JSON_TRUE:
        snprintf(txt, size, "true");
        break;
    case JSON_FALSE:
        snprintf(txt, size, "false");
        break;
    case JSON_NULL:
        txt[0] = '\0';
        break;
    default:
        return false;
    }
    *s = txt;
    *n = strlen(txt);
    return true;
}

enum at_status ingest_json_to_csv(const json_t *json, struct buf *out, long **starts,
                                  size_t *n_starts, struct at_err *err)
{
    *starts = NULL;
    *n_starts = 0;
    size_t n_rows = json_is_array(json) ? json_array_size(json) : 1;
    if (!json_is_array(json) && !json_is_object(json))
        return at_err_set(err, AT_INVALID,
                          "the body is JSON but neither an object nor an array of objects");
    if (n_rows == 0)
        return at_err_set(err, AT_INVALID, "the body is an empty array: there are no rows");
    /* the header: every key, in the order first seen */
    json_t *keys = json_object(); /* key -> its column */
    json_t *order = json_array();
    enum at_status st = AT_OK;
    for (size_t i = 0; i < n_rows && !st; i++) {
        const json_t *row = json_is_array(json) ? json_array_get(json, i) : json;
        if (!json_is_object(row)) {
            st = at_err_set(err, AT_INVALID, "row %zu: give an object of field names and values",
                            i + 1);
            break;
        }
        if (!json_object_size(row)) {
            st = at_err_set(err, AT_INVALID, "row %zu: the object has no fields", i + 1);
            break;
        }
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)row, key, v)
        {
            if (json_is_object(v) || json_is_array(v)) {
                st = at_err_set(err, AT_INVALID,
                                "row %zu, \"%s\": give a string, number, boolean or null, "
                                "not %s",
                                i + 1, key, json_is_object(v) ? "an object" : "an array");
                break;
            }
            if (!json_object_get(keys, key)) {
                json_object_set_new(keys, key, json_integer((json_int_t)json_array_size(order)));
                json_array_append_new(order, json_string(key));
            }
        }
    }
    if (st) {
        json_decref(keys);
        json_decref(order);
        return st;
    }
    size_t n_cols = json_array_size(order);
    long line = 1;
    for (size_t c = 0; c < n_cols; c++) {
        const json_t *k = json_array_get(order, c);
        if (c)
            buf_putc(out, ',');
        put_field(out, json_string_value(k), json_string_length(k), &line);
    }
    buf_putc(out, '\n');
    line++;
    long *st_lines = xcalloc(n_rows, sizeof *st_lines);
    const char **cells = xcalloc(n_cols, sizeof *cells);
    size_t *lens = xcalloc(n_cols, sizeof *lens);
    char(*txt)[64] = xcalloc(n_cols, sizeof *txt);
    for (size_t i = 0; i < n_rows; i++) {
        const json_t *row = json_is_array(json) ? json_array_get(json, i) : json;
        memset(cells, 0, n_cols * sizeof *cells);
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)row, key, v)
        {
            size_t c = (size_t)json_integer_value(json_object_get(keys, key));
            scalar_text(v, txt[c], sizeof txt[c], &cells[c], &lens[c]);
        }
        st_lines[i] = line;
        for (size_t c = 0; c < n_cols; c++) {
            if (c)
                buf_putc(out, ',');
            put_field(out, cells[c] ? cells[c] : "", cells[c] ? lens[c] : 0, &line);
        }
        buf_putc(out, '\n');
        line++;
    }
    free(cells);
    free(lens);
    free(txt);
    json_decref(keys);
    json_decref(order);
    *starts = st_lines;
    *n_starts = n_rows;
    return AT_OK;
}

/* The row (1-based) whose CSV starts on or before LINE; 0 for the header. */
static long row_of_line(const long *starts, size_t n, long line)
{
    size_t lo = 0, hi = n; /* the first start > LINE */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo; /* 0: the header (before the first row) */
}

enum at_status app_ingest(struct app *app, enum import_kind kind, const json_t *json,
                          const char *data, size_t size, int32_t today, int64_t unit_limit,
                          struct ingest_result *res, struct at_err *err)
{
    if (unit_limit && (kind == IMPORT_CUSTOMERS || kind == IMPORT_PEOPLE))
        return at_err_set(err, AT_FORBIDDEN,
                          "a token limited to a unit may not write %s: ask for a token without "
                          "a unit limit",
                          import_kind_name(kind));
    struct import_options o = {0};
    o.kind = kind;
    o.today = today;
    o.unit_limit = unit_limit;
    char name[64];
    if (json) {
        struct buf csv;
        buf_init(&csv, 0);
        enum at_status st = ingest_json_to_csv(json, &csv, &res->starts, &res->n_starts, err);
        if (st) {
            buf_free(&csv);
            return st;
        }
        o.size = csv.len;
        res->csv = buf_take(&csv);
        o.data = res->csv;
        snprintf(name, sizeof name, "ingest-%s.json", import_kind_name(kind));
    } else {
        if (!size)
            return at_err_set(err, AT_INVALID, "the body is empty: there are no rows");
        o.data = data;
        o.size = size;
        snprintf(name, sizeof name, "ingest-%s.csv", import_kind_name(kind));
    }
    o.path = name;
    enum at_status st = app_import(app, &o, &res->report, err);
    const struct import_report *rep = &res->report;
    if (rep->n_row_errors) {
        res->rows = xcalloc(rep->n_row_errors, sizeof *res->rows);
        for (size_t i = 0; i < rep->n_row_errors; i++) {
            const struct import_row_error *e = &rep->row_errors[i];
            struct ingest_row_error *r = &res->rows[res->n_rows++];
            r->row = json ? row_of_line(res->starts, res->n_starts, e->line) : e->line;
            r->field = e->column && strcmp(e->column, "-") != 0 ? e->column : NULL;
            r->message = e->message;
        }
    }
    return st;
}
