/* test_cli_table.c — the command table is sorted, unique and documented; the
 * option parser refuses what it does not know; the renderer aligns CJK text,
 * shows typed cells (money, counts, ratios, scores) localized in en and zh, and
 * writes tables to files and to standard output (XLSX included). */
#define _XOPEN_SOURCE 700 /* posix_openpt: a terminal for the XLSX refusal */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "domain/display.h"
#include "cli/opts.h"
#include "cli/render.h"

static void test_table_sorted_documented(void **state)
{
    (void)state;
    size_t n = 0;
    for (const struct command *c = commands; c->name; c++, n++) {
        if (c != commands)
            assert_true(strcmp(c[-1].name, c->name) < 0);
        assert_non_null(c->run);
        assert_non_null(strstr(c->synopsis, c->name));
        assert_true(strlen(c->summary_en) > 5);
        assert_true(strlen(c->summary_zh) > 3);
        assert_true(strlen(c->help) > 10);
        assert_ptr_equal(command_find(c->name), c);
    }
    assert_true(n >= 8);
    assert_null(command_find("nope"));
}

static void test_opts(void **state)
{
    (void)state;
    const char *map = NULL, *fmt = NULL;
    bool dry = false;
    /* designated: struct opt_spec grows fields (repeatable options) */
    struct opt_spec specs[] = {{.name = "--map", .value = &map},
                               {.name = "--format", .value = &fmt},
                               {.name = "--dry-run", .flag = &dry},
                               {.name = NULL}};
    char *argv[] = {"orders", "--map", "a=B", "f.csv", "--format=json", "--dry-run"};
    char *pos[2];
    int n;
    struct at_err err;
    assert_int_equal(opts_parse("import", 6, argv, specs, pos, 2, &n, &err), AT_OK);
    assert_int_equal(n, 2);
    assert_string_equal(pos[1], "f.csv");
    assert_string_equal(map, "a=B");
    assert_string_equal(fmt, "json");
    assert_true(dry);
    char *bad[] = {"--mapp", "x"};
    assert_int_equal(opts_parse("import", 2, bad, specs, pos, 2, &n, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "unknown option --mapp"));
    char *missing[] = {"--map"};
    assert_int_equal(opts_parse("import", 1, missing, specs, pos, 2, &n, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "needs a value"));
    char *flagval[] = {"--dry-run=yes"};
    assert_int_equal(opts_parse("import", 1, flagval, specs, pos, 2, &n, &err), AT_INVALID);
    char *many[] = {"a", "b", "c"};
    assert_int_equal(opts_parse("import", 3, many, specs, pos, 2, &n, &err), AT_INVALID);
    char *neg[] = {"-5"};
    assert_int_equal(opts_parse("period", 1, neg, specs, pos, 2, &n, &err), AT_OK);
    assert_string_equal(pos[0], "-5");
}

static void test_render_cjk(void **state)
{
    (void)state;
    const char *cols[] = {"name", "amount"};
    struct table t;
    table_init(&t, 2, cols);
    t.right[1] = true;
    const char *r1[] = {"张三", "12.00"};
    const char *r2[] = {"Bob", "1234.50"};
    table_add_row(&t, r1);
    table_add_row(&t, r2);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    table_print(&t, FMT_TABLE, 0, f);
    fclose(f);
    assert_string_equal(text, "name   amount\n"
                              "----  -------\n"
                              "张三    12.00\n"
                              "Bob   1234.50\n");
    free(text);
    f = open_memstream(&text, &size);
    table_print(&t, FMT_CSV, 0, f);
    fclose(f);
    assert_string_equal(text, "name,amount\n张三,12.00\nBob,1234.50\n");
    free(text);
    f = open_memstream(&text, &size);
    table_print(&t, FMT_JSON, 0, f);
    fclose(f);
    assert_non_null(strstr(text, "\"name\": \"张三\""));
    free(text);
    table_free(&t);
}

static void test_format_parse(void **state)
{
    (void)state;
    enum out_format f = FMT_TABLE;
    struct at_err err;
    assert_int_equal(out_format_parse("xlsx", &f, &err), AT_OK);
    assert_int_equal(f, FMT_XLSX);
    assert_int_equal(out_format_parse("json", &f, &err), AT_OK);
    assert_int_equal(f, FMT_JSON);
    assert_int_equal(out_format_parse("xls", &f, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "table, csv, json or xlsx"));
}

