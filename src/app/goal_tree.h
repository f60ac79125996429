/*
 * goal_tree.h — the alignment tree of goals (attain goal tree) as data: which
 * goals are roots, what is a child, which goals are orphans, and how they are
 * grouped under the strategy objectives. The rules live here, once; the front
 * ends only render the result (docs/goals.md, "Reports").
 */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/progress.h"
#include "store/goal_store.h"

/* One line of the tree: goal GOALS[GOAL] at DEPTH (0 for a root). */
struct goal_tree_node {
    size_t goal;
    int depth;
};

/* The roots under one strategy objective and their sub-goals: NODES[FIRST ..
 * FIRST + N), depth first. OBJECTIVE.id is 0 for the group of goals under no
 * (listed) objective. */
struct goal_tree_group {
    struct objective objective;
    size_t first, n;
};

struct goal_tree {
    struct goal_progress *goals; /* the goals of the tree with their figures, in id order */
    size_t n_goals;
    struct goal_tree_node *nodes; /* every goal exactly once, group by group */
    size_t n_nodes;
    struct goal_tree_group *groups; /* every live objective (also with no goals), in id order,
                                       then the group with no objective when it has goals */
    size_t n_groups;
    int64_t *orphans; /* ids of the goals with no parent and no objective, in id order */
    size_t n_orphans;
};

/* Deepest nesting shown; deeper sub-goals are shown at this depth. */
#define GOAL_TREE_MAX_DEPTH 32

/*
 * The tree of the live goals matching O (app_goal_progress: scope, period,
 * as-of, basis), with their figures. THE RULES:
 *  - a child of goal G is a goal of the tree whose parent is G (over time or
 *    over the organisation alike), children in id order;
 *  - a root is a goal whose parent is not in the tree (it has none, or its
 *    parent lies outside O's scope or period);
 *  - a root is shown under its strategy objective when that objective is
 *    listed, else in the group with no objective; its sub-goals go with it,
 *    whatever objective they carry, so every goal is shown exactly once;
 *  - goals caught in a cycle of parents (none of them a root) are shown as
 *    roots of the group with no objective, so none is lost;
 *  - an orphan is a goal with no parent and no objective.
 * Caller frees OUT with goal_tree_free (also after an error).
 */
enum at_status app_goal_tree(struct app *app, const struct progress_options *o,
                             struct goal_tree *out, struct at_err *err);
void goal_tree_free(struct goal_tree *t);
