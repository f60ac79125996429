/*
 * test_value.c — table-driven tests of domain/value.c: money, decimals,
 * dates, stages and statuses, percentages, booleans and quantities, each with
 * the values it must read and the ones it must refuse (with the reason).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/calendar.h"
#include "domain/value.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Fail with the row's text when the reason of a refusal is not the expected one. */
static void check_reason(const char *text, const struct at_err *err, const char *reason)
{
    if (reason && !strstr(err->msg, reason))
        fail_msg("\"%s\": reason \"%s\", want \"%s\"", text, err->msg, reason);
}

/* ---- money -------------------------------------------------------------- */

struct money_case {
    const char *text;
    int exponent;
    enum at_status status;
    int64_t minor;
    const char *currency; /* expected currency_out */
    const char *reason;   /* substring of the message on refusal */
};

static const struct money_case money_cases[] = {
    {"1234.5", 2, AT_OK, 123450, "", NULL},
    {"¥1,234.50", 2, AT_OK, 123450, "CNY", NULL},
    {"￥1,234.50", 2, AT_OK, 123450, "CNY", NULL},
    {"$ 1,234", 2, AT_OK, 123400, "USD", NULL},
    {"USD 12.00", 2, AT_OK, 1200, "USD", NULL},
    {"12.00 EUR", 2, AT_OK, 1200, "EUR", NULL},
    {"(12.00)", 2, AT_OK, -1200, "", NULL},
    {"($12.00)", 2, AT_OK, -1200, "USD", NULL},
    {"-12", 2, AT_OK, -1200, "", NULL},
    {"-$12", 2, AT_OK, -1200, "USD", NULL},
    {"$-12", 2, AT_OK, -1200, "USD", NULL},
    {"+7", 2, AT_OK, 700, "", NULL},
    {"1.5万", 2, AT_OK, 1500000, "", NULL},
    {"1.5万元", 2, AT_OK, 1500000, "CNY", NULL},
    {"2亿", 2, AT_OK, 20000000000, "", NULL},
    {"3k", 2, AT_OK, 300000, "", NULL},
    {"2M", 2, AT_OK, 200000000, "", NULL},
    {"2.5 K", 0, AT_OK, 2500, "", NULL},
    {"12元", 2, AT_OK, 1200, "CNY", NULL},
    {"12 RMB", 2, AT_OK, 1200, "CNY", NULL},
    {"RMB 12", 2, AT_OK, 1200, "CNY", NULL},
    {"€5", 2, AT_OK, 500, "EUR", NULL},
    {"5€", 2, AT_OK, 500, "EUR", NULL},
    {"£3.10", 2, AT_OK, 310, "GBP", NULL},
    {"R$ 10,50", 2, AT_INVALID, 0, NULL, "thousands separator"},
    {"R$ 10.50", 2, AT_OK, 1050, "BRL", NULL},
    {"JP¥1200", 0, AT_OK, 1200, "JPY", NULL},
    {"100美元", 2, AT_OK, 10000, "USD", NULL},
    {"0.444", 2, AT_OK, 44, "", NULL},
    {"1.245", 2, AT_OK, 125, "", NULL},
    {"-1.245", 2, AT_OK, -125, "", NULL},
    {"1.244999", 2, AT_OK, 124, "", NULL},
    {"0.005", 2, AT_OK, 1, "", NULL},
    {"-0.005", 2, AT_OK, -1, "", NULL},
    {"2.5", 0, AT_OK, 3, "", NULL},
    {"1.2345", 3, AT_OK, 1235, "", NULL},
    {"731.94", 2, AT_OK, 73194, "", NULL},
    {"22638.48", 2, AT_OK, 2263848, "", NULL},
    {"1054", 2, AT_OK, 105400, "", NULL},
    {".5", 2, AT_OK, 50, "", NULL},
    {"12.", 2, AT_OK, 1200, "", NULL},
    {"1,234,567.891", 2, AT_OK, 123456789, "", NULL},
    {"  42  ", 2, AT_OK, 4200, "", NULL},
    {"0", 2, AT_OK, 0, "", NULL},
    {"92233720368547758.07", 2, AT_OK, INT64_MAX, "", NULL},
    {"92233720368547758.08", 2, AT_INVALID, 0, NULL, "too large"},
    {"99999999999999999999", 2, AT_INVALID, 0, NULL, "too large"},
    {"1 234,50", 2, AT_INVALID, 0, NULL, "not a number"},
    {"1 234", 2, AT_INVALID, 0, NULL, "not a number"},
    {"1,23", 2, AT_INVALID, 0, NULL, "thousands separator"},
    {"1234,567", 2, AT_INVALID, 0, NULL, "thousands separator"},
    {"1,2345", 2, AT_INVALID, 0, NULL, "thousands separator"},
    {",123", 2, AT_INVALID, 0, NULL, "thousands separator"},
    {"abc", 2, AT_INVALID, 0, NULL, "not a number"},
    {"", 2, AT_INVALID, 0, NULL, "empty"},
    {"   ", 2, AT_INVALID, 0, NULL, "empty"},
    {"-", 2, AT_INVALID, 0, NULL, "not a number"},
    {"$", 2, AT_INVALID, 0, NULL, "not a number"},
    {"12abc", 2, AT_INVALID, 0, NULL, "not a number"},
    {"12 kg", 2, AT_INVALID, 0, NULL, "not a number"},
    {"(12", 2, AT_INVALID, 0, NULL, "parenthesis"},
    {"12)", 2, AT_INVALID, 0, NULL, "parenthesis"},
    {"(-12)", 2, AT_INVALID, 0, NULL, "two signs"},
    {"--12", 2, AT_INVALID, 0, NULL, "two signs"},
    {"$12 EUR", 2, AT_INVALID, 0, NULL, "two different currencies"},
    {"¥12元", 2, AT_OK, 1200, "CNY", NULL},
    {"1.2.3", 2, AT_INVALID, 0, NULL, "not a number"},
    {"1e5", 2, AT_INVALID, 0, NULL, "not a number"},
};

