/* i18n.c — the zh-CN words of terminal tables (see i18n.h). */
#include "cli/i18n.h"

#include <string.h>

static const struct {
    const char *en, *zh;
} words[] = {
    {"active", "在职"},         {"active_customers", "活跃客户"},
    {"amount", "金额"},         {"avg_deal_size", "平均成交金额"},
    {"calls", "电话次数"},      {"collections", "回款"},
    {"credited", "业绩归属"},   {"csat", "客户满意度"},
    {"currency", "币种"},       {"customer", "客户"},
    {"customers", "客户"},      {"date", "日期"},
    {"deals_lost", "输单数"},   {"deals_won", "赢单数"},
    {"email", "邮箱"},          {"employee_no", "工号"},
    {"end", "结束"},            {"first_order", "首单日期"},
    {"id", "编号"},             {"industry", "行业"},
    {"inserted", "新增"},       {"kind", "类别"},
    {"lines", "行数"},          {"manager", "上级"},
    {"market_share", "市场份额"}, {"meetings", "会议次数"},
    {"metric", "指标"},         {"name", "名称"},
    {"new_customers", "新客户"}, {"nps", "净推荐值"},
    {"orders", "订单数"},       {"owner", "负责人"},
    {"parent", "上级单元"},     {"path", "路径"},
    {"period", "周期"},         {"pipeline", "商机金额"},
    {"probability", "赢率"},    {"product", "产品"},
    {"rank", "排名"},           {"rate", "汇率"},
    {"ref", "单号"},            {"region", "区域"},
    {"retention_rate", "客户保留率"}, {"revenue", "销售额"},
    {"scale", "量表"},          {"scope", "范围"},
    {"score", "评分"},          {"segment", "客户级别"},
    {"share", "占比"},          {"stage", "阶段"},
    {"start", "开始"},          {"status", "状态"},
    {"tags", "标签"},           {"title", "职位"},
    {"type", "类型"},           {"unchanged", "未变"},
    {"unit", "组织单元"},       {"updated", "更新"},
    {"value", "数值"},          {"visits", "拜访次数"},
    {"weight", "权重"},         {"weighted_pipeline", "加权商机金额"},
    {"win_rate", "赢单率"},     {"won_value", "赢单金额"},
    /* reports */
    {"deals", "商机数"},        {"won", "赢单"},
    {"lost", "输单"},           {"open", "进行中"},
    {"conversion", "转化率"},   {"cycle_median_days", "成交周期中位数（天）"},
    {"cycle_mean_days", "平均成交周期（天）"}, {"cycle_deals", "计入周期的商机"},
    {"no_created_date", "无创建日期"}, {"recency_days", "距上次下单（天）"},
    {"label", "分类"},          {"cohort", "首单季度"},
    {"field", "项目"},
    /* goals */
    {"target", "目标"},         {"actual", "实际"},
    {"attainment", "完成率"},   {"expected", "应完成"},
    {"pace", "进度"},           {"forecast", "预测"},
    {"not_started", "未开始"},  {"on_track", "进度正常"},
    {"at_risk", "有风险"},      {"behind", "落后"},
    {"achieved", "已达成"},     {"met", "已完成"},
    {"missed", "未完成"},       {"gap", "差距"},
    {"no_target", "无目标值"},
    {"variance", "差异"},
    /* RFM labels (values of the label column) */
    {"Champions", "重要价值客户"}, {"Loyal", "忠诚客户"},
    {"At risk", "流失风险客户"}, {"Lost", "已流失客户"},
    {"Others", "其他客户"},
};

const char *i18n(const char *lang, const char *word)
{
    if (!lang || strcmp(lang, "zh") != 0 || !word)
        return word;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].en, word) == 0)
            return words[i].zh;
    return word;
}
