/*
 * test_csv.c — unit tests of io/csv: RFC 4180 parsing, line numbers, encoding
 * and delimiter detection, chunk boundaries, errors, the field writer, and the
 * public data sets under ../shared/data (ATTAIN_DATA overrides; skipped when
 * absent).
 *
 * Most cases are rows of tables. Encoded inputs (UTF-16, GB18030) are made
 * from UTF-8 text with iconv here, so the tables stay readable; one GB18030
 * fixture made with the iconv command lives in tests/data/csv/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "io/csv.h"

/* Must match CSV_CHUNK_SIZE in csv.c: big inputs are several times this. */
#define CHUNK (256 * 1024)

/* ---- helpers ------------------------------------------------------------ */

/* Records rendered as "LINE:[f1][f2]\n", for comparing with a table. */
struct collect {
    struct buf dump;
    long records;
    long stop_after; /* fail on this record (1-based); 0 = never */
};

/* Callback: render REC into the collect CTX, checking the NUL terminators. */
static enum at_status collect_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct collect *c = ctx;
    if (c->stop_after && c->records + 1 == c->stop_after)
        return at_err_set(err, AT_CONFLICT, "stopped at line %ld", rec->line);
    c->records++;
    assert_true(rec->n_fields > 0);
    buf_printf(&c->dump, "%ld:", rec->line);
    for (size_t i = 0; i < rec->n_fields; i++) {
        assert_int_equal(rec->fields[i][rec->lens[i]], '\0');
        buf_putc(&c->dump, '[');
        buf_append(&c->dump, rec->fields[i], rec->lens[i]);
        buf_putc(&c->dump, ']');
    }
    buf_putc(&c->dump, '\n');
    return AT_OK;
}

/* UTF8 converted to ENC by iconv, after the raw bytes BOM (may be NULL);
 * caller frees. */
