/*
 * plan_render.c — the goal plan document as Markdown or printable HTML (see
 * plan_render.h). One small writer (headings, paragraphs, lists, tables,
 * sections) emits either format with its escaping; the sections are written
 * once against it. Values are formatted from their canonical decimal text.
 */
#include "io/plan_render.h"

#include "domain/display.h"
#include "domain/metric.h"
#include "domain/pace.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/value.h"
#include "io/svg_chart.h"

/* ------------------------------------------------------------------ doc */

void plan_doc_init(struct plan_doc *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->lang, sizeof d->lang, "en");
    snprintf(d->currency, sizeof d->currency, "CNY");
}

void plan_doc_free(struct plan_doc *d)
{
    for (size_t i = 0; i < d->n_breakdowns; i++) {
        free(d->breakdowns[i].parts);
        free(d->breakdowns[i].mismatches);
    }
    free(d->objectives);
    free(d->goals);
    free(d->breakdowns);
    free(d->actions);
    free(d->adjustments);
    free(d->burnups);
    plan_doc_init(d);
}

/* Make room for one more element of SIZE bytes in *ITEMS holding *N (the
 * capacity doubles at powers of two) and return the new element, zeroed. */
static void *grow(void **items, size_t *n, size_t size)
{
    if (*n == 0 || (*n & (*n - 1)) == 0) /* full: the capacity is the next power of two */
        *items = xrealloc(*items, (*n ? *n * 2 : 1) * size);
    char *item = (char *)*items + *n * size;
    memset(item, 0, size);
    (*n)++;
    return item;
}

struct plan_objective *plan_add_objective(struct plan_doc *d)
{
    return grow((void **)&d->objectives, &d->n_objectives, sizeof *d->objectives);
}

struct plan_goal *plan_add_goal(struct plan_doc *d)
{
    return grow((void **)&d->goals, &d->n_goals, sizeof *d->goals);
}

struct plan_breakdown *plan_add_breakdown(struct plan_doc *d)
{
    return grow((void **)&d->breakdowns, &d->n_breakdowns, sizeof *d->breakdowns);
}

struct plan_part *plan_add_part(struct plan_breakdown *b)
{
    return grow((void **)&b->parts, &b->n_parts, sizeof *b->parts);
}

struct plan_mismatch *plan_add_mismatch(struct plan_breakdown *b)
{
    return grow((void **)&b->mismatches, &b->n_mismatches, sizeof *b->mismatches);
}

struct plan_action *plan_add_action(struct plan_doc *d)
{
    return grow((void **)&d->actions, &d->n_actions, sizeof *d->actions);
}

struct plan_adjustment *plan_add_adjustment(struct plan_doc *d)
{
    return grow((void **)&d->adjustments, &d->n_adjustments, sizeof *d->adjustments);
}

struct plan_burnup *plan_add_burnup(struct plan_doc *d)
{
    return grow((void **)&d->burnups, &d->n_burnups, sizeof *d->burnups);
}

const struct plan_goal *plan_goal_find(const struct plan_doc *d, int64_t id)
{
    for (size_t i = 0; i < d->n_goals; i++)
        if (d->goals[i].id == id)
            return &d->goals[i];
    return NULL;
}

enum at_status plan_format_parse(const char *text, enum plan_format *out, struct at_err *err)
{
    if (strcmp(text, "md") == 0 || strcmp(text, "markdown") == 0)
        *out = PLAN_MD;
    else if (strcmp(text, "html") == 0)
        *out = PLAN_HTML;
    else
        return at_err_set(err, AT_INVALID, "--format %s: choose md or html", text);
    return AT_OK;
}

/* ------------------------------------------------------------- numbers */

enum at_status plan_value_text(enum value_kind kind, const char *text, const char *currency,
                               const char *lang, struct buf *out)
{
    return display_value(kind, text, currency, lang, out);
}

/* --------------------------------------------------------------- writer */

/* The writer: where the document goes, in which format and language, and the
 * first error (every write after it is skipped). */
struct w {
    struct buf *b;
    const struct plan_doc *d;
    bool html, zh;
    int sections;
    enum at_status st;
};

/* EN or ZH by the document's language. */
static const char *T(const struct w *w, const char *en, const char *zh)
{
    return w->zh ? zh : en;
}

/* Append S as it is (markup). */
static void put(struct w *w, const char *s)
{
    if (!w->st)
        w->st = buf_puts(w->b, s);
}

/* Append S as text, escaped for the format. In Markdown, line breaks become
 * spaces and characters that would start markup get a backslash. */
static void put_text(struct w *w, const char *s)
{
    for (; *s && !w->st; s++) {
        const char *rep = NULL;
        char one[3] = {'\\', *s, '\0'};
        if (w->html) {
            switch (*s) {
            case '&':
                rep = "&amp;";
                break;
            case '<':
                rep = "&lt;";
                break;
            case '>':
                rep = "&gt;";
                break;
            case '"':
                rep = "&quot;";
                break;
            case '\'':
                rep = "&#39;";
                break;
            default:
                break;
            }
        } else if (*s == '\n' || *s == '\r') {
            rep = " ";
        } else if (strchr("\\`*_[]<|", *s)) {
            rep = one;
        }
        w->st = rep ? buf_puts(w->b, rep) : buf_putc(w->b, *s);
    }
}

/* Reset scratch buffer S and format into it; returns its text. */
__attribute__((format(printf, 3, 4))) static const char *tf(struct w *w, struct buf *s,
                                                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_reset(s);
    enum at_status st = buf_vprintf(s, fmt, ap);
    va_end(ap);
    if (st && !w->st)
        w->st = st;
    return buf_str(s);
}

/* Append to scratch buffer S. */
__attribute__((format(printf, 3, 4))) static void af(struct w *w, struct buf *s, const char *fmt,
                                                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum at_status st = buf_vprintf(s, fmt, ap);
    va_end(ap);
    if (st && !w->st)
        w->st = st;
}

/* Reset S and put the value TEXT of KIND as people read it; returns its text. */
static const char *val(struct w *w, struct buf *s, enum value_kind kind, const char *text)
{
    buf_reset(s);
    enum at_status st = plan_value_text(kind, text, w->d->currency, w->d->lang, s);
    if (st && !w->st)
        w->st = st;
    return buf_str(s);
}

