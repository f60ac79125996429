// tests/api/session.test.mjs — sign-in, sessions, the signed-in user, users
// and API tokens (src/http/api_session.c, app/auth.c): cookie flags, wrong
// and unknown logins alike, throttling after 5 failures, no session fixation,
// CSRF on every state change, sign-out, idle expiry (the server's clock set
// with ATTAIN_DEBUG_NOW), a password change ending every other session, a
// disabled user, API tokens shown once and stored only hashed, revoked 401.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { attainArg, start, request, client, checkShape, USERS } from './lib.mjs';

const attain = attainArg();
let srv;
before(async () => {
  srv = await start(attain);
});
after(async () => {
  if (srv) await srv.stop();
});

function cookieOf(r) {
  const set = [].concat(r.headers['set-cookie'] || []);
  const c = set.find((s) => s.startsWith('attain_session='));
  assert.ok(c, `no attain_session cookie: ${JSON.stringify(set)}`);
  return { header: c, value: c.split(';')[0], attrs: c.split(';').map((s) => s.trim()) };
}

async function signIn(base, login, password, headers = {}) {
  return request(base, 'POST', '/api/session', { body: { login, password }, headers });
}

test('sign-in: the user, the CSRF token and the cookie flags', async () => {
  const r = await signIn(srv.base, ...USERS.manager);
  assert.equal(r.status, 200, r.text);
  checkShape('POST', '/api/session', r.status, r.json);
  assert.equal(r.json.user.login, 'manager');
  assert.equal(r.json.user.role, 'manager');
  assert.equal(r.json.user.home_scope, 'unit:华东');
  assert.match(r.json.user.person, /^person:/);
  assert.equal(r.json.user.token, false);
  assert.match(r.json.csrf, /^[A-Za-z0-9_-]{43}$/);
  const c = cookieOf(r);
  assert.match(c.value, /^attain_session=[A-Za-z0-9_-]{43}$/);
  for (const a of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=604800']) assert.ok(c.attrs.includes(a), `${a} in ${c.header}`);
  assert.ok(!c.attrs.includes('Secure'), 'no Secure over http');
  // the rep's home is their own person scope
  const rep = await srv.as('rep');
  assert.match(rep.user.home_scope, /^person:/);
  const me = await rep.get('/api/me');
  assert.equal(me.status, 200);
  checkShape('GET', '/api/me', me.status, me.json);
  assert.equal(me.json.csrf, rep.csrf);
  assert.deepEqual(me.json.user, rep.user);
});

test('wrong password, unknown login: one answer', async () => {
  const a = await signIn(srv.base, 'manager', 'not-the-password');
  const b = await signIn(srv.base, 'no-such-login', 'attain-manager');
  for (const r of [a, b]) {
    assert.equal(r.status, 401, r.text);
    assert.equal(r.json.error.code, 'bad_credentials');
    assert.equal(r.json.error.message, 'wrong login or password');
    assert.equal(r.headers['set-cookie'], undefined);
    checkShape('POST', '/api/session', r.status, r.json);
  }
  const zh = await signIn(srv.base, 'manager', 'not-the-password', { 'Accept-Language': 'zh-CN' });
  assert.equal(zh.json.error.message, '登录名或密码错误');
  for (const body of [{}, { login: 'manager' }, { login: 1, password: 'x' }]) {
    const r = await request(srv.base, 'POST', '/api/session', { body });
    assert.equal(r.status, 400, JSON.stringify(body));
    checkShape('POST', '/api/session', r.status, r.json);
  }
});

test('throttled after 5 failures, even with the right password', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await signIn(srv.base, 'manager2', `wrong-${i}-pw`)).status, 401);
  const r = await signIn(srv.base, ...USERS.manager2);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.code, 'throttled');
  assert.ok(Number(r.headers['retry-after']) > 800 && Number(r.headers['retry-after']) <= 900, r.headers['retry-after']);
  checkShape('POST', '/api/session', r.status, r.json);
  // another login from the same address still signs in
  assert.equal((await signIn(srv.base, ...USERS.rep)).status, 200);
});

