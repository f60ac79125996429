/*
 * test_engine.c — the metric engine over small stores written through the
 * store API: each case builds an org and its rows, then asks questions whose
 * answers are worked out by hand in the table (money in minor units, shown
 * with 2 decimals).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/calendar.h"
#include "domain/period.h"
#include "domain/value.h"
#include "engine/engine.h"
#include "engine/engine_internal.h"
#include "store/db.h"

static char path[256];

/* ---- building a store --------------------------------------------------- */

#define NUL    ((struct store_val){.type = SV_NULL})
#define INT(v) ((struct store_val){.type = SV_INT, .i = (v)})
#define TXT(v) ((struct store_val){.type = (v) ? SV_TEXT : SV_NULL, .s = (v)})

static int64_t put(struct db *db, enum store_table t, const char *ext, struct store_val *v)
{
    int64_t id;
    enum store_upsert_result r;
    struct at_err err;
    if (store_upsert(db, t, ext, v, "test", 1, &id, &r, &err) != AT_OK)
        fail_msg("store_upsert %s: %s", ext, err.msg);
    return id;
}

static int64_t unit(struct db *db, const char *ext, const char *name, const char *upath,
                    int64_t parent)
{
    struct store_val v[COL_UNITS_COUNT];
    for (int i = 0; i < COL_UNITS_COUNT; i++)
        v[i] = NUL;
    v[COL_UNITS_name] = TXT(name);
    v[COL_UNITS_path] = TXT(upath);
    v[COL_UNITS_parent_id] = parent ? INT(parent) : NUL;
    return put(db, STORE_UNITS, ext, v);
}

static int64_t person(struct db *db, const char *ext, const char *name, const char *emp,
                      const char *email, int64_t unit_id, int64_t manager)
{
    struct store_val v[COL_PEOPLE_COUNT];
    for (int i = 0; i < COL_PEOPLE_COUNT; i++)
        v[i] = NUL;
    v[COL_PEOPLE_name] = TXT(name);
    v[COL_PEOPLE_employee_no] = TXT(emp);
    v[COL_PEOPLE_email] = TXT(email);
    v[COL_PEOPLE_unit_id] = unit_id ? INT(unit_id) : NUL;
    v[COL_PEOPLE_manager_id] = manager ? INT(manager) : NUL;
    v[COL_PEOPLE_active] = INT(1);
    v[COL_PEOPLE_weight_milli] = INT(1000);
    return put(db, STORE_PEOPLE, ext, v);
}

static void set_manager(struct db *db, const char *ext, const char *name, int64_t unit_id,
                        int64_t manager)
{
    person(db, ext, name, NULL, NULL, unit_id, manager);
}

static int64_t customer(struct db *db, const char *ext, const char *segment, const char *tags)
{
    struct store_val v[COL_CUSTOMERS_COUNT];
    for (int i = 0; i < COL_CUSTOMERS_COUNT; i++)
        v[i] = NUL;
    v[COL_CUSTOMERS_name] = TXT(ext);
    v[COL_CUSTOMERS_segment] = TXT(segment);
    v[COL_CUSTOMERS_tags] = TXT(tags);
    return put(db, STORE_CUSTOMERS, ext, v);
}

/* An order of one line of AMOUNT minor units. */
static void order(struct db *db, const char *ext, const char *date, int64_t cust, int64_t owner,
                  int64_t unit_id, int64_t amount)
{
    struct store_val v[COL_ORDERS_COUNT];
    for (int i = 0; i < COL_ORDERS_COUNT; i++)
        v[i] = NUL;
    v[COL_ORDERS_date] = TXT(date);
    v[COL_ORDERS_customer_id] = cust ? INT(cust) : NUL;
    v[COL_ORDERS_owner_id] = owner ? INT(owner) : NUL;
    v[COL_ORDERS_unit_id] = unit_id ? INT(unit_id) : NUL;
    v[COL_ORDERS_currency] = TXT("CNY");
    int64_t id = put(db, STORE_ORDERS, ext, v);
    struct store_val l[COL_ORDER_LINES_COUNT];
    for (int i = 0; i < COL_ORDER_LINES_COUNT; i++)
        l[i] = NUL;
    l[COL_ORDER_LINES_order_id] = INT(id);
    l[COL_ORDER_LINES_line] = TXT("1");
    l[COL_ORDER_LINES_amount] = INT(amount);
    l[COL_ORDER_LINES_amount_rc] = INT(amount);
    char lext[64];
    snprintf(lext, sizeof lext, "%s/1", ext);
    put(db, STORE_ORDER_LINES, lext, l);
}

