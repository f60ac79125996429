/* goals.c — adding, listing, editing and archiving goals (see goals.h). */
#include "app/goals.h"

#include "app/adjust.h"
#include "app/org.h"
#include "app/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/utf8.h"
#include "domain/sentence.h"
#include "engine/engine.h"
#include "store/db.h"

/* Copy user TEXT into the fixed field OUT of SIZE bytes: text that is not
 * UTF-8 or does not fit is refused (AT_INVALID naming WHAT), never cut. */
static enum at_status fit_text(const char *what, const char *text, char *out, size_t size,
                               struct at_err *err)
{
    size_t n = strlen(text);
    if (!utf8_valid(text, n))
        return at_err_set(err, AT_INVALID, "%s: not UTF-8 text", what);
    if (n >= size)
        return at_err_set(err, AT_INVALID,
                          "%s: %zu bytes; at most %zu (a Chinese character takes 3)", what, n,
                          size - 1);
    memcpy(out, text, n + 1);
    return AT_OK;
}

/* The filters of F as the stored text "k=v;k=v", each read and checked. */
static enum at_status read_filters(struct engine *e, const struct goal_fields *f, char *out,
                                   size_t size, struct at_err *err)
{
    size_t len = 0;
    out[0] = '\0';
    struct metric_filter mf;
    enum at_status st = query_filters(e, f->filters, f->n_filters, true, &mf, err);
    if (st)
        return st;
    for (size_t i = 0; i < f->n_filters; i++) {
        if (strchr(f->filters[i], ';'))
            return at_err_set(err, AT_INVALID, "filter %s: one key=value per filter",
                              f->filters[i]);
        int w = snprintf(out + len, size - len, "%s%s", len ? ";" : "", f->filters[i]);
        if (w < 0 || (size_t)w >= size - len)
            return at_err_set(err, AT_INVALID, "too many filters");
        len += (size_t)w;
    }
    return AT_OK;
}

/* The goal's stored filter text ("k=v;k=v") back into an engine filter. */
static enum at_status goal_filter(struct engine *e, const struct goal *g, struct metric_filter *mf,
                                  struct at_err *err)
{
    char copy[sizeof g->filter];
    const char *terms[sizeof g->filter / 2 + 1];
    size_t n = 0;
    snprintf(copy, sizeof copy, "%s", g->filter);
    for (char *p = copy, *semi; p && *p; p = semi ? semi + 1 : NULL) {
        semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        terms[n++] = p;
    }
    return query_filters(e, terms, n, false, mf, err);
}

enum at_status app_goal_actual(struct app *app, const struct goal *g, int32_t as_of,
                               struct metric_value *out, struct at_err *err)
{
    struct engine *e;
    struct scope s;
    struct metric_filter mf;
    enum at_status st = app_engine(app, &e, err);
    if (!st && g->ref.kind != SCOPE_COMPANY && g->ref.id == 0) {
        /* a scope stored as text before ids that names nobody, or several */
        const struct org *o;
        struct scope_ref r;
        struct at_err why = {0};
        if (!(st = app_org(app, &o, &why)) && !(st = org_resolve(o, g->scope, &r, &why)))
            st = at_err_set(&why, AT_NOT_FOUND, "%s is not in the org directory", g->scope);
        return at_err_set(err, st, "%s; give the goal its scope: attain goal edit %lld --scope ...",
                          why.msg, (long long)g->id);
    }
    if (!st && (st = engine_scope_from_id(e, g->ref.kind, g->ref.id, &s, err)))
        at_err_prefix(err, "%s: ", g->scope);
    if (!st)
        st = goal_filter(e, g, &mf, err);
    /* actuals run through the as-of day (product.md, "Pace and status");
     * retention and market share are read over the whole period, since they
     * compare with the previous period and a market size of that period */
    struct period p = g->period;
    if (as_of < p.end && g->metric != METRIC_RETENTION_RATE && g->metric != METRIC_MARKET_SHARE) {
        p.kind = PERIOD_RANGE;
        p.end = as_of;
    }
    if (!st)
        st = engine_metric(e, g->metric, &s, &p, &mf, as_of, out, err);
    return st;
}

