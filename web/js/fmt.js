// fmt.js — numbers, money, dates, weeks, periods and scopes as a person reads
// them in the current language: zh ¥12.35万 / ¥1.23亿, 2026年12月2日, 第49周,
// 2026年第3季度; en ¥123,456, Dec 2, 2026, W49, Q3 2026. The API's figures are
// canonical text ("1234.50", ratios "0.8073", null when undefined).
import { getLang, t } from './i18n.js';

const SYMBOL = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: '¥', GBP: '£' };
let currency = 'CNY';
export function setCurrency(c) { if (c) currency = c; }

const MONEY_METRICS = new Set(['revenue', 'collections', 'won_value', 'avg_deal_size', 'pipeline', 'weighted_pipeline']);
const RATIO_METRICS = new Set(['win_rate', 'retention_rate', 'market_share']);

function num(v) {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

const DASH = '—';

/** V grouped with thousands separators and at most DIGITS decimals. */
export function number(v, digits = 0) {
  const n = num(v);
  if (n === null) return DASH;
  return n.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Money V: zh shortens with 万 (≥ 1万) and 亿 (≥ 1亿); en groups in full. */
export function money(v, cur = currency) {
  const n = num(v);
  if (n === null) return DASH;
  const sym = SYMBOL[cur] ?? `${cur} `;
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (getLang() === 'zh') {
    if (a >= 1e8) return `${sign}${sym}${(a / 1e8).toFixed(2)}亿`;
    if (a >= 1e4) return `${sign}${sym}${(a / 1e4).toFixed(2)}万`;
    return `${sign}${sym}${a.toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;
  }
  return `${sign}${sym}${a.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** Money on a chart axis: short in both languages (¥1.2亿 / ¥120M). */
export function moneyAxis(v) {
  const n = num(v);
  if (n === null) return '';
  const a = Math.abs(n), sign = n < 0 ? '-' : '', sym = SYMBOL[currency] ?? '';
  if (getLang() === 'zh') {
    if (a >= 1e8) return `${sign}${sym}${+(a / 1e8).toFixed(2)}亿`;
    if (a >= 1e4) return `${sign}${sym}${+(a / 1e4).toFixed(1)}万`;
    return `${sign}${sym}${a}`;
  }
  if (a >= 1e9) return `${sign}${sym}${+(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}${sym}${+(a / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${sign}${sym}${+(a / 1e3).toFixed(0)}K`;
  return `${sign}${sym}${a}`;
}

/** Ratio "0.8073" as "80.7%". */
export function pct(v, digits = 1) {
  const n = num(v);
  if (n === null) return DASH;
  return `${(n * 100).toFixed(digits)}%`;
}

/** A metric's value in its own unit (money, ratio or count). */
export function metricValue(metric, v) {
  if (MONEY_METRICS.has(metric)) return money(v);
  if (RATIO_METRICS.has(metric)) return pct(v);
  if (metric === 'csat' || metric === 'nps') return number(v, 1);
  return number(v, 0);
}
export function isMoneyMetric(metric) { return MONEY_METRICS.has(metric); }

const MON_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-02" as 2026年12月2日 / Dec 2, 2026. */
export function date(s) {
  if (!s) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s));
  if (!m) return String(s);
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return getLang() === 'zh' ? `${y}年${mo}月${d}日` : `${MON_EN[mo - 1]} ${d}, ${y}`;
}

/** A timestamp (ISO, UTC when it ends in Z) in local time: 2026年12月2日 18:03 / Dec 2, 2026 18:03. */
export function dateTime(s) {
  const d = new Date(String(s).replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return String(s);
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${date(iso)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Short date without the year: 12月2日 / Dec 2. */
export function dateShort(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s || ''));
  if (!m) return s || DASH;
  return getLang() === 'zh' ? `${+m[2]}月${+m[3]}日` : `${MON_EN[+m[2] - 1]} ${+m[3]}`;
}

/** ISO week N as 第49周 / W49. */
export function week(n) { return getLang() === 'zh' ? `第${+n}周` : `W${+n}`; }

/** A period as the CLI spells it, read aloud: 2026-Q3 → 2026年第3季度 / Q3 2026. */
export function period(p) {
  if (!p) return DASH;
  const s = String(p);
  const zh = getLang() === 'zh';
  let m;
  if ((m = /^(\d{4})$/.exec(s))) return zh ? `${m[1]}年` : m[1];
  if ((m = /^(\d{4})-H([12])$/.exec(s))) return zh ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) return zh ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(s))) return zh ? `${m[1]}年${week(m[2])}` : `${week(m[2])} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return zh ? `${m[1]}年${+m[2]}月` : `${MON_EN[+m[2] - 1]} ${m[1]}`;
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s))) return `${date(m[1])} – ${date(m[2])}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return date(s);
  return s;
}

/** A scope's display name: company → 公司 / Company; unit:华东 → 华东;
 * unit:华东/上海 → 上海; person:张伟 → 张伟 (as the server labels them).
 * LABEL (the API's scope_label) wins. */
export function scope(s, label) {
  if (label) return label;
  if (!s) return DASH;
  const str = String(s);
  if (str === 'company') return t('scope.company');
  let m;
  if ((m = /^unit:(.+)$/.exec(str))) {
    const parts = m[1].split('/');
    return parts[parts.length - 1];
  }
  if ((m = /^(person|team):(.+)$/.exec(str))) return m[2].replace(/^#/, '');
  return str;
}

/** The unit path above a scope, for a second line: unit:华东/上海/一组 → 华东 › 上海. */
export function scopeParent(s) {
  const m = /^unit:(.+)$/.exec(String(s || ''));
  if (!m) return '';
  const parts = m[1].split('/');
  return parts.slice(0, -1).join(' › ');
}

export function status(st) { return st ? t(`status.${st}`) : DASH; }
export function metric(m) { return m ? t(`metric.${m}`) : DASH; }

/** Today as YYYY-MM-DD in local time. */
export function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
