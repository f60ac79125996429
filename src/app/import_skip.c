/* import_skip.c — skip the rows of an unchanged file imported again (import_skip.h). */
#include "app/import_skip.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/str.h"
#include "version.h"
#include "io/mapping.h"
#include "store/db.h"
#include "store/import_mark.h"

#define FP_BYTES 32
#define FP_HEX   (2 * FP_BYTES + 1)

/* Stream the regular file PATH into H; false when it cannot be read as one
 * (a pipe is never read: the import reads it). *SIZE: its bytes. */
static bool hash_file(crypto_generichash_state *h, const char *path, long long *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return false;
    }
    static unsigned char chunk[1 << 20];
    long long n = 0;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            close(fd);
            return false;
        }
        if (r == 0)
            break;
        crypto_generichash_update(h, chunk, (size_t)r);
        n += r;
    }
    close(fd);
    *size = n;
    return true;
}

static void hash_text(crypto_generichash_state *h, const char *name, const char *text)
{
    /* name, presence, length, bytes: no two option sets hash alike */
    char head[96];
    size_t len = text ? strlen(text) : 0;
    snprintf(head, sizeof head, "\n%s %c %zu:", name, text ? '=' : '-', len);
    crypto_generichash_update(h, (const unsigned char *)head, strlen(head));
    if (len)
        crypto_generichash_update(h, (const unsigned char *)text, len);
}

static void hash_num(crypto_generichash_state *h, const char *name, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    hash_text(h, name, t);
}

/* The fingerprint of this import into HEX, the hash of the file's bytes
 * into CONTENT and their count into *SIZE; false when it has none (stdin, a
 * file not regular or unreadable: the row-by-row path says why). */
static bool fingerprint(const struct app *app, const struct import_options *opt,
                        const char *period_start, const char *period_end, char hex[FP_HEX],
                        char content[FP_HEX], long long *size)
{
    crypto_generichash_state h;
    if (sodium_init() < 0 || crypto_generichash_init(&h, NULL, 0, FP_BYTES) != 0)
        return false;
    hash_text(&h, "attain import fingerprint", "1");
    hash_text(&h, "build", ATTAIN_VERSION " " ATTAIN_GIT);
    hash_text(&h, "kind", import_kind_name(opt->kind));
    hash_num(&h, "replace", opt->replace);
    hash_text(&h, "period", opt->period ? period_start : NULL);
    hash_text(&h, "period_end", opt->period ? period_end : NULL);
    hash_text(&h, "map", opt->map);
    hash_text(&h, "encoding", opt->encoding);
    hash_text(&h, "date_format", opt->date_format);
    hash_num(&h, "closed_from_expected", opt->closed_from_expected);
    hash_num(&h, "unit_limit", opt->unit_limit);
    /* people (a leave date before today: inactive) and markets (relative
     * periods) read the day */
    hash_num(&h, "today",
             opt->kind == IMPORT_PEOPLE || opt->kind == IMPORT_MARKETS ? opt->today : 0);
    hash_text(&h, "currency", app->currency);
    hash_num(&h, "values", (long long)opt->n_values);
    for (size_t i = 0; i < opt->n_values; i++)
        hash_text(&h, "value", opt->values[i]);
    long long n = 0;
    hash_text(&h, "mapping", opt->mapping_file ? "file" : NULL);
    if (opt->mapping_file && !hash_file(&h, opt->mapping_file, &n))
        return false;
    hash_num(&h, "mapping_size", n);
    crypto_generichash_state c;
    unsigned char out[FP_BYTES];
    crypto_generichash_init(&c, NULL, 0, FP_BYTES);
    if (opt->data) {
        crypto_generichash_update(&c, (const unsigned char *)opt->data, opt->size);
        *size = (long long)opt->size;
    } else if (!opt->path || strcmp(opt->path, "-") == 0 || !hash_file(&c, opt->path, size)) {
        return false;
    }
    crypto_generichash_final(&c, out, sizeof out);
    sodium_bin2hex(content, FP_HEX, out, sizeof out);
    hash_text(&h, "content", content);
    hash_num(&h, "size", *size);
    crypto_generichash_final(&h, out, sizeof out);
    sodium_bin2hex(hex, FP_HEX, out, sizeof out);
    return true;
}

/* ---- the mark: lines of text ------------------------------------------- */