static char *encode(const char *utf8, const char *enc, const char *bom, size_t bom_len,
                    size_t *out_len)
{
    size_t in_len = strlen(utf8);
    size_t cap = bom_len + 4 * in_len + 16;
    char *out = xmalloc(cap);
    if (bom_len)
        memcpy(out, bom, bom_len);
    iconv_t cd = iconv_open(enc, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *in = (char *)utf8;
    char *o = out + bom_len;
    size_t out_left = cap - bom_len;
    assert_true(iconv(cd, &in, &in_len, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - out_left;
    return out;
}

/* Print the error message before failing on an unexpected status. */
#define assert_status(st, want, err)                                                               \
    do {                                                                                           \
        if ((st) != (want))                                                                        \
            print_message("unexpected status %d: %s\n", (int)(st), (err).msg);                     \
        assert_int_equal((st), (want));                                                            \
    } while (0)

/* Write N bytes at DATA to a new temporary file; returns its path (caller
 * frees and unlinks). */
static char *write_temp(const char *data, size_t n)
{
    char *path = xstrdup("/tmp/test_csv_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(fd, data + done, n - done);
        assert_true(k > 0);
        done += (size_t)k;
    }
    close(fd);
    return path;
}

/* ---- parsing and detection table ----------------------------------------- */

struct read_case {
    const char *name;
    const char *input;
    size_t len;           /* 0: strlen(input) */
    const char *encoding; /* option */
    char delimiter;       /* option */
    enum at_status status;
    const char *want;     /* the dump on success; a prefix of the message on error */
    char want_delim;      /* 0: do not check */
    const char *want_enc; /* NULL: do not check */
};

static const struct read_case read_cases[] = {
    {"lf", "a,b\n1,2\n", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n", ',', "utf-8"},
    {"crlf", "a,b\r\n1,2\r\n3,4\r\n", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n3:[3][4]\n", ',',
     NULL},
    {"no final newline", "a,b\n1,2", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n", ',', NULL},
    {"no final newline, quoted", "a,b\r\n1,\"2\"", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n", ',',
     NULL},
    {"blank lines skipped", "\na,b\n\n1,2\n\r\n\n3,4\n\n", 0, NULL, 0, AT_OK,
     "2:[a][b]\n4:[1][2]\n7:[3][4]\n", ',', NULL},
    {"lone empty quoted field is blank", "a\n\"\"\nb\n", 0, NULL, 0, AT_OK, "1:[a]\n3:[b]\n", ',',
     NULL},
    {"empty fields kept", "a,b,c\n,,\n", 0, NULL, 0, AT_OK, "1:[a][b][c]\n2:[][][]\n", ',', NULL},
    {"cr only line ends", "a,b\r1,2\r\r3,4", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n4:[3][4]\n",
     ',', NULL},
    {"quoted delimiter and quotes", "name,note\n\"Smith, J\",\"say \"\"hi\"\"\"\n", 0, NULL, 0,
     AT_OK, "1:[name][note]\n2:[Smith, J][say \"hi\"]\n", ',', NULL},
    {"quoted newlines move the next line", "a,b\n\"x\ny\",1\n2,3\n\"p\r\nq\r\nr\",4\r\n5,6", 0,
     NULL, 0, AT_OK, "1:[a][b]\n2:[x\ny][1]\n4:[2][3]\n5:[p\r\nq\r\nr][4]\n8:[5][6]\n", ',', NULL},
    {"spaces are data", " a , b \n\"c\", d\n", 0, NULL, 0, AT_OK, "1:[ a ][ b ]\n2:[c][ d]\n", ',',
     NULL},
    {"stray quote in unquoted field kept", "size,name\n24\",monitor\n5\"x\"y,z\n", 0, NULL, 0,
     AT_OK, "1:[size][name]\n2:[24\"][monitor]\n3:[5\"x\"y][z]\n", ',', NULL},
    {"semicolon", "a;b;c\n1,5;2;3\n", 0, NULL, 0, AT_OK, "1:[a][b][c]\n2:[1,5][2][3]\n", ';', NULL},
    {"tab", "a\tb\n1\t2\n", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n", '\t', NULL},
    {"pipe", "a|b\n1|2", 0, NULL, 0, AT_OK, "1:[a][b]\n2:[1][2]\n", '|', NULL},
    {"colon is not a delimiter", "a:b:c\n1:2:3\n", 0, NULL, 0, AT_OK, "1:[a:b:c]\n2:[1:2:3]\n", ',',
     NULL},
    {"colons in times do not win", "won_date,id\n2018-01-01 10:00:00,1\n", 0, NULL, 0, AT_OK,
     "1:[won_date][id]\n2:[2018-01-01 10:00:00][1]\n", ',', NULL},
    {"quoted delimiter does not count", "\"a;b\",c\n\"1;2\",3\n", 0, NULL, 0, AT_OK,
     "1:[a;b][c]\n2:[1;2][3]\n", ',', NULL},
    {"tie prefers comma", "a,b;c\n1,2;3\n", 0, NULL, 0, AT_OK, "1:[a][b;c]\n2:[1][2;3]\n", ',',
     NULL},
    {"more consistent lines win", "a,b;c;d\n1;2;3\n4;5,6;7\n", 0, NULL, 0, AT_OK,
     "1:[a,b][c][d]\n2:[1][2][3]\n3:[4][5,6][7]\n", ';', NULL},
    {"header only", "a;b", 0, NULL, 0, AT_OK, "1:[a][b]\n", ';', NULL},
    {"single column is comma", "name\nfoo;x\nbar\n", 0, NULL, 0, AT_OK,
     "1:[name]\n2:[foo;x]\n3:[bar]\n", ',', NULL},
    {"explicit delimiter", "a;b,c\n", 0, NULL, ';', AT_OK, "1:[a][b,c]\n", ';', NULL},
    {"empty input", "", 0, NULL, 0, AT_OK, "", ',', "utf-8"},
    {"only a BOM", "\xEF\xBB\xBF", 0, NULL, 0, AT_OK, "", ',', "utf-8-bom"},
    {"utf-8 BOM stripped", "\xEF\xBB\xBFid,name\r\n1,x\r\n", 0, NULL, 0, AT_OK,
     "1:[id][name]\n2:[1][x]\n", ',', "utf-8-bom"},
    {"utf-8 BOM before a quote", "\xEF\xBB\xBF\"id\";\"name\"\n", 0, NULL, 0, AT_OK,
     "1:[id][name]\n", ';', "utf-8-bom"},
    {"utf-8 chinese", "客户名称,销售订单金额\n张三,100\n", 0, NULL, 0, AT_OK,
     "1:[客户名称][销售订单金额]\n2:[张三][100]\n", ',', "utf-8"},
    {"explicit utf-8 with BOM", "\xEF\xBB\xBFid\n1\n", 0, "UTF8", 0, AT_OK, "1:[id]\n2:[1]\n", ',',
     "utf-8-bom"},
    {"explicit latin1", "caf\xE9,x\n", 0, "ISO-8859-1", 0, AT_OK, "1:[café][x]\n", ',',
     "ISO-8859-1"},
    {"unterminated quote", "a,b\n1,2\n3,\"open\n4,5\n", 0, NULL, 0, AT_INVALID,
     "t.csv:3: quoted field not closed", 0, NULL},
    {"unterminated quote in first field", "a,b\r\n\r\n\"open,3\n", 0, NULL, 0, AT_INVALID,
     "t.csv:3: quoted field not closed", 0, NULL},
    {"unterminated quote after a CR line end", "a,b\r1,2\r\"open", 0, NULL, 0, AT_INVALID,
     "t.csv:3: quoted field not closed", 0, NULL},
    {"text after closing quote", "a,b\n1,2\n\"x\"y,1\n", 0, NULL, 0, AT_INVALID,
     "t.csv:3: unexpected character after a closing quote", 0, NULL},
    {"invalid utf-8, explicit", "a,b\n1,\xC3\x28\n", 0, "utf-8", 0, AT_INVALID,
     "t.csv:2: invalid UTF-8", 0, NULL},
    {"truncated utf-8 at end, explicit", "a,b\n1,\xE4\xB8", 0, "utf-8", 0, AT_INVALID,
     "t.csv:2: invalid UTF-8", 0, NULL},
    {"overlong utf-8 is not utf-8", "a,b\n\xC0\xAF,1\n", 0, "utf-8", 0, AT_INVALID,
     "t.csv:2: invalid UTF-8", 0, NULL},
    {"neither utf-8 nor gb18030", "a,b\n\n1,\xFF\n", 0, NULL, 0, AT_INVALID,
     "t.csv:3: not valid gb18030", 0, NULL},
    {"invalid first byte", "\xFF,a\n", 0, "gb18030", 0, AT_INVALID, "t.csv:1: not valid gb18030", 0,
     NULL},
    {"unknown encoding", "a\n", 0, "klingon-8", 0, AT_INVALID,
     "t.csv: unknown encoding \"klingon-8\"", 0, NULL},
    {"quote as delimiter", "a\n", 0, NULL, '"', AT_INVALID, "t.csv: cannot use a quote", 0, NULL},
};

/* Each row of read_cases through csv_read_buffer. */
static void test_read_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
        const struct read_case *tc = &read_cases[i];
        struct csv_options opt = {.encoding = tc->encoding, .delimiter = tc->delimiter};
        struct collect c = {.records = 0};
        struct csv_info info;
        struct at_err err = {AT_OK, ""};
        size_t len = tc->len ? tc->len : strlen(tc->input);
        buf_init(&c.dump, 0);
        print_message("case: %s\n", tc->name);
        enum at_status st =
            csv_read_buffer(tc->input, len, "t.csv", &opt, collect_record, &c, &info, &err);
        assert_status(st, tc->status, err);
        if (st == AT_OK) {
            assert_string_equal(buf_str(&c.dump), tc->want);
            assert_int_equal(info.records, c.records);
            assert_int_equal(info.file_size, (int64_t)len);
        } else {
            assert_true(str_starts_with(err.msg, tc->want));
        }
        if (tc->want_delim)
            assert_int_equal(info.delimiter, tc->want_delim);
        if (tc->want_enc)
            assert_string_equal(info.encoding, tc->want_enc);
        buf_free(&c.dump);
    }
}

/* A NUL byte inside a field is refused with FILE:LINE:COLUMN (issue 8): it
 * used to reach the importer, which read "Cu\0st X" as "Cu" without a word.
 * (Short text with many NUL bytes is read as UTF-16 without a BOM; these are
 * UTF-8 with one NUL.) */
static const struct {
    const char *name;
    const char *text;
    size_t len;
    const char *want; /* the start of the message */
} nul_cases[] = {
    {"in a data field", "id,name\n1,Cu\0st X\n", 18, "n.csv:2:name: NUL byte in field"},
    {"in a quoted field after a newline", "id,name\n\"x\ny\",\"Cu\0st\"\n", 22,
     "n.csv:3:name: NUL byte in field"},
    {"in the header", "id,na\0me\n1,2\n", 13, "n.csv:1:column 2: NUL byte in field"},
    {"a column without a header", "id,name\n1,x,y\0\n", 15, "n.csv:2:column 3: NUL byte in field"},
    {"only a NUL", "\0", 1, "n.csv:1:column 1: NUL byte in field"},
    {"U+0000 in UTF-16",
     "\xFF\xFEi\0d\0\n\0"
     "1\0\0\0"
     "2\0\n\0",
     16, "n.csv:2:id: NUL byte in field"},
};

static void test_embedded_nul(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof nul_cases / sizeof nul_cases[0]; i++) {
        struct collect c = {.records = 0};
        struct csv_info info;
        struct at_err err = {AT_OK, ""};
        buf_init(&c.dump, 0);
        print_message("case: %s\n", nul_cases[i].name);
        enum at_status st = csv_read_buffer(nul_cases[i].text, nul_cases[i].len, "n.csv", NULL,
                                            collect_record, &c, &info, &err);
        assert_int_equal(st, AT_INVALID);
        assert_true(str_starts_with(err.msg, nul_cases[i].want));
        buf_free(&c.dump);
    }
    /* and in Chinese */
    struct collect c = {.records = 0};
    struct at_err err = {AT_OK, ""};
    struct csv_options opt = {.lang = "zh"};
    buf_init(&c.dump, 0);
    assert_int_equal(
        csv_read_buffer("id,name\n1,\0x\n", 13, "n.csv", &opt, collect_record, &c, NULL, &err),
        AT_INVALID);
    assert_true(str_starts_with(err.msg, "n.csv:2:name: 字段中有 NUL 字节"));
    buf_free(&c.dump);
}

/* ---- encodings table --------------------------------------------------- */

struct enc_case {
    const char *name;
    const char *text;     /* UTF-8 */
    const char *iconv_to; /* encode TEXT with this */
    const char *bom;      /* raw bytes before it, or NULL */
    size_t bom_len;
    const char *option; /* csv_options.encoding */
    const char *want_enc;
    char want_delim;
    const char *want;
};

static const char zh_text[] = "客户名称,销售订单金额\r\n张三,\"1,200.50\"\r\n李四,300\r\n";
static const char zh_want[] = "1:[客户名称][销售订单金额]\n2:[张三][1,200.50]\n3:[李四][300]\n";
static const char tab_text[] = "客户名称\t销售订单金额\r\n张三\t\"多\n行\"\r\n李四\t300\r\n";
static const char tab_want[] = "1:[客户名称][销售订单金额]\n2:[张三][多\n行]\n4:[李四][300]\n";

static const struct enc_case enc_cases[] = {
    {"utf-8", zh_text, "UTF-8", NULL, 0, NULL, "utf-8", ',', zh_want},
    {"utf-8 BOM", zh_text, "UTF-8", "\xEF\xBB\xBF", 3, NULL, "utf-8-bom", ',', zh_want},
    {"utf-16le BOM", zh_text, "UTF-16LE", "\xFF\xFE", 2, NULL, "utf-16le", ',', zh_want},
    {"utf-16be BOM", zh_text, "UTF-16BE", "\xFE\xFF", 2, NULL, "utf-16be", ',', zh_want},
    {"utf-16le BOM, tabs (Excel unicode text)", tab_text, "UTF-16LE", "\xFF\xFE", 2, NULL,
     "utf-16le", '\t', tab_want},
    {"utf-16le without BOM", "id,name\r\n1,x\r\n", "UTF-16LE", NULL, 0, NULL, "utf-16le", ',',
     "1:[id][name]\n2:[1][x]\n"},
    {"utf-16le without BOM, U+4E00 has a NUL byte", "一,二,三\r\n1,2,3\r\n", "UTF-16LE", NULL, 0,
     NULL, "utf-16le", ',', "1:[一][二][三]\n2:[1][2][3]\n"},
    {"utf-16be without BOM", "id,name\r\n1,x\r\n", "UTF-16BE", NULL, 0, NULL, "utf-16be", ',',
     "1:[id][name]\n2:[1][x]\n"},
    {"gb18030 detected", zh_text, "GB18030", NULL, 0, NULL, "gb18030", ',', zh_want},
    {"gb18030 four-byte sequences", "名称,符号\n欧元,€😀\n", "GB18030", NULL, 0, NULL, "gb18030",
     ',', "1:[名称][符号]\n2:[欧元][€😀]\n"},
    {"gbk option reads gb18030", zh_text, "GB18030", NULL, 0, "GBK", "gb18030", ',', zh_want},
    {"gb2312 option reads gb18030", zh_text, "GB18030", NULL, 0, "gb2312", "gb18030", ',', zh_want},
    {"utf-16 option, BOM decides (be)", zh_text, "UTF-16BE", "\xFE\xFF", 2, "utf-16", "utf-16be",
     ',', zh_want},
    {"utf-16 option, BOM decides (le)", zh_text, "UTF-16LE", "\xFF\xFE", 2, "UTF-16", "utf-16le",
     ',', zh_want},
    {"utf-16le option with BOM", zh_text, "UTF-16LE", "\xFF\xFE", 2, "utf-16le", "utf-16le", ',',
     zh_want},
};

/* Each row of enc_cases through csv_read_buffer. */
static void test_encodings(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof enc_cases / sizeof enc_cases[0]; i++) {
        const struct enc_case *tc = &enc_cases[i];
        size_t len;
        char *bytes = encode(tc->text, tc->iconv_to, tc->bom, tc->bom_len, &len);
        struct csv_options opt = {.encoding = tc->option};
        struct collect c = {.records = 0};
        struct csv_info info;
        struct at_err err = {AT_OK, ""};
        buf_init(&c.dump, 0);
        print_message("case: %s\n", tc->name);
        enum at_status st =
            csv_read_buffer(bytes, len, "e.csv", &opt, collect_record, &c, &info, &err);
        assert_status(st, AT_OK, err);
        assert_string_equal(info.encoding, tc->want_enc);
        assert_int_equal(info.delimiter, tc->want_delim);
        assert_string_equal(buf_str(&c.dump), tc->want);
        buf_free(&c.dump);
        free(bytes);
    }
}

/* The GB18030 fixture (made with `iconv -t GB18030`) read from disk. */
static void test_gb18030_fixture(void **state)
{
    (void)state;
    struct collect c = {.records = 0};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    buf_init(&c.dump, 0);
    enum at_status st =
        csv_read("tests/data/csv/gb18030_orders.csv", NULL, collect_record, &c, &info, &err);
    assert_status(st, AT_OK, err);
    assert_string_equal(info.encoding, "gb18030");
    assert_int_equal(info.delimiter, ',');
    assert_string_equal(buf_str(&c.dump), "1:[客户名称][销售订单金额][负责人]\n"
                                          "2:[北京华联商厦][12,800.00][张伟]\n"
                                          "3:[上海百货有限公司][9600][李娜]\n");
    buf_free(&c.dump);
}

/* ---- big inputs: chunk boundaries, late errors ---------------------------- */

#define BIG_RECORDS 40000

/* Append record I of the big test text (CRLF; every 7th has a quoted field
 * with a newline, quotes and a comma, so it spans two lines). */
static void big_record(struct buf *b, long i)
{
    if (i % 7 == 0)
        buf_printf(b, "%ld,客户😀名称%ld,\"第一行\n第二行, \"\"引\"\"\",%ld\r\n", i, i, i * 3);
    else
        buf_printf(b, "%ld,客户😀名称%ld,plain,%ld\r\n", i, i, i * 3);
}

/* The big test text: a header and BIG_RECORDS records (about 1.2 MB). */
static void big_text(struct buf *b)
{
    buf_init(b, 0);
    buf_puts(b, "id,name,note,amount\r\n");
    for (long i = 0; i < BIG_RECORDS; i++)
        big_record(b, i);
}

/* Checks each record of the big text as it comes. */
struct big_check {
    long next;      /* index of the next data record; -1 before the header */
    long line;      /* its expected line */
    int64_t offset; /* last offset seen */
};

/* Callback: compare REC with what big_record wrote. */
static enum at_status big_check_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct big_check *c = ctx;
    char want[4][64];
    if (rec->line != c->line)
        return at_err_set(err, AT_INTERNAL, "record %ld: line %ld, want %ld", c->next, rec->line,
                          c->line);
    if (rec->offset < c->offset)
        return at_err_set(err, AT_INTERNAL, "offset went back");
    c->offset = rec->offset;
    if (c->next < 0) {
        snprintf(want[0], sizeof want[0], "id");
        snprintf(want[1], sizeof want[1], "name");
        snprintf(want[2], sizeof want[2], "note");
        snprintf(want[3], sizeof want[3], "amount");
    } else {
        snprintf(want[0], sizeof want[0], "%ld", c->next);
        snprintf(want[1], sizeof want[1], "客户😀名称%ld", c->next);
        snprintf(want[2], sizeof want[2], "%s",
                 c->next % 7 == 0 ? "第一行\n第二行, \"引\"" : "plain");
        snprintf(want[3], sizeof want[3], "%ld", c->next * 3);
    }
    if (rec->n_fields != 4)
        return at_err_set(err, AT_INTERNAL, "line %ld: %zu fields", rec->line, rec->n_fields);
    for (int k = 0; k < 4; k++)
        if (strcmp(rec->fields[k], want[k]) != 0 || rec->lens[k] != strlen(want[k]))
            return at_err_set(err, AT_INTERNAL, "line %ld field %d: \"%s\", want \"%s\"", rec->line,
                              k, rec->fields[k], want[k]);
    c->line += (c->next >= 0 && c->next % 7 == 0) ? 2 : 1;
    c->next++;
    return AT_OK;
}

/* Read DATA[0..N) (or the file PATH when not NULL) and check the big text,
 * whose header is on line FIRST_LINE. */
static void big_read(const char *data, size_t n, const char *path, long first_line,
                     const char *want_enc)
{
    struct big_check c = {.next = -1, .line = first_line};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    enum at_status st =
        path ? csv_read(path, NULL, big_check_record, &c, &info, &err)
             : csv_read_buffer(data, n, "big.csv", NULL, big_check_record, &c, &info, &err);
    assert_status(st, AT_OK, err);
    assert_int_equal(c.next, BIG_RECORDS);
    assert_int_equal(info.records, BIG_RECORDS + 1);
    assert_string_equal(info.encoding, want_enc);
    assert_int_equal(info.delimiter, ',');
    assert_int_equal(info.file_size, (int64_t)n);
}

/* Records, multibyte characters (3-byte UTF-8, 2- and 4-byte GB18030, UTF-16
 * surrogate pairs), CRLF pairs and quoted newlines straddling chunk
 * boundaries, in every encoding, from memory and from a file. */
static void test_big_chunk_boundaries(void **state)
{
    (void)state;
    struct buf text;
    big_text(&text);
    assert_true(text.len > 4 * CHUNK);

    char *path = write_temp(text.data, text.len);
    big_read(text.data, text.len, path, 1, "utf-8");
    unlink(path);
    free(path);

    static const struct {
        const char *to, *bom, *name;
        size_t bom_len;
        const char *lf; /* a line feed in this encoding */
        size_t lf_len;
    } encs[] = {
        {"UTF-8", NULL, "utf-8", 0, "\n", 1},
        {"UTF-8", "\xEF\xBB\xBF", "utf-8-bom", 3, "\n", 1},
        {"UTF-16LE", "\xFF\xFE", "utf-16le", 2, "\n\0", 2},
        {"UTF-16BE", "\xFE\xFF", "utf-16be", 2, "\0\n", 2},
        {"GB18030", NULL, "gb18030", 0, "\n", 1},
    };
    for (size_t i = 0; i < sizeof encs / sizeof encs[0]; i++) {
        size_t len;
        char *bytes = encode(text.data, encs[i].to, encs[i].bom, encs[i].bom_len, &len);
        /* 0-3 blank lines after the BOM move the chunk boundaries over the text */
        for (int blank = 0; blank < 4; blank++) {
            struct buf shifted;
            buf_init(&shifted, 0);
            buf_append(&shifted, encs[i].bom, encs[i].bom_len);
            for (int k = 0; k < blank; k++)
                buf_append(&shifted, encs[i].lf, encs[i].lf_len);
            buf_append(&shifted, bytes + encs[i].bom_len, len - encs[i].bom_len);
            print_message("big %s, %d blank lines\n", encs[i].name, blank);
            big_read(shifted.data, shifted.len, NULL, 1 + blank, encs[i].name);
            buf_free(&shifted);
        }
        free(bytes);
    }
    buf_free(&text);
}

/* A 300 KB field straddling the first chunk boundary, and one over 1 MiB. */
static void test_long_records(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, "id,text,end\n");
    long line = 1;
    while (b.len < CHUNK - 100 * 1024) {
        buf_puts(&b, "1,short,x\n");
        line++;
    }
    long long_line = ++line;
    buf_puts(&b, "2,\"");
    for (int i = 0; i < 300 * 1024; i++)
        buf_putc(&b, i % 1000 == 999 ? '\n' : 'y');
    buf_puts(&b, "\",z\n3,after,x\n");

    struct collect c = {.records = 0};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    buf_init(&c.dump, 0);
    enum at_status st =
        csv_read_buffer(b.data, b.len, "long.csv", NULL, collect_record, &c, &info, &err);
    assert_status(st, AT_OK, err);
    char want[64];
    snprintf(want, sizeof want, "\n%ld:[2][yyy", long_line);
    assert_non_null(strstr(buf_str(&c.dump), want));
    snprintf(want, sizeof want, "\n%ld:[3][after][x]\n", long_line + 300 * 1024 / 1000 + 1);
    assert_non_null(strstr(buf_str(&c.dump), want));
    buf_free(&c.dump);

    /* The same record, but 1.2 MB long */
    b.len -= strlen("\",z\n3,after,x\n");
    for (int i = 0; i < 900 * 1024; i++)
        buf_putc(&b, 'y');
    buf_puts(&b, "\",z\n3,after,x\n");
    buf_init(&c.dump, 0);
    st = csv_read_buffer(b.data, b.len, "long.csv", NULL, collect_record, &c, &info, &err);
    assert_status(st, AT_INVALID, err);
    snprintf(want, sizeof want, "long.csv:%ld: record over 1 MiB", long_line);
    assert_true(str_starts_with(err.msg, want));
    buf_free(&c.dump);

    /* An unterminated quote early in a big file is caught by the same limit. */
    buf_reset(&b);
    buf_puts(&b, "a,b\n1,2\n3,\"open\n");
    for (int i = 0; i < 50000; i++)
        buf_puts(&b, "4,5,6,7,8,9,10,11,12\n");
    buf_init(&c.dump, 0);
    st = csv_read_buffer(b.data, b.len, "open.csv", NULL, collect_record, &c, &info, &err);
    assert_status(st, AT_INVALID, err);
    assert_true(str_starts_with(err.msg, "open.csv:3: record over 1 MiB"));
    buf_free(&c.dump);
    buf_free(&b);
}

