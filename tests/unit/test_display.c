/*
 * test_display.c — display_reason: what attain appends to a change's reason
 * in parentheses, in Chinese; anything else is left as it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/display.h"

static void reason_is(const char *cell, const char *want)
{
    char out[512];
    bool changed = display_reason(cell, "zh", out, sizeof out);
    if (!want) {
        assert_false(changed);
        return;
    }
    assert_true(changed);
    assert_string_equal(out, want);
}

static void test_reasons(void **state)
{
    (void)state;
    reason_is("年度计划 (split:1 by history over units)",
              "年度计划（由目标 1 按历史分解到下级单位）");
    reason_is("x (split:12 by even over months)", "x（由目标 12 按平均分解到各月）");
    reason_is("对齐 (reconcile with goal 3 by even)", "对齐（按平均与目标 3 对齐）");
    reason_is("plain reason", NULL);
    reason_is("odd (split:1 by even)", NULL); /* not what attain writes: as it is */
    char out[64];
    assert_false(display_reason("x (split:1 by even over units)", "en", out, sizeof out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_reasons)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
