# Output that cannot be written is an error (issue 8, section 4): a full
# disk (/dev/full), a file size limit (ulimit -f) and a closed pipe. Every
# command that prints checks its writes and the final flush of standard
# output; a file named by --out is removed when it could not be written
# whole; an import that meets the file size limit writes nothing and says why.
$ attain init >/dev/null
$ printf 'name,unit,manager\n王芳,华东/上海/一组,\n李强,华东/上海/一组,王芳\n' > people.csv && attain import people people.csv >/dev/null
# 3000 orders (one line each) of 50 customers over 2026: about 100 kB of
# order_lines as CSV, more than a pipe holds.
$ (echo '订单编号,下单日期,负责人,客户名称,订单金额'; seq 1 3000 | awk '{printf "SO%d,2026-%02d-%02d,李强,客户%d,%d.50\n", $1, ($1%12)+1, ($1%28)+1, $1%50, $1}') > orders.csv
# An import under a file size limit its writes pass: the database stays as
# it was (its SQL dump compared, but for the "writer" label a long writer
# shows waiters: it may stay when the file limit stops its removal too, and
# names a dead process, which waiters ignore), and the message names the
# reason. Without
# the caught SIGXFSZ the process was killed without a word (status 153).
$ cp test.db before.db && bash -c 'ulimit -f 400; attain import orders orders.csv >/dev/null'
? 7
! ^attain: orders.csv: nothing was imported: .*file too large \(the file size limit, ulimit -f\)$
$ sqlite3 test.db .dump | grep -v "^INSERT INTO meta VALUES('writer'" > after.sql && sqlite3 before.db .dump > before.sql && cmp before.sql after.sql && attain ls orders --format csv | wc -l
> 1
$ attain import orders orders.csv >/dev/null
# A full disk: every command that prints fails with one message and status 6.
$ attain ls order_lines --format csv > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain ls order_lines > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain metric revenue --period 2026 > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain metric revenue --period 2026 --by month --format json > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain report sales --period 2026 --by day --format csv > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain report sales --period 2026 > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain report sales --period 2026 --format xlsx > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain plan --period 2026 > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain goal status --period 2026 > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain goal ls --format csv > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
# These answered 0 before: summary, period, help and version.
$ attain summary > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain period 2026 > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain help > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain version > /dev/full
? 6
! ^attain: cannot write output: No space left on device$
$ attain --lang zh summary > /dev/full
? 6
! ^attain: 无法写出输出：设备上没有空间$
# (bash: its ulimit -f counts kB, dash's 512 bytes.)
# --out FILE past the file size limit (36 kB: room for the database's 32 kB
# shared-memory file, not for 85 kB of JSON): the partial file is removed.
$ attain metric revenue --period 2026 >/dev/null
$ bash -c 'ulimit -f 36; attain report sales --period 2026 --by day --format json --out big.json'
? 6
! ^attain: big.json: cannot write: File too large; the file was removed$
$ bash -c 'ulimit -f 36; attain report sales --period 2026 --by day --out big.txt'
? 6
! ^attain: big.txt: cannot write: File too large; the file was removed$
$ bash -c 'ulimit -f 36; attain metric revenue --period 2026 --by day --format json --out big2.json'
? 6
! ^attain: big2.json: cannot write: File too large; the file was removed$
$ ls big*
? 2
# A device named by --out is reported and left alone.
$ attain metric revenue --period 2026 --format csv --out /dev/full
? 6
! ^attain: /dev/full: cannot write: No space left on device$
$ ls -l /dev/full | cut -c1
> c
# A closed pipe (`| head`): with SIGPIPE at its default the shell sees 141;
# when the parent ignores SIGPIPE the write fails with EPIPE and attain stops
# quietly with status 141 — no message, and no crash either way.
$ attain ls order_lines --format csv | head -1
> order_id,line,date,product,quantity,amount,currency
$ trap '' PIPE; attain ls order_lines --format csv 2>err.txt | head -1; wc -c < err.txt
> order_id,line,date,product,quantity,amount,currency
> 0
$ trap '' PIPE; (attain ls order_lines --format csv; echo $? > rc.txt) | head -1 >/dev/null; cat rc.txt
> 141
# A workbook that cannot be written is removed only when it is a regular
# file: --out naming a symbolic link to /dev/full leaves the link (as root the
# old code unlinked whatever the path named: --out /dev/full removed the device).
$ ln -s /dev/full book.xlsx && attain report sales --period 2026 --format xlsx --out book.xlsx
? 6
! ^attain: book.xlsx: .*No space left on device
$ test -L book.xlsx && echo kept
> kept
