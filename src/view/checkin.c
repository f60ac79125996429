/* view/checkin.c — the check-in timeline and the check-ins due as tables
 * (view/checkin.h), moved out of cli/cmd_checkin.c so the API answers with
 * the same rows. */
#include "view/checkin.h"

#include <stdio.h>

#include "app/app.h"
#include "domain/calendar.h"
#include "domain/period.h"

#define TEXT(s)                                                                                    \
    {                                                                                              \
        .kind = VK_TEXT, .defined = true, .text = (s)                                              \
    }

struct ls_ctx {
    struct app *app;
    struct table *t;
    int64_t only_id;
    const struct view_visible *vis;
};

static enum at_status ls_row(const struct checkin_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct ls_ctx *l = ctx;
    const struct checkin *c = &r->c;
    if (l->only_id && c->id != l->only_id)
        return AT_OK;
    if (!view_visible_label(l->app, l->vis, r->goal_scope))
        return AT_OK;
    char id[24], goal[24], at[CAL_DATE_LEN], conf[8], acked_at[CAL_DATE_LEN] = "";
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(goal, sizeof goal, "%lld", (long long)c->goal_id);
    cal_format(c->at, at);
    snprintf(conf, sizeof conf, "%d", c->confidence);
    if (c->acked_at)
        cal_format(c->acked_at, acked_at);
    const char *confidence = c->confidence >= 0 ? conf : "";
    const struct typed_value row[] = {TEXT(id),
                                      TEXT(goal),
                                      TEXT(at),
                                      TEXT(r->by),
                                      TEXT(confidence),
                                      c->actual,
                                      c->attainment,
                                      c->pace,
                                      TEXT(c->status),
                                      TEXT(r->acked_by),
                                      c->expected,
                                      c->forecast,
                                      TEXT(c->note),
                                      TEXT(c->blockers),
                                      TEXT(c->next),
                                      TEXT(c->flags),
                                      TEXT(acked_at),
                                      TEXT(c->ack_comment),
                                      TEXT(r->goal_scope),
                                      TEXT(r->goal_title)};
    table_add_values(l->t, row);
    return AT_OK;
}

enum at_status view_checkins(struct app *app, const struct checkin_list_options *o, int64_t only_id,
                             const struct view_visible *vis, struct table *out, struct at_err *err)
{
    /* the CSV header is an interface: these ten first, the details after */
    const char *cols[] = {"id",       "goal",       "at",          "by",       "confidence",
                          "actual",   "attainment", "pace",        "status",   "acked_by",
                          "expected", "forecast",   "note",        "blockers", "next",
                          "flags",    "acked_at",   "ack_comment", "scope",    "title"};
    table_init(out, 20, cols);
    snprintf(out->currency, sizeof out->currency, "%s", app->currency);
    for (size_t c = 4; c < 8; c++)
        out->right[c] = true;
    out->right[0] = out->right[1] = true;
    struct ls_ctx l = {app, out, only_id, vis};
    return app_checkin_list(app, o, ls_row, &l, err);
}

struct due_ctx {
    struct app *app;
    struct table *t;
    const struct view_visible *vis;
};

static enum at_status due_row(const struct checkin_due *d, void *ctx, struct at_err *err)
{
    (void)err;
    struct due_ctx *c = ctx;
    if (!view_visible_ref(c->app, c->vis, &d->goal.ref))
        return AT_OK;
    char id[24], period[PERIOD_TEXT_MAX], window[CAL_DATE_LEN], last[CAL_DATE_LEN] = "";
    snprintf(id, sizeof id, "%lld", (long long)d->goal.id);
    period_format(&d->goal.period, period);
    cal_format(d->window_start, window);
    if (d->last)
        cal_format(d->last, last);
    const char *row[] = {id,     d->owes,    d->goal.title, d->goal.scope,
                         period, d->cadence, window,        last};
    table_add_row(c->t, row);
    return AT_OK;
}

enum at_status view_checkins_due(struct app *app, const char *scope, const char *as_of,
                                 const struct view_visible *vis, struct table *out,
                                 struct at_err *err)
{
    const char *cols[] = {"goal",   "owes",    "title", "scope",
                          "period", "cadence", "since", "last_checkin"};
    table_init(out, 8, cols);
    out->right[0] = true;
    struct due_ctx c = {app, out, vis};
    return app_checkin_due(app, scope, as_of, due_row, &c, err);
}
