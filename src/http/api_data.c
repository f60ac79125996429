/*
 * api_data.c — the API routes of metrics, explain, reports, org, customers,
 * deals, orders, import, the plan, the summary and periods. Each handler reads
 * its query parameters, checks what the principal may read (app/access.h: a
 * scope asked by name that may not be read is 403 "forbidden"; rows of a list
 * or a breakdown that may not be read are left out), calls the view/ builder
 * the command line calls, and answers with its table (http_table: JSON rows,
 * or ?format=csv / xlsx the same bytes as the CLI's --format csv / xlsx).
 */
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/app.h"
#include "app/calendar_info.h"
#include "app/import.h"
#include "app/ingest.h"
#include "app/list.h"
#include "app/org.h"
#include "base/map.h"
#include "base/str.h"
#include "http/http.h"
#include "io/plan_render.h"
#include "view/import.h"
#include "view/list.h"
#include "view/metric.h"
#include "view/period.h"
#include "view/plan.h"
#include "view/report.h"
#include "view/table.h"
#include "version.h"

/* Lists: ?limit= (default LIST_LIMIT, at most LIST_LIMIT_MAX) and ?offset=. */
#define LIST_LIMIT     100
#define LIST_LIMIT_MAX 1000

/* Several filters in one ?where= are separated by ";" ("segment=Enterprise;region=East");
 * a part without "=" belongs to the value before it ("name=a;b" is one filter). */
#define MAX_WHERE 8

/* The ?where= filters split at ";" into WHERE (pointing into *COPY, which the
 * caller frees); false (and a 400 answered) when there are too many. */
static bool read_where(struct http_req *r, struct http_resp *w, char **copy,
                       const char *where[MAX_WHERE], size_t *n)
{
    *n = 0;
    *copy = NULL;
    const char *text = http_query(r, "where");
    if (!text || !*text)
        return true;
    *copy = xstrdup(text);
    for (char *p = *copy; p;) {
        char *start = p, *end = NULL;
        /* this filter ends at the first ";" whose next part has its own "=" */
        for (char *semi = strchr(p, ';'); semi && !end; semi = strchr(semi + 1, ';')) {
            char *eq = strchr(semi + 1, '='), *next = strchr(semi + 1, ';');
            if (eq && (!next || eq < next))
                end = semi;
        }
        if (end)
            *end = '\0';
        p = end ? end + 1 : NULL;
        if (!*start)
            continue;
        if (*n == MAX_WHERE) {
            http_error(w, 400, "invalid", "where", "where: at most %d filters", MAX_WHERE);
            free(*copy);
            *copy = NULL;
            return false;
        }
        where[(*n)++] = start;
    }
    return true;
}

/* Refuse (400, naming it) a parameter NAME a route does not take. */
static bool refuse_param(struct http_req *r, struct http_resp *w, const char *name,
                         const char *route)
{
    if (!http_query(r, name))
        return true;
    http_error(w, 400, "invalid", name, "%s does not take %s", route, name);
    return false;
}

/* A required parameter; false (and a 400 answered) when absent or empty. */
static const char *required(struct http_req *r, struct http_resp *w, const char *name,
                            const char *example)
{
    const char *v = http_query(r, name);
    if (v && *v)
        return v;
    http_error(w, 400, "invalid", name, "give %s, e.g. %s=%s", name, name, example);
    return NULL;
}

/* May the principal read (WRITE: change, i.e. is it inside their own subtree)
 * the scope TEXT ("company" when NULL)? Answers 404 / 409 / 422 for a scope
 * that does not resolve and 403 "forbidden" for one out of reach, and returns
 * false then. */
static bool scope_allowed(struct http_req *r, struct http_resp *w, const char *text, bool write)
{
    struct at_err err = {0};
    const struct org *org;
    struct scope_ref ref;
    if (!text || !*text)
        text = "company";
    if (app_org(r->app, &org, &err) || org_resolve(org, text, &ref, &err)) {
        http_at_error(w, &err, "scope");
        return false;
    }
    if (write ? !access_may_write(r->app, &r->who, &ref)
              : !access_may_read(r->app, &r->who, &ref)) {
        if (write)
            http_error(w, 403, "forbidden", "scope",
                       "%s is not inside your own part of the organisation", text);
        else
            http_error(w, 403, "forbidden", "scope", "you may not read the figures of %s", text);
        return false;
    }
    return true;
}

