/*
 * goal.h — the tables of the goal answers both front ends print: goal status,
 * the alignment tree, one goal's fields, its history and action steps, a
 * split or reconcile plan, the mismatches and the objectives. The command
 * line (cli/cmd_goal.c) prints them; the API (http/api_goals.c) sends the
 * same rows as JSON, so `goal status --format json` and GET /api/goals/status
 * answer with the same objects.
 *
 * PEOPLE selects the terminal table's form (cells shown for people in LANG,
 * fewer columns); without it a table holds the canonical cells of the CSV and
 * JSON forms. Every builder initialises OUT (free it with table_free, also
 * after an error).
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "app/burnup.h"
#include "app/check.h"
#include "app/goal_tree.h"
#include "app/progress.h"
#include "app/split.h"
#include "view/table.h"

/* Which goals a list keeps (a front end's visibility rule): KEEP(G, CTX)
 * true keeps G. A NULL filter (or KEEP) keeps every goal. */
struct view_goal_filter {
    bool (*keep)(const struct goal *g, void *ctx);
    void *ctx;
};

/* `goal status`: one row per goal matching O. The CSV/JSON columns (an
 * interface): id title scope period metric target actual attainment expected
 * pace forecast status gap required_run_rate coverage forecast_pipeline
 * elapsed; for people the first twelve, figures and status shown in LANG. */
enum at_status view_goal_status(struct app *app, const struct progress_options *o, bool people,
                                const char *lang, const struct view_goal_filter *f,
                                struct table *out, struct at_err *err);

/* The status table (the seventeen CSV/JSON columns) of the one goal P (its
 * figures from app_goal_progress_one: an archived goal too). */
void view_goal_status_of(struct app *app, const struct goal_progress *p, const char *lang,
                         struct table *out);

/* `goal tree` of TREE (app_goal_tree): for machines one row per kept node in
 * node order (depth id parent objective title scope period metric target
 * actual attainment status); for people a heading row per objective group and
 * the goals indented under it (goal scope period target actual attainment
 * status). */
void view_goal_tree(struct app *app, const struct goal_tree *tree, bool people, const char *lang,
                    const struct view_goal_filter *f, struct table *out);

/* One goal's fields as name/value rows (field value): id title sentence
 * metric scope period target growth baseline direction parent objective
 * filter cadence archived. M may be NULL. */
void view_goal_fields(struct app *app, const struct goal *g, const struct goal_meta *m,
                      const char *lang, struct table *out);

/* Goal ID's history (at field old new reason by). */
enum at_status view_goal_history(struct app *app, int64_t id, const char *lang, struct table *out,
                                 struct at_err *err);

/* Action steps of goal GOAL_ID, 0 = every goal (id what owner due done driver). */
enum at_status view_goal_actions(struct app *app, int64_t goal_id, const char *lang,
                                 struct table *out, struct at_err *err);

/* The parts of a split, rebalance or reconcile plan (scope period share target
 * [old]) and a "total" row; OLD_TARGETS (may be NULL) adds the old column.
 * For people the share is a percentage. */
void view_split_plan(struct app *app, const struct split_plan *p, bool people, const char *lang,
                     const int64_t *old_targets, struct table *out);

/* Parents whose sub-goals do not add up (id scope period metric over target
 * children_sum gap children closed_actual). */
enum at_status view_goal_mismatches(struct app *app, const char *lang,
                                    const struct view_goal_filter *f, struct table *out,
                                    struct at_err *err);

/* The strategy objectives (id title description). */
enum at_status view_objectives(struct app *app, const char *lang, struct table *out,
                               struct at_err *err);

/* A burn-up series (app/burnup.h) as one row per day of the period: day
 * (YYYY-MM-DD), expected, actual (empty after the as-of day), forecast (empty
 * before it); cells canonical in the metric's unit. */
void view_goal_burnup(struct app *app, const struct burnup *b, const char *lang, struct table *out);

/* The SMART letters and the achievability verdict of C as JSON (`goal check
 * --format json`): {"smart":{"S":{"ok","reason"},…},"score",
 * "achievability":{"verdict","reasons","thin_history"} (when judged),
 * "understood","missing" (when not NULL)}. Caller owns it. */
json_t *view_goal_check_json(const struct goal_check *c, const char *understood,
                             const char *missing);

/* A canonical cell of a metric of UNIT shown for people in LANG (caller frees). */
char *view_metric_cell(enum metric_unit unit, const char *value, const char *currency,
                       const char *lang);
