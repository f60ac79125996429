/* query.c — query text read into typed values (query.h). */
#include "app/query.h"

#include <string.h>

#include "app/org.h"
#include "engine/lookup.h"

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

enum at_status query_scope(struct app *app, const struct engine *e, const char *text,
                           struct scope *out, struct at_err *err)
{
    const struct org *o;
    struct scope_ref r;
    enum at_status st = app_org(app, &o, err);
    if (!st)
        st = org_resolve(o, text, &r, err);
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
