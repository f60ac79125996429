/*
 * engine_owner.c — reference-counted engine snapshots shared by threads, one
 * background build at a time (see engine_owner.h).
 */
#include "app/engine_owner.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/str.h"
#include "engine/engine.h"
#include "store/db.h"

/* A snapshot and who holds it: the owner (while current) and every request. */
struct snap {
    struct engine *e;
    long refs;
    char key[STORE_DATA_KEY_LEN];
    struct snap *next; /* every snapshot still held */
};

struct engine_owner {
    pthread_mutex_t mu;
    pthread_cond_t built; /* a build finished */
    struct snap *cur;     /* the newest snapshot, or NULL */
    struct snap *all;     /* every snapshot not yet freed */
    bool building;
    bool joinable; /* a finished build thread not joined yet */
    pthread_t thread;
    long builds;            /* snapshots made (loaded or built) */
    long overlays;          /* overlays made current */
    bool fold;              /* the next build folds an overlay (builds though the key is current) */
    enum at_status last_st; /* of the last build */
    struct at_err last_err;
    char path[4096];
    char context[ENGINE_CONTEXT_MAX];
};

enum at_status engine_owner_new(const char *db_path, const char *context, struct engine_owner **out,
                                struct at_err *err)
{
    struct engine_owner *o = xcalloc(1, sizeof *o);
    if (snprintf(o->path, sizeof o->path, "%s", db_path) >= (int)sizeof o->path) {
        free(o);
        return at_err_set(err, AT_INVALID, "database path too long");
    }
    snprintf(o->context, sizeof o->context, "%s", context ? context : "");
    pthread_mutex_init(&o->mu, NULL);
    pthread_cond_init(&o->built, NULL);
    *out = o;
    return AT_OK;
}

