/*
 * value.c — reading the values real exports hold: money, decimals, dates,
 * percentages, booleans, quantities and deal stages (see value.h).
 *
 * Everything is exact integer arithmetic: a number is scanned as text (integer
 * digits, optional "," thousands groups, optional fraction) and only then
 * scaled to the wanted number of decimals, rounding half away from zero on the
 * first dropped digit. No double is ever involved. Reasons in errors are short
 * and never quote the input; the caller adds file, line and column.
 */
#include "domain/value.h"

#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "domain/tz.h"
#include "domain/metric.h"

/* Longest value text we look at; a cell longer than this is not a value. */
#define VALUE_TEXT_MAX 128

/* ---- small text helpers ---------------------------------------------- */

/* Copy TEXT into OUT (SIZE bytes) and trim white space; false when too long. */
static bool copy_trimmed(const char *text, char *out, size_t size)
{
    if (!text)
        text = "";
    size_t n = strlen(text);
    if (n >= size)
        return false;
    memcpy(out, text, n + 1);
    str_trim(out);
    return true;
}

/* Advance *P over spaces. */
static void skip_spaces(const char **p)
{
    size_t n;
    while ((n = str_space_len(*p)) > 0)
        *p += n;
}

/* ASCII-only character classes: the locale must not change what a value means. */
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* ASCII lower case; other bytes (UTF-8) unchanged. */
static char to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* If *P starts with WORD, advance past it and return true. */
static bool eat(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

/*
 * Lower-case ASCII copy of TEXT into OUT without spaces, '-', '_' and a
 * trailing "(...)" / "（...）" remark such as "Closed Won (100%)"; used to
 * compare words. Truncates at SIZE.
 */
static void fold_word(const char *text, char *out, size_t size)
{
    char tmp[VALUE_TEXT_MAX];
    if (!copy_trimmed(text, tmp, sizeof tmp))
        tmp[0] = '\0';
    size_t len = strlen(tmp);
    if (len > 0 && tmp[len - 1] == ')') {
        char *open = strrchr(tmp, '(');
        if (open && open != tmp)
            *open = '\0';
    } else if (len >= 3 && strcmp(tmp + len - 3, "\xEF\xBC\x89") == 0) {
        char *open = strstr(tmp, "\xEF\xBC\x88");
        if (open && open != tmp)
            *open = '\0';
    }
    size_t o = 0;
    for (const char *p = tmp; *p && o + 1 < size;) {
        size_t sp = str_space_len(p);
        if (sp) {
            p += sp;
            continue;
        }
        if (*p == '-' || *p == '_') {
            p++;
            continue;
        }
        out[o++] = to_lower(*p++);
    }
    out[o] = '\0';
}

/* Is WORD one of the NULL-terminated LIST? */
static bool in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(word, *list) == 0)
            return true;
    return false;
}

/* ---- exact decimal numbers ------------------------------------------- */

/* A scanned number: where its integer and fraction digits are. */
struct num_text {
    const char *int_digits; /* may contain ',' group separators */
    size_t int_len;
    const char *frac_digits;
    size_t frac_len;
};

/*
 * Scan an unsigned decimal at *P: digits with optional "," thousands groups
 * (the first group 1-3 digits, every later one exactly 3), then an optional
 * '.' and fraction digits. At least one digit. Advances *P; on failure sets
 * *REASON and returns false.
 */
static bool num_scan(const char **p, struct num_text *n, const char **reason)
{
    const char *s = *p;
    memset(n, 0, sizeof *n);
    n->int_digits = s;
    size_t group = 0;
    bool grouped = false;
    while (is_digit(*s) || *s == ',') {
        if (*s == ',') {
            if (group == 0 || (grouped && group != 3) || (!grouped && group > 3) ||
                !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]) || is_digit(s[4])) {
                *reason = "a thousands separator must be followed by 3 digits";
                return false;
            }
            grouped = true;
            group = 0;
        } else {
            group++;
        }
        s++;
    }
    n->int_len = (size_t)(s - n->int_digits);
    if (*s == '.' && is_digit(s[1])) {
        s++;
        n->frac_digits = s;
        while (is_digit(*s))
            s++;
        n->frac_len = (size_t)(s - n->frac_digits);
    } else if (*s == '.' && n->int_len > 0) {
        s++; /* "12." */
    }
    if (n->int_len == 0 && n->frac_len == 0) {
        *reason = "not a number";
        return false;
    }
    *p = s;
    return true;
}

