/*
 * view/review.h — the decisions of review meetings as a table (GET
 * /api/review/decisions; the agenda itself is io/review_render.h's document).
 */
#pragma once
#include "app/review.h"
#include "view/table.h"

/* The decisions of the review of SCOPE in SINCE..AS_OF (app_review_decisions)
 * into OUT (initialised here; the caller frees it, also after an error): id,
 * scope, meeting, goal ("" when about the scope as a whole), text, by (the
 * label of who recorded it). */
enum at_status view_review_decisions(struct app *app, const char *scope, const char *since,
                                     const char *as_of, struct table *out, struct at_err *err);
