// ingest.mjs — the server's ingest throughput (issue 11 §3, §5): rows/s
// through POST /api/ingest/orders in batches of 1, 100 and 10,000 rows, new
// orders each time (inserts), then the same batches again (unchanged rows).
// Requests are sent one after another on one connection at a time, as a CRM
// webhook or a nightly script would; the figure is rows / wall time of the
// requests (JSON made before the clock starts).
//
//   node bench/ingest.mjs ATTAIN [--db PATH | --scale S] [--rows N] [--seconds T] [--write]
//
// Without --db or --scale: `attain demo` in a temporary folder; --scale S:
// the bench database of bench/run (bench/.data/scale-S/db/attain.db). An API
// token with the ingest scope is added (`attain token add … --scope ingest`),
// `attain serve` starts on a free port. --rows: rows per batch size (default
// 20,000; the batch of 1 sends at most 2,000 requests); --seconds: the new
// rows of one batch size stop being sent after T seconds (default 60; the
// unchanged run sends what was sent). Prints a Markdown table; --write also puts it in the section "## ingest" of
// bench/results/latest.md (bench/run does, after server.mjs).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './section.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let attain = null, db = null, rowsPer = 20000, write = false, scale = null, budget = 60, cut = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--db') db = resolve(argv[++i]);
  else if (argv[i] === '--scale') scale = argv[++i];
  else if (argv[i] === '--rows') rowsPer = Number(argv[++i]);
  else if (argv[i] === '--seconds') budget = Number(argv[++i]);
  else if (argv[i] === '--write') write = true;
  else if (argv[i] === '--budget') i++; // bench/run's options for bench.mjs
  else if (argv[i] === '--no-attain') continue;
  else if (argv[i].startsWith('-')) {
    console.error(`bench/ingest: unknown option ${argv[i]}`);
    process.exit(2);
  } else attain = resolve(argv[i]);
}
if (!attain) {
  console.error('usage: node bench/ingest.mjs ATTAIN [--db PATH | --scale S] [--rows N] [--seconds T] [--write]');
  process.exit(2);
}
if (!db && scale !== null) {
  db = join(resolve(process.env.BENCH_DATA || join(BENCH, '.data')), `scale-${scale}`, 'db', 'attain.db');
  if (!existsSync(db)) {
    console.error(`bench/ingest: no bench database ${db}: run bench/run first`);
    process.exit(2);
  }
}
let dir = null;
if (!db) {
  dir = mkdtempSync(join(tmpdir(), 'attain-ingest-bench-'));
  db = join(dir, 'demo.db');
  execFileSync(attain, ['--db', db, 'demo'], { stdio: 'ignore' });
}
const run = (args) => execFileSync(attain, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const token = run(['token', 'add', `bench-ingest-${process.pid}`, '--role', 'admin', '--scope', 'ingest']).trim();
const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
const customer = sql('SELECT ext_id FROM customers ORDER BY id LIMIT 1');
const owner = sql("SELECT ext_id FROM people WHERE ext_id IS NOT NULL AND ext_id <> '' ORDER BY id LIMIT 1");

const proc = spawn(attain, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--log', '/dev/null'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((res, rej) => {
  let out = '';
  proc.stdout.on('data', (c) => {
    out += c;
    const m = out.match(/listening on (http:\/\/\S+)/);
    if (m) res(new URL(m[1]));
  });
  proc.on('exit', (code) => rej(new Error(`attain serve exited ${code}`)));
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(body) {
  return new Promise((res, rej) => {
    const req = http.request(
      {
        host: base.hostname, port: base.port, method: 'POST', path: '/api/ingest/orders', agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (r) => {
        let t = '';
        r.on('data', (c) => (t += c));
        r.on('end', () => (r.statusCode === 200 ? res(JSON.parse(t)) : rej(new Error(`${r.statusCode} ${t.slice(0, 300)}`))));
      },
    );
    req.on('error', rej);
    req.end(body);
  });
}

const results = [];
const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`; // new ids on a database used before
const t00 = Date.now();
for (const batch of [1, 100, 10000]) {
  const n = batch === 1 ? Math.min(rowsPer, 2000) : Math.max(batch, rowsPer);
  const bodies = [];
  for (let k = 0; k < n; k += batch) {
    const rows = [];
    for (let j = k; j < Math.min(n, k + batch); j++)
      rows.push({ id: `BENCH-${tag}-${batch}-${j}`, date: `2026-10-${String(1 + (j % 28)).padStart(2, '0')}`, customer, owner, amount: ((j % 997) + 1) * 1.25 });
    bodies.push(JSON.stringify(rows));
  }
  // the new rows stop after --seconds (the requests sent by then: on a large
  // database one request may take long); the unchanged run sends the same
  let sent = bodies.length, sentRows = n;
  for (const phase of ['insert', 'unchanged']) {
    const t0 = process.hrtime.bigint();
    let written = 0, k = 0;
    for (; k < sent; k++) {
      const j = await post(bodies[k]);
      const o = j.tables.orders;
      written += phase === 'insert' ? o.inserted : o.unchanged;
      if (phase === 'insert' && Number(process.hrtime.bigint() - t0) / 1e9 > budget) {
        k++;
        break;
      }
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (phase === 'insert' && k < sent) {
      sent = k;
      sentRows = Math.min(n, k * batch);
      cut = true;
    }
    if (written !== sentRows) throw new Error(`batch ${batch} ${phase}: ${written} of ${sentRows} rows counted`);
    results.push({ batch, phase, rows: sentRows, requests: sent, s, rps: sentRows / s });
  }
}
proc.kill('SIGTERM');
await new Promise((r) => proc.on('exit', r));
if (dir) rmSync(dir, { recursive: true, force: true });

const md = ['## ingest', '',
  `${new Date(t00).toISOString().slice(0, 16).replace('T', ' ')} UTC · POST /api/ingest/orders on ${scale !== null ? `the bench database (scale ${scale})` : dir ? 'a demo database' : db}: ` +
  'new orders in batches of 1, 100 and 10,000 rows (JSON), one request after another on one keep-alive connection, then the same batches again ' +
  '(every row unchanged); rows/s = rows ÷ wall time of the requests, the JSON made before the clock starts' +
  (cut ? `; new rows stop being sent after ${budget} s of a batch size (then the unchanged run sends the same).` : '.'), '',
  '| batch | rows | requests | phase | seconds | rows/s | ms/request |',
  '|---:|---:|---:|---|---:|---:|---:|'];
for (const r of results)
  md.push(`| ${r.batch} | ${r.rows} | ${r.requests} | ${r.phase} | ${r.s.toFixed(2)} | ${Math.round(r.rps).toLocaleString('en')} | ${((r.s * 1000) / r.requests).toFixed(1)} |`);
console.log(md.join('\n'));
if (write) writeSection(join(BENCH, 'results', 'latest.md'), `${md.join('\n')}\n`);
