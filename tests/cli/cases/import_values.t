# Value maps for categorical fields: --value field=FROM:TO (several), and
# "value" lines in a saved mapping file (--mapping FILE); an unmapped value the
# field cannot take names the value and suggests --value (issue 7).
$ attain init >/dev/null
$ printf 'name\n王芳\n' > p.csv && attain import people p.csv >/dev/null
$ printf '跟进时间,跟进方式,负责销售,跟进内容\n2026-03-03,微信,王芳,发资料\n2026-03-04,拜访,王芳,上门\n2026-03-05,上门拜访,王芳,演示\n2026-03-06,企业微信,王芳,跟进\n' > act.csv && attain import activities act.csv
? 2
! ^act.csv:2:跟进方式: unknown activity type "微信" .*--value type=微信:visit
! ^act.csv:5:跟进方式: unknown activity type "企业微信"
$ attain import activities act.csv --value type=微信:call --value 'type=企业微信:call' >/dev/null && attain ls activities --format csv | cut -d, -f2,3
> type,date
> call,2026-03-03
> visit,2026-03-04
> visit,2026-03-05
> call,2026-03-06
# The same from a saved mapping file: header lines as --map, value lines as --value.
$ printf '跟进日期,方式,销售,内容\n2026-04-01,微信,王芳,a\n2026-04-02,电话会,王芳,b\n' > act2.csv && printf '# 纷享销客 跟进记录\ndate=跟进日期\ntype=方式\nowner=销售\nvalue type=微信:call\nvalue type=电话会:meeting\n' > fx.map && attain import activities act2.csv --mapping fx.map >/dev/null && attain ls activities --format csv | cut -d, -f2,3 | tail -2
> call,2026-04-01
> meeting,2026-04-02
$ printf 'date=跟进日期\nnonsense\n' > bad.map && attain import activities act2.csv --mapping bad.map
? 2
! bad.map:2: expected field=Header or value field=FROM:TO, got "nonsense"
$ attain import activities act.csv --value type=微信
? 2
! --value type=微信: write field=FROM:TO
# Deal status and people status take value maps as well.
$ printf 'id,status,closed,amount\nD1,签了,2026-03-01,5\n' > d.csv && attain import deals d.csv
? 2
! ^d.csv:2:status: .*"签了"; map it with --value status=签了:won
$ attain import deals d.csv --value status=签了:won >/dev/null && attain ls deals --format csv | cut -d, -f1,10
> id,status
> D1,won
