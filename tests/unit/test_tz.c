/*
 * test_tz.c — table-driven tests of domain/tz.c (TZif rules, the UTC offset at
 * an instant) through io/tzfile.c (the system's zone files), and of
 * date_parse_tz: a timestamp with an offset is cut to a day in the database's
 * zone. Expected offsets are from the published rules (China: UTC+8, with
 * daylight time 1986-1991; New York: EST -5 / EDT -4, second Sunday of March
 * 02:00 to first Sunday of November 02:00 since 2007).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/calendar.h"
#include "domain/tz.h"
#include "domain/value.h"
#include "io/tzfile.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Seconds since the epoch of Y-M-D h:m:s UTC. */
static int64_t utc_of(int y, int mo, int d, int h, int mi, int s)
{
    return (int64_t)cal_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

struct offset_case {
    const char *zone;
    int y, mo, d, h, mi, s; /* the instant, UTC */
    int32_t offset;         /* seconds east of UTC */
};

static const struct offset_case offset_cases[] = {
    {"Asia/Shanghai", 2026, 3, 31, 20, 0, 0, 8 * 3600},
    {"Asia/Shanghai", 2026, 7, 1, 0, 0, 0, 8 * 3600}, /* no daylight time now */
    {"Asia/Shanghai", 1988, 7, 1, 0, 0, 0, 9 * 3600}, /* 1986-1991 had it */
    {"Asia/Shanghai", 1988, 12, 1, 0, 0, 0, 8 * 3600},
    {"Asia/Shanghai", 2060, 1, 1, 0, 0, 0, 8 * 3600}, /* after the last transition */
    {"America/New_York", 2026, 1, 15, 12, 0, 0, -5 * 3600},
    {"America/New_York", 2026, 7, 1, 12, 0, 0, -4 * 3600},
    /* 2026-03-08 02:00 EST = 07:00Z: daylight time begins */
    {"America/New_York", 2026, 3, 8, 6, 59, 59, -5 * 3600},
    {"America/New_York", 2026, 3, 8, 7, 0, 0, -4 * 3600},
    /* 2026-11-01 02:00 EDT = 06:00Z: it ends */
    {"America/New_York", 2026, 11, 1, 5, 59, 59, -4 * 3600},
    {"America/New_York", 2026, 11, 1, 6, 0, 0, -5 * 3600},
    /* 2050, past the file's transitions if it is slim: the footer rule
     * (2050-03-13 and 2050-11-06 are the second and first Sundays) */
    {"America/New_York", 2050, 3, 13, 6, 59, 59, -5 * 3600},
    {"America/New_York", 2050, 3, 13, 7, 0, 0, -4 * 3600},
    {"America/New_York", 2050, 11, 6, 5, 59, 59, -4 * 3600},
    {"America/New_York", 2050, 11, 6, 6, 0, 0, -5 * 3600},
    {"America/New_York", 1960, 1, 1, 12, 0, 0, -5 * 3600},
    {"UTC", 2026, 3, 31, 20, 0, 0, 0},
    {"UTC", 1900, 1, 1, 0, 0, 0, 0},
};

static void test_offsets(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(offset_cases); i++) {
        const struct offset_case *c = &offset_cases[i];
        struct tz z;
        struct at_err err = {AT_OK, ""};
        if (tz_load(c->zone, &z, &err) != AT_OK)
            fail_msg("%s: %s", c->zone, err.msg);
        int32_t got = tz_offset_at(&z, utc_of(c->y, c->mo, c->d, c->h, c->mi, c->s));
        if (got != c->offset)
            fail_msg("%s at %04d-%02d-%02dT%02d:%02d:%02dZ: offset %d, want %d", c->zone, c->y,
                     c->mo, c->d, c->h, c->mi, c->s, got, c->offset);
        tz_free(&z);
    }
}

struct day_case {
    const char *text;
    const char *zone; /* NULL: no zone (the date as written) */
    const char *day;
};

