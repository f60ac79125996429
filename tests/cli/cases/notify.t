# attain notify / channel / config: alerts to every kind of channel, checked
# by real receivers on loopback started here (tests/net/receiver.py: a
# webhook receiver that checks each platform's payload and verifies the
# DingTalk and Feishu signatures with python's hmac/hashlib/base64, written
# from the platforms' documentation, not from attain's code; and an SMTP
# sink). Every figure below is worked out by hand from the fixture.
#
# March 2026 has 22 working days (no holiday; Mon 2nd .. Tue 31st). Orders:
#   O1 03-02 张三 30000   O3 03-09 张三 30000
#   O2 03-05 李四 20000   O4 03-16 李四 45000
#   O5 03-03 赵六 10000   O6 03-25 赵六 45000   (赵六 is unit 华南)
# Goals, March 2026, revenue: 1 张三 100000, 2 李四 100000, 3 unit:华南 50000.
$ attain init >/dev/null
$ printf 'path\n华东/上海\n华南\n' > units.csv && attain import units units.csv >/dev/null
$ printf 'name,unit,manager\n王经理,华东,\n张三,华东/上海,王经理\n李四,华东/上海,王经理\n赵六,华南,\n' > people.csv && attain import people people.csv >/dev/null
$ printf 'id,name\nC1,晨光科技\nC2,远航贸易\n' > customers.csv && attain import customers customers.csv >/dev/null
$ printf 'id,date,customer,owner,amount\nO1,2026-03-02,C1,张三,30000\nO2,2026-03-05,C2,李四,20000\nO3,2026-03-09,C1,张三,30000\nO4,2026-03-16,C2,李四,45000\nO5,2026-03-03,C1,赵六,10000\nO6,2026-03-25,C2,赵六,45000\n' > orders.csv && attain import orders orders.csv >/dev/null
# (check-in cadence none: the check-in-overdue rule has its own case, notify_loop.t)
$ attain goal add --metric revenue --scope person:张三 --period 2026-03 --target 100000 --title 张三三月 --cadence none >/dev/null && attain goal add --metric revenue --scope person:李四 --period 2026-03 --target 100000 --title 李四三月 --cadence none >/dev/null && attain goal add --metric revenue --scope unit:华南 --period 2026-03 --target 50000 --title 华南三月 --cadence none >/dev/null

# --- receivers: webhooks and SMTP up; a third port where nothing listens yet --
$ python3 $TESTS/net/receiver.py http --port-file hport --log http.log --dingtalk-secret SECding123 --feishu-secret feishu-s3cret --pid-file hpid --lifetime 300 >/dev/null 2>&1 & python3 $TESTS/net/receiver.py smtp --port-file sport --log smtp.log --pid-file spid --lifetime 300 >/dev/null 2>&1 & python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' > dport; i=0; while { [ ! -s hport ] || [ ! -s sport ]; } && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; test -s hport && test -s sport

# --- settings and bad input: a clear error, nothing written ---------------------
$ attain config set base_url ftp://attain.example
? 2
! base_url "ftp://attain.example": write the server's address as http\(s\)
$ attain config set colour blue
? 2
! no setting "colour"
$ attain config set base_url http://attain.example:8080/ && attain config get base_url
> http://attain.example:8080
$ attain channel add --scope company --kind wecom --url ftp://127.0.0.1/wecom/x
? 2
! --url ftp://127.0.0.1/wecom/\*\*\*\*: a webhook address must be http:// or https://
$ attain channel add --scope company --kind wecom --url 'not a url'
? 2
! --url \(not a URL\): a webhook address must be http:// or https://
$ attain channel add --scope company --kind teams --url http://127.0.0.1/x
? 2
! channel kind "teams": choose wecom, dingtalk, feishu, slack or email
$ attain channel add --scope company --kind dingtalk --url "http://127.0.0.1:$(cat hport)/dingtalk/robot/send?access_token=T"
? 2
! channel kind dingtalk needs --secret
$ attain channel add --scope company --kind feishu --url "http://127.0.0.1:$(cat hport)/feishu/hook/x"
? 2
! channel kind feishu needs --secret
$ attain channel add --scope company --kind slack --url "http://127.0.0.1:$(cat hport)/slack/x" --secret s
? 2
! --secret is for dingtalk and feishu; slack does not sign
$ attain channel add --scope company --kind email --smtp "smtp://127.0.0.1:$(cat sport)"
? 2
! channel kind email needs --to
$ attain channel add --scope company --kind email --smtp "smtp://127.0.0.1:$(cat sport)" --to 'boss@example.com,not-an-address'
? 2
! --to: "not-an-address" is not an e-mail address
$ attain channel add --scope company --kind email --smtp "http://127.0.0.1:$(cat sport)" --to boss@example.com
? 2
! --smtp: not an smtp:// or smtps:// address
$ attain channel add --scope unit:华西 --kind slack --url "http://127.0.0.1:$(cat hport)/slack/x"
? 3
! 华西
$ attain channel ls --format csv
> id,scope,kind,target_address,language,secret,created

