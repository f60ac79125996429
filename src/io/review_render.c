/*
 * review_render.c — the review agenda as Markdown, HTML (the plan
 * document's writer) or JSON (see review_render.h). One row of `sections`
 * per section: its document writer and its JSON writer.
 */
#include "io/review_render.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/display.h"

void review_doc_init(struct review_doc *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->lang, sizeof d->lang, "en");
    snprintf(d->currency, sizeof d->currency, "CNY");
}

void review_doc_free(struct review_doc *d)
{
    for (size_t i = 0; i < d->n_goals; i++)
        free(d->goals[i].actions);
    free(d->goals);
    free(d->moves);
    free(d->met);
    free(d->decisions);
    free(d->forecast);
    free(d->requests);
    free(d->burnups);
    review_doc_init(d);
}

static void *grow(void **items, size_t *n, size_t size)
{
    *items = xrealloc(*items, (*n + 1) * size);
    char *p = (char *)*items + *n * size;
    memset(p, 0, size);
    (*n)++;
    return p;
}

struct review_goal *review_add_goal(struct review_doc *d)
{
    return grow((void **)&d->goals, &d->n_goals, sizeof *d->goals);
}

struct review_action *review_add_action(struct review_goal *g)
{
    return grow((void **)&g->actions, &g->n_actions, sizeof *g->actions);
}

struct review_move *review_add_move(struct review_doc *d)
{
    return grow((void **)&d->moves, &d->n_moves, sizeof *d->moves);
}

struct review_move *review_add_met(struct review_doc *d)
{
    return grow((void **)&d->met, &d->n_met, sizeof *d->met);
}

struct review_decision_item *review_add_decision(struct review_doc *d)
{
    return grow((void **)&d->decisions, &d->n_decisions, sizeof *d->decisions);
}

struct review_forecast_row *review_add_forecast(struct review_doc *d)
{
    return grow((void **)&d->forecast, &d->n_forecast, sizeof *d->forecast);
}

struct review_request *review_add_request(struct review_doc *d)
{
    return grow((void **)&d->requests, &d->n_requests, sizeof *d->requests);
}

struct plan_burnup *review_add_burnup(struct review_doc *d)
{
    return grow((void **)&d->burnups, &d->n_burnups, sizeof *d->burnups);
}

enum at_status review_format_parse(const char *text, enum review_format *out, struct at_err *err)
{
    if (strcmp(text, "md") == 0 || strcmp(text, "markdown") == 0)
        *out = REVIEW_MD;
    else if (strcmp(text, "html") == 0)
        *out = REVIEW_HTML;
    else if (strcmp(text, "json") == 0)
        *out = REVIEW_JSON;
    else
        return at_err_set(err, AT_INVALID, "--format %s: choose md, html or json", text);
    return AT_OK;
}

/* ------------------------------------------------------------ documents */

/* What a section writer gets: the writer, the agenda, its language. */
struct rw {
    struct doc_writer *dw;
    const struct review_doc *d;
    bool zh;
    struct buf s; /* scratch */
};

static const char *T(const struct rw *w, const char *en, const char *zh)
{
    return w->zh ? zh : en;
}

/* Reset the scratch and format into it. */
__attribute__((format(printf, 2, 3))) static const char *tf(struct rw *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_reset(&w->s);
    (void)buf_vprintf(&w->s, fmt, ap);
    va_end(ap);
    return buf_str(&w->s);
}

static const struct {
    unsigned bit;
    const char *en, *zh;
} signal_words[] = {
    {REVIEW_BEHIND, "behind", "落后"},
    {REVIEW_AT_RISK, "at risk", "有风险"},
    {REVIEW_CONFIDENCE_DROP, "confidence drop", "信心下降"},
    {REVIEW_CHECKIN_DUE, "check-in due", "待提交进度检查"},
    {REVIEW_CHILDREN, "sub-goals do not add up", "子目标合计不一致"},
};

