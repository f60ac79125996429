// duckdb-query.mjs — the DuckDB "cold" process: open the database file, run one
// SQL statement, print the result as CSV (header, then rows), exit.
//
//   node duckdb-query.mjs FILE SQL
import { DuckDBInstance } from '@duckdb/node-api';

const [file, sql] = process.argv.slice(2);
if (!file || !sql) {
  process.stderr.write('usage: node duckdb-query.mjs FILE SQL\n');
  process.exit(2);
}
const cell = (v) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const inst = await DuckDBInstance.create(file);
const conn = await inst.connect();
const reader = await conn.runAndReadAll(sql);
const lines = [reader.columnNames().map(cell).join(',')];
for (const row of reader.getRows()) lines.push(row.map(cell).join(','));
process.stdout.write(lines.join('\n') + '\n');
conn.closeSync();
inst.closeSync();
