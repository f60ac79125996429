/*
 * demo_loop.c — the demo's weekly loop on top of its goal plan: a quarter of
 * weekly check-ins by the reps (with confidence, acknowledged by their
 * managers), two forecast calls a month for the current quarter with a
 * manager's adjustment, a review meeting per region with decisions, a
 * scorecard per region, and 华东's plan locked with one change request
 * approved and one rejected. Everything goes through the same use cases as the
 * command line, acting as the person who would act.
 */
#include "app/demo_loop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/checkin.h"
#include "app/goals.h"
#include "app/forecast.h"
#include "app/org.h"
#include "app/progress.h"
#include "app/review.h"
#include "app/scorecard.h"
#include "base/str.h"
#include "domain/calendar.h"

/* How many reps the loop follows (the first by goal id): enough to fill the
 * pages, few enough to keep `attain demo` quick. */
#define DEMO_LOOP_REPS  64
#define DEMO_LOOP_WEEKS 13

struct demo_goals {
    struct goal *person; /* the reps' goals of the year */
    size_t n_person, cap_person;
    struct goal region[8]; /* the regions' goals of the year, by id */
    size_t n_region;
    int64_t new_customers_south; /* 华南's new-customer goal, 0 when none */
};

static enum at_status collect(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct demo_goals *d = ctx;
    const struct goal *g = &p->goal;
    if (g->period.kind != PERIOD_YEAR)
        return AT_OK;
    if (g->ref.kind == SCOPE_PERSON && g->target > 0 && d->n_person < DEMO_LOOP_REPS) {
        if (d->n_person == d->cap_person) {
            d->cap_person = d->cap_person ? 2 * d->cap_person : 16;
            d->person = xrealloc(d->person, d->cap_person * sizeof *d->person);
        }
        d->person[d->n_person++] = *g;
    } else if (g->ref.kind == SCOPE_UNIT && !strchr(g->scope, '/')) {
        if (g->metric == METRIC_NEW_CUSTOMERS && strcmp(g->scope, "unit:华南") == 0)
            d->new_customers_south = g->id;
        else if (g->metric == METRIC_REVENUE && g->target > 0 && d->n_region < 8)
            d->region[d->n_region++] = *g;
    }
    return AT_OK;
}

/* Act as person ID from now on. */
static void act_as(struct app *app, int64_t id)
{
    snprintf(app->req.actor, sizeof app->req.actor, "#%lld", (long long)id);
    app->req.actor_set = true;
}

/* A small deterministic generator (xorshift64*), seeded from the demo. */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static const char *const notes[] = {
    "本周拜访3家重点客户，两份报价待回复", "大客户续约谈判推进中，预计月底签约",
    "新线索增加，正在安排产品演示",        "回款跟进中，一笔订单延期到下月",
    "竞品降价，部分商机需要重新报价",      "区域活动带来5条高质量线索",
};
static const char *const blockers[] = {
    "", "", "客户预算审批延迟", "", "交付排期紧张", "",
};
static const char *const nexts[] = {
    "完成两份方案并推动合同审核",   "约见采购负责人确认预算",
    "跟进演示后的试用反馈",         "催收逾期回款",
    "整理商机清单，聚焦前五大客户", "安排经理陪访关键客户",
};

/* DEMO_LOOP_WEEKS Mondays of check-ins by each rep on their goal of the
 * year, ending in the week of AS_OF (every fifth rep has not checked in this
 * week yet: they owe one); the manager acknowledges each the next day, but
 * not this week's. One rep loses heart this week (a confidence drop of 3). */
