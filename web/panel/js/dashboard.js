// The dashboard: each modem (state, signal, operator, sent today against
// its limit), the queue by priority, sent/delivered/failed per hour over
// the last 24 hours, and the latest failures. Refreshed every 10 s; the
// counts come from GET /api/v1/stats (the daemon counts them over its
// indexes), so a refresh no longer pages through the messages.
import {get} from './api.js';
import {h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime} from './format.js';
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

// The chart's labels (each bucket's local hour) and series from the hourly
// buckets of GET /api/v1/stats, oldest first.
export function hourlySeries(hours) {
  const labels = hours.map((b) => String(new Date(b.hour).getHours()).padStart(2, '0'));
  const series = ['sent', 'delivered', 'failed'].map((state) => ({
    name: t(`state.${state}`), values: hours.map((b) => b[state])}));
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
    const [modemList, stats, failed] = await Promise.all([
      get('/api/v1/modems'),
      get('/api/v1/stats', {hours: 24}),
      get('/api/v1/messages', {state: 'failed', limit: 10}),
    ]);
    replace(modemsBox, modemCards(modemList.modems));
    modemsBox.removeAttribute('aria-busy');
    const depth = stats.queue.by_priority;
    replace(queueBox, h('dl', {class: 'queue'}, [
      ...PRIORITIES.map((p) => [h('dt', {}, t(`priority.${p}`)), h('dd', {'data-priority': p}, formatNumber(depth[p]))]),
      h('dt', {}, t('state.sending')), h('dd', {'data-state': 'sending'}, formatNumber(stats.queue.by_state.sending)),
    ]));
    const {labels, series} = hourlySeries(stats.hours);
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
