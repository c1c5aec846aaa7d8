// The dashboard: each modem (state, signal, operator, sent today against
// its limit), the queue by priority, sent/delivered/failed per hour over
// the last 24 hours, and the latest failures. Refreshed every 10 s.
import {get, getAll} from './api.js';
import {h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime, rfc3339} from './format.js';
import {every, pageHeading, signalBars, stateBadge} from './ui.js';
import {groupedBars} from './chart.js';

const PRIORITIES = ['otp', 'normal', 'bulk'];

export function modemCards(modems) {
  if (modems.length === 0) return h('p', {class: 'empty'}, t('dashboard.no_modems'));
  return h('ul', {class: 'cards'}, modems.map((m) => h('li', {class: 'card modem-card', 'data-modem': m.id},
    h('h3', {}, m.id),
    h('p', {}, stateBadge(m.state), ' ', signalBars(m.signal_bars, m.signal_dbm)),
    h('p', {}, t('modem.operator'), ': ', m.operator || '—'),
    h('p', {}, h('label', {for: `sent-${m.id}`}, t('modem.sent_today', {sent: formatNumber(m.sent_today),
      limit: m.daily_limit ? formatNumber(m.daily_limit) : '∞'})),
    m.daily_limit ? h('meter', {id: `sent-${m.id}`, min: 0, max: m.daily_limit, value: m.sent_today, high: m.daily_limit * 0.9}) : null))));
}

// Buckets the last 24 hours' messages by the hour each reached sent,
// delivered or failed (a message counts in each state it reached).
export function hourlySeries(messages, now) {
  const end = new Date(now);
  end.setMinutes(0, 0, 0);
  const first = end.getTime() - 23 * 3600 * 1000;
  const labels = [];
  for (let i = 0; i < 24; i++) labels.push(String(new Date(first + i * 3600 * 1000).getHours()).padStart(2, '0'));
  const series = ['sent', 'delivered', 'failed'].map((state) => {
    const values = new Array(24).fill(0);
    for (const m of messages) {
      const at = m[`${state}_at`];
      if (!at) continue;
      const index = Math.floor((new Date(at).getTime() - first) / (3600 * 1000));
      if (index >= 0 && index < 24) values[index]++;
    }
    return {name: t(`state.${state}`), values};
  });
  return {labels, series};
}

export function render(root) {
  const modemsBox = h('div', {'aria-busy': 'true'});
  const queueBox = h('div');
  const chartBox = h('div');
  const errorsBox = h('div');
  root.append(pageHeading('nav.dashboard'),
    h('section', {'aria-labelledby': 'dash-modems'}, h('h2', {id: 'dash-modems'}, t('dashboard.modems')), modemsBox),
    h('div', {class: 'two-columns'},
      h('section', {'aria-labelledby': 'dash-queue'}, h('h2', {id: 'dash-queue'}, t('dashboard.queue')), queueBox),
      h('section', {'aria-labelledby': 'dash-errors'}, h('h2', {id: 'dash-errors'}, t('dashboard.errors')), errorsBox)),
    h('section', {'aria-labelledby': 'dash-chart'}, h('h2', {id: 'dash-chart'}, t('dashboard.last_24h')), chartBox));

  return every(10000, async () => {
    const now = new Date();
    const since = rfc3339(new Date(now.getTime() - 24 * 3600 * 1000));
    const [modemList, queued, recent, failed] = await Promise.all([
      get('/api/v1/modems'),
      getAll('/api/v1/messages', 'messages', {state: 'queued'}),
      getAll('/api/v1/messages', 'messages', {since}),
      get('/api/v1/messages', {state: 'failed', limit: 8}),
    ]);
    replace(modemsBox, modemCards(modemList.modems));
    modemsBox.removeAttribute('aria-busy');
    const depth = Object.fromEntries(PRIORITIES.map((p) => [p, 0]));
    for (const m of queued) depth[m.priority] = (depth[m.priority] ?? 0) + 1;
    replace(queueBox, h('dl', {class: 'queue'}, PRIORITIES.map((p) => [
      h('dt', {}, t(`priority.${p}`)), h('dd', {'data-priority': p}, formatNumber(depth[p]))])));
    const {labels, series} = hourlySeries(recent, now);
    replace(chartBox, groupedBars(t('dashboard.chart_title'), labels, series));
    const modemErrors = modemList.modems.filter((m) => m.last_error).map((m) => ({at: null, what: m.id, error: m.last_error}));
    const messageErrors = failed.messages.map((m) => ({at: m.failed_at, what: m.to, error: m.error ? `${m.error.code}: ${m.error.text}` : ''}));
    replace(errorsBox, table(t('dashboard.errors'), [
      {label: t('common.when'), cell: (r) => formatTime(r.at)},
      {label: t('common.what'), cell: (r) => r.what},
      {label: t('common.error'), cell: (r) => r.error},
    ], [...modemErrors, ...messageErrors], t('dashboard.no_errors')));
  });
}
