# Provenance by reference (migration 015, issue 11 §2): every data row keeps
# the file it came from as source_id → source_files (name, BLAKE2b-256 of the
# bytes, size, first imported), not the name as text on every row. A database
# of schema 14 (rows with `source` text) is migrated: one file row per name
# (hash '' = not known), every row pointing at its name, the `source` column
# gone, the listings as before. New imports name the version of the file.
$ for f in "$TESTS"/../src/store/migrations/00[1-9]_*.sql "$TESTS"/../src/store/migrations/01[0-4]_*.sql; do cat "$f"; done | sqlite3 test.db && sqlite3 test.db "PRAGMA user_version = 14; INSERT INTO meta(key, value) VALUES ('currency', 'CNY'); INSERT INTO units (id, ext_id, name, path, source, source_line, row_hash) VALUES (1, 'U1', '华东', '华东', 'units.csv', 2, 0); INSERT INTO people (id, ext_id, name, unit_id, source, source_line, row_hash) VALUES (1, 'P1', '张伟', 1, 'people.csv', 2, 0), (2, 'P2', '李娜', 1, NULL, NULL, 0); INSERT INTO customers (id, ext_id, name, source, source_line, row_hash) VALUES (1, 'C1', '晨光', 'customers.csv', 2, 0); INSERT INTO orders (id, ext_id, date, customer_id, owner_id, currency, source, source_line, row_hash) VALUES (1, 'SO1', '2026-03-02', 1, 1, 'CNY', 'orders.csv', 2, 0); INSERT INTO order_lines (id, ext_id, order_id, line, amount, amount_rc, source, source_line, row_hash) VALUES (1, 'SO1#1', 1, '1', 10010, 10010, 'orders.csv', 2, 0), (2, 'SO1#2', 1, '2', 5000, 5000, 'orders.csv', 3, 0)"
$ attain ls orders --format csv
> id,date,customer,owner,unit,lines,amount,currency
> SO1,2026-03-02,晨光,张伟,,2,150.10,CNY
$ sqlite3 test.db "PRAGMA user_version; SELECT id, path, hash, size FROM source_files ORDER BY id"
> 15
> 1|customers.csv||
> 2|orders.csv||
> 3|people.csv||
> 4|units.csv||
# Each row's file and line, as the rows said before.
$ sqlite3 test.db "SELECT 'u', u.ext_id, f.path, u.source_line FROM units u JOIN source_files f ON f.id = u.source_id UNION ALL SELECT 'p', p.ext_id, f.path, p.source_line FROM people p LEFT JOIN source_files f ON f.id = p.source_id UNION ALL SELECT 'c', c.ext_id, f.path, c.source_line FROM customers c JOIN source_files f ON f.id = c.source_id UNION ALL SELECT 'o', o.ext_id, f.path, o.source_line FROM orders o JOIN source_files f ON f.id = o.source_id UNION ALL SELECT 'l', l.ext_id, f.path, l.source_line FROM order_lines l JOIN source_files f ON f.id = l.source_id"
> u|U1|units.csv|2
> p|P1|people.csv|2
> p|P2||
> c|C1|customers.csv|2
> o|SO1|orders.csv|2
> l|SO1#1|orders.csv|2
> l|SO1#2|orders.csv|3
# No data table keeps the text column.
$ for t in units people customers deals orders order_lines payments activities surveys markets holidays rates; do sqlite3 test.db "SELECT '$t', (SELECT count(*) FROM pragma_table_info('$t') WHERE name = 'source'), (SELECT count(*) FROM pragma_table_info('$t') WHERE name = 'source_id')"; done | tr '\n' ' '
> units|0|1 people|0|1 customers|0|1 deals|0|1 orders|0|1 order_lines|0|1 payments|0|1 activities|0|1 surveys|0|1 markets|0|1 holidays|0|1 rates|0|1 
# A new import of orders.csv: the rows it wrote name this version (its hash
# and size, checked with b2sum); a later version with one line changed
# names that line only, the other keeps the version it came from.
$ printf 'id,line,date,customer,owner,amount\nSO1,1,2026-03-02,C1,张伟,100.10\nSO1,2,2026-03-02,C1,张伟,50\n' > orders.csv && attain import orders orders.csv | tail -n 2
> orders              0        1          0
> order_lines         0        2          0
$ sqlite3 test.db "SELECT path, hash, size FROM source_files WHERE id = (SELECT source_id FROM order_lines WHERE ext_id = 'SO1#2')" > f.txt && echo "orders.csv|$(b2sum -l 256 orders.csv | cut -d' ' -f1)|$(wc -c < orders.csv)" | diff f.txt - && cut -d'|' -f3 f.txt
> 99
$ sed -i 's/,50$/,55/' orders.csv && attain import orders orders.csv | tail -n 1 && sqlite3 test.db "SELECT l.ext_id, l.source_line, f.id, f.size FROM order_lines l JOIN source_files f ON f.id = l.source_id ORDER BY l.id; SELECT count(*) FROM source_files WHERE path = 'orders.csv'"
> order_lines         0        1          1
> SO1#1|2|5|99
> SO1#2|3|6|99
> 3
