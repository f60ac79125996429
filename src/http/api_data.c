/* api_data.c — the API routes of metrics, explain, reports, org, customers, deals, orders, import
 * and the plan. */
#include "http/http.h"

const struct route api_data_routes[] = {
    {0},
};
