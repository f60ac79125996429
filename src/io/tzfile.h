/*
 * tzfile.h — time zones from the system's zoneinfo files
 * (/usr/share/zoneinfo/NAME, TZif; parsed by domain/tz.c).
 */
#pragma once
#include <stddef.h>

#include "base/err.h"
#include "domain/tz.h"

/* Folder of the zone files. */
#define TZ_DIR "/usr/share/zoneinfo"

/*
 * Load zone NAME ("Asia/Shanghai", "UTC") into *OUT (caller owns: tz_free).
 * A name that is not a zone file (unknown, "../x", a folder) is AT_INVALID
 * with a message naming it and how zones are written.
 */
enum at_status tz_load(const char *name, struct tz *out, struct at_err *err);

/* The machine's zone name into OUT (SIZE bytes): where /etc/localtime points
 * under the zoneinfo folder, else /etc/timezone, else "UTC". */
void tz_machine_name(char *out, size_t size);
