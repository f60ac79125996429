/*
 * fuzz_value.c — libFuzzer target for the readers of exported values
 * (domain/value.c): money (万/亿, k/M, currency signs and codes, thousands
 * separators, parentheses), dates (ISO, slashes, dots, 2026年7月15日,
 * timestamps) under every --date-format order, decimals, percentages,
 * quantities.
 *
 * Promises checked: a refusal is AT_INVALID with a reason; money read with
 * EXPONENT digits prints back (money_format_plain) to text that reads again
 * to the same minor units and no currency; the currency found is "" or a
 * valid code; a date is inside 0001..9999 and its ISO text reads back to the
 * same day under every order; a percentage is 0..10000 basis points. Any
 * broken promise aborts.
 *
 * Built and run by tests/fuzz/run (seeds and crashers in tests/fuzz/corpus/value/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "domain/value.h"

#define CHECK(cond, text)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_value: %s fails for \"%s\"\n", #cond, text);                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void refused(enum at_status st, const struct at_err *err, const char *text)
{
    CHECK(st == AT_INVALID && err->status == AT_INVALID && err->msg[0] != '\0', text);
}

static void check_money(const char *text)
{
    static const int exps[] = {0, 2, 3, 4};
    for (size_t i = 0; i < sizeof exps / sizeof exps[0]; i++) {
        int64_t minor = 0;
        char cur[CURRENCY_LEN];
        struct at_err err = {AT_OK, ""};
        enum at_status st = money_parse(text, exps[i], &minor, cur, &err);
        if (st != AT_OK) {
            refused(st, &err, text);
            continue;
        }
        CHECK(cur[0] == '\0' || currency_valid(cur), text);
        char plain[64];
        money_format_plain(minor, exps[i], plain, sizeof plain);
        int64_t again = 0;
        char cur2[CURRENCY_LEN];
        CHECK(money_parse(plain, exps[i], &again, cur2, NULL) == AT_OK, text);
        CHECK(again == minor && cur2[0] == '\0', text);
    }
}

static void check_date(const char *text)
{
    static const enum date_order orders[] = {DATE_ORDER_NONE, DATE_ORDER_MDY, DATE_ORDER_DMY,
                                             DATE_ORDER_YMD};
    for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
        int32_t day = 0;
        struct at_err err = {AT_OK, ""};
        enum at_status st = date_parse(text, orders[i], &day, &err);
        if (st != AT_OK) {
            refused(st, &err, text);
            continue;
        }
        CHECK(day >= CAL_DATE_MIN && day <= CAL_DATE_MAX, text);
        char iso[16];
        cal_format(day, iso);
        for (size_t j = 0; j < sizeof orders / sizeof orders[0]; j++) {
            int32_t again = 0;
            CHECK(date_parse(iso, orders[j], &again, NULL) == AT_OK && again == day, text);
        }
    }
}

static void check_numbers(const char *text)
{
    struct at_err err = {AT_OK, ""};
    int64_t v;
    enum at_status st = decimal_parse(text, 8, &v, &err);
    if (st != AT_OK)
        refused(st, &err, text);
    int32_t bp = -1;
    err = (struct at_err){AT_OK, ""};
    st = percent_parse(text, &bp, &err);
    if (st == AT_OK)
        CHECK(bp >= 0 && bp <= 10000, text);
    else
        refused(st, &err, text);
    err = (struct at_err){AT_OK, ""};
    st = quantity_parse(text, &v, &err);
    if (st != AT_OK)
        refused(st, &err, text);
    bool b;
    err = (struct at_err){AT_OK, ""};
    st = bool_parse(text, &b, &err);
    if (st != AT_OK)
        refused(st, &err, text);
    enum deal_status ds;
    err = (struct at_err){AT_OK, ""};
    st = deal_status_parse(text, &ds, &err);
    if (st != AT_OK)
        refused(st, &err, text);
    ds = stage_status(text);
    CHECK(ds == DEAL_OPEN || ds == DEAL_WON || ds == DEAL_LOST, text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    check_money(text);
    check_date(text);
    check_numbers(text);
    free(text);
    return 0;
}
