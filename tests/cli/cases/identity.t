# Stable identities (issue 7, section 2): goals, sub-goals and action steps
# refer to people and units by id; names are read on input and shown on
# output from the current names. Every figure below is worked out by hand in
# the comment above it.
#
# Units 华东/上海一组 and 华南. People (id, name, 工号, unit, manager, weight,
# active): P1 李雷 E100 华东 (leads the team, sells: O3);
# P2 张伟 E102 and P3 张伟 E230 in 华东/上海一组 under 李雷 (two reps of the
# same name in one team; P3 joins 2026-07-01); P4 王芳 E104 has left (active
# no, no leave date); P5 赵六 E105 left on 2026-03-31 (active no); P6 孙八
# E107 leads 钱七 and sells nothing (a pure manager); P7 钱七 E106 weight 0.5;
# P8 张伟 E300 in 华南 (a third 张伟, no manager).
$ attain init >/dev/null
$ printf 'path\n华东/上海一组\n华南\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'id,name,employee_no,unit,manager,weight,active,email\nP1,李雷,E100,华东,,1,yes,\nP2,张伟,E102,华东/上海一组,P1,1,yes,zw102@example.cn\nP3,张伟,E230,华东/上海一组,P1,1,yes,\nP4,王芳,E104,华东/上海一组,P1,1,no,\nP5,赵六,E105,华东/上海一组,P1,1,no,\nP6,孙八,E107,华东,P1,1,yes,\nP7,钱七,E106,华东,P6,0.5,yes,\nP8,张伟,E300,华南,,1,yes,\n' > people.csv && attain import people people.csv >/dev/null
# join and leave dates straight into the store (the import of 入职日期/离职日期 is tested with the import)
$ sqlite3 test.db "UPDATE people SET join_date = '2026-07-01' WHERE ext_id = 'P3'; UPDATE people SET leave_date = '2026-03-31' WHERE ext_id = 'P5'"
# Orders 2026: O1 张伟#E102 50000, O2 张伟#E230 20000, O3 李雷 30000, O4 钱七 10000,
# O5 赵六 5000, O6 张伟#E300 (华南) 7000.
$ printf 'id,date,owner,amount\nO1,2026-01-08,E102,50000\nO2,2026-08-20,E230,20000\nO3,2026-03-12,P1,30000\nO4,2026-03-05,E106,10000\nO5,2026-02-01,E105,5000\nO6,2026-04-01,E300,7000\n' > orders.csv && attain import orders orders.csv >/dev/null

# --- a shared name is a question, with the candidates and their units --------
$ attain goal add --metric revenue --scope person:张伟 --period 2026 --target 100000
? 4
! person 张伟 is ambiguous: 张伟#E102 \(华东/上海一组\), 张伟#E230 \(华东/上海一组\), 张伟#E300 \(华南\)
$ attain goal ls --format csv | wc -l
> 1
# --- every other way to name a person works ------------------------------------
# the label (NAME#工号), the 工号, the e-mail, the store id (#8 = P8), the external id
$ attain goal add --metric revenue --scope person:张伟#E102 --period 2026 --target 100000 >/dev/null
$ attain goal add --metric revenue --scope person:E230 --period 2026 --target 80000 >/dev/null
$ attain goal add --metric revenue --scope person:zw102@example.cn --period 2026-Q1 --target 1000 >/dev/null
$ attain goal add --metric revenue --scope team:P1 --period 2026 --target 1000000 >/dev/null
$ attain goal add --metric revenue --scope 'person:#8' --period 2026 --target 5000 --title 华南张伟 >/dev/null
$ attain goal ls --format csv | cut -d, -f1-3
> id,parent,scope
> 1,,person:张伟#E102
> 2,,person:张伟#E230
> 3,,person:张伟#E102
> 4,,team:李雷
> 5,,person:张伟#E300
# status and tree work for every goal. Actuals through 12-31: E102 50000 (O1),
# E230 20000 (O2), team 李雷 = O1..O5 = 115000, E300 7000 (O6).
$ attain goal status --as-of 2026-12-31 --format csv | cut -d, -f1,3,7
> id,scope,actual
> 1,person:张伟#E102,50000.00
> 2,person:张伟#E230,20000.00
> 3,person:张伟#E102,50000.00
> 4,team:李雷,115000.00
> 5,person:张伟#E300,7000.00
$ attain goal tree --period 2026 --as-of 2026-12-31 | grep -c 'person:张伟#E'
> 4

