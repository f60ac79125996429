// server.mjs — `attain serve` under load, against nginx serving the same bytes,
// and the dashboard's first paint in Chromium. Started by bench/run after
// bench.mjs (which installs wrk and nginx when missing); see bench/README.md.
//
//   node bench/server.mjs ATTAIN [--scale S] [--db PATH] [--seconds N]
//                                [--connections C] [--paints N] [--no-paint]
//                                [--path /api/...]   (default: the status API below)
//                                [--rounds N]        (2: attain and nginx in turn, best of each)
//                                [--threads N]       (4: attain serve's threads = nginx's workers)
//                                [--fresh N] [--no-fresh]  (rounds of the posted order, 5)
//
// 1. Load: the bench database (bench/.data/scale-S/db/attain.db, or --db) gets
//    a revenue goal of the company for this month split evenly over its units
//    and an admin `bench` (both once; the database is rebuilt by bench.mjs).
//    `attain serve` runs on it on a free port; wrk (64 connections, 10 s,
//    2 threads, a Lua script sending the session cookie) asks
//    GET /api/goals/status?period=this-month. nginx — started here as the
//    current user with its own configuration in a temporary folder — serves
//    the bytes of that same response from a file at the same path, and wrk
//    asks it the same way. Printed: req/s, p50 and p99 of both and the ratio.
// 2. First paint: `attain demo` in a temporary folder, `attain serve` on it,
//    Chromium (/usr/bin/chromium, driven by playwright-core from the
//    repository's node_modules; never a downloaded browser) signs in as the
//    demo manager and opens the dashboard in a fresh context N times (5):
//    first-contentful-paint, DOMContentLoaded and load, medians.
// 3. A posted order: on the bench database, POST /api/ingest/orders one new
//    order (an API token with the ingest scope), then GET /api/metrics for
//    its owner's revenue of the quarter (signed in) until the answer includes
//    it: ms from the POST's answer to the first answer including it, 5 rounds.
// The section "## server" of bench/results/latest.md is replaced (or added);
// the other sections are kept. Exit 1 when a step fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './section.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const argv = process.argv.slice(2);
const opt = {
  attain: null, scale: process.env.BENCH_SCALE || '1', db: null, seconds: 10, connections: 64,
  paints: 5, paint: true, rounds: 2, threads: 4, path: '/api/goals/status?period=this-month', fresh: 5,
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--scale') opt.scale = argv[++i];
  else if (a === '--db') opt.db = resolve(argv[++i]);
  else if (a === '--seconds') opt.seconds = Number(argv[++i]);
  else if (a === '--connections') opt.connections = Number(argv[++i]);
  else if (a === '--paints') opt.paints = Number(argv[++i]);
  else if (a === '--no-paint') opt.paint = false;
  else if (a === '--fresh') opt.fresh = Math.max(0, Number(argv[++i]) || 0);
  else if (a === '--no-fresh') opt.fresh = 0;
  else if (a === '--path') opt.path = argv[++i];
  else if (a === '--threads') opt.threads = Math.max(1, Number(argv[++i]) || 1);
  else if (a === '--rounds') opt.rounds = Math.max(1, Number(argv[++i]) || 1);
  else if (a === '--budget' || a === '--no-attain') { if (a === '--budget') i++; } // bench.mjs's
  else if (a.startsWith('-')) die(`unknown option ${a}`);
  else opt.attain = resolve(a);
}
if (!opt.attain) die('usage: bench/server.mjs ATTAIN [--scale S] [--db PATH] [--seconds N] [--connections C]');
const DATA = resolve(process.env.BENCH_DATA || join(BENCH, '.data'));
const DB = opt.db || join(DATA, `scale-${opt.scale}`, 'db', 'attain.db');
const LOGIN = 'bench', PASSWORD = 'bench-password-1';
const PATH = opt.path;
const FILE_PATH = PATH.split('?')[0]; // where nginx finds the same bytes

