/* checkin.c — check-ins: record, acknowledge, list, who owes one (see checkin.h). */
#include "app/checkin.h"

#include <stdio.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/calendar.h"
#include "domain/checkin.h"
#include "store/db.h"
#include "store/goal_store.h"

/* A positive id typed as TEXT, named WHAT in the message. */
static enum at_status parse_id(const char *text, const char *what, int64_t *id, struct at_err *err)
{
    if (!text || !str_to_i64(text, id) || *id <= 0)
        return at_err_set(err, AT_INVALID, "%s \"%s\" is not a number", what, text ? text : "");
    return AT_OK;
}

/* TEXT (may be NULL: "") into OUT, refusing what does not fit or is not UTF-8. */
static enum at_status copy_text(const char *what, const char *text, char *out, size_t size,
                                struct at_err *err)
{
    text = text ? text : "";
    size_t n = strlen(text);
    if (n >= size)
        return at_err_set(err, AT_INVALID, "%s: at most %zu bytes (it has %zu)", what, size - 1, n);
    if (!utf8_valid(text, n))
        return at_err_set(err, AT_INVALID, "%s: not valid UTF-8", what);
    memcpy(out, text, n + 1);
    return AT_OK;
}

/* The day of TEXT (NULL: the request's day), never after today. */
static enum at_status day_arg(struct app *app, const char *what, const char *text, int32_t *day,
                              struct at_err *err)
{
    *day = app_day(&app->req);
    if (text && !cal_parse_iso(text, day))
        return at_err_set(err, AT_INVALID, "%s %s: write the date as YYYY-MM-DD", what, text);
    return AT_OK;
}

static void person_label(const struct org *o, int64_t id, char *out, size_t size)
{
    if (!org_person_label(o, id, out, size))
        snprintf(out, size, "#%lld", (long long)id);
}

enum at_status app_checkin_add(struct app *app, const struct checkin_add_options *o,
                               struct checkin *out, struct at_err *err)
{
    struct checkin c;
    memset(&c, 0, sizeof c);
    c.confidence = -1;
    struct goal g;
    const struct org *org;
    int64_t actor;
    enum at_status st = parse_id(o->goal, "goal", &c.goal_id, err);
    if (!st && o->confidence)
        st = checkin_confidence_parse(o->confidence, &c.confidence, err);
    if (!st)
        st = copy_text("note", o->note, c.note, sizeof c.note, err);
    if (!st)
        st = copy_text("blockers", o->blockers, c.blockers, sizeof c.blockers, err);
    if (!st)
        st = copy_text("next steps", o->next, c.next, sizeof c.next, err);
    if (!st)
        st = day_arg(app, "as-of date", o->as_of, &c.at, err);
    if (!st && c.at > app->req.today) {
        char a[CAL_DATE_LEN];
        st = at_err_set(err, AT_INVALID, "as-of date %s is after today: a check-in reports what is",
                        cal_format(c.at, a));
    }
    if (!st)
        st = app_goal_get(app, c.goal_id, &g, NULL, err);
    if (!st && g.archived)
        st = at_err_set(err, AT_INVALID, "goal %lld is archived: no check-ins", (long long)g.id);
    if (!st)
        st = app_actor(app, &actor, err);
    if (!st)
        st = app_org(app, &org, err);
    if (st)
        return st;
    if (!org_may_report(org, actor, &g.ref)) {
        char who[128];
        person_label(org, actor, who, sizeof who);
        return at_err_set(err, AT_FORBIDDEN,
                          "person:%s may not check in on goal %lld (%s): only its owner, a "
                          "member of its team or unit, or someone above may",
                          who, (long long)g.id, g.scope);
    }
    c.author_id = actor;
    struct goal_progress p;
    if ((st = app_goal_progress_one(app, &g, c.at, PACE_WORKING_DAYS, &p, err)))
        return at_err_prefix(err, "goal %lld: ", (long long)g.id);
    struct typed_value f[PF_COUNT];
    goal_progress_figures(&p, app->currency, f);
    c.actual = f[PF_ACTUAL];
    c.attainment = f[PF_ATTAINMENT];
    c.expected = f[PF_EXPECTED];
    c.pace = f[PF_PACE];
    c.forecast = f[PF_FORECAST];
    snprintf(c.status, sizeof c.status, "%s", goal_status_name(p.pace.status));
    if ((st = db_begin(app->db, err)))
        return st;
    bool found;
    int previous;
    st = checkin_store_previous(app->db, g.id, actor, c.at, &found, &previous, err);
    if (!st) {
        unsigned flags = checkin_flags(c.confidence, found ? previous : -1, &p.pace.pace);
        checkin_flags_text(flags, c.flags, sizeof c.flags);
        st = checkin_store_insert(app->db, &c, err);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st) {
        db_rollback(app->db);
        return st;
    }
    *out = c;
    return AT_OK;
}

enum at_status app_checkin_ack(struct app *app, const char *id_text, const char *comment,
                               struct checkin *out, struct at_err *err)
{
    int64_t id, actor;
    const struct org *org;
    char note[CHECKIN_TEXT_MAX];
    struct checkin c;
    enum at_status st = parse_id(id_text, "check-in", &id, err);
    if (!st)
        st = copy_text("comment", comment, note, sizeof note, err);
    if (!st)
        st = checkin_store_get(app->db, id, &c, err);
    if (!st)
        st = app_actor(app, &actor, err);
    if (!st)
        st = app_org(app, &org, err);
    if (st)
        return st;
    if (!org_is_above(org, actor, c.author_id)) {
        char who[128], author[128];
        person_label(org, actor, who, sizeof who);
        person_label(org, c.author_id, author, sizeof author);
        return at_err_set(err, AT_FORBIDDEN,
                          "person:%s may not acknowledge check-in %lld on goal %lld: only "
                          "someone above its author %s may",
                          who, (long long)id, (long long)c.goal_id, author);
    }
    int32_t day = app_day(&app->req);
    if ((st = checkin_store_ack(app->db, id, actor, day, note, err)))
        return st;
    return checkin_store_get(app->db, id, out, err);
}

