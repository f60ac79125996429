# People: join and leave dates (入职日期 / 离职日期, hire date, termination
# date ...) are imported and listed; status 离职 / inactive / left means not
# active; a leave date in the past means inactive (issue 7).
$ attain init >/dev/null
# Chinese headers, in GB18030 as Excel writes them.
$ printf '工号,姓名,部门,状态,入职日期,离职日期\nE1,王芳,华东/一组,在职,2021年3月1日,\nE2,李强,华东/一组,离职,2022/05/16,2025-12-31\nE3,赵敏,华东/一组,,2026-01-05,2020-01-01\n' | iconv -f UTF-8 -t GB18030 > people.csv && attain import people people.csv
? 2
! ^people.csv:4:离职日期: leave date 2020-01-01 is before the join date 2026-01-05
$ printf '工号,姓名,部门,状态,入职日期,离职日期\nE1,王芳,华东/一组,在职,2021年3月1日,\nE2,李强,华东/一组,离职,2022/05/16,2025-12-31\nE3,赵敏,华东/一组,,2026-01-05,\n' | iconv -f UTF-8 -t GB18030 > people.csv && attain import people people.csv >/dev/null && attain ls people --format csv
> id,name,employee_no,unit,manager,email,title,weight,active,join_date,leave_date
> E1,王芳,E1,华东/一组,,,,1,yes,2021-03-01,
> E2,李强,E2,华东/一组,,,,1,no,2022-05-16,2025-12-31
> E3,赵敏,E3,华东/一组,,,,1,yes,2026-01-05,
# English headers: Hire Date / Termination Date; status inactive and left.
$ printf 'Employee ID,Full Name,Department,Employment Status,Hire Date,Termination Date\nU1,Ann Lee,East,Active,2019-04-01,\nU2,Bob Ray,East,Inactive,2019-04-01,2024-06-30\nU3,Cy Tan,East,Left,2020-02-03,\n' > hr.csv && attain import people hr.csv >/dev/null && attain ls people --format csv | grep -E '^U[123],' | cut -d, -f2,9-11
> Ann Lee,yes,2019-04-01,
> Bob Ray,no,2019-04-01,2024-06-30
> Cy Tan,no,2020-02-03,
# Joined / Left headers; a leave date in the past with no status: inactive.
$ printf 'name,unit,joined,left\n钱七,华东/一组,2018-01-02,2023-08-31\n孙八,华东/一组,2018-01-02,2999-12-31\n' > jl.csv && attain import people jl.csv >/dev/null && attain ls people --format csv | grep -E '^(钱七|孙八),' | cut -d, -f2,9-11
> 钱七,no,2018-01-02,2023-08-31
> 孙八,yes,2018-01-02,2999-12-31
# A status that says active with a past leave date contradicts itself.
$ printf 'name,status,leave date\n周九,在职,2020-01-01\n' > bad.csv && attain import people bad.csv
? 2
! ^bad.csv:2:status: status "在职" says active but the person left on 2020-01-01
$ printf 'name,入职日期\n吴十,2026-02-30\n' > baddate.csv && attain import people baddate.csv
? 2
! ^baddate.csv:2:入职日期: no such day 30 in 2026-02
