/*
 * pace.c — pace, forecast and status of a goal as of a date (see pace.h).
 *
 * All integers. Products of two int64 values go through __int128; fractions
 * are compared with a continued-fraction walk (cmp_frac) so that no
 * cross-multiplication of two 128-bit values is ever needed. The actual is
 * kept as the exact fraction num × 10^4 / den for every comparison; only gap
 * and forecasts, which are ×10^4 amounts, use it rounded.
 */
#include "domain/pace.h"

#include <string.h>

typedef __int128 i128_t; /* file-local shorthand for a GCC builtin type */
typedef unsigned __int128 u128_t;

static const struct metric_value undefined = {false, 0, 1};

const char *goal_status_name(enum goal_status s)
{
    static const char *const names[] = {
        [GOAL_NOT_STARTED] = "not_started", [GOAL_ON_TRACK] = "on_track",
        [GOAL_AT_RISK] = "at_risk",         [GOAL_BEHIND] = "behind",
        [GOAL_ACHIEVED] = "achieved",       [GOAL_MET] = "met",
        [GOAL_MISSED] = "missed",           [GOAL_NO_TARGET] = "no_target",
    };
    if ((unsigned)s >= sizeof names / sizeof names[0])
        return "unknown";
    return names[s];
}

const char *goal_status_zh(const char *key)
{
    static const struct {
        const char *key, *zh;
    } words[] = {
        {"not_started", "未开始"}, {"on_track", "进度正常"}, {"at_risk", "有风险"},
        {"behind", "落后"},        {"achieved", "已达成"},   {"met", "达标"},
        {"missed", "未达标"},      {"no_target", "无目标值"},
    };
    for (size_t i = 0; key && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(key, words[i].key) == 0)
            return words[i].zh;
    return NULL;
}

static u128_t uabs(i128_t v)
{
    return v < 0 ? (u128_t)0 - (u128_t)v : (u128_t)v;
}

