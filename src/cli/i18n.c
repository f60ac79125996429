/* i18n.c — the zh-CN words of terminal tables (see i18n.h). */
#include "cli/i18n.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/display.h"
#include "domain/metric.h"
#include "domain/pace.h"

/* Words by canonical name; "col:value" rows name a coded value of one column
 * where the same word means something else elsewhere (type:email is 邮件, the
 * email column 邮箱). Metric keys are not here: they are metric.h's. */
static const struct {
    const char *en, *zh;
} words[] = {
    {"active", "在职"},
    {"amount", "金额"},
    {"credited", "业绩归属"},
    {"currency", "币种"},
    {"customer", "客户"},
    {"customers", "客户"},
    {"date", "日期"},
    {"email", "邮箱"},
    {"employee_no", "工号"},
    {"end", "结束"},
    {"first_order", "首单日期"},
    {"id", "编号"},
    {"industry", "行业"},
    {"inserted", "新增"},
    {"kind", "类别"},
    {"lines", "行数"},
    {"manager", "上级"},
    {"metric", "指标"},
    {"name", "名称"},
    {"owner", "负责人"},
    {"parent", "上级"},
    {"path", "路径"},
    {"period", "周期"},
    {"probability", "赢率"},
    {"product", "产品"},
    {"rank", "排名"},
    {"rate", "汇率"},
    {"ref", "单号"},
    {"region", "区域"},
    {"scale", "量表"},
    {"scope", "范围"},
    {"score", "评分"},
    {"segment", "客户级别"},
    {"share", "占比"},
    {"stage", "阶段"},
    {"start", "开始"},
    {"status", "状态"},
    {"tags", "标签"},
    {"title", "标题"},
    {"job_title", "职位"},
    {"type", "类型"},
    {"unchanged", "未变"},
    {"unit", "组织单元"},
    {"updated", "更新"},
    {"value", "数值"},
    {"weight", "权重"},
    {"created", "创建日期"},
    {"expected_close", "预计成交日期"},
    {"closed", "关闭日期"},
    {"order_id", "订单号"},
    {"line", "行号"},
    {"quantity", "数量"},
    {"note", "备注"},
    {"description", "描述"},
    {"table", "数据表"},
    {"rows", "行数"},
    {"units", "组织单元"},
    {"people", "人员"},
    {"deals", "商机数"},
    {"payments", "回款记录"},
    {"activities", "活动"},
    {"surveys", "调查"},
    {"markets", "市场规模"},
    {"holidays", "节假日"},
    {"rates", "汇率"},
    {"order_lines", "订单行"},
    {"goals", "目标"},
    {"events", "事件"},
    {"yes", "是"},
    {"no", "否"},
    /* goals, objectives, action steps and history */
    {"goal", "目标"},
    {"objective", "战略目标"},
    {"filter", "筛选条件"},
    {"archived", "已归档"},
    {"growth", "增长"},
    {"baseline", "基数"},
    {"direction", "方向"},
    {"cadence", "检查节奏"},
    {"higher", "越高越好"},
    {"lower", "越低越好"},
    {"weekly", "每周"},
    {"biweekly", "每两周"},
    {"monthly", "每月"},
    {"quarterly", "每季度"},
    {"at", "时间"},
    /* check-ins and reviews */
    {"by", "提交人"},
    {"confidence", "信心"},
    {"acked_by", "确认人"},
    {"acked_at", "确认日期"},
    {"ack_comment", "确认意见"},
    {"flags", "标记"},
    {"confidence_drop", "信心下降"},
    {"optimistic", "过于乐观"},
    {"blockers", "障碍"},
    {"next", "下一步"},
    {"owes", "应提交人"},
    {"since", "起始日"},
    {"last_checkin", "上次检查"},
    {"none", "不检查"},
    {"field", "项目"},
    {"old", "原值"},
    {"new", "新值"},
    {"reason", "原因"},
    {"sentence", "原话"},
    {"join_date", "入职日期"},
    {"leave_date", "离职日期"},
    {"by:cli", "命令行"},
    {"closed_actual", "已结束部分实际"},
    {"what", "行动"},
    {"due", "截止日期"},
    {"done", "已完成"},
    {"driver", "驱动指标"},
    {"step", "步骤"},
    {"goal_id", "目标编号"},
    {"target", "目标值"},
    {"total", "合计"},
    {"scope:total", "合计"},
    {"children_sum", "子目标之和"},
    {"children", "子目标数"},
    {"over", "分解维度"},
    {"quarters", "季度"},
    {"months", "月"},
    {"weeks", "周"},
    {"members", "成员"},
    {"even", "平均"},
    {"days", "天数"},
    {"working", "工作日"},
    {"seasonal", "季节性"},
    {"history", "历史"},
    {"capacity", "产能"},
    {"manual", "手工"},
    {"over:time", "时间"},
    {"over:org", "组织"},
    {"reason:demo", "演示数据"},
    {"reason:sentence", "由句子创建"},
    {"reason:import", "导入"},
    {"over the same last-year period", "（较去年同期）"},
    {"over the previous period", "（较上一周期）"},
    /* adjustments with approval (cmd_adjust.c) */
    {"locked", "锁定"},
    {"request", "变更申请"},
    {"requested_by", "申请人"},
    {"requested_on", "申请日期"},
    {"decided_by", "审批人"},
    {"decided_on", "审批日期"},
    {"comment", "意见"},
    {"stale", "已失效"},
    {"summary", "摘要"},
    {"pending", "待审批"},
    {"approved", "已批准"},
    {"rejected", "已驳回"},
    {"edit", "修改"},
    {"rebalance", "重新分配"},
    {"reconcile", "对齐子目标"},
    {"reassign", "目标移交"},
    {"requested_by:cli", "命令行"},
    {"original_target", "原计划目标"},
    {"current_target", "当前目标"},
    /* coded values of one column */
    {"type:visit", "拜访"},
    {"type:call", "电话"},
    {"type:meeting", "会议"},
    {"type:email", "邮件"},
    {"type:other", "其他"},
    {"kind:holiday", "节假日"},
    {"kind:workday", "调休上班"},
    {"status:open", "进行中"},
    {"status:won", "赢单"},
    {"status:lost", "输单"},
    /* reports */
    {"won", "赢单"},
    {"lost", "输单"},
    {"open", "进行中"},
    {"conversion", "转化率"},
    {"cycle_median_days", "成交周期中位数（天）"},
    {"cycle_mean_days", "平均成交周期（天）"},
    {"cycle_deals", "计入周期的商机"},
    {"no_created_date", "无创建日期"},
    {"recency_days", "距上次下单（天）"},
    {"label", "分类"},
    {"cohort", "首单季度"},
    {"last_order", "最后下单日期"},
    {"r", "R"},
    {"f", "F"},
    {"m", "M"},
    /* goals */
    {"actual", "实际"},
    {"attainment", "完成率"},
    {"expected", "应完成"},
    {"pace", "进度"},
    {"forecast", "预测"},
    {"gap", "差距"},
    {"variance", "差异"},
    {"required_run_rate", "所需日均"},
    {"coverage", "商机覆盖"},
    {"forecast_pipeline", "预测商机"},
    {"elapsed", "已过时间"},
    /* the forecast call and scorecards (issue 9) */
    {"quota", "业绩指标"},
    {"closed_won", "已赢单"},
    {"commit", "承诺"},
    {"best_case", "最佳情况"},
    {"adjusted_commit", "调整后承诺"},
    {"callers", "已提交人数"},
    {"category", "预测类别"},
    {"rule", "依据"},
    {"category:pipeline", "储备"},
    {"category:best_case", "最佳情况"},
    {"category:commit", "承诺"},
    {"category:closed", "已成交"},
    {"category:omitted", "排除"},
    {"rule:set", "手工设定"},
    {"rule:status", "按赢输状态"},
    {"rule:name", "按阶段名称"},
    {"rule:probability", "按赢率"},
    {"commit_deals", "承诺类商机"},
    {"best_case_deals", "最佳情况类商机"},
    {"pipeline_deals", "储备类商机"},
    {"default_commit", "默认承诺"},
    {"default_best_case", "默认最佳情况"},
    {"source", "来源"},
    {"source:given", "输入"},
    {"source:default", "默认"},
    {"week", "周"},
    {"week:mean", "平均"},
    {"error", "误差"},
    {"bias", "偏差"},
    {"scorecard", "考核表"},
    {"counted", "计分完成率"},
    {"contribution", "加权得分"},
    {"reports", "下属数"},
    {"kind:goal", "目标"},
    {"kind:score", "总分"},
    {"kind:rollup", "汇总"},
    /* channels, alerts, the outbox, settings (cmd_alerts.c) */
    {"channel", "通知渠道"},
    {"target_address", "发送地址"},
    {"secret", "密钥"},
    {"language", "语言"},
    {"rule", "规则"},
    {"detail", "详情"},
    {"messages", "消息数"},
    {"subject", "标题"},
    {"state", "状态"},
    {"attempts", "尝试次数"},
    {"next_attempt", "下次重试"},
    {"sent", "发送时间"},
    {"last_error", "最近错误"},
    {"what", "类型"},
    {"setting", "设置项"},
    {"kind:wecom", "企业微信"},
    {"kind:dingtalk", "钉钉"},
    {"kind:feishu", "飞书"},
    {"kind:slack", "Slack"},
    {"kind:email", "电子邮件"},
    {"language:zh", "中文"},
    {"language:en", "英文"},
    {"rule:at_risk", "有风险"},
    {"rule:behind", "落后"},
    {"rule:milestone_50", "里程碑 50%"},
    {"rule:milestone_90", "里程碑 90%"},
    {"rule:milestone_100", "里程碑 100%"},
    {"rule:period_end", "周期结束"},
    {"rule:checkin_overdue", "进度检查逾期"},
    {"rule:request_waiting", "调整申请待审批"},
    {"rule:digest", "周报"},
    {"detail:met", "达标"},
    {"detail:missed", "未达标"},
    {"detail:on_track", "正常"},
    {"detail:at_risk", "有风险"},
    {"detail:behind", "落后"},
    {"detail:achieved", "已达成"},
    {"detail:not_started", "未开始"},
    {"state:pending", "待发送"},
    {"state:sent", "已发送"},
    {"state:cancelled", "已取消"},
    {"state:retrying", "待重试"},
    {"state:would_send", "将发送"},
    {"state:recorded", "仅记录"},
    {"state:queued", "已入队"},
    {"setting:base_url", "服务器地址"},
    /* users and API tokens (cmd_user.c) */
    {"login", "登录名"},
    {"role", "角色"},
    {"role:admin", "管理员"},
    {"role:manager", "经理"},
    {"role:rep", "销售代表"},
    {"lang", "语言"},
    {"lang:zh", "中文"},
    {"lang:en", "英文"},
    {"disabled", "已停用"},
    {"created_at", "创建时间"},
    {"last_sign_in", "最近登录"},
    {"last_used", "最近使用"},
    {"revoked", "已吊销"},
    /* RFM labels (values of the label column) */
    {"Champions", "重要价值客户"},
    {"Loyal", "忠诚客户"},
    {"At risk", "流失风险客户"},
    {"Lost", "已流失客户"},
    {"Others", "其他客户"},
};

