/*
 * test_decompose.c — unit tests of domain/decompose: the largest-remainder
 * split (known cases, and a fixed-seed property test over 20,000 random
 * totals and weight vectors that the parts add up exactly, each part is the
 * floor or the ceiling of its exact share, and the extra units went to the
 * largest remainders), the sub-periods of years, quarters, fiscal years and
 * ranges (clipped ISO weeks at the edges of 2026), day and working-day
 * weights across the Spring Festival, manual values and percentages that do
 * not add up (the message says by how much), and rebalancing. Expected
 * values are worked out by hand in the tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/decompose.h"
#include "domain/period.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_PARTS  16

/* Day number of an ISO date written in a table; the test fails on a typo. */
static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

/* ---- Largest remainder: known cases ------------------------------------- */

struct lr_case {
    const char *what;
    int64_t total;
    size_t n;
    int64_t w[MAX_PARTS];
    int64_t want[MAX_PARTS];
};

static void test_split_known(void **state)
{
    (void)state;
    static const struct lr_case cases[] = {
        {"100 even over 3", 100, 3, {0, 0, 0}, {34, 33, 33}},
        {"100 by 1:1:1", 100, 3, {1, 1, 1}, {34, 33, 33}},
        {"10 by 1:1:1:1", 10, 4, {1, 1, 1, 1}, {3, 3, 2, 2}},
        {"-100 even over 3", -100, 3, {0, 0, 0}, {-34, -33, -33}},
        {"-10 by 1:1:1:1", -10, 4, {1, 1, 1, 1}, {-3, -3, -2, -2}},
        {"0 by 1:2", 0, 2, {1, 2}, {0, 0}},
        {"7 by 1:2:4 is exact", 7, 3, {1, 2, 4}, {1, 2, 4}},
        /* 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: the .67 wins the spare unit */
        {"10 by 1:2:3", 10, 3, {1, 2, 3}, {2, 3, 5}},
        /* remainders .4 .8 .8: two spare units for the two .8s; one for the earlier */
        {"2 by 1:2:2", 2, 3, {1, 2, 2}, {0, 1, 1}},
        {"1 by 1:2:2", 1, 3, {1, 2, 2}, {0, 1, 0}},
        {"3 by 1:2:2", 3, 3, {1, 2, 2}, {1, 1, 1}},
        {"1 by 0:0:5 (zeros get nothing)", 1, 3, {0, 0, 5}, {0, 0, 1}},
        {"5 by 0:1:0:1", 5, 4, {0, 1, 0, 1}, {0, 3, 0, 2}},
        {"one part takes all", 123456789, 1, {7}, {123456789}},
        {"money: ¥1,000.00 in cents by 31:28:31", 100000, 3, {31, 28, 31}, {34445, 31111, 34444}},
        {"INT64_MAX by 1:1", INT64_MAX, 2, {1, 1}, {INT64_MAX / 2 + 1, INT64_MAX / 2}},
        {"INT64_MIN by 1:1", INT64_MIN, 2, {1, 1}, {INT64_MIN / 2, INT64_MIN / 2}},
        {"INT64_MIN by huge:0", INT64_MIN, 2, {INT64_MAX, 0}, {INT64_MIN, 0}},
        {"huge weights", 1000, 3, {INT64_MAX, INT64_MAX, 1}, {500, 500, 0}},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        const struct lr_case *c = &cases[i];
        int64_t out[MAX_PARTS];
        struct at_err err = {AT_OK, ""};
        if (split_largest_remainder(c->total, c->w, c->n, out, &err) != AT_OK)
            fail_msg("%s: %s", c->what, err.msg);
        for (size_t k = 0; k < c->n; k++)
            if (out[k] != c->want[k])
                fail_msg("%s: part %zu is %lld, expected %lld", c->what, k + 1, (long long)out[k],
                         (long long)c->want[k]);
    }
}

static void test_split_refuses(void **state)
{
    (void)state;
    int64_t w[2] = {1, -1}, out[2] = {7, 7};
    struct at_err err = {AT_OK, ""};
    assert_int_equal(split_largest_remainder(10, w, 2, out, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "weight 2 is negative"));
    assert_int_equal(out[0], 7); /* untouched */
    assert_int_equal(split_largest_remainder(10, w, 0, out, &err), AT_INVALID);
}

/* ---- Largest remainder: property test ----------------------------------- */

