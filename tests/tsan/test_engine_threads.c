/*
 * test_engine_threads.c — one engine shared by 8 threads while another
 * process imports (issue 7, "an engine a server can share"); built and run
 * under ThreadSanitizer by `make test` (build/tsan).
 *
 * A small company is imported and two goals added. A child process (forked
 * before any thread exists) then imports IMPORTS order files one after the
 * other into the same database. Meanwhile 8 threads, each with its own
 * struct app (its own connection) sharing one engine_owner, ask a mix of
 * metrics (app_metric) and goal status (app_goal_progress), one request at a
 * time (app_engine_release after each). Every answer is kept with the
 * generation of the data key of the snapshot it came from. Afterwards the
 * same imports are replayed into a fresh database, single-threaded with an
 * engine of its own, and at each generation the same questions are asked:
 * every threaded answer must equal the single-threaded one of its
 * generation. Also: the owner never built more snapshots than the data
 * moved (single flight), and every thread got answers.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/engine_owner.h"
#include "app/goals.h"
#include "app/import.h"
#include "app/metrics.h"
#include "domain/value_kind.h"
#include "app/progress.h"
#include "base/str.h"
#include "engine/engine.h"
#include "store/db.h"

#define THREADS 8
#define IMPORTS 6
#define MAX_ANS 4000

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
};

static char dir[64], db_main[128], db_ref[128];

static void die(const char *what, const struct at_err *err)
{
    fprintf(stderr, "test_engine_threads: %s: %s\n", what, err ? err->msg : "");
    exit(1);
}

static void import_text(struct app *app, enum import_kind kind, const char *csv)
{
    struct at_err err = {AT_OK, ""};
    struct import_options o = {.kind = kind, .data = csv, .size = strlen(csv), .path = "t.csv"};
    struct import_report rep;
    import_report_init(&rep);
    enum at_status st = app_import(app, &o, &rep, &err);
    import_report_free(&rep);
    if (st)
        die("app_import", &err);
}

/* Import K of the child: new orders for other customers and people. */
static void child_import(struct app *app, int k)
{
    static const char *const owners[] = {"严三", "乔五", "任六", "万二"};
    static const char *const customers[] = {"C1", "C2", "C3"};
    char csv[512];
    snprintf(csv, sizeof csv,
             "id,date,customer,owner,unit,product,amount\nN%02d,2021-02-%02d,%s,%s,,A,%d\n"
             "N%02d,2021-03-%02d,%s,%s,,B,%d.25\n",
             k, 1 + k, customers[k % 3], owners[k % 4], 100 * (k + 1), k + 50, 2 + k,
             customers[(k + 1) % 3], owners[(k + 2) % 4], 37 * (k + 2));
    import_text(app, IMPORT_ORDERS, csv);
}

static void setup_db(const char *path)
{
    struct at_err err = {AT_OK, ""};
    struct app *app;
    struct init_options io = {.currency = "CNY", .holidays = "none"};
    if (app_init(path, &io, &app, &err))
        die("app_init", &err);
    for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++)
        import_text(app, fixture[i].kind, fixture[i].csv);
    static const struct goal_fields goals[] = {
        {.metric = "revenue",
         .scope = "company",
         .period = "2021-Q1",
         .target = "6000",
         .as_of = "2021-03-31"},
        {.metric = "orders",
         .scope = "unit:华东",
         .period = "2021-Q1",
         .target = "8",
         .as_of = "2021-03-31"},
    };
    for (size_t i = 0; i < sizeof goals / sizeof goals[0]; i++) {
        struct goal g;
        struct goal_meta m;
        memset(&m, 0, sizeof m);
        if (app_goal_build(app, &goals[i], "en", &g, &m, &err) || app_goal_save(app, &g, &m, &err))
            die("goal", &err);
    }
    app_close(app);
}

/* The generation inside a data key "IDENTITY/GENERATION/TOKEN", or -1. */
static long key_generation(const char *key)
{
    const char *slash = strchr(key, '/');
    return slash ? strtol(slash + 1, NULL, 10) : -1;
}

