/* app.c — opening the application context and creating a database. */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/import.h"
#include "app/org.h"
#include "base/embedded.h"
#include "base/str.h"
#include "app/engine_owner.h"
#include "engine/engine.h"
#include "io/tzfile.h"
#include "store/db.h"

/* Setting KEY into OUT: AT_OK, AT_NOT_FOUND (not set; ERR untouched) or the
 * database's error in ERR. */
static enum at_status meta_get(struct db *db, const char *key, char *out, size_t size,
                               struct at_err *err)
{
    struct at_err e = {AT_OK, ""};
    enum at_status st = db_meta_get(db, key, out, size, &e);
    if (st && st != AT_NOT_FOUND && err)
        *err = e;
    return st;
}

/* Read the settings of an open database into APP. */
static enum at_status load_settings(struct app *app, struct at_err *err)
{
    char v[32];
    /* An absent setting has its default; a database that cannot be read is an error. */
    enum at_status st = meta_get(app->db, "currency", v, sizeof v, err);
    if (st == AT_NOT_FOUND)
        snprintf(v, sizeof v, "CNY");
    else if (st)
        return st;
    if (!currency_valid(v))
        return at_err_set(err, AT_INVALID, "%s: setting currency is \"%s\"", db_path(app->db), v);
    memcpy(app->currency, v, CURRENCY_LEN);
    app->fiscal_start_month = 1;
    st = meta_get(app->db, "fiscal_start_month", v, sizeof v, err);
    if (st && st != AT_NOT_FOUND)
        return st;
    if (st == AT_OK) {
        int64_t m;
        if (!str_to_i64(v, &m) || m < 1 || m > 12)
            return at_err_set(err, AT_INVALID, "%s: setting fiscal_start_month is \"%s\"",
                              db_path(app->db), v);
        app->fiscal_start_month = (int)m;
    }
    /* Databases made before time zones existed have none: their timestamps
     * keep the date as written. */
    char zone[TZ_NAME_MAX];
    st = meta_get(app->db, "time_zone", zone, sizeof zone, err);
    if (st && st != AT_NOT_FOUND)
        return st;
    if (st == AT_OK) {
        tz_free(&app->tz);
        if ((st = tz_load(zone, &app->tz, err)))
            return at_err_prefix(err, "%s: setting time_zone: ", db_path(app->db));
        app->has_tz = true;
    }
    return AT_OK;
}

static enum at_status open_app(const char *path, bool read_only, struct app **out,
                               struct at_err *err)
{
    struct app *app = xcalloc(1, sizeof *app);
    snprintf(app->req.actor, sizeof app->req.actor, "cli");
    enum at_status st =
        read_only ? db_open_read_only(path, &app->db, err) : db_open(path, false, &app->db, err);
    if (!st)
        st = load_settings(app, err);
    if (st) {
        app_close(app);
        *out = NULL;
        return st;
    }
    *out = app;
    return AT_OK;
}

enum at_status app_open(const char *path, struct app **out, struct at_err *err)
{
    return open_app(path, false, out, err);
}

enum at_status app_open_read_only(const char *path, struct app **out, struct at_err *err)
{
    return open_app(path, true, out, err);
}

void app_close(struct app *app)
{
    if (!app)
        return;
    app_engine_release(app);
    engine_free(app->engine);
    org_free(app->org);
    free(app->holidays.days);
    tz_free(&app->tz);
    db_close(app->db);
    free(app);
}

int32_t app_today_at(const struct app *app, int64_t now, int32_t local_today)
{
    if (!app->has_tz)
        return local_today;
    int64_t local = now + tz_offset_at(&app->tz, now);
    int64_t day = local / 86400;
    if (local % 86400 < 0)
        day--;
    return (int32_t)day;
}

enum at_status app_refresh(struct app *app, struct at_err *err)
{
    free(app->holidays.days);
    app->holidays.days = NULL;
    app->holidays.n_days = 0;
    app->holidays_loaded = false;
    return load_settings(app, err);
}

enum at_status app_change_counter(struct app *app, int64_t *out, struct at_err *err)
{
    return store_change_counter(app->db, out, err);
}

