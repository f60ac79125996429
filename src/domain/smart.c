/*
 * smart.c — the SMART check of a goal and the metric/objective fit rule
 * (see smart.h). Pure wording over facts the app gathered; no I/O.
 */
#include "base/utf8.h"
#include "domain/smart.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/achieve.h"

/* Is LANG Chinese ("zh", "zh-CN", "zh_Hans", ...)? */
static bool lang_zh(const char *lang)
{
    return lang && lang[0] == 'z' && lang[1] == 'h';
}


/* Append ", " (or "、") and PART to the list in OUT (SIZE bytes). */
static void list_add(char *out, size_t size, bool zh, const char *part)
{
    size_t len = strlen(out);
    if (len + 1 >= size)
        return;
    int n = snprintf(out + len, size - len, "%s%s", len ? (zh ? "、" : ", ") : "", part);
    if (n > 0 && (size_t)n >= size - len)
        utf8_cut(out);
}

/* The metric's name in the language. */
static const char *metric_name(enum metric_id m, bool zh)
{
    if ((int)m < 0 || m >= METRIC_COUNT)
        return zh ? "未知指标" : "unknown metric";
    const struct metric_def *d = metric_def(m);
    return zh ? d->name_zh : d->key;
}

/* ---- the fit rule ------------------------------------------------------- */

#define MAX_THEME_WORDS   10
#define MAX_THEME_METRICS 8

struct theme {
    const char *name_en, *name_zh;
    const char *words[MAX_THEME_WORDS]; /* English lower case (matched case-insensitively) or
                                           Chinese; NULL-terminated */
    enum metric_id metrics[MAX_THEME_METRICS];
    size_t n_metrics;
};

static const struct theme themes[] = {
    {"new market",
     "拓展新市场",
     {"new market", "expand", "expansion", "拓展", "新市场", "开拓", NULL},
     {METRIC_NEW_CUSTOMERS, METRIC_REVENUE, METRIC_MARKET_SHARE, METRIC_VISITS},
     4},
    {"retention",
     "客户留存",
     {"retention", "renewal", "churn", "loyal", "留存", "老客户", "续约", "复购"},
     {METRIC_RETENTION_RATE, METRIC_ACTIVE_CUSTOMERS, METRIC_CSAT, METRIC_NPS},
     4},
    {"satisfaction",
     "客户满意度",
     {"satisfaction", "service", "满意度", "服务", "口碑", NULL},
     {METRIC_CSAT, METRIC_NPS, METRIC_RETENTION_RATE},
     3},
    {"growth",
     "业绩增长",
     {"growth", "revenue", "增长", "业绩", "营收", "收入", "销售额", NULL},
     {METRIC_REVENUE, METRIC_WON_VALUE, METRIC_ORDERS, METRIC_AVG_DEAL_SIZE, METRIC_PIPELINE,
      METRIC_WEIGHTED_PIPELINE},
     6},
    {"cash", "回款", {"cash", "collection", "回款", "现金", NULL}, {METRIC_COLLECTIONS}, 1},
    {"efficiency",
     "销售效率",
     {"efficiency", "productivity", "win rate", "conversion", "效率", "赢单", "转化", NULL},
     {METRIC_WIN_RATE, METRIC_DEALS_WON, METRIC_PIPELINE, METRIC_WEIGHTED_PIPELINE, METRIC_CALLS,
      METRIC_MEETINGS, METRIC_VISITS},
     7},
};

#define N_THEMES (sizeof(themes) / sizeof(themes[0]))

/* Does HAY contain NEEDLE (ASCII letters compared case-insensitively, other bytes exactly)? */
static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        while (i < n && h[i]) {
            unsigned char a = (unsigned char)h[i], b = (unsigned char)needle[i];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a - 'A' + 'a');
            if (a != b)
                break;
            i++;
        }
        if (i == n)
            return true;
    }
    return false;
}

/* Does TITLE name theme T? */
static bool theme_named(const struct theme *t, const char *title)
{
    for (size_t i = 0; i < MAX_THEME_WORDS && t->words[i]; i++)
        if (contains_ci(title, t->words[i]))
            return true;
    return false;
}

/* Is M one of theme T's metrics? */
static bool theme_has(const struct theme *t, enum metric_id m)
{
    for (size_t i = 0; i < t->n_metrics; i++)
        if (t->metrics[i] == m)
            return true;
    return false;
}

