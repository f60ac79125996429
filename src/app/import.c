/*
 * import.c — the import use case (see import.h).
 *
 * The file is streamed through csv_read. The header row is mapped to the
 * kind's canonical fields; each data row is checked value by value and its
 * references (owner, customer, unit, manager, order) are resolved against
 * lookup maps loaded from the store and extended as rows are written. Units
 * and people are buffered first, because a row may name a parent or manager
 * that comes later in the file. Rows are written inside one transaction that
 * is rolled back if any row was bad or the run is a dry run.
 */
#include "app/import.h"
#include "app/import_skip.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/map.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "domain/value.h"
#include "io/csv.h"
#include "store/db.h"

#define AMBIGUOUS_ID (-1)
#define MAX_OWNERS   8

/* Row ids by external id, by alternative key (employee number, unit path) and
 * by name; a name (or alternative key) shared by several rows maps to
 * AMBIGUOUS_ID. */
/* Below this many bytes an import looks customers and orders up one by one. */
#define IMPORT_SMALL_BYTES (256 * 1024)
/* From this many bytes (some 50,000 rows: more changes than an overlay takes)
 * an import is a bulk write for the engine's change log. */
#define IMPORT_BULK_BYTES (4 * 1024 * 1024)

struct lookup {
    enum store_table table;
    bool loaded;
    bool partial; /* a small import: only the rows its texts name are read */
    struct map ext, alt, name;
    struct map asked; /* the texts read so far (partial) */
    /* resolve's last answer (consecutive rows name the same customer and
     * owner): the text and its id, valid until a key is added */
    bool memo_ok;
    int64_t memo_id;
    char memo_text[64];
};

/* One buffered row (units and people): its fields by canonical index. */
struct pending {
    char *f[MAPPING_MAX_FIELDS];
    long line;
    int state; /* 0 new, 1 in progress, 2 done, 3 failed */
    int64_t id;
};

/* The header of an order seen in this file, to check its other lines agree. */
struct order_head {
    int64_t id;
    int32_t date;
    int64_t customer_id, owner_id, unit_id;
    char currency[CURRENCY_LEN];
    long line, n_lines;
    /* its numbered lines, while they are 1..run_max on consecutive file lines
     * from run_first to run_last (no set needed); else in_set (imp.line_set) */
    long run_max, run_first, run_last;
    bool in_set;
};

/* One kind of error (column and reason pattern): its first rows and count. */
struct err_group {
    long count;
    struct buf lines;
};

/* A person as stored, to tell apart people who share a name. */
struct person_info {
    int64_t id, unit_id;
    char *name, *employee_no, *unit_path;
};

struct field_cache {
    const char *name;
    int index;
};

struct imp {
    struct app *app;
    bool small; /* a small file: look up customers and orders by their texts, not all */
    bool large; /* a large file: a bulk write (store_changes_bulk) */
    /* the money totals' check (check_money_totals): the data token before
     * this import, and Σ|amount_rc| of the rows read, per money table */
    char token_before[40];
    int64_t money_read[STORE_TABLE_COUNT];
    int64_t money_total[STORE_TABLE_COUNT]; /* a bound of the table's total after it */
    bool money_known[STORE_TABLE_COUNT];
    int rc_exp;                    /* read_money: the reporting currency's exponent + 1, or 0 */
    struct field_cache fcache[64]; /* F: a power of two */
    size_t n_fcache;
    const struct import_options *opt;
    struct import_report *rep;
    const char *file;   /* the name used in messages */
    const char *source; /* the name recorded with each row */
    struct mapping map;
    char **headers;
    size_t n_headers;
    bool have_header;
    enum date_order date_order;
    int32_t today;
    struct lookup units, people, customers, orders;
    /* the current record */
    const struct csv_record *rec;
    long line;
    bool row_bad;
    /* per-file bookkeeping */
    struct map seen;    /* key -> first line, for duplicates */
    struct map content; /* content hash -> occurrences */
    struct order_head *heads;
    size_t n_heads, cap_heads;
    struct map head_of; /* order ext id -> index in heads */
    int64_t last_head;  /* the previous line's head (+1; 0: none), its order id: */
    char last_ext[256];
    /* order lines whose line is a plain number: (head index, number) -> first
     * line, open addressing, key 0 empty; other line ids go to `seen` */
    struct line_slot {
        uint64_t key;
        long first;
    } * line_set;
    size_t line_cap, line_count;
    struct pending *pend;
    size_t n_pend, cap_pend;
    struct map fext, falt, fname; /* buffered rows by key -> index (or AMBIGUOUS_ID) */
    struct map auto_people;       /* managers created because no row names them */
    struct person_info *pinfo;    /* every stored person, by id (loaded with the people) */
    size_t n_pinfo, cap_pinfo;
    struct map cust_owner; /* customer id (as text) -> owner id */
    bool cust_owner_loaded;
    struct map touched; /* "table:id" of every row this file wrote (--replace) */
    char replace_start[CAL_DATE_LEN], replace_end[CAL_DATE_LEN]; /* --period, or "" */
    struct map err_kind; /* column + reason pattern -> index in groups */
    struct err_group *groups;
    size_t n_groups, cap_groups;
    struct value_map values; /* --value and the mapping file's value lines */
    struct buf map_text;     /* the mapping file's items, then --map */
    struct at_err fatal;     /* a non-row failure (database) */
    char reason_zh[160];     /* reason(): a parse error's message in Chinese */
    bool failed;
    int64_t file_size;
    struct timespec started;
};

/* ---- Chinese ----------------------------------------------------------- */

/* The Chinese text of every message of the import, by its English format.
 * Each zh format has exactly the conversions of its English one, in the same
 * order (row_error's callers are checked against the English literal), and
 * keeps ASCII quotes around values so errors group by kind the same way.
 * Words passed as %s arguments (what, hints) and the reasons of value.c that
 * reach a row are here too. */
static const struct {
    const char *en, *zh;
} import_zh[] = {
    /* row reasons */
    {"%s \"%s\" is ambiguous: several have this name; use the id%s",
     "%s\"%s\"有歧义：有多个同名；请用编号%s"},
    {" or the path (华东/上海)", "或路径（华东/上海）"},
    {"person \"%s\" is ambiguous: %s; give the employee number or e-mail, or the row's unit",
     "人员\"%s\"有歧义：%s；请给出工号或邮箱，或本行的单位"},
    {"no unit", "无单位"},
    {"unknown %s \"%s\"%s", "未知%s\"%s\"%s"},
    {"%s: \"%s\"", "%s：\"%s\""},
    {"%s needs a date", "%s需要日期"},
    {"duplicate %s \"%s\" (first on line %lld)", "重复的%s\"%s\"（首次出现在第 %lld 行）"},
    {"duplicate %s \"%s\" (first on line %ld)", "重复的%s\"%s\"（首次出现在第 %ld 行）"},
    {"\"%s\" is not a currency code (CNY, USD, EUR ...)", "\"%s\"不是货币代码（CNY、USD、EUR 等）"},
    {"amount \"%s\" is in %s but the currency column says %s",
     "金额\"%s\"的币种是 %s，但币种列写的是 %s"},
    {"amount \"%s\" is too large to be summed exactly (at most %lld minor units a row)",
     "金额\"%s\"太大，无法精确求和（每行最多 %lld 个最小货币单位）"},
    {"%s amount needs a date to convert to %s", "%s 金额需要日期才能换算成 %s"},
    {"%s; import rates first (attain import rates FILE)",
     "%s；请先导入汇率（attain import rates FILE）"},
    {"amount \"%s\" is too large", "金额\"%s\"太大"},
    {"amount \"%s\" is too large to be summed exactly in %s (at most %lld minor units a row)",
     "金额\"%s\"太大，无法以 %s 精确求和（每行最多 %lld 个最小货币单位）"},
    {"more than %d owners in \"%s\"", "负责人超过 %d 个：\"%s\""},
    {"owner \"%s\" has no share; write A:60%%;B:40%%",
     "负责人\"%s\"没有份额；请写成 A:60%%;B:40%%"},
    {"share \"%s\" of %s: %s", "份额\"%s\"（%s）：%s"},
    {"must be above 0", "必须大于 0"},
    {"%s is named twice", "%s出现了两次"},
    {"shares add up to %d.%02d%%, not 100%%", "份额合计 %d.%02d%%，不是 100%%"},
    {"unit path \"%s\" has an empty level", "单位路径\"%s\"有空的层级"},
    {"unit path \"%s\" is too long", "单位路径\"%s\"太长"},
    {"empty unit path", "单位路径为空"},
    {"unit \"%s\" is its own ancestor", "单位\"%s\"是自己的上级"},
    {"a unit needs a name or a path", "单位需要名称或路径"},
    {"parent \"%s\" is ambiguous; use its id or path", "上级\"%s\"有歧义；请用编号或路径"},
    {"parent \"%s\" (line %ld) is bad", "上级\"%s\"（第 %ld 行）有错误"},
    {"unit path too long", "单位路径太长"},
    {"a unit name cannot contain '/'; use the path field", "单位名称不能含 '/'；请用路径字段"},
    {"%s is in a management cycle", "%s处在循环的上下级关系中"},
    {"a person needs a name", "人员需要姓名"},
    {"capacity weight: %s: \"%s\"", "产能权重：%s：\"%s\""},
    {"capacity weight cannot be negative", "产能权重不能为负"},
    {"%s: \"%s\" (map it with --value active=%s:no)", "%s：\"%s\"（用 --value active=%s:no 映射）"},
    {"leave date %s is before the join date %s", "离职日期 %s 早于入职日期 %s"},
    {"status \"%s\" says active but the person left on %s",
     "状态\"%s\"表示在职，但此人已于 %s 离职"},
    {"manager \"%s\" is ambiguous; use the id or employee number",
     "上级\"%s\"有歧义；请用编号或工号"},
    {"%s cannot be their own manager", "%s不能是自己的上级"},
    {"manager \"%s\" (line %ld) is bad", "上级\"%s\"（第 %ld 行）有错误"},
    {"management cycle: %s (with what is already stored)", "上下级循环：%s（连同已存的数据）"},
    {"unit cycle: %s (with what is already stored)", "单位循环：%s（连同已存的数据）"},
    {"a customer needs a name", "客户需要名称"},
    {"a customer has one owner", "客户只有一个负责人"},
    {"a deal needs an id", "商机需要编号"},
    {"%s: \"%s\"; map it with --value status=%s:won", "%s：\"%s\"；用 --value status=%s:won 映射"},
    {"a %s deal needs its close date%s", "%s的商机需要成交日期%s"},
    {" (to take the expected close date, import with --won-without-close=expected)",
     "（要取预计成交日期，导入时加 --won-without-close=expected）"},
    {"unknown customer \"%s\" (import customers first, or give the customer's name and segment "
     "in this file)",
     "未知客户\"%s\"（请先导入客户，或在本文件中给出客户名称和分群）"},
    {"an order line needs its order id", "订单行需要订单编号"},
    {"an order needs a date", "订单需要日期"},
    {"an order line needs an amount", "订单行需要金额"},
    {"order %s has date %s here but another on line %ld",
     "订单 %s 此处日期为 %s，但第 %ld 行的日期不同"},
    {"order %s has another customer on line %ld", "订单 %s 在第 %ld 行有另一个客户"},
    {"order %s is credited differently on line %ld", "订单 %s 在第 %ld 行的业绩归属不同"},
    {"order %s is in %s on line %ld", "订单 %s 的币种为 %s，与第 %ld 行不同"},
    {"a payment needs an amount", "回款需要金额"},
    {"an activity needs a type (visit call meeting email other)",
     "活动需要类型（拜访 电话 会议 邮件 其他）"},
    {"unknown activity type \"%s\" (visit call meeting email other; 拜访 电话 会议 邮件 其他); "
     "map it with --value type=%s:visit",
     "未知活动类型\"%s\"（拜访 电话 会议 邮件 其他）；用 --value type=%s:visit 映射"},
    {"an activity has one owner", "活动只有一个负责人"},
    {"a survey needs a score", "问卷需要分数"},
    {"score \"%s\" is not a whole number 0 or above", "分数\"%s\"不是 0 或以上的整数"},
    {"scale \"%s\" is not a whole number above 0", "满分\"%s\"不是大于 0 的整数"},
    {"score %lld is above the scale %lld", "分数 %lld 高于满分 %lld"},
    {"a survey has one owner", "问卷只有一个负责人"},
    {"a market size needs a unit", "市场规模需要单位"},
    {"a market size needs a period", "市场规模需要期间"},
    {"a market size needs an amount", "市场规模需要金额"},
    {"kind \"%s\" is neither holiday (休) nor workday (班); map it with --value kind=%s:holiday",
     "类型\"%s\"既不是休也不是班；用 --value kind=%s:holiday 映射"},
    {"\"%s\" is not a currency code (USD, EUR ...)", "\"%s\"不是货币代码（USD、EUR 等）"},
    {"%s is the reporting currency; it needs no rate", "%s 是报表货币，不需要汇率"},
    {"a rate is needed", "需要汇率"},
    {"rate \"%s\": %s", "汇率\"%s\"：%s"},
    /* words given to the reasons above */
    {"person", "人员"},
    {"unit", "单位"},
    {"customer", "客户"},
    {"manager", "上级"},
    {"deal", "商机"},
    {"order", "订单"},
    {"order line", "订单行"},
    {"payment", "回款"},
    {"activity", "活动"},
    {"survey", "问卷"},
    {"date", "日期"},
    {"a payment", "回款"},
    {"an activity", "活动"},
    {"a survey", "问卷"},
    {"a holiday", "节假日"},
    {"a rate", "汇率"},
    {"won", "赢单"},
    {"lost", "输单"},
    {"market size for this unit and period", "该单位和期间的市场规模"},
    {"rate for this currency and date", "该币种和日期的汇率"},
    {" (import people first)", "（请先导入人员）"},
    {" (import units or people first)", "（请先导入单位或人员）"},
    {" (import customers first)", "（请先导入客户）"},
    {" (import orders first)", "（请先导入订单）"},
    /* reasons of value parsing (domain/value.c) */
    {"a thousands separator must be followed by 3 digits", "千位分隔符后必须是 3 位数字"},
    {"not a number", "不是数字"},
    {"too long for a number", "数字太长"},
    {"empty", "为空"},
    {"number too large", "数字太大"},
    {"too long for an amount", "金额太长"},
    {"unbalanced parenthesis", "括号不配对"},
    {"two signs", "有两个正负号"},
    {"two different currencies", "有两种不同的货币"},
    {"amount too large", "金额太大"},
    {"year out of range", "年份超出范围"},
    {"not a date", "不是日期"},
    {"two-digit year; write the year in full", "两位数年份；请写完整年份"},
    {"too long for a date", "日期太长"},
    {"not a deal status (open, won, lost)", "不是商机状态（open、won、lost）"},
    {"too long for a percentage", "百分比太长"},
    {"percentage below 0", "百分比小于 0"},
    {"percentage above 100%", "百分比大于 100%"},
    {"not yes or no", "不是是或否"},
    /* the report */
    {"... and %ld more rows like the one above\n", "…… 另有 %ld 行同上\n"},
    {"%s: %ld bad row%s; nothing was imported (%ld kind%s of problem)",
     "%s：%ld 行有错误%.0s；未导入任何数据（%ld 类问题%.0s）"},
    {"%s: with this file the %s amounts would add up beyond what is summed exactly (%lld minor "
     "units of %s in all); nothing was imported",
     "%s：加上本文件，%s 的金额合计将超出可精确求和的范围（最多 %lld 个 %s 最小货币单位）；"
     "未导入任何数据"},
    {"%s: --replace would remove %ld %s that other rows refer to: %s; nothing was changed",
     "%s：--replace 将删除 %ld 条被其他数据引用的%s：%s；未做任何更改"},
    {"%s: nothing was imported: ", "%s：未导入任何数据："},
    {" and %ld more", " 另有 %ld 条"},
    {"; and %zu more", "；另有 %zu 人"},
    {"--period goes with --replace", "--period 须与 --replace 一起使用"},
    {"--period: %s have no date; --replace them whole", "--period：%s没有日期；请整体 --replace"},
    {"%s: the file is empty (no header row)", "%s：文件为空（没有表头行）"},
    {"\r%s [%s] %3d%% %ld rows %s", "\r%s [%s] %3d%% %ld 行 %s"},
};

