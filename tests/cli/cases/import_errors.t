# A file with bad rows imports nothing and names every bad row as
# FILE:LINE:COLUMN: reason; --dry-run reports without writing.
$ attain init >/dev/null
$ printf 'name,unit,manager\n王芳,华东/上海/一组,\n李强,华东/上海/一组,王芳\n' > people.csv && attain import people people.csv >/dev/null
$ printf '订单编号,下单日期,负责人,客户名称,订单金额\nSO1,2026-03-02,李强,上海晨光,"¥1,234.50"\nSO2,2026-03-40,李强,上海晨光,100\nSO3,2026-03-03,赵六,上海晨光,100\nSO4,2026-03-04,李强,上海晨光,一百元\n"SO5",2026-03-05,李强,上海晨光,"12,00"\n' > orders.csv
$ attain import orders orders.csv
? 2
! ^orders.csv:3:下单日期: .*2026-03-40
! ^orders.csv:4:负责人: unknown person "赵六"
! ^orders.csv:5:订单金额: .*一百元
! ^orders.csv:6:订单金额: .*12,00
! orders.csv: 4 bad rows; nothing was imported
# Under --lang zh the same rows, in Chinese (the texts of import_msg in
# src/app/import.c; the English above is unchanged).
$ attain --lang zh import orders orders.csv
? 2
! ^orders.csv:3:下单日期: 2026-03 没有 40 日："2026-03-40"$
! ^orders.csv:4:负责人: 未知人员"赵六"（请先导入人员）$
! ^orders.csv:5:订单金额: 不是数字："一百元"$
! ^attain: orders.csv：4 行有错误；未导入任何数据（4 类问题）$
$ attain ls orders --format csv
> id,date,customer,owner,unit,lines,amount,currency
$ attain ls customers --format csv | wc -l
> 1
# The good row alone imports; a dry run first writes nothing.
$ head -2 orders.csv > good.csv && attain import orders good.csv --dry-run | head -1
~ dry run, nothing written
$ attain ls orders --format csv | wc -l
> 1
$ attain import orders good.csv >/dev/null && attain ls orders --format csv
> id,date,customer,owner,unit,lines,amount,currency
> SO1,2026-03-02,上海晨光,李强,,1,1234.50,CNY
# 60 bad rows of one kind: the first 3 are listed, then a count (import_error_kinds.t
# shows several kinds).
$ (echo 'id,date,owner,amount'; for i in $(seq 1 60); do echo "X$i,2026-01-01,李强,abc"; done) > many.csv && attain import orders many.csv >/dev/null 2>err.txt; grep -c '^many.csv:' err.txt; tail -2 err.txt
> 3
> ... and 57 more rows like the one above
> attain: many.csv: 60 bad rows; nothing was imported (1 kind of problem)
$ attain --lang zh import orders many.csv >/dev/null 2>err.txt; grep -c '^many.csv:.*不是数字' err.txt; tail -2 err.txt
> 3
> …… 另有 57 行同上
> attain: many.csv：60 行有错误；未导入任何数据（1 类问题）
# A missing required column names the field and suggests --map.
$ printf 'foo,bar\n1,2\n' > nohead.csv && attain import orders nohead.csv
? 2
! required field "(id|date|amount)"
# Duplicate ids in one file.
$ printf 'id,name\nC1,甲\nC1,乙\n' > dup.csv && attain import customers dup.csv
? 2
! ^dup.csv:3:id: duplicate customer "C1" \(first on line 2\)
# A manager cycle.
$ printf 'id,name,manager\n1,甲,2\n2,乙,1\n' > cycle.csv && attain import people cycle.csv
? 2
! cycle
$ attain ls people --format csv | tail -n +2 | wc -l
> 2
