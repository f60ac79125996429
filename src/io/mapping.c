/*
 * mapping.c — the canonical import fields of every kind (docs/import.md) and
 * the header names real exports use for them, and the matching of a file's
 * header row to those fields (see mapping.h).
 *
 * Each field lists its aliases best first; the canonical name is always the
 * first. Resolution is per field and independent: a field takes the first of
 * its aliases that some header matches, so one header may serve several fields
 * (Superstore's "Region" is both the order's unit and its region). The order
 * of the aliases therefore carries the priorities that matter on real files:
 * an id column before a name column for references (Customer ID before
 * Customer Name), the order date before any other date, "Product ID" before
 * "Product Name". Aliases that would steal a column from a more specific field
 * are left out instead ("Row ID" is a line id, never an order id; "Ship Date",
 * "Due Date", "Unit Price", "Cost" map to nothing).
 *
 * Aliases are written as exports spell them and normalised when compared, so
 * "Probability (%)", "probability" and "PROBABILITY" are the same header.
 */
#include "io/mapping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

/* A NULL-terminated alias list as a static compound literal. */
#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Longest normalised header we compare; longer ones are cut (and still compare). */
#define NORM_MAX 256

/* Bytes of header list quoted in an error message. */
#define HEADER_LIST_MAX 640

/* ---- shared alias lists ------------------------------------------------ */

/* A reference to a customer: ids first, then names. */
#define CUSTOMER_REF_ALIASES                                                                       \
    "Customer ID", "Customer Key", "Customer No", "Customer Number", "Customer Code",              \
        "Account ID", "Company ID", "ResellerKey", "客户编号", "客户ID", "客户编码", "客户代码",   \
        "Customer Name", "Account Name", "Company Name", "Associated Company", "Reseller Name",    \
        "Reseller", "Account", "Company", "客户名称", "关联客户", "所属客户", "客户全称", "客户"

/* The sales rep a row is credited to. */
#define OWNER_ALIASES                                                                              \
    "Sales Rep", "Sales Representative", "Salesperson", "Sales Agent", "Assigned To",              \
        "EmployeeKey", "负责人", "负责销售", "销售负责人", "销售", "销售代表", "销售员", "业务员", \
        "销售人员", "所属销售"

/* The unit a row belongs to, when the file names one. */
#define UNIT_ALIASES                                                                               \
    "Team", "Sales Team", "Department", "负责人主属部门", "负责人所属部门", "负责人所在部门",      \
        "负责人部门", "所属部门", "归属部门", "部门", "团队"

/* Creation timestamps of CRM records. */
#define CREATED_ALIASES                                                                            \
    "Created Date", "Create Date", "Created Time", "Created At", "Created On", "Date Created",     \
        "创建时间", "创建日期"

#define CURRENCY_ALIASES "Currency Code", "Amount Currency", "币种", "货币", "Currency ISO Code"

/* ---- the field tables --------------------------------------------------- */

static const struct field_def unit_fields[] = {
    {"id", "external id of the unit", false,
     ALIASES("id", "Unit ID", "Department ID", "Team ID", "SalesTerritoryKey", "部门编号", "部门ID",
             "组织编号")},
    {"name", "name of the unit (or give path)", false,
     ALIASES("name", "Unit Name", "Department Name", "Team Name", "Department", "Team", "Region",
             "部门名称", "组织名称", "部门", "团队", "区域")},
    {"parent", "id, name or path of the parent unit", false,
     ALIASES("parent", "Parent ID", "Parent Unit", "Parent Department", "Parent Name", "上级部门",
             "上级组织", "上级")},
    {"path", "path such as 华东/上海/一组; creates every level", false,
     ALIASES("path", "Unit Path", "Department Path", "Full Path", "部门路径", "组织路径")},
};

