/*
 * cmd_data.c — the commands that fill and read the store: init, import, ls,
 * demo, summary, backup, restore.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/demo.h"
#include "app/import.h"
#include "app/list.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "io/tzfile.h"
#include "view/import.h"
#include "view/list.h"

/* Read a --as-of value (default today). */
static enum at_status read_as_of(const char *text, int32_t *out, struct at_err *err)
{
    if (!text) {
        *out = cal_today();
        return AT_OK;
    }
    if (!cal_parse_iso(text, out))
        return at_err_set(err, AT_INVALID, "--as-of %s: write the date as YYYY-MM-DD", text);
    return AT_OK;
}

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *currency = NULL, *fiscal = NULL, *holidays = NULL, *tz = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--currency", &currency), OPT_VALUE("--tz", &tz),
                               OPT_VALUE("--fiscal-start", &fiscal),
                               OPT_VALUE("--holidays", &holidays), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("init", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    /* The machine's zone: $TZ when it names a zone, else /etc/localtime. */
    char machine[TZ_NAME_MAX];
    const char *env_tz = getenv("TZ");
    if (env_tz && *env_tz == ':')
        env_tz++;
    if (env_tz && *env_tz && strchr(env_tz, '/') && !strstr(env_tz, ".."))
        snprintf(machine, sizeof machine, "%s", env_tz);
    else
        tz_machine_name(machine, sizeof machine);
    struct init_options opt = {
        .currency = currency, .holidays = holidays, .tz = tz, .machine_tz = machine};
    if (fiscal) {
        int64_t m;
        if (!str_to_i64(fiscal, &m) || m < 1 || m > 12) {
            at_err_set(&err, AT_INVALID, "--fiscal-start %s: give a month 1-12", fiscal);
            return cli_fail(ctx, &err);
        }
        opt.fiscal_start_month = (int)m;
    }
    struct app *app;
    if (app_init(ctx->db_path, &opt, &app, &err))
        return cli_fail(ctx, &err);
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out, "%s：已就绪（报告币种 %s，财年从 %d 月开始）\n", ctx->db_path,
                app->currency, app->fiscal_start_month);
    else
        fprintf(ctx->out, "%s: ready (reporting currency %s, fiscal year from month %d)\n",
                ctx->db_path, app->currency, app->fiscal_start_month);
    app_close(app);
    return 0;
}

static void print_import_json(struct cli_ctx *ctx, const struct import_options *o,
                              const struct import_report *r)
{
    json_t *root = view_import_json(o, r, false);
    json_dumpf(root, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', ctx->out);
    json_decref(root);
}

/* The delimiter in Chinese. */
static const char *delimiter_zh(char d)
{
    switch (d) {
    case ',':
        return "逗号分隔";
    case ';':
        return "分号分隔";
    case '\t':
        return "制表符分隔";
    case '|':
        return "竖线分隔";
    default:
        return "?";
    }
}

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',':
        return "comma";
    case ';':
        return "semicolon";
    case '\t':
        return "tab";
    case '|':
        return "pipe";
    default:
        return "?";
    }
}

/* The summary of one import run: rows, counts per table (with removed under
 * --replace), ignored columns, then the errors on stderr. */
