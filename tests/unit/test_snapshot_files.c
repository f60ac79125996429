/*
 * test_snapshot_files.c — the engine snapshot as a file in a shared or
 * hostile folder (engine_save, engine_load; docs/design.md "Snapshot
 * files"): what a load refuses (a symbolic link, a FIFO, a folder, a file
 * others may write or another user owns), what a save makes (the database's
 * bits, never through a pre-created name, stale temporaries removed), and a
 * seeded loop of 200 single-bit flips over a snapshot, each answered through
 * app_engine (mapped when the flip hit padding, rebuilt when a checksum
 * caught it) with every metric equal to a fresh build's — run under ASan,
 * so no flip may make a read outside the mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "app/import.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "engine/engine.h"

/* The company of test_app.c (small_company.h): figures are compared with a
 * fresh build, not worked out by hand. */
#include "small_company.h"

struct snap_fixture {
    char dir[64];
    char db[96];
    char snap[128];
    struct app *app;
};

static void rm_rf(const char *dir)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static int snap_setup(void **state)
{
    struct snap_fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "%s/attain-test-snapfiles-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    snprintf(f->snap, sizeof f->snap, "%s.engine", f->db);
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    struct at_err err = {AT_OK, ""};
    if (app_init(f->db, &io, &f->app, &err)) {
        fprintf(stderr, "app_init: %s\n", err.msg);
        return -1;
    }
    small_company_fill(f->app);
    *state = f;
    return 0;
}

static int snap_teardown(void **state)
{
    struct snap_fixture *f = *state;
    app_close(f->app);
    rm_rf(f->dir);
    free(f);
    return 0;
}

