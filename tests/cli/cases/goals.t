# attain goal / attain objective on a small hand-made company (CNY, the
# built-in Chinese holiday calendar). Every expected value is worked out by
# hand from the fixture and product.md in the comment above its assertion;
# every date-dependent command has --as-of.
#
# Units 华东/上海 and 华南. People: 王经理 (华东, no manager) and his two reps
# 张三 and 李四 (华东/上海). Customers C1 晨光科技, C2 远航贸易. Orders:
#   O1 2025-01-15 C1 张三    100000.00
#   O2 2025-02-20 C2 李四     80000.55
#   O3 2025-03-10 C1 张三     50000.29
#   O4 2025-11-05 C2 李四    120000.07
#   O5 2026-01-05 C1 张三    100000.00
#   O6 2026-02-10 C2 李四     75000.00
#   O7 2026-03-03 C1 张三     40000.00
#   O8 2026-03-12 C2 王经理   50000.00   (after the as-of date 2026-03-10)
$ attain init >/dev/null
$ printf 'path\n华东/上海\n华南\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东/上海,王经理\n李四,华东/上海,王经理\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name\nC1,晨光科技\nC2,远航贸易\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2025-01-15,C1,张三,100000\nO2,2025-02-20,C2,李四,80000.55\nO3,2025-03-10,C1,张三,50000.29\nO4,2025-11-05,C2,李四,120000.07\nO5,2026-01-05,C1,张三,100000\nO6,2026-02-10,C2,李四,75000\nO7,2026-03-03,C1,张三,40000\nO8,2026-03-12,C2,王经理,50000\n' > orders.csv && attain import orders orders.csv >/dev/null

# --- objectives and goals from fields ---------------------------------------
$ attain objective add "拓展新市场" >/dev/null && attain objective ls --format csv
~ ^1,拓展新市场
# 150万 = 1,500,000.00; objective 1, a weekly check-in cadence.
$ attain goal add --metric revenue --scope unit:华东 --period 2026-Q1 --target 150万 --title 华东一季度销售额 --objective 1 --cadence weekly >/dev/null
$ attain goal ls --format csv
> id,parent,scope,period,metric,target,title,objective,filter,archived
> 1,,unit:华东,2026-Q1,revenue,1500000.00,华东一季度销售额,1,,no
# Growth over the same period last year: baseline = 张三's 2025-Q1 revenue
# = O1 100000.00 + O3 50000.29 = 150000.29; target = 150000.29 x 1.2
# = 180000.348 -> 180000.35 (whole cents).
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q1 --growth 20% --base last-year --title 张三增长 --format csv
~ ^baseline,150000\.29$
~ ^target,180000\.35$
# Growth -10% over the previous period (the default base): 李四's 2025-Q4
# revenue = O4 120000.07; target = 120000.07 x 0.9 = 108000.063 -> 108000.06.
$ attain goal add --metric revenue --scope person:李四 --period 2026-Q1 --growth -10% --title 李四回落 --format csv
~ ^baseline,120000\.07$
~ ^target,108000\.06$
$ attain goal ls --format csv
> id,parent,scope,period,metric,target,title,objective,filter,archived
> 1,,unit:华东,2026-Q1,revenue,1500000.00,华东一季度销售额,1,,no
> 2,,person:张三,2026-Q1,revenue,180000.35,张三增长,,,no
> 3,,person:李四,2026-Q1,revenue,108000.06,李四回落,,,no

# --- errors: nothing is saved -----------------------------------------------
$ attain goal add --metric revenue --scope company --period 2026-Q2 --target 1 --growth 5%
? 2
! target.*growth
$ attain goal add --metric profit --scope company --period 2026-Q2 --target 1
? 2
! profit
$ attain goal add --metric revenue --scope person:王五 --period 2026-Q2 --target 1
? 3
! 王五
$ attain goal add --metric revenue --scope company --period 2026-Q5 --target 1
? 2
! 2026-Q5
$ attain goal add --metric revenue --scope company --period 2026-Q2 --target -5
? 2
! negative
$ attain goal add --metric revenue --scope company --period 2026-Q2 --target 1 --parent 99
? 3
! 99
# header + goals 1..3
$ attain goal ls --format csv | wc -l
> 4

