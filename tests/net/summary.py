#!/usr/bin/env python3
"""tests/net/summary.py [-f FIELD]... LOG... — one line per record of the
receiver logs (tests/net/receiver.py), in order: platform, ok or
FAILED(why), subject, then each named field (text, link, to, ...) with its
line breaks shown as " / ", so a test case compares exact lines."""
import json, sys

fields, logs, argv = [], [], sys.argv[1:]
while argv:
    a = argv.pop(0)
    if a == "-f":
        fields.append(argv.pop(0))
    else:
        logs.append(a)
for log in logs:
    for line in open(log, encoding="utf-8"):
        r = json.loads(line)
        out = [r["platform"], "ok" if r["ok"] else "FAILED(" + r.get("why", "") + ")", r["subject"]]
        for f in fields:
            v = r.get(f, "")
            v = ",".join(v) if isinstance(v, list) else str(v)
            out.append(v.replace("\r\n", "\n").strip("\n").replace("\n", " / "))
        print(" | ".join(out))