static void test_money_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(money_cases); i++) {
        const struct money_case *c = &money_cases[i];
        struct at_err err = {AT_OK, ""};
        int64_t minor = -777;
        char cur[CURRENCY_LEN] = "X";
        enum at_status st = money_parse(c->text, c->exponent, &minor, cur, &err);
        if (st != c->status)
            fail_msg("money \"%s\": status %d (%s), want %d", c->text, st, err.msg, c->status);
        if (st == AT_OK) {
            if (minor != c->minor)
                fail_msg("money \"%s\": %lld, want %lld", c->text, (long long)minor,
                         (long long)c->minor);
            if (strcmp(cur, c->currency) != 0)
                fail_msg("money \"%s\": currency \"%s\", want \"%s\"", c->text, cur, c->currency);
        } else {
            assert_int_equal(err.status, c->status);
            check_reason(c->text, &err, c->reason);
            /* The reason never quotes the input. */
            if (strlen(c->text) > 2 && strstr(err.msg, c->text))
                fail_msg("money \"%s\": message quotes the input", c->text);
        }
    }
}

static void test_money_parse_null_currency(void **state)
{
    (void)state;
    int64_t minor = 0;
    assert_int_equal(money_parse("$5", 2, &minor, NULL, NULL), AT_OK);
    assert_int_equal(minor, 500);
    assert_int_equal(money_parse("x", 2, &minor, NULL, NULL), AT_INVALID);
}

struct format_case {
    int64_t minor;
    int exponent;
    const char *want;
};

static const struct format_case format_cases[] = {
    {123450, 2, "1234.50"},
    {-123450, 2, "-1234.50"},
    {5, 2, "0.05"},
    {-5, 2, "-0.05"},
    {0, 2, "0.00"},
    {1200, 0, "1200"},
    {1235, 3, "1.235"},
    {-7, 0, "-7"},
    {INT64_MIN, 2, "-92233720368547758.08"},
    {INT64_MAX, 0, "9223372036854775807"},
};

static void test_money_format_plain(void **state)
{
    (void)state;
    char out[64];
    for (size_t i = 0; i < N_OF(format_cases); i++) {
        const struct format_case *c = &format_cases[i];
        assert_string_equal(money_format_plain(c->minor, c->exponent, out, sizeof out), c->want);
    }
    char small[4];
    money_format_plain(123450, 2, small, sizeof small);
    assert_string_equal(small, "123");
}

