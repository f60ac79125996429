/*
 * alert_store.h — channels, alerts, the alert state of goals and the outbox
 * in the store (migration 011). Transactions are the caller's (app/notify.c
 * writes an alert and its outbox rows in one).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/scope.h"

struct db;

#define CHANNEL_URL_MAX    1024
#define CHANNEL_SECRET_MAX 256
#define CHANNEL_ADDRS_MAX  1024

/* A channel: where the notifications of a scope go. */
struct channel {
    int64_t id;
    struct scope_ref ref;            /* the scope whose goals it hears about */
    char kind[16];                   /* "wecom" "dingtalk" "feishu" "slack" "email" */
    char url[CHANNEL_URL_MAX];       /* the webhook, or the SMTP server (email) */
    char secret[CHANNEL_SECRET_MAX]; /* signing secret (dingtalk, feishu); "" when none */
    char lang[4];                    /* "en" or "zh" */
    char mail_to[CHANNEL_ADDRS_MAX]; /* email: recipients, comma-separated */
    char mail_from[256];             /* email: the sender */
    char created[24];                /* "YYYY-MM-DD HH:MM:SS" (UTC) */
    char actor[64];
    bool removed;
};

/* Insert C (C->id is set; C->created is filled by the store). */
enum at_status channel_store_insert(struct db *db, struct channel *c, struct at_err *err);
/* Channel ID into *C; AT_NOT_FOUND naming the id (removed ones too: see C->removed). */
enum at_status channel_store_get(struct db *db, int64_t id, struct channel *c, struct at_err *err);
typedef enum at_status (*channel_fn)(const struct channel *c, void *ctx, struct at_err *err);
/* Every channel not removed, in id order. */
enum at_status channel_store_list(struct db *db, channel_fn fn, void *ctx, struct at_err *err);
/* Mark channel ID removed and cancel its undelivered outbox rows;
 * AT_NOT_FOUND when there is no such channel or it is removed already. */
enum at_status channel_store_remove(struct db *db, int64_t id, struct at_err *err);

/* Record alert (GOAL_ID, RULE, PERIOD) unless it exists: *INSERTED says
 * which, *ID its id when inserted. DAY "YYYY-MM-DD", NOW unix seconds. */
enum at_status alert_store_add(struct db *db, int64_t goal_id, const char *rule, const char *period,
                               const char *detail, const char *day, int64_t now, bool suppressed,
                               int64_t *id, bool *inserted, struct at_err *err);
/* Does alert (GOAL_ID, RULE, PERIOD) exist? */
enum at_status alert_store_exists(struct db *db, int64_t goal_id, const char *rule,
                                  const char *period, bool *exists, struct at_err *err);
/* The status of GOAL_ID as of the last run into OUT ("" when never seen). */
enum at_status alert_state_get(struct db *db, int64_t goal_id, char *out, size_t size,
                               struct at_err *err);
enum at_status alert_state_set(struct db *db, int64_t goal_id, const char *status, const char *day,
                               struct at_err *err);

/* One outbox message (strings borrowed: valid during a callback only). */
struct outbox_row {
    int64_t id, alert_id, channel_id; /* alert_id 0: not from an alert (a digest) */
    const char *what;                 /* "alert:RULE" or "digest" */
    const char *subject, *body, *link;
    const char *state;                                      /* "pending" "sent" "cancelled" */
    int64_t attempts, next_attempt_at, created_at, sent_at; /* sent_at 0 when not sent */
    const char *last_error;
    /* joined for listings */
    int64_t goal_id; /* 0 when none */
    const char *channel_kind;
};

/* Write one message for CHANNEL_ID due at NOW; *ID receives its id. */
enum at_status outbox_store_add(struct db *db, int64_t alert_id, int64_t channel_id,
                                const char *what, const char *subject, const char *body,
                                const char *link, int64_t now, int64_t *id, struct at_err *err);
typedef enum at_status (*outbox_fn)(const struct outbox_row *r, void *ctx, struct at_err *err);
/* Pending messages due at NOW (next_attempt_at <= NOW; every pending one
 * with ALL), oldest first. The ids are read first, so FN may write. */
enum at_status outbox_store_due(struct db *db, int64_t now, bool all, outbox_fn fn, void *ctx,
                                struct at_err *err);
/* Messages in id order: all, or only FAILED ones (pending after a failed
 * attempt). */
enum at_status outbox_store_list(struct db *db, bool failed, outbox_fn fn, void *ctx,
                                 struct at_err *err);
/* Claim message ID for one attempt: when it is still pending with
 * next_attempt_at equal to SEEN (as read), move next_attempt_at to
 * LEASE_UNTIL and set *CLAIMED; another sender that read the same row then
 * finds it changed and leaves it (two `notify deliver` at once send a message
 * once; a sender that dies mid-attempt leaves it due again at LEASE_UNTIL). */
enum at_status outbox_store_claim(struct db *db, int64_t id, int64_t seen, int64_t lease_until,
                                  bool *claimed, struct at_err *err);
/* Record an attempt at message ID at NOW: sent, or failed with ERROR
 * (already free of secrets) and the next attempt at NEXT_AT. */
enum at_status outbox_store_sent(struct db *db, int64_t id, int64_t now, struct at_err *err);
enum at_status outbox_store_failed(struct db *db, int64_t id, const char *error, int64_t next_at,
                                   struct at_err *err);