static void snap_drop(struct engine_owner *o, struct snap *s)
{
    /* under o->mu */
    if (--s->refs > 0)
        return;
    for (struct snap **p = &o->all; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    engine_free(s->e);
    free(s);
}

/* The build thread: its own connection; the snapshot file when it holds the
 * current data, else a build from the store saved for the next process. */
static void *build_main(void *arg)
{
    struct engine_owner *o = arg;
    struct at_err err = {AT_OK, ""};
    struct db *db = NULL;
    struct engine *e = NULL;
    char key[STORE_DATA_KEY_LEN] = "";
    char file[4200];
    snprintf(file, sizeof file, "%s.engine", o->path);
    enum at_status st = db_open(o->path, false, &db, &err);
    if (!st)
        st = store_data_key(db, key, sizeof key, &err);
    bool have = false, fold = false;
    if (!st) {
        /* a request that read the key before the last swap asked for data the
         * current snapshot already holds: nothing to build */
        pthread_mutex_lock(&o->mu);
        fold = o->fold;
        have = o->cur && strcmp(o->cur->key, key) == 0 &&
               !(o->fold && engine_base(o->cur->e) != o->cur->e);
        o->fold = false;
        if (!have)
            o->builds++;
        pthread_mutex_unlock(&o->mu);
    }
    if (!st && !have) {
        struct at_err why = {AT_OK, ""};
        struct engine_file_rules rules;
        engine_file_rules_of(db_path(db), &rules);
        if (db_read_only(db))
            rules.record &= ~(unsigned)ENGINE_RECORD_WRITE;
        if (engine_load(file, &rules, key, o->context, &e, &why) != AT_OK) {
            /* the snapshot of older data plus the changes since, as a CLI
             * process answers (a server started after an import does not
             * rebuild); not when folding, which is what the build is for */
            struct engine *snap = NULL;
            e = NULL;
            if (!fold && engine_load(file, &rules, NULL, o->context, &snap, &why) == AT_OK) {
                if (engine_catch_up(db, snap, &e, &why) != AT_OK)
                    e = NULL;
                engine_free(snap);
            }
        }
        if (!e) {
            st = engine_build(db, &e, &err);
            if (!st && *engine_data_key(e) &&
                !db_read_only(db)) /* a cache: failure costs a rebuild */
                engine_save(e, file, &rules, o->context, &why);
        }
    }
    if (db)
        db_close(db);
    pthread_mutex_lock(&o->mu);
    o->last_st = st;
    o->last_err = err;
    if (!st && !have) {
        struct snap *s = xcalloc(1, sizeof *s);
        s->e = e;
        s->refs = 1; /* the owner's */
        snprintf(s->key, sizeof s->key, "%s", engine_data_key(e));
        s->next = o->all;
        o->all = s;
        struct snap *old = o->cur;
        o->cur = s; /* swapped in: the next acquire gets it */
        if (old)
            snap_drop(o, old);
    }
    o->building = false;
    pthread_cond_broadcast(&o->built);
    pthread_mutex_unlock(&o->mu);
    return NULL;
}

/* Start a build unless one runs (under o->mu). */
static enum at_status start_build(struct engine_owner *o, struct at_err *err)
{
    if (o->building)
        return AT_OK;
    if (o->joinable) {
        /* the last build has ended (building is false): joining is immediate */
        pthread_join(o->thread, NULL);
        o->joinable = false;
    }
    o->building = true;
    if (pthread_create(&o->thread, NULL, build_main, o) != 0) {
        o->building = false;
        return at_err_set(err, AT_INTERNAL, "cannot start the engine build thread");
    }
    o->joinable = true;
    return AT_OK;
}

enum at_status engine_owner_acquire(struct engine_owner *o, const char *data_key,
                                    const struct engine **out, struct at_err *err)
{
    *out = NULL;
    enum at_status st = AT_OK;
    pthread_mutex_lock(&o->mu);
    for (int round = 0; round < 3 && !st; round++) {
        if (o->cur && strcmp(o->cur->key, data_key) == 0)
            break; /* current */
        /* stale or none: build it in the background (once), answer from the
         * old one meanwhile */
        st = start_build(o, err);
        if (st || o->cur)
            break;
        /* nothing to answer from: wait for the build */
        while (o->building)
            pthread_cond_wait(&o->built, &o->mu);
        if (!o->cur) {
            st = o->last_st ? o->last_st : AT_INTERNAL;
            if (err)
                *err = o->last_err;
        }
    }
    if (!st && o->cur) {
        o->cur->refs++;
        *out = o->cur->e;
    } else if (!st) {
        st = at_err_set(err, AT_INTERNAL, "no engine could be built");
    }
    pthread_mutex_unlock(&o->mu);
    return st;
}

void engine_owner_release(struct engine_owner *o, const struct engine *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&o->mu);
    for (struct snap *s = o->all; s; s = s->next)
        if (s->e == e) {
            snap_drop(o, s);
            break;
        }
    pthread_mutex_unlock(&o->mu);
}

/* The parts of a data key "IDENTITY/GENERATION/TOKEN/SETTINGS": is B the
 * same store and settings as A, and A's token into TOKEN? */
static bool same_lineage(const char *a, const char *b, char *token, size_t size)
{
    char ia[64], ta[64], sa[64], ib[64], tb[64], sb[64];
    long long ga, gb;
    if (sscanf(a, "%63[^/]/%lld/%63[^/]/%63s", ia, &ga, ta, sa) != 4 ||
        sscanf(b, "%63[^/]/%lld/%63[^/]/%63s", ib, &gb, tb, sb) != 4)
        return false;
    snprintf(token, size, "%s", ta);
    return strcmp(ia, ib) == 0 && strcmp(sa, sb) == 0 && strcmp(ia, "none") != 0;
}

enum at_status engine_catch_up(struct db *db, struct engine *e, struct engine **out,
                               struct at_err *err)
{
    *out = NULL;
    enum at_status st = db_read_begin(db, err);
    if (st)
        return st;
    char key[STORE_DATA_KEY_LEN], token[64];
    int64_t seq = 0;
    struct engine *b = engine_base(e);
    st = store_data_key(db, key, sizeof key, err);
    if (!st && strcmp(key, engine_data_key(e)) == 0) {
        *out = engine_retain(e);
    } else if (!st) {
        if (!same_lineage(engine_data_key(b), key, token, sizeof token))
            st = at_err_set(err, AT_UNSUPPORTED, "the engine holds other data");
        if (!st && (st = store_token_seq(db, token, &seq, err)) == AT_NOT_FOUND)
            st = at_err_set(err, AT_UNSUPPORTED, "the engine's data is older than the change log");
        if (!st)
            st = engine_overlay(b, db, seq, key, out, err);
    }
    db_read_end(db);
    return st;
}

