# attain period: how attain reads a period, with the Chinese holiday calendar
# (init with CNY loads it) and make-up working days.
$ attain init
> test.db: ready (reporting currency CNY, fiscal year from month 1)
$ attain period 2026-W01
> period        2026-W01
> start         2025-12-29
> end           2026-01-04
> days          7
> working days  4 (2 holidays on weekdays, 1 make-up working days)
> previous      2025-W52
> last year     2025-W01
$ attain period 2026-02 --format csv
> period,start,end,days,working_days,previous
> 2026-02,2026-02-01,2026-02-28,28,16,2026-01
$ attain period 2020-W53 --format csv
> period,start,end,days,working_days,previous
> 2020-W53,2020-12-28,2021-01-03,7,5,2020-W52
$ attain period 上季度 --as-of 2026-01-05 --format csv
> period,start,end,days,working_days,previous
> 2025-Q4,2025-10-01,2025-12-31,92,61,2025-Q3
$ attain period 2026年下半年 --format json
~ "period": "2026-H2"
~ "start": "2026-07-01"
~ "end": "2026-12-31"
$ attain period 2026年第3季度 --format csv | tail -1
> 2026-Q3,2026-07-01,2026-09-30,92,66,2026-Q2
$ attain period 2026年7月 --format csv | tail -1
> 2026-07,2026-07-01,2026-07-31,31,23,2026-06
$ attain period 本周 --as-of 2026-11-26 --format csv | tail -1
> 2026-W48,2026-11-23,2026-11-29,7,5,2026-W47
$ attain period last-month --as-of 2026-01-15 --format csv | tail -1
> 2025-12,2025-12-01,2025-12-31,31,23,2025-11
$ attain period 2026-07-01..2026-07-10 --format csv | tail -1
> 2026-07-01..2026-07-10,2026-07-01,2026-07-10,10,8,2026-06-21..2026-06-30
$ attain period 2026-Q5
? 2
! cannot read period "2026-Q5"
$ attain period 2026-02-30
? 2
! 2026-02-30
$ attain period "next decade"
? 2
! cannot read period "next decade"
$ attain period 2026 --as-of 2026/01/01
? 2
! --as-of 2026/01/01: write the date as YYYY-MM-DD
