/*
 * test_forecast.c — unit tests of domain/forecast: the default category of a
 * stage (names in English and Chinese, the probability thresholds at their
 * edges, no probability), category and cap names, the accuracy ratios
 * (error and bias, rounding half away from zero, no actual), and scorecard
 * attainment with its inversion for lower-is-better goals and the caps.
 * Every expected number is worked out by hand in the tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "domain/forecast.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_stage_default(void **state)
{
    (void)state;
    static const struct {
        const char *stage;
        bool has_prob;
        int64_t prob_bp;
        enum forecast_category want;
        enum forecast_rule rule;
    } cases[] = {
        /* names win over the probability */
        {"Negotiation", true, 1000, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"NEGOTIATION/REVIEW", false, 0, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"Commit", true, 0, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"Contract sent", true, 2000, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"谈判审核", true, 6000, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"合同审批", true, 3000, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"待签约", true, 3000, FORECAST_COMMIT, FORECAST_RULE_NAME},
        {"客户承诺", false, 0, FORECAST_COMMIT, FORECAST_RULE_NAME},
        /* else by probability: >= 70 % commit, >= 40 % best case */
        {"Proposal", true, 7000, FORECAST_COMMIT, FORECAST_RULE_PROBABILITY},
        {"Proposal", true, 6999, FORECAST_BEST_CASE, FORECAST_RULE_PROBABILITY},
        {"方案报价", true, 4000, FORECAST_BEST_CASE, FORECAST_RULE_PROBABILITY},
        {"方案报价", true, 3999, FORECAST_PIPELINE, FORECAST_RULE_PROBABILITY},
        {"初步接洽", true, 1000, FORECAST_PIPELINE, FORECAST_RULE_PROBABILITY},
        {"Qualify", false, 9000, FORECAST_PIPELINE, FORECAST_RULE_PROBABILITY},
        {NULL, true, 8000, FORECAST_COMMIT, FORECAST_RULE_PROBABILITY},
        /* "com" alone is no name of commitment */
        {"Commission check", true, 0, FORECAST_PIPELINE, FORECAST_RULE_PROBABILITY},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        enum forecast_rule rule = FORECAST_RULE_SET;
        enum forecast_category got =
            forecast_stage_default(cases[i].stage, cases[i].has_prob, cases[i].prob_bp, &rule);
        if (got != cases[i].want || rule != cases[i].rule)
            fail_msg("case %zu (%s %lld): got %s by %s, want %s by %s", i,
                     cases[i].stage ? cases[i].stage : "(none)", (long long)cases[i].prob_bp,
                     forecast_category_name(got), forecast_rule_name(rule),
                     forecast_category_name(cases[i].want), forecast_rule_name(cases[i].rule));
    }
}

static void test_names(void **state)
{
    (void)state;
    static const char *const names[] = {"pipeline", "best_case", "commit", "closed", "omitted"};
    for (int c = 0; c < FORECAST_CATEGORY_COUNT; c++) {
        enum forecast_category got;
        assert_string_equal(forecast_category_name((enum forecast_category)c), names[c]);
        assert_true(forecast_category_parse(names[c], &got));
        assert_int_equal(got, c);
    }
    enum forecast_category got;
    assert_true(forecast_category_parse("best-case", &got));
    assert_int_equal(got, FORECAST_BEST_CASE);
    assert_false(forecast_category_parse("Commit", &got));
    assert_false(forecast_category_parse("", &got));
    assert_false(forecast_category_parse(NULL, &got));
    static const struct {
        const char *text;
        bool ok;
        enum scorecard_cap cap;
    } caps[] = {{"100%", true, SCORECARD_CAP_100},  {"100", true, SCORECARD_CAP_100},
                {"120%", true, SCORECARD_CAP_120},  {"none", true, SCORECARD_CAP_NONE},
                {"150%", false, SCORECARD_CAP_100}, {"", false, SCORECARD_CAP_100}};
    for (size_t i = 0; i < N_ITEMS(caps); i++) {
        enum scorecard_cap c = SCORECARD_CAP_100;
        assert_int_equal(scorecard_cap_parse(caps[i].text, &c), caps[i].ok);
        if (caps[i].ok)
            assert_int_equal(c, caps[i].cap);
    }
}

