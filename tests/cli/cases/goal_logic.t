# Goal logic of issue 7: one rule for "children add up" (rebalance and
# reconcile agree), a reason and an actor on every change, a sub-period ending
# on the as-of day is closed, rebalance by seasonal and history, a sentence
# keeps --objective/--cadence/--title and itself, goal check and plan follow
# --as-of, a target of 0 has no target.
# Every expected figure is worked out by hand in the comment above it.
#
# The small company of goal_split.t: unit 华东/上海; 丁一 manages 严三, 严四, 乔五.
# Orders 2026: O1 01-08 严三 50000.00; O2 01-20 严四 20000.01; O3 02-12 乔五
# 30000.00; O4 03-05 严三 100000.00; O5 05-10 严四 212345.67.
# Orders 2025 (for seasonal and history weights): P1 02-10 严三 30000;
# P2 03-10 严四 10000; P3 11-10 乔五 20000; P4 12-10 严三 60000.
$ attain init >/dev/null
$ printf 'path\n华东/上海\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager,weight\n丁一,华东,,1\n严三,华东/上海,丁一,1.5\n严四,华东/上海,丁一,1\n乔五,华东/上海,丁一,0.5\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,date,owner,amount\nO1,2026-01-08,严三,50000\nO2,2026-01-20,严四,20000.01\nO3,2026-02-12,乔五,30000\nO4,2026-03-05,严三,100000\nO5,2026-05-10,严四,212345.67\nP1,2025-02-10,严三,30000\nP2,2025-03-10,严四,10000\nP3,2025-11-10,乔五,20000\nP4,2025-12-10,严三,60000\n' > orders.csv && attain import orders orders.csv >/dev/null

# --- a reason on every change ---------------------------------------------------
$ attain goal add --metric revenue --scope unit:华东 --period 2026-Q1 --target 250000 --title 一季度 >/dev/null
# A split without --reason is refused and saves nothing.
$ attain goal split 1 --over months --method even --yes
? 2
! --reason
$ attain goal ls --format csv | wc -l
> 2
# 25,000,000 cents / 3 = 8,333,333.33: 8,333,333 each, the 1 cent left to the
# first (a tie: the earlier part).
$ attain goal split 1 --over months --method even --yes --reason 按月分解 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6
> id,parent,scope,period,metric,target
> 1,,unit:华东,2026-Q1,revenue,250000.00
> 2,1,unit:华东,2026-01,revenue,83333.34
> 3,1,unit:华东,2026-02,revenue,83333.33
> 4,1,unit:华东,2026-03,revenue,83333.33
$ attain goal show 2
~ created +revenue 83333\.34 +按月分解 \(split:1 by even over months\) +cli
$ attain goal rebalance 1 --as-of 2026-01-31 --yes
? 2
! --reason
$ attain goal archive 4
? 2
! --reason

