/* api_goals.c — the API routes of goals, objectives, action steps, splits and the goal tree. */
#include "http/http.h"

const struct route api_goal_routes[] = {
    {0},
};
