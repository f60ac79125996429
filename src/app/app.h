/*
 * app.h — the application context shared by every use case. A struct app is
 * one command's or one request's view: a connection to the store with the
 * database's settings (reporting currency, fiscal year start, time zone) plus
 * the request context (struct app_req: clock, as-of date, language, actor).
 * Front ends (cli/, http/) open one, fill app->req, call app_* use cases, and
 * close it; the HTTP front end fills app->req per request. Nothing below the
 * front ends reads the wall clock or the environment: what a use case needs
 * of either comes in app->req or in its options.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/calendar.h"
#include "domain/tz.h"
#include "domain/value.h"

struct db;
struct engine;
struct engine_owner;
struct org;

/* The request context, filled by the front end after app_open/app_init. */
struct app_req {
    int32_t today;    /* the front end's clock: the day number "today" means */
    int32_t as_of;    /* the day the request is answered as of; 0 = today */
    const char *lang; /* "en" or "zh" (not owned; NULL = "en") */
    char actor[64];   /* who makes the changes recorded in goal history ("cli"
                         until sign-in exists) */
    bool actor_set;   /* the front end named the actor (--as, $ATTAIN_AS) */
    int64_t now;      /* the front end's wall clock in unix seconds: when outbox
                         messages were written and are due (retry backoff) */
};

/* The day a request is answered for: req.as_of, else req.today. */
static inline int32_t app_day(const struct app_req *req)
{
    return req->as_of ? req->as_of : req->today;
}

struct app {
    struct db *db;
    struct engine *engine;        /* built on first use (app_engine), when not shared */
    struct engine_owner *owner;   /* the shared engine (app_engine_share), or NULL */
    const struct engine *lease;   /* the owner's snapshot this request holds */
    bool lease_stale;             /* it was built from older data (a newer one is building):
                                     the answers of this request are not to be kept */
    struct cal_holidays holidays; /* read from the store on first use (app_holidays) */
    bool holidays_loaded;
    struct org *org;        /* the org directory, read on first use (app_org, app/org.h) */
    int64_t org_generation; /* the store generation it was read at */
    int64_t org_seq;        /* the change log's newest seq before it was read */
    char org_identity[40];  /* the store identity it was read from */
    double engine_load_ms;
    char currency[CURRENCY_LEN]; /* reporting currency, "CNY" */
    int fiscal_start_month;      /* 1..12 */
    struct app_req req;          /* the request context (front end) */
    bool has_tz;                 /* the database has a time zone (meta time_zone) */
    struct tz tz;                /* its rules: timestamps with an offset are cut to a day in it */
    /* One-line notes for the user about something worked around (a snapshot
     * file that was not used): the front end shows them (the CLI on stderr);
     * NULL drops them. */
    void (*note)(const char *line, void *ctx);
    void *note_ctx;
};

/* Open the database at PATH (must exist: see app_init). Caller owns *OUT.
 * A database the running user may not write (the file or its folder) is
 * opened read-only by itself (store/db.h): questions are answered with the
 * engine kept in memory (or mapped from a snapshot already beside it), and
 * every write is refused naming the file. app_open_read_only forces that. */
enum at_status app_open(const char *path, struct app **out, struct at_err *err);
enum at_status app_open_read_only(const char *path, struct app **out, struct at_err *err);
void app_close(struct app *app);

struct init_options {
    const char *currency;   /* reporting currency; NULL = CNY */
    int fiscal_start_month; /* 0 = 1 (January) */
    const char *holidays;   /* built-in holiday calendar: "cn" or "none"; NULL = "cn" when
                               the currency is CNY, else none */
    const char *tz;         /* time zone ("Asia/Shanghai"); NULL = keep the database's, else
                               MACHINE_TZ */
    const char *machine_tz; /* the machine's zone, from the front end; NULL = UTC */
};

/* Create (or open and check) the database at PATH with these settings. An
 * existing database keeps its data; changing the currency or the time zone of
 * a database that holds dated rows is refused; an unknown zone is an error.
 * Caller owns *OUT. */
