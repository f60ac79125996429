/*
 * value_kind.h — the one enum for how a value is shown, and a typed value:
 * what app returns (metric rows, goal status figures, report cells) and
 * front ends render (cli/render.c as table, CSV, JSON, XLSX; the HTTP layer as
 * JSON). The numbers are exact integers, never floating point:
 *  - VK_MONEY: V is whole minor units of CURRENCY (the canonical rounding of a
 *    metric: half away from zero to the minor unit);
 *  - VK_COUNT, VK_RATIO, VK_SCORE: V is the value ×10^4 (rounded half away
 *    from zero), ratios as fractions (0.4521 = 45.21 %);
 *  - VK_DATE: V is a day number (domain/calendar.h);
 *  - VK_TEXT: TEXT (not owned).
 * DEFINED false is "no value" (empty in CSV, null in JSON, "—" in tables).
 * The metric catalogue's enum metric_unit maps 1:1 (metric_unit_kind).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum value_kind { VK_TEXT, VK_MONEY, VK_COUNT, VK_RATIO, VK_SCORE, VK_DATE };

#define VALUE_SCALE 10000 /* ×10^4 of counts, ratios and scores */

struct typed_value {
    enum value_kind kind;
    bool defined;
    int64_t v;
    char currency[4]; /* VK_MONEY: ISO 4217 code */
    const char *text; /* VK_TEXT */
};

/* "text", "money", "count", "ratio", "score", "date". */
const char *value_kind_name(enum value_kind k);

/*
 * The canonical text of TV into OUT (SIZE bytes), as CSV and JSON print it:
 * money in major units with EXPONENT decimals ("1234.50"), counts without
 * trailing zeros ("3", "0.6"), ratios and scores with 4 decimals ("0.4521"),
 * dates YYYY-MM-DD, text as it is; "" when undefined. Returns OUT.
 */
char *typed_value_format(const struct typed_value *tv, int exponent, char *out, size_t size);

/* Q / 10^DIGITS as a decimal into OUT ("-12.50"); TRIM drops trailing zeros
 * and the point ("12.5", "0"). Exact for any 128-bit Q; returns OUT. */
char *decimal_format(__int128 q, int digits, bool trim, char *out, size_t size);