static bool scope_readable(struct http_req *r, struct http_resp *w, const char *text)
{
    return scope_allowed(r, w, text, false);
}

/* A row whose scope text (column COL) the principal may read. */
struct scope_keep {
    struct http_req *r;
    const struct org *org;
    int col;
};

static bool keep_scope_row(const struct table *t, const char *const *vals, void *ctx)
{
    (void)t;
    struct scope_keep *k = ctx;
    struct at_err err = {0};
    struct scope_ref ref;
    const char *text = vals[k->col];
    if (text && strcmp(text, "total") == 0)
        return true; /* the variance report's total of the scope asked (readable) */
    return text && !org_resolve(k->org, text, &ref, &err) &&
           access_may_read(k->r->app, &k->r->who, &ref);
}

/* Keep only the rows of T whose column SCOPE the principal may read. */
static enum at_status filter_scopes(struct http_req *r, struct table *t, struct at_err *err)
{
    struct scope_keep k = {.r = r, .col = view_col(t, "scope")};
    if (k.col < 0)
        return AT_OK;
    enum at_status st = app_org(r->app, &k.org, err);
    if (!st)
        view_table_filter(t, keep_scope_row, &k);
    return st;
}

/* ---- metrics and explain -------------------------------------------------- */

/* The metric query of R's parameters (WHERE from read_where). */
static void metric_query_of(struct http_req *r, struct metric_query *q, const char *const *where,
                            size_t n_where)
{
    memset(q, 0, sizeof *q);
    q->metric = http_query(r, "metric");
    q->period = http_query(r, "period");
    q->scope = http_query(r, "scope");
    q->by = http_query(r, "by");
    q->as_of = http_query(r, "as_of");
    q->where = where;
    q->n_where = n_where;
}

/* GET /api/metrics?metric=&scope=&period=&by=&where=&as_of= → {"rows":[…]}. */
static void get_metrics(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    const char *where[MAX_WHERE];
    size_t n_where;
    char *copy;
    struct metric_query q;
    if (!required(r, w, "metric", "revenue") || !required(r, w, "period", "this-month") ||
        !read_where(r, w, &copy, where, &n_where))
        return;
    metric_query_of(r, &q, where, n_where);
    struct table t = {0};
    if (!scope_readable(r, w, q.scope))
        goto out;
    if (view_metric(r->app, &q, &t, &err) || filter_scopes(r, &t, &err)) {
        http_at_error(w, &err, NULL);
        goto out;
    }
    http_table(w, r, "rows", &t, "metric");
out:
    table_free(&t);
    free(copy);
}

/* GET /api/explain?metric=&scope=&period=&where=&as_of= → {"rows":[…],"formula","value"}:
 * the rows behind the figure of a scope the principal may read. */
static void get_explain(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    const char *where[MAX_WHERE];
    size_t n_where;
    char *copy;
    struct metric_query q;
    if (!required(r, w, "metric", "revenue") || !required(r, w, "period", "this-month") ||
        !refuse_param(r, w, "by", "explain") || !read_where(r, w, &copy, where, &n_where))
        return;
    metric_query_of(r, &q, where, n_where);
    struct table t = {0};
    char formula[512], value[64];
    if (!scope_readable(r, w, q.scope))
        goto out;
    if (view_explain(r->app, &q, &t, formula, sizeof formula, value, sizeof value, &err)) {
        http_at_error(w, &err, NULL);
        goto out;
    }
    const char *format = http_query(r, "format");
    if (format && strcmp(format, "json") != 0) {
        http_table(w, r, "rows", &t, "explain");
        goto out;
    }
    json_t *body = json_object();
    json_object_set_new(body, "rows", table_json(&t));
    json_object_set_new(body, "formula", table_json_text(formula));
    json_object_set_new(body, "value", *value ? json_string(value) : json_null());
    http_json(w, 200, body);
out:
    table_free(&t);
    free(copy);
}

