/*
 * forecast.c — the forecast call: stage categories, submissions,
 * adjustments, the roll-up as of a date and accuracy after the period (see
 * forecast.h and docs/reviews.md). Deals are read through the engine
 * (engine_deals, engine_metric); calls and categories through
 * store/forecast_store.h.
 */
#include "app/forecast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "app/query.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/calendar.h"
#include "domain/value.h"
#include "engine/engine.h"
#include "store/db.h"
#include "store/forecast_store.h"

#define NOTE_MAX 1000

/* ---- helpers ------------------------------------------------------------- */

static enum at_status read_day(struct app *app, const char *text, int32_t *day, struct at_err *err)
{
    *day = app_day(&app->req);
    if (text && !cal_parse_iso(text, day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", text);
    return AT_OK;
}

static enum at_status read_period(struct app *app, const char *text, int32_t day, struct period *p,
                                  char *canon, struct at_err *err)
{
    if (!text)
        return at_err_set(err, AT_INVALID,
                          "a period is needed (--period 2026-Q3, this-quarter ...)");
    enum at_status st = period_parse(text, day, app->fiscal_start_month, p, err);
    if (!st)
        period_format(p, canon);
    return st;
}

/* Money typed by a person ("60万", "1,200,000.50") into minor units. */
static enum at_status read_money(struct app *app, const char *what, const char *text, int64_t *out,
                                 struct at_err *err)
{
    int64_t t;
    enum at_status st =
        goal_target_parse(MU_MONEY, text, currency_exponent(app->currency), &t, err);
    if (st)
        return at_err_prefix(err, "%s %s: ", what, text);
    if (t % GOAL_SCALE)
        return at_err_set(err, AT_INVALID, "%s %s: not a whole number of minor units", what, text);
    *out = t / GOAL_SCALE;
    return AT_OK;
}

static void iso_week_text(int32_t day, char *out, size_t size)
{
    int y, w;
    cal_iso_week(day, &y, &w);
    snprintf(out, size, "%04d-W%02d", y, w);
}

/* Σ amount × share / 10^4, rounded half away from zero, into minor units. */
static int64_t share_round(__int128 amount_x_share)
{
    return (int64_t)(amount_x_share >= 0 ? (amount_x_share + 5000) / 10000
                                         : -((-amount_x_share + 5000) / 10000));
}

static int64_t money_of(const struct app *app, const struct metric_value *v)
{
    struct typed_value tv = metric_typed(MU_MONEY, v, app->currency);
    return tv.defined ? tv.v : 0;
}

static void label_of(struct app *app, const struct engine *e, const struct scope *s, char *out,
                     size_t size)
{
    const struct org *o;
    struct at_err ignore = {0};
    struct scope_ref r = {s->kind, engine_scope_store_id(e, s)};
    if (app_org(app, &o, &ignore) || !org_label(o, &r, out, size))
        engine_scope_format(e, s, out, size);
}

/* ---- categories ---------------------------------------------------------- */

struct stage_acc {
    const char *stage; /* engine string or a copy (set by hand only) */
    bool owned;
    long deals, open_deals, won, lost;
    __int128 prob_share, share, open_prob_share, open_share;
    bool set;
    enum forecast_category category;
};

struct stage_map {
    struct stage_acc *v;
    size_t n, cap;
};

static struct stage_acc *stage_find(struct stage_map *m, const char *stage, bool add)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i].stage, stage) == 0)
            return &m->v[i];
    if (!add)
        return NULL;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 16;
        m->v = xrealloc(m->v, m->cap * sizeof *m->v);
    }
    struct stage_acc *a = &m->v[m->n++];
    memset(a, 0, sizeof *a);
    a->stage = stage;
    return a;
}

static void stage_map_free(struct stage_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].owned)
            free((char *)m->v[i].stage);
    free(m->v);
    memset(m, 0, sizeof *m);
}