/* A heading of LEVEL (1..4). */
static void heading(struct w *w, int level, const char *text)
{
    char tag[8];
    if (w->html) {
        snprintf(tag, sizeof tag, "<h%d>", level);
        put(w, tag);
        put_text(w, text);
        snprintf(tag, sizeof tag, "</h%d>\n", level);
        put(w, tag);
    } else {
        for (int i = 0; i < level; i++)
            put(w, "#");
        put(w, " ");
        put_text(w, text);
        put(w, "\n\n");
    }
}

/* A paragraph. In Markdown a leading character that would start a block
 * (heading, list, quote, rule) is escaped. */
static void para(struct w *w, const char *text)
{
    if (w->html) {
        put(w, "<p>");
        put_text(w, text);
        put(w, "</p>\n");
        return;
    }
    if (*text && strchr("#-+>=~", *text))
        put(w, "\\");
    put_text(w, text);
    put(w, "\n\n");
}

static void list_begin(struct w *w)
{
    if (w->html)
        put(w, "<ul>\n");
}

static void item(struct w *w, const char *text)
{
    put(w, w->html ? "<li>" : "- ");
    put_text(w, text);
    put(w, w->html ? "</li>\n" : "\n");
}

static void list_end(struct w *w)
{
    put(w, w->html ? "</ul>\n" : "\n");
}

/* Start a table with the N column names COLS; RIGHT (may be NULL) says which
 * columns hold numbers (right-aligned). */
static void table_begin(struct w *w, const char *const *cols, const bool *right, size_t n)
{
    if (w->html) {
        put(w, "<table>\n<thead><tr>");
        for (size_t i = 0; i < n; i++) {
            put(w, right && right[i] ? "<th class=\"num\">" : "<th>");
            put_text(w, cols[i]);
            put(w, "</th>");
        }
        put(w, "</tr></thead>\n<tbody>\n");
        return;
    }
    put(w, "|");
    for (size_t i = 0; i < n; i++) {
        put(w, " ");
        put_text(w, cols[i]);
        put(w, " |");
    }
    put(w, "\n|");
    for (size_t i = 0; i < n; i++)
        put(w, right && right[i] ? " ---: |" : " --- |");
    put(w, "\n");
}

/* One row of N cells (NULL or "" is an empty cell). */
static void table_row(struct w *w, const char *const *cells, const bool *right, size_t n)
{
    put(w, w->html ? "<tr>" : "|");
    for (size_t i = 0; i < n; i++) {
        if (w->html)
            put(w, right && right[i] ? "<td class=\"num\">" : "<td>");
        else
            put(w, " ");
        put_text(w, cells[i] ? cells[i] : "");
        put(w, w->html ? "</td>" : " |");
    }
    put(w, w->html ? "</tr>\n" : "\n");
}

static void table_end(struct w *w)
{
    put(w, w->html ? "</tbody>\n</table>\n" : "\n");
}

/* Open a major section titled TITLE; in HTML every one after the first
 * starts a new page when printed. */
static void section_begin(struct w *w, const char *title)
{
    if (w->html)
        put(w,
            w->sections++ ? "<section class=\"major newpage\">\n" : "<section class=\"major\">\n");
    heading(w, 2, title);
}

static void section_end(struct w *w)
{
    if (w->html)
        put(w, "</section>\n");
}

/* --------------------------------------------------------------- charts */

/* SVG, a chart of io/svg_chart.h, as a block of its own: in HTML a figure,
 * in Markdown an HTML block (it holds no blank line) between blank lines. */
static void put_chart(struct w *w, enum at_status st, const struct buf *svg)
{
    if (st) {
        if (!w->st)
            w->st = st;
        return;
    }
    put(w, w->html ? "<figure class=\"chart\">\n" : "");
    put(w, buf_str(svg));
    put(w, w->html ? "</figure>\n" : "\n");
}

/* The burn-up B of a goal of KIND as a chart titled TITLE: its points, the
 * TARGET and the FORECAST at the period's END (canonical texts), the AS_OF
 * marker. */
static void chart_burnup(struct w *w, const struct plan_burnup *b, const char *title,
                         enum value_kind kind, const char *target, const char *forecast,
                         const char *start, const char *end, const char *as_of)
{
    struct svg_burnup c = {
        .title = title, .lang = w->d->lang, .currency = w->d->currency, .kind = kind};
    if (!cal_parse_iso(start, &c.start) || !cal_parse_iso(end, &c.end) ||
        !cal_parse_iso(as_of, &c.as_of))
        return;
    svg_value_read(target, &c.target);
    c.has_forecast = c.as_of < c.end && svg_value_read(forecast, &c.forecast);
    bool actual = true;
    const char *last_actual = NULL;
    for (size_t i = 0; i < b->n && c.n < SVG_POINTS_MAX; i++) {
        const struct plan_point *p = &b->points[i];
        if (!cal_parse_iso(p->date, &c.days[c.n]))
            continue;
        svg_value_read(p->expected, &c.expected[c.n]);
        actual = actual && svg_value_read(p->actual, &c.actual[c.n]);
        if (actual) {
            c.n_actual = c.n + 1;
            last_actual = p->actual;
        }
        c.n++;
    }
    struct buf t, v, f, svg;
    buf_init(&t, 0);
    buf_init(&v, 0);
    buf_init(&f, 0);
    buf_init(&svg, 0);
    c.target_text = val(w, &t, kind, target);
    if (last_actual)
        c.actual_text = val(w, &v, kind, last_actual);
    c.forecast_text = val(w, &f, kind, forecast);
    put_chart(w, svg_burnup_write(&c, &svg), &svg);
    buf_free(&t);
    buf_free(&v);
    buf_free(&f);
    buf_free(&svg);
}

/* One bar of an attainment chart, with the texts it points to. */
struct chart_bar {
    char label[256], value[64];
};

/* Attainment by member: N bars labelled LABELS, of the canonical ratios
 * ATTAINMENT ("" undefined), coloured by the status keys STATUS, the value
 * as the tables show it. */
