# attain review (the agenda by risk, what changed, decisions) and attain
# review decide, on a small hand-made company (CNY, the built-in Chinese
# holiday calendar). Every figure and the order are worked out by hand below.
#
# Units 华东/上海, 华东/杭州; 王经理 (华东, no manager: the head of unit:华东),
# his reps 张三, 李四 (华东/上海) and 赵六 (华东/杭州).
# Orders: O1 2026-01-05 张三 30000; O2 2026-01-20 李四 10000; O4 2026-01-08
# 赵六 9000; O5 2026-01-09 王经理 5000.
# Goals, all revenue 2026-Q1:
#   1 person:张三 100000 (cadence not set: weekly)
#   2 unit:华东/上海 200000 monthly
#   3 unit:华东/杭州 15000 cadence none, parent of 4
#   4 person:赵六 20000 (parent 3: 3's sub-goals add up to 20000, not 15000)
#   5 person:李四 10000, check-ins by 李四 02-03 confidence 9, 02-09 confidence 5
#   6 person:王经理 1000
#   7 company 1000000 cadence none (not inside unit:华东)
# Working days of 2026-Q1: 59 (21 in January, 16 in February, 22 in March);
# through 2026-02-10: 21 + 7 (Feb 2..6, 9, 10) = 28, w = 28/59.
#   goal  actual  expected = target × 28/59  pace     status     gap = expected − actual
#   1     30000   47457.63                   0.6321   behind     17457.63  share 0.1746
#   2     40000   94915.25                   0.4214   behind     54915.25  share 0.2746
#   3      9000    7118.64                   1.2643   on_track   −1881.36
#   4      9000    9491.53                   0.9482   at_risk      491.53
#   5     10000    4745.76                            achieved
#   6      5000     474.58                            achieved
# Signals: 1 and 2 behind and owe a check-in (1: none this week; 2: none in
# February), 4 at risk and owes one, 5's latest check-in (9 → 5) is a
# confidence drop, 6 owes one, 3 (cadence none) has sub-goals that do not add
# up. Order: tier behind (2 before 1, the larger share), at risk (4),
# confidence drop (5), check-in due (6), sub-goals (3).
$ attain init >/dev/null
$ printf 'path\n华东/上海\n华东/杭州\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东/上海,王经理\n李四,华东/上海,王经理\n赵六,华东/杭州,王经理\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name\nC1,晨光科技\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2026-01-05,C1,张三,30000\nO2,2026-01-20,C1,李四,10000\nO4,2026-01-08,C1,赵六,9000\nO5,2026-01-09,C1,王经理,5000\n' > orders.csv && attain import orders orders.csv >/dev/null
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q1 --target 100000 --title 张三Q1 >/dev/null
$ attain goal add --metric revenue --scope unit:华东/上海 --period 2026-Q1 --target 200000 --cadence monthly --title 上海Q1 >/dev/null
$ attain goal add --metric revenue --scope unit:华东/杭州 --period 2026-Q1 --target 15000 --cadence none --title 杭州Q1 >/dev/null
$ attain goal add --metric revenue --scope person:赵六 --period 2026-Q1 --target 20000 --parent 3 --title 赵六Q1 >/dev/null
$ attain goal add --metric revenue --scope person:李四 --period 2026-Q1 --target 10000 --title 李四Q1 >/dev/null
$ attain goal add --metric revenue --scope person:王经理 --period 2026-Q1 --target 1000 --title 王经理Q1 >/dev/null
$ attain goal add --metric revenue --scope company --period 2026-Q1 --target 1000000 --cadence none --title 公司Q1 >/dev/null
$ attain --as 李四 checkin add 5 --confidence 9 --note 顺利 --as-of 2026-02-03 >/dev/null
$ attain --as 李四 checkin add 5 --confidence 5 --blockers 客户延期 --as-of 2026-02-09 >/dev/null
$ attain goal action add 1 --what 拜访晨光 --owner 张三 --due 2026-02-20 >/dev/null
$ attain goal action add 1 --what 旧步骤 --owner 张三 >/dev/null
$ attain goal action done 2 >/dev/null

