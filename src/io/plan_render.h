/*
 * plan_render.h — the goal plan document (销售目标管理计划, product.md "The goal
 * plan document") written as Markdown or as one printable, self-contained HTML
 * file, in Chinese or English.
 *
 * The document is made from a struct plan_doc of plain data that the
 * application layer fills (app/plan.h): every figure arrives as canonical
 * decimal text ("1234.50" money in major units of doc->currency, counts "200"
 * or "2.459", ratios "0.4521", scores "4.5000", "" when undefined) with the
 * kind of value it is; this module alone turns them into what people read
 * (¥1,234.50, ¥12.35万, 45.2%), working on the decimal digits, never in
 * floating point — the same rules as the command line's terminal tables. Texts from the database
 * (titles, reasons, owners) are escaped for the output format: HTML escapes & < > " ' and Markdown
 * backslash-escapes the characters that would start markup (| in table cells
 * included). Nothing here knows the store, the engine or the front ends.
 */
#pragma once
#include "domain/value_kind.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"

#define PLAN_TEXT_MAX    256 /* titles, scopes, reasons */
#define PLAN_SHORT_MAX   64  /* periods, canonical numbers, labels */
#define PLAN_REASONS_MAX 8   /* achievability reasons kept per goal */

/* How a canonical value is shown (the metric units of domain/metric.h). */
/* enum value_kind: domain/value_kind.h */

/* One SMART letter: passed or not, and why (in the document's language). */
struct plan_letter {
    bool ok;
    char reason[PLAN_TEXT_MAX];
};

/* A goal of the plan with its check and its figures as of the plan's date. */
struct plan_goal {
    int64_t id, parent, objective; /* parent/objective 0 when none */
    bool top;                      /* no parent among the plan's goals */
    char title[PLAN_TEXT_MAX];
    char metric[PLAN_SHORT_MAX]; /* metric name in the document's language */
    char scope[PLAN_TEXT_MAX];   /* canonical: company, person:NAME, unit:PATH ... */
    char period[PLAN_SHORT_MAX]; /* canonical: "2026-Q1" */
    char start[11], end[11];     /* its first and last day, YYYY-MM-DD */
    enum value_kind kind;
    bool lower;                  /* lower is better */
    bool additive;               /* parts of a split add up to the whole */
    char target[PLAN_SHORT_MAX]; /* canonical */
    char cadence[16];            /* "", "weekly", "biweekly", "monthly" */
    char sentence[1024];         /* the manager's own sentence it was written from, or "" */
    /* the SMART check (top-level goals only: checked is false for the others) */
    bool checked;
    struct plan_letter smart[5];  /* S M A R T */
    int smart_score;              /* 0..5 */
    bool judged;                  /* achievability was judged */
    char verdict[PLAN_SHORT_MAX]; /* "稳妥" / "stretch" ... in the document's language */
    char reasons[PLAN_REASONS_MAX][PLAN_TEXT_MAX];
    size_t n_reasons;
    /* figures: canonical texts, "" when undefined */
    char actual[PLAN_SHORT_MAX], attainment[PLAN_SHORT_MAX], expected[PLAN_SHORT_MAX],
        pace[PLAN_SHORT_MAX], forecast[PLAN_SHORT_MAX];
    char status[16]; /* the key of goal_status_name: "on_track", "met" ... */
};

/* A strategy objective. */
struct plan_objective {
    int64_t id;
    char title[PLAN_TEXT_MAX];
    char description[512];
};

/* One part of a breakdown table. */
struct plan_part {
    int64_t goal_id;
    int depth;                   /* 1: a child of the table's goal, 2: a grandchild ... */
    char label[PLAN_TEXT_MAX];   /* the part's period (over time) or scope (over the team) */
    char target[PLAN_SHORT_MAX]; /* canonical */
    char share[PLAN_SHORT_MAX];  /* canonical ratio of its own parent's target, "" when none */
};

/* A parent whose parts do not add up (from the consistency check). */
struct plan_mismatch {
    int64_t parent_id;
    char target[PLAN_SHORT_MAX], sum[PLAN_SHORT_MAX], gap[PLAN_SHORT_MAX]; /* canonical; gap =
                                                                               target − sum */
};

enum plan_over { PLAN_OVER_TIME, PLAN_OVER_TEAM };

