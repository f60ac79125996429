# attain scorecard (issue 9 section 6) on a small hand-made company (CNY).
# Every expected figure is worked out by hand in the comment above it.
#
# People: 王经理 (华东, no manager) with reps 张三 and 李四; 赵六 (华南).
# Deals of 2026-Q1 (all closed): 张三 won D1 100000 (01-20) and D2 200000
# (03-20); 李四 won D5 150000 (02-05) and D7 120000 (03-25), lost D6 60000
# (02-10). So won_value: 张三 300000, 李四 270000; deals_won 张三 2; deals_lost
# 张三 0, 李四 1.
$ attain init >/dev/null
$ printf 'path\n华东\n华南\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东,王经理\n李四,华东,王经理\n赵六,华南,\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,owner,amount,stage,probability,created,expected_close,closed\nD1,张三,100000,Won,100%%,2026-01-05,2026-01-20,2026-01-20\nD2,张三,200000,Won,100%%,2026-01-05,2026-03-15,2026-03-20\nD5,李四,150000,Won,100%%,2026-01-02,2026-02-05,2026-02-05\nD6,李四,60000,Lost,0%%,2026-01-02,2026-02-10,2026-02-10\nD7,李四,120000,Won,100%%,2026-01-02,2026-03-28,2026-03-25\n' > deals.csv && attain import deals deals.csv >/dev/null
$ attain goal add --metric won_value --scope person:张三 --period 2026-Q1 --target 25万 >/dev/null
$ attain goal add --metric deals_won --scope person:张三 --period 2026-Q1 --target 4 >/dev/null
$ attain goal add --metric deals_lost --scope person:张三 --period 2026-Q1 --target 2 --direction lower >/dev/null
$ attain goal add --metric won_value --scope person:李四 --period 2026-Q1 --target 30万 >/dev/null
$ attain goal add --metric deals_lost --scope person:李四 --period 2026-Q1 --target 2 --direction lower >/dev/null
$ attain goal add --metric won_value --scope person:赵六 --period 2026-Q1 --target 10万 >/dev/null
$ attain goal archive 6 --reason 离职 >/dev/null

# --- bad input: a clear error, nothing written ------------------------------------
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:50% --goal 2:30% --goal 3:15%
? 2
! the weights sum to 95%; they must sum to exactly 100%
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:50% --goal 2:30% --goal 3:20.5%
? 2
! the weights sum to 100.5%
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:50% --goal 99:50%
? 3
! --goal 99:50%: no goal 99
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:50% --goal 1:50%
? 2
! goal 1 is given twice
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:forty
? 2
! --goal 1:forty: write ID:WEIGHT
$ attain scorecard add --scope person:赵六 --period 2026-Q1 --goal 6:100%
? 2
! goal 6 is archived
$ attain scorecard add --scope person:王五 --period 2026-Q1 --goal 1:100%
? 3
! 王五
$ attain scorecard add --period 2026-Q1 --goal 1:100%
? 2
! give --scope
$ attain scorecard show --format csv
> scorecard,scope,period,kind,goal,title,metric,direction,weight,target,actual,attainment,counted,contribution,reports

# --- add ------------------------------------------------------------------------
$ attain scorecard add --scope person:张三 --period 2026-Q1 --goal 1:50% --goal 2:30% --goal 3:20%
> scorecard 1 added
$ attain scorecard add --scope person:李四 --period 2026-Q1 --goal 4:60 --goal 5:40%
> scorecard 2 added
$ attain scorecard add --scope person:李四 --period 2026-Q1 --goal 4:100%
? 5
! person:李四: that scope already has scorecard 2 for 2026-Q1