void app_set_wait(struct app *app, int seconds, app_wait_fn fn, void *ctx)
{
    db_set_wait(app->db, seconds, fn, ctx);
}

enum at_status app_backup(struct app *app, const char *file, bool force, struct at_err *err)
{
    return store_backup(app->db, file, force, err);
}

enum at_status app_restore_check(const char *file, struct at_err *err)
{
    int schema;
    return store_check_file(file, &schema, err);
}

enum at_status app_restore(struct app *app, const char *file, struct at_err *err)
{
    char label[300];
    snprintf(label, sizeof label, "restore %.250s", file);
    db_set_writer(app->db, label);
    enum at_status st = store_restore(app->db, file, err);
    /* what this app read of the old data is gone with it */
    app_engine_release(app);
    engine_free(app->engine);
    app->engine = NULL;
    org_free(app->org);
    app->org = NULL;
    free(app->holidays.days);
    app->holidays.days = NULL;
    app->holidays.n_days = 0;
    app->holidays_loaded = false;
    if (st)
        return st;
    /* the old snapshot: its key can no longer match (new identity), but it
     * is dead weight, and a reader must never map it */
    char path[4200];
    snprintf(path, sizeof path, "%s.engine", db_path(app->db));
    unlink(path);
    snprintf(path, sizeof path, "%s.engine.ok", db_path(app->db)); /* its validation record */
    unlink(path);
    app->has_tz = false;
    return load_settings(app, err);
}

enum at_status app_init(const char *path, const struct init_options *opt, struct app **out,
                        struct at_err *err)
{
    const char *currency = opt->currency ? opt->currency : "CNY";
    int fiscal = opt->fiscal_start_month ? opt->fiscal_start_month : 1;
    if (!currency_valid(currency))
        return at_err_set(err, AT_INVALID,
                          "currency \"%s\" is not a three-letter ISO 4217 code (CNY, USD, EUR)",
                          currency);
    if (fiscal < 1 || fiscal > 12)
        return at_err_set(err, AT_INVALID, "fiscal year start month %d is not 1-12", fiscal);
    const char *holidays =
        opt->holidays ? opt->holidays : (strcmp(currency, "CNY") == 0 ? "cn" : "none");
    if (strcmp(holidays, "cn") != 0 && strcmp(holidays, "none") != 0)
        return at_err_set(err, AT_INVALID, "holiday calendar \"%s\": built in are cn and none",
                          holidays);

    struct tz zone_check;
    if (opt->tz) { /* an unknown zone is refused before anything is created */
        enum at_status zst = tz_load(opt->tz, &zone_check, err);
        tz_free(&zone_check);
        if (zst)
            return zst;
    }

