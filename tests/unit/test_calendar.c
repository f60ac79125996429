/*
 * test_calendar.c — unit tests of domain/calendar: leap years, month lengths,
 * day numbers, weekdays, ISO weeks at every year edge 2014..2028, date text,
 * month arithmetic and working days with the 2026 Spring Festival (调休).
 * Expected values come from tables derived by hand (see the comments).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Day number of an ISO date written in a table; the test fails on a typo. */
static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

static void test_leap_years(void **state)
{
    (void)state;
    static const struct {
        int year;
        bool leap;
    } cases[] = {
        {1900, false}, {2000, true},  {2100, false}, {2400, true},  {2024, true}, {2025, false},
        {2026, false}, {2028, true},  {1, false},    {4, true},     {100, false}, {400, true},
        {1600, true},  {1700, false}, {9996, true},  {9999, false},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        if (cal_is_leap(cases[i].year) != cases[i].leap)
            fail_msg("cal_is_leap(%d) should be %d", cases[i].year, cases[i].leap);
    }
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const struct {
        int year, month, days;
    } cases[] = {
        {2026, 1, 31},  {2026, 2, 28},  {2024, 2, 29},  {1900, 2, 28}, {2000, 2, 29}, {2026, 3, 31},
        {2026, 4, 30},  {2026, 5, 31},  {2026, 6, 30},  {2026, 7, 31}, {2026, 8, 31}, {2026, 9, 30},
        {2026, 10, 31}, {2026, 11, 30}, {2026, 12, 31}, {2026, 0, 0},  {2026, 13, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        if (cal_days_in_month(cases[i].year, cases[i].month) != cases[i].days)
            fail_msg("cal_days_in_month(%d, %d) should be %d", cases[i].year, cases[i].month,
                     cases[i].days);
    }
}

static void test_valid_ymd(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        bool valid;
    } cases[] = {
        {2026, 2, 28, true},  {2026, 2, 29, false}, {2024, 2, 29, true},  {1900, 2, 29, false},
        {2000, 2, 29, true},  {2026, 4, 31, false}, {2026, 12, 31, true}, {2026, 13, 1, false},
        {2026, 0, 1, false},  {2026, 1, 0, false},  {0, 1, 1, false},     {1, 1, 1, true},
        {9999, 12, 31, true}, {10000, 1, 1, false}, {-5, 1, 1, false},    {2026, 1, 32, false},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        if (cal_valid_ymd(cases[i].y, cases[i].m, cases[i].d) != cases[i].valid)
            fail_msg("cal_valid_ymd(%d, %d, %d) should be %d", cases[i].y, cases[i].m, cases[i].d,
                     cases[i].valid);
    }
}

/* Day numbers known independently: the epoch, the limits in calendar.h, and
 * 2000-03-01 = 30 * 365 + 7 leap days (72..96) + 31 + 29 = 11017. */
static void test_day_numbers(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        int32_t date;
    } cases[] = {
        {1970, 1, 1, 0},
        {1970, 1, 2, 1},
        {1969, 12, 31, -1},
        {2000, 3, 1, 11017},
        {2026, 1, 1, 20454},
        {1, 1, 1, CAL_DATE_MIN},
        {9999, 12, 31, CAL_DATE_MAX},
        {1600, 3, 1, -135080},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int y, m, d;
        assert_int_equal(cal_from_ymd(cases[i].y, cases[i].m, cases[i].d), cases[i].date);
        cal_to_ymd(cases[i].date, &y, &m, &d);
        assert_int_equal(y, cases[i].y);
        assert_int_equal(m, cases[i].m);
        assert_int_equal(d, cases[i].d);
    }
}

/* Every day of 0001..9999 (and a little beyond) converts both ways, and the
 * day after each day is the next calendar day. */
