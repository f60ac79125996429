/*
 * gen.c — a synthetic sales company for the benchmark (bench/run builds it
 * with `cc -O2`; it is not part of attain's build).
 *
 *   gen OUTDIR [SCALE] [SEED]
 *
 * writes OUTDIR/{people,customers,deals,orders,activities}.csv with attain's
 * canonical headers (docs/import.md). At SCALE 1: a director, 50 region
 * managers (units R01..R50), 500 team managers (units R01/T001..), 5,000 reps
 * (10 a team), 200,000 customers, 10,000,000 order lines, 1,000,000 deals and
 * 5,000,000 activities dated 2024-01-01..2026-12-31. Smaller scales shrink
 * every count (at least 2 regions). The same SCALE and SEED give the same
 * bytes.
 *
 * Realism: rep productivity is log-normal (a few reps sell most), customers
 * have a log-normal order rate by segment, start ordering at some date and may
 * churn; order dates follow a seasonal curve (Spring Festival dip, quarter and
 * year ends, Double 11, weekends) with ~15% growth a year. Orders are written
 * in date order; amounts always have two decimals (integer cents).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAYS 1096 /* 2024-01-01 .. 2026-12-31 */
#define N_PRODUCTS 40

static uint64_t rng_s[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next_u64(void) /* xoshiro256** */
{
    uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return r;
}

static void seed_rng(uint64_t seed)
{
    for (int i = 0; i < 4; i++) { /* splitmix64 */
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        rng_s[i] = z ^ (z >> 31);
    }
}

static double urand(void) { return (double)(next_u64() >> 11) * (1.0 / 9007199254740992.0); }
static long irand(long n) { return (long)(urand() * (double)n); }

static double nrand(void)
{
    double u = urand(), v = urand();
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* index i with cum[i-1] <= x < cum[i] (cum ascending, n entries) */
static long pick(const double *cum, long n, double x)
{
    long lo = 0, hi = n - 1;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (cum[mid] > x) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* ---- fast buffered output ---- */
static char obuf[1 << 20];
static size_t olen;
static FILE *ofile;

static void flush_out(void)
{
    if (olen && fwrite(obuf, 1, olen, ofile) != olen) {
        perror("gen: write");
        exit(1);
    }
    olen = 0;
}
static void put_s(const char *s)
{
    size_t n = strlen(s);
    if (olen + n > sizeof obuf) flush_out();
    memcpy(obuf + olen, s, n);
    olen += n;
}
static void put_c(char c)
{
    if (olen + 1 > sizeof obuf) flush_out();
    obuf[olen++] = c;
}
static void put_u(uint64_t v, int width) /* zero-padded to width */
{
    char t[24];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width) t[n++] = '0';
    if (olen + (size_t)n > sizeof obuf) flush_out();
    while (n) obuf[olen++] = t[--n];
}
static void put_cents(int64_t c)
{
    put_u((uint64_t)(c / 100), 1);
    put_c('.');
    put_u((uint64_t)(c % 100), 2);
}
static void open_out(const char *dir, const char *name, const char *header)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ofile = fopen(path, "w");
    if (!ofile) {
        perror(path);
        exit(1);
    }
    put_s(header);
}
static void close_out(void)
{
    flush_out();
    if (fclose(ofile) != 0) {
        perror("gen: close");
        exit(1);
    }
}

/* ---- calendar ---- */
static char day_str[DAYS][11];
static int day_month[DAYS], day_year[DAYS], day_wday[DAYS], day_mday[DAYS];

static void init_days(void)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2024, m = 0, d = 1, wd = 0; /* 2024-01-01 was a Monday: wd 0 */
    for (int i = 0; i < DAYS; i++) {
        char t[48];
        snprintf(t, sizeof t, "%04d-%02d-%02d", y, m + 1, d);
        memcpy(day_str[i], t, sizeof day_str[i]);
        day_year[i] = y;
        day_month[i] = m;
        day_mday[i] = d;
        day_wday[i] = wd;
        wd = (wd + 1) % 7;
        int len = mdays[m] + (m == 1 && y % 4 == 0);
        if (++d > len) {
            d = 1;
            if (++m == 12) m = 0, y++;
        }
    }
}