function die(msg) {
  process.stderr.write(`bench/server: ${msg}\n`);
  cleanup();
  process.exit(2);
}
const t00 = Date.now();
const log = (msg) => process.stderr.write(`[${((Date.now() - t00) / 1000).toFixed(0).padStart(4)}s] ${msg}\n`);
const failures = [];

// ---- processes ----
const children = [];
const tmp = mkdtempSync(join(tmpdir(), 'attain-bench-server-'));
function cleanup() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  if (existsSync(join(tmp, 'nginx.pid'))) {
    const pid = Number(readFileSync(join(tmp, 'nginx.pid'), 'utf8'));
    if (pid > 0) try { process.kill(pid, 'SIGQUIT'); } catch { /* gone */ }
  }
}
process.on('exit', () => { cleanup(); rmSync(tmp, { recursive: true, force: true }); });
process.on('SIGINT', () => process.exit(130));

// Run ATTAIN with ARGS (and INPUT on stdin); its stdout, or die naming it.
function attain(args, input) {
  const r = spawnSync(opt.attain, args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.status !== 0) die(`attain ${args.join(' ')}: exit ${r.status}: ${(r.stderr || '').trim()}`);
  return r.stdout;
}

function freePort() {
  return new Promise((ok, no) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', no);
  });
}
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Start `attain serve` on DB; resolves with its base URL once /readyz answers.
async function serve(db, name) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(tmp, `${name}.log`);
  const { openSync } = await import('node:fs');
  const fd = openSync(logFile, 'w');
  const child = spawn(opt.attain, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--threads', String(opt.threads)],
    { stdio: ['ignore', fd, fd] });
  children.push(child);
  for (let i = 0; i < 600; i++) { // up to 60 s: the engine may load a large file
    if (child.exitCode !== null) die(`attain serve exited ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-500)}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return { base, child };
    } catch { /* not yet */ }
    await sleep(100);
  }
  die(`attain serve did not get ready: ${readFileSync(logFile, 'utf8').slice(-500)}`);
}

// Sign in; the session cookie ("attain_session=…").
async function signIn(base, login, password) {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (r.status !== 200) die(`sign-in as ${login}: HTTP ${r.status} ${await r.text()}`);
  const set = r.headers.getSetCookie ? r.headers.getSetCookie() : [r.headers.get('set-cookie')];
  const c = set.map((s) => s && s.split(';')[0]).find((s) => s && s.startsWith('attain_session='));
  if (!c) die('sign-in: no attain_session cookie');
  return c;
}

// ---- wrk ----
const UNIT = { us: 1e-3, ms: 1, s: 1e3, m: 60e3 };
const ms = (text) => { const m = /^([\d.]+)(us|ms|s|m)$/.exec(text); return m ? Number(m[1]) * UNIT[m[2]] : NaN; };

// wrk against URL with HEADERS; {rps, p50, p99, requests, errors, non2xx}.
function wrk(url, headers) {
  const lua = join(tmp, 'headers.lua');
  writeFileSync(lua, Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}\n`).join(''));
  const threads = Math.max(1, Math.min(2, cpus().length));
  const args = [`-t${threads}`, `-c${opt.connections}`, `-d${opt.seconds}s`, '--latency', '-s', lua, url];
  const r = spawnSync('wrk', args, { encoding: 'utf8' });
  if (r.status !== 0) die(`wrk ${args.join(' ')}: ${r.stderr}`);
  const out = r.stdout;
  const pct = (p) => ms((new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out) || [])[1]);
  const res = {
    rps: Number((/Requests\/sec:\s+([\d.]+)/.exec(out) || [])[1]),
    p50: pct(50), p99: pct(99),
    requests: Number((/(\d+) requests in/.exec(out) || [])[1]),
    non2xx: Number((/Non-2xx or 3xx responses:\s+(\d+)/.exec(out) || [0, 0])[1]),
    errors: (/Socket errors:[^\n]*/.exec(out) || [''])[0],
    raw: out,
  };
  if (!(res.rps > 0)) die(`wrk gave no rate:\n${out}`);
  return res;
}

