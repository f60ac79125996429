#!/usr/bin/env python3
"""tests/net/summary.py LOG [FIELD...] — one line per record of a receiver log
(tests/net/receiver.py): platform, ok or FAILED (with why), subject, and the
named extra fields (text, link, to, ...), so a test case compares exact lines."""
import json, sys

for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    out = [r["platform"], "ok" if r["ok"] else "FAILED(" + r.get("why", "") + ")", r["subject"]]
    for f in sys.argv[2:]:
        v = r.get(f, "")
        v = ",".join(v) if isinstance(v, list) else str(v)
        out.append(v.replace("\r\n", "\n").strip("\n").replace("\n", " / "))
    print(" | ".join(out))
