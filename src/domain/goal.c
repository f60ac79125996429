/* goal.c — reading, writing and deriving goal targets (see goal.h). */
#include "domain/goal.h"

#include <stdio.h>
#include <string.h>

#include "domain/value.h"

enum at_status goal_target_parse(enum metric_unit unit, const char *text, int exponent,
                                 int64_t *target, struct at_err *err)
{
    struct at_err e;
    int64_t v = 0;
    char cur[CURRENCY_LEN];
    switch (unit) {
    case MU_MONEY:
        if (money_parse(text, exponent, &v, cur, &e))
            return at_err_set(err, AT_INVALID, "target \"%s\": %s", text, e.msg);
        if (v < 0)
            return at_err_set(err, AT_INVALID, "target \"%s\" is negative", text);
        if (v > INT64_MAX / GOAL_SCALE)
            return at_err_set(err, AT_INVALID, "target \"%s\" is too large", text);
        v *= GOAL_SCALE;
        break;
    case MU_COUNT:
        /* four decimals through the money reader: it knows 万, 亿, k and M */
        if (money_parse(text, 4, &v, cur, &e) || cur[0])
            return at_err_set(err, AT_INVALID, "target \"%s\": %s", text,
                              cur[0] ? "a count has no currency" : e.msg);
        break;
    case MU_RATIO: {
        int32_t bp;
        if (percent_parse(text, &bp, &e))
            return at_err_set(err, AT_INVALID, "target \"%s\": %s (write 65%% or 0.65)", text,
                              e.msg);
        v = bp;
        break;
    }
    case MU_SCORE:
        if (decimal_parse(text, 4, &v, &e))
            return at_err_set(err, AT_INVALID, "target \"%s\": %s", text, e.msg);
        break;
    }
    if (v < 0)
        return at_err_set(err, AT_INVALID, "target \"%s\" is negative", text);
    *target = v;
    return AT_OK;
}

char *goal_target_format(enum metric_unit unit, int64_t target, int exponent, char *out,
                         size_t size)
{
    struct metric_value v = {true, target, GOAL_SCALE};
    return metric_value_format(unit, &v, exponent, out, size);
}

/* round(a × b / d), half away from zero, in 128 bits. */
static int64_t mul_div_round(int64_t a, int64_t b, int64_t d)
{
    __int128 n = (__int128)a * b;
    bool neg = n < 0;
    if (neg)
        n = -n;
    __int128 q = (n * 2 + d) / (2 * (__int128)d);
    return (int64_t)(neg ? -q : q);
}

int64_t goal_target_from_growth(enum metric_unit unit, int64_t baseline, int32_t growth_bp)
{
    int64_t factor = GOAL_SCALE + growth_bp;
    if (unit == MU_MONEY || unit == MU_COUNT) {
        /* whole minor units or whole counts, kept ×10^4 */
        int64_t whole = mul_div_round(baseline, factor, (int64_t)GOAL_SCALE * GOAL_SCALE);
        return whole * GOAL_SCALE;
    }
    return mul_div_round(baseline, factor, GOAL_SCALE);
}

enum goal_direction metric_direction(enum metric_id m)
{
    (void)m;
    return GOAL_HIGHER;
}

int64_t goal_value_scaled(const struct metric_value *v)
{
    if (!v->defined || v->den == 0)
        return 0;
    return mul_div_round(v->num, GOAL_SCALE, v->den);
}
