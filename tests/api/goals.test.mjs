// tests/api/goals.test.mjs — the goal routes (src/http/api_goals.c): status,
// tree, reconcile, one goal, burn-up, parse, add, edit, split, rebalance,
// archive, action steps, objectives. Every route's success and error shapes
// (checked against docs/api.yaml), visibility (rep2 of 华南 never reads a 华东
// goal by id, list, tree or CSV export; manager2 cannot change one), the same
// rows as the CLI's `goal status --format json`, the burn-up figures, a split
// preview equal to what the commit writes, and SQL meta-characters stored and
// read back as text.
//
// Sign-in: the demo users through POST /api/session when the route table has
// it; until then API tokens made with `attain token add` before the server
// starts (admin; manager and rep limited to 华东, manager2 and rep2 to 华南).
import { test, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { attainArg, start, client, freshDemo, run, routes, hasRoute, checkShape } from './lib.mjs';

const attain = attainArg();
const haveSignIn = hasRoute(routes(attain), 'POST', '/api/session');
const { db } = await freshDemo(attain);
const TOKENS = {};
if (!haveSignIn) {
  const spec = { admin: ['admin'], manager: ['manager', '华东'], rep: ['rep', '华东'], manager2: ['manager', '华南'], rep2: ['rep', '华南'] };
  for (const [name, [role, unit]] of Object.entries(spec)) {
    const out = run(attain, ['--db', db, 'token', 'add', `t-${name}`, '--role', role, ...(unit ? ['--unit', unit] : [])]);
    TOKENS[name] = out.trim().split('\n').pop().trim();
  }
}
const srv = await start(attain, { db });
/* SQL over a copy of the database with sqlite3 (independent of attain). */
function sql(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-goals-sql-'));
  try {
    for (const s of ['', '-wal']) if (fs.existsSync(db + s)) fs.copyFileSync(db + s, path.join(dir, 'c.db' + s));
    return execFileSync('sqlite3', [path.join(dir, 'c.db'), text], { encoding: 'utf8' }).trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
/* A person's revenue from START through END by product.md's definition, in
 * SQL: Σ order line amounts (reporting currency, minor units) by order date,
 * all of it when the person owns an order without split credit, their share
 * ("id:bp;id:bp") when it has one. */
function personRevenue(person, start, end) {
  const key = `';${person}:'`;
  const at = `instr(';' || credit, ${key})`;
  const rest = `substr(';' || credit, ${at} + length(${key}))`;
  return sql(`WITH o AS (SELECT o.owner_id, o.credit,
      (SELECT sum(amount_rc) FROM order_lines l WHERE l.order_id = o.id) AS amt
      FROM orders o WHERE o.date BETWEEN '${start}' AND '${end}'),
    sh AS (SELECT amt, CASE
      WHEN credit IS NULL THEN CASE WHEN owner_id = ${person} THEN 10000 ELSE 0 END
      WHEN ${at} > 0 THEN CAST(CASE WHEN instr(${rest}, ';') > 0
        THEN substr(${rest}, 1, instr(${rest}, ';') - 1) ELSE ${rest} END AS INTEGER)
      ELSE 0 END AS s FROM o)
    SELECT printf('%.2f', coalesce(sum(amt * s), 0) / 1000000.0) FROM sh;`);
}
/* The CLI on a copy of the server's database as it stands (KNOWN ISSUE,
 * reported: a second attain process on the served database makes the
 * server's connections fail with "disk I/O error" afterwards). */
function cli(args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-goals-cli-'));
  try {
    for (const s of ['', '-wal']) if (fs.existsSync(db + s)) fs.copyFileSync(db + s, path.join(dir, 'c.db' + s));
    return run(attain, ['--db', path.join(dir, 'c.db'), ...args]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
after(async () => {
  if (process.env.GOALS_LOG) console.log(srv.log());
  await srv.stop();
});
/* A token client. KNOWN ISSUE (auth, reported): a Bearer request is now and
 * then answered 401 when the token's last_used touch fails on a worker; until
 * the sign-in route lands (and this path goes away) a 401 is tried once more. */
function tokenClient(token) {
  const c = client(srv.base, { token });
  const send = async (...a) => {
    const r = await c.send(...a);
    return r.status === 401 ? c.send(...a) : r;
  };
  return {
    ...c,
    send,
    get: (p, h) => send('GET', p, undefined, h),
    post: (p, b, h) => send('POST', p, b === undefined ? {} : b, h),
    patch: (p, b, h) => send('PATCH', p, b === undefined ? {} : b, h),
  };
}
const as = async (name) => (haveSignIn ? srv.as(name) : tokenClient(TOKENS[name]));
const [admin, manager, rep, manager2, rep2] = await Promise.all(['admin', 'manager', 'rep', 'manager2', 'rep2'].map(as));

const EVIL = "x'); DROP TABLE goals;--\"<b>%s";
const isEast = (scope) => /华东/.test(scope);
const U = encodeURIComponent;

function shape(method, pattern, r) {
  checkShape(method, pattern, r.status, r.json);
}
function isError(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field) assert.equal(r.json.error.field, field, r.text);
}
/* the demo's company-wide yearly goal and a 华东 goal of the same period */
async function eastGoal() {
  const r = await admin.get(`/api/goals/status?scope=${U('unit:华东')}`);
  assert.equal(r.status, 200, r.text);
  const g = r.json.goals.find((x) => x.scope === 'unit:华东' && x.metric === 'revenue');
  assert.ok(g, 'a unit:华东 revenue goal in the demo');
  return g;
}

test('status: the rows of goal status --format json, visibility, errors', async () => {
  const asOf = '2026-06-30';
  const r = await manager.get(`/api/goals/status?scope=${U('unit:华东')}&as_of=${asOf}`);
  assert.equal(r.status, 200, r.text);
  shape('GET', '/api/goals/status', r);
  assert.ok(r.json.goals.length > 3);
  // exactly the CLI's rows (the same builder: view_goal_status)
  const rows = JSON.parse(cli(['goal', 'status', '--scope', 'unit:华东', '--as-of', asOf, '--format', 'json']));
  assert.deepEqual(r.json.goals, rows);
  // the metric filter
  const v = await manager.get(`/api/goals/status?scope=${U('unit:华东')}&metric=revenue&as_of=${asOf}`);
  assert.deepEqual(v.json.goals, rows.filter((g) => g.metric === 'revenue'));
  // rep2 (华南) sees no 华东 goal: by default, company-wide or as CSV
  const own = await rep2.get('/api/goals/status');
  assert.equal(own.status, 200, own.text);
  const eastIds = new Set(rows.map((g) => g.id));
  assert.ok(!own.json.goals.some((g) => eastIds.has(g.id)), 'rep2 sees no 华东 goal');
  const wide = await rep2.get('/api/goals/status?scope=company');
  if (wide.status === 200) assert.ok(!wide.json.goals.some((g) => eastIds.has(g.id)), 'nor company-wide');
  else isError(wide, 403, 'forbidden', 'scope');
  const csv = await rep2.get('/api/goals/status?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  const csvIds = csv.text.split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
  assert.ok(csvIds.length > 1 && !csvIds.some((id) => eastIds.has(id)), 'the CSV export of rep2 has no 华东 row');
  isError(await rep2.get(`/api/goals/status?scope=${U('unit:华东')}`), 403, 'forbidden', 'scope');
  // bad values: 422 naming the parameter
  const bp = await manager.get('/api/goals/status?period=not-a-period');
  isError(bp, 422, 'invalid', 'period');
  shape('GET', '/api/goals/status', bp);
  isError(await manager.get('/api/goals/status?metric=nonsense'), 422, 'invalid', 'metric');
  isError(await manager.get('/api/goals/status?as_of=2026-13-45'), 400, 'invalid', 'as_of'); // the router's check
  isError(await manager.get(`/api/goals/status?scope=${U('unit:火星')}`), 422, 'invalid', 'scope');
  isError(await srv.anon.get('/api/goals/status'), 401, 'unauthenticated');
});

test('tree: objectives on top, mismatches marked as reconcile says, visibility', async () => {
  const r = await admin.get('/api/goals/tree');
  assert.equal(r.status, 200, r.text);
  shape('GET', '/api/goals/tree', r);
  assert.equal(r.json.nodes[0].kind, 'objective');
  const goals = r.json.nodes.filter((n) => n.kind === 'goal');
  assert.ok(goals.length > 10);
  const rec = await admin.get('/api/goals/reconcile');
  assert.equal(rec.status, 200, rec.text);
  shape('GET', '/api/goals/reconcile', rec);
  const wrong = new Set(rec.json.mismatches.map((m) => m.id));
  for (const g of goals) assert.equal(g.mismatch, wrong.has(g.id), `goal ${g.id} mismatch flag`);
  for (const g of goals) if (g.parent) assert.equal(g.parent_id, Number(g.parent));
  const company = goals.find((g) => g.scope === 'company');
  assert.equal(company.scope_label, 'Company');
  const zh = await admin.get('/api/goals/tree', { 'Accept-Language': 'zh-CN' });
  if (zh.json && !haveSignIn) assert.equal(zh.json.nodes.find((g) => g.scope === 'company').scope_label, '公司');
  const t2 = await rep2.get('/api/goals/tree');
  assert.equal(t2.status, 200, t2.text);
  assert.ok(!t2.json.nodes.some((n) => n.kind === 'goal' && isEast(n.scope)), 'rep2 sees no 华东 node');
  const rec2 = await rep2.get('/api/goals/reconcile');
  assert.ok(!rec2.json.mismatches.some((m) => isEast(m.scope)));
  isError(await rep2.get(`/api/goals/tree?scope=${U('unit:华东')}`), 403, 'forbidden', 'scope');
  isError(await admin.get('/api/goals/tree?period=xyz'), 422, 'invalid', 'period');
});

test('one goal: status row, SMART, achievability, children, history; 404 when not visible', async () => {
  const east = await eastGoal();
  const r = await manager.get(`/api/goals/${east.id}`);
  assert.equal(r.status, 200, r.text);
  shape('GET', '/api/goals/{id}', r);
  assert.equal(r.json.goal.id, east.id);
  assert.equal(r.json.goal.target, east.target);
  assert.deepEqual(Object.keys(r.json.goal.smart), ['S', 'M', 'A', 'R', 'T']);
  // the SMART verdict is goal check's
  const check = JSON.parse(cli(['goal', 'check', east.id, '--format', 'json']));
  assert.deepEqual(r.json.goal.smart, check.smart);
  assert.equal(r.json.goal.score, check.score);
  if (check.achievability) assert.equal(r.json.goal.achievability.verdict, check.achievability.verdict);
  // children: its sub-goals, as status rows
  const kids = JSON.parse(cli(['goal', 'ls', '--format', 'json'])).filter((g) => g.parent === east.id);
  assert.deepEqual(r.json.children.map((c) => c.id).sort(), kids.map((k) => k.id).sort());
  // not visible, not there, not an id: the same 404
  const hidden = await rep2.get(`/api/goals/${east.id}`);
  isError(hidden, 404, 'not_found');
  shape('GET', '/api/goals/{id}', hidden);
  isError(await manager2.get(`/api/goals/${east.id}`), 404, 'not_found');
  isError(await admin.get('/api/goals/999999'), 404, 'not_found');
  isError(await admin.get('/api/goals/abc'), 404, 'not_found');
});

test('burn-up: expected ends at the target, actual at as_of is the status actual, empty before the start', async () => {
  const east = await eastGoal();
  const all = await manager.get(`/api/goals/${east.id}/burnup`);
  assert.equal(all.status, 200, all.text);
  shape('GET', '/api/goals/{id}/burnup', all);
  const days = all.json.days;
  const asOf = days[Math.floor(days.length / 2)];
  const r = await manager.get(`/api/goals/${east.id}/burnup?as_of=${asOf}`);
  assert.equal(r.status, 200, r.text);
  shape('GET', '/api/goals/{id}/burnup', r);
  const b = r.json;
  assert.equal(b.expected.length, days.length);
  assert.equal(b.forecast.length, days.length);
  // the target, and the expected curve reaching it on the last day (an additive goal)
  assert.equal(b.target, east.target);
  assert.equal(b.expected.at(-1), east.target);
  for (let i = 1; i < b.expected.length; i++)
    assert.ok(Number(b.expected[i]) >= Number(b.expected[i - 1]) && Number(b.expected[i]) >= 0, `expected rises (${i})`);
  // the actual: the days through as_of; on as_of it is goal status's actual as of that day
  const k = days.indexOf(asOf);
  assert.equal(b.actual.length, k + 1);
  const st = JSON.parse(cli(['goal', 'status', '--scope', east.scope, '--as-of', asOf, '--format', 'json'])).find(
    (g) => g.id === east.id,
  );
  assert.equal(b.actual[k], st.actual);
  assert.equal(b.expected[k], st.expected);
  // the actual is cumulative: never falls for revenue with no returns past it
  assert.ok(b.actual.every((x) => Number(x) >= 0));
  // the forecast: null before as_of, the actual on it, the run-rate forecast at the end
  assert.ok(b.forecast.slice(0, k).every((x) => x === null));
  assert.equal(b.forecast[k], st.actual);
  assert.equal(b.forecast.at(-1), st.forecast);
  // before the period: nothing done, no forecast, expected still drawn
  const before = await manager.get(`/api/goals/${east.id}/burnup?as_of=2000-01-01`);
  assert.equal(before.status, 200, before.text);
  assert.deepEqual(before.json.actual, []);
  assert.ok(before.json.forecast.every((x) => x === null));
  assert.equal(before.json.expected.at(-1), east.target);
  // the CSV form of the same series
  const csv = await manager.get(`/api/goals/${east.id}/burnup?as_of=${asOf}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^\uFEFF?day,expected,actual,forecast\r?\n/);
  // seasonal: the same target at the end
  const s = await manager.get(`/api/goals/${east.id}/burnup?as_of=${asOf}&basis=seasonal`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.expected.at(-1), east.target);
  isError(await manager.get(`/api/goals/${east.id}/burnup?basis=lunar`), 422, 'invalid', 'basis');
  // a person's goal checked against SQL over the raw rows
  const [gid, person, start] = sql(
    "SELECT id, scope_id, start_date FROM goals WHERE scope_kind = 'person' AND metric = 'revenue' AND filter = '' AND archived = 0 AND start_date <= '2026-06-01' AND end_date >= '2026-06-30' ORDER BY id LIMIT 1",
  ).split('|');
  assert.ok(gid, 'a person revenue goal in the demo');
  const pb = await admin.get(`/api/goals/${gid}/burnup?as_of=2026-06-30`);
  assert.equal(pb.status, 200, pb.text);
  const pk = pb.json.days.indexOf('2026-06-30');
  const bySql = personRevenue(person, start, '2026-06-30');
  assert.notEqual(bySql, '0.00');
  assert.equal(pb.json.actual[pk], bySql, 'the actual on as_of, by SQL');
  assert.equal(pb.json.actual[pk - 30], personRevenue(person, start, pb.json.days[pk - 30]), 'and a month before');
  isError(await rep2.get(`/api/goals/${east.id}/burnup`), 404, 'not_found');
});

test('parse: fields, SMART per letter, achievability; writes nothing; fast', async () => {
  const before = cli(['goal', 'ls', '--format', 'json']);
  const t0 = Date.now();
  const r = await manager.post('/api/goals/parse', { sentence: '华东区2027年第一季度销售额1500万' });
  const ms = Date.now() - t0;
  assert.equal(r.status, 200, r.text);
  shape('POST', '/api/goals/parse', r);
  assert.equal(r.json.parsed.metric, 'revenue');
  assert.equal(r.json.parsed.scope, 'unit:华东');
  assert.equal(r.json.parsed.target, '15000000.00');
  assert.equal(r.json.complete, true);
  assert.deepEqual(r.json.errors, []);
  for (const l of 'SMART') assert.equal(typeof r.json.smart[l].ok, 'boolean');
  assert.ok(ms < 1000, `parse took ${ms} ms`); // < 50 ms in a release build; ASan is slower
  // what is left out is listed
  const vague = await manager.post('/api/goals/parse', { sentence: '提高销售额' });
  assert.equal(vague.status, 200, vague.text);
  assert.equal(vague.json.complete, false);
  assert.ok(vague.json.errors.some((e) => e.field === 'target'));
  assert.equal(cli(['goal', 'ls', '--format', 'json']), before, 'parse wrote nothing');
  isError(await manager.post('/api/goals/parse', {}), 422, 'invalid', 'sentence');
  isError(await manager.post('/api/goals/parse', { sentence: '华东区本季度销售额1500万', as_of: 'soon' }), 422, 'invalid', 'as_of');
  isError(await manager.send('POST', '/api/goals/parse', '{"sentence":', { 'Content-Type': 'application/json' }), 400, 'bad_json');
});

let made; // a 华东 goal the manager adds
test('add: fields and sentence, SQL meta-characters kept as text, 403 outside the subtree, 422 naming the field', async () => {
  const r = await manager.post('/api/goals', {
    title: EVIL,
    metric: 'revenue',
    scope: 'unit:华东',
    period: '2027-Q1',
    target: '3000000',
  });
  assert.equal(r.status, 201, r.text);
  shape('POST', '/api/goals', r);
  made = r.json.goal;
  assert.equal(made.title, EVIL);
  const back = await manager.get(`/api/goals/${made.id}`);
  assert.equal(back.json.goal.title, EVIL, 'read back as text');
  assert.equal(back.json.goal.target, '3000000.00');
  const rows = JSON.parse(cli(['goal', 'ls', '--format', 'json'])).find((g) => g.id === made.id);
  assert.equal(rows.title, EVIL);
  // from a sentence
  const s = await manager.post('/api/goals', { sentence: '华东区2027年第二季度销售额1800万', title: '二季度' });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.goal.scope, 'unit:华东');
  assert.equal(s.json.goal.target, '18000000.00');
  assert.equal(s.json.goal.sentence, '华东区2027年第二季度销售额1800万');
  // outside the manager's subtree; reps never
  const out = await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华南', period: '2027-Q1', target: '1' });
  isError(out, 403, 'forbidden');
  shape('POST', '/api/goals', out);
  isError(await manager.post('/api/goals', { sentence: '华南区2027年第一季度销售额100万' }), 403, 'forbidden');
  isError(await rep.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: '2027-Q1', target: '1' }), 403, 'forbidden');
  // bad values: 422 naming the field, nothing written
  const n = cli(['goal', 'ls', '--format', 'json']);
  const bad = await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: '2027-Q1', target: 'lots' });
  isError(bad, 422, 'invalid', 'target');
  shape('POST', '/api/goals', bad);
  isError(await manager.post('/api/goals', { metric: 'nonsense', scope: 'unit:华东', period: '2027-Q1', target: '1' }), 422, 'invalid', 'metric');
  isError(await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: 'someday', target: '1' }), 422, 'invalid', 'period');
  isError(await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: '2027-Q1', target: 1.5 }), 422, 'invalid', 'target');
  isError(await manager.post('/api/goals', { sentence: '提高销售额' }), 422, 'invalid');
  assert.equal(cli(['goal', 'ls', '--format', 'json']), n, 'nothing written');
});

test('split: the preview is exactly what the commit writes', async () => {
  assert.ok(made, 'the add test ran');
  const p = `/api/goals/${made.id}/split`;
  const preview = await manager.post(p, { by: 'months', dry_run: true });
  assert.equal(preview.status, 200, preview.text);
  shape('POST', '/api/goals/{id}/split', preview);
  assert.equal(preview.json.children.length, 3);
  assert.equal(preview.json.saved, false);
  const sum = preview.json.children.reduce((s, c) => s + Math.round(Number(c.target) * 100), 0);
  assert.equal(sum, 300000000, 'the parts add up to the target');
  isError(await manager.post(p, { by: 'months' }), 422, 'invalid', 'reason');
  isError(await manager.post(p, { by: 'fortnights', dry_run: true }), 422, 'invalid');
  isError(await manager2.post(p, { by: 'months', dry_run: true }), 404, 'not_found');
  isError(await rep.post(p, { by: 'months', dry_run: true }), 403, 'forbidden');
  const c = await manager.post(p, { by: 'months', reason: EVIL });
  assert.equal(c.status, 201, c.text);
  shape('POST', '/api/goals/{id}/split', c);
  const strip = (x) => x.map(({ id, ...rest }) => rest);
  assert.deepEqual(strip(c.json.children), strip(preview.json.children));
  assert.deepEqual(c.json.total, preview.json.total);
  const g = await manager.get(`/api/goals/${made.id}`);
  assert.deepEqual(g.json.children.map((x) => Number(x.id)).sort(), c.json.children.map((x) => x.id).sort());
  for (const [i, x] of g.json.children.entries()) assert.equal(x.target, c.json.children[i].target);
  assert.ok(g.json.history.length >= 0);
  // rebalance: a preview with the old targets, then saved
  const rb = await manager.post(`/api/goals/${made.id}/rebalance`, { dry_run: true, as_of: '2027-02-15' });
  assert.equal(rb.status, 200, rb.text);
  shape('POST', '/api/goals/{id}/rebalance', rb);
  assert.ok(rb.json.children.every((x) => 'old' in x));
  isError(await manager.post(`/api/goals/${made.id}/rebalance`, {}), 422, 'invalid', 'reason');
  isError(await manager2.post(`/api/goals/${made.id}/rebalance`, { dry_run: true }), 404, 'not_found');
});

test('edit and archive: with a reason, only by who may change the goal', async () => {
  assert.ok(made, 'the add test ran');
  const p = `/api/goals/${made.id}`;
  const r = await manager.patch(p, { title: '一季度 ' + EVIL, reason: EVIL });
  assert.equal(r.status, 200, r.text);
  shape('PATCH', '/api/goals/{id}', r);
  assert.equal(r.json.goal.title, '一季度 ' + EVIL);
  const h = await manager.get(p);
  assert.ok(h.json.history.some((x) => x.field === 'title' && x.reason.includes(EVIL)), 'the reason is in the history as text');
  const noReason = await manager.patch(p, { title: 'x' });
  isError(noReason, 422, 'invalid', 'reason');
  shape('PATCH', '/api/goals/{id}', noReason);
  isError(await manager.patch(p, { target: 'lots', reason: 'r' }), 422, 'invalid', 'target');
  isError(await manager2.patch(p, { title: 'mine', reason: 'r' }), 404, 'not_found');
  isError(await rep.patch(p, { title: 'mine', reason: 'r' }), 403, 'forbidden');
  isError(await manager.patch(p, { scope: 'unit:华南', reason: 'r' }), 403, 'forbidden', 'scope');
  // archive
  const other = await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: '2027-Q3', target: '1000' });
  assert.equal(other.status, 201, other.text);
  const a = `/api/goals/${other.json.goal.id}/archive`;
  isError(await manager.post(a, {}), 422, 'invalid', 'reason');
  isError(await manager2.post(a, { reason: 'r' }), 404, 'not_found');
  const ok = await manager.post(a, { reason: 'not needed' });
  assert.equal(ok.status, 200, ok.text);
  shape('POST', '/api/goals/{id}/archive', ok);
  assert.equal(ok.json.goal.archived, 'yes');
});

test('action steps: add, list, mark done; a rep only their own; 404 across teams', async () => {
  assert.ok(made, 'the add test ran');
  const p = `/api/goals/${made.id}/actions`;
  const r = await manager.post(p, { what: EVIL, due: '2027-01-31', driver: '每周拜访增加30%' });
  assert.equal(r.status, 201, r.text);
  shape('POST', '/api/goals/{id}/actions', r);
  assert.equal(r.json.action.what, EVIL);
  assert.equal(r.json.action.done, 'no');
  const l = await manager.get(p);
  assert.equal(l.status, 200, l.text);
  shape('GET', '/api/goals/{id}/actions', l);
  assert.ok(l.json.actions.some((a) => a.what === EVIL));
  isError(await manager.post(p, {}), 422, 'invalid', 'what');
  isError(await manager.post(p, { what: 'x', due: 'tomorrow' }), 422, 'invalid', 'due');
  isError(await rep2.get(p), 404, 'not_found');
  isError(await manager2.post(p, { what: 'x' }), 404, 'not_found');
  const step = `/api/actions/${r.json.action.id}`;
  const d = await manager.patch(step, { done: true });
  assert.equal(d.status, 200, d.text);
  shape('PATCH', '/api/actions/{id}', d);
  assert.equal(d.json.action.done, 'yes');
  isError(await manager.patch(step, { done: 'yes' }), 422, 'invalid', 'done');
  isError(await rep2.patch(step, { done: false }), 404, 'not_found');
  isError(await manager2.patch(step, { done: false }), 404, 'not_found');
  const other = await rep.patch(step, { done: false }); // not the rep's own step
  assert.ok(other.status === 403 || other.status === 404, other.text);
  isError(await admin.patch('/api/actions/999999', { done: true }), 404, 'not_found');
});

test('objectives: list, add (admin), SQL meta-characters', async () => {
  const l = await rep.get('/api/objectives');
  assert.equal(l.status, 200, l.text);
  shape('GET', '/api/objectives', l);
  const r = await admin.post('/api/objectives', { title: EVIL, description: 'd' });
  assert.equal(r.status, 201, r.text);
  shape('POST', '/api/objectives', r);
  assert.equal(r.json.objective.title, EVIL);
  const again = await admin.get('/api/objectives');
  assert.ok(again.json.objectives.some((o) => o.title === EVIL));
  isError(await admin.post('/api/objectives', {}), 422, 'invalid', 'title');
  isError(await manager.post('/api/objectives', { title: 'x' }), 403, 'forbidden');
});
