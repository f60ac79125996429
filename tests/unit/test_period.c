/*
 * test_period.c — unit tests of domain/period: every spelling period_parse
 * reads (canonical, variants, English and Chinese relative forms at year
 * edges, Chinese absolute forms, fiscal years starting in January, April,
 * July, October and December), the inputs it must refuse and their messages,
 * canonical formatting, previous / last-year periods and containing periods.
 * Expected dates are worked out by hand in the tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/period.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Day number of an ISO date written in a table; the test fails on a typo. */
static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

/* One successful reading: EXPR as of AS_OF with fiscal start FSM gives a
 * period of KIND from START to END whose canonical spelling is TEXT. */
struct reading {
    const char *expr;
    const char *as_of;
    int fsm;
    enum period_kind kind;
    const char *start, *end, *text;
};

static void check_readings(const struct reading *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct reading *r = &cases[i];
        struct period p;
        struct at_err err = {AT_OK, ""};
        enum at_status st = period_parse(r->expr, D(r->as_of), r->fsm, &p, &err);
        if (st != AT_OK)
            fail_msg("\"%s\" as of %s: %s", r->expr, r->as_of, err.msg);
        char text[PERIOD_TEXT_MAX], a[CAL_DATE_LEN], b[CAL_DATE_LEN];
        period_format(&p, text);
        cal_format(p.start, a);
        cal_format(p.end, b);
        if (p.kind != r->kind || strcmp(a, r->start) != 0 || strcmp(b, r->end) != 0 ||
            strcmp(text, r->text) != 0)
            fail_msg("\"%s\" as of %s (fy %d): got %s %s..%s kind %d, expected %s %s..%s kind %d",
                     r->expr, r->as_of, r->fsm, text, a, b, (int)p.kind, r->text, r->start, r->end,
                     (int)r->kind);
        assert_int_equal(p.fiscal_start_month, r->fsm);
    }
}

#define ANY "2026-07-15" /* as_of for forms that do not depend on it */

