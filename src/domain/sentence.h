/*
 * sentence.h — reading a goal written as one sentence, in Chinese or English
 * (product.md: "accept a goal written as a sentence"): "在下季度将销售额提高20%",
 * "华东区本月拜访客户200次", "Win 10 new customers in region East by 2027-03-31".
 *
 * The reader finds what it can — metric, scope, period, an absolute target or
 * a growth over a baseline, the direction, vague wording — and says in words
 * what it understood and what is missing; the caller shows both and the SMART
 * check decides. Pure: no I/O, no clock (the caller passes as_of), nothing
 * allocated.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/goal.h"
#include "domain/metric.h"
#include "domain/period.h"

#define SENTENCE_TEXT_MAX       1024 /* longest sentence read, in bytes */
#define SENTENCE_UNDERSTOOD_MAX 512
#define SENTENCE_MISSING_MAX    256

/*
 * A name that may appear in the text and the canonical scope it stands for:
 * {"华东", "unit:华东"}, {"Cara Losch", "person:Cara Losch"}, {"East", "unit:East"}.
 * The app passes every person name, unit name and unit path. Matching is
 * case-insensitive for ASCII letters; the longest name found wins.
 */
struct sentence_scope {
    const char *name;
    const char *scope;
};

/* What the reader needs to know besides the text. Nothing here is copied. */
struct sentence_context {
    int32_t as_of;          /* day number (calendar.h) relative periods are read from */
    int fiscal_start_month; /* 1..12 */
    const char *lang;       /* "zh" or "en" (anything else: en): language of messages */
    const struct sentence_scope *names;
    size_t n_names;
    const char *me; /* canonical scope of the current user ("person:王芳") or NULL */
};

/*
 * What was read. Each has_* flag says whether its field was found; missing
 * parts are named in MISSING.
 *
 * TARGET is absolute, ×10^4 in the metric's unit (goal.h): money is minor
 * units of a currency with 2 decimals ×10^4 ("1.5亿" -> 1.5e14), counts ×10^4
 * ("200次" -> 2,000,000), ratios ×10^4 ("65%" -> 6,500), scores ×10^4 ("4.5分"
 * -> 45,000). GROWTH_BP is a relative target: "提高20%" -> +2000 over
 * GOAL_BASE_PREVIOUS, "比去年同期增长15%" / "year over year" -> GOAL_BASE_LAST_YEAR,
 * "降低5%" -> -500. A goal has one or the other, never both.
 *
 * DIRECTION is the metric's own (GOAL_HIGHER for every built-in) except for an
 * explicit upper bound on an absolute target ("降低到", "reduce to", "below",
 * "不超过", "控制在…以内"), which gives GOAL_LOWER. A negative growth keeps
 * GOAL_HIGHER: its sign already says the target is below the baseline.
 * A sign against the verb of change — "提高-50%", "increase by -50%", "降低-10%",
 * "reduce by +5%" — is refused (AT_INVALID naming the verb and the number):
 * the sentence says both directions, so neither is guessed.
 *
 * VAGUE is set for wording that is never specific (尽量, 尽可能, "as much as
 * possible", "maximize") and for words of change or effort (提高, 努力, 争取,
 * "improve", "more", "better") when no target or growth was read with them.
 *
 * UNDERSTOOD lists what was read, one clause per part, in ctx->lang:
 * "metric revenue (销售额); period 2026-Q4 (下季度); target +20% over the
 * previous period". MISSING lists what is missing, in ctx->lang, each part
 * named by its word — en "metric", "target", "period", "scope"; zh "指标",
 * "目标值", "周期", "范围" — e.g. "no target value; no period; no scope", or "".
 */
struct sentence_goal {
    bool has_metric;
    enum metric_id metric;
    bool has_scope;
    char scope[GOAL_SCOPE_MAX]; /* canonical: company, person:NAME, team:NAME, unit:PATH */
    bool has_period;
    struct period period;
    bool has_target;
    int64_t target;
    bool has_growth;
    int32_t growth_bp;
    enum goal_base base;
    enum goal_direction direction;
    bool vague;
    char understood[SENTENCE_UNDERSTOOD_MAX];
    char missing[SENTENCE_MISSING_MAX];
};

/*
 * Read TEXT (UTF-8, at most SENTENCE_TEXT_MAX bytes) as a goal, with CTX, into
 * OUT (always reset first).
 *
 * What is read:
 *  - metric: zh and en words and synonyms (销售额 营收 业绩 revenue sales -> revenue,
 *    拜访客户 visits -> visits, 客户满意度 CSAT -> csat, ...), longest match first;
 *    "客户"/"customers" alone count as new customers after 签下/新签/win/sign/acquire;
 *  - numbers: 20%, 百分之二十, 200, 1.5万, 2亿, 300k, 2M, 1.5 million, ¥1,000,000,
 *    with counters 次 个 家 位 单 元 万元 分, and small Chinese numerals (二十, 一百五十);
 *  - intent: 提高/增加/raise/increase/grow ... X% -> growth; 降低/减少/reduce/cut
 *    -> negative growth; 达到/完成/reach/hit/to X, or a bare number -> absolute
 *    target; "raise win rate to 65%" -> absolute 0.65; 翻倍/double -> +100%;
 *  - period: every form period_parse knows, found inside the sentence (下季度,
 *    2026年第3季度, 2017-Q4, next quarter), "Q3"/"3月"/"第三季度" in the as-of
 *    year, English month names, year end/年底; "by 2027-03-31"/"2027年3月31日前"
 *    -> the range as_of..that day; "by end of next quarter"/"到下季度末" -> next
 *    quarter; a period after 比/较/vs/compared to is the baseline, not the goal's;
 *  - scope: the longest of ctx->names (with 区/团队/组/部/region/team around it);
 *    "team NAME", "NAME's team", "王芳团队" -> team:NAME; 我/my/I -> ctx->me
 *    ("my team"/"我的团队" -> team:ME); 公司/全公司/company -> company.
 *
 * Returns AT_OK whenever something was understood, even with parts missing.
 * Returns AT_INVALID with a message in ctx->lang when TEXT is NULL, empty,
 * too long, not valid UTF-8, or names neither a metric nor a number with a
 * word of intent ("hello", "今天天气不错", "增加"); OUT then holds nothing.
 */
enum at_status sentence_parse(const char *text, const struct sentence_context *ctx,
                              struct sentence_goal *out, struct at_err *err);