/* *V = *V * 10 + D without passing INT64_MAX; false on overflow. */
static bool mul10_add(uint64_t *v, unsigned d)
{
    if (*v > ((uint64_t)INT64_MAX - d) / 10)
        return false;
    *v = *v * 10 + d;
    return true;
}

/*
 * The magnitude of N scaled by 10^SCALE, rounded half away from zero (only the
 * first dropped digit decides). False when it does not fit an int64.
 */
static bool num_value(const struct num_text *n, int scale, uint64_t *mag)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n->int_len; i++)
        if (n->int_digits[i] != ',' && !mul10_add(&v, (unsigned)(n->int_digits[i] - '0')))
            return false;
    for (int i = 0; i < scale; i++) {
        unsigned d = (size_t)i < n->frac_len ? (unsigned)(n->frac_digits[i] - '0') : 0;
        if (!mul10_add(&v, d))
            return false;
    }
    if ((size_t)scale < n->frac_len && n->frac_digits[scale] >= '5') {
        if (v == (uint64_t)INT64_MAX)
            return false;
        v++;
    }
    *mag = v;
    return true;
}

/*
 * Parse a whole signed decimal TEXT ("-1,234.5", "+2") at SCALE into *OUT.
 * The reasons are those of value.h.
 */
static enum at_status signed_decimal(const char *text, int scale, int64_t *out, struct at_err *err)
{
    char buf[VALUE_TEXT_MAX];
    if (scale < 0 || scale > 18)
        return at_err_set(err, AT_INVALID, "unsupported scale %d", scale);
    if (!copy_trimmed(text, buf, sizeof buf))
        return at_err_set(err, AT_INVALID, "too long for a number");
    if (!buf[0])
        return at_err_set(err, AT_INVALID, "empty");
    const char *p = buf;
    bool neg = false;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    struct num_text n;
    const char *reason = NULL;
    if (!num_scan(&p, &n, &reason))
        return at_err_set(err, AT_INVALID, "%s", reason);
    if (*p)
        return at_err_set(err, AT_INVALID, "not a number");
    uint64_t mag;
    if (!num_value(&n, scale, &mag))
        return at_err_set(err, AT_INVALID, "number too large");
    *out = neg ? -(int64_t)mag : (int64_t)mag;
    return AT_OK;
}

/* ---- currencies ------------------------------------------------------- */

int currency_exponent(const char *code)
{
    static const char *const zero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                       "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                       "VND", "VUV", "XAF", "XOF", "XPF", NULL};
    static const char *const three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", NULL};
    if (!code)
        return 2;
    for (size_t i = 0; zero[i]; i++)
        if (str_casecmp(code, zero[i]) == 0)
            return 0;
    for (size_t i = 0; three[i]; i++)
        if (str_casecmp(code, three[i]) == 0)
            return 3;
    return 2;
}

bool currency_valid(const char *code)
{
    return code && is_upper(code[0]) && is_upper(code[1]) && is_upper(code[2]) && !code[3];
}

/* A currency sign or word and the code it stands for. */
struct currency_sign {
    const char *text;
    const char *code;
};

/* Signs before the number, longest first so "R$" wins over "$". */
static const struct currency_sign prefix_signs[] = {
    {"JP\xC2\xA5", "JPY"},
    {"CN\xC2\xA5", "CNY"},
    {"RMB", "CNY"},
    {"US$", "USD"},
    {"HK$", "HKD"},
    {"NT$", "TWD"},
    {"R$", "BRL"},
    {"S$", "SGD"},
    {"A$", "AUD"},
    {"C$", "CAD"},
    {"\xC2\xA5", "CNY"},     /* ¥ */
    {"\xEF\xBF\xA5", "CNY"}, /* ￥ */
    {"$", "USD"},
    {"\xE2\x82\xAC", "EUR"}, /* € */
    {"\xC2\xA3", "GBP"},     /* £ */
    {"\xE2\x82\xA9", "KRW"}, /* ₩ */
    {"\xE2\x82\xB9", "INR"}, /* ₹ */
    {NULL, NULL},
};

