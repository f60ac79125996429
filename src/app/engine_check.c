/*
 * engine_check.c — `attain engine check`, above the engine: the engine's
 * per-holder totals (a fresh build) against aggregates the store computes by
 * SQL alone, its own monthly sums against its events (engine_verify), and
 * the snapshot beside the database against the fresh build (checksums and
 * bounds included: a damaged snapshot is a difference).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/engine_owner.h"
#include "app/metrics.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "domain/metric.h"
#include "domain/period.h"
#include "engine/engine.h"
#include "store/db.h"

struct check_ctx {
    const struct engine *e;
    enum engine_source src;
    int n_meas;
    const int *meas;
    const int64_t *scale; /* the SQL value × scale = the engine value */
    bool *seen;
    engine_diff_fn fn;
    void *ctx;
    long diffs, checked;
};

static void report(struct check_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct check_ctx *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->diffs++;
    if (c->fn)
        c->fn(line, c->ctx);
}

static enum at_status check_row(const struct store_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct check_ctx *c = ctx;
    const struct engine *e = c->e;
    char kind = r->s[0] ? r->s[0][0] : 'n';
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)r->i[1]);
    int32_t h = engine_holder_find(e, kind, r->i[1]);
    if (h < 0) {
        report(c, "%s: the store credits %c%s, which the engine does not know",
               metric_def(METRIC_REVENUE)->key, kind, key);
        return AT_OK;
    }
    c->seen[h] = true;
    for (int k = 0; k < c->n_meas; k++) {
        /* SQLite turns an integer product that overflows into a real (read
         * as 0 here): a sum that is not an integer cannot be compared */
        const char *text = r->s[2 + k];
        if (!r->null[2 + k] && r->i[2 + k] == 0 && text && strcmp(text, "0") != 0) {
            c->checked++;
            report(c,
                   "source %d measure %d of %s: the store's SQL sum %s is not exact (it "
                   "overflows 64 bits)",
                   (int)c->src, c->meas[k], engine_holder_name(e, h), text);
            continue;
        }
        int64_t want;
        if (__builtin_mul_overflow(r->i[2 + k], c->scale[k], &want)) {
            c->checked++;
            report(c, "source %d measure %d of %s: the store's sum overflows 64 bits", (int)c->src,
                   c->meas[k], engine_holder_name(e, h));
            continue;
        }
        int64_t have = engine_holder_total(e, c->src, c->meas[k], h);
        c->checked++;
        if (want != have)
            report(c, "source %d measure %d of %s: store %lld, engine %lld", (int)c->src,
                   c->meas[k], engine_holder_name(e, h), (long long)want, (long long)have);
    }
    return AT_OK;
}

static enum at_status check_active(const struct store_row *r, void *ctx, struct at_err *err)
{
    struct check_ctx *c = ctx;
    int year = (int)r->i[0];
    if (year < 1 || year > 9999)
        return AT_OK;
    struct period p = {.kind = PERIOD_YEAR,
                       .start = cal_from_ymd(year, 1, 1),
                       .end = cal_from_ymd(year, 12, 31),
                       .year = year};
    struct scope s = {SCOPE_COMPANY, -1};
    struct metric_filter f;
    engine_filter_init(&f);
    struct metric_value v;
    enum at_status st = engine_metric(c->e, METRIC_ACTIVE_CUSTOMERS, &s, &p, &f, p.end, &v, err);
    if (st)
        return st;
    int64_t have = v.num / METRIC_SCALE;
    c->checked++;
    if (have != r->i[1])
        report(c, "active customers in %d: store %lld, engine %lld", year, (long long)r->i[1],
               (long long)have);
    return AT_OK;
}