static void test_round_trip_all_days(void **state)
{
    (void)state;
    int py, pm, pd;
    cal_to_ymd(CAL_DATE_MIN - 1000, &py, &pm, &pd);
    for (int32_t date = CAL_DATE_MIN - 999; date <= CAL_DATE_MAX + 1000; date++) {
        int y, m, d;
        cal_to_ymd(date, &y, &m, &d);
        if (cal_from_ymd(y, m, d) != date)
            fail_msg("round trip of %d gave %d-%d-%d", (int)date, y, m, d);
        bool next = (y == py && m == pm && d == pd + 1) ||
                    (y == py && m == pm + 1 && d == 1 && pd == cal_days_in_month(py, pm)) ||
                    (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31);
        if (!next)
            fail_msg("%d-%d-%d does not follow %d-%d-%d", y, m, d, py, pm, pd);
        py = y, pm = m, pd = d;
    }
}

static void test_weekday(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int weekday;
    } cases[] = {
        {"1970-01-01", 4}, /* Thursday */
        {"2000-02-29", 2}, /* Tuesday */
        {"2026-01-01", 4}, {"2025-12-29", 1}, {"2026-02-14", 6}, {"2026-02-15", 7},
        {"2021-01-03", 7}, {"0001-01-01", 1}, {"9999-12-31", 5}, {"1969-12-31", 3},
        {"1900-01-01", 1}, {"2024-02-29", 4},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        if (cal_weekday(D(cases[i].date)) != cases[i].weekday)
            fail_msg("weekday of %s should be %d", cases[i].date, cases[i].weekday);
    }
}

/*
 * ISO week-years 2014..2028 derived by hand from the weekday of January 1:
 * week 1 is the week with the year's first Thursday; a year has 53 weeks when
 * January 1 is a Thursday, or a Wednesday in a leap year (2015 Thu, 2020 Wed
 * leap, 2026 Thu). jan1/dec31 give the ISO week of those calendar days.
 */
static const struct {
    int year;
    const char *week1;
    int weeks;
    int jan1_year, jan1_week, dec31_year, dec31_week;
} iso_years[] = {
    {2014, "2013-12-30", 52, 2014, 1, 2015, 1},   {2015, "2014-12-29", 53, 2015, 1, 2015, 53},
    {2016, "2016-01-04", 52, 2015, 53, 2016, 52}, {2017, "2017-01-02", 52, 2016, 52, 2017, 52},
    {2018, "2018-01-01", 52, 2018, 1, 2019, 1},   {2019, "2018-12-31", 52, 2019, 1, 2020, 1},
    {2020, "2019-12-30", 53, 2020, 1, 2020, 53},  {2021, "2021-01-04", 52, 2020, 53, 2021, 52},
    {2022, "2022-01-03", 52, 2021, 52, 2022, 52}, {2023, "2023-01-02", 52, 2022, 52, 2023, 52},
    {2024, "2024-01-01", 52, 2024, 1, 2025, 1},   {2025, "2024-12-30", 52, 2025, 1, 2026, 1},
    {2026, "2025-12-29", 53, 2026, 1, 2026, 53},  {2027, "2027-01-04", 52, 2026, 53, 2027, 52},
    {2028, "2028-01-03", 52, 2027, 52, 2028, 52},
};

static void test_iso_week_year_edges(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(iso_years); i++) {
        int y = iso_years[i].year, iy, w;
        int32_t w1 = D(iso_years[i].week1);
        assert_int_equal(cal_iso_week_start(y, 1), w1);
        assert_int_equal(cal_iso_weeks_in_year(y), iso_years[i].weeks);
        cal_iso_week(w1, &iy, &w); /* the Monday of week 1 */
        assert_int_equal(iy, y);
        assert_int_equal(w, 1);
        cal_iso_week(w1 + 6, &iy, &w); /* its Sunday */
        assert_int_equal(iy, y);
        assert_int_equal(w, 1);
        cal_iso_week(w1 - 1, &iy, &w); /* the Sunday before: last week of y - 1 */
        assert_int_equal(iy, y - 1);
        assert_int_equal(w, cal_iso_weeks_in_year(y - 1));
        cal_iso_week(cal_from_ymd(y, 1, 1), &iy, &w);
        assert_int_equal(iy, iso_years[i].jan1_year);
        assert_int_equal(w, iso_years[i].jan1_week);
        cal_iso_week(cal_from_ymd(y, 12, 31), &iy, &w);
        assert_int_equal(iy, iso_years[i].dec31_year);
        assert_int_equal(w, iso_years[i].dec31_week);
        /* The last week ends the day before the next year's week 1. */
        int32_t last = cal_iso_week_start(y, iso_years[i].weeks);
        if (i + 1 < N_ITEMS(iso_years))
            assert_int_equal(last + 7, D(iso_years[i + 1].week1));
    }
}

