/*
 * decompose.c — exact splits of a target over parts (see decompose.h).
 *
 * Everything is integer arithmetic. The largest-remainder split works on
 * |total| in unsigned 128 bits: |total| × weight is below 2^126 and Σ weights
 * below 2^127 for any realistic number of parts, so the floors and the
 * remainders are exact, and the remainders of all parts share the one
 * denominator Σ weights, so they compare directly.
 */
#include "domain/decompose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/goal.h"

typedef unsigned __int128 u128_t; /* file-local shorthand for a GCC builtin type */

/* One part's remainder and index, sorted to hand out the leftover units. */
struct share {
    u128_t rem;
    size_t idx;
};

/* Larger remainder first; equal remainders in part order. */
static int share_cmp(const void *a, const void *b)
{
    const struct share *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx ? 1 : 0);
}

enum at_status split_largest_remainder(int64_t total, const int64_t *weights, size_t n,
                                       int64_t *out, struct at_err *err)
{
    if (n == 0)
        return at_err_set(err, AT_INVALID, "nothing to split into (no parts)");
    u128_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return at_err_set(err, AT_INVALID, "weight %zu is negative (%lld)", i + 1,
                              (long long)weights[i]);
        sum += (u128_t)weights[i];
    }
    bool even = sum == 0; /* all weights 0: an even split, as if every weight were 1 */
    if (even)
        sum = n;
    bool neg = total < 0;
    u128_t mag = neg ? (u128_t)(-(__int128)total) : (u128_t)total;

    struct share *sh = xmalloc(n * sizeof *sh);
    u128_t given = 0;
    for (size_t i = 0; i < n; i++) {
        u128_t w = even ? 1 : (u128_t)weights[i];
        u128_t prod = mag * w;
        u128_t part = prod / sum;
        sh[i].rem = prod % sum;
        sh[i].idx = i;
        given += part;
        out[i] = neg ? (int64_t)(-(__int128)part) : (int64_t)part;
    }
    /* Fewer than n units are left over: Σ floor > |total| − n. */
    size_t left = (size_t)(mag - given);
    if (left > 0) {
        qsort(sh, n, sizeof *sh, share_cmp);
        for (size_t k = 0; k < left; k++)
            out[sh[k].idx] += neg ? -1 : 1;
    }
    free(sh);
    return AT_OK;
}

/* How fine a period kind is (larger is finer); -1 for a date range. */
static int kind_rank(enum period_kind k)
{
    switch (k) {
    case PERIOD_YEAR:
    case PERIOD_FISCAL_YEAR:
        return 0;
    case PERIOD_HALF:
    case PERIOD_FISCAL_HALF:
        return 1;
    case PERIOD_QUARTER:
    case PERIOD_FISCAL_QUARTER:
        return 2;
    case PERIOD_MONTH:
        return 3;
    case PERIOD_WEEK:
        return 4;
    case PERIOD_DAY:
        return 5;
    case PERIOD_RANGE:
    default:
        return -1;
    }
}

static bool is_fiscal(enum period_kind k)
{
    return k == PERIOD_FISCAL_YEAR || k == PERIOD_FISCAL_HALF || k == PERIOD_FISCAL_QUARTER;
}

static const char *kind_plural(enum period_kind k)
{
    switch (k) {
    case PERIOD_QUARTER:
        return "quarters";
    case PERIOD_MONTH:
        return "months";
    case PERIOD_WEEK:
        return "weeks";
    case PERIOD_DAY:
        return "days";
    default:
        return "periods of that kind";
    }
}

/* The part of P's split starting on day D: the KIND period containing D,
 * clipped to P (a clipped part is a date range). */
static struct period part_at(const struct period *p, enum period_kind kind, int fsm, int32_t d)
{
    struct period q = period_containing(kind, d, fsm);
    if (q.start < p->start || q.end > p->end) {
        struct period r = {PERIOD_RANGE, 0, 0, 0, 0, fsm};
        r.start = q.start < p->start ? p->start : q.start;
        r.end = q.end > p->end ? p->end : q.end;
        return r;
    }
    return q;
}