static enum at_status check_all(const struct engine *e, struct db *db, engine_diff_fn fn, void *ctx,
                                long *n_diff, long *n_checked, struct at_err *err)
{
    static const struct {
        enum store_feed feed;
        enum engine_source src;
        int n;
        int meas[3];
        int64_t scale[3];
    } checks[] = {
        {FEED_CHECK_ORDERS, SRC_LINES, 2, {LINE_REVENUE, LINE_ORDERS}, {1, 1}},
        {FEED_CHECK_PAYMENTS, SRC_PAYMENTS, 1, {PAY_AMOUNT}, {1}},
        {FEED_CHECK_DEALS, SRC_CLOSED, 3, {CLOSED_WON_VALUE, CLOSED_WON, CLOSED_LOST}, {1, 1, 1}},
        {FEED_CHECK_ACTIVITIES,
         SRC_ACTIVITIES,
         3,
         {ACT_VISITS, ACT_CALLS, ACT_MEETINGS},
         {METRIC_SCALE, METRIC_SCALE, METRIC_SCALE}},
    };
    struct check_ctx c = {.e = e, .fn = fn, .ctx = ctx};
    c.seen = xcalloc(engine_holder_count(e), sizeof *c.seen);
    enum at_status st = AT_OK;
    for (size_t k = 0; k < sizeof checks / sizeof checks[0] && !st; k++) {
        memset(c.seen, 0, engine_holder_count(e) * sizeof *c.seen);
        c.src = checks[k].src;
        c.n_meas = checks[k].n;
        c.meas = checks[k].meas;
        c.scale = checks[k].scale;
        st = store_feed(db, checks[k].feed, check_row, &c, err);
        for (size_t h = 0; !st && h < engine_holder_count(e); h++) {
            if (c.seen[h])
                continue;
            for (int m = 0; m < c.n_meas; m++)
                if (engine_holder_total(e, c.src, c.meas[m], (int32_t)h) != 0)
                    report(&c, "source %d: the engine credits %s, the store does not", (int)c.src,
                           engine_holder_name(e, (int32_t)h));
        }
    }
    if (!st)
        st = store_feed(db, FEED_CHECK_ACTIVE, check_active, &c, err);
    if (!st)
        engine_verify(e, fn, ctx, &c.diffs, &c.checked);
    free(c.seen);
    *n_diff = c.diffs;
    *n_checked = c.checked;
    return st;
}

enum at_status app_engine_check(struct app *app, check_line_fn fn, void *ctx, long *n_diff,
                                long *n_checked, struct at_err *err)
{
    struct engine *e;
    /* one read transaction: the build and the SQL totals see the same data
     * while imports commit (else a false difference) */
    enum at_status st = db_read_begin(app->db, err);
    if (st)
        return st;
    st = engine_build(app->db, &e, err);
    if (st) {
        db_read_end(app->db);
        return st;
    }
    st = check_all(e, app->db, fn, ctx, n_diff, n_checked, err);
    /* the snapshot beside the database must hold exactly what a fresh build
     * holds; one of older data, plus the changes since (an overlay, read in
     * this same transaction), must answer exactly as the fresh build */
    char path[4096], context[ENGINE_CONTEXT_MAX];
    snprintf(path, sizeof path, "%s.engine", db_path(app->db));
    app_engine_context(app, context, sizeof context);
    struct engine *snap = NULL;
    struct at_err why = {AT_OK, ""};
    struct engine_file_rules rules;
    engine_file_rules_of(db_path(app->db), &rules);
    /* the check validates the whole file whatever PATH.engine.ok says (and
     * records it, unless read-only) */
    rules.record = db_read_only(app->db) ? 0 : ENGINE_RECORD_WRITE;
    enum at_status ls = st ? AT_NOT_FOUND : engine_load(path, &rules, NULL, context, &snap, &why);
    if (ls == AT_OK && strcmp(engine_data_key(snap), engine_data_key(e)) == 0) {
        (*n_checked)++;
        if (!engine_same(e, snap)) {
            (*n_diff)++;
            if (fn)
                fn("the engine snapshot differs from a fresh build; run attain engine build", ctx);
        }
    } else if (ls == AT_OK) {
        struct engine *ov = NULL;
        struct at_err cu = {AT_OK, ""};
        if (engine_catch_up(app->db, snap, &ov, &cu) == AT_OK) {
            long before = *n_diff;
            engine_same_answers(ov, e, fn, ctx, n_diff, n_checked);
            if (*n_diff > before && fn)
                fn("the engine snapshot plus the changes since differs from a fresh build", ctx);
            engine_free(ov);
        }
    } else if (ls == AT_UNSUPPORTED && app->note) {
        app->note(why.msg, app->note_ctx); /* not a file we read: no figure to compare */
    } else if (ls == AT_INVALID) {
        /* checksums and bounds: a damaged snapshot is a difference */
        (*n_checked)++;
        (*n_diff)++;
        if (fn)
            fn(why.msg, ctx);
    }
    engine_free(snap);
    db_read_end(app->db);
    engine_free(e);
    return st;
}