/* When the current snapshot is behind DATA_KEY: an overlay of its base with
 * the changes since (on the caller's connection DB) becomes current; the key
 * it holds into KEY (else DATA_KEY). */
static void overlay_current(struct engine_owner *o, struct db *db, const char *data_key, char *key,
                            size_t size)
{
    pthread_mutex_lock(&o->mu);
    struct engine *base = NULL;
    if (o->cur && strcmp(o->cur->key, data_key) != 0)
        base = engine_retain(engine_base(o->cur->e));
    pthread_mutex_unlock(&o->mu);
    snprintf(key, size, "%s", data_key);
    if (!base)
        return;
    struct engine *ov = NULL;
    struct at_err why = {AT_OK, ""};
    enum at_status st = engine_catch_up(db, base, &ov, &why);
    engine_free(base);
    if (st)
        return;
    snprintf(key, size, "%s", engine_data_key(ov));
    pthread_mutex_lock(&o->mu);
    if (o->cur && strcmp(o->cur->key, key) != 0) {
        struct snap *s = xcalloc(1, sizeof *s);
        s->e = ov;
        s->refs = 1; /* the owner's */
        snprintf(s->key, sizeof s->key, "%s", key);
        s->next = o->all;
        o->all = s;
        struct snap *old = o->cur;
        o->cur = s;
        snap_drop(o, old);
        o->overlays++;
        ov = NULL;
        if (engine_delta_rows(s->e) >= ENGINE_FOLD_AT && !o->building) {
            o->fold = true;
            start_build(o, NULL); /* a failure leaves the overlay: it answers */
        }
    }
    pthread_mutex_unlock(&o->mu);
    engine_free(ov); /* another request made it current first */
}

enum at_status engine_owner_acquire_db(struct engine_owner *o, struct db *db, const char *data_key,
                                       const struct engine **out, struct at_err *err)
{
    char key[STORE_DATA_KEY_LEN];
    overlay_current(o, db, data_key, key, sizeof key);
    return engine_owner_acquire(o, key, out, err);
}

void engine_owner_refresh(struct engine_owner *o, struct db *db)
{
    char now[STORE_DATA_KEY_LEN], key[STORE_DATA_KEY_LEN];
    struct at_err err = {AT_OK, ""};
    if (store_data_key(db, now, sizeof now, &err) != AT_OK)
        return;
    overlay_current(o, db, now, key, sizeof key);
    pthread_mutex_lock(&o->mu);
    if (o->cur && strcmp(o->cur->key, key) != 0)
        start_build(o, NULL); /* no overlay: built in the background */
    pthread_mutex_unlock(&o->mu);
}

long engine_owner_overlays(struct engine_owner *o)
{
    pthread_mutex_lock(&o->mu);
    long n = o->overlays;
    pthread_mutex_unlock(&o->mu);
    return n;
}

long engine_owner_builds(struct engine_owner *o)
{
    pthread_mutex_lock(&o->mu);
    long n = o->builds;
    pthread_mutex_unlock(&o->mu);
    return n;
}

void engine_owner_free(struct engine_owner *o)
{
    if (!o)
        return;
    pthread_mutex_lock(&o->mu);
    bool join = o->joinable;
    o->joinable = false;
    pthread_mutex_unlock(&o->mu);
    if (join)
        pthread_join(o->thread, NULL);
    pthread_mutex_lock(&o->mu);
    if (o->cur) {
        struct snap *c = o->cur;
        o->cur = NULL;
        snap_drop(o, c);
    }
    while (o->all) { /* references never released: freed all the same */
        struct snap *s = o->all;
        o->all = s->next;
        engine_free(s->e);
        free(s);
    }
    pthread_mutex_unlock(&o->mu);
    pthread_mutex_destroy(&o->mu);
    pthread_cond_destroy(&o->built);
    free(o);
}
