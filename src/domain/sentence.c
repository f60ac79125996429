/*
 * sentence.c — reading a goal written as a sentence (see sentence.h).
 *
 * The text is folded once (full-width ASCII to ASCII, Chinese punctuation to
 * spaces, curly quotes to straight ones) and kept twice: as written, to quote
 * from, and with ASCII lower-cased, to match words in. Then the parts are
 * found one family after another, each claiming the bytes it reads so that a
 * later family cannot read them again (the 3 of "2026年第3季度" is not a target,
 * the 去年 of "比去年同期" is not the goal's period):
 *
 *   1. baseline idioms (同比, 环比, year over year),
 *   2. periods: every substring tried against period_parse, longest first,
 *      never re-implementing the calendar,
 *   3. scope names from the context, then 我/my and 公司/company,
 *   4. metric words, longest first,
 *   5. words of intent (提高, reach, to, by, 不超过) and of vagueness,
 *   6. numbers with their multipliers, currencies, percent signs and counters.
 *
 * Last, one number is chosen as the target and read by the metric's unit.
 * All matching is on bytes: every keyword is a UTF-8 literal, and ASCII words
 * must stand alone (not inside a longer ASCII word). Nothing allocates.
 */
#include "domain/sentence.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/display.h"
#include "domain/value.h"

#define N_OF(a)         (sizeof(a) / sizeof((a)[0]))
#define TEXT_MAX        SENTENCE_TEXT_MAX
#define PERIOD_SPAN_MAX 64      /* period_parse reads at most 64 bytes */
#define MAX_HITS        16      /* metric, intent and number hits kept per sentence */
#define MAX_PERIOD_HITS 6       /* periods read per sentence (goal and baselines) */
#define DIGITS_MAX      40      /* longest number text kept */
#define GROWTH_MAX_BP   1000000 /* +10000% */

/* ---- word tables ------------------------------------------------------ */

/* A word (UTF-8; ASCII letters in lower case; ' ' matches any run of spaces,
 * '-' or '_') and what it stands for. */
struct word {
    const char *w;
    int v;
};

#define GENERIC_CUSTOMERS (-1) /* "客户", "customers": new customers after 签下/win */

static const struct word metric_words[] = {
    /* revenue */
    {"销售额", METRIC_REVENUE},
    {"销售收入", METRIC_REVENUE},
    {"销售金额", METRIC_REVENUE},
    {"销售总额", METRIC_REVENUE},
    {"营收", METRIC_REVENUE},
    {"营业收入", METRIC_REVENUE},
    {"营业额", METRIC_REVENUE},
    {"收入", METRIC_REVENUE},
    {"业绩", METRIC_REVENUE},
    {"销售业绩", METRIC_REVENUE},
    {"revenue", METRIC_REVENUE},
    {"revenues", METRIC_REVENUE},
    {"sales", METRIC_REVENUE},
    {"sales revenue", METRIC_REVENUE},
    {"net sales", METRIC_REVENUE},
    {"turnover", METRIC_REVENUE},
    /* orders */
    {"订单", METRIC_ORDERS},
    {"订单数", METRIC_ORDERS},
    {"订单量", METRIC_ORDERS},
    {"订单数量", METRIC_ORDERS},
    {"下单量", METRIC_ORDERS},
    {"orders", METRIC_ORDERS},
    {"order", METRIC_ORDERS},
    {"order count", METRIC_ORDERS},
    {"number of orders", METRIC_ORDERS},
    {"order volume", METRIC_ORDERS},
    /* collections */
    {"回款", METRIC_COLLECTIONS},
    {"回款额", METRIC_COLLECTIONS},
    {"回款金额", METRIC_COLLECTIONS},
    {"收款", METRIC_COLLECTIONS},
    {"收款额", METRIC_COLLECTIONS},
    {"collections", METRIC_COLLECTIONS},
    {"collection", METRIC_COLLECTIONS},
    {"cash collected", METRIC_COLLECTIONS},
    {"cash collections", METRIC_COLLECTIONS},
    {"payments received", METRIC_COLLECTIONS},
    {"payments collected", METRIC_COLLECTIONS},
    /* won value */
    {"赢单金额", METRIC_WON_VALUE},
    {"成交金额", METRIC_WON_VALUE},
    {"成交额", METRIC_WON_VALUE},
    {"签单金额", METRIC_WON_VALUE},
    {"签单额", METRIC_WON_VALUE},
    {"签约金额", METRIC_WON_VALUE},
    {"合同额", METRIC_WON_VALUE},
    {"合同金额", METRIC_WON_VALUE},
    {"won value", METRIC_WON_VALUE},
    {"bookings", METRIC_WON_VALUE},
    {"booking", METRIC_WON_VALUE},
    {"won revenue", METRIC_WON_VALUE},
    {"contract value", METRIC_WON_VALUE},
    /* deals won */
    {"赢单数", METRIC_DEALS_WON},
    {"成交数", METRIC_DEALS_WON},
    {"签单数", METRIC_DEALS_WON},
    {"成交单数", METRIC_DEALS_WON},
    {"签单量", METRIC_DEALS_WON},
    {"成交量", METRIC_DEALS_WON},
    {"赢单", METRIC_DEALS_WON},
    {"签单", METRIC_DEALS_WON},
    {"成单", METRIC_DEALS_WON},
    {"成交", METRIC_DEALS_WON},
    {"deals won", METRIC_DEALS_WON},
    {"won deals", METRIC_DEALS_WON},
    {"wins", METRIC_DEALS_WON},
    {"closed deals", METRIC_DEALS_WON},
    {"deals closed", METRIC_DEALS_WON},
    {"deals", METRIC_DEALS_WON},
    /* deals lost */
    {"输单数", METRIC_DEALS_LOST},
    {"丢单数", METRIC_DEALS_LOST},
    {"输单", METRIC_DEALS_LOST},
    {"丢单", METRIC_DEALS_LOST},
    {"deals lost", METRIC_DEALS_LOST},
    {"lost deals", METRIC_DEALS_LOST},
    /* win rate */
    {"赢单率", METRIC_WIN_RATE},
    {"成交率", METRIC_WIN_RATE},
    {"签单率", METRIC_WIN_RATE},
    {"成单率", METRIC_WIN_RATE},
    {"赢率", METRIC_WIN_RATE},
    {"转化率", METRIC_WIN_RATE},
    {"win rate", METRIC_WIN_RATE},
    {"winrate", METRIC_WIN_RATE},
    {"win ratio", METRIC_WIN_RATE},
    {"close rate", METRIC_WIN_RATE},
    {"closing rate", METRIC_WIN_RATE},
    {"conversion rate", METRIC_WIN_RATE},
    /* average deal size */
    {"客单价", METRIC_AVG_DEAL_SIZE},
    {"平均客单价", METRIC_AVG_DEAL_SIZE},
    {"平均成交金额", METRIC_AVG_DEAL_SIZE},
    {"平均订单金额", METRIC_AVG_DEAL_SIZE},
    {"平均单价", METRIC_AVG_DEAL_SIZE},
    {"average deal size", METRIC_AVG_DEAL_SIZE},
    {"avg deal size", METRIC_AVG_DEAL_SIZE},
    {"deal size", METRIC_AVG_DEAL_SIZE},
    {"average deal value", METRIC_AVG_DEAL_SIZE},
    {"average order value", METRIC_AVG_DEAL_SIZE},
    /* pipeline */
    {"商机", METRIC_PIPELINE},
    {"商机金额", METRIC_PIPELINE},
    {"管道", METRIC_PIPELINE},
    {"销售管道", METRIC_PIPELINE},
    {"销售漏斗", METRIC_PIPELINE},
    {"pipeline", METRIC_PIPELINE},
    {"pipeline value", METRIC_PIPELINE},
    {"open pipeline", METRIC_PIPELINE},
    {"sales pipeline", METRIC_PIPELINE},
    {"opportunities", METRIC_PIPELINE},
    {"加权商机", METRIC_WEIGHTED_PIPELINE},
    {"加权商机金额", METRIC_WEIGHTED_PIPELINE},
    {"加权管道", METRIC_WEIGHTED_PIPELINE},
    {"weighted pipeline", METRIC_WEIGHTED_PIPELINE},
    /* new customers */
    {"新客户", METRIC_NEW_CUSTOMERS},
    {"新增客户", METRIC_NEW_CUSTOMERS},
    {"新增客户数", METRIC_NEW_CUSTOMERS},
    {"新客户数", METRIC_NEW_CUSTOMERS},
    {"新客", METRIC_NEW_CUSTOMERS},
    {"新签客户", METRIC_NEW_CUSTOMERS},
    {"新开客户", METRIC_NEW_CUSTOMERS},
    {"开发客户", METRIC_NEW_CUSTOMERS},
    {"拓展客户", METRIC_NEW_CUSTOMERS},
    {"获客", METRIC_NEW_CUSTOMERS},
    {"获客数", METRIC_NEW_CUSTOMERS},
    {"new customers", METRIC_NEW_CUSTOMERS},
    {"new customer", METRIC_NEW_CUSTOMERS},
    {"new accounts", METRIC_NEW_CUSTOMERS},
    {"new account", METRIC_NEW_CUSTOMERS},
    {"new clients", METRIC_NEW_CUSTOMERS},
    {"new client", METRIC_NEW_CUSTOMERS},
    {"new logos", METRIC_NEW_CUSTOMERS},
    {"customer acquisition", METRIC_NEW_CUSTOMERS},
    /* active customers */
    {"活跃客户", METRIC_ACTIVE_CUSTOMERS},
    {"活跃客户数", METRIC_ACTIVE_CUSTOMERS},
    {"active customers", METRIC_ACTIVE_CUSTOMERS},
    {"active accounts", METRIC_ACTIVE_CUSTOMERS},
    {"active clients", METRIC_ACTIVE_CUSTOMERS},
    /* retention */
    {"客户保留率", METRIC_RETENTION_RATE},
    {"保留率", METRIC_RETENTION_RATE},
    {"留存率", METRIC_RETENTION_RATE},
    {"客户留存", METRIC_RETENTION_RATE},
    {"客户留存率", METRIC_RETENTION_RATE},
    {"续约率", METRIC_RETENTION_RATE},
    {"retention", METRIC_RETENTION_RATE},
    {"retention rate", METRIC_RETENTION_RATE},
    {"customer retention", METRIC_RETENTION_RATE},
    {"customer retention rate", METRIC_RETENTION_RATE},
    {"renewal rate", METRIC_RETENTION_RATE},
    /* visits */
    {"拜访", METRIC_VISITS},
    {"拜访客户", METRIC_VISITS},
    {"客户拜访", METRIC_VISITS},
    {"拜访量", METRIC_VISITS},
    {"拜访次数", METRIC_VISITS},
    {"上门拜访", METRIC_VISITS},
    {"走访", METRIC_VISITS},
    {"visits", METRIC_VISITS},
    {"visit", METRIC_VISITS},
    {"customer visits", METRIC_VISITS},
    {"client visits", METRIC_VISITS},
    {"sales visits", METRIC_VISITS},
    {"site visits", METRIC_VISITS},
    /* calls */
    {"电话", METRIC_CALLS},
    {"通话", METRIC_CALLS},
    {"电话量", METRIC_CALLS},
    {"通话次数", METRIC_CALLS},
    {"电话次数", METRIC_CALLS},
    {"外呼", METRIC_CALLS},
    {"calls", METRIC_CALLS},
    {"call", METRIC_CALLS},
    {"phone calls", METRIC_CALLS},
    {"sales calls", METRIC_CALLS},
    {"cold calls", METRIC_CALLS},
    /* meetings */
    {"会议", METRIC_MEETINGS},
    {"会议次数", METRIC_MEETINGS},
    {"客户会议", METRIC_MEETINGS},
    {"会面", METRIC_MEETINGS},
    {"meetings", METRIC_MEETINGS},
    {"meeting", METRIC_MEETINGS},
    {"client meetings", METRIC_MEETINGS},
    {"customer meetings", METRIC_MEETINGS},
    {"sales meetings", METRIC_MEETINGS},
    /* customer satisfaction */
    {"客户满意度", METRIC_CSAT},
    {"顾客满意度", METRIC_CSAT},
    {"满意度", METRIC_CSAT},
    {"csat", METRIC_CSAT},
    {"csat score", METRIC_CSAT},
    {"customer satisfaction", METRIC_CSAT},
    {"satisfaction", METRIC_CSAT},
    {"satisfaction score", METRIC_CSAT},
    /* NPS */
    {"净推荐值", METRIC_NPS},
    {"推荐值", METRIC_NPS},
    {"nps", METRIC_NPS},
    {"net promoter score", METRIC_NPS},
    /* market share */
    {"市场份额", METRIC_MARKET_SHARE},
    {"市场占有率", METRIC_MARKET_SHARE},
    {"市占率", METRIC_MARKET_SHARE},
    {"market share", METRIC_MARKET_SHARE},
    /* customers in general: new customers only after a word of acquiring */
    {"客户", GENERIC_CUSTOMERS},
    {"customers", GENERIC_CUSTOMERS},
    {"customer", GENERIC_CUSTOMERS},
    {"clients", GENERIC_CUSTOMERS},
    {"accounts", GENERIC_CUSTOMERS},
    {"logos", GENERIC_CUSTOMERS},
};

