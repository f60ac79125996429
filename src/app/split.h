/*
 * split.h — decomposition (目标分解): a goal split over time (quarters,
 * months, ISO weeks) or over the organisation (members, child units) by a
 * method (even, days, working, seasonal, history, capacity, manual), with
 * exact rounding; and reconciliation of parents whose children do not add up.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "domain/goal.h"

struct split_part {
    struct goal goal; /* the child goal, ready to store */
    int64_t weight;   /* the weight it got (method's unit) */
};

struct split_plan {
    struct goal parent;
    struct split_part *parts;
    size_t n_parts;
    char method[16], over[16];
    bool copies; /* a ratio or score: every child keeps the parent's target */
    /* What the parts add up to under the one rule (docs/goals.md): the
     * parent's target; after a rebalance (and in a reconcile of a rebalanced
     * parent, whose parts are then the open sub-goals only) what remains of
     * it, the target less CLOSED_ACTUAL, the actual of the closed sub-periods. */
    int64_t want;
    bool rebalanced;
    int64_t closed_actual;
    /* split: lock the parent and every sub-goal when saved (the actor must
     * be able to decide over the parent's scope, app/adjust.h) */
    bool lock;
    /* rebalance, reconcile: the change touched a locked goal's target, so it
     * was kept as this pending request and nothing was written (else 0) */
    int64_t request_id;
};

/* Work out the split of goal ID (nothing stored). VALUES: manual values or
 * percentages, comma separated. Caller frees with split_plan_free. */
enum at_status app_goal_split_plan(struct app *app, int64_t id, const char *over,
                                   const char *method, const char *values, struct split_plan *out,
                                   struct at_err *err);
/* Store the children of PLAN in one transaction, with REASON (required) in
 * each one's history. They inherit the parent's objective (in PLAN) and its
 * check-in cadence; a split over time forgets an earlier rebalance. The
 * parent's and the children's targets become their original targets unless
 * they have one (the first plan wins); with PLAN->lock all of them are locked. */
enum at_status app_goal_split_save(struct app *app, struct split_plan *plan, const char *reason,
                                   struct at_err *err);
void split_plan_free(struct split_plan *p);

/* A parent whose children's targets do not add up to its own. */
struct mismatch {
    struct goal parent;
    bool over_time;       /* the sub-goals over time (same scope), else over the org */
    int64_t children_sum; /* ×10^4: the sub-goals that count (after a rebalance: the open ones) */
    size_t n_children;    /* how many count */
    int64_t want;         /* ×10^4: what they must add up to (the target, or what remains) */
    bool rebalanced;      /* over time, after a rebalance: CLOSED_ACTUAL is set */
    int64_t closed_actual;
};
typedef enum at_status (*mismatch_fn)(const struct mismatch *m, void *ctx, struct at_err *err);
/* Every live parent of an additive metric whose live children do not add up
 * (split_time_adds_up over time; Σ children == target over the org). */
enum at_status app_goal_mismatches(struct app *app, mismatch_fn fn, void *ctx, struct at_err *err);

/* Spread the gap of parent ID (what its children must add up to less what
 * they do) over the children that count by METHOD (even, history: last
 * year's share, capacity); after a rebalance the closed sub-goals keep their
 * values. With SAVE the new targets are stored with REASON (required) in the
 * history (or, when a child is locked, kept as one pending request: the
 * plan's request_id), else only proposed. The children and their new targets go to the
 * plan (caller frees). */
enum at_status app_goal_reconcile(struct app *app, int64_t id, const char *method, bool save,
                                  const char *reason, struct split_plan *out, struct at_err *err);
/* The same for the sub-goals over OVER ("time" or "org"; NULL: the set that
 * does not add up). */
enum at_status app_goal_reconcile_over(struct app *app, int64_t id, const char *method,
                                       const char *over, bool save, const char *reason,
                                       struct split_plan *out, struct at_err *err);

/* Rebalance goal ID as of AS_OF (YYYY-MM-DD; NULL: the request's day, app_day): a sub-period
 * ending on or before AS_OF is closed and keeps its target; the target less
 * the actual of the closed sub-periods (whole minor units or counts; 0 when
 * below 0) is spread over the open ones by METHOD (even, days, working,
 * seasonal: the same sub-periods last year, history: the same sub-periods of
 * the goal's base period). With SAVE stored with REASON (required; old values
 * stay in the history; when a changed sub-goal is locked, kept as one pending
 * request instead: OUT->request_id) and the rebalance is remembered on the parent, so that
 * reconcile accepts exactly this (split_time_adds_up). */
enum at_status app_goal_rebalance(struct app *app, int64_t id, const char *method,
                                  const char *as_of, bool save, const char *reason,
                                  struct split_plan *out, int64_t **old_targets,
                                  struct at_err *err);
