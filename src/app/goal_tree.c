/* goal_tree.c — the alignment tree of goals as data (see goal_tree.h). */
#include "app/goal_tree.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "base/str.h"

void goal_tree_free(struct goal_tree *t)
{
    free(t->goals);
    free(t->nodes);
    free(t->groups);
    free(t->orphans);
    memset(t, 0, sizeof *t);
}

/* progress_fn: keep a copy of P. */
static enum at_status keep_goal(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct goal_tree *t = ctx;
    if ((t->n_goals & (t->n_goals - 1)) == 0) /* 0, 1, 2, 4 ...: grow to the next power */
        t->goals = xrealloc(t->goals, (t->n_goals ? 2 * t->n_goals : 1) * sizeof *t->goals);
    t->goals[t->n_goals++] = *p;
    return AT_OK;
}

/* objective_fn: add a group for O. */
static enum at_status keep_objective(const struct objective *o, void *ctx, struct at_err *err)
{
    (void)err;
    struct goal_tree *t = ctx;
    if ((t->n_groups & (t->n_groups - 1)) == 0)
        t->groups = xrealloc(t->groups, (t->n_groups ? 2 * t->n_groups : 1) * sizeof *t->groups);
    memset(&t->groups[t->n_groups], 0, sizeof t->groups[t->n_groups]);
    t->groups[t->n_groups++].objective = *o;
    return AT_OK;
}

/* Index of the goal with ID in T, or T->n_goals. Goals are in id order. */
static size_t find(const struct goal_tree *t, int64_t id)
{
    size_t lo = 0, hi = t->n_goals;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->goals[mid].goal.id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n_goals && t->goals[lo].goal.id == id ? lo : t->n_goals;
}

/* Append goal I and its sub-goals (depth first) to the nodes. */
static void add_subtree(struct goal_tree *t, bool *shown, size_t i, int depth)
{
    shown[i] = true;
    t->nodes[t->n_nodes++] = (struct goal_tree_node){i, depth};
    for (size_t k = 0; k < t->n_goals; k++)
        if (!shown[k] && t->goals[k].goal.parent == t->goals[i].goal.id)
            add_subtree(t, shown, k, depth < GOAL_TREE_MAX_DEPTH ? depth + 1 : depth);
}

enum at_status app_goal_tree(struct app *app, const struct progress_options *o,
                             struct goal_tree *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    enum at_status st = app_goal_progress(app, o, keep_goal, out, err);
    if (!st)
        st = app_objectives(app, keep_objective, out, err);
    if (st)
        return st;
    /* the group with no objective, last */
    keep_objective(&(struct objective){0}, out, NULL);
    size_t n = out->n_goals;
    out->nodes = xcalloc(n ? n : 1, sizeof *out->nodes);
    out->orphans = xcalloc(n ? n : 1, sizeof *out->orphans);
    bool *shown = xcalloc(n ? n : 1, sizeof *shown);
    bool *root = xcalloc(n ? n : 1, sizeof *root);
    for (size_t i = 0; i < n; i++) {
        const struct goal *g = &out->goals[i].goal;
        root[i] = !g->parent || find(out, g->parent) == n;
        if (!g->parent && !g->objective)
            out->orphans[out->n_orphans++] = g->id;
    }
    size_t none = out->n_groups - 1;
    for (size_t k = 0; k < out->n_groups; k++) {
        struct goal_tree_group *gr = &out->groups[k];
        gr->first = out->n_nodes;
        for (size_t i = 0; i < n; i++) {
            if (!root[i] || shown[i])
                continue;
            int64_t obj = out->goals[i].goal.objective;
            bool listed = false;
            for (size_t x = 0; x < none && !listed; x++)
                listed = out->groups[x].objective.id == obj;
            bool here = k == none ? !listed : obj == gr->objective.id;
            if (here)
                add_subtree(out, shown, i, 0);
        }
        if (k == none) /* goals in a cycle of parents: none of them is a root */
            for (size_t i = 0; i < n; i++)
                if (!shown[i])
                    add_subtree(out, shown, i, 0);
        gr->n = out->n_nodes - gr->first;
    }
    if (out->groups[none].n == 0)
        out->n_groups--;
    free(shown);
    free(root);
    return AT_OK;
}
