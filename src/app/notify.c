/*
 * notify.c — alert rules, the run that records alerts with their outbox
 * messages in one transaction, and delivery with retry backoff (notify.h).
 */
#include "app/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/channel.h"
#include "app/checkin.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/settings.h"
#include "base/utf8.h"
#include "domain/display.h"
#include "store/db.h"

#define RETRY_FIRST_S     60
#define RETRY_MAX_S       86400
#define PERIOD_END_WINDOW 31
#define CLAIM_LEASE_S     300 /* a sender that dies mid-attempt: due again after this */

struct notify_run {
    struct app *app;
    const struct notify_options *o;
    int32_t day;
    char day_text[CAL_DATE_LEN];
    struct goal_progress *goals;
    char (*last)[16]; /* per goal: status at the last run */
    size_t n_goals, cap_goals;
    const struct alert_rule *rule; /* the rule being evaluated */
    notify_alert_fn fn;
    void *ctx;
    struct notify_result *r;
};

int32_t notify_run_day(const struct notify_run *run)
{
    return run->day;
}

struct app *notify_run_app(const struct notify_run *run)
{
    return run->app;
}

size_t notify_run_goals(const struct notify_run *run, const struct goal_progress **goals)
{
    *goals = run->goals;
    return run->n_goals;
}

const char *notify_run_last_status(const struct notify_run *run, size_t goal_index)
{
    return goal_index < run->n_goals ? run->last[goal_index] : "";
}

/* ---- message helpers ------------------------------------------------------- */

static bool zh(const char *lang)
{
    return lang && !strncmp(lang, "zh", 2);
}

/* Figure F of P as people read it in LANG, appended to B. */
static void put_figure(const struct notify_run *run, const struct goal_progress *p,
                       enum progress_figure f, const char *lang, struct buf *b)
{
    struct typed_value v[PF_COUNT];
    goal_progress_figures(p, run->app->currency, v);
    char text[64];
    typed_value_format(&v[f],
                       currency_exponent(v[f].kind == VK_MONEY && v[f].currency[0]
                                             ? v[f].currency
                                             : run->app->currency),
                       text, sizeof text);
    display_value(v[f].kind, v[f].defined ? text : "", run->app->currency, lang, b);
}

/* "#ID TITLE (SCOPE, PERIOD)" in LANG. */
static void put_goal(const struct notify_run *run, const struct goal_progress *p, const char *lang,
                     bool with_period, struct buf *b)
{
    const struct goal *g = &p->goal;
    char title[GOAL_TITLE_MAX], scope[GOAL_SCOPE_MAX], period[PERIOD_TEXT_MAX];
    if (g->title[0])
        snprintf(title, sizeof title, "%s", g->title);
    else
        app_goal_default_title(g, zh(lang) ? "zh" : "en", title, sizeof title);
    display_scope(g->scope, zh(lang) ? "zh" : "en", scope, sizeof scope);
    period_format(&g->period, period);
    (void)run;
    if (with_period)
        buf_printf(b, zh(lang) ? "#%lld %s（%s，%s）" : "#%lld %s (%s, %s)", (long long)g->id,
                   title, scope, period);
    else
        buf_printf(b, zh(lang) ? "#%lld %s（%s）" : "#%lld %s (%s)", (long long)g->id, title,
                   scope);
}

static void put_title(const struct goal_progress *p, const char *lang, struct buf *b)
{
    char title[GOAL_TITLE_MAX];
    if (p->goal.title[0])
        snprintf(title, sizeof title, "%s", p->goal.title);
    else
        app_goal_default_title(&p->goal, zh(lang) ? "zh" : "en", title, sizeof title);
    buf_puts(b, title);
}

/* "Actual A of target T (attainment X)" */
static void put_actual(const struct notify_run *run, const struct goal_progress *p,
                       const char *lang, struct buf *b)
{
    buf_puts(b, zh(lang) ? "实际 " : "Actual ");
    put_figure(run, p, PF_ACTUAL, lang, b);
    buf_puts(b, zh(lang) ? "，目标 " : " of target ");
    put_figure(run, p, PF_TARGET, lang, b);
    buf_puts(b, zh(lang) ? "（完成率 " : " (attainment ");
    put_figure(run, p, PF_ATTAINMENT, lang, b);
    buf_puts(b, zh(lang) ? "）" : ")");
}