static const struct field_def people_fields[] = {
    {"id", "external id of the person", false,
     ALIASES("id", "Person ID", "User ID", "EmployeeKey", "Employee Key", "Record ID", "人员ID",
             "用户ID")},
    {"name", "full name", true,
     ALIASES("name", "Full Name", "Person", "Salesperson", "Sales Person", "Sales Agent",
             "Sales Rep", "Sales Representative", "Employee Name", "Employee", "Rep Name", "姓名",
             "员工姓名", "人员姓名", "名字", "销售代表", "销售员", "业务员")},
    {"employee_no", "employee number (工号)", false,
     ALIASES("employee_no", "Employee No", "Employee Number", "EmployeeID", "Employee Code",
             "Staff ID", "Staff No", "工号", "员工编号", "员工工号", "员工号", "职工号",
             "人员编号")},
    {"unit", "id, name or path of the unit (a path creates the units)", false,
     ALIASES("unit", "Unit Path", UNIT_ALIASES, "Division", "Regional Office", "Office", "Region",
             "Territory", "Sales Territory", "主属部门", "小组", "区域", "地区", "大区")},
    {"manager", "the person's manager (created in the same unit when not in the file)", false,
     ALIASES("manager", "Manager Name", "Sales Manager", "Reports To", "Supervisor", "Line Manager",
             "Direct Manager", "直属上级", "直接上级", "上级", "上级领导", "直属领导", "汇报对象",
             "经理", "主管")},
    {"email", "e-mail address", false,
     ALIASES("email", "Email Address", "Work Email", "UPN", "Mail", "邮箱", "电子邮箱", "邮件地址",
             "电子邮件")},
    {"title", "job title", false,
     ALIASES("title", "Job Title", "Position", "Role", "职位", "职务", "岗位", "角色")},
    {"weight", "capacity weight (default 1)", false,
     ALIASES("weight", "Capacity", "Capacity Weight", "权重", "产能")},
    {"active", "still active (default yes; 离职, inactive, left: no)", false,
     ALIASES("active", "Is Active", "Enabled", "Status", "Employment Status", "Employee Status",
             "在职状态", "是否在职", "员工状态", "人员状态", "启用状态", "状态", "在职",
             "在职情况")},
    {"join_date", "date the person joined (入职日期)", false,
     ALIASES("join_date", "Join Date", "Joined", "Joined On", "Date Joined", "Joining Date",
             "Hire Date", "Date of Hire", "Hired", "Hired On", "Original Hire Date", "Start Date",
             "Employment Start Date", "Onboard Date", "Onboarding Date", "入职日期", "入职时间",
             "入司日期", "入职", "到岗日期", "加入日期")},
    {"leave_date", "date the person left (离职日期); a past date means inactive", false,
     ALIASES("leave_date", "Leave Date", "Left", "Left On", "Date Left", "Leaving Date",
             "Termination Date", "Terminated On", "Term Date", "End Date", "Employment End Date",
             "Exit Date", "Separation Date", "Resignation Date", "Last Day", "Last Working Day",
             "离职日期", "离职时间", "离职", "离司日期", "最后工作日")},
};

static const struct field_def customer_fields[] = {
    {"id", "external id of the customer", false,
     ALIASES("id", "Customer ID", "Customer Key", "Customer No", "Customer Number", "Customer Code",
             "Account ID", "Company ID", "ResellerKey", "Record ID", "客户编号", "客户ID",
             "客户编码", "客户代码", "客户号")},
    {"name", "customer name", true,
     ALIASES("name", "Customer Name", "Account Name", "Company Name", "Reseller Name", "Reseller",
             "Account", "Company", "Customer", "客户名称", "客户全称", "公司名称", "企业名称",
             "客户", "公司")},
    {"segment", "customer segment or level", false,
     ALIASES("segment", "Customer Segment", "Business Type", "Customer Type", "Account Type",
             "Tier", "客户级别", "客户等级", "客户类型", "客户分类", "客户分级", "Type", "级别",
             "类型")},
    {"region", "region of the customer", false,
     ALIASES("region", "Sales Region", "区域", "地区", "所属区域", "大区", "Office Location",
             "Country-Region", "Country/Region", "Territory", "Country", "Billing Country", "国家",
             "省份")},
    {"industry", "industry", false,
     ALIASES("industry", "Sector", "Industry Type", "行业", "所属行业")},
    {"tags", "tags separated by ; or ,", false,
     ALIASES("tags", "Tag", "Labels", "Label", "标签", "客户标签")},
    {"owner", "the customer's sales rep", false,
     ALIASES("owner", "Customer Owner", "Account Owner", "Company Owner", OWNER_ALIASES,
             "客户负责人")},
    {"unit", "the unit the customer belongs to", false, ALIASES("unit", UNIT_ALIASES)},
    {"created", "date the customer was created", false, ALIASES("created", CREATED_ALIASES)},
};

