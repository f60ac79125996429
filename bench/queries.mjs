// queries.mjs — the benchmark's questions: the attain commands that answer
// them, the same questions in SQL (SQLite and DuckDB dialects), and how both
// outputs turn into comparable rows [scope, period, metric, value].
//
// Tables (both SQL engines, loaded from the same CSVs by bench.mjs and
// load-duckdb.mjs): people(id, name, unit, manager, title, region),
// customers(id, name, segment, region, owner), orders(id, line, date, customer,
// owner, product, quantity, amount /* integer cents */), deals(...),
// activities(...), and team_member(team, person): the closure "person is the
// manager `team` or reports to them, transitively", prepared at load time.

export const QUARTER = '2026-Q2';
const Q = ['2026-04-01', '2026-07-01']; // [start, end)
const PREV = ['2026-01-01', '2026-04-01'];
const ALL = ['2024-01-01', '2027-01-01'];

export const dialects = {
  sqlite: { lit: (d) => `'${d}'`, month: (c) => `substr(${c}, 1, 7)` },
  duckdb: { lit: (d) => `DATE '${d}'`, month: (c) => `strftime(${c}, '%Y-%m')` },
};

const between = (d, col, [a, b]) => `${col} >= ${d.lit(a)} AND ${col} < ${d.lit(b)}`;

// kind of each metric's value: money (compared in cents), count, ratio
export const metricKind = {
  revenue: 'money',
  active_customers: 'count',
  retention_rate: 'ratio',
  new_customers: 'count',
};

// The generated data ends on 2026-12-31: attain answers as of that day (as of
// today it would count a period that is not over only up to today, while the
// SQL sums every row in it).
export const DATA_END = '2026-12-31';

const metric = (name, period, by, scope) => {
  const a = ['metric', name, '--period', period, '--as-of', DATA_END];
  if (scope) a.push('--scope', scope);
  if (by) a.push('--by', by);
  return a.concat(['--format', 'csv', '--timing']);
};

// sql(d) gives the SQL; rows(r) maps one result row (values as strings or
// null) to normalised rows [scope, period, metric, value].
export const questions = [
  {
    id: 'Q1',
    title: 'revenue per person, quarter',
    attain: [metric('revenue', QUARTER, 'person')],
    sql: (d) => `SELECT p.id, coalesce(s.v, 0)
FROM people p LEFT JOIN (
  SELECT owner, sum(amount) AS v FROM orders WHERE ${between(d, 'date', Q)} GROUP BY owner
) s ON s.owner = p.id`,
    rows: ([id, v]) => [[`person:${id}`, QUARTER, 'revenue', v]],
  },
  {
    id: 'Q2',
    title: 'revenue per region, quarter',
    attain: [metric('revenue', QUARTER, 'unit')],
    sql: (d) => `SELECT p.region, sum(o.amount)
FROM orders o JOIN people p ON p.id = o.owner
WHERE ${between(d, 'o.date', Q)} AND p.region IS NOT NULL
GROUP BY p.region`,
    rows: ([r, v]) => [[`unit:${r}`, QUARTER, 'revenue', v]],
  },
  {
    id: 'Q3',
    title: 'company revenue per month, 3 years',
    attain: [metric('revenue', '2024-01-01..2026-12-31', 'month')],
    sql: (d) => `SELECT ${d.month('date')} AS m, sum(amount)
FROM orders WHERE ${between(d, 'date', ALL)}
GROUP BY m ORDER BY m`,
    rows: ([m, v]) => [['company', m, 'revenue', v]],
  },
  {
    id: 'Q4',
    title: 'active customers + retention per team, quarter',
    // both metrics in one command (one process): the rows of one, then the other's
    attain: [metric('active_customers,retention_rate', QUARTER, 'team')],
    // distinct (owner, customer, in this quarter?) pairs of the two quarters,
    // spread over every team holding the owner, then counted per team
    sql: (d) => `WITH oc AS (
  SELECT DISTINCT owner, customer, CASE WHEN date >= ${d.lit(Q[0])} THEN 1 ELSE 0 END AS cur
  FROM orders WHERE ${between(d, 'date', [PREV[0], Q[1]])}
), tc AS (
  SELECT tm.team, oc.customer, max(oc.cur) AS c, max(1 - oc.cur) AS p
  FROM oc JOIN team_member tm ON tm.person = oc.owner
  GROUP BY tm.team, oc.customer
)
SELECT team, sum(c), CASE WHEN sum(p) = 0 THEN NULL
                          ELSE CAST(sum(c * p) AS DOUBLE) / sum(p) END
FROM tc GROUP BY team`,
    rows: ([t, active, ret]) => [
      [`team:${t}`, QUARTER, 'active_customers', active],
      [`team:${t}`, QUARTER, 'retention_rate', ret],
    ],
  },
  {
    id: 'Q5',
    title: 'new customers per region, quarter',
    attain: [metric('new_customers', QUARTER, 'unit')],
    // first order ever per customer (earliest date, then smallest order id),
    // credited to that order's owner's region
    sql: (d) => `WITH f AS (
  SELECT customer, min(date) AS d FROM orders GROUP BY customer
), n AS (
  SELECT customer, d FROM f WHERE ${between(d, 'd', Q)}
), fo AS (
  SELECT o.customer, min(o.id) AS id
  FROM orders o JOIN n ON o.customer = n.customer AND o.date = n.d
  GROUP BY o.customer
), fw AS (
  SELECT DISTINCT fo.customer, o.owner
  FROM fo JOIN orders o ON o.customer = fo.customer AND o.id = fo.id
)
SELECT p.region, count(DISTINCT fw.customer)
FROM fw JOIN people p ON p.id = fw.owner
WHERE p.region IS NOT NULL
GROUP BY p.region`,
    rows: ([r, v]) => [[`unit:${r}`, QUARTER, 'new_customers', v]],
  },
];

// Adding one order: the row (CSV for attain, INSERT for SQL) and the read.
export const addOrder = {
  date: '2026-05-15',
  customer: 'C0000001',
  product: 'P01',
  cents: 12345,
  csv(id, owner) {
    return `id,line,date,customer,owner,product,quantity,amount\n${id},1,${this.date},${this.customer},${owner},${this.product},1,${(this.cents / 100).toFixed(2)}\n`;
  },
  attainRead: (owner) => metric('revenue', QUARTER, null, `person:${owner}`),
  insert(d, id, owner) {
    return `INSERT INTO orders (id, line, date, customer, owner, product, quantity, amount) VALUES ('${id}', 1, ${d.lit(this.date)}, '${this.customer}', '${owner}', '${this.product}', 1, ${this.cents})`;
  },
  select: (d, owner) =>
    `SELECT coalesce(sum(amount), 0) FROM orders WHERE owner = '${owner}' AND ${between(d, 'date', Q)}`,
};