/* Signs and words after the number ("12元", "12 RMB", "12€"). */
static const struct currency_sign suffix_signs[] = {
    {"人民币", "CNY"},   {"美元", "USD"}, {"港元", "HKD"}, {"港币", "HKD"},
    {"欧元", "EUR"},     {"日元", "JPY"}, {"英镑", "GBP"}, {"元", "CNY"},
    {"块", "CNY"},       {"円", "JPY"},   {"RMB", "CNY"},  {"\xE2\x82\xAC", "EUR"},
    {"\xC2\xA3", "GBP"}, {"$", "USD"},    {NULL, NULL},
};

/*
 * Match a currency at *P from TABLE, or three upper-case letters not followed
 * by another letter; copy the code into CODE and advance. False when none.
 */
static bool eat_currency(const char **p, const struct currency_sign *table, char code[CURRENCY_LEN])
{
    if (!**p || (**p >= '0' && **p <= '9')) /* no sign starts with a digit: most amounts */
        return false;
    for (size_t i = 0; table[i].text; i++) {
        size_t n = strlen(table[i].text);
        if (strncmp(*p, table[i].text, n) == 0 &&
            !(is_alpha(table[i].text[n - 1]) && is_alpha((*p)[n]))) {
            memcpy(code, table[i].code, CURRENCY_LEN);
            *p += n;
            return true;
        }
    }
    const char *s = *p;
    if (is_upper(s[0]) && is_upper(s[1]) && is_upper(s[2]) && !is_alpha(s[3])) {
        memcpy(code, s, 3);
        code[3] = '\0';
        *p += 3;
        return true;
    }
    return false;
}

/* A multiplier word after the number and its power of ten. */
struct multiplier {
    const char *text;
    int power;
};

static const struct multiplier multipliers[] = {
    {"千万", 7}, {"百万", 6}, {"万", 4}, {"亿", 8}, {"千", 3},
    {"k", 3},    {"K", 3},    {"M", 6},  {NULL, 0},
};

/* Match a multiplier at *P (an ASCII one must not run into a letter); its power or 0. */
static int eat_multiplier(const char **p)
{
    for (size_t i = 0; multipliers[i].text; i++) {
        size_t n = strlen(multipliers[i].text);
        if (strncmp(*p, multipliers[i].text, n) == 0 &&
            !(is_alpha(multipliers[i].text[0]) && is_alpha((*p)[n]))) {
            *p += n;
            return multipliers[i].power;
        }
    }
    return 0;
}