/* A goal broken down over time (nested: year → quarters → months) or over the
 * team (its children with other scopes). */
struct plan_breakdown {
    enum plan_over over;
    int64_t root; /* the goal broken down (a plan_goal id) */
    enum value_kind kind;
    bool additive; /* false: a ratio or score, every part keeps its own target */
    struct plan_part *parts;
    size_t n_parts;
    struct plan_mismatch *mismatches; /* parents in this table whose parts do not add up */
    size_t n_mismatches;
};

/* An action step (行动步骤). */
struct plan_action {
    int64_t id, goal_id;
    char what[PLAN_TEXT_MAX];
    char owner[128];
    char due[11]; /* "" when none */
    bool done;
    char driver[128];
};

/* A recorded change of a goal (调整), with its reason. */
struct plan_adjustment {
    int64_t goal_id;
    char at[24], field[32];
    char old_value[PLAN_TEXT_MAX], new_value[PLAN_TEXT_MAX], reason[PLAN_TEXT_MAX];
};

/* The burn-up of a goal (the charts of io/svg_chart.h): its figures at a
 * handful of days of its period — expected on every day, actual on the days
 * through the as-of day ("" after it) — canonical texts as in plan_goal. */
#define PLAN_BURNUP_POINTS 40
struct plan_point {
    char date[11]; /* YYYY-MM-DD */
    char expected[PLAN_SHORT_MAX], actual[PLAN_SHORT_MAX];
};
struct plan_burnup {
    int64_t goal_id;
    struct plan_point points[PLAN_BURNUP_POINTS]; /* ascending; the as-of day among them */
    size_t n;
};

/* The whole plan. Arrays are owned by the doc (plan_doc_free). */
struct plan_doc {
    char lang[3];                   /* "zh" or "en" */
    char scope[PLAN_TEXT_MAX];      /* canonical scope of the plan */
    char period[PLAN_SHORT_MAX];    /* canonical period */
    char start[11], end[11];        /* its first and last day, YYYY-MM-DD */
    char as_of[11];                 /* YYYY-MM-DD */
    char generator[PLAN_SHORT_MAX]; /* "attain 0.1.0" */
    char currency[4];               /* reporting currency, "CNY" */
    struct plan_objective *objectives;
    size_t n_objectives;
    struct plan_goal *goals; /* by id */
    size_t n_goals;
    struct plan_breakdown *breakdowns;
    size_t n_breakdowns;
    struct plan_action *actions; /* by goal, then id */
    size_t n_actions;
    struct plan_adjustment *adjustments; /* oldest first per goal, goals by id */
    size_t n_adjustments;
    struct plan_burnup *burnups; /* of the top-level goals that accrue over time, by id */
    size_t n_burnups;
};

/* An empty plan ("en", currency "CNY"). */
void plan_doc_init(struct plan_doc *d);
/* Free everything D owns and leave it empty (as plan_doc_init). */
void plan_doc_free(struct plan_doc *d);

/* Append an element to the matching array of D and return it zeroed (the
 * array grows as needed; allocation failure aborts). For a breakdown, the
 * part and mismatch appenders add to B. */
struct plan_objective *plan_add_objective(struct plan_doc *d);
struct plan_goal *plan_add_goal(struct plan_doc *d);
struct plan_breakdown *plan_add_breakdown(struct plan_doc *d);
struct plan_part *plan_add_part(struct plan_breakdown *b);
struct plan_mismatch *plan_add_mismatch(struct plan_breakdown *b);
struct plan_action *plan_add_action(struct plan_doc *d);
struct plan_adjustment *plan_add_adjustment(struct plan_doc *d);
struct plan_burnup *plan_add_burnup(struct plan_doc *d);

/* The goal ID of D, or NULL. */
const struct plan_goal *plan_goal_find(const struct plan_doc *d, int64_t id);

enum plan_format { PLAN_MD, PLAN_HTML };

/* "md" (or "markdown") and "html" into *OUT; AT_INVALID naming the choices. */
enum at_status plan_format_parse(const char *text, enum plan_format *out, struct at_err *err);

