/* api_goals.c — the API routes of goals, objectives, action steps, splits and the goal tree.
 * Handlers parse the request, check visibility (app/access.h: a goal asked by id that the
 * principal may not read is 404, a scope asked by name 403) and answer with the view/
 * tables the command line prints, so the JSON rows are `goal status --format json`'s. */
#include "http/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access.h"
#include "app/app.h"
#include "app/burnup.h"
#include "app/check.h"
#include "app/checkin.h"
#include "app/goal_tree.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/progress.h"
#include "app/review.h"
#include "app/split.h"
#include "base/str.h"
#include "domain/display.h"
#include "domain/sentence.h"
#include "view/goal.h"
#include "view/table.h"

/* ---- helpers ------------------------------------------------------------- */

static bool may_read_goal(struct http_req *r, const struct goal *g)
{
    return access_may_read(r->app, &r->who, &g->ref);
}

static bool keep_readable(const struct goal *g, void *ctx)
{
    return may_read_goal(ctx, g);
}

/* The field an app error is about: the first of NAMES whose VALUE the message
 * quotes, else FALLBACK. */
static const char *field_of(const struct at_err *err, size_t n, const char *const *names,
                            const char *const *values, const char *fallback)
{
    for (size_t i = 0; i < n; i++)
        if (values[i] && *values[i] && strstr(err->msg, values[i]))
            return names[i];
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        if (strncmp(err->msg, names[i], len) == 0)
            return names[i];
    }
    return fallback;
}

/* The goal history as JSON, each reason as people read it in the request's
 * language (what attain appended in parentheses, in Chinese for zh). */
static json_t *history_json(const struct http_req *r, const struct table *t)
{
    json_t *rows = table_json(t);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *reason = json_string_value(json_object_get(row, "reason"));
        char zh[1024];
        if (reason && display_reason(reason, r->lang, zh, sizeof zh))
            json_object_set_new(row, "reason", json_string(zh));
    }
    return rows;
}

/* The label people read for scope SCOPE (公司 or Company, 华东, 张伟, 张伟团队). */
static json_t *scope_label(struct http_req *r, const char *scope)
{
    char name[256];
    if (strcmp(scope, "company") == 0 && strcmp(r->lang, "zh") != 0)
        return json_string("Company");
    /* the names are the people's and units' own: shown as in Chinese */
    return json_string(display_scope(scope, "zh", name, sizeof name));
}

/* The body's field KEY as text: a string as it is, an integer in decimal;
 * NULL when absent or null. *BAD is set when it has another type. */
static const char *body_text(struct http_req *r, const char *key, char *tmp, size_t size, bool *bad)
{
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, size, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    *bad = true;
    return NULL;
}

static bool body_bool(struct http_req *r, const char *key)
{
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    return v && json_is_true(v);
}

/* The JSON body must be an object: else 400 bad_json. */
static bool need_object(struct http_req *r, struct http_resp *w)
{
    if (r->json && json_is_object(r->json))
        return true;
    http_error(w, 400, "bad_json", NULL, "the body must be a JSON object");
    return false;
}

/* The {id} parameter as a goal id, else 404. */
static bool id_param(struct http_req *r, struct http_resp *w, const char *what, int64_t *id)
{
    if (r->n_params < 1 || !str_to_i64(r->params[0], id) || *id <= 0) {
        http_error(w, 404, "not_found", NULL, "no %s \"%s\"", what,
                   r->n_params ? r->params[0] : "");
        return false;
    }
    return true;
}

/* The goal of the {id} parameter when the principal may read it; else the
 * answer (404 whether it does not exist or may not be seen) is given. */
static bool visible_goal(struct http_req *r, struct http_resp *w, struct goal *g,
                         struct goal_meta *m)
{
    int64_t id;
    if (!id_param(r, w, "goal", &id))
        return false;
    struct at_err err = {0};
    enum at_status st = app_goal_get(r->app, id, g, m, &err);
    if (st == AT_NOT_FOUND || (!st && !may_read_goal(r, g))) {
        http_error(w, 404, "not_found", NULL, "goal %lld not found", (long long)id);
        return false;
    }
    if (st) {
        http_at_error(w, &err, NULL);
        return false;
    }
    return true;
}

/* The goal the principal changes: readable (else 404) and writable (else 403). */
static bool writable_goal(struct http_req *r, struct http_resp *w, struct goal *g,
                          struct goal_meta *m)
{
    if (!visible_goal(r, w, g, m))
        return false;
    if (!access_may_write(r->app, &r->who, &g->ref)) {
        http_error(w, 403, "forbidden", NULL, "you may not change goal %lld (%s)", (long long)g->id,
                   g->scope);
        return false;
    }
    return true;
}

/* ?scope= resolved and readable (403 when not), or the principal's home
 * scope when absent. *SCOPE points to the text (BUF when home). */
static bool scope_param(struct http_req *r, struct http_resp *w, const char **scope, char *buf,
                        size_t size)
{
    struct at_err err = {0};
    const struct org *org;
    struct scope_ref ref;
    const char *s = http_query(r, "scope");
    enum at_status st = app_org(r->app, &org, &err);
    if (!st && s)
        st = org_resolve(org, s, &ref, &err);
    else if (!st)
        st = access_home(r->app, &r->who, &ref, &err);
    if (st) {
        if (st == AT_NOT_FOUND && s) /* a scope that does not exist: a bad value */
            http_error(w, 422, "invalid", "scope", "%s", err.msg);
        else
            http_at_error(w, &err, s ? "scope" : NULL);
        return false;
    }
    if (!access_may_read(r->app, &r->who, &ref)) {
        http_error(w, 403, "forbidden", "scope", "you may not read scope %s", s ? s : "");
        return false;
    }
    if (s) {
        *scope = s;
    } else {
        org_label(org, &ref, buf, size);
        *scope = buf;
    }
    return true;
}

