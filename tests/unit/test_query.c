/*
 * test_query.c — table-driven tests of the query text read once in app into
 * typed values: filters (domain/filter.c) and breakdowns (app/query.c). The
 * messages name the field ("filter", "breakdown"), never a command-line flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/query.h"
#include "domain/filter.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct filter_case {
    const char *text;
    enum at_status status;
    enum filter_key key;
    const char *value; /* expected value, or a part of the message */
};

static const struct filter_case filter_cases[] = {
    {"product=Widget", AT_OK, FILTER_PRODUCT, "Widget"},
    {"segment=企业", AT_OK, FILTER_SEGMENT, "企业"},
    {"region=East", AT_OK, FILTER_REGION, "East"},
    {"tag=vip", AT_OK, FILTER_TAG, "vip"},
    {"stage=won", AT_OK, FILTER_STAGE, "won"},
    {"tag=a=b", AT_OK, FILTER_TAG, "a=b"}, /* the first = splits */
    {"product=", AT_INVALID, 0, "filter product=: write key=value"},
    {"=x", AT_INVALID, 0, "filter =x: write key=value"},
    {"product", AT_INVALID, 0, "filter product: write key=value"},
    {"color=red", AT_INVALID, 0, "filter color=red: filter on product"},
    {"Product=x", AT_INVALID, 0, "filter on product"},
    {"products=x", AT_INVALID, 0, "filter on product"},
};

static void test_filter_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(filter_cases); i++) {
        const struct filter_case *c = &filter_cases[i];
        struct filter_term t;
        struct at_err err = {0};
        enum at_status st = filter_term_parse(c->text, &t, &err);
        if (st != c->status)
            fail_msg("%s: status %d, want %d (%s)", c->text, st, c->status, err.msg);
        if (st == AT_OK) {
            assert_int_equal(t.key, c->key);
            assert_string_equal(t.value, c->value);
            char back[300];
            snprintf(back, sizeof back, "%s=%s", filter_key_name(t.key), t.value);
            assert_string_equal(back, c->text);
        } else if (!strstr(err.msg, c->value) || strstr(err.msg, "--")) {
            fail_msg("%s: message \"%s\", want \"%s\" and no flag", c->text, err.msg, c->value);
        }
    }
}

static void test_filter_value_too_long(void **state)
{
    (void)state;
    char text[FILTER_VALUE_MAX + 16];
    memcpy(text, "tag=", 4);
    memset(text + 4, 'x', FILTER_VALUE_MAX);
    text[4 + FILTER_VALUE_MAX] = '\0';
    struct filter_term t;
    struct at_err err = {0};
    assert_int_equal(filter_term_parse(text, &t, &err), AT_INVALID);
    text[4 + FILTER_VALUE_MAX - 1] = '\0'; /* the longest that fits */
    assert_int_equal(filter_term_parse(text, &t, &err), AT_OK);
    assert_int_equal(strlen(t.value), FILTER_VALUE_MAX - 1);
}

struct by_case {
    const char *text;
    enum at_status status;
    enum breakdown by;
};

static const struct by_case by_cases[] = {
    {"person", AT_OK, BY_PERSON},    {"team", AT_OK, BY_TEAM},       {"unit", AT_OK, BY_UNIT},
    {"month", AT_OK, BY_MONTH},      {"quarter", AT_OK, BY_QUARTER}, {"week", AT_OK, BY_WEEK},
    {"day", AT_OK, BY_DAY},          {"year", AT_INVALID, BY_NONE},  {"", AT_INVALID, BY_NONE},
    {"Person", AT_INVALID, BY_NONE},
};

static void test_breakdown_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(by_cases); i++) {
        const struct by_case *c = &by_cases[i];
        enum breakdown by = BY_NONE;
        struct at_err err = {0};
        enum at_status st = query_breakdown_parse(c->text, &by, &err);
        if (st != c->status)
            fail_msg("%s: status %d, want %d", c->text, st, c->status);
        if (st == AT_OK)
            assert_int_equal(by, c->by);
        else if (strncmp(err.msg, "breakdown ", 10) != 0 || strstr(err.msg, "--"))
            fail_msg("%s: message \"%s\" should name the breakdown, not a flag", c->text, err.msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_parse),
        cmocka_unit_test(test_filter_value_too_long),
        cmocka_unit_test(test_breakdown_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
