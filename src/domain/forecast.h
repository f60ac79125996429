/*
 * forecast.h — the rules of the forecast call and of weighted scorecards,
 * pure and exact (docs/reviews.md):
 *  - forecast categories of deals (pipeline, best_case, commit, closed,
 *    omitted) and the default category of a stage from its name and win
 *    probability;
 *  - forecast accuracy: error = |commit − actual| / actual and bias =
 *    (commit − actual) / actual;
 *  - scorecard attainment (a lower-is-better goal inverted as target /
 *    actual), its cap, and the weighted contribution.
 * Ratios are ×10^4 (VK_RATIO: 0.4521 = 45.21 %), rounded half away from zero.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

enum forecast_category {
    FORECAST_PIPELINE,
    FORECAST_BEST_CASE,
    FORECAST_COMMIT,
    FORECAST_CLOSED,
    FORECAST_OMITTED,
    FORECAST_CATEGORY_COUNT
};

/* "pipeline", "best_case", "commit", "closed", "omitted". */
const char *forecast_category_name(enum forecast_category c);
/* Read a category name (also "best-case"); false when TEXT is none. */
bool forecast_category_parse(const char *text, enum forecast_category *out);

/* Probability thresholds of the default rule, in basis points. */
#define FORECAST_COMMIT_BP    7000
#define FORECAST_BEST_CASE_BP 4000

/* How a stage's category was decided. */
enum forecast_rule {
    FORECAST_RULE_SET,
    FORECAST_RULE_STATUS, /* a stage holding only won (closed) or only lost (omitted) deals */
    FORECAST_RULE_NAME,
    FORECAST_RULE_PROBABILITY
};
/* "set", "status", "name", "probability". */
const char *forecast_rule_name(enum forecast_rule r);

/*
 * The default category of an open deal's stage: a stage whose name says it
 * is committed — contains (ASCII case ignored) "commit", "negotiat",
 * "contract", or 合同, 谈判, 签约, 承诺 — is commit; else by PROB_BP (the
 * stage's mean win probability; HAS_PROB false when none of its deals has
 * one): ≥ 70 % commit, ≥ 40 % best_case, else pipeline. *RULE (may be NULL)
 * says which decided. STAGE may be NULL (a deal without a stage: by its
 * probability).
 */
enum forecast_category forecast_stage_default(const char *stage, bool has_prob, int64_t prob_bp,
                                              enum forecast_rule *rule);

/* NUM / DEN ×10^4, rounded half away from zero (DEN > 0). */
int64_t forecast_ratio_e4(__int128 num, __int128 den);

/* Accuracy of one call COMMIT against ACTUAL (minor units, ACTUAL > 0), ×10^8
 * (kept that fine so that a mean over weeks rounds once): *ERROR =
 * |commit − actual| / actual, *BIAS = (commit − actual) / actual. False when
 * ACTUAL ≤ 0 (no ratio). */
bool forecast_accuracy_e8(int64_t commit, int64_t actual, int64_t *error, int64_t *bias);

/* Scorecard caps. */
enum scorecard_cap { SCORECARD_CAP_100, SCORECARD_CAP_120, SCORECARD_CAP_NONE };
/* Read "100%", "120%" or "none" (also "100", "120"); false otherwise. */
bool scorecard_cap_parse(const char *text, enum scorecard_cap *out);
const char *scorecard_cap_name(enum scorecard_cap c);

/*
 * Attainment of a goal for a scorecard, ×10^4. TARGET and ACTUAL on the
 * goal's scale (×10^4 of its unit). Higher is better: actual / target; lower
 * is better: inverted, target / actual (half the target is 200 %). *DEFINED
 * false when there is no ratio (target 0; lower with actual 0); *COUNTED is
 * what the score takes, capped: the attainment limited to the cap, 0 for a
 * higher goal without a target, and a lower goal with actual 0 (nothing
 * happened, the best outcome) counts as the cap — 100 % without one.
 */
void scorecard_attainment(bool lower, int64_t target, int64_t actual, enum scorecard_cap cap,
                          bool *defined, int64_t *attainment, int64_t *counted);
