/*
 * test_checkin.c — unit tests of domain/checkin: the cadence windows (weekly
 * from the ISO week's Monday, biweekly from last week's Monday, monthly from
 * the 1st, none), confidence parsing, and the flags at their boundaries
 * (a drop of exactly 3, confidence exactly 7, pace exactly 0.9). Expected
 * dates are read off a calendar by hand: 2026-02-06 is a Friday.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/checkin.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

static void test_windows(void **state)
{
    (void)state;
    static const struct {
        const char *cadence, *day, *start; /* start NULL: nothing owed */
    } cases[] = {
        {"", "2026-02-06", "2026-02-02"},         /* not set: weekly */
        {"weekly", "2026-02-02", "2026-02-02"},   /* a Monday is its own week's start */
        {"weekly", "2026-02-08", "2026-02-02"},   /* Sunday still in that week */
        {"weekly", "2026-01-01", "2025-12-29"},   /* the ISO week crosses the year */
        {"biweekly", "2026-02-06", "2026-01-26"}, /* last week's Monday */
        {"biweekly", "2026-02-09", "2026-02-02"}, {"monthly", "2026-02-28", "2026-02-01"},
        {"monthly", "2026-03-01", "2026-03-01"},  {"none", "2026-02-06", NULL},
        {"quarterly", "2026-02-06", NULL},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int32_t got = checkin_window_start(cases[i].cadence, D(cases[i].day));
        int32_t want = cases[i].start ? D(cases[i].start) : -1;
        if (got != want)
            fail_msg("case %zu (%s %s): got %d want %d", i, cases[i].cadence, cases[i].day, got,
                     want);
    }
}

static void test_confidence(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int want; /* -1: refused */
    } cases[] = {
        {"0", 0},   {"7", 7},    {"10", 10}, {"11", -1},  {"-1", -1}, {"", -1},
        {"07", -1}, {"7.0", -1}, {" 7", -1}, {"100", -1}, {"x", -1},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct at_err err = {AT_OK, ""};
        int v = -5;
        enum at_status st = checkin_confidence_parse(cases[i].text, &v, &err);
        if (cases[i].want < 0) {
            assert_int_equal(st, AT_INVALID);
            assert_non_null(strstr(err.msg, "confidence"));
            assert_int_equal(v, -5);
        } else {
            assert_int_equal(st, AT_OK);
            assert_int_equal(v, cases[i].want);
        }
    }
}

static void test_flags(void **state)
{
    (void)state;
    static const struct {
        int confidence, previous;
        bool pace_defined;
        int64_t num, den;
        unsigned want;
        const char *text;
    } cases[] = {
        {5, 8, true, 1, 1, CHECKIN_FLAG_CONFIDENCE_DROP, "confidence_drop"}, /* drop of 3 */
        {6, 8, true, 1, 1, 0, ""},                                           /* drop of 2 */
        {5, -1, true, 1, 1, 0, ""},                                    /* no previous check-in */
        {-1, 8, true, 1, 1, 0, ""},                                    /* no confidence given */
        {7, -1, true, 89, 100, CHECKIN_FLAG_OPTIMISTIC, "optimistic"}, /* 0.89 < 0.9 */
        {7, -1, true, 9, 10, 0, ""},  /* exactly 0.9 is not below */
        {6, -1, true, 1, 2, 0, ""},   /* 6 does not say on track */
        {10, -1, false, 0, 0, 0, ""}, /* undefined pace: no flag */
        {7, 10, true, 1, 2, CHECKIN_FLAG_CONFIDENCE_DROP | CHECKIN_FLAG_OPTIMISTIC,
         "confidence_drop;optimistic"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct metric_value pace = {cases[i].pace_defined, cases[i].num, cases[i].den};
        unsigned f = checkin_flags(cases[i].confidence, cases[i].previous, &pace);
        char text[64];
        if (f != cases[i].want)
            fail_msg("case %zu: flags %u want %u", i, f, cases[i].want);
        assert_string_equal(checkin_flags_text(f, text, sizeof text), cases[i].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows),
        cmocka_unit_test(test_confidence),
        cmocka_unit_test(test_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
