// tests/api/lib.mjs — the harness of the API tests (tests/api/*.test.mjs):
// start `attain serve` on a free port against a fresh copy of the demo
// database, sign in as a demo user, send requests with the cookie and the
// CSRF token (or a Bearer token), and check answers against docs/api.yaml.
//
//   import { start, checkShape, routes } from './lib.mjs';
//   const srv = await start(attain);            // attain = process.argv[2]
//   const rep = await srv.signIn('rep', 'attain-rep');
//   const r = await rep.get('/api/goals/status?period=this-month');
//   assert.equal(r.status, 200);
//   checkShape('GET', '/api/goals/status', r.status, r.json);
//   await srv.stop();                           // SIGTERM; throws unless exit 0
//
// A response is {status, headers, body (Buffer), text, json (parsed when
// JSON, else undefined)}. Requests go out through node:http with the path
// exactly as given (no URL normalisation: traversal tests need "/../").
//
// The demo database is made once per attain binary (`attain demo`, ~30 s
// under ASan) in the binary's folder and copied for every server, so each
// test file starts from the same fresh data in its own temp folder.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');

/** The attain binary named on the command line (node FILE path/to/attain). */
export function attainArg() {
  const a = process.argv[2];
  if (!a || !fs.existsSync(a)) {
    console.error(`usage: node ${process.argv[1]} path/to/attain`);
    process.exit(2);
  }
  return path.resolve(a);
}

