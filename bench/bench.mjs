// bench.mjs — attain against SQLite and DuckDB on one generated company.
// Started by bench/run (which builds .build/gen and .build/timeit and installs
// node_modules); see bench/README.md.
//
//   node bench/bench.mjs ATTAIN [--scale S] [--no-attain] [--budget SECONDS] [--only import]
//
// --only import: the import figures alone (attain, new and unchanged, against
// sqlite3 .import into a bare table), printed; results/latest.md is left as it is.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addOrder, dialects, metricKind, questions, QUARTER } from './queries.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const TIMEIT = join(BENCH, '.build/timeit');
const GEN = join(BENCH, '.build/gen');
const SEED = '20240101';

// ---- options ----
const argv = process.argv.slice(2);
const opt = { scale: process.env.BENCH_SCALE || '1', attain: null, noAttain: false, budget: 3, only: null };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--scale') opt.scale = argv[++i];
  else if (a.startsWith('--scale=')) opt.scale = a.slice(8);
  else if (a === '--no-attain') opt.noAttain = true;
  else if (a === '--budget') opt.budget = Number(argv[++i]);
  else if (a === '--only') opt.only = argv[++i];
  else if (a.startsWith('-')) die(`unknown option ${a}`);
  else opt.attain = resolve(a);
}
if (!(Number(opt.scale) > 0)) die(`bad scale ${opt.scale}`);
if (!opt.noAttain && !opt.attain) die('usage: bench/run ATTAIN [--scale S] [--no-attain] [--budget SECONDS] [--only import]');
if (opt.only !== null && opt.only !== 'import') die(`--only takes import, not ${opt.only}`);
if (opt.only && !opt.attain) die('--only import needs ATTAIN');
const DATA = resolve(process.env.BENCH_DATA || join(BENCH, '.data'));
const csvDir = join(DATA, `scale-${opt.scale}`);
const dbDir = join(csvDir, opt.only ? 'db-import' : 'db'); // --only import: not the bench database
const tmpDir = join(dbDir, 'tmp');
const ADD_RUNS = 5; // warm INSERT + SELECT rounds on each open connection
const COLD = { minRuns: 3, maxRuns: 10, budgetMs: opt.budget * 1000 };
const WARM = { minRuns: 5, maxRuns: 30, budgetMs: opt.budget * 1000 };
// a posted order, two processes: 5 rounds, however long one takes
const ADD_COLD = { minRuns: 5, maxRuns: 5, budgetMs: 0, fixed: true };

function die(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}
const t00 = Date.now();
const log = (msg) => process.stderr.write(`[${((Date.now() - t00) / 1000).toFixed(0).padStart(4)}s] ${msg}\n`);
const failures = [];
const fail = (msg) => {
  failures.push(msg);
  log(`FAIL: ${msg}`);
};

// ---- processes ----
let runNo = 0;
// Run one command under timeit: wall time, peak RSS, exit status, CPU time
// (user + system), output.
function timed(cmd, args) {
  const n = runNo++ % 4;
  const out = join(tmpDir, `out${n}`);
  const err = join(tmpDir, `err${n}`);
  const r = spawnSync(TIMEIT, [out, err, cmd, ...args], { encoding: 'utf8' });
  const m = /wall_us=([\d.]+) maxrss_kb=(\d+) status=(\d+)(?: cpu_us=([\d.]+))?/.exec(r.stdout || '');
  if (!m) throw new Error(`timeit failed: ${r.stderr || r.error}`);
  return {
    us: Number(m[1]), rssKb: Number(m[2]), status: Number(m[3]), cpuUs: m[4] === undefined ? null : Number(m[4]),
    stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8'),
  };
}
function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ').slice(0, 200)}: ${r.stderr || r.error}`);
  return r.stdout;
}
// Repeat fn() (returns {us, ...}) until minRuns and the budget, or maxRuns; a
// run over 5 s lowers minRuns to 1 (unless policy.fixed).
function repeat(policy, fn) {
  const runs = [];
  const start = Date.now();
  for (;;) {
    const r = fn(runs.length);
    if (!r) break;
    runs.push(r);
    const minRuns = runs[0].us > 5e6 && !policy.fixed ? 1 : policy.minRuns;
    if (runs.length >= policy.maxRuns || (runs.length >= minRuns && Date.now() - start >= policy.budgetMs)) break;
  }
  return runs;
}
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- CSV ----
function parseCsv(text) {
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') f += '"', i++;
        else q = false;
      } else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f), rows.push(row), (row = []), (f = '');
    } else f += c;
  }
  if (f !== '' || row.length) row.push(f), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

