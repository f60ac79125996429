/* settings.c — attain config: the settable keys and their checks (settings.h). */
#include "app/settings.h"

#include <stdio.h>
#include <string.h>

#include "net/net.h"
#include "store/db.h"

struct setting {
    const char *key;
    const char *meta; /* the meta key it is kept under */
    enum at_status (*check)(const char *value, struct at_err *err);
};

static enum at_status check_base_url(const char *value, struct at_err *err)
{
    if (!net_url_is_http(value) || strchr(value, '?') || strchr(value, '#') ||
        strpbrk(value, " \t\r\n"))
        return at_err_set(err, AT_INVALID,
                          "base_url \"%s\": write the server's address as http(s)://HOST[:PORT]"
                          "[/PATH], without a query",
                          value);
    return AT_OK;
}

static const struct setting settings[] = {
    {"base_url", "base_url", check_base_url},
};
#define N_SETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *find(const char *key, struct at_err *err)
{
    for (size_t i = 0; i < N_SETTINGS; i++)
        if (!strcmp(settings[i].key, key))
            return &settings[i];
    at_err_set(err, AT_INVALID, "no setting \"%s\"; the settings are: base_url", key);
    return NULL;
}

enum at_status app_setting_get(struct app *app, const char *key, char *out, size_t size,
                               struct at_err *err)
{
    out[0] = '\0';
    const struct setting *s = find(key, err);
    if (!s)
        return AT_INVALID;
    struct at_err e;
    enum at_status st = db_meta_get(app->db, s->meta, out, size, &e);
    if (st == AT_NOT_FOUND) {
        out[0] = '\0';
        return AT_OK;
    }
    if (st)
        *err = e;
    return st;
}

enum at_status app_setting_set(struct app *app, const char *key, const char *value,
                               struct at_err *err)
{
    const struct setting *s = find(key, err);
    if (!s)
        return AT_INVALID;
    if (*value && strlen(value) > 512)
        return at_err_set(err, AT_INVALID, "%s: too long (512 bytes at most)", key);
    enum at_status st = *value ? s->check(value, err) : AT_OK;
    if (!st) {
        /* kept without a trailing slash, so links are BASE/goals/ID */
        char v[520];
        snprintf(v, sizeof v, "%s", value);
        size_t n = strlen(v);
        while (n > 0 && v[n - 1] == '/')
            v[--n] = '\0';
        st = db_meta_set(app->db, s->meta, v, err);
    }
    return st;
}

enum at_status app_settings(struct app *app, setting_fn fn, void *ctx, struct at_err *err)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        char v[520];
        enum at_status st = app_setting_get(app, settings[i].key, v, sizeof v, err);
        if (st)
            return st;
        fn(settings[i].key, v, ctx);
    }
    return AT_OK;
}

void app_goal_link(struct app *app, long long id, char *out, size_t size)
{
    char base[520];
    struct at_err e;
    out[0] = '\0';
    if (app_setting_get(app, "base_url", base, sizeof base, &e) || !base[0])
        return;
    snprintf(out, size, "%s/goals/%lld", base, id);
}
