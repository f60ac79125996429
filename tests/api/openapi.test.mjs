// tests/api/openapi.test.mjs — the route table (`attain serve --routes`) and
// docs/api.yaml list the same routes, both directions, with the same summary
// and the route's path parameters; every documented operation has responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attainArg, routes, apiSpec, specPath } from './lib.mjs';

const attain = attainArg();
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

test('every route is documented in docs/api.yaml', () => {
  const spec = apiSpec();
  const missing = [];
  for (const r of routes(attain)) {
    const op = spec.paths?.[specPath(r.pattern)]?.[r.method.toLowerCase()];
    if (!op) {
      missing.push(`${r.method} ${r.pattern}`);
      continue;
    }
    assert.ok(op.summary, `${r.method} ${r.pattern}: no summary in docs/api.yaml`);
    assert.ok(op.responses && Object.keys(op.responses).length, `${r.method} ${r.pattern}: no responses`);
    const names = [...r.pattern.matchAll(/\{([A-Za-z0-9_]+)\*?\}/g)].map((m) => m[1]);
    const params = [...(spec.paths[specPath(r.pattern)].parameters || []), ...(op.parameters || [])].map(
      (p) => (p.$ref ? p.$ref.split('/').pop() : p.name),
    );
    for (const n of names) assert.ok(params.includes(n), `${r.method} ${r.pattern}: path parameter ${n} not documented`);
  }
  assert.deepEqual(missing, [], `routes missing from docs/api.yaml:\n${missing.join('\n')}`);
});

test('every documented operation is a route', () => {
  const table = new Set(routes(attain).map((r) => `${r.method} ${specPath(r.pattern)}`));
  const extra = [];
  for (const [p, item] of Object.entries(apiSpec().paths || {}))
    for (const m of METHODS) if (item[m] && !table.has(`${m.toUpperCase()} ${p}`)) extra.push(`${m.toUpperCase()} ${p}`);
  assert.deepEqual(extra, [], `documented but not in the route table:\n${extra.join('\n')}`);
});

test('the route table is well formed', () => {
  const seen = new Set();
  for (const r of routes(attain)) {
    const key = `${r.method} ${r.pattern}`;
    assert.ok(!seen.has(key), `${key} twice in the route table`);
    seen.add(key);
    assert.ok(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method), key);
    assert.ok(r.pattern.startsWith('/'), key);
    assert.ok(r.summary, `${key}: no summary`);
    if (r.min_role === 'none') assert.ok(r.flags.includes('public'), `${key}: no minimum role but not public`);
    if (r.flags.includes('write')) assert.notEqual(r.method, 'GET', `${key}: a GET that writes`);
  }
});
