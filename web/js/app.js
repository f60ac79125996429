// app.js — the web UI's entry: who is signed in (GET /api/me), the shell
// (side navigation, top bar, phone bottom bar), the hash router
// (#/dashboard, #/goals, #/goal/12, #/new, #/checkin, …), the language switch
// (saved with PATCH /api/me) and the live updates (EventSource /api/events →
// the current screen fetches its data again).
import { api, ApiError, setCsrf, setUnauthorizedHandler } from './api.js';
import { initialLang, setLang, getLang, t } from './i18n.js';
import { h, mount, toast, avatar } from './ui.js';
import { icon } from './icons.js';
import * as charts from './charts.js';
import * as fmt from './fmt.js';

const ROLE_RANK = { rep: 1, manager: 2, admin: 3 };

/* The screens: hash pattern, module, nav entry, minimum role. */
const ROUTES = [
  { re: /^\/dashboard$/, mod: 'dashboard', nav: 'dashboard', icon: 'dashboard', role: 'rep' },
  { re: /^\/goals$/, mod: 'goals', nav: 'goals', icon: 'tree', role: 'rep' },
  { re: /^\/goal\/([^/]+)$/, mod: 'goal', nav: 'goals', role: 'rep' },
  { re: /^\/new$/, mod: 'newgoal', nav: 'new', icon: 'plus', role: 'manager' },
  { re: /^\/checkin(?:\/([^/]+))?$/, mod: 'checkin', nav: 'checkin', icon: 'checkin', role: 'rep' },
  { re: /^\/forecast$/, mod: 'forecast', nav: 'forecast', icon: 'forecast', role: 'rep' },
  { re: /^\/review$/, mod: 'review', nav: 'review', icon: 'review', role: 'manager' },
  { re: /^\/requests$/, mod: 'requests', nav: 'requests', icon: 'requests', role: 'manager' },
  { re: /^\/reports(?:\/([a-z_]+))?$/, mod: 'reports', nav: 'reports', icon: 'reports', role: 'rep' },
  { re: /^\/import$/, mod: 'import', nav: 'import', icon: 'import', role: 'admin' },
  { re: /^\/admin(?:\/([a-z_]+))?$/, mod: 'admin', nav: 'admin', icon: 'admin', role: 'admin' },
];
const NAV = ['dashboard', 'goals', 'new', 'checkin', 'forecast', 'review', 'requests', 'reports', 'import', 'admin'];

const state = { user: null, screen: null, events: null, generation: null, navOpen: false };
const root = document.getElementById('app');

function may(role) { return (ROLE_RANK[state.user?.role] || 0) >= (ROLE_RANK[role] || 0); }

async function boot() {
  setUnauthorizedHandler(() => { if (state.user) { state.user = null; closeEvents(); showSignIn(); } });
  let me = null;
  try { me = await api.get('/api/me', undefined, { quiet401: true }); } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) console.warn('me:', e.message);
  }
  await setLang(initialLang(me?.user?.lang));
  root.classList.remove('app--loading');
  root.removeAttribute('aria-busy');
  if (me && me.user) signedIn(me); else showSignIn();
  window.addEventListener('hashchange', () => { if (state.user) route(); });
}

function signedIn(me) {
  state.user = me.user;
  setCsrf(me.csrf);
  if (me.user.currency) fmt.setCurrency(me.user.currency);
  openEvents();
  if (!location.hash || location.hash === '#/' || location.hash === '#/signin') location.replace('#/dashboard');
  route();
}

