/* test_xlsx.c — xlsx_write_table writes a real workbook: a zip ("PK") whose
 * sheet has the header row, numbers as numeric cells, text as shared strings,
 * blank cells left out, a frozen header and currency formats; bad input and
 * unwritable paths are errors. The parts are read back with `unzip -p`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "io/xlsx.h"

static char dir[] = "/tmp/test_xlsx_XXXXXX";

static int setup(void **state)
{
    (void)state;
    if (system("command -v unzip >/dev/null 2>&1") != 0) {
        fprintf(stderr, "test_xlsx: needs unzip (Debian package unzip)\n");
        return -1;
    }
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* PATH inside the test directory, in a static buffer. */
static const char *in_dir(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Part PART of the zip FILE, via `unzip -p` (caller frees). */
static char *unzip_part(const char *file, const char *part)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", file, part);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct buf b;
    buf_init(&b, 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        assert_int_equal(buf_append(&b, chunk, n), AT_OK);
    assert_int_equal(pclose(p), 0);
    return buf_take(&b);
}

/* The <c r="REF" ...>...</c> element of SHEET (caller frees), NULL when the
 * cell is not in the sheet (blank). */
static char *cell_xml(const char *sheet, const char *ref)
{
    char open[32];
    snprintf(open, sizeof open, "<c r=\"%s\"", ref);
    const char *s = strstr(sheet, open);
    if (!s)
        return NULL;
    const char *gt = strchr(s, '>');
    assert_non_null(gt);
    if (gt[-1] == '/') /* <c r="X" s="1"/>: a blank cell with a format */
        return xstrndup(s, (size_t)(gt + 1 - s));
    const char *end = strstr(s, "</c>");
    assert_non_null(end);
    return xstrndup(s, (size_t)(end + 4 - s));
}

/* Assert that cell REF of SHEET is a number whose text in the file is VALUE. */
static void assert_number(const char *sheet, const char *ref, const char *value)
{
    char *c = cell_xml(sheet, ref);
    if (!c)
        fail_msg("%s: no cell", ref);
    char v[64];
    snprintf(v, sizeof v, "><v>%s</v></c>", value);
    if (strstr(c, "t=\"") || !strstr(c, v))
        fail_msg("%s: want a number %s, got %s", ref, value, c);
    free(c);
}

/* Assert that cell REF of SHEET is a shared string. */
static void assert_shared_string(const char *sheet, const char *ref)
{
    char *c = cell_xml(sheet, ref);
    if (!c)
        fail_msg("%s: no cell", ref);
    if (!strstr(c, "t=\"s\"") || !strstr(c, "<v>"))
        fail_msg("%s: want a shared string, got %s", ref, c);
    free(c);
}

static void assert_blank(const char *sheet, const char *ref)
{
    char *c = cell_xml(sheet, ref);
    if (c && strstr(c, "<v>"))
        fail_msg("%s: want blank, got %s", ref, c);
    free(c);
}

static const char *const cols[] = {"name", "revenue", "deals", "win rate", "note"};
static const int kinds[] = {XLSX_TEXT, XLSX_MONEY, XLSX_COUNT, XLSX_RATIO, XLSX_TEXT};
static const char *const cells[] = {
    "张三", "1234.50", "3",     "0.4521", "华东大区重点客户", /* row 2 */
    "Bob",  "-0.5",    "0.6",   "",       NULL,               /* row 3 */
    "王五", "",        "12345", "1",      "x",                /* row 4 */
    "Ann",  "n/a",     "0",     "0",      "1234.50",          /* row 5 */
};

static void test_write_and_read_back(void **state)
{
    (void)state;
    const char *path = in_dir("report.xlsx");
    struct at_err err = {0};
    assert_int_equal(xlsx_write_table(path, "报表", 5, cols, kinds, 4, cells, "CNY", &err), AT_OK);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fclose(f);
    assert_memory_equal(magic, "PK", 2);

    char *sheet = unzip_part(path, "xl/worksheets/sheet1.xml");
    /* the header row: five shared strings */
    assert_non_null(strstr(sheet, "<row r=\"1\""));
    for (const char *const *r = (const char *const[]){"A1", "B1", "C1", "D1", "E1", NULL}; *r; r++)
        assert_shared_string(sheet, *r);
    /* frozen below the header; widths set */
    assert_non_null(strstr(sheet, "ySplit=\"1\""));
    assert_non_null(strstr(sheet, "state=\"frozen\""));
    assert_non_null(strstr(sheet, "<col min=\"1\" max=\"1\" width="));
    assert_non_null(strstr(sheet, "customWidth=\"1\""));
    /* numbers are numbers */
    assert_number(sheet, "B2", "1234.5");
    assert_number(sheet, "B3", "-0.5");
    assert_number(sheet, "C2", "3");
    assert_number(sheet, "C3", "0.6");
    assert_number(sheet, "C4", "12345");
    assert_number(sheet, "C5", "0");
    assert_number(sheet, "D2", "0.4521");
    assert_number(sheet, "D4", "1");
    /* text is text, even when it looks like a number; a non-number money cell
     * is kept as text */
    assert_shared_string(sheet, "A2");
    assert_shared_string(sheet, "E2");
    assert_shared_string(sheet, "E5");
    assert_shared_string(sheet, "B5");
    /* undefined is blank */
    assert_blank(sheet, "D3");
    assert_blank(sheet, "E3");
    assert_blank(sheet, "B4");
    free(sheet);

    char *strings = unzip_part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(strings, "<t>张三</t>"));
    assert_non_null(strstr(strings, "<t>华东大区重点客户</t>"));
    assert_non_null(strstr(strings, "<t>win rate</t>"));
    assert_non_null(strstr(strings, "<t>1234.50</t>"));
    free(strings);

    char *styles = unzip_part(path, "xl/styles.xml");
    assert_non_null(strstr(styles, "formatCode=\"&quot;¥&quot;#,##0.00\""));
    assert_non_null(strstr(styles, "formatCode=\"0.00%\"") || strstr(styles, "numFmtId=\"10\""));
    assert_non_null(strstr(styles, "<b/>"));
    free(styles);

    char *book = unzip_part(path, "xl/workbook.xml");
    assert_non_null(strstr(book, "name=\"报表\""));
    free(book);
}