/* The status row of goal G (one row of `goal status --format json`) as an
 * object with its other fields, its scope label; NULL on error (answered). */
struct one_goal {
    int64_t id;
    int64_t parent; /* children of: keep goals with this parent instead */
    struct http_req *r;
    const char *metric;
};

static bool keep_one(const struct goal *g, void *ctx)
{
    const struct one_goal *o = ctx;
    if (o->parent)
        return g->parent == o->parent && may_read_goal(o->r, g);
    return g->id == o->id;
}

/* The rows of a status table as objects with "scope_label" added. */
static json_t *status_objects(struct http_req *r, const struct table *t)
{
    json_t *rows = table_json(t);
    size_t i;
    json_t *o;
    json_array_foreach(rows, i, o)
    {
        json_t *s = json_object_get(o, "scope");
        if (json_is_string(s))
            json_object_set_new(o, "scope_label", scope_label(r, json_string_value(s)));
    }
    return rows;
}

static json_t *goal_object(struct http_req *r, const struct goal *g, const struct goal_meta *m,
                           struct at_err *err)
{
    /* its figures as goal status shows them (the current plan, working days) */
    struct goal_progress p;
    enum at_status st =
        app_goal_progress_one(r->app, g, app_day(&r->app->req), PACE_WORKING_DAYS, &p, err);
    if (st)
        return NULL;
    struct table t;
    view_goal_status_of(r->app, &p, r->lang, &t);
    json_t *rows = status_objects(r, &t);
    table_free(&t);
    json_t *goal = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : json_object();
    json_decref(rows);
    /* the fields status does not show (goal show's) */
    struct table f;
    view_goal_fields(r->app, g, m, r->lang, &f);
    for (size_t i = 0; i < f.n_rows; i++) {
        const char *key = f.cells[i * 2], *value = f.cells[i * 2 + 1];
        if (!json_object_get(goal, key))
            json_object_set_new(goal, key, json_string(value ? value : ""));
    }
    table_free(&f);
    if (!json_object_get(goal, "scope_label"))
        json_object_set_new(goal, "scope_label", scope_label(r, g->scope));
    return goal;
}

/* The SMART letters and achievability with its numbers into OBJ. */
static void add_check(json_t *obj, const struct goal_check *c, const char *understood,
                      const char *missing)
{
    json_t *j = view_goal_check_json(c, understood, missing);
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v) json_object_set(obj, key, v);
    json_decref(j);
    json_t *a = json_object_get(obj, "achievability");
    if (a) {
        const struct achieve_result *x = &c->achieve;
        char tmp[64];
        json_object_set_new(a, "growth_prev",
                            x->has_growth_prev ? json_real(x->growth_prev_bp / 10000.0)
                                               : json_null());
        json_object_set_new(a, "growth_yoy",
                            x->has_growth_yoy ? json_real(x->growth_yoy_bp / 10000.0)
                                              : json_null());
        json_object_set_new(a, "peer_percentile",
                            x->peer_percentile >= 0 ? json_integer(x->peer_percentile)
                                                    : json_null());
        json_object_set_new(a, "deals_needed",
                            x->deals_needed ? json_integer(x->deals_needed / 10000) : json_null());
        json_object_set_new(a, "visits_needed",
                            x->visits_needed ? json_integer(x->visits_needed / 10000)
                                             : json_null());
        json_object_set_new(a, "visits_capacity",
                            x->visits_capacity ? json_integer(x->visits_capacity / 10000)
                                               : json_null());
        if (x->coverage.defined) {
            metric_value_format(MU_RATIO, &x->coverage, 0, tmp, sizeof tmp);
            json_object_set_new(a, "coverage", json_string(tmp));
        } else {
            json_object_set_new(a, "coverage", json_null());
        }
    }
}

/* ---- status and tree ----------------------------------------------------- */

struct status_keep {
    struct http_req *r;
    const char *metric;
};

static bool keep_status(const struct goal *g, void *ctx)
{
    const struct status_keep *k = ctx;
    if (k->metric && strcmp(metric_def(g->metric)->key, k->metric) != 0)
        return false;
    return may_read_goal(k->r, g);
}

static bool metric_param(struct http_req *r, struct http_resp *w, const char **metric)
{
    *metric = http_query(r, "metric");
    if (!*metric)
        return true;
    enum metric_id m;
    struct at_err err = {0};
    if (metric_parse(*metric, &m, &err)) {
        http_error(w, 422, "invalid", "metric", "%s", err.msg);
        return false;
    }
    *metric = metric_def(m)->key;
    return true;
}

static void answer_progress_error(struct http_resp *w, const struct at_err *err,
                                  const struct progress_options *o)
{
    const char *names[] = {"period", "as_of", "basis", "plan"};
    const char *values[] = {o->period, o->as_of, o->basis, o->plan};
    const char *field = field_of(err, 4, names, values, NULL);
    if (!field && strncmp(err->msg, "as-of", 5) == 0)
        field = "as_of";
    if (err->status == AT_INVALID || (err->status == AT_NOT_FOUND && field))
        http_error(w, 422, "invalid", field, "%s", err->msg);
    else
        http_at_error(w, err, field);
}

