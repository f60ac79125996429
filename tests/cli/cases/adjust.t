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
