# attain's canonical header "region" in an orders file is the customer's
# region (docs/import.md), not the unit: it used to refuse the file with
# "unknown unit East", even with --map region=region (issue 7).
$ attain init >/dev/null
$ printf 'name\n张伟\n' > p.csv && attain import people p.csv >/dev/null
$ printf 'id,date,customer_name,region,owner,amount\nSO1,2026-03-02,晨光,East,张伟,100\n' > o.csv && attain import orders o.csv >/dev/null && attain ls orders --format csv && attain ls customers --format csv | cut -d, -f2,4
> id,date,customer,owner,unit,lines,amount,currency
> SO1,2026-03-02,晨光,张伟,,1,100.00,CNY
> name,region
> 晨光,East
$ printf 'id,date,customer_name,region,owner,amount\nSO2,2026-03-03,云帆,West,张伟,50\n' > o2.csv && attain import orders o2.csv --map region=region >/dev/null && attain ls customers --format csv | cut -d, -f2,4 | tail -1
> 云帆,West
# Payments and deals: a region column is no unit either (it is ignored).
$ printf 'date,customer,region,owner,amount\n2026-03-20,晨光,East,张伟,100\n' > pay.csv && attain import payments pay.csv | grep ignored
> ignored columns: region
$ printf 'id,customer,region,owner,amount,stage\nD1,晨光,East,张伟,100,open\n' > d.csv && attain import deals d.csv | grep ignored
> ignored columns: region
# Superstore's "Region" still names the order's unit (import_superstore.t).
