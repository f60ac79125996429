// charts.js — the ECharts the UI draws (the UMD build /vendor/echarts.min.js,
// loaded by index.html before the modules): the burn-up of a goal (actual vs
// expected vs target, with the forecast) and horizontal attainment bars.
// Every chart is disposed when its screen goes (disposeAll) and follows the
// size of its box.
import { t } from './i18n.js';
import * as fmt from './fmt.js';

const live = new Set();
const C = { actual: '#2563eb', expected: '#9aa3af', target: '#1f2937', forecast: '#7c3aed', ok: '#16a34a', warn: '#d97706', bad: '#dc2626', done: '#2563eb', idle: '#8b95a3' };
const STATUS_COLOR = { on_track: C.ok, at_risk: C.warn, behind: C.bad, missed: C.bad, achieved: C.done, met: C.done, not_started: C.idle };

function init(el) {
  if (!window.echarts) return null;
  const chart = window.echarts.init(el, null, { renderer: 'canvas' });
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  const entry = { chart, ro };
  live.add(entry);
  return chart;
}

export function disposeAll() {
  for (const e of live) { e.ro.disconnect(); e.chart.dispose(); }
  live.clear();
}

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v));
const baseText = { fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font') || 'sans-serif', color: '#6b7280' };

/** Burn-up of B ({days, target, actual, expected, forecast}) into EL. */
export function burnup(el, b, opts = {}) {
  const chart = init(el);
  if (!chart || !b || !b.days || !b.days.length) return null;
  const days = b.days;
  const pad = (arr) => days.map((_, i) => num(arr && arr[i]));
  const target = num(b.target);
  const money = opts.money !== false;
  const f = money ? fmt.moneyAxis : (v) => fmt.number(v);
  chart.setOption({
    textStyle: baseText,
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 16, itemHeight: 8, textStyle: { color: '#4b5563' } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : (money ? fmt.money(v) : fmt.number(v))),
    },
    xAxis: {
      type: 'category', data: days, boundaryGap: false,
      axisLabel: { formatter: (d) => fmt.dateShort(d), hideOverlap: true, color: '#6b7280' },
      axisLine: { lineStyle: { color: '#cdd5df' } }, axisTick: { show: false },
    },
    yAxis: { type: 'value', axisLabel: { formatter: f, color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
    series: [
      { name: t('chart.actual'), type: 'line', data: pad(b.actual), showSymbol: false, lineStyle: { width: 3, color: C.actual }, itemStyle: { color: C.actual }, areaStyle: { color: 'rgba(37,99,235,.08)' } },
      { name: t('chart.expected'), type: 'line', data: pad(b.expected), showSymbol: false, lineStyle: { width: 2, type: 'dashed', color: C.expected }, itemStyle: { color: C.expected } },
      { name: t('chart.forecast'), type: 'line', data: pad(b.forecast), showSymbol: false, lineStyle: { width: 2, type: 'dotted', color: C.forecast }, itemStyle: { color: C.forecast } },
      {
        name: t('chart.target'), type: 'line', data: [], itemStyle: { color: C.target },
        markLine: target === null ? undefined : { symbol: 'none', silent: true, lineStyle: { color: C.target, type: 'solid', width: 1 }, label: { formatter: `${t('chart.target')} ${f(target)}`, position: 'insideEndTop', color: '#1f2937' }, data: [{ yAxis: target }] },
      },
    ],
  });
  return chart;
}

/** Horizontal bars of ROWS [{label, value (ratio), status}] — attainment by member. */
export function attainmentBars(el, rows) {
  const chart = init(el);
  if (!chart || !rows || !rows.length) return null;
  const data = rows.slice().reverse();
  chart.setOption({
    textStyle: baseText,
    animationDuration: 300,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.pct(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => fmt.pct(v, 0), color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
    yAxis: { type: 'category', data: data.map((r) => r.label), axisTick: { show: false }, axisLine: { lineStyle: { color: '#cdd5df' } }, axisLabel: { color: '#374151', width: 96, overflow: 'truncate' } },
    series: [{
      type: 'bar', barMaxWidth: 18, name: t('goal.attainment'),
      data: data.map((r) => ({ value: num(r.value), itemStyle: { color: STATUS_COLOR[r.status] || C.actual, borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: 'right', formatter: (p) => fmt.pct(p.value, 0), color: '#4b5563' },
      markLine: { symbol: 'none', silent: true, lineStyle: { color: '#1f2937', type: 'dashed' }, label: { show: false }, data: [{ xAxis: 1 }] },
    }],
  });
  return chart;
}

/** Vertical bars: CATS labels and SERIES [{name, data, color}] (reports). */
export function bars(el, cats, series, opts = {}) {
  const chart = init(el);
  if (!chart || !cats.length) return null;
  const f = opts.money ? fmt.moneyAxis : opts.ratio ? (v) => fmt.pct(v, 0) : (v) => fmt.number(v);
  chart.setOption({
    textStyle: baseText,
    animationDuration: 300,
    grid: { left: 8, right: 16, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, left: 0, itemWidth: 16, itemHeight: 8 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (opts.money ? fmt.money(v) : opts.ratio ? fmt.pct(v) : fmt.number(v, 2)) },
    xAxis: { type: 'category', data: cats, axisTick: { show: false }, axisLabel: { color: '#374151', hideOverlap: true, rotate: cats.length > 8 ? 30 : 0 }, axisLine: { lineStyle: { color: '#cdd5df' } } },
    yAxis: { type: 'value', axisLabel: { formatter: f, color: '#6b7280' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
    series: series.map((s, i) => ({ type: 'bar', name: s.name, data: s.data.map(num), barMaxWidth: 28, itemStyle: { color: s.color || ['#2563eb', '#93c5fd', '#7c3aed', '#16a34a'][i % 4], borderRadius: [4, 4, 0, 0] } })),
  });
  return chart;
}

/** A funnel of STAGES [{name, value}]. */
export function funnel(el, stages) {
  const chart = init(el);
  if (!chart || !stages.length) return null;
  chart.setOption({
    textStyle: baseText,
    tooltip: { trigger: 'item', valueFormatter: (v) => fmt.number(v) },
    color: ['#1d4ed8', '#2563eb', '#3b82f6', '#60a5fa', '#93c5fd', '#bfdbfe'],
    series: [{ type: 'funnel', left: 8, right: 8, top: 8, bottom: 8, sort: 'descending', gap: 2, label: { show: true, position: 'inside', color: '#fff' }, data: stages.map((s) => ({ name: s.name, value: num(s.value) })) }],
  });
  return chart;
}

export { STATUS_COLOR };
