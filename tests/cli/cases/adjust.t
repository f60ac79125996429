# Adjustments with approval (issue 9 section 4): goal lock / unlock, split
# --lock, change requests (edit, reconcile --fix, reassign) approved or
# rejected by someone above the goal's owner, stale requests, the original
# plan (--plan original) and reassign. Every figure is worked out by hand in
# the comment above it.
#
# Units 华东/上海. People (capacity weight): 丁一 (华东, nobody above him, so
# he decides over his own unit too); his reps in 华东/上海: 严三 1.5, 严四 1,
# 乔五 0.5. Orders: O1 01-08 严三 50000.00; O2 01-20 严四 20000.01;
# O3 02-12 乔五 30000.00; O4 04-10 乔五 12345.67.
$ attain init >/dev/null
$ printf 'path\n华东/上海\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager,weight\n丁一,华东,,1\n严三,华东/上海,丁一,1.5\n严四,华东/上海,丁一,1\n乔五,华东/上海,丁一,0.5\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,date,owner,amount\nO1,2026-01-08,严三,50000\nO2,2026-01-20,严四,20000.01\nO3,2026-02-12,乔五,30000\nO4,2026-04-10,乔五,12345.67\n' > orders.csv && attain import orders orders.csv >/dev/null
$ attain goal add --metric revenue --scope unit:华东 --period 2026-Q1 --target 300000 --title 华东Q1 >/dev/null

# --- split --lock: only someone above may lock a plan --------------------------
# A rep cannot lock the unit's plan: refused (403, exit 10), nothing saved.
$ attain --as person:严三 goal split 1 --over members --method even --lock --yes --reason 计划
? 10
! person:严三 may not lock goal 1
$ attain goal ls --format csv | wc -l
> 2
# No actor at all: asked for one (exit 2).
$ attain goal split 1 --over members --method even --lock --yes --reason 计划
? 2
! --as person:NAME
# 300000.00 / 3 = 100000.00 each: goals 2 严三, 3 严四, 4 乔五, all locked.
$ attain --as person:丁一 goal split 1 --over members --method even --lock --yes --reason 计划 | tail -2
> locked goal 1 and its sub-goals: a change of target, period or scope now needs approval
> saved 3 sub-goals of goal 1 (2..4)
$ attain goal lock 2 --as person:丁一
? 5
! goal 2 is locked already

# --- a locked goal's edit is a request -----------------------------------------
$ attain goal edit 2 --target 120000 --reason 加码
> goal 2 is locked: change request 1 made, nothing changed yet; someone above its owner approves it: attain goal approve 1 --as person:NAME
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n 3p
> 2,100000.00
# the title is not locked: changed at once
$ attain goal edit 2 --title 严三Q1 --reason 改名
> goal 2 changed
# The owner cannot approve their own goal's change, nor can a peer (exit 10);
# nothing changes.
$ attain --as person:严三 goal approve 1
? 10
! person:严三 may not approve a change of goal 2 \(person:严三\)
$ attain --as person:严四 goal approve 1
? 10
! person:严四 may not approve
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n 3p
> 2,100000.00
# The manager approves: 100000.00 -> 120000.00, by him, with the request id.
$ attain --as person:丁一 goal approve 1 --comment 同意
> request 1 approved and applied
$ attain goal ls --format csv | cut -d, -f1,6,7 | sed -n 3p
> 2,120000.00,严三Q1
$ attain --as person:丁一 goal approve 1
? 5
! request 1 was approved by person:丁一

