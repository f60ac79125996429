# A won or lost deal without its close date is refused (it used to take its
# expected close date silently); --won-without-close=expected asks for that
# rule explicitly (issue 7).
$ attain init >/dev/null
$ printf 'name\n张伟\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,owner,amount,stage,expected_close,closed\nD1,张伟,100,Won,2026-03-31,\nD2,张伟,200,Won,2026-02-10,2026-02-12\nD3,张伟,300,Lost,,\nD4,张伟,400,Proposal,2026-06-30,\n' > deals.csv && attain import deals deals.csv
? 2
! ^deals.csv:2:closed: a won deal needs its close date \(to take the expected close date, import with --won-without-close=expected\)
! ^deals.csv:4:closed: a lost deal needs its close date$
$ attain ls deals --format csv | wc -l
> 1
# With the option, the expected close date stands in; a deal with neither date is still refused.
$ attain import deals deals.csv --won-without-close=expected
? 2
! ^deals.csv:4:closed: a lost deal needs its close date
$ grep -v '^D3' deals.csv > deals2.csv && attain import deals deals2.csv --won-without-close=expected >/dev/null && attain ls deals --format csv | cut -d, -f1,10,13,14
> id,status,expected_close,closed
> D1,won,2026-03-31,2026-03-31
> D2,won,2026-02-10,2026-02-12
> D4,open,2026-06-30,
$ attain import deals deals2.csv --won-without-close=maybe
? 2
! --won-without-close maybe: give refuse \(the default\) or expected