// ---- 1. data ----
mkdirSync(csvDir, { recursive: true });
const stamp = `${createHash('sha1').update(readFileSync(join(BENCH, 'gen.c'))).digest('hex')} ${opt.scale} ${SEED}`;
const metaFile = join(csvDir, 'meta.json');
let meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null;
if (!meta || meta.stamp !== stamp) {
  log(`generating the company at scale ${opt.scale} in ${csvDir}`);
  const t = Date.now();
  const s = run(GEN, [csvDir, opt.scale, SEED]);
  const num = (k) => Number(new RegExp(`${k} (\\d+)`).exec(s)[1]);
  meta = {
    stamp, genMs: Date.now() - t, summary: s.trim(),
    counts: {
      people: num('people'), reps: num('reps'), teams: num('teams'), regions: num('regions'),
      customers: num('customers'), orders: num('orders'), lines: num('lines'),
      deals: num('deals'), activities: num('activities'),
    },
  };
  writeFileSync(metaFile, JSON.stringify(meta, null, 1));
} else log(`reusing the generated company in ${csvDir}`);
log(meta.summary);
const C = meta.counts;
const csvPath = (k) => join(csvDir, `${k}.csv`);
const people = parseCsv(readFileSync(csvPath('people'), 'utf8')).slice(1);
const idOf = new Map();
for (const [id, name] of people) idOf.set(id, id), idOf.set(name, id);
const owner = people.find((p) => p[4] === '销售代表')[0]; // the first rep: the add-one-order person

rmSync(dbDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });
const F = {
  attain: join(dbDir, 'attain.db'),
  bare: join(dbDir, 'bare.sqlite'),
  idx: join(dbDir, 'indexed.sqlite'),
  duck: join(dbDir, 'duck.duckdb'),
};
const imports = {};
const extra = {};
const fig = (r) => ({ ms: r.us / 1e3, cpuMs: r.cpuUs === null ? null : r.cpuUs / 1e3, rssKb: r.rssKb });

// sqlite3 .import of orders.csv alone into a bare table (typed as in the bench
// tables, amounts as text) in a database of its own, one process
function sqliteOrdersImport() {
  const db = join(tmpDir, 'import-bare.sqlite');
  rmSync(db, { force: true });
  const r = timed('sqlite3', ['-bail', db,
    'CREATE TABLE orders(id TEXT, line INTEGER, date TEXT, customer TEXT, owner TEXT, product TEXT, quantity INTEGER, amount TEXT);',
    `.import --csv --skip 1 "${csvPath('orders')}" orders`]);
  rmSync(db, { force: true });
  if (r.status) {
    fail(`sqlite3 .import orders.csv: exit ${r.status}: ${r.stderr.trim().slice(0, 300)}`);
    return null;
  }
  return fig(r);
}

// attain init, then `attain import KIND` of each kind into DB (orders twice:
// new rows, then the same file unchanged); stops at the first failure.
// {ok, importMs: {kind: ms}, orders, reimport} (figures of the orders file)
function attainLoad(db, kinds, onError) {
  const out = { ok: true, importMs: {}, orders: null, reimport: null };
  const A = (args) => timed(opt.attain, ['--db', db, ...args]);
  let r = A(['init', '--currency', 'CNY']);
  if (r.status) return onError('init', r), (out.ok = false), out;
  for (const kind of kinds) {
    log(`attain: import ${kind}`);
    r = A(['import', kind, csvPath(kind)]);
    if (r.status) return onError(`import ${kind}`, r), (out.ok = false), out;
    out.importMs[kind] = r.us / 1e3;
    if (kind !== 'orders') continue;
    out.orders = fig(r);
    log('attain: import orders again (unchanged)');
    r = A(['import', kind, csvPath(kind)]);
    if (r.status) return onError('import orders (unchanged)', r), (out.ok = false), out;
    out.reimport = fig(r);
  }
  return out;
}

