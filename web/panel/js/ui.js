// Small pieces every page shares: the status line read out by screen
// readers, error text that names the field the daemon refused, a page
// heading, signal bars and the polling timer pages use for live numbers.
import {h, svg} from './dom.js';
import {t} from './i18n.js';

export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = message;
  status.classList.add('visible');
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => status.classList.remove('visible'), 4000);
}

export function errorText(error) {
  // The daemon's messages often start with the field already.
  if (error && error.field && !String(error.message).startsWith(error.field)) {
    return t('error.field', {field: error.field, message: error.message});
  }
  return error?.message ?? String(error);
}

// An alert box that shows an error (or nothing when given null).
export function errorBox() {
  const box = h('p', {class: 'error', role: 'alert', hidden: true});
  box.show = (error) => {
    box.hidden = !error;
    box.textContent = error ? errorText(error) : '';
  };
  return box;
}

export function pageHeading(key) {
  document.title = `${t(key)} · tellal`;
  return h('h1', {tabindex: '-1', class: 'page-title'}, t(key));
}

export function stateBadge(state) {
  return h('span', {class: `badge state-${state}`, 'data-state': state}, t(`state.${state}`));
}

// Five bars, the daemon's scale (signal_bars 0..5, null when unknown);
// the same is given as text for screen readers.
export function signalBars(bars, dbm) {
  const count = Math.max(0, Math.min(5, Number(bars) || 0));
  const label = bars === null || bars === undefined ? t('modem.signal_unknown') :
    t('modem.signal_label', {bars: count, dbm: dbm ?? '—'});
  const icon = svg('svg', {viewBox: '0 0 25 20', width: 30, height: 24, role: 'img', 'aria-label': label, class: 'bars'},
    [0, 1, 2, 3, 4].map((i) => svg('rect', {x: i * 5, y: 16 - i * 4, width: 4, height: 4 + i * 4, rx: 1,
      class: i < count ? 'bar-on' : 'bar-off'})));
  return h('span', {class: 'signal'}, icon, h('span', {class: 'visually-hidden'}, label));
}

// Runs fn now and every intervalMs after each run completes (never two at
// once); returns the function that stops it, which pages hand back to the
// router so leaving a page stops its polling.
export function every(intervalMs, fn) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      await fn();
    } catch (error) {
      announce(errorText(error));
    }
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// Debounces fn by ms: the compose counter asks the daemon once typing pauses.
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
