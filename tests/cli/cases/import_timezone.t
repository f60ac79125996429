# A database has a time zone (init --tz, default the machine's; summary shows
# it). Timestamps with an offset or Z are converted to it before the day is
# taken; timestamps without one are local already (issue 7). Expected days by
# hand: 20:00Z on 31 March is 04:00 on 1 April in Beijing (UTC+8);
# 23:30 at -05:00 on 31 Dec 2020 is 04:30Z, 12:30 on 1 Jan 2021 in Beijing.
$ attain init --tz Asia/Shanghai >/dev/null && attain summary | grep '^time zone'
> time zone    Asia/Shanghai
$ printf 'name\n张伟\n' > p.csv && attain import people p.csv >/dev/null
# A Salesforce export in UTC.
$ printf 'Opportunity ID,Opportunity Owner,Amount,Stage,Close Date\n006A,张伟,100,Closed Won,2026-03-31T20:00:00Z\n006B,张伟,200,Closed Won,2026-03-31T15:59:59Z\n006C,张伟,300,Closed Won,2020-12-31T23:30:00-05:00\n006D,张伟,400,Closed Won,2026-03-31 20:00:00\n' > sf.csv && attain import deals sf.csv >/dev/null && attain ls deals --format csv | cut -d, -f1,14
> id,closed
> 006A,2026-04-01
> 006B,2026-03-31
> 006C,2021-01-01
> 006D,2026-03-31
$ attain metric won_value --period 2026-Q2 --format csv
> scope,period,metric,value
> company,2026-Q2,won_value,100.00
# Orders and activities too.
$ printf 'id,date,owner,amount\nSO1,2026-06-30T17:00:00Z,张伟,10\n' > o.csv && attain import orders o.csv >/dev/null && attain ls orders --format csv | cut -d, -f1,2
> id,date
> SO1,2026-07-01
# The same file in a New York database: 20:00Z on 31 March is 16:00 there.
$ attain --db ny.db init --tz America/New_York >/dev/null && attain --db ny.db import people p.csv >/dev/null && attain --db ny.db import deals sf.csv >/dev/null && attain --db ny.db ls deals --format csv | cut -d, -f1,14
> id,closed
> 006A,2026-03-31
> 006B,2026-03-31
> 006C,2020-12-31
> 006D,2026-03-31
# An unknown zone is refused at init; the zone of a database with data stays.
$ attain --db bad.db init --tz Mars/Base
? 2
! unknown time zone "Mars/Base"
$ test -e bad.db && echo created || echo none
> none
$ attain init --tz UTC
? 5
! its time zone cannot change to UTC
# The default is the machine's zone ($TZ, else /etc/localtime).
$ TZ=Europe/Berlin attain --db berlin.db init >/dev/null && attain --db berlin.db summary | grep '^time zone'
> time zone    Europe/Berlin
