// loop.test.mjs — the API of the feedback loop (src/http/api_loop.c) against
// a real `attain serve` on the demo: every route's success shape (checked
// against docs/api.yaml) and error shape, who may do what (a rep checks in on
// their own goal, not on a teammate's; only someone above approves a request),
// visibility (rep2, of 华南, never reads 华东 rows by list, id, export, review
// or digest), and SQL meta-characters in text fields stored back byte for
// byte.
//
// usage: node tests/api/loop.test.mjs path/to/attain
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { attainArg, start, checkShape, routes, hasRoute, freshDemo, run } from './lib.mjs';

const SQL = `'; DROP TABLE goals; -- "x" \\ %_ ' OR '1'='1`;

const attain = attainArg();
const table = routes(attain);
if (!hasRoute(table, 'POST', '/api/session') || !hasRoute(table, 'GET', '/api/me')) {
  // the sign-in routes are the auth engineer's: until they are in the table
  // there is no one to test as
  console.log('TAP version 13\nok 1 - loop API # SKIP no POST /api/session or GET /api/me yet\n1..1');
  process.exit(0);
}
// Before the server starts (the CLI and the server are not run on one
// database at the same time here): the goals, and a goal of the rep's own
// unit (华东/上海/一组, which has none in the demo) — one they read but may
// not check in on.
const demo = await freshDemo(attain);
const cli = (args) => run(attain, ['--db', demo.db, ...args]);
cli(['goal', 'add', '--metric', 'revenue', '--period', '2026', '--target', '100万', '--scope',
  'unit:华东/上海/一组', '--parent', '6', '--title', `一组 ${SQL}`]);
const goals = (() => {
  const csv = cli(['goal', 'ls', '--format', 'csv']).trim().split('\n');
  const cols = csv[0].split(',');
  return csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
})();
const srv = await start(attain, {db: demo.db});
after(async () => {
  await srv.stop();
});

/* The route pattern of METHOD PATH (its query left off), from the route table. */
function patternOf(method, path) {
  const p = path.split('?')[0];
  const segs = p.split('/');
  const r = table.find((t) => {
    if (t.method !== method) return false;
    const ps = t.pattern.split('/');
    return ps.length === segs.length && ps.every((x, i) => x.startsWith('{') || x === segs[i]);
  });
  assert.ok(r, `no route ${method} ${p}`);
  return r.pattern;
}

/* Send METHOD PATH (with BODY) as WHO; the answer must have STATUS, the
 * documented shape for a success and the error shape otherwise. Its JSON. */
async function expect(who, method, path, status, body) {
  const r = await who.send(method, encodeURI(path), body);
  assert.equal(r.status, status, `${method} ${path}: ${r.status} ${r.text.slice(0, 400)}`);
  if (status >= 400) {
    assert.equal(typeof r.json?.error?.code, 'string', `${method} ${path}: error shape`);
    assert.equal(typeof r.json?.error?.message, 'string', `${method} ${path}: error message`);
  }
  if (r.json) checkShape(method, patternOf(method, path), r.status, r.json);
  return r.json;
}

const admin = await srv.as('admin');
const manager = await srv.as('manager');
const rep = await srv.as('rep');
const rep2 = await srv.as('rep2');
const manager2 = await srv.as('manager2');
const me = (await expect(rep, 'GET', '/api/me', 200)).user;
const mine = `person:${me.person_label}`;
// the rep's goal, their unit's goal (they read it, may not check in on it)
// and a teammate's (a person goal they may not read at all)
let own, parent, mate;