static enum at_status demo_checkins(struct app *app, const struct org *o,
                                    const struct demo_goals *d, int32_t as_of, uint64_t *rng,
                                    struct at_err *err)
{
    /* the Monday on or before AS_OF (day 0 = 1970-01-01, a Thursday) */
    int32_t monday = as_of - (int32_t)(((as_of - 4) % 7 + 7) % 7);
    int32_t today = app->req.today;
    enum at_status st = AT_OK;
    for (size_t r = 0; !st && r < d->n_person; r++) {
        const struct goal *g = &d->person[r];
        int64_t rep = g->ref.id, boss = org_manager(o, rep);
        int confidence = 5 + (int)(next_rand(rng) % 4);
        for (int w = DEMO_LOOP_WEEKS - 1; !st && w >= 0; w--) {
            int32_t day = monday - 7 * w;
            if (day < g->period.start || day > g->period.end || (w == 0 && r % 5 == 4))
                continue;
            int step = (int)(next_rand(rng) % 3) - 1;
            if (r == 1) /* steady at 7, then a slipping deal: the agenda flags the drop */
                confidence = w == 0 ? 3 : 7;
            else
                confidence += step;
            confidence = confidence < 1 ? 1 : confidence > 10 ? 10 : confidence;
            char conf[4], at[CAL_DATE_LEN], goal_id[24];
            snprintf(conf, sizeof conf, "%d", confidence);
            cal_format(day, at);
            snprintf(goal_id, sizeof goal_id, "%lld", (long long)g->id);
            size_t k = (size_t)(next_rand(rng) % (sizeof notes / sizeof notes[0]));
            struct checkin_add_options ca = {.goal = goal_id,
                                             .confidence = conf,
                                             .note = notes[k],
                                             .blockers = *blockers[k] ? blockers[k] : NULL,
                                             .next = nexts[k],
                                             .as_of = at};
            struct checkin c;
            act_as(app, rep);
            st = app_checkin_add(app, &ca, &c, err);
            if (!st && w > 0 && boss) {
                char id[24];
                snprintf(id, sizeof id, "%lld", (long long)c.id);
                act_as(app, boss);
                app->req.today = day + 1; /* acknowledged the next day */
                st = app_checkin_ack(app, id, w % 4 == 1 ? "收到，重点盯紧大单" : NULL, &c, err);
                app->req.today = today;
            }
        }
    }
    return st;
}

/* Calls on the 1st and the 15th of each month of AS_OF's quarter up to
 * AS_OF, by every rep followed, with the figures their deals give; then
 * the manager of the first two lowers one call and raises the other. */
static enum at_status demo_forecast(struct app *app, const struct org *o,
                                    const struct demo_goals *d, int32_t as_of, struct at_err *err)
{
    struct period q = period_containing(PERIOD_QUARTER, as_of, app->fiscal_start_month);
    char qtext[PERIOD_TEXT_MAX];
    period_format(&q, qtext);
    enum at_status st = AT_OK;
    int32_t last_call = 0;
    for (int32_t day = q.start; !st && day <= as_of && day <= q.end; day++) {
        int y, m, dd;
        cal_to_ymd(day, &y, &m, &dd);
        if (dd != 1 && dd != 15)
            continue;
        char at[CAL_DATE_LEN];
        cal_format(day, at);
        for (size_t r = 0; !st && r < d->n_person; r++) {
            struct forecast_submission s;
            int64_t id;
            act_as(app, d->person[r].ref.id);
            st = app_forecast_submit_build(app, qtext, at, NULL, NULL,
                                           dd == 1 ? "月初预测：按商机阶段" : "月中更新", &s, err);
            if (!st)
                st = app_forecast_submit_save(app, &s, &id, err);
        }
        last_call = day;
    }
    for (size_t r = 0; !st && last_call && r < 2 && r < d->n_person; r++) {
        int64_t rep = d->person[r].ref.id, boss = org_manager(o, rep);
        if (!boss)
            continue;
        char person[32], at[CAL_DATE_LEN];
        snprintf(person, sizeof person, "#%lld", (long long)rep);
        cal_format(last_call, at);
        act_as(app, boss);
        int64_t id;
        st = app_forecast_adjust(app, person, qtext, r == 0 ? "80万" : "150万",
                                 r == 0 ? "大单签约时间推迟到下季度，下调承诺"
                                        : "两笔合同已进入审批，上调承诺",
                                 at, &id, NULL, err);
    }
    return st;
}

/* The region's review on the Monday of AS_OF's week: its head records a
 * decision about the region's goal, and one about the plan as a whole. */
static enum at_status demo_reviews(struct app *app, const struct org *o, const struct demo_goals *d,
                                   int32_t as_of, struct at_err *err)
{
    int32_t monday = as_of - (int32_t)(((as_of - 4) % 7 + 7) % 7);
    char at[CAL_DATE_LEN];
    cal_format(monday, at);
    enum at_status st = AT_OK;
    for (size_t i = 0; !st && i < d->n_region; i++) {
        const struct goal *g = &d->region[i];
        int64_t head = org_head(o, &g->ref);
        if (!head)
            continue;
        char goal_id[24];
        snprintf(goal_id, sizeof goal_id, "%lld", (long long)g->id);
        struct review_decision dec;
        act_as(app, head);
        st = app_review_decide(app, g->scope, "每周二加开商机复盘会，落后的销售逐单过堂", goal_id,
                               at, &dec, err);
        if (!st)
            st = app_review_decide(app, g->scope, "下月起新客户拜访量纳入周报考核", NULL, at, &dec,
                                   err);
    }
    return st;
}

/* A scorecard per region for the year: revenue alone, or in 华南 revenue
 * 70 % and new customers 30 %. */