const char *import_msg(const char *lang, const char *fmt)
{
    if (!fmt || !lang || strcmp(lang, "zh") != 0)
        return fmt;
    for (size_t i = 0; i < sizeof import_zh / sizeof *import_zh; i++)
        if (strcmp(import_zh[i].en, fmt) == 0)
            return import_zh[i].zh;
    return fmt;
}

bool import_msg_pair(size_t i, const char **en, const char **zh)
{
    if (i >= sizeof import_zh / sizeof *import_zh)
        return false;
    *en = import_zh[i].en;
    *zh = import_zh[i].zh;
    return true;
}

/* A word or hint given to a message, in the request's language. */
static const char *W(const struct imp *im, const char *word)
{
    return import_msg(im->app->req.lang, word);
}

/* The message of a value's parse error E, in the request's language. */
static const char *reason(struct imp *im, const struct at_err *e)
{
    const char *lang = im->app->req.lang;
    const char *t = import_msg(lang, e->msg);
    if (t != e->msg || !lang || strcmp(lang, "zh") != 0)
        return t;
    int d, y, m;
    char rest;
    if (sscanf(e->msg, "no such day %d in %d-%d%c", &d, &y, &m, &rest) == 3)
        snprintf(im->reason_zh, sizeof im->reason_zh, "%04d-%02d 没有 %d 日", y, m, d);
    else if (sscanf(e->msg, "no such month %d%c", &m, &rest) == 1)
        snprintf(im->reason_zh, sizeof im->reason_zh, "没有 %d 月", m);
    else
        return e->msg;
    return im->reason_zh;
}

/* ---- messages ---------------------------------------------------------- */

/* The column name used in messages for canonical field FIELD (-1: none). */
static const char *column_name(struct imp *im, int field)
{
    if (field < 0)
        return "-";
    int col = im->map.column[field];
    if (col >= 0 && (size_t)col < im->n_headers && im->headers[col][0])
        return im->headers[col];
    size_t n;
    return mapping_fields(im->map.kind, &n)[field].name;
}

/* The pattern of a reason, to group errors of one kind: quoted text becomes
 * "*" and digit runs "#" ("unknown person \"赵六\"" -> "unknown person \"*\""). */
static void reason_pattern(const char *msg, struct buf *out)
{
    bool quoted = false;
    for (const char *p = msg; *p; p++) {
        if (*p == '"') {
            quoted = !quoted;
            buf_puts(out, quoted ? "\"*" : "\"");
        } else if (quoted) {
            continue;
        } else if (*p >= '0' && *p <= '9') {
            while (p[1] >= '0' && p[1] <= '9')
                p++;
            buf_putc(out, '#');
        } else {
            buf_putc(out, *p);
        }
    }
}

/* Report a bad row: "FILE:LINE:COLUMN: reason". Only the first error of a row
 * is reported. Errors are grouped by kind (column and reason pattern): the
 * first IMPORT_ERROR_EXAMPLES rows of every kind are kept, the others counted.
 * Always returns AT_INVALID. */
__attribute__((format(printf, 3, 4))) static enum at_status row_error(struct imp *im, int field,
                                                                      const char *fmt, ...)
{
    if (im->row_bad)
        return AT_INVALID;
    im->row_bad = true;
    im->rep->n_errors++;
    struct buf msg, key;
    buf_init(&msg, 0);
    buf_init(&key, 0);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, import_msg(im->app->req.lang, fmt), ap);
    va_end(ap);
    const char *column = column_name(im, field);
    buf_printf(&key, "%s\x1f", column);
    reason_pattern(buf_str(&msg), &key);
    int64_t g;
    if (!map_get(&im->err_kind, buf_str(&key), &g)) {
        if (im->n_groups == im->cap_groups) {
            im->cap_groups = im->cap_groups ? im->cap_groups * 2 : 8;
            im->groups = xrealloc(im->groups, im->cap_groups * sizeof *im->groups);
        }
        g = (int64_t)im->n_groups++;
        im->groups[g] = (struct err_group){0};
        buf_init(&im->groups[g].lines, 0);
        map_put(&im->err_kind, buf_str(&key), g);
    }
    struct import_report *rep = im->rep;
    if (rep->n_row_errors < IMPORT_ROW_ERRORS_MAX) {
        if (rep->n_row_errors == rep->cap_row_errors) {
            rep->cap_row_errors = rep->cap_row_errors ? rep->cap_row_errors * 2 : 16;
            rep->row_errors =
                xrealloc(rep->row_errors, rep->cap_row_errors * sizeof *rep->row_errors);
        }
        rep->row_errors[rep->n_row_errors++] =
            (struct import_row_error){im->line, xstrdup(column), xstrdup(buf_str(&msg))};
    }
    struct err_group *eg = &im->groups[g];
    if (eg->count++ < IMPORT_ERROR_EXAMPLES)
        buf_printf(&eg->lines, "%s:%ld:%s: %s\n", im->file, im->line, column, buf_str(&msg));
    buf_free(&msg);
    buf_free(&key);
    return AT_INVALID;
}

/* Every kind of error into the report, in the order first seen: its first
 * rows, then how many more rows had it. */
static void errors_render(struct imp *im)
{
    for (size_t g = 0; g < im->n_groups; g++) {
        struct err_group *eg = &im->groups[g];
        buf_puts(&im->rep->errors, buf_str(&eg->lines));
        if (eg->count > IMPORT_ERROR_EXAMPLES)
            buf_printf(&im->rep->errors,
                       import_msg(im->app->req.lang, "... and %ld more rows like the one above\n"),
                       eg->count - IMPORT_ERROR_EXAMPLES);
    }
    im->rep->n_error_kinds = (long)im->n_groups;
}

/* A failure that is not a row's fault (database): stops the import. */
static enum at_status fail(struct imp *im, const struct at_err *e)
{
    if (!im->failed) {
        im->failed = true;
        im->fatal = *e;
    }
    return e->status;
}

/* Copy N bytes of SRC into OUT (SIZE bytes), cut to fit, terminated; the
 * length copied. */
static size_t copy_cut(char *out, size_t size, const char *src, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(out, src, n);
    out[n] = '\0';
    return n;
}

/* V in decimal into OUT (at least 21 bytes). */
static void format_long(char *out, long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        tmp[n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        tmp[n++] = '-';
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* ---- lookups ----------------------------------------------------------- */

static void key_put(struct map *m, const char *key, int64_t id)
{
    int64_t old;
    if (!key || !*key)
        return;
    if (map_get(m, key, &old) && old != id)
        map_put(m, key, AMBIGUOUS_ID);
    else
        map_put(m, key, id);
}

static void lookup_add(struct lookup *lk, int64_t id, const char *ext, const char *name,
                       const char *alt)
{
    lk->memo_ok = false;
    if (ext && *ext)
        map_put(&lk->ext, ext, id);
    key_put(&lk->name, name, id);
    key_put(&lk->alt, alt, id);
}

static enum at_status lookup_row(int64_t id, const char *ext, const char *name, const char *alt,
                                 void *ctx, struct at_err *err)
{
    (void)err;
    lookup_add(ctx, id, ext, name, alt);
    return AT_OK;
}

/* Lower-case ASCII copy of an e-mail address into OUT (SIZE bytes). */
static void email_key(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (; text[n] && n + 1 < size; n++)
        out[n] = (char)(text[n] >= 'A' && text[n] <= 'Z' ? text[n] - 'A' + 'a' : text[n]);
    out[n] = '\0';
}

static char *dup_or_null(const struct store_row *row, int k)
{
    return row->null[k] ? NULL : xstrdup(row->s[k]);
}

static enum at_status person_info_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    struct imp *im = ctx;
    if (im->n_pinfo == im->cap_pinfo) {
        im->cap_pinfo = im->cap_pinfo ? im->cap_pinfo * 2 : 256;
        im->pinfo = xrealloc(im->pinfo, im->cap_pinfo * sizeof *im->pinfo);
    }
    im->pinfo[im->n_pinfo++] = (struct person_info){
        .id = row->i[0],
        .unit_id = row->null[4] ? 0 : row->i[4],
        .name = dup_or_null(row, 1),
        .employee_no = dup_or_null(row, 2),
        .unit_path = dup_or_null(row, 5),
    };
    if (!row->null[3] && row->s[3][0]) { /* the e-mail is a key as well */
        char key[256];
        email_key(row->s[3], key, sizeof key);
        im->people.memo_ok = false;
        key_put(&im->people.alt, key, row->i[0]);
    }
    return AT_OK;
}

static enum at_status lookup_load(struct imp *im, struct lookup *lk)
{
    if (lk->loaded)
        return AT_OK;
    lk->loaded = true;
    struct at_err e;
    if (im->small && (lk->table == STORE_CUSTOMERS || lk->table == STORE_ORDERS)) {
        lk->partial = true; /* lookup_ask reads what each text names */
        return AT_OK;
    }
    enum at_status st = store_scan_keys(im->app->db, lk->table, lookup_row, lk, &e);
    if (!st && lk->table == STORE_PEOPLE)
        st = store_scan_people_details(im->app->db, person_info_row, im, &e);
    return st ? fail(im, &e) : AT_OK;
}

/* A partial lookup: read the rows TEXT names (by external id or name), once. */
static enum at_status lookup_ask(struct imp *im, struct lookup *lk, const char *text)
{
    int64_t seen;
    if (!lk->partial || !text || map_get(&lk->asked, text, &seen))
        return AT_OK;
    map_put(&lk->asked, text, 1);
    struct at_err e;
    enum at_status st = store_scan_keys_for(im->app->db, lk->table, text, lookup_row, lk, &e);
    return st ? fail(im, &e) : AT_OK;
}

static void lookup_free(struct lookup *lk)
{
    map_free(&lk->asked);
    map_free(&lk->ext);
    map_free(&lk->alt);
    map_free(&lk->name);
}

/*
 * Find TEXT in LK: by external id, then alternative key, then name.
 * Returns AT_OK with *ID, AT_NOT_FOUND, or AT_AMBIGUOUS (a row error is
 * reported naming WHAT).
 */
static enum at_status person_disambiguate(struct imp *im, const char *text, int field, int64_t *id);
static char *fld(struct imp *im, int f);
static int F(struct imp *im, const char *name);
static const char *unit_path(struct imp *im, int64_t id);

/* A small import's person named by external id (unique, and the first key
 * resolve tries): one indexed read instead of every person's keys. */
struct ext_hit {
    const char *text;
    int64_t id;
};

static enum at_status ext_hit_row(int64_t id, const char *ext, const char *name, const char *alt,
                                  void *ctx, struct at_err *err)
{
    (void)name;
    (void)alt;
    (void)err;
    struct ext_hit *h = ctx;
    if (ext && strcmp(ext, h->text) == 0)
        h->id = id;
    return AT_OK;
}

static bool person_by_ext(struct imp *im, struct lookup *lk, const char *text, int64_t *id)
{
    if (lk->table != STORE_PEOPLE || !im->small || lk->loaded || im->opt->kind == IMPORT_PEOPLE ||
        im->opt->kind == IMPORT_UNITS)
        return false;
    if (map_get(&lk->ext, text, id))
        return true;
    struct ext_hit h = {text, 0};
    struct at_err e;
    if (store_scan_keys_for(im->app->db, STORE_PEOPLE, text, ext_hit_row, &h, &e) || !h.id)
        return false; /* the whole directory decides (and reports) */
    map_put(&lk->ext, text, h.id);
    *id = h.id;
    return true;
}

static enum at_status resolve(struct imp *im, struct lookup *lk, const char *text, int field,
                              const char *what, int64_t *id)
{
    if (person_by_ext(im, lk, text, id))
        return AT_OK;
    if (lookup_load(im, lk) || lookup_ask(im, lk, text))
        return AT_DB;
    if (lk->memo_ok && strcmp(lk->memo_text, text) == 0) {
        *id = lk->memo_id;
        return AT_OK;
    }
    int64_t v;
    char email[256];
    bool is_email = lk->table == STORE_PEOPLE && strchr(text, '@');
    if (is_email)
        email_key(text, email, sizeof email);
    if (map_get(&lk->ext, text, &v) || map_get(&lk->alt, is_email ? email : text, &v) ||
        map_get(&lk->name, text, &v)) {
        if (v == AMBIGUOUS_ID && lk->table == STORE_PEOPLE && im->opt->kind != IMPORT_PEOPLE)
            return person_disambiguate(im, text, field, id);
        if (v == AMBIGUOUS_ID) {
            row_error(im, field, "%s \"%s\" is ambiguous: several have this name; use the id%s",
                      W(im, what), text,
                      lk->table == STORE_UNITS ? W(im, " or the path (华东/上海)") : "");
            return AT_AMBIGUOUS;
        }
        *id = v;
        size_t n = strlen(text);
        if (n < sizeof lk->memo_text) { /* an unambiguous answer only */
            memcpy(lk->memo_text, text, n + 1);
            lk->memo_id = v;
            lk->memo_ok = true;
        }
        return AT_OK;
    }
    return AT_NOT_FOUND;
}

/* The id TEXT names in LK without reporting anything (0 when none or several). */
static int64_t resolve_quiet(struct imp *im, struct lookup *lk, const char *text)
{
    int64_t v;
    if (!text || lookup_load(im, lk) || lookup_ask(im, lk, text))
        return 0;
    if (map_get(&lk->ext, text, &v) || map_get(&lk->alt, text, &v) || map_get(&lk->name, text, &v))
        return v == AMBIGUOUS_ID ? 0 : v;
    return 0;
}

static enum at_status customer_owner_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)row->i[0]);
    map_put(ctx, key, row->i[1]);
    return AT_OK;
}

