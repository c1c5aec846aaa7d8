// SMS polls: each poll with its live tally (GET /api/v1/polls/{id}/results
// every 3 s, drawn as bars), and a form for a new poll, or for editing one,
// whose options are written one per line as KEYWORD=Title.
import {del, get, patch, post} from './api.js';
import {field, h, replace} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime, localInputToRfc3339, rfc3339ToLocalInput} from './format.js';
import {announce, errorBox, errorText, every, pageHeading} from './ui.js';
import {horizontalBars} from './chart.js';
import {fieldErrors} from './field_errors.js';
import {changedMembers} from './changes.js';

// "EVET=Evet" lines → [{keyword, title}]; a line without '=' is its own title.
export function parseOptions(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    if (at < 0) return {keyword: line, title: line};
    return {keyword: line.slice(0, at).trim(), title: line.slice(at + 1).trim()};
  });
}

function pollCard(poll, results, onDeleted, onEdit) {
  return h('li', {class: 'card', 'data-poll': poll.id},
    h('h2', {}, poll.name, poll.keyword ? h('span', {class: 'hint'}, ` · ${t('polls.keyword')}: ${poll.keyword}`) : null),
    h('p', {class: 'hint'}, t('polls.window', {opens: formatTime(poll.opens_at), closes: formatTime(poll.closes_at)})),
    horizontalBars(t('polls.tally_title', {name: poll.name}), [{name: t('polls.votes')}],
      results.options.map((o) => ({label: `${o.title} (${o.keyword})`, values: [o.votes]}))),
    h('p', {class: 'tally', 'data-votes': results.votes},
      t('polls.summary', {votes: formatNumber(results.votes), counted: formatNumber(results.counted),
        numbers: formatNumber(results.numbers), invalid: formatNumber(results.invalid)})),
    h('div', {class: 'actions'},
      h('a', {href: `/api/v1/polls/${poll.id}/results?format=csv`, download: `poll-${poll.id}.csv`}, t('polls.csv')),
      h('button', {type: 'button', class: 'secondary', 'data-edit-poll': poll.id, onclick: () => onEdit(poll)},
        t('common.edit'), h('span', {class: 'visually-hidden'}, ` ${poll.name}`)),
      h('button', {type: 'button', class: 'danger', onclick: async () => {
        await del(`/api/v1/polls/${poll.id}`).catch((e) => announce(errorText(e)));
        onDeleted();
      }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${poll.name}`))));
}

// The form creates a poll, or edits one after edit(poll): then saving
// sends PATCH with only the members that changed, and the daemon's 400
// shows beside the field it names.
function pollForm(onSaved) {
  const name = h('input', {type: 'text', name: 'poll_name', autocomplete: 'off'});
  const keyword = h('input', {type: 'text', name: 'poll_keyword', autocomplete: 'off'});
  const options = h('textarea', {rows: 3, name: 'poll_options', value: 'EVET=Evet\nHAYIR=Hayır'});
  const closes = h('input', {type: 'datetime-local', name: 'closes_at'});
  const valid = h('input', {type: 'text', name: 'reply_valid', autocomplete: 'off'});
  const heading = h('h2', {}, t('polls.new'));
  const submit = h('button', {type: 'submit'}, t('common.create'));
  const cancel = h('button', {type: 'button', class: 'secondary', hidden: true}, t('common.cancel'));
  const errors = fieldErrors(errorBox(), [
    {control: name, matches: (f) => f === 'name'},
    {control: keyword, matches: (f) => f === 'keyword'},
    {control: options, matches: (f) => f.startsWith('options')},
    {control: closes, matches: (f) => f === 'closes_at' || f === 'opens_at'},
    {control: valid, matches: (f) => f.startsWith('replies')},
  ]);
  let editing = null;  // the stored poll being edited
  let closesShown = '';  // closes_at as the form showed it, to tell whether it was changed

  const stopEditing = () => {
    editing = null;
    form.reset();
    errors.clear();
    heading.textContent = t('polls.new');
    submit.textContent = t('common.create');
    cancel.hidden = true;
  };
  cancel.addEventListener('click', stopEditing);

  const form = h('form', {class: 'card poll-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.clear();
    try {
      if (editing) {
        const next = {
          name: name.value.trim(),
          keyword: keyword.value.trim() || null,
          options: parseOptions(options.value),
          closes_at: closes.value === closesShown ? editing.closes_at : localInputToRfc3339(closes.value),
          replies: {...editing.replies, valid: valid.value},
        };
        const changes = changedMembers(editing, next);
        if (Object.keys(changes).length > 0) await patch(`/api/v1/polls/${editing.id}`, changes);
        stopEditing();
        announce(t('common.saved'));
      } else {
        const body = {name: name.value.trim(), options: parseOptions(options.value)};
        if (keyword.value.trim()) body.keyword = keyword.value.trim();
        const closesAt = localInputToRfc3339(closes.value);
        if (closesAt) body.closes_at = closesAt;
        if (valid.value.trim()) body.replies = {valid: valid.value};
        await post('/api/v1/polls', body);
        form.reset();
        announce(t('common.created'));
      }
      onSaved();
    } catch (error) {
      errors.show(error);
    }
  }},
  heading,
  h('div', {class: 'row'},
    h('div', {}, field(t('common.name'), name), errors.boxFor(name)),
    h('div', {}, field(t('polls.keyword'), keyword, t('polls.keyword_hint')), errors.boxFor(keyword))),
  field(t('polls.options'), options, t('polls.options_hint')), errors.boxFor(options),
  h('div', {class: 'row'},
    h('div', {}, field(t('polls.closes_at'), closes), errors.boxFor(closes)),
    h('div', {}, field(t('polls.reply_valid'), valid, t('polls.reply_hint')), errors.boxFor(valid))),
  errors.general, h('div', {class: 'actions'}, submit, cancel));

  form.edit = (poll) => {
    editing = poll;
    errors.clear();
    name.value = poll.name;
    keyword.value = poll.keyword ?? '';
    options.value = poll.options.map((o) => `${o.keyword}=${o.title}`).join('\n');
    closesShown = rfc3339ToLocalInput(poll.closes_at);
    closes.value = closesShown;
    valid.value = poll.replies?.valid ?? '';
    heading.textContent = t('polls.edit_title', {name: poll.name});
    submit.textContent = t('common.save');
    cancel.hidden = false;
    form.scrollIntoView({block: 'start'});
    name.focus();
  };
  return form;
}

export function render(root) {
  const listBox = h('ul', {class: 'cards wide', 'aria-live': 'polite'});
  const load = async () => {
    const {polls} = await get('/api/v1/polls');
    const results = await Promise.all(polls.map((p) => get(`/api/v1/polls/${p.id}/results`)));
    replace(listBox, polls.length ? polls.map((p, i) => pollCard(p, results[i], load, form.edit)) : h('li', {class: 'empty'}, t('polls.none')));
  };
  const form = pollForm(() => load().catch((e) => announce(errorText(e))));
  root.append(pageHeading('nav.polls'), listBox, form);
  return every(3000, load);
}
