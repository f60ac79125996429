/*
 * snapshot.c — the engine's arrays as one file beside the database, mapped by
 * later processes instead of rebuilding (engine_save, engine_load), and the
 * checks that make a damaged or foreign file refused (AT_INVALID: the caller
 * rebuilds) rather than read: a key (the store's data key and the settings
 * the figures depend on), a checksum per section and over the header, and
 * every count, offset and index inside the sections validated before use.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine_internal.h"

const int src_meas[SRC_NEW + 1] = {2, 1, 3, 3, 5, 1};

/* A × B, or SIZE_MAX when it does not fit (a count read from a damaged file
 * then never matches the section's length). */
static size_t mul_sat(size_t a, size_t b)
{
    size_t r;
    return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

size_t engine_blobs(struct engine *e, struct blob *b)
{
    size_t n = 0;
#define BLOB(p, count) (b[n++] = (struct blob){(void **)&(p), mul_sat((count), sizeof *(p))})
    /* MAX_BLOBS bounds the list: 15 + Σ (2 + 3 × measures) over the sources + 8 */
    BLOB(e->pool, e->pool_len);
    BLOB(e->people, e->n_people);
    BLOB(e->units, e->n_units);
    BLOB(e->customers, e->n_customers);
    BLOB(e->tags, e->n_tags);
    BLOB(e->segments.off, e->segments.n);
    BLOB(e->regions.off, e->regions.n);
    BLOB(e->tagnames.off, e->tagnames.n);
    BLOB(e->products.off, e->products.n);
    BLOB(e->stages.off, e->stages.n);
    /* ids that run without a gap are not kept (eng_base_id) */
    BLOB(e->order_ids, e->order_ids ? e->n_orders : 0);
    BLOB(e->payment_ids, e->payment_ids ? e->n_payments : 0);
    BLOB(e->deal_ids, e->deal_ids ? e->n_deals : 0);
    BLOB(e->activity_ids, e->activity_ids ? e->n_activities : 0);
    BLOB(e->survey_ids, e->survey_ids ? e->n_surveys : 0);
    for (int s = 0; s <= SRC_NEW; s++) {
        struct series *se = &e->src[s];
        BLOB(se->start, e->n_holders + 1);
        BLOB(se->ev, se->n);
        for (int m = 0; m < se->n_meas; m++)
            BLOB(se->cum[m], se->n + 1);
        for (int m = 0; m < se->n_meas; m++)
            BLOB(se->dense[m], se->dense[m] ? mul_sat(e->n_units + 1, (size_t)e->n_days + 1) : 0);
        for (int m = 0; m < se->n_meas; m++) /* none for a source without events */
            BLOB(se->month_cum[m],
                 se->month_cum[m] ? mul_sat(e->n_holders, (size_t)e->n_months + 1) : 0);
    }
    BLOB(e->pipe, e->n_pipe);
    BLOB(e->pipe_start, e->n_holders + 1);
    BLOB(e->markets, e->n_markets);
    BLOB(e->reports, e->n_people);
    BLOB(e->report_start, e->n_people + 1);
    BLOB(e->month_start, (size_t)e->n_months + 1);
    BLOB(e->mcust_start, mul_sat(e->n_holders, (size_t)e->n_months) + 1);
    BLOB(e->mcust, e->n_mcust);
#undef BLOB
    assert(n <= MAX_BLOBS);
    return n;
}

void engine_free(struct engine *e)
{
    if (!e)
        return;
    /* refs counts the references beyond the first (engine_retain) */
    if (__atomic_fetch_sub(&e->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    if (eng_overlay_free(e))
        return;
    if (e->map) {
        munmap(e->map, e->map_len);
    } else {
        struct blob b[MAX_BLOBS];
        size_t n = engine_blobs(e, b);
        for (size_t i = 0; i < n; i++)
            free(*b[i].ptr);
    }
    free(e->zero_months);
    map_free(&e->segments.ids);
    map_free(&e->regions.ids);
    map_free(&e->tagnames.ids);
    map_free(&e->products.ids);
    map_free(&e->stages.ids);
    map_free(&e->person_by_id);
    map_free(&e->unit_by_id);
    map_free(&e->customer_by_id);
    buf_free(&e->poolb);
    free(e);
}

/* ---- checksums ---------------------------------------------------------- */

/* A fast 64-bit hash of bytes (the xxHash64 construction): four lanes of
 * multiply-rotate over 32-byte stripes, then the tail, then an avalanche. */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t lane(uint64_t acc, uint64_t in)
{
    acc += in * P2;
    return rotl64(acc, 31) * P1;
}

static uint64_t merge(uint64_t h, uint64_t v)
{
    h ^= lane(0, v);
    return h * P1 + P4;
}

static uint64_t hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data, *end = p + len;
    uint64_t h;
    if (len >= 32) {
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        for (; p + 32 <= end; p += 32) {
            v1 = lane(v1, rd64(p));
            v2 = lane(v2, rd64(p + 8));
            v3 = lane(v3, rd64(p + 16));
            v4 = lane(v4, rd64(p + 24));
        }
        h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
        h = merge(merge(merge(merge(h, v1), v2), v3), v4);
    } else {
        h = seed + P5;
    }
    h += (uint64_t)len;
    for (; p + 8 <= end; p += 8)
        h = rotl64(h ^ lane(0, rd64(p)), 27) * P1 + P4;
    if (p + 4 <= end) {
        h = rotl64(h ^ (rd32(p) * P1), 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl64(h ^ (*p * P5), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

/* ---- the file ------------------------------------------------------------ */

static void rules_or_default(const struct engine_file_rules *r, struct engine_file_rules *out)
{
    if (r) {
        *out = *r;
    } else {
        out->uid = (unsigned)geteuid();
        out->gid = (unsigned)getegid();
        out->mode = 0600;
        out->record = 0;
    }
}

/* What a file that is not a regular one is, for a message. */
static const char *file_kind(mode_t m)
{
    return S_ISLNK(m)                 ? "symbolic link"
           : S_ISFIFO(m)              ? "FIFO"
           : S_ISDIR(m)               ? "folder"
           : S_ISSOCK(m)              ? "socket"
           : S_ISCHR(m) || S_ISBLK(m) ? "device"
                                      : "special file";
}

/* The folder of PATH into DIR ("." when it has none) and its last part. */
static const char *split_path(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
    return slash ? slash + 1 : path;
}

/* Create TMPL (ending in XXXXXX) as a new file: O_CREAT|O_EXCL|O_NOFOLLOW, so
 * that nothing pre-created at the name — a symbolic link least of all — is
 * ever opened; the six characters are random, tried again on a clash.
 * Returns the descriptor (mode 0600 until the caller sets the bits) or -1
 * with errno. */
static int create_temp(char *tmpl)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char *x = tmpl + strlen(tmpl) - 6;
    static uint64_t counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            uint64_t v = ((uint64_t)t.tv_nsec ^ (uint64_t)getpid() << 32) +
                         __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED) * P1;
            for (int i = 0; i < 6; i++)
                r[i] = (unsigned char)(v >> (8 * i));
        }
        for (int i = 0; i < 6; i++)
            x[i] = abc[r[i] % (sizeof abc - 1)];
        int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Is NAME a temporary of the snapshot named BASE ("BASE.tmp<PID>", then "."
 * or the end: today's names and those of earlier versions)? */
static bool temp_of(const char *name, const char *base, long *pid)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp", 4) != 0)
        return false;
    const char *p = name + n + 4;
    if (*p < '1' || *p > '9')
        return false;
    char *end;
    errno = 0;
    *pid = strtol(p, &end, 10);
    return errno == 0 && (*end == '\0' || *end == '.');
}

#define STALE_SECONDS 3600

/* Remove the temporaries of snapshot PATH no live process writes: the pid
 * in the name answers ESRCH, or the file is older than STALE_SECONDS before
 * NOW (the file system's clock: the caller's new temporary's mtime, so no
 * wall clock is read and a skewed network file system agrees with itself).
 * MINE is never touched, nor anything but regular files (a link or a FIFO
 * at such a name is not a temporary of ours); a pid that is alive keeps its
 * file (EPERM: another user's live process). Failures (a sticky folder)
 * leave the file. */
static void remove_stale(const char *path, const char *mine, time_t now)
{
    char dir[4096];
    const char *base = split_path(path, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    int dfd = dirfd(d);
    for (struct dirent *de; (de = readdir(d));) {
        long pid;
        struct stat sb;
        if (!temp_of(de->d_name, base, &pid) || strcmp(de->d_name, mine) == 0 ||
            fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
            continue;
        bool dead = pid > 0 && pid <= INT32_MAX && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
        if (dead || now - sb.st_mtime > STALE_SECONDS)
            unlinkat(dfd, de->d_name, 0);
    }
    closedir(d);
}

/* Make a rename in PATH's folder durable (best effort: a cache). */
static void sync_dir(const char *path)
{
    char dir[4096];
    split_path(path, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* A new temporary beside PATH for a file written with RULES (a snapshot or
 * its validation record): PATH.tmp<PID>.XXXXXX made by create_temp, the
 * stale temporaries of PATH removed, then the rules' owner and bits set
 * before a byte is written, so no one the database's bits shut out can open
 * it meanwhile. Its name goes to TMP, its stat (the file system's "now" in
 * st_mtim) to TS when not NULL. Returns the stream, or NULL with ERR (AT_IO)
 * and nothing left behind. */
static FILE *temp_open(const char *path, const struct engine_file_rules *r, char *tmp,
                       size_t tmp_size, struct stat *ts, struct at_err *err)
{
    if ((size_t)snprintf(tmp, tmp_size, "%s.tmp%ld.XXXXXX", path, (long)getpid()) >= tmp_size) {
        at_err_set(err, AT_IO, "cannot write %s: the path is too long", path);
        return NULL;
    }
    int fd = create_temp(tmp);
    if (fd < 0) {
        at_err_set(err, AT_IO, "cannot create a temporary beside %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    bool ok = fstat(fd, &st) == 0;
    if (ok) {
        const char *name = strrchr(tmp, '/');
        remove_stale(path, name ? name + 1 : tmp, st.st_mtime);
    }
    unsigned mode = r->mode & 0777u;
    if (ok && (st.st_uid != r->uid || st.st_gid != r->gid) &&
        fchown(fd, (uid_t)r->uid, (gid_t)r->gid) != 0 && fchown(fd, (uid_t)-1, (gid_t)r->gid) != 0)
        mode &= ~070u; /* not the database's group: its group bits would open it to another */
    ok = ok && fchmod(fd, (mode_t)mode) == 0;
    FILE *f = ok ? fdopen(fd, "wb") : NULL;
    if (!f) {
        int en = errno;
        close(fd);
        unlink(tmp);
        at_err_set(err, AT_IO, "cannot write %s: %s", tmp, strerror(en));
        return NULL;
    }
    if (ts)
        *ts = st;
    return f;
}

/* Finish the temporary TMP written through F (OK: every write succeeded):
 * flushed, fsynced, closed and renamed over PATH, then the folder synced.
 * What sits at PATH decides: nothing, a regular file or a symbolic link
 * (rename replaces the link itself) is replaced; anything else someone put
 * there on purpose is left alone (AT_UNSUPPORTED). On any failure TMP is
 * removed and ERR names WHAT (AT_IO). */
static enum at_status temp_commit(FILE *f, bool ok, const char *tmp, const char *path,
                                  const char *what, struct at_err *err)
{
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int werr = ok ? 0 : errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        werr = errno;
    }
    struct stat ps;
    if (ok && lstat(path, &ps) == 0 && !S_ISREG(ps.st_mode) && !S_ISLNK(ps.st_mode)) {
        unlink(tmp);
        return at_err_set(err, AT_UNSUPPORTED,
                          "%s is a %s, not a snapshot file: left in place, %s is not saved", path,
                          file_kind(ps.st_mode), what);
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        werr = errno;
    }
    if (!ok) {
        unlink(tmp);
        return at_err_set(err, AT_IO, "cannot write %s %s: %s", what, path, strerror(werr));
    }
    sync_dir(path);
    return AT_OK;
}

bool engine_same(struct engine *a, struct engine *b)
{
    struct blob x[MAX_BLOBS], y[MAX_BLOBS];
    size_t n = engine_blobs(a, x), m = engine_blobs(b, y);
    if (n != m || a->generation != b->generation || strcmp(a->data_key, b->data_key) != 0 ||
        memcmp(a->ids_from, b->ids_from, sizeof a->ids_from) != 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (x[i].bytes != y[i].bytes ||
            (x[i].bytes && memcmp(*x[i].ptr, *y[i].ptr, x[i].bytes) != 0))
            return false;
    return true;
}

#define SNAP_MAGIC "ATTAINE6" /* 6: keyed by the data key, checksummed */
#define SNAP_VERSION                                                                               \
    5u /* 5: month customer lists; 4: 20-byte events, 40-byte deal shares, no sums of empty        \
          sources, ids without gaps not kept */
#define SNAP_ALIGN 64u

/* The file header: the key, the scalars of the engine, the section table
 * (offset, length, checksum of each), then the checksum of the header itself
 * (computed with that field 0). */
struct snap_header {
    char magic[8];
    uint32_t version, n_blobs;
    char data_key[ENGINE_KEY_MAX];    /* store_data_key of the build */
    char context[ENGINE_CONTEXT_MAX]; /* the caller's settings (currency, fiscal year) */
    int64_t generation;
    uint64_t file_len;
    uint64_t n_people, n_units, n_customers, n_tags, n_holders, pool_len;
    uint64_t n_orders, n_lines, n_payments, n_deals, n_activities, n_surveys, n_pipe, n_markets;
    uint64_t strtab_n[5];
    uint64_t src_n[SRC_NEW + 1];
    int64_t ids_from[SRC_SURVEYS + 1]; /* the first id of rows whose ids are not kept */
    uint8_t src_dense[SRC_NEW + 1];    /* the source's dense day sums are there */
    uint8_t src_months[SRC_NEW + 1];   /* its monthly sums are there */
    uint8_t ids_kept[SRC_SURVEYS + 1]; /* the rows' ids are there */
    uint8_t pad[7];
    int32_t d0, n_days, n_months, last_day;
    uint64_t bytes;
    uint64_t n_mcust;
    uint64_t blob_off[MAX_BLOBS], blob_len[MAX_BLOBS], blob_sum[MAX_BLOBS];
    uint64_t header_sum;
};

static struct strtab *strtabs(struct engine *e, int i)
{
    struct strtab *t[] = {&e->segments, &e->regions, &e->tagnames, &e->products, &e->stages};
    return t[i];
}

static uint64_t header_sum(const struct snap_header *h)
{
    struct snap_header c;
    memcpy(&c, h, sizeof c);
    c.header_sum = 0;
    return hash64(&c, sizeof c, SNAP_VERSION);
}

static uint64_t align_up(uint64_t v)
{
    return (v + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN;
}

enum at_status engine_save(struct engine *e, const char *path,
                           const struct engine_file_rules *rules, const char *context,
                           struct at_err *err)
{
    struct snap_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SNAP_MAGIC, 8);
    h.version = SNAP_VERSION;
    snprintf(h.data_key, sizeof h.data_key, "%s", e->data_key);
    snprintf(h.context, sizeof h.context, "%s", context ? context : "");
    h.generation = e->generation;
    h.n_people = e->n_people;
    h.n_units = e->n_units;
    h.n_customers = e->n_customers;
    h.n_tags = e->n_tags;
    h.n_holders = e->n_holders;
    h.pool_len = e->pool_len;
    h.n_orders = e->n_orders;
    h.n_lines = e->n_lines;
    h.n_payments = e->n_payments;
    h.n_deals = e->n_deals;
    h.n_activities = e->n_activities;
    h.n_surveys = e->n_surveys;
    h.n_pipe = e->n_pipe;
    h.n_markets = e->n_markets;
    for (int i = 0; i < 5; i++)
        h.strtab_n[i] = strtabs(e, i)->n;
    for (int s = 0; s <= SRC_NEW; s++) {
        h.src_n[s] = e->src[s].n;
        h.src_dense[s] = e->src[s].dense[0] != NULL;
        h.src_months[s] = e->src[s].month_cum[0] != NULL;
    }
    for (int s = 0; s <= SRC_SURVEYS; s++) {
        size_t cnt;
        int k;
        h.ids_kept[s] = eng_base_ids(e, s, &cnt, &k) != NULL;
        h.ids_from[s] = e->ids_from[s];
    }
    h.d0 = e->d0;
    h.n_days = e->n_days;
    h.last_day = e->last_day;
    h.n_months = e->n_months;
    h.bytes = e->bytes;
    h.n_mcust = e->n_mcust;
    struct blob b[MAX_BLOBS];
    size_t n = engine_blobs(e, b);
    h.n_blobs = (uint32_t)n;
    uint64_t off = align_up(sizeof h);
    for (size_t i = 0; i < n; i++) {
        h.blob_off[i] = off;
        h.blob_len[i] = b[i].bytes;
        h.blob_sum[i] = hash64(b[i].bytes ? *b[i].ptr : "", b[i].bytes, i);
        off += align_up(b[i].bytes);
    }
    h.file_len = off;
    h.header_sum = header_sum(&h);
    struct engine_file_rules r;
    rules_or_default(rules, &r);
    char tmp[4096];
    FILE *f = temp_open(path, &r, tmp, sizeof tmp, NULL, err);
    if (!f)
        return err->status;
    static const char zeros[SNAP_ALIGN];
    bool ok = fwrite(&h, sizeof h, 1, f) == 1;
    uint64_t at = sizeof h;
    for (size_t i = 0; ok && i <= n; i++) {
        uint64_t want = i < n ? h.blob_off[i] : off;
        if (want > at)
            ok = fwrite(zeros, 1, (size_t)(want - at), f) == want - at;
        at = want;
        if (ok && i < n && b[i].bytes) {
            ok = fwrite(*b[i].ptr, 1, b[i].bytes, f) == b[i].bytes;
            at += b[i].bytes;
        }
    }
    return temp_commit(f, ok, tmp, path, "the engine snapshot", err);
}

/* ---- validation ---------------------------------------------------------- */

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            snprintf(why, why_size, __VA_ARGS__);                                                  \
            return false;                                                                          \
        }                                                                                          \
    } while (0)

static bool idx_ok(int32_t v, size_t n, bool none_ok)
{
    return (none_ok && v == NO_IDX) || (v >= 0 && (size_t)v < n);
}

/* A CSR offset table: N + 1 entries from 0, never decreasing, ending at TOTAL. */
static bool csr_ok(const size_t *start, size_t n, size_t total)
{
    if (start[0] != 0 || start[n] != total)
        return false;
    for (size_t i = 0; i < n; i++)
        if (start[i] > start[i + 1])
            return false;
    return true;
}

/* Is every pointer of the tree under parent links NEXT (N nodes) acyclic? */
static bool acyclic(const int32_t *next_of, size_t stride_words, size_t n)
{
    /* colour: 0 unvisited, 1 on the current walk, 2 done */
    unsigned char *c = xcalloc(n + 1, 1);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        int32_t q = (int32_t)i;
        while (q != NO_IDX && c[q] == 0) {
            c[q] = 1;
            q = next_of[(size_t)q * stride_words];
        }
        if (q != NO_IDX && c[q] == 1)
            ok = false;
        for (int32_t r = (int32_t)i; r != NO_IDX && c[r] == 1;
             r = next_of[(size_t)r * stride_words])
            c[r] = 2;
    }
    free(c);
    return ok;
}

/* Every index, offset and day inside the sections of a loaded engine is in
 * range, every CSR table monotone and every org tree acyclic: what the
 * queries read can never lie outside the mapping, nor loop. */
static bool validate(const struct engine *e, char *why, size_t why_size)
{
    CHECK(e->pool_len >= 1 && e->pool[e->pool_len - 1] == '\0', "string pool");
    CHECK(e->n_people < INT32_MAX && e->n_units < INT32_MAX && e->n_customers < INT32_MAX &&
              e->n_orders < INT32_MAX && e->n_payments < INT32_MAX && e->n_deals < INT32_MAX &&
              e->n_activities < INT32_MAX && e->n_surveys < INT32_MAX && e->n_tags < INT32_MAX,
          "counts");
    CHECK(e->n_holders == e->n_people + e->n_units + 1, "holders");
    CHECK(e->n_days >= 0 && e->n_months >= 0 && (int64_t)e->d0 + e->n_days < INT32_MAX &&
              e->d0 > INT32_MIN / 2 &&
              (e->n_days == 0 || (e->last_day >= e->d0 && e->last_day < e->d0 + e->n_days)),
          "days");
    size_t pl = e->pool_len;
    for (size_t i = 0; i < e->n_people; i++) {
        const struct person *p = &e->people[i];
        CHECK(idx_ok(p->unit, e->n_units, true) && idx_ok(p->manager, e->n_people, true) &&
                  p->name < pl && p->ext < pl && p->emp < pl && p->email < pl &&
                  (p->name_shared == 0 || p->name_shared == 1),
              "person %zu", i);
    }
    for (size_t i = 0; i < e->n_units; i++) {
        const struct unit *u = &e->units[i];
        CHECK(idx_ok(u->parent, e->n_units, true) && u->name < pl && u->path < pl && u->ext < pl,
              "unit %zu", i);
    }
    _Static_assert(sizeof(struct person) % sizeof(int32_t) == 0, "person words");
    CHECK(e->n_people == 0 ||
              acyclic(&e->people[0].manager, sizeof(struct person) / sizeof(int32_t), e->n_people),
          "managers form a cycle");
    CHECK(e->n_units == 0 ||
              acyclic(&e->units[0].parent, sizeof(struct unit) / sizeof(int32_t), e->n_units),
          "units form a cycle");
    for (int t = 0; t < 5; t++) {
        const struct strtab *st = strtabs((struct engine *)e, t);
        for (size_t i = 0; i < st->n; i++)
            CHECK(st->off[i] < pl, "string table %d", t);
    }
    for (size_t i = 0; i < e->n_tags; i++)
        CHECK(idx_ok(e->tags[i], e->tagnames.n, true), "tag %zu", i);
    for (size_t i = 0; i < e->n_customers; i++) {
        const struct customer *c = &e->customers[i];
        CHECK(idx_ok(c->segment, e->segments.n, true) && idx_ok(c->region, e->regions.n, true) &&
                  c->tag_first >= 0 && c->tag_count >= 0 && (size_t)c->tag_first <= e->n_tags &&
                  (size_t)c->tag_count <= e->n_tags - (size_t)c->tag_first && c->name < pl &&
                  idx_ok(c->first_order, e->n_orders, true),
              "customer %zu", i);
    }
    const size_t rows[SRC_NEW + 1] = {e->n_orders,     e->n_payments, e->n_deals,
                                      e->n_activities, e->n_surveys,  e->n_orders};
    int32_t last = e->d0 + e->n_days - 1;
    for (int s = 0; s <= SRC_NEW; s++) {
        const struct series *se = &e->src[s];
        CHECK(csr_ok(se->start, e->n_holders, se->n), "source %d offsets", s);
        for (size_t h = 0; h < e->n_holders; h++)
            for (size_t i = se->start[h]; i < se->start[h + 1]; i++) {
                const struct event *ev = &se->ev[i];
                CHECK(ev->day >= e->d0 && ev->day <= last &&
                          (i == se->start[h] || se->ev[i - 1].day <= ev->day) &&
                          idx_ok(ev->customer, e->n_customers, true) &&
                          idx_ok(ev->ref, rows[s], false) &&
                          ((s != SRC_LINES && s != SRC_CLOSED && s != SRC_NEW) ||
                           idx_ok(ev->attr, e->products.n, true)) &&
                          (s != SRC_CLOSED || idx_ok(ev->stage, e->stages.n, true)),
                      "source %d event %zu", s, i);
            }
        for (int m = 0; m < se->n_meas; m++)
            CHECK(se->cum[m][0] == 0 && (se->n == 0 || se->month_cum[m]), "source %d sums", s);
    }
    CHECK(csr_ok(e->pipe_start, e->n_holders, e->n_pipe), "pipeline offsets");
    for (size_t i = 0; i < e->n_pipe; i++) {
        const struct deal_share *d = &e->pipe[i];
        CHECK(idx_ok(d->customer, e->n_customers, true) &&
                  idx_ok(d->product, e->products.n, true) && idx_ok(d->stage, e->stages.n, true) &&
                  idx_ok(d->ref, e->n_deals, false),
              "deal share %zu", i);
    }
    for (size_t i = 0; i < e->n_markets; i++)
        CHECK(idx_ok(e->markets[i].unit, e->n_units, false) && e->markets[i].period < pl,
              "market %zu", i);
    CHECK(e->report_start[0] == 0 && e->report_start[e->n_people] >= 0 &&
              (size_t)e->report_start[e->n_people] <= e->n_people,
          "reports");
    for (size_t i = 0; i < e->n_people; i++)
        CHECK(e->report_start[i] <= e->report_start[i + 1], "report offsets");
    for (int32_t r = 0; r < e->report_start[e->n_people]; r++)
        CHECK(idx_ok(e->reports[r], e->n_people, false), "report %d", r);
    for (int32_t k = 0; k < e->n_months; k++)
        CHECK(e->month_start[k] < e->month_start[k + 1], "months");
    CHECK(e->n_days == 0 || e->month_start[0] <= e->d0, "months");
    CHECK(csr_ok(e->mcust_start, e->n_holders * (size_t)e->n_months, e->n_mcust),
          "month customer offsets");
    for (size_t i = 0; i < e->n_mcust; i++)
        CHECK(idx_ok(e->mcust[i], e->n_customers, false), "month customer %zu", i);
    return true;
}

#undef CHECK

/* Put the header's scalars into E (counts only: the arrays come after). */
static void header_to_engine(const struct snap_header *h, struct engine *e)
{
    e->generation = h->generation;
    memcpy(e->data_key, h->data_key, sizeof e->data_key);
    e->data_key[sizeof e->data_key - 1] = '\0';
    e->n_people = h->n_people;
    e->n_units = h->n_units;
    e->n_customers = h->n_customers;
    e->n_tags = h->n_tags;
    e->n_holders = h->n_holders;
    e->pool_len = h->pool_len;
    e->n_orders = h->n_orders;
    e->n_lines = h->n_lines;
    e->n_payments = h->n_payments;
    e->n_deals = h->n_deals;
    e->n_activities = h->n_activities;
    e->n_surveys = h->n_surveys;
    e->n_pipe = h->n_pipe;
    e->n_markets = h->n_markets;
    for (int i = 0; i < 5; i++)
        strtabs(e, i)->n = h->strtab_n[i];
    for (int s = 0; s <= SRC_NEW; s++) {
        e->src[s].n = h->src_n[s];
        e->src[s].n_meas = src_meas[s];
        for (int m = 0; m < src_meas[s]; m++) { /* marks presence */
            e->src[s].dense[m] = h->src_dense[s] ? (int64_t *)e->map : NULL;
            e->src[s].month_cum[m] = h->src_months[s] ? (int64_t *)e->map : NULL;
        }
    }
    int64_t **ids[SRC_SURVEYS + 1] = {&e->order_ids, &e->payment_ids, &e->deal_ids,
                                      &e->activity_ids, &e->survey_ids};
    for (int s = 0; s <= SRC_SURVEYS; s++) {
        *ids[s] = h->ids_kept[s] ? (int64_t *)e->map : NULL; /* marks presence */
        e->ids_from[s] = h->ids_from[s];
    }
    e->d0 = h->d0;
    e->n_days = h->n_days;
    e->last_day = h->last_day;
    e->n_months = h->n_months;
    e->bytes = h->bytes;
    e->n_mcust = h->n_mcust;
}

/* The section table of H against a file of LEN bytes: every section where
 * the counts say, aligned, inside the file, with its checksum (BYTES: the
 * file, or NULL to check the table only). */
static bool sections_ok(const struct snap_header *h, const struct blob *b, size_t n, size_t len,
                        const unsigned char *bytes)
{
    if (n != h->n_blobs)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint64_t off = h->blob_off[i], bl = h->blob_len[i];
        if (bl != b[i].bytes || off % SNAP_ALIGN != 0 || off < sizeof *h || off > len ||
            bl > len - off)
            return false;
        if (bytes && hash64(bytes + off, (size_t)bl, i) != h->blob_sum[i])
            return false;
    }
    return true;
}

/* Open PATH to read a file written under rules R (a snapshot or its
 * validation record): never through a link; a FIFO opens at once
 * (O_NONBLOCK) and is refused by its type, so nothing at PATH can make a
 * process wait; only a regular file owned by the database's owner or by us
 * (anyone else could have put any figures in it: checksums only catch
 * damage, not intent) and not writable by others beyond the database's
 * bits. Returns the descriptor with its stat in SB, or -1 with ERR:
 * AT_NOT_FOUND, AT_UNSUPPORTED (not a file we read: one line saying why),
 * AT_IO. */
static int open_checked(const char *path, const struct engine_file_rules *r, struct stat *sb,
                        struct at_err *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            at_err_set(err, AT_NOT_FOUND, "no engine snapshot %s", path);
        else if (errno == ELOOP)
            at_err_set(err, AT_UNSUPPORTED,
                       "%s is a symbolic link: not followed; a new snapshot replaces the link",
                       path);
        else
            at_err_set(err, AT_IO, "cannot open the engine snapshot %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, sb) != 0) {
        int e = errno;
        close(fd);
        at_err_set(err, AT_IO, "cannot read %s: %s", path, strerror(e));
        return -1;
    }
    if (!S_ISREG(sb->st_mode))
        at_err_set(err, AT_UNSUPPORTED, "%s is a %s, not a snapshot file: not read, left in place",
                   path, file_kind(sb->st_mode));
    else if ((unsigned)sb->st_uid != r->uid && sb->st_uid != geteuid())
        at_err_set(err, AT_UNSUPPORTED,
                   "%s belongs to user %u, not to the database's owner (%u): not read; a new "
                   "snapshot replaces it",
                   path, (unsigned)sb->st_uid, r->uid);
    else if (sb->st_mode & 0022u & ~r->mode)
        at_err_set(err, AT_UNSUPPORTED,
                   "%s may be written by other users (mode %03o), the database may not: not "
                   "read; a new snapshot replaces it",
                   path, (unsigned)(sb->st_mode & 0777u));
    else
        return fd;
    close(fd);
    return -1;
}

/* ---- the validation record (PATH.ok) ------------------------------------ */

/* After a full validation, a load records which file it validated: PATH.ok,
 * written and read under the snapshot's own rules (temp_open/temp_commit,
 * open_checked). A later load whose snapshot has the same identity — device,
 * inode, size, mtime and ctime (which no user can set: any write, truncate,
 * chmod, chown or rename sets it to the file system's "now") — the same
 * header (its checksum covers the section checksums, key and counts) and
 * the same key skips the section checksums and validate(); anything else
 * validates in full, as before. REC_VERSION covers the record's layout and
 * the checks validate() makes: a binary with new checks ignores old records. */
#define REC_MAGIC   "ATTAINOK"
#define REC_VERSION 1u

struct snap_record {
    char magic[8];
    uint32_t version, snap_version;
    uint64_t dev, ino, size;
    int64_t mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
    uint64_t header_sum;
    char data_key[ENGINE_KEY_MAX];
    char context[ENGINE_CONTEXT_MAX];
};

/* The record of the snapshot whose stat is SB and header H. */
static void record_of(const struct stat *sb, const struct snap_header *h, struct snap_record *rec)
{
    memset(rec, 0, sizeof *rec);
    memcpy(rec->magic, REC_MAGIC, 8);
    rec->version = REC_VERSION;
    rec->snap_version = SNAP_VERSION;
    rec->dev = (uint64_t)sb->st_dev;
    rec->ino = (uint64_t)sb->st_ino;
    rec->size = (uint64_t)sb->st_size;
    rec->mtime_sec = (int64_t)sb->st_mtim.tv_sec;
    rec->mtime_nsec = (int64_t)sb->st_mtim.tv_nsec;
    rec->ctime_sec = (int64_t)sb->st_ctim.tv_sec;
    rec->ctime_nsec = (int64_t)sb->st_ctim.tv_nsec;
    rec->header_sum = h->header_sum;
    memcpy(rec->data_key, h->data_key, sizeof rec->data_key);
    memcpy(rec->context, h->context, sizeof rec->context);
}

/* Does the record at OKPATH (a regular file under rules R, exactly one
 * record long) say that the snapshot of stat SB and header H was validated?
 * Any doubt is "no". */
static bool record_honoured(const char *okpath, const struct engine_file_rules *r,
                            const struct stat *sb, const struct snap_header *h)
{
    struct at_err ignored = {AT_OK, ""};
    struct stat rs;
    int fd = open_checked(okpath, r, &rs, &ignored);
    if (fd < 0)
        return false;
    struct snap_record want, got;
    bool ok = rs.st_size == (off_t)sizeof got && read(fd, &got, sizeof got) == (ssize_t)sizeof got;
    close(fd);
    record_of(sb, h, &want);
    return ok && memcmp(&want, &got, sizeof want) == 0;
}

static bool ts_before(struct timespec a, struct timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

enum at_status engine_load(const char *path, const struct engine_file_rules *rules,
                           const char *data_key, const char *context, struct engine **out,
                           struct at_err *err)
{
    *out = NULL;
    struct engine_file_rules r;
    rules_or_default(rules, &r);
    struct stat sb;
    int fd = open_checked(path, &r, &sb, err);
    if (fd < 0)
        return err->status;
    if (sb.st_size < 0 || (size_t)sb.st_size < sizeof(struct snap_header)) {
        close(fd);
        return at_err_set(err, AT_INVALID, "%s is not an engine snapshot", path);
    }
    size_t len = (size_t)sb.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return at_err_set(err, AT_IO, "cannot map %s", path);
    const struct snap_header *h = map;
    if (memcmp(h->magic, SNAP_MAGIC, 8) != 0 || h->version != SNAP_VERSION) {
        munmap(map, len);
        return at_err_set(err, AT_INVALID, "%s is not an engine snapshot of this version", path);
    }
    if (h->header_sum != header_sum(h) || h->file_len != len || h->n_blobs > MAX_BLOBS) {
        munmap(map, len);
        return at_err_set(err, AT_INVALID, "%s is damaged (header); it will be rebuilt", path);
    }
    if ((data_key && strncmp(h->data_key, data_key, sizeof h->data_key) != 0) ||
        strncmp(h->context, context ? context : "", sizeof h->context) != 0) {
        munmap(map, len);
        return at_err_set(err, AT_CONFLICT, "%s was built from other data; it will be rebuilt",
                          path);
    }
    /* this very file validated before (PATH.ok): the O(size) checks are
     * skipped; else they run, and a record is prepared first (its
     * temporary's mtime is the file system's "now" before a byte of the
     * sections is read) */
    char okpath[4096], rtmp[4096];
    bool have_ok = (size_t)snprintf(okpath, sizeof okpath, "%s.ok", path) < sizeof okpath;
    bool trusted =
        have_ok && (r.record & ENGINE_RECORD_READ) && record_honoured(okpath, &r, &sb, h);
    FILE *rec = NULL;
    struct stat rts;
    if (have_ok && !trusted && (r.record & ENGINE_RECORD_WRITE)) {
        struct at_err ignored = {AT_OK, ""};
        rec = temp_open(okpath, &r, rtmp, sizeof rtmp, &rts, &ignored);
    }
    struct engine *e = xcalloc(1, sizeof *e);
    e->map = map;
    e->map_len = len;
    e->map_trusted = trusted;
    header_to_engine(h, e);
    struct blob b[MAX_BLOBS];
    size_t n = engine_blobs(e, b);
    bool ok = sections_ok(h, b, n, len, trusted ? NULL : map);
    for (size_t i = 0; ok && i < n; i++)
        *b[i].ptr = b[i].bytes ? (char *)map + h->blob_off[i] : NULL;
    char why[160] = "sections";
    /* every array the validation reads must be there even when empty */
    ok = ok && e->pool && e->report_start && e->month_start && e->pipe_start && e->mcust_start;
    for (int s = 0; ok && s <= SRC_NEW; s++)
        ok = e->src[s].start && e->src[s].cum[0];
    if (ok && !trusted)
        ok = validate(e, why, sizeof why);
    if (rec) {
        /* Recorded only when the snapshot last changed before the record's
         * temporary was made: a change made after this validation began
         * then carries a later ctime than the one recorded (a change within
         * the same clock tick as the last one could not be told apart). */
        struct at_err ignored = {AT_OK, ""};
        struct snap_record rc;
        record_of(&sb, h, &rc);
        if (ok && ts_before(sb.st_ctim, rts.st_mtim))
            temp_commit(rec, fwrite(&rc, sizeof rc, 1, rec) == 1, rtmp, okpath,
                        "the snapshot's validation record", &ignored);
        else {
            fclose(rec);
            unlink(rtmp);
        }
    }
    if (!ok) {
        e->map = NULL;
        munmap(map, len);
        free(e);
        return at_err_set(err, AT_INVALID, "%s is damaged (%s); it will be rebuilt", path, why);
    }
    e->zero_months = xcalloc((size_t)e->n_months + 1, sizeof *e->zero_months);
    *out = e;
    return AT_OK;
}

void engine_snapshot_reseal(unsigned char *buf, size_t len)
{
    if (len < sizeof(struct snap_header))
        return;
    struct snap_header h;
    memcpy(&h, buf, sizeof h);
    h.file_len = len;
    for (size_t i = 0; i < h.n_blobs && i < MAX_BLOBS; i++)
        if (h.blob_off[i] <= len && h.blob_len[i] <= len - h.blob_off[i])
            h.blob_sum[i] = hash64(buf + h.blob_off[i], (size_t)h.blob_len[i], i);
    h.header_sum = header_sum(&h);
    memcpy(buf, &h, sizeof h);
}

const char *engine_data_key(const struct engine *e)
{
    return e->data_key;
}

void engine_stats(const struct engine *e, struct engine_stats *out)
{
    memset(out, 0, sizeof *out);
    out->people = (long)e->n_people;
    out->units = (long)e->n_units;
    out->customers = (long)e->n_customers;
    out->orders = (long)e->n_orders;
    out->lines = (long)e->n_lines;
    out->payments = (long)e->n_payments;
    out->deals = (long)e->n_deals;
    out->activities = (long)e->n_activities;
    out->surveys = (long)e->n_surveys;
    for (int s = 0; s <= SRC_NEW; s++)
        out->events += (long)e->src[s].n;
    out->bytes = e->bytes;
    out->first_day = e->d0;
    out->last_day = e->last_day;
    out->generation = e->generation;
    out->mapped = engine_base((struct engine *)e)->map != NULL;
    out->trusted = engine_base((struct engine *)e)->map_trusted;
    out->delta_rows = (long)e->delta_rows;
}

void engine_file_rules_of(const char *db_file, struct engine_file_rules *out)
{
    struct stat sb;
    if (stat(db_file, &sb) == 0)
        *out = (struct engine_file_rules){(unsigned)sb.st_uid, (unsigned)sb.st_gid,
                                          (unsigned)sb.st_mode & 0777u, ENGINE_RECORD_ALL};
    else
        *out = (struct engine_file_rules){(unsigned)geteuid(), (unsigned)getegid(), 0600,
                                          ENGINE_RECORD_ALL};
}
