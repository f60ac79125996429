// tests/api/ingest.test.mjs — POST /api/ingest/{kind} (issue 11 §3): JSON
// (one object, an array) and CSV bodies through the import, idempotent by
// external id, all or nothing with every bad row named, only an API token
// with the ingest scope, the import's 20 MiB limit, the events stream within
// a second, and the figure after an ingest equal to an independent sum
// (sqlite3 over the store, and the amounts posted added by hand).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { attainArg, start, client, checkShape } from './lib.mjs';

const attain = attainArg();
const PATTERN = '/api/ingest/{kind}';
let srv, hook, plain;

before(async () => {
  srv = await start(attain);
  const out = srv.cli(['token', 'add', 'crm-hook', '--role', 'admin', '--scope', 'ingest']);
  const m = out.match(/^[A-Za-z0-9_-]{43}$/m);
  assert.ok(m, `attain token add --scope ingest printed no token: ${out}`);
  hook = client(srv.base, { token: m[0] });
  plain = srv.tokenClient('no-scope', 'admin');
  // the customers the orders name, through the CLI import (not through ingest)
  const f = path.join(srv.dir, 'ing-customers.csv');
  fs.writeFileSync(f, 'id,name,segment\nING-CA,ING客户甲,中型\nING-CB,ING客户乙,小微\nING-CC,"ING ""客户"", 丙",大客户\n');
  srv.cli(['import', 'customers', f]);
  assert.equal(sql("SELECT count(*) FROM customers WHERE ext_id LIKE 'ING-C_'"), '3');
});
after(async () => {
  if (srv) await srv.stop();
});

const sql = (q) => execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));
/* Every row of the tables an order ingest touches, as one text: "nothing changed" is this equal. */
const snapshot = () =>
  sql(
    'SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines), (SELECT count(*) FROM customers), ' +
      '(SELECT total(amount) FROM order_lines), (SELECT group_concat(row_hash) FROM (SELECT row_hash FROM orders ORDER BY id))',
  );
const post = (c, kind, body, headers) => c.post(`/api/ingest/${kind}`, body, headers);

function ok(r, what) {
  assert.equal(r.status, 200, `${what}: ${r.status} ${r.text}`);
  checkShape('POST', PATTERN, r.status, r.json);
  return r.json;
}

