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
