/*
 * fuzz_goal_target.c — libFuzzer target for goal_target_parse (domain/goal.c):
 * a target typed by a person for a money, count, ratio or score metric, with
 * currencies of 0, 2 and 3 decimals.
 *
 * Promises checked (goal.h): a refusal is AT_INVALID with a message quoting
 * the input; a target read is not negative; its canonical text
 * (goal_target_format) reads back to the same target for money, ratios and
 * scores, and for counts when the count is whole. Any broken promise aborts.
 *
 * Built and run by tests/fuzz/run (seeds and crashers in tests/fuzz/corpus/goal_target/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/goal.h"

#define CHECK(cond, text)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_goal_target: %s fails for \"%s\"\n", #cond, text);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum metric_unit units[] = {MU_MONEY, MU_COUNT, MU_RATIO, MU_SCORE};
    static const int exps[] = {0, 2, 3};
    if (size > 4096)
        return 0;
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    for (size_t u = 0; u < 4; u++)
        for (size_t x = 0; x < 3; x++) {
            int64_t t = -1;
            struct at_err err = {AT_OK, ""};
            enum at_status st = goal_target_parse(units[u], text, exps[x], &t, &err);
            if (st != AT_OK) {
                CHECK(st == AT_INVALID && err.status == AT_INVALID, text);
                CHECK(strncmp(err.msg, "target \"", 8) == 0, text);
                continue;
            }
            CHECK(t >= 0, text);
            if (units[u] == MU_COUNT && t % GOAL_SCALE != 0)
                continue; /* counts print whole */
            char canon[64];
            goal_target_format(units[u], t, exps[x], canon, sizeof canon);
            int64_t again = -1;
            CHECK(goal_target_parse(units[u], canon, exps[x], &again, NULL) == AT_OK, text);
            CHECK(again == t, text);
        }
    free(text);
    return 0;
}
