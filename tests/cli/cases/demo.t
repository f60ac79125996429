# attain demo: a full Chinese sales company, the same for the same date and seed.
$ attain demo --as-of 2026-11-26 > out.txt && grep -E '^  (people|orders) ' out.txt | wc -l
> 2
$ attain summary | grep -E '^(currency|holidays)'
~ ^currency +CNY
~ ^holidays +[1-9][0-9]+
$ attain ls people --format csv | grep -c 销售代表
~ ^[5-7][0-9]$
$ attain ls units --format csv | cut -d, -f4 | grep -c '^华'
~ ^[0-9]+$
$ attain ls orders --format csv | tail -n +2 | cut -d, -f2 | sort | tail -1
~ ^2026-11-(0[1-9]|1[0-9]|2[0-6])$
# Running demo again changes nothing.
$ attain demo --as-of 2026-11-26 >/dev/null && attain ls orders --format csv | md5sum > a.txt && attain demo --as-of 2026-11-26 >/dev/null && attain ls orders --format csv | md5sum > b.txt && cmp a.txt b.txt && echo same
> same
# A breakdown by team builds every team's customers at once; each row must
# equal the same team asked alone.
$ for m in active_customers retention_rate; do attain metric $m --period 2026-Q3 --by team --format csv | tail -n +2; done > together.txt && for m in active_customers retention_rate; do attain metric $m --period 2026-Q3 --by team --format csv | tail -n +2 | cut -d, -f1 | while read -r s; do attain metric $m --period 2026-Q3 --scope "$s" --format csv | tail -1; done; done > alone.txt && cmp together.txt alone.txt && wc -l < alone.txt | tr -d ' '
~ ^[1-9][0-9]*$
