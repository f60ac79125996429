#skip-without-data
# AdventureWorks: pipe-delimited files with no final newline, slash dates;
# people by EmployeeKey (and their EmployeeID as employee number), resellers
# as customers, 57,851 sales lines credited to the rep.
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/adventureworks_sales_targets/Salesperson.csv" >/dev/null
$ attain import customers "$DATA/adventureworks_sales_targets/Reseller.csv" >/dev/null
$ attain import orders "$DATA/adventureworks_sales_targets/Sales.csv" --format json | grep -E '"(rows|delimiter)"'
>   "rows": 57851,
>   "delimiter": "|",
$ sqlite3 :memory: ".mode csv" ".separator |" ".import $DATA/adventureworks_sales_targets/Sales.csv s" ".import $DATA/adventureworks_sales_targets/Salesperson.csv p" ".mode list" "select p.Salesperson, count(distinct s.SalesOrderNumber), sum(cast(round(s.Sales * 100 + 1e-6) as integer)) from s join p on p.EmployeeKey = s.EmployeeKey group by 1 order by 1" > expected.txt && attain ls orders --format csv > o.csv && sqlite3 :memory: ".import --csv o.csv o" "select owner, count(*), sum(cast(round(amount * 100) as integer)) from o group by 1 order by 1" > actual.txt && diff expected.txt actual.txt && wc -l < actual.txt
> 17
$ attain ls people --format csv | grep -E '^(272|277),'
> 272,Stephen Jiang,502097814,,,stephen-jiang@adventureworks.com,North American Sales Manager,1,yes,,
> 277,Brian Welcker,112432117,,,brian-welcker@adventureworks.com,Director of Sales,1,yes,,
