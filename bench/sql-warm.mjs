// sql-warm.mjs — warm figures for one SQL engine: open one connection, run each
// question once to warm the caches (its result is the answer checked against
// attain), then time it repeatedly and keep every run; then time "add one
// order": an INSERT then the SELECT of that person's quarter revenue.
//
//   node sql-warm.mjs sqlite|duckdb DBFILE PLAN.json OUT.json
//
// PLAN: {minRuns, maxRuns, budgetMs, questions: [{id, sql}],
//        add: {n, owner, idPrefix, insert: [sql...], select: sql}}
// OUT:  {engine, questions: {ID: {runsUs: [...], rows: [[...]]}},
//        add: {runsUs: [...], values: [...]}}
import { readFileSync, writeFileSync } from 'node:fs';

const [engine, dbFile, planFile, outFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const str = (v) => (v === null || v === undefined ? null : typeof v === 'object' ? String(v) : String(v));
const now = () => process.hrtime.bigint();
const us = (t0, t1) => Number(t1 - t0) / 1e3;

async function openEngine() {
  if (engine === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(dbFile);
    return {
      prepare(sql) {
        const st = db.prepare(sql).raw(true).safeIntegers(true);
        return async () => st.all();
      },
      async exec(sql) {
        db.exec(sql);
      },
      close: () => db.close(),
    };
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(dbFile);
  const conn = await inst.connect();
  return {
    async prepare(sql) {
      const st = await conn.prepare(sql);
      return async () => (await st.runAndReadAll()).getRows();
    },
    async exec(sql) {
      await conn.run(sql);
    },
    close: () => {
      conn.closeSync();
      inst.closeSync();
    },
  };
}

// Run fn (async) until minRuns runs are done and the budget is spent, or
// maxRuns; one run over 5 s lowers minRuns to 1.
async function repeat(fn) {
  const runs = [];
  const start = Date.now();
  for (;;) {
    const t0 = now();
    await fn();
    runs.push(us(t0, now()));
    const spent = Date.now() - start;
    const minRuns = runs[0] > 5e6 ? 1 : plan.minRuns;
    if (runs.length >= plan.maxRuns || (runs.length >= minRuns && spent >= plan.budgetMs)) break;
  }
  return runs;
}

const e = await openEngine();
const out = { engine, questions: {}, add: null };
for (const q of plan.questions) {
  const run = await e.prepare(q.sql);
  const rows = (await run()).map((r) => r.map(str)); // warm-up; the checked answer
  const runsUs = await repeat(run);
  out.questions[q.id] = { runsUs, rows };
}
if (plan.add) {
  const read = await e.prepare(plan.add.select);
  const runsUs = [];
  const values = [];
  for (let i = 0; i < plan.add.n; i++) {
    const t0 = now();
    await e.exec(plan.add.insert[i]);
    const rows = await read();
    runsUs.push(us(t0, now()));
    values.push(str(rows[0][0]));
  }
  out.add = { runsUs, values };
}
e.close();
writeFileSync(outFile, JSON.stringify(out));