static void test_iso_week_known_days(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int year, week;
    } cases[] = {
        {"2021-01-03", 2020, 53}, {"2021-01-04", 2021, 1},  {"2026-01-01", 2026, 1},
        {"2025-12-29", 2026, 1},  {"2025-12-28", 2025, 52}, {"2027-01-03", 2026, 53},
        {"2026-07-15", 2026, 29}, {"2016-01-03", 2015, 53}, {"2010-01-03", 2009, 53},
        {"2008-12-29", 2009, 1},  {"2005-01-02", 2004, 53}, {"0001-01-01", 1, 1},
        {"9999-12-31", 9999, 52}, {"2024-12-30", 2025, 1},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int y, w;
        cal_iso_week(D(cases[i].date), &y, &w);
        if (y != cases[i].year || w != cases[i].week)
            fail_msg("%s is in %d-W%02d, not %d-W%02d", cases[i].date, y, w, cases[i].year,
                     cases[i].week);
    }
}

/* For every day 1800..2200: the day lies in the week that starts on its ISO
 * week's Monday, and that week exists in its week-year. */
static void test_iso_week_consistent(void **state)
{
    (void)state;
    for (int32_t date = D("1800-01-01"); date <= D("2200-12-31"); date++) {
        int y, w;
        cal_iso_week(date, &y, &w);
        assert_true(w >= 1 && w <= cal_iso_weeks_in_year(y));
        int32_t monday = cal_iso_week_start(y, w);
        assert_true(monday <= date && date < monday + 7);
        assert_int_equal(cal_weekday(monday), 1);
    }
}

static void test_format_and_parse(void **state)
{
    (void)state;
    static const char *const good[] = {"1970-01-01", "2024-02-29", "2000-02-29", "0001-01-01",
                                       "9999-12-31", "2026-07-15", "2026-12-31"};
    for (size_t i = 0; i < N_ITEMS(good); i++) {
        char out[CAL_DATE_LEN];
        int32_t d = D(good[i]);
        assert_string_equal(cal_format(d, out), good[i]);
    }
    static const char *const bad[] = {
        "",           "2026-02-29",  "1900-02-29",  "2026-2-01",  "20260101",   "2026-01-01x",
        "0000-01-01", "10000-01-01", " 2026-01-01", "2026-13-01", "2026-00-10", "2026-01-00",
        "+026-01-01", "2026-01-1 ",  "2026/01/01",  "2026-04-31", "abcd-ef-gh",
    };
    for (size_t i = 0; i < N_ITEMS(bad); i++) {
        int32_t d = 12345;
        if (cal_parse_iso(bad[i], &d))
            fail_msg("cal_parse_iso accepted \"%s\"", bad[i]);
        assert_int_equal(d, 12345); /* untouched */
    }
    assert_false(cal_parse_iso(NULL, &(int32_t){0}));
}

