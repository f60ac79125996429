/* demo.c — generate the demo company into a temporary folder and import it. */
#include "app/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/demo_data.h"
#include "app/demo_loop.h"
#include "app/demo_users.h"
#include "app/demo_tmp.h"
#include "app/goals.h"
#include "app/split.h"
#include "base/str.h"
#include "store/db.h"

/* Add a goal from fields; *ID gets its id. */
static enum at_status demo_goal(struct app *app, struct goal_fields *f, int64_t *id,
                                struct at_err *err)
{
    struct goal g;
    struct goal_meta m;
    enum at_status st = app_goal_build(app, f, "zh", &g, &m, err);
    if (!st) {
        snprintf(m.origin, sizeof m.origin, "demo");
        st = app_goal_save(app, &g, &m, err);
    }
    if (!st && id)
        *id = g.id;
    return st;
}

/* Split goal ID and save; IDS (may be NULL) gets the children's ids. */
static enum at_status demo_split(struct app *app, int64_t id, const char *over, const char *method,
                                 int64_t **ids, size_t *n, struct at_err *err)
{
    struct split_plan plan;
    enum at_status st = app_goal_split_plan(app, id, over, method, NULL, &plan, err);
    if (!st)
        st = app_goal_split_save(app, &plan, "演示数据的目标分解", err);
    if (!st && ids) {
        *ids = xmalloc((plan.n_parts ? plan.n_parts : 1) * sizeof **ids);
        for (size_t i = 0; i < plan.n_parts; i++)
            (*ids)[i] = plan.parts[i].goal.id;
        *n = plan.n_parts;
    }
    split_plan_free(&plan);
    return st;
}

/*
 * The demo's goal plan: three strategy objectives; the company's revenue goal
 * for the year (+15% over last year) split over regions, teams and reps, and
 * over quarters and months; new customers in 华南, satisfaction and retention
 * goals; action steps and review cadences.
 */
static enum at_status demo_goals(struct app *app, int32_t as_of, struct at_err *err)
{
    int y, m, d;
    cal_to_ymd(as_of, &y, &m, &d);
    char year[8], title[64], as_of_text[CAL_DATE_LEN];
    snprintf(year, sizeof year, "%d", y);
    cal_format(as_of, as_of_text);
    int64_t o_sales = 0, o_market = 0, o_care = 0, g_company = 0, g_new = 0, g_csat = 0, g_keep = 0,
            step = 0;
    enum at_status st = app_objective_add(app, "提高销售业绩",
                                          "全年销售额同比增长15%，各区域均衡增长", &o_sales, err);
    if (!st)
        st = app_objective_add(app, "拓展新市场", "华南新客户数量增长30%，提升市场份额", &o_market,
                               err);
    if (!st)
        st = app_objective_add(app, "提升客户满意度与留存", "满意度4.3分以上，老客户留存85%",
                               &o_care, err);
    char obj[3][24];
    snprintf(obj[0], sizeof obj[0], "%lld", (long long)o_sales);
    snprintf(obj[1], sizeof obj[1], "%lld", (long long)o_market);
    snprintf(obj[2], sizeof obj[2], "%lld", (long long)o_care);
    snprintf(title, sizeof title, "%d年公司销售额增长15%%", y);
    struct goal_fields f = {.metric = "revenue",
                            .scope = "company",
                            .period = year,
                            .growth = "15%",
                            .base = "last-year",
                            .title = title,
                            .objective = obj[0],
                            .cadence = "weekly",
                            .as_of = as_of_text};
    if (!st)
        st = demo_goal(app, &f, &g_company, err);
    /* over the organisation: regions by last year's share, teams likewise, reps by capacity */
    int64_t *regions = NULL, *teams = NULL, *quarters = NULL;
    size_t n_regions = 0, n_teams = 0, n_quarters = 0;
    if (!st)
        st = demo_split(app, g_company, "units", "history", &regions, &n_regions, err);
    for (size_t r = 0; !st && r < n_regions; r++) {
        struct goal g;
        if ((st = app_goal_get(app, regions[r], &g, NULL, err)) || g.target == 0)
            continue;
        free(teams);
        teams = NULL;
        n_teams = 0;
        struct at_err why = {AT_OK, ""};
        enum at_status split =
            demo_split(app, regions[r], "units", "history", &teams, &n_teams, &why);
        if (split == AT_INVALID)
            continue; /* a region without teams has no units to split over */
        if (split) {
            st = split;
            if (err)
                *err = why;
            break;
        }
        for (size_t t = 0; !st && t < n_teams; t++)
            if (app_goal_get(app, teams[t], &g, NULL, err) == AT_OK && g.target > 0)
                st = demo_split(app, teams[t], "members", "capacity", NULL, NULL, err);
    }
    /* over time: quarters by last year's seasonality, months likewise */
    if (!st)
        st = demo_split(app, g_company, "quarters", "seasonal", &quarters, &n_quarters, err);
    for (size_t q = 0; !st && q < n_quarters; q++)
        st = demo_split(app, quarters[q], "months", "seasonal", NULL, NULL, err);
    free(regions);
    free(teams);
    free(quarters);
    /* new customers in the new market, satisfaction, retention */
    snprintf(title, sizeof title, "%d年华南新客户增长30%%", y);
    struct goal_fields nf = {.metric = "new_customers",
                             .scope = "unit:华南",
                             .period = year,
                             .growth = "30%",
                             .base = "last-year",
                             .title = title,
                             .objective = obj[1],
                             .cadence = "weekly",
                             .as_of = as_of_text};
    if (!st)
        st = demo_goal(app, &nf, &g_new, err);
    if (!st)
        st = demo_split(app, g_new, "quarters", "even", NULL, NULL, err);
    snprintf(title, sizeof title, "%d年客户满意度达到4.3分", y);
    struct goal_fields cf = {.metric = "csat",
                             .scope = "company",
                             .period = year,
                             .target = "4.3",
                             .title = title,
                             .objective = obj[2],
                             .cadence = "monthly",
                             .as_of = as_of_text};
    if (!st)
        st = demo_goal(app, &cf, &g_csat, err);
    snprintf(title, sizeof title, "%d年老客户留存率85%%", y);
    struct goal_fields rf = {.metric = "retention_rate",
                             .scope = "company",
                             .period = year,
                             .target = "85%",
                             .title = title,
                             .objective = obj[2],
                             .cadence = "monthly",
                             .as_of = as_of_text};
    if (!st)
        st = demo_goal(app, &rf, &g_keep, err);
    char quarter_end[CAL_DATE_LEN];
    struct period q = period_containing(PERIOD_QUARTER, as_of, app->fiscal_start_month);
    cal_format(q.end, quarter_end);
    if (!st)
        st = app_action_add(app, g_new, "每周拜访新客户次数增加30%", "华南区域经理", quarter_end,
                            "visits", &step, err);
    if (!st)
        st = app_action_add(app, g_company, "季度末冲刺：重点跟进谈判审核阶段的商机", "各区域经理",
                            quarter_end, "pipeline", &step, err);
    if (!st)
        st = app_action_add(app, g_csat, "每月抽样回访客户，48小时内处理投诉", "客户成功团队",
                            quarter_end, "csat", &step, err);
    if (!st)
        st = app_action_add(app, g_keep, "为年度采购客户安排续约提醒与季度业务回顾", "销售经理",
                            quarter_end, "retention_rate", &step, err);
    return st;
}

