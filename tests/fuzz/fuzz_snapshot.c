/*
 * fuzz_snapshot.c — libFuzzer target for the engine snapshot loader
 * (engine_load in src/engine): the file beside a database that later
 * processes map instead of rebuilding. A damaged or foreign file must be
 * refused (AT_INVALID, "it will be rebuilt"), never crash the process that
 * maps it nor the first questions asked of what it returned.
 *
 * At start a tiny company (units, people, customers, orders, deals,
 * activities, surveys: the hand-made fixture of tests/cli/cases/
 * metric_fixtures.t, trimmed) is imported into a temporary database through
 * the app layer and its snapshot written; that file is the seed. The first
 * byte of an input chooses what is written as the snapshot file:
 *   0  the rest of the input as it is (the data key and context asked for
 *      are read at the header's offsets, so the magic and the checksums
 *      stand in the way);
 *   1  the same with the magic and version of a real snapshot over its start;
 *   2  the seed with bit flips: the rest is read as 5-byte records
 *      (32-bit little-endian offset modulo the size, XOR mask);
 *   3  the seed cut short at a 32-bit length, then the rest appended.
 * In modes 2 and 3 the checksums are computed again over the altered file
 * (engine_snapshot_reseal), so that the checks of counts, offsets, indexes
 * and days decide, not the checksums.
 * When engine_load accepts the file, every metric is asked for the company
 * over 2021-Q1, as `attain metric` would, and the engine is freed.
 *
 * Built and run by tests/fuzz/run (crashers in tests/fuzz/corpus/snapshot/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/import.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "engine/engine.h"
#include "engine/engine_internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char file[128];
static uint8_t *seed;
static size_t seed_len;
/* the header: magic 8, version and count 8, data key, context */
#define KEY_AT     16
#define CONTEXT_AT (KEY_AT + ENGINE_KEY_MAX)
#define KEYS_END   (CONTEXT_AT + ENGINE_CONTEXT_MAX)
static char seed_key[ENGINE_KEY_MAX], seed_context[ENGINE_CONTEXT_MAX];

static const struct {
    enum import_kind kind;
    const char *csv;
} fixture[] = {
    {IMPORT_UNITS, "path\n华东/上海\n华东/杭州\n华南\n"},
    {IMPORT_PEOPLE, "name,unit,manager\n丁一,华东,\n万二,华东/上海,丁一\n严三,华东/上海,万二\n"
                    "乔五,华东/杭州,万二\n任六,华南,丁一\n"},
    {IMPORT_CUSTOMERS, "id,name,segment,region,tags\nC1,晨光科技,大客户,华东,制造;重点\n"
                       "C2,远航贸易,中小企业,华东,零售\nC3,南方电子,大客户,华南,重点\n"},
    {IMPORT_ORDERS, "id,date,customer,owner,unit,product,amount\n"
                    "O001,2020-12-31,C1,严三,,A,1000\nO001,2020-12-31,C1,严三,,B,500\n"
                    "O003,2021-01-01,C2,乔五,,B,300\nO004,2021-01-03,C3,,华南,A,2000\n"
                    "O005,2021-01-04,C1,严三:60%;乔五:40%,,A,1234.50\n"
                    "O009,2021-03-18,C3,任六,,A,900\n"},
    {IMPORT_DEALS, "id,customer,owner,product,amount,stage,probability,created,expected_close,"
                   "closed\nD01,C1,严三,A,10000,Won,,2021-01-05,2021-02-15,2021-02-15\n"
                   "D03,C3,任六,A,8000,Lost,,2021-01-12,2021-03-10,2021-03-10\n"
                   "D07,C2,乔五,A,4000,Negotiation,50%,2021-02-10,2021-03-31,\n"},
    {IMPORT_ACTIVITIES, "type,date,owner,customer\nvisit,2021-01-05,严三,C1\n"
                        "call,2021-02-04,任六,C3\n"},
    {IMPORT_SURVEYS, "date,customer,owner,unit,score,scale\n2021-01-10,C1,严三,,4,5\n"
                     "2021-02-15,C3,,华南,3,5\n"},
};

