// screens/review.js — the review meeting: the agenda (goals ranked by how far
// behind, with their signals, latest check-ins and action steps), acknowledging
// check-ins, and recording decisions.
import { h, mount, card, empty, skeleton, statusBadge, field, toast, dialog, confidence } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api } from '../api.js';
import { homeScope, homeLabel, pageHead, optional } from './common.js';
import { timeline } from './goal.js';

export async function render(ctx) {
  const { root, user } = ctx;
  ctx.setTitle(t('nav.review'));
  if (!root.childElementCount) mount(root, skeleton());
  const agenda = await optional('/api/review', { scope: homeScope(user) }, { goals: [] });
  if (ctx.stale()) return;
  const goals = agenda.goals || [];
  mount(root,
    pageHead(t('review.title', { scope: homeLabel(user) }), agenda.since ? t('review.since', { date: fmt.date(agenda.since) }) : null),
    goals.length ? card(t('review.agenda', { n: goals.length }), h('div.agenda', { 'data-test': 'agenda' }, goals.map((g, i) => item(g, ctx, i))), { class: 'card--flush' }) : card(null, empty(t('review.empty'))),
    h('div.grid.grid--halves',
      card(t('review.changes'), changeList(agenda.changes)),
      card(t('review.decisions'), decisionList(agenda.decisions))));
}

function item(g, ctx, i) {
  const cis = g.checkins || [];
  const unacked = cis.filter((c) => !c.acked_by);
  const last = cis[0];
  return h('details.agenda-item', { open: i < 3, class: `st-${g.status}` },
    h('summary.agenda-row',
      h('span.rank', g.rank || i + 1),
      h('div.list__main', h('span.list__title', g.title), h('span.list__sub', `${fmt.scope(g.scope, g.scope_label)} · ${fmt.metric(g.metric)} · ${fmt.period(g.period)}`)),
      h('div.agenda-figs',
        h('span.num', fmt.pct(g.attainment)),
        h('span.num.muted', `${t('goal.pace')} ${fmt.pct(g.pace, 0)}`),
        last ? confidence(last.confidence) : h('span.faint', t('dash.noci'))),
      (g.signals || []).filter((s) => s !== g.status).map((s) => h('span.pill', t(`signal.${s}`))),
      statusBadge(g.status)),
    h('div.agenda-body',
      h('div.toolbar',
        h('span.muted', `${t('goal.forecast')} ${fmt.metricValue(g.metric, g.forecast)}`),
        g.gap_to_expected ? h('span.muted', `${t('col.gap_to_expected')} ${fmt.metricValue(g.metric, g.gap_to_expected)}`) : null,
        h('a', { href: `#/goal/${g.id}` }, t('review.open'))),
      cis.length ? timeline(cis.slice(0, 2)) : h('p.muted', t('goal.nocheckins')),
      (g.actions || []).length ? h('ul.list', g.actions.map((a) => h('li', h('span.list__main', a.what || a.title || ''), a.due ? h('span.muted', fmt.date(a.due)) : null))) : null,
      h('div.toolbar',
        unacked.length ? h('button.btn.btn--sm', { type: 'button', 'data-test': 'ack', onclick: async (e) => {
          e.target.disabled = true;
          try { for (const c of unacked) await api.post(`/api/checkins/${c.id}/ack`, {}); toast(t('review.acked'), 'ok'); } catch (ex) { toast(ex.message, 'error'); e.target.disabled = false; }
        } }, t('review.ack', { n: unacked.length })) : null,
        h('button.btn.btn--sm', { type: 'button', onclick: () => decide(g, ctx) }, t('review.decide')))));
}

async function decide(g, ctx) {
  const text = h('textarea', { rows: 3, required: true });
  await dialog(t('review.decide'), h('div.form', h('p.muted', g.title), field(t('review.decision'), text)), [
    { label: t('common.cancel'), onclick: (close) => close(null) },
    { label: t('common.save'), primary: true, onclick: async (close) => {
      try { await api.post('/api/review/decisions', { goal: String(g.id), scope: homeScope(ctx.user), text: text.value }); toast(t('common.saved'), 'ok'); close(true); await render(ctx); } catch (e) { toast(e.message, 'error'); }
    } },
  ]);
}

function decisionList(rows) {
  if (!rows || !rows.length) return empty(t('review.nodecisions'));
  return h('ul.list', { 'data-test': 'decisions' }, rows.slice(-20).reverse().map((r) => h('li', h('div.list__main',
    h('span.list__title', r.text || ''),
    h('span.list__sub', [fmt.scope(r.by), fmt.date(r.meeting || r.at), r.goal ? `#${r.goal}` : null].filter(Boolean).join(' · '))))));
}

function changeList(ch) {
  const moves = (ch && ch.moves) || [];
  if (!moves.length) return empty(t('review.nochanges'));
  return h('ul.list', moves.map((m) => h('li',
    h('div.list__main', h('a.list__title', { href: `#/goal/${m.goal}` }, m.title)),
    statusBadge(m.from), h('span.muted', '→'), statusBadge(m.to))));
}