/* Words of intent. */
enum intent {
    IN_NONE = 0,
    IN_GROW,    /* 提高, raise: growth (or, with a count, how many to do) */
    IN_DECLINE, /* 降低, reduce */
    IN_ABS,     /* 达到, reach: an absolute target */
    IN_ACQUIRE, /* 签下, win: an absolute target of customers won */
    IN_UPPER,   /* 不超过, below: an absolute upper bound */
    IN_TO,      /* 到, to: the number after it is the value to reach */
    IN_BY,      /* 了, by: the number after it is the change */
    IN_FROM,    /* 从, from: the number after it is where one starts */
};

static const struct word intent_words[] = {
    {"提高", IN_GROW},
    {"提升", IN_GROW},
    {"增加", IN_GROW},
    {"增长", IN_GROW},
    {"上涨", IN_GROW},
    {"上升", IN_GROW},
    {"扩大", IN_GROW},
    {"拉升", IN_GROW},
    {"增幅", IN_GROW},
    {"增速", IN_GROW},
    {"增长率", IN_GROW},
    {"增", IN_GROW},
    {"涨", IN_GROW},
    {"raise", IN_GROW},
    {"increase", IN_GROW},
    {"grow", IN_GROW},
    {"growth", IN_GROW},
    {"improve", IN_GROW},
    {"boost", IN_GROW},
    {"lift", IN_GROW},
    {"expand", IN_GROW},
    {"up", IN_GROW},
    {"降低", IN_DECLINE},
    {"减少", IN_DECLINE},
    {"下降", IN_DECLINE},
    {"削减", IN_DECLINE},
    {"压缩", IN_DECLINE},
    {"缩减", IN_DECLINE},
    {"下调", IN_DECLINE},
    {"降", IN_DECLINE},
    {"减", IN_DECLINE},
    {"reduce", IN_DECLINE},
    {"cut", IN_DECLINE},
    {"decrease", IN_DECLINE},
    {"lower", IN_DECLINE},
    {"drop", IN_DECLINE},
    {"shrink", IN_DECLINE},
    {"fewer", IN_DECLINE},
    {"less", IN_DECLINE},
    {"down", IN_DECLINE},
    {"达到", IN_ABS},
    {"完成", IN_ABS},
    {"实现", IN_ABS},
    {"做到", IN_ABS},
    {"突破", IN_ABS},
    {"达成", IN_ABS},
    {"冲刺", IN_ABS},
    {"保持", IN_ABS},
    {"维持", IN_ABS},
    {"超过", IN_ABS},
    {"至少", IN_ABS},
    {"不低于", IN_ABS},
    {"不少于", IN_ABS},
    {"以上", IN_ABS},
    {"目标", IN_ABS},
    {"任务", IN_ABS},
    {"做", IN_ABS},
    {"打", IN_ABS},
    {"达", IN_ABS},
    {"reach", IN_ABS},
    {"hit", IN_ABS},
    {"achieve", IN_ABS},
    {"attain", IN_ABS},
    {"make", IN_ABS},
    {"do", IN_ABS},
    {"complete", IN_ABS},
    {"close", IN_ABS},
    {"deliver", IN_ABS},
    {"generate", IN_ABS},
    {"book", IN_ABS},
    {"collect", IN_ABS},
    {"exceed", IN_ABS},
    {"surpass", IN_ABS},
    {"maintain", IN_ABS},
    {"keep", IN_ABS},
    {"at least", IN_ABS},
    {"above", IN_ABS},
    {"高于", IN_ABS},
    {"more than", IN_ABS},
    {"target", IN_ABS},
    {"goal", IN_ABS},
    {"quota", IN_ABS},
    {"新增", IN_ACQUIRE},
    {"新签", IN_ACQUIRE},
    {"签下", IN_ACQUIRE},
    {"签约", IN_ACQUIRE},
    {"开发", IN_ACQUIRE},
    {"拓展", IN_ACQUIRE},
    {"获取", IN_ACQUIRE},
    {"获得", IN_ACQUIRE},
    {"赢得", IN_ACQUIRE},
    {"拿下", IN_ACQUIRE},
    {"win", IN_ACQUIRE},
    {"sign", IN_ACQUIRE},
    {"acquire", IN_ACQUIRE},
    {"land", IN_ACQUIRE},
    {"add", IN_ACQUIRE},
    {"gain", IN_ACQUIRE},
    {"get", IN_ACQUIRE},
    {"onboard", IN_ACQUIRE},
    {"不超过", IN_UPPER},
    {"不得超过", IN_UPPER},
    {"不高于", IN_UPPER},
    {"不多于", IN_UPPER},
    {"低于", IN_UPPER},
    {"少于", IN_UPPER},
    {"控制在", IN_UPPER},
    {"以内", IN_UPPER},
    {"以下", IN_UPPER},
    {"之内", IN_UPPER},
    {"最多", IN_UPPER},
    {"至多", IN_UPPER},
    {"below", IN_UPPER},
    {"under", IN_UPPER},
    {"at most", IN_UPPER},
    {"no more than", IN_UPPER},
    {"not more than", IN_UPPER},
    {"not exceed", IN_UPPER},
    {"not to exceed", IN_UPPER},
    {"less than", IN_UPPER},
    {"fewer than", IN_UPPER},
    {"max", IN_UPPER},
    {"maximum", IN_UPPER},
    {"到", IN_TO},
    {"至", IN_TO},
    {"为", IN_TO},
    {"to", IN_TO},
    {"at", IN_TO},
    {"up to", IN_TO},
    {"了", IN_BY},
    {"by", IN_BY},
    {"从", IN_FROM},
    {"由", IN_FROM},
    {"from", IN_FROM},
};

/* Multiplying words: a growth without a number. */
static const struct word multiple_words[] = {
    {"翻倍", 10000},   {"翻一番", 10000}, {"翻番", 10000}, {"翻两番", 30000},
    {"double", 10000}, {"triple", 20000}, {"两倍", 10000}, {"twofold", 10000},
};

/* Words that make a number a rate per sub-period ("每周拜访20次"), not a target. */
static const struct word rate_words[] = {
    {"每天", 0},        {"每日", 0},        {"每周", 0},       {"每星期", 0},    {"每月", 0},
    {"每个月", 0},      {"每季度", 0},      {"每季", 0},       {"per day", 0},   {"per week", 0},
    {"per month", 0},   {"per quarter", 0}, {"a day", 0},      {"a week", 0},    {"a month", 0},
    {"each day", 0},    {"each week", 0},   {"each month", 0}, {"every day", 0}, {"every week", 0},
    {"every month", 0},
};

/* Vague wording: v = 1 always vague, 0 vague unless a target was read. */
static const struct word vague_words[] = {
    {"尽量", 1},
    {"尽可能", 1},
    {"尽力", 1},
    {"越多越好", 1},
    {"越高越好", 1},
    {"最大化", 1},
    {"最大限度", 1},
    {"as much as possible", 1},
    {"as many as possible", 1},
    {"as high as possible", 1},
    {"as possible", 1}, /* "as many calls as possible" */
    {"maximize", 1},
    {"maximise", 1},
    {"努力", 0},
    {"争取", 0},
    {"大幅", 0},
    {"显著", 0},
    {"明显", 0},
    {"更多", 0},
    {"更好", 0},
    {"更高", 0},
    {"有所", 0},
    {"进一步", 0},
    {"持续", 0},
    {"稳步", 0},
    {"大力", 0},
    {"一些", 0},
    {"more", 0},
    {"better", 0},
    {"higher", 0},
    {"significantly", 0},
    {"substantially", 0},
    {"greatly", 0},
    {"try to", 0},
    {"strive", 0},
    {"further", 0},
    {"a lot", 0},
};

