/*
 * test_smart.c — table-driven tests of domain/smart.c: the SMART letters of
 * vague and good goals in zh and en, the R and T rules, and the
 * metric/objective fit table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/achieve.h"
#include "domain/smart.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Fail unless the letter's ok is OK and its reason is non-empty and holds WANT (when set). */
static void check_letter(const char *what, const struct smart_letter *l, bool ok, const char *want)
{
    if (l->ok != ok)
        fail_msg("%s: ok %d, want %d (%s)", what, l->ok, ok, l->reason);
    if (!l->reason[0])
        fail_msg("%s: empty reason", what);
    if (want && !strstr(l->reason, want))
        fail_msg("%s: reason \"%s\" lacks \"%s\"", what, l->reason, want);
}

/* "提高销售额": a metric, vague, no scope, no target, no period. */
static struct smart_input vague_input(void)
{
    struct smart_input in = {0};
    in.has_metric = true;
    in.metric = METRIC_REVENUE;
    in.vague = true;
    in.verdict = -1;
    return in;
}

/* "在下季度将华东团队销售额提高20%", aligned and with checkpoints. */
static struct smart_input good_input(void)
{
    struct smart_input in = {0};
    in.has_metric = in.has_scope = in.has_owner = in.has_target = true;
    in.metric = METRIC_REVENUE;
    in.verdict = ACHIEVE_STRETCH;
    in.verdict_reason = "needs +20.0% year over year";
    in.has_objective = true;
    in.objective_title = "业绩增长";
    in.metric_fits_objective = smart_metric_fits(in.metric, in.objective_title, NULL, 0);
    in.bounded_period = true;
    in.has_checkpoints = true;
    return in;
}

static void test_vague_zh(void **state)
{
    (void)state;
    struct smart_input in = vague_input();
    struct smart_result r;
    smart_check(&in, "zh", &r);
    check_letter("S", &r.s, false, "范围");
    check_letter("S", &r.s, false, "负责人");
    check_letter("M", &r.m, false, "目标值");
    check_letter("A", &r.a, false, "目标值");
    check_letter("R", &r.r, false, "战略目标");
    check_letter("T", &r.t, false, "周期");
    assert_int_equal(r.score, 0);
}

static void test_vague_en(void **state)
{
    (void)state;
    struct smart_input in = vague_input();
    struct smart_result r;
    smart_check(&in, "en", &r);
    check_letter("S", &r.s, false, "scope");
    check_letter("S", &r.s, false, "vague");
    check_letter("M", &r.m, false, "target");
    check_letter("T", &r.t, false, "period");
    assert_int_equal(r.score, 0);
    /* vague wording alone, everything else named */
    in.has_scope = in.has_owner = true;
    smart_check(&in, NULL, &r);
    check_letter("S", &r.s, false, "vague");
}

static void test_good_goal(void **state)
{
    (void)state;
    struct smart_input in = good_input();
    struct smart_result r;
    smart_check(&in, "en", &r);
    check_letter("S", &r.s, true, "revenue");
    check_letter("M", &r.m, true, "money");
    check_letter("A", &r.a, true, "stretch: needs +20.0%");
    check_letter("R", &r.r, true, "业绩增长");
    check_letter("T", &r.t, true, "checkpoints");
    assert_int_equal(r.score, 5);
    smart_check(&in, "zh-CN", &r);
    check_letter("S", &r.s, true, "销售额");
    check_letter("A", &r.a, true, "有挑战");
    check_letter("T", &r.t, true, "检查点");
    assert_int_equal(r.score, 5);
}

static void test_letter_m_and_a(void **state)
{
    (void)state;
    struct smart_input in = good_input();
    struct smart_result r;
    in.has_metric = false; /* a number with nothing to measure */
    smart_check(&in, "en", &r);
    check_letter("M", &r.m, false, "no metric");
    in = good_input();
    in.verdict = ACHIEVE_UNREALISTIC;
    in.verdict_reason = NULL;
    smart_check(&in, "en", &r);
    check_letter("A", &r.a, false, "unrealistic");
    assert_int_equal(r.score, 4);
    in.verdict = -1;
    smart_check(&in, "zh", &r);
    check_letter("A", &r.a, false, "未判断");
    in.verdict = ACHIEVE_COMFORTABLE;
    smart_check(&in, "zh", &r);
    check_letter("A", &r.a, true, "稳妥");
}

static void test_relevant(void **state)
{
    (void)state;
    struct smart_input in = good_input();
    struct smart_result r;
    in.has_objective = false;
    in.objective_title = NULL;
    smart_check(&in, "en", &r);
    check_letter("R", &r.r, false, "not linked");
    smart_check(&in, "zh", &r);
    check_letter("R", &r.r, false, "未关联");
    in.has_parent = true; /* a parent goal is enough */
    smart_check(&in, "en", &r);
    check_letter("R", &r.r, true, "parent");

    in = good_input();
    in.metric = METRIC_CSAT;
    in.objective_title = "拓展新市场";
    in.metric_fits_objective = smart_metric_fits(in.metric, in.objective_title, NULL, 0);
    assert_false(in.metric_fits_objective);
    smart_check(&in, "zh", &r);
    check_letter("R", &r.r, false, "拓展新市场");
    smart_check(&in, "en", &r);
    check_letter("R", &r.r, false, "csat");
}

