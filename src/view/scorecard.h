/*
 * view/scorecard.h — weighted scorecards as a table (`attain scorecard show`,
 * GET /api/scorecards).
 */
#pragma once
#include "app/scorecard.h"
#include "view/table.h"
#include "view/visible.h"

/* The lines of app_scorecard_show(O) whose scope VIS lets its reader see
 * (NULL: all) into OUT (initialised here; the caller frees it, also after an
 * error): scorecard, scope, period, kind (goal, score, rollup), goal, title,
 * metric, direction, weight, target, actual, attainment, counted,
 * contribution, reports. With DISPLAY_LANG NULL the cells are canonical typed
 * values; else ("en", "zh") every number is shown as people read it in that
 * language (a terminal table: targets and actuals of several units share a
 * column, so each cell is formatted here). */
enum at_status view_scorecards(struct app *app, const struct scorecard_options *o,
                               const struct view_visible *vis, const char *display_lang,
                               struct table *out, struct at_err *err);
