/* users.c — the tables of users and API tokens (see users.h). */
#include "view/users.h"

#include <stdio.h>

#include "app/auth.h"
#include "view/table.h"

static enum at_status user_row(const struct user_info *u, void *ctx, struct at_err *err)
{
    (void)err;
    const char *cells[7] = {u->login,       role_name(u->role),         u->person,
                            u->lang,        u->disabled ? "yes" : "no", u->created_at,
                            u->last_sign_in};
    table_add_row(ctx, cells);
    return AT_OK;
}

enum at_status view_users(struct app *app, struct table *out, struct at_err *err)
{
    static const char *const cols[] = {"login",    "role",       "person",      "lang",
                                       "disabled", "created_at", "last_sign_in"};
    table_init(out, 7, cols);
    return auth_user_each(app, user_row, out, err);
}

static enum at_status token_row(const struct token_info *t, void *ctx, struct at_err *err)
{
    (void)err;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)t->id);
    const char *cells[8] = {id,
                            t->name,
                            role_name(t->role),
                            t->unit,
                            t->created_at,
                            t->last_used,
                            t->revoked ? "yes" : "no",
                            t->scopes};
    table_add_row(ctx, cells);
    return AT_OK;
}

enum at_status view_tokens(struct app *app, struct table *out, struct at_err *err)
{
    static const char *const cols[] = {"id",         "name",      "role",    "unit",
                                       "created_at", "last_used", "revoked", "scopes"};
    table_init(out, 8, cols);
    out->right[0] = true;
    return auth_token_each(app, token_row, out, err);
}
