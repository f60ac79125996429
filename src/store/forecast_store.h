/*
 * forecast_store.h — the forecast call and scorecards in the store
 * (migration 009): stage categories set by hand, every submission and
 * adjustment of a call, scorecards with their weighted goals. Money is
 * integer minor units of the reporting currency. Transactions are the
 * caller's.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;

/* ---- stage categories ---------------------------------------------------- */

/* Set the category of STAGE (insert or replace), by ACTOR on DAY. */
enum at_status forecast_store_category_set(struct db *db, const char *stage, const char *category,
                                           const char *actor, const char *day, struct at_err *err);
/* Every stage set by hand, by stage; strings valid during the callback only. */
typedef enum at_status (*forecast_category_fn)(const char *stage, const char *category, void *ctx,
                                               struct at_err *err);
enum at_status forecast_store_categories(struct db *db, forecast_category_fn fn, void *ctx,
                                         struct at_err *err);

/* ---- calls --------------------------------------------------------------- */

struct forecast_call_row {
    int64_t id;
    bool adjust;       /* an adjustment by a manager, else a submission */
    int64_t person_id; /* whose call */
    const char *period, *day, *week;
    int64_t commit;    /* minor units */
    bool has_best;     /* submissions carry a best case */
    int64_t best_case; /* minor units */
    const char *note;
    int64_t actor_id;
};

/* Insert C (C->id is ignored; *ID receives the new row's id, may be NULL). */
enum at_status forecast_store_call_add(struct db *db, const struct forecast_call_row *c,
                                       int64_t *id, struct at_err *err);
/* Every call for PERIOD (canonical text), by person, day, id; strings valid
 * during the callback only. */
typedef enum at_status (*forecast_call_fn)(const struct forecast_call_row *c, void *ctx,
                                           struct at_err *err);
enum at_status forecast_store_calls(struct db *db, const char *period, forecast_call_fn fn,
                                    void *ctx, struct at_err *err);

/* ---- scorecards ---------------------------------------------------------- */

/* Insert a scorecard of scope SCOPE_KIND/SCOPE_ID (0 for the company) and
 * PERIOD with N goals GOAL_IDS weighted WEIGHT_BP (in that order); *ID gets
 * its id. AT_CONFLICT naming the existing card when that scope and period
 * already have one. */
enum at_status scorecard_store_add(struct db *db, const char *scope_kind, int64_t scope_id,
                                   const char *period, const char *actor, const int64_t *goal_ids,
                                   const int32_t *weight_bp, size_t n, int64_t *id,
                                   struct at_err *err);

/* One goal line of a scorecard. */
struct scorecard_goal_row {
    int64_t card_id;
    const char *scope_kind;
    int64_t scope_id;
    const char *period;
    int64_t goal_id;
    int32_t weight_bp;
};
/* Every goal line of every scorecard, by card id then position; strings
 * valid during the callback only. */
typedef enum at_status (*scorecard_goal_fn)(const struct scorecard_goal_row *r, void *ctx,
                                            struct at_err *err);
enum at_status scorecard_store_goals(struct db *db, scorecard_goal_fn fn, void *ctx,
                                     struct at_err *err);