static enum at_status acc_deal(const struct deal_info *d, void *ctx, struct at_err *err)
{
    (void)err;
    if (!d->stage)
        return AT_OK;
    struct stage_acc *a = stage_find(ctx, d->stage, true);
    a->deals++;
    a->prob_share += (__int128)d->prob_bp * d->share;
    a->share += d->share;
    a->won += strcmp(d->status, "won") == 0;
    a->lost += strcmp(d->status, "lost") == 0;
    if (strcmp(d->status, "open") == 0) {
        a->open_deals++;
        a->open_prob_share += (__int128)d->prob_bp * d->share;
        a->open_share += d->share;
    }
    return AT_OK;
}

static enum at_status acc_set(const char *stage, const char *category, void *ctx,
                              struct at_err *err)
{
    struct stage_acc *a = stage_find(ctx, stage, false);
    if (!a) {
        a = stage_find(ctx, stage, true);
        a->stage = xstrdup(stage);
        a->owned = true;
    }
    a->set = true;
    if (!forecast_category_parse(category, &a->category))
        return at_err_set(err, AT_DB, "forecast_categories: stage %s has category %s", stage,
                          category);
    return AT_OK;
}

/* The mean probability of a stage: of its open deals, else of all. */
static bool stage_mean(const struct stage_acc *a, int64_t *mean)
{
    if (a->open_share > 0)
        *mean = (int64_t)(a->open_prob_share / a->open_share);
    else if (a->share > 0)
        *mean = (int64_t)(a->prob_share / a->share);
    else
        return false;
    return true;
}

static enum forecast_category stage_category(const struct stage_acc *a, enum forecast_rule *rule)
{
    if (a->set) {
        *rule = FORECAST_RULE_SET;
        return a->category;
    }
    /* a stage of closed deals only (Won, 输单): what its deals are */
    if (a->deals > 0 && (a->won == a->deals || a->lost == a->deals)) {
        *rule = FORECAST_RULE_STATUS;
        return a->won == a->deals ? FORECAST_CLOSED : FORECAST_OMITTED;
    }
    int64_t mean = 0;
    bool has = stage_mean(a, &mean);
    return forecast_stage_default(a->stage, has, mean, rule);
}

/* Every stage of the company's deals and every stage set by hand. */
static enum at_status load_stages(struct app *app, struct engine *e, struct stage_map *m,
                                  struct at_err *err)
{
    struct scope company = {SCOPE_COMPANY, 0};
    struct metric_filter f;
    engine_filter_init(&f);
    enum at_status st = engine_deals(e, &company, &f, acc_deal, m, err);
    if (!st)
        st = forecast_store_categories(app->db, acc_set, m, err);
    return st;
}

static int cmp_stage(const void *a, const void *b)
{
    return strcmp(((const struct stage_acc *)a)->stage, ((const struct stage_acc *)b)->stage);
}

enum at_status app_forecast_categories(struct app *app, forecast_stage_fn fn, void *ctx,
                                       struct at_err *err)
{
    struct engine *e;
    struct stage_map m = {0};
    enum at_status st = app_engine(app, &e, err);
    if (!st)
        st = load_stages(app, e, &m, err);
    if (!st)
        qsort(m.v, m.n, sizeof *m.v, cmp_stage);
    /* stages of deals first, then those set by hand that no deal has */
    for (int pass = 0; pass < 2 && !st; pass++)
        for (size_t i = 0; i < m.n && !st; i++) {
            const struct stage_acc *a = &m.v[i];
            if ((a->deals > 0) != (pass == 0))
                continue;
            struct forecast_stage s = {.stage = a->stage, .deals = a->deals};
            s.has_prob = stage_mean(a, &s.mean_prob_bp);
            s.category = stage_category(a, &s.rule);
            st = fn(&s, ctx, err);
        }
    stage_map_free(&m);
    return st;
}

