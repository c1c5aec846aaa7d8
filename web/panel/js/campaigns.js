// Campaigns: the list with progress and start/pause/resume/cancel; a form
// that creates a draft from one template or A/B variants with weights, for
// numbers, groups or a CSV; and one campaign's page (#/campaigns/<id>) with
// its preview (what it would send and cost) and its report: totals, a chart
// and a table comparing the variants, and the figures per SIM.
import {get, post} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatNumber, formatTime, localInputToRfc3339} from './format.js';
import {announce, errorBox, errorText, every, pageHeading, stateBadge} from './ui.js';
import {horizontalBars} from './chart.js';
import {liveCounter} from './counter.js';
import {parseNumbers} from './csv.js';

const ACTIONS = {
  draft: ['start'],
  scheduled: ['pause', 'cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
};

// Recipients that have come to an end, of those the campaign resolved.
function progress(c) {
  const n = c.counts;
  const done = n.sent + n.delivered + n.failed + n.expired + n.cancelled + n.unknown + n.suppressed + n.rejected;
  return h('span', {class: 'progress'},
    h('progress', {max: Math.max(1, n.recipients), value: Math.min(done, n.recipients),
      'aria-label': t('campaigns.progress_label', {name: c.name})}),
    ' ', t('campaigns.progress', {done: formatNumber(done), total: formatNumber(n.recipients)}));
}

function actionButtons(c, onDone) {
  return h('span', {class: 'actions'}, (ACTIONS[c.state] ?? []).map((action) =>
    h('button', {type: 'button', class: action === 'cancel' ? 'danger' : 'secondary', 'data-action': action,
      onclick: async () => {
        try {
          await post(`/api/v1/campaigns/${c.id}/${action}`);
          announce(t(`campaigns.done_${action}`));
        } catch (error) {
          announce(errorText(error));
        }
        onDone();
      }}, t(`campaigns.${action}`), h('span', {class: 'visually-hidden'}, ` ${c.name}`))));
}

function variantFields(index, counter) {
  const name = h('input', {type: 'text', name: `variant_${index}_name`, value: String.fromCharCode(65 + index)});
  const template = h('textarea', {rows: 3, name: `variant_${index}_template`});
  const weight = h('input', {type: 'number', min: 1, name: `variant_${index}_weight`, value: 50});
  template.addEventListener('input', () => counter.update(template.value));
  const box = h('fieldset', {class: 'variant'}, h('legend', {}, t('campaigns.variant_n', {n: index + 1})),
    h('div', {class: 'row'}, field(t('campaigns.variant_name'), name), field(t('campaigns.weight'), weight)),
    field(t('campaigns.template'), template, t('compose.text_hint')));
  box.value = () => ({name: name.value.trim(), template: template.value, weight: Number(weight.value)});
  return box;
}

function createForm(groups, onCreated) {
  const name = h('input', {type: 'text', name: 'name', autocomplete: 'off'});
  const category = h('select', {name: 'category'},
    h('option', {value: 'commercial'}, t('category.commercial')),
    h('option', {value: 'informational'}, t('category.informational')));
  const counter = liveCounter();
  const abToggle = h('input', {type: 'checkbox', id: 'campaign-ab', name: 'ab'});
  const template = h('textarea', {rows: 4, name: 'template'});
  template.addEventListener('input', () => counter.update(template.value));
  const single = h('div', {}, field(t('campaigns.template'), template, t('compose.text_hint')));
  const variants = [variantFields(0, counter), variantFields(1, counter)];
  const abBox = h('div', {hidden: true}, variants);
  abToggle.addEventListener('change', () => {
    abBox.hidden = !abToggle.checked;
    single.hidden = abToggle.checked;
  });
  const numbers = h('textarea', {rows: 3, name: 'audience_numbers', spellcheck: 'false'});
  const groupChecks = groups.map((g) => h('div', {class: 'check'},
    h('input', {type: 'checkbox', id: `campaign-group-${g.name}`, value: g.name, name: 'audience_groups'}),
    h('label', {for: `campaign-group-${g.name}`}, `${g.name} (${formatNumber(g.members)})`)));
  const csv = h('input', {type: 'file', accept: '.csv,text/csv', name: 'audience_csv'});
  const sendAt = h('input', {type: 'datetime-local', name: 'send_at'});
  const rate = h('input', {type: 'number', min: 1, name: 'rate_per_minute'});
  const errors = errorBox();

  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    const body = {name: name.value.trim(), category: category.value, audience: {}};
    if (abToggle.checked) body.variants = variants.map((v) => v.value());
    else body.template = template.value;
    const numberList = parseNumbers(numbers.value);
    if (numberList.length) body.audience.numbers = numberList;
    const chosenGroups = groupChecks.map((c) => c.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    if (chosenGroups.length) body.audience.groups = chosenGroups;
    if (csv.files[0]) body.audience.csv = await csv.files[0].text();
    const when = localInputToRfc3339(sendAt.value);
    if (when) body.send_at = when;
    if (rate.value) body.rate_per_minute = Number(rate.value);
    try {
      const created = await post('/api/v1/campaigns', body);
      announce(t('campaigns.created', {name: created.name}));
      onCreated(created);
    } catch (error) {
      errors.show(error);
    }
  }},
  h('h2', {}, t('campaigns.new')),
  h('div', {class: 'row'}, field(t('campaigns.name'), name), field(t('compose.category'), category)),
  h('fieldset', {}, h('legend', {}, t('compose.message')),
    h('div', {class: 'check'}, abToggle, h('label', {for: abToggle.id}, t('campaigns.ab'))),
    single, abBox, counter.element),
  h('fieldset', {}, h('legend', {}, t('campaigns.audience')),
    field(t('compose.numbers'), numbers, t('compose.numbers_hint')),
    groupChecks.length ? h('fieldset', {}, h('legend', {}, t('contacts.groups')), groupChecks) : null,
    field(t('campaigns.audience_csv'), csv, t('compose.csv_hint'))),
  h('div', {class: 'row'}, field(t('compose.send_at'), sendAt, t('compose.send_at_hint')),
    field(t('campaigns.rate'), rate, t('campaigns.rate_hint'))),
  errors, h('button', {type: 'submit'}, t('campaigns.create')));
  return form;
}

