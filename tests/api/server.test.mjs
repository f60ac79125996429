// tests/api/server.test.mjs — the server itself: healthz/readyz, 404/405 as
// JSON, the security headers, gzip, ETag/304, path traversal on the assets
// (embedded and --assets-dir), limits (413 body, 431 headers), malformed
// JSON (400 bad_json), a SIGTERM during a slow request (it finishes, exit
// 0), the access log (no secrets), and the events stream.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { attainArg, start, request, checkShape, routes, hasRoute, freshDemo, USERS } from './lib.mjs';

const attain = attainArg();
const table = routes(attain);
const haveSignIn = hasRoute(table, 'POST', '/api/session');
const srv = await start(attain);
after(async () => {
  await srv.stop();
});

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function securityHeaders(r, what) {
  assert.equal(r.headers['content-security-policy'], CSP, `${what}: CSP`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(r.headers['referrer-policy'], 'same-origin', `${what}: Referrer-Policy`);
  assert.equal(r.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
}

test('healthz and readyz', async () => {
  const h = await request(srv.base, 'GET', '/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(h.json, { ok: true });
  checkShape('GET', '/healthz', h.status, h.json);
  const r = await request(srv.base, 'GET', '/readyz');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true });
  checkShape('GET', '/readyz', r.status, r.json);
});

test('readyz is 503 when the database is gone', async () => {
  const { dir, db } = await freshDemo(attain);
  // one worker, which has opened nothing yet (start() asks only /healthz)
  const s = await start(attain, { db, args: ['--threads', '1'] });
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
  fs.writeFileSync(db, 'not a database at all, just text that is long enough to be read'.repeat(100));
  const r = await request(s.base, 'GET', '/readyz');
  assert.equal(r.status, 503, r.text);
  assert.equal(r.json.error.code, 'unavailable');
  checkShape('GET', '/readyz', r.status, r.json);
  const h = await request(s.base, 'GET', '/healthz');
  assert.equal(h.status, 200, 'healthz opens nothing');
  await s.stop();
});

test('unknown paths are 404 JSON, wrong methods 405, every answer has the security headers', async () => {
  const a = await request(srv.base, 'GET', '/api/no-such-thing');
  assert.equal(a.status, 404);
  assert.equal(a.json.error.code, 'not_found');
  assert.equal(a.headers['cache-control'], 'no-store');
  securityHeaders(a, '404');
  const b = await request(srv.base, 'DELETE', '/healthz');
  assert.equal(b.status, 405);
  assert.equal(b.json.error.code, 'method_not_allowed');
  securityHeaders(b, '405');
  for (const p of ['/healthz', '/', '/api/events']) securityHeaders(await request(srv.base, 'GET', p), p);
  const z = await request(srv.base, 'GET', '/api/no-such-thing', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } });
  assert.match(z.json.error.message, /没有这个地址/);
});

test('a signed-in route without credentials is 401 unauthenticated', async () => {
  const r = await request(srv.base, 'GET', '/api/events');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthenticated');
  checkShape('GET', '/api/events', r.status, r.json);
  const t = await request(srv.base, 'GET', '/api/events', { headers: { Authorization: 'Bearer not-a-token' } });
  assert.equal(t.status, 401);
  const c = await request(srv.base, 'GET', '/api/events', { headers: { Cookie: 'attain_session=forged' } });
  assert.equal(c.status, 401);
});