test('no fixation: every sign-in is a new session; the one sent along ends', async () => {
  const forged = 'attain_session=' + 'A'.repeat(43);
  const r = await signIn(srv.base, ...USERS.rep, { Cookie: forged });
  assert.equal(r.status, 200);
  const c1 = cookieOf(r).value;
  assert.notEqual(c1, forged);
  assert.equal((await client(srv.base, { cookie: forged }).get('/api/me')).status, 401);
  // signing in again with the first cookie: a new one, and the first ends
  const r2 = await signIn(srv.base, ...USERS.rep, { Cookie: c1 });
  const c2 = cookieOf(r2).value;
  assert.notEqual(c2, c1);
  assert.equal((await client(srv.base, { cookie: c1 }).get('/api/me')).status, 401);
  assert.equal((await client(srv.base, { cookie: c2 }).get('/api/me')).status, 200);
});

test('CSRF: a session\'s state change needs X-CSRF-Token', async () => {
  const rep = await srv.as('rep');
  const bare = client(srv.base, { cookie: rep.cookie });
  const no = await bare.patch('/api/me', { lang: 'zh' });
  assert.equal(no.status, 403);
  assert.equal(no.json.error.code, 'csrf');
  const wrong = await bare.patch('/api/me', { lang: 'zh' }, { 'X-CSRF-Token': 'B'.repeat(43) });
  assert.equal(wrong.status, 403);
  const ok = await rep.patch('/api/me', { lang: 'zh' });
  assert.equal(ok.status, 200, ok.text);
  checkShape('PATCH', '/api/me', ok.status, ok.json);
  assert.equal(ok.json.user.lang, 'zh');
  const bad = await rep.patch('/api/me', { lang: 'fr' });
  assert.equal(bad.status, 422);
  checkShape('PATCH', '/api/me', bad.status, bad.json);
  assert.equal((await rep.patch('/api/me', { lang: '' })).status, 200);
});

test('sign-out ends the session and clears the cookie', async () => {
  const rep = await srv.as('rep');
  const r = await rep.del('/api/session');
  assert.equal(r.status, 200);
  checkShape('DELETE', '/api/session', r.status, r.json);
  const c = cookieOf(r);
  assert.ok(c.attrs.includes('Max-Age=0'), c.header);
  assert.equal(c.value, 'attain_session=');
  const me = await rep.get('/api/me');
  assert.equal(me.status, 401);
  checkShape('GET', '/api/me', me.status, me.json);
});

test('idle expiry: 8 hours unused (the server clock from ATTAIN_DEBUG_NOW)', async () => {
  const t0 = Math.floor(Date.now() / 1000);
  const at = async (t) => start(attain, { db: srv.db, keep: true, env: { ATTAIN_DEBUG_NOW: String(t) } });
  const s0 = await at(t0);
  const rep = await s0.as('rep');
  await s0.stop();
  const s1 = await at(t0 + 7 * 3600); // used after 7 hours: alive, and used now
  assert.equal((await client(s1.base, { cookie: rep.cookie }).get('/api/me')).status, 200);
  await s1.stop();
  const s2 = await at(t0 + 7 * 3600 + 8 * 3600 - 1);
  assert.equal((await client(s2.base, { cookie: rep.cookie }).get('/api/me')).status, 200);
  await s2.stop();
  const s3 = await at(t0 + 7 * 3600 + 2 * 8 * 3600 + 1); // 8 hours and 2 s unused since s2
  const r = await client(s3.base, { cookie: rep.cookie }).get('/api/me');
  assert.equal(r.status, 401);
  await s3.stop();
  // Those servers closing the database hid nothing the first one writes
  // after: every process sees it (regression: store's db_open opened and
  // closed the file, which dropped the server's POSIX locks, so a closing
  // process took itself for the last one and deleted the WAL in use).
  const before = Math.floor(Date.now() / 1000);
  await srv.as('admin');
  const seen = execFileSync('sqlite3', [srv.db, "SELECT last_sign_in FROM users WHERE login = 'admin'"], { encoding: 'utf8' }).trim();
  assert.ok(Number(seen) >= before, `the admin's sign-in is not in the database file: "${seen}"`);
  assert.match(srv.cli(['user', 'ls', '--format', 'csv']), /^admin,admin,,,no,[^,]+,2\d\d\d-/m);
});