/* ---- reports ---------------------------------------------------------------- */

/* GET /api/reports/variance?period=&scope=&metric=&by=&as_of=&plan= */
static void report_variance(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    struct variance_options o = {.period = http_query(r, "period"),
                                 .scope = http_query(r, "scope"),
                                 .metric = http_query(r, "metric"),
                                 .by = http_query(r, "by"),
                                 .as_of = http_query(r, "as_of")};
    bool original;
    struct table t = {0};
    if (!required(r, w, "period", "2026-Q3") || !refuse_param(r, w, "where", "variance") ||
        !refuse_param(r, w, "top", "variance"))
        return;
    if (adjust_plan_parse(http_query(r, "plan"), &original, &err)) {
        http_at_error(w, &err, "plan");
        return;
    }
    if (scope_readable(r, w, o.scope)) {
        if (view_variance(r->app, &o, original, &t, &err) || filter_scopes(r, &t, &err))
            http_at_error(w, &err, NULL);
        else
            http_table(w, r, "rows", &t, "variance");
    }
    table_free(&t);
}

/* GET /api/reports/{sales|funnel|customers|leaderboard|variance}?… → {"rows":[…]}. */
static void get_report(struct http_req *r, struct http_resp *w)
{
    const char *name = r->params[0];
    if (strcmp(name, "variance") == 0) {
        report_variance(r, w);
        return;
    }
    const struct view_report_def *def = view_report_find(name);
    if (!def) {
        http_error(w, 404, "not_found", NULL,
                   "no report %s: choose variance, sales, funnel, customers or leaderboard", name);
        return;
    }
    if (!required(r, w, "period", "2026-Q3") || (!def->by && !refuse_param(r, w, "by", name)) ||
        (!def->top && !refuse_param(r, w, "top", name)) ||
        (!def->metric && !refuse_param(r, w, "metric", name)) ||
        (def->metric && !required(r, w, "metric", "revenue")) || !refuse_param(r, w, "plan", name))
        return;
    const char *where[MAX_WHERE];
    size_t n_where;
    char *copy;
    if (!read_where(r, w, &copy, where, &n_where))
        return;
    struct report_query q = {.top = http_query(r, "top")};
    metric_query_of(r, &q.q, where, n_where);
    if (!def->metric)
        q.q.metric = NULL;
    struct at_err err = {0};
    struct table t = {0};
    if (scope_readable(r, w, q.q.scope)) {
        if (view_report(r->app, def, &q, &t, &err))
            http_at_error(w, &err, NULL);
        else
            http_table(w, r, "rows", &t, name);
    }
    table_free(&t);
    free(copy);
}

/* ---- lists ------------------------------------------------------------------ */

/* Rows of a listing the principal may read: by the row's unit (column
 * UNIT_NAME: "unit", or "path" for units), or by its person or that person's
 * unit (column PERSON_NAME: the "id" of a person, the "owner" of a row, every
 * person of split credit; found as org_find_person finds people, so a name
 * several people share decides nothing). A row with neither needs the
 * company. */
struct list_keep {
    struct http_req *r;
    const struct org *org;
    const char *unit_name, *person_name;
    int unit_col, person_col; /* -2 until the columns are known */
    bool company;             /* the principal may read the company: every row */
    struct map seen;          /* unit and owner cells already decided: 1 kept, 0 not */
};

static bool may_read_ref(struct http_req *r, enum scope_kind kind, int64_t id)
{
    struct scope_ref ref = {kind, id};
    return access_may_read(r->app, &r->who, &ref);
}

static bool keep_cells(struct list_keep *k, const char *const *vals);

