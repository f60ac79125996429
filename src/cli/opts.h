/*
 * opts.h — option parsing for one command: "--name value", "--name=value" and
 * flags; anything starting with "--" that the command does not know is an
 * error naming it. Arguments that are not options are collected in order.
 */
#pragma once
#include <stdbool.h>

#include "base/err.h"

struct opt_spec {
    const char *name;   /* "--map" */
    const char **value; /* for options with a value (NULL for flags) */
    bool *flag;         /* for flags (NULL for options with a value) */
    const char **list;  /* for repeatable options: every value, in order */
    size_t *n_list;
    size_t max_list;
};

#define OPT_VALUE(n, v) {.name = (n), .value = (v)}
#define OPT_FLAG(n, f) {.name = (n), .flag = (f)}
#define OPT_LIST(n, l, count, max) {.name = (n), .list = (l), .n_list = (count), .max_list = (max)}
#define OPT_END {.name = NULL}

/* Parse ARGV[0..ARGC) (the words after the command name) against SPECS
 * (terminated by a NULL name). Positional arguments go to POS (up to MAX_POS;
 * more is an error); *N_POS gets their number. CMD names the command in messages. */
enum at_status opts_parse(const char *cmd, int argc, char **argv, const struct opt_spec *specs,
                          char **pos, int max_pos, int *n_pos, struct at_err *err);