struct convert_case {
    int64_t amount;
    int from_exp;
    int64_t rate_e8;
    int to_exp;
    bool ok;
    int64_t want;
};

static const struct convert_case convert_cases[] = {
    {10000, 2, 710000000, 2, true, 71000},   /* 100 USD at 7.1 -> 710 CNY */
    {-10000, 2, 710000000, 2, true, -71000}, /* negative amounts */
    {1000, 0, 4800000, 2, true, 4800},       /* 1000 JPY at 0.048 -> 48.00 */
    {1, 2, 50000000, 2, true, 1},            /* 0.005 -> 0.01 half away from zero */
    {-1, 2, 50000000, 2, true, -1},          /* -0.005 -> -0.01 */
    {1, 2, 49999999, 2, true, 0},            /* just below half */
    {12345, 3, 100000000, 2, true, 1235},    /* 12.345 -> 12.35 */
    {100, 2, 100000000, 0, true, 1},         /* 1.00 -> 1 */
    {INT64_MAX, 2, 200000000, 2, false, 0},  /* overflow */
    {INT64_MAX, 0, 100000000, 9, false, 0},  /* overflow by scaling */
    {INT64_MAX, 2, 100000000, 2, true, INT64_MAX},
};

static void test_money_convert(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(convert_cases); i++) {
        const struct convert_case *c = &convert_cases[i];
        int64_t out = 0;
        bool ok = money_convert(c->amount, c->from_exp, c->rate_e8, c->to_exp, &out);
        if (ok != c->ok)
            fail_msg("convert row %zu: ok %d", i, ok);
        if (ok && out != c->want)
            fail_msg("convert row %zu: %lld, want %lld", i, (long long)out, (long long)c->want);
    }
}

struct currency_case {
    const char *code;
    int exponent;
    bool valid;
};

static const struct currency_case currency_cases[] = {
    {"CNY", 2, true}, {"USD", 2, true},   {"JPY", 0, true}, {"KRW", 0, true},
    {"BHD", 3, true}, {"KWD", 3, true},   {"EUR", 2, true}, {"usd", 2, false},
    {"US", 2, false}, {"USDX", 2, false}, {"", 2, false},   {"U1D", 2, false},
};

static void test_currency(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(currency_cases); i++) {
        const struct currency_case *c = &currency_cases[i];
        assert_int_equal(currency_exponent(c->code), c->exponent);
        if (currency_valid(c->code) != c->valid)
            fail_msg("currency_valid(\"%s\")", c->code);
    }
    assert_false(currency_valid(NULL));
}

/* ---- decimals and quantities ------------------------------------------- */

struct decimal_case {
    const char *text;
    int scale;
    enum at_status status;
    int64_t want;
    const char *reason;
};

static const struct decimal_case decimal_cases[] = {
    {"1.2345", 8, AT_OK, 123450000, NULL},
    {"7.1", 8, AT_OK, 710000000, NULL},
    {"-0.5", 2, AT_OK, -50, NULL},
    {"0.000000005", 8, AT_OK, 1, NULL},
    {"0.0000000049", 8, AT_OK, 0, NULL},
    {"1,000.25", 2, AT_OK, 100025, NULL},
    {"42", 0, AT_OK, 42, NULL},
    {"+3", 1, AT_OK, 30, NULL},
    {"", 8, AT_INVALID, 0, "empty"},
    {"1.2.3", 8, AT_INVALID, 0, "not a number"},
    {"¥1", 2, AT_INVALID, 0, "not a number"},
    {"1e3", 2, AT_INVALID, 0, "not a number"},
    {"100000000000", 8, AT_INVALID, 0, "too large"},
    {"1", 19, AT_INVALID, 0, "scale"},
};

static void test_decimal_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(decimal_cases); i++) {
        const struct decimal_case *c = &decimal_cases[i];
        struct at_err err = {AT_OK, ""};
        int64_t v = 0;
        enum at_status st = decimal_parse(c->text, c->scale, &v, &err);
        if (st != c->status)
            fail_msg("decimal \"%s\": status %d (%s)", c->text, st, err.msg);
        if (st == AT_OK && v != c->want)
            fail_msg("decimal \"%s\": %lld, want %lld", c->text, (long long)v, (long long)c->want);
        if (st != AT_OK)
            check_reason(c->text, &err, c->reason);
    }
}

