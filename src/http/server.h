/*
 * server.h — the entry of `attain serve` (src/http/server.c). The command
 * line never includes this (cli and http never include each other): main.c
 * hands it to the command line through cli_set_serve.
 */
#pragma once
#include <stdint.h>

/* What the front end that starts the server read of its global options and
 * environment. */
struct http_serve_opts {
    const char *db_path; /* --db, $ATTAIN_DB, ./attain.db; serve's own --db wins */
    const char *lang;    /* --lang: the language of the server's own messages (requests
                            answer in the user's setting, else Accept-Language, else en) */
    int64_t hold_ms;     /* $ATTAIN_DEBUG_HOLD_MS: GET /readyz waits this long (tests) */
    int64_t debug_now;   /* $ATTAIN_DEBUG_NOW: the clock in unix seconds (tests), 0 = real */
};

/* `attain serve ARGS…` (ARGV after the command name); the exit status. */
int http_serve(int argc, char **argv, const struct http_serve_opts *opts);
