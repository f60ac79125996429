// load-duckdb.mjs — load the generated CSVs into a persistent DuckDB file with
// read_csv (money as integer cents), prepare the team closure, checkpoint.
// Prints {"ordersMs": <time of the orders read_csv statement>, "totalMs": ...}.
//
//   node load-duckdb.mjs CSVDIR DBFILE
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, file] = process.argv.slice(2);
const csv = (name, cols) => {
  const c = Object.entries(cols)
    .map(([k, t]) => `'${k}': '${t}'`)
    .join(', ');
  return `read_csv('${`${dir}/${name}.csv`.replace(/'/g, "''")}', header = true, auto_detect = false, columns = {${c}})`;
};
const V = 'VARCHAR';
const t0 = performance.now();
const inst = await DuckDBInstance.create(file);
const conn = await inst.connect();
const run = (sql) => conn.run(sql);

await run(`CREATE TABLE people AS
  SELECT id, name, unit, manager, title,
         CASE WHEN unit IS NULL THEN NULL ELSE split_part(unit, '/', 1) END AS region
  FROM ${csv('people', { id: V, name: V, unit: V, manager: V, title: V })}`);
await run(`CREATE TABLE customers AS
  SELECT * FROM ${csv('customers', { id: V, name: V, segment: V, region: V, owner: V })}`);
const o0 = performance.now();
await run(`CREATE TABLE orders AS
  SELECT id, line, date, customer, owner, product, quantity, CAST(amount * 100 AS BIGINT) AS amount
  FROM ${csv('orders', {
    id: V, line: 'INTEGER', date: 'DATE', customer: V, owner: V, product: V,
    quantity: 'INTEGER', amount: 'DECIMAL(18,2)',
  })}`);
const ordersMs = performance.now() - o0;
await run(`CREATE TABLE deals AS
  SELECT id, name, customer, owner, product, CAST(amount * 100 AS BIGINT) AS amount, stage,
         probability, created, expected_close, closed
  FROM ${csv('deals', {
    id: V, name: V, customer: V, owner: V, product: V, amount: 'DECIMAL(18,2)', stage: V,
    probability: 'INTEGER', created: 'DATE', expected_close: 'DATE', closed: 'DATE',
  })}`);
await run(`CREATE TABLE activities AS
  SELECT * FROM ${csv('activities', { id: V, type: V, date: 'DATE', owner: V, customer: V })}`);
await run(`CREATE TABLE team_member AS
  WITH RECURSIVE tm(team, person) AS (
    SELECT id, id FROM people WHERE id IN (SELECT manager FROM people WHERE manager IS NOT NULL)
    UNION ALL
    SELECT tm.team, p.id FROM tm JOIN people p ON p.manager = tm.person
  ) SELECT team, person FROM tm`);
await run('CHECKPOINT');
conn.closeSync();
inst.closeSync();
process.stdout.write(JSON.stringify({ ordersMs, totalMs: performance.now() - t0 }) + '\n');
