/*
 * small_company.h — the small company the app and view unit tests share
 * (see test_app.c for the figures worked out by hand): a temporary database
 * made by app_init with units, people, customers and orders imported
 * through app_import. Include after <cmocka.h>, app/app.h and app/import.h.
 */
#ifndef ATTAIN_TEST_SMALL_COMPANY_H
#define ATTAIN_TEST_SMALL_COMPANY_H

static const char units_csv[] = "path\n华东/上海\n华东/杭州\n华南\n";
static const char people_csv[] = "name,unit,manager\n丁一,华东,\n万二,华东/上海,丁一\n"
                                 "严三,华东/上海,万二\n乔五,华东/杭州,万二\n任六,华南,丁一\n";
static const char customers_csv[] = "id,name,segment,region\nC1,晨光科技,大客户,华东\n"
                                    "C2,远航贸易,中小企业,华东\nC3,南方电子,大客户,华南\n";
static const char orders_csv[] = "id,date,customer,owner,unit,product,amount\n"
                                 "O001,2021-01-05,C1,严三,,A,1000\n"
                                 "O001,2021-01-05,C1,严三,,B,500\n"
                                 "O002,2021-01-20,C2,乔五,,B,300.00\n"
                                 "O003,2021-02-10,C3,,华南,A,2000\n"
                                 "O004,2021-02-15,C1,严三:60%;乔五:40%,,A,1234.50\n"
                                 "O005,2021-03-18,C3,任六,,A,900\n"
                                 "O006,2021-04-02,C2,乔五,,A,100\n";

struct fixture {
    char dir[64];
    char db[96];
    struct app *app;
};

static inline enum at_status import_text(struct app *app, enum import_kind kind, const char *csv,
                                         struct import_report *rep, struct at_err *err)
{
    struct import_options o = {.kind = kind, .data = csv, .size = strlen(csv), .path = "t.csv"};
    import_report_init(rep);
    return app_import(app, &o, rep, err);
}

static inline void import_ok(struct app *app, enum import_kind kind, const char *csv)
{
    struct import_report rep;
    struct at_err err = {AT_OK, ""};
    enum at_status st = import_text(app, kind, csv, &rep, &err);
    if (st)
        fail_msg("import: %s\n%s", err.msg, rep.errors.data ? rep.errors.data : "");
    import_report_free(&rep);
}

/* The company's units, people, customers and orders into APP's database. */
static inline void small_company_fill(struct app *app)
{
    import_ok(app, IMPORT_UNITS, units_csv);
    import_ok(app, IMPORT_PEOPLE, people_csv);
    import_ok(app, IMPORT_CUSTOMERS, customers_csv);
    import_ok(app, IMPORT_ORDERS, orders_csv);
}

/* A fresh small company in /tmp/attain-test-NAME-XXXXXX. */
static inline int small_company_setup(void **state, const char *name)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/attain-test-%s-XXXXXX", name);
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
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

static inline int teardown(void **state)
{
    struct fixture *f = *state;
    app_close(f->app);
    const char *const tails[] = {"", ".engine", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        snprintf(p, sizeof p, "%s%s", f->db, tails[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

#endif
