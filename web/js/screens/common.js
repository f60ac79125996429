// screens/common.js — pieces several screens share: the goal card, the SMART
// verdict, the home scope's label, safe optional fetches.
import { h, statusBadge } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api, ApiError } from '../api.js';

/** A goal status row as a card linking to its page. */
export function goalCard(g) {
  const att = Number(g.attainment);
  const el = Number(g.elapsed);
  const bar = h('div.progress__bar');
  bar.style.width = `${Math.max(0, Math.min(100, (Number.isFinite(att) ? att : 0) * 100))}%`;
  const mark = Number.isFinite(el) ? h('div.progress__mark', { title: t('goal.elapsed') }) : null;
  if (mark) mark.style.left = `${Math.max(0, Math.min(100, el * 100))}%`;
  return h('a.card.goal-card', { href: `#/goal/${g.id}`, class: `st-${g.status}`, 'data-test': 'goal-card' },
    h('div.card__head',
      h('div', { class: 'list__main' }, h('div.goal-card__title', { title: g.title }, g.title || fmt.metric(g.metric)),
        h('div.goal-card__scope', `${fmt.scope(g.scope, g.scope_label)} · ${fmt.period(g.period)}`)),
      statusBadge(g.status)),
    h('div', h('span.goal-card__big', fmt.pct(g.attainment)), h('span.muted', ` ${t('goal.attainment')}`)),
    h('div.progress', bar, mark),
    h('div.goal-card__figs',
      h('div', h('span.fig__label', t('goal.actual')), h('span.fig__value', fmt.metricValue(g.metric, g.actual))),
      h('div', h('span.fig__label', t('goal.target')), h('span.fig__value', fmt.metricValue(g.metric, g.target))),
      h('div', h('span.fig__label', t('goal.pace')), h('span.fig__value', fmt.pct(g.pace, 0))),
      h('div', h('span.fig__label', t('goal.forecast')), h('span.fig__value', fmt.metricValue(g.metric, g.forecast))),
      h('div', h('span.fig__label', t('goal.gap')), h('span.fig__value', fmt.metricValue(g.metric, g.gap))),
      h('div', h('span.fig__label', t('goal.run_rate')), h('span.fig__value', fmt.metricValue(g.metric, g.required_run_rate)))));
}

const LETTERS = ['S', 'M', 'A', 'R', 'T'];
/** The SMART verdict per letter. */
export function smartGrid(smart) {
  if (!smart) return null;
  return h('div.smart', { 'data-test': 'smart' }, LETTERS.map((L) => {
    const v = smart[L];
    return h('div.smart__item', { class: v ? (v.ok ? 'is-ok' : 'is-bad') : '' },
      h('div.smart__letter', L),
      h('div', h('div.smart__name', t(`smart.${L}`)), v && v.reason ? h('div.smart__reason', v.reason) : null),
      v ? h('span.smart__mark', { 'aria-label': v.ok ? t('smart.ok') : t('smart.bad') }, v.ok ? '✓' : '✕') : null);
  }));
}

/** Achievability: the verdict and its reasons (the numbers behind it). */
export function achievability(a) {
  if (!a) return null;
  const cls = { comfortable: 'st-achieved', reach: 'st-on_track', stretch: 'st-at_risk', unrealistic: 'st-behind' }[a.verdict] || '';
  return h('div', { 'data-test': 'achievability' },
    h('div', h('span.badge', { class: cls }, t(`achv.${a.verdict}`) === `achv.${a.verdict}` ? a.verdict : t(`achv.${a.verdict}`))),
    a.reasons && a.reasons.length ? h('ul.list', a.reasons.map((r) => h('li', h('span.list__sub', r)))) : null);
}

/** GET that answers FALLBACK when the route is missing or refuses this user
 * (403): the screen then shows its empty state. */
export async function optional(path, params, fallback) {
  try { return await api.get(path, params); } catch (e) {
    if (e instanceof ApiError && [403, 404, 405, 501].includes(e.status)) return fallback;
    throw e;
  }
}

export function homeScope(user) { return user.home_scope || 'company'; }
export function homeLabel(user) { return user.home_label || fmt.scope(user.home_scope || 'company'); }

export function pageHead(title, sub, ...actions) {
  return h('div.page-head', h('div', h('h1', title), sub ? h('div.page-head__sub', sub) : null), actions.length ? h('div.toolbar', actions) : null);
}