# --- SMART check ------------------------------------------------------------
# "提高销售额": vague (no scope/owner), no number, no period.
$ attain goal check "提高销售额" --format json | tr -d ' \n' | grep -o '"[SMT]":{"ok":[a-z]*'
> "S":{"ok":false
> "M":{"ok":false
> "T":{"ok":false
# Goal 1 serves objective 1 (R) and has a bounded period with a cadence (T).
$ attain goal check 1 --format json | tr -d ' \n' | grep -o '"[RT]":{"ok":[a-z]*'
> "R":{"ok":true
> "T":{"ok":true
# A: 华东 2025-Q1 = 100000.00 + 80000.55 + 50000.29 = 230000.84;
# 1500000 / 230000.84 - 1 = 5.52171 -> +552.2% year over year.
$ attain goal check 1 --format json
~ \+552\.2%

# --- a goal written as a sentence -------------------------------------------
# Without --yes and with no terminal: shown, not saved.
$ attain goal add "华东区本月拜访客户200次" --as-of 2026-03-10 </dev/null
~ not saved
$ attain goal ls --format csv | wc -l
> 4
# 本月 as of 2026-03-10 = 2026-03; 华东区 = unit 华东; 拜访客户 = visits; 200次.
$ attain goal add "华东区本月拜访客户200次" --as-of 2026-03-10 --yes </dev/null >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -1
> 4,,unit:华东,2026-03,visits,200
$ attain goal edit 4 --title 华东三月拜访 --reason 定名 >/dev/null

# --- pace and status mid-period (as of 2026-03-10) -------------------------
# Working days (Chinese calendar, 调休 counted):
#   2026-01: 22 weekdays - 01-01, 01-02 (元旦) + 01-04 (Sun, 调休) = 21
#   2026-02: 20 weekdays - 02-16..02-20, 02-23 (春节) + 02-14, 02-28 (Sat, 调休) = 16
#   2026-03: 22 (no holiday); 03-01..03-10 holds 03-02..03-06, 03-09, 03-10 = 7
#   2026-Q1 = 21 + 16 + 22 = 59; elapsed to 03-10 = 21 + 16 + 7 = 44.
# Actuals through 03-10: 张三 O5 100000 + O7 40000 = 140000.00; 李四 O6 75000.00.
# 张三 (target 180000.35): attainment 140000 / 180000.35 = 0.77777 -> 0.7778;
#   expected 180000.35 x 44/59 = 134237.549 -> 134237.55;
#   pace 140000 / 134237.549 = 1.04293 -> 1.0429 (>= 1: on_track);
#   forecast 140000 + 140000/44 x 15 = 140000 x 59/44 = 187727.27.
# 李四 (target 108000.06): attainment 75000 / 108000.06 = 0.69444 -> 0.6944;
#   expected 108000.06 x 44/59 = 80542.418 -> 80542.42;
#   pace 75000 / 80542.418 = 0.93119 -> 0.9312 (>= 0.9: at_risk);
#   forecast 75000 x 59/44 = 100568.18.
$ attain goal status --as-of 2026-03-10 --scope unit:华东/上海 --format csv | cut -d, -f1-12
> id,title,scope,period,metric,target,actual,attainment,expected,pace,forecast,status
> 2,张三增长,person:张三,2026-Q1,revenue,180000.35,140000.00,0.7778,134237.55,1.0429,187727.27,on_track
> 3,李四回落,person:李四,2026-Q1,revenue,108000.06,75000.00,0.6944,80542.42,0.9312,100568.18,at_risk
# Goal 1: actuals run through the as-of day, so O8 (03-12) is not in:
# 华东 = 140000 + 75000 = 215000.00; attainment 215000/1500000 = 0.14333 -> 0.1433;
# expected 1500000 x 44/59 = 1118644.068 -> 1118644.07; pace 215000 x 59 /
# (1500000 x 44) = 0.19220 -> 0.1922 (behind); forecast 215000 x 59/44 = 288295.45.
$ attain goal status --as-of 2026-03-10 --scope unit:华东 --period 2026-Q1 --format csv | cut -d, -f1-12 | grep '^1,'
> 1,华东一季度销售额,unit:华东,2026-Q1,revenue,1500000.00,215000.00,0.1433,1118644.07,0.1922,288295.45,behind
# Goal 4 (visits, 2026-03, 200): no visits; expected 200 x 7/22 = 63.63636 -> 63.6364.
$ attain goal status --as-of 2026-03-10 --scope unit:华东 --period 2026-Q1 --format csv | cut -d, -f1-12 | grep '^4,'
> 4,华东三月拜访,unit:华东,2026-03,visits,200,0,0.0000,63.6364,0.0000,0,behind
# --basis days: 2026-Q1 = 90 days, elapsed 01-01..03-10 = 31 + 28 + 10 = 69.
# 张三: expected 180000.35 x 69/90 = 138000.268 -> 138000.27; pace 140000 /
#   138000.268 = 1.01449 -> 1.0145; forecast 140000 x 90/69 = 182608.70.
# 李四: expected 108000.06 x 69/90 = 82800.046 -> 82800.05; pace 75000 /
#   82800.046 = 0.90580 -> 0.9058 (at_risk); forecast 75000 x 90/69 = 97826.09.
$ attain goal status --as-of 2026-03-10 --basis days --scope unit:华东/上海 --format csv | cut -d, -f1-12
> id,title,scope,period,metric,target,actual,attainment,expected,pace,forecast,status
> 2,张三增长,person:张三,2026-Q1,revenue,180000.35,140000.00,0.7778,138000.27,1.0145,182608.70,on_track
> 3,李四回落,person:李四,2026-Q1,revenue,108000.06,75000.00,0.6944,82800.05,0.9058,97826.09,at_risk

# --- after the end: met / missed; before the start: not_started -----------
$ attain goal add --metric revenue --scope person:张三 --period 2025-Q1 --target 150000 --title 张三去年一季度 >/dev/null
$ attain goal add --metric revenue --scope person:李四 --period 2025-Q1 --target 100000 --title 李四去年一季度 >/dev/null
# The whole period has elapsed: expected = target, forecast = actual.
# 张三 2025-Q1 = 150000.29 >= 150000: 150000.29/150000 = 1.0000019 -> 1.0000, met.
# 李四 2025-Q1 = O2 80000.55 < 100000: 0.8000055 -> 0.8000, missed.
$ attain goal status --as-of 2026-03-10 --period 2025-Q1 --format csv | cut -d, -f1-12
> id,title,scope,period,metric,target,actual,attainment,expected,pace,forecast,status
> 5,张三去年一季度,person:张三,2025-Q1,revenue,150000.00,150000.29,1.0000,150000.00,1.0000,150000.29,met
> 6,李四去年一季度,person:李四,2025-Q1,revenue,100000.00,80000.55,0.8000,100000.00,0.8000,80000.55,missed
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q2 --target 200000 --title 张三二季度 >/dev/null
# 2026-Q2 starts after 2026-03-10: nothing elapsed, expected 0.00.
$ attain goal status --as-of 2026-03-10 --period 2026-Q2 --format csv | cut -d, -f1,3-9,12
> id,scope,period,metric,target,actual,attainment,expected,status
> 7,person:张三,2026-Q2,revenue,200000.00,0.00,0.0000,0.00,not_started

# --- edit with a reason, history, archive ----------------------------------
$ attain goal edit 1 --target 120万 --reason 市场变化 >/dev/null
$ attain goal show 1
~ ^target +1200000\.00$
~ target +1500000\.00 +1200000\.00 +市场变化
$ attain goal ls --format csv | grep '^1,'
> 1,,unit:华东,2026-Q1,revenue,1200000.00,华东一季度销售额,1,,no
$ attain goal archive 7 --reason 计划取消 >/dev/null
$ attain goal ls --format csv | cut -d, -f1
> id
> 1
> 2
> 3
> 4
> 5
> 6
$ attain goal ls --archived --format csv | grep '^7,'
> 7,,person:张三,2026-Q2,revenue,200000.00,张三二季度,,,yes
