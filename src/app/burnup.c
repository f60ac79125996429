/* burnup.c — a goal's burn-up series (app/burnup.h): the engine's cumulative
 * actual per day, pace_compute's expected curve and the run-rate forecast. */
#include "app/burnup.h"

#include <stdlib.h>
#include <string.h>

#include "app/goals.h"
#include "app/progress.h"
#include "base/str.h"

void burnup_free(struct burnup *b)
{
    free(b->expected);
    free(b->actual);
    free(b->forecast);
    memset(b, 0, sizeof *b);
}

/* X × NUM / DEN rounded half away from zero (DEN > 0), in 128 bits. */
static int64_t mul_div(int64_t x, int64_t num, int64_t den)
{
    __int128 p = (__int128)x * num;
    __int128 q = p / den, r = p % den;
    if ((r < 0 ? -r : r) * 2 >= den)
        q += p < 0 ? -1 : 1;
    return (int64_t)q;
}

enum at_status app_goal_burnup(struct app *app, const struct goal *g, int32_t as_of,
                               enum pace_basis basis, struct burnup *out, struct at_err *err)
{
    memset(out, 0, sizeof *out);
    out->period = g->period;
    out->unit = metric_def(g->metric)->unit;
    out->target = g->target;
    int32_t days = period_days(&g->period);
    out->n_days = days > 0 ? (size_t)days : 0;
    out->expected = xcalloc(out->n_days ? out->n_days : 1, sizeof *out->expected);
    out->forecast = xcalloc(out->n_days ? out->n_days : 1, sizeof *out->forecast);
    out->actual = xcalloc(out->n_days ? out->n_days : 1, sizeof *out->actual);
    out->forecast_from = out->n_days;
    struct cal_holidays h = {0};
    enum at_status st = app_holidays(app, &h, err);
    int64_t *season = NULL;
    size_t n_season = 0;
    if (!st && basis == PACE_SEASONAL)
        st = app_goal_season(app, g, &season, &n_season, err);
    struct pace_input in = {
        .unit = out->unit,
        .additive = metric_additive(g->metric),
        .direction = g->direction,
        .target = g->target,
        .period = g->period,
        .basis = basis,
        .holidays = &h,
        .season = season,
        .n_season = n_season,
    };
    struct metric_value *elapsed = xcalloc(out->n_days ? out->n_days : 1, sizeof *elapsed);
    for (size_t i = 0; !st && i < out->n_days; i++) {
        int32_t day = g->period.start + (int32_t)i;
        in.as_of = day;
        in.actual = (struct metric_value){0};
        if (day <= as_of) {
            st = app_goal_actual(app, g, day, &out->actual[i], err);
            if (st)
                break;
            out->n_actual = i + 1;
            in.actual = out->actual[i];
        }
        struct pace_result r;
        pace_compute(&in, &r);
        out->expected[i] = r.expected;
        elapsed[i] = r.elapsed;
        /* the forecast starts on the as-of day while the period is still open */
        if (day == as_of && day < g->period.end) {
            out->forecast_from = i;
            out->forecast[out->n_days - 1] = r.forecast_run_rate;
        }
    }
    if (!st && out->forecast_from < out->n_days) {
        size_t a = out->forecast_from;
        int64_t actual = goal_value_scaled(&out->actual[a]);
        int64_t end = out->forecast[out->n_days - 1];
        const struct metric_value *wa = &elapsed[a];
        for (size_t i = a; i + 1 < out->n_days; i++) {
            const struct metric_value *w = &elapsed[i];
            if (!in.additive || !wa->defined || wa->num <= 0 || !w->defined || w->den <= 0)
                out->forecast[i] = actual;
            else /* actual × w(i) / w(a), the run rate carried on */
                out->forecast[i] = mul_div(mul_div(actual, w->num, w->den), wa->den, wa->num);
        }
        out->forecast[a] = actual;
        (void)end; /* the last day keeps the run-rate forecast itself */
    }
    free(elapsed);
    free(season);
    free(h.days);
    return st;
}
