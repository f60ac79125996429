/*
 * svg_chart.c — the burn-up and bar charts of the printable documents as
 * inline SVG (see svg_chart.h). A chart is a fixed-size drawing: a plot area
 * with nice-number ticks, the data, a legend; all positions are computed in
 * integers from the ×10^4 values.
 */
#include "io/svg_chart.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"

#define SCALE 10000 /* values are ×10^4 */

static const char font[] = "\"Noto Sans CJK SC\", \"PingFang SC\", \"Microsoft YaHei\", "
                           "\"Source Han Sans SC\", system-ui, Arial, sans-serif";

bool svg_value_read(const char *text, int64_t *out)
{
    *out = 0;
    const char *s = text;
    if (!s || !*s)
        return false;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int64_t whole = 0, frac = 0;
    int n_whole = 0, n_frac = 0, round = 0;
    for (; *s >= '0' && *s <= '9'; s++, n_whole++) {
        if (n_whole >= 14) /* beyond what ×10^4 holds in int64 */
            return false;
        whole = whole * 10 + (*s - '0');
    }
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++, n_frac++) {
            if (n_frac < 4)
                frac = frac * 10 + (*s - '0');
            else if (n_frac == 4)
                round = *s >= '5';
        }
    }
    if (*s || (!n_whole && !n_frac))
        return false;
    for (int i = n_frac; i < 4; i++)
        frac *= 10;
    int64_t v = whole * SCALE + frac + round;
    *out = neg ? -v : v;
    return true;
}

const char *svg_status_colour(const char *status)
{
    static const char *const map[][2] = {
        {"on_track", "#2e7d32"}, {"achieved", "#2e7d32"}, {"met", "#2e7d32"},
        {"at_risk", "#f9a825"},  {"behind", "#c62828"},   {"missed", "#c62828"},
    };
    for (size_t i = 0; status && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(status, map[i][0]) == 0)
            return map[i][1];
    return "#9e9e9e";
}

/* ------------------------------------------------------------- writing */

/* The output and its first error (every write after it is skipped). */
struct sw {
    struct buf *b;
    enum at_status st;
};

__attribute__((format(printf, 2, 3))) static void pf(struct sw *w, const char *fmt, ...)
{
    if (w->st)
        return;
    va_list ap;
    va_start(ap, fmt);
    w->st = buf_vprintf(w->b, fmt, ap);
    va_end(ap);
}

/* Append TEXT escaped for XML. */
static void esc(struct sw *w, const char *text)
{
    for (const char *s = text ? text : ""; *s && !w->st; s++) {
        switch (*s) {
        case '&':
            w->st = buf_puts(w->b, "&amp;");
            break;
        case '<':
            w->st = buf_puts(w->b, "&lt;");
            break;
        case '>':
            w->st = buf_puts(w->b, "&gt;");
            break;
        case '"':
            w->st = buf_puts(w->b, "&quot;");
            break;
        case '\'':
            w->st = buf_puts(w->b, "&#39;");
            break;
        case '\n':
        case '\r':
            w->st = buf_putc(w->b, ' '); /* no blank line inside the block */
            break;
        default:
            w->st = buf_putc(w->b, *s);
        }
    }
}

/* Append TEXT escaped, cut to MAX characters (the last one "…"). */
static void esc_cut(struct sw *w, const char *text, size_t max)
{
    const char *s = text ? text : "";
    size_t chars = 0, i = 0, cut = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max - 1)
                cut = i;
            chars++;
        }
    if (chars <= max) {
        esc(w, s);
        return;
    }
    char part[1024];
    if (cut >= sizeof part)
        cut = sizeof part - 1;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(part, s, cut);
    part[cut] = '\0';
    esc(w, part);
    esc(w, "…");
}

/* The opening <svg> of a W × H chart labelled TITLE, and its caption. */
static void svg_open(struct sw *w, int width, int height, const char *title, const char *kind)
{
    pf(w, "<svg class=\"chart %s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" ",
       kind, width, height, width, height);
    pf(w, "aria-label=\"");
    esc(w, title);
    pf(w, "\" font-family='%s' font-size=\"11\">\n", font);
    pf(w, "<title>");
    esc(w, title);
    pf(w, "</title>\n<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"bold\">");
    esc(w, title);
    pf(w, "</text>\n");
}

/* ---------------------------------------------------------------- axes */

/* The nice step (1, 2, 5 × 10^k) that cuts RANGE into at most TICKS parts;
 * at least MIN. */
static int64_t nice_step(int64_t range, int ticks, int64_t min)
{
    if (range <= 0)
        return min > 0 ? min : 1;
    int64_t raw = range / ticks + (range % ticks != 0);
    int64_t p = 1;
    while (p <= raw / 10)
        p *= 10;
    static const int64_t m[] = {1, 2, 5, 10};
    int64_t step = p * 10;
    for (size_t i = 0; i < 4; i++)
        if (p * m[i] >= raw) {
            step = p * m[i];
            break;
        }
    return step < min ? min : step;
}

