/*
 * plan.h — the goal plan use case (attain plan): gather everything the plan
 * document (销售目标管理计划) says about the goals of a scope and a period —
 * strategy objectives, SMART checks, breakdowns, action steps, review
 * cadences, adjustments and where each goal stands — into a struct plan_doc
 * that io/plan_render.h writes as Markdown or HTML.
 */
#pragma once
#include "app/app.h"
#include "domain/goal.h"
#include "io/plan_render.h"

struct plan_options {
    const char *scope;     /* goals whose scope lies inside this one; NULL = company */
    const char *period;    /* goals whose period overlaps this one; required */
    const char *as_of;     /* YYYY-MM-DD; NULL = today */
    const char *lang;      /* "zh" or "en" (the reasons, names and headings) */
    const char *generator; /* "attain 0.1.0", for the title block; NULL = "attain" */
};

/*
 * Fill OUT (initialised here; the caller frees it with plan_doc_free, also
 * after an error) with the plan of O: the live goals inside O->scope (scope
 * containment of the engine: a unit holds its subtree, a team its manager's
 * reports) whose period overlaps O->period, in id order, each with its
 * figures as of O->as_of (working-day pace, as attain goal status); a goal
 * is top-level when its parent is not among them, and only top-level goals
 * get the SMART check. Every strategy objective is listed. Breakdowns: a
 * goal whose children (among the plan's goals) have other periods gets a
 * table over time, nested through the children's own time children (year →
 * quarters → months); a goal whose children share its period but not its
 * scope gets a table over the team. The consistency check (parents whose
 * children's targets do not add up) is attached to the tables that hold
 * those parents. Adjustments are the recorded changes other than creation.
 * Errors: AT_INVALID for a missing or unreadable period or date; AT_NOT_FOUND
 * for an unknown scope; the store's and engine's errors.
 */
enum at_status app_plan(struct app *app, const struct plan_options *o, struct plan_doc *out,
                        struct at_err *err);

/*
 * The burn-up of goal G (as app_goal_progress gives it) as of AS_OF into
 * OUT: G's figures with working-day pace on the days of its period from its
 * start in steps of ceil(days / 30) days, its last day and the as-of day —
 * the expected value on each (target × the elapsed share of working days,
 * domain/pace.h) and the actual (app_goal_actual: as known on that day) on
 * those through AS_OF, "" after it. At most PLAN_BURNUP_POINTS.
 * The figures on the as-of day are the ones attain goal status shows.
 * (When app/burnup.h lands, this is where its series would be copied in.)
 */
enum at_status app_plan_burnup(struct app *app, const struct goal *g, int32_t as_of,
                               struct plan_burnup *out, struct at_err *err);
