/*
 * calendar.h — civil dates, ISO weeks and working days. Hand-written, no I/O.
 *
 * A date is an int32_t day number: days since 1970-01-01 (proleptic Gregorian),
 * so date arithmetic is integer arithmetic. Valid years are 1..9999.
 * Working days exclude Saturdays, Sundays and the holidays of a holiday set,
 * and include its make-up working days (调休: a weekend day that is worked).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define CAL_DATE_MIN (-719162) /* 0001-01-01 */
#define CAL_DATE_MAX 2932896   /* 9999-12-31 */
#define CAL_DATE_LEN 11        /* "YYYY-MM-DD" and NUL */

bool cal_is_leap(int year);
int cal_days_in_month(int year, int month); /* month 1..12 */
/* Day number of Y-M-D; the caller passes a valid date (see cal_valid_ymd). */
int32_t cal_from_ymd(int year, int month, int day);
bool cal_valid_ymd(int year, int month, int day);
void cal_to_ymd(int32_t date, int *year, int *month, int *day);
/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int cal_weekday(int32_t date);
/* ISO 8601 week of DATE: its week-year and week number (1..53). */
void cal_iso_week(int32_t date, int *iso_year, int *week);
/* Number of ISO weeks in ISO week-year YEAR (52 or 53). */
int cal_iso_weeks_in_year(int iso_year);
/* Monday of ISO week WEEK of week-year YEAR (2026-W01 -> 2025-12-29). */
int32_t cal_iso_week_start(int iso_year, int week);
/* Write DATE as "YYYY-MM-DD" into OUT (at least CAL_DATE_LEN bytes); returns OUT. */
char *cal_format(int32_t date, char *out);
/* Parse exactly "YYYY-MM-DD"; false (and *out untouched) when not a valid date. */
bool cal_parse_iso(const char *s, int32_t *out);
/* Today in local time. */
int32_t cal_today(void);
/* DATE plus MONTHS calendar months, the day clamped to the month's length. */
int32_t cal_add_months(int32_t date, int months);

/* A holiday calendar: dates that are days off (holidays) or worked (make-up days). */
enum cal_day_kind { CAL_HOLIDAY = 1, CAL_WORKDAY = 2 };
struct cal_special_day {
    int32_t date;
    enum cal_day_kind kind;
};
struct cal_holidays {
    struct cal_special_day *days; /* sorted by date, unique; owned by the creator */
    size_t n_days;
};

/* Sort DAYS by date in place (later duplicates win) so lookups can bisect. */
void cal_holidays_sort(struct cal_holidays *h);
/* Is DATE a working day? H may be NULL (weekends only). */
bool cal_is_working_day(const struct cal_holidays *h, int32_t date);
/* Working days in [start, end] inclusive; 0 when end < start. */
int64_t cal_working_days(const struct cal_holidays *h, int32_t start, int32_t end);
