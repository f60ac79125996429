# A --where (or goal --filter) value that no row of its field holds, at all,
# is refused with the nearest values (issue 8); it used to answer 0 with
# success. A value that exists but has no rows in the period is a real zero.
$ attain init >/dev/null
$ printf 'name,unit,manager\n王芳,华东/上海/一组,\n李强,华东/上海/一组,王芳\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name,segment,region,tags\nC1,Acme,Consumer,East,vip\nC2,Bolt,Corporate,West,\nC3,Cask,Home Office,East,\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,owner,customer,amount\nO1,2026-01-05,李强,C1,100.50\nO2,2026-02-05,李强,C2,200\nO3,2025-03-05,李强,C3,300\nO4,2026-03-01,李强,C1,50\n' > orders.csv && attain import orders orders.csv >/dev/null
# By hand: Consumer in 2026 is O1 + O4 = 100.50 + 50.
$ attain metric revenue --period 2026 --where segment=Consumer --format csv
> scope,period,metric,value
> company,2026,revenue,150.50
# Home Office exists (O3, 2025) but has no row in 2026: a real zero.
$ attain metric revenue --period 2026 --where "segment=Home Office" --format csv
> scope,period,metric,value
> company,2026,revenue,0.00
$ attain metric revenue --period 2026 --where segment=Consumr
? 3
! ^attain: no segment is 'Consumr'; nearest: Consumer, Corporate$
# Values match exactly, as the filter does; the nearest ignores ASCII case.
$ attain metric revenue --period 2026 --where segment=consumer
? 3
! ^attain: no segment is 'consumer'; nearest: Consumer
$ attain metric revenue --period 2026 --where region=Wst --format csv
? 3
! ^attain: no region is 'Wst'; nearest: West, East$
# Nothing near: the values the data has.
$ attain metric revenue --period 2026 --where tag=zzz
? 3
! ^attain: no tag is 'zzz'; the data has: vip$
# Every command that takes --where, and goal add --filter (nothing saved).
$ attain report sales --period 2026 --where segment=Consumr
? 3
! ^attain: no segment is 'Consumr'
$ attain report leaderboard revenue --period 2026 --where region=Wst
? 3
! ^attain: no region is 'Wst'
$ attain explain revenue --period 2026 --where segment=Consumr
? 3
! ^attain: no segment is 'Consumr'
$ attain goal add --metric revenue --period 2026 --target 1000 --filter segment=Consumr
? 3
! ^attain: no segment is 'Consumr'; nearest: Consumer, Corporate$
$ attain goal ls --format csv | wc -l
> 1
$ attain goal add --metric revenue --period 2026 --target 1000 --filter segment=Consumer >/dev/null && attain goal ls --format csv | cut -d, -f9
> filter
> segment=Consumer