enum at_status split_periods(const struct period *p, enum period_kind kind, int fiscal_start_month,
                             struct period **out, size_t *n, struct at_err *err)
{
    if (kind != PERIOD_QUARTER && kind != PERIOD_MONTH && kind != PERIOD_WEEK && kind != PERIOD_DAY)
        return at_err_set(err, AT_INVALID,
                          "a period is split into quarters, months, weeks or days");
    int pr = kind_rank(p->kind);
    if (pr >= 0 && kind_rank(kind) <= pr) {
        char text[PERIOD_TEXT_MAX];
        return at_err_set(err, AT_INVALID, "%s cannot be split into %s: they are not shorter",
                          period_format(p, text), kind_plural(kind));
    }
    if (p->end < p->start)
        return at_err_set(err, AT_INVALID, "the period ends before it starts");

    int fsm = fiscal_start_month >= 1 && fiscal_start_month <= 12 ? fiscal_start_month : 1;
    enum period_kind k = kind;
    if (kind == PERIOD_QUARTER) {
        if (is_fiscal(p->kind)) {
            k = PERIOD_FISCAL_QUARTER;
            if (p->fiscal_start_month >= 1 && p->fiscal_start_month <= 12)
                fsm = p->fiscal_start_month;
        } else if (p->kind == PERIOD_RANGE && fsm != 1) {
            k = PERIOD_FISCAL_QUARTER;
        }
    }

    size_t count = 0;
    for (int32_t d = p->start; d <= p->end; d = part_at(p, k, fsm, d).end + 1)
        count++;
    struct period *parts = xmalloc(count * sizeof *parts);
    size_t i = 0;
    for (int32_t d = p->start; d <= p->end; d = parts[i - 1].end + 1)
        parts[i++] = part_at(p, k, fsm, d);
    *out = parts;
    *n = count;
    return AT_OK;
}

void weights_days(const struct period *parts, size_t n, int64_t *w)
{
    for (size_t i = 0; i < n; i++)
        w[i] = period_days(&parts[i]);
}

void weights_working_days(const struct period *parts, size_t n, const struct cal_holidays *h,
                          int64_t *w)
{
    for (size_t i = 0; i < n; i++)
        w[i] = cal_working_days(h, parts[i].start, parts[i].end);
}

/* Insert thousands separators into the first run of digits of S (in place;
 * SIZE bytes available): "-1200000.00" -> "-1,200,000.00". */
static void group_thousands(char *s, size_t size)
{
    size_t len = strlen(s), a = 0;
    while (a < len && (s[a] < '0' || s[a] > '9'))
        a++;
    size_t b = a;
    while (b < len && s[b] >= '0' && s[b] <= '9')
        b++;
    size_t digits = b - a;
    if (digits <= 3)
        return;
    size_t commas = (digits - 1) / 3;
    if (len + commas + 1 > size)
        return;
    memmove(s + b + commas, s + b, len - b + 1);
    size_t src = b, dst = b + commas;
    for (size_t k = 0; k < digits; k++) {
        s[--dst] = s[--src];
        if (k % 3 == 2 && dst > src)
            s[--dst] = ',';
    }
}

