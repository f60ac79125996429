/*
 * engine_owner.h — one engine shared by many threads (a server's workers):
 * the owner holds reference-counted snapshots of the engine of one database.
 *
 * engine_owner_acquire hands out the current snapshot with a reference; when
 * the store's data key has moved past it, a new snapshot is built in a
 * background thread (with its own connection; mapped from PATH.engine when
 * that file holds the new key, else built from the store and saved there)
 * and swapped in atomically. A request never waits for a build it does not
 * need: while the new one builds, it gets the old one — it waits only when
 * there is none at all. One build runs at a time (single flight): every
 * worker that sees the same new key joins the build already running.
 * Snapshots are read-only (engine.h): any number of threads ask one at once.
 */
#pragma once
#include <stddef.h>

#include "base/err.h"

struct engine;
struct engine_owner;

/* An owner for the database at DB_PATH whose snapshots carry CONTEXT
 * (app_engine_context). Caller frees with engine_owner_free. */
enum at_status engine_owner_new(const char *db_path, const char *context, struct engine_owner **out,
                                struct at_err *err);
/* Waits for a build in flight, then frees the snapshots no one holds; every
 * reference must have been released. */
void engine_owner_free(struct engine_owner *o);

/* The current snapshot, with a reference (engine_owner_release). DATA_KEY is
 * the store's data key as the caller sees it now (store_data_key): when the
 * current snapshot was built from another, a build of the new data starts
 * (unless one runs) and the current snapshot answers meanwhile. */
enum at_status engine_owner_acquire(struct engine_owner *o, const char *data_key,
                                    const struct engine **out, struct at_err *err);
void engine_owner_release(struct engine_owner *o, const struct engine *e);
/* The same, brought up to date without a rebuild when it can be: when the
 * current snapshot is behind DATA_KEY, an overlay of its base with the
 * changes since (engine_catch_up, on the caller's connection DB) becomes the
 * current snapshot; when that cannot be (org or customer changes, too many
 * rows), a background build starts as engine_owner_acquire does. Once an
 * overlay holds ENGINE_FOLD_AT changed rows, a background build folds them
 * into a new base. */
#define ENGINE_FOLD_AT 2000
struct db;
enum at_status engine_owner_acquire_db(struct engine_owner *o, struct db *db, const char *data_key,
                                       const struct engine **out, struct at_err *err);
/* After a data write on DB: the current snapshot, when there is one, brought
 * up to date as engine_owner_acquire_db would (an overlay now, else a build
 * in the background); never waits for a build. */
void engine_owner_refresh(struct engine_owner *o, struct db *db);
/* Overlays made so far (for tests). */
long engine_owner_overlays(struct engine_owner *o);

/* E (or its base) brought to the store's data as DB sees it now: *OUT is E
 * itself (with a reference) when current, else an overlay of E's base with
 * the changes logged since the base's data (engine_overlay). AT_UNSUPPORTED
 * when the base is of other data or settings, its token is not in the log
 * (older than the log, pruned, another store's), or the changes cannot be an
 * overlay: the caller builds afresh. */
enum at_status engine_catch_up(struct db *db, struct engine *e, struct engine **out,
                               struct at_err *err);

/* Snapshots made so far, loaded or built (for tests: two workers never build
 * the same data twice; a build that finds the current snapshot already
 * holds the store's data makes none). */
long engine_owner_builds(struct engine_owner *o);