static const struct decimal_case quantity_cases[] = {
    {"2", 3, AT_OK, 2000, NULL},
    {"1.5", 3, AT_OK, 1500, NULL},
    {"0.0005", 3, AT_OK, 1, NULL},
    {"-3", 3, AT_OK, -3000, NULL},
    {"1,200", 3, AT_OK, 1200000, NULL},
    {" 14 ", 3, AT_OK, 14000, NULL},
    {"two", 3, AT_INVALID, 0, "not a number"},
    {"", 3, AT_INVALID, 0, "empty"},
    {"2 pcs", 3, AT_INVALID, 0, "not a number"},
};

static void test_quantity_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(quantity_cases); i++) {
        const struct decimal_case *c = &quantity_cases[i];
        struct at_err err = {AT_OK, ""};
        int64_t v = 0;
        enum at_status st = quantity_parse(c->text, &v, &err);
        if (st != c->status)
            fail_msg("quantity \"%s\": status %d (%s)", c->text, st, err.msg);
        if (st == AT_OK && v != c->want)
            fail_msg("quantity \"%s\": %lld", c->text, (long long)v);
        if (st != AT_OK)
            check_reason(c->text, &err, c->reason);
    }
}

/* ---- dates -------------------------------------------------------------- */

struct date_order_case {
    const char *fmt;
    enum at_status status;
    enum date_order order;
};

static const struct date_order_case date_order_cases[] = {
    {"MM/DD/YYYY", AT_OK, DATE_ORDER_MDY},
    {"mm/dd/yyyy", AT_OK, DATE_ORDER_MDY},
    {"M/D/Y", AT_OK, DATE_ORDER_MDY},
    {"%m/%d/%Y", AT_OK, DATE_ORDER_MDY},
    {"DD/MM/YYYY", AT_OK, DATE_ORDER_DMY},
    {"DD.MM.YYYY", AT_OK, DATE_ORDER_DMY},
    {"d.m.y", AT_OK, DATE_ORDER_DMY},
    {"YYYY-MM-DD", AT_OK, DATE_ORDER_YMD},
    {"auto", AT_OK, DATE_ORDER_NONE},
    {"MM/YYYY", AT_INVALID, DATE_ORDER_NONE},
    {"DD/DD/YYYY", AT_INVALID, DATE_ORDER_NONE},
    {"HH:MM", AT_INVALID, DATE_ORDER_NONE},
    {"YYYY-MM-DD-YY", AT_INVALID, DATE_ORDER_NONE},
};

static void test_date_order_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(date_order_cases); i++) {
        const struct date_order_case *c = &date_order_cases[i];
        struct at_err err = {AT_OK, ""};
        enum date_order o = DATE_ORDER_NONE;
        enum at_status st = date_order_parse(c->fmt, &o, &err);
        if (st != c->status)
            fail_msg("date format \"%s\": status %d", c->fmt, st);
        if (st == AT_OK && o != c->order)
            fail_msg("date format \"%s\": order %d", c->fmt, o);
        if (st != AT_OK)
            check_reason(c->fmt, &err, "MM/DD/YYYY");
    }
}

struct date_case {
    const char *text;
    enum date_order order;
    enum at_status status;
    int y, m, d;
    const char *reason;
};

#define NO  DATE_ORDER_NONE
#define MDY DATE_ORDER_MDY
#define DMY DATE_ORDER_DMY
#define YMD DATE_ORDER_YMD

