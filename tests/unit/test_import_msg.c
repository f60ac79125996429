/*
 * test_import_msg.c — the Chinese texts of the import's messages (import_msg
 * in app/import.c): every zh format takes exactly the arguments of its English
 * format (the same conversions in the same order: callers are checked by the
 * compiler against the English literal only), keeps the ASCII quotes that
 * group errors by kind, and the lookup returns English unless asked for zh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/import.h"

/* The conversions of printf format FMT as "lld,s,d,..." into OUT: length
 * modifier and conversion of each, flags, width and precision left out (a zh
 * text may print an argument as %.0s to drop an English plural "s"). */
static void conversions(const char *fmt, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '\0') /* a parse reason, not a format: "percentage above 100%" */
            break;
        if (*p == '%')
            continue;
        while (*p && strchr("-+ #0123456789.", *p))
            p++;
        assert_true(*p != '*' && *p != '$'); /* no * or positional arguments */
        char conv[8];
        size_t k = 0;
        while (*p && strchr("hlqjzt", *p) && k < 4)
            conv[k++] = *p++;
        assert_true(*p && strchr("diouxXcspfgeE", *p));
        conv[k++] = *p;
        conv[k] = '\0';
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", conv);
        assert_true(n < size);
    }
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static void test_same_conversions(void **state)
{
    (void)state;
    const char *en, *zh;
    size_t i = 0;
    for (; import_msg_pair(i, &en, &zh); i++) {
        char ce[256], cz[256];
        conversions(en, ce, sizeof ce);
        conversions(zh, cz, sizeof cz);
        if (strcmp(ce, cz) != 0)
            fail_msg("\"%s\" (%s) vs \"%s\" (%s)", en, ce, zh, cz);
        if (count_char(en, '"') != count_char(zh, '"'))
            fail_msg("quotes differ: \"%s\" vs \"%s\"", en, zh);
        /* one entry per English text */
        const char *en2, *zh2;
        for (size_t j = 0; j < i; j++) {
            assert_true(import_msg_pair(j, &en2, &zh2));
            if (strcmp(en, en2) == 0)
                fail_msg("twice: \"%s\"", en);
        }
    }
    assert_true(i > 100);
}

static void test_lookup(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *en, *want;
    } cases[] = {
        {"zh", "unknown %s \"%s\"%s", "未知%s\"%s\"%s"},
        {"zh", "person", "人员"},
        {"zh", "not a number", "不是数字"},
        {"zh", "... and %ld more rows like the one above\n", "…… 另有 %ld 行同上\n"},
        {"zh", "no translation here", "no translation here"},
        {"en", "unknown %s \"%s\"%s", "unknown %s \"%s\"%s"},
        {NULL, "person", "person"},
        {"fr", "person", "person"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(import_msg(cases[i].lang, cases[i].en), cases[i].want);
    assert_null(import_msg("zh", NULL));
}

/* A zh text prints like the English one: the same arguments fill it. */
static void test_format(void **state)
{
    (void)state;
    char buf[256];
    snprintf(buf, sizeof buf,
             import_msg("zh", "%s: %ld bad row%s; nothing was imported (%ld kind%s of problem)"),
             "a.csv", 4L, "s", 2L, "s");
    assert_string_equal(buf, "a.csv：4 行有错误；未导入任何数据（2 类问题）");
    snprintf(buf, sizeof buf,
             import_msg("en", "%s: %ld bad row%s; nothing was imported (%ld kind%s of problem)"),
             "a.csv", 1L, "", 1L, "");
    assert_string_equal(buf, "a.csv: 1 bad row; nothing was imported (1 kind of problem)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_conversions),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