/* SIGNALS in words into OUT ("" for none). */
static const char *signals_text(const struct rw *w, unsigned signals, char *out, size_t size)
{
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < sizeof signal_words / sizeof signal_words[0]; i++) {
        if (!(signals & signal_words[i].bit))
            continue;
        int n = snprintf(out + len, size - len, "%s%s", len ? T(w, ", ", "、") : "",
                         T(w, signal_words[i].en, signal_words[i].zh));
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
    return out;
}

static const char *flag_words(const struct rw *w, const char *flags, char *out, size_t size)
{
    bool drop = strstr(flags, "confidence_drop") != NULL, opt = strstr(flags, "optimistic");
    snprintf(out, size, "%s%s%s", drop ? T(w, "confidence drop", "信心下降") : "",
             drop && opt ? T(w, ", ", "、") : "", opt ? T(w, "optimistic", "过于乐观") : "");
    return out;
}

/* SCOPE by name in the document's language (display_scope_name: 公司 / Company,
 * 华东/上海, 张伟) — never the kind prefix of the canonical text. */
static const char *scope_text(const struct rw *w, const char *scope, char *out, size_t size)
{
    return display_scope_name(scope, w->zh ? "zh" : "en", out, size);
}

/* The charts after the goals table: the burn-up of each goal of the scope
 * itself, then attainment by member — a bar per goal of a scope inside it
 * ("#ID name"), in agenda order. */
static void write_charts(struct rw *w)
{
    const struct review_doc *d = w->d;
    char name[256];
    for (size_t i = 0; i < d->n_burnups; i++) {
        const struct plan_burnup *b = &d->burnups[i];
        const struct review_goal *g = NULL;
        for (size_t k = 0; k < d->n_goals && !g; k++)
            if (d->goals[k].id == b->goal_id)
                g = &d->goals[k];
        if (!g)
            continue;
        scope_text(w, g->scope, name, sizeof name);
        const char *title = w->zh ? tf(w, "目标 %lld 累计完成：%s（%s，%s）", (long long)g->id,
                                       g->title, name, g->period)
                                  : tf(w, "Goal %lld burn-up: %s (%s, %s)", (long long)g->id,
                                       g->title, name, g->period);
        doc_chart_burnup(w->dw, b, title, g->kind, g->target, g->forecast, g->start, g->end,
                         d->as_of);
    }
    size_t n = 0;
    const char **labels = xcalloc(d->n_goals + 1, sizeof *labels);
    const char **att = xcalloc(d->n_goals + 1, sizeof *att);
    const char **status = xcalloc(d->n_goals + 1, sizeof *status);
    char(*names)[300] = xcalloc(d->n_goals + 1, sizeof *names);
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct review_goal *g = &d->goals[i];
        if (strcmp(g->scope, d->scope) == 0)
            continue;
        scope_text(w, g->scope, name, sizeof name);
        snprintf(names[n], sizeof names[n], "#%lld %s", (long long)g->id, name);
        labels[n] = names[n];
        att[n] = g->attainment;
        status[n] = g->status;
        n++;
    }
    if (n) {
        scope_text(w, d->scope, name, sizeof name);
        doc_chart_attainment(
            w->dw, w->zh ? tf(w, "%s 各成员完成率", name) : tf(w, "Attainment by member: %s", name),
            labels, att, status, n);
    }
    free(labels);
    free(att);
    free(status);
    free(names);
}

static void write_title(struct rw *w)
{
    const struct review_doc *d = w->d;
    char name[256];
    doc_heading(w->dw, 1, T(w, "Review agenda", "复盘会议议程"));
    doc_list_begin(w->dw);
    scope_text(w, d->scope, name, sizeof name);
    doc_item(w->dw, w->zh ? tf(w, "范围：%s", name) : tf(w, "Scope: %s", name));
    if (d->period[0])
        doc_item(w->dw, w->zh ? tf(w, "周期：%s", d->period) : tf(w, "Period: %s", d->period));
    doc_item(w->dw, w->zh ? tf(w, "会议日期（数据截至）：%s", d->as_of)
                          : tf(w, "Meeting date (data as of): %s", d->as_of));
    if (d->since[0])
        doc_item(w->dw, d->since_meeting ? (w->zh ? tf(w, "上次复盘：%s", d->since)
                                                  : tf(w, "Previous review: %s", d->since))
                                         : (w->zh ? tf(w, "对比日期：%s", d->since)
                                                  : tf(w, "Changes since: %s", d->since)));
    else
        doc_item(w->dw, T(w, "No earlier review of this scope", "此范围没有更早的复盘"));
    doc_item(w->dw,
             w->zh ? tf(w, "由 %s 生成", d->generator) : tf(w, "Generated by %s", d->generator));
    doc_list_end(w->dw);
}