/* Rows repeat their units and owners: each pair is decided once (k->seen). */
static bool keep_list_row(const struct table *t, const char *const *vals, void *ctx)
{
    struct list_keep *k = ctx;
    if (k->company)
        return true;
    if (k->unit_col == -2) {
        k->unit_col = view_col(t, k->unit_name);
        k->person_col = k->person_name ? view_col(t, k->person_name) : -1;
    }
    const char *unit = k->unit_col >= 0 ? vals[k->unit_col] : NULL;
    const char *person = k->person_col >= 0 ? vals[k->person_col] : NULL;
    struct buf key;
    buf_init(&key, 0);
    buf_printf(&key, "%s\x1f%s", unit ? unit : "", person ? person : "");
    int64_t kept;
    if (!map_get(&k->seen, buf_str(&key), &kept)) {
        kept = keep_cells(k, vals);
        map_put(&k->seen, buf_str(&key), kept);
    }
    buf_free(&key);
    return kept != 0;
}

static bool keep_cells(struct list_keep *k, const char *const *vals)
{
    struct at_err err = {0};
    const char *unit = k->unit_col >= 0 ? vals[k->unit_col] : NULL;
    if (unit && *unit) {
        struct buf text;
        buf_init(&text, 0);
        buf_printf(&text, "unit:%s", unit);
        struct scope_ref ref;
        bool ok = !org_resolve(k->org, buf_str(&text), &ref, &err) &&
                  may_read_ref(k->r, ref.kind, ref.id);
        buf_free(&text);
        if (ok)
            return true;
    }
    /* the owner: one person, or split credit "严三:60%;乔五:40%" (any of them) */
    const char *owners = k->person_col >= 0 ? vals[k->person_col] : NULL;
    for (const char *p = owners; p && *p;) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        if (colon && len > 1 && p[len - 1] == '%')
            len = (size_t)(colon - p);
        char *name = xstrndup(p, len);
        int64_t id;
        bool ok = *name && !org_find_person(k->org, name, &id, &err) &&
                  (may_read_ref(k->r, SCOPE_PERSON, id) ||
                   (org_person_unit(k->org, id) &&
                    may_read_ref(k->r, SCOPE_UNIT, org_person_unit(k->org, id))));
        free(name);
        if (ok)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* A whole number parameter NAME in 0..MAX (DEF when absent); false (and a 400
 * answered) otherwise. */
static bool read_count(struct http_req *r, struct http_resp *w, const char *name, int64_t def,
                       int64_t max, int64_t *out)
{
    const char *v = http_query(r, name);
    *out = def;
    if (!v)
        return true;
    if (!str_to_i64(v, out) || *out < 0 || *out > max) {
        http_error(w, 400, "invalid", name, "%s %s: give a whole number from 0 to %lld", name, v,
                   (long long)max);
        return false;
    }
    return true;
}

/* A listing of KIND (view_list, the rows of `attain ls KIND --format json`)
 * answered as {"KEY":[…],"total":N}: the rows the principal may read (by the
 * columns UNIT_COL and PERSON_COL), filtered by ?where=column=value and
 * ?period= (on the rows' date), paged by ?limit=&offset=. ?format=csv|xlsx
 * downloads every row that passes (unless ?limit= is given). */
static void get_list(struct http_req *r, struct http_resp *w, const char *kind, const char *key,
                     const char *unit_col, const char *person_col)
{
    const char *format = http_query(r, "format");
    bool download = format && strcmp(format, "json") != 0;
    int64_t limit, offset;
    const char *where[MAX_WHERE];
    size_t n_where;
    char *copy;
    if (!read_count(r, w, "limit", download ? 0 : LIST_LIMIT, LIST_LIMIT_MAX, &limit) ||
        !read_count(r, w, "offset", 0, INT32_MAX, &offset) ||
        !read_where(r, w, &copy, where, &n_where))
        return;
    if (!download && limit == 0)
        limit = LIST_LIMIT;
    struct at_err err = {0};
    struct scope_ref company = {SCOPE_COMPANY, 0};
    struct list_keep k = {.r = r,
                          .unit_name = unit_col,
                          .person_name = person_col,
                          .unit_col = -2,
                          .person_col = -2,
                          .company = access_may_read(r->app, &r->who, &company)};
    map_init(&k.seen);
    struct view_list_filter f = {.where = where,
                                 .n_where = n_where,
                                 .period = http_query(r, "period"),
                                 .keep = keep_list_row,
                                 .keep_ctx = &k,
                                 .offset = (size_t)offset,
                                 .limit = (size_t)limit};
    struct table t = {0};
    size_t total = 0;
    if (app_org(r->app, &k.org, &err) || view_list(r->app, kind, &f, &t, &total, &err)) {
        http_at_error(w, &err, NULL);
        goto out;
    }
    if (download) {
        http_table(w, r, key, &t, key);
        goto out;
    }
    json_t *body = json_object();
    json_object_set_new(body, key, table_json(&t));
    json_object_set_new(body, "total", json_integer((json_int_t)total));
    http_json(w, 200, body);
out:
    map_free(&k.seen);
    table_free(&t);
    free(copy);
}

static void get_people(struct http_req *r, struct http_resp *w)
{
    get_list(r, w, "people", "people", "unit", "id");
}

static void get_units(struct http_req *r, struct http_resp *w)
{
    get_list(r, w, "units", "units", "path", NULL);
}

static void get_customers(struct http_req *r, struct http_resp *w)
{
    get_list(r, w, "customers", "customers", "unit", "owner");
}

static void get_deals(struct http_req *r, struct http_resp *w)
{
    get_list(r, w, "deals", "deals", "unit", "owner");
}

static void get_orders(struct http_req *r, struct http_resp *w)
{
    get_list(r, w, "orders", "orders", "unit", "owner");
}

/* ---- import ----------------------------------------------------------------- */

/* POST /api/import?kind=orders&dry_run=1&name=FILE with the CSV as the body:
 * a dry run answers the mapping and every bad row, writing nothing; else all
 * or nothing: 200 {"imported":N,…} or 422 with every bad row. */
static void post_import(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    struct import_options o = {0};
    const char *kind = required(r, w, "kind", "orders");
    if (!kind)
        return;
    if (!import_kind_parse(kind, &o.kind)) {
        http_error(w, 400, "invalid", "kind",
                   "cannot import \"%s\": kind is units, people, customers, deals, orders, "
                   "payments, activities, surveys, markets, holidays or rates",
                   kind);
        return;
    }
    const char *dry = http_query(r, "dry_run");
    if (dry && strcmp(dry, "1") != 0 && strcmp(dry, "true") != 0 && strcmp(dry, "0") != 0 &&
        strcmp(dry, "false") != 0) {
        http_error(w, 400, "invalid", "dry_run", "dry_run %s: give 1 or 0", dry);
        return;
    }
    if (!r->body_len) {
        http_error(w, 400, "invalid", "body", "send the CSV file as the request body");
        return;
    }
    const char *name = http_query(r, "name");
    o.path = name && *name ? name : "upload.csv";
    o.data = r->body;
    o.size = r->body_len;
    o.dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
    o.today = r->app->req.today;
    o.encoding = http_query(r, "encoding");
    o.date_format = http_query(r, "date_format");
    o.map = http_query(r, "map");
    struct import_report rep;
    import_report_init(&rep);
    enum at_status st = app_import(r->app, &o, &rep, &err);
    if (st && !rep.n_errors) {
        http_at_error(w, &err, NULL);
    } else {
        json_t *body = view_import_json(&o, &rep, true);
        json_object_set_new(body, "imported", json_integer(rep.written ? rep.rows : 0));
        if (st && !o.dry_run) {
            json_object_set_new(
                body, "error",
                json_pack("{s:s, s:o}", "code", "invalid", "message", table_json_text(err.msg)));
            http_json(w, 422, body);
        } else {
            http_json(w, 200, body);
        }
    }
    import_report_free(&rep);
}

/* ---- ingest ------------------------------------------------------------------ */

/* The counts of a report: {"orders":{"inserted":…,"updated":…,"unchanged":…},…}. */
static json_t *ingest_tables(const struct import_report *rep)
{
    json_t *tables = json_object();
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        const struct import_count *c = &rep->counts[t];
        if (!c->inserted && !c->updated && !c->unchanged)
            continue;
        json_object_set_new(tables, app_list_kinds[t],
                            json_pack("{s:I, s:I, s:I}", "inserted", (json_int_t)c->inserted,
                                      "updated", (json_int_t)c->updated, "unchanged",
                                      (json_int_t)c->unchanged));
    }
    return tables;
}

