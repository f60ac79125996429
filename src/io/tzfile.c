/*
 * tzfile.c — reading zone files (see tzfile.h).
 */
#include "io/tzfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"

/* Zone names are letters, digits and "/_+-" ("America/Argentina/Buenos_Aires",
 * "Etc/GMT+8"), with no empty, "." or ".." level. */
static bool name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= TZ_NAME_MAX || name[0] == '/' || name[n - 1] == '/')
        return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '+' || c == '-'))
            return false;
        if (c == '/' && p[1] == '/')
            return false;
    }
    return true;
}

enum at_status tz_load(const char *name, struct tz *out, struct at_err *err)
{
    tz_fixed(out, "UTC", 0);
    if (!name_ok(name))
        return at_err_set(err, AT_INVALID,
                          "time zone \"%s\": write a zone name such as Asia/Shanghai, "
                          "America/New_York or UTC",
                          name);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", TZ_DIR, name);
    struct stat sb;
    FILE *f = NULL;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > (1 << 20) ||
        !(f = fopen(path, "rb"))) {
        if (strcmp(name, "UTC") == 0) /* a machine without zone files still has UTC */
            return AT_OK;
        return at_err_set(err, AT_INVALID,
                          "unknown time zone \"%s\" (no such zone in %s; e.g. Asia/Shanghai, "
                          "America/New_York, UTC)",
                          name, TZ_DIR);
    }
    size_t size = (size_t)sb.st_size;
    unsigned char *data = xcalloc(size ? size : 1, 1);
    size_t got = fread(data, 1, size, f);
    fclose(f);
    enum at_status st = got == size
                            ? tz_parse(name, data, size, out, err)
                            : at_err_set(err, AT_IO, "time zone %s: cannot read %s", name, path);
    free(data);
    return st;
}

void tz_machine_name(char *out, size_t size)
{
    char link[512];
    ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
    if (n > 0) {
        link[n] = '\0';
        const char *z = strstr(link, "zoneinfo/");
        if (z && name_ok(z + strlen("zoneinfo/"))) {
            snprintf(out, size, "%s", z + strlen("zoneinfo/"));
            return;
        }
    }
    FILE *f = fopen("/etc/timezone", "r");
    if (f) {
        char line[128];
        if (fgets(line, sizeof line, f)) {
            char *t = str_trim(line);
            if (name_ok(t)) {
                snprintf(out, size, "%s", t);
                fclose(f);
                return;
            }
        }
        fclose(f);
    }
    snprintf(out, size, "UTC");
}