static const struct field_def deal_fields[] = {
    {"id", "external id of the deal", true,
     ALIASES("id", "Opportunity ID", "Deal ID", "Record ID", "Opportunity Number", "商机编号",
             "商机ID", "商机编码")},
    {"name", "deal name", false,
     ALIASES("name", "Deal Name", "Opportunity Name", "Opportunity", "Deal", "商机名称", "商机")},
    {"customer", "customer (id or name)", false, ALIASES("customer", CUSTOMER_REF_ALIASES)},
    {"owner", "deal owner; split credit as 张三:60%;李四:40%", false,
     ALIASES("owner", "Deal Owner", "Opportunity Owner", OWNER_ALIASES, "商机负责人")},
    {"unit", "the unit the deal belongs to", false, ALIASES("unit", UNIT_ALIASES)},
    {"product", "product (id or name)", false,
     ALIASES("product", "Product ID", "Product Key", "Product Code", "SKU", "产品编号", "产品ID",
             "产品编码", "Product Name", "产品名称", "产品", "意向产品")},
    {"amount", "deal amount", false,
     ALIASES("amount", "Deal Amount", "Opportunity Amount", "Close Value", "Deal Value", "Value",
             "商机金额", "预计成交金额", "预计金额", "合同金额", "销售金额", "金额")},
    {"currency", "currency code of the amount", false,
     ALIASES("currency", "Opportunity Currency", "Deal Currency Code", CURRENCY_ALIASES)},
    {"stage", "deal stage", false,
     ALIASES("stage", "Deal Stage", "Opportunity Stage", "Sales Stage", "Pipeline Stage",
             "商机阶段", "销售阶段", "阶段")},
    {"status", "open, won or lost (from the stage when absent)", false,
     ALIASES("status", "Deal Status", "Opportunity Status", "商机状态", "赢单状态")},
    {"probability", "win probability: 60% or 0.6", false,
     ALIASES("probability", "Probability (%)", "Deal Probability", "Win Probability", "赢率",
             "赢单率", "成交概率", "赢单概率", "赢率(%)")},
    {"created", "date the deal was created or engaged", false,
     ALIASES("created", CREATED_ALIASES, "Engage Date")},
    {"expected_close", "expected close date (open deals)", false,
     ALIASES("expected_close", "Expected Close Date", "Expected Close", "Estimated Close Date",
             "预计成交日期", "预计签单日期", "预计结单日期", "预计成交时间", "预计结单时间",
             "Close Date", "Closing Date")},
    {"closed", "date the deal was won or lost", false,
     ALIASES("closed", "Closed Date", "Actual Close Date", "Date Closed", "Close Date",
             "Closing Date", "Won Date", "成交日期", "赢单日期", "实际成交日期", "实际结单日期",
             "结单日期", "关闭日期")},
};

static const struct field_def order_fields[] = {
    {"id", "order number: rows sharing it are lines of one order", true,
     ALIASES("id", "Order ID", "Order Number", "Order No", "SalesOrderNumber", "Sales Order ID",
             "Sales Order No", "SO Number", "SO No", "订单编号", "订单号", "订单ID", "销售订单编号",
             "销售订单号", "单号", "Invoice Number", "Invoice No", "Invoice ID", "Record ID")},
    {"line", "line id; else lines are numbered in file order", false,
     ALIASES("line", "Line ID", "Line No", "Line Number", "Order Line", "SalesOrderLineNumber",
             "Row ID", "行号", "明细行号", "明细编号", "订单明细编号")},
    {"date", "order date", true,
     ALIASES("date", "Order Date", "Date Ordered", "Sales Order Date", "Invoice Date", "下单日期",
             "订单日期", "下单时间", "订单时间", "成交日期", "签约日期", "业务日期", "单据日期",
             CREATED_ALIASES, "日期")},
    {"customer", "customer (id or name; created when new)", false,
     ALIASES("customer", CUSTOMER_REF_ALIASES)},
    {"customer_name", "name of a customer created or completed from the row", false,
     ALIASES("customer_name", "Customer Name", "Account Name", "Company Name", "Reseller Name",
             "Reseller", "客户名称", "客户全称", "客户")},
    {"segment", "customer segment", false,
     ALIASES("segment", "Customer Segment", "Business Type", "Customer Type", "客户级别",
             "客户等级", "客户类型", "客户分类")},
    {"region", "customer region", false,
     ALIASES("region", "Sales Region", "区域", "地区", "所属区域", "大区", "Country-Region",
             "Country/Region", "Country", "国家", "省份")},
    {"industry", "customer industry", false, ALIASES("industry", "Sector", "行业", "所属行业")},
    {"owner", "order owner; split credit as 张三:60%;李四:40%", false,
     ALIASES("owner", "Order Owner", "Sales Order Owner", OWNER_ALIASES)},
    {"unit", "the unit the order belongs to", false,
     ALIASES("unit", UNIT_ALIASES, "Region", "Sales Region", "区域", "地区", "大区")},
    {"product", "product (id or name)", false,
     ALIASES("product", "Product ID", "ProductKey", "Product Code", "SKU", "Item Code", "产品编号",
             "产品ID", "产品编码", "物料编码", "Product Name", "产品名称", "产品", "商品名称",
             "Item")},
    {"quantity", "quantity", false,
     ALIASES("quantity", "Qty", "Order Quantity", "Quantity Ordered", "Units", "数量", "订购数量",
             "销售数量")},
    {"amount", "order (line) amount", true,
     ALIASES("amount", "Sales Amount", "Sales", "Grand Total", "Order Amount", "Order Total",
             "Total Amount", "Line Total", "Net Amount", "Total", "Revenue", "销售订单金额",
             "订单金额", "订单总额", "销售金额", "销售额", "总金额", "价税合计", "金额", "合计")},
    {"currency", "currency code of the amount", false,
     ALIASES("currency", "Order Currency", CURRENCY_ALIASES)},
};

