#skip-without-data
# Maven CRM: people, accounts and the pipeline import with no --map; the
# counts and won sums are checked against sqlite3 over the raw CSV.
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/maven_crm_sales_opportunities/sales_teams.csv" --format json | grep -E '"(rows|written)"'
>   "rows": 35,
>   "written": true,
$ attain import customers "$DATA/maven_crm_sales_opportunities/accounts.csv" >/dev/null
$ attain import deals "$DATA/maven_crm_sales_opportunities/sales_pipeline.csv" >/dev/null
# 35 agents, their 6 managers (created from the manager column), 3 offices.
$ attain ls people --format csv | tail -n +2 | wc -l
> 41
$ attain ls units --format csv
> id,name,parent,path
> Central,Central,,Central
> East,East,,East
> West,West,,West
$ sqlite3 :memory: ".import --csv $DATA/maven_crm_sales_opportunities/sales_teams.csv t" "select count(*) + count(distinct manager) from t"
> 41
# Deals: count, won count and won value, per stage and per agent.
$ sqlite3 :memory: ".import --csv $DATA/maven_crm_sales_opportunities/sales_pipeline.csv p" "select deal_stage, count(*), printf('%.2f', sum(case when close_value <> '' then close_value else 0 end)) from p group by 1 order by 1" > expected.txt && attain ls deals --format csv > deals.csv && sqlite3 :memory: ".import --csv deals.csv d" "select stage, count(*), printf('%.2f', sum(amount)) from d group by 1 order by 1" > actual.txt && diff expected.txt actual.txt && cat actual.txt
> Engaging|1589|0.00
> Lost|2473|0.00
> Prospecting|500|0.00
> Won|4238|10005534.00
$ sqlite3 :memory: ".import --csv $DATA/maven_crm_sales_opportunities/sales_pipeline.csv p" "select sales_agent, count(*), sum(deal_stage='Won'), printf('%.2f', sum(case when deal_stage='Won' then close_value else 0 end)) from p group by 1 order by 1" > expected.txt && attain ls deals --format csv > deals.csv && sqlite3 :memory: ".import --csv deals.csv d" "select owner, count(*), sum(status='won'), printf('%.2f', sum(case when status='won' then amount else 0 end)) from d group by 1 order by 1" > actual.txt && diff expected.txt actual.txt && wc -l < actual.txt
> 30
# Open deals have no close date; won and lost ones do.
$ attain ls deals --format csv > deals.csv && sqlite3 :memory: ".import --csv deals.csv d" "select status, count(*), sum(closed <> '') from d group by 1 order by 1"
> lost|2473|2473
> open|2089|0
> won|4238|4238
# Re-importing changes nothing.
$ attain import deals "$DATA/maven_crm_sales_opportunities/sales_pipeline.csv" --format json | grep -E '"(inserted|updated|unchanged)"' | tr -d ' ,'
> "inserted":0
> "updated":0
> "unchanged":8800
$ attain import people "$DATA/maven_crm_sales_opportunities/sales_teams.csv" --format json | grep -E '"(inserted|updated)"' | tr -d ' ,'
> "inserted":0
> "updated":0
$ attain ls deals --format csv | tail -n +2 | wc -l
> 8800