/* One check-in as a list item. */
static const char *checkin_line(struct rw *w, const struct review_checkin *c)
{
    char *pace = doc_value(w->dw, VK_RATIO, c->pace);
    char conf[32] = "", fl[96];
    if (c->confidence >= 0)
        snprintf(conf, sizeof conf, w->zh ? "信心 %d，" : "confidence %d, ", c->confidence);
    struct buf *s = &w->s;
    buf_reset(s);
    (void)buf_printf(s, w->zh ? "%s %s：%s进度 %s，%s" : "%s %s: %space %s, %s", c->at, c->by, conf,
                     pace, doc_status_word(w->dw, c->status));
    free(pace);
    if (c->note[0])
        (void)buf_printf(s, w->zh ? "。%s" : ". %s", c->note);
    if (c->blockers[0])
        (void)buf_printf(s, w->zh ? "。障碍：%s" : ". Blockers: %s", c->blockers);
    if (c->next[0])
        (void)buf_printf(s, w->zh ? "。下一步：%s" : ". Next: %s", c->next);
    if (c->flags[0])
        (void)buf_printf(s, w->zh ? "。标记：%s" : ". Flags: %s",
                         flag_words(w, c->flags, fl, sizeof fl));
    if (c->acked_by[0])
        (void)buf_printf(s, w->zh ? "（%s 已确认）" : " (acknowledged by %s)", c->acked_by);
    return buf_str(s);
}

static void write_goals(struct rw *w)
{
    const struct review_doc *d = w->d;
    doc_section_begin(w->dw, T(w, "1 Goals by risk", "1 目标（按风险排序）"));
    if (!d->n_goals) {
        doc_para(w->dw, T(w, "No goals in this scope and period.", "此范围和周期内没有目标。"));
        doc_section_end(w->dw);
        return;
    }
    doc_para(w->dw, T(w,
                      "Behind and at-risk goals first (largest gap to expected first), then "
                      "goals with a confidence drop, goals that owe a check-in, and parents "
                      "whose sub-goals do not add up.",
                      "先列落后和有风险的目标（与应完成值差距大者在前），再列信心下降、"
                      "待提交进度检查、子目标合计不一致的目标。"));
    const char *cols_en[] = {"#",        "Goal", "Status",   "Target", "Actual", "Attainment",
                             "Expected", "Pace", "Forecast", "Gap",    "Signals"};
    const char *cols_zh[] = {"#",      "目标", "状态", "目标值", "实际", "完成率",
                             "应完成", "进度", "预测", "差距",   "风险"};
    const bool right[] = {true, false, false, true, true, true, true, true, true, true, false};
    doc_table_begin(w->dw, w->zh ? cols_zh : cols_en, right, 11);
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct review_goal *g = &d->goals[i];
        char rank[24], name[600], sig[256];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(name, sizeof name, "#%lld %s", (long long)g->id, g->title);
        char *v[7] = {
            doc_value(w->dw, g->kind, g->target),      doc_value(w->dw, g->kind, g->actual),
            doc_value(w->dw, VK_RATIO, g->attainment), doc_value(w->dw, g->kind, g->expected),
            doc_value(w->dw, VK_RATIO, g->pace),       doc_value(w->dw, g->kind, g->forecast),
            doc_value(w->dw, g->kind, g->gap)};
        const char *row[] = {
            rank, name, doc_status_word(w->dw, g->status),           v[0], v[1], v[2], v[3], v[4],
            v[5], v[6], signals_text(w, g->signals, sig, sizeof sig)};
        doc_table_row(w->dw, row, right, 11);
        for (size_t k = 0; k < 7; k++)
            free(v[k]);
    }
    doc_table_end(w->dw);
    write_charts(w);
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct review_goal *g = &d->goals[i];
        char scope[256];
        scope_text(w, g->scope, scope, sizeof scope);
        doc_heading(w->dw, 3,
                    w->zh ? tf(w, "%zu. 目标 %lld：%s（%s，%s）", i + 1, (long long)g->id, g->title,
                               scope, g->period)
                          : tf(w, "%zu. Goal %lld: %s (%s, %s)", i + 1, (long long)g->id, g->title,
                               scope, g->period));
        doc_para(w->dw, T(w, "Last check-ins:", "最近的进度检查："));
        if (!g->n_checkins) {
            doc_para(w->dw, T(w, "none", "无"));
        } else {
            doc_list_begin(w->dw);
            for (size_t k = 0; k < g->n_checkins; k++)
                doc_item(w->dw, checkin_line(w, &g->checkins[k]));
            doc_list_end(w->dw);
        }
        doc_para(w->dw, T(w, "Open action steps:", "未完成的行动步骤："));
        if (!g->n_actions) {
            doc_para(w->dw, T(w, "none", "无"));
        } else {
            doc_list_begin(w->dw);
            for (size_t k = 0; k < g->n_actions; k++) {
                const struct review_action *a = &g->actions[k];
                struct buf *s = &w->s;
                buf_reset(s);
                (void)buf_printf(s, "%s", a->what);
                if (a->owner[0])
                    (void)buf_printf(s, w->zh ? "（负责人 %s）" : " (owner %s)", a->owner);
                if (a->due[0])
                    (void)buf_printf(s, w->zh ? "，截止 %s" : ", due %s", a->due);
                doc_item(w->dw, buf_str(s));
            }
            doc_list_end(w->dw);
        }
    }
    doc_section_end(w->dw);
}

