/*
 * svg_chart.h — small charts as inline SVG for the printable documents (the
 * goal plan, the review agenda): a burn-up (actual against the expected
 * curve and the target, the forecast dashed) and horizontal bars (attainment
 * by member, coloured by status). They print without JavaScript and without
 * any external resource: no xmlns link, no font file, no script; the text
 * uses the CJK font stack of the documents.
 *
 * Values are int64 ×10^4 in their unit (the scale of domain/goal.h); the
 * charts work in integers only (pixel positions by 128-bit products). Axis
 * ticks are nice numbers (1, 2, 5 × 10^k) labelled compactly per language:
 * money "¥50万", "¥1.5亿" in Chinese and "¥500K", "¥1.5M" in English;
 * ratios "50%"; counts "1,200" / "1.2万". Every text is escaped for XML
 * (& < > " '). The SVG holds no blank line, so Markdown keeps it one HTML
 * block. Nothing here knows the store, the engine or the front ends.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/str.h"
#include "domain/value_kind.h"

#define SVG_POINTS_MAX 64 /* points of a burn-up */

/* Canonical decimal TEXT ("1234.5", "-0.4521", at most 4 decimals after
 * rounding half away from zero) as ×10^4 into *OUT; false for "" or text
 * that is not a plain decimal (then *OUT is 0). */
bool svg_value_read(const char *text, int64_t *out);

/* A burn-up of one goal over its period. */
struct svg_burnup {
    const char *title;    /* caption (plain text) */
    const char *lang;     /* "zh" or else English: legend, ticks, dates */
    const char *currency; /* money ticks; NULL = "CNY" */
    enum value_kind kind;
    int32_t start, end; /* the period's first and last day (day numbers) */
    int32_t as_of;      /* the "today" marker when inside the period */
    /* the points, days ascending inside start..end; expected at every point,
     * actual at the first N_ACTUAL ones (the days through as_of) */
    int32_t days[SVG_POINTS_MAX];
    int64_t expected[SVG_POINTS_MAX], actual[SVG_POINTS_MAX];
    size_t n, n_actual;
    int64_t target;
    bool has_forecast; /* dashed from the last actual point to (end, forecast) */
    int64_t forecast;
    /* the labels of the target line, the last actual point and the forecast's
     * end, as the document's tables show those values; NULL: none */
    const char *target_text, *actual_text, *forecast_text;
};

/* One bar: LABEL (plain text), its value (defined or not: no bar, "—"),
 * the text shown after it (as the document's tables show the value) and the
 * goal status key that picks its colour ("on_track", "behind" ...). */
struct svg_bar {
    const char *label;
    bool defined;
    int64_t value;
    const char *value_text;
    const char *status;
};

struct svg_bars {
    const char *title; /* caption (plain text) */
    const char *lang;  /* "zh" or else English */
    const struct svg_bar *bars;
    size_t n;
    int64_t reference; /* a dashed line at this value (10000: 100%); 0: none */
};

/* Append the chart as one <svg> element (and a newline) to OUT. Errors: the
 * buffer's (AT_INVALID when OUT's cap is reached). Each bar is one
 * <rect class="bar"…>; the value labels are <text class="value">; the
 * burn-up's labels <text class="target|actual|forecast">. */
enum at_status svg_burnup_write(const struct svg_burnup *c, struct buf *out);
enum at_status svg_bars_write(const struct svg_bars *c, struct buf *out);

/* The fill colour of a goal status key: green (on track, achieved, met),
 * amber (at risk), red (behind, missed), grey (the rest). */
const char *svg_status_colour(const char *status);
