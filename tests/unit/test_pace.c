/*
 * test_pace.c — unit tests of domain/pace: the elapsed share (days, working
 * days across the Spring Festival 2026, a seasonal profile and its linear
 * fallbacks), expected, pace and status at every boundary (not started, the
 * 16th of a 31-day month, exactly on target, pace exactly 0.9, the last day,
 * after the end), lower-is-better and non-additive goals, undefined actuals,
 * and the gap, required run rate, pipeline coverage and both forecasts.
 * Every expected number is worked out by hand in the comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/pace.h"
#include "domain/period.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define K          10000 /* the ×10^4 scale */
#define UNDEF      0     /* a denominator of 0 in a table: the value is undefined */

/* Day number of an ISO date written in a table; the test fails on a typo. */
static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

static struct period P(const char *expr) {
    struct period p;
    struct at_err err = {AT_OK, ""};
    if (period_parse(expr, D("2026-07-15"), 1, &p, &err) != AT_OK)
        fail_msg("bad period in test table: %s", err.msg);
    return p;
}

/* The Spring Festival 2026: holidays 02-15..02-23, make-up days 02-14 and 02-28.
 * February 2026 (Sunday the 1st) has 20 weekdays, 6 of them holidays (16-20,
 * 23), and 2 make-up Saturdays: 16 working days. */
static struct cal_special_day spring_days[11];
static struct cal_holidays spring;

static int setup_spring(void **state)
{
    (void)state;
    size_t k = 0;
    for (int32_t d = D("2026-02-15"); d <= D("2026-02-23"); d++)
        spring_days[k++] = (struct cal_special_day){d, CAL_HOLIDAY};
    spring_days[k++] = (struct cal_special_day){D("2026-02-14"), CAL_WORKDAY};
    spring_days[k++] = (struct cal_special_day){D("2026-02-28"), CAL_WORKDAY};
    spring.days = spring_days;
    spring.n_days = k;
    cal_holidays_sort(&spring);
    return 0;
}

/* Does V equal N/D (D == UNDEF: is V undefined)? */
static bool frac_is(struct metric_value v, int64_t n, int64_t d)
{
    if (d == UNDEF)
        return !v.defined;
    return v.defined && v.den != 0 && (__int128)v.num * d == (__int128)n * v.den;
}

/* ---- Status table ---------------------------------------------------------- */

static const int64_t season_4[] = {1, 1, 1, 5};
static const int64_t season_zero[] = {0, 0, 0, 0};
static const int64_t season_neg[] = {1, -1, 1, 5};

struct pace_case {
    const char *what;
    const char *period, *as_of;
    enum metric_unit unit;
    bool additive;
    enum goal_direction dir;
    int64_t target; /* ×10^4 */
    int64_t an, ad; /* the actual; ad UNDEF: undefined */
    enum pace_basis basis;
    bool holidays; /* the Spring Festival calendar */
    const int64_t *season;
    size_t n_season;
    int32_t at_risk_bp;
    /* expected */
    int64_t wn, wd; /* elapsed */
    int64_t expected;
    int64_t pn, pd; /* pace */
    int64_t gap;
    enum goal_status status;
};

#define CNT(x) ((int64_t)(x)*K) /* a count on the ×10^4 scale */
#define ADD    MU_COUNT, true, GOAL_HIGHER
#define ADD_LO MU_COUNT, true, GOAL_LOWER
#define NOSEA  NULL, 0

