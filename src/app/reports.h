/*
 * reports.h — the report use cases (attain report): sales by scope or
 * sub-period, a leaderboard of one metric, the pipeline funnel and the
 * customer analysis (top customers, segments, RFM, cohort retention, churn).
 *
 * A report is a list of sections, each a small table of canonical text cells
 * (as metric CSV writes them: money "1234.50" in major units of the reporting
 * currency, counts "3" or "0.6", ratios "0.4521", days "12.5", dates
 * YYYY-MM-DD; NULL where a column does not apply, "" where a value is
 * undefined). Front ends print each section for people, or flatten the report
 * (report_flatten) into one table with a `section` column for CSV, JSON and XLSX.
 */
#pragma once
#include "domain/value_kind.h"
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "app/metrics.h"

/* What a column holds, so a front end can localize and type it. */
/* enum value_kind: domain/value_kind.h */

struct report_col {
    const char *name; /* canonical column name: "revenue" */
    enum value_kind kind;
};

struct report_section {
    const char *name;                /* "stages", "summary", ... (static) */
    const char *title_en, *title_zh; /* heading for people (static) */
    size_t n_cols;
    const struct report_col *cols; /* static, or own_cols */
    struct report_col *own_cols;   /* the columns when the section owns them (report_flatten) */
    size_t n_rows, cap_rows;
    char **cells; /* n_rows × n_cols, row-major, owned; NULL = does not apply */
    bool record;  /* one row by nature (a summary): people read it as field: value */
    size_t show;  /* a long list: people see its first SHOW rows (0 = every row) */
};

struct report {
    const char *title_en, *title_zh; /* "Sales", "销售报表" (static) */
    char scope[300];                 /* canonical scope text */
    char period[PERIOD_TEXT_MAX];    /* canonical period text */
    char currency[CURRENCY_LEN];     /* reporting currency */
    struct report_section *sections;
    size_t n_sections;
    char **notes_en, **notes_zh; /* footnotes for people, n_notes each, owned */
    size_t n_notes;
};

struct report_query {
    struct metric_query q; /* metric (leaderboard only), period, scope, by, where, as_of */
    const char *top;       /* --top N as given; NULL = 10 */
};

/*
 * attain report sales: one section "sales" with the columns scope, period,
 * revenue, orders, won_value, win_rate, avg_deal_size, new_customers,
 * active_customers; one row per breakdown row (Q.by: person, team, unit or a
 * sub-period) and then the row of the scope over the whole period (the total,
 * computed for the scope itself, never by adding rows); without Q.by only that
 * row. Caller frees OUT with report_free. Errors: those of metric_query_read
 * and engine_metric (e.g. a stage filter).
 */
enum at_status app_report_sales(struct app *app, const struct report_query *q, struct report *out,
                                struct at_err *err);

/*
 * attain report leaderboard: Q.q.metric for every person (default), team or unit
 * of the scope (Q.by), one section "leaderboard" with rank, scope, period, metric,
 * value and share (of the scope's own value, for additive metrics: money and
 * counts but avg_deal_size and active_customers; else NULL). Sorted by value
 * descending, undefined values last without a rank; equal values share a rank
 * (1, 2, 2, 4) and are ordered by scope; the first Q.top rows (default 10).
 * Errors: AT_INVALID for an unknown metric, a --top that is not a whole number
 * of 1 or more, a --by other than person, team or unit; those of
 * metric_query_read and engine_metric. Caller frees OUT with report_free.
 */
enum at_status app_report_leaderboard(struct app *app, const struct report_query *q,
                                      struct report *out, struct at_err *err);

/*
 * attain report funnel: the deals of the scope created in the period (a deal
 * without a created date is left out and counted in the summary's
 * no_created_date and a note). Section "stages": stage, deals, amount, share
 * (of the deals) per current stage ("(none)" without one), ordered by the
 * stage's mean win probability ascending, stages holding only lost deals last,
 * then by name. Section "summary", one row: deals and amount created, won,
 * lost, open (status on the data's close dates), win_rate = won / (won + lost),
 * conversion = won / deals, cycle_median_days and cycle_mean_days from created
 * to closed over the won deals closed in the period (any created date),
 * cycle_deals their number, no_created_date. Split credit weighs every figure
 * by the scope's share. Q.by is refused. Caller frees OUT with report_free.
 */
enum at_status app_report_funnel(struct app *app, const struct report_query *q, struct report *out,
                                 struct at_err *err);

/*
 * attain report customers, sections (see the help of attain report for the
 * rules; every customer figure is the scope's share under split credit):
 *  - "top": the Q.top customers by revenue in the period: rank, customer,
 *    segment, region, revenue, orders, share (of the revenue with a customer),
 *    first_order (first order ever).
 *  - "segments": revenue by customer segment: segment, customers, revenue,
 *    orders, share.
 *  - "rfm": every customer with an order in the 12 months ending on the
 *    period's last day: customer, segment, region, recency_days (last day of
 *    the period − last order), orders (F), revenue (M), r, f, m (1–5 by
 *    quintiles) and label, by revenue descending; then "rfm_labels": label,
 *    customers, revenue, share (of the customers).
 *  - "cohorts": for each of the 4 quarters before the quarter holding the
 *    period's end, the customers whose first order ever (credited to the
 *    scope) falls in it; per later quarter up to the period's end: cohort,
 *    period, customers, active, share.
 *  - "churned": customers active in the previous period but not in this one:
 *    customer, segment, region, revenue, orders (previous period), last_order.
 * "rfm" and "churned" show their first Q.top rows to people (show). Q.by is
 * refused. Errors: AT_INVALID for a bad --top; those of metric_query_read and
 * engine_customer_stats (a stage filter). Caller frees OUT with report_free.
 */
enum at_status app_report_customers(struct app *app, const struct report_query *q,
                                    struct report *out, struct at_err *err);

/* Free everything R owns and zero it (a zeroed report may be freed too). */
void report_free(struct report *r);

/*
 * R as one section named "report" for CSV, JSON and XLSX: the column
 * `section` (the section's name) and then the union of the sections' columns
 * in order of first appearance (the same name has the same kind everywhere);
 * a cell of a column its section does not have is NULL. A report of one
 * section gives that section as it is (no `section` column). Caller frees OUT
 * with report_section_free.
 */
void report_flatten(const struct report *r, struct report_section *out);
void report_section_free(struct report_section *s);
