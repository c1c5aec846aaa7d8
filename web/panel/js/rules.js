// Keyword rules: the list in the order they are tried, a form for the
// common shapes (a keyword, a regular expression or any message; reply
// and/or tag a group), and enable/disable and delete per rule.
import {del, get, patch, post} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {announce, errorBox, errorText, every, pageHeading} from './ui.js';

function matchText(match) {
  if (match.type === 'keyword') return `${t('rules.keyword')}: ${match.keyword}`;
  if (match.type === 'regex') return `${t('rules.regex')}: ${match.pattern}`;
  return t('rules.any');
}

function actionText(action) {
  if (action.type === 'reply') return `${t('rules.reply')}: “${action.text}”`;
  if (action.type === 'tag' || action.type === 'untag') return `${t(`rules.${action.type}`)}: ${action.group}`;
  if (action.type === 'poll_vote') return `${t('rules.poll_vote')} #${action.poll}`;
  return t('rules.webhook');
}

function createForm(groups, onCreated) {
  const type = h('select', {name: 'match_type'},
    ['keyword', 'regex', 'any'].map((v) => h('option', {value: v}, t(`rules.${v}`))));
  const value = h('input', {type: 'text', name: 'match_value', autocomplete: 'off'});
  const reply = h('textarea', {rows: 2, name: 'reply'});
  // A tag action names an existing group: the daemon refuses others.
  const group = h('select', {name: 'tag_group'}, h('option', {value: ''}, t('rules.no_tag')),
    groups.map((g) => h('option', {value: g.name}, g.name)));
  const webhook = h('input', {type: 'checkbox', id: 'rule-webhook', name: 'webhook'});
  const errors = errorBox();
  type.addEventListener('change', () => {
    value.disabled = type.value === 'any';
  });
  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    const match = {type: type.value};
    if (type.value === 'keyword') match.keyword = value.value.trim();
    if (type.value === 'regex') match.pattern = value.value;
    const actions = [];
    if (reply.value.trim()) actions.push({type: 'reply', text: reply.value});
    if (group.value) actions.push({type: 'tag', group: group.value});
    if (webhook.checked) actions.push({type: 'webhook'});
    try {
      await post('/api/v1/rules', {match, actions});
      form.reset();
      announce(t('common.created'));
      onCreated();
    } catch (error) {
      errors.show(error);
    }
  }},
  h('h2', {}, t('rules.new')),
  h('div', {class: 'row'}, field(t('rules.match'), type), field(t('rules.match_value'), value, t('rules.match_hint'))),
  field(t('rules.reply_text'), reply, t('rules.reply_hint')),
  field(t('rules.tag_group'), group),
  h('div', {class: 'check'}, webhook, h('label', {for: webhook.id}, t('rules.send_webhook'))),
  errors, h('button', {type: 'submit'}, t('common.create')));
  return form;
}

export function render(root) {
  const listBox = h('div', {'aria-live': 'polite'});
  const load = async () => {
    const {rules} = await get('/api/v1/rules');
    replace(listBox, table(t('nav.rules'), [
      {label: t('rules.order'), cell: (r) => String(r.order)},
      {label: t('rules.match'), cell: (r) => matchText(r.match)},
      {label: t('rules.actions'), cell: (r) => h('ul', {}, r.actions.map((a) => h('li', {}, actionText(a))))},
      {label: t('nav.modems'), cell: (r) => r.modem || t('rules.all_modems')},
      {label: t('common.enabled'), cell: (r) => {
        const box = h('input', {type: 'checkbox', id: `rule-enabled-${r.id}`, checked: r.enabled, onchange: async () => {
          await patch(`/api/v1/rules/${r.id}`, {enabled: box.checked}).catch((e) => announce(errorText(e)));
          load();
        }});
        return h('span', {class: 'check'}, box, h('label', {for: box.id}, t(r.enabled ? 'common.yes' : 'common.no')));
      }},
      {label: t('common.actions'), cell: (r) => h('button', {type: 'button', class: 'danger', onclick: async () => {
        await del(`/api/v1/rules/${r.id}`).catch((e) => announce(errorText(e)));
        load();
      }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${matchText(r.match)}`))},
    ], rules, t('rules.none')));
  };
  const formBox = h('div');
  root.append(pageHeading('nav.rules'), h('section', {}, listBox), formBox);
  get('/api/v1/groups').then(({groups}) => replace(formBox, createForm(groups, load)), (e) => announce(errorText(e)));
  return every(15000, load);
}
