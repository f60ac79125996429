/*
 * achieve.c — the achievability judge (see achieve.h for the rules): growth
 * against history and peers, the funnel's deals and visits against capacity,
 * pipeline coverage, thin history; each step leaves a reason with its numbers.
 */
#include "base/utf8.h"
#include "domain/achieve.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/goal.h"

#define NUM_MAX 64 /* room for one formatted number */

/* ---- small helpers ------------------------------------------------------ */

/* Is LANG Chinese ("zh", "zh-CN", ...)? */
static bool lang_zh(const char *lang)
{
    return lang && lang[0] == 'z' && lang[1] == 'h';
}

/* round(N / D), half away from zero; D > 0. */
static __int128 div_round(__int128 n, __int128 d)
{
    bool neg = n < 0;
    if (neg)
        n = -n;
    __int128 q = (n * 2 + d) / (2 * d);
    return neg ? -q : q;
}

/* ceil(N / D) for N ≥ 0, D > 0. */
static __int128 div_ceil(__int128 n, __int128 d)
{
    return (n + d - 1) / d;
}

/* V clamped into int32. */
static int32_t clamp32(__int128 v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

/* V clamped into int64. */
static int64_t clamp64(__int128 v)
{
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

/* Add a formatted reason to OUT (dropped when all ACHIEVE_MAX_REASONS are used). */
__attribute__((format(printf, 2, 3))) static void reason(struct achieve_result *out,
                                                         const char *fmt, ...)
{
    if (out->n_reasons >= ACHIEVE_MAX_REASONS)
        return;
    char *r = out->reasons[out->n_reasons++];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r, ACHIEVE_REASON_MAX, fmt, ap);
    va_end(ap);
    if (n < 0)
        r[0] = '\0';
    else if (n >= ACHIEVE_REASON_MAX)
        utf8_cut(r);
}

/* Drop trailing zeros (and a bare point) after the decimal point of S. */
static void trim_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    size_t n = strlen(s);
    while (n > (size_t)(dot - s) && (s[n - 1] == '0' || s[n - 1] == '.')) {
        bool was_dot = s[n - 1] == '.';
        s[--n] = '\0';
        if (was_dot)
            break;
    }
}

/* Copy the decimal number IN into OUT (SIZE bytes) with "," between thousands. */
static void group_thousands(const char *in, char *out, size_t size)
{
    size_t o = 0, start = in[0] == '-' ? 1 : 0;
    size_t int_len = strcspn(in + start, ".");
    if (start && o + 1 < size)
        out[o++] = '-';
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = in[start + i];
    }
    for (const char *p = in + start + int_len; *p && o + 1 < size; p++)
        out[o++] = *p;
    out[o] = '\0';
}

/* A percentage of BP basis points with one decimal ("35.0%"); SIGNED adds "+" when > 0. */
static char *fmt_pct(int64_t bp, bool is_signed, char *out, size_t size)
{
    int64_t tenths = clamp64(div_round(bp, 10));
    int64_t a = tenths < 0 ? -tenths : tenths;
    utf8_snprintf(out, size, "%s%lld.%lld%%",
                  tenths < 0 ? "-" : (is_signed && tenths > 0 ? "+" : ""), (long long)(a / 10),
                  (long long)(a % 10));
    return out;
}

/* Money V (×10^4 minor units): "1,500,000.00" in en; "150万", "1.5亿" in zh; with the symbol. */
static char *fmt_money(const struct achieve_input *in, int64_t v, char *out, size_t size)
{
    const char *sym = in->currency_symbol ? in->currency_symbol : "";
    char plain[NUM_MAX], grouped[NUM_MAX];
    int exp = in->exponent < 0 ? 0 : in->exponent > 6 ? 6 : in->exponent;
    __int128 major_unit = GOAL_SCALE;
    for (int i = 0; i < exp; i++)
        major_unit *= 10;
    __int128 a = v < 0 ? -(__int128)v : v;
    if (lang_zh(in->lang) && a >= major_unit * 10000) {
        bool yi = a >= major_unit * 100000000;
        __int128 unit = major_unit * (yi ? 100000000 : 10000);
        int64_t hundredths = clamp64(div_round(a * 100, unit));
        utf8_snprintf(plain, sizeof plain, "%lld.%02lld", (long long)(hundredths / 100),
                      (long long)(hundredths % 100));
        trim_zeros(plain);
        utf8_snprintf(out, size, "%s%s%s%s", v < 0 ? "-" : "", sym, plain, yi ? "亿" : "万");
        return out;
    }
    goal_target_format(MU_MONEY, v, exp, plain, sizeof plain);
    group_thousands(plain, grouped, sizeof grouped);
    if (grouped[0] == '-')
        utf8_snprintf(out, size, "-%s%s", sym, grouped + 1);
    else
        utf8_snprintf(out, size, "%s%s", sym, grouped);
    return out;
}

