/*
 * checkin_store.h — check-ins with their frozen figures and acknowledgements,
 * and the decisions of review meetings, in the store (migration 008).
 * Transactions are the caller's. Days are day numbers (domain/calendar.h),
 * stored as YYYY-MM-DD.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/scope.h"
#include "domain/value_kind.h"

struct db;

#define CHECKIN_TEXT_MAX 1024

/* One check-in. The figures are typed values (text NULL): actual, expected
 * and forecast of the goal's kind (money in CURRENCY), attainment and pace
 * VK_RATIO; undefined ones are stored as NULL. */
struct checkin {
    int64_t id, goal_id, author_id;
    int32_t at;     /* the day it was made as of */
    int confidence; /* 0..10, -1 when none was given */
    char note[CHECKIN_TEXT_MAX], blockers[CHECKIN_TEXT_MAX], next[CHECKIN_TEXT_MAX];
    struct typed_value actual, attainment, expected, pace, forecast;
    char status[16];  /* goal_status_name */
    char flags[64];   /* "confidence_drop;optimistic" or "" */
    int64_t acked_by; /* people.id, 0 when not acknowledged */
    int32_t acked_at; /* day, 0 when not acknowledged */
    char ack_comment[CHECKIN_TEXT_MAX];
};

/* Insert C (C->id is set; acknowledgement fields ignored). */
enum at_status checkin_store_insert(struct db *db, struct checkin *c, struct at_err *err);
/* Check-in ID into C; AT_NOT_FOUND naming the id. */
enum at_status checkin_store_get(struct db *db, int64_t id, struct checkin *c, struct at_err *err);

typedef enum at_status (*checkin_fn)(const struct checkin *c, void *ctx, struct at_err *err);
/* The check-ins of goal GOAL_ID (0: every goal) made as of FROM..TO (0: no
 * bound), by day then id. */
enum at_status checkin_store_list(struct db *db, int64_t goal_id, int32_t from, int32_t to,
                                  checkin_fn fn, void *ctx, struct at_err *err);

/* The confidence (-1 when it gave none) of AUTHOR's latest check-in on
 * GOAL_ID made as of AT or before (by day, then id); *FOUND false when none. */
enum at_status checkin_store_previous(struct db *db, int64_t goal_id, int64_t author_id, int32_t at,
                                      bool *found, int *confidence, struct at_err *err);

/* Acknowledge check-in ID by BY as of AT with COMMENT. AT_CONFLICT when it
 * is already acknowledged; AT_NOT_FOUND when there is no such check-in. */
enum at_status checkin_store_ack(struct db *db, int64_t id, int64_t by, int32_t at,
                                 const char *comment, struct at_err *err);

/* A decision of a review meeting of SCOPE, on MEETING's day, optionally
 * about GOAL_ID (0: none), recorded by ACTOR_ID. */
struct review_decision {
    int64_t id;
    struct scope_ref scope;
    int32_t meeting;
    int64_t goal_id;
    char text[CHECKIN_TEXT_MAX];
    int64_t actor_id;
};
/* Insert D (D->id is set). */
enum at_status decision_store_insert(struct db *db, struct review_decision *d, struct at_err *err);
typedef enum at_status (*decision_fn)(const struct review_decision *d, void *ctx,
                                      struct at_err *err);
/* Decision ID into *OUT; AT_NOT_FOUND naming it when there is none. */
enum at_status decision_store_get(struct db *db, int64_t id, struct review_decision *out,
                                  struct at_err *err);
/* The decisions of SCOPE with a meeting day in FROM..TO, by day then id. */
enum at_status decision_store_list(struct db *db, const struct scope_ref *scope, int32_t from,
                                   int32_t to, decision_fn fn, void *ctx, struct at_err *err);
/* The latest meeting day of SCOPE before BEFORE; *FOUND false when none. */
enum at_status decision_store_last_meeting(struct db *db, const struct scope_ref *scope,
                                           int32_t before, bool *found, int32_t *day,
                                           struct at_err *err);
