# attain plan: the goal plan document (销售目标管理计划) as Markdown and HTML, zh and en.
#
# Every figure below is recomputed by hand from the files imported here, with
# the working days of data/holidays/cn.csv (the default pace basis; CNY loads
# the cn calendar), counted with a short script over that file:
#   2026 (01-01..12-31) 248 working days, 89 through 05-15;
#   2026-Q2 (04-01..06-30) 61, 30 through 05-15; 2026-05 19, 9 through 05-15.
# Orders: O1 2026-01-15 李强(E2) 120000, O2 2026-02-10 张伟(E3) 80000,
# O3 2026-04-20 李强 150000 -> 2026 actual 350000 through 05-15 (Q1 200000,
# Q2 150000, April 150000, May 0); 张伟's first-order customers: C2 in Q1 (1).
# No deals at all: every pipeline is ¥0.00, whatever the date.
$ attain init >/dev/null
$ printf 'path\n华东\n华东/一组\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'id,name,unit,manager\nE1,王芳,华东/一组,\nE2,李强,华东/一组,E1\nE3,张伟,华东/一组,E1\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name,owner\nC1,上海晨光,E2\nC2,杭州明远,E3\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2026-01-15,C1,E2,120000\nO2,2026-02-10,C2,E3,80000\nO3,2026-04-20,C1,E2,150000\n' > orders.csv && attain import orders orders.csv >/dev/null
# The plan: an objective, a yearly goal aligned with it (its title needs escaping),
# split over quarters, Q1 over the members, Q2 over its months; an orphan goal.
$ attain objective add "拓展新市场" --description "进入华东二线城市 & 'Tier-2'"
> objective 1 added
$ attain goal add --metric revenue --scope unit:华东 --period 2026 --target 200万 --title '华东 <销售&增长> "2026"' --objective 1 >/dev/null
$ attain goal split 1 --over quarters --method even --yes --reason 计划 | tail -1
> saved 4 sub-goals of goal 1 (2..5)
$ attain goal split 2 --over members --method even --yes --reason 计划 | tail -1
> saved 2 sub-goals of goal 2 (6..7)
$ attain goal split 3 --over months --method even --yes --reason 计划 | tail -1
> saved 3 sub-goals of goal 3 (8..10)
$ attain goal add --metric new_customers --scope person:张伟 --period 2026-Q2 --target 5 --title 张伟新客户 >/dev/null
$ attain goal action add 1 --what "每周拜访新客户 | 电话跟进" --owner 王芳 --due 2026-03-31 --driver "拜访次数每周+30%"
> action step 1 added to goal 1
$ attain goal edit 1 --cadence weekly --reason "每周检查"
> goal 1 changed
# Markdown in Chinese: every section, the SMART lines, the breakdowns, the steps, the status.
# Documents name scopes (华东, 张伟; Company in English), never unit:华东.
$ attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15
~ ^# 销售目标管理计划$
~ ^- 范围：华东$
~ ^- 周期：2026（2026-01-01 至 2026-12-31）$
~ ^- 数据截至：2026-05-15$
~ ^- 由 attain .* 生成
~ ^## 一、战略目标与策略$
~ ^### 拓展新市场$
~ ^进入华东二线城市 & 'Tier-2'$
~ ^- 目标 1：华东 \\<销售&增长> "2026" — 销售额 ¥200\.00万，华东，2026（分解为 9 个子目标）$
~ ^### 未对齐战略目标的目标$
~ ^- 目标 11：张伟新客户 — 新客户数 5，张伟，2026-Q2$
~ ^## 二、目标（SMART）$
~ ^### 目标 1：华东 \\<销售&增长> "2026"$
~ ^- 目标值：¥200\.00万（越高越好）$
~ ^- 检查节奏：每周$
~ ^- S 明确具体 ✓ 
~ ^- M 可衡量 ✓ 
~ ^- R 相关性 ✓ 服务于战略目标“拓展新市场”$
~ ^- T 有时间限制 ✓ 
~ ^- R 相关性 ✗ 
~ ^## 三、目标分解$
~ ^### 目标 1 按时间分解：华东 \\<销售&增长> "2026"$
~ ^\| 目标 \| 分解部分 \| 目标值 \| 占上级比例 \|$
~ ^\| #1 \| 2026（整体） \| ¥200\.00万 \| 100\.0% \|$
~ ^\| #2 \| 2026-Q1 \| ¥50\.00万 \| 25\.0% \|$
~ ^\| #8 \| └ 2026-04 \| ¥16\.67万 \| 33\.3% \|$
~ ^\| #10 \| └ 2026-06 \| ¥16\.67万 \| 33\.3% \|$
~ ^### 目标 2 按团队分解：
~ ^\| #6 \| 张伟 \| ¥25\.00万 \| 50\.0% \|$
~ ^\| #7 \| 李强 \| ¥25\.00万 \| 50\.0% \|$
~ ^✓ 各部分之和等于上级目标。$
~ ^## 四、行动步骤$
~ ^\| 每周拜访新客户 \\\| 电话跟进 \| 王芳 \| 2026-03-31 \| 未完成 \| 拜访次数每周\+30% \|$
~ ^- 目标 11：张伟新客户$
~ ^## 五、复盘与反馈节奏$
~ ^- 每周进度检查
~ ^- 每月定期反馈会议
~ ^- 每季度调整
~ ^\| #1 华东 \\<销售&增长> "2026" \| 2026 \| 每周 \|$
~ ^\| #11 张伟新客户 \| 2026-Q2 \| 未设置检查节奏；周期超过一个月的目标建议每周检查 \|$
~ ^\| [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \| #1 \| 检查节奏 \|  \| 每周 \| 每周检查 \|$
~ ^## 六、当前进度$
~ ^\| 目标 \| 周期 \| 目标值 \| 实际 \| 完成率 \| 应完成 \| 进度 \| 预测 \| 状态 \|$
~ ^\| #1 华东 \\<销售&增长> "2026" \| 2026 \| ¥200\.00万 \| ¥35\.00万 \| 17\.5% \| ¥71\.77万 \| 48\.8% \| ¥97\.53万 \| 落后 \|$
# (a missed goal after its end: 未达标; met 达标; achieved before the end 已达成)
~ ^\| #2 .* \| 2026-Q1 \| ¥50\.00万 \| ¥20\.00万 \| 40\.0% \| ¥50\.00万 \| 40\.0% \| ¥20\.00万 \| 未达标 \|$
~ ^\| #4 .* \| 2026-Q3 \| ¥50\.00万 \| ¥0\.00 \| 0\.0% \| ¥0\.00 \| — \| ¥0\.00 \| 未开始 \|$
# Status on 05-15: behind #1 #3 #9 #11 (pace under 90%); ended and missed
# #2 #6 #7 (Q1) and #8 (April); not started #4 #5 (Q3, Q4) and #10 (June).
~ ^合计 11 个目标：落后 4，未达标 4，未开始 3$
# Q2: expected 500000 × 30/61 = 245901.64 (¥24.59万); pace 150000 / 245901.64
# = 61.0%; forecast 150000 × 61/30 = 305000 (¥30.50万).
~ ^\| #3 .* \| 2026-Q2 \| ¥50\.00万 \| ¥15\.00万 \| 30\.0% \| ¥24\.59万 \| 61\.0% \| ¥30\.50万 \| 落后 \|$
# May: 500000 / 3 months, largest remainder: 166666.67; expected 166666.67 ×
# 9/19 = 78947.37 (¥7.89万).
~ ^\| #9 .* \| 2026-05 \| ¥16\.67万 \| ¥0\.00 \| 0\.0% \| ¥7\.89万 \| 0\.0% \| ¥0\.00 \| 落后 \|$
# 张伟 new customers Q2: target 5, none yet; expected 5 × 30/61 = 2.459.
~ ^\| #11 张伟新客户 \| 2026-Q2 \| 5 \| 0 \| 0\.0% \| 2\.5 \| 0\.0% \| 0 \| 落后 \|$
# SMART and achievability of goal 1 (华东 revenue 2026, ¥200万): S, M ✓; R ✓
# (objective 1); T ✓ (sub-goals) -> 4/5. No orders before 2026: no history
# -> stretch; pipeline ¥0.00 is 0.0× the target, under 1× with little history
# -> one level lower: unrealistic (so A ✗).
$ attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15 | sed -n '/^### 目标 1：/,/^### 目标 11/p' | grep -E '^(SMART |- A |可实现性：|- 商机覆盖|- 历史数据少)'
> SMART 4/5
> - A 可实现 ✗ 不现实：无可比历史（没有去年同期和上期数据），无法计算所需增长 → 有挑战
> 可实现性：不现实
> - 商机覆盖 0.0 倍（在途商机 ¥0.00 / 目标 ¥200万）：不足 1 倍且历史数据少 → 降低一级
> - 历史数据少（0 个周期有数据）：最多判为有挑战，除非产能或商机明显支持
# Goal 11 (张伟 new customers 2026-Q2, 5): S, M ✓; R ✗ (no objective, no
# parent); T ✗ (a quarter, no sub-goals, no cadence) -> 2/5. Previous quarter:
# 1 new customer (C2), so 5 needs (5 - 1) / 1 = +400.0% > +30%: unrealistic.
$ attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15 | sed -n '/^### 目标 11：/,/^## /p' | grep -E '^(SMART |- A |可实现性：)'
> SMART 2/5
> - A 可实现 ✗ 不现实：需要环比增长 400.0%（上期 1 → 目标 5）：超过 30% → 不现实
> 可实现性：不现实
# The same in English, money in full.
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --lang en
~ ^# Sales goal management plan$
~ ^- Scope: 华东$
~ ^## 1\. Strategic objectives and strategy$
~ ^- Goal 1: 华东 \\<销售&增长> "2026" — Revenue ¥2,000,000\.00, 华东, 2026 \(broken down into 9 sub-goals\)$
~ ^## 2\. Goals \(SMART\)$
~ ^- S Specific ✓ 
~ ^- R Relevant ✓ 
~ ^## 3\. Goal breakdown$
~ ^\| #2 \| 2026-Q1 \| ¥500,000\.00 \| 25\.0% \|$
~ ^\| #7 \| 李强 \| ¥250,000\.00 \| 50\.0% \|$
# Q2's ¥500,000.00 over three months, largest remainder: .67 .67 .66.
~ ^\| #8 \| └ 2026-04 \| ¥166,666\.67 \| 33\.3% \|$
~ ^\| #9 \| └ 2026-05 \| ¥166,666\.67 \| 33\.3% \|$
~ ^\| #10 \| └ 2026-06 \| ¥166,666\.66 \| 33\.3% \|$
~ ^✓ The parts add up to the whole\.$
~ ^## 4\. Action steps$
~ \| open \| 拜访次数每周\+30% \|$
~ ^## 5\. Review and feedback cadence$
~ ^- Monthly review meeting \(定期反馈会议\)
~ no cadence set; weekly recommended for goals longer than a month
~ ^## 6\. Current status$
~ ^\| #1 .* \| ¥2,000,000\.00 \| ¥350,000\.00 \| 17\.5% \| ¥717,741\.94 \| 48\.8% \| ¥975,280\.90 \| behind \|$
~ ^\| #10 .* \| 2026-06 \| ¥166,666\.66 \| ¥0\.00 \| 0\.0% \| ¥0\.00 \| — \| ¥0\.00 \| not started \|$
~ ^11 goals: behind 4, missed 4, not started 3$
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --lang en | grep -E '^Achievability: '
> Achievability: unrealistic
> Achievability: unrealistic
# Parts that no longer add up are named, with the gap.
$ attain goal edit 4 --target 60万 --reason "Q3 旺季上调" && attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15
~ ^goal 4 changed$
~ ^✗ 目标 1 的各部分之和 ¥210\.00万 不等于目标值 ¥200\.00万（差 -¥10\.00万；attain goal reconcile --fix 1 --over time）$
~ ^\| [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \| #4 \| 目标值 \| 500000\.00 \| 600000\.00 \| Q3 旺季上调 \|$
# A narrower scope: the person's own goals only.
$ attain plan --scope person:张伟 --period 2026-Q2 --as-of 2026-05-15
~ ^- Goals: 1 \(top-level: 1\); strategic objectives: 1; action steps: 0$
~ ^\| #11 张伟新客户 \| 2026-Q2 \| 5 \| 0 \| 0\.0% \| 2\.5 \| 0\.0% \| 0 \| behind \|$
# HTML: one self-contained file for A4 printing, every text escaped.
$ attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --format html > plan.html && head -2 plan.html
> <!doctype html>
> <html lang="zh-CN">
$ cat plan.html
~ <meta charset="utf-8">
~ @page \{ size: A4; margin: 18mm \}
~ section\.newpage \{ page-break-before: always
~ tr \{ page-break-inside: avoid
~ "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"
~ <h1>销售目标管理计划</h1>
~ <h2>六、当前进度</h2>
~ <section class="major newpage">
~ <h3>目标 1：华东 &lt;销售&amp;增长&gt; &quot;2026&quot;</h3>
~ <p>进入华东二线城市 &amp; &#39;Tier-2&#39;</p>
~ <td class="num">¥200\.00万</td>
$ grep -c -e http -e '<销售' -e '<script' -e '<link' plan.html
> 0
? 1
# Charts in section 6, inline SVG that prints without script: a burn-up of each
# top-level goal that accrues over time (1 revenue, 11 new customers) and the
# attainment by member of goal 2 (split over 张伟 and 李强, Q1): a bar each, the
# value the status table's attainment of goals 6 and 7 — 张伟 O2 80000 / 250000
# = 32.0%, 李强 O1 120000 / 250000 = 48.0% — red for missed.
$ grep -c '<svg class="chart burnup"' plan.html
> 2
$ grep -c '<rect class="bar"' plan.html
> 2
$ grep -o '<text class="label"[^>]*>[^<]*</text><rect class="bar"[^>]*/><text class="value"[^>]*>[^<]*' plan.html | sed -E 's/^<text[^>]*>([^<]*)<\/text><rect[^>]*fill="([^"]*)"\/><text[^>]*>(.*)$/\1 \2 \3/'
> 张伟 #c62828 32.0%
> 李强 #c62828 48.0%
$ attain --lang zh plan --scope unit:华东 --period 2026 --as-of 2026-05-15 | grep -E '^\| #(6|7) '
~ ^\| #6 .* \| 2026-Q1 \| ¥25\.00万 \| ¥8\.00万 \| 32\.0% \| .* \| 未达标 \|$
~ ^\| #7 .* \| 2026-Q1 \| ¥25\.00万 \| ¥12\.00万 \| 48\.0% \| .* \| 未达标 \|$
# The burn-ups' labels are the status table's target, actual (as of 05-15)
# and forecast: goal 1 ¥200.00万, ¥35.00万, ¥97.53万; goal 11 5, 0, 0.
$ grep -o '<text class="[a-z]*" [^>]*>[^<]*' plan.html | grep -E 'class="(target|actual|forecast)"' | sed -E 's/^<text class="([a-z]*)".*>/\1 /'
> target ¥200.00万
> actual ¥35.00万
> forecast ¥97.53万
> target 5
> actual 0
> forecast 0
# Goal 1's points: every 13th day from 01-01 (365 days / 30, rounded up:
# 01-01 + 13k, k = 0..28, the last 12-31) and the as-of day 05-15 — 30 points
# of the expected curve, 12 of the actual (01-01 .. 05-09 and 05-15). The last
# actual sits at 05-15 (day 134 of 364: x = 78 + 134 × 546 / 364 = 279) and
# ¥35万 on the 0..¥200万 axis (y = 268 − 350000 × 216 / 2000000 = 230.2, 231
# rounded toward the axis).
$ sed -n '/目标 1 累计完成/,/<\/svg>/p' plan.html | grep -oE 'points="[^"]*"' | awk '{print NF}'
> 30
> 12
$ grep -c '<circle cx="279" cy="231"' plan.html
> 1
# No scope is spelled the canonical way (unit:华东, person:张伟) in either language.
$ grep -cE '(unit|person|team):[^ ]' plan.html
> 0
? 1
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --lang en --format html | grep -cE '(unit|person|team):[^ ]'
> 0
? 1
# Markdown carries the same SVG as HTML blocks, each after a blank line.
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 | awk '/^<svg/ { n++; if (prev != "") bad++ } { prev = $0 } END { print n, bad + 0 }'
> 3 0
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --lang en --format html | head -2
> <!doctype html>
> <html lang="en">
# --out writes the file, nothing on standard output.
$ attain plan --scope unit:华东 --period 2026 --as-of 2026-05-15 --format html --out out.html && head -1 out.html && grep -c '</html>' out.html
> <!doctype html>
> 1
$ attain plan --scope unit:华东 --period 2026 --out out.md
>
$ head -1 out.md
> # Sales goal management plan
# Errors.
$ attain plan --scope unit:华东
? 2
! period
$ attain plan --scope unit:nowhere --period 2026
? 3
! no unit "nowhere"
$ attain plan --period 2026 --format pdf
? 2
! --format pdf: choose md or html
$ attain plan --period 2026 --as-of 2026/05/15
? 2
! as-of date 2026/05/15
$ attain plan --period 2026 --colour
? 2
! unknown option --colour
