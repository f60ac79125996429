// ui.js — building DOM without innerHTML (so no markup from data is ever
// parsed, and no inline style reaches the page under the CSP), and the small
// components every screen shares: cards, status badges, tables, empty states,
// dialogs, toasts, confidence pips.
import { t } from './i18n.js';
import * as fmt from './fmt.js';

/** h('div.card#x', {onclick, class, ...attrs}, ...children): an element.
 * Strings become text nodes; null/false children are skipped; arrays flatten. */
export function h(sel, attrs, ...children) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  const m = /^([a-z0-9-]+)?((?:[.#][\w-]+)*)$/i.exec(sel);
  const el = document.createElement((m && m[1]) || 'div');
  if (m && m[2]) for (const part of m[2].match(/[.#][\w-]+/g)) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') String(v).split(/\s+/).filter(Boolean).forEach((c) => el.classList.add(c));
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replace the children of EL. */
export function mount(el, ...children) { el.replaceChildren(); append(el, children); return el; }

export function statusBadge(st) { return h('span.badge', { class: `st-${st || 'none'}` }, fmt.status(st)); }

export function card(title, body, opts = {}) {
  return h('section.card', { class: opts.class, 'aria-label': typeof title === 'string' ? title : undefined },
    title || opts.action ? h('div.card__head', h('div', h('h2', title), opts.sub ? h('div.card__sub', opts.sub) : null), opts.action || null) : null,
    body);
}

export function empty(text, icon = '○') { return h('div.empty', h('span.empty__icon', { 'aria-hidden': 'true' }, icon), text); }
export function skeleton() { return h('div.skeleton', { 'aria-hidden': 'true' }); }
export function errorBox(e) { return h('div.notice.notice--error', { role: 'alert' }, (e && e.message) || String(e)); }

/** Confidence 0–10 as pips and the number. */
export function confidence(v) {
  const n = Math.max(0, Math.min(10, Number(v) || 0));
  const pips = [];
  for (let i = 1; i <= 10; i++) pips.push(h('span.conf__pip', { class: i <= n ? 'on' : '' }));
  return h('span.conf', { title: `${t('checkin.confidence')} ${n}/10`, 'aria-label': `${t('checkin.confidence')} ${n}/10` }, pips, h('span.muted', ` ${n}/10`));
}

/** A table of ROWS with COLS [{key, label, num, render(row)}]. */
export function table(cols, rows, opts = {}) {
  if (!rows || !rows.length) return empty(opts.empty || t('common.empty'));
  return h('div.table-wrap', h('table.tbl',
    h('thead', h('tr', cols.map((c) => h('th', { class: c.num ? 'num' : '', scope: 'col' }, c.label)))),
    h('tbody', rows.map((r) => h('tr', cols.map((c) => h('td', { class: c.num ? 'num' : '' },
      c.render ? c.render(r) : (r[c.key] ?? '—'))))))));
}

let toastsEl;
export function toast(msg, kind = '') {
  if (!toastsEl) { toastsEl = h('div.toasts', { role: 'status', 'aria-live': 'polite' }); document.body.appendChild(toastsEl); }
  const el = h('div.toast', { class: kind ? `toast--${kind}` : '' }, msg);
  toastsEl.appendChild(el);
  setTimeout(() => el.remove(), 4000);
}

/** A modal dialog: Escape closes it, focus stays inside (the native <dialog>).
 * BODY is a node; BUTTONS [{label, primary, onclick(close)}]. Resolves on close. */
export function dialog(title, body, buttons) {
  return new Promise((resolve) => {
    const dlg = h('dialog.dlg', { 'aria-label': title });
    const close = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    mount(dlg, h('form.dlg__body', { method: 'dialog', onsubmit: (e) => { e.preventDefault(); const p = buttons.find((b) => b.primary); if (p) p.onclick(close); } },
      h('h2', title), body,
      h('div.dlg__actions', buttons.map((b) => h('button.btn', {
        type: b.primary ? 'submit' : 'button', class: b.primary ? 'btn--primary' : '',
        onclick: b.primary ? undefined : () => b.onclick(close),
      }, b.label)))));
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    document.body.appendChild(dlg);
    dlg.showModal();
  });
}

/** Debounce FN by MS. */
export function debounce(fn, ms) {
  let timer;
  return (...a) => { clearTimeout(timer); timer = setTimeout(() => fn(...a), ms); };
}

/** A labelled form field around INPUT. */
export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  return h('div.field', h('label', { for: id }, label), input, hint ? h('div.field__hint', hint) : null);
}

/** The avatar initial of a name. */
export function avatar(name) { return h('span.avatar', { 'aria-hidden': 'true' }, (name || '?').slice(0, 1).toUpperCase()); }

const MONEY_COLS = new Set(['value', 'amount', 'target', 'actual', 'expected', 'forecast', 'gap', 'required_run_rate', 'commit', 'best_case', 'adjusted_commit', 'weighted_pipeline', 'closed_won', 'quota', 'pipeline', 'won_value', 'revenue', 'collections', 'variance', 'gap_to_expected', 'avg_deal_size', 'forecast_pipeline', 'previous', 'baseline', 'old_target', 'new_target', 'original_target', 'current_target', 'budget', 'market_size']);
const RATIO_COLS = new Set(['attainment', 'pace', 'share', 'win_rate', 'retention_rate', 'coverage', 'elapsed', 'accuracy', 'variance_pct', 'growth', 'conversion', 'error', 'bias']);
const DATE_COLS = /(^date$|_on$|_at$|^at$|^due$|^since$|^last_checkin$|_date$|^created$|^last_used$)/;

/** A table of whatever columns ROWS carry, each cell formatted by its column's
 * kind (money, ratio, date, scope, period, status); headers from col.KEY. */
export function autoTable(rows, opts = {}) {
  if (!rows || !rows.length) return empty(opts.empty || t('common.empty'));
  const keys = (opts.keys || Object.keys(rows[0])).filter((k) => !(opts.hide || []).includes(k));
  const isMoney = (k) => (opts.money === false ? false : MONEY_COLS.has(k));
  const cols = keys.map((k) => ({
    key: k,
    label: t(`col.${k}`) === `col.${k}` ? k : t(`col.${k}`),
    num: isMoney(k) || RATIO_COLS.has(k) || /^(rank|rows|count|orders|deals|customers|n|line|confidence|callers)$/.test(k),
    render: (r) => {
      const v = r[k];
      if (v === null || v === undefined || v === '') return '—';
      if (typeof v === 'object') return JSON.stringify(v);
      if (k === 'status') return statusBadge(v);
      if (k === 'scope') return fmt.scope(v, r.scope_label);
      if (/^(requested_by|decided_by|by|owner|credited|person)$/.test(k) && /^(person|unit|team):/.test(String(v))) return fmt.scope(v);
      if (k === 'kind' && t(`req.kind.${v}`) !== `req.kind.${v}`) return t(`req.kind.${v}`);
      if (k === 'role' && t(`role.${v}`) !== `role.${v}`) return t(`role.${v}`);
      if (v === 'yes' || v === 'no') return t(`common.${v}`);
      if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(String(v))) return fmt.dateTime(v);
      if (k === 'period') return fmt.period(v);
      if (k === 'metric') return fmt.metric(v);
      if (isMoney(k)) return opts.metric ? fmt.metricValue(opts.metric, v) : fmt.money(v);
      if (RATIO_COLS.has(k) && /^-?\d+(\.\d+)?$/.test(String(v))) return fmt.pct(v);
      if (DATE_COLS.test(k)) return fmt.date(v);
      return String(v);
    },
  }));
  return table(cols, rows, opts);
}