/* A deal; PROB < 0: no probability. */
static void deal(struct db *db, const char *ext, int64_t owner, const char *status, int prob,
                 const char *created, const char *expected, const char *closed, int64_t amount)
{
    struct store_val v[COL_DEALS_COUNT];
    for (int i = 0; i < COL_DEALS_COUNT; i++)
        v[i] = NUL;
    v[COL_DEALS_name] = TXT(ext);
    v[COL_DEALS_owner_id] = INT(owner);
    v[COL_DEALS_amount] = INT(amount);
    v[COL_DEALS_amount_rc] = INT(amount);
    v[COL_DEALS_currency] = TXT("CNY");
    v[COL_DEALS_status] = TXT(status);
    v[COL_DEALS_probability_bp] = prob < 0 ? NUL : INT(prob);
    v[COL_DEALS_created] = TXT(created);
    v[COL_DEALS_expected_close] = TXT(expected);
    v[COL_DEALS_closed] = TXT(closed);
    put(db, STORE_DEALS, ext, v);
}

static void market(struct db *db, const char *ext, int64_t unit_id, const char *period,
                   int64_t amount)
{
    struct store_val v[COL_MARKETS_COUNT];
    for (int i = 0; i < COL_MARKETS_COUNT; i++)
        v[i] = NUL;
    v[COL_MARKETS_unit_id] = INT(unit_id);
    v[COL_MARKETS_period] = TXT(period);
    v[COL_MARKETS_start_date] = TXT("2026-01-01"); /* every market here is of 2026 */
    v[COL_MARKETS_end_date] = TXT("2026-12-31");
    v[COL_MARKETS_amount] = INT(amount);
    v[COL_MARKETS_amount_rc] = INT(amount);
    v[COL_MARKETS_currency] = TXT("CNY");
    put(db, STORE_MARKETS, ext, v);
}

/* ---- the orgs ----------------------------------------------------------- */

/* No unit, no person, no row at all. */
static void org_empty(struct db *db)
{
    (void)db;
}

/* 销售中心 (赵总) > 东区 (张三, 李四), 西区 (王五); 赵总 manages 张三 and
 * 王五, 张三 manages 李四. Customer C1 buys from 李四 (team 张三) and from
 * 王五 (team 王五); C2 from 张三; C3 from 王五 and 李四 after the summer.
 * Only 东区 has a market size. */
static void org_shared(struct db *db)
{
    int64_t root = unit(db, "ROOT", "销售中心", "销售中心", 0);
    int64_t east = unit(db, "E", "东区", "销售中心/东区", root);
    int64_t west = unit(db, "W", "西区", "销售中心/西区", root);
    int64_t boss = person(db, "P0", "赵总", "E100", NULL, root, 0);
    int64_t a = person(db, "P1", "张三", "E101", NULL, east, boss);
    int64_t b = person(db, "P2", "李四", "E102", NULL, east, a);
    int64_t c = person(db, "P3", "王五", "E103", NULL, west, boss);
    int64_t c1 = customer(db, "C1", "A", "vip;key");
    int64_t c2 = customer(db, "C2", "B", "vip");
    int64_t c3 = customer(db, "C3", "A", "key");
    order(db, "1001", "2026-01-10", c1, b, 0, 10000);  /* 100.00 */
    order(db, "1002", "2026-02-10", c1, c, 0, 20000);  /* 200.00 */
    order(db, "1003", "2026-03-10", c2, a, 0, 40000);  /* 400.00 */
    order(db, "1004", "2026-07-10", c3, c, 0, 80000);  /* 800.00 */
    order(db, "1005", "2026-08-10", c3, b, 0, 160000); /* 1600.00 */
    market(db, "M1", east, "2026", 1000000);           /* 10000.00 */
    /* a won deal without a probability stated: the import stores 100 % */
    deal(db, "D1", a, "won", 10000, "2026-01-05", "2026-05-01", "2026-05-01", 50000);
    /* an open deal at 50 % */
    deal(db, "D2", a, "open", 5000, "2026-01-05", "2026-05-20", NULL, 10000);
}

