/*
 * display.c — numbers as people read them (see display.h): exact decimal
 * arithmetic on the canonical text, no floating point.
 */
#include "domain/display.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/value.h"

/* A decimal read from canonical text: the digits d[0..n) with the last FRAC
 * of them after the point (always at least one before it), and a sign. */
#define DEC_MAX 64
struct dec {
    bool neg;
    char d[DEC_MAX];
    size_t n, frac;
};

/* Put digit C in front of X; false when X is full. */
static bool dec_prepend(struct dec *x, char c)
{
    if (x->n + 1 >= DEC_MAX)
        return false;
    memmove(x->d + 1, x->d, x->n);
    x->d[0] = c;
    x->n++;
    return true;
}

/* Put digit C at the end of X; false when X is full. */
static bool dec_append(struct dec *x, char c)
{
    if (x->n + 1 >= DEC_MAX)
        return false;
    x->d[x->n++] = c;
    return true;
}

/* Read "[-]digits[.digits]" (at least one digit) into X; false on anything else. */
static bool dec_read(const char *s, struct dec *x)
{
    memset(x, 0, sizeof *x);
    if (*s == '-' || *s == '+')
        x->neg = *s++ == '-';
    bool point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (!dec_append(x, *s))
                return false;
            if (point)
                x->frac++;
        } else if (*s == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    if (x->n == 0)
        return false;
    while (x->n <= x->frac)
        if (!dec_prepend(x, '0'))
            return false;
    return true;
}

/* X × 10^K (K may be negative); false when X would overflow its digits. */
static bool dec_scale(struct dec *x, int k)
{
    for (; k < 0; k++) {
        x->frac++;
        if (x->n <= x->frac && !dec_prepend(x, '0'))
            return false;
    }
    for (; k > 0; k--) {
        if (x->frac > 0)
            x->frac--;
        else if (!dec_append(x, '0'))
            return false;
    }
    return true;
}

/* Round X to R decimals, half away from zero, and pad it to exactly R. */
static bool dec_round(struct dec *x, size_t r)
{
    if (x->frac > r) {
        size_t keep = x->n - (x->frac - r);
        bool up = x->d[keep] >= '5';
        x->n = keep;
        x->frac = r;
        for (size_t i = keep; up;) {
            if (i == 0)
                return dec_prepend(x, '1');
            i--;
            if (x->d[i] == '9') {
                x->d[i] = '0';
            } else {
                x->d[i]++;
                up = false;
            }
        }
    }
    while (x->frac < r) {
        if (!dec_append(x, '0'))
            return false;
        x->frac++;
    }
    return true;
}

/* Is X zero? */
static bool dec_zero(const struct dec *x)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->d[i] != '0')
            return false;
    return true;
}

/* Is |X| ≥ 1? */
static bool dec_ge1(const struct dec *x)
{
    for (size_t i = 0; i < x->n - x->frac; i++)
        if (x->d[i] != '0')
            return true;
    return false;
}

/* Append |X| to B: the integer part without leading zeros (thousands
 * separated by commas when GROUP), then the decimals. */
static enum at_status dec_put(struct buf *b, const struct dec *x, bool group)
{
    size_t int_len = x->n - x->frac, start = 0;
    while (start + 1 < int_len && x->d[start] == '0')
        start++;
    enum at_status st = AT_OK;
    for (size_t i = start; i < int_len && !st; i++) {
        st = buf_putc(b, x->d[i]);
        size_t left = int_len - i - 1;
        if (!st && group && left > 0 && left % 3 == 0)
            st = buf_putc(b, ',');
    }
    if (!st && x->frac) {
        st = buf_putc(b, '.');
        if (!st)
            st = buf_append(b, x->d + int_len, x->frac);
    }
    return st;
}

/* Money X in CURRENCY for LANG (see display_value): rounded to the
 * currency's decimals; in zh from 1万 in 万, and in 亿 when it rounds to at
 * least 1.00亿. */
