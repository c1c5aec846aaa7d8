// Inbox: one thread per number that has written (GET /api/v1/conversations),
// the chosen thread with received and sent messages in time order, and an
// inline reply that goes out from the SIM the customer last wrote to.
// The list and the open thread refresh every 5 s.
import {get, post, segment} from './api.js';
import {field, h, replace} from './dom.js';
import {t} from './i18n.js';
import {formatTime} from './format.js';
import {announce, errorBox, errorText, every, pageHeading, stateBadge} from './ui.js';
import {liveCounter} from './counter.js';

function conversationButton(c, selected) {
  return h('li', {},
    h('button', {type: 'button', class: c.unread > 0 ? 'unread' : '', 'aria-current': c.number === selected ? 'true' : false,
      'data-number': c.number, onclick: () => { location.hash = `#/inbox/${encodeURIComponent(c.number)}`; }},
    h('strong', {}, c.contact_name ? `${c.contact_name} (${c.number})` : c.number),
    c.unread > 0 ? [' ', h('span', {class: 'badge state-sent'}, t('inbox.unread', {n: c.unread}))] : null,
    h('span', {class: 'hint'}, ' ', c.last ? c.last.text : '')));
}

function bubble(entry) {
  return h('li', {class: `bubble ${entry.direction}`, 'data-direction': entry.direction, 'data-id': entry.id},
    entry.text,
    h('span', {class: 'meta'}, formatTime(entry.at), entry.modem ? ` · ${entry.modem}` : '',
      entry.direction === 'outbound' && entry.state ? [' · ', stateBadge(entry.state)] : null));
}

export function render(root, rest) {
  const selected = rest ? decodeURIComponent(rest) : null;
  const search = h('input', {type: 'search', name: 'q', autocomplete: 'off'});
  const list = h('ul', {class: 'thread-list', 'aria-live': 'polite'});
  const thread = h('section', {'aria-labelledby': 'thread-title'});
  let olderEntries = [];
  let olderCursor = undefined;

  // Typing starts a request per key; only the newest one may draw.
  let generation = 0;
  const loadList = async () => {
    const mine = ++generation;
    const page = await get('/api/v1/conversations', {q: search.value.trim(), limit: 100});
    if (mine !== generation) return;
    replace(list, page.conversations.length ? page.conversations.map((c) => conversationButton(c, selected)) :
      h('li', {class: 'empty'}, t('inbox.none')));
  };
  search.addEventListener('input', () => loadList().catch((e) => announce(e.message)));

  const stops = [every(5000, loadList)];

  if (selected) {
    const messages = h('ol', {class: 'bubbles', 'aria-live': 'polite'});
    const older = h('button', {type: 'button', class: 'secondary', hidden: true});
    const text = h('textarea', {rows: 3, name: 'reply'});
    const counter = liveCounter();
    text.addEventListener('input', () => counter.update(text.value));
    const errors = errorBox();
    const title = h('h2', {id: 'thread-title'}, selected);
    let markedRead = false;

    const loadThread = async () => {
      const page = await get(`/api/v1/conversations/${segment(selected)}`, {limit: 50});
      title.textContent = page.contact_name ? `${page.contact_name} (${page.number})` : page.number;
      if (olderCursor === undefined) olderCursor = page.next_cursor;
      older.hidden = !olderCursor;
      replace(messages, [...olderEntries, ...page.messages].map(bubble));
      if (!markedRead && page.unread > 0) {
        markedRead = true;
        await post(`/api/v1/conversations/${segment(selected)}/read`).catch((error) => announce(errorText(error)));
      }
    };
    older.textContent = t('inbox.older');
    older.addEventListener('click', async () => {
      const page = await get(`/api/v1/conversations/${segment(selected)}`, {limit: 50, cursor: olderCursor});
      olderEntries = [...page.messages, ...olderEntries];
      olderCursor = page.next_cursor;
      await loadThread();
    });

    const form = h('form', {novalidate: true, class: 'reply', onsubmit: async (event) => {
      event.preventDefault();
      errors.show(null);
      if (text.value.trim() === '') {
        errors.show({message: t('compose.no_text'), field: 'text'});
        return;
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        await post(`/api/v1/conversations/${segment(selected)}/messages`, {text: text.value});
        text.value = '';
        counter.update('');
        announce(t('inbox.replied'));
        await loadThread();
      } catch (error) {
        errors.show(error);
      } finally {
        button.disabled = false;
      }
    }},
    field(t('inbox.reply'), text), counter.element, errors, h('button', {type: 'submit'}, t('inbox.send')));

    replace(thread, title, older, messages, form);
    stops.push(every(5000, loadThread));
  } else {
    replace(thread, h('p', {class: 'empty'}, t('inbox.choose')));
  }

  root.append(pageHeading('nav.inbox'),
    h('div', {class: 'split'},
      h('section', {'aria-label': t('inbox.conversations')}, field(t('inbox.search'), search), list),
      thread));
  return () => stops.forEach((stop) => stop());
}