/** Run attain with ARGS (and ENV added); its stdout. Throws on a non-zero exit. */
export function run(attain, args, { env = {}, input } = {}) {
  return execFileSync(attain, args, {
    env: { ...process.env, LC_ALL: 'C.UTF-8', ...env },
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** The route table: [{method, pattern, min_role, flags:[…], summary}]. */
export function routes(attain) {
  return JSON.parse(run(attain, ['serve', '--routes']));
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/* The demo database of this binary, made once (a lock folder keeps two test
 * files from making it at the same time). */
async function demoTemplate(attain) {
  const st = fs.statSync(attain);
  const dir = path.join(path.dirname(attain), 'api-demo');
  fs.mkdirSync(dir, { recursive: true });
  const key = `${Math.floor(st.mtimeMs)}-${st.size}`;
  const db = path.join(dir, `demo-${key}.db`);
  const ready = db + '.ready';
  const lock = db + '.lock';
  for (let waited = 0; !fs.existsSync(ready); waited += 200) {
    let mine = false;
    try {
      fs.mkdirSync(lock);
      mine = true;
    } catch {
      /* another test makes it */
    }
    if (mine) {
      try {
        for (const f of fs.readdirSync(dir))
          if (!f.startsWith(`demo-${key}`)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
        for (const s of ['', '-wal', '-shm', '.engine']) fs.rmSync(db + s, { force: true });
        run(attain, ['--db', db, 'demo']);
        fs.writeFileSync(ready, 'ok\n');
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (waited > 600000) throw new Error(`the demo database ${db} was never made`);
    await sleep(200);
  }
  return db;
}

/** A fresh copy of the demo database in a new temp folder: {dir, db}. */
export async function freshDemo(attain) {
  const tpl = await demoTemplate(attain);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-api-'));
  const db = path.join(dir, 'demo.db');
  for (const s of ['', '-wal', '.engine'])
    if (fs.existsSync(tpl + s)) fs.copyFileSync(tpl + s, db + s);
  return { dir, db };
}

/**
 * One request. PATH goes out as written. BODY: an object/array (sent as JSON
 * unless headers say otherwise), a string or a Buffer. HEADERSONLY: resolve
 * as soon as the status and headers came (for streams).
 */
export function request(base, method, p, { headers = {}, body, timeout = 60000, headersOnly = false } = {}) {
  const u = new URL(base);
  let data;
  const h = { ...headers };
  if (body !== undefined) {
    if (Buffer.isBuffer(body) || typeof body === 'string') data = body;
    else {
      data = JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
    }
    h['Content-Length'] = Buffer.byteLength(data);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path: p, headers: h, timeout, agent: false },
      (res) => {
        if (headersOnly && res.statusCode === 200) {
          // a stream (the events): the status and headers are enough (a refusal is read whole: its JSON error)
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.alloc(0), text: '' });
          req.destroy();
          return;
        }
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const out = { status: res.statusCode, headers: res.headers, body: buf, text: buf.toString('utf8') };
          const ct = res.headers['content-type'] || '';
          if (ct.startsWith('application/json') && !res.headers['content-encoding']) {
            try {
              out.json = JSON.parse(out.text);
            } catch (e) {
              reject(new Error(`${method} ${p}: the answer is not JSON: ${e.message}: ${out.text.slice(0, 200)}`));
              return;
            }
          }
          resolve(out);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${p}: no answer in ${timeout} ms`)));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** A client: get/post/put/patch/del(path, body?, headers?) with its credentials. */
export function client(base, { cookie, csrf, token, lang } = {}) {
  const send = (method, p, body, headers = {}, more = {}) => {
    const h = { ...headers };
    if (cookie) h.Cookie = cookie;
    if (csrf && method !== 'GET' && method !== 'HEAD' && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = csrf;
    if (token) h.Authorization = `Bearer ${token}`;
    if (lang && !('Accept-Language' in h)) h['Accept-Language'] = lang;
    return request(base, method, p, { headers: h, body, ...more });
  };
  return {
    base,
    cookie,
    csrf,
    token,
    send,
    get: (p, headers) => send('GET', p, undefined, headers),
    post: (p, body, headers) => send('POST', p, body === undefined ? {} : body, headers),
    put: (p, body, headers) => send('PUT', p, body === undefined ? {} : body, headers),
    patch: (p, body, headers) => send('PATCH', p, body === undefined ? {} : body, headers),
    del: (p, headers) => send('DELETE', p, undefined, headers),
  };
}

/** Sign in at BASE; a client carrying the session cookie and CSRF token (and .user). */
export async function signIn(base, login, password) {
  const r = await request(base, 'POST', '/api/session', { body: { login, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${login}: ${r.status} ${r.text}`);
  const set = [].concat(r.headers['set-cookie'] || []);
  const c = set.map((s) => s.split(';')[0]).find((s) => s.startsWith('attain_session='));
  if (!c) throw new Error(`sign-in of ${login}: no attain_session cookie in ${JSON.stringify(set)}`);
  const cl = client(base, { cookie: c, csrf: r.json.csrf });
  cl.user = r.json.user;
  cl.setCookie = set;
  return cl;
}

/** The demo users (auth adds them to `attain demo`). */
export const USERS = {
  admin: ['admin', 'attain-admin'],
  manager: ['manager', 'attain-manager'],
  rep: ['rep', 'attain-rep'],
  rep2: ['rep2', 'attain-rep2'],
  manager2: ['manager2', 'attain-manager2'],
};

/**
 * Start `attain serve` on a free port against a fresh demo database.
 * OPTS: args (more serve arguments), env, db (use this database instead).
 * Returns {base, db, dir, attain, log() (stderr so far), signIn(login, pw),
 * as(name) (a USERS sign-in), anon (a client without credentials),
 * cli(args) (attain --db DB ARGS…), token(name, role, unit) (an API token's
 * secret), tokenClient(name, role, unit), stop(signal='SIGTERM') (resolves the
 * exit code; throws unless 0 or when a sanitizer reported), proc}.
 */
export async function start(attain, opts = {}) {
  const { dir, db } = opts.db ? { dir: path.dirname(opts.db), db: opts.db } : await freshDemo(attain);
  const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0', ...(opts.args || [])];
  const proc = spawn(attain, args, {
    env: { ...process.env, LC_ALL: 'C.UTF-8', ...(opts.env || {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (c) => (err += c));
  const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve(code === null ? 128 : code)));
  const base = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`attain serve did not start in 60 s: ${err}`)), 60000);
    proc.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`attain serve exited (${code}) before listening: ${err}`));
    });
  });
  for (let i = 0; ; i++) {
    try {
      const r = await request(base, 'GET', '/healthz');
      if (r.status === 200) break;
    } catch {
      /* not yet */
    }
    if (i > 300) throw new Error('attain serve: /healthz never answered');
    await sleep(100);
  }
  let stopped = null;
  const srv = {
    base,
    db,
    dir,
    attain,
    proc,
    log: () => err,
    anon: client(base),
    signIn: (login, password) => signIn(base, login, password),
    as: (name) => signIn(base, ...USERS[name]),
    cli: (a, o) => run(attain, ['--db', db, ...a], o),
    /** An API token (`attain token add NAME --role ROLE [--unit UNIT]`): its secret. */
    token(name, role, unit) {
      const out = run(attain, ['--db', db, 'token', 'add', name, '--role', role, ...(unit ? ['--unit', unit] : [])]);
      const m = out.match(/^[A-Za-z0-9_-]{43}$/m);
      if (!m) throw new Error(`attain token add printed no token: ${out}`);
      return m[0];
    },
    /** A client acting with an API token made as token(name, role, unit). */
    tokenClient(name, role, unit) {
      return client(base, { token: srv.token(name, role, unit) });
    },
    async stop(signal = 'SIGTERM') {
      if (!stopped) {
        proc.kill(signal);
        stopped = exited;
      }
      const code = await stopped;
      if (/ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:/.test(err))
        throw new Error(`attain serve: a sanitizer reported:\n${err.slice(-4000)}`);
      if (code !== 0) throw new Error(`attain serve exited ${code}:\n${err.slice(-2000)}`);
      if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
  return srv;
}

// ---- docs/api.yaml -------------------------------------------------------

let spec;
/** docs/api.yaml, parsed. */
export function apiSpec() {
  if (!spec) spec = YAML.parse(fs.readFileSync(path.join(root, 'docs/api.yaml'), 'utf8'));
  return spec;
}

/** A route pattern as docs/api.yaml writes it ({path*} → {path}). */
export function specPath(pattern) {
  return pattern.replace(/\{([A-Za-z0-9_]+)\*\}/g, '{$1}');
}

function deref(node, seen = 0) {
  while (node && node.$ref) {
    if (!node.$ref.startsWith('#/')) throw new Error(`only local $ref: ${node.$ref}`);
    let n = apiSpec();
    for (const part of node.$ref.slice(2).split('/')) n = n?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (n === undefined) throw new Error(`docs/api.yaml: ${node.$ref} does not exist`);
    node = n;
    if (++seen > 20) throw new Error('docs/api.yaml: $ref loop');
  }
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v; // string, boolean, object
}

/* The problems of VALUE against SCHEMA, as "at: what" lines. */
function check(schema, value, at, out) {
  schema = deref(schema);
  if (!schema || schema === true) return;
  if (schema.allOf) for (const s of schema.allOf) check(s, value, at, out);
  for (const k of ['oneOf', 'anyOf']) {
    if (!schema[k]) continue;
    const ok = schema[k].some((s) => {
      const o = [];
      check(s, value, at, o);
      return o.length === 0;
    });
    if (!ok) out.push(`${at}: matches none of ${k}`);
  }
  if (schema.type) {
    const types = [].concat(schema.type);
    if (schema.nullable) types.push('null');
    const t = typeOf(value);
    const fits = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!fits) {
      out.push(`${at}: is ${t}, documented ${types.join('|')}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeOf(value) === 'object') {
    for (const k of schema.required || []) if (!(k in value)) out.push(`${at}: no key "${k}"`);
    for (const [k, s] of Object.entries(schema.properties || {})) if (k in value) check(s, value[k], `${at}.${k}`, out);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => check(schema.items, v, `${at}[${i}]`, out));
}

/**
 * Check BODY (parsed JSON) of an answer with STATUS to METHOD PATTERN (the
 * route table's pattern) against docs/api.yaml: the status is documented
 * (an error status not documented is checked against Error), and the body
 * has the documented required keys and JSON types, recursively. Throws.
 */
export function checkShape(method, pattern, status, body) {
  const p = specPath(pattern);
  const op = apiSpec().paths?.[p]?.[method.toLowerCase()];
  if (!op) throw new Error(`docs/api.yaml has no ${method} ${p}`);
  const responses = op.responses || {};
  let resp = responses[String(status)] || responses[`${String(status)[0]}XX`] || responses.default;
  if (!resp) {
    if (status >= 400) resp = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    else throw new Error(`docs/api.yaml: ${method} ${p} does not document status ${status}`);
  }
  resp = deref(resp);
  const schema = resp.content?.['application/json']?.schema;
  if (!schema) return; // not JSON (a download, a stream, a file)
  const problems = [];
  check(schema, body, 'body', problems);
  if (problems.length)
    throw new Error(`${method} ${p} ${status} does not match docs/api.yaml:\n  ${problems.slice(0, 20).join('\n  ')}`);
}

/** Does the route table have METHOD PATTERN? (tests of routes others own wait for them) */
export function hasRoute(table, method, pattern) {
  return table.some((r) => r.method === method && r.pattern === pattern);
}
