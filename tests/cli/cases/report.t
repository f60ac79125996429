# attain report: sales, leaderboard, funnel and customers over a small
# hand-made company; every expected figure is worked out by hand in the
# comments (period 2026-Q2, previous period 2026-Q1).
$ attain init >/dev/null
$ printf 'id,name,parent\nE,East,\nW,West,\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'id,name,unit,manager\nP1,Ann,East,\nP2,Bob,East,P1\nP3,Cai,West,\nP4,Dan,West,\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name,segment,region\nC1,Acme,Enterprise,North\nC2,Beta,SMB,South\nC3,Core,Enterprise,North\nC4,Delta,SMB,South\nC5,Echo,,\n' > customers.csv && attain import customers customers.csv >/dev/null
# Orders: O6 is split 60/40 between Ann and Bob. First orders: Acme 2025-11,
# Beta and Delta 2026-Q1, Core and Echo 2026-Q2.
$ printf 'id,date,customer,owner,amount\nO1,2025-11-10,C1,P1,100\nO2,2026-01-15,C2,P2,200\nO3,2026-02-20,C4,P3,50\nO4,2026-04-05,C1,P1,300\nO5,2026-05-10,C2,P2,150\nO6,2026-05-20,C3,P1:60%%;P2:40%%,1000\nO7,2026-06-30,C1,P1,200\nO8,2026-06-01,C5,P3,80\n' > orders.csv && attain import orders orders.csv >/dev/null
# Deals: won in Q2 D1 (Ann 500, 20 days), D5 (Bob 400, created in Q1, 61 days),
# D6 (Cai 100, 30 days); lost in Q2 D2 (Bob); open D3, D4; D7 has no created date.
$ printf 'id,customer,owner,stage,status,amount,probability,created,closed,expected_close\nD1,C1,P1,Closed Won,won,500,100%%,2026-04-01,2026-04-21,\nD2,C2,P2,Closed Lost,lost,300,0%%,2026-04-10,2026-05-10,\nD3,C3,P1,Negotiation,open,800,60%%,2026-05-01,,2026-07-15\nD4,C4,P3,Qualification,open,200,20%%,2026-06-01,,\nD5,C1,P2,Closed Won,won,400,100%%,2026-03-01,2026-05-01,\nD6,C5,P3,Closed Won,won,100,100%%,2026-05-15,2026-06-14,\nD7,C2,P1,Proposal,open,250,40%%,,,\n' > deals.csv && attain import deals deals.csv >/dev/null

# Sales: Q2 orders O4 O5 O6 O7 O8 = 1730 over 5; won 1000 over 3 deals, one
# lost: win rate 3/4, average 1000/3; new Core and Echo; active Acme, Beta,
# Core, Echo.
$ attain report sales --period 2026-Q2 --format csv
> scope,period,revenue,orders,won_value,win_rate,avg_deal_size,new_customers,active_customers
> company,2026-Q2,1730.00,5,1000.00,0.7500,333.33,2,4
# By person: split credit gives Ann 0.6 of O6 and of Core's first order; the
# last row is the company itself (active customers are not added up: 2+2+1 ≠ 4).
$ attain report sales --period 2026-Q2 --by person --format csv
> scope,period,revenue,orders,won_value,win_rate,avg_deal_size,new_customers,active_customers
> person:Ann,2026-Q2,1100.00,2.6,500.00,1.0000,500.00,0.6,2
> person:Bob,2026-Q2,550.00,1.4,400.00,0.5000,400.00,0.4,2
> person:Cai,2026-Q2,80.00,1,100.00,1.0000,100.00,1,1
> person:Dan,2026-Q2,0.00,0,0.00,,,0,0
> company,2026-Q2,1730.00,5,1000.00,0.7500,333.33,2,4
$ attain report sales --period 2026-Q2 --by month --format csv
> scope,period,revenue,orders,won_value,win_rate,avg_deal_size,new_customers,active_customers
> company,2026-04,300.00,1,500.00,1.0000,500.00,0,1
> company,2026-05,1150.00,2,400.00,0.5000,400.00,1,2
> company,2026-06,280.00,2,100.00,1.0000,100.00,1,2
> company,2026-Q2,1730.00,5,1000.00,0.7500,333.33,2,4
$ attain report sales --period 2026-Q2 --scope unit:East --by person --format csv | tail -1
> unit:East,2026-Q2,1650.00,4,900.00,0.6667,450.00,1,3