/* ---------------------------------------------------------------- list */

struct list_ctx {
    struct app *app;
    const struct org *org;
    bool has_scope;
    struct scope_ref scope;
    checkin_row_fn fn;
    void *ctx;
    /* the goal of the last row, read once per goal */
    int64_t goal_id;
    struct goal goal;
    bool goal_in;
};

static enum at_status list_one(const struct checkin *c, void *ctx, struct at_err *err)
{
    struct list_ctx *l = ctx;
    if (c->goal_id != l->goal_id) {
        enum at_status st = app_goal_get(l->app, c->goal_id, &l->goal, NULL, err);
        if (st)
            return st;
        l->goal_id = c->goal_id;
        l->goal_in = !l->has_scope || org_contains(l->org, &l->scope, &l->goal.ref);
    }
    if (!l->goal_in)
        return AT_OK;
    struct checkin_row r;
    memset(&r, 0, sizeof r);
    r.c = *c;
    snprintf(r.goal_scope, sizeof r.goal_scope, "%s", l->goal.scope);
    snprintf(r.goal_title, sizeof r.goal_title, "%s", l->goal.title);
    person_label(l->org, c->author_id, r.by, sizeof r.by);
    if (c->acked_by)
        person_label(l->org, c->acked_by, r.acked_by, sizeof r.acked_by);
    return l->fn(&r, l->ctx, err);
}

enum at_status app_checkin_list(struct app *app, const struct checkin_list_options *o,
                                checkin_row_fn fn, void *ctx, struct at_err *err)
{
    struct list_ctx l = {.app = app, .fn = fn, .ctx = ctx, .goal_id = -1};
    int64_t goal = 0;
    int32_t since = 0;
    enum at_status st = o->goal ? parse_id(o->goal, "goal", &goal, err) : AT_OK;
    if (!st && o->since && !cal_parse_iso(o->since, &since))
        st = at_err_set(err, AT_INVALID, "since date %s: write the date as YYYY-MM-DD", o->since);
    if (!st)
        st = app_org(app, &l.org, err);
    if (!st && o->scope) {
        l.has_scope = true;
        st = org_resolve(l.org, o->scope, &l.scope, err);
    }
    if (!st && goal) { /* an unknown goal is an error, not an empty list */
        struct goal g;
        st = app_goal_get(app, goal, &g, NULL, err);
    }
    if (!st)
        st = checkin_store_list(app->db, goal, since, 0, list_one, &l, err);
    return st;
}

/* ----------------------------------------------------------------- due */

/* The latest day of the check-ins listed (they come by day). */
static enum at_status latest_day(const struct checkin *c, void *ctx, struct at_err *err)
{
    (void)err;
    *(int32_t *)ctx = c->at;
    return AT_OK;
}

enum at_status app_checkin_owed(struct app *app, const struct goal *g, const char *cadence,
                                int32_t day, bool *owed, int32_t *window, int32_t *last,
                                struct at_err *err)
{
    *owed = false;
    *last = 0;
    *window = checkin_window_start(cadence, day);
    if (*window < 0 || g->archived || day < g->period.start || day > g->period.end)
        return AT_OK;
    enum at_status st = checkin_store_list(app->db, g->id, 0, day, latest_day, last, err);
    if (!st)
        *owed = *last < *window;
    return st;
}

struct due_ctx {
    struct app *app;
    const struct org *org;
    bool has_scope;
    struct scope_ref scope;
    int32_t day;
    checkin_due_fn fn;
    void *ctx;
};

static enum at_status due_one(const struct goal *g, const struct goal_meta *m, void *ctx,
                              struct at_err *err)
{
    struct due_ctx *c = ctx;
    if (c->has_scope && !org_contains(c->org, &c->scope, &g->ref))
        return AT_OK;
    struct checkin_due d;
    memset(&d, 0, sizeof d);
    bool owed;
    enum at_status st =
        app_checkin_owed(c->app, g, m->cadence, c->day, &owed, &d.window_start, &d.last, err);
    if (st || !owed)
        return st;
    d.goal = *g;
    snprintf(d.cadence, sizeof d.cadence, "%s", m->cadence[0] ? m->cadence : "weekly");
    d.owes_id = g->ref.kind == SCOPE_PERSON ? g->ref.id : org_head(c->org, &g->ref);
    if (d.owes_id)
        person_label(c->org, d.owes_id, d.owes, sizeof d.owes);
    return c->fn(&d, c->ctx, err);
}

enum at_status app_checkin_due(struct app *app, const char *scope, const char *as_of,
                               checkin_due_fn fn, void *ctx, struct at_err *err)
{
    struct due_ctx c = {.app = app, .fn = fn, .ctx = ctx};
    enum at_status st = day_arg(app, "as-of date", as_of, &c.day, err);
    if (!st)
        st = app_org(app, &c.org, err);
    if (!st && scope) {
        c.has_scope = true;
        st = org_resolve(c.org, scope, &c.scope, err);
    }
    if (!st)
        st = app_goal_list(app, false, due_one, &c, err);
    return st;
}
