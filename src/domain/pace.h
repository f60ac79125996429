/*
 * pace.h — where a goal stands as of a date (product.md, "Pace and status"):
 * the elapsed share of its period, what should be done by now, pace, gap,
 * required run rate, pipeline coverage, two forecasts and the status. Pure:
 * no I/O, no clock (the caller passes as_of), no floating point.
 *
 * Scales follow goal.h: targets, expected values, gaps and forecasts are
 * int64 ×10^4 in the metric's unit; the actual is a metric_value num/den as
 * the engine gives it, worth num × 10^4 / den on that scale. Fractions
 * (elapsed, attainment, pace, run rate, coverage) are metric_values reduced
 * to lowest terms with den > 0.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "domain/goal.h"
#include "domain/metric.h"
#include "domain/period.h"

/* How the elapsed share w of a period is measured. */
enum pace_basis {
    PACE_DAYS,         /* calendar days: as of the 16th of a 31-day month w = 16/31 */
    PACE_WORKING_DAYS, /* working days (calendar.h), so a holiday is not "behind" */
    PACE_SEASONAL,     /* a profile: the share of the period's daily weights so far */
};

enum goal_status {
    GOAL_NOT_STARTED, /* as of a day before the period */
    GOAL_ON_TRACK,    /* pace ≥ 1 */
    GOAL_AT_RISK,     /* pace ≥ the at-risk threshold (0.9) */
    GOAL_BEHIND,      /* below it */
    GOAL_ACHIEVED,    /* the target is reached before the period ends */
    GOAL_MET,         /* the period is over and the target was reached */
    GOAL_MISSED,      /* the period is over and it was not */
    GOAL_NO_TARGET,   /* a higher-is-better target of 0: nothing to attain or pace */
};

/* "not_started" "on_track" "at_risk" "behind" "achieved" "met" "missed"
 * "no_target";
 * "unknown" for a value outside the enum. */
const char *goal_status_name(enum goal_status s);
/* The status called KEY (a goal_status_name) in Chinese, or NULL for another
 * key. The one table of status words (terminal tables and plan documents):
 * achieved 已达成 (reached before the end), met 达标 and missed 未达标 (the
 * verdicts after the end) — distinct words, as an action step's 已完成 is. */
const char *goal_status_zh(const char *key);

struct pace_input {
    enum metric_unit unit;
    bool additive; /* revenue, counts: accrue over time, expected = target × w. Ratios,
                      scores, active customers, retention: judged as they are, expected =
                      target whatever the date */
    enum goal_direction direction;
    int64_t target;             /* ×10^4 */
    struct metric_value actual; /* num/den as the engine gives it; undefined = no value */
    struct period period;
    int32_t as_of; /* day number; the as-of day counts as elapsed */
    enum pace_basis basis;
    const struct cal_holidays *holidays; /* may be NULL; for PACE_WORKING_DAYS and the
                                            remaining working days */
    const int64_t *season;               /* PACE_SEASONAL: a non-negative weight per day */
    size_t n_season;                     /* == period days, else linear in days */
    int64_t open_pipeline;               /* ×10^4: open deals closing in the rest of the period */
    int64_t weighted_pipeline;           /* ×10^4: the same, × probability */
    struct metric_value win_rate;        /* for coverage; undefined → coverage undefined */
    int32_t at_risk_bp;                  /* at-risk threshold in bp; 0 → 9000 */
};

struct pace_result {
    struct metric_value elapsed;           /* w, 0..1 */
    int64_t expected;                      /* ×10^4: target × w, rounded half away from zero */
    struct metric_value attainment;        /* actual / target; undefined when target is 0 */
    struct metric_value pace;              /* actual / expected (lower: expected / actual);
                                              undefined when the divisor is 0 */
    int64_t gap;                           /* ×10^4: target − actual (≤ 0 when achieved; for a
                                              lower-is-better goal, the allowance left) */
    int64_t remaining_working_days;        /* after as_of, to the end of the period */
    struct metric_value required_run_rate; /* ×10^4 units per remaining working day */
    struct metric_value coverage;          /* open pipeline × win rate / gap */
    int64_t forecast_run_rate;             /* ×10^4 */
    int64_t forecast_pipeline;             /* ×10^4 */
    enum goal_status status;
};

/*
 * Where IN's goal stands as of IN->as_of, into OUT. Exact integer arithmetic
 * (128-bit where products can overflow); a fraction that cannot be written
 * in int64 even in lowest terms is scaled down to fit, and a ×10^4 amount
 * beyond int64 saturates.
 *
 * Elapsed w: 0 before the period, 1 after it; inside it the days from the
 * start through as_of over the days of the period (PACE_DAYS); the same in
 * working days (PACE_WORKING_DAYS; linear in days when the period has no
 * working day); the sum of SEASON over those days over its total
 * (PACE_SEASONAL; linear in days when N_SEASON is not the period's length,
 * a weight is negative or all are 0).
 *
 * Expected = target × w for an additive goal, the target itself otherwise.
 * Required run rate = max(gap, 0) / remaining working days (undefined when
 * none remain, or for a non-additive goal). Coverage = open pipeline × win
 * rate / gap (undefined when the win rate is, the gap is ≤ 0, the goal is
 * non-additive or lower-is-better). Forecast by run rate = actual / w, which
 * is actual + (actual per elapsed unit of the basis) × remaining units — in
 * days for PACE_DAYS (actual + actual / elapsed days × remaining days), in
 * working days or season weight for the others; the actual itself when w is
 * 0 or 1. Forecast by pipeline = actual + weighted pipeline. A non-additive
 * goal's forecasts are its actual.
 *
 * Status, in this order: no_target for a higher-is-better target of 0
 * (whatever the date: a goal of nothing is neither achieved nor behind; a
 * lower-is-better target of 0, "no losses", is a real target); not_started
 * before the period; after it met when
 * the target is reached (higher: actual ≥ target; lower: actual ≤ target),
 * else missed; an undefined actual is behind; achieved when actual ≥ target
 * (higher), or actual ≤ target for a non-additive lower-is-better goal (an
 * additive one, e.g. costs, is never "achieved" early: being under the
 * target on day one says nothing); then by pace: on_track at ≥ 1, at_risk
 * at ≥ at_risk_bp / 10^4, else behind (nothing expected yet counts as on
 * track unless a lower-is-better actual is already above 0). An undefined
 * actual counts as 0 for gap and forecasts.
 */
void pace_compute(const struct pace_input *in, struct pace_result *out);