/* A count V (×10^4): "120", "2.5"; grouped in en. */
static char *fmt_count(const struct achieve_input *in, int64_t v, char *out, size_t size)
{
    char plain[NUM_MAX];
    goal_target_format(MU_COUNT, v, 0, plain, sizeof plain);
    if (lang_zh(in->lang))
        utf8_snprintf(out, size, "%s", plain);
    else
        group_thousands(plain, out, size);
    return out;
}

/* A count V (×10^4) that is an average (visits per deal, per person and day;
 * people by weight) as people read it: one decimal, two below 1 (0.20), so a
 * rate is not printed as 1.5044 visits. */
static char *fmt_avg(const struct achieve_input *in, int64_t v, char *out, size_t size)
{
    int64_t q = v > -GOAL_SCALE && v < GOAL_SCALE ? 100 : 1000;
    return fmt_count(in, clamp64(div_round(v, q) * q), out, size);
}

/* A count V (×10^4) of whole things (visits, deals, days) rounded to a whole
 * number: 2923 visits, not 2922.8288. */
static char *fmt_whole(const struct achieve_input *in, int64_t v, char *out, size_t size)
{
    return fmt_count(in, clamp64(div_round(v, GOAL_SCALE) * GOAL_SCALE), out, size);
}

/* A value V (×10^4) of the input's unit, as people read it. */
static char *fmt_value(const struct achieve_input *in, int64_t v, char *out, size_t size)
{
    switch (in->unit) {
    case MU_MONEY:
        return fmt_money(in, v, out, size);
    case MU_COUNT:
        return fmt_count(in, v, out, size);
    case MU_RATIO:
        return fmt_pct(v, false, out, size); /* a ratio ×10^4 is basis points */
    case MU_SCORE:                           /* two decimals, as display.h shows scores */
        goal_target_format(MU_SCORE, clamp64(div_round(v, 100) * 100), 0, out, size);
        trim_zeros(out);
        return out;
    }
    out[0] = '\0';
    return out;
}

/* NUM / DEN as a multiple with one decimal ("3.2"); DEN > 0. */
static char *fmt_times(int64_t num, int64_t den, char *out, size_t size)
{
    int64_t tenths = clamp64(div_round((__int128)num * 10, den));
    int64_t a = tenths < 0 ? -tenths : tenths;
    utf8_snprintf(out, size, "%s%lld.%lld", tenths < 0 ? "-" : "", (long long)(a / 10),
                  (long long)(a % 10));
    return out;
}

/* One step better (-1) or worse (+1), within the three verdicts. */
static enum achieve_verdict step(enum achieve_verdict v, int by)
{
    int r = (int)v + by;
    return r < ACHIEVE_COMFORTABLE   ? ACHIEVE_COMFORTABLE
           : r > ACHIEVE_UNREALISTIC ? ACHIEVE_UNREALISTIC
                                     : (enum achieve_verdict)r;
}

/* The worse of A and B. */
static enum achieve_verdict worse(enum achieve_verdict a, enum achieve_verdict b)
{
    return a > b ? a : b;
}

const char *achieve_verdict_name(enum achieve_verdict v)
{
    switch (v) {
    case ACHIEVE_COMFORTABLE:
        return "comfortable";
    case ACHIEVE_STRETCH:
        return "stretch";
    case ACHIEVE_UNREALISTIC:
        return "unrealistic";
    }
    return "";
}

const char *achieve_verdict_label(enum achieve_verdict v, const char *lang)
{
    if (!lang_zh(lang))
        return achieve_verdict_name(v);
    switch (v) {
    case ACHIEVE_COMFORTABLE:
        return "稳妥";
    case ACHIEVE_STRETCH:
        return "有挑战";
    case ACHIEVE_UNREALISTIC:
        return "不现实";
    }
    return "";
}

/* ---- growth and peers --------------------------------------------------- */

/* Required growth of TARGET over REF (> 0), in basis points. */
static int32_t growth_bp(int64_t target, int64_t ref)
{
    return clamp32(div_round(((__int128)target - ref) * 10000, ref));
}

