/*
 * adjust.h — adjustments with approval (调整): locking goals, the original
 * plan (baseline) next to the current one, change requests approved or
 * rejected by someone above the goal's owner, and moving a leaving rep's
 * remaining target to the others (reassign). docs/reviews.md has the rules.
 *
 * A change to a locked goal's target, period or scope (its owner) is never
 * written directly: the whole change (every goal it writes) becomes one
 * pending request. Approving it writes it through the same code path as an
 * unlocked change (app_goal_write: one history line per changed field), with
 * the approver as the actor and the request id in the reason. A request
 * whose goals changed since it was made is stale and is refused.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/goal.h"
#include "store/adjust_store.h"
#include "store/goal_store.h"

/* Lock goal ID (REASON optional): the actor (--as) must be someone who may
 * decide over the goal's scope (org_may_decide), else AT_FORBIDDEN. Its
 * target becomes its original target unless it has one. AT_CONFLICT when it
 * is locked already. */
enum at_status app_goal_lock(struct app *app, int64_t id, const char *reason, struct at_err *err);
/* Unlock goal ID: the same rule; AT_CONFLICT when it is not locked. */
enum at_status app_goal_unlock(struct app *app, int64_t id, const char *reason, struct at_err *err);
/* Is goal ID locked? */
enum at_status app_goal_locked(struct app *app, int64_t id, bool *locked, struct at_err *err);
/* The lock of goal ID into OUT (who, day, reason) when *LOCKED. */
enum at_status app_goal_lock_get(struct app *app, int64_t id, bool *locked, struct goal_lock *out,
                                 struct at_err *err);

/* Lock every goal of IDS[0..N) in the caller's transaction, without the
 * authority check (the caller made it: a split --lock). */
enum at_status adjust_lock_all(struct app *app, const int64_t *ids, size_t n, const char *reason,
                               struct at_err *err);
/* Keep TARGET as goal ID's original target unless it has one (caller's
 * transaction); ORIGIN says what made the plan ("split:4", "lock"). */
enum at_status adjust_keep_original(struct app *app, int64_t id, int64_t target, const char *origin,
                                    struct at_err *err);

/* "original" or "current" (NULL: current) into *ORIGINAL. */
enum at_status adjust_plan_parse(const char *text, bool *original, struct at_err *err);
/* The target of G in the plan asked for: with ORIGINAL its original target
 * when it has one (else its current target), else its current target. */
enum at_status app_goal_plan_target(struct app *app, const struct goal *g, bool original,
                                    int64_t *target, struct at_err *err);

/* One goal a change writes: BEFORE.id 0 creates AFTER (AFTER.id set once
 * stored), else AFTER is goal BEFORE.id as it will be. */
struct goal_change {
    struct goal before, after;
    struct goal_meta meta_before, meta_after;
    bool keep_original; /* applied: BEFORE's target (0 when new) becomes the original */
};

/* Copy the fields of the plan — metric, scope, period, target (with growth,
 * base and baseline), direction and filter — from SRC to DST. A request
 * carries only these: the other fields of a locked goal (title, parent,
 * objective, cadence) change at once, and approving a request sets these on
 * the goal as it is then. */
void adjust_plan_fields(struct goal *dst, const struct goal *src);

/* Where a rebalance closed (goal_store_rebalanced_set on GOAL when applied). */
struct rebalance_mark {
    int64_t goal;
    bool has;
    int32_t through;
    int64_t actual;
};

/* Does CHANGES[0..N) change a locked goal's target, period or scope? */
enum at_status adjust_needs_request(struct app *app, const struct goal_change *changes, size_t n,
                                    bool *needed, struct at_err *err);

/* Write CHANGES[0..N) in the caller's transaction, REASON in every history
 * line, the actor of the request; *WRITTEN counts the goals that changed. */
enum at_status adjust_apply(struct app *app, struct goal_change *changes, size_t n,
                            const char *reason, size_t *written, struct at_err *err);

/* Keep CHANGES[0..N) as one pending request of KIND ("edit", "rebalance",
 * "reconcile", "reassign") about ABOUT, with SUMMARY and REASON (required),
 * and MARK (may be NULL), in the caller's transaction: nothing is written to
 * the goals; each goal gets a history line "request" (#ID pending). */