/*
 * Write D as a document in FORMAT, appended to OUT (UTF-8). The sections, in
 * D->lang: the title block; 1 strategic objectives and the goals aligned with
 * them (orphan goals named); 2 each top-level goal with its SMART letters and
 * achievability; 3 the breakdown tables, each with a line saying whether its
 * parts add up; 4 action steps per goal; 5 the review cadence per goal, the
 * method's standard cadence and the adjustments; 6 the current status table.
 * HTML is one file with inline CSS for A4 printing and no external resource.
 * Errors: AT_INVALID when OUT's cap is reached (OUT then holds a prefix).
 */
enum at_status plan_render(const struct plan_doc *d, enum plan_format format, struct buf *out,
                           struct at_err *err);

/*
 * Append canonical value TEXT of KIND as people read it in LANG ("zh" or else
 * English) to OUT; exact, rounding half away from zero on the decimal digits:
 *  - money in CURRENCY (NULL or "" = "CNY"), rounded to its decimals:
 *    "¥1,234.50" ($ € £ too; JPY "¥1,235"; other codes "1,234.50 BRL"); in zh
 *    from 1万 "¥12.35万", from 1亿 "¥1.23亿" (two decimals, 亿 chosen after
 *    rounding: 99999999.99 is "¥1.00亿"); negative "-¥1,234.50";
 *  - counts with thousands separators ("12,345", "2.459" stays);
 *  - ratios as a percentage with one decimal ("0.4521" → "45.2%");
 *  - scores with two decimals ("4.5000" → "4.50");
 *  - "" as "—"; text that is not a plain decimal unchanged.
 */
enum at_status plan_value_text(enum value_kind kind, const char *text, const char *currency,
                               const char *lang, struct buf *out);

/*
 * The same writer for other documents (the review agenda, app/review.h):
 * headings, paragraphs, lists, tables and major sections in Markdown or in
 * the plan's self-contained printable HTML (head, style sheet, A4 pages),
 * texts escaped for the format, values shown as plan_value_text shows them.
 * doc_writer_new starts the document (in HTML the head titled TITLE and the
 * body); doc_writer_finish ends it and frees the writer, returning the first
 * error (AT_INVALID when OUT's cap was reached). Writes after an error are
 * skipped. The writer appends to OUT, which the caller owns.
 */
struct doc_writer;
struct doc_writer *doc_writer_new(struct buf *out, enum plan_format format, const char *lang,
                                  const char *currency, const char *title);
void doc_heading(struct doc_writer *dw, int level, const char *text);
void doc_para(struct doc_writer *dw, const char *text);
void doc_list_begin(struct doc_writer *dw);
void doc_item(struct doc_writer *dw, const char *text);
void doc_list_end(struct doc_writer *dw);
/* RIGHT (may be NULL) says which of the N columns hold numbers. */
void doc_table_begin(struct doc_writer *dw, const char *const *cols, const bool *right, size_t n);
void doc_table_row(struct doc_writer *dw, const char *const *cells, const bool *right, size_t n);
void doc_table_end(struct doc_writer *dw);
/* A major section (in HTML each after the first starts a new printed page). */
void doc_section_begin(struct doc_writer *dw, const char *title);
void doc_section_end(struct doc_writer *dw);
/* Canonical TEXT of KIND as people read it in the document's language; caller frees. */
char *doc_value(struct doc_writer *dw, enum value_kind kind, const char *text);
/* A goal status key ("on_track") in the document's language. */
const char *doc_status_word(const struct doc_writer *dw, const char *key);
/* A goal field named in a change (target, period, locked, request …) in the
 * document's language. */
const char *doc_field_word(const struct doc_writer *dw, const char *field);
/* Charts as inline SVG (io/svg_chart.h), a block of their own. The burn-up B
 * of a goal of KIND titled TITLE, with its TARGET and its FORECAST at the
 * period's END, START and the AS_OF marker (canonical texts, YYYY-MM-DD);
 * nothing when a date is unreadable. Attainment by member: N bars labelled
 * LABELS of the canonical ratios ATTAINMENT ("" undefined), coloured by the
 * goal status keys STATUS, the value shown as the tables show it. */
void doc_chart_burnup(struct doc_writer *dw, const struct plan_burnup *b, const char *title,
                      enum value_kind kind, const char *target, const char *forecast,
                      const char *start, const char *end, const char *as_of);
void doc_chart_attainment(struct doc_writer *dw, const char *title, const char *const *labels,
                          const char *const *attainment, const char *const *status, size_t n);
enum at_status doc_writer_finish(struct doc_writer *dw, struct at_err *err);
