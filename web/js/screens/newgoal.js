// screens/newgoal.js — a new goal from a sentence (live parse and SMART check
// as you type, 250 ms after the last key) or from fields; then the split
// wizard: over members / units / months / quarters, a preview of the
// children (dry run), and save.
import { h, mount, card, empty, debounce, field, toast, autoTable } from '../ui.js';
import { t, getLang } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api } from '../api.js';
import { smartGrid, achievability, pageHead, homeScope } from './common.js';

const METRICS = ['revenue', 'collections', 'won_value', 'orders', 'new_customers', 'deals_won', 'win_rate', 'visits', 'csat'];

export async function render(ctx) {
  const { root, query } = ctx;
  ctx.setTitle(t('nav.new'));
  if (query.split) return splitWizard(ctx, query.split, null);

  const mode = { v: 'sentence' };
  const body = h('div');
  const seg = h('div.seg', { role: 'group', 'aria-label': t('new.mode') },
    ['sentence', 'fields'].map((m) => h('button', { type: 'button', 'aria-pressed': String(mode.v === m), 'data-mode': m, onclick: () => { mode.v = m; seg.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === m))); draw(); } }, t(`new.mode.${m}`))));
  const draw = () => mount(body, mode.v === 'sentence' ? sentenceForm(ctx) : fieldsForm(ctx));
  mount(root, pageHead(t('new.title'), t('new.sub'), seg), body);
  draw();
  body.querySelector('input, textarea')?.focus();
}

function sentenceForm(ctx) {
  const input = h('input.sentence', { type: 'text', name: 'sentence', autocomplete: 'off', 'data-test': 'sentence', placeholder: getLang() === 'zh' ? '2027年第一季度华东区销售额达到3000万元' : 'Raise East region revenue to ¥30M in 2027 Q1' });
  const out = h('div.form', { 'aria-live': 'polite' }, empty(t('new.typehint'), '✎'));
  const submit = h('button.btn.btn--primary', { type: 'submit', disabled: true, 'data-test': 'create' }, t('new.create'));
  let last = null, seq = 0;
  const parse = debounce(async () => {
    const s = input.value.trim();
    if (!s) { mount(out, empty(t('new.typehint'), '✎')); submit.disabled = true; return; }
    const my = ++seq;
    try {
      const r = await api.post('/api/goals/parse', { sentence: s });
      if (my !== seq || ctx.stale()) return;
      last = r;
      const errs = r.errors || [];
      submit.disabled = errs.length > 0;
      input.setAttribute('aria-invalid', errs.length ? 'true' : 'false');
      mount(out, parsedView(r.parsed), errs.length ? h('div.notice.notice--error', errs.map((e) => h('div', typeof e === 'string' ? e : e.message))) : null,
        h('h3', t('goal.smart')), smartGrid(r.smart) || empty(t('common.empty')),
        h('h3', t('goal.achievability')), achievability(r.achievability) || empty(t('common.empty')));
    } catch (e) {
      if (my !== seq) return;
      submit.disabled = true;
      mount(out, h('div.notice.notice--error', { role: 'alert' }, e.message));
    }
  }, 250);
  input.addEventListener('input', parse);
  const form = h('form.form', {
    onsubmit: async (e) => {
      e.preventDefault();
      if (submit.disabled && !last) return;
      submit.disabled = true;
      try {
        const r = await api.post('/api/goals', { sentence: input.value.trim() });
        toast(t('new.created'));
        afterCreate(ctx, r.goal);
      } catch (ex) { toast(ex.message, 'error'); submit.disabled = false; }
    },
  }, field(t('new.sentence'), input, t('new.sentencehint')), h('div.toolbar', submit));
  return h('div.grid.grid--2', card(null, form), card(t('new.live'), out));
}

function parsedView(p) {
  if (!p) return null;
  const item = (k, v) => h('div', h('span.fig__label', t(`col.${k}`)), h('span.fig__value', v || '—'));
  return h('div.parsed', { 'data-test': 'parsed' },
    item('metric', fmt.metric(p.metric)), item('scope', fmt.scope(p.scope, p.scope_label)), item('period', fmt.period(p.period)),
    item('target', p.target ? fmt.metricValue(p.metric, p.target) : (p.growth ? `+${p.growth}` : null)));
}

