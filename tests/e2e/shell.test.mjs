// shell.test.mjs — the web UI's assets as attain serve ships them (embedded):
// both languages have the same keys and every key the code asks for
// literally; index.html has no inline script or style (the CSP forbids
// them) and the code builds no markup from strings (no innerHTML); the
// sign-in page loads in Chromium in zh-CN and en with every asset (ECharts
// too), without a console error or a CSP violation.
//   node tests/e2e/shell.test.mjs path/to/attain
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { attainArg, start, root } from '../api/lib.mjs';

const attain = attainArg();
const web = path.join(root, 'web');
const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });

// ---- static checks ----
const en = JSON.parse(fs.readFileSync(path.join(web, 'i18n/en.json'), 'utf8'));
const zh = JSON.parse(fs.readFileSync(path.join(web, 'i18n/zh-CN.json'), 'utf8'));
assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'zh-CN.json and en.json have the same keys');
for (const [k, v] of Object.entries(zh)) {
  const vars = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  assert.equal(vars(v), vars(en[k]), `${k}: the same placeholders in both languages`);
}
const js = [];
const walk = (d) => { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else if (f.endsWith('.js')) js.push(p); } };
walk(path.join(web, 'js'));
for (const f of js) {
  const src = fs.readFileSync(f, 'utf8');
  assert.doesNotMatch(src, /\.innerHTML\s*=|insertAdjacentHTML|document\.write/, `${f}: no markup from strings`);
  for (const m of src.matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) assert.ok(m[1] in en, `${path.relative(root, f)}: t('${m[1]}') has no string`);
}
const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'index.html: no inline script');
assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'index.html: no inline style or handler');

// ---- the sign-in page in Chromium ----
// ATTAIN_E2E_ASSETS=web serves the UI from disk (developing) instead of the binary's copy.
const srv = await start(attain, process.env.ATTAIN_E2E_ASSETS ? { args: ['--assets-dir', process.env.ATTAIN_E2E_ASSETS] } : {});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const problems = [];
try {
  for (const [locale, title, file] of [['zh-CN', '登录', 'signin-zh'], ['en-US', 'Sign in', 'signin-en']]) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // Chromium logs every error answer as "Failed to load resource"; the
      // response handler below judges those (GET /api/me's 401: nobody signed in yet).
      if (/Failed to load resource/.test(m.text()) && (m.location().url || '').startsWith(srv.base)) return;
      problems.push(`${locale}: console error: ${m.text()} ${m.location().url || ''}`);
    });
    page.on('pageerror', (e) => problems.push(`${locale}: page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${locale}: request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (r.status() >= 400 && u.pathname !== '/api/me') problems.push(`${locale}: ${u.pathname} answered ${r.status()}`);
    });
    await page.goto(`${srv.base}/`);
    await page.waitForSelector('#login');
    assert.equal(await page.locator('h1').innerText(), title, `${locale}: the sign-in page speaks the browser's language`);
    assert.equal(await page.evaluate(() => typeof window.echarts?.init), 'function', 'ECharts loaded from /vendor');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(245, 247, 250)', 'the stylesheet applies');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login', 'the login field has the focus');
    // A wrong password is refused in place (401 answered, a message shown).
    await page.fill('#login', 'nobody');
    await page.fill('#password', 'wrong password');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/session'));
    await page.press('#password', 'Enter');
    const res = await answered;
    if (res.status() === 401) {
      await page.waitForSelector('.signin__card .notice--error:not(.hidden)');
      problems.splice(0, problems.length, ...problems.filter((p) => !/\/api\/session answered 401/.test(p)));
    } else problems.push(`${locale}: POST /api/session with a wrong password answered ${res.status()}`);
    await page.screenshot({ path: path.join(shots, `${file}.png`) });
    await ctx.close();
  }
} finally {
  await browser.close();
  await srv.stop();
}
assert.deepEqual(problems, [], 'no console errors, failed requests or error answers');
console.log('ok shell');
