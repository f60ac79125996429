/* demo_users.c — the demo company's sign-ins (see demo_users.h). */
#include "app/demo_users.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/app.h"
#include "app/auth.h"
#include "app/org.h"
#include "domain/period.h"

/* The head of UNIT and the first (by label) active member who leads nobody. */
static enum at_status unit_people(struct app *app, const char *unit, int32_t as_of, int64_t *head,
                                  int64_t *rep, struct at_err *err)
{
    const struct org *o;
    struct scope_ref u;
    char text[64];
    snprintf(text, sizeof text, "unit:%s", unit);
    enum at_status st = app_org_sellers(app, &o, err);
    if (!st)
        st = org_resolve(o, text, &u, err);
    if (st)
        return st;
    *head = org_head(o, &u);
    *rep = 0;
    struct period day = period_containing(PERIOD_DAY, as_of, app->fiscal_start_month);
    struct scope_ref *members = NULL;
    int64_t *weights = NULL;
    size_t n = 0;
    if ((st = org_members(o, &u, &day, &members, &weights, &n, err)))
        return st;
    for (size_t i = 0; i < n && !*rep; i++) {
        struct scope_ref team = {SCOPE_TEAM, members[i].id};
        struct scope_ref *below = NULL;
        int64_t *w = NULL;
        size_t k = 0;
        if (members[i].id != *head && !org_person_left(o, members[i].id, as_of) &&
            !org_members(o, &team, &day, &below, &w, &k, err) && k == 1)
            *rep = members[i].id;
        free(below);
        free(w);
    }
    free(members);
    free(weights);
    if (!*head || !*rep)
        return at_err_set(err, AT_INTERNAL, "demo: unit %s has no head or no rep (a bug)", unit);
    return AT_OK;
}

enum at_status demo_users(struct app *app, int32_t as_of, struct at_err *err)
{
    struct user_info u;
    struct at_err tmp = {0};
    enum at_status st = auth_user_get(app, "admin", &u, &tmp);
    if (st == AT_OK)
        return AT_OK; /* made by an earlier demo */
    if (st != AT_NOT_FOUND)
        return at_err_set(err, tmp.status, "%s", tmp.msg);
    int64_t head1, rep1, head2, rep2;
    if ((st = unit_people(app, "华东", as_of, &head1, &rep1, err)) ||
        (st = unit_people(app, "华南", as_of, &head2, &rep2, err)))
        return st;
    const struct {
        const char *login, *password;
        enum role role;
        int64_t person;
    } users[] = {
        {"admin", "attain-admin", ROLE_ADMIN, 0},
        {"manager", "attain-manager", ROLE_MANAGER, head1},
        {"rep", "attain-rep", ROLE_REP, rep1},
        {"manager2", "attain-manager2", ROLE_MANAGER, head2},
        {"rep2", "attain-rep2", ROLE_REP, rep2},
    };
    int64_t now = app->req.now;
    if (!now) /* the demo's clock: its day, at 09:00 UTC */
        app->req.now = (int64_t)as_of * 86400 + 9 * 3600;
    for (size_t i = 0; !st && i < sizeof users / sizeof users[0]; i++) {
        char person[32] = "";
        if (users[i].person)
            snprintf(person, sizeof person, "#%lld", (long long)users[i].person);
        st =
            auth_user_add(app, users[i].login, users[i].role, person, users[i].password, NULL, err);
    }
    app->req.now = now;
    return st;
}
