# Two people named 张伟: an import row's owner is resolved by the row's unit
# (or team), or by the owner of the row's customer, where that decides it;
# otherwise the error lists the candidates with their employee numbers and
# units. The owner column also takes the employee number (工号) and the e-mail
# (issue 7).
$ attain init >/dev/null
$ printf '工号,姓名,部门,邮箱\nE1,张伟,华东/上海,zw1@example.com\nE7,张伟,华南/广州,ZW7@example.com\nE9,李娜,华南/广州,ln@example.com\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name,owner\nC1,晨光,E7\nC2,云帆,李娜\n' > c.csv && attain import customers c.csv >/dev/null
# No unit, no customer: the candidates are listed.
$ printf 'id,date,owner,amount\nSO1,2026-03-02,张伟,100\n' > o1.csv && attain import orders o1.csv
? 2
! ^o1.csv:2:owner: person "张伟" is ambiguous: 张伟 \(工号 E1, 华东/上海\); 张伟 \(工号 E7, 华南/广州\); give the employee number or e-mail, or the row's unit
# The row's unit decides (a unit above the person's works too); so does the customer's owner.
$ printf 'id,date,owner,unit,customer,amount\nSO1,2026-03-02,张伟,华东/上海,,100\nSO2,2026-03-03,张伟,华南,,200\nSO3,2026-03-04,张伟,,C1,300\n' > o2.csv && attain import orders o2.csv >/dev/null && attain ls orders --format csv | cut -d, -f1,4,5
> id,owner,unit
> SO1,张伟,华东/上海
> SO2,张伟,华南
> SO3,张伟,
$ attain ls orders --format json | grep -c '"owner": "张伟"'
> 3
# Which 张伟 each order went to: the customer's owner (E7) for SO3 (checked by credit to E7's unit).
$ attain metric revenue --period 2026-03 --scope unit:华南/广州 --format csv
> scope,period,metric,value
> unit:华南/广州,2026-03,revenue,500.00
$ attain metric revenue --period 2026-03 --scope unit:华东/上海 --format csv
> scope,period,metric,value
> unit:华东/上海,2026-03,revenue,100.00
# A customer owned by someone else does not decide; employee number and e-mail (any case) do.
$ printf 'id,date,owner,customer,amount\nSO4,2026-03-05,张伟,C2,1\n' > o3.csv && attain import orders o3.csv
? 2
! ^o3.csv:2:owner: person "张伟" is ambiguous
$ printf 'id,date,owner,amount\nSO5,2026-03-06,E1,10\nSO6,2026-03-07,zw7@EXAMPLE.com,20\n' > o4.csv && attain import orders o4.csv >/dev/null && attain metric revenue --period 2026-03-06..2026-03-07 --scope unit:华南/广州 --format csv | tail -1
> unit:华南/广州,2026-03-06..2026-03-07,revenue,20.00
$ printf 'date,type,owner\n2026-03-03,visit,ln@example.com\n' > a.csv && attain import activities a.csv >/dev/null && attain ls activities --format csv | cut -d, -f4
> owner
> 李娜
