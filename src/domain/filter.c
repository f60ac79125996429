/* filter.c — filters read from text once (filter.h). */
#include "domain/filter.h"

#include <stdio.h>
#include <string.h>

static const char *const key_names[] = {"product", "segment", "region", "tag", "stage"};

const char *filter_key_name(enum filter_key k)
{
    return (unsigned)k < sizeof key_names / sizeof key_names[0] ? key_names[k] : "?";
}

enum at_status filter_term_parse(const char *text, struct filter_term *out, struct at_err *err)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text || !eq[1])
        return at_err_set(err, AT_INVALID, "filter %s: write key=value", text);
    size_t k = (size_t)(eq - text);
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strlen(key_names[i]) == k && strncmp(text, key_names[i], k) == 0) {
            size_t n = strlen(eq + 1);
            if (n >= sizeof out->value)
                return at_err_set(err, AT_INVALID,
                                  "filter %.40s...: the value has %zu bytes; at most %d", text, n,
                                  FILTER_VALUE_MAX - 1);
            out->key = (enum filter_key)i;
            memcpy(out->value, eq + 1, n + 1);
            return AT_OK;
        }
    return at_err_set(err, AT_INVALID,
                      "filter %s: filter on product, segment, region, tag or stage", text);
}
