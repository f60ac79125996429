/*
 * cli.c — the command line: global options (--db, --lang, --as, --read-only, --version, --help),
 * the command table and dispatch. Global options may stand anywhere before "--".
 */
#include "cli/cli.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "app/app.h"
#include "base/err.h"
#include "base/str.h"
#include "base/utf8.h"
#include "domain/calendar.h"
#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/render.h"
#include "io/mapping.h"
#include "version.h"

static const char import_help[] =
    "Import a CRM export. KIND is units, people, customers, deals, orders,\n"
    "payments, activities, surveys, markets, holidays or rates. The file is read\n"
    "as it is: CSV with , ; tab or | (detected), UTF-8 with or without BOM,\n"
    "UTF-16 with BOM or GB18030 (detected, or --encoding). Headers are matched to\n"
    "the fields below by the names Zoho CRM, Salesforce, HubSpot and 纷享销客 use,\n"
    "in English and Chinese; --map field=Header,... overrides.\n"
    "\n"
    "All or nothing: one bad row and nothing is written; every bad row is\n"
    "reported as FILE:LINE:COLUMN: reason, grouped by kind (the first 3 of each\n"
    "kind, then a count). Re-importing changes nothing; an edited file updates\n"
    "rows by external id. Timestamps with an offset or Z are cut to a day in the\n"
    "database's time zone (attain init --tz). An owner is an id, 工号, e-mail or\n"
    "name; a shared name is decided by the row's unit or the customer's owner.\n"
    "\n"
    "  --map field=Header,...  map fields by hand\n"
    "  --mapping FILE          saved mapping: lines field=Header and\n"
    "                          value field=FROM:TO ('#' comments)\n"
    "  --value field=FROM:TO   read a value as another, e.g. type=微信:call (repeatable)\n"
    "  --dry-run               check and count, write nothing\n"
    "  --replace               remove the stored rows of KIND missing from FILE\n"
    "                          (asks on a terminal; --yes to skip; refused for rows\n"
    "                          other rows refer to)\n"
    "  --period P              with --replace: only rows dated in P\n"
    "  --yes                   confirm --replace without asking\n"
    "  --won-without-close=expected  a won or lost deal without a close date takes\n"
    "                          its expected close date (default: refused)\n"
    "  --encoding E            utf-8, utf-16le, utf-16be, gb18030 (default: detect)\n"
    "  --date-format F         MM/DD/YYYY or DD/MM/YYYY for slash dates\n"
    "  --format table|json     the summary as text or JSON\n";