/* A built engine of the fixture and its data key and context. */
static struct engine *built(struct snap_fixture *f, char *key, size_t key_size, char *context)
{
    struct engine *e;
    struct at_err err = {AT_OK, ""};
    if (app_engine_rebuild(f->app, &err)) /* saves f->snap too */
        fail_msg("app_engine_rebuild: %s", err.msg);
    if (app_engine(f->app, &e, &err))
        fail_msg("app_engine: %s", err.msg);
    snprintf(key, key_size, "%s", engine_data_key(e));
    app_engine_context(f->app, context, ENGINE_CONTEXT_MAX);
    return e;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* ---- loading: what is refused ------------------------------------------ */

enum prep {
    PREP_GOOD,
    PREP_SYMLINK,
    PREP_FIFO,
    PREP_FOLDER,
    PREP_WORLD_WRITABLE,
    PREP_GROUP_WRITABLE,
    PREP_OTHER_OWNER
};

static void test_load_refuses(void **state)
{
    struct snap_fixture *f = *state;
    char key[128], context[ENGINE_CONTEXT_MAX], good[160];
    built(f, key, sizeof key, context);
    snprintf(good, sizeof good, "%s/good.engine", f->dir);
    copy_file(f->snap, good);
    chmod(good, 0600);
    static const struct {
        const char *name;
        enum prep prep;
        unsigned rules_mode; /* the database file's bits */
        enum at_status want;
        const char *says;
    } cases[] = {
        {"a regular file of ours", PREP_GOOD, 0600, AT_OK, ""},
        {"a symbolic link to a good snapshot", PREP_SYMLINK, 0600, AT_UNSUPPORTED,
         "symbolic link: not followed"},
        {"a FIFO (must not block)", PREP_FIFO, 0600, AT_UNSUPPORTED, "is a FIFO"},
        {"a folder", PREP_FOLDER, 0600, AT_UNSUPPORTED, "is a folder"},
        {"writable by all, the database not", PREP_WORLD_WRITABLE, 0644, AT_UNSUPPORTED,
         "may be written by other users"},
        {"group-writable like the database", PREP_GROUP_WRITABLE, 0660, AT_OK, ""},
        {"owned by another user (root only)", PREP_OTHER_OWNER, 0600, AT_UNSUPPORTED,
         "belongs to user 65534"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s/case%zu.engine", f->dir, i);
        switch (cases[i].prep) {
        case PREP_GOOD:
        case PREP_WORLD_WRITABLE:
        case PREP_GROUP_WRITABLE:
        case PREP_OTHER_OWNER:
            copy_file(good, p);
            chmod(p, cases[i].prep == PREP_WORLD_WRITABLE   ? 0666
                     : cases[i].prep == PREP_GROUP_WRITABLE ? 0660
                                                            : 0600);
            break;
        case PREP_SYMLINK:
            assert_int_equal(symlink(good, p), 0);
            break;
        case PREP_FIFO:
            assert_int_equal(mkfifo(p, 0600), 0);
            break;
        case PREP_FOLDER:
            assert_int_equal(mkdir(p, 0700), 0);
            break;
        }
        if (cases[i].prep == PREP_OTHER_OWNER) {
            if (geteuid() != 0) {
                fprintf(stderr, "skipped \"%s\": chown needs root\n", cases[i].name);
                continue;
            }
            assert_int_equal(chown(p, 65534, 65534), 0);
        }
        struct engine_file_rules rules = {(unsigned)geteuid(), (unsigned)getegid(),
                                          cases[i].rules_mode, 0};
        struct engine *l = NULL;
        struct at_err err = {AT_OK, ""};
        enum at_status st = engine_load(p, &rules, key, context, &l, &err);
        if (st != cases[i].want || (cases[i].want && !strstr(err.msg, cases[i].says)))
            fail_msg("%s: status %d (%s), want %d saying \"%s\"", cases[i].name, (int)st, err.msg,
                     (int)cases[i].want, cases[i].says);
        engine_free(l);
    }
}

/* ---- saving: bits, owner, pre-created names, stale temporaries ---------- */

static void test_save_bits(void **state)
{
    struct snap_fixture *f = *state;
    char key[128], context[ENGINE_CONTEXT_MAX];
    struct engine *e = built(f, key, sizeof key, context);
    static const unsigned modes[] = {0600, 0640, 0644, 0444, 0660};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        struct engine_file_rules rules = {(unsigned)geteuid(), (unsigned)getegid(), modes[i], 0};
        struct at_err err = {AT_OK, ""};
        assert_int_equal(engine_save(e, f->snap, &rules, context, &err), AT_OK);
        struct stat sb;
        assert_int_equal(stat(f->snap, &sb), 0);
        if ((sb.st_mode & 0777) != modes[i])
            fail_msg("database bits %03o: snapshot %03o", modes[i], sb.st_mode & 0777);
    }
    if (geteuid() == 0) { /* root gives it the database's owner too */
        struct engine_file_rules rules = {65534, 65534, 0640, 0};
        struct at_err err = {AT_OK, ""};
        assert_int_equal(engine_save(e, f->snap, &rules, context, &err), AT_OK);
        struct stat sb;
        assert_int_equal(stat(f->snap, &sb), 0);
        assert_int_equal(sb.st_uid, 65534);
        assert_int_equal(sb.st_gid, 65534);
        assert_int_equal(sb.st_mode & 0777, 0640);
    } else {
        fprintf(stderr, "skipped the owner of a saved snapshot: chown needs root\n");
    }
}

static void test_save_never_follows(void **state)
{
    struct snap_fixture *f = *state;
    char key[128], context[ENGINE_CONTEXT_MAX], victim[160], p[200];
    struct engine *e = built(f, key, sizeof key, context);
    snprintf(victim, sizeof victim, "%s/victim", f->dir);
    FILE *v = fopen(victim, "w");
    fputs("precious\n", v);
    fclose(v);
    /* a link at the snapshot's own name is replaced, its target untouched */
    unlink(f->snap);
    assert_int_equal(symlink(victim, f->snap), 0);
    struct at_err err = {AT_OK, ""};
    assert_int_equal(engine_save(e, f->snap, NULL, context, &err), AT_OK);
    struct stat sb;
    assert_int_equal(lstat(f->snap, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    assert_int_equal(stat(victim, &sb), 0);
    assert_int_equal(sb.st_size, 9);
    /* a FIFO there is left in place; nothing is saved */
    unlink(f->snap);
    assert_int_equal(mkfifo(f->snap, 0600), 0);
    assert_int_equal(engine_save(e, f->snap, NULL, context, &err), AT_UNSUPPORTED);
    assert_int_equal(lstat(f->snap, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    unlink(f->snap);
    /* temporaries: a dead pid's and an old one go; a live pid's (1), a link
     * (not ours to judge) stay */
    static const struct {
        const char *tail;
        bool link, old, stays;
    } tmps[] = {
        {".tmp2147483000.aaaaaa", false, false, false},
        {".tmp2147483000", false, false, false}, /* the names of earlier versions */
        {".tmp1.bbbbbb", false, false, true},
        {".tmp1.cccccc", false, true, false},
        {".tmp2147483001.dddddd", true, false, true},
        {".tmpx1.eeeeee", false, false, true}, /* not a temporary's name */
    };
    size_t n = sizeof tmps / sizeof tmps[0];
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "%s%s", f->snap, tmps[i].tail);
        if (tmps[i].link) {
            assert_int_equal(symlink(victim, p), 0);
            continue;
        }
        FILE *t = fopen(p, "w");
        fputs("x", t);
        fclose(t);
        if (tmps[i].old) {
            struct timeval tv[2];
            gettimeofday(&tv[0], NULL);
            tv[0].tv_sec -= 7200;
            tv[1] = tv[0];
            assert_int_equal(utimes(p, tv), 0);
        }
    }
    assert_int_equal(engine_save(e, f->snap, NULL, context, &err), AT_OK);
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "%s%s", f->snap, tmps[i].tail);
        bool there = lstat(p, &sb) == 0;
        if (there != tmps[i].stays)
            fail_msg("%s: %s", tmps[i].tail, there ? "left" : "removed");
        unlink(p);
    }
    assert_int_equal(stat(victim, &sb), 0);
    assert_int_equal(sb.st_size, 9);
}

/* ---- the validation record (PATH.ok) ------------------------------------ */

/* Let the file system's clock pass the snapshot's last change: a load
 * records only a snapshot changed before its record's temporary was made. */
static void tick(void)
{
    struct timespec t = {0, 30 * 1000 * 1000};
    nanosleep(&t, NULL);
}

/* Load F's snapshot with the database's rules (RECORD: which uses of the
 * record): AT_OK, and whether the record was honoured. */
static bool load_trusted(struct snap_fixture *f, const char *key, const char *context,
                         unsigned record)
{
    struct engine_file_rules rules;
    engine_file_rules_of(f->db, &rules);
    rules.record = record;
    struct engine *l = NULL;
    struct at_err err = {AT_OK, ""};
    enum at_status st = engine_load(f->snap, &rules, key, context, &l, &err);
    if (st)
        fail_msg("engine_load: %d %s", (int)st, err.msg);
    struct engine_stats es;
    engine_stats(l, &es);
    assert_true(es.mapped);
    engine_free(l);
    return es.trusted;
}

enum rec_prep {
    REC_NOTHING,     /* the same file: honoured */
    REC_TOUCH,       /* mtime set to now */
    REC_SAME_TIMES,  /* mtime set to what it was: only the ctime moves */
    REC_CHMOD,       /* the same bits again: only the ctime moves */
    REC_REWRITE,     /* the same bytes written in place */
    REC_REPLACE,     /* a copy renamed over it (another inode) */
    REC_RESAVE,      /* a new snapshot of the same engine */
    REC_SYMLINK,     /* the record moved away, a link to it in its place */
    REC_WORLD_WRITE, /* the record writable by others, the database not */
    REC_OTHER_OWNER, /* the record another user's (root only) */
    REC_LONGER,      /* a byte appended to the record */
    REC_NO_READ,     /* rules without ENGINE_RECORD_READ */
};

static void test_record(void **state)
{
    struct snap_fixture *f = *state;
    char key[128], context[ENGINE_CONTEXT_MAX], rec[160], moved[160], copy[160];
    struct engine *e = built(f, key, sizeof key, context);
    snprintf(rec, sizeof rec, "%s.ok", f->snap);
    snprintf(moved, sizeof moved, "%s/moved.ok", f->dir);
    snprintf(copy, sizeof copy, "%s/copy.engine", f->dir);
    chmod(f->db, 0600);
    struct at_err err = {AT_OK, ""};
    struct engine_file_rules dbr;
    engine_file_rules_of(f->db, &dbr);
    assert_int_equal(engine_save(e, f->snap, &dbr, context, &err), AT_OK);
    /* no record, and none written without ENGINE_RECORD_WRITE */
    tick();
    assert_false(load_trusted(f, key, context, ENGINE_RECORD_READ));
    struct stat sb;
    assert_int_not_equal(lstat(rec, &sb), 0);
    static const struct {
        const char *name;
        enum rec_prep prep;
        bool honoured;
    } cases[] = {
        {"nothing changed", REC_NOTHING, true},
        {"touched", REC_TOUCH, false},
        {"the same mtime set again (ctime moves)", REC_SAME_TIMES, false},
        {"chmod to the same bits (ctime moves)", REC_CHMOD, false},
        {"the same bytes rewritten in place", REC_REWRITE, false},
        {"replaced by a copy", REC_REPLACE, false},
        {"saved again", REC_RESAVE, false},
        {"the record a symbolic link to a good record", REC_SYMLINK, false},
        {"the record writable by others", REC_WORLD_WRITE, false},
        {"the record another user's (root only)", REC_OTHER_OWNER, false},
        {"the record a byte longer", REC_LONGER, false},
        {"rules that do not read records", REC_NO_READ, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* a full validation writes the record; the next load honours it */
        tick();
        load_trusted(f, key, context, ENGINE_RECORD_ALL);
        if (!load_trusted(f, key, context, ENGINE_RECORD_ALL))
            fail_msg("%s: the record of the load before is not honoured", cases[i].name);
        assert_int_equal(lstat(rec, &sb), 0);
        assert_true(S_ISREG(sb.st_mode));
        assert_int_equal(sb.st_mode & 0777, 0600); /* the database's bits */
        struct stat ss;
        assert_int_equal(stat(f->snap, &ss), 0);
        unsigned record = ENGINE_RECORD_ALL;
        switch (cases[i].prep) {
        case REC_NOTHING:
            break;
        case REC_TOUCH:
            assert_int_equal(utimensat(AT_FDCWD, f->snap, NULL, 0), 0);
            break;
        case REC_SAME_TIMES: {
            struct timespec t[2] = {ss.st_atim, ss.st_mtim};
            assert_int_equal(utimensat(AT_FDCWD, f->snap, t, 0), 0);
            break;
        }
        case REC_CHMOD:
            assert_int_equal(chmod(f->snap, ss.st_mode & 0777), 0);
            break;
        case REC_REWRITE: {
            copy_file(f->snap, copy);
            FILE *in = fopen(copy, "rb");
            int fd = open(f->snap, O_WRONLY);
            assert_true(in && fd >= 0);
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, in)) > 0)
                assert_int_equal(write(fd, buf, n), (ssize_t)n);
            fclose(in);
            close(fd);
            struct timespec t[2] = {ss.st_atim, ss.st_mtim}; /* even with its old mtime */
            assert_int_equal(utimensat(AT_FDCWD, f->snap, t, 0), 0);
            break;
        }
        case REC_REPLACE: {
            copy_file(f->snap, copy);
            chmod(copy, ss.st_mode & 0777);
            struct timespec t[2] = {ss.st_atim, ss.st_mtim};
            assert_int_equal(utimensat(AT_FDCWD, copy, t, 0), 0);
            assert_int_equal(rename(copy, f->snap), 0);
            break;
        }
        case REC_RESAVE:
            assert_int_equal(engine_save(e, f->snap, &dbr, context, &err), AT_OK);
            break;
        case REC_SYMLINK:
            assert_int_equal(rename(rec, moved), 0);
            assert_int_equal(symlink(moved, rec), 0);
            break;
        case REC_WORLD_WRITE:
            assert_int_equal(chmod(rec, 0666), 0);
            break;
        case REC_OTHER_OWNER:
            if (geteuid() != 0) {
                fprintf(stderr, "skipped \"%s\": chown needs root\n", cases[i].name);
                continue;
            }
            assert_int_equal(chown(rec, 65534, 65534), 0);
            break;
        case REC_LONGER: {
            FILE *a = fopen(rec, "ab");
            assert_non_null(a);
            fputc(0, a);
            assert_int_equal(fclose(a), 0);
            break;
        }
        case REC_NO_READ:
            record = ENGINE_RECORD_WRITE;
            break;
        }
        bool got = load_trusted(f, key, context, record);
        if (got != cases[i].honoured)
            fail_msg("%s: the record %s", cases[i].name, got ? "honoured" : "not honoured");
        /* what a load put in place of a link or a file it would not read is
         * a regular record of its own; the link's target is left as it was */
        if (cases[i].prep == REC_SYMLINK) {
            assert_int_equal(lstat(rec, &sb), 0);
            assert_true(S_ISREG(sb.st_mode));
            assert_int_equal(stat(moved, &sb), 0);
            unlink(moved);
        }
    }
    /* a record of the file as it is, then damage written with its old mtime:
     * the ctime moved, so the checksums run and catch it */
    tick();
    load_trusted(f, key, context, ENGINE_RECORD_ALL);
    assert_true(load_trusted(f, key, context, ENGINE_RECORD_ALL));
    assert_int_equal(stat(f->snap, &sb), 0);
    int fd = open(f->snap, O_RDWR);
    assert_true(fd >= 0);
    unsigned char byte;
    off_t at = sb.st_size / 2; /* inside the sections: a snapshot is mostly sections */
    assert_int_equal(pread(fd, &byte, 1, at), 1);
    byte ^= 0x10;
    assert_int_equal(pwrite(fd, &byte, 1, at), 1);
    close(fd);
    struct timespec t[2] = {sb.st_atim, sb.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, f->snap, t, 0), 0);
    struct engine *l = NULL;
    struct engine_file_rules rules;
    engine_file_rules_of(f->db, &rules);
    assert_int_equal(engine_load(f->snap, &rules, key, context, &l, &err), AT_INVALID);
    assert_null(l);
}

