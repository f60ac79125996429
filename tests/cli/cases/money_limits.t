# Amounts that cannot be summed exactly are refused at import (issue 7): the
# engine keeps sums ×10^4 in int64, so one row may hold at most
# INT64_MAX / 10^4 = 922,337,203,685,477 minor units. 10 trillion rupiah is
# 10^15 minor units (2 decimals): refused, nothing written. 9 trillion fits;
# two of them would not add up exactly: the second file is refused whole.
$ attain init --currency IDR >/dev/null
$ printf 'id,name\nC1,甲公司\n' > c.csv && attain import customers c.csv >/dev/null
$ printf 'id,date,customer,amount\nO1,2026-01-05,C1,10000000000000\n' > big.csv && attain import orders big.csv
? 2
! big.csv:2:amount: amount "10000000000000" is too large to be summed exactly \(at most 922337203685477 minor units a row\)
$ attain metric orders --period 2026 --format csv
> scope,period,metric,value
> company,2026,orders,0
$ printf 'id,date,customer,amount\nO2,2026-01-05,C1,9000000000000\n' > ok.csv && attain import orders ok.csv >/dev/null
$ printf 'id,date,customer,amount\nO3,2026-01-06,C1,1000\nO4,2026-01-07,C1,300000000000\n' > more.csv && attain import orders more.csv
? 2
! more.csv: with this file the order_lines amounts would add up beyond what is summed exactly \(922337203685477 minor units of IDR in all\); nothing was imported
$ attain metric revenue --period 2026 --format csv
> scope,period,metric,value
> company,2026,revenue,9000000000000.00
# A won deal without a probability stores none: it does not count at 100 %
# in a weighted pipeline on days before it was won (docs/metrics.md).
$ printf 'id,name,customer,amount,status,created,expected_close,closed\nD1,x,C1,1000,won,2026-01-01,2026-03-31,2026-03-20\n' > d.csv && attain import deals d.csv >/dev/null
$ attain ls deals --format csv | cut -d, -f10,11
> status,probability
> won,
$ attain metric weighted_pipeline --period 2026-Q1 --as-of 2026-02-01 --format csv
> scope,period,metric,value
> company,2026-Q1,weighted_pipeline,0.00
$ attain metric pipeline --period 2026-Q1 --as-of 2026-02-01 --format csv
> scope,period,metric,value
> company,2026-Q1,pipeline,1000.00