# --- rebalance, then reconcile accepts it -------------------------------------------
# As of 2026-01-31 January ends on the as-of day: closed. Its actual O1 + O2 =
# 70000.01; remaining 250000.00 - 70000.01 = 179999.99 over February and March,
# even: 17999999 cents / 2 = 8999999.5 -> 8999999 each, the cent left to the
# earlier: 02 90000.00, 03 89999.99; January keeps 83333.34.
$ attain goal rebalance 1 --as-of 2026-01-31 --method even --reason 一月不足 --yes >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 2,1,unit:华东,2026-01,revenue,83333.34
> 3,1,unit:华东,2026-02,revenue,90000.00
> 4,1,unit:华东,2026-03,revenue,89999.99
# The children now hold 83333.34 + 90000.00 + 89999.99 = 263333.33, not the
# target: still nothing to reconcile — the closed January keeps its value and
# the open months carry the remaining 179999.99 exactly.
$ attain goal reconcile --format csv
> id,scope,period,metric,over,target,children_sum,gap,children,closed_actual
$ attain goal show 3
~ target +83333\.33 +90000\.00 +一月不足 \(rebalance of goal 1 as of 2026-01-31 by even\) +cli
# A manager (--as) raises March to 95000.00: now the open months hold
# 90000.00 + 95000.00 = 185000.00 against the remaining 179999.99: gap -5000.01.
$ attain --as 王经理 goal edit 4 --target 95000 --reason 大客户加单 >/dev/null
$ attain goal show 4
~ target +89999\.99 +95000\.00 +大客户加单 +王经理
$ attain goal reconcile --format csv
> id,scope,period,metric,over,target,children_sum,gap,children,closed_actual
> 1,unit:华东,2026-Q1,revenue,time,250000.00,185000.00,-5000.01,2,70000.01
# The fix spreads the gap over the open months only: -500001 cents / 2 ->
# 250000 each and the cent left to the earlier: 02 90000.00 - 2500.01 =
# 87499.99, 03 95000.00 - 2500.00 = 92500.00; January keeps 83333.34.
$ attain goal reconcile --fix 1 --method even --yes
? 2
! --reason
$ attain goal reconcile --fix 1 --method even --reason 对齐 --yes >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 2,1,unit:华东,2026-01,revenue,83333.34
> 3,1,unit:华东,2026-02,revenue,87499.99
> 4,1,unit:华东,2026-03,revenue,92500.00
$ attain goal reconcile --format csv | wc -l
> 1
# A rebalance spreads the remaining by its own method again (without --yes it
# is only shown): back to 90000.00 / 89999.99.
$ attain goal rebalance 1 --as-of 2026-01-31 --method even --format csv | cut -d, -f1-4 | head -4
> scope,period,share,target
> unit:华东,2026-01,0.0000,83333.34
> unit:华东,2026-02,0.5000,90000.00
> unit:华东,2026-03,0.5000,89999.99

# --- rebalance by seasonal and history ----------------------------------------------
# Goal 5: 华东 2026-Q1 300000.00 in months, even: 100000.00 each (goals 6..8).
$ attain goal add --metric revenue --scope unit:华东 --period 2026-Q1 --target 300000 --title 季节 >/dev/null
$ attain goal split 5 --over months --method even --yes --reason 按月 >/dev/null
# As of 01-31: January closed with 70000.01; remaining 229999.99 (22999999
# cents). seasonal: last year's February (P1 30000) and March (P2 10000), 3:1:
# 02 22999999 x 3/4 = 17249999.25, 03 5749999.75; floors leave 1 cent for the
# larger remainder (March): 02 172499.99, 03 57500.00.
$ attain goal rebalance 5 --as-of 2026-01-31 --method seasonal --reason 按去年季节 --yes >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 6,5,unit:华东,2026-01,revenue,100000.00
> 7,5,unit:华东,2026-02,revenue,172499.99
> 8,5,unit:华东,2026-03,revenue,57500.00
# history: the same months of the base period (the previous quarter, 2025-Q4):
# February <-> November (P3 20000), March <-> December (P4 60000), 1:3:
# 02 5749999.75 -> 5749999 +1 (larger remainder), 03 17249999.25:
# 02 57500.00, 03 172499.99.
$ attain goal rebalance 5 --as-of 2026-01-31 --method history --reason 按上季度 --yes >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 6,5,unit:华东,2026-01,revenue,100000.00
> 7,5,unit:华东,2026-02,revenue,57500.00
> 8,5,unit:华东,2026-03,revenue,172499.99
$ attain goal reconcile --format csv | wc -l
> 1
$ attain goal rebalance 5 --method capacity --as-of 2026-01-31
? 2
! even, days, working, seasonal or history
# A new split over time starts without the rebalance: archive the months and
# split again: the children must add up to the target again (even: 100000.00 x 3).
$ for g in 6 7 8; do attain goal archive $g --reason 重做 >/dev/null; done
$ attain goal split 5 --over months --method even --yes --reason 重做 >/dev/null
$ attain goal reconcile --format csv | wc -l
> 1

# --- a goal written as a sentence keeps the options and the sentence ----------------
# Q2 +20% over Q1 2026 (as of 03-31: O1..O4 = 200000.01): 240000.012 -> 240000.01.
$ attain objective add 拓展新市场 >/dev/null
$ attain goal add "在下季度将销售额提高20%" --objective 1 --cadence monthly --title 第二季度增长 --as-of 2026-03-31 --yes | tail -1
> goal 12 added
$ attain goal show 12 --format csv
~ ^title,第二季度增长$
~ ^sentence,在下季度将销售额提高20%$
~ ^objective,1$
~ ^cadence,monthly$
~ ^target,240000\.01$
# Its months inherit the cadence and the objective.
$ attain goal split 12 --over months --method even --yes --reason 按月 >/dev/null
$ attain goal show 13 --format csv | grep -E '^(objective|cadence),'
> objective,1
> cadence,monthly
$ attain plan --period 2026-Q2 --as-of 2026-03-31
~ 在下季度将销售额提高20%