static void goals_status(struct http_req *r, struct http_resp *w)
{
    char home[256];
    struct status_keep k = {.r = r};
    struct progress_options o = {.period = http_query(r, "period"),
                                 .as_of = http_query(r, "as_of"),
                                 .basis = http_query(r, "basis"),
                                 .plan = http_query(r, "plan"),
                                 .keep = keep_status,
                                 .keep_ctx = &k};
    if (!scope_param(r, w, &o.scope, home, sizeof home) || !metric_param(r, w, &k.metric))
        return;
    struct at_err err = {0};
    struct table t;
    enum at_status st = view_goal_status(r->app, &o, false, r->lang, NULL, &t, &err);
    if (st)
        answer_progress_error(w, &err, &o);
    else
        http_table(w, r, "goals", &t, "goal-status");
    table_free(&t);
}

static void goals_tree(struct http_req *r, struct http_resp *w)
{
    char home[256];
    struct progress_options o = {.period = http_query(r, "period"),
                                 .as_of = http_query(r, "as_of"),
                                 .basis = http_query(r, "basis"),
                                 .keep = keep_readable,
                                 .keep_ctx = r};
    if (!scope_param(r, w, &o.scope, home, sizeof home))
        return;
    struct at_err err = {0};
    struct goal_tree tree;
    enum at_status st = app_goal_tree(r->app, &o, &tree, &err);
    if (st) {
        goal_tree_free(&tree);
        answer_progress_error(w, &err, &o);
        return;
    }
    /* the parents reconcile finds out of line with their sub-goals */
    struct table mm;
    st = view_goal_mismatches(r->app, r->lang, NULL, &mm, &err);
    if (st) {
        table_free(&mm);
        goal_tree_free(&tree);
        http_at_error(w, &err, NULL);
        return;
    }
    struct table t;
    view_goal_tree(r->app, &tree, false, r->lang, NULL, &t);
    json_t *rows = table_json(&t), *nodes = json_array();
    size_t row = 0;
    for (size_t i = 0; i < tree.n_groups; i++) {
        const struct goal_tree_group *gr = &tree.groups[i];
        if (gr->n || r->who.role >= ROLE_MANAGER) {
            json_t *on = json_object();
            json_object_set_new(on, "kind", json_string("objective"));
            json_object_set_new(on, "objective_id",
                                gr->objective.id ? json_integer(gr->objective.id) : json_null());
            json_object_set_new(on, "title",
                                json_string(gr->objective.id ? gr->objective.title : ""));
            json_object_set_new(on, "description",
                                json_string(gr->objective.id ? gr->objective.description : ""));
            json_array_append_new(nodes, on);
        }
        for (size_t k = gr->first; k < gr->first + gr->n; k++, row++) {
            const struct goal *g = &tree.goals[tree.nodes[k].goal].goal;
            json_t *gn = json_incref(json_array_get(rows, row));
            if (!gn)
                continue;
            char id[24];
            snprintf(id, sizeof id, "%lld", (long long)g->id);
            bool mismatch = false;
            for (size_t m = 0; m < mm.n_rows; m++)
                if (mm.cells[m * mm.n_cols] && strcmp(mm.cells[m * mm.n_cols], id) == 0)
                    mismatch = true;
            json_object_set_new(gn, "kind", json_string("goal"));
            json_object_set_new(gn, "parent_id", g->parent ? json_integer(g->parent) : json_null());
            json_object_set_new(gn, "objective_group",
                                gr->objective.id ? json_integer(gr->objective.id) : json_null());
            json_object_set_new(gn, "scope_label", scope_label(r, g->scope));
            json_object_set_new(gn, "mismatch", json_boolean(mismatch));
            json_array_append_new(nodes, gn);
        }
    }
    json_t *orphans = json_array();
    for (size_t k = 0; k < tree.n_orphans; k++)
        json_array_append_new(orphans, json_integer(tree.orphans[k]));
    json_decref(rows);
    table_free(&t);
    table_free(&mm);
    goal_tree_free(&tree);
    http_json(w, 200, json_pack("{s:o, s:o}", "nodes", nodes, "orphans", orphans));
}

/* ---- one goal ------------------------------------------------------------ */

static enum at_status add_checkin(const struct checkin_row *c, void *ctx, struct at_err *err)
{
    (void)err;
    char day[16], tmp[64];
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->c.id));
    json_object_set_new(o, "at", json_string(cal_format(c->c.at, day)));
    json_object_set_new(o, "by", json_string(c->by));
    json_object_set_new(o, "confidence",
                        c->c.confidence >= 0 ? json_integer(c->c.confidence) : json_null());
    json_object_set_new(o, "progress_note", json_string(c->c.note));
    json_object_set_new(o, "blockers", json_string(c->c.blockers));
    json_object_set_new(o, "next_steps", json_string(c->c.next));
    json_object_set_new(o, "status", json_string(c->c.status));
    const struct typed_value *figs[] = {&c->c.actual, &c->c.attainment, &c->c.expected, &c->c.pace,
                                        &c->c.forecast};
    static const char *const names[] = {"actual", "attainment", "expected", "pace", "forecast"};
    for (size_t i = 0; i < 5; i++) {
        if (figs[i]->defined && figs[i]->text) {
            snprintf(tmp, sizeof tmp, "%s", figs[i]->text);
            json_object_set_new(o, names[i], json_string(tmp));
        } else {
            json_object_set_new(o, names[i], json_null());
        }
    }
    json_object_set_new(o, "flags", json_string(c->c.flags));
    json_object_set_new(o, "acked_by", c->acked_by[0] ? json_string(c->acked_by) : json_null());
    json_array_append_new(ctx, o);
    return AT_OK;
}

