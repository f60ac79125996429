/*
 * period.c — reading, writing and moving the periods of product.md (see period.h).
 *
 * period_parse is a small hand-written scanner, one function per family of
 * spellings: date ranges ("A..B"), English relative forms ("last month"),
 * ASCII absolute forms ("2026-Q3", "Q3 2026", "FY2026-H1") and Chinese forms
 * ("上季度", "2026年第3季度"). Full-width ASCII (２０２６－Ｑ３) is folded to ASCII
 * first. Every failure names the part that could not be read. Nothing here
 * allocates; everything else is arithmetic on calendar.h day numbers.
 */
#include "domain/period.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "domain/calendar.h"

#define EXPR_MAX  64  /* longest expression read, in bytes once trimmed */
#define EXPR_COPY 256 /* bytes of the input looked at */

static int fiscal_month_or_january(int fiscal_start_month)
{
    return fiscal_start_month >= 1 && fiscal_start_month <= 12 ? fiscal_start_month : 1;
}

/* A DAY or RANGE period over [start, end]. */
static struct period make_span(enum period_kind kind, int32_t start, int32_t end, int fsm)
{
    struct period p = {kind, start, end, 0, 0, fsm};
    return p;
}

/* First day of fiscal year FY (named by the year it ends) starting in month FSM. */
static int32_t fiscal_year_start(int fy, int fsm)
{
    return cal_from_ymd(fsm == 1 ? fy : fy - 1, fsm, 1);
}

/*
 * The named period KIND YEAR NUM (not DAY or RANGE): the caller passes values
 * in range (num 1-2 for halves, 1-4 quarters, 1-12 months, an existing ISO
 * week). For fiscal kinds YEAR is the fiscal year and FSM its start month.
 */
static struct period make_named(enum period_kind kind, int year, int num, int fsm)
{
    struct period p = {kind, 0, 0, year, num, fsm};
    int32_t first;
    int months;
    switch (kind) {
    case PERIOD_YEAR:
        first = cal_from_ymd(year, 1, 1), months = 12;
        p.num = 0;
        break;
    case PERIOD_HALF:
        first = cal_from_ymd(year, 6 * (num - 1) + 1, 1), months = 6;
        break;
    case PERIOD_QUARTER:
        first = cal_from_ymd(year, 3 * (num - 1) + 1, 1), months = 3;
        break;
    case PERIOD_MONTH:
        first = cal_from_ymd(year, num, 1), months = 1;
        break;
    case PERIOD_WEEK:
        p.start = cal_iso_week_start(year, num);
        p.end = p.start + 6;
        return p;
    case PERIOD_FISCAL_YEAR:
        first = fiscal_year_start(year, fsm), months = 12;
        p.num = 0;
        break;
    case PERIOD_FISCAL_HALF:
        first = cal_add_months(fiscal_year_start(year, fsm), 6 * (num - 1)), months = 6;
        break;
    case PERIOD_FISCAL_QUARTER:
        first = cal_add_months(fiscal_year_start(year, fsm), 3 * (num - 1)), months = 3;
        break;
    default: /* DAY, RANGE: not named; callers use make_span */
        return p;
    }
    p.start = first;
    p.end = cal_add_months(first, months) - 1;
    return p;
}

/*
 * RANGE has no natural container, so for RANGE this returns the one-day range
 * [date, date]. A fiscal start month outside 1..12 is taken as January.
 */
struct period period_containing(enum period_kind kind, int32_t date, int fiscal_start_month)
{
    int fsm = fiscal_month_or_january(fiscal_start_month);
    int y, m, d;
    cal_to_ymd(date, &y, &m, &d);
    int fy = (fsm == 1 || m < fsm) ? y : y + 1;
    int fidx = (m - fsm + 12) % 12; /* months since the fiscal year began */
    switch (kind) {
    case PERIOD_YEAR:
        return make_named(kind, y, 0, fsm);
    case PERIOD_HALF:
        return make_named(kind, y, (m - 1) / 6 + 1, fsm);
    case PERIOD_QUARTER:
        return make_named(kind, y, (m - 1) / 3 + 1, fsm);
    case PERIOD_MONTH:
        return make_named(kind, y, m, fsm);
    case PERIOD_WEEK: {
        int iy, w;
        cal_iso_week(date, &iy, &w);
        return make_named(kind, iy, w, fsm);
    }
    case PERIOD_FISCAL_YEAR:
        return make_named(kind, fy, 0, fsm);
    case PERIOD_FISCAL_HALF:
        return make_named(kind, fy, fidx / 6 + 1, fsm);
    case PERIOD_FISCAL_QUARTER:
        return make_named(kind, fy, fidx / 3 + 1, fsm);
    case PERIOD_DAY:
    case PERIOD_RANGE:
    default:
        return make_span(kind == PERIOD_DAY ? PERIOD_DAY : PERIOD_RANGE, date, date, fsm);
    }
}

