# attain metric on a small hand-made company (CNY). Every expected value is
# worked out by hand in the comment above its assertion.
#
# Units 华东/上海, 华东/杭州, 华南 and 华南/上海 (a second 上海, so that the
# bare name "上海" is ambiguous). People, with their manager chain:
#   丁一 director  华东         (no manager)
#   万二 manager   华东/上海    -> 丁一
#   严三 rep       华东/上海    -> 万二
#   严四 rep       华东/上海    -> 万二
#   乔五 rep       华东/杭州    -> 万二   (in team:万二 but not in unit:华东/上海)
#   任六 rep       华南         -> 丁一
# The names are imported in their byte order, which is also the hierarchy's
# order, so "every person" lists 丁一 万二 严三 严四 乔五 任六 whichever of
# these orders the engine uses.
# Customers: C1 晨光科技 (大客户, 华东, tags 制造;重点), C2 远航贸易 (中小企业,
# 华东, 零售), C3 南方电子 (大客户, 华南, 重点), C4 新城物流 (中小企业, 华东),
# C5 江南纺织 (中小企业, 华东, 制造).
$ attain init >/dev/null
$ printf 'path\n华东/上海\n华东/杭州\n华南\n华南/上海\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n丁一,华东,\n万二,华东/上海,丁一\n严三,华东/上海,万二\n严四,华东/上海,万二\n乔五,华东/杭州,万二\n任六,华南,丁一\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name,segment,region,tags\nC1,晨光科技,大客户,华东,制造;重点\nC2,远航贸易,中小企业,华东,零售\nC3,南方电子,大客户,华南,重点\nC4,新城物流,中小企业,华东,\nC5,江南纺织,中小企业,华东,制造\n' > customers.csv && attain import customers customers.csv >/dev/null
# Orders (amount per line, product A or B):
#   O001 2020-12-31 C1 严四         A 1000 + B 500 = 1500.00
#   O002 2020-12-31 C1 严三         A 800.00
#   O003 2021-01-01 C2 乔五         B 300.00
#   O004 2021-01-03 C3 unit 华南 (no owner)  A 2000.00
#   O005 2021-01-04 C1 严三:60%;乔五:40%     A 1234.50 (740.70 / 493.80)
#   O006 2021-02-10 C2 严四         A 200 + B 250 = 450.00
#   O007 2021-02-20 C5 万二         A 600.00
#   O008 2021-03-05 C1 严三         B 700.00
#   O009 2021-03-18 C3 任六         A 900.00
#   O010 2021-03-22 C4 丁一         B 99.90
# ISO week 2020-W53 is 2020-12-28..2021-01-03 and holds O001..O004.
# O001 and O002 are C1's first orders, on the same day: O001 is the smaller
# order id, so C1 is a new customer of 严四 (not of 严三, whose person id is
# smaller).
$ printf 'id,date,customer,owner,unit,product,amount\nO001,2020-12-31,C1,严四,,A,1000\nO001,2020-12-31,C1,严四,,B,500\nO002,2020-12-31,C1,严三,,A,800\nO003,2021-01-01,C2,乔五,,B,300\nO004,2021-01-03,C3,,华南,A,2000\nO005,2021-01-04,C1,严三:60%%;乔五:40%%,,A,1234.50\nO006,2021-02-10,C2,严四,,A,200\nO006,2021-02-10,C2,严四,,B,250\nO007,2021-02-20,C5,万二,,A,600\nO008,2021-03-05,C1,严三,,B,700\nO009,2021-03-18,C3,任六,,A,900\nO010,2021-03-22,C4,丁一,,B,99.90\n' > orders.csv && attain import orders orders.csv >/dev/null
$ attain ls orders --format csv | cut -d, -f1,4
> id,owner
> O001,严四
> O002,严三
> O003,乔五
> O004,
> O005,严三:60%;乔五:40%
> O006,严四
> O007,万二
> O008,严三
> O009,任六
> O010,丁一
# Payments: 01-20 严四 1500; 02-05 严三 800; 02-28 unit 华南 1000;
# 03-10 乔五 300; 03-15 严三:60%;乔五:40% 1234.50 (740.70 / 493.80).
$ printf 'date,customer,owner,unit,order,amount\n2021-01-20,C1,严四,,O001,1500\n2021-02-05,C1,严三,,O002,800\n2021-02-28,C3,,华南,O004,1000\n2021-03-10,C2,乔五,,O003,300\n2021-03-15,C1,严三:60%%;乔五:40%%,,O005,1234.50\n' > payments.csv && attain import payments payments.csv >/dev/null
# Deals (amount, stage, probability, created, expected close, closed):
#   D01 严三   A 10000 Won          -    01-05 02-15 02-15
#   D02 乔五   B  5000 Won          -    01-10 03-01 03-01
#   D03 任六   A  8000 Lost         -    01-12 03-10 03-10
#   D04 严三   B  3000 Lost         -    02-01 02-20 02-20
#   D05 严四:60%;乔五:40% A 20000 Won 70% 01-20 03-25 03-25
#   D06 万二   B  6000 Won         90%   03-16 03-31 03-31
#   D07 严四   A  4000 Negotiation 50%   02-10 03-31 open
#   D08 乔五   B  2500 Proposal    20%   03-01 04-15 open
#   D09 严三   A  7000 Won         80%   02-20 03-20 03-20  (won after 03-15)
#   D10 任六   B  1500 Negotiation  -    01-15 03-30 open   (no probability)
#   D11 乔五   A  9000 Proposal    30%   03-20 03-31 open   (created after 03-15)
#   D12 严三:60%;乔五:40% B 5000 Negotiation 50% 02-01 03-25 open
#   D13 严四   B  2000 Lost        35%   01-05 03-28 03-28  (lost after 03-15)
#   D14 丁一   A  1000 Negotiation 15%   (no created date) 03-31 open
#   D15 严三   A  3333 Won         60%   03-01 04-10 04-10  (closes in Q2)
# (all dates in 2021)
$ printf 'id,customer,owner,product,amount,stage,probability,created,expected_close,closed\nD01,C1,严三,A,10000,Won,,2021-01-05,2021-02-15,2021-02-15\nD02,C2,乔五,B,5000,Won,,2021-01-10,2021-03-01,2021-03-01\nD03,C3,任六,A,8000,Lost,,2021-01-12,2021-03-10,2021-03-10\nD04,C1,严三,B,3000,Lost,,2021-02-01,2021-02-20,2021-02-20\nD05,C5,严四:60%%;乔五:40%%,A,20000,Won,70%%,2021-01-20,2021-03-25,2021-03-25\nD06,C2,万二,B,6000,Won,90%%,2021-03-16,2021-03-31,2021-03-31\nD07,C4,严四,A,4000,Negotiation,50%%,2021-02-10,2021-03-31,\nD08,C5,乔五,B,2500,Proposal,20%%,2021-03-01,2021-04-15,\nD09,C1,严三,A,7000,Won,80%%,2021-02-20,2021-03-20,2021-03-20\nD10,C3,任六,B,1500,Negotiation,,2021-01-15,2021-03-30,\nD11,C2,乔五,A,9000,Proposal,30%%,2021-03-20,2021-03-31,\nD12,C1,严三:60%%;乔五:40%%,B,5000,Negotiation,50%%,2021-02-01,2021-03-25,\nD13,C4,严四,B,2000,Lost,35%%,2021-01-05,2021-03-28,2021-03-28\nD14,C5,丁一,A,1000,Negotiation,15%%,,2021-03-31,\nD15,C1,严三,A,3333,Won,60%%,2021-03-01,2021-04-10,2021-04-10\n' > deals.csv && attain import deals deals.csv >/dev/null
# Activities: visits 严三 01-05, 01-06 (C1), 乔五 01-08 (C2), 任六 03-01 (C3),
# 严三 04-06 (C1, outside Q1); calls 严三 01-07 (C1), 严四 02-03 (C4),
# 任六 02-04 (C3); meetings 万二 02-02 (C5), 严三 03-02 (C1); one email.
$ printf 'type,date,owner,customer\nvisit,2021-01-05,严三,C1\nvisit,2021-01-06,严三,C1\ncall,2021-01-07,严三,C1\nvisit,2021-01-08,乔五,C2\nmeeting,2021-02-02,万二,C5\ncall,2021-02-03,严四,C4\ncall,2021-02-04,任六,C3\nemail,2021-02-05,严三,C1\nvisit,2021-03-01,任六,C3\nmeeting,2021-03-02,严三,C1\nvisit,2021-04-06,严三,C1\n' > activities.csv && attain import activities activities.csv >/dev/null
# Surveys, scale 5: 01-10 严三 4, 01-20 乔五 5, 02-15 unit 华南 3, 03-10 严三 5,
# 03-12 万二 4, 03-25 丁一 4. Scale 10: 01-15 严三 10, 02-10 乔五 9,
# 02-12 万二 8, 03-01 任六 6, 03-05 丁一 3, 03-20 严三 9.
$ printf 'date,customer,owner,unit,score,scale\n2021-01-10,C1,严三,,4,5\n2021-01-15,C1,严三,,10,10\n2021-01-20,C2,乔五,,5,5\n2021-02-10,C2,乔五,,9,10\n2021-02-12,C5,万二,,8,10\n2021-02-15,C3,,华南,3,5\n2021-03-01,C3,任六,,6,10\n2021-03-05,C4,丁一,,3,10\n2021-03-10,C1,严三,,5,5\n2021-03-12,C5,万二,,4,5\n2021-03-20,C1,严三,,9,10\n2021-03-25,C4,丁一,,4,5\n' > surveys.csv && attain import surveys surveys.csv >/dev/null
# Market sizes: 华东 2021-Q1 50000, 华南 2021-Q1 20000, 华东/上海 2021-01 10000.
$ printf 'unit,period,amount\n华东,2021-Q1,50000\n华南,2021-Q1,20000\n华东/上海,2021-01,10000\n' > markets.csv && attain import markets markets.csv >/dev/null
$ attain engine check >/dev/null

