/*
 * test_svg_chart.c — unit tests of io/svg_chart: reading canonical values
 * (×10^4, rounding half away from zero), the axis ticks of a burn-up (nice
 * steps of 1, 2, 5 × 10^k, labelled 万/亿 in Chinese and K/M in English), the
 * bars (one rect per defined value, "—" for the rest, colours by status) and
 * escaping (no raw markup from a title, no blank line, no external link).
 * Expected ticks are worked out by hand from the ranges in each row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/calendar.h"
#include "io/svg_chart.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void test_value_read(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        int64_t v;
    } rows[] = {
        {"1234.5", true, 12345000},
        {"-0.4521", true, -4521},
        {"0.00005", true, 1}, /* half away from zero */
        {"0.00004", true, 0},
        {"-2.00005", true, -20001},
        {".5", true, 5000},
        {"12", true, 120000},
        {"99999999999999", true, 999999999999990000},
        {"999999999999999", false, 0}, /* beyond int64 at ×10^4 */
        {"", false, 0},
        {"-", false, 0},
        {"1e5", false, 0},
        {"12,000", false, 0},
        {"abc", false, 0},
    };
    for (size_t i = 0; i < N_OF(rows); i++) {
        int64_t v = -7;
        bool ok = svg_value_read(rows[i].text, &v);
        if (ok != rows[i].ok || v != rows[i].v)
            fail_msg("row %zu (%s): got %d %lld, want %d %lld", i, rows[i].text, ok, (long long)v,
                     rows[i].ok, (long long)rows[i].v);
    }
}

/* The value tick labels of SVG (the ticks left of the plot, at x = 72),
 * joined by spaces into OUT. */
static void value_ticks(const char *svg, char *out, size_t size)
{
    out[0] = '\0';
    size_t len = 0;
    const char *p = svg;
    while ((p = strstr(p, "<text class=\"tick\" x=\"72\"")) != NULL) {
        p = strchr(p, '>') + 1;
        const char *end = strstr(p, "</text>");
        int n = snprintf(out + len, size - len, "%s%.*s", len ? " " : "", (int)(end - p), p);
        if (n > 0 && (size_t)n < size - len)
            len += (size_t)n;
    }
}

static void test_burnup_ticks(void **state)
{
    (void)state;
    /* the value ticks of a burn-up whose largest figure is MAX */
    static const struct {
        const char *lang;
        enum value_kind kind;
        int64_t max;
        const char *ticks;
    } rows[] = {
        /* 200万: range / 4 = 50万, a nice step */
        {"zh", VK_MONEY, 20000000000, "¥0 ¥50万 ¥100万 ¥150万 ¥200万"},
        {"en", VK_MONEY, 20000000000, "¥0 ¥500K ¥1M ¥1.5M ¥2M"},
        /* 5: raw step 1.25 → 2; top 6 */
        {"zh", VK_COUNT, 50000, "0 2 4 6"},
        /* 1.3亿: raw 3250万 → 5000万 */
        {"zh", VK_MONEY, 1300000000000, "¥0 ¥5000万 ¥1亿 ¥1.5亿"},
        /* 7,300: raw 1825 → 2000 */
        {"en", VK_MONEY, 73000000, "¥0 ¥2K ¥4K ¥6K ¥8K"},
        /* a ratio of 0.85: raw 0.2125 → 0.5 */
        {"en", VK_RATIO, 8500, "0% 50% 100%"},
    };
    for (size_t i = 0; i < N_OF(rows); i++) {
        struct svg_burnup c = {.title = "t", .lang = rows[i].lang, .kind = rows[i].kind};
        c.start = cal_from_ymd(2026, 1, 1);
        c.end = cal_from_ymd(2026, 3, 31);
        c.as_of = cal_from_ymd(2026, 2, 10);
        c.target = rows[i].max;
        c.n = 2;
        c.days[0] = c.start;
        c.days[1] = c.end;
        c.expected[0] = 0;
        c.expected[1] = rows[i].max;
        struct buf b;
        buf_init(&b, 0);
        assert_int_equal(svg_burnup_write(&c, &b), AT_OK);
        char ticks[512];
        value_ticks(buf_str(&b), ticks, sizeof ticks);
        if (strcmp(ticks, rows[i].ticks) != 0)
            fail_msg("row %zu: ticks \"%s\", want \"%s\"", i, ticks, rows[i].ticks);
        buf_free(&b);
    }
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static void test_bars(void **state)
{
    (void)state;
    const struct svg_bar bars[] = {
        {"张伟", true, 3200, "32.0%", "missed"},
        {"李强 <&>", true, 12000, "120.0%", "on_track"},
        {"王芳", false, 0, NULL, "not_started"},
        {"一个非常非常非常长的名字真的很长", true, 9500, "95.0%", "at_risk"},
    };
    struct svg_bars c = {.title = "完成率 \"Q1\" & <x>",
                         .lang = "zh",
                         .bars = bars,
                         .n = N_OF(bars),
                         .reference = 10000};
    struct buf b;
    buf_init(&b, 0);
    assert_int_equal(svg_bars_write(&c, &b), AT_OK);
    const char *s = buf_str(&b);
    assert_int_equal(count(s, "<rect class=\"bar\""), 3);
    assert_int_equal(count(s, "<text class=\"value\""), 4);
    assert_non_null(strstr(s, ">—</text>"));
    assert_non_null(strstr(s, "fill=\"#c62828\"/><text class=\"value\" x=\"246\" y=\"62\">32.0%"));
    assert_non_null(strstr(s, "fill=\"#2e7d32\""));
    assert_non_null(strstr(s, "fill=\"#f9a825\""));
    /* 120% stretches the axis to 150% (a step of 50%): 100% at 2/3 of it */
    assert_non_null(strstr(s, ">150%</text>"));
    assert_non_null(strstr(s, "<line class=\"reference\" x1=\"425\""));
    /* escaped, cut to 12 characters, no blank line, nothing external */
    assert_non_null(strstr(s, "完成率 &quot;Q1&quot; &amp; &lt;x&gt;"));
    assert_non_null(strstr(s, "李强 &lt;&amp;&gt;"));
    assert_non_null(strstr(s, ">一个非常非常非常长的名…</text>"));
    assert_null(strstr(s, "\n\n"));
    assert_null(strstr(s, "http"));
    assert_null(strstr(s, "<script"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_read),
        cmocka_unit_test(test_burnup_ticks),
        cmocka_unit_test(test_bars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
