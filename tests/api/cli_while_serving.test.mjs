// cli_while_serving.test.mjs — the command line on the database a server is
// serving (a cron job's import, an admin's `goal ls`) loses nothing. The
// store once checked that the database exists with fopen()+fclose(): in the
// server, closing that descriptor dropped every POSIX lock the process held
// on the file through its open connections, so the CLI, seeing no one else,
// checkpointed and removed the WAL under the server — the server's next
// writes vanished and its reads failed (401 for a token it had just used,
// "database disk image is malformed"). Regression test: CLI read, API write,
// API read, several times; then every write is in the database.
//
// usage: node tests/api/cli_while_serving.test.mjs path/to/attain
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { attainArg, start, freshDemo, run, client } from './lib.mjs';

const attain = attainArg();
const demo = await freshDemo(attain);
const cli = (args) => run(attain, ['--db', demo.db, ...args]);
// an admin API token (made before the server starts; printed last on stdout)
const token = cli(['token', 'add', 'cli-while-serving', '--role', 'admin']).trim().split(/\s+/).pop();
const srv = await start(attain, { db: demo.db });
after(async () => {
  await srv.stop();
});
const admin = client(srv.base, { token });

test('CLI reads while the server writes: nothing is lost', async () => {
  const made = [];
  for (let i = 0; i < 3; i++) {
    cli(['goal', 'ls', '--format', 'csv']);
    const w = await admin.post('/api/channels', {
      scope: 'company',
      kind: 'slack',
      url: `https://hooks.slack.com/services/T0/B0/round${i}`,
    });
    assert.equal(w.status, 201, `round ${i}: write ${w.status} ${w.text}`);
    made.push(w.json.channel.id);
    const r = await admin.get('/api/channels');
    assert.equal(r.status, 200, `round ${i}: read ${r.status} ${r.text}`);
    assert.deepEqual(r.json.channels.map((c) => c.id), made);
  }
  // and the CLI sees them all, while the server still runs
  const ids = cli(['channel', 'ls', '--format', 'csv'])
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  assert.deepEqual(ids, made);
});
