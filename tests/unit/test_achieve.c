/*
 * test_achieve.c — table-driven tests of domain/achieve.c: the verdict by
 * growth, by peers, by capacity, by pipeline coverage, with thin or no
 * history and unknown funnels, and the numbers and wording of the reasons in
 * en and zh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/achieve.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define YUAN(y) ((int64_t)(y)*100 * 10000) /* ¥ with 2 decimals, ×10^4 */
#define CNT(n)  ((int64_t)(n)*10000)       /* a count ×10^4 */
#define SKIP32  INT32_MIN                  /* do not check this int32 */
#define SKIP64  INT64_MIN                  /* do not check this int64 */

/* Revenue in CNY, eight periods of history, in English, unless a case says otherwise. */
#define REV_ONLY .metric = METRIC_REVENUE, .unit = MU_MONEY, .exponent = 2
#define REV      REV_ONLY, .history_periods = 8
/* A funnel: ¥50,000 deals, 25% win rate, 5 visits per deal worked. */
#define FUNNEL .avg_deal_size = YUAN(50000), .win_rate_bp = 2500, .visits_per_deal = CNT(5)

static const int32_t peers_low[] = {0, 100, 200, 300, 400};
static const int32_t peers_high[] = {1000, 2000, 3000, 4500, 5000, 6000};
static const int32_t peers_mid[] = {0, 500, 1000, 1500};
static const int32_t peers_two[] = {0, 100};

struct achieve_case {
    const char *name;
    struct achieve_input in;
    enum achieve_verdict verdict;
    int32_t yoy_bp, prev_bp;         /* SKIP32, or the growth wanted (INT32_MAX: must be absent) */
    int32_t percentile;              /* SKIP32 or the peer percentile (-1 unknown) */
    int64_t deals, visits, capacity; /* SKIP64 or ×10^4 */
    bool thin;
    const char *reason; /* substring of one of the reasons */
};

#define ABSENT INT32_MAX

