/*
 * test_sentence.c — unit tests of domain/sentence: goals written as one
 * sentence in Chinese and English, read as of 2026-07-15 (a Wednesday in ISO
 * week 29, fiscal years starting in January). Each row of the tables gives the
 * fields expected — metric, scope, period, absolute target or growth and its
 * base, direction, vagueness — and the parts `missing` must name; refused
 * sentences must give AT_INVALID. Expected targets are worked out by hand:
 * money is yuan × 10^6 (fen × 10^4), counts × 10^4, ratios in basis points,
 * scores × 10^4. Messages are not compared word for word.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/display.h"
#include "domain/sentence.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#define NO_METRIC (-1)
#define NO_TARGET INT64_MIN
#define NO_GROWTH INT32_MIN

/* Names the app would pass: people, units and a unit path. */
static const struct sentence_scope names[] = {
    {"华东", "unit:华东"},
    {"华南", "unit:华南"},
    {"华东/上海", "unit:华东/上海"},
    {"上海", "unit:华东/上海"},
    {"East", "unit:East"},
    {"West", "unit:West"},
    {"Sales", "unit:Sales"},
    {"Cara Losch", "person:Cara Losch"},
    {"Anna Snelling", "person:Anna Snelling"},
    {"王芳", "person:王芳"},
    {"李雷", "person:李雷"},
    {"", "unit:empty"},
    {NULL, "unit:null"},
};

/* Day number of an ISO date written in a table; the test fails on a typo. */
static int32_t D(const char *s)
{
    int32_t d = 0;
    if (!cal_parse_iso(s, &d))
        fail_msg("bad date in test table: %s", s);
    return d;
}

/* The context of every case: as of 2026-07-15, the current user 王芳 unless NO_ME. */
static struct sentence_context context(const char *lang, bool no_me)
{
    struct sentence_context ctx = {D("2026-07-15"), 1,           lang,
                                   names,           N_OF(names), no_me ? NULL : "person:王芳"};
    return ctx;
}

/*
 * One sentence and what must be read from it. METRIC NO_METRIC, SCOPE NULL
 * and PERIOD NULL mean "not read"; TARGET NO_TARGET and GROWTH NO_GROWTH too.
 * MISSING lists the parts `missing` must name ("metric target period scope"),
 * "" for none.
 */
struct reading {
    const char *text;
    const char *lang;
    int metric;
    const char *scope;
    const char *period;
    int64_t target;
    int32_t growth;
    enum goal_base base;
    enum goal_direction dir;
    bool vague;
    const char *missing;
};

#define H  GOAL_HIGHER
#define L  GOAL_LOWER
#define B0 GOAL_BASE_NONE
#define BP GOAL_BASE_PREVIOUS
#define BY GOAL_BASE_LAST_YEAR

