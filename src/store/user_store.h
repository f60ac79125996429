/*
 * user_store.h — users, sessions, API tokens and failed sign-ins in the store
 * (migration 012). Only what the store holds: hashes, never secrets; times
 * are unix seconds. Transactions are the caller's (app/auth.c).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;

#define USER_HASH_MAX  160 /* an argon2id string (crypto_pwhash_STRBYTES 128) */
#define TOKEN_HASH_HEX 65  /* 32 bytes as hex + NUL */

struct user_row {
    int64_t id;
    char login[64];
    char role[16];     /* "rep", "manager", "admin" */
    int64_t person_id; /* 0 = none */
    char password_hash[USER_HASH_MAX];
    char lang[3]; /* "", "zh", "en" */
    bool disabled;
    int64_t created_at;
    int64_t last_sign_in; /* 0 = never */
};

/* Insert U (U->id is set). */
enum at_status user_store_insert(struct db *db, struct user_row *u, struct at_err *err);
/* The user LOGIN into *OUT; AT_NOT_FOUND naming it when there is none. */
enum at_status user_store_get(struct db *db, const char *login, struct user_row *out,
                              struct at_err *err);
/* The user ID into *OUT; AT_NOT_FOUND when there is none. */
enum at_status user_store_get_id(struct db *db, int64_t id, struct user_row *out,
                                 struct at_err *err);
typedef enum at_status (*user_row_fn)(const struct user_row *u, void *ctx, struct at_err *err);
/* Every user, by login. */
enum at_status user_store_list(struct db *db, user_row_fn fn, void *ctx, struct at_err *err);
/* Write U's role, person, password hash, lang and disabled (by U->id). */
enum at_status user_store_update(struct db *db, const struct user_row *u, struct at_err *err);
enum at_status user_store_signed_in(struct db *db, int64_t id, int64_t at, struct at_err *err);

struct session_row {
    int64_t id, user_id;
    char csrf[64];
    int64_t created_at, last_used;
};
enum at_status session_store_insert(struct db *db, const char *token_hash, int64_t user_id,
                                    const char *csrf, const char *addr, int64_t now,
                                    struct at_err *err);
/* The session whose token hashes to TOKEN_HASH; *FOUND false when none. */
enum at_status session_store_get(struct db *db, const char *token_hash, struct session_row *out,
                                 bool *found, struct at_err *err);
enum at_status session_store_touch(struct db *db, int64_t id, int64_t now, struct at_err *err);
enum at_status session_store_delete(struct db *db, const char *token_hash, struct at_err *err);
/* End every session of USER_ID but EXCEPT_ID (0: every one). */
enum at_status session_store_delete_user(struct db *db, int64_t user_id, int64_t except_id,
                                         struct at_err *err);
/* Remove the sessions idle since before IDLE_BEFORE or made before MADE_BEFORE. */
enum at_status session_store_purge(struct db *db, int64_t idle_before, int64_t made_before,
                                   struct at_err *err);

struct token_row {
    int64_t id;
    char name[64];
    char role[16];
    int64_t unit_id;                           /* 0 = none */
    int64_t created_at, last_used, revoked_at; /* 0 = never */
    char scopes[64];                           /* "ingest" or "" (migration 013) */
};
/* Insert T with TOKEN_HASH (T->id is set). */
enum at_status token_store_insert(struct db *db, struct token_row *t, const char *token_hash,
                                  struct at_err *err);
/* The token whose secret hashes to TOKEN_HASH; *FOUND false when none. */
enum at_status token_store_find(struct db *db, const char *token_hash, struct token_row *out,
                                bool *found, struct at_err *err);
/* Token ID; AT_NOT_FOUND naming it when there is none. */
enum at_status token_store_get(struct db *db, int64_t id, struct token_row *out,
                               struct at_err *err);
typedef enum at_status (*token_row_fn)(const struct token_row *t, void *ctx, struct at_err *err);
/* Every token, by id. */
enum at_status token_store_list(struct db *db, token_row_fn fn, void *ctx, struct at_err *err);
enum at_status token_store_revoke(struct db *db, int64_t id, int64_t at, struct at_err *err);
enum at_status token_store_touch(struct db *db, int64_t id, int64_t at, struct at_err *err);

/* Record a failed sign-in of LOGIN from ADDR at AT. */
enum at_status failure_store_add(struct db *db, const char *login, const char *addr, int64_t at,
                                 struct at_err *err);
/* The failures of LOGIN (BY_ADDR false) or of address KEY (BY_ADDR true) at
 * SINCE or later: their number in *N and the time of the Kth newest (1 = the
 * newest) in *KTH_AT (0 when fewer). */
enum at_status failure_store_count(struct db *db, const char *key, bool by_addr, int64_t since,
                                   int k, int64_t *n, int64_t *kth_at, struct at_err *err);
/* Forget the failures of LOGIN (a successful sign-in) and every one before BEFORE. */
enum at_status failure_store_clear(struct db *db, const char *login, int64_t before,
                                   struct at_err *err);
