# attain checkin add|ack|ls|due on a small hand-made company (CNY, the
# built-in Chinese holiday calendar). Expected figures are worked out by hand
# in the comments; every date-dependent command has --as-of.
#
# Units 华东/上海 and 华东/杭州. People: 王经理 (华东, no manager), his reps
# 张三 and 李四 (华东/上海) and 赵六 (华东/杭州, another team).
# Orders: O1 2026-01-05 张三 30000.00, O2 2026-01-20 李四 10000.00.
# Goals (2026-Q1): 1 person:张三 revenue 100000.00 (cadence not set: weekly),
# 2 unit:华东/上海 revenue 200000.00 monthly, 3 person:李四 revenue 50000.00
# cadence none.
#
# Working days of 2026-Q1 (cn calendar): January 22 weekdays − Jan 1, 2
# (New Year) + Jan 4 (make-up) = 21; February 20 weekdays − Feb 16..20 and
# Feb 23 (Spring Festival) + Feb 14 and Feb 28 (make-up) = 16; March 22:
# 59 in all.
$ attain init >/dev/null
$ printf 'path\n华东/上海\n华东/杭州\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东/上海,王经理\n李四,华东/上海,王经理\n赵六,华东/杭州,王经理\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name\nC1,晨光科技\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2026-01-05,C1,张三,30000\nO2,2026-01-20,C1,李四,10000\n' > orders.csv && attain import orders orders.csv >/dev/null
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q1 --target 100000 >/dev/null
$ attain goal add --metric revenue --scope unit:华东/上海 --period 2026-Q1 --target 200000 --cadence monthly >/dev/null
$ attain goal add --metric revenue --scope person:李四 --period 2026-Q1 --target 50000 --cadence none >/dev/null