enum at_status app_demo(const char *path, int32_t as_of, uint64_t seed, const char *tmpdir,
                        struct demo_result *res, struct at_err *err)
{
    memset(res, 0, sizeof *res);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *tmp = tmpdir;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/attain-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return at_err_set(err, AT_IO, "cannot create a temporary folder in %s",
                          tmp && *tmp ? tmp : "/tmp");
    demo_tmp_claim(dir); /* and the folders of killed demos go */
    static const struct {
        enum import_kind kind;
        const char *file;
    } files[] = {
        {IMPORT_PEOPLE, "people.csv"},     {IMPORT_CUSTOMERS, "customers.csv"},
        {IMPORT_DEALS, "deals.csv"},       {IMPORT_ORDERS, "orders.csv"},
        {IMPORT_PAYMENTS, "payments.csv"}, {IMPORT_ACTIVITIES, "activities.csv"},
        {IMPORT_SURVEYS, "surveys.csv"},   {IMPORT_MARKETS, "markets.csv"},
    };
    const size_t n_files = sizeof files / sizeof files[0];
    struct app *app = NULL;
    struct demo_options opt = {.as_of = as_of, .seed = seed, .n_reps = 0};
    struct demo_counts counts;
    struct init_options io = {.currency = "CNY", .holidays = "cn", .tz = "Asia/Shanghai"};
    enum at_status st = demo_data_write(dir, &opt, &counts, err);
    if (!st)
        st = app_init(path, &io, &app, err);
    if (!st)
        app->req.today = as_of; /* the demo's clock: relative periods and leave dates */
    /* All or nothing: the imports and the goal plan in one transaction (each
     * one's own is a savepoint inside it), so a demo killed halfway leaves
     * the database as init made it, never people without deals or goals. */
    bool in_tx = false;
    if (!st) {
        db_set_writer(app->db, "demo");
        st = db_begin(app->db, err);
        in_tx = st == AT_OK;
    }
    for (size_t i = 0; !st && i < n_files; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s", dir, files[i].file);
        struct import_options o = {.kind = files[i].kind, .path = file, .today = as_of};
        struct import_report rep;
        import_report_init(&rep);
        st = app_import(app, &o, &rep, err);
        if (st && rep.errors.len)
            at_err_prefix(err, "demo data refused (a bug): %.400s\n", buf_str(&rep.errors));
        res->rows[files[i].kind] = rep.rows;
        import_report_free(&rep);
    }
    /* the goal plan, once (a second demo run keeps the goals it has) */
    if (!st) {
        int64_t n_goals = 0;
        st = app_goal_count(app, &n_goals, err);
        if (!st && n_goals == 0)
            st = demo_goals(app, as_of, err);
        if (!st && n_goals == 0)
            st = demo_loop(app, as_of, seed, err);
        if (!st)
            st = demo_users(app, as_of, err);
        if (!st)
            st = app_goal_count(app, &res->goals, err);
    }
    if (!st && in_tx)
        st = db_commit(app->db, err);
    if (st && in_tx)
        db_rollback(app->db);
    for (size_t i = 0; i < n_files; i++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s", dir, files[i].file);
        unlink(file);
    }
    demo_tmp_release(dir);
    rmdir(dir);
    app_close(app);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return st;
}