static void move_item(struct rw *w, const struct review_move *m, bool with_from)
{
    const char *from = doc_status_word(w->dw, m->from);
    char to[64];
    snprintf(to, sizeof to, "%s", doc_status_word(w->dw, m->to));
    if (with_from)
        doc_item(w->dw,
                 w->zh ? tf(w, "目标 %lld %s：%s → %s", (long long)m->goal_id, m->title, from, to)
                       : tf(w, "Goal %lld %s: %s → %s", (long long)m->goal_id, m->title, from, to));
    else
        doc_item(w->dw, w->zh ? tf(w, "目标 %lld %s：%s", (long long)m->goal_id, m->title, to)
                              : tf(w, "Goal %lld %s: %s", (long long)m->goal_id, m->title, to));
}

static void write_changes(struct rw *w)
{
    const struct review_doc *d = w->d;
    if (!d->since[0]) {
        doc_section_begin(w->dw, T(w, "3 What changed", "3 变化"));
        doc_para(w->dw, T(w,
                          "No earlier review of this scope: nothing to compare with (give "
                          "--since DATE).",
                          "此范围没有更早的复盘，无可对比（可用 --since 指定日期）。"));
        doc_section_end(w->dw);
        return;
    }
    doc_section_begin(w->dw, w->zh ? tf(w, "3 自 %s 以来的变化", d->since)
                                   : tf(w, "3 What changed since %s", d->since));
    doc_heading(w->dw, 3, T(w, "Status moves", "状态变化"));
    if (!d->n_moves) {
        doc_para(w->dw, T(w, "none", "无"));
    } else {
        doc_list_begin(w->dw);
        for (size_t i = 0; i < d->n_moves; i++)
            move_item(w, &d->moves[i], true);
        doc_list_end(w->dw);
    }
    doc_heading(w->dw, 3, T(w, "Goals met", "已达成的目标"));
    if (!d->n_met) {
        doc_para(w->dw, T(w, "none", "无"));
    } else {
        doc_list_begin(w->dw);
        for (size_t i = 0; i < d->n_met; i++)
            move_item(w, &d->met[i], false);
        doc_list_end(w->dw);
    }
    doc_section_end(w->dw);
}

