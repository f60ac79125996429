/* calendar_info.c — the facts of one period, for attain period. */
#include "app/calendar_info.h"

#include <stdlib.h>

enum at_status app_period_info(struct app *app, const char *expr, int32_t as_of,
                               struct period_info *out, struct at_err *err)
{
    int fiscal = app ? app->fiscal_start_month : 1;
    enum at_status st = period_parse(expr, as_of, fiscal, &out->period, err);
    if (st)
        return st;
    struct cal_holidays h = {0};
    if (app && (st = app_holidays(app, &h, err)))
        return st;
    const struct period *p = &out->period;
    out->previous = period_previous(p);
    out->last_year = period_last_year(p);
    period_format(p, out->text);
    period_format(&out->previous, out->previous_text);
    period_format(&out->last_year, out->last_year_text);
    out->days = period_days(p);
    out->working_days = cal_working_days(&h, p->start, p->end);
    out->holidays = out->makeup_days = 0;
    for (size_t i = 0; i < h.n_days; i++) {
        int32_t d = h.days[i].date;
        if (d < p->start || d > p->end)
            continue;
        bool weekend = cal_weekday(d) >= 6;
        if (h.days[i].kind == CAL_HOLIDAY && !weekend)
            out->holidays++;
        if (h.days[i].kind == CAL_WORKDAY && weekend)
            out->makeup_days++;
    }
    free(h.days);
    return AT_OK;
}
