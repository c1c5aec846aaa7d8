// Contacts: search (by number or name, and by group), CSV import with the
// daemon's per-row report, groups, opt-outs (record one, opt a number back
// in), the blocked list (blocked.js) and one number's consent history with
// İYS's field names (a contact's "history" button, or any number typed in).
import {del, get, getAll, post, request, segment} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime} from './format.js';
import {announce, errorBox, pageHeading} from './ui.js';
import {blockedSection} from './blocked.js';

function consentBadge(contact) {
  if (contact.blocked) return h('span', {class: 'badge state-failed'}, t('contacts.blocked'));
  if (!contact.consent) return '—';
  return h('span', {class: `badge ${contact.consent.status === 'ONAY' ? 'state-ok' : 'state-failed'}`,
    'data-consent': contact.consent.status}, contact.consent.status);
}

function importSection(onImported) {
  const file = h('input', {type: 'file', accept: '.csv,text/csv', name: 'contacts_csv'});
  const errors = errorBox();
  const report = h('div', {'aria-live': 'polite', class: 'import-report'});
  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    if (!file.files[0]) {
      errors.show({message: t('contacts.choose_file'), field: 'file'});
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const result = await request('POST', '/api/v1/contacts/import', {body: file.files[0], contentType: 'text/csv'});
      replace(report,
        h('p', {'data-created': result.created, 'data-updated': result.updated, 'data-rejected': result.rejected.length},
          t('contacts.import_result', {created: result.created, updated: result.updated, rejected: result.rejected.length})),
        result.rejected.length ? table(t('contacts.rejected_rows'), [
          {label: t('contacts.row'), cell: (r) => String(r.row)},
          {label: t('contacts.field'), cell: (r) => r.field},
          {label: t('common.error'), cell: (r) => r.error},
        ], result.rejected, '') : null);
      onImported();
    } catch (error) {
      errors.show(error);
    } finally {
      button.disabled = false;
    }
  }},
  h('h2', {}, t('contacts.import')),
  field(t('contacts.csv_file'), file, t('contacts.csv_hint')), errors,
  h('button', {type: 'submit'}, t('contacts.import_button')), report);
  return form;
}

function groupsSection(groupsBox, onChanged) {
  const name = h('input', {type: 'text', name: 'group_name', autocomplete: 'off'});
  const description = h('input', {type: 'text', name: 'group_description', autocomplete: 'off'});
  const errors = errorBox();
  const form = h('form', {novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    try {
      await post('/api/v1/groups', {name: name.value.trim(), description: description.value});
      name.value = '';
      description.value = '';
      announce(t('common.created'));
      onChanged();
    } catch (error) {
      errors.show(error);
    }
  }},
  h('div', {class: 'row'}, field(t('contacts.group_name'), name), field(t('contacts.group_description'), description)),
  errors, h('button', {type: 'submit', class: 'secondary'}, t('contacts.create_group')));
  return h('section', {class: 'card'}, h('h2', {}, t('contacts.groups')), groupsBox, form);
}

// The consent history of one number: the form asks the daemon, which
// normalises the number as it does everywhere (a malformed one comes back
// as a 400 naming `number`, shown next to the field).
function consentsSection(consentsBox, numberInput, errors, onLookup) {
  const form = h('form', {novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    onLookup(numberInput.value.trim());
  }},
  h('div', {class: 'row'}, field(t('contacts.history_number'), numberInput)), errors,
  h('button', {type: 'submit', class: 'secondary'}, t('contacts.show_history')));
  return h('section', {class: 'card', 'aria-labelledby': 'contacts-consents'},
    h('h2', {id: 'contacts-consents'}, t('contacts.consents')), form, consentsBox);
}

function optoutsSection(optoutsBox, onChanged) {
  const number = h('input', {type: 'text', name: 'optout_number', autocomplete: 'off', inputmode: 'tel'});
  const errors = errorBox();
  const form = h('form', {novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    try {
      await post('/api/v1/optouts', {number: number.value.trim(), source: 'HS_WEB'});
      number.value = '';
      onChanged();
    } catch (error) {
      errors.show(error);
    }
  }},
  field(t('contacts.optout_number'), number), errors, h('button', {type: 'submit', class: 'secondary'}, t('contacts.record_optout')));
  return h('section', {class: 'card'}, h('h2', {}, t('contacts.optouts')), optoutsBox, form);
}

