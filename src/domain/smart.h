/*
 * smart.h — the SMART check of a goal (product.md, "SMART goals"): each of the
 * five letters 明确具体 Specific, 可衡量 Measurable, 可实现 Achievable,
 * 相关性 Relevant and 有时间限制 Time-bound is scored ok or not, with a one-line
 * reason in English or Chinese. Pure: no I/O, no allocation. The app gathers
 * the facts (from the goal, the sentence parser, achieve_judge and the
 * store) into a struct smart_input; this module only judges and words them.
 *
 * The letters:
 *   S  a metric, a scope and an owner are named, and no vague wording
 *      ("提高销售额", "improve sales") was found.
 *   M  a metric (which gives the unit) and a numeric target (absolute or growth).
 *   A  achieve_judge's verdict: comfortable or stretch pass, unrealistic
 *      fails, not judged (no target or no data) fails and says why.
 *   R  linked to a strategy objective or a parent goal; when an objective is
 *      set, the metric must fit it (smart_metric_fits, or the app's own rule).
 *   T  a bounded period with review checkpoints: sub-goals over time or a
 *      check-in cadence. A period of a month or shorter needs none.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "domain/metric.h"

#define SMART_REASON_MAX 256

/* The facts the check needs. Zero-initialise and set what is known. */
struct smart_input {
    bool has_metric, has_scope, has_owner; /* owner: the scope is a person/team/unit with a
                                              responsible person (the app decides) */
    bool vague;                            /* vague wording found by the sentence parser */
    bool has_target;                       /* a numeric target (absolute or growth) */
    enum metric_id metric;                 /* meaningful when has_metric */
    int verdict;                /* achievability: an enum achieve_verdict value, or -1 when not
                                   judged (no data) */
    const char *verdict_reason; /* one line from achieve (e.g. its first reason), may be NULL */
    bool has_parent, has_objective;
    const char *objective_title; /* for the fit rule; may be NULL */
    bool metric_fits_objective;  /* decided by smart_metric_fits() or by the app */
    bool bounded_period;         /* a finite period (always true for attain periods, false when
                                    no period) */
    bool has_checkpoints;        /* sub-goals over time exist, or a check-in cadence is set */
    bool period_is_short;        /* a month or shorter: checkpoints are not required (say so) */
};

/* One letter: passed or not, and why (NUL-terminated UTF-8, never empty after smart_check). */
struct smart_letter {
    bool ok;
    char reason[SMART_REASON_MAX];
};

struct smart_result {
    struct smart_letter s, m, a, r, t;
    int score; /* letters ok, 0..5 */
};

/*
 * Score the five letters of IN into OUT, reasons in LANG ("zh", "zh-CN", ...
 * give Chinese; anything else, NULL included, English). A failing letter's
 * reason names every missing part (scope, owner, target value, period,
 * checkpoints, ...); a passing one says what was found. Reasons longer than
 * SMART_REASON_MAX - 1 bytes are cut at a character boundary.
 */
void smart_check(const struct smart_input *in, const char *lang, struct smart_result *out);

/*
 * Does METRIC serve an objective titled TITLE? The title is matched against
 * keyword themes (English case-insensitive, Chinese as is); the metric fits
 * when it belongs to any theme the title names:
 *   new market   new market, expand, expansion, 拓展, 新市场, 开拓
 *                → new_customers, revenue, market_share, visits
 *   retention    retention, renewal, churn, loyal, 留存, 老客户, 续约, 复购
 *                → retention_rate, active_customers, csat, nps
 *   satisfaction satisfaction, service, 满意度, 服务, 口碑
 *                → csat, nps, retention_rate
 *   growth       growth, revenue, 增长, 业绩, 营收, 收入, 销售额
 *                → revenue, won_value, orders, avg_deal_size, pipeline, weighted_pipeline
 *   cash         cash, collection, 回款, 现金 → collections
 *   efficiency   efficiency, productivity, win rate, conversion, 效率, 赢单, 转化
 *                → win_rate, deals_won, pipeline, weighted_pipeline, calls, meetings, visits
 * A title that names no theme (or NULL/empty) gives true: the fit cannot be
 * told, and WHY says so. WHY (may be NULL; WHY_SIZE bytes) gets one English
 * line naming the themes found and, on a misfit, the metrics that would fit.
 */
bool smart_metric_fits(enum metric_id metric, const char *objective_title, char *why,
                       size_t why_size);

/* smart_metric_fits with WHY in LANG ("zh..." Chinese, else English). */
bool smart_metric_fits_lang(enum metric_id metric, const char *objective_title, const char *lang,
                            char *why, size_t why_size);
