/*
 * cli.h — the command line front end: global options, the command table,
 * dispatch. cli_main returns the process exit status (only main exits).
 */
#pragma once
#include <stdint.h>

int cli_main(int argc, char **argv);

/* What `attain serve` gets of the global options and the environment. */
struct cli_serve_ctx {
    const char *db_path; /* --db, else $ATTAIN_DB, else ./attain.db */
    const char *lang;    /* --lang (or the locale): "en" or "zh" */
    int64_t hold_ms;     /* $ATTAIN_DEBUG_HOLD_MS (tests: GET /readyz waits), 0 = none */
    int64_t debug_now;   /* $ATTAIN_DEBUG_NOW: the server's clock in unix seconds (tests:
                            session expiry), 0 = the real clock */
};
/* The server behind `attain serve` (src/http, handed over by main.c: the
 * command line never links it itself). ARGV is what follows "serve". */
typedef int (*cli_serve_fn)(int argc, char **argv, const struct cli_serve_ctx *ctx);
void cli_set_serve(cli_serve_fn fn);