static void test_accuracy(void **state)
{
    (void)state;
    static const struct {
        int64_t commit, actual;
        bool ok;
        int64_t error, bias; /* ×10^8 */
    } cases[] = {
        /* 250000 vs 300000: 1/6 = 0.1666666666... -> 16666667 */
        {250000, 300000, true, 16666667, -16666667},
        /* 320000 vs 300000: 1/15 = 0.0666666666... -> 6666667 */
        {320000, 300000, true, 6666667, 6666667},
        {300000, 300000, true, 0, 0},
        /* nothing called: error 100 %, bias -100 % */
        {0, 300000, true, 100000000, -100000000},
        /* half a unit at 10^-8 rounds away from zero: 1/200000000 of 1 */
        {200000001, 200000000, true, 1, 1},
        {199999999, 200000000, true, 1, -1},
        {100, 0, false, 0, 0},
        {100, -5, false, 0, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int64_t e = -1, b = -1;
        bool ok = forecast_accuracy_e8(cases[i].commit, cases[i].actual, &e, &b);
        assert_int_equal(ok, cases[i].ok);
        if (!ok)
            continue;
        if (e != cases[i].error || b != cases[i].bias)
            fail_msg("case %zu: error %lld bias %lld, want %lld %lld", i, (long long)e,
                     (long long)b, (long long)cases[i].error, (long long)cases[i].bias);
    }
    /* ratios ×10^4 rounded half away from zero */
    assert_int_equal(forecast_ratio_e4(1, 6), 1667);
    assert_int_equal(forecast_ratio_e4(-1, 6), -1667);
    assert_int_equal(forecast_ratio_e4(1, 20000), 1);   /* 0.5 -> 1 */
    assert_int_equal(forecast_ratio_e4(-1, 20000), -1); /* -0.5 -> -1 */
    assert_int_equal(forecast_ratio_e4(494500, 550000), 8991);
}

static void test_attainment(void **state)
{
    (void)state;
    enum { C100 = SCORECARD_CAP_100, C120 = SCORECARD_CAP_120, NONE = SCORECARD_CAP_NONE };
    static const struct {
        bool lower;
        int64_t target, actual;
        int cap;
        bool defined;
        int64_t attainment, counted;
    } cases[] = {
        /* higher: actual / target */
        {false, 250000, 300000, C100, true, 12000, 10000},
        {false, 250000, 300000, C120, true, 12000, 12000},
        {false, 250000, 300000, NONE, true, 12000, 12000},
        {false, 100, 150, C120, true, 15000, 12000},
        {false, 4, 2, C100, true, 5000, 5000},
        {false, 3, 1, C100, true, 3333, 3333},
        {false, 3, 2, C100, true, 6667, 6667},
        /* no target: no ratio, counts 0 */
        {false, 0, 5, C100, false, 0, 0},
        /* refunds: a negative actual counts 0 */
        {false, 100, -50, C100, true, -5000, 0},
        /* lower: inverted, target / actual */
        {true, 2, 1, C100, true, 20000, 10000},
        {true, 2, 1, C120, true, 20000, 12000},
        {true, 2, 1, NONE, true, 20000, 20000},
        {true, 2, 4, C100, true, 5000, 5000},
        {true, 2, 2, C100, true, 10000, 10000},
        /* lower with actual 0: the best outcome counts as the cap */
        {true, 2, 0, C100, false, 0, 10000},
        {true, 2, 0, C120, false, 0, 12000},
        {true, 2, 0, NONE, false, 0, 10000},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        bool defined = !cases[i].defined;
        int64_t att = -7, counted = -7;
        scorecard_attainment(cases[i].lower, cases[i].target, cases[i].actual,
                             (enum scorecard_cap)cases[i].cap, &defined, &att, &counted);
        if (defined != cases[i].defined || att != cases[i].attainment ||
            counted != cases[i].counted)
            fail_msg("case %zu: defined %d attainment %lld counted %lld, want %d %lld %lld", i,
                     defined, (long long)att, (long long)counted, cases[i].defined,
                     (long long)cases[i].attainment, (long long)cases[i].counted);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stage_default),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_accuracy),
        cmocka_unit_test(test_attainment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