function listPage(root) {
  const listBox = h('div', {'aria-live': 'polite'});
  const formBox = h('div');
  const load = async () => {
    const page = await get('/api/v1/campaigns', {limit: 100});
    replace(listBox, table(t('nav.campaigns'), [
      {label: t('campaigns.name'), cell: (c) => h('a', {href: `#/campaigns/${c.id}`, 'data-campaign': c.id}, c.name)},
      {label: t('common.state'), cell: (c) => stateBadge(c.state)},
      {label: t('campaigns.progress_title'), cell: progress},
      {label: t('campaigns.created_at'), cell: (c) => formatTime(c.created_at)},
      {label: t('common.actions'), cell: (c) => actionButtons(c, load)},
    ], page.campaigns, t('campaigns.none')));
  };
  get('/api/v1/groups').then(({groups}) => replace(formBox, createForm(groups, (created) => {
    location.hash = `#/campaigns/${created.id}`;
  }))).catch((error) => announce(errorText(error)));
  root.append(pageHeading('nav.campaigns'), h('section', {}, listBox), formBox);
  return every(5000, load);
}

function previewView(preview) {
  const entries = (object) => Object.entries(object).map(([k, v]) => `${k || t('campaigns.single')}: ${formatNumber(v)}`).join(', ') || '—';
  return h('div', {class: 'card preview', 'data-preview-messages': preview.messages},
    h('h2', {}, t('campaigns.preview')),
    h('dl', {class: 'queue'},
      h('dt', {}, t('campaigns.recipients')), h('dd', {}, formatNumber(preview.recipients)),
      h('dt', {}, t('campaigns.messages')), h('dd', {}, formatNumber(preview.messages)),
      h('dt', {}, t('counter.segments_label')), h('dd', {}, formatNumber(preview.segments)),
      h('dt', {}, t('campaigns.by_encoding')), h('dd', {}, entries(preview.by_encoding)),
      h('dt', {}, t('campaigns.by_variant')), h('dd', {}, entries(preview.by_variant)),
      h('dt', {}, t('campaigns.rejected')), h('dd', {}, formatNumber(preview.rejected.count)),
      h('dt', {}, t('state.suppressed')), h('dd', {}, entries(preview.suppressed))),
    table(t('campaigns.examples'), [
      {label: t('common.number'), cell: (e) => e.to},
      {label: t('campaigns.variant_name'), cell: (e) => e.variant || t('campaigns.single')},
      {label: t('compose.text'), cell: (e) => e.text},
      {label: t('counter.segments_label'), cell: (e) => `${e.segments} (${e.encoding})`},
    ], preview.examples, ''),
    preview.rejected.examples.length ? table(t('campaigns.rejected'), [
      {label: t('common.number'), cell: (e) => e.to},
      {label: t('common.error'), cell: (e) => e.reason},
    ], preview.rejected.examples, '') : null);
}

