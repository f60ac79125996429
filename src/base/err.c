/* err.c — the status table and the error record helpers. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    enum at_status status;
    const char *name;
    int http;
    int exit_code;
} status_table[] = {
#define AT_X(name, code, http, exitc, msg) {AT_##name, #name, http, exitc},
    AT_STATUS_LIST(AT_X)
#undef AT_X
};

enum at_status at_err_set(struct at_err *err, enum at_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

enum at_status at_err_prefix(struct at_err *err, const char *fmt, ...)
{
    if (!err)
        return AT_INTERNAL;
    char prefix[AT_ERR_MAX];
    char old[AT_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    size_t n = strlen(prefix);
    if (n >= sizeof err->msg)
        n = sizeof err->msg - 1;
    memcpy(err->msg, prefix, n);
    size_t rest = strnlen(old, sizeof old - 1);
    if (rest > sizeof err->msg - 1 - n)
        rest = sizeof err->msg - 1 - n;
    memcpy(err->msg + n, old, rest);
    err->msg[n + rest] = '\0';
    return err->status;
}

void at_err_clear(struct at_err *err)
{
    if (err) {
        err->status = AT_OK;
        err->msg[0] = '\0';
    }
}

const char *at_status_name(enum at_status status)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].status == status)
            return status_table[i].name;
    return "UNKNOWN";
}

int at_status_exit_code(enum at_status status)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].status == status)
            return status_table[i].exit_code;
    return 1;
}

int at_status_http(enum at_status status)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].status == status)
            return status_table[i].http;
    return 500;
}