# Leaderboard: shares of the company's 1730.
$ attain report leaderboard revenue --period 2026-Q2 --format csv
> rank,scope,period,metric,value,share
> 1,person:Ann,2026-Q2,revenue,1100.00,0.6358
> 2,person:Bob,2026-Q2,revenue,550.00,0.3179
> 3,person:Cai,2026-Q2,revenue,80.00,0.0462
> 4,person:Dan,2026-Q2,revenue,0.00,0.0000
# Ties share a rank; undefined (Dan: no closed deal) comes last with none; a
# ratio has no share.
$ attain report leaderboard win_rate --period 2026-Q2 --format csv
> rank,scope,period,metric,value,share
> 1,person:Ann,2026-Q2,win_rate,1.0000,
> 1,person:Cai,2026-Q2,win_rate,1.0000,
> 3,person:Bob,2026-Q2,win_rate,0.5000,
> ,person:Dan,2026-Q2,win_rate,,
$ attain report leaderboard win_rate --period 2026-Q2 --by unit --top 1 --format csv
> rank,scope,period,metric,value,share
> 1,unit:West,2026-Q2,win_rate,1.0000,
$ attain --lang zh report leaderboard revenue --period 2026-Q2 --top 1
~ ^ +1 +Ann +2026-Q2 +销售额 +¥1,100\.00 +63\.6%$
$ attain report leaderboard won_value --period 2026-Q2 --top 1 --format json
> [
>   {
>     "rank": "1",
>     "scope": "person:Ann",
>     "period": "2026-Q2",
>     "metric": "won_value",
>     "value": "500.00",
>     "share": "0.5000"
>   }
> ]

# Funnel: created in Q2 are D1 D2 D3 D4 D6 (D5 in Q1; D7 without a date).
# Stages by mean probability, lost-only last. Win rate 2/3, conversion 2/5;
# cycles 20, 30, 61 days: median 30, mean 37.
$ attain report funnel --period 2026-Q2 --format csv
> section,stage,deals,amount,share,won,lost,open,win_rate,conversion,cycle_median_days,cycle_mean_days,cycle_deals,no_created_date
> stages,Qualification,1,200.00,0.2000,,,,,,,,,
> stages,Negotiation,1,800.00,0.2000,,,,,,,,,
> stages,Closed Won,2,600.00,0.4000,,,,,,,,,
> stages,Closed Lost,1,300.00,0.2000,,,,,,,,,
> summary,,5,1900.00,,2,1,2,0.6667,0.4000,30,37,3,1
$ attain report funnel --period 2026-Q2
~ ^Funnel — company, 2026-Q2$
~ ^cycle_median_days +30\.00$
~ ^1 deal\(s\) without a created date are left out\.$
$ attain --lang zh report funnel --period 2026-Q2
~ ^销售漏斗 — 公司，2026-Q2$
~ ^金额 +¥1,900\.00$