/* TEXT with backslash, newline and tab escaped, onto B. */
static void put_escaped(struct buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\\')
            buf_puts(b, "\\\\");
        else if (*p == '\n')
            buf_puts(b, "\\n");
        else if (*p == '\t')
            buf_puts(b, "\\t");
        else
            buf_putc(b, *p);
    }
}

/* Undo put_escaped in place. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

/* Does table T hold the rows of KIND itself (not ones made on the way)? */
static bool own_table(enum import_kind kind, int t)
{
    if (kind == IMPORT_ORDERS && t == STORE_ORDER_LINES)
        return true;
    return strcmp(store_table_name((enum store_table)t), import_kind_name(kind)) == 0;
}

/* Would a re-import count what REPORT counts (import_skip.h)? */
static bool counts_repeat(enum import_kind kind, const struct import_report *r)
{
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        const struct import_count *c = &r->counts[t];
        long n = c->inserted + c->updated + c->unchanged;
        if (!own_table(kind, t) && n)
            return false;
        if ((kind == IMPORT_PEOPLE || kind == IMPORT_UNITS) && c->inserted)
            return false;
    }
    return true;
}

/*
 * The mark: FINGERPRINT \n STATE \n ROWS \n ENCODING \n DELIMITER \n
 * TABLE=N,... (rows a re-import finds unchanged) \n IGNORED \n then one
 * FIELD \t COLUMN line per column of the file.
 */
static void mark_make(struct buf *b, const char *fp, const char *state,
                      const struct import_report *r)
{
    buf_printf(b, "%s\n%s\n%ld\n", fp, state, r->rows);
    put_escaped(b, r->encoding);
    buf_printf(b, "\n%d\n", (int)(unsigned char)r->delimiter);
    bool first = true;
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        const struct import_count *c = &r->counts[t];
        long n = c->inserted + c->updated + c->unchanged;
        if (n) {
            buf_printf(b, "%s%s=%ld", first ? "" : ",", store_table_name((enum store_table)t), n);
            first = false;
        }
    }
    buf_putc(b, '\n');
    put_escaped(b, buf_str(&r->ignored));
    buf_putc(b, '\n');
    for (size_t i = 0; i < r->n_columns; i++) {
        put_escaped(b, r->columns[i].field);
        buf_putc(b, '\t');
        put_escaped(b, r->columns[i].column);
        buf_putc(b, '\n');
    }
}

/* The next line of *AT (cut at its newline), or NULL at the end. */
static char *next_line(char **at)
{
    char *s = *at;
    if (!s || !*s)
        return NULL;
    char *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *at = nl + 1;
    } else {
        *at = s + strlen(s);
    }
    return s;
}

static int table_named(const char *name)
{
    for (int t = 0; t < STORE_TABLE_COUNT; t++)
        if (strcmp(store_table_name((enum store_table)t), name) == 0)
            return t;
    return -1;
}

/* MARK (modified) into REPORT when its fingerprint is FP and its state
 * STATE; false (REPORT untouched) otherwise or when it does not parse. */
