/*
 * metric.h — the catalogue of built-in metrics (product.md, "Built-in
 * metrics") and how their values are written. Pure: no I/O.
 *
 * A value is a fraction num/den of int64s so that every metric stays exact:
 * money is minor units × 10^4 over 10^4 (the 10^4 carries split-credit shares
 * in basis points), counts are × 10^4 over 10^4, ratios and scores are their
 * parts. An undefined value (0/0, no market size) has defined = false.
 */
#pragma once
#include "domain/value_kind.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define METRIC_LIST(X)                                                                             \
    X(REVENUE, "revenue", MONEY, "Revenue", "销售额", "Σ order line amount by order date")         \
    X(ORDERS, "orders", COUNT, "Orders", "订单数", "count of orders by order date")                \
    X(COLLECTIONS, "collections", MONEY, "Collections", "回款",                                    \
      "Σ payment amount by payment date")                                                          \
    X(WON_VALUE, "won_value", MONEY, "Won value", "赢单金额",                                      \
      "Σ amount of won deals by close date")                                                       \
    X(DEALS_WON, "deals_won", COUNT, "Deals won", "赢单数", "count of won deals by close date")    \
    X(DEALS_LOST, "deals_lost", COUNT, "Deals lost", "输单数",                                     \
      "count of lost deals by close date")                                                         \
    X(WIN_RATE, "win_rate", RATIO, "Win rate", "赢单率", "deals_won / (deals_won + deals_lost)")   \
    X(AVG_DEAL_SIZE, "avg_deal_size", MONEY, "Average deal size", "平均成交金额",                  \
      "won_value / deals_won")                                                                     \
    X(PIPELINE, "pipeline", MONEY, "Pipeline", "商机金额",                                         \
      "Σ amount of deals open on the as-of date expected to close in the period")                  \
    X(WEIGHTED_PIPELINE, "weighted_pipeline", MONEY, "Weighted pipeline", "加权商机金额",          \
      "Σ amount × probability of deals open on the as-of date expected to close in the period")    \
    X(NEW_CUSTOMERS, "new_customers", COUNT, "New customers", "新客户数",                          \
      "customers whose first order ever falls in the period")                                      \
    X(ACTIVE_CUSTOMERS, "active_customers", COUNT, "Active customers", "活跃客户数",               \
      "distinct customers with an order in the period")                                            \
    X(RETENTION_RATE, "retention_rate", RATIO, "Retention rate", "客户保留率",                     \
      "customers active in the previous period and in this one / customers active in the "         \
      "previous period")                                                                           \
    X(VISITS, "visits", COUNT, "Visits", "拜访次数", "count of visits")                            \
    X(CALLS, "calls", COUNT, "Calls", "电话次数", "count of calls")                                \
    X(MEETINGS, "meetings", COUNT, "Meetings", "会议次数", "count of meetings")                    \
    X(CSAT, "csat", SCORE, "Customer satisfaction", "客户满意度",                                  \
      "mean score of surveys on a scale below 10")                                                 \
    X(NPS, "nps", SCORE, "Net promoter score", "净推荐值",                                         \
      "100 × (promoters 9-10 − detractors 0-6) / responses on 0-10 surveys")                       \
    X(MARKET_SHARE, "market_share", RATIO, "Market share", "市场份额",                             \
      "revenue / market size of the unit and period")

enum metric_id {
#define AT_X(id, key, unit, en, zh, formula) METRIC_##id,
    METRIC_LIST(AT_X)
#undef AT_X
        METRIC_COUNT
};

/* The catalogue's unit of a metric; shown as the value kind metric_unit_kind. */
enum metric_unit { MU_MONEY, MU_COUNT, MU_RATIO, MU_SCORE };

static inline enum value_kind metric_unit_kind(enum metric_unit u)
{
    return u == MU_MONEY   ? VK_MONEY
           : u == MU_COUNT ? VK_COUNT
           : u == MU_RATIO ? VK_RATIO
                           : VK_SCORE;
}

struct metric_def {
    enum metric_id id;
    const char *key;
    enum metric_unit unit;
    const char *name_en, *name_zh;
    const char *formula;
};

/* The definition of ID. */
const struct metric_def *metric_def(enum metric_id id);
/* The formula of ID in Chinese (explain's formula line; def->formula is the
 * English one). */
const char *metric_formula_zh(enum metric_id id);
/* The metric called KEY; AT_INVALID listing the metrics when unknown. */
enum at_status metric_parse(const char *key, enum metric_id *out, struct at_err *err);

struct metric_value {
    bool defined;
    int64_t num, den;
};

#define METRIC_SCALE 10000 /* basis points: split-credit shares and the ×10^4 of counts */

/*
 * Canonical text of V for UNIT into OUT (SIZE bytes): money in major units of
 * a currency with EXPONENT decimals ("1234.50"), counts as integers or up to 4
 * decimals ("0.6"), ratios and scores with 4 decimals ("0.4521"), all rounded
 * half away from zero; "" when undefined. Returns OUT.
 */
char *metric_value_format(enum metric_unit unit, const struct metric_value *v, int exponent,
                          char *out, size_t size);

/*
 * V for UNIT as a typed value (domain/value_kind.h) with the same rounding as
 * metric_value_format, so typed_value_format gives the same text: money in
 * whole minor units of CURRENCY, the others ×10^4. Undefined when V is, or
 * when the rounded value does not fit in 64 bits.
 */
struct typed_value metric_typed(enum metric_unit unit, const struct metric_value *v,
                                const char *currency);
