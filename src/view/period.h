/*
 * period.h — how attain reads a period expression (attain period, GET
 * /api/periods) as one JSON object both front ends print.
 */
#pragma once
#include <jansson.h>

#include "app/calendar_info.h"

/* PI as {"period","start","end","days","working_days","holidays",
 * "makeup_days","previous","last_year"} (dates YYYY-MM-DD). Caller owns it. */
json_t *view_period_json(const struct period_info *pi);
