/*
 * demo_data.c — the generator of the demo data set (see demo_data.h).
 *
 * The data is made in phases, each drawing from its own PRNG stream so that
 * tuning one phase does not reshuffle the others:
 *   1. people: the org of TEAMS, reps spread over the teams by share, a few
 *      leavers (each replaced by a joiner who takes over the customers) and a
 *      few growth hires;
 *   2. customers: each original rep's existing book (created in the first two
 *      weeks, when the CRM went live) and new customers won over time;
 *   3. deals: a first deal for every new customer, plus a flow of deals per rep
 *      whose decision dates follow the sales season;
 *   4. orders: from won deals, then repeat business of buying customers per rep
 *      and day at a rate shaped by season, growth and skill;
 *   5. payments, 6. activities, 7. surveys, 8. market sizes (from the revenue).
 * Rows are held as indices; ids are given at the end, in date order, so the
 * files read like a CRM's exports. Money is int64 fen. The only floating point
 * is + - * / and a local exp (dexp), so the bytes are the same everywhere.
 */
#include "app/demo_data.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "io/csv.h"
#include "domain/calendar.h"

#define N_REPS_DEFAULT 60
#define N_REPS_MAX     500
#define NEVER          INT32_MAX
#define OPEN_HORIZON   150        /* days after as_of open deals may be expected to close */
#define GROWTH_LN      0.11332869 /* ln(1.12): with the growth hires, ~15% a year */
#define RATE_ACQUIRE   0.021      /* new customers per rep and working day */
#define RATE_DEAL      0.100      /* pipeline deals per rep and sales-weighted day */
#define RATE_REPEAT    0.21       /* repeat orders per rep and sales-weighted day */
#define RATE_ACTIVITY  1.05       /* activities per rep and working day */
#define CSAT_SHARE     0.12       /* orders followed by a satisfaction survey */
#define NPS_SHARE      0.15       /* buying customers answering each NPS wave */
#define YUAN           100        /* fen per yuan */

/* ---------------------------------------------------------------- tables */

static const char *const REGIONS[] = {"华东", "华南", "华北"};
#define N_REGIONS 3

struct team_def {
    const char *path;      /* unit path under the company */
    int region;            /* index in REGIONS */
    int share;             /* relative number of reps */
    const char *cities[4]; /* customer name prefixes, the first the most common */
};

static const struct team_def TEAMS[] = {
    {"华东/上海/一组", 0, 9, {"上海", "苏州", "无锡", "南通"}},
    {"华东/上海/二组", 0, 8, {"上海", "苏州", "常州", "嘉兴"}},
    {"华东/杭州", 0, 7, {"杭州", "宁波", "绍兴", "温州"}},
    {"华南/广州", 1, 8, {"广州", "佛山", "中山", "江门"}},
    {"华南/深圳", 1, 8, {"深圳", "东莞", "惠州", "珠海"}},
    {"华北/北京/一组", 2, 8, {"北京", "廊坊", "保定", "石家庄"}},
    {"华北/北京/二组", 2, 7, {"北京", "张家口", "承德", "秦皇岛"}},
    {"华北/天津", 2, 5, {"天津", "唐山", "沧州", "廊坊"}},
};
#define N_TEAMS ((int)(sizeof TEAMS / sizeof TEAMS[0]))
#define HQ_UNIT "总部"

enum role { ROLE_DIRECTOR, ROLE_REGION, ROLE_TEAM, ROLE_REP };
static const char *const TITLES[] = {"销售总监", "区域经理", "销售经理", "销售代表"};

static const char *const SURNAMES[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤"};
#define N_SURNAMES ((int)(sizeof SURNAMES / sizeof SURNAMES[0]))

static const char *const GIVEN_NAMES[] = {
    "伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",   "勇",
    "艳",   "杰",   "娟",   "涛",   "明",   "超",   "霞",   "平",   "刚",   "鹏",   "辉",
    "玲",   "华",   "飞",   "鑫",   "波",   "宁",   "琳",   "颖",   "斌",   "凯",   "浩",
    "婷",   "倩",   "帆",   "秀英", "桂英", "建华", "建国", "志强", "海燕", "晓东", "晓明",
    "丽娟", "文博", "子涵", "浩然", "欣怡", "宇轩", "雨桐", "梓萱", "思远", "晨曦", "佳琪",
    "俊杰", "嘉怡", "一鸣", "婷婷", "国栋", "雪梅", "振宇", "慧敏", "天宇", "佳慧", "家豪",
    "明轩", "诗涵", "若曦", "博文", "志远", "立新", "春燕", "红梅", "永强", "新宇", "泽宇",
    "梦琪", "雅婷", "晓燕", "鹏飞", "丹丹", "伟东", "海涛", "建军", "亚楠"};
#define N_GIVEN_NAMES ((int)(sizeof GIVEN_NAMES / sizeof GIVEN_NAMES[0]))

enum segment { SEG_KEY, SEG_MID, SEG_SMALL };
static const char *const SEGMENTS[] = {"大客户", "中型", "小微"};

static const char *const BRANDS[] = {
    "晨光", "华瑞", "恒通", "瑞丰", "金桥", "鼎盛", "宏远", "天合", "嘉禾", "远航", "中联",
    "新创", "博雅", "聚力", "明德", "信达", "安泰", "永和", "星辰", "海纳", "卓越", "汇通",
    "润泽", "东升", "宏图", "锦程", "华辰", "盛世", "鸿运", "同创", "通达", "致远", "启航",
    "和信", "富达", "凯顺", "弘毅", "祥瑞", "德润", "佳和", "泰和", "昌盛", "恒昌", "天瑞",
    "华誉", "众邦", "云帆", "睿智", "朗润", "广源", "九洲"};
#define N_BRANDS ((int)(sizeof BRANDS / sizeof BRANDS[0]))

struct industry_def {
    const char *name;
    int weight;         /* share of customers */
    const char *biz[8]; /* line of business in the company name; NULL-terminated */
};

static const struct industry_def INDUSTRIES[] = {
    {"制造", 28, {"精密机械", "电子科技", "机电设备", "新材料", "汽车零部件", "模具", "智能装备"}},
    {"零售", 16, {"商贸", "百货", "连锁超市", "电子商务", "便利店管理"}},
    {"医疗", 12, {"医疗器械", "生物科技", "医药", "健康管理", "诊断技术"}},
    {"金融", 10, {"融资租赁", "投资管理", "保险代理", "资产管理", "商业保理"}},
    {"教育", 10, {"教育科技", "文化传播", "职业技能培训", "教育咨询"}},
    {"物流", 12, {"物流", "供应链管理", "国际货运代理", "仓储服务", "冷链物流"}},
    {"互联网", 12, {"网络科技", "信息技术", "软件", "数据科技", "云计算"}},
};
#define N_INDUSTRIES ((int)(sizeof INDUSTRIES / sizeof INDUSTRIES[0]))

static const char *const TAGS[] = {"重点客户", "上市公司", "战略合作", "渠道合作",
                                   "竞品替换", "政府项目", "高潜力",   "续约客户"};
enum {
    TAG_KEY,
    TAG_LISTED,
    TAG_STRATEGIC,
    TAG_CHANNEL,
    TAG_SWITCH,
    TAG_GOV,
    TAG_POTENTIAL,
    TAG_RENEWAL,
    N_TAGS
};

struct product_def {
    const char *name;
    int64_t price;        /* list price per unit, fen */
    int qty_min, qty_max; /* quantity of a repeat order line */
    int deal_w[3];        /* weight as a deal's product, by segment */
    int repeat_w[3];      /* weight as a repeat order line, by segment */
};

static const struct product_def PRODUCTS[] = {
    {"企业版年费", 120000 * YUAN, 1, 3, {35, 10, 0}, {20, 0, 0}},
    {"专业版年费", 58000 * YUAN, 1, 3, {15, 35, 10}, {10, 25, 5}},
    {"标准版年费", 19800 * YUAN, 1, 5, {0, 15, 50}, {0, 10, 45}},
    {"实施服务", 1800 * YUAN, 3, 40, {15, 15, 0}, {15, 15, 0}},
    {"硬件套装", 16800 * YUAN, 1, 12, {10, 15, 25}, {15, 20, 25}},
    {"培训服务", 6000 * YUAN, 1, 4, {0, 0, 5}, {10, 15, 15}},
    {"运维支持", 36000 * YUAN, 1, 2, {10, 10, 10}, {20, 15, 10}},
    {"定制开发", 2500 * YUAN, 5, 60, {15, 0, 0}, {10, 0, 0}},
};
#define N_PRODUCTS ((int)(sizeof PRODUCTS / sizeof PRODUCTS[0]))
/* Products that ride along a deal's main product as extra order lines. */
static const int ADD_ONS[] = {3, 5, 4, 6};
#define N_ADD_ONS ((int)(sizeof ADD_ONS / sizeof ADD_ONS[0]))

static const struct {
    const char *name;
    int probability; /* percent */
} STAGES[] = {{"初步接洽", 10}, {"需求确认", 25}, {"方案报价", 50},
              {"谈判审核", 75}, {"赢单", 100},    {"输单", 0}};
enum { STAGE_NEGOTIATION = 3, STAGE_WON = 4, STAGE_LOST = 5 };

/* Deal purposes; the first is a new customer's first deal. */
static const char *const PURPOSES[] = {"首次采购", "年度采购", "系统升级", "新增采购",
                                       "续约",     "扩容项目", "二期项目", "硬件更新"};
#define N_PURPOSES ((int)(sizeof PURPOSES / sizeof PURPOSES[0]))

struct activity_def {
    const char *type; /* canonical activity type */
    int weight;
    const char *notes[10]; /* NULL-terminated */
};

static const struct activity_def ACTIVITIES[] = {
    {"call",
     44,
     {"电话跟进报价进度", "确认需求细节", "预约上门拜访", "回访使用情况", "催收回款",
      "介绍新版本功能", "续约提醒", "了解采购计划", "跟进合同审批", "邀请参加产品发布会"}},
    {"visit",
     22,
     {"拜访采购负责人", "现场演示产品", "拜访技术负责人", "实地了解业务流程", "客户高层拜访",
      "节前拜访维护关系", "现场解决使用问题"}},
    {"meeting",
     14,
     {"方案汇报会", "商务谈判", "需求调研会议", "项目启动会", "季度业务回顾", "技术交流会",
      "合同条款沟通"}},
    {"email",
     20,
     {"发送报价单", "发送产品资料", "发送合同草稿", "发送会议纪要", "发送培训邀请", "发送对账单"}},
};
#define N_ACTIVITY_TYPES ((int)(sizeof ACTIVITIES / sizeof ACTIVITIES[0]))

/* Spring Festival (春节) day, 2000..2040. */
static const unsigned char SPRING_FESTIVAL[][2] = {
    {2, 5},  {1, 24}, {2, 12}, {2, 1},  {1, 22}, {2, 9}, {1, 29}, {2, 18}, {2, 7}, {1, 26}, {2, 14},
    {2, 3},  {1, 23}, {2, 10}, {1, 31}, {2, 19}, {2, 8}, {1, 28}, {2, 16}, {2, 5}, {1, 25}, {2, 12},
    {2, 1},  {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6}, {1, 26}, {2, 13}, {2, 3}, {1, 23}, {2, 11},
    {1, 31}, {2, 19}, {2, 8},  {1, 28}, {2, 15}, {2, 4}, {1, 24}, {2, 12}};
#define SPRING_FIRST_YEAR 2000
#define N_SPRING          ((int)(sizeof SPRING_FESTIVAL / sizeof SPRING_FESTIVAL[0]))

/* Relative sales volume by month: Q4 strongest, the Spring Festival months weakest. */
static const double MONTH_FACTOR[12] = {0.9, 0.8, 1.0, 0.9,  0.95, 1.0,
                                        0.9, 0.9, 1.0, 0.95, 1.2,  1.45};

/* ------------------------------------------------------------------ PRNG */

/* xoshiro256** seeded by splitmix64 (Blackman & Vigna). */
struct rng {
    uint64_t s[4];
};

/* The next output of the splitmix64 generator of state *X. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Seed R for phase STREAM of the generation with SEED. */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

/* X rotated left by K bits. */
static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits of R. */
static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [LO, HI] (HI >= LO). */
static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)((rng_next(r) >> 11) % (uint64_t)(hi - lo + 1));
}