/* Plain decimal digits of V (any 128-bit value) into OUT. */
static void format_i128(__int128 v, char *out, size_t size)
{
    char tmp[48];
    size_t n = 0;
    u128_t m = v < 0 ? (u128_t)(-v) : (u128_t)v;
    do {
        tmp[n++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m);
    size_t o = 0;
    if (v < 0 && o + 1 < size)
        out[o++] = '-';
    while (n > 0 && o + 1 < size)
        out[o++] = tmp[--n];
    out[o] = '\0';
}

/* V (whole units, see split_manual_values) as the metric writes it, grouped. */
static void format_units(enum metric_unit unit, int exponent, __int128 v, char *out, size_t size)
{
    bool whole = unit == MU_MONEY || unit == MU_COUNT;
    __int128 lim = whole ? INT64_MAX / GOAL_SCALE : INT64_MAX;
    if (v > lim || v < -lim)
        format_i128(v, out, size); /* beyond any target: plain digits */
    else
        goal_target_format(unit, (int64_t)(whole ? v * GOAL_SCALE : v), exponent, out, size);
    group_thousands(out, size);
}

enum at_status split_manual_values(int64_t total, const int64_t *values, size_t n,
                                   enum metric_unit unit, int exponent, struct at_err *err)
{
    __int128 sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    if (sum == total)
        return AT_OK;
    char got[64], diff[64], want[64];
    __int128 d = sum - total;
    format_units(unit, exponent, sum, got, sizeof got);
    format_units(unit, exponent, d < 0 ? -d : d, diff, sizeof diff);
    format_units(unit, exponent, total, want, sizeof want);
    return at_err_set(err, AT_INVALID, "the values add up to %s, %s %s the target %s", got, diff,
                      d < 0 ? "short of" : "over", want);
}

/* Basis points as a percentage with two decimals: 9500 -> "95.00". */
static void format_bp(int64_t bp, char *out, size_t size)
{
    int64_t m = bp < 0 ? -bp : bp;
    snprintf(out, size, "%s%lld.%02lld", bp < 0 ? "-" : "", (long long)(m / 100),
             (long long)(m % 100));
}

enum at_status split_manual_percent(int64_t total, const int32_t *pct_bp, size_t n, int64_t *out,
                                    struct at_err *err)
{
    if (n == 0)
        return at_err_set(err, AT_INVALID, "nothing to split into (no parts)");
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (pct_bp[i] < 0) {
            char p[32];
            format_bp(pct_bp[i], p, sizeof p);
            return at_err_set(err, AT_INVALID, "percentage %zu is negative (%s%%)", i + 1, p);
        }
        sum += pct_bp[i];
    }
    if (sum != 10000) {
        char got[32], diff[32];
        format_bp(sum, got, sizeof got);
        format_bp(sum < 10000 ? 10000 - sum : sum - 10000, diff, sizeof diff);
        return at_err_set(err, AT_INVALID, "the percentages add up to %s%%, %s%% %s 100%%", got,
                          diff, sum < 10000 ? "short of" : "over");
    }
    int64_t *w = xmalloc(n * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[i] = pct_bp[i];
    enum at_status st = split_largest_remainder(total, w, n, out, err);
    free(w);
    return st;
}

enum at_status rebalance(int64_t target, int64_t actual_so_far, const int64_t *old,
                         const bool *closed, const int64_t *weights, size_t n, int64_t *new_values,
                         struct at_err *err)
{
    __int128 remaining = (__int128)target - actual_so_far;
    if (remaining > INT64_MAX || remaining < INT64_MIN)
        return at_err_set(err, AT_INVALID, "the remaining target is out of range");
    size_t open = 0;
    for (size_t i = 0; i < n; i++)
        if (!closed[i])
            open++;
    if (open == 0)
        return at_err_set(err, AT_INVALID,
                          "every part is closed: there is nothing left to rebalance onto");

    int64_t *w = xmalloc(open * sizeof *w);
    int64_t *part = xmalloc(open * sizeof *part);
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        if (!closed[i])
            w[j++] = weights[i];
    enum at_status st = split_largest_remainder((int64_t)remaining, w, open, part, err);
    if (st == AT_OK) {
        j = 0;
        for (size_t i = 0; i < n; i++)
            new_values[i] = closed[i] ? old[i] : part[j++];
    }
    free(w);
    free(part);
    return st;
}

static int64_t clamp64(__int128 v)
{
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

bool split_time_adds_up(int64_t target, const int64_t *targets, const int32_t *ends, size_t n,
                        bool rebalanced, int32_t through, int64_t actual, bool *counted,
                        int64_t *want, int64_t *have)
{
    __int128 sum = 0, remaining = (__int128)target - (rebalanced ? actual : 0);
    for (size_t i = 0; i < n; i++) {
        bool open = !rebalanced || ends[i] > through;
        if (counted)
            counted[i] = open;
        if (open)
            sum += targets[i];
    }
    *want = clamp64(remaining > 0 ? remaining : 0);
    *have = clamp64(sum);
    return remaining == sum || (remaining < 0 && sum == 0);
}