/* ---------------- sign-in ---------------- */
function showSignIn() {
  charts.disposeAll();
  state.screen = null;
  const login = h('input', { type: 'text', name: 'login', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const err = h('div.notice.notice--error.hidden', { role: 'alert' });
  const btn = h('button.btn.btn--primary.btn--block', { type: 'submit' }, t('signin.submit'));
  const form = h('form.card.signin__card', {
    'aria-label': t('signin.title'),
    onsubmit: async (e) => {
      e.preventDefault();
      btn.disabled = true;
      err.classList.add('hidden');
      try {
        const res = await api.post('/api/session', { login: login.value.trim(), password: pass.value }, { quiet401: true });
        if (res.user && res.user.lang && res.user.lang !== getLang()) await setLang(res.user.lang);
        signedIn(res);
      } catch (ex) {
        err.textContent = ex.status === 401 ? t('signin.bad') : ex.message;
        err.classList.remove('hidden');
        pass.select();
      } finally { btn.disabled = false; }
    },
  },
  h('div.signin__brand', h('span.brand__mark', 'a'), 'attain'),
  h('div', h('h1', t('signin.title')), h('p.muted', t('signin.sub'))),
  err,
  h('div.field', h('label', { for: 'login' }, t('signin.login')), Object.assign(login, { id: 'login' })),
  h('div.field', h('label', { for: 'password' }, t('signin.password')), Object.assign(pass, { id: 'password' })),
  btn,
  h('div.signin__foot', h('span', t('app.tagline')), langSwitch()));
  mount(root, h('main.signin', form));
  document.title = `${t('signin.title')} · attain`;
  login.focus();
}

function langSwitch() {
  const other = getLang() === 'zh' ? 'en' : 'zh';
  return h('button.btn.btn--ghost.btn--sm', {
    type: 'button', 'data-test': 'lang', 'aria-label': t('app.language'),
    onclick: async () => {
      await setLang(other);
      if (state.user) {
        state.user.lang = other;
        // Saved first: the API's own messages (SMART reasons, errors) follow the setting.
        await api.patch('/api/me', { lang: other }).catch((e) => console.warn('lang not saved:', e.message));
        route();
      } else showSignIn();
    },
  }, icon('globe', 16), other === 'en' ? 'English' : '中文');
}

/* ---------------- shell ---------------- */
function shell() {
  const cur = state.screen?.nav;
  const items = NAV.map((k) => ROUTES.find((r) => r.nav === k && r.icon)).filter((r) => r && may(r.role));
  const link = (r, cls) => h('a', {
    class: cls, href: `#/${r.mod === 'newgoal' ? 'new' : r.mod}`, 'aria-current': cur === r.nav ? 'page' : null,
    onclick: () => { state.navOpen = false; shellEl?.classList.remove('nav-open'); },
  }, h('span.nav-link__icon', icon(r.icon)), h('span', t(`nav.${r.nav}`)));
  const u = state.user;
  const content = h('div.content', { id: 'content', tabindex: '-1' });
  const phone = ['dashboard', 'goals', 'checkin', may('manager') ? 'review' : 'forecast', 'reports']
    .map((k) => ROUTES.find((r) => r.nav === k && r.icon));
  const shellEl = h('div.shell', { class: state.navOpen ? 'nav-open' : '' },
    h('nav.sidenav', { 'aria-label': t('app.nav') },
      h('a.brand', { href: '#/dashboard' }, h('span.brand__mark', 'a'), 'attain'),
      items.map((r) => link(r, 'nav-link')),
      h('div.nav-sep'),
      h('button.nav-link', { type: 'button', onclick: signOut, 'data-test': 'signout' }, h('span.nav-link__icon', icon('out')), h('span', t('nav.signout')))),
    h('div.scrim', { onclick: () => { state.navOpen = false; shellEl.classList.remove('nav-open'); } }),
    h('div.main',
      h('header.topbar',
        h('button.btn.btn--ghost.menu-btn', { type: 'button', 'aria-label': t('app.menu'), onclick: () => { state.navOpen = !state.navOpen; shellEl.classList.toggle('nav-open'); } }, icon('menu')),
        h('div.topbar__title', { id: 'page-title' }),
        langSwitch(),
        h('div.topbar__user', avatar(u.person_label || u.login),
          h('span.topbar__name', u.person_label || u.login, h('span.faint', ` · ${t(`role.${u.role}`)}`)))),
      h('main', { id: 'main' }, content)),
    h('nav.bottomnav', { 'aria-label': t('app.nav') }, phone.map((r) => h('a', {
      href: `#/${r.mod}`, 'aria-current': cur === r.nav ? 'page' : null, class: r.nav === 'checkin' ? 'bottomnav__cta' : '',
    }, h('span.bottomnav__icon', icon(r.icon, r.nav === 'checkin' ? 18 : 20)), h('span', t(`nav.${r.nav}`))))));
  mount(root, shellEl);
  return content;
}

async function signOut() {
  try { await api.del('/api/session'); } catch (e) { console.warn('sign-out:', e.message); }
  state.user = null;
  setCsrf('');
  closeEvents();
  location.hash = '#/signin';
  showSignIn();
}

/* ---------------- router ---------------- */
let renderSeq = 0;
async function route() {
  const full = (location.hash || '#/dashboard').slice(1) || '/dashboard';
  const [path, qs] = full.split('?');
  const query = Object.fromEntries(new URLSearchParams(qs || ''));
  let r = ROUTES.find((x) => x.re.test(path));
  if (!r || !may(r.role)) { location.replace('#/dashboard'); r = ROUTES[0]; }
  const params = (r.re.exec(path) || []).slice(1);
  charts.disposeAll();
  state.screen = { nav: r.nav, mod: r.mod, params, refresh: null };
  const content = shell();
  const seq = ++renderSeq;
  const ctx = {
    root: content, params, query, user: state.user, may,
    setTitle: (s) => { const el = document.getElementById('page-title'); if (el) el.textContent = s; document.title = `${s} · attain`; },
    stale: () => seq !== renderSeq,
    go: (hash) => { location.hash = hash; },
  };
  ctx.setTitle(t(`nav.${r.nav}`));
  try {
    const mod = await import(`./screens/${r.mod}.js`);
    if (seq !== renderSeq) return;
    const refresh = async () => { if (seq === renderSeq) { charts.disposeAll(); await mod.render(ctx); } };
    state.screen.refresh = refresh;
    await mod.render(ctx);
    if (seq === renderSeq) content.dataset.ready = r.mod;
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) return;
    console.warn(`screen ${r.mod}:`, e);
    mount(content, h('div.notice.notice--error', { role: 'alert' }, e.message || String(e)));
    content.dataset.ready = r.mod;
  }
}

/* ---------------- live updates ---------------- */
let refreshTimer = null;
function openEvents() {
  closeEvents();
  if (!window.EventSource) return;
  const es = new EventSource('/api/events');
  let openedAt = 0;
  es.onopen = () => { openedAt = Date.now(); };
  es.addEventListener('changed', (ev) => {
    let gen = null;
    try { gen = JSON.parse(ev.data).generation; } catch { /* keep null */ }
    // The first generation right after connecting is where we stand, not a change.
    if (state.generation === null && Date.now() - openedAt < 1500) { state.generation = gen; return; }
    if (gen !== null && gen === state.generation) return;
    state.generation = gen;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      const s = state.screen;
      // A screen with a form being typed into keeps what was typed.
      if (s && s.refresh && !['newgoal', 'checkin', 'import', 'admin'].includes(s.mod)) s.refresh().catch((e) => console.warn('refresh:', e.message));
    }, 300);
  });
  es.onerror = () => { /* the browser reconnects by itself */ };
  state.events = es;
}
function closeEvents() { if (state.events) { state.events.close(); state.events = null; } state.generation = null; }

export function notifyChanged() { state.generation = null; }
window.addEventListener('keydown', (e) => { if (e.key === 'Escape' && state.navOpen) { state.navOpen = false; document.querySelector('.shell')?.classList.remove('nav-open'); } });
window.addEventListener('unhandledrejection', (e) => { console.warn('unhandled:', e.reason); if (e.reason instanceof ApiError) { toast(e.reason.message, 'error'); e.preventDefault(); } });

boot();