    struct app *app = xcalloc(1, sizeof *app);
    snprintf(app->req.actor, sizeof app->req.actor, "cli");
    enum at_status st = db_open(path, true, &app->db, err);
    if (st)
        goto out;
    char old_zone[TZ_NAME_MAX];
    const char *zone = opt->tz;
    bool had_zone = db_meta_get(app->db, "time_zone", old_zone, sizeof old_zone, NULL) == AT_OK;
    if (!zone)
        zone = had_zone ? old_zone : opt->machine_tz ? opt->machine_tz : "UTC";
    if (!opt->tz && !had_zone) { /* the machine's zone, when we can read it; else UTC */
        struct at_err ignored;
        if (tz_load(zone, &zone_check, &ignored))
            zone = "UTC";
        tz_free(&zone_check);
    }
    if (had_zone && strcmp(old_zone, zone) != 0) {
        static const enum store_table dated[] = {STORE_ORDERS, STORE_PAYMENTS, STORE_DEALS,
                                                 STORE_ACTIVITIES, STORE_SURVEYS};
        int64_t total = 0;
        for (size_t i = 0; !st && i < sizeof dated / sizeof dated[0]; i++) {
            int64_t n = 0;
            st = store_count(app->db, dated[i], &n, err);
            total += n;
        }
        if (!st && total > 0)
            st = at_err_set(err, AT_CONFLICT,
                            "%s holds data whose days were taken in %s; its time zone cannot "
                            "change to %s",
                            path, old_zone, zone);
        if (st)
            goto out;
    }
    char old[32];
    st = meta_get(app->db, "currency", old, sizeof old, err);
    if (st && st != AT_NOT_FOUND)
        goto out;
    if (st == AT_OK && strcmp(old, currency) != 0) {
        int64_t n = 0;
        st = store_count(app->db, STORE_ORDERS, &n, err);
        if (!st && n > 0)
            st = at_err_set(err, AT_CONFLICT,
                            "%s holds data in %s; its reporting currency cannot change to %s", path,
                            old, currency);
        if (st)
            goto out;
    }
    char fs[8];
    snprintf(fs, sizeof fs, "%d", fiscal);
    st = db_begin(app->db, err);
    if (!st)
        st = db_meta_set(app->db, "currency", currency, err);
    if (!st)
        st = db_meta_set(app->db, "fiscal_start_month", fs, err);
    if (!st)
        st = db_meta_set(app->db, "time_zone", zone, err);
    if (!st)
        st = db_commit(app->db, err);
    else
        db_rollback(app->db);
    if (!st)
        st = load_settings(app, err);
    if (!st && strcmp(holidays, "cn") == 0) {
        const struct embedded_file *f = embedded_find("holidays/cn.csv");
        struct import_options io = {
            .kind = IMPORT_HOLIDAYS, .data = f->data, .size = f->size, .path = "holidays/cn.csv"};
        struct import_report rep;
        import_report_init(&rep);
        st = app_import(app, &io, &rep, err);
        import_report_free(&rep);
    }
out:
    if (st) {
        app_close(app);
        *out = NULL;
        return st;
    }
    *out = app;
    return AT_OK;
}

struct holiday_ctx {
    struct cal_holidays *h;
    size_t cap;
};

static enum at_status add_holiday(const char *date, bool workday, void *ctx, struct at_err *err)
{
    struct holiday_ctx *hc = ctx;
    int32_t d;
    if (!cal_parse_iso(date, &d))
        return at_err_set(err, AT_DB, "holiday calendar holds a bad date \"%s\"", date);
    if (hc->h->n_days == hc->cap) {
        hc->cap = hc->cap ? hc->cap * 2 : 64;
        hc->h->days = xrealloc(hc->h->days, hc->cap * sizeof *hc->h->days);
    }
    hc->h->days[hc->h->n_days++] =
        (struct cal_special_day){.date = d, .kind = workday ? CAL_WORKDAY : CAL_HOLIDAY};
    return AT_OK;
}

enum at_status app_holidays(struct app *app, struct cal_holidays *h, struct at_err *err)
{
    h->days = NULL;
    h->n_days = 0;
    if (!app->holidays_loaded) {
        struct holiday_ctx hc = {&app->holidays, 0};
        enum at_status st = store_scan_holidays(app->db, add_holiday, &hc, err);
        if (st) {
            free(app->holidays.days);
            app->holidays.days = NULL;
            app->holidays.n_days = 0;
            return st;
        }
        cal_holidays_sort(&app->holidays);
        app->holidays_loaded = true;
    }
    size_t n = app->holidays.n_days;
    h->days = xmalloc((n ? n : 1) * sizeof *h->days);
    if (n)
        memcpy(h->days, app->holidays.days, n * sizeof *h->days);
    h->n_days = n;
    return AT_OK;
}

void app_engine_context(const struct app *app, char *out, size_t size)
{
    snprintf(out, size, "schema=%d;currency=%s;fiscal_start=%d", db_schema_version(app->db),
             app->currency, app->fiscal_start_month);
}

static void note(struct app *app, const char *line)
{
    if (app->note)
        app->note(line, app->note_ctx);
}

/*
 * The engine: mapped from the snapshot beside the database (PATH.engine) when
 * it was built from the current data, else built from the store and saved
 * there for the next process. A snapshot that cannot be written (a read-only
 * folder) only costs the next process a rebuild.
 */
