# attain demo writes its CSV files into $TMPDIR/attain-demo-XXXXXX with a
# "pid" marker; a demo killed halfway leaves that folder, and the next demo
# removes every such folder of this user whose maker is dead and that is
# more than 5 minutes old — never a live process's, a fresh one, or another
# user's (issue 8, section 2). Ages are set with touch -d.
$ mkdir tmp && echo ok
> ok
# a demo killed (kill -9) as soon as its folder is marked: the folder stays
$ (TMPDIR=$PWD/tmp attain demo >/dev/null 2>&1 & echo $! > demo.pid; i=0; while [ $i -lt 200 ] && ! ls tmp/attain-demo-*/pid >/dev/null 2>&1; do sleep 0.05; i=$((i+1)); done; kill -9 $(cat demo.pid); wait); ls tmp | grep -c '^attain-demo-'
> 1
$ d=$(ls tmp) && mv tmp/$d tmp/attain-demo-killed && grep -qx "$(cat demo.pid)" tmp/attain-demo-killed/pid && echo marked
> marked
# fakes: dead pid and old (removed), dead pid and fresh (kept), a live pid
# (1) and old (kept), no marker and 2 hours old (removed), another user's
# (root only; else one more of ours, removed)
$ for d in dead-old dead-fresh live-old nomark-old other; do mkdir tmp/attain-demo-$d && echo x > tmp/attain-demo-$d/people.csv; done && echo 2147483000 > tmp/attain-demo-dead-old/pid && echo 2147483000 > tmp/attain-demo-dead-fresh/pid && echo 1 > tmp/attain-demo-live-old/pid && echo 2147483000 > tmp/attain-demo-other/pid && { [ "$(id -u)" = 0 ] && chown -R 65534 tmp/attain-demo-other || rm -r tmp/attain-demo-other; } && touch -d '10 minutes ago' tmp/attain-demo-killed tmp/attain-demo-dead-old tmp/attain-demo-live-old tmp/attain-demo-other && touch -d '2 hours ago' tmp/attain-demo-nomark-old && echo ok
> ok
# the next demo cleans up first (this one stops at once: its database
# cannot be made — and leaves no folder of its own either)
$ TMPDIR=$PWD/tmp attain --db no/such/folder/t.db demo >/dev/null; ls tmp | grep -v '^attain-demo-other$'
> attain-demo-dead-fresh
> attain-demo-live-old
$ [ "$(id -u)" != 0 ] || test -d tmp/attain-demo-other && echo ok
> ok