static void chart_attainment(struct w *w, const char *title, const char *const *labels,
                             const char *const *attainment, const char *const *status, size_t n)
{
    if (!n)
        return;
    struct svg_bar *bars = xcalloc(n, sizeof *bars);
    struct chart_bar *texts = xcalloc(n, sizeof *texts);
    struct buf v;
    buf_init(&v, 0);
    for (size_t i = 0; i < n; i++) {
        snprintf(texts[i].label, sizeof texts[i].label, "%s", labels[i]);
        snprintf(texts[i].value, sizeof texts[i].value, "%s", val(w, &v, VK_RATIO, attainment[i]));
        bars[i] = (struct svg_bar){
            .label = texts[i].label, .value_text = texts[i].value, .status = status[i]};
        bars[i].defined = svg_value_read(attainment[i], &bars[i].value);
    }
    struct svg_bars c = {
        .title = title, .lang = w->d->lang, .bars = bars, .n = n, .reference = 10000};
    struct buf svg;
    buf_init(&svg, 0);
    put_chart(w, svg_bars_write(&c, &svg), &svg);
    buf_free(&svg);
    buf_free(&v);
    free(bars);
    free(texts);
}

/* -------------------------------------------------------------- phrases */

/* "#ID title" for tables. */
static const char *goal_ref(struct w *w, struct buf *s, const struct plan_goal *g)
{
    return tf(w, s, "#%lld %s", (long long)g->id, g->title);
}

/* "目标 ID：title" / "Goal ID: title" for headings and lists. */
static const char *goal_name(struct w *w, struct buf *s, const struct plan_goal *g)
{
    return w->zh ? tf(w, s, "目标 %lld：%s", (long long)g->id, g->title)
                 : tf(w, s, "Goal %lld: %s", (long long)g->id, g->title);
}

/* "2026（2026-01-01 至 2026-12-31）" / "2026 (2026-01-01 to 2026-12-31)". */
static const char *period_text(struct w *w, struct buf *s, const char *period, const char *start,
                               const char *end)
{
    return w->zh ? tf(w, s, "%s（%s 至 %s）", period, start, end)
                 : tf(w, s, "%s (%s to %s)", period, start, end);
}

/* A goal's status key in words (the Chinese words are goal_status_zh's). */
static const char *status_word(const struct w *w, const char *key)
{
    static const struct {
        const char *key, *en;
    } words[] = {
        {"not_started", "not started"}, {"on_track", "on track"},   {"at_risk", "at risk"},
        {"behind", "behind"},           {"achieved", "achieved"},   {"met", "met"},
        {"missed", "missed"},           {"no_target", "no target"},
    };
    const char *zh = goal_status_zh(key);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(key, words[i].key) == 0)
            return T(w, words[i].en, zh);
    return key;
}

/* A check-in cadence in words; "" says none is set. */
static const char *cadence_word(const struct w *w, const char *cadence)
{
    if (!*cadence)
        return T(w, "no cadence set; weekly recommended for goals longer than a month",
                 "未设置检查节奏；周期超过一个月的目标建议每周检查");
    if (strcmp(cadence, "weekly") == 0)
        return T(w, "weekly", "每周");
    if (strcmp(cadence, "biweekly") == 0)
        return T(w, "every two weeks", "每两周");
    if (strcmp(cadence, "monthly") == 0)
        return T(w, "monthly", "每月");
    if (strcmp(cadence, "none") == 0)
        return T(w, "no check-ins", "不做进度检查");
    return cadence;
}

/* How many goals of the plan sit below G (through parents inside the plan). */
static size_t descendants(const struct plan_doc *d, const struct plan_goal *g)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct plan_goal *up = &d->goals[i];
        for (size_t hops = 0; up && up->parent && hops < d->n_goals; hops++) {
            up = plan_goal_find(d, up->parent);
            if (up == g) {
                n++;
                break;
            }
        }
    }
    return n;
}

/* ------------------------------------------------------------- sections */

/* SCOPE as the document's readers say it (公司, 华东, 张伟 in Chinese;
 * Company, 华东, 张伟 in English: display_scope_name), in NAME. */
#define SCOPE_NAME_MAX 256
static const char *scope_name(const struct w *w, const char *scope, char *name)
{
    return display_scope_name(scope, w->zh ? "zh" : "en", name, SCOPE_NAME_MAX);
}

/* An action step's driver (a metric key) in the document's language. */
static const char *driver_name(const struct w *w, const char *key)
{
    for (int m = 0; w->zh && m < METRIC_COUNT; m++)
        if (strcmp(metric_def((enum metric_id)m)->key, key) == 0)
            return metric_def((enum metric_id)m)->name_zh;
    return key;
}

/* A goal field named in the history (an adjustment) in the document's language. */
static const char *field_word(const struct w *w, const char *field)
{
    static const struct {
        const char *key, *zh;
    } words[] = {
        {"target", "目标值"},      {"title", "标题"},       {"period", "周期"},
        {"scope", "范围"},         {"metric", "指标"},      {"parent", "上级目标"},
        {"objective", "战略目标"}, {"cadence", "检查节奏"}, {"filter", "筛选条件"},
        {"direction", "方向"},     {"archived", "已归档"},  {"created", "创建"},
        {"locked", "锁定"},        {"request", "调整申请"},
    };
    for (size_t i = 0; w->zh && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(field, words[i].key) == 0)
            return words[i].zh;
    return field;
}

/* An adjustment's reason: the words attain adds itself (a rebalance, a
 * reconcile, a reassign, a request's decision: domain/display.h) in the
 * document's language; a person's words as given. */
static const char *reason_text(struct w *w, struct buf *s, const char *reason)
{
    char zh[2048];
    if (!w->zh || !display_reason(reason, "zh", zh, sizeof zh))
        return reason;
    return tf(w, s, "%s", zh);
}

static const char *cadence_word(const struct w *w, const char *cadence);

/* An adjusted VALUE of FIELD as people read it: a cadence in words; the rest
 * (numbers, titles) as recorded. */