# --- revenue ----------------------------------------------------------------
# Q1 = O003..O010 = 300 + 2000 + 1234.50 + 450 + 600 + 700 + 900 + 99.90 = 6284.40
$ attain metric revenue --period 2021-Q1 --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,6284.40
# 丁一 O010 99.90; 万二 O007 600; 严三 60% of 1234.50 = 740.70 + O008 700 = 1440.70;
# 严四 O006 450; 乔五 O003 300 + 40% of 1234.50 = 493.80 -> 793.80; 任六 O009 900.
# (O004, credited to 华南 only, belongs to nobody.)
$ attain metric revenue --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,revenue,99.90
> person:万二,2021-Q1,revenue,600.00
> person:严三,2021-Q1,revenue,1440.70
> person:严四,2021-Q1,revenue,450.00
> person:乔五,2021-Q1,revenue,793.80
> person:任六,2021-Q1,revenue,900.00
# 华东 = 99.90 + 600 + 1440.70 + 450 + 793.80 = 3384.40 (O005 once: 740.70 + 493.80);
# 华南 = O004 2000 (the unit's own row) + 任六 900 = 2900.00.
$ attain metric revenue --period 2021-Q1 --by unit --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,revenue,3384.40
> unit:华南,2021-Q1,revenue,2900.00
# 华东/上海 = 万二 600 + 严三 1440.70 + 严四 450 = 2490.70 (60% of O005 only);
# 华东/杭州 = 乔五 793.80 (40% of O005). 丁一's 99.90 is in 华东 itself.
$ attain metric revenue --period 2021-Q1 --scope unit:华东 --by unit --format csv
> scope,period,metric,value
> unit:华东/上海,2021-Q1,revenue,2490.70
> unit:华东/杭州,2021-Q1,revenue,793.80
# The unit's own row (O004) and 任六's order; none in its child 华南/上海.
$ attain metric revenue --period 2021-Q1 --scope unit:华南 --format csv
> scope,period,metric,value
> unit:华南,2021-Q1,revenue,2900.00
$ attain metric revenue --period 2021-Q1 --scope unit:华南 --by unit --format csv
> scope,period,metric,value
> unit:华南/上海,2021-Q1,revenue,0.00
# team:丁一 = everyone = 6284.40 - O004 2000 = 4284.40;
# team:万二 = 万二 600 + O005 1234.50 (both shares in the team, once) + 严三 700
# + 严四 450 + 乔五 300 = 3284.50.
$ attain metric revenue --period 2021-Q1 --by team --format csv
> scope,period,metric,value
> team:丁一,2021-Q1,revenue,4284.40
> team:万二,2021-Q1,revenue,3284.50
# team:万二 holds 乔五 (华东/杭州); unit:华东/上海 holds 万二 严三 严四 only.
$ attain metric revenue --period 2021-Q1 --scope team:万二 --by person --format csv
> scope,period,metric,value
> person:万二,2021-Q1,revenue,600.00
> person:严三,2021-Q1,revenue,1440.70
> person:严四,2021-Q1,revenue,450.00
> person:乔五,2021-Q1,revenue,793.80
$ attain metric revenue --period 2021-Q1 --scope unit:华东/上海 --by person --format csv
> scope,period,metric,value
> person:万二,2021-Q1,revenue,600.00
> person:严三,2021-Q1,revenue,1440.70
> person:严四,2021-Q1,revenue,450.00
$ attain metric revenue --period 2021-01 --scope person:严三 --format csv
> scope,period,metric,value
> person:严三,2021-01,revenue,740.70
# Quarters of 2021: everything is in Q1.
$ attain metric revenue --period 2021 --by quarter --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,6284.40
> company,2021-Q2,revenue,0.00
> company,2021-Q3,revenue,0.00
> company,2021-Q4,revenue,0.00
# 2020-W53 (2020-12-28..2021-01-03) = O001 1500 + O002 800 + O003 300 + O004 2000 = 4600.00
$ attain metric revenue --period 2020-W53 --format csv
> scope,period,metric,value
> company,2020-W53,revenue,4600.00
# 2021-W01 (01-04..01-10) = O005 1234.50
$ attain metric revenue --period 2020-12-28..2021-01-10 --by week --format csv
> scope,period,metric,value
> company,2020-W53,revenue,4600.00
> company,2021-W01,revenue,1234.50