static enum at_status demo_scorecards(struct app *app, const struct demo_goals *d,
                                      struct at_err *err)
{
    enum at_status st = AT_OK;
    for (size_t i = 0; !st && i < d->n_region; i++) {
        const struct goal *g = &d->region[i];
        char year[PERIOD_TEXT_MAX], a[40], b[40];
        period_format(&g->period, year);
        const char *goals[2] = {a, b};
        size_t n = 1;
        if (strcmp(g->scope, "unit:华南") == 0 && d->new_customers_south) {
            snprintf(a, sizeof a, "%lld:70%%", (long long)g->id);
            snprintf(b, sizeof b, "%lld:30%%", (long long)d->new_customers_south);
            n = 2;
        } else {
            snprintf(a, sizeof a, "%lld:100%%", (long long)g->id);
        }
        int64_t id;
        st = app_scorecard_add(app, g->scope, year, goals, n, &id, err);
    }
    return st;
}

/* 1 + PERMILLE/1000 times TARGET (a money goal's target: ×10^4 fen) as typed,
 * in yuan. */
static void scaled_target(int64_t target, int permille, char *out, size_t size)
{
    int64_t t = target / 10000 * (1000 + permille) / 1000; /* in fen */
    snprintf(out, size, "%lld.%02lld", (long long)(t / 100), (long long)(t % 100));
}

/* 华东's plan is locked by the director: its region goal and its reps'
 * goals. Then a manager asks to raise a rep's target (approved by the
 * region's head) and a rep asks to lower theirs (rejected by the manager). */
static enum at_status demo_locks(struct app *app, const struct org *o, const struct demo_goals *d,
                                 struct at_err *err)
{
    const struct goal *region = NULL;
    for (size_t i = 0; i < d->n_region; i++)
        if (strcmp(d->region[i].scope, "unit:华东") == 0)
            region = &d->region[i];
    struct scope_ref company = {.kind = SCOPE_COMPANY};
    int64_t director = org_head(o, &company);
    if (!region || !director)
        return AT_OK;
    act_as(app, director);
    enum at_status st = app_goal_lock(app, region->id, "年度计划已确认，锁定", err);
    const struct goal *asked[2] = {NULL, NULL};
    for (size_t r = 0; !st && r < d->n_person; r++) {
        const struct goal *g = &d->person[r];
        if (!org_contains(o, &region->ref, &g->ref))
            continue;
        st = app_goal_lock(app, g->id, "年度计划已确认，锁定", err);
        if (!asked[0])
            asked[0] = g;
        else if (!asked[1])
            asked[1] = g;
    }
    int64_t req[2] = {0, 0};
    for (int k = 0; !st && k < 2 && asked[k]; k++) {
        const struct goal *g = asked[k];
        int64_t boss = org_manager(o, g->ref.id);
        char target[40];
        scaled_target(g->target, k == 0 ? 50 : -200, target, sizeof target);
        struct goal_fields f = {.target = target};
        act_as(app, k == 0 ? (boss ? boss : director) : g->ref.id);
        st = app_goal_edit(app, g->id, &f,
                           k == 0 ? "大客户追加订单，上调目标" : "客户预算冻结，申请下调", "zh",
                           &req[k], err);
        if (!st && req[k]) {
            act_as(app, k == 0 ? org_head(o, &region->ref) : (boss ? boss : director));
            st = k == 0 ? app_request_approve(app, req[k], "同意，按新目标执行", err)
                        : app_request_reject(app, req[k], "维持原目标，安排经理陪访关键客户", err);
        }
    }
    return st;
}

enum at_status demo_loop(struct app *app, int32_t as_of, uint64_t seed, struct at_err *err)
{
    struct demo_goals d = {0};
    struct progress_options po = {0};
    char actor[sizeof app->req.actor];
    bool actor_set = app->req.actor_set;
    snprintf(actor, sizeof actor, "%s", app->req.actor);
    const struct org *o;
    uint64_t rng = seed * 0x9E3779B97F4A7C15ULL + 1;
    enum at_status st = app_goal_progress(app, &po, collect, &d, err);
    if (!st)
        st = app_org(app, &o, err);
    if (!st)
        st = demo_checkins(app, o, &d, as_of, &rng, err);
    if (!st)
        st = demo_forecast(app, o, &d, as_of, err);
    if (!st)
        st = demo_reviews(app, o, &d, as_of, err);
    if (!st)
        st = demo_scorecards(app, &d, err);
    if (!st)
        st = demo_locks(app, o, &d, err);
    free(d.person);
    snprintf(app->req.actor, sizeof app->req.actor, "%s", actor);
    app->req.actor_set = actor_set;
    return st;
}