/* org_shared with a market size for 西区 too. */
static void org_sized(struct db *db)
{
    org_shared(db);
    market(db, "M2", 3, "2026", 3000000); /* 西区 (units.id 3): 30000.00 */
}

/* A manages B in one import, B manages A in another. */
static void org_cycle(struct db *db)
{
    int64_t u = unit(db, "U", "东区", "东区", 0);
    int64_t a = person(db, "A", "甲", NULL, NULL, u, 0);
    int64_t b = person(db, "B", "乙", NULL, NULL, u, a);
    set_manager(db, "A", "甲", u, b);
    int64_t c1 = customer(db, "C1", NULL, NULL);
    order(db, "1", "2026-01-10", c1, a, 0, 100);
}

/* Two 张伟 (one with employee number E102, one without), both order on the
 * same day from a new customer: order "10" (imported first, by the first
 * 张伟) and order "9" (by 李娜): 9 < 10, so 李娜 has the new customer. */
static void org_names(struct db *db)
{
    int64_t u = unit(db, "U", "东区", "东区", 0);
    person(db, "P1", "张伟", "E102", "zw1@example.com", u, 0);
    int64_t z2 = person(db, "P2", "张伟", NULL, "zw2@example.com", u, 0);
    int64_t l = person(db, "P3", "李娜", "E103", NULL, u, 0);
    int64_t c1 = customer(db, "C1", NULL, NULL);
    order(db, "10", "2026-03-05", c1, z2, 0, 1000);
    order(db, "9", "2026-03-05", c1, l, 0, 3000);
}

/* 10 trillion IDR in minor units: × 10^4 does not fit an int64. */
static void org_huge(struct db *db)
{
    int64_t u = unit(db, "U", "东区", "东区", 0);
    int64_t a = person(db, "A", "甲", NULL, NULL, u, 0);
    order(db, "1", "2026-01-10", 0, a, 0, 1000000000000000LL);
}

/* The largest amount that sums exactly: one order of it builds. */
static void org_edge(struct db *db)
{
    int64_t u = unit(db, "U", "东区", "东区", 0);
    int64_t a = person(db, "A", "甲", NULL, NULL, u, 0);
    order(db, "1", "2026-01-10", 0, a, 0, money_max_summable());
}

/* ---- the cases ---------------------------------------------------------- */

struct query {
    const char *metric, *scope, *period, *as_of;
    const char *where[3];
    const char *want; /* canonical value ("" undefined) */
};

struct ecase {
    const char *name;
    void (*build)(struct db *db);
    enum at_status build_status; /* what engine_build answers */
    const char *build_msg;       /* a part of its message when it fails */
    struct query q[16];
};