/* ---- rule: turning at_risk or behind ----------------------------------------- */

static bool live(const struct notify_run *run, const struct goal_progress *p)
{
    return run->day >= p->goal.period.start && run->day <= p->goal.period.end;
}

static enum at_status eval_status(struct notify_run *run, struct at_err *err)
{
    for (size_t i = 0; i < run->n_goals; i++) {
        const struct goal_progress *p = &run->goals[i];
        enum goal_status s = p->pace.status;
        if (!live(run, p) || (s != GOAL_AT_RISK && s != GOAL_BEHIND))
            continue;
        const char *now = goal_status_name(s), *last = run->last[i];
        if (!strcmp(last, now) || (s == GOAL_AT_RISK && !strcmp(last, "behind")))
            continue;
        struct alert_candidate c = {.p = p, .rule = now};
        snprintf(c.detail, sizeof c.detail, "%s", last[0] ? last : "-");
        enum at_status st = notify_emit(run, &c, err);
        if (st)
            return st;
    }
    return AT_OK;
}

static void message_status(const struct notify_run *run, const struct alert_candidate *c,
                           const char *lang, struct buf *subject, struct buf *body)
{
    bool behind = !strcmp(c->rule, "behind");
    buf_puts(subject,
             zh(lang) ? (behind ? "落后：" : "有风险：") : (behind ? "Behind: " : "At risk: "));
    put_title(c->p, lang, subject);
    buf_puts(body, zh(lang) ? "目标 " : "Goal ");
    put_goal(run, c->p, lang, true, body);
    buf_printf(body, zh(lang) ? "截至 %s %s。\n" : " is %s as of %s.\n",
               zh(lang) ? run->day_text : (behind ? "behind" : "at risk"),
               zh(lang) ? (behind ? "已落后" : "有风险") : run->day_text);
    put_actual(run, c->p, lang, body);
    buf_puts(body, zh(lang) ? "；应完成 " : "; expected by now ");
    put_figure(run, c->p, PF_EXPECTED, lang, body);
    buf_puts(body, zh(lang) ? "，进度 " : ", pace ");
    put_figure(run, c->p, PF_PACE, lang, body);
    buf_puts(body, zh(lang) ? "。" : ".");
}

/* ---- rule: milestones 50 / 90 / 100 % ----------------------------------------- */

static const int milestones[] = {50, 90, 100};

static bool reached(const struct metric_value *att, int percent)
{
    if (!att->defined || att->den <= 0)
        return false;
    return (__int128)att->num * 100 >= (__int128)att->den * percent;
}

static enum at_status eval_milestone(struct notify_run *run, struct at_err *err)
{
    static const char *const keys[] = {"milestone_50", "milestone_90", "milestone_100"};
    for (size_t i = 0; i < run->n_goals; i++) {
        const struct goal_progress *p = &run->goals[i];
        if (!live(run, p) || p->goal.direction != GOAL_HIGHER || p->pace.status == GOAL_NO_TARGET)
            continue;
        int top = -1;
        for (int k = 0; k < 3; k++)
            if (reached(&p->pace.attainment, milestones[k]))
                top = k;
        for (int k = 0; k <= top; k++) {
            struct alert_candidate c = {.p = p, .rule = keys[k], .suppressed = k < top};
            snprintf(c.detail, sizeof c.detail, "%d%%", milestones[k]);
            enum at_status st = notify_emit(run, &c, err);
            if (st)
                return st;
        }
    }
    return AT_OK;
}

static void message_milestone(const struct notify_run *run, const struct alert_candidate *c,
                              const char *lang, struct buf *subject, struct buf *body)
{
    buf_printf(subject, zh(lang) ? "里程碑 %s：" : "Milestone %s: ", c->detail);
    put_title(c->p, lang, subject);
    buf_puts(body, zh(lang) ? "目标 " : "Goal ");
    put_goal(run, c->p, lang, true, body);
    if (zh(lang))
        buf_printf(body, "截至 %s 已完成目标的 %s。\n", run->day_text, c->detail);
    else
        buf_printf(body, " reached %s of its target as of %s.\n", c->detail, run->day_text);
    put_actual(run, c->p, lang, body);
    buf_puts(body, zh(lang) ? "。" : ".");
}