static const struct date_case date_cases[] = {
    {"2026-07-15", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026/07/15", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026/7/5", NO, AT_OK, 2026, 7, 5, NULL},
    {"2026-7-5", NO, AT_OK, 2026, 7, 5, NULL},
    {"2026.07.15", NO, AT_OK, 2026, 7, 15, NULL},
    {"20260715", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026年7月15日", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026年07月05日", NO, AT_OK, 2026, 7, 5, NULL},
    {"2026年7月15日 10:30", NO, AT_OK, 2026, 7, 15, NULL},
    {"2017/08/25", NO, AT_OK, 2017, 8, 25, NULL},
    {"2017-08-30 11:41:01.000000", NO, AT_OK, 2017, 8, 30, NULL},
    {"2026-07-15T10:00:00Z", NO, AT_OK, 2026, 7, 15, NULL},
    {"2017-09-10 03:27:54+00:00", NO, AT_OK, 2017, 9, 10, NULL},
    {"2026-07-15T10:00:00.123+0800", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026-07-15 23:59", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026/7/15 10:00:00 PM", NO, AT_OK, 2026, 7, 15, NULL},
    {"2026-07-15 10:00 UTC", NO, AT_OK, 2026, 7, 15, NULL},
    {"  2026-07-15  ", NO, AT_OK, 2026, 7, 15, NULL},
    {"2024-02-29", NO, AT_OK, 2024, 2, 29, NULL},
    {"0001-01-01", NO, AT_OK, 1, 1, 1, NULL},
    {"9999-12-31", NO, AT_OK, 9999, 12, 31, NULL},
    {"07/15/2026", MDY, AT_OK, 2026, 7, 15, NULL},
    {"7/5/2026", MDY, AT_OK, 2026, 7, 5, NULL},
    {"7/5/2026 8:05 AM", MDY, AT_OK, 2026, 7, 5, NULL},
    {"15/07/2026", DMY, AT_OK, 2026, 7, 15, NULL},
    {"15.07.2026", DMY, AT_OK, 2026, 7, 15, NULL},
    {"5.7.2026", DMY, AT_OK, 2026, 7, 5, NULL},
    {"2026-07-15", MDY, AT_OK, 2026, 7, 15, NULL},
    {"2026-07-15", DMY, AT_OK, 2026, 7, 15, NULL},
    {"15-Jul-2026", NO, AT_OK, 2026, 7, 15, NULL},
    {"15 July 2026", NO, AT_OK, 2026, 7, 15, NULL},
    {"Jul 15, 2026", NO, AT_OK, 2026, 7, 15, NULL},
    {"Sept 1 2026", NO, AT_OK, 2026, 9, 1, NULL},
    {"2026-02-30", NO, AT_INVALID, 0, 0, 0, "no such day 30"},
    {"2025-02-29", NO, AT_INVALID, 0, 0, 0, "no such day 29"},
    {"2026-13-01", NO, AT_INVALID, 0, 0, 0, "no such month 13"},
    {"2026-00-10", NO, AT_INVALID, 0, 0, 0, "no such month 0"},
    {"2026-04-31", NO, AT_INVALID, 0, 0, 0, "no such day 31"},
    {"2026-04-00", NO, AT_INVALID, 0, 0, 0, "no such day 0"},
    {"0000-01-01", NO, AT_INVALID, 0, 0, 0, "year"},
    {"07/15/2026", NO, AT_INVALID, 0, 0, 0, "--date-format"},
    {"15/07/2026", NO, AT_INVALID, 0, 0, 0, "--date-format"},
    {"07/15/2026", YMD, AT_INVALID, 0, 0, 0, "--date-format"},
    {"15/07/2026", MDY, AT_INVALID, 0, 0, 0, "no such month 15"},
    {"07/15/2026", DMY, AT_INVALID, 0, 0, 0, "no such month 15"},
    {"7/5/26", MDY, AT_INVALID, 0, 0, 0, "two-digit year"},
    {"2026-07", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07/15", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07-155", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07-15 foo", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07-15 25:00", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07-15 10:61", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"2026-07-15 13:00 PM", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"45488", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"yesterday", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"", NO, AT_INVALID, 0, 0, 0, "empty"},
    {"2026年13月1日", NO, AT_INVALID, 0, 0, 0, "no such month 13"},
    {"Foo 15, 2026", NO, AT_INVALID, 0, 0, 0, "not a date"},
    {"31 Feb 2026", NO, AT_INVALID, 0, 0, 0, "no such day 31"},
};

static void test_date_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(date_cases); i++) {
        const struct date_case *c = &date_cases[i];
        struct at_err err = {AT_OK, ""};
        int32_t day = -1;
        enum at_status st = date_parse(c->text, c->order, &day, &err);
        if (st != c->status)
            fail_msg("date \"%s\": status %d (%s), want %d", c->text, st, err.msg, c->status);
        if (st == AT_OK) {
            int32_t want = cal_from_ymd(c->y, c->m, c->d);
            if (day != want)
                fail_msg("date \"%s\": day %d, want %d", c->text, (int)day, (int)want);
        } else {
            check_reason(c->text, &err, c->reason);
        }
    }
}

