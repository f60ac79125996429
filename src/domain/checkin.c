/* checkin.c — the rules of check-ins (see checkin.h). */
#include "domain/checkin.h"

#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"

int32_t checkin_window_start(const char *cadence, int32_t day)
{
    int32_t monday = day - (cal_weekday(day) - 1);
    if (!cadence || !*cadence || strcmp(cadence, "weekly") == 0)
        return monday;
    if (strcmp(cadence, "biweekly") == 0)
        return monday - 7;
    if (strcmp(cadence, "monthly") == 0) {
        int y, m, d;
        cal_to_ymd(day, &y, &m, &d);
        return cal_from_ymd(y, m, 1);
    }
    return -1;
}

enum at_status checkin_confidence_parse(const char *text, int *out, struct at_err *err)
{
    size_t n = text ? strlen(text) : 0;
    bool digits = n >= 1 && n <= 2;
    for (size_t i = 0; digits && i < n; i++)
        digits = text[i] >= '0' && text[i] <= '9';
    int v = digits ? (n == 1 ? text[0] - '0' : (text[0] - '0') * 10 + text[1] - '0') : -1;
    if (!digits || (n == 2 && text[0] == '0') || v > CHECKIN_CONFIDENCE_MAX)
        return at_err_set(err, AT_INVALID, "confidence %s: a whole number from 0 to %d",
                          text ? text : "", CHECKIN_CONFIDENCE_MAX);
    *out = v;
    return AT_OK;
}

unsigned checkin_flags(int confidence, int previous, const struct metric_value *pace)
{
    unsigned f = 0;
    if (confidence >= 0 && previous >= 0 && previous - confidence >= CHECKIN_DROP)
        f |= CHECKIN_FLAG_CONFIDENCE_DROP;
    /* pace < 9/10 ⇔ num × 10 < 9 × den (den > 0); a 128-bit product, no overflow */
    if (confidence >= CHECKIN_ON_TRACK && pace && pace->defined && pace->den > 0 &&
        (__int128)pace->num * CHECKIN_OPTIMISTIC_DEN < (__int128)pace->den * CHECKIN_OPTIMISTIC_NUM)
        f |= CHECKIN_FLAG_OPTIMISTIC;
    return f;
}

char *checkin_flags_text(unsigned flags, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s", flags & CHECKIN_FLAG_CONFIDENCE_DROP ? "confidence_drop" : "",
             (flags & CHECKIN_FLAG_CONFIDENCE_DROP) && (flags & CHECKIN_FLAG_OPTIMISTIC) ? ";" : "",
             flags & CHECKIN_FLAG_OPTIMISTIC ? "optimistic" : "");
    return out;
}