static void write_decisions(struct rw *w)
{
    const struct review_doc *d = w->d;
    doc_section_begin(w->dw, d->since[0] ? (w->zh ? tf(w, "4 自 %s 以来的决定", d->since)
                                                  : tf(w, "4 Decisions since %s", d->since))
                                         : T(w, "4 Decisions", "4 决定"));
    if (!d->n_decisions) {
        doc_para(w->dw, T(w, "none", "无"));
    } else {
        doc_list_begin(w->dw);
        for (size_t i = 0; i < d->n_decisions; i++) {
            const struct review_decision_item *x = &d->decisions[i];
            char goal[64] = "";
            if (x->goal_id)
                snprintf(goal, sizeof goal, w->zh ? "，目标 %lld" : ", goal %lld",
                         (long long)x->goal_id);
            char caused[1200] = "";
            size_t len = 0;
            for (size_t k = 0; k < x->n_causes && len < sizeof caused; k++) {
                const struct review_cause *c = &x->causes[k];
                const char *sep =
                    k ? (w->zh ? "；" : "; ") : (w->zh ? "。带来的调整：" : ". Caused: ");
                if (c->request)
                    len += (size_t)snprintf(caused + len, sizeof caused - len,
                                            w->zh ? "%s调整申请 #%lld（目标 %lld，%s）"
                                                  : "%schange request #%lld (goal %lld, %s)",
                                            sep, (long long)c->request, (long long)c->goal,
                                            !w->zh                           ? c->to
                                            : strcmp(c->to, "pending") == 0  ? "待审批"
                                            : strcmp(c->to, "approved") == 0 ? "已批准"
                                                                             : "已驳回");
                else
                    len += (size_t)snprintf(caused + len, sizeof caused - len,
                                            w->zh ? "%s目标 %lld 的%s %s → %s（%.10s）"
                                                  : "%sgoal %lld %s %s → %s (%.10s)",
                                            sep, (long long)c->goal,
                                            doc_field_word(w->dw, c->field), c->from, c->to, c->at);
            }
            doc_item(w->dw,
                     w->zh ? tf(w, "%s：%s（%s%s）%s", x->meeting, x->text, x->by, goal, caused)
                           : tf(w, "%s: %s (%s%s)%s", x->meeting, x->text, x->by, goal, caused));
        }
        doc_list_end(w->dw);
    }
    doc_section_end(w->dw);
}