# --- channels: one per kind for the whole company, DingTalk in Chinese, and a
# Slack webhook on the port where nothing listens (it is down) -----------------
$ H=http://127.0.0.1:$(cat hport); attain channel add --scope company --kind wecom --url "$H/wecom/cgi-bin/webhook/send?key=WECOMKEY1" && attain --lang zh channel add --scope company --kind dingtalk --url "$H/dingtalk/robot/send?access_token=DTOKEN" --secret SECding123 && attain channel add --scope company --kind feishu --url "$H/feishu/open-apis/bot/v2/hook/FSHOOK" --secret feishu-s3cret && attain channel add --scope company --kind slack --url "$H/slack/services/T0/B0/SLACKTOKEN" && attain channel add --scope company --kind email --smtp "smtp://127.0.0.1:$(cat sport)" --to "boss@example.com, ops@example.com" --from attain@example.com && attain channel add --scope company --kind slack --url "http://127.0.0.1:$(cat dport)/slack/services/DOWN/TOKEN"
~ ^channel 1 added: wecom for company -> http://127\.0\.0\.1:[0-9]+/wecom/\*\*\*\*$
~ ^已添加通知渠道 2：钉钉，范围 公司 → http://127\.0\.0\.1:[0-9]+/dingtalk/\*\*\*\*$
~ ^channel 5 added: email for company -> smtp://127\.0\.0\.1:[0-9]+ -> boss@example\.com, ops@example\.com$
# Secrets, tokens and keys never appear: not in ls, not in messages.
$ attain channel ls --format csv | sed -E '1s/target_address,//; 2,$s/,("[^"]*"|[^,]*),(en|zh),/,\2,/' | cut -d, -f1-5
> id,scope,kind,language,secret
> 1,company,wecom,en,
> 2,company,dingtalk,zh,****
> 3,company,feishu,en,****
> 4,company,slack,en,
> 5,company,email,en,
> 6,company,slack,en,
$ attain channel ls --format json | grep -c -e SECding -e s3cret -e WECOMKEY -e DTOKEN -e FSHOOK -e SLACKTOKEN -e access_token; true
> 0

