# The engine snapshot beside the database (test.db.engine) in a shared or
# hostile folder (issue 8, section 2; docs/design.md "Snapshot files"):
# temporaries never follow a pre-created name, a snapshot takes the database
# file's permission bits, only a regular file of the database's owner is
# read (a symlink, a FIFO, another user's file or a world-writable one is
# not: a note says why and the answer is built all the same), temporaries of
# dead processes are removed. Runs as root (CI) and as a normal user: the
# owner step needs root to chown and says so on stderr otherwise.
# The expected revenue is the fixture's 2021-Q1 order lines summed by hand:
# 300 + 2000 + 1234.50 + 900 = 4434.50 (as in engine_snapshot.t); the order
# of 2019-01-02 stretches the engine's days so its snapshot is ~0.5 MB.
$ attain init --currency CNY --holidays none >/dev/null && echo ok
> ok
$ printf 'path\n华东\n华南\n' > u.csv && attain import units u.csv >/dev/null && echo ok
> ok
$ printf 'name,unit,manager\n甲,华东,\n乙,华南,甲\n' > p.csv && attain import people p.csv >/dev/null && echo ok
> ok
$ printf 'id,name\nC1,晨光\nC2,远航\n' > c.csv && attain import customers c.csv >/dev/null && echo ok
> ok
$ printf 'id,date,customer,owner,unit,product,amount\nO0,2019-01-02,C2,甲,,A,5\nO1,2020-12-31,C1,甲,,A,1000\nO3,2021-01-01,C2,乙,,B,300\nO4,2021-01-03,C1,乙,,A,2000\nO5,2021-01-04,C1,甲,,A,1234.50\nO9,2021-03-18,C2,甲,,A,900\n' > o.csv && attain import orders o.csv >/dev/null && echo ok
> ok
#
# 1. Permission bits: the snapshot gets the database file's (0644 before).
$ chmod 600 test.db && attain engine build >/dev/null && stat -c %a test.db.engine
> 600
$ chmod 640 test.db && attain engine build >/dev/null && stat -c %a test.db.engine
> 640
#
# 2. Temporaries. A build over the file size limit (ulimit -f 128 blocks:
# the 32 KB -shm fits, the snapshot does not) gets EFBIG (SIGXFSZ is caught,
# not fatal) and removes its temporary: none is left. (Before, the process
# was killed and left PATH.engine.tmp<pid>.<address of the engine>, the same
# address every run, so the next names could be guessed.) -shm is made
# first by a query.
$ attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> company,2021-Q1,revenue,4434.50
$ (ulimit -c 0; ulimit -f 128; attain engine build >/dev/null 2>&1); ls | grep -c '^test.db.engine.tmp[0-9]' || true
> 0
# Symlinks to a file of the test's at the temporary names of the next 5,000
# pids (with and without a suffix) are never followed: the temporary is made
# with O_CREAT|O_EXCL|O_NOFOLLOW under a random name; the file stays as it
# was (tests/unit/test_snapshot_files.c checks the open rules one by one).
$ echo precious > victim && cp victim victim.orig && P=$(sh -c 'echo $$') && perl -e 'for my $p ($ARGV[0] .. $ARGV[1]) { symlink("victim", "test.db.engine.tmp$p") or die "$!"; symlink("victim", "test.db.engine.tmp$p.XXXXXX") or die "$!" }' $((P+1)) $((P+5000)) && attain engine build >/dev/null && cmp victim victim.orig && echo unchanged
> unchanged
# the snapshot is a regular file (not a link to the victim) and no temporary
# of ours is left; the links are not ours: left
$ if test -L test.db.engine; then echo link; elif test -f test.db.engine; then echo file; fi; ls | grep '^test.db.engine.tmp[0-9]' | while read f; do test -L "$f" || echo "left: $f"; done
> file
$ find . -name 'test.db.engine.tmp*' -type l -delete; attain engine stats | grep -c 'mapped from the snapshot'
> 1
#
# 3. Stale temporaries: a dead pid's (above the kernel's pid_max) goes, a
# live pid's (1, always alive) stays unless older than an hour.
$ echo x > test.db.engine.tmp2147483000.aaaaaa && echo x > test.db.engine.tmp1.bbbbbb && echo x > test.db.engine.tmp1.cccccc && touch -d '2 hours ago' test.db.engine.tmp1.cccccc && attain engine build >/dev/null && ls | grep '^test.db.engine.tmp'
> test.db.engine.tmp1.bbbbbb
$ rm test.db.engine.tmp1.bbbbbb && echo ok
> ok
#
# 4. A symlink at test.db.engine (to a good snapshot elsewhere) is not
# followed: built in memory with a note, and replaced by a snapshot.
$ mv test.db.engine elsewhere.engine && ln -s elsewhere.engine test.db.engine && attain engine stats | grep -c 'mapped from the snapshot' || true
! test.db.engine is a symbolic link: not followed
> 0
$ test -f test.db.engine && ! test -L test.db.engine && attain engine stats | grep -c 'mapped from the snapshot'
> 1
#
# 5. A FIFO at test.db.engine: no command hangs (timeout 10 s), the answer
# is right, the FIFO is left in place with a note.
$ rm test.db.engine && mkfifo test.db.engine && timeout 10 attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
! test.db.engine is a FIFO, not a snapshot file
> company,2021-Q1,revenue,4434.50
$ timeout 10 attain engine check | tail -1 && test -p test.db.engine && echo fifo
~ figures agree with the store
~ ^fifo$
# a folder there: the same (and nothing is written into it)
$ rm test.db.engine && mkdir test.db.engine && timeout 10 attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1; ls test.db.engine | wc -l
! test.db.engine is a folder, not a snapshot file
> company,2021-Q1,revenue,4434.50
> 0
$ rmdir test.db.engine && attain engine build >/dev/null && echo ok
> ok
#
# 6. A snapshot someone else may write: owned by another user (root only:
# chown), or writable by others while the database is not: not read.
$ if [ "$(id -u)" = 0 ]; then chown 65534 test.db.engine && { attain engine stats 2>err | grep -c 'mapped from the snapshot' || true; } && grep -c 'belongs to user 65534' err; else echo "snapshot_files: the owner step needs root to chown: skipped" >&2; printf '0\n1\n'; fi
> 0
> 1
$ attain engine build >/dev/null && chmod 666 test.db.engine && attain engine stats | grep -c 'mapped from the snapshot' || true
! may be written by other users
> 0
$ stat -c %a test.db.engine
> 640
#
# 7. The validation record test.db.engine.ok: a load that checked the whole
# snapshot records this file's identity (device, inode, size, mtime, ctime,
# header, key); a later load of the same file skips the O(size) checks
# ("validated before"). A new snapshot, a touch (mtime), a chmod (ctime
# only), the same bytes rewritten in place, or the file replaced by a copy:
# checked in full again, and recorded anew. The sleeps let the clock tick
# past the snapshot's last change (a change in the same tick is not recorded).
$ attain engine build >/dev/null && sleep 0.05 && attain engine stats | grep -c 'validated before' || true
> 0
$ test -f test.db.engine.ok && stat -c %a test.db.engine.ok && attain engine stats | grep -c 'validated before'
> 640
> 1
$ touch test.db.engine && sleep 0.05 && attain engine stats | grep -c 'validated before' || true; attain engine stats | grep -c 'validated before'
> 0
> 1
$ chmod 640 test.db.engine && sleep 0.05 && attain engine stats | grep -c 'validated before' || true; attain engine stats | grep -c 'validated before'
> 0
> 1
$ cp test.db.engine copy && dd if=copy of=test.db.engine conv=notrunc status=none && sleep 0.05 && attain engine stats | grep -c 'validated before' || true; attain engine stats | grep -c 'validated before'
> 0
> 1
$ cp -p test.db.engine copy && mv copy test.db.engine && sleep 0.05 && attain engine stats | grep -c 'validated before' || true; attain engine stats | grep -c 'validated before'
> 0
> 1
# damage after the record changes the ctime: caught by the checksums, rebuilt
# (built in memory, not mapped) and saved; the answer is right
$ printf '\377' | dd of=test.db.engine bs=1 seek=100000 conv=notrunc status=none && { attain engine stats | grep -c 'mapped from the snapshot' || true; } && attain metric revenue --period 2021-Q1 --as-of 2021-03-31 --format csv | tail -1
> 0
> company,2021-Q1,revenue,4434.50
# the record is read like the snapshot: a symbolic link to a good record, a
# record others may write, or another user's is not honoured (and a load
# replaces it with its own: the link itself, never its target)
$ sleep 0.05 && attain engine stats >/dev/null && attain engine stats | grep -c 'validated before'
> 1
$ cp -p test.db.engine.ok rec && rm test.db.engine.ok && ln -s rec test.db.engine.ok && attain engine stats | grep -c 'validated before' || true; test -f test.db.engine.ok && ! test -L test.db.engine.ok && cmp -s rec test.db.engine.ok && echo replaced
> 0
> replaced
$ chmod 666 test.db.engine.ok && attain engine stats | grep -c 'validated before' || true; stat -c %a test.db.engine.ok
> 0
> 640
$ if [ "$(id -u)" = 0 ]; then chown 65534 test.db.engine.ok && { attain engine stats | grep -c 'validated before' || true; }; else echo "snapshot_files: the record's owner step needs root to chown: skipped" >&2; echo 0; fi
> 0
# a record of another length is not one
$ attain engine stats | grep -c 'validated before' && echo x >> test.db.engine.ok && { attain engine stats | grep -c 'validated before' || true; }
> 1
> 0
# engine check validates the whole file whatever the record says
$ attain engine check | tail -1
~ figures agree with the store
# read-only: the record is honoured but never written
$ attain --read-only engine stats | grep -c 'validated before'
> 1
$ rm test.db.engine.ok && attain --read-only engine stats | grep -c 'validated before' || true; test -e test.db.engine.ok || echo none
> 0
> none
