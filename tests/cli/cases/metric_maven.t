#skip-without-data
# Maven CRM: won_value, deals_won, deals_lost and win_rate per person, team,
# unit and for the company, over several periods, against sqlite3 over the
# raw CSV files (never against attain's own tables).
$ attain init --currency USD >/dev/null
$ attain import people "$DATA/maven_crm_sales_opportunities/sales_teams.csv" >/dev/null
$ attain import customers "$DATA/maven_crm_sales_opportunities/accounts.csv" >/dev/null
$ attain import deals "$DATA/maven_crm_sales_opportunities/sales_pipeline.csv" >/dev/null
$ attain engine check >/dev/null
# The periods under test (attain's canonical name, first and last day).
$ printf 'period,first,last\n2017-Q1,2017-01-01,2017-03-31\n2017-Q2,2017-04-01,2017-06-30\n2017-Q3,2017-07-01,2017-09-30\n2017-Q4,2017-10-01,2017-12-31\n2017-03,2017-03-01,2017-03-31\n2017,2017-01-01,2017-12-31\n2017-03-15..2017-06-30,2017-03-15,2017-06-30\n' > periods.csv
# metrics.sh [ARGS]: the four metrics over every period, data rows only.
$ printf 'for p in $(tail -n +2 periods.csv | cut -d, -f1); do for m in won_value deals_won deals_lost win_rate; do attain metric $m --period $p "$@" --format csv | tail -n +2; done; done\n' > metrics.sh
# The reference: the raw pipeline and teams, and who is in each scope:
# person:X is X; team:M is the manager M and the agents whose manager is M;
# unit:O is everyone of regional office O (the managers are created in
# their agents' office); company is every agent. Managers have no deals.
$ sqlite3 ref.db ".import --csv $DATA/maven_crm_sales_opportunities/sales_pipeline.csv p" ".import --csv $DATA/maven_crm_sales_opportunities/sales_teams.csv t" ".import --csv periods.csv periods" "create table member(kind, scope, agent)" "insert into member select 'company', 'company', sales_agent from t union all select 'person', 'person:' || sales_agent, sales_agent from t union all select distinct 'person', 'person:' || manager, manager from t union all select 'team', 'team:' || manager, sales_agent from t union all select distinct 'team', 'team:' || manager, manager from t union all select 'unit', 'unit:' || regional_office, sales_agent from t union all select distinct 'unit', 'unit:' || regional_office, manager from t" "select kind, count(distinct scope), count(*) from member group by 1 order by 1"
> company|1|35
> person|41|41
> team|6|41
> unit|3|41
# Won and lost deals by close date, per scope and period (0 when none).
$ sqlite3 ref.db "create table tally as select m.kind, m.scope, pr.period, count(case when d.deal_stage = 'Won' then 1 end) as won, count(case when d.deal_stage = 'Lost' then 1 end) as lost, coalesce(sum(case when d.deal_stage = 'Won' then cast(d.close_value as integer) end), 0) as value from member m cross join periods pr left join p d on d.sales_agent = m.agent and d.deal_stage in ('Won', 'Lost') and d.close_date between pr.first and pr.last group by 1, 2, 3" "select count(*), sum(won), sum(lost), sum(value) from tally where kind = 'company'"
> 7|10547|5907|24822730
# The expected CSV rows. Win rate = won / (won + lost) to 4 decimals, half
# up, in integers: r = (20000 won + n) / 2n = round(10000 won / n), n = won + lost.
$ sqlite3 ref.db "create view expected as select kind, scope, period, scope || ',' || period || ',won_value,' || printf('%.2f', value) as line from tally union all select kind, scope, period, scope || ',' || period || ',deals_won,' || won from tally union all select kind, scope, period, scope || ',' || period || ',deals_lost,' || lost from tally union all select kind, scope, period, scope || ',' || period || ',win_rate,' || case when won + lost = 0 then '' else printf('%d.%04d', r / 10000, r % 10000) end from (select *, (won * 20000 + won + lost) / (2 * (won + lost)) as r from tally)" "select count(*) from expected"
> 1428