/* qsort order of int32s. */
static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The P-th percentile (0..100) of sorted S[0..N), N > 0, linear between ranks. */
static int32_t percentile(const int32_t *s, size_t n, int p)
{
    int64_t pos100 = (int64_t)p * (int64_t)(n - 1); /* rank × 100 */
    size_t lo = (size_t)(pos100 / 100);
    int64_t frac = pos100 % 100;
    if (lo + 1 >= n || frac == 0)
        return s[lo];
    return clamp32(s[lo] + div_round(((__int128)s[lo + 1] - s[lo]) * frac, 100));
}

/* Mid-rank of G among S[0..N): share of peers below it, ties counting half, 0..100. */
static int32_t mid_rank(const int32_t *s, size_t n, int32_t g)
{
    size_t below = 0, equal = 0;
    for (size_t i = 0; i < n; i++) {
        below += s[i] < g;
        equal += s[i] == g;
    }
    return (int32_t)div_round((__int128)(2 * below + equal) * 100, 2 * (__int128)n);
}

/* Rule 1: the base verdict from growth and peers; writes its reasons. */
static enum achieve_verdict judge_growth(const struct achieve_input *in, struct achieve_result *out)
{
    bool zh = lang_zh(in->lang);
    char a[NUM_MAX], b[NUM_MAX], c[NUM_MAX];
    bool yoy_ok = in->has_last_year && in->last_year > 0;
    bool pop_ok = in->has_prev && in->prev > 0;

    if (yoy_ok) {
        out->growth_yoy_bp = growth_bp(in->target, in->last_year);
        out->has_growth_yoy = true;
    }
    if (pop_ok) {
        out->growth_prev_bp = growth_bp(in->target, in->prev);
        out->has_growth_prev = true;
    }

    int32_t *peers = NULL;
    if (in->n_peers && in->peer_growth_bp) {
        peers = xmalloc(in->n_peers * sizeof *peers);
        memcpy(peers, in->peer_growth_bp, in->n_peers * sizeof *peers);
        qsort(peers, in->n_peers, sizeof *peers, cmp_i32);
    }

    if (!yoy_ok && !pop_ok) {
        const char *why;
        if (in->has_last_year || in->has_prev)
            why =
                zh ? "去年同期和上期为 0" : "the same period last year and the previous one were 0";
        else
            why = zh ? "没有去年同期和上期数据"
                     : "no data for the same period last year or the "
                       "previous one";
        reason(out,
               zh ? "无可比历史（%s），无法计算所需增长 → 有挑战"
                  : "no comparable history (%s): the required growth is unknown → stretch",
               why);
        if (peers)
            reason(out,
                   zh ? "同级（%zu 个）增长中位数 %s，仅供参考"
                      : "peers (%zu) grew a median %s; shown only",
                   in->n_peers, fmt_pct(percentile(peers, in->n_peers, 50), true, a, sizeof a));
        free(peers);
        return ACHIEVE_STRETCH;
    }

    int32_t g = yoy_ok ? out->growth_yoy_bp : out->growth_prev_bp;
    int64_t ref = yoy_ok ? in->last_year : in->prev;
    enum achieve_verdict by_growth = g <= 1000   ? ACHIEVE_COMFORTABLE
                                     : g <= 3000 ? ACHIEVE_STRETCH
                                                 : ACHIEVE_UNREALISTIC;
    const char *effect_en = g <= 1000   ? "up to +10% → comfortable"
                            : g <= 3000 ? "up to +30% → stretch"
                                        : "over +30% → unrealistic";
    const char *effect_zh = g <= 1000   ? "不超过 10% → 稳妥"
                            : g <= 3000 ? "不超过 30% → 有挑战"
                                        : "超过 30% → 不现实";
    fmt_value(in, ref, b, sizeof b);
    fmt_value(in, in->target, c, sizeof c);
    if (g < 0) {
        fmt_pct(-(int64_t)g, false, a, sizeof a);
        if (zh)
            reason(out, "目标比%s低 %s（%s %s → 目标 %s）：低于历史 → 稳妥",
                   yoy_ok ? "去年同期" : "上期", a, yoy_ok ? "去年同期" : "上期", b, c);
        else
            reason(out, "target is %s below %s (%s → target %s): lower than history → comfortable",
                   a, yoy_ok ? "the same period last year" : "the previous period", b, c);
    } else {
        fmt_pct(g, !zh, a, sizeof a);
        if (zh)
            reason(out, "需要%s增长 %s（%s %s → 目标 %s）：%s", yoy_ok ? "同比" : "环比", a,
                   yoy_ok ? "去年同期" : "上期", b, c, effect_zh);
        else
            reason(out, "needs %s %s (%s → target %s): %s", a,
                   yoy_ok ? "year over year" : "over the previous period", b, c, effect_en);
    }
    if (yoy_ok && pop_ok) {
        fmt_pct(out->growth_prev_bp, true, a, sizeof a);
        fmt_value(in, in->prev, b, sizeof b);
        reason(out,
               zh ? "环比：%s（上期 %s），仅供参考，判断以同比为准"
                  : "over the previous period: %s (%s); shown only, the verdict uses year "
                    "over year",
               a, b);
    }