/* Goals in Chinese. */
static const struct reading zh_cases[] = {
    {"在下季度将销售额提高20%", "zh", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000, BP, H,
     false, "scope"},
    {"华东区本月拜访客户200次", "zh", METRIC_VISITS, "unit:华东", "2026-07", 2000000, NO_GROWTH, B0,
     H, false, ""},
    {"今年回款达到1.5亿", "zh", METRIC_COLLECTIONS, NULL, "2026", 150000000000000, NO_GROWTH, B0, H,
     false, "scope"},
    {"我本季度新增客户15家", "zh", METRIC_NEW_CUSTOMERS, "person:王芳", "2026-Q3", 150000,
     NO_GROWTH, B0, H, false, ""},
    {"2026年客户满意度提升到4.5分", "zh", METRIC_CSAT, NULL, "2026", 45000, NO_GROWTH, B0, H, false,
     "scope"},
    {"市场份额达到8%", "zh", METRIC_MARKET_SHARE, NULL, NULL, 800, NO_GROWTH, B0, H, false,
     "period scope"},
    {"全公司今年营收同比增长15%", "zh", METRIC_REVENUE, "company", "2026", NO_TARGET, 1500, BY, H,
     false, ""},
    {"华南团队下个月订单数达到500单", "zh", METRIC_ORDERS, "unit:华南", "2026-08", 5000000,
     NO_GROWTH, B0, H, false, ""},
    {"王芳团队本季度赢单金额达到300万元", "zh", METRIC_WON_VALUE, "team:王芳", "2026-Q3",
     3000000000000, NO_GROWTH, B0, H, false, ""},
    {"李雷2026年第3季度签单数完成20个", "zh", METRIC_DEALS_WON, "person:李雷", "2026-Q3", 200000,
     NO_GROWTH, B0, H, false, ""},
    {"上海本月赢单率提升到35%", "zh", METRIC_WIN_RATE, "unit:华东/上海", "2026-07", 3500, NO_GROWTH,
     B0, H, false, ""},
    {"我的团队下季度客单价达到5万", "zh", METRIC_AVG_DEAL_SIZE, "team:王芳", "2026-Q4", 50000000000,
     NO_GROWTH, B0, H, false, ""},
    {"华东区下半年商机金额达到2000万", "zh", METRIC_PIPELINE, "unit:华东", "2026-H2",
     20000000000000, NO_GROWTH, B0, H, false, ""},
    {"今年新客户数达到一百家", "zh", METRIC_NEW_CUSTOMERS, NULL, "2026", 1000000, NO_GROWTH, B0, H,
     false, "scope"},
    {"本月活跃客户保持在300个以上", "zh", METRIC_ACTIVE_CUSTOMERS, NULL, "2026-07", 3000000,
     NO_GROWTH, B0, H, false, "scope"},
    {"明年客户保留率达到90%", "zh", METRIC_RETENTION_RATE, NULL, "2027", 9000, NO_GROWTH, B0, H,
     false, "scope"},
    {"本周打电话300个", "zh", METRIC_CALLS, NULL, "2026-W29", 3000000, NO_GROWTH, B0, H, false,
     "scope"},
    {"下月会议次数达到40场", "zh", METRIC_MEETINGS, NULL, "2026-08", 400000, NO_GROWTH, B0, H,
     false, "scope"},
    {"净推荐值本季度达到40", "zh", METRIC_NPS, NULL, "2026-Q3", 400000, NO_GROWTH, B0, H, false,
     "scope"},
    {"2026年7月回款比去年同期增长百分之二十", "zh", METRIC_COLLECTIONS, NULL, "2026-07", NO_TARGET,
     2000, BY, H, false, "scope"},
    {"华东区本季度销售额比上季度提高10%", "zh", METRIC_REVENUE, "unit:华东", "2026-Q3", NO_TARGET,
     1000, BP, H, false, ""},
    {"第四季度营收提升20%", "zh", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000, BP, H, false,
     "scope"},
    {"3月拜访量达到二十次", "zh", METRIC_VISITS, NULL, "2026-03", 200000, NO_GROWTH, B0, H, false,
     "scope"},
    {"2027年3月31日前新增客户10家", "zh", METRIC_NEW_CUSTOMERS, NULL, "2026-07-15..2027-03-31",
     100000, NO_GROWTH, B0, H, false, "scope"},
    {"到下季度末回款达到500万", "zh", METRIC_COLLECTIONS, NULL, "2026-Q4", 5000000000000, NO_GROWTH,
     B0, H, false, "scope"},
    {"本季度电话量降低5%", "zh", METRIC_CALLS, NULL, "2026-Q3", NO_TARGET, -500, BP, H, false,
     "scope"},
    {"下季度通话次数不超过1000次", "zh", METRIC_CALLS, NULL, "2026-Q4", 10000000, NO_GROWTH, B0, L,
     false, "scope"},
    {"今年销售额翻一番", "zh", METRIC_REVENUE, NULL, "2026", NO_TARGET, 10000, BP, H, false,
     "scope"},
    {"本月订单环比增长5%", "zh", METRIC_ORDERS, NULL, "2026-07", NO_TARGET, 500, BP, H, false,
     "scope"},
    {"本月新增客户十位", "zh", METRIC_NEW_CUSTOMERS, NULL, "2026-07", 100000, NO_GROWTH, B0, H,
     false, "scope"},
    {"今年销售额达到2亿", "zh", METRIC_REVENUE, NULL, "2026", 200000000000000, NO_GROWTH, B0, H,
     false, "scope"},
    {"李雷本月回款完成1.5万元", "zh", METRIC_COLLECTIONS, "person:李雷", "2026-07", 15000000000,
     NO_GROWTH, B0, H, false, ""},
    {"华东/上海本月回款达到80万", "zh", METRIC_COLLECTIONS, "unit:华东/上海", "2026-07",
     800000000000, NO_GROWTH, B0, H, false, ""},
    {"在2026年第3季度将华东区的销售额比去年同期提高15%", "zh", METRIC_REVENUE, "unit:华东",
     "2026-Q3", NO_TARGET, 1500, BY, H, false, ""},
    {"下季度销售额比本季度提高20%", "zh", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000, BP, H,
     false, "scope"},
    {"2026年度销售额目标5000万元", "zh", METRIC_REVENUE, NULL, "2026", 50000000000000, NO_GROWTH,
     B0, H, false, "scope"},
    {"12月31日前回款达到100万", "zh", METRIC_COLLECTIONS, NULL, "2026-07-15..2026-12-31",
     1000000000000, NO_GROWTH, B0, H, false, "scope"},
    {"客户满意度从4.2提升到4.5", "zh", METRIC_CSAT, NULL, NULL, 45000, NO_GROWTH, B0, H, false,
     "period scope"},
    {"全公司上半年成交率提高到30%", "zh", METRIC_WIN_RATE, "company", "2026-H1", 3000, NO_GROWTH,
     B0, H, false, ""},
    {"签下10家客户", "zh", METRIC_NEW_CUSTOMERS, NULL, NULL, 100000, NO_GROWTH, B0, H, false,
     "period scope"},
    {"本月收入¥1,000,000", "zh", METRIC_REVENUE, NULL, "2026-07", 1000000000000, NO_GROWTH, B0, H,
     false, "scope"},
    {"下季度营收提高到300万", "zh", METRIC_REVENUE, NULL, "2026-Q4", 3000000000000, NO_GROWTH, B0,
     H, false, "scope"},
    {"２０２６年第３季度华南区成交额达到１０００万元", "zh", METRIC_WON_VALUE, "unit:华南",
     "2026-Q3", 10000000000000, NO_GROWTH, B0, H, false, ""},
};