static const struct field_def payment_fields[] = {
    {"id", "external id of the payment", false,
     ALIASES("id", "Payment ID", "Payment No", "Payment Number", "Receipt No", "Receipt Number",
             "Transaction ID", "回款编号", "回款单号", "收款编号", "收款单号", "Record ID")},
    {"date", "payment date", true,
     ALIASES("date", "Payment Date", "Paid Date", "Date Paid", "Paid On", "Received Date",
             "Receipt Date", "Transaction Date", "回款日期", "实际回款日期", "回款时间", "收款日期",
             "到账日期", "日期")},
    {"customer", "customer (id or name)", false, ALIASES("customer", CUSTOMER_REF_ALIASES)},
    {"owner", "payment owner", false, ALIASES("owner", "Payment Owner", OWNER_ALIASES)},
    {"unit", "the unit the payment belongs to", false, ALIASES("unit", UNIT_ALIASES)},
    {"order", "order number the payment is for", false,
     ALIASES("order", "Order ID", "Order Number", "Order No", "Sales Order", "SalesOrderNumber",
             "SO Number", "Invoice Number", "订单编号", "订单号", "销售订单编号", "销售订单",
             "关联订单")},
    {"amount", "amount paid", true,
     ALIASES("amount", "Payment Amount", "Paid Amount", "Amount Paid", "Received Amount",
             "回款金额", "本次回款金额", "收款金额", "实收金额", "到账金额", "金额")},
    {"currency", "currency code of the amount", false, ALIASES("currency", CURRENCY_ALIASES)},
};

static const struct field_def activity_fields[] = {
    {"id", "external id of the activity", false,
     ALIASES("id", "Activity ID", "Task ID", "Event ID", "Call ID", "Record ID", "跟进编号",
             "跟进记录编号", "跟进记录ID", "销售记录编号", "活动编号")},
    {"type", "visit call meeting email other (拜访 电话 会议 邮件 其他)", true,
     ALIASES("type", "Activity Type", "Engagement Type", "Task Type", "跟进类型", "活动类型",
             "跟进方式", "跟进类型名称", "拜访类型", "拜访方式", "沟通方式", "联系方式")},
    {"date", "date of the activity", true,
     ALIASES("date", "Activity Date", "跟进时间", "跟进日期", "实际跟进时间", "拜访时间",
             "拜访日期", "活动时间", "活动日期", "Call Start Time", "Start DateTime", "Start Time",
             "Start Date", "Due Date", CREATED_ALIASES, "日期")},
    {"owner", "who did it", false,
     ALIASES("owner", "Activity Owner", "Task Owner", "Call Owner", "跟进人", "拜访人", "跟进销售",
             OWNER_ALIASES)},
    {"customer", "customer (id or name)", false,
     ALIASES("customer", "拜访客户", "拜访对象", "跟进对象", CUSTOMER_REF_ALIASES)},
    {"note", "free text", false,
     ALIASES("note", "Notes", "Description", "Subject", "Content", "Body", "跟进内容", "跟进记录",
             "拜访内容", "拜访记录", "活动内容", "备注", "内容")},
};

static const struct field_def survey_fields[] = {
    {"id", "external id of the survey response", false,
     ALIASES("id", "Survey ID", "Response ID", "Review ID", "Feedback ID", "答卷编号", "答卷ID",
             "问卷编号", "评价编号", "序号")},
    {"date", "date of the response", true,
     ALIASES("date", "Survey Date", "Response Date", "Review Creation Date", "Review Date",
             "Submitted At", "Submitted Date", "Submission Date", "提交答卷时间", "答卷时间",
             "提交时间", "评价时间", "评价日期", "调查日期", "调研日期", CREATED_ALIASES, "日期")},
    {"customer", "customer (id or name)", false, ALIASES("customer", CUSTOMER_REF_ALIASES)},
    {"owner", "the rep the response is credited to", false, ALIASES("owner", OWNER_ALIASES)},
    {"unit", "the unit the response is credited to", false, ALIASES("unit", UNIT_ALIASES)},
    {"score", "the score given", true,
     ALIASES("score", "Review Score", "Rating", "Satisfaction", "Satisfaction Score", "CSAT", "NPS",
             "NPS Score", "Total Score", "满意度", "满意度评分", "总分", "评分", "得分", "分数")},
    {"scale", "maximum score (default 5, or 10 when a score is above 5)", false,
     ALIASES("scale", "Max Score", "Maximum Score", "Scale Max", "满分", "最高分")},
};

static const struct field_def market_fields[] = {
    {"unit", "unit (region) the market belongs to", true,
     ALIASES("unit", "Region", "Team", "Department", "Market", "Territory", "区域", "地区", "大区",
             "部门", "市场")},
    {"period", "period: 2026, 2026-Q3, ...", true,
     ALIASES("period", "Year", "Quarter", "Month", "周期", "期间", "年度", "年份", "季度", "月份")},
    {"amount", "market size", true,
     ALIASES("amount", "Market Size", "Size", "TAM", "市场规模", "市场容量", "市场总量", "金额")},
    {"currency", "currency code of the amount", false, ALIASES("currency", CURRENCY_ALIASES)},
};

