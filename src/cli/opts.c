/* opts.c — the option parser shared by every command. */
#include "cli/opts.h"

#include <string.h>

enum at_status opts_parse(const char *cmd, int argc, char **argv, const struct opt_spec *specs,
                          char **pos, int max_pos, int *n_pos, struct at_err *err)
{
    *n_pos = 0;
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == '\0' || (a[1] != '-' && (a[1] < 'a' || a[1] > 'z'))) {
            if (*n_pos >= max_pos)
                return at_err_set(err, AT_INVALID, "attain %s: unexpected argument \"%s\"; see "
                                  "attain help %s", cmd, a, cmd);
            pos[(*n_pos)++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const struct opt_spec *s = specs;
        while (s->name && !(strlen(s->name) == len && strncmp(s->name, a, len) == 0))
            s++;
        if (!s->name)
            return at_err_set(err, AT_INVALID, "attain %s: unknown option %.*s; see attain help %s",
                              cmd, (int)len, a, cmd);
        if (s->list) {
            const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
            if (!v)
                return at_err_set(err, AT_INVALID, "attain %s: %s needs a value", cmd, s->name);
            if (*s->n_list >= s->max_list)
                return at_err_set(err, AT_INVALID, "attain %s: at most %zu %s options", cmd,
                                  s->max_list, s->name);
            s->list[(*s->n_list)++] = v;
        } else if (s->flag) {
            if (eq)
                return at_err_set(err, AT_INVALID, "attain %s: %s takes no value", cmd, s->name);
            *s->flag = true;
        } else if (eq) {
            *s->value = eq + 1;
        } else if (i + 1 < argc) {
            *s->value = argv[++i];
        } else {
            return at_err_set(err, AT_INVALID, "attain %s: %s needs a value", cmd, s->name);
        }
    }
    return AT_OK;
}