/* ---- rule: the end of the period ----------------------------------------------- */

static enum at_status eval_period_end(struct notify_run *run, struct at_err *err)
{
    for (size_t i = 0; i < run->n_goals; i++) {
        const struct goal_progress *p = &run->goals[i];
        enum goal_status s = p->pace.status;
        if (run->day <= p->goal.period.end || run->day - p->goal.period.end > PERIOD_END_WINDOW ||
            (s != GOAL_MET && s != GOAL_MISSED))
            continue;
        struct alert_candidate c = {.p = p, .rule = "period_end"};
        snprintf(c.detail, sizeof c.detail, "%s", goal_status_name(s));
        enum at_status st = notify_emit(run, &c, err);
        if (st)
            return st;
    }
    return AT_OK;
}

static void message_period_end(const struct notify_run *run, const struct alert_candidate *c,
                               const char *lang, struct buf *subject, struct buf *body)
{
    bool met = !strcmp(c->detail, "met");
    char period[PERIOD_TEXT_MAX];
    period_format(&c->p->goal.period, period);
    buf_puts(subject, zh(lang) ? "结果：" : "Result: ");
    put_title(c->p, lang, subject);
    buf_puts(subject, zh(lang) ? (met ? " 达标" : " 未达标") : (met ? " met" : " missed"));
    buf_puts(body, zh(lang) ? "目标 " : "The period ");
    if (zh(lang)) {
        put_goal(run, c->p, lang, false, body);
        buf_printf(body, "的周期 %s 已结束：%s。\n最终完成率 ", period, met ? "达标" : "未达标");
    } else {
        buf_printf(body, "%s of goal ", period);
        put_goal(run, c->p, lang, false, body);
        buf_printf(body, " has ended: target %s.\nFinal attainment ", met ? "met" : "missed");
    }
    put_figure(run, c->p, PF_ATTAINMENT, lang, body);
    buf_puts(body, zh(lang) ? "：实际 " : ": actual ");
    put_figure(run, c->p, PF_ACTUAL, lang, body);
    buf_puts(body, zh(lang) ? "，目标 " : " of target ");
    put_figure(run, c->p, PF_TARGET, lang, body);
    buf_puts(body, zh(lang) ? "。" : ".");
}

/* ---- rule: a check-in overdue ---------------------------------------------------- */

/* A goal owes a check-in (app_checkin_due) and the grace of CHECKIN_GRACE
 * days from the start of its window has passed: once per goal and window
 * (the ISO week of a weekly or biweekly window, the month of a monthly one). */
#define CHECKIN_GRACE 2

static const struct goal_progress *run_goal(const struct notify_run *run, int64_t id)
{
    for (size_t i = 0; i < run->n_goals; i++)
        if (run->goals[i].goal.id == id)
            return &run->goals[i];
    return NULL;
}

static enum at_status overdue_goal(const struct checkin_due *d, void *ctx, struct at_err *err)
{
    struct notify_run *run = ctx;
    const struct goal_progress *p = run_goal(run, d->goal.id);
    if (!p || run->day - d->window_start < CHECKIN_GRACE)
        return AT_OK;
    struct alert_candidate c = {.p = p, .rule = "checkin_overdue"};
    struct period w =
        period_containing(strcmp(d->cadence, "monthly") == 0 ? PERIOD_MONTH : PERIOD_WEEK,
                          d->window_start, run->app->fiscal_start_month);
    period_format(&w, c.once_per);
    char since[CAL_DATE_LEN], last[CAL_DATE_LEN] = "-";
    cal_format(d->window_start, since);
    if (d->last)
        cal_format(d->last, last);
    utf8_snprintf(c.detail, sizeof c.detail, "%s|%s|%s", since, last, d->owes);
    return notify_emit(run, &c, err);
}

static enum at_status eval_checkin_overdue(struct notify_run *run, struct at_err *err)
{
    return app_checkin_due(run->app, NULL, run->day_text, overdue_goal, run, err);
}

