# attain forecast (issue 9 section 2) on a small hand-made company (CNY).
# Every expected figure is worked out by hand from the fixture below in the
# comment above its assertion; every command has --as-of.
#
# Units 华东, 华东/上海, 华南. People: 王经理 (华东, no manager), his reps 张三
# and 李四 (华东/上海), 赵六 (华南, no manager). Deals (amount, stage, win
# probability, created, expected close, closed):
#   D1 张三 100000 Won         100%  01-05  01-20  01-20
#   D2 张三 200000 Negotiation  75%  01-05  03-15  open
#   D3 张三  50000 Proposal     50%  01-05  03-20  open
#   D4 张三  80000 Qualify      10%  01-05  03-25  open
#   D5 李四 150000 Won         100%  01-02  02-05  02-05
#   D6 李四  60000 Lost          0%  01-02  02-10  02-10
#   D7 李四 120000 Proposal     50%  01-02  03-28  open
#   D8 赵六 300000 谈判审核     60%  01-10  03-31  open
#   D9 张三  40000 Negotiation  75%  01-05  04-15  open (closes after 2026-Q1)
$ attain init >/dev/null
$ printf 'path\n华东\n华东/上海\n华南\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东/上海,王经理\n李四,华东/上海,王经理\n赵六,华南,\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name\nC1,晨光科技\nC2,远航贸易\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,customer,owner,amount,stage,probability,created,expected_close,closed\nD1,C1,张三,100000,Won,100%%,2026-01-05,2026-01-20,2026-01-20\nD2,C1,张三,200000,Negotiation,75%%,2026-01-05,2026-03-15,\nD3,C2,张三,50000,Proposal,50%%,2026-01-05,2026-03-20,\nD4,C2,张三,80000,Qualify,10%%,2026-01-05,2026-03-25,\nD5,C2,李四,150000,Won,100%%,2026-01-02,2026-02-05,2026-02-05\nD6,C1,李四,60000,Lost,0%%,2026-01-02,2026-02-10,2026-02-10\nD7,C1,李四,120000,Proposal,50%%,2026-01-02,2026-03-28,\nD8,C2,赵六,300000,谈判审核,60%%,2026-01-10,2026-03-31,\nD9,C1,张三,40000,Negotiation,75%%,2026-01-05,2026-04-15,\n' > deals.csv && attain import deals deals.csv >/dev/null

# --- categories ---------------------------------------------------------------
# Won holds only won deals (closed) and Lost only lost ones (omitted);
# Negotiation and 谈判审核 are commit by their names (negotiat, 谈判) whatever
# their probability (谈判审核 60%); Proposal by its mean probability 50% >= 40%
# is best_case; Qualify 10% < 40% is pipeline.
$ attain forecast categories --format csv
> stage,deals,probability,category,rule
> Lost,1,0.0000,omitted,status
> Negotiation,2,0.7500,commit,name
> Proposal,2,0.5000,best_case,probability
> Qualify,1,0.1000,pipeline,probability
> Won,2,1.0000,closed,status
> 谈判审核,1,0.6000,commit,name
# Bad input: nothing is written (one bad --set refuses the good one too).
$ attain forecast categories --set Qualify=omitted --set Bogus=commit
? 2
! --set Bogus=commit: no deal has stage "Bogus"
$ attain forecast categories --set Qualify=maybe
? 2
! category maybe: choose pipeline, best_case, commit, closed or omitted
$ attain forecast categories --set Qualify
? 2
! --set Qualify: write STAGE=CATEGORY
$ attain forecast categories --format csv | grep Qualify
> Qualify,1,0.1000,pipeline,probability
$ attain forecast categories --set Qualify=best_case --format csv | grep Qualify
> Qualify,1,0.1000,best_case,set
$ attain forecast categories --set Qualify=pipeline --format csv | grep Qualify
> Qualify,1,0.1000,pipeline,set