static enum at_status add_progress(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct buf *b = ctx;
    char line[160];
    int n = snprintf(line, sizeof line, "goal %lld: %d %lld/%lld %d;", (long long)p->goal.id,
                     (int)p->actual.defined, (long long)p->actual.num, (long long)p->actual.den,
                     (int)p->pace.status);
    buf_append(b, line, (size_t)n);
    return AT_OK;
}

/* Question Q (of a fixed list) asked through APP: its answer as text, with
 * the generation of the snapshot that answered. */
#define QUESTIONS 7
static char *ask(struct app *app, int q, long *gen)
{
    static const struct {
        const char *metric, *scope, *by;
    } metrics[] = {
        {"revenue", NULL, "person"},         {"orders", "unit:华东", NULL},
        {"active_customers", NULL, "team"},  {"retention_rate", "team:丁一", NULL},
        {"weighted_pipeline", NULL, "unit"}, {"new_customers", NULL, "month"},
    };
    struct at_err err = {AT_OK, ""};
    struct engine *e;
    if (app_engine(app, &e, &err))
        die("app_engine", &err);
    *gen = *engine_data_key(e) ? key_generation(engine_data_key(e)) : -1;
    struct buf b;
    buf_init(&b, 1 << 20);
    if (q < (int)(sizeof metrics / sizeof metrics[0])) {
        struct metric_query mq = {.metric = metrics[q].metric,
                                  .period = "2021-Q1",
                                  .scope = metrics[q].scope,
                                  .by = metrics[q].by,
                                  .as_of = "2021-03-20"};
        struct metric_result r;
        if (app_metric(app, &mq, &r, &err))
            die("app_metric", &err);
        for (size_t i = 0; i < r.n_rows; i++) {
            buf_append(&b, r.rows[i].scope, strlen(r.rows[i].scope));
            buf_append(&b, "=", 1);
            char value[64];
            typed_value_format(&r.rows[i].value, 2, value, sizeof value);
            buf_append(&b, value, strlen(value));
            buf_append(&b, ";", 1);
        }
        metric_result_free(&r);
    } else {
        struct progress_options po = {.as_of = "2021-03-20"};
        if (app_goal_progress(app, &po, add_progress, &b, &err))
            die("app_goal_progress", &err);
    }
    app_engine_release(app); /* the end of the request */
    buf_append(&b, "", 1);
    return buf_take(&b);
}

struct answer {
    long gen;
    int q;
    char *text;
};

struct worker {
    struct engine_owner *owner;
    int id;
    volatile int *child_done;
    struct answer ans[MAX_ANS];
    int n;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct at_err err = {AT_OK, ""};
    struct app *app;
    if (app_open(db_main, &app, &err))
        die("app_open", &err);
    app_engine_share(app, w->owner);
    /* until the child has finished, then a few more rounds on the final data */
    int after = 0;
    for (int i = 0; w->n < MAX_ANS && after < 2 * QUESTIONS; i++) {
        if (__atomic_load_n(w->child_done, __ATOMIC_ACQUIRE))
            after++;
        int q = (i + w->id) % QUESTIONS;
        long gen;
        char *text = ask(app, q, &gen);
        w->ans[w->n++] = (struct answer){gen, q, text};
    }
    app_close(app);
    return NULL;
}

static void cleanup(void)
{
    const char *const files[] = {db_main, db_ref};
    const char *const tails[] = {"", ".engine", "-wal", "-shm", "-journal"};
    for (size_t f = 0; f < 2; f++)
        for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
            char p[200];
            snprintf(p, sizeof p, "%s%s", files[f], tails[t]);
            unlink(p);
        }
    rmdir(dir);
}