static u128_t gcd(u128_t a, u128_t b)
{
    while (b) {
        u128_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* V clamped to the int64 range. */
static int64_t sat64(i128_t v)
{
    return v > INT64_MAX ? INT64_MAX : (v < INT64_MIN ? INT64_MIN : (int64_t)v);
}

/* N / D in lowest terms with den > 0, undefined when D is 0. When even the
 * lowest terms do not fit in int64, both are halved until they do (only
 * reachable with amounts far beyond any real goal). */
static struct metric_value frac(i128_t n, i128_t d)
{
    if (d == 0)
        return undefined;
    bool neg = (n < 0) != (d < 0);
    u128_t un = uabs(n), ud = uabs(d);
    u128_t g = gcd(un, ud);
    un /= g;
    ud /= g;
    while (un > (u128_t)INT64_MAX || ud > (u128_t)INT64_MAX) {
        if (ud == 1) {
            un = INT64_MAX;
            break;
        }
        un >>= 1;
        ud >>= 1;
    }
    struct metric_value v = {true, neg ? -(int64_t)un : (int64_t)un, (int64_t)ud};
    return v;
}

/* round(N / D) half away from zero; D > 0. */
static i128_t div_round(i128_t n, i128_t d)
{
    u128_t q = (uabs(n) * 2 + (u128_t)d) / ((u128_t)d * 2);
    return n < 0 ? -(i128_t)q : (i128_t)q;
}

/* Compare A/B with C/D for non-negative A, C and positive B, D (-1, 0, 1),
 * by their continued fractions: integer parts first; on a tie the parts left,
 * RA/B and RC/D, compare as D/RC and B/RA do (taking reciprocals flips the
 * order, so the two sides swap). Euclid's steps: O(log) iterations. */
static int cmp_ufrac(u128_t a, u128_t b, u128_t c, u128_t d)
{
    for (;;) {
        u128_t qa = a / b, qc = c / d;
        if (qa != qc)
            return qa < qc ? -1 : 1;
        u128_t ra = a % b, rc = c % d;
        if (ra == 0 || rc == 0)
            return ra == rc ? 0 : (ra == 0 ? -1 : 1);
        u128_t old_b = b;
        a = d, b = rc;
        c = old_b, d = ra;
    }
}

/* Compare A/B with C/D for positive B, D and any signs of A, C. */
static int cmp_frac(i128_t a, i128_t b, i128_t c, i128_t d)
{
    if ((a < 0) != (c < 0))
        return a < 0 ? -1 : 1;
    if (a < 0)
        return cmp_ufrac(uabs(c), (u128_t)d, uabs(a), (u128_t)b);
    return cmp_ufrac((u128_t)a, (u128_t)b, (u128_t)c, (u128_t)d);
}

/* The elapsed share of IN's period as of IN->as_of, as *EN / *ED (ED > 0). */
static void elapsed_share(const struct pace_input *in, i128_t *en, i128_t *ed)
{
    const struct period *p = &in->period;
    int32_t days = period_days(p);
    if (in->as_of < p->start || days <= 0) {
        *en = 0, *ed = 1;
        return;
    }
    if (in->as_of >= p->end) {
        *en = 1, *ed = 1;
        return;
    }
    int32_t through = in->as_of - p->start + 1;
    *en = through, *ed = days;
    if (in->basis == PACE_WORKING_DAYS) {
        int64_t total = cal_working_days(in->holidays, p->start, p->end);
        if (total > 0)
            *en = cal_working_days(in->holidays, p->start, in->as_of), *ed = total;
    } else if (in->basis == PACE_SEASONAL && in->season && in->n_season == (size_t)days) {
        i128_t sum = 0, done = 0;
        for (size_t i = 0; i < in->n_season; i++) {
            if (in->season[i] < 0)
                return; /* not a profile: linear */
            sum += in->season[i];
            if (i < (size_t)through)
                done += in->season[i];
        }
        if (sum > 0)
            *en = done, *ed = sum;
    }
}

/* The status of IN given the actual AN/AD (AD > 0), EXPECTED and threshold BP. */
static enum goal_status judge(const struct pace_input *in, bool defined, i128_t an, i128_t ad,
                              int64_t expected, int64_t bp)
{
    bool lower = in->direction == GOAL_LOWER;
    i128_t a4 = an * METRIC_SCALE; /* the actual on the ×10^4 scale is a4 / ad */
    if (!lower && in->target == 0)
        return GOAL_NO_TARGET;
    if (in->as_of < in->period.start)
        return GOAL_NOT_STARTED;
    int vs_target = cmp_frac(a4, ad, in->target, 1);
    bool reached = defined && (lower ? vs_target <= 0 : vs_target >= 0);
    if (in->as_of > in->period.end)
        return reached ? GOAL_MET : GOAL_MISSED;
    if (!defined)
        return GOAL_BEHIND;
    if (reached && (!lower || !in->additive))
        return GOAL_ACHIEVED;
    int vs_expected = cmp_frac(a4, ad, expected, 1);
    if (lower ? vs_expected <= 0 : vs_expected >= 0)
        return GOAL_ON_TRACK;
    /* higher: a/e ≥ bp/10^4 ⇔ a × 10^4 ≥ bp × e; lower (a > e ≥ 0): e/a ≥ bp/10^4 ⇔
     * e × 10^4 ≥ bp × a */
    bool risk = lower ? cmp_frac((i128_t)expected * METRIC_SCALE, 1, bp * a4, ad) >= 0
                      : cmp_frac(a4 * METRIC_SCALE, ad, (i128_t)bp * expected, 1) >= 0;
    return risk ? GOAL_AT_RISK : GOAL_BEHIND;
}

void pace_compute(const struct pace_input *in, struct pace_result *out)
{
    bool lower = in->direction == GOAL_LOWER;
    bool defined = in->actual.defined && in->actual.den != 0;
    i128_t an = defined ? in->actual.num : 0, ad = defined ? in->actual.den : 1;
    if (ad < 0)
        an = -an, ad = -ad;
    i128_t a4 = an * METRIC_SCALE;             /* exact actual ×10^4 is a4 / ad */
    int64_t actual = sat64(div_round(a4, ad)); /* rounded to a ×10^4 amount */
    int64_t bp = in->at_risk_bp > 0 ? in->at_risk_bp : 9000;

    i128_t en, ed;
    elapsed_share(in, &en, &ed);
    out->elapsed = frac(en, ed);
    int64_t wn = out->elapsed.num, wd = out->elapsed.den;

    out->expected = in->additive ? sat64(div_round((i128_t)in->target * wn, wd)) : in->target;
    out->attainment = defined ? frac(a4, ad * in->target) : undefined;
    if (!defined)
        out->pace = undefined;
    else if (lower)
        out->pace = frac((i128_t)out->expected * ad, a4);
    else
        out->pace = frac(a4, ad * out->expected);
    out->gap = sat64((i128_t)in->target - actual);

    const struct period *p = &in->period;
    int32_t from = in->as_of + 1 > p->start ? in->as_of + 1 : p->start;
    out->remaining_working_days = cal_working_days(in->holidays, from, p->end);
    out->required_run_rate = undefined;
    if (in->additive && out->remaining_working_days > 0)
        out->required_run_rate = frac(out->gap > 0 ? out->gap : 0, out->remaining_working_days);

    out->coverage = undefined;
    if (in->additive && !lower && in->win_rate.defined && in->win_rate.den != 0 && out->gap > 0)
        out->coverage =
            frac((i128_t)in->open_pipeline * in->win_rate.num, (i128_t)in->win_rate.den * out->gap);

    if (!in->additive) {
        out->forecast_run_rate = actual;
        out->forecast_pipeline = actual;
    } else {
        out->forecast_run_rate =
            wn > 0 && wn < wd ? sat64(div_round((i128_t)actual * wd, wn)) : actual;
        out->forecast_pipeline = sat64((i128_t)actual + in->weighted_pipeline);
    }
    out->status = judge(in, defined, an, ad, out->expected, bp);
}
