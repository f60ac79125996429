// screens/checkin.js — check in on a goal: confidence (slider 0–10),
// progress, blockers, next steps. One tap from the dashboard or the phone's
// bottom bar; the goal is the one that owes a check-in, else the first own goal.
import { h, mount, card, empty, skeleton, field, toast, statusBadge } from '../ui.js';
import { t } from '../i18n.js';
import * as fmt from '../fmt.js';
import { api } from '../api.js';
import { optional, homeScope, pageHead } from './common.js';
import { timeline } from './goal.js';

export async function render(ctx) {
  const { root, user, params } = ctx;
  ctx.setTitle(t('nav.checkin'));
  if (!root.childElementCount) mount(root, skeleton());
  const scope = user.person ? (user.role === 'rep' ? `person:${user.person_label || user.person}` : homeScope(user)) : homeScope(user);
  const [status, due] = await Promise.all([
    optional('/api/goals/status', { scope: homeScope(user) }, { goals: [] }),
    optional('/api/checkins/due', { scope: homeScope(user) }, null),
  ]);
  if (ctx.stale()) return;
  const goals = (status.goals || []).filter((g) => !['met', 'missed'].includes(g.status));
  const dueRows = (due && (due.rows || due.checkins || due.due)) || [];
  const mine = dueRows.filter((r) => r.owes === user.person_label || r.owes === user.person);
  const pick = params[0] || (mine[0] && mine[0].goal) || (goals.find((g) => g.scope === scope) || goals[0] || {}).id;
  const choices = goals.filter((g) => g.scope === scope || g.scope === homeScope(user) || String(g.id) === String(pick));
  if (!choices.length) { mount(root, pageHead(t('checkin.title')), card(null, empty(t('checkin.nogoal')))); return; }

  const goalSel = h('select', { name: 'goal', 'data-test': 'ci-goal' }, choices.map((g) => h('option', { value: g.id, selected: String(g.id) === String(pick) }, `${g.title} · ${fmt.period(g.period)}`)));
  const conf = h('input', { type: 'range', min: 0, max: 10, step: 1, value: 5, name: 'confidence', 'data-test': 'ci-confidence', 'aria-valuemin': 0, 'aria-valuemax': 10 });
  const confOut = h('output.conf-value', { for: 'ci-conf' }, '5');
  const confWord = h('span.muted');
  const setConf = () => { confOut.textContent = conf.value; const v = +conf.value; confWord.textContent = t(v >= 8 ? 'checkin.conf.high' : v >= 5 ? 'checkin.conf.mid' : 'checkin.conf.low'); conf.setAttribute('aria-valuetext', `${v}/10 ${confWord.textContent}`); };
  conf.id = 'ci-conf';
  conf.addEventListener('input', setConf);
  setConf();
  const note = h('textarea', { name: 'progress', rows: 3, 'data-test': 'ci-progress' });
  const blockers = h('textarea', { name: 'blockers', rows: 2, 'data-test': 'ci-blockers' });
  const next = h('textarea', { name: 'next', rows: 2, 'data-test': 'ci-next' });
  const summary = h('div');
  const hist = h('div');
  const showGoal = async () => {
    const g = goals.find((x) => String(x.id) === goalSel.value);
    mount(summary, g ? h('div.toolbar', statusBadge(g.status), h('span', `${t('goal.attainment')} ${fmt.pct(g.attainment)}`), h('span.muted', `${t('goal.pace')} ${fmt.pct(g.pace, 0)}`)) : null);
    const list = await optional('/api/checkins', { goal: goalSel.value }, null);
    if (ctx.stale()) return;
    mount(hist, timeline((list && (list.checkins || list.rows)) || [], 6));
  };
  goalSel.addEventListener('change', showGoal);
  const btn = h('button.btn.btn--primary.btn--block', { type: 'submit', 'data-test': 'ci-submit' }, t('checkin.submit'));
  const form = h('form.form', {
    'data-test': 'checkin-form',
    onsubmit: async (e) => {
      e.preventDefault();
      btn.disabled = true;
      try {
        await api.post(`/api/goals/${encodeURIComponent(goalSel.value)}/checkins`, {
          confidence: Number(conf.value), progress_note: note.value, blockers: blockers.value, next_steps: next.value,
        });
        toast(t('checkin.done'), 'ok');
        note.value = ''; blockers.value = ''; next.value = '';
        await showGoal();
      } catch (ex) { toast(ex.message, 'error'); } finally { btn.disabled = false; }
    },
    onkeydown: (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } },
  },
  field(t('checkin.goal'), goalSel), summary,
  h('div.field', h('label', { for: 'ci-conf' }, t('checkin.confidence')), h('div.toolbar', confOut, confWord), conf, h('div.range-scale', h('span', '0'), h('span', '5'), h('span', '10'))),
  field(t('checkin.progress'), note), field(t('checkin.blockers'), blockers), field(t('checkin.next'), next),
  btn);
  mount(root, pageHead(t('checkin.title'), t('checkin.sub')), h('div.grid.grid--2', card(null, form), card(t('checkin.recent'), hist)));
  showGoal();
}