    enum achieve_verdict base = by_growth;
    if (peers) {
        size_t n = in->n_peers;
        int32_t p50 = percentile(peers, n, 50), p75 = percentile(peers, n, 75),
                p90 = percentile(peers, n, 90);
        out->peer_percentile = mid_rank(peers, n, g);
        fmt_pct(p50, true, a, sizeof a);
        fmt_pct(g, true, b, sizeof b);
        if (n < ACHIEVE_MIN_PEERS) {
            reason(out,
                   zh ? "同级只有 %zu 个（增长中位数 %s），太少，不作比较"
                      : "only %zu peers (median growth %s): too few to compare, not used",
                   n, a);
        } else {
            if (g <= 1000 && g <= p75)
                base = ACHIEVE_COMFORTABLE;
            else if (g <= 3000 || g <= p90)
                base = ACHIEVE_STRETCH;
            else
                base = ACHIEVE_UNREALISTIC;
            char d[NUM_MAX], e[NUM_MAX];
            fmt_pct(p75, true, c, sizeof c);
            fmt_pct(p90, true, d, sizeof d);
            const char *pos_en = g <= p75   ? "within their 75th percentile"
                                 : g <= p90 ? "within their 90th percentile"
                                            : "above their 90th percentile";
            const char *pos_zh = g <= p75   ? "不高于 75 分位"
                                 : g <= p90 ? "不高于 90 分位"
                                            : "高于 90 分位";
            utf8_snprintf(e, sizeof e, "%d", out->peer_percentile);
            if (zh)
                reason(out,
                       "同级（%zu 个）增长中位数 %s、75 分位 %s、90 分位 %s；所需 %s 位于第 %s "
                       "百分位，%s → %s",
                       n, a, c, d, b, e, pos_zh, achieve_verdict_label(base, "zh"));
            else
                reason(out,
                       "peers (%zu) grew median %s, 75th pct %s, 90th pct %s; the required %s is "
                       "at the %sth percentile, %s → %s",
                       n, a, c, d, b, e, pos_en, achieve_verdict_name(base));
        }
    }
    free(peers);
    return base;
}

/* ---- funnel, capacity, coverage ---------------------------------------- */

/* Metrics whose money target comes from won deals (rule 2, rule 4). */
static bool money_deal_metric(enum metric_id m)
{
    return m == METRIC_REVENUE || m == METRIC_WON_VALUE || m == METRIC_COLLECTIONS;
}

/* Metrics whose count target is a count of won deals. */
static bool count_deal_metric(enum metric_id m)
{
    return m == METRIC_DEALS_WON || m == METRIC_NEW_CUSTOMERS;
}

