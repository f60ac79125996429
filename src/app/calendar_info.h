/*
 * calendar_info.h — how attain reads a period (attain period): its dates, days,
 * working days from the stored holiday calendar, and its neighbours.
 */
#pragma once
#include <stdint.h>

#include "app/app.h"
#include "domain/period.h"

struct period_info {
    struct period period, previous, last_year;
    char text[PERIOD_TEXT_MAX], previous_text[PERIOD_TEXT_MAX], last_year_text[PERIOD_TEXT_MAX];
    int32_t days;
    int64_t working_days;
    int64_t holidays;       /* weekdays off in the period */
    int64_t makeup_days;    /* weekend days worked in the period */
};

/* Read EXPR as of AS_OF with the database's fiscal year and holidays (APP may
 * be NULL: no holidays, fiscal year = calendar year). */
enum at_status app_period_info(struct app *app, const char *expr, int32_t as_of,
                               struct period_info *out, struct at_err *err);
