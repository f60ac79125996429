// screens/goal.js — one goal: figures, SMART verdict per letter,
// achievability, burn-up, children, action steps, the check-in timeline with
// confidence, the adjustment history, and explain (the rows behind the actual).
import { h, mount, card, empty, skeleton, statusBadge, confidence, autoTable, toast, field } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import * as charts from '../charts.js';
import { api } from '../api.js';
import { smartGrid, achievability, optional, pageHead } from './common.js';

export async function render(ctx) {
  const { root, params } = ctx;
  const id = params[0];
  if (!root.childElementCount) mount(root, skeleton());
  const d = await api.get(`/api/goals/${encodeURIComponent(id)}`);
  if (ctx.stale()) return;
  const g = d.goal || {};
  ctx.setTitle(g.title || t('nav.goals'));
  const burn = await optional(`/api/goals/${encodeURIComponent(id)}/burnup`, undefined, null);
  if (ctx.stale()) return;

  const burnEl = h('div.chart', { 'data-test': 'burnup', role: 'img', 'aria-label': t('dash.burnup') });
  const children = d.children || [];
  const kidsEl = h('div.chart');
  kidsEl.style.height = `${Math.max(160, children.length * 32 + 24)}px`;
  const explainBox = h('div', h('button.btn', { type: 'button', 'data-test': 'explain', onclick: () => loadExplain(g, explainBox) }, t('goal.explain.show')));

  mount(root,
    pageHead(g.title, `${fmt.scope(g.scope, g.scope_label)} · ${fmt.metric(g.metric)} · ${fmt.period(g.period)}`,
      statusBadge(g.status),
      h('a.btn.btn--primary', { href: `#/checkin/${g.id}` }, t('dash.checkin'))),
    h('div.kpis',
      kpi(t('goal.attainment'), fmt.pct(g.attainment)), kpi(t('goal.actual'), fmt.metricValue(g.metric, g.actual)),
      kpi(t('goal.target'), fmt.metricValue(g.metric, g.target)), kpi(t('goal.expected'), fmt.metricValue(g.metric, g.expected)),
      kpi(t('goal.pace'), fmt.pct(g.pace, 0)), kpi(t('goal.forecast'), fmt.metricValue(g.metric, g.forecast))),
    h('div.grid.grid--2',
      h('div.grid',
        card(t('dash.burnup'), burn && burn.days && burn.days.length ? burnEl : empty(t('dash.noburnup'))),
        card(t('goal.children'), children.length ? h('div.form', kidsEl, autoTable(children, { keys: ['scope', 'target', 'actual', 'attainment', 'status'], metric: g.metric })) : empty(t('goal.nochildren')),
          { action: ctx.may('manager') ? h('a.btn.btn--sm', { href: `#/new?split=${g.id}` }, t('goal.split')) : null })),
      card(t('goal.smart'), h('div.form', smartGrid(g.smart) || empty(t('common.empty')), h('h3', t('goal.achievability')), achievability(g.achievability) || empty(t('common.empty'))))),
    h('div.grid.grid--halves',
      card(t('goal.checkins'), timeline(d.checkins || [], 5)),
      card(t('goal.actions'), actions(d.actions || [], g, ctx))),
    card(t('goal.history'), autoTable(historyRows(d.history || [], g), { empty: t('goal.nohistory') })),
    card(t('goal.explain'), explainBox, { sub: t('goal.explain.sub') }));

  if (burn && burn.days && burn.days.length) charts.burnup(burnEl, burn, { money: fmt.isMoneyMetric(g.metric) });
  if (children.length) charts.attainmentBars(kidsEl, children.map((c) => ({ label: fmt.scope(c.scope, c.scope_label), value: c.attainment, status: c.status })));
}

function kpi(label, value) { return h('div.card', h('div.kpi__label', label), h('div.kpi__value', value)); }