enum at_status money_parse(const char *text, int exponent, int64_t *minor,
                           char currency_out[CURRENCY_LEN], struct at_err *err)
{
    char buf[VALUE_TEXT_MAX];
    char cur[CURRENCY_LEN] = "";
    char cur2[CURRENCY_LEN] = "";
    if (currency_out)
        currency_out[0] = '\0';
    if (exponent < 0 || exponent > 9)
        return at_err_set(err, AT_INVALID, "unsupported currency exponent %d", exponent);
    if (!copy_trimmed(text, buf, sizeof buf))
        return at_err_set(err, AT_INVALID, "too long for an amount");
    if (!buf[0])
        return at_err_set(err, AT_INVALID, "empty");

    bool neg = false, paren = false, sign = false;
    size_t len = strlen(buf);
    if (buf[0] == '(' || buf[len - 1] == ')') {
        if (buf[0] != '(' || buf[len - 1] != ')' || len < 3)
            return at_err_set(err, AT_INVALID, "unbalanced parenthesis");
        /* "(12.00)": drop the parentheses, the amount is negative. */
        memmove(buf, buf + 1, len - 2);
        buf[len - 2] = '\0';
        paren = neg = true;
    }
    const char *p = buf;
    skip_spaces(&p);
    if (*p == '-' || *p == '+') {
        if (paren)
            return at_err_set(err, AT_INVALID, "two signs");
        neg = *p == '-';
        sign = true;
        p++;
        skip_spaces(&p);
    }
    if (eat_currency(&p, prefix_signs, cur))
        skip_spaces(&p);
    if (*p == '-' || *p == '+') { /* "$-12" */
        if (paren || sign)
            return at_err_set(err, AT_INVALID, "two signs");
        neg = *p == '-';
        p++;
    }
    struct num_text n;
    const char *reason = NULL;
    if (!num_scan(&p, &n, &reason))
        return at_err_set(err, AT_INVALID, "%s", reason);
    skip_spaces(&p);
    int power = eat_multiplier(&p);
    skip_spaces(&p);
    if (eat_currency(&p, suffix_signs, cur2)) {
        if (cur[0] && strcmp(cur, cur2) != 0)
            return at_err_set(err, AT_INVALID, "two different currencies");
        memcpy(cur, cur2, sizeof cur);
        skip_spaces(&p);
    }
    if (*p)
        return at_err_set(err, AT_INVALID, "not a number");
    uint64_t mag;
    if (!num_value(&n, exponent + power, &mag))
        return at_err_set(err, AT_INVALID, "amount too large");
    *minor = neg ? -(int64_t)mag : (int64_t)mag;
    if (currency_out)
        memcpy(currency_out, cur, CURRENCY_LEN);
    return AT_OK;
}

char *money_format_plain(int64_t minor, int exponent, char *out, size_t size)
{
    if (!out || size == 0)
        return out;
    uint64_t mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    /* Digits from the right: EXPONENT fraction digits, the point, the rest. */
    char tmp[48];
    size_t i = sizeof tmp;
    tmp[--i] = '\0';
    int e = exponent < 0 ? 0 : exponent > 18 ? 18 : exponent;
    for (int k = 0; k < e; k++) {
        tmp[--i] = (char)('0' + mag % 10);
        mag /= 10;
    }
    if (e > 0)
        tmp[--i] = '.';
    do {
        tmp[--i] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag > 0);
    if (minor < 0)
        tmp[--i] = '-';
    snprintf(out, size, "%s", tmp + i);
    return out;
}

bool money_convert(int64_t amount, int from_exp, int64_t rate_e8, int to_exp, int64_t *out)
{
    if (from_exp < 0 || from_exp > 9 || to_exp < 0 || to_exp > 9)
        return false;
    __int128 num = (__int128)amount * rate_e8;
    __int128 den = 100000000;
    for (int i = to_exp; i < from_exp; i++)
        den *= 10;
    for (int i = from_exp; i < to_exp; i++) {
        /* |num| < 2^126 before each step, so ×10 cannot overflow. */
        __int128 lim = ((__int128)1 << 123);
        if (num > lim || num < -lim)
            return false;
        num *= 10;
    }
    bool neg = num < 0;
    __int128 mag = neg ? -num : num;
    __int128 q = mag / den, r = mag % den;
    if (r * 2 >= den)
        q++;
    if (q > INT64_MAX)
        return false;
    *out = neg ? -(int64_t)q : (int64_t)q;
    return true;
}

enum at_status decimal_parse(const char *text, int scale, int64_t *out, struct at_err *err)
{
    return signed_decimal(text, scale, out, err);
}

/* ---- dates ------------------------------------------------------------ */