/* A bad byte after the first chunk: an error with its line, not garbage. */
static void test_late_invalid_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *encoding; /* iconv name of the file, or NULL for UTF-8 */
        const char *want;     /* message after "late.csv:LINE: " */
    } cases[] = {
        {NULL, "invalid UTF-8 (byte 0xFF"},
        {"GB18030", "not valid gb18030 (byte 0xFF"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct buf text, bytes;
        buf_init(&text, 0);
        buf_init(&bytes, 0);
        buf_puts(&text, "编号,名称\n");
        long bad_line = 0;
        for (long i = 2; i < 60000; i++) {
            buf_printf(&text, "%ld,名称%ld\n", i, i);
            if (text.len > 2 * CHUNK && !bad_line) {
                bad_line = i + 1;
                buf_puts(&text, "\"multi\nline\",x\n");
                break;
            }
        }
        if (cases[k].encoding) {
            size_t len;
            char *enc = encode(text.data, cases[k].encoding, NULL, 0, &len);
            buf_append(&bytes, enc, len);
            free(enc);
        } else {
            buf_append(&bytes, text.data, text.len);
        }
        buf_puts(&bytes, "bad,\xFF\n99,ok\n");

        struct collect c = {.records = 0};
        struct csv_info info;
        struct at_err err = {AT_OK, ""};
        buf_init(&c.dump, 0);
        enum at_status st = csv_read_buffer(bytes.data, bytes.len, "late.csv", NULL, collect_record,
                                            &c, &info, &err);
        assert_status(st, AT_INVALID, err);
        char want[128];
        snprintf(want, sizeof want, "late.csv:%ld: %s", bad_line + 2, cases[k].want);
        print_message("%s\n", err.msg);
        assert_true(str_starts_with(err.msg, want));
        assert_int_equal(c.records, bad_line); /* everything before it was read */
        buf_free(&c.dump);
        buf_free(&text);
        buf_free(&bytes);
    }
}