test('changing one\'s password ends every other session and issues a new one', async () => {
  const a = await srv.signIn('rep2', 'attain-rep2');
  const b = await srv.signIn('rep2', 'attain-rep2');
  const wrong = await a.post('/api/me/password', { old: 'not-it-at-all', new: 'rep2-new-pw' });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.json.error.code, 'wrong_password');
  checkShape('POST', '/api/me/password', wrong.status, wrong.json);
  const short = await a.post('/api/me/password', { old: 'attain-rep2', new: 'short' });
  assert.equal(short.status, 422);
  const r = await a.post('/api/me/password', { old: 'attain-rep2', new: 'rep2-new-pw' });
  assert.equal(r.status, 200, r.text);
  checkShape('POST', '/api/me/password', r.status, r.json);
  const fresh = client(srv.base, { cookie: cookieOf(r).value, csrf: r.json.csrf });
  assert.notEqual(fresh.cookie, a.cookie);
  assert.notEqual(r.json.csrf, a.csrf);
  assert.equal((await a.get('/api/me')).status, 401);
  assert.equal((await b.get('/api/me')).status, 401);
  assert.equal((await fresh.get('/api/me')).status, 200);
  assert.equal((await signIn(srv.base, 'rep2', 'attain-rep2')).status, 401);
  // put it back (as the admin: every session of rep2 ends again)
  const admin = await srv.as('admin');
  const back = await admin.post('/api/users/rep2/password', { password: 'attain-rep2' });
  assert.equal(back.status, 200, back.text);
  checkShape('POST', '/api/users/{login}/password', back.status, back.json);
  assert.equal((await fresh.get('/api/me')).status, 401);
  // an API token is nobody: no password of its own
  const tok = await admin.post('/api/tokens', { name: 'pw', role: 'admin' });
  const t = client(srv.base, { token: tok.json.token });
  assert.equal((await t.post('/api/me/password', { old: 'x', new: 'yyyyyyyy' })).status, 403);
});

test('a disabled user is signed out and cannot sign in', async () => {
  const rep2 = await srv.as('rep2');
  const admin = await srv.as('admin');
  const d = await admin.patch('/api/users/rep2', { disabled: true });
  assert.equal(d.status, 200, d.text);
  checkShape('PATCH', '/api/users/{login}', d.status, d.json);
  assert.equal(d.json.user.disabled, 'yes');
  assert.equal((await rep2.get('/api/me')).status, 401);
  const s = await signIn(srv.base, ...USERS.rep2);
  assert.equal(s.status, 401);
  assert.equal(s.json.error.message, 'wrong login or password');
  assert.equal((await admin.patch('/api/users/rep2', { disabled: false })).status, 200);
  assert.equal((await signIn(srv.base, ...USERS.rep2)).status, 200);
});

test('users: admin only; add, change, errors; never a hash', async () => {
  const rep = await srv.as('rep');
  const manager = await srv.as('manager');
  assert.equal((await rep.get('/api/users')).status, 403);
  assert.equal((await manager.get('/api/users')).status, 403);
  const admin = await srv.as('admin');
  const l = await admin.get('/api/users');
  assert.equal(l.status, 200);
  checkShape('GET', '/api/users', l.status, l.json);
  assert.deepEqual(l.json.users.map((u) => u.login), ['admin', 'manager', 'manager2', 'rep', 'rep2']);
  assert.ok(!/argon2/.test(l.text));
  const add = await admin.post('/api/users', { login: 'zhao', role: 'rep', person: l.json.users[3].person, password: 'zhao-secret-1', lang: 'zh' });
  assert.equal(add.status, 201, add.text);
  checkShape('POST', '/api/users', add.status, add.json);
  assert.equal(add.json.user.lang, 'zh');
  const zhao = await srv.signIn('zhao', 'zhao-secret-1');
  assert.equal(zhao.user.role, 'rep');
  const cases = [
    [{ login: 'zhao', role: 'rep', person: l.json.users[3].person, password: 'zhao-secret-1' }, 409, 'conflict'],
    [{ login: 'x y', role: 'admin', password: 'password1' }, 422, 'invalid'],
    [{ login: 'new1', role: 'boss', password: 'password1' }, 422, 'invalid'],
    [{ login: 'new1', role: 'admin', password: 'short' }, 422, 'invalid'],
    [{ login: 'new1', role: 'rep', password: 'password1' }, 422, 'invalid'],
    [{ login: 'new1', role: 'rep', person: '无此人', password: 'password1' }, 404, 'not_found'],
    [{ login: "x'; DROP TABLE users; --", role: 'admin', password: 'password1' }, 422, 'invalid'],
    [{ role: 'admin', password: 'password1' }, 400, 'missing_field'],
  ];
  for (const [body, status, code] of cases) {
    const r = await admin.post('/api/users', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code, JSON.stringify(body));
    checkShape('POST', '/api/users', r.status, r.json);
  }
  const up = await admin.patch('/api/users/zhao', { role: 'manager', lang: 'en' });
  assert.equal(up.status, 200, up.text);
  assert.equal(up.json.user.role, 'manager');
  assert.equal((await zhao.get('/api/me')).json.user.role, 'manager'); // at once
  assert.equal((await admin.patch('/api/users/nobody', { lang: 'en' })).status, 404);
  assert.equal((await admin.patch('/api/users/zhao', { disabled: 'yes' })).status, 400);
  assert.equal((await admin.post('/api/users/nobody/password', { password: 'password1' })).status, 404);
  assert.equal((await admin.post('/api/users/zhao/password', { password: 'x' })).status, 422);
  const users = execFileSync('sqlite3', [srv.db, 'SELECT COUNT(*) FROM users'], { encoding: 'utf8' }).trim();
  assert.equal(users, '6');
});

