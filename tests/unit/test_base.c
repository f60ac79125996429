/* test_base.c — buffers, the hash map, string helpers and UTF-8 display width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/str.h"
#include "base/utf8.h"

static void test_map_put_get(void **state)
{
    (void)state;
    struct map m;
    map_init(&m);
    int64_t v = 0;
    assert_false(map_get(&m, "absent", &v));
    char key[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        map_put(&m, key, i * 3);
    }
    assert_int_equal(m.count, 10000);
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_true(map_get(&m, key, &v));
        assert_int_equal(v, i * 3);
    }
    map_put(&m, "k5", -1);
    assert_true(map_get(&m, "k5", &v));
    assert_int_equal(v, -1);
    assert_int_equal(m.count, 10000);
    assert_false(map_get(&m, "k10000", &v));
    map_free(&m);
}

/* map_get_or_put: the first call adds, later ones find the value unchanged,
 * through growth, and agree with map_get. */
static void test_map_get_or_put(void **state)
{
    (void)state;
    struct map m;
    map_init(&m);
    int64_t v = 0;
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "o%d", i);
        assert_false(map_get_or_put(&m, key, i, &v));
    }
    assert_int_equal(m.count, 5000);
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "o%d", i);
        v = -7;
        assert_true(map_get_or_put(&m, key, 99999, &v));
        assert_int_equal(v, i);
        assert_true(map_get(&m, key, &v));
        assert_int_equal(v, i);
    }
    assert_int_equal(m.count, 5000);
    map_free(&m);
}

static void test_buf_cap(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), AT_OK);
    assert_int_equal(buf_puts(&b, "9"), AT_INVALID);
    assert_string_equal(buf_str(&b), "12345678");
    buf_reset(&b);
    assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), AT_OK);
    assert_string_equal(buf_str(&b), "42-x");
    char *s = buf_take(&b);
    assert_string_equal(s, "42-x");
    free(s);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

static void test_trim(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  a b  ", "a b"},
        {"\t\r\nx\n", "x"},
        {"", ""},
        {"   ", ""},
        {"\u3000张三\u3000", "张三"},
        {"\u00a0x\u00a0", "x"},
        {"a\u3000b", "a\u3000b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        assert_string_equal(str_trim(buf), cases[i].out);
    }
}

static void test_to_i64(void **state)
{
    (void)state;
    int64_t v;
    assert_true(str_to_i64("42", &v));
    assert_int_equal(v, 42);
    assert_true(str_to_i64("-9223372036854775808", &v));
    assert_false(str_to_i64("9223372036854775808", &v));
    assert_false(str_to_i64("12x", &v));
    assert_false(str_to_i64("", &v));
    assert_false(str_to_i64(" 1", &v));
}

static void test_utf8_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_width("abc"), 3);
    assert_int_equal(utf8_width("张三"), 4);
    assert_int_equal(utf8_width("华东/上海"), 9);
    assert_int_equal(utf8_width("ｱ"), 1); /* half-width katakana */
    assert_int_equal(utf8_width(""), 0);
    assert_true(utf8_valid("张三", strlen("张三")));
    assert_false(utf8_valid("\xe5\xbc", 2));
    assert_int_equal(utf8_prefix_for_width("张三李四", 5), 6); /* two characters */
    assert_int_equal(utf8_prefix_for_width("abc", 10), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_put_get), cmocka_unit_test(test_map_get_or_put),
        cmocka_unit_test(test_buf_cap),     cmocka_unit_test(test_trim),
        cmocka_unit_test(test_to_i64),      cmocka_unit_test(test_utf8_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
