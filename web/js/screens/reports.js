// screens/reports.js — variance, sales, funnel, customers, leaderboard,
// forecast accuracy and scorecards: each a chart, the table, and CSV / XLSX
// downloads of the same rows (the API's ?format=csv|xlsx).
import { h, mount, card, empty, skeleton, autoTable } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import * as charts from '../charts.js';
import { url } from '../api.js';
import { optional, homeScope, homeLabel, pageHead } from './common.js';

const REPORTS = {
  variance: { path: '/api/reports/variance', params: { period: 'this-year' } },
  sales: { path: '/api/reports/sales', params: { period: 'this-year', by: 'unit' } },
  funnel: { path: '/api/reports/funnel', params: { period: 'this-year' } },
  customers: { path: '/api/reports/customers', params: { period: 'this-year' } },
  leaderboard: { path: '/api/reports/leaderboard', params: { metric: 'revenue', period: 'this-year' } },
  accuracy: { path: '/api/forecast/accuracy', params: {} },
  scorecards: { path: '/api/scorecards', params: { period: 'this-year' } },
};
const LABEL_KEYS = ['scope', 'name', 'stage', 'period', 'person', 'unit', 'customer', 'segment', 'title', 'month'];
const VALUE_KEYS = ['value', 'actual', 'revenue', 'amount', 'count', 'deals', 'score', 'accuracy', 'attainment', 'commit'];

export async function render(ctx) {
  const { root, user, params } = ctx;
  const name = REPORTS[params[0]] ? params[0] : 'variance';
  ctx.setTitle(`${t('nav.reports')} · ${t(`rep.${name}`)}`);
  const spec = REPORTS[name];
  const q = { ...spec.params, scope: homeScope(user) };
  const tabs = h('div.tabs', { role: 'tablist' }, Object.keys(REPORTS).map((k) => h('a.tab', { role: 'tab', href: `#/reports/${k}`, 'aria-selected': String(k === name) }, t(`rep.${k}`))));
  mount(root, pageHead(t('nav.reports'), homeLabel(user)), tabs, skeleton());
  const data = await optional(spec.path, q, null);
  if (ctx.stale()) return;
  const key = data ? Object.keys(data).find((k) => Array.isArray(data[k])) : null;
  const rows = key ? data[key] : [];
  const chartEl = h('div.chart', { role: 'img', 'aria-label': t(`rep.${name}`), 'data-test': 'report-chart' });
  const dl = (f) => h('a.btn.btn--sm', { href: url(spec.path, { ...q, format: f }), download: '' }, f.toUpperCase());
  mount(root,
    pageHead(t('nav.reports'), `${homeLabel(user)} · ${t(`rep.${name}.sub`)}`, data ? dl('csv') : null, data ? dl('xlsx') : null),
    tabs,
    rows.length ? card(null, chartEl) : null,
    card(null, data ? autoTable(rows.slice(0, 200), { empty: t('common.empty') }) : empty(t('rep.unavailable'))));
  if (!rows.length) return;
  const lk = LABEL_KEYS.find((k) => k in rows[0]);
  const vk = VALUE_KEYS.find((k) => k in rows[0] && rows.some((r) => r[k] !== null && r[k] !== '' && !Number.isNaN(Number(r[k]))));
  if (!lk || !vk) { chartEl.closest('.card').remove(); return; }
  const top = rows.slice(0, 20);
  const labels = top.map((r) => (lk === 'scope' ? fmt.scope(r.scope, r.scope_label) : lk === 'period' ? fmt.period(r.period) : String(r[lk])));
  if (name === 'funnel') charts.funnel(chartEl, top.map((r, i) => ({ name: labels[i], value: r[vk] })));
  else if (name === 'variance' && 'target' in rows[0] && 'actual' in rows[0]) {
    charts.bars(chartEl, labels, [{ name: t('goal.target'), data: top.map((r) => r.target), color: '#cbd5e1' }, { name: t('goal.actual'), data: top.map((r) => r.actual) }], { money: true });
  } else {
    const ratio = ['accuracy', 'attainment'].includes(vk);
    charts.bars(chartEl, labels, [{ name: t(`col.${vk}`), data: top.map((r) => r[vk]) }], { money: !ratio && ['value', 'actual', 'revenue', 'amount', 'commit'].includes(vk), ratio });
  }
}