enum at_status app_goal_value_known(struct app *app, const struct goal *g, int32_t as_of,
                                    struct metric_value *out, struct at_err *err)
{
    struct engine *e;
    struct scope s;
    struct metric_filter mf;
    enum at_status st = app_engine(app, &e, err);
    if (!st && (st = engine_scope_from_id(e, g->ref.kind, g->ref.id, &s, err)))
        at_err_prefix(err, "%s: ", g->scope);
    if (!st)
        st = goal_filter(e, g, &mf, err);
    if (!st)
        st = engine_metric(e, g->metric, &s, &g->period, &mf, as_of, out, err);
    return st;
}

char *app_goal_target_text(const struct app *app, const struct goal *g, char *out, size_t size)
{
    return goal_target_format(metric_def(g->metric)->unit, g->target,
                              currency_exponent(app->currency), out, size);
}

static enum at_status parse_id(const char *text, const char *what, int64_t *id, struct at_err *err)
{
    if (!str_to_i64(text, id) || *id <= 0)
        return at_err_set(err, AT_INVALID, "%s \"%s\" is not a number", what, text);
    return AT_OK;
}

/* A default title: "华东 销售额 2026-Q3" / "East Revenue 2026-Q3". */
void app_goal_default_title(const struct goal *g, const char *lang, char *out, size_t size)
{
    const struct metric_def *d = metric_def(g->metric);
    char period[PERIOD_TEXT_MAX];
    period_format(&g->period, period);
    const char *scope = strchr(g->scope, ':') ? strchr(g->scope, ':') + 1 : g->scope;
    bool zh = lang && strcmp(lang, "zh") == 0;
    if (g->ref.kind == SCOPE_COMPANY)
        scope = zh ? "公司" : "Company";
    utf8_snprintf(out, size, "%s %s %s", scope, zh ? d->name_zh : d->name_en, period);
}

/* Apply the fields set in F to G (used by build and edit). The engine is
 * built only for what needs it (filters, a growth baseline): people and units
 * come from the org directory. */
static enum at_status apply_fields(struct app *app, const struct goal_fields *f, struct goal *g,
                                   struct goal_meta *meta, struct at_err *err)
{
    enum at_status st;
    struct engine *e = NULL;
    int32_t as_of = app_day(&app->req);
    if (f->as_of && !cal_parse_iso(f->as_of, &as_of))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", f->as_of);
    if (f->metric && (st = metric_parse(f->metric, &g->metric, err)))
        return st;
    if (f->scope) {
        const struct org *o;
        if ((st = app_org(app, &o, err)) || (st = org_resolve(o, f->scope, &g->ref, err)))
            return st;
        org_label(o, &g->ref, g->scope, sizeof g->scope);
    }
    if (f->period &&
        (st = period_parse(f->period, as_of, app->fiscal_start_month, &g->period, err)))
        return at_err_prefix(err, "period: ");
    if (f->title && (st = fit_text("title", f->title, g->title, sizeof g->title, err)))
        return st;
    if (f->direction) {
        if (strcmp(f->direction, "higher") == 0)
            g->direction = GOAL_HIGHER;
        else if (strcmp(f->direction, "lower") == 0)
            g->direction = GOAL_LOWER;
        else
            return at_err_set(err, AT_INVALID, "direction %s: higher or lower", f->direction);
    }
    if (f->cadence) {
        if (strcmp(f->cadence, "weekly") && strcmp(f->cadence, "biweekly") &&
            strcmp(f->cadence, "monthly") && strcmp(f->cadence, "none"))
            return at_err_set(err, AT_INVALID, "cadence %s: weekly, biweekly, monthly or none",
                              f->cadence);
        snprintf(meta->cadence, sizeof meta->cadence, "%s", f->cadence);
    }
    if (f->parent) {
        int64_t id;
        struct goal parent;
        if ((st = parse_id(f->parent, "parent", &id, err)) ||
            (st = goal_store_get(app->db, id, app->fiscal_start_month, &parent, NULL, err)))
            return st;
        if (g->id && id == g->id)
            return at_err_set(err, AT_INVALID, "a goal cannot be its own parent");
        g->parent = id;
    }
    if (f->objective) {
        int64_t id;
        struct objective o;
        if ((st = parse_id(f->objective, "objective", &id, err)) ||
            (st = objective_store_get(app->db, id, &o, err)))
            return st;
        g->objective = id;
    }
    if (f->n_filters && ((st = app_engine(app, &e, err)) ||
                         (st = read_filters(e, f, g->filter, sizeof g->filter, err))))
        return st;
    enum metric_unit unit = metric_def(g->metric)->unit;
    int exponent = currency_exponent(app->currency);
    if (f->target && f->growth)
        return at_err_set(err, AT_INVALID, "give a target or a growth, not both");
    if (f->target) {
        if ((st = goal_target_parse(unit, f->target, exponent, &g->target, err)))
            return st;
        g->base = GOAL_BASE_NONE;
        g->growth_bp = 0;
        g->baseline = 0;
    }
    if (f->growth) {
        char copy[64];
        snprintf(copy, sizeof copy, "%s", f->growth);
        bool neg = copy[0] == '-';
        const char *text = neg || copy[0] == '+' ? copy + 1 : copy;
        int32_t bp;
        struct at_err e2;
        if (!strchr(text, '%') || percent_parse(text, &bp, &e2))
            return at_err_set(err, AT_INVALID, "growth %s: write a percentage like 20%% or -5%%",
                              f->growth);
        g->growth_bp = neg ? -bp : bp;
        g->base = GOAL_BASE_PREVIOUS;
        if (f->base) {
            if (strcmp(f->base, "previous") == 0)
                g->base = GOAL_BASE_PREVIOUS;
            else if (strcmp(f->base, "last-year") == 0)
                g->base = GOAL_BASE_LAST_YEAR;
            else
                return at_err_set(err, AT_INVALID, "base %s: previous or last-year", f->base);
        }
    } else if (f->base && !g->base) {
        return at_err_set(err, AT_INVALID, "base goes with growth");
    }
    if (g->base) {
        /* the baseline: the same metric over the base period */
        struct goal base = *g;
        base.period = g->base == GOAL_BASE_LAST_YEAR ? period_last_year(&g->period)
                                                     : period_previous(&g->period);
        struct metric_value v;
        if ((st = app_goal_actual(app, &base, as_of, &v, err)))
            return st;
        g->baseline = goal_value_scaled(&v);
        g->target = goal_target_from_growth(unit, g->baseline, g->growth_bp);
        if (g->target < 0)
            g->target = 0;
    }
    return AT_OK;
}