static void test_parse_canonical(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"2026", ANY, 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        {"2026-H1", ANY, 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"2026-H2", ANY, 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"2026-Q1", ANY, 1, PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1"},
        {"2026-Q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026-Q4", ANY, 1, PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4"},
        {"2026-07", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2024-02", ANY, 1, PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02"},
        {"2026-02", ANY, 1, PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026-02"},
        {"1900-02", ANY, 1, PERIOD_MONTH, "1900-02-01", "1900-02-28", "1900-02"},
        {"2026-W01", ANY, 1, PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01"},
        {"2026-W05", ANY, 1, PERIOD_WEEK, "2026-01-26", "2026-02-01", "2026-W05"},
        {"2026-W27", ANY, 1, PERIOD_WEEK, "2026-06-29", "2026-07-05", "2026-W27"},
        {"2026-W53", ANY, 1, PERIOD_WEEK, "2026-12-28", "2027-01-03", "2026-W53"},
        {"2020-W53", ANY, 1, PERIOD_WEEK, "2020-12-28", "2021-01-03", "2020-W53"},
        {"2015-W53", ANY, 1, PERIOD_WEEK, "2015-12-28", "2016-01-03", "2015-W53"},
        {"2026-07-15", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"2024-02-29", ANY, 1, PERIOD_DAY, "2024-02-29", "2024-02-29", "2024-02-29"},
        {"2026-07-01..2026-09-30", ANY, 1, PERIOD_RANGE, "2026-07-01", "2026-09-30",
         "2026-07-01..2026-09-30"},
        {"2026-07-01..2026-07-01", ANY, 1, PERIOD_RANGE, "2026-07-01", "2026-07-01",
         "2026-07-01..2026-07-01"},
        {"0001", ANY, 1, PERIOD_YEAR, "0001-01-01", "0001-12-31", "0001"},
        {"9999-12", ANY, 1, PERIOD_MONTH, "9999-12-01", "9999-12-31", "9999-12"},
        {"9999-W51", ANY, 1, PERIOD_WEEK, "9999-12-20", "9999-12-26", "9999-W51"},
        /* Calendar spellings stay calendar whatever the fiscal year. */
        {"2026-Q3", ANY, 4, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026", ANY, 7, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
    };
    check_readings(cases, N_ITEMS(cases));
}

static void test_parse_variants(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"Q3 2026", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"q3 2026", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"Q3-2026", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026Q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026 Q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026-q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"H2 2026", ANY, 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"2026H1", ANY, 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"W27 2026", ANY, 1, PERIOD_WEEK, "2026-06-29", "2026-07-05", "2026-W27"},
        {"2026W27", ANY, 1, PERIOD_WEEK, "2026-06-29", "2026-07-05", "2026-W27"},
        {"2026-w5", ANY, 1, PERIOD_WEEK, "2026-01-26", "2026-02-01", "2026-W05"},
        {"  2026-Q3  ", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"\t2026-07\n", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2026-7", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2026/07", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2026/7/5", ANY, 1, PERIOD_DAY, "2026-07-05", "2026-07-05", "2026-07-05"},
        {"2026-7-5", ANY, 1, PERIOD_DAY, "2026-07-05", "2026-07-05", "2026-07-05"},
        {"2026-07-01 .. 2026-09-30", ANY, 1, PERIOD_RANGE, "2026-07-01", "2026-09-30",
         "2026-07-01..2026-09-30"},
        {"\xe3\x80\x80"
         "2026-Q3\xe3\x80\x80",
         ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30",
         "2026-Q3"}, /* ideographic spaces around */
        {"２０２６－Ｑ３", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"２０２６－０７－１５", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
    };
    check_readings(cases, N_ITEMS(cases));
}

/* Relative English forms; as of 2026-07-15 (a Wednesday in 2026-W29), and at
 * year edges: 2026-01-01 (Thursday, in 2026-W01 which began 2025-12-29),
 * 2025-12-31, 2021-01-03 (Sunday, last day of 2020-W53), 2024-02-29. */
static void test_parse_relative_en(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"today", "2026-07-15", 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"yesterday", "2026-07-15", 1, PERIOD_DAY, "2026-07-14", "2026-07-14", "2026-07-14"},
        {"tomorrow", "2026-07-15", 1, PERIOD_DAY, "2026-07-16", "2026-07-16", "2026-07-16"},
        {"this-week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"last-week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-06", "2026-07-12", "2026-W28"},
        {"next-week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-20", "2026-07-26", "2026-W30"},
        {"this-month", "2026-07-15", 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"last-month", "2026-07-15", 1, PERIOD_MONTH, "2026-06-01", "2026-06-30", "2026-06"},
        {"next-month", "2026-07-15", 1, PERIOD_MONTH, "2026-08-01", "2026-08-31", "2026-08"},
        {"this-quarter", "2026-07-15", 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"last-quarter", "2026-07-15", 1, PERIOD_QUARTER, "2026-04-01", "2026-06-30", "2026-Q2"},
        {"next-quarter", "2026-07-15", 1, PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4"},
        {"this-half", "2026-07-15", 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"last-half", "2026-07-15", 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"next-half", "2026-07-15", 1, PERIOD_HALF, "2027-01-01", "2027-06-30", "2027-H1"},
        {"this-year", "2026-07-15", 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        {"last-year", "2026-07-15", 1, PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025"},
        {"next-year", "2026-07-15", 1, PERIOD_YEAR, "2027-01-01", "2027-12-31", "2027"},
        {"ytd", "2026-07-15", 1, PERIOD_RANGE, "2026-01-01", "2026-07-15",
         "2026-01-01..2026-07-15"},
        {"qtd", "2026-07-15", 1, PERIOD_RANGE, "2026-07-01", "2026-07-15",
         "2026-07-01..2026-07-15"},
        {"mtd", "2026-07-15", 1, PERIOD_RANGE, "2026-07-01", "2026-07-15",
         "2026-07-01..2026-07-15"},
        {"wtd", "2026-07-15", 1, PERIOD_RANGE, "2026-07-13", "2026-07-15",
         "2026-07-13..2026-07-15"},
        {"YTD", "2026-08-20", 1, PERIOD_RANGE, "2026-01-01", "2026-08-20",
         "2026-01-01..2026-08-20"},
        {"year to date", "2026-07-15", 1, PERIOD_RANGE, "2026-01-01", "2026-07-15",
         "2026-01-01..2026-07-15"},
        /* spellings */
        {"this week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"this_week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"This Week", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"THIS-WEEK", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"  last   month ", "2026-07-15", 1, PERIOD_MONTH, "2026-06-01", "2026-06-30", "2026-06"},
        {"previous quarter", "2026-07-15", 1, PERIOD_QUARTER, "2026-04-01", "2026-06-30",
         "2026-Q2"},
        {"current_year", "2026-07-15", 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        /* as of 2026-01-01 */
        {"last-week", "2026-01-01", 1, PERIOD_WEEK, "2025-12-22", "2025-12-28", "2025-W52"},
        {"this-week", "2026-01-01", 1, PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01"},
        {"next-week", "2026-01-01", 1, PERIOD_WEEK, "2026-01-05", "2026-01-11", "2026-W02"},
        {"yesterday", "2026-01-01", 1, PERIOD_DAY, "2025-12-31", "2025-12-31", "2025-12-31"},
        {"last-month", "2026-01-01", 1, PERIOD_MONTH, "2025-12-01", "2025-12-31", "2025-12"},
        {"last-quarter", "2026-01-01", 1, PERIOD_QUARTER, "2025-10-01", "2025-12-31", "2025-Q4"},
        {"last-half", "2026-01-01", 1, PERIOD_HALF, "2025-07-01", "2025-12-31", "2025-H2"},
        {"last-year", "2026-01-01", 1, PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025"},
        {"ytd", "2026-01-01", 1, PERIOD_RANGE, "2026-01-01", "2026-01-01",
         "2026-01-01..2026-01-01"},
        {"qtd", "2026-01-01", 1, PERIOD_RANGE, "2026-01-01", "2026-01-01",
         "2026-01-01..2026-01-01"},
        {"mtd", "2026-01-01", 1, PERIOD_RANGE, "2026-01-01", "2026-01-01",
         "2026-01-01..2026-01-01"},
        /* as of 2025-12-31 */
        {"this-week", "2025-12-31", 1, PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01"},
        {"tomorrow", "2025-12-31", 1, PERIOD_DAY, "2026-01-01", "2026-01-01", "2026-01-01"},
        {"next-month", "2025-12-31", 1, PERIOD_MONTH, "2026-01-01", "2026-01-31", "2026-01"},
        {"next-quarter", "2025-12-31", 1, PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1"},
        {"next-half", "2025-12-31", 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"next-year", "2025-12-31", 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        /* as of 2021-01-03, the Sunday ending 2020-W53 */
        {"this-week", "2021-01-03", 1, PERIOD_WEEK, "2020-12-28", "2021-01-03", "2020-W53"},
        {"last-week", "2021-01-03", 1, PERIOD_WEEK, "2020-12-21", "2020-12-27", "2020-W52"},
        {"next-week", "2021-01-03", 1, PERIOD_WEEK, "2021-01-04", "2021-01-10", "2021-W01"},
        {"this-year", "2021-01-03", 1, PERIOD_YEAR, "2021-01-01", "2021-12-31", "2021"},
        /* month ends and leap days: the shift clamps, the month is right */
        {"last-month", "2026-03-31", 1, PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026-02"},
        {"next-month", "2026-01-31", 1, PERIOD_MONTH, "2026-02-01", "2026-02-28", "2026-02"},
        {"last-quarter", "2026-05-31", 1, PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1"},
        {"yesterday", "2024-03-01", 1, PERIOD_DAY, "2024-02-29", "2024-02-29", "2024-02-29"},
        {"last-year", "2024-02-29", 1, PERIOD_YEAR, "2023-01-01", "2023-12-31", "2023"},
        {"last-month", "2024-03-31", 1, PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02"},
    };
    check_readings(cases, N_ITEMS(cases));
}

static void test_parse_relative_zh(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"今天", "2026-07-15", 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"昨天", "2026-07-15", 1, PERIOD_DAY, "2026-07-14", "2026-07-14", "2026-07-14"},
        {"明天", "2026-07-15", 1, PERIOD_DAY, "2026-07-16", "2026-07-16", "2026-07-16"},
        {"本周", "2026-07-15", 1, PERIOD_WEEK, "2026-07-13", "2026-07-19", "2026-W29"},
        {"上周", "2026-07-15", 1, PERIOD_WEEK, "2026-07-06", "2026-07-12", "2026-W28"},
        {"下周", "2026-07-15", 1, PERIOD_WEEK, "2026-07-20", "2026-07-26", "2026-W30"},
        {"本月", "2026-07-15", 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"上月", "2026-07-15", 1, PERIOD_MONTH, "2026-06-01", "2026-06-30", "2026-06"},
        {"上个月", "2026-07-15", 1, PERIOD_MONTH, "2026-06-01", "2026-06-30", "2026-06"},
        {"下月", "2026-07-15", 1, PERIOD_MONTH, "2026-08-01", "2026-08-31", "2026-08"},
        {"本季度", "2026-07-15", 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"上季度", "2026-07-15", 1, PERIOD_QUARTER, "2026-04-01", "2026-06-30", "2026-Q2"},
        {"下季度", "2026-07-15", 1, PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4"},
        {"今年", "2026-07-15", 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        {"去年", "2026-07-15", 1, PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025"},
        {"明年", "2026-07-15", 1, PERIOD_YEAR, "2027-01-01", "2027-12-31", "2027"},
        {"上半年", "2026-07-15", 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"下半年", "2026-07-15", 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"年初至今", "2026-07-15", 1, PERIOD_RANGE, "2026-01-01", "2026-07-15",
         "2026-01-01..2026-07-15"},
        {" 本季度 ", "2026-07-15", 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"\xe3\x80\x80上月\xe3\x80\x80", "2026-07-15", 1, PERIOD_MONTH, "2026-06-01", "2026-06-30",
         "2026-06"},
        /* as of 2026-01-01 */
        {"上周", "2026-01-01", 1, PERIOD_WEEK, "2025-12-22", "2025-12-28", "2025-W52"},
        {"本周", "2026-01-01", 1, PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01"},
        {"上月", "2026-01-01", 1, PERIOD_MONTH, "2025-12-01", "2025-12-31", "2025-12"},
        {"上季度", "2026-01-01", 1, PERIOD_QUARTER, "2025-10-01", "2025-12-31", "2025-Q4"},
        {"去年", "2026-01-01", 1, PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025"},
        {"下半年", "2026-01-01", 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"昨天", "2026-01-01", 1, PERIOD_DAY, "2025-12-31", "2025-12-31", "2025-12-31"},
        /* as of 2025-12-31 */
        {"下周", "2025-12-31", 1, PERIOD_WEEK, "2026-01-05", "2026-01-11", "2026-W02"},
        {"下季度", "2025-12-31", 1, PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1"},
        {"明年", "2025-12-31", 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
    };
    check_readings(cases, N_ITEMS(cases));
}

static void test_parse_zh_absolute(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"2026年", ANY, 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        {"2026年度", ANY, 1, PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026"},
        {"2026年上半年", ANY, 1, PERIOD_HALF, "2026-01-01", "2026-06-30", "2026-H1"},
        {"2026年下半年", ANY, 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"2026年H2", ANY, 1, PERIOD_HALF, "2026-07-01", "2026-12-31", "2026-H2"},
        {"2026年第3季度", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026年Q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026年q3", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026年3季度", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026年第三季度", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
        {"2026年一季度", ANY, 1, PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026-Q1"},
        {"2026年第4季", ANY, 1, PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026-Q4"},
        {"2026年7月", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2026年07月", ANY, 1, PERIOD_MONTH, "2026-07-01", "2026-07-31", "2026-07"},
        {"2024年2月", ANY, 1, PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02"},
        {"2026年第27周", ANY, 1, PERIOD_WEEK, "2026-06-29", "2026-07-05", "2026-W27"},
        {"2026年第1周", ANY, 1, PERIOD_WEEK, "2025-12-29", "2026-01-04", "2026-W01"},
        {"2020年第53周", ANY, 1, PERIOD_WEEK, "2020-12-28", "2021-01-03", "2020-W53"},
        {"2026年7月15日", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"2026年7月15号", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"2024年2月29日", ANY, 1, PERIOD_DAY, "2024-02-29", "2024-02-29", "2024-02-29"},
        {"2026 年 7 月 15 日", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"２０２６年７月１５日", ANY, 1, PERIOD_DAY, "2026-07-15", "2026-07-15", "2026-07-15"},
        {"２０２６年第３季度", ANY, 1, PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026-Q3"},
    };
    check_readings(cases, N_ITEMS(cases));
}

/* Fiscal years are named by the calendar year they end in. */
static void test_parse_fiscal(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        /* starting in January: the calendar year */
        {"FY2026", ANY, 1, PERIOD_FISCAL_YEAR, "2026-01-01", "2026-12-31", "FY2026"},
        {"FY2026-Q1", ANY, 1, PERIOD_FISCAL_QUARTER, "2026-01-01", "2026-03-31", "FY2026-Q1"},
        {"FY2026-H2", ANY, 1, PERIOD_FISCAL_HALF, "2026-07-01", "2026-12-31", "FY2026-H2"},
        /* April (Japan, India, UK-style) */
        {"FY2026", ANY, 4, PERIOD_FISCAL_YEAR, "2025-04-01", "2026-03-31", "FY2026"},
        {"FY2026-Q1", ANY, 4, PERIOD_FISCAL_QUARTER, "2025-04-01", "2025-06-30", "FY2026-Q1"},
        {"FY2026-Q4", ANY, 4, PERIOD_FISCAL_QUARTER, "2026-01-01", "2026-03-31", "FY2026-Q4"},
        {"FY2026-H1", ANY, 4, PERIOD_FISCAL_HALF, "2025-04-01", "2025-09-30", "FY2026-H1"},
        {"FY2026-H2", ANY, 4, PERIOD_FISCAL_HALF, "2025-10-01", "2026-03-31", "FY2026-H2"},
        {"FY2024", ANY, 4, PERIOD_FISCAL_YEAR, "2023-04-01", "2024-03-31", "FY2024"},
        {"fy2026q2", ANY, 4, PERIOD_FISCAL_QUARTER, "2025-07-01", "2025-09-30", "FY2026-Q2"},
        {"FY 2026 Q3", ANY, 4, PERIOD_FISCAL_QUARTER, "2025-10-01", "2025-12-31", "FY2026-Q3"},
        {"2026财年", ANY, 4, PERIOD_FISCAL_YEAR, "2025-04-01", "2026-03-31", "FY2026"},
        {"2026财年第1季度", ANY, 4, PERIOD_FISCAL_QUARTER, "2025-04-01", "2025-06-30", "FY2026-Q1"},
        {"2026财年Q4", ANY, 4, PERIOD_FISCAL_QUARTER, "2026-01-01", "2026-03-31", "FY2026-Q4"},
        {"2026财年下半年", ANY, 4, PERIOD_FISCAL_HALF, "2025-10-01", "2026-03-31", "FY2026-H2"},
        /* July (Australia) */
        {"FY2026", ANY, 7, PERIOD_FISCAL_YEAR, "2025-07-01", "2026-06-30", "FY2026"},
        {"FY2026-Q3", ANY, 7, PERIOD_FISCAL_QUARTER, "2026-01-01", "2026-03-31", "FY2026-Q3"},
        {"FY2026-H1", ANY, 7, PERIOD_FISCAL_HALF, "2025-07-01", "2025-12-31", "FY2026-H1"},
        /* October (US federal) */
        {"FY2026", ANY, 10, PERIOD_FISCAL_YEAR, "2025-10-01", "2026-09-30", "FY2026"},
        {"FY2026-Q1", ANY, 10, PERIOD_FISCAL_QUARTER, "2025-10-01", "2025-12-31", "FY2026-Q1"},
        {"FY2026-Q4", ANY, 10, PERIOD_FISCAL_QUARTER, "2026-07-01", "2026-09-30", "FY2026-Q4"},
        {"FY2026-H2", ANY, 10, PERIOD_FISCAL_HALF, "2026-04-01", "2026-09-30", "FY2026-H2"},
        /* December */
        {"FY2026", ANY, 12, PERIOD_FISCAL_YEAR, "2025-12-01", "2026-11-30", "FY2026"},
        {"FY2026-Q1", ANY, 12, PERIOD_FISCAL_QUARTER, "2025-12-01", "2026-02-28", "FY2026-Q1"},
        /* relative fiscal forms */
        {"this-fiscal-year", "2026-07-15", 4, PERIOD_FISCAL_YEAR, "2026-04-01", "2027-03-31",
         "FY2027"},
        {"this fy", "2026-03-31", 4, PERIOD_FISCAL_YEAR, "2025-04-01", "2026-03-31", "FY2026"},
        {"last-fiscal-year", "2026-07-15", 4, PERIOD_FISCAL_YEAR, "2025-04-01", "2026-03-31",
         "FY2026"},
        {"this-fiscal-quarter", "2026-07-15", 4, PERIOD_FISCAL_QUARTER, "2026-07-01", "2026-09-30",
         "FY2027-Q2"},
        {"last-fiscal-quarter", "2026-04-01", 4, PERIOD_FISCAL_QUARTER, "2026-01-01", "2026-03-31",
         "FY2026-Q4"},
        {"next-fiscal-half", "2026-07-15", 4, PERIOD_FISCAL_HALF, "2026-10-01", "2027-03-31",
         "FY2027-H2"},
        {"fytd", "2026-07-15", 4, PERIOD_RANGE, "2026-04-01", "2026-07-15",
         "2026-04-01..2026-07-15"},
        {"fytd", "2026-03-31", 4, PERIOD_RANGE, "2025-04-01", "2026-03-31",
         "2025-04-01..2026-03-31"},
        {"本财年", "2026-07-01", 7, PERIOD_FISCAL_YEAR, "2026-07-01", "2027-06-30", "FY2027"},
        {"本财年", "2026-06-30", 7, PERIOD_FISCAL_YEAR, "2025-07-01", "2026-06-30", "FY2026"},
        {"上财年", "2026-07-15", 10, PERIOD_FISCAL_YEAR, "2024-10-01", "2025-09-30", "FY2025"},
    };
    check_readings(cases, N_ITEMS(cases));
}

/* Inputs that must be refused, and a piece of the message each must give. */
static void test_parse_refused(void **state)
{
    (void)state;
    static const struct {
        const char *expr;
        int fsm;
        const char *says;
    } cases[] = {
        {"2026-Q5", 1, "quarter must be 1-4"},
        {"2026-Q0", 1, "quarter must be 1-4"},
        {"2026-Q12", 1, "quarter must be 1-4"},
        {"Q5 2026", 1, "quarter must be 1-4"},
        {"2026-H3", 1, "half must be 1-2"},
        {"2026-13", 1, "month must be 1-12"},
        {"2026-00", 1, "month must be 1-12"},
        {"2026-007", 1, "month must be 1-12"},
        {"2026-W54", 1, "week must be 1-53"},
        {"2026-W00", 1, "week must be 1-53"},
        {"2025-W53", 1, "2025 has only 52 ISO weeks"},
        {"2021-W53", 1, "2021 has only 52 ISO weeks"},
        {"2026-02-30", 1, "day must be 1-28 in 2026-02"},
        {"2025-02-29", 1, "day must be 1-28 in 2025-02"},
        {"1900-02-29", 1, "day must be 1-28 in 1900-02"},
        {"2026-04-31", 1, "day must be 1-30 in 2026-04"},
        {"2026-07-32", 1, "day must be 1-31"},
        {"next decade", 1, "unknown unit \"decade\" after \"next\""},
        {"this fortnight", 1, "unknown unit \"fortnight\""},
        {"", 1, "nothing to read"},
        {"   ", 1, "nothing to read"},
        {"2026-07-01..2026-06-01", 1, "range end 2026-06-01 is before its start 2026-07-01"},
        {"2026-07-01..2026-07-32", 1, "range end \"2026-07-32\" is not a date"},
        {"..2026-07-01", 1, "range start \"\" is not a date"},
        {"2026-07-01..", 1, "range end \"\" is not a date"},
        {"2026-Q3..2026-Q4", 1, "range start \"2026-Q3\" is not a date"},
        {"2026-07-01..2026-09-30..2026-10-01", 1, "is not a date"},
        {"26-Q3", 1, "year \"26\" must have four digits"},
        {"20261", 1, "must have four digits"},
        {"0000", 1, "year must be 0001-9999"},
        {"2026-Q3x", 1, "unexpected \"x\" after \"2026-Q3\""},
        {"2026-07-15-01", 1, "unexpected \"-01\""},
        {"2026--07", 1, "unexpected \"-07\""},
        {"2026-", 1, "expected a month, Qn, Hn or Wnn after \"2026-\""},
        {"2026-Q", 1, "expected a quarter number after \"2026-Q\""},
        {"2026 07", 1, "unexpected"},
        {"hello", 1, "not a period"},
        {"q", 1, "not a period"},
        {"last", 1, "not a period"},
        {"+2026", 1, "not a period"},
        {"FY", 1, "expected a year after \"FY\""},
        {"FY2026-Q5", 4, "quarter must be 1-4"},
        {"FY2026-M1", 4, "expected -Q1..-Q4 or -H1..-H2"},
        {"FY2026-H3", 4, "half must be 1-2"},
        {"2026年第5季度", 1, "quarter must be 1-4"},
        {"2026年五季度", 1, "unexpected"},
        {"2026年13月", 1, "month must be 1-12"},
        {"2026年2月30日", 1, "day must be 1-28 in 2026-02"},
        {"2026年第54周", 1, "week must be 1-53"},
        {"2025年第53周", 1, "2025 has only 52 ISO weeks"},
        {"2026年7月15", 1, "expected 日 after \"2026年7月15\""},
        {"2026年第7月", 1, "expected 季度, 月 or 周"},
        {"2026年Q5", 1, "quarter must be 1-4"},
        {"2026财年7月", 4, "not months"},
        {"2026财年第10周", 4, "not weeks"},
        {"26年", 1, "four digits"},
        {"2026月", 1, "expected 年"},
        {"明后天", 1, "not a period"},
        {"9999-W52", 1, "outside the years 0001-9999"}, /* ends 10000-01-02 */
        {"FY0001", 4, "outside the years 0001-9999"},
        {"2026-Q3", 0, "fiscal year start month 0 must be 1-12"},
        {"2026-Q3", 13, "fiscal year start month 13 must be 1-12"},
        {"2026-07-01 2026-09-30", 1, "unexpected"},
        {"this-week-please", 1, "unknown unit \"week-please\""},
        {"2026-Q3 and a rather long tail that goes on and on past the limit", 1,
         "longer than 64 bytes"},
    };
    size_t refused = 0;
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct period p = {PERIOD_DAY, 7, 7, 0, 0, 1};
        struct at_err err = {AT_OK, ""};
        enum at_status st = period_parse(cases[i].expr, D("2026-07-15"), cases[i].fsm, &p, &err);
        if (st != AT_INVALID || err.status != AT_INVALID)
            fail_msg("\"%s\" should be refused", cases[i].expr);
        if (!strstr(err.msg, cases[i].says))
            fail_msg("\"%s\": message \"%s\" lacks \"%s\"", cases[i].expr, err.msg, cases[i].says);
        if (!strstr(err.msg, "cannot read period \""))
            fail_msg("\"%s\": message \"%s\" does not quote the input", cases[i].expr, err.msg);
        assert_int_equal(p.start, 7); /* out untouched */
        refused++;
    }
    assert_true(refused >= 15);
}

static void test_parse_messages(void **state)
{
    (void)state;
    static const struct {
        const char *expr, *msg;
    } cases[] = {
        {"2026-Q5", "cannot read period \"2026-Q5\": quarter must be 1-4"},
        {" 2026-13 ", "cannot read period \"2026-13\": month must be 1-12"},
        {"2025-W53", "cannot read period \"2025-W53\": 2025 has only 52 ISO weeks"},
        {"2026年第5季度", "cannot read period \"2026年第5季度\": quarter must be 1-4"},
        {"2026-07-01..2026-06-01", "cannot read period \"2026-07-01..2026-06-01\": range end "
                                   "2026-06-01 is before its start 2026-07-01"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct period p;
        struct at_err err = {AT_OK, ""};
        assert_int_equal(period_parse(cases[i].expr, D(ANY), 1, &p, &err), AT_INVALID);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

/* Odd arguments: NULL text, NULL err, as_of outside the calendar. */
static void test_parse_edges(void **state)
{
    (void)state;
    struct period p;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(period_parse(NULL, 0, 1, &p, &err), AT_INVALID);
    assert_int_equal(period_parse("2026-Q5", 0, 1, &p, NULL), AT_INVALID);
    assert_int_equal(period_parse("2026-Q3", 0, 1, &p, NULL), AT_OK);
    assert_int_equal(period_parse("tomorrow", CAL_DATE_MAX, 1, &p, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "outside the years"));
    assert_int_equal(period_parse("next-week", CAL_DATE_MAX - 3, 1, &p, &err), AT_INVALID);
    assert_int_equal(period_parse("yesterday", CAL_DATE_MIN, 1, &p, &err), AT_INVALID);
    assert_int_equal(period_parse("today", CAL_DATE_MAX + 1, 1, &p, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "as-of date"));
    assert_int_equal(period_parse("today", INT32_MIN, 1, &p, &err), AT_INVALID);
    /* FY10000-Q1 would lie in 9999 (October start) but is named by year 10000 */
    assert_int_equal(period_parse("this-fiscal-quarter", CAL_DATE_MAX, 10, &p, &err), AT_INVALID);
    assert_int_equal(period_parse("this-quarter", CAL_DATE_MAX, 10, &p, &err), AT_OK);
    /* absolute forms do not look at as_of */
    assert_int_equal(period_parse("2026-W10", INT32_MAX, 1, &p, &err), AT_OK);
    /* a long input is quoted by its first 40 bytes, backing off to whole
     * characters: 40 falls in the second byte of the 14th character */
    assert_int_equal(
        period_parse("上季度上季度上季度上季度上季度上季度上季度上季度", 0, 1, &p, &err),
        AT_INVALID);
    assert_string_equal(err.msg, "cannot read period \"上季度上季度上季度上季度上...\": "
                                 "longer than 64 bytes");
    assert_int_equal(period_parse("today", CAL_DATE_MAX, 1, &p, &err), AT_OK);
    assert_int_equal(p.start, CAL_DATE_MAX);
}

static void test_days(void **state)
{
    (void)state;
    static const struct {
        const char *expr;
        int fsm;
        int32_t days;
    } cases[] = {
        {"2026", 1, 365},
        {"2024", 1, 366},
        {"2026-Q1", 1, 90},
        {"2024-Q1", 1, 91},
        {"2026-W10", 1, 7},
        {"2026-02", 1, 28},
        {"2026-07-15", 1, 1},
        {"2026-H2", 1, 184},
        {"FY2026", 4, 365},
        {"FY2024", 4, 366},
        {"2026-07-01..2026-09-30", 1, 92},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct period p;
        assert_int_equal(period_parse(cases[i].expr, D(ANY), cases[i].fsm, &p, NULL), AT_OK);
        if (period_days(&p) != cases[i].days)
            fail_msg("%s has %d days, not %d", cases[i].expr, (int)period_days(&p),
                     (int)cases[i].days);
    }
}

/* From a period to a related one: FROM read with FSM gives TO. */
struct step {
    const char *from;
    int fsm;
    const char *to, *start, *end;
};

static void check_steps(const struct step *cases, size_t n,
                        struct period (*step)(const struct period *))
{
    for (size_t i = 0; i < n; i++) {
        struct period p;
        struct at_err err = {AT_OK, ""};
        if (period_parse(cases[i].from, D(ANY), cases[i].fsm, &p, &err) != AT_OK)
            fail_msg("%s: %s", cases[i].from, err.msg);
        struct period q = step(&p);
        char text[PERIOD_TEXT_MAX], a[CAL_DATE_LEN], b[CAL_DATE_LEN];
        period_format(&q, text);
        cal_format(q.start, a);
        cal_format(q.end, b);
        if (strcmp(text, cases[i].to) || strcmp(a, cases[i].start) || strcmp(b, cases[i].end))
            fail_msg("%s gave %s %s..%s, expected %s %s..%s", cases[i].from, text, a, b,
                     cases[i].to, cases[i].start, cases[i].end);
        assert_int_equal(q.kind, p.kind);
        assert_int_equal(q.fiscal_start_month, p.fiscal_start_month);
    }
}

static void test_previous(void **state)
{
    (void)state;
    static const struct step cases[] = {
        {"2026-W01", 1, "2025-W52", "2025-12-22", "2025-12-28"},
        {"2021-W01", 1, "2020-W53", "2020-12-28", "2021-01-03"},
        {"2027-W01", 1, "2026-W53", "2026-12-28", "2027-01-03"},
        {"2026-W29", 1, "2026-W28", "2026-07-06", "2026-07-12"},
        {"2026-H1", 1, "2025-H2", "2025-07-01", "2025-12-31"},
        {"2026-H2", 1, "2026-H1", "2026-01-01", "2026-06-30"},
        {"2026-Q1", 1, "2025-Q4", "2025-10-01", "2025-12-31"},
        {"2026-Q3", 1, "2026-Q2", "2026-04-01", "2026-06-30"},
        {"2026-01", 1, "2025-12", "2025-12-01", "2025-12-31"},
        {"2024-03", 1, "2024-02", "2024-02-01", "2024-02-29"},
        {"2026", 1, "2025", "2025-01-01", "2025-12-31"},
        {"2026-03-01", 1, "2026-02-28", "2026-02-28", "2026-02-28"},
        {"2024-03-01", 1, "2024-02-29", "2024-02-29", "2024-02-29"},
        {"2026-01-01", 1, "2025-12-31", "2025-12-31", "2025-12-31"},
        {"2026-07-01..2026-09-30", 1, "2026-03-31..2026-06-30", "2026-03-31", "2026-06-30"},
        {"2026-07-01..2026-07-01", 1, "2026-06-30..2026-06-30", "2026-06-30", "2026-06-30"},
        {"2024-03-01..2024-03-31", 1, "2024-01-30..2024-02-29", "2024-01-30", "2024-02-29"},
        {"FY2026", 4, "FY2025", "2024-04-01", "2025-03-31"},
        {"FY2026-Q1", 4, "FY2025-Q4", "2025-01-01", "2025-03-31"},
        {"FY2026-H1", 7, "FY2025-H2", "2025-01-01", "2025-06-30"},
        {"FY2026-Q2", 10, "FY2026-Q1", "2025-10-01", "2025-12-31"},
    };
    check_steps(cases, N_ITEMS(cases), period_previous);
}

static void test_last_year(void **state)
{
    (void)state;
    static const struct step cases[] = {
        {"2026-Q3", 1, "2025-Q3", "2025-07-01", "2025-09-30"},
        {"2026", 1, "2025", "2025-01-01", "2025-12-31"},
        {"2026-H1", 1, "2025-H1", "2025-01-01", "2025-06-30"},
        {"2026-07", 1, "2025-07", "2025-07-01", "2025-07-31"},
        {"2025-02", 1, "2024-02", "2024-02-01", "2024-02-29"},
        {"2026-W10", 1, "2025-W10", "2025-03-03", "2025-03-09"},
        {"2026-W53", 1, "2025-W52", "2025-12-22", "2025-12-28"},
        {"2020-W53", 1, "2019-W52", "2019-12-23", "2019-12-29"},
        {"2021-W52", 1, "2020-W52", "2020-12-21", "2020-12-27"},
        {"2026-07-15", 1, "2025-07-15", "2025-07-15", "2025-07-15"},
        {"2024-02-29", 1, "2023-02-28", "2023-02-28", "2023-02-28"},
        {"2024-02-01..2024-02-29", 1, "2023-02-01..2023-02-28", "2023-02-01", "2023-02-28"},
        {"2026-07-01..2026-09-30", 1, "2025-07-01..2025-09-30", "2025-07-01", "2025-09-30"},
        {"FY2026", 4, "FY2025", "2024-04-01", "2025-03-31"},
        {"FY2026-Q1", 4, "FY2025-Q1", "2024-04-01", "2024-06-30"},
        {"FY2026-H2", 10, "FY2025-H2", "2025-04-01", "2025-09-30"},
    };
    check_steps(cases, N_ITEMS(cases), period_last_year);
}

static void test_containing(void **state)
{
    (void)state;
    static const struct {
        enum period_kind kind;
        const char *date;
        int fsm;
        const char *text;
    } cases[] = {
        {PERIOD_YEAR, "2026-07-15", 1, "2026"},
        {PERIOD_HALF, "2026-07-15", 1, "2026-H2"},
        {PERIOD_HALF, "2026-06-30", 1, "2026-H1"},
        {PERIOD_QUARTER, "2026-07-15", 1, "2026-Q3"},
        {PERIOD_QUARTER, "2026-03-31", 1, "2026-Q1"},
        {PERIOD_MONTH, "2026-07-15", 1, "2026-07"},
        {PERIOD_WEEK, "2021-01-03", 1, "2020-W53"},
        {PERIOD_WEEK, "2025-12-29", 1, "2026-W01"},
        {PERIOD_WEEK, "2026-07-15", 1, "2026-W29"},
        {PERIOD_DAY, "2026-07-15", 1, "2026-07-15"},
        {PERIOD_RANGE, "2026-07-15", 1, "2026-07-15..2026-07-15"},
        {PERIOD_FISCAL_YEAR, "2026-03-31", 4, "FY2026"},
        {PERIOD_FISCAL_YEAR, "2026-04-01", 4, "FY2027"},
        {PERIOD_FISCAL_YEAR, "2026-12-31", 1, "FY2026"},
        {PERIOD_FISCAL_QUARTER, "2026-04-01", 4, "FY2027-Q1"},
        {PERIOD_FISCAL_QUARTER, "2026-03-31", 4, "FY2026-Q4"},
        {PERIOD_FISCAL_QUARTER, "2026-11-30", 12, "FY2026-Q4"},
        {PERIOD_FISCAL_QUARTER, "2026-12-01", 12, "FY2027-Q1"},
        {PERIOD_FISCAL_HALF, "2025-12-31", 7, "FY2026-H1"},
        {PERIOD_FISCAL_HALF, "2026-01-01", 7, "FY2026-H2"},
        {PERIOD_FISCAL_HALF, "2026-09-30", 10, "FY2026-H2"},
        {PERIOD_FISCAL_YEAR, "2026-07-15", 0, "FY2026"}, /* bad start month: January */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int32_t d = D(cases[i].date);
        struct period p = period_containing(cases[i].kind, d, cases[i].fsm);
        char text[PERIOD_TEXT_MAX];
        if (strcmp(period_format(&p, text), cases[i].text) != 0)
            fail_msg("period of kind %d containing %s is %s, not %s", (int)cases[i].kind,
                     cases[i].date, text, cases[i].text);
        assert_int_equal(p.kind, cases[i].kind);
        assert_true(p.start <= d && d <= p.end);
    }
}

/*
 * For every day of 2019..2028, every kind and fiscal start months 1, 4, 7 and
 * 10: the containing period holds the day, its text reads back to the same
 * period, and its previous period ends the day before it starts.
 */
static void test_round_trip(void **state)
{
    (void)state;
    static const enum period_kind kinds[] = {
        PERIOD_YEAR, PERIOD_HALF,        PERIOD_QUARTER,     PERIOD_MONTH,          PERIOD_WEEK,
        PERIOD_DAY,  PERIOD_FISCAL_YEAR, PERIOD_FISCAL_HALF, PERIOD_FISCAL_QUARTER,
    };
    static const int fsms[] = {1, 4, 7, 10};
    for (int32_t d = D("2019-01-01"); d <= D("2028-12-31"); d++) {
        for (size_t k = 0; k < N_ITEMS(kinds); k++) {
            for (size_t f = 0; f < N_ITEMS(fsms); f++) {
                struct period p = period_containing(kinds[k], d, fsms[f]), q;
                char text[PERIOD_TEXT_MAX];
                struct at_err err = {AT_OK, ""};
                assert_true(p.start <= d && d <= p.end);
                period_format(&p, text);
                if (period_parse(text, d, fsms[f], &q, &err) != AT_OK)
                    fail_msg("%s: %s", text, err.msg);
                if (q.kind != p.kind || q.start != p.start || q.end != p.end || q.year != p.year ||
                    q.num != p.num)
                    fail_msg("%s did not read back", text);
                struct period prev = period_previous(&p);
                assert_int_equal(prev.end + 1, p.start);
                assert_int_equal(prev.kind, p.kind);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_canonical),   cmocka_unit_test(test_parse_variants),
        cmocka_unit_test(test_parse_relative_en), cmocka_unit_test(test_parse_relative_zh),
        cmocka_unit_test(test_parse_zh_absolute), cmocka_unit_test(test_parse_fiscal),
        cmocka_unit_test(test_parse_refused),     cmocka_unit_test(test_parse_messages),
        cmocka_unit_test(test_parse_edges),       cmocka_unit_test(test_days),
        cmocka_unit_test(test_previous),          cmocka_unit_test(test_last_year),
        cmocka_unit_test(test_containing),        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
