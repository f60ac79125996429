/* utf8.c — display width and validity of UTF-8 text, through utf8proc. */
#include "base/utf8.h"

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
