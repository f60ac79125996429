/* goal.c — the tables of the goal answers (view/goal.h): status, tree, fields,
 * history, action steps, plans, mismatches, objectives. Moved here from
 * cli/cmd_goal.c so the command line and the API print the same rows. */
#include "view/goal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "domain/pace.h"

/* The status word of KEY for people in LANG (the Chinese words are
 * goal_status_zh's, the same the command line's i18n shows). */
static const char *status_word(const char *lang, const char *key)
{
    const char *zh = lang && strcmp(lang, "zh") == 0 ? goal_status_zh(key) : NULL;
    return zh ? zh : key;
}

static bool kept(const struct view_goal_filter *f, const struct goal *g)
{
    return !f || !f->keep || f->keep(g, f->ctx);
}

char *view_metric_cell(enum metric_unit unit, const char *value, const char *currency,
                       const char *lang)
{
    static const enum value_kind kinds[] = {
        [MU_MONEY] = VK_MONEY, [MU_COUNT] = VK_COUNT, [MU_RATIO] = VK_RATIO, [MU_SCORE] = VK_SCORE};
    return cell_display(kinds[unit], value, currency, lang);
}

/* ---- status ------------------------------------------------------------- */

struct status_ctx {
    struct app *app;
    struct table *t;
    bool people;
    const char *lang;
    const struct view_goal_filter *f;
};

static enum at_status status_row(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct status_ctx *c = ctx;
    const struct goal *g = &p->goal;
    if (!kept(c->f, g))
        return AT_OK;
    char id[24], period[PERIOD_TEXT_MAX];
    snprintf(id, sizeof id, "%lld", (long long)g->id);
    period_format(&g->period, period);
    struct typed_value f[PF_COUNT];
    goal_progress_figures(p, c->app->currency, f);
    const char *status = goal_status_name(p->pace.status);
    if (c->people) {
        static const enum progress_figure shown_figs[] = {PF_TARGET,   PF_ACTUAL, PF_ATTAINMENT,
                                                          PF_EXPECTED, PF_PACE,   PF_FORECAST};
        char *cells[6];
        for (size_t i = 0; i < 6; i++)
            cells[i] = value_display(&f[shown_figs[i]], c->app->currency, c->lang);
        const char *row[] = {
            id,       g->title, g->scope, period,   metric_def(g->metric)->key,  cells[0], cells[1],
            cells[2], cells[3], cells[4], cells[5], status_word(c->lang, status)};
        table_add_row(c->t, row);
        for (size_t i = 0; i < 6; i++)
            free(cells[i]);
        return AT_OK;
    }
#define TEXT(s)                                                                                    \
    {                                                                                              \
        .kind = VK_TEXT, .defined = true, .text = (s)                                              \
    }
    const struct typed_value row[] = {TEXT(id),
                                      TEXT(g->title),
                                      TEXT(g->scope),
                                      TEXT(period),
                                      TEXT(metric_def(g->metric)->key),
                                      f[PF_TARGET],
                                      f[PF_ACTUAL],
                                      f[PF_ATTAINMENT],
                                      f[PF_EXPECTED],
                                      f[PF_PACE],
                                      f[PF_FORECAST],
                                      TEXT(status),
                                      f[PF_GAP],
                                      f[PF_RUN_RATE],
                                      f[PF_COVERAGE],
                                      f[PF_FORECAST_PIPELINE],
                                      f[PF_ELAPSED]};
#undef TEXT
    table_add_values(c->t, row);
    return AT_OK;
}

static void status_table(struct table *out, bool people, const char *lang)
{
    /* the CSV header is an interface: these twelve first, the details after */
    static const char *const cols[] = {"id",       "title",
                                       "scope",    "period",
                                       "metric",   "target",
                                       "actual",   "attainment",
                                       "expected", "pace",
                                       "forecast", "status",
                                       "gap",      "required_run_rate",
                                       "coverage", "forecast_pipeline",
                                       "elapsed"};
    table_init(out, people ? 12 : 17, cols);
    out->lang = lang;
    for (size_t c = 5; c < 11; c++)
        out->right[c] = true;
    out->right[0] = true;
}

