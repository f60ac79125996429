// screens/forecast.js — the forecast call grid for a quarter: each rep's
// commit and best case, the manager's adjusted commit, closed won and the
// weighted pipeline, with the roll-up; a rep submits their call, a manager
// adjusts a row.
import { h, mount, card, empty, skeleton, field, toast } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import * as charts from '../charts.js';
import { api } from '../api.js';
import { optional, homeScope, homeLabel, pageHead } from './common.js';

export async function render(ctx) {
  const { root, user, query } = ctx;
  ctx.setTitle(t('nav.forecast'));
  const period = query.period || 'this-quarter';
  if (!root.childElementCount) mount(root, skeleton());
  const data = await optional('/api/forecast', { period, scope: homeScope(user) }, null);
  if (ctx.stale()) return;
  const all = (data && data.rows) || [];
  // People's calls first, then the roll-ups (teams, units); the totals are
  // the home scope's roll-up row when there is one, else the people's sum.
  const rows = [...all.filter((r) => /^person:/.test(r.scope)), ...all.filter((r) => !/^person:/.test(r.scope))];
  // (each row says rollup: true|false too; the scope's kind is enough here)
  const people = rows.filter((r) => /^person:/.test(r.scope));
  const homeRow = all.find((r) => r.scope === homeScope(user));
  const sum = (k) => {
    const src = homeRow ? [homeRow] : people;
    const vals = src.map((r) => r[k]).filter((v) => v !== null && v !== undefined && v !== '');
    return vals.length ? vals.reduce((a, v) => a + Number(v), 0) : null;
  };
  const chartEl = h('div.chart.chart--short', { role: 'img', 'aria-label': t('fc.chart') });
  const mgr = ctx.may('manager');
  const grid = rows.length ? h('div.table-wrap', h('table.tbl', { 'data-test': 'forecast-grid' },
    h('thead', h('tr', h('th', t('col.scope')), ['closed_won', 'commit', 'best_case', 'adjusted_commit', 'weighted_pipeline', 'quota', 'gap'].map((k) => h('th.num', t(`col.${k}`))), mgr ? h('th', '') : null)),
    h('tbody', rows.map((r) => {
      const adj = h('input', { type: 'text', inputmode: 'decimal', placeholder: fmt.money(r.adjusted_commit), 'aria-label': `${t('col.adjusted_commit')} ${fmt.scope(r.scope, r.scope_label)}` });
      return h('tr', { class: /^person:/.test(r.scope) ? '' : 'row-rollup' },
        h('td', fmt.scope(r.scope, r.scope_label)),
        ['closed_won', 'commit', 'best_case'].map((k) => h('td.num', fmt.money(r[k]))),
        h('td.num', mgr && /^person:/.test(r.scope) ? h('form', { onsubmit: (e) => { e.preventDefault(); adjust(ctx, r, adj.value, period); } }, adj) : fmt.money(r.adjusted_commit)),
        ['weighted_pipeline', 'quota', 'gap'].map((k) => h('td.num', fmt.money(r[k]))),
        mgr ? h('td', /^person:/.test(r.scope) ? h('button.btn.btn--sm', { type: 'button', onclick: () => adjust(ctx, r, adj.value, period) }, t('fc.adjust')) : null) : null);
    })),
    homeRow ? null : h('tfoot', h('tr', h('th', t('fc.total')), ['closed_won', 'commit', 'best_case', 'adjusted_commit', 'weighted_pipeline', 'quota', 'gap'].map((k) => h('th.num', fmt.money(sum(k)))), mgr ? h('th') : null)))) : empty(t('fc.empty'));

  const commit = h('input', { type: 'text', inputmode: 'decimal', required: true, placeholder: '120万' });
  const best = h('input', { type: 'text', inputmode: 'decimal', required: true, placeholder: '150万' });
  const submit = h('form.form', {
    onsubmit: async (e) => {
      e.preventDefault();
      try { await api.post('/api/forecast', { period, commit: commit.value, best_case: best.value }); toast(t('common.saved'), 'ok'); await render(ctx); } catch (ex) { toast(ex.message, 'error'); }
    },
  }, h('div.form-row', field(t('col.commit'), commit), field(t('col.best_case'), best)), h('div.toolbar', h('button.btn.btn--primary', { type: 'submit' }, t('fc.submit'))));

  const seg = h('div.seg', { role: 'group' }, ['this-quarter', 'next-quarter'].map((p) => h('button', { type: 'button', 'aria-pressed': String(p === period), onclick: () => ctx.go(`#/forecast?period=${p}`) }, t(`period.${p}`))));
  mount(root,
    pageHead(t('fc.title'), `${homeLabel(user)} · ${t(`period.${period}`)}`, seg),
    h('div.kpis', ['closed_won', 'commit', 'best_case', 'adjusted_commit'].map((k) => h('div.card', h('div.kpi__label', t(`col.${k}`)), h('div.kpi__value', fmt.money(sum(k)))))),
    card(t('fc.grid'), grid, { class: 'card--grid' }),
    h('div.grid.grid--halves', card(t('fc.chart'), rows.length ? chartEl : empty(t('fc.empty'))), user.person ? card(t('fc.mine'), submit) : null));
  const chartRows = people.length ? people : rows;
  if (rows.length) charts.bars(chartEl, chartRows.map((r) => fmt.scope(r.scope, r.scope_label)), [
    { name: t('col.commit'), data: chartRows.map((r) => r.commit) }, { name: t('col.best_case'), data: chartRows.map((r) => r.best_case) }], { money: true });
}

async function adjust(ctx, r, value, period) {
  if (!value.trim()) return;
  try {
    await api.post('/api/forecast/adjust', { person: r.scope.replace(/^person:/, ''), period, commit: value });
    toast(t('common.saved'), 'ok');
    await render(ctx);
  } catch (e) { toast(e.message, 'error'); }
}
