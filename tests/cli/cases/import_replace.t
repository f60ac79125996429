# --replace makes the stored rows of a kind (with --period, those dated in the
# period) equal the file: rows missing from the export are removed with their
# order lines and split credits, the counts shown, all or nothing; confirmation
# is asked on a terminal, --yes skips it, without either it is refused; rows
# other rows refer to are not removed (issue 7).
$ attain init >/dev/null
$ printf 'name\n张伟\n李娜\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,date,customer_name,owner,amount\nSO1,2026-03-02,晨光,张伟,100\nSO1,2026-03-02,晨光,张伟,50\nSO2,2026-03-03,晨光,张伟:60%%;李娜:40%%,200\nSO3,2026-04-01,云帆,李娜,300\nSO4,2026-04-02,云帆,李娜,400\n' > o.csv && attain import orders o.csv >/dev/null
# The new export lacks SO2 (March) and SO4 (April) and the second line of SO1.
$ printf 'id,date,customer_name,owner,amount\nSO1,2026-03-02,晨光,张伟,100\nSO3,2026-04-01,云帆,李娜,330\nSO5,2026-04-05,云帆,李娜,500\n' > o2.csv
$ attain import orders o2.csv --replace </dev/null
? 2
! --replace removes the stored orders missing from o2.csv: run with --dry-run to see the counts, then confirm with --yes
$ attain import orders o2.csv --replace --dry-run | tail -n +2
> kind         inserted  updated  unchanged  removed
> -----------  --------  -------  ---------  -------
> orders              1        0          2        2
> order_lines         1        1          1        3
$ attain ls orders --format csv | wc -l
> 5
# Only April: SO4 goes; SO2 and the second line of SO1 (March) stay.
$ attain import orders o2.csv --replace --period 2026-04 --yes --format json | grep -A4 '"order' | tr -d ' ,' | grep -E '^"(orders|order_lines|removed)"'
> "orders":{
> "removed":1
> "order_lines":{
> "removed":1
$ attain ls orders --format csv
> id,date,customer,owner,unit,lines,amount,currency
> SO1,2026-03-02,晨光,张伟,,2,150.00,CNY
> SO2,2026-03-03,晨光,张伟:60%;李娜:40%,,1,200.00,CNY
> SO3,2026-04-01,云帆,李娜,,1,330.00,CNY
> SO5,2026-04-05,云帆,李娜,,1,500.00,CNY
# The whole kind: SO2 goes with its split credit (revenue of 李娜 is 330+500
# only, not 80 more from her 40 % of SO2), and SO1 loses its second line.
$ attain import orders o2.csv --replace --yes >/dev/null && attain ls orders --format csv | cut -d, -f1,6,7 | tr '\n' ' '
> id,lines,amount SO1,1,100.00 SO3,1,330.00 SO5,1,500.00 
$ attain metric revenue --period 2026 --scope person:李娜 --format csv | tail -1
> person:李娜,2026,revenue,830.00
# Rows other rows refer to are not removed: a customer with orders, a person who owns rows.
$ printf 'name\n晨光\n' > c.csv && attain import customers c.csv --replace --yes
? 5
! --replace would remove 1 customers that other rows refer to: 云帆 \(2 rows\); nothing was changed
$ printf 'name\n李娜\n' > p2.csv && attain import people p2.csv --replace --yes
? 5
! 张伟 \(张伟\) \(1 row\)
$ attain ls customers --format csv | wc -l
> 3
# --period needs --replace and a dated kind.
$ attain import orders o2.csv --period 2026-04
? 2
! --period goes with --replace
$ attain import customers c.csv --replace --period 2026 --yes
? 2
! --period: customers have no date
# On a terminal the question is asked; "n" writes nothing.
$ printf 'id,date,amount\nSO1,2026-03-02,100\n' > o3.csv && (sleep 1; printf 'n\n') | script -qec "attain import orders o3.csv --replace" /dev/null > out.txt; grep -c 'Write this, removing the rows counted' out.txt; grep -c 'nothing was written' out.txt; attain ls orders --format csv | wc -l
> 1
> 1
> 4
