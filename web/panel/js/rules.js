// Keyword rules: the list in the order they are tried, a form for the
// common shapes (a keyword, a regular expression or any message; reply
// and/or tag a group) that also edits an existing rule, and enable/disable
// and delete per rule.
import {del, get, patch, post} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {announce, errorBox, errorText, every, pageHeading} from './ui.js';
import {fieldErrors} from './field_errors.js';
import {changedMembers} from './changes.js';

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

// The actions the form edits; a rule's others (untag, poll_vote) are kept
// as they are when it is edited here.
const FORM_ACTIONS = new Set(['reply', 'tag', 'webhook']);

// The form creates a rule, or edits one after edit(rule): then saving sends
// PATCH with only the members that changed, and the daemon's 400 shows
// beside the field it names.
function ruleForm(groups, onSaved) {
  const type = h('select', {name: 'match_type'},
    ['keyword', 'regex', 'any'].map((v) => h('option', {value: v}, t(`rules.${v}`))));
  const value = h('input', {type: 'text', name: 'match_value', autocomplete: 'off'});
  const reply = h('textarea', {rows: 2, name: 'reply'});
  // A tag action names an existing group: the daemon refuses others.
  const group = h('select', {name: 'tag_group'}, h('option', {value: ''}, t('rules.no_tag')),
    groups.map((g) => h('option', {value: g.name}, g.name)));
  const webhook = h('input', {type: 'checkbox', id: 'rule-webhook', name: 'webhook'});
  const heading = h('h2', {}, t('rules.new'));
  const submit = h('button', {type: 'submit'}, t('common.create'));
  const cancel = h('button', {type: 'button', class: 'secondary', hidden: true}, t('common.cancel'));
  let editing = null;  // the stored rule being edited
  let sentActions = [];
  const errors = fieldErrors(errorBox(), [
    {control: value, matches: (f) => f.startsWith('match')},
    {control: reply, matches: (f) => actionAt(f)?.type === 'reply'},
    {control: group, matches: (f) => ['tag', 'untag'].includes(actionAt(f)?.type)},
  ]);
  // "actions[2].text" → the action sent at index 2.
  function actionAt(fieldName) {
    const m = /^actions\[(\d+)\]/.exec(fieldName);
    return m ? sentActions[Number(m[1])] : undefined;
  }
  const syncType = () => {
    value.disabled = type.value === 'any';
  };
  type.addEventListener('change', syncType);
  const stopEditing = () => {
    editing = null;
    form.reset();
    syncType();
    errors.clear();
    heading.textContent = t('rules.new');
    submit.textContent = t('common.create');
    cancel.hidden = true;
  };
  cancel.addEventListener('click', stopEditing);

  const form = h('form', {class: 'card rule-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.clear();
    const match = {type: type.value};
    if (type.value === 'keyword') match.keyword = value.value.trim();
    if (type.value === 'regex') match.pattern = value.value;
    const actions = [];
    if (reply.value.trim()) actions.push({type: 'reply', text: reply.value});
    if (group.value) actions.push({type: 'tag', group: group.value});
    if (webhook.checked) actions.push({type: 'webhook'});
    if (editing) actions.push(...editing.actions.filter((a) => !FORM_ACTIONS.has(a.type)));
    sentActions = actions;
    try {
      if (editing) {
        const changes = changedMembers(editing, {match, actions});
        if (Object.keys(changes).length > 0) await patch(`/api/v1/rules/${editing.id}`, changes);
        stopEditing();
        announce(t('common.saved'));
      } else {
        await post('/api/v1/rules', {match, actions});
        form.reset();
        syncType();
        announce(t('common.created'));
      }
      onSaved();
    } catch (error) {
      errors.show(error);
    }
  }},
  heading,
  h('div', {class: 'row'}, field(t('rules.match'), type),
    h('div', {}, field(t('rules.match_value'), value, t('rules.match_hint')), errors.boxFor(value))),
  field(t('rules.reply_text'), reply, t('rules.reply_hint')), errors.boxFor(reply),
  field(t('rules.tag_group'), group), errors.boxFor(group),
  h('div', {class: 'check'}, webhook, h('label', {for: webhook.id}, t('rules.send_webhook'))),
  errors.general, h('div', {class: 'actions'}, submit, cancel));

  form.edit = (rule) => {
    editing = rule;
    errors.clear();
    type.value = rule.match.type;
    value.value = rule.match.keyword ?? rule.match.pattern ?? '';
    syncType();
    reply.value = rule.actions.find((a) => a.type === 'reply')?.text ?? '';
    group.value = rule.actions.find((a) => a.type === 'tag')?.group ?? '';
    webhook.checked = rule.actions.some((a) => a.type === 'webhook');
    heading.textContent = t('rules.edit_title', {order: rule.order});
    submit.textContent = t('common.save');
    cancel.hidden = false;
    form.scrollIntoView({block: 'start'});
    (value.disabled ? reply : value).focus();
  };
  return form;
}

export function render(root) {
  const listBox = h('div', {'aria-live': 'polite'});
  const formBox = h('div');
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
      {label: t('common.actions'), cell: (r) => h('span', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', 'data-edit-rule': r.id, onclick: () => formBox.firstChild?.edit(r)},
          t('common.edit'), h('span', {class: 'visually-hidden'}, ` ${matchText(r.match)}`)),
        h('button', {type: 'button', class: 'danger', onclick: async () => {
          await del(`/api/v1/rules/${r.id}`).catch((e) => announce(errorText(e)));
          load();
        }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${matchText(r.match)}`)))},
    ], rules, t('rules.none')));
  };
  root.append(pageHeading('nav.rules'), h('section', {}, listBox), formBox);
  get('/api/v1/groups').then(({groups}) => replace(formBox, ruleForm(groups, load)), (e) => announce(errorText(e)));
  return every(15000, load);
}
