/*
 * goal.h — what a goal is (product.md, "Goals"): a target value of a metric
 * for a scope and a period, with a direction, optionally relative to a
 * baseline, aligned to a parent goal or a strategy objective. Pure data and
 * the reading and writing of target values; no I/O.
 *
 * Targets are int64 "×10^4" values in the metric's own unit, the same scale
 * as metric values (domain/metric.h): money is minor units × 10^4
 * (¥1,234.50 → 123450 × 10^4), counts × 10^4 (200 visits → 2,000,000), ratios
 * × 10^4 (65% → 6,500), scores × 10^4 (4.5 → 45,000). Comparing a target with
 * an actual metric_value is exact: actual.num × 10^4 vs target × actual.den.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/metric.h"
#include "domain/period.h"
#include "domain/scope.h"

#define GOAL_SCALE METRIC_SCALE
#define GOAL_TITLE_MAX 256
#define GOAL_SCOPE_MAX 256

enum goal_direction { GOAL_HIGHER = 0, GOAL_LOWER = 1 };

/* Relative goals: the baseline period. */
enum goal_base { GOAL_BASE_NONE = 0, GOAL_BASE_PREVIOUS, GOAL_BASE_LAST_YEAR };

struct goal {
    int64_t id;                      /* 0 before it is stored */
    int64_t parent, objective;       /* 0 when none */
    char title[GOAL_TITLE_MAX];
    enum metric_id metric;
    struct scope_ref ref;            /* what the goal is about, by id (the truth) */
    char scope[GOAL_SCOPE_MAX];      /* its label from the current names (app/org.h): company,
                                        person:NAME[#EMPNO], team:NAME[#EMPNO], unit:PATH */
    struct period period;
    int64_t target;                  /* ×10^4 in the metric's unit (see above) */
    enum goal_direction direction;
    enum goal_base base;             /* relative goals: where the baseline comes from */
    int32_t growth_bp;               /* relative goals: +20% = 2000, −5% = −500 */
    int64_t baseline;                /* relative goals: the base period's value, ×10^4 */
    char filter[256];                /* "segment=大客户;product=X" or "" */
    bool archived;
};

/*
 * Read a target typed by a person for a metric of UNIT whose currency has
 * EXPONENT decimals: money "1500000", "150万", "1.5亿", "¥1,234.50", "2M",
 * "300k"; counts "200", "1.5万"; ratios "65%", "0.65"; scores "4.5", "40".
 * Returns AT_INVALID with a reason on anything else (a negative target too).
 */
enum at_status goal_target_parse(enum metric_unit unit, const char *text, int exponent,
                                 int64_t *target, struct at_err *err);

/* The canonical text of TARGET (as metric values print: "1500000.00", "200",
 * "0.6500", "4.5000") into OUT; returns OUT. */
char *goal_target_format(enum metric_unit unit, int64_t target, int exponent, char *out,
                         size_t size);

/* TARGET of a relative goal: BASELINE × (1 + GROWTH_BP / 10^4), rounded half
 * away from zero to whole minor units (money) or whole counts (counts) — kept
 * ×10^4 — and to 10^-4 for ratios and scores. */
int64_t goal_target_from_growth(enum metric_unit unit, int64_t baseline, int32_t growth_bp);

/* The natural direction of a metric (every built-in metric is higher-is-better). */
enum goal_direction metric_direction(enum metric_id m);

/* A metric value on the target scale (×10^4 in the metric's unit), rounded
 * half away from zero; 0 when undefined. */
int64_t goal_value_scaled(const struct metric_value *v);
