/*
 * digest.c — the weekly digest: gathering (goals now and 7 days before) and
 * rendering by sections (digest.h).
 */
#include "app/digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/adjust.h"
#include "app/checkin.h"
#include "app/forecast.h"
#include "app/goals.h"
#include "app/org.h"
#include "app/settings.h"
#include "base/utf8.h"
#include "domain/display.h"
#include "store/db.h"

#define MOVER_DAYS 7

struct gather {
    struct digest *d;
    size_t cap;
    bool live_only;
};

static enum at_status add_goal(const struct goal_progress *p, void *ctx, struct at_err *err)
{
    (void)err;
    struct gather *g = ctx;
    if (g->live_only && (g->d->day < p->goal.period.start || g->d->day > p->goal.period.end))
        return AT_OK;
    if (g->d->n_goals == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 16;
        g->d->goals = realloc(g->d->goals, g->cap * sizeof *g->d->goals);
        if (!g->d->goals)
            abort();
    }
    struct digest_goal *dg = &g->d->goals[g->d->n_goals++];
    memset(dg, 0, sizeof *dg);
    dg->now = *p;
    return AT_OK;
}

/* Attainment in basis points, rounded half away from zero; false when undefined. */
static bool attainment_bp(const struct metric_value *a, int64_t *bp)
{
    if (!a->defined || a->den <= 0)
        return false;
    __int128 q = (__int128)a->num * 10000, d = a->den;
    __int128 r = (q >= 0 ? q + d / 2 : q - d / 2) / d;
    *bp = (int64_t)r;
    return true;
}

static int64_t labs64(int64_t v)
{
    return v < 0 ? -v : v;
}

static enum at_status add_due(const struct checkin_due *x, void *ctx, struct at_err *err)
{
    (void)err;
    struct digest *d = ctx;
    d->due = xrealloc(d->due, (d->n_due + 1) * sizeof *d->due);
    struct digest_due *u = &d->due[d->n_due++];
    memset(u, 0, sizeof *u);
    u->goal = x->goal.id;
    snprintf(u->title, sizeof u->title, "%s", x->goal.title);
    snprintf(u->owes, sizeof u->owes, "%s", x->owes);
    u->since = x->window_start;
    return AT_OK;
}

static enum at_status add_request(const struct request_view *v, void *ctx, struct at_err *err)
{
    (void)err;
    struct digest *d = ctx;
    d->requests = xrealloc(d->requests, (d->n_requests + 1) * sizeof *d->requests);
    struct digest_request *r = &d->requests[d->n_requests++];
    memset(r, 0, sizeof *r);
    r->id = v->r.id;
    utf8_snprintf(r->goals, sizeof r->goals, "%s", v->goals);
    utf8_snprintf(r->reason, sizeof r->reason, "%s", v->r.reason);
    utf8_snprintf(r->by, sizeof r->by, "%s", v->r.requested_by);
    snprintf(r->on, sizeof r->on, "%s", v->r.requested_on);
    return AT_OK;
}

static enum at_status add_call(const struct forecast_row *x, void *ctx, struct at_err *err)
{
    (void)err;
    struct digest *d = ctx;
    if (strcmp(x->scope, d->scope) != 0 || (!x->has_call && !x->has_quota))
        return AT_OK; /* only the scope's own row, when there is a call or a quota */
    d->has_call = true;
    d->quota = x->quota;
    d->has_quota = x->has_quota;
    d->closed = x->closed;
    d->commit = x->commit;
    d->best_case = x->best_case;
    d->adjusted = x->adjusted;
    d->weighted = x->weighted_pipeline;
    d->gap = x->gap;
    d->has_gap = x->has_gap;
    d->callers = x->calls;
    return AT_OK;
}

/* Who owes a check-in, the pending requests and the forecast call of the
 * scope on the digest's day. */