static bool mark_read(char *mark, const char *fp, const char *state, enum import_kind kind,
                      struct import_report *r)
{
    char *at = mark;
    char *l_fp = next_line(&at), *l_state = next_line(&at), *l_rows = next_line(&at);
    char *l_enc = next_line(&at), *l_delim = next_line(&at), *l_counts = next_line(&at);
    char *l_ignored = next_line(&at);
    int64_t rows, delim;
    if (!l_ignored || strcmp(l_fp, fp) != 0 || strcmp(l_state, state) != 0 ||
        !str_to_i64(l_rows, &rows) || rows < 0 || !str_to_i64(l_delim, &delim) || delim < 0 ||
        delim > 255)
        return false;
    struct import_count counts[STORE_TABLE_COUNT] = {0};
    for (char *item = l_counts, *next; item && *item; item = next) {
        next = strchr(item, ',');
        if (next)
            *next++ = '\0';
        char *eq = strchr(item, '=');
        int64_t n;
        if (!eq)
            return false;
        *eq = '\0';
        int t = table_named(item);
        if (t < 0 || !str_to_i64(eq + 1, &n) || n < 0)
            return false;
        counts[t].unchanged = (long)n;
    }
    /* the columns: field names back to mapping's own strings */
    size_t n_fields, n_cols = 0, cap = 8;
    const struct field_def *defs = mapping_fields(kind, &n_fields);
    struct import_column *cols = xcalloc(cap, sizeof *cols);
    for (char *line; (line = next_line(&at));) {
        char *tab = strchr(line, '\t');
        if (!tab)
            goto bad;
        *tab = '\0';
        unescape(line);
        unescape(tab + 1);
        const char *field = "";
        if (*line) {
            int f = mapping_field_index(kind, line);
            if (f < 0 || (size_t)f >= n_fields)
                goto bad;
            field = defs[f].name;
        }
        if (n_cols == cap)
            cols = xrealloc(cols, (cap *= 2) * sizeof *cols);
        cols[n_cols++] = (struct import_column){xstrdup(tab + 1), field};
    }
    unescape(l_enc);
    unescape(l_ignored);
    r->rows = (long)rows;
    snprintf(r->encoding, sizeof r->encoding, "%s", l_enc);
    r->delimiter = (char)delim;
    memcpy(r->counts, counts, sizeof counts);
    buf_reset(&r->ignored);
    buf_puts(&r->ignored, l_ignored);
    for (size_t i = 0; i < r->n_columns; i++)
        free(r->columns[i].column);
    free(r->columns);
    r->columns = cols;
    r->n_columns = n_cols;
    return true;
bad:
    for (size_t i = 0; i < n_cols; i++)
        free(cols[i].column);
    free(cols);
    return false;
}

/* ---- recording at commit ------------------------------------------------ */

struct pending {
    enum import_kind kind;
    char fp[FP_HEX];
    const struct import_report *report;
};

static enum at_status record(struct db *db, void *ctx, struct at_err *err)
{
    struct pending *p = ctx;
    const char *kind = import_kind_name(p->kind);
    if (!counts_repeat(p->kind, p->report))
        return store_import_mark_set(db, kind, NULL, err);
    char state[STORE_IMPORT_STATE_LEN];
    enum at_status st = store_import_state(db, state, sizeof state, err);
    if (st)
        return st;
    struct buf b;
    buf_init(&b, 0);
    mark_make(&b, p->fp, state, p->report);
    st = store_import_mark_set(db, kind, buf_str(&b), err);
    buf_free(&b);
    return st;
}

static double since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

enum at_status import_skip_begin(struct app *app, const struct import_options *opt,
                                 const char *source, const char *period_start,
                                 const char *period_end, struct import_report *report,
                                 bool *skipped, struct at_err *err)
{
    *skipped = false;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char fp[FP_HEX], content[FP_HEX];
    long long size = 0;
    if (!fingerprint(app, opt, period_start ? period_start : "", period_end ? period_end : "", fp,
                     content, &size)) {
        store_source_file(app->db, source, NULL, 0); /* provenance: the name alone */
        return AT_OK;                                /* read row by row, never marked */
    }
    store_source_file(app->db, source, content, size); /* provenance: this version */
    char *mark = NULL, state[STORE_IMPORT_STATE_LEN];
    enum at_status st = store_import_mark_get(app->db, import_kind_name(opt->kind), &mark, err);
    if (!st && mark)
        st = store_import_state(app->db, state, sizeof state, err);
    bool same = !st && mark && mark_read(mark, fp, state, opt->kind, report);
    free(mark);
    if (st)
        return st;
    if (!same) { /* the row-by-row path; its commit records the mark */
        struct pending *p = xcalloc(1, sizeof *p);
        p->kind = opt->kind;
        memcpy(p->fp, fp, sizeof fp);
        p->report = report;
        return db_on_commit(app->db, record, free, p, err);
    }
    long unchanged = 0;
    for (int t = 0; t < STORE_TABLE_COUNT; t++)
        unchanged += report->counts[t].unchanged;
    st = store_log_import(app->db, import_kind_name(opt->kind), source, report->rows, 0, 0,
                          unchanged, err);
    if (st)
        return st;
    if (opt->hold_ms > 0) { /* the tests of concurrent writers hold the lock here too */
        struct timespec hold = {opt->hold_ms / 1000, (long)(opt->hold_ms % 1000) * 1000000L};
        nanosleep(&hold, NULL);
    }
    if (opt->dry_run) {
        db_rollback(app->db);
    } else if ((st = db_commit(app->db, err))) {
        return st;
    } else {
        report->written = true;
    }
    report->seconds = since(&t0);
    *skipped = true;
    return AT_OK;
}