# --- filters ----------------------------------------------------------------
# segment 大客户 = C1, C3: O004 2000 + O005 1234.50 + O008 700 + O009 900 = 4834.50
$ attain metric revenue --period 2021-Q1 --where segment=大客户 --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,4834.50
# product A lines: O004 2000 + O005 1234.50 + O006 200 + O007 600 + O009 900 = 4934.50
$ attain metric revenue --period 2021-Q1 --where product=A --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,4934.50
# tag 制造 = C1, C5: O005 1234.50 + O007 600 + O008 700 = 2534.50
$ attain metric revenue --period 2021-Q1 --where tag=制造 --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,2534.50
# customer region 华南 = C3: O004 2000 + O009 900 = 2900.00
$ attain metric revenue --period 2021-Q1 --where region=华南 --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,2900.00
# 中小企业 (C2 C4 C5) AND product B: O003 300 + O006 250 + O010 99.90 = 649.90
$ attain metric revenue --period 2021-Q1 --where segment=中小企业 --where product=B --format csv
> scope,period,metric,value
> company,2021-Q1,revenue,649.90

# --- orders -----------------------------------------------------------------
# Q1: O003..O010 = 8; 华东: O003 O005 O006 O007 O008 O010 = 6; 华南: O004 O009 = 2
$ attain metric orders --period 2021-Q1 --by unit --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,orders,6
> unit:华南,2021-Q1,orders,2
# Split counts: 严三 0.6 (O005) + 1 (O008) = 1.6; 乔五 1 (O003) + 0.4 = 1.4.
$ attain metric orders --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,orders,1
> person:万二,2021-Q1,orders,1
> person:严三,2021-Q1,orders,1.6
> person:严四,2021-Q1,orders,1
> person:乔五,2021-Q1,orders,1.4
> person:任六,2021-Q1,orders,1
$ attain metric orders --period 2021-01 --scope person:严三 --format csv
> scope,period,metric,value
> person:严三,2021-01,orders,0.6
# 华东/上海: 万二 1 + 严三 1.6 + 严四 1 = 3.6; 华东/杭州: 乔五 1.4
$ attain metric orders --period 2021-Q1 --scope unit:华东 --by unit --format csv
> scope,period,metric,value
> unit:华东/上海,2021-Q1,orders,3.6
> unit:华东/杭州,2021-Q1,orders,1.4
# Days of 2020-W53: 12-31 O001 O002; 01-01 O003; 01-03 O004.
$ attain metric orders --period 2020-W53 --by day --format csv
> scope,period,metric,value
> company,2020-12-28,orders,0
> company,2020-12-29,orders,0
> company,2020-12-30,orders,0
> company,2020-12-31,orders,2
> company,2021-01-01,orders,1
> company,2021-01-02,orders,0
> company,2021-01-03,orders,1

