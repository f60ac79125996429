/* demo.c — generate the demo company into a temporary folder and import it. */
#include "app/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/demo_data.h"
#include "base/str.h"

enum at_status app_demo(const char *path, int32_t as_of, uint64_t seed, struct demo_result *res,
                        struct at_err *err)
{
    memset(res, 0, sizeof *res);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/attain-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return at_err_set(err, AT_IO, "cannot create a temporary folder in %s",
                          tmp && *tmp ? tmp : "/tmp");
    static const struct {
        enum import_kind kind;
        const char *file;
    } files[] = {
        {IMPORT_PEOPLE, "people.csv"},         {IMPORT_CUSTOMERS, "customers.csv"},
        {IMPORT_DEALS, "deals.csv"},           {IMPORT_ORDERS, "orders.csv"},
        {IMPORT_PAYMENTS, "payments.csv"},     {IMPORT_ACTIVITIES, "activities.csv"},
        {IMPORT_SURVEYS, "surveys.csv"},       {IMPORT_MARKETS, "markets.csv"},
    };
    const size_t n_files = sizeof files / sizeof files[0];
    struct app *app = NULL;
    struct demo_options opt = {.as_of = as_of, .seed = seed, .n_reps = 0};
    struct demo_counts counts;
    struct init_options io = {.currency = "CNY", .holidays = "cn"};
    enum at_status st = demo_data_write(dir, &opt, &counts, err);
    if (!st)
        st = app_init(path, &io, &app, err);
    for (size_t i = 0; !st && i < n_files; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s", dir, files[i].file);
        struct import_options o = {.kind = files[i].kind, .path = file};
        struct import_report rep;
        import_report_init(&rep);
        st = app_import(app, &o, &rep, err);
        if (st && rep.errors.len)
            at_err_prefix(err, "demo data refused (a bug): %.400s\n", buf_str(&rep.errors));
        res->rows[files[i].kind] = rep.rows;
        import_report_free(&rep);
    }
    for (size_t i = 0; i < n_files; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s", dir, files[i].file);
        unlink(file);
    }
    rmdir(dir);
    app_close(app);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return st;
}