/* ---- callbacks, files, stdin -------------------------------------------- */

/* A callback's failure stops reading and comes back with its message. */
static void test_callback_stops(void **state)
{
    (void)state;
    struct collect c = {.stop_after = 3};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    buf_init(&c.dump, 0);
    const char *text = "a\n1\n\n2\n3\n";
    enum at_status st =
        csv_read_buffer(text, strlen(text), "s.csv", NULL, collect_record, &c, &info, &err);
    assert_int_equal(st, AT_CONFLICT);
    assert_string_equal(err.msg, "stopped at line 4");
    assert_int_equal(c.records, 2);
    buf_free(&c.dump);
}

/* A missing file is AT_IO naming it; "-" reads standard input. */
static void test_files_and_stdin(void **state)
{
    (void)state;
    struct collect c = {.records = 0};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    buf_init(&c.dump, 0);
    enum at_status st = csv_read("/nonexistent/x.csv", NULL, collect_record, &c, &info, &err);
    assert_int_equal(st, AT_IO);
    assert_true(str_starts_with(err.msg, "/nonexistent/x.csv: cannot open"));
    assert_int_equal(info.records, 0);

    const char text[] = "x|y\n1|2\n";
    char *path = write_temp(text, sizeof text - 1);
    int saved = dup(STDIN_FILENO);
    int fd = open(path, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    st = csv_read("-", NULL, collect_record, &c, &info, &err);
    dup2(saved, STDIN_FILENO);
    close(saved);
    assert_status(st, AT_OK, err);
    assert_string_equal(buf_str(&c.dump), "1:[x][y]\n2:[1][2]\n");
    assert_int_equal(info.delimiter, '|');
    assert_int_equal(info.file_size, (int64_t)(sizeof text - 1));
    unlink(path);
    free(path);
    buf_free(&c.dump);
}

/* ---- the writer ------------------------------------------------------- */

static const struct {
    const char *field;
    char delimiter;
    const char *want;
} write_cases[] = {
    {"abc", ',', "abc"},
    {"", ',', ""},
    {"a,b", ',', "\"a,b\""},
    {"a;b", ',', "a;b"},
    {"a;b", ';', "\"a;b\""},
    {"a\tb", '\t', "\"a\tb\""},
    {"say \"hi\"", ',', "\"say \"\"hi\"\"\""},
    {"\"", ',', "\"\"\"\""},
    {"two\nlines", ',', "\"two\nlines\""},
    {"cr\r", ',', "\"cr\r\""},
    {" lead", ',', "\" lead\""},
    {"trail ", ',', "\"trail \""},
    {"\ttab", ',', "\"\ttab\""},
    {"in side", ',', "in side"},
    {"客户, 名称", ',', "\"客户, 名称\""},
};

/* Each row of write_cases, then all of them read back as one record. */
static void test_write_field(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof write_cases / sizeof write_cases[0]; i++) {
        struct buf b;
        buf_init(&b, 0);
        csv_write_field(&b, write_cases[i].field, write_cases[i].delimiter);
        assert_string_equal(buf_str(&b), write_cases[i].want);
        buf_free(&b);
    }

    struct buf line;
    buf_init(&line, 0);
    buf_puts(&line, "h\n");
    size_t n = sizeof write_cases / sizeof write_cases[0];
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&line, ';');
        csv_write_field(&line, write_cases[i].field, ';');
    }
    buf_putc(&line, '\n');
    struct collect c = {.records = 0};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    buf_init(&c.dump, 0);
    struct csv_options opt = {.delimiter = ';'};
    enum at_status st =
        csv_read_buffer(line.data, line.len, "w.csv", &opt, collect_record, &c, &info, &err);
    assert_status(st, AT_OK, err);
    struct buf want;
    buf_init(&want, 0);
    buf_puts(&want, "1:[h]\n2:");
    for (size_t i = 0; i < n; i++)
        buf_printf(&want, "[%s]", write_cases[i].field);
    buf_putc(&want, '\n');
    assert_string_equal(buf_str(&c.dump), buf_str(&want));
    buf_free(&want);
    buf_free(&c.dump);
    buf_free(&line);

    /* At the buffer's cap a field is written whole or not at all. */
    struct buf capped;
    buf_init(&capped, 12);
    buf_puts(&capped, "ab,");
    csv_write_field(&capped, "x\"y", ',');
    assert_string_equal(buf_str(&capped), "ab,\"x\"\"y\"");
    csv_write_field(&capped, "\"", ',');
    assert_string_equal(buf_str(&capped), "ab,\"x\"\"y\"");
    buf_free(&capped);
}

