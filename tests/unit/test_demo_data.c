/*
 * test_demo_data.c — unit tests of the demo data generator (app/demo_data.c):
 * files and headers, row counts, determinism, dates within the window, the
 * Spring Festival dip, growth and Q4, and that every reference resolves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/demo_data.h"
#include "base/str.h"
#include "domain/calendar.h"

#define AS_OF_TEXT "2026-11-26"
#define START_TEXT "2024-01-01"

static const char *const FILES[] = {"people.csv",   "customers.csv",  "deals.csv",   "orders.csv",
                                    "payments.csv", "activities.csv", "surveys.csv", "markets.csv"};
#define N_FILES (sizeof FILES / sizeof FILES[0])

static const char *const HEADERS[N_FILES] = {
    "id,name,employee_no,unit,manager,email,title,weight,active",
    "id,name,segment,region,industry,tags,owner,created",
    ("id,name,customer,owner,product,amount,currency,stage,status,probability,created,"
     "expected_close,closed"),
    "id,line,date,customer,owner,product,quantity,amount,currency",
    "id,date,customer,owner,order,amount,currency",
    "id,type,date,owner,customer,note",
    "id,date,customer,owner,score,scale",
    "unit,period,amount,currency",
};

/* ------------------------------------------------------------ helpers */

/* A CSV file read whole: row 0 is the header; every row has n_cols cells. */
struct table {
    size_t n_rows, n_cols;
    char **cells; /* n_rows * n_cols, owned */
};

/* Read DIR/NAME; returns its bytes (caller frees) and the length in *LEN. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b;
    buf_init(&b, 0);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(buf_append(&b, chunk, n), AT_OK);
    fclose(f);
    *len = b.len;
    return buf_take(&b);
}

/* Split one CSV record at *P (RFC 4180 quotes; no newlines inside fields) into
 * cells appended to OUT; advances *P past the line. Returns the cell count. */
static size_t split_record(const char **p, struct buf *field, char ***cells, size_t *n, size_t *cap)
{
    size_t count = 0;
    const char *s = *p;
    for (;;) {
        buf_reset(field);
        if (*s == '"') {
            for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
                if (*s == '"')
                    s++;
                assert_int_equal(buf_putc(field, *s), AT_OK);
            }
            assert_true(*s == '"');
            s++;
        } else {
            while (*s && *s != ',' && *s != '\n')
                assert_int_equal(buf_putc(field, *s++), AT_OK);
        }
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 1024;
            *cells = xrealloc(*cells, *cap * sizeof **cells);
        }
        (*cells)[(*n)++] = xstrdup(buf_str(field));
        count++;
        if (*s == ',') {
            s++;
            continue;
        }
        assert_true(*s == '\n'); /* every record ends with a newline */
        *p = s + 1;
        return count;
    }
}

static struct table *table_load(const char *dir, const char *name)
{
    size_t len;
    char *text = slurp(dir, name, &len);
    struct table *t = xcalloc(1, sizeof *t);
    size_t n = 0, cap = 0;
    struct buf field;
    buf_init(&field, 0);
    for (const char *p = text; *p;) {
        size_t cols = split_record(&p, &field, &t->cells, &n, &cap);
        if (t->n_rows == 0)
            t->n_cols = cols;
        assert_int_equal(cols, t->n_cols);
        t->n_rows++;
    }
    buf_free(&field);
    free(text);
    return t;
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}