/* The forecast call of the scope: each person's call and the roll-ups. */
static void write_forecast(struct rw *w)
{
    const struct review_doc *d = w->d;
    doc_section_begin(w->dw, w->zh ? tf(w, "2 销售预测（%s）", d->forecast_period)
                                   : tf(w, "2 Forecast call (%s)", d->forecast_period));
    if (!d->n_forecast) {
        doc_para(w->dw, T(w, "No calls, deals or quotas in this scope and period.",
                          "此范围和周期内没有预测、商机或配额。"));
        doc_section_end(w->dw);
        return;
    }
    const char *cols_en[] = {
        "Who", "Quota", "Closed", "Commit", "Best case", "Adjusted commit", "Weighted pipeline",
        "Gap"};
    const char *cols_zh[] = {"对象",     "配额",           "已成交",   "承诺",
                             "最佳情况", "经理调整后承诺", "加权商机", "缺口"};
    const bool right[] = {false, true, true, true, true, true, true, true};
    doc_table_begin(w->dw, w->zh ? cols_zh : cols_en, right, 8);
    for (size_t i = 0; i < d->n_forecast; i++) {
        const struct review_forecast_row *r = &d->forecast[i];
        char who[300];
        scope_text(w, r->scope, who, sizeof who);
        char *v[7] = {
            doc_value(w->dw, VK_MONEY, r->quota),    doc_value(w->dw, VK_MONEY, r->closed),
            doc_value(w->dw, VK_MONEY, r->commit),   doc_value(w->dw, VK_MONEY, r->best_case),
            doc_value(w->dw, VK_MONEY, r->adjusted), doc_value(w->dw, VK_MONEY, r->weighted),
            doc_value(w->dw, VK_MONEY, r->gap)};
        const char *row[] = {who, v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
        doc_table_row(w->dw, row, right, 8);
        for (size_t k = 0; k < 7; k++)
            free(v[k]);
    }
    doc_table_end(w->dw);
    doc_section_end(w->dw);
}

/* Change requests of locked goals: pending ones, then those decided since
 * the last review. */
static void write_requests(struct rw *w)
{
    const struct review_doc *d = w->d;
    doc_section_begin(w->dw, T(w, "5 Change requests", "5 调整申请"));
    if (!d->n_requests) {
        doc_para(w->dw, T(w, "none", "无"));
        doc_section_end(w->dw);
        return;
    }
    doc_list_begin(w->dw);
    for (size_t i = 0; i < d->n_requests; i++) {
        const struct review_request *r = &d->requests[i];
        bool pending = strcmp(r->status, "pending") == 0;
        const char *state = pending ? (r->stale ? T(w, "pending (stale: the goal changed since)",
                                                    "待审批（已过时：目标在申请后已变更）")
                                                : T(w, "pending", "待审批"))
                            : strcmp(r->status, "approved") == 0 ? T(w, "approved", "已批准")
                                                                 : T(w, "rejected", "已驳回");
        char by[300], decider[300], decided[900] = "";
        scope_text(w, r->requested_by, by, sizeof by);
        scope_text(w, r->decided_by, decider, sizeof decider);
        if (!pending)
            snprintf(decided, sizeof decided,
                     w->zh ? "；%s 于 %s 决定%s%s" : "; decided by %s on %s%s%s", decider,
                     r->decided_on, r->comment[0] ? (w->zh ? "：" : ": ") : "", r->comment);
        /* the summary ("goal 8: target A → B") is the request's own English
         * record: the Chinese agenda names the goals instead */
        doc_item(w->dw,
                 w->zh ? tf(w, "#%lld %s，目标 %s（%s 于 %s 申请，理由：%s%s）", (long long)r->id,
                            state, r->goals, by, r->requested_on, r->reason, decided)
                       : tf(w, "#%lld %s: %s (asked by %s on %s: %s%s)", (long long)r->id, state,
                            r->summary, by, r->requested_on, r->reason, decided));
    }
    doc_list_end(w->dw);
    doc_section_end(w->dw);
}

/* ----------------------------------------------------------------- JSON */

static json_t *jstr(const char *s)
{
    json_t *j = json_string(s ? s : "");
    return j ? j : json_string("");
}

/* A canonical figure: its text, or null when undefined. */
static json_t *jfig(const char *s)
{
    return s && *s ? jstr(s) : json_null();
}

static void json_goals(json_t *root, const struct review_doc *d)
{
    json_t *goals = json_array();
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct review_goal *g = &d->goals[i];
        json_t *o = json_object(), *sig = json_array(), *ck = json_array(), *ac = json_array();
        static const char *const keys[] = {"behind", "at_risk", "confidence_drop", "checkin_due",
                                           "children_mismatch"};
        for (size_t k = 0; k < 5; k++)
            if (g->signals & (1u << k))
                json_array_append_new(sig, jstr(keys[k]));
        for (size_t k = 0; k < g->n_checkins; k++) {
            const struct review_checkin *c = &g->checkins[k];
            json_t *x = json_object();
            json_object_set_new(x, "id", json_integer(c->id));
            json_object_set_new(x, "at", jstr(c->at));
            json_object_set_new(x, "by", jstr(c->by));
            json_object_set_new(x, "confidence",
                                c->confidence >= 0 ? json_integer(c->confidence) : json_null());
            json_object_set_new(x, "pace", jfig(c->pace));
            json_object_set_new(x, "status", jstr(c->status));
            json_object_set_new(x, "note", jstr(c->note));
            json_object_set_new(x, "blockers", jstr(c->blockers));
            json_object_set_new(x, "next", jstr(c->next));
            json_object_set_new(x, "flags", jstr(c->flags));
            json_object_set_new(x, "acked_by", c->acked_by[0] ? jstr(c->acked_by) : json_null());
            json_array_append_new(ck, x);
        }
        for (size_t k = 0; k < g->n_actions; k++) {
            json_t *x = json_object();
            json_object_set_new(x, "id", json_integer(g->actions[k].id));
            json_object_set_new(x, "what", jstr(g->actions[k].what));
            json_object_set_new(x, "owner", jstr(g->actions[k].owner));
            json_object_set_new(x, "due", jfig(g->actions[k].due));
            json_array_append_new(ac, x);
        }
        json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(o, "id", json_integer(g->id));
        json_object_set_new(o, "title", jstr(g->title));
        json_object_set_new(o, "scope", jstr(g->scope));
        json_object_set_new(o, "period", jstr(g->period));
        json_object_set_new(o, "metric", jstr(g->metric));
        json_object_set_new(o, "status", jstr(g->status));
        json_object_set_new(o, "target", jfig(g->target));
        json_object_set_new(o, "actual", jfig(g->actual));
        json_object_set_new(o, "attainment", jfig(g->attainment));
        json_object_set_new(o, "expected", jfig(g->expected));
        json_object_set_new(o, "pace", jfig(g->pace));
        json_object_set_new(o, "forecast", jfig(g->forecast));
        json_object_set_new(o, "gap_to_expected", jfig(g->gap));
        json_object_set_new(o, "signals", sig);
        json_object_set_new(o, "checkins", ck);
        json_object_set_new(o, "actions", ac);
        json_array_append_new(goals, o);
    }
    json_object_set_new(root, "goals", goals);
}

