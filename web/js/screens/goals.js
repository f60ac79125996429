// screens/goals.js — the goal tree: objectives → company → regions → teams →
// reps, expandable, target / actual / status per node; a node whose children
// do not add up (reconcile's mismatch) is marked, with a fix button.
import { h, mount, card, empty, skeleton, statusBadge, dialog, field, toast } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api } from '../api.js';
import { pageHead, optional } from './common.js';

const open = new Set();
let openInit = false;

export async function render(ctx) {
  const { root } = ctx;
  ctx.setTitle(t('nav.goals'));
  if (!root.childElementCount) mount(root, pageHead(t('tree.title')), skeleton());
  const data = await optional('/api/goals/tree', {}, { nodes: [] });
  if (ctx.stale()) return;
  // Objectives carry objective_id and head the goals of their group (a top
  // goal's objective_group); a goal whose parent this user may not see
  // stands at the top.
  const nodes = ((data && data.nodes) || []).map((n) => (n.kind === 'objective'
    ? { ...n, id: `o:${n.objective_id ?? 'none'}`, isObj: true }
    : { ...n, id: String(n.id) }));
  const byParent = new Map();
  const ids = new Set(nodes.map((n) => n.id));
  const parentOf = (n) => {
    if (n.isObj) return '';
    if (n.parent_id !== null && n.parent_id !== undefined && n.parent_id !== '' && ids.has(String(n.parent_id))) return String(n.parent_id);
    const o = `o:${n.objective_group ?? 'none'}`;
    return ids.has(o) ? o : '';
  };
  for (const n of nodes) {
    const p = parentOf(n);
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(n);
  }
  if (!openInit) {
    // Open the objectives and the top goals: the regions show at once.
    for (const n of byParent.get('') || []) {
      open.add(n.id);
      if (n.isObj) for (const k of byParent.get(n.id) || []) open.add(k.id);
    }
    openInit = true;
  }

  const body = h('div.tree', { role: 'tree', 'aria-label': t('tree.title'), 'data-test': 'tree' });
  const draw = () => {
    mount(body, h('div.tree-row.tree-row--head', { role: 'presentation' },
      h('div', t('tree.goal')), h('div.num.tree-col-target', t('goal.target')), h('div.num', t('goal.actual')), h('div', t('goal.status')), h('div.tree-col-fix')));
    const walk = (pid, depth) => {
      for (const n of byParent.get(pid) || []) {
        const id = String(n.id);
        const kids = byParent.get(id) || [];
        const isOpen = open.has(id);
        const isObj = !!n.isObj;
        body.appendChild(h('div.tree-row', {
          role: 'treeitem', 'aria-level': depth + 1, 'aria-expanded': kids.length ? String(isOpen) : null, class: isObj ? 'obj-row' : '', 'data-id': id,
        },
        h('div.tree-name', { class: `tree-indent-${Math.min(depth, 5)}` },
          kids.length ? h('button.tree-toggle', {
            type: 'button', 'aria-expanded': String(isOpen), 'aria-label': t(isOpen ? 'tree.collapse' : 'tree.expand'), 'data-test': 'tree-toggle',
            onclick: () => { if (isOpen) open.delete(id); else open.add(id); draw(); body.querySelector(`[data-id="${CSS.escape(id)}"] .tree-toggle`)?.focus(); },
          }, h('span.tree-caret', '▶')) : h('span.tree-spacer'),
          isObj ? h('span', n.title || t('tree.noobjective'), kids.length ? null : h('span.faint', ` · ${t('tree.nogoals')}`)) : h('a', { href: `#/goal/${n.goal_id || n.id}`, title: n.title }, fmt.scope(n.scope, n.scope_label)),
          !isObj ? h('span.faint.tree-meta', ` · ${fmt.metric(n.metric)} · ${fmt.period(n.period)}`) : null),
        h('div.num.tree-col-target', isObj ? '' : fmt.metricValue(n.metric, n.target)),
        h('div.num', isObj ? '' : h('span', fmt.metricValue(n.metric, n.actual), h('span.faint', ` ${fmt.pct(n.attainment, 0)}`))),
        h('div', isObj ? '' : statusBadge(n.status)),
        h('div.tree-col-fix', n.mismatch === true && ctx.may('manager') ? h('button.btn.btn--sm.btn--danger', {
          type: 'button', title: typeof n.mismatch === 'string' ? n.mismatch : t('tree.mismatch'), 'data-test': 'fix', onclick: () => fix(n, ctx),
        }, '⚠ ', t('tree.fix')) : null)));
        if (isOpen) walk(id, depth + 1);
      }
    };
    walk('', 0);
  };
  draw();
  const mism = nodes.filter((n) => n.mismatch === true).length;
  mount(root,
    pageHead(t('tree.title'), mism ? t('tree.mismatches', { n: mism }) : t('tree.sub'),
      h('button.btn', { type: 'button', onclick: () => { for (const n of nodes) open.add(String(n.id)); draw(); } }, t('tree.expandall')),
      h('button.btn', { type: 'button', onclick: () => { open.clear(); draw(); } }, t('tree.collapseall')),
      ctx.may('manager') ? h('a.btn.btn--primary', { href: '#/new' }, t('nav.new')) : null),
    nodes.length ? card(null, body, { class: 'card--flush' }) : card(null, empty(t('tree.empty'))));
}

/* A parent whose children do not add up: show the figures (GET
 * /api/goals/reconcile) and fix it — take the children's sum as the target
 * (PATCH, with a reason) or rebalance the children (POST …/rebalance). */
async function fix(n, ctx) {
  let row = null;
  try {
    const r = await api.get('/api/goals/reconcile', {});
    row = ((r && r.mismatches) || []).find((m) => String(m.id) === String(n.id)) || null;
  } catch (e) { toast(e.message, 'error'); return; }
  const how = h('select', h('option', { value: 'sum' }, t('tree.fix.sum')), h('option', { value: 'rebalance' }, t('tree.fix.rebalance')));
  const reason = h('input', { type: 'text', required: true, value: t('tree.fixreason') });
  const figs = row ? h('div.parsed',
    h('div', h('span.fig__label', t('goal.target')), h('span.fig__value', fmt.metricValue(n.metric, row.target))),
    h('div', h('span.fig__label', t('tree.childsum')), h('span.fig__value', fmt.metricValue(n.metric, row.children_sum))),
    h('div', h('span.fig__label', t('goal.gap')), h('span.fig__value', fmt.metricValue(n.metric, row.gap)))) : null;
  await dialog(t('tree.fixtitle', { name: fmt.scope(n.scope, n.scope_label) }), h('div.form', h('p', t('tree.mismatch')), figs, field(t('tree.method'), how), field(t('common.reason'), reason)), [
    { label: t('common.cancel'), onclick: (close) => close(null) },
    {
      label: t('tree.fix'), primary: true, onclick: async (close) => {
        try {
          if (how.value === 'sum' && row) await api.patch(`/api/goals/${n.id}`, { target: row.children_sum, reason: reason.value });
          else await api.post(`/api/goals/${n.id}/rebalance`, { reason: reason.value });
          toast(t('tree.fixed'), 'ok');
          close(true);
          await render(ctx);
        } catch (e) { toast(e.message, 'error'); }
      },
    },
  ]);
}
