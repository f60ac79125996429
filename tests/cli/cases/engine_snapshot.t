# The engine snapshot beside the database (test.db.engine) never gives a
# wrong answer: a byte changed anywhere in it is found by its checksums
# (engine check reports it; a query rebuilds and answers as before), a
# snapshot of other data or another format is rebuilt. The expected revenue
# is the sum of the fixture's order lines of 2021-Q1 by hand:
# 300 + 2000 + 1234.50 + 900 = 4434.50.
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
$ attain engine build >/dev/null && attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ attain engine stats | grep -c 'mapped from the snapshot'
> 1
# one byte of the sections changed (3590: inside the string pool, the first
# section after the 3,584 bytes of the aligned header): engine check says
# the snapshot is damaged
$ printf '\377' | dd of=test.db.engine bs=1 seek=3590 conv=notrunc 2>/dev/null; attain engine check
! test.db.engine is damaged
? 5
# a query does not use it: it rebuilds, answers the same and saves a good one
$ attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ attain engine check | tail -1
~ figures agree with the store
$ attain engine stats | grep -c 'mapped from the snapshot'
> 1
# a file that is not a snapshot, and one cut short: rebuilt, same answer
$ echo garbage > test.db.engine && attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ head -c 5000 test.db.engine > t && mv t test.db.engine && attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