enum at_status adjust_request_add(struct app *app, const char *kind, const struct scope_ref *about,
                                  const char *summary, const char *reason,
                                  const struct goal_change *changes, size_t n,
                                  const struct rebalance_mark *mark, int64_t *request_id,
                                  struct at_err *err);

/* The one entry for a change of goals: in one transaction, either applied
 * (none of its goals locked in a field that needs approval; then MARK is set
 * too and *REQUEST_ID is 0) or kept as a pending request (*REQUEST_ID). */
enum at_status adjust_commit(struct app *app, const char *kind, const struct scope_ref *about,
                             const char *summary, const char *reason, struct goal_change *changes,
                             size_t n, const struct rebalance_mark *mark, int64_t *request_id,
                             struct at_err *err);

/* Approve or reject pending request ID as the actor (--as), with COMMENT
 * (optional). The actor must be able to decide (org_may_decide) over the
 * scope of every goal the request writes (before and after), else
 * AT_FORBIDDEN naming the actor and the goal. Approving a stale request (a
 * goal changed, archived or gone since) is AT_CONFLICT and writes nothing;
 * a request already decided is AT_CONFLICT. */
enum at_status app_request_approve(struct app *app, int64_t id, const char *comment,
                                   struct at_err *err);
enum at_status app_request_reject(struct app *app, int64_t id, const char *comment,
                                  struct at_err *err);

/* A request as listed: its record, its scope's label, the goals it writes
 * ("4,5,new") and whether it is stale (pending ones only). */
struct request_view {
    struct goal_request r;
    char scope[GOAL_SCOPE_MAX];
    char goals[256];
    bool stale;
};
typedef enum at_status (*request_view_fn)(const struct request_view *v, void *ctx,
                                          struct at_err *err);
/* The requests about scopes inside SCOPE (NULL: all) with STATUS (pending,
 * approved, rejected, all; NULL: pending), by id. */
enum at_status app_requests(struct app *app, const char *scope, const char *status,
                            request_view_fn fn, void *ctx, struct at_err *err);

/*
 * Reassign (pure): a leaving rep's goal has TARGET and closed ACTUAL (both in
 * whole units: minor units or counts). What remains, max(TARGET − ACTUAL, 0),
 * is split over the N others by WEIGHTS with split_largest_remainder
 * (domain/decompose.h) and added to their TARGETS[i] (in place); the rep's
 * target becomes TARGET − what moved (their actual, or the target when they
 * passed it) in *LEAVER. Σ TARGETS after + *LEAVER == TARGET + Σ TARGETS
 * before, exactly. AT_INVALID when N is 0 or a weight is negative.
 */
enum at_status adjust_reassign_split(int64_t target, int64_t actual, int64_t *targets,
                                     const int64_t *weights, size_t n, int64_t *leaver,
                                     struct at_err *err);

struct reassign_options {
    const char *person; /* the leaving rep */
    const char *period;
    const char *to;     /* "members" or a person */
    const char *method; /* even, capacity, history */
    const char *as_of;  /* the day actuals are closed through; NULL: the request's day */
    const char *reason;
};

/* One goal a reassign writes: its target before and after. */
struct reassign_line {
    struct goal goal; /* after (id 0: a goal to create) */
    int64_t old_target;
    int64_t weight;
    bool leaver;
};

struct reassign_plan {
    struct reassign_line *lines;
    size_t n;
    int64_t request_id; /* saved as a request (a locked goal): its id; else 0 */
};

/* Work out (SAVE false) or make (SAVE true) the reassign O: for every live
 * goal of an additive metric of the leaving rep over exactly the period, the
 * remaining target moves to the others (the members of the rep's unit there
 * during the period, or one person) by METHOD (even; capacity: org_members'
 * capacity; history: each one's actual of the metric over the previous
 * period), into their goal of the same metric, period and filter (created
 * when they have none). The actor must be able to decide over the rep.
 * Caller frees OUT with reassign_plan_free. */
enum at_status app_goal_reassign(struct app *app, const struct reassign_options *o, bool save,
                                 struct reassign_plan *out, struct at_err *err);
void reassign_plan_free(struct reassign_plan *p);
