/*
 * metrics.h — the metric use cases: a metric for a scope and period with
 * breakdowns (attain metric), the rows behind it (attain explain), and the
 * engine's self-check (attain engine check).
 */
#pragma once
#include <stddef.h>

#include "app/app.h"
#include "domain/metric.h"
#include "engine/engine.h"

struct metric_query {
    const char *metric;
    const char *period;
    const char *scope;        /* NULL = company */
    const char *by;           /* NULL = no breakdown */
    const char *const *where; /* "key=value" filters */
    size_t n_where;
    const char *as_of; /* NULL = today */
};

struct metric_row {
    char *scope, *period;     /* canonical texts (in the result's blocks) */
    struct typed_value value; /* the figure (metric_typed); undefined = no value */
};

struct metric_result {
    char metric[32];
    enum metric_unit unit;
    char currency[CURRENCY_LEN];
    struct metric_row *rows; /* their texts point into the blocks below */
    size_t n_rows;
    char **scope_texts, *period_texts; /* owned blocks */
    double load_ms;                    /* opening the engine */
    double query_us;                   /* answering from it */
};

/* The parts of a query every metric use case and report shares (all but the metric). */
struct query_parts {
    struct engine *e; /* the app's engine (not owned) */
    struct period period;
    struct scope scope;
    struct metric_filter filter;
    enum breakdown by; /* BY_NONE without a breakdown */
    int32_t as_of;     /* the query's as-of date, else the request's day */
};

/* Read Q's as-of date, period, breakdown, scope and filters (Q->metric is not
 * looked at), building APP's engine on first use. Errors: AT_INVALID for a bad
 * date, period, breakdown or filter (naming it), the errors of query_scope
 * (app/query.h) for the scope, and those of app_engine. */
enum at_status metric_query_read(struct app *app, const struct metric_query *q,
                                 struct query_parts *out, struct at_err *err);

/* The sub-periods of P (month, quarter, week or day as BY says), clipped to P:
 * a clipped one becomes a range. Returns their number; caller frees *OUT. */
size_t metric_sub_periods(const struct period *p, enum breakdown by, int fiscal,
                          struct period **out);

/* The most rows a breakdown over time may make (periods of --by in the
 * period): 3.65M days made 1.58 GB of rows before (issue 8). */
#define METRIC_BREAKDOWN_MAX 100000

/* How many sub-periods of P BY makes (month, quarter, week or day; 1 for any
 * other breakdown), computed without making them. */
int64_t metric_sub_period_count(const struct period *p, enum breakdown by, int fiscal);

/* AT_OK when BY over P makes at most METRIC_BREAKDOWN_MAX rows, else
 * AT_INVALID saying the count and the coarser breakdown that fits:
 * "breakdown day over 0001-01-01..9999-12-31 would make 3652059 rows (at most
 * 100000): choose a coarser breakdown (quarter: 39996 rows) or a shorter
 * period". */
enum at_status metric_breakdown_check(const struct period *p, enum breakdown by, int fiscal,
                                      struct at_err *err);

/* Answer Q: one row per scope × period. Caller frees with metric_result_free. */
enum at_status app_metric(struct app *app, const struct metric_query *q, struct metric_result *out,
                          struct at_err *err);
void metric_result_free(struct metric_result *r);

/* Answer Q for each of the N metrics METRICS (Q->metric is not read) into
 * OUT[0 .. N), as app_metric would one by one, but work they share is done
 * once: a breakdown by team asking for active_customers and retention_rate
 * makes the teams' customer lists once (its time counts in the first one's
 * query_us). On an error every result is freed. */
enum at_status app_metric_list(struct app *app, const struct metric_query *q,
                               const char *const *metrics, size_t n, struct metric_result *out,
                               struct at_err *err);

struct explain_row {
    char date[11];
    char *ref; /* external id of the order, payment, deal, activity or survey */
    const char *holder, *customer;
    char share[16]; /* "60%" */
    char value[48]; /* the row's contribution, canonical */
};

typedef enum at_status (*explain_fn)(const struct explain_row *row, void *ctx, struct at_err *err);

/* The rows behind Q's figure (no breakdown), then FORMULA and VALUE texts. */
enum at_status app_explain(struct app *app, const struct metric_query *q, explain_fn fn, void *ctx,
                           char *formula, size_t formula_size, char *value, size_t value_size,
                           struct at_err *err);

/* Rebuild the engine from the store and compare it with SQL totals. */
typedef void (*check_line_fn)(const char *line, void *ctx);
enum at_status app_engine_check(struct app *app, check_line_fn fn, void *ctx, long *n_diff,
                                long *n_checked, struct at_err *err);

/* Counts and memory of the engine (built on first use). */
enum at_status app_engine_stats(struct app *app, struct engine_stats *out, struct at_err *err);