static const struct pace_case cases[] = {
    /* July 2026 has 31 days; as of the 16th w = 16/31; 3,100 × 16/31 = 1,600 */
    {"16th of July, on pace", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(1600), K, PACE_DAYS,
     false, NOSEA, 0, 16, 31, CNT(1600), 1, 1, CNT(1500), GOAL_ON_TRACK},
    {"ahead of pace", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(2000), K, PACE_DAYS, false,
     NOSEA, 0, 16, 31, CNT(1600), 5, 4, CNT(1100), GOAL_ON_TRACK},
    {"pace exactly 0.9 is at risk", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(1440), K,
     PACE_DAYS, false, NOSEA, 0, 16, 31, CNT(1600), 9, 10, CNT(1660), GOAL_AT_RISK},
    {"pace a hair under 0.9 is behind", "2026-07", "2026-07-16", ADD, CNT(3100), 14399999, K,
     PACE_DAYS, false, NOSEA, 0, 16, 31, CNT(1600), 14399999, 16000000, 16600001, GOAL_BEHIND},
    {"at-risk threshold 0.8", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(1300), K, PACE_DAYS,
     false, NOSEA, 8000, 16, 31, CNT(1600), 13, 16, CNT(1800), GOAL_AT_RISK},
    {"threshold 0.8, pace 0.75", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(1200), K, PACE_DAYS,
     false, NOSEA, 8000, 16, 31, CNT(1600), 3, 4, CNT(1900), GOAL_BEHIND},
    {"exactly on target mid-period", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(3100), K,
     PACE_DAYS, false, NOSEA, 0, 16, 31, CNT(1600), 31, 16, 0, GOAL_ACHIEVED},
    {"past the target", "2026-07", "2026-07-16", ADD, CNT(3100), CNT(3200), K, PACE_DAYS, false,
     NOSEA, 0, 16, 31, CNT(1600), 2, 1, CNT(-100), GOAL_ACHIEVED},
    {"first day", "2026-07", "2026-07-01", ADD, CNT(3100), CNT(100), K, PACE_DAYS, false, NOSEA, 0,
     1, 31, CNT(100), 1, 1, CNT(3000), GOAL_ON_TRACK},
    {"the day before the start", "2026-07", "2026-06-30", ADD, CNT(3100), 0, K, PACE_DAYS, false,
     NOSEA, 0, 0, 1, 0, 0, UNDEF, CNT(3100), GOAL_NOT_STARTED},
    /* last day: w = 1, expected = the target; 3,000 / 3,100 = 30/31 ≥ 0.9 */
    {"last day, short", "2026-07", "2026-07-31", ADD, CNT(3100), CNT(3000), K, PACE_DAYS, false,
     NOSEA, 0, 1, 1, CNT(3100), 30, 31, CNT(100), GOAL_AT_RISK},
    {"after the end, met", "2026-07", "2026-08-01", ADD, CNT(3100), CNT(3100), K, PACE_DAYS, false,
     NOSEA, 0, 1, 1, CNT(3100), 1, 1, 0, GOAL_MET},
    {"after the end, missed", "2026-07", "2026-12-01", ADD, CNT(3100), CNT(3099), K, PACE_DAYS,
     false, NOSEA, 0, 1, 1, CNT(3100), 3099, 3100, CNT(1), GOAL_MISSED},

    /* Spring Festival, as of Mon 02-23 (a holiday): working days 02-02..06, 09..13 and the
     * make-up Saturday 02-14 = 11 of 16, w = 11/16, expected 16 × 11/16 = 11. By calendar
     * days w = 23/28, expected 16 × 23/28 = 13.142857 → 131,429; 11 / 13.1429 = 0.837 */
    {"Spring Festival by working days", "2026-02", "2026-02-23", ADD, CNT(16), CNT(11), K,
     PACE_WORKING_DAYS, true, NOSEA, 0, 11, 16, CNT(11), 1, 1, CNT(5), GOAL_ON_TRACK},
    {"Spring Festival by calendar days", "2026-02", "2026-02-23", ADD, CNT(16), CNT(11), K,
     PACE_DAYS, true, NOSEA, 0, 23, 28, 131429, 110000, 131429, CNT(5), GOAL_BEHIND},
    /* 6 done is behind either way: 6/11 by working days */
    {"Spring Festival, 6 done", "2026-02", "2026-02-23", ADD, CNT(16), CNT(6), K, PACE_WORKING_DAYS,
     true, NOSEA, 0, 11, 16, CNT(11), 6, 11, CNT(10), GOAL_BEHIND},
    /* as of Fri 02-20, mid-holiday: still 11/16 of working days; by days 20/28 = 5/7,
     * 16 × 5/7 = 11.428571 → 114,286; 110,000 / 114,286 = 0.9625 */
    {"mid-holiday by working days", "2026-02", "2026-02-20", ADD, CNT(16), CNT(11), K,
     PACE_WORKING_DAYS, true, NOSEA, 0, 11, 16, CNT(11), 1, 1, CNT(5), GOAL_ON_TRACK},
    {"mid-holiday by days", "2026-02", "2026-02-20", ADD, CNT(16), CNT(11), K, PACE_DAYS, true,
     NOSEA, 0, 5, 7, 114286, 110000, 114286, CNT(5), GOAL_AT_RISK},
    /* weekends only (no calendar): February has 20 working days, 16 through the 23rd */
    {"February without a holiday calendar", "2026-02", "2026-02-23", ADD, CNT(16), CNT(11), K,
     PACE_WORKING_DAYS, false, NOSEA, 0, 4, 5, 128000, 110000, 128000, CNT(5), GOAL_BEHIND},
    /* a period without a working day (02-15..02-22: holidays and a weekend) paces by
     * calendar days: as of 02-17 w = 3/8 */
    {"no working day: linear", "2026-02-15..2026-02-22", "2026-02-17", ADD, CNT(8), CNT(3), K,
     PACE_WORKING_DAYS, true, NOSEA, 0, 3, 8, CNT(3), 1, 1, CNT(5), GOAL_ON_TRACK},

    /* seasonal: 4 days weighted 1 1 1 5; as of day 2 w = 2/8; 80 × 1/4 = 20 */
    {"seasonal profile", "2026-07-01..2026-07-04", "2026-07-02", ADD, CNT(80), CNT(20), K,
     PACE_SEASONAL, false, season_4, 4, 0, 1, 4, CNT(20), 1, 1, CNT(60), GOAL_ON_TRACK},
    {"same by days", "2026-07-01..2026-07-04", "2026-07-02", ADD, CNT(80), CNT(20), K, PACE_DAYS,
     false, season_4, 4, 0, 1, 2, CNT(40), 1, 2, CNT(60), GOAL_BEHIND},
    {"seasonal day 3", "2026-07-01..2026-07-04", "2026-07-03", ADD, CNT(80), CNT(20), K,
     PACE_SEASONAL, false, season_4, 4, 0, 3, 8, CNT(30), 2, 3, CNT(60), GOAL_BEHIND},
    {"seasonal all zero: linear", "2026-07-01..2026-07-04", "2026-07-02", ADD, CNT(80), CNT(40), K,
     PACE_SEASONAL, false, season_zero, 4, 0, 1, 2, CNT(40), 1, 1, CNT(40), GOAL_ON_TRACK},
    {"seasonal wrong length: linear", "2026-07-01..2026-07-04", "2026-07-02", ADD, CNT(80), CNT(40),
     K, PACE_SEASONAL, false, season_4, 3, 0, 1, 2, CNT(40), 1, 1, CNT(40), GOAL_ON_TRACK},
    {"seasonal negative weight: linear", "2026-07-01..2026-07-04", "2026-07-02", ADD, CNT(80),
     CNT(40), K, PACE_SEASONAL, false, season_neg, 4, 0, 1, 2, CNT(40), 1, 1, CNT(40),
     GOAL_ON_TRACK},

    /* lower is better (deals lost ≤ 10 in July): expected 10 × 16/31 = 5.16129 → 51,613;
     * pace = expected / actual */
    {"lower: under expected", "2026-07", "2026-07-16", ADD_LO, CNT(10), CNT(5), K, PACE_DAYS, false,
     NOSEA, 0, 16, 31, 51613, 51613, 50000, CNT(5), GOAL_ON_TRACK},
    {"lower: 5.5, pace 0.938", "2026-07", "2026-07-16", ADD_LO, CNT(10), 55000, K, PACE_DAYS, false,
     NOSEA, 0, 16, 31, 51613, 51613, 55000, 45000, GOAL_AT_RISK},
    {"lower: 6, pace 0.86", "2026-07", "2026-07-16", ADD_LO, CNT(10), CNT(6), K, PACE_DAYS, false,
     NOSEA, 0, 16, 31, 51613, 51613, 60000, CNT(4), GOAL_BEHIND},
    {"lower: none yet (not achieved early)", "2026-07", "2026-07-16", ADD_LO, CNT(10), 0, K,
     PACE_DAYS, false, NOSEA, 0, 16, 31, 51613, 0, UNDEF, CNT(10), GOAL_ON_TRACK},
    {"lower: over the target mid-period", "2026-07", "2026-07-16", ADD_LO, CNT(10), CNT(11), K,
     PACE_DAYS, false, NOSEA, 0, 16, 31, 51613, 51613, 110000, CNT(-1), GOAL_BEHIND},
    {"lower: after the end, met", "2026-07", "2026-08-01", ADD_LO, CNT(10), CNT(10), K, PACE_DAYS,
     false, NOSEA, 0, 1, 1, CNT(10), 1, 1, 0, GOAL_MET},
    {"lower: after the end, missed", "2026-07", "2026-08-01", ADD_LO, CNT(10), CNT(11), K,
     PACE_DAYS, false, NOSEA, 0, 1, 1, CNT(10), 10, 11, CNT(-1), GOAL_MISSED},

    /* non-additive ratio, lower (churn ≤ 5%): judged against the target as it is */
    {"churn 4% ≤ 5%",
     "2026-07",
     "2026-07-16",
     MU_RATIO,
     false,
     GOAL_LOWER,
     500,
     4,
     100,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     16,
     31,
     500,
     5,
     4,
     100,
     GOAL_ACHIEVED},
    {"churn 5.5%: 5/5.5 = 0.909",
     "2026-07",
     "2026-07-16",
     MU_RATIO,
     false,
     GOAL_LOWER,
     500,
     11,
     200,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     16,
     31,
     500,
     10,
     11,
     -50,
     GOAL_AT_RISK},
    {"churn 6%: 5/6",
     "2026-07",
     "2026-07-16",
     MU_RATIO,
     false,
     GOAL_LOWER,
     500,
     6,
     100,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     16,
     31,
     500,
     5,
     6,
     -100,
     GOAL_BEHIND},
    /* non-additive ratio, higher (win rate ≥ 40%): 7/20 = 35% → pace 0.875 */
    {"win rate 35% of 40%",
     "2026-07",
     "2026-07-02",
     MU_RATIO,
     false,
     GOAL_HIGHER,
     4000,
     7,
     20,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     2,
     31,
     4000,
     7,
     8,
     500,
     GOAL_BEHIND},
    {"win rate 37.5% of 40%",
     "2026-07",
     "2026-07-02",
     MU_RATIO,
     false,
     GOAL_HIGHER,
     4000,
     9,
     24,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     2,
     31,
     4000,
     15,
     16,
     250,
     GOAL_AT_RISK},
    {"win rate 40% on day 2",
     "2026-07",
     "2026-07-02",
     MU_RATIO,
     false,
     GOAL_HIGHER,
     4000,
     2,
     5,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     2,
     31,
     4000,
     1,
     1,
     0,
     GOAL_ACHIEVED},
    {"win rate undefined (no deals)",
     "2026-07",
     "2026-07-02",
     MU_RATIO,
     false,
     GOAL_HIGHER,
     4000,
     0,
     UNDEF,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     2,
     31,
     4000,
     0,
     UNDEF,
     4000,
     GOAL_BEHIND},
    {"win rate undefined after the end",
     "2026-07",
     "2026-08-02",
     MU_RATIO,
     false,
     GOAL_HIGHER,
     4000,
     0,
     UNDEF,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     1,
     1,
     4000,
     0,
     UNDEF,
     4000,
     GOAL_MISSED},
    /* a score (csat ≥ 4.5): 46/10 = 4.6 */
    {"csat 4.6 of 4.5",
     "2026-Q3",
     "2026-07-16",
     MU_SCORE,
     false,
     GOAL_HIGHER,
     45000,
     46,
     10,
     PACE_DAYS,
     false,
     NOSEA,
     0,
     16,
     92,
     45000,
     46,
     45,
     -1000,
     GOAL_ACHIEVED},
    /* a higher-is-better target of 0 (the demo's 总部 goal): attainment undefined,
     * and it is not "achieved": there is no target, before, during and after the
     * period, whatever the actual (was GOAL_ACHIEVED) */
    {"target 0", "2026-07", "2026-07-16", ADD, 0, 0, K, PACE_DAYS, false, NOSEA, 0, 16, 31, 0, 0,
     UNDEF, 0, GOAL_NO_TARGET},
    {"target 0 with sales", "2026-07", "2026-07-16", ADD, 0, CNT(5), K, PACE_DAYS, false, NOSEA, 0,
     16, 31, 0, 0, UNDEF, CNT(-5), GOAL_NO_TARGET},
    {"target 0 before the start", "2026-07", "2026-06-30", ADD, 0, 0, K, PACE_DAYS, false, NOSEA,
     0, 0, 1, 0, 0, UNDEF, 0, GOAL_NO_TARGET},
    {"target 0 after the end", "2026-07", "2026-08-01", ADD, 0, 0, K, PACE_DAYS, false, NOSEA, 0,
     1, 1, 0, 0, UNDEF, 0, GOAL_NO_TARGET},
    /* lower-is-better at most 0 ("no lost deals") is a real target: 0 ≤ 0 is met */
    {"lower target 0 after the end", "2026-07", "2026-08-01", ADD_LO, 0, 0, K, PACE_DAYS, false,
     NOSEA, 0, 1, 1, 0, 0, UNDEF, 0, GOAL_MET},
};

