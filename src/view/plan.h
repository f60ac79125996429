/*
 * plan.h — the goal plan document (attain plan, GET /api/plan) as the bytes
 * both front ends send: app_plan gathered, io/plan_render written.
 */
#pragma once
#include "app/plan.h"
#include "base/str.h"

/* The document's bytes are capped: a plan of thousands of goals is a few MB. */
#define VIEW_PLAN_LIMIT ((size_t)256 << 20)

/* The plan of O in FMT (Markdown or HTML) appended to OUT (a buffer the caller
 * made and frees; give it VIEW_PLAN_LIMIT or less). Errors: those of app_plan
 * and plan_render. */
enum at_status view_plan(struct app *app, const struct plan_options *o, enum plan_format fmt,
                         struct buf *out, struct at_err *err);
