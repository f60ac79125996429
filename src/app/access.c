/*
 * access.c — the visibility rules of app/access.h over the org directory
 * (app/org.h): a manager's subtree is team:P (P and everyone reporting to
 * them) plus every unit P heads (org_head) with its sub-units; a rep reads
 * their own person scope, their unit and their manager's team; an API token
 * acts with its role inside its unit (a manager or rep token must name one:
 * it has no person of its own).
 */
#include "app/access.h"

#include <string.h>

#include "app/app.h"
#include "app/org.h"

const char *role_name(enum role r)
{
    return r == ROLE_ADMIN     ? "admin"
           : r == ROLE_MANAGER ? "manager"
           : r == ROLE_REP     ? "rep"
                               : "none";
}

bool role_parse(const char *text, enum role *out)
{
    static const struct {
        const char *name;
        enum role role;
    } roles[] = {{"rep", ROLE_REP}, {"manager", ROLE_MANAGER}, {"admin", ROLE_ADMIN}};
    for (size_t i = 0; text && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(text, roles[i].name) == 0) {
            *out = roles[i].role;
            return true;
        }
    return false;
}

/* The directory, or NULL when it cannot be read (then nothing is allowed). */
static const struct org *directory(struct app *app)
{
    const struct org *o = NULL;
    struct at_err err = {0};
    if (app_org(app, &o, &err))
        return NULL;
    return o;
}

/* Is S inside P's token unit limit (always, without one)? */
static bool inside_limit(const struct org *o, const struct principal *p, const struct scope_ref *s)
{
    if (!p->unit_id)
        return true;
    struct scope_ref u = {SCOPE_UNIT, p->unit_id};
    return org_contains(o, &u, s);
}

/* The person a user is, as the directory knows them: a user whose person was
 * removed or has left (inactive, or past the leave date as of the request's
 * today) acts for nobody and sees nothing. */
static bool known(const struct org *o, int64_t id, int32_t today)
{
    return id > 0 && !org_person_left(o, id, today);
}

/* Is S inside manager PERSON's subtree: their team, or a unit they head? */
static bool in_subtree(const struct org *o, int64_t person, int32_t today,
                       const struct scope_ref *s)
{
    if (!known(o, person, today))
        return false;
    struct scope_ref team = {SCOPE_TEAM, person};
    return org_contains(o, &team, s) || org_heads_unit_of(o, person, s);
}

/* The scopes a rep reads: themselves, their own unit, their manager's team. */
static bool rep_reads(const struct org *o, int64_t person, int32_t today, const struct scope_ref *s)
{
    if (!known(o, person, today))
        return false;
    switch (s->kind) {
    case SCOPE_PERSON:
        return s->id == person;
    case SCOPE_UNIT:
        return s->id == org_person_unit(o, person);
    case SCOPE_TEAM:
        return s->id == org_manager(o, person) && s->id != 0;
    case SCOPE_COMPANY:
        return false;
    }
    return false;
}

/* The act asked of access(). */
enum act { ACT_READ, ACT_WRITE, ACT_REPORT };

static bool allowed(struct app *app, const struct principal *p, const struct scope_ref *s,
                    enum act act)
{
    if (!p || !s || p->role == ROLE_NONE)
        return false;
    const struct org *o = directory(app);
    if (!o || !inside_limit(o, p, s))
        return false;
    if (p->role == ROLE_ADMIN)
        return true;
    if (p->token_id && !p->person_id) {
        /* a manager or rep token: its unit is its subtree (never none) */
        if (!p->unit_id)
            return false;
        return act == ACT_READ || p->role == ROLE_MANAGER;
    }
    int32_t today = app->req.today;
    if (p->role == ROLE_MANAGER)
        return in_subtree(o, p->person_id, today, s) ||
               (act == ACT_READ && rep_reads(o, p->person_id, today, s));
    /* a rep */
    if (act == ACT_WRITE)
        return false;
    if (act == ACT_REPORT)
        return s->kind == SCOPE_PERSON && s->id == p->person_id && known(o, s->id, today);
    return rep_reads(o, p->person_id, today, s);
}

bool access_may_read(struct app *app, const struct principal *p, const struct scope_ref *s)
{
    return allowed(app, p, s, ACT_READ);
}

bool access_may_write(struct app *app, const struct principal *p, const struct scope_ref *s)
{
    return allowed(app, p, s, ACT_WRITE);
}

bool access_may_report(struct app *app, const struct principal *p, const struct scope_ref *s)
{
    return allowed(app, p, s, ACT_REPORT);
}

enum at_status access_home(struct app *app, const struct principal *p, struct scope_ref *out,
                           struct at_err *err)
{
    const struct org *o;
    enum at_status st = app_org(app, &o, err);
    if (st)
        return st;
    if (p->role == ROLE_NONE)
        return at_err_set(err, AT_FORBIDDEN, "not signed in");
    if (p->unit_id && (p->role == ROLE_ADMIN || !p->person_id)) {
        *out = (struct scope_ref){SCOPE_UNIT, p->unit_id};
        return AT_OK;
    }
    if (p->role == ROLE_ADMIN) {
        *out = (struct scope_ref){SCOPE_COMPANY, 0};
        return AT_OK;
    }
    if (!known(o, p->person_id, app->req.today))
        return at_err_set(err, AT_NOT_FOUND,
                          "user %s is nobody in the org directory (attain user set %s --person P)",
                          p->login, p->login);
    if (p->role == ROLE_MANAGER) {
        int64_t unit = org_headed_unit(o, p->person_id);
        *out = unit ? (struct scope_ref){SCOPE_UNIT, unit}
                    : (struct scope_ref){SCOPE_TEAM, p->person_id};
        return AT_OK;
    }
    *out = (struct scope_ref){SCOPE_PERSON, p->person_id};
    return AT_OK;
}