# --- run 1, as of 2026-03-10 ----------------------------------------------------
# 7 of 22 working days elapsed: expected = target x 7/22.
#  goal 1 张三: 60000 = 60.0% >= 50% -> milestone_50; pace 60000/31818.18 = 188.6%
#  goal 2 李四: 20000 = 20.0%; expected 31818.18, pace 62.9% < 90% -> behind
#  goal 3 华南: 10000 = 20.0%; expected 15909.09, pace 62.9% -> behind
# 3 alerts x 6 channels = 18 messages; the down Slack fails 3.
$ attain notify run --as-of 2026-03-10 --dry-run
> goal  title     scope        period   rule          detail  messages  state
> ----  --------  -----------  -------  ------------  ------  --------  ----------
>    2  李四三月  person:李四  2026-03  behind        -              6  would_send
>    3  华南三月  unit:华南    2026-03  behind        -              6  would_send
>    1  张三三月  person:张三  2026-03  milestone_50  50%            6  would_send
> 3 new alerts (dry run: nothing written or sent)
$ attain notify ls --format csv | wc -l
> 1
$ attain notify run --as-of 2026-03-10
> goal  title     scope        period   rule          detail  messages  state
> ----  --------  -----------  -------  ------------  ------  --------  ------
>    2  李四三月  person:李四  2026-03  behind        -              6  queued
>    3  华南三月  unit:华南    2026-03  behind        -              6  queued
>    1  张三三月  person:张三  2026-03  milestone_50  50%            6  queued
> 3 new alerts, 18 messages queued; 15 sent, 3 failed, 3 waiting
# every message, in order: 3 alerts x (WeCom, DingTalk in Chinese, Feishu, Slack),
# then the 3 e-mails; each links to base_url/goals/ID
$ python3 $TESTS/net/summary.py -f link http.log smtp.log
> wecom | ok | Behind: 李四三月 | http://attain.example:8080/goals/2
> dingtalk | ok | 落后：李四三月 | http://attain.example:8080/goals/2
> feishu | ok | Behind: 李四三月 | http://attain.example:8080/goals/2
> slack | ok | Behind: 李四三月 | http://attain.example:8080/goals/2
> wecom | ok | Behind: 华南三月 | http://attain.example:8080/goals/3
> dingtalk | ok | 落后：华南三月 | http://attain.example:8080/goals/3
> feishu | ok | Behind: 华南三月 | http://attain.example:8080/goals/3
> slack | ok | Behind: 华南三月 | http://attain.example:8080/goals/3
> wecom | ok | Milestone 50%: 张三三月 | http://attain.example:8080/goals/1
> dingtalk | ok | 里程碑 50%：张三三月 | http://attain.example:8080/goals/1
> feishu | ok | Milestone 50%: 张三三月 | http://attain.example:8080/goals/1
> slack | ok | Milestone 50%: 张三三月 | http://attain.example:8080/goals/1
> email | ok | Behind: 李四三月 | http://attain.example:8080/goals/2
> email | ok | Behind: 华南三月 | http://attain.example:8080/goals/3
> email | ok | Milestone 50%: 张三三月 | http://attain.example:8080/goals/1
# the figures of a message, in English (WeCom, e-mail) and Chinese (DingTalk, in 万)
$ python3 $TESTS/net/summary.py -f text http.log -f to smtp.log | sed -n '1p;2p;13p'
> wecom | ok | Behind: 李四三月 | > Goal #2 李四三月 (person:李四, 2026-03) is behind as of 2026-03-10. / > Actual ¥20,000.00 of target ¥100,000.00 (attainment 20.0%); expected by now ¥31,818.18, pace 62.9%. /  / [Open the goal](http://attain.example:8080/goals/2) | 
> dingtalk | ok | 落后：李四三月 | ### 落后：李四三月 / > 目标 #2 李四三月（李四，2026-03）截至 2026-03-10 已落后。 / > 实际 ¥2.00万，目标 ¥10.00万（完成率 20.0%）；应完成 ¥3.18万，进度 62.9%。 /  / [查看目标](http://attain.example:8080/goals/2) | 
> email | ok | Behind: 李四三月 | Goal #2 李四三月 (person:李四, 2026-03) is behind as of 2026-03-10. / Actual ¥20,000.00 of target ¥100,000.00 (attainment 20.0%); expected by now ¥31,818.18, pace 62.9%. /  / Open the goal: http://attain.example:8080/goals/2 | boss@example.com,ops@example.com
# the failures are recorded, without the token of the URL
$ attain notify ls --failed --format csv | cut -d, -f1,3,4,5,6,8,9
> id,channel,kind,goal,rule,state,attempts
> 6,6,slack,2,behind,retrying,1
> 12,6,slack,3,behind,retrying,1
> 18,6,slack,1,milestone_50,retrying,1
$ attain notify ls --failed --format json | grep -c -e DOWN -e TOKEN; true
> 0
$ attain notify ls --failed --format csv | sed -n 2p
~ ,POST http://127\.0\.0\.1:[0-9]+/slack/\*\*\*\*: .*[Cc]onnect
# running again sends nothing new; the failed ones wait for their retry time
$ attain notify run --as-of 2026-03-10
> 0 new alerts, 0 messages queued; 0 sent, 0 failed, 3 waiting
$ cat http.log smtp.log | wc -l
> 15
# still down: retried at once, failed again (attempt 2)
$ attain notify deliver --retry-now
> 0 sent, 3 failed, 3 waiting
$ attain channel test 6
? 6
! POST http://127\.0\.0\.1:[0-9]+/slack/\*\*\*\*
# --- the receiver comes back: each waiting message arrives once -----------------
$ python3 $TESTS/net/receiver.py http --port $(cat dport) --port-file dport2 --log down.log --pid-file dpid --lifetime 300 >/dev/null 2>&1 & i=0; while [ ! -s dport2 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; test -s dport2
$ attain notify deliver --retry-now
> 3 sent, 0 failed, 0 waiting
$ attain notify deliver --retry-now && attain notify run --as-of 2026-03-10
> 0 sent, 0 failed, 0 waiting
> 0 new alerts, 0 messages queued; 0 sent, 0 failed, 0 waiting
$ python3 $TESTS/net/summary.py down.log
> slack | ok | Behind: 李四三月
> slack | ok | Behind: 华南三月
> slack | ok | Milestone 50%: 张三三月
$ attain notify ls --format csv | cut -d, -f1,8,9 | sed -n '1p;7p;19p'
> id,state,attempts
> 6,sent,3
> 18,sent,3
$ attain notify ls --failed --format csv | wc -l
> 1

# --- run 2, as of 2026-03-20: 15 of 22 working days, expected = target x 15/22
#  goal 1 张三: 60000; expected 68181.82, pace 88.0% < 90% -> behind (was on_track)
#  goal 2 李四: 65000 = 65.0% (milestone_50); pace 65000/68181.82 = 95.3% ->
#         at_risk, but it was behind: recovering is not alerted
#  goal 3 华南: 10000, still behind: no new alert
$ attain notify run --as-of 2026-03-20 --format csv
> goal,title,scope,period,rule,detail,messages,state
> 1,张三三月,person:张三,2026-03,behind,on_track,6,queued
> 2,李四三月,person:李四,2026-03,milestone_50,50%,6,queued
# --- run 3, as of 2026-03-31 (the last day): 22 of 22 working days
#  goal 1 张三: 60000, pace 60.0%: behind, as before (no alert)
#  goal 2 李四: 65000, pace 65.0%: behind again after at_risk, but behind was
#         alerted this period already: once per goal, rule and period
#  goal 3 华南: 55000/50000 = 110.0%: 50, 90 and 100 % reached at once ->
#         milestone_100 sent, 50 and 90 only recorded
$ attain notify run --as-of 2026-03-31 --format csv
> goal,title,scope,period,rule,detail,messages,state
> 3,华南三月,unit:华南,2026-03,milestone_50,50%,0,recorded
> 3,华南三月,unit:华南,2026-03,milestone_90,90%,0,recorded
> 3,华南三月,unit:华南,2026-03,milestone_100,100%,6,queued

# --- run 4, as of 2026-04-01: the period ended --------------------------------
#  goal 1 60000/100000 = 60.0% missed; goal 2 65000 = 65.0% missed;
#  goal 3 10000 + 45000 = 55000/50000 = 110.0% met
$ attain notify run --as-of 2026-04-01 --format csv
> goal,title,scope,period,rule,detail,messages,state
> 1,张三三月,person:张三,2026-03,period_end,missed,6,queued
> 2,李四三月,person:李四,2026-03,period_end,missed,6,queued
> 3,华南三月,unit:华南,2026-03,period_end,met,6,queued
$ attain notify run --as-of 2026-04-01
> 0 new alerts, 0 messages queued; 0 sent, 0 failed, 0 waiting
$ python3 $TESTS/net/summary.py -f text smtp.log | tail -1
> email | ok | Result: 华南三月 met | The period 2026-03 of goal #3 华南三月 (unit:华南) has ended: target met. / Final attainment 110.0%: actual ¥55,000.00 of target ¥50,000.00. /  / Open the goal: http://attain.example:8080/goals/3
$ python3 $TESTS/net/summary.py http.log | tail -4
> wecom | ok | Result: 华南三月 met
> dingtalk | ok | 结果：华南三月 达标
> feishu | ok | Result: 华南三月 met
> slack | ok | Result: 华南三月 met
# every webhook request was in its platform's format and correctly signed
$ cat http.log down.log | grep -c '"ok": false'; true
> 0

# --- the weekly digest, as of 2026-03-20 (compared with 2026-03-13) ----------
# pace = actual / (target x 15/22): 张三 60000/68181.82 = 88.0%, 李四
# 65000/68181.82 = 95.3%, 华南 10000/34090.91 = 29.3%. Movers: 李四 20.0% on
# 03-13 (O2) -> 65.0% (O4 on 03-16) = +45.0 points; 张三 and 华南 unchanged.
# The goals have check-in cadence none (nobody owes one), no goal is locked,
# and nobody called the quarter (no deals, and the quotas are March goals).
$ attain digest --scope company --as-of 2026-03-20
> # Weekly digest: company (2026-03-20)
>
> Goals as of 2026-03-20; changes since 2026-03-13.
>
> ## Goals
>
> | Goal | Period | Target | Actual | Attainment | Pace | Status |
> |---|---|---:|---:|---:|---:|---|
> | #1 张三三月 | 2026-03 | ¥100,000.00 | ¥60,000.00 | 60.0% | 88.0% | behind |
> | #2 李四三月 | 2026-03 | ¥100,000.00 | ¥65,000.00 | 65.0% | 95.3% | at_risk |
> | #3 华南三月 | 2026-03 | ¥50,000.00 | ¥10,000.00 | 20.0% | 29.3% | behind |
>
> ## Biggest movers (last 7 days)
>
> | Goal | 7 days ago | Now | Change |
> |---|---:|---:|---:|
> | #2 李四三月 | 20.0% | 65.0% | +45.0% |
>
> ## Check-ins due
>
> Every goal is checked in.
>
> ## Change requests waiting
>
> No request waits for a decision.
>
> ## The forecast call (2026-Q1)
>
> No call or quota for the quarter yet.
>
$ attain --lang zh digest --scope unit:华东 --as-of 2026-03-20 --format html --out d.html && grep -c -e '<td>#1 张三三月</td><td>2026-03</td><td class="n">¥10.00万</td>' -e '<td>#2 李四三月</td><td>2026-03</td><td class="n">¥10.00万</td><td class="n">¥6.50万</td><td class="n">65.0%</td><td class="n">95.3%</td><td>有风险</td>' -e '<h1>周报：华东（2026-03-20）</h1>' -e '华南三月' d.html
> 3
# sent to the six company channels (the Slack one is up again), each in its language
$ attain digest --scope company --as-of 2026-03-20 --send
> digest queued for 6 channels; 6 sent, 0 failed, 0 waiting
$ python3 $TESTS/net/summary.py -f text http.log | tail -2
> feishu | ok | Weekly digest: company (2026-03-20) | Goals / - #1 张三三月: attainment 60.0%, pace 88.0%, behind / - #2 李四三月: attainment 65.0%, pace 95.3%, at_risk / - #3 华南三月: attainment 20.0%, pace 29.3%, behind / Biggest movers (last 7 days) / - #2 李四三月: 20.0% → 65.0% (+45.0%) / Check-ins due / - Every goal is checked in. / Change requests waiting / - No request waits for a decision. / The forecast call (2026-Q1) / - No call or quota for the quarter yet.
> slack | ok | Weekly digest: company (2026-03-20) | Goals / - #1 张三三月: attainment 60.0%, pace 88.0%, behind / - #2 李四三月: attainment 65.0%, pace 95.3%, at_risk / - #3 华南三月: attainment 20.0%, pace 29.3%, behind / Biggest movers (last 7 days) / - #2 李四三月: 20.0% → 65.0% (+45.0%) / Check-ins due / - Every goal is checked in. / Change requests waiting / - No request waits for a decision. / The forecast call (2026-Q1) / - No call or quota for the quarter yet. / <http://attain.example:8080|Open attain>
$ attain digest --as-of 2026-03-20
? 2
! digest: --scope is required
$ attain digest --scope unit:华西
? 3
! 华西
$ attain digest --scope company --format pdf
? 2
! --format pdf: choose md or html
$ attain digest --scope company --send --format md
? 2
! --send sends to the channels; it takes no --format

# --- channels: test, remove ------------------------------------------------------
$ attain channel test 4
> channel 4: test message delivered
$ python3 $TESTS/net/summary.py http.log | tail -1
> slack | ok | attain test message
$ attain channel rm 6 && attain channel rm 6
? 3
> channel 6 removed (its undelivered messages cancelled)
! no channel 6
$ attain channel ls --format csv | cut -d, -f1 | tr '\n' ' '
> id 1 2 3 4 5 
$ attain notify run --as-of 2026-03-09x
? 2
! as-of date 2026-03-09x
$ attain notify frobnicate
? 2
! notify: no subcommand "frobnicate"
$ kill $(cat hpid) $(cat spid) $(cat dpid) 2>/dev/null; true