static void print_import(struct cli_ctx *ctx, const struct import_options *o,
                         const struct import_report *r, enum at_status st, enum out_format fmt)
{
    if (fmt == FMT_JSON) {
        print_import_json(ctx, o, r);
    } else if (r->rows || !st) {
        double rate = r->seconds > 0 ? (double)r->rows / r->seconds : 0;
        if (i18n_zh(ctx->lang))
            fprintf(ctx->out, "%s：%ld 行（%s，%s）用时 %.2f 秒，每秒 %.0f 行%s\n", o->path,
                    r->rows, r->encoding, delimiter_zh(r->delimiter), r->seconds, rate,
                    st           ? ""
                    : o->dry_run ? " — 试运行，未写入"
                                 : "");
        else
            fprintf(ctx->out, "%s: %ld rows (%s, %s) in %.2f s, %.0f rows/s%s\n", o->path, r->rows,
                    r->encoding, delimiter_name(r->delimiter), r->seconds, rate,
                    st           ? ""
                    : o->dry_run ? " — dry run, nothing written"
                                 : "");
        if (!st) {
            struct table t;
            const char *cols[] = {"kind", "inserted", "updated", "unchanged", "removed"};
            size_t n_cols = o->replace ? 5 : 4;
            table_init(&t, n_cols, cols);
            t.right[1] = t.right[2] = t.right[3] = true;
            if (o->replace)
                t.right[4] = true;
            for (int k = 0; k < STORE_TABLE_COUNT; k++) {
                const struct import_count *c = &r->counts[k];
                if (!c->inserted && !c->updated && !c->unchanged && !c->removed)
                    continue;
                char a[24], b[24], d[24], e[24];
                snprintf(a, sizeof a, "%ld", c->inserted);
                snprintf(b, sizeof b, "%ld", c->updated);
                snprintf(d, sizeof d, "%ld", c->unchanged);
                snprintf(e, sizeof e, "%ld", c->removed);
                const char *row[] = {app_list_kinds[k], a, b, d, e};
                table_add_row(&t, row);
            }
            t.lang = ctx->lang;
            table_print(&t, FMT_TABLE, 0, ctx->out);
            table_free(&t);
        }
        if (r->ignored.len)
            fprintf(ctx->out, i18n_zh(ctx->lang) ? "忽略的列：%s\n" : "ignored columns: %s\n",
                    buf_str(&r->ignored));
    }
    if (r->errors.len)
        fputs(buf_str(&r->errors), ctx->err);
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct import_options o = {0};
    const char *format = "table", *won_without_close = NULL;
    const char *values[64];
    bool yes = false;
    size_t n_values = 0;
    struct opt_spec specs[] = {OPT_VALUE("--map", &o.map),
                               OPT_VALUE("--mapping", &o.mapping_file),
                               OPT_LIST("--value", values, &n_values, 64),
                               OPT_VALUE("--won-without-close", &won_without_close),
                               OPT_FLAG("--dry-run", &o.dry_run),
                               OPT_FLAG("--replace", &o.replace),
                               OPT_VALUE("--period", &o.period),
                               OPT_FLAG("--yes", &yes),
                               OPT_VALUE("--encoding", &o.encoding),
                               OPT_VALUE("--date-format", &o.date_format),
                               OPT_VALUE("--format", &format),
                               OPT_END};
    char *pos[2];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("import", argc, argv, specs, pos, 2, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 2) {
        at_err_set(&err, AT_INVALID, "usage: attain import KIND FILE (attain help import)");
        return cli_fail(ctx, &err);
    }
    if (!import_kind_parse(pos[0], &o.kind)) {
        at_err_set(&err, AT_INVALID,
                   "cannot import \"%s\": KIND is units, people, customers, deals, orders, "
                   "payments, activities, surveys, markets, holidays or rates",
                   pos[0]);
        return cli_fail(ctx, &err);
    }
    o.path = pos[1];
    o.values = values;
    o.n_values = n_values;
    o.today = ctx->today;
    if (won_without_close) {
        if (strcmp(won_without_close, "expected") == 0) {
            o.closed_from_expected = true;
        } else if (strcmp(won_without_close, "refuse") != 0) {
            at_err_set(&err, AT_INVALID,
                       "--won-without-close %s: give refuse (the default) or expected",
                       won_without_close);
            return cli_fail(ctx, &err);
        }
    }
    o.progress = isatty(fileno(ctx->err)) && fmt == FMT_TABLE;
    /* ATTAIN_DEBUG_HOLD_MS: a debugging hook for the tests of concurrent
     * writers (docs/design.md): hold the write lock this long before committing */
    const char *hold = getenv("ATTAIN_DEBUG_HOLD_MS");
    int64_t hold_ms = 0;
    if (hold && *hold && (!str_to_i64(hold, &hold_ms) || hold_ms < 0 || hold_ms > 3600000)) {
        at_err_set(&err, AT_INVALID, "ATTAIN_DEBUG_HOLD_MS=%s: give milliseconds 0-3600000", hold);
        return cli_fail(ctx, &err);
    }
    o.hold_ms = (int)hold_ms;
    /* --replace removes rows: asked on a terminal, else only with --yes. */
    bool ask = o.replace && !o.dry_run && !yes;
    if (ask && !isatty(fileno(stdin))) {
        at_err_set(&err, AT_INVALID,
                   i18n_zh(ctx->lang)
                       ? "--replace 会删除已存的%s中 %s 里没有的行：请先用 --dry-run 查看数量，"
                         "再用 --yes 确认（没有终端可询问）"
                       : "--replace removes the stored %s missing from %s: run with --dry-run to "
                         "see the counts, then confirm with --yes (no terminal to ask on)",
                   import_kind_label(o.kind, ctx->lang), o.path);
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct import_report r;
    import_report_init(&r);
    bool real_run = !o.dry_run;
    if (ask)
        o.dry_run = true; /* first the counts, then the question */
    enum at_status st = app_import(app, &o, &r, &err);
    for (;;) {
        print_import(ctx, &o, &r, st, fmt);
        if (!ask || st)
            break;
        long gone = 0;
        for (int k = 0; k < STORE_TABLE_COUNT; k++)
            gone += r.counts[k].removed;
        if (i18n_zh(ctx->lang))
            fprintf(ctx->out, "确认写入%s？[y/N] ", gone ? "（并删除上面统计的行）" : "");
        else
            fprintf(ctx->out, "Write this%s? [y/N] ", gone ? ", removing the rows counted" : "");
        fflush(ctx->out);
        char answer[16] = "";
        if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
            fputs(i18n_zh(ctx->lang) ? "未写入任何数据\n" : "nothing was written\n", ctx->out);
            break;
        }
        ask = false;
        o.dry_run = !real_run;
        import_report_free(&r);
        import_report_init(&r);
        st = app_import(app, &o, &r, &err);
    }
    int rc = st ? cli_fail(ctx, &err) : 0;
    import_report_free(&r);
    return rc;
}