# --- member splits: who is there, who sells -----------------------------------
# Members of team 李雷 in 2026 (365 days): 李雷 (leads and sells: in), 张伟#E102,
# 张伟#E230 (from 07-01: 184 days), 赵六 (left 03-31: 31+28+31 = 90 days), 钱七;
# not 王芳 (left, no date) nor 孙八 (leads, sells nothing). Sorted by label
# (张 U+5F20 < 李 U+674E < 赵 U+8D75 < 钱 U+94B1; #E102 < #E230).
# Capacity ×1000: 1000, 1000×184/365 = 504.1 → 504, 1000, 1000×90/365 = 246.6 → 247,
# 500; Σ 3251. In cents of 100,000,000: 30759766.23, 15502922.18, 30759766.23,
# 7597662.26, 15379883.11; floors add to 99999999, the cent left goes to the
# largest remainder (.26, 赵六).
$ attain goal split 4 --over members --method capacity --reason 按产能分配 --yes >/dev/null
$ attain goal ls --format csv | cut -d, -f1-3,6 | tail -5
> 6,4,person:张伟#E102,307597.66
> 7,4,person:张伟#E230,155029.22
> 8,4,person:李雷,307597.66
> 9,4,person:赵六,75976.63
> 10,4,person:钱七,153798.83
$ attain plan --period 2026 --as-of 2026-12-31 --scope team:李雷 | grep -c '张伟#E'
~ ^[1-9][0-9]*$

# --- action steps: an owner by id; a role stays text ---------------------------
$ attain goal action add 1 --what 拜访大客户 --owner E230 >/dev/null
$ attain goal action add 1 --what 周报 --owner 华东区域经理 >/dev/null
$ attain goal action add 1 --what 电话 --owner 张伟
? 4
! owner: person 张伟 is ambiguous

# --- a rename in a re-import: same external id, new name ----------------------
# P2 becomes 张卫: its goals follow it, and 张伟#E230 / 张伟#E300 keep their suffix
# (two 张伟 remain).
$ sed 's/P2,张伟/P2,张卫/' people.csv > people2.csv && attain import people people2.csv >/dev/null
$ attain goal status --as-of 2026-12-31 --format csv | cut -d, -f1,3,7
> id,scope,actual
> 1,person:张卫,50000.00
> 2,person:张伟#E230,20000.00
> 3,person:张卫,50000.00
> 4,team:李雷,115000.00
> 5,person:张伟#E300,7000.00
> 6,person:张卫,50000.00
> 7,person:张伟#E230,20000.00
> 8,person:李雷,30000.00
> 9,person:赵六,5000.00
> 10,person:钱七,10000.00
$ attain goal show 1 --format csv | grep -E '^(scope|1,)'
> scope,person:张卫
$ attain goal show 1 | grep 拜访大客户
~ 张伟#E230
# P8 leaves the name too: one 张伟 is left, shown without a suffix.
$ sed 's/P2,张伟/P2,张卫/; s/P8,张伟/P8,张三/' people.csv > people3.csv && attain import people people3.csv >/dev/null
$ attain goal ls --format csv | cut -d, -f1,3 | sed -n '3p;6p'
> 2,person:张伟
> 5,person:张三