static void goal_get(struct http_req *r, struct http_resp *w)
{
    struct goal g;
    struct goal_meta m;
    if (!visible_goal(r, w, &g, &m))
        return;
    struct at_err err = {0};
    json_t *goal = goal_object(r, &g, &m, &err);
    if (!goal) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *root = json_object(), *checkins = json_array();
    json_object_set_new(root, "goal", goal);
    struct goal_check c;
    struct check_parts all = {true, true, true, true, false};
    enum at_status st =
        app_goal_check(r->app, &g, &m, &all, r->lang, app_day(&r->app->req), &c, &err);
    if (!st)
        add_check(goal, &c, NULL, NULL);
    struct one_goal k = {.parent = g.id, .r = r};
    struct progress_options o = {.as_of = http_query(r, "as_of"), .keep = keep_one, .keep_ctx = &k};
    struct table t = {0};
    if (!st && !(st = view_goal_status(r->app, &o, false, r->lang, NULL, &t, &err)))
        json_object_set_new(root, "children", status_objects(r, &t));
    table_free(&t);
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)g.id);
    struct checkin_list_options co = {.goal = id};
    if (!st)
        st = app_checkin_list(r->app, &co, add_checkin, checkins, &err);
    if (!st && !(st = view_goal_history(r->app, g.id, r->lang, &t, &err)))
        json_object_set_new(root, "history", history_json(r, &t));
    table_free(&t);
    if (!st && !(st = view_goal_actions(r->app, g.id, r->lang, &t, &err)))
        json_object_set_new(root, "actions", table_json(&t));
    table_free(&t);
    json_object_set_new(root, "checkins", checkins);
    if (st) {
        json_decref(root);
        http_at_error(w, &err, NULL);
        return;
    }
    http_json(w, 200, root);
}

static void goal_burnup(struct http_req *r, struct http_resp *w)
{
    struct goal g;
    struct goal_meta m;
    if (!visible_goal(r, w, &g, &m))
        return;
    struct at_err err = {0};
    enum pace_basis basis;
    const char *b = http_query(r, "basis");
    if (b && !strcmp(b, "days")) {
        http_error(w, 422, "invalid", "basis", "basis %s: working or seasonal", b);
        return;
    }
    if (pace_basis_parse(b, &basis, &err)) {
        http_error(w, 422, "invalid", "basis", "%s", err.msg);
        return;
    }
    struct burnup bu;
    int32_t as_of = app_day(&r->app->req);
    enum at_status st = app_goal_burnup(r->app, &g, as_of, basis, &bu, &err);
    if (st) {
        burnup_free(&bu);
        http_at_error(w, &err, NULL);
        return;
    }
    struct table t;
    view_goal_burnup(r->app, &bu, r->lang, &t);
    const char *format = http_query(r, "format");
    if (format && strcmp(format, "json") != 0) {
        char name[48];
        snprintf(name, sizeof name, "burnup-%lld", (long long)g.id);
        http_table(w, r, "days", &t, name);
    } else {
        json_t *days = json_array(), *expected = json_array(), *actual = json_array(),
               *forecast = json_array();
        for (size_t i = 0; i < t.n_rows; i++) {
            char **row = t.cells + i * t.n_cols;
            json_array_append_new(days, json_string(row[0]));
            json_array_append_new(expected, json_string(row[1]));
            if (i < bu.n_actual)
                json_array_append_new(actual, json_string(row[2]));
            json_array_append_new(forecast,
                                  i >= bu.forecast_from ? json_string(row[3]) : json_null());
        }
        char target[64], day[16];
        app_goal_target_text(r->app, &g, target, sizeof target);
        json_t *root = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "goal_id",
                                 (json_int_t)g.id, "as_of", cal_format(as_of, day), "basis",
                                 basis == PACE_SEASONAL ? "seasonal" : "working", "metric",
                                 metric_def(g.metric)->key, "target", target, "days", days,
                                 "expected", expected, "actual", actual, "forecast", forecast);
        http_json(w, 200, root);
    }
    table_free(&t);
    burnup_free(&bu);
}

/* ---- parse and add ------------------------------------------------------- */

#define MAX_FILTERS 8

/* The goal fields of a JSON body (goal add's options); false when one is not
 * text (answered 422). TMP keeps integer texts. */
struct body_fields {
    struct goal_fields f;
    const char *filters[MAX_FILTERS];
    char tmp[12][32];
};

static const char *const field_names[] = {"metric",    "scope",     "period",  "target",
                                          "growth",    "base",      "title",   "parent",
                                          "objective", "direction", "cadence", "as_of"};

static bool read_fields(struct http_req *r, struct http_resp *w, struct body_fields *b)
{
    memset(b, 0, sizeof *b);
    const char **slots[] = {&b->f.metric,    &b->f.scope,     &b->f.period,  &b->f.target,
                            &b->f.growth,    &b->f.base,      &b->f.title,   &b->f.parent,
                            &b->f.objective, &b->f.direction, &b->f.cadence, &b->f.as_of};
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
        bool bad = false;
        *slots[i] = body_text(r, field_names[i], b->tmp[i], sizeof b->tmp[i], &bad);
        if (bad) {
            http_error(w, 422, "invalid", field_names[i], "%s: give it as text", field_names[i]);
            return false;
        }
    }
    json_t *fl = json_object_get(r->json, "filters");
    if (fl && !json_is_null(fl)) {
        if (!json_is_array(fl) || json_array_size(fl) > MAX_FILTERS) {
            http_error(w, 422, "invalid", "filters",
                       "filters: a list of at most %d \"key=value\" texts", MAX_FILTERS);
            return false;
        }
        size_t i;
        json_t *v;
        json_array_foreach(fl, i, v)
        {
            if (!json_is_string(v)) {
                http_error(w, 422, "invalid", "filters", "filters: each one \"key=value\"");
                return false;
            }
            b->filters[b->f.n_filters++] = json_string_value(v);
        }
        b->f.filters = b->filters;
    }
    return true;
}

