/*
 * view/forecast.h — the tables of the forecast call both front ends print:
 * the stage categories, a call before it is saved, the roll-up (`attain
 * forecast show`, GET /api/forecast) and its accuracy (`attain forecast
 * accuracy`, GET /api/forecast/accuracy). Each initialises OUT (the caller
 * frees it, also after an error) with canonical typed cells in APP's
 * currency; the caller sets OUT->lang for a terminal table.
 */
#pragma once
#include "app/forecast.h"
#include "view/table.h"
#include "view/visible.h"

/* stage, deals, probability, category, rule (app_forecast_categories). */
enum at_status view_forecast_categories(struct app *app, struct table *out, struct at_err *err);

/* The call S as it will be saved, one row per figure: field, value, deals,
 * source (closed_won, commit_deals, best_case_deals, pipeline_deals,
 * default_commit, default_best_case, commit, best_case). */
void view_forecast_submission(const struct app *app, const struct forecast_submission *s,
                              struct table *out);

/* scope, quota, closed_won, commit, best_case, adjusted_commit,
 * weighted_pipeline, gap, callers (app_forecast_show), rows whose scope VIS
 * lets its reader see (NULL: all). */
enum at_status view_forecast_show(struct app *app, const struct forecast_show_options *o,
                                  const struct view_visible *vis, struct table *out,
                                  struct at_err *err);

/* scope, week, commit, actual, error, bias (app_forecast_accuracy), rows
 * whose scope VIS lets its reader see (NULL: all). */
enum at_status view_forecast_accuracy(struct app *app, const struct forecast_accuracy_options *o,
                                      const struct view_visible *vis, struct table *out,
                                      struct at_err *err);
