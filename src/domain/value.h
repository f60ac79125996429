/*
 * value.h — reading the values that real exports hold: money, dates, counts,
 * percentages, deal stages. Pure functions, no I/O, hand-written.
 *
 * Money is int64 minor units of a currency (cents, fen). Every parser returns
 * AT_INVALID with a short reason ("not a number", "no such month 13") and does
 * not quote the input — the caller adds file, line and column.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

#define CURRENCY_LEN 4 /* "CNY" and NUL */

/* Digits after the decimal point of currency CODE (JPY, KRW 0; BHD, KWD 3; else 2). */
int currency_exponent(const char *code);
/* The sign written before amounts of currency CODE (¥ for CNY and JPY, $, €, £),
 * or NULL for currencies written with their code after the number. */
const char *currency_symbol(const char *code);
/* Is CODE three ASCII upper-case letters? */
bool currency_valid(const char *code);

/*
 * The largest amount (minor units, either sign) the metric engine can sum
 * exactly: it holds amounts × 10^4 (split-credit shares in basis points) in
 * 64 bits, so INT64_MAX / 10^4 = 922,337,203,685,477. An import row above
 * it cannot be summed and must be refused; rows below it may still add up
 * beyond it, which the engine reports as an error when it is built.
 */
int64_t money_max_summable(void);
/* Is AMOUNT (minor units, reporting currency) within money_max_summable()? */
bool money_summable(int64_t amount);

/*
 * Parse money text into minor units of EXPONENT digits: "1234.5", "¥1,234.50",
 * "￥1,234.50", "$ 1,234", "USD 12.00", "12.00 EUR", "1 234,50" is NOT accepted
 * (comma is a thousands separator; a comma followed by other than 3 digits is an
 * error), "(12.00)" and "-12" negative, "1.5万" (×10^4), "2亿" (×10^8), "3k" "2M",
 * "12元", "12 RMB". More decimals than EXPONENT are rounded half away from zero.
 * The currency named by a symbol or code goes to CURRENCY_OUT (may be NULL;
 * "" when none): ¥ ￥ 元 RMB -> CNY, $ -> USD, € -> EUR, £ -> GBP, R$ -> BRL, JP¥ -> JPY.
 * Overflow of int64 is an error.
 */
enum at_status money_parse(const char *text, int exponent, int64_t *minor,
                           char currency_out[CURRENCY_LEN], struct at_err *err);

/* Format MINOR of EXPONENT digits as a plain decimal ("-1234.50"), no separators. */
char *money_format_plain(int64_t minor, int exponent, char *out, size_t size);

/*
 * Convert AMOUNT (minor units, FROM_EXP digits) at RATE_E8 (units of the
 * reporting currency per unit, ×10^8) into minor units of TO_EXP digits,
 * rounding half away from zero. Exact (128-bit intermediate); false on overflow.
 */
bool money_convert(int64_t amount, int from_exp, int64_t rate_e8, int to_exp, int64_t *out);

/* Parse a decimal "1.2345" into an integer scaled by 10^SCALE (rates: scale 8). */
enum at_status decimal_parse(const char *text, int scale, int64_t *out, struct at_err *err);

/* Date formats accepted besides the unambiguous ones. */
enum date_order { DATE_ORDER_NONE, DATE_ORDER_MDY, DATE_ORDER_DMY, DATE_ORDER_YMD };

/* Read a --date-format value: "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYY-MM-DD"
 * (case-insensitive; M/D/Y letters also accepted). */
enum at_status date_order_parse(const char *fmt, enum date_order *out, struct at_err *err);

/*
 * Parse a date value into a day number (calendar.h): "2026-07-15",
 * "2026/07/15", "2026/7/5", "2026.07.15", "20260715", "2026年7月15日", and
 * timestamps whose date part is one of those ("2017-08-30 11:41:01.000000",
 * "2026-07-15T10:00:00Z", "2017-09-10 03:27:54+00:00": the time is dropped).
 * "07/15/2026" and "15/07/2026" only with ORDER MDY or DMY; without an order a
 * slash date with the year last is an error that asks for --date-format.
 */
enum at_status date_parse(const char *text, enum date_order order, int32_t *out,
                          struct at_err *err);
/*
 * date_parse in a time zone: a timestamp with an offset or Z
 * ("2020-12-31T23:30:00-05:00", "2026-03-31T20:00:00Z") is an instant, and its
 * day is the day it is in ZONE (Asia/Shanghai: 2021-01-01, 2026-04-01); a
 * timestamp without an offset is local already and keeps its date. ZONE NULL:
 * the date as written (date_parse).
 */
struct tz;
enum at_status date_parse_tz(const char *text, enum date_order order, const struct tz *zone,
                             int32_t *out, struct at_err *err);

/* Deal status from a stage name. */
enum deal_status { DEAL_OPEN = 0, DEAL_WON = 1, DEAL_LOST = 2 };
/* "Won", "Closed Won", "closed-won", "赢单", "成交", "已成交", "签约" -> WON;
 * "Lost", "Closed Lost", "输单", "丢单", "失败", "已失效" -> LOST; anything else OPEN.
 * Case- and space-insensitive. */
enum deal_status stage_status(const char *stage);
/* Parse a status column: open/won/lost in en or zh (进行中 赢单 输单 ...). */
enum at_status deal_status_parse(const char *text, enum deal_status *out, struct at_err *err);
const char *deal_status_name(enum deal_status s); /* "open", "won", "lost" */

/* Percentages as basis points: "60%" -> 6000, "0.6" -> 6000, "60" -> 6000
 * (a bare number above 1 is a percentage), "100%" -> 10000; 0..10000 only. */
enum at_status percent_parse(const char *text, int32_t *bp, struct at_err *err);

/* Booleans: 1/0 yes/no true/false y/n active/inactive 是/否 在职/离职. */
enum at_status bool_parse(const char *text, bool *out, struct at_err *err);

/* Decimal quantity as thousandths: "2" -> 2000, "1.5" -> 1500. */
enum at_status quantity_parse(const char *text, int64_t *milli, struct at_err *err);