int32_t period_days(const struct period *p)
{
    return p->end - p->start + 1;
}

/* Every named period is contiguous with its predecessor, so the previous one
 * is simply the period of the same kind containing the day before. */
struct period period_previous(const struct period *p)
{
    if (p->kind == PERIOD_RANGE) {
        int32_t len = period_days(p);
        return make_span(PERIOD_RANGE, p->start - len, p->start - 1, p->fiscal_start_month);
    }
    return period_containing(p->kind, p->start - 1, p->fiscal_start_month);
}

/* Days and ranges move by twelve calendar months (Feb 29 -> Feb 28). */
struct period period_last_year(const struct period *p)
{
    int fsm = fiscal_month_or_january(p->fiscal_start_month);
    switch (p->kind) {
    case PERIOD_DAY:
    case PERIOD_RANGE:
        return make_span(p->kind, cal_add_months(p->start, -12), cal_add_months(p->end, -12),
                         p->fiscal_start_month);
    default: {
        int num = p->num;
        if (p->kind == PERIOD_WEEK && num > cal_iso_weeks_in_year(p->year - 1))
            num = cal_iso_weeks_in_year(p->year - 1);
        struct period q = make_named(p->kind, p->year - 1, num, fsm);
        q.fiscal_start_month = p->fiscal_start_month;
        return q;
    }
    }
}

char *period_format(const struct period *p, char *out)
{
    char a[CAL_DATE_LEN], b[CAL_DATE_LEN];
    switch (p->kind) {
    case PERIOD_YEAR:
        snprintf(out, PERIOD_TEXT_MAX, "%04d", p->year);
        break;
    case PERIOD_HALF:
        snprintf(out, PERIOD_TEXT_MAX, "%04d-H%d", p->year, p->num);
        break;
    case PERIOD_QUARTER:
        snprintf(out, PERIOD_TEXT_MAX, "%04d-Q%d", p->year, p->num);
        break;
    case PERIOD_MONTH:
        snprintf(out, PERIOD_TEXT_MAX, "%04d-%02d", p->year, p->num);
        break;
    case PERIOD_WEEK:
        snprintf(out, PERIOD_TEXT_MAX, "%04d-W%02d", p->year, p->num);
        break;
    case PERIOD_DAY:
        cal_format(p->start, out);
        break;
    case PERIOD_FISCAL_YEAR:
        snprintf(out, PERIOD_TEXT_MAX, "FY%04d", p->year);
        break;
    case PERIOD_FISCAL_HALF:
        snprintf(out, PERIOD_TEXT_MAX, "FY%04d-H%d", p->year, p->num);
        break;
    case PERIOD_FISCAL_QUARTER:
        snprintf(out, PERIOD_TEXT_MAX, "FY%04d-Q%d", p->year, p->num);
        break;
    case PERIOD_RANGE:
    default:
        snprintf(out, PERIOD_TEXT_MAX, "%s..%s", cal_format(p->start, a), cal_format(p->end, b));
        break;
    }
    return out;
}

/* ---- Reading ------------------------------------------------------------ */

/* What one period_parse call works with. */
struct ctx {
    const char *expr; /* the trimmed input, quoted in messages */
    int32_t as_of;
    int fsm;
    struct period *out;
    struct at_err *err;
};

