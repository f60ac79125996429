/*
 * goals.h — the goal use cases: add (from fields or a sentence), list, show,
 * edit, archive, objectives and action steps. Validation happens before any
 * write; every change of a stored goal leaves a line in its history.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "domain/goal.h"
#include "store/goal_store.h"

/* A goal as typed on the command line (texts, all optional but the ones the
 * use case needs). */
struct goal_fields {
    const char *metric, *scope, *period, *target, *growth, *base, *title, *parent, *objective,
        *direction, *cadence;
    const char *const *filters; /* "key=value" */
    size_t n_filters;
    const char *as_of; /* reading relative periods; NULL = today */
};

/* Check F and turn it into a goal (nothing is stored): metric, scope and
 * period must be known; a growth goal gets its baseline from the engine. */
enum at_status app_goal_build(struct app *app, const struct goal_fields *f, const char *lang,
                              struct goal *out, struct goal_meta *meta, struct at_err *err);

/* Store G (built by app_goal_build) in one transaction; G->id is set. */
enum at_status app_goal_save(struct app *app, struct goal *g, const struct goal_meta *meta,
                             struct at_err *err);

struct sentence_goal;

/* Read TEXT as a goal (nothing stored): OUT gets what was understood, with the
 * company as scope when none was named; SG what the parser read and missed.
 * TEXT longer than GOAL_SENTENCE_MAX − 1 bytes or not UTF-8 is AT_INVALID.
 * ME is the current user's scope ("person:王芳") or NULL. */
enum at_status app_goal_from_sentence(struct app *app, const char *text, const char *as_of,
                                      const char *lang, const char *me, struct goal *out,
                                      struct sentence_goal *sg, struct at_err *err);

/* Apply the fields set in F (title, objective, cadence, parent, direction,
 * scope, period, metric, target or growth, filters) over G and META: for a
 * goal read from a sentence, what the fields say wins over what the sentence
 * said, and nothing given is dropped. Nothing is stored. */
enum at_status app_goal_apply(struct app *app, const struct goal_fields *f, struct goal *g,
                              struct goal_meta *meta, struct at_err *err);

/* Goal ID (with META, its sentence too). */
enum at_status app_goal_get(struct app *app, int64_t id, struct goal *g, struct goal_meta *meta,
                            struct at_err *err);

/* A title for G made of its scope's name, metric and period, in LANG. */
void app_goal_default_title(const struct goal *g, const char *lang, char *out, size_t size);

/* How many live goals there are. */
enum at_status app_goal_count(struct app *app, int64_t *n, struct at_err *err);

/* Every goal, archived ones too when ARCHIVED. */
enum at_status app_goal_list(struct app *app, bool archived, goal_fn fn, void *ctx,
                             struct at_err *err);

/* Change goal ID by the fields set in F (title, target, growth, period, scope,
 * parent, objective, direction, cadence, filters), recording REASON. When the
 * goal is locked and the change touches its target, period or scope, nothing
 * is written to it: the change becomes a pending request (app/adjust.h) whose
 * id goes to *REQUEST_ID (0 when the change was written). */
enum at_status app_goal_edit(struct app *app, int64_t id, const struct goal_fields *f,
                             const char *reason, const char *lang, int64_t *request_id,
                             struct at_err *err);

/* Write NEW_G over OLD_G (the same goal) in the caller's transaction: one
 * history line per field that differs, with REASON and the request's actor,
 * then the goal; *CHANGES counts the lines (nothing is written when 0). The
 * one path of every change of a stored goal's fields (edit, approved
 * requests, reassign, rebalance, reconcile). */
enum at_status app_goal_write(struct app *app, const struct goal *old_g, const struct goal *new_g,
                              const struct goal_meta *old_m, const struct goal_meta *new_m,
                              const char *reason, int *changes, struct at_err *err);

enum at_status app_goal_archive(struct app *app, int64_t id, const char *reason,
                                struct at_err *err);

/* The metric value of goal G as of AS_OF: over its period through AS_OF
 * (retention and market share over the whole period), pipelines as of AS_OF. */
enum at_status app_goal_actual(struct app *app, const struct goal *g, int32_t as_of,
                               struct metric_value *out, struct at_err *err);

/* The metric value of goal G over its whole period as known on AS_OF (not
 * cut at AS_OF: for pipelines, the open deals as they stood on AS_OF that are
 * expected to close in the period). */
enum at_status app_goal_value_known(struct app *app, const struct goal *g, int32_t as_of,
                                    struct metric_value *out, struct at_err *err);

/* Canonical target text of G ("1500000.00", "0.6500"). */
char *app_goal_target_text(const struct app *app, const struct goal *g, char *out, size_t size);

/* The history of goal ID, oldest first. */
enum at_status app_goal_history(struct app *app, int64_t id, history_fn fn, void *ctx,
                                struct at_err *err);
/* Action steps of goal GOAL_ID (0: all goals); mark step ID done or not. */
enum at_status app_actions(struct app *app, int64_t goal_id, action_fn fn, void *ctx,
                           struct at_err *err);
enum at_status app_action_done(struct app *app, int64_t id, bool done, struct at_err *err);
/* Objective ID. */
enum at_status app_objective_get(struct app *app, int64_t id, struct objective *o,
                                 struct at_err *err);
/* The strategy objectives. */
enum at_status app_objectives(struct app *app, objective_fn fn, void *ctx, struct at_err *err);

enum at_status app_objective_add(struct app *app, const char *title, const char *description,
                                 int64_t *id, struct at_err *err);
enum at_status app_action_add(struct app *app, int64_t goal_id, const char *what, const char *owner,
                              const char *due, const char *driver, int64_t *id, struct at_err *err);
