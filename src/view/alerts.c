/* view/alerts.c — the channels and the outbox as tables (view/alerts.h),
 * moved out of cli/cmd_alerts.c so the API answers with the same rows. */
#include "view/alerts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/goals.h"
#include "app/notify.h"

struct channel_ls {
    struct app *app;
    struct table *t;
};

static enum at_status channel_row(const struct channel *c, void *ctx, struct at_err *err)
{
    (void)err;
    struct channel_ls *l = ctx;
    char id[24], scope[256], target[1400];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    app_channel_scope(l->app, c, scope, sizeof scope);
    channel_target_shown(c, target, sizeof target);
    const char *row[] = {id,        scope, c->kind, target, c->lang, c->secret[0] ? "****" : "",
                         c->created};
    table_add_row(l->t, row);
    return AT_OK;
}

enum at_status view_channels(struct app *app, struct table *out, struct at_err *err)
{
    const char *cols[] = {"id", "scope", "kind", "target_address", "language", "secret", "created"};
    table_init(out, 7, cols);
    out->right[0] = true;
    struct channel_ls l = {app, out};
    return app_channels(app, channel_row, &l, err);
}

static void unix_text(int64_t t, char *out, size_t size)
{
    if (t <= 0) {
        out[0] = '\0';
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, size, "%Y-%m-%d %H:%M:%SZ", &tm);
}

/* The messages as listed, with what decides who may see each. */
struct outbox_ls {
    struct table *t;
    int64_t *goal, *channel; /* per row of T */
    size_t cap;
};

static enum at_status outbox_row(const struct outbox_row *o, void *ctx, struct at_err *err)
{
    (void)err;
    struct outbox_ls *l = ctx;
    char id[24], goal[24] = "", ch[24], attempts[24], created[32], next[32], sent[32];
    snprintf(id, sizeof id, "%lld", (long long)o->id);
    if (o->goal_id)
        snprintf(goal, sizeof goal, "%lld", (long long)o->goal_id);
    snprintf(ch, sizeof ch, "%lld", (long long)o->channel_id);
    snprintf(attempts, sizeof attempts, "%lld", (long long)o->attempts);
    unix_text(o->created_at, created, sizeof created);
    bool pending = !strcmp(o->state, "pending");
    unix_text(pending ? o->next_attempt_at : 0, next, sizeof next);
    unix_text(o->sent_at, sent, sizeof sent);
    const char *rule = !strncmp(o->what, "alert:", 6) ? o->what + 6 : o->what;
    const char *state = pending && o->attempts > 0 ? "retrying" : o->state;
    const char *row[] = {id,       created, ch,   o->channel_kind, goal, rule, o->subject, state,
                         attempts, next,    sent, o->last_error};
    if (l->t->n_rows == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->goal = xrealloc(l->goal, l->cap * sizeof *l->goal);
        l->channel = xrealloc(l->channel, l->cap * sizeof *l->channel);
    }
    l->goal[l->t->n_rows] = o->goal_id;
    l->channel[l->t->n_rows] = o->channel_id;
    table_add_row(l->t, row);
    return AT_OK;
}

/* The scopes of the channels, by id, for the messages without a goal. */
struct channel_refs {
    int64_t *id;
    struct scope_ref *ref;
    size_t n, cap;
};

static enum at_status channel_ref(const struct channel *c, void *ctx, struct at_err *err)
{
    (void)err;
    struct channel_refs *r = ctx;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->id = xrealloc(r->id, r->cap * sizeof *r->id);
        r->ref = xrealloc(r->ref, r->cap * sizeof *r->ref);
    }
    r->id[r->n] = c->id;
    r->ref[r->n++] = c->ref;
    return AT_OK;
}

/* May VIS's reader see the message about GOAL (0: none) sent to CHANNEL? */
static bool message_visible(struct app *app, const struct view_visible *vis,
                            const struct channel_refs *refs, int64_t goal, int64_t channel)
{
    if (goal) {
        struct goal g;
        struct at_err err = {0};
        return !app_goal_get(app, goal, &g, NULL, &err) && view_visible_ref(app, vis, &g.ref);
    }
    for (size_t i = 0; i < refs->n; i++)
        if (refs->id[i] == channel)
            return view_visible_ref(app, vis, &refs->ref[i]);
    return false; /* a removed channel: only an unfiltered listing shows it */
}

enum at_status view_outbox(struct app *app, bool failed, const struct view_visible *vis,
                           struct table *out, struct at_err *err)
{
    const char *cols[] = {"id",      "created", "channel",  "kind",         "goal", "rule",
                          "subject", "state",   "attempts", "next_attempt", "sent", "last_error"};
    table_init(out, 12, cols);
    out->right[0] = out->right[2] = out->right[4] = out->right[8] = true;
    if (!vis)
        return app_notify_list(app, failed, outbox_row, &(struct outbox_ls){out, NULL, NULL, 0},
                               err);
    struct table all;
    table_init(&all, 12, cols);
    struct outbox_ls l = {&all, NULL, NULL, 0};
    struct channel_refs refs = {0};
    enum at_status st = app_notify_list(app, failed, outbox_row, &l, err);
    if (!st)
        st = app_channels(app, channel_ref, &refs, err);
    for (size_t r = 0; !st && r < all.n_rows; r++)
        if (message_visible(app, vis, &refs, l.goal[r], l.channel[r]))
            table_add_row(out, (const char *const *)&all.cells[r * all.n_cols]);
    free(l.goal);
    free(l.channel);
    free(refs.id);
    free(refs.ref);
    table_free(&all);
    return st;
}