// ---- report helpers (function declarations: --only import uses them early) ----
function fmtT(us) {
  if (us === null || us === undefined) return '—';
  if (us < 10) return `${us.toFixed(1)} µs`;
  if (us < 1000) return `${us.toFixed(0)} µs`;
  if (us < 1e6) return `${(us / 1e3).toPrecision(3)} ms`;
  return `${(us / 1e6).toFixed(2)} s`;
}
function ratio(alt, mine) {
  if (!alt || !mine) return '—';
  const r = alt / mine;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(1)}×`;
}
function MB(b) {
  return b === null || b === undefined ? '—' : `${(b / 1048576).toFixed(1)} MB`;
}
function rate(ms, rows) {
  return ms ? `${Math.round(rows / (ms / 1e3)).toLocaleString('en-US')} rows/s` : '—';
}
// The import table: orders.csv through attain (new rows, then unchanged),
// sqlite3 .import and DuckDB read_csv; lines of Markdown.
function importSection(I, lines) {
  const md = [`## import`, '',
    `| orders.csv, ${lines.toLocaleString('en-US')} lines | wall | rows/s | ÷ sqlite3 .import | CPU (user + sys) | peak RSS |`,
    '|---|---|---|---|---|---|'];
  const sq = I.sqlite?.ms;
  for (const [name, f] of [
    ['attain import, new rows (one process)', I.attain],
    ['attain import, the same file again (unchanged)', I.attainUnchanged],
    ['sqlite3 .import into a bare table (one process)', I.sqlite],
    ['DuckDB read_csv into a table (the statement)', I.duckdb],
  ]) {
    if (f === undefined) continue;
    md.push(`| ${name} | ${f ? fmtT(f.ms * 1e3) : '—'} | ${f ? rate(f.ms, lines) : '—'} | ${f && sq ? ratio(sq, f.ms) : '—'} | ` +
      `${f?.cpuMs != null ? fmtT(f.cpuMs * 1e3) : '—'} | ${f?.rssKb ? MB(f.rssKb * 1024) : '—'} |`);
  }
  md.push('', '÷ sqlite3 .import: rows/s over those of sqlite3 .import (above 1: faster). attain imports into a database holding ' +
    'the people and customers (and, in a whole run, the deals), with all its checks, upserts by external id and one transaction; ' +
    'the unchanged run reads the same file again and writes nothing. CPU and peak RSS from wait4 (DuckDB: timed inside its node process, wall only).');
  return md;
}

// ---- --only import: the import figures alone ----
if (opt.only === 'import') {
  log('--only import: attain (new, unchanged) and sqlite3 .import of orders.csv');
  const L = attainLoad(F.attain, ['people', 'customers', 'orders'], (what, r) =>
    fail(`attain ${what}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')}`));
  const I = { attain: L.orders, attainUnchanged: L.reimport, sqlite: sqliteOrdersImport() };
  const md = importSection(I, C.lines);
  md.push('', `Sizes: attain database ${MB(existsSync(F.attain) ? statSync(F.attain).size : null)} · orders.csv ${MB(statSync(csvPath('orders')).size)}`);
  process.stdout.write(`${md.join('\n')}\n`);
  rmSync(dbDir, { recursive: true, force: true });
  process.exit(failures.length ? 1 : 0);
}

// ---- 2. SQLite ----
{
  log('SQLite: loading the CSVs (sqlite3 .import)');
  const sq = (s) => `'${s.replace(/'/g, "''")}'`;
  const stage = join(dbDir, 'stage.sqlite');
  const script = `.bail on
CREATE TABLE people(id TEXT, name TEXT, unit TEXT, manager TEXT, title TEXT, region TEXT);
CREATE TABLE customers(id TEXT, name TEXT, segment TEXT, region TEXT, owner TEXT);
CREATE TABLE orders(id TEXT, line INTEGER, date TEXT, customer TEXT, owner TEXT, product TEXT, quantity INTEGER, amount INTEGER);
CREATE TABLE deals(id TEXT, name TEXT, customer TEXT, owner TEXT, product TEXT, amount INTEGER, stage TEXT, probability INTEGER, created TEXT, expected_close TEXT, closed TEXT);
CREATE TABLE activities(id TEXT, type TEXT, date TEXT, owner TEXT, customer TEXT);
CREATE TABLE team_member(team TEXT, person TEXT);
ATTACH ${sq(stage)} AS stage;
CREATE TABLE stage.people(id TEXT, name TEXT, unit TEXT, manager TEXT, title TEXT);
CREATE TABLE stage.orders(id TEXT, line INTEGER, date TEXT, customer TEXT, owner TEXT, product TEXT, quantity INTEGER, amount TEXT);
CREATE TABLE stage.deals(id TEXT, name TEXT, customer TEXT, owner TEXT, product TEXT, amount TEXT, stage TEXT, probability INTEGER, created TEXT, expected_close TEXT, closed TEXT);
.import --csv --skip 1 --schema stage ${csvPath('people')} people
INSERT INTO people SELECT id, name, nullif(unit, ''), nullif(manager, ''), title,
  CASE WHEN unit = '' THEN NULL ELSE substr(unit, 1, instr(unit || '/', '/') - 1) END FROM stage.people;
.import --csv --skip 1 ${csvPath('customers')} customers
.import --csv --skip 1 --schema stage ${csvPath('orders')} orders
INSERT INTO orders SELECT id, line, date, customer, owner, product, quantity, CAST(replace(amount, '.', '') AS INTEGER) FROM stage.orders;
.import --csv --skip 1 --schema stage ${csvPath('deals')} deals
INSERT INTO deals SELECT id, name, customer, owner, product, CAST(replace(amount, '.', '') AS INTEGER), stage, probability, created, expected_close, nullif(closed, '') FROM stage.deals;
.import --csv --skip 1 ${csvPath('activities')} activities
INSERT INTO team_member WITH RECURSIVE tm(team, person) AS (
  SELECT id, id FROM people WHERE id IN (SELECT manager FROM people WHERE manager IS NOT NULL)
  UNION ALL
  SELECT tm.team, p.id FROM tm JOIN people p ON p.manager = tm.person
) SELECT team, person FROM tm;
DETACH stage;
`;
  const t = Date.now();
  run('sqlite3', ['-bail', F.bare], script);
  rmSync(stage, { force: true });
  extra.sqliteLoadMs = Date.now() - t;
  log('SQLite: sqlite3 .import of orders.csv alone into a bare table');
  imports.sqlite = sqliteOrdersImport();
  log('SQLite: copying to indexed.sqlite and indexing');
  copyFileSync(F.bare, F.idx);
  const t2 = Date.now();
  run('sqlite3', ['-bail', F.idx], `CREATE UNIQUE INDEX people_id ON people(id);
CREATE UNIQUE INDEX customers_id ON customers(id);
CREATE INDEX orders_date ON orders(date, owner, customer, amount);
CREATE INDEX orders_customer ON orders(customer, date, id, owner);
CREATE INDEX team_member_person ON team_member(person, team);
ANALYZE;
`);
  extra.sqliteIndexMs = Date.now() - t2;
}