static const char *adjusted_value(struct w *w, struct buf *s, const char *field, const char *value)
{
    if (strcmp(field, "cadence") == 0 && *value)
        return cadence_word(w, value);
    if (strcmp(field, "scope") == 0) {
        char name[SCOPE_NAME_MAX];
        return tf(w, s, "%s", scope_name(w, value, name));
    }
    if (!w->zh)
        return value;
    if (strcmp(field, "locked") == 0 || strcmp(field, "archived") == 0)
        return strcmp(value, "yes") == 0 ? "是" : strcmp(value, "no") == 0 ? "否" : value;
    long long id;
    char state[16];
    if (strcmp(field, "request") == 0 && sscanf(value, "#%lld %15s", &id, state) == 2)
        return tf(w, s, "#%lld %s", id,
                  strcmp(state, "pending") == 0    ? "待审批"
                  : strcmp(state, "approved") == 0 ? "已批准"
                  : strcmp(state, "rejected") == 0 ? "已驳回"
                                                   : state);
    return value;
}

/* The title block: scope, period, as-of date, what is in it, who made it. */
static void write_title(struct w *w, struct buf *s)
{
    const struct plan_doc *d = w->d;
    size_t tops = 0;
    for (size_t i = 0; i < d->n_goals; i++)
        tops += d->goals[i].top;
    heading(w, 1, T(w, "Sales goal management plan", "销售目标管理计划"));
    list_begin(w);
    char name[SCOPE_NAME_MAX];
    item(w, w->zh ? tf(w, s, "范围：%s", scope_name(w, d->scope, name))
                  : tf(w, s, "Scope: %s", scope_name(w, d->scope, name)));
    const char *p = period_text(w, s, d->period, d->start, d->end);
    char *pcopy = xstrdup(p);
    item(w, w->zh ? tf(w, s, "周期：%s", pcopy) : tf(w, s, "Period: %s", pcopy));
    free(pcopy);
    item(w, w->zh ? tf(w, s, "数据截至：%s", d->as_of) : tf(w, s, "As of: %s", d->as_of));
    item(w, w->zh ? tf(w, s, "目标 %zu 个（顶层 %zu 个），战略目标 %zu 个，行动步骤 %zu 个",
                       d->n_goals, tops, d->n_objectives, d->n_actions)
                  : tf(w, s,
                       "Goals: %zu (top-level: %zu); strategic objectives: %zu; action "
                       "steps: %zu",
                       d->n_goals, tops, d->n_objectives, d->n_actions));
    item(w, w->zh ? tf(w, s, "由 %s 生成，目标与实际值取自 attain 数据库（截至 %s）", d->generator,
                       d->as_of)
                  : tf(w, s, "Generated by %s from the attain database (data as of %s)",
                       d->generator, d->as_of));
    list_end(w);
}

/* One line about top-level goal G for the objectives section. */
static const char *aligned_line(struct w *w, struct buf *s, struct buf *v,
                                const struct plan_goal *g)
{
    const char *target = val(w, v, g->kind, g->target);
    size_t below = descendants(w->d, g);
    char name[SCOPE_NAME_MAX];
    if (w->zh)
        return below ? tf(w, s, "目标 %lld：%s — %s %s，%s，%s（分解为 %zu 个子目标）",
                          (long long)g->id, g->title, g->metric, target,
                          scope_name(w, g->scope, name), g->period, below)
                     : tf(w, s, "目标 %lld：%s — %s %s，%s，%s", (long long)g->id, g->title,
                          g->metric, target, scope_name(w, g->scope, name), g->period);
    return below ? tf(w, s, "Goal %lld: %s — %s %s, %s, %s (broken down into %zu sub-goals)",
                      (long long)g->id, g->title, g->metric, target, scope_name(w, g->scope, name),
                      g->period, below)
                 : tf(w, s, "Goal %lld: %s — %s %s, %s, %s", (long long)g->id, g->title, g->metric,
                      target, scope_name(w, g->scope, name), g->period);
}

/* 1. The strategic objectives, the goals aligned with each, and the orphans. */
static void write_objectives(struct w *w, struct buf *s, struct buf *v)
{
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "1. Strategic objectives and strategy", "一、战略目标与策略"));
    para(w,
         T(w,
           "Every goal serves a strategic objective of the company (relevance): the "
           "objectives below, each with the goals of this plan aligned with it.",
           "每个目标都服务于公司的战略目标（相关性）。以下是各战略目标及本计划中与之对齐的目标。"));
    if (!d->n_objectives)
        para(w, T(w, "No strategic objective is set yet (attain objective add).",
                  "尚未设定战略目标（attain objective add）。"));
    for (size_t i = 0; i < d->n_objectives; i++) {
        const struct plan_objective *o = &d->objectives[i];
        heading(w, 3, o->title);
        if (o->description[0])
            para(w, o->description);
        size_t n = 0;
        for (size_t j = 0; j < d->n_goals; j++) {
            const struct plan_goal *g = &d->goals[j];
            if (!g->top || g->objective != o->id)
                continue;
            if (!n++)
                list_begin(w);
            item(w, aligned_line(w, s, v, g));
        }
        if (n)
            list_end(w);
        else
            para(w, T(w, "No goal of this plan is aligned with this objective.",
                      "本计划范围内没有与该战略目标对齐的目标。"));
    }
    size_t orphans = 0;
    for (size_t j = 0; j < d->n_goals; j++) {
        const struct plan_goal *g = &d->goals[j];
        if (!g->top || g->objective)
            continue;
        if (!orphans++) {
            heading(w, 3,
                    T(w, "Goals not aligned with a strategic objective", "未对齐战略目标的目标"));
            list_begin(w);
        }
        const char *line = aligned_line(w, s, v, g);
        if (g->parent) {
            char *copy = xstrdup(line);
            line =
                w->zh ? tf(w, s, "%s（上级目标 %lld 不在本计划范围内）", copy, (long long)g->parent)
                      : tf(w, s, "%s (its parent goal %lld is outside this plan)", copy,
                           (long long)g->parent);
            free(copy);
        }
        item(w, line);
    }
    if (orphans)
        list_end(w);
    else if (d->n_goals)
        para(w, T(w, "Every top-level goal is aligned with a strategic objective.",
                  "所有顶层目标都已对齐战略目标。"));
    section_end(w);
}

