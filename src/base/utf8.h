/*
 * utf8.h — UTF-8 text as people see it: display width in a terminal (CJK
 * characters take two columns), validity, and cutting to a width.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* Columns S takes in a terminal (utf8proc widths; invalid bytes count 1). */
size_t utf8_width(const char *s);
/* Is S[0..n) valid UTF-8? */
bool utf8_valid(const char *s, size_t n);
/* snprintf into OUT (SIZE > 0 bytes); text too long is cut at a whole UTF-8
 * character, never in the middle of one. */
void utf8_snprintf(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Drop an incomplete UTF-8 character from the end of S (what a byte-limited
 * cut leaves). */
void utf8_cut(char *s);

/* Bytes of the longest prefix of S that fits in WIDTH columns (whole characters). */
size_t utf8_prefix_for_width(const char *s, size_t width);