bool smart_metric_fits_lang(enum metric_id metric, const char *objective_title, const char *lang,
                            char *why, size_t why_size)
{
    bool zh = lang_zh(lang);
    char found[128] = "", fitting[256] = "";
    bool named[N_THEMES] = {false}, any = false, fits = false;
    const char *title = objective_title ? objective_title : "";

    for (size_t i = 0; i < N_THEMES; i++) {
        named[i] = theme_named(&themes[i], title);
        if (!named[i])
            continue;
        any = true;
        list_add(found, sizeof found, zh, zh ? themes[i].name_zh : themes[i].name_en);
        if (theme_has(&themes[i], metric))
            fits = true;
    }
    if (!any) {
        if (why && why_size && zh)
            utf8_snprintf(why, why_size, "无法从目标标题“%s”判断指标「%s」是否相关（未识别到主题），视为相关",
                title, metric_name(metric, true));
        else if (why && why_size)
            utf8_snprintf(why, why_size,
                "cannot tell whether %s serves \"%s\" (no known theme in the title); taken as "
                "fitting",
                metric_name(metric, false), title);
        return true;
    }
    if (!why || !why_size)
        return fits;
    if (fits) {
        utf8_snprintf(why, why_size, zh ? "指标「%s」服务于战略目标“%s”（%s）" : "%s serves \"%s\" (%s)",
            metric_name(metric, zh), title, found);
        return true;
    }
    /* Name the metrics that would fit, each once. */
    bool listed[METRIC_COUNT] = {false};
    for (size_t i = 0; i < N_THEMES; i++) {
        if (!named[i])
            continue;
        for (size_t j = 0; j < themes[i].n_metrics; j++) {
            enum metric_id m = themes[i].metrics[j];
            if (listed[m])
                continue;
            listed[m] = true;
            list_add(fitting, sizeof fitting, zh, metric_name(m, zh));
        }
    }
    utf8_snprintf(why, why_size,
        zh ? "指标「%s」不服务于战略目标“%s”（%s），相关指标：%s"
           : "%s does not serve \"%s\" (%s); fitting metrics: %s",
        metric_name(metric, zh), title, found, fitting);
    return false;
}

bool smart_metric_fits(enum metric_id metric, const char *objective_title, char *why,
                       size_t why_size)
{
    return smart_metric_fits_lang(metric, objective_title, "en", why, why_size);
}

/* ---- the letters -------------------------------------------------------- */

/* S: metric, scope, owner named; no vague wording. */
static void letter_s(const struct smart_input *in, bool zh, struct smart_letter *l)
{
    char missing[160] = "";
    if (!in->has_metric)
        list_add(missing, sizeof missing, zh, zh ? "指标" : "metric");
    if (!in->has_scope)
        list_add(missing, sizeof missing, zh, zh ? "范围（人员/团队/组织单元）" : "scope");
    if (!in->has_owner)
        list_add(missing, sizeof missing, zh, zh ? "负责人" : "owner");
    l->ok = !missing[0] && !in->vague;
    if (l->ok) {
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "指标「%s」、范围和负责人都已明确" : "metric %s, scope and owner are named",
            metric_name(in->metric, zh));
        return;
    }
    if (missing[0] && in->vague)
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "表述笼统，缺少%s：写明谁在哪个指标上达成什么"
               : "vague wording and no %s: say whose goal, on which metric",
            missing);
    else if (missing[0])
        utf8_snprintf(l->reason, sizeof l->reason, zh ? "缺少%s" : "no %s: say whose goal it is", missing);
    else
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "表述笼统（如“提高销售额”），请写明具体指标、范围和数字"
               : "vague wording (like \"improve sales\"): name the metric, scope and number");
}

/* M: a metric (the unit) and a numeric target. */
static void letter_m(const struct smart_input *in, bool zh, struct smart_letter *l)
{
    static const char *const unit_en[] = {"money", "count", "ratio", "score"};
    static const char *const unit_zh[] = {"金额", "数量", "比率", "评分"};
    l->ok = in->has_metric && in->has_target;
    if (l->ok) {
        enum metric_unit u = metric_def(in->metric)->unit;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "有数字目标值，指标「%s」，单位：%s" : "numeric target on %s, unit: %s",
            metric_name(in->metric, zh), zh ? unit_zh[u] : unit_en[u]);
    } else if (!in->has_metric && !in->has_target) {
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "没有指标也没有数字目标值（如“提高20%%”或“150万”）"
               : "no metric and no numeric target value (like +20%% or 1.5M)");
    } else if (!in->has_target) {
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "没有数字目标值（如“提高20%%”或“150万”），无法衡量"
               : "no numeric target value (like +20%% or 1.5M): it cannot be measured");
    } else {
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "有目标值但没有指标，单位不明" : "a target but no metric, so no unit");
    }
}