static void test_add_months(void **state)
{
    (void)state;
    static const struct {
        const char *from;
        int months;
        const char *to;
    } cases[] = {
        {"2026-01-31", 1, "2026-02-28"},   {"2024-01-31", 1, "2024-02-29"},
        {"2026-03-31", -1, "2026-02-28"},  {"2026-12-15", 1, "2027-01-15"},
        {"2026-01-15", -13, "2024-12-15"}, {"2026-07-15", 0, "2026-07-15"},
        {"2024-02-29", -12, "2023-02-28"}, {"2024-02-29", 48, "2028-02-29"},
        {"2026-05-31", 1, "2026-06-30"},   {"2026-01-01", -1, "2025-12-01"},
        {"2026-08-31", 6, "2027-02-28"},   {"2026-10-31", -120, "2016-10-31"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[CAL_DATE_LEN];
        cal_format(cal_add_months(D(cases[i].from), cases[i].months), out);
        if (strcmp(out, cases[i].to) != 0)
            fail_msg("%s %+d months gave %s, not %s", cases[i].from, cases[i].months, out,
                     cases[i].to);
    }
}

/* The 2026 Spring Festival as in data/holidays/cn.csv: 2026-02-15..2026-02-23
 * off, make-up working Saturdays 2026-02-14 and 2026-02-28. Listed unsorted,
 * with one stale duplicate, to exercise cal_holidays_sort. */
static struct cal_holidays *spring_festival(void)
{
    static struct cal_special_day days[16];
    static struct cal_holidays h;
    static const char *const off[] = {"2026-02-23", "2026-02-15", "2026-02-16",
                                      "2026-02-17", "2026-02-18", "2026-02-19",
                                      "2026-02-20", "2026-02-21", "2026-02-22"};
    size_t n = 0;
    days[n++] = (struct cal_special_day){D("2026-02-28"), CAL_WORKDAY};
    days[n++] = (struct cal_special_day){D("2026-02-14"), CAL_HOLIDAY}; /* overridden below */
    for (size_t i = 0; i < N_ITEMS(off); i++)
        days[n++] = (struct cal_special_day){D(off[i]), CAL_HOLIDAY};
    days[n++] = (struct cal_special_day){D("2026-02-14"), CAL_WORKDAY};
    h.days = days;
    h.n_days = n;
    cal_holidays_sort(&h);
    return &h;
}

static void test_holidays_sort(void **state)
{
    (void)state;
    struct cal_holidays *h = spring_festival();
    assert_int_equal(h->n_days, 11); /* 12 entries, one duplicate date */
    for (size_t i = 1; i < h->n_days; i++)
        assert_true(h->days[i - 1].date < h->days[i].date);
    assert_int_equal(h->days[0].date, D("2026-02-14"));
    assert_int_equal(h->days[0].kind, CAL_WORKDAY); /* the later entry won */
    assert_int_equal(h->days[10].date, D("2026-02-28"));
    struct cal_holidays empty = {NULL, 0};
    cal_holidays_sort(&empty);
    cal_holidays_sort(NULL);
}

static void test_is_working_day(void **state)
{
    (void)state;
    struct cal_holidays *h = spring_festival();
    static const struct {
        const char *date;
        bool with_holidays, weekends_only;
    } cases[] = {
        {"2026-02-13", true, true},   /* Friday */
        {"2026-02-14", true, false},  /* Saturday, make-up day */
        {"2026-02-15", false, false}, /* Sunday, holiday */
        {"2026-02-16", false, true},  /* Monday, holiday */
        {"2026-02-21", false, false}, /* Saturday, holiday */
        {"2026-02-23", false, true},  /* Monday, last holiday */
        {"2026-02-24", true, true},   /* Tuesday */
        {"2026-02-28", true, false},  /* Saturday, make-up day */
        {"2026-03-01", false, false}, /* Sunday */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int32_t d = D(cases[i].date);
        if (cal_is_working_day(h, d) != cases[i].with_holidays ||
            cal_is_working_day(NULL, d) != cases[i].weekends_only)
            fail_msg("cal_is_working_day(%s) wrong", cases[i].date);
    }
}

/*
 * February 2026 by hand: Feb 1 is a Sunday and the month has exactly four
 * weeks, so 20 weekdays; the holidays fall on 6 of them (Feb 16-20, Feb 23):
 * 14; plus the two make-up Saturdays: 16 working days.
 */
static void test_working_days(void **state)
{
    (void)state;
    struct cal_holidays *h = spring_festival();
    static const struct {
        const char *start, *end;
        int64_t with_holidays, weekends_only;
    } cases[] = {
        {"2026-02-01", "2026-02-28", 16, 20},
        {"2026-02-15", "2026-02-23", 0, 6},
        {"2026-02-14", "2026-02-14", 1, 0},
        {"2026-02-14", "2026-02-15", 1, 0},
        {"2026-02-16", "2026-02-16", 0, 1},
        {"2026-02-24", "2026-02-28", 5, 4},
        {"2026-01-01", "2026-01-31", 22, 22},
        {"2026-01-01", "2026-12-31", 261 - 6 + 2, 261},
        {"2026-01-01", "2026-03-31", 64 - 6 + 2, 64},
        {"2026-02-28", "2026-02-01", 0, 0}, /* end before start */
        {"2026-03-02", "2026-03-08", 5, 5},
        {"2026-03-07", "2026-03-08", 0, 0},
        /* 3652059 days = 521722 weeks + Mon..Fri from Monday 0001-01-01 */
        {"0001-01-01", "9999-12-31", 2608615 - 6 + 2, 2608615},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int32_t a = D(cases[i].start), b = D(cases[i].end);
        int64_t got = cal_working_days(h, a, b), plain = cal_working_days(NULL, a, b);
        if (got != cases[i].with_holidays || plain != cases[i].weekends_only)
            fail_msg("working days %s..%s: %lld and %lld, expected %lld and %lld", cases[i].start,
                     cases[i].end, (long long)got, (long long)plain,
                     (long long)cases[i].with_holidays, (long long)cases[i].weekends_only);
    }
}

/* The formula against a day-by-day count, for many ranges and a random set
 * of special days (holidays and make-up days on any weekday). */
static void test_working_days_brute_force(void **state)
{
    (void)state;
    enum { N_SPECIAL = 200 };
    struct cal_special_day days[N_SPECIAL];
    int32_t base = D("2025-06-01");
    srand(42);
    for (int i = 0; i < N_SPECIAL; i++)
        days[i] =
            (struct cal_special_day){base + rand() % 500, rand() % 2 ? CAL_HOLIDAY : CAL_WORKDAY};
    struct cal_holidays h = {days, N_SPECIAL};
    cal_holidays_sort(&h);
    for (int i = 0; i < 3000; i++) {
        int32_t a = base - 30 + rand() % 560, b = a - 3 + rand() % 200;
        int64_t expect = 0;
        for (int32_t d = a; d <= b; d++)
            expect += cal_is_working_day(&h, d);
        if (cal_working_days(&h, a, b) != expect)
            fail_msg("range %d..%d: %lld, day by day %lld", (int)a, (int)b,
                     (long long)cal_working_days(&h, a, b), (long long)expect);
    }
    /* Weekends only, over ranges starting on every weekday, across the epoch. */
    for (int32_t a = -20; a < 20; a++)
        for (int32_t b = a - 1; b < a + 30; b++) {
            int64_t expect = 0;
            for (int32_t d = a; d <= b; d++)
                expect += cal_weekday(d) <= 5;
            assert_int_equal(cal_working_days(NULL, a, b), expect);
        }
}

static void test_today(void **state)
{
    (void)state;
    int32_t t = cal_today();
    assert_true(t >= D("2024-01-01") && t <= CAL_DATE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_valid_ymd),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_round_trip_all_days),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_iso_week_year_edges),
        cmocka_unit_test(test_iso_week_known_days),
        cmocka_unit_test(test_iso_week_consistent),
        cmocka_unit_test(test_format_and_parse),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_holidays_sort),
        cmocka_unit_test(test_is_working_day),
        cmocka_unit_test(test_working_days),
        cmocka_unit_test(test_working_days_brute_force),
        cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
