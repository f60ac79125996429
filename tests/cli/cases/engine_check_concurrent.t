# Consistent reads (issue 8, section 3): `attain engine check` reads one state
# of the store (one read transaction around the build and the SQL totals),
# so imports that commit meanwhile never make a false difference. Before, the
# build and the totals were separate transactions and a commit between them
# made a difference (about 14 checks in 20 on 30,000 order lines in the
# release build). Here: 10,000 order lines, and a loop that moves order X1
# between P1 (1) and P2 (7) as fast as it can while 6 checks run (the
# deterministic test of the read transaction is test_store.c's
# test_read_transaction).
$ attain init >/dev/null
$ awk 'BEGIN{print "id,name"; for(i=1;i<=20;i++) print "P" i ",人" i}' > p.csv && awk 'BEGIN{print "id,date,owner,amount"; for(i=1;i<=10000;i++) printf "O%d,2026-%02d-%02d,P%d,%d\n", i, i%12+1, i%28+1, i%20+1, (i*7)%1000+1}' > a.csv && attain import people p.csv > /dev/null && attain import orders a.csv > /dev/null && echo ok
> ok
$ printf 'id,date,owner,amount\nX1,2026-05-01,P1,1\n' > x1.csv && printf 'id,date,owner,amount\nX1,2026-05-01,P2,7\n' > x2.csv && echo ok
> ok
$ (i=0; while [ ! -f stop ]; do attain import orders x1.csv > /dev/null && attain import orders x2.csv > /dev/null || exit 1; i=$((i+2)); done; echo $i > imports) & L=$!; bad=0; n=0; while [ $n -lt 6 ]; do attain engine check > chk.out 2>&1 || { bad=$((bad+1)); head -3 chk.out >&2; }; n=$((n+1)); done; touch stop; wait $L || bad=$((bad+100)); echo "false differences: $bad"; [ "$(cat imports)" -ge 4 ] && echo "imports meanwhile: 4 or more"
> false differences: 0
> imports meanwhile: 4 or more