/* Is PATH the unit path UNIT or below it? */
static bool path_within(const char *path, const char *unit)
{
    size_t n = strlen(unit);
    return path && strncmp(path, unit, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/*
 * Several people are called TEXT: the row's unit (or team) decides when just
 * one of them is in it (or below it), else the owner of the row's customer
 * when that is one of them. Otherwise a row error lists the candidates with
 * their employee numbers and units.
 */
static enum at_status person_disambiguate(struct imp *im, const char *text, int field, int64_t *id)
{
    size_t cand[16], n = 0, total = 0;
    for (size_t i = 0; i < im->n_pinfo; i++)
        if (im->pinfo[i].name && strcmp(im->pinfo[i].name, text) == 0) {
            if (n < sizeof cand / sizeof cand[0])
                cand[n++] = i;
            total++;
        }
    /* by the row's unit */
    const char *unit_text = fld(im, F(im, "unit"));
    int64_t unit = resolve_quiet(im, &im->units, unit_text);
    const char *upath = unit ? unit_path(im, unit) : NULL;
    if (upath && total == n) {
        size_t hit = 0, k = 0;
        for (size_t i = 0; i < n; i++)
            if (path_within(im->pinfo[cand[i]].unit_path, upath)) {
                hit = cand[i];
                k++;
            }
        if (k == 1) {
            *id = im->pinfo[hit].id;
            return AT_OK;
        }
    }
    /* by the owner of the row's customer */
    int64_t customer = resolve_quiet(im, &im->customers, fld(im, F(im, "customer")));
    if (customer && !im->cust_owner_loaded) {
        im->cust_owner_loaded = true;
        struct at_err e;
        if (store_scan_customer_owners(im->app->db, customer_owner_row, &im->cust_owner, &e))
            return fail(im, &e);
    }
    int64_t owner;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)customer);
    if (customer && map_get(&im->cust_owner, key, &owner) && total == n)
        for (size_t i = 0; i < n; i++)
            if (im->pinfo[cand[i]].id == owner &&
                (!upath || path_within(im->pinfo[cand[i]].unit_path, upath))) {
                *id = owner;
                return AT_OK;
            }
    struct buf list;
    buf_init(&list, 0);
    for (size_t i = 0; i < n; i++) {
        const struct person_info *p = &im->pinfo[cand[i]];
        buf_printf(&list, "%s%s (工号 %s, %s)", i ? "; " : "", p->name,
                   p->employee_no ? p->employee_no : "-",
                   p->unit_path ? p->unit_path : W(im, "no unit"));
    }
    if (total > n)
        buf_printf(&list, import_msg(im->app->req.lang, "; and %zu more"), total - n);
    row_error(im, field,
              "person \"%s\" is ambiguous: %s; give the employee number or e-mail, or the "
              "row's unit",
              text, buf_str(&list));
    buf_free(&list);
    return AT_AMBIGUOUS;
}

/* Resolve a reference that must exist. */
static enum at_status resolve_required(struct imp *im, struct lookup *lk, const char *text,
                                       int field, const char *what, const char *hint, int64_t *id)
{
    enum at_status st = resolve(im, lk, text, field, what, id);
    if (st == AT_NOT_FOUND)
        row_error(im, field, "unknown %s \"%s\"%s", W(im, what), text, W(im, hint));
    return st;
}

/* ---- field access ------------------------------------------------------ */

/* The trimmed text of field F in the current record, or NULL when the file
 * has no column for it or the cell is empty. */
static char *fld(struct imp *im, int f)
{
    if (f < 0)
        return NULL;
    int col = im->map.column[f];
    if (col < 0 || (size_t)col >= im->rec->n_fields)
        return NULL;
    char *s = im->rec->fields[col]; /* trimmed by on_record */
    if (!*s)
        return NULL;
    /* A value map rule gives the cell's meaning (its text is the caller's to
     * read, never to change). */
    const char *to = im->values.n_rules ? value_map_get(&im->values, f, s) : NULL;
    return to ? (char *)to : s;
}

/* Field index of NAME in the kind being imported, or -1. Callers pass string
 * literals, so the answer is remembered by the literal's address: this runs
 * several times per row. */
static int F(struct imp *im, const char *name)
{
    /* open addressing by the literal's address (a table kept at most half full) */
    size_t mask = sizeof im->fcache / sizeof im->fcache[0] - 1;
    size_t i = ((uintptr_t)name >> 2 ^ (uintptr_t)name >> 9) & mask;
    for (; im->fcache[i].name; i = (i + 1) & mask)
        if (im->fcache[i].name == name)
            return im->fcache[i].index;
    int index = mapping_field_index(im->map.kind, name);
    if (im->n_fcache < (mask + 1) / 2) {
        im->fcache[i] = (struct field_cache){name, index};
        im->n_fcache++;
    }
    return index;
}

static enum at_status parse_date_field(struct imp *im, int f, const char *text, int32_t *day)
{
    struct at_err e;
    if (date_parse_tz(text, im->date_order, im->app->has_tz ? &im->app->tz : NULL, day, &e))
        return row_error(im, f, "%s: \"%s\"", reason(im, &e), text);
    return AT_OK;
}

/*
 * The date in field F as "YYYY-MM-DD" into OUT. An empty cell is an error
 * naming WHAT when WHAT is given (a required date), else *PRESENT is false.
 */
static enum at_status read_date(struct imp *im, int f, const char *what, char out[CAL_DATE_LEN],
                                bool *present)
{
    const char *t = fld(im, f);
    *present = t != NULL;
    if (!t)
        return what ? row_error(im, f, "%s needs a date", W(im, what)) : AT_OK;
    int32_t d;
    if (parse_date_field(im, f, t, &d))
        return AT_INVALID;
    cal_format(d, out);
    return AT_OK;
}

/* Optional date field NAME into OUT and V (SV_NULL when empty). */
static enum at_status opt_date(struct imp *im, const char *name, char out[CAL_DATE_LEN],
                               struct store_val *v)
{
    bool present;
    *v = (struct store_val){.type = SV_NULL};
    if (read_date(im, F(im, name), NULL, out, &present))
        return AT_INVALID;
    if (present)
        *v = (struct store_val){.type = SV_TEXT, .s = out};
    return AT_OK;
}

static struct store_val text_val(const char *s)
{
    return s ? (struct store_val){.type = SV_TEXT, .s = s} : (struct store_val){.type = SV_NULL};
}

static struct store_val int_val(int64_t i)
{
    return (struct store_val){.type = SV_INT, .i = i};
}

static struct store_val id_val(int64_t id)
{
    return id > 0 ? int_val(id) : (struct store_val){.type = SV_NULL};
}

/* Count an upsert result against TABLE. */
static void count(struct imp *im, enum store_table t, enum store_upsert_result r)
{
    struct import_count *c = &im->rep->counts[t];
    if (r == STORE_INSERTED)
        c->inserted++;
    else if (r == STORE_UPDATED)
        c->updated++;
    else
        c->unchanged++;
}

static enum at_status upsert(struct imp *im, enum store_table t, const char *ext,
                             const struct store_val *vals, long line, int64_t *id,
                             enum store_upsert_result *res)
{
    struct at_err e;
    enum store_upsert_result r;
    enum at_status st = store_upsert(im->app->db, t, ext, vals, im->source, line, id, &r, &e);
    if (st)
        return fail(im, &e);
    count(im, t, r);
    if (im->opt->replace) {
        char key[40];
        snprintf(key, sizeof key, "%d:%lld", (int)t, (long long)*id);
        map_put(&im->touched, key, 1);
    }
    if (res)
        *res = r;
    return AT_OK;
}

/* A key already used by an earlier row of this file is an error. */
static enum at_status check_duplicate(struct imp *im, int f, const char *what, const char *key)
{
    int64_t first;
    if (map_get(&im->seen, key, &first))
        return row_error(im, f, "duplicate %s \"%s\" (first on line %lld)", W(im, what), key,
                         (long long)first);
    map_put(&im->seen, key, im->line);
    return AT_OK;
}

/* A key for rows without an id: a hash of the row's mapped cells, with the
 * occurrence number when identical rows repeat, so re-imports match. */
static void content_key(struct imp *im, char *out, size_t size)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t f = 0; f < im->map.n_fields; f++) {
        const char *t = fld(im, (int)f);
        for (const char *p = t ? t : ""; *p; p++)
            h = (h ^ (uint8_t)*p) * 1099511628211ULL;
        h = (h ^ 0x1f) * 1099511628211ULL;
    }
    char key[32];
    snprintf(key, sizeof key, "row:%016llx", (unsigned long long)h);
    int64_t n = 0;
    map_get(&im->content, key, &n);
    map_put(&im->content, key, n + 1);
    if (n)
        snprintf(out, size, "%s#%lld", key, (long long)n + 1);
    else
        snprintf(out, size, "%s", key);
}

/* ---- money ------------------------------------------------------------- */

/*
 * Read the amount in field AMOUNT_F with the currency of field "currency" (or
 * the symbol in the amount, or the reporting currency) and convert it to the
 * reporting currency at the rate of DATE (NULL: no conversion needed unless
 * foreign, then an error).
 */
static enum at_status read_money(struct imp *im, int amount_f, const char *text, const char *date,
                                 int64_t *amount, char currency[CURRENCY_LEN], int64_t *amount_rc)
{
    int cf = F(im, "currency");
    const char *cur_text = fld(im, cf);
    char cur[CURRENCY_LEN] = "";
    if (cur_text) {
        char up[CURRENCY_LEN] = "";
        size_t n = strlen(cur_text);
        if (n == 3) {
            for (size_t i = 0; i < 3; i++)
                up[i] = (char)(cur_text[i] >= 'a' && cur_text[i] <= 'z' ? cur_text[i] - 32
                                                                        : cur_text[i]);
            up[3] = '\0';
        }
        if (strcmp(cur_text, "RMB") == 0 || strcmp(cur_text, "人民币") == 0 ||
            strcmp(cur_text, "元") == 0)
            snprintf(cur, sizeof cur, "CNY");
        else if (n == 3 && currency_valid(up))
            memcpy(cur, up, CURRENCY_LEN);
        else
            return row_error(im, cf, "\"%s\" is not a currency code (CNY, USD, EUR ...)", cur_text);
    }
    char sym[CURRENCY_LEN] = "";
    struct at_err e;
    if (!im->rc_exp) /* the reporting currency's exponent, + 1 (0: not read yet) */
        im->rc_exp = currency_exponent(im->app->currency) + 1;
    int exp = cur[0] ? currency_exponent(cur) : im->rc_exp - 1;
    if (!text) {
        *amount = 0;
    } else if (money_parse(text, exp, amount, sym, &e)) {
        return row_error(im, amount_f, "%s: \"%s\"", reason(im, &e), text);
    }
    if (sym[0] && cur[0] && strcmp(sym, cur) != 0)
        return row_error(im, amount_f, "amount \"%s\" is in %s but the currency column says %s",
                         text, sym, cur);
    if (!cur[0])
        copy_cut(cur, sizeof cur, sym[0] ? sym : im->app->currency,
                 strlen(sym[0] ? sym : im->app->currency));
    if (sym[0] && currency_exponent(sym) != exp && text &&
        money_parse(text, currency_exponent(sym), amount, sym, &e))
        return row_error(im, amount_f, "%s: \"%s\"", reason(im, &e), text);
    memcpy(currency, cur, CURRENCY_LEN);
    if (!money_summable(*amount))
        return row_error(im, amount_f,
                         "amount \"%s\" is too large to be summed exactly (at most %lld minor "
                         "units a row)",
                         text, (long long)money_max_summable());
    if (strcmp(cur, im->app->currency) == 0) {
        *amount_rc = *amount;
        return AT_OK;
    }
    if (!date)
        return row_error(im, amount_f, "%s amount needs a date to convert to %s", cur,
                         im->app->currency);
    int64_t rate;
    enum at_status st = store_rate_on(im->app->db, cur, date, &rate, &e);
    if (st == AT_NOT_FOUND)
        return row_error(im, amount_f, "%s; import rates first (attain import rates FILE)",
                         reason(im, &e));
    if (st)
        return fail(im, &e);
    if (!money_convert(*amount, currency_exponent(cur), rate, currency_exponent(im->app->currency),
                       amount_rc))
        return row_error(im, amount_f, "amount \"%s\" is too large", text);
    if (!money_summable(*amount_rc))
        return row_error(im, amount_f,
                         "amount \"%s\" is too large to be summed exactly in %s (at most %lld "
                         "minor units a row)",
                         text, im->app->currency, (long long)money_max_summable());
    return AT_OK;
}

/* ---- owners and split credit ------------------------------------------- */

struct owners {
    size_t n;
    int64_t ids[MAX_OWNERS];
    int32_t bp[MAX_OWNERS];
    char credit[MAX_OWNERS * 32]; /* "id:bp;id:bp" in id order, "" for one owner */
};

/* Split TEXT at ';' or '；' into OUT (trimmed, in place). */
static size_t split_list(char *text, char **out, size_t max)
{
    size_t n = 0;
    char *p = text;
    while (p && n < max) {
        char *semi = strstr(p, ";");
        char *wide = strstr(p, "；");
        char *next = NULL;
        if (wide && (!semi || wide < semi)) {
            *wide = '\0';
            next = wide + strlen("；");
        } else if (semi) {
            *semi = '\0';
            next = semi + 1;
        }
        out[n++] = str_trim(p);
        p = next;
    }
    return p ? max + 1 : n;
}

