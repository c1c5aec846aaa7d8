// The live cost counter: asks the daemon (POST /api/v1/messages/preview)
// what a text would cost, so the numbers are the encoder's own, and shows
// the encoding, segments, characters left, the characters that force UCS-2
// and what the Turkish shift tables save.
import {post} from './api.js';
import {h, replace} from './dom.js';
import {t} from './i18n.js';
import {debounce, errorText} from './ui.js';

function encodingName(preview) {
  if (preview.encoding === 'ucs2') return t('counter.ucs2');
  return preview.national_language === 'turkish' ? t('counter.gsm7_turkish') : t('counter.gsm7');
}

export function describe(preview) {
  const parts = [
    h('p', {class: 'counter-line'},
      h('strong', {'data-encoding': preview.encoding}, encodingName(preview)), ' · ',
      h('span', {'data-segments': preview.segments}, t('counter.segments', {n: preview.segments})), ' · ',
      h('span', {}, t('counter.characters', {n: preview.characters, per: preview.characters_per_segment})), ' · ',
      h('span', {'data-left': preview.characters_left}, t('counter.left', {n: preview.characters_left}))),
  ];
  const forcedBy = preview.ucs2_forced_by ?? [];
  if (forcedBy.length > 0) {
    parts.push(h('p', {class: 'counter-warning', 'data-forced-by': forcedBy.join('')},
      t('counter.forced_by'), ' ', forcedBy.map((c) => h('kbd', {}, c))));
  }
  const saved = preview.segments_without_national_tables - preview.segments;
  if (preview.national_language === 'turkish' && saved > 0) {
    parts.push(h('p', {class: 'counter-saving'}, t('counter.saving', {
      n: saved, without: preview.segments_without_national_tables})));
  }
  return parts;
}

// A live region that updates itself when update(text) is called, at most
// once per pause in typing; a newer answer always wins over an older one.
export function liveCounter() {
  const box = h('div', {class: 'counter', 'aria-live': 'polite', 'data-testid': 'counter'});
  let generation = 0;
  const ask = debounce(async (text) => {
    const mine = ++generation;
    if (text === '') {
      replace(box, h('p', {class: 'hint'}, t('counter.empty')));
      return;
    }
    try {
      const preview = await post('/api/v1/messages/preview', {text});
      if (mine === generation) replace(box, describe(preview));
    } catch (error) {
      if (mine === generation) replace(box, h('p', {class: 'error'}, errorText(error)));
    }
  }, 250);
  replace(box, h('p', {class: 'hint'}, t('counter.empty')));
  return {element: box, update: ask};
}
