# Every import kind once, with its references, and the --map override.
$ attain init >/dev/null
# Units: by path, or by name and parent (a parent may come later in the file).
$ printf 'id,name,parent\nT1,一组,SH\nSH,上海,华东\nHD,华东,\n' > units.csv && attain import units units.csv >/dev/null && attain ls units --format csv
> id,name,parent,path
> HD,华东,,华东
> SH,上海,华东,华东/上海
> T1,一组,华东/上海,华东/上海/一组
$ printf 'path\n华南/广州\n华南/深圳\n' > paths.csv && attain import units paths.csv --format json | grep -E '"(inserted|unchanged)"' | tr -d ' ,'
> "inserted":3
> "unchanged":0
$ printf '工号,姓名,部门,直属上级,邮箱,权重,在职\nE1,王芳,一组,,wf@example.com,1.2,是\nE2,李强,一组,E1,lq@example.com,0.8,否\n' > people.csv && attain import people people.csv >/dev/null && attain ls people --format csv
> id,name,employee_no,unit,manager,email,title,weight,active,join_date,leave_date
> E1,王芳,E1,华东/上海/一组,,wf@example.com,,1.2,yes,,
> E2,李强,E2,华东/上海/一组,王芳,lq@example.com,,0.8,no,,
$ printf 'name,unit\n赵六,一组\n' > p2.csv && printf 'path\n华南/一组\n' > p3.csv && attain import units p3.csv >/dev/null && attain import people p2.csv
? 2
! ^p2.csv:2:unit: unit "一组" is ambiguous
$ printf 'id,name,owner\nC1,上海晨光,E1\n' > c.csv && attain import customers c.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2026-03-02,C1,E1,1000\nO1,2026-03-02,C1,E1,500\nO2,2026-03-09,C1,E2,200\n' > o.csv && attain import orders o.csv >/dev/null && attain ls orders --format csv
> id,date,customer,owner,unit,lines,amount,currency
> O1,2026-03-02,上海晨光,王芳,,2,1500.00,CNY
> O2,2026-03-09,上海晨光,李强,,1,200.00,CNY
$ printf 'id,date,customer,owner,amount\nO3,2026-03-02,C1,E1,1\nO3,2026-03-05,C1,E1,1\n' > o2.csv && attain import orders o2.csv
? 2
! ^o2.csv:3:date: order O3 has date 2026-03-05 here but another on line 2
# Payments against orders; the same file twice changes nothing.
$ printf '回款日期,客户名称,负责人,订单编号,回款金额\n2026-03-20,上海晨光,王芳,O1,"1,000.00"\n2026-04-20,上海晨光,王芳,O1,500\n' > pay.csv && attain import payments pay.csv >/dev/null && attain import payments pay.csv --format json | grep -E '"unchanged"' | tr -d ' ,'
> "unchanged":2
$ attain ls payments --format csv | cut -d, -f2-8
> date,customer,owner,unit,order_id,amount,currency
> 2026-03-20,上海晨光,王芳,,O1,1000.00,CNY
> 2026-04-20,上海晨光,王芳,,O1,500.00,CNY
$ printf 'date,amount,order\n2026-03-20,5,O404\n' > badpay.csv && attain import payments badpay.csv
? 2
! unknown order "O404"
# Activities: Chinese types; two identical rows stay two rows.
$ printf '跟进时间,跟进类型,负责人,客户名称,跟进内容\n2026-03-03 10:00,拜访,王芳,上海晨光,介绍新版本\n2026-03-03 10:00,拜访,王芳,上海晨光,介绍新版本\n2026-03-04,电话,李强,,\n' > act.csv && attain import activities act.csv >/dev/null && attain ls activities --format csv | cut -d, -f2-5
> type,date,owner,customer
> visit,2026-03-03,王芳,上海晨光
> visit,2026-03-03,王芳,上海晨光
> call,2026-03-04,李强,
$ printf 'date,type,owner\n2026-03-03,lunch,王芳\n' > badact.csv && attain import activities badact.csv
? 2
! unknown activity type "lunch"
# Surveys: scale 5 by default, 10 when a score is above 5.
$ printf 'date,score,owner\n2026-03-03,4,王芳\n2026-03-04,9,王芳\n2026-03-05,11,王芳\n' > s.csv && attain import surveys s.csv
? 2
! ^s.csv:4:score: score 11 is above the scale 10
$ head -3 s.csv > s2.csv && attain import surveys s2.csv >/dev/null && attain ls surveys --format csv | cut -d, -f6-7
> score,scale
> 4,5
> 9,10
# Market sizes per unit and period; holidays with 休/班.
$ printf 'unit,period,amount\n华东,2026,80000000\n华东,2026年第3季度,"2,000万"\n' > m.csv && attain import markets m.csv >/dev/null && attain ls markets --format csv
> unit,period,start,end,amount,currency
> 华东,2026,2026-01-01,2026-12-31,80000000.00,CNY
> 华东,2026-Q3,2026-07-01,2026-09-30,20000000.00,CNY
$ printf '日期,类型,名称\n2027-02-06,休,春节\n2027-02-20,班,调休\n' > h.csv && attain import holidays h.csv >/dev/null && attain ls holidays --format csv | grep ^2027
> 2027-02-06,holiday,春节
> 2027-02-20,workday,调休
# --map picks columns by hand and overrides the automatic choice.
$ printf 'Ref,When,Who,Net,Gross\nX1,2026-05-01,E1,90,100\n' > mapped.csv && attain import orders mapped.csv --map id=Ref,date=When,owner=Who,amount=Gross >/dev/null && attain ls orders --format csv | grep ^X1
> X1,2026-05-01,,王芳,,1,100.00,CNY
$ attain import orders mapped.csv --map amount=Nett
? 2
! Nett
$ attain import orders mapped.csv --map price=Net
? 2
! price
