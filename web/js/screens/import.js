// screens/import.js — import a CRM export: pick the kind and a CSV file, see
// the column mapping and every row error first (dry run, nothing written),
// then commit all-or-nothing.
import { h, mount, card, empty, field, toast, autoTable } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { pageHead } from './common.js';

const KINDS = ['orders', 'payments', 'deals', 'customers', 'people', 'units', 'activities', 'surveys', 'markets', 'holidays', 'rates'];

export async function render(ctx) {
  const { root } = ctx;
  ctx.setTitle(t('nav.import'));
  const kind = h('select', { name: 'kind' }, KINDS.map((k) => h('option', { value: k, selected: k === ctx.query.kind }, t(`kind.${k}`))));
  const file = h('input', { type: 'file', accept: '.csv,text/csv', name: 'file', required: true, 'data-test': 'import-file' });
  const out = h('div', { 'aria-live': 'polite' }, empty(t('imp.hint'), '⇪'));
  const commit = h('button.btn.btn--primary', { type: 'button', disabled: true }, t('imp.commit'));
  let text = '';
  const check = async (e) => {
    if (e) e.preventDefault();
    if (!file.files[0]) return;
    text = await file.files[0].text();
    commit.disabled = true;
    try {
      const r = await api.post(`/api/import?kind=${encodeURIComponent(kind.value)}&dry_run=1`, text);
      const errs = r.errors || [];
      mount(out,
        h('div.notice', { class: errs.length ? 'notice--error' : 'notice--ok' }, t(errs.length ? 'imp.bad' : 'imp.good', { rows: r.rows ?? 0, n: errs.length })),
        h('h3', t('imp.mapping')), autoTable(r.mapping || []),
        errs.length ? [h('h3', t('imp.errors')), autoTable(errs.slice(0, 200))] : null);
      commit.disabled = errs.length > 0;
    } catch (ex) { mount(out, h('div.notice.notice--error', { role: 'alert' }, ex.message)); }
  };
  commit.addEventListener('click', async () => {
    commit.disabled = true;
    try {
      const r = await api.post(`/api/import?kind=${encodeURIComponent(kind.value)}`, text);
      toast(t('imp.done', { n: r.imported ?? r.rows ?? 0 }), 'ok');
      mount(out, h('div.notice.notice--ok', t('imp.done', { n: r.imported ?? r.rows ?? 0 })));
    } catch (ex) { toast(ex.message, 'error'); }
  });
  file.addEventListener('change', check);
  mount(root, pageHead(t('imp.title'), t('imp.sub')),
    h('div.grid.grid--2',
      card(null, h('form.form', { onsubmit: check }, field(t('imp.kind'), kind), field(t('imp.file'), file), h('div.toolbar', h('button.btn', { type: 'submit' }, t('imp.check')), commit))),
      card(t('imp.preview'), out)));
}