/* Rule 2: deals to work and visits needed; writes its reason. */
static void judge_funnel(const struct achieve_input *in, struct achieve_result *out)
{
    bool zh = lang_zh(in->lang);
    char a[NUM_MAX], c[NUM_MAX], d[NUM_MAX], tail[128];
    bool money = money_deal_metric(in->metric), count = count_deal_metric(in->metric);

    if (in->metric == METRIC_VISITS) {
        out->visits_needed = clamp64(div_ceil(in->target, GOAL_SCALE) * GOAL_SCALE);
        return;
    }
    if (!money && !count)
        return;
    if ((money && in->avg_deal_size <= 0) || in->win_rate_bp <= 0) {
        char missing[96] = "";
        if (money && in->avg_deal_size <= 0)
            utf8_snprintf(missing, sizeof missing, "%s",
                          zh ? "平均成交金额" : "no average deal size");
        if (in->win_rate_bp <= 0) {
            size_t len = strlen(missing);
            utf8_snprintf(missing + len, sizeof missing - len, "%s%s",
                          len ? (zh ? "、" : ", ") : "", zh ? "赢单率" : "no win rate");
        }
        reason(out,
               zh ? "漏斗数据不足（缺%s），未估算所需商机和拜访"
                  : "funnel unknown (%s): deals and visits needed not estimated",
               missing);
        return;
    }

    /* deals to work = target ÷ avg ÷ win rate, whole deals */
    int64_t deals; /* whole deals; clamped so that the products below stay in 128 bits */
    if (money)
        deals = clamp64(div_ceil((__int128)in->target * GOAL_SCALE,
                                 (__int128)in->avg_deal_size * in->win_rate_bp));
    else
        deals = clamp64(div_ceil(in->target, in->win_rate_bp));
    out->deals_needed = clamp64((__int128)deals * GOAL_SCALE);
    fmt_count(in, out->deals_needed, d, sizeof d);

    tail[0] = '\0';
    if (in->visits_per_deal > 0) {
        char e[NUM_MAX], f[NUM_MAX];
        out->visits_needed =
            clamp64(div_ceil((__int128)deals * in->visits_per_deal, GOAL_SCALE) * GOAL_SCALE);
        fmt_avg(in, in->visits_per_deal, e, sizeof e);
        fmt_whole(in, out->visits_needed, f, sizeof f);
        utf8_snprintf(tail, sizeof tail,
                      zh ? " × 每个 %s 次拜访 = 需拜访 %s 次" : " × %s visits each = %s visits", e,
                      f);
    } else {
        utf8_snprintf(tail, sizeof tail, "%s",
                      zh ? "；每个商机的拜访次数未知" : "; visits per deal unknown");
    }
    fmt_pct(in->win_rate_bp, false, c, sizeof c);
    fmt_value(in, in->target, a, sizeof a);
    if (money) {
        char b[NUM_MAX];
        fmt_money(in, in->avg_deal_size, b, sizeof b);
        reason(out,
               zh ? "漏斗：%s ÷ 平均成交 %s ÷ 赢单率 %s = 需跟进 %s 个商机%s"
                  : "funnel: %s ÷ avg deal %s ÷ win rate %s = %s deals to work%s",
               a, b, c, d, tail);
    } else {
        reason(out,
               zh ? "漏斗：赢单 %s 个 ÷ 赢单率 %s = 需跟进 %s 个商机%s"
                  : "funnel: %s won ÷ win rate %s = %s deals to work%s",
               a, c, d, tail);
    }
}

/* Rule 3: visits needed against capacity; returns the verdict after it. */
static enum achieve_verdict judge_capacity(const struct achieve_input *in,
                                           struct achieve_result *out, enum achieve_verdict v)
{
    bool zh = lang_zh(in->lang);
    char a[NUM_MAX], b[NUM_MAX], c[NUM_MAX], d[NUM_MAX], e[NUM_MAX], f[NUM_MAX];
    int64_t eff_milli =
        in->weight_sum_milli > 0 ? in->weight_sum_milli : clamp64((__int128)in->people * 1000);
    bool known = eff_milli > 0 && in->visits_per_person_day > 0 && in->working_days > 0;
    if (known)
        out->visits_capacity =
            clamp64((__int128)clamp64((__int128)eff_milli * in->visits_per_person_day / 1000) *
                    in->working_days);
    if (!out->visits_needed)
        return v;
    fmt_count(in, out->visits_needed, b, sizeof b);
    if (!known || out->visits_capacity <= 0) {
        reason(out,
               zh ? "产能未知（缺人员、近期拜访频率或工作日）：所需 %s 次拜访无法比较"
                  : "capacity unknown (no people, recent visit rate or working days): %s "
                    "visits needed not compared",
               b);
        return v;
    }
    __int128 need = out->visits_needed, cap = out->visits_capacity;
    const char *eff_en, *eff_zh;
    if (need <= cap) {
        eff_en = "within capacity";
        eff_zh = "在产能之内";
    } else if (need * 10 <= cap * 12) {
        v = worse(v, ACHIEVE_STRETCH);
        eff_en = "tight, over capacity → at best stretch";
        eff_zh = "略超产能 → 最多有挑战";
    } else if (need * 10 <= cap * 15) {
        v = step(v, +1);
        eff_en = "over 1.2× capacity → one step worse";
        eff_zh = "超过产能 1.2 倍 → 降低一级";
    } else {
        v = ACHIEVE_UNREALISTIC;
        eff_en = "over 1.5× capacity → unrealistic";
        eff_zh = "超过产能 1.5 倍 → 不现实";
    }
    fmt_avg(in, clamp64((__int128)eff_milli * 10), a, sizeof a); /* ×1000 → ×10^4 */
    fmt_avg(in, in->visits_per_person_day, c, sizeof c);
    fmt_whole(in, clamp64((__int128)in->working_days * GOAL_SCALE), d, sizeof d);
    fmt_whole(in, out->visits_capacity, e, sizeof e);
    fmt_pct(clamp64(div_round(need * 10000, cap)), false, f, sizeof f);
    bool weighted = in->weight_sum_milli > 0;
    if (zh)
        reason(out, "产能：%s 人%s × 每人每天 %s 次拜访 × %s 个工作日 = %s 次；需 %s 次，占 %s：%s",
               a, weighted ? "（按权重）" : "", c, d, e, b, f, eff_zh);
    else
        reason(out,
               "capacity: %s %speople × %s visits/day × %s working days = %s visits; %s needed "
               "is %s of it: %s",
               a, weighted ? "weighted " : "", c, d, e, b, f, eff_en);
    return v;
}

