# A database the running user may not write — in a read-only folder, or a
# read-only file — answers every question (summary, metric, goal status,
# plan, engine check, ls): it is opened read-only (SQLite mode=ro, immutable
# when no -shm can be made and nothing waits in a -wal), nothing is written
# beside it, and a write is refused naming the file (issue 8, section 2).
# As root (CI), chmod does not bind: ./as runs attain as nobody (65534) with
# setpriv; as a normal user it runs attain as is. --read-only forces the same
# for any user, root included.
# The expected revenue is the fixture's 2021-Q1 order lines summed by hand:
# 300 + 2000 + 1234.50 + 900 = 4434.50 (as in engine_snapshot.t).
$ attain init --currency CNY --holidays none >/dev/null && echo ok
> ok
$ printf 'path\n华东\n华南\n' > u.csv && attain import units u.csv >/dev/null && echo ok
> ok
$ printf 'name,unit,manager\n甲,华东,\n乙,华南,甲\n' > p.csv && attain import people p.csv >/dev/null && echo ok
> ok
$ printf 'id,name\nC1,晨光\nC2,远航\n' > c.csv && attain import customers c.csv >/dev/null && echo ok
> ok
$ printf 'id,date,customer,owner,unit,product,amount\nO1,2020-12-31,C1,甲,,A,1000\nO3,2021-01-01,C2,乙,,B,300\nO4,2021-01-03,C1,乙,,A,2000\nO5,2021-01-04,C1,甲,,A,1234.50\nO9,2021-03-18,C2,甲,,A,900\n' > o.csv && attain import orders o.csv >/dev/null && echo ok
> ok
$ attain goal add --metric revenue --period 2021-Q1 --target 5000 --title Q1 >/dev/null && echo ok
> ok
# ./as: attain as nobody when root; folders made traversable for it
$ printf '#!/bin/sh\nif [ "$(id -u)" = 0 ]; then exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; fi\nexec "$@"\n' > as && chmod 755 as && chmod o+rx .. . && mkdir ro && cp test.db ro/ && chmod 666 ro/test.db && chmod 644 u.csv && chmod 555 ro && echo ok
> ok
#
# 1. A read-only folder, the file writable (before: "attempt to write a readonly database")
$ ./as attain --db ro/test.db metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ ./as attain --db ro/test.db summary | grep -c 'orders'
~ ^[1-9]
$ ./as attain --db ro/test.db goal status --as-of 2021-03-31 --format csv | grep -c 'Q1'
> 1
$ ./as attain --db ro/test.db plan --period 2021-Q1 --as-of 2021-03-31 >/dev/null && echo ok
> ok
$ ./as attain --db ro/test.db engine check | tail -1
~ figures agree with the store
$ ./as attain --db ro/test.db ls orders --format csv | wc -l
> 6
# nothing was written beside it; a write is refused naming the file and why
$ ls ro
> test.db
$ ./as attain --db ro/test.db import units u.csv
! ro/test.db is read-only \(its folder is not writable\): nothing can be written
? 8
$ ./as attain --db ro/test.db goal archive 1 --reason test
! ro/test.db is read-only
? 8
#
# 2. A database made before it had a store identity (and never read since):
# the first read used to write one
$ chmod 755 ro && sqlite3 ro/test.db "DELETE FROM meta WHERE key = 'store_id'" && chmod 555 ro && ./as attain --db ro/test.db metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
#
# 3. A read-only file in a folder the user may write: the same
$ mkdir rw && cp test.db rw/ && chmod 444 rw/test.db && chmod 777 rw && ./as attain --db rw/test.db metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ ./as attain --db rw/test.db import units u.csv
! rw/test.db is read-only \(the file is not writable\)
? 8
$ test -e rw/test.db.engine || echo no snapshot
> no snapshot
#
# 4. --read-only, for any user (root too): answers, writes nothing, refuses writes
$ rm -f test.db.engine && attain --read-only metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1 && test ! -e test.db.engine && echo no snapshot
> company,2021-Q1,revenue,4434.50
> no snapshot
$ attain --read-only import units u.csv
! test.db is read-only \(opened with --read-only\): nothing can be written
? 8
$ attain --read-only init
! --read-only: init writes the database
? 2
# the folder back to writable, so the scratch folder can be removed
$ chmod 755 ro rw && echo ok
> ok