static enum at_status money_put(struct buf *b, const struct dec *x, const char *currency, bool zh)
{
    const char *symbol = currency_symbol(currency);
    struct dec shown = *x;
    const char *suffix = "";
    if (!dec_round(&shown, (size_t)currency_exponent(currency)))
        shown = *x;
    if (zh) {
        /* 万 from 1万; 亿 once the amount in 万 rounds to 10000万 or more, so
         * 99,994,999.99 is ¥9,999.50万 and 99,999,999.99 is ¥1.00亿 */
        struct dec yi = shown, wan = shown, ten_k = shown, wan_in_yi;
        bool big = dec_scale(&ten_k, -4) && dec_ge1(&ten_k); /* |x| >= 10000 */
        bool wan_ok = big && dec_scale(&wan, -4) && dec_round(&wan, 2);
        wan_in_yi = wan;
        bool huge = wan_ok && dec_scale(&wan_in_yi, -4) && dec_ge1(&wan_in_yi);
        if (huge && dec_scale(&yi, -8) && dec_round(&yi, 2)) {
            shown = yi;
            suffix = "亿";
        } else if (wan_ok) {
            shown = wan;
            suffix = "万";
        }
    }
    enum at_status st = AT_OK;
    if (shown.neg && !dec_zero(&shown))
        st = buf_putc(b, '-');
    if (!st && symbol)
        st = buf_puts(b, symbol);
    if (!st)
        st = dec_put(b, &shown, true);
    if (!st)
        st = buf_puts(b, suffix);
    if (!st && !symbol)
        st = buf_printf(b, " %s", currency);
    return st;
}

enum at_status display_value(enum value_kind kind, const char *text, const char *currency,
                             const char *lang, struct buf *out)
{
    bool zh = lang && strncmp(lang, "zh", 2) == 0;
    if (!text || !*text)
        return buf_puts(out, "\xE2\x80\x94"); /* — */
    struct dec x;
    if (!dec_read(text, &x))
        return buf_puts(out, text);
    if (kind == VK_MONEY)
        return money_put(out, &x, currency && *currency ? currency : "CNY", zh);
    bool ok = true, group = true;
    const char *suffix = "";
    if (kind == VK_RATIO) {
        ok = dec_scale(&x, 2) && dec_round(&x, 1);
        suffix = "%";
    } else if (kind == VK_SCORE) {
        ok = dec_round(&x, 2);
        group = false;
    } else if (x.frac > 1) { /* a count with a fraction is an average or a
                                projection: one decimal (75.0565 -> 75.1) */
        ok = dec_round(&x, 1);
    }
    if (!ok)
        return buf_puts(out, text);
    enum at_status st = AT_OK;
    if (x.neg && !dec_zero(&x))
        st = buf_putc(out, '-');
    if (!st)
        st = dec_put(out, &x, group);
    if (!st)
        st = buf_puts(out, suffix);
    return st;
}

const char *display_scope(const char *scope, const char *lang, char *out, size_t size)
{
    if (!size)
        return out;
    const char *s = scope ? scope : "";
    bool zh = lang && strncmp(lang, "zh", 2) == 0;
    const char *name = s, *suffix = "";
    if (zh) {
        if (strcmp(s, "company") == 0)
            name = "公司";
        else if (strncmp(s, "unit:", 5) == 0)
            name = s + 5;
        else if (strncmp(s, "person:", 7) == 0)
            name = s + 7;
        else if (strncmp(s, "team:", 5) == 0)
            name = s + 5, suffix = "团队";
    }
    size_t n = strlen(name), m = strlen(suffix);
    if (n + m >= size) { /* cut before a UTF-8 continuation byte */
        n = n < size - 1 ? n : size - 1;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
        m = 0;
    }
    memcpy(out, name, n);
    memcpy(out + n, suffix, m);
    out[n + m] = 0;
    return out;
}

const char *display_scope_name(const char *scope, const char *lang, char *out, size_t size)
{
    if (lang && strncmp(lang, "zh", 2) == 0)
        return display_scope(scope, lang, out, size);
    if (!size)
        return out;
    const char *s = scope ? scope : "";
    if (strcmp(s, "company") == 0)
        snprintf(out, size, "Company");
    else if (strncmp(s, "unit:", 5) == 0)
        snprintf(out, size, "%s", s + 5);
    else if (strncmp(s, "person:", 7) == 0)
        snprintf(out, size, "%s", s + 7);
    else if (strncmp(s, "team:", 5) == 0)
        snprintf(out, size, "%s's team", s + 5);
    else
        snprintf(out, size, "%s", s);
    /* snprintf may have cut inside a character: drop its leading bytes */
    size_t n = strlen(out);
    if (n == size - 1) {
        size_t k = n;
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
            unsigned char lead = (unsigned char)out[k - 1];
            size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (n - (k - 1) < want)
                out[k - 1] = '\0';
        }
    }
    return out;
}