static void test_status_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        const struct pace_case *c = &cases[i];
        struct pace_input in = {0};
        in.unit = c->unit;
        in.additive = c->additive;
        in.direction = c->dir;
        in.target = c->target;
        in.actual = (struct metric_value){c->ad != UNDEF, c->an, c->ad};
        in.period = P(c->period);
        in.as_of = D(c->as_of);
        in.basis = c->basis;
        in.holidays = c->holidays ? &spring : NULL;
        in.season = c->season;
        in.n_season = c->n_season;
        in.at_risk_bp = c->at_risk_bp;
        struct pace_result r;
        pace_compute(&in, &r);
        if (!frac_is(r.elapsed, c->wn, c->wd))
            fail_msg("%s: elapsed %lld/%lld, expected %lld/%lld", c->what, (long long)r.elapsed.num,
                     (long long)r.elapsed.den, (long long)c->wn, (long long)c->wd);
        if (r.expected != c->expected)
            fail_msg("%s: expected %lld, want %lld", c->what, (long long)r.expected,
                     (long long)c->expected);
        if (!frac_is(r.pace, c->pn, c->pd))
            fail_msg("%s: pace %s%lld/%lld, expected %lld/%lld", c->what,
                     r.pace.defined ? "" : "(undefined) ", (long long)r.pace.num,
                     (long long)r.pace.den, (long long)c->pn, (long long)c->pd);
        if (r.gap != c->gap)
            fail_msg("%s: gap %lld, expected %lld", c->what, (long long)r.gap, (long long)c->gap);
        if (r.status != c->status)
            fail_msg("%s: status %s, expected %s", c->what, goal_status_name(r.status),
                     goal_status_name(c->status));
        /* attainment = actual / target whenever both exist */
        if (c->ad != UNDEF && c->target != 0)
            assert_true(frac_is(r.attainment, c->an * K, c->ad * c->target));
        else
            assert_false(r.attainment.defined);
        assert_true(r.elapsed.den > 0);
    }
}