enum at_status app_goal_apply(struct app *app, const struct goal_fields *f, struct goal *g,
                              struct goal_meta *meta, struct at_err *err)
{
    return apply_fields(app, f, g, meta, err);
}

enum at_status app_goal_build(struct app *app, const struct goal_fields *f, const char *lang,
                              struct goal *out, struct goal_meta *meta, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    memset(meta, 0, sizeof *meta);
    snprintf(meta->origin, sizeof meta->origin, "cli");
    if (!f->metric)
        return at_err_set(err, AT_INVALID, "a goal needs a metric (attain help goal)");
    if (!f->period)
        return at_err_set(err, AT_INVALID, "a goal needs a period");
    if (!f->target && !f->growth)
        return at_err_set(err, AT_INVALID, "a goal needs a target V or a growth 20%%");
    enum at_status st;
    snprintf(out->scope, sizeof out->scope, "company");
    out->ref = (struct scope_ref){SCOPE_COMPANY, 0};
    if ((st = apply_fields(app, f, out, meta, err)))
        return st;
    if (!f->direction)
        out->direction = metric_direction(out->metric);
    if (!out->title[0])
        app_goal_default_title(out, lang, out->title, sizeof out->title);
    return AT_OK;
}

enum at_status app_goal_save(struct app *app, struct goal *g, const struct goal_meta *meta,
                             struct at_err *err)
{
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    st = goal_store_insert(app->db, g, meta, err);
    if (!st && meta->sentence[0])
        st = goal_store_sentence_set(app->db, g->id, meta->sentence, err);
    if (!st) {
        char target[64], text[160];
        app_goal_target_text(app, g, target, sizeof target);
        snprintf(text, sizeof text, "%s %s", metric_def(g->metric)->key, target);
        st = goal_store_history_add(app->db, g->id, "created", NULL, text, meta->origin,
                                    app->req.actor, err);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

/* G's scope label from the current names. A scope stored before ids (that
 * the migration could not resolve) is read from its text once more. */
static void relabel(const struct org *o, struct goal *g)
{
    if (g->ref.kind != SCOPE_COMPANY && g->ref.id == 0 &&
        org_resolve(o, g->scope, &g->ref, NULL) != AT_OK)
        return; /* kept: app_goal_actual says it is not in the directory */
    char label[GOAL_SCOPE_MAX];
    if (org_label(o, &g->ref, label, sizeof label))
        memcpy(g->scope, label, sizeof label);
}

enum at_status app_goal_get(struct app *app, int64_t id, struct goal *g, struct goal_meta *meta,
                            struct at_err *err)
{
    const struct org *o;
    enum at_status st = goal_store_get(app->db, id, app->fiscal_start_month, g, meta, err);
    if (!st && meta)
        st = goal_store_sentence_get(app->db, id, meta->sentence, sizeof meta->sentence, err);
    if (!st && !(st = app_org(app, &o, err)))
        relabel(o, g);
    return st;
}

struct relabel_ctx {
    const struct org *org;
    goal_fn fn;
    void *ctx;
};

static enum at_status relabel_one(const struct goal *g, const struct goal_meta *m, void *ctx,
                                  struct at_err *err)
{
    struct relabel_ctx *c = ctx;
    struct goal copy = *g;
    relabel(c->org, &copy);
    return c->fn(&copy, m, c->ctx, err);
}

enum at_status app_goal_list(struct app *app, bool archived, goal_fn fn, void *ctx,
                             struct at_err *err)
{
    struct relabel_ctx c = {NULL, fn, ctx};
    enum at_status st = app_org(app, &c.org, err);
    if (!st)
        st = goal_store_list(app->db, archived, app->fiscal_start_month, relabel_one, &c, err);
    return st;
}

/* One history line per field that differs between A and B. */
static enum at_status record_changes(struct app *app, const struct goal *a, const struct goal *b,
                                     const struct goal_meta *ma, const struct goal_meta *mb,
                                     const char *reason, int *changes, struct at_err *err)
{
    char x[GOAL_SCOPE_MAX + 64], y[GOAL_SCOPE_MAX + 64];
    enum at_status st = AT_OK;
#define CHANGE(field, fmt_a, fmt_b)                                                                \
    do {                                                                                           \
        fmt_a;                                                                                     \
        fmt_b;                                                                                     \
        if (!st && strcmp(x, y) != 0) {                                                            \
            st = goal_store_history_add(app->db, a->id, field, x, y, reason, app->req.actor, err); \
            (*changes)++;                                                                          \
        }                                                                                          \
    } while (0)
    CHANGE("title", snprintf(x, sizeof x, "%s", a->title), snprintf(y, sizeof y, "%s", b->title));
    CHANGE("metric", snprintf(x, sizeof x, "%s", metric_def(a->metric)->key),
           snprintf(y, sizeof y, "%s", metric_def(b->metric)->key));
    CHANGE("scope", snprintf(x, sizeof x, "%s", a->scope), snprintf(y, sizeof y, "%s", b->scope));
    CHANGE("period", period_format(&a->period, x), period_format(&b->period, y));
    CHANGE("target", app_goal_target_text(app, a, x, sizeof x),
           app_goal_target_text(app, b, y, sizeof y));
    CHANGE("parent", snprintf(x, sizeof x, "%lld", (long long)a->parent),
           snprintf(y, sizeof y, "%lld", (long long)b->parent));
    CHANGE("objective", snprintf(x, sizeof x, "%lld", (long long)a->objective),
           snprintf(y, sizeof y, "%lld", (long long)b->objective));
    CHANGE("direction", snprintf(x, sizeof x, "%d", (int)a->direction),
           snprintf(y, sizeof y, "%d", (int)b->direction));
    CHANGE("filter", snprintf(x, sizeof x, "%s", a->filter),
           snprintf(y, sizeof y, "%s", b->filter));
    CHANGE("cadence", snprintf(x, sizeof x, "%s", ma->cadence),
           snprintf(y, sizeof y, "%s", mb->cadence));
    CHANGE("archived", snprintf(x, sizeof x, "%d", a->archived),
           snprintf(y, sizeof y, "%d", b->archived));
#undef CHANGE
    return st;
}

enum at_status app_goal_write(struct app *app, const struct goal *old_g, const struct goal *new_g,
                              const struct goal_meta *old_m, const struct goal_meta *new_m,
                              const char *reason, int *changes, struct at_err *err)
{
    *changes = 0;
    enum at_status st = record_changes(app, old_g, new_g, old_m, new_m, reason, changes, err);
    if (!st && *changes)
        st = goal_store_update(app->db, new_g, new_m, err);
    return st;
}

/* Store NEW over OLD in one transaction with its history. */
static enum at_status write_change(struct app *app, const struct goal *old_g,
                                   const struct goal *new_g, const struct goal_meta *old_m,
                                   const struct goal_meta *new_m, const char *reason,
                                   struct at_err *err)
{
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    int changes = 0;
    st = app_goal_write(app, old_g, new_g, old_m, new_m, reason, &changes, err);
    if (!st && changes == 0)
        st = at_err_set(err, AT_INVALID, "goal %lld: nothing to change", (long long)old_g->id);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

enum at_status app_goal_edit(struct app *app, int64_t id, const struct goal_fields *f,
                             const char *reason, const char *lang, int64_t *request_id,
                             struct at_err *err)
{
    (void)lang;
    *request_id = 0;
    struct goal_change c;
    memset(&c, 0, sizeof c);
    enum at_status st = app_goal_get(app, id, &c.before, &c.meta_before, err);
    if (st)
        return st;
    c.after = c.before;
    c.meta_after = c.meta_before;
    if ((st = apply_fields(app, f, &c.after, &c.meta_after, err)))
        return st;
    /* a locked goal's target, period or scope changes only by approval */
    bool request = false;
    if ((st = adjust_needs_request(app, &c, 1, &request, err)))
        return st;
    if (!request)
        return write_change(app, &c.before, &c.after, &c.meta_before, &c.meta_after, reason, err);
    char summary[REQUEST_TEXT_MAX], x[GOAL_SCOPE_MAX + 64], y[GOAL_SCOPE_MAX + 64];
    size_t len = (size_t)snprintf(summary, sizeof summary, "goal %lld:", (long long)id);
    if (strcmp(c.before.scope, c.after.scope) != 0 || !scope_ref_eq(&c.before.ref, &c.after.ref)) {
        utf8_snprintf(summary + len, sizeof summary - len, " scope %s → %s;", c.before.scope,
                      c.after.scope);
        len = strlen(summary);
    }
    period_format(&c.before.period, x);
    period_format(&c.after.period, y);
    if (strcmp(x, y) != 0 && len < sizeof summary)
        len += (size_t)snprintf(summary + len, sizeof summary - len, " period %s → %s;", x, y);
    if (c.before.target != c.after.target && len < sizeof summary) {
        app_goal_target_text(app, &c.before, x, sizeof x);
        app_goal_target_text(app, &c.after, y, sizeof y);
        len += (size_t)snprintf(summary + len, sizeof summary - len, " target %s → %s;", x, y);
    }
    if (len < sizeof summary && len > 0 && summary[len - 1] == ';')
        summary[len - 1] = '\0';
    /* the rest of the edit (title, parent, objective, cadence) is written at
     * once; the request holds the plan fields over the goal as it is then */
    struct goal direct = c.after;
    struct goal_meta direct_m = c.meta_after;
    adjust_plan_fields(&direct, &c.before);
    if ((st = db_begin(app->db, err)))
        return st;
    int changes = 0;
    st = app_goal_write(app, &c.before, &direct, &c.meta_before, &direct_m, reason, &changes, err);
    struct goal wanted = c.after;
    c.before = direct;
    c.meta_before = direct_m;
    c.after = direct;
    c.meta_after = direct_m;
    adjust_plan_fields(&c.after, &wanted);
    if (!st)
        st = adjust_request_add(app, "edit", &c.before.ref, summary, reason, &c, 1, NULL,
                                request_id, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

enum at_status app_goal_archive(struct app *app, int64_t id, const char *reason, struct at_err *err)
{
    struct goal old_g, g;
    struct goal_meta m;
    enum at_status st = app_goal_get(app, id, &old_g, &m, err);
    if (st)
        return st;
    if (old_g.archived)
        return at_err_set(err, AT_INVALID, "goal %lld is already archived", (long long)id);
    g = old_g;
    g.archived = true;
    return write_change(app, &old_g, &g, &m, &m, reason, err);
}

enum at_status app_objective_add(struct app *app, const char *title, const char *description,
                                 int64_t *id, struct at_err *err)
{
    if (!title || !*title)
        return at_err_set(err, AT_INVALID, "an objective needs a title");
    struct objective o = {0};
    enum at_status st = fit_text("objective title", title, o.title, sizeof o.title, err);
    if (!st)
        st = fit_text("description", description ? description : "", o.description,
                      sizeof o.description, err);
    if (!st)
        st = objective_store_insert(app->db, &o, err);
    if (!st)
        *id = o.id;
    return st;
}

enum at_status app_action_add(struct app *app, int64_t goal_id, const char *what, const char *owner,
                              const char *due, const char *driver, int64_t *id, struct at_err *err)
{
    struct goal g;
    enum at_status st = app_goal_get(app, goal_id, &g, NULL, err);
    if (st)
        return st;
    if (!what || !*what)
        return at_err_set(err, AT_INVALID, "an action step needs what will be done");
    struct action_step a = {.goal_id = goal_id};
    if ((st = fit_text("what", what, a.what, sizeof a.what, err)) ||
        (st = fit_text("owner", owner ? owner : "", a.owner, sizeof a.owner, err)) ||
        (st = fit_text("driver", driver ? driver : "", a.driver, sizeof a.driver, err)))
        return st;
    if (owner && *owner) {
        /* a person, by whatever names them (org.h), is kept by id; other text
         * (a role: 华南区域经理) as written; a shared name asks which one */
        const struct org *o;
        if ((st = app_org(app, &o, err)))
            return st;
        st = org_find_person(o, owner, &a.owner_id, err);
        if (st == AT_NOT_FOUND)
            st = AT_OK;
        else if (st)
            return at_err_prefix(err, "owner: ");
        else
            org_person_label(o, a.owner_id, a.owner, sizeof a.owner);
    }
    if (due) {
        int32_t d;
        if (!cal_parse_iso(due, &d))
            return at_err_set(err, AT_INVALID, "due %s: write the date as YYYY-MM-DD", due);
        snprintf(a.due, sizeof a.due, "%s", due);
    }
    st = action_store_insert(app->db, &a, err);
    if (!st)
        *id = a.id;
    return st;
}

struct actor_ctx {
    const struct org *org;
    history_fn fn;
    void *ctx;
};

/* A change with its actor as people read it: "#12" and "person:#12" (how the
 * demo and the server record a person) become the person's current label. */
static enum at_status actor_label(const char *at, const char *field, const char *old_value,
                                  const char *new_value, const char *reason, const char *actor,
                                  void *ctx, struct at_err *err)
{
    struct actor_ctx *c = ctx;
    char label[128];
    const char *id = actor;
    if (id && strncmp(id, "person:", 7) == 0)
        id += 7;
    char *end = NULL;
    long long n = id && id[0] == '#' ? strtoll(id + 1, &end, 10) : 0;
    if (n > 0 && end && !*end && org_person_label(c->org, n, label, sizeof label))
        actor = label;
    return c->fn(at, field, old_value, new_value, reason, actor, c->ctx, err);
}

enum at_status app_goal_history(struct app *app, int64_t id, history_fn fn, void *ctx,
                                struct at_err *err)
{
    struct actor_ctx c = {NULL, fn, ctx};
    enum at_status st = app_org(app, &c.org, err);
    if (!st)
        st = goal_store_history(app->db, id, actor_label, &c, err);
    return st;
}

struct owner_ctx {
    const struct org *org;
    action_fn fn;
    void *ctx;
};

/* A step with its owner's current label. */
static enum at_status owner_label(const struct action_step *a, void *ctx, struct at_err *err)
{
    struct owner_ctx *c = ctx;
    struct action_step copy = *a;
    char label[sizeof copy.owner];
    if (a->owner_id && org_person_label(c->org, a->owner_id, label, sizeof label))
        memcpy(copy.owner, label, sizeof label);
    return c->fn(&copy, c->ctx, err);
}

enum at_status app_actions(struct app *app, int64_t goal_id, action_fn fn, void *ctx,
                           struct at_err *err)
{
    struct owner_ctx c = {NULL, fn, ctx};
    enum at_status st = app_org(app, &c.org, err);
    if (!st)
        st = action_store_list(app->db, goal_id, owner_label, &c, err);
    return st;
}

enum at_status app_action_done(struct app *app, int64_t id, bool done, struct at_err *err)
{
    return action_store_set_done(app->db, id, done, err);
}

enum at_status app_objectives(struct app *app, objective_fn fn, void *ctx, struct at_err *err)
{
    return objective_store_list(app->db, fn, ctx, err);
}

enum at_status app_objective_get(struct app *app, int64_t id, struct objective *o,
                                 struct at_err *err)
{
    return objective_store_get(app->db, id, o, err);
}

/* The names a sentence may use, collected from the org directory. */
struct names {
    struct sentence_scope *items;
    char **texts;
    size_t n, cap;
};

static void add_name(const char *name, const char *scope, void *ctx)
{
    struct names *n = ctx;
    if (!*name)
        return;
    if (n->n == n->cap) {
        n->cap = n->cap ? n->cap * 2 : 128;
        n->items = xrealloc(n->items, n->cap * sizeof *n->items);
        n->texts = xrealloc(n->texts, 2 * n->cap * sizeof *n->texts);
    }
    n->texts[2 * n->n] = xstrdup(name);
    n->texts[2 * n->n + 1] = xstrdup(scope);
    n->items[n->n] = (struct sentence_scope){n->texts[2 * n->n], n->texts[2 * n->n + 1]};
    n->n++;
}

enum at_status app_goal_from_sentence(struct app *app, const char *text, const char *as_of,
                                      const char *lang, const char *me, struct goal *out,
                                      struct sentence_goal *sg, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    if (strlen(text) >= GOAL_SENTENCE_MAX)
        return at_err_set(err, AT_INVALID, "the sentence is %zu bytes; at most %d", strlen(text),
                          GOAL_SENTENCE_MAX - 1);
    if (!utf8_valid(text, strlen(text)))
        return at_err_set(err, AT_INVALID, "the sentence is not UTF-8 text");
    const struct org *o;
    enum at_status st = app_org(app, &o, err);
    if (st)
        return st;
    int32_t day = app_day(&app->req);
    if (as_of && !cal_parse_iso(as_of, &day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", as_of);
    char me_scope[GOAL_SCOPE_MAX] = "";
    if (me) {
        struct scope_ref r;
        if ((st = org_resolve(o, me, &r, err)))
            return at_err_prefix(err, "me: ");
        org_label(o, &r, me_scope, sizeof me_scope);
    }
    struct names n = {0};
    org_each_name(o, add_name, &n);
    struct sentence_context ctx = {.as_of = day,
                                   .fiscal_start_month = app->fiscal_start_month,
                                   .lang = lang,
                                   .names = n.items,
                                   .n_names = n.n,
                                   .me = me_scope[0] ? me_scope : NULL};
    st = sentence_parse(text, &ctx, sg, err);
    for (size_t i = 0; i < 2 * n.n; i++)
        free(n.texts[i]);
    free(n.texts);
    free(n.items);
    if (st)
        return st;
    out->metric = sg->has_metric ? sg->metric : METRIC_REVENUE;
    if ((st = org_resolve(o, sg->has_scope ? sg->scope : "company", &out->ref, err)))
        return st;
    org_label(o, &out->ref, out->scope, sizeof out->scope);
    if (sg->has_period)
        out->period = sg->period;
    out->direction = sg->direction;
    enum metric_unit unit = metric_def(out->metric)->unit;
    if (sg->has_target) {
        out->target = sg->target;
        /* the parser reads money in cents (two decimals); other currencies */
        if (unit == MU_MONEY && currency_exponent(app->currency) != 2) {
            int exp = currency_exponent(app->currency);
            __int128 t = sg->target;
            for (int i = 2; i < exp; i++)
                t *= 10;
            for (int i = exp; i < 2; i++)
                t /= 10;
            out->target = (int64_t)t;
        }
    }
    if (sg->has_growth && sg->has_metric && sg->has_period) {
        out->base = sg->base;
        out->growth_bp = sg->growth_bp;
        struct goal base = *out;
        base.period = out->base == GOAL_BASE_LAST_YEAR ? period_last_year(&out->period)
                                                       : period_previous(&out->period);
        struct metric_value v;
        if ((st = app_goal_actual(app, &base, day, &v, err)))
            return st;
        out->baseline = goal_value_scaled(&v);
        out->target = goal_target_from_growth(unit, out->baseline, out->growth_bp);
        if (out->target < 0)
            out->target = 0;
    }
    if (sg->has_metric && sg->has_period)
        app_goal_default_title(out, lang, out->title, sizeof out->title);
    return AT_OK;
}

static enum at_status count_one(const struct goal *g, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)g;
    (void)m;
    (void)err;
    (*(int64_t *)ctx)++;
    return AT_OK;
}

enum at_status app_goal_count(struct app *app, int64_t *n, struct at_err *err)
{
    *n = 0;
    return app_goal_list(app, false, count_one, n, err);
}