/* True with probability P. */
static bool rng_chance(struct rng *r, double p)
{
    return rng_unit(r) < p;
}

/* Approximately standard normal (Irwin–Hall: twelve uniforms less six). */
static double rng_normal(struct rng *r)
{
    double sum = 0;
    for (int i = 0; i < 12; i++)
        sum += rng_unit(r);
    return sum - 6.0;
}

/* e^X for |X| <= 40, from + and * only: libm's exp may differ in the last bit
 * between systems, and the output must not. */
static double dexp(double x)
{
    double y = x / 64.0, term = 1.0, sum = 1.0;
    for (int i = 1; i < 14; i++) {
        term *= y / i;
        sum += term;
    }
    for (int i = 0; i < 6; i++)
        sum *= sum;
    return sum;
}

/* Poisson-distributed count of mean LAMBDA (small; Knuth's method). */
static int rng_poisson(struct rng *r, double lambda)
{
    if (lambda <= 0)
        return 0;
    double limit = dexp(-lambda), p = rng_unit(r);
    int k = 0;
    while (p > limit && k < 64) {
        p *= rng_unit(r);
        k++;
    }
    return k;
}

/* Index in [0, N) drawn with the given non-negative WEIGHTS; -1 when all are 0. */
static int rng_pick(struct rng *r, const int *weights, int n)
{
    int64_t total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    if (total <= 0)
        return -1;
    int64_t x = (int64_t)((rng_next(r) >> 11) % (uint64_t)total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* X limited to [LO, HI]. */
static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* X rounded half away from zero. */
static int64_t iround(double x)
{
    return x >= 0 ? (int64_t)(x + 0.5) : -(int64_t)(-x + 0.5);
}

/* ------------------------------------------------------------ containers */

/* A growable array of SIZE-byte items. */
struct vec {
    void *items;
    size_t n, cap, size;
};

/* An empty vector of SIZE-byte items (no allocation yet). */
static void vec_init(struct vec *v, size_t size)
{
    v->items = NULL;
    v->n = v->cap = 0;
    v->size = size;
}

/* Append a zeroed item and return it; valid until the next push. */
static void *vec_push(struct vec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 64;
        v->items = xrealloc(v->items, v->cap * v->size);
    }
    void *item = (char *)v->items + v->n++ * v->size;
    memset(item, 0, v->size);
    return item;
}

/* Release V's items; V stays usable, empty. */
static void vec_free(struct vec *v)
{
    free(v->items);
    vec_init(v, v->size);
}

/* A set of strings (owned copies), to keep generated names unique. */
struct name_set {
    char **slots;
    size_t cap, n;
};

/* FNV-1a hash of S. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

/* Slot of NAME in S: where it is, or the empty slot where it would go. */
static size_t name_set_slot(const struct name_set *s, const char *name)
{
    size_t i = (size_t)hash_str(name) & (s->cap - 1);
    while (s->slots[i] && strcmp(s->slots[i], name) != 0)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Add NAME to S; false (and S unchanged) when it is there already. */
static bool name_set_add(struct name_set *s, const char *name)
{
    if (2 * (s->n + 1) > s->cap) {
        struct name_set bigger = {xcalloc(s->cap ? 2 * s->cap : 256, sizeof(char *)),
                                  s->cap ? 2 * s->cap : 256, s->n};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i])
                bigger.slots[name_set_slot(&bigger, s->slots[i])] = s->slots[i];
        free(s->slots);
        *s = bigger;
    }
    size_t i = name_set_slot(s, name);
    if (s->slots[i])
        return false;
    s->slots[i] = xstrdup(name);
    s->n++;
    return true;
}

/* Release S and every name in it. */
static void name_set_free(struct name_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    s->slots = NULL;
    s->cap = s->n = 0;
}

/* ----------------------------------------------------------------- model */

struct person {
    char name[24];
    enum role role;
    int region, team;   /* -1 when none */
    int manager;        /* index; -1 for the director */
    int number;         /* for the e-mail address: rep007, manager03, region2 */
    int32_t start, end; /* first and last day employed; end NEVER while employed */
    int successor;      /* who takes over the customers on leaving; -1 */
    int weight;         /* capacity weight in tenths */
    double skill;       /* ~1: orders, win rate, survey scores */
    double drive;       /* ~1: activities, pipeline, new customers */
    double win_rate;
    struct vec book; /* int: customers this person owns at some time */
};

struct customer {
    char name[96];
    int segment, industry, region;
    int creator;   /* rep who created it; later owners follow successor links */
    bool existing; /* in the book when the data starts */
    int32_t created;
    int32_t buyer_since; /* first order day (before start when existing); NEVER when none */
    int32_t churned;     /* does no business from this day; NEVER */
    unsigned tags;       /* bit i = TAGS[i] */
    int rank;            /* row in customers.csv */
};

struct deal {
    int customer, owner, product, purpose, stage;
    int64_t amount;                    /* fen */
    int32_t created, expected, closed; /* closed NEVER while open */
    size_t seq;
};

struct order {
    int customer, owner;
    int owner2; /* co-seller with split credit, -1 */
    int share;  /* owner's share in percent when owner2 >= 0 */
    int32_t date;
    size_t first_line, n_lines, seq;
    int64_t total;
};

