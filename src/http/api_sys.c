/* api_sys.c — the API routes of healthz, readyz, the events stream and the web UI's assets. */
#include "http/http.h"

const struct route api_sys_routes[] = {
    {0},
};