const struct command commands[] = {
    {"backup", cmd_backup, DB_OPEN, "attain backup FILE [--force]",
     "copy the database into FILE while others work", "备份数据库",
     "Copy the whole database into FILE: one consistent state, taken while other\n"
     "commands read and write (SQLite's online backup). The copy is checked\n"
     "(integrity_check) before it takes the name FILE; an existing FILE is refused\n"
     "unless --force. Restore it with attain restore FILE.\n"},
    {"channel", cmd_channel, DB_OPEN,
     "attain channel add --scope S --kind wecom|dingtalk|feishu|slack --url URL [--secret S] "
     "[--lang zh|en] | add --scope S --kind email --smtp URL --to ADDR[,ADDR] [--from ADDR] | "
     "ls [--format table|csv|json] | rm ID | test ID",
     "where a scope's alerts and digests are sent", "通知渠道：提醒与周报发往何处",
     "A channel hears about every goal inside its scope (company hears all).\n"
     "  --kind wecom     企业微信 group robot: --url https://qyapi.weixin.qq.com/cgi-bin/\n"
     "                   webhook/send?key=KEY (markdown messages)\n"
     "  --kind dingtalk  钉钉 custom robot: --url ...robot/send?access_token=T and\n"
     "                   --secret SEC... (required: the URL is signed with timestamp\n"
     "                   and HMAC-SHA256 sign)\n"
     "  --kind feishu    飞书 custom bot: --url .../bot/v2/hook/ID and --secret S\n"
     "                   (required: timestamp and sign in the body)\n"
     "  --kind slack     Slack incoming webhook: --url https://hooks.slack.com/services/...\n"
     "  --kind email     --smtp smtp://[user:password@]host[:port] (STARTTLS when offered;\n"
     "                   smtps:// for TLS from the start) --to ADDR[,ADDR] [--from ADDR]\n"
     "  --lang zh|en     the language of its messages (the global --lang, default en)\n"
     "A webhook must be http:// or https://. Secrets, tokens and passwords are never\n"
     "shown: ls prints **** and the URL up to its first path segment.\n"
     "rm ID removes a channel and cancels its undelivered messages; test ID sends a\n"
     "test message now and says whether the platform took it.\n"},
    {"checkin", cmd_checkin, DB_OPEN, "attain checkin add|ack|ls|due ...",
     "check in on a goal: progress, confidence, blockers", "进度检查：进展、信心、障碍",
     "attain checkin add GOAL --as P [--confidence 0-10] [--note T] [--blockers T] [--next T]\n"
     "                [--as-of DATE]\n"
     "   a dated check-in with a frozen copy of the goal's figures as of DATE (default\n"
     "   today): actual, attainment, expected, pace, forecast, status. Only the goal's\n"
     "   owner, a member of its team or unit, or someone above may check in.\n"
     "   Flags: confidence_drop (3 or more below the author's previous check-in on the\n"
     "   goal), optimistic (confidence 7 or more while pace is below 0.9).\n"
     "attain checkin ack ID --as MANAGER [--comment T]   only someone above the author\n"
     "attain checkin ls [GOAL] [--scope S] [--since DATE] [--format table|csv|json]\n"
     "   CSV: id,goal,at,by,confidence,actual,attainment,pace,status,acked_by\n"
     "        then expected,forecast,note,blockers,next,flags,acked_at,ack_comment,scope,title\n"
     "attain checkin due [--scope S] [--as-of DATE] [--format table|csv|json]\n"
     "   goals that owe a check-in: period started and not ended, cadence not none, and\n"
     "   no check-in since the Monday of the week (weekly, the default), the Monday of\n"
     "   last week (biweekly) or the 1st of the month (monthly). Who owes it: the owner\n"
     "   of a person goal, the head of a team, unit or company goal.\n"
     "Set a goal's cadence with attain goal edit ID --cadence weekly|biweekly|monthly|none.\n"
     "docs/reviews.md explains every rule.\n"},
    {"config", cmd_config, DB_OPEN, "attain config ls | get KEY | set KEY VALUE",
     "settings of this database", "数据库设置",
     "Settings a person may change after attain init:\n"
     "  base_url  the attain server's address (http(s)://HOST[:PORT][/PATH]);\n"
     "            alerts link to BASE/goals/ID. Empty: messages carry no link.\n"},
    {"demo", cmd_demo, DB_NONE, "attain demo [--as-of DATE] [--seed N]",
     "fill the database with a demo sales company", "生成演示数据：一家完整的销售公司",
     "Create (or fill) the database with a realistic Chinese sales company: regions\n"
     "华东/华南/华北, teams, ~60 reps, three years of customers, deals, orders,\n"
     "payments, visits and surveys up to --as-of (default today), with\n"
     "seasonality, a Spring Festival dip and the holiday calendar. The same\n"
     "--as-of and --seed always give the same data.\n"},
    {"digest", cmd_digest, DB_OPEN,
     "attain digest --scope S [--period P] [--as-of DATE] [--send | --format md|html "
     "[--out FILE]]",
     "the weekly digest of a scope", "周报：目标状态与变化最大的目标",
     "Every goal inside scope S — those live on --as-of (default today), or those\n"
     "overlapping --period P — with target, actual, attainment, pace and status,\n"
     "then the biggest movers: the five largest changes of attainment over the\n"
     "last 7 days (each goal evaluated as of the day and 7 days before).\n"
     "  --format md|html  Markdown (default) or one self-contained HTML page\n"
     "  --send            send it to every channel whose scope holds S, each in its\n"
     "                    language, through the outbox (see attain notify)\n"},
    {"engine", cmd_engine, DB_OPEN, "attain engine build|check|stats",
     "check the metric engine against the store, or show its size", "校验指标引擎 / 引擎统计",
     "check  rebuild the engine from the store and compare every holder's totals\n"
     "       (revenue, orders, collections, won value, won and lost deals, visits,\n"
     "       calls, meetings) and the distinct customers of each year with totals\n"
     "       the store computes by SQL alone; any difference fails.\n"
     "build  rebuild the engine now and save it beside the database (PATH.engine);\n"
     "       every command maps that snapshot while it matches the data, and\n"
     "       rebuilds it after an import changed the data.\n"
     "stats  rows, events, memory and build (or map) time of the engine.\n"},
    {"explain", cmd_explain, DB_OPEN,
     "attain explain METRIC --period P [--scope S] [--where k=v ...] [--as-of DATE] "
     "[--format table|csv|json]",
     "show the rows behind a metric and its formula", "显示指标明细与公式",
     "List every row that makes the figure (date, reference, who is credited,\n"
     "customer, share, contribution), then the formula with its parts and the value,\n"
     "so totals reconcile with the source data.\n"},
    {"forecast", cmd_forecast, DB_OPEN,
     "attain forecast categories|submit|adjust|show|accuracy ...",
     "the forecast call: commit, best case, roll-up and accuracy",
     "销售预测：承诺、最佳情况、汇总与准确度",
     "attain forecast categories [--set STAGE=CATEGORY ...] [--format table|csv|json]\n"
     "   the deal stages found in the data with their forecast category: pipeline,\n"
     "   best_case, commit, closed, omitted. Won deals are closed, lost ones omitted;\n"
     "   an open deal takes its stage's category: set by hand (--set), else commit\n"
     "   when the name says so (commit, negotiation, contract, 合同, 谈判, 签约, 承诺),\n"
     "   else by the stage's mean win probability: >= 70% commit, >= 40% best_case,\n"
     "   else pipeline. CSV: stage,deals,probability,category,rule\n"
     "attain forecast submit --period P --as PERSON [--commit V] [--best-case V] [--note T]\n"
     "                [--as-of DATE] [--yes]\n"
     "   your call for the period; the defaults come from your deals: commit = won\n"
     "   so far + open commit deals closing in the period, best case = commit + open\n"
     "   best-case deals. Shown first; saved with --yes (or your answer on a terminal).\n"
     "   Amounts as goal targets: 60万, 1,200,000.50.\n"
     "attain forecast adjust PERSON --period P --commit V --note T --as MANAGER [--as-of DATE]\n"
     "   a manager's adjustment of a report's commit (only someone above them)\n"
     "attain forecast show --period P [--scope S] [--as-of DATE] [--format table|csv|json]\n"
     "   per person, then rolled up (a team by its teams, a unit or the company by its\n"
     "   child units, then the scope): quota (the bookings, else revenue, goal of exactly\n"
     "   that scope and period), closed_won, the submitted commit and best case, the\n"
     "   commit after the manager's adjustments, weighted pipeline, gap (quota -\n"
     "   adjusted commit; quota - closed without a call), callers (people with a call).\n"
     "   Every call is kept with its day and week: --as-of shows the call as it stood.\n"
     "   CSV: scope,quota,closed_won,commit,best_case,adjusted_commit,weighted_pipeline,gap,\n"
     "        callers\n"
     "attain forecast accuracy --period P [--by person|team|unit] [--scope S] [--as-of DATE]\n"
     "   after the period: each week's commit (as it stood at the week's end) against the\n"
     "   final actual: error = |commit - actual| / actual, bias = (commit - actual) /\n"
     "   actual, then their mean over the weeks. CSV: scope,week,commit,actual,error,bias\n"
     "docs/reviews.md explains every rule.\n"},
    {"goal", cmd_goal, DB_OPEN,
     "attain goal add|import|ls|show|edit|archive|check|split|reconcile|rebalance|status|tree|"
     "action|lock|unlock|requests|approve|reject|reassign ...",
     "write, break down and track goals", "制定、分解与跟踪目标",
     "attain goal add --metric M --period P (--target V | --growth 20% [--base "
     "previous|last-year])\n"
     "                [--scope S] [--title T] [--parent ID] [--objective ID]\n"
     "                [--direction higher|lower] [--filter k=v] [--cadence weekly|monthly]\n"
     "attain goal add \"在下季度将销售额提高20%\" [--as-of DATE] [--me person:NAME] [--yes]\n"
     "                [--objective ID] [--cadence C] [--title T] ...\n"
     "   a goal written as a sentence (zh or en): shows what was understood, what is\n"
     "   missing and the SMART check, and saves with --yes (or your answer on a terminal);\n"
     "   the options given win over the sentence, and the sentence is kept\n"
     "attain goal import FILE [--metric M] [--year Y] [--scale N] [--dry-run]\n"
     "   columns scope,period,metric,target (title, parent, filter), or a column per month\n"
     "attain goal ls [--archived] [--format table|csv|json]\n"
     "   CSV: id,parent,scope,period,metric,target,title,objective,filter,archived\n"
     "attain goal show ID | edit ID [...] --reason R [--decision N] | archive ID --reason R\n"
     "attain goal check ID | \"SENTENCE\" [--as-of DATE] [--format json]   SMART and "
     "achievability\n"
     "attain goal split ID --over quarters|months|weeks|members|units\n"
     "                --method even|days|working|seasonal|history|capacity|manual [--values ...] "
     "[--yes --reason R]\n"
     "                [--lock]   lock the goal and its sub-goals (the global --as decides)\n"
     "attain goal reconcile [--fix ID --method even|history|capacity [--over time|org] --yes "
     "--reason R]\n"
     "attain goal rebalance ID [--method even|days|working|seasonal|history] [--as-of DATE]\n"
     "                [--yes --reason R]   a sub-period ending on or before DATE is closed\n"
     "Every change says why (--reason) and records who: the global --as PERSON (or $ATTAIN_AS), "
     "else cli.\n"
     "attain goal lock ID | unlock ID [--reason R]   by someone above the goal's owner (--as)\n"
     "   a change of a locked goal's target, period or scope (edit, rebalance, reconcile --fix,\n"
     "   reassign) becomes a change request; nothing changes until it is approved\n"
     "attain goal requests [--scope S] [--status pending|approved|rejected|all] "
     "[--format table|csv|json]\n"
     "   CSV: id,kind,status,scope,goals,summary,reason,requested_by,requested_on,decided_by,\n"
     "        decided_on,comment,stale\n"
     "attain goal approve REQ | reject REQ [--comment T]   by someone above the owner of every\n"
     "   goal it changes (--as); a request whose goal changed since is stale: reject it\n"
     "attain goal reassign PERSON --period P --to members|PERSON --method even|capacity|history\n"
     "                [--as-of DATE] [--yes --reason R]   the leaving rep's target less their\n"
     "   closed actual moves to the others, exact to the cent; their actual stays theirs\n"
     "attain goal status [--scope S] [--period P] [--as-of DATE] [--basis working|days|seasonal]\n"
     "                [--plan original|current]   original: the targets of the first locked or\n"
     "                split plan (goal tree and report variance take --plan too)\n"
     "   CSV: id,title,scope,period,metric,target,actual,attainment,expected,pace,forecast,status\n"
     "        then gap,required_run_rate,coverage,forecast_pipeline,elapsed\n"
     "attain goal tree [--period P] [--scope S] [--as-of DATE]   objectives → goals → "
     "sub-goals\n"
     "attain goal action add GOAL --what W [--owner O] [--due DATE] [--driver D]\n"
     "attain goal action ls [GOAL] | done STEP [--undone]\n"
     "Targets: money 150万 / 1.5亿 / 1500000, counts 200, ratios 65% or 0.65, scores 4.5.\n"
     "Status: achieved, on_track (pace ≥ 1), at_risk (pace ≥ 0.9), behind, not_started;\n"
     "after the end met or missed; no_target when the target is 0. docs/goals.md explains\n"
     "every rule.\n"},
    {"help", cmd_help, DB_NONE, "attain help [COMMAND]", "show help for attain or one command",
     "显示帮助", "Show the list of commands, or the whole help of one command.\n"},
    {"import", cmd_import, DB_OPEN,
     "attain import KIND FILE [--map field=Header,...] [--mapping FILE] [--value f=FROM:TO ...] "
     "[--dry-run] [--replace [--period P] [--yes]] [--won-without-close=expected] [--encoding E] "
     "[--date-format F]",
     "import a CRM export (CSV) into the database", "导入CRM导出文件（CSV）", import_help},
    {"init", cmd_init, DB_NONE,
     "attain init [--currency CNY] [--fiscal-start MONTH] [--holidays cn|none] [--tz ZONE]",
     "create a database", "创建数据库",
     "Create the database named by --db (default $ATTAIN_DB, else ./attain.db).\n"
     "  --currency C        reporting currency, ISO 4217 (default CNY)\n"
     "  --fiscal-start M    month the fiscal year starts in, 1-12 (default 1)\n"
     "  --holidays cn|none  built-in holiday calendar with make-up working days\n"
     "                      (default cn for CNY, else none)\n"
     "  --tz ZONE           time zone, e.g. Asia/Shanghai (default the machine's);\n"
     "                      imported timestamps with an offset or Z are cut to a day\n"
     "                      in it; it cannot change once the database holds data\n"
     "Running init on an existing database keeps its data.\n"},
    {"ls", cmd_ls, DB_OPEN, "attain ls KIND [--format table|csv|json]", "list what is stored",
     "列出已存储的数据",
     "List stored rows: units, people, customers, deals, orders, order_lines,\n"
     "payments, activities, surveys, markets, holidays or rates. Terminal tables\n"
     "align Chinese text by display width; csv and json give every value whole.\n"},
    {"metric", cmd_metric, DB_OPEN,
     "attain metric METRIC[,METRIC...] --period P [--scope S] [--by "
     "person|team|unit|month|quarter|week|day] "
     "[--where k=v ...] [--as-of DATE] [--format table|csv|json] [--out FILE] [--timing]",
     "compute a metric for a scope and period", "计算指标",
     "Metrics: revenue orders collections won_value deals_won deals_lost win_rate\n"
     "avg_deal_size pipeline weighted_pipeline new_customers active_customers\n"
     "retention_rate visits calls meetings csat nps market_share (docs/metrics.md).\n"
     "Scopes: company (default), person:NAME, team:NAME (a manager and everyone below),\n"
     "unit:NAME (the unit's subtree). Filters: product segment region tag stage.\n"
     "CSV: scope,period,metric,value — money in major units, ratios as fractions.\n"
     "Several metrics (active_customers,retention_rate) answer in one table, the rows\n"
     "of one metric after another's.\n"
     "--timing prints the engine load and query times on stderr; --repeat N answers N\n"
     "times in the process and times the fastest (the engine warm, as in a server).\n"},
    {"notify", cmd_notify, DB_OPEN,
     "attain notify run [--as-of DATE] [--dry-run] [--retry-now] [--format table|csv|json] | "
     "deliver [--retry-now] | ls [--failed] [--format table|csv|json]",
     "evaluate alert rules and deliver notifications", "评估提醒规则并发送通知",
     "run      evaluate the rules as of --as-of (default today) over every goal:\n"
     "           at_risk, behind   a live goal turning at_risk or behind since the\n"
     "                             last run (not when recovering behind -> at_risk)\n"
     "           milestone_50/90/100  attainment reaching 50, 90, 100 % (several at\n"
     "                             once: the highest is sent, the lower recorded)\n"
     "           period_end        the period ended (within 31 days): met or missed\n"
     "                             with the final attainment\n"
     "         Each alert is recorded once per goal, rule and period: running again\n"
     "         sends nothing new. Its messages (one per channel whose scope holds the\n"
     "         goal, in the channel's language, linked to base_url/goals/ID) are\n"
     "         written with it in one transaction, then delivered. --dry-run lists\n"
     "         the new alerts and writes and sends nothing.\n"
     "deliver  send the pending messages that are due. A failed message is kept\n"
     "         and retried after 1, 2, 4 ... minutes (at most a day) by the next run\n"
     "         or deliver; --retry-now retries every pending one at once.\n"
     "ls       the outbox: every message with its state (pending, retrying, sent,\n"
     "         cancelled), attempts, next attempt and last error; --failed only\n"
     "         those whose last attempt failed. Times are UTC.\n"},
    {"objective", cmd_objective, DB_OPEN, "attain objective add \"TITLE\" [--description D] | ls",
     "strategy objectives goals align with", "战略目标",
     "Strategy objectives (拓展新市场, 提升客户满意度 ...). Goals align with one through\n"
     "attain goal add/edit --objective ID; the SMART check's R letter uses it.\n"},
    {"period", cmd_period, DB_OPEN, "attain period EXPR [--as-of DATE] [--format table|json]",
     "show how attain reads a period", "显示周期的解析结果",
     "Show the start, end, days, working days (from the holiday calendar, with\n"
     "make-up working days) and the previous period of EXPR:\n"
     "  2026  2026-H1  2026-Q3  2026-07  2026-W27  2026-07-15  2026-07-01..2026-09-30\n"
     "  FY2026  FY2026-Q1 (fiscal, with the database's fiscal start month)\n"
     "  this-week last-month next-quarter this-year ytd qtd mtd today\n"
     "  本周 上周 下周 本月 上月 下月 本季度 上季度 下季度 今年 去年 明年\n"
     "  2026年 2026年第3季度 2026年7月 2026年下半年 2026年第27周 2026年7月15日\n"
     "Relative forms are read as of --as-of (default today).\n"},
    {"plan", cmd_plan, DB_OPEN,
     "attain plan --scope S --period P [--lang zh|en] [--format md|html] [--out FILE] "
     "[--as-of DATE]",
     "write the goal plan document (Markdown or printable HTML)", "生成销售目标管理计划文档",
     "The goal plan of the goals inside scope S (default company) whose period\n"
     "overlaps P, as of --as-of (default today): 1 strategic objectives and the\n"
     "goals aligned with them; 2 each top-level goal with its SMART letters and\n"
     "achievability; 3 breakdown tables over time and over the team, with whether\n"
     "the parts add up; 4 action steps; 5 review cadence and adjustments; 6 current\n"
     "status (target, actual, attainment, expected, pace, forecast, status).\n"
     "  --format md|html  Markdown (default) or one self-contained HTML file for A4 printing\n"
     "  --lang zh|en      the document's language (default: the global --lang)\n"
     "  --out FILE        write the document to FILE instead of standard output\n"},
    {"report", cmd_report, DB_OPEN,
     "attain report (sales|funnel|customers|leaderboard METRIC) --period P [--scope S] "
     "[--by person|team|unit|month|quarter|week|day] [--top N] [--where k=v ...] [--as-of DATE] "
     "[--format table|csv|json|xlsx] [--out FILE]",
     "sales, leaderboard, funnel and customer reports", "销售、排行榜、漏斗与客户分析报表",
     "sales [--by person|team|unit|month|quarter|week|day]\n"
     "  Per row: revenue orders won_value win_rate avg_deal_size new_customers\n"
     "  active_customers (as attain metric computes them). With --by, one row per\n"
     "  breakdown row and then the scope over the whole period: the total,\n"
     "  computed for the scope itself, never by adding rows.\n"
     "leaderboard METRIC [--by person|team|unit] [--top N]\n"
     "  rank scope period metric value share, by value descending (default by\n"
     "  person, top 10); equal values share a rank (1,2,2,4); undefined values come\n"
     "  last with no rank. share: of the scope's own value, for additive metrics\n"
     "  (money and counts but avg_deal_size and active_customers); else empty.\n"
     "funnel\n"
     "  The deals created in the period (no created date: left out, counted).\n"
     "  stages: stage deals amount share, per current stage, by mean win\n"
     "  probability, stages holding only lost deals last. summary: deals amount\n"
     "  won lost open win_rate (won/(won+lost)) conversion (won/deals)\n"
     "  cycle_median_days cycle_mean_days cycle_deals (won deals closed in the\n"
     "  period, created to closed) no_created_date.\n"
     "customers [--top N]\n"
     "  top: rank customer segment region revenue orders share first_order.\n"
     "  segments: segment customers revenue orders share.\n"
     "  rfm: customers with orders in the 12 months to the period's end:\n"
     "  recency_days (to the period's end), orders (F), revenue (M); r f m are\n"
     "  1-5 = ceil(5 x share of customers with a value as good or worse), and the\n"
     "  label is the first that holds: Champions r,f,m>=4; Loyal r>=3,f>=4;\n"
     "  At risk r<=2,f>=3; Lost r<=2; Others. rfm_labels: label customers revenue\n"
     "  share (of the customers).\n"
     "  cohorts: customers by the quarter of their first order (the 4 quarters\n"
     "  before the one holding the period's end), share active in each later\n"
     "  quarter up to the period's end: cohort period customers active_customers share.\n"
     "  churned: active in the previous period, not in this one: customer segment\n"
     "  region revenue orders last_order (of the previous period).\n"
     "Split credit counts each row at the scope's share. Table output prints each\n"
     "section for people (--lang en|zh), rfm and churned cut to the first N (--top)\n"
     "rows. csv, json and xlsx print every row in one table: for\n"
     "funnel and customers its first column is `section` (stages|summary;\n"
     "top|segments|rfm|rfm_labels|cohorts|churned), then the union of the\n"
     "sections' columns, empty (JSON null) where a section has no such column.\n"
     "Values are canonical as in attain metric: money in major units, ratios as\n"
     "fractions.\n"
     "variance --period P [--by month|quarter] [--metric M] [--plan original|current]\n"
     "  scope period target actual variance attainment original_target current_target:\n"
     "  target, variance and attainment follow --plan (default current); the original\n"
     "  is the first locked or split plan (attain help goal).\n"},
    {"restore", cmd_restore, DB_OPEN, "attain restore FILE [--yes]",
     "replace the database with a backup", "从备份恢复数据库",
     "Replace the database with FILE (made by attain backup). FILE must be an\n"
     "attain database of a schema this build knows (an older one is upgraded).\n"
     "Everything stored now is replaced: on a terminal attain asks first, else\n"
     "--yes is required. The replacement is one transaction (it waits for other\n"
     "writers; killed, the old data stays); the store gets a new identity, so the\n"
     "engine snapshot (PATH.engine) is removed and rebuilt on the next query.\n"},
    {"review", cmd_review, DB_OPEN,
     "attain review --scope S [--period P] [--as-of DATE] [--since DATE] [--format md|html|json] "
     "[--lang zh|en] [--out FILE] | review decide --scope S --as P --text T [--goal ID]",
     "the review meeting agenda, and its decisions", "复盘会议议程与决定",
     "attain review --scope S [--period P] [--as-of DATE] [--since DATE]\n"
     "              [--format md|html|json] [--lang zh|en] [--out FILE]\n"
     "   The agenda of the review of S on the meeting day --as-of (default today):\n"
     "   1 the goals inside S (overlapping P, else live on the day) by risk: behind,\n"
     "     at risk, a confidence drop, a check-in due, sub-goals that do not add up\n"
     "     (in that order; inside each, the largest gap to expected as a share of the\n"
     "     target first), each with its figures, last check-ins and open action steps;\n"
     "   2 the forecast call of S for P (else the quarter of the day), as attain\n"
     "     forecast show lists it: quota, closed, commit, best case, adjusted, gap;\n"
     "   3 what changed since --since (default: the day of the previous review's\n"
     "     decisions): status moves and goals met, from the goals evaluated on both days;\n"
     "   4 the decisions recorded since then.\n"
     "   HTML is one self-contained file for A4 printing, as attain plan writes.\n"
     "attain review decide --scope S --as P --text T [--goal ID] [--as-of DATE]\n"
     "   record a decision of the meeting on its day (--as-of, default today); only\n"
     "   the head of S or someone above may. docs/reviews.md explains the rules.\n"},
    {"scorecard", cmd_scorecard, DB_OPEN,
     "attain scorecard add --scope S --period P --goal ID:WEIGHT ... | show [--scope S] "
     "[--period P] [--cap 100%|120%|none] [--as-of DATE] [--format table|csv|json]",
     "weighted scorecards of several goals", "加权考核表",
     "add   several goals of one scope and period weighted into one score; weights\n"
     "      are percentages (40%, 12.5%) that must sum to exactly 100%; each goal once.\n"
     "show  each goal's attainment (actual / target; a lower-is-better goal counts\n"
     "      inverted: target / actual), counted up to the cap (default 100%), its\n"
     "      contribution (counted x weight) and the scorecard's score (the sum). A\n"
     "      lower-is-better goal with actual 0 counts as the cap (100% without one).\n"
     "      Then rolled up the org: a manager with a scorecard of their own (person or\n"
     "      team) keeps it; else their score is their direct reports' scores weighted\n"
     "      by target share (the sum of the money targets on each report's scorecard;\n"
     "      equal weights when none has one).\n"
     "      CSV: scorecard,scope,period,line,goal,title,metric,direction,weight,target,\n"
     "      actual,attainment,counted,contribution,reports (kind: goal, score, rollup)\n"},
    {"serve", cmd_serve, DB_NONE,
     "attain serve [--listen HOST:PORT] [--db PATH] [--base-url URL] [--assets-dir DIR] "
     "[--threads N] [--log FILE] [--routes]",
     "serve the JSON API and the web UI", "提供 JSON API 和网页界面",
     "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0: any free one;\n"
     "                      the first line on stdout names the URL)\n"
     "  --db PATH           the database (as the global --db)\n"
     "  --base-url URL      the address people use; https:// makes cookies Secure\n"
     "  --assets-dir DIR    serve the web UI from DIR instead of the embedded copy\n"
     "  --threads N         worker threads (default 4)\n"
     "  --log FILE          the access log (default stderr): one line per request\n"
     "  --routes            print the route table as JSON and exit\n"
     "SIGTERM or Ctrl-C stops it: requests in flight finish, the database closes.\n"},
    {"summary", cmd_summary, DB_OPEN, "attain summary", "count what the database holds",
     "数据库概况", "Print the database path, its settings and the rows of each kind.\n"},
    {"token", cmd_token, DB_OPEN,
     "attain token add NAME --role admin|manager|rep [--unit U] [--scope ingest] | ls "
     "[--format table|csv|json] | revoke ID",
     "API tokens for other systems (attain serve)", "供其他系统调用的 API 令牌",
     "add     a token for another system, acting with ROLE (Authorization: Bearer TOKEN);\n"
     "        --unit U limits it to the unit U and its sub-units (required for a manager or\n"
     "        rep token, which is nobody in particular). The token is printed once on\n"
     "        standard output; only its hash is kept. --scope ingest lets it call\n"
     "        POST /api/ingest/KIND (a CRM's webhook or nightly script; the default:\n"
     "        no ingest). Nothing else may call that route.\n"
     "ls      id, name, role, unit, created_at, last_used, revoked (times in UTC), scopes\n"
     "revoke  the token stops working at once; its row stays\n"
     "令牌只在添加时显示一次；库中只保存其哈希。\n"},
    {"user", cmd_user, DB_OPEN,
     "attain user add LOGIN --role admin|manager|rep [--person P] [--password-stdin] | ls "
     "[--format table|csv|json] | disable LOGIN | enable LOGIN | passwd LOGIN [--password-stdin] "
     "| set LOGIN [--role R] [--person P] [--language zh|en]",
     "the people who sign in to attain serve", "管理登录 attain serve 的用户",
     "add      a user who signs in to attain serve. LOGIN: 1-63 of A-Z a-z 0-9 . _ @ -.\n"
     "         --role admin (everything), manager (their team and the units they head:\n"
     "         read and change goals), rep (their own goals and check-ins; read their\n"
     "         unit and their manager's team). --person P: who they are in the org (a\n"
     "         name, 工号, e-mail or NAME#工号); required for manager and rep.\n"
     "         The password (at least 8 bytes) is asked twice on the terminal, or read\n"
     "         from the first line of standard input with --password-stdin. It is kept\n"
     "         only as an argon2id hash.\n"
     "ls       login, role, person, lang, disabled, created_at, last_sign_in (UTC)\n"
     "disable  the user cannot sign in and every session of theirs ends; enable undoes it\n"
     "passwd   a new password; every session of the user ends\n"
     "set      change the role, the person or the language (--language zh, en, or \"\" for\n"
     "         the browser's; the global --lang is the command line's own)\n"
     "用户密码以 argon2id 哈希保存；停用用户或更改密码会结束其所有会话。\n"},
    {"version", cmd_version, DB_NONE, "attain version", "print the version of this build",
     "显示版本", "Print the release number and the git commit this binary was built from.\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL, NULL},
};

const struct command *command_find(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

void command_help(const struct command *cmd, const char *lang, FILE *out)
{
    bool zh = lang && strcmp(lang, "zh") == 0;
    if (!cmd) {
        fprintf(out, "attain %s — %s\n\n", ATTAIN_VERSION,
                zh ? "销售目标管理" : "sales goal management (销售目标管理)");
        fputs(zh ? "用法: attain [--db 路径] 命令 [参数]\n\n命令:\n"
                 : "usage: attain [--db PATH] [--lang en|zh] [--as PERSON] COMMAND [ARGS]\n\n"
                   "commands:\n",
              out);
        for (const struct command *c = commands; c->name; c++)
            fprintf(out, "  %-10s %s\n", c->name, zh ? c->summary_zh : c->summary_en);
        fputs(zh ? "\n详见 attain help 命令。数据库: --db 路径，或 $ATTAIN_DB，默认 ./attain.db\n"
                   "--read-only 只读打开数据库（不可写的文件或文件夹自动只读）\n"
                 : "\nattain help COMMAND shows one command. The database is --db PATH, else "
                   "$ATTAIN_DB, else ./attain.db.\n--read-only opens it read-only (writes are "
                   "refused); a file or folder you may not write is opened so by itself.\n",
              out);
        return;
    }
    fprintf(out, "usage: %s\n\n%s — %s\n\n%s", cmd->synopsis, cmd->summary_en, cmd->summary_zh,
            cmd->help);
    if (strcmp(cmd->name, "import") == 0) {
        for (int k = 0; k < IMPORT_KIND_COUNT; k++) {
            size_t n;
            const struct field_def *f = mapping_fields((enum import_kind)k, &n);
            fprintf(out, "\n%s:\n", import_kind_name((enum import_kind)k));
            for (size_t i = 0; i < n; i++)
                fprintf(out, "  %-15s %s%s\n", f[i].name, f[i].required ? "(required) " : "",
                        f[i].help);
        }
    }
}

/* Said once on stderr when a write waits for another writer (app_set_wait). */
static void wait_notice(const char *holder, void *arg)
{
    struct cli_ctx *ctx = arg;
    bool zh = i18n_zh(ctx->lang);
    if (*holder)
        fprintf(ctx->err,
                zh ? "attain：等待另一个写入者（%s）完成……\n"
                   : "attain: waiting for another writer (%s) …\n",
                holder);
    else
        fputs(zh ? "attain：等待另一个写入者完成……\n" : "attain: waiting for another writer …\n",
              ctx->err);
    fflush(ctx->err);
}

int cli_lock_wait(struct at_err *err)
{
    const char *v = getenv("ATTAIN_LOCK_WAIT");
    int64_t s;
    if (!v || !*v)
        return DB_WAIT_SECONDS;
    if (!str_to_i64(v, &s) || s < 0 || s > 86400) {
        at_err_set(err, AT_INVALID,
                   "ATTAIN_LOCK_WAIT=%s: give the seconds a write waits for another writer "
                   "(0-86400; default %d)",
                   v, DB_WAIT_SECONDS);
        return -1;
    }
    return (int)s;
}

/* A note from the application layer: one line on stderr. */
static void print_note(const char *line, void *ctx)
{
    fprintf(ctx, "attain: note: %s\n", line);
}

int cli_open(struct cli_ctx *ctx, struct app **out, struct at_err *err)
{
    if (ctx->app) {
        *out = ctx->app;
        return AT_OK;
    }
    if (!ctx->cmd || ctx->cmd->db != DB_OPEN)
        return at_err_set(err, AT_INTERNAL, "command %s does not open the database (command table)",
                          ctx->cmd ? ctx->cmd->name : "?");
    int wait = cli_lock_wait(err);
    if (wait < 0)
        return (int)err->status;
    enum at_status st = ctx->read_only ? app_open_read_only(ctx->db_path, out, err)
                                       : app_open(ctx->db_path, out, err);
    if (st)
        return (int)st;
    app_set_wait(*out, wait, wait_notice, ctx);
    ctx->app = *out;
    (*out)->note = print_note;
    (*out)->note_ctx = ctx->err;
    (*out)->req.today = ctx->today;
    (*out)->req.lang = ctx->lang;
    (*out)->req.now = (int64_t)time(NULL);
    if (ctx->actor) {
        snprintf((*out)->req.actor, sizeof(*out)->req.actor, "%s", ctx->actor);
        (*out)->req.actor_set = true;
    }
    return AT_OK;
}

/* Set when a write went past the file size limit (ulimit -f). The default
 * SIGXFSZ would kill the process without a word; caught, the write fails with
 * EFBIG instead, so an import rolls back and says so, and cli_fail names the
 * reason (SQLite itself only says "disk I/O error"). */
static volatile sig_atomic_t file_too_large;

static void on_sigxfsz(int sig)
{
    (void)sig;
    file_too_large = 1;
}

bool cli_confirm(struct cli_ctx *ctx, bool yes, const char *question)
{
    if (yes)
        return true;
    if (!isatty(STDIN_FILENO)) {
        fprintf(ctx->out,
                i18n_zh(ctx->lang) ? "未保存：加 --yes 保存\n" : "not saved: add --yes to save\n");
        return false;
    }
    fprintf(ctx->out, "%s [y/N] ", question);
    fflush(ctx->out);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y' || strncmp(answer, "是", 3) == 0;
}

int cli_fail(struct cli_ctx *ctx, const struct at_err *err)
{
    if (file_too_large && !strstr(err->msg, "File too large")) {
        fprintf(ctx->err, "attain: %s: %s\n", err->msg,
                i18n_zh(ctx->lang) ? "文件过大（超出文件大小限制 ulimit -f）"
                                   : "file too large (the file size limit, ulimit -f)");
        return at_status_exit_code(err->status);
    }
    if (err->status == AT_IO && ctx->out == stdout && ferror(stdout) && out_errno()) {
        /* standard output failed (out_flush): one message in the user's language,
         * none for a closed pipe (finish_output) */
        if (out_errno() == EPIPE)
            return 141;
        char tmp[256];
        fprintf(ctx->err, "attain: %s\n", out_error_text(ctx->lang, out_errno(), tmp, sizeof tmp));
        return at_status_exit_code(err->status);
    }
    fprintf(ctx->err, "attain: %s\n", err->msg);
    return at_status_exit_code(err->status);
}

int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1) {
        fprintf(ctx->err, "attain help: give one command name\n");
        return 2;
    }
    const struct command *c = NULL;
    if (argc == 1 && !(c = command_find(argv[0]))) {
        fprintf(ctx->err, "attain help: no command \"%s\"; attain help lists them\n", argv[0]);
        return 2;
    }
    command_help(c, ctx->lang, ctx->out);
    return 0;
}