int cmd_ls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse("ls", argc, argv, specs, pos, 1, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        at_err_set(&err, AT_INVALID, "usage: attain ls KIND [--format table|csv|json|xlsx]");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = view_list(app, pos[0], NULL, &t, NULL, &err);
    if (!st) {
        t.lang = ctx->lang;
        /* a person's title is a job title (职位), a goal's is a title (标题) */
        for (size_t c = 0; fmt == FMT_TABLE && i18n_zh(ctx->lang) && c < t.n_cols; c++)
            if (strcmp(pos[0], "people") == 0 && strcmp(t.cols[c], "title") == 0) {
                free(t.cols[c]);
                t.cols[c] = xstrdup("job_title");
            }
        st = table_write(&t, fmt, NULL, 40, &err);
    }
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *as_of_text = NULL, *seed_text = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--as-of", &as_of_text), OPT_VALUE("--seed", &seed_text),
                               OPT_END};
    char *pos[1];
    int n_pos;
    int32_t as_of;
    int64_t seed = 1;
    if (opts_parse("demo", argc, argv, specs, pos, 0, &n_pos, &err) ||
        read_as_of(as_of_text, &as_of, &err))
        return cli_fail(ctx, &err);
    if (seed_text && (!str_to_i64(seed_text, &seed) || seed < 0)) {
        at_err_set(&err, AT_INVALID, "--seed %s: give a whole number", seed_text);
        return cli_fail(ctx, &err);
    }
    struct demo_result res;
    if (app_demo(ctx->db_path, as_of, (uint64_t)seed, getenv("TMPDIR"), &res, &err))
        return cli_fail(ctx, &err);
    char d[CAL_DATE_LEN];
    bool zh = i18n_zh(ctx->lang);
    if (zh)
        fprintf(ctx->out, "%s：演示公司数据截至 %s，用时 %.1f 秒\n", ctx->db_path,
                cal_format(as_of, d), res.seconds);
    else
        fprintf(ctx->out, "%s: demo company up to %s in %.1f s\n", ctx->db_path,
                cal_format(as_of, d), res.seconds);
    for (int k = 0; k < IMPORT_KIND_COUNT; k++)
        if (res.rows[k]) {
            fputs("  ", ctx->out);
            i18n_label(ctx->out, ctx->lang, import_kind_name((enum import_kind)k), 11);
            fprintf(ctx->out, zh ? "%8ld 行\n" : "%8ld rows\n", res.rows[k]);
        }
    fputs("  ", ctx->out);
    i18n_label(ctx->out, ctx->lang, "goals", 11);
    fprintf(ctx->out, zh ? "%8lld 个（attain goal tree）\n" : "%8lld (attain goal tree)\n",
            (long long)res.goals);
    return 0;
}

