// Modems: every detail the daemon reports for each modem and its SIM,
// including the last AT error and why a SIM is locked. Refreshed every 5 s.
import {get} from './api.js';
import {h, replace} from './dom.js';
import {t} from './i18n.js';
import {formatNumber} from './format.js';
import {every, pageHeading, signalBars, stateBadge} from './ui.js';

function detail(m) {
  const rows = [
    ['modem.device', m.device],
    ['modem.maker', [m.manufacturer, m.model].filter(Boolean).join(' ')],
    ['modem.operator', m.operator],
    ['modem.registration', m.registration],
    ['modem.signal', signalBars(m.signal_bars, m.signal_dbm)],
    ['modem.today', `${formatNumber(m.sent_today)} / ${m.daily_limit ? formatNumber(m.daily_limit) : '∞'}`],
    ['modem.rate', m.rate_per_minute ? t('modem.per_minute', {n: m.rate_per_minute}) : '—'],
    ['modem.totals', t('modem.totals_value', {sent: formatNumber(m.sent_total), failed: formatNumber(m.failed_total)})],
    ['modem.storage', m.sim_storage ? `${m.sim_storage.used} / ${m.sim_storage.total}${m.sim_storage.full ? ` (${t('modem.full')})` : ''}` : '—'],
    ['modem.imei', m.imei], ['modem.imsi', m.imsi], ['modem.iccid', m.iccid],
    ['modem.pin_attempts', m.pin_attempts_left ?? '—'],
    ['modem.lock_reason', m.lock_reason],
    ['modem.last_error', m.last_error],
  ];
  return h('li', {class: 'card', 'data-modem': m.id},
    h('h2', {}, m.id, ' ', stateBadge(m.state)),
    h('dl', {class: 'queue'}, rows.map(([key, value]) => [h('dt', {}, t(key)),
      h('dd', {class: key === 'modem.last_error' && value ? 'error-text' : ''}, value === '' || value === undefined || value === null ? '—' : value)])));
}

export function render(root) {
  const box = h('ul', {class: 'cards wide', 'aria-live': 'polite'});
  root.append(pageHeading('nav.modems'), box);
  return every(5000, async () => {
    const {modems} = await get('/api/v1/modems');
    replace(box, modems.length ? modems.map(detail) : h('li', {class: 'empty'}, t('dashboard.no_modems')));
  });
}
