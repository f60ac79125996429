# Concurrent writers (issue 8, section 3): a write while another process holds
# the write lock waits its turn, says so once on stderr, and goes on when the
# lock is free; no "database is locked" for an objective, a goal or a second
# import. The long import is made with the CLI's debugging hook
# ATTAIN_DEBUG_HOLD_MS (hold the write lock that long before committing): 6.5 s,
# more than the 5 s the old busy timeout waited.
# Figures by hand: O1 1000 + O2 2000 = 3000 before, + O3 500 = 3500 after.
$ attain init >/dev/null
$ printf 'id,name\nP1,李雷\nP2,韩梅\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,date,owner,amount\nO1,2026-01-10,P1,1000\nO2,2026-02-10,P1,2000\n' > o1.csv && attain import orders o1.csv >/dev/null
$ printf 'id,date,owner,amount\nO3,2026-03-10,P2,500\n' > o2.csv && printf 'id,name\nC1,客户甲\n' > c.csv && echo ok
> ok
# three writers start while the long import holds the lock; all wait, all succeed
$ ATTAIN_DEBUG_HOLD_MS=6500 attain import orders o2.csv > long.out & L=$!; sleep 1; attain objective add 拓展新市场 > a.out 2> a.err & A=$!; attain goal add --metric revenue --period 2026 --target 5000 > b.out 2> b.err & B=$!; attain import customers c.csv > c.out 2> c.err & C=$!; wait $L && wait $A && wait $B && wait $C && grep -l 'waiting for another writer (import orders o2.csv (pid [0-9]*))' a.err b.err c.err
> a.err
> b.err
> c.err
# once each, and nothing else on stderr
$ cat a.err b.err c.err | wc -l
> 3
# the final state has every write
$ attain metric revenue --period 2026 --format csv | tail -1
> company,2026,revenue,3500.00
$ attain objective ls --format csv | cut -d, -f2 | tail -1
> 拓展新市场
$ attain goal ls --format csv | cut -d, -f3-6 | tail -1
> company,2026,revenue,5000.00
$ attain ls customers --format csv | grep -c 客户甲
> 1
# in Chinese
$ printf 'id,date,owner,amount\nO4,2026-03-11,P2,1\n' > o4.csv && ATTAIN_DEBUG_HOLD_MS=2000 attain import orders o4.csv > /dev/null & L=$!; sleep 1; attain --lang zh objective add 提升满意度 > /dev/null; rc=$?; wait $L; exit $rc
! ^attain：等待另一个写入者（import orders o4.csv \(pid [0-9]+\)）完成……$
# --- the wait has a limit (ATTAIN_LOCK_WAIT seconds, default 600): then a clear
# error naming the holder, and nothing is written
$ printf 'id,date,owner,amount\nO5,2026-03-12,P2,1\n' > o5.csv && ATTAIN_DEBUG_HOLD_MS=3000 attain import orders o5.csv > /dev/null & L=$!; sleep 1; ATTAIN_LOCK_WAIT=1 attain objective add 不会写入; rc=$?; wait $L; exit $rc
? 5
! ^attain: waiting for another writer \(import orders o5.csv \(pid [0-9]+\)\) …$
! another writer \(import orders o5.csv \(pid [0-9]+\)\) has held the database for more than 1 s; nothing was written
$ attain objective ls --format csv | grep -c 不会写入 || true
> 0
$ ATTAIN_LOCK_WAIT=soon attain summary
? 2
! ATTAIN_LOCK_WAIT=soon: give the seconds a write waits for another writer \(0-86400; default 600\)
$ ATTAIN_DEBUG_HOLD_MS=-1 attain import orders o1.csv
? 2
! ATTAIN_DEBUG_HOLD_MS=-1: give milliseconds 0-3600000