/* cell_display: kind, cell, currency, lang -> what people see. */
static const struct {
    enum value_kind kind;
    const char *cell, *currency, *lang, *want;
} display_cases[] = {
    /* money, en */
    {VK_MONEY, "1234.50", "CNY", "en", "¥1,234.50"},
    {VK_MONEY, "-1234.50", "CNY", "en", "-¥1,234.50"},
    {VK_MONEY, "1234.5", "CNY", "en", "¥1,234.50"},
    {VK_MONEY, "0", "CNY", "en", "¥0.00"},
    {VK_MONEY, "0.00", "CNY", "en", "¥0.00"},
    {VK_MONEY, "-0.00", "CNY", "en", "¥0.00"},
    {VK_MONEY, "-0.50", "CNY", "en", "-¥0.50"},
    {VK_MONEY, "100", "CNY", "en", "¥100.00"},
    {VK_MONEY, "999", "CNY", "en", "¥999.00"},
    {VK_MONEY, "1000", "CNY", "en", "¥1,000.00"},
    {VK_MONEY, "1234567.891", "CNY", "en", "¥1,234,567.89"},
    {VK_MONEY, "0.005", "CNY", "en", "¥0.01"},
    {VK_MONEY, "0.004999", "CNY", "en", "¥0.00"},
    {VK_MONEY, "-0.005", "CNY", "en", "-¥0.01"},
    {VK_MONEY, "-0.004", "CNY", "en", "¥0.00"},
    {VK_MONEY, "999.995", "CNY", "en", "¥1,000.00"},
    {VK_MONEY, "12345678.90", "CNY", "en", "¥12,345,678.90"},
    {VK_MONEY, "1234.50", NULL, NULL, "¥1,234.50"},
    {VK_MONEY, "1234.50", "", "en", "¥1,234.50"},
    {VK_MONEY, "1234.50", "USD", "en", "$1,234.50"},
    {VK_MONEY, "-1000000", "USD", "en", "-$1,000,000.00"},
    {VK_MONEY, "1234.5", "EUR", "en", "€1,234.50"},
    {VK_MONEY, "12", "GBP", "en", "£12.00"},
    {VK_MONEY, "1234.50", "BRL", "en", "1,234.50 BRL"},
    {VK_MONEY, "-0.5", "BRL", "en", "-0.50 BRL"},
    {VK_MONEY, "1234", "JPY", "en", "¥1,234"},
    {VK_MONEY, "1234.50", "JPY", "en", "¥1,235"},
    {VK_MONEY, "-1234.4", "JPY", "en", "-¥1,234"},
    {VK_MONEY, "0", "JPY", "en", "¥0"},
    {VK_MONEY, "1.5", "KWD", "en", "1.500 KWD"},
    {VK_MONEY, "", "CNY", "en", "—"},
    {VK_MONEY, NULL, "CNY", "en", "—"},
    {VK_MONEY, "n/a", "CNY", "en", "n/a"},
    {VK_MONEY, "1e5", "CNY", "en", "1e5"},
    /* money, zh: 万 from 1万, 亿 from 1亿, the unit chosen after rounding */
    {VK_MONEY, "0", "CNY", "zh", "¥0.00"},
    {VK_MONEY, "1234.50", "CNY", "zh", "¥1,234.50"},
    {VK_MONEY, "9999.99", "CNY", "zh", "¥9,999.99"},
    {VK_MONEY, "-9999.99", "CNY", "zh", "-¥9,999.99"},
    {VK_MONEY, "9999.995", "CNY", "zh", "¥1.00万"},
    {VK_MONEY, "10000.00", "CNY", "zh", "¥1.00万"},
    {VK_MONEY, "10000", "CNY", "zh", "¥1.00万"},
    {VK_MONEY, "123456.78", "CNY", "zh", "¥12.35万"},
    {VK_MONEY, "123449.99", "CNY", "zh", "¥12.34万"},
    {VK_MONEY, "123450.00", "CNY", "zh", "¥12.35万"},
    {VK_MONEY, "-123450.00", "CNY", "zh", "-¥12.35万"},
    {VK_MONEY, "99994999.99", "CNY", "zh", "¥9,999.50万"},
    {VK_MONEY, "99999949.99", "CNY", "zh", "¥9,999.99万"},
    {VK_MONEY, "99999950.00", "CNY", "zh", "¥1.00亿"},
    {VK_MONEY, "99999999.99", "CNY", "zh", "¥1.00亿"},
    {VK_MONEY, "100000000.00", "CNY", "zh", "¥1.00亿"},
    {VK_MONEY, "123456789.00", "CNY", "zh", "¥1.23亿"},
    {VK_MONEY, "-125000000", "CNY", "zh", "-¥1.25亿"},
    {VK_MONEY, "1234567890123.45", "CNY", "zh", "¥12,345.68亿"},
    {VK_MONEY, "123456.78", "USD", "zh", "$12.35万"},
    {VK_MONEY, "123456.78", "BRL", "zh", "12.35万 BRL"},
    {VK_MONEY, "9999", "JPY", "zh", "¥9,999"},
    {VK_MONEY, "12345", "JPY", "zh", "¥1.23万"},
    {VK_MONEY, "12350", "JPY", "zh", "¥1.24万"},
    {VK_MONEY, "", "CNY", "zh", "—"},
    /* counts */
    {VK_COUNT, "12345", NULL, "en", "12,345"},
    {VK_COUNT, "12345", NULL, "zh", "12,345"},
    {VK_COUNT, "0.6", NULL, "en", "0.6"},
    /* a count with a fraction (an expected or forecast count) shows one decimal */
    {VK_COUNT, "1234567.25", NULL, "en", "1,234,567.3"},
    {VK_COUNT, "75.0565", NULL, "zh", "75.1"},
    {VK_COUNT, "2532.6752", NULL, "zh", "2,532.7"},
    {VK_COUNT, "14.5161", NULL, "en", "14.5"},
    {VK_COUNT, "0.04", NULL, "en", "0.0"},
    {VK_COUNT, "0", NULL, "en", "0"},
    {VK_COUNT, "-3", NULL, "en", "-3"},
    {VK_COUNT, "999", NULL, "en", "999"},
    {VK_COUNT, "1000", NULL, "en", "1,000"},
    {VK_COUNT, NULL, NULL, "en", "—"},
    /* ratios */
    {VK_RATIO, "0.4521", NULL, "en", "45.2%"},
    {VK_RATIO, "0.4525", NULL, "en", "45.3%"},
    {VK_RATIO, "0.45249", NULL, "en", "45.2%"},
    {VK_RATIO, "1", NULL, "en", "100.0%"},
    {VK_RATIO, "0.9995", NULL, "zh", "100.0%"},
    {VK_RATIO, "0", NULL, "en", "0.0%"},
    {VK_RATIO, "0.0005", NULL, "en", "0.1%"},
    {VK_RATIO, "-0.0004", NULL, "en", "0.0%"},
    {VK_RATIO, "-0.1", NULL, "en", "-10.0%"},
    {VK_RATIO, "12.3456", NULL, "en", "1,234.6%"},
    {VK_RATIO, "", NULL, "zh", "—"},
    /* scores */
    {VK_SCORE, "3.5229", NULL, "en", "3.52"},
    {VK_SCORE, "23.5000", NULL, "en", "23.50"},
    {VK_SCORE, "-12.5", NULL, "en", "-12.50"},
    {VK_SCORE, "3.525", NULL, "en", "3.53"},
    {VK_SCORE, "-3.525", NULL, "en", "-3.53"},
    {VK_SCORE, "0", NULL, "en", "0.00"},
    {VK_SCORE, "-0.001", NULL, "en", "0.00"},
    {VK_SCORE, "99.995", NULL, "en", "100.00"},
    {VK_SCORE, "1234.5", NULL, "zh", "1234.50"},
    {VK_SCORE, NULL, NULL, "en", "—"},
    /* text is left alone */
    {VK_TEXT, "张三", NULL, "zh", "张三"},
    {VK_TEXT, "1234.50", "CNY", "en", "1234.50"},
    {VK_TEXT, "", NULL, "en", ""},
    {VK_TEXT, NULL, NULL, "en", ""},
};