struct line {
    int product, quantity;
    int64_t amount;
};

struct payment {
    size_t order; /* index in the sorted orders */
    int32_t date;
    int64_t amount;
    size_t seq;
};

struct activity {
    int owner, customer, type, note;
    int32_t date;
    size_t seq;
};

struct survey {
    int customer, owner, score, scale;
    int32_t date;
    size_t seq;
};

struct gen {
    int32_t start, as_of, horizon; /* horizon: last expected close of an open deal */
    int first_year;
    uint64_t seed;
    double *w_sales; /* per day from start: relative order volume */
    double *w_work;  /* per day from start: 1 on a working day, less on days off */
    double *growth;  /* per day from start: business growth since start */
    struct vec people, customers, deals, orders, lines, payments, activities, surveys;
    struct name_set person_names, customer_names;
    int *scratch; /* pick weights, as long as the longest book */
    int64_t market[N_REGIONS][3];
};

/* Person I; valid until the next person is added. */
static struct person *person_at(const struct gen *g, int i)
{
    return (struct person *)g->people.items + i;
}

/* Customer I; valid until the next customer is added. */
static struct customer *cust_at(const struct gen *g, int i)
{
    return (struct customer *)g->customers.items + i;
}

/* ------------------------------------------------------------- calendar */

/* Spring Festival day of YEAR, or NEVER outside the table. */
static int32_t spring_festival(int year)
{
    int i = year - SPRING_FIRST_YEAR;
    if (i < 0 || i >= N_SPRING)
        return NEVER;
    return cal_from_ymd(year, SPRING_FESTIVAL[i][0], SPRING_FESTIVAL[i][1]);
}

/* How much business happens on DATE (Y-M-D) for the public holidays: the
 * festival week and the week after almost none, 国庆 and 劳动节 little. */
static double holiday_factor(int32_t date, int y, int m, int d)
{
    int32_t f = spring_festival(y);
    if (f != NEVER) {
        int32_t off = date - f;
        if (off >= -9 && off <= -3)
            return 0.7;
        if (off >= -2 && off <= 7)
            return 0.03;
        if (off >= 8 && off <= 14)
            return 0.4;
        if (off >= 15 && off <= 21)
            return 0.8;
    }
    if (m == 10 && d <= 7)
        return 0.08;
    if (m == 5 && d <= 5)
        return 0.15;
    if (m == 1 && d == 1)
        return 0.1;
    return 1.0;
}

/* Fill the per-day weights from start to horizon. */
static void season_init(struct gen *g)
{
    size_t n = (size_t)(g->horizon - g->start + 1);
    g->w_sales = xmalloc(n * sizeof *g->w_sales);
    g->w_work = xmalloc(n * sizeof *g->w_work);
    g->growth = xmalloc(n * sizeof *g->growth);
    for (size_t i = 0; i < n; i++) {
        int32_t date = g->start + (int32_t)i;
        int y, m, d;
        cal_to_ymd(date, &y, &m, &d);
        int wd = cal_weekday(date);
        double hol = holiday_factor(date, y, m, d);
        g->w_work[i] = (wd <= 5 ? 1.0 : wd == 6 ? 0.04 : 0.01) * hol;
        double push = m % 3 == 0 && d > cal_days_in_month(y, m) - 10 ? 1.5 : 1.0;
        g->w_sales[i] = (wd <= 5 ? 1.0 : wd == 6 ? 0.05 : 0.02) * MONTH_FACTOR[m - 1] * push * hol;
        g->growth[i] = dexp(GROWTH_LN * (double)i / 365.25);
    }
}

/* ARR (a per-day weight) on DATE; 0 outside start..horizon. */
static double day_value(const struct gen *g, const double *arr, int32_t date)
{
    if (date < g->start || date > g->horizon)
        return 0;
    return arr[date - g->start];
}

/* DATE or the first business day after it by ARR (w_work or w_sales); not past
 * the horizon. */
static int32_t next_working_in(const struct gen *g, const double *arr, int32_t date)
{
    while (date < g->horizon && day_value(g, arr, date) < 0.3)
        date++;
    return date;
}

/* DATE when ARR (w_work or w_sales) makes it a business day, else the nearest
 * business day before or after it, the side drawn at random, never before
 * FLOOR (so days off do not pile their business onto Mondays). */
static int32_t nearest_day(const struct gen *g, struct rng *r, const double *arr, int32_t date,
                           int32_t floor)
{
    if (day_value(g, arr, date) >= 0.3)
        return date;
    if (rng_chance(r, 0.5))
        for (int32_t d = date - 1; d >= floor && d >= g->start; d--)
            if (day_value(g, arr, d) >= 0.3)
                return d;
    return next_working_in(g, arr, date);
}

/* A business day by ARR drawn uniformly from [LO, HI] (redrawn when it falls
 * on a day off, the nearest one after a few tries). */
static int32_t draw_day(const struct gen *g, struct rng *r, const double *arr, int32_t lo,
                        int32_t hi)
{
    int32_t date = lo;
    for (int tries = 0; tries < 8; tries++) {
        date = lo + rng_range(r, 0, hi - lo);
        if (day_value(g, arr, date) >= 0.3)
            return date;
    }
    return nearest_day(g, r, arr, date, lo);
}

/* Business ramp of a rep who joined after the start: 30% on the first day, full after 4 months. */
static double ramp(const struct gen *g, const struct person *p, int32_t date)
{
    if (p->start <= g->start)
        return 1.0;
    return clampd(0.3 + 0.7 * (double)(date - p->start) / 120.0, 0.3, 1.0);
}

/* ---------------------------------------------------------------- people */

/* A unique Chinese name: surname (common ones more often) and given name. */
static void person_name(struct gen *g, struct rng *r, char *out, size_t size)
{
    for (int tries = 0;; tries++) {
        double u = rng_unit(r);
        const char *surname = SURNAMES[(int)(u * u * N_SURNAMES)];
        const char *given = GIVEN_NAMES[rng_range(r, 0, N_GIVEN_NAMES - 1)];
        if (tries < 100)
            snprintf(out, size, "%s%s", surname, given);
        else /* never in practice: 8,600 names for at most 512 people */
            snprintf(out, size, "%s%s%d", surname, given, tries);
        if (name_set_add(&g->person_names, out))
            return;
    }
}

/* Add a person of ROLE in REGION/TEAM reporting to MANAGER, employed from START,
 * with drawn skill, drive and name; returns its index. */
static int add_person(struct gen *g, struct rng *r, enum role role, int region, int team,
                      int manager, int32_t start)
{
    int index = (int)g->people.n;
    struct person *p = vec_push(&g->people);
    p->role = role;
    p->region = region;
    p->team = team;
    p->manager = manager;
    p->start = start;
    p->end = NEVER;
    p->successor = -1;
    vec_init(&p->book, sizeof(int));
    p->skill = clampd(1.0 + 0.2 * rng_normal(r), 0.6, 1.5);
    p->drive = clampd(0.75 + 0.25 * p->skill + 0.12 * rng_normal(r), 0.6, 1.4);
    p->win_rate = clampd(0.40 + 0.25 * (p->skill - 1.0), 0.25, 0.58);
    if (role != ROLE_REP)
        p->weight = 0; /* managers carry no quota of their own */
    else if (start > g->start)
        p->weight = 8; /* new joiners ramp up */
    else
        p->weight = (int)iround(clampd(10.0 + 5.0 * (p->skill - 1.0) + 0.5 * rng_normal(r), 8, 12));
    person_name(g, r, p->name, sizeof p->name);
    return index;
}

/* Teams of N_SLOTS rep positions, in proportion to the team shares: each
 * position goes to the team furthest below its share. */
static void spread_over_teams(int n_slots, int *slot_team)
{
    int total = 0, count[N_TEAMS] = {0};
    for (int t = 0; t < N_TEAMS; t++)
        total += TEAMS[t].share;
    for (int k = 0; k < n_slots; k++) {
        int best = 0;
        double best_gap = -1e9;
        for (int t = 0; t < N_TEAMS; t++) {
            double gap = (double)TEAMS[t].share * (k + 1) / total - count[t];
            if (gap > best_gap + 1e-9) {
                best_gap = gap;
                best = t;
            }
        }
        count[best]++;
        slot_team[k] = best;
    }
}

struct joiner {
    int32_t start;
    int team;
    int replaces; /* leaver's index, -1 for a growth hire */
};

/* Phase 1: the director, region and team managers, and N_REPS reps (the
 * original ones team by team, then the joiners by start date). */
