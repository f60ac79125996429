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
/* Bytes of the longest prefix of S that fits in WIDTH columns (whole characters). */
size_t utf8_prefix_for_width(const char *s, size_t width);
