/* query.c — query text read into typed values (query.h). */
#include "app/query.h"

#include <string.h>

#include "app/org.h"
#include "engine/lookup.h"
#include "store/db.h"

enum at_status query_breakdown_parse(const char *text, enum breakdown *out, struct at_err *err)
{
    static const struct {
        const char *name;
        enum breakdown by;
    } names[] = {{"person", BY_PERSON},   {"team", BY_TEAM}, {"unit", BY_UNIT}, {"month", BY_MONTH},
                 {"quarter", BY_QUARTER}, {"week", BY_WEEK}, {"day", BY_DAY}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].by;
            return AT_OK;
        }
    return at_err_set(err, AT_INVALID,
                      "breakdown %s: choose person, team, unit, month, quarter, week or day", text);
}

/* The rows whose keys are TEXT (store_scan_keys_for): which one has it as
 * its external id, which unit as its path. */
struct direct {
    const char *text;
    enum scope_kind kind;
    int64_t by_ext, by_path;
};

static enum at_status direct_row(int64_t id, const char *ext, const char *name, const char *alt,
                                 void *ctx, struct at_err *err)
{
    (void)name;
    (void)err;
    struct direct *d = ctx;
    if (ext && strcmp(ext, d->text) == 0)
        d->by_ext = id;
    if (d->kind == SCOPE_UNIT && alt && strcmp(alt, d->text) == 0)
        d->by_path = id;
    return AT_OK;
}

/*
 * TEXT as org_resolve reads it, when that needs no directory: company; a
 * person or team by external id (unique, and the first key org_find_person
 * tries); a unit by path, else by external id (find_unit's first two keys,
 * both unique). One indexed read instead of the whole directory, for a
 * process that asks one figure (a cold `attain metric`). False when the
 * directory must decide: a #id, a name, 工号, e-mail or label, an error.
 */
static bool scope_direct(struct app *app, const char *text, struct scope_ref *out)
{
    if (strcmp(text, "company") == 0 || strcmp(text, "公司") == 0) {
        *out = (struct scope_ref){SCOPE_COMPANY, 0};
        return true;
    }
    const char *colon = strchr(text, ':');
    enum scope_kind kind;
    if (!colon || !colon[1] || colon[1] == '#' ||
        !scope_kind_parse(text, (size_t)(colon - text), &kind) || kind == SCOPE_COMPANY)
        return false;
    struct direct d = {colon + 1, kind, 0, 0};
    struct at_err ignored;
    if (store_scan_keys_for(app->db, kind == SCOPE_UNIT ? STORE_UNITS : STORE_PEOPLE, d.text,
                            direct_row, &d, &ignored))
        return false;
    int64_t id = d.by_path ? d.by_path : d.by_ext;
    if (!id)
        return false;
    *out = (struct scope_ref){kind, id};
    return true;
}

enum at_status query_scope(struct app *app, const struct engine *e, const char *text,
                           struct scope *out, struct at_err *err)
{
    const struct org *o;
    struct scope_ref r;
    enum at_status st = AT_OK;
    /* a directory already read answers from memory; else ask the store for
     * the one row when the text names it directly */
    if (app->org || !scope_direct(app, text, &r)) {
        st = app_org(app, &o, err);
        if (!st)
            st = org_resolve(o, text, &r, err);
    }
    if (!st && (st = engine_scope_from_id(e, r.kind, r.id, out, err)))
        at_err_prefix(err, "scope %s: ", text);
    return st;
}

enum at_status query_filters(const struct engine *e, const char *const *where, size_t n,
                             bool must_exist, struct metric_filter *out, struct at_err *err)
{
    engine_filter_init(out);
    for (size_t i = 0; i < n; i++) {
        struct filter_term t;
        enum at_status st = filter_term_parse(where[i], &t, err);
        if (!st && must_exist)
            st = engine_filter_value_check(e, &t, err);
        if (!st)
            st = engine_filter_add_term(e, out, &t, err);
        if (st)
            return st;
    }
    return AT_OK;
}
