/*
 * review_render.h — the review meeting agenda (周会 / 复盘, issue 9 section 3)
 * written as Markdown, printable HTML (the plan document's writer,
 * io/plan_render.h) or JSON, in Chinese or English.
 *
 * The agenda is a struct review_doc of plain data the application layer
 * fills (app/review.h): figures arrive as canonical decimal text with their
 * kind, as in the plan document. It is made of sections, each one row of the
 * section table in review_render.c (its Markdown/HTML writer and its JSON
 * writer) and one builder in app/review.c — a new section is a new row in
 * both and new fields here.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"
#include "domain/value_kind.h"
#include "io/plan_render.h"

#define REVIEW_TEXT_MAX  1024
#define REVIEW_SHORT_MAX 64
#define REVIEW_CHECKINS  3 /* the last check-ins shown per goal */

/* A check-in as the agenda shows it. */
struct review_checkin {
    int64_t id;
    char at[11];
    char by[128];
    int confidence; /* -1 when none */
    char status[16], pace[REVIEW_SHORT_MAX], flags[64];
    char note[REVIEW_TEXT_MAX], blockers[REVIEW_TEXT_MAX], next[REVIEW_TEXT_MAX];
    char acked_by[128]; /* "" when not acknowledged */
};

/* An open action step. */
struct review_action {
    int64_t id;
    char what[256], owner[128], due[11];
};

/* Why a goal is where it is on the agenda (its risk signals). */
enum review_signal {
    REVIEW_BEHIND = 1,          /* status behind or missed */
    REVIEW_AT_RISK = 2,         /* status at_risk */
    REVIEW_CONFIDENCE_DROP = 4, /* its latest check-in is flagged confidence_drop */
    REVIEW_CHECKIN_DUE = 8,     /* it owes a check-in (app/checkin.h) */
    REVIEW_CHILDREN = 16,       /* its sub-goals do not add up (goal reconcile) */
};

struct review_goal {
    int64_t id;
    char title[256], scope[256], period[REVIEW_SHORT_MAX], metric[REVIEW_SHORT_MAX];
    char start[11], end[11]; /* the period's first and last day, YYYY-MM-DD */
    enum value_kind kind;    /* of target, actual, expected, forecast, gap */
    /* canonical texts, "" when undefined; gap = expected − actual (lower is
     * better: actual − expected), the shortfall against what should be done */
    char target[REVIEW_SHORT_MAX], actual[REVIEW_SHORT_MAX], attainment[REVIEW_SHORT_MAX],
        expected[REVIEW_SHORT_MAX], pace[REVIEW_SHORT_MAX], forecast[REVIEW_SHORT_MAX],
        gap[REVIEW_SHORT_MAX];
    char status[16];
    unsigned signals;                                /* enum review_signal */
    struct review_checkin checkins[REVIEW_CHECKINS]; /* newest first */
    size_t n_checkins;
    struct review_action *actions;
    size_t n_actions;
};

/* A goal whose status moved between the two dates. */
struct review_move {
    int64_t goal_id;
    char title[256];
    char from[16], to[16]; /* status keys */
};

/* An adjustment a decision caused: a change of a goal (goal edit, reassign
 * … with --decision ID) or a change request still pending. */
struct review_cause {
    int64_t goal, request; /* request 0: a change written to GOAL */
    char field[32], from[64], to[64], at[20];
};
#define REVIEW_CAUSES 8

/* A decision of a review meeting. */
struct review_decision_item {
    int64_t id, goal_id; /* goal 0: about the scope as a whole */
    char meeting[11], by[128], text[REVIEW_TEXT_MAX];
    struct review_cause causes[REVIEW_CAUSES]; /* oldest first; the first REVIEW_CAUSES */
    size_t n_causes;
};

/* A row of the forecast call (app/forecast.h): a person, then the roll-ups;
 * money as canonical text, "" when there is none. */
struct review_forecast_row {
    char scope[256];
    bool rollup;
    char quota[REVIEW_SHORT_MAX], closed[REVIEW_SHORT_MAX], commit[REVIEW_SHORT_MAX],
        best_case[REVIEW_SHORT_MAX], adjusted[REVIEW_SHORT_MAX], weighted[REVIEW_SHORT_MAX],
        gap[REVIEW_SHORT_MAX];
    long calls; /* people with a call standing */
};

/* A change request of a locked goal (app/adjust.h): pending, or decided
 * since the last review. */
struct review_request {
    int64_t id;
    char status[16], scope[256], goals[256], summary[REVIEW_TEXT_MAX], reason[REVIEW_TEXT_MAX];
    char requested_by[128], requested_on[11], decided_by[128], decided_on[11];
    char comment[REVIEW_TEXT_MAX];
    bool stale;
};

struct review_doc {
    char lang[3], scope[256], period[REVIEW_SHORT_MAX]; /* period "" when none was given */
    char as_of[11];
    char since[11];     /* "" when there is no earlier review and no --since */
    bool since_meeting; /* since is the date of the previous review's decisions */
    char generator[REVIEW_SHORT_MAX], currency[4];
    struct review_goal *goals; /* by risk (app/review.h) */
    size_t n_goals;
    struct review_move *moves; /* by goal id */
    size_t n_moves;
    struct review_move *met; /* goals met or achieved since, by goal id */
    size_t n_met;
    struct review_decision_item *decisions; /* by meeting day, then id */
    size_t n_decisions;
    char forecast_period[REVIEW_SHORT_MAX]; /* the call's period: --period, else the quarter */
    struct review_forecast_row *forecast;   /* as attain forecast show lists them */
    size_t n_forecast;
    struct review_request *requests; /* pending, then decided since, by id */
    size_t n_requests;
    /* the charts (Markdown and HTML only): the burn-ups of the goals of the
     * scope itself that accrue over time (app/plan.h app_plan_burnup); the
     * attainment by member comes from the goals of the scopes inside it */
    struct plan_burnup *burnups;
    size_t n_burnups;
};

/* An empty agenda ("en", "CNY"). */
void review_doc_init(struct review_doc *d);
/* Free what D owns; D is empty again. */
void review_doc_free(struct review_doc *d);
/* Append an element and return it zeroed (allocation failure aborts). */
struct review_goal *review_add_goal(struct review_doc *d);
struct review_action *review_add_action(struct review_goal *g);
struct review_move *review_add_move(struct review_doc *d);
struct review_move *review_add_met(struct review_doc *d);
struct review_decision_item *review_add_decision(struct review_doc *d);
struct review_forecast_row *review_add_forecast(struct review_doc *d);
struct review_request *review_add_request(struct review_doc *d);
struct plan_burnup *review_add_burnup(struct review_doc *d);

enum review_format { REVIEW_MD, REVIEW_HTML, REVIEW_JSON };
/* "md", "html" or "json" into *OUT; AT_INVALID naming the choices. */
enum at_status review_format_parse(const char *text, enum review_format *out, struct at_err *err);

/* Write D in FORMAT, appended to OUT (UTF-8): the title block, then each
 * section of the table in order. JSON: one object {scope, period, as_of,
 * since, goals: [...], forecast: {period, rows: [...]}, changes: {since, moves, met},
 * decisions: [...], requests: [...]}, figures as
 * canonical strings (null when undefined). AT_INVALID when OUT's cap is reached. */
enum at_status review_render(const struct review_doc *d, enum review_format format, struct buf *out,
                             struct at_err *err);