/* Baseline idioms. */
static const struct word base_words[] = {
    {"同比", GOAL_BASE_LAST_YEAR},
    {"去年同期", GOAL_BASE_LAST_YEAR},
    {"比去年同期", GOAL_BASE_LAST_YEAR},
    {"较去年同期", GOAL_BASE_LAST_YEAR},
    {"相比去年同期", GOAL_BASE_LAST_YEAR},
    {"与去年同期相比", GOAL_BASE_LAST_YEAR},
    {"和去年同期相比", GOAL_BASE_LAST_YEAR},
    {"比去年", GOAL_BASE_LAST_YEAR},
    {"较去年", GOAL_BASE_LAST_YEAR},
    {"相比去年", GOAL_BASE_LAST_YEAR},
    {"year over year", GOAL_BASE_LAST_YEAR},
    {"year on year", GOAL_BASE_LAST_YEAR},
    {"yoy", GOAL_BASE_LAST_YEAR},
    {"y/y", GOAL_BASE_LAST_YEAR},
    {"same period last year", GOAL_BASE_LAST_YEAR},
    {"the same period last year", GOAL_BASE_LAST_YEAR},
    {"over the same period last year", GOAL_BASE_LAST_YEAR},
    {"vs the same period last year", GOAL_BASE_LAST_YEAR},
    {"over last year", GOAL_BASE_LAST_YEAR},
    {"vs last year", GOAL_BASE_LAST_YEAR},
    {"vs. last year", GOAL_BASE_LAST_YEAR},
    {"versus last year", GOAL_BASE_LAST_YEAR},
    {"compared to last year", GOAL_BASE_LAST_YEAR},
    {"compared with last year", GOAL_BASE_LAST_YEAR},
    {"than last year", GOAL_BASE_LAST_YEAR},
    {"环比", GOAL_BASE_PREVIOUS},
    {"quarter over quarter", GOAL_BASE_PREVIOUS},
    {"month over month", GOAL_BASE_PREVIOUS},
    {"week over week", GOAL_BASE_PREVIOUS},
    {"qoq", GOAL_BASE_PREVIOUS},
    {"mom", GOAL_BASE_PREVIOUS},
    {"over the previous period", GOAL_BASE_PREVIOUS},
};

/* Words before a period that make it a baseline ("比上季度", "vs last quarter"):
 * v = 1 always, 0 only when the period is over before as_of ("over last
 * quarter" is a baseline, "over the next quarter" the goal's own period). */
static const struct word ref_words[] = {
    {"比", 1},
    {"较", 1},
    {"相比", 1},
    {"相较", 1},
    {"对比", 1},
    {"相对", 1},
    {"比起", 1},
    {"相比于", 1},
    {"vs", 1},
    {"vs.", 1},
    {"versus", 1},
    {"compared to", 1},
    {"compared with", 1},
    {"than", 1},
    {"relative to", 1},
    {"against", 1},
    {"vs the", 1},
    {"compared to the", 1},
    {"than the", 1},
    {"over", 0},
    {"over the", 0},
};

/* Words around a period that belong to it. v = 1: "by"-words that make a day
 * the end of a range from as_of. */
static const struct word period_before[] = {
    {"by the end of", 0},
    {"by end of", 0},
    {"before the end of", 0},
    {"until the end of", 0},
    {"at the end of", 0},
    {"the end of", 0},
    {"end of", 0},
    {"by", 1},
    {"before", 1},
    {"until", 1},
    {"till", 1},
    {"no later than", 1},
    {"in", 0},
    {"during", 0},
    {"for", 0},
    {"within", 0},
    {"through", 0},
    {"throughout", 0},
    {"of", 0},
    {"in the", 0},
    {"over the", 0},
    {"在", 0},
    {"到", 1},
    {"截至", 1},
    {"截止", 1},
    {"截止到", 1},
    {"于", 0},
    {"至", 1},
};

static const struct word period_after[] = {
    {"末", 0},   {"底", 0},     {"前", 1},     {"之前", 1}, {"以前", 1}, {"为止", 1}, {"内", 0},
    {"之内", 0}, {"以内", 0},   {"份", 0},     {"年底", 0}, {"年末", 0}, {"月底", 0}, {"月末", 0},
    {"季末", 0}, {"季度末", 0}, {"结束前", 0}, {"end", 0},  {"'s", 0},
};

/* Phrases naming a period period_parse does not know, with what it reads instead. */
static const struct {
    const char *w;
    const char *expr;
} period_phrases[] = {
    {"年底", "this-year"},
    {"年末", "this-year"},
    {"年度", "this-year"},
    {"季末", "this-quarter"},
    {"季度末", "this-quarter"},
    {"月底", "this-month"},
    {"月末", "this-month"},
    {"year end", "this-year"},
    {"end of the year", "this-year"},
    {"end of year", "this-year"},
    {"quarter end", "this-quarter"},
    {"end of the quarter", "this-quarter"},
    {"month end", "this-month"},
    {"end of the month", "this-month"},
};

/* English month names, full and short. */
static const struct word month_words[] = {
    {"january", 1},   {"jan", 1},   {"february", 2},  {"feb", 2},      {"march", 3},
    {"mar", 3},       {"april", 4}, {"apr", 4},       {"may", 5},      {"june", 6},
    {"jun", 6},       {"july", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
    {"september", 9}, {"sept", 9},  {"sep", 9},       {"october", 10}, {"oct", 10},
    {"november", 11}, {"nov", 11},  {"december", 12}, {"dec", 12},
};

/* English prepositions a bare year ("2026") needs before it to be a period. */
static const struct word year_prepositions[] = {
    {"in", 0},    {"for", 0},     {"during", 0}, {"by", 0},         {"of", 0},
    {"until", 0}, {"through", 0}, {"before", 0}, {"throughout", 0}, {"within", 0},
};

/* Scope words. */
enum self { SELF_NONE = 0, SELF_ME, SELF_TEAM, SELF_COMPANY };

static const struct word self_words[] = {
    {"我的团队", SELF_TEAM},
    {"我们团队", SELF_TEAM},
    {"我们的团队", SELF_TEAM},
    {"我团队", SELF_TEAM},
    {"本团队", SELF_TEAM},
    {"我的小组", SELF_TEAM},
    {"我们组", SELF_TEAM},
    {"我的", SELF_ME},
    {"我", SELF_ME},
    {"本人", SELF_ME},
    {"我们", SELF_NONE},
    {"我们公司", SELF_COMPANY},
    {"本公司", SELF_COMPANY},
    {"全公司", SELF_COMPANY},
    {"整个公司", SELF_COMPANY},
    {"公司整体", SELF_COMPANY},
    {"公司", SELF_COMPANY},
    {"分公司", SELF_NONE},
    {"子公司", SELF_NONE},
    {"my team", SELF_TEAM},
    {"our team", SELF_TEAM},
    {"my", SELF_ME},
    {"me", SELF_ME},
    {"i", SELF_ME},
    {"myself", SELF_ME},
    {"company", SELF_COMPANY},
    {"company wide", SELF_COMPANY},
    {"companywide", SELF_COMPANY},
    {"whole company", SELF_COMPANY},
    {"entire company", SELF_COMPANY},
    {"our company", SELF_COMPANY},
    {"the company", SELF_COMPANY},
};

/* Words next to a scope name. v = 1: makes a person's name a team ("王芳团队"). */
static const struct word scope_after[] = {
    {"的团队", 1},   {"团队", 1},     {"的销售团队", 1},
    {"销售团队", 1}, {"的小组", 1},   {"小组", 1},
    {"组", 1},       {"'s team", 1},  {"'s sales team", 1},
    {"team", 1},     {"区", 0},       {"大区", 0},
    {"区域", 0},     {"地区", 0},     {"部", 0},
    {"部门", 0},     {"事业部", 0},   {"分公司", 0},
    {"中心", 0},     {"办事处", 0},   {"region", 0},
    {"unit", 0},     {"area", 0},     {"office", 0},
    {"branch", 0},   {"division", 0}, {"department", 0},
    {"dept", 0},     {"'s", 0},       {"的", 0},
};

static const struct word scope_before[] = {
    {"team", 1}, {"the team of", 1}, {"region", 0},     {"unit", 0},
    {"area", 0}, {"division", 0},    {"department", 0}, {"the", 0},
};

/* Number multipliers (powers of ten). */
static const struct word multipliers[] = {
    {"千万", 7}, {"百万", 6}, {"万", 4},      {"亿", 8}, {"千", 3},      {"百", 2}, {"k", 3},
    {"m", 6},    {"w", 4},    {"million", 6}, {"mn", 6}, {"billion", 9}, {"bn", 9}, {"thousand", 3},
};

/* Currencies before or after a number. */
static const struct word currency_prefix[] = {
    {"¥", 'C'},   {"￥", 'C'}, {"rmb", 'C'}, {"cny", 'C'}, {"$", 'U'},   {"us$", 'U'},
    {"usd", 'U'}, {"€", 'E'},  {"eur", 'E'}, {"£", 'G'},   {"gbp", 'G'},
};

static const struct word currency_suffix[] = {
    {"元", 'C'},   {"块", 'C'},   {"人民币", 'C'}, {"rmb", 'C'},     {"cny", 'C'},
    {"yuan", 'C'}, {"美元", 'U'}, {"usd", 'U'},    {"dollars", 'U'}, {"dollar", 'U'},
    {"欧元", 'E'}, {"eur", 'E'},  {"euros", 'E'},  {"英镑", 'G'},    {"gbp", 'G'},
};

/* After a number: v = 1 percent, 2 percentage points. */
static const struct word percent_words[] = {
    {"%", 1},   {"percent", 1},           {"per cent", 1},
    {"pct", 1}, {"个百分点", 2},          {"百分点", 2},
    {"pp", 2},  {"percentage points", 2}, {"percentage point", 2},
};

/* Counters after a number (200次, 15家, 4.5分, 4.5 points). */
static const struct word counters[] = {
    {"次", 0},   {"个", 0},   {"家", 0},     {"位", 0},    {"单", 0},  {"笔", 0},    {"场", 0},
    {"通", 0},   {"人", 0},   {"名", 0},     {"户", 0},    {"分", 0},  {"项", 0},    {"条", 0},
    {"人次", 0}, {"家次", 0}, {"points", 0}, {"point", 0}, {"pts", 0}, {"times", 0},
};

/* After a number, words that make it a time or an ordinal, not a value. */
static const struct word time_units[] = {
    {"年", 0},       {"月", 0},      {"日", 0},     {"号", 0},    {"周", 0},    {"天", 0},
    {"季", 0},       {"星期", 0},    {"小时", 0},   {"分钟", 0},  {"days", 0},  {"day", 0},
    {"weeks", 0},    {"week", 0},    {"months", 0}, {"month", 0}, {"years", 0}, {"year", 0},
    {"quarters", 0}, {"quarter", 0}, {"hours", 0},  {"st", 0},    {"nd", 0},    {"rd", 0},
    {"th", 0},       {"am", 0},      {"pm", 0},
};

/* ---- the parser state -------------------------------------------------- */

struct span {
    size_t at, len;
};

/* A number read in the text. */
struct num {
    struct span at;
    char digits[DIGITS_MAX]; /* ASCII decimal: "1.5", "1,000,000", "20" */
    bool too_long;           /* more digits than DIGITS_MAX */
    int power;               /* × 10^power: 万 4, 亿 8, k 3, M 6 */
    int percent;             /* 1 percent, 2 percentage points */
    int sign;                /* +1, -1, 0 */
    char currency;           /* 'C' CNY, 'U' USD, 'E' EUR, 'G' GBP, 0 none */
};

struct hit {
    struct span at;
    int v;
};

/* Why a number could not be the target. */
enum unsupported {
    UNS_NONE = 0,
    UNS_INCREMENT,  /* "提高销售额100万": an increase by an amount */
    UNS_POINTS,     /* "提高5个百分点" */
    UNS_PCT_VALUE,  /* "销售额达到20%": a percentage of money */
    UNS_TOO_LARGE,  /* does not fit */
    UNS_RATIO_OVER, /* a rate above 100% */
    UNS_NO_METRIC,  /* a number, but no metric to read it by */
    UNS_RATE,       /* "每周拜访20次": a rate per sub-period */
};

struct parser {
    const struct sentence_context *ctx;
    bool zh;               /* messages in Chinese */
    char t[TEXT_MAX + 1];  /* folded text */
    char lo[TEXT_MAX + 1]; /* the same, ASCII lower-cased */
    size_t n;
    bool used[TEXT_MAX + 1];

    enum goal_base base; /* from an idiom (同比) or a baseline period */
    struct span base_at;
    struct period refs[MAX_PERIOD_HITS]; /* baseline periods ("比上季度") */
    bool ref_same[MAX_PERIOD_HITS];      /* followed by 同期 */
    size_t n_refs;
    struct span period_at;
    struct span scope_at;
    bool self_unknown; /* 我/my, but ctx->me is NULL */
    struct hit metrics[MAX_HITS];
    size_t n_metrics;
    struct span metric_at;
    struct hit intents[MAX_HITS];
    size_t n_intents;
    struct hit multiples[MAX_HITS];
    size_t n_multiples;
    struct hit rates[MAX_HITS];
    size_t n_rates;
    struct hit vague_hits[MAX_HITS];
    size_t n_vague_hits;
    struct span vague_at;
    bool vague_strong, vague_weak;
    struct num nums[MAX_HITS];
    size_t n_nums;
    const struct num *target; /* the number read as the target */
    enum unsupported why;
    const struct hit *contra; /* a verb of change whose direction the number's sign
                                 contradicts ("提高-50%", "reduce by +5%"); NULL if none */
};

/* ---- bytes ------------------------------------------------------------- */

/* Is C a UTF-8 continuation byte? */
static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* Is C an ASCII digit? (ASCII classes only: the locale must not change what a
 * sentence means.) */
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Is C an ASCII letter or digit? */
static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* C in ASCII lower case; other bytes (UTF-8) unchanged. */
static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Is S[0..N) well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF)? */
static bool utf8_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        size_t len;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (n - i < len || u[i + 1] < lo || u[i + 1] > hi)
            return false;
        for (size_t k = 2; k < len; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

/*
 * Fold valid UTF-8 S (N bytes) into OUT (room for N + 1): full-width ASCII
 * (U+FF01..U+FF5E) to ASCII, Chinese commas, full stops and other full-width
 * punctuation, U+3000, NBSP and control characters to spaces, curly quotes to
 * straight ones, U+2212 to '-'. Returns the length written (never above N).
 */
static size_t fold(const char *s, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c == 0xEF && i + 2 < n && (u[i + 1] == 0xBC || u[i + 1] == 0xBD)) {
            unsigned cp = 0xF000u | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                char a = (char)(cp - 0xFEE0);
                out[o++] = (a == ',' || a == ';' || a == ':' || a == '!' || a == '?') ? ' ' : a;
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] <= 0x82) {
            out[o++] = ' '; /* U+3000 ideographic space, 、 and 。 */
            i += 3;
            continue;
        }
        if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] >= 0x98 && u[i + 2] <= 0x9D) {
            out[o++] = u[i + 2] <= 0x9B ? '\'' : '"'; /* ‘ ’ ‚ ‛ “ ” */
            i += 3;
            continue;
        }
        if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x88 && u[i + 2] == 0x92) {
            out[o++] = '-'; /* − */
            i += 3;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
            out[o++] = ' ';
            i += 2;
            continue;
        }
        out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
        i++;
    }
    out[o] = '\0';
    return o;
}

