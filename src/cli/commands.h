/*
 * commands.h — the command table of the command line. Each command is one
 * row: name, handler, synopsis, one-line summary (en and zh) and help text;
 * `attain help` is made from it. Handlers parse, call one app_* use case and
 * render; they return the process exit status.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What every command gets besides its own arguments. */
struct cli_ctx {
    const char *db_path; /* --db, else $ATTAIN_DB, else ./attain.db */
    const char *lang;    /* "en" or "zh" */
    const char *actor;   /* --as PERSON: who makes changes (goal history); NULL = "cli" */
    int32_t today;       /* the wall clock's day, read once here for the app layer */
    FILE *out, *err;
};

struct command {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *synopsis;
    const char *summary_en;
    const char *summary_zh;
    const char *help;
};

/* Sorted by name; terminated by a row with a NULL name. */
extern const struct command commands[];

const struct command *command_find(const char *name);
/* Print the help of CMD (or the overview when NULL) to OUT. */
void command_help(const struct command *cmd, const char *lang, FILE *out);

/* Open the database of CTX (app_open) and give the app the request's clock
 * and actor. Caller closes with app_close. */
struct app;
int cli_open(struct cli_ctx *ctx, struct app **out, struct at_err *err);

/* Report ERR on ctx->err as "attain: message" and return its exit code. */
struct at_err;
int cli_fail(struct cli_ctx *ctx, const struct at_err *err);

/* Handlers (cmd_*.c). */
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_engine(struct cli_ctx *ctx, int argc, char **argv);
int cmd_explain(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal(struct cli_ctx *ctx, int argc, char **argv);
int cmd_help(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_ls(struct cli_ctx *ctx, int argc, char **argv);
int cmd_metric(struct cli_ctx *ctx, int argc, char **argv);
int cmd_objective(struct cli_ctx *ctx, int argc, char **argv);
int cmd_period(struct cli_ctx *ctx, int argc, char **argv);
int cmd_plan(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_summary(struct cli_ctx *ctx, int argc, char **argv);
int cmd_version(struct cli_ctx *ctx, int argc, char **argv);