static json_t *json_moves(const struct review_move *m, size_t n, bool with_from)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "goal", json_integer(m[i].goal_id));
        json_object_set_new(o, "title", jstr(m[i].title));
        if (with_from)
            json_object_set_new(o, "from", jstr(m[i].from));
        json_object_set_new(o, "to", jstr(m[i].to));
        json_array_append_new(a, o);
    }
    return a;
}

static void json_changes(json_t *root, const struct review_doc *d)
{
    if (!d->since[0]) {
        json_object_set_new(root, "changes", json_null());
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "since", jstr(d->since));
    json_object_set_new(o, "moves", json_moves(d->moves, d->n_moves, true));
    json_object_set_new(o, "met", json_moves(d->met, d->n_met, false));
    json_object_set_new(root, "changes", o);
}

static void json_forecast(json_t *root, const struct review_doc *d)
{
    json_t *o = json_object(), *rows = json_array();
    for (size_t i = 0; i < d->n_forecast; i++) {
        const struct review_forecast_row *r = &d->forecast[i];
        json_t *x = json_object();
        json_object_set_new(x, "scope", jstr(r->scope));
        json_object_set_new(x, "rollup", json_boolean(r->rollup));
        json_object_set_new(x, "quota", jfig(r->quota));
        json_object_set_new(x, "closed_won", jfig(r->closed));
        json_object_set_new(x, "commit", jfig(r->commit));
        json_object_set_new(x, "best_case", jfig(r->best_case));
        json_object_set_new(x, "adjusted_commit", jfig(r->adjusted));
        json_object_set_new(x, "weighted_pipeline", jfig(r->weighted));
        json_object_set_new(x, "gap", jfig(r->gap));
        json_object_set_new(x, "callers", json_integer(r->calls));
        json_array_append_new(rows, x);
    }
    json_object_set_new(o, "period", jstr(d->forecast_period));
    json_object_set_new(o, "rows", rows);
    json_object_set_new(root, "forecast", o);
}