static void gen_people(struct gen *g, int n_reps)
{
    struct rng r;
    rng_seed(&r, g->seed, 1);
    int n_leave = n_reps >= 10 ? n_reps * 7 / 100 : 0;
    int n_growth = n_reps >= 10 ? n_reps * 5 / 100 : 0;
    int n_slots = n_reps - n_leave;
    int n_orig = n_slots - n_growth;
    int slot_team[N_REPS_MAX];
    spread_over_teams(n_slots, slot_team);

    int director = add_person(g, &r, ROLE_DIRECTOR, -1, -1, -1, g->start);
    person_at(g, director)->number = 1;
    int region_mgr[N_REGIONS], team_mgr[N_TEAMS];
    for (int i = 0; i < N_REGIONS; i++) {
        region_mgr[i] = add_person(g, &r, ROLE_REGION, i, -1, director, g->start);
        person_at(g, region_mgr[i])->number = i + 1;
    }
    for (int t = 0; t < N_TEAMS; t++) {
        int region = TEAMS[t].region;
        team_mgr[t] = add_person(g, &r, ROLE_TEAM, region, t, region_mgr[region], g->start);
        person_at(g, team_mgr[t])->number = t + 1;
    }
    int first_rep = (int)g->people.n, number = 0;
    for (int t = 0; t < N_TEAMS; t++)
        for (int k = 0; k < n_orig; k++)
            if (slot_team[k] == t) {
                int i = add_person(g, &r, ROLE_REP, TEAMS[t].region, t, team_mgr[t], g->start);
                person_at(g, i)->number = ++number;
            }

    /* Leavers: between 8 months in and 2 months before as_of, each replaced the
     * next day; growth hires: from the second year on. */
    struct joiner joiners[N_REPS_MAX];
    int n_joiners = 0;
    int32_t leave_lo = g->start + 240, leave_hi = g->as_of - 60;
    for (int k = 0; k < n_leave; k++) {
        int leaver;
        do
            leaver = first_rep + rng_range(&r, 0, n_orig - 1);
        while (person_at(g, leaver)->end != NEVER);
        struct person *p = person_at(g, leaver);
        p->end = leave_lo + rng_range(&r, 0, leave_hi - leave_lo);
        joiners[n_joiners++] = (struct joiner){p->end + 1, p->team, leaver};
    }
    int32_t hire_lo = g->start + 365, hire_hi = g->as_of - 90;
    for (int k = 0; k < n_growth; k++)
        joiners[n_joiners++] = (struct joiner){hire_lo + rng_range(&r, 0, hire_hi - hire_lo),
                                               slot_team[n_orig + k], -1};
    for (int i = 1; i < n_joiners; i++) /* insertion sort by start, then team */
        for (int j = i; j > 0 && (joiners[j].start < joiners[j - 1].start ||
                                  (joiners[j].start == joiners[j - 1].start &&
                                   joiners[j].team < joiners[j - 1].team));
             j--) {
            struct joiner tmp = joiners[j];
            joiners[j] = joiners[j - 1];
            joiners[j - 1] = tmp;
        }
    for (int k = 0; k < n_joiners; k++) {
        int t = joiners[k].team;
        int i = add_person(g, &r, ROLE_REP, TEAMS[t].region, t, team_mgr[t], joiners[k].start);
        person_at(g, i)->number = ++number;
        if (joiners[k].replaces >= 0)
            person_at(g, joiners[k].replaces)->successor = i;
    }
}

/* The person owning customer C on DATE: its creator, or whoever took over. */
static int owner_at(const struct gen *g, int c, int32_t date)
{
    int p = cust_at(g, c)->creator;
    for (;;) {
        int next = person_at(g, p)->successor;
        if (next < 0 || date < person_at(g, next)->start)
            return p;
        p = next;
    }
}

/* ------------------------------------------------------------- customers */

/* A unique company name: city + brand + line of business + legal form. */
static void customer_name(struct gen *g, struct rng *r, const struct customer *c, int team,
                          char *out, size_t size)
{
    const char *const *biz = INDUSTRIES[c->industry].biz;
    int n_biz = 0;
    while (n_biz < 8 && biz[n_biz])
        n_biz++;
    for (int tries = 0;; tries++) {
        int city = rng_chance(r, 0.55) ? 0 : rng_range(r, 1, 3);
        const char *form = "有限公司";
        if (c->segment == SEG_KEY) {
            double u = rng_unit(r);
            form = u < 0.15 ? "集团有限公司" : u < 0.6 ? "股份有限公司" : "有限公司";
        }
        snprintf(out, size, "%s%s%s%s", TEAMS[team].cities[city],
                 BRANDS[rng_range(r, 0, N_BRANDS - 1)], biz[rng_range(r, 0, n_biz - 1)], form);
        if (tries >= 200) { /* the space is crowded: number the branch */
            size_t len = strlen(out);
            snprintf(out + len, size - len, "第%d分公司", tries - 199);
        }
        if (name_set_add(&g->customer_names, out))
            return;
    }
}

/* Add a customer created by REP on CREATED. */
static void add_customer(struct gen *g, struct rng *r, int rep, int32_t created, bool existing)
{
    static const int existing_seg[3] = {15, 35, 50}, new_seg[3] = {7, 30, 63};
    int ind_w[N_INDUSTRIES];
    for (int i = 0; i < N_INDUSTRIES; i++)
        ind_w[i] = INDUSTRIES[i].weight;
    struct customer c = {0};
    const struct person *p = person_at(g, rep);
    c.segment = rng_pick(r, existing ? existing_seg : new_seg, 3);
    c.industry = rng_pick(r, ind_w, N_INDUSTRIES);
    c.region = p->region;
    c.creator = rep;
    c.existing = existing;
    c.created = created;
    c.buyer_since = existing ? g->start - 30 : NEVER; /* existing: bought before the data starts */
    c.churned = NEVER;
    if (rng_chance(r, 0.18)) {
        int32_t lo = created + 180, hi = g->as_of + 400;
        int32_t day = lo + rng_range(r, 0, hi > lo ? hi - lo : 0);
        if (day <= g->as_of)
            c.churned = day;
    }
    if (c.segment == SEG_KEY) {
        c.tags |= rng_chance(r, 0.7) ? 1u << TAG_KEY : 0;
        c.tags |= rng_chance(r, 0.25) ? 1u << TAG_LISTED : 0;
        c.tags |= rng_chance(r, 0.15) ? 1u << TAG_STRATEGIC : 0;
    } else if (c.segment == SEG_MID) {
        c.tags |= rng_chance(r, 0.2) ? 1u << TAG_POTENTIAL : 0;
        c.tags |= rng_chance(r, 0.1) ? 1u << TAG_CHANNEL : 0;
    }
    c.tags |= rng_chance(r, 0.08) ? 1u << TAG_SWITCH : 0;
    c.tags |= rng_chance(r, 0.05) ? 1u << TAG_GOV : 0;
    c.tags |= existing && rng_chance(r, 0.4) ? 1u << TAG_RENEWAL : 0;
    customer_name(g, r, &c, p->team, c.name, sizeof c.name);
    *(struct customer *)vec_push(&g->customers) = c;
}

/* Phase 2: the original reps' books (entered in the CRM's first two weeks) and
 * new customers won on working days; then every owner's list of customers. */
static void gen_customers(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, 2);
    for (int i = 0; i < (int)g->people.n; i++) {
        const struct person *p = person_at(g, i);
        if (p->role != ROLE_REP)
            continue;
        if (p->start == g->start) {
            int n = (int)iround(clampd(6.0 + 4.0 * p->skill + 1.5 * rng_normal(&r), 3, 20));
            for (int k = 0; k < n; k++)
                add_customer(g, &r, i, draw_day(g, &r, g->w_work, g->start, g->start + 13), true);
        }
        int32_t last = p->end < g->as_of ? p->end : g->as_of;
        for (int32_t d = p->start; d <= last; d++) {
            double rate = RATE_ACQUIRE * person_at(g, i)->drive * day_value(g, g->w_work, d) *
                          day_value(g, g->growth, d) * ramp(g, person_at(g, i), d);
            if (rng_chance(&r, rate))
                add_customer(g, &r, i, d, false);
        }
    }
    size_t longest = 1;
    for (int c = 0; c < (int)g->customers.n; c++)
        for (int p = cust_at(g, c)->creator; p >= 0; p = person_at(g, p)->successor) {
            struct vec *book = &person_at(g, p)->book;
            *(int *)vec_push(book) = c;
            if (book->n > longest)
                longest = book->n;
        }
    g->scratch = xmalloc(longest * sizeof *g->scratch);
}

/*
 * A customer of REP drawn with weight SEG_W[segment]: owned by REP on OWN_DAY,
 * created by DAY and not churned; with BUYERS, buying for 14 days or more.
 * -1 when there is none.
 */