test('API tokens: shown once, stored hashed, scoped, revoked is 401', async () => {
  const admin = await srv.as('admin');
  const r = await admin.post('/api/tokens', { name: 'crm', role: 'manager', unit: 'unit:华东' });
  assert.equal(r.status, 201, r.text);
  checkShape('POST', '/api/tokens', r.status, r.json);
  const token = r.json.token;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(r.json.unit, '华东');
  // the database holds only its 64-hex-digit hash: the token's text is nowhere in the files
  const hashes = execFileSync('sqlite3', [srv.db, `SELECT token_hash FROM api_tokens WHERE id = ${r.json.id}`], { encoding: 'utf8' }).trim();
  assert.match(hashes, /^[0-9a-f]{64}$/);
  assert.notEqual(hashes, token);
  for (const f of [srv.db, `${srv.db}-wal`])
    if (fs.existsSync(f)) assert.ok(!fs.readFileSync(f).includes(Buffer.from(token)), `${f} holds the token`);
  const l = await admin.get('/api/tokens');
  assert.equal(l.status, 200);
  checkShape('GET', '/api/tokens', l.status, l.json);
  assert.ok(!l.text.includes(token));
  const row = l.json.tokens.find((t) => t.id === String(r.json.id));
  assert.equal(row.revoked, 'no');
  // it acts as a manager of 华东: no users, no CSRF needed
  const t = client(srv.base, { token });
  const me = await t.get('/api/me');
  assert.equal(me.status, 200);
  checkShape('GET', '/api/me', me.status, me.json);
  assert.equal(me.json.user.token, true);
  assert.equal(me.json.user.home_scope, 'unit:华东');
  assert.equal(me.json.csrf, null);
  assert.equal((await t.get('/api/users')).status, 403);
  // errors
  for (const [body, status] of [
    [{ name: 'x', role: 'rep' }, 422],
    [{ name: 'x', role: 'rep', unit: '火星' }, 404],
    [{ name: '', role: 'admin' }, 422],
    [{ role: 'admin' }, 400],
  ]) {
    const e = await admin.post('/api/tokens', body);
    assert.equal(e.status, status, `${JSON.stringify(body)}: ${e.text}`);
    checkShape('POST', '/api/tokens', e.status, e.json);
  }
  // revoked: 401 at once; revoking again is fine; unknown 404
  const d = await admin.del(`/api/tokens/${r.json.id}`);
  assert.equal(d.status, 200);
  checkShape('DELETE', '/api/tokens/{id}', d.status, d.json);
  assert.equal((await t.get('/api/me')).status, 401);
  assert.equal((await admin.del(`/api/tokens/${r.json.id}`)).status, 200);
  assert.equal((await admin.del('/api/tokens/99999')).status, 404);
  assert.equal((await admin.del('/api/tokens/abc')).status, 404);
  const rep = await srv.as('rep');
  assert.equal((await rep.post('/api/tokens', { name: 'mine', role: 'admin' })).status, 403);
});

test('behind https the cookie is Secure', async () => {
  const s = await start(attain, { db: srv.db, keep: true, args: ['--base-url', 'https://attain.example.com'] });
  const r = await signIn(s.base, ...USERS.rep);
  assert.equal(r.status, 200);
  assert.ok(cookieOf(r).attrs.includes('Secure'), cookieOf(r).header);
  await s.stop();
});
