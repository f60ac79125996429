/*
 * scorecard.h — weighted scorecards (考核, issue 9 section 6): several goals
 * of one scope and period weighted into one score, and the score rolled up
 * the org (docs/reviews.md). The rules of attainment, inversion and
 * caps are domain/forecast.h's.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/forecast.h"
#include "domain/goal.h"
#include "domain/period.h"
#include "domain/value_kind.h"

#define SCORECARD_GOALS_MAX 32

/* Add a scorecard for scope SCOPE and PERIOD with N goals GOALS[i]
 * ("ID:WEIGHT", the weight a percentage: "40%", "40", "12.5%"). Every goal
 * must exist and be live, once; the weights must sum to exactly 100 %
 * (AT_INVALID naming the sum, e.g. 95 %); a scope and period with a
 * scorecard already is AT_CONFLICT. Nothing is written on any error. *ID
 * gets the scorecard's id. */
enum at_status app_scorecard_add(struct app *app, const char *scope, const char *period,
                                 const char *const *goals, size_t n, int64_t *id,
                                 struct at_err *err);

struct scorecard_options {
    const char *scope;  /* scorecards of scopes inside it; NULL = all */
    const char *period; /* scorecards of exactly this period; NULL = all */
    const char *cap;    /* "100%" (default), "120%" or "none" */
    const char *as_of;  /* NULL = the request's day */
};

enum scorecard_line { SCORECARD_GOAL, SCORECARD_SCORE, SCORECARD_ROLLUP };

/* One line of attain scorecard show: a goal of a card, the card's score, or
 * a manager's score rolled up from their reports. */
struct scorecard_row {
    int64_t card; /* 0 for a roll-up */
    char scope[GOAL_SCOPE_MAX];
    char period[PERIOD_TEXT_MAX];
    enum scorecard_line line;
    int64_t goal; /* SCORECARD_GOAL */
    char title[GOAL_TITLE_MAX];
    enum metric_id metric;
    bool lower;
    int32_t weight_bp;                 /* the goal's weight; 10000 on a score line */
    struct typed_value target, actual; /* in the goal's unit */
    bool defined;                      /* the attainment is a ratio */
    int64_t attainment;                /* ×10^4 (inverted for a lower-is-better goal) */
    int64_t counted;                   /* ×10^4, capped */
    int64_t contribution;              /* ×10^4: counted × weight; the score on other lines */
    long reports;                      /* SCORECARD_ROLLUP: reports counted */
};
typedef enum at_status (*scorecard_row_fn)(const struct scorecard_row *r, void *ctx,
                                           struct at_err *err);
/* Every scorecard matching O, goal lines then its score line, by card id;
 * then the roll-ups: each manager inside the scope without a scorecard of
 * their own for that period, scored from their direct reports' scores (own
 * or rolled up) weighted by target share, by label. */
enum at_status app_scorecard_show(struct app *app, const struct scorecard_options *o,
                                  scorecard_row_fn fn, void *ctx, struct at_err *err);