# --- collections ------------------------------------------------------------
# 01: 1500; 02: 800 + 1000 = 1800; 03: 300 + 1234.50 = 1534.50
$ attain metric collections --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,collections,1500.00
> company,2021-02,collections,1800.00
> company,2021-03,collections,1534.50
# 严三 800 + 740.70 = 1540.70; 严四 1500; 乔五 300 + 493.80 = 793.80
$ attain metric collections --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,collections,0.00
> person:万二,2021-Q1,collections,0.00
> person:严三,2021-Q1,collections,1540.70
> person:严四,2021-Q1,collections,1500.00
> person:乔五,2021-Q1,collections,793.80
> person:任六,2021-Q1,collections,0.00
# 华东 = 1500 + 800 + 300 + 1234.50 = 3834.50; 华南 = its own payment 1000
$ attain metric collections --period 2021-Q1 --by unit --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,collections,3834.50
> unit:华南,2021-Q1,collections,1000.00

# --- won and lost deals -----------------------------------------------------
# Closed in Q1: won D01 10000, D02 5000, D05 20000, D06 6000, D09 7000 (D15
# closes in Q2); lost D03, D04, D13. won_value 48000; 5 won, 3 lost;
# win rate 5/8 = 0.6250; average 48000 / 5 = 9600.00.
$ for m in won_value deals_won deals_lost win_rate avg_deal_size; do attain metric $m --period 2021-Q1 --format csv | sed 1d; done
> company,2021-Q1,won_value,48000.00
> company,2021-Q1,deals_won,5
> company,2021-Q1,deals_lost,3
> company,2021-Q1,win_rate,0.6250
> company,2021-Q1,avg_deal_size,9600.00
# 万二 D06 6000; 严三 D01 10000 + D09 7000 = 17000; 严四 60% of 20000 = 12000;
# 乔五 D02 5000 + 40% of 20000 = 13000.
$ attain metric won_value --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,won_value,0.00
> person:万二,2021-Q1,won_value,6000.00
> person:严三,2021-Q1,won_value,17000.00
> person:严四,2021-Q1,won_value,12000.00
> person:乔五,2021-Q1,won_value,13000.00
> person:任六,2021-Q1,won_value,0.00
# 严四 0.6 of D05; 乔五 D02 + 0.4 of D05 = 1.4
$ attain metric deals_won --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,deals_won,0
> person:万二,2021-Q1,deals_won,1
> person:严三,2021-Q1,deals_won,2
> person:严四,2021-Q1,deals_won,0.6
> person:乔五,2021-Q1,deals_won,1.4
> person:任六,2021-Q1,deals_won,0
# 严三 D04; 严四 D13; 任六 D03
$ attain metric deals_lost --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,deals_lost,0
> person:万二,2021-Q1,deals_lost,0
> person:严三,2021-Q1,deals_lost,1
> person:严四,2021-Q1,deals_lost,1
> person:乔五,2021-Q1,deals_lost,0
> person:任六,2021-Q1,deals_lost,1
# 丁一 0/0 -> empty; 万二 1/1; 严三 2/3 = 0.66666 -> 0.6667;
# 严四 0.6/1.6 = 0.3750; 乔五 1.4/1.4; 任六 0/1 = 0.0000
$ attain metric win_rate --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,win_rate,
> person:万二,2021-Q1,win_rate,1.0000
> person:严三,2021-Q1,win_rate,0.6667
> person:严四,2021-Q1,win_rate,0.3750
> person:乔五,2021-Q1,win_rate,1.0000
> person:任六,2021-Q1,win_rate,0.0000
# 万二 6000/1; 严三 17000/2 = 8500; 严四 12000/0.6 = 20000;
# 乔五 13000/1.4 = 9285.714 -> 9285.71; 丁一 and 任六 won nothing -> empty
$ attain metric avg_deal_size --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,avg_deal_size,
> person:万二,2021-Q1,avg_deal_size,6000.00
> person:严三,2021-Q1,avg_deal_size,8500.00
> person:严四,2021-Q1,avg_deal_size,20000.00
> person:乔五,2021-Q1,avg_deal_size,9285.71
> person:任六,2021-Q1,avg_deal_size,
$ attain metric avg_deal_size --period 2021-Q1 --scope person:任六 --format json
~ "scope": *"person:任六"
~ "value": *null
# team:万二: won D01 D02 D05 (once) D06 D09 = 5; lost D04 D13 = 2; 5/7 = 0.714285 -> 0.7143
$ attain metric win_rate --period 2021-Q1 --scope team:万二 --format csv
> scope,period,metric,value
> team:万二,2021-Q1,win_rate,0.7143
# 华东/上海: won 万二 1 + 严三 2 + 严四 0.6 = 3.6, lost 严三 1 + 严四 1 = 2;
# 华东/杭州: won 1.4, lost 0.
$ attain metric deals_won --period 2021-Q1 --scope unit:华东 --by unit --format csv
> scope,period,metric,value
> unit:华东/上海,2021-Q1,deals_won,3.6
> unit:华东/杭州,2021-Q1,deals_won,1.4
# 3.6 / (3.6 + 2) = 0.642857 -> 0.6429; 1.4 / 1.4 = 1.0000
$ attain metric win_rate --period 2021-Q1 --scope unit:华东 --by unit --format csv
> scope,period,metric,value
> unit:华东/上海,2021-Q1,win_rate,0.6429
> unit:华东/杭州,2021-Q1,win_rate,1.0000
# 华东/上海: (6000 + 17000 + 12000) / 3.6 = 35000 / 3.6 = 9722.222 -> 9722.22
$ attain metric avg_deal_size --period 2021-Q1 --scope unit:华东/上海 --format csv
> scope,period,metric,value
> unit:华东/上海,2021-Q1,avg_deal_size,9722.22
# Won by month: 01 none; 02 D01; 03 D02 D05 D06 D09. Lost: 02 D04; 03 D03 D13.
# Win rate: 01 0/0 -> empty; 02 1/2 = 0.5000; 03 4/6 = 0.6667
$ attain metric win_rate --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,win_rate,
> company,2021-02,win_rate,0.5000
> company,2021-03,win_rate,0.6667
# product A won: D01 10000 + D05 20000 + D09 7000 = 37000
$ attain metric won_value --period 2021-Q1 --where product=A --format csv
> scope,period,metric,value
> company,2021-Q1,won_value,37000.00