static cli_serve_fn serve_fn;

void cli_set_serve(cli_serve_fn fn)
{
    serve_fn = fn;
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    if (!serve_fn) {
        fprintf(ctx->err, "attain serve: this build has no server\n");
        return 8;
    }
    struct cli_serve_ctx sc = {.db_path = ctx->db_path, .lang = ctx->lang};
    const char *hold = getenv("ATTAIN_DEBUG_HOLD_MS");
    int64_t ms;
    if (hold && *hold && str_to_i64(hold, &ms) && ms > 0 && ms < 600000)
        sc.hold_ms = ms;
    const char *now = getenv("ATTAIN_DEBUG_NOW");
    int64_t t;
    if (now && *now && str_to_i64(now, &t) && t > 0)
        sc.debug_now = t;
    fflush(ctx->out);
    return serve_fn(argc, argv, &sc);
}

int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc) {
        fprintf(ctx->err, "attain version: takes no arguments\n");
        return 2;
    }
    fprintf(ctx->out, "attain %s (%s)\n", ATTAIN_VERSION, ATTAIN_GIT);
    return 0;
}

/* The interface language: --lang, else LC_ALL/LC_MESSAGES/LANG starting with zh. */
static const char *default_lang(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return str_starts_with(v, "zh") ? "zh" : "en";
    }
    return "en";
}

