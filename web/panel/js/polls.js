// SMS polls: each poll with its live tally (GET /api/v1/polls/{id}/results
// every 3 s, drawn as bars), and a form for a new poll whose options are
// written one per line as KEYWORD=Title.
import {del, get, post} from './api.js';
import {field, h, replace} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime, localInputToRfc3339} from './format.js';
import {announce, errorBox, errorText, every, pageHeading} from './ui.js';
import {horizontalBars} from './chart.js';

// "EVET=Evet" lines → [{keyword, title}]; a line without '=' is its own title.
export function parseOptions(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    if (at < 0) return {keyword: line, title: line};
    return {keyword: line.slice(0, at).trim(), title: line.slice(at + 1).trim()};
  });
}

function pollCard(poll, results, onDeleted) {
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
      h('button', {type: 'button', class: 'danger', onclick: async () => {
        await del(`/api/v1/polls/${poll.id}`).catch((e) => announce(errorText(e)));
        onDeleted();
      }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${poll.name}`))));
}

function createForm(onCreated) {
  const name = h('input', {type: 'text', name: 'poll_name', autocomplete: 'off'});
  const keyword = h('input', {type: 'text', name: 'poll_keyword', autocomplete: 'off'});
  const options = h('textarea', {rows: 3, name: 'poll_options', value: 'EVET=Evet\nHAYIR=Hayır'});
  const closes = h('input', {type: 'datetime-local', name: 'closes_at'});
  const valid = h('input', {type: 'text', name: 'reply_valid', autocomplete: 'off'});
  const errors = errorBox();
  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    const body = {name: name.value.trim(), options: parseOptions(options.value)};
    if (keyword.value.trim()) body.keyword = keyword.value.trim();
    const closesAt = localInputToRfc3339(closes.value);
    if (closesAt) body.closes_at = closesAt;
    if (valid.value.trim()) body.replies = {valid: valid.value};
    try {
      await post('/api/v1/polls', body);
      form.reset();
      announce(t('common.created'));
      onCreated();
    } catch (error) {
      errors.show(error);
    }
  }},
  h('h2', {}, t('polls.new')),
  h('div', {class: 'row'}, field(t('common.name'), name), field(t('polls.keyword'), keyword, t('polls.keyword_hint'))),
  field(t('polls.options'), options, t('polls.options_hint')),
  h('div', {class: 'row'}, field(t('polls.closes_at'), closes), field(t('polls.reply_valid'), valid, t('polls.reply_hint'))),
  errors, h('button', {type: 'submit'}, t('common.create')));
  return form;
}

export function render(root) {
  const listBox = h('ul', {class: 'cards wide', 'aria-live': 'polite'});
  const load = async () => {
    const {polls} = await get('/api/v1/polls');
    const results = await Promise.all(polls.map((p) => get(`/api/v1/polls/${p.id}/results`)));
    replace(listBox, polls.length ? polls.map((p, i) => pollCard(p, results[i], load)) : h('li', {class: 'empty'}, t('polls.none')));
  };
  root.append(pageHeading('nav.polls'), listBox, createForm(load));
  return every(3000, load);
}