/* POST /api/ingest/{kind} with JSON (an object or an array of objects) or CSV
 * (Content-Type: text/csv): the rows through the import, all or nothing.
 * 200 {"kind","received","written":true,"tables":{…}}; a bad row: 422 with
 * "rows":[{"row","field","message"},…] and nothing written. The router lets
 * only an API token with the ingest scope through (ROUTE_INGEST). */
static void post_ingest(struct http_req *r, struct http_resp *w)
{
    enum import_kind kind;
    if (!ingest_kind_parse(r->params[0], &kind)) {
        http_error(w, 404, "not_found", "kind",
                   "no ingest of \"%s\": kind is orders, payments, deals, activities, surveys, "
                   "customers or people",
                   r->params[0]);
        return;
    }
    const char *ct = r->content_type;
    bool csv = strncmp(ct, "text/csv", 8) == 0 || strncmp(ct, "application/csv", 15) == 0;
    if (!r->json && !csv) {
        if (!r->body_len)
            http_error(w, 400, "invalid", "body",
                       "send the rows as the body: JSON (Content-Type: application/json) or CSV "
                       "(Content-Type: text/csv)");
        else
            http_error(w, 415, "unsupported_media_type", "Content-Type",
                       "Content-Type %s: send application/json (an object or an array of "
                       "objects) or text/csv",
                       *ct ? ct : "(none)");
        return;
    }
    struct ingest_result res;
    ingest_result_init(&res);
    struct at_err err = {0};
    enum at_status st = app_ingest(r->app, kind, csv ? NULL : r->json, r->body, r->body_len,
                                   r->app->req.today, r->who.unit_id, &res, &err);
    if (st == AT_INVALID && !res.n_rows && !res.report.n_errors) {
        http_error(w, 400, "invalid", "body", "%s", err.msg);
    } else if (st && !res.report.n_errors) {
        http_at_error(w, &err, NULL);
    } else {
        json_t *body = json_object();
        json_object_set_new(body, "kind", json_string(import_kind_name(kind)));
        json_object_set_new(body, "received", json_integer(res.report.rows));
        json_object_set_new(body, "written", json_boolean(res.report.written));
        if (st) {
            json_t *rows = json_array();
            for (size_t i = 0; i < res.n_rows; i++) {
                const struct ingest_row_error *e = &res.rows[i];
                json_array_append_new(
                    rows, json_pack("{s:I, s:o, s:o}", "row", (json_int_t)e->row, "field",
                                    e->field ? table_json_text(e->field) : json_null(), "message",
                                    table_json_text(e->message)));
            }
            json_object_set_new(body, "error",
                                json_pack("{s:s, s:o}", "code", "invalid_rows", "message",
                                          table_json_text(err.msg)));
            json_object_set_new(body, "bad_rows", json_integer(res.report.n_errors));
            json_object_set_new(body, "rows", rows);
            http_json(w, 422, body);
        } else {
            json_object_set_new(body, "tables", ingest_tables(&res.report));
            http_json(w, 200, body);
        }
    }
    ingest_result_free(&res);
}

