# A breakdown over time is bounded (issue 8): `--by day` over
# 0001-01-01..9999-12-31 built 3.65M rows in 1.58 GB. More than 100000 rows is
# refused, saying the count and the coarser breakdown that fits. The counts
# are worked out independently: days by Python's date arithmetic
# (date(9999,12,31) - date(1,1,1) + 1 day = 3652059), ISO weeks by their
# Mondays (521723; 14287 for 2000-01-01..2273-10-16), months 9999 × 12,
# quarters 9999 × 4.
$ attain init >/dev/null
$ attain metric revenue --by day --period 0001-01-01..9999-12-31 --format csv
? 2
! ^attain: breakdown day over 0001-01-01..9999-12-31 would make 3652059 rows \(at most 100000\): choose a coarser breakdown \(quarter: 39996 rows\) or a shorter period$
$ attain metric revenue --by month --period 0001-01-01..9999-12-31
? 2
! would make 119988 rows
$ attain report sales --by day --period 0001-01-01..9999-12-31 --format json
? 2
! ^attain: breakdown day over 0001-01-01..9999-12-31 would make 3652059 rows
$ attain report sales --by week --period 0001-01-01..9999-12-31
? 2
! ^attain: breakdown week over 0001-01-01..9999-12-31 would make 521723 rows .*\(quarter: 39996 rows\)
# The coarser one answers: one row per quarter.
$ attain metric revenue --by quarter --period 0001-01-01..9999-12-31 --format csv | sed -n '2p;$p'; attain metric revenue --by quarter --period 0001-01-01..9999-12-31 --format csv | wc -l
> company,0001-Q1,revenue,0.00
> company,9999-Q4,revenue,0.00
> 39997
# At the limit: 100000 days (2000-01-01 + 99999 days = 2273-10-15) answer,
# one more is refused and suggests weeks.
$ attain metric revenue --by day --period 2000-01-01..2273-10-15 --format csv | wc -l
> 100001
$ attain metric revenue --by day --period 2000-01-01..2273-10-16 --format csv
? 2
! would make 100001 rows \(at most 100000\): choose a coarser breakdown \(week: 14287 rows\)