# --- stale requests, rejections and the history --------------------------------
# Two requests on goal 3 (严四): 90000 (request 2) and 95000 (request 3).
$ attain goal edit 3 --target 90000 --reason 下调 >/dev/null
$ attain goal edit 3 --target 95000 --reason 再议 >/dev/null
$ attain goal requests --format csv | cut -d, -f1-6,13
> id,kind,status,scope,goals,summary,stale
> 2,edit,pending,person:严四,3,goal 3: target 100000.00 → 90000.00,no
> 3,edit,pending,person:严四,3,goal 3: target 100000.00 → 95000.00,no
$ attain --as person:丁一 goal approve 2 >/dev/null
# request 3 was made on goal 3 at 100000.00; it is 90000.00 now: stale (exit 5)
$ attain --as person:丁一 goal approve 3
? 5
! request 3 is stale: goal 3 changed since the request was made
$ attain goal requests --format csv | cut -d, -f1,3,13
> id,status,stale
> 3,pending,yes
$ attain --as person:丁一 goal reject 3 --comment 已过期
> request 3 rejected
$ attain --as person:丁一 goal approve 3
? 5
! request 3 was rejected by person:丁一
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n 4p
> 3,90000.00
$ attain goal requests --status all --format csv | cut -d, -f1-3,7,8,10,12
> id,kind,status,reason,requested_by,decided_by,comment
> 1,edit,approved,加码,cli,person:丁一,同意
> 2,edit,approved,下调,cli,person:丁一,
> 3,edit,rejected,再议,cli,person:丁一,已过期
# The history of goal 3, complete: created, locked, two requests, the change by
# the approver with the request id, the approval, the rejection.
$ attain goal show 3 | sed -n '/^history/,$p' | sed 1,2d | cut -c22- | sed 's/ *$//'
> -------  ----------  -----------------  ------------------------------------------  -----------
> created              revenue 100000.00  计划 (split:1 by even over members)         person:丁一
> locked   no          yes                计划                                        person:丁一
> request              #2 pending         下调                                        cli
> request              #3 pending         再议                                        cli
> target   100000.00   90000.00           下调 (request #2 of cli, approved)          person:丁一
> request  #2 pending  #2 approved        下调 (request #2 of cli, approved)          person:丁一
> request  #3 pending  #3 rejected        再议 (request #3 of cli, rejected: 已过期)  person:丁一

# --- the original plan ------------------------------------------------------------
# Goals 2 and 3 were 100000.00 in the split plan (their original targets);
# now 120000.00 and 90000.00. Goal 1 keeps 300000.00, goal 4 100000.00.
$ attain goal status --plan original --as-of 2026-03-31 --format csv | cut -d, -f1,6
> id,target
> 1,300000.00
> 2,100000.00
> 3,100000.00
> 4,100000.00
$ attain goal status --as-of 2026-03-31 --format csv | cut -d, -f1,6
> id,target
> 1,300000.00
> 2,120000.00
> 3,90000.00
> 4,100000.00
# attainment against the original: 严三 50000.00 / 100000.00 = 0.5000
$ attain goal tree --plan original --as-of 2026-03-31 --format csv | cut -d, -f2,9,11 | sed -n 3p
> 2,100000.00,0.5000
$ attain goal status --plan someday
? 2
! plan someday: original or current
# Variance: the two plans at the end; with --plan original the target column
# (and variance, attainment) use the original. 严三 actual 50000.00: against
# 100000.00 -50000.00 (0.5000), against 120000.00 -70000.00 (0.4167).
$ attain report variance --period 2026-Q1 --as-of 2026-03-31 --format csv | sed -n '1p;2p'
> scope,period,target,actual,variance,attainment,original_target,current_target
> person:严三,2026-Q1,120000.00,50000.00,-70000.00,0.4167,100000.00,120000.00
$ attain report variance --period 2026-Q1 --as-of 2026-03-31 --format csv --plan original | sed -n 2p
> person:严三,2026-Q1,100000.00,50000.00,-50000.00,0.5000,100000.00,120000.00

# --- reconcile --fix on locked sub-goals is one request ----------------------------
# children 120000.00 + 90000.00 + 100000.00 = 310000.00, 10000.00 over 300000.00:
# -1,000,000 cents by 3 even = -333333 each, the 1 cent left to the first part:
# 116666.66, 86666.67, 96666.67 (Σ 300000.00).
$ attain --as person:丁一 goal reconcile --fix 1 --method even --yes --reason 对齐 | tail -1
> goal 1 is locked: change request 4 made, nothing changed yet; someone above its owner approves it: attain goal approve 4 --as person:NAME
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n '3,5p'
> 2,120000.00
> 3,90000.00
> 4,100000.00
$ attain --as person:丁一 goal approve 4 >/dev/null
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n '3,5p'
> 2,116666.66
> 3,86666.67
> 4,96666.67
$ attain goal reconcile | tail -1
> every parent matches its sub-goals

# --- reassign (goals not locked) ---------------------------------------------------
# Q2 goals: 严三 100000.00 (5), 严四 80000.00 (6), 乔五 90000.01 (7). 乔五 leaves
# with 12345.67 closed in Q2: 90000.01 - 12345.67 = 77654.34 moves.
$ attain goal add --metric revenue --scope person:严三 --period 2026-Q2 --target 100000 >/dev/null
$ attain goal add --metric revenue --scope person:严四 --period 2026-Q2 --target 80000 >/dev/null
$ attain goal add --metric revenue --scope person:乔五 --period 2026-Q2 --target 90000.01 >/dev/null
# by capacity (1500 : 1000 of 2500) over 7,765,434 cents: 严三 4659260.4 -> 4659260,
# 严四 3106173.6 -> 3106173; the cent left goes to the larger remainder (严四):
# 100000.00 + 46592.60 = 146592.60, 80000.00 + 31061.74 = 111061.74; 乔五 keeps
# 12345.67. Σ 270000.01 before and after. Shown, not saved (no --yes).
$ attain --as person:丁一 goal reassign person:乔五 --period 2026-Q2 --to members --method capacity --as-of 2026-06-30 --format csv
> goal,scope,period,metric,weight,old,new
> 7,person:乔五,2026-Q2,revenue,,90000.01,12345.67
> 5,person:严三,2026-Q2,revenue,1500,100000.00,146592.60
> 6,person:严四,2026-Q2,revenue,1000,80000.00,111061.74
> not saved: add --yes to save
# a rep cannot move a peer's target
$ attain --as person:严三 goal reassign person:乔五 --period 2026-Q2 --to members --method even --yes --reason 离职
? 10
! person:严三 may not reassign the goals of person:乔五
# even: 7,765,434 / 2 = 3,882,717 each: 138827.17, 118827.17; 乔五 12345.67.
$ attain --as person:丁一 goal reassign person:乔五 --period 2026-Q2 --to members --method even --as-of 2026-06-30 --yes --reason 离职 | tail -1
> reassigned the remaining target of person:乔五 (3 goals)
$ attain goal ls --format csv | cut -d, -f1,3,6 | tail -3
> 5,person:严三,138827.17
> 6,person:严四,118827.17
> 7,person:乔五,12345.67
$ attain goal show 7 | grep -c '离职 (reassign of person:乔五 2026-Q2 by even)'
> 1

# --- reassign of locked goals: one request for the whole move ---------------------
# Q1: 乔五 (goal 4) 96666.67 with 30000.00 closed: 66666.67 moves to 严四 (goal 3):
# 86666.67 + 66666.67 = 153333.34; 乔五 30000.00.
$ attain --as person:丁一 goal reassign person:乔五 --period 2026-Q1 --to person:严四 --method even --as-of 2026-03-31 --yes --reason 离职 | tail -1
> a goal it changes is locked: change request 5 made, nothing changed yet; someone above approves it: attain goal approve 5 --as person:NAME
$ attain goal requests --format csv
~ ^5,reassign,pending,person:乔五,"4,3",reassign person:乔五 2026-Q1 to person:严四 by even: 2 goals,
$ attain --as person:严四 goal approve 5
? 10
$ attain --as person:丁一 goal approve 5 >/dev/null
$ attain goal ls --format csv | cut -d, -f1,6 | sed -n '4,5p'
> 3,153333.34
> 4,30000.00
# the original plan is unchanged by it all
$ attain report variance --period 2026-Q1 --as-of 2026-03-31 --format csv --plan original | grep total
> total,2026-Q1,300000.00,100000.01,-199999.99,0.3333,300000.00,300000.00

# --- bad input: a clear error, nothing written --------------------------------------
$ attain --as person:丁一 goal approve 99
? 3
! no request 99
$ attain goal requests --status maybe
? 2
! status maybe: pending, approved, rejected or all
$ attain goal lock 1
? 2
! --as person:NAME
$ attain --as person:丁一 goal reassign person:乔五 --period 2027 --to members --method even --yes --reason x
? 3
! person:乔五 has no live goal over 2027
$ attain --as person:丁一 goal reassign person:乔五 --period 2026-Q2 --to members --method guess
? 2
! method guess: even, capacity or history

# --- in Chinese ---------------------------------------------------------------------
$ attain --lang zh --as person:丁一 goal unlock 2
> 已解锁目标 2
$ attain --lang zh --as person:丁一 goal lock 2
> 已锁定目标 2：修改目标值、周期或范围需上级审批
$ attain --lang zh goal edit 2 --target 1 --reason 测试
> 目标 2 已锁定：已提交变更申请 6，目标未改变；由其负责人的上级审批：attain goal approve 6 --as person:姓名
$ attain --lang zh --as person:丁一 goal reject 6 --comment 不同意
> 已驳回变更申请 6
# the Chinese table of requests has no English words left (names, kinds,
# statuses and people in Chinese)
$ attain --lang zh goal requests --status all | grep -cE '[A-Za-z]{3,}'
> 0
? 1

# --- rebalance of locked sub-goals over time: one request, then where it closed ----
# 严三 2026-H1 200000.00 (goal 8) split by quarters and locked: 9 Q1 100000.00,
# 10 Q2 100000.00. As of 2026-03-31 Q1 is closed with 50000.00 (O1): the
# remaining 200000.00 - 50000.00 = 150000.00 goes to Q2.
$ attain goal add --metric revenue --scope person:严三 --period 2026-H1 --target 200000 >/dev/null
$ attain --as person:丁一 goal split 8 --over quarters --method even --lock --yes --reason 计划 >/dev/null
$ attain --as person:丁一 goal rebalance 8 --as-of 2026-03-31 --yes --reason 追赶 | tail -1
> goal 8 is locked: change request 7 made, nothing changed yet; someone above its owner approves it: attain goal approve 7 --as person:NAME
$ attain goal ls --format csv | cut -d, -f1,6 | tail -2
> 9,100000.00
> 10,100000.00
$ attain --as person:丁一 goal approve 7 >/dev/null
$ attain goal ls --format csv | cut -d, -f1,6 | tail -2
> 9,100000.00
> 10,150000.00
# the rebalance was remembered on approval: the open sub-goal adds up to what remains
$ attain goal reconcile | tail -1
> every parent matches its sub-goals

# --- listing by scope; the lock in goal show ------------------------------------
# requests about person:严四's goals: 2 and 3 (edits of goal 3)
$ attain goal requests --status all --scope person:严四 --format csv | cut -d, -f1
> id
> 2
> 3
$ attain goal requests --status all --scope unit:华东 --format csv | wc -l
> 8
$ attain goal show 10
~ ^locked by person:丁一 on [0-9-]{10}: a change of its target, period or scope needs approval$
$ attain --lang zh goal show 10
~ ^已锁定（丁一，[0-9-]{10}）：修改目标值、周期或范围需上级审批$
