/*
 * review.h — the review meeting (周会 / 复盘, issue 9 section 3): the agenda
 * of a scope's goals by risk, what changed since the last review, and the
 * decisions recorded at meetings.
 *
 * The agenda is gathered into a struct review_doc (io/review_render.h) by an
 * array of section builders in review.c (goals by risk, changes, decisions),
 * one function per section; the renderer has one writer per section. The
 * forecast call and open adjustment requests are two more builders and
 * writers, added when those parts land.
 */
#pragma once
#include "app/app.h"
#include "io/review_render.h"
#include "store/checkin_store.h"

struct review_options {
    const char *scope;     /* required: company, person:X, team:X, unit:X */
    const char *period;    /* goals overlapping it; NULL: the goals live on the as-of day */
    const char *as_of;     /* YYYY-MM-DD, the meeting's day; NULL: the request's day */
    const char *since;     /* YYYY-MM-DD; NULL: the previous review's meeting day */
    const char *lang;      /* "zh" or "en" */
    const char *generator; /* "attain 0.1.0"; NULL: "attain" */
};

/*
 * Fill OUT (initialised here; the caller frees it with review_doc_free, also
 * after an error) with the agenda of O.
 *
 * Goals: the live goals inside the scope (org_contains) whose period overlaps
 * O->period, else whose period holds the as-of day; figures as of that day
 * (working-day pace, as goal status). Each gets its risk signals — behind
 * (or missed), at_risk, a confidence drop (its latest check-in as of the day
 * is flagged confidence_drop), a check-in due (app_checkin_owed), sub-goals
 * that do not add up (app_goal_mismatches) — and is placed in the tier of its
 * first signal in that order (no signal: last); inside a tier the largest
 * gap to expected as a share of the target first ((expected − actual) /
 * target; lower is better: (actual − expected) / target), then by id. With
 * each: its last REVIEW_CHECKINS check-ins as of the day (newest first) and
 * its open action steps.
 *
 * Changes since SINCE (O->since, else the latest meeting day of the scope's
 * decisions before the as-of day; none: no changes section): for the goals
 * inside the scope whose period overlaps O->period (else SINCE..as-of), the
 * status as of SINCE against the status as of the day — each goal whose
 * status differs is a move; a goal achieved or met as of the day and not as
 * of SINCE is met. Decisions: the scope's decisions with a meeting day in
 * SINCE..as-of (no SINCE: up to the as-of day).
 *
 * Errors: AT_INVALID for a missing scope, a bad period or date, SINCE after
 * the as-of day; AT_NOT_FOUND for an unknown scope.
 */
enum at_status app_review(struct app *app, const struct review_options *o, struct review_doc *out,
                          struct at_err *err);

/* Record a decision of the review of SCOPE on the meeting day AS_OF
 * (YYYY-MM-DD; NULL: the request's day), by the actor, about goal GOAL (an
 * id; NULL: the scope as a whole), saying TEXT (1..1023 bytes of UTF-8).
 * Who may: the head of the scope or someone who may decide over it
 * (org_may_decide); else AT_FORBIDDEN naming the actor and the scope. The
 * goal must be inside the scope. *OUT gets the stored decision. */
/* REASON citing decision DECISION (its number as typed) into OUT: "REASON
 * (decision #ID)", the words the agenda finds the adjustments a decision
 * caused by. The decision must exist (AT_NOT_FOUND) and GOAL be inside its
 * scope (AT_INVALID naming both). */
enum at_status app_decision_cite(struct app *app, const char *decision, int64_t goal,
                                 const char *reason, char *out, size_t size, struct at_err *err);

enum at_status app_review_decide(struct app *app, const char *scope, const char *text,
                                 const char *goal, const char *as_of, struct review_decision *out,
                                 struct at_err *err);

/* The decisions of the review of SCOPE itself (not of the scopes inside it)
 * with a meeting day in SINCE..AS_OF (YYYY-MM-DD; SINCE NULL: from the first,
 * AS_OF NULL: up to the request's day), by day then id, into FN. AT_INVALID
 * for a missing scope or a bad date; unknown scopes as org_resolve says. */
enum at_status app_review_decisions(struct app *app, const char *scope, const char *since,
                                    const char *as_of, decision_fn fn, void *ctx,
                                    struct at_err *err);