/* ---- the public data sets ------------------------------------------------ */

/* Checks every record of a real file: field count and increasing lines. */
struct real_check {
    size_t n_fields;
    long last_line;
    long bad; /* records with another field count */
    char first[64];
};

/* Callback: note the header's first field and check REC's shape. */
static enum at_status real_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct real_check *c = ctx;
    (void)err;
    if (c->last_line == 0) {
        c->n_fields = rec->n_fields;
        snprintf(c->first, sizeof c->first, "%s", rec->fields[0]);
    } else if (rec->n_fields != c->n_fields) {
        c->bad++;
    }
    assert_true(rec->line > c->last_line);
    c->last_line = rec->line;
    return AT_OK;
}

static const struct {
    const char *path;
    long records; /* header included */
    char delimiter;
    const char *encoding;
    const char *first_field;
    size_t n_fields;
    long last_line;
} real_cases[] = {
    {"maven_crm_sales_opportunities/sales_pipeline.csv", 8801, ',', "utf-8", "opportunity_id", 8,
     8801},
    {"tableau_superstore_us/Orders.csv", 9995, ',', "utf-8", "Row ID", 21, 9995},
    {"adventureworks_sales_targets/Sales.csv", 57852, '|', "utf-8", "SalesOrderNumber", 10, 57852},
    {"adventureworks_sales_targets/ResellerSalesTargets.csv", 82, ',', "utf-16le", "Year", 14, 82},
    {"olist_marketing_funnel/olist_sellers_dataset.csv", 3096, ',', "utf-8", "seller_id", 4, 3096},
    {"olist_orders_reviews_classified/product_category_name_translation.csv", 72, ',', "utf-8-bom",
     "product_category_name", 2, 72},
};