# --- submit -------------------------------------------------------------------
# 张三 on 2026-02-10: closed_won = D1 100000; open deals closing in Q1: commit
# D2 200000, best case D3 50000, pipeline D4 80000 (D9 closes in Q2). Default
# commit = 100000 + 200000 = 300000; best case = 300000 + 50000 = 350000.
# Without --yes (no terminal) nothing is saved.
$ attain forecast submit --period 2026-Q1 --as person:张三 --as-of 2026-02-10 --format csv
> field,value,deals,source
> closed_won,100000.00,,
> commit_deals,200000.00,1,
> best_case_deals,50000.00,1,
> pipeline_deals,80000.00,1,
> default_commit,300000.00,,
> default_best_case,350000.00,,
> commit,300000.00,,default
> best_case,350000.00,,default
> not saved: add --yes to save
$ attain forecast show --period 2026-Q1 --scope person:张三 --as-of 2026-02-10 --format csv | cut -d, -f1,4,9
> scope,commit,callers
> person:张三,,0
$ attain forecast submit --period 2026-Q1 --as person:张三 --as-of 2026-02-10 --note "D2 签约在即" --yes
~ ^forecast call 1 saved$
# 李四 on 2026-02-11 gives both values (money as goal targets read it).
$ attain forecast submit --period 2026-Q1 --as 李四 --as-of 2026-02-11 --commit 20万 --best-case 250,000.50 --yes
~ ^forecast call 2 saved$
# Bad input: no actor, best case below commit, a bad amount, a period over.
$ attain forecast submit --period 2026-Q1 --as-of 2026-02-11 --yes
? 2
! who is acting\? give --as person:NAME
$ attain forecast submit --period 2026-Q1 --as 李四 --as-of 2026-02-11 --commit 20万 --best-case 10万 --yes
? 2
! best case 100000.00 is below commit 200000.00
$ attain forecast submit --period 2026-Q1 --as 李四 --as-of 2026-02-11 --commit lots --yes
? 2
! --commit lots
$ attain forecast submit --period 2026-Q1 --as 李四 --as-of 2026-04-02 --yes
? 2
! period 2026-Q1 ended on 2026-03-31, before 2026-04-02
$ attain forecast submit --period 2026-Q1 --as 王五 --as-of 2026-02-11 --yes
? 3
! --as 王五

# --- adjust -------------------------------------------------------------------
# Only someone above 张三 adjusts his call: not his peer 李四, not 赵六 of
# another unit; a note is required.
$ attain forecast adjust 张三 --period 2026-Q1 --commit 25万 --as 李四 --note 太乐观 --as-of 2026-02-12
? 10
! 李四 may not adjust the forecast call of 张三
$ attain forecast adjust 张三 --period 2026-Q1 --commit 25万 --as 赵六 --note 太乐观 --as-of 2026-02-12
? 10
! 赵六 may not adjust the forecast call of 张三
$ attain forecast adjust 张三 --period 2026-Q1 --commit 25万 --as 王经理 --as-of 2026-02-12
? 2
! give --note
$ attain forecast adjust 张三 --period 2026-Q1 --commit 25万 --as 王经理 --note "D2 可能推迟" --as-of 2026-02-12
> forecast call of person:张三 adjusted (call 3)