# --- the agenda as JSON: order, figures, signals ------------------------------
$ attain review --scope unit:华东 --as-of 2026-02-10 --format json > agenda.json && jq -r '.goals[] | [.rank, .id, .status, .actual, .expected, .gap_to_expected, (.signals | join("+"))] | @csv' agenda.json | tr -d '"'
> 1,2,behind,40000.00,94915.25,54915.25,behind+checkin_due
> 2,1,behind,30000.00,47457.63,17457.63,behind+checkin_due
> 3,4,at_risk,9000.00,9491.53,491.53,at_risk+checkin_due
> 4,5,achieved,10000.00,4745.76,-5254.24,confidence_drop
> 5,6,achieved,5000.00,474.58,-4525.42,checkin_due
> 6,3,on_track,9000.00,7118.64,-1881.36,children_mismatch
# the shape: the top-level keys, a goal's keys, its check-ins newest first and
# its open action steps (the done one left out); no earlier review: changes null
$ jq -c 'keys_unsorted, (.goals[0] | keys_unsorted), .changes, .decisions' agenda.json
> ["scope","period","as_of","since","goals","forecast","changes","decisions","requests"]
> ["rank","id","title","scope","period","metric","status","target","actual","attainment","expected","pace","forecast","gap_to_expected","signals","checkins","actions"]
> null
> []
$ jq -c '.goals[3].checkins[] | [.at, .by, .confidence, .flags]' agenda.json
> ["2026-02-09","李四",5,"confidence_drop"]
> ["2026-02-03","李四",9,""]
$ jq -c '.goals[1].actions' agenda.json
> [{"id":1,"what":"拜访晨光","owner":"张三","due":"2026-02-20"}]
# --period: the same goals for 2026-Q1, none for 2026-Q2; a person scope
$ attain review --scope unit:华东 --period 2026-Q2 --as-of 2026-02-10 --format json | jq '.goals | length'
> 0
$ attain review --scope person:张三 --as-of 2026-02-10 --format json | jq -c '[.goals[].id]'
> [1]

# --- Markdown ------------------------------------------------------------------
$ attain review --scope unit:华东 --as-of 2026-02-10 > agenda.md && grep -E '^(#|\| [0-9])' agenda.md
> # Review agenda
> ## 1 Goals by risk
> | 1 | #2 上海Q1 | behind | ¥200,000.00 | ¥40,000.00 | 20.0% | ¥94,915.25 | 42.1% | ¥84,285.71 | ¥54,915.25 | behind, check-in due |
> | 2 | #1 张三Q1 | behind | ¥100,000.00 | ¥30,000.00 | 30.0% | ¥47,457.63 | 63.2% | ¥63,214.29 | ¥17,457.63 | behind, check-in due |
> | 3 | #4 赵六Q1 | at risk | ¥20,000.00 | ¥9,000.00 | 45.0% | ¥9,491.53 | 94.8% | ¥18,964.29 | ¥491.53 | at risk, check-in due |
> | 4 | #5 李四Q1 | achieved | ¥10,000.00 | ¥10,000.00 | 100.0% | ¥4,745.76 | 210.7% | ¥21,071.43 | -¥5,254.24 | confidence drop |
> | 5 | #6 王经理Q1 | achieved | ¥1,000.00 | ¥5,000.00 | 500.0% | ¥474.58 | 1,053.6% | ¥10,535.71 | -¥4,525.42 | check-in due |
> | 6 | #3 杭州Q1 | on track | ¥15,000.00 | ¥9,000.00 | 60.0% | ¥7,118.64 | 126.4% | ¥18,964.29 | -¥1,881.36 | sub-goals do not add up |
> ### 1. Goal 2: 上海Q1 (华东/上海, 2026-Q1)
> ### 2. Goal 1: 张三Q1 (张三, 2026-Q1)
> ### 3. Goal 4: 赵六Q1 (赵六, 2026-Q1)
> ### 4. Goal 5: 李四Q1 (李四, 2026-Q1)
> ### 5. Goal 6: 王经理Q1 (王经理, 2026-Q1)
> ### 6. Goal 3: 杭州Q1 (华东/杭州, 2026-Q1)
> ## 2 Forecast call (2026-Q1)
> ## 3 What changed
> ## 4 Decisions
> ## 5 Change requests
# (forecasts: actual × 59/28 — goal 2: 40000 × 59/28 = 84285.71.)
$ grep -E '^- (2026|拜访|No earlier)' agenda.md
> - No earlier review of this scope
> - 拜访晨光 (owner 张三), due 2026-02-20
> - 2026-02-09 李四: confidence 5, pace 218.5%, achieved. Blockers: 客户延期. Flags: confidence drop
> - 2026-02-03 李四: confidence 9, pace 256.5%, achieved. 顺利
# (李四's check-ins froze his pace as of their days: 02-09 is working day 27,
# expected 10000 × 27/59 = 4576.27, pace 10000/4576.27 = 2.1852; 02-03 day 23,
# 10000 × 59/23/10000 = 2.5652.)