/* 2. Each top-level goal with its SMART letters and achievability. */
static void write_smart(struct w *w, struct buf *s, struct buf *v)
{
    static const char *const letters_en[] = {"S Specific", "M Measurable", "A Achievable",
                                             "R Relevant", "T Time-bound"};
    static const char *const letters_zh[] = {"S 明确具体", "M 可衡量", "A 可实现", "R 相关性",
                                             "T 有时间限制"};
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "2. Goals (SMART)", "二、目标（SMART）"));
    size_t n = 0;
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct plan_goal *g = &d->goals[i];
        if (!g->top)
            continue;
        n++;
        heading(w, 3, goal_name(w, s, g));
        list_begin(w);
        if (g->sentence[0])
            item(w, w->zh ? tf(w, s, "原话：“%s”", g->sentence)
                          : tf(w, s, "As written: “%s”", g->sentence));
        item(w, w->zh ? tf(w, s, "指标：%s", g->metric) : tf(w, s, "Metric: %s", g->metric));
        char name[SCOPE_NAME_MAX];
        item(w, w->zh ? tf(w, s, "范围：%s", scope_name(w, g->scope, name))
                      : tf(w, s, "Scope: %s", scope_name(w, g->scope, name)));
        char *p = xstrdup(period_text(w, s, g->period, g->start, g->end));
        item(w, w->zh ? tf(w, s, "周期：%s", p) : tf(w, s, "Period: %s", p));
        free(p);
        const char *target = val(w, v, g->kind, g->target);
        item(w, w->zh
                    ? tf(w, s, "目标值：%s（%s）", target, g->lower ? "越低越好" : "越高越好")
                    : tf(w, s, "Target: %s (%s is better)", target, g->lower ? "lower" : "higher"));
        item(w, w->zh ? tf(w, s, "检查节奏：%s", cadence_word(w, g->cadence))
                      : tf(w, s, "Check-ins: %s", cadence_word(w, g->cadence)));
        list_end(w);
        if (!g->checked)
            continue;
        para(w, tf(w, s, "SMART %d/5", g->smart_score));
        list_begin(w);
        for (int l = 0; l < 5; l++)
            item(w, tf(w, s, "%s %s %s", w->zh ? letters_zh[l] : letters_en[l],
                       g->smart[l].ok ? "✓" : "✗", g->smart[l].reason));
        list_end(w);
        if (!g->judged) {
            para(w, T(w, "Achievability: not judged (the metric, scope or period is unknown).",
                      "可实现性：未评估（缺少指标、范围或周期）。"));
            continue;
        }
        para(w, w->zh ? tf(w, s, "可实现性：%s", g->verdict)
                      : tf(w, s, "Achievability: %s", g->verdict));
        if (g->n_reasons) {
            list_begin(w);
            for (size_t r = 0; r < g->n_reasons; r++)
                item(w, g->reasons[r]);
            list_end(w);
        }
    }
    if (!n)
        para(w, T(w, "No goal of this scope overlaps this period (attain goal add).",
                  "该范围在这个周期内没有目标（attain goal add）。"));
    section_end(w);
}

/* The line under a breakdown table: do its parts add up? */
static void write_adds_up(struct w *w, struct buf *s, const struct plan_breakdown *b)
{
    struct buf v1, v2, v3;
    buf_init(&v1, 0);
    buf_init(&v2, 0);
    buf_init(&v3, 0);
    if (!b->additive) {
        para(w, T(w,
                  "A ratio or score: every part keeps its own target; the parts are not "
                  "added up.",
                  "比率或评分类指标：各部分沿用各自的目标值，不相加。"));
    } else if (!b->n_mismatches) {
        para(w, T(w, "✓ The parts add up to the whole.", "✓ 各部分之和等于上级目标。"));
    } else {
        const char *over = b->over == PLAN_OVER_TIME ? "time" : "org";
        for (size_t i = 0; i < b->n_mismatches; i++) {
            const struct plan_mismatch *m = &b->mismatches[i];
            const char *sum = val(w, &v1, b->kind, m->sum),
                       *target = val(w, &v2, b->kind, m->target),
                       *gap = val(w, &v3, b->kind, m->gap);
            para(w, w->zh ? tf(w, s,
                               "✗ 目标 %lld 的各部分之和 %s 不等于目标值 %s（差 %s；attain goal "
                               "reconcile --fix %lld --over %s）",
                               (long long)m->parent_id, sum, target, gap, (long long)m->parent_id,
                               over)
                          : tf(w, s,
                               "✗ The parts of goal %lld add up to %s, not to its target %s (gap "
                               "%s; attain goal reconcile --fix %lld --over %s).",
                               (long long)m->parent_id, sum, target, gap, (long long)m->parent_id,
                               over));
        }
    }
    buf_free(&v1);
    buf_free(&v2);
    buf_free(&v3);
}

/* 3. The breakdown tables, over time and over the team. */
static void write_breakdowns(struct w *w, struct buf *s)
{
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "3. Goal breakdown", "三、目标分解"));
    para(w, T(w,
              "Goals are broken down over time (year → quarters → months) and over the team; "
              "each part shows its target and its share of the goal above it.",
              "目标按时间（年 → 季度 → "
              "月）和团队成员逐级分解；每个部分列出目标值及其占上级目标的比例。"));
    if (!d->n_breakdowns)
        para(w, T(w, "No goal of this plan is broken down yet (attain goal split).",
                  "本计划中的目标尚未分解（attain goal split）。"));
    const char *cols[] = {T(w, "Goal", "目标"), T(w, "Part", "分解部分"), T(w, "Target", "目标值"),
                          T(w, "Share of parent", "占上级比例")};
    const bool right[] = {false, false, true, true};
    struct buf c0, c1, c2, c3;
    buf_init(&c0, 0);
    buf_init(&c1, 0);
    buf_init(&c2, 0);
    buf_init(&c3, 0);
    for (size_t i = 0; i < d->n_breakdowns; i++) {
        const struct plan_breakdown *b = &d->breakdowns[i];
        const struct plan_goal *root = plan_goal_find(d, b->root);
        if (!root)
            continue;
        bool time = b->over == PLAN_OVER_TIME;
        heading(w, 3,
                w->zh ? tf(w, s, "目标 %lld %s：%s", (long long)root->id,
                           time ? "按时间分解" : "按团队分解", root->title)
                      : tf(w, s, "Goal %lld over %s: %s", (long long)root->id,
                           time ? "time" : "the team", root->title));
        table_begin(w, cols, right, 4);
        char name[SCOPE_NAME_MAX];
        const char *head[] = {
            tf(w, &c0, "#%lld", (long long)root->id),
            w->zh
                ? tf(w, &c1, "%s（整体）", time ? root->period : scope_name(w, root->scope, name))
                : tf(w, &c1, "%s (whole)", time ? root->period : scope_name(w, root->scope, name)),
            val(w, &c2, b->kind, root->target), val(w, &c3, VK_RATIO, "1")};
        table_row(w, head, right, 4);
        for (size_t j = 0; j < b->n_parts; j++) {
            const struct plan_part *p = &b->parts[j];
            buf_reset(&c1);
            for (int k = 2; k < p->depth; k++)
                af(w, &c1, "\xE3\x80\x80"); /* an ideographic space per level */
            af(w, &c1, "%s%s", p->depth > 1 ? "└ " : "",
               time ? p->label : scope_name(w, p->label, name));
            const char *row[] = {tf(w, &c0, "#%lld", (long long)p->goal_id), buf_str(&c1),
                                 val(w, &c2, b->kind, p->target),
                                 b->additive ? val(w, &c3, VK_RATIO, p->share) : "—"};
            table_row(w, row, right, 4);
        }
        table_end(w);
        write_adds_up(w, s, b);
    }
    buf_free(&c0);
    buf_free(&c1);
    buf_free(&c2);
    buf_free(&c3);
    section_end(w);
}