static const struct ecase cases[] = {
    {"empty org",
     org_empty,
     AT_OK,
     NULL,
     {{"revenue", "company", "2026", "2026-12-31", {0}, "0.00"},
      {"active_customers", "company", "2026", "2026-12-31", {0}, "0"},
      {"retention_rate", "company", "2026", "2026-12-31", {0}, ""},
      {"market_share", "company", "2026", "2026-12-31", {0}, ""},
      {"weighted_pipeline", "company", "2026", "2026-06-30", {0}, "0.00"}}},
    {"one customer shared by two teams",
     org_shared,
     AT_OK,
     NULL,
     {/* C1 (李四 in team 张三, 王五) and C2 (张三) through March */
      {"active_customers", "company", "2026-Q1", "2026-12-31", {0}, "2"},
      {"active_customers", "team:赵总", "2026-Q1", "2026-12-31", {0}, "2"},
      {"active_customers", "team:张三", "2026-Q1", "2026-12-31", {0}, "2"},
      {"active_customers", "team:王五", "2026-Q1", "2026-12-31", {0}, "1"},
      {"active_customers", "unit:销售中心", "2026-Q1", "2026-12-31", {0}, "2"}}},
    {"reversed and not-begun ranges",
     org_shared,
     AT_OK,
     NULL,
     {/* as of 03-31 nothing of Q3 is known: 0, never 0 - (orders before) */
      {"revenue", "company", "2026-Q3", "2026-03-31", {0}, "0.00"},
      {"revenue", "unit:销售中心", "2026-Q3", "2026-03-31", {0}, "0.00"},
      {"revenue", "unit:东区", "2026-07", "2026-03-31", {0}, "0.00"},
      {"revenue", "person:李四", "2026-Q3", "2026-03-31", {0}, "0.00"},
      {"orders", "company", "2026-H2", "2026-03-31", {0}, "0"},
      {"new_customers", "company", "2026-Q3", "2026-03-31", {0}, "0"},
      {"active_customers", "company", "2026-Q3", "2026-03-31", {0}, "0"},
      {"retention_rate", "company", "2026-H2", "2026-03-31", {0}, ""},
      {"revenue", "company", "2026-Q3", "2026-06-30", {"tag=key", NULL}, "0.00"},
      /* as of 02-15: 100 + 200 of the year so far */
      {"revenue", "company", "2026", "2026-02-15", {0}, "300.00"},
      /* market share of 东区 as of 06-30: (100 + 400) / 10000; the whole
       * year would be 2100 / 10000 */
      {"market_share", "unit:东区", "2026", "2026-06-30", {0}, "0.0500"},
      {"market_share", "unit:东区", "2026", "2026-12-31", {0}, "0.2100"},
      {"market_share", "unit:东区", "2026", "2025-12-31", {0}, ""}}},
    {"weighted pipeline before the win",
     org_shared,
     AT_OK,
     NULL,
     {/* D1 (won 05-01, 100 % as the import stores it) is open on 03-31 but
       * its outcome is not known: 0; D2 at 50 % of 100.00 */
      {"weighted_pipeline", "company", "2026-Q2", "2026-03-31", {0}, "50.00"},
      {"pipeline", "company", "2026-Q2", "2026-03-31", {0}, "600.00"},
      {"weighted_pipeline", "company", "2026-Q2", "2026-05-10", {0}, "50.00"}}},
    {"repeated where",
     org_shared,
     AT_OK,
     NULL,
     {/* both tags: C1 only (100 + 200); tag key alone: C1 + C3 */
      {"revenue", "company", "2026", "2026-12-31", {"tag=vip", "tag=key"}, "300.00"},
      {"revenue", "company", "2026", "2026-12-31", {"tag=key"}, "2700.00"},
      {"revenue", "company", "2026", "2026-12-31", {"segment=A", "segment=B"}, "0.00"},
      {"revenue", "company", "2026", "2026-12-31", {"segment=A", "segment=A"}, "2700.00"},
      {"active_customers", "company", "2026", "2026-12-31", {"tag=key", "tag=vip"}, "1"}}},
    {"company market share",
     org_shared,
     AT_OK,
     NULL,
     {/* 西区 sells (200 + 800) without a market size: empty, not 3100 / 10000 */
      {"market_share", "company", "2026", "2026-12-31", {0}, ""},
      {"market_share", "unit:销售中心", "2026", "2026-12-31", {0}, ""}}},
    {"company market share with every region sized",
     org_sized,
     AT_OK,
     NULL,
     {/* 3100 (every order) / (10000 + 30000) = 0.0775, through the root unit */
      {"market_share", "company", "2026", "2026-12-31", {0}, "0.0775"},
      {"market_share", "unit:销售中心", "2026", "2026-12-31", {0}, "0.0775"},
      {"market_share", "unit:西区", "2026", "2026-12-31", {0}, "0.0333"}}},
    {"manager cycle", org_cycle, AT_INVALID, "cycle", {{0}}},
    {"money overflow", org_huge, AT_INVALID, "too large", {{0}}},
    {"the largest amount that sums exactly",
     org_edge,
     AT_OK,
     NULL,
     {{"revenue", "company", "2026", "2026-12-31", {0}, "9223372036854.77"}}},
    {"shared names and first-order ties",
     org_names,
     AT_OK,
     NULL,
     {/* order 9 is the first order (9 < 10), not the one imported first */
      {"new_customers", "person:李娜", "2026", "2026-12-31", {0}, "1"},
      {"new_customers", "person:张伟#2", "2026", "2026-12-31", {0}, "0"},
      {"revenue", "person:E102", "2026", "2026-12-31", {0}, "0.00"},
      {"revenue", "person:张伟#E102", "2026", "2026-12-31", {0}, "0.00"},
      {"revenue", "person:zw2@example.com", "2026", "2026-12-31", {0}, "10.00"},
      {"revenue", "person:#2", "2026", "2026-12-31", {0}, "10.00"}}},
};

