/* period.c — a period as the front ends show it (view/period.h). */
#include "view/period.h"

json_t *view_period_json(const struct period_info *pi)
{
    char start[CAL_DATE_LEN], end[CAL_DATE_LEN];
    cal_format(pi->period.start, start);
    cal_format(pi->period.end, end);
    json_t *o = json_object();
    json_object_set_new(o, "period", json_string(pi->text));
    json_object_set_new(o, "start", json_string(start));
    json_object_set_new(o, "end", json_string(end));
    json_object_set_new(o, "days", json_integer(pi->days));
    json_object_set_new(o, "working_days", json_integer(pi->working_days));
    json_object_set_new(o, "holidays", json_integer(pi->holidays));
    json_object_set_new(o, "makeup_days", json_integer(pi->makeup_days));
    json_object_set_new(o, "previous", json_string(pi->previous_text));
    json_object_set_new(o, "last_year", json_string(pi->last_year_text));
    return o;
}