static int pick_customer(struct gen *g, struct rng *r, int rep, int32_t own_day, int32_t day,
                         bool buyers, const int seg_w[3])
{
    const struct vec *book = &person_at(g, rep)->book;
    const int *ids = book->items;
    for (size_t i = 0; i < book->n; i++) {
        const struct customer *c = cust_at(g, ids[i]);
        bool ok = c->created <= day && c->churned > day &&
                  (!buyers || c->buyer_since <= day - 14) && owner_at(g, ids[i], own_day) == rep;
        g->scratch[i] = ok ? seg_w[c->segment] : 0;
    }
    int k = rng_pick(r, g->scratch, (int)book->n);
    return k < 0 ? -1 : ids[k];
}

/* ----------------------------------------------------------------- deals */

/* Add a deal of customer C owned by OWNER, created on CREATED, decided on
 * DECISION: won or lost by then, or still open when that is after as_of. */
static void add_deal(struct gen *g, struct rng *r, int c, int owner, int32_t created,
                     int32_t decision, int purpose)
{
    static const double median[3] = {500000, 150000, 45000}; /* yuan */
    const struct customer *cu = cust_at(g, c);
    int w[N_PRODUCTS];
    for (int i = 0; i < N_PRODUCTS; i++)
        w[i] = PRODUCTS[i].deal_w[cu->segment];
    struct deal d = {0};
    d.customer = c;
    d.owner = owner;
    d.purpose = purpose;
    d.product = rng_pick(r, w, N_PRODUCTS);
    double yuan = median[cu->segment] * dexp(0.65 * rng_normal(r));
    for (int tries = 0; tries < 20 && (yuan < 28000 || yuan > 2000000); tries++)
        yuan = median[cu->segment] * dexp(0.65 * rng_normal(r)); /* log-normal, truncated */
    yuan = clampd(yuan, 28000, 2000000);
    d.amount = iround(yuan / 100.0) * 100 * YUAN;
    d.created = created;
    d.seq = g->deals.n;
    if (decision > g->as_of) {
        double progress = (double)(g->as_of - created) / (double)(decision - created);
        d.stage = progress < 0.3 ? 0 : progress < 0.55 ? 1 : progress < 0.8 ? 2 : 3;
        d.expected = decision;
        d.closed = NEVER;
    } else if (decision > g->as_of - 21 && rng_chance(r, 0.35)) {
        d.stage = STAGE_NEGOTIATION; /* slipping past its expected close */
        d.expected = decision;
        d.closed = NEVER;
    } else {
        double p = person_at(g, owner)->win_rate;
        p += cu->segment == SEG_KEY ? -0.06 : cu->segment == SEG_SMALL ? 0.04 : 0;
        d.stage = rng_chance(r, p) ? STAGE_WON : STAGE_LOST;
        d.closed = decision;
        d.expected = decision + rng_range(r, -25, 10);
        if (d.expected < created + 10)
            d.expected = created + 10;
    }
    *(struct deal *)vec_push(&g->deals) = d;
}

/* Phase 3: a first deal for each new customer, and each rep's pipeline: deals
 * decided on sales days (decisions after as_of are the open pipeline). */
static void gen_deals(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, 3);
    for (int c = 0; c < (int)g->customers.n; c++) {
        const struct customer *cu = cust_at(g, c);
        if (cu->existing)
            continue;
        int32_t created = draw_day(g, &r, g->w_work, cu->created, cu->created + 10);
        if (created > g->as_of)
            continue;
        int longer = cu->segment == SEG_KEY ? 30 : 0;
        int32_t decision =
            draw_day(g, &r, g->w_sales, created + 20 + longer, created + 100 + longer);
        int owner = owner_at(g, c, decision < g->as_of ? decision : g->as_of);
        add_deal(g, &r, c, owner, created, decision, 0);
    }
    static const int seg_w[3] = {3, 2, 1};
    for (int i = 0; i < (int)g->people.n; i++) {
        if (person_at(g, i)->role != ROLE_REP)
            continue;
        int32_t last = person_at(g, i)->end < g->horizon ? person_at(g, i)->end : g->horizon;
        for (int32_t d = person_at(g, i)->start; d <= last; d++) {
            const struct person *p = person_at(g, i);
            double lambda = RATE_DEAL * p->drive * day_value(g, g->w_sales, d) *
                            day_value(g, g->growth, d) * ramp(g, p, d);
            for (int k = rng_poisson(&r, lambda); k > 0; k--) {
                double u = rng_unit(&r);
                int32_t created = d - 15 - (int32_t)(105.0 * u * u);
                if (created < g->start) /* in the pipeline when the CRM went live */
                    created = draw_day(g, &r, g->w_work, g->start, g->start + 9);
                if (created > g->as_of || created > d - 7)
                    continue;
                int c = pick_customer(g, &r, i, d, created, false, seg_w);
                if (c >= 0)
                    add_deal(g, &r, c, i, created, d, rng_range(&r, 1, N_PURPOSES - 1));
            }
        }
    }
}

/* ---------------------------------------------------------------- orders */

/* Start an order of customer C on DATE by OWNER; lines are added after. */
static struct order *new_order(struct gen *g, int c, int owner, int32_t date)
{
    struct order *o = vec_push(&g->orders);
    o->customer = c;
    o->owner = owner;
    o->owner2 = -1;
    o->date = date;
    o->first_line = g->lines.n;
    o->seq = g->orders.n - 1;
    struct customer *cu = cust_at(g, c);
    if (date < cu->buyer_since)
        cu->buyer_since = date;
    return o;
}

/* Add a line of PRODUCT to the last order. */
static void add_line(struct gen *g, int product, int quantity, int64_t amount)
{
    struct line *l = vec_push(&g->lines);
    l->product = product;
    l->quantity = quantity;
    l->amount = amount;
    struct order *o = (struct order *)g->orders.items + g->orders.n - 1;
    o->n_lines++;
    o->total += amount;
}

/* A teammate of REP employed on DATE, or -1. */
static int teammate(const struct gen *g, struct rng *r, int rep, int32_t date)
{
    int candidates[N_REPS_MAX], n = 0;
    for (int i = 0; i < (int)g->people.n && n < N_REPS_MAX; i++) {
        const struct person *p = person_at(g, i);
        if (i != rep && p->role == ROLE_REP && p->team == person_at(g, rep)->team &&
            p->start <= date && p->end >= date)
            candidates[n++] = i;
    }
    return n ? candidates[rng_range(r, 0, n - 1)] : -1;
}

/* The order of AMOUNT for won deal D on DATE: the deal's product, and for
 * larger deals services or hardware on extra lines; a big one now and then
 * shared with a teammate (split credit). */
static void add_deal_order(struct gen *g, struct rng *r, const struct deal *d, int32_t date,
                           int64_t amount)
{
    int owner = owner_at(g, d->customer, date);
    struct order *o = new_order(g, d->customer, owner, date);
    if (amount >= 300000 * YUAN && rng_chance(r, 0.12)) {
        o->owner2 = teammate(g, r, owner, date);
        o->share = rng_chance(r, 0.5) ? 70 : 60;
    }
    int n_add = amount < 50000 * YUAN ? 0 : rng_range(r, 0, 2);
    int64_t main_amount = n_add ? amount * rng_range(r, 60, 85) / 100 : amount;
    int64_t left = amount - main_amount;
    int products[3] = {d->product, -1, -1};
    int64_t amounts[3] = {main_amount, 0, 0};
    int n = 1;
    for (int k = 0; k < n_add; k++) {
        int p = ADD_ONS[rng_range(r, 0, N_ADD_ONS - 1)];
        bool dup = false;
        for (int j = 0; j < n; j++)
            dup = dup || products[j] == p;
        if (dup)
            continue;
        products[n] = p;
        amounts[n] = k == n_add - 1 ? left : left * rng_range(r, 30, 70) / 100;
        left -= amounts[n];
        n++;
    }
    amounts[0] += left; /* whatever a skipped duplicate left over */
    for (int k = 0; k < n; k++) {
        int64_t q = iround((double)amounts[k] / (double)PRODUCTS[products[k]].price);
        add_line(g, products[k], q < 1 ? 1 : (int)q, amounts[k]);
    }
}

/* A repeat order of customer C by REP on DATE: 1–4 lines of products that fit
 * the customer's segment, at its usual discount. */