static void json_decisions(json_t *root, const struct review_doc *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->n_decisions; i++) {
        const struct review_decision_item *x = &d->decisions[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(x->id));
        json_object_set_new(o, "meeting", jstr(x->meeting));
        json_object_set_new(o, "goal", x->goal_id ? json_integer(x->goal_id) : json_null());
        json_object_set_new(o, "by", jstr(x->by));
        json_object_set_new(o, "text", jstr(x->text));
        json_t *causes = json_array();
        for (size_t k = 0; k < x->n_causes; k++) {
            const struct review_cause *c = &x->causes[k];
            json_t *y = json_object();
            json_object_set_new(y, "goal", json_integer(c->goal));
            json_object_set_new(y, "request", c->request ? json_integer(c->request) : json_null());
            json_object_set_new(y, "field", jstr(c->field));
            json_object_set_new(y, "from", c->request ? json_null() : jstr(c->from));
            json_object_set_new(y, "to", jstr(c->to));
            json_object_set_new(y, "at", jstr(c->at));
            json_array_append_new(causes, y);
        }
        json_object_set_new(o, "caused", causes);
        json_array_append_new(a, o);
    }
    json_object_set_new(root, "decisions", a);
}

static void json_requests(json_t *root, const struct review_doc *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->n_requests; i++) {
        const struct review_request *r = &d->requests[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "status", jstr(r->status));
        json_object_set_new(o, "scope", jstr(r->scope));
        json_object_set_new(o, "goals", jstr(r->goals));
        json_object_set_new(o, "summary", jstr(r->summary));
        json_object_set_new(o, "reason", jstr(r->reason));
        json_object_set_new(o, "requested_by", jstr(r->requested_by));
        json_object_set_new(o, "requested_on", jstr(r->requested_on));
        json_object_set_new(o, "decided_by", r->decided_by[0] ? jstr(r->decided_by) : json_null());
        json_object_set_new(o, "decided_on", r->decided_on[0] ? jstr(r->decided_on) : json_null());
        json_object_set_new(o, "comment", r->comment[0] ? jstr(r->comment) : json_null());
        json_object_set_new(o, "stale", json_boolean(r->stale));
        json_array_append_new(a, o);
    }
    json_object_set_new(root, "requests", a);
}

/* ------------------------------------------------------------- sections */

/* The agenda's sections in order. */
static const struct {
    const char *key;
    void (*write)(struct rw *w);
    void (*json)(json_t *root, const struct review_doc *d);
} sections[] = {
    {"goals", write_goals, json_goals},          {"forecast", write_forecast, json_forecast},
    {"changes", write_changes, json_changes},    {"decisions", write_decisions, json_decisions},
    {"requests", write_requests, json_requests},
};

enum at_status review_render(const struct review_doc *d, enum review_format format, struct buf *out,
                             struct at_err *err)
{
    size_t n = sizeof sections / sizeof sections[0];
    if (format == REVIEW_JSON) {
        json_t *root = json_object();
        json_object_set_new(root, "scope", jstr(d->scope));
        json_object_set_new(root, "period", d->period[0] ? jstr(d->period) : json_null());
        json_object_set_new(root, "as_of", jstr(d->as_of));
        json_object_set_new(root, "since", d->since[0] ? jstr(d->since) : json_null());
        for (size_t i = 0; i < n; i++)
            sections[i].json(root, d);
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(root);
        enum at_status st = text ? buf_puts(out, text) : AT_INTERNAL;
        if (!st)
            st = buf_putc(out, '\n');
        free(text);
        if (st)
            return at_err_set(err, st, "the agenda is larger than its buffer allows");
        return AT_OK;
    }
    struct rw w = {.d = d, .zh = strcmp(d->lang, "zh") == 0};
    char name[256];
    buf_init(&w.s, 0);
    scope_text(&w, d->scope, name, sizeof name);
    char title[512];
    snprintf(title, sizeof title, "%s · %s · %s", w.zh ? "复盘会议议程" : "Review agenda", name,
             d->as_of);
    w.dw = doc_writer_new(out, format == REVIEW_HTML ? PLAN_HTML : PLAN_MD, d->lang, d->currency,
                          title);
    write_title(&w);
    for (size_t i = 0; i < n; i++)
        sections[i].write(&w);
    buf_free(&w.s);
    return doc_writer_finish(w.dw, err);
}