# --- pipeline ---------------------------------------------------------------
# Open on 2021-03-15 with expected close in Q1: D05 20000 (won 03-25), D07 4000,
# D09 7000 (won 03-20), D10 1500, D12 5000, D13 2000 (lost 03-28), D14 1000 (no
# created date). Not: D01-D04 (closed before), D06 and D11 (created after),
# D08 and D15 (expected in Q2). Pipeline = 40500.00.
# Weighted: 20000x0.7 + 4000x0.5 + 7000x0.8 + 1500x0 + 5000x0.5 + 2000x0.35
# + 1000x0.15 = 14000 + 2000 + 5600 + 0 + 2500 + 700 + 150 = 24950.00
$ attain metric pipeline --period 2021-Q1 --as-of 2021-03-15 --format csv
> scope,period,metric,value
> company,2021-Q1,pipeline,40500.00
$ attain metric weighted_pipeline --period 2021-Q1 --as-of 2021-03-15 --format csv
> scope,period,metric,value
> company,2021-Q1,weighted_pipeline,24950.00
# 丁一 D14 1000; 万二 none; 严三 D09 7000 + 60% of D12 3000 = 10000;
# 严四 60% of D05 12000 + D07 4000 + D13 2000 = 18000;
# 乔五 40% of D05 8000 + 40% of D12 2000 = 10000; 任六 D10 1500.
$ attain metric pipeline --period 2021-Q1 --as-of 2021-03-15 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,pipeline,1000.00
> person:万二,2021-Q1,pipeline,0.00
> person:严三,2021-Q1,pipeline,10000.00
> person:严四,2021-Q1,pipeline,18000.00
> person:乔五,2021-Q1,pipeline,10000.00
> person:任六,2021-Q1,pipeline,1500.00
# 丁一 1000x0.15 = 150; 严三 5600 + 3000x0.5 = 7100; 严四 12000x0.7 + 2000 + 700
# = 11100; 乔五 8000x0.7 + 2000x0.5 = 6600; 任六 no probability: 0
$ attain metric weighted_pipeline --period 2021-Q1 --as-of 2021-03-15 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,weighted_pipeline,150.00
> person:万二,2021-Q1,weighted_pipeline,0.00
> person:严三,2021-Q1,weighted_pipeline,7100.00
> person:严四,2021-Q1,weighted_pipeline,11100.00
> person:乔五,2021-Q1,weighted_pipeline,6600.00
> person:任六,2021-Q1,weighted_pipeline,0.00
# As of 03-31: D05 D09 D13 are closed, and D06 too (closed ON the day: not open);
# D11 (created 03-20) is open. D07 4000 + D10 1500 + D11 9000 + D12 5000 + D14 1000
# = 20500.00; weighted 2000 + 0 + 2700 + 2500 + 150 = 7350.00
$ attain metric pipeline --period 2021-Q1 --as-of 2021-03-31 --format csv
> scope,period,metric,value
> company,2021-Q1,pipeline,20500.00
$ attain metric weighted_pipeline --period 2021-Q1 --as-of 2021-03-31 --format csv
> scope,period,metric,value
> company,2021-Q1,weighted_pipeline,7350.00
# Q2 as of 03-15: D08 2500 + D15 3333 (won 04-10) = 5833.00;
# weighted 2500x0.2 + 3333x0.6 = 500 + 1999.80 = 2499.80
$ attain metric pipeline --period 2021-Q2 --as-of 2021-03-15 --format csv
> scope,period,metric,value
> company,2021-Q2,pipeline,5833.00
$ attain metric weighted_pipeline --period 2021-Q2 --as-of 2021-03-15 --format csv
> scope,period,metric,value
> company,2021-Q2,weighted_pipeline,2499.80
# Current stage Negotiation: D07 4000 + D10 1500 + D12 5000 + D14 1000 = 11500.00
# (D09 is open on 03-15 but its stage is Won now)
$ attain metric pipeline --period 2021-Q1 --as-of 2021-03-15 --where stage=Negotiation --format csv
> scope,period,metric,value
> company,2021-Q1,pipeline,11500.00