static const struct ecase *find_case(const char *name)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        if (strcmp(cases[k].name, name) == 0)
            return &cases[k];
    fail_msg("no case %s", name);
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/attain-test-engine-%d.db", (int)getpid());
    return 0;
}

static void remove_db(void)
{
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static struct db *fresh_store(const struct ecase *c)
{
    remove_db();
    struct db *db = NULL;
    struct at_err err;
    if (db_open(path, true, &db, &err) != AT_OK)
        fail_msg("db_open: %s", err.msg);
    assert_int_equal(db_begin(db, &err), AT_OK);
    c->build(db);
    assert_int_equal(db_commit(db, &err), AT_OK);
    return db;
}

static void run_query(struct engine *e, const struct ecase *c, const struct query *q)
{
    struct at_err err;
    struct scope s;
    struct period p;
    struct metric_filter f;
    enum metric_id m;
    int32_t as_of;
    assert_true(cal_parse_iso(q->as_of, &as_of));
    assert_int_equal(metric_parse(q->metric, &m, &err), AT_OK);
    if (engine_scope_parse(e, q->scope, &s, &err) != AT_OK)
        fail_msg("%s: %s", c->name, err.msg);
    assert_int_equal(period_parse(q->period, as_of, 1, &p, &err), AT_OK);
    engine_filter_init(&f);
    for (int i = 0; i < 3 && q->where[i]; i++)
        assert_int_equal(engine_filter_add(e, &f, q->where[i], &err), AT_OK);
    struct metric_value v;
    if (engine_metric(e, m, &s, &p, &f, as_of, &v, &err) != AT_OK)
        fail_msg("%s: %s: %s", c->name, q->metric, err.msg);
    char text[64];
    metric_value_format(metric_def(m)->unit, &v, 2, text, sizeof text);
    if (strcmp(text, q->want) != 0)
        fail_msg("%s: %s %s %s as of %s%s%s%s%s: got \"%s\", want \"%s\"", c->name, q->metric,
                 q->scope, q->period, q->as_of, q->where[0] ? " where " : "",
                 q->where[0] ? q->where[0] : "", q->where[1] ? " and " : "",
                 q->where[1] ? q->where[1] : "", text, q->want);
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct ecase *c = &cases[k];
        struct db *db = fresh_store(c);
        struct engine *e = NULL;
        struct at_err err = {0};
        enum at_status st = engine_build(db, &e, &err);
        if (st != c->build_status)
            fail_msg("%s: engine_build gave %d (%s), want %d", c->name, (int)st, err.msg,
                     (int)c->build_status);
        if (st) {
            assert_null(e);
            if (c->build_msg && !strstr(err.msg, c->build_msg))
                fail_msg("%s: \"%s\" does not say \"%s\"", c->name, err.msg, c->build_msg);
        }
        for (size_t i = 0; !st && i < 16 && c->q[i].metric; i++)
            run_query(e, c, &c->q[i]);
        engine_free(e);
        db_close(db);
    }
    remove_db();
}

/* Reversed ranges below the metric: customer stats, active sets, explain,
 * distinct counts by team all answer "nothing". */
static enum at_status count_row(const struct engine_row *row, void *ctx, struct at_err *err)
{
    (void)row;
    (void)err;
    (*(int *)ctx)++;
    return AT_OK;
}

