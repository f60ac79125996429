# --as-of means "as known on that day" everywhere (product.md): actuals run
# through the day, a period not begun is 0 (empty for a ratio), never a
# running sum read backwards. Expected figures come from sqlite3 SQL over the
# stored rows, not from the engine.
$ attain demo --as-of 2026-11-26 >/dev/null && echo ok
> ok
# No goal shows a negative actual on any of these days: before the year,
# its first day, quarter and month edges, inside, its last day, after it.
# (The whole of 2026 was run once by hand: no negative actual on any day.)
$ for d in 2025-12-31 2026-01-01 2026-03-31 2026-04-01 2026-05-15 2026-06-30 2026-09-15 2026-11-26 2026-12-31 2027-01-01; do attain goal status --as-of $d --format csv | awk -F, -v d=$d 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "actual") c = i } NR > 1 && $c ~ /^-/ { print d, $1, $c }'; done | wc -l | tr -d ' '
> 0
# The company Q3 goal as of 03-31 (it showed -133,954,515.00): 0.
$ attain goal status --as-of 2026-03-31 --format csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "actual") c = i; if ($i == "period") p = i; if ($i == "scope") s = i } } NR > 1 && $s == "company" && $p == "2026-Q3" { print $c }'
> 0.00
$ attain metric revenue --period 2026-Q3 --as-of 2026-03-31 --format csv | tail -1
> company,2026-Q3,revenue,0.00
$ attain metric revenue --period 2026-Q3 --scope unit:华东 --as-of 2026-03-31 --format csv | tail -1
> unit:华东,2026-Q3,revenue,0.00
# Revenue of the year as of 03-31 = Σ order lines dated 2026-01-01..03-31.
$ a=$(attain metric revenue --period 2026 --as-of 2026-03-31 --format csv | tail -1 | cut -d, -f4); b=$(sqlite3 test.db "SELECT printf('%.2f', SUM(l.amount_rc) / 100.0) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.date BETWEEN '2026-01-01' AND '2026-03-31'"); [ "$a" = "$b" ] && echo same
> same
# Retention of 2026 as of 03-31: of the customers with an order in 2025, the
# share with one in 2026-01-01..03-31 (before: through November).
$ a=$(attain metric retention_rate --period 2026 --as-of 2026-03-31 --format csv | tail -1 | cut -d, -f4); b=$(sqlite3 test.db "WITH a AS (SELECT DISTINCT o.customer_id c FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.date BETWEEN '2025-01-01' AND '2025-12-31' AND o.customer_id IS NOT NULL), b AS (SELECT DISTINCT o.customer_id c FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.date BETWEEN '2026-01-01' AND '2026-03-31') SELECT printf('%.4f', (SELECT COUNT(*) FROM a WHERE c IN (SELECT c FROM b)) * 1.0 / (SELECT COUNT(*) FROM a))"); [ "$a" = "$b" ] && echo "same $a"
> same 0.5795
# goal status agrees with metric --as-of (the retention goal of 2026).
$ attain goal status --as-of 2026-03-31 --format csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "actual") c = i; if ($i == "metric") m = i } } NR > 1 && $m == "retention_rate" { print $c }'
> 0.5795
# A half that has not begun has no retention yet (it showed 57.9 %).
$ attain metric retention_rate --period 2026-H2 --as-of 2026-03-31 --format csv | tail -1
> company,2026-H2,retention_rate,
# Market share of 2026 as of 06-30: revenue through 06-30 over the 2026
# market of the regions (总部 sells nothing and has no market size).
$ a=$(attain metric market_share --period 2026 --as-of 2026-06-30 --format csv | tail -1 | cut -d, -f4); b=$(sqlite3 test.db "SELECT printf('%.4f', (SELECT SUM(l.amount_rc) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.date BETWEEN '2026-01-01' AND '2026-06-30') * 1.0 / (SELECT SUM(amount_rc) FROM markets WHERE period = '2026'))"); [ "$a" = "$b" ] && echo "same $a"
> same 0.0374
# active customers as of 02-15 = distinct customers ordering 01-01..02-15.
$ a=$(attain metric active_customers --period 2026-Q1 --as-of 2026-02-15 --format csv | tail -1 | cut -d, -f4); b=$(sqlite3 test.db "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.date BETWEEN '2026-01-01' AND '2026-02-15'"); [ "$a" = "$b" ] && echo same
> same
# explain says why a market share is empty instead of 0.00 / 0.00.
$ attain explain market_share --period 2026 --scope unit:总部 | grep -c 'empty, no market size for 总部 2026'
> 1