# --- show, as it stood --------------------------------------------------------
# Quotas: 张三 revenue 40万 (his only goal for Q1); 华东: a won_value (bookings)
# goal 80万 wins over the revenue goal 90万.
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q1 --target 40万 >/dev/null
$ attain goal add --metric revenue --scope unit:华东 --period 2026-Q1 --target 90万 >/dev/null
$ attain goal add --metric won_value --scope unit:华东 --period 2026-Q1 --target 80万 >/dev/null
# Weighted pipeline (open deals closing in Q1 x probability): 张三 D2 150000 +
# D3 25000 + D4 8000 = 183000; 李四 D7 60000; 赵六 D8 180000; 华东 243000;
# company 423000. closed_won: 张三 100000, 李四 150000 (D5, 02-05).
# On 02-10 only 张三's call stands: gap 400000 - 300000 = 100000; 华东
# 800000 - 300000 = 500000. 李四 has no call and no quota. 王经理 has nothing.
$ attain forecast show --period 2026-Q1 --as-of 2026-02-10 --format csv
> scope,quota,closed_won,commit,best_case,adjusted_commit,weighted_pipeline,gap,callers
> person:张三,400000.00,100000.00,300000.00,350000.00,300000.00,183000.00,100000.00,1
> person:李四,,150000.00,,,,60000.00,,0
> person:赵六,,0.00,,,,180000.00,,0
> unit:华东,800000.00,250000.00,300000.00,350000.00,300000.00,243000.00,500000.00,1
> unit:华南,,0.00,,,,180000.00,,0
> company,,250000.00,300000.00,350000.00,300000.00,423000.00,,1
# On 02-11 李四's call joins: 华东 commit 300000 + 200000 = 500000, best case
# 350000 + 250000.50 = 600000.50, gap 800000 - 500000 = 300000.
$ attain forecast show --period 2026-Q1 --as-of 2026-02-11 --format csv
> scope,quota,closed_won,commit,best_case,adjusted_commit,weighted_pipeline,gap,callers
> person:张三,400000.00,100000.00,300000.00,350000.00,300000.00,183000.00,100000.00,1
> person:李四,,150000.00,200000.00,250000.50,200000.00,60000.00,,1
> person:赵六,,0.00,,,,180000.00,,0
> unit:华东,800000.00,250000.00,500000.00,600000.50,500000.00,243000.00,300000.00,2
> unit:华南,,0.00,,,,180000.00,,0
> company,,250000.00,500000.00,600000.50,500000.00,423000.00,,2
# On 02-12 (after the adjustment) 张三's adjusted commit is 250000: gap
# 400000 - 250000 = 150000; 华东 adjusted 250000 + 200000 = 450000, gap 350000.
# A team scope rolls up by its teams (王经理's).
$ attain forecast show --period 2026-Q1 --as-of 2026-02-12 --scope team:王经理 --format csv
> scope,quota,closed_won,commit,best_case,adjusted_commit,weighted_pipeline,gap,callers
> person:张三,400000.00,100000.00,300000.00,350000.00,250000.00,183000.00,150000.00,1
> person:李四,,150000.00,200000.00,250000.50,200000.00,60000.00,,1
> team:王经理,,250000.00,500000.00,600000.50,450000.00,243000.00,,2
$ attain forecast show --period 2026-Q1 --as-of 2026-02-12 --format csv | grep unit:华东
> unit:华东,800000.00,250000.00,500000.00,600000.50,450000.00,243000.00,350000.00,2
$ attain forecast show --period 2026-Q1 --as-of 2026-02-12 --scope person:王五
? 3
! 王五
# 张三 calls again on 03-02 (commit 32万): a new submission supersedes the
# older adjustment; best case defaults to the commit + best-case deals (D3
# 50000) = 370000.
$ attain forecast submit --period 2026-Q1 --as 张三 --as-of 2026-03-02 --commit 32万 --yes >/dev/null
$ attain forecast show --period 2026-Q1 --as-of 2026-03-02 --scope person:张三 --format csv | cut -d, -f1,4,5,6
> scope,commit,best_case,adjusted_commit
> person:张三,320000.00,370000.00,320000.00
# ... and the call as it stood on 02-12 is unchanged.
$ attain forecast show --period 2026-Q1 --as-of 2026-02-12 --scope person:张三 --format csv | cut -d, -f1,4,5,6
> scope,commit,best_case,adjusted_commit
> person:张三,300000.00,350000.00,250000.00

