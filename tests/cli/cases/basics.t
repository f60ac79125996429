# The command table, help, the version and the global options.
$ attain --version
~ ^attain 0\.1\.0 \([0-9a-f]+
$ attain version
~ ^attain 0\.1\.0
$ attain help
~ ^  import +import a CRM export
~ ^  period +show how attain reads a period
$ attain --lang zh help
~ 导入CRM导出文件
$ attain help import
~ ^orders:
~ ^  amount +\(required\)
~ ^people:
$ attain help frobnicate
? 2
! no command "frobnicate"
$ attain frobnicate
? 2
! no command "frobnicate"
$ attain
? 2
! usage: attain
$ attain import people x.csv --bogus
? 2
! unknown option --bogus
$ attain --db missing.db ls people
? 3
! no database at missing.db; create one with: attain --db missing.db init
$ attain init --currency dollars
? 2
! currency "dollars" is not a three-letter ISO 4217 code
$ attain init --fiscal-start 13
? 2
! --fiscal-start 13: give a month 1-12
$ attain init --currency USD --fiscal-start 4
> test.db: ready (reporting currency USD, fiscal year from month 4)
$ attain init --currency EUR --fiscal-start 4
> test.db: ready (reporting currency EUR, fiscal year from month 4)
$ attain ls invoices
? 2
! cannot list "invoices"
$ attain import invoices x.csv
? 2
! cannot import "invoices"
$ attain import orders nosuchfile.csv
? 6
! nosuchfile.csv