static void test_reversed_primitives(void **state)
{
    (void)state;
    struct db *db = fresh_store(find_case("one customer shared by two teams"));
    struct engine *e;
    struct at_err err;
    assert_int_equal(engine_build(db, &e, &err), AT_OK);
    struct scope company = {SCOPE_COMPANY, -1}, unit_root;
    assert_int_equal(engine_scope_parse(e, "unit:销售中心", &unit_root, &err), AT_OK);
    struct metric_filter f;
    engine_filter_init(&f);
    int32_t jul, mar;
    assert_true(cal_parse_iso("2026-07-01", &jul));
    assert_true(cal_parse_iso("2026-03-31", &mar));
    struct customer_stat *cs;
    size_t n = 99;
    assert_int_equal(engine_customer_stats(e, &unit_root, jul, mar, &f, &cs, &n, &err), AT_OK);
    assert_int_equal(n, 0);
    free(cs);
    bool act[8] = {0};
    engine_active_set(e, &company, jul, mar, &f, act);
    for (size_t i = 0; i < engine_customer_count(e); i++)
        assert_false(act[i]);
    /* explain of Q3 as of 03-31: no row */
    struct period q3;
    assert_int_equal(period_parse("2026-Q3", mar, 1, &q3, &err), AT_OK);
    int rows = 0;
    assert_int_equal(
        engine_explain(e, METRIC_REVENUE, &unit_root, &q3, &f, mar, count_row, &rows, &err), AT_OK);
    assert_int_equal(rows, 0);
    /* distinct customers of teams over a reversed range */
    struct scope teams[2];
    assert_int_equal(engine_scope_parse(e, "team:赵总", &teams[0], &err), AT_OK);
    assert_int_equal(engine_scope_parse(e, "team:张三", &teams[1], &err), AT_OK);
    int64_t a[2] = {9, 9}, kept[2], before[2];
    assert_int_equal(
        engine_teams_distinct(e, teams, 2, jul, mar, jul - 181, jul - 1, &f, a, kept, before, &err),
        AT_OK);
    assert_int_equal(a[0], 0);
    assert_int_equal(a[1], 0);
    assert_int_equal(kept[0], 0);
    engine_free(e);
    db_close(db);
    remove_db();
}

/* Labels: unique when names are shared, read back; scopes by store id. */
static void test_labels(void **state)
{
    (void)state;
    struct db *db = fresh_store(find_case("shared names and first-order ties"));
    struct engine *e;
    struct at_err err;
    assert_int_equal(engine_build(db, &e, &err), AT_OK);
    struct scope company = {SCOPE_COMPANY, -1}, *people;
    size_t n;
    assert_int_equal(engine_scope_children(e, &company, BY_PERSON, &people, &n, &err), AT_OK);
    assert_int_equal(n, 3);
    static const char *const want[] = {"person:张伟#2", "person:张伟#E102", "person:李娜"};
    for (size_t i = 0; i < n; i++) {
        char text[300];
        engine_scope_format(e, &people[i], text, sizeof text);
        assert_string_equal(text, want[i]);
        struct scope back;
        assert_int_equal(engine_scope_parse(e, text, &back, &err), AT_OK);
        assert_int_equal(back.idx, people[i].idx);
        /* by store id and back */
        int64_t id = engine_scope_store_id(e, &people[i]);
        assert_true(id > 0);
        assert_int_equal(engine_scope_from_id(e, SCOPE_PERSON, id, &back, &err), AT_OK);
        assert_int_equal(back.idx, people[i].idx);
    }
    free(people);
    struct scope s;
    assert_int_equal(engine_scope_parse(e, "person:张伟", &s, &err), AT_AMBIGUOUS);
    assert_non_null(strstr(err.msg, "张伟#E102"));
    assert_int_equal(engine_scope_parse(e, "team:张伟#E102", &s, &err), AT_OK);
    assert_int_equal(s.kind, SCOPE_TEAM);
    assert_int_equal(engine_scope_from_id(e, SCOPE_PERSON, 999, &s, &err), AT_NOT_FOUND);
    assert_int_equal(engine_scope_from_id(e, SCOPE_UNIT, 1, &s, &err), AT_OK);
    assert_int_equal(engine_scope_store_id(e, &s), 1);
    assert_int_equal(engine_scope_store_id(e, &company), 0);
    engine_free(e);
    db_close(db);
    remove_db();
}