/* Fail with AT_INVALID: `cannot read period "EXPR": <why>`. */
static enum at_status fail(const struct ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static enum at_status fail(const struct ctx *c, const char *fmt, ...)
{
    char why[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    /* Quote a long input by its first 40 bytes, not cutting a UTF-8 character. */
    size_t n = strlen(c->expr), shown = n;
    if (n > EXPR_MAX)
        for (shown = 40; shown > 0 && ((unsigned char)c->expr[shown] & 0xC0) == 0x80;)
            shown--;
    return at_err_set(c->err, AT_INVALID, "cannot read period \"%.*s%s\": %s", (int)shown, c->expr,
                      n > EXPR_MAX ? "..." : "", why);
}

/*
 * Store P as the result unless it reaches outside the years 0001..9999 or is
 * named by a year outside them (FY10000-Q1 with an October fiscal start lies
 * in 9999 but could not be written back in four digits).
 */
static enum at_status finish(const struct ctx *c, struct period p)
{
    bool named = p.kind != PERIOD_DAY && p.kind != PERIOD_RANGE;
    if (p.start < CAL_DATE_MIN || p.end > CAL_DATE_MAX || p.start > p.end ||
        (named && (p.year < 1 || p.year > 9999)))
        return fail(c, "it falls outside the years 0001-9999");
    *c->out = p;
    return AT_OK;
}

/* A cursor over the normalised text. */
struct scan {
    const char *s;
    size_t pos;
};

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static char ascii_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static char peek(const struct scan *sc)
{
    return sc->s[sc->pos];
}

static bool at_end(const struct scan *sc)
{
    return sc->s[sc->pos] == '\0';
}

/* Consume LIT (ASCII letters matched case-insensitively) if the text goes on with it. */
static bool eat(struct scan *sc, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (ascii_lower(sc->s[sc->pos + i]) != ascii_lower(lit[i]))
            return false;
    sc->pos += i;
    return true;
}

/* Consume one separator (space or dash) if present. */
static bool eat_sep(struct scan *sc)
{
    return eat(sc, " ") || eat(sc, "-");
}

/* Consume a run of digits; returns how many, *val their value (saturating). */
static int eat_number(struct scan *sc, int *val)
{
    int n = 0, v = 0;
    while (is_digit(peek(sc))) {
        if (v < 100000000)
            v = v * 10 + (peek(sc) - '0');
        sc->pos++;
        n++;
    }
    *val = v;
    return n;
}

/*
 * Fail at offset AT of the scanned text, which is not understood there:
 * `unexpected "x" after "2026-Q3"`, or `expected a month ... after "2026-"`
 * when the text stops short. EXPECTED (may be NULL) says what would fit.
 */
static enum at_status fail_at(const struct ctx *c, const struct scan *sc, size_t at,
                              const char *expected)
{
    if (!sc->s[at])
        return fail(c, "expected %s after \"%.*s\"", expected ? expected : "more", (int)at, sc->s);
    if (at == 0)
        return fail(c, "%s", expected ? expected : "not understood");
    if (expected)
        return fail(c, "unexpected \"%s\" after \"%.*s\" (expected %s)", sc->s + at, (int)at, sc->s,
                    expected);
    return fail(c, "unexpected \"%s\" after \"%.*s\"", sc->s + at, (int)at, sc->s);
}

/* Read a four-digit year 0001..9999 at the cursor. */
static enum at_status read_year(const struct ctx *c, struct scan *sc, int *year)
{
    size_t at = sc->pos;
    int n = eat_number(sc, year);
    if (n == 0)
        return fail_at(c, sc, at, "a year");
    if (n != 4)
        return fail(c, "year \"%.*s\" must have four digits", (int)(sc->pos - at), sc->s + at);
    if (*year < 1)
        return fail(c, "year must be 0001-9999");
    return AT_OK;
}

/* Read the number of a WHAT (quarter, month, ...) of at most MAX_DIGITS digits in LO..HI. */
static enum at_status read_num(const struct ctx *c, struct scan *sc, const char *what,
                               int max_digits, int lo, int hi, int *out)
{
    size_t at = sc->pos;
    int n = eat_number(sc, out);
    if (n == 0) {
        char expected[40];
        snprintf(expected, sizeof expected, "a %s number", what);
        return fail_at(c, sc, at, expected);
    }
    if (n > max_digits || *out < lo || *out > hi)
        return fail(c, "%s must be %d-%d", what, lo, hi);
    return AT_OK;
}

static enum at_status expect_end(const struct ctx *c, const struct scan *sc)
{
    return at_end(sc) ? AT_OK : fail_at(c, sc, sc->pos, NULL);
}

/* The named period KIND YEAR NUM, refusing ISO weeks the year does not have. */
static enum at_status finish_named(const struct ctx *c, enum period_kind kind, int year, int num)
{
    if (kind == PERIOD_WEEK && num > cal_iso_weeks_in_year(year))
        return fail(c, "%04d has only %d ISO weeks", year, cal_iso_weeks_in_year(year));
    return finish(c, make_named(kind, year, num, c->fsm));
}

/* A calendar day, refusing days the month does not have. */
static enum at_status finish_day(const struct ctx *c, int year, int month, int day)
{
    if (!cal_valid_ymd(year, month, day))
        return fail(c, "day must be 1-%d in %04d-%02d", cal_days_in_month(year, month), year,
                    month);
    int32_t d = cal_from_ymd(year, month, day);
    return finish(c, make_span(PERIOD_DAY, d, d, c->fsm));
}

/* "A..B": two ISO dates, inclusive, B not before A. */
static enum at_status parse_range(const struct ctx *c, const char *s)
{
    const char *dots = strstr(s, "..");
    char a[EXPR_COPY], b[EXPR_COPY];
    size_t na = (size_t)(dots - s), nb = strlen(dots + 2);
    memcpy(a, s, na);
    a[na] = '\0';
    memcpy(b, dots + 2, nb + 1);
    str_trim(a);
    str_trim(b);
    int32_t start, end;
    if (!cal_parse_iso(a, &start))
        return fail(c, "range start \"%s\" is not a date (YYYY-MM-DD)", a);
    if (!cal_parse_iso(b, &end))
        return fail(c, "range end \"%s\" is not a date (YYYY-MM-DD)", b);
    if (end < start)
        return fail(c, "range end %s is before its start %s", b, a);
    return finish(c, make_span(PERIOD_RANGE, start, end, c->fsm));
}

/* How a relative form is computed from as_of. */
enum rel_op {
    REL_SHIFT,   /* the KIND period containing as_of moved by OFFSET periods */
    REL_TO_DATE, /* from the start of the KIND period containing as_of to as_of */
    REL_HALF,    /* half OFFSET of as_of's calendar year (上半年, 下半年) */
};

struct rel_form {
    const char *name;
    enum rel_op op;
    enum period_kind kind;
    int offset;
};

/* Fixed English words, after lowering and folding separators to '-'. */
static const struct rel_form rel_en[] = {
    {"today", REL_SHIFT, PERIOD_DAY, 0},
    {"yesterday", REL_SHIFT, PERIOD_DAY, -1},
    {"tomorrow", REL_SHIFT, PERIOD_DAY, 1},
    {"ytd", REL_TO_DATE, PERIOD_YEAR, 0},
    {"year-to-date", REL_TO_DATE, PERIOD_YEAR, 0},
    {"htd", REL_TO_DATE, PERIOD_HALF, 0},
    {"qtd", REL_TO_DATE, PERIOD_QUARTER, 0},
    {"quarter-to-date", REL_TO_DATE, PERIOD_QUARTER, 0},
    {"mtd", REL_TO_DATE, PERIOD_MONTH, 0},
    {"month-to-date", REL_TO_DATE, PERIOD_MONTH, 0},
    {"wtd", REL_TO_DATE, PERIOD_WEEK, 0},
    {"week-to-date", REL_TO_DATE, PERIOD_WEEK, 0},
    {"fytd", REL_TO_DATE, PERIOD_FISCAL_YEAR, 0},
};

/* English "<this|last|next> <unit>": the words for the offset and the units. */
static const struct {
    const char *word;
    int offset;
} rel_en_when[] = {
    {"this", 0}, {"current", 0}, {"last", -1}, {"previous", -1}, {"next", 1},
};

static const struct {
    const char *word;
    enum period_kind kind;
} rel_en_unit[] = {
    {"week", PERIOD_WEEK},
    {"month", PERIOD_MONTH},
    {"quarter", PERIOD_QUARTER},
    {"half", PERIOD_HALF},
    {"year", PERIOD_YEAR},
    {"fiscal-year", PERIOD_FISCAL_YEAR},
    {"fy", PERIOD_FISCAL_YEAR},
    {"fiscal-quarter", PERIOD_FISCAL_QUARTER},
    {"fiscal-half", PERIOD_FISCAL_HALF},
};

/* Chinese words, matched exactly (ASCII spaces removed). */
static const struct rel_form rel_zh[] = {
    {"今天", REL_SHIFT, PERIOD_DAY, 0},
    {"昨天", REL_SHIFT, PERIOD_DAY, -1},
    {"明天", REL_SHIFT, PERIOD_DAY, 1},
    {"本周", REL_SHIFT, PERIOD_WEEK, 0},
    {"这周", REL_SHIFT, PERIOD_WEEK, 0},
    {"上周", REL_SHIFT, PERIOD_WEEK, -1},
    {"下周", REL_SHIFT, PERIOD_WEEK, 1},
    {"本月", REL_SHIFT, PERIOD_MONTH, 0},
    {"这个月", REL_SHIFT, PERIOD_MONTH, 0},
    {"上月", REL_SHIFT, PERIOD_MONTH, -1},
    {"上个月", REL_SHIFT, PERIOD_MONTH, -1},
    {"下月", REL_SHIFT, PERIOD_MONTH, 1},
    {"下个月", REL_SHIFT, PERIOD_MONTH, 1},
    {"本季度", REL_SHIFT, PERIOD_QUARTER, 0},
    {"本季", REL_SHIFT, PERIOD_QUARTER, 0},
    {"上季度", REL_SHIFT, PERIOD_QUARTER, -1},
    {"上季", REL_SHIFT, PERIOD_QUARTER, -1},
    {"下季度", REL_SHIFT, PERIOD_QUARTER, 1},
    {"下季", REL_SHIFT, PERIOD_QUARTER, 1},
    {"今年", REL_SHIFT, PERIOD_YEAR, 0},
    {"本年", REL_SHIFT, PERIOD_YEAR, 0},
    {"去年", REL_SHIFT, PERIOD_YEAR, -1},
    {"明年", REL_SHIFT, PERIOD_YEAR, 1},
    {"上半年", REL_HALF, PERIOD_HALF, 1},
    {"下半年", REL_HALF, PERIOD_HALF, 2},
    {"本财年", REL_SHIFT, PERIOD_FISCAL_YEAR, 0},
    {"上财年", REL_SHIFT, PERIOD_FISCAL_YEAR, -1},
    {"下财年", REL_SHIFT, PERIOD_FISCAL_YEAR, 1},
    {"年初至今", REL_TO_DATE, PERIOD_YEAR, 0},
    {"季初至今", REL_TO_DATE, PERIOD_QUARTER, 0},
    {"月初至今", REL_TO_DATE, PERIOD_MONTH, 0},
};

/* The period a relative form denotes as of c->as_of. */
static enum at_status finish_relative(const struct ctx *c, enum rel_op op, enum period_kind kind,
                                      int offset)
{
    if (c->as_of < CAL_DATE_MIN || c->as_of > CAL_DATE_MAX)
        return fail(c, "the as-of date is outside the years 0001-9999");
    if (op == REL_TO_DATE) {
        struct period p = period_containing(kind, c->as_of, c->fsm);
        return finish(c, make_span(PERIOD_RANGE, p.start, c->as_of, c->fsm));
    }
    if (op == REL_HALF) {
        int y, m, d;
        cal_to_ymd(c->as_of, &y, &m, &d);
        return finish(c, make_named(PERIOD_HALF, y, offset, c->fsm));
    }
    int32_t day = c->as_of;
    switch (kind) {
    case PERIOD_DAY:
        day += offset;
        break;
    case PERIOD_WEEK:
        day += 7 * offset;
        break;
    case PERIOD_MONTH:
        day = cal_add_months(day, offset);
        break;
    case PERIOD_QUARTER:
    case PERIOD_FISCAL_QUARTER:
        day = cal_add_months(day, 3 * offset);
        break;
    case PERIOD_HALF:
    case PERIOD_FISCAL_HALF:
        day = cal_add_months(day, 6 * offset);
        break;
    default: /* years */
        day = cal_add_months(day, 12 * offset);
        break;
    }
    if (day < CAL_DATE_MIN || day > CAL_DATE_MAX)
        return fail(c, "it falls outside the years 0001-9999");
    return finish(c, period_containing(kind, day, c->fsm));
}

/*
 * English relative forms: "this week", "this-week", "This_Week", "ytd". Returns
 * AT_NOT_FOUND (err untouched) when S is not shaped like one, so that the
 * caller goes on with the absolute forms.
 */
static enum at_status parse_relative_en(const struct ctx *c, const char *s)
{
    char w[EXPR_COPY];
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '_' || ch == '-' || ch == '\t') {
            if (n > 0 && w[n - 1] != '-')
                w[n++] = '-';
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            w[n++] = ascii_lower(ch);
        } else {
            return AT_NOT_FOUND; /* digits or punctuation: not a relative form */
        }
    }
    w[n] = '\0';
    for (size_t i = 0; i < sizeof rel_en / sizeof rel_en[0]; i++)
        if (strcmp(w, rel_en[i].name) == 0)
            return finish_relative(c, rel_en[i].op, rel_en[i].kind, rel_en[i].offset);
    for (size_t i = 0; i < sizeof rel_en_when / sizeof rel_en_when[0]; i++) {
        size_t len = strlen(rel_en_when[i].word);
        if (strncmp(w, rel_en_when[i].word, len) != 0 || w[len] != '-')
            continue;
        const char *unit = w + len + 1;
        for (size_t j = 0; j < sizeof rel_en_unit / sizeof rel_en_unit[0]; j++)
            if (strcmp(unit, rel_en_unit[j].word) == 0)
                return finish_relative(c, REL_SHIFT, rel_en_unit[j].kind, rel_en_when[i].offset);
        return fail(c,
                    "unknown unit \"%s\" after \"%s\" (expected week, month, quarter, half, "
                    "year, fiscal-year, fiscal-quarter or fiscal-half)",
                    unit, rel_en_when[i].word);
    }
    return AT_NOT_FOUND;
}