/* ---- matching ---------------------------------------------------------- */

/* Is no byte of [AT, AT+LEN) claimed by a part already read? */
static bool is_free(const struct parser *p, size_t at, size_t len)
{
    for (size_t i = at; i < at + len; i++)
        if (p->used[i])
            return false;
    return true;
}

/* Claim the bytes of S so that no later family reads them (an empty S claims nothing). */
static void claim(struct parser *p, struct span s)
{
    for (size_t i = s.at; i < s.at + s.len && i < p->n; i++)
        p->used[i] = true;
}

/* Do the ASCII edges of [AT, AT+LEN) stand alone (no ASCII letter or digit
 * glued to an ASCII letter or digit at either end)? With GLUED the left edge
 * may touch: "300k", "2M", "5pp" after digits. */
static bool edges_ok_ex(const struct parser *p, size_t at, size_t len, bool glued)
{
    if (len == 0)
        return false;
    if (!glued && is_alnum(p->lo[at]) && at > 0 && is_alnum(p->lo[at - 1]))
        return false;
    if (is_alnum(p->lo[at + len - 1]) && at + len < p->n && is_alnum(p->lo[at + len]))
        return false;
    return true;
}

/* edges_ok_ex with both edges standing alone. */
static bool edges_ok(const struct parser *p, size_t at, size_t len)
{
    return edges_ok_ex(p, at, len, false);
}

/* Does C separate the words of a phrase (" ", "-", "_": "win-rate", "year_end")? */
static bool is_sep(char c)
{
    return c == ' ' || c == '-' || c == '_';
}

/*
 * Bytes of word W matched at AT of the lower-cased text, or 0: a ' ' in W
 * matches one or more spaces, dashes or underscores; ASCII edges must stand
 * alone (but for the left one when GLUED); the bytes must not be claimed yet.
 */
static size_t match_ex(const struct parser *p, size_t at, const char *w, bool glued)
{
    size_t i = at;
    for (const char *c = w; *c; c++) {
        if (*c == ' ') {
            size_t k = i;
            while (k < p->n && is_sep(p->lo[k]))
                k++;
            if (k == i)
                return 0;
            i = k;
        } else {
            if (i >= p->n || p->lo[i] != *c)
                return 0;
            i++;
        }
    }
    if (!edges_ok_ex(p, at, i - at, glued) || !is_free(p, at, i - at))
        return 0;
    return i - at;
}

/* match_ex with both edges standing alone. */
static size_t match(const struct parser *p, size_t at, const char *w)
{
    return match_ex(p, at, w, false);
}

/* The longest word of TAB (N entries) at AT: its length (0 when none) and *V. */
static size_t longest_ex(const struct parser *p, size_t at, const struct word *tab, size_t n,
                         int *v, bool glued)
{
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = match_ex(p, at, tab[i].w, glued);
        if (len > best) {
            best = len;
            *v = tab[i].v;
        }
    }
    return best;
}

/* The longest word of TAB at AT standing alone: its length (0 when none) and *V. */
static size_t longest(const struct parser *p, size_t at, const struct word *tab, size_t n, int *v)
{
    return longest_ex(p, at, tab, n, v, false);
}

/* The longest word of TAB right after a number (its left edge may touch the digits). */
static size_t after_number(const struct parser *p, size_t at, const struct word *tab, size_t n,
                           int *v)
{
    return longest_ex(p, at, tab, n, v, true);
}

/* Skip spaces forward from AT. */
static size_t skip_fwd(const struct parser *p, size_t at)
{
    while (at < p->n && p->lo[at] == ' ')
        at++;
    return at;
}

/* Skip spaces backward from END (exclusive); returns the new end. */
static size_t skip_back(const struct parser *p, size_t end)
{
    while (end > 0 && p->lo[end - 1] == ' ')
        end--;
    return end;
}

/* The longest word of TAB that ends at END (spaces before END skipped): its
 * span (len 0 when none) and *V. */
static struct span word_before(const struct parser *p, size_t end, const struct word *tab, size_t n,
                               int *v)
{
    struct span best = {0, 0};
    end = skip_back(p, end);
    for (size_t i = 0; i < n; i++) {
        size_t wl = strlen(tab[i].w);
        /* a ' ' in a word may match several bytes: look a little further back */
        for (size_t back = wl; back <= wl + 8 && back <= end; back++) {
            size_t at = end - back;
            if (match(p, at, tab[i].w) == back) {
                if (back > best.len) {
                    best.at = at, best.len = back;
                    *v = tab[i].v;
                }
                break;
            }
        }
    }
    return best;
}

/* The longest word of TAB that starts at AT (spaces skipped): its span and *V. */
static struct span word_after(const struct parser *p, size_t at, const struct word *tab, size_t n,
                              int *v)
{
    at = skip_fwd(p, at);
    struct span s = {at, longest(p, at, tab, n, v)};
    return s;
}

/* Copy the text of S into OUT (SIZE bytes), cut at a character boundary. */
static char *span_text(const struct parser *p, struct span s, char *out, size_t size)
{
    size_t len = s.len < size ? s.len : size - 1;
    while (len > 0 && len < s.len && is_cont(p->t[s.at + len]))
        len--;
    memcpy(out, p->t + s.at, len);
    out[len] = '\0';
    return out;
}

/* ---- 1. baseline idioms -------------------------------------------------- */

/* Claim the baseline idioms (同比, 去年同期, year over year, 环比); the first sets p->base. */
static void find_bases(struct parser *p)
{
    for (size_t at = 0; at < p->n; at++) {
        int v = 0;
        size_t len = longest(p, at, base_words, N_OF(base_words), &v);
        if (len == 0)
            continue;
        struct span s = {at, len};
        claim(p, s);
        if (p->base == GOAL_BASE_NONE) {
            p->base = (enum goal_base)v;
            p->base_at = s;
        }
        at += len - 1;
    }
}

/* ---- 2. periods -------------------------------------------------------- */

/* Read PREFIX then the LEN bytes of EXPR as a period, as of the context. */
static bool read_period(const struct parser *p, const char *prefix, const char *expr, size_t len,
                        struct period *out)
{
    char buf[PERIOD_SPAN_MAX + 24];
    struct at_err e;
    int n = snprintf(buf, sizeof buf, "%s%.*s", prefix, (int)len, expr);
    if (n < 0 || (size_t)n >= sizeof buf)
        return false;
    return period_parse(buf, p->ctx->as_of, p->ctx->fiscal_start_month, out, &e) == AT_OK;
}

