#skip-without-data
# Tableau Superstore: regions and their managers, then 9,994 order lines
# credited to the Region unit, with customers created from the order rows.
# Amounts are held in cents: each line is rounded half away from zero.
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/tableau_superstore_us/People.csv" >/dev/null
$ attain import orders "$DATA/tableau_superstore_us/Orders.csv" > out.txt; grep -c 'ignored columns: Ship Date' out.txt
> 1
$ sqlite3 :memory: ".import --csv $DATA/tableau_superstore_us/Orders.csv o" "select count(*), count(distinct \"Order ID\"), count(distinct \"Customer ID\"), sum(cast(round(Sales * 100 + (case when Sales >= 0 then 1e-6 else -1e-6 end)) as integer)) from o" > expected.txt && attain ls order_lines --format csv > lines.csv && attain ls orders --format csv > orders.csv && attain ls customers --format csv > customers.csv && sqlite3 :memory: ".import --csv lines.csv l" ".import --csv orders.csv o" ".import --csv customers.csv c" "select (select count(*) from l), (select count(*) from o), (select count(*) from c), (select sum(cast(round(amount * 100) as integer)) from l)" > actual.txt && diff expected.txt actual.txt && cat actual.txt
> 9994|5009|793|229720107
# Revenue and orders per region (the unit each order is credited to).
$ sqlite3 :memory: ".import --csv $DATA/tableau_superstore_us/Orders.csv o" "select Region, count(distinct \"Order ID\"), sum(cast(round(Sales * 100 + (case when Sales >= 0 then 1e-6 else -1e-6 end)) as integer)) from o group by 1 order by 1" > expected.txt && attain ls orders --format csv > orders.csv && sqlite3 :memory: ".import --csv orders.csv o" "select unit, count(*), sum(cast(round(amount * 100) as integer)) from o group by 1 order by 1" > actual.txt && diff expected.txt actual.txt && cat actual.txt
> Central|1175|50123988
> East|1401|67878136
> South|822|39172190
> West|1611|72545793
# Customers carry their segment from the order rows.
$ attain ls customers --format csv > c.csv && sqlite3 :memory: ".import --csv c.csv c" "select segment, count(*) from c group by 1 order by 1"
> Consumer|409
> Corporate|236
> Home Office|148
$ attain import orders "$DATA/tableau_superstore_us/Orders.csv" --format json | grep -E '"(inserted|updated)"' | tr -d ' ,' | sort | uniq -c | sed 's/^ *//'
> 2 "inserted":0
> 2 "updated":0