static const char not_a_period[] =
    "not a period (try 2026, 2026-H1, 2026-Q3, 2026-07, 2026-W27, 2026-07-15, "
    "2026-07-01..2026-09-30, FY2026, this-month or 本季度)";

/* "FY2026", "FY2026-Q1", "FY2026-H2" (also "fy 2026 q1"). */
static enum at_status parse_fiscal_ascii(const struct ctx *c, struct scan *sc)
{
    int year, num;
    enum at_status st;
    eat_sep(sc);
    if ((st = read_year(c, sc, &year)) != AT_OK)
        return st;
    if (at_end(sc))
        return finish_named(c, PERIOD_FISCAL_YEAR, year, 0);
    eat_sep(sc);
    enum period_kind kind;
    if (eat(sc, "q")) {
        kind = PERIOD_FISCAL_QUARTER;
        st = read_num(c, sc, "quarter", 1, 1, 4, &num);
    } else if (eat(sc, "h")) {
        kind = PERIOD_FISCAL_HALF;
        st = read_num(c, sc, "half", 1, 1, 2, &num);
    } else {
        return fail(c, "expected -Q1..-Q4 or -H1..-H2 after \"%.*s\", not \"%s\"", (int)sc->pos,
                    sc->s, sc->s + sc->pos);
    }
    if (st == AT_OK)
        st = expect_end(c, sc);
    return st == AT_OK ? finish_named(c, kind, year, num) : st;
}

