# attain demo: a full Chinese sales company, the same for the same date and seed.
$ attain demo --as-of 2026-11-26 > out.txt && grep -E '^  (people|orders) ' out.txt | wc -l
> 2
$ attain summary | grep -E '^(currency|holidays)'
~ ^currency +CNY
~ ^holidays +[1-9][0-9]+
$ attain ls people --format csv | grep -c 销售代表
~ ^[5-7][0-9]$
$ attain ls units --format csv | cut -d, -f4 | grep -c '^华'
~ ^[0-9]+$
$ attain ls orders --format csv | tail -n +2 | cut -d, -f2 | sort | tail -1
~ ^2026-11-(0[1-9]|1[0-9]|2[0-6])$
# Running demo again changes nothing.
$ attain demo --as-of 2026-11-26 >/dev/null && attain ls orders --format csv | md5sum > a.txt && attain demo --as-of 2026-11-26 >/dev/null && attain ls orders --format csv | md5sum > b.txt && cmp a.txt b.txt && echo same
> same
# A breakdown by team builds every team's customers at once; each row must
# equal the same team asked alone.
$ for m in active_customers retention_rate; do attain metric $m --period 2026-Q3 --by team --format csv | tail -n +2; done > together.txt && for m in active_customers retention_rate; do attain metric $m --period 2026-Q3 --by team --format csv | tail -n +2 | cut -d, -f1 | while read -r s; do attain metric $m --period 2026-Q3 --scope "$s" --format csv | tail -1; done; done > alone.txt && cmp together.txt alone.txt && wc -l < alone.txt | tr -d ' '
~ ^[1-9][0-9]*$
# The weekly loop (issue 9). Every one of the 56 reps with a goal of 2026
# checks in on the 13 Mondays 2026-08-31 … 2026-11-23, except every fifth rep
# followed (11 of them) this week: 56 × 13 − 11 = 717; their managers
# acknowledge all but this week's: 56 × 12 = 672; one rep's confidence drops
# from 7 to 3 this week, flagged.
$ attain checkin ls --format csv | tail -n +2 | wc -l
> 717
$ attain checkin ls --format csv | tail -n +2 | awk -F, '$10 != ""' | wc -l
> 672
$ attain checkin ls --format csv | grep -c confidence_drop
> 1
# The 11 reps who have not checked in this week owe one (and the heads of the
# unit and company goals, which nobody checks in on in the demo).
$ attain checkin due --as-of 2026-11-26 --format csv | grep -c ',person:'
> 11
# Forecast calls on 10-01, 10-15, 11-01 and 11-15 by all 56 reps; the company
# roll-up counts 56 callers; two calls adjusted by managers (80万 and 150万).
$ attain forecast show --period 2026-Q4 --as-of 2026-11-26 --format csv | grep '^company' | cut -d, -f9
> 56
# Each region's head recorded two decisions on Monday 2026-11-23; the agenda
# of the meeting lists them.
$ attain review --scope unit:华东 --as-of 2026-11-26 --format md | grep -c '^- 2026-11-23: '
> 2
# A scorecard per selling region (华东, 华北, 华南), 华南 with two goals.
$ attain scorecard show --format csv | grep -c ',score,'
> 3
# 华东's plan is locked by the director (王辉); a manager's request to raise a
# rep's target by 5 % is approved by the region's head, a rep's request to
# lower theirs by 20 % is rejected by their manager: 1 approved, 1 rejected.
$ attain goal requests --status all --format csv | cut -d, -f3 | tail -n +2 | sort | tr '\n' ' '
> approved rejected 
# The agenda of 华东's meeting lists both requests, decided since 11-20.
$ attain review --scope unit:华东 --as-of 2026-11-26 --since 2026-11-20 --format json | jq -c '[.requests[] | [.goals, .status]]'
> [["8","approved"],["9","rejected"]]
# The weekly digest of 华东 names who owes a check-in: its 3 unit goals
# (nobody checks in on them in the demo) and the 4 reps of 华东 among the
# fifth reps who skipped this week (杨霞, 薛霞, 陶艳, 彭诗涵): 7; no request
# waits (both were decided); the quarter's call shows 23 callers.
$ attain digest --scope unit:华东 --as-of 2026-11-26 | sed -n '/^## Check-ins due/,/^## /p' | grep -c '^| #'
> 7
$ attain digest --scope unit:华东 --as-of 2026-11-26 | grep -c 'No request waits for a decision'
> 1
# The demo's sign-ins (issue 10): the heads of 华东 and 华南 as manager and
# manager2, a rep of each region, an admin who is nobody; a second demo keeps
# them (made once).
$ attain user ls --format csv | cut -d, -f1,2,5
> login,role,disabled
> admin,admin,no
> manager,manager,no
> manager2,manager,no
> rep,rep,no
> rep2,rep,no
$ sqlite3 test.db "SELECT s.login, p.title, u.path FROM users s JOIN people p ON p.id = s.person_id JOIN units u ON u.id = p.unit_id ORDER BY s.login" | sed 's#/.*##'
> manager|区域经理|华东
> manager2|区域经理|华南
> rep|销售代表|华东
> rep2|销售代表|华南
