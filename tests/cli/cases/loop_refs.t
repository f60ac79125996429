# --replace never removes a person the weekly loop refers to: 乙's only trace
# is a check-in on 甲's team goal (check-ins keep no foreign key, so before
# this the person went and the check-in named "#2").
$ attain init --currency CNY --holidays none >/dev/null && echo ok
> ok
$ printf 'path\n华东\n' > u.csv && attain import units u.csv >/dev/null && printf 'name,unit,manager\n甲,华东,\n乙,华东,甲\n' > p.csv && attain import people p.csv >/dev/null && echo ok
> ok
$ attain goal add --metric revenue --scope team:甲 --period 2026 --target 100万 --yes >/dev/null && attain --as person:乙 checkin add 1 --confidence 6 --as-of 2026-03-02 >/dev/null && echo ok
> ok
$ printf 'name,unit,manager\n甲,华东,\n' > p2.csv && attain import people p2.csv --replace --yes
! --replace would remove 1 people that other rows refer to: 乙 \(乙\) \(1 row\); nothing was changed
? 5
$ attain checkin ls --format csv | cut -d, -f4 | tail -1
> 乙
