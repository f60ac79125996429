/* metric.c — the metric catalogue and exact formatting of metric values. */
#include "domain/metric.h"

#include <stdio.h>
#include <string.h>

static const struct metric_def defs[] = {
#define AT_X(id, key, unit, en, zh, formula) {METRIC_##id, key, MU_##unit, en, zh, formula},
    METRIC_LIST(AT_X)
#undef AT_X
};

const struct metric_def *metric_def(enum metric_id id)
{
    return &defs[id];
}

const char *metric_formula_zh(enum metric_id id)
{
    static const char *const zh[METRIC_COUNT] = {
        [METRIC_REVENUE] = "按下单日期汇总订单行金额",
        [METRIC_ORDERS] = "按下单日期计订单数",
        [METRIC_COLLECTIONS] = "按回款日期汇总回款金额",
        [METRIC_WON_VALUE] = "按成交日期汇总赢单商机金额",
        [METRIC_DEALS_WON] = "按成交日期计赢单商机数",
        [METRIC_DEALS_LOST] = "按关闭日期计输单商机数",
        [METRIC_WIN_RATE] = "赢单数 / (赢单数 + 输单数)",
        [METRIC_AVG_DEAL_SIZE] = "赢单金额 / 赢单数",
        [METRIC_PIPELINE] = "截至日仍在进行、预计在周期内成交的商机金额之和",
        [METRIC_WEIGHTED_PIPELINE] = "截至日仍在进行、预计在周期内成交的商机金额 × 赢率之和",
        [METRIC_NEW_CUSTOMERS] = "首单落在周期内的客户数",
        [METRIC_ACTIVE_CUSTOMERS] = "周期内有订单的不同客户数",
        [METRIC_RETENTION_RATE] = "上一周期与本周期均活跃的客户数 / 上一周期活跃的客户数",
        [METRIC_VISITS] = "拜访次数",
        [METRIC_CALLS] = "电话次数",
        [METRIC_MEETINGS] = "会议次数",
        [METRIC_CSAT] = "10 分以下量表调查的平均分",
        [METRIC_NPS] = "100 × (推荐者 9-10 − 贬损者 0-6) / 0-10 分调查的答卷数",
        [METRIC_MARKET_SHARE] = "销售额 / 该组织单元与周期的市场规模",
    };
    return (unsigned)id < METRIC_COUNT && zh[id] ? zh[id] : metric_def(id)->formula;
}

enum at_status metric_parse(const char *key, enum metric_id *out, struct at_err *err)
{
    for (int i = 0; i < METRIC_COUNT; i++)
        if (strcmp(defs[i].key, key) == 0) {
            *out = (enum metric_id)i;
            return AT_OK;
        }
    char list[512] = "";
    size_t n = 0;
    for (int i = 0; i < METRIC_COUNT; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", defs[i].key);
    return at_err_set(err, AT_INVALID, "no metric \"%s\"; the metrics are %s", key, list);
}

/* round(num × 10^digits / den), half away from zero, exact in 128 bits. */
static __int128 scaled_round(int64_t num, int64_t den, int digits)
{
    __int128 n = num, d = den;
    for (int i = 0; i < digits; i++)
        n *= 10;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    bool neg = n < 0;
    if (neg)
        n = -n;
    __int128 q = (n * 2 + d) / (2 * d);
    return neg ? -q : q;
}

char *metric_value_format(enum metric_unit unit, const struct metric_value *v, int exponent,
                          char *out, size_t size)
{
    if (!v->defined || v->den == 0) {
        snprintf(out, size, "%s", "");
        return out;
    }
    switch (unit) {
    case MU_MONEY: {
        /* num/den is minor units; first round to whole minor units. */
        __int128 minor = scaled_round(v->num, v->den, 0);
        return decimal_format(minor, exponent, false, out, size);
    }
    case MU_COUNT:
        return decimal_format(scaled_round(v->num, v->den, 4), 4, true, out, size);
    case MU_RATIO:
    case MU_SCORE:
        return decimal_format(scaled_round(v->num, v->den, 4), 4, false, out, size);
    }
    return out;
}

struct typed_value metric_typed(enum metric_unit unit, const struct metric_value *v,
                                const char *currency)
{
    struct typed_value tv = {.kind = metric_unit_kind(unit)};
    if (unit == MU_MONEY && currency) /* as snprintf would, without it (per row) */
        for (size_t i = 0; i + 1 < sizeof tv.currency && currency[i]; i++)
            tv.currency[i] = currency[i];
    if (!v->defined || v->den == 0)
        return tv;
    __int128 q = scaled_round(v->num, v->den, unit == MU_MONEY ? 0 : 4);
    if (q > INT64_MAX || q < INT64_MIN)
        return tv;
    tv.defined = true;
    tv.v = (int64_t)q;
    return tv;
}