// ---- nginx ----
async function nginx(body, contentType) {
  const port = await freePort();
  const www = join(tmp, 'www');
  spawnSync('mkdir', ['-p', join(www, dirname(FILE_PATH))]);
  writeFileSync(join(www, FILE_PATH), body);
  chmodSync(tmp, 0o755); // workers may run as another user when started by root
  const conf = join(tmp, 'nginx.conf');
  const user = process.getuid && process.getuid() === 0 ? 'user root;\n' : '';
  // as many workers as attain serve has threads: on a shared machine the
  // scheduler gives CPU by runnable task, so the same count is the fair match
  writeFileSync(conf, `${user}worker_processes ${opt.threads};
pid ${tmp}/nginx.pid;
error_log ${tmp}/nginx-error.log;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${tmp}/nginx-body;
  proxy_temp_path ${tmp}/nginx-proxy;
  fastcgi_temp_path ${tmp}/nginx-fastcgi;
  uwsgi_temp_path ${tmp}/nginx-uwsgi;
  scgi_temp_path ${tmp}/nginx-scgi;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location = ${FILE_PATH} { default_type "${contentType}"; }
  }
}
`);
  const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const r = spawnSync(bin, ['-e', `${tmp}/nginx-error.log`, '-p', tmp, '-c', conf], { encoding: 'utf8' });
  if (r.status !== 0) die(`nginx: ${r.stderr}`);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try { const x = await fetch(`${base}${PATH}`); if (x.ok) return base; } catch { /* not yet */ }
    await sleep(100);
  }
  die(`nginx did not answer: ${readFileSync(join(tmp, 'nginx-error.log'), 'utf8')}`);
}