test('checkins list: shape, paging, rep sees own rows', async () => {
  const all = await expect(rep, 'GET', '/api/checkins?limit=1000', 200);
  assert.ok(all.total > 0 && all.checkins.length === Math.min(all.total, 1000));
  own = all.checkins.find((c) => c.scope === mine)?.goal;
  assert.ok(own, `the rep ${mine} sees their own check-ins`);
  const mineGoal = goals.find((g) => g.id === own);
  parent = goals.find((g) => g.scope === 'unit:华东/上海/一组').id;
  mate = goals.find((g) => g.parent === mineGoal.parent && g.id !== own).id;
  assert.ok(parent && mate);
  assert.ok(all.checkins.every((c) => c.goal !== mate), 'no teammate\'s person goal');
  const page = await expect(rep, 'GET', '/api/checkins?limit=2&offset=1', 200);
  assert.equal(page.checkins.length, 2);
  assert.deepEqual(page.checkins[0], all.checkins[1]);
  await expect(rep, 'GET', '/api/checkins?limit=0', 400);
  await expect(rep, 'GET', '/api/checkins?limit=1001', 400);
  await expect(rep, 'GET', '/api/checkins?goal=abc', 400);
  await expect(rep, 'GET', '/api/checkins?scope=unit:nowhere', 404);
  const one = await expect(rep, 'GET', `/api/checkins?goal=${own}`, 200);
  assert.ok(one.checkins.every((c) => c.goal === String(own)));
});

test('checkins: rep2 never reads 华东 rows (list, id, scope, export)', async () => {
  await expect(rep2, 'GET', `/api/checkins?goal=${own}`, 404);
  await expect(rep2, 'GET', '/api/checkins?scope=unit:华东', 403);
  const all = await expect(rep2, 'GET', '/api/checkins?limit=1000', 200);
  assert.ok(all.checkins.every((c) => c.goal !== own && c.goal !== mate && c.goal !== parent));
  const csv = await rep2.get(encodeURI('/api/checkins?format=csv'));
  assert.equal(csv.status, 200);
  assert.ok(!csv.text.includes(mine), 'the CSV export carries no 华东 row');
});

let checkin;
test('check in on own goal: 201, text fields stored byte for byte', async () => {
  const body = {confidence: 7, note: SQL, blockers: `阻碍 ${SQL}`, next_steps: `下一步 ${SQL}`};
  checkin = (await expect(rep, 'POST', `/api/goals/${own}/checkins`, 201, body)).checkin;
  assert.equal(checkin.goal, String(own));
  assert.equal(checkin.confidence, '7');
  assert.equal(checkin.note, SQL);
  assert.equal(checkin.blockers, `阻碍 ${SQL}`);
  assert.equal(checkin.next, `下一步 ${SQL}`);
  const listed = await expect(rep, 'GET', `/api/checkins?goal=${own}&limit=1000`, 200);
  assert.ok(listed.checkins.some((c) => c.id === checkin.id && c.note === SQL));
});

test('check in: refusals and bad input', async () => {
  await expect(rep, 'POST', `/api/goals/${parent}/checkins`, 403, {confidence: 5});
  await expect(rep, 'POST', `/api/goals/${mate}/checkins`, 404, {confidence: 5});
  await expect(rep2, 'POST', `/api/goals/${own}/checkins`, 404, {confidence: 5});
  await expect(rep, 'POST', `/api/goals/${own}/checkins`, 422, {confidence: 11});
  await expect(rep, 'POST', `/api/goals/${own}/checkins`, 422, {confidence: [1]});
  await expect(rep, 'POST', `/api/goals/${own}/checkins`, 400, {confidence: 5, mood: 'x'});
  await expect(rep, 'POST', '/api/goals/999999/checkins', 404, {confidence: 5});
  await expect(rep, 'POST', '/api/goals/x/checkins', 400, {confidence: 5});
});

test('acknowledge: the manager yes, the author no, rep2 cannot see it', async () => {
  await expect(rep, 'POST', `/api/checkins/${checkin.id}/ack`, 403, {comment: 'self'});
  await expect(rep2, 'POST', `/api/checkins/${checkin.id}/ack`, 404, {comment: 'x'});
  const acked = await expect(manager, 'POST', `/api/checkins/${checkin.id}/ack`, 200, {
    comment: SQL,
  });
  assert.ok(acked.checkin.acked_by);
  assert.equal(acked.checkin.ack_comment, SQL);
  await expect(manager, 'POST', `/api/checkins/${checkin.id}/ack`, 409, {});
});