test('gzip for text over 1 KiB when asked, not otherwise', async () => {
  const z = await request(srv.base, 'GET', '/vendor/echarts.min.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
  assert.equal(z.status, 200);
  assert.equal(z.headers['content-encoding'], 'gzip');
  const plain = await request(srv.base, 'GET', '/vendor/echarts.min.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.length > 100000, 'echarts.min.js is embedded');
  assert.ok(z.body.length < plain.body.length / 2, 'compressed');
  assert.ok(zlib.gunzipSync(z.body).equals(plain.body), 'the same bytes');
  assert.match(plain.headers['content-type'], /^application\/javascript/);
  const small = await request(srv.base, 'GET', '/healthz', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(small.headers['content-encoding'], undefined, 'small answers are not compressed');
  const lic = await request(srv.base, 'GET', '/vendor/echarts-LICENSE.txt');
  assert.equal(lic.status, 200);
  assert.match(lic.text, /Apache License/);
});

test('ETag and If-None-Match give 304; index.html is no-cache', async () => {
  const a = await request(srv.base, 'GET', '/');
  assert.equal(a.status, 200);
  assert.match(a.headers['content-type'], /^text\/html/);
  assert.equal(a.headers['cache-control'], 'no-cache');
  const etag = a.headers.etag;
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  const b = await request(srv.base, 'GET', '/index.html', { headers: { 'If-None-Match': etag } });
  assert.equal(b.status, 304);
  assert.equal(b.body.length, 0);
  const c = await request(srv.base, 'GET', '/index.html', { headers: { 'If-None-Match': '"other"' } });
  assert.equal(c.status, 200);
  const v = await request(srv.base, 'GET', '/vendor/echarts.min.js');
  assert.match(v.headers['cache-control'], /max-age=\d+/);
});

const TRAVERSALS = [
  '/js/../../etc/passwd',
  '/js/%2e%2e/%2e%2e/etc/passwd',
  '/js/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/js/..%2f..%2fetc%2fpasswd',
  '/js/%2fetc%2fpasswd',
  '/js//etc/passwd',
  '/assets/./../index.html',
  '/css/%00.css',
  '/vendor/..%5c..%5cetc%5cpasswd',
  '/i18n/%252e%252e/x',
];

test('path traversal on the embedded assets is 404', async () => {
  for (const p of TRAVERSALS) {
    const r = await request(srv.base, 'GET', p);
    assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
    assert.ok(!/root:/.test(r.text), `${p} leaked a file`);
  }
});

test('--assets-dir serves from disk and nothing outside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-assets-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-outside-'));
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>from disk</title>');
  fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(outside, 'secret.js'), 'SECRET');
  fs.symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'js', 'link.js'));
  fs.symlinkSync(outside, path.join(dir, 'js', 'out'));
  const logFile = path.join(dir, '..', path.basename(dir) + '.log');
  const s = await start(attain, { args: ['--assets-dir', dir, '--log', logFile] });
  try {
    const i = await request(s.base, 'GET', '/');
    assert.match(i.text, /from disk/);
    const j = await request(s.base, 'GET', '/js/app.js');
    assert.equal(j.status, 200);
    assert.match(j.headers['content-type'], /^application\/javascript/);
    assert.match(j.headers.etag, /^"[0-9a-f]{32}"$/);
    const n = await request(s.base, 'GET', '/js/app.js', { headers: { 'If-None-Match': j.headers.etag } });
    assert.equal(n.status, 304);
    for (const p of [...TRAVERSALS, '/js/link.js', '/js/out/secret.js', `/js/${encodeURIComponent(path.join(outside, 'secret.js'))}`]) {
      const r = await request(s.base, 'GET', p);
      assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
      assert.ok(!/SECRET|root:/.test(r.text), `${p} leaked a file`);
    }
    const v = await request(s.base, 'GET', '/vendor/echarts.min.js');
    assert.equal(v.status, 200, 'vendor files fall back to the embedded copy');
    const log = fs.readFileSync(logFile, 'utf8');
    assert.match(log, /^\S+ GET \/js\/app\.js 200 \d+ \d+us -$/m, '--log FILE has the access log');
    assert.doesNotMatch(s.log(), / GET \/js\/app\.js /, 'and stderr does not');
  } finally {
    fs.rmSync(logFile, { force: true });
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

/* Raw HTTP over a socket: HEAD (text) is written, then BODY (if any) piece by
 * piece; resolves the whole answer as text once the server closes or
 * answered with Content-Length. */
async function raw(base, head, body) {
  const net = await import('node:net');
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, async () => {
      sock.write(head);
      if (body) for (let i = 0; i < body.length; i += 65536) if (!sock.destroyed) sock.write(body.subarray(i, i + 65536));
    });
    let text = '';
    sock.on('data', (c) => {
      text += c;
      const m = text.match(/\r\ncontent-length: (\d+)\r\n/i);
      const end = text.indexOf('\r\n\r\n');
      if (m && end >= 0 && text.length >= end + 4 + Number(m[1])) {
        sock.destroy();
        resolve(text);
      }
    });
    sock.on('error', (e) => (text ? resolve(text) : reject(e)));
    sock.on('close', () => resolve(text));
  });
}

