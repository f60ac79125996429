/* plan.c — the goal plan document's bytes (view/plan.h). */
#include "view/plan.h"

enum at_status view_plan(struct app *app, const struct plan_options *o, enum plan_format fmt,
                         struct buf *out, struct at_err *err)
{
    struct plan_doc doc;
    enum at_status st = app_plan(app, o, &doc, err);
    if (!st)
        st = plan_render(&doc, fmt, out, err);
    plan_doc_free(&doc);
    return st;
}