enum at_status app_engine(struct app *app, struct engine **out, struct at_err *err)
{
    if (app->owner) {
        /* the shared engine: one snapshot for the whole request (until
         * app_engine_release), the current one or, while it builds, the last */
        if (!app->lease) {
            char key[STORE_DATA_KEY_LEN];
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            enum at_status st = store_data_key(app->db, key, sizeof key, err);
            if (!st)
                st = engine_owner_acquire_db(app->owner, app->db, key, &app->lease, err);
            if (st)
                return st;
            if (strcmp(engine_data_key(app->lease), key) != 0)
                app->lease_stale = true;
            clock_gettime(CLOCK_MONOTONIC, &t1);
            app->engine_load_ms =
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        }
        /* engine queries never write through it (engine.h): const is kept by use */
        *out = (struct engine *)app->lease;
        return AT_OK;
    }
    if (!app->engine) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        char key[STORE_DATA_KEY_LEN], context[ENGINE_CONTEXT_MAX];
        enum at_status st = store_data_key(app->db, key, sizeof key, err);
        if (st)
            return st;
        app_engine_context(app, context, sizeof context);
        char path[4096];
        snprintf(path, sizeof path, "%s.engine", db_path(app->db));
        /* No, a stale or a damaged snapshot: build from the store (which is
         * the truth; the snapshot is only a cache). A snapshot that cannot
         * be written costs the next process a rebuild, not this answer. */
        struct at_err why = {AT_OK, ""};
        struct engine_file_rules rules;
        engine_file_rules_of(db_path(app->db), &rules);
        if (db_read_only(app->db)) /* nothing written on a read path, not even PATH.engine.ok */
            rules.record &= ~(unsigned)ENGINE_RECORD_WRITE;
        struct engine *snap = NULL;
        enum at_status lst = engine_load(path, &rules, NULL, context, &snap, &why);
        if (lst == AT_UNSUPPORTED) /* not a file we trust: say why, answer all the same */
            note(app, why.msg);
        if (lst == AT_OK) {
            /* the snapshot of older data plus the changes since: an overlay,
             * no rebuild (else AT_UNSUPPORTED: built below) */
            struct at_err cu = {AT_OK, ""};
            lst = engine_catch_up(app->db, snap, &app->engine, &cu);
            engine_free(snap);
        }
        if (lst != AT_OK) {
            st = engine_build(app->db, &app->engine, err);
            if (st)
                return st;
            struct at_err save = {AT_OK, ""};
            enum at_status sst = AT_OK;
            if (*engine_data_key(app->engine) && !db_read_only(app->db))
                sst = engine_save(app->engine, path, &rules, context, &save);
            /* a FIFO or a folder at PATH was noted above already */
            if (sst && !(sst == AT_UNSUPPORTED && lst == AT_UNSUPPORTED))
                note(app, save.msg);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        app->engine_load_ms =
            (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    }
    *out = app->engine;
    return AT_OK;
}

void app_engine_share(struct app *app, struct engine_owner *owner)
{
    app_engine_release(app);
    app->owner = owner;
}

bool app_engine_was_stale(const struct app *app)
{
    return app->lease_stale;
}

void app_engine_refresh(struct app *app)
{
    if (app->owner)
        engine_owner_refresh(app->owner, app->db);
}

void app_engine_release(struct app *app)
{
    if (app->owner && app->lease)
        engine_owner_release(app->owner, app->lease);
    app->lease = NULL;
    app->lease_stale = false;
}

enum at_status app_engine_rebuild(struct app *app, struct at_err *err)
{
    engine_free(app->engine);
    app->engine = NULL;
    struct engine *e;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum at_status st = engine_build(app->db, &e, err);
    if (st)
        return st;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    app->engine_load_ms =
        (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    char path[4096];
    snprintf(path, sizeof path, "%s.engine", db_path(app->db));
    char context[ENGINE_CONTEXT_MAX];
    app_engine_context(app, context, sizeof context);
    struct engine_file_rules rules;
    engine_file_rules_of(db_path(app->db), &rules);
    app->engine = e;
    if (db_read_only(app->db))
        return at_err_set(err, AT_UNSUPPORTED,
                          "%s is open read-only: the engine was built but its snapshot %s is not "
                          "written",
                          db_path(app->db), path);
    return engine_save(e, path, &rules, context, err);
}