enum at_status view_goal_status(struct app *app, const struct progress_options *o, bool people,
                                const char *lang, const struct view_goal_filter *f,
                                struct table *out, struct at_err *err)
{
    status_table(out, people, lang);
    struct status_ctx c = {app, out, people, lang, f};
    return app_goal_progress(app, o, status_row, &c, err);
}

void view_goal_status_of(struct app *app, const struct goal_progress *p, const char *lang,
                         struct table *out)
{
    struct at_err err = {0};
    status_table(out, false, lang);
    struct status_ctx c = {app, out, false, lang, NULL};
    status_row(p, &c, &err); /* never fails */
}

/* ---- tree --------------------------------------------------------------- */

static void tree_row(struct app *app, struct table *t, bool people, const char *lang,
                     const struct goal_progress *p, int depth)
{
    const struct goal *g = &p->goal;
    enum metric_unit unit = metric_def(g->metric)->unit;
    int exponent = currency_exponent(app->currency);
    char id[24], parent[24], objective[24], period[PERIOD_TEXT_MAX], target[64], actual[64],
        attain[32], depth_text[16], title[GOAL_TITLE_MAX + 64];
    snprintf(id, sizeof id, "%lld", (long long)g->id);
    snprintf(parent, sizeof parent, "%lld", (long long)g->parent);
    snprintf(objective, sizeof objective, "%lld", (long long)g->objective);
    snprintf(depth_text, sizeof depth_text, "%d", depth);
    period_format(&g->period, period);
    goal_target_format(unit, g->target, exponent, target, sizeof target);
    metric_value_format(unit, &p->actual, exponent, actual, sizeof actual);
    metric_value_format(MU_RATIO, &p->pace.attainment, exponent, attain, sizeof attain);
    const char *status = goal_status_name(p->pace.status);
    if (people) {
        int indent = depth * 2 > 40 ? 40 : depth * 2;
        snprintf(title, sizeof title, "%*s#%s %s", indent, "", id, g->title);
        char *cells[] = {view_metric_cell(unit, target, app->currency, lang),
                         view_metric_cell(unit, actual, app->currency, lang),
                         view_metric_cell(MU_RATIO, attain, app->currency, lang)};
        const char *row[] = {
            title, g->scope, period, cells[0], cells[1], cells[2], status_word(lang, status)};
        table_add_row(t, row);
        for (int k = 0; k < 3; k++)
            free(cells[k]);
    } else {
        const char *row[] = {depth_text,
                             id,
                             g->parent ? parent : "",
                             g->objective ? objective : "",
                             g->title,
                             g->scope,
                             period,
                             metric_def(g->metric)->key,
                             target,
                             actual,
                             attain,
                             status};
        table_add_row(t, row);
    }
}

void view_goal_tree(struct app *app, const struct goal_tree *tree, bool people, const char *lang,
                    const struct view_goal_filter *f, struct table *out)
{
    static const char *const tcols[] = {"goal",   "scope",      "period", "target",
                                        "actual", "attainment", "status"};
    static const char *const ccols[] = {"depth",  "id",     "parent",     "objective",
                                        "title",  "scope",  "period",     "metric",
                                        "target", "actual", "attainment", "status"};
    if (people) {
        table_init(out, 7, tcols);
        out->right[3] = out->right[4] = out->right[5] = true;
    } else {
        table_init(out, 12, ccols);
    }
    out->lang = lang;
    bool zh = lang && strcmp(lang, "zh") == 0;
    for (size_t i = 0; i < tree->n_groups; i++) {
        const struct goal_tree_group *gr = &tree->groups[i];
        if (people) {
            char head[400];
            if (gr->objective.id)
                snprintf(head, sizeof head, "%s %lld: %s", zh ? "战略目标" : "objective",
                         (long long)gr->objective.id, gr->objective.title);
            else
                snprintf(head, sizeof head, "%s", zh ? "（未关联战略目标）" : "(no objective)");
            const char *row[] = {head, "", "", "", "", "", ""};
            table_add_row(out, row);
        }
        for (size_t k = gr->first; k < gr->first + gr->n; k++) {
            const struct goal_progress *p = &tree->goals[tree->nodes[k].goal];
            if (kept(f, &p->goal))
                tree_row(app, out, people, lang, p, tree->nodes[k].depth + (people ? 1 : 0));
        }
    }
}