/* Resolve the owner field: one person, or "A:60%;B:40%" shares adding up to 100%. */
static enum at_status read_owners(struct imp *im, struct owners *o)
{
    o->n = 0;
    o->credit[0] = '\0';
    int f = F(im, "owner");
    char *text = fld(im, f);
    if (!text)
        return AT_OK;
    if (!strchr(text, ';') && !strstr(text, "；") && !(strchr(text, ':') && strchr(text, '%'))) {
        o->n = 1;
        o->bp[0] = 10000;
        return resolve_required(im, &im->people, text, f, "person", " (import people first)",
                                &o->ids[0]);
    }
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", text);
    char *parts[MAX_OWNERS];
    size_t n = split_list(copy, parts, MAX_OWNERS);
    if (n > MAX_OWNERS)
        return row_error(im, f, "more than %d owners in \"%s\"", MAX_OWNERS, text);
    int32_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*parts[i])
            continue;
        char *colon = strrchr(parts[i], ':');
        char *wide = strstr(parts[i], "：");
        char *share = NULL;
        if (colon) {
            *colon = '\0';
            share = colon + 1;
        } else if (wide) {
            *wide = '\0';
            share = wide + strlen("：");
        }
        if (!share)
            return row_error(im, f, "owner \"%s\" has no share; write A:60%%;B:40%%", parts[i]);
        struct at_err e;
        int32_t bp;
        if (percent_parse(str_trim(share), &bp, &e) || bp == 0)
            return row_error(im, f, "share \"%s\" of %s: %s", share, parts[i],
                             bp == 0 ? W(im, "must be above 0") : reason(im, &e));
        int64_t id;
        if (resolve_required(im, &im->people, str_trim(parts[i]), f, "person",
                             " (import people first)", &id))
            return AT_INVALID;
        for (size_t k = 0; k < o->n; k++)
            if (o->ids[k] == id)
                return row_error(im, f, "%s is named twice", parts[i]);
        o->ids[o->n] = id;
        o->bp[o->n] = bp;
        o->n++;
        total += bp;
    }
    if (total != 10000)
        return row_error(im, f, "shares add up to %d.%02d%%, not 100%%", total / 100, total % 100);
    /* Sort by person id so the same split always reads the same. */
    for (size_t i = 1; i < o->n; i++)
        for (size_t k = i; k > 0 && o->ids[k - 1] > o->ids[k]; k--) {
            int64_t ti = o->ids[k];
            int32_t tb = o->bp[k];
            o->ids[k] = o->ids[k - 1];
            o->bp[k] = o->bp[k - 1];
            o->ids[k - 1] = ti;
            o->bp[k - 1] = tb;
        }
    if (o->n > 1) {
        size_t len = 0;
        for (size_t i = 0; i < o->n; i++)
            len += (size_t)snprintf(o->credit + len, sizeof o->credit - len, "%s%lld:%d",
                                    i ? ";" : "", (long long)o->ids[i], o->bp[i]);
    }
    return AT_OK;
}

/* The primary owner (largest share) or 0. */
static int64_t owner_primary(const struct owners *o)
{
    size_t best = 0;
    for (size_t i = 1; i < o->n; i++)
        if (o->bp[i] > o->bp[best])
            best = i;
    return o->n ? o->ids[best] : 0;
}

static enum at_status write_splits(struct imp *im, enum store_table t, int64_t row_id,
                                   const struct owners *o, enum store_upsert_result r)
{
    size_t n = o->n > 1 ? o->n : 0;
    /* a new row has no splits to delete (store_delete_row deletes a row's) */
    if (r == STORE_UNCHANGED || (r == STORE_INSERTED && n == 0))
        return AT_OK;
    struct at_err e;
    if (store_set_splits(im->app->db, t, row_id, o->ids, o->bp, n, &e))
        return fail(im, &e);
    return AT_OK;
}

/* Optional unit reference (must exist). */
static enum at_status read_unit(struct imp *im, int64_t *unit_id)
{
    *unit_id = 0;
    int f = F(im, "unit");
    const char *t = fld(im, f);
    if (!t)
        return AT_OK;
    return resolve_required(im, &im->units, t, f, "unit", " (import units or people first)",
                            unit_id);
}

/* Optional customer reference (must exist). */
static enum at_status read_customer(struct imp *im, int64_t *customer_id)
{
    *customer_id = 0;
    int f = F(im, "customer");
    const char *t = fld(im, f);
    if (!t)
        return AT_OK;
    return resolve_required(im, &im->customers, t, f, "customer", " (import customers first)",
                            customer_id);
}

/* ---- units ------------------------------------------------------------- */

/* The path of unit ID, from the loaded lookup (NULL if unknown). Linear:
 * units are few and this runs only while importing units and people. */
static const char *unit_path(struct imp *im, int64_t id)
{
    for (size_t i = 0; i < im->units.alt.cap; i++) {
        const struct map_slot *s = &im->units.alt.slots[i];
        if (s->key && s->value == id)
            return s->key;
    }
    return NULL;
}

/*
 * The unit at PATH ("华东/上海/一组"), creating every missing level. The last
 * level takes external id LAST_EXT when given. Returns its id in *ID.
 */
static enum at_status ensure_path(struct imp *im, int f, const char *path, const char *last_ext,
                                  long line, int64_t *id)
{
    if (lookup_load(im, &im->units))
        return AT_DB;
    char norm[1024];
    size_t n = 0;
    char seg[256];
    int64_t parent = 0;
    const char *p = path;
    *id = 0;
    while (*p) {
        size_t k = 0;
        while (*p && *p != '/' && !str_starts_with(p, "／")) {
            if (k + 1 < sizeof seg)
                seg[k++] = *p;
            p++;
        }
        seg[k] = '\0';
        bool last = !*p;
        if (*p)
            p += *p == '/' ? 1 : strlen("／");
        if (!*str_trim(seg))
            return row_error(im, f, "unit path \"%s\" has an empty level", path);
        int w = snprintf(norm + n, sizeof norm - n, "%s%s", n ? "/" : "", str_trim(seg));
        if (w < 0 || (size_t)w >= sizeof norm - n)
            return row_error(im, f, "unit path \"%s\" is too long", path);
        n += (size_t)w;
        int64_t uid;
        if (map_get(&im->units.alt, norm, &uid)) {
            parent = uid;
            *id = uid;
            continue;
        }
        const char *ext = last && last_ext ? last_ext : norm;
        struct store_val v[COL_UNITS_COUNT];
        v[COL_UNITS_name] = text_val(str_trim(seg));
        v[COL_UNITS_parent_id] = id_val(parent);
        v[COL_UNITS_path] = text_val(norm);
        if (upsert(im, STORE_UNITS, ext, v, line, &uid, NULL))
            return AT_DB;
        lookup_add(&im->units, uid, ext, str_trim(seg), norm);
        parent = uid;
        *id = uid;
    }
    if (!*id)
        return row_error(im, f, "empty unit path");
    return AT_OK;
}

/* Resolve a unit named by id, path or name; a path or an unknown name is
 * created (people and units files build the tree). */
static enum at_status unit_or_create(struct imp *im, int f, const char *text, long line,
                                     int64_t *id)
{
    enum at_status st = resolve(im, &im->units, text, f, "unit", id);
    if (st != AT_NOT_FOUND)
        return st;
    return ensure_path(im, f, text, NULL, line, id);
}

/* ---- buffered kinds: units and people ---------------------------------- */

static void pend_add(struct imp *im)
{
    if (im->n_pend == im->cap_pend) {
        im->cap_pend = im->cap_pend ? im->cap_pend * 2 : 64;
        im->pend = xrealloc(im->pend, im->cap_pend * sizeof *im->pend);
    }
    struct pending *p = &im->pend[im->n_pend];
    memset(p, 0, sizeof *p);
    p->line = im->line;
    for (size_t f = 0; f < im->map.n_fields; f++) {
        const char *t = fld(im, (int)f);
        p->f[f] = t ? xstrdup(t) : NULL;
    }
    im->n_pend++;
}

/* Point the "current record" machinery at buffered row I, for messages. */
static void pend_select(struct imp *im, size_t i)
{
    im->line = im->pend[i].line;
    im->row_bad = false;
}

/* Register buffered rows under their keys (ext id, alternative key, name). */
static enum at_status pend_index(struct imp *im, int f_ext, int f_alt, int f_name, const char *what)
{
    for (size_t i = 0; i < im->n_pend; i++) {
        struct pending *p = &im->pend[i];
        pend_select(im, i);
        const char *ext =
            p->f[f_ext] ? p->f[f_ext] : (f_alt >= 0 && p->f[f_alt] ? p->f[f_alt] : p->f[f_name]);
        if (!ext)
            continue;
        int64_t j;
        if (map_get(&im->fext, ext, &j)) {
            row_error(im, p->f[f_ext] ? f_ext : f_name, "duplicate %s \"%s\" (first on line %ld)",
                      W(im, what), ext, im->pend[j].line);
            p->state = 3;
            continue;
        }
        map_put(&im->fext, ext, (int64_t)i);
        if (f_alt >= 0)
            key_put(&im->falt, p->f[f_alt], (int64_t)i);
        key_put(&im->fname, p->f[f_name], (int64_t)i);
    }
    return AT_OK;
}

/* Buffered row named TEXT (by ext id, alternative key, name): index or -1;
 * -2 when the name is shared by several rows. */
static int64_t pend_find(struct imp *im, const char *text)
{
    int64_t i;
    if (map_get(&im->fext, text, &i) || map_get(&im->falt, text, &i) ||
        map_get(&im->fname, text, &i))
        return i == AMBIGUOUS_ID ? -2 : i;
    return -1;
}

static enum at_status unit_insert(struct imp *im, size_t i);

/* Insert buffered unit row I (after its parent). */
static enum at_status unit_insert(struct imp *im, size_t i)
{
    struct pending *p = &im->pend[i];
    if (p->state == 2)
        return AT_OK;
    if (p->state == 3)
        return AT_INVALID;
    pend_select(im, i);
    int fid = F(im, "id"), fname = F(im, "name"), fparent = F(im, "parent"), fpath = F(im, "path");
    if (p->state == 1) {
        p->state = 3;
        return row_error(im, fparent, "unit \"%s\" is its own ancestor", p->f[fname]);
    }
    p->state = 1;
    enum at_status st = AT_OK;
    if (p->f[fpath]) {
        st = ensure_path(im, fpath, p->f[fpath], p->f[fid], p->line, &p->id);
    } else if (!p->f[fname]) {
        st = row_error(im, fname, "a unit needs a name or a path");
    } else {
        int64_t parent = 0;
        const char *parent_path = NULL;
        if (p->f[fparent]) {
            int64_t j = pend_find(im, p->f[fparent]);
            if (j == -2) {
                st = row_error(im, fparent, "parent \"%s\" is ambiguous; use its id or path",
                               p->f[fparent]);
            } else if (j >= 0) {
                st = unit_insert(im, (size_t)j);
                pend_select(im, i);
                if (st)
                    st = row_error(im, fparent, "parent \"%s\" (line %ld) is bad", p->f[fparent],
                                   im->pend[j].line);
                else
                    parent = im->pend[j].id;
            } else {
                st = unit_or_create(im, fparent, p->f[fparent], p->line, &parent);
            }
            if (!st)
                parent_path = unit_path(im, parent);
        }
        if (!st) {
            char path[1024];
            int w = snprintf(path, sizeof path, "%s%s%s", parent_path ? parent_path : "",
                             parent_path ? "/" : "", p->f[fname]);
            if (w < 0 || (size_t)w >= sizeof path)
                st = row_error(im, fname, "unit path too long");
            else if (strchr(p->f[fname], '/'))
                st = row_error(im, fname, "a unit name cannot contain '/'; use the path field");
            else {
                const char *ext = p->f[fid] ? p->f[fid] : path;
                struct store_val v[COL_UNITS_COUNT];
                v[COL_UNITS_name] = text_val(p->f[fname]);
                v[COL_UNITS_parent_id] = id_val(parent);
                v[COL_UNITS_path] = text_val(path);
                st = upsert(im, STORE_UNITS, ext, v, p->line, &p->id, NULL);
                if (!st)
                    lookup_add(&im->units, p->id, ext, p->f[fname], path);
            }
        }
    }
    p->state = st ? 3 : 2;
    return st;
}

static enum at_status units_finish(struct imp *im)
{
    pend_index(im, F(im, "id"), F(im, "path"), F(im, "name"), "unit");
    for (size_t i = 0; i < im->n_pend && !im->failed; i++)
        unit_insert(im, i);
    return AT_OK;
}

/* Insert buffered person row I (after its manager). */
static enum at_status person_insert(struct imp *im, size_t i)
{
    struct pending *p = &im->pend[i];
    if (p->state == 2)
        return AT_OK;
    if (p->state == 3)
        return AT_INVALID;
    pend_select(im, i);
    int fid = F(im, "id"), fname = F(im, "name"), fno = F(im, "employee_no"), funit = F(im, "unit"),
        fmgr = F(im, "manager"), femail = F(im, "email"), ftitle = F(im, "title"),
        fweight = F(im, "weight"), factive = F(im, "active"), fjoin = F(im, "join_date"),
        fleave = F(im, "leave_date");
    if (p->state == 1) {
        p->state = 3;
        return row_error(im, fmgr, "%s is in a management cycle", p->f[fname]);
    }
    p->state = 1;
    enum at_status st = AT_OK;
    struct at_err e;
    int64_t weight = 1000, unit = 0, manager = 0;
    bool active = true;
    if (!p->f[fname])
        st = row_error(im, fname, "a person needs a name");
    if (!st && p->f[fweight] && quantity_parse(p->f[fweight], &weight, &e))
        st = row_error(im, fweight, "capacity weight: %s: \"%s\"", reason(im, &e), p->f[fweight]);
    if (!st && weight < 0)
        st = row_error(im, fweight, "capacity weight cannot be negative");
    if (!st && p->f[factive] && bool_parse(p->f[factive], &active, &e))
        st = row_error(im, factive, "%s: \"%s\" (map it with --value active=%s:no)", reason(im, &e),
                       p->f[factive], p->f[factive]);
    int32_t join = 0, leave = 0;
    char join_text[CAL_DATE_LEN], leave_text[CAL_DATE_LEN];
    if (!st && p->f[fjoin] && parse_date_field(im, fjoin, p->f[fjoin], &join))
        st = AT_INVALID;
    if (!st && p->f[fleave] && parse_date_field(im, fleave, p->f[fleave], &leave))
        st = AT_INVALID;
    if (!st && join && leave && leave < join)
        st = row_error(im, fleave, "leave date %s is before the join date %s",
                       cal_format(leave, leave_text), cal_format(join, join_text));
    /* A leave date before today means the person has left, whatever the
     * status column says; a status that says active is a contradiction. */
    if (!st && leave && im->today && leave < im->today) {
        if (p->f[factive] && active)
            st = row_error(im, factive, "status \"%s\" says active but the person left on %s",
                           p->f[factive], cal_format(leave, leave_text));
        active = false;
    }
    if (!st && p->f[funit])
        st = unit_or_create(im, funit, p->f[funit], p->line, &unit);
    if (!st && p->f[fmgr]) {
        const char *m = p->f[fmgr];
        int64_t j = pend_find(im, m);
        if (j == -2) {
            st = row_error(im, fmgr, "manager \"%s\" is ambiguous; use the id or employee number",
                           m);
        } else if ((size_t)j == i) {
            st = row_error(im, fmgr, "%s cannot be their own manager", p->f[fname]);
        } else if (j >= 0) {
            st = person_insert(im, (size_t)j);
            pend_select(im, i);
            if (st)
                st = row_error(im, fmgr, "manager \"%s\" (line %ld) is bad", m, im->pend[j].line);
            else
                manager = im->pend[j].id;
        } else {
            st = resolve(im, &im->people, m, fmgr, "manager", &manager);
            if (st == AT_NOT_FOUND && map_get(&im->auto_people, m, &manager))
                st = AT_OK;
            if (st == AT_NOT_FOUND) {
                /* A manager no row names: created in the same unit. */
                struct store_val v[COL_PEOPLE_COUNT];
                for (int k = 0; k < COL_PEOPLE_COUNT; k++)
                    v[k] = text_val(NULL);
                v[COL_PEOPLE_name] = text_val(m);
                v[COL_PEOPLE_unit_id] = id_val(unit);
                v[COL_PEOPLE_weight_milli] = int_val(1000);
                v[COL_PEOPLE_active] = int_val(1);
                st = upsert(im, STORE_PEOPLE, m, v, p->line, &manager, NULL);
                if (!st) {
                    map_put(&im->auto_people, m, manager);
                    lookup_add(&im->people, manager, m, m, NULL);
                }
            }
        }
    }
    if (!st) {
        const char *ext = p->f[fid] ? p->f[fid] : p->f[fno] ? p->f[fno] : p->f[fname];
        struct store_val v[COL_PEOPLE_COUNT];
        v[COL_PEOPLE_name] = text_val(p->f[fname]);
        v[COL_PEOPLE_employee_no] = text_val(p->f[fno]);
        v[COL_PEOPLE_unit_id] = id_val(unit);
        v[COL_PEOPLE_manager_id] = id_val(manager);
        v[COL_PEOPLE_email] = text_val(p->f[femail]);
        v[COL_PEOPLE_title] = text_val(p->f[ftitle]);
        v[COL_PEOPLE_weight_milli] = int_val(weight);
        v[COL_PEOPLE_active] = int_val(active);
        v[COL_PEOPLE_join_date] = text_val(join ? cal_format(join, join_text) : NULL);
        v[COL_PEOPLE_leave_date] = text_val(leave ? cal_format(leave, leave_text) : NULL);
        st = upsert(im, STORE_PEOPLE, ext, v, p->line, &p->id, NULL);
        if (!st)
            lookup_add(&im->people, p->id, ext, p->f[fname], p->f[fno]);
    }
    p->state = st ? 3 : 2;
    return st;
}