static void add_repeat_order(struct gen *g, struct rng *r, int c, int rep, int32_t date)
{
    static const int n_lines_w[4] = {45, 30, 15, 10};
    static const int disc_lo[3] = {75, 85, 90}, disc_hi[3] = {90, 95, 100};
    int seg = cust_at(g, c)->segment;
    new_order(g, c, rep, date);
    int w[N_PRODUCTS];
    for (int i = 0; i < N_PRODUCTS; i++)
        w[i] = PRODUCTS[i].repeat_w[seg];
    int discount = rng_range(r, disc_lo[seg], disc_hi[seg]);
    int n_lines = 1 + rng_pick(r, n_lines_w, 4);
    for (int k = 0; k < n_lines; k++) {
        int p = rng_pick(r, w, N_PRODUCTS);
        if (p < 0)
            break;
        w[p] = 0; /* one line per product */
        const struct product_def *pd = &PRODUCTS[p];
        int span = pd->qty_max - pd->qty_min;
        int lo = pd->qty_min + (seg == SEG_KEY ? span / 3 : 0);
        int hi = pd->qty_min + (seg == SEG_SMALL ? span / 3 : seg == SEG_MID ? 2 * span / 3 : span);
        int q = rng_range(r, lo, hi);
        add_line(g, p, q, pd->price * q * discount / 100);
    }
}

/* qsort order of orders: by date, then in the order they were made. */
static int cmp_order(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Phase 4: orders of won deals (a big one in two parts), then repeat business
 * of buying customers per rep and sales day; sorted by date. */
static void gen_orders(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, 4);
    for (size_t i = 0; i < g->deals.n; i++) {
        const struct deal d = ((const struct deal *)g->deals.items)[i];
        if (d.stage != STAGE_WON)
            continue;
        int32_t date = draw_day(g, &r, g->w_sales, d.closed, d.closed + 7);
        if (date > g->as_of)
            continue; /* won, not booked yet */
        if (d.amount >= 600000 * YUAN && rng_chance(&r, 0.5)) {
            int64_t first = d.amount * 6 / 10 / (100 * YUAN) * (100 * YUAN);
            add_deal_order(g, &r, &d, date, first);
            int32_t second = draw_day(g, &r, g->w_sales, date + 45, date + 100);
            if (second <= g->as_of)
                add_deal_order(g, &r, &d, second, d.amount - first);
        } else {
            add_deal_order(g, &r, &d, date, d.amount);
        }
    }
    static const int seg_w[3] = {5, 2, 1};
    for (int i = 0; i < (int)g->people.n; i++) {
        if (person_at(g, i)->role != ROLE_REP)
            continue;
        int32_t last = person_at(g, i)->end < g->as_of ? person_at(g, i)->end : g->as_of;
        for (int32_t d = person_at(g, i)->start; d <= last; d++) {
            const struct person *p = person_at(g, i);
            double lambda = RATE_REPEAT * p->skill * day_value(g, g->w_sales, d) *
                            day_value(g, g->growth, d) * ramp(g, p, d);
            for (int k = rng_poisson(&r, lambda); k > 0; k--) {
                int c = pick_customer(g, &r, i, d, d, true, seg_w);
                if (c >= 0)
                    add_repeat_order(g, &r, c, i, d);
            }
        }
    }
    qsort(g->orders.items, g->orders.n, sizeof(struct order), cmp_order);
}

/* -------------------------------------------------------------- payments */

/* A payment of AMOUNT for the ORDER-th order, LO..HI days after it. */
static void add_payment(struct gen *g, struct rng *r, size_t order, int lo, int hi, int64_t amount)
{
    const struct order *o = (const struct order *)g->orders.items + order;
    int32_t date = draw_day(g, r, g->w_work, o->date + lo, o->date + hi);
    if (date > o->date + 90)
        date = o->date + 90;
    if (date > g->as_of)
        return; /* not paid yet */
    struct payment *p = vec_push(&g->payments);
    p->order = order;
    p->date = date;
    p->amount = amount;
    p->seq = g->payments.n - 1;
}

