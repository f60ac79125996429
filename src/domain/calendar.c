/*
 * calendar.c — civil dates, ISO 8601 weeks and working days (see calendar.h).
 *
 * Dates are day numbers since 1970-01-01 in the proleptic Gregorian calendar.
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html), done in 64-bit so that
 * no input can overflow; they are exact for every year, not only 1..9999.
 * Working days are counted with a closed formula for weekdays plus a bisected
 * walk over the holiday set's special days in the range, so counting a long
 * range costs O(log n + special days in range), never a loop over the days.
 * No libc time functions except localtime_r in cal_today.
 */
#include "domain/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/str.h"

/* Floor division and its non-negative remainder, for negative day numbers. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

bool cal_is_leap(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int cal_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && cal_is_leap(year))
        return 29;
    return days[month - 1];
}

/* Day number of Y-M-D as a 64-bit value: days_from_civil, with March as the
 * first month of the computational year so that Feb 29 is its last day. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                                   /* 0..399 */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
    return era * 146097 + doe - 719468;
}

int32_t cal_from_ymd(int year, int month, int day)
{
    return (int32_t)days_from_civil(year, month, day);
}

bool cal_valid_ymd(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= cal_days_in_month(year, month);
}

void cal_to_ymd(int32_t date, int *year, int *month, int *day)
{
    int64_t z = (int64_t)date + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                      /* 0..146096 */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                                    /* 0..11 */
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

int cal_weekday(int32_t date)
{
    /* 1970-01-01 was a Thursday (4). */
    return (int)floor_mod((int64_t)date + 3, 7) + 1;
}

/*
 * The ISO week of a date is the week of its Thursday: the week-year is the
 * calendar year of that Thursday, and the week number counts Thursdays from
 * January 1 of that year.
 */
void cal_iso_week(int32_t date, int *iso_year, int *week)
{
    int64_t thursday = (int64_t)date - cal_weekday(date) + 4;
    int y, m, d;
    cal_to_ymd((int32_t)thursday, &y, &m, &d);
    *iso_year = y;
    *week = (int)((thursday - days_from_civil(y, 1, 1)) / 7) + 1;
}

int cal_iso_weeks_in_year(int iso_year)
{
    /* December 28 is always in the last ISO week of its year. */
    int y, w;
    cal_iso_week(cal_from_ymd(iso_year, 12, 28), &y, &w);
    return w;
}

int32_t cal_iso_week_start(int iso_year, int week)
{
    /* January 4 is always in week 1. */
    int64_t jan4 = days_from_civil(iso_year, 1, 4);
    int64_t monday = jan4 - (cal_weekday((int32_t)jan4) - 1);
    return (int32_t)(monday + 7 * (int64_t)(week - 1));
}

/* Write N as exactly WIDTH decimal digits (zero-padded) at OUT. N >= 0. */
static void put_digits(char *out, int n, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + n % 10);
        n /= 10;
    }
}

/*
 * Dates outside 0001..9999 cannot be written in ten characters; they are
 * written as the nearest representable date so OUT is always well formed.
 */
char *cal_format(int32_t date, char *out)
{
    if (date < CAL_DATE_MIN)
        date = CAL_DATE_MIN;
    if (date > CAL_DATE_MAX)
        date = CAL_DATE_MAX;
    int y, m, d;
    cal_to_ymd(date, &y, &m, &d);
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
    return out;
}

/* Value of the N ASCII digits at S, or -1 if any of them is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool cal_parse_iso(const char *s, int32_t *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = read_digits(s, 4), m = read_digits(s + 5, 2), d = read_digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !cal_valid_ymd(y, m, d))
        return false;
    *out = cal_from_ymd(y, m, d);
    return true;
}

int32_t cal_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return 0;
    return cal_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t cal_add_months(int32_t date, int months)
{
    int y, m, d;
    cal_to_ymd(date, &y, &m, &d);
    int64_t total = (int64_t)y * 12 + (m - 1) + months;
    int ny = (int)floor_div(total, 12);
    int nm = (int)floor_mod(total, 12) + 1;
    int dim = cal_days_in_month(ny, nm);
    return (int32_t)days_from_civil(ny, nm, d < dim ? d : dim);
}

/* Stable merge sort of DAYS[0..n) by date, using TMP (n entries) as scratch. */
static void sort_days(struct cal_special_day *days, struct cal_special_day *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    sort_days(days, tmp, half);
    sort_days(days + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = days[j].date < days[i].date ? days[j++] : days[i++];
    while (i < half)
        tmp[k++] = days[i++];
    while (j < n)
        tmp[k++] = days[j++];
    memcpy(days, tmp, n * sizeof *days);
}

/*
 * Sorting is stable, so among entries with the same date the one that came
 * last in the input is last in its run; that one is kept. Shrinks n_days.
 */
void cal_holidays_sort(struct cal_holidays *h)
{
    if (!h || h->n_days == 0)
        return;
    struct cal_special_day *tmp = xmalloc(h->n_days * sizeof *tmp);
    sort_days(h->days, tmp, h->n_days);
    free(tmp);
    size_t out = 0;
    for (size_t i = 0; i < h->n_days; i++) {
        if (i + 1 < h->n_days && h->days[i + 1].date == h->days[i].date)
            continue; /* a later entry for the same date wins */
        h->days[out++] = h->days[i];
    }
    h->n_days = out;
}

/* Index of the first special day on or after DATE (n_days if none). */
static size_t lower_bound(const struct cal_holidays *h, int32_t date)
{
    size_t lo = 0, hi = h->n_days;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->days[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool cal_is_working_day(const struct cal_holidays *h, int32_t date)
{
    if (h && h->n_days) {
        size_t i = lower_bound(h, date);
        if (i < h->n_days && h->days[i].date == date)
            return h->days[i].kind == CAL_WORKDAY;
    }
    return cal_weekday(date) <= 5;
}

/* Weekdays (Monday..Friday) among the days before DATE, counted from the
 * Monday 1970-01-05 (negative for earlier dates); differences give counts. */
static int64_t weekdays_before(int64_t date)
{
    int64_t x = date - 4; /* days since Monday 1970-01-05 */
    int64_t r = floor_mod(x, 7);
    return floor_div(x, 7) * 5 + (r < 5 ? r : 5);
}

int64_t cal_working_days(const struct cal_holidays *h, int32_t start, int32_t end)
{
    if (end < start)
        return 0;
    int64_t n = weekdays_before((int64_t)end + 1) - weekdays_before(start);
    if (!h || h->n_days == 0)
        return n;
    for (size_t i = lower_bound(h, start); i < h->n_days && h->days[i].date <= end; i++) {
        bool weekday = cal_weekday(h->days[i].date) <= 5;
        if (h->days[i].kind == CAL_HOLIDAY && weekday)
            n--;
        else if (h->days[i].kind == CAL_WORKDAY && !weekday)
            n++;
    }
    return n;
}
