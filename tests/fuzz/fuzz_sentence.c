/*
 * fuzz_sentence.c — libFuzzer target for the goal sentence reader
 * (domain/sentence.c).
 *
 * The input is read as a sentence with names that overlap (华东 inside
 * 华东/上海, an empty name), a current user, both languages and several
 * as-of days and fiscal year starts, and the result is held to sentence.h:
 * AT_OK or AT_INVALID with a message; on AT_OK never both a target and a
 * growth, a target not negative, a growth only with a base, a period inside
 * the calendar with start <= end, every text NUL-terminated inside its
 * field, a scope that is one of the names' scopes, "company" or the user's.
 * Any broken promise aborts.
 *
 * Built and run by tests/fuzz/run (seeds and crashers in tests/fuzz/corpus/sentence/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "domain/sentence.h"

#define CHECK(cond, text)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_sentence: %s fails for \"%s\"\n", #cond, text);                  \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sentence_scope names[] = {
    {"华东", "unit:华东"},
    {"华南", "unit:华南"},
    {"华东/上海", "unit:华东/上海"},
    {"上海", "unit:华东/上海"},
    {"East", "unit:East"},
    {"Sales", "unit:Sales"},
    {"Cara Losch", "person:Cara Losch"},
    {"王芳", "person:王芳"},
    {"李雷", "person:李雷"},
    {"", "unit:empty"},
};

/* Is SCOPE one a reading may give? */
static int known_scope(const char *scope, const char *me)
{
    if (strcmp(scope, "company") == 0)
        return 1;
    if (me && (strcmp(scope, me) == 0 || strcmp(scope, "team:王芳") == 0))
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(scope, names[i].scope) == 0)
            return 1;
    /* "team NAME" / "NAME团队": a team of a person named in the list */
    return strncmp(scope, "team:", 5) == 0;
}

static void check_one(const char *text, const struct sentence_context *ctx)
{
    struct sentence_goal g;
    struct at_err err = {AT_OK, ""};
    memset(&g, 0xA5, sizeof g); /* the reader must reset OUT itself */
    enum at_status st = sentence_parse(text, ctx, &g, &err);
    if (st != AT_OK) {
        CHECK(st == AT_INVALID && err.status == AT_INVALID && err.msg[0] != '\0', text);
        return;
    }
    CHECK(!(g.has_target && g.has_growth), text);
    CHECK(!g.has_target || g.target >= 0, text);
    CHECK(!g.has_growth || g.base != GOAL_BASE_NONE, text);
    CHECK(g.direction == GOAL_HIGHER || g.direction == GOAL_LOWER, text);
    CHECK(memchr(g.scope, '\0', sizeof g.scope) != NULL, text);
    CHECK(memchr(g.understood, '\0', sizeof g.understood) != NULL, text);
    CHECK(memchr(g.missing, '\0', sizeof g.missing) != NULL, text);
    if (g.has_scope)
        CHECK(known_scope(g.scope, ctx->me), text);
    if (g.has_period) {
        CHECK(g.period.start <= g.period.end, text);
        CHECK(g.period.start >= CAL_DATE_MIN && g.period.end <= CAL_DATE_MAX, text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int fsms[] = {1, 4};
    static const char *const langs[] = {"zh", "en"};
    if (size > SENTENCE_TEXT_MAX + 16)
        return 0;
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    int32_t as_of[3] = {cal_from_ymd(2026, 7, 15), cal_from_ymd(2026, 12, 31), CAL_DATE_MAX};
    for (size_t a = 0; a < 3; a++)
        for (size_t f = 0; f < 2; f++)
            for (size_t l = 0; l < 2; l++) {
                struct sentence_context ctx = {as_of[a],
                                               fsms[f],
                                               langs[l],
                                               names,
                                               sizeof names / sizeof names[0],
                                               (a + f + l) % 2 ? "person:王芳" : NULL};
                check_one(text, &ctx);
            }
    free(text);
    return 0;
}