# --- what changed since a date --------------------------------------------------
# As of 2026-01-12 (working days Jan 4, 5..9, 12: 7 of 59): goal 1 30000 vs
# 11864.41 on track; 2 30000 (O2 comes 01-20) vs 23728.81 on track; 3 9000
# vs 1779.66 on track (no move); 4 9000 vs 2372.88 on track; 5 0 vs 1186.44
# behind; 6 5000 ≥ 1000 achieved (no move).
$ attain review --scope unit:华东 --as-of 2026-02-10 --since 2026-01-12 --format json | jq -c '.since, .changes.moves[], .changes.met'
> "2026-01-12"
> {"goal":1,"title":"张三Q1","from":"on_track","to":"behind"}
> {"goal":2,"title":"上海Q1","from":"on_track","to":"behind"}
> {"goal":4,"title":"赵六Q1","from":"on_track","to":"at_risk"}
> {"goal":5,"title":"李四Q1","from":"behind","to":"achieved"}
> [{"goal":5,"title":"李四Q1","to":"achieved"}]
$ attain review --scope unit:华东 --as-of 2026-02-10 --since 2026-01-12 | grep -A7 '^## 3'
> ## 3 What changed since 2026-01-12
> 
> ### Status moves
> 
> - Goal 1 张三Q1: on track → behind
> - Goal 2 上海Q1: on track → behind
> - Goal 4 赵六Q1: on track → at risk
> - Goal 5 李四Q1: behind → achieved
# since the same day: nothing moved
$ attain review --scope unit:华东 --as-of 2026-02-10 --since 2026-02-10 --format json | jq -c '.changes'
> {"since":"2026-02-10","moves":[],"met":[]}

# --- decisions -------------------------------------------------------------------
# The head of unit:华东 (王经理) records two decisions at the 02-10 meeting.
$ attain --as 王经理 review decide --scope unit:华东 --text 张三每周拜访晨光两次 --goal 1 --as-of 2026-02-10
> decision 1 recorded for the review of unit:华东 on 2026-02-10
$ attain --as 王经理 review decide --scope unit:华东 --text 杭州目标下周对齐 --as-of 2026-02-10
> decision 2 recorded for the review of unit:华东 on 2026-02-10
# The next agenda (02-17) compares with that meeting and lists its decisions.
# As of 02-17 the working days are 28 + Feb 11, 12, 13 and 14 (make-up) = 32
# of 59 (Feb 15..17 are the Spring Festival): goal 4 expected 20000 × 32/59 =
# 10847.46, pace 9000/10847.46 = 0.8297: at_risk → behind; goal 3 expected
# 8135.59, pace 1.1063: still on track; the others keep their status.
$ attain review --scope unit:华东 --as-of 2026-02-17 --format json | jq -c '.since, .changes.moves, .decisions[]'
> "2026-02-10"
> [{"goal":4,"title":"赵六Q1","from":"at_risk","to":"behind"}]
> {"id":1,"meeting":"2026-02-10","goal":1,"by":"王经理","text":"张三每周拜访晨光两次","caused":[]}
> {"id":2,"meeting":"2026-02-10","goal":null,"by":"王经理","text":"杭州目标下周对齐","caused":[]}
$ attain review --scope unit:华东 --as-of 2026-02-17 | grep -E '^(- Previous|## 4|- 2026-02-10)'
> - Previous review: 2026-02-10
> ## 4 Decisions since 2026-02-10
> - 2026-02-10: 张三每周拜访晨光两次 (王经理, goal 1)
> - 2026-02-10: 杭州目标下周对齐 (王经理)
# --since wins over the previous meeting; other scopes do not see these decisions
$ attain review --scope unit:华东 --as-of 2026-02-17 --since 2026-02-11 --format json | jq -c '.since, .decisions'
> "2026-02-11"
> []
$ attain review --scope unit:华东/上海 --as-of 2026-02-17 --format json | jq -c '.since, .decisions'
> null
> []

