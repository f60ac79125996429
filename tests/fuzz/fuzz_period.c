/*
 * fuzz_period.c — libFuzzer harness for period_parse (domain/period.c).
 *
 * Each input is read as a period expression with several as-of days (year
 * edges, a leap day, the calendar limits) and fiscal start months, and the
 * results are held to the invariants of period.h: a period read is inside the
 * years 0001..9999 with start <= end, its canonical text reads back to the same
 * period, it is the period of its kind containing its first day, and the
 * period before it ends the day before it starts. A refusal is AT_INVALID with
 * a message quoting the input. Any broken invariant aborts.
 *
 * Build: clang -g -fsanitize=fuzzer,address,undefined -Isrc src/base/err.c
 *        src/base/str.c src/domain/calendar.c src/domain/period.c
 *        tests/fuzz/fuzz_period.c -o fuzz_period
 * Seeds: tests/fuzz/corpus/period/ (crashers found are kept there).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "domain/period.h"

#define CHECK(cond, text)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_period: %s fails for \"%s\" (%s)\n", #cond, text, __func__);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The invariants of one successful reading P of EXPR. */
static void check_period(const char *expr, const struct period *p, int32_t as_of, int fsm)
{
    CHECK(p->start <= p->end, expr);
    CHECK(p->start >= CAL_DATE_MIN && p->end <= CAL_DATE_MAX, expr);
    CHECK(p->fiscal_start_month == fsm, expr);

    char text[PERIOD_TEXT_MAX];
    period_format(p, text);
    CHECK(strlen(text) < PERIOD_TEXT_MAX, expr);
    struct period q = {0};
    struct at_err err = {AT_OK, ""};
    CHECK(period_parse(text, as_of, fsm, &q, &err) == AT_OK, expr);
    CHECK(q.kind == p->kind && q.start == p->start && q.end == p->end, expr);
    CHECK(q.year == p->year && q.num == p->num, expr);

    if (p->kind != PERIOD_RANGE) {
        struct period c = period_containing(p->kind, p->start, fsm);
        CHECK(c.start == p->start && c.end == p->end && c.year == p->year && c.num == p->num, expr);
    }
    /* Keep the neighbours inside the calendar: a year and a half of margin. */
    if (p->start - CAL_DATE_MIN > 550 + period_days(p)) {
        struct period prev = period_previous(p);
        CHECK(prev.kind == p->kind && prev.end + 1 == p->start, expr);
        CHECK(p->kind != PERIOD_RANGE || period_days(&prev) == period_days(p), expr);
        struct period ly = period_last_year(p);
        CHECK(ly.kind == p->kind && ly.start <= ly.end && ly.start < p->start, expr);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int32_t as_of[6];
    static const int fsms[] = {1, 4, 7, 10, 12};
    if (!as_of[0]) {
        as_of[0] = cal_from_ymd(2026, 7, 15);
        as_of[1] = cal_from_ymd(2026, 1, 1);
        as_of[2] = cal_from_ymd(2021, 1, 3);
        as_of[3] = cal_from_ymd(2024, 2, 29);
        as_of[4] = CAL_DATE_MIN;
        as_of[5] = CAL_DATE_MAX;
    }
    char *expr = xmalloc(size + 1);
    memcpy(expr, data, size);
    expr[size] = '\0';

    for (size_t i = 0; i < sizeof as_of / sizeof as_of[0]; i++) {
        for (size_t f = 0; f < sizeof fsms / sizeof fsms[0]; f++) {
            struct period p;
            struct at_err err = {AT_OK, ""};
            enum at_status st = period_parse(expr, as_of[i], fsms[f], &p, &err);
            if (st == AT_OK) {
                check_period(expr, &p, as_of[i], fsms[f]);
            } else {
                CHECK(st == AT_INVALID && err.status == AT_INVALID, expr);
                CHECK(strncmp(err.msg, "cannot read period \"", 20) == 0, expr);
            }
        }
    }
    /* A fiscal start month outside 1..12 is always refused. */
    struct period p;
    CHECK(period_parse(expr, as_of[0], 13, &p, NULL) == AT_INVALID, expr);
    free(expr);
    return 0;
}
