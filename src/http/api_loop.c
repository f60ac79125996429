/* api_loop.c — the API routes of check-ins, the forecast call, reviews, requests, scorecards,
 * alerts and channels. */
#include "http/http.h"

const struct route api_loop_routes[] = {
    {0},
};