enum at_status date_order_parse(const char *fmt, enum date_order *out, struct at_err *err)
{
    char letters[4] = "";
    size_t n = 0;
    char last = 0;
    if (!fmt)
        fmt = "";
    char word[16];
    fold_word(fmt, word, sizeof word);
    if (strcmp(word, "auto") == 0 || strcmp(word, "none") == 0 || strcmp(word, "") == 0) {
        *out = DATE_ORDER_NONE;
        return AT_OK;
    }
    if (strcmp(word, "iso") == 0) {
        *out = DATE_ORDER_YMD;
        return AT_OK;
    }
    for (const char *p = fmt; *p; p++) {
        char c = to_lower(*p);
        if (c == '%' || c == '/' || c == '-' || c == '.' || c == ' ')
            continue;
        if (c != 'y' && c != 'm' && c != 'd')
            goto bad;
        if (c == last)
            continue;
        if (n == 3 || strchr(letters, c))
            goto bad;
        letters[n++] = c;
        letters[n] = '\0';
        last = c;
    }
    if (strcmp(letters, "mdy") == 0)
        *out = DATE_ORDER_MDY;
    else if (strcmp(letters, "dmy") == 0)
        *out = DATE_ORDER_DMY;
    else if (strcmp(letters, "ymd") == 0)
        *out = DATE_ORDER_YMD;
    else
        goto bad;
    return AT_OK;
bad:
    return at_err_set(err, AT_INVALID,
                      "unknown date format; use MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD");
}

/* Read up to MAX digits at *P into *V; the number of digits read (0 when none). */
static int read_digits(const char **p, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && is_digit(**p)) {
        x = x * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = x;
    return n;
}

/* Count the digits at P. */
static int count_digits(const char *p)
{
    int n = 0;
    while (is_digit(p[n]))
        n++;
    return n;
}

/* English month name (3 letters or full) at *P: 1..12, or 0. Advances *P. */
static int eat_month_name(const char **p)
{
    static const char *const names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    char word[12];
    size_t n = 0;
    while (is_alpha((*p)[n]) && n < sizeof word - 1) {
        word[n] = to_lower((*p)[n]);
        n++;
    }
    word[n] = '\0';
    if (n < 3 || is_alpha((*p)[n]))
        return 0;
    for (int m = 0; m < 12; m++) {
        if (strcmp(word, names[m]) == 0 || (n == 3 && strncmp(word, names[m], 3) == 0) ||
            (m == 8 && strcmp(word, "sept") == 0)) {
            *p += n;
            return m + 1;
        }
    }
    return 0;
}

/* The time of day after a date, when there is one. */
struct time_tail {
    bool has_time, has_offset;
    int32_t secs;   /* seconds into the day */
    int32_t offset; /* seconds east of UTC, when has_offset */
};

/*
 * Check that P, the rest after a date, is empty or a time of day:
 * (' ' | 'T') H[H]:MM[:SS[.fff]] [AM|PM] [Z | UTC | GMT | ±HH[:MM]], and note
 * the time and its offset in *T.
 */
static bool time_tail_ok(const char *p, struct time_tail *t)
{
    int h, m, s = 0;
    *t = (struct time_tail){0};
    if (!*p)
        return true;
    if (*p == 'T' || *p == 't') {
        p++;
    } else {
        if (!str_space_len(p))
            return false;
        skip_spaces(&p);
    }
    if (read_digits(&p, 2, &h) == 0 || *p++ != ':' || read_digits(&p, 2, &m) != 2)
        return false;
    if (*p == ':') {
        p++;
        if (read_digits(&p, 2, &s) != 2 || s > 60)
            return false;
        if (*p == '.' || *p == ',') {
            p++;
            if (!is_digit(*p))
                return false;
            while (is_digit(*p))
                p++;
        }
    }
    if (m > 59)
        return false;
    const char *q = p;
    skip_spaces(&q);
    if (str_casecmp(q, "am") == 0 || str_casecmp(q, "pm") == 0 ||
        ((q[0] == 'a' || q[0] == 'A' || q[0] == 'p' || q[0] == 'P') &&
         (q[1] == 'm' || q[1] == 'M') && str_space_len(q + 2))) {
        if (h < 1 || h > 12)
            return false;
        bool pm = q[0] == 'p' || q[0] == 'P';
        h = h % 12 + (pm ? 12 : 0);
        p = q + 2;
    } else if (h > 23) {
        return false;
    }
    t->has_time = true;
    t->secs = h * 3600 + m * 60 + (s > 59 ? 59 : s);
    skip_spaces(&p);
    if (!*p)
        return true;
    if (str_casecmp(p, "Z") == 0 || str_casecmp(p, "UTC") == 0 || str_casecmp(p, "GMT") == 0) {
        t->has_offset = true;
        return true;
    }
    if (*p == '+' || *p == '-') {
        int oh, om = 0, sign = *p == '-' ? -1 : 1;
        p++;
        if (read_digits(&p, 2, &oh) != 2 || oh > 14)
            return false;
        if (*p == ':')
            p++;
        if (*p && (read_digits(&p, 2, &om) != 2 || om > 59))
            return false;
        t->has_offset = true;
        t->offset = sign * (oh * 3600 + om * 60);
        return *p == '\0';
    }
    return false;
}