bool i18n_zh(const char *lang)
{
    return lang && strcmp(lang, "zh") == 0;
}

static const char *lookup(const char *word)
{
    for (int m = 0; m < METRIC_COUNT; m++)
        if (strcmp(metric_def((enum metric_id)m)->key, word) == 0)
            return metric_def((enum metric_id)m)->name_zh;
    const char *status = goal_status_zh(word);
    if (status)
        return status;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].en, word) == 0)
            return words[i].zh;
    return NULL;
}

const char *i18n(const char *lang, const char *word)
{
    if (!i18n_zh(lang) || !word)
        return word;
    const char *zh = lookup(word);
    return zh ? zh : word;
}

const char *i18n_cell(const char *lang, const char *col, const char *field, const char *cell,
                      char *tmp, size_t size)
{
    if (!i18n_zh(lang) || !cell || !*cell || !col)
        return cell;
    if (strcmp(col, "field") == 0)
        return i18n(lang, cell);
    const char *key = strcmp(col, "value") == 0 && field ? field : col;
    snprintf(tmp, size, "%s:%s", key, cell);
    const char *word = lookup(tmp);
    if (word)
        return word;
    if ((strcmp(key, "new") == 0 || strcmp(key, "old") == 0) && field &&
        strcmp(field, "request") == 0) { /* history: "#3 pending" */
        long long id;
        char w[16];
        if (sscanf(cell, "#%lld %15[a-z]", &id, w) == 2) {
            snprintf(tmp, size, "#%lld %s", id, i18n(lang, w));
            return tmp;
        }
        return cell;
    }
    if ((strcmp(key, "new") == 0 || strcmp(key, "old") == 0) && field &&
        strcmp(field, "locked") == 0)
        return i18n(lang, cell);
    if (strcmp(key, "reason") == 0 && display_reason(cell, lang, tmp, size))
        return tmp;
    if (strcmp(key, "reason") == 0) { /* a goal's origin: "split:1 by history over units" */
        /* alone, or after the reason given: "演示目标分解 (split:1 by history over units)" */
        long long parent;
        char by[32], over[32];
        int used = 0;
        const char *at = strstr(cell, "split:");
        if (at &&
            sscanf(at, "split:%lld by %31[a-z_] over %31[a-z_]%n", &parent, by, over, &used) == 3) {
            const char *rest = at + used;
            int lead = (int)(at - cell);
            if (lead > 0 && cell[lead - 1] == '(' && *rest == ')') { /* "(split:...)" */
                lead--;
                rest++;
            }
            snprintf(tmp, size, "%.*s由目标 %lld 分解（方法：%s，维度：%s）%s", lead, cell, parent,
                     i18n(lang, by), i18n(lang, over), rest);
            return tmp;
        }
        return cell;
    }
    if ((strcmp(key, "new") == 0 || strcmp(key, "old") == 0) && field &&
        strcmp(field, "created") == 0) { /* history: "revenue 601510067.95" */
        const char *space = strchr(cell, ' ');
        char metric[64];
        if (space && (size_t)(space - cell) < sizeof metric) {
            memcpy(metric, cell, (size_t)(space - cell));
            metric[space - cell] = 0;
            const char *zh = lookup(metric);
            if (zh) {
                snprintf(tmp, size, "%s%s", zh, space);
                return tmp;
            }
        }
        return cell;
    }
    if (strcmp(key, "scope") == 0 || (strncmp(cell, "person:", 7) == 0 &&
                                      (strcmp(key, "by") == 0 || strcmp(key, "requested_by") == 0 ||
                                       strcmp(key, "decided_by") == 0)))
        return display_scope(cell, lang, tmp, size);
    if (strcmp(key, "growth") == 0) { /* "+15.00% over the same last-year period" */
        const char *space = strchr(cell, ' ');
        const char *rest = space ? lookup(space + 1) : NULL;
        if (!rest)
            return cell;
        snprintf(tmp, size, "%.*s%s", (int)(space - cell), cell, rest);
        return tmp;
    }
    static const char *const coded[] = {"metric",    "driver",  "archived", "done",   "active",
                                        "direction", "cadence", "status",   "type",   "kind",
                                        "label",     "stale",   "disabled", "revoked"};
    for (size_t i = 0; i < sizeof coded / sizeof coded[0]; i++) {
        if (strcmp(key, coded[i]) != 0)
            continue;
        return i18n(lang, cell);
    }
    return cell;
}

void i18n_label(FILE *out, const char *lang, const char *word, size_t width)
{
    const char *s = i18n(lang, word);
    fputs(s, out);
    for (size_t w = utf8_width(s); w < width; w++)
        fputc(' ', out);
    fputc(' ', out);
}