/* The kind named by unit letter U (q, h, w) and the number's limits. */
static bool unit_letter(char u, enum period_kind *kind, const char **what, int *digits, int *hi)
{
    switch (ascii_lower(u)) {
    case 'q':
        *kind = PERIOD_QUARTER, *what = "quarter", *digits = 1, *hi = 4;
        return true;
    case 'h':
        *kind = PERIOD_HALF, *what = "half", *digits = 1, *hi = 2;
        return true;
    case 'w':
        *kind = PERIOD_WEEK, *what = "week", *digits = 2, *hi = 53;
        return true;
    default:
        return false;
    }
}

/*
 * ASCII absolute forms: 2026, 2026-H1, 2026-Q3, 2026-07, 2026-W27, 2026-07-15
 * (also 2026Q3, 2026 Q3, 2026/07, 2026/7/15, lower case) and Q3 2026, H1 2026,
 * W27 2026, and the fiscal FY forms.
 */
static enum at_status parse_ascii(const struct ctx *c, const char *s)
{
    struct scan sc = {s, 0};
    enum at_status st;
    enum period_kind kind;
    const char *what;
    int year, num, digits, hi;

    if (eat(&sc, "fy"))
        return parse_fiscal_ascii(c, &sc);
    if (unit_letter(peek(&sc), &kind, &what, &digits, &hi) && is_digit(sc.s[1])) {
        sc.pos++; /* "Q3 2026" */
        if ((st = read_num(c, &sc, what, digits, 1, hi, &num)) != AT_OK)
            return st;
        if (!eat_sep(&sc) && !at_end(&sc))
            return fail_at(c, &sc, sc.pos, "a space and a year");
        if ((st = read_year(c, &sc, &year)) != AT_OK || (st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_named(c, kind, year, num);
    }
    if (!is_digit(peek(&sc)))
        return fail(c, "%s", not_a_period);
    if ((st = read_year(c, &sc, &year)) != AT_OK)
        return st;
    if (at_end(&sc))
        return finish_named(c, PERIOD_YEAR, year, 0);

    char sep = peek(&sc);
    if (sep == '-' || sep == '/' || sep == ' ')
        sc.pos++;
    else
        sep = 0;
    if (unit_letter(peek(&sc), &kind, &what, &digits, &hi)) {
        sc.pos++;
        if ((st = read_num(c, &sc, what, digits, 1, hi, &num)) != AT_OK ||
            (st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_named(c, kind, year, num);
    }
    if ((sep != '-' && sep != '/') || !is_digit(peek(&sc)))
        return fail_at(c, &sc, sc.pos, "a month, Qn, Hn or Wnn");
    int month, day;
    if ((st = read_num(c, &sc, "month", 2, 1, 12, &month)) != AT_OK)
        return st;
    if (at_end(&sc))
        return finish_named(c, PERIOD_MONTH, year, month);
    if (peek(&sc) != sep)
        return fail_at(c, &sc, sc.pos, NULL);
    sc.pos++;
    if ((st = read_num(c, &sc, "day", 2, 1, 31, &day)) != AT_OK ||
        (st = expect_end(c, &sc)) != AT_OK)
        return st;
    return finish_day(c, year, month, day);
}

/* A Chinese numeral 一..四 at the cursor (consumed), or 0. */
static int eat_cn_digit(struct scan *sc)
{
    static const char *const digits[] = {"一", "二", "三", "四"};
    for (int i = 0; i < 4; i++)
        if (eat(sc, digits[i]))
            return i + 1;
    return 0;
}

/*
 * Chinese absolute forms: 2026年, 2026年上半年/下半年, 2026年第3季度, 2026年3季度,
 * 2026年三季度, 2026年Q3, 2026年7月, 2026年第27周, 2026年7月15日 (or 号); and the
 * fiscal 2026财年, 2026财年上半年, 2026财年第1季度, 2026财年Q1.
 */
static enum at_status parse_zh(const struct ctx *c, const char *s)
{
    struct scan sc = {s, 0};
    enum at_status st;
    int year, num = 0;
    if (!is_digit(peek(&sc)))
        return fail(c, "%s", not_a_period);
    if ((st = read_year(c, &sc, &year)) != AT_OK)
        return st;
    bool fiscal = eat(&sc, "财年");
    if (!fiscal && !eat(&sc, "年度") && !eat(&sc, "年"))
        return fail(c, "expected 年 after \"%.*s\", not \"%s\"", (int)sc.pos, sc.s, sc.s + sc.pos);
    size_t unit_at = sc.pos;
    if (at_end(&sc))
        return finish_named(c, fiscal ? PERIOD_FISCAL_YEAR : PERIOD_YEAR, year, 0);

    enum period_kind half = fiscal ? PERIOD_FISCAL_HALF : PERIOD_HALF;
    enum period_kind quarter = fiscal ? PERIOD_FISCAL_QUARTER : PERIOD_QUARTER;
    if (eat(&sc, "上半年") || eat(&sc, "下半年")) {
        num = strncmp(sc.s + unit_at, "上", strlen("上")) == 0 ? 1 : 2;
        if ((st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_named(c, half, year, num);
    }
    if (eat(&sc, "h") || eat(&sc, "q")) {
        bool is_half = ascii_lower(sc.s[unit_at]) == 'h';
        st = read_num(c, &sc, is_half ? "half" : "quarter", 1, 1, is_half ? 2 : 4, &num);
        if (st == AT_OK)
            st = expect_end(c, &sc);
        return st == AT_OK ? finish_named(c, is_half ? half : quarter, year, num) : st;
    }

    /* [第] number unit, the unit deciding what the number counts. */
    bool ordinal = eat(&sc, "第");
    size_t num_at = sc.pos;
    int cn = eat_cn_digit(&sc);
    int digits = cn ? 1 : eat_number(&sc, &num);
    if (cn)
        num = cn;
    if (digits == 0)
        return fail_at(c, &sc, sc.pos,
                       ordinal ? "a number" : "上半年, 下半年, a quarter, a month or a week");
    if (eat(&sc, "季度") || eat(&sc, "季")) {
        if (digits > 1 || num < 1 || num > 4)
            return fail(c, "quarter must be 1-4");
        if ((st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_named(c, quarter, year, num);
    }
    if (cn)
        return fail_at(c, &sc, sc.pos, "季度");
    if (eat(&sc, "周")) {
        if (fiscal)
            return fail(c, "a fiscal year is read by halves and quarters, not weeks");
        if (digits > 2 || num < 1 || num > 53)
            return fail(c, "week must be 1-53");
        if ((st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_named(c, PERIOD_WEEK, year, num);
    }
    if (!ordinal && eat(&sc, "月")) {
        if (fiscal)
            return fail(c, "a fiscal year is read by halves and quarters, not months");
        if (digits > 2 || num < 1 || num > 12)
            return fail(c, "month must be 1-12");
        if (at_end(&sc))
            return finish_named(c, PERIOD_MONTH, year, num);
        int day;
        size_t day_at = sc.pos;
        int ddigits = eat_number(&sc, &day);
        if (ddigits == 0)
            return fail_at(c, &sc, day_at, "a day such as 15日");
        if (!eat(&sc, "日") && !eat(&sc, "号"))
            return fail_at(c, &sc, sc.pos, "日");
        if (ddigits > 2 || day < 1)
            return fail(c, "day must be 1-%d in %04d-%02d", cal_days_in_month(year, num), year,
                        num);
        if ((st = expect_end(c, &sc)) != AT_OK)
            return st;
        return finish_day(c, year, num, day);
    }
    return fail_at(c, &sc, num_at, "季度, 月 or 周");
}

/* Copy S to OUT folding full-width ASCII (U+FF01..U+FF5E) and U+3000 to ASCII.
 * OUT has room for strlen(S) + 1 bytes; the result is never longer. */
static void fold_full_width(const char *s, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    while (*u) {
        if (u[0] == 0xEF && (u[1] == 0xBC || u[1] == 0xBD) && u[2] >= 0x80 && u[2] <= 0xBF) {
            unsigned cp = 0xF000u | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out[o++] = (char)(cp - 0xFEE0);
                u += 3;
                continue;
            }
        }
        if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {
            out[o++] = ' ';
            u += 3;
            continue;
        }
        out[o++] = (char)*u++;
    }
    out[o] = '\0';
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* Read the trimmed TEXT (at most EXPR_MAX bytes) into c->out. */
static enum at_status parse_text(const struct ctx *c, const char *text)
{
    char norm[EXPR_COPY];
    fold_full_width(text, norm);
    if (strstr(norm, ".."))
        return parse_range(c, norm);
    if (has_non_ascii(norm)) {
        /* Chinese: spaces carry no meaning, drop them. */
        size_t o = 0;
        for (size_t i = 0; norm[i]; i++)
            if (norm[i] != ' ' && norm[i] != '\t')
                norm[o++] = norm[i];
        norm[o] = '\0';
        for (size_t i = 0; i < sizeof rel_zh / sizeof rel_zh[0]; i++)
            if (strcmp(norm, rel_zh[i].name) == 0)
                return finish_relative(c, rel_zh[i].op, rel_zh[i].kind, rel_zh[i].offset);
        return parse_zh(c, norm);
    }
    enum at_status st = parse_relative_en(c, norm);
    if (st != AT_NOT_FOUND)
        return st;
    return parse_ascii(c, norm);
}

/* OUT is written only on success. */
enum at_status period_parse(const char *expr, int32_t as_of, int fiscal_start_month,
                            struct period *out, struct at_err *err)
{
    char text[EXPR_COPY];
    size_t n = expr ? strnlen(expr, EXPR_COPY - 1) : 0;
    if (n)
        memcpy(text, expr, n);
    text[n] = '\0';
    str_trim(text);
    struct period result;
    struct ctx c = {text, as_of, fiscal_start_month, &result, err};

    if (fiscal_start_month < 1 || fiscal_start_month > 12)
        return fail(&c, "the fiscal year start month %d must be 1-12", fiscal_start_month);
    if (!text[0])
        return fail(&c, "nothing to read (give e.g. 2026-Q3 or this-month)");
    if (strlen(text) > EXPR_MAX)
        return fail(&c, "longer than %d bytes", EXPR_MAX);
    enum at_status st = parse_text(&c, text);
    if (st == AT_OK)
        *out = result;
    return st;
}
