// Webhooks: the endpoints, a form to register one with the events it
// wants, a test ping, and each endpoint's deliveries with every attempt
// and a retry button (#/webhooks/<id>).
import {del, get, patch, post} from './api.js';
import {field, h, replace, table} from './dom.js';
import {t} from './i18n.js';
import {formatTime} from './format.js';
import {announce, errorBox, errorText, every, pageHeading, stateBadge} from './ui.js';

const EVENTS = ['message.received', 'message.sent', 'message.delivered', 'message.failed', 'message.unknown',
  'contact.opted_out', 'contact.opted_in', 'poll.vote', 'campaign.completed', 'rule.matched'];

function createForm(onCreated) {
  const url = h('input', {type: 'url', name: 'url', autocomplete: 'off', placeholder: 'https://'});
  const checks = EVENTS.map((e) => h('div', {class: 'check'},
    h('input', {type: 'checkbox', id: `event-${e}`, value: e, name: 'events'}),
    h('label', {for: `event-${e}`}, e)));
  const errors = errorBox();
  const form = h('form', {class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    errors.show(null);
    const events = checks.map((c) => c.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    try {
      await post('/api/v1/webhooks', {url: url.value.trim(), events});
      form.reset();
      announce(t('common.created'));
      onCreated();
    } catch (error) {
      errors.show(error);
    }
  }},
  h('h2', {}, t('webhooks.new')), field(t('webhooks.url'), url),
  h('fieldset', {}, h('legend', {}, t('webhooks.events')), h('div', {class: 'row'}, checks)),
  errors, h('button', {type: 'submit'}, t('common.create')));
  return form;
}

function listPage(root) {
  const listBox = h('div', {'aria-live': 'polite'});
  const load = async () => {
    const {webhooks} = await get('/api/v1/webhooks');
    replace(listBox, table(t('nav.webhooks'), [
      {label: t('webhooks.url'), cell: (w) => h('a', {href: `#/webhooks/${w.id}`}, w.url)},
      {label: t('webhooks.events'), cell: (w) => w.events.join(', ')},
      {label: t('common.enabled'), cell: (w) => (w.enabled ? t('common.yes') : `${t('common.no')} ${w.disabled_reason ?? ''}`)},
      {label: t('common.actions'), cell: (w) => h('span', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', onclick: async () => {
          await post(`/api/v1/webhooks/${w.id}/test`).then(() => announce(t('webhooks.test_sent')), (e) => announce(errorText(e)));
        }}, t('webhooks.test'), h('span', {class: 'visually-hidden'}, ` ${w.url}`)),
        h('button', {type: 'button', class: 'secondary', onclick: async () => {
          await patch(`/api/v1/webhooks/${w.id}`, {enabled: !w.enabled}).catch((e) => announce(errorText(e)));
          load();
        }}, t(w.enabled ? 'webhooks.disable' : 'webhooks.enable'), h('span', {class: 'visually-hidden'}, ` ${w.url}`)),
        h('button', {type: 'button', class: 'danger', onclick: async () => {
          await del(`/api/v1/webhooks/${w.id}`).catch((e) => announce(errorText(e)));
          load();
        }}, t('common.delete'), h('span', {class: 'visually-hidden'}, ` ${w.url}`)))},
    ], webhooks, t('webhooks.none')));
  };
  root.append(pageHeading('nav.webhooks'), h('section', {}, listBox), createForm(load));
  return every(10000, load);
}

function attempts(d) {
  if (d.history.length === 0) return '—';
  return h('ol', {}, d.history.map((a) => h('li', {},
    `${formatTime(a.at)} · ${a.http_status ? `HTTP ${a.http_status}` : a.error || '—'} · ${a.duration_ms} ms`)));
}

function deliveriesPage(root, id) {
  const title = pageHeading('nav.webhooks');
  const listBox = h('div', {'aria-live': 'polite'});
  root.append(h('p', {}, h('a', {href: '#/webhooks'}, t('webhooks.back'))), title, listBox);
  const load = async () => {
    const [hook, page] = await Promise.all([get(`/api/v1/webhooks/${id}`), get(`/api/v1/webhooks/${id}/deliveries`, {limit: 100})]);
    title.textContent = hook.url;
    replace(listBox, h('h2', {}, t('webhooks.deliveries')), table(t('webhooks.deliveries'), [
      {label: t('webhooks.event'), cell: (d) => d.event_type},
      {label: t('common.state'), cell: (d) => stateBadge(d.state)},
      {label: t('webhooks.attempts'), cell: attempts},
      {label: t('webhooks.next_attempt'), cell: (d) => (d.state === 'pending' ? formatTime(d.next_attempt_at) : '—')},
      {label: t('common.actions'), cell: (d) => (d.state === 'delivered' ? '' :
        h('button', {type: 'button', class: 'secondary', onclick: async () => {
          await post(`/api/v1/webhooks/${id}/deliveries/${d.id}/retry`).then(() => announce(t('webhooks.retried')),
            (e) => announce(errorText(e)));
          load();
        }}, t('webhooks.retry'), h('span', {class: 'visually-hidden'}, ` ${d.event_type} #${d.id}`)))},
    ], page.deliveries, t('webhooks.no_deliveries')));
  };
  return every(5000, load);
}

export function render(root, rest) {
  return /^\d+$/.test(rest) ? deliveriesPage(root, rest) : listPage(root);
}