# --- migration 005: goals stored with text scopes get ids ----------------------
# A schema-3 database made from the migrations themselves, with goals as the
# old code stored them: person:韩梅 (unique name), team:E100 (工号), unit:华南
# (path), person:张伟 (two people: cannot be resolved), company; and an action
# step owned by 韩梅 (a person) and one by a role.
$ cat "$TESTS"/../src/store/migrations/00[123]_*.sql | sqlite3 old.db && sqlite3 old.db "PRAGMA user_version = 3; INSERT INTO units (id, ext_id, name, path, row_hash) VALUES (1, 'U1', '华东', '华东', 0), (2, 'U2', '华南', '华南', 0); INSERT INTO people (id, ext_id, name, employee_no, unit_id, row_hash) VALUES (1, 'P1', '李雷', 'E100', 1, 0), (2, 'P2', '韩梅', 'E101', 1, 0), (3, 'P3', '张伟', 'E102', 1, 0), (4, 'P4', '张伟', 'E230', 2, 0); INSERT INTO goals (title, metric, scope, period, start_date, end_date, target, created, updated) VALUES ('a', 'revenue', 'person:韩梅', '2026', '2026-01-01', '2026-12-31', 10000000000, 'x', 'x'), ('b', 'revenue', 'team:E100', '2026', '2026-01-01', '2026-12-31', 10000000000, 'x', 'x'), ('c', 'revenue', 'unit:华南', '2026', '2026-01-01', '2026-12-31', 10000000000, 'x', 'x'), ('d', 'revenue', 'person:张伟', '2026', '2026-01-01', '2026-12-31', 10000000000, 'x', 'x'), ('e', 'revenue', 'company', '2026', '2026-01-01', '2026-12-31', 10000000000, 'x', 'x'); INSERT INTO action_steps (goal_id, what, owner, created) VALUES (1, 'w', '韩梅', 'x'), (1, 'v', '区域经理', 'x')"
$ attain --db old.db goal ls --format csv | cut -d, -f1,3
> id,scope
> 1,person:韩梅
> 2,team:李雷
> 3,unit:华南
> 4,person:张伟
> 5,company
$ sqlite3 old.db "SELECT id, scope_kind, coalesce(scope_id, '-') FROM goals ORDER BY id; SELECT id, coalesce(owner_id, '-') FROM action_steps"
> 1|person|2
> 2|team|1
> 3|unit|2
> 4|person|-
> 5|company|-
> 1|2
> 2|-
# the one goal the migration could not resolve says which people it could mean
$ attain --db old.db goal status --as-of 2026-06-30
? 4
! goal 4: .*person 张伟 is ambiguous: 张伟#E102 \(华东\), 张伟#E230 \(华南\); give the goal its scope
$ attain --db old.db goal edit 4 --scope person:E230 --reason "migrated scope" >/dev/null && attain --db old.db goal status --as-of 2026-06-30 --format csv | cut -d, -f1,3
> id,scope
> 1,person:韩梅
> 2,team:李雷
> 3,unit:华南
> 4,person:张伟#E230
> 5,company

# --- the org directory comes from the store: no engine build to add a goal ---
# (before, goal add built the engine and saved its snapshot next to the database)
$ rm -f test.db.engine test.db.engine.ok && attain goal add --metric revenue --scope person:E106 --period 2026-Q4 --target 5 >/dev/null && attain goal action add 11 --what 跟进 --owner E106 >/dev/null && attain goal ls >/dev/null && ls | grep -c 'test.db.engine' || true
> 0

# --- goal import and sentences name people the same way ------------------------
# people.csv again: P2 and P8 are 张伟 once more (three 张伟).
$ attain import people people.csv >/dev/null
$ printf 'scope,period,metric,target\nE230,2026-Q3,revenue,1000\n张伟#E300,2026-Q3,revenue,2000\n' > g.csv && attain goal import g.csv >/dev/null && attain goal ls --format csv | cut -d, -f1,3 | tail -2
> 12,person:张伟#E230
> 13,person:张伟#E300
$ printf 'scope,period,metric,target\n张伟,2026-Q4,revenue,1000\n' > g2.csv && attain goal import g2.csv
? 2
! g2.csv:2:scope: person 张伟 is ambiguous: 张伟#E102 \(华东/上海一组\), 张伟#E230
$ attain goal add "张伟本季度销售额50万" --as-of 2026-07-01
? 4
! person 张伟 is ambiguous
$ attain goal add "我本季度销售额50万" --me person:E230 --as-of 2026-07-01
~ scope person:张伟#E230 \(我\)
