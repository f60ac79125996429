# An unchanged file imported again is not read row by row (issue 11 §2,
# app/import_skip.h): same bytes, same options, nothing written since the last
# import of the kind → every row reported unchanged, the same report and
# `imports` row as the row-by-row path, nothing written. How a step shows it
# was skipped: a stored row's hash poked with sqlite3 (a provenance column: no
# trigger logs it, the data key does not move) is not seen by a skip, while
# the row-by-row path finds that row different and rewrites it (updated 1).
$ attain init >/dev/null
$ printf 'id,name,segment\nC1,晨光,大客户\nC2,云帆,中小\n' > c.csv && attain import customers c.csv >/dev/null
$ printf 'name\n张伟\n李娜\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,line,date,customer,owner,amount,note\nSO1,1,2026-03-02,C1,张伟,100.10,a\nSO1,2,2026-03-02,C1,张伟,50,b\nSO2,1,2026-03-03,C2,李娜:60%%;张伟:40%%,200,c\nSO3,1,2026-04-01,C2,李娜,300,d\n' > o.csv
$ attain import orders o.csv | tail -n +2
> kind         inserted  updated  unchanged
> -----------  --------  -------  ---------
> orders              3        0          0
> order_lines         4        0          0
> ignored columns: note
$ sqlite3 test.db "SELECT count(*), sum(amount), sum(amount_rc), sum(source_line), sum(row_hash % 1000) FROM order_lines; SELECT count(*), sum(source_line), (SELECT count(*) FROM credit_splits) FROM orders" > before.txt && cut -d'|' -f1-4 before.txt
> 4|65010|65010|14
> 3|11|2
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'"
# Skipped: the poked row is not seen; the report is the row-by-row one.
$ attain import orders o.csv | tail -n +2
> kind         inserted  updated  unchanged
> -----------  --------  -------  ---------
> orders              0        0          3
> order_lines         0        0          4
> ignored columns: note
$ attain import orders o.csv | head -1
~ ^o.csv: 4 rows \(utf-8, comma\) in [0-9.]+ s, [0-9]+ rows/s$
$ sqlite3 test.db "SELECT kind, source, rows, inserted, updated, unchanged FROM imports WHERE kind = 'orders'"
> orders|o.csv|4|7|0|0
> orders|o.csv|4|0|0|7
> orders|o.csv|4|0|0|7
$ sqlite3 test.db "UPDATE order_lines SET row_hash = (SELECT row_hash FROM order_lines WHERE ext_id = 'SO1#1') WHERE ext_id = 'SO3#1'; SELECT count(*), sum(amount), sum(amount_rc), sum(source_line) FROM order_lines" && cut -d'|' -f1-4 before.txt | head -1
> 4|65010|65010|14
> 4|65010|65010|14
# --dry-run and JSON say what they say today.
$ attain import orders o.csv --dry-run | sed -n '1s/ in .*—/ —/p;2,$p'
> o.csv: 4 rows (utf-8, comma) — dry run, nothing written
> kind         inserted  updated  unchanged
> -----------  --------  -------  ---------
> orders              0        0          3
> order_lines         0        0          4
> ignored columns: note
$ attain import orders o.csv --format json | tr -d ' \n'
> {"file":"o.csv","kind":"orders","rows":4,"written":true,"dry_run":false,"encoding":"utf-8","delimiter":",","tables":{"orders":{"inserted":0,"updated":0,"unchanged":3},"order_lines":{"inserted":0,"updated":0,"unchanged":4}},"errors":[],"bad_rows":0,"ignored_columns":"note"}
# The same bytes under another name: the same rows, skipped.
$ cp o.csv same.csv && attain import orders same.csv | tail -n +4 | head -2
> orders              0        0          3
> order_lines         0        0          4
# One byte changed (SO2's amount 200 → 209): the row-by-row path, which also
# finds the poked row (set back to a wrong hash first).
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'"
$ sed 's/,200,c$/,209,c/' o.csv > o2.csv && attain import orders o2.csv | tail -n +4
> orders              0        0          3
> order_lines         0        2          2
> ignored columns: note
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines"
> 4|65910
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'" && attain import orders o2.csv | tail -n +4 | head -2
> orders              0        0          3
> order_lines         0        0          4
# Another import changed the table since (SO4 added): the row-by-row path,
# right result.
$ printf 'id,line,date,customer,owner,amount\nSO4,1,2026-05-01,C1,张伟,40\n' > o4.csv && attain import orders o4.csv | tail -n 2
> orders              1        0          0
> order_lines         1        0          0
$ attain import orders o2.csv | tail -n +4
> orders              0        0          3
> order_lines         0        1          3
> ignored columns: note
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines"
> 5|69910
# Another kind's import that writes moves the data state too: row by row.
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'"
$ printf 'id,name,segment\nC3,远山,中小\n' > c3.csv && attain import customers c3.csv >/dev/null && attain import orders o2.csv | tail -n +5 | head -1
> order_lines         0        1          3
# --replace is another option: row by row (SO4 removed); then the same
# --replace again is skipped (nothing to remove), and without --replace it is
# another option again.
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'"
$ attain import orders o2.csv --replace --yes | tail -n +2
> kind         inserted  updated  unchanged  removed
> -----------  --------  -------  ---------  -------
> orders              0        0          3        1
> order_lines         0        1          3        1
> ignored columns: note
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'" && attain import orders o2.csv --replace --yes | tail -n +4
> orders              0        0          3        0
> order_lines         0        0          4        0
> ignored columns: note
$ attain import orders o2.csv | tail -n +5 | head -1
> order_lines         0        1          3
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines; SELECT count(*) FROM orders"
> 4|65910
> 3
# Another mapping of the same file is another option.
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO3#1'" && attain import orders o2.csv --map customer=customer | tail -n +5 | head -1
> order_lines         0        1          3
# An import that made rows of another kind on the way (customers by name) is
# not marked: its counts are not what a re-import counts. The one after is.
$ printf 'id,line,date,customer_name,owner,amount\nSO7,1,2026-06-01,新客,张伟,70\n' > o7.csv && attain import orders o7.csv | tail -n 3
> customers           1        0          0
> orders              1        0          0
> order_lines         1        0          0
$ attain import orders o7.csv | tail -n 2
> orders              0        0          1
> order_lines         0        0          1
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO7#1'" && attain import orders o7.csv | tail -n 2
> orders              0        0          1
> order_lines         0        0          1
# People: a manager made from a name is counted once; a mark needs an import
# that inserted nobody.
$ printf 'name,manager\n王芳,赵总\n' > p2.csv && attain import people p2.csv | tail -n 1
> people         2        0          0
$ attain import people p2.csv | tail -n 1
> people         0        0          1
$ sqlite3 test.db "UPDATE people SET row_hash = 0 WHERE name = '王芳'" && attain import people p2.csv | tail -n 1
> people         0        0          1
$ sqlite3 test.db "SELECT count(*) FROM people"
> 4
# stdin is never skipped (read once, by the import).
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'SO7#1'" && attain import orders - < o7.csv | tail -n 1
> order_lines         0        1          0
# A large file (4 MiB and more: one "everything changed" in the change log
# instead of a trigger per row) read row by row without writing anything
# takes that change back: the log's newest seq stays, the snapshot stays good
# (no rebuild), and the next import of it is skipped. One that writes keeps it.
$ awk 'BEGIN{print "id,line,date,customer,owner,amount"; for(i=1;i<=150000;i++) printf "B%06d,1,2026-%02d-%02d,C%d,张伟,%d.%02d\n", i, i%12+1, i%28+1, i%2+1, i%1000+1, i%100}' > big.csv && test $(stat -c %s big.csv) -ge 4194304 && attain import orders big.csv | tail -n 2
> orders         150000        0          0
> order_lines    150000        0          0
$ sqlite3 test.db "SELECT src FROM engine_changes ORDER BY seq DESC LIMIT 1"
> 8
$ attain metric revenue --period 2026 >/dev/null && sqlite3 test.db "SELECT max(seq) FROM engine_changes" > seq.txt && attain import orders big.csv --map amount=amount | tail -n 2
> orders              0        0     150000
> order_lines         0        0     150000
$ sqlite3 test.db "SELECT max(seq) FROM engine_changes" | diff seq.txt - && echo same
> same
$ sqlite3 test.db "UPDATE order_lines SET row_hash = 0 WHERE ext_id = 'B000007#1'" && attain import orders big.csv --map amount=amount | tail -n 1
> order_lines         0        0     150000
$ sqlite3 test.db "SELECT count(*), sum(amount) FROM order_lines WHERE ext_id LIKE 'B%'" > a.txt && awk -F, 'NR>1{split($6,a,"."); s+=a[1]*100+a[2]; n++} END{printf "%.0f|%.0f\n", n, s}' big.csv | diff a.txt - && echo same
> same
