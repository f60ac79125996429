/* view/requests.c — the change requests as a table (view/requests.h), moved
 * out of cli/cmd_adjust.c so the API answers with the same rows. */
#include "view/requests.h"

#include <stdio.h>
#include <string.h>

struct requests_ctx {
    struct app *app;
    struct table *t;
    const struct view_visible *vis;
};

static enum at_status request_row(const struct request_view *v, void *ctx, struct at_err *err)
{
    (void)err;
    struct requests_ctx *c = ctx;
    if (!view_visible_label(c->app, c->vis, v->scope))
        return AT_OK;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)v->r.id);
    const char *stale = strcmp(v->r.status, "pending") != 0 ? "" : v->stale ? "yes" : "no";
    const char *row[] = {id,
                         v->r.kind,
                         v->r.status,
                         v->scope,
                         v->goals,
                         v->r.summary,
                         v->r.reason,
                         v->r.requested_by,
                         v->r.requested_on,
                         v->r.decided_by,
                         v->r.decided_on,
                         v->r.comment,
                         stale};
    table_add_row(c->t, row);
    return AT_OK;
}

enum at_status view_requests(struct app *app, const char *scope, const char *status,
                             const struct view_visible *vis, struct table *out, struct at_err *err)
{
    /* the CSV header is an interface */
    const char *cols[] = {"id",         "kind",    "status",       "scope",        "goals",
                          "summary",    "reason",  "requested_by", "requested_on", "decided_by",
                          "decided_on", "comment", "stale"};
    table_init(out, 13, cols);
    out->right[0] = true;
    struct requests_ctx c = {app, out, vis};
    return app_requests(app, scope, status, request_row, &c, err);
}
