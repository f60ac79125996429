#!/usr/bin/env python3
"""tests/net/receiver.py — loopback receivers for the notification tests.

  receiver.py http --port-file F --log F [--port N] [--dingtalk-secret S]
                   [--feishu-secret S] [--pid-file F] [--lifetime SECONDS]
  receiver.py smtp --port-file F --log F [--port N] [--pid-file F] [--lifetime SECONDS]

http: a webhook receiver for WeCom (/wecom/...), DingTalk (/dingtalk/...),
Feishu (/feishu/...) and Slack (/slack/...). Each request is checked against
the platform's documented format and answered the way the platform answers.
DingTalk and Feishu signatures are verified here, independently of attain's
code, with hmac/hashlib/base64 as the platforms' own documentation shows:
  DingTalk: sign = urlencode(base64(HMAC-SHA256(key=secret,
            msg=timestamp_ms + "\\n" + secret))), in the URL query
  Feishu:   sign = base64(HMAC-SHA256(key=timestamp_s + "\\n" + secret,
            msg=b"")), in the JSON body
smtp: a minimal SMTP sink (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no
STARTTLS offered, so a client that tries it goes on in plain text).
Every request or message is appended to --log as one JSON line. The process
binds 127.0.0.1 (port 0 = any free port), writes the port to --port-file once
listening, and exits after --lifetime seconds (default 60) so a failed test
leaves nothing running.
"""
import argparse, base64, email, email.header, email.policy, hashlib, hmac, json, os
import socketserver, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
lock = threading.Lock()