/* ---- one goal ----------------------------------------------------------- */

void view_goal_fields(struct app *app, const struct goal *g, const struct goal_meta *m,
                      const char *lang, struct table *out)
{
    static const char *const cols[] = {"field", "value"};
    table_init(out, 2, cols);
    out->lang = lang;
    char id[24], parent[24], objective[24], target[64], period[PERIOD_TEXT_MAX], growth[48] = "",
                                                                                 baseline[64] = "";
    snprintf(id, sizeof id, "%lld", (long long)g->id);
    snprintf(parent, sizeof parent, "%lld", (long long)g->parent);
    snprintf(objective, sizeof objective, "%lld", (long long)g->objective);
    app_goal_target_text(app, g, target, sizeof target);
    period_format(&g->period, period);
    if (g->base) {
        snprintf(growth, sizeof growth, "%+d.%02d%% over the %s period", g->growth_bp / 100,
                 abs(g->growth_bp % 100),
                 g->base == GOAL_BASE_LAST_YEAR ? "same last-year" : "previous");
        goal_target_format(metric_def(g->metric)->unit, g->baseline,
                           currency_exponent(app->currency), baseline, sizeof baseline);
    }
    const char *rows[][2] = {
        {"id", id},
        {"title", g->title},
        {"sentence", m ? m->sentence : ""},
        {"metric", metric_def(g->metric)->key},
        {"scope", g->scope},
        {"period", period},
        {"target", target},
        {"growth", growth},
        {"baseline", baseline},
        {"direction", g->direction == GOAL_LOWER ? "lower" : "higher"},
        {"parent", g->parent ? parent : ""},
        {"objective", g->objective ? objective : ""},
        {"filter", g->filter},
        {"cadence", m ? m->cadence : ""},
        {"archived", g->archived ? "yes" : "no"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        table_add_row(out, rows[i]);
}

static enum at_status add_history(const char *at, const char *field, const char *old_value,
                                  const char *new_value, const char *reason, const char *actor,
                                  void *ctx, struct at_err *err)
{
    (void)err;
    const char *row[] = {at,
                         field,
                         old_value ? old_value : "",
                         new_value ? new_value : "",
                         reason,
                         actor ? actor : ""};
    table_add_row(ctx, row);
    return AT_OK;
}

enum at_status view_goal_history(struct app *app, int64_t id, const char *lang, struct table *out,
                                 struct at_err *err)
{
    static const char *const cols[] = {"at", "field", "old", "new", "reason", "by"};
    table_init(out, 6, cols);
    out->lang = lang;
    return app_goal_history(app, id, add_history, out, err);
}

static enum at_status add_action(const struct action_step *a, void *ctx, struct at_err *err)
{
    (void)err;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    const char *row[] = {id, a->what, a->owner, a->due, a->done ? "yes" : "no", a->driver};
    table_add_row(ctx, row);
    return AT_OK;
}

enum at_status view_goal_actions(struct app *app, int64_t goal_id, const char *lang,
                                 struct table *out, struct at_err *err)
{
    static const char *const cols[] = {"id", "what", "owner", "due", "done", "driver"};
    table_init(out, 6, cols);
    out->lang = lang;
    return app_actions(app, goal_id, add_action, out, err);
}

/* ---- plans and mismatches ----------------------------------------------- */

void view_split_plan(struct app *app, const struct split_plan *p, bool people, const char *lang,
                     const int64_t *old_targets, struct table *out)
{
    static const char *const cols[] = {"scope", "period", "share", "target", "old"};
    table_init(out, old_targets ? 5 : 4, cols);
    out->lang = lang;
    out->right[2] = out->right[3] = true;
    if (old_targets)
        out->right[4] = true;
    enum metric_unit unit = metric_def(p->parent.metric)->unit;
    int exponent = currency_exponent(app->currency);
    int64_t sum = 0;
    __int128 wsum = 0;
    for (size_t i = 0; i < p->n_parts; i++)
        wsum += p->parts[i].weight;
    for (size_t i = 0; i < p->n_parts; i++) {
        const struct goal *c = &p->parts[i].goal;
        char period[PERIOD_TEXT_MAX], weight[32], target[64], old[64] = "";
        period_format(&c->period, period);
        /* the part's share of the weights, shown as a ratio */
        struct metric_value share = {wsum > 0, 0, 1};
        if (wsum > 0) {
            share.num = (int64_t)((__int128)p->parts[i].weight * 1000000 / wsum);
            share.den = 1000000;
        }
        metric_value_format(MU_RATIO, &share, 0, weight, sizeof weight);
        if (people) {
            char *d = cell_display(VK_RATIO, weight, app->currency, lang);
            snprintf(weight, sizeof weight, "%s", d);
            free(d);
        }
        goal_target_format(unit, c->target, exponent, target, sizeof target);
        if (old_targets)
            goal_target_format(unit, old_targets[i], exponent, old, sizeof old);
        sum += c->target;
        const char *row[] = {c->scope, period, weight, target, old};
        table_add_row(out, row);
    }
    char total[64], period[PERIOD_TEXT_MAX];
    goal_target_format(unit, p->copies ? p->parent.target : sum, exponent, total, sizeof total);
    period_format(&p->parent.period, period);
    const char *row[] = {"total", period, "", total, ""};
    table_add_row(out, row);
}

struct mismatch_ctx {
    struct app *app;
    struct table *t;
    const struct view_goal_filter *f;
};

static enum at_status mismatch_row(const struct mismatch *m, void *ctx, struct at_err *err)
{
    (void)err;
    struct mismatch_ctx *c = ctx;
    if (!kept(c->f, &m->parent))
        return AT_OK;
    enum metric_unit unit = metric_def(m->parent.metric)->unit;
    int exponent = currency_exponent(c->app->currency);
    char id[24], period[PERIOD_TEXT_MAX], target[64], sum[64], gap[64], n[24], closed[64] = "";
    snprintf(id, sizeof id, "%lld", (long long)m->parent.id);
    period_format(&m->parent.period, period);
    goal_target_format(unit, m->parent.target, exponent, target, sizeof target);
    goal_target_format(unit, m->children_sum, exponent, sum, sizeof sum);
    if (m->rebalanced)
        goal_target_format(unit, m->closed_actual, exponent, closed, sizeof closed);
    /* what the children that count must add up to, less what they do */
    int64_t g = m->want - m->children_sum;
    goal_target_format(unit, g < 0 ? -g : g, exponent, gap, sizeof gap);
    char signed_gap[72];
    snprintf(signed_gap, sizeof signed_gap, "%s%s", g < 0 ? "-" : "", gap);
    snprintf(n, sizeof n, "%zu", m->n_children);
    const char *row[] = {id,
                         m->parent.scope,
                         period,
                         metric_def(m->parent.metric)->key,
                         m->over_time ? "time" : "org",
                         target,
                         sum,
                         signed_gap,
                         n,
                         closed};
    table_add_row(c->t, row);
    return AT_OK;
}

enum at_status view_goal_mismatches(struct app *app, const char *lang,
                                    const struct view_goal_filter *f, struct table *out,
                                    struct at_err *err)
{
    /* closed_actual: after a rebalance, the actual of the closed sub-periods;
     * children_sum and children then count the open sub-goals */
    static const char *const cols[] = {"id",       "scope",        "period",       "metric",
                                       "over",     "target",       "children_sum", "gap",
                                       "children", "closed_actual"};
    table_init(out, 10, cols);
    out->lang = lang;
    for (int c = 5; c < 10; c++)
        out->right[c] = true;
    struct mismatch_ctx mc = {app, out, f};
    return app_goal_mismatches(app, mismatch_row, &mc, err);
}

static enum at_status ls_objective(const struct objective *o, void *ctx, struct at_err *err)
{
    (void)err;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)o->id);
    const char *row[] = {id, o->title, o->description};
    table_add_row(ctx, row);
    return AT_OK;
}