/* 4. The action steps of each goal. */
static void write_actions(struct w *w, struct buf *s)
{
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "4. Action steps", "四、行动步骤"));
    para(w, T(w,
              "Every goal needs concrete action steps, each with an owner, a due date and the "
              "driver metric it moves.",
              "每个目标都要有具体、可操作的行动步骤，写明负责人、截止日期和它推动的驱动指标。"));
    const char *cols[] = {T(w, "Action", "行动步骤"), T(w, "Owner", "负责人"),
                          T(w, "Due", "截止日期"), T(w, "Done", "完成情况"),
                          T(w, "Driver metric", "驱动指标")};
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct plan_goal *g = &d->goals[i];
        size_t n = 0;
        for (size_t j = 0; j < d->n_actions; j++) {
            const struct plan_action *a = &d->actions[j];
            if (a->goal_id != g->id)
                continue;
            if (!n++) {
                heading(w, 3, goal_name(w, s, g));
                table_begin(w, cols, NULL, 5);
            }
            const char *row[] = {a->what, a->owner, a->due,
                                 a->done ? T(w, "✓ done", "✓ 已完成") : T(w, "open", "未完成"),
                                 driver_name(w, a->driver)};
            table_row(w, row, NULL, 5);
        }
        if (n)
            table_end(w);
    }
    size_t missing = 0;
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct plan_goal *g = &d->goals[i];
        bool has = false;
        for (size_t j = 0; j < d->n_actions && !has; j++)
            has = d->actions[j].goal_id == g->id;
        if (!g->top || has)
            continue;
        if (!missing++) {
            para(w, T(w, "Top-level goals without action steps yet (attain goal action add):",
                      "尚无行动步骤的顶层目标（attain goal action add）："));
            list_begin(w);
        }
        item(w, goal_name(w, s, g));
    }
    if (missing)
        list_end(w);
    section_end(w);
}

/* 5. The review cadence: the method's standard, each goal's, the adjustments. */
static void write_cadence(struct w *w)
{
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "5. Review and feedback cadence", "五、复盘与反馈节奏"));
    para(w, T(w, "The standard cadence of the method:", "方法规定的标准节奏："));
    list_begin(w);
    item(w, T(w,
              "Weekly check-ins: each owner reports progress, confidence, blockers and next "
              "steps (attain goal status).",
              "每周进度检查：每位负责人更新进度、信心、障碍和下一步（attain goal status）。"));
    item(w, T(w,
              "Monthly review meeting (定期反馈会议): all goals of the scope by risk — pace, "
              "forecast, gaps — and the focus for the next month.",
              "每月定期反馈会议（复盘）：按风险逐一过目标，对照进度、预测和缺口，确定下月重点。"));
    item(w, T(w,
              "Quarterly adjustment: goals and strategy are adjusted from the data, a "
              "shortfall is spread over the remaining periods (attain goal reconcile), and "
              "every change keeps its reason.",
              "每季度调整：根据数据调整目标与策略，把缺口分摊到剩余周期（attain goal "
              "reconcile），每次调整都记录原因。"));
    list_end(w);
    heading(w, 3, T(w, "Check-in cadence per goal", "各目标的检查节奏"));
    struct buf c0, c1, c2, c3;
    buf_init(&c1, 0);
    buf_init(&c0, 0);
    buf_init(&c2, 0);
    buf_init(&c3, 0);
    if (d->n_goals) {
        const char *cols[] = {T(w, "Goal", "目标"), T(w, "Period", "周期"),
                              T(w, "Check-ins", "检查节奏")};
        table_begin(w, cols, NULL, 3);
        for (size_t i = 0; i < d->n_goals; i++) {
            const struct plan_goal *g = &d->goals[i];
            const char *row[] = {goal_ref(w, &c0, g), g->period, cadence_word(w, g->cadence)};
            table_row(w, row, NULL, 3);
        }
        table_end(w);
    } else {
        para(w, T(w, "No goals.", "没有目标。"));
    }
    heading(w, 3, T(w, "Adjustments", "调整记录"));
    if (!d->n_adjustments) {
        para(w, T(w, "No adjustment recorded yet.", "尚无调整记录。"));
    } else {
        const char *cols[] = {T(w, "When", "时间"), T(w, "Goal", "目标"), T(w, "Field", "字段"),
                              T(w, "Old", "原值"),  T(w, "New", "新值"),  T(w, "Reason", "原因")};
        table_begin(w, cols, NULL, 6);
        for (size_t i = 0; i < d->n_adjustments; i++) {
            const struct plan_adjustment *a = &d->adjustments[i];
            const char *row[] = {a->at,
                                 tf(w, &c0, "#%lld", (long long)a->goal_id),
                                 field_word(w, a->field),
                                 adjusted_value(w, &c2, a->field, a->old_value),
                                 adjusted_value(w, &c3, a->field, a->new_value),
                                 reason_text(w, &c1, a->reason)};
            table_row(w, row, NULL, 6);
        }
        table_end(w);
    }
    buf_free(&c0);
    buf_free(&c1);
    buf_free(&c2);
    buf_free(&c3);
    section_end(w);
}