static void test_cell_display(void **state)
{
    (void)state;
    size_t n = sizeof display_cases / sizeof display_cases[0];
    assert_true(n >= 40);
    for (size_t i = 0; i < n; i++) {
        char *got = cell_display(display_cases[i].kind, display_cases[i].cell,
                                 display_cases[i].currency, display_cases[i].lang);
        if (strcmp(got, display_cases[i].want) != 0)
            fail_msg("case %zu: %s %s %s: got \"%s\", want \"%s\"", i,
                     display_cases[i].cell ? display_cases[i].cell : "(null)",
                     display_cases[i].currency ? display_cases[i].currency : "(null)",
                     display_cases[i].lang ? display_cases[i].lang : "(null)", got,
                     display_cases[i].want);
        free(got);
    }
}

/* Terminal table cells in Chinese: scopes as names, coded values in words,
 * names and numbers as they are; English cells unchanged. */
static const struct {
    const char *lang, *col, *field, *cell, *want;
} i18n_cases[] = {
    {"zh", "scope", NULL, "company", "公司"},
    {"zh", "scope", NULL, "unit:华东/上海", "华东/上海"},
    {"zh", "scope", NULL, "person:张伟", "张伟"},
    {"zh", "scope", NULL, "team:张伟", "张伟团队"},
    {"zh", "scope", NULL, "total", "合计"},
    {"en", "scope", NULL, "unit:华东", "unit:华东"},
    {"en", "scope", NULL, "company", "company"},
    {"zh", "metric", NULL, "revenue", "销售额"},
    {"zh", "driver", NULL, "visits", "拜访次数"},
    {"zh", "driver", NULL, "拜访次数每周+30%", "拜访次数每周+30%"},
    {"en", "metric", NULL, "revenue", "revenue"},
    {"zh", "archived", NULL, "no", "否"},
    {"zh", "done", NULL, "yes", "是"},
    {"zh", "type", NULL, "email", "邮件"},
    {"zh", "email", NULL, "a@b.cn", "a@b.cn"},
    {"zh", "kind", NULL, "workday", "调休上班"},
    {"zh", "status", NULL, "won", "赢单"},
    {"zh", "status", NULL, "met", "达标"},
    {"zh", "status", NULL, "achieved", "已达成"},
    {"zh", "status", NULL, "missed", "未达标"},
    {"zh", "field", NULL, "title", "标题"},
    {"zh", "value", "scope", "unit:华南", "华南"},
    {"zh", "value", "metric", "win_rate", "赢单率"},
    {"zh", "value", "direction", "higher", "越高越好"},
    {"zh", "value", "cadence", "monthly", "每月"},
    {"zh", "value", "growth", "+15.00% over the same last-year period", "+15.00%（较去年同期）"},
    {"zh", "value", "title", "revenue", "revenue"}, /* a title is the user's text */
    {"zh", "reason", "created", "demo", "演示数据"},
    {"zh", "reason", "created", "split:1 by history over units",
     "由目标 1 分解（方法：历史，维度：组织单元）"},
    {"zh", "new", "created", "revenue 601510067.95", "销售额 601510067.95"},
    {"zh", "name", NULL, "company", "company"},
};