// ---- 3. DuckDB ----
{
  log('DuckDB: loading the CSVs (read_csv)');
  const t = Date.now();
  const r = JSON.parse(run('node', [join(BENCH, 'load-duckdb.mjs'), csvDir, F.duck]));
  imports.duckdb = { ms: r.ordersMs };
  extra.duckLoadMs = Date.now() - t;
}

// ---- 4. attain ----
const attain = { ok: !opt.noAttain, errors: [] };
const attainErr = (what, r) => {
  const msg = `attain ${what}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')}`;
  attain.errors.push(msg);
  fail(msg);
};
if (attain.ok) {
  const A = (args) => timed(opt.attain, ['--db', F.attain, ...args]);
  log(`attain: init and import (${opt.attain})`);
  const L = attainLoad(F.attain, ['people', 'customers', 'deals', 'orders', 'activities'], attainErr);
  attain.ok = L.ok;
  attain.importMs = L.importMs;
  if (L.orders) imports.attain = L.orders;
  if (L.reimport) imports.attainUnchanged = L.reimport;
  if (attain.ok) {
    log('attain: engine build');
    let r = A(['engine', 'build']);
    if (r.status) attainErr('engine build', r);
    else attain.build = fig(r);
    r = A(['engine', 'stats']);
    const m = /^memory\s+(.+)$/m.exec(r.stdout);
    if (!r.status && m) attain.engineMemory = m[1].trim();
  }
}

// ---- 5. sizes (before anything is added) ----
const sizeOf = (file) => {
  let n = 0;
  const base = basename(file);
  for (const f of readdirSync(dirname(file))) {
    if (f === base || f.startsWith(`${base}-`) || f.startsWith(`${base}.`)) n += statSync(join(dirname(file), f)).size;
  }
  return n;
};
const sizes = {
  csv: ['people', 'customers', 'deals', 'orders', 'activities'].reduce((n, k) => n + statSync(csvPath(k)).size, 0),
  attain: attain.importMs && attain.importMs.activities !== undefined ? sizeOf(F.attain) : null,
  attainEngine: existsSync(`${F.attain}.engine`) ? statSync(`${F.attain}.engine`).size : null,
  bare: sizeOf(F.bare),
  idx: sizeOf(F.idx),
  duck: sizeOf(F.duck),
};