/* The charts of the status section: the burn-up of each top-level goal that
 * accrues over time, then attainment by member of each goal split over the
 * team (a bar per part, labelled by name). */
static void write_charts(struct w *w, struct buf *s)
{
    const struct plan_doc *d = w->d;
    char name[SCOPE_NAME_MAX];
    for (size_t i = 0; i < d->n_burnups; i++) {
        const struct plan_burnup *b = &d->burnups[i];
        const struct plan_goal *g = plan_goal_find(d, b->goal_id);
        if (!g)
            continue;
        scope_name(w, g->scope, name);
        const char *title = w->zh ? tf(w, s, "目标 %lld 累计完成：%s（%s，%s）", (long long)g->id,
                                       g->title, name, g->period)
                                  : tf(w, s, "Goal %lld burn-up: %s (%s, %s)", (long long)g->id,
                                       g->title, name, g->period);
        chart_burnup(w, b, title, g->kind, g->target, g->forecast, g->start, g->end, d->as_of);
    }
    for (size_t i = 0; i < d->n_breakdowns; i++) {
        const struct plan_breakdown *b = &d->breakdowns[i];
        const struct plan_goal *root = plan_goal_find(d, b->root);
        if (b->over != PLAN_OVER_TEAM || !root || !b->n_parts)
            continue;
        const char **att = xcalloc(b->n_parts, sizeof *att);
        const char **status = xcalloc(b->n_parts, sizeof *status);
        char(*names)[SCOPE_NAME_MAX] = xcalloc(b->n_parts, sizeof *names);
        const char **labels = xcalloc(b->n_parts, sizeof *labels);
        size_t n = 0;
        for (size_t j = 0; j < b->n_parts; j++) {
            const struct plan_part *p = &b->parts[j];
            const struct plan_goal *g = plan_goal_find(d, p->goal_id);
            if (p->depth != 1 || !g)
                continue;
            att[n] = g->attainment;
            status[n] = g->status;
            labels[n] = scope_name(w, p->label, names[n]);
            n++;
        }
        const char *title =
            w->zh
                ? tf(w, s, "目标 %lld 各成员完成率：%s", (long long)root->id, root->title)
                : tf(w, s, "Goal %lld attainment by member: %s", (long long)root->id, root->title);
        chart_attainment(w, title, labels, att, status, n);
        free(att);
        free(status);
        free(names);
        free(labels);
    }
}

/* 6. Where every goal stands as of the plan's date. */
static void write_status(struct w *w, struct buf *s)
{
    const struct plan_doc *d = w->d;
    section_begin(w, T(w, "6. Current status", "六、当前进度"));
    para(w, w->zh ? tf(w, s,
                       "截至 %s。应完成 = 目标值 × 已过工作日占比；进度 = 实际 ÷ 应完成；预测按当前"
                       "速度推算到周期结束。",
                       d->as_of)
                  : tf(w, s,
                       "As of %s. Expected = target × the elapsed share of working days; pace = "
                       "actual ÷ expected; the forecast runs the current rate to the period's end.",
                       d->as_of));
    if (!d->n_goals) {
        para(w, T(w, "No goals.", "没有目标。"));
        section_end(w);
        return;
    }
    const char *cols[] = {
        T(w, "Goal", "目标"),   T(w, "Period", "周期"),       T(w, "Target", "目标值"),
        T(w, "Actual", "实际"), T(w, "Attainment", "完成率"), T(w, "Expected", "应完成"),
        T(w, "Pace", "进度"),   T(w, "Forecast", "预测"),     T(w, "Status", "状态")};
    const bool right[] = {false, false, true, true, true, true, true, true, false};
    struct buf c[7];
    for (size_t i = 0; i < 7; i++)
        buf_init(&c[i], 0);
    table_begin(w, cols, right, 9);
    static const char *const keys[] = {"on_track", "at_risk", "behind",      "achieved",
                                       "met",      "missed",  "not_started", "no_target"};
    size_t counts[sizeof keys / sizeof keys[0]] = {0};
    for (size_t i = 0; i < d->n_goals; i++) {
        const struct plan_goal *g = &d->goals[i];
        const char *row[] = {goal_ref(w, &c[0], g),
                             g->period,
                             val(w, &c[1], g->kind, g->target),
                             val(w, &c[2], g->kind, g->actual),
                             val(w, &c[3], VK_RATIO, g->attainment),
                             val(w, &c[4], g->kind, g->expected),
                             val(w, &c[5], VK_RATIO, g->pace),
                             val(w, &c[6], g->kind, g->forecast),
                             status_word(w, g->status)};
        table_row(w, row, right, 9);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            counts[k] += strcmp(g->status, keys[k]) == 0;
    }
    table_end(w);
    buf_reset(s);
    af(w, s, w->zh ? "合计 %zu 个目标：" : "%zu goals: ", d->n_goals);
    bool first = true;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        if (!counts[k])
            continue;
        af(w, s, "%s%s %zu", first ? "" : (w->zh ? "，" : ", "), status_word(w, keys[k]),
           counts[k]);
        first = false;
    }
    para(w, buf_str(s));
    write_charts(w, s);
    for (size_t i = 0; i < 7; i++)
        buf_free(&c[i]);
    section_end(w);
}

/* The style sheet of the HTML document: A4 pages, a font stack with the
 * common CJK fonts, tables whose rows never split across pages. No external
 * resource of any kind. */
