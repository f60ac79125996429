/* utf8.c — display width and validity of UTF-8 text, through utf8proc. */
#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

size_t utf8_width(const char *s)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            w++;
            p++;
            left--;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
        left -= n;
    }
    return w;
}

bool utf8_valid(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0)
            return false;
        p += k;
        left -= k;
    }
    return true;
}

size_t utf8_prefix_for_width(const char *s, size_t width)
{
    size_t w = 0, bytes = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        int cw = 1;
        if (n <= 0)
            n = 1;
        else
            cw = utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0;
        if (w + (size_t)cw > width)
            break;
        w += (size_t)cw;
        bytes += (size_t)n;
        p += n;
        left -= n;
    }
    return bytes;
}

/* Cut OUT (LEN bytes) back to the last whole UTF-8 character. */
static void cut_utf8(char *out, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)out[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (i - 1) < want)
        out[i - 1] = '\0';
}

void utf8_snprintf(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    if (n < 0)
        out[0] = '\0';
    else if ((size_t)n >= size)
        cut_utf8(out, strlen(out));
}

void utf8_cut(char *s)
{
    cut_utf8(s, strlen(s));
}