const percent = (part, whole) => (whole > 0 ? `${Math.round((100 * part) / whole)} %` : '—');

function reportView(report) {
  const variants = Object.entries(report.by_variant);
  const tallyColumns = (first) => [
    first,
    // A tally's `sent` already includes the delivered ones.
    {label: t('state.sent'), cell: ([, v]) => formatNumber(v.sent)},
    {label: t('state.delivered'), cell: ([, v]) => formatNumber(v.delivered)},
    {label: t('campaigns.delivery_rate'), cell: ([, v]) => percent(v.delivered, v.sent)},
    {label: t('state.failed'), cell: ([, v]) => formatNumber(v.failed)},
    {label: t('state.suppressed'), cell: ([, v]) => formatNumber(v.suppressed)},
    {label: t('campaigns.replies'), cell: ([, v]) => formatNumber(v.replies)},
    {label: t('campaigns.reply_rate'), cell: ([, v]) => percent(v.replies, v.sent)},
    {label: t('campaigns.opt_outs'), cell: ([, v]) => formatNumber(v.opt_outs)},
  ];
  const series = [t('state.sent'), t('state.delivered'), t('state.failed'), t('campaigns.replies')].map((name) => ({name}));
  const chartRows = variants.map(([name, v]) => ({label: name || t('campaigns.single'),
    values: [v.sent, v.delivered, v.failed, v.replies]}));
  return h('section', {class: 'card report', 'data-report': report.campaign},
    h('h2', {}, t('campaigns.report')),
    table(t('campaigns.report'), tallyColumns({label: t('campaigns.total'), cell: () => t('campaigns.total')}),
      [['', report.total]], ''),
    horizontalBars(t('campaigns.chart_title'), series, chartRows),
    h('h3', {}, t('campaigns.ab_comparison')),
    table(t('campaigns.ab_comparison'), tallyColumns({label: t('campaigns.variant_name'),
      cell: ([name]) => h('span', {'data-variant': name}, name || t('campaigns.single'))}), variants, ''),
    h('h3', {}, t('campaigns.by_modem')),
    table(t('campaigns.by_modem'), tallyColumns({label: t('nav.modems'), cell: ([name]) => name}),
      Object.entries(report.by_modem), t('campaigns.no_modem_yet')));
}

function detailPage(root, id) {
  const header = h('div');
  const previewBox = h('div', {'aria-live': 'polite'});
  const reportBox = h('div');
  const previewButton = h('button', {type: 'button', class: 'secondary', 'data-action': 'preview', onclick: async () => {
    try {
      replace(previewBox, previewView(await post(`/api/v1/campaigns/${id}/preview`)));
    } catch (error) {
      replace(previewBox, h('p', {class: 'error', role: 'alert'}, errorText(error)));
    }
  }}, t('campaigns.preview_button'));
  const title = pageHeading('nav.campaigns');
  root.append(h('p', {}, h('a', {href: '#/campaigns'}, t('campaigns.back'))), title, header, previewBox, reportBox);

  const load = async () => {
    const [c, report] = await Promise.all([get(`/api/v1/campaigns/${id}`), get(`/api/v1/campaigns/${id}/report`)]);
    title.textContent = c.name;
    document.title = `${c.name} · tellal`;
    replace(header, h('section', {class: 'card', 'data-campaign-state': c.state},
      h('p', {}, stateBadge(c.state), ' ', t(`category.${c.category}`), ' · ', progress(c)),
      c.variants.length ? h('ul', {}, c.variants.map((v) => h('li', {}, h('strong', {}, `${v.name} (${v.weight}): `), v.template))) :
        h('p', {}, c.template),
      h('p', {class: 'hint'}, t('campaigns.times', {created: formatTime(c.created_at), started: formatTime(c.started_at),
        finished: formatTime(c.finished_at)})),
      h('div', {class: 'actions'}, c.state === 'draft' ? previewButton : null, actionButtons(c, load))));
    replace(reportBox, reportView(report));
  };
  return every(3000, load);
}

export function render(root, rest) {
  return /^\d+$/.test(rest) ? detailPage(root, rest) : listPage(root);
}