enum at_status view_objectives(struct app *app, const char *lang, struct table *out,
                               struct at_err *err)
{
    static const char *const cols[] = {"id", "title", "description"};
    table_init(out, 3, cols);
    out->lang = lang;
    return app_objectives(app, ls_objective, out, err);
}

/* ---- burn-up ------------------------------------------------------------ */

void view_goal_burnup(struct app *app, const struct burnup *b, const char *lang, struct table *out)
{
    static const char *const cols[] = {"day", "expected", "actual", "forecast"};
    table_init(out, 4, cols);
    out->lang = lang;
    memcpy(out->currency, app->currency, sizeof out->currency);
    static const enum value_kind kinds[] = {
        [MU_MONEY] = VK_MONEY, [MU_COUNT] = VK_COUNT, [MU_RATIO] = VK_RATIO, [MU_SCORE] = VK_SCORE};
    for (size_t c = 1; c < 4; c++)
        table_set_kind(out, c, kinds[b->unit]);
    int exponent = currency_exponent(app->currency);
    for (size_t i = 0; i < b->n_days; i++) {
        char day[16], expected[64], actual[64] = "", forecast[64] = "";
        cal_format(b->period.start + (int32_t)i, day);
        goal_target_format(b->unit, b->expected[i], exponent, expected, sizeof expected);
        if (i < b->n_actual)
            metric_value_format(b->unit, &b->actual[i], exponent, actual, sizeof actual);
        if (i >= b->forecast_from)
            goal_target_format(b->unit, b->forecast[i], exponent, forecast, sizeof forecast);
        const char *row[] = {day, expected, actual, forecast};
        table_add_row(out, row);
    }
}