# --- check in: the figures as of the day are frozen --------------------------
# As of 2026-01-31: 21 of 59 working days, expected = 100000 × 21/59 = 35593.22,
# actual 30000.00 (O1), attainment 0.3000, pace = 30000 × 59 / (100000 × 21)
# = 0.842857 → 0.8429, forecast (run rate) = 30000 × 59/21 = 84285.71; status
# behind (pace < 0.9). Confidence 8 ≥ 7 while pace < 0.9: optimistic.
$ attain --as 张三 checkin add 1 --confidence 8 --note 按计划推进 --next 拜访晨光 --as-of 2026-01-31
> check-in 1: goal 1 as of 2026-01-31, actual ¥30,000.00, attainment 30.0%, pace 84.3%, status behind, flags optimistic
# As of 2026-02-06: 21 + 5 (Feb 2..6) = 26 working days: expected 44067.80,
# pace = 30000 × 59 / 2600000 = 0.680769 → 0.6808, forecast 68076.92.
# Confidence 8 → 5 is a drop of 3: confidence_drop (5 < 7: not optimistic).
$ attain --as 张三 checkin add 1 --confidence 5 --blockers 预算冻结 --as-of 2026-02-06
> check-in 2: goal 1 as of 2026-02-06, actual ¥30,000.00, attainment 30.0%, pace 68.1%, status behind, flags confidence_drop
# The manager (above the unit's reps) checks in on the unit goal: 40000.00 of
# 200000.00; a drop of 2 only would not flag, and he has no earlier check-in.
# expected = 200000 × 26/59 = 88135.59, pace = 40000 × 59 / (200000 × 26) = 0.453846.
$ attain --as 王经理 checkin add 2 --confidence 6 --as-of 2026-02-06
> check-in 3: goal 2 as of 2026-02-06, actual ¥40,000.00, attainment 20.0%, pace 45.4%, status behind
# A member of the unit checks in on it too; 张三's first check-in on goal 2.
$ attain --as 李四 checkin add 2 --confidence 9 --as-of 2026-02-02
> check-in 4: goal 2 as of 2026-02-02, actual ¥40,000.00, attainment 20.0%, pace 53.6%, status behind, flags optimistic
$ attain checkin ls --format csv
> id,goal,at,by,confidence,actual,attainment,pace,status,acked_by,expected,forecast,note,blockers,next,flags,acked_at,ack_comment,scope,title
> 1,1,2026-01-31,张三,8,30000.00,0.3000,0.8429,behind,,35593.22,84285.71,按计划推进,,拜访晨光,optimistic,,,person:张三,张三 Revenue 2026-Q1
> 4,2,2026-02-02,李四,9,40000.00,0.2000,0.5364,behind,,74576.27,107272.73,,,,optimistic,,,unit:华东/上海,华东/上海 Revenue 2026-Q1
> 2,1,2026-02-06,张三,5,30000.00,0.3000,0.6808,behind,,44067.80,68076.92,,预算冻结,,confidence_drop,,,person:张三,张三 Revenue 2026-Q1
> 3,2,2026-02-06,王经理,6,40000.00,0.2000,0.4538,behind,,88135.59,90769.23,,,,,,,unit:华东/上海,华东/上海 Revenue 2026-Q1
# (check-in 4: as of 2026-02-02, 22 working days: expected 200000 × 22/59 =
# 74576.27, pace = 40000 × 59 / 4400000 = 0.536364, forecast 40000 × 59/22 =
# 107272.73.)
# An order dated before the check-ins is imported afterwards: the live figure
# moves (goal status as of 2026-01-31: 30000 + 20000 = 50000.00) but the
# check-ins keep what the numbers were when they were written.
$ printf 'id,date,customer,owner,amount\nO3,2026-01-10,C1,张三,20000\n' > more.csv && attain import orders more.csv >/dev/null
$ attain goal status --scope person:张三 --as-of 2026-01-31 --format csv | cut -d, -f7
> actual
> 50000.00
$ attain checkin ls 1 --format csv | cut -d, -f1,6-9
> id,actual,attainment,pace,status
> 1,30000.00,0.3000,0.8429,behind
> 2,30000.00,0.3000,0.6808,behind
# --since and --scope
$ attain checkin ls --since 2026-02-03 --scope person:张三 --format csv | cut -d, -f1-4
> id,goal,at,by
> 2,1,2026-02-06,张三

# --- refusals: a clear error, nothing written ---------------------------------
# a rep of another team cannot check in on 张三's goal
$ attain --as 赵六 checkin add 1 --confidence 5 --as-of 2026-02-06
! may not check in on goal 1 \(person:张三\)
? 10
$ attain --as 张三 checkin add 1 --confidence 11
! confidence 11: a whole number from 0 to 10
? 2
$ attain --as 张三 checkin add 99 --confidence 5
! no goal 99
? 3
$ env -u ATTAIN_AS attain checkin add 1 --confidence 5
! --as
? 2
$ attain --as 张三 checkin add 1 --as-of 2026-02-30
! as-of date 2026-02-30
? 2
$ attain --as 张三 checkin add 1 --confidence 5 --as-of 2999-01-01
! after today
? 2
$ attain checkin ls 99
! no goal 99
? 3
# a note over 1023 bytes; an archived goal (李四's goal 3)
$ attain --as 张三 checkin add 1 --note "$(printf '%01024d' 0)" --as-of 2026-02-06
! note: at most 1023 bytes \(it has 1024\)
? 2
$ attain goal archive 3 --reason 不再跟踪 >/dev/null && attain --as 李四 checkin add 3 --confidence 5 --as-of 2026-02-06
! goal 3 is archived
? 2
# a rep cannot acknowledge a peer's check-in, nor their own
$ attain --as 李四 checkin ack 1
! person:李四 may not acknowledge check-in 1 on goal 1: only someone above its author 张三 may
? 10
$ attain --as 张三 checkin ack 1
? 10
$ attain checkin ls --format csv | wc -l
> 5
$ attain checkin ls --format csv | cut -d, -f10 | sort | uniq -c | sed 's/^ *//'
> 4 
> 1 acked_by

