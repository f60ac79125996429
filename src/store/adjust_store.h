/*
 * adjust_store.h — the SQL of adjustments with approval (migration 010):
 * goal locks, the original plan (baselines) and change requests with the
 * goals they would write. Transactions are the caller's (app/adjust.c).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/goal.h"

struct db;

struct goal_lock {
    int64_t goal_id;
    char locked_by[128]; /* the actor's label, or "cli" */
    char day[11];        /* YYYY-MM-DD */
    char reason[512];
};

/* Is goal GOAL_ID locked? *LOCKED, and the lock into OUT (may be NULL). */
enum at_status adjust_store_lock_get(struct db *db, int64_t goal_id, bool *locked,
                                     struct goal_lock *out, struct at_err *err);
/* Lock goal L->goal_id (AT_CONFLICT when it is locked already). */
enum at_status adjust_store_lock_add(struct db *db, const struct goal_lock *l, struct at_err *err);
/* Unlock goal GOAL_ID (AT_CONFLICT when it is not locked). */
enum at_status adjust_store_lock_remove(struct db *db, int64_t goal_id, struct at_err *err);

/* The original target of goal GOAL_ID (×10^4): *HAS false when the goal has
 * none (never locked, never part of a split). */
enum at_status adjust_store_baseline_get(struct db *db, int64_t goal_id, bool *has, int64_t *target,
                                         struct at_err *err);
/* Keep TARGET as goal GOAL_ID's original target unless it has one already
 * (the first plan wins); ORIGIN says what made it ("lock", "split:4"). */
enum at_status adjust_store_baseline_add(struct db *db, int64_t goal_id, int64_t target,
                                         const char *origin, const char *day, struct at_err *err);

#define REQUEST_TEXT_MAX 512

struct goal_request {
    int64_t id;
    char kind[16];        /* edit, rebalance, reconcile, reassign */
    char status[16];      /* pending, approved, rejected */
    struct scope_ref ref; /* what it is about: the goal's scope, the leaving person */
    char summary[REQUEST_TEXT_MAX];
    char reason[REQUEST_TEXT_MAX];
    char requested_by[128], requested_on[11];
    char decided_by[128], decided_on[11]; /* "" while pending */
    char comment[REQUEST_TEXT_MAX];
    /* a rebalance: where it closed (goal_store_rebalanced_set when applied) */
    int64_t rebalance_goal; /* 0 when none */
    bool rebalance_has;
    int32_t rebalance_through;
    int64_t rebalance_actual;
};

/* One goal a request writes: GOAL_ID 0 creates AFTER; BEFORE is the text of
 * the goal's fields when the request was made (app/adjust.c makes it). */
struct goal_request_item {
    int64_t id, request_id, goal_id;
    char before[1024];
    struct goal after;
    char cadence[16];
    char origin[128];
    bool keep_original; /* applied: the target before (0: new) becomes the original */
};

/* Insert R (R->id is set, status pending). */
enum at_status adjust_store_request_add(struct db *db, struct goal_request *r, struct at_err *err);
/* Insert IT (IT->id is set). */
enum at_status adjust_store_item_add(struct db *db, struct goal_request_item *it,
                                     struct at_err *err);
/* Request ID; AT_NOT_FOUND naming it. */
enum at_status adjust_store_request_get(struct db *db, int64_t id, struct goal_request *r,
                                        struct at_err *err);
typedef enum at_status (*goal_request_fn)(const struct goal_request *r, void *ctx,
                                          struct at_err *err);
/* Every request with STATUS (NULL: all), by id. */
enum at_status adjust_store_request_list(struct db *db, const char *status, goal_request_fn fn,
                                         void *ctx, struct at_err *err);
typedef enum at_status (*goal_request_item_fn)(const struct goal_request_item *it, void *ctx,
                                               struct at_err *err);
/* The items of request ID, by id; periods read with FISCAL_START_MONTH. */
enum at_status adjust_store_item_list(struct db *db, int64_t id, int fiscal_start_month,
                                      goal_request_item_fn fn, void *ctx, struct at_err *err);
/* Decide pending request ID: STATUS approved or rejected, BY, DAY, COMMENT.
 * AT_CONFLICT when it is not pending any more. */
enum at_status adjust_store_request_decide(struct db *db, int64_t id, const char *status,
                                           const char *by, const char *day, const char *comment,
                                           struct at_err *err);
/* The pending requests that would write goal GOAL_ID: *N. */
enum at_status adjust_store_pending_for(struct db *db, int64_t goal_id, int64_t *n,
                                        struct at_err *err);