/* ---- people ---- */
static const char *surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
static const char *given[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇",
                              "军", "杰", "娟", "涛", "明", "超", "秀英", "华", "丽", "鹏"};

static void put_person_name(long i)
{
    put_s(surnames[i % 20]);
    put_s(given[(i / 20) % 20]);
    put_u((uint64_t)i, 5); /* unique: names name people in scopes */
}

static void put_person_id(long i)
{
    put_c('E');
    put_u((uint64_t)i, 6);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen OUTDIR [SCALE] [SEED]\n");
        return 2;
    }
    const char *dir = argv[1];
    double scale = argc > 2 ? atof(argv[2]) : 1.0;
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 20240101;
    if (scale <= 0) {
        fprintf(stderr, "gen: bad scale\n");
        return 2;
    }
    seed_rng(seed);
    init_days();

    long n_regions = lround(50 * scale);
    if (n_regions < 2) n_regions = 2;
    long n_teams = n_regions * 10, n_reps = n_teams * 10;
    long n_customers = lround(200000 * scale), n_lines = lround(10000000 * scale);
    long n_deals = lround(1000000 * scale), n_acts = lround(5000000 * scale);
    if (n_customers < 100) n_customers = 100;

    /* person numbers: 1 director, 2.. region managers, then team managers, then reps */
    long first_rm = 2, first_tm = first_rm + n_regions, first_rep = first_tm + n_teams;
    long n_people = first_rep + n_reps - 1;

    /* ---- people.csv ---- */
    open_out(dir, "people.csv", "id,name,unit,manager,title\n");
    put_person_id(1), put_c(','), put_person_name(1), put_s(",,,销售总监\n");
    for (long r = 0; r < n_regions; r++) {
        put_person_id(first_rm + r), put_c(','), put_person_name(first_rm + r);
        put_s(",R"), put_u((uint64_t)r + 1, 2), put_c(','), put_person_id(1);
        put_s(",大区经理\n");
    }
    for (long t = 0; t < n_teams; t++) {
        put_person_id(first_tm + t), put_c(','), put_person_name(first_tm + t);
        put_s(",R"), put_u((uint64_t)(t / 10) + 1, 2), put_s("/T"), put_u((uint64_t)t + 1, 3);
        put_c(','), put_person_id(first_rm + t / 10), put_s(",团队经理\n");
    }
    for (long k = 0; k < n_reps; k++) {
        long t = k / 10;
        put_person_id(first_rep + k), put_c(','), put_person_name(first_rep + k);
        put_s(",R"), put_u((uint64_t)(t / 10) + 1, 2), put_s("/T"), put_u((uint64_t)t + 1, 3);
        put_c(','), put_person_id(first_tm + t), put_s(",销售代表\n");
    }
    close_out();

    /* rep productivity: log-normal weight */
    double *rep_cum = malloc(sizeof(double) * (size_t)n_reps);
    double acc = 0;
    for (long k = 0; k < n_reps; k++) {
        acc += exp(0.9 * nrand());
        rep_cum[k] = acc;
    }

    /* seasonal day weights: month factors, quarter ends, weekends, growth */
    static const double month_f[12] = {0.90, 0.60, 1.00, 1.00, 0.95, 1.15,
                                       0.90, 0.90, 1.10, 0.85, 1.20, 1.35};
    static double day_cum[DAYS + 1]; /* day_cum[i] = mass of days < i */
    day_cum[0] = 0;
    for (int i = 0; i < DAYS; i++) {
        double w = month_f[day_month[i]] * (1.0 + 0.15 * (i / 365.0));
        if (day_wday[i] >= 5) w *= 0.3;
        if ((day_month[i] % 3 == 2) && day_mday[i] >= 16) w *= 1.3;
        if (day_month[i] == 10 && day_mday[i] == 11) w *= 3.0;
        day_cum[i + 1] = day_cum[i] + w;
    }

    /* ---- customers.csv ---- */
    static const char *segments[] = {"Enterprise", "Mid-Market", "SMB"};
    static const char *geo[] = {"华东", "华南", "华北", "华中", "西南", "西北", "东北"};
    static const char *cities[] = {"上海", "杭州", "南京", "广州", "深圳", "北京", "天津", "武汉",
                                   "成都", "重庆", "西安", "沈阳", "苏州", "长沙", "郑州", "厦门"};
    static const char *trades[] = {"科技", "贸易", "制造", "医药", "物流", "食品", "建材", "电子"};
    int *c_owner = malloc(sizeof(int) * (size_t)n_customers);
    int *c_start = malloc(sizeof(int) * (size_t)n_customers);
    int *c_end = malloc(sizeof(int) * (size_t)n_customers);
    unsigned char *c_seg = malloc((size_t)n_customers);
    double *c_cum = malloc(sizeof(double) * (size_t)n_customers);
    open_out(dir, "customers.csv", "id,name,segment,region,owner\n");
    acc = 0;
    for (long c = 0; c < n_customers; c++) {
        double u = urand();
        int seg = u < 0.10 ? 0 : u < 0.40 ? 1 : 2;
        long rep = pick(rep_cum, n_reps, urand() * rep_cum[n_reps - 1]);
        int start = urand() < 0.35 ? 0 : (int)irand(DAYS);
        int end = DAYS - 1;
        if (urand() < 0.5) {
            double life = -log(1.0 - urand()) * 700.0 + 30;
            if (start + life < end) end = start + (int)life;
        }
        double rate = exp(1.0 * nrand()) * (seg == 0 ? 3.0 : seg == 1 ? 1.5 : 1.0);
        c_owner[c] = (int)rep;
        c_start[c] = start;
        c_end[c] = end;
        c_seg[c] = (unsigned char)seg;
        acc += rate * (day_cum[end + 1] - day_cum[start]);
        c_cum[c] = acc;
        put_c('C'), put_u((uint64_t)c + 1, 7), put_c(',');
        put_s(cities[c % 16]), put_s(trades[(c / 16) % 8]), put_s("有限公司"), put_u((uint64_t)c + 1, 6);
        put_c(','), put_s(segments[seg]), put_c(','), put_s(geo[irand(7)]), put_c(',');
        put_person_id(first_rep + rep), put_c('\n');
    }
    close_out();

    /* product list prices (cents), log-normal 200..~20,000 CNY */
    int64_t price[N_PRODUCTS];
    for (int p = 0; p < N_PRODUCTS; p++) price[p] = (int64_t)(exp(6.5 + 1.1 * nrand()) * 100) + 1000;

    /* ---- orders: draw, sort by date, write ---- */
    struct order {
        int cust, owner;
        unsigned short day;
        unsigned char lines;
    };
    size_t cap = (size_t)(n_lines / 2 + 16), n_orders = 0;
    struct order *ord = malloc(sizeof *ord * cap);
    long lines_left = n_lines;
    while (lines_left > 0) {
        if (n_orders == cap) {
            cap *= 2;
            ord = realloc(ord, sizeof *ord * cap);
        }
        long c = pick(c_cum, n_customers, urand() * c_cum[n_customers - 1]);
        double lo = day_cum[c_start[c]], hi = day_cum[c_end[c] + 1];
        long day = pick(day_cum + 1, DAYS, lo + urand() * (hi - lo));
        int k = 1;
        while (k < 8 && urand() < (c_seg[c] == 0 ? 0.65 : 0.5)) k++;
        if (k > lines_left) k = (int)lines_left;
        long owner = c_owner[c];
        if (urand() < 0.08) owner = (owner / 10) * 10 + irand(10); /* a team-mate */
        ord[n_orders].cust = (int)c;
        ord[n_orders].owner = (int)owner;
        ord[n_orders].day = (unsigned short)day;
        ord[n_orders].lines = (unsigned char)k;
        n_orders++;
        lines_left -= k;
    }
    size_t *start_of = calloc(DAYS + 1, sizeof(size_t));
    for (size_t i = 0; i < n_orders; i++) start_of[ord[i].day + 1]++;
    for (int i = 0; i < DAYS; i++) start_of[i + 1] += start_of[i];
    struct order *sorted = malloc(sizeof *sorted * (n_orders ? n_orders : 1));
    for (size_t i = 0; i < n_orders; i++) sorted[start_of[ord[i].day]++] = ord[i];
    free(ord);
    open_out(dir, "orders.csv", "id,line,date,customer,owner,product,quantity,amount\n");
    for (size_t i = 0; i < n_orders; i++) {
        const struct order *o = &sorted[i];
        int seg = c_seg[o->cust];
        for (int l = 1; l <= o->lines; l++) {
            int p = (int)irand(N_PRODUCTS);
            if (seg == 0 && p < 20 && urand() < 0.5) p += 20; /* enterprise: dearer half */
            int q = 1 + (int)(exp(fabs(nrand()) * (seg == 0 ? 1.2 : 0.7)));
            int disc = (int)irand(seg == 0 ? 25 : 10);
            int64_t amount = price[p] * q * (100 - disc) / 100;
            put_s("SO"), put_u(i + 1, 8), put_c(','), put_u((uint64_t)l, 1), put_c(',');
            put_s(day_str[o->day]), put_c(','), put_c('C'), put_u((uint64_t)o->cust + 1, 7);
            put_c(','), put_person_id(first_rep + o->owner), put_s(",P"), put_u((uint64_t)p + 1, 2);
            put_c(','), put_u((uint64_t)q, 1), put_c(','), put_cents(amount), put_c('\n');
        }
    }
    close_out();
    free(sorted);

    /* ---- deals.csv ---- */
    static const char *open_stages[] = {"Qualification", "Proposal", "Negotiation"};
    static const int open_prob[] = {20, 50, 75};
    open_out(dir, "deals.csv",
             "id,name,customer,owner,product,amount,stage,probability,created,expected_close,closed\n");
    for (long d = 0; d < n_deals; d++) {
        long c = pick(c_cum, n_customers, urand() * c_cum[n_customers - 1]);
        int created = (int)pick(day_cum + 1, DAYS, urand() * day_cum[DAYS]);
        int cycle = 20 + (int)irand(c_seg[c] == 0 ? 200 : 90);
        int expected = created + cycle;
        int p = (int)irand(N_PRODUCTS);
        int64_t amount = price[p] * (int64_t)(5 + exp(1.3 * fabs(nrand())) * (c_seg[c] == 0 ? 40 : 8));
        put_s("D"), put_u((uint64_t)d + 1, 7), put_s(",Deal "), put_u((uint64_t)d + 1, 7);
        put_s(",C"), put_u((uint64_t)c + 1, 7), put_c(','), put_person_id(first_rep + c_owner[c]);
        put_s(",P"), put_u((uint64_t)p + 1, 2), put_c(','), put_cents(amount), put_c(',');
        if (expected < DAYS - 60) {
            int closed = expected - 15 + (int)irand(45);
            if (closed < created) closed = created;
            if (closed >= DAYS) closed = DAYS - 1;
            int won = urand() < 0.35;
            put_s(won ? "Closed Won,100," : "Closed Lost,0,");
            put_s(day_str[created]), put_c(','), put_s(day_str[expected]), put_c(',');
            put_s(day_str[closed]);
        } else {
            int st = (int)irand(3);
            put_s(open_stages[st]), put_c(','), put_u((uint64_t)open_prob[st], 1), put_c(',');
            put_s(day_str[created]), put_c(',');
            put_s(day_str[expected < DAYS ? expected : DAYS - 1]), put_c(',');
        }
        put_c('\n');
    }
    close_out();

    /* ---- activities.csv ---- */
    open_out(dir, "activities.csv", "id,type,date,owner,customer\n");
    for (long a = 0; a < n_acts; a++) {
        long c = pick(c_cum, n_customers, urand() * c_cum[n_customers - 1]);
        double u = urand();
        const char *type = u < 0.30 ? "visit" : u < 0.75 ? "call" : u < 0.90 ? "meeting"
                                                : u < 0.98 ? "email" : "other";
        double lo = day_cum[c_start[c]], hi = day_cum[c_end[c] + 1];
        long day = pick(day_cum + 1, DAYS, lo + urand() * (hi - lo));
        put_s("A"), put_u((uint64_t)a + 1, 8), put_c(','), put_s(type), put_c(',');
        put_s(day_str[day]), put_c(','), put_person_id(first_rep + c_owner[c]);
        put_s(",C"), put_u((uint64_t)c + 1, 7), put_c('\n');
    }
    close_out();

    printf("people %ld (reps %ld, teams %ld, regions %ld) customers %ld orders %zu lines %ld "
           "deals %ld activities %ld\n",
           n_people, n_reps, n_teams, n_regions, n_customers, n_orders, n_lines, n_deals, n_acts);
    return 0;
}
