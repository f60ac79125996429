/*
 * check.h — the SMART check of a goal (attain goal check, and on every add and
 * edit): the five letters with reasons, and the achievability verdict behind
 * the A, judged from the scope's history, peers, funnel, capacity and pipeline.
 */
#pragma once
#include <stdbool.h>

#include "app/app.h"
#include "domain/achieve.h"
#include "domain/goal.h"
#include "domain/smart.h"
#include "store/goal_store.h"

struct goal_check {
    struct smart_result smart;
    struct achieve_result achieve;
    bool judged; /* achievability was judged (a metric, scope and period are known) */
};

/* Check G. PRESENT says which parts a sentence left out (for stored goals all
 * are present); VAGUE is the sentence parser's finding. */
struct check_parts {
    bool metric, scope, period, target, vague;
};
enum at_status app_goal_check(struct app *app, const struct goal *g, const struct goal_meta *meta,
                              const struct check_parts *present, const char *lang, int32_t as_of,
                              struct goal_check *out, struct at_err *err);