# --- goal check and plan follow --as-of ------------------------------------------------
# Deal D1 (open since 01-10, expected to close 05-15, 500000.00): as of 03-31 it
# is the open pipeline of Q2; coverage 500000.00 / 240000.01 = 2.08 -> 2.1x.
$ printf 'id,owner,amount,status,created,expected_close,probability\nD1,严三,500000,open,2026-01-10,2026-05-15,50%%\n' > deals.csv && attain import deals deals.csv >/dev/null
$ attain goal check 12 --as-of 2026-03-31
~ pipeline coverage 2\.1. \(open ¥500,000\.00 / target ¥240,000\.01\)
$ attain goal check 12 --as-of 2026-03-31x
? 2
! --as-of 2026-03-31x
# The plan as of a day is the same whatever day it is run (two time zones 26
# hours apart give two different "today"s).
$ TZ=Etc/GMT+12 attain plan --period 2026-Q2 --as-of 2026-03-31 > a.md && TZ=Etc/GMT-14 attain plan --period 2026-Q2 --as-of 2026-03-31 > b.md && cmp a.md b.md && grep -c 'open ¥500,000.00' a.md
> 1

# --- a target of 0 has no target ------------------------------------------------------
$ attain goal add --metric revenue --scope unit:华东/上海 --period 2026 --target 0 --title 总部 | head -1
> goal 16 added
$ attain goal status --as-of 2026-06-30 --format csv | awk -F, '$1 == 16 {print $12}'
> no_target
$ attain --lang zh goal status --as-of 2026-06-30 | grep 总部
~ 无目标值

# --- over-long text is refused, JSON never drops a field ---------------------------
# "a" + 90 x 销 is 1 + 270 = 271 bytes: a title holds 255. It used to be cut at
# byte 255, inside the 85th 销, and `--format json` then left the title out.
$ attain goal add --metric revenue --period 2026 --target 1 --title "a$(printf '销%.0s' $(seq 90))"
? 2
! title: 271 bytes; at most 255
$ attain objective add "a$(printf '销%.0s' $(seq 90))"
? 2
! objective title: 271 bytes; at most 255
$ attain goal action add 1 --what "a$(printf '销%.0s' $(seq 90))"
? 2
! what: 271 bytes; at most 255
# 85 x 销 = 255 bytes fits exactly.
$ attain goal add --metric revenue --period 2026 --target 1 --title "$(printf '销%.0s' $(seq 85))" --format json | grep -c '"value": "销'
> 1
# A title that is not UTF-8 in the database (written by an older attain) is an
# error in JSON, naming the row and column, not a field silently left out.
$ sqlite3 test.db "UPDATE goals SET title = CAST(X'61E994' AS TEXT) WHERE id = 1"
$ attain goal show 1 --format json
? 2
! row 2, column value is not UTF-8 text
$ attain goal ls --format json
? 2
! column title is not UTF-8 text

# --- the goal tree (rules in app: app_goal_tree) --------------------------------------
# Goal 18 (华东 2026-H2, objective 1) split over the members (严三 严四 乔五):
# goals 19..21, each with objective 1 and parent 18.
$ attain goal add --metric revenue --scope unit:华东 --period 2026-H2 --target 90000 --objective 1 --title 下半年 | head -1
> goal 18 added
$ attain goal split 18 --over members --method even --yes --reason 分到人 >/dev/null
# Inside person:严三 only goal 19 is left; its parent 18 is outside the scope,
# so it is a root, shown once under its objective (it used to be listed a
# second time under "no objective").
$ attain goal tree --scope person:严三 --period 2026-H2 --format csv | cut -d, -f1-4
> depth,id,parent,objective
> 0,19,18,1
# Orphans (no parent, no objective) among the goals overlapping 2026-H2: 16, 17.
$ attain goal tree --period 2026-H2 --as-of 2026-12-31 | tail -1
> orphan goals (no parent, no objective): #16 #17