/* ---- the bit-flip loop --------------------------------------------------- */

#define FLIPS 200
#define SEED  20261202u

struct answers {
    enum at_status st[METRIC_COUNT][4];
    struct metric_value v[METRIC_COUNT][4];
};

/* Every metric for the company and three holders over 2021 as of its end. */
static void answer(const struct engine *e, struct answers *a)
{
    struct period y;
    struct at_err err = {AT_OK, ""};
    assert_int_equal(period_parse("2021", cal_from_ymd(2021, 12, 31), 1, &y, &err), AT_OK);
    struct metric_filter flt;
    engine_filter_init(&flt);
    const struct scope scopes[4] = {
        {SCOPE_COMPANY, -1}, {SCOPE_PERSON, 2}, {SCOPE_TEAM, 1}, {SCOPE_UNIT, 0}};
    memset(a, 0, sizeof *a);
    for (int m = 0; m < METRIC_COUNT; m++)
        for (int s = 0; s < 4; s++)
            a->st[m][s] = engine_metric(e, (enum metric_id)m, &scopes[s], &y, &flt,
                                        cal_from_ymd(2021, 12, 31), &a->v[m][s], &err);
}

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void test_bit_flips(void **state)
{
    struct snap_fixture *f = *state;
    char key[128], context[ENGINE_CONTEXT_MAX];
    struct answers good, got;
    answer(built(f, key, sizeof key, context), &good);
    FILE *in = fopen(f->snap, "rb");
    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    size_t len = (size_t)ftell(in);
    rewind(in);
    unsigned char *orig = malloc(len);
    assert_int_equal(fread(orig, 1, len, in), len);
    fclose(in);
    uint64_t x = SEED;
    int mapped = 0, rebuilt = 0;
    for (int i = 0; i < FLIPS; i++) {
        size_t bit = (size_t)(next_random(&x) % ((uint64_t)len * 8));
        orig[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        /* in place, as damage on disk would be (same owner and bits) */
        int fd = open(f->snap, O_WRONLY | O_TRUNC);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, orig, len), (ssize_t)len);
        close(fd);
        orig[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        struct app *app;
        struct engine *e;
        struct at_err err = {AT_OK, ""};
        assert_int_equal(app_open(f->db, &app, &err), AT_OK);
        if (app_engine(app, &e, &err))
            fail_msg("flip %d (bit %zu): %s", i, bit, err.msg);
        struct engine_stats es;
        engine_stats(e, &es);
        es.mapped ? mapped++ : rebuilt++;
        answer(e, &got);
        for (int m = 0; m < METRIC_COUNT; m++)
            for (int s = 0; s < 4; s++)
                if (got.st[m][s] != good.st[m][s] || got.v[m][s].defined != good.v[m][s].defined ||
                    got.v[m][s].num != good.v[m][s].num || got.v[m][s].den != good.v[m][s].den)
                    fail_msg("flip %d (bit %zu of %zu bytes, %s): metric %d scope %d differs", i,
                             bit, len, es.mapped ? "mapped" : "rebuilt", m, s);
        app_close(app);
    }
    free(orig);
    /* most bits are in sections (checksummed): at least one rebuilt */
    assert_true(rebuilt > 0);
    fprintf(stderr, "bit flips: %d of %d caught and rebuilt, %d in padding and mapped (seed %u)\n",
            rebuilt, FLIPS, mapped, SEED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load_refuses, snap_setup, snap_teardown),
        cmocka_unit_test_setup_teardown(test_save_bits, snap_setup, snap_teardown),
        cmocka_unit_test_setup_teardown(test_save_never_follows, snap_setup, snap_teardown),
        cmocka_unit_test_setup_teardown(test_record, snap_setup, snap_teardown),
        cmocka_unit_test_setup_teardown(test_bit_flips, snap_setup, snap_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
