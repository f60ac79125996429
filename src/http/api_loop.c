/*
 * api_loop.c — the API routes of the feedback loop: check-ins, the forecast
 * call, reviews and their decisions, change requests and their approval,
 * scorecards, channels, alerts and the digest.
 *
 * Handlers parse, check what the signed-in principal may read
 * (app/access.h), call the same app/ use cases and view/ tables as the CLI,
 * and answer: the JSON rows of a list are the CLI's --format json rows. Who
 * may change what is the app layer's rule (org_may_report, org_may_decide)
 * applied to the actor the router set (the principal's person); reading is
 * checked here. A scope asked by name that the reader may not read is 403
 * "forbidden"; a row asked by id that the reader may not see is 404
 * "not_found", as if it did not exist.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access.h"
#include "app/adjust.h"
#include "app/app.h"
#include "app/channel.h"
#include "app/checkin.h"
#include "app/digest.h"
#include "app/forecast.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/review.h"
#include "app/scorecard.h"
#include "app/settings.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "http/http.h"
#include "io/review_render.h"
#include "version.h"
#include "view/alerts.h"
#include "view/checkin.h"
#include "view/forecast.h"
#include "view/requests.h"
#include "view/review.h"
#include "view/scorecard.h"
#include "view/table.h"
#include "view/visible.h"

#define LIST_LIMIT_DEFAULT 100
#define LIST_LIMIT_MAX     1000
#define REVIEW_DOC_LIMIT   ((size_t)64 << 20)
#define FIELD_TEXT_MAX     32 /* a number given as a JSON number, as text */

/* ---- what the reader may see --------------------------------------------------- */

/* The row test of a list: what the principal may read, and (HAS_WITHIN) only
 * inside WITHIN. */
struct reader {
    const struct principal *who;
    bool has_within;
    struct scope_ref within;
};

static bool reader_may_read(struct app *app, const struct scope_ref *s, void *ctx)
{
    struct reader *rd = ctx;
    if (!access_may_read(app, rd->who, s))
        return false;
    if (!rd->has_within)
        return true;
    const struct org *o;
    struct at_err err = {0};
    return !app_org(app, &o, &err) && org_contains(o, &rd->within, s);
}

/* The scope TEXT of parameter FIELD resolved into *OUT, and readable by the
 * principal; else the error answered (404/409/422 as org_resolve says, 403
 * forbidden) and false. */
static bool scope_readable(struct http_req *r, struct http_resp *w, const char *field,
                           const char *text, struct scope_ref *out)
{
    const struct org *o;
    struct at_err err = {0};
    if (app_org(r->app, &o, &err) || org_resolve(o, text, out, &err)) {
        http_at_error(w, &err, field);
        return false;
    }
    if (!access_may_read(r->app, &r->who, out)) {
        http_error(w, 403, "forbidden", field,
                   strcmp(r->lang, "zh") == 0 ? "%s：无权查看这个范围"
                                              : "%s: you may not read "
                                                "this scope",
                   text);
        return false;
    }
    return true;
}

/* ID_TEXT (a path or body field FIELD) as a positive id; else 400 and false. */
static bool id_parse(struct http_resp *w, const char *field, const char *id_text, int64_t *id)
{
    if (id_text && str_to_i64(id_text, id) && *id > 0)
        return true;
    http_error(w, 400, "bad_request", field, "%s: \"%s\" is not an id", field,
               id_text ? id_text : "");
    return false;
}

/* Answer 404 for the row WHAT ID, as for a row that does not exist. */
static void not_found(struct http_resp *w, const char *what, const char *id_text)
{
    http_error(w, 404, "not_found", NULL, "%s %s: not found", what, id_text);
}

/* Goal ID_TEXT, when it exists and the principal may read its scope, into
 * *G; else 404 answered and false. */
static bool goal_readable(struct http_req *r, struct http_resp *w, const char *id_text,
                          struct goal *g)
{
    int64_t id;
    if (!id_parse(w, "id", id_text, &id))
        return false;
    struct at_err err = {0};
    enum at_status st = app_goal_get(r->app, id, g, NULL, &err);
    if (st == AT_NOT_FOUND || (!st && !access_may_read(r->app, &r->who, &g->ref))) {
        not_found(w, "goal", id_text);
        return false;
    }
    if (st) {
        http_at_error(w, &err, NULL);
        return false;
    }
    return true;
}

/* ---- the request body ----------------------------------------------------------- */

/* Is the body a JSON object (or empty) whose keys are all in ALLOWED (NULL-ended)?
 * Else 400 naming the first unknown key, and false. */
static bool body_keys(struct http_req *r, struct http_resp *w, const char *const *allowed)
{
    if (!r->json) {
        if (r->body_len == 0)
            return true;
        http_error(w, 400, "bad_json", NULL, "the body must be a JSON object");
        return false;
    }
    if (!json_is_object(r->json)) {
        http_error(w, 400, "bad_json", NULL, "the body must be a JSON object");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v)
    {
        bool known = false;
        for (size_t i = 0; allowed[i]; i++)
            known = known || strcmp(key, allowed[i]) == 0;
        if (!known) {
            http_error(w, 400, "bad_request", key, "%s: no such field here", key);
            return false;
        }
    }
    return true;
}