static enum at_status gather_loop(struct app *app, const struct digest_options *o, struct digest *d,
                                  struct at_err *err)
{
    char day[CAL_DATE_LEN];
    cal_format(d->day, day);
    enum at_status st = app_checkin_due(app, o->scope, day, add_due, d, err);
    if (!st)
        st = app_requests(app, o->scope, "pending", add_request, d, err);
    if (st)
        return st;
    struct period q = period_containing(PERIOD_QUARTER, d->day, app->fiscal_start_month);
    period_format(&q, d->call_period);
    struct forecast_show_options fo = {.period = d->call_period, .scope = o->scope, .as_of = day};
    return app_forecast_show(app, &fo, add_call, d, err);
}

enum at_status app_digest(struct app *app, const struct digest_options *o, struct digest *d,
                          struct at_err *err)
{
    memset(d, 0, sizeof *d);
    if (!o->scope || !*o->scope)
        return at_err_set(err, AT_INVALID, "digest: --scope is required");
    d->day = app_day(&app->req);
    if (o->as_of && !cal_parse_iso(o->as_of, &d->day))
        return at_err_set(err, AT_INVALID, "as-of date %s: write the date as YYYY-MM-DD", o->as_of);
    d->before = d->day - MOVER_DAYS;
    const struct org *org;
    enum at_status st = app_org(app, &org, err);
    if (!st)
        st = org_resolve(org, o->scope, &d->ref, err);
    if (st)
        return st;
    org_label(org, &d->ref, d->scope, sizeof d->scope);
    char day[CAL_DATE_LEN];
    cal_format(d->day, day);
    struct progress_options po = {.scope = o->scope, .period = o->period, .as_of = day};
    struct gather g = {d, 0, o->period == NULL};
    st = app_goal_progress(app, &po, add_goal, &g, err);
    for (size_t i = 0; !st && i < d->n_goals; i++) {
        struct digest_goal *dg = &d->goals[i];
        struct goal_progress before;
        st = app_goal_progress_one(app, &dg->now.goal, d->before, PACE_WORKING_DAYS, &before, err);
        if (st)
            break;
        dg->moved = attainment_bp(&dg->now.pace.attainment, &dg->now_bp) &&
                    attainment_bp(&before.pace.attainment, &dg->before_bp) &&
                    dg->now_bp != dg->before_bp;
    }
    /* the movers: the largest changes, ties by goal id */
    for (size_t i = 0; !st && i < d->n_goals; i++) {
        if (!d->goals[i].moved)
            continue;
        int64_t ch = labs64(d->goals[i].now_bp - d->goals[i].before_bp);
        size_t at = d->n_movers;
        while (at > 0) {
            const struct digest_goal *o2 = &d->goals[d->movers[at - 1]];
            if (labs64(o2->now_bp - o2->before_bp) >= ch)
                break;
            at--;
        }
        if (at >= 5)
            continue;
        size_t n = d->n_movers < 5 ? d->n_movers + 1 : 5;
        for (size_t k = n - 1; k > at; k--)
            d->movers[k] = d->movers[k - 1];
        d->movers[at] = i;
        d->n_movers = n;
    }
    if (!st)
        st = gather_loop(app, o, d, err);
    if (st)
        digest_free(d);
    return st;
}

void digest_free(struct digest *d)
{
    free(d->goals);
    free(d->due);
    free(d->requests);
    memset(d, 0, sizeof *d);
}

/* ---- rendering ------------------------------------------------------------------ */

struct out {
    struct app *app;
    const struct digest *d;
    enum digest_format f;
    bool zh;
    struct buf *b;
};

/* TEXT escaped for the format: HTML entities, Markdown table pipes. */
static void put_text(struct out *o, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (o->f == DIGEST_HTML) {
            switch (*p) {
            case '&':
                buf_puts(o->b, "&amp;");
                continue;
            case '<':
                buf_puts(o->b, "&lt;");
                continue;
            case '>':
                buf_puts(o->b, "&gt;");
                continue;
            case '"':
                buf_puts(o->b, "&quot;");
                continue;
            case '\'':
                buf_puts(o->b, "&#39;");
                continue;
            }
        } else if (o->f == DIGEST_MD && (*p == '|' || *p == '\\' || *p == '*')) {
            buf_putc(o->b, '\\');
        }
        buf_putc(o->b, *p);
    }
}

