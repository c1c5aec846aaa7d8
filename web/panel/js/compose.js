// Compose: numbers pasted or a CSV whose columns fill the template's
// {fields}, the live cost counter, a schedule, a category, then one batch
// POST /api/v1/messages (all or nothing). The messages just sent are then
// followed until each reaches a final state.
import {get, post} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {localInputToRfc3339} from './format.js';
import {errorBox, every, pageHeading, stateBadge, announce} from './ui.js';
import {liveCounter} from './counter.js';
import {parseCsv, parseNumbers, recipientsFromCsv, renderTemplate, templateFields} from './csv.js';

const PREVIEW_ROWS = 3;
const FINAL_STATES = new Set(['delivered', 'failed', 'expired', 'cancelled', 'unknown', 'suppressed']);

export function render(root) {
  let csvRecipients = null;
  let stopFollowing = null;

  const numbers = h('textarea', {rows: 4, name: 'numbers', autocomplete: 'off', spellcheck: 'false'});
  const csvInput = h('input', {type: 'file', accept: '.csv,text/csv', name: 'csv'});
  const csvStatus = h('p', {class: 'hint', 'aria-live': 'polite'});
  const template = h('textarea', {rows: 5, name: 'text', required: true});
  const fieldsLine = h('p', {class: 'hint', 'aria-live': 'polite'});
  // The first recipients' own texts, as the template renders them for
  // each CSV row, so a wrong column shows before anything is sent.
  const rowsPreview = h('div', {class: 'csv-preview'});
  const counter = liveCounter();
  const sendAt = h('input', {type: 'datetime-local', name: 'send_at'});
  const category = h('select', {name: 'category'},
    h('option', {value: 'informational'}, t('category.informational')),
    h('option', {value: 'commercial'}, t('category.commercial')));
  const priority = h('select', {name: 'priority'},
    ['normal', 'otp', 'bulk'].map((p) => h('option', {value: p}, t(`priority.${p}`))));
  const report = h('input', {type: 'checkbox', id: 'compose-report', name: 'report', checked: true});
  const errors = errorBox();
  const results = h('section', {'aria-live': 'polite', class: 'results'});

  // What the counter shows: the first recipient's text when the template
  // has fields and a CSV gives them, otherwise the template itself.
  const previewText = () => {
    if (csvRecipients && csvRecipients.length > 0) {
      const rendered = renderTemplate(template.value, csvRecipients[0].fields);
      if (rendered.text !== undefined) return rendered.text;
    }
    return template.value;
  };
  const refresh = () => {
    const names = templateFields(template.value);
    fieldsLine.textContent = names.length ? t('compose.fields', {fields: names.map((n) => `{${n}}`).join(', ')}) : '';
    counter.update(previewText());
    if (!csvRecipients || csvRecipients.length === 0 || names.length === 0) {
      replace(rowsPreview);
      return;
    }
    const shown = csvRecipients.slice(0, PREVIEW_ROWS);
    replace(rowsPreview, h('p', {class: 'hint'}, t('compose.preview_rows', {n: shown.length, total: csvRecipients.length})),
      h('ul', {}, shown.map((r) => {
        const rendered = renderTemplate(template.value, r.fields);
        return h('li', {'data-preview-to': r.to}, h('strong', {}, r.to || `#${r.row}`), ': ',
          rendered.missing ? h('span', {class: 'error'}, t('compose.missing_field', {field: rendered.missing, to: r.to || `#${r.row}`}))
            : rendered.text);
      })));
  };
  template.addEventListener('input', refresh);

  csvInput.addEventListener('change', async () => {
    const file = csvInput.files[0];
    csvRecipients = null;
    if (!file) {
      csvStatus.textContent = '';
      refresh();
      return;
    }
    const {recipients, error} = recipientsFromCsv(parseCsv(await file.text()));
    if (error) {
      csvStatus.textContent = t(`compose.csv_${error}`);
    } else {
      csvRecipients = recipients;
      const columns = Object.keys(Object.assign({}, ...recipients.map((r) => r.fields)));
      csvStatus.textContent = t('compose.csv_loaded', {n: recipients.length, columns: columns.join(', ') || '—'});
    }
    refresh();
  });

  const buildMessages = () => {
    const recipients = [
      ...parseNumbers(numbers.value).map((to) => ({to, fields: {}, row: null})),
      ...(csvRecipients ?? []),
    ];
    if (recipients.length === 0) return {error: {message: t('compose.no_recipients'), field: 'to'}};
    if (template.value.trim() === '') return {error: {message: t('compose.no_text'), field: 'text'}};
    const when = localInputToRfc3339(sendAt.value);
    const messages = [];
    for (const r of recipients) {
      const rendered = renderTemplate(template.value, r.fields);
      if (rendered.missing) {
        return {error: {message: t('compose.missing_field', {field: rendered.missing, to: r.to || `#${r.row}`}), field: 'text'}};
      }
      const message = {to: r.to, text: rendered.text, category: category.value, priority: priority.value, report: report.checked};
      if (when) message.send_at = when;
      messages.push(message);
    }
    return {messages};
  };

  const follow = (submitted) => {
    if (stopFollowing) stopFollowing();
    const rows = new Map(submitted.map((m) => [m.id, m]));
    const draw = () => replace(results, h('h2', {}, t('compose.sent_title')), table(t('compose.sent_title'), [
      {label: t('common.number'), cell: (m) => m.to},
      {label: t('common.state'), cell: (m) => stateBadge(m.state)},
      {label: t('counter.segments_label'), cell: (m) => String(m.segments)},
      {label: t('common.error'), cell: (m) => (m.error ? m.error.text || m.error.code : '')},
    ], [...rows.values()], ''));
    draw();
    stopFollowing = every(2000, async () => {
      const open = [...rows.values()].filter((m) => !FINAL_STATES.has(m.state));
      if (open.length === 0) return;
      const fresh = await Promise.all(open.map((m) => get(`/api/v1/messages/${m.id}`)));
      for (const m of fresh) rows.set(m.id, m);
      draw();
    });
  };

  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    const built = buildMessages();
    if (built.error) {
      errors.show(built.error);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const answer = await post('/api/v1/messages', {messages: built.messages});
      announce(t('compose.queued', {n: answer.messages.length}));
      follow(answer.messages);
    } catch (error) {
      if (error.field === 'to' || error.field === 'text') (error.field === 'to' ? numbers : template).setAttribute('aria-invalid', 'true');
      errors.show(error);
    } finally {
      button.disabled = false;
    }
  }},
  h('fieldset', {}, h('legend', {}, t('compose.recipients')),
    field(t('compose.numbers'), numbers, t('compose.numbers_hint')),
    field(t('compose.csv'), csvInput, t('compose.csv_hint')), csvStatus),
  h('fieldset', {}, h('legend', {}, t('compose.message')),
    field(t('compose.text'), template, t('compose.text_hint')), fieldsLine, rowsPreview, counter.element),
  h('fieldset', {}, h('legend', {}, t('compose.options')),
    h('div', {class: 'row'},
      field(t('compose.send_at'), sendAt, t('compose.send_at_hint')),
      field(t('compose.category'), category),
      field(t('compose.priority'), priority)),
    h('div', {class: 'check'}, report, h('label', {for: report.id}, t('compose.report')))),
  errors,
  h('button', {type: 'submit'}, t('compose.send')));

  root.append(pageHeading('nav.compose'), form, results);
  return () => {
    if (stopFollowing) stopFollowing();
  };
}
