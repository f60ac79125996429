/* main.c — argv to the command line interface, with the HTTP server handed to
 * it for `attain serve` (cli and http never include each other). */
#include "cli/cli.h"
#include "http/server.h"

static int serve(int argc, char **argv, const struct cli_serve_ctx *ctx)
{
    struct http_serve_opts opts = {.db_path = ctx->db_path,
                                   .lang = ctx->lang,
                                   .hold_ms = ctx->hold_ms,
                                   .debug_now = ctx->debug_now};
    return http_serve(argc, argv, &opts);
}

int main(int argc, char **argv)
{
    cli_set_serve(serve);
    return cli_main(argc, argv);
}