// ---- 1. load ----
function prepareBenchDb() {
  if (!existsSync(DB)) die(`no bench database ${DB}: run bench/run first (or give --db)`);
  const goals = attain(['--db', DB, 'goal', 'ls', '--format', 'csv']);
  if (!/bench: company this month/.test(goals)) {
    log('adding a company revenue goal for this month, split over the units');
    const out = attain(['--db', DB, 'goal', 'add', '--metric', 'revenue', '--scope', 'company',
      '--period', 'this-month', '--target', '100000000', '--title', 'bench: company this month']);
    const id = (/goal (\d+)/.exec(out) || [])[1];
    if (!id) die(`goal add: no id in ${out}`);
    attain(['--db', DB, 'goal', 'split', id, '--over', 'units', '--method', 'even', '--yes', '--reason', 'bench']);
  }
  const users = attain(['--db', DB, 'user', 'ls', '--format', 'csv']);
  if (!new RegExp(`^${LOGIN},`, 'm').test(users)) {
    log(`adding the admin ${LOGIN}`);
    attain(['--db', DB, 'user', 'add', LOGIN, '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  }
}

async function load() {
  prepareBenchDb();
  const { base, child } = await serve(DB, 'serve-bench');
  const cookie = await signIn(base, LOGIN, PASSWORD);
  const r = await fetch(`${base}${PATH}`, { headers: { cookie } });
  const body = Buffer.from(await r.arrayBuffer());
  if (r.status !== 200)
    die(`GET ${PATH}: HTTP ${r.status} ${body.toString().slice(0, 300)}${r.status === 404 ? ' (this build does not serve it: --path names another route)' : ''}`);
  const json = JSON.parse(body.toString());
  const list = Object.entries(json).find(([, v]) => Array.isArray(v)) || ['rows', []];
  const n = `${list[1].length} ${list[0]}`;
  const contentType = r.headers.get('content-type') || 'application/json';
  log(`GET ${PATH}: ${body.length} bytes, ${n}; wrk ${opt.connections} connections ${opt.seconds} s, ${opt.rounds} rounds`);
  const nb = await nginx(body, contentType);
  const same = Buffer.from(await (await fetch(`${nb}${PATH}`)).arrayBuffer());
  if (!same.equals(body)) failures.push('nginx does not serve the same bytes');
  // rounds in turn, so both see the same (shared) machine; the best round of each
  const runs = { attain: [], nginx: [] };
  for (let i = 0; i < opt.rounds; i++) {
    runs.attain.push(wrk(`${base}${PATH}`, { Cookie: cookie }));
    runs.nginx.push(wrk(`${nb}${PATH}`, { Cookie: cookie }));
    log(`round ${i + 1}: attain ${runs.attain[i].rps.toFixed(0)} req/s, nginx ${runs.nginx[i].rps.toFixed(0)} req/s`);
  }
  const best = (list) => list.reduce((x, y) => (y.rps > x.rps ? y : x));
  const a = best(runs.attain), g = best(runs.nginx);
  a.all = runs.attain.map((r) => r.rps);
  g.all = runs.nginx.map((r) => r.rps);
  for (const r of runs.attain) if (r.non2xx) failures.push(`attain: ${r.non2xx} responses not 2xx`);
  for (const r of runs.nginx) if (r.non2xx) failures.push(`nginx: ${r.non2xx} responses not 2xx`);
  child.kill('SIGTERM');
  return { bytes: body.length, goals: n, attain: a, nginx: g };
}

// ---- 2. first paint ----
async function paint() {
  const req = createRequire(join(ROOT, 'package.json'));
  let chromium;
  try { ({ chromium } = req('playwright-core')); } catch (e) { die(`playwright-core: ${e.message} (scripts/install-deps runs npm ci)`); }
  const demo = join(tmp, 'demo.db');
  log('attain demo for the first-paint run');
  attain(['--db', demo, 'demo']);
  const { base } = await serve(demo, 'serve-demo');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const runs = [];
  try {
    for (let i = 0; i < opt.paints; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const res = await ctx.request.post(`${base}/api/session`, { data: { login: 'manager', password: 'attain-manager' } });
      if (res.status() !== 200) die(`demo sign-in as manager: HTTP ${res.status()}`);
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0,
        null, { timeout: 10000 }).catch(() => {});
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
      });
      if (errors.length) failures.push(`dashboard: page errors: ${errors.join('; ')}`);
      runs.push(t);
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  const med = (k) => {
    const v = runs.map((r) => r[k]).filter((x) => typeof x === 'number').sort((x, y) => x - y);
    return v.length ? v[(v.length - 1) >> 1] : null;
  };
  if (med('fcp') === null) failures.push('dashboard: no first-contentful-paint entry');
  return { runs: runs.length, fcp: med('fcp'), dcl: med('dcl'), load: med('load') };
}

// ---- 3. a posted order ----
const QUARTER = { name: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }; // as bench/queries.mjs
const sql1 = (db, q) => {
  const r = spawnSync('sqlite3', [db, q], { encoding: 'utf8' });
  if (r.status !== 0) die(`sqlite3 ${q}: ${r.stderr}`);
  return r.stdout.trim();
};
const cents = (v) => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v ?? '').trim());
  if (!m) return null;
  const c = BigInt(m[2]) * 100n + BigInt((m[3] || '0').padEnd(2, '0'));
  return m[1] ? -c : c;
};
async function fresh() {
  prepareBenchDb();
  const token = attain(['--db', DB, 'token', 'add', `bench-fresh-${process.pid}-${Date.now()}`, '--role', 'admin', '--scope', 'ingest'])
    .trim().split('\n')[0];
  const owner = sql1(DB, "SELECT ext_id FROM people WHERE title = '销售代表' ORDER BY id LIMIT 1") ||
    sql1(DB, "SELECT ext_id FROM people WHERE ext_id <> '' ORDER BY id LIMIT 1");
  const customer = sql1(DB, 'SELECT ext_id FROM customers ORDER BY id LIMIT 1');
  // the bench data has no split credit: the owner's revenue is a plain sum
  const stored = () => BigInt(sql1(DB, `SELECT COALESCE(SUM(l.amount_rc), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
    JOIN people p ON p.id = o.owner_id WHERE p.ext_id = '${owner.replace(/'/g, "''")}' AND o.date BETWEEN '${QUARTER.from}' AND '${QUARTER.to}'`));
  const { base, child } = await serve(DB, 'serve-fresh');
  const cookie = await signIn(base, LOGIN, PASSWORD);
  const url = `${base}/api/metrics?metric=revenue&period=${QUARTER.name}&scope=${encodeURIComponent(`person:${owner}`)}&as_of=2026-12-31`;
  const read = async () => {
    const r = await fetch(url, { headers: { cookie } });
    const t = await r.text();
    if (r.status !== 200) die(`GET ${url}: HTTP ${r.status} ${t.slice(0, 300)}`);
    const row = (JSON.parse(t).rows || []).find((x) => x.metric === 'revenue');
    const v = cents(row?.value);
    if (v === null) die(`GET ${url}: no revenue in ${t.slice(0, 300)}`);
    return v;
  };
  // Read until the answer is WANT (a 600 s limit); the number of reads. An
  // answer neither WANT nor BEFORE is a wrong answer. Tight for 100 ms, then
  // every 5 ms, so that the polls do not take the build's CPU.
  const until = async (want, before, t0) => {
    for (let n = 1; ; n++) {
      const v = await read();
      if (v === want) return n;
      if (before !== null && v !== before) die(`the server answered ${v} cents: neither before (${before}) nor after (${want})`);
      const el = performance.now() - t0;
      if (el > 600e3) die(`the server still answers ${v} cents, not ${want}, 600 s after`);
      if (el > 100) await sleep(5);
    }
  };
  let value = stored();
  log(`a posted order: the server answers ${owner}'s revenue of ${QUARTER.name} as the store (${value} cents)`);
  await until(value, null, performance.now());
  const rounds = [];
  for (let i = 0; i < opt.fresh; i++) {
    const body = JSON.stringify([{ id: `BF-${process.pid}-${Date.now()}-${i}`, date: '2026-05-15', customer, owner, amount: 123.45 }]);
    const t0 = performance.now();
    const r = await fetch(`${base}/api/ingest/orders`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body,
    });
    const t = await r.text();
    const t1 = performance.now();
    if (r.status !== 200 || JSON.parse(t).tables?.orders?.inserted !== 1) die(`POST /api/ingest/orders: HTTP ${r.status} ${t.slice(0, 300)}`);
    const want = value + 12345n;
    const reads = await until(want, value, t1);
    const t2 = performance.now();
    if (stored() !== want) failures.push(`a posted order: the store holds ${stored()} cents, the server answered ${want}`);
    rounds.push({ postMs: t1 - t0, seenMs: t2 - t1, reads });
    log(`a posted order ${i + 1}: POST ${(t1 - t0).toFixed(1)} ms, then included ${(t2 - t1).toFixed(1)} ms after (${reads} reads)`);
    value = want;
  }
  child.kill('SIGTERM');
  const med = (k) => {
    const v = rounds.map((x) => x[k]).sort((x, y) => x - y);
    return v.length ? v[(v.length - 1) >> 1] : null;
  };
  let sqlite = null;
  try {
    const res = JSON.parse(readFileSync(join(dirname(DB), 'results.json'), 'utf8'));
    sqlite = { idx: res.add?.warm?.idx ?? null, duck: res.add?.warm?.duckdb ?? null };
  } catch { /* no bench.mjs results beside the database */ }
  return { owner, rounds, postMs: med('postMs'), seenMs: med('seenMs'), sqlite };
}