// ---- 6. cold: whole processes answering from their files ----
const res = {}; // per question: cold/warm figures and answers
for (const q of questions) res[q.id] = { attain: null, cold: {}, warm: {} };
const attainTiming = (stderr) => {
  const m = /timing: load_ms=([\d.eE+-]+) query_us=([\d.eE+-]+)/.exec(stderr);
  return m ? { loadMs: Number(m[1]), queryUs: Number(m[2]) } : null;
};
for (const q of questions) {
  const R = res[q.id];
  if (attain.ok) {
    log(`cold ${q.id}: attain`);
    let first = null;
    let failed = false;
    const runs = repeat(COLD, () => {
      let us = 0, queryUs = 0, loadMs = 0, rssKb = 0, timing = true;
      const outs = [];
      for (const cmd of q.attain) {
        const r = timed(opt.attain, ['--db', F.attain, ...cmd]);
        if (r.status) {
          attainErr(cmd.slice(0, 2).join(' '), r);
          failed = true;
          return null;
        }
        const t = attainTiming(r.stderr);
        if (!t) timing = false;
        else queryUs += t.queryUs, (loadMs += t.loadMs);
        us += r.us, (rssKb = Math.max(rssKb, r.rssKb));
        outs.push(r.stdout);
      }
      if (!first) first = outs;
      return { us, queryUs: timing ? queryUs : null, loadMs: timing ? loadMs : null, rssKb };
    });
    if (!failed && runs.length) {
      const warm = runs.map((r) => r.queryUs).filter((x) => x !== null);
      if (warm.length < runs.length) fail(`attain ${q.id}: no "timing: load_ms=.. query_us=.." line on stderr`);
      R.attain = {
        outputs: first,
        cold: median(runs.map((r) => r.us)), coldRuns: runs.length,
        // warm: the fastest of 10 answers in one process (the engine's pages in
        // memory, as in a running server); the first answer of a process is cold
        warm: (() => {
          let total = 0;
          for (const cmd of q.attain) {
            const r = timed(opt.attain, ['--db', F.attain, ...cmd, '--repeat', '10']);
            const t = r.status ? null : attainTiming(r.stderr);
            if (!t) return warm.length ? median(warm) : null;
            total += t.queryUs;
          }
          return total;
        })(),
        loadMs: median(runs.map((r) => r.loadMs).filter((x) => x !== null)),
        rssKb: Math.max(...runs.map((r) => r.rssKb)),
      };
    }
  }
  const sqls = { sqlite: q.sql(dialects.sqlite), duckdb: q.sql(dialects.duckdb) };
  log(`cold ${q.id}: sqlite3 CLI`);
  const sr = repeat(COLD, () => timed('sqlite3', ['-csv', F.idx, sqls.sqlite]));
  if (sr.some((r) => r.status)) fail(`sqlite3 ${q.id}: ${sr.find((r) => r.status).stderr}`);
  R.cold.sqlite = { us: median(sr.map((r) => r.us)), n: sr.length, rssKb: Math.max(...sr.map((r) => r.rssKb)), out: sr[0].stdout };
  log(`cold ${q.id}: node duckdb-query.mjs`);
  const dr = repeat(COLD, () => timed('node', [join(BENCH, 'duckdb-query.mjs'), F.duck, sqls.duckdb]));
  if (dr.some((r) => r.status)) fail(`duckdb-query ${q.id}: ${dr.find((r) => r.status).stderr}`);
  R.cold.duckdb = { us: median(dr.map((r) => r.us)), n: dr.length, rssKb: Math.max(...dr.map((r) => r.rssKb)), out: dr[0].stdout };
}

