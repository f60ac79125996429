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
};

/* Parse ARGV[0..ARGC) (the words after the command name) against SPECS
 * (terminated by a NULL name). Positional arguments go to POS (up to MAX_POS;
 * more is an error); *N_POS gets their number. CMD names the command in messages. */
enum at_status opts_parse(const char *cmd, int argc, char **argv, const struct opt_spec *specs,
                          char **pos, int max_pos, int *n_pos, struct at_err *err);