int main(void)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    snprintf(dir, sizeof dir, "/tmp/attain_tsan.XXXXXX");
    if (!mkdtemp(dir))
        die("mkdtemp", NULL);
    atexit(cleanup);
    snprintf(db_main, sizeof db_main, "%s/main.db", dir);
    snprintf(db_ref, sizeof db_ref, "%s/ref.db", dir);
    setup_db(db_main);

    /* the importer: another process, started before any thread exists */
    int go[2];
    if (pipe(go) != 0)
        die("pipe", NULL);
    pid_t child = fork();
    if (child < 0)
        die("fork", NULL);
    if (child == 0) {
        close(go[1]);
        char c;
        if (read(go[0], &c, 1) != 1)
            _exit(3);
        struct at_err err = {AT_OK, ""};
        struct app *app;
        if (app_open(db_main, &app, &err))
            _exit(4);
        for (int k = 0; k < IMPORTS; k++) {
            child_import(app, k);
            usleep(200 * 1000);
        }
        app_close(app);
        _exit(0);
    }
    close(go[0]);

    char context[ENGINE_CONTEXT_MAX];
    {
        struct at_err err = {AT_OK, ""};
        struct app *app;
        if (app_open(db_main, &app, &err))
            die("app_open", &err);
        app_engine_context(app, context, sizeof context);
        app_close(app);
    }
    struct engine_owner *owner;
    struct at_err err = {AT_OK, ""};
    if (engine_owner_new(db_main, context, &owner, &err))
        die("engine_owner_new", &err);
    volatile int child_done = 0;
    static struct worker workers[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){.owner = owner, .id = i, .child_done = &child_done};
        if (pthread_create(&th[i], NULL, work, &workers[i]) != 0)
            die("pthread_create", NULL);
    }
    if (write(go[1], "g", 1) != 1)
        die("write", NULL);
    close(go[1]);
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("the importing process failed", NULL);
    __atomic_store_n(&child_done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    long builds = engine_owner_builds(owner);
    engine_owner_free(owner);

    /* single-threaded reference: replay the same data, generation by generation */
    setup_db(db_ref);
    struct app *ref;
    if (app_open(db_ref, &ref, &err))
        die("app_open", &err);
    long checked = 0, gens_seen = 0, skipped = 0;
    for (int k = -1; k < IMPORTS; k++) {
        if (k >= 0) {
            child_import(ref, k);
            app_engine_release(ref);
            engine_free(ref->engine); /* a new engine for the new data */
            ref->engine = NULL;
        }
        char key[STORE_DATA_KEY_LEN];
        if (store_data_key(ref->db, key, sizeof key, &err))
            die("store_data_key", &err);
        long gen = key_generation(key);
        char *want[QUESTIONS];
        for (int q = 0; q < QUESTIONS; q++) {
            long g;
            want[q] = ask(ref, q, &g);
            if (g != gen)
                die("reference generation", NULL);
        }
        bool seen = false;
        for (int t = 0; t < THREADS; t++)
            for (int i = 0; i < workers[t].n; i++) {
                struct answer *a = &workers[t].ans[i];
                if (a->gen != gen)
                    continue;
                seen = true;
                checked++;
                if (strcmp(a->text, want[a->q]) != 0) {
                    fprintf(stderr,
                            "test_engine_threads: thread %d, generation %ld, question %d:\n"
                            "  threaded: %s\n  single:   %s\n",
                            t, gen, a->q, a->text, want[a->q]);
                    exit(1);
                }
            }
        gens_seen += seen;
        for (int q = 0; q < QUESTIONS; q++)
            free(want[q]);
    }
    app_close(ref);
    long total = 0;
    for (int t = 0; t < THREADS; t++) {
        if (workers[t].n == 0)
            die("a thread got no answer", NULL);
        for (int i = 0; i < workers[t].n; i++) {
            total++;
            if (workers[t].ans[i].gen < 0)
                skipped++;
            free(workers[t].ans[i].text);
        }
    }
    if (checked + skipped != total) {
        fprintf(stderr, "test_engine_threads: %ld answers of a generation never replayed\n",
                total - checked - skipped);
        return 1;
    }
    /* single flight: at most one snapshot per state of the data (the first
     * and one per import), however many workers asked */
    if (builds > IMPORTS + 1) {
        fprintf(stderr, "test_engine_threads: %ld builds for %d states of the data\n", builds,
                IMPORTS + 1);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("test_engine_threads: %ld answers from %d threads equal the single-threaded ones "
           "(%ld of data still moving skipped) over %ld generations, %ld builds, %.1f s\n",
           checked, THREADS, skipped, gens_seen, builds,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