test('check-ins due', async () => {
  const due = await expect(manager, 'GET', '/api/checkins/due?scope=unit:华东', 200);
  assert.ok(Array.isArray(due.due));
  await expect(rep2, 'GET', '/api/checkins/due?scope=unit:华东', 403);
  const mine2 = await expect(rep2, 'GET', '/api/checkins/due', 200);
  assert.ok(mine2.due.every((d) => d.goal !== String(own)));
});

test('forecast show and accuracy', async () => {
  const f = await expect(manager, 'GET', '/api/forecast?period=this-quarter&scope=unit:华东', 200);
  assert.ok(f.rows.length > 0 && 'adjusted_commit' in f.rows[0]);
  await expect(manager, 'GET', '/api/forecast', 400);
  await expect(manager, 'GET', '/api/forecast?period=nonsense', 422);
  await expect(rep2, 'GET', '/api/forecast?period=this-quarter&scope=unit:华东', 403);
  const r2 = await expect(rep2, 'GET', '/api/forecast?period=this-quarter', 200);
  assert.ok(r2.rows.every((row) => row.scope !== mine && row.scope !== 'unit:华东'));
  const acc = await expect(manager, 'GET', '/api/forecast/accuracy?period=last-quarter', 200);
  assert.ok(Array.isArray(acc.rows));
  await expect(manager, 'GET', '/api/forecast/accuracy', 400);
});

test('forecast call: preview, submit, adjust', async () => {
  const pre = await expect(rep, 'POST', '/api/forecast', 200, {
    period: 'this-quarter',
    dry_run: true,
  });
  assert.equal(pre.id, null);
  assert.equal(pre.rows.length, 8);
  const saved = await expect(rep, 'POST', '/api/forecast', 201, {
    period: 'this-quarter',
    commit: '100万',
    best_case: '150万',
    note: SQL,
  });
  assert.ok(saved.id > 0);
  assert.equal(saved.rows.find((r) => r.field === 'commit').value, '1000000.00');
  await expect(rep, 'POST', '/api/forecast', 422, {period: 'this-quarter', commit: '-5'});
  await expect(rep, 'POST', '/api/forecast', 422, {commit: '5'});
  const adj = await expect(manager, 'POST', '/api/forecast/adjust', 201, {
    person: me.person_label,
    period: 'this-quarter',
    commit: '90万',
    note: SQL,
  });
  assert.ok(adj.id > 0);
  await expect(rep, 'POST', '/api/forecast/adjust', 403, {
    person: me.person_label,
    period: 'this-quarter',
    commit: '1',
    note: 'x',
  });
  await expect(manager2, 'POST', '/api/forecast/adjust', 403, {
    person: me.person_label,
    period: 'this-quarter',
    commit: '1',
    note: 'x',
  });
});

test('review agenda and decisions', async () => {
  const agenda = await expect(manager, 'GET', '/api/review?scope=unit:华东', 200);
  assert.ok(Array.isArray(agenda.goals) && agenda.goals.length > 0);
  const home = await expect(rep, 'GET', '/api/review', 200);
  assert.ok(Array.isArray(home.goals));
  await expect(rep2, 'GET', '/api/review?scope=unit:华东', 403);
  await expect(rep2, 'GET', `/api/review?scope=${mine}`, 403);
  const d = await expect(manager, 'POST', '/api/review/decisions', 201, {
    scope: 'unit:华东',
    text: SQL,
    goal: own,
  });
  assert.equal(d.decision.text, SQL);
  const listed = await expect(manager, 'GET', '/api/review/decisions?scope=unit:华东', 200);
  assert.ok(listed.decisions.some((x) => x.id === String(d.decision.id) && x.text === SQL));
  await expect(rep2, 'GET', '/api/review/decisions?scope=unit:华东', 403);
  await expect(manager, 'GET', '/api/review/decisions?scope=unit:华东&since=yesterday', 422);
  await expect(manager, 'POST', '/api/review/decisions', 422, {scope: 'unit:华东', text: ''});
  await expect(manager2, 'POST', '/api/review/decisions', 403, {scope: 'unit:华东', text: 'x'});
  await expect(rep, 'POST', '/api/review/decisions', 403, {scope: mine, text: 'x'});
});

