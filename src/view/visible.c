/* visible.c — the row test of view/visible.h. */
#include "view/visible.h"

#include "app/org.h"

bool view_visible_ref(struct app *app, const struct view_visible *v, const struct scope_ref *s)
{
    return !v || v->may_read(app, s, v->ctx);
}

bool view_visible_label(struct app *app, const struct view_visible *v, const char *label)
{
    if (!v)
        return true;
    const struct org *o;
    struct at_err err = {0};
    struct scope_ref s;
    if (app_org(app, &o, &err) || org_resolve(o, label, &s, &err))
        return false;
    return v->may_read(app, &s, v->ctx);
}