int cmd_summary(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("summary", argc, argv, specs, pos, 0, &n_pos, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    int64_t counts[16] = {0};
    enum at_status st = app_counts(app, counts, 16, &err);
    if (!st) {
        if (i18n_zh(ctx->lang))
            fprintf(ctx->out,
                    "数据库        %s\n币种          %s\n财年起始月份  %d 月\n时区          %s\n",
                    ctx->db_path, app->currency, app->fiscal_start_month,
                    app->has_tz ? app->tz.name : "无（时间戳按原日期）");
        else
            fprintf(ctx->out,
                    "database     %s\ncurrency     %s\nfiscal year  starts in month %d\n"
                    "time zone    %s\n",
                    ctx->db_path, app->currency, app->fiscal_start_month,
                    app->has_tz ? app->tz.name : "none (timestamps keep the date as written)");
        for (size_t i = 0; app_list_kinds[i]; i++) {
            i18n_label(ctx->out, ctx->lang, app_list_kinds[i], i18n_zh(ctx->lang) ? 13 : 12);
            fprintf(ctx->out, "%lld\n", (long long)counts[i]);
        }
    }
    return st ? cli_fail(ctx, &err) : 0;
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    bool force = false;
    struct opt_spec specs[] = {OPT_FLAG("--force", &force), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("backup", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        at_err_set(&err, AT_INVALID, "usage: attain backup FILE [--force]");
        return cli_fail(ctx, &err);
    }
    struct app *app;
    if (cli_open(ctx, &app, &err) || app_backup(app, pos[0], force, &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->out, i18n_zh(ctx->lang) ? "已备份 %s 到 %s\n" : "backed up %s to %s\n",
            ctx->db_path, pos[0]);
    return 0;
}

int cmd_restore(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    bool yes = false;
    struct opt_spec specs[] = {OPT_FLAG("--yes", &yes), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("restore", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        at_err_set(&err, AT_INVALID, "usage: attain restore FILE [--yes]");
        return cli_fail(ctx, &err);
    }
    bool zh = i18n_zh(ctx->lang);
    /* a file that is no backup is refused before anything is asked */
    if (app_restore_check(pos[0], &err))
        return cli_fail(ctx, &err);
    if (!yes) {
        if (!isatty(fileno(stdin))) {
            at_err_set(
                &err, AT_INVALID,
                zh ? "restore 会用 %s 替换 %s 中的全部数据：请用 --yes 确认（没有终端可询问）"
                   : "restore replaces everything in %2$s with %1$s: confirm with --yes "
                     "(no terminal to ask on)",
                pos[0], ctx->db_path);
            return cli_fail(ctx, &err);
        }
        fprintf(ctx->out,
                zh ? "用 %s 替换 %s 中的全部数据？[y/N] "
                   : "Replace everything in %2$s with %1$s? [y/N] ",
                pos[0], ctx->db_path);
        fflush(ctx->out);
        char answer[16] = "";
        if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
            fputs(zh ? "未做任何更改\n" : "nothing was changed\n", ctx->out);
            return 0;
        }
    }
    struct app *app;
    if (cli_open(ctx, &app, &err) || app_restore(app, pos[0], &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->out, zh ? "已用 %s 恢复 %s\n" : "restored %2$s from %1$s\n", pos[0], ctx->db_path);
    return 0;
}