# The company, every period.
$ sh metrics.sh | sort > actual.txt && sqlite3 ref.db "select line from expected where kind = 'company'" | sort > expected.txt && diff expected.txt actual.txt && grep -E '^company,2017(-Q2)?,' actual.txt
> company,2017,deals_lost,2473
> company,2017,deals_won,4238
> company,2017,win_rate,0.6315
> company,2017,won_value,10005534.00
> company,2017-Q2,deals_lost,778
> company,2017-Q2,deals_won,1254
> company,2017-Q2,win_rate,0.6171
> company,2017-Q2,won_value,3086111.00
# Exactly as printed, header included.
$ attain metric win_rate --period 2017-03-15..2017-06-30 --format csv
> scope,period,metric,value
> company,2017-03-15..2017-06-30,win_rate,0.6457
# Every person (41: 35 agents and their 6 managers), also those with no deal
# in the period: 0 and an empty win rate (Carl Lin has no deals at all).
$ sh metrics.sh --by person | sort > actual.txt && sqlite3 ref.db "select line from expected where kind = 'person'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep -E '^person:(Carl Lin|Darcel Schlecht|Dustin Brinkmann),2017-Q3,' actual.txt
> 1148
> person:Carl Lin,2017-Q3,deals_lost,0
> person:Carl Lin,2017-Q3,deals_won,0
> person:Carl Lin,2017-Q3,win_rate,
> person:Carl Lin,2017-Q3,won_value,0.00
> person:Darcel Schlecht,2017-Q3,deals_lost,66
> person:Darcel Schlecht,2017-Q3,deals_won,115
> person:Darcel Schlecht,2017-Q3,win_rate,0.6354
> person:Darcel Schlecht,2017-Q3,won_value,373218.00
> person:Dustin Brinkmann,2017-Q3,deals_lost,0
> person:Dustin Brinkmann,2017-Q3,deals_won,0
> person:Dustin Brinkmann,2017-Q3,win_rate,
> person:Dustin Brinkmann,2017-Q3,won_value,0.00
# Every team: one per manager (6), the manager and their agents.
$ sh metrics.sh --by team | sort > actual.txt && sqlite3 ref.db "select line from expected where kind = 'team'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep -E '^team:[^,]*,2017,win_rate,' actual.txt
> 168
> team:Cara Losch,2017,win_rate,0.6443
> team:Celia Rouche,2017,win_rate,0.6341
> team:Dustin Brinkmann,2017,win_rate,0.6298
> team:Melvin Marxen,2017,win_rate,0.6220
> team:Rocco Neubert,2017,win_rate,0.6208
> team:Summer Sewald,2017,win_rate,0.6434
# Every unit: the three regional offices.
$ sh metrics.sh --by unit | sort > actual.txt && sqlite3 ref.db "select line from expected where kind = 'unit'" | sort > expected.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep -E '^unit:[^,]*,2017,(won_value|win_rate),' actual.txt
> 84
> unit:Central,2017,win_rate,0.6256
> unit:Central,2017,won_value,3346293.00
> unit:East,2017,win_rate,0.6302
> unit:East,2017,won_value,3090594.00
> unit:West,2017,win_rate,0.6394
> unit:West,2017,won_value,3568647.00
# One team and one agent named as the scope, the quarters of 2017. Rosalina
# Dieter's 2017-Q3 win rate is an exact tie: 21/32 = 0.65625 -> 0.6563 (half up).
$ sqlite3 ref.db "select line from expected where scope in ('team:Rocco Neubert', 'person:Rosalina Dieter') and period like '2017-Q_'" | sort > expected.txt && for s in "team:Rocco Neubert" "person:Rosalina Dieter"; do for m in won_value deals_won deals_lost win_rate; do attain metric $m --period 2017 --by quarter --scope "$s" --format csv | tail -n +2; done; done | sort > actual.txt && diff expected.txt actual.txt && wc -l < actual.txt && grep 'Dieter,2017-Q3' actual.txt
> 32
> person:Rosalina Dieter,2017-Q3,deals_lost,11
> person:Rosalina Dieter,2017-Q3,deals_won,21
> person:Rosalina Dieter,2017-Q3,win_rate,0.6563
> person:Rosalina Dieter,2017-Q3,won_value,86476.00
