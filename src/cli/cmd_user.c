/*
 * cmd_user.c — attain user add|ls|disable|enable|passwd|set and attain token
 * add|ls|revoke: the sign-ins of `attain serve` (app/auth.h). The command line
 * is the machine's owner: it needs no sign-in of its own. A password is read
 * from standard input with --password-stdin (its first line), else from the
 * terminal twice with echo off; never from an argument (ps shows those).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/app.h"
#include "app/auth.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/opts.h"
#include "cli/render.h"
#include "view/users.h"

#define PW_MAX 1100

/* One line of F into BUF without its line end; false at end of file. */
static bool read_line(FILE *f, char *buf, size_t size)
{
    if (!fgets(buf, (int)size, f))
        return false;
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return true;
}

/* Ask PROMPT on the terminal with echo off. */
static bool ask_hidden(const char *prompt, char *buf, size_t size)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    fflush(stderr);
    bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = read_line(stdin, buf, size);
    if (restore)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return ok;
}

/* The new password of LOGIN into BUF: stdin's first line with FROM_STDIN,
 * else asked twice on the terminal. */
static enum at_status read_password(struct cli_ctx *ctx, const char *login, bool from_stdin,
                                    char *buf, size_t size, struct at_err *err)
{
    bool zh = i18n_zh(ctx->lang);
    if (from_stdin) {
        if (!read_line(stdin, buf, size))
            return at_err_set(err, AT_INVALID, "--password-stdin: standard input is empty");
        return AT_OK;
    }
    if (!isatty(STDIN_FILENO))
        return at_err_set(err, AT_INVALID,
                          "user %s: no terminal to ask the password on: give --password-stdin "
                          "and the password on standard input",
                          login);
    char again[PW_MAX];
    char prompt[160];
    snprintf(prompt, sizeof prompt, zh ? "%s 的新密码：" : "New password for %s: ", login);
    if (!ask_hidden(prompt, buf, size) ||
        !ask_hidden(zh ? "再输入一次：" : "Again: ", again, sizeof again))
        return at_err_set(err, AT_INVALID, "user %s: no password given", login);
    bool same = strcmp(buf, again) == 0;
    memset(again, 0, sizeof again);
    if (!same)
        return at_err_set(err, AT_INVALID, "user %s: the two passwords differ; nothing changed",
                          login);
    return AT_OK;
}

static enum at_status parse_role(const char *text, enum role *out, struct at_err *err)
{
    if (!text)
        return at_err_set(err, AT_INVALID, "give --role admin, manager or rep");
    if (!role_parse(text, out))
        return at_err_set(err, AT_INVALID, "--role %s: choose admin, manager or rep", text);
    return AT_OK;
}

