/*
 * forecast.h — the forecast call (销售预测, issue 9 section 2): deal stages
 * mapped to forecast categories, a rep's call for a period (commit and best
 * case, defaulting from their open deals), a manager's adjustment, the call
 * rolled up a team or unit as it stood on any date, and its accuracy once the
 * period is over. The rules are docs/reviews.md; the pure ones are
 * domain/forecast.h. Money is int64 minor units of the reporting currency.
 * Who acts comes from app->req (app_actor); the day a call is made is
 * --as-of or app_day(&app->req).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/forecast.h"
#include "domain/goal.h"
#include "domain/period.h"

/* ---- categories ---------------------------------------------------------- */

/* One stage found in the deals (or set by hand), with its category. */
struct forecast_stage {
    const char *stage;    /* valid during the callback */
    long deals;           /* deal shares in that stage (0: set by hand, no deal) */
    bool has_prob;        /* MEAN_PROB_BP is known */
    int64_t mean_prob_bp; /* their mean win probability, weighted by credit share */
    enum forecast_category category;
    enum forecast_rule rule; /* set by hand, by name, by probability */
};
typedef enum at_status (*forecast_stage_fn)(const struct forecast_stage *s, void *ctx,
                                            struct at_err *err);
/* Every stage of the deals (then stages set by hand that no deal has), by
 * name, with its category. */
enum at_status app_forecast_categories(struct app *app, forecast_stage_fn fn, void *ctx,
                                       struct at_err *err);
/* Set ASSIGN[0..N) ("STAGE=CATEGORY") in one transaction, recorded with the
 * actor (req.actor, "cli" when none) and the request's day. A text without
 * "=", an unknown category or a stage that no deal has: AT_INVALID naming it,
 * and nothing is written. */
enum at_status app_forecast_categories_set(struct app *app, const char *const *assign, size_t n,
                                           struct at_err *err);

/* ---- a call -------------------------------------------------------------- */

/* A rep's figures for a period as known on a day: what the call defaults to. */
struct forecast_defaults {
    int64_t closed; /* won_value in the period through the day */
    int64_t commit_deals, best_deals,
        pipe_deals; /* open deals closing in the period, by category */
    long n_commit, n_best, n_pipe;
    int64_t commit;    /* closed + commit deals */
    int64_t best_case; /* commit + best-case deals */
};

/* A call ready to save (app_forecast_submit_build), shown before saving. */
struct forecast_submission {
    int64_t person_id;
    char person[GOAL_SCOPE_MAX]; /* "person:NAME" */
    char period[PERIOD_TEXT_MAX];
    int32_t day;
    struct forecast_defaults defaults;
    int64_t commit, best_case;
    bool commit_given, best_given;
    const char *note; /* borrowed */
};

/* The call of the acting person (app_actor) for PERIOD, made on AS_OF (NULL
 * = the request's day): the defaults from their deals, overridden by COMMIT
 * and BEST_CASE (money texts as goal targets read them: "60万",
 * "1,200,000.50"; NULL = the default). Nothing is stored. Errors: no actor,
 * a bad period or day, a period over before the day, a bad or negative
 * amount, best case below commit, a note over 1000 bytes or not UTF-8. */
enum at_status app_forecast_submit_build(struct app *app, const char *period, const char *as_of,
                                         const char *commit, const char *best_case,
                                         const char *note, struct forecast_submission *out,
                                         struct at_err *err);
/* Store S (built above); *ID gets the call's id. */
enum at_status app_forecast_submit_save(struct app *app, const struct forecast_submission *s,
                                        int64_t *id, struct at_err *err);

/* A manager's adjustment of PERSON's commit for PERIOD to COMMIT, with NOTE
 * (required), made on AS_OF (NULL = the request's day). Only someone who may
 * decide over the person (org_may_decide) may: AT_FORBIDDEN naming the actor
 * and the person otherwise. *ID gets the row id; OUT_PERSON (may be NULL,
 * GOAL_SCOPE_MAX bytes) the person's label. */
enum at_status app_forecast_adjust(struct app *app, const char *person, const char *period,
                                   const char *commit, const char *note, const char *as_of,
                                   int64_t *id, char *out_person, struct at_err *err);

/* ---- the roll-up ----------------------------------------------------------- */

struct forecast_show_options {
    const char *period; /* required */
    const char *scope;  /* NULL = company */
    const char *as_of;  /* NULL = the request's day */
};

/* One row of attain forecast show. Money in minor units. */
struct forecast_row {
    char scope[GOAL_SCOPE_MAX]; /* person:…, then the roll-ups team:…, unit:…, company */
    bool rollup;
    bool has_quota;
    int64_t quota;   /* the target of the bookings/revenue goal of exactly this scope and period */
    int64_t closed;  /* won_value through the as-of day */
    bool has_call;   /* a call stands (for a roll-up: anyone's) */
    bool has_submit; /* a submission stands (persons) */
    int64_t commit;  /* submitted commit (Σ for a roll-up) */
    int64_t best_case; /* submitted best case (Σ) */
    int64_t adjusted;  /* commit after the manager's adjustments (Σ) */
    int64_t weighted_pipeline;
    bool has_gap;
    int64_t gap; /* quota − adjusted commit (no call: quota − closed) */
    long calls;  /* people with a call standing */
};
typedef enum at_status (*forecast_row_fn)(const struct forecast_row *r, void *ctx,
                                          struct at_err *err);
/* Each person of the scope with anything to show (a quota, closed deals, a
 * call or a pipeline), by label, then the roll-ups: a team scope by every
 * team inside it, a unit or the company by its child units, then the scope
 * itself; each call as it stood on the as-of day. */
enum at_status app_forecast_show(struct app *app, const struct forecast_show_options *o,
                                 forecast_row_fn fn, void *ctx, struct at_err *err);

/* ---- accuracy -------------------------------------------------------------- */

struct forecast_accuracy_options {
    const char *period; /* required; must be over on the as-of day */
    const char *scope;  /* NULL = company */
    const char *by;     /* "person" (default), "team" or "unit" */
    const char *as_of;  /* NULL = the request's day */
};

struct forecast_accuracy_row {
    char scope[GOAL_SCOPE_MAX];
    char week[16]; /* "2026-W05", or "mean" for the summary row */
    bool mean;
    int64_t commit;      /* the commit standing at the week's end (Σ); 0 on the mean row */
    int64_t actual;      /* the final actual of the callers standing (Σ) */
    bool defined;        /* actual > 0 */
    int64_t error, bias; /* ×10^4 */
    long weeks;          /* the mean row: weeks counted */
};
typedef enum at_status (*forecast_accuracy_fn)(const struct forecast_accuracy_row *r, void *ctx,
                                               struct at_err *err);
enum at_status app_forecast_accuracy(struct app *app, const struct forecast_accuracy_options *o,
                                     forecast_accuracy_fn fn, void *ctx, struct at_err *err);