/* Can a period start with the character at AT? (A cheap filter before period_parse.) */
static bool period_may_start(const struct parser *p, size_t at)
{
    static const char *const zh_starts[] = {"今", "昨", "明", "本", "这", "上", "下", "去",
                                            "第", "一", "二", "三", "四", "年", "季", "月"};
    char c = p->lo[at];
    if (is_alnum(c))
        return at == 0 || !is_alnum(p->lo[at - 1]);
    for (size_t i = 0; i < N_OF(zh_starts); i++)
        if (strncmp(p->lo + at, zh_starts[i], strlen(zh_starts[i])) == 0)
            return true;
    return false;
}

/* Can a period end just before END? */
static bool period_may_end(const struct parser *p, size_t end)
{
    static const char *const zh_ends[] = {"年", "月", "日", "号", "周", "度", "季", "天", "今"};
    char c = p->lo[end - 1];
    if (end < p->n && is_cont(p->lo[end]))
        return false;
    if (is_alnum(c))
        return end == p->n || !is_alnum(p->lo[end]);
    for (size_t i = 0; i < N_OF(zh_ends); i++) {
        size_t l = strlen(zh_ends[i]);
        if (end >= l && strncmp(p->lo + end - l, zh_ends[i], l) == 0)
            return true;
    }
    return false;
}

/* Is [AT, AT+LEN) four ASCII digits? */
static bool is_bare_year(const struct parser *p, size_t at, size_t len)
{
    if (len != 4)
        return false;
    for (size_t i = 0; i < 4; i++)
        if (!is_digit(p->lo[at + i]))
            return false;
    return true;
}

/*
 * "July", "Jul 2026", "July 15", "March 31, 2027" at AT: the span read and the
 * period, in the as-of year unless one is written. Bare "may" is not read.
 */
static size_t month_name_at(const struct parser *p, size_t at, struct period *out)
{
    int month = 0;
    size_t len = longest(p, at, month_words, N_OF(month_words), &month);
    if (len == 0)
        return 0;
    int y, m, d;
    cal_to_ymd(p->ctx->as_of, &y, &m, &d);
    size_t k = skip_fwd(p, at + len), end = at + len;
    int day = 0, year = y;
    bool has_day = false, has_year = false;
    if (k < p->n && is_digit(p->lo[k]) &&
        (k + 1 >= p->n || !is_digit(p->lo[k + 1]) || k + 2 >= p->n || !is_digit(p->lo[k + 2]))) {
        size_t j = k;
        while (j < p->n && is_digit(p->lo[j]))
            day = day * 10 + (p->lo[j++] - '0');
        if (j + 1 < p->n && (strncmp(p->lo + j, "st", 2) == 0 || strncmp(p->lo + j, "nd", 2) == 0 ||
                             strncmp(p->lo + j, "rd", 2) == 0 || strncmp(p->lo + j, "th", 2) == 0))
            j += 2;
        if (j >= p->n || !is_alnum(p->lo[j])) {
            has_day = true;
            end = j;
            k = j;
            if (k < p->n && p->lo[k] == ',')
                k++;
            k = skip_fwd(p, k);
        }
    }
    if (k + 4 <= p->n && is_bare_year(p, k, 4) && (k + 4 == p->n || !is_alnum(p->lo[k + 4]))) {
        year = (p->lo[k] - '0') * 1000 + (p->lo[k + 1] - '0') * 100 + (p->lo[k + 2] - '0') * 10 +
               (p->lo[k + 3] - '0');
        has_year = true;
        end = k + 4;
    }
    if (month == 5 && len == 3 && !has_day && !has_year)
        return 0; /* "may" the verb */
    char expr[48];
    if (has_day)
        snprintf(expr, sizeof expr, "%04d-%02d-%02d", year, month, day);
    else
        snprintf(expr, sizeof expr, "%04d-%02d", year, month);
    if (!is_free(p, at, end - at) || !read_period(p, "", expr, strlen(expr), out))
        return 0;
    return end - at;
}

/*
 * The period read at [AT, AT+LEN), trying the text itself, then the as-of
 * year in front of a year-less form ("Q3" -> "2026-Q3", "3月" -> "2026年3月",
 * "第三季度" -> "2026年第三季度").
 */
static bool period_span(const struct parser *p, size_t at, size_t len, struct period *out)
{
    const char *s = p->t + at;
    if (read_period(p, "", s, len, out)) {
        if (!is_bare_year(p, at, len))
            return true;
        int v;
        /* a bare year is a period only after in/for/by ...: else it is a number */
        return word_before(p, at, year_prepositions, N_OF(year_prepositions), &v).len > 0;
    }
    int y, m, d;
    cal_to_ymd(p->ctx->as_of, &y, &m, &d);
    char prefix[16];
    char c = p->lo[at];
    if ((c == 'q' || c == 'h' || c == 'w') && len >= 2 && is_digit(s[1])) {
        snprintf(prefix, sizeof prefix, "%04d-", y);
        return read_period(p, prefix, s, len, out);
    }
    bool non_ascii = false;
    for (size_t i = 0; i < len; i++)
        non_ascii |= ((unsigned char)s[i] >= 0x80);
    if (non_ascii && strncmp(s, "年", strlen("年")) != 0) {
        snprintf(prefix, sizeof prefix, "%04d年", y);
        return read_period(p, prefix, s, len, out);
    }
    return false;
}

/* The longest period anywhere in the free text: its span (len 0 when none). */
static struct span best_period(const struct parser *p, struct period *out)
{
    struct span best = {0, 0};
    for (size_t at = 0; at < p->n; at++) {
        if (p->used[at] || is_cont(p->t[at]) || p->t[at] == ' ')
            continue;
        struct period per;
        for (size_t i = 0; i < N_OF(period_phrases); i++) {
            size_t len = match(p, at, period_phrases[i].w);
            if (len > best.len &&
                read_period(p, "", period_phrases[i].expr, strlen(period_phrases[i].expr), &per)) {
                best.at = at, best.len = len;
                *out = per;
            }
        }
        size_t len = month_name_at(p, at, &per);
        if (len > best.len) {
            best.at = at, best.len = len;
            *out = per;
        }
        if (!period_may_start(p, at))
            continue;
        size_t limit = at;
        while (limit < p->n && limit - at < PERIOD_SPAN_MAX && !p->used[limit])
            limit++;
        for (size_t end = limit; end > at + best.len; end--) {
            if (p->t[end - 1] == ' ' || !period_may_end(p, end))
                continue;
            if (period_span(p, at, end - at, &per)) {
                best.at = at, best.len = end - at;
                *out = per;
                break;
            }
        }
    }
    return best;
}

/* Is period A the same as B? */
static bool same_period(const struct period *a, const struct period *b)
{
    return a->start == b->start && a->end == b->end;
}

/*
 * Find the goal's period and the baseline periods. A period after 比/较/vs is
 * a baseline; the words around the goal's period ("by", "到", "末", "前") are
 * claimed with it, and a day after "by"/"到" or before "前" becomes the range
 * from as_of to that day.
 */
static void find_periods(struct parser *p, struct sentence_goal *out)
{
    for (int round = 0; round < MAX_PERIOD_HITS; round++) {
        struct period per;
        struct span s = best_period(p, &per);
        if (s.len == 0)
            break;
        int v = 0;
        struct span ref = word_before(p, s.at, ref_words, N_OF(ref_words), &v);
        if (ref.len > 0 && (v == 1 || per.end < p->ctx->as_of)) {
            claim(p, ref);
            claim(p, s);
            int same = 0;
            static const struct word same_words[] = {{"同期", 1}, {"same period", 1}};
            struct span tail = word_after(p, s.at + s.len, same_words, N_OF(same_words), &same);
            claim(p, tail);
            if (p->n_refs < MAX_PERIOD_HITS) {
                p->ref_same[p->n_refs] = tail.len > 0;
                p->refs[p->n_refs++] = per;
            }
            continue;
        }
        claim(p, s);
        if (out->has_period)
            continue; /* a second period: claimed, not read */
        int by_before = 0, by_after = 0;
        struct span before = word_before(p, s.at, period_before, N_OF(period_before), &by_before);
        claim(p, before);
        struct span after = {s.at + s.len, 0};
        for (int k = 0; k < 2; k++) {
            int v2 = 0;
            struct span a =
                word_after(p, after.at + after.len, period_after, N_OF(period_after), &v2);
            if (a.len == 0)
                break;
            claim(p, a);
            by_after |= v2;
            after.len = a.at + a.len - after.at;
        }
        if (per.kind == PERIOD_DAY && (by_before || by_after) && per.start >= p->ctx->as_of) {
            /* "by 2027-03-31": from as_of to that day */
            char expr[2 * CAL_DATE_LEN + 4], a[CAL_DATE_LEN], b[CAL_DATE_LEN];
            snprintf(expr, sizeof expr, "%s..%s", cal_format(p->ctx->as_of, a),
                     cal_format(per.start, b));
            struct period range;
            if (read_period(p, "", expr, strlen(expr), &range))
                per = range;
        }
        out->has_period = true;
        out->period = per;
        p->period_at.at = before.len ? before.at : s.at;
        p->period_at.len = (after.len ? after.at + after.len : s.at + s.len) - p->period_at.at;
    }
    /* The baseline a period after 比/较 names. */
    if (p->base == GOAL_BASE_NONE && p->n_refs > 0) {
        const struct period *r = &p->refs[0];
        bool last_year = p->ref_same[0] || r->kind == PERIOD_YEAR || r->kind == PERIOD_FISCAL_YEAR;
        if (out->has_period) {
            struct period ly = period_last_year(&out->period);
            struct period prev = period_previous(&out->period);
            if (same_period(r, &ly) || (r->start <= ly.start && ly.end <= r->end))
                last_year = true;
            else if (same_period(r, &prev))
                last_year = false;
        }
        p->base = last_year ? GOAL_BASE_LAST_YEAR : GOAL_BASE_PREVIOUS;
    }
}

/* ---- 3. scope ---------------------------------------------------------- */

/* Fold NAME and lower-case its ASCII into OUT (SIZE bytes); its length, 0 when
 * it is empty, too long or not UTF-8. */
static size_t fold_name(const char *name, char *out, size_t size)
{
    size_t n = strnlen(name, size);
    if (n == 0 || n >= size || !utf8_ok(name, n))
        return 0;
    n = fold(name, n, out);
    for (size_t i = 0; i < n; i++)
        out[i] = lower(out[i]);
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
    return n;
}

/* Set OUT's scope to SCOPE, or to team:NAME when TEAM and SCOPE is person:NAME. */
static void set_scope(struct sentence_goal *out, const char *scope, bool team)
{
    static const char person[] = "person:";
    int n;
    if (team && strncmp(scope, person, strlen(person)) == 0)
        n = snprintf(out->scope, sizeof out->scope, "team:%s", scope + strlen(person));
    else
        n = snprintf(out->scope, sizeof out->scope, "%s", scope);
    out->has_scope = n > 0 && (size_t)n < sizeof out->scope;
    if (!out->has_scope)
        out->scope[0] = '\0';
}

