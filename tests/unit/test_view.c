/*
 * test_view.c — the view/ builders both front ends print: the metric,
 * explain and report tables, listings with filters and pages (view_list, the
 * API's lists), dropping rows (view_table_filter), and what an import tells
 * (the column mapping and every bad row, view_import_json). The company is
 * test_app.c's; every expected figure is worked out by hand from the files
 * below (the sums are written out beside each assertion).
 *
 *   orders  O001 2021-01-05 C1 严三              A 1000.00 + B 500.00 = 1500.00
 *           O002 2021-01-20 C2 乔五              B 300.00
 *           O003 2021-02-10 C3 unit 华南 (nobody) A 2000.00
 *           O004 2021-02-15 C1 严三 60% 乔五 40%  A 1234.50 (740.70 / 493.80)
 *           O005 2021-03-18 C3 任六              A 900.00
 *           O006 2021-04-02 C2 乔五              A 100.00   (Q2)
 *   customers C1 晨光科技, C2 远航贸易, C3 南方电子
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "app/import.h"
#include "app/metrics.h"
#include "view/import.h"
#include "view/list.h"
#include "view/metric.h"
#include "view/report.h"

#include "small_company.h"

static int setup(void **state)
{
    return small_company_setup(state, "view");
}

/* The cell of row R (0 = first row), column NAME of T. */
static const char *cell(const struct table *t, size_t r, const char *name)
{
    int c = view_col(t, name);
    if (c < 0)
        fail_msg("no column %s", name);
    if (r >= t->n_rows)
        fail_msg("no row %zu (of %zu)", r, t->n_rows);
    const char *s = t->cells[r * t->n_cols + (size_t)c];
    return s ? s : "";
}

/* Keep rows whose customer is 远航贸易 (C2). */
static bool keep_c2(const struct table *t, const char *const *vals, void *ctx)
{
    (void)ctx;
    return strcmp(vals[view_col(t, "customer")], "远航贸易") == 0;
}

struct list_case {
    const char *name;
    const char *where[2];
    size_t n_where;
    const char *period;
    bool keep_c2;
    size_t offset, limit;
    size_t total;    /* rows that pass before the page */
    const char *ids; /* the ids of the page, space-separated */
};

static void test_list_filters(void **state)
{
    struct fixture *f = *state;
    static const struct list_case cases[] = {
        {"everything", {0}, 0, NULL, false, 0, 0, 6, "O001 O002 O003 O004 O005 O006"},
        /* 晨光科技 is C1: O001 and O004 */
        {"customer", {"customer=晨光科技"}, 1, NULL, false, 0, 0, 2, "O001 O004"},
        /* February: O003 (02-10) and O004 (02-15) */
        {"period", {0}, 0, "2021-02", false, 0, 0, 2, "O003 O004"},
        /* Q1 has O001..O005; the page from the second, two rows */
        {"page", {0}, 0, "2021-Q1", false, 1, 2, 5, "O002 O003"},
        /* a page past the end: the total still counts */
        {"past the end", {0}, 0, "2021-Q1", false, 10, 5, 5, ""},
        /* two filters: C1 in February is O004 alone */
        {"and", {"customer=晨光科技", "date=2021-02-15"}, 2, NULL, false, 0, 0, 1, "O004"},
        /* the row test: C2 is O002 and O006 */
        {"keep", {0}, 0, NULL, true, 0, 0, 2, "O002 O006"},
        /* SQL text is a value like any other: matches nothing, changes nothing */
        {"sql text", {"customer=' OR 1=1 --"}, 1, NULL, false, 0, 0, 0, ""},
        {"sql text 2", {"id=O001\"; DROP TABLE orders; --"}, 1, NULL, false, 0, 0, 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct list_case *c = &cases[i];
        struct view_list_filter flt = {.where = c->where,
                                       .n_where = c->n_where,
                                       .period = c->period,
                                       .keep = c->keep_c2 ? keep_c2 : NULL,
                                       .offset = c->offset,
                                       .limit = c->limit};
        struct table t;
        size_t total = 99;
        struct at_err err = {AT_OK, ""};
        enum at_status st = view_list(f->app, "orders", &flt, &t, &total, &err);
        if (st)
            fail_msg("%s: %s", c->name, err.msg);
        char ids[256] = "";
        for (size_t r = 0; r < t.n_rows; r++)
            snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", r ? " " : "",
                     cell(&t, r, "id"));
        if (total != c->total || strcmp(ids, c->ids) != 0)
            fail_msg("%s: total %zu ids \"%s\", want %zu \"%s\"", c->name, total, ids, c->total,
                     c->ids);
        table_free(&t);
    }
    /* the orders are all still there after the SQL texts */
    struct table t;
    size_t total;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(view_list(f->app, "orders", NULL, &t, &total, &err), AT_OK);
    assert_int_equal(total, 6);
    table_free(&t);
}