/* Chinese: vague, or with a part that cannot be read. */
static const struct reading zh_vague_cases[] = {
    {"提高销售额", "zh", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, true,
     "target period scope"},
    {"尽量提高客户满意度", "zh", METRIC_CSAT, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, true,
     "target period scope"},
    {"努力提升业绩", "zh", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, true,
     "target period scope"},
    {"今年要拜访更多客户", "zh", METRIC_VISITS, NULL, "2026", NO_TARGET, NO_GROWTH, B0, H, true,
     "target scope"},
    {"尽量在下季度将销售额提高20%", "zh", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000, BP, H,
     true, "scope"},
    {"销售额增加100万", "zh", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
    {"提高赢单率5个百分点", "zh", METRIC_WIN_RATE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
    {"下个月每周拜访客户20次", "zh", METRIC_VISITS, NULL, "2026-08", NO_TARGET, NO_GROWTH, B0, H,
     false, "target scope"},
    {"销售额达到20%", "zh", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
    {"达到100万", "zh", NO_METRIC, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "metric target period scope"},
};

/* Goals in English. */
static const struct reading en_cases[] = {
    {"Win 10 new customers in region East by 2027-03-31", "en", METRIC_NEW_CUSTOMERS, "unit:East",
     "2026-07-15..2027-03-31", 100000, NO_GROWTH, B0, H, false, ""},
    {"Raise team Cara Losch's win rate to 65% in 2017-Q4", "en", METRIC_WIN_RATE, "team:Cara Losch",
     "2017-Q4", 6500, NO_GROWTH, B0, H, false, ""},
    {"next month 300 calls for Anna Snelling", "en", METRIC_CALLS, "person:Anna Snelling",
     "2026-08", 3000000, NO_GROWTH, B0, H, false, ""},
    {"Raise revenue by 20% next quarter", "en", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000,
     BP, H, false, "scope"},
    {"Increase sales 15% year over year in 2027", "en", METRIC_REVENUE, NULL, "2027", NO_TARGET,
     1500, BY, H, false, "scope"},
    {"Reach ¥1,000,000 in collections this quarter", "en", METRIC_COLLECTIONS, NULL, "2026-Q3",
     1000000000000, NO_GROWTH, B0, H, false, "scope"},
    {"Close 25 deals in Q3", "en", METRIC_DEALS_WON, NULL, "2026-Q3", 250000, NO_GROWTH, B0, H,
     false, "scope"},
    {"Book $2M in bookings for the company in 2027", "en", METRIC_WON_VALUE, "company", "2027",
     2000000000000, NO_GROWTH, B0, H, false, ""},
    {"Grow pipeline to 300k by end of next quarter for West", "en", METRIC_PIPELINE, "unit:West",
     "2026-Q4", 300000000000, NO_GROWTH, B0, H, false, ""},
    {"Keep average deal size above 50k this year", "en", METRIC_AVG_DEAL_SIZE, NULL, "2026",
     50000000000, NO_GROWTH, B0, H, false, "scope"},
    {"Get 40 new accounts for my team in H2", "en", METRIC_NEW_CUSTOMERS, "team:王芳", "2026-H2",
     400000, NO_GROWTH, B0, H, false, ""},
    {"Improve customer retention rate to 85% next year", "en", METRIC_RETENTION_RATE, NULL, "2027",
     8500, NO_GROWTH, B0, H, false, "scope"},
    {"Hold 120 customer visits in July", "en", METRIC_VISITS, NULL, "2026-07", 1200000, NO_GROWTH,
     B0, H, false, "scope"},
    {"Schedule 50 meetings with clients next week", "en", METRIC_MEETINGS, NULL, "2026-W30", 500000,
     NO_GROWTH, B0, H, false, "scope"},
    {"Lift CSAT to 4.6 this quarter", "en", METRIC_CSAT, NULL, "2026-Q3", 46000, NO_GROWTH, B0, H,
     false, "scope"},
    {"Hit an NPS of 45 in FY2027", "en", METRIC_NPS, NULL, "FY2027", 450000, NO_GROWTH, B0, H,
     false, "scope"},
    {"Reach 12% market share in the East region by year end", "en", METRIC_MARKET_SHARE,
     "unit:East", "2026", 1200, NO_GROWTH, B0, H, false, ""},
    {"Reduce calls by 10% next month", "en", METRIC_CALLS, NULL, "2026-08", NO_TARGET, -1000, BP, H,
     false, "scope"},
    {"Keep orders below 200 in August for Anna Snelling", "en", METRIC_ORDERS,
     "person:Anna Snelling", "2026-08", 2000000, NO_GROWTH, B0, L, false, ""},
    {"I will make 80 calls this week", "en", METRIC_CALLS, "person:王芳", "2026-W29", 800000,
     NO_GROWTH, B0, H, false, ""},
    {"Increase active customers 10% quarter over quarter", "en", METRIC_ACTIVE_CUSTOMERS, NULL,
     NULL, NO_TARGET, 1000, BP, H, false, "period scope"},
    {"Double revenue next year", "en", METRIC_REVENUE, NULL, "2027", NO_TARGET, 10000, BP, H, false,
     "scope"},
    {"Close 1.5 million in won value by 2026-12-31 for Cara Losch", "en", METRIC_WON_VALUE,
     "person:Cara Losch", "2026-07-15..2026-12-31", 1500000000000, NO_GROWTH, B0, H, false, ""},
    {"Deals won: 30 in 2026-08", "en", METRIC_DEALS_WON, NULL, "2026-08", 300000, NO_GROWTH, B0, H,
     false, "scope"},
    {"Reach 500 visits in 2026-07-01..2026-09-30", "en", METRIC_VISITS, NULL,
     "2026-07-01..2026-09-30", 5000000, NO_GROWTH, B0, H, false, "scope"},
    {"Anna Snelling's team must close 20 deals next month", "en", METRIC_DEALS_WON,
     "team:Anna Snelling", "2026-08", 200000, NO_GROWTH, B0, H, false, ""},
    {"Raise the Sales team's win rate to 40% this quarter", "en", METRIC_WIN_RATE, "unit:Sales",
     "2026-Q3", 4000, NO_GROWTH, B0, H, false, ""},
    /* "Sales" is also a unit name: with no other metric word it is the metric */
    {"Raise sales by 20% next quarter", "en", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET, 2000, BP,
     H, false, "scope"},
    {"Q3 2026 revenue +15%", "en", METRIC_REVENUE, NULL, "2026-Q3", NO_TARGET, 1500, BP, H, false,
     "scope"},
    {"revenue -5% next month", "en", METRIC_REVENUE, NULL, "2026-08", NO_TARGET, -500, BP, H, false,
     "scope"},
    {"Raise revenue 20% over last quarter in Q4", "en", METRIC_REVENUE, NULL, "2026-Q4", NO_TARGET,
     2000, BP, H, false, "scope"},
    {"By the end of 2026, reach 1M revenue", "en", METRIC_REVENUE, NULL, "2026", 1000000000000,
     NO_GROWTH, B0, H, false, "scope"},
    {"Company-wide cash collected of 2.5M in 2026-H2", "en", METRIC_COLLECTIONS, "company",
     "2026-H2", 2500000000000, NO_GROWTH, B0, H, false, ""},
    {"Make 2,000 calls for Cara Losch's team this month", "en", METRIC_CALLS, "team:Cara Losch",
     "2026-07", 20000000, NO_GROWTH, B0, H, false, ""},
    {"Sign 5 customers for West in 2026-W31", "en", METRIC_NEW_CUSTOMERS, "unit:West", "2026-W31",
     50000, NO_GROWTH, B0, H, false, ""},
    {"reach 2026 calls", "en", METRIC_CALLS, NULL, NULL, 20260000, NO_GROWTH, B0, H, false,
     "period scope"},
};

/* English: vague, or with a part that cannot be read. */
static const struct reading en_vague_cases[] = {
    {"Improve revenue", "en", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, true,
     "target period scope"},
    {"Make as many calls as possible next month", "en", METRIC_CALLS, NULL, "2026-08", NO_TARGET,
     NO_GROWTH, B0, H, true, "target scope"},
    {"Get more new customers", "en", METRIC_NEW_CUSTOMERS, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H,
     true, "target period scope"},
    {"Revenue", "en", METRIC_REVENUE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
    {"Sell 3 more deals than last month", "en", METRIC_DEALS_WON, NULL, NULL, NO_TARGET, NO_GROWTH,
     B0, H, false, "target period scope"},
    {"Make 300 calls a week", "en", METRIC_CALLS, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
    {"revenue 99999999999999999999 next month", "en", METRIC_REVENUE, NULL, "2026-08", NO_TARGET,
     NO_GROWTH, B0, H, false, "target scope"},
    {"win rate 150%", "en", METRIC_WIN_RATE, NULL, NULL, NO_TARGET, NO_GROWTH, B0, H, false,
     "target period scope"},
};

/* Sentences that are not goals. */
static const struct {
    const char *text, *lang;
} refused[] = {
    {"今天天气不错", "zh"},
    {"增加", "zh"},
    {"你好", "zh"},
    {"我们明天一起吃饭吧", "zh"},
    {"", "zh"},
    {"   ", "zh"},
    {"2026年", "zh"},
    {"努力", "zh"},
    {"hello", "en"},
    {"hello world", "en"},
    {"What a nice day today", "en"},
    {"increase", "en"},
    {"I like 3 cats", "en"},
    {"Let's do better", "en"},
    {"", "en"},
    {"next quarter", "en"},
    {"Meet me at 5 tomorrow", "en"},
};

/* The word naming PART ("metric", "target", "period", "scope") in `missing`. */
static const char *part_word(const char *part, const char *lang)
{
    static const struct {
        const char *part, *en, *zh;
    } words[] = {
        {"metric", "metric", "指标"},
        {"target", "target", "目标值"},
        {"period", "period", "周期"},
        {"scope", "scope", "范围"},
    };
    for (size_t i = 0; i < N_OF(words); i++)
        if (strcmp(part, words[i].part) == 0)
            return strcmp(lang, "zh") == 0 ? words[i].zh : words[i].en;
    fail_msg("bad part in test table: %s", part);
    return "";
}

/* `missing` names exactly the parts listed in WANT. */
static void check_missing(const struct reading *r, const struct sentence_goal *g)
{
    static const char *const parts[] = {"metric", "target", "period", "scope"};
    if (!r->missing[0]) {
        if (g->missing[0])
            fail_msg("\"%s\": nothing should be missing, got \"%s\"", r->text, g->missing);
        return;
    }
    for (size_t i = 0; i < N_OF(parts); i++) {
        bool want = strstr(r->missing, parts[i]) != NULL;
        bool named = strstr(g->missing, part_word(parts[i], r->lang)) != NULL;
        if (want != named)
            fail_msg("\"%s\": missing \"%s\" should %sname the %s", r->text, g->missing,
                     want ? "" : "not ", parts[i]);
    }
}

static void check_reading(const struct reading *r, bool no_me)
{
    struct sentence_context ctx = context(r->lang, no_me);
    struct sentence_goal g;
    struct at_err err = {AT_OK, ""};
    enum at_status st = sentence_parse(r->text, &ctx, &g, &err);
    if (st != AT_OK)
        fail_msg("\"%s\": status %d: %s", r->text, (int)st, err.msg);
    if (g.has_metric != (r->metric != NO_METRIC) || (g.has_metric && (int)g.metric != r->metric))
        fail_msg("\"%s\": metric %s, expected %s", r->text,
                 g.has_metric ? metric_def(g.metric)->key : "none",
                 r->metric != NO_METRIC ? metric_def((enum metric_id)r->metric)->key : "none");
    if (g.has_scope != (r->scope != NULL) || (r->scope && strcmp(g.scope, r->scope) != 0))
        fail_msg("\"%s\": scope %s, expected %s", r->text, g.has_scope ? g.scope : "none",
                 r->scope ? r->scope : "none");
    char text[PERIOD_TEXT_MAX] = "none";
    if (g.has_period)
        period_format(&g.period, text);
    if (g.has_period != (r->period != NULL) || (r->period && strcmp(text, r->period) != 0))
        fail_msg("\"%s\": period %s, expected %s", r->text, text, r->period ? r->period : "none");
    if (g.has_target != (r->target != NO_TARGET) || (g.has_target && g.target != r->target))
        fail_msg("\"%s\": target %s%lld, expected %lld", r->text, g.has_target ? "" : "none ",
                 (long long)g.target, (long long)r->target);
    if (g.has_growth != (r->growth != NO_GROWTH) || (g.has_growth && g.growth_bp != r->growth))
        fail_msg("\"%s\": growth %s%d, expected %d", r->text, g.has_growth ? "" : "none ",
                 (int)g.growth_bp, (int)r->growth);
    if (g.has_target && g.has_growth)
        fail_msg("\"%s\": both a target and a growth", r->text);
    if (g.base != r->base)
        fail_msg("\"%s\": base %d, expected %d", r->text, (int)g.base, (int)r->base);
    if (g.direction != r->dir)
        fail_msg("\"%s\": direction %d, expected %d", r->text, (int)g.direction, (int)r->dir);
    if (g.vague != r->vague)
        fail_msg("\"%s\": vague %d, expected %d", r->text, g.vague, r->vague);
    check_missing(r, &g);
    /* what was read is reported: the metric (its key in English, its Chinese
     * name in Chinese), the canonical period and the scope (its name in Chinese) */
    bool zh = r->lang && strcmp(r->lang, "zh") == 0;
    const char *metric_word = zh ? metric_def(g.metric)->name_zh : metric_def(g.metric)->key;
    if (g.has_metric && !strstr(g.understood, metric_word))
        fail_msg("\"%s\": understood \"%s\" does not name the metric", r->text, g.understood);
    if (g.has_metric && zh && strstr(g.understood, metric_def(g.metric)->key))
        fail_msg("\"%s\": understood \"%s\" has the metric key", r->text, g.understood);
    if (g.has_period && !strstr(g.understood, text))
        fail_msg("\"%s\": understood \"%s\" does not name the period", r->text, g.understood);
    char scope_name[sizeof g.scope + 16];
    display_scope(g.scope, zh ? "zh" : "en", scope_name, sizeof scope_name);
    if (g.has_scope && !strstr(g.understood, scope_name))
        fail_msg("\"%s\": understood \"%s\" does not name the scope", r->text, g.understood);
}

static void test_zh(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(zh_cases); i++)
        check_reading(&zh_cases[i], false);
}

static void test_zh_vague(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(zh_vague_cases); i++)
        check_reading(&zh_vague_cases[i], false);
}

static void test_en(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(en_cases); i++)
        check_reading(&en_cases[i], false);
}

static void test_en_vague(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(en_vague_cases); i++)
        check_reading(&en_vague_cases[i], false);
}

/* 我 with no current user: no scope, and `missing` says who 我 is not known. */
static void test_me_unknown(void **state)
{
    (void)state;
    static const struct reading cases[] = {
        {"我本月拜访客户50次", "zh", METRIC_VISITS, NULL, "2026-07", 500000, NO_GROWTH, B0, H,
         false, "scope"},
        {"my team should make 100 calls next week", "en", METRIC_CALLS, NULL, "2026-W30", 1000000,
         NO_GROWTH, B0, H, false, "scope"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        check_reading(&cases[i], true);
        struct sentence_context ctx = context(cases[i].lang, true);
        struct sentence_goal g;
        assert_int_equal(sentence_parse(cases[i].text, &ctx, &g, NULL), AT_OK);
        assert_non_null(strstr(g.missing, i == 0 ? "我" : "I"));
    }
}

static void test_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(refused); i++) {
        struct sentence_context ctx = context(refused[i].lang, false);
        struct sentence_goal g;
        struct at_err err = {AT_OK, ""};
        enum at_status st = sentence_parse(refused[i].text, &ctx, &g, &err);
        if (st != AT_INVALID)
            fail_msg("\"%s\" should be refused, got %d: %s", refused[i].text, (int)st,
                     g.understood);
        assert_int_equal(err.status, AT_INVALID);
        assert_true(err.msg[0] != '\0');
        assert_false(g.has_metric || g.has_scope || g.has_period || g.has_target || g.has_growth);
        /* the message is in the context's language */
        bool non_ascii = false;
        for (const char *c = err.msg; *c; c++)
            non_ascii |= (unsigned char)*c >= 0x80;
        if (strcmp(refused[i].lang, "zh") == 0)
            assert_true(non_ascii);
    }
}