enum at_status app_forecast_categories_set(struct app *app, const char *const *assign, size_t n,
                                           struct at_err *err)
{
    struct engine *e;
    struct stage_map m = {0};
    enum at_status st = app_engine(app, &e, err);
    if (!st)
        st = load_stages(app, e, &m, err);
    char **stages = xcalloc(n ? n : 1, sizeof *stages);
    enum forecast_category *cats = xcalloc(n ? n : 1, sizeof *cats);
    /* check every assignment before writing any */
    for (size_t i = 0; i < n && !st; i++) {
        const char *eq = strrchr(assign[i], '=');
        if (!eq || eq == assign[i] || !eq[1]) {
            st = at_err_set(err, AT_INVALID, "--set %s: write STAGE=CATEGORY", assign[i]);
            break;
        }
        stages[i] = xmalloc((size_t)(eq - assign[i]) + 1);
        memcpy(stages[i], assign[i], (size_t)(eq - assign[i]));
        stages[i][eq - assign[i]] = '\0';
        if (!forecast_category_parse(eq + 1, &cats[i]))
            st = at_err_set(err, AT_INVALID,
                            "--set %s: category %s: choose pipeline, best_case, commit, closed "
                            "or omitted",
                            assign[i], eq + 1);
        else {
            const struct stage_acc *a = stage_find(&m, stages[i], false);
            if (!a || a->deals == 0)
                st = at_err_set(err, AT_INVALID,
                                "--set %s: no deal has stage \"%s\" (attain forecast categories "
                                "lists the stages)",
                                assign[i], stages[i]);
        }
    }
    char day[CAL_DATE_LEN];
    cal_format(app_day(&app->req), day);
    const char *actor = app->req.actor[0] ? app->req.actor : "cli";
    if (!st && !(st = db_begin(app->db, err))) {
        for (size_t i = 0; i < n && !st; i++)
            st = forecast_store_category_set(app->db, stages[i], forecast_category_name(cats[i]),
                                             actor, day, err);
        if (!st)
            st = db_commit(app->db, err);
        if (st)
            db_rollback(app->db);
    }
    for (size_t i = 0; i < n; i++)
        free(stages[i]);
    free(stages);
    free(cats);
    stage_map_free(&m);
    return st;
}

/* The category of one deal share as known on DAY (open deals by stage). */
static enum forecast_category deal_category(struct stage_map *m, const struct deal_info *d)
{
    if (!d->stage)
        return forecast_stage_default(NULL, true, d->prob_bp, NULL);
    struct stage_acc *a = stage_find(m, d->stage, false);
    enum forecast_rule rule;
    return a ? stage_category(a, &rule) : forecast_stage_default(d->stage, false, 0, NULL);
}

/* ---- defaults ------------------------------------------------------------ */

struct defaults_ctx {
    struct stage_map *stages;
    int32_t day, start, end;
    __int128 sum[FORECAST_CATEGORY_COUNT];
    long count[FORECAST_CATEGORY_COUNT];
};

static enum at_status add_open_deal(const struct deal_info *d, void *ctx, struct at_err *err)
{
    (void)err;
    struct defaults_ctx *c = ctx;
    bool open = (d->created == INT32_MIN || d->created <= c->day) && d->closed > c->day;
    if (!open || d->expected < c->start || d->expected > c->end)
        return AT_OK;
    enum forecast_category k = deal_category(c->stages, d);
    if (k == FORECAST_CLOSED) /* an open stage set to closed: as good as committed */
        k = FORECAST_COMMIT;
    c->sum[k] += (__int128)d->amount * d->share;
    c->count[k]++;
    return AT_OK;
}

static enum at_status person_defaults(struct app *app, struct engine *e, struct stage_map *m,
                                      const struct scope *s, const struct period *p, int32_t day,
                                      struct forecast_defaults *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    struct metric_filter f;
    engine_filter_init(&f);
    struct metric_value v;
    enum at_status st = engine_metric(e, METRIC_WON_VALUE, s, p, &f, day, &v, err);
    if (st)
        return st;
    out->closed = money_of(app, &v);
    struct defaults_ctx c = {.stages = m, .day = day, .start = p->start, .end = p->end};
    if ((st = engine_deals(e, s, &f, add_open_deal, &c, err)))
        return st;
    out->commit_deals = share_round(c.sum[FORECAST_COMMIT]);
    out->best_deals = share_round(c.sum[FORECAST_BEST_CASE]);
    out->pipe_deals = share_round(c.sum[FORECAST_PIPELINE]);
    out->n_commit = c.count[FORECAST_COMMIT];
    out->n_best = c.count[FORECAST_BEST_CASE];
    out->n_pipe = c.count[FORECAST_PIPELINE];
    out->commit = out->closed + out->commit_deals;
    out->best_case = out->commit + out->best_deals;
    return AT_OK;
}

