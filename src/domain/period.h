/*
 * period.h — the periods of product.md: how attain reads "2026-Q3", "上月",
 * "2026年下半年" or "2026-07-01..2026-09-30". Pure: no I/O, no clock (the caller
 * passes as_of).
 *
 * Canonical spellings (period_format): 2026, 2026-H1, 2026-Q3, 2026-07,
 * 2026-W27, 2026-07-15, 2026-07-01..2026-09-30; fiscal periods FY2026,
 * FY2026-H1, FY2026-Q1 (a fiscal year is named by the calendar year in which
 * it ends; with fiscal_start_month 1 FY2026 equals 2026).
 */
#pragma once
#include <stdint.h>

#include "base/err.h"

enum period_kind {
    PERIOD_YEAR,
    PERIOD_HALF,
    PERIOD_QUARTER,
    PERIOD_MONTH,
    PERIOD_WEEK, /* ISO week */
    PERIOD_DAY,
    PERIOD_RANGE,
    PERIOD_FISCAL_YEAR,
    PERIOD_FISCAL_HALF,
    PERIOD_FISCAL_QUARTER,
};

struct period {
    enum period_kind kind;
    int32_t start, end; /* inclusive day numbers (calendar.h) */
    int year;           /* calendar, ISO-week or fiscal year (0 for DAY/RANGE) */
    int num;            /* half 1-2, quarter 1-4, month 1-12, week 1-53; else 0 */
    int fiscal_start_month; /* 1..12; the start month the period was read with */
};

#define PERIOD_TEXT_MAX 32

/*
 * Read EXPR as of day AS_OF with fiscal years starting in FISCAL_START_MONTH
 * (1 = January). Accepts the canonical forms, "Q3 2026"/"2026Q3", relative
 * forms in English (today, yesterday, tomorrow, this-week, last-week,
 * next-week, this-month, last-month, next-month, this-quarter, last-quarter,
 * next-quarter, this-half, last-half, next-half, this-year, last-year,
 * next-year, ytd, qtd, mtd; spaces or dashes), and Chinese (今天 昨天 明天 本周
 * 上周 下周 本月 上月 下月 本季度 上季度 下季度 今年 去年 明年 上半年 下半年,
 * 2026年 2026年上半年 2026年下半年 2026年第3季度 2026年Q3 2026年7月 2026年第27周
 * 2026年7月15日). On failure returns AT_INVALID with a message that quotes
 * EXPR and says which part could not be read.
 */
enum at_status period_parse(const char *expr, int32_t as_of, int fiscal_start_month,
                            struct period *out, struct at_err *err);

/* Canonical spelling of P into OUT (PERIOD_TEXT_MAX bytes); returns OUT. */
char *period_format(const struct period *p, char *out);

/* Days in P. */
int32_t period_days(const struct period *p);

/* The period of the same kind just before P; for a range, the range of the
 * same number of days ending the day before it. */
struct period period_previous(const struct period *p);

/* The same period one year earlier (2026-Q3 -> 2025-Q3; a week -> the same ISO
 * week number of the previous ISO year, clamped to 52; a range shifted by a year). */
struct period period_last_year(const struct period *p);

/* The period of KIND containing DATE (YEAR..DAY or FISCAL_*; not RANGE). */
struct period period_containing(enum period_kind kind, int32_t date, int fiscal_start_month);
