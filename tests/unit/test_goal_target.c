/*
 * test_goal_target.c — goal_target_parse (domain/goal.c): targets typed by a
 * person, table-driven; the expected ×10^4 values are worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/goal.h"

struct target_case {
    enum metric_unit unit;
    const char *text;
    int exponent;
    enum at_status want;
    int64_t target;  /* when AT_OK */
    const char *msg; /* a part of the message when refused */
};

static const struct target_case cases[] = {
    /* money, 2 decimals: minor units × 10^4 */
    {MU_MONEY, "1500000", 2, AT_OK, 150000000 * 10000LL, NULL},
    {MU_MONEY, "150万", 2, AT_OK, 150000000 * 10000LL, NULL},
    {MU_MONEY, "1.5亿", 2, AT_OK, 15000000000 * 10000LL, NULL},
    {MU_MONEY, "¥1,234.50", 2, AT_OK, 123450 * 10000LL, NULL},
    {MU_MONEY, "-12", 2, AT_INVALID, 0, "negative"},
    /* found by tests/fuzz/fuzz_goal_target: a large negative amount overflowed
     * the ×10^4 before the sign was looked at (UBSan: signed overflow) */
    {MU_MONEY, "-55555555555555555", 2, AT_INVALID, 0, "negative"},
    {MU_MONEY, "-922337203685477", 0, AT_INVALID, 0, "negative"},
    {MU_MONEY, "922337203685478", 0, AT_INVALID, 0, "too large"},
    /* counts ×10^4, ratios in basis points, scores ×10^4 */
    {MU_COUNT, "200", 2, AT_OK, 2000000, NULL},
    {MU_COUNT, "1.5万", 2, AT_OK, 150000000, NULL},
    {MU_COUNT, "¥3", 2, AT_INVALID, 0, "no currency"},
    {MU_RATIO, "65%", 2, AT_OK, 6500, NULL},
    {MU_RATIO, "0.65", 2, AT_OK, 6500, NULL},
    {MU_SCORE, "4.5", 2, AT_OK, 45000, NULL},
    {MU_SCORE, "-1", 2, AT_INVALID, 0, "negative"},
};

static void test_goal_target_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct target_case *c = &cases[i];
        int64_t t = -1;
        struct at_err err = {AT_OK, ""};
        enum at_status st = goal_target_parse(c->unit, c->text, c->exponent, &t, &err);
        if (st != c->want)
            fail_msg("%s: status %d, want %d (%s)", c->text, st, c->want, err.msg);
        if (st == AT_OK && t != c->target)
            fail_msg("%s: %lld, want %lld", c->text, (long long)t, (long long)c->target);
        if (st != AT_OK && !strstr(err.msg, c->msg))
            fail_msg("%s: message \"%s\" lacks \"%s\"", c->text, err.msg, c->msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goal_target_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