/* ---- Run rate, coverage, forecasts ------------------------------------------- */

static void test_money_forecasts(void **state)
{
    (void)state;
    /* revenue in July 2026, target ¥310,000.00 (31,000,000 fen ×10^4), ¥144,000.00 done as of
     * Thu 07-16; open pipeline ¥200,000.00 closing by the 31st, weighted ¥90,000.00, win rate
     * 83/200 = 41.5% */
    struct pace_input in = {0};
    in.unit = MU_MONEY;
    in.additive = true;
    in.target = 310000000000;
    in.actual = (struct metric_value){true, 144000000000, K};
    in.period = P("2026-07");
    in.as_of = D("2026-07-16");
    in.basis = PACE_DAYS;
    in.open_pipeline = 200000000000;
    in.weighted_pipeline = 90000000000;
    in.win_rate = (struct metric_value){true, 83, 200};
    struct pace_result r;
    pace_compute(&in, &r);
    assert_true(frac_is(r.elapsed, 16, 31));
    assert_int_equal(r.expected, 160000000000); /* 310,000 × 16/31 = 160,000 */
    assert_true(frac_is(r.pace, 9, 10));        /* 144,000 / 160,000 */
    assert_int_equal(r.status, GOAL_AT_RISK);
    assert_true(frac_is(r.attainment, 72, 155)); /* 144 / 310 */
    assert_int_equal(r.gap, 166000000000);
    /* Fri 07-17, 20..24, 27..31: 11 working days left */
    assert_int_equal(r.remaining_working_days, 11);
    assert_true(frac_is(r.required_run_rate, 166000000000, 11));
    /* 200,000 × 0.415 / 166,000 = 83,000 / 166,000 = 1/2 */
    assert_true(frac_is(r.coverage, 1, 2));
    /* 144,000 / 16 days × 15 days left + 144,000 = 144,000 × 31/16 = 279,000 */
    assert_int_equal(r.forecast_run_rate, 279000000000);
    assert_int_equal(r.forecast_pipeline, 234000000000); /* 144,000 + 90,000 */

    /* without a win rate coverage is undefined; with a closed gap too */
    in.win_rate = (struct metric_value){false, 0, 0};
    pace_compute(&in, &r);
    assert_false(r.coverage.defined);
    in.win_rate = (struct metric_value){true, 83, 200};
    in.actual = (struct metric_value){true, 320000000000, K};
    pace_compute(&in, &r);
    assert_int_equal(r.status, GOAL_ACHIEVED);
    assert_int_equal(r.gap, -10000000000);
    assert_false(r.coverage.defined);
    assert_true(frac_is(r.required_run_rate, 0, 1)); /* nothing more is needed */

    /* an actual that is not whole on the ×10^4 scale: 10^8 / 30,000 = 3,333.3333… fen,
     * 33,333,333.3… ×10^4 → rounded to 33,333,333 for the gap */
    in.actual = (struct metric_value){true, 100000000, 3 * K};
    pace_compute(&in, &r);
    assert_int_equal(r.gap, 310000000000 - 33333333);
}

