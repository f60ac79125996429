/* lookup.c — lookups by typed value (lookup.h). */
#include "engine/lookup.h"

#include <stdio.h>

enum at_status engine_filter_add_term(const struct engine *e, struct metric_filter *f,
                                      const struct filter_term *t, struct at_err *err)
{
    /* The interning lives in engine.c (its string tables are private there);
     * the key is already checked, so only the tag limit can fail. To fold
     * into the engine's filter code when engine.c is split. */
    char kv[16 + FILTER_VALUE_MAX];
    snprintf(kv, sizeof kv, "%s=%s", filter_key_name(t->key), t->value);
    return engine_filter_add(e, f, kv, err);
}
