#skip-without-data
# AdventureWorks: 809 monthly targets (Targets.csv: EmployeeID|TargetAmount|TargetMonth)
# imported as goals against its Sales.csv; attainment per salesperson per month
# checked against sqlite3 over the raw files. The wide Microsoft original
# (ResellerSalesTargets.csv: UTF-16, a column per month, in thousands) holds
# the same targets: importing it changes nothing.
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/adventureworks_sales_targets/Salesperson.csv" >/dev/null
$ attain import customers "$DATA/adventureworks_sales_targets/Reseller.csv" >/dev/null
$ attain import orders "$DATA/adventureworks_sales_targets/Sales.csv" >/dev/null
$ attain goal import "$DATA/adventureworks_sales_targets/Targets.csv"
~ 809 rows, goals inserted 809, updated 0, unchanged 0
$ attain goal import "$DATA/adventureworks_sales_targets/ResellerSalesTargets.csv" --scale 1000
~ goals inserted 0, updated 0, unchanged 809
# target, actual and attainment per person and month over the months with sales
$ attain goal status --period 2017-07-01..2020-05-31 --as-of 2020-12-31 --format csv | cut -d, -f3-8 | tail -n +2 | sort > actual.txt && sqlite3 :memory: ".mode csv" ".separator |" ".import $DATA/adventureworks_sales_targets/Sales.csv s" ".import $DATA/adventureworks_sales_targets/Salesperson.csv p" ".import $DATA/adventureworks_sales_targets/Targets.csv t" ".mode list" ".separator ," "create table cents as select p.EmployeeID as emp, substr(replace(s.OrderDate, '/', '-'), 1, 7) as month, sum(cast(round(s.Sales * 100 + 1e-6) as integer)) as c from s join p on p.EmployeeKey = s.EmployeeKey group by 1, 2" "select 'person:' || p.Salesperson, substr(replace(t.TargetMonth, '/', '-'), 1, 7), 'revenue', printf('%d.00', t.TargetAmount), printf('%d.%02d', coalesce(c.c, 0) / 100, coalesce(c.c, 0) % 100), printf('%d.%04d', (coalesce(c.c, 0) * 10000 * 2 + t.TargetAmount * 100) / (2 * t.TargetAmount * 100) / 10000, (coalesce(c.c, 0) * 10000 * 2 + t.TargetAmount * 100) / (2 * t.TargetAmount * 100) % 10000) from t join p on p.EmployeeID = t.EmployeeID left join cents c on c.emp = t.EmployeeID and c.month = substr(replace(t.TargetMonth, '/', '-'), 1, 7) where substr(replace(t.TargetMonth, '/', '-'), 1, 7) <= '2020-05'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt
> 521
# every goal of those months is over: met or missed, by attainment
$ attain goal status --period 2018 --as-of 2020-12-31 --format csv | cut -d, -f8,12 | tail -n +2 | awk -F, '{ m = ($1 >= 1) ? "met" : "missed"; if (m != $2) bad++ } END { print bad + 0 }'
> 0
$ attain report variance --period 2018 --format csv | tail -1
~ ^total,2018,