static enum at_status check_note(const char *note, bool required, struct at_err *err)
{
    if (required && (!note || !*note))
        return at_err_set(err, AT_INVALID, "an adjustment says why: give --note TEXT");
    if (note && (strlen(note) > NOTE_MAX || !utf8_valid(note, strlen(note))))
        return at_err_set(err, AT_INVALID, "--note: at most %d bytes of UTF-8", NOTE_MAX);
    return AT_OK;
}

static enum at_status check_open(const struct period *p, const char *canon, int32_t day,
                                 struct at_err *err)
{
    if (day > p->end) {
        char end[CAL_DATE_LEN], d[CAL_DATE_LEN];
        return at_err_set(err, AT_INVALID,
                          "period %s ended on %s, before %s: a call is made before the period "
                          "ends",
                          canon, cal_format(p->end, end), cal_format(day, d));
    }
    return AT_OK;
}

enum at_status app_forecast_submit_build(struct app *app, const char *period, const char *as_of,
                                         const char *commit, const char *best_case,
                                         const char *note, struct forecast_submission *out,
                                         struct at_err *err)
{
    memset(out, 0, sizeof *out);
    out->note = note;
    struct period p;
    struct engine *e;
    struct scope s;
    struct stage_map m = {0};
    enum at_status st = app_actor(app, &out->person_id, err);
    if (!st)
        st = read_day(app, as_of, &out->day, err);
    if (!st)
        st = read_period(app, period, out->day, &p, out->period, err);
    if (!st)
        st = check_open(&p, out->period, out->day, err);
    if (!st)
        st = check_note(note, false, err);
    if (!st && commit)
        st = read_money(app, "--commit", commit, &out->commit, err);
    if (!st && best_case)
        st = read_money(app, "--best-case", best_case, &out->best_case, err);
    if (!st)
        st = app_engine(app, &e, err);
    if (!st)
        st = engine_scope_from_id(e, SCOPE_PERSON, out->person_id, &s, err);
    if (!st)
        st = load_stages(app, e, &m, err);
    if (!st)
        st = person_defaults(app, e, &m, &s, &p, out->day, &out->defaults, err);
    if (!st) {
        label_of(app, e, &s, out->person, sizeof out->person);
        out->commit_given = commit != NULL;
        out->best_given = best_case != NULL;
        if (!commit)
            out->commit = out->defaults.commit;
        if (!best_case) /* the deals above commit: best case keeps them on top of the call */
            out->best_case = out->commit + out->defaults.best_deals;
        if (out->best_case < out->commit) {
            char b[48], c[48];
            struct typed_value tb = {.kind = VK_MONEY, .defined = true, .v = out->best_case};
            struct typed_value tc = {.kind = VK_MONEY, .defined = true, .v = out->commit};
            typed_value_format(&tb, currency_exponent(app->currency), b, sizeof b);
            typed_value_format(&tc, currency_exponent(app->currency), c, sizeof c);
            st = at_err_set(err, AT_INVALID,
                            "best case %s is below commit %s: best case is commit plus the deals "
                            "that may also close",
                            b, c);
        }
    }
    stage_map_free(&m);
    return st;
}