/* Body field KEY as text into *OUT (NULL when absent or null): a string as it
 * is; a JSON integer or real written into NUM (FIELD_TEXT_MAX bytes). Any
 * other type: 422 naming KEY, and false. */
static bool body_text(struct http_req *r, struct http_resp *w, const char *key, char *num,
                      const char **out)
{
    *out = NULL;
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    if (!v || json_is_null(v))
        return true;
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return true;
    }
    if (num && json_is_integer(v)) {
        snprintf(num, FIELD_TEXT_MAX, "%lld", (long long)json_integer_value(v));
        *out = num;
        return true;
    }
    if (num && json_is_real(v)) {
        snprintf(num, FIELD_TEXT_MAX, "%.10g", json_real_value(v));
        *out = num;
        return true;
    }
    http_error(w, 422, "invalid", key, "%s: expected %s", key,
               num ? "a string or a number" : "a string");
    return false;
}

/* Body field KEY as a boolean (absent or null: false); another type: 422. */
static bool body_bool(struct http_req *r, struct http_resp *w, const char *key, bool *out)
{
    *out = false;
    json_t *v = r->json ? json_object_get(r->json, key) : NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_boolean(v)) {
        http_error(w, 422, "invalid", key, "%s: expected true or false", key);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

/* ---- answers ----------------------------------------------------------------------- */

/* Answer T as {"KEY":[rows OFFSET..OFFSET+LIMIT), "total": all rows} (?limit=,
 * ?offset=), or, with ?format=csv|xlsx, the whole table as a download. */
static void answer_paged(struct http_req *r, struct http_resp *w, const char *key,
                         const struct table *t, const char *filename)
{
    const char *format = http_query(r, "format");
    if (format && strcmp(format, "json") != 0) {
        http_table(w, r, key, t, filename);
        return;
    }
    int64_t limit = LIST_LIMIT_DEFAULT, offset = 0;
    const char *l = http_query(r, "limit"), *o = http_query(r, "offset");
    if (l && (!str_to_i64(l, &limit) || limit < 1 || limit > LIST_LIMIT_MAX)) {
        http_error(w, 400, "bad_request", "limit", "limit \"%s\": give 1 to %d", l, LIST_LIMIT_MAX);
        return;
    }
    if (o && (!str_to_i64(o, &offset) || offset < 0)) {
        http_error(w, 400, "bad_request", "offset", "offset \"%s\": give 0 or more", o);
        return;
    }
    json_t *all = table_json(t);
    json_t *page = json_array();
    for (size_t i = (size_t)offset; i < json_array_size(all) && i < (size_t)(offset + limit); i++)
        json_array_append(page, json_array_get(all, i));
    json_decref(all);
    json_t *body = json_object();
    json_object_set_new(body, key, page);
    json_object_set_new(body, "total", json_integer((json_int_t)t->n_rows));
    http_json(w, 200, body);
}

/* Answer STATUS with {"KEY": row 0 of T} (T has one row). */
static void answer_row(struct http_resp *w, int status, const char *key, const struct table *t)
{
    json_t *rows = table_json(t);
    json_t *body = json_object();
    json_object_set(body, key, json_array_size(rows) ? json_array_get(rows, 0) : json_null());
    json_decref(rows);
    http_json(w, status, body);
}

/* Answer ST's error, or T as {"KEY": rows}; frees T. */
static void answer_table(struct http_req *r, struct http_resp *w, enum at_status st,
                         const struct at_err *err, const char *key, struct table *t,
                         const char *filename)
{
    if (st)
        http_at_error(w, err, NULL);
    else
        http_table(w, r, key, t, filename);
    table_free(t);
}

/* ---- check-ins ------------------------------------------------------------------- */

static void checkins_list(struct http_req *r, struct http_resp *w)
{
    struct checkin_list_options o = {.goal = http_query(r, "goal"),
                                     .since = http_query(r, "since")};
    const char *scope = http_query(r, "scope");
    struct reader rd = {.who = &r->who};
    struct goal g;
    if (o.goal && !goal_readable(r, w, o.goal, &g))
        return;
    if (scope && !scope_readable(r, w, "scope", scope, &rd.within))
        return;
    o.scope = scope;
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_checkins(r->app, &o, 0, &vis, &t, &err);
    if (st)
        http_at_error(w, &err, NULL);
    else
        answer_paged(r, w, "checkins", &t, "checkins");
    table_free(&t);
}

/* Answer STATUS with check-in ID as listed ({"checkin": row}). */
static void answer_checkin(struct http_req *r, struct http_resp *w, int status, int64_t id,
                           int64_t goal)
{
    char goal_text[24];
    snprintf(goal_text, sizeof goal_text, "%lld", (long long)goal);
    struct checkin_list_options o = {.goal = goal_text};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_checkins(r->app, &o, id, NULL, &t, &err);
    if (st)
        http_at_error(w, &err, NULL);
    else
        answer_row(w, status, "checkin", &t);
    table_free(&t);
}

static void checkin_add(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"confidence", "note",       "progress_note", "blockers",
                                       "next",       "next_steps", "as_of",         NULL};
    struct goal g;
    if (!goal_readable(r, w, r->params[0], &g) || !body_keys(r, w, keys))
        return;
    if (!access_may_report(r->app, &r->who, &g.ref)) {
        http_error(w, 403, "forbidden", NULL, "goal %lld: you may not check in on it",
                   (long long)g.id);
        return;
    }
    char conf[FIELD_TEXT_MAX];
    const char *note, *note2, *next, *next2;
    struct checkin_add_options o = {.goal = r->params[0]};
    if (!body_text(r, w, "confidence", conf, &o.confidence) ||
        !body_text(r, w, "note", NULL, &note) || !body_text(r, w, "progress_note", NULL, &note2) ||
        !body_text(r, w, "blockers", NULL, &o.blockers) || !body_text(r, w, "next", NULL, &next) ||
        !body_text(r, w, "next_steps", NULL, &next2) || !body_text(r, w, "as_of", NULL, &o.as_of))
        return;
    o.note = note ? note : note2;
    o.next = next ? next : next2;
    struct checkin c;
    struct at_err err = {0};
    if (app_checkin_add(r->app, &o, &c, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    answer_checkin(r, w, 201, c.id, c.goal_id);
}

static void checkins_due(struct http_req *r, struct http_resp *w)
{
    const char *scope = http_query(r, "scope");
    struct reader rd = {.who = &r->who};
    if (scope && !scope_readable(r, w, "scope", scope, &rd.within))
        return;
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_checkins_due(r->app, scope, http_query(r, "as_of"), &vis, &t, &err);
    answer_table(r, w, st, &err, "due", &t, "checkins-due");
}

static void checkin_ack(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"comment", "note", NULL};
    int64_t id;
    if (!id_parse(w, "id", r->params[0], &id) || !body_keys(r, w, keys))
        return;
    const char *comment, *note;
    if (!body_text(r, w, "comment", NULL, &comment) || !body_text(r, w, "note", NULL, &note))
        return;
    /* the check-in as the reader may see it: else it does not exist for them */
    struct reader rd = {.who = &r->who};
    struct view_visible vis = {reader_may_read, &rd};
    struct checkin_list_options o = {0};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_checkins(r->app, &o, id, &vis, &t, &err);
    size_t n = t.n_rows;
    table_free(&t);
    if (st) {
        http_at_error(w, &err, NULL);
        return;
    }
    if (n == 0) {
        not_found(w, "check-in", r->params[0]);
        return;
    }
    struct checkin c;
    if (app_checkin_ack(r->app, r->params[0], comment ? comment : note, &c, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    answer_checkin(r, w, 200, c.id, c.goal_id);
}

/* ---- the forecast call ----------------------------------------------------------- */

static void forecast_show(struct http_req *r, struct http_resp *w)
{
    struct forecast_show_options o = {.period = http_query(r, "period"),
                                      .scope = http_query(r, "scope"),
                                      .as_of = http_query(r, "as_of")};
    struct reader rd = {.who = &r->who};
    struct scope_ref s;
    if (o.scope && !scope_readable(r, w, "scope", o.scope, &s))
        return;
    if (!o.period) {
        http_error(w, 400, "bad_request", "period", "give the period (period=this-quarter)");
        return;
    }
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_forecast_show(r->app, &o, &vis, &t, &err);
    answer_table(r, w, st, &err, "rows", &t, "forecast");
}

static void forecast_accuracy(struct http_req *r, struct http_resp *w)
{
    struct forecast_accuracy_options o = {.period = http_query(r, "period"),
                                          .scope = http_query(r, "scope"),
                                          .by = http_query(r, "by"),
                                          .as_of = http_query(r, "as_of")};
    struct reader rd = {.who = &r->who};
    struct scope_ref s;
    if (o.scope && !scope_readable(r, w, "scope", o.scope, &s))
        return;
    if (!o.period) {
        http_error(w, 400, "bad_request", "period", "give the period (period=last-quarter)");
        return;
    }
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_forecast_accuracy(r->app, &o, &vis, &t, &err);
    answer_table(r, w, st, &err, "rows", &t, "forecast-accuracy");
}

static void forecast_submit(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"period", "commit",  "best_case", "note",
                                       "as_of",  "dry_run", NULL};
    if (!body_keys(r, w, keys))
        return;
    if (!r->who.person_id) {
        http_error(w, 403, "forbidden", NULL, "only a person makes a forecast call: %s is nobody",
                   r->who.login);
        return;
    }
    char commit_num[FIELD_TEXT_MAX], best_num[FIELD_TEXT_MAX];
    const char *period, *commit, *best, *note, *as_of;
    bool dry_run;
    if (!body_text(r, w, "period", NULL, &period) ||
        !body_text(r, w, "commit", commit_num, &commit) ||
        !body_text(r, w, "best_case", best_num, &best) || !body_text(r, w, "note", NULL, &note) ||
        !body_text(r, w, "as_of", NULL, &as_of) || !body_bool(r, w, "dry_run", &dry_run))
        return;
    if (!period) {
        http_error(w, 422, "invalid", "period", "give the period of the call");
        return;
    }
    struct forecast_submission s;
    struct at_err err = {0};
    int64_t id = 0;
    if (app_forecast_submit_build(r->app, period, as_of, commit, best, note, &s, &err) ||
        (!dry_run && app_forecast_submit_save(r->app, &s, &id, &err))) {
        http_at_error(w, &err, NULL);
        return;
    }
    struct table t;
    view_forecast_submission(r->app, &s, &t);
    json_t *body = json_object();
    json_object_set_new(body, "id", id ? json_integer((json_int_t)id) : json_null());
    json_object_set_new(body, "person", json_string(s.person));
    json_object_set_new(body, "period", json_string(s.period));
    char day[CAL_DATE_LEN];
    json_object_set_new(body, "as_of", json_string(cal_format(s.day, day)));
    json_object_set_new(body, "rows", table_json(&t));
    table_free(&t);
    http_json(w, dry_run ? 200 : 201, body);
}

static void forecast_adjust(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"person", "period", "commit", "note", "as_of", NULL};
    if (!body_keys(r, w, keys))
        return;
    char commit_num[FIELD_TEXT_MAX];
    const char *person, *period, *commit, *note, *as_of;
    if (!body_text(r, w, "person", NULL, &person) || !body_text(r, w, "period", NULL, &period) ||
        !body_text(r, w, "commit", commit_num, &commit) || !body_text(r, w, "note", NULL, &note) ||
        !body_text(r, w, "as_of", NULL, &as_of))
        return;
    if (!person) {
        http_error(w, 422, "invalid", "person", "give the person whose call is adjusted");
        return;
    }
    /* the person's scope as typed ("张三" or "person:张三") */
    char scope_text[300];
    snprintf(scope_text, sizeof scope_text, "%s%s", strchr(person, ':') ? "" : "person:", person);
    struct scope_ref s;
    if (!scope_readable(r, w, "person", scope_text, &s))
        return;
    int64_t id;
    char label[GOAL_SCOPE_MAX];
    struct at_err err = {0};
    if (app_forecast_adjust(r->app, person, period, commit, note, as_of, &id, label, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *body = json_object();
    json_object_set_new(body, "id", json_integer((json_int_t)id));
    json_object_set_new(body, "person", json_string(label));
    http_json(w, 201, body);
}

static void forecast_categories(struct http_req *r, struct http_resp *w)
{
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_forecast_categories(r->app, &t, &err);
    answer_table(r, w, st, &err, "stages", &t, "forecast-categories");
}

static void forecast_categories_set(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"set", NULL};
    if (!body_keys(r, w, keys))
        return;
    json_t *set = r->json ? json_object_get(r->json, "set") : NULL;
    if (!json_is_array(set) || json_array_size(set) == 0 || json_array_size(set) > 256) {
        http_error(w, 422, "invalid", "set",
                   "set: give a list of \"STAGE=CATEGORY\" (1 to 256 of them)");
        return;
    }
    size_t n = json_array_size(set);
    const char **assign = xcalloc(n, sizeof *assign);
    for (size_t i = 0; i < n; i++) {
        assign[i] = json_string_value(json_array_get(set, i));
        if (!assign[i]) {
            free(assign);
            http_error(w, 422, "invalid", "set", "set[%zu]: expected \"STAGE=CATEGORY\"", i);
            return;
        }
    }
    struct at_err err = {0};
    enum at_status st = app_forecast_categories_set(r->app, assign, n, &err);
    free(assign);
    if (st) {
        http_at_error(w, &err, "set");
        return;
    }
    forecast_categories(r, w);
}

/* ---- reviews --------------------------------------------------------------------- */

/* The scope of a review or digest: ?scope=, else the principal's home scope,
 * as a label into OUT; false when answered. */
static bool review_scope(struct http_req *r, struct http_resp *w, char *out, size_t size)
{
    const char *scope = http_query(r, "scope");
    struct scope_ref s;
    if (scope) {
        if (!scope_readable(r, w, "scope", scope, &s))
            return false;
        snprintf(out, size, "%s", scope);
        return true;
    }
    const struct org *o;
    struct at_err err = {0};
    if (access_home(r->app, &r->who, &s, &err) || app_org(r->app, &o, &err)) {
        http_at_error(w, &err, "scope");
        return false;
    }
    org_label(o, &s, out, size);
    return true;
}

static void review_agenda(struct http_req *r, struct http_resp *w)
{
    char scope[GOAL_SCOPE_MAX];
    if (!review_scope(r, w, scope, sizeof scope))
        return;
    struct review_options o = {.scope = scope,
                               .period = http_query(r, "period"),
                               .as_of = http_query(r, "as_of"),
                               .since = http_query(r, "since"),
                               .lang = strcmp(r->lang, "zh") == 0 ? "zh" : "en",
                               .generator = "attain " ATTAIN_VERSION};
    struct review_doc doc;
    struct buf b;
    buf_init(&b, REVIEW_DOC_LIMIT);
    struct at_err err = {0};
    enum at_status st = app_review(r->app, &o, &doc, &err);
    if (!st)
        st = review_render(&doc, REVIEW_JSON, &b, &err);
    if (st) {
        http_at_error(w, &err, NULL);
    } else {
        json_error_t jerr;
        json_t *body = json_loadb(buf_str(&b), b.len, 0, &jerr);
        if (body)
            http_json(w, 200, body);
        else
            http_error(w, 500, "internal", NULL, "the agenda is not JSON: %s", jerr.text);
    }
    buf_free(&b);
    review_doc_free(&doc);
}

static void review_decide(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"scope", "text", "goal", "as_of", NULL};
    if (!body_keys(r, w, keys))
        return;
    char goal_num[FIELD_TEXT_MAX];
    const char *scope, *text, *goal, *as_of;
    if (!body_text(r, w, "scope", NULL, &scope) || !body_text(r, w, "text", NULL, &text) ||
        !body_text(r, w, "goal", goal_num, &goal) || !body_text(r, w, "as_of", NULL, &as_of))
        return;
    if (!scope) {
        http_error(w, 422, "invalid", "scope", "give the scope of the review");
        return;
    }
    struct scope_ref s;
    struct goal g;
    if (!scope_readable(r, w, "scope", scope, &s) || (goal && !goal_readable(r, w, goal, &g)))
        return;
    struct review_decision d;
    struct at_err err = {0};
    if (app_review_decide(r->app, scope, text, goal, as_of, &d, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    char day[CAL_DATE_LEN];
    json_t *dec = json_object();
    json_object_set_new(dec, "id", json_integer((json_int_t)d.id));
    json_object_set_new(dec, "scope", json_string(scope));
    json_object_set_new(dec, "meeting", json_string(cal_format(d.meeting, day)));
    json_object_set_new(dec, "goal", d.goal_id ? json_integer((json_int_t)d.goal_id) : json_null());
    json_object_set_new(dec, "text", json_string(d.text));
    json_t *body = json_object();
    json_object_set_new(body, "decision", dec);
    http_json(w, 201, body);
}

static void review_decisions(struct http_req *r, struct http_resp *w)
{
    char scope[GOAL_SCOPE_MAX];
    if (!review_scope(r, w, scope, sizeof scope))
        return;
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_review_decisions(r->app, scope, http_query(r, "since"),
                                              http_query(r, "as_of"), &t, &err);
    answer_table(r, w, st, &err, "decisions", &t, "decisions");
}

/* ---- change requests -------------------------------------------------------------- */

static void requests_list(struct http_req *r, struct http_resp *w)
{
    const char *state = http_query(r, "state"), *scope = http_query(r, "scope");
    if (!state || strcmp(state, "waiting") == 0)
        state = "pending";
    struct reader rd = {.who = &r->who};
    if (scope && !scope_readable(r, w, "scope", scope, &rd.within))
        return;
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_requests(r->app, scope, state, &vis, &t, &err);
    if (st)
        http_at_error(w, &err, "state");
    else
        answer_paged(r, w, "requests", &t, "requests");
    table_free(&t);
}

/* Answer STATUS with request ID as listed ({"request": row}); 404 when the
 * reader may not see it. */
static void answer_request(struct http_req *r, struct http_resp *w, int status, int64_t id)
{
    struct reader rd = {.who = &r->who};
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_requests(r->app, NULL, "all", &vis, &t, &err);
    size_t row = t.n_rows;
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", (long long)id);
    for (size_t i = 0; !st && i < t.n_rows; i++)
        if (strcmp(t.cells[i * t.n_cols], id_text) == 0)
            row = i;
    if (st) {
        http_at_error(w, &err, NULL);
    } else if (row == t.n_rows) {
        not_found(w, "request", id_text);
    } else {
        json_t *rows = table_json(&t);
        json_t *body = json_object();
        json_object_set(body, "request", json_array_get(rows, row));
        json_decref(rows);
        http_json(w, status, body);
    }
    table_free(&t);
}

/* Does request ID exist for the reader (404 answered when not)? */
static bool request_visible(struct http_req *r, struct http_resp *w, int64_t id)
{
    struct reader rd = {.who = &r->who};
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_requests(r->app, NULL, "all", &vis, &t, &err);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", (long long)id);
    bool found = false;
    for (size_t i = 0; !st && i < t.n_rows; i++)
        found = found || strcmp(t.cells[i * t.n_cols], id_text) == 0;
    table_free(&t);
    if (st)
        http_at_error(w, &err, NULL);
    else if (!found)
        not_found(w, "request", id_text);
    return !st && found;
}

static void request_add(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"goal", "target", "period", "scope", "reason", NULL};
    if (!body_keys(r, w, keys))
        return;
    char goal_num[FIELD_TEXT_MAX], target_num[FIELD_TEXT_MAX];
    struct goal_fields f = {0};
    const char *goal, *reason;
    if (!body_text(r, w, "goal", goal_num, &goal) ||
        !body_text(r, w, "target", target_num, &f.target) ||
        !body_text(r, w, "period", NULL, &f.period) || !body_text(r, w, "scope", NULL, &f.scope) ||
        !body_text(r, w, "reason", NULL, &reason))
        return;
    if (!goal) {
        http_error(w, 422, "invalid", "goal", "give the goal the request changes");
        return;
    }
    struct goal g;
    if (!goal_readable(r, w, goal, &g))
        return;
    if (!access_may_report(r->app, &r->who, &g.ref)) {
        http_error(w, 403, "forbidden", "goal", "goal %lld: you may not ask to change it",
                   (long long)g.id);
        return;
    }
    if (!f.target && !f.period && !f.scope) {
        http_error(w, 422, "invalid", "target",
                   "a request changes the target, the period or the scope: give one");
        return;
    }
    if (!reason || !*reason) {
        http_error(w, 422, "invalid", "reason", "say why (reason): the approver reads it");
        return;
    }
    if (f.scope) {
        struct scope_ref s;
        if (!scope_readable(r, w, "scope", f.scope, &s))
            return;
    }
    /* only a locked goal takes a request: the change of an unlocked goal is
     * PATCH /api/goals/{id}, for those who may change it */
    bool locked;
    struct at_err err = {0};
    if (app_goal_locked(r->app, g.id, &locked, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    if (!locked) {
        http_error(w, 409, "conflict", "goal",
                   "goal %lld is not locked: change it with PATCH /api/goals/%lld", (long long)g.id,
                   (long long)g.id);
        return;
    }
    int64_t request_id = 0;
    if (app_goal_edit(r->app, g.id, &f, reason, r->lang, &request_id, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    if (!request_id) { /* a locked goal's plan change is always a request (app/adjust.h) */
        http_error(w, 500, "internal", NULL, "goal %lld: the change made no request",
                   (long long)g.id);
        return;
    }
    answer_request(r, w, 201, request_id);
}

static void request_decide(struct http_req *r, struct http_resp *w, bool approve)
{
    static const char *const keys[] = {"note", "comment", NULL};
    int64_t id;
    if (!id_parse(w, "id", r->params[0], &id) || !body_keys(r, w, keys))
        return;
    const char *note, *comment;
    if (!body_text(r, w, "note", NULL, &note) || !body_text(r, w, "comment", NULL, &comment))
        return;
    if (!request_visible(r, w, id))
        return;
    struct at_err err = {0};
    const char *c = note ? note : comment;
    enum at_status st = approve ? app_request_approve(r->app, id, c, &err)
                                : app_request_reject(r->app, id, c, &err);
    if (st) {
        http_at_error(w, &err, NULL);
        return;
    }
    answer_request(r, w, 200, id);
}

static void request_approve(struct http_req *r, struct http_resp *w)
{
    request_decide(r, w, true);
}

static void request_reject(struct http_req *r, struct http_resp *w)
{
    request_decide(r, w, false);
}

/* ---- scorecards ------------------------------------------------------------------- */

static void scorecards_list(struct http_req *r, struct http_resp *w)
{
    struct scorecard_options o = {.scope = http_query(r, "scope"),
                                  .period = http_query(r, "period"),
                                  .cap = http_query(r, "cap"),
                                  .as_of = http_query(r, "as_of")};
    struct reader rd = {.who = &r->who};
    struct scope_ref s;
    if (o.scope && !scope_readable(r, w, "scope", o.scope, &s))
        return;
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_scorecards(r->app, &o, &vis, NULL, &t, &err);
    answer_table(r, w, st, &err, "rows", &t, "scorecards");
}

static void scorecard_add(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"scope", "period", "goals", NULL};
    if (!body_keys(r, w, keys))
        return;
    const char *scope, *period;
    if (!body_text(r, w, "scope", NULL, &scope) || !body_text(r, w, "period", NULL, &period))
        return;
    json_t *goals = r->json ? json_object_get(r->json, "goals") : NULL;
    if (!json_is_array(goals) || json_array_size(goals) > SCORECARD_GOALS_MAX) {
        http_error(w, 422, "invalid", "goals", "goals: give a list of \"ID:WEIGHT\" (at most %d)",
                   SCORECARD_GOALS_MAX);
        return;
    }
    if (!scope) {
        http_error(w, 422, "invalid", "scope", "give the scope of the scorecard");
        return;
    }
    struct scope_ref s;
    if (!scope_readable(r, w, "scope", scope, &s))
        return;
    if (!access_may_write(r->app, &r->who, &s)) {
        http_error(w, 403, "forbidden", "scope", "%s: you may not add a scorecard here", scope);
        return;
    }
    const char *list[SCORECARD_GOALS_MAX];
    size_t n = json_array_size(goals);
    for (size_t i = 0; i < n; i++) {
        list[i] = json_string_value(json_array_get(goals, i));
        if (!list[i]) {
            http_error(w, 422, "invalid", "goals", "goals[%zu]: expected \"ID:WEIGHT\"", i);
            return;
        }
        /* every goal weighed must be one the manager may see */
        char id_text[24];
        snprintf(id_text, sizeof id_text, "%.*s", (int)strcspn(list[i], ":"), list[i]);
        struct goal g;
        int64_t gid;
        if (str_to_i64(id_text, &gid) && gid > 0 && !goal_readable(r, w, id_text, &g))
            return;
    }
    int64_t id;
    struct at_err err = {0};
    if (app_scorecard_add(r->app, scope, period, list, n, &id, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *body = json_object();
    json_object_set_new(body, "id", json_integer((json_int_t)id));
    http_json(w, 201, body);
}

/* ---- channels, alerts, the digest ------------------------------------------------ */

static void channels_list(struct http_req *r, struct http_resp *w)
{
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_channels(r->app, &t, &err);
    answer_table(r, w, st, &err, "channels", &t, "channels");
}

static void channel_add(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"scope", "kind", "url",  "secret", "lang",
                                       "smtp",  "to",   "from", NULL};
    if (!body_keys(r, w, keys))
        return;
    struct channel_fields f = {0};
    if (!body_text(r, w, "scope", NULL, &f.scope) || !body_text(r, w, "kind", NULL, &f.kind) ||
        !body_text(r, w, "url", NULL, &f.url) || !body_text(r, w, "secret", NULL, &f.secret) ||
        !body_text(r, w, "lang", NULL, &f.lang) || !body_text(r, w, "smtp", NULL, &f.smtp) ||
        !body_text(r, w, "to", NULL, &f.to) || !body_text(r, w, "from", NULL, &f.from))
        return;
    if (!f.lang)
        f.lang = r->lang;
    int64_t id;
    struct at_err err = {0};
    if (app_channel_add(r->app, &f, &id, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    /* the channel as listed: the address redacted, the secret "****" */
    struct table t;
    enum at_status st = view_channels(r->app, &t, &err);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", (long long)id);
    size_t row = t.n_rows;
    for (size_t i = 0; !st && i < t.n_rows; i++)
        if (strcmp(t.cells[i * t.n_cols], id_text) == 0)
            row = i;
    if (st || row == t.n_rows) {
        if (st)
            http_at_error(w, &err, NULL);
        else
            not_found(w, "channel", id_text);
    } else {
        json_t *rows = table_json(&t);
        json_t *body = json_object();
        json_object_set(body, "channel", json_array_get(rows, row));
        json_decref(rows);
        http_json(w, 201, body);
    }
    table_free(&t);
}

static void channel_rm(struct http_req *r, struct http_resp *w)
{
    int64_t id;
    if (!id_parse(w, "id", r->params[0], &id))
        return;
    struct at_err err = {0};
    if (app_channel_rm(r->app, id, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    json_t *body = json_object();
    json_object_set_new(body, "removed", json_integer((json_int_t)id));
    http_json(w, 200, body);
}

static void alerts_list(struct http_req *r, struct http_resp *w)
{
    const char *scope = http_query(r, "scope"), *failed = http_query(r, "failed");
    struct reader rd = {.who = &r->who};
    if (scope && !scope_readable(r, w, "scope", scope, &rd.within))
        return;
    rd.has_within = scope != NULL;
    if (failed && strcmp(failed, "0") != 0 && strcmp(failed, "1") != 0) {
        http_error(w, 400, "bad_request", "failed", "failed \"%s\": give 0 or 1", failed);
        return;
    }
    struct view_visible vis = {reader_may_read, &rd};
    struct table t;
    struct at_err err = {0};
    enum at_status st = view_outbox(r->app, failed && strcmp(failed, "1") == 0, &vis, &t, &err);
    if (st)
        http_at_error(w, &err, NULL);
    else
        answer_paged(r, w, "alerts", &t, "alerts");
    table_free(&t);
}

static void digest_get(struct http_req *r, struct http_resp *w)
{
    char scope[GOAL_SCOPE_MAX];
    if (!review_scope(r, w, scope, sizeof scope))
        return;
    const char *format = http_query(r, "format");
    enum digest_format f = DIGEST_MD;
    if (format && strcmp(format, "html") == 0)
        f = DIGEST_HTML;
    else if (format && strcmp(format, "text") == 0)
        f = DIGEST_TEXT;
    else if (format && strcmp(format, "md") != 0) {
        http_error(w, 400, "bad_request", "format", "format \"%s\": choose md, html or text",
                   format);
        return;
    }
    struct digest_options o = {
        .scope = scope, .period = http_query(r, "period"), .as_of = http_query(r, "as_of")};
    struct digest d;
    struct at_err err = {0};
    if (app_digest(r->app, &o, &d, &err)) {
        http_at_error(w, &err, NULL);
        return;
    }
    struct buf b;
    buf_init(&b, 0);
    digest_render(r->app, &d, f, r->lang, &b);
    json_t *body = json_object();
    json_object_set_new(body, "scope", json_string(scope));
    json_object_set_new(body, "format",
                        json_string(f == DIGEST_HTML   ? "html"
                                    : f == DIGEST_TEXT ? "text"
                                                       : "md"));
    json_object_set_new(body, "text", json_stringn(buf_str(&b), b.len));
    buf_free(&b);
    digest_free(&d);
    http_json(w, 200, body);
}

/* ---- settings (attain config) ------------------------------------------------------ */

static void setting_row(const char *key, const char *value, void *ctx)
{
    const char *row[] = {key, value};
    table_add_row(ctx, row);
}

static void settings_list(struct http_req *r, struct http_resp *w)
{
    const char *cols[] = {"setting", "value"};
    struct table t;
    table_init(&t, 2, cols);
    struct at_err err = {0};
    enum at_status st = app_settings(r->app, setting_row, &t, &err);
    answer_table(r, w, st, &err, "settings", &t, "settings");
}

static void settings_set(struct http_req *r, struct http_resp *w)
{
    static const char *const keys[] = {"setting", "value", NULL};
    if (!body_keys(r, w, keys))
        return;
    const char *key, *value;
    if (!body_text(r, w, "setting", NULL, &key) || !body_text(r, w, "value", NULL, &value))
        return;
    if (!key) {
        http_error(w, 422, "invalid", "setting", "give the setting to change");
        return;
    }
    struct at_err err = {0};
    if (app_setting_set(r->app, key, value ? value : "", &err)) {
        http_at_error(w, &err, "setting");
        return;
    }
    settings_list(r, w);
}

const struct route api_loop_routes[] = {
    {"GET", "/api/checkins", checkins_list, ROLE_REP, 0,
     "Check-ins (timeline with confidence), filtered by goal, scope and since"},
    {"GET", "/api/checkins/due", checkins_due, ROLE_REP, 0, "Goals that owe a check-in"},
    {"POST", "/api/checkins/{id}/ack", checkin_ack, ROLE_REP, ROUTE_WRITE,
     "Acknowledge a check-in (someone above its author)"},
    {"POST", "/api/goals/{id}/checkins", checkin_add, ROLE_REP, ROUTE_WRITE, "Check in on a goal"},
    {"GET", "/api/forecast", forecast_show, ROLE_REP, 0,
     "The forecast call: commit, best case, adjustments, roll-ups"},
    {"POST", "/api/forecast", forecast_submit, ROLE_REP, ROUTE_WRITE,
     "Submit (or preview) the signed-in person's forecast call"},
    {"GET", "/api/forecast/accuracy", forecast_accuracy, ROLE_REP, 0,
     "Forecast accuracy of a period that is over"},
    {"POST", "/api/forecast/adjust", forecast_adjust, ROLE_MANAGER, ROUTE_WRITE,
     "A manager's adjustment of a person's commit"},
    {"GET", "/api/requests", requests_list, ROLE_REP, 0, "Change requests on locked goals"},
    {"POST", "/api/requests", request_add, ROLE_REP, ROUTE_WRITE,
     "Ask for a change of a locked goal's target, period or scope"},
    {"POST", "/api/requests/{id}/approve", request_approve, ROLE_REP, ROUTE_WRITE,
     "Approve a change request (someone above the goal's owner)"},
    {"POST", "/api/requests/{id}/reject", request_reject, ROLE_REP, ROUTE_WRITE,
     "Reject a change request (someone above the goal's owner)"},
    {"GET", "/api/review", review_agenda, ROLE_REP, 0, "The review agenda of a scope"},
    {"GET", "/api/review/decisions", review_decisions, ROLE_REP, 0,
     "The decisions of a scope's reviews"},
    {"POST", "/api/review/decisions", review_decide, ROLE_MANAGER, ROUTE_WRITE,
     "Record a decision of a review"},
    {"GET", "/api/scorecards", scorecards_list, ROLE_REP, 0, "Weighted scorecards"},
    {"POST", "/api/scorecards", scorecard_add, ROLE_MANAGER, ROUTE_WRITE, "Add a scorecard"},
    {"GET", "/api/channels", channels_list, ROLE_ADMIN, 0,
     "Notification channels (addresses redacted, secrets masked)"},
    {"POST", "/api/channels", channel_add, ROLE_ADMIN, ROUTE_WRITE, "Add a notification channel"},
    {"DELETE", "/api/channels/{id}", channel_rm, ROLE_ADMIN, ROUTE_WRITE,
     "Remove a notification channel"},
    {"GET", "/api/alerts", alerts_list, ROLE_REP, 0, "Alerts and digests sent or waiting"},
    {"GET", "/api/digest", digest_get, ROLE_REP, 0, "The weekly digest of a scope"},
    {"GET", "/api/settings/forecast-categories", forecast_categories, ROLE_REP, 0,
     "Deal stages and their forecast categories"},
    {"POST", "/api/settings/forecast-categories", forecast_categories_set, ROLE_ADMIN, ROUTE_WRITE,
     "Set the forecast category of deal stages"},
    {"GET", "/api/settings", settings_list, ROLE_ADMIN, 0, "The settings (attain config)"},
    {"POST", "/api/settings", settings_set, ROLE_ADMIN, ROUTE_WRITE,
     "Change a setting (attain config set)"},
    {0},
};