/* ---- SMART -------------------------------------------------------------- */

json_t *view_goal_check_json(const struct goal_check *c, const char *understood,
                             const char *missing)
{
    const struct smart_letter *l[] = {&c->smart.s, &c->smart.m, &c->smart.a, &c->smart.r,
                                      &c->smart.t};
    static const char *const letters[] = {"S", "M", "A", "R", "T"};
    json_t *root = json_object(), *smart = json_object();
    for (int i = 0; i < 5; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "ok", json_boolean(l[i]->ok));
        json_object_set_new(o, "reason", json_string(l[i]->reason));
        json_object_set_new(smart, letters[i], o);
    }
    json_object_set_new(root, "smart", smart);
    json_object_set_new(root, "score", json_integer(c->smart.score));
    if (c->judged) {
        json_t *a = json_object(), *reasons = json_array();
        json_object_set_new(a, "verdict", json_string(achieve_verdict_name(c->achieve.verdict)));
        for (size_t i = 0; i < c->achieve.n_reasons; i++)
            json_array_append_new(reasons, json_string(c->achieve.reasons[i]));
        json_object_set_new(a, "reasons", reasons);
        json_object_set_new(a, "thin_history", json_boolean(c->achieve.thin_history));
        json_object_set_new(root, "achievability", a);
    }
    if (understood)
        json_object_set_new(root, "understood", json_string(understood));
    if (missing)
        json_object_set_new(root, "missing", json_string(missing));
    return root;
}