/* ---- stages and statuses ------------------------------------------------ */

struct stage_case {
    const char *stage;
    enum deal_status want;
};

static const struct stage_case stage_cases[] = {
    {"Won", DEAL_WON},
    {"won", DEAL_WON},
    {"Closed Won", DEAL_WON},
    {"Closed-Won", DEAL_WON},
    {"closed_won", DEAL_WON},
    {"CLOSED WON", DEAL_WON},
    {"Closed Won (100%)", DEAL_WON},
    {"Win", DEAL_WON},
    {"赢单", DEAL_WON},
    {"成交", DEAL_WON},
    {"已成交", DEAL_WON},
    {"签约", DEAL_WON},
    {"已签约", DEAL_WON},
    {"赢得", DEAL_WON},
    {" 赢单 ", DEAL_WON},
    {"赢单（100%）", DEAL_WON},
    {"Lost", DEAL_LOST},
    {"Closed Lost", DEAL_LOST},
    {"closed-lost", DEAL_LOST},
    {"Closed Lost to Competition", DEAL_LOST},
    {"Dead", DEAL_LOST},
    {"Disqualified", DEAL_LOST},
    {"输单", DEAL_LOST},
    {"丢单", DEAL_LOST},
    {"失败", DEAL_LOST},
    {"已失败", DEAL_LOST},
    {"已失效", DEAL_LOST},
    {"无效", DEAL_LOST},
    {"流失", DEAL_LOST},
    {"Prospecting", DEAL_OPEN},
    {"Engaging", DEAL_OPEN},
    {"Qualification", DEAL_OPEN},
    {"Negotiation/Review", DEAL_OPEN},
    {"Proposal", DEAL_OPEN},
    {"Proposal/Price Quote", DEAL_OPEN},
    {"Won't buy?", DEAL_OPEN},
    {"Winning", DEAL_OPEN},
    {"初步接洽", DEAL_OPEN},
    {"需求确认", DEAL_OPEN},
    {"方案报价", DEAL_OPEN},
    {"谈判审核", DEAL_OPEN},
    {"", DEAL_OPEN},
    {NULL, DEAL_OPEN},
};

static void test_stage_status(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(stage_cases); i++) {
        const struct stage_case *c = &stage_cases[i];
        enum deal_status s = stage_status(c->stage);
        if (s != c->want)
            fail_msg("stage \"%s\": %s, want %s", c->stage ? c->stage : "(null)",
                     deal_status_name(s), deal_status_name(c->want));
    }
}

struct status_case {
    const char *text;
    enum at_status status;
    enum deal_status want;
};

static const struct status_case status_cases[] = {
    {"open", AT_OK, DEAL_OPEN},
    {"Open", AT_OK, DEAL_OPEN},
    {"In Progress", AT_OK, DEAL_OPEN},
    {"进行中", AT_OK, DEAL_OPEN},
    {"won", AT_OK, DEAL_WON},
    {"Closed Won", AT_OK, DEAL_WON},
    {"赢单", AT_OK, DEAL_WON},
    {"lost", AT_OK, DEAL_LOST},
    {"输单", AT_OK, DEAL_LOST},
    {"LOST", AT_OK, DEAL_LOST},
    {"maybe", AT_INVALID, DEAL_OPEN},
    {"", AT_INVALID, DEAL_OPEN},
    {"Prospecting", AT_INVALID, DEAL_OPEN},
};

static void test_deal_status_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(status_cases); i++) {
        const struct status_case *c = &status_cases[i];
        struct at_err err = {AT_OK, ""};
        enum deal_status s = DEAL_OPEN;
        enum at_status st = deal_status_parse(c->text, &s, &err);
        if (st != c->status)
            fail_msg("status \"%s\": %d", c->text, st);
        if (st == AT_OK && s != c->want)
            fail_msg("status \"%s\": %s", c->text, deal_status_name(s));
        if (st != AT_OK)
            check_reason(c->text, &err, "open, won, lost");
    }
    assert_string_equal(deal_status_name(DEAL_OPEN), "open");
    assert_string_equal(deal_status_name(DEAL_WON), "won");
    assert_string_equal(deal_status_name(DEAL_LOST), "lost");
}

