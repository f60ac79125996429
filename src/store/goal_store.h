/*
 * goal_store.h — goals, strategy objectives, action steps and the history of
 * goal changes in the store (migration 002). Transactions are the caller's.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/goal.h"

struct db;

/* Extra stored fields of a goal that the domain record does not carry. */
#define GOAL_SENTENCE_MAX 1024

struct goal_meta {
    char cadence[16]; /* check-ins: "" (not set: weekly), "weekly", "biweekly", "monthly",
                         "none" (no check-ins owed; stored as goals.checkins_off) */
    /* the manager's own sentence the goal was written from ("" when typed from
     * fields); goal_store_insert/get/list leave it alone: it is read and
     * written by goal_store_sentence_get/set (app_goal_get and _save do) */
    char sentence[GOAL_SENTENCE_MAX];
    char origin[128]; /* "cli", "sentence", "import:FILE", "split:ID" */
    char created[24], updated[24];
};

/* Insert G (G->id is set); META may be NULL. */
enum at_status goal_store_insert(struct db *db, struct goal *g, const struct goal_meta *meta,
                                 struct at_err *err);
/* Write every field of G (by G->id) and the cadence of META (may be NULL: kept). */
enum at_status goal_store_update(struct db *db, const struct goal *g, const struct goal_meta *meta,
                                 struct at_err *err);
/* Goal ID into G (and META, may be NULL); AT_NOT_FOUND naming the id. Periods
 * are read back with FISCAL_START_MONTH. */
enum at_status goal_store_get(struct db *db, int64_t id, int fiscal_start_month, struct goal *g,
                              struct goal_meta *meta, struct at_err *err);

typedef enum at_status (*goal_fn)(const struct goal *g, const struct goal_meta *meta, void *ctx,
                                  struct at_err *err);
/* Every goal in id order (archived ones only with ARCHIVED). */
enum at_status goal_store_list(struct db *db, bool archived, int fiscal_start_month, goal_fn fn,
                               void *ctx, struct at_err *err);

/* One line of goal GOAL_ID's history: FIELD went from OLD_VALUE to NEW_VALUE
 * because of REASON (required, non-empty: AT_INVALID), changed by ACTOR
 * (a person, or "cli"; NULL = "cli"). */
enum at_status goal_store_history_add(struct db *db, int64_t goal_id, const char *field,
                                      const char *old_value, const char *new_value,
                                      const char *reason, const char *actor, struct at_err *err);
typedef enum at_status (*history_fn)(const char *at, const char *field, const char *old_value,
                                     const char *new_value, const char *reason, const char *actor,
                                     void *ctx, struct at_err *err);
enum at_status goal_store_history(struct db *db, int64_t goal_id, history_fn fn, void *ctx,
                                  struct at_err *err);
/* Every history line (of any goal) whose reason holds TAG, oldest first. */
typedef enum at_status (*history_citing_fn)(int64_t goal_id, const char *at, const char *field,
                                            const char *old_value, const char *new_value,
                                            const char *reason, void *ctx, struct at_err *err);
enum at_status goal_store_history_citing(struct db *db, const char *tag, history_citing_fn fn,
                                         void *ctx, struct at_err *err);

/* The sentence goal ID was written from ("" when none) into OUT (SIZE bytes;
 * AT_INVALID when it does not fit); set it (migration 006). */
enum at_status goal_store_sentence_get(struct db *db, int64_t id, char *out, size_t size,
                                       struct at_err *err);
enum at_status goal_store_sentence_set(struct db *db, int64_t id, const char *sentence,
                                       struct at_err *err);

/* Where goal ID's sub-goals over time were last rebalanced: the last day of
 * the sub-periods closed then (*THROUGH, a day number) and their actual
 * (*ACTUAL, ×10^4); *HAS false when never (or since a new split). SET with
 * HAS false clears it. */
enum at_status goal_store_rebalanced_get(struct db *db, int64_t id, bool *has, int32_t *through,
                                         int64_t *actual, struct at_err *err);
enum at_status goal_store_rebalanced_set(struct db *db, int64_t id, bool has, int32_t through,
                                         int64_t actual, struct at_err *err);

struct objective {
    int64_t id;
    char title[256];
    char description[512];
};
enum at_status objective_store_insert(struct db *db, struct objective *o, struct at_err *err);
typedef enum at_status (*objective_fn)(const struct objective *o, void *ctx, struct at_err *err);
enum at_status objective_store_list(struct db *db, objective_fn fn, void *ctx, struct at_err *err);
enum at_status objective_store_get(struct db *db, int64_t id, struct objective *o,
                                   struct at_err *err);

struct action_step {
    int64_t id, goal_id;
    char what[256];
    char owner[128];  /* the owner's label (app/org.h), or the text as typed when no person */
    int64_t owner_id; /* people.id, 0 when none */
    char due[11];     /* "" when none */
    bool done;
    char driver[128]; /* the driver metric it moves, "每周拜访增加30%" */
};
enum at_status action_store_insert(struct db *db, struct action_step *a, struct at_err *err);
/* Steps of GOAL_ID (0: every goal), by goal then id. */
typedef enum at_status (*action_fn)(const struct action_step *a, void *ctx, struct at_err *err);
enum at_status action_store_list(struct db *db, int64_t goal_id, action_fn fn, void *ctx,
                                 struct at_err *err);
enum at_status action_store_set_done(struct db *db, int64_t id, bool done, struct at_err *err);