# --- customers --------------------------------------------------------------
# First orders: C1 2020-12-31 (tie O001 严四 / O002 严三 -> O001, 严四);
# C2 2021-01-01 O003 乔五; C3 2021-01-03 O004 unit 华南; C5 2021-02-20 O007 万二;
# C4 2021-03-22 O010 丁一.
$ attain metric new_customers --period 2020-12 --by person --format csv
> scope,period,metric,value
> person:丁一,2020-12,new_customers,0
> person:万二,2020-12,new_customers,0
> person:严三,2020-12,new_customers,0
> person:严四,2020-12,new_customers,1
> person:乔五,2020-12,new_customers,0
> person:任六,2020-12,new_customers,0
# Q1: C2 C3 C5 C4 = 4; 01: C2 C3; 02: C5; 03: C4
$ attain metric new_customers --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,new_customers,2
> company,2021-02,new_customers,1
> company,2021-03,new_customers,1
# 丁一 C4; 万二 C5; 乔五 C2; C3 goes to unit 华南, not to 任六 (his O009 is later)
$ attain metric new_customers --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,new_customers,1
> person:万二,2021-Q1,new_customers,1
> person:严三,2021-Q1,new_customers,0
> person:严四,2021-Q1,new_customers,0
> person:乔五,2021-Q1,new_customers,1
> person:任六,2021-Q1,new_customers,0
$ attain metric new_customers --period 2021-Q1 --by unit --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,new_customers,3
> unit:华南,2021-Q1,new_customers,1
# customer region 华东: C2 C5 C4 = 3
$ attain metric new_customers --period 2021-Q1 --where region=华东 --format csv
> scope,period,metric,value
> company,2021-Q1,new_customers,3
# Active by month: 12 {C1}; 01 {C2 C3 C1}; 02 {C2 C5}; 03 {C1 C3 C4}
$ attain metric active_customers --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,active_customers,3
> company,2021-02,active_customers,2
> company,2021-03,active_customers,3
# 丁一 {C4}; 万二 {C5}; 严三 {C1} (O005 and O008: once); 严四 {C2};
# 乔五 {C2, C1} (C1 through 40% of O005 counts whole); 任六 {C3}
$ attain metric active_customers --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,active_customers,1
> person:万二,2021-Q1,active_customers,1
> person:严三,2021-Q1,active_customers,1
> person:严四,2021-Q1,active_customers,1
> person:乔五,2021-Q1,active_customers,2
> person:任六,2021-Q1,active_customers,1
# team:万二 in Q1: C2 (O003 O006), C1 (O005 O008), C5 (O007) = 3
$ attain metric active_customers --period 2021-Q1 --scope team:万二 --format csv
> scope,period,metric,value
> team:万二,2021-Q1,active_customers,3
# 01: of {C1}, C1 is back: 1/1; 02: of {C2 C3 C1}, C2: 1/3 = 0.3333;
# 03: of {C2 C5}, none: 0/2 = 0.0000
$ attain metric retention_rate --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,retention_rate,1.0000
> company,2021-02,retention_rate,0.3333
> company,2021-03,retention_rate,0.0000
# Nobody ordered in 2020-11: empty.
$ attain metric retention_rate --period 2020-12 --format csv
> scope,period,metric,value
> company,2020-12,retention_rate,
# Q1 over 2020-Q4 {C1}: C1 is active in Q1: 1/1
$ attain metric retention_rate --period 2021-Q1 --format csv
> scope,period,metric,value
> company,2021-Q1,retention_rate,1.0000
# In unit 华东: 12 {C1}; 01 {C2 C1}; 02 {C2 C5}; 03 {C1 C4}.
# 01: 1/1; 02: C2 of {C2 C1} = 0.5000; 03: 0/2 = 0.0000
$ attain metric retention_rate --period 2021-Q1 --scope unit:华东 --by month --format csv
> scope,period,metric,value
> unit:华东,2021-01,retention_rate,1.0000
> unit:华东,2021-02,retention_rate,0.5000
> unit:华东,2021-03,retention_rate,0.0000
# 严三: 12 {C1} (O002); 01 {C1} (60% of O005); 02 {}; 03 {C1} (O008).
# 01: 1/1; 02: 0/1 = 0.0000; 03: nobody in 02 -> empty
$ attain metric retention_rate --period 2021-Q1 --scope person:严三 --by month --format csv
> scope,period,metric,value
> person:严三,2021-01,retention_rate,1.0000
> person:严三,2021-02,retention_rate,0.0000
> person:严三,2021-03,retention_rate,
# Several metrics in one command: their rows one metric after another.
# Q1 by team: 丁一's team (everyone) {C1 C2 C3 C4 C5} = 5, of 2020-Q4's {C1}
# C1 is back: 1/1; 万二's team {C1 C2 C5} = 3, 2020-Q4 {C1} (严四, 严三): 1/1
$ attain metric active_customers,retention_rate --period 2021-Q1 --by team --format csv
> scope,period,metric,value
> team:丁一,2021-Q1,active_customers,5
> team:万二,2021-Q1,active_customers,3
> team:丁一,2021-Q1,retention_rate,1.0000
> team:万二,2021-Q1,retention_rate,1.0000
# Part months (January and March in part, February whole): 万二's team C1
# (O005 01-04, O008 03-05), C2 (O006), C5 (O007) = 3, O003 (01-01) outside;
# 丁一's also C3 (O009 03-18) = 4, O010 (03-22) outside. The same for one team.
$ attain metric active_customers --period 2021-01-02..2021-03-20 --by team --format csv
> scope,period,metric,value
> team:丁一,2021-01-02..2021-03-20,active_customers,4
> team:万二,2021-01-02..2021-03-20,active_customers,3
$ attain metric active_customers --period 2021-01-02..2021-03-20 --scope team:丁一 --format csv | tail -1
> team:丁一,2021-01-02..2021-03-20,active_customers,4
# 严三's retention by month (above) and revenue in one table: kinds differ,
# the value cells stay canonical
$ attain metric retention_rate,revenue --period 2021-02 --scope person:严三 --format csv
> scope,period,metric,value
> person:严三,2021-02,retention_rate,0.0000
> person:严三,2021-02,revenue,0.00
$ attain metric revenue,,orders --period 2021-Q1
? 2
! ^attain: metric revenue,,orders: an empty name in the list
$ attain metric revenue,revenue --period 2021-Q1
? 2
! ^attain: metric revenue,revenue: revenue is named twice
$ attain metric revenue,nope --period 2021-Q1
? 2
! ^attain: no metric "nope"