test('requests: a rep asks, cannot approve; the manager approves', async () => {
  const before = await expect(rep, 'GET', '/api/requests?state=all', 200);
  const req = (
    await expect(rep, 'POST', '/api/requests', 201, {
      goal: own,
      target: '1234万',
      reason: SQL,
    })
  ).request;
  assert.equal(req.status, 'pending');
  assert.equal(req.reason, SQL);
  const waiting = await expect(manager, 'GET', '/api/requests?state=waiting', 200);
  assert.ok(waiting.requests.some((r) => r.id === req.id));
  const after = await expect(rep, 'GET', '/api/requests?state=all', 200);
  assert.equal(after.total, before.total + 1);
  const r2 = await expect(rep2, 'GET', '/api/requests?state=all', 200);
  assert.ok(r2.requests.every((r) => r.id !== req.id));
  await expect(rep, 'POST', `/api/requests/${req.id}/approve`, 403, {note: 'me'});
  await expect(rep2, 'POST', `/api/requests/${req.id}/approve`, 404, {note: 'x'});
  await expect(manager2, 'POST', `/api/requests/${req.id}/approve`, 404, {note: 'x'});
  const ok = await expect(manager, 'POST', `/api/requests/${req.id}/approve`, 200, {note: SQL});
  assert.equal(ok.request.status, 'approved');
  assert.equal(ok.request.comment, SQL);
  await expect(manager, 'POST', `/api/requests/${req.id}/reject`, 409, {});
  // the goal's target is now 12,340,000.00: the quota of the call of its scope and period
  const f = await expect(manager, 'GET', `/api/forecast?period=2026&scope=${mine}`, 200);
  assert.equal(f.rows.find((r) => r.scope === mine).quota, '12340000.00');
});

test('requests: bad input', async () => {
  await expect(rep, 'POST', '/api/requests', 422, {goal: own, target: '1'});
  await expect(rep, 'POST', '/api/requests', 422, {goal: own, reason: 'x'});
  await expect(rep, 'POST', '/api/requests', 403, {goal: parent, target: '1', reason: 'x'});
  await expect(rep, 'POST', '/api/requests', 404, {goal: mate, target: '1', reason: 'x'});
  await expect(rep2, 'POST', '/api/requests', 404, {goal: own, target: '1', reason: 'x'});
  await expect(manager, 'POST', '/api/requests/abc/approve', 400, {});
  await expect(manager, 'POST', '/api/requests/99999/approve', 404, {});
  await expect(manager, 'GET', '/api/requests?state=maybe', 422);
});

test('scorecards', async () => {
  const s = await expect(manager, 'GET', '/api/scorecards?scope=unit:华东', 200);
  assert.ok(s.rows.length > 0);
  const r2 = await expect(rep2, 'GET', '/api/scorecards', 200);
  assert.ok(r2.rows.every((row) => row.scope !== 'unit:华东'));
  await expect(rep2, 'GET', '/api/scorecards?scope=unit:华东', 403);
  const add = await expect(manager, 'POST', '/api/scorecards', 201, {
    scope: mine,
    period: '2026',
    goals: [`${own}:100%`],
  });
  assert.ok(add.id > 0);
  await expect(manager, 'POST', '/api/scorecards', 409, {
    scope: mine,
    period: '2026',
    goals: [`${own}:100%`],
  });
  await expect(manager, 'POST', '/api/scorecards', 422, {
    scope: mine,
    period: '2026-Q1',
    goals: [`${own}:95%`],
  });
  await expect(rep, 'POST', '/api/scorecards', 403, {scope: mine, period: '2026', goals: []});
  await expect(manager2, 'POST', '/api/scorecards', 403, {
    scope: mine,
    period: '2026-Q2',
    goals: [`${own}:100%`],
  });
});