/* Append TEXT (N bytes) to OUT (SIZE bytes, *LEN used), cut at the end. */
static void put(char *out, size_t size, size_t *len, const char *text, size_t n)
{
    if (*len + 1 >= size)
        return;
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(out + *len, text, n);
    *len += n;
    out[*len] = '\0';
}

/* The Chinese word of a method or a decision in a reason, else WORD. */
static const char *reason_word(const char *word)
{
    static const char *const words[][2] = {
        {"even", "平均"},       {"days", "天数"},       {"working", "工作日"},
        {"seasonal", "季节性"}, {"history", "历史"},    {"capacity", "产能"},
        {"manual", "手工"},     {"approved", "已批准"}, {"rejected", "已驳回"},
        {"units", "下级单位"},  {"members", "成员"},    {"quarters", "各季度"},
        {"months", "各月"},     {"weeks", "各周"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(word, words[i][0]) == 0)
            return words[i][1];
    return word;
}

bool display_reason(const char *cell, const char *lang, char *out, size_t size)
{
    if (!size || !lang || strncmp(lang, "zh", 2) != 0)
        return false;
    size_t len = 0;
    bool any = false;
    const char *p = cell;
    out[0] = '\0';
    while (*p) {
        const char *open = strstr(p, " (");
        if (!open) {
            put(out, size, &len, p, strlen(p));
            break;
        }
        const char *q = open + 2;
        long long id;
        char a[128], b[64], c[64], piece[512] = "", name[160];
        int used = 0;
        if (sscanf(q, "split:%lld by %63[a-z_] over %63[a-z_])%n", &id, b, c, &used) == 3 && used) {
            snprintf(piece, sizeof piece, "（由目标 %lld 按%s分解到%s）", id, reason_word(b),
                     reason_word(c));
        } else if ((used = 0,
                    sscanf(q, "reconcile with goal %lld by %63[a-z_])%n", &id, b, &used) == 2 &&
                        used)) {
            snprintf(piece, sizeof piece, "（按%s与目标 %lld 对齐）", reason_word(b), id);
        } else if ((used = 0, sscanf(q, "rebalance of goal %lld as of %10[0-9-] by %63[a-z_])%n",
                                     &id, c, b, &used) == 3 &&
                                  used)) {
            snprintf(piece, sizeof piece, "（目标 %lld 截至 %s 按%s重新分配）", id, c,
                     reason_word(b));
        } else if ((used = 0,
                    sscanf(q, "reassign of %127s %63s by %63[a-z_])%n", a, c, b, &used) == 3 &&
                        used)) {
            snprintf(piece, sizeof piece, "（%s %s 的剩余目标按%s移交）",
                     display_scope(a, lang, name, sizeof name), c, reason_word(b));
        } else if ((used = 0,
                    sscanf(q, "request #%lld of %127[^,], %63[a-z]%n", &id, a, b, &used) == 3)) {
            /* the last part: "approved)" or "approved: COMMENT)" up to the end */
            const char *rest = q + used;
            const char *comment = rest[0] == ':' && rest[1] == ' ' ? rest + 2 : "";
            size_t n = strlen(comment);
            const char *who = strcmp(a, "cli") == 0 ? "命令行"
                              : strncmp(a, "person:", 7) == 0
                                  ? display_scope(a, lang, name, sizeof name)
                                  : a;
            snprintf(piece, sizeof piece, "（变更申请 #%lld，申请人 %s，%s%s%.*s）", id, who,
                     reason_word(b), n ? "：" : "", n ? (int)n - 1 : 0, comment);
            used = (int)strlen(q);
        }
        if (piece[0]) {
            put(out, size, &len, p, (size_t)(open - p));
            put(out, size, &len, piece, strlen(piece));
            p = q + used;
            any = true;
        } else {
            put(out, size, &len, p, (size_t)(q - p));
            p = q;
        }
    }
    return any;
}