# Customers. Top: Core 1000, Acme 300+200, Beta 150, Echo 80 of 1730.
# RFM over 2025-07-01..2026-06-30 (n = 5, score = ceil(5 × rank share)):
# recency Acme 0, Echo 29, Core 41, Beta 51, Delta 130; orders 3,2,1,1,1;
# revenue 600, 350, 1000, 50, 80. Cohorts: Acme (2025-Q4) back in Q2 only;
# Beta and Delta (2026-Q1), Beta back in Q2. Churned: Delta (Q1 only).
$ attain report customers --period 2026-Q2 --format csv
> section,rank,customer,segment,region,revenue,orders,share,first_order,customers,recency_days,r,f,m,label,cohort,period,active_customers,last_order
> top,1,Core,Enterprise,North,1000.00,1,0.5780,2026-05-20,,,,,,,,,,
> top,2,Acme,Enterprise,North,500.00,2,0.2890,2025-11-10,,,,,,,,,,
> top,3,Beta,SMB,South,150.00,1,0.0867,2026-01-15,,,,,,,,,,
> top,4,Echo,,,80.00,1,0.0462,2026-06-01,,,,,,,,,,
> segments,,,Enterprise,,1500.00,3,0.8671,,2,,,,,,,,,
> segments,,,SMB,,150.00,1,0.0867,,1,,,,,,,,,
> segments,,,(none),,80.00,1,0.0462,,1,,,,,,,,,
> rfm,,Core,Enterprise,North,1000.00,1,,,,41,3,3,5,Others,,,,
> rfm,,Acme,Enterprise,North,600.00,3,,,,0,5,5,4,Champions,,,,
> rfm,,Beta,SMB,South,350.00,2,,,,51,2,4,3,At risk,,,,
> rfm,,Echo,,,80.00,1,,,,29,4,3,2,Others,,,,
> rfm,,Delta,SMB,South,50.00,1,,,,130,1,3,1,At risk,,,,
> rfm_labels,,,,,600.00,,0.2000,,1,,,,,Champions,,,,
> rfm_labels,,,,,0.00,,0.0000,,0,,,,,Loyal,,,,
> rfm_labels,,,,,400.00,,0.4000,,2,,,,,At risk,,,,
> rfm_labels,,,,,0.00,,0.0000,,0,,,,,Lost,,,,
> rfm_labels,,,,,1080.00,,0.4000,,2,,,,,Others,,,,
> cohorts,,,,,,,,,0,,,,,,2025-Q2,2025-Q3,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q2,2025-Q4,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q2,2026-Q1,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q2,2026-Q2,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q3,2025-Q4,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q3,2026-Q1,0,
> cohorts,,,,,,,,,0,,,,,,2025-Q3,2026-Q2,0,
> cohorts,,,,,,,0.0000,,1,,,,,,2025-Q4,2026-Q1,0,
> cohorts,,,,,,,1.0000,,1,,,,,,2025-Q4,2026-Q2,1,
> cohorts,,,,,,,0.5000,,2,,,,,,2026-Q1,2026-Q2,1,
> churned,,Delta,SMB,South,50.00,1,,,,,,,,,,,,2026-02-20
# A period ending mid-quarter: the last cohort quarter is cut at its end
# (rows with no active customer left out here); April's Acme churned in May.
$ attain report customers --period 2026-05 --top 1 --format csv | grep -E '^(top|cohorts|churned),' | grep -v ',0,$'
> top,1,Core,Enterprise,North,1000.00,1,0.8696,2026-05-20,,,,,,,,,,
> cohorts,,,,,,,1.0000,,1,,,,,,2025-Q4,2026-04-01..2026-05-31,1,
> cohorts,,,,,,,0.5000,,2,,,,,,2026-Q1,2026-04-01..2026-05-31,1,
> churned,,Acme,Enterprise,North,300.00,1,,,,,,,,,,,,2026-04-05
$ attain report customers --period 2026-Q2 --top 1
~ ^\.\.\. 4 more \(--format csv lists them all\)$
~ ^Churned: active in 2026-Q1, not in 2026-Q2$

# Errors.
$ attain report leaderboard nope --period 2026-Q2
? 2
! ^attain: no metric "nope"
$ attain report leaderboard revenue --period 2026-Q2 --top 0
? 2
! top 0: give a whole number of rows, 1 or more
$ attain report customers --period 2026-Q2 --top ten
? 2
! top ten
$ attain report leaderboard revenue --period 2026-Q2 --by month
? 2
! breakdown month: a leaderboard ranks people, teams or units
$ attain report sales --period 2026-Q2 --by year
? 2
! breakdown year: choose person, team, unit, month, quarter, week or day
$ attain report funnel --period 2026-Q2 --by person
? 2
! unknown option --by
$ attain report sales --top 3 --period 2026-Q2
? 2
! unknown option --top
$ attain report pipeline --period 2026-Q2
? 2
! usage: attain report sales\|funnel\|customers\|leaderboard
$ attain report sales
? 2
! a period is needed
# (a stage the data has: a stage it lacks is refused first, filter_values.t)
$ attain report sales --period 2026-Q2 --where "stage=Closed Won"
? 2
! revenue cannot be filtered by deal stage