/* Validate Y-M-D and store its day number; reasons say which part is wrong. */
static enum at_status make_date(int y, int m, int d, int32_t *out, struct at_err *err)
{
    if (y < 1 || y > 9999)
        return at_err_set(err, AT_INVALID, "year out of range");
    if (m < 1 || m > 12)
        return at_err_set(err, AT_INVALID, "no such month %d", m);
    if (d < 1 || !cal_valid_ymd(y, m, d))
        return at_err_set(err, AT_INVALID, "no such day %d in %04d-%02d", d, y, m);
    *out = cal_from_ymd(y, m, d);
    return AT_OK;
}

/* The date forms of date_parse; TEXT is trimmed. */
static enum at_status date_scan(const char *text, enum date_order order, int32_t *out,
                                struct time_tail *tt, struct at_err *err)
{
    const char *p = text;
    int a, b, c;
    int na = count_digits(p);
    if (na == 4) {
        read_digits(&p, 4, &a);
        if (eat(&p, "年")) { /* 2026年7月15日 */
            if (read_digits(&p, 2, &b) == 0 || !eat(&p, "月") || read_digits(&p, 2, &c) == 0)
                return at_err_set(err, AT_INVALID, "not a date");
            if (!eat(&p, "日"))
                eat(&p, "号");
        } else if (*p == '-' || *p == '/' || *p == '.') {
            char sep = *p++;
            if (read_digits(&p, 2, &b) == 0 || *p++ != sep || read_digits(&p, 2, &c) == 0)
                return at_err_set(err, AT_INVALID, "not a date");
        } else {
            return at_err_set(err, AT_INVALID, "not a date");
        }
        if (is_digit(*p) || !time_tail_ok(p, tt))
            return at_err_set(err, AT_INVALID, "not a date");
        return make_date(a, b, c, out, err);
    }
    if (na == 8) { /* 20260715 */
        read_digits(&p, 4, &a);
        read_digits(&p, 2, &b);
        read_digits(&p, 2, &c);
        if (!time_tail_ok(p, tt))
            return at_err_set(err, AT_INVALID, "not a date");
        return make_date(a, b, c, out, err);
    }
    if (na == 1 || na == 2) {
        read_digits(&p, 2, &a);
        if (*p == '/' || *p == '-' || *p == '.') {
            char sep = *p++;
            const char *q = p;
            int mon = eat_month_name(&q);
            if (mon && *q == sep) { /* 15-Jul-2026 */
                p = q + 1;
                if (count_digits(p) != 4)
                    return at_err_set(err, AT_INVALID, "not a date");
                read_digits(&p, 4, &c);
                if (!time_tail_ok(p, tt))
                    return at_err_set(err, AT_INVALID, "not a date");
                return make_date(c, mon, a, out, err);
            }
            if (read_digits(&p, 2, &b) == 0 || *p++ != sep)
                return at_err_set(err, AT_INVALID, "not a date");
            int nc = count_digits(p);
            if (nc == 2)
                return at_err_set(err, AT_INVALID, "two-digit year; write the year in full");
            if (nc != 4)
                return at_err_set(err, AT_INVALID, "not a date");
            read_digits(&p, 4, &c);
            if (!time_tail_ok(p, tt))
                return at_err_set(err, AT_INVALID, "not a date");
            if (order == DATE_ORDER_MDY)
                return make_date(c, a, b, out, err);
            if (order == DATE_ORDER_DMY)
                return make_date(c, b, a, out, err);
            return at_err_set(err, AT_INVALID,
                              "ambiguous date: give --date-format MM/DD/YYYY or DD/MM/YYYY");
        }
        if (str_space_len(p)) { /* 15 Jul 2026 */
            skip_spaces(&p);
            int mon = eat_month_name(&p);
            if (!mon || !str_space_len(p))
                return at_err_set(err, AT_INVALID, "not a date");
            skip_spaces(&p);
            if (count_digits(p) != 4)
                return at_err_set(err, AT_INVALID, "not a date");
            read_digits(&p, 4, &c);
            if (!time_tail_ok(p, tt))
                return at_err_set(err, AT_INVALID, "not a date");
            return make_date(c, mon, a, out, err);
        }
        return at_err_set(err, AT_INVALID, "not a date");
    }
    if (na == 0) { /* Jul 15, 2026 */
        int mon = eat_month_name(&p);
        if (!mon)
            return at_err_set(err, AT_INVALID, "not a date");
        if (*p == '.')
            p++;
        skip_spaces(&p);
        if (read_digits(&p, 2, &b) == 0)
            return at_err_set(err, AT_INVALID, "not a date");
        if (*p == ',')
            p++;
        skip_spaces(&p);
        if (count_digits(p) != 4)
            return at_err_set(err, AT_INVALID, "not a date");
        read_digits(&p, 4, &c);
        if (!time_tail_ok(p, tt))
            return at_err_set(err, AT_INVALID, "not a date");
        return make_date(c, mon, b, out, err);
    }
    return at_err_set(err, AT_INVALID, "not a date");
}