test('one JSON object: an order and its line inserted', async () => {
  const before = count('orders');
  const j = ok(
    await post(hook, 'orders', { id: 'ING-1', date: '2026-10-05', customer: 'ING客户甲', owner: 'P0001', amount: 1234.56 }),
    'one object',
  );
  assert.equal(j.kind, 'orders');
  assert.equal(j.received, 1);
  assert.equal(j.written, true);
  assert.deepEqual(j.tables.orders, { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(count('orders'), before + 1);
  assert.equal(sql("SELECT l.amount FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ext_id = 'ING-1'"), '123456');
  assert.equal(sql("SELECT date FROM orders WHERE ext_id = 'ING-1'"), '2026-10-05');
});

const ARRAY = [
  { id: 'ING-2', date: '2026-10-06', customer: 'ING客户甲', owner: 'P0002', amount: '200.10' },
  { id: 'ING-3', date: '2026-10-07', customer: 'ING客户乙', owner: 'P0001', amount: 99 },
  // a key the others lack (the header is the union), a quote and a comma in a value
  { id: 'ING-4', date: '2026-10-08', customer: 'ING "客户", 丙', owner: 'P0002', amount: 0.5, product: 'X-1' },
];

test('a JSON array: every object a row, the union of the keys the header', async () => {
  const before = count('orders');
  const j = ok(await post(hook, 'orders', ARRAY), 'array');
  assert.equal(j.received, 3);
  assert.deepEqual(j.tables.orders, { inserted: 3, updated: 0, unchanged: 0 });
  assert.equal(count('orders'), before + 3);
  assert.equal(
    sql("SELECT c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.ext_id = 'ING-4'"),
    'ING "客户", 丙',
  );
  assert.equal(sql("SELECT l.amount FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ext_id = 'ING-2'"), '20010');
});

test('re-posting the same rows changes nothing and says so', async () => {
  const snap = snapshot();
  const j = ok(await post(hook, 'orders', ARRAY), 're-post');
  assert.deepEqual(j.tables.orders, { inserted: 0, updated: 0, unchanged: 3 });
  assert.equal(snapshot(), snap);
  // a changed amount is an update of that order's line, not a new order
  const j2 = ok(await post(hook, 'orders', { ...ARRAY[1], amount: 99.5 }), 'changed amount');
  assert.equal(j2.tables.orders.inserted, 0);
  assert.equal(j2.tables.order_lines.updated, 1);
  assert.equal(sql("SELECT l.amount FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ext_id = 'ING-3'"), '9950');
  ok(await post(hook, 'orders', ARRAY[1]), 'back');
});

test('a CSV body (Content-Type text/csv) with the import\'s header names', async () => {
  const before = count('orders');
  const csv = '订单编号,日期,客户,负责人,金额\nING-5,2026-10-09,ING客户乙,P0001,"1,000.00"\nING-6,2026-10-10,ING客户乙,P0002,10\n';
  const j = ok(await post(hook, 'orders', csv, { 'Content-Type': 'text/csv; charset=utf-8' }), 'csv');
  assert.equal(j.received, 2);
  assert.deepEqual(j.tables.orders, { inserted: 2, updated: 0, unchanged: 0 });
  assert.equal(count('orders'), before + 2);
  assert.equal(sql("SELECT l.amount FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.ext_id = 'ING-5'"), '100000');
  const again = ok(await post(hook, 'orders', csv, { 'Content-Type': 'text/csv' }), 'csv again');
  assert.deepEqual(again.tables.orders, { inserted: 0, updated: 0, unchanged: 2 });
});

test('another kind: customers the same way', async () => {
  const j = ok(await post(hook, 'customers', [{ id: 'ING-C1', name: 'ING客户丁', segment: 'SMB' }]), 'customers');
  assert.deepEqual(j.tables.customers, { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(sql("SELECT name FROM customers WHERE ext_id = 'ING-C1'"), 'ING客户丁');
});

test('a bad row: 422 naming the row and field, nothing written', async () => {
  const snap = snapshot();
  const before = count('orders');
  const r = await post(hook, 'orders', [
    // line breaks in a value: the rows are still named by their position, not a CSV line
    { id: 'ING-7', date: '2026-10-11', customer: 'ING客户甲', owner: 'P0001', amount: 5, product: 'one\ntwo\nthree' },
    { id: 'ING-8', date: '2026-13-40', customer: 'ING客户甲', owner: 'P0001', amount: 6 },
    { id: 'ING-9', date: '2026-10-12', customer: 'ING客户甲', owner: 'P0001', amount: 'abc' },
  ]);
  assert.equal(r.status, 422, r.text);
  checkShape('POST', PATTERN, r.status, r.json);
  assert.equal(r.json.error.code, 'invalid_rows');
  assert.equal(r.json.written, false);
  assert.equal(r.json.bad_rows, 2);
  const rows = r.json.rows.map((x) => [x.row, x.field]);
  assert.deepEqual(rows, [
    [2, 'date'],
    [3, 'amount'],
  ]);
  for (const x of r.json.rows) assert.ok(x.message.length > 3, x.message);
  assert.equal(count('orders'), before, 'nothing written');
  assert.equal(snapshot(), snap);
  assert.equal(sql("SELECT count(*) FROM orders WHERE ext_id = 'ING-7'"), '0', 'the good row is not written either');
  // a CSV body names the line (the header is line 1)
  const c = await post(hook, 'orders', 'id,date,amount\nING-7,2026-10-11,5\nING-8,2026-10-12,x\n', { 'Content-Type': 'text/csv' });
  assert.equal(c.status, 422, c.text);
  assert.deepEqual(
    c.json.rows.map((x) => [x.row, x.field]),
    [[3, 'amount']],
  );
  assert.equal(count('orders'), before);
});

test('malformed or unusable bodies: 400; other types 415', async () => {
  const before = snapshot();
  const bad = await hook.send('POST', '/api/ingest/orders', '[{"id": "ING-10",', { 'Content-Type': 'application/json' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.code, 'bad_json');
  const nested = await post(hook, 'orders', [{ id: 'ING-10', date: '2026-10-01', amount: 1 }, { id: 'ING-11', amount: { v: 1 } }]);
  assert.equal(nested.status, 400, nested.text);
  assert.match(nested.json.error.message, /row 2, "amount".*object/);
  const arr = await post(hook, 'orders', { id: 'ING-10', owner: ['P0001'] });
  assert.equal(arr.status, 400);
  assert.match(arr.json.error.message, /row 1, "owner".*array/);
  const empty = await post(hook, 'orders', []);
  assert.equal(empty.status, 400);
  const scalar = await post(hook, 'orders', [1, 2]);
  assert.equal(scalar.status, 400);
  const form = await hook.send('POST', '/api/ingest/orders', 'id=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(form.status, 415, form.text);
  assert.equal(snapshot(), before);
});

test('a kind ingest does not take: 404', async () => {
  for (const k of ['units', 'markets', 'nope']) {
    const r = await post(hook, k, { id: 'x' });
    assert.equal(r.status, 404, `${k}: ${r.text}`);
    assert.equal(r.json.error.code, 'not_found');
  }
});

test('only an API token with the ingest scope: sessions and other tokens 403', async () => {
  const before = snapshot();
  const row = { id: 'ING-12', date: '2026-10-13', customer: 'ING客户甲', owner: 'P0001', amount: 7 };
  const admin = await srv.as('admin');
  const s = await post(admin, 'orders', row);
  assert.equal(s.status, 403, s.text);
  assert.equal(s.json.error.code, 'ingest_scope');
  assert.equal(s.headers['x-attain-denied'], 'scope');
  assert.match(s.json.error.message, /ingest scope/);
  const t = await post(plain, 'orders', row);
  assert.equal(t.status, 403, t.text);
  assert.equal(t.json.error.code, 'ingest_scope');
  const anon = await post(srv.anon, 'orders', row);
  assert.equal(anon.status, 401);
  assert.equal(snapshot(), before);
  // token ls and the API show the scope
  const ls = srv.cli(['token', 'ls', '--format', 'csv']).trim().split('\n');
  assert.equal(ls[0].split(',').pop(), 'scopes');
  assert.ok(ls.some((l) => l.includes('crm-hook') && l.endsWith(',ingest')), ls.join('\n'));
  assert.ok(ls.some((l) => l.includes('no-scope') && l.endsWith(',')), ls.join('\n'));
  const api = await admin.get('/api/tokens');
  assert.equal(api.json.tokens.find((x) => x.name === 'crm-hook').scopes, 'ingest');
  const made = await admin.post('/api/tokens', { name: 'api-hook', role: 'admin', scopes: 'ingest' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.scopes, 'ingest');
  const viaApi = await post(client(srv.base, { token: made.json.token }), 'customers', { id: 'ING-C2', name: 'ING客户戊' });
  assert.equal(viaApi.status, 200, viaApi.text);
  const wrong = await admin.post('/api/tokens', { name: 'x', role: 'admin', scopes: 'everything' });
  assert.equal(wrong.status, 422, wrong.text);
  assert.equal(wrong.json.error.field, 'scopes');
  // "scope" is the web UI's unit (it sends both): still no ingest scope from it
  const ui = await admin.post('/api/tokens', { name: 'ui', role: 'admin', scope: 'ingest' });
  assert.equal(ui.status, 201, ui.text);
  assert.equal(ui.json.scopes, '');
});

test('a token limited to a unit writes rows of that unit only; customers and people not at all', async () => {
  const top = sql("SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id WHERE p.ext_id = 'P0001'").split('/')[0];
  const other = sql(`SELECT p.ext_id FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path <> '${top}' AND u.path NOT LIKE '${top}/%' ORDER BY p.id LIMIT 1`);
  assert.ok(top && other, `units: ${top}, a person elsewhere: ${other}`);
  const out = srv.cli(['token', 'add', 'hook-unit', '--role', 'manager', '--unit', top, '--scope', 'ingest']);
  const m = out.match(/[A-Za-z0-9_-]{40,}/);
  assert.ok(m, `no token: ${out}`);
  const hookUnit = client(srv.base, { token: m[0] });
  const inside = ok(await post(hookUnit, 'orders', { id: 'ING-U1', date: '2026-10-11', customer: 'ING客户甲', owner: 'P0001', amount: 5 }), 'inside');
  assert.equal(inside.tables.orders.inserted, 1);
  const snap = snapshot();
  const outside = await post(hookUnit, 'orders', [
    { id: 'ING-U2', date: '2026-10-11', customer: 'ING客户甲', owner: 'P0001', amount: 5 },
    { id: 'ING-U3', date: '2026-10-11', customer: 'ING客户甲', owner: other, amount: 5 },
  ]);
  assert.equal(outside.status, 422, outside.text);
  assert.equal(outside.json.rows.length, 1);
  assert.equal(outside.json.rows[0].row, 2);
  assert.equal(outside.json.rows[0].field, 'owner');
  assert.match(outside.json.rows[0].message, new RegExp(`outside ${top}`));
  assert.equal(snapshot(), snap);
  const cust = await post(hookUnit, 'customers', { id: 'ING-U-C', name: 'ING客户U' });
  assert.equal(cust.status, 403, cust.text);
  assert.equal(snapshot(), snap);
});

test('a body over the import limit (20 MiB): 413, nothing written', async () => {
  const before = snapshot();
  const u = new URL(srv.base);
  // the whole exchange over a socket: the server may answer before the body is read
  const raw = (head, body) =>
    new Promise((resolve, reject) => {
      const sock = net.connect(Number(u.port), u.hostname, () => {
        sock.write(head);
        if (body) sock.end(body);
      });
      let text = '';
      sock.on('data', (c) => {
        text += c;
        if (/\r\n\r\n[\s\S]*\}\s*$/.test(text)) {
          sock.destroy();
          resolve(text);
        }
      });
      sock.on('error', (e) => (text ? resolve(text) : reject(e)));
      sock.on('close', () => resolve(text));
      setTimeout(() => reject(new Error(`no answer in 60 s: ${text.slice(0, 200)}`)), 60000).unref();
    });
  const head = (more) =>
    `POST /api/ingest/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${hook.token}\r\nContent-Type: text/csv\r\n${more}\r\n`;
  // a Content-Length over 20 MiB: answered before the body is read
  const a = await raw(head(`Content-Length: ${20 * 1024 * 1024 + 1}\r\n`));
  assert.match(a, /^HTTP\/1\.1 413 /);
  assert.match(a, /"code":"too_large"/);
  // a chunked body without a length: read, thrown away past 20 MiB, then refused
  const chunk = Buffer.alloc(1 << 20, 'a');
  const frame = Buffer.concat([Buffer.from(chunk.length.toString(16) + '\r\n'), chunk, Buffer.from('\r\n')]);
  const b = await raw(head('Transfer-Encoding: chunked\r\n'), Buffer.concat([...Array(21).fill(frame), Buffer.from('0\r\n\r\n')]));
  assert.match(b, /^HTTP\/1\.1 413 /, b.slice(0, 100));
  const r = { status: 413, json: JSON.parse(b.slice(b.indexOf('{'))), text: b };
  assert.equal(r.status, 413, r.text.slice(0, 200));
  assert.equal(r.json.error.code, 'too_large');
  assert.equal(snapshot(), before);
  // a body over the 1 MiB of other routes but under 20 MiB is taken
  const rows = [];
  for (let i = 0; i < 12000; i++)
    rows.push({ id: `ING-B${i}`, date: '2026-10-14', customer: 'ING客户乙', owner: 'P0002', amount: 1, note_field_ignored: 'x'.repeat(80) });
  const body = JSON.stringify(rows);
  assert.ok(body.length > 1 << 20);
  const j = ok(await post(hook, 'orders', rows), 'over 1 MiB');
  assert.equal(j.tables.orders.inserted, 12000);
});

test('the figure after an ingest is the sum of the store and of what was posted', async () => {
  const q = '/api/metrics?metric=revenue&scope=company&period=2026-10';
  const value = async () => {
    const r = await hook.get(q);
    assert.equal(r.status, 200, r.text);
    return Math.round(Number(r.json.rows[0].value) * 100);
  };
  const storeSum = () =>
    Number(
      sql(
        "SELECT total(l.amount_rc) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.date BETWEEN '2026-10-01' AND '2026-10-31'",
      ),
    );
  const v0 = await value();
  assert.equal(v0, storeSum(), 'before: the API and sqlite3 agree');
  ok(
    await post(hook, 'orders', [
      { id: 'ING-S1', date: '2026-10-20', customer: 'ING客户甲', owner: 'P0001', amount: 1000.25 },
      { id: 'ING-S2', date: '2026-10-21', customer: 'ING客户乙', owner: 'P0002', amount: '2,500.50' },
      { id: 'ING-S3', date: '2026-11-01', customer: 'ING客户乙', owner: 'P0002', amount: 777 }, // not October
    ]),
    'sum rows',
  );
  // the server's engine may answer from the snapshot before the ingest while a
  // new one builds in the background (app/engine_owner.h): wait for it
  let v1 = await value();
  for (let i = 0; v1 === v0 && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    v1 = await value();
  }
  assert.equal(v1 - v0, 100025 + 250050, 'after: before + what was posted in October');
  assert.equal(v1, storeSum(), 'after: the API and sqlite3 agree');
});

test('the events stream tells a subscriber within a second of an ingest', async () => {
  const u = new URL(srv.base);
  const ms = await new Promise((resolve, reject) => {
    let t0 = 0;
    const req = http.request(
      { host: u.hostname, port: u.port, path: '/api/events', headers: { Authorization: `Bearer ${hook.token}` } },
      (res) => {
        assert.equal(res.statusCode, 200);
        let text = '';
        res.on('data', async (c) => {
          text += c;
          if (/: connected/.test(text) && !t0) {
            text = '';
            t0 = performance.now();
            const r = await post(hook, 'orders', { id: 'ING-E1', date: '2026-10-22', customer: 'ING客户甲', owner: 'P0001', amount: 3 });
            if (r.status !== 200) reject(new Error(`ingest: ${r.status} ${r.text}`));
          }
          if (t0 && /event: changed\n/.test(text)) {
            req.destroy();
            resolve(performance.now() - t0);
          }
        });
      },
    );
    req.on('error', (e) => (e.code === 'ECONNRESET' ? null : reject(e)));
    setTimeout(() => reject(new Error('no event in 10 s')), 10000).unref();
    req.end();
  });
  assert.ok(ms < 1000, `the event came ${ms.toFixed(0)} ms after the ingest began`);
});
