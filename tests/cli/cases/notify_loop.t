# The two alert rules of the weekly loop: a check-in overdue (a goal owes one,
# app_checkin_due, and 2 days of grace from the start of its week have
# passed; once per goal and week) and a change request waiting (pending 2
# days or more; once per request). Dates by hand: 2026-01-05 and 2026-01-12
# are Mondays (ISO weeks 2 and 3).
$ attain init --currency CNY --holidays none >/dev/null && printf 'path\n华东\n' > u.csv && attain import units u.csv >/dev/null && printf 'name,unit,manager\n甲,华东,\n乙,华东,甲\n' > p.csv && attain import people p.csv >/dev/null && echo ok
> ok
$ attain goal add --metric revenue --scope person:乙 --period 2026-Q1 --target 100万 --cadence weekly --yes >/dev/null && attain --as person:乙 checkin add 1 --confidence 6 --as-of 2026-01-05 >/dev/null && echo ok
> ok
# Tuesday of week 3: within the grace, nothing; Wednesday: overdue since (no
# channel yet, so the alert is recorded with no message)
# Monday 01-12, the last check-in 01-05, owed by 乙.
$ attain notify run --as-of 2026-01-13 --dry-run --format csv | grep -c checkin_overdue || true
> 0
$ attain notify run --as-of 2026-01-14 --dry-run --format csv | grep checkin_overdue
> 1,乙 Revenue 2026-Q1,person:乙,2026-W03,checkin_overdue,2026-01-12|2026-01-05|乙,0,recorded
# Recorded once: a second run the next day sends nothing new for week 3.
$ attain notify run --as-of 2026-01-14 --format csv | grep -c checkin_overdue; attain notify run --as-of 2026-01-15 --format csv | grep -c checkin_overdue || true
> 1
> 0
# 甲 locks the goal; 乙 asks to lower it today: a request. Waiting one day:
# nothing; two days: one alert about goal 1, once.
$ attain --as person:甲 goal lock 1 >/dev/null && attain --as person:乙 goal edit 1 --target 80万 --reason 客户预算冻结 2>&1 | grep -c 'change request 1'
> 1
$ attain notify run --as-of "$(date -d '+1 day' +%F)" --dry-run --format csv | grep -c request_waiting || true
> 0
$ attain notify run --as-of "$(date -d '+2 days' +%F)" --format csv | grep request_waiting | cut -d, -f1,4,5
> 1,request-1,request_waiting
$ attain notify run --as-of "$(date -d '+3 days' +%F)" --format csv | grep -c request_waiting || true
> 0
