// screens/requests.js — change requests on locked goals: the waiting ones
// with approve / reject (and a comment), and the decided ones below.
import { h, mount, card, empty, skeleton, field, toast, dialog, autoTable } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api } from '../api.js';
import { homeScope, pageHead, optional } from './common.js';

export async function render(ctx) {
  const { root, user } = ctx;
  ctx.setTitle(t('nav.requests'));
  if (!root.childElementCount) mount(root, skeleton());
  const [waiting, all] = await Promise.all([
    optional('/api/requests', { state: 'waiting', scope: homeScope(user) }, { requests: [] }),
    optional('/api/requests', { state: 'all', scope: homeScope(user) }, null),
  ]);
  if (ctx.stale()) return;
  const rows = waiting.requests || waiting.rows || [];
  const done = ((all && (all.requests || all.rows)) || []).filter((r) => !['pending', 'waiting'].includes(r.status));
  mount(root,
    pageHead(t('req.title'), t('req.sub', { n: rows.length })),
    rows.length ? h('div.form', { 'data-test': 'requests' }, rows.map((r) => card(r.summary || t(`req.kind.${r.kind}`), h('div.form',
      h('div.toolbar', h('span.pill', t(`req.kind.${r.kind}`) === `req.kind.${r.kind}` ? r.kind : t(`req.kind.${r.kind}`)), r.stale === 'yes' || r.stale === true || r.stale === 'true' ? h('span.badge.st-at_risk', t('req.stale')) : null),
      r.reason ? h('p', r.reason) : null,
      h('p.muted', `${fmt.scope(r.requested_by)} · ${fmt.date(r.requested_on)} · ${fmt.scope(r.scope, r.scope_label)}`),
      h('div.toolbar',
        h('button.btn.btn--primary', { type: 'button', 'data-test': 'approve', onclick: () => decide(ctx, r, 'approve') }, t('req.approve')),
        h('button.btn.btn--danger', { type: 'button', 'data-test': 'reject', onclick: () => decide(ctx, r, 'reject') }, t('req.reject')))),
    ))) : card(null, empty(t('req.empty'), '✓')),
    card(t('req.decided'), autoTable(done.slice(0, 30), { keys: ['id', 'kind', 'summary', 'status', 'requested_by', 'decided_by', 'decided_on'].filter((k) => !done.length || k in done[0]) })));
}

async function decide(ctx, r, what) {
  const note = h('input', { type: 'text', name: 'comment' });
  await dialog(t(`req.${what}`), h('div.form', h('p', r.summary || ''), field(t('req.comment'), note)), [
    { label: t('common.cancel'), onclick: (close) => close(null) },
    { label: t(`req.${what}`), primary: true, onclick: async (close) => {
      try {
        await api.post(`/api/requests/${r.id}/${what}`, { comment: note.value });
        toast(t(what === 'approve' ? 'req.approved' : 'req.rejected'), 'ok');
        close(true);
        await render(ctx);
      } catch (e) { toast(e.message, 'error'); }
    } },
  ]);
}