struct axis {
    int64_t lo, hi, step; /* ×10^4 */
};

/* An axis from 0 (or below, for negative values) through HI in nice steps. */
static struct axis axis_make(int64_t lo, int64_t hi, enum value_kind kind)
{
    if (lo > 0)
        lo = 0;
    if (hi < 0)
        hi = 0;
    if (hi == lo)
        hi = lo + (kind == VK_RATIO ? SCALE : SCALE);
    int64_t min = kind == VK_COUNT ? SCALE : 1;
    struct axis a = {0, 0, nice_step(hi - lo, 4, min)};
    a.hi = (hi / a.step + (hi % a.step > 0)) * a.step;
    a.lo = lo < 0 ? -((-lo) / a.step + ((-lo) % a.step > 0)) * a.step : 0;
    return a;
}

/* Pixel of V on axis A mapped onto FROM (at lo) .. TO (at hi). */
static int axis_px(const struct axis *a, int64_t v, int from, int to)
{
    if (v < a->lo)
        v = a->lo;
    if (v > a->hi)
        v = a->hi;
    __int128 num = (__int128)(v - a->lo) * (to - from);
    return from + (int)(num / (a->hi - a->lo));
}

/* The currency sign of money ticks ("" for a code without one). */
static const char *currency_sign(const char *currency)
{
    const char *c = currency && *currency ? currency : "CNY";
    if (!strcmp(c, "CNY") || !strcmp(c, "JPY"))
        return "¥";
    if (!strcmp(c, "USD"))
        return "$";
    if (!strcmp(c, "EUR"))
        return "€";
    if (!strcmp(c, "GBP"))
        return "£";
    return "";
}

/* V (×10^4) of KIND as a compact tick label into OUT. */
static void tick_text(char *out, size_t size, int64_t v, enum value_kind kind, const char *currency,
                      bool zh)
{
    bool neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t unit = SCALE;
    const char *suffix = "", *prefix = kind == VK_MONEY ? currency_sign(currency) : "";
    if (kind == VK_RATIO) {
        unit = 100; /* percent */
        suffix = "%";
    } else if (kind == VK_SCORE) {
        unit = SCALE;
    } else if (zh) {
        if (a >= (uint64_t)100000000 * SCALE)
            unit = (uint64_t)100000000 * SCALE, suffix = "亿";
        else if (a >= (uint64_t)10000 * SCALE)
            unit = (uint64_t)10000 * SCALE, suffix = "万";
    } else {
        if (a >= (uint64_t)1000000000 * SCALE)
            unit = (uint64_t)1000000000 * SCALE, suffix = "B";
        else if (a >= (uint64_t)1000000 * SCALE)
            unit = (uint64_t)1000000 * SCALE, suffix = "M";
        else if (a >= (uint64_t)1000 * SCALE)
            unit = (uint64_t)1000 * SCALE, suffix = "K";
    }
    uint64_t whole = a / unit, hundredths = (a % unit) * 100 / unit;
    char frac[8] = "";
    if (hundredths % 10)
        snprintf(frac, sizeof frac, ".%02u", (unsigned)hundredths);
    else if (hundredths)
        snprintf(frac, sizeof frac, ".%u", (unsigned)(hundredths / 10));
    snprintf(out, size, "%s%s%llu%s%s", neg ? "-" : "", prefix, (unsigned long long)whole, frac,
             suffix);
}

/* DAY as a short date: "5月15日" in Chinese, "May 15" in English. */
static void date_text(char *out, size_t size, int32_t day, bool zh)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    cal_to_ymd(day, &y, &m, &d);
    if (m < 1 || m > 12)
        m = 1;
    if (zh)
        snprintf(out, size, "%d月%d日", m, d);
    else
        snprintf(out, size, "%s %d", months[m - 1], d);
}

/* ------------------------------------------------------------- burn-up */

enum { BU_W = 640, BU_H = 300, BU_L = 78, BU_R = 624, BU_T = 52, BU_B = 268 };

static int bu_x(const struct svg_burnup *c, int32_t day)
{
    if (c->end <= c->start)
        return BU_R;
    if (day < c->start)
        day = c->start;
    if (day > c->end)
        day = c->end;
    return BU_L + (int)((int64_t)(day - c->start) * (BU_R - BU_L) / (c->end - c->start));
}

