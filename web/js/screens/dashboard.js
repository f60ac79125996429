// screens/dashboard.js — the signed-in person's scope this period: goal
// cards, the burn-up of the home goal, attainment by member, the leaderboard
// and what needs attention (behind / at risk, check-ins due, requests waiting).
import { h, mount, card, empty, skeleton, statusBadge } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import * as charts from '../charts.js';
import { goalCard, optional, homeScope, homeLabel, pageHead } from './common.js';
import { api } from '../api.js';

export async function render(ctx) {
  const { root, user } = ctx;
  const scope = homeScope(user);
  ctx.setTitle(t('nav.dashboard'));
  if (!root.childElementCount) mount(root, pageHead(t('dash.title', { scope: homeLabel(user) })), h('div.grid.grid--cards', skeleton(), skeleton(), skeleton()));

  // A rep reads their own goals and, read-only, their team's: ask for every
  // goal they may read and find the team's goal among them.
  const rep = user.role === 'rep';
  const status = await optional('/api/goals/status', rep ? {} : { scope }, { goals: [] });
  if (ctx.stale()) return;
  const goals = (status && status.goals) || [];
  // Goals running now first, those not started yet after them.
  const later = (g) => (g.status === 'not_started' ? 1 : 0);
  const own = goals.filter((g) => g.scope === scope).sort((a, b) => later(a) - later(b));
  const home = own.find((g) => g.metric === 'revenue') || own[0] || goals[0] || null;
  const team = rep && home ? goals.filter((g) => /^unit:/.test(g.scope) && g.metric === home.metric && g.period === home.period)
    .sort((a, b) => b.scope.split('/').length - a.scope.split('/').length)[0] : null;
  const boardScope = team ? team.scope : scope;
  const homeKids = home && !rep ? goals.filter((g) => g !== home && g.period === home.period && g.metric === home.metric && isChildScope(home.scope, g.scope)) : [];
  const cards = [...own, ...homeKids].slice(0, 8);
  if (!cards.length) cards.push(...goals.slice(0, 4));

  const [detail, burn, lb, due, reqs] = await Promise.all([
    home ? optional(`/api/goals/${home.id}`, undefined, null) : null,
    home ? optional(`/api/goals/${home.id}/burnup`, undefined, null) : null,
    home ? optional('/api/reports/leaderboard', { metric: home.metric, period: home.period, scope: boardScope }, null) : null,
    optional('/api/checkins/due', { scope }, null),
    ctx.may('manager') ? optional('/api/requests', { state: 'waiting', scope }, null) : null,
  ]);
  if (ctx.stale()) return;

  const burnEl = h('div.chart.chart--tall', { 'data-test': 'burnup', role: 'img', 'aria-label': t('dash.burnup') });
  const barEl = h('div.chart', { 'data-test': 'members', role: 'img', 'aria-label': t('dash.members') });
  // Attainment by member: the people's goals of the home goal's metric and
  // period inside the scope, else the home goal's children.
  const people = home ? goals.filter((g) => g.period === home.period && g.metric === home.metric && /^person:/.test(g.scope) && g.scope !== home.scope) : [];
  const children = people.length > 1 ? people : ((detail && detail.children) || []);
  const memberRows = children.map((c) => ({ label: fmt.scope(c.scope, c.scope_label), value: c.attainment, status: c.status }))
    .sort((a, b) => Number(b.value) - Number(a.value)).slice(0, 20);
  barEl.style.height = `${Math.max(200, memberRows.length * 32 + 24)}px`;

  const attention = needsAttention(goals.filter((g) => g !== home && (!rep || g.scope === scope)), due, reqs, user);
  const myDue = dueFor(due, user);

  mount(root,
    pageHead(t('dash.title', { scope: homeLabel(user) }), home ? [fmt.period(home.period), asOf(burn) ? t('dash.asof', { date: fmt.date(asOf(burn)) }) : null].filter(Boolean).join(' · ') : null,
      h('a.btn.btn--primary', { href: myDue ? `#/checkin/${myDue.goal}` : '#/checkin', 'data-test': 'cta-checkin' }, t('dash.checkin'))),
    cards.length ? h('div.grid.grid--cards', { 'data-test': 'cards' }, cards.map(goalCard)) : card(null, empty(t('dash.nogoals'))),
    h('div.grid.grid--2',
      card(t('dash.burnup'), burn && burn.days && burn.days.length ? burnEl : empty(t('dash.noburnup')), { sub: home ? home.title : null }),
      card(t('dash.attention'), attention, { sub: t('dash.attention.sub') })),
    h('div.grid.grid--halves',
      card(t('dash.members'), memberRows.length ? barEl : empty(t('dash.nomembers')), { sub: home ? `${fmt.metric(home.metric)} · ${fmt.period(home.period)}` : null }),
      card(t('dash.leaderboard'), leaderboard(lb, home, user), { sub: home ? `${fmt.scope(boardScope)} · ${fmt.metric(home.metric)}` : null })));

  if (burn && burn.days && burn.days.length) charts.burnup(burnEl, burn, { money: fmt.isMoneyMetric(home.metric) });
  if (memberRows.length) charts.attainmentBars(barEl, memberRows);
}