enum at_status app_forecast_submit_save(struct app *app, const struct forecast_submission *s,
                                        int64_t *id, struct at_err *err)
{
    char day[CAL_DATE_LEN], week[16];
    cal_format(s->day, day);
    iso_week_text(s->day, week, sizeof week);
    struct forecast_call_row c = {.adjust = false,
                                  .person_id = s->person_id,
                                  .period = s->period,
                                  .day = day,
                                  .week = week,
                                  .commit = s->commit,
                                  .has_best = true,
                                  .best_case = s->best_case,
                                  .note = s->note,
                                  .actor_id = s->person_id};
    enum at_status st = db_begin(app->db, err);
    if (st)
        return st;
    st = forecast_store_call_add(app->db, &c, id, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

enum at_status app_forecast_adjust(struct app *app, const char *person, const char *period,
                                   const char *commit, const char *note, const char *as_of,
                                   int64_t *id, char *out_person, struct at_err *err)
{
    int64_t actor, pid = 0;
    int32_t day;
    struct period p;
    char canon[PERIOD_TEXT_MAX], plabel[GOAL_SCOPE_MAX - 8], alabel[GOAL_SCOPE_MAX];
    int64_t amount = 0;
    const struct org *o;
    enum at_status st = app_actor(app, &actor, err);
    if (!st && !person)
        st = at_err_set(err, AT_INVALID,
                        "whose call? give PERSON (attain forecast adjust PERSON ...)");
    if (!st)
        st = app_org(app, &o, err);
    if (!st)
        st =
            org_find_person(o, strncmp(person, "person:", 7) == 0 ? person + 7 : person, &pid, err);
    if (!st)
        st = read_day(app, as_of, &day, err);
    if (!st)
        st = read_period(app, period, day, &p, canon, err);
    if (!st)
        st = check_open(&p, canon, day, err);
    if (!st && !commit)
        st = at_err_set(err, AT_INVALID, "give the adjusted commit: --commit AMOUNT");
    if (!st)
        st = read_money(app, "--commit", commit, &amount, err);
    if (!st)
        st = check_note(note, true, err);
    if (st)
        return st;
    struct scope_ref pref = {SCOPE_PERSON, pid};
    org_person_label(o, pid, plabel, sizeof plabel);
    org_person_label(o, actor, alabel, sizeof alabel);
    if (!org_may_decide(o, actor, &pref))
        return at_err_set(err, AT_FORBIDDEN,
                          "%s may not adjust the forecast call of %s: only someone above them may",
                          alabel, plabel);
    if (out_person)
        snprintf(out_person, GOAL_SCOPE_MAX, "person:%s", plabel);
    char dtext[CAL_DATE_LEN], week[16];
    cal_format(day, dtext);
    iso_week_text(day, week, sizeof week);
    struct forecast_call_row c = {.adjust = true,
                                  .person_id = pid,
                                  .period = canon,
                                  .day = dtext,
                                  .week = week,
                                  .commit = amount,
                                  .note = note,
                                  .actor_id = actor};
    if ((st = db_begin(app->db, err)))
        return st;
    st = forecast_store_call_add(app->db, &c, id, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

/* ---- calls as they stood --------------------------------------------------- */

struct call {
    int64_t person_id;
    int32_t day;
    bool adjust;
    int64_t commit, best_case;
};

struct calls {
    struct call *v;
    size_t n, cap;
};

static enum at_status keep_call(const struct forecast_call_row *r, void *ctx, struct at_err *err)
{
    struct calls *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    struct call *k = &c->v[c->n];
    if (!cal_parse_iso(r->day, &k->day))
        return at_err_set(err, AT_DB, "forecast call %lld: bad day %s", (long long)r->id, r->day);
    k->person_id = r->person_id;
    k->adjust = r->adjust;
    k->commit = r->commit;
    k->best_case = r->best_case;
    c->n++;
    return AT_OK;
}

/* PERSON's call as it stood on DAY: the latest submission on or before it
 * and a manager's adjustment made after that submission (calls are by
 * person, day, id). False when neither stands. */
struct standing {
    bool submitted, adjusted;
    int64_t commit, best_case, adjusted_commit;
    int32_t first_day; /* the day of the person's first call */
};

static bool call_standing(const struct calls *c, int64_t person, int32_t day, struct standing *out)
{
    memset(out, 0, sizeof *out);
    out->first_day = INT32_MAX;
    bool any = false;
    for (size_t i = 0; i < c->n; i++) {
        const struct call *k = &c->v[i];
        if (k->person_id != person)
            continue;
        if (k->day < out->first_day)
            out->first_day = k->day;
        if (k->day > day)
            continue;
        any = true;
        if (k->adjust) {
            out->adjusted = true;
            out->adjusted_commit = k->commit;
        } else {
            out->submitted = true;
            out->adjusted = false;
            out->commit = k->commit;
            out->best_case = k->best_case;
        }
    }
    if (any && !out->adjusted)
        out->adjusted_commit = out->commit;
    return any;
}

/* ---- quota ----------------------------------------------------------------- */

struct quota_ctx {
    struct scope_ref ref;
    const char *period;
    bool found;
    int rank; /* 0 won_value, 1 revenue */
    int64_t target;
};

static enum at_status quota_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                                 struct at_err *err)
{
    (void)m;
    (void)err;
    struct quota_ctx *c = ctx;
    char period[PERIOD_TEXT_MAX];
    int rank = g->metric == METRIC_WON_VALUE ? 0 : g->metric == METRIC_REVENUE ? 1 : -1;
    if (rank < 0 || g->filter[0] || !scope_ref_eq(&g->ref, &c->ref) ||
        strcmp(period_format(&g->period, period), c->period) != 0)
        return AT_OK;
    if (!c->found || rank < c->rank) { /* goals come by id: the lowest id of the best rank */
        c->found = true;
        c->rank = rank;
        c->target = g->target / GOAL_SCALE;
    }
    return AT_OK;
}

struct goal_list {
    struct goal *v;
    size_t n, cap;
};

static enum at_status keep_goal(const struct goal *g, const struct goal_meta *m, void *ctx,
                                struct at_err *err)
{
    (void)m;
    (void)err;
    struct goal_list *l = ctx;
    if (g->metric != METRIC_WON_VALUE && g->metric != METRIC_REVENUE)
        return AT_OK;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *g;
    return AT_OK;
}

static bool quota_of(const struct goal_list *l, const struct scope_ref *r, const char *period,
                     int64_t *quota)
{
    struct quota_ctx c = {.ref = *r, .period = period};
    struct at_err ignore = {0};
    for (size_t i = 0; i < l->n; i++)
        quota_goal(&l->v[i], NULL, &c, &ignore);
    *quota = c.target;
    return c.found;
}

/* ---- show ------------------------------------------------------------------ */

enum at_status app_forecast_show(struct app *app, const struct forecast_show_options *o,
                                 forecast_row_fn fn, void *ctx, struct at_err *err)
{
    int32_t day;
    struct period p;
    char canon[PERIOD_TEXT_MAX];
    struct engine *e;
    struct scope s;
    struct calls calls = {0};
    struct goal_list goals = {0};
    struct scope *people = NULL, *groups = NULL;
    size_t n_people = 0, n_groups = 0;
    struct forecast_row *rows = NULL;
    enum at_status st = read_day(app, o->as_of, &day, err);
    if (!st)
        st = read_period(app, o->period, day, &p, canon, err);
    if (!st)
        st = app_engine(app, &e, err);
    if (!st)
        st = query_scope(app, e, o->scope ? o->scope : "company", &s, err);
    if (!st)
        st = forecast_store_calls(app->db, canon, keep_call, &calls, err);
    if (!st)
        st = app_goal_list(app, false, keep_goal, &goals, err);
    if (!st)
        st = engine_scope_children(e, &s, BY_PERSON, &people, &n_people, err);
    if (!st && s.kind == SCOPE_TEAM)
        st = engine_scope_children(e, &s, BY_TEAM, &groups, &n_groups, err);
    else if (!st && (s.kind == SCOPE_UNIT || s.kind == SCOPE_COMPANY))
        st = engine_scope_children(e, &s, BY_UNIT, &groups, &n_groups, err);
    struct metric_filter f;
    engine_filter_init(&f);
    if (!st)
        rows = xcalloc(n_people + n_groups + 1, sizeof *rows);
    /* the people */
    for (size_t i = 0; i < n_people && !st; i++) {
        struct forecast_row *r = &rows[i];
        struct metric_value v;
        if ((st = engine_metric(e, METRIC_WON_VALUE, &people[i], &p, &f, day, &v, err)))
            break;
        r->closed = money_of(app, &v);
        if ((st = engine_metric(e, METRIC_WEIGHTED_PIPELINE, &people[i], &p, &f, day, &v, err)))
            break;
        r->weighted_pipeline = money_of(app, &v);
        struct scope_ref ref = {SCOPE_PERSON, engine_scope_store_id(e, &people[i])};
        r->has_quota = quota_of(&goals, &ref, canon, &r->quota);
        struct standing c;
        if (call_standing(&calls, ref.id, day, &c)) {
            r->has_call = true;
            r->calls = 1;
            r->has_submit = c.submitted;
            r->commit = c.commit;
            r->best_case = c.best_case;
            r->adjusted = c.adjusted_commit;
        }
        label_of(app, e, &people[i], r->scope, sizeof r->scope);
    }
    /* the roll-ups: the groups, then the scope itself (a team scope is among
     * its teams already) */
    size_t n_rollups = 0;
    struct scope *rollups = xcalloc(n_groups + 1, sizeof *rollups);
    for (size_t g = 0; g < n_groups; g++)
        rollups[n_rollups++] = groups[g];
    if (s.kind != SCOPE_TEAM && s.kind != SCOPE_PERSON)
        rollups[n_rollups++] = s;
    for (size_t g = 0; g < n_rollups && !st; g++) {
        struct forecast_row *r = &rows[n_people + g];
        struct metric_value v;
        r->rollup = true;
        if ((st = engine_metric(e, METRIC_WON_VALUE, &rollups[g], &p, &f, day, &v, err)))
            break;
        r->closed = money_of(app, &v);
        if ((st = engine_metric(e, METRIC_WEIGHTED_PIPELINE, &rollups[g], &p, &f, day, &v, err)))
            break;
        r->weighted_pipeline = money_of(app, &v);
        struct scope_ref ref = {rollups[g].kind, engine_scope_store_id(e, &rollups[g])};
        r->has_quota = quota_of(&goals, &ref, canon, &r->quota);
        for (size_t i = 0; i < n_people; i++)
            if (rows[i].has_call && engine_scope_contains(e, &rollups[g], &people[i])) {
                r->has_call = true;
                r->calls++;
                r->commit += rows[i].commit;
                r->best_case += rows[i].best_case;
                r->adjusted += rows[i].adjusted;
            }
        label_of(app, e, &rollups[g], r->scope, sizeof r->scope);
    }
    for (size_t i = 0; i < n_people + n_rollups && !st; i++) {
        struct forecast_row *r = &rows[i];
        if (r->has_quota) {
            r->has_gap = true;
            r->gap = r->quota - (r->has_call ? r->adjusted : r->closed);
        }
        if (!r->rollup && !r->has_quota && !r->has_call && r->closed == 0 &&
            r->weighted_pipeline == 0)
            continue;
        st = fn(r, ctx, err);
    }
    free(rollups);
    free(rows);
    free(people);
    free(groups);
    free(goals.v);
    free(calls.v);
    return st;
}

/* ---- accuracy -------------------------------------------------------------- */

enum at_status app_forecast_accuracy(struct app *app, const struct forecast_accuracy_options *o,
                                     forecast_accuracy_fn fn, void *ctx, struct at_err *err)
{
    int32_t day;
    struct period p;
    char canon[PERIOD_TEXT_MAX];
    struct engine *e;
    struct scope s;
    struct calls calls = {0};
    struct scope *people = NULL, *groups = NULL;
    size_t n_people = 0, n_groups = 0;
    enum breakdown by = BY_PERSON;
    int64_t *actual = NULL;
    int32_t *first = NULL;
    enum at_status st = read_day(app, o->as_of, &day, err);
    if (!st)
        st = read_period(app, o->period, day, &p, canon, err);
    if (!st && day <= p.end) {
        char end[CAL_DATE_LEN];
        st = at_err_set(err, AT_INVALID,
                        "period %s has not ended: it ends %s, and accuracy compares the calls "
                        "with the final actual (give --as-of a later day)",
                        canon, cal_format(p.end, end));
    }
    if (!st && o->by) {
        if (strcmp(o->by, "person") == 0)
            by = BY_PERSON;
        else if (strcmp(o->by, "team") == 0)
            by = BY_TEAM;
        else if (strcmp(o->by, "unit") == 0)
            by = BY_UNIT;
        else
            st = at_err_set(err, AT_INVALID, "--by %s: choose person, team or unit", o->by);
    }
    if (!st)
        st = app_engine(app, &e, err);
    if (!st)
        st = query_scope(app, e, o->scope ? o->scope : "company", &s, err);
    if (!st)
        st = forecast_store_calls(app->db, canon, keep_call, &calls, err);
    if (!st)
        st = engine_scope_children(e, &s, BY_PERSON, &people, &n_people, err);
    if (!st && by != BY_PERSON)
        st = engine_scope_children(e, &s, by, &groups, &n_groups, err);
    if (st)
        goto out;
    if (by == BY_PERSON) {
        groups = xmalloc((n_people ? n_people : 1) * sizeof *groups);
        memcpy(groups, people, n_people * sizeof *groups);
        n_groups = n_people;
    }
    /* each caller's final actual and first call */
    actual = xcalloc(n_people ? n_people : 1, sizeof *actual);
    first = xcalloc(n_people ? n_people : 1, sizeof *first);
    struct metric_filter f;
    engine_filter_init(&f);
    for (size_t i = 0; i < n_people && !st; i++) {
        struct standing c;
        int64_t id = engine_scope_store_id(e, &people[i]);
        call_standing(&calls, id, INT32_MAX, &c);
        first[i] = c.first_day;
        if (c.first_day == INT32_MAX)
            continue;
        struct metric_value v;
        if (!(st = engine_metric(e, METRIC_WON_VALUE, &people[i], &p, &f, day, &v, err)))
            actual[i] = money_of(app, &v);
    }
    for (size_t g = 0; g < n_groups && !st; g++) {
        int32_t start = INT32_MAX;
        int64_t final = 0;
        for (size_t i = 0; i < n_people; i++)
            if (first[i] != INT32_MAX && engine_scope_contains(e, &groups[g], &people[i])) {
                if (first[i] < start)
                    start = first[i];
                final += actual[i];
            }
        if (start == INT32_MAX)
            continue; /* nobody in the group made a call */
        struct forecast_accuracy_row r;
        memset(&r, 0, sizeof r);
        label_of(app, e, &groups[g], r.scope, sizeof r.scope);
        __int128 sum_error = 0, sum_bias = 0;
        long weeks = 0;
        /* every ISO week from the first call's to the one holding the period's end */
        int32_t monday = start - (cal_weekday(start) - 1);
        for (int32_t w = monday; w <= p.end && !st; w += 7) {
            int32_t end = w + 6 < p.end ? w + 6 : p.end;
            int64_t commit = 0, act = 0;
            bool any = false;
            for (size_t i = 0; i < n_people; i++) {
                struct standing c;
                if (first[i] == INT32_MAX || !engine_scope_contains(e, &groups[g], &people[i]))
                    continue;
                if (!call_standing(&calls, engine_scope_store_id(e, &people[i]), end, &c))
                    continue;
                any = true;
                commit += c.adjusted_commit;
                act += actual[i];
            }
            if (!any)
                continue;
            iso_week_text(end, r.week, sizeof r.week);
            r.mean = false;
            r.commit = commit;
            r.actual = act;
            int64_t e8, b8;
            r.defined = forecast_accuracy_e8(commit, act, &e8, &b8);
            /* the week's own ratios rounded once from the exact quotient */
            r.error =
                r.defined ? forecast_ratio_e4(commit > act ? commit - act : act - commit, act) : 0;
            r.bias = r.defined ? forecast_ratio_e4((__int128)commit - act, act) : 0;
            if (r.defined) {
                sum_error += e8;
                sum_bias += b8;
                weeks++;
            }
            st = fn(&r, ctx, err);
        }
        if (st)
            break;
        snprintf(r.week, sizeof r.week, "mean");
        r.mean = true;
        r.commit = 0;
        r.actual = final;
        r.weeks = weeks;
        r.defined = weeks > 0;
        /* the mean of the weeks' ratios (each ×10^8), rounded once to ×10^4 */
        r.error = weeks ? forecast_ratio_e4(sum_error, (__int128)weeks * 100000000) : 0;
        r.bias = weeks ? forecast_ratio_e4(sum_bias, (__int128)weeks * 100000000) : 0;
        st = fn(&r, ctx, err);
    }
out:
    free(actual);
    free(first);
    free(people);
    free(groups);
    free(calls.v);
    return st;
}
