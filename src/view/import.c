/* import.c — an import run as JSON (view/import.h). */
#include "view/import.h"

#include <stdlib.h>
#include <string.h>

#include "app/list.h"
#include "view/table.h"
#include "base/str.h"

/* The report's error lines as a JSON array of strings. */
static json_t *error_lines(const struct import_report *r)
{
    json_t *errs = json_array();
    char *copy = xstrdup(buf_str(&r->errors));
    for (char *line = copy, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        json_array_append_new(errs, table_json_text(line));
    }
    free(copy);
    return errs;
}

json_t *view_import_json(const struct import_options *o, const struct import_report *r, bool detail)
{
    json_t *root = json_object();
    json_object_set_new(root, "file", table_json_text(o->path));
    json_object_set_new(root, "kind", json_string(import_kind_name(o->kind)));
    json_object_set_new(root, "rows", json_integer(r->rows));
    json_object_set_new(root, "written", json_boolean(r->written));
    json_object_set_new(root, "dry_run", json_boolean(o->dry_run));
    json_object_set_new(root, "encoding", json_string(r->encoding));
    char d[2] = {r->delimiter, 0};
    json_object_set_new(root, "delimiter", json_string(d));
    json_t *tables = json_object();
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        const struct import_count *c = &r->counts[t];
        if (!c->inserted && !c->updated && !c->unchanged && !c->removed)
            continue;
        json_t *o2 = json_object();
        json_object_set_new(o2, "inserted", json_integer(c->inserted));
        json_object_set_new(o2, "updated", json_integer(c->updated));
        json_object_set_new(o2, "unchanged", json_integer(c->unchanged));
        if (o->replace)
            json_object_set_new(o2, "removed", json_integer(c->removed));
        json_object_set_new(tables, app_list_kinds[t], o2);
    }
    json_object_set_new(root, "tables", tables);
    if (detail) {
        json_t *map = json_array();
        for (size_t i = 0; i < r->n_columns; i++)
            json_array_append_new(
                map,
                json_pack("{s:o, s:o}", "column", table_json_text(r->columns[i].column), "field",
                          r->columns[i].field[0] ? json_string(r->columns[i].field) : json_null()));
        json_object_set_new(root, "mapping", map);
        json_t *errs = json_array();
        for (size_t i = 0; i < r->n_row_errors; i++)
            json_array_append_new(
                errs, json_pack("{s:I, s:o, s:o}", "line", (json_int_t)r->row_errors[i].line,
                                "column", table_json_text(r->row_errors[i].column), "message",
                                table_json_text(r->row_errors[i].message)));
        json_object_set_new(root, "errors", errs);
    } else {
        json_object_set_new(root, "errors", error_lines(r));
    }
    json_object_set_new(root, "bad_rows", json_integer(r->n_errors));
    json_object_set_new(root, "ignored_columns", table_json_text(buf_str(&r->ignored)));
    return root;
}