static void test_currency_formats(void **state)
{
    (void)state;
    static const struct {
        const char *currency, *format;
    } cases[] = {
        {"USD", "formatCode=\"&quot;$&quot;#,##0.00\""},
        {"JPY", "formatCode=\"&quot;¥&quot;#,##0\""},
        {"BRL", "formatCode=\"#,##0.00&quot; BRL&quot;\""},
        {"KWD", "formatCode=\"#,##0.000&quot; KWD&quot;\""},
        {NULL, "formatCode=\"&quot;¥&quot;#,##0.00\""},
    };
    const char *const one_col[] = {"value"};
    const int money[] = {XLSX_MONEY};
    const char *const one_cell[] = {"1234"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = in_dir("money.xlsx");
        struct at_err err = {0};
        assert_int_equal(
            xlsx_write_table(path, NULL, 1, one_col, money, 1, one_cell, cases[i].currency, &err),
            AT_OK);
        char *styles = unzip_part(path, "xl/styles.xml");
        if (!strstr(styles, cases[i].format))
            fail_msg("%s: no %s in styles.xml", cases[i].currency, cases[i].format);
        free(styles);
        char *sheet = unzip_part(path, "xl/worksheets/sheet1.xml");
        assert_number(sheet, "A2", "1234");
        free(sheet);
    }
}

static void test_errors(void **state)
{
    (void)state;
    struct at_err err = {0};
    assert_int_equal(
        xlsx_write_table("/nonexistent-dir/r.xlsx", NULL, 5, cols, kinds, 4, cells, "CNY", &err),
        AT_IO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/r.xlsx"));

    const char *path = in_dir("bad.xlsx");
    assert_int_equal(xlsx_write_table(path, "a/b", 5, cols, kinds, 4, cells, "CNY", &err),
                     AT_INVALID);
    assert_non_null(strstr(err.msg, "a/b"));

    const char *const bad_utf8[] = {"ok", "\xff\xfe"};
    assert_int_equal(xlsx_write_table(path, NULL, 1, cols, kinds, 2, bad_utf8, NULL, &err),
                     AT_INVALID);
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_int_equal(access(path, F_OK), -1); /* nothing written */

    /* an empty table is still a workbook with its header */
    assert_int_equal(xlsx_write_table(path, NULL, 5, cols, NULL, 0, NULL, NULL, &err), AT_OK);
    char *sheet = unzip_part(path, "xl/worksheets/sheet1.xml");
    assert_shared_string(sheet, "A1");
    assert_null(strstr(sheet, "<row r=\"2\""));
    free(sheet);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_and_read_back),
        cmocka_unit_test(test_currency_formats),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
