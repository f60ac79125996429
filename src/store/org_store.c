/* org_store.c — the SQL of the org directory (see org_store.h). */
#include "store/org_store.h"

#include <stddef.h>

#include "store/db.h"

struct people_ctx {
    org_person_fn fn;
    void *ctx;
};

static enum at_status read_person(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct people_ctx *c = ctx;
    struct org_person_row p = {
        .id = r->i[0],
        .ext_id = r->s[1],
        .name = r->s[2],
        .employee_no = r->null[3] ? NULL : r->s[3],
        .email = r->null[4] ? NULL : r->s[4],
        .title = r->null[5] ? NULL : r->s[5],
        .unit_id = r->null[6] ? 0 : r->i[6],
        .manager_id = r->null[7] ? 0 : r->i[7],
        .weight_milli = r->i[8],
        .active = r->i[9] != 0,
        .join_date = r->null[10] ? NULL : r->s[10],
        .leave_date = r->null[11] ? NULL : r->s[11],
    };
    return c->fn(&p, c->ctx, err);
}

static const char sql_people[] =
    "SELECT id, ext_id, name, employee_no, email, title, unit_id, manager_id, weight_milli, "
    "active, join_date, leave_date FROM people ORDER BY id";

enum at_status org_store_people(struct db *db, org_person_fn fn, void *ctx, struct at_err *err)
{
    struct people_ctx c = {fn, ctx};
    return store_exec(db, sql_people, NULL, 0, read_person, &c, NULL, err);
}

struct units_ctx {
    org_unit_fn fn;
    void *ctx;
};

static enum at_status read_unit(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct units_ctx *c = ctx;
    struct org_unit_row u = {.id = r->i[0],
                             .ext_id = r->s[1],
                             .name = r->s[2],
                             .path = r->s[3],
                             .parent_id = r->null[4] ? 0 : r->i[4]};
    return c->fn(&u, c->ctx, err);
}

static const char sql_units[] = "SELECT id, ext_id, name, path, parent_id FROM units ORDER BY id";

enum at_status org_store_units(struct db *db, org_unit_fn fn, void *ctx, struct at_err *err)
{
    struct units_ctx c = {fn, ctx};
    return store_exec(db, sql_units, NULL, 0, read_unit, &c, NULL, err);
}

struct id_ctx {
    org_id_fn fn;
    void *ctx;
};

static enum at_status read_id(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct id_ctx *c = ctx;
    return c->fn(r->i[0], c->ctx, err);
}

static const char sql_credited[] = "SELECT owner_id FROM orders WHERE owner_id IS NOT NULL "
                                   "UNION SELECT owner_id FROM payments WHERE owner_id IS NOT NULL "
                                   "UNION SELECT owner_id FROM deals WHERE owner_id IS NOT NULL "
                                   "UNION SELECT person_id FROM credit_splits ORDER BY 1";

enum at_status org_store_credited(struct db *db, org_id_fn fn, void *ctx, struct at_err *err)
{
    struct id_ctx c = {fn, ctx};
    return store_exec(db, sql_credited, NULL, 0, read_id, &c, NULL, err);
}