static void put_figure(struct out *o, const struct goal_progress *p, enum progress_figure f)
{
    struct typed_value v[PF_COUNT];
    goal_progress_figures(p, o->app->currency, v);
    char text[64];
    typed_value_format(&v[f], currency_exponent(o->app->currency), text, sizeof text);
    struct buf tmp;
    buf_init(&tmp, 256);
    display_value(v[f].kind, v[f].defined ? text : "", o->app->currency, o->zh ? "zh" : "en", &tmp);
    put_text(o, buf_str(&tmp));
    buf_free(&tmp);
}

static void put_bp(struct out *o, int64_t bp, bool sign)
{
    int64_t a = labs64(bp);
    /* one decimal, half away from zero */
    int64_t tenths = (a + 5) / 10;
    buf_printf(o->b, "%s%lld.%lld%%",
               bp < 0 ? "-"
               : sign ? "+"
                      : "",
               (long long)(tenths / 10), (long long)(tenths % 10));
}

static void goal_name(struct out *o, const struct goal *g)
{
    char title[GOAL_TITLE_MAX];
    if (g->title[0])
        snprintf(title, sizeof title, "%s", g->title);
    else
        app_goal_default_title(g, o->zh ? "zh" : "en", title, sizeof title);
    put_text(o, title);
}

static void row_begin(struct out *o)
{
    buf_puts(o->b, o->f == DIGEST_HTML ? "<tr><td>" : o->f == DIGEST_MD ? "| " : "- ");
}

/* The end of a cell and the start of the next; NUM: it holds a number. */
static void cell_sep(struct out *o, bool num)
{
    buf_puts(o->b, o->f == DIGEST_HTML ? (num ? "</td><td class=\"n\">" : "</td><td>")
                   : o->f == DIGEST_MD ? " | "
                                       : ", ");
}

static void row_end(struct out *o)
{
    buf_puts(o->b, o->f == DIGEST_HTML ? "</td></tr>\n" : o->f == DIGEST_MD ? " |\n" : "\n");
}

/* RIGHT[i]: column i holds numbers (right-aligned in Markdown and HTML). */
static void table_head(struct out *o, const char *const *cols, const bool *right, size_t n)
{
    if (o->f == DIGEST_TEXT)
        return;
    if (o->f == DIGEST_HTML) {
        buf_puts(o->b, "<table><tr>");
        for (size_t i = 0; i < n; i++) {
            buf_puts(o->b, right[i] ? "<th class=\"n\">" : "<th>");
            put_text(o, cols[i]);
            buf_puts(o->b, "</th>");
        }
        buf_puts(o->b, "</tr>\n");
        return;
    }
    buf_puts(o->b, "|");
    for (size_t i = 0; i < n; i++)
        buf_printf(o->b, " %s |", cols[i]);
    buf_puts(o->b, "\n|");
    for (size_t i = 0; i < n; i++)
        buf_puts(o->b, right[i] ? "---:|" : "---|");
    buf_puts(o->b, "\n");
}

static void table_end(struct out *o)
{
    if (o->f == DIGEST_HTML)
        buf_puts(o->b, "</table>\n");
    else if (o->f == DIGEST_MD)
        buf_puts(o->b, "\n");
}

static void heading(struct out *o, const char *text)
{
    if (o->f == DIGEST_HTML) {
        buf_puts(o->b, "<h2>");
        put_text(o, text);
        buf_puts(o->b, "</h2>\n");
    } else if (o->f == DIGEST_MD) {
        buf_printf(o->b, "## %s\n\n", text);
    } else {
        buf_printf(o->b, "%s\n", text);
    }
}

static void empty(struct out *o, const char *text)
{
    buf_puts(o->b, o->f == DIGEST_HTML ? "<p>" : o->f == DIGEST_TEXT ? "- " : "");
    put_text(o, text);
    buf_puts(o->b, o->f == DIGEST_HTML ? "</p>\n" : o->f == DIGEST_MD ? "\n\n" : "\n");
}