/*
 * The one check of standard output at the end of every command: flush and
 * close it, and turn a write that failed anywhere (a full disk, a file size
 * limit, a closed pipe) into exit status 6 with "attain: cannot write output:
 * REASON" (in LANG) — unless the command failed already (RC non-zero), which
 * then reported its own error. A closed pipe (EPIPE, `attain ls ... | head`
 * when SIGPIPE is ignored by our parent; else SIGPIPE ends the process quietly,
 * the shell shows 141) is no error of ours: no message, status 141.
 */
static int finish_output(const char *lang, int rc)
{
    bool bad = out_failed(stdout);
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        bad = true;
    int e = out_errno() ? out_errno() : errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (!bad)
        return rc;
    if (!e)
        e = EIO;
    if (e == EPIPE)
        return rc ? rc : 141;
    if (rc)
        return rc;
    char tmp[256];
    fprintf(stderr, "attain: %s\n", out_error_text(lang, e, tmp, sizeof tmp));
    return at_status_exit_code(AT_IO);
}

int cli_main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "");
    struct sigaction sa = {.sa_handler = on_sigxfsz};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXFSZ, &sa, NULL);
    struct cli_ctx ctx = {.out = stdout, .err = stderr};
    const char *env_db = getenv("ATTAIN_DB");
    ctx.db_path = env_db && *env_db ? env_db : "attain.db";
    ctx.lang = default_lang();
    ctx.today = cal_today();
    const char *env_as = getenv("ATTAIN_AS");
    if (env_as && *env_as)
        ctx.actor = env_as;
    char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
    int n = 0;
    bool version = false, help = false, dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && strcmp(a, "--") == 0)
            dashdash = true;
        if (dashdash) {
            rest[n++] = argv[i];
            continue;
        }
        if (strcmp(a, "--db") == 0 || strcmp(a, "--lang") == 0 || strcmp(a, "--as") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "attain: %s needs a value\n", a);
                free(rest);
                return 2;
            }
            if (a[2] == 'd')
                ctx.db_path = argv[++i];
            else if (a[3] == 's')
                ctx.actor = argv[++i];
            else
                ctx.lang = argv[++i];
        } else if (str_starts_with(a, "--db=")) {
            ctx.db_path = a + 5;
        } else if (str_starts_with(a, "--as=")) {
            ctx.actor = a + 5;
        } else if (str_starts_with(a, "--lang=")) {
            ctx.lang = a + 7;
        } else if (strcmp(a, "--read-only") == 0) {
            ctx.read_only = true;
        } else if (strcmp(a, "--version") == 0 && n == 0) {
            version = true;
        } else if ((strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            help = true;
        } else {
            rest[n++] = argv[i];
        }
    }
    int rc;
    if (strcmp(ctx.lang, "zh") != 0 && strcmp(ctx.lang, "en") != 0) {
        fprintf(stderr, "attain: --lang %s: choose en or zh\n", ctx.lang);
        rc = 2;
    } else if (ctx.actor && (!*ctx.actor || strlen(ctx.actor) >= 64 ||
                             !utf8_valid(ctx.actor, strlen(ctx.actor)))) {
        fprintf(stderr, "attain: --as \"%s\": give who makes the change (1-63 bytes of UTF-8)\n",
                ctx.actor);
        rc = 2;
    } else if (version) {
        rc = cmd_version(&ctx, 0, NULL);
    } else if (n == 0) {
        command_help(NULL, ctx.lang, help ? stdout : stderr);
        rc = help ? 0 : 2;
    } else {
        const struct command *c = command_find(rest[0]);
        if (!c) {
            fprintf(stderr, "attain: no command \"%s\"; attain help lists them\n", rest[0]);
            rc = 2;
        } else if (help) {
            command_help(c, ctx.lang, stdout);
            rc = 0;
        } else if (ctx.read_only && c->db == DB_NONE && strcmp(c->name, "help") != 0 &&
                   strcmp(c->name, "version") != 0) {
            fprintf(stderr, "attain: --read-only: %s writes the database %s\n", c->name,
                    ctx.db_path);
            rc = 2;
        } else {
            ctx.cmd = c;
            rc = c->run(&ctx, n - 1, rest + 1);
            app_close(ctx.app); /* opened by cli_open (DB_OPEN commands) */
            ctx.app = NULL;
        }
    }
    free(rest);
    return finish_output(ctx.lang, rc);
}