// ---- report ----
const fmtMs = (v) => (v === null || Number.isNaN(v) ? '—' : v < 1 ? `${(v * 1000).toFixed(0)} µs` : v < 100 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
const fmtRps = (v) => Math.round(v).toLocaleString('en-US');

const version = attain(['version']).trim().split('\n')[0];
const load0 = loadavg()[0];
const L = opt.seconds ? await load() : null;
const P = opt.paint ? await paint() : null;
const FR = opt.fresh ? await fresh() : null;
const wrkVersion = (spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim();
const ngVersion = (spawnSync(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-v'], { encoding: 'utf8' }).stderr || '').trim();
const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
const lines = [];
lines.push('## server');
lines.push('');
lines.push(`${stamp} UTC · ${version} · ${ngVersion} · ${wrkVersion.replace(/ \[.*$/, '')} · ${cpus().length} cores (shared: the load generator, the servers and anything else on the machine; load average ${load0.toFixed(1)} at the start)`);
lines.push('');
if (L) {
  lines.push(`GET ${PATH} on the bench database (${DB.replace(ROOT + '/', '')}), signed in as an admin: ${L.goals}, ${L.bytes.toLocaleString('en-US')} bytes of JSON. wrk ${opt.connections} connections, ${opt.seconds} s, session cookie from a Lua script; nginx serves the same bytes from a file at the same path; attain serve --threads ${opt.threads}, nginx ${opt.threads} worker processes.`);
  lines.push('');
  lines.push(`| server | req/s (best of ${opt.rounds}) | p50 | p99 | requests | not 2xx | req/s of each round |`);
  lines.push('|---|---|---|---|---|---|---|');
  for (const [name, r] of [['attain serve', L.attain], ['nginx (static file)', L.nginx]])
    lines.push(`| ${name} | ${fmtRps(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${r.requests.toLocaleString('en-US')} | ${r.non2xx} | ${r.all.map(fmtRps).join(', ')} |`);
  lines.push('');
  lines.push(`Ratio attain ÷ nginx: ${(L.attain.rps / L.nginx.rps).toFixed(3)} of the requests per second; p50 ${(L.attain.p50 / L.nginx.p50).toFixed(1)}×, p99 ${(L.attain.p99 / L.nginx.p99).toFixed(1)}× nginx's latency.`);
  lines.push('');
}
if (P) {
  lines.push(`Dashboard in Chromium (/usr/bin/chromium, headless, playwright-core), \`attain demo\`, signed in as the demo manager, a fresh browser context each of ${P.runs} loads, medians: first-contentful-paint ${fmtMs(P.fcp)}, DOMContentLoaded ${fmtMs(P.dcl)}, load ${fmtMs(P.load)}.`);
  lines.push('');
}
if (FR) {
  const us = (v) => (v === null || v === undefined ? '—' : fmtMs(v / 1e3));
  lines.push(`A posted order in the server (the bench database): \`POST /api/ingest/orders\` one new order of 123.45 for ${FR.owner} (an API token with the ingest scope), ` +
    `then \`GET /api/metrics?metric=revenue&period=${QUARTER.name}&scope=person:${FR.owner}\` (signed in) until the answer includes it, ${FR.rounds.length} rounds: ` +
    `**${fmtMs(FR.seenMs)}** from the POST's answer to the first answer including it (median; rounds ${FR.rounds.map((r) => fmtMs(r.seenMs)).join(', ')}), ` +
    `the POST itself ${fmtMs(FR.postMs)} (median). Every answer was the figure before or after, and after equals the store's sum.` +
    (FR.sqlite ? ` On an open connection, INSERT + SELECT: SQLite (indexed) ${us(FR.sqlite.idx)}, DuckDB ${us(FR.sqlite.duck)} (bench.mjs, \`## freshness\`).` : ''));
  lines.push('');
}
if (failures.length) lines.push(`Failures: ${failures.join('; ')}`, '');
const section = lines.join('\n');
process.stdout.write(`${section}\n`);
writeSection(join(BENCH, 'results', 'latest.md'), section);
log('written to bench/results/latest.md');
process.exit(failures.length ? 1 : 0);
