# Errors are grouped by kind (column and reason): 50 copies of one problem no
# longer hide the two other problems behind them (issue 7).
$ attain init >/dev/null
$ printf 'name\n李强\n' > p.csv && attain import people p.csv >/dev/null
$ (echo 'id,date,owner,amount'; for i in $(seq 1 52); do echo "X$i,2026-01-0$((i % 9 + 1)),李强,abc$i"; done; echo "Y1,2026-02-30,李强,10"; echo "Y2,2026-02-01,赵六,10") > many.csv && attain import orders many.csv >/dev/null 2>err.txt; cat err.txt
> many.csv:2:amount: not a number: "abc1"
> many.csv:3:amount: not a number: "abc2"
> many.csv:4:amount: not a number: "abc3"
> ... and 49 more rows like the one above
> many.csv:54:date: no such day 30 in 2026-02: "2026-02-30"
> many.csv:55:owner: unknown person "赵六" (import people first)
> attain: many.csv: 54 bad rows; nothing was imported (3 kinds of problem)
$ attain import orders many.csv --format json | grep -E '"bad_rows"' | tr -d ' ,'
> "bad_rows":54