static void message_checkin_overdue(const struct notify_run *run, const struct alert_candidate *c,
                                    const char *lang, struct buf *subject, struct buf *body)
{
    char since[CAL_DATE_LEN] = "", last[CAL_DATE_LEN] = "", owes[64] = "";
    sscanf(c->detail, "%10[^|]|%10[^|]|%63[^\n]", since, last, owes); /* last "-": none */
    buf_puts(subject, zh(lang) ? "进度检查逾期：" : "Check-in overdue: ");
    put_title(c->p, lang, subject);
    buf_puts(body, zh(lang) ? "目标 " : "Goal ");
    put_goal(run, c->p, lang, true, body);
    if (zh(lang))
        buf_printf(body, "自 %s 起尚未提交进度检查（应由 %s 提交）", since, owes);
    else
        buf_printf(body, " has had no check-in since %s (owed by %s)", since, owes);
    if (strcmp(last, "-") != 0)
        buf_printf(body, zh(lang) ? "；上次检查 %s。" : "; the last was on %s.", last);
    else
        buf_puts(body, zh(lang) ? "；尚无任何进度检查。" : "; there has been none yet.");
}

/* ---- rule: a change request waiting --------------------------------------------- */

/* A pending change request of a locked goal that has waited WAIT_DAYS days
 * or more: once per request, about its first goal. */
#define REQUEST_WAIT_DAYS 2

static enum at_status waiting_request(const struct request_view *v, void *ctx, struct at_err *err)
{
    struct notify_run *run = ctx;
    int32_t on;
    long long goal = strtoll(v->goals, NULL, 10);
    const struct goal_progress *p = goal > 0 ? run_goal(run, goal) : NULL;
    if (!p || !cal_parse_iso(v->r.requested_on, &on) || run->day - on < REQUEST_WAIT_DAYS ||
        v->stale)
        return AT_OK;
    struct alert_candidate c = {.p = p, .rule = "request_waiting"};
    snprintf(c.once_per, sizeof c.once_per, "request-%lld", (long long)v->r.id);
    utf8_snprintf(c.detail, sizeof c.detail, "%lld|%s|%s", (long long)v->r.id, v->r.requested_on,
                  v->r.requested_by);
    return notify_emit(run, &c, err);
}

static enum at_status eval_request_waiting(struct notify_run *run, struct at_err *err)
{
    return app_requests(run->app, NULL, "pending", waiting_request, run, err);
}

static void message_request_waiting(const struct notify_run *run, const struct alert_candidate *c,
                                    const char *lang, struct buf *subject, struct buf *body)
{
    long long id = 0;
    char on[CAL_DATE_LEN] = "", by[64] = "", who[96];
    sscanf(c->detail, "%lld|%10[^|]|%63[^\n]", &id, on, by);
    display_scope(by, zh(lang) ? "zh" : "en", who, sizeof who);
    buf_printf(subject,
               zh(lang) ? "调整申请 #%lld 待审批：" : "Change request #%lld waiting: ", id);
    put_title(c->p, lang, subject);
    buf_puts(body, zh(lang) ? "锁定目标 " : "Locked goal ");
    put_goal(run, c->p, lang, true, body);
    if (zh(lang))
        buf_printf(
            body,
            "的调整申请 #%lld（%s 于 %s 提交）仍在等待审批：attain goal approve|reject %lld。", id,
            who, on, id);
    else
        buf_printf(body,
                   ": change request #%lld by %s on %s still waits for a decision "
                   "(attain goal approve|reject %lld).",
                   id, who, on, id);
}

/* The rules, in the order they run. */
static const struct alert_rule alert_rules[] = {
    {"status", eval_status, message_status},
    {"milestone", eval_milestone, message_milestone},
    {"period_end", eval_period_end, message_period_end},
    {"checkin_overdue", eval_checkin_overdue, message_checkin_overdue},
    {"request_waiting", eval_request_waiting, message_request_waiting},
};

/* ---- the run ----------------------------------------------------------------- */

static enum at_status collect_goal(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct notify_run *run = ctx;
    if (run->n_goals == run->cap_goals) {
        run->cap_goals = run->cap_goals ? 2 * run->cap_goals : 32;
        run->goals = realloc(run->goals, run->cap_goals * sizeof *run->goals);
        run->last = realloc(run->last, run->cap_goals * sizeof *run->last);
        if (!run->goals || !run->last)
            abort();
    }
    run->goals[run->n_goals] = *p;
    run->last[run->n_goals][0] = '\0';
    run->n_goals++;
    return AT_OK;
}

