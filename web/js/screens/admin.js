// screens/admin.js — users and roles, API tokens (shown once), channels,
// holidays, forecast categories and settings.
import { h, mount, card, empty, field, toast, autoTable, dialog } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { optional, pageHead } from './common.js';

const TABS = {
  users: { path: '/api/users' },
  tokens: { path: '/api/tokens' },
  channels: { path: '/api/channels' },
  categories: { path: '/api/settings/forecast-categories' },
  settings: { path: '/api/summary' },
};

export async function render(ctx) {
  const { root, params } = ctx;
  const tab = TABS[params[0]] ? params[0] : 'users';
  ctx.setTitle(`${t('nav.admin')} · ${t(`adm.${tab}`)}`);
  const tabs = h('div.tabs', { role: 'tablist' }, Object.keys(TABS).map((k) => h('a.tab', { role: 'tab', href: `#/admin/${k}`, 'aria-selected': String(k === tab) }, t(`adm.${k}`))));
  const data = await optional(TABS[tab].path, {}, null);
  if (ctx.stale()) return;
  const key = data ? Object.keys(data).find((k) => Array.isArray(data[k])) : null;
  const rows = key ? data[key] : [];
  const body = data ? (key ? autoTable(rows, { hide: ['password', 'hash', 'secret', 'token_hash'] }) : autoTable(Object.entries(data).map(([k, v]) => ({ key: k, value: typeof v === 'object' ? JSON.stringify(v) : v })), { money: false })) : empty(t('rep.unavailable'));
  mount(root, pageHead(t('nav.admin'), t('adm.sub')), tabs,
    tab === 'settings' ? card(t('adm.holidays'), h('div.toolbar', h('span.muted', t('adm.holidayshint')), h('a.btn.btn--sm', { href: '#/import?kind=holidays' }, t('adm.importholidays')))) : null,
    card(t(`adm.${tab}`), body, { action: tab === 'users' ? h('button.btn.btn--sm.btn--primary', { type: 'button', onclick: () => addUser(ctx) }, t('adm.adduser')) : tab === 'tokens' ? h('button.btn.btn--sm.btn--primary', { type: 'button', onclick: () => addToken(ctx) }, t('adm.addtoken')) : null }));
}

async function addUser(ctx) {
  const login = h('input', { type: 'text', required: true, autocomplete: 'off' });
  const role = h('select', ['rep', 'manager', 'admin'].map((r) => h('option', { value: r }, t(`role.${r}`))));
  const person = h('input', { type: 'text' });
  const pass = h('input', { type: 'password', required: true, autocomplete: 'new-password', minlength: 8 });
  await dialog(t('adm.adduser'), h('div.form', field(t('signin.login'), login), field(t('adm.role'), role), field(t('adm.person'), person), field(t('signin.password'), pass)), [
    { label: t('common.cancel'), onclick: (close) => close(null) },
    { label: t('common.add'), primary: true, onclick: async (close) => {
      try { await api.post('/api/users', { login: login.value, role: role.value, person: person.value || undefined, password: pass.value }); toast(t('common.saved'), 'ok'); close(true); await render(ctx); } catch (e) { toast(e.message, 'error'); }
    } },
  ]);
}

async function addToken(ctx) {
  const name = h('input', { type: 'text', required: true });
  const role = h('select', ['rep', 'manager', 'admin'].map((r) => h('option', { value: r }, t(`role.${r}`))));
  const scope = h('input', { type: 'text', placeholder: 'unit:华东' });
  const ingest = h('input', { type: 'checkbox' });
  await dialog(t('adm.addtoken'), h('div.form', field(t('adm.tokenname'), name), field(t('adm.role'), role), field(t('col.scope'), scope),
    h('label.check', ingest, h('span', t('adm.ingest'))), h('p.muted', t('adm.ingesthint'))), [
    { label: t('common.cancel'), onclick: (close) => close(null) },
    { label: t('common.add'), primary: true, onclick: async (close) => {
      try {
        const r = await api.post('/api/tokens', { name: name.value, role: role.value, unit: scope.value || undefined, scopes: ingest.checked ? 'ingest' : '' });
        close(true);
        await dialog(t('adm.tokenonce'), h('div.form', h('p.muted', t('adm.tokenwarn')), h('code.md', r.token || JSON.stringify(r))), [{ label: t('common.done'), primary: true, onclick: (c) => c(true) }]);
        await render(ctx);
      } catch (e) { toast(e.message, 'error'); }
    } },
  ]);
}
