/*
 * checkin.h — the rules of check-ins (进度检查, product.md "Reviews"): when a
 * goal owes one (its cadence's window), what a confidence value is, and the
 * flags a check-in carries. Pure: no I/O, no clock (the caller passes days).
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/metric.h"

#define CHECKIN_CONFIDENCE_MAX 10
/* A drop of this much or more since the author's previous check-in on the
 * goal is flagged "confidence_drop". */
#define CHECKIN_DROP 3
/* A check-in "says on track" when its confidence is at least this. */
#define CHECKIN_ON_TRACK 7
/* ... and is flagged "optimistic" when the goal's pace is below 9/10. */
#define CHECKIN_OPTIMISTIC_NUM 9
#define CHECKIN_OPTIMISTIC_DEN 10

/*
 * The first day of the window in which a goal of CADENCE must have a
 * check-in, as of DAY: "" (not set, the default) and "weekly": the Monday
 * of DAY's ISO week; "biweekly": the Monday of the ISO week before DAY's
 * (one check-in in this or last week is enough); "monthly": the first of
 * DAY's month. "none" (or any other text): -1, nothing is owed.
 */
int32_t checkin_window_start(const char *cadence, int32_t day);

/* TEXT as a confidence: a whole number 0..10 ("7", " 7" and "7.0" are not
 * accepted: "7" only). AT_INVALID naming TEXT otherwise. */
enum at_status checkin_confidence_parse(const char *text, int *out, struct at_err *err);

/* Flags of a check-in. */
enum checkin_flag {
    CHECKIN_FLAG_CONFIDENCE_DROP = 1, /* previous − confidence ≥ CHECKIN_DROP */
    CHECKIN_FLAG_OPTIMISTIC = 2,      /* confidence ≥ CHECKIN_ON_TRACK while pace < 0.9 */
};

/*
 * The flags of a check-in with CONFIDENCE (-1: none given) by an author whose
 * previous check-in on the goal had PREVIOUS (-1: none, or it gave none),
 * on a goal whose pace is PACE (undefined: no "optimistic" flag).
 */
unsigned checkin_flags(int confidence, int previous, const struct metric_value *pace);

/* FLAGS as text: "confidence_drop;optimistic", "" for none, into OUT. */
char *checkin_flags_text(unsigned flags, char *out, size_t size);
