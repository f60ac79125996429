/*
 * decompose.h — splitting a goal's target exactly (product.md,
 * "Decomposition"): over the quarters, months or ISO weeks of its period, or
 * over child scopes, by weights, by manual values or percentages, and the
 * rebalance of what remains over the parts not yet closed. Pure: no I/O, no
 * clock; the only allocation is split_periods' result.
 *
 * Amounts here are int64 in whole units — minor units for money, whole counts
 * (a ×10^4 target divided by 10^4) — or any int64 for ratios and scores, so
 * that rounding to cents and to whole counts is the split itself: the parts
 * always add up to the whole exactly (largest-remainder method). Weights for
 * seasonal, history and capacity splits are computed by the caller from the
 * metric engine and arrive as plain non-negative int64 weights.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/calendar.h"
#include "domain/metric.h"
#include "domain/period.h"

/*
 * Split TOTAL by the non-negative WEIGHTS[0..N) into OUT[0..N) so that
 * Σ OUT == TOTAL exactly: part i first gets floor(|TOTAL| × w_i / Σw), then
 * the units left over go one each to the parts with the largest remainders
 * (ties: the earlier part). All weights 0 means an even split. A negative
 * TOTAL (a gap to spread) is split as |TOTAL| and the sign restored, so every
 * part has TOTAL's sign or is 0. Exact for every int64 TOTAL and weight
 * (128-bit intermediates). Returns AT_INVALID (OUT untouched) when N is 0 or
 * a weight is negative. Allocates a scratch array of N entries (freed here).
 */
enum at_status split_largest_remainder(int64_t total, const int64_t *weights, size_t n,
                                       int64_t *out, struct at_err *err);

/*
 * The sub-periods of P over KIND (PERIOD_QUARTER, PERIOD_MONTH, PERIOD_WEEK or
 * PERIOD_DAY), consecutive and covering P exactly, into *OUT (*N of them;
 * caller owns *OUT, free() it). A part that crosses P's edge is clipped to P
 * and becomes a PERIOD_RANGE (2026 into weeks: 2026-01-01..2026-01-04, then
 * 2026-W02 .. 2026-W52, then 2026-12-28..2026-12-31). Quarters are fiscal
 * quarters (PERIOD_FISCAL_QUARTER) when P is a fiscal period (its own fiscal
 * start month) or a date range and FISCAL_START_MONTH is not 1; calendar
 * quarters otherwise. Returns AT_INVALID (*OUT, *N untouched) when KIND is
 * none of those or not finer than P (months of a month, weeks of a week,
 * anything of a day); a date range may be split by any of them.
 */
enum at_status split_periods(const struct period *p, enum period_kind kind, int fiscal_start_month,
                             struct period **out, size_t *n, struct at_err *err);

/* W[i] = the number of days of PARTS[i] (the "days" method). */
void weights_days(const struct period *parts, size_t n, int64_t *w);

/* W[i] = the working days of PARTS[i] under holiday set H (NULL: weekends only). */
void weights_working_days(const struct period *parts, size_t n, const struct cal_holidays *h,
                          int64_t *w);

/*
 * Check manual VALUES[0..N) (whole units, as above) against TOTAL. Returns
 * AT_OK when they add up to it exactly; otherwise AT_INVALID saying by how
 * much, in the metric's own writing for UNIT and currency EXPONENT with
 * thousands separators: "the values add up to 1,200,000.00, 50,000.00 short
 * of the target 1,250,000.00" (or "... over the target ..."). Money and count
 * values are whole minor units / whole counts; ratio and score values are
 * taken as the ×10^4 values themselves.
 */
enum at_status split_manual_values(int64_t total, const int64_t *values, size_t n,
                                   enum metric_unit unit, int exponent, struct at_err *err);

/*
 * Turn manual percentages PCT_BP[0..N) (basis points, 25% = 2500) into parts
 * of TOTAL in OUT with split_largest_remainder. Returns AT_INVALID (OUT
 * untouched) when N is 0, a percentage is negative, or they do not add up to
 * 100%, saying by how much: "the percentages add up to 95.00%, 5.00% short of
 * 100%".
 */
enum at_status split_manual_percent(int64_t total, const int32_t *pct_bp, size_t n, int64_t *out,
                                    struct at_err *err);

/*
 * Rebalance a split: the parent's remaining TARGET − ACTUAL_SO_FAR is spread
 * over the open parts (CLOSED[i] false) by their WEIGHTS with
 * split_largest_remainder; closed parts keep OLD[i]. Writes NEW_VALUES[i] for
 * every part, so Σ NEW_VALUES over the open parts == the remaining exactly
 * (negative when the actual already passed the target). Returns AT_INVALID
 * (NEW_VALUES untouched) when N is 0, every part is closed, a weight of an
 * open part is negative, or the remaining does not fit in an int64.
 */
enum at_status rebalance(int64_t target, int64_t actual_so_far, const int64_t *old,
                         const bool *closed, const int64_t *weights, size_t n, int64_t *new_values,
                         struct at_err *err);

/*
 * The one rule for "the sub-goals over time add up" (docs/goals.md), shared by
 * split, rebalance and reconcile. Without a rebalance (REBALANCED false) all N
 * children count and their TARGETS must add up to TARGET. After a rebalance
 * through day THROUGH whose closed sub-periods had the actual ACTUAL, a child
 * whose period ends on or before THROUGH (ENDS[i]) is closed: it keeps its
 * value and does not count; the open children must add up to what remains,
 * max(TARGET − ACTUAL, 0) — exactly what rebalance leaves (a remaining below 0
 * gives every open part 0). COUNTED[i] (may be NULL) says whether child i
 * counts; *WANT gets what the counted children must add up to, *HAVE their
 * sum (both saturate at the int64 range). Returns *WANT == *HAVE.
 */
bool split_time_adds_up(int64_t target, const int64_t *targets, const int32_t *ends, size_t n,
                        bool rebalanced, int32_t through, int64_t actual, bool *counted,
                        int64_t *want, int64_t *have);