static enum at_status people_finish(struct imp *im)
{
    if (lookup_load(im, &im->people))
        return AT_DB;
    pend_index(im, F(im, "id"), F(im, "employee_no"), F(im, "name"), "person");
    for (size_t i = 0; i < im->n_pend && !im->failed; i++)
        person_insert(im, i);
    return AT_OK;
}

/* ---- cycles in the stored org ------------------------------------------- */

/* The stored tree of people (by manager) or units (by parent), in id order. */
struct org_node {
    int64_t id, up;
    char *name;
    int state; /* 0 unseen, 1 on the current walk, 2 done */
};

struct org_tree {
    struct org_node *nodes;
    size_t n, cap;
    int id_col, up_col, name_col;
};

static enum at_status org_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    struct org_tree *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->nodes = xrealloc(t->nodes, t->cap * sizeof *t->nodes);
    }
    t->nodes[t->n++] = (struct org_node){
        .id = row->i[t->id_col],
        .up = row->null[t->up_col] ? 0 : row->i[t->up_col],
        .name = xstrdup(row->null[t->name_col] ? "?" : row->s[t->name_col]),
    };
    return AT_OK;
}

static struct org_node *org_find(struct org_tree *t, int64_t id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->nodes[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->nodes[lo].id == id ? &t->nodes[lo] : NULL;
}

/* The line of the buffered row written as ID (0 when no row of this file). */
static long pend_line_of(struct imp *im, int64_t id)
{
    for (size_t i = 0; i < im->n_pend; i++)
        if (im->pend[i].state == 2 && im->pend[i].id == id)
            return im->pend[i].line;
    return 0;
}

/*
 * After a people or units file is written (inside its transaction), walk the
 * whole stored org: a chain of managers (or parents) that comes back to where
 * it started is refused, naming every member. Files alone are checked while
 * they are read; this finds the cycles two imports make together (A manages B
 * in one file, B manages A in the next).
 */
/* Σ|amount| of the rows this import read, per money table (saturating). */
static void money_seen(struct imp *im, enum store_table t, int64_t amount_rc)
{
    int64_t a = amount_rc < 0 ? -amount_rc : amount_rc;
    if (__builtin_add_overflow(im->money_read[t], a, &im->money_read[t]))
        im->money_read[t] = INT64_MAX;
}

static const enum store_table money_tables[] = {STORE_ORDER_LINES, STORE_PAYMENTS, STORE_DEALS,
                                                STORE_MARKETS};

/* The total of table T as the last import left it ("money_total:TABLE" in
 * meta: "TOKEN TOTAL", a bound no less than Σ|amount_rc|), when it is of the
 * data as it was before this import (the data token then). */
static bool money_cached(struct imp *im, enum store_table t, int64_t *total)
{
    char key[64], v[96], token[40];
    long long sum;
    snprintf(key, sizeof key, "money_total:%s", store_table_name(t));
    struct at_err e = {AT_OK, ""};
    return im->token_before[0] && db_meta_get(im->app->db, key, v, sizeof v, &e) == AT_OK &&
           sscanf(v, "%39s %lld", token, &sum) == 2 && strcmp(token, im->token_before) == 0 &&
           sum >= 0 && (*total = sum, true);
}

/* Every sum the engine makes of a kind of amount stays exact (×10^4 in 64
 * bits) when the sum of all of them does: refuse the import that would break
 * that, whole, rather than answer wrongly later. A table this import wrote
 * nothing new to (no row inserted or updated) keeps the total it had: it is
 * not summed again. Nor is one whose total the last import recorded for the
 * data as it is now, when that total plus every amount this import read
 * stays within bounds (an upper bound: updated rows' old amounts are still
 * counted, removed rows' too): a small import (POST /api/ingest in
 * particular) does not read the whole table. Only importers write amounts. */
static enum at_status check_money_totals(struct imp *im, struct at_err *err)
{
    for (size_t i = 0; i < sizeof money_tables / sizeof *money_tables; i++) {
        enum store_table t = money_tables[i];
        const struct import_count *c = &im->rep->counts[t];
        int64_t total, bound;
        if (money_cached(im, t, &total)) {
            im->money_known[t] = true;
            im->money_total[t] = total;
        }
        if (!c->inserted && !c->updated)
            continue;
        if (im->money_known[t] &&
            !__builtin_add_overflow(im->money_total[t], im->money_read[t], &bound) &&
            bound <= money_max_summable()) {
            im->money_total[t] = bound;
            continue;
        }
        bool fits;
        enum at_status st = store_money_total(im->app->db, t, &total, &fits, err);
        if (st)
            return st;
        if (!fits || total > money_max_summable())
            return at_err_set(
                err, AT_INVALID,
                import_msg(im->app->req.lang,
                           "%s: with this file the %s amounts would add up beyond what is "
                           "summed exactly (%lld minor units of %s in all); nothing was "
                           "imported"),
                im->file, store_table_name(t), (long long)money_max_summable(), im->app->currency);
        im->money_known[t] = true;
        im->money_total[t] = total;
    }
    return AT_OK;
}

/* After store_touch: the totals known, under the new data token. */
static enum at_status money_record(struct imp *im, struct at_err *err)
{
    char token[40] = "";
    struct at_err e = {AT_OK, ""};
    if (db_meta_get(im->app->db, "data_token", token, sizeof token, &e) != AT_OK)
        return AT_OK;
    for (size_t i = 0; i < sizeof money_tables / sizeof *money_tables; i++) {
        enum store_table t = money_tables[i];
        if (!im->money_known[t])
            continue;
        char key[64], v[96];
        snprintf(key, sizeof key, "money_total:%s", store_table_name(t));
        snprintf(v, sizeof v, "%s %lld", token, (long long)im->money_total[t]);
        enum at_status st = db_meta_set(im->app->db, key, v, err);
        if (st)
            return st;
    }
    return AT_OK;
}

static enum at_status check_org_cycles(struct imp *im, bool people)
{
    struct org_tree t = {0};
    if (people)
        t = (struct org_tree){.id_col = 0, .up_col = 2, .name_col = 4};
    else
        t = (struct org_tree){.id_col = 0, .up_col = 1, .name_col = 2};
    struct at_err e;
    enum at_status st = store_feed(im->app->db, people ? FEED_PEOPLE : FEED_UNITS, org_row, &t, &e);
    if (st) {
        fail(im, &e);
    } else {
        for (size_t i = 0; i < t.n; i++) {
            if (t.nodes[i].state)
                continue;
            struct org_node *n = &t.nodes[i];
            while (n && n->state == 0) { /* walk up, marking the walk */
                n->state = 1;
                n = n->up ? org_find(&t, n->up) : NULL;
            }
            if (n && n->state == 1) { /* came back to this walk: a cycle through N */
                struct buf names;
                buf_init(&names, 0);
                buf_puts(&names, n->name);
                long line = pend_line_of(im, n->id);
                for (struct org_node *c = org_find(&t, n->up); c; c = org_find(&t, c->up)) {
                    buf_printf(&names, " → %s", c->name);
                    if (!line)
                        line = pend_line_of(im, c->id);
                    if (c == n)
                        break;
                }
                im->line = line;
                im->row_bad = false;
                row_error(im, F(im, people ? "manager" : "parent"),
                          people ? "management cycle: %s (with what is already stored)"
                                 : "unit cycle: %s (with what is already stored)",
                          buf_str(&names));
                buf_free(&names);
            }
            /* mark this walk done */
            for (n = &t.nodes[i]; n && n->state == 1; n = n->up ? org_find(&t, n->up) : NULL)
                n->state = 2;
        }
    }
    for (size_t i = 0; i < t.n; i++)
        free(t.nodes[i].name);
    free(t.nodes);
    return st;
}

/* ---- --replace ----------------------------------------------------------- */

struct replace_row {
    int64_t id;
    char *label;
};

struct replace_scan {
    struct imp *im;
    enum store_table table;
    struct replace_row *rows;
    size_t n, cap;
};

/* Keep the stored rows this file did not write. */
static enum at_status replace_row_cb(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    struct replace_scan *rs = ctx;
    char key[40];
    int64_t v;
    snprintf(key, sizeof key, "%d:%lld", (int)rs->table, (long long)row->i[0]);
    if (map_get(&rs->im->touched, key, &v))
        return AT_OK;
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 64;
        rs->rows = xrealloc(rs->rows, rs->cap * sizeof *rs->rows);
    }
    rs->rows[rs->n++] = (struct replace_row){row->i[0], xstrdup(row->null[1] ? "?" : row->s[1])};
    return AT_OK;
}

/* The stored tables an import of KIND writes (order lines before orders). */
static size_t kind_tables(enum import_kind kind, enum store_table out[2])
{
    static const enum store_table one[IMPORT_KIND_COUNT] = {
        [IMPORT_UNITS] = STORE_UNITS,           [IMPORT_PEOPLE] = STORE_PEOPLE,
        [IMPORT_CUSTOMERS] = STORE_CUSTOMERS,   [IMPORT_DEALS] = STORE_DEALS,
        [IMPORT_ORDERS] = STORE_ORDERS,         [IMPORT_PAYMENTS] = STORE_PAYMENTS,
        [IMPORT_ACTIVITIES] = STORE_ACTIVITIES, [IMPORT_SURVEYS] = STORE_SURVEYS,
        [IMPORT_MARKETS] = STORE_MARKETS,       [IMPORT_HOLIDAYS] = STORE_HOLIDAYS,
        [IMPORT_RATES] = STORE_RATES,
    };
    if ((unsigned)kind >= IMPORT_KIND_COUNT)
        return 0;
    if (kind == IMPORT_ORDERS) {
        out[0] = STORE_ORDER_LINES;
        out[1] = STORE_ORDERS;
        return 2;
    }
    out[0] = one[kind];
    return 1;
}

/*
 * Make the stored rows of the kind (dated in --period, when given) equal the
 * file: every row the file did not write is removed, with its order lines and
 * split credits. A row other rows refer to is not removed: the import is
 * refused naming them. Runs inside the import's transaction.
 */
static enum at_status replace_missing(struct imp *im, struct at_err *err)
{
    enum store_table tables[2];
    size_t n_tables = kind_tables(im->opt->kind, tables);
    const char *start = im->replace_start[0] ? im->replace_start : NULL;
    enum at_status st = AT_OK;
    struct buf refused;
    buf_init(&refused, 0);
    long n_refused = 0;
    struct replace_scan scans[2] = {{0}};
    for (size_t k = 0; !st && k < n_tables; k++) {
        scans[k] = (struct replace_scan){.im = im, .table = tables[k]};
        st = store_replace_scan(im->app->db, tables[k], start, im->replace_end, replace_row_cb,
                                &scans[k], err);
        for (size_t i = 0; !st && i < scans[k].n; i++) {
            int64_t refs;
            st = store_row_refs(im->app->db, tables[k], scans[k].rows[i].id, &refs, err);
            if (!st && refs > 0 && n_refused++ < 10)
                buf_printf(&refused, "%s%s (%lld row%s)", refused.len ? ", " : "",
                           scans[k].rows[i].label, (long long)refs, refs == 1 ? "" : "s");
        }
    }
    if (!st && n_refused) {
        if (n_refused > 10)
            buf_printf(&refused, import_msg(im->app->req.lang, " and %ld more"), n_refused - 10);
        st = at_err_set(err, AT_CONFLICT,
                        import_msg(im->app->req.lang,
                                   "%s: --replace would remove %ld %s that other rows refer "
                                   "to: %s; nothing was changed"),
                        im->file, n_refused, import_kind_label(im->opt->kind, im->app->req.lang),
                        buf_str(&refused));
    }
    for (size_t k = 0; !st && k < n_tables; k++)
        for (size_t i = 0; !st && i < scans[k].n; i++) {
            st = store_delete_row(im->app->db, tables[k], scans[k].rows[i].id, err);
            if (!st)
                im->rep->counts[tables[k]].removed++;
        }
    for (size_t k = 0; k < n_tables; k++) {
        for (size_t i = 0; i < scans[k].n; i++)
            free(scans[k].rows[i].label);
        free(scans[k].rows);
    }
    buf_free(&refused);
    return st;
}

/* ---- streamed kinds ---------------------------------------------------- */

/* Normalise a tag list "a, b；c" to "a;b;c" in OUT. */
static void tags_normalize(const char *text, char *out, size_t size)
{
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *c = copy; *c; c++)
        if (*c == ',')
            *c = ';';
    char *parts[64];
    size_t n = split_list(copy, parts, 64);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 64; i++)
        if (*parts[i] && len < size)
            len += (size_t)snprintf(out + len, size - len, "%s%s", len ? ";" : "", parts[i]);
}

/* A writer limited to a unit (import_options.unit_limit, an ingest token's
 * unit): the row's unit and every person it credits must lie in that unit or
 * below it; else a row error (nothing of the file is written). */
