// mock-server.mjs — a DEVELOPMENT fixture only (never shipped, never used by
// week.test.mjs): serves web/ and ECharts like attain serve does, and answers
// the API contract of docs (i10-common.md) by running the attain CLI with
// --format json on a demo database, so the UI can be built and looked at
// before the real API routes land.
//   node tests/e2e/mock-server.mjs build/attain /tmp/x.db 8099
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const [attain, db, port = '8099'] = process.argv.slice(2);
const users = {
  manager: { login: 'manager', role: 'manager', person: 'P0002', person_label: '许春燕', lang: null, home_scope: 'unit:华东', home_label: '华东区' },
  rep: { login: 'rep', role: 'rep', person: 'P0010', person_label: '张婷', lang: null, home_scope: 'person:张婷', home_label: '张婷' },
  admin: { login: 'admin', role: 'admin', person: null, person_label: null, lang: null, home_scope: 'company', home_label: '公司' },
};
const sessions = new Map();
const cli = (...a) => JSON.parse(execFileSync(attain, ['--db', db, ...a, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }) || 'null');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

function send(res, status, body) { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); }
function who(req) { const m = /attain_session=(\w+)/.exec(req.headers.cookie || ''); return m && sessions.get(m[1]); }

function burnup(g) {
  const year = +g.period.slice(0, 4);
  const days = [], actual = [], expected = [], forecast = [];
  const start = Date.UTC(year, 0, 1), end = Date.UTC(year, 11, 31), today = Date.UTC(2026, 11, 2);
  const n = Math.round((end - start) / 864e5) + 1, k = Math.round((today - start) / 864e5) + 1;
  for (let i = 0; i < n; i += 3) {
    days.push(new Date(start + i * 864e5).toISOString().slice(0, 10));
    expected.push((g.target * (i + 1) / n).toFixed(2));
    actual.push(i < k ? (g.actual * (i + 1) / k).toFixed(2) : null);
    forecast.push(i >= k - 3 ? (Number(g.actual) + (g.forecast - g.actual) * (i - k + 1) / (n - k)).toFixed(2) : null);
  }
  return { days, target: g.target, actual, expected, forecast };
}

