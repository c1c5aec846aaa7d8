// The blocked list, a section of the contacts page: numbers that get
// nothing at all (the daemon checks each message as it comes up for
// sending, informational ones too). Add a number with a reason, remove one.
import {del, getAll, post, segment} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatTime} from './format.js';
import {announce, errorBox, errorText} from './ui.js';
import {fieldErrors} from './field_errors.js';

export function blockedSection() {
  const listBox = h('div', {'aria-live': 'polite', class: 'blocked-list'});
  const number = h('input', {type: 'text', name: 'blocked_number', autocomplete: 'off', inputmode: 'tel'});
  const reason = h('input', {type: 'text', name: 'blocked_reason', autocomplete: 'off'});
  const errors = fieldErrors(errorBox(), [
    {control: number, matches: (f) => f === 'number'},
    {control: reason, matches: (f) => f === 'reason'},
  ]);

  const load = async () => {
    const blocked = await getAll('/api/v1/blocked', 'blocked', {}, 5000);
    replace(listBox, table(t('blocked.title'), [
      {label: t('common.number'), cell: (b) => b.number},
      {label: t('blocked.reason'), cell: (b) => b.reason || '—'},
      {label: t('common.when'), cell: (b) => formatTime(b.blocked_at)},
      {label: t('common.actions'), cell: (b) => h('button', {type: 'button', class: 'secondary', 'data-unblock': b.number,
        onclick: async () => {
          try {
            await del(`/api/v1/blocked/${segment(b.number)}`);
            announce(t('blocked.removed', {number: b.number}));
          } catch (error) {
            announce(errorText(error));
          }
          load().catch((e) => announce(errorText(e)));
        }}, t('blocked.remove'), h('span', {class: 'visually-hidden'}, ` ${b.number}`))},
    ], blocked, t('blocked.none')));
  };

  const form = h('form', {novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.clear();
    const body = {number: number.value.trim()};
    if (reason.value.trim()) body.reason = reason.value.trim();
    try {
      await post('/api/v1/blocked', body);
      form.reset();
      announce(t('blocked.added'));
      await load();
    } catch (error) {
      errors.show(error);
    }
  }},
  h('div', {class: 'row'},
    h('div', {}, field(t('common.number'), number), errors.boxFor(number)),
    h('div', {}, field(t('blocked.reason'), reason, t('blocked.reason_hint')), errors.boxFor(reason))),
  errors.general, h('button', {type: 'submit', class: 'secondary'}, t('blocked.add')));

  const section = h('section', {class: 'card', 'aria-labelledby': 'contacts-blocked'},
    h('h2', {id: 'contacts-blocked'}, t('blocked.title')), h('p', {class: 'hint'}, t('blocked.explain')), listBox, form);
  section.load = load;
  return section;
}
