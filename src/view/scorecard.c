/* view/scorecard.c — the scorecard table (view/scorecard.h), moved out of
 * cli/cmd_scorecard.c so the API answers with the same rows. */
#include "view/scorecard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct show_ctx {
    struct app *app;
    struct table *t;
    const struct view_visible *vis;
    const char *display_lang;
};

static const char *line_name(enum scorecard_line l)
{
    return l == SCORECARD_GOAL ? "goal" : l == SCORECARD_SCORE ? "score" : "rollup";
}

static enum at_status show_row(const struct scorecard_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct show_ctx *c = ctx;
    if (!view_visible_label(c->app, c->vis, r->scope))
        return AT_OK;
    char card[24] = "", goal[24] = "";
    if (r->card)
        snprintf(card, sizeof card, "%lld", (long long)r->card);
    bool is_goal = r->line == SCORECARD_GOAL;
    if (is_goal)
        snprintf(goal, sizeof goal, "%lld", (long long)r->goal);
    struct typed_value v[14] = {
        {.kind = VK_TEXT, .defined = true, .text = card},
        {.kind = VK_TEXT, .defined = true, .text = r->scope},
        {.kind = VK_TEXT, .defined = true, .text = r->period},
        {.kind = VK_TEXT, .defined = true, .text = line_name(r->line)},
        {.kind = VK_TEXT, .defined = true, .text = goal},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? r->title : ""},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? metric_def(r->metric)->key : ""},
        {.kind = VK_TEXT, .defined = true, .text = is_goal ? (r->lower ? "lower" : "higher") : ""},
        {.kind = VK_RATIO, .defined = r->line != SCORECARD_ROLLUP, .v = r->weight_bp},
        is_goal ? r->target : (struct typed_value){.kind = VK_MONEY, .defined = false},
        is_goal ? r->actual : (struct typed_value){.kind = VK_MONEY, .defined = false},
        {.kind = VK_RATIO, .defined = is_goal && r->defined, .v = r->attainment},
        {.kind = VK_RATIO, .defined = is_goal, .v = r->counted},
        {.kind = VK_RATIO, .defined = true, .v = r->contribution},
    };
    char reports[24] = "";
    if (r->line == SCORECARD_ROLLUP)
        snprintf(reports, sizeof reports, "%ld", r->reports);
    if (c->display_lang) {
        /* targets and actuals of several units in one column: shown here */
        const char *cells[15];
        char *owned[15] = {0};
        for (size_t i = 0; i < 14; i++) {
            if (v[i].kind == VK_TEXT) {
                cells[i] = v[i].text;
            } else {
                owned[i] = value_display(&v[i], c->app->currency, c->display_lang);
                cells[i] = owned[i];
            }
        }
        cells[14] = reports;
        table_add_row(c->t, cells);
        for (size_t i = 0; i < 14; i++)
            free(owned[i]);
        return AT_OK;
    }
    struct typed_value row[15];
    memcpy(row, v, sizeof v);
    row[14] = (struct typed_value){.kind = VK_TEXT, .defined = true, .text = reports};
    table_add_values(c->t, row);
    return AT_OK;
}

enum at_status view_scorecards(struct app *app, const struct scorecard_options *o,
                               const struct view_visible *vis, const char *display_lang,
                               struct table *out, struct at_err *err)
{
    const char *cols[] = {"scorecard", "scope",      "period",    "kind",         "goal",
                          "title",     "metric",     "direction", "weight",       "target",
                          "actual",    "attainment", "counted",   "contribution", "reports"};
    table_init(out, 15, cols);
    snprintf(out->currency, sizeof out->currency, "%s", app->currency);
    for (size_t c = 8; c < 15; c++)
        out->right[c] = true;
    out->right[0] = out->right[4] = true;
    struct show_ctx c = {app, out, vis, display_lang};
    return app_scorecard_show(app, o, show_row, &c, err);
}