static const struct field_def holiday_fields[] = {
    {"date", "the day", true, ALIASES("date", "Holiday Date", "Day", "日期")},
    {"kind", "holiday, or workday for a make-up working day (休/班)", false,
     ALIASES("kind", "Type", "Day Type", "Holiday Type", "类型", "休/班", "休班")},
    {"name", "name of the holiday", false,
     ALIASES("name", "Holiday", "Holiday Name", "Description", "节假日", "节日", "节日名称", "假期",
             "名称")},
};

static const struct field_def rate_fields[] = {
    {"date", "first day the rate applies", true,
     ALIASES("date", "Rate Date", "Effective Date", "日期", "生效日期")},
    {"currency", "currency the rate is for", true,
     ALIASES("currency", "Currency Code", "From Currency", "Code", "币种", "货币", "外币")},
    {"rate", "reporting-currency units per unit of currency", true,
     ALIASES("rate", "Exchange Rate", "FX Rate", "Conversion Rate", "汇率", "折算汇率")},
};

/* The kinds: names and field tables, in enum order. */
static const struct {
    const char *name;
    const char *singular;
    const char *zh;
    const struct field_def *fields;
    size_t n_fields;
} kinds[IMPORT_KIND_COUNT] = {
#define KIND(tbl, plural, one, zh)                                                                 \
    {                                                                                              \
        plural, one, zh, tbl, sizeof tbl / sizeof tbl[0]                                           \
    }
    KIND(unit_fields, "units", "unit", "组织"),
    KIND(people_fields, "people", "person", "人员"),
    KIND(customer_fields, "customers", "customer", "客户"),
    KIND(deal_fields, "deals", "deal", "商机"),
    KIND(order_fields, "orders", "order", "订单"),
    KIND(payment_fields, "payments", "payment", "回款"),
    KIND(activity_fields, "activities", "activity", "活动"),
    KIND(survey_fields, "surveys", "survey", "调查"),
    KIND(market_fields, "markets", "market", "市场"),
    KIND(holiday_fields, "holidays", "holiday", "节假日"),
    KIND(rate_fields, "rates", "rate", "汇率"),
#undef KIND
};

/* ---- kinds -------------------------------------------------------------- */

const char *import_kind_name(enum import_kind k)
{
    if ((unsigned)k >= IMPORT_KIND_COUNT)
        return "?";
    return kinds[k].name;
}

const char *import_kind_label(enum import_kind k, const char *lang)
{
    if ((unsigned)k >= IMPORT_KIND_COUNT || !lang || strcmp(lang, "zh") != 0)
        return import_kind_name(k);
    return kinds[k].zh;
}

bool import_kind_parse(const char *name, enum import_kind *out)
{
    if (!name)
        return false;
    for (size_t k = 0; k < IMPORT_KIND_COUNT; k++) {
        if (str_casecmp(name, kinds[k].name) == 0 || str_casecmp(name, kinds[k].singular) == 0 ||
            strcmp(name, kinds[k].zh) == 0 ||
            (k == IMPORT_PEOPLE && str_casecmp(name, "persons") == 0)) {
            *out = (enum import_kind)k;
            return true;
        }
    }
    return false;
}

const struct field_def *mapping_fields(enum import_kind kind, size_t *n_fields)
{
    if ((unsigned)kind >= IMPORT_KIND_COUNT) {
        if (n_fields)
            *n_fields = 0;
        return NULL;
    }
    if (n_fields)
        *n_fields = kinds[kind].n_fields;
    return kinds[kind].fields;
}

