/*
 * achieve.h — is a goal achievable? (product.md, "Achievability", the A of
 * SMART). Judged from numbers the app gathers with the metric engine: the
 * scope's own history, its peers' growth, its sales funnel, its capacity and
 * its open pipeline. Pure: no I/O, no SQL; integers only (×10^4 values as in
 * domain/metric.h, 128-bit intermediates).
 *
 * THE RULES (each one leaves a reason with its numbers, in the input's language)
 *
 * 1. Growth. g = target / reference − 1, the reference being the same period
 *    last year (YoY) when known and > 0, else the previous period (PoP). Both
 *    are computed and shown when known; the verdict uses the reference.
 *      g ≤ +10% and (no peers or g ≤ peers' 75th percentile)  → comfortable
 *      else g ≤ +30% or (peers and g ≤ peers' 90th percentile)  → stretch
 *      else                                                       → unrealistic
 *    A target below the reference is g < 0 and the reason says so. Peers are
 *    used when there are at least ACHIEVE_MIN_PEERS of them (percentiles by
 *    linear interpolation between ranks); with fewer they are shown, not used.
 *    No usable reference (no history, or the reference is 0) → stretch, "no
 *    comparable history".
 * 2. Funnel (revenue, won_value, collections: deals = target ÷ avg deal size;
 *    deals_won, new_customers: deals = target). Deals to work = deals ÷ win
 *    rate, rounded up; visits needed = deals to work × visits per deal worked,
 *    rounded up. For the visits metric, visits needed = the target. Unknown
 *    avg deal size or win rate → deals and visits not estimated (said so).
 * 3. Capacity = Σ capacity weights (or people when no weights) × recent visits
 *    per person per working day × working days. r = visits needed / capacity:
 *      r ≤ 1        within capacity: no change
 *      1 < r ≤ 1.2  tight: at best stretch
 *      1.2 < r ≤ 1.5 one step worse
 *      r > 1.5      unrealistic, whatever else says
 * 4. Pipeline coverage c = open pipeline ÷ target (money deal metrics of rule
 *    2 only, when has_coverage): c ≥ 3× → one step better; c < 1× → one step
 *    worse when the history is thin, else only noted.
 * 5. Thin history (history_periods < 2): at best stretch, unless capacity or
 *    funnel clearly support it — visits needed ≤ 80% of capacity or coverage
 *    ≥ 3×, with neither over capacity nor coverage < 1×. A reason says the
 *    history is thin either way.
 * Order: rule 1 gives the base, then 4, then 3, then 5. A target of 0 is
 * comfortable.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/metric.h"

#define ACHIEVE_MAX_REASONS 8
#define ACHIEVE_REASON_MAX  256
#define ACHIEVE_MIN_PEERS   3

enum achieve_verdict { ACHIEVE_COMFORTABLE, ACHIEVE_STRETCH, ACHIEVE_UNREALISTIC };

/* "comfortable" "stretch" "unrealistic" (stable keys for JSON); "" for anything else. */
const char *achieve_verdict_name(enum achieve_verdict v);
/* The verdict for people: en as the name, zh "稳妥" "有挑战" "不现实". */
const char *achieve_verdict_label(enum achieve_verdict v, const char *lang);

/* What the judge needs. Zero-initialise and set what is known. */
struct achieve_input {
    enum metric_id metric;
    enum metric_unit unit; /* of METRIC */
    int exponent;          /* money: decimals of the reporting currency */
    const char *lang;      /* "en" or "zh" (of the reasons); NULL = en */
    int64_t target;        /* ×10^4 */
    bool has_prev;
    int64_t prev; /* same-length previous period value ×10^4 */
    bool has_last_year;
    int64_t last_year;             /* same period last year ×10^4 */
    const int32_t *peer_growth_bp; /* peers' year-over-year growth (bp) of the same metric, e.g.
                                      other reps/units at the same level; not kept */
    size_t n_peers;
    int history_periods; /* how many past periods have data (thin history < 2) */
    /* funnel (money/deal metrics; zeros when unknown) */
    int64_t avg_deal_size;   /* ×10^4 minor units */
    int32_t win_rate_bp;     /* 0 = unknown */
    int64_t visits_per_deal; /* visits per deal worked (won or lost) ×10^4; 0 = unknown */
    /* capacity */
    int64_t people;                /* people in the scope */
    int64_t weight_sum_milli;      /* Σ capacity weights ×1000 (a full-time rep is 1000);
                                      0 = no weights, count people */
    int64_t visits_per_person_day; /* recent rate per person per working day ×10^4 */
    int64_t working_days;          /* in the period */
    /* pipeline */
    bool has_coverage;
    int64_t open_pipeline; /* ×10^4: open deals expected to close in the period */
    /* presentation */
    const char *currency_symbol; /* put before money in reasons ("¥"); NULL = none */
};

struct achieve_result {
    enum achieve_verdict verdict;
    char reasons[ACHIEVE_MAX_REASONS][ACHIEVE_REASON_MAX]; /* each with its numbers, in lang:
                                "需要同比增长 35.0%（去年同期 ¥120万）…" */
    size_t n_reasons;
    int32_t growth_prev_bp, growth_yoy_bp; /* required growth over prev / last year */
    bool has_growth_prev, has_growth_yoy;
    int32_t peer_percentile;      /* where the required growth falls among peers (mid-rank), 0..100;
                                     -1 unknown */
    int64_t deals_needed;         /* deals to work ×10^4 (whole deals); 0 unknown */
    int64_t visits_needed;        /* ×10^4 (whole visits); 0 unknown */
    int64_t visits_capacity;      /* ×10^4; 0 unknown */
    struct metric_value coverage; /* open pipeline / target; undefined when not applicable */
    bool thin_history;
};

/*
 * Judge IN by the rules above into OUT (overwritten whole). Never fails:
 * what is unknown is skipped and said. Allocates a temporary copy of the
 * peers (freed before it returns).
 */
void achieve_judge(const struct achieve_input *in, struct achieve_result *out);