struct list_error {
    const char *kind, *where, *period, *says;
};

static void test_list_errors(void **state)
{
    struct fixture *f = *state;
    static const struct list_error cases[] = {
        {"orders", "customer", NULL, "write column=value"},
        {"orders", "=x", NULL, "write column=value"},
        {"orders", "colour=red", NULL, "no such column (choose id, date, customer"},
        {"orders", NULL, "2021-13", "period"},
        {"units", NULL, "2021", "no date"},
        {"nothing", NULL, NULL, "cannot list \"nothing\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct list_error *c = &cases[i];
        const char *where[1] = {c->where};
        struct view_list_filter flt = {
            .where = where, .n_where = c->where ? 1 : 0, .period = c->period};
        struct table t;
        struct at_err err = {AT_OK, ""};
        enum at_status st = view_list(f->app, c->kind, &flt, &t, NULL, &err);
        if (st != AT_INVALID || !strstr(err.msg, c->says))
            fail_msg("%s %s %s: status %d \"%s\", want AT_INVALID saying \"%s\"", c->kind,
                     c->where ? c->where : "-", c->period ? c->period : "-", st, err.msg, c->says);
        assert_int_equal(t.n_rows, 0);
        table_free(&t);
    }
}

static bool keep_yan(const struct table *t, const char *const *vals, void *ctx)
{
    (void)ctx;
    return strstr(vals[view_col(t, "scope")], "严三") != NULL;
}

/* view_metric's rows are app_metric's; view_table_filter drops rows in place. */
static void test_metric_table(void **state)
{
    struct fixture *f = *state;
    struct metric_query q = {
        .metric = "revenue", .period = "2021-Q1", .by = "person", .as_of = "2021-12-31"};
    struct table t;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(view_metric(f->app, &q, &t, &err), AT_OK);
    assert_int_equal(t.n_cols, VIEW_METRIC_COLS);
    assert_int_equal(table_col_kind(&t, 3), VK_MONEY);
    assert_string_equal(t.currency, "CNY");
    size_t before = t.n_rows;
    assert_true(before >= 3); /* 严三, 乔五, 任六 at least */
    view_table_filter(&t, keep_yan, NULL);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(cell(&t, 0, "scope"), "person:严三");
    assert_string_equal(cell(&t, 0, "period"), "2021-Q1");
    assert_string_equal(cell(&t, 0, "metric"), "revenue");
    /* O001 1500.00 + 60% of O004 1234.50 = 740.70 */
    assert_string_equal(cell(&t, 0, "value"), "2240.70");
    table_free(&t);
}

static void test_explain_table(void **state)
{
    struct fixture *f = *state;
    struct metric_query q = {
        .metric = "revenue", .period = "2021-Q1", .scope = "person:严三", .as_of = "2021-12-31"};
    struct table t;
    char formula[512], value[64];
    struct at_err err = {AT_OK, ""};
    assert_int_equal(
        view_explain(f->app, &q, &t, formula, sizeof formula, value, sizeof value, &err), AT_OK);
    assert_int_equal(t.n_cols, VIEW_EXPLAIN_COLS);
    /* O001's two lines (1000.00, 500.00) and 60% of O004 (740.70) */
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(cell(&t, 0, "ref"), "O001");
    assert_string_equal(cell(&t, 0, "value"), "1000.00");
    assert_string_equal(cell(&t, 1, "value"), "500.00");
    assert_string_equal(cell(&t, 2, "ref"), "O004");
    assert_string_equal(cell(&t, 2, "share"), "60%");
    assert_string_equal(cell(&t, 2, "value"), "740.70");
    assert_string_equal(value, "2240.70");
    assert_non_null(strstr(formula, "revenue"));
    table_free(&t);
}

static void test_report_table(void **state)
{
    struct fixture *f = *state;
    assert_null(view_report_find("variance"));
    assert_null(view_report_find("nothing"));
    const struct view_report_def *def = view_report_find("sales");
    assert_non_null(def);
    struct report_query q = {.q = {.period = "2021-Q1", .as_of = "2021-12-31"}};
    struct table t;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(view_report(f->app, def, &q, &t, &err), AT_OK);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(cell(&t, 0, "scope"), "company");
    /* 1500.00 + 300.00 + 2000.00 + 1234.50 + 900.00, five orders */
    assert_string_equal(cell(&t, 0, "revenue"), "5934.50");
    assert_string_equal(cell(&t, 0, "orders"), "5");
    assert_int_equal(table_col_kind(&t, (size_t)view_col(&t, "revenue")), VK_MONEY);
    table_free(&t);
}

/* Every bad row with its line and column, and the mapping of the columns. */
static void test_import_detail(void **state)
{
    struct fixture *f = *state;
    /* line 1 the header; O007 (line 2) is good; O008 (line 3) names a customer
     * nobody imported; O009 (line 4) a date that is none */
    static const char bad[] = "id,date,customer,owner,unit,product,amount,memo\n"
                              "O007,2021-03-01,C1,严三,,A,5000,x\n"
                              "O008,2021-03-02,C9,严三,,A,7000,y\n"
                              "O009,2021-03-0x,C1,严三,,A,7000,z\n";
    struct import_options o = {.kind = IMPORT_ORDERS,
                               .data = bad,
                               .size = strlen(bad),
                               .path = "bad.csv",
                               .dry_run = true};
    struct import_report rep;
    import_report_init(&rep);
    struct at_err err = {AT_OK, ""};
    assert_int_equal(app_import(f->app, &o, &rep, &err), AT_INVALID);
    assert_int_equal(rep.n_errors, 2);
    assert_int_equal(rep.n_row_errors, 2);
    assert_int_equal(rep.row_errors[0].line, 3);
    assert_string_equal(rep.row_errors[0].column, "customer");
    assert_non_null(strstr(rep.row_errors[0].message, "C9"));
    assert_int_equal(rep.row_errors[1].line, 4);
    assert_string_equal(rep.row_errors[1].column, "date");
    assert_int_equal(rep.n_columns, 8);
    assert_string_equal(rep.columns[0].column, "id");
    assert_string_equal(rep.columns[1].field, "date");
    assert_string_equal(rep.columns[6].field, "amount");
    assert_string_equal(rep.columns[7].column, "memo");
    assert_string_equal(rep.columns[7].field, ""); /* ignored */

    json_t *j = view_import_json(&o, &rep, true);
    json_t *errs = json_object_get(j, "errors");
    assert_int_equal(json_array_size(errs), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 1), "line")), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 1), "column")),
                        "date");
    json_t *map = json_object_get(j, "mapping");
    assert_int_equal(json_array_size(map), 8);
    assert_true(json_is_null(json_object_get(json_array_get(map, 7), "field")));
    assert_int_equal(json_integer_value(json_object_get(j, "bad_rows")), 2);
    json_decref(j);
    /* without detail: the CLI's lines "FILE:LINE:COLUMN: reason" */
    j = view_import_json(&o, &rep, false);
    errs = json_object_get(j, "errors");
    assert_int_equal(json_array_size(errs), 2);
    assert_non_null(strstr(json_string_value(json_array_get(errs, 0)), "bad.csv:3:customer:"));
    assert_null(json_object_get(j, "mapping"));
    json_decref(j);
    import_report_free(&rep);
    /* nothing was written: still six orders */
    struct table t;
    size_t total;
    assert_int_equal(view_list(f->app, "orders", NULL, &t, &total, &err), AT_OK);
    assert_int_equal(total, 6);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metric_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explain_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_detail, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