static void test_i18n_cell(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof i18n_cases / sizeof i18n_cases[0]; i++) {
        char tmp[256];
        const char *got = i18n_cell(i18n_cases[i].lang, i18n_cases[i].col, i18n_cases[i].field,
                                    i18n_cases[i].cell, tmp, sizeof tmp);
        if (strcmp(got, i18n_cases[i].want) != 0)
            fail_msg("case %zu: %s %s: got \"%s\", want \"%s\"", i, i18n_cases[i].col,
                     i18n_cases[i].cell, got, i18n_cases[i].want);
    }
    /* the name is cut on a character boundary when it does not fit */
    char small[8];
    assert_string_equal(display_scope("unit:华东上海", "zh", small, sizeof small), "华东");
    /* the header of a person's title is 职位, of a goal's 标题 */
    assert_string_equal(i18n("zh", "job_title"), "职位");
    assert_string_equal(i18n("zh", "title"), "标题");
    assert_string_equal(i18n("en", "title"), "title");
}

/* A typed table: name, revenue (money), deals (count), win rate (ratio), csat (score). */
static void typed_table(struct table *t)
{
    const char *cols[] = {"name", "revenue", "deals", "win rate", "csat"};
    table_init(t, 5, cols);
    table_set_kind(t, 1, VK_MONEY);
    table_set_kind(t, 2, VK_COUNT);
    table_set_kind(t, 3, VK_RATIO);
    table_set_kind(t, 4, VK_SCORE);
    const char *r1[] = {"张三", "1234.5", "12345", "0.4521", "3.5229"};
    const char *r2[] = {"Bob", "-0.50", "0.6", "", NULL};
    const char *r3[] = {"李四四", "123456789.00", "3", "1", "5"};
    table_add_row(t, r1);
    table_add_row(t, r2);
    table_add_row(t, r3);
}