/* The field of F an app error names (by the value it quotes). */
static const char *fields_field(const struct at_err *err, const struct goal_fields *f,
                                const char *fallback)
{
    const char *values[] = {f->metric, f->scope,  f->period,    f->target,    f->growth,  f->base,
                            f->title,  f->parent, f->objective, f->direction, f->cadence, f->as_of};
    return field_of(err, sizeof values / sizeof *values, field_names, values, fallback);
}

static void answer_fields_error(struct http_resp *w, const struct at_err *err,
                                const struct goal_fields *f, const char *fallback)
{
    const char *field = fields_field(err, f, fallback);
    if (err->status == AT_INVALID || err->status == AT_NOT_FOUND)
        http_error(w, 422, "invalid", field, "%s", err->msg);
    else
        http_at_error(w, err, field);
}

/* The principal's own person scope ("person:张伟#E102") for a sentence's
 * 我/my, or NULL. */
static const char *me_of(struct http_req *r, char *buf, size_t size)
{
    const struct org *org;
    char label[200];
    struct at_err err = {0};
    if (!r->who.person_id || app_org(r->app, &org, &err) ||
        !org_person_label(org, r->who.person_id, label, sizeof label))
        return NULL;
    snprintf(buf, size, "person:%s", label);
    return buf;
}

/* A goal from the body's sentence (with the fields over it); *PARTS, *SG. */
static enum at_status from_sentence(struct http_req *r, const char *sentence, struct body_fields *b,
                                    struct goal *g, struct goal_meta *m, struct sentence_goal *sg,
                                    struct check_parts *parts, struct at_err *err)
{
    char me[256];
    memset(sg, 0, sizeof *sg);
    enum at_status st = app_goal_from_sentence(r->app, sentence, b->f.as_of, r->lang,
                                               me_of(r, me, sizeof me), g, sg, err);
    memset(m, 0, sizeof *m);
    snprintf(m->origin, sizeof m->origin, "sentence");
    snprintf(m->sentence, sizeof m->sentence, "%s", sentence);
    if (!st)
        st = app_goal_apply(r->app, &b->f, g, m, err);
    *parts = (struct check_parts){
        sg->has_metric || b->f.metric, sg->has_scope || b->f.scope, sg->has_period || b->f.period,
        sg->has_target || sg->has_growth || b->f.target || b->f.growth, sg->vague};
    return st;
}

static void goals_parse(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct body_fields b;
    if (!read_fields(r, w, &b))
        return;
    const char *sentence = http_body_str(r, "sentence");
    if (!sentence || !*sentence) {
        http_error(w, 422, "invalid", "sentence", "give the goal as a sentence");
        return;
    }
    struct at_err err = {0};
    struct goal g;
    struct goal_meta m;
    struct sentence_goal sg;
    struct check_parts parts;
    enum at_status st = from_sentence(r, sentence, &b, &g, &m, &sg, &parts, &err);
    if (st) {
        answer_fields_error(w, &err, &b.f, "sentence");
        return;
    }
    int32_t day = app_day(&r->app->req);
    if (b.f.as_of && !cal_parse_iso(b.f.as_of, &day)) {
        http_error(w, 422, "invalid", "as_of", "as_of %s: write the date as YYYY-MM-DD", b.f.as_of);
        return;
    }
    struct goal_check c;
    if ((st = app_goal_check(r->app, &g, &m, &parts, r->lang, day, &c, &err))) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *parsed = json_object(), *errors = json_array();
    char period[PERIOD_TEXT_MAX], target[64];
    json_object_set_new(parsed, "title", json_string(g.title));
    json_object_set_new(parsed, "metric",
                        parts.metric ? json_string(metric_def(g.metric)->key) : json_null());
    json_object_set_new(parsed, "scope", json_string(g.scope));
    json_object_set_new(parsed, "scope_label", scope_label(r, g.scope));
    json_object_set_new(parsed, "period",
                        parts.period ? json_string(period_format(&g.period, period)) : json_null());
    json_object_set_new(parsed, "target",
                        parts.target
                            ? json_string(app_goal_target_text(r->app, &g, target, sizeof target))
                            : json_null());
    json_object_set_new(parsed, "direction",
                        json_string(g.direction == GOAL_LOWER ? "lower" : "higher"));
    json_object_set_new(parsed, "filter", json_string(g.filter));
    json_object_set_new(parsed, "understood", json_string(sg.understood));
    json_object_set_new(parsed, "missing", json_string(sg.missing));
    static const char *const need[] = {"metric", "period", "target"};
    bool have[] = {parts.metric, parts.period, parts.target};
    for (int i = 0; i < 3; i++)
        if (!have[i])
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", need[i], "message",
                                                    strcmp(r->lang, "zh") == 0
                                                        ? "句子里没有这一项"
                                                        : "the sentence does not say it"));
    json_t *root = json_object();
    json_object_set_new(root, "parsed", parsed);
    add_check(root, &c, NULL, NULL);
    json_object_set_new(root, "complete", json_boolean(json_array_size(errors) == 0));
    json_object_set_new(root, "errors", errors);
    http_json(w, 200, root);
}