static const struct day_case day_cases[] = {
    {"2020-12-31T23:30:00-05:00", "Asia/Shanghai", "2021-01-01"},
    {"2020-12-31T23:30:00-05:00", "UTC", "2021-01-01"},
    {"2020-12-31T23:30:00-05:00", "America/New_York", "2020-12-31"},
    {"2020-12-31T23:30:00-05:00", NULL, "2020-12-31"},
    /* A Salesforce export in UTC: closed at 20:00Z on 31 March is Q2 in Beijing. */
    {"2026-03-31T20:00:00Z", "Asia/Shanghai", "2026-04-01"},
    {"2026-03-31T15:59:59Z", "Asia/Shanghai", "2026-03-31"},
    {"2026-03-31T16:00:00Z", "Asia/Shanghai", "2026-04-01"},
    {"2026-03-31T20:00:00.000Z", "America/New_York", "2026-03-31"},
    {"2026-04-01T01:00:00+08:00", "America/New_York", "2026-03-31"},
    {"2026-04-01 03:30:00 UTC", "America/New_York", "2026-03-31"},
    {"2017-09-10 03:27:54+00:00", "Asia/Shanghai", "2017-09-10"},
    {"2026-03-31 11:30 PM +00:00", "Asia/Shanghai", "2026-04-01"},
    {"2026-03-31 12:30 AM -05:00", "UTC", "2026-03-31"},
    /* Without an offset a timestamp is local already. */
    {"2026-03-31 20:00:00", "America/New_York", "2026-03-31"},
    {"2026-03-31T23:59:59", "Asia/Shanghai", "2026-03-31"},
    {"2026年3月31日", "Asia/Shanghai", "2026-03-31"},
    /* DST edge in New York: 2026-03-08 06:30Z is 01:30 EST, 07:30Z 03:30 EDT. */
    {"2026-03-08T04:59:00Z", "America/New_York", "2026-03-07"},
    {"2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"},
    {"2026-11-01T03:59:00Z", "America/New_York", "2026-10-31"},
    {"2026-11-01T04:00:00Z", "America/New_York", "2026-11-01"},
};

static void test_days(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(day_cases); i++) {
        const struct day_case *c = &day_cases[i];
        struct tz z;
        struct at_err err = {AT_OK, ""};
        if (c->zone && tz_load(c->zone, &z, &err) != AT_OK)
            fail_msg("%s: %s", c->zone, err.msg);
        int32_t day;
        if (date_parse_tz(c->text, DATE_ORDER_NONE, c->zone ? &z : NULL, &day, &err) != AT_OK)
            fail_msg("\"%s\": %s", c->text, err.msg);
        char out[CAL_DATE_LEN];
        if (strcmp(cal_format(day, out), c->day) != 0)
            fail_msg("\"%s\" in %s: %s, want %s", c->text, c->zone ? c->zone : "(none)", out,
                     c->day);
        if (c->zone)
            tz_free(&z);
    }
}

struct bad_zone_case {
    const char *name;
    const char *reason;
};

static const struct bad_zone_case bad_zones[] = {
    {"Mars/Olympus", "unknown time zone \"Mars/Olympus\""},
    {"../../etc/passwd", "write a zone name"},
    {"/etc/localtime", "write a zone name"},
    {"Asia", "unknown time zone"}, /* a folder */
    {"", "write a zone name"},
    {"zone.tab", "write a zone name"},
};

static void test_bad_zones(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(bad_zones); i++) {
        struct tz z;
        struct at_err err = {AT_OK, ""};
        if (tz_load(bad_zones[i].name, &z, &err) != AT_INVALID)
            fail_msg("\"%s\" accepted", bad_zones[i].name);
        if (!strstr(err.msg, bad_zones[i].reason))
            fail_msg("\"%s\": \"%s\"", bad_zones[i].name, err.msg);
        tz_free(&z);
    }
    /* Bytes that are not TZif, or a TZif header cut short. */
    static const unsigned char junk[] = "not a zone file at all, but long enough to be read";
    static const unsigned char cut[48] = "TZif2";
    struct tz z;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(tz_parse("junk", junk, sizeof junk, &z, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "not a TZif file"));
    unsigned char hdr[48];
    memcpy(hdr, cut, sizeof hdr);
    hdr[35] = 10; /* ten transitions that are not there */
    hdr[39] = 1;
    assert_int_equal(tz_parse("cut", hdr, sizeof hdr, &z, &err), AT_INVALID);
    assert_non_null(strstr(err.msg, "cut short"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_bad_zones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