/* A polyline through points FROM..TO-1 of VALUES. */
static void bu_line(struct sw *w, const struct svg_burnup *c, const struct axis *a,
                    const int64_t *values, size_t from, size_t to, const char *cls,
                    const char *style)
{
    if (to <= from)
        return;
    pf(w, "<polyline class=\"%s\" fill=\"none\" %s points=\"", cls, style);
    for (size_t i = from; i < to; i++)
        pf(w, "%s%d,%d", i > from ? " " : "", bu_x(c, c->days[i]),
           axis_px(a, values[i], BU_B, BU_T));
    pf(w, "\"/>\n");
}

/* One legend entry at X: a short line in STYLE and TEXT. Returns the next X. */
static int legend(struct sw *w, int x, const char *style, const char *text, bool zh)
{
    pf(w, "<line x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"34\" %s/>", x, x + 18, style);
    pf(w, "<text x=\"%d\" y=\"38\">", x + 22);
    esc(w, text);
    pf(w, "</text>\n");
    size_t chars = 0;
    for (const char *s = text; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return x + 22 + (int)chars * (zh ? 12 : 7) + 14;
}

enum at_status svg_burnup_write(const struct svg_burnup *c, struct buf *out)
{
    struct sw w = {out, AT_OK};
    bool zh = c->lang && strncmp(c->lang, "zh", 2) == 0;
    size_t n = c->n < SVG_POINTS_MAX ? c->n : SVG_POINTS_MAX;
    size_t n_actual = c->n_actual < n ? c->n_actual : n;
    int64_t lo = 0, hi = c->target;
    for (size_t i = 0; i < n; i++) {
        int64_t e = c->expected[i];
        lo = e < lo ? e : lo;
        hi = e > hi ? e : hi;
    }
    for (size_t i = 0; i < n_actual; i++) {
        lo = c->actual[i] < lo ? c->actual[i] : lo;
        hi = c->actual[i] > hi ? c->actual[i] : hi;
    }
    if (c->has_forecast) {
        lo = c->forecast < lo ? c->forecast : lo;
        hi = c->forecast > hi ? c->forecast : hi;
    }
    struct axis a = axis_make(lo, hi, c->kind);
    svg_open(&w, BU_W, BU_H, c->title, "burnup");

    /* the grid and the value ticks */
    char text[64];
    for (int64_t v = a.lo; v <= a.hi && !w.st; v += a.step) {
        int y = axis_px(&a, v, BU_B, BU_T);
        pf(&w, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"/>",
           BU_L, y, BU_R, y, v == 0 ? "#888" : "#e0e0e0");
        tick_text(text, sizeof text, v, c->kind, c->currency, zh);
        pf(&w, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", BU_L - 6,
           y + 4, text);
    }
    /* the date ticks: the start, the end and three between */
    pf(&w, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", BU_L, BU_T, BU_L,
       BU_B);
    for (int k = 0; k <= 4 && !w.st; k++) {
        int32_t day = c->start + (int32_t)((int64_t)(c->end - c->start) * k / 4);
        if (k > 0 && day == c->start)
            continue;
        int x = bu_x(c, day);
        date_text(text, sizeof text, day, zh);
        pf(&w,
           "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
           "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
           x, BU_B, x, BU_B + 4, x, BU_B + 18,
           k == 0   ? "start"
           : k == 4 ? "end"
                    : "middle",
           text);
    }
    /* the as-of day */
    if (c->as_of >= c->start && c->as_of <= c->end) {
        int x = bu_x(c, c->as_of);
        date_text(text, sizeof text, c->as_of, zh);
        char mark[96];
        snprintf(mark, sizeof mark, zh ? "截至%s" : "as of %s", text);
        pf(&w,
           "<line class=\"today\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\" "
           "stroke-dasharray=\"2 3\"/><text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
           "fill=\"#555\">%s</text>\n",
           x, BU_T, x, BU_B, x > (BU_L + BU_R) / 2 ? x - 4 : x + 4, BU_T + 12,
           x > (BU_L + BU_R) / 2 ? "end" : "start", mark);
    }
    /* the target */
    int ty = axis_px(&a, c->target, BU_B, BU_T);
    pf(&w,
       "<line class=\"target\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c62828\" "
       "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
       BU_L, ty, BU_R, ty);
    /* expected, actual, forecast */
    bu_line(&w, c, &a, c->expected, 0, n, "expected", "stroke=\"#9e9e9e\" stroke-width=\"1.5\"");
    bu_line(&w, c, &a, c->actual, 0, n_actual, "actual", "stroke=\"#1565c0\" stroke-width=\"2.5\"");
    if (c->has_forecast && n_actual > 0) {
        size_t last = n_actual - 1;
        pf(&w,
           "<line class=\"forecast\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ef6c00\" "
           "stroke-width=\"2\" stroke-dasharray=\"5 4\"/>\n",
           bu_x(c, c->days[last]), axis_px(&a, c->actual[last], BU_B, BU_T), BU_R,
           axis_px(&a, c->forecast, BU_B, BU_T));
    }
    /* the labels: the target at the right, the last actual, the forecast */
    if (c->target_text) {
        pf(&w, "<text class=\"target\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#c62828\">",
           BU_R - 2, ty - 4);
        esc(&w, c->target_text);
        pf(&w, "</text>\n");
    }
    if (n_actual > 0) {
        size_t last = n_actual - 1;
        int x = bu_x(c, c->days[last]), y = axis_px(&a, c->actual[last], BU_B, BU_T);
        pf(&w, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"#1565c0\"/>", x, y);
        if (c->actual_text) {
            bool left = x > (BU_L + BU_R) / 2;
            pf(&w, "<text class=\"actual\" x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"#1565c0\">",
               left ? x - 6 : x + 6, y - 6, left ? "end" : "start");
            esc(&w, c->actual_text);
            pf(&w, "</text>");
        }
        pf(&w, "\n");
    }
    if (c->has_forecast && n_actual > 0 && c->forecast_text) {
        int fy = axis_px(&a, c->forecast, BU_B, BU_T);
        pf(&w, "<text class=\"forecast\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#ef6c00\">",
           BU_R - 2, fy - 6 > BU_T + 24 ? fy - 6 : fy + 14);
        esc(&w, c->forecast_text);
        pf(&w, "</text>\n");
    }
    /* the legend */
    int x = BU_L;
    x = legend(&w, x, "stroke=\"#1565c0\" stroke-width=\"2.5\"", zh ? "实际" : "actual", zh);
    x = legend(&w, x, "stroke=\"#9e9e9e\" stroke-width=\"1.5\"", zh ? "应完成" : "expected", zh);
    x = legend(&w, x, "stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"",
               zh ? "目标" : "target", zh);
    if (c->has_forecast)
        legend(&w, x, "stroke=\"#ef6c00\" stroke-width=\"2\" stroke-dasharray=\"5 4\"",
               zh ? "预测" : "forecast", zh);
    pf(&w, "</svg>\n");
    return w.st;
}

/* ---------------------------------------------------------------- bars */

enum { BAR_W = 640, BAR_LABEL = 150, BAR_X0 = 156, BAR_X1 = 560, BAR_TOP = 46, BAR_ROW = 24 };

enum at_status svg_bars_write(const struct svg_bars *c, struct buf *out)
{
    struct sw w = {out, AT_OK};
    bool zh = c->lang && strncmp(c->lang, "zh", 2) == 0;
    int64_t hi = c->reference;
    for (size_t i = 0; i < c->n; i++)
        if (c->bars[i].defined && c->bars[i].value > hi)
            hi = c->bars[i].value;
    struct axis a = axis_make(0, hi, VK_RATIO);
    int height = BAR_TOP + (int)c->n * BAR_ROW + 10;
    svg_open(&w, BAR_W, height, c->title, "bars");
    int bottom = BAR_TOP + (int)c->n * BAR_ROW;
    char text[64];
    for (int64_t v = a.lo; v <= a.hi && !w.st; v += a.step) {
        int x = axis_px(&a, v, BAR_X0, BAR_X1);
        pf(&w,
           "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
           "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
           x, BAR_TOP - 4, x, bottom, v == 0 ? "#888" : "#e0e0e0", x, BAR_TOP - 8);
        tick_text(text, sizeof text, v, VK_RATIO, NULL, zh);
        pf(&w, "%s</text>\n", text);
    }
    for (size_t i = 0; i < c->n && !w.st; i++) {
        const struct svg_bar *b = &c->bars[i];
        int y = BAR_TOP + (int)i * BAR_ROW;
        pf(&w, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", BAR_LABEL,
           y + BAR_ROW / 2 + 4);
        esc_cut(&w, b->label, 12);
        pf(&w, "</text>");
        int x = BAR_X0;
        if (b->defined) {
            x = axis_px(&a, b->value < 0 ? 0 : b->value, BAR_X0, BAR_X1);
            pf(&w, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
               BAR_X0, y + 4, x - BAR_X0, BAR_ROW - 8, svg_status_colour(b->status));
        }
        pf(&w, "<text class=\"value\" x=\"%d\" y=\"%d\">", x + 4, y + BAR_ROW / 2 + 4);
        esc(&w, b->defined && b->value_text ? b->value_text : "—");
        pf(&w, "</text>\n");
    }
    if (c->reference > 0 && c->reference <= a.hi) {
        int x = axis_px(&a, c->reference, BAR_X0, BAR_X1);
        pf(&w,
           "<line class=\"reference\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" "
           "stroke-dasharray=\"4 3\"/>\n",
           x, BAR_TOP - 4, x, bottom);
    }
    pf(&w, "</svg>\n");
    return w.st;
}
