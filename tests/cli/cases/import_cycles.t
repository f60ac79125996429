# Cycles made across two imports (A manages B in file 1, B manages A in file
# 2) are refused, naming the people (or units) in the cycle (issue 7).
$ attain init >/dev/null
$ printf 'id,name,manager\nA,甲,\nB,乙,A\nC,丙,B\n' > f1.csv && attain import people f1.csv >/dev/null
$ printf 'id,name,manager\nA,甲,C\n' > f2.csv && attain import people f2.csv
? 2
! ^f2.csv:2:manager: management cycle: 甲 → 丙 → 乙 → 甲
$ attain ls people --format csv | cut -d, -f1,5
> id,manager
> A,
> B,甲
> C,乙
# A manager that is not a cycle still changes.
$ printf 'id,name,manager\nC,丙,A\n' > f3.csv && attain import people f3.csv >/dev/null && attain ls people --format csv | cut -d, -f1,5 | tail -1
> C,甲
# Units: a parent chain that comes back.
$ printf 'id,name,parent\nU1,华东,\nU2,上海,U1\n' > u1.csv && attain import units u1.csv >/dev/null
$ printf 'id,name,parent\nU1,华东,U2\n' > u2.csv && attain import units u2.csv
? 2
! ^u2.csv:2:parent: unit cycle: 华东 → 上海 → 华东
$ attain ls units --format csv
> id,name,parent,path
> U1,华东,,华东
> U2,上海,华东,华东/上海
$ attain metric active_customers --by team --period 2026 >/dev/null
