/* routes.c — the one route table: the api_*.c arrays joined in a fixed order.
 * The router, the OpenAPI check (docs/api.yaml) and the authorization matrix
 * test (`attain serve --routes`) all read it from here. */
#include "http/http.h"

#include <stdlib.h>

static const struct route *const *joined;
static size_t n_joined;

static size_t count(const struct route *t)
{
    size_t n = 0;
    while (t[n].method)
        n++;
    return n;
}

const struct route *const *http_routes(size_t *n)
{
    static const struct route *const tables[] = {api_sys_routes, api_session_routes,
                                                 api_goal_routes, api_loop_routes, api_data_routes};
    if (!joined) {
        size_t total = 0;
        for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
            total += count(tables[i]);
        const struct route **all = calloc(total ? total : 1, sizeof *all);
        if (!all)
            abort();
        size_t k = 0;
        for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
            for (const struct route *r = tables[i]; r->method; r++)
                all[k++] = r;
        n_joined = total;
        joined = all;
    }
    *n = n_joined;
    return joined;
}