/* A: achieve's verdict. */
static void letter_a(const struct smart_input *in, bool zh, struct smart_letter *l)
{
    const char *why = in->verdict_reason && in->verdict_reason[0] ? in->verdict_reason : NULL;
    if (in->verdict < 0 || in->verdict > ACHIEVE_UNREALISTIC) {
        l->ok = false;
        if (!in->has_target)
            utf8_snprintf(l->reason, sizeof l->reason,
                zh ? "没有目标值，无法判断可实现性" : "no target value to judge achievability");
        else
            utf8_snprintf(l->reason, sizeof l->reason,
                zh ? "未判断可实现性：没有可用的历史或产能数据"
                   : "achievability not judged: no history or capacity data");
        return;
    }
    enum achieve_verdict v = (enum achieve_verdict)in->verdict;
    l->ok = v != ACHIEVE_UNREALISTIC;
    const char *label = achieve_verdict_label(v, zh ? "zh" : "en");
    if (why)
        utf8_snprintf(l->reason, sizeof l->reason, zh ? "%s：%s" : "%s: %s", label, why);
    else
        utf8_snprintf(l->reason, sizeof l->reason, zh ? "可实现性判断：%s" : "achievability: %s", label);
}

/* R: linked to an objective or a parent goal, and the metric fits the objective. */
static void letter_r(const struct smart_input *in, bool zh, struct smart_letter *l)
{
    const char *title = in->objective_title && in->objective_title[0]
                            ? in->objective_title
                            : (zh ? "战略目标" : "objective");
    if (!in->has_parent && !in->has_objective) {
        l->ok = false;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "未关联战略目标或上级目标"
               : "not linked to a strategy objective or a parent goal");
        return;
    }
    if (in->has_objective && !in->metric_fits_objective) {
        l->ok = false;
        /* our own rule's words when it agrees (they name the fitting metrics) */
        if (in->objective_title && in->objective_title[0] &&
            !smart_metric_fits_lang(in->metric, in->objective_title, zh ? "zh" : "en", l->reason,
                                    sizeof l->reason))
            return;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "指标「%s」与战略目标“%s”不相关" : "metric %s does not serve objective \"%s\"",
            metric_name(in->metric, zh), title);
        return;
    }
    l->ok = true;
    if (in->has_objective && in->has_parent)
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "服务于战略目标“%s”，并关联上级目标" : "serves objective \"%s\" and a parent goal",
            title);
    else if (in->has_objective)
        utf8_snprintf(l->reason, sizeof l->reason, zh ? "服务于战略目标“%s”" : "serves objective \"%s\"",
            title);
    else
        utf8_snprintf(l->reason, sizeof l->reason, zh ? "关联上级目标" : "linked to a parent goal");
}

/* T: a bounded period and checkpoints (not needed for a month or shorter). */
static void letter_t(const struct smart_input *in, bool zh, struct smart_letter *l)
{
    if (!in->bounded_period) {
        l->ok = false;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "没有时间周期或截止日期（如“下季度”“2027-03-31前”）"
               : "no period or deadline (like next quarter or by 2027-03-31)");
    } else if (in->has_checkpoints) {
        l->ok = true;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "周期明确，有检查点（分阶段子目标或定期进度检查）"
               : "bounded period with checkpoints (sub-goals or a check-in cadence)");
    } else if (in->period_is_short) {
        l->ok = true;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "周期明确，一个月或更短，不需要检查点"
               : "bounded period of a month or shorter: no checkpoints needed");
    } else {
        l->ok = false;
        utf8_snprintf(l->reason, sizeof l->reason,
            zh ? "周期长于一个月但没有检查点：请分解为子目标或设置进度检查频率"
               : "period longer than a month without checkpoints: add sub-goals or a check-in "
                 "cadence");
    }
}

void smart_check(const struct smart_input *in, const char *lang, struct smart_result *out)
{
    bool zh = lang_zh(lang);
    memset(out, 0, sizeof *out);
    letter_s(in, zh, &out->s);
    letter_m(in, zh, &out->m);
    letter_a(in, zh, &out->a);
    letter_r(in, zh, &out->r);
    letter_t(in, zh, &out->t);
    out->score = out->s.ok + out->m.ok + out->a.ok + out->r.ok + out->t.ok;
}