/* T printed in FORMAT, as a string the caller frees. */
static char *printed(const struct table *t, enum out_format format)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    table_print(t, format, 0, f);
    fclose(f);
    return text;
}

static void test_render_typed(void **state)
{
    (void)state;
    struct table t;
    typed_table(&t);
    assert_string_equal(t.currency, "CNY");
    assert_string_equal(t.lang, "en");
    assert_true(t.right[1] && t.right[4] && !t.right[0]);
    char *text = printed(&t, FMT_TABLE);
    assert_string_equal(text, "name            revenue   deals  win rate  csat\n"
                              "------  ---------------  ------  --------  ----\n"
                              "张三          ¥1,234.50  12,345     45.2%  3.52\n"
                              "Bob              -¥0.50     0.6         —     —\n"
                              "李四四  ¥123,456,789.00       3    100.0%  5.00\n");
    free(text);

    t.lang = "zh";
    text = printed(&t, FMT_TABLE);
    /* zh tables translate the headers they know (name, revenue, deals, csat) */
    assert_string_equal(text, "名称       销售额  商机数  win rate  客户满意度\n"
                              "------  ---------  ------  --------  ----------\n"
                              "张三    ¥1,234.50  12,345     45.2%        3.52\n"
                              "Bob        -¥0.50     0.6         —           —\n"
                              "李四四    ¥1.23亿       3    100.0%        5.00\n");
    free(text);

    memcpy(t.currency, "BRL", 4);
    t.lang = "en";
    text = printed(&t, FMT_TABLE);
    assert_non_null(strstr(text, "  1,234.50 BRL  "));
    assert_non_null(strstr(text, "  123,456,789.00 BRL  "));
    free(text);

    /* CSV and JSON keep the canonical text; undefined is empty / null. */
    text = printed(&t, FMT_CSV);
    assert_string_equal(text, "name,revenue,deals,win rate,csat\n"
                              "张三,1234.5,12345,0.4521,3.5229\n"
                              "Bob,-0.50,0.6,,\n"
                              "李四四,123456789.00,3,1,5\n");
    free(text);
    text = printed(&t, FMT_JSON);
    assert_non_null(strstr(text, "\"revenue\": \"1234.5\""));
    assert_non_null(strstr(text, "\"win rate\": null"));
    assert_non_null(strstr(text, "\"csat\": null"));
    assert_non_null(strstr(text, "\"deals\": \"0.6\""));
    free(text);
    table_free(&t);

    /* An empty text cell stays "" in JSON. */
    const char *cols[] = {"name"};
    const char *row[] = {""};
    table_init(&t, 1, cols);
    table_add_row(&t, row);
    text = printed(&t, FMT_JSON);
    assert_non_null(strstr(text, "\"name\": \"\""));
    free(text);
    table_free(&t);
}

/* The whole of file PATH as a string (caller frees); *SIZE its length. */
static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(f);
    fclose(m);
    *size = len;
    return text;
}