/* The public data sets: counts, detection, no BOM in the first header field. */
static void test_real_files(void **state)
{
    (void)state;
    const char *dir = getenv("ATTAIN_DATA");
    if (!dir || !*dir)
        dir = "../shared/data";
    if (access(dir, R_OK) != 0) {
        print_message("skipped: no data sets at %s (set ATTAIN_DATA)\n", dir);
        skip();
    }
    for (size_t i = 0; i < sizeof real_cases / sizeof real_cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, real_cases[i].path);
        struct real_check c = {.last_line = 0};
        struct csv_info info;
        struct at_err err = {AT_OK, ""};
        print_message("file: %s\n", path);
        enum at_status st = csv_read(path, NULL, real_record, &c, &info, &err);
        assert_status(st, AT_OK, err);
        assert_int_equal(info.records, real_cases[i].records);
        assert_int_equal(info.delimiter, real_cases[i].delimiter);
        assert_string_equal(info.encoding, real_cases[i].encoding);
        assert_string_equal(c.first, real_cases[i].first_field);
        assert_int_equal(c.n_fields, real_cases[i].n_fields);
        assert_int_equal(c.bad, 0);
        assert_int_equal(c.last_line, real_cases[i].last_line);
        assert_true(info.file_size > 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_table),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_gb18030_fixture),
        cmocka_unit_test(test_big_chunk_boundaries),
        cmocka_unit_test(test_long_records),
        cmocka_unit_test(test_late_invalid_bytes),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_files_and_stdin),
        cmocka_unit_test(test_write_field),
        cmocka_unit_test(test_real_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