http.createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  let body = '';
  for await (const c of req) body += c;
  const q = Object.fromEntries(u.searchParams);
  const p = u.pathname;
  try {
    if (!p.startsWith('/api/')) {
      let f = p === '/' ? 'index.html' : p.slice(1);
      const file = f === 'vendor/echarts.min.js' ? path.join(repo, 'node_modules/echarts/dist/echarts.min.js') : path.join(repo, 'web', f);
      if (!file.startsWith(repo) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" });
      res.end(fs.readFileSync(file));
      return;
    }
    if (p === '/api/session' && req.method === 'POST') {
      const b = JSON.parse(body);
      if (!users[b.login] || b.password !== `attain-${b.login}`) return send(res, 401, { error: { code: 'unauthenticated', message: 'bad login' } });
      const sid = Math.random().toString(36).slice(2);
      sessions.set(sid, users[b.login]);
      res.setHeader('Set-Cookie', `attain_session=${sid}; HttpOnly; Path=/`);
      return send(res, 200, { user: users[b.login], csrf: 'x' });
    }
    const me = who(req);
    if (!me) return send(res, 401, { error: { code: 'unauthenticated', message: 'sign in' } });
    if (p === '/api/session' && req.method === 'DELETE') return send(res, 200, {});
    if (p === '/api/me') { if (req.method === 'PATCH') Object.assign(me, JSON.parse(body)); return send(res, 200, { user: me, csrf: 'x' }); }
    if (p === '/api/events') { res.writeHead(200, { 'Content-Type': 'text/event-stream' }); res.write('event: changed\ndata: {"generation":1}\n\n'); return; }
    if (p === '/api/goals/status') return send(res, 200, { goals: cli('goal', 'status', ...(q.scope ? ['--scope', q.scope] : [])) });
    if (p === '/api/goals/tree') {
      const nodes = [];
      let obj = null;
      for (const n of cli('goal', 'tree')) {
        if (n.objective !== obj) { obj = n.objective; nodes.push({ kind: 'objective', objective_id: obj ? +obj : null, title: obj ? `战略目标 ${obj}` : '', description: '' }); }
        nodes.push({ ...n, kind: 'goal', parent_id: n.parent ? +n.parent : null, objective_group: obj ? +obj : null, mismatch: n.id === '6' });
      }
      return send(res, 200, { nodes, orphans: [] });
    }
    if (p === '/api/goals/reconcile') return send(res, 200, { mismatches: cli('goal', 'reconcile') });
    let m;
    if ((m = /^\/api\/goals\/(\d+)\/burnup$/.exec(p))) return send(res, 200, burnup(cli('goal', 'status').find((g) => g.id === m[1])));
    if ((m = /^\/api\/goals\/(\d+)\/split$/.exec(p))) return send(res, 200, { children: cli('goal', 'tree').filter((n) => n.parent === '2').map((n) => ({ scope: n.scope, period: '2027-Q1', weight: '0.2', target: (n.target / 10).toFixed(2) })) });
    if ((m = /^\/api\/goals\/(\d+)$/.exec(p))) {
      const all = cli('goal', 'status');
      const g = all.find((x) => x.id === m[1]);
      const kids = cli('goal', 'tree').filter((n) => n.parent === m[1]).map((n) => all.find((x) => x.id === n.id));
      const check = cli('goal', 'check', m[1]);
      const ci = cli('checkin', 'ls', m[1]);
      return send(res, 200, { goal: { ...g, smart: check.smart, achievability: check.achievability }, children: kids, checkins: ci.reverse(), history: [], actions: cli('goal', 'action', 'ls', m[1]) });
    }
    if (p === '/api/goals/parse') return send(res, 200, { parsed: { metric: 'revenue', scope: 'unit:华东', period: '2027-Q1', target: '30000000' }, smart: cli('goal', 'check', '2').smart, achievability: cli('goal', 'check', '2').achievability, errors: [] });
    if (p === '/api/goals' && req.method === 'POST') return send(res, 201, { goal: cli('goal', 'status').find((g) => g.id === '2') });
    if (p === '/api/checkins/due') return send(res, 200, { due: cli('checkin', 'due', ...(q.scope ? ['--scope', q.scope] : [])) });
    if (p === '/api/checkins') return send(res, 200, { checkins: cli('checkin', 'ls', ...(q.goal ? [q.goal] : [])).reverse() });
    if (p === '/api/review') return send(res, 200, cli('review', '--scope', q.scope));
    if (p === '/api/requests') return send(res, 200, { requests: cli('goal', 'requests', '--status', q.state === 'waiting' ? 'pending' : 'all') });
    if (p === '/api/forecast') return send(res, 200, { rows: cli('forecast', 'show', '--period', q.period || 'this-quarter', '--scope', q.scope) });
    if ((m = /^\/api\/reports\/(\w+)$/.exec(p))) return send(res, 200, { rows: m[1] === 'leaderboard' ? cli('report', 'leaderboard', q.metric || 'revenue', '--period', q.period === 'this-year' ? '2026' : q.period, '--scope', q.scope) : cli('report', m[1], '--period', '2026', '--scope', q.scope) });
    if (p === '/api/explain') return send(res, 200, { rows: cli('explain', q.metric, '--scope', q.scope, '--period', q.period) });
    return send(res, 404, { error: { code: 'not_found', message: `no route ${p}` } });
  } catch (e) {
    return send(res, 500, { error: { code: 'internal', message: String(e.message).slice(0, 300) } });
  }
}).listen(+port, '127.0.0.1', () => console.log(`mock on http://127.0.0.1:${port}`));
