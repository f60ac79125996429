/*
 * commands.h — the command table of the command line. Each command is one
 * row: name, handler, synopsis, one-line summary (en and zh) and help text;
 * `attain help` is made from it. Handlers parse, call one app_* use case and
 * render; they return the process exit status. A row says whether its command
 * works on the database (DB_OPEN): the dispatcher owns that connection — a
 * handler gets it from cli_open once its own arguments are read (so a bad
 * option is reported before a missing database), and the dispatcher closes
 * it after the handler returns. Handlers never close it.
 */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct app;
struct command;

/* What every command gets besides its own arguments. */
struct cli_ctx {
    const char *db_path; /* --db, else $ATTAIN_DB, else ./attain.db */
    const char *lang;    /* "en" or "zh" */
    const char *actor;   /* --as PERSON: who makes changes (goal history); NULL = "cli" */
    int32_t today;       /* the wall clock's day, read once here for the app layer */
    bool read_only;      /* --read-only: open the database read-only (writes refused) */
    FILE *out, *err;
    const struct command *cmd; /* the command being run (set by the dispatcher) */
    struct app *app;           /* its database, opened by cli_open; closed by the dispatcher */
};

/* Does a command work on the database? */
enum command_db {
    DB_NONE, /* no (help, version) or it creates its own (init, demo) */
    DB_OPEN, /* the dispatcher's connection, through cli_open */
};

struct command {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    enum command_db db;
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

/* The database of CTX for a DB_OPEN command: opened (app_open) on the first
 * call, with the request context (clock, language, actor) in app->req, and
 * the same app after that. Owned by the dispatcher, which closes it after the
 * handler; AT_INTERNAL for a command whose row says DB_NONE. */
int cli_open(struct cli_ctx *ctx, struct app **out, struct at_err *err);

/* Report ERR on ctx->err as "attain: message" and return its exit code. */
struct at_err;
int cli_fail(struct cli_ctx *ctx, const struct at_err *err);
/* Ask QUESTION before saving: --yes (YES) says yes; without a terminal on
 * stdin nobody can answer, so nothing is saved and the user is told how to
 * save; on a terminal y/Y/是 says yes. */
bool cli_confirm(struct cli_ctx *ctx, bool yes, const char *question);

/* The seconds a write waits for another writer: $ATTAIN_LOCK_WAIT, else
 * DB_WAIT_SECONDS; -1 with ERR set when the variable is not a number of
 * seconds 0..86400. */
#define DB_WAIT_SECONDS 600
int cli_lock_wait(struct at_err *err);

/* Handlers (cmd_*.c). */
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_checkin(struct cli_ctx *ctx, int argc, char **argv);
int cmd_review(struct cli_ctx *ctx, int argc, char **argv);
int cmd_channel(struct cli_ctx *ctx, int argc, char **argv);
int cmd_config(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_digest(struct cli_ctx *ctx, int argc, char **argv);
int cmd_engine(struct cli_ctx *ctx, int argc, char **argv);
int cmd_explain(struct cli_ctx *ctx, int argc, char **argv);
int cmd_forecast(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal(struct cli_ctx *ctx, int argc, char **argv);
/* attain goal lock|unlock|approve|reject|requests|reassign (cmd_adjust.c) */
int cmd_goal_lock(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal_unlock(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal_approve(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal_reject(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal_requests(struct cli_ctx *ctx, int argc, char **argv);
int cmd_goal_reassign(struct cli_ctx *ctx, int argc, char **argv);
/* Say that a change of goal GOAL became pending request REQUEST (a locked goal). */
void cli_request_made(struct cli_ctx *ctx, int64_t goal, int64_t request);
int cmd_help(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_ls(struct cli_ctx *ctx, int argc, char **argv);
int cmd_metric(struct cli_ctx *ctx, int argc, char **argv);
int cmd_notify(struct cli_ctx *ctx, int argc, char **argv);
int cmd_objective(struct cli_ctx *ctx, int argc, char **argv);
int cmd_period(struct cli_ctx *ctx, int argc, char **argv);
int cmd_plan(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cli_ctx *ctx, int argc, char **argv);
int cmd_scorecard(struct cli_ctx *ctx, int argc, char **argv);
int cmd_summary(struct cli_ctx *ctx, int argc, char **argv);
int cmd_token(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_version(struct cli_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);