static void test_time_bound(void **state)
{
    (void)state;
    struct smart_input in = good_input();
    struct smart_result r;
    in.has_checkpoints = false;
    in.period_is_short = true; /* a month */
    smart_check(&in, "en", &r);
    check_letter("T", &r.t, true, "month or shorter");
    smart_check(&in, "zh", &r);
    check_letter("T", &r.t, true, "不需要检查点");
    in.period_is_short = false; /* a year */
    smart_check(&in, "en", &r);
    check_letter("T", &r.t, false, "checkpoints");
    smart_check(&in, "zh", &r);
    check_letter("T", &r.t, false, "检查点");
    in.bounded_period = false;
    smart_check(&in, "zh", &r);
    check_letter("T", &r.t, false, "周期");
}

/* Is S a sequence of whole UTF-8 characters (lead bytes followed by all their continuations)? */
static bool whole_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

/* A reason cut at the limit ends on a whole character. */
static void test_long_reason(void **state)
{
    (void)state;
    char title[400];
    memset(title, 0, sizeof title);
    for (size_t i = 0; i + 3 < sizeof title; i += 3)
        memcpy(title + i, "长", 3);
    struct smart_input in = good_input();
    struct smart_result r;
    in.objective_title = title;
    smart_check(&in, "zh", &r);
    assert_true(strlen(r.r.reason) > 200 && strlen(r.r.reason) < SMART_REASON_MAX);
    assert_true(whole_utf8(r.r.reason));
}

struct fit_case {
    enum metric_id metric;
    const char *title;
    bool fits;
    const char *why; /* substring of the English why */
};

static const struct fit_case fit_cases[] = {
    {METRIC_NEW_CUSTOMERS, "拓展新市场", true, "new market"},
    {METRIC_CSAT, "拓展新市场", false, "new_customers"},
    {METRIC_REVENUE, "开拓华南市场", true, "serves"},
    {METRIC_MARKET_SHARE, "Expand into new markets", true, "new market"},
    {METRIC_VISITS, "New Market entry", true, NULL},
    {METRIC_COLLECTIONS, "拓展新市场", false, "does not serve"},
    {METRIC_RETENTION_RATE, "提升老客户留存", true, "retention"},
    {METRIC_NPS, "Customer retention", true, NULL},
    {METRIC_REVENUE, "续约率提升", false, "retention_rate"},
    {METRIC_CSAT, "提升客户满意度", true, "satisfaction"},
    {METRIC_NPS, "优质服务与口碑", true, NULL},
    {METRIC_ORDERS, "Customer satisfaction", false, "csat"},
    {METRIC_REVENUE, "业绩增长", true, "growth"},
    {METRIC_WON_VALUE, "Revenue growth 2027", true, NULL},
    {METRIC_PIPELINE, "营收翻番", true, NULL},
    {METRIC_AVG_DEAL_SIZE, "收入增长", true, NULL},
    {METRIC_VISITS, "业绩增长", false, "orders"},
    {METRIC_COLLECTIONS, "加快回款", true, "cash"},
    {METRIC_COLLECTIONS, "Cash flow first", true, NULL},
    {METRIC_REVENUE, "现金为王", false, "collections"},
    {METRIC_WIN_RATE, "提高销售效率", true, "efficiency"},
    {METRIC_MEETINGS, "Sales EFFICIENCY", true, NULL},
    {METRIC_DEALS_WON, "提升赢单能力", true, NULL},
    {METRIC_NPS, "提高销售效率", false, "win_rate"},
    {METRIC_CSAT, "数字化转型", true, "cannot tell"},
    {METRIC_REVENUE, NULL, true, "cannot tell"},
    {METRIC_RETENTION_RATE, "新市场增长与老客户留存", true, "retention"},
    {METRIC_CALLS, "新市场增长与老客户留存", false, "does not serve"},
};

static void test_metric_fits_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(fit_cases); i++) {
        const struct fit_case *c = &fit_cases[i];
        char why[256];
        bool got = smart_metric_fits(c->metric, c->title, why, sizeof why);
        if (got != c->fits)
            fail_msg("row %zu %s/%s: fits %d, want %d (%s)", i, metric_def(c->metric)->key,
                     c->title ? c->title : "(null)", got, c->fits, why);
        if (!why[0] || (c->why && !strstr(why, c->why)))
            fail_msg("row %zu: why \"%s\" lacks \"%s\"", i, why, c->why ? c->why : "");
        char why_zh[256];
        assert_int_equal(smart_metric_fits_lang(c->metric, c->title, "zh", why_zh, sizeof why_zh),
                         c->fits);
        assert_true(why_zh[0] != '\0');
    }
    char tiny[8];
    assert_false(smart_metric_fits(METRIC_CSAT, "拓展新市场", tiny, sizeof tiny));
    assert_true(strlen(tiny) < sizeof tiny);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vague_zh),    cmocka_unit_test(test_vague_en),
        cmocka_unit_test(test_good_goal),   cmocka_unit_test(test_letter_m_and_a),
        cmocka_unit_test(test_relevant),    cmocka_unit_test(test_time_bound),
        cmocka_unit_test(test_long_reason), cmocka_unit_test(test_metric_fits_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
