/*
 * scorecard.c — weighted scorecards: add one (checked whole before it is
 * written), show each with its goals' attainment, capped contribution and
 * score, and roll the scores up the manager tree (see scorecard.h).
 */
#include "app/scorecard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/org.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "domain/value.h"
#include "store/db.h"
#include "store/forecast_store.h"
#include "store/org_store.h"

/* "40", "40%", "12.5%" → basis points (4000, 4000, 1250); false when not a
 * percentage with at most two decimals in (0, 100]. */
static bool weight_parse(const char *text, int32_t *bp)
{
    const char *p = text;
    long whole = 0, frac = 0;
    int digits = 0, frac_digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) {
        whole = whole * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits)
        return false;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9' && frac_digits < 2) {
            frac = frac * 10 + (*p++ - '0');
            frac_digits++;
        }
        if (!frac_digits)
            return false;
        if (frac_digits == 1)
            frac *= 10;
    }
    if (*p == '%')
        p++;
    if (*p)
        return false;
    long v = whole * 100 + frac;
    if (v <= 0 || v > 10000)
        return false;
    *bp = (int32_t)v;
    return true;
}

/* BP as a percentage: "95%", "99.5%", "100.25%". */
static void percent_text(int64_t bp, char *out, size_t size)
{
    if (bp % 100 == 0)
        snprintf(out, size, "%lld%%", (long long)(bp / 100));
    else if (bp % 10 == 0)
        snprintf(out, size, "%lld.%lld%%", (long long)(bp / 100), (long long)(bp % 100 / 10));
    else
        snprintf(out, size, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

enum at_status app_scorecard_add(struct app *app, const char *scope, const char *period,
                                 const char *const *goals, size_t n, int64_t *id,
                                 struct at_err *err)
{
    const struct org *o;
    struct scope_ref ref;
    struct period p;
    char canon[PERIOD_TEXT_MAX];
    int64_t ids[SCORECARD_GOALS_MAX];
    int32_t weights[SCORECARD_GOALS_MAX];
    int64_t sum = 0;
    if (!scope)
        return at_err_set(err, AT_INVALID, "whose scorecard? give --scope S");
    if (!period)
        return at_err_set(err, AT_INVALID, "a period is needed (--period 2026-Q3 ...)");
    if (n == 0)
        return at_err_set(err, AT_INVALID, "give the goals and weights: --goal ID:WEIGHT ...");
    if (n > SCORECARD_GOALS_MAX)
        return at_err_set(err, AT_INVALID, "at most %d goals on a scorecard", SCORECARD_GOALS_MAX);
    enum at_status st = app_org(app, &o, err);
    if (!st)
        st = org_resolve(o, scope, &ref, err);
    if (!st)
        st = period_parse(period, app_day(&app->req), app->fiscal_start_month, &p, err);
    if (st)
        return st;
    period_format(&p, canon);
    for (size_t i = 0; i < n; i++) {
        const char *colon = strchr(goals[i], ':');
        char *end = NULL;
        long long gid = colon ? strtoll(goals[i], &end, 10) : 0;
        if (!colon || end != colon || gid <= 0 || !weight_parse(colon + 1, &weights[i]))
            return at_err_set(err, AT_INVALID,
                              "--goal %s: write ID:WEIGHT, the weight a percentage (40%%)",
                              goals[i]);
        ids[i] = gid;
        for (size_t k = 0; k < i; k++)
            if (ids[k] == gid)
                return at_err_set(err, AT_INVALID, "--goal %s: goal %lld is given twice", goals[i],
                                  gid);
        struct goal g;
        if ((st = app_goal_get(app, gid, &g, NULL, err)))
            return at_err_prefix(err, "--goal %s: ", goals[i]);
        if (g.archived)
            return at_err_set(err, AT_INVALID, "--goal %s: goal %lld is archived", goals[i], gid);
        sum += weights[i];
    }
    if (sum != 10000) {
        char s[32];
        percent_text(sum, s, sizeof s);
        return at_err_set(err, AT_INVALID, "the weights sum to %s; they must sum to exactly 100%%",
                          s);
    }
    const char *actor = app->req.actor[0] ? app->req.actor : "cli";
    if ((st = db_begin(app->db, err)))
        return st;
    st = scorecard_store_add(app->db, scope_kind_name(ref.kind),
                             ref.kind == SCOPE_COMPANY ? 0 : ref.id, canon, actor, ids, weights, n,
                             id, err);
    if (st) {
        char label[GOAL_SCOPE_MAX];
        org_label(o, &ref, label, sizeof label);
        at_err_prefix(err, "%s: ", label);
    }
    if (!st)
        st = db_commit(app->db, err);
    if (st)
        db_rollback(app->db);
    return st;
}

/* ---- show ------------------------------------------------------------------ */

struct line {
    int64_t card;
    struct scope_ref ref;
    char period[PERIOD_TEXT_MAX];
    int64_t goal;
    int32_t weight_bp;
};

struct lines {
    struct line *v;
    size_t n, cap;
};

static enum at_status keep_line(const struct scorecard_goal_row *r, void *ctx, struct at_err *err)
{
    struct lines *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct line *k = &l->v[l->n];
    memset(k, 0, sizeof *k);
    if (!scope_kind_parse(r->scope_kind, strlen(r->scope_kind), &k->ref.kind))
        return at_err_set(err, AT_DB, "scorecard %lld: scope kind %s", (long long)r->card_id,
                          r->scope_kind);
    k->card = r->card_id;
    k->ref.id = r->scope_id;
    snprintf(k->period, sizeof k->period, "%s", r->period);
    k->goal = r->goal_id;
    k->weight_bp = r->weight_bp;
    l->n++;
    return AT_OK;
}

/* A scored card, for the roll-up. */
struct scored {
    int64_t person; /* the person of a person or team card, else 0 */
    char period[PERIOD_TEXT_MAX];
    int64_t score;   /* ×10^4 */
    __int128 weight; /* Σ money targets (×10^4 minor units) of its goals */
};

struct people {
    int64_t *id, *manager;
    size_t n, cap;
};

static enum at_status keep_person(const struct org_person_row *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct people *pp = ctx;
    if (pp->n == pp->cap) {
        pp->cap = pp->cap ? 2 * pp->cap : 64;
        pp->id = xrealloc(pp->id, pp->cap * sizeof *pp->id);
        pp->manager = xrealloc(pp->manager, pp->cap * sizeof *pp->manager);
    }
    pp->id[pp->n] = p->id;
    pp->manager[pp->n] = p->manager_id;
    pp->n++;
    return AT_OK;
}

/* Roll-up state of one person for one period. */
struct node {
    int state; /* 0 not yet, 1 working, 2 done */
    bool has;
    bool own;
    int64_t score;
    __int128 weight;
    long reports;
};

struct rollup {
    const struct people *pp;
    const struct scored *cards;
    size_t n_cards;
    const char *period;
    struct node *nodes;
};

static void score_person(struct rollup *r, size_t i)
{
    struct node *nd = &r->nodes[i];
    if (nd->state)
        return; /* done, or a cycle in the manager tree: counted once */
    nd->state = 1;
    for (size_t c = 0; c < r->n_cards; c++)
        if (r->cards[c].person == r->pp->id[i] && strcmp(r->cards[c].period, r->period) == 0) {
            nd->has = nd->own = true;
            nd->score = r->cards[c].score;
            nd->weight = r->cards[c].weight;
            break;
        }
    if (!nd->own) {
        /* Σ score × weight / Σ weight over the direct reports with a score;
         * equal weights when none has a money target */
        __int128 sw = 0, w = 0, s = 0;
        long k = 0;
        for (size_t j = 0; j < r->pp->n; j++) {
            if (r->pp->manager[j] != r->pp->id[i] || j == i)
                continue;
            score_person(r, j);
            if (!r->nodes[j].has || r->nodes[j].state != 2)
                continue;
            sw += (__int128)r->nodes[j].score * r->nodes[j].weight;
            w += r->nodes[j].weight;
            s += r->nodes[j].score;
            k++;
        }
        if (k) {
            nd->has = true;
            nd->reports = k;
            nd->weight = w;
            __int128 num = w > 0 ? sw : s, den = w > 0 ? w : k;
            nd->score =
                (int64_t)(num >= 0 ? (2 * num + den) / (2 * den) : -((-2 * num + den) / (2 * den)));
        }
    }
    nd->state = 2;
}

enum at_status app_scorecard_show(struct app *app, const struct scorecard_options *o,
                                  scorecard_row_fn fn, void *ctx, struct at_err *err)
{
    const struct org *org;
    struct scope_ref within = {SCOPE_COMPANY, 0};
    enum scorecard_cap cap = SCORECARD_CAP_100;
    char canon[PERIOD_TEXT_MAX] = "";
    int32_t day = app_day(&app->req);
    struct lines lines = {0};
    struct people pp = {0};
    struct scored *cards = NULL;
    size_t n_cards = 0;
    enum at_status st = app_org(app, &org, err);
    if (!st && o->as_of && !cal_parse_iso(o->as_of, &day))
        st = at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    if (!st && o->cap && !scorecard_cap_parse(o->cap, &cap))
        st = at_err_set(err, AT_INVALID, "--cap %s: choose 100%%, 120%% or none", o->cap);
    if (!st && o->scope)
        st = org_resolve(org, o->scope, &within, err);
    if (!st && o->period) {
        struct period p;
        if (!(st = period_parse(o->period, day, app->fiscal_start_month, &p, err)))
            period_format(&p, canon);
    }
    if (!st)
        st = scorecard_store_goals(app->db, keep_line, &lines, err);
    if (!st)
        st = org_store_people(app->db, keep_person, &pp, err);
    if (!st)
        cards = xcalloc(lines.n + 1, sizeof *cards);
    /* each card: its goal lines, then its score */
    for (size_t i = 0; i < lines.n && !st;) {
        size_t j = i;
        while (j < lines.n && lines.v[j].card == lines.v[i].card)
            j++;
        const struct line *first = &lines.v[i];
        bool shown = (!canon[0] || strcmp(first->period, canon) == 0) &&
                     org_contains(org, &within, &first->ref);
        struct scorecard_row r;
        memset(&r, 0, sizeof r);
        r.card = first->card;
        org_label(org, &first->ref, r.scope, sizeof r.scope);
        snprintf(r.period, sizeof r.period, "%s", first->period);
        __int128 total = 0, weight = 0;
        for (size_t k = i; k < j && !st; k++) {
            struct goal g;
            struct metric_value v;
            if ((st = app_goal_get(app, lines.v[k].goal, &g, NULL, err)) ||
                (st = app_goal_actual(app, &g, day, &v, err))) {
                at_err_prefix(err, "scorecard %lld: ", (long long)r.card);
                break;
            }
            enum metric_unit unit = metric_def(g.metric)->unit;
            int64_t actual = goal_value_scaled(&v);
            r.line = SCORECARD_GOAL;
            r.goal = g.id;
            snprintf(r.title, sizeof r.title, "%s", g.title);
            r.metric = g.metric;
            r.lower = g.direction == GOAL_LOWER;
            r.weight_bp = lines.v[k].weight_bp;
            struct metric_value tv = {true, g.target, GOAL_SCALE};
            r.target = metric_typed(unit, &tv, app->currency);
            r.actual = metric_typed(unit, &v, app->currency);
            if (v.defined)
                scorecard_attainment(r.lower, g.target, actual, cap, &r.defined, &r.attainment,
                                     &r.counted);
            else
                r.defined = false, r.attainment = 0, r.counted = 0;
            __int128 part = (__int128)r.counted * r.weight_bp;
            r.contribution = (int64_t)((part + 5000) / 10000);
            total += part;
            if (unit == MU_MONEY)
                weight += g.target;
            if (shown)
                st = fn(&r, ctx, err);
        }
        if (st)
            break;
        int64_t score = (int64_t)((total + 5000) / 10000);
        if (shown) {
            struct scorecard_row s;
            memset(&s, 0, sizeof s);
            s.card = r.card;
            snprintf(s.scope, sizeof s.scope, "%s", r.scope);
            snprintf(s.period, sizeof s.period, "%s", r.period);
            s.line = SCORECARD_SCORE;
            s.weight_bp = 10000;
            s.target.kind = s.actual.kind = VK_TEXT;
            s.contribution = score;
            st = fn(&s, ctx, err);
        }
        /* every card takes part in the roll-up, shown or not */
        if (first->ref.kind == SCOPE_PERSON || first->ref.kind == SCOPE_TEAM) {
            cards[n_cards].person = first->ref.id;
            snprintf(cards[n_cards].period, sizeof cards[n_cards].period, "%s", first->period);
            cards[n_cards].score = score;
            cards[n_cards].weight = weight;
            n_cards++;
        }
        i = j;
    }
    /* the roll-ups, per period of the cards shown */
    for (size_t c = 0; c < n_cards && !st; c++) {
        bool seen = false;
        for (size_t d = 0; d < c; d++)
            seen |= strcmp(cards[d].period, cards[c].period) == 0;
        if (seen || (canon[0] && strcmp(cards[c].period, canon) != 0))
            continue;
        struct rollup ru = {&pp, cards, n_cards, cards[c].period,
                            xcalloc(pp.n ? pp.n : 1, sizeof(struct node))};
        for (size_t i = 0; i < pp.n; i++)
            score_person(&ru, i);
        /* by label */
        struct scorecard_row *rows = xcalloc(pp.n ? pp.n : 1, sizeof *rows);
        size_t n_rows = 0;
        for (size_t i = 0; i < pp.n; i++) {
            struct scope_ref team = {SCOPE_TEAM, pp.id[i]};
            if (!ru.nodes[i].has || ru.nodes[i].own || !org_contains(org, &within, &team))
                continue;
            struct scorecard_row *r = &rows[n_rows++];
            org_label(org, &team, r->scope, sizeof r->scope);
            snprintf(r->period, sizeof r->period, "%s", cards[c].period);
            r->line = SCORECARD_ROLLUP;
            r->target.kind = r->actual.kind = VK_TEXT;
            r->contribution = ru.nodes[i].score;
            r->reports = ru.nodes[i].reports;
        }
        for (size_t a = 1; a < n_rows; a++) /* insertion sort by label: few rows */
            for (size_t b = a; b > 0 && strcmp(rows[b - 1].scope, rows[b].scope) > 0; b--) {
                struct scorecard_row t = rows[b];
                rows[b] = rows[b - 1];
                rows[b - 1] = t;
            }
        for (size_t i = 0; i < n_rows && !st; i++)
            st = fn(&rows[i], ctx, err);
        free(rows);
        free(ru.nodes);
    }
    free(cards);
    free(lines.v);
    free(pp.id);
    free(pp.manager);
    return st;
}