/* Column index of header NAME; fails the test when absent. */
static size_t col(const struct table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->cells[c], name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

static const char *cell(const struct table *t, size_t row, size_t c)
{
    return t->cells[row * t->n_cols + c];
}

/* A sorted set of ids for lookups. */
struct ids {
    const char **items;
    size_t n;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct values of column C of T (pointers into T). */
static struct ids ids_of(const struct table *t, size_t c)
{
    struct ids s = {xmalloc(t->n_rows * sizeof(char *)), 0};
    for (size_t r = 1; r < t->n_rows; r++)
        s.items[s.n++] = cell(t, r, c);
    qsort(s.items, s.n, sizeof *s.items, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < s.n; i++)
        if (k == 0 || strcmp(s.items[k - 1], s.items[i]) != 0)
            s.items[k++] = s.items[i];
    s.n = k;
    return s;
}

static bool ids_has(const struct ids *s, const char *id)
{
    return bsearch(&id, s->items, s->n, sizeof *s->items, cmp_str) != NULL;
}

/* Every person named in owner field V ("P0001" or "P0001:60%;P0002:40%") is in PEOPLE
 * and the shares add up to 100. */
static void check_owner(const struct ids *people, const char *v)
{
    if (!strchr(v, ':')) {
        assert_true(ids_has(people, v));
        return;
    }
    char copy[128];
    snprintf(copy, sizeof copy, "%s", v);
    int total = 0;
    for (char *part = copy; part;) {
        char *next = strchr(part, ';');
        if (next)
            *next++ = '\0';
        char *colon = strchr(part, ':');
        assert_non_null(colon);
        *colon = '\0';
        assert_true(ids_has(people, part));
        int64_t share;
        char *pct = strchr(colon + 1, '%');
        assert_non_null(pct);
        *pct = '\0';
        assert_true(str_to_i64(colon + 1, &share));
        total += (int)share;
        part = next;
    }
    assert_int_equal(total, 100);
}

/* Amount "123.45" in fen. */
static int64_t fen(const char *v)
{
    const char *dot = strchr(v, '.');
    assert_non_null(dot);
    assert_int_equal(strlen(dot), 3);
    char whole[32];
    snprintf(whole, sizeof whole, "%.*s", (int)(dot - v), v);
    int64_t y, f;
    assert_true(str_to_i64(whole, &y));
    assert_true(str_to_i64(dot + 1, &f));
    return y * 100 + f;
}

static int32_t date_of(const char *v)
{
    int32_t d;
    assert_true(cal_parse_iso(v, &d));
    return d;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Generate into a new temporary directory (caller removes it). */
static char *generate(uint64_t seed, int n_reps, struct demo_counts *counts)
{
    char *dir = xstrdup("/tmp/attain_demo_XXXXXX");
    assert_non_null(mkdtemp(dir));
    struct demo_options opt = {cal_from_ymd(2026, 11, 26), seed, n_reps};
    struct at_err err = {0};
    enum at_status st = demo_data_write(dir, &opt, counts, &err);
    if (st != AT_OK)
        fail_msg("demo_data_write: %s", err.msg);
    return dir;
}

/* The data set of as_of 2026-11-26, seed 1, 60 reps, made once for the tests. */
struct fixture {
    char *dir;
    struct demo_counts counts;
    struct table *t[N_FILES];
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    fx->dir = generate(1, 0, &fx->counts);
    for (size_t i = 0; i < N_FILES; i++)
        fx->t[i] = table_load(fx->dir, FILES[i]);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    for (size_t i = 0; i < N_FILES; i++)
        table_free(fx->t[i]);
    remove_dir(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

enum { PEOPLE, CUSTOMERS, DEALS, ORDERS, PAYMENTS, ACTIVITIES, SURVEYS, MARKETS };

/* -------------------------------------------------------------- tests */

static void test_headers_and_counts(void **state)
{
    struct fixture *fx = *state;
    for (size_t i = 0; i < N_FILES; i++) {
        size_t len;
        char *text = slurp(fx->dir, FILES[i], &len);
        size_t h = strlen(HEADERS[i]);
        if (strncmp(text, HEADERS[i], h) != 0 || text[h] != '\n')
            fail_msg("%s: header is not %s", FILES[i], HEADERS[i]);
        free(text);
    }
    const struct demo_counts *c = &fx->counts;
    assert_int_equal(fx->t[PEOPLE]->n_rows - 1, c->people);
    assert_int_equal(fx->t[CUSTOMERS]->n_rows - 1, c->customers);
    assert_int_equal(fx->t[DEALS]->n_rows - 1, c->deals);
    assert_int_equal(fx->t[ORDERS]->n_rows - 1, c->order_lines);
    assert_int_equal(fx->t[PAYMENTS]->n_rows - 1, c->payments);
    assert_int_equal(fx->t[ACTIVITIES]->n_rows - 1, c->activities);
    assert_int_equal(fx->t[SURVEYS]->n_rows - 1, c->surveys);
    assert_int_equal(fx->t[MARKETS]->n_rows - 1, c->markets);
    struct ids orders = ids_of(fx->t[ORDERS], 0);
    assert_int_equal(orders.n, c->orders);
    free(orders.items);

    assert_int_equal(c->units, 14);
    assert_in_range(c->customers, 1200, 1800);
    assert_in_range(c->deals, 4800, 7200);
    assert_in_range(c->orders, 9600, 14400);
    assert_in_range(c->order_lines, c->orders + 1, 4 * c->orders);
    assert_in_range(c->payments, c->orders * 8 / 10, c->orders * 3 / 2);
    assert_in_range(c->activities, 32000, 48000);
    assert_in_range(c->surveys, 1500, 2600);
    assert_int_equal(c->markets, 9);

    /* 60 reps, a few of whom left; one director, 3 region and 8 team managers */
    const struct table *p = fx->t[PEOPLE];
    size_t title = col(p, "title"), active = col(p, "active");
    int reps = 0, left = 0, directors = 0;
    for (size_t r = 1; r < p->n_rows; r++) {
        if (strcmp(cell(p, r, title), "销售代表") == 0) {
            reps++;
            left += strcmp(cell(p, r, active), "no") == 0;
        }
        directors += strcmp(cell(p, r, title), "销售总监") == 0;
    }
    assert_int_equal(reps, 60);
    assert_in_range(left, 1, 8);
    assert_int_equal(directors, 1);
    assert_int_equal(c->people, 60 + 1 + 3 + 8);

    /* both survey scales; deals in every status */
    const struct table *s = fx->t[SURVEYS];
    int scale10 = 0;
    for (size_t r = 1; r < s->n_rows; r++)
        scale10 += strcmp(cell(s, r, col(s, "scale")), "10") == 0;
    assert_in_range(scale10, 100, s->n_rows / 2);
    const struct table *d = fx->t[DEALS];
    int won = 0, lost = 0, open = 0;
    for (size_t r = 1; r < d->n_rows; r++) {
        const char *st = cell(d, r, col(d, "status"));
        won += strcmp(st, "won") == 0;
        lost += strcmp(st, "lost") == 0;
        open += strcmp(st, "open") == 0;
    }
    assert_true(open > 100);
    double rate = (double)won / (won + lost);
    assert_true(rate > 0.35 && rate < 0.45);
}

static void test_deterministic(void **state)
{
    struct fixture *fx = *state;
    struct demo_counts again, other;
    char *dir = generate(1, 0, &again);
    char *dir2 = generate(2, 0, &other);
    assert_memory_equal(&again, &fx->counts, sizeof again);
    for (size_t i = 0; i < N_FILES; i++) {
        size_t a_len, b_len, c_len;
        char *a = slurp(fx->dir, FILES[i], &a_len);
        char *b = slurp(dir, FILES[i], &b_len);
        char *c = slurp(dir2, FILES[i], &c_len);
        assert_int_equal(a_len, b_len);
        assert_memory_equal(a, b, a_len);
        if (i == ORDERS) /* another seed, other data */
            assert_true(a_len != c_len || memcmp(a, c, a_len) != 0);
        free(a);
        free(b);
        free(c);
    }
    remove_dir(dir);
    remove_dir(dir2);
    free(dir);
    free(dir2);
}

/* No date after as_of (but the expected close of open deals), none before the start. */
static void test_dates_in_window(void **state)
{
    struct fixture *fx = *state;
    static const struct {
        int table;
        const char *column;
    } dates[] = {{CUSTOMERS, "created"}, {DEALS, "created"},   {DEALS, "closed"}, {ORDERS, "date"},
                 {PAYMENTS, "date"},     {ACTIVITIES, "date"}, {SURVEYS, "date"}};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        const struct table *t = fx->t[dates[k].table];
        size_t c = col(t, dates[k].column);
        for (size_t r = 1; r < t->n_rows; r++) {
            const char *v = cell(t, r, c);
            if (!*v)
                continue;
            date_of(v);
            if (strcmp(v, START_TEXT) < 0 || strcmp(v, AS_OF_TEXT) > 0)
                fail_msg("%s:%zu:%s: %s outside the window", FILES[dates[k].table], r + 1,
                         dates[k].column, v);
        }
    }
    /* open deals have no closed date; closed ones after they were created */
    const struct table *d = fx->t[DEALS];
    for (size_t r = 1; r < d->n_rows; r++) {
        bool open = strcmp(cell(d, r, col(d, "status")), "open") == 0;
        assert_true(open == (*cell(d, r, col(d, "closed")) == '\0'));
        if (!open)
            assert_true(strcmp(cell(d, r, col(d, "closed")), cell(d, r, col(d, "created"))) > 0);
    }
    /* orders on weekends are rare */
    const struct table *o = fx->t[ORDERS];
    size_t weekend = 0;
    for (size_t r = 1; r < o->n_rows; r++)
        weekend += cal_weekday(date_of(cell(o, r, col(o, "date")))) >= 6;
    assert_true(weekend * 20 < o->n_rows);
}

/* Orders (distinct ids) in [FROM, TO]. */
static long orders_between(const struct table *o, int32_t from, int32_t to)
{
    long n = 0;
    size_t line = col(o, "line"), date = col(o, "date");
    for (size_t r = 1; r < o->n_rows; r++) {
        int32_t d = date_of(cell(o, r, date));
        n += strcmp(cell(o, r, line), "1") == 0 && d >= from && d <= to;
    }
    return n;
}

static void test_spring_festival_dip(void **state)
{
    struct fixture *fx = *state;
    int32_t festival = cal_from_ymd(2025, 1, 29);
    int32_t monday = festival - (cal_weekday(festival) - 1);
    long dip = orders_between(fx->t[ORDERS], monday, monday + 13);
    int32_t start = cal_from_ymd(2024, 1, 1), as_of = cal_from_ymd(2026, 11, 26);
    double fortnights = (double)(as_of - start + 1) / 14.0;
    double average = (double)fx->counts.orders / fortnights;
    if (dip >= 0.4 * average)
        fail_msg("festival fortnight %ld orders, average %.1f", dip, average);
}

/* Revenue by order date in [FROM, TO], fen. */
static int64_t revenue_between(const struct table *o, int32_t from, int32_t to)
{
    int64_t sum = 0;
    size_t date = col(o, "date"), amount = col(o, "amount");
    for (size_t r = 1; r < o->n_rows; r++) {
        int32_t d = date_of(cell(o, r, date));
        if (d >= from && d <= to)
            sum += fen(cell(o, r, amount));
    }
    return sum;
}

static void test_growth_and_q4(void **state)
{
    struct fixture *fx = *state;
    const struct table *o = fx->t[ORDERS];
    long y24 = orders_between(o, cal_from_ymd(2024, 1, 1), cal_from_ymd(2024, 12, 31));
    long y25 = orders_between(o, cal_from_ymd(2025, 1, 1), cal_from_ymd(2025, 12, 31));
    double growth = (double)y25 / (double)y24;
    if (growth < 1.05 || growth > 1.35)
        fail_msg("orders 2024 %ld, 2025 %ld", y24, y25);
    for (int y = 2024; y <= 2025; y++) {
        int64_t q[4];
        for (int k = 0; k < 4; k++)
            q[k] = revenue_between(o, cal_from_ymd(y, 3 * k + 1, 1),
                                   cal_add_months(cal_from_ymd(y, 3 * k + 1, 1), 3) - 1);
        assert_true(q[3] > q[0] && q[3] > q[1] && q[3] > q[2]);
    }
}

static void test_references_resolve(void **state)
{
    struct fixture *fx = *state;
    const struct table *p = fx->t[PEOPLE], *cu = fx->t[CUSTOMERS], *o = fx->t[ORDERS];
    struct ids people = ids_of(p, 0), customers = ids_of(cu, 0), orders = ids_of(o, 0);
    assert_int_equal(people.n, p->n_rows - 1);
    assert_int_equal(customers.n, cu->n_rows - 1);

    /* a manager comes before the people who report to them */
    size_t manager = col(p, "manager");
    for (size_t r = 1; r < p->n_rows; r++) {
        const char *m = cell(p, r, manager);
        if (!*m)
            continue;
        bool earlier = false;
        for (size_t k = 1; k < r && !earlier; k++)
            earlier = strcmp(cell(p, k, 0), m) == 0;
        assert_true(earlier);
    }
    for (size_t r = 1; r < cu->n_rows; r++)
        check_owner(&people, cell(cu, r, col(cu, "owner")));
    static const int with_customer[] = {DEALS, ORDERS, PAYMENTS, ACTIVITIES, SURVEYS};
    for (size_t k = 0; k < sizeof with_customer / sizeof with_customer[0]; k++) {
        const struct table *t = fx->t[with_customer[k]];
        size_t c = col(t, "customer"), w = col(t, "owner");
        for (size_t r = 1; r < t->n_rows; r++) {
            if (!ids_has(&customers, cell(t, r, c)))
                fail_msg("%s:%zu: no customer %s", FILES[with_customer[k]], r + 1, cell(t, r, c));
            check_owner(&people, cell(t, r, w));
        }
    }

    /* payments: of an existing order, after it, within 90 days, never more than it */
    size_t n_orders = orders.n;
    int64_t *total = xcalloc(n_orders, sizeof *total), *paid = xcalloc(n_orders, sizeof *paid);
    int32_t *odate = xcalloc(n_orders, sizeof *odate);
    for (size_t r = 1; r < o->n_rows; r++) {
        const char *id = cell(o, r, 0);
        size_t i =
            (size_t)((const char **)bsearch(&id, orders.items, n_orders, sizeof(char *), cmp_str) -
                     orders.items);
        total[i] += fen(cell(o, r, col(o, "amount")));
        odate[i] = date_of(cell(o, r, col(o, "date")));
    }
    const struct table *pm = fx->t[PAYMENTS];
    for (size_t r = 1; r < pm->n_rows; r++) {
        const char *id = cell(pm, r, col(pm, "order"));
        const char **hit = bsearch(&id, orders.items, n_orders, sizeof(char *), cmp_str);
        if (!hit)
            fail_msg("payments.csv:%zu: no order %s", r + 1, id);
        size_t i = (size_t)(hit - orders.items);
        paid[i] += fen(cell(pm, r, col(pm, "amount")));
        int32_t d = date_of(cell(pm, r, col(pm, "date")));
        assert_true(d >= odate[i] && d <= odate[i] + 90);
    }
    size_t fully = 0;
    for (size_t i = 0; i < n_orders; i++) {
        assert_true(paid[i] <= total[i]);
        fully += paid[i] == total[i];
    }
    assert_true(fully * 10 > n_orders * 7); /* most are paid */
    free(total);
    free(paid);
    free(odate);

    /* markets name the regions */
    const struct table *mk = fx->t[MARKETS];
    for (size_t r = 1; r < mk->n_rows; r++) {
        const char *u = cell(mk, r, col(mk, "unit"));
        assert_true(strcmp(u, "华东") == 0 || strcmp(u, "华南") == 0 || strcmp(u, "华北") == 0);
    }
    free(people.items);
    free(customers.items);
    free(orders.items);
}

static void test_small_team(void **state)
{
    (void)state;
    struct demo_counts c;
    char *dir = generate(7, 12, &c);
    struct table *p = table_load(dir, "people.csv");
    int reps = 0;
    for (size_t r = 1; r < p->n_rows; r++)
        reps += strcmp(cell(p, r, col(p, "title")), "销售代表") == 0;
    assert_int_equal(reps, 12);
    assert_in_range(c.orders, 1000, 4000);
    table_free(p);
    remove_dir(dir);
    free(dir);
}

static void test_errors(void **state)
{
    (void)state;
    struct at_err err = {0};
    struct demo_options opt = {cal_from_ymd(2026, 11, 26), 1, -1};
    assert_int_equal(demo_data_write("/tmp", &opt, NULL, &err), AT_INVALID);
    opt.n_reps = 501;
    assert_int_equal(demo_data_write("/tmp", &opt, NULL, &err), AT_INVALID);
    assert_int_equal(demo_data_write("/tmp", NULL, NULL, &err), AT_INVALID);
    opt.n_reps = 10;
    assert_int_equal(demo_data_write("/nonexistent/attain-demo", &opt, NULL, &err), AT_IO);
    assert_non_null(strstr(err.msg, "people.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers_and_counts), cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_dates_in_window),    cmocka_unit_test(test_spring_festival_dip),
        cmocka_unit_test(test_growth_and_q4),      cmocka_unit_test(test_references_resolve),
        cmocka_unit_test(test_small_team),         cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
