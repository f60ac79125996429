/* view/review.c — the decisions of review meetings as a table (view/review.h). */
#include "view/review.h"

#include <stdio.h>

#include "app/org.h"
#include "domain/calendar.h"

struct decisions_ctx {
    struct app *app;
    struct table *t;
};

static enum at_status decision_row(const struct review_decision *d, void *ctx, struct at_err *err)
{
    struct decisions_ctx *c = ctx;
    const struct org *o;
    enum at_status st = app_org(c->app, &o, err);
    if (st)
        return st;
    char id[24], scope[256], meeting[CAL_DATE_LEN], goal[24] = "", by[160];
    snprintf(id, sizeof id, "%lld", (long long)d->id);
    org_label(o, &d->scope, scope, sizeof scope);
    cal_format(d->meeting, meeting);
    if (d->goal_id)
        snprintf(goal, sizeof goal, "%lld", (long long)d->goal_id);
    if (!org_person_label(o, d->actor_id, by, sizeof by))
        snprintf(by, sizeof by, "#%lld", (long long)d->actor_id);
    const char *row[] = {id, scope, meeting, goal, d->text, by};
    table_add_row(c->t, row);
    return AT_OK;
}

enum at_status view_review_decisions(struct app *app, const char *scope, const char *since,
                                     const char *as_of, struct table *out, struct at_err *err)
{
    const char *cols[] = {"id", "scope", "meeting", "goal", "text", "by"};
    table_init(out, 6, cols);
    out->right[0] = out->right[3] = true;
    struct decisions_ctx c = {app, out};
    return app_review_decisions(app, scope, since, as_of, decision_row, &c, err);
}
