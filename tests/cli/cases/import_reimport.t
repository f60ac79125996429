# Re-importing an unchanged file writes nothing and changes no figure (issue
# 11 §2): every row unchanged, counts, sums and provenance identical (read with
# sqlite3); in the file's order, another order, and with one line changed.
# Order lines are numbered per order: a number seen twice for one order is a
# duplicate even when the order's lines are apart; "01" is not "1".
$ attain init >/dev/null
$ printf 'name\n张伟\n李娜\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,line,date,customer_name,owner,amount\nSO1,1,2026-03-02,晨光,张伟,100.10\nSO1,2,2026-03-02,晨光,张伟,50\nSO2,1,2026-03-03,云帆,李娜:60%%;张伟:40%%,200\nSO3,1,2026-04-01,云帆,李娜,300\nSO1,3,2026-03-02,晨光,张伟,7.25\nSO3,A,2026-04-01,云帆,李娜,1\nSO3,01,2026-04-01,云帆,李娜,2\n' > o.csv
$ attain import orders o.csv | tail -n 3
> customers           2        0          0
> orders              3        0          0
> order_lines         7        0          0
$ sqlite3 test.db "SELECT count(*), sum(amount), sum(amount_rc), sum(source_line), sum(row_hash % 1000) FROM order_lines; SELECT count(*), sum(source_line), (SELECT count(*) FROM credit_splits) FROM orders" > before.txt && cut -d'|' -f1-4 before.txt
> 7|66035|66035|35
> 3|11|2
$ attain import orders o.csv | tail -n 2
> orders              0        0          3
> order_lines         0        0          7
$ sqlite3 test.db "SELECT count(*), sum(amount), sum(amount_rc), sum(source_line), sum(row_hash % 1000) FROM order_lines; SELECT count(*), sum(source_line), (SELECT count(*) FROM credit_splits) FROM orders" | diff before.txt - && echo same
> same
# The same rows in reverse order: still nothing written.
$ (head -1 o.csv; tail -n +2 o.csv | tac) > r.csv && attain import orders r.csv | tail -n 2
> orders              0        0          3
> order_lines         0        0          7
# One amount changed in the middle: one line updated, the sum moves by 99.
$ sed 's/^SO2,1,\(.*\),200$/SO2,1,\1,299/' o.csv > o2.csv && attain import orders o2.csv | tail -n 2
> orders              0        0          3
> order_lines         0        1          6
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines"
> 7|75935
# Line 1 of SO1 again, after other orders: a duplicate, nothing imported.
$ printf 'id,line,date,customer_name,owner,amount\nSO1,1,2026-03-02,晨光,张伟,100.10\nSO2,1,2026-03-03,云帆,李娜,200\nSO1,1,2026-03-02,晨光,张伟,5\n' > dup.csv && attain import orders dup.csv
? 2
! ^dup.csv:4:line: duplicate order line "SO1#1" \(first on line 2\)
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines"
> 7|75935
# Right after the first, and after a line out of order (2 then 1 of SO9).
$ printf 'id,line,date,customer_name,owner,amount\nSO1,1,2026-03-02,晨光,张伟,100.10\nSO1,1,2026-03-02,晨光,张伟,5\nSO9,2,2026-03-02,晨光,张伟,1\nSO9,1,2026-03-02,晨光,张伟,1\nSO9,2,2026-03-02,晨光,张伟,1\nSO9,3,2026-03-02,晨光,张伟,1\nSO8,1,2026-03-02,晨光,张伟,1\nSO8,2,2026-03-02,晨光,张伟,1\nSO7,1,2026-03-02,晨光,张伟,1\nSO8,2,2026-03-02,晨光,张伟,1\nSO8,3,2026-03-02,晨光,张伟,1\nSO8,1,2026-03-02,晨光,张伟,1\n' > dup2.csv && attain import orders dup2.csv
? 2
! ^dup2.csv:3:line: duplicate order line "SO1#1" \(first on line 2\)
! ^dup2.csv:6:line: duplicate order line "SO9#2" \(first on line 4\)
! ^dup2.csv:11:line: duplicate order line "SO8#2" \(first on line 9\)
! and 1 more rows like the one above
! 4 bad rows
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines"
> 7|75935