struct queue_ctx {
    struct app *app;
    const struct scope_ref *scope;
    int64_t alert_id;
    const char *what, *link;
    notify_make_fn make;
    void *make_ctx;
    const struct org *org;
    size_t n;
    bool dry;
};

static enum at_status queue_channel(const struct channel *c, void *ctx, struct at_err *err)
{
    struct queue_ctx *q = ctx;
    if (!org_contains(q->org, &c->ref, q->scope))
        return AT_OK;
    q->n++;
    if (q->dry)
        return AT_OK;
    struct buf subject, body;
    buf_init(&subject, 1024);
    buf_init(&body, 64 * 1024);
    q->make(c->lang, &subject, &body, q->make_ctx);
    int64_t id;
    enum at_status st =
        outbox_store_add(q->app->db, q->alert_id, c->id, q->what, buf_str(&subject), buf_str(&body),
                         q->link ? q->link : "", q->app->req.now, &id, err);
    buf_free(&subject);
    buf_free(&body);
    return st;
}

static enum at_status queue(struct app *app, const struct scope_ref *scope, int64_t alert_id,
                            const char *what, const char *link, notify_make_fn make, void *ctx,
                            bool dry, size_t *n, struct at_err *err)
{
    struct queue_ctx q = {app, scope, alert_id, what, link, make, ctx, NULL, 0, dry};
    enum at_status st = app_org(app, &q.org, err);
    if (!st)
        st = channel_store_list(app->db, queue_channel, &q, err);
    *n = q.n;
    return st;
}

enum at_status app_notify_queue(struct app *app, const struct scope_ref *scope, int64_t alert_id,
                                const char *what, const char *link, notify_make_fn make, void *ctx,
                                size_t *n, struct at_err *err)
{
    return queue(app, scope, alert_id, what, link, make, ctx, false, n, err);
}

struct emit_make {
    const struct notify_run *run;
    const struct alert_candidate *c;
};

static void emit_make(const char *lang, struct buf *subject, struct buf *body, void *ctx)
{
    struct emit_make *m = ctx;
    m->run->rule->message(m->run, m->c, lang, subject, body);
}

enum at_status notify_emit(struct notify_run *run, const struct alert_candidate *c,
                           struct at_err *err)
{
    char period[PERIOD_TEXT_MAX];
    if (c->once_per[0])
        snprintf(period, sizeof period, "%s", c->once_per);
    else
        period_format(&c->p->goal.period, period);
    struct app *app = run->app;
    bool is_new;
    int64_t alert_id = 0;
    enum at_status st;
    if (run->o->dry_run) {
        bool exists;
        st = alert_store_exists(app->db, c->p->goal.id, c->rule, period, &exists, err);
        is_new = !exists;
    } else {
        st = alert_store_add(app->db, c->p->goal.id, c->rule, period, c->detail, run->day_text,
                             app->req.now, c->suppressed, &alert_id, &is_new, err);
    }
    if (st || !is_new)
        return st;
    size_t n = 0;
    if (!c->suppressed) {
        char link[768], what[64];
        app_goal_link(app, (long long)c->p->goal.id, link, sizeof link);
        snprintf(what, sizeof what, "alert:%s", c->rule);
        struct emit_make m = {run, c};
        st = queue(app, &c->p->goal.ref, alert_id, what, link, emit_make, &m, run->o->dry_run, &n,
                   err);
        if (st)
            return st;
    }
    run->r->alerts++;
    run->r->queued += run->o->dry_run ? 0 : n;
    if (run->fn) {
        struct notify_alert a = {c->p->goal.id,    c->rule,          c->detail, period,
                                 c->p->goal.scope, c->p->goal.title, n,         c->suppressed};
        st = run->fn(&a, run->ctx, err);
    }
    return st;
}

