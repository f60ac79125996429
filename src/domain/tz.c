/*
 * tz.c — TZif parsing and the UTC offset at an instant (see tz.h).
 */
#include "domain/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"

static int64_t be(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | p[i];
    if (bytes == 4)
        return (int64_t)(int32_t)(uint32_t)v;
    return (int64_t)v;
}

void tz_fixed(struct tz *out, const char *name, int32_t offset)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", name);
    out->first_offset = offset;
}

void tz_free(struct tz *z)
{
    free(z->times);
    free(z->offsets);
    z->times = NULL;
    z->offsets = NULL;
    z->n = 0;
}

/* ---- the POSIX TZ rule of the footer --------------------------------------- */

/* A zone abbreviation: letters, or anything in <...>. */
static bool rule_name(const char **p)
{
    const char *s = *p;
    if (*s == '<') {
        const char *e = strchr(s, '>');
        if (!e)
            return false;
        *p = e + 1;
        return true;
    }
    size_t n = 0;
    while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))
        n++;
    if (n < 3)
        return false;
    *p = s + n;
    return true;
}

static bool rule_num(const char **p, int max_digits, int *v)
{
    int n = 0, x = 0;
    while (n < max_digits && **p >= '0' && **p <= '9') {
        x = x * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = x;
    return n > 0;
}

/* [+-]hh[:mm[:ss]] in seconds. */
static bool rule_time(const char **p, int32_t *secs)
{
    int sign = 1, h, m = 0, s = 0;
    if (**p == '+' || **p == '-')
        sign = *(*p)++ == '-' ? -1 : 1;
    if (!rule_num(p, 3, &h))
        return false;
    if (**p == ':') {
        (*p)++;
        if (!rule_num(p, 2, &m))
            return false;
        if (**p == ':') {
            (*p)++;
            if (!rule_num(p, 2, &s))
                return false;
        }
    }
    *secs = sign * (h * 3600 + m * 60 + s);
    return true;
}

/* ",Mm.w.d[/time]" */
static bool rule_change(const char **p, struct tz_change *c)
{
    if (**p != ',')
        return false;
    (*p)++;
    if (**p != 'M') /* the Julian-day forms are not used by current zones */
        return false;
    (*p)++;
    if (!rule_num(p, 2, &c->month) || *(*p)++ != '.' || !rule_num(p, 1, &c->week) ||
        *(*p)++ != '.' || !rule_num(p, 1, &c->weekday))
        return false;
    if (c->month < 1 || c->month > 12 || c->week < 1 || c->week > 5 || c->weekday > 6)
        return false;
    c->secs = 2 * 3600;
    if (**p == '/') {
        (*p)++;
        if (!rule_time(p, &c->secs))
            return false;
    }
    return true;
}

/* Parse the footer rule TEXT into Z; false when it is not understood (the
 * last transition's offset then stays in force). */
static bool rule_parse(const char *text, struct tz *z)
{
    const char *p = text;
    int32_t std;
    if (!rule_name(&p) || !rule_time(&p, &std))
        return false;
    z->std_offset = -std;
    z->rule_dst = 0;
    if (*p) {
        if (!rule_name(&p))
            return false;
        int32_t dst = std - 3600;
        if (*p && *p != ',' && !rule_time(&p, &dst))
            return false;
        z->dst_offset = -dst;
        if (!rule_change(&p, &z->dst_start) || !rule_change(&p, &z->dst_end) || *p)
            return false;
        z->rule_dst = 1;
    }
    z->has_rule = 1;
    return true;
}

/* The day of change C in YEAR. */
static int32_t change_day(int year, const struct tz_change *c)
{
    int32_t first = cal_from_ymd(year, c->month, 1);
    int wd = cal_weekday(first) % 7; /* 0 = Sunday */
    int32_t day = first + (c->weekday - wd + 7) % 7 + (c->week - 1) * 7;
    int32_t last = first + cal_days_in_month(year, c->month) - 1;
    while (day > last)
        day -= 7;
    return day;
}

static int32_t rule_offset(const struct tz *z, int64_t utc)
{
    if (!z->rule_dst)
        return z->std_offset;
    int64_t local_day = (utc + z->std_offset) / 86400 - ((utc + z->std_offset) % 86400 < 0);
    int y, m, d;
    cal_to_ymd((int32_t)local_day, &y, &m, &d);
    /* The change instants in UTC: the start is given in standard time, the
     * end in daylight time. */
    int64_t start =
        (int64_t)change_day(y, &z->dst_start) * 86400 + z->dst_start.secs - z->std_offset;
    int64_t end = (int64_t)change_day(y, &z->dst_end) * 86400 + z->dst_end.secs - z->dst_offset;
    bool dst = start < end ? (utc >= start && utc < end) : (utc < end || utc >= start);
    return dst ? z->dst_offset : z->std_offset;
}

/* ---- TZif -------------------------------------------------------------------- */

enum at_status tz_parse(const char *name, const unsigned char *data, size_t len, struct tz *out,
                        struct at_err *err)
{
    tz_fixed(out, name, 0);
    if (len < 44 || memcmp(data, "TZif", 4) != 0)
        return at_err_set(err, AT_INVALID, "time zone %s: not a TZif file", name);
    int version = data[4] ? data[4] - '0' : 1;
    const unsigned char *h = data;
    int tbytes = 4;
    size_t pos = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pos + 44 > len || memcmp(data + pos, "TZif", 4) != 0)
            return at_err_set(err, AT_INVALID, "time zone %s: TZif file cut short", name);
        h = data + pos;
        size_t isut = (size_t)be(h + 20, 4), isstd = (size_t)be(h + 24, 4),
               leap = (size_t)be(h + 28, 4), timecnt = (size_t)be(h + 32, 4),
               typecnt = (size_t)be(h + 36, 4), charcnt = (size_t)be(h + 40, 4);
        if (timecnt > 100000 || typecnt == 0 || typecnt > 256 || leap > 10000 || charcnt > 100000 ||
            isut > 256 || isstd > 256)
            return at_err_set(err, AT_INVALID, "time zone %s: bad TZif counts", name);
        size_t body = timecnt * (size_t)tbytes + timecnt + typecnt * 6 + charcnt +
                      leap * (size_t)(tbytes + 4) + isstd + isut;
        pos += 44;
        if (pos + body > len)
            return at_err_set(err, AT_INVALID, "time zone %s: TZif file cut short", name);
        if (version >= 2 && pass == 0) { /* skip the 32-bit data */
            pos += body;
            tbytes = 8;
            continue;
        }
        const unsigned char *times = data + pos, *idx = times + timecnt * (size_t)tbytes,
                            *types = idx + timecnt;
        out->times = xcalloc(timecnt ? timecnt : 1, sizeof *out->times);
        out->offsets = xcalloc(timecnt ? timecnt : 1, sizeof *out->offsets);
        for (size_t i = 0; i < timecnt; i++) {
            if (idx[i] >= typecnt) {
                tz_free(out);
                return at_err_set(err, AT_INVALID, "time zone %s: bad TZif type index", name);
            }
            out->times[i] = be(times + i * (size_t)tbytes, tbytes);
            out->offsets[i] = (int32_t)be(types + idx[i] * 6, 4);
        }
        out->n = timecnt;
        out->first_offset = (int32_t)be(types, 4);
        pos += body;
        if (version >= 2 && pos < len && data[pos] == '\n') {
            const unsigned char *nl = memchr(data + pos + 1, '\n', len - pos - 1);
            if (nl) {
                char rule[128];
                size_t n = (size_t)(nl - (data + pos + 1));
                if (n < sizeof rule) {
                    memcpy(rule, data + pos + 1, n);
                    rule[n] = '\0';
                    if (n && !rule_parse(rule, out))
                        out->has_rule = 0;
                }
            }
        }
        break;
    }
    return AT_OK;
}

int32_t tz_offset_at(const struct tz *z, int64_t utc)
{
    if (z->n == 0)
        return z->has_rule ? rule_offset(z, utc) : z->first_offset;
    if (utc < z->times[0])
        return z->first_offset;
    if (utc >= z->times[z->n - 1] && z->has_rule)
        return rule_offset(z, utc);
    size_t lo = 0, hi = z->n; /* the last transition at or before UTC */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    return z->offsets[lo];
}