# --- acknowledge ---------------------------------------------------------------
$ attain --as 王经理 checkin ack 1 --comment 先搞定晨光
~ ^check-in 1 acknowledged as of [0-9]{4}-[0-9]{2}-[0-9]{2}$
$ attain checkin ls 1 --format csv | cut -d, -f1,10,18
> id,acked_by,ack_comment
> 1,王经理,先搞定晨光
> 2,,
$ attain --as 王经理 checkin ack 1
! check-in 1 is already acknowledged
? 5
$ attain --as 王经理 checkin ack 77
! no check-in 77
? 3
# 王经理 heads the company (nobody above him): nobody may acknowledge his check-ins.
$ attain --as 王经理 checkin ack 3
! only someone above its author 王经理 may
? 10

# --- who owes a check-in --------------------------------------------------------
# Before the period nothing is owed, after it neither.
$ attain checkin due --as-of 2025-12-31 --format csv
> goal,owes,title,scope,period,cadence,since,last_checkin
$ attain checkin due --as-of 2026-04-01 --format csv
> goal,owes,title,scope,period,cadence,since,last_checkin
# As of Friday 2026-02-06: goal 1 (weekly: since Monday 02-02) has 张三's of
# 02-06; goal 2 (monthly: since 02-01) has two; goal 3 has cadence none.
$ attain checkin due --as-of 2026-02-06 --format csv
> goal,owes,title,scope,period,cadence,since,last_checkin
# As of Monday 2026-02-09 a new week starts: goal 1 owes one (张三, its
# owner); goal 2 still has its February check-ins.
$ attain checkin due --as-of 2026-02-09 --format csv
> goal,owes,title,scope,period,cadence,since,last_checkin
> 1,张三,张三 Revenue 2026-Q1,person:张三,2026-Q1,weekly,2026-02-09,2026-02-06
# As of 2026-03-02 the unit goal owes one too: its head is 王经理 (the reps
# of 华东/上海 lead nobody, so the unit is led from above).
$ attain checkin due --as-of 2026-03-02 --format csv
> goal,owes,title,scope,period,cadence,since,last_checkin
> 1,张三,张三 Revenue 2026-Q1,person:张三,2026-Q1,weekly,2026-03-02,2026-02-06
> 2,王经理,华东/上海 Revenue 2026-Q1,unit:华东/上海,2026-Q1,monthly,2026-03-01,2026-02-06
$ attain checkin due --as-of 2026-03-02 --scope person:张三 --format csv | wc -l
> 2
# biweekly: one check-in in this week or the last is enough
$ attain goal edit 1 --cadence biweekly --reason 双周会 >/dev/null
$ attain checkin due --as-of 2026-02-09 --format csv | wc -l
> 1
$ attain checkin due --as-of 2026-02-16 --format csv | cut -d, -f1,6,7
> goal,cadence,since
> 1,biweekly,2026-02-09
# none: nothing owed; a bad cadence is refused
$ attain goal edit 1 --cadence none --reason 暂停 >/dev/null && attain checkin due --as-of 2026-02-16 --format csv | wc -l
> 1
$ attain goal show 1 | grep -cE "^cadence +none"
> 1

# --- Chinese output -------------------------------------------------------------
$ attain --lang zh checkin ls 1
~ ^编号 +目标 +时间 +提交人 +信心 +实际 +完成率 +进度 +状态 +确认人 +标记 +备注
~ ^ +1 +1 +2026-01-31 +张三 +8 +¥3\.00万 +30\.0% +84\.3% +落后 +王经理 +过于乐观 +按计划推进
$ attain --lang zh --as 张三 checkin add 1 --confidence 5 --as-of 2026-02-13
~ ^已提交进度检查 5：目标 1，截至 2026-02-13
