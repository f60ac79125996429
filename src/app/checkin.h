/*
 * checkin.h — check-ins (进度检查, issue 9 section 1): a dated progress
 * report on a goal with confidence, blockers and next steps, and a frozen
 * copy of the goal's live figures as of that day; acknowledgement by a
 * manager; the flags; who owes a check-in (by the goal's cadence).
 *
 * Who may: check in — the goal's owner, anyone inside its team or unit, or
 * someone above its head (org_may_report); acknowledge — someone above the
 * check-in's author (org_is_above). Refusals are AT_FORBIDDEN naming the
 * actor and the goal or check-in. The actor is app->req.actor (app_actor).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/goal.h"
#include "store/checkin_store.h"

/* What a person types for `checkin add` (NULL: not given). */
struct checkin_add_options {
    const char *goal;       /* the goal id */
    const char *confidence; /* "0".."10" */
    const char *note, *blockers, *next;
    const char *as_of; /* YYYY-MM-DD; NULL: the request's day (app_day); not after today */
};

/* Record a check-in of the actor on a goal with the goal's figures as of the
 * day (pace on working days, as goal status), flagged by domain/checkin.h's
 * rules against the actor's previous check-in on the goal. Bad input (goal,
 * confidence, date, text over CHECKIN_TEXT_MAX − 1 bytes or not UTF-8, an
 * archived goal): AT_INVALID / AT_NOT_FOUND and nothing written. *OUT gets
 * the stored check-in. */
enum at_status app_checkin_add(struct app *app, const struct checkin_add_options *o,
                               struct checkin *out, struct at_err *err);

/* Acknowledge check-in ID (text) as the actor with COMMENT (may be NULL), as
 * of the request's day. AT_FORBIDDEN unless the actor stands above the
 * author; AT_CONFLICT when already acknowledged. */
enum at_status app_checkin_ack(struct app *app, const char *id, const char *comment,
                               struct checkin *out, struct at_err *err);

/* A check-in as listed: the record and the labels of its goal and people. */
struct checkin_row {
    struct checkin c;
    char goal_scope[GOAL_SCOPE_MAX]; /* the goal's scope label */
    char goal_title[GOAL_TITLE_MAX];
    char by[128];       /* the author's label ("张三", "张伟#E102") */
    char acked_by[128]; /* "" when not acknowledged */
};
typedef enum at_status (*checkin_row_fn)(const struct checkin_row *r, void *ctx,
                                         struct at_err *err);

struct checkin_list_options {
    const char *goal;  /* one goal id; NULL: every goal */
    const char *scope; /* goals inside this scope (org_contains); NULL: all */
    const char *since; /* YYYY-MM-DD: check-ins made as of this day or later */
};
/* The check-ins matching O, by day then id. */
enum at_status app_checkin_list(struct app *app, const struct checkin_list_options *o,
                                checkin_row_fn fn, void *ctx, struct at_err *err);

/* A goal that owes a check-in as of a day. */
struct checkin_due {
    struct goal goal;
    char cadence[16];     /* "weekly" (also when not set), "biweekly", "monthly" */
    int32_t window_start; /* the check-in must be made as of this day or later */
    int32_t last;         /* the goal's latest check-in as of the day, 0 when none */
    int64_t owes_id;      /* who owes it: the owner of a person goal, the head of a
                             team, unit or company goal (org_head); 0 when nobody */
    char owes[128];       /* their label, "" when nobody */
};
typedef enum at_status (*checkin_due_fn)(const struct checkin_due *d, void *ctx,
                                         struct at_err *err);
/* The live goals inside SCOPE (NULL: all) that owe a check-in as of AS_OF
 * (YYYY-MM-DD; NULL: the request's day), in goal id order: the period has
 * started and not ended, the cadence is not none, and no check-in on the
 * goal (by anyone) is dated in window_start..AS_OF (checkin_window_start). */
enum at_status app_checkin_due(struct app *app, const char *scope, const char *as_of,
                               checkin_due_fn fn, void *ctx, struct at_err *err);

/* Does goal G with CADENCE owe a check-in as of DAY? *WINDOW and *LAST as in
 * struct checkin_due. The rule app_checkin_due and the review agenda share. */
enum at_status app_checkin_owed(struct app *app, const struct goal *g, const char *cadence,
                                int32_t day, bool *owed, int32_t *window, int32_t *last,
                                struct at_err *err);