static enum at_status check_limit(struct imp *im, const struct owners *o, int64_t unit)
{
    if (!im->opt->unit_limit)
        return AT_OK;
    if (lookup_load(im, &im->units) || lookup_load(im, &im->people))
        return AT_DB;
    const char *lim = unit_path(im, im->opt->unit_limit);
    if (!lim)
        return row_error(im, F(im, "owner"),
                         "this token's unit no longer exists: it writes no row");
    if (unit && !path_within(unit_path(im, unit), lim))
        return row_error(im, F(im, "unit"), "unit %s is outside %s, the unit this token may write",
                         unit_path(im, unit) ? unit_path(im, unit) : "?", lim);
    if (!o->n && !unit)
        return row_error(im, F(im, "owner"),
                         "a row without an owner or unit is outside %s, the unit this token may "
                         "write",
                         lim);
    for (size_t k = 0; k < o->n; k++) {
        const struct person_info *p = NULL;
        for (size_t i = 0; i < im->n_pinfo && !p; i++)
            if (im->pinfo[i].id == o->ids[k])
                p = &im->pinfo[i];
        if (!p || !path_within(p->unit_path, lim))
            return row_error(im, F(im, "owner"), "%s is outside %s, the unit this token may write",
                             p && p->name ? p->name : "the owner", lim);
    }
    return AT_OK;
}

static enum at_status row_customer(struct imp *im)
{
    int fid = F(im, "id"), fname = F(im, "name"), ftags = F(im, "tags");
    const char *name = fld(im, fname);
    if (!name)
        return row_error(im, fname, "a customer needs a name");
    const char *ext = fld(im, fid) ? fld(im, fid) : name;
    if (check_duplicate(im, fld(im, fid) ? fid : fname, "customer", ext))
        return AT_INVALID;
    struct owners o;
    int64_t unit;
    char created[CAL_DATE_LEN], tags[1024];
    struct store_val v[COL_CUSTOMERS_COUNT];
    if (read_owners(im, &o) || read_unit(im, &unit) ||
        opt_date(im, "created", created, &v[COL_CUSTOMERS_created]))
        return AT_INVALID;
    if (o.n > 1)
        return row_error(im, F(im, "owner"), "a customer has one owner");
    const char *t = fld(im, ftags);
    if (t)
        tags_normalize(t, tags, sizeof tags);
    v[COL_CUSTOMERS_name] = text_val(name);
    v[COL_CUSTOMERS_segment] = text_val(fld(im, F(im, "segment")));
    v[COL_CUSTOMERS_region] = text_val(fld(im, F(im, "region")));
    v[COL_CUSTOMERS_industry] = text_val(fld(im, F(im, "industry")));
    v[COL_CUSTOMERS_tags] = text_val(t ? tags : NULL);
    v[COL_CUSTOMERS_owner_id] = id_val(owner_primary(&o));
    v[COL_CUSTOMERS_unit_id] = id_val(unit);
    int64_t id;
    if (upsert(im, STORE_CUSTOMERS, ext, v, im->line, &id, NULL))
        return AT_DB;
    lookup_add(&im->customers, id, ext, name, NULL);
    return AT_OK;
}

static enum at_status row_deal(struct imp *im)
{
    int fid = F(im, "id"), fstage = F(im, "stage"), fstatus = F(im, "status"),
        fprob = F(im, "probability"), famount = F(im, "amount"), fclosed = F(im, "closed");
    const char *ext = fld(im, fid);
    if (!ext)
        return row_error(im, fid, "a deal needs an id");
    if (check_duplicate(im, fid, "deal", ext))
        return AT_INVALID;
    struct owners o;
    int64_t unit, customer;
    struct store_val v[COL_DEALS_COUNT];
    char created[CAL_DATE_LEN], expected[CAL_DATE_LEN], closed[CAL_DATE_LEN];
    if (read_owners(im, &o) || read_unit(im, &unit) || check_limit(im, &o, unit) ||
        read_customer(im, &customer) || opt_date(im, "created", created, &v[COL_DEALS_created]) ||
        opt_date(im, "expected_close", expected, &v[COL_DEALS_expected_close]) ||
        opt_date(im, "closed", closed, &v[COL_DEALS_closed]))
        return AT_INVALID;
    const char *stage = fld(im, fstage), *status_text = fld(im, fstatus);
    enum deal_status status = stage ? stage_status(stage) : DEAL_OPEN;
    struct at_err e;
    if (status_text && deal_status_parse(status_text, &status, &e))
        return row_error(im, fstatus, "%s: \"%s\"; map it with --value status=%s:won",
                         reason(im, &e), status_text, status_text);
    /* One "close date" column is the expected close of an open deal and the
     * actual close of a won or lost one (as Salesforce and Zoho export it). */
    if (status == DEAL_OPEN && v[COL_DEALS_closed].type == SV_TEXT) {
        if (v[COL_DEALS_expected_close].type == SV_NULL)
            v[COL_DEALS_expected_close] = text_val(closed);
        v[COL_DEALS_closed] = text_val(NULL);
    }
    /* A won or lost deal without its close date is refused: taking the
     * expected close instead would put the deal in a period it may not belong
     * to. --won-without-close=expected asks for that rule explicitly. */
    if (status != DEAL_OPEN && v[COL_DEALS_closed].type == SV_NULL) {
        if (v[COL_DEALS_expected_close].type == SV_NULL || !im->opt->closed_from_expected)
            return row_error(im, fclosed, "a %s deal needs its close date%s",
                             W(im, deal_status_name(status)),
                             v[COL_DEALS_expected_close].type == SV_NULL
                                 ? ""
                                 : W(im, " (to take the expected close date, import with "
                                         "--won-without-close=expected)"));
        v[COL_DEALS_closed] = v[COL_DEALS_expected_close];
    }
    /* no probability in the file: none stored (counts 0 in a weighted
     * pipeline, docs/metrics.md) — a won deal's 100 % is not known before it
     * was won */
    int32_t prob = 0;
    bool has_prob = false;
    const char *pt = fld(im, fprob);
    if (pt) {
        if (percent_parse(pt, &prob, &e))
            return row_error(im, fprob, "%s: \"%s\"", reason(im, &e), pt);
        has_prob = true;
    }
    int64_t amount, amount_rc;
    char currency[CURRENCY_LEN];
    const char *date = v[COL_DEALS_closed].type == SV_TEXT    ? v[COL_DEALS_closed].s
                       : v[COL_DEALS_created].type == SV_TEXT ? v[COL_DEALS_created].s
                                                              : NULL;
    if (read_money(im, famount, fld(im, famount), date, &amount, currency, &amount_rc))
        return AT_INVALID;
    money_seen(im, STORE_DEALS, amount_rc);
    v[COL_DEALS_name] = text_val(fld(im, F(im, "name")));
    v[COL_DEALS_customer_id] = id_val(customer);
    v[COL_DEALS_owner_id] = id_val(owner_primary(&o));
    v[COL_DEALS_unit_id] = id_val(unit);
    v[COL_DEALS_credit] = text_val(o.credit[0] ? o.credit : NULL);
    v[COL_DEALS_product] = text_val(fld(im, F(im, "product")));
    v[COL_DEALS_amount] = int_val(amount);
    v[COL_DEALS_currency] = text_val(currency);
    v[COL_DEALS_amount_rc] = int_val(amount_rc);
    v[COL_DEALS_stage] = text_val(stage);
    v[COL_DEALS_status] = text_val(deal_status_name(status));
    v[COL_DEALS_probability_bp] = has_prob ? int_val(prob) : text_val(NULL);
    int64_t id;
    enum store_upsert_result r;
    if (upsert(im, STORE_DEALS, ext, v, im->line, &id, &r))
        return AT_DB;
    return write_splits(im, STORE_DEALS, id, &o, r);
}

/* The customer of an order row: an existing one, or one created from the
 * customer fields the row carries. */
static enum at_status order_customer(struct imp *im, int64_t *id)
{
    *id = 0;
    int fc = F(im, "customer"), fcn = F(im, "customer_name");
    const char *ref = fld(im, fc), *name = fld(im, fcn);
    if (!ref && !name)
        return AT_OK;
    const char *key = ref ? ref : name;
    enum at_status st = resolve(im, &im->customers, key, ref ? fc : fcn, "customer", id);
    if (st != AT_NOT_FOUND)
        return st;
    const char *segment = fld(im, F(im, "segment")), *region = fld(im, F(im, "region")),
               *industry = fld(im, F(im, "industry"));
    if (!name && !segment && !region && !industry)
        return row_error(im, fc,
                         "unknown customer \"%s\" (import customers first, or give the "
                         "customer's name and segment in this file)",
                         key);
    struct store_val v[COL_CUSTOMERS_COUNT];
    for (int k = 0; k < COL_CUSTOMERS_COUNT; k++)
        v[k] = text_val(NULL);
    v[COL_CUSTOMERS_name] = text_val(name ? name : key);
    v[COL_CUSTOMERS_segment] = text_val(segment);
    v[COL_CUSTOMERS_region] = text_val(region);
    v[COL_CUSTOMERS_industry] = text_val(industry);
    if (upsert(im, STORE_CUSTOMERS, key, v, im->line, id, NULL))
        return AT_DB;
    lookup_add(&im->customers, *id, key, name ? name : key, NULL);
    return AT_OK;
}

/* The number of line text T when it is a plain decimal (no sign, no leading
 * zero, at most 9 digits), else -1. */
static long plain_line_number(const char *t)
{
    long n = 0;
    size_t k = 0;
    for (; t[k]; k++) {
        if (t[k] < '0' || t[k] > '9' || k >= 9 || (k == 1 && t[0] == '0'))
            return -1;
        n = n * 10 + (t[k] - '0');
    }
    return k ? n : -1;
}

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* The first line of KEY in the line set, or 0 after adding it with LINE. */
static long line_seen(struct imp *im, uint64_t key, long line)
{
    if ((im->line_count + 1) * 2 >= im->line_cap) {
        size_t cap = im->line_cap ? im->line_cap * 2 : 4096;
        struct line_slot *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < im->line_cap; i++) {
            if (!im->line_set[i].key)
                continue;
            size_t j = mix64(im->line_set[i].key) & (cap - 1);
            while (t[j].key)
                j = (j + 1) & (cap - 1);
            t[j] = im->line_set[i];
        }
        free(im->line_set);
        im->line_set = t;
        im->line_cap = cap;
    }
    size_t j = mix64(key) & (im->line_cap - 1);
    for (; im->line_set[j].key; j = (j + 1) & (im->line_cap - 1))
        if (im->line_set[j].key == key)
            return im->line_set[j].first;
    im->line_set[j] = (struct line_slot){key, line};
    im->line_count++;
    return 0;
}

static enum at_status row_order(struct imp *im)
{
    int fid = F(im, "id"), fline = F(im, "line"), fdate = F(im, "date"), famount = F(im, "amount"),
        fqty = F(im, "quantity");
    const char *ext = fld(im, fid), *date_text = fld(im, fdate);
    if (!ext)
        return row_error(im, fid, "an order line needs its order id");
    if (!date_text)
        return row_error(im, fdate, "an order needs a date");
    int32_t day;
    if (parse_date_field(im, fdate, date_text, &day))
        return AT_INVALID;
    char date[CAL_DATE_LEN];
    cal_format(day, date);
    struct owners o;
    int64_t unit, customer;
    if (read_owners(im, &o) || read_unit(im, &unit) || check_limit(im, &o, unit) ||
        order_customer(im, &customer))
        return AT_INVALID;
    int64_t amount, amount_rc, qty = 0;
    char currency[CURRENCY_LEN];
    const char *at = fld(im, famount);
    if (!at)
        return row_error(im, famount, "an order line needs an amount");
    if (read_money(im, famount, at, date, &amount, currency, &amount_rc))
        return AT_INVALID;
    money_seen(im, STORE_ORDER_LINES, amount_rc);
    const char *qt = fld(im, fqty);
    struct at_err e;
    if (qt && quantity_parse(qt, &qty, &e))
        return row_error(im, fqty, "%s: \"%s\"", reason(im, &e), qt);

    /* The order header: written at its first line, then checked. */
    int64_t hi;
    struct order_head *h;
    bool known = false;
    if (im->last_head && strcmp(im->last_ext, ext) == 0) { /* lines of one order together */
        hi = im->last_head - 1;
        known = true;
    } else { /* a new order takes the next head's index (pushed below) */
        known = map_get_or_put(&im->head_of, ext, (int64_t)im->n_heads, &hi);
    }
    if (known) {
        h = &im->heads[hi];
        if (h->date != day)
            return row_error(im, fdate, "order %s has date %s here but another on line %ld", ext,
                             date, h->line);
        if (h->customer_id != customer)
            return row_error(im, F(im, "customer"), "order %s has another customer on line %ld",
                             ext, h->line);
        if (h->owner_id != owner_primary(&o) || h->unit_id != unit)
            return row_error(im, o.n ? F(im, "owner") : F(im, "unit"),
                             "order %s is credited differently on line %ld", ext, h->line);
        if (strcmp(h->currency, currency) != 0)
            return row_error(im, F(im, "currency"), "order %s is in %s on line %ld", ext,
                             h->currency, h->line);
    } else {
        struct store_val v[COL_ORDERS_COUNT];
        v[COL_ORDERS_date] = text_val(date);
        v[COL_ORDERS_customer_id] = id_val(customer);
        v[COL_ORDERS_owner_id] = id_val(owner_primary(&o));
        v[COL_ORDERS_unit_id] = id_val(unit);
        v[COL_ORDERS_credit] = text_val(o.credit[0] ? o.credit : NULL);
        v[COL_ORDERS_currency] = text_val(currency);
        int64_t id;
        enum store_upsert_result r;
        if (upsert(im, STORE_ORDERS, ext, v, im->line, &id, &r) ||
            write_splits(im, STORE_ORDERS, id, &o, r))
            return AT_DB;
        if (im->n_heads == im->cap_heads) {
            im->cap_heads = im->cap_heads ? im->cap_heads * 2 : 1024;
            im->heads = xrealloc(im->heads, im->cap_heads * sizeof *im->heads);
        }
        hi = (int64_t)im->n_heads++;
        h = &im->heads[hi];
        *h = (struct order_head){.id = id,
                                 .date = day,
                                 .customer_id = customer,
                                 .owner_id = owner_primary(&o),
                                 .unit_id = unit,
                                 .line = im->line};
        memcpy(h->currency, currency, CURRENCY_LEN);
    }
    size_t ext_len = strlen(ext);
    if (ext_len < sizeof im->last_ext) {
        memcpy(im->last_ext, ext, ext_len + 1);
        im->last_head = hi + 1;
    } else {
        im->last_head = 0;
    }
    h->n_lines++;
    char line_id[64], line_ext[512];
    const char *lt = fld(im, fline);
    if (lt)
        copy_cut(line_id, sizeof line_id, lt, strlen(lt));
    else
        format_long(line_id, h->n_lines);
    { /* "EXT#LINE", cut to the buffer as snprintf would */
        size_t n = copy_cut(line_ext, sizeof line_ext - 1, ext, ext_len);
        line_ext[n++] = '#';
        copy_cut(line_ext + n, sizeof line_ext - n, line_id, strlen(line_id));
    }
    long number = lt ? plain_line_number(lt) : -1;
    long first = 0;
    if (number >= 0 && !h->in_set) {
        if (number == h->run_max + 1 && (!h->run_max || im->line == h->run_last + 1)) {
            if (!h->run_max)
                h->run_first = im->line;
            h->run_max = number;
            h->run_last = im->line;
            number = -2; /* new */
        } else if (number >= 1 && number <= h->run_max) {
            first = h->run_first + number - 1;
        } else { /* out of the run: its lines go to the set */
            for (long k = 1; k <= h->run_max; k++)
                line_seen(im, ((uint64_t)hi << 32 | (uint64_t)k) + 1, h->run_first + k - 1);
            h->in_set = true;
        }
    }
    if (number >= 0) {
        if (!first)
            first = line_seen(im, ((uint64_t)hi << 32 | (uint64_t)number) + 1, im->line);
        if (first)
            return row_error(im, fline, "duplicate %s \"%s\" (first on line %lld)",
                             W(im, "order line"), line_ext, (long long)first);
    } else if (number == -1 && lt && check_duplicate(im, fline, "order line", line_ext)) {
        return AT_INVALID;
    }
    struct store_val v[COL_ORDER_LINES_COUNT];
    v[COL_ORDER_LINES_order_id] = int_val(h->id);
    v[COL_ORDER_LINES_line] = text_val(line_id);
    v[COL_ORDER_LINES_product] = text_val(fld(im, F(im, "product")));
    v[COL_ORDER_LINES_quantity_milli] = qt ? int_val(qty) : text_val(NULL);
    v[COL_ORDER_LINES_amount] = int_val(amount);
    v[COL_ORDER_LINES_amount_rc] = int_val(amount_rc);
    int64_t id;
    return upsert(im, STORE_ORDER_LINES, line_ext, v, im->line, &id, NULL);
}