/* Snapshots: keyed by the data key and the context; a file altered anywhere
 * after it was written is refused (AT_INVALID), checksums or not; a loaded
 * snapshot answers as the build did. */
static unsigned char *read_all(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*len);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void write_all(const char *p, const unsigned char *b, size_t len)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
}

static void test_snapshot(void **state)
{
    (void)state;
    struct db *db = fresh_store(find_case("one customer shared by two teams"));
    struct engine *e, *l;
    struct at_err err;
    assert_int_equal(engine_build(db, &e, &err), AT_OK);
    char key[STORE_DATA_KEY_LEN];
    assert_int_equal(store_data_key(db, key, sizeof key, &err), AT_OK);
    assert_string_equal(engine_data_key(e), key);
    char snap[300], bad[300];
    snprintf(snap, sizeof snap, "%s.engine", path);
    snprintf(bad, sizeof bad, "%s.bad", path);
    assert_int_equal(engine_save(e, snap, NULL, "currency=CNY", &err), AT_OK);
    assert_int_equal(engine_load(snap, NULL, key, "currency=CNY", &l, &err), AT_OK);
    assert_true(engine_same(e, l));
    engine_free(l);
    /* another key or context: stale */
    static const struct {
        const char *key, *context;
        enum at_status want;
    } keys[] = {
        {"x/1/0", "currency=CNY", AT_CONFLICT},
        {NULL, "currency=USD", AT_CONFLICT},
        {NULL, "", AT_CONFLICT},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        l = (struct engine *)1;
        assert_int_equal(
            engine_load(snap, NULL, keys[i].key ? keys[i].key : key, keys[i].context, &l, &err),
            keys[i].want);
        assert_null(l);
    }
    size_t len;
    unsigned char *orig = read_all(snap, &len);
    /* one byte changed anywhere (300 places, and the last): the checksums say
     * so, or the byte is padding that holds no figure */
    int refused = 0, tried = 0;
    size_t step = len / 300 + 1;
    for (size_t at = 0; at < len; at = at + step < len || at == len - 1 ? at + step : len - 1) {
        orig[at] ^= 0x5a;
        write_all(bad, orig, len);
        orig[at] ^= 0x5a;
        l = NULL;
        enum at_status st = engine_load(bad, NULL, key, "currency=CNY", &l, &err);
        tried++;
        if (st == AT_INVALID || st == AT_CONFLICT) {
            refused++;
        } else if (st == AT_OK && engine_same(e, l)) {
            refused++; /* padding between sections: never read */
            engine_free(l);
        } else {
            fail_msg("byte %zu changed: engine_load gave %d", at, (int)st);
        }
        if (at == len - 1)
            break;
    }
    assert_int_equal(refused, tried);
    /* cut short, or longer */
    write_all(bad, orig, len - 1);
    assert_int_equal(engine_load(bad, NULL, key, "currency=CNY", &l, &err), AT_INVALID);
    /* damage behind resealed checksums (what a writer's bug would make):
     * indexes, offsets and days are checked; nothing is read out of bounds
     * (ASan) and nothing loops */
    refused = 0;
    /* every 4th byte of the header, 600 places in the sections */
    for (size_t at = 0; at < len; at += at < 4096 ? 4 : len / 600 + 1) {
        unsigned char *b = malloc(len);
        memcpy(b, orig, len);
        b[at] ^= 0xff;
        engine_snapshot_reseal(b, len);
        write_all(bad, b, len);
        free(b);
        l = NULL;
        enum at_status st = engine_load(bad, NULL, key, "currency=CNY", &l, &err);
        if (st == AT_OK) {
            struct scope company = {SCOPE_COMPANY, -1};
            struct metric_filter f;
            engine_filter_init(&f);
            struct period y;
            assert_int_equal(period_parse("2026", cal_from_ymd(2026, 12, 31), 1, &y, &err), AT_OK);
            for (int m = 0; m < METRIC_COUNT; m++) {
                struct metric_value v;
                engine_metric(l, (enum metric_id)m, &company, &y, &f, cal_from_ymd(2026, 12, 31),
                              &v, &err);
            }
            engine_free(l);
        } else {
            assert_null(l);
            refused++;
        }
    }
    assert_true(refused > 0);
    free(orig);
    unlink(snap);
    unlink(bad);
    engine_free(e);
    db_close(db);
    remove_db();
}