# --- activities -------------------------------------------------------------
# Visits in Q1: 严三 2, 乔五 1, 任六 1 (严三's 04-06 visit is in Q2)
$ attain metric visits --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,visits,0
> person:万二,2021-Q1,visits,0
> person:严三,2021-Q1,visits,2
> person:严四,2021-Q1,visits,0
> person:乔五,2021-Q1,visits,1
> person:任六,2021-Q1,visits,1
# 大客户 (C1 C3): 严三 2 + 任六 1 = 3
$ attain metric visits --period 2021-Q1 --where segment=大客户 --format csv
> scope,period,metric,value
> company,2021-Q1,visits,3
# team:万二: 严三 01-07, 严四 02-03 = 2 (任六's call is outside the team)
$ attain metric calls --period 2021-Q1 --scope team:万二 --format csv
> scope,period,metric,value
> team:万二,2021-Q1,calls,2
$ attain metric meetings --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,meetings,0
> company,2021-02,meetings,1
> company,2021-03,meetings,1

# --- surveys ----------------------------------------------------------------
# csat over scale 5 only: (4 + 5 + 3 + 5 + 4 + 4) / 6 = 25/6 = 4.16666 -> 4.1667
$ attain metric csat --period 2021-Q1 --format csv
> scope,period,metric,value
> company,2021-Q1,csat,4.1667
# 01: (4 + 5)/2; 02: 3; 03: (5 + 4 + 4)/3 = 4.33333
$ attain metric csat --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,csat,4.5000
> company,2021-02,csat,3.0000
> company,2021-03,csat,4.3333
# 丁一 4; 万二 4; 严三 (4 + 5)/2; 乔五 5; 严四 and 任六 no scale-5 survey: empty
$ attain metric csat --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,csat,4.0000
> person:万二,2021-Q1,csat,4.0000
> person:严三,2021-Q1,csat,4.5000
> person:严四,2021-Q1,csat,
> person:乔五,2021-Q1,csat,5.0000
> person:任六,2021-Q1,csat,
# 华南's own survey (3); 任六's score 6 is on scale 10
$ attain metric csat --period 2021-Q1 --scope unit:华南 --format csv
> scope,period,metric,value
> unit:华南,2021-Q1,csat,3.0000
# Scale 10: 10 9 8 6 3 9: promoters 10 9 9 = 3, detractors 6 3 = 2;
# 100 x (3 - 2) / 6 = 16.66666 -> 16.6667
$ attain metric nps --period 2021-Q1 --format csv
> scope,period,metric,value
> company,2021-Q1,nps,16.6667
# 01: {10} 100 x 1/1; 02: {9 8} 100 x 1/2 = 50; 03: {6 3 9} 100 x (1 - 2)/3 = -33.3333
$ attain metric nps --period 2021-Q1 --by month --format csv
> scope,period,metric,value
> company,2021-01,nps,100.0000
> company,2021-02,nps,50.0000
> company,2021-03,nps,-33.3333
# 丁一 {3} -100; 万二 {8} 0; 严三 {10 9} 100; 严四 none; 乔五 {9} 100; 任六 {6} -100
$ attain metric nps --period 2021-Q1 --by person --format csv
> scope,period,metric,value
> person:丁一,2021-Q1,nps,-100.0000
> person:万二,2021-Q1,nps,0.0000
> person:严三,2021-Q1,nps,100.0000
> person:严四,2021-Q1,nps,
> person:乔五,2021-Q1,nps,100.0000
> person:任六,2021-Q1,nps,-100.0000
# 华东: 10 9 8 3 9: 100 x (3 - 1) / 5 = 40
$ attain metric nps --period 2021-Q1 --scope unit:华东 --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,nps,40.0000

