# attain user and attain token (issue 10 §3): passwords only as argon2id
# hashes, tokens shown once and kept only as their BLAKE2b hash, people with
# a sign-in kept by --replace.
$ attain init --currency CNY --holidays none >/dev/null && printf 'path\n华东\n华南\n' > u.csv && attain import units u.csv >/dev/null && printf 'name,unit,manager\n甲,华东,\n乙,华东,甲\n丙,华南,\n' > p.csv && attain import people p.csv >/dev/null && echo ok
> ok
$ echo 'boss-secret-1' | attain user add boss --role manager --person 甲 --password-stdin
> user boss added (manager)
$ echo 'root-secret-1' | attain --lang zh user add root --role admin --password-stdin
> 已添加用户 root（管理员）
# Refused, naming what: no terminal and no --password-stdin, a short
# password, a rep who is nobody, a taken login, a bad login, a bad role.
$ attain user add r1 --role rep --person 乙 < /dev/null
! no terminal to ask the password on: give --password-stdin
? 2
$ echo 'short' | attain user add r1 --role rep --person 乙 --password-stdin
! password: give at least 8 bytes \(it has 5\)
? 2
$ echo 'rep-secret-1' | attain user add r1 --role rep --password-stdin
! user r1: a rep is somebody: give --person
? 2
$ echo 'rep-secret-1' | attain user add boss --role rep --person 乙 --password-stdin
! user boss exists already
? 5
$ echo 'rep-secret-1' | attain user add 'r 1' --role rep --person 乙 --password-stdin
! login "r 1": character 2 is not one of
? 2
$ echo 'rep-secret-1' | attain user add r1 --role boss --person 乙 --password-stdin
! --role boss: choose admin, manager or rep
? 2
$ echo 'rep-secret-1' | attain user add r1 --role rep --person 乙 --password-stdin >/dev/null && attain user ls --format csv | cut -d, -f1-5
> login,role,person,lang,disabled
> boss,manager,甲,,no
> r1,rep,乙,,no
> root,admin,,,no
# The password is stored as an argon2id string (interactive limits), never as given.
$ sqlite3 test.db "SELECT login, substr(password_hash, 1, 31) FROM users ORDER BY login"
> boss|$argon2id$v=19$m=65536,t=2,p=1$
> r1|$argon2id$v=19$m=65536,t=2,p=1$
> root|$argon2id$v=19$m=65536,t=2,p=1$
$ sqlite3 test.db "SELECT COUNT(*) FROM users WHERE password_hash LIKE '%secret%'"
> 0
$ attain user disable r1 && attain user set r1 --language zh
> user r1 disabled; its sessions ended
> user r1 updated
$ attain --lang zh user ls | grep '^r1'
~ ^r1 +销售代表 +乙 +中文 +是 
$ attain user enable r1 >/dev/null && echo 'rep-secret-2' | attain user passwd r1 --password-stdin
> password of r1 changed; its sessions ended
$ attain user set r1 --language fr
! language "fr": choose zh or en
? 2
$ attain user disable nobody
! no user "nobody"
? 3
# A token: printed once on stdout (43 characters of base64url); the store
# keeps the hex of its 32-byte hash, never the token.
$ attain token add crm --role manager --unit 华东 > tok.txt && grep -cE '^[A-Za-z0-9_-]{43}$' tok.txt
> 1
$ sqlite3 test.db "SELECT length(token_hash) FROM api_tokens" && sqlite3 test.db "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$(cat tok.txt)'"
> 64
> 0
$ attain token add feed --role rep
! a rep token acts for nobody in particular: give --unit U
? 2
$ attain token revoke 1 && attain token ls --format csv | cut -d, -f1-4,7
> API token 1 revoked
> id,name,role,unit,revoked
> 1,crm,manager,华东,yes
$ attain token revoke 9
! no API token 9
? 3
# --replace keeps a person somebody signs in as (甲 is boss), and a unit a
# token is limited to.
$ printf 'name,unit,manager\n乙,华东,\n丙,华南,\n' > p2.csv && attain import people p2.csv --replace --yes
! --replace would remove 1 people that other rows refer to: 甲
? 5
$ printf 'path\n华南\n' > u2.csv && attain import units u2.csv --replace --yes
! --replace would remove
? 5
# The scope spellings other commands take name a person and a unit too.
$ echo 'rep-secret-3' | attain user add r3 --role rep --person person:丙 --password-stdin && attain user ls --format csv | grep '^r3' | cut -d, -f1-3
> user r3 added (rep)
> r3,rep,丙
$ attain token add south --role manager --unit unit:华南 >/dev/null && attain token ls --format csv | grep south | cut -d, -f2-4
> south,manager,华南
$ echo 'rep-secret-4' | attain user add r4 --role rep --person person:丁 --password-stdin
! --person person:丁: no person
? 3
