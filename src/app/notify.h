/*
 * notify.h — alerts (attain notify): rules evaluated over the goals as of a
 * day, each alert recorded once per goal, rule and period (a unique key in
 * the store, so running twice sends nothing new), written in the same
 * transaction as its outbox messages — one per channel whose scope holds the
 * goal, in the channel's language — and then delivered; a failed delivery
 * is retried with backoff (1, 2, 4 … minutes, at most a day) by the next
 * `notify run` or `notify deliver`, so a receiver that is down loses nothing.
 *
 * Rules are rows of a table (notify.c: alert_rules[]): each evaluates the
 * run and emits candidates with notify_emit, and writes its own messages. On
 * by default:
 *   at_risk, behind   a live goal whose status as of the run day is at_risk
 *                     (behind) and was something else at the last run
 *                     (alert_state; a first run counts as a change); a goal
 *                     recovering from behind to at_risk is not alerted
 *   milestone_50/90/100  a live higher-is-better goal reaching 50, 90, 100 %
 *                     attainment; reaching several at once sends the highest
 *                     and records the lower ones (suppressed)
 *   period_end        the period ended (at most 31 days before the run day):
 *                     the verdict met or missed with the final attainment
 * (Check-ins overdue and locked-goal requests waiting come with those
 * tables: they are more rows of the table.)
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/progress.h"
#include "base/str.h"
#include "store/alert_store.h"

struct notify_options {
    const char *as_of; /* the run day, YYYY-MM-DD; NULL = today */
    bool dry_run;      /* evaluate and list; write and send nothing */
    bool retry_now;    /* deliver every pending message, even one waiting for its retry time */
};

/* An alert a run found that was not recorded before. */
struct notify_alert {
    int64_t goal_id;
    const char *rule, *detail, *period, *scope, *title;
    size_t n_messages; /* outbox messages written (in a dry run: that would be) */
    bool suppressed;   /* a lower milestone passed with a higher one: recorded, not sent */
};
typedef enum at_status (*notify_alert_fn)(const struct notify_alert *a, void *ctx,
                                          struct at_err *err);

struct notify_result {
    size_t alerts;  /* new alerts (suppressed ones included) */
    size_t queued;  /* outbox messages written */
    size_t sent;    /* delivered in this call */
    size_t failed;  /* attempts that failed in this call (kept for a retry) */
    size_t waiting; /* still pending after this call */
};

/* Evaluate every rule as of the run day, record the new alerts with their
 * outbox messages (one transaction), then deliver what is due. FN (may be
 * NULL) hears of each new alert. Errors of delivery are counted in *R, not
 * returned (they are recorded on the message). */
enum at_status app_notify_run(struct app *app, const struct notify_options *o, notify_alert_fn fn,
                              void *ctx, struct notify_result *r, struct at_err *err);
/* Deliver the pending messages that are due (every pending one with RETRY_NOW). */
enum at_status app_notify_deliver(struct app *app, bool retry_now, struct notify_result *r,
                                  struct at_err *err);
/* The outbox, in id order: all messages, or only FAILED ones (pending after a
 * failed attempt). */
enum at_status app_notify_list(struct app *app, bool failed, outbox_fn fn, void *ctx,
                               struct at_err *err);

/* Write one message per channel whose scope holds SCOPE into the outbox (in
 * the caller's transaction): SUBJECT and BODY made per channel language by
 * MAKE. *N receives the number written. For digests and other senders. */
typedef void (*notify_make_fn)(const char *lang, struct buf *subject, struct buf *body, void *ctx);
enum at_status app_notify_queue(struct app *app, const struct scope_ref *scope, int64_t alert_id,
                                const char *what, const char *link, notify_make_fn make, void *ctx,
                                size_t *n, struct at_err *err);

/* ---- the rule interface ------------------------------------------------------ */

struct notify_run; /* one run: the day, the goals and their figures, the channels */

/* What a rule emits: a goal (with its figures as of the run day), the rule
 * key stored in the alerts table, a detail and whether it is only recorded. */
struct alert_candidate {
    const struct goal_progress *p;
    const char *rule;
    char detail[64];
    bool suppressed;
    /* what the alert is once per, with the goal and the rule: "" = the goal's
     * period; a check-in overdue: the week or month owed ("2026-W48"); a
     * request waiting: the request ("request-12") */
    char once_per[PERIOD_TEXT_MAX];
};

struct alert_rule {
    const char *name; /* for documentation and listings */
    /* look at the run and emit candidates (notify_emit) */
    enum at_status (*eval)(struct notify_run *run, struct at_err *err);
    /* the message of candidate C in LANG: a subject line and body lines */
    void (*message)(const struct notify_run *run, const struct alert_candidate *c, const char *lang,
                    struct buf *subject, struct buf *body);
};

int32_t notify_run_day(const struct notify_run *run);
struct app *notify_run_app(const struct notify_run *run);
/* The live goals of the run (not archived) with their figures as of the run day. */
size_t notify_run_goals(const struct notify_run *run, const struct goal_progress **goals);
/* The status of goal ID at the last run ("" when never seen). */
const char *notify_run_last_status(const struct notify_run *run, size_t goal_index);
/* Record C unless it exists (goal, rule, period) and queue its messages. */
enum at_status notify_emit(struct notify_run *run, const struct alert_candidate *c,
                           struct at_err *err);