static void goals_add(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct body_fields b;
    if (!read_fields(r, w, &b))
        return;
    const char *sentence = http_body_str(r, "sentence");
    struct at_err err = {0};
    struct goal g;
    struct goal_meta m;
    enum at_status st;
    if (sentence && *sentence) {
        struct sentence_goal sg;
        struct check_parts parts;
        st = from_sentence(r, sentence, &b, &g, &m, &sg, &parts, &err);
        if (st) {
            answer_fields_error(w, &err, &b.f, "sentence");
            return;
        }
        const char *missing = !parts.metric   ? "metric"
                              : !parts.period ? "period"
                              : !parts.target ? "target"
                                              : NULL;
        if (missing) {
            http_error(w, 422, "invalid", missing,
                       "the goal is incomplete (%s missing; %s); nothing saved", missing,
                       sg.missing);
            return;
        }
    } else if ((st = app_goal_build(r->app, &b.f, r->lang, &g, &m, &err))) {
        answer_fields_error(w, &err, &b.f, NULL);
        return;
    }
    if (!access_may_write(r->app, &r->who, &g.ref)) {
        http_error(w, 403, "forbidden", "scope", "you may not add goals for %s", g.scope);
        return;
    }
    if ((st = app_goal_save(r->app, &g, &m, &err))) {
        answer_fields_error(w, &err, &b.f, NULL);
        return;
    }
    json_t *goal = goal_object(r, &g, &m, &err);
    if (!goal) {
        http_at_error(w, &err, NULL);
        return;
    }
    http_json(w, 201, json_pack("{s:o}", "goal", goal));
}

/* ---- change -------------------------------------------------------------- */

static bool need_reason(struct http_req *r, struct http_resp *w, const char **reason)
{
    *reason = http_body_str(r, "reason");
    if (*reason && **reason)
        return true;
    http_error(w, 422, "invalid", "reason",
               strcmp(r->lang, "zh") == 0 ? "请说明原因（记入目标的变更记录）"
                                          : "say why (kept in the goal's history)");
    return false;
}

/* A plan's parts as {"children":[…],"total":…}: the rows of view_split_plan
 * with scope_label and weight (and id once saved, old when given). */
static json_t *plan_json(struct http_req *r, const struct split_plan *p, const int64_t *old,
                         bool saved)
{
    struct table t;
    view_split_plan(r->app, p, false, r->lang, old, &t);
    json_t *rows = table_json(&t), *children = json_array();
    for (size_t i = 0; i < p->n_parts; i++) {
        json_t *o = json_incref(json_array_get(rows, i));
        json_object_set_new(o, "scope_label", scope_label(r, p->parts[i].goal.scope));
        json_object_set_new(o, "weight", json_integer(p->parts[i].weight));
        json_object_set_new(o, "title", json_string(p->parts[i].goal.title));
        if (saved)
            json_object_set_new(o, "id", json_integer(p->parts[i].goal.id));
        json_array_append_new(children, o);
    }
    json_t *total = json_incref(json_array_get(rows, p->n_parts));
    json_decref(rows);
    table_free(&t);
    json_t *root = json_pack("{s:I, s:s, s:s, s:o, s:o, s:b}", "goal_id", (json_int_t)p->parent.id,
                             "over", p->over, "method", p->method, "children", children, "total",
                             total ? total : json_null(), "saved", saved);
    if (p->request_id)
        json_object_set_new(root, "request_id", json_integer(p->request_id));
    return root;
}

static void goal_split(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct goal g;
    struct goal_meta m;
    if (!writable_goal(r, w, &g, &m))
        return;
    const char *over = http_body_str(r, "by"), *method = http_body_str(r, "method"),
               *values = http_body_str(r, "values"), *reason = NULL;
    if (!over)
        over = http_body_str(r, "over");
    if (!method || !*method)
        method = "even";
    bool dry = body_bool(r, "dry_run");
    if (!over || !*over) {
        http_error(w, 422, "invalid", "by", "by: quarters, months, weeks, members or units");
        return;
    }
    if (!dry && !need_reason(r, w, &reason))
        return;
    struct at_err err = {0};
    struct split_plan plan;
    enum at_status st = app_goal_split_plan(r->app, g.id, over, method, values, &plan, &err);
    if (st) {
        const char *names[] = {"by", "method", "values"};
        const char *vals[] = {over, method, values};
        const char *field = field_of(&err, 3, names, vals, NULL);
        if (err.status == AT_INVALID)
            http_error(w, 422, "invalid", field, "%s", err.msg);
        else
            http_at_error(w, &err, field);
        return;
    }
    if (!dry) {
        plan.lock = body_bool(r, "lock");
        st = app_goal_split_save(r->app, &plan, reason, &err);
    }
    if (st)
        http_at_error(w, &err, NULL);
    else
        http_json(w, dry ? 200 : 201, plan_json(r, &plan, NULL, !dry));
    split_plan_free(&plan);
}

static void goal_rebalance(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct goal g;
    struct goal_meta m;
    if (!writable_goal(r, w, &g, &m))
        return;
    const char *method = http_body_str(r, "method"), *as_of = http_body_str(r, "as_of"),
               *reason = NULL;
    bool dry = body_bool(r, "dry_run");
    if (!dry && !need_reason(r, w, &reason))
        return;
    struct at_err err = {0};
    struct split_plan plan;
    int64_t *old = NULL;
    enum at_status st = app_goal_rebalance(r->app, g.id, method ? method : "even", as_of, !dry,
                                           reason, &plan, &old, &err);
    if (st) {
        const char *names[] = {"method", "as_of"};
        const char *vals[] = {method, as_of};
        const char *field = field_of(&err, 2, names, vals, NULL);
        if (err.status == AT_INVALID)
            http_error(w, 422, "invalid", field, "%s", err.msg);
        else
            http_at_error(w, &err, field);
        free(old);
        return;
    }
    http_json(w, 200, plan_json(r, &plan, old, !dry && !plan.request_id));
    free(old);
    split_plan_free(&plan);
}