export function render(root) {
  const search = h('input', {type: 'search', name: 'q', autocomplete: 'off'});
  const groupFilter = h('select', {name: 'group'});
  const listBox = h('div', {'aria-live': 'polite'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, t('common.more'));
  const groupsBox = h('div');
  const optoutsBox = h('div');
  const consentsBox = h('div', {'aria-live': 'polite', class: 'consent-history'});
  const historyNumber = h('input', {type: 'text', name: 'history_number', autocomplete: 'off', inputmode: 'tel'});
  const historyErrors = errorBox();
  let historyOf = '';
  let rows = [];
  let cursor = null;

  const drawList = () => replace(listBox, table(t('nav.contacts'), [
    {label: t('common.number'), cell: (c) => c.number},
    {label: t('common.name'), cell: (c) => c.name || '—'},
    {label: t('contacts.groups'), cell: (c) => c.groups.join(', ') || '—'},
    {label: t('contacts.consent'), cell: consentBadge},
    {label: t('contacts.updated'), cell: (c) => formatTime(c.updated_at)},
    {label: t('common.actions'), cell: (c) => h('button', {type: 'button', class: 'secondary', onclick: () => {
      historyNumber.value = c.number;
      showHistory(c.number);
      historyNumber.focus();
    }}, t('contacts.history'), h('span', {class: 'visually-hidden'}, ` ${c.number}`))},
  ], rows, t('contacts.none')));

  // Typing starts a request per key; only the newest one may draw.
  let generation = 0;
  const loadContacts = async (append = false) => {
    const mine = ++generation;
    const page = await get('/api/v1/contacts', {q: search.value.trim(), group: groupFilter.value, limit: 50,
      cursor: append ? cursor : null});
    if (mine !== generation) return;
    rows = append ? [...rows, ...page.contacts] : page.contacts;
    cursor = page.next_cursor;
    more.hidden = !cursor;
    drawList();
  };

  const loadGroups = async () => {
    const {groups} = await get('/api/v1/groups');
    const chosen = groupFilter.value;
    replace(groupFilter, h('option', {value: ''}, t('contacts.all_groups')),
      groups.map((g) => h('option', {value: g.name}, g.name)));
    groupFilter.value = groups.some((g) => g.name === chosen) ? chosen : '';
    replace(groupsBox, table(t('contacts.groups'), [
      {label: t('common.name'), cell: (g) => g.name},
      {label: t('contacts.group_description'), cell: (g) => g.description || '—'},
      {label: t('contacts.members'), cell: (g) => formatNumber(g.members)},
      {label: t('common.actions'), cell: (g) => h('button', {type: 'button', class: 'danger', onclick: async () => {
        await del(`/api/v1/groups/${segment(g.name)}`).catch((e) => announce(e.message));
        loadGroups();
      }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${g.name}`))},
    ], groups, t('contacts.no_groups')));
  };

  const loadOptouts = async () => {
    const {optouts} = await get('/api/v1/optouts', {limit: 100});
    replace(optoutsBox, table(t('contacts.optouts'), [
      {label: t('common.number'), cell: (o) => o.recipient},
      {label: t('contacts.source'), cell: (o) => o.source},
      {label: t('common.when'), cell: (o) => formatTime(o.recorded_at)},
      {label: t('common.actions'), cell: (o) => h('button', {type: 'button', class: 'secondary', onclick: async () => {
        await del(`/api/v1/optouts/${segment(o.recipient)}`, {source: 'HS_WEB'}).catch((e) => announce(e.message));
        loadOptouts();
        loadConsents();
      }}, t('contacts.opt_in'), h('span', {class: 'visually-hidden'}, ` ${o.recipient}`))},
    ], optouts, t('contacts.no_optouts')));
  };

  // One number's history, oldest first as the daemon keeps it; nothing is
  // read until a number is chosen.
  const loadConsents = async () => {
    historyErrors.show(null);
    if (!historyOf) {
      replace(consentsBox, h('p', {class: 'empty'}, t('contacts.choose_history')));
      return;
    }
    let consents;
    try {
      consents = await getAll('/api/v1/consents', 'consents', {number: historyOf}, 5000);
    } catch (error) {
      historyErrors.show(error);
      replace(consentsBox);
      return;
    }
    replace(consentsBox, h('p', {'data-history-of': consents[0]?.recipient ?? historyOf},
      t('contacts.history_of', {number: consents[0]?.recipient ?? historyOf})),
    table(t('contacts.consents'), [
      {label: t('common.when'), cell: (c) => formatTime(c.recorded_at)},
      {label: t('common.number'), cell: (c) => c.recipient},
      {label: t('common.state'), cell: (c) => c.status},
      {label: t('contacts.source'), cell: (c) => c.source},
      {label: t('contacts.evidence'), cell: (c) => c.evidence || '—'},
    ], consents, t('contacts.no_consents')));
  };
  const showHistory = (number) => {
    historyOf = number;
    loadConsents().catch((error) => announce(error.message));
  };

  const blocked = blockedSection();
  const reloadAll = () => Promise.all([loadContacts(), loadGroups(), loadOptouts(), loadConsents(), blocked.load()])
    .catch((error) => announce(error.message));

  search.addEventListener('input', () => loadContacts().catch((e) => announce(e.message)));
  groupFilter.addEventListener('change', () => loadContacts().catch((e) => announce(e.message)));
  more.addEventListener('click', () => loadContacts(true).catch((e) => announce(e.message)));

  root.append(pageHeading('nav.contacts'),
    h('section', {class: 'card', 'aria-labelledby': 'contacts-list'},
      h('h2', {id: 'contacts-list'}, t('contacts.list')),
      h('div', {class: 'row'}, field(t('contacts.search'), search), field(t('contacts.group_filter'), groupFilter)),
      listBox, more),
    importSection(reloadAll),
    groupsSection(groupsBox, reloadAll),
    optoutsSection(optoutsBox, reloadAll),
    blocked,
    consentsSection(consentsBox, historyNumber, historyErrors, showHistory));
  reloadAll();
}