static int user_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *role_text = NULL, *person = NULL;
    bool from_stdin = false;
    struct opt_spec specs[] = {OPT_VALUE("--role", &role_text), OPT_VALUE("--person", &person),
                               OPT_FLAG("--password-stdin", &from_stdin), OPT_END};
    char *pos[1];
    int n_pos;
    enum role role;
    if (opts_parse("user add", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain user add: give the LOGIN (attain help user)\n");
        return 2;
    }
    if (parse_role(role_text, &role, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    char pw[PW_MAX];
    int64_t id = 0;
    enum at_status st = read_password(ctx, pos[0], from_stdin, pw, sizeof pw, &err);
    if (!st)
        st = auth_user_add(app, pos[0], role, person, pw, &id, &err);
    memset(pw, 0, sizeof pw);
    if (st)
        return cli_fail(ctx, &err);
    char word[32];
    snprintf(word, sizeof word, "role:%s", role_name(role));
    if (i18n_zh(ctx->lang))
        fprintf(ctx->out, "已添加用户 %s（%s）\n", pos[0], i18n(ctx->lang, word));
    else
        fprintf(ctx->out, "user %s added (%s)\n", pos[0], role_name(role));
    return 0;
}

static int list_table(struct cli_ctx *ctx, const char *cmd, int argc, char **argv,
                      enum at_status (*build)(struct app *, struct table *, struct at_err *))
{
    struct at_err err = {0};
    const char *format = "table";
    struct opt_spec specs[] = {OPT_VALUE("--format", &format), OPT_END};
    char *pos[1];
    int n_pos;
    enum out_format fmt;
    if (opts_parse(cmd, argc, argv, specs, pos, 0, &n_pos, &err) ||
        out_format_parse(format, &fmt, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err))
        return cli_fail(ctx, &err);
    struct table t;
    enum at_status st = build(app, &t, &err);
    t.lang = ctx->lang;
    if (!st)
        st = table_write(&t, fmt, NULL, 40, &err);
    table_free(&t);
    return st ? cli_fail(ctx, &err) : 0;
}

static int user_disable(struct cli_ctx *ctx, int argc, char **argv, bool disabled)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[1];
    int n_pos;
    const char *cmd = disabled ? "user disable" : "user enable";
    if (opts_parse(cmd, argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain %s: give the LOGIN\n", cmd);
        return 2;
    }
    struct app *app;
    if (cli_open(ctx, &app, &err) || auth_user_disable(app, pos[0], disabled, &err))
        return cli_fail(ctx, &err);
    bool zh = i18n_zh(ctx->lang);
    if (disabled)
        fprintf(ctx->out,
                zh ? "已停用用户 %s，其所有会话已结束\n" : "user %s disabled; its sessions ended\n",
                pos[0]);
    else
        fprintf(ctx->out, zh ? "已启用用户 %s\n" : "user %s enabled\n", pos[0]);
    return 0;
}

static int user_passwd(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    bool from_stdin = false;
    struct opt_spec specs[] = {OPT_FLAG("--password-stdin", &from_stdin), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("user passwd", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain user passwd: give the LOGIN\n");
        return 2;
    }
    struct app *app;
    struct user_info u;
    if (cli_open(ctx, &app, &err) || auth_user_get(app, pos[0], &u, &err))
        return cli_fail(ctx, &err);
    char pw[PW_MAX];
    enum at_status st = read_password(ctx, pos[0], from_stdin, pw, sizeof pw, &err);
    if (!st)
        st = auth_user_passwd(app, pos[0], pw, &err);
    memset(pw, 0, sizeof pw);
    if (st)
        return cli_fail(ctx, &err);
    fprintf(ctx->out,
            i18n_zh(ctx->lang) ? "已更改 %s 的密码，其所有会话已结束\n"
                               : "password of %s changed; its sessions ended\n",
            pos[0]);
    return 0;
}

static int user_set(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *role_text = NULL, *person = NULL, *lang = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--role", &role_text), OPT_VALUE("--person", &person),
                               OPT_VALUE("--language", &lang), OPT_END};
    char *pos[1];
    int n_pos;
    if (opts_parse("user set", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain user set: give the LOGIN\n");
        return 2;
    }
    if (!role_text && !person && !lang) {
        fprintf(ctx->err, "attain user set: give --role, --person or --language\n");
        return 2;
    }
    enum role role;
    if (role_text && parse_role(role_text, &role, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    if (cli_open(ctx, &app, &err) ||
        auth_user_update(app, pos[0], role_text ? &role : NULL, person, lang, &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->out, i18n_zh(ctx->lang) ? "已更新用户 %s\n" : "user %s updated\n", pos[0]);
    return 0;
}

static int unknown_sub(struct cli_ctx *ctx, const char *cmd, const char *subs, int argc,
                       char **argv)
{
    if (argc < 1)
        fprintf(ctx->err, "attain %s: give a subcommand: %s (attain help %s)\n", cmd, subs, cmd);
    else
        fprintf(ctx->err, "attain %s: no subcommand \"%s\" (attain help %s)\n", cmd, argv[0], cmd);
    return 2;
}

int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *sub = argc >= 1 ? argv[0] : "";
    if (strcmp(sub, "add") == 0)
        return user_add(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "ls") == 0)
        return list_table(ctx, "user ls", argc - 1, argv + 1, view_users);
    if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
        return user_disable(ctx, argc - 1, argv + 1, sub[0] == 'd');
    if (strcmp(sub, "passwd") == 0)
        return user_passwd(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "set") == 0)
        return user_set(ctx, argc - 1, argv + 1);
    return unknown_sub(ctx, "user", "add, ls, disable, enable, passwd or set", argc, argv);
}

/* ---- tokens -------------------------------------------------------------- */

static int token_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    const char *role_text = NULL, *unit = NULL, *scope = NULL;
    struct opt_spec specs[] = {OPT_VALUE("--role", &role_text), OPT_VALUE("--unit", &unit),
                               OPT_VALUE("--scope", &scope), OPT_END};
    char *pos[1];
    int n_pos;
    enum role role;
    if (opts_parse("token add", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1) {
        fprintf(ctx->err, "attain token add: give the token's NAME (attain help token)\n");
        return 2;
    }
    if (parse_role(role_text, &role, &err))
        return cli_fail(ctx, &err);
    struct app *app;
    char token[AUTH_TOKEN_LEN];
    int64_t id = 0;
    if (cli_open(ctx, &app, &err) ||
        auth_token_add(app, pos[0], role, unit, scope, token, &id, &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->err,
            i18n_zh(ctx->lang)
                ? "已添加 API 令牌 %lld（%s）。令牌只显示这一次，请妥善保存：\n"
                : "API token %lld (%s) added. It is shown this once; keep it safe:\n",
            (long long)id, pos[0]);
    fprintf(ctx->out, "%s\n", token);
    memset(token, 0, sizeof token);
    return 0;
}

static int token_revoke(struct cli_ctx *ctx, int argc, char **argv)
{
    struct at_err err = {0};
    struct opt_spec specs[] = {OPT_END};
    char *pos[1];
    int n_pos;
    int64_t id;
    if (opts_parse("token revoke", argc, argv, specs, pos, 1, &n_pos, &err))
        return cli_fail(ctx, &err);
    if (n_pos != 1 || !str_to_i64(pos[0], &id) || id <= 0) {
        fprintf(ctx->err, "attain token revoke: give the token's ID (attain token ls)\n");
        return 2;
    }
    struct app *app;
    if (cli_open(ctx, &app, &err) || auth_token_revoke(app, id, &err))
        return cli_fail(ctx, &err);
    fprintf(ctx->out, i18n_zh(ctx->lang) ? "已吊销 API 令牌 %lld\n" : "API token %lld revoked\n",
            (long long)id);
    return 0;
}

int cmd_token(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *sub = argc >= 1 ? argv[0] : "";
    if (strcmp(sub, "add") == 0)
        return token_add(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "ls") == 0)
        return list_table(ctx, "token ls", argc - 1, argv + 1, view_tokens);
    if (strcmp(sub, "revoke") == 0)
        return token_revoke(ctx, argc - 1, argv + 1);
    return unknown_sub(ctx, "token", "add, ls or revoke", argc, argv);
}