static void section_goals(struct out *o)
{
    heading(o, o->zh ? "目标" : "Goals");
    if (!o->d->n_goals) {
        empty(o, o->zh ? "没有目标。" : "No goals.");
        return;
    }
    const char *en[] = {"Goal", "Period", "Target", "Actual", "Attainment", "Pace", "Status"};
    const char *zh[] = {"目标", "周期", "目标值", "实际", "完成率", "进度", "状态"};
    static const bool right[] = {false, false, true, true, true, true, false};
    table_head(o, o->zh ? zh : en, right, 7);
    for (size_t i = 0; i < o->d->n_goals; i++) {
        const struct goal_progress *p = &o->d->goals[i].now;
        char period[PERIOD_TEXT_MAX];
        period_format(&p->goal.period, period);
        row_begin(o);
        buf_printf(o->b, "#%lld ", (long long)p->goal.id);
        goal_name(o, &p->goal);
        if (o->f == DIGEST_TEXT) {
            buf_puts(o->b, o->zh ? "：完成率 " : ": attainment ");
            put_figure(o, p, PF_ATTAINMENT);
            buf_puts(o->b, o->zh ? "，进度 " : ", pace ");
            put_figure(o, p, PF_PACE);
            buf_puts(o->b, o->zh ? "，" : ", ");
        } else {
            cell_sep(o, false);
            put_text(o, period);
            cell_sep(o, true);
            put_figure(o, p, PF_TARGET);
            cell_sep(o, true);
            put_figure(o, p, PF_ACTUAL);
            cell_sep(o, true);
            put_figure(o, p, PF_ATTAINMENT);
            cell_sep(o, true);
            put_figure(o, p, PF_PACE);
            cell_sep(o, false);
        }
        const char *s = goal_status_name(p->pace.status);
        const char *szh = goal_status_zh(s);
        put_text(o, o->zh && szh ? szh : s);
        row_end(o);
    }
    table_end(o);
}

static void section_movers(struct out *o)
{
    heading(o, o->zh ? "变化最大（近 7 天）" : "Biggest movers (last 7 days)");
    if (!o->d->n_movers) {
        empty(o, o->zh ? "近 7 天完成率没有变化。" : "No change of attainment in the last 7 days.");
        return;
    }
    const char *en[] = {"Goal", "7 days ago", "Now", "Change"};
    const char *zh[] = {"目标", "7 天前", "现在", "变化"};
    static const bool right[] = {false, true, true, true};
    table_head(o, o->zh ? zh : en, right, 4);
    for (size_t k = 0; k < o->d->n_movers; k++) {
        const struct digest_goal *g = &o->d->goals[o->d->movers[k]];
        row_begin(o);
        buf_printf(o->b, "#%lld ", (long long)g->now.goal.id);
        goal_name(o, &g->now.goal);
        if (o->f == DIGEST_TEXT)
            buf_puts(o->b, o->zh ? "：" : ": ");
        else
            cell_sep(o, true);
        put_bp(o, g->before_bp, false);
        if (o->f == DIGEST_TEXT)
            buf_puts(o->b, " → ");
        else
            cell_sep(o, true);
        put_bp(o, g->now_bp, false);
        if (o->f == DIGEST_TEXT)
            buf_puts(o->b, " (");
        else
            cell_sep(o, true);
        put_bp(o, g->now_bp - g->before_bp, true);
        if (o->f == DIGEST_TEXT)
            buf_puts(o->b, ")");
        row_end(o);
    }
    table_end(o);
}

static void put_money(struct out *o, bool has, int64_t minor)
{
    struct typed_value v = {.kind = VK_MONEY, .defined = has, .v = minor};
    snprintf(v.currency, sizeof v.currency, "%s", o->app->currency);
    char text[64];
    typed_value_format(&v, currency_exponent(o->app->currency), text, sizeof text);
    struct buf tmp;
    buf_init(&tmp, 128);
    display_value(VK_MONEY, has ? text : "", o->app->currency, o->zh ? "zh" : "en", &tmp);
    put_text(o, buf_str(&tmp));
    buf_free(&tmp);
}

