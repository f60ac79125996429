# The incremental engine (issue 11 §1): after the first answer saves the
# snapshot, every committed change reaches the next process as changes applied
# over it (attain engine stats says how many), no rebuild; the figures equal
# sqlite3 over the store, and the runner's `attain engine check` after every
# import compares base + changes with a fresh build. Corrections, moved
# owners, deleted rows, deals changing stage, first orders, customers changed
# or added; org changes and texts the engine never saw rebuild.
$ attain init --tz UTC >/dev/null
$ printf 'id,name,manager\nM1,王经理,\nP1,张伟,M1\nP2,李娜,M1\nP3,赵六,\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,name,segment,tags\nC1,晨光,SMB,\nC2,云帆,SMB,重点;华东\nC3,远山,KA,\n' > c.csv && attain import customers c.csv >/dev/null
$ printf 'id,date,owner,customer,amount\nO1,2026-01-05,P1,C1,100\nO2,2026-02-10,P2,C2,200\nO3,2026-03-15,P1,C2,300\nO4,2026-04-20,P3,C3,400\nO5,2026-12-28,P3,C1,5\n' > o.csv && attain import orders o.csv >/dev/null
$ printf 'id,customer,owner,amount,stage,probability,created,expected_close,closed\nD1,C1,P1,1000,Proposal,50%%,2026-01-05,2026-06-20,\nD2,C2,P2,2000,Won,100%%,2026-01-05,2026-03-15,2026-03-10\n' > d.csv && attain import deals d.csv >/dev/null
$ attain metric revenue --period 2026 --as-of 2026-12-31 --format csv
> scope,period,metric,value
> company,2026,revenue,1005.00
$ test -f test.db.engine && attain engine stats | grep -c changes
> 0
? 1
# A new order: one change over the snapshot, which stays as it was.
$ cp test.db.engine base.engine && printf 'id,date,owner,customer,amount\nO6,2026-05-01,P2,C1,50.50\n' > n.csv && attain import orders n.csv >/dev/null
$ attain engine stats | grep changes
> changes     1 rows applied over the snapshot
$ cmp test.db.engine base.engine && echo kept
> kept
$ attain metric revenue --period 2026 --as-of 2026-12-31 --by person --format csv
> scope,period,metric,value
> person:张伟,2026,revenue,400.00
> person:李娜,2026,revenue,250.50
> person:王经理,2026,revenue,0.00
> person:赵六,2026,revenue,405.00
$ sqlite3 test.db "SELECT printf('%.2f', SUM(amount_rc) / 100.0) FROM order_lines"
> 1055.50
# A correction and a moved owner: O1's amount, O3 from 张伟 to 赵六.
$ printf 'id,date,owner,customer,amount\nO1,2026-01-05,P1,C1,110\nO3,2026-03-15,P3,C2,300\n' > fix.csv && attain import orders fix.csv >/dev/null
$ attain engine stats | grep changes
> changes     3 rows applied over the snapshot
$ attain metric revenue --period 2026 --as-of 2026-12-31 --by person --format csv
> scope,period,metric,value
> person:张伟,2026,revenue,110.00
> person:李娜,2026,revenue,250.50
> person:王经理,2026,revenue,0.00
> person:赵六,2026,revenue,705.00
$ attain metric revenue --period 2026 --as-of 2026-12-31 --scope team:王经理 --format csv
> scope,period,metric,value
> team:王经理,2026,revenue,360.50
# New customers: 云帆's first order moves earlier (O7, a new order); 晨光 gets an
# order O0 on the day of its first, O1: the smaller order id, O0, is first now.
$ printf 'id,date,owner,customer,amount\nO7,2026-01-06,P2,C2,10\nO0,2026-01-05,P2,C1,1\n' > first.csv && attain import orders first.csv >/dev/null
$ attain engine stats | grep changes
> changes     5 rows applied over the snapshot
$ attain metric new_customers --period 2026-01 --as-of 2026-12-31 --by person --format csv
> scope,period,metric,value
> person:张伟,2026-01,new_customers,0
> person:李娜,2026-01,new_customers,2
> person:王经理,2026-01,new_customers,0
> person:赵六,2026-01,new_customers,0
$ attain metric active_customers --period 2026-Q1 --as-of 2026-12-31 --scope team:王经理 --format csv
> scope,period,metric,value
> team:王经理,2026-Q1,active_customers,2
# A deal won, another added; pipeline and won value follow.
$ printf 'id,customer,owner,amount,stage,probability,created,expected_close,closed\nD1,C1,P1,1000,Won,100%%,2026-01-05,2026-06-20,2026-06-01\nD3,C3,P3,700,Proposal,40%%,2026-02-01,2026-06-30,\n' > d2.csv && attain import deals d2.csv >/dev/null
$ attain engine stats | grep changes
> changes     7 rows applied over the snapshot
$ attain metric won_value --period 2026 --as-of 2026-12-31 --format csv && attain metric pipeline --period 2026-Q2 --as-of 2026-05-01 --format csv | tail -1
> scope,period,metric,value
> company,2026,won_value,3000.00
> company,2026-Q2,pipeline,1700.00
# Payments and activities too.
$ printf 'id,date,owner,customer,amount\nPM1,2026-03-01,P1,C1,80\n' > pay.csv && attain import payments pay.csv >/dev/null && printf 'id,type,date,owner,customer\nA1,visit,2026-03-02,P2,C2\nA2,call,2026-03-03,P2,C2\n' > act.csv && attain import activities act.csv >/dev/null
$ attain engine stats | grep changes
> changes     10 rows applied over the snapshot
$ attain metric collections --period 2026 --as-of 2026-12-31 --format csv | tail -1 && attain metric visits --period 2026 --as-of 2026-12-31 --scope person:李娜 --format csv | tail -1
> company,2026,collections,80.00
> person:李娜,2026,visits,1
# Deleted rows (--replace over March): O3 goes.
$ printf 'id,date,owner,customer,amount\n' > none.csv && attain import orders none.csv --replace --period 2026-03 --yes >/dev/null
$ sqlite3 test.db "SELECT printf('%.2f', SUM(amount_rc) / 100.0) FROM order_lines"
> 776.50
$ attain metric revenue --period 2026 --as-of 2026-12-31 --format csv | tail -1
> company,2026,revenue,776.50
$ attain engine stats | grep changes
> changes     10 rows applied over the snapshot
# Customers changed: a new segment of an existing one, a new customer with
# its first order, new tags — changes over the snapshot, which stays as it
# was; the runner's engine check compares every customer with a fresh build.
$ printf 'id,name,segment,tags\nC1,晨光,KA,重点\nC3,远山,KA,重点;华东\n' > c2.csv && attain import customers c2.csv >/dev/null
$ attain engine stats | grep changes
> changes     12 rows applied over the snapshot
$ cmp test.db.engine base.engine && echo kept
> kept
$ attain metric revenue --period 2026 --as-of 2026-12-31 --where segment=KA --format csv | tail -1
> company,2026,revenue,566.50
$ sqlite3 test.db "SELECT printf('%.2f', SUM(l.amount_rc) / 100.0) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id WHERE c.segment = 'KA'"
> 566.50
$ attain metric revenue --period 2026 --as-of 2026-12-31 --where tag=华东 --format csv | tail -1
> company,2026,revenue,610.00
$ sqlite3 test.db "SELECT printf('%.2f', SUM(l.amount_rc) / 100.0) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id WHERE ';' || c.tags || ';' LIKE '%;华东;%'"
> 610.00
$ printf 'id,name,segment\nC4,新客,SMB\n' > c4.csv && attain import customers c4.csv >/dev/null && printf 'id,date,owner,customer,amount\nO9,2026-08-08,P2,C4,70\n' > o9.csv && attain import orders o9.csv >/dev/null
$ attain engine stats | grep changes
> changes     14 rows applied over the snapshot
$ attain metric new_customers --period 2026-08 --as-of 2026-12-31 --by person --format csv | grep 李娜
> person:李娜,2026-08,new_customers,1
$ attain metric revenue --period 2026-08 --as-of 2026-12-31 --where segment=SMB --format csv | tail -1
> company,2026-08,revenue,70.00
$ cmp test.db.engine base.engine && echo kept
> kept
# A segment the engine never saw cannot be applied over it: rebuilt (and
# saved: no changes over the new one).
$ printf 'id,name,segment\nC2,云帆,VIP\n' > c5.csv && attain import customers c5.csv >/dev/null
$ attain engine stats | grep -c changes
> 0
? 1
$ cmp -s test.db.engine base.engine || echo rebuilt
> rebuilt
$ attain metric revenue --period 2026 --as-of 2026-12-31 --where segment=VIP --format csv | tail -1
> company,2026,revenue,210.00
$ sqlite3 test.db "SELECT printf('%.2f', SUM(l.amount_rc) / 100.0) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id WHERE c.segment = 'VIP'"
> 210.00
# A large import (4 MiB and more) logs one "everything changed" instead of a
# trigger per row, and puts the triggers back in the same transaction: the
# next answer rebuilds; later small imports are changes again.
$ attain metric revenue --period 2026 --as-of 2026-12-31 >/dev/null && awk 'BEGIN{print "id,date,owner,customer,amount"; for(i=1;i<=140000;i++) printf "B%06d,2026-%02d-%02d,P%d,C%d,%d.%02d\n", i, i%12+1, i%28+1, i%3+1, i%3+1, i%1000+1, i%100}' > big.csv && test $(stat -c %s big.csv) -ge 4194304 && attain import orders big.csv >/dev/null
$ sqlite3 test.db "SELECT src, row_id FROM engine_changes WHERE seq > (SELECT seq FROM engine_tokens ORDER BY seq DESC LIMIT 1 OFFSET 1); SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'engine%'"
> 8|0
> 30
$ attain engine stats | grep -c changes
> 0
? 1
$ attain metric revenue --period 2026 --as-of 2026-12-31 --format csv | tail -1 && sqlite3 test.db "SELECT printf('%.2f', SUM(amount_rc) / 100.0) FROM order_lines"
> company,2026,revenue,70140146.50
> 70140146.50
$ printf 'id,date,owner,customer,amount\nO8,2026-07-07,P1,C2,1\n' > after.csv && attain import orders after.csv >/dev/null && attain engine stats | grep changes
> changes     1 rows applied over the snapshot
