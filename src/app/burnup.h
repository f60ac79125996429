/*
 * burnup.h — a goal's burn-up series (the chart of the dashboard and the goal
 * page, GET /api/goals/{id}/burnup): per day of its period the cumulative
 * actual through the as-of day, the expected curve to the end (pace_compute's
 * expected: target × elapsed share, in working days or by the seasonal
 * profile, the target itself for a non-additive metric), and a forecast line
 * from the as-of day to the end that ends at the goal's run-rate forecast.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/goal.h"
#include "domain/metric.h"
#include "domain/pace.h"

struct burnup {
    struct period period;
    enum metric_unit unit;
    int64_t target;              /* ×10^4 */
    size_t n_days;               /* the days of the period, day i = period.start + i */
    int64_t *expected;           /* n_days, ×10^4: what should be done by the end of day i */
    struct metric_value *actual; /* n_actual: the cumulative actual through day i, for the
                                    days from the start through the as-of day (none when
                                    the as-of day is before the period) */
    size_t n_actual;
    int64_t *forecast;    /* n_days, ×10^4: meaningful from index forecast_from on */
    size_t forecast_from; /* the as-of day's index; n_days when there is no forecast
                             (the as-of day outside the period, or its last day passed) */
};

/* The burn-up of G as of AS_OF with BASIS (PACE_WORKING_DAYS by default in
 * the front ends; PACE_SEASONAL uses last year's days). The forecast line
 * runs from the actual on the as-of day to the run-rate forecast (pace.h)
 * on the last day: actual × w(day) / w(as-of) for an additive goal, the
 * actual itself for the others. Caller frees OUT with burnup_free (also
 * after an error). */
enum at_status app_goal_burnup(struct app *app, const struct goal *g, int32_t as_of,
                               enum pace_basis basis, struct burnup *out, struct at_err *err);
void burnup_free(struct burnup *b);