// ---- 7. warm: one open connection per engine ----
const warm = {};
for (const [key, engine, file] of [['idx', 'sqlite', F.idx], ['bare', 'sqlite', F.bare], ['duckdb', 'duckdb', F.duck]]) {
  log(`warm: ${key} (${engine} on ${basename(file)})`);
  const d = dialects[engine];
  const plan = {
    ...WARM,
    questions: questions.map((q) => ({ id: q.id, sql: q.sql(d) })),
    add: {
      n: ADD_RUNS,
      insert: Array.from({ length: ADD_RUNS }, (_, i) => addOrder.insert(d, `BW${String(i + 1).padStart(6, '0')}`, owner)),
      select: addOrder.select(d, owner),
    },
  };
  const planFile = join(tmpDir, `plan-${key}.json`);
  const outFile = join(tmpDir, `warm-${key}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  run('node', [join(BENCH, 'sql-warm.mjs'), engine, file, planFile, outFile]);
  warm[key] = JSON.parse(readFileSync(outFile, 'utf8'));
  for (const q of questions) res[q.id].warm[key] = { us: median(warm[key].questions[q.id].runsUs), n: warm[key].questions[q.id].runsUs.length };
}

// ---- 8. adding one order, cold ----
const add = { attain: null, cold: {}, warm: {} };
const addChecks = [];
{
  const base = BigInt(warm.idx.questions.Q1.rows.find((r) => r[0] === owner)[1]);
  const cents = BigInt(addOrder.cents);
  const expect = (k) => base + BigInt(k) * cents;
  const check = (who, values, before) => {
    values.forEach((v, i) => {
      if (v !== expect(before + i + 1)) {
        addChecks.push(`${who}: after ${before + i + 1} added orders read ${v}, expected ${expect(before + i + 1)}`);
      }
    });
  };
  for (const key of ['idx', 'bare', 'duckdb']) {
    add.warm[key] = median(warm[key].add.runsUs);
    check(`${key} warm`, warm[key].add.values.map(BigInt), 0);
  }
  const sqlCold = (key, exec) => {
    const values = [];
    const runs = repeat(ADD_COLD, (i) => {
      const id = `BC${String(i + 1).padStart(6, '0')}`;
      const a = exec(addOrder.insert(dialects[key], id, owner));
      const b = exec(addOrder.select(dialects[key], owner));
      if (a.status || b.status) {
        fail(`${key} add order: ${a.stderr}${b.stderr}`);
        return null;
      }
      values.push(BigInt(parseCsv(b.stdout).pop()[0]));
      return { us: a.us + b.us };
    });
    add.cold[key] = median(runs.map((r) => r.us));
    check(`${key} cold`, values, ADD_RUNS);
  };
  log('add one order, cold: sqlite3 CLI');
  sqlCold('sqlite', (sql) => timed('sqlite3', ['-csv', F.idx, sql]));
  log('add one order, cold: node duckdb-query.mjs');
  sqlCold('duckdb', (sql) => timed('node', [join(BENCH, 'duckdb-query.mjs'), F.duck, sql]));
  if (attain.ok) {
    log('add one order, cold: attain import + attain metric');
    const values = [];
    let failed = false;
    const runs = repeat(ADD_COLD, (i) => {
      const one = join(tmpDir, 'one.csv');
      writeFileSync(one, addOrder.csv(`BA${String(i + 1).padStart(6, '0')}`, owner));
      const a = timed(opt.attain, ['--db', F.attain, 'import', 'orders', one]);
      if (a.status) {
        attainErr('import orders one.csv', a);
        failed = true;
        return null;
      }
      const b = timed(opt.attain, ['--db', F.attain, ...addOrder.attainRead(owner)]);
      if (b.status) {
        attainErr('metric revenue --scope person', b);
        failed = true;
        return null;
      }
      const row = parseCsv(b.stdout).find((r) => r[2] === 'revenue');
      values.push(row ? moneyCents(row[3]) : null);
      return { us: a.us + b.us, importUs: a.us, readUs: b.us };
    });
    if (!failed && runs.length) {
      add.attain = {
        cold: median(runs.map((r) => r.us)), importUs: median(runs.map((r) => r.importUs)),
        readUs: median(runs.map((r) => r.readUs)),
      };
      check('attain', values, 0);
    }
  }
  for (const c of addChecks) fail(`add one order: ${c}`);
}

// ---- 9. correctness ----
function moneyCents(s) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec((s ?? '').trim());
  if (!m) return null;
  const v = BigInt(m[2]) * 100n + BigInt((m[3] || '0').padEnd(2, '0'));
  return m[1] ? -v : v;
}
const normScope = (s) => {
  const m = /^(person|team):(.*)$/.exec(s);
  return m ? `${m[1]}:${idOf.get(m[2]) ?? m[2]}` : s;
};
// rows [scope, period, metric, value-string] -> Map key -> normalised value
function normalise(rows, fromAttain) {
  const map = new Map();
  const bad = [];
  for (const [scope, period, metricName, value] of rows) {
    const kind = metricKind[metricName];
    const key = `${normScope(scope)}|${period}|${metricName}`;
    let v;
    if (kind === 'money') v = fromAttain ? moneyCents(value) : BigInt(value);
    else if (kind === 'count') v = value === null || value === '' ? null : Number(value);
    else v = value === null || value === '' ? null : Number(value);
    if ((kind !== 'ratio' && v === null) || Number.isNaN(v)) bad.push(`${key}: unreadable value "${value}"`);
    map.set(key, v);
  }
  return { map, bad };
}
function compare(a, b, tol) {
  const diffs = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const kind = metricKind[key.split('|')[2]];
    const dflt = kind === 'ratio' ? null : kind === 'money' ? 0n : 0;
    const x = a.has(key) ? a.get(key) : dflt;
    const y = b.has(key) ? b.get(key) : dflt;
    let same;
    if (kind === 'money') same = x === y;
    else if (x === null || y === null) same = x === y;
    else same = Math.abs(x - y) <= (kind === 'ratio' ? tol : 1e-9);
    if (!same) diffs.push(`${key}: ${fmtVal(kind, x)} vs ${fmtVal(kind, y)}`);
  }
  return diffs;
}
const fmtVal = (kind, v) => (v === null ? 'empty' : kind === 'money' ? `${Number(v) / 100}` : String(v));
const checks = [];
for (const q of questions) {
  const R = res[q.id];
  const sqlRows = (key) => warm[key].questions[q.id].rows.flatMap(q.rows);
  const ref = normalise(sqlRows('idx'), false).map;
  R.sqlRows = ref.size;
  for (const key of ['bare', 'duckdb']) {
    const d = compare(ref, normalise(sqlRows(key), false).map, 1e-9);
    if (d.length) fail(`${q.id}: SQLite (indexed) and ${key} disagree: ${d.slice(0, 3).join('; ')}`);
  }
  if (!R.attain) {
    checks.push(`${q.id}: not checked (no attain answer)`);
    continue;
  }
  const rows = [];
  for (const out of R.attain.outputs) {
    const csv = parseCsv(out);
    if (!csv.length || csv[0].join(',') !== 'scope,period,metric,value') {
      fail(`${q.id}: attain output does not start with the header scope,period,metric,value`);
    }
    rows.push(...csv.slice(1));
  }
  const got = normalise(rows, true);
  R.attainRows = rows.length;
  const diffs = [...got.bad, ...compare(got.map, ref, 5e-5 + 1e-9)];
  if (diffs.length) {
    fail(`${q.id}: attain differs from SQL in ${diffs.length} value(s): ${diffs.slice(0, 5).join('; ')}`);
    checks.push(`${q.id}: MISMATCH (${diffs.length} values)`);
  } else checks.push(`${q.id}: attain = SQL (${rows.length} attain rows, ${ref.size} SQL rows)`);
}
if (add.attain) checks.push(addChecks.some((c) => c.startsWith('attain'))
  ? 'add 1 order: MISMATCH' : `add 1 order: attain reads base + n × ${addOrder.cents / 100} after each import, as SQL does`);

// ---- 10. report ----
const header = ['question', 'attain warm', 'DuckDB warm', 'SQLite warm (indexed)', 'SQLite warm (bare)',
  'ratios D/Si/Sb', 'attain cold', 'DuckDB cold', 'SQLite cold', 'ratios D/S'];
const table = [];
for (const q of questions) {
  const R = res[q.id];
  const aw = R.attain?.warm ?? null, ac = R.attain?.cold ?? null;
  const w = (k) => R.warm[k]?.us ?? null;
  table.push([
    `${q.id} ${q.title}`, fmtT(aw), fmtT(w('duckdb')), fmtT(w('idx')), fmtT(w('bare')),
    [ratio(w('duckdb'), aw), ratio(w('idx'), aw), ratio(w('bare'), aw)].join(' / '),
    fmtT(ac), fmtT(R.cold.duckdb.us), fmtT(R.cold.sqlite.us),
    [ratio(R.cold.duckdb.us, ac), ratio(R.cold.sqlite.us, ac)].join(' / '),
  ]);
}
const md = [];
const p = (s = '') => md.push(s);
p(`# attain benchmark — scale ${opt.scale}`);
p();
p(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${C.people} people (${C.reps} reps, ${C.teams} teams, ${C.regions} regions) · ` +
  `${C.customers} customers · ${C.lines} order lines (${C.orders} orders) · ${C.deals} deals · ${C.activities} activities · 2024-01-01..2026-12-31`);
p(`attain ${opt.noAttain ? '(skipped: --no-attain)' : opt.attain} · sqlite3 ${run('sqlite3', ['--version']).split(' ')[0]} (CLI), ` +
  `better-sqlite3 ${pkgVersion('better-sqlite3')} · DuckDB ${pkgVersion('@duckdb/node-api')} (@duckdb/node-api, default threads) · node ${process.version} · ${nproc()} cores`);
p();
p('## queries');
p();
p(`| ${header.join(' | ')} |`);
p(`|${header.map(() => '---').join('|')}|`);
for (const r of table) p(`| ${r.join(' | ')} |`);
p();
p('warm: attain = `query_us` of `attain metric --timing --repeat 10`, the fastest of ten answers in one process (engine in memory; Q4: one command answers both metrics, `active_customers,retention_rate`, and an answer is both); SQL = the query on an open connection ' +
  '(better-sqlite3 / @duckdb/node-api, prepared, all rows fetched) after one warm-up run. cold: the whole process answering from its file ' +
  '(`attain metric`, Q4 one process for both metrics; `sqlite3 -csv indexed.sqlite SQL`; `node duckdb-query.mjs duck.duckdb SQL`), OS file cache warm. ' +
  'Medians (cold: 3–10 runs, warm: 5–30 after the warm-up; a single run when one takes over 5 s); ' +
  "ratio = alternative's time ÷ attain's (above 1: attain is faster).");
const aRss = questions.map((q) => res[q.id].attain?.rssKb).filter(Boolean);
const loads = questions.map((q) => res[q.id].attain?.loadMs).filter((x) => x !== null && x !== undefined);
p();
p(`Memory of the answers: peak RSS of \`attain metric\` ${aRss.length ? MB(Math.max(...aRss) * 1024) : '—'}` +
  (loads.length ? ` · engine open (load_ms) median ${median(loads).toPrecision(2)} ms` : '') +
  ` · cold sqlite3 ${MB(Math.max(...questions.map((q) => res[q.id].cold.sqlite.rssKb)) * 1024)}` +
  ` · cold node+DuckDB ${MB(Math.max(...questions.map((q) => res[q.id].cold.duckdb.rssKb)) * 1024)}`);
p();
for (const l of importSection(imports, C.lines)) p(l);
p();
if (attain.importMs) p(`attain import, whole processes: ${Object.entries(attain.importMs).map(([k, ms]) => `${k} ${fmtT(ms * 1e3)}`).join(', ')}`);
p(`SQL loading of every file: SQLite ${fmtT(extra.sqliteLoadMs * 1e3)} + indexes/ANALYZE ${fmtT(extra.sqliteIndexMs * 1e3)}; DuckDB ${fmtT(extra.duckLoadMs * 1e3)}`);
p();
p('## freshness');
p();
p('A posted order, then a figure that must include it: the revenue of one person for the quarter (medians of 5).');
p();
p('| | attain | SQLite (indexed) | DuckDB | SQLite (bare) |');
p('|---|---|---|---|---|');
p(`| two processes: write one order, then read the figure in a new process | ${fmtT(add.attain?.cold)}` +
  `${add.attain ? ` (import ${fmtT(add.attain.importUs)} + metric ${fmtT(add.attain.readUs)})` : ''} | ${fmtT(add.cold.sqlite)} | ${fmtT(add.cold.duckdb)} | — |`);
p(`| ÷ attain (above 1: attain is faster) | | ${ratio(add.cold.sqlite, add.attain?.cold)} | ${ratio(add.cold.duckdb, add.attain?.cold)} | |`);
p(`| one process: INSERT + SELECT on an open connection | in a server: \`## server\` | ${fmtT(add.warm.idx)} | ${fmtT(add.warm.duckdb)} | ${fmtT(add.warm.bare)} |`);
p();
p(`attain: \`attain import orders one.csv\` (one new order of ${addOrder.cents / 100} for ${owner}) then \`attain metric revenue --period ${QUARTER} --scope person:${owner}\`; ` +
  'SQLite: `sqlite3 -csv indexed.sqlite "INSERT …"` then `sqlite3 -csv indexed.sqlite "SELECT sum(amount) …"`; DuckDB: the same through `node duckdb-query.mjs`. ' +
  'Every answer is checked: the base figure plus the orders added so far.');
p();
p('## engine and files');
p();
if (attain.build) {
  p(`Engine build (\`attain engine build\`, one process): ${fmtT(attain.build.ms * 1e3)}, CPU ${attain.build.cpuMs != null ? fmtT(attain.build.cpuMs * 1e3) : '—'}, ` +
    `peak RSS ${MB(attain.build.rssKb * 1024)}${attain.engineMemory ? ` (\`attain engine stats\`: memory ${attain.engineMemory})` : ''}.`);
  p();
}
const dbOnly = sizes.attain !== null && sizes.attainEngine !== null ? sizes.attain - sizes.attainEngine : sizes.attain;
p('| on disk | attain database | attain engine | attain total | SQLite bare | SQLite indexed | DuckDB | CSV files |');
p('|---|---|---|---|---|---|---|---|');
p(`| size | ${MB(dbOnly)} | ${MB(sizes.attainEngine)} | ${MB(sizes.attain)} | ${MB(sizes.bare)} | ${MB(sizes.idx)} | ${MB(sizes.duck)} | ${MB(sizes.csv)} |`);
p(`| attain total ÷ this | | | | ${ratio(sizes.attain, sizes.bare)} | ${ratio(sizes.attain, sizes.idx)} | ${ratio(sizes.attain, sizes.duck)} | ${ratio(sizes.attain, sizes.csv)} |`);
p();
p('Sizes after loading, before anything is added: attain = the database with its -wal/-shm and PATH.engine; SQLite indexed = bare + covering indexes on orders and ANALYZE.');
p();
p('## correctness');
p();
p('attain vs SQL; SQLite bare and DuckDB checked against SQLite indexed:');
for (const c of checks) p(`- ${c}`);
if (failures.length) {
  p();
  p(`FAILURES (${failures.length}):`);
  for (const f of failures) p(`- ${f}`);
}
const text = md.join('\n') + '\n';
mkdirSync(join(BENCH, 'results'), { recursive: true });
writeFileSync(join(BENCH, 'results', 'latest.md'), text);
writeFileSync(join(dbDir, 'results.json'), JSON.stringify({ opt, meta, imports, extra, sizes, res, add, attain, failures },
  (k, v) => (typeof v === 'bigint' ? String(v) : k === 'outputs' || k === 'out' ? undefined : v), 1));
process.stdout.write(text);
log(`done; written to bench/results/latest.md`);
process.exit(failures.length ? 1 : 0);

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}
function nproc() {
  try {
    return run('nproc', []).trim();
  } catch {
    return '?';
  }
}