static const char css[] =
    "@page { size: A4; margin: 18mm }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact }\n"
    "body { font-family: \"Noto Sans CJK SC\", \"PingFang SC\", \"Microsoft YaHei\", "
    "\"Source Han Sans SC\", \"Hiragino Sans GB\", system-ui, -apple-system, \"Segoe UI\", "
    "Roboto, \"Helvetica Neue\", Arial, sans-serif; font-size: 10.5pt; line-height: 1.5; "
    "color: #1a1a1a; max-width: 190mm; margin: 0 auto; padding: 12px }\n"
    "h1 { font-size: 20pt; margin: 0 0 8px; border-bottom: 2px solid #1a1a1a }\n"
    "h2 { font-size: 15pt; margin: 18px 0 8px; border-bottom: 1px solid #999; "
    "page-break-after: avoid; break-after: avoid }\n"
    "h3 { font-size: 12pt; margin: 14px 0 6px; page-break-after: avoid; break-after: avoid }\n"
    "section.newpage { page-break-before: always; break-before: page }\n"
    "table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 9.5pt }\n"
    "thead { display: table-header-group }\n"
    "tr { page-break-inside: avoid; break-inside: avoid }\n"
    "th, td { border: 1px solid #888; padding: 3px 6px; text-align: left; vertical-align: top }\n"
    "th { background: #eee }\n"
    "td.num, th.num { text-align: right; white-space: nowrap }\n"
    "ul { margin: 4px 0 8px; padding-left: 20px }\n"
    "p { margin: 4px 0 8px }\n"
    "figure.chart { margin: 8px 0 12px; page-break-inside: avoid; break-inside: avoid }\n"
    "figure.chart svg { max-width: 100%; height: auto }\n"
    "@media screen { section.newpage { border-top: 1px dashed #bbb; margin-top: 24px } }\n";

/* The HTML document's start: doctype, head with TITLE and the style sheet,
 * the body's opening tag. */
static void html_head(struct w *w, const char *title)
{
    put(w, w->zh ? "<!doctype html>\n<html lang=\"zh-CN\">\n"
                 : "<!doctype html>\n<html "
                   "lang=\"en\">\n");
    put(w, "<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>");
    put_text(w, title);
    put(w, "</title>\n<style>\n");
    put(w, css);
    put(w, "</style>\n</head>\n<body>\n");
}

enum at_status plan_render(const struct plan_doc *d, enum plan_format format, struct buf *out,
                           struct at_err *err)
{
    struct w w = {.b = out, .d = d, .html = format == PLAN_HTML, .zh = strcmp(d->lang, "zh") == 0};
    struct buf s, v;
    char name[SCOPE_NAME_MAX];
    buf_init(&s, 0);
    buf_init(&v, 0);
    if (w.html) {
        html_head(&w, tf(&w, &s, "%s · %s · %s",
                         T(&w, "Sales goal management plan", "销售目标管理计划"),
                         scope_name(&w, d->scope, name), d->period));
        put(&w, "<header>\n");
    }
    write_title(&w, &s);
    if (w.html)
        put(&w, "</header>\n");
    write_objectives(&w, &s, &v);
    write_smart(&w, &s, &v);
    write_breakdowns(&w, &s);
    write_actions(&w, &s);
    write_cadence(&w);
    write_status(&w, &s);
    if (w.html)
        put(&w, "</body>\n</html>\n");
    buf_free(&s);
    buf_free(&v);
    if (w.st)
        return at_err_set(err, w.st, "the plan document is larger than its buffer allows");
    return AT_OK;
}

/* ------------------------------------------------- the writer for others */

struct doc_writer {
    struct w w;
    struct plan_doc d; /* only its language and currency: what val() reads */
};

struct doc_writer *doc_writer_new(struct buf *out, enum plan_format format, const char *lang,
                                  const char *currency, const char *title)
{
    struct doc_writer *dw = xcalloc(1, sizeof *dw);
    plan_doc_init(&dw->d);
    bool zh = lang && strcmp(lang, "zh") == 0;
    snprintf(dw->d.lang, sizeof dw->d.lang, "%s", zh ? "zh" : "en");
    if (currency && *currency)
        snprintf(dw->d.currency, sizeof dw->d.currency, "%s", currency);
    dw->w = (struct w){.b = out, .d = &dw->d, .html = format == PLAN_HTML, .zh = zh};
    if (dw->w.html)
        html_head(&dw->w, title);
    return dw;
}

void doc_heading(struct doc_writer *dw, int level, const char *text)
{
    heading(&dw->w, level, text);
}

void doc_para(struct doc_writer *dw, const char *text)
{
    para(&dw->w, text);
}

void doc_list_begin(struct doc_writer *dw)
{
    list_begin(&dw->w);
}

void doc_item(struct doc_writer *dw, const char *text)
{
    item(&dw->w, text);
}

void doc_list_end(struct doc_writer *dw)
{
    list_end(&dw->w);
}

void doc_table_begin(struct doc_writer *dw, const char *const *cols, const bool *right, size_t n)
{
    table_begin(&dw->w, cols, right, n);
}

void doc_table_row(struct doc_writer *dw, const char *const *cells, const bool *right, size_t n)
{
    table_row(&dw->w, cells, right, n);
}

void doc_table_end(struct doc_writer *dw)
{
    table_end(&dw->w);
}

void doc_section_begin(struct doc_writer *dw, const char *title)
{
    section_begin(&dw->w, title);
}

void doc_section_end(struct doc_writer *dw)
{
    section_end(&dw->w);
}

char *doc_value(struct doc_writer *dw, enum value_kind kind, const char *text)
{
    struct buf s;
    buf_init(&s, 0);
    val(&dw->w, &s, kind, text);
    char *out = xstrdup(buf_str(&s));
    buf_free(&s);
    return out;
}

const char *doc_status_word(const struct doc_writer *dw, const char *key)
{
    return status_word(&dw->w, key);
}

const char *doc_field_word(const struct doc_writer *dw, const char *field)
{
    return field_word(&dw->w, field);
}

void doc_chart_burnup(struct doc_writer *dw, const struct plan_burnup *b, const char *title,
                      enum value_kind kind, const char *target, const char *forecast,
                      const char *start, const char *end, const char *as_of)
{
    chart_burnup(&dw->w, b, title, kind, target, forecast, start, end, as_of);
}

void doc_chart_attainment(struct doc_writer *dw, const char *title, const char *const *labels,
                          const char *const *attainment, const char *const *status, size_t n)
{
    chart_attainment(&dw->w, title, labels, attainment, status, n);
}

enum at_status doc_writer_finish(struct doc_writer *dw, struct at_err *err)
{
    if (dw->w.html)
        put(&dw->w, "</body>\n</html>\n");
    enum at_status st = dw->w.st;
    plan_doc_free(&dw->d);
    free(dw);
    if (st)
        return at_err_set(err, st, "the document is larger than its buffer allows");
    return AT_OK;
}