enum at_status date_parse_tz(const char *text, enum date_order order, const struct tz *zone,
                             int32_t *out, struct at_err *err)
{
    char buf[VALUE_TEXT_MAX];
    if (!copy_trimmed(text, buf, sizeof buf))
        return at_err_set(err, AT_INVALID, "too long for a date");
    if (!buf[0])
        return at_err_set(err, AT_INVALID, "empty");
    struct time_tail tt;
    enum at_status st = date_scan(buf, order, out, &tt, err);
    if (st || !zone || !tt.has_offset)
        return st;
    /* An instant: the day it is in ZONE. */
    int64_t utc = (int64_t)*out * 86400 + tt.secs - tt.offset;
    int64_t local = utc + tz_offset_at(zone, utc);
    *out = (int32_t)(local / 86400 - (local % 86400 < 0));
    return AT_OK;
}

enum at_status date_parse(const char *text, enum date_order order, int32_t *out, struct at_err *err)
{
    return date_parse_tz(text, order, NULL, out, err);
}

/* ---- deal stages and statuses ------------------------------------------ */

/* Folded stage names (see fold_word) that mean won. */
static const char *const won_words[] = {
    "won",  "closedwon", "win",  "closewon", "dealwon",  "赢单",     "成交",     "已成交",
    "签约", "已签约",    "赢得", "已赢单",   "赢单关闭", "成交关闭", "赢单结束", NULL,
};

/* Folded stage names that mean lost. */
static const char *const lost_words[] = {
    "lost",     "closedlost", "closelost",    "closedlosttocompetition",
    "deallost", "dead",       "disqualified", "lose",
    "输单",     "丢单",       "失败",         "已失败",
    "已失效",   "无效",       "流失",         "已输单",
    "已丢单",   "失单",       "输单关闭",     "丢单关闭",
    NULL,
};

enum deal_status stage_status(const char *stage)
{
    char word[VALUE_TEXT_MAX];
    fold_word(stage, word, sizeof word);
    if (in_list(word, won_words))
        return DEAL_WON;
    if (in_list(word, lost_words))
        return DEAL_LOST;
    return DEAL_OPEN;
}

enum at_status deal_status_parse(const char *text, enum deal_status *out, struct at_err *err)
{
    static const char *const open_words[] = {
        "open",   "inprogress", "active", "pending", "ongoing", "进行中",
        "跟进中", "开放",       "未成交", "未关闭",  "打开",    NULL,
    };
    char word[VALUE_TEXT_MAX];
    fold_word(text, word, sizeof word);
    if (in_list(word, open_words)) {
        *out = DEAL_OPEN;
        return AT_OK;
    }
    enum deal_status s = stage_status(text);
    if (s == DEAL_OPEN)
        return at_err_set(err, AT_INVALID, "not a deal status (open, won, lost)");
    *out = s;
    return AT_OK;
}

