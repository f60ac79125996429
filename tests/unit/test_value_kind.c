/*
 * test_value_kind.c — table-driven tests of typed values (domain/value_kind.h):
 * a metric value as a typed value (metric_typed) prints, through
 * typed_value_format, exactly the canonical text of metric_value_format —
 * the CSV and JSON interfaces do not change — and each kind's own spelling
 * (expected texts worked out by hand from the rounding rule: half away from
 * zero).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/calendar.h"
#include "domain/metric.h"
#include "domain/value_kind.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct metric_case {
    enum metric_unit unit;
    bool defined;
    int64_t num, den;
    int exponent;
    const char *want;
};

static const struct metric_case metric_cases[] = {
    {MU_MONEY, true, 123450, 1, 2, "1234.50"},
    {MU_MONEY, true, -123450, 1, 2, "-1234.50"},
    {MU_MONEY, true, 5, 10, 2, "0.01"},   /* 0.5 minor units -> 1 */
    {MU_MONEY, true, -5, 10, 2, "-0.01"}, /* away from zero */
    {MU_MONEY, true, 1234, 1, 0, "1234"}, /* JPY */
    {MU_MONEY, true, 1234, 1, 3, "1.234"},
    {MU_MONEY, true, 2, 3, 2, "0.01"},
    {MU_COUNT, true, 3, 1, 2, "3"},
    {MU_COUNT, true, 3, 5, 2, "0.6"},
    {MU_COUNT, true, 2, 3, 2, "0.6667"},
    {MU_COUNT, true, -1, 2, 2, "-0.5"},
    {MU_RATIO, true, 4521, 10000, 2, "0.4521"},
    {MU_RATIO, true, 1, 3, 2, "0.3333"},
    {MU_RATIO, true, 1, 1, 2, "1.0000"},
    {MU_SCORE, true, 35229, 10000, 2, "3.5229"},
    {MU_SCORE, true, 7, 2, 2, "3.5000"},
    {MU_MONEY, false, 0, 0, 2, ""},
    {MU_RATIO, true, 1, 0, 2, ""}, /* no denominator: no value */
};

static void test_metric_typed_same_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(metric_cases); i++) {
        const struct metric_case *c = &metric_cases[i];
        struct metric_value v = {c->defined, c->num, c->den};
        char old[64], now[64];
        metric_value_format(c->unit, &v, c->exponent, old, sizeof old);
        struct typed_value tv = metric_typed(c->unit, &v, "CNY");
        typed_value_format(&tv, c->exponent, now, sizeof now);
        if (strcmp(old, c->want) != 0 || strcmp(now, c->want) != 0)
            fail_msg("case %zu: metric_value_format \"%s\", typed \"%s\", want \"%s\"", i, old, now,
                     c->want);
        assert_int_equal(tv.kind, metric_unit_kind(c->unit));
        assert_int_equal(tv.defined, c->want[0] != '\0');
    }
}

static void test_kinds(void **state)
{
    (void)state;
    char out[64];
    struct typed_value d = {.kind = VK_DATE, .defined = true, .v = cal_from_ymd(2026, 3, 31)};
    assert_string_equal(typed_value_format(&d, 2, out, sizeof out), "2026-03-31");
    struct typed_value t = {.kind = VK_TEXT, .defined = true, .text = "公司"};
    assert_string_equal(typed_value_format(&t, 2, out, sizeof out), "公司");
    struct typed_value big = {.kind = VK_MONEY, .defined = true, .v = INT64_MIN};
    assert_string_equal(typed_value_format(&big, 2, out, sizeof out), "-92233720368547758.08");
    assert_int_equal(metric_unit_kind(MU_MONEY), VK_MONEY);
    assert_int_equal(metric_unit_kind(MU_COUNT), VK_COUNT);
    assert_int_equal(metric_unit_kind(MU_RATIO), VK_RATIO);
    assert_int_equal(metric_unit_kind(MU_SCORE), VK_SCORE);
    assert_string_equal(value_kind_name(VK_DATE), "date");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metric_typed_same_text),
        cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
