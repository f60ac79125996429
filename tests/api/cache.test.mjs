// cache.test.mjs — the answers the server keeps (src/http/cache.c) are never
// served after a change they do not include, nor to someone else. The status
// route is asked by many requests at once (several server threads, each with
// its own kept answers) right after: a goal added through the API (a write of
// one of the server's own connections), a target changed by the command line
// (another process), an order imported by the command line (the actual,
// once the shared engine has rebuilt: answers from an older snapshot are not
// kept).
// Each answer equals the command line's on the same data, and a rep asking
// the same address as the manager gets the rep's own answer.
//
// usage: node tests/api/cache.test.mjs path/to/attain
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { attainArg, start } from './lib.mjs';

const attain = attainArg();
const srv = await start(attain, { args: ['--threads', '4'] });
after(async () => {
  await srv.stop();
});
const manager = await srv.as('manager');
const rep2 = await srv.as('rep2');
const PATH = '/api/goals/status?period=2027-Q3&as_of=2027-09-30';

// Many requests at once (they land on different threads): all must agree
// (unless AGREE is false: while the engine rebuilds, a thread may still
// answer from the last snapshot; the first answer is returned then).
async function statusEverywhere(who, agree = true) {
  const all = await Promise.all(Array.from({ length: 12 }, () => who.get(PATH)));
  for (const r of all) assert.equal(r.status, 200, r.text);
  if (agree) for (const r of all) assert.deepEqual(r.json, all[0].json, 'every thread answers the same');
  return all[0].json.goals;
}

test('a kept answer never outlives a change', async () => {
  assert.deepEqual(await statusEverywhere(manager), [], 'no goal in 2027-Q3 yet');
  // a write through the API (this server's own connection)
  const made = await manager.post('/api/goals', { metric: 'revenue', scope: 'unit:华东', period: '2027-Q3', target: '1000' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.goal.id;
  let goals = await statusEverywhere(manager);
  assert.deepEqual(goals.map((g) => [g.id, g.target]), [[id, '1000.00']]);
  // another process changes the target
  srv.cli(['goal', 'edit', String(id), '--target', '2500', '--reason', 'cache test']);
  goals = await statusEverywhere(manager);
  assert.deepEqual(goals.map((g) => [g.id, g.target]), [[id, '2500.00']]);
  // another process imports an order inside the period: the actual moves
  const person = srv.cli(['ls', 'people', '--format', 'csv']).split('\n').slice(1)
    .map((l) => l.split(',')).find((f) => f[3] === '华东/杭州');
  assert.ok(person, 'a person in 华东/杭州');
  const before = goals[0].actual;
  const csv = path.join(srv.dir, 'cache-order.csv');
  fs.writeFileSync(csv, `id,date,owner,amount\nCACHE-1,2027-07-15,${person[0]},123.45\n`);
  srv.cli(['import', 'orders', csv]);
  // The shared engine rebuilds in the background and answers from the last
  // snapshot meanwhile; such answers are not kept, so the new figure comes
  // as soon as the build is done, and stays.
  const moved = () => Math.round((Number(goals[0].actual) - Number(before)) * 100);
  for (let i = 0; i < 600 && (goals = await statusEverywhere(manager, false)) && moved() !== 12345; i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.equal(moved(), 12345, 'the imported order counts once the engine is rebuilt');
  await new Promise((r) => setTimeout(r, 500)); // every thread's next lease is the new snapshot
  goals = await statusEverywhere(manager);
  assert.equal(moved(), 12345, 'and stays, on every thread');
  // the same address asked by a rep of another region: the rep's own answer
  const other = await statusEverywhere(rep2);
  assert.ok(!other.some((g) => g.id === id), 'rep2 never gets the manager\'s kept answer');
});
