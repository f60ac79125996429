# attain goal split / reconcile / rebalance / tree and attain report variance
# on a small hand-made company (CNY, the built-in Chinese holiday calendar).
# Every expected value is worked out by hand in the comment above it.
# Split parts are listed with `cut -d, -f1-6` (id,parent,scope,period,metric,
# target): the sub-goals' default titles are not under test here.
#
# Units 华东/上海. People (capacity weight): 丁一 (华东, manager, 1);
# his reps in 华东/上海: 严三 1.5, 严四 1, 乔五 0.5. 丁一 manages them, so the
# members (individual contributors) of unit 华东 are 严三 严四 乔五; their
# scopes sort person:严三 < person:严四 < person:乔五 (严 U+4E25 < 乔 U+4E54,
# 三 U+4E09 < 四 U+56DB).
# Orders (2026): O1 01-08 严三 50000.00; O2 01-20 严四 20000.01;
# O3 02-12 乔五 30000.00; O4 03-05 严三 100000.00; O5 05-10 严四 212345.67;
# O6 08-18 乔五 260000.50; O7 11-11 严三 123456.78.
$ attain init >/dev/null
$ printf 'path\n华东/上海\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager,weight\n丁一,华东,,1\n严三,华东/上海,丁一,1.5\n严四,华东/上海,丁一,1\n乔五,华东/上海,丁一,0.5\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,date,owner,amount\nO1,2026-01-08,严三,50000\nO2,2026-01-20,严四,20000.01\nO3,2026-02-12,乔五,30000\nO4,2026-03-05,严三,100000\nO5,2026-05-10,严四,212345.67\nO6,2026-08-18,乔五,260000.50\nO7,2026-11-11,严三,123456.78\n' > orders.csv && attain import orders orders.csv >/dev/null
$ attain goal add --metric revenue --scope unit:华东 --period 2026 --target 1000000 --title 华东年度 >/dev/null

# --- over time ----------------------------------------------------------------
# 1,000,000.00 / 4 = 250,000.00 each (no remainder): goals 2..5.
$ attain goal split 1 --over quarters --method even --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6
> id,parent,scope,period,metric,target
> 1,,unit:华东,2026,revenue,1000000.00
> 2,1,unit:华东,2026-Q1,revenue,250000.00
> 3,1,unit:华东,2026-Q2,revenue,250000.00
> 4,1,unit:华东,2026-Q3,revenue,250000.00
> 5,1,unit:华东,2026-Q4,revenue,250000.00
# A second split over time of the same goal is a conflict (exit 5), and saves nothing.
$ attain goal split 1 --over quarters --method even --yes --reason 计划
? 5
$ attain goal ls --format csv | wc -l
> 6
# Q1 (goal 2) by days, weights 31/28/31 of 90, in cents (25,000,000):
#   01: 25000000 x 31/90 = 8611111.11 -> 8611111 (remainder .11)
#   02: 25000000 x 28/90 = 7777777.78 -> 7777777 (remainder .78)
#   03: 25000000 x 31/90 = 8611111.11 -> 8611111 (remainder .11)
# floors add up to 24999999: the 1 cent left goes to the largest remainder (02).
$ attain goal split 2 --over months --method days --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 6,2,unit:华东,2026-01,revenue,86111.11
> 7,2,unit:华东,2026-02,revenue,77777.78
> 8,2,unit:华东,2026-03,revenue,86111.11
# Manual values for Q2 (goal 3): 80000 x 3 = 240000, 10000.00 short of 250000.
$ attain goal split 3 --over months --method manual --values 80000,80000,80000 --yes --reason 计划
? 2
! 10,?000(\.00)?
$ attain goal ls --format csv | wc -l
> 9
# Manual percentages: 250000 x 50% = 125000, x 30% = 75000, x 20% = 50000.
$ attain goal split 3 --over months --method manual --values 50%,30%,20% --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 9,3,unit:华东,2026-04,revenue,125000.00
> 10,3,unit:华东,2026-05,revenue,75000.00
> 11,3,unit:华东,2026-06,revenue,50000.00

# --- target variance by quarter -----------------------------------------------
# Targets per quarter from the finest goals: Q1 = 86111.11 + 77777.78 + 86111.11
# = 250000.00; Q2 = 125000 + 75000 + 50000 = 250000.00; Q3, Q4 = 250000.00.
# Actuals: Q1 = 50000 + 20000.01 + 30000 + 100000 = 200000.01; Q2 = 212345.67;
# Q3 = 260000.50; Q4 = 123456.78. variance = actual - target:
# Q1 -49999.99, 200000.01/250000 = 0.80000004 -> 0.8000;
# Q2 -37654.33, 0.84938268 -> 0.8494; Q3 10000.50, 1.040002 -> 1.0400;
# Q4 -126543.22, 0.49382712 -> 0.4938. The only scope is unit:华东, so the
# total is the same.
# (the first six columns; original_target and current_target are tested in adjust.t)
$ attain report variance --period 2026 --by quarter --as-of 2026-12-31 --format csv | cut -d, -f1-6
> scope,period,target,actual,variance,attainment
> unit:华东,2026-Q1,250000.00,200000.01,-49999.99,0.8000
> unit:华东,2026-Q2,250000.00,212345.67,-37654.33,0.8494
> unit:华东,2026-Q3,250000.00,260000.50,10000.50,1.0400
> unit:华东,2026-Q4,250000.00,123456.78,-126543.22,0.4938
> total,2026-Q1,250000.00,200000.01,-49999.99,0.8000
> total,2026-Q2,250000.00,212345.67,-37654.33,0.8494
> total,2026-Q3,250000.00,260000.50,10000.50,1.0400
> total,2026-Q4,250000.00,123456.78,-126543.22,0.4938