static void cleanup(void)
{
    char p[160];
    const char *const tails[] = {"/in.engine", "/t.db",     "/t.db.engine",
                                 "/t.db-wal",  "/t.db-shm", "/t.db-journal"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        snprintf(p, sizeof p, "%s%s", dir, tails[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void die(const char *what, const struct at_err *err)
{
    fprintf(stderr, "fuzz_snapshot: %s: %s\n", what, err->msg);
    exit(2);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/fuzz_snapshot.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    atexit(cleanup);
    snprintf(file, sizeof file, "%s/in.engine", dir);
    char db[128];
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct at_err err = {AT_OK, ""};
    struct app *app;
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    if (app_init(db, &io, &app, &err))
        die("app_init", &err);
    for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++) {
        struct import_options o = {.kind = fixture[i].kind,
                                   .data = fixture[i].csv,
                                   .size = strlen(fixture[i].csv),
                                   .path = "fixture.csv"};
        struct import_report rep;
        import_report_init(&rep);
        enum at_status st = app_import(app, &o, &rep, &err);
        import_report_free(&rep);
        if (st)
            die("app_import", &err);
    }
    if (app_engine_rebuild(app, &err))
        die("app_engine_rebuild", &err);
    app_close(app);
    char snap[160];
    snprintf(snap, sizeof snap, "%s.engine", db);
    FILE *f = fopen(snap, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        exit(2);
    seed_len = (size_t)ftell(f);
    rewind(f);
    seed = xmalloc(seed_len);
    if (fread(seed, 1, seed_len, f) != seed_len)
        exit(2);
    fclose(f);
    if (seed_len < KEYS_END)
        exit(2);
    memcpy(seed_key, seed + KEY_AT, sizeof seed_key);
    memcpy(seed_context, seed + CONTEXT_AT, sizeof seed_context);
    seed_key[sizeof seed_key - 1] = seed_context[sizeof seed_context - 1] = '\0';
    return 0;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void write_file(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    FILE *f = fopen(file, "wb");
    if (!f || (na && fwrite(a, 1, na, f) != na) || (nb && fwrite(b, 1, nb, f) != nb) ||
        fclose(f) != 0) {
        perror(file);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1 << 20))
        return 0;
    uint8_t mode = data[0] % 4;
    const uint8_t *rest = data + 1;
    size_t n = size - 1;
    char key[ENGINE_KEY_MAX], context[ENGINE_CONTEXT_MAX];
    memcpy(key, seed_key, sizeof key);
    memcpy(context, seed_context, sizeof context);
    if (mode == 0 || mode == 1) {
        uint8_t *buf = xmalloc(n + 1);
        memcpy(buf, rest, n);
        if (mode == 1 && n >= 12)
            memcpy(buf, seed, 12); /* magic and version */
        if (n >= KEYS_END) {
            memcpy(key, buf + KEY_AT, sizeof key);
            memcpy(context, buf + CONTEXT_AT, sizeof context);
            key[sizeof key - 1] = context[sizeof context - 1] = '\0';
        }
        write_file(buf, n, NULL, 0);
        free(buf);
    } else if (mode == 2) {
        uint8_t *buf = xmalloc(seed_len);
        memcpy(buf, seed, seed_len);
        for (size_t i = 0; i + 5 <= n; i += 5)
            buf[le32(rest + i) % seed_len] ^= rest[i + 4];
        engine_snapshot_reseal(buf, seed_len);
        write_file(buf, seed_len, NULL, 0);
        free(buf);
    } else {
        size_t cut = n >= 4 ? le32(rest) % (seed_len + 1) : seed_len;
        size_t extra = n >= 4 ? n - 4 : 0;
        uint8_t *buf = xmalloc(cut + extra + 1);
        memcpy(buf, seed, cut);
        if (extra)
            memcpy(buf + cut, rest + 4, extra);
        engine_snapshot_reseal(buf, cut + extra);
        write_file(buf, cut + extra, NULL, 0);
        free(buf);
    }

    struct engine *e = NULL;
    struct at_err err = {AT_OK, ""};
    enum at_status st = engine_load(file, NULL, key, context, &e, &err);
    if (st != AT_OK) {
        if (e != NULL || err.msg[0] == '\0')
            abort();
        return 0;
    }
    struct period q1;
    if (period_parse("2021-Q1", cal_from_ymd(2021, 3, 31), 1, &q1, NULL) != AT_OK)
        abort();
    struct scope company = {SCOPE_COMPANY, 0};
    struct metric_filter any;
    engine_filter_init(&any);
    for (int m = 0; m < METRIC_COUNT; m++) {
        struct metric_value v;
        engine_metric(e, (enum metric_id)m, &company, &q1, &any, cal_from_ymd(2021, 3, 15), &v,
                      &err);
    }
    engine_free(e);
    return 0;
}