# --- accuracy -----------------------------------------------------------------
# D2 is won on 03-20 and D7 on 03-25: final actuals 张三 100000 + 200000 =
# 300000, 李四 150000 + 120000 = 270000.
$ sed -i 's/^D2,.*/D2,C1,张三,200000,Won,100%,2026-01-05,2026-03-15,2026-03-20/; s/^D7,.*/D7,C1,李四,120000,Won,100%,2026-01-02,2026-03-28,2026-03-25/' deals.csv && attain import deals deals.csv >/dev/null
$ attain forecast accuracy --period 2026-Q1 --as-of 2026-03-31
? 2
! period 2026-Q1 has not ended: it ends 2026-03-31
$ attain forecast accuracy --period 2026-Q1 --as-of 2026-04-01 --by region
? 2
! --by region: choose person, team or unit
# 张三: W07 (the adjustment of 02-12 stands at the week's end) to W09:
# 250000 against 300000, error 50000/300000 = 0.1667, bias -0.1667; W10 (the
# call of 03-02) to W14 (03-30..03-31, clipped): 320000, error 20000/300000 =
# 0.0667, bias +0.0667. Mean error (3/6 + 5/15)/8 = 0.10417 -> 0.1042, mean
# bias (-3/6 + 5/15)/8 = -0.02083 -> -0.0208.
# 李四: every week 200000 against 270000: 70000/270000 = 0.2593.
$ attain forecast accuracy --period 2026-Q1 --as-of 2026-04-01 --format csv
> scope,week,commit,actual,error,bias
> person:张三,2026-W07,250000.00,300000.00,0.1667,-0.1667
> person:张三,2026-W08,250000.00,300000.00,0.1667,-0.1667
> person:张三,2026-W09,250000.00,300000.00,0.1667,-0.1667
> person:张三,2026-W10,320000.00,300000.00,0.0667,0.0667
> person:张三,2026-W11,320000.00,300000.00,0.0667,0.0667
> person:张三,2026-W12,320000.00,300000.00,0.0667,0.0667
> person:张三,2026-W13,320000.00,300000.00,0.0667,0.0667
> person:张三,2026-W14,320000.00,300000.00,0.0667,0.0667
> person:张三,mean,,300000.00,0.1042,-0.0208
> person:李四,2026-W07,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W08,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W09,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W10,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W11,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W12,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W13,200000.00,270000.00,0.2593,-0.2593
> person:李四,2026-W14,200000.00,270000.00,0.2593,-0.2593
> person:李四,mean,,270000.00,0.2593,-0.2593
# The team (and unit 华东): W07-W09 250000 + 200000 = 450000 against 300000 +
# 270000 = 570000: 120000/570000 = 0.2105; W10-W14 520000: 50000/570000 =
# 0.0877. Mean (3 x 120000 + 5 x 50000) / (8 x 570000) = 0.13377 -> 0.1338.
$ attain forecast accuracy --period 2026-Q1 --as-of 2026-04-01 --by team --format csv | sed -n '1p;2p;5p;10p'
> scope,week,commit,actual,error,bias
> team:王经理,2026-W07,450000.00,570000.00,0.2105,-0.2105
> team:王经理,2026-W10,520000.00,570000.00,0.0877,-0.0877
> team:王经理,mean,,570000.00,0.1338,-0.1338
$ attain forecast accuracy --period 2026-Q1 --as-of 2026-04-01 --by unit --format csv | sed -n '1p;10p'
> scope,week,commit,actual,error,bias
> unit:华东,mean,,570000.00,0.1338,-0.1338

# --- zh -------------------------------------------------------------------------
# As of 02-12 after the import: D2 and D7 were won later at 100%, which was
# not known on 02-12 (the engine weighs them 0), so 张三's weighted pipeline
# is D3 25000 + D4 8000 = 33000 and 李四's 0.
$ attain --lang zh forecast show --period 2026-Q1 --as-of 2026-02-12 --scope team:王经理
> 范围        业绩指标    已赢单      承诺  最佳情况  调整后承诺  加权商机金额      差距  已提交人数
> ----------  --------  --------  --------  --------  ----------  ------------  --------  ----------
> 张三        ¥40.00万  ¥10.00万  ¥30.00万  ¥35.00万    ¥25.00万       ¥3.30万  ¥15.00万           1
> 李四               —  ¥15.00万  ¥20.00万  ¥25.00万    ¥20.00万         ¥0.00         —           1
> 王经理团队         —  ¥25.00万  ¥50.00万  ¥60.00万    ¥45.00万       ¥3.30万         —           2

# --- a category set by hand moves the defaults ------------------------------------
# As of 02-10 张三's open deals closing in Q1 are D2 (today in stage Won: a
# stage of won deals only is closed, and an open deal there counts as commit),
# D3 Proposal and D4 Qualify. With Proposal set to commit: commit deals D2
# 200000 + D3 50000 = 250000, no best-case deals.
$ attain forecast categories --set Proposal=commit >/dev/null
$ attain forecast submit --period 2026-Q1 --as 张三 --as-of 2026-02-10 --format csv | sed -n '3,5p'
> commit_deals,250000.00,2,
> best_case_deals,0.00,0,
> pipeline_deals,80000.00,1,