/* Rule 4: pipeline coverage; returns the verdict after it. */
static enum achieve_verdict judge_coverage(const struct achieve_input *in,
                                           struct achieve_result *out, enum achieve_verdict v)
{
    bool zh = lang_zh(in->lang);
    char a[NUM_MAX], b[NUM_MAX], c[NUM_MAX];
    if (!in->has_coverage || !money_deal_metric(in->metric) || in->target <= 0)
        return v;
    out->coverage = (struct metric_value){true, in->open_pipeline, in->target};
    __int128 open = in->open_pipeline, target = in->target;
    const char *eff_en, *eff_zh;
    if (open >= 3 * target) {
        v = step(v, -1);
        eff_en = "at least 3× → one step better";
        eff_zh = "不低于 3 倍 → 提升一级";
    } else if (open < target && out->thin_history) {
        v = step(v, +1);
        eff_en = "under 1× with thin history → one step worse";
        eff_zh = "不足 1 倍且历史数据少 → 降低一级";
    } else if (open < target) {
        eff_en = "under 1×: most of the target has no deal yet (noted)";
        eff_zh = "不足 1 倍：大部分目标尚无商机支撑（仅提示）";
    } else {
        eff_en = "between 1× and 3×: no change";
        eff_zh = "1 至 3 倍之间，不调整";
    }
    fmt_times(in->open_pipeline, in->target, a, sizeof a);
    fmt_money(in, in->open_pipeline, b, sizeof b);
    fmt_money(in, in->target, c, sizeof c);
    reason(out,
           zh ? "商机覆盖 %s 倍（在途商机 %s / 目标 %s）：%s"
              : "pipeline coverage %s× (open %s / target %s): %s",
           a, b, c, zh ? eff_zh : eff_en);
    return v;
}

/* ---- the judge ---------------------------------------------------------- */

void achieve_judge(const struct achieve_input *in, struct achieve_result *out)
{
    bool zh = lang_zh(in->lang);
    memset(out, 0, sizeof *out);
    out->peer_percentile = -1;
    out->thin_history = in->history_periods < 2;

    if (in->target <= 0) {
        out->verdict = ACHIEVE_COMFORTABLE;
        reason(out, zh ? "目标为 0 → 稳妥" : "the target is 0 → comfortable");
        return;
    }
    enum achieve_verdict v = judge_growth(in, out);
    judge_funnel(in, out);
    v = judge_coverage(in, out, v);
    v = judge_capacity(in, out, v);

    if (out->thin_history) {
        __int128 need = out->visits_needed, cap = out->visits_capacity;
        bool cap_known = need > 0 && cap > 0, cov_known = out->coverage.defined;
        __int128 open = out->coverage.num, target = out->coverage.den;
        bool supported =
            ((cap_known && need * 10 <= cap * 8) || (cov_known && open >= 3 * target)) &&
            !(cap_known && need > cap) && !(cov_known && open < target);
        if (!supported)
            v = worse(v, ACHIEVE_STRETCH);
        int h = in->history_periods < 0 ? 0 : in->history_periods;
        if (zh)
            reason(out, "历史数据少（%d 个周期有数据）：最多判为有挑战，除非产能或商机明显支持%s",
                   h, supported ? "；产能或商机明显支持" : "");
        else
            reason(out,
                   "thin history (%d period%s with data): at best stretch unless capacity or "
                   "pipeline clearly support it%s",
                   h, h == 1 ? "" : "s", supported ? "; they do" : "");
    }
    out->verdict = v;
}