static void test_working_day_forecasts(void **state)
{
    (void)state;
    /* Spring Festival: 16 to do in February, 11 done as of 02-23 */
    struct pace_input in = {0};
    in.unit = MU_COUNT;
    in.additive = true;
    in.target = CNT(16);
    in.actual = (struct metric_value){true, CNT(11), K};
    in.period = P("2026-02");
    in.as_of = D("2026-02-23");
    in.basis = PACE_WORKING_DAYS;
    in.holidays = &spring;
    struct pace_result r;
    pace_compute(&in, &r);
    /* 02-24..27 and the make-up Saturday 02-28: 5 left; 5 to do → 1 a day */
    assert_int_equal(r.remaining_working_days, 5);
    assert_true(frac_is(r.required_run_rate, CNT(1), 1));
    /* 11 in 11 working days, 5 more days: 16 */
    assert_int_equal(r.forecast_run_rate, CNT(16));
    assert_false(r.coverage.defined);
    assert_int_equal(r.forecast_pipeline, CNT(11));

    /* by calendar days: 11 / 23 × 28 = 13.391304 → 133,913 */
    in.basis = PACE_DAYS;
    pace_compute(&in, &r);
    assert_int_equal(r.forecast_run_rate, 133913);
    assert_int_equal(r.remaining_working_days, 5); /* always in working days */

    /* before the start: every working day remains, the forecast is the actual */
    in.as_of = D("2026-01-20");
    in.actual = (struct metric_value){true, 0, K};
    pace_compute(&in, &r);
    assert_int_equal(r.status, GOAL_NOT_STARTED);
    assert_int_equal(r.remaining_working_days, 16);
    assert_true(frac_is(r.required_run_rate, CNT(1), 1));
    assert_int_equal(r.forecast_run_rate, 0);

    /* after the end: no day remains, no run rate */
    in.as_of = D("2026-03-02");
    in.actual = (struct metric_value){true, CNT(17), K};
    pace_compute(&in, &r);
    assert_int_equal(r.status, GOAL_MET);
    assert_int_equal(r.remaining_working_days, 0);
    assert_false(r.required_run_rate.defined);
    assert_int_equal(r.forecast_run_rate, CNT(17));
}