# --- market share -----------------------------------------------------------
# company: 6284.40 / (50000 + 20000) = 0.0897771 -> 0.0898
$ attain metric market_share --period 2021-Q1 --format csv
> scope,period,metric,value
> company,2021-Q1,market_share,0.0898
# 华东 3384.40 / 50000 = 0.067688 -> 0.0677; 华南 2900 / 20000 = 0.1450
$ attain metric market_share --period 2021-Q1 --by unit --format csv
> scope,period,metric,value
> unit:华东,2021-Q1,market_share,0.0677
> unit:华南,2021-Q1,market_share,0.1450
# 华东/上海 in 2021-01: 严三's 60% of O005 740.70 / 10000 = 0.07407 -> 0.0741
$ attain metric market_share --period 2021-01 --scope unit:华东/上海 --format csv
> scope,period,metric,value
> unit:华东/上海,2021-01,market_share,0.0741
# No market size for 华东/杭州, nor for any unit in 2021-02: empty.
$ attain metric market_share --period 2021-Q1 --scope unit:华东/杭州 --format csv
> scope,period,metric,value
> unit:华东/杭州,2021-Q1,market_share,
$ attain metric market_share --period 2021-02 --format csv
> scope,period,metric,value
> company,2021-02,market_share,

# --- errors -----------------------------------------------------------------
# "上海" names two units: ambiguous (AT_AMBIGUOUS, exit 4), both listed.
$ attain metric revenue --period 2021-Q1 --scope unit:上海 --format csv
? 4
! 华东/上海
! 华南/上海
$ attain metric revenue --period 2021-Q1 --scope person:王五 --format csv
? 3
! 王五
$ attain metric profit --period 2021-Q1 --format csv
? 2
! profit
$ attain metric revenue --period 2021-Q5 --format csv
? 2
! 2021-Q5
$ attain metric revenue --period 2021-Q1 --scope region:华东 --format csv
? 2
! region
$ attain metric revenue --period 2021-Q1 --by customer --format csv
? 2
! customer
$ attain metric revenue --format csv
? 2
! period
