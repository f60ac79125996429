/* test_adjust.c — the exact part of reassign (app/adjust.c,
 * adjust_reassign_split): a table of hand-worked cases, then a property test
 * over random targets, actuals and weights: what moves is exact to the cent,
 * the leaving rep keeps their closed actual, and the total is unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"

/* Hand-worked cases, amounts in cents. */
static const struct {
    int64_t target, actual;
    int64_t before[3], weights[3];
    size_t n;
    int64_t after[3], leaver;
} cases[] = {
    /* 90000.01 - 12345.67 = 77654.34 by 1500:1000: 4659260.4 -> 4659260,
     * 3106173.6 -> 3106173, the cent left to the larger remainder (the second) */
    {9000001, 1234567, {10000000, 8000000}, {1500, 1000}, 2, {14659260, 11106174}, 1234567},
    /* even over 3: 100 cents -> 34, 33, 33 (ties: the earlier part) */
    {100, 0, {0, 0, 0}, {1, 1, 1}, 3, {34, 33, 33}, 0},
    /* passed the target: nothing moves, the rep keeps the target */
    {5000, 7000, {100, 200}, {1, 1}, 2, {100, 200}, 5000},
    /* a negative actual (returns): the whole target moves, the rep keeps 0 */
    {1000, -50, {0}, {1}, 1, {1000}, 0},
    /* all weights 0: an even split */
    {101, 1, {0, 0}, {0, 0}, 2, {50, 50}, 1},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int64_t t[3], leaver = -1;
        struct at_err err;
        memcpy(t, cases[k].before, sizeof t);
        assert_int_equal(adjust_reassign_split(cases[k].target, cases[k].actual, t,
                                               cases[k].weights, cases[k].n, &leaver, &err),
                         AT_OK);
        for (size_t i = 0; i < cases[k].n; i++)
            assert_int_equal(t[i], cases[k].after[i]);
        assert_int_equal(leaver, cases[k].leaver);
    }
}

static void test_refused(void **state)
{
    (void)state;
    int64_t t[1] = {0}, w[1] = {-1}, leaver = 7;
    struct at_err err;
    assert_int_equal(adjust_reassign_split(100, 0, t, w, 0, &leaver, &err), AT_INVALID);
    assert_int_equal(adjust_reassign_split(100, 0, t, w, 1, &leaver, &err), AT_INVALID);
    assert_int_equal(leaver, 7); /* untouched */
    assert_int_equal(t[0], 0);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random targets up to 10^13 cents (10^11 yuan), actuals around them, 1..40
 * others with random targets and weights (some 0): Σ after + leaver == Σ
 * before + target, each other gains ≥ 0, the rep keeps min(actual, target)
 * (0 when negative), and the gains are proportional within one cent. */
static void test_property(void **state)
{
    (void)state;
    for (int round = 0; round < 20000; round++) {
        size_t n = 1 + next() % 40;
        int64_t target = (int64_t)(next() % 10000000000000ull);
        int64_t actual = (int64_t)(next() % 12000000000000ull) - 1000000000000;
        if (round % 5 == 0)
            actual = 0;
        int64_t before[40], after[40], w[40], leaver;
        __int128 sum_before = 0, sum_after = 0, wsum = 0;
        for (size_t i = 0; i < n; i++) {
            before[i] = after[i] = (int64_t)(next() % 1000000000000ull);
            w[i] = next() % 4 == 0 ? 0 : (int64_t)(next() % 100000);
            sum_before += before[i];
            wsum += w[i];
        }
        struct at_err err;
        assert_int_equal(adjust_reassign_split(target, actual, after, w, n, &leaver, &err), AT_OK);
        int64_t kept = actual < 0 ? 0 : actual > target ? target : actual;
        assert_int_equal(leaver, kept);
        int64_t moved = target - kept;
        for (size_t i = 0; i < n; i++) {
            int64_t gain = after[i] - before[i];
            assert_true(gain >= 0);
            /* within one unit of the exact share */
            __int128 exact_num = wsum ? (__int128)moved * w[i] : moved;
            __int128 den = wsum ? wsum : (__int128)n;
            __int128 diff = (__int128)gain * den - exact_num;
            assert_true(diff > -den && diff < den);
            sum_after += after[i];
        }
        assert_true(sum_after + leaver == sum_before + target);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