/* ---- plan, summary, periods --------------------------------------------------- */

/* GET /api/plan?scope=&period=&format=md|html&lang=&as_of= → the document of
 * a scope inside the user's own subtree (a manager's; an admin: any). */
static void get_plan(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    enum plan_format fmt;
    const char *format = http_query(r, "format");
    const char *lang = http_query(r, "lang");
    if (!lang || !*lang)
        lang = r->lang;
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        http_error(w, 400, "invalid", "lang", "lang %s: choose en or zh", lang);
        return;
    }
    if (plan_format_parse(format ? format : "md", &fmt, &err)) {
        http_error(w, 400, "invalid", "format", "%s", err.msg);
        return;
    }
    struct plan_options o = {.scope = http_query(r, "scope"),
                             .period = required(r, w, "period", "2026"),
                             .as_of = http_query(r, "as_of"),
                             .lang = lang,
                             .generator = "attain " ATTAIN_VERSION};
    /* the plan of a subtree the user manages (access_may_write), not a peer's */
    if (!o.period || !scope_allowed(r, w, o.scope, true))
        return;
    struct buf b;
    buf_init(&b, VIEW_PLAN_LIMIT);
    if (view_plan(r->app, &o, fmt, &b, &err))
        http_at_error(w, &err, NULL);
    else
        http_bytes(w, 200,
                   fmt == PLAN_HTML ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8",
                   b.data ? b.data : "", b.len, NULL);
    buf_free(&b);
}