enum at_status app_init(const char *path, const struct init_options *opt, struct app **out,
                        struct at_err *err);

/*
 * Waiting for another writer (store/db.h db_set_wait): a write waits up to
 * SECONDS for the write lock; FN (may be NULL) is called once when the wait
 * is noticeable, with the holder's label ("import orders x.csv (pid 42)", ""
 * when unknown). The front end reads the limit (the CLI: ATTAIN_LOCK_WAIT).
 */
typedef void (*app_wait_fn)(const char *holder, void *ctx);
void app_set_wait(struct app *app, int seconds, app_wait_fn fn, void *ctx);

/*
 * `attain backup FILE`: the whole database, one consistent state while others
 * read and write, into FILE (checked with integrity_check before it takes the
 * name); an existing FILE is AT_CONFLICT unless FORCE.
 */
enum at_status app_backup(struct app *app, const char *file, bool force, struct at_err *err);

/* FILE is an attain database this build can restore (store_check_file). */
enum at_status app_restore_check(const char *file, struct at_err *err);

/*
 * `attain restore FILE`: replace APP's database with FILE (checked first) in
 * one write transaction, then give the store a new identity (so no snapshot
 * made before is ever used for it), remove PATH.engine and read the settings
 * again. Killed, it leaves the old data or the new, never a mix.
 */
enum at_status app_restore(struct app *app, const char *file, struct at_err *err);

/* The metric engine of APP's database, built on first use. */
enum at_status app_engine(struct app *app, struct engine **out, struct at_err *err);

/* Answer from OWNER's shared snapshots (app/engine_owner.h) instead of an
 * engine of APP's own: a server's worker, one struct app per connection.
 * OWNER outlives APP. */
void app_engine_share(struct app *app, struct engine_owner *owner);
/* The end of a request: give back the shared snapshot APP holds, so that the
 * next app_engine gets the newest (no-op without an owner). */
void app_engine_release(struct app *app);
/* After a data write on a shared engine (a server): bring the shared
 * snapshot up to date now (an overlay, else a build in the background:
 * engine_owner_refresh, which never waits), so the next answer does not pay
 * for it. Without an owner (the CLI) nothing. */
void app_engine_refresh(struct app *app);
/* Did this request answer from a snapshot older than the data (while the
 * shared engine rebuilds)? Such answers are right for then, not to be kept. */
bool app_engine_was_stale(const struct app *app);

/* The day the instant NOW (unix seconds) falls on in the database's time zone;
 * LOCAL_TODAY (the front end's cal_today) when the database has none. A
 * front end that serves many requests (http) calls it per request. */
int32_t app_today_at(const struct app *app, int64_t now, int32_t local_today);

/* A number that changes whenever another connection committed a change to
 * the database (imports, goals, check-ins, settings): the events stream
 * polls it. Only comparisons mean something. */
enum at_status app_change_counter(struct app *app, int64_t *out, struct at_err *err);

/* A long-lived APP (a server's worker thread) after another connection
 * changed the database (app_change_counter moved): read the settings again
 * (currency, fiscal year start, time zone) and forget the holiday calendar,
 * so the next request sees what `attain config set` or an import changed. */
enum at_status app_refresh(struct app *app, struct at_err *err);

/* The settings an engine snapshot depends on beyond the data (the store's
 * schema version, reporting currency, fiscal year start), as the snapshot's
 * context text: "schema=5;currency=CNY;fiscal_start=1". */
void app_engine_context(const struct app *app, char *out, size_t size);

/* Build the engine from the store now and save its snapshot. */
enum at_status app_engine_rebuild(struct app *app, struct at_err *err);

/* The stored holiday calendar (read once per APP; an import of holidays
 * reads it again). Caller owns h->days (free). */
enum at_status app_holidays(struct app *app, struct cal_holidays *h, struct at_err *err);