# --- refusals: a clear error, nothing written --------------------------------------
$ attain --as 张三 review decide --scope unit:华东 --text 我来定
! person:张三 may not record decisions of the review of unit:华东: only its head or someone above may
? 10
$ attain --as 王经理 review decide --scope unit:华东 --text 公司目标 --goal 7
! goal 7 \(company\) is not inside unit:华东
? 2
$ attain --as 王经理 review decide --scope unit:华东 --text "  "
! needs its text
? 2
$ env -u ATTAIN_AS attain review decide --scope unit:华东 --text x
! --as
? 2
$ attain --as 王经理 review decide --scope unit:无此 --text x
? 3
$ attain review --scope unit:华东 --as-of 2026-02-17 --format json | jq '.decisions | length'
> 2
$ attain review --as-of 2026-02-10
! needs a scope
? 2
$ attain review --scope unit:华东 --format pdf
! choose md, html or json
? 2
$ attain review --scope unit:华东 --as-of 2026-02-10 --since 2026-03-01
! since date 2026-03-01 is after the meeting day 2026-02-10
? 2

# --- HTML: one self-contained printable file; Chinese -----------------------------
$ attain review --scope unit:华东 --as-of 2026-02-17 --format html --lang zh --out agenda.html && head -c 15 agenda.html && echo && grep -c '<style>' agenda.html && grep -cE 'src=|href=|@import' agenda.html
> <!doctype html>
> 1
> 0
? 1
# Charts: unit:华东 has no goal of its own, so no burn-up; attainment by
# member has a bar per goal on the agenda, in its order, each the table's
# attainment (actual / target, no order after 01-20: 2 40000/200000 20.0%,
# 1 30000/100000 30.0%, 4 9000/20000 45.0%, 5 10000/10000 100.0%,
# 6 5000/1000 500.0%, 3 9000/15000 60.0%), coloured by status — as of 02-17
# goal 4 is behind: 9000 / (20000 × 32/59) = 83.0%, under 90%.
$ grep -c '<svg class="chart burnup"' agenda.html
> 0
? 1
$ grep -o '<text class="label"[^>]*>[^<]*</text><rect class="bar"[^>]*/><text class="value"[^>]*>[^<]*' agenda.html | sed -E 's/^<text[^>]*>([^<]*)<\/text><rect[^>]*fill="([^"]*)"\/><text[^>]*>(.*)$/\1 \2 \3/'
> #2 华东/上海 #c62828 20.0%
> #1 张三 #c62828 30.0%
> #4 赵六 #c62828 45.0%
> #5 李四 #2e7d32 100.0%
> #6 王经理 #2e7d32 500.0%
> #3 华东/杭州 #2e7d32 60.0%
$ grep -cE '(unit|person|team):[^ ]' agenda.html
> 0
? 1
$ grep -o '<h2>[^<]*</h2>' agenda.html
> <h2>1 目标（按风险排序）</h2>
> <h2>2 销售预测（2026-Q1）</h2>
> <h2>3 自 2026-02-10 以来的变化</h2>
> <h2>4 自 2026-02-10 以来的决定</h2>
> <h2>5 调整申请</h2>
# goal 2 as of 02-17: expected 200000 × 32/59 = 108474.58 (¥10.85万), pace
# 40000/108474.58 = 0.3687, forecast 40000 × 59/32 = 73750 (¥7.38万), gap
# 68474.58 (¥6.85万).
$ attain --lang zh review --scope unit:华东 --as-of 2026-02-17 | grep -E '^\| 1 '
> | 1 | #2 上海Q1 | 落后 | ¥20.00万 | ¥4.00万 | 20.0% | ¥10.85万 | 36.9% | ¥7.38万 | ¥6.85万 | 落后、待提交进度检查 |
# The forecast call of the scope for the quarter of the meeting: each
# person's quota is the target of their 2026-Q1 revenue goal; nobody has
# deals or a call, so closed is 0 and the gap is the whole quota (张三:
# 100,000 − 0).
$ attain review --scope unit:华东 --as-of 2026-02-10 --format json | jq -c '.forecast.period, [.forecast.rows[] | select(.rollup | not) | [.scope, .quota, .closed_won, .commit, .gap]]'
> "2026-Q1"
> [["person:张三","100000.00","0.00",null,"100000.00"],["person:李四","10000.00","0.00",null,"10000.00"],["person:王经理","1000.00","0.00",null,"1000.00"],["person:赵六","20000.00","0.00",null,"20000.00"]]
# A change that cites a decision (goal edit --decision ID) is listed under
# it: decision 1 (张三每周拜访晨光两次, about goal 1) caused goal 1's target
# to go from 100,000 to 120,000. The decision must exist and the goal be
# inside its scope; --decision goes with goal edit only.
$ attain --as 王经理 goal edit 1 --target 120000 --reason 加码 --decision 1 >/dev/null && attain review --scope unit:华东 --as-of 2026-02-17 --format json | jq -c '[.decisions[] | select(.id == 1) | .caused[] | [.goal, .field, .from, .to]]'
> [[1,"target","100000.00","120000.00"]]
$ attain --as 王经理 goal edit 1 --target 130000 --reason 加码 --decision 99
? 3
! no decision 99
$ attain goal add --metric revenue --scope person:张三 --period 2026-Q2 --target 1 --decision 1
? 2
! --decision goes with goal edit
$ attain review --scope unit:华东 --as-of 2026-02-17 | grep -c 'Caused: goal 1 target 100000.00 → 120000.00'
> 1
# The review of unit:华东/上海 has its own goal 2 (revenue 2026-Q1, 200000): a
# burn-up whose labels are the table's target, actual and forecast as of
# 02-10 (40000 × 59/28 = 84285.71), in English with the scope by name; the
# bars are its members' goals (1 张三, 5 李四).
$ attain review --scope unit:华东/上海 --as-of 2026-02-10 --format html > sh.html && grep -c '<svg class="chart burnup"' sh.html && grep -c '<rect class="bar"' sh.html
> 1
> 2
$ grep -o '<text class="[a-z]*" [^>]*>[^<]*' sh.html | grep -E 'class="(target|actual|forecast)"' | sed -E 's/^<text class="([a-z]*)".*>/\1 /'
> target ¥200,000.00
> actual ¥40,000.00
> forecast ¥84,285.71
$ grep -E '<td>#2 ' sh.html | grep -oE '<td class="num">[^<]*' | sed -n '2p;3p' | sed 's/.*>//'
> ¥200,000.00
> ¥40,000.00
$ grep -o '<title>[^<]*' sh.html | sed 's/<title>//'
> Review agenda · 华东/上海 · 2026-02-10
> Goal 2 burn-up: 上海Q1 (华东/上海, 2026-Q1)
> Attainment by member: 华东/上海
# JSON keeps the canonical spellings.
$ attain review --scope unit:华东/上海 --as-of 2026-02-10 --format json | jq -r '.scope, .goals[0].scope'
> unit:华东/上海
> unit:华东/上海