static void section_due(struct out *o)
{
    heading(o, o->zh ? "待提交的进度检查" : "Check-ins due");
    if (!o->d->n_due) {
        empty(o, o->zh ? "所有目标都已按时检查。" : "Every goal is checked in.");
        return;
    }
    const char *en[] = {"Goal", "Owed by", "Since"};
    const char *zh[] = {"目标", "应提交人", "自"};
    static const bool right[] = {false, false, false};
    table_head(o, o->zh ? zh : en, right, 3);
    for (size_t i = 0; i < o->d->n_due; i++) {
        const struct digest_due *u = &o->d->due[i];
        char since[CAL_DATE_LEN];
        cal_format(u->since, since);
        row_begin(o);
        buf_printf(o->b, "#%lld ", (long long)u->goal);
        put_text(o, u->title);
        if (o->f == DIGEST_TEXT) {
            buf_puts(o->b, o->zh ? "：" : ": ");
            put_text(o, u->owes);
            buf_printf(o->b, o->zh ? "，自 %s" : ", since %s", since);
        } else {
            cell_sep(o, false);
            put_text(o, u->owes);
            cell_sep(o, false);
            put_text(o, since);
        }
        row_end(o);
    }
    table_end(o);
}

static void section_requests(struct out *o)
{
    heading(o, o->zh ? "待审批的调整申请" : "Change requests waiting");
    if (!o->d->n_requests) {
        empty(o, o->zh ? "没有待审批的申请。" : "No request waits for a decision.");
        return;
    }
    const char *en[] = {"Request", "Goals", "Asked by", "On", "Reason"};
    const char *zh[] = {"申请", "目标", "申请人", "日期", "理由"};
    static const bool right[] = {false, false, false, false, false};
    table_head(o, o->zh ? zh : en, right, 5);
    for (size_t i = 0; i < o->d->n_requests; i++) {
        const struct digest_request *r = &o->d->requests[i];
        char who[160];
        display_scope(r->by, o->zh ? "zh" : "en", who, sizeof who);
        row_begin(o);
        buf_printf(o->b, "#%lld", (long long)r->id);
        if (o->f == DIGEST_TEXT) {
            buf_printf(o->b,
                       o->zh ? "（目标 %s，%s 于 %s）：" : " (goals %s, %s on %s): ", r->goals, who,
                       r->on);
            put_text(o, r->reason);
        } else {
            cell_sep(o, false);
            put_text(o, r->goals);
            cell_sep(o, false);
            put_text(o, who);
            cell_sep(o, false);
            put_text(o, r->on);
            cell_sep(o, false);
            put_text(o, r->reason);
        }
        row_end(o);
    }
    table_end(o);
}

static void section_call(struct out *o)
{
    const struct digest *d = o->d;
    char title[96];
    snprintf(title, sizeof title, o->zh ? "销售预测（%s）" : "The forecast call (%s)",
             d->call_period);
    heading(o, title);
    if (!d->has_call) {
        empty(o, o->zh ? "本季度还没有预测或配额。" : "No call or quota for the quarter yet.");
        return;
    }
    const char *en[] = {"Quota",     "Closed", "Commit", "Adjusted commit",
                        "Best case", "Gap",    "Callers"};
    const char *zh[] = {"配额", "已成交", "承诺", "经理调整后承诺", "最佳情况", "缺口", "预测人数"};
    static const bool right[] = {true, true, true, true, true, true, true};
    if (o->f == DIGEST_TEXT) {
        buf_puts(o->b, o->zh ? "- 已成交 " : "- closed ");
        put_money(o, true, d->closed);
        buf_puts(o->b, o->zh ? "，承诺 " : ", commit ");
        put_money(o, true, d->adjusted);
        buf_puts(o->b, o->zh ? "，缺口 " : ", gap ");
        put_money(o, d->has_gap, d->gap);
        buf_puts(o->b, "\n");
        return;
    }
    table_head(o, o->zh ? zh : en, right, 7);
    row_begin(o);
    put_money(o, d->has_quota, d->quota);
    cell_sep(o, true);
    put_money(o, true, d->closed);
    cell_sep(o, true);
    put_money(o, true, d->commit);
    cell_sep(o, true);
    put_money(o, true, d->adjusted);
    cell_sep(o, true);
    put_money(o, true, d->best_case);
    cell_sep(o, true);
    put_money(o, d->has_gap, d->gap);
    cell_sep(o, true);
    buf_printf(o->b, "%ld", d->callers);
    row_end(o);
    table_end(o);
}