static void goal_patch(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct goal g;
    struct goal_meta m;
    if (!writable_goal(r, w, &g, &m))
        return;
    struct body_fields b;
    if (!read_fields(r, w, &b))
        return;
    const char *reason;
    if (!need_reason(r, w, &reason))
        return;
    struct at_err err = {0};
    int64_t request = 0;
    enum at_status st = AT_OK;
    /* a new scope must be the principal's too */
    if (b.f.scope) {
        const struct org *org;
        struct scope_ref ref;
        st = app_org(r->app, &org, &err);
        if (!st && (st = org_resolve(org, b.f.scope, &ref, &err)) == AT_OK &&
            !access_may_write(r->app, &r->who, &ref)) {
            http_error(w, 403, "forbidden", "scope", "you may not move goals to %s", b.f.scope);
            return;
        }
        if (st) {
            answer_fields_error(w, &err, &b.f, "scope");
            return;
        }
    }
    char cited[1200];
    const char *decision = http_body_str(r, "decision");
    if (decision &&
        !(st = app_decision_cite(r->app, decision, g.id, reason, cited, sizeof cited, &err)))
        reason = cited;
    if (st) {
        http_error(w,
                   err.status == AT_INVALID || err.status == AT_NOT_FOUND
                       ? 422
                       : at_status_http(err.status),
                   "invalid", "decision", "%s", err.msg);
        return;
    }
    if ((st = app_goal_edit(r->app, g.id, &b.f, reason, r->lang, &request, &err))) {
        answer_fields_error(w, &err, &b.f, NULL);
        return;
    }
    if (request) {
        http_json(w, 202,
                  json_pack("{s:I, s:I}", "goal_id", (json_int_t)g.id, "request_id",
                            (json_int_t)request));
        return;
    }
    if ((st = app_goal_get(r->app, g.id, &g, &m, &err))) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *goal = goal_object(r, &g, &m, &err);
    if (!goal)
        http_at_error(w, &err, NULL);
    else
        http_json(w, 200, json_pack("{s:o}", "goal", goal));
}

static void goal_archive(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct goal g;
    struct goal_meta m;
    if (!writable_goal(r, w, &g, &m))
        return;
    const char *reason;
    if (!need_reason(r, w, &reason))
        return;
    struct at_err err = {0};
    if (app_goal_archive(r->app, g.id, reason, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    http_json(w, 200,
              json_pack("{s:{s:I, s:s}}", "goal", "id", (json_int_t)g.id, "archived", "yes"));
}

static void goals_reconcile(struct http_req *r, struct http_resp *w)
{
    struct view_goal_filter f = {keep_readable, r};
    struct table t;
    struct at_err err = {0};
    if (view_goal_mismatches(r->app, r->lang, &f, &t, &err))
        http_at_error(w, &err, NULL);
    else
        http_table(w, r, "mismatches", &t, "goal-reconcile");
    table_free(&t);
}

/* ---- action steps -------------------------------------------------------- */

static void actions_list(struct http_req *r, struct http_resp *w)
{
    struct goal g;
    struct goal_meta m;
    if (!visible_goal(r, w, &g, &m))
        return;
    struct table t;
    struct at_err err = {0};
    if (view_goal_actions(r->app, g.id, r->lang, &t, &err))
        http_at_error(w, &err, NULL);
    else
        http_table(w, r, "actions", &t, "actions");
    table_free(&t);
}

struct find_action {
    int64_t id;
    struct action_step found;
    bool ok;
};

static enum at_status find_action(const struct action_step *a, void *ctx, struct at_err *err)
{
    (void)err;
    struct find_action *f = ctx;
    if (a->id == f->id) {
        f->found = *a;
        f->ok = true;
    }
    return AT_OK;
}

static json_t *action_json(const struct action_step *a)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id, "goal_id",
                     (json_int_t)a->goal_id, "what", a->what, "owner", a->owner, "due", a->due,
                     "done", a->done ? "yes" : "no", "driver", a->driver);
}

static void actions_add(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct goal g;
    struct goal_meta m;
    if (!visible_goal(r, w, &g, &m))
        return;
    /* a manager adds steps to goals they may change; a rep to their own goals */
    if (!access_may_write(r->app, &r->who, &g.ref) &&
        !(r->who.role == ROLE_REP && access_may_report(r->app, &r->who, &g.ref))) {
        http_error(w, 403, "forbidden", NULL, "you may not add action steps to goal %lld",
                   (long long)g.id);
        return;
    }
    const char *what = http_body_str(r, "what"), *owner = http_body_str(r, "owner"),
               *due = http_body_str(r, "due"), *driver = http_body_str(r, "driver");
    struct at_err err = {0};
    int64_t id;
    if (app_action_add(r->app, g.id, what, owner, due, driver, &id, &err)) {
        const char *names[] = {"what", "owner", "due", "driver"};
        const char *vals[] = {what, owner, due, driver};
        const char *field = field_of(&err, 4, names, vals, what && *what ? NULL : "what");
        if (err.status == AT_INVALID || err.status == AT_NOT_FOUND)
            http_error(w, 422, "invalid", field, "%s", err.msg);
        else
            http_at_error(w, &err, field);
        return;
    }
    struct find_action f = {.id = id};
    if (app_actions(r->app, g.id, find_action, &f, &err) || !f.ok) {
        http_at_error(w, &err, NULL);
        return;
    }
    http_json(w, 201, json_pack("{s:o}", "action", action_json(&f.found)));
}

