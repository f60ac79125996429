/* main.c — argv to the command line interface, with the HTTP server handed to
 * it for `attain serve` (cli and http never include each other). */
#include "cli/cli.h"
#include "http/server.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

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
#ifdef __GLIBC__
    /* An answer's blocks (a breakdown's rows and texts, team customer lists:
     * 100 KB to a few MB) come from the heap and stay there between answers,
     * instead of fresh pages mapped and faulted in for every answer; larger
     * blocks (an engine build's arrays) are still mapped and given back. */
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
    cli_set_serve(serve);
    return cli_main(argc, argv);
}