/* ---- percentages and booleans ------------------------------------------- */

struct percent_case {
    const char *text;
    enum at_status status;
    int32_t bp;
    const char *reason;
};

static const struct percent_case percent_cases[] = {
    {"60%", AT_OK, 6000, NULL},
    {"0.6", AT_OK, 6000, NULL},
    {"60", AT_OK, 6000, NULL},
    {"100%", AT_OK, 10000, NULL},
    {"100", AT_OK, 10000, NULL},
    {"1", AT_OK, 10000, NULL},
    {"0", AT_OK, 0, NULL},
    {"0%", AT_OK, 0, NULL},
    {"12.5%", AT_OK, 1250, NULL},
    {"0.125", AT_OK, 1250, NULL},
    {"33.333%", AT_OK, 3333, NULL},
    {"0.33335", AT_OK, 3334, NULL},
    {"1.5", AT_OK, 150, NULL},
    {"60 %", AT_OK, 6000, NULL},
    {"60％", AT_OK, 6000, NULL},
    {"0.5%", AT_OK, 50, NULL},
    {"101%", AT_INVALID, 0, "above 100%"},
    {"150", AT_INVALID, 0, "above 100%"},
    {"-5%", AT_INVALID, 0, "below 0"},
    {"-0.1", AT_INVALID, 0, "below 0"},
    {"abc", AT_INVALID, 0, "not a number"},
    {"", AT_INVALID, 0, "empty"},
    {"%", AT_INVALID, 0, "empty"},
    {"6O%", AT_INVALID, 0, "not a number"},
};

static void test_percent_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(percent_cases); i++) {
        const struct percent_case *c = &percent_cases[i];
        struct at_err err = {AT_OK, ""};
        int32_t bp = -1;
        enum at_status st = percent_parse(c->text, &bp, &err);
        if (st != c->status)
            fail_msg("percent \"%s\": status %d (%s)", c->text, st, err.msg);
        if (st == AT_OK && bp != c->bp)
            fail_msg("percent \"%s\": %d, want %d", c->text, (int)bp, (int)c->bp);
        if (st != AT_OK)
            check_reason(c->text, &err, c->reason);
    }
}

struct bool_case {
    const char *text;
    enum at_status status;
    bool want;
};

static const struct bool_case bool_cases[] = {
    {"1", AT_OK, true},           {"0", AT_OK, false},     {"yes", AT_OK, true},
    {"No", AT_OK, false},         {"TRUE", AT_OK, true},   {"false", AT_OK, false},
    {"y", AT_OK, true},           {"N", AT_OK, false},     {"Active", AT_OK, true},
    {"inactive", AT_OK, false},   {"是", AT_OK, true},     {"否", AT_OK, false},
    {"在职", AT_OK, true},        {"离职", AT_OK, false},  {" yes ", AT_OK, true},
    {"maybe", AT_INVALID, false}, {"", AT_INVALID, false}, {"2", AT_INVALID, false},
};

static void test_bool_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(bool_cases); i++) {
        const struct bool_case *c = &bool_cases[i];
        struct at_err err = {AT_OK, ""};
        bool b = !c->want;
        enum at_status st = bool_parse(c->text, &b, &err);
        if (st != c->status)
            fail_msg("bool \"%s\": status %d", c->text, st);
        if (st == AT_OK && b != c->want)
            fail_msg("bool \"%s\": %d", c->text, b);
        if (st != AT_OK)
            check_reason(c->text, &err, "yes or no");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse),        cmocka_unit_test(test_money_parse_null_currency),
        cmocka_unit_test(test_money_format_plain), cmocka_unit_test(test_money_convert),
        cmocka_unit_test(test_currency),           cmocka_unit_test(test_decimal_parse),
        cmocka_unit_test(test_quantity_parse),     cmocka_unit_test(test_date_order_parse),
        cmocka_unit_test(test_date_parse),         cmocka_unit_test(test_stage_status),
        cmocka_unit_test(test_deal_status_parse),  cmocka_unit_test(test_percent_parse),
        cmocka_unit_test(test_bool_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