test('an oversize body is 413 too_large; oversize headers are refused', async () => {
  // a Content-Length over 1 MiB is answered before the body is read
  const a = await raw(srv.base, 'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048587\r\n\r\n');
  assert.match(a, /^HTTP\/1\.1 413 /);
  assert.match(a, /"code":"too_large"/);
  assert.match(a, /\r\nX-Frame-Options: DENY\r\n/i);
  // a chunked body without a length is read, thrown away past 1 MiB, then refused
  const chunk = Buffer.alloc(300000, 'a');
  const frame = Buffer.concat([Buffer.from(chunk.length.toString(16) + '\r\n'), chunk, Buffer.from('\r\n')]);
  const body = Buffer.concat([frame, frame, frame, frame, Buffer.from('0\r\n\r\n')]);
  const b = await raw(srv.base, 'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', body);
  assert.match(b, /^HTTP\/1\.1 413 /);
  assert.match(b, /"code":"too_large"/);
  const h = await raw(srv.base, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(100000)}\r\n\r\n`);
  assert.match(h, /^HTTP\/1\.1 (431|413) /, `headers of 100 kB: ${h.slice(0, 40)}`);
  const ok = await request(srv.base, 'GET', '/healthz');
  assert.equal(ok.status, 200, 'the server still answers');
});

test('a malformed JSON body is 400 bad_json', { skip: !haveSignIn && 'POST /api/session is not in this tree yet' }, async () => {
  for (const body of ['{"login":', '{"a":1,"a":2}', '[1,2', '\u00ff\u00fe']) {
    const r = await request(srv.base, 'POST', '/api/session', { body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400, `${body}: ${r.text}`);
    assert.equal(r.json.error.code, 'bad_json');
    checkShape('POST', '/api/session', r.status, r.json);
  }
});

test('SIGTERM during a slow request: it finishes, then the server exits 0', async () => {
  const s = await start(attain, { env: { ATTAIN_DEBUG_HOLD_MS: '1500' } });
  const slow = request(s.base, 'GET', '/readyz');
  await new Promise((r) => setTimeout(r, 400));
  const stopping = s.stop('SIGTERM');
  const r = await slow;
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ok: true });
  assert.equal(await stopping, 0);
  assert.match(s.log(), /finishing the requests in flight/);
});

test('the access log has a line per request and no secret', async () => {
  const secrets = ['SeCrEtPaSsWoRd', 'CoOkIeVaLuE', 'BeArErVaLuE', 'QuErYvAlUe'];
  await request(srv.base, 'GET', `/api/events?token=${secrets[3]}&scope=company`, {
    headers: { Cookie: `attain_session=${secrets[1]}`, Authorization: `Bearer ${secrets[2]}` },
  });
  await request(srv.base, 'POST', '/api/session', { body: { login: 'admin', password: secrets[0] } });
  await new Promise((r) => setTimeout(r, 200));
  const log = srv.log();
  for (const s of secrets) assert.ok(!log.includes(s), `the log holds ${s}`);
  assert.match(log, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ GET \/api\/events\?token&scope 401 \d+ \d+us -$/m);
  assert.match(log, /^\S+ GET \/healthz 200 11 \d+us -$/m);
});

test('an API token signs in; a revoked one does not', async () => {
  const t = srv.token('server-test', 'rep', '华东');
  const ok = await request(srv.base, 'GET', '/api/events', { headers: { Authorization: `Bearer ${t}` }, headersOnly: true });
  assert.equal(ok.status, 200);
  assert.match(ok.headers['content-type'], /^text\/event-stream/);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const id = srv.cli(['token', 'ls', '--format', 'csv']).split('\n').find((l) => l.includes('server-test')).split(',')[0];
  srv.cli(['token', 'revoke', id]);
  const no = await request(srv.base, 'GET', '/api/events', { headers: { Authorization: `Bearer ${t}` } });
  assert.equal(no.status, 401);
  assert.equal(no.headers['x-attain-denied'], 'unauthenticated');
});

test('the events stream tells a signed-in user that data changed', async () => {
  const rep = { cookie: undefined, token: srv.token('events', 'rep', '华东') };
  const http = await import('node:http');
  const u = new URL(srv.base);
  const got = await new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: '/api/events', headers: { Authorization: `Bearer ${rep.token}` } },
      (res) => {
        assert.equal(res.statusCode, 200);
        assert.match(res.headers['content-type'], /^text\/event-stream/);
        let text = '';
        res.on('data', (c) => {
          text += c;
          if (/: connected/.test(text) && !text.includes('changed') && !req.changed) {
            req.changed = true;
            // another process changes the database
            srv.cli(['config', 'set', 'base_url', 'https://attain.example']);
          }
          if (/event: changed\ndata: \{"generation":\d+\}\n\n/.test(text)) {
            req.destroy();
            resolve(text);
          }
        });
      },
    );
    req.on('error', (e) => (e.code === 'ECONNRESET' ? null : reject(e)));
    setTimeout(() => reject(new Error('no event in 20 s')), 20000);
    req.end();
  });
  assert.doesNotMatch(got, /goal|scope|华东/, 'only a generation, no rows');
});

test('SIGTERM with an events stream open: the stream ends, the server exits 0', async () => {
  const s = await start(attain);
  const tok = s.token('events', 'rep', '华东');
  const http = await import('node:http');
  const u = new URL(s.base);
  const ended = new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/api/events', headers: { Authorization: `Bearer ${tok}` } }, (res) => {
      assert.equal(res.statusCode, 200);
      let text = '';
      res.on('data', (c) => {
        text += c;
        if (/: connected/.test(text) && !req.stopping) {
          req.stopping = true;
          s.stop('SIGTERM').then(resolve, reject);
        }
      });
    });
    req.on('error', () => {});
    req.end();
  });
  const t0 = Date.now();
  assert.equal(await ended, 0);
  assert.ok(Date.now() - t0 < 10000, 'the stream did not hold the stop up');
});
