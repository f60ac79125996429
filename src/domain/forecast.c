/* forecast.c — forecast categories, accuracy and scorecard rules (see
 * forecast.h). */
#include "domain/forecast.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

static const char *const category_names[] = {"pipeline", "best_case", "commit", "closed",
                                             "omitted"};

const char *forecast_category_name(enum forecast_category c)
{
    return c < FORECAST_CATEGORY_COUNT ? category_names[c] : "unknown";
}

bool forecast_category_parse(const char *text, enum forecast_category *out)
{
    if (!text)
        return false;
    if (strcmp(text, "best-case") == 0) {
        *out = FORECAST_BEST_CASE;
        return true;
    }
    for (int c = 0; c < FORECAST_CATEGORY_COUNT; c++)
        if (strcmp(text, category_names[c]) == 0) {
            *out = (enum forecast_category)c;
            return true;
        }
    return false;
}

const char *forecast_rule_name(enum forecast_rule r)
{
    return r == FORECAST_RULE_SET      ? "set"
           : r == FORECAST_RULE_STATUS ? "status"
           : r == FORECAST_RULE_NAME   ? "name"
                                       : "probability";
}

/* Does TEXT contain WORD, ASCII letters compared without case? */
static bool contains_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)word[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

enum forecast_category forecast_stage_default(const char *stage, bool has_prob, int64_t prob_bp,
                                              enum forecast_rule *rule)
{
    static const char *const committed[] = {"commit", "negotiat", "contract", "合同",
                                            "谈判",   "签约",     "承诺"};
    if (stage)
        for (size_t i = 0; i < sizeof committed / sizeof committed[0]; i++)
            if (contains_word(stage, committed[i])) {
                if (rule)
                    *rule = FORECAST_RULE_NAME;
                return FORECAST_COMMIT;
            }
    if (rule)
        *rule = FORECAST_RULE_PROBABILITY;
    if (!has_prob)
        return FORECAST_PIPELINE;
    return prob_bp >= FORECAST_COMMIT_BP      ? FORECAST_COMMIT
           : prob_bp >= FORECAST_BEST_CASE_BP ? FORECAST_BEST_CASE
                                              : FORECAST_PIPELINE;
}

/* NUM / DEN rounded half away from zero (DEN > 0). */
static __int128 div_round(__int128 num, __int128 den)
{
    return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

int64_t forecast_ratio_e4(__int128 num, __int128 den)
{
    return (int64_t)div_round(num * 10000, den);
}

bool forecast_accuracy_e8(int64_t commit, int64_t actual, int64_t *error, int64_t *bias)
{
    if (actual <= 0)
        return false;
    __int128 d = (__int128)commit - actual;
    *bias = (int64_t)div_round(d * 100000000, actual);
    *error = (int64_t)div_round((d < 0 ? -d : d) * 100000000, actual);
    return true;
}

bool scorecard_cap_parse(const char *text, enum scorecard_cap *out)
{
    if (!text)
        return false;
    if (strcmp(text, "100%") == 0 || strcmp(text, "100") == 0)
        *out = SCORECARD_CAP_100;
    else if (strcmp(text, "120%") == 0 || strcmp(text, "120") == 0)
        *out = SCORECARD_CAP_120;
    else if (strcmp(text, "none") == 0)
        *out = SCORECARD_CAP_NONE;
    else
        return false;
    return true;
}

const char *scorecard_cap_name(enum scorecard_cap c)
{
    return c == SCORECARD_CAP_100 ? "100%" : c == SCORECARD_CAP_120 ? "120%" : "none";
}

void scorecard_attainment(bool lower, int64_t target, int64_t actual, enum scorecard_cap cap,
                          bool *defined, int64_t *attainment, int64_t *counted)
{
    int64_t limit = cap == SCORECARD_CAP_100 ? 10000 : cap == SCORECARD_CAP_120 ? 12000 : -1;
    *defined = false;
    *attainment = 0;
    if (!lower) {
        if (target > 0) {
            *defined = true;
            *attainment = forecast_ratio_e4(actual, target);
        }
    } else if (actual > 0) {
        *defined = true;
        *attainment = forecast_ratio_e4(target, actual);
    } else {
        /* nothing happened on a lower-is-better goal: the best outcome */
        *counted = limit >= 0 ? limit : 10000;
        return;
    }
    *counted = *attainment < 0 ? 0 : *attainment;
    if (limit >= 0 && *counted > limit)
        *counted = limit;
}