/* The longest of ctx->names in the text, with the words around it (区, 团队, region). */
static void find_named_scope(struct parser *p, struct sentence_goal *out)
{
    const struct sentence_context *ctx = p->ctx;
    const struct sentence_scope *best = NULL;
    struct span at = {0, 0};
    char name[GOAL_SCOPE_MAX];
    for (size_t i = 0; ctx->names && i < ctx->n_names; i++) {
        const struct sentence_scope *sc = &ctx->names[i];
        if (!sc->name || !sc->scope)
            continue;
        size_t len = fold_name(sc->name, name, sizeof name);
        if (len == 0 || len > p->n || len < at.len)
            continue;
        for (const char *hit = strstr(p->lo, name); hit; hit = strstr(hit + 1, name)) {
            size_t pos = (size_t)(hit - p->lo);
            if (!edges_ok(p, pos, len) || !is_free(p, pos, len))
                continue;
            if (len > at.len || pos < at.at) {
                at.at = pos, at.len = len;
                best = sc;
            }
            break;
        }
    }
    if (!best)
        return;
    int team_after = 0, team_before = 0;
    struct span after = word_after(p, at.at + at.len, scope_after, N_OF(scope_after), &team_after);
    struct span before = word_before(p, at.at, scope_before, N_OF(scope_before), &team_before);
    claim(p, at);
    claim(p, after);
    claim(p, before);
    set_scope(out, best->scope, team_after || team_before);
    p->scope_at.at = before.len ? before.at : at.at;
    p->scope_at.len = (after.len ? after.at + after.len : at.at + at.len) - p->scope_at.at;
}

/* 我/my/I (ctx->me), 我的团队/my team (team:ME), 公司/company: the first one said. */
static void find_self_scope(struct parser *p, struct sentence_goal *out)
{
    for (size_t at = 0; at < p->n; at++) {
        int v = SELF_NONE;
        size_t len = longest(p, at, self_words, N_OF(self_words), &v);
        if (len == 0)
            continue;
        struct span s = {at, len};
        claim(p, s);
        at += len - 1;
        if (v == SELF_NONE || out->has_scope || p->self_unknown)
            continue;
        p->scope_at = s;
        if (v == SELF_COMPANY)
            set_scope(out, "company", false);
        else if (p->ctx->me && p->ctx->me[0])
            set_scope(out, p->ctx->me, v == SELF_TEAM);
        else
            p->self_unknown = true;
    }
}

/* ---- 4. metrics -------------------------------------------------------- */

/* Every metric word, longest first at each position, left to right (at most MAX_HITS). */
static void find_metrics(struct parser *p)
{
    for (size_t at = 0; at < p->n && p->n_metrics < MAX_HITS; at++) {
        int v = 0;
        size_t len = longest(p, at, metric_words, N_OF(metric_words), &v);
        if (len == 0)
            continue;
        struct hit h = {{at, len}, v};
        p->metrics[p->n_metrics++] = h;
        claim(p, h.at);
        at += len - 1;
    }
}

/* ---- 5. intent and vagueness ------------------------------------------ */

/* Claim every word of TAB in the free text, longest first; keep the first MAX_HITS in HITS. */
static void find_words(struct parser *p, const struct word *tab, size_t n, struct hit *hits,
                       size_t *n_hits)
{
    for (size_t at = 0; at < p->n; at++) {
        int v = 0;
        size_t len = longest(p, at, tab, n, &v);
        if (len == 0)
            continue;
        struct hit h = {{at, len}, v};
        claim(p, h.at);
        if (*n_hits < MAX_HITS)
            hits[(*n_hits)++] = h;
        at += len - 1;
    }
}

/* The vague words: p->vague_strong / p->vague_weak and where the first (strong first) is. */
static void find_vague(struct parser *p)
{
    const struct hit *hits = p->vague_hits;
    find_words(p, vague_words, N_OF(vague_words), p->vague_hits, &p->n_vague_hits);
    for (size_t i = 0; i < p->n_vague_hits; i++) {
        if (p->vague_at.len == 0 || (hits[i].v && !p->vague_strong))
            p->vague_at = hits[i].at;
        p->vague_strong |= hits[i].v == 1;
        p->vague_weak = true;
    }
}

/* ---- 6. numbers -------------------------------------------------------- */

