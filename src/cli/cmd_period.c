/* cmd_period.c — attain period: show how attain reads a period expression. */
#include <jansson.h>

#include "app/app.h"
#include "app/calendar_info.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "view/period.h"

int cmd_period(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *as_of_text = NULL, *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--as-of", &as_of_text), OPT_VALUE("--format", &format),
                               OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("period", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        at_err_set(&err, AT_INVALID, "usage: attain period EXPR [--as-of DATE]");
        return cli_fail(ctx, &err);
    }
    int32_t as_of = cal_today();
    if (as_of_text && !cal_parse_iso(as_of_text, &as_of)) {
        at_err_set(&err, AT_INVALID, "--as-of %s: write the date as YYYY-MM-DD", as_of_text);
        return cli_fail(ctx, &err);
    }
    /* The database gives holidays and the fiscal year; without one, plain weeks. */
    struct app *app = NULL;
    FILE *probe = fopen(ctx->db_path, "rb");
    if (probe) {
        fclose(probe);
        if (cli_open(ctx, &app, &err))
            return cli_fail(ctx, &err);
    }
    struct period_info pi;
    enum at_status st = app_period_info(app, pos[0], as_of, &pi, &err);
    if (st)
        return cli_fail(ctx, &err);
    char start[CAL_DATE_LEN], end[CAL_DATE_LEN];
    cal_format(pi.period.start, start);
    cal_format(pi.period.end, end);
    if (fmt == FMT_JSON) {
        json_t *o = view_period_json(&pi);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
    if (fmt == FMT_CSV) {
        fprintf(ctx->out, "period,start,end,days,working_days,previous\n%s,%s,%s,%d,%lld,%s\n",
                pi.text, start, end, pi.days, (long long)pi.working_days, pi.previous_text);
        return 0;
    }
    if (i18n_zh(ctx->lang)) {
        fprintf(ctx->out,
                "周期      %s\n开始      %s\n结束      %s\n天数      %d\n"
                "工作日    %lld",
                pi.text, start, end, pi.days, (long long)pi.working_days);
        if (pi.holidays || pi.makeup_days)
            fprintf(ctx->out, "（%lld 个节假日落在工作日，%lld 个调休上班日）",
                    (long long)pi.holidays, (long long)pi.makeup_days);
        fprintf(ctx->out, "\n上一周期  %s\n去年同期  %s\n", pi.previous_text, pi.last_year_text);
        return 0;
    }
    fprintf(ctx->out,
            "period        %s\nstart         %s\nend           %s\ndays          %d\n"
            "working days  %lld",
            pi.text, start, end, pi.days, (long long)pi.working_days);
    if (pi.holidays || pi.makeup_days)
        fprintf(ctx->out, " (%lld holidays on weekdays, %lld make-up working days)",
                (long long)pi.holidays, (long long)pi.makeup_days);
    fprintf(ctx->out, "\nprevious      %s\nlast year     %s\n", pi.previous_text,
            pi.last_year_text);
    return 0;
}
