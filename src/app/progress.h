/*
 * progress.h — where goals stand: pace, forecast and status of each goal as of
 * a date (attain goal status), the target variance report (attain report
 * variance) and the alignment tree (attain goal tree).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "domain/goal.h"
#include "domain/pace.h"
#include "store/goal_store.h"

struct progress_options {
    const char *scope;  /* goals inside this scope; NULL = all */
    const char *period; /* goals overlapping this period; NULL = all */
    const char *as_of;  /* NULL = today */
    const char *basis;  /* "days", "working" (default) or "seasonal" */
    int32_t at_risk_bp; /* 0 = the database setting or 9000 */
    const char *plan;   /* "original" (the baseline targets, app/adjust.h) or "current" (NULL) */
    /* a front end's row filter (visibility): a goal for which KEEP is false is
     * skipped before its figures are worked out; NULL keeps every goal */
    bool (*keep)(const struct goal *g, void *ctx);
    void *keep_ctx;
};

struct goal_progress {
    struct goal goal;
    struct metric_value actual;
    struct pace_result pace;
    bool additive;
};

typedef enum at_status (*progress_fn)(const struct goal_progress *p, void *ctx, struct at_err *err);

/* The figures of a goal's progress as typed values (domain/value_kind.h), in
 * this order: target, actual, attainment, expected, pace, forecast (run
 * rate), gap (0 when met), required run rate (per remaining working day),
 * coverage, forecast (pipeline), elapsed. Money in CURRENCY; the ratios
 * (attainment, pace, coverage, elapsed) are VK_RATIO. */
enum progress_figure {
    PF_TARGET,
    PF_ACTUAL,
    PF_ATTAINMENT,
    PF_EXPECTED,
    PF_PACE,
    PF_FORECAST,
    PF_GAP,
    PF_RUN_RATE,
    PF_COVERAGE,
    PF_FORECAST_PIPELINE,
    PF_ELAPSED,
    PF_COUNT
};
void goal_progress_figures(const struct goal_progress *p, const char *currency,
                           struct typed_value out[PF_COUNT]);

/* Every live goal matching O, with its figures, in id order. */
enum at_status app_goal_progress(struct app *app, const struct progress_options *o, progress_fn fn,
                                 void *ctx, struct at_err *err);

/* Figures of one goal. */
enum at_status app_goal_progress_one(struct app *app, const struct goal *g, int32_t as_of,
                                     enum pace_basis basis, struct goal_progress *out,
                                     struct at_err *err);

/* The seasonal profile of G's period (PACE_SEASONAL): last year's daily values
 * of its metric, one non-negative weight per day of the period, into *OUT
 * (caller frees) and *N (the period's days). */
enum at_status app_goal_season(struct app *app, const struct goal *g, int64_t **out, size_t *n,
                               struct at_err *err);

/* Is METRIC additive over time (pace scales the target by elapsed time)? */
bool metric_additive(enum metric_id m);

/* Read a basis name. */
enum at_status pace_basis_parse(const char *text, enum pace_basis *out, struct at_err *err);

/* One row of the target variance report. */
struct variance_row {
    char scope[GOAL_SCOPE_MAX]; /* a goal's scope, a unit rolled up ("unit:华东"), or "total" */
    struct period period;
    int64_t target, actual; /* ×10^4 in the metric's unit */
    int64_t original;       /* the same target in the original plan (app/adjust.h) */
    bool rollup;            /* a unit or the total: sums of the rows it holds */
};

struct variance_options {
    const char *period, *scope, *metric, *by, *as_of;
};

typedef enum at_status (*variance_fn)(const struct variance_row *r, void *ctx, struct at_err *err);

/* The target variance report: per goal scope (the finest goals: a parent split
 * over time gives way to its parts) and sub-period, the targets (a goal
 * partly inside a sub-period counts by its share of days) against the actual;
 * then units rolled up from the people inside them that have goals, then the
 * total. METRIC must be additive. *UNIT receives its unit. */
enum at_status app_variance(struct app *app, const struct variance_options *o, variance_fn fn,
                            void *ctx, enum metric_unit *unit, struct at_err *err);