/* splitmix64: a small fixed-seed generator, so a failure replays exactly. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int64_t rng_range(int64_t lo, int64_t hi) /* inclusive, hi - lo < 2^63 */
{
    return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* A random total: small, medium, up to ±10^15, 0, or an int64 edge. */
static int64_t random_total(void)
{
    switch (rng_next() % 8) {
    case 0:
        return 0;
    case 1:
        return rng_range(-100, 100);
    case 2:
        return rng_range(-1000000, 1000000);
    case 3:
    case 4:
        return rng_range(-1000000000000000, 1000000000000000);
    case 5:
        return rng_range(0, 1000000000000000);
    case 6:
        return (rng_next() & 1) ? INT64_MAX - rng_range(0, 1000) : INT64_MIN + rng_range(0, 1000);
    default:
        return rng_range(-50, 50) * 10000;
    }
}

/* A random weight vector shape: mixes zeros, small, large and one huge. */
static void random_weights(int64_t *w, size_t n)
{
    unsigned shape = (unsigned)(rng_next() % 6);
    for (size_t i = 0; i < n; i++) {
        switch (shape) {
        case 0:
            w[i] = 0;
            break;
        case 1:
            w[i] = rng_range(0, 3);
            break;
        case 2:
            w[i] = rng_range(0, 1000000);
            break;
        case 3:
            w[i] = (rng_next() % 3 == 0) ? 0 : rng_range(1, 100);
            break;
        case 4:
            w[i] = rng_range(0, INT64_MAX / 2);
            break;
        default:
            w[i] = rng_range(1, 31);
            break;
        }
    }
    if (rng_next() % 4 == 0) /* one huge weight among the others */
        w[rng_next() % n] = INT64_MAX - rng_range(0, 1000);
}

static void check_split_property(int64_t total, const int64_t *w, size_t n, const int64_t *out)
{
    __int128 sum = 0, wsum = 0;
    for (size_t i = 0; i < n; i++)
        wsum += w[i];
    bool even = wsum == 0;
    if (even)
        wsum = (__int128)n;
    __int128 mag = total < 0 ? -(__int128)total : (__int128)total;
    __int128 max_rem_lost = -1, min_rem_won = wsum; /* remainders of parts without / with +1 */
    size_t first_won = n, last_lost = 0;
    for (size_t i = 0; i < n; i++) {
        sum += out[i];
        __int128 wi = even ? 1 : w[i];
        __int128 fl = mag * wi / wsum, rem = mag * wi % wsum;
        __int128 got = total < 0 ? -(__int128)out[i] : (__int128)out[i];
        if (got != fl && got != fl + 1)
            fail_msg("total %lld part %zu: %lld is not floor or ceiling of its share",
                     (long long)total, i, (long long)out[i]);
        if (got == fl + 1) {
            if (rem < min_rem_won || (rem == min_rem_won && i < first_won))
                min_rem_won = rem, first_won = i;
        } else if (rem > max_rem_lost || (rem == max_rem_lost && i >= last_lost)) {
            max_rem_lost = rem, last_lost = i;
        }
    }
    if (sum != total)
        fail_msg("total %lld over %zu parts: parts add up to %lld", (long long)total, n,
                 (long long)sum);
    /* every part that got a spare unit beats every part that did not */
    if (first_won < n && max_rem_lost >= 0 &&
        (min_rem_won < max_rem_lost || (min_rem_won == max_rem_lost && first_won > last_lost)))
        fail_msg("total %lld: a spare unit went to a smaller remainder", (long long)total);
}

static void test_split_property(void **state)
{
    (void)state;
    rng_state = 20260101u;
    int64_t w[40], out[40];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = (size_t)rng_range(1, 40);
        int64_t total = random_total();
        random_weights(w, n);
        struct at_err err = {AT_OK, ""};
        if (split_largest_remainder(total, w, n, out, &err) != AT_OK)
            fail_msg("iteration %d: %s", iter, err.msg);
        check_split_property(total, w, n, out);
    }
}

/* ---- Sub-periods --------------------------------------------------------- */

/* One expected part: its canonical text (a clipped part reads A..B) and kind. */
struct want_part {
    const char *text;
    enum period_kind kind;
};

/* Split EXPR into KIND and check the parts cover it consecutively; when WANT
 * is given check the first N_WANT parts, and the last one against LAST. */
