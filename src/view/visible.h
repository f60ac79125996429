/*
 * visible.h — which rows a list shows its reader. The command line shows
 * every row (a NULL struct view_visible); the HTTP API passes a test made of
 * app/access.h's rules for the signed-in principal, so that a list, an export
 * or a download never carries a row of a scope the reader may not read.
 */
#pragma once
#include <stdbool.h>

#include "domain/scope.h"

struct app;

struct view_visible {
    /* May the reader read scope S? CTX is the caller's. */
    bool (*may_read)(struct app *app, const struct scope_ref *s, void *ctx);
    void *ctx;
};

/* Does V let its reader see scope S? A NULL V: yes. */
bool view_visible_ref(struct app *app, const struct view_visible *v, const struct scope_ref *s);
/* Does V let its reader see the scope labelled LABEL ("person:张伟#E102", as
 * the org prints it)? A NULL V: yes; a label the org no longer resolves: no. */
bool view_visible_label(struct app *app, const struct view_visible *v, const char *label);