static void action_patch(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    struct find_action f = {0};
    if (!id_param(r, w, "action step", &f.id))
        return;
    struct at_err err = {0};
    if (app_actions(r->app, 0, find_action, &f, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    struct goal g;
    if (f.ok && app_goal_get(r->app, f.found.goal_id, &g, NULL, &err) != AT_OK)
        f.ok = false;
    if (!f.ok || !may_read_goal(r, &g)) {
        http_error(w, 404, "not_found", NULL, "action step %lld not found", (long long)f.id);
        return;
    }
    /* a rep edits their own steps only; a manager the steps of goals they may change */
    bool own = r->who.person_id && f.found.owner_id == r->who.person_id;
    if (r->who.role == ROLE_REP ? !own : !access_may_write(r->app, &r->who, &g.ref)) {
        http_error(w, 403, "forbidden", NULL, "you may not change action step %lld",
                   (long long)f.id);
        return;
    }
    json_t *done = json_object_get(r->json, "done");
    if (!json_is_boolean(done)) {
        http_error(w, 422, "invalid", "done", "done: true or false");
        return;
    }
    if (app_action_done(r->app, f.id, json_is_true(done), &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    f.ok = false;
    if (app_actions(r->app, f.found.goal_id, find_action, &f, &err) || !f.ok) {
        http_at_error(w, &err, NULL);
        return;
    }
    http_json(w, 200, json_pack("{s:o}", "action", action_json(&f.found)));
}

/* ---- objectives ---------------------------------------------------------- */

static void objectives_list(struct http_req *r, struct http_resp *w)
{
    struct table t;
    struct at_err err = {0};
    if (view_objectives(r->app, r->lang, &t, &err))
        http_at_error(w, &err, NULL);
    else
        http_table(w, r, "objectives", &t, "objectives");
    table_free(&t);
}

static void objectives_add(struct http_req *r, struct http_resp *w)
{
    if (!need_object(r, w))
        return;
    const char *title = http_body_str(r, "title"), *description = http_body_str(r, "description");
    if (!title || !*title) {
        http_error(w, 422, "invalid", "title", "give the objective a title");
        return;
    }
    struct at_err err = {0};
    int64_t id;
    struct objective o;
    if (app_objective_add(r->app, title, description, &id, &err) ||
        app_objective_get(r->app, id, &o, &err)) {
        if (err.status == AT_INVALID)
            http_error(w, 422, "invalid",
                       description && strstr(err.msg, "description") ? "description" : "title",
                       "%s", err.msg);
        else
            http_at_error(w, &err, NULL);
        return;
    }
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    http_json(w, 201,
              json_pack("{s:{s:s, s:s, s:s}}", "objective", "id", ids, "title", o.title,
                        "description", o.description));
}

const struct route api_goal_routes[] = {
    {"GET", "/api/goals/status", goals_status, ROLE_REP, ROUTE_CACHE,
     "Where the goals stand (the rows of goal status --format json)"},
    {"GET", "/api/goals/tree", goals_tree, ROLE_REP, ROUTE_CACHE,
     "The alignment tree: objectives, goals and sub-goals, mismatches marked"},
    {"GET", "/api/goals/reconcile", goals_reconcile, ROLE_REP, 0,
     "Parents whose sub-goals do not add up"},
    {"POST", "/api/goals/parse", goals_parse, ROLE_REP, 0,
     "Read a goal sentence: fields, SMART verdict, achievability (writes nothing)"},
    {"POST", "/api/goals", goals_add, ROLE_MANAGER, ROUTE_WRITE,
     "Add a goal from fields or a sentence"},
    {"GET", "/api/goals/{id}", goal_get, ROLE_REP, 0,
     "One goal with SMART, achievability, children, check-ins, history and action steps"},
    {"PATCH", "/api/goals/{id}", goal_patch, ROLE_MANAGER, ROUTE_WRITE,
     "Change a goal (with a reason)"},
    {"GET", "/api/goals/{id}/burnup", goal_burnup, ROLE_REP, ROUTE_CACHE,
     "The burn-up series: actual, expected curve, target and forecast per day"},
    {"POST", "/api/goals/{id}/split", goal_split, ROLE_MANAGER, ROUTE_WRITE,
     "Split a goal into sub-goals (a preview with dry_run)"},
    {"POST", "/api/goals/{id}/rebalance", goal_rebalance, ROLE_MANAGER, ROUTE_WRITE,
     "Spread what remains over the open sub-periods (a preview with dry_run)"},
    {"POST", "/api/goals/{id}/archive", goal_archive, ROLE_MANAGER, ROUTE_WRITE,
     "Archive a goal (with a reason)"},
    {"GET", "/api/goals/{id}/actions", actions_list, ROLE_REP, 0, "A goal's action steps"},
    {"POST", "/api/goals/{id}/actions", actions_add, ROLE_REP, ROUTE_WRITE,
     "Add an action step to a goal"},
    {"PATCH", "/api/actions/{id}", action_patch, ROLE_REP, ROUTE_WRITE,
     "Mark an action step done or not done"},
    {"GET", "/api/objectives", objectives_list, ROLE_REP, 0, "The strategy objectives"},
    {"POST", "/api/objectives", objectives_add, ROLE_ADMIN, ROUTE_WRITE,
     "Add a strategy objective"},
    {0},
};