enum at_status app_notify_run(struct app *app, const struct notify_options *o, notify_alert_fn fn,
                              void *ctx, struct notify_result *r, struct at_err *err)
{
    memset(r, 0, sizeof *r);
    struct notify_run run = {.app = app, .o = o, .fn = fn, .ctx = ctx, .r = r};
    run.day = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &run.day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    cal_format(run.day, run.day_text);
    struct progress_options po = {.as_of = run.day_text};
    enum at_status st = app_goal_progress(app, &po, collect_goal, &run, err);
    for (size_t i = 0; !st && i < run.n_goals; i++)
        st = alert_state_get(app->db, run.goals[i].goal.id, run.last[i], sizeof run.last[i], err);
    bool in_tx = false;
    if (!st && !o->dry_run) {
        st = db_begin(app->db, err);
        in_tx = !st;
    }
    for (size_t k = 0; !st && k < sizeof alert_rules / sizeof alert_rules[0]; k++) {
        run.rule = &alert_rules[k];
        st = alert_rules[k].eval(&run, err);
    }
    /* remember what each live goal's status was, for "turning" next time */
    for (size_t i = 0; !st && !o->dry_run && i < run.n_goals; i++)
        if (live(&run, &run.goals[i]))
            st = alert_state_set(app->db, run.goals[i].goal.id,
                                 goal_status_name(run.goals[i].pace.status), run.day_text, err);
    if (in_tx) {
        if (!st)
            st = db_commit(app->db, err);
        if (st)
            db_rollback(app->db);
    }
    free(run.goals);
    free(run.last);
    if (st || o->dry_run)
        return st;
    struct notify_result d;
    st = app_notify_deliver(app, o->retry_now, &d, err);
    r->sent = d.sent;
    r->failed = d.failed;
    r->waiting = d.waiting;
    return st;
}

/* ---- delivery -------------------------------------------------------------------- */

struct deliver_ctx {
    struct app *app;
    struct notify_result *r;
};

static int64_t backoff(int64_t attempts)
{
    int64_t s = RETRY_FIRST_S;
    for (int64_t i = 1; i < attempts && s < RETRY_MAX_S; i++)
        s *= 2;
    return s < RETRY_MAX_S ? s : RETRY_MAX_S;
}

static enum at_status deliver_one(const struct outbox_row *o, void *ctx, struct at_err *err)
{
    struct deliver_ctx *d = ctx;
    int64_t now = d->app->req.now;
    bool claimed;
    if (strcmp(o->state, "pending"))
        return AT_OK; /* cancelled (or sent) since the due list was read */
    enum at_status st = outbox_store_claim(d->app->db, o->id, o->next_attempt_at,
                                           now + CLAIM_LEASE_S, &claimed, err);
    if (st || !claimed)
        return st; /* another sender has it */
    struct channel c;
    st = channel_store_get(d->app->db, o->channel_id, &c, err);
    if (st)
        return st;
    bool zh_ = !strcmp(c.lang, "zh");
    struct channel_message m = {o->subject, o->body, o->link,
                                o->what && !strcmp(o->what, "digest")
                                    ? (zh_ ? "打开 attain" : "Open attain")
                                    : (zh_ ? "查看目标" : "Open the goal")};
    struct at_err e = {0};
    if (channel_send(&c, &m, now, &e) == AT_OK) {
        d->r->sent++;
        return outbox_store_sent(d->app->db, o->id, now, err);
    }
    d->r->failed++;
    d->r->waiting++;
    return outbox_store_failed(d->app->db, o->id, e.msg, now + backoff(o->attempts + 1), err);
}

static enum at_status count_waiting(const struct outbox_row *o, void *ctx, struct at_err *err)
{
    (void)err;
    (void)o;
    (*(size_t *)ctx)++;
    return AT_OK;
}

enum at_status app_notify_deliver(struct app *app, bool retry_now, struct notify_result *r,
                                  struct at_err *err)
{
    memset(r, 0, sizeof *r);
    struct deliver_ctx d = {app, r};
    enum at_status st = outbox_store_due(app->db, app->req.now, retry_now, deliver_one, &d, err);
    if (!st) {
        /* the pending ones not yet due count as waiting too */
        size_t all = 0;
        st = outbox_store_due(app->db, INT64_MAX, true, count_waiting, &all, err);
        r->waiting = all;
    }
    return st;
}

enum at_status app_notify_list(struct app *app, bool failed, outbox_fn fn, void *ctx,
                               struct at_err *err)
{
    return outbox_store_list(app->db, failed, fn, ctx, err);
}