function fieldsForm(ctx) {
  const title = h('input', { type: 'text', name: 'title' });
  const metric = h('select', { name: 'metric' }, METRICS.map((m) => h('option', { value: m }, fmt.metric(m))));
  const scope = h('input', { type: 'text', name: 'scope', value: homeScope(ctx.user), required: true });
  const period = h('input', { type: 'text', name: 'period', value: 'next-quarter', required: true });
  const target = h('input', { type: 'text', name: 'target', required: true, placeholder: '3000万' });
  const err = h('div.notice.notice--error.hidden', { role: 'alert' });
  const form = h('form.form', {
    onsubmit: async (e) => {
      e.preventDefault();
      err.classList.add('hidden');
      [title, scope, period, target].forEach((i) => i.removeAttribute('aria-invalid'));
      try {
        const r = await api.post('/api/goals', { title: title.value || undefined, metric: metric.value, scope: scope.value, period: period.value, target: target.value });
        toast(t('new.created'));
        afterCreate(ctx, r.goal);
      } catch (ex) {
        err.textContent = ex.message;
        err.classList.remove('hidden');
        const bad = { title, scope, period, target }[ex.field];
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
      }
    },
  }, err,
  h('div.form-row', field(t('col.metric'), metric), field(t('col.scope'), scope, t('new.scopehint'))),
  h('div.form-row', field(t('col.period'), period, t('new.periodhint')), field(t('col.target'), target, t('new.targethint'))),
  field(t('col.title'), title),
  h('div.toolbar', h('button.btn.btn--primary', { type: 'submit' }, t('new.create'))));
  return card(null, form);
}

function afterCreate(ctx, goal) {
  if (!goal || !goal.id) { ctx.go('#/goals'); return; }
  splitWizard(ctx, goal.id, goal);
}

async function splitWizard(ctx, id, goal) {
  const { root } = ctx;
  if (!goal) { try { goal = (await api.get(`/api/goals/${encodeURIComponent(id)}`)).goal; } catch (e) { mount(root, h('div.notice.notice--error', e.message)); return; } }
  if (ctx.stale()) return;
  ctx.setTitle(t('split.title'));
  const by = h('select', { name: 'by', 'data-test': 'split-by' }, ['members', 'units', 'months', 'quarters', 'weeks'].map((b) => h('option', { value: b }, t(`split.by.${b}`))));
  const method = h('select', { name: 'method' }, ['even', 'history', 'capacity', 'seasonal', 'working'].map((m) => h('option', { value: m }, t(`method.${m}`))));
  const reason = h('input', { type: 'text', name: 'reason', value: t('split.reason') });
  const preview = h('div', { 'aria-live': 'polite' }, empty(t('split.hint')));
  const save = h('button.btn.btn--primary', { type: 'button', disabled: true, 'data-test': 'split-save' }, t('split.save'));
  const req = () => ({ by: by.value, over: by.value, method: method.value, reason: reason.value });
  const doPreview = async () => {
    save.disabled = true;
    try {
      const r = await api.post(`/api/goals/${goal.id}/split`, { ...req(), dry_run: true });
      const kids = r.children || [];
      const sum = kids.reduce((a, c) => a + Number(c.target || 0), 0);
      mount(preview, autoTable(kids, { keys: ['scope', 'period', 'weight', 'target'].filter((k) => !kids.length || k in kids[0]), metric: goal.metric }),
        h('p.muted', t('split.sum', { n: kids.length, sum: fmt.metricValue(goal.metric, sum) })));
      preview.dataset.test = 'split-preview';
      save.disabled = !kids.length;
    } catch (e) { mount(preview, h('div.notice.notice--error', { role: 'alert' }, e.message)); }
  };
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      await api.post(`/api/goals/${goal.id}/split`, { ...req(), dry_run: false });
      toast(t('split.saved'));
      ctx.go(`#/goal/${goal.id}`);
    } catch (e) { toast(e.message, 'error'); save.disabled = false; }
  });
  mount(root,
    pageHead(t('split.title'), `${goal.title} · ${fmt.scope(goal.scope, goal.scope_label)} · ${fmt.period(goal.period)} · ${fmt.metricValue(goal.metric, goal.target)}`),
    h('div.grid.grid--2',
      card(t('split.step1'), h('form.form', { onsubmit: (e) => { e.preventDefault(); doPreview(); } },
        h('div.form-row', field(t('split.over'), by), field(t('split.method'), method)), field(t('common.reason'), reason),
        h('div.toolbar', h('button.btn', { type: 'submit', 'data-test': 'split-preview-btn' }, t('split.preview')), save,
          h('a.btn.btn--ghost', { href: `#/goal/${goal.id}` }, t('split.skip'))))),
      card(t('split.step2'), preview)));
}