/* GET /api/summary → the database's settings, and for whoever may read the
 * company the rows per stored table. */
static void get_summary(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    struct app *app = r->app;
    json_t *body = json_object();
    json_object_set_new(body, "currency", json_string(app->currency));
    json_object_set_new(body, "fiscal_start_month", json_integer(app->fiscal_start_month));
    json_object_set_new(body, "time_zone",
                        app->has_tz ? table_json_text(app->tz.name) : json_null());
    struct scope_ref company = {SCOPE_COMPANY, 0};
    if (access_may_read(app, &r->who, &company)) {
        int64_t counts[16] = {0};
        if (app_counts(app, counts, 16, &err)) {
            json_decref(body);
            http_at_error(w, &err, NULL);
            return;
        }
        json_t *c = json_object();
        for (size_t i = 0; app_list_kinds[i] && i < 16; i++)
            json_object_set_new(c, app_list_kinds[i], json_integer(counts[i]));
        json_object_set_new(body, "counts", c);
    }
    http_json(w, 200, body);
}

/* GET /api/periods?text=this-quarter&as_of= → how attain reads the period. */
static void get_periods(struct http_req *r, struct http_resp *w)
{
    struct at_err err = {0};
    const char *text = required(r, w, "text", "this-quarter");
    if (!text)
        return;
    struct period_info pi;
    if (app_period_info(r->app, text, app_day(&r->app->req), &pi, &err)) {
        http_at_error(w, &err, "text");
        return;
    }
    json_t *body = view_period_json(&pi);
    json_object_set_new(body, "label", json_string(pi.text));
    http_json(w, 200, body);
}

const struct route api_data_routes[] = {
    {"GET", "/api/metrics", get_metrics, ROLE_REP, ROUTE_CACHE,
     "A metric for a scope and a period, with breakdowns (attain metric)"},
    {"GET", "/api/explain", get_explain, ROLE_REP, 0,
     "The rows behind a figure and its formula (attain explain)"},
    {"GET", "/api/reports/{name}", get_report, ROLE_REP, ROUTE_CACHE,
     "A report: variance, sales, funnel, customers or leaderboard (attain report)"},
    {"GET", "/api/org/people", get_people, ROLE_REP, 0,
     "People the user may see (attain ls people)"},
    {"GET", "/api/org/units", get_units, ROLE_REP, 0, "Units the user may see (attain ls units)"},
    {"GET", "/api/customers", get_customers, ROLE_REP, 0,
     "Customers the user may see, paged and filtered (attain ls customers)"},
    {"GET", "/api/deals", get_deals, ROLE_REP, 0,
     "Deals the user may see, paged and filtered (attain ls deals)"},
    {"GET", "/api/orders", get_orders, ROLE_REP, 0,
     "Orders the user may see, paged and filtered (attain ls orders)"},
    {"POST", "/api/import", post_import, ROLE_ADMIN, ROUTE_WRITE,
     "Import a CSV file: a dry run shows the mapping and every bad row; else all or nothing"},
    {"POST", "/api/ingest/{kind}", post_ingest, ROLE_REP, ROUTE_WRITE | ROUTE_INGEST,
     "Ingest rows of one kind as JSON or CSV (an API token with the ingest scope only)"},
    {"GET", "/api/plan", get_plan, ROLE_MANAGER, 0,
     "The goal plan document as Markdown or HTML (attain plan)"},
    {"GET", "/api/summary", get_summary, ROLE_REP, 0, "The database's settings and row counts"},
    {"GET", "/api/periods", get_periods, ROLE_REP, 0,
     "How attain reads a period expression (attain period)"},
    {0},
};
