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

/* A goal inside the scope that owes a check-in (app/checkin.h). */
struct digest_due {
    int64_t goal;
    char title[GOAL_TITLE_MAX];
    char owes[128]; /* who owes it, "" when nobody */
    int32_t since;  /* the window's start */
};

/* A pending change request of a locked goal inside the scope (app/adjust.h). */
struct digest_request {
    int64_t id;
    char goals[64], reason[256], by[128], on[11];
};

struct digest {
    char scope[256]; /* the scope's label */
    struct scope_ref ref;
    int32_t day, before;       /* the day and 7 days before it */
    struct digest_goal *goals; /* in id order */
    size_t n_goals;
    size_t movers[5]; /* indexes into goals: largest |change| first, changes only */
    size_t n_movers;
    struct digest_due *due; /* by goal id */
    size_t n_due;
    struct digest_request *requests; /* by id */
    size_t n_requests;
    /* the forecast call of the scope for the quarter of the day (the scope's
     * own roll-up row of attain forecast show), when anyone has a call or a
     * quota */
    bool has_call;
    char call_period[PERIOD_TEXT_MAX];
    int64_t quota, closed, commit, best_case, adjusted, weighted, gap;
    bool has_quota, has_gap;
    long callers;
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
