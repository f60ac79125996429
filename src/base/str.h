/*
 * str.h — growable byte buffers with a hard cap, and small string helpers.
 *
 * A struct buf owns its bytes (always NUL-terminated); buf_free releases them.
 * Allocation failure aborts (see xmalloc). Appends past the cap fail with
 * AT_INVALID and leave the buffer as it was.
 */
#pragma once
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct buf {
    char *data;   /* NUL-terminated; NULL until the first append */
    size_t len;   /* bytes used, without the NUL */
    size_t cap;   /* bytes allocated */
    size_t limit; /* maximum len; 0 means 1 GiB */
};

/* Memory: abort with a message when the system is out of memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* caller owns */
char *xstrndup(const char *s, size_t n); /* caller owns */

void buf_init(struct buf *b, size_t limit);
void buf_free(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps the memory */
enum at_status buf_append(struct buf *b, const void *data, size_t n);
enum at_status buf_puts(struct buf *b, const char *s);
enum at_status buf_putc(struct buf *b, char c);
enum at_status buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
enum at_status buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The contents as a C string ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (caller owns, never NULL) and reset B. */
char *buf_take(struct buf *b);

/* ASCII-case-insensitive comparison. */
int str_casecmp(const char *a, const char *b);
bool str_starts_with(const char *s, const char *prefix);
/* Bytes of the white space at S (ASCII, U+00A0 no-break space, U+3000
 * ideographic space), 0 when there is none. */
size_t str_space_len(const char *s);
/* Trim ASCII white space (and U+3000 ideographic space, U+00A0) from both ends
 * of S in place; returns S. */
char *str_trim(char *s);
/* Parse a whole base-10 int64 (optional sign); false on any junk or overflow. */
bool str_to_i64(const char *s, int64_t *out);