# --- show, capped at 100% (the default) ---------------------------------------------
# 张三: won_value 300000/250000 = 1.2 -> 1.0 x 50% = 0.5; deals_won 2/4 = 0.5 x
# 30% = 0.15; deals_lost (lower) actual 0: no ratio, counts as the cap 1.0 x
# 20% = 0.2. Score 0.85.
# 李四: won_value 270000/300000 = 0.9 x 60% = 0.54; deals_lost inverted
# target/actual = 2/1 = 2.0 -> 1.0 x 40% = 0.4. Score 0.94.
# 王经理 has no scorecard: his reports' scores weighted by their money
# targets (250000 and 300000): (0.85 x 250000 + 0.94 x 300000) / 550000 =
# 494500 / 550000 = 0.89909 -> 0.8991.
$ attain scorecard show --as-of 2026-04-01 --format csv
> scorecard,scope,period,kind,goal,title,metric,direction,weight,target,actual,attainment,counted,contribution,reports
> 1,person:张三,2026-Q1,goal,1,张三 Won value 2026-Q1,won_value,higher,0.5000,250000.00,300000.00,1.2000,1.0000,0.5000,
> 1,person:张三,2026-Q1,goal,2,张三 Deals won 2026-Q1,deals_won,higher,0.3000,4,2,0.5000,0.5000,0.1500,
> 1,person:张三,2026-Q1,goal,3,张三 Deals lost 2026-Q1,deals_lost,lower,0.2000,2,0,,1.0000,0.2000,
> 1,person:张三,2026-Q1,score,,,,,1.0000,,,,,0.8500,
> 2,person:李四,2026-Q1,goal,4,李四 Won value 2026-Q1,won_value,higher,0.6000,300000.00,270000.00,0.9000,0.9000,0.5400,
> 2,person:李四,2026-Q1,goal,5,李四 Deals lost 2026-Q1,deals_lost,lower,0.4000,2,1,2.0000,1.0000,0.4000,
> 2,person:李四,2026-Q1,score,,,,,1.0000,,,,,0.9400,
> ,team:王经理,2026-Q1,rollup,,,,,,,,,,0.8991,2
# --cap 120%: 张三 1.2 x 50% + 0.15 + 1.2 x 20% = 0.6 + 0.15 + 0.24 = 0.99;
# 李四 0.54 + 1.2 x 40% = 1.02; 王经理 (0.99 x 250000 + 1.02 x 300000) /
# 550000 = 553500 / 550000 = 1.00636 -> 1.0064.
$ attain scorecard show --as-of 2026-04-01 --cap 120% --format csv | grep -E ',(score|rollup),'
> 1,person:张三,2026-Q1,score,,,,,1.0000,,,,,0.9900,
> 2,person:李四,2026-Q1,score,,,,,1.0000,,,,,1.0200,
> ,team:王经理,2026-Q1,rollup,,,,,,,,,,1.0064,2
# --cap none: 张三 0.6 + 0.15 + 1.0 x 20% (actual 0, no cap: 100%) = 0.95;
# 李四 0.54 + 2.0 x 40% = 1.34; 王经理 (0.95 x 250000 + 1.34 x 300000) / 550000
# = 639500 / 550000 = 1.16273 -> 1.1627.
$ attain scorecard show --as-of 2026-04-01 --cap none --format csv | grep -E ',(score|rollup),'
> 1,person:张三,2026-Q1,score,,,,,1.0000,,,,,0.9500,
> 2,person:李四,2026-Q1,score,,,,,1.0000,,,,,1.3400,
> ,team:王经理,2026-Q1,rollup,,,,,,,,,,1.1627,2
$ attain scorecard show --cap 150%
? 2
! --cap 150%: choose 100%, 120% or none
# A scope shows its scorecards and the managers inside it; another period none.
$ attain scorecard show --as-of 2026-04-01 --scope person:张三 --format csv | cut -d, -f1,2,4,14
> scorecard,scope,kind,contribution
> 1,person:张三,goal,0.5000
> 1,person:张三,goal,0.1500
> 1,person:张三,goal,0.2000
> 1,person:张三,score,0.8500
$ attain scorecard show --as-of 2026-04-01 --period 2026-Q2 --format csv | wc -l
> 1
# As of 2026-02-10 张三 has won 100000 of 250000 (0.4 x 50% = 0.2), 1 of 4
# deals (0.25 x 30% = 0.075), lost none (0.2): 0.475 -> 0.4750.
$ attain scorecard show --as-of 2026-02-10 --scope person:张三 --format csv | grep ,score,
> 1,person:张三,2026-Q1,score,,,,,1.0000,,,,,0.4750,
# A manager with a scorecard of his own keeps it (no roll-up row).
$ attain goal add --metric won_value --scope team:王经理 --period 2026-Q1 --target 50万 >/dev/null
$ attain scorecard add --scope team:王经理 --period 2026-Q1 --goal 7:100%
> scorecard 3 added
# 570000 / 500000 = 1.14 -> 1.0.
$ attain scorecard show --as-of 2026-04-01 --format csv | grep -E ',(score|rollup),'
> 1,person:张三,2026-Q1,score,,,,,1.0000,,,,,0.8500,
> 2,person:李四,2026-Q1,score,,,,,1.0000,,,,,0.9400,
> 3,team:王经理,2026-Q1,score,,,,,1.0000,,,,,1.0000,
$ attain --lang zh scorecard show --as-of 2026-04-01 --scope person:李四 | sed 's/ *$//'
> 考核表  范围  周期     类别  目标  标题                     指标      方向        权重    目标值      实际  完成率  计分完成率  加权得分  下属数
> ------  ----  -------  ----  ----  -----------------------  --------  --------  ------  --------  --------  ------  ----------  --------  ------
>      2  李四  2026-Q1  目标     4  李四 Won value 2026-Q1   赢单金额  越高越好   60.0%  ¥30.00万  ¥27.00万   90.0%       90.0%     54.0%
>      2  李四  2026-Q1  目标     5  李四 Deals lost 2026-Q1  输单数    越低越好   40.0%         2         1  200.0%      100.0%     40.0%
>      2  李四  2026-Q1  总分                                                     100.0%         —         —       —           —     94.0%
