/*
 * tz.h — a time zone's rules: the UTC offset in force at any instant, read
 * from the bytes of a TZif file (RFC 8536; /usr/share/zoneinfo/Asia/Shanghai).
 * Pure: io/tzfile.c reads the file. glibc has no per-zone API and attain may
 * not set TZ under itself, so the rules are read here.
 *
 * The transitions of the file are used where they reach; after the last one,
 * the POSIX TZ rule of the file's footer ("EST5EDT,M3.2.0,M11.1.0") decides.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define TZ_NAME_MAX 64

/* A daylight-saving rule of a POSIX TZ string: month, week (5 = last) and
 * weekday (0 = Sunday) of the change, and the local time of day it happens. */
struct tz_change {
    int month, week, weekday;
    int32_t secs;
};

struct tz {
    char name[TZ_NAME_MAX];
    int64_t *times;   /* transition instants, UTC seconds, ascending */
    int32_t *offsets; /* the offset (seconds east of UTC) from times[i] on */
    size_t n;
    int32_t first_offset; /* before the first transition */
    /* the footer rule, for instants after the last transition */
    int has_rule, rule_dst;
    int32_t std_offset, dst_offset;
    struct tz_change dst_start, dst_end;
};

/*
 * Parse the TZif bytes DATA (LEN) of the zone NAME into *OUT (caller owns:
 * tz_free). Version 1 files use the 32-bit data; later versions the 64-bit
 * data and the footer. A file that is not TZif, or is cut short, is an error.
 */
enum at_status tz_parse(const char *name, const unsigned char *data, size_t len, struct tz *out,
                        struct at_err *err);
/* A zone of one fixed offset (UTC: 0), for tests and as the default. */
void tz_fixed(struct tz *out, const char *name, int32_t offset);
void tz_free(struct tz *z);

/* Seconds east of UTC in zone Z at the instant UTC (seconds since 1970-01-01T00:00Z). */
int32_t tz_offset_at(const struct tz *z, int64_t utc);