/* A sign against the verb of change (issue 8): refused, naming both words,
 * in the context's language. These were read as growths before ("提高-50%"
 * as -50%, "降低-10%" as -10%). The same verbs without the sign still read. */
static void test_contradiction(void **state)
{
    (void)state;
    static const struct {
        const char *text, *lang, *verb, *number;
    } cases[] = {
        {"在下季度将销售额提高-50%", "zh", "提高", "-50%"},
        {"下季度销售额降低-10%", "zh", "降低", "-10%"},
        {"下季度销售额降低+10%", "zh", "降低", "+10%"},
        {"下季度销售额增长－15％", "zh", "增长", "-15%"},
        {"increase revenue by -50% next quarter", "en", "increase", "-50%"},
        {"reduce visits by -5% in 2026", "en", "reduce", "-5%"},
        {"reduce visits by +5% in 2026", "en", "reduce", "+5%"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        struct sentence_context ctx = context(cases[i].lang, false);
        struct sentence_goal g;
        struct at_err err = {AT_OK, ""};
        print_message("case: %s\n", cases[i].text);
        assert_int_equal(sentence_parse(cases[i].text, &ctx, &g, &err), AT_INVALID);
        assert_non_null(strstr(err.msg, cases[i].verb));
        assert_non_null(strstr(err.msg, cases[i].number));
        assert_non_null(
            strstr(err.msg, strcmp(cases[i].lang, "zh") == 0 ? "方向矛盾" : "contradictory"));
        assert_false(g.has_target || g.has_growth);
    }
    static const struct {
        const char *text, *lang;
        int32_t growth_bp;
    } fine[] = {
        {"在下季度将销售额提高50%", "zh", 5000},
        {"下季度销售额降低10%", "zh", -1000},
        {"increase revenue by +5% next quarter", "en", 500},
        {"reduce visits by 5% in 2026", "en", -500},
    };
    for (size_t i = 0; i < N_OF(fine); i++) {
        struct sentence_context ctx = context(fine[i].lang, false);
        struct sentence_goal g;
        print_message("case: %s\n", fine[i].text);
        assert_int_equal(sentence_parse(fine[i].text, &ctx, &g, NULL), AT_OK);
        assert_true(g.has_growth);
        assert_int_equal(g.growth_bp, fine[i].growth_bp);
    }
}

/* NULL, too long, not UTF-8, no context: refused, never a crash. */
static void test_bad_input(void **state)
{
    (void)state;
    struct sentence_context ctx = context("en", false);
    struct sentence_goal g;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(sentence_parse(NULL, &ctx, &g, &err), AT_INVALID);
    assert_int_equal(sentence_parse("revenue 1M", NULL, &g, &err), AT_INVALID);
    assert_int_equal(sentence_parse("revenue 1M", &ctx, NULL, &err), AT_INVALID);
    assert_int_equal(sentence_parse("revenue \xff 1M", &ctx, &g, &err), AT_INVALID);
    assert_int_equal(sentence_parse("销售额\xe4\xb8", &ctx, &g, &err), AT_INVALID);
    char big[SENTENCE_TEXT_MAX + 8];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(sentence_parse(big, &ctx, &g, &err), AT_INVALID);
    /* at the limit: read, even when every byte is a candidate */
    char full[SENTENCE_TEXT_MAX + 1];
    const char *unit = "本季度销售额提高20% ";
    size_t n = 0, ul = strlen(unit);
    while (n + ul <= SENTENCE_TEXT_MAX) {
        memcpy(full + n, unit, ul);
        n += ul;
    }
    full[n] = '\0';
    assert_int_equal(sentence_parse(full, &ctx, &g, &err), AT_OK);
    assert_true(g.has_growth && g.growth_bp == 2000);
    /* a fiscal start month out of range reads no period but does not fail */
    ctx.fiscal_start_month = 13;
    assert_int_equal(sentence_parse("下季度销售额提高20%", &ctx, &g, &err), AT_OK);
    assert_false(g.has_period);
}

/* Every byte prefix of every sentence (cut UTF-8 included) is read or refused. */
static void test_prefixes(void **state)
{
    (void)state;
    const struct reading *const tables[] = {zh_cases, zh_vague_cases, en_cases, en_vague_cases};
    const size_t sizes[] = {N_OF(zh_cases), N_OF(zh_vague_cases), N_OF(en_cases),
                            N_OF(en_vague_cases)};
    for (size_t t = 0; t < N_OF(tables); t++)
        for (size_t i = 0; i < sizes[t]; i++) {
            const char *s = tables[t][i].text;
            struct sentence_context ctx = context(tables[t][i].lang, i % 2 == 0);
            for (size_t n = 0; n <= strlen(s); n++) {
                char buf[256];
                snprintf(buf, sizeof buf, "%.*s", (int)n, s);
                struct sentence_goal g;
                struct at_err err = {AT_OK, ""};
                enum at_status st = sentence_parse(buf, &ctx, &g, &err);
                assert_true(st == AT_OK || st == AT_INVALID);
                assert_true(strlen(g.understood) < sizeof g.understood);
            }
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zh),
        cmocka_unit_test(test_zh_vague),
        cmocka_unit_test(test_en),
        cmocka_unit_test(test_en_vague),
        cmocka_unit_test(test_me_unknown),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_contradiction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
