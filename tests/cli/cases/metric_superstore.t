#skip-without-data
# Tableau Superstore: revenue, orders, active_customers, new_customers and
# retention_rate per quarter of 2011..2014, per region and for the company,
# against sqlite3 over the raw Orders.csv. The regions are the units (from
# People.csv) and every order is credited to its Region unit, to no person.
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/tableau_superstore_us/People.csv" >/dev/null
$ attain import orders "$DATA/tableau_superstore_us/Orders.csv" >/dev/null
$ attain engine check >/dev/null
# Customer CS-12355's first day (2011-08-15) has two orders in two regions.
# On a tie the first order is the one with the smallest order id (product.md):
# CA-2011-109043 (South, Row ID 8995), though CA-2011-141005 (East, Row ID
# 6793) comes first in the file and so is stored first.
$ attain ls orders --format csv | grep -E '^CA-2011-(141005|109043),' | cut -d, -f1,5
> CA-2011-141005,East
> CA-2011-109043,South
# metrics.sh "PERIODS" [ARGS]: the five metrics over each period, data rows only.
$ printf 'ps=$1; shift; for p in $ps; do for m in revenue orders active_customers new_customers retention_rate; do attain metric $m --period $p "$@" --format csv | tail -n +2; done; done\n' > metrics.sh && for y in 2011 2012 2013 2014; do for q in 1 2 3 4; do echo $y-Q$q; done; done > quarters.txt
# The reference. lines: every order line with its cents (rounded half away
# from zero) and its quarter number qi = 4 x year + (month - 1) / 3.
# first: each customer's first order line (earliest date, then the smallest
# Order ID, then the smallest Row ID). act: who is active where and when.
$ sqlite3 ref.db ".import --csv $DATA/tableau_superstore_us/Orders.csv o" "create table lines as select cast(\"Row ID\" as integer) as row, \"Order ID\" as oid, \"Order Date\" as date, \"Customer ID\" as cust, Region as region, cast(round(Sales * 100 + (case when Sales >= 0 then 1e-6 else -1e-6 end)) as integer) as cents, cast(substr(\"Order Date\", 1, 4) as integer) * 4 + (cast(substr(\"Order Date\", 6, 2) as integer) - 1) / 3 as qi, substr(\"Order Date\", 1, 4) || '-Q' || ((cast(substr(\"Order Date\", 6, 2) as integer) - 1) / 3 + 1) as quarter from o" "create table quarters as select distinct qi, quarter from lines" "create table first as select cust, region, qi from (select *, row_number() over (partition by cust order by date, oid, row) as n from lines) where n = 1" "create table act as select distinct region, cust, qi from lines" "select count(*), sum(cents), (select count(*) from quarters), (select count(*) from first) from lines" "select cust, region, quarter from first join quarters using (qi) where cust in ('CS-12355', 'EM-13960')"
> 9994|229720107|16|793
> CS-12355|South|2011-Q3
> EM-13960|Central|2012-Q4
# Per scope (unit:REGION or company) and quarter: revenue in cents, orders,
# active customers, new customers, the customers active in the previous
# quarter (prev) and how many of those are active again (kept).
$ sqlite3 ref.db "create table tally as select 'unit:' || r.region as scope, q.quarter, (select coalesce(sum(cents), 0) from lines where region = r.region and qi = q.qi) as cents, (select count(distinct oid) from lines where region = r.region and qi = q.qi) as orders, (select count(distinct cust) from lines where region = r.region and qi = q.qi) as active, (select count(*) from first where region = r.region and qi = q.qi) as new, (select count(*) from act where region = r.region and qi = q.qi - 1) as prev, (select count(*) from act a join act b on b.cust = a.cust and b.region = a.region and b.qi = q.qi where a.region = r.region and a.qi = q.qi - 1) as kept from (select distinct region from lines) r cross join quarters q union all select 'company', q.quarter, (select sum(cents) from lines where qi = q.qi), (select count(distinct oid) from lines where qi = q.qi), (select count(distinct cust) from lines where qi = q.qi), (select count(*) from first where qi = q.qi), (select count(distinct cust) from lines where qi = q.qi - 1), (select count(distinct cust) from lines where qi = q.qi - 1 and cust in (select cust from lines where qi = q.qi)) from quarters q" "select count(*), sum(orders), sum(new) from tally where scope = 'company'" "select count(*), sum(orders), sum(new) from tally where scope <> 'company'"
> 16|5009|793
> 64|5009|793
# The expected CSV rows. Retention = kept / prev to 4 decimals, half up, in
# integers: r = (20000 kept + prev) / (2 prev); empty when prev = 0.
$ sqlite3 ref.db "create view expected as select scope, quarter, scope || ',' || quarter || ',revenue,' || printf('%d.%02d', cents / 100, cents % 100) as line from tally union all select scope, quarter, scope || ',' || quarter || ',orders,' || orders from tally union all select scope, quarter, scope || ',' || quarter || ',active_customers,' || active from tally union all select scope, quarter, scope || ',' || quarter || ',new_customers,' || new from tally union all select scope, quarter, scope || ',' || quarter || ',retention_rate,' || case when prev = 0 then '' else printf('%d.%04d', r / 10000, r % 10000) end from (select *, (kept * 20000 + prev) / (2 * prev) as r from tally)" "select count(*) from expected"
> 400

# Every quarter on its own, by region. 2011-Q1 has no previous quarter with
# orders: empty retention. CS-12355 is one of East's 51 new customers of 2011-Q3.
$ sh metrics.sh "$(cat quarters.txt)" --by unit | sort > actual.txt && sqlite3 ref.db "select line from expected where scope <> 'company'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep -E ',(2011-Q1,retention_rate|2011-Q3,new_customers|2014-Q4,revenue),' actual.txt
> 320
> unit:Central,2011-Q1,retention_rate,
> unit:Central,2011-Q3,new_customers,30
> unit:Central,2014-Q4,revenue,46172.04
> unit:East,2011-Q1,retention_rate,
> unit:East,2011-Q3,new_customers,50
> unit:East,2014-Q4,revenue,98208.80
> unit:South,2011-Q1,retention_rate,
> unit:South,2011-Q3,new_customers,23
> unit:South,2014-Q4,revenue,56064.09
> unit:West,2011-Q1,retention_rate,
> unit:West,2011-Q3,new_customers,58
> unit:West,2014-Q4,revenue,80149.91
# The company, each year by quarter.
$ sh metrics.sh "2011 2012 2013 2014" --by quarter | sort > actual.txt && sqlite3 ref.db "select line from expected where scope = 'company'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep -E '^company,2014-Q[1-4],(revenue|retention_rate),' actual.txt
> 80
> company,2014-Q1,retention_rate,0.2413
> company,2014-Q1,revenue,118895.61
> company,2014-Q2,retention_rate,0.3160
> company,2014-Q2,revenue,134023.37
> company,2014-Q3,retention_rate,0.5052
> company,2014-Q3,revenue,200433.15
> company,2014-Q4,retention_rate,0.5434
> company,2014-Q4,revenue,280594.84
# Each region named as the scope, each year by quarter: the same figures
# as above, reached the other way round.
$ for r in Central East South West; do sh metrics.sh "2011 2012 2013 2014" --by quarter --scope unit:$r; done | sort > actual.txt && sqlite3 ref.db "select line from expected where scope <> 'company'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt
> 320
