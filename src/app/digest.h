/*
 * digest.h — the weekly digest of a scope (attain digest): every goal's
 * status as of a day, and the biggest movers — the change of attainment
 * over the last 7 days (each goal evaluated as of the day and 7 days
 * before). Rendered as Markdown, a self-contained HTML page, or sent as a
 * message to the scope's channels through the outbox (notify.h).
 *
 * The digest is made of sections (digest.c: digest_sections[]), each a
 * function writing its part; due check-ins, pending requests and the
 * forecast call are more rows of that table once their tables exist.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/notify.h"
#include "app/progress.h"
#include "base/str.h"

struct digest_options {
    const char *scope;  /* required */
    const char *period; /* goals overlapping it; NULL = the goals live on the day */
    const char *as_of;  /* NULL = today */
};

struct digest_goal {
    struct goal_progress now;
    bool moved;        /* attainment defined on both days */
    int64_t before_bp; /* attainment 7 days before, basis points */
    int64_t now_bp;    /* attainment on the day, basis points */
};

struct digest {
    char scope[256]; /* the scope's label */
    struct scope_ref ref;
    int32_t day, before;       /* the day and 7 days before it */
    struct digest_goal *goals; /* in id order */
    size_t n_goals;
    size_t movers[5]; /* indexes into goals: largest |change| first, changes only */
    size_t n_movers;
};

/* Gather the digest of O into *D (caller frees with digest_free). */
enum at_status app_digest(struct app *app, const struct digest_options *o, struct digest *d,
                          struct at_err *err);
void digest_free(struct digest *d);

enum digest_format { DIGEST_MD, DIGEST_HTML, DIGEST_TEXT };
/* D in FORMAT and LANG appended to OUT (DIGEST_TEXT: the plain lines of a
 * chat message, without the heading). */
void digest_render(struct app *app, const struct digest *d, enum digest_format format,
                   const char *lang, struct buf *out);
/* Queue D to every channel whose scope holds D's scope (one transaction),
 * each in its language, then deliver what is due. *QUEUED: messages written. */
enum at_status app_digest_send(struct app *app, const struct digest *d, size_t *queued,
                               struct notify_result *r, struct at_err *err);