/* The external id of a row that may have none: the id column or a content key. */
static const char *row_key(struct imp *im, const char *what, char *buf, size_t size)
{
    int fid = F(im, "id");
    const char *id = fld(im, fid);
    if (id) {
        if (check_duplicate(im, fid, what, id))
            return NULL;
        return id;
    }
    content_key(im, buf, size);
    return buf;
}

/* The required "date" field into OUT. */
static enum at_status req_date(struct imp *im, const char *what, char out[CAL_DATE_LEN])
{
    bool present;
    return read_date(im, F(im, "date"), what, out, &present);
}

static enum at_status row_payment(struct imp *im)
{
    char keybuf[64], date[CAL_DATE_LEN];
    const char *ext = row_key(im, "payment", keybuf, sizeof keybuf);
    if (!ext || req_date(im, "a payment", date))
        return AT_INVALID;
    struct owners o;
    int64_t unit, customer, order = 0;
    if (read_owners(im, &o) || read_unit(im, &unit) || check_limit(im, &o, unit) ||
        read_customer(im, &customer))
        return AT_INVALID;
    int ford = F(im, "order"), famount = F(im, "amount");
    const char *ot = fld(im, ford);
    if (ot &&
        resolve_required(im, &im->orders, ot, ford, "order", " (import orders first)", &order))
        return AT_INVALID;
    const char *at = fld(im, famount);
    if (!at)
        return row_error(im, famount, "a payment needs an amount");
    int64_t amount, amount_rc;
    char currency[CURRENCY_LEN];
    if (read_money(im, famount, at, date, &amount, currency, &amount_rc))
        return AT_INVALID;
    money_seen(im, STORE_PAYMENTS, amount_rc);
    struct store_val v[COL_PAYMENTS_COUNT];
    v[COL_PAYMENTS_date] = text_val(date);
    v[COL_PAYMENTS_customer_id] = id_val(customer);
    v[COL_PAYMENTS_owner_id] = id_val(owner_primary(&o));
    v[COL_PAYMENTS_unit_id] = id_val(unit);
    v[COL_PAYMENTS_credit] = text_val(o.credit[0] ? o.credit : NULL);
    v[COL_PAYMENTS_order_id] = id_val(order);
    v[COL_PAYMENTS_amount] = int_val(amount);
    v[COL_PAYMENTS_currency] = text_val(currency);
    v[COL_PAYMENTS_amount_rc] = int_val(amount_rc);
    int64_t id;
    enum store_upsert_result r;
    if (upsert(im, STORE_PAYMENTS, ext, v, im->line, &id, &r))
        return AT_DB;
    return write_splits(im, STORE_PAYMENTS, id, &o, r);
}

/* Activity type words, en and zh. */
static const char *activity_type(const char *t)
{
    static const struct {
        const char *word, *type;
    } words[] = {
        {"visit", "visit"},      {"visits", "visit"},    {"拜访", "visit"},
        {"上门拜访", "visit"},   {"客户拜访", "visit"},  {"面访", "visit"},
        {"外勤", "visit"},       {"call", "call"},       {"calls", "call"},
        {"phone", "call"},       {"phone call", "call"}, {"电话", "call"},
        {"通话", "call"},        {"电话拜访", "call"},   {"meeting", "meeting"},
        {"meetings", "meeting"}, {"会议", "meeting"},    {"会面", "meeting"},
        {"email", "email"},      {"e-mail", "email"},    {"mail", "email"},
        {"邮件", "email"},       {"电子邮件", "email"},  {"other", "other"},
        {"task", "other"},       {"其他", "other"},      {"其它", "other"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (str_casecmp(t, words[i].word) == 0)
            return words[i].type;
    return NULL;
}

static enum at_status row_activity(struct imp *im)
{
    char keybuf[64], date[CAL_DATE_LEN];
    const char *ext = row_key(im, "activity", keybuf, sizeof keybuf);
    if (!ext || req_date(im, "an activity", date))
        return AT_INVALID;
    int ft = F(im, "type");
    const char *tt = fld(im, ft);
    if (!tt)
        return row_error(im, ft, "an activity needs a type (visit call meeting email other)");
    const char *type = activity_type(tt);
    if (!type)
        return row_error(im, ft,
                         "unknown activity type \"%s\" (visit call meeting email other; "
                         "拜访 电话 会议 邮件 其他); map it with --value type=%s:visit",
                         tt, tt);
    struct owners o;
    int64_t customer;
    if (read_owners(im, &o) || check_limit(im, &o, 0) || read_customer(im, &customer))
        return AT_INVALID;
    if (o.n > 1)
        return row_error(im, F(im, "owner"), "an activity has one owner");
    struct store_val v[COL_ACTIVITIES_COUNT];
    v[COL_ACTIVITIES_type] = text_val(type);
    v[COL_ACTIVITIES_date] = text_val(date);
    v[COL_ACTIVITIES_owner_id] = id_val(owner_primary(&o));
    v[COL_ACTIVITIES_customer_id] = id_val(customer);
    v[COL_ACTIVITIES_note] = text_val(fld(im, F(im, "note")));
    int64_t id;
    return upsert(im, STORE_ACTIVITIES, ext, v, im->line, &id, NULL);
}

static enum at_status row_survey(struct imp *im)
{
    char keybuf[64], date[CAL_DATE_LEN];
    const char *ext = row_key(im, "survey", keybuf, sizeof keybuf);
    if (!ext || req_date(im, "a survey", date))
        return AT_INVALID;
    int fs = F(im, "score"), fscale = F(im, "scale");
    const char *st = fld(im, fs), *sct = fld(im, fscale);
    int64_t score, scale;
    if (!st)
        return row_error(im, fs, "a survey needs a score");
    if (!str_to_i64(st, &score) || score < 0)
        return row_error(im, fs, "score \"%s\" is not a whole number 0 or above", st);
    if (sct) {
        if (!str_to_i64(sct, &scale) || scale <= 0)
            return row_error(im, fscale, "scale \"%s\" is not a whole number above 0", sct);
    } else {
        scale = score > 5 ? 10 : 5;
    }
    if (score > scale)
        return row_error(im, fs, "score %lld is above the scale %lld", (long long)score,
                         (long long)scale);
    struct owners o;
    int64_t unit, customer;
    if (read_owners(im, &o) || read_unit(im, &unit) || check_limit(im, &o, unit) ||
        read_customer(im, &customer))
        return AT_INVALID;
    if (o.n > 1)
        return row_error(im, F(im, "owner"), "a survey has one owner");
    struct store_val v[COL_SURVEYS_COUNT];
    v[COL_SURVEYS_date] = text_val(date);
    v[COL_SURVEYS_customer_id] = id_val(customer);
    v[COL_SURVEYS_owner_id] = id_val(owner_primary(&o));
    v[COL_SURVEYS_unit_id] = id_val(unit);
    v[COL_SURVEYS_score] = int_val(score);
    v[COL_SURVEYS_scale] = int_val(scale);
    int64_t id;
    return upsert(im, STORE_SURVEYS, ext, v, im->line, &id, NULL);
}

static enum at_status row_market(struct imp *im)
{
    int fu = F(im, "unit"), fp = F(im, "period"), fa = F(im, "amount");
    const char *ut = fld(im, fu), *pt = fld(im, fp), *at = fld(im, fa);
    if (!ut)
        return row_error(im, fu, "a market size needs a unit");
    if (!pt)
        return row_error(im, fp, "a market size needs a period");
    if (!at)
        return row_error(im, fa, "a market size needs an amount");
    int64_t unit;
    if (resolve_required(im, &im->units, ut, fu, "unit", " (import units or people first)", &unit))
        return AT_INVALID;
    struct period p;
    struct at_err e;
    if (period_parse(pt, im->today, im->app->fiscal_start_month, &p, &e))
        return row_error(im, fp, "%s", reason(im, &e));
    char canon[PERIOD_TEXT_MAX], start[CAL_DATE_LEN], end[CAL_DATE_LEN], ext[64];
    period_format(&p, canon);
    cal_format(p.start, start);
    cal_format(p.end, end);
    int64_t amount, amount_rc;
    char currency[CURRENCY_LEN];
    if (read_money(im, fa, at, start, &amount, currency, &amount_rc))
        return AT_INVALID;
    money_seen(im, STORE_MARKETS, amount_rc);
    snprintf(ext, sizeof ext, "%lld|%s", (long long)unit, canon);
    if (check_duplicate(im, fp, "market size for this unit and period", ext))
        return AT_INVALID;
    struct store_val v[COL_MARKETS_COUNT];
    v[COL_MARKETS_unit_id] = int_val(unit);
    v[COL_MARKETS_period] = text_val(canon);
    v[COL_MARKETS_start_date] = text_val(start);
    v[COL_MARKETS_end_date] = text_val(end);
    v[COL_MARKETS_amount] = int_val(amount);
    v[COL_MARKETS_currency] = text_val(currency);
    v[COL_MARKETS_amount_rc] = int_val(amount_rc);
    int64_t id;
    return upsert(im, STORE_MARKETS, ext, v, im->line, &id, NULL);
}

static enum at_status row_holiday(struct imp *im)
{
    char date[CAL_DATE_LEN];
    if (req_date(im, "a holiday", date))
        return AT_INVALID;
    int fk = F(im, "kind");
    const char *kt = fld(im, fk);
    const char *kind = "holiday";
    if (kt) {
        static const char *const work[] = {"workday", "work", "working",  "make-up", "makeup", "班",
                                           "上班",    "补班", "调休上班", "工作日",  NULL};
        static const char *const off[] = {"holiday", "off",    "休",   "假",   "休息",
                                          "假日",    "节假日", "放假", "休假", NULL};
        kind = NULL;
        for (int i = 0; work[i] && !kind; i++)
            if (str_casecmp(kt, work[i]) == 0)
                kind = "workday";
        for (int i = 0; off[i] && !kind; i++)
            if (str_casecmp(kt, off[i]) == 0)
                kind = "holiday";
        if (!kind)
            return row_error(im, fk,
                             "kind \"%s\" is neither holiday (休) nor workday (班); map it with "
                             "--value kind=%s:holiday",
                             kt, kt);
    }
    if (check_duplicate(im, F(im, "date"), "date", date))
        return AT_INVALID;
    struct store_val v[COL_HOLIDAYS_COUNT];
    v[COL_HOLIDAYS_date] = text_val(date);
    v[COL_HOLIDAYS_kind] = text_val(kind);
    v[COL_HOLIDAYS_name] = text_val(fld(im, F(im, "name")));
    int64_t id;
    return upsert(im, STORE_HOLIDAYS, date, v, im->line, &id, NULL);
}

static enum at_status row_rate(struct imp *im)
{
    char date[CAL_DATE_LEN], ext[64];
    if (req_date(im, "a rate", date))
        return AT_INVALID;
    int fc = F(im, "currency"), fr = F(im, "rate");
    const char *ct = fld(im, fc), *rt = fld(im, fr);
    if (!ct || !currency_valid(ct))
        return row_error(im, fc, "\"%s\" is not a currency code (USD, EUR ...)", ct ? ct : "");
    if (strcmp(ct, im->app->currency) == 0)
        return row_error(im, fc, "%s is the reporting currency; it needs no rate", ct);
    int64_t rate;
    struct at_err e;
    if (!rt)
        return row_error(im, fr, "a rate is needed");
    if (decimal_parse(rt, 8, &rate, &e) || rate <= 0)
        return row_error(im, fr, "rate \"%s\": %s", rt,
                         rate <= 0 ? W(im, "must be above 0") : reason(im, &e));
    snprintf(ext, sizeof ext, "%s|%s", ct, date);
    if (check_duplicate(im, F(im, "date"), "rate for this currency and date", ext))
        return AT_INVALID;
    struct store_val v[COL_RATES_COUNT];
    v[COL_RATES_currency] = text_val(ct);
    v[COL_RATES_date] = text_val(date);
    v[COL_RATES_rate_e8] = int_val(rate);
    int64_t id;
    return upsert(im, STORE_RATES, ext, v, im->line, &id, NULL);
}

/* ---- driving ----------------------------------------------------------- */

static double elapsed(const struct imp *im)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - im->started.tv_sec) +
           (double)(now.tv_nsec - im->started.tv_nsec) / 1e9;
}

static void progress(struct imp *im, bool done)
{
    if (!im->opt->progress || im->file_size < (8 << 20))
        return;
    if (!done && im->rep->rows % 65536 != 0)
        return;
    int pct = done ? 100 : (int)(im->rec->offset * 100 / (im->file_size ? im->file_size : 1));
    if (pct > 100)
        pct = 100;
    char bar[41];
    memset(bar, '#', (size_t)pct * 40 / 100);
    memset(bar + pct * 40 / 100, '.', 40 - (size_t)pct * 40 / 100);
    bar[40] = '\0';
    fprintf(stderr, import_msg(im->app->req.lang, "\r%s [%s] %3d%% %ld rows %s"), im->file, bar,
            pct, im->rep->rows, done ? "\n" : "");
    fflush(stderr);
}

