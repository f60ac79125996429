/*
 * org_store.h — the org directory as the store holds it: every person and
 * unit with its ids and names, read in one pass each (app/org.h keeps them
 * for a process). Reading it needs no engine, so a goal can be added right
 * after an import.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct db;

struct org_person_row {
    int64_t id;
    const char *ext_id, *name, *employee_no, *email, *title; /* NULL when none */
    int64_t unit_id, manager_id;                             /* 0 when none */
    int64_t weight_milli;                                    /* capacity weight ×1000 */
    bool active;
    const char *join_date, *leave_date; /* "YYYY-MM-DD" or NULL */
};

struct org_unit_row {
    int64_t id;
    const char *ext_id, *name, *path;
    int64_t parent_id; /* 0 when none */
};

/* Every person in id order; strings valid during the callback only. */
typedef enum at_status (*org_person_fn)(const struct org_person_row *p, void *ctx,
                                        struct at_err *err);
enum at_status org_store_people(struct db *db, org_person_fn fn, void *ctx, struct at_err *err);

/* Every unit in id order; strings valid during the callback only. */
typedef enum at_status (*org_unit_fn)(const struct org_unit_row *u, void *ctx, struct at_err *err);
enum at_status org_store_units(struct db *db, org_unit_fn fn, void *ctx, struct at_err *err);

/* The ids of the people who hold sales credit: an order, a payment or a deal
 * owned by them or split to them. One call of FN per person, in id order. */
typedef enum at_status (*org_id_fn)(int64_t id, void *ctx, struct at_err *err);
enum at_status org_store_credited(struct db *db, org_id_fn fn, void *ctx, struct at_err *err);
