/*
 * err.h — the one status enum of attain and the error record that travels with it.
 *
 * Every fallible function returns enum at_status and takes `struct at_err *err`
 * last; on failure it fills err with what went wrong and where, e.g.
 * "orders.csv:42:Sales: not a number: \"abc\"". The status list is one X-macro
 * so that names, stable codes, HTTP statuses and exit codes cannot drift.
 */
#pragma once
#include <stddef.h>

/*       name        code http exit  message */
#define AT_STATUS_LIST(X)                                                   \
    X(OK,          0,  200, 0, "ok")                                        \
    X(INVALID,     1,  400, 2, "invalid input")                             \
    X(NOT_FOUND,   2,  404, 3, "not found")                                 \
    X(AMBIGUOUS,   3,  409, 4, "ambiguous reference")                       \
    X(CONFLICT,    4,  409, 5, "conflict")                                  \
    X(IO,          5,  500, 6, "input/output error")                        \
    X(DB,          6,  500, 7, "database error")                            \
    X(UNSUPPORTED, 7,  501, 8, "not supported")                             \
    X(INTERNAL,    8,  500, 9, "internal error")                            \
    X(FORBIDDEN,   9,  403, 10, "not allowed")

enum at_status {
#define AT_X(name, code, http, exitc, msg) AT_##name = code,
    AT_STATUS_LIST(AT_X)
#undef AT_X
};

#define AT_ERR_MAX 1024

/* The error record: a status and a message naming what and where. */
struct at_err {
    enum at_status status;
    char msg[AT_ERR_MAX];
};

/* Fill ERR (if not NULL) with STATUS and a formatted message; returns STATUS. */
enum at_status at_err_set(struct at_err *err, enum at_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix ERR's message with a formatted context ("orders.csv: ..."); returns its status. */
enum at_status at_err_prefix(struct at_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reset ERR to AT_OK with an empty message. */
void at_err_clear(struct at_err *err);

/* Stable symbolic name ("INVALID"), process exit code and HTTP status of STATUS. */
const char *at_status_name(enum at_status status);
int at_status_exit_code(enum at_status status);
int at_status_http(enum at_status status);