/* Under zh, mapping_resolve's "no column for required field" error in
 * Chinese (the mapping names no other language); true when rewritten. */
static bool i18n_required_missing(struct imp *im, struct at_err *err)
{
    const char *lang = im->app->req.lang;
    if (!lang || strcmp(lang, "zh") != 0 || !strstr(err->msg, "no column for required field"))
        return false;
    size_t n;
    const struct field_def *fields = mapping_fields(im->opt->kind, &n);
    for (size_t f = 0; f < n; f++) {
        if (!fields[f].required || im->map.column[f] >= 0)
            continue;
        struct buf list;
        buf_init(&list, 0);
        for (size_t c = 0; c < im->n_headers; c++)
            buf_printf(&list, "%s%s", c ? ", " : "", im->headers[c][0] ? im->headers[c] : "\"\"");
        at_err_set(err, AT_INVALID, "%s：没有必需字段\"%s\"的列（表头：%s）；用 --map %s=表头 指定",
                   import_kind_label(im->opt->kind, lang), fields[f].name, buf_str(&list),
                   fields[f].name);
        buf_free(&list);
        return true;
    }
    return false;
}

static enum at_status on_header(struct imp *im, const struct csv_record *rec, struct at_err *err)
{
    im->n_headers = rec->n_fields;
    im->headers = xcalloc(rec->n_fields, sizeof *im->headers);
    for (size_t i = 0; i < rec->n_fields; i++)
        im->headers[i] = xstrdup(str_trim(rec->fields[i]));
    enum at_status st =
        mapping_resolve(im->opt->kind, (const char *const *)im->headers, im->n_headers,
                        im->map_text.len ? buf_str(&im->map_text) : NULL, &im->map, err);
    if (st && i18n_required_missing(im, err))
        st = err->status;
    if (st)
        return at_err_prefix(err, "%s:%ld: ", im->file, rec->line);
    size_t n_defs;
    const struct field_def *defs = mapping_fields(im->map.kind, &n_defs);
    im->rep->columns = xcalloc(im->n_headers ? im->n_headers : 1, sizeof *im->rep->columns);
    im->rep->n_columns = im->n_headers;
    for (size_t c = 0; c < im->n_headers; c++) {
        bool used = false;
        const char *field = "";
        for (size_t f = 0; f < im->map.n_fields; f++)
            if (im->map.column[f] == (int)c) {
                if (!used && f < n_defs)
                    field = defs[f].name;
                used = true;
            }
        im->rep->columns[c] = (struct import_column){xstrdup(im->headers[c]), field};
        if (!used && im->headers[c][0])
            buf_printf(&im->rep->ignored, "%s%s", im->rep->ignored.len ? ", " : "", im->headers[c]);
    }
    im->have_header = true;
    return AT_OK;
}

/* Trim cell S in place (str_trim) once per record, so fld reads it as it is:
 * most cells start and end with neither a space nor a byte that may end one
 * (U+00A0, U+3000) and need no scan. */
static void trim_cell(char *s)
{
    unsigned char a = (unsigned char)s[0];
    if (!a)
        return;
    unsigned char z = (unsigned char)s[strlen(s) - 1];
    bool edge = a <= ' ' || a == 0xC2 || a == 0xE3 || z <= ' ' || z == 0xA0 || z == 0x80;
    if (edge)
        str_trim(s);
}

static enum at_status on_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct imp *im = ctx;
    im->rec = rec;
    im->line = rec->line;
    im->row_bad = false;
    if (!im->have_header)
        return on_header(im, rec, err);
    im->rep->rows++;
    progress(im, false);
    for (size_t c = 0; c < rec->n_fields; c++)
        trim_cell(rec->fields[c]);
    switch (im->opt->kind) {
    case IMPORT_UNITS:
    case IMPORT_PEOPLE:
        pend_add(im);
        break;
    case IMPORT_CUSTOMERS:
        row_customer(im);
        break;
    case IMPORT_DEALS:
        row_deal(im);
        break;
    case IMPORT_ORDERS:
        row_order(im);
        break;
    case IMPORT_PAYMENTS:
        row_payment(im);
        break;
    case IMPORT_ACTIVITIES:
        row_activity(im);
        break;
    case IMPORT_SURVEYS:
        row_survey(im);
        break;
    case IMPORT_MARKETS:
        row_market(im);
        break;
    case IMPORT_HOLIDAYS:
        row_holiday(im);
        break;
    case IMPORT_RATES:
        row_rate(im);
        break;
    case IMPORT_KIND_COUNT:
        break;
    }
    if (im->failed) {
        *err = im->fatal;
        return err->status;
    }
    return AT_OK;
}

void import_report_init(struct import_report *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->errors, 0);
    buf_init(&r->ignored, 0);
}

void import_report_free(struct import_report *r)
{
    buf_free(&r->errors);
    buf_free(&r->ignored);
    for (size_t i = 0; i < r->n_columns; i++)
        free(r->columns[i].column);
    free(r->columns);
    for (size_t i = 0; i < r->n_row_errors; i++) {
        free(r->row_errors[i].column);
        free(r->row_errors[i].message);
    }
    free(r->row_errors);
    memset(r, 0, sizeof *r);
}

static void imp_free(struct imp *im)
{
    for (size_t i = 0; i < im->n_headers; i++)
        free(im->headers[i]);
    free(im->headers);
    lookup_free(&im->units);
    lookup_free(&im->people);
    lookup_free(&im->customers);
    lookup_free(&im->orders);
    map_free(&im->seen);
    map_free(&im->content);
    map_free(&im->head_of);
    free(im->line_set);
    map_free(&im->fext);
    map_free(&im->falt);
    map_free(&im->fname);
    map_free(&im->auto_people);
    free(im->heads);
    for (size_t i = 0; i < im->n_pend; i++)
        for (size_t f = 0; f < MAPPING_MAX_FIELDS; f++)
            free(im->pend[i].f[f]);
    free(im->pend);
    map_free(&im->err_kind);
    map_free(&im->touched);
    map_free(&im->cust_owner);
    for (size_t i = 0; i < im->n_pinfo; i++) {
        free(im->pinfo[i].name);
        free(im->pinfo[i].employee_no);
        free(im->pinfo[i].unit_path);
    }
    free(im->pinfo);
    for (size_t g = 0; g < im->n_groups; g++)
        buf_free(&im->groups[g].lines);
    free(im->groups);
    value_map_free(&im->values);
    buf_free(&im->map_text);
}

enum at_status app_import(struct app *app, const struct import_options *opt,
                          struct import_report *report, struct at_err *err)
{
    struct imp im = {.app = app, .opt = opt, .rep = report};
    im.file = opt->path ? opt->path : "-";
    const char *slash = strrchr(im.file, '/');
    im.source = slash ? slash + 1 : im.file;
    im.today = opt->today;
    im.units.table = STORE_UNITS;
    im.people.table = STORE_PEOPLE;
    im.customers.table = STORE_CUSTOMERS;
    im.orders.table = STORE_ORDERS;
    /* a small file (a webhook's post, a day's orders) asks the store for the
     * customers and orders it names; a large one reads every key once */
    {
        struct stat sb;
        long long size = opt->data ? (long long)opt->size
                         : opt->path && strcmp(opt->path, "-") != 0 && !stat(opt->path, &sb)
                             ? (long long)sb.st_size
                             : -1;
        im.small = size >= 0 && size < IMPORT_SMALL_BYTES;
        im.large = size >= IMPORT_BULK_BYTES;
    }
    clock_gettime(CLOCK_MONOTONIC, &im.started);
    enum at_status st = AT_OK;
    value_map_init(&im.values, opt->kind);
    buf_init(&im.map_text, 0);
    if (opt->date_format && date_order_parse(opt->date_format, &im.date_order, err)) {
        imp_free(&im);
        return at_err_prefix(err, "--date-format: ");
    }
    if (opt->mapping_file &&
        (st = mapping_file_read(opt->mapping_file, &im.map_text, &im.values, err))) {
        imp_free(&im);
        return st;
    }
    if (opt->map)
        buf_printf(&im.map_text, "%s%s", im.map_text.len ? "," : "", opt->map);
    if (opt->period && !opt->replace) {
        imp_free(&im);
        return at_err_set(err, AT_INVALID,
                          import_msg(app->req.lang, "--period goes with --replace"));
    }
    if (opt->period) {
        struct period p;
        enum store_table tables[2];
        size_t n_tables = kind_tables(opt->kind, tables);
        if (!n_tables || !store_table_dated(tables[n_tables - 1])) {
            imp_free(&im);
            return at_err_set(
                err, AT_INVALID,
                import_msg(app->req.lang, "--period: %s have no date; --replace them whole"),
                import_kind_label(opt->kind, app->req.lang));
        }
        if (period_parse(opt->period, im.today, app->fiscal_start_month, &p, err)) {
            imp_free(&im);
            return at_err_prefix(err, "--period %s: ", opt->period);
        }
        cal_format(p.start, im.replace_start);
        cal_format(p.end, im.replace_end);
    }

    for (size_t i = 0; i < opt->n_values; i++) {
        if ((st = value_map_add(&im.values, opt->values[i], err))) {
            imp_free(&im);
            return st;
        }
    }
    if (opt->kind == IMPORT_PAYMENTS && lookup_load(&im, &im.orders)) {
        *err = im.fatal;
        imp_free(&im);
        return err->status;
    }
    /* waiting writers read who holds the lock (db_set_writer) */
    char label[300];
    snprintf(label, sizeof label, "import %s %.250s", import_kind_name(opt->kind), im.source);
    db_set_writer(app->db, label);
    /* a large file of rows whose references the import resolves itself (not
     * units or people, buffered and linked to each other) and no deletes */
    if (im.large && !opt->replace && opt->kind != IMPORT_UNITS && opt->kind != IMPORT_PEOPLE)
        store_bulk_unchecked(app->db);
    st = db_begin(app->db, err);
    if (st) {
        imp_free(&im);
        return st;
    }
    {
        struct at_err e = {AT_OK, ""};
        if (db_meta_get(app->db, "data_token", im.token_before, sizeof im.token_before, &e))
            im.token_before[0] = '\0';
    }
    /* the same file and options as the last import of the kind, nothing
     * changed since: every row unchanged, none read (import_skip.h) */
    bool skipped = false;
    if ((st = import_skip_begin(app, opt, im.source, im.replace_start, im.replace_end, report,
                                &skipped, err)) ||
        skipped) {
        if (st)
            db_rollback(app->db);
        imp_free(&im);
        return st;
    }
    /* a large file: one "everything changed" in the engine's change log
     * instead of a trigger per row (readers rebuild after so many rows) */
    if (!st && im.large && !opt->dry_run)
        st = store_changes_bulk(app->db, err);
    /* ... and into a table smaller than the file, its plain indexes made
     * again at the end (a line is some 50 bytes: the file's rows, roughly) */
    if (!st && im.large && !opt->dry_run && !opt->replace) {
        enum store_table written[2];
        size_t n_written = kind_tables(opt->kind, written);
        struct stat sb;
        int64_t rows = opt->data                            ? (int64_t)opt->size / 64
                       : opt->path && !stat(opt->path, &sb) ? (int64_t)sb.st_size / 64
                                                            : 0;
        for (size_t k = 0; !st && k < n_written; k++)
            st = store_bulk_indexes(app->db, written[k], rows, err);
    }
    struct csv_options co = {.encoding = opt->encoding, .delimiter = 0, .lang = app->req.lang};
    struct csv_info info = {0};
    if (opt->data)
        st = csv_read_buffer(opt->data, opt->size, im.file, &co, on_record, &im, &info, err);
    else
        st = csv_read(im.file, &co, on_record, &im, &info, err);
    im.file_size = info.file_size;
    if (!st && !im.have_header)
        st =
            at_err_set(err, AT_INVALID,
                       import_msg(app->req.lang, "%s: the file is empty (no header row)"), im.file);
    if (!st && opt->kind == IMPORT_UNITS)
        st = units_finish(&im);
    if (!st && opt->kind == IMPORT_PEOPLE)
        st = people_finish(&im);
    if (!st && !im.failed && !report->n_errors &&
        (opt->kind == IMPORT_UNITS || opt->kind == IMPORT_PEOPLE))
        check_org_cycles(&im, opt->kind == IMPORT_PEOPLE);
    if (!st && im.failed) {
        *err = im.fatal;
        st = err->status;
    }
    snprintf(report->encoding, sizeof report->encoding, "%s", info.encoding);
    report->delimiter = info.delimiter;
    if (!st && !report->n_errors && !im.failed && opt->replace)
        st = replace_missing(&im, err);
    if (!st && !report->n_errors && !im.failed)
        st = check_money_totals(&im, err);
    errors_render(&im);
    if (!st && report->n_errors)
        st = at_err_set(err, AT_INVALID,
                        import_msg(app->req.lang, "%s: %ld bad row%s; nothing was imported "
                                                  "(%ld kind%s of problem)"),
                        im.file, report->n_errors, report->n_errors == 1 ? "" : "s",
                        report->n_error_kinds, report->n_error_kinds == 1 ? "" : "s");
    if (!st) {
        long ins = 0, upd = 0, same = 0, gone = 0;
        for (int t = 0; t < STORE_TABLE_COUNT; t++) {
            ins += report->counts[t].inserted;
            upd += report->counts[t].updated;
            same += report->counts[t].unchanged;
            gone += report->counts[t].removed;
        }
        st = store_log_import(app->db, import_kind_name(opt->kind), im.source, report->rows, ins,
                              upd, same, err);
        if (!st)
            st = store_changes_bulk_end(app->db, err);
        if (!st && (ins || upd || gone))
            st = store_touch(app->db, err);
        if (!st && (ins || upd || gone) && !opt->dry_run)
            st = money_record(&im, err);
    }
    if (!st && opt->hold_ms > 0) {
        struct timespec hold = {opt->hold_ms / 1000, (long)(opt->hold_ms % 1000) * 1000000L};
        nanosleep(&hold, NULL);
    }
    if (!st && !opt->dry_run) {
        st = db_commit(app->db, err);
        report->written = st == AT_OK;
        if (report->written)
            app_engine_refresh(app); /* a server's shared engine catches up now */
        if (report->written && opt->kind == IMPORT_HOLIDAYS) { /* read the calendar again */
            free(app->holidays.days);
            app->holidays.days = NULL;
            app->holidays.n_days = 0;
            app->holidays_loaded = false;
        }
    }
    if (st || opt->dry_run)
        db_rollback(app->db);
    if (st == AT_DB || st == AT_IO) /* the store failed (a full disk, a file size limit) */
        at_err_prefix(err, import_msg(app->req.lang, "%s: nothing was imported: "), im.file);
    progress(&im, true);
    report->seconds = elapsed(&im);
    imp_free(&im);
    return st;
}
