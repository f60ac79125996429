/* test_cli_table.c — the command table is sorted, unique and documented; the
 * option parser refuses what it does not know; the renderer aligns CJK text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "cli/render.h"

static void test_table_sorted_documented(void **state)
{
    (void)state;
    size_t n = 0;
    for (const struct command *c = commands; c->name; c++, n++) {
        if (c != commands)
            assert_true(strcmp(c[-1].name, c->name) < 0);
        assert_non_null(c->run);
        assert_non_null(strstr(c->synopsis, c->name));
        assert_true(strlen(c->summary_en) > 5);
        assert_true(strlen(c->summary_zh) > 3);
        assert_true(strlen(c->help) > 10);
        assert_ptr_equal(command_find(c->name), c);
    }
    assert_true(n >= 8);
    assert_null(command_find("nope"));
}

static void test_opts(void **state)
{
    (void)state;
    const char *map = NULL, *fmt = NULL;
    bool dry = false;
    struct opt_spec specs[] = {{"--map", &map, NULL},
                               {"--format", &fmt, NULL},
                               {"--dry-run", NULL, &dry},
                               {NULL, NULL, NULL}};
    char *argv[] = {"orders", "--map", "a=B", "f.csv", "--format=json", "--dry-run"};
    char *pos[2];
    int n;
    struct at_err err;
    assert_int_equal(opts_parse("import", 6, argv, specs, pos, 2, &n, &err), AT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(pos[1], "f.csv");
    assert_string_equal(map, "a=B");
    assert_string_equal(fmt, "json");
    assert_true(dry);
    char *bad[] = {"--mapp", "x"};
    assert_int_equal(opts_parse("import", 2, bad, specs, pos, 2, &n, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "unknown option --mapp"));
    char *missing[] = {"--map"};
    assert_int_equal(opts_parse("import", 1, missing, specs, pos, 2, &n, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "needs a value"));
    char *flagval[] = {"--dry-run=yes"};
    assert_int_equal(opts_parse("import", 1, flagval, specs, pos, 2, &n, &err), AT_INVALID);
    char *many[] = {"a", "b", "c"};
    assert_int_equal(opts_parse("import", 3, many, specs, pos, 2, &n, &err), AT_INVALID);
    char *neg[] = {"-5"};
    assert_int_equal(opts_parse("period", 1, neg, specs, pos, 2, &n, &err), AT_OK);
    assert_string_equal(pos[0], "-5");
}

static void test_render_cjk(void **state)
{
    (void)state;
    const char *cols[] = {"name", "amount"};
    struct table t;
    table_init(&t, 2, cols);
    t.right[1] = true;
    const char *r1[] = {"张三", "12.00"};
    const char *r2[] = {"Bob", "1234.50"};
    table_add_row(&t, r1);
    table_add_row(&t, r2);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    table_print(&t, FMT_TABLE, 0, f);
    fclose(f);
    assert_string_equal(text, "name   amount\n"
                              "----  -------\n"
                              "张三    12.00\n"
                              "Bob   1234.50\n");
    free(text);
    f = open_memstream(&text, &size);
    table_print(&t, FMT_CSV, 0, f);
    fclose(f);
    assert_string_equal(text, "name,amount\n张三,12.00\nBob,1234.50\n");
    free(text);
    f = open_memstream(&text, &size);
    table_print(&t, FMT_JSON, 0, f);
    fclose(f);
    assert_non_null(strstr(text, "\"name\": \"张三\""));
    free(text);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_sorted_documented),
        cmocka_unit_test(test_opts),
        cmocka_unit_test(test_render_cjk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