/** The server's as-of day: the burn-up's last day with an actual (the
 * browser's clock may be in another time zone than the database's). */
function asOf(burn) {
  if (!burn || !burn.days || !burn.actual) return burn && burn.as_of ? burn.as_of : null;
  if (burn.as_of) return burn.as_of;
  for (let i = Math.min(burn.days.length, burn.actual.length) - 1; i >= 0; i--) if (burn.actual[i] !== null && burn.actual[i] !== undefined) return burn.days[i];
  return null;
}

/** Whether scope C sits right below scope P (company → region, unit → sub-unit). */
function isChildScope(p, c) {
  if (!/^unit:/.test(c)) return false;
  const cp = c.slice(5).split('/');
  if (p === 'company') return cp.length === 1;
  if (!/^unit:/.test(p)) return false;
  const pp = p.slice(5).split('/');
  return cp.length === pp.length + 1 && c.startsWith(`${p}/`);
}

function dueFor(due, user) {
  const rows = (due && (due.rows || due.checkins || due.due)) || [];
  return rows.find((r) => r.owes === user.person_label || r.owes === user.person) || null;
}

function needsAttention(goals, due, reqs, user) {
  const bad = goals.filter((g) => g.status === 'behind' || g.status === 'at_risk')
    .sort((a, b) => Number(a.pace) - Number(b.pace)).slice(0, 5);
  const dueRows = ((due && (due.rows || due.checkins || due.due)) || []).slice(0, 4);
  const reqRows = ((reqs && (reqs.requests || reqs.rows)) || []).slice(0, 5);
  if (!bad.length && !dueRows.length && !reqRows.length) return empty(t('dash.allgood'), '✓');
  return h('div.attn', { 'data-test': 'attention' },
    bad.length ? [h('div.attn__group', t('dash.attn.goals')), h('ul.list', bad.map((g) => h('li',
      h('div.list__main', h('a.list__title', { href: `#/goal/${g.id}` }, g.title), h('span.list__sub', `${fmt.scope(g.scope, g.scope_label)} · ${t('goal.pace')} ${fmt.pct(g.pace, 0)}`)),
      statusBadge(g.status))))] : null,
    dueRows.length ? [h('div.attn__group', t('dash.attn.due')), h('ul.list', dueRows.map((r) => h('li',
      h('div.list__main', h('span.list__title', r.title), h('span.list__sub', `${r.owes || ''} · ${r.last_checkin ? t('dash.lastci', { date: fmt.date(r.last_checkin) }) : t('dash.noci')}`)),
      r.owes === user.person_label ? h('a.btn.btn--sm', { href: `#/checkin/${r.goal}` }, t('dash.checkin')) : null)))] : null,
    reqRows.length ? [h('div.attn__group', t('dash.attn.requests')), h('ul.list', reqRows.map((r) => h('li',
      h('div.list__main', h('span.list__title', r.summary || r.kind), h('span.list__sub', `${r.requested_by || ''} · ${fmt.date(r.requested_on)}`)),
      h('a.btn.btn--sm', { href: '#/requests' }, t('dash.decide')))))] : null);
}

function leaderboard(lb, home, user) {
  const rows = (lb && lb.rows) || [];
  if (!rows.length) return empty(t('dash.nolb'));
  return h('ol.list', { 'data-test': 'leaderboard' }, rows.slice(0, 10).map((r, i) => h('li',
    h('span.rank', { class: `rank--${i + 1}` }, r.rank || i + 1),
    h('div.list__main', h('span.list__title', { class: r.scope === user.home_scope ? 'is-me' : '' }, fmt.scope(r.scope, r.scope_label)), h('span.list__sub', `${t('dash.share')} ${fmt.pct(r.share)}`)),
    h('span.num', fmt.metricValue(home ? home.metric : r.metric, r.value)))));
}