/* qsort order of payments: by date, order, then the order they were made. */
static int cmp_payment(const void *a, const void *b)
{
    const struct payment *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Phase 5: 回款. Most orders are paid in one instalment, bigger ones often in
 * two (30% deposit, then the rest), 0–90 days after the order — small
 * customers soon, key accounts late; a few are paid in part or not at all. */
static void gen_payments(struct gen *g)
{
    static const int delay_lo[3] = {30, 10, 0}, delay_hi[3] = {90, 60, 25};
    struct rng r;
    rng_seed(&r, g->seed, 5);
    for (size_t i = 0; i < g->orders.n; i++) {
        const struct order o = ((const struct order *)g->orders.items)[i];
        int seg = cust_at(g, o.customer)->segment;
        double u = rng_unit(&r);
        if (u < 0.04)
            continue; /* disputed, never paid */
        bool partial = u < 0.09;
        if (o.total >= 100000 * YUAN && rng_chance(&r, 0.45)) {
            int64_t deposit = o.total * 3 / 10;
            add_payment(g, &r, i, 0, 15, deposit);
            if (!partial)
                add_payment(g, &r, i, 30, 90, o.total - deposit);
        } else {
            add_payment(g, &r, i, delay_lo[seg], delay_hi[seg], partial ? o.total / 2 : o.total);
        }
    }
    qsort(g->payments.items, g->payments.n, sizeof(struct payment), cmp_payment);
}

/* ------------------------------------------------------------ activities */

/* qsort order of activities: by date, then the order they were made. */
static int cmp_activity(const void *a, const void *b)
{
    const struct activity *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Phase 6: calls, visits, meetings and e-mails per rep and working day, more
 * for reps with more drive, each with a customer of the rep's book. */
static void gen_activities(struct gen *g)
{
    static const int seg_w[3] = {3, 2, 1};
    int type_w[N_ACTIVITY_TYPES];
    for (int t = 0; t < N_ACTIVITY_TYPES; t++)
        type_w[t] = ACTIVITIES[t].weight;
    struct rng r;
    rng_seed(&r, g->seed, 6);
    for (int i = 0; i < (int)g->people.n; i++) {
        if (person_at(g, i)->role != ROLE_REP)
            continue;
        int32_t last = person_at(g, i)->end < g->as_of ? person_at(g, i)->end : g->as_of;
        for (int32_t d = person_at(g, i)->start; d <= last; d++) {
            const struct person *p = person_at(g, i);
            double lambda = RATE_ACTIVITY * p->drive * day_value(g, g->w_work, d) * ramp(g, p, d);
            for (int k = rng_poisson(&r, lambda); k > 0; k--) {
                int c = pick_customer(g, &r, i, d, d, false, seg_w);
                if (c < 0)
                    continue;
                int type = rng_pick(&r, type_w, N_ACTIVITY_TYPES);
                int n_notes = 0;
                while (n_notes < 10 && ACTIVITIES[type].notes[n_notes])
                    n_notes++;
                struct activity *a = vec_push(&g->activities);
                a->owner = i;
                a->customer = c;
                a->type = type;
                a->note = rng_range(&r, 0, n_notes - 1);
                a->date = d;
                a->seq = g->activities.n - 1;
            }
        }
    }
    qsort(g->activities.items, g->activities.n, sizeof(struct activity), cmp_activity);
}

/* --------------------------------------------------------------- surveys */

/* Add a survey of customer C credited to OWNER. */
static void add_survey(struct gen *g, int c, int owner, int32_t date, int score, int scale)
{
    struct survey *s = vec_push(&g->surveys);
    s->customer = c;
    s->owner = owner;
    s->date = date;
    s->score = score;
    s->scale = scale;
    s->seq = g->surveys.n - 1;
}

/* qsort order of surveys: by date, then the order they were made. */
static int cmp_survey(const void *a, const void *b)
{
    const struct survey *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Phase 7: a satisfaction survey (1–5) after some orders, scores better for
 * better reps; and NPS waves (0–10) in June and December over the customers
 * buying then. */
static void gen_surveys(struct gen *g)
{
    static const int nps_w[11] = {1, 1, 1, 1, 2, 4, 5, 10, 18, 25, 32};
    struct rng r;
    rng_seed(&r, g->seed, 7);
    for (size_t i = 0; i < g->orders.n; i++) {
        const struct order *o = (const struct order *)g->orders.items + i;
        if (!rng_chance(&r, CSAT_SHARE))
            continue;
        int32_t date = draw_day(g, &r, g->w_work, o->date + 7, o->date + 30);
        if (date > g->as_of)
            continue;
        double x = rng_unit(&r) + 0.25 * (person_at(g, o->owner)->skill - 1.0);
        int score = x < 0.03 ? 1 : x < 0.08 ? 2 : x < 0.20 ? 3 : x < 0.55 ? 4 : 5;
        add_survey(g, o->customer, o->owner, date, score, 5);
    }
    for (int y = g->first_year; y <= g->first_year + 2; y++)
        for (int wave = 0; wave < 2; wave++) {
            int32_t open = cal_from_ymd(y, wave ? 12 : 6, wave ? 1 : 10);
            if (open > g->as_of)
                continue;
            for (int c = 0; c < (int)g->customers.n; c++) {
                const struct customer *cu = cust_at(g, c);
                if (cu->buyer_since > open || cu->churned <= open || !rng_chance(&r, NPS_SHARE))
                    continue;
                int32_t date = draw_day(g, &r, g->w_work, open, open + 14);
                if (date <= g->as_of)
                    add_survey(g, c, owner_at(g, c, date), date, rng_pick(&r, nps_w, 11), 10);
            }
        }
    qsort(g->surveys.items, g->surveys.n, sizeof(struct survey), cmp_survey);
}

/* --------------------------------------------------------------- markets */

/* Phase 8: market size per region and year: the first year's revenue over a
 * share of 6–12%, growing 8% a year, in whole 百万 (millions of yuan). */
static void gen_markets(struct gen *g)
{
    struct rng r;
    rng_seed(&r, g->seed, 8);
    int64_t revenue[N_REGIONS] = {0};
    for (size_t i = 0; i < g->orders.n; i++) {
        const struct order *o = (const struct order *)g->orders.items + i;
        int y, m, d;
        cal_to_ymd(o->date, &y, &m, &d);
        if (y == g->first_year)
            revenue[person_at(g, o->owner)->region] += o->total;
    }
    const int64_t million = 1000000;
    for (int k = 0; k < N_REGIONS; k++) {
        int share = rng_range(&r, 6, 12);
        int64_t size = revenue[k] / YUAN * 100 / share;
        size = (size + million / 2) / million * million;
        if (size < 50 * million)
            size = 50 * million;
        for (int y = 0; y < 3; y++) {
            g->market[k][y] = size;
            size = (size * 108 / 100 + million / 2) / million * million;
        }
    }
}

/* ---------------------------------------------------------------- output */

/* A CSV file being built in memory; the first append failure sticks. */
struct out {
    struct buf buf;
    enum at_status status;
    bool mid_row;
};

/* Append N bytes of S as they are. */
static void out_raw(struct out *o, const char *s, size_t n)
{
    if (o->status == AT_OK)
        o->status = buf_append(&o->buf, s, n);
}

/* Append field S, quoted per RFC 4180 where needed (csv_write_field). */
static void out_field(struct out *o, const char *s)
{
    if (o->mid_row)
        out_raw(o, ",", 1);
    o->mid_row = true;
    if (o->status == AT_OK)
        csv_write_field(&o->buf, s, ',');
}

static void out_fmt(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append one formatted field (at most 255 bytes). */
static void out_fmt(struct out *o, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    out_field(o, tmp);
}

/* Append a date field "YYYY-MM-DD". */
static void out_date(struct out *o, int32_t date)
{
    char tmp[CAL_DATE_LEN];
    out_field(o, cal_format(date, tmp));
}

/* Append a non-negative amount of fen as yuan with two decimals. */
static void out_money(struct out *o, int64_t fen)
{
    out_fmt(o, "%lld.%02lld", (long long)(fen / YUAN), (long long)(fen % YUAN));
}

/* Append the id of person PERSON ("P0001"). */
static void out_person(struct out *o, int person)
{
    out_fmt(o, "P%04d", person + 1);
}

/* Append the id of customer C ("C00001", by its rank). */
static void out_customer(struct out *o, const struct gen *g, int c)
{
    out_fmt(o, "C%05d", cust_at(g, c)->rank + 1);
}

/* Append S as it is (a header line). */
static void out_line(struct out *o, const char *s)
{
    out_raw(o, s, strlen(s));
}

/* End the current row. */
static void out_end_row(struct out *o)
{
    out_line(o, "\n");
    o->mid_row = false;
}

/* Write O's bytes to DIR/NAME. Errors: AT_IO naming the file; AT_INVALID when
 * the data outgrew its buffer. */
static enum at_status out_save(struct out *o, const char *dir, const char *name, struct at_err *err)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return at_err_set(err, AT_INVALID, "%s/%s: path too long", dir, name);
    if (o->status != AT_OK)
        return at_err_set(err, o->status, "%s: demo data too large", path);
    FILE *f = fopen(path, "wb");
    if (!f)
        return at_err_set(err, AT_IO, "%s: cannot write: %s", path, strerror(errno));
    size_t len = o->buf.len;
    if (len && fwrite(o->buf.data, 1, len, f) != len) {
        int e = errno;
        fclose(f);
        return at_err_set(err, AT_IO, "%s: write failed: %s", path, strerror(e));
    }
    if (fclose(f) != 0)
        return at_err_set(err, AT_IO, "%s: write failed: %s", path, strerror(errno));
    return AT_OK;
}

/* people.csv: managers before the people reporting to them. */
static void put_people(struct out *o, const struct gen *g)
{
    out_line(o, "id,name,employee_no,unit,manager,email,title,weight,active\n");
    for (int i = 0; i < (int)g->people.n; i++) {
        const struct person *p = person_at(g, i);
        out_person(o, i);
        out_field(o, p->name);
        out_fmt(o, "HX%04d", 1001 + i);
        out_field(o, p->role == ROLE_DIRECTOR ? HQ_UNIT
                     : p->role == ROLE_REGION ? REGIONS[p->region]
                                              : TEAMS[p->team].path);
        if (p->manager >= 0)
            out_person(o, p->manager);
        else
            out_field(o, "");
        switch (p->role) {
        case ROLE_DIRECTOR:
            out_field(o, "director@huaxin.example.com");
            break;
        case ROLE_REGION:
            out_fmt(o, "region%d@huaxin.example.com", p->number);
            break;
        case ROLE_TEAM:
            out_fmt(o, "manager%02d@huaxin.example.com", p->number);
            break;
        case ROLE_REP:
            out_fmt(o, "rep%03d@huaxin.example.com", p->number);
            break;
        }
        out_field(o, TITLES[p->role]);
        if (p->weight % 10)
            out_fmt(o, "%d.%d", p->weight / 10, p->weight % 10);
        else
            out_fmt(o, "%d", p->weight / 10);
        out_field(o, p->end <= g->as_of ? "no" : "yes");
        out_end_row(o);
    }
}

/* Rank customers by (created, index) into their rank fields; returns the
 * indices in rank order (caller frees). */
static int *rank_customers(struct gen *g)
{
    int n = (int)g->customers.n;
    int *order = xmalloc((size_t)(n ? n : 1) * sizeof *order);
    int *count = xcalloc((size_t)(g->as_of - g->start + 2), sizeof *count);
    /* counting sort by created day keeps the index order within a day */
    for (int c = 0; c < n; c++)
        count[cust_at(g, c)->created - g->start + 1]++;
    for (int32_t d = 1; d <= g->as_of - g->start + 1; d++)
        count[d] += count[d - 1];
    for (int c = 0; c < n; c++) {
        int pos = count[cust_at(g, c)->created - g->start]++;
        order[pos] = c;
        cust_at(g, c)->rank = pos;
    }
    free(count);
    return order;
}

/* customers.csv in ORDER (by created date), with the owner as of as_of. */
static void put_customers(struct out *o, const struct gen *g, const int *order)
{
    out_line(o, "id,name,segment,region,industry,tags,owner,created\n");
    for (size_t k = 0; k < g->customers.n; k++) {
        const struct customer *c = cust_at(g, order[k]);
        out_customer(o, g, order[k]);
        out_field(o, c->name);
        out_field(o, SEGMENTS[c->segment]);
        out_field(o, REGIONS[c->region]);
        out_field(o, INDUSTRIES[c->industry].name);
        char tags[128] = "";
        size_t len = 0;
        for (int t = 0; t < N_TAGS; t++)
            if (c->tags & (1u << t))
                len += (size_t)snprintf(tags + len, sizeof tags - len, "%s%s", len ? ";" : "",
                                        TAGS[t]);
        out_field(o, tags);
        out_person(o, owner_at(g, order[k], g->as_of));
        out_date(o, c->created);
        out_end_row(o);
    }
}

/* qsort order of deals: by created date, then the order they were made. */
static int cmp_deal(const void *a, const void *b)
{
    const struct deal *x = a, *y = b;
    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* deals.csv, by created date (sorts the deals). */
static void put_deals(struct out *o, struct gen *g)
{
    qsort(g->deals.items, g->deals.n, sizeof(struct deal), cmp_deal);
    out_line(o, "id,name,customer,owner,product,amount,currency,stage,status,probability,"
                "created,expected_close,closed\n");
    for (size_t i = 0; i < g->deals.n; i++) {
        const struct deal *d = (const struct deal *)g->deals.items + i;
        out_fmt(o, "D%06zu", i + 1);
        out_fmt(o, "%s – %s", cust_at(g, d->customer)->name, PURPOSES[d->purpose]);
        out_customer(o, g, d->customer);
        out_person(o, d->owner);
        out_field(o, PRODUCTS[d->product].name);
        out_money(o, d->amount);
        out_field(o, "CNY");
        out_field(o, STAGES[d->stage].name);
        out_field(o, d->stage == STAGE_WON ? "won" : d->stage == STAGE_LOST ? "lost" : "open");
        out_fmt(o, "%d%%", STAGES[d->stage].probability);
        out_date(o, d->created);
        out_date(o, d->expected);
        if (d->closed != NEVER)
            out_date(o, d->closed);
        else
            out_field(o, "");
        out_end_row(o);
    }
}

/* The owner field of order O: one id, or two with their shares. */
static void out_order_owner(struct out *o, const struct order *ord)
{
    if (ord->owner2 < 0)
        out_person(o, ord->owner);
    else
        out_fmt(o, "P%04d:%d%%;P%04d:%d%%", ord->owner + 1, ord->share, ord->owner2 + 1,
                100 - ord->share);
}

/* orders.csv: one row per order line, orders by date. */
static void put_orders(struct out *o, const struct gen *g)
{
    out_line(o, "id,line,date,customer,owner,product,quantity,amount,currency\n");
    const struct line *lines = g->lines.items;
    for (size_t i = 0; i < g->orders.n; i++) {
        const struct order *ord = (const struct order *)g->orders.items + i;
        for (size_t k = 0; k < ord->n_lines; k++) {
            const struct line *l = &lines[ord->first_line + k];
            out_fmt(o, "SO%06zu", i + 1);
            out_fmt(o, "%zu", k + 1);
            out_date(o, ord->date);
            out_customer(o, g, ord->customer);
            out_order_owner(o, ord);
            out_field(o, PRODUCTS[l->product].name);
            out_fmt(o, "%d", l->quantity);
            out_money(o, l->amount);
            out_field(o, "CNY");
            out_end_row(o);
        }
    }
}

/* payments.csv, by date. */
static void put_payments(struct out *o, const struct gen *g)
{
    out_line(o, "id,date,customer,owner,order,amount,currency\n");
    for (size_t i = 0; i < g->payments.n; i++) {
        const struct payment *p = (const struct payment *)g->payments.items + i;
        const struct order *ord = (const struct order *)g->orders.items + p->order;
        out_fmt(o, "PM%06zu", i + 1);
        out_date(o, p->date);
        out_customer(o, g, ord->customer);
        out_order_owner(o, ord);
        out_fmt(o, "SO%06zu", p->order + 1);
        out_money(o, p->amount);
        out_field(o, "CNY");
        out_end_row(o);
    }
}

/* activities.csv, by date. */
static void put_activities(struct out *o, const struct gen *g)
{
    out_line(o, "id,type,date,owner,customer,note\n");
    for (size_t i = 0; i < g->activities.n; i++) {
        const struct activity *a = (const struct activity *)g->activities.items + i;
        out_fmt(o, "AC%06zu", i + 1);
        out_field(o, ACTIVITIES[a->type].type);
        out_date(o, a->date);
        out_person(o, a->owner);
        out_customer(o, g, a->customer);
        out_field(o, ACTIVITIES[a->type].notes[a->note]);
        out_end_row(o);
    }
}

/* surveys.csv, by date. */
static void put_surveys(struct out *o, const struct gen *g)
{
    out_line(o, "id,date,customer,owner,score,scale\n");
    for (size_t i = 0; i < g->surveys.n; i++) {
        const struct survey *s = (const struct survey *)g->surveys.items + i;
        out_fmt(o, "SV%06zu", i + 1);
        out_date(o, s->date);
        out_customer(o, g, s->customer);
        out_person(o, s->owner);
        out_fmt(o, "%d", s->score);
        out_fmt(o, "%d", s->scale);
        out_end_row(o);
    }
}

/* markets.csv: each region's market size for each of the three years. */
static void put_markets(struct out *o, const struct gen *g)
{
    out_line(o, "unit,period,amount,currency\n");
    for (int k = 0; k < N_REGIONS; k++)
        for (int y = 0; y < 3; y++) {
            out_field(o, REGIONS[k]);
            out_fmt(o, "%d", g->first_year + y);
            out_fmt(o, "%lld", (long long)g->market[k][y]);
            out_field(o, "CNY");
            out_end_row(o);
        }
}

/* Units the people file's paths create: 总部 and every prefix of a team path. */
static long count_units(void)
{
    long n = 1; /* 总部 */
    for (int t = 0; t < N_TEAMS; t++)
        for (size_t len = 1; TEAMS[t].path[len - 1]; len++) {
            char end = TEAMS[t].path[len];
            if (end != '/' && end != '\0')
                continue;
            bool seen = false; /* the same prefix in an earlier team's path */
            for (int k = 0; k < t && !seen; k++)
                seen = strncmp(TEAMS[k].path, TEAMS[t].path, len) == 0 &&
                       (TEAMS[k].path[len] == '/' || TEAMS[k].path[len] == '\0');
            n += !seen;
        }
    return n;
}

/* -------------------------------------------------------------------- API */

enum at_status demo_data_write(const char *dir, const struct demo_options *opt,
                               struct demo_counts *counts, struct at_err *err)
{
    if (!dir || !opt)
        return at_err_set(err, AT_INVALID, "demo data: no directory or options");
    int n_reps = opt->n_reps ? opt->n_reps : N_REPS_DEFAULT;
    if (n_reps < 1 || n_reps > N_REPS_MAX)
        return at_err_set(err, AT_INVALID, "demo data: reps must be 1..%d, not %d", N_REPS_MAX,
                          opt->n_reps);
    if (opt->as_of < cal_from_ymd(3, 1, 1) || opt->as_of > cal_from_ymd(9998, 12, 31))
        return at_err_set(err, AT_INVALID, "demo data: as-of date out of range");

    enum at_status st = AT_OK;
    struct gen g;
    memset(&g, 0, sizeof g);
    int y, m, d;
    cal_to_ymd(opt->as_of, &y, &m, &d);
    g.first_year = y - 2;
    g.start = cal_from_ymd(y - 2, 1, 1);
    g.as_of = opt->as_of;
    g.horizon = opt->as_of + OPEN_HORIZON;
    g.seed = opt->seed;
    vec_init(&g.people, sizeof(struct person));
    vec_init(&g.customers, sizeof(struct customer));
    vec_init(&g.deals, sizeof(struct deal));
    vec_init(&g.orders, sizeof(struct order));
    vec_init(&g.lines, sizeof(struct line));
    vec_init(&g.payments, sizeof(struct payment));
    vec_init(&g.activities, sizeof(struct activity));
    vec_init(&g.surveys, sizeof(struct survey));
    season_init(&g);

    gen_people(&g, n_reps);
    gen_customers(&g);
    gen_deals(&g);
    gen_orders(&g);
    gen_payments(&g);
    gen_activities(&g);
    gen_surveys(&g);
    gen_markets(&g);
    int *cust_order = rank_customers(&g);

    static const char *const files[] = {"people.csv",  "customers.csv", "deals.csv",
                                        "orders.csv",  "payments.csv",  "activities.csv",
                                        "surveys.csv", "markets.csv"};
    struct out o;
    buf_init(&o.buf, 0);
    for (size_t f = 0; f < sizeof files / sizeof files[0] && st == AT_OK; f++) {
        buf_reset(&o.buf);
        o.status = AT_OK;
        o.mid_row = false;
        switch (f) {
        case 0:
            put_people(&o, &g);
            break;
        case 1:
            put_customers(&o, &g, cust_order);
            break;
        case 2:
            put_deals(&o, &g);
            break;
        case 3:
            put_orders(&o, &g);
            break;
        case 4:
            put_payments(&o, &g);
            break;
        case 5:
            put_activities(&o, &g);
            break;
        case 6:
            put_surveys(&o, &g);
            break;
        default:
            put_markets(&o, &g);
            break;
        }
        st = out_save(&o, dir, files[f], err);
    }
    buf_free(&o.buf);

    if (st == AT_OK && counts) {
        counts->units = count_units();
        counts->people = (long)g.people.n;
        counts->customers = (long)g.customers.n;
        counts->deals = (long)g.deals.n;
        counts->orders = (long)g.orders.n;
        counts->order_lines = (long)g.lines.n;
        counts->payments = (long)g.payments.n;
        counts->activities = (long)g.activities.n;
        counts->surveys = (long)g.surveys.n;
        counts->markets = N_REGIONS * 3;
    }

    free(cust_order);
    for (size_t i = 0; i < g.people.n; i++)
        vec_free(&person_at(&g, (int)i)->book);
    vec_free(&g.people);
    vec_free(&g.customers);
    vec_free(&g.deals);
    vec_free(&g.orders);
    vec_free(&g.lines);
    vec_free(&g.payments);
    vec_free(&g.activities);
    vec_free(&g.surveys);
    name_set_free(&g.person_names);
    name_set_free(&g.customer_names);
    free(g.scratch);
    free(g.w_sales);
    free(g.w_work);
    free(g.growth);
    return st;
}