static const struct achieve_case cases[] = {
    {"growth 8% → comfortable",
     {REV, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_COMFORTABLE,
     800,
     ABSENT,
     -1,
     0,
     0,
     0,
     false,
     "needs +8.0% year over year (1,000,000.00 → target 1,080,000.00): up to +10% → comfortable"},
    {"growth 20% → stretch",
     {REV, .target = YUAN(1200000), .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_STRETCH,
     2000,
     ABSENT,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "up to +30% → stretch"},
    {"growth 50% → unrealistic",
     {REV, .target = YUAN(1500000), .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_UNREALISTIC,
     5000,
     ABSENT,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "over +30% → unrealistic"},
    {"previous period only",
     {REV, .target = YUAN(1050000), .has_prev = true, .prev = YUAN(1000000)},
     ACHIEVE_COMFORTABLE,
     ABSENT,
     500,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "needs +5.0% over the previous period"},
    {"both references: yoy decides, pop shown",
     {REV, .target = YUAN(1200000), .has_last_year = true, .last_year = YUAN(1150000),
      .has_prev = true, .prev = YUAN(800000)},
     ACHIEVE_COMFORTABLE,
     435,
     5000,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "over the previous period: +50.0% (800,000.00); shown only"},
    {"peers grew less: 8% is above their 75th → stretch",
     {REV, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .peer_growth_bp = peers_low, .n_peers = N_OF(peers_low)},
     ACHIEVE_STRETCH,
     800,
     SKIP32,
     100,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "peers (5) grew median +2.0%, 75th pct +3.0%, 90th pct +3.6%"},
    {"peers grew more: 40% within their 90th → stretch",
     {REV, .target = YUAN(1400000), .has_last_year = true, .last_year = YUAN(1000000),
      .peer_growth_bp = peers_high, .n_peers = N_OF(peers_high)},
     ACHIEVE_STRETCH,
     4000,
     SKIP32,
     50,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "the required +40.0% is at the 50th percentile, within their 75th percentile → stretch"},
    {"peers do not reach 40% → unrealistic",
     {REV, .target = YUAN(1400000), .has_last_year = true, .last_year = YUAN(1000000),
      .peer_growth_bp = peers_mid, .n_peers = N_OF(peers_mid)},
     ACHIEVE_UNREALISTIC,
     4000,
     SKIP32,
     100,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "above their 90th percentile → unrealistic"},
    {"two peers are too few",
     {REV, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .peer_growth_bp = peers_two, .n_peers = N_OF(peers_two)},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     100,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "only 2 peers (median growth +0.5%): too few to compare"},
    {"capacity: needs 5.4× → unrealistic",
     {REV, FUNNEL, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .people = 2, .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_UNREALISTIC,
     800,
     SKIP32,
     -1,
     CNT(87),
     CNT(435),
     CNT(80),
     false,
     "capacity: 2 people × 2 visits/day × 20 working days = 80 visits; 435 needed is 543.8% of "
     "it: over 1.5× capacity → unrealistic"},
    {"capacity: 1.36× → one step worse (comfortable → stretch)",
     {REV, FUNNEL, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .people = 8, .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_STRETCH,
     800,
     SKIP32,
     -1,
     CNT(87),
     CNT(435),
     CNT(320),
     false,
     "over 1.2× capacity → one step worse"},
    {"capacity: 1.33× → one step worse (stretch → unrealistic)",
     {REV, FUNNEL, .target = YUAN(1200000), .has_last_year = true, .last_year = YUAN(1000000),
      .people = 9, .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_UNREALISTIC,
     2000,
     SKIP32,
     -1,
     CNT(96),
     CNT(480),
     CNT(360),
     false,
     "funnel: 1,200,000.00 ÷ avg deal 50,000.00 ÷ win rate 25.0% = 96 deals to work × 5 visits "
     "each = 480 visits"},
    {"capacity: 1.09× is tight → stretch",
     {REV, FUNNEL, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .people = 10, .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_STRETCH,
     800,
     SKIP32,
     -1,
     CNT(87),
     CNT(435),
     CNT(400),
     false,
     "tight, over capacity → at best stretch"},
    {"capacity by weights: within",
     {REV, FUNNEL, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .people = 14, .weight_sum_milli = 12500, .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     -1,
     CNT(87),
     CNT(435),
     CNT(500),
     false,
     "12.5 weighted people"},
    {"capacity unknown",
     {REV, FUNNEL, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     -1,
     CNT(87),
     CNT(435),
     0,
     false,
     "capacity unknown (no people, recent visit rate or working days): 435 visits needed"},
    {"coverage 3× → stretch becomes comfortable",
     {REV, .target = YUAN(1200000), .has_last_year = true, .last_year = YUAN(1000000),
      .has_coverage = true, .open_pipeline = YUAN(3600000)},
     ACHIEVE_COMFORTABLE,
     2000,
     SKIP32,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "pipeline coverage 3.0× (open 3,600,000.00 / target 1,200,000.00): at least 3× → one step "
     "better"},
    {"coverage under 1× with thin history → worse",
     {REV_ONLY, .history_periods = 1, .target = YUAN(1200000), .has_prev = true,
      .prev = YUAN(1000000), .has_coverage = true, .open_pipeline = YUAN(600000)},
     ACHIEVE_UNREALISTIC,
     ABSENT,
     2000,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     true,
     "under 1× with thin history → one step worse"},
    {"coverage under 1× with history: noted only",
     {REV, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000),
      .has_coverage = true, .open_pipeline = YUAN(500000)},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "(noted)"},
    {"coverage between 1× and 3×: no change",
     {REV, .target = YUAN(1200000), .has_last_year = true, .last_year = YUAN(1000000),
      .has_coverage = true, .open_pipeline = YUAN(2400000)},
     ACHIEVE_STRETCH,
     2000,
     SKIP32,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "2.0×"},
    {"thin history caps comfortable at stretch",
     {REV_ONLY, .history_periods = 1, .target = YUAN(1050000), .has_prev = true,
      .prev = YUAN(1000000)},
     ACHIEVE_STRETCH,
     ABSENT,
     500,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     true,
     "thin history (1 period with data): at best stretch"},
    {"thin history clearly supported by capacity",
     {REV_ONLY, FUNNEL, .history_periods = 1, .target = YUAN(1050000), .has_prev = true,
      .prev = YUAN(1000000), .people = 10, .visits_per_person_day = CNT(3), .working_days = 20},
     ACHIEVE_COMFORTABLE,
     ABSENT,
     500,
     -1,
     CNT(84),
     CNT(420),
     CNT(600),
     true,
     "pipeline clearly support it; they do"},
    {"unknown funnel: growth alone",
     {REV, .target = YUAN(1080000), .has_last_year = true, .last_year = YUAN(1000000), .people = 10,
      .visits_per_person_day = CNT(2), .working_days = 20},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     -1,
     0,
     0,
     CNT(400),
     false,
     "funnel unknown (no average deal size, no win rate): deals and visits needed not estimated"},
    {"funnel without visits per deal",
     {REV, .avg_deal_size = YUAN(50000), .win_rate_bp = 2500, .target = YUAN(1080000),
      .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_COMFORTABLE,
     800,
     SKIP32,
     -1,
     CNT(87),
     0,
     SKIP64,
     false,
     "87 deals to work; visits per deal unknown"},
    {"target below last year",
     {REV, .target = YUAN(900000), .has_last_year = true, .last_year = YUAN(1000000)},
     ACHIEVE_COMFORTABLE,
     -1000,
     SKIP32,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "target is 10.0% below the same period last year (1,000,000.00 → target 900,000.00)"},
    {"zero history",
     {REV_ONLY, .history_periods = 0, .target = YUAN(1000000)},
     ACHIEVE_STRETCH,
     ABSENT,
     ABSENT,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     true,
     "no comparable history (no data for the same period last year or the previous one)"},
    {"zero history, pipeline 4×",
     {REV_ONLY, .history_periods = 0, .target = YUAN(1000000), .has_coverage = true,
      .open_pipeline = YUAN(4000000)},
     ACHIEVE_COMFORTABLE,
     ABSENT,
     ABSENT,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     true,
     "thin history (0 periods"},
    {"last year was 0",
     {REV_ONLY, .history_periods = 3, .target = YUAN(500000), .has_last_year = true,
      .last_year = 0},
     ACHIEVE_STRETCH,
     ABSENT,
     ABSENT,
     -1,
     SKIP64,
     SKIP64,
     SKIP64,
     false,
     "were 0"},
    {"visits goal against capacity",
     {.metric = METRIC_VISITS,
      .unit = MU_COUNT,
      .history_periods = 6,
      .target = CNT(500),
      .has_last_year = true,
      .last_year = CNT(480),
      .people = 5,
      .visits_per_person_day = CNT(4),
      .working_days = 20},
     ACHIEVE_STRETCH,
     417,
     SKIP32,
     -1,
     0,
     CNT(500),
     CNT(400),
     false,
     "needs +4.2% year over year (480 → target 500)"},
    {"new customers through the funnel",
     {.metric = METRIC_NEW_CUSTOMERS,
      .unit = MU_COUNT,
      .history_periods = 6,
      .target = CNT(30),
      .has_last_year = true,
      .last_year = CNT(28),
      .win_rate_bp = 2500,
      .visits_per_deal = CNT(4),
      .people = 6,
      .visits_per_person_day = CNT(4),
      .working_days = 22},
     ACHIEVE_COMFORTABLE,
     714,
     SKIP32,
     -1,
     CNT(120),
     CNT(480),
     CNT(528),
     false,
     "funnel: 30 won ÷ win rate 25.0% = 120 deals to work × 4 visits each = 480 visits"},
    {"csat score: no funnel",
     {.metric = METRIC_CSAT,
      .unit = MU_SCORE,
      .history_periods = 4,
      .target = 45000,
      .has_last_year = true,
      .last_year = 42000,
      .has_coverage = true,
      .open_pipeline = 1},
     ACHIEVE_COMFORTABLE,
     714,
     SKIP32,
     -1,
     0,
     0,
     SKIP64,
     false,
     "(4.2 → target 4.5)"},
    {"target 0",
     {REV, .target = 0},
     ACHIEVE_COMFORTABLE,
     ABSENT,
     ABSENT,
     -1,
     0,
     0,
     0,
     false,
     "the target is 0"},
};

/* Fail naming case C when one of R's reasons does not hold WANT. */
static void check_reasons(const char *name, const struct achieve_result *r, const char *want)
{
    for (size_t i = 0; i < r->n_reasons; i++)
        if (strstr(r->reasons[i], want))
            return;
    char all[ACHIEVE_MAX_REASONS * (ACHIEVE_REASON_MAX + 3)] = "";
    size_t len = 0;
    for (size_t i = 0; i < r->n_reasons && len < sizeof all; i++) {
        int n = snprintf(all + len, sizeof all - len, " | %s", r->reasons[i]);
        if (n > 0)
            len += (size_t)n;
    }
    fail_msg("%s: no reason holds \"%s\":%s", name, want, all);
}

static void check_i32(const char *name, const char *what, bool has, int32_t got, int32_t want)
{
    if (want == SKIP32)
        return;
    if (want == ABSENT) {
        if (has)
            fail_msg("%s: %s %d, want none", name, what, got);
        return;
    }
    if (!has || got != want)
        fail_msg("%s: %s %d (has %d), want %d", name, what, got, has, want);
}

static void check_i64(const char *name, const char *what, int64_t got, int64_t want)
{
    if (want != SKIP64 && got != want)
        fail_msg("%s: %s %lld, want %lld", name, what, (long long)got, (long long)want);
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(cases); i++) {
        const struct achieve_case *c = &cases[i];
        struct achieve_result r;
        achieve_judge(&c->in, &r);
        if (r.verdict != c->verdict)
            fail_msg("%s: verdict %s, want %s (%s)", c->name, achieve_verdict_name(r.verdict),
                     achieve_verdict_name(c->verdict), r.n_reasons ? r.reasons[0] : "");
        check_i32(c->name, "yoy", r.has_growth_yoy, r.growth_yoy_bp, c->yoy_bp);
        check_i32(c->name, "prev", r.has_growth_prev, r.growth_prev_bp, c->prev_bp);
        check_i32(c->name, "percentile", true, r.peer_percentile, c->percentile);
        check_i64(c->name, "deals", r.deals_needed, c->deals);
        check_i64(c->name, "visits", r.visits_needed, c->visits);
        check_i64(c->name, "capacity", r.visits_capacity, c->capacity);
        if (r.thin_history != c->thin)
            fail_msg("%s: thin %d, want %d", c->name, r.thin_history, c->thin);
        if (r.n_reasons == 0 || r.n_reasons > ACHIEVE_MAX_REASONS)
            fail_msg("%s: %zu reasons", c->name, r.n_reasons);
        for (size_t j = 0; j < r.n_reasons; j++)
            if (!r.reasons[j][0])
                fail_msg("%s: reason %zu empty", c->name, j);
        check_reasons(c->name, &r, c->reason);
        /* the same judgement in Chinese: same numbers, reasons present */
        struct achieve_input zh = c->in;
        zh.lang = "zh";
        struct achieve_result rz;
        achieve_judge(&zh, &rz);
        assert_int_equal(rz.verdict, r.verdict);
        assert_int_equal(rz.n_reasons, r.n_reasons);
        assert_int_equal(rz.visits_needed, r.visits_needed);
    }
}

static void test_coverage_value(void **state)
{
    (void)state;
    struct achieve_input in = {REV,
                               .target = YUAN(1200000),
                               .has_last_year = true,
                               .last_year = YUAN(1000000),
                               .has_coverage = true,
                               .open_pipeline = YUAN(3600000)};
    struct achieve_result r;
    achieve_judge(&in, &r);
    assert_true(r.coverage.defined);
    assert_int_equal(r.coverage.num, YUAN(3600000));
    assert_int_equal(r.coverage.den, YUAN(1200000));
    in.metric = METRIC_ORDERS; /* not a money deal metric: no coverage */
    in.unit = MU_COUNT;
    achieve_judge(&in, &r);
    assert_false(r.coverage.defined);
}

static void test_zh_wording(void **state)
{
    (void)state;
    struct achieve_input in = {REV,
                               .lang = "zh",
                               .currency_symbol = "¥",
                               .target = YUAN(1620000),
                               .has_last_year = true,
                               .last_year = YUAN(1200000),
                               .peer_growth_bp = peers_high,
                               .n_peers = N_OF(peers_high),
                               FUNNEL,
                               .people = 20,
                               .visits_per_person_day = CNT(2),
                               .working_days = 21,
                               .has_coverage = true,
                               .open_pipeline = YUAN(250000000)};
    struct achieve_result r;
    achieve_judge(&in, &r);
    check_reasons("zh", &r,
                  "需要同比增长 35.0%（去年同期 ¥120万 → 目标 ¥162万）：超过 30% → 不现实");
    check_reasons("zh", &r, "同级（6 个）增长中位数 +37.5%");
    check_reasons("zh", &r, "漏斗：¥162万 ÷ 平均成交 ¥5万 ÷ 赢单率 25.0% = 需跟进 130 个商机");
    check_reasons("zh", &r, "商机覆盖 154.3 倍（在途商机 ¥2.5亿 / 目标 ¥162万）");
    check_reasons("zh", &r, "产能：20 人 × 每人每天 2 次拜访 × 21 个工作日 = 840 次");
    assert_string_equal(achieve_verdict_label(r.verdict, "zh"), "稳妥");

    in.lang = "en";
    achieve_judge(&in, &r);
    check_reasons("en", &r, "(¥1,200,000.00 → target ¥1,620,000.00)");
    check_reasons("en", &r, "open ¥250,000,000.00");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(achieve_verdict_name(ACHIEVE_COMFORTABLE), "comfortable");
    assert_string_equal(achieve_verdict_name(ACHIEVE_STRETCH), "stretch");
    assert_string_equal(achieve_verdict_name(ACHIEVE_UNREALISTIC), "unrealistic");
    assert_string_equal(achieve_verdict_label(ACHIEVE_STRETCH, "zh-CN"), "有挑战");
    assert_string_equal(achieve_verdict_label(ACHIEVE_UNREALISTIC, NULL), "unrealistic");
}

/* Extreme values neither overflow nor overrun a reason. */
static void test_extremes(void **state)
{
    (void)state;
    static const int32_t wild[] = {INT32_MIN, INT32_MAX, 0, INT32_MAX};
    struct achieve_input in = {REV,
                               .lang = "zh",
                               .currency_symbol = "人民币",
                               .target = INT64_MAX / 2,
                               .has_last_year = true,
                               .last_year = 1,
                               .has_prev = true,
                               .prev = 3,
                               .peer_growth_bp = wild,
                               .n_peers = N_OF(wild),
                               .avg_deal_size = 1,
                               .win_rate_bp = 1,
                               .visits_per_deal = INT64_MAX,
                               .people = INT64_MAX / 1000,
                               .visits_per_person_day = INT64_MAX,
                               .working_days = INT64_MAX,
                               .has_coverage = true,
                               .open_pipeline = INT64_MAX};
    struct achieve_result r;
    achieve_judge(&in, &r);
    assert_int_equal(r.growth_yoy_bp, INT32_MAX);
    for (size_t i = 0; i < r.n_reasons; i++)
        assert_true(strlen(r.reasons[i]) < ACHIEVE_REASON_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),      cmocka_unit_test(test_coverage_value),
        cmocka_unit_test(test_zh_wording), cmocka_unit_test(test_names),
        cmocka_unit_test(test_extremes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