export function timeline(input, limit = 0) {
  if (!input.length) return empty(t('goal.nocheckins'));
  // Newest first, whatever order the list came in.
  const list = input.slice().sort((a, b) => String(b.at).localeCompare(String(a.at)) || Number(b.id) - Number(a.id));
  if (limit && list.length > limit) {
    const box = h('div');
    const more = h('button.btn.btn--sm', { type: 'button', onclick: () => box.replaceChildren(timeline(list)) }, t('goal.allcheckins', { n: list.length }));
    box.append(timeline(list.slice(0, limit)), more);
    return box;
  }
  return h('ol.timeline', { 'data-test': 'timeline' }, list.map((c) => h('li',
    h('span.timeline__dot', { class: `st-${c.status}` }),
    h('div.timeline__head', h('strong', fmt.date(c.at)), h('span.muted', c.by || ''), confidence(c.confidence),
      c.status ? statusBadge(c.status) : null,
      c.flags ? h('span.pill', c.flags.split(/[,\s]+/).filter(Boolean).map((f) => t(`flag.${f}`)).join(' · ')) : null,
      c.acked_by ? h('span.pill', `✓ ${c.acked_by}`) : null),
    h('dl.timeline__body',
      c.note || c.progress_note ? [h('dt', t('checkin.progress')), h('dd', c.note || c.progress_note)] : null,
      c.blockers ? [h('dt', t('checkin.blockers')), h('dd', c.blockers)] : null,
      c.next || c.next_steps ? [h('dt', t('checkin.next')), h('dd', c.next || c.next_steps)] : null))));
}

function actions(list, g, ctx) {
  const what = h('input', { type: 'text', required: true, placeholder: t('goal.action.what') });
  const due = h('input', { type: 'date' });
  const form = h('form.toolbar', {
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api.post(`/api/goals/${g.id}/actions`, { what: what.value, due: due.value || undefined });
        toast(t('common.saved'));
        ctx.root.replaceChildren();
        await render(ctx);
      } catch (ex) { toast(ex.message, 'error'); }
    },
  }, field(t('goal.action.what'), what), field(t('goal.action.due'), due), h('button.btn', { type: 'submit' }, t('common.add')));
  return h('div.form',
    list.length ? h('ul.list', list.map((a) => h('li',
      h('input', {
        type: 'checkbox', checked: a.done === true || a.done === 'yes' || !!a.done_on, 'aria-label': a.what,
        onchange: async (e) => {
          try { await api.patch(`/api/actions/${a.id}`, { done: e.target.checked }); toast(t('common.saved')); } catch (ex) { e.target.checked = !e.target.checked; toast(ex.message, 'error'); }
        },
      }),
      h('div.list__main', h('span.list__title', a.what), h('span.list__sub', [a.owner, a.due ? fmt.date(a.due) : null, a.driver].filter(Boolean).join(' · ')))))) : empty(t('goal.noactions')),
    form);
}

async function loadExplain(g, box) {
  mount(box, skeleton());
  try {
    const r = await api.get('/api/explain', { metric: g.metric, scope: g.scope, period: g.period, limit: 50 });
    const rows = r.rows || [];
    mount(box, r.formula ? h('p.muted', r.formula) : null, h('div.explain', autoTable(rows.slice(0, 50), { empty: t('common.empty') })),
      rows.length > 50 || r.total > 50 ? h('p.muted', t('goal.explain.more', { n: r.total || rows.length })) : null);
  } catch (e) { mount(box, h('div.notice.notice--error', e.message)); }
}

// The adjustment history as people read it: the field named, targets as
// money or counts, yes/no and the front end translated.
function historyRows(rows, g) {
  const label = (k, v) => (t(`${k}.${v}`) === `${k}.${v}` ? v : t(`${k}.${v}`));
  const value = (field, v) => {
    if (v === null || v === undefined || v === '') return v;
    const made = /^([a-z_]+) (-?\d+(?:\.\d+)?)$/.exec(v);
    if (field === 'created' && made) return `${fmt.metric(made[1])} ${fmt.metricValue(made[1], made[2])}`;
    if (field === 'target' && /^-?\d+(\.\d+)?$/.test(v)) return fmt.metricValue(g.metric, v);
    return v;
  };
  return rows.map((r) => ({ ...r, field: label('hist.field', r.field), old: value(r.field, r.old), new: value(r.field, r.new), by: label('hist.by', r.by) }));
}