static void test_non_additive_forecasts(void **state)
{
    (void)state;
    /* win rate 35% against 40%: forecasts are the value itself, no run rate or coverage */
    struct pace_input in = {0};
    in.unit = MU_RATIO;
    in.target = 4000;
    in.actual = (struct metric_value){true, 7, 20};
    in.period = P("2026-07");
    in.as_of = D("2026-07-16");
    in.open_pipeline = CNT(1000);
    in.weighted_pipeline = CNT(500);
    in.win_rate = (struct metric_value){true, 1, 2};
    struct pace_result r;
    pace_compute(&in, &r);
    assert_int_equal(r.expected, 4000);
    assert_int_equal(r.forecast_run_rate, 3500);
    assert_int_equal(r.forecast_pipeline, 3500);
    assert_false(r.required_run_rate.defined);
    assert_false(r.coverage.defined);
    assert_int_equal(r.remaining_working_days, 11);

    /* lower-is-better additive: no coverage (pipeline does not help) */
    in.unit = MU_COUNT;
    in.additive = true;
    in.direction = GOAL_LOWER;
    in.target = CNT(10);
    in.actual = (struct metric_value){true, CNT(4), K};
    pace_compute(&in, &r);
    assert_false(r.coverage.defined);
    assert_true(frac_is(r.required_run_rate, CNT(6), 11)); /* the allowance per day */
}