test('channels: admin only, secrets never shown', async () => {
  const url = 'https://hooks.slack.com/services/T000/B000/SECRETPART';
  const c = await expect(admin, 'POST', '/api/channels', 201, {
    scope: 'unit:华东',
    kind: 'slack',
    url,
  });
  assert.ok(!JSON.stringify(c).includes('SECRETPART'));
  const list = await expect(admin, 'GET', '/api/channels', 200);
  assert.ok(list.channels.some((x) => x.id === c.channel.id));
  assert.ok(!JSON.stringify(list).includes('SECRETPART'));
  await expect(admin, 'POST', '/api/channels', 422, {scope: 'company', kind: 'pigeon', url});
  await expect(admin, 'POST', '/api/channels', 422, {scope: SQL, kind: 'slack', url});
  await expect(manager, 'GET', '/api/channels', 403);
  await expect(rep, 'POST', '/api/channels', 403, {scope: 'company', kind: 'slack', url});
  await expect(admin, 'DELETE', `/api/channels/${c.channel.id}`, 200);
  await expect(admin, 'DELETE', '/api/channels/999999', 404);
});

test('alerts and the digest', async () => {
  const a = await expect(manager, 'GET', '/api/alerts', 200);
  assert.ok(Array.isArray(a.alerts) && typeof a.total === 'number');
  const a2 = await expect(rep2, 'GET', '/api/alerts?limit=1000', 200);
  assert.ok(a2.alerts.every((x) => x.goal !== String(own)));
  await expect(rep2, 'GET', '/api/alerts?scope=unit:华东', 403);
  await expect(manager, 'GET', '/api/alerts?failed=maybe', 400);
  const d = await expect(manager, 'GET', '/api/digest?scope=unit:华东', 200);
  assert.ok(d.text.length > 0);
  await expect(rep2, 'GET', '/api/digest?scope=unit:华东', 403);
  await expect(manager, 'GET', '/api/digest?scope=unit:华东&format=pdf', 400);
});

test('forecast categories: everyone reads, the admin sets', async () => {
  const c = await expect(rep, 'GET', '/api/settings/forecast-categories', 200);
  assert.ok(c.stages.length > 0);
  const stage = c.stages[0].stage;
  const set = await expect(admin, 'POST', '/api/settings/forecast-categories', 200, {
    set: [`${stage}=commit`],
  });
  assert.equal(set.stages.find((s) => s.stage === stage).category, 'commit');
  await expect(admin, 'POST', '/api/settings/forecast-categories', 422, {set: [`${SQL}=x`]});
  await expect(admin, 'POST', '/api/settings/forecast-categories', 422, {set: 'x'});
  await expect(manager, 'POST', '/api/settings/forecast-categories', 403, {set: ['a=commit']});
});

test('settings: the admin reads and sets them', async () => {
  const all = await expect(admin, 'GET', '/api/settings', 200);
  assert.ok(all.settings.some((x) => x.setting === 'base_url'));
  const set = await expect(admin, 'POST', '/api/settings', 200, {
    setting: 'base_url',
    value: 'https://attain.example.com',
  });
  assert.equal(set.settings.find((x) => x.setting === 'base_url').value, 'https://attain.example.com');
  await expect(admin, 'POST', '/api/settings', 422, {setting: SQL, value: 'x'});
  await expect(admin, 'POST', '/api/settings', 422, {setting: 'base_url', value: SQL});
  await expect(admin, 'POST', '/api/settings', 422, {value: 'x'});
  await expect(manager, 'GET', '/api/settings', 403);
  await expect(rep, 'POST', '/api/settings', 403, {setting: 'base_url', value: ''});
});