/* The layout of format 4: ids read through eng_base_id / eng_base_ref
 * whether kept or run without a gap; a source without events keeps no sums
 * and its monthly sums read as zeros; the same after a save and a load. */
static void check_layout(const struct engine *e)
{
    for (int s = 0; s <= SRC_SURVEYS; s++) {
        size_t n;
        int k;
        const int64_t *ids = eng_base_ids(e, s, &n, &k);
        assert_int_equal(k, s);
        for (size_t ref = 0; ref < n; ref++) {
            int64_t id = eng_base_id(e, s, ref);
            if (ids)
                assert_true(ids[ref] == id);
            assert_true(ref == 0 || eng_base_id(e, s, ref - 1) < id);
            assert_true(eng_base_ref(e, s, n, id) == (int64_t)ref);
        }
        assert_true(eng_base_ref(e, s, n, n ? eng_base_id(e, s, n - 1) + 1 : 1) == -1);
    }
    for (int s = 0; s <= SRC_NEW; s++) {
        const struct series *se = &e->src[s];
        for (int m = 0; m < se->n_meas; m++) {
            assert_true(se->n ? se->month_cum[m] != NULL : se->month_cum[m] == NULL);
            assert_true(se->n && e->n_days ? se->dense[m] != NULL : se->dense[m] == NULL);
            for (size_t h = 0; h < e->n_holders; h++) {
                const int64_t *mr = eng_month_row(e, se, m, h);
                struct run r = eng_run(se, (int32_t)h);
                for (int32_t k = 0; k <= e->n_months; k++)
                    assert_true(mr[k] == r.cum[m][eng_lower_day(&r, 0, r.n, e->month_start[k])] -
                                             r.cum[m][0]);
            }
        }
    }
}

static void test_layout(void **state)
{
    (void)state;
    /* a gap-free and a kept id array side by side */
    int64_t kept[3] = {10, 11, 15};
    struct engine x;
    memset(&x, 0, sizeof x);
    x.order_ids = kept;
    x.n_orders = 3;
    x.ids_from[SRC_PAYMENTS] = 10;
    x.n_payments = 3;
    assert_true(eng_base_ref(&x, SRC_LINES, 3, 15) == 2);
    assert_true(eng_base_ref(&x, SRC_NEW, 3, 12) == -1);
    assert_true(eng_base_id(&x, SRC_LINES, 2) == 15);
    assert_true(eng_base_ref(&x, SRC_PAYMENTS, 3, 12) == 2);
    assert_true(eng_base_ref(&x, SRC_PAYMENTS, 3, 13) == -1);
    assert_true(eng_base_ref(&x, SRC_PAYMENTS, 3, 9) == -1);
    assert_true(eng_base_ref(&x, SRC_PAYMENTS, 3, INT64_MIN) == -1);
    assert_true(eng_base_id(&x, SRC_PAYMENTS, 1) == 11);
    struct db *db = fresh_store(find_case("one customer shared by two teams"));
    struct engine *e, *l;
    struct at_err err;
    assert_int_equal(engine_build(db, &e, &err), AT_OK);
    check_layout(e);
    char key[STORE_DATA_KEY_LEN], snap[300];
    assert_int_equal(store_data_key(db, key, sizeof key, &err), AT_OK);
    snprintf(snap, sizeof snap, "%s.engine", path);
    assert_int_equal(engine_save(e, snap, NULL, "", &err), AT_OK);
    assert_int_equal(engine_load(snap, NULL, key, "", &l, &err), AT_OK);
    check_layout(l);
    assert_true(engine_same(e, l));
    engine_free(l);
    unlink(snap);
    engine_free(e);
    db_close(db);
    remove_db();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),  cmocka_unit_test(test_reversed_primitives),
        cmocka_unit_test(test_labels), cmocka_unit_test(test_snapshot),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