static void check_split(const char *expr, int fsm, enum period_kind kind, size_t want_n,
                        const struct want_part *want, size_t n_want, const struct want_part *last)
{
    struct period p, *parts = NULL;
    size_t n = 0;
    struct at_err err = {AT_OK, ""};
    if (period_parse(expr, D("2026-07-15"), fsm, &p, &err) != AT_OK)
        fail_msg("%s: %s", expr, err.msg);
    if (split_periods(&p, kind, fsm, &parts, &n, &err) != AT_OK)
        fail_msg("%s: %s", expr, err.msg);
    if (n != want_n)
        fail_msg("%s: %zu parts, expected %zu", expr, n, want_n);
    assert_int_equal(parts[0].start, p.start);
    assert_int_equal(parts[n - 1].end, p.end);
    int64_t days = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_int_equal(parts[i].start, parts[i - 1].end + 1);
        assert_true(parts[i].start <= parts[i].end);
        days += period_days(&parts[i]);
    }
    assert_int_equal(days, period_days(&p));
    char text[PERIOD_TEXT_MAX];
    for (size_t i = 0; i < n_want; i++) {
        period_format(&parts[i], text);
        if (strcmp(text, want[i].text) != 0 || parts[i].kind != want[i].kind)
            fail_msg("%s part %zu: %s (kind %d), expected %s (kind %d)", expr, i + 1, text,
                     (int)parts[i].kind, want[i].text, (int)want[i].kind);
    }
    if (last) {
        period_format(&parts[n - 1], text);
        if (strcmp(text, last->text) != 0 || parts[n - 1].kind != last->kind)
            fail_msg("%s last part: %s, expected %s", expr, text, last->text);
    }
    free(parts);
}

static void test_split_periods(void **state)
{
    (void)state;
    static const struct want_part quarters[] = {
        {"2026-Q1", PERIOD_QUARTER},
        {"2026-Q2", PERIOD_QUARTER},
        {"2026-Q3", PERIOD_QUARTER},
        {"2026-Q4", PERIOD_QUARTER},
    };
    check_split("2026", 1, PERIOD_QUARTER, 4, quarters, 4, NULL);

    static const struct want_part months[] = {{"2026-01", PERIOD_MONTH}, {"2026-02", PERIOD_MONTH}};
    static const struct want_part dec = {"2026-12", PERIOD_MONTH};
    check_split("2026", 1, PERIOD_MONTH, 12, months, 2, &dec);

    /* 2026-W01 is 2025-12-29..2026-01-04 and W53 is 2026-12-28..2027-01-03: both clipped */
    static const struct want_part weeks[] = {
        {"2026-01-01..2026-01-04", PERIOD_RANGE},
        {"2026-W02", PERIOD_WEEK},
        {"2026-W03", PERIOD_WEEK},
    };
    static const struct want_part w53 = {"2026-12-28..2026-12-31", PERIOD_RANGE};
    check_split("2026", 1, PERIOD_WEEK, 53, weeks, 3, &w53);

    /* 2026-Q1 ends on Tuesday 2026-03-31: W14 (from Monday 03-30) is clipped */
    static const struct want_part q1_weeks[] = {{"2026-01-01..2026-01-04", PERIOD_RANGE},
                                                {"2026-W02", PERIOD_WEEK}};
    static const struct want_part q1_last = {"2026-03-30..2026-03-31", PERIOD_RANGE};
    check_split("2026-Q1", 1, PERIOD_WEEK, 14, q1_weeks, 2, &q1_last);

    /* 2026-Q3: Wed 07-01 .. Wed 09-30 → W27 clipped from 07-01, W40 clipped to 09-30 */
    static const struct want_part q3_weeks[] = {{"2026-07-01..2026-07-05", PERIOD_RANGE},
                                                {"2026-W28", PERIOD_WEEK}};
    static const struct want_part q3_last = {"2026-09-28..2026-09-30", PERIOD_RANGE};
    check_split("2026-Q3", 1, PERIOD_WEEK, 14, q3_weeks, 2, &q3_last);

    static const struct want_part h2[] = {{"2026-Q3", PERIOD_QUARTER}, {"2026-Q4", PERIOD_QUARTER}};
    check_split("2026-H2", 1, PERIOD_QUARTER, 2, h2, 2, NULL);

    /* fiscal year from April: FY2026 = 2025-04-01..2026-03-31 */
    static const struct want_part fy[] = {
        {"FY2026-Q1", PERIOD_FISCAL_QUARTER},
        {"FY2026-Q2", PERIOD_FISCAL_QUARTER},
        {"FY2026-Q3", PERIOD_FISCAL_QUARTER},
        {"FY2026-Q4", PERIOD_FISCAL_QUARTER},
    };
    check_split("FY2026", 4, PERIOD_QUARTER, 4, fy, 4, NULL);
    static const struct want_part fy_m[] = {{"2025-04", PERIOD_MONTH}};
    static const struct want_part fy_last = {"2026-03", PERIOD_MONTH};
    check_split("FY2026", 4, PERIOD_MONTH, 12, fy_m, 1, &fy_last);

    static const struct want_part range[] = {
        {"2026-01-15..2026-01-31", PERIOD_RANGE},
        {"2026-02", PERIOD_MONTH},
        {"2026-03-01..2026-03-10", PERIOD_RANGE},
    };
    check_split("2026-01-15..2026-03-10", 1, PERIOD_MONTH, 3, range, 3, NULL);
    static const struct want_part feb_days[] = {{"2026-02-01", PERIOD_DAY}};
    static const struct want_part feb_last = {"2026-02-28", PERIOD_DAY};
    check_split("2026-02", 1, PERIOD_DAY, 28, feb_days, 1, &feb_last);
}

