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
    struct goal goal;   /* the child goal, ready to store */
    int64_t weight;     /* the weight it got (method's unit) */
};

struct split_plan {
    struct goal parent;
    struct split_part *parts;
    size_t n_parts;
    char method[16], over[16];
    bool copies; /* a ratio or score: every child keeps the parent's target */
};

/* Work out the split of goal ID (nothing stored). VALUES: manual values or
 * percentages, comma separated. Caller frees with split_plan_free. */
enum at_status app_goal_split_plan(struct app *app, int64_t id, const char *over,
                                   const char *method, const char *values,
                                   struct split_plan *out, struct at_err *err);
/* Store the children of PLAN in one transaction. */
enum at_status app_goal_split_save(struct app *app, struct split_plan *plan, struct at_err *err);
void split_plan_free(struct split_plan *p);

/* A parent whose children's targets do not add up to its own. */
struct mismatch {
    struct goal parent;
    bool over_time;       /* the sub-goals over time (same scope), else over the org */
    int64_t children_sum; /* ×10^4 */
    size_t n_children;
};
typedef enum at_status (*mismatch_fn)(const struct mismatch *m, void *ctx, struct at_err *err);
/* Every live parent of an additive metric whose live children's targets differ
 * from its target. */
enum at_status app_goal_mismatches(struct app *app, mismatch_fn fn, void *ctx,
                                   struct at_err *err);

/* Spread the gap of parent ID over its children by METHOD (even, history:
 * last year's share, capacity); with SAVE the new targets are stored (with
 * history), else only proposed. The children and their new targets go to the
 * plan (caller frees). */
enum at_status app_goal_reconcile(struct app *app, int64_t id, const char *method, bool save,
                                  struct split_plan *out, struct at_err *err);
/* The same for the sub-goals over OVER ("time" or "org"; NULL: the set that
 * does not add up). */
enum at_status app_goal_reconcile_over(struct app *app, int64_t id, const char *method,
                                       const char *over, bool save, struct split_plan *out,
                                       struct at_err *err);

/* Rebalance goal ID as of AS_OF: the target minus the actual of its closed
 * sub-periods is spread over the sub-goals not yet closed, by METHOD (even,
 * days, working); with SAVE stored (old values stay in the history). */
enum at_status app_goal_rebalance(struct app *app, int64_t id, const char *method,
                                  const char *as_of, bool save, struct split_plan *out,
                                  int64_t **old_targets, struct at_err *err);