# --- over the org -------------------------------------------------------------
# One split over the org may sit next to the split over time. Members of 华东:
# 严三 严四 乔五 (丁一 manages, he is no individual contributor).
# 100,000,000 cents / 3 = 33,333,333.33 each; the 1 cent left goes, on equal
# remainders, to the first part by scope text: person:严三. Goals 12..14.
$ attain goal split 1 --over members --method even --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 12,1,person:严三,2026,revenue,333333.34
> 13,1,person:严四,2026,revenue,333333.33
> 14,1,person:乔五,2026,revenue,333333.33
# Capacity for a half-year goal of 100,000.00 (goal 15); weights 1.5 + 1 + 0.5 = 3:
#   严三 10,000,000 x 1.5/3 = 5000000 cents; 严四 x 1/3 = 3333333.33 -> 3333333;
#   乔五 x 0.5/3 = 1666666.67 -> 1666666; 1 cent left -> largest remainder (乔五).
$ attain goal add --metric revenue --scope unit:华东 --period 2026-H1 --target 100000 --title 华东上半年 >/dev/null
$ attain goal split 15 --over members --method capacity --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 16,15,person:严三,2026-H1,revenue,50000.00
> 17,15,person:严四,2026-H1,revenue,33333.33
> 18,15,person:乔五,2026-H1,revenue,16666.67

# --- reconcile ------------------------------------------------------------------
# Every parent adds up: nothing listed.
$ attain goal reconcile --format csv | wc -l
> 1
# 严四's part 33333.33 -> 36333.33: children 50000 + 36333.33 + 16666.67 =
# 103000.00 against 100000.00: gap 100000 - 103000 = -3000.00; only goal 15.
$ attain goal edit 17 --target 36333.33 --reason 大客户加单 >/dev/null
$ attain goal reconcile --format csv | cut -d, -f1
> id
> 15
$ attain goal reconcile --format csv
~ ^15,unit:华东,2026-H1,revenue,.*100000\.00.*103000\.00.*-3000\.00
# Fix by even: the gap -3000.00 / 3 = -1000.00 each:
# 49000.00, 35333.33, 15666.67 (sum 100000.00).
$ attain goal reconcile --fix 15 --method even --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | tail -3
> 16,15,person:严三,2026-H1,revenue,49000.00
> 17,15,person:严四,2026-H1,revenue,35333.33
> 18,15,person:乔五,2026-H1,revenue,15666.67
$ attain goal reconcile --format csv | wc -l
> 1

# --- rebalance ------------------------------------------------------------------
# Q1 (goal 2, 250000.00) as of 2026-02-10: January is closed, its actual
# O1 50000.00 + O2 20000.01 = 70000.01 (nothing yet in February: O3 is 02-12).
# Remaining 250000.00 - 70000.01 = 179999.99 over February and March, even:
# 17999999 cents / 2 = 8999999.5 -> 8999999 each, 1 cent left to the earlier
# part on the tie: 02 90000.00, 03 89999.99.
$ attain goal rebalance 2 --as-of 2026-02-10 --method even --yes --reason 计划 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-6 | grep -E '^(7|8),'
> 7,2,unit:华东,2026-02,revenue,90000.00
> 8,2,unit:华东,2026-03,revenue,89999.99
$ attain goal show 7
~ target +77777\.78 +90000\.00

# --- the goal tree --------------------------------------------------------------
# depth, id, parent, scope, period, target: the year goal at depth 0, its
# quarters and members at depth 1, the months at depth 2; goal 15 and its
# members.
$ attain goal tree --period 2026 --as-of 2026-12-31 --format csv | cut -d, -f1-3,6,7,9
> depth,id,parent,scope,period,target
> 0,1,,unit:华东,2026,1000000.00
> 1,2,1,unit:华东,2026-Q1,250000.00
> 2,6,2,unit:华东,2026-01,86111.11
> 2,7,2,unit:华东,2026-02,90000.00
> 2,8,2,unit:华东,2026-03,89999.99
> 1,3,1,unit:华东,2026-Q2,250000.00
> 2,9,3,unit:华东,2026-04,125000.00
> 2,10,3,unit:华东,2026-05,75000.00
> 2,11,3,unit:华东,2026-06,50000.00
> 1,4,1,unit:华东,2026-Q3,250000.00
> 1,5,1,unit:华东,2026-Q4,250000.00
> 1,12,1,person:严三,2026,333333.34
> 1,13,1,person:严四,2026,333333.33
> 1,14,1,person:乔五,2026,333333.33
> 0,15,,unit:华东,2026-H1,100000.00
> 1,16,15,person:严三,2026-H1,49000.00
> 1,17,15,person:严四,2026-H1,35333.33
> 1,18,15,person:乔五,2026-H1,15666.67