/* A Chinese numeral digit at S (0-9) and its length in *LEN, or -1. */
static int cn_digit(const char *s, size_t *len)
{
    static const struct word d[] = {{"零", 0}, {"〇", 0}, {"一", 1}, {"二", 2},
                                    {"两", 2}, {"三", 3}, {"四", 4}, {"五", 5},
                                    {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
    for (size_t i = 0; i < N_OF(d); i++)
        if (strncmp(s, d[i].w, strlen(d[i].w)) == 0) {
            *len = strlen(d[i].w);
            return d[i].v;
        }
    return -1;
}

/* A Chinese numeral unit at S (十 百 千 万 亿) and its length, or 0. */
static int64_t cn_unit(const char *s, size_t *len)
{
    static const struct {
        const char *w;
        int64_t v;
    } u[] = {{"十", 10}, {"百", 100}, {"千", 1000}, {"万", 10000}, {"亿", 100000000}};
    for (size_t i = 0; i < N_OF(u); i++)
        if (strncmp(s, u[i].w, strlen(u[i].w)) == 0) {
            *len = strlen(u[i].w);
            return u[i].v;
        }
    return 0;
}

/*
 * A Chinese numeral at AT ("二十", "一百五十", "三千万", "十五"): its length (0
 * when none) and value. It must begin with a digit or 十; 十分 ("very") is not
 * read.
 */
static size_t cn_number(const struct parser *p, size_t at, int64_t *value)
{
    int64_t total = 0, section = 0, digit = -1;
    size_t i = at, len;
    bool any = false;
    while (i < p->n && !p->used[i]) {
        int d = cn_digit(p->t + i, &len);
        if (d >= 0) {
            digit = d;
            i += len;
            any = true;
            continue;
        }
        int64_t u = cn_unit(p->t + i, &len);
        if (u == 0 || (!any && u != 10))
            break;
        int64_t part = section + (digit < 0 ? 0 : digit);
        if (u < 10000) {
            section += (digit < 0 ? 1 : digit) * u;
        } else if (u == 10000) {
            total += (part ? part : 1) * u; /* 五千万: the part since the last 亿 */
            section = 0;
        } else {
            total = (total + (part ? part : (total ? 0 : 1))) * u;
            section = 0;
        }
        if (total > 1000000000000000LL)
            return 0;
        digit = -1;
        i += len;
        any = true;
    }
    if (!any)
        return 0;
    total += section + (digit < 0 ? 0 : digit);
    if (i - at == strlen("十") && strncmp(p->t + i, "分", strlen("分")) == 0)
        return 0;
    *value = total;
    return i - at;
}

/* Scan the digits of an ASCII number at K into NM; the end (K when none). */
static size_t ascii_digits(const struct parser *p, size_t k, struct num *nm)
{
    size_t start = k;
    bool dot = false;
    while (k < p->n) {
        char c = p->lo[k];
        if (is_digit(c)) {
            k++;
        } else if (c == ',' && !dot && k > start && k + 3 < p->n && is_digit(p->lo[k + 1]) &&
                   is_digit(p->lo[k + 2]) && is_digit(p->lo[k + 3]) && !is_digit(p->lo[k + 4])) {
            k += 4;
        } else if (c == '.' && !dot && k > start && k + 1 < p->n && is_digit(p->lo[k + 1])) {
            dot = true;
            k++;
        } else {
            break;
        }
    }
    size_t len = k - start;
    if (len >= DIGITS_MAX) {
        nm->too_long = true;
        len = DIGITS_MAX - 1;
    }
    memcpy(nm->digits, p->lo + start, len);
    nm->digits[len] = '\0';
    return k;
}

/*
 * A number at AT: [sign] [currency] [百分之] digits-or-numeral [multiplier]
 * [currency] [% | percentage points] [counter]. Not a number when glued to
 * ASCII letters ("Q3", "3rd"), after 第, or followed by a unit of time ("3个月",
 * "2 weeks"). Returns the length read (0 when none).
 */
static size_t scan_number(const struct parser *p, size_t at, struct num *nm)
{
    memset(nm, 0, sizeof *nm);
    size_t k = at;
    int v = 0;
    if (at > 0 && (is_alnum(p->lo[at - 1]) || p->lo[at - 1] == '.'))
        return 0;
    if (at >= strlen("第") && strncmp(p->t + (at - strlen("第")), "第", strlen("第")) == 0)
        return 0;
    if ((p->lo[k] == '+' || p->lo[k] == '-') && k + 1 < p->n) {
        nm->sign = p->lo[k] == '+' ? 1 : -1;
        k++;
    }
    size_t cl = longest(p, k, currency_prefix, N_OF(currency_prefix), &v);
    if (cl) {
        nm->currency = (char)v;
        k = skip_fwd(p, k + cl);
    }
    bool pct_prefix = false;
    if (match(p, k, "百分之")) {
        pct_prefix = true;
        k += strlen("百分之");
    }
    if (k >= p->n || p->used[k])
        return 0;
    if (is_digit(p->lo[k])) {
        if (k > at && is_alnum(p->lo[k - 1]))
            return 0;
        k = ascii_digits(p, k, nm);
    } else {
        int64_t value = 0;
        size_t len = cn_number(p, k, &value);
        if (len == 0)
            return 0;
        snprintf(nm->digits, sizeof nm->digits, "%lld", (long long)value);
        k += len;
        /* a bare numeral needs a counter, a currency or a percent after it */
        size_t j = skip_fwd(p, k);
        int w = 0;
        if (!pct_prefix && !after_number(p, j, counters, N_OF(counters), &w) &&
            !after_number(p, j, currency_suffix, N_OF(currency_suffix), &w) &&
            !after_number(p, j, percent_words, N_OF(percent_words), &w) &&
            !after_number(p, j, multipliers, N_OF(multipliers), &w))
            return 0;
    }
    size_t j = skip_fwd(p, k);
    size_t ml = after_number(p, j, multipliers, N_OF(multipliers), &v);
    if (ml) {
        nm->power = v;
        k = j + ml;
    }
    j = skip_fwd(p, k);
    cl = after_number(p, j, currency_suffix, N_OF(currency_suffix), &v);
    if (cl) {
        nm->currency = (char)v;
        k = j + cl;
    }
    if (pct_prefix) {
        nm->percent = 1;
    } else {
        j = skip_fwd(p, k);
        size_t pl = after_number(p, j, percent_words, N_OF(percent_words), &v);
        if (pl) {
            nm->percent = v;
            k = j + pl;
        }
    }
    j = skip_fwd(p, k);
    size_t tl = after_number(p, j, counters, N_OF(counters), &v);
    if (tl)
        k = j + tl;
    j = skip_fwd(p, k);
    if (after_number(p, j, time_units, N_OF(time_units), &v) && !nm->percent && !nm->currency)
        return 0;
    if (k < p->n && is_alnum(p->lo[k]) && is_alnum(p->lo[k - 1]))
        return 0; /* "3rd", "4g" */
    nm->at.at = at;
    nm->at.len = k - at;
    return k - at;
}

/* Every number in the free text, left to right (at most MAX_HITS). */
static void find_numbers(struct parser *p)
{
    for (size_t at = 0; at < p->n && p->n_nums < MAX_HITS; at++) {
        if (p->used[at] || is_cont(p->t[at]))
            continue;
        struct num nm;
        size_t len = scan_number(p, at, &nm);
        if (len == 0)
            continue;
        p->nums[p->n_nums++] = nm;
        claim(p, nm.at);
        at += len - 1;
    }
}

/* ---- deciding ---------------------------------------------------------- */

/* The intent word ending right before S (spaces skipped), or IN_NONE. */
static int intent_before(const struct parser *p, struct span s)
{
    size_t end = skip_back(p, s.at);
    for (size_t i = 0; i < p->n_intents; i++)
        if (p->intents[i].at.at + p->intents[i].at.len == end)
            return p->intents[i].v;
    return IN_NONE;
}

/* The intent word starting right after S (spaces skipped), or IN_NONE. */
static int intent_after(const struct parser *p, struct span s)
{
    size_t at = skip_fwd(p, s.at + s.len);
    for (size_t i = 0; i < p->n_intents; i++)
        if (p->intents[i].at.at == at)
            return p->intents[i].v;
    return IN_NONE;
}

/* Does intent V say what to do with a number (not a marker like 到, by, 从)? */
static bool is_verb(int v)
{
    return v == IN_GROW || v == IN_DECLINE || v == IN_ABS || v == IN_ACQUIRE || v == IN_UPPER;
}

/* The verb that governs S: the last one before it, else the first after it. */
/* The word of intent that governing() would choose for S, as its hit (NULL
 * when none): where the verb stands, to quote it. */
static const struct hit *governing_hit(const struct parser *p, struct span s)
{
    const struct hit *gov = NULL;
    for (size_t i = 0; i < p->n_intents; i++)
        if (is_verb(p->intents[i].v) && p->intents[i].at.at < s.at)
            gov = &p->intents[i];
    if (gov)
        return gov;
    for (size_t i = 0; i < p->n_intents; i++)
        if (is_verb(p->intents[i].v) && p->intents[i].at.at > s.at)
            return &p->intents[i];
    return NULL;
}

static int governing(const struct parser *p, struct span s)
{
    int gov = IN_NONE;
    for (size_t i = 0; i < p->n_intents; i++)
        if (is_verb(p->intents[i].v) && p->intents[i].at.at < s.at)
            gov = p->intents[i].v;
    if (gov != IN_NONE)
        return gov;
    for (size_t i = 0; i < p->n_intents; i++)
        if (is_verb(p->intents[i].v) && p->intents[i].at.at > s.at)
            return p->intents[i].v;
    return IN_NONE;
}

/* Was a word of intent KIND read anywhere? */
static bool has_intent(const struct parser *p, int kind)
{
    for (size_t i = 0; i < p->n_intents; i++)
        if (p->intents[i].v == kind)
            return true;
    return false;
}

/* The target number: the one after 到/to, else the first not after 从/from. */
static const struct num *choose_number(const struct parser *p)
{
    const struct num *first = NULL;
    for (size_t i = 0; i < p->n_nums; i++) {
        int before = intent_before(p, p->nums[i].at);
        if (before == IN_TO)
            return &p->nums[i];
        if (before != IN_FROM && !first)
            first = &p->nums[i];
    }
    return first;
}

/* Distance in bytes between two spans (0 when they touch or overlap). */
static size_t distance(struct span a, struct span b)
{
    if (a.at + a.len <= b.at)
        return b.at - (a.at + a.len);
    if (b.at + b.len <= a.at)
        return a.at - (b.at + b.len);
    return 0;
}

/*
 * The metric: generic "customers" become new customers after a word of
 * acquiring (and are dropped otherwise); among several, the one nearest the
 * target number, else the first.
 */
static void choose_metric(struct parser *p, struct sentence_goal *out)
{
    bool acquire = has_intent(p, IN_ACQUIRE);
    const struct hit *best = NULL;
    for (size_t i = 0; i < p->n_metrics; i++) {
        struct hit *h = &p->metrics[i];
        if (h->v == GENERIC_CUSTOMERS) {
            if (!acquire)
                continue;
            h->v = METRIC_NEW_CUSTOMERS;
        }
        if (!best ||
            (p->target && distance(h->at, p->target->at) < distance(best->at, p->target->at)))
            best = h;
    }
    if (!best)
        return;
    out->has_metric = true;
    out->metric = (enum metric_id)best->v;
    out->direction = metric_direction(out->metric);
    p->metric_at = best->at;
}

/* Read NM's digits × 10^(power + SCALE) into *OUT; false when it does not fit. */
static bool scaled(const struct num *nm, int scale, int64_t *out)
{
    struct at_err e;
    int s = scale + nm->power;
    if (nm->too_long || s < 0 || s > 18)
        return false;
    return decimal_parse(nm->digits, s, out, &e) == AT_OK;
}

/* Read the chosen number as an absolute target of the metric's unit. */
static void absolute_target(struct parser *p, struct sentence_goal *out, bool upper)
{
    const struct num *nm = p->target;
    int64_t v = 0;
    bool ok;
    switch (metric_def(out->metric)->unit) {
    case MU_MONEY:
        ok = scaled(nm, 6, &v); /* 2 decimals of minor units, × 10^4 */
        break;
    case MU_RATIO:
        if (nm->percent) {
            ok = scaled(nm, 2, &v);
        } else {
            /* 0.65 is a ratio, 65 a percentage */
            ok = scaled(nm, 4, &v);
            if (ok && v > GOAL_SCALE)
                ok = scaled(nm, 2, &v);
        }
        if (ok && v > GOAL_SCALE) {
            p->why = UNS_RATIO_OVER;
            return;
        }
        break;
    case MU_COUNT:
    case MU_SCORE:
    default:
        ok = scaled(nm, 4, &v);
        break;
    }
    if (!ok) {
        p->why = UNS_TOO_LARGE;
        return;
    }
    out->has_target = true;
    out->target = v;
    if (upper)
        out->direction = GOAL_LOWER;
}

/* Decide what the chosen number means: an absolute target or a growth. */
static void decide_target(struct parser *p, struct sentence_goal *out)
{
    const struct num *nm = p->target;
    if (!nm) {
        if (p->n_multiples > 0) {
            out->has_growth = true;
            out->growth_bp = p->multiples[0].v;
            out->base = p->base != GOAL_BASE_NONE ? p->base : GOAL_BASE_PREVIOUS;
        }
        return;
    }
    enum metric_unit unit = out->has_metric ? metric_def(out->metric)->unit : MU_COUNT;
    int gov = governing(p, nm->at);
    int before = intent_before(p, nm->at), after = intent_after(p, nm->at);
    bool to = before == IN_TO;
    bool change = gov == IN_GROW || gov == IN_DECLINE;
    bool by = before == IN_BY && change;
    bool upper = gov == IN_UPPER || after == IN_UPPER || (gov == IN_DECLINE && to);
    bool relative_words = has_intent(p, IN_GROW) || has_intent(p, IN_DECLINE) || nm->sign != 0 ||
                          p->base != GOAL_BASE_NONE;
    /* A sign against the verb is refused, never read one way or the other:
     * "提高-50%" (raise by minus half), "降低-10%" (a double negative), "reduce
     * by +5%". The sentence says both; the user must say which. */
    if ((gov == IN_GROW && nm->sign < 0) || (gov == IN_DECLINE && nm->sign != 0)) {
        p->contra = governing_hit(p, nm->at);
        return;
    }
    if (nm->percent == 2) {
        p->why = UNS_POINTS;
        return;
    }
    if (nm->percent) {
        bool absolute =
            out->has_metric && unit == MU_RATIO && !by && nm->sign == 0 && (to || !change);
        if (absolute) {
            absolute_target(p, out, upper);
            return;
        }
        if (out->has_metric && unit != MU_RATIO && !relative_words &&
            (to || gov == IN_ABS || gov == IN_ACQUIRE || gov == IN_UPPER)) {
            p->why = UNS_PCT_VALUE;
            return;
        }
        int64_t bp = 0;
        if (!scaled(nm, 2, &bp) || bp > GROWTH_MAX_BP) {
            p->why = UNS_TOO_LARGE;
            return;
        }
        bool down = nm->sign < 0 || (nm->sign == 0 && gov == IN_DECLINE);
        if (down && bp > GOAL_SCALE) {
            p->why = UNS_TOO_LARGE;
            return;
        }
        out->has_growth = true;
        out->growth_bp = (int32_t)(down ? -bp : bp);
        out->base = p->base != GOAL_BASE_NONE ? p->base : GOAL_BASE_PREVIOUS;
        return;
    }
    if (!out->has_metric) {
        p->why = UNS_NO_METRIC;
        return;
    }
    /* "3 more deals than last month", "比去年多100万": a change by an amount */
    int more = 0;
    static const struct word more_words[] = {{"more", 1}, {"additional", 1}};
    bool more_after =
        word_after(p, nm->at.at + nm->at.len, more_words, N_OF(more_words), &more).len > 0;
    for (size_t i = 0; i < p->n_vague_hits; i++)
        if (skip_fwd(p, nm->at.at + nm->at.len) == p->vague_hits[i].at.at &&
            strncmp(p->lo + p->vague_hits[i].at.at, "more", 4) == 0)
            more_after = true;
    bool increment = by || nm->sign != 0 || more_after || (!to && p->base != GOAL_BASE_NONE) ||
                     (change && !to && !(gov == IN_GROW && unit == MU_COUNT));
    if (increment) {
        p->why = UNS_INCREMENT;
        return;
    }
    if (p->n_rates > 0) {
        p->why = UNS_RATE;
        return;
    }
    absolute_target(p, out, upper);
}

/* ---- writing what was read --------------------------------------------- */

/* A fixed buffer written clause by clause, cut at a character boundary. */
struct text_out {
    char *buf;
    size_t size, len;
    const char *sep;
};

/* Append S, cut at a character boundary when the buffer is full. */
static void put(struct text_out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n >= o->size) {
        n = o->size - 1 - o->len;
        while (n > 0 && is_cont(s[n]))
            n--;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

/* Append one clause (printf-like), after the separator unless it is the first. */
static void clause(struct text_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void clause(struct text_out *o, const char *fmt, ...)
{
    char tmp[SENTENCE_UNDERSTOOD_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (o->len > 0)
        put(o, o->sep);
    put(o, tmp);
}

/* GROWTH_BP as a signed percentage: 2000 -> "+20%", -550 -> "-5.5%". */
static char *format_growth(int32_t bp, char *out, size_t size)
{
    int32_t mag = bp < 0 ? -bp : bp;
    char frac[8] = "";
    if (mag % 100) {
        snprintf(frac, sizeof frac, ".%02d", (int)(mag % 100));
        if (frac[2] == '0')
            frac[2] = '\0';
    }
    snprintf(out, size, "%c%d%s%%", bp < 0 ? '-' : '+', (int)(mag / 100), frac);
    return out;
}

/* OUT->understood: one clause per part read, quoting the words it was read from. */
static void write_understood(const struct parser *p, struct sentence_goal *out)
{
    struct text_out o = {out->understood, sizeof out->understood, 0, p->zh ? "；" : "; "};
    char src[96], text[PERIOD_TEXT_MAX + 48];
    out->understood[0] = '\0';
    if (out->has_metric) {
        const struct metric_def *d = metric_def(out->metric);
        span_text(p, p->metric_at, src, sizeof src);
        if (p->zh)
            clause(&o, "指标 %s（%s）", d->name_zh, src);
        else
            clause(&o, "metric %s (%s)", d->key, src);
    }
    if (out->has_scope) {
        span_text(p, p->scope_at, src, sizeof src);
        char name[sizeof out->scope + 16];
        clause(&o, p->zh ? "范围 %s（%s）" : "scope %s (%s)",
               display_scope(out->scope, p->zh ? "zh" : "en", name, sizeof name), src);
    }
    if (out->has_period) {
        span_text(p, p->period_at, src, sizeof src);
        period_format(&out->period, text);
        clause(&o, p->zh ? "周期 %s（%s）" : "period %s (%s)", text, src);
    }
    if (out->has_target) {
        enum metric_unit unit = metric_def(out->metric)->unit;
        goal_target_format(unit, out->target, 2, text, sizeof text);
        span_text(p, p->target->at, src, sizeof src);
        if (out->direction == GOAL_LOWER)
            clause(&o, p->zh ? "目标 不超过 %s（%s）" : "target at most %s (%s)", text, src);
        else
            clause(&o, p->zh ? "目标 %s（%s）" : "target %s (%s)", text, src);
    }
    if (out->has_growth) {
        format_growth(out->growth_bp, text, sizeof text);
        if (p->zh)
            clause(&o, "目标 %s%s",
                   out->base == GOAL_BASE_LAST_YEAR ? "比去年同期 " : "比上一周期 ", text);
        else
            clause(&o, "target %s over %s", text,
                   out->base == GOAL_BASE_LAST_YEAR ? "the same period last year"
                                                    : "the previous period");
    }
    if (p->why == UNS_NO_METRIC && p->target) {
        span_text(p, p->target->at, src, sizeof src);
        clause(&o, p->zh ? "数值 %s（不知道是哪个指标）" : "number %s (no metric to read it by)",
               src);
    }
    if (out->vague) {
        span_text(p, p->vague_at, src, sizeof src);
        clause(&o, p->zh ? "表述模糊（%s）" : "vague wording (%s)", src);
    }
}

/* Why the target could not be read, in the language of P. */
static const char *why_text(const struct parser *p)
{
    switch (p->why) {
    case UNS_INCREMENT:
        return p->zh ? "不支持按数额增减，请写目标值（如“提高到100万”）或百分比"
                     : "an increase by an amount is not supported, write the value to reach "
                       "(\"to 1M\") or a percentage";
    case UNS_POINTS:
        return p->zh ? "不支持百分点，请写要达到的比率"
                     : "percentage points are not supported, "
                       "write the rate to reach";
    case UNS_PCT_VALUE:
        return p->zh ? "百分比不能作为这一项的目标值"
                     : "a percentage cannot be the value to reach here";
    case UNS_TOO_LARGE:
        return p->zh ? "数值过大" : "the number is out of range";
    case UNS_RATE:
        return p->zh ? "不支持按每天/每周/每月的频率，请写整段时间的总目标值"
                     : "a rate per day, week or month is not supported, write the total to reach";
    case UNS_RATIO_OVER:
        return p->zh ? "比率不能超过100%" : "a rate cannot be above 100%";
    case UNS_NO_METRIC:
    case UNS_NONE:
    default:
        return NULL;
    }
}

/* OUT->missing: each part not read, by its word (metric/target/period/scope,
 * 指标/目标值/周期/范围). */
static void write_missing(const struct parser *p, struct sentence_goal *out)
{
    struct text_out o = {out->missing, sizeof out->missing, 0, p->zh ? "；" : "; "};
    out->missing[0] = '\0';
    if (!out->has_metric)
        clause(&o, p->zh ? "缺少指标" : "no metric");
    if (!out->has_target && !out->has_growth) {
        const char *why = why_text(p);
        if (why)
            clause(&o, p->zh ? "缺少目标值：%s" : "no target value: %s", why);
        else
            clause(&o, p->zh ? "缺少目标值" : "no target value");
    }
    if (!out->has_period)
        clause(&o, p->zh ? "缺少周期" : "no period");
    if (!out->has_scope) {
        if (p->self_unknown)
            clause(&o, p->zh ? "缺少范围：不知道“我”是谁（没有当前用户）"
                             : "no scope: who \"I\" is is not known (no current user)");
        else
            clause(&o, p->zh ? "缺少范围" : "no scope");
    }
}

/* ---- the entry point --------------------------------------------------- */

/* Quote the start of TEXT (at most 60 bytes, whole characters) in a message. */
static int quote_len(const char *text)
{
    size_t n = strnlen(text, 61);
    if (n > 60) {
        n = 60;
        while (n > 0 && is_cont(text[n]))
            n--;
    }
    return (int)n;
}

/* The families are read in a fixed order (see the top of this file); OUT is
 * cleared again when the sentence is refused. */
enum at_status sentence_parse(const char *text, const struct sentence_context *ctx,
                              struct sentence_goal *out, struct at_err *err)
{
    static struct parser zero;
    struct parser p = zero;
    bool zh = ctx && ctx->lang && strcmp(ctx->lang, "zh") == 0;
    if (!out || !ctx)
        return at_err_set(err, AT_INVALID, "sentence_parse: no context or result");
    memset(out, 0, sizeof *out);
    out->direction = GOAL_HIGHER;
    out->base = GOAL_BASE_NONE;
    size_t n = text ? strnlen(text, TEXT_MAX + 1) : 0;
    if (n > TEXT_MAX)
        return at_err_set(err, AT_INVALID,
                          zh ? "句子太长（最多%d字节）" : "the sentence is longer than %d bytes",
                          TEXT_MAX);
    if (!utf8_ok(text ? text : "", n))
        return at_err_set(err, AT_INVALID,
                          zh ? "句子不是有效的UTF-8文本" : "the sentence is not valid UTF-8 text");
    p.ctx = ctx;
    p.zh = zh;
    p.n = n ? fold(text, n, p.t) : 0;
    for (size_t i = 0; i < p.n; i++)
        p.lo[i] = lower(p.t[i]);
    bool blank = true;
    for (size_t i = 0; i < p.n; i++)
        blank &= p.t[i] == ' ';
    if (blank)
        return at_err_set(err, AT_INVALID,
                          zh ? "没有写目标：请写一句话，例如“在下季度将销售额提高20%%”"
                             : "no goal given: write one sentence such as \"raise revenue by 20%% "
                               "next quarter\"");

    find_bases(&p);
    find_periods(&p, out);
    find_named_scope(&p, out);
    find_metrics(&p);
    if (p.n_metrics == 0 && out->has_scope) {
        /* a unit called "Sales": the scope name was the metric word */
        struct span s = p.scope_at;
        for (size_t i = s.at; i < s.at + s.len; i++)
            p.used[i] = false;
        find_metrics(&p);
        if (p.n_metrics > 0) {
            out->has_scope = false;
            out->scope[0] = '\0';
        } else {
            claim(&p, s);
        }
    }
    find_self_scope(&p, out);
    find_words(&p, multiple_words, N_OF(multiple_words), p.multiples, &p.n_multiples);
    find_words(&p, intent_words, N_OF(intent_words), p.intents, &p.n_intents);
    find_vague(&p);
    find_words(&p, rate_words, N_OF(rate_words), p.rates, &p.n_rates);
    find_numbers(&p);

    p.target = choose_number(&p);
    choose_metric(&p, out);
    /* a number alone is no goal: it needs a verb ("hit 500"), not just "at 5" */
    bool goal_words = p.n_multiples > 0 || p.vague_weak;
    for (size_t i = 0; i < p.n_intents; i++)
        goal_words |= is_verb(p.intents[i].v);
    if (!out->has_metric && (!p.target || !goal_words)) {
        memset(out, 0, sizeof *out);
        out->direction = GOAL_HIGHER;
        return at_err_set(
            err, AT_INVALID,
            zh ? "不是目标：“%.*s”里没有指标（如销售额、拜访、新客户），也没有要达到的数值"
               : "not a goal: \"%.*s\" names no metric (revenue, visits, new "
                 "customers ...) and no value to reach",
            quote_len(text), text);
    }
    decide_target(&p, out);
    if (p.contra) {
        char verb[64], num[64];
        span_text(&p, p.contra->at, verb, sizeof verb);
        span_text(&p, p.target->at, num, sizeof num);
        bool grow = p.contra->v == IN_GROW;
        memset(out, 0, sizeof *out);
        out->direction = GOAL_HIGHER;
        if (zh)
            return at_err_set(err, AT_INVALID,
                              "方向矛盾：“%s”与带%s号的“%s”相反；请去掉符号，"
                              "用“提高”或“降低”表示方向",
                              verb, p.target->sign < 0 ? "负" : "正", num);
        return at_err_set(err, AT_INVALID,
                          "contradictory direction: \"%s\" with the %s number \"%s\"; drop "
                          "the sign and say the direction with %s",
                          verb, p.target->sign < 0 ? "negative" : "signed", num,
                          grow ? "\"increase\" or \"reduce\"" : "\"reduce\" or \"increase\"");
    }
    bool change_words = has_intent(&p, IN_GROW) || has_intent(&p, IN_DECLINE);
    /* words of change are vague only with no number at all: "提高销售额100万" is
     * specific, just not readable as a target */
    out->vague = p.vague_strong || ((p.vague_weak || change_words) && !out->has_target &&
                                    !out->has_growth && !p.target);
    if (out->vague && p.vague_at.len == 0) {
        for (size_t i = 0; i < p.n_intents; i++)
            if (p.intents[i].v == IN_GROW || p.intents[i].v == IN_DECLINE) {
                p.vague_at = p.intents[i].at;
                break;
            }
    }
    write_understood(&p, out);
    write_missing(&p, out);
    at_err_clear(err);
    return AT_OK;
}