/* Amounts at the edge of int64 neither overflow nor crash (run under UBSan). */
static void test_extremes(void **state)
{
    (void)state;
    struct pace_input in = {0};
    in.unit = MU_MONEY;
    in.additive = true;
    in.target = INT64_MAX;
    in.actual = (struct metric_value){true, INT64_MAX, 1};
    in.period = P("2026");
    in.as_of = D("2026-07-16");
    in.open_pipeline = INT64_MAX;
    in.weighted_pipeline = INT64_MAX;
    in.win_rate = (struct metric_value){true, INT64_MAX, 3};
    struct pace_result r;
    pace_compute(&in, &r);
    assert_int_equal(r.status, GOAL_ACHIEVED); /* actual × 10^4 is far above the target */
    assert_int_equal(r.forecast_pipeline, INT64_MAX);
    assert_true(r.pace.defined && r.pace.num > 0 && r.pace.den > 0);

    in.actual = (struct metric_value){true, INT64_MIN + 1, -INT64_MAX}; /* ≈ 1, negative den */
    in.target = CNT(2);
    pace_compute(&in, &r);
    assert_int_equal(r.gap, CNT(1));
    assert_true(r.attainment.den > 0);
    assert_true(frac_is(r.attainment, 1, 2));

    /* a seasonal profile of huge weights */
    static int64_t big[365];
    for (size_t i = 0; i < 365; i++)
        big[i] = INT64_MAX - (int64_t)i;
    in.basis = PACE_SEASONAL;
    in.season = big;
    in.n_season = 365;
    in.actual = (struct metric_value){true, 0, 1};
    pace_compute(&in, &r);
    assert_true(r.elapsed.defined && r.elapsed.num > 0 && r.elapsed.num < r.elapsed.den);
    assert_int_equal(r.status, GOAL_BEHIND);
}

static void test_status_names(void **state)
{
    (void)state;
    static const struct {
        enum goal_status s;
        const char *name;
    } names[] = {
        {GOAL_NOT_STARTED, "not_started"}, {GOAL_ON_TRACK, "on_track"}, {GOAL_AT_RISK, "at_risk"},
        {GOAL_BEHIND, "behind"},           {GOAL_ACHIEVED, "achieved"}, {GOAL_MET, "met"},
        {GOAL_MISSED, "missed"},           {GOAL_NO_TARGET, "no_target"},
    };
    for (size_t i = 0; i < N_ITEMS(names); i++)
        assert_string_equal(goal_status_name(names[i].s), names[i].name);
    assert_string_equal(goal_status_name((enum goal_status)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_table),
        cmocka_unit_test(test_money_forecasts),
        cmocka_unit_test(test_working_day_forecasts),
        cmocka_unit_test(test_non_additive_forecasts),
        cmocka_unit_test(test_extremes),
        cmocka_unit_test(test_status_names),
    };
    return cmocka_run_group_tests(tests, setup_spring, NULL);
}
