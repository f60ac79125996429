# A NUL byte inside a CSV field is refused with FILE:LINE:COLUMN and nothing
# is written (issue 8): it used to be cut silently — customer "Cu\0st X" was
# stored as "Cu", goal target "100\0000" as 100. Every reader of CSV (imports,
# goal import) goes through src/io/csv.c; mapping files are read by lines.
$ attain init >/dev/null
$ printf 'id,name,segment\nC1,Cu\0st X,Consumer\n' > nul.csv && attain import customers nul.csv
? 2
! ^attain: nul.csv:2:name: NUL byte in field \(a damaged file, or not text\)$
$ attain --lang zh import customers nul.csv
? 2
! ^attain: nul.csv:2:name: 字段中有 NUL 字节
$ attain ls customers --format csv | wc -l
> 1
# In a quoted field that spans lines: the line of the NUL itself.
$ printf 'id,name,segment\nC1,"Cu\nst\0 X",Consumer\n' > nul2.csv && attain import customers nul2.csv
? 2
! ^attain: nul2.csv:3:name: NUL byte in field
# In a goal import file.
$ printf 'scope,period,metric,target\ncompany,2026,revenue,100\0000\n' > goals.csv && attain goal import goals.csv
? 2
! ^attain: goals.csv:2:target: NUL byte in field
$ attain goal ls --format csv | wc -l
> 1
# In a mapping file: LINE:COLUMN of the line.
$ printf 'id,name,segment\nC1,Cust X,Consumer\n' > ok.csv && printf 'name=客户\0名称\n' > m.txt && attain import customers ok.csv --mapping m.txt
? 2
! m.txt:1:8: NUL byte in the line
$ attain ls customers --format csv | wc -l
> 1
# The same files without the NUL byte import.
$ attain import customers ok.csv >/dev/null && attain ls customers --format csv | tail -1
> C1,Cust X,Consumer,,,,,,