const char *deal_status_name(enum deal_status s)
{
    switch (s) {
    case DEAL_WON:
        return "won";
    case DEAL_LOST:
        return "lost";
    case DEAL_OPEN:
    default:
        return "open";
    }
}

/* ---- percentages, booleans, quantities --------------------------------- */

enum at_status percent_parse(const char *text, int32_t *bp, struct at_err *err)
{
    char buf[VALUE_TEXT_MAX];
    if (!copy_trimmed(text, buf, sizeof buf))
        return at_err_set(err, AT_INVALID, "too long for a percentage");
    size_t len = strlen(buf);
    bool pct = false;
    if (len >= 1 && buf[len - 1] == '%') {
        buf[--len] = '\0';
        pct = true;
    } else if (len >= 3 && strcmp(buf + len - 3, "\xEF\xBC\x85") == 0) { /* ％ */
        len -= 3;
        buf[len] = '\0';
        pct = true;
    }
    if (!buf[0] && !pct)
        return at_err_set(err, AT_INVALID, "empty");
    /* Decide percent or fraction first (9 decimals are plenty), then parse
     * again at the scale that gives basis points, so rounding happens once. */
    int64_t v9, v;
    enum at_status st = signed_decimal(buf, 9, &v9, err);
    if (st != AT_OK)
        return st;
    if (v9 < 0)
        return at_err_set(err, AT_INVALID, "percentage below 0");
    /* 60% and a bare 60 are percents; a bare number up to 1 is a fraction. */
    bool percent = pct || v9 > 1000000000;
    st = signed_decimal(buf, percent ? 2 : 4, &v, err);
    if (st != AT_OK)
        return st;
    if (v > 10000)
        return at_err_set(err, AT_INVALID, "percentage above 100%%");
    *bp = (int32_t)v;
    return AT_OK;
}

enum at_status bool_parse(const char *text, bool *out, struct at_err *err)
{
    static const char *const yes[] = {"1",    "yes",     "y",        "true",    "t",    "active",
                                      "on",   "enabled", "employed", "current", "是",   "在职",
                                      "启用", "有效",    "正常",     "在岗",    "试用", "试用期",
                                      "正式", "已转正",  NULL};
    static const char *const no[] = {
        "0",    "no",         "n",        "false",  "f",        "inactive", "off",    "disabled",
        "left", "terminated", "resigned", "former", "departed", "否",       "离职",   "已离职",
        "停用", "禁用",       "无效",     "退休",   "已退休",   "辞职",     "已辞职", NULL};
    char word[VALUE_TEXT_MAX];
    fold_word(text, word, sizeof word);
    if (in_list(word, yes)) {
        *out = true;
        return AT_OK;
    }
    if (in_list(word, no)) {
        *out = false;
        return AT_OK;
    }
    return at_err_set(err, AT_INVALID, "not yes or no");
}

enum at_status quantity_parse(const char *text, int64_t *milli, struct at_err *err)
{
    return signed_decimal(text, 3, milli, err);
}

/* The sign of currency CODE (see value.h). */
const char *currency_symbol(const char *code)
{
    static const struct {
        const char *code, *symbol;
    } symbols[] = {
        {"CNY", "\xC2\xA5"},     /* ¥ */
        {"EUR", "\xE2\x82\xAC"}, /* € */
        {"GBP", "\xC2\xA3"},     /* £ */
        {"JPY", "\xC2\xA5"},     /* ¥ as well, as people write it */
        {"USD", "$"},
    };
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(code, symbols[i].code) == 0)
            return symbols[i].symbol;
    return NULL;
}

int64_t money_max_summable(void)
{
    return INT64_MAX / METRIC_SCALE;
}

bool money_summable(int64_t amount)
{
    return amount <= money_max_summable() && amount >= -money_max_summable();
}