/* The sections, in order. */
static void (*const digest_sections[])(struct out *) = {section_goals, section_movers, section_due,
                                                        section_requests, section_call};

static const char html_head[] =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n<style>\n"
    "body{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "margin:2em;color:#222}\ntable{border-collapse:collapse;margin:0 0 1.5em}\n"
    "th,td{border:1px solid #ccc;padding:4px 8px}td.n,th.n{text-align:right}\n"
    "th{background:#f3f3f3}\n@media print{body{margin:0}}\n</style></head><body>\n";

void digest_render(struct app *app, const struct digest *d, enum digest_format format,
                   const char *lang, struct buf *out)
{
    struct out o = {app, d, format, lang && !strncmp(lang, "zh", 2), out};
    char day[CAL_DATE_LEN], before[CAL_DATE_LEN], scope[256];
    cal_format(d->day, day);
    cal_format(d->before, before);
    display_scope(d->scope, o.zh ? "zh" : "en", scope, sizeof scope);
    char title[512];
    snprintf(title, sizeof title, o.zh ? "周报：%s（%s）" : "Weekly digest: %s (%s)", scope, day);
    if (format == DIGEST_HTML) {
        struct buf t;
        buf_init(&t, 0);
        struct out ot = o;
        ot.b = &t;
        put_text(&ot, title);
        buf_printf(out, html_head, buf_str(&t));
        buf_puts(out, "<h1>");
        buf_puts(out, buf_str(&t));
        buf_puts(out, "</h1>\n<p>");
        buf_free(&t);
    } else if (format == DIGEST_MD) {
        buf_printf(out, "# %s\n\n", title);
    }
    if (format != DIGEST_TEXT) {
        char line[256];
        snprintf(line, sizeof line,
                 o.zh ? "截至 %s 的目标；变化与 %s 相比。" : "Goals as of %s; changes since %s.",
                 day, before);
        put_text(&o, line);
        buf_puts(out, format == DIGEST_HTML ? "</p>\n" : "\n\n");
    }
    for (size_t i = 0; i < sizeof digest_sections / sizeof digest_sections[0]; i++)
        digest_sections[i](&o);
    if (format == DIGEST_HTML)
        buf_puts(out, "</body></html>\n");
}

struct send_make {
    struct app *app;
    const struct digest *d;
};

static void send_make(const char *lang, struct buf *subject, struct buf *body, void *ctx)
{
    struct send_make *m = ctx;
    bool zh = !strcmp(lang, "zh");
    char day[CAL_DATE_LEN], scope[256];
    cal_format(m->d->day, day);
    display_scope(m->d->scope, zh ? "zh" : "en", scope, sizeof scope);
    buf_printf(subject, zh ? "周报：%s（%s）" : "Weekly digest: %s (%s)", scope, day);
    digest_render(m->app, m->d, DIGEST_TEXT, lang, body);
    /* no trailing newline in a chat message */
    while (body->len && body->data[body->len - 1] == '\n')
        body->data[--body->len] = '\0';
}

enum at_status app_digest_send(struct app *app, const struct digest *d, size_t *queued,
                               struct notify_result *r, struct at_err *err)
{
    memset(r, 0, sizeof *r);
    *queued = 0;
    char base[520];
    enum at_status st = app_setting_get(app, "base_url", base, sizeof base, err);
    if (st)
        return st;
    st = db_begin(app->db, err);
    if (st)
        return st;
    struct send_make m = {app, d};
    st = app_notify_queue(app, &d->ref, 0, "digest", base, send_make, &m, queued, err);
    if (!st)
        st = db_commit(app->db, err);
    if (st) {
        db_rollback(app->db);
        return st;
    }
    if (*queued == 0)
        return at_err_set(err, AT_NOT_FOUND,
                          "no channel hears about %s: add one with attain channel add --scope",
                          d->scope);
    return app_notify_deliver(app, false, r, err);
}