static void test_table_write(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_cli_table_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char csv[64], xlsx[64], piped[64];
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    snprintf(piped, sizeof piped, "%s/stdout.xlsx", dir);
    struct table t;
    typed_table(&t);
    struct at_err err;

    assert_int_equal(table_write(&t, FMT_CSV, csv, 0, &err), AT_OK);
    size_t size;
    char *text = slurp(csv, &size);
    assert_true(str_starts_with(text, "name,revenue,deals,win rate,csat\n张三,1234.5,"));
    free(text);

    assert_int_equal(table_write(&t, FMT_TABLE, "/nonexistent-dir/out.txt", 0, &err), AT_IO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/out.txt"));
    assert_int_equal(table_write(&t, FMT_XLSX, "/nonexistent-dir/out.xlsx", 0, &err), AT_IO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/out.xlsx"));

    assert_int_equal(table_write(&t, FMT_XLSX, xlsx, 0, &err), AT_OK);
    text = slurp(xlsx, &size);
    assert_true(size > 1000);
    assert_memory_equal(text, "PK", 2);
    free(text);

    /* XLSX to standard output when it is not a terminal: here a file. */
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    int fd = open(piped, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    enum at_status st = table_write(&t, FMT_XLSX, NULL, 0, &err);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    assert_int_equal(st, AT_OK);
    size_t size2;
    text = slurp(piped, &size2);
    /* the same workbook; its creation time (docProps/core.xml, deflated) may
     * be another second's, which can change the size by a byte or two */
    assert_true(size2 + 64 > size && size2 < size + 64);
    assert_memory_equal(text, "PK", 2);
    free(text);

    /* ... and refused when it is a terminal (where one can be made). */
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
        int tty = open(ptsname(master), O_RDWR | O_NOCTTY);
        assert_true(tty >= 0);
        fflush(stdout);
        saved = dup(STDOUT_FILENO);
        dup2(tty, STDOUT_FILENO);
        st = table_write(&t, FMT_XLSX, NULL, 0, &err);
        dup2(saved, STDOUT_FILENO);
        close(saved);
        close(tty);
        assert_int_equal(st, AT_INVALID);
        assert_non_null(strstr(err.msg, "not for a terminal"));
    }
    if (master >= 0)
        close(master);

    table_free(&t);
    unlink(csv);
    unlink(xlsx);
    unlink(piped);
    rmdir(dir);
}

/* Write errors (issue 8): the message of a failed standard output in both
 * languages, and a file that cannot be written whole — a device is reported
 * and left, a regular file past the size limit would be removed (write_errors.t
 * shows that under ulimit -f). */
static void test_write_errors(void **state)
{
    (void)state;
    static const struct {
        const char *lang;
        int e;
        const char *want;
    } texts[] = {
        {"en", ENOSPC, "cannot write output: No space left on device"},
        {"en", EFBIG, "cannot write output: File too large"},
        {"en", EIO, "cannot write output: Input/output error"},
        {"zh", ENOSPC, "无法写出输出：设备上没有空间"},
        {"zh", EFBIG, "无法写出输出：文件过大"},
        {"zh", EPIPE, "无法写出输出：管道已关闭"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char tmp[256];
        assert_string_equal(out_error_text(texts[i].lang, texts[i].e, tmp, sizeof tmp),
                            texts[i].want);
    }
    struct table t;
    typed_table(&t);
    struct at_err err;
    static const enum out_format fmts[] = {FMT_TABLE, FMT_CSV, FMT_JSON};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        assert_int_equal(table_write(&t, fmts[i], "/dev/full", 0, &err), AT_IO);
        assert_string_equal(err.msg, "/dev/full: cannot write: No space left on device");
    }
    /* a file the caller wrote wrong is removed; a device is not */
    char dir[] = "/tmp/test_cli_write_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/part.csv", dir);
    FILE *f;
    assert_int_equal(out_open(path, "w", &f, &err), AT_OK);
    fputs("half a row", f);
    assert_int_equal(out_close(f, path, true, &err), AT_IO);
    assert_non_null(strstr(err.msg, "/part.csv: cannot write; the file was removed"));
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(out_close(NULL, "/dev/full", true, &err), AT_IO);
    assert_string_equal(err.msg, "/dev/full: cannot write");
    assert_int_equal(access("/dev/full", F_OK), 0);
    rmdir(dir);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_sorted_documented),
        cmocka_unit_test(test_opts),
        cmocka_unit_test(test_render_cjk),
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_cell_display),
        cmocka_unit_test(test_i18n_cell),
        cmocka_unit_test(test_render_typed),
        cmocka_unit_test(test_table_write),
        cmocka_unit_test(test_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