def log(rec):
    with lock, open(args.log, "a", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def dingtalk_sign(ts, secret):
    mac = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def feishu_sign(ts, secret):
    mac = hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def check(platform, query, raw_query, body):
    """(ok, subject, text, link, why) of one webhook request."""
    now = time.time()
    if platform == "wecom":
        if body.get("msgtype") != "markdown" or not isinstance(body.get("markdown"), dict):
            return False, "", "", "", "msgtype is not markdown"
        content = body["markdown"].get("content", "")
        if not content or len(content.encode()) > 4096:
            return False, "", "", "", "markdown.content empty or over 4096 bytes"
        first, _, rest = content.partition("\n")
        return True, first.strip("*"), rest, link_of(content), ""
    if platform == "dingtalk":
        ts = query.get("timestamp", [""])[0]
        # the sign parameter as sent: URL-encoded base64 (quote_plus-compatible)
        raw_sign = dict(p.split("=", 1) for p in raw_query.split("&") if "=" in p).get("sign", "")
        if not ts.isdigit() or abs(now * 1000 - int(ts)) > 3600 * 1000:
            return False, "", "", "", "timestamp missing or more than an hour off"
        want = dingtalk_sign(ts, args.dingtalk_secret)
        if urllib.parse.unquote_plus(raw_sign) != want:
            return False, "", "", "", "sign does not match"
        if query.get("access_token", [""])[0] == "":
            return False, "", "", "", "no access_token"
        md = body.get("markdown")
        if body.get("msgtype") != "markdown" or not isinstance(md, dict) or not md.get("title"):
            return False, "", "", "", "not a markdown message with a title"
        return True, md["title"], md.get("text", ""), link_of(md.get("text", "")), ""
    if platform == "feishu":
        ts, sign = body.get("timestamp"), body.get("sign")
        if not isinstance(ts, str) or not ts.isdigit() or abs(now - int(ts)) > 3600:
            return False, "", "", "", "timestamp missing or more than an hour off"
        if sign != feishu_sign(ts, args.feishu_secret):
            return False, "", "", "", "sign does not match"
        if body.get("msg_type") != "post":
            return False, "", "", "", "msg_type is not post"
        post = body.get("content", {}).get("post", {})
        if len(post) != 1 or next(iter(post)) not in ("zh_cn", "en_us"):
            return False, "", "", "", "post has no zh_cn or en_us"
        p = next(iter(post.values()))
        lines, link = [], ""
        for para in p.get("content", []):
            for el in para:
                if el.get("tag") == "text":
                    lines.append(el["text"])
                elif el.get("tag") == "a":
                    link = el.get("href", "")
        return True, p.get("title", ""), "\n".join(lines), link, ""
    if platform == "slack":
        text = body.get("text")
        blocks = body.get("blocks")
        if not isinstance(text, str) or not isinstance(blocks, list) or not blocks:
            return False, "", "", "", "no text or blocks"
        b = blocks[0]
        if b.get("type") != "section" or b.get("text", {}).get("type") != "mrkdwn":
            return False, "", "", "", "first block is not an mrkdwn section"
        first, _, rest = text.partition("\n")
        link = ""
        if "<" in rest and "|" in rest:
            link = rest[rest.rindex("<") + 1:rest.rindex("|")]
        return True, first.strip("*"), rest, link, ""
    return False, "", "", "", "unknown platform"


def link_of(md):
    if "](" in md:
        return md[md.rindex("](") + 2:md.rindex(")")]
    return ""


class Hook(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        parts = urllib.parse.urlsplit(self.path)
        platform = parts.path.strip("/").split("/")[0]
        query = urllib.parse.parse_qs(parts.query)
        try:
            body = json.loads(raw.decode("utf-8"))
            ctype_ok = self.headers.get("Content-Type", "").startswith("application/json")
            ok, subject, text, link, why = check(platform, query, parts.query, body)
            if not ctype_ok:
                ok, why = False, "Content-Type is not application/json"
        except Exception as e:  # a body that is not JSON is a failure to record
            body, ok, subject, text, link, why = None, False, "", "", "", f"bad body: {e}"
        log({"platform": platform, "ok": ok, "why": why, "subject": subject, "text": text,
             "link": link, "body": body})
        if platform == "slack":
            reply, ctype = (b"ok" if ok else b"invalid_payload"), "text/plain"
            status = 200 if ok else 400
        else:
            if platform == "feishu":
                r = {"code": 0, "msg": "success"} if ok else {"code": 19021, "msg": why}
            else:
                r = {"errcode": 0, "errmsg": "ok"} if ok else {"errcode": 310000, "errmsg": why}
            reply, ctype, status = json.dumps(r).encode(), "application/json", 200
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


class Smtp(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.say("220 sink ESMTP")
        mail_from, rcpt = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n")
            elif verb == "HELO":
                self.say("250 sink")
            elif cmd.upper().startswith("MAIL FROM:"):
                mail_from, rcpt = cmd[10:].split()[0].strip("<>"), []
                self.say("250 ok")
            elif cmd.upper().startswith("RCPT TO:"):
                rcpt.append(cmd[8:].split()[0].strip("<>"))
                self.say("250 ok")
            elif verb == "DATA":
                self.say("354 end with .")
                data = b""
                while True:
                    l = self.rfile.readline()
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    data += l[1:] if l.startswith(b"..") else l
                msg = email.message_from_bytes(data, policy=email.policy.default)
                body = msg.get_body(preferencelist=("plain",))
                text = body.get_content() if body else ""
                urls = [w for w in text.split() if w.startswith(("http://", "https://"))]
                log({"platform": "email", "ok": bool(mail_from and rcpt), "from": mail_from,
                     "link": urls[-1] if urls else "",
                     "to": rcpt, "subject": str(msg["Subject"]), "text": text,
                     "header_to": str(msg["To"]),
                     "charset": msg.get_content_charset()})
                self.say("250 queued")
            elif verb == "RSET":
                mail_from, rcpt = None, []
                self.say("250 ok")
            elif verb == "NOOP":
                self.say("250 ok")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not implemented")


class TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    global args
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["http", "smtp"])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--pid-file")
    ap.add_argument("--dingtalk-secret", default="")
    ap.add_argument("--feishu-secret", default="")
    ap.add_argument("--lifetime", type=float, default=60)
    args = ap.parse_args()
    if args.mode == "http":
        ThreadingHTTPServer.allow_reuse_address = True
        srv = ThreadingHTTPServer(("127.0.0.1", args.port), Hook)
    else:
        srv = TcpServer(("127.0.0.1", args.port), Smtp)
    if args.pid_file:
        with open(args.pid_file, "w") as f:
            f.write(str(os.getpid()))
    open(args.log, "a").close()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(tmp, args.port_file)
    threading.Timer(args.lifetime, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