int mapping_field_index(enum import_kind kind, const char *name)
{
    size_t n = 0;
    const struct field_def *f = mapping_fields(kind, &n);
    if (!name)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (str_casecmp(f[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ---- normalisation ------------------------------------------------------ */

/* Length of a character at P that normalisation drops (space, NBSP, U+3000,
 * '_', '-', '.', and the U+FEFF byte order mark), or 0. */
static size_t dropped_at(const char *p)
{
    const unsigned char *s = (const unsigned char *)p;
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '_' || *s == '-' || *s == '.')
        return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* End (exclusive) of HEADER's first LEN bytes without a trailing "(unit)" or
 * "（unit）" and the spaces before it; LEN when there is none (or when the
 * remark is all there is). */
static size_t strip_unit(const char *h, size_t len)
{
    static const char fw_open[] = "\xEF\xBC\x88", fw_close[] = "\xEF\xBC\x89";
    size_t end = len;
    while (end > 0 && (h[end - 1] == ' ' || h[end - 1] == '\t'))
        end--;
    bool closed = false;
    if (end >= 1 && h[end - 1] == ')') {
        end -= 1;
        closed = true;
    } else if (end >= 3 && memcmp(h + end - 3, fw_close, 3) == 0) {
        end -= 3;
        closed = true;
    }
    if (!closed)
        return len;
    /* The last opening parenthesis, ASCII or full-width, before END. */
    for (size_t i = end; i-- > 0;) {
        if (h[i] == '(' || (i + 3 <= end && memcmp(h + i, fw_open, 3) == 0)) {
            size_t cut = i;
            while (cut > 0 && dropped_at(h + cut - 1) == 1)
                cut--;
            return cut > 0 ? i : len;
        }
        if (h[i] == ')' || (i + 3 <= end && memcmp(h + i, fw_close, 3) == 0))
            return len; /* nested or unbalanced: leave it */
    }
    return len;
}

void mapping_normalize(const char *header, char *out, size_t size)
{
    if (!out || size == 0)
        return;
    if (!header)
        header = "";
    size_t len = strip_unit(header, strlen(header));
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < size;) {
        size_t d = dropped_at(header + i);
        if (d) {
            i += d;
            continue;
        }
        char c = header[i++];
        out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[o] = '\0';
}

/* ---- resolution --------------------------------------------------------- */

/* Append S to OUT (SIZE bytes, NUL-terminated) if it fits whole; false when not. */
static bool append_whole(char *out, size_t size, const char *s)
{
    size_t used = strlen(out), n = strlen(s);
    if (used + n + 1 > size)
        return false;
    memcpy(out + used, s, n + 1);
    return true;
}

/* The headers as "a, b, \"\"" for an error message, cut with "..." to fit. */
static void list_headers(const char *const *headers, size_t n, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *h = headers[i] && headers[i][0] ? headers[i] : "\"\"";
        if ((i > 0 && !append_whole(out, size - 4, ", ")) || !append_whole(out, size - 4, h)) {
            append_whole(out, size, "...");
            return;
        }
    }
}

/* The field names of KIND as "id, name, ..." for an error message. */
static void list_fields(enum import_kind kind, char *out, size_t size)
{
    size_t n = 0;
    const struct field_def *f = mapping_fields(kind, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            append_whole(out, size, ", ");
        append_whole(out, size, f[i].name);
    }
}

/* Column of the header named NAME: an exact match first, then a normalised
 * one; -1 when none. NORM holds the normalised headers. */
static int find_header(const char *name, const char *const *headers, char (*norm)[NORM_MAX],
                       size_t n_headers)
{
    for (size_t i = 0; i < n_headers; i++)
        if (headers[i] && strcmp(headers[i], name) == 0)
            return (int)i;
    char want[NORM_MAX];
    mapping_normalize(name, want, sizeof want);
    if (!want[0])
        return -1;
    for (size_t i = 0; i < n_headers; i++)
        if (strcmp(norm[i], want) == 0)
            return (int)i;
    return -1;
}

/*
 * Apply the --map text OVERRIDES to OUT, marking each field it sets in SET.
 * Items are "field=Header" separated by ','; a header containing ',' is
 * written in double quotes; "field=" maps the field to no column.
 */
static enum at_status apply_overrides(enum import_kind kind, const char *overrides,
                                      const char *const *headers, char (*norm)[NORM_MAX],
                                      size_t n_headers, struct mapping *out, bool *set,
                                      struct at_err *err)
{
    char list[HEADER_LIST_MAX];
    const char *p = overrides;
    while (*p) {
        /* The field name, up to '='. */
        const char *eq = p;
        while (*eq && *eq != '=' && *eq != ',')
            eq++;
        char field[64];
        size_t flen = (size_t)(eq - p);
        if (flen >= sizeof field)
            flen = sizeof field - 1;
        memcpy(field, p, flen);
        field[flen] = '\0';
        str_trim(field);
        if (*eq != '=') {
            if (!field[0]) { /* an empty item: ",," or a trailing ',' */
                p = *eq ? eq + 1 : eq;
                continue;
            }
            return at_err_set(err, AT_INVALID, "--map: expected field=Header, got \"%s\"", field);
        }
        /* The header, up to ',' outside double quotes. */
        char header[NORM_MAX];
        size_t hlen = 0;
        const char *q = eq + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '"') {
            for (q++; *q && !(*q == '"' && q[1] != '"'); q++) {
                if (*q == '"')
                    q++; /* "" inside quotes is one quote */
                if (hlen + 1 < sizeof header)
                    header[hlen++] = *q;
            }
            if (*q != '"')
                return at_err_set(err, AT_INVALID, "--map: unterminated quote after %s=", field);
            q++;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q && *q != ',')
                return at_err_set(err, AT_INVALID, "--map: text after the quoted header of %s",
                                  field);
            header[hlen] = '\0';
        } else {
            while (*q && *q != ',') {
                if (hlen + 1 < sizeof header)
                    header[hlen++] = *q;
                q++;
            }
            header[hlen] = '\0';
            str_trim(header);
        }
        p = *q ? q + 1 : q;

        int fi = mapping_field_index(kind, field);
        if (fi < 0) {
            list_fields(kind, list, sizeof list);
            return at_err_set(err, AT_INVALID, "--map: %s has no field \"%s\" (fields: %s)",
                              import_kind_name(kind), field, list);
        }
        int col = -1;
        if (header[0]) {
            col = find_header(header, headers, norm, n_headers);
            if (col < 0) {
                list_headers(headers, n_headers, list, sizeof list);
                return at_err_set(err, AT_INVALID,
                                  "--map %s=%s: the file has no such column (headers: %s)", field,
                                  header, list);
            }
        }
        out->column[fi] = col;
        set[fi] = true;
    }
    return AT_OK;
}

enum at_status mapping_resolve(enum import_kind kind, const char *const *headers, size_t n_headers,
                               const char *overrides, struct mapping *out, struct at_err *err)
{
    size_t n_fields = 0;
    const struct field_def *fields = mapping_fields(kind, &n_fields);
    if (!fields)
        return at_err_set(err, AT_INTERNAL, "unknown import kind %d", (int)kind);
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->n_fields = n_fields;
    for (size_t i = 0; i < MAPPING_MAX_FIELDS; i++)
        out->column[i] = -1;

    enum at_status st = AT_OK;
    char(*norm)[NORM_MAX] = xcalloc(n_headers ? n_headers : 1, sizeof *norm);
    for (size_t i = 0; i < n_headers; i++)
        mapping_normalize(headers[i], norm[i], NORM_MAX);

    bool set[MAPPING_MAX_FIELDS] = {false};
    int *claimed = NULL;
    if (overrides) {
        st = apply_overrides(kind, overrides, headers, norm, n_headers, out, set, err);
        if (st != AT_OK)
            goto out;
    }

    /* A column is claimed by one field when its header is that field's
     * canonical name exactly ("region") or --map names it: no other field's
     * aliases take it (Superstore's "Region" stays shared, a file written with
     * attain's own names means what it says). */
    claimed = xcalloc(n_headers ? n_headers : 1, sizeof *claimed);
    for (size_t h = 0; h < n_headers; h++) {
        claimed[h] = -1;
        for (size_t f = 0; f < n_fields && headers[h]; f++)
            if (strcmp(headers[h], fields[f].name) == 0)
                claimed[h] = (int)f;
    }
    for (size_t f = 0; f < n_fields; f++)
        if (set[f] && out->column[f] >= 0)
            claimed[out->column[f]] = (int)f;

    /* Each field on its own: the first alias some header matches. */
    for (size_t f = 0; f < n_fields; f++) {
        if (set[f])
            continue;
        for (const char *const *a = fields[f].aliases; *a && out->column[f] < 0; a++) {
            char want[NORM_MAX];
            mapping_normalize(*a, want, sizeof want);
            for (size_t h = 0; h < n_headers; h++) {
                if (claimed[h] >= 0 && claimed[h] != (int)f)
                    continue;
                if (norm[h][0] && strcmp(norm[h], want) == 0) {
                    out->column[f] = (int)h;
                    break;
                }
            }
        }
    }

    for (size_t f = 0; f < n_fields; f++) {
        if (fields[f].required && out->column[f] < 0) {
            char list[HEADER_LIST_MAX];
            list_headers(headers, n_headers, list, sizeof list);
            st = at_err_set(err, AT_INVALID,
                            "%s: no column for required field \"%s\" (headers: %s); "
                            "name it with --map %s=HEADER",
                            import_kind_name(kind), fields[f].name, list, fields[f].name);
            goto out;
        }
    }
out:
    free(claimed);
    free(norm);
    return st;
}

/* ---- value maps ----------------------------------------------------------- */

void value_map_init(struct value_map *vm, enum import_kind kind)
{
    memset(vm, 0, sizeof *vm);
    vm->kind = kind;
}

void value_map_free(struct value_map *vm)
{
    for (size_t i = 0; i < vm->n_rules; i++) {
        free(vm->rules[i].from);
        free(vm->rules[i].to);
    }
    free(vm->rules);
    memset(vm, 0, sizeof *vm);
}

enum at_status value_map_add(struct value_map *vm, const char *spec, struct at_err *err)
{
    const char *eq = strchr(spec, '=');
    if (!eq)
        return at_err_set(err, AT_INVALID, "--value %s: write field=FROM:TO (type=微信:call)",
                          spec);
    char field[64];
    size_t flen = (size_t)(eq - spec);
    if (flen >= sizeof field)
        flen = sizeof field - 1;
    memcpy(field, spec, flen);
    field[flen] = '\0';
    str_trim(field);
    int f = mapping_field_index(vm->kind, field);
    if (f < 0) {
        char list[HEADER_LIST_MAX];
        list_fields(vm->kind, list, sizeof list);
        return at_err_set(err, AT_INVALID, "--value %s: %s has no field \"%s\" (fields: %s)", spec,
                          import_kind_name(vm->kind), field, list);
    }
    /* The last ':' or '：' splits FROM and TO. */
    const char *rest = eq + 1, *sep = NULL;
    size_t sep_len = 0;
    for (const char *p = rest; *p; p++) {
        if (*p == ':') {
            sep = p;
            sep_len = 1;
        } else if (str_starts_with(p, "：")) {
            sep = p;
            sep_len = strlen("：");
        }
    }
    if (!sep)
        return at_err_set(err, AT_INVALID, "--value %s: write field=FROM:TO (type=微信:call)",
                          spec);
    char *from = xstrdup(rest);
    from[sep - rest] = '\0';
    char *to = xstrdup(sep + sep_len);
    char *tf = str_trim(from), *tt = str_trim(to);
    if (!*tf || !*tt) {
        free(from);
        free(to);
        return at_err_set(err, AT_INVALID, "--value %s: FROM and TO may not be empty", spec);
    }
    memmove(from, tf, strlen(tf) + 1);
    memmove(to, tt, strlen(tt) + 1);
    const char *old = value_map_get(vm, f, from);
    if (old) {
        enum at_status st = AT_OK;
        if (strcmp(old, to) != 0)
            st = at_err_set(err, AT_INVALID, "--value %s: \"%s\" is already mapped to \"%s\"", spec,
                            from, old);
        free(from);
        free(to);
        return st;
    }
    if (vm->n_rules == vm->cap_rules) {
        vm->cap_rules = vm->cap_rules ? vm->cap_rules * 2 : 8;
        vm->rules = xrealloc(vm->rules, vm->cap_rules * sizeof *vm->rules);
    }
    vm->rules[vm->n_rules++] = (struct value_rule){.field = f, .from = from, .to = to};
    return AT_OK;
}

const char *value_map_get(const struct value_map *vm, int field, const char *text)
{
    if (!vm || !text)
        return NULL;
    for (size_t i = 0; i < vm->n_rules; i++)
        if (vm->rules[i].field == field && str_casecmp(vm->rules[i].from, text) == 0)
            return vm->rules[i].to;
    return NULL;
}

enum at_status mapping_text_read(const char *text, size_t len, const char *name, struct buf *map,
                                 struct value_map *vm, struct at_err *err)
{
    long line_no = 0;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        line_no++;
        size_t n = (size_t)(eol - p);
        const char *nul = memchr(p, '\0', n);
        if (nul) {        /* it would cut the line short: refused, never dropped */
            long col = 1; /* in characters: UTF-8 continuation bytes do not count */
            for (const char *c = p; c < nul; c++)
                col += ((unsigned char)*c & 0xC0) != 0x80;
            return at_err_set(err, AT_INVALID, "%s:%ld:%ld: NUL byte in the line", name, line_no,
                              col);
        }
        char *line = xcalloc(n + 1, 1);
        memcpy(line, p, n);
        p = nl ? nl + 1 : end;
        char *t = str_trim(line);
        enum at_status st = AT_OK;
        if (*t && *t != '#') {
            if (strncmp(t, "value", 5) == 0 && (t[5] == ' ' || t[5] == '\t')) {
                st = value_map_add(vm, str_trim(t + 6), err);
            } else {
                if (strncmp(t, "map", 3) == 0 && (t[3] == ' ' || t[3] == '\t'))
                    t = str_trim(t + 4);
                char *eq = strchr(t, '=');
                if (!eq || eq == t) {
                    st = at_err_set(err, AT_INVALID,
                                    "expected field=Header or value field=FROM:TO, got \"%s\"", t);
                } else {
                    *eq = '\0';
                    char *hdr = str_trim(eq + 1);
                    buf_printf(map, "%s%s=\"", map->len ? "," : "", str_trim(t));
                    for (const char *c = hdr; *c; c++) {
                        if (*c == '"')
                            buf_putc(map, '"');
                        buf_putc(map, *c);
                    }
                    buf_putc(map, '"');
                }
            }
        }
        free(line);
        if (st)
            return at_err_prefix(err, "%s:%ld: ", name, line_no);
    }
    return AT_OK;
}

enum at_status mapping_file_read(const char *path, struct buf *map, struct value_map *vm,
                                 struct at_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return at_err_set(err, AT_IO, "--mapping %s: cannot open it", path);
    struct buf text;
    buf_init(&text, 1 << 20);
    char chunk[4096];
    size_t n;
    enum at_status st = AT_OK;
    while (!st && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = buf_append(&text, chunk, n);
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) {
        buf_free(&text);
        return at_err_set(err, AT_IO, "--mapping %s: cannot read it", path);
    }
    if (st)
        st = at_err_set(err, AT_INVALID, "--mapping %s: too large for a mapping file", path);
    else
        st = mapping_text_read(buf_str(&text), text.len, path, map, vm, err);
    buf_free(&text);
    return st;
}
