# A goal sentence whose sign contradicts its verb is refused, naming both
# words, and nothing is saved (issue 8): "提高-50%" was saved as a growth of
# -50% under "raise". goal add's fields have no verb to contradict: --growth
# -50% is "reduce by 50%" (as "降低50%" reads), so it stays.
$ attain init >/dev/null
$ attain --lang zh goal add "在下季度将销售额提高-50%" --scope company --as-of 2026-03-31 --yes
? 2
! ^attain: 方向矛盾：“提高”与带负号的“-50%”相反
$ attain goal add "increase revenue by -50% next quarter" --scope company --as-of 2026-03-31 --yes
? 2
! ^attain: contradictory direction: "increase" with the negative number "-50%"
$ attain goal add "reduce revenue by -5% next quarter" --scope company --as-of 2026-03-31 --yes
? 2
! "reduce" with the negative number "-5%"
$ attain --lang zh goal check "下季度销售额降低-10%" --as-of 2026-03-31
? 2
! 方向矛盾：“降低”与带负号的“-10%”相反
$ attain goal ls --format csv | wc -l
> 1
# Without the sign the sentence is a goal (its target is +50% over an empty
# previous quarter: 0.00).
$ attain goal add "在下季度将销售额提高50%" --scope company --as-of 2026-03-31 --yes >/dev/null && attain goal ls --format csv | cut -d, -f3-6
> scope,period,metric,target
> company,2026-Q2,revenue,0.00
