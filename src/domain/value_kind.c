/* value_kind.c — typed values as canonical text (value_kind.h). */
#include "domain/value_kind.h"

#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"

const char *value_kind_name(enum value_kind k)
{
    static const char *const names[] = {"text", "money", "count", "ratio", "score", "date"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

char *decimal_format(__int128 q, int digits, bool trim, char *out, size_t size)
{
    bool neg = q < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)q : (unsigned __int128)q;
    char digs[64];
    int n = 0;
    do {
        digs[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u > 0 || n <= digits);
    char buf[80];
    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        buf[k++] = digs[i];
        if (i == digits && digits > 0)
            buf[k++] = '.';
    }
    buf[k] = '\0';
    if (trim && digits > 0) {
        while (k > 0 && buf[k - 1] == '0')
            buf[--k] = '\0';
        if (k > 0 && buf[k - 1] == '.')
            buf[--k] = '\0';
        if (strcmp(buf, "-0") == 0)
            snprintf(buf, sizeof buf, "0");
    }
    snprintf(out, size, "%s", buf);
    return out;
}

char *typed_value_format(const struct typed_value *tv, int exponent, char *out, size_t size)
{
    if (!tv->defined) {
        snprintf(out, size, "%s", "");
        return out;
    }
    switch (tv->kind) {
    case VK_MONEY:
        return decimal_format(tv->v, exponent, false, out, size);
    case VK_COUNT:
        return decimal_format(tv->v, 4, true, out, size);
    case VK_RATIO:
    case VK_SCORE:
        return decimal_format(tv->v, 4, false, out, size);
    case VK_DATE: {
        char d[CAL_DATE_LEN];
        snprintf(out, size, "%s", cal_format((int32_t)tv->v, d));
        return out;
    }
    case VK_TEXT:
        break;
    }
    snprintf(out, size, "%s", tv->text ? tv->text : "");
    return out;
}