static void test_split_periods_refuses(void **state)
{
    (void)state;
    static const struct {
        const char *expr;
        enum period_kind kind;
        const char *msg;
    } cases[] = {
        {"2026-07", PERIOD_MONTH, "2026-07 cannot be split into months"},
        {"2026-07", PERIOD_QUARTER, "2026-07 cannot be split into quarters"},
        {"2026-W27", PERIOD_WEEK, "2026-W27 cannot be split into weeks"},
        {"2026-W27", PERIOD_MONTH, "2026-W27 cannot be split into months"},
        {"2026-07-15", PERIOD_DAY, "cannot be split into days"},
        {"2026-Q3", PERIOD_QUARTER, "2026-Q3 cannot be split into quarters"},
        {"2026", PERIOD_YEAR, "quarters, months, weeks or days"},
        {"2026", PERIOD_RANGE, "quarters, months, weeks or days"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct period p, *parts = NULL;
        size_t n = 99;
        struct at_err err = {AT_OK, ""};
        assert_int_equal(period_parse(cases[i].expr, D("2026-07-15"), 1, &p, &err), AT_OK);
        assert_int_equal(split_periods(&p, cases[i].kind, 1, &parts, &n, &err), AT_INVALID);
        if (!strstr(err.msg, cases[i].msg))
            fail_msg("%s: message \"%s\" lacks \"%s\"", cases[i].expr, err.msg, cases[i].msg);
        assert_null(parts);
        assert_int_equal(n, 99);
    }
}

/* The Spring Festival 2026: holidays 02-15..02-23, make-up days 02-14 and 02-28. */
static struct cal_special_day spring_days[11];
static struct cal_holidays spring_festival(void)
{
    size_t k = 0;
    for (int32_t d = D("2026-02-15"); d <= D("2026-02-23"); d++)
        spring_days[k++] = (struct cal_special_day){d, CAL_HOLIDAY};
    spring_days[k++] = (struct cal_special_day){D("2026-02-14"), CAL_WORKDAY};
    spring_days[k++] = (struct cal_special_day){D("2026-02-28"), CAL_WORKDAY};
    struct cal_holidays h = {spring_days, k};
    cal_holidays_sort(&h);
    return h;
}

static void test_weights(void **state)
{
    (void)state;
    struct period q1, *parts = NULL;
    size_t n = 0;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(period_parse("2026-Q1", 0, 1, &q1, &err), AT_OK);
    assert_int_equal(split_periods(&q1, PERIOD_MONTH, 1, &parts, &n, &err), AT_OK);
    assert_int_equal(n, 3);
    int64_t w[3];
    weights_days(parts, n, w);
    assert_int_equal(w[0], 31);
    assert_int_equal(w[1], 28);
    assert_int_equal(w[2], 31);
    weights_working_days(parts, n, NULL, w);
    assert_int_equal(w[0], 22); /* Jan 2026: Thu 1st, 22 weekdays */
    assert_int_equal(w[1], 20);
    assert_int_equal(w[2], 22);
    struct cal_holidays h = spring_festival();
    weights_working_days(parts, n, &h, w);
    assert_int_equal(w[1], 16); /* 20 − 6 weekday holidays + 2 make-up Saturdays */

    /* ¥1,000,000.00 over Q1 by working days 22:16:22 (60): 366,666.6667 266,666.6667
     * 366,666.6667: three equal remainders, two spare cents for the first two */
    int64_t out[3];
    assert_int_equal(split_largest_remainder(100000000, w, 3, out, &err), AT_OK);
    assert_int_equal(out[0], 36666667);
    assert_int_equal(out[1], 26666667);
    assert_int_equal(out[2], 36666666);
    free(parts);
}

/* ---- Manual values and percentages -------------------------------------- */

static void test_manual_values(void **state)
{
    (void)state;
    static const struct {
        int64_t total;
        int64_t values[4];
        size_t n;
        enum metric_unit unit;
        int exponent;
        enum at_status st;
        const char *msg;
    } cases[] = {
        {125000000,
         {60000000, 60000000},
         2,
         MU_MONEY,
         2,
         AT_INVALID,
         "the values add up to 1,200,000.00, 50,000.00 short of the target 1,250,000.00"},
        {125000000,
         {60000000, 70000000},
         2,
         MU_MONEY,
         2,
         AT_INVALID,
         "the values add up to 1,300,000.00, 50,000.00 over the target 1,250,000.00"},
        {125000000, {60000000, 65000000}, 2, MU_MONEY, 2, AT_OK, ""},
        {125000,
         {100000, 25001},
         2,
         MU_MONEY,
         0,
         AT_INVALID,
         "the values add up to 125,001, 1 over the target 125,000"},
        {200,
         {50, 50, 50, 40},
         4,
         MU_COUNT,
         0,
         AT_INVALID,
         "the values add up to 190, 10 short of the target 200"},
        {1000,
         {999},
         1,
         MU_COUNT,
         0,
         AT_INVALID,
         "the values add up to 999, 1 short of the target 1,000"},
        {0, {0}, 1, MU_COUNT, 0, AT_OK, ""},
        {0, {0}, 0, MU_COUNT, 0, AT_OK, ""},
        {5,
         {0},
         0,
         MU_MONEY,
         2,
         AT_INVALID,
         "the values add up to 0.00, 0.05 short of the target 0.05"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct at_err err = {AT_OK, ""};
        enum at_status st = split_manual_values(cases[i].total, cases[i].values, cases[i].n,
                                                cases[i].unit, cases[i].exponent, &err);
        if (st != cases[i].st || (st != AT_OK && strcmp(err.msg, cases[i].msg) != 0))
            fail_msg("case %zu: status %d \"%s\", expected %d \"%s\"", i, (int)st, err.msg,
                     (int)cases[i].st, cases[i].msg);
    }
}

static void test_manual_percent(void **state)
{
    (void)state;
    int64_t out[3] = {0, 0, 0};
    struct at_err err = {AT_OK, ""};
    static const int32_t short_of[] = {5000, 3000, 1500};
    assert_int_equal(split_manual_percent(100000, short_of, 3, out, &err), AT_INVALID);
    assert_string_equal(err.msg, "the percentages add up to 95.00%, 5.00% short of 100%");
    static const int32_t over[] = {5000, 3000, 2025};
    assert_int_equal(split_manual_percent(100000, over, 3, out, &err), AT_INVALID);
    assert_string_equal(err.msg, "the percentages add up to 100.25%, 0.25% over 100%");
    static const int32_t negative[] = {11000, -1000};
    assert_int_equal(split_manual_percent(100000, negative, 2, out, &err), AT_INVALID);
    assert_string_equal(err.msg, "percentage 2 is negative (-10.00%)");

    /* ¥1.00 (100 cents) by 33.33% 33.33% 33.34% */
    static const int32_t thirds[] = {3333, 3333, 3334};
    assert_int_equal(split_manual_percent(100, thirds, 3, out, &err), AT_OK);
    assert_int_equal(out[0], 33);
    assert_int_equal(out[1], 33);
    assert_int_equal(out[2], 34);
    /* 7 visits by 50% 25% 25%: 3.5 1.75 1.75 → the two .75 remainders beat .5 */
    static const int32_t halves[] = {5000, 2500, 2500};
    assert_int_equal(split_manual_percent(7, halves, 3, out, &err), AT_OK);
    assert_int_equal(out[0], 3);
    assert_int_equal(out[1], 2);
    assert_int_equal(out[2], 2);
}

/* ---- Rebalance ------------------------------------------------------------ */

static void test_rebalance(void **state)
{
    (void)state;
    /* 1,200 over 12 months, 100 each; Jan..Mar closed with 500 done in total:
     * 700 left over 9 open months = 77.78 → seven get 78, two get 77 */
    int64_t old[12], w[12], nv[12];
    bool closed[12];
    for (int i = 0; i < 12; i++)
        old[i] = 100, w[i] = 1, closed[i] = i < 3;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(rebalance(1200, 500, old, closed, w, 12, nv, &err), AT_OK);
    static const int64_t want[12] = {100, 100, 100, 78, 78, 78, 78, 78, 78, 78, 77, 77};
    for (int i = 0; i < 12; i++)
        assert_int_equal(nv[i], want[i]);

    /* by days of Apr..Dec (30 31 30 31 31 30 31 30 31 = 275), 700 left */
    static const int64_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    assert_int_equal(rebalance(1200, 500, old, closed, days, 12, nv, &err), AT_OK);
    int64_t open_sum = 0;
    for (int i = 3; i < 12; i++)
        open_sum += nv[i];
    assert_int_equal(open_sum, 700);
    /* 700 × 31 / 275 = 78.91 (five months), 700 × 30 / 275 = 76.36 (four): floors add
     * up to 694; six spare units: the five .91s, then the earliest .36 (April) */
    assert_int_equal(nv[3], 77);
    assert_int_equal(nv[4], 79);
    assert_int_equal(nv[5], 76);

    /* actual past the target: the open parts share a negative remainder */
    assert_int_equal(rebalance(1200, 1209, old, closed, w, 12, nv, &err), AT_OK);
    open_sum = 0;
    for (int i = 3; i < 12; i++) {
        assert_int_equal(nv[i], -1);
        open_sum += nv[i];
    }
    assert_int_equal(open_sum, -9);

    /* the closed parts need not be a prefix */
    bool holes[4] = {false, true, false, true};
    int64_t old4[4] = {10, 20, 30, 40}, w4[4] = {1, 1, 1, 1}, nv4[4];
    assert_int_equal(rebalance(100, 45, old4, holes, w4, 4, nv4, &err), AT_OK);
    assert_int_equal(nv4[0], 28);
    assert_int_equal(nv4[1], 20);
    assert_int_equal(nv4[2], 27);
    assert_int_equal(nv4[3], 40);

    for (int i = 0; i < 12; i++)
        closed[i] = true;
    nv[0] = -5;
    assert_int_equal(rebalance(1200, 500, old, closed, w, 12, nv, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "every part is closed"));
    assert_int_equal(nv[0], -5);
    assert_int_equal(rebalance(INT64_MAX, -10, old, closed, w, 12, nv, &err), AT_INVALID);
}

/* Random rebalances: the open parts always add up to the remaining. */
static void test_rebalance_property(void **state)
{
    (void)state;
    rng_state = 42u;
    int64_t old[40], w[40], nv[40];
    bool closed[40];
    for (int iter = 0; iter < 5000; iter++) {
        size_t n = (size_t)rng_range(1, 40);
        int64_t target = rng_range(0, 1000000000000000);
        int64_t actual = rng_range(-1000, 1000000000000000);
        random_weights(w, n);
        for (size_t i = 0; i < n; i++)
            old[i] = rng_range(0, 1000000), closed[i] = rng_next() % 3 == 0;
        closed[rng_next() % n] = false;
        struct at_err err = {AT_OK, ""};
        if (rebalance(target, actual, old, closed, w, n, nv, &err) != AT_OK)
            fail_msg("iteration %d: %s", iter, err.msg);
        __int128 sum = 0;
        for (size_t i = 0; i < n; i++) {
            if (closed[i])
                assert_int_equal(nv[i], old[i]);
            else
                sum += nv[i];
        }
        if (sum != (__int128)target - actual)
            fail_msg("iteration %d: open parts add up to %lld, not %lld", iter, (long long)sum,
                     (long long)(target - actual));
    }
}

/* The one rule for "children add up" over time (split_time_adds_up). Three
 * months ending on days 31, 59, 90 (numbers stand for day numbers here). */
static void test_adds_up_table(void **state)
{
    (void)state;
    static const int32_t ends[3] = {31, 59, 90};
    static const struct {
        const char *what;
        int64_t target;
        int64_t kids[3];
        bool rebalanced;
        int32_t through;
        int64_t actual;
        bool ok;
        int64_t want, have;
        bool counted[3];
    } cases[] = {
        /* plain split: all count, Σ = target */
        {"even split", 250, {84, 83, 83}, false, 0, 0, true, 250, 250, {true, true, true}},
        {"a part edited", 250, {84, 83, 90}, false, 0, 0, false, 250, 257, {true, true, true}},
        /* after a rebalance through day 31 with actual 70: the closed January
         * keeps 84, February and March carry 250 - 70 = 180 (the old rule saw
         * 84 + 90 + 90 = 264 != 250 and its fix undid the rebalance) */
        {"rebalanced", 250, {84, 90, 90}, true, 31, 70, true, 180, 180, {false, true, true}},
        {"rebalanced, then edited", 250, {84, 90, 95}, true, 31, 70, false, 180, 185,
         {false, true, true}},
        /* a month ending on the day rebalanced through is closed */
        {"through the end of February", 250, {84, 83, 150}, true, 59, 100, true, 150, 150,
         {false, false, true}},
        /* the actual passed the target: the open months carry 0 */
        {"actual over target", 250, {84, 0, 0}, true, 31, 300, true, 0, 0, {false, true, true}},
        {"actual over target, a month not 0", 250, {84, 1, 0}, true, 31, 300, false, 0, 1,
         {false, true, true}},
        /* through a day before every end: all count, remaining = target - actual */
        {"nothing closed", 250, {84, 83, 83}, true, 10, 0, true, 250, 250, {true, true, true}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t want = -1, have = -1;
        bool counted[3];
        bool ok = split_time_adds_up(cases[i].target, cases[i].kids, ends, 3, cases[i].rebalanced,
                                     cases[i].through, cases[i].actual, counted, &want, &have);
        if (ok != cases[i].ok || want != cases[i].want || have != cases[i].have)
            fail_msg("%s: ok %d want %lld have %lld", cases[i].what, ok, (long long)want,
                     (long long)have);
        for (int k = 0; k < 3; k++)
            if (counted[k] != cases[i].counted[k])
                fail_msg("%s: part %d counted %d", cases[i].what, k, counted[k]);
    }
}

/* What rebalance produces (closed parts keep their value, negatives become 0
 * as the app does) always passes the rule, whatever the numbers. */
static void test_adds_up_after_rebalance(void **state)
{
    (void)state;
    uint64_t seed = 7;
    for (int round = 0; round < 2000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t n = 1 + (size_t)(seed >> 33) % 12;
        int64_t target = (int64_t)((seed >> 20) % 1000000);
        int64_t old[12], w[12], nv[12];
        int32_t ends[12];
        bool closed[12];
        size_t n_closed = (size_t)(seed >> 40) % n; /* at least one open */
        /* the actual of the closed parts (none closed: 0, as the app reads it) */
        int64_t actual = n_closed ? (int64_t)((seed >> 3) % 1200000) : 0;
        for (size_t i = 0; i < n; i++) {
            ends[i] = (int32_t)(30 * (i + 1));
            closed[i] = i < n_closed;
            old[i] = (int64_t)((seed >> (i + 5)) % 100000);
            w[i] = (int64_t)((seed >> (i + 9)) % 7);
        }
        struct at_err err;
        assert_int_equal(rebalance(target, actual, old, closed, w, n, nv, &err), AT_OK);
        for (size_t i = 0; i < n; i++)
            if (nv[i] < 0)
                nv[i] = 0;
        int32_t through = n_closed ? ends[n_closed - 1] : 0;
        int64_t want, have;
        assert_true(split_time_adds_up(target, nv, ends, n, n_closed > 0, through,
                                       actual, NULL, &want, &have));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_known),
        cmocka_unit_test(test_split_refuses),
        cmocka_unit_test(test_split_property),
        cmocka_unit_test(test_split_periods),
        cmocka_unit_test(test_split_periods_refuses),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_manual_values),
        cmocka_unit_test(test_manual_percent),
        cmocka_unit_test(test_rebalance),
        cmocka_unit_test(test_rebalance_property),
        cmocka_unit_test(test_adds_up_table),
        cmocka_unit_test(test_adds_up_after_rebalance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
