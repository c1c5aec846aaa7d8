// The rules, polls, webhooks and modems pages against the daemon: a rule
// and a poll made with their forms appear in the lists (the poll with its
// zero tally), a webhook to a closed port gets a failed or pending
// delivery after its test ping that can be retried, and the modems page
// shows each modem's details.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

export const rulesPage = {
  name: 'rules: create a keyword rule with an auto-reply',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'rules');
    await page.locator('select[name=match_type]').selectOption('keyword');
    await page.locator('input[name=match_value]').fill('BİLGİ');
    await page.locator('textarea[name=reply]').fill('Merhaba {name|efendim}, çalışma saatlerimiz 09:00-18:00.');
    await page.locator('select[name=tag_group]').selectOption('vip');
    await page.locator('#page form button[type=submit]').click();
    const row = page.locator('#page tbody tr', {hasText: 'BİLGİ'});
    await row.waitFor();
    assert.match(await row.textContent(), /çalışma saatlerimiz/);
    assert.match(await row.textContent(), /vip/);
    await shot(page, 'rules');
  },
};

export const pollsPage = {
  name: 'polls: create a poll and see its live tally',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'polls');
    await page.locator('input[name=poll_name]').fill('Yeni şube');
    await page.locator('input[name=poll_keyword]').fill('ANKET');
    await page.locator('#page form button[type=submit]').click();
    const card = page.locator('li[data-poll]', {hasText: 'Yeni şube'});
    await card.waitFor();
    assert.equal(await card.locator('[data-votes]').getAttribute('data-votes'), '0');
    assert.equal(await card.locator('svg.chart rect').count(), 2);
    await shot(page, 'polls');
  },
};

export const webhooksPage = {
  name: 'webhooks: register one, ping it, see the delivery and retry it',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'webhooks');
    // Port 9 (discard) is closed on a test machine: every attempt fails.
    await page.locator('input[name=url]').fill('http://127.0.0.1:9/tellal');
    await page.locator('#event-message\\.received').check();
    await page.locator('#page form button[type=submit]').click();
    const row = page.locator('#page tbody tr', {hasText: '127.0.0.1:9'});
    await row.waitFor();
    await row.locator('button.secondary').first().click();
    await row.locator('a').click();
    await page.waitForURL(/#\/webhooks\/\d+$/);
    const delivery = page.locator('#page tbody tr', {hasText: 'webhook.test'});
    await delivery.waitFor();
    await delivery.locator('li').first().waitFor({timeout: 30000});
    await delivery.locator('button').click();
    await shot(page, 'webhook-deliveries');
  },
};

export const modemsPage = {
  name: 'modems: the details of the four demo modems',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'modems');
    await page.locator('li[data-modem]').nth(3).waitFor();
    assert.equal(await page.locator('li[data-modem]').count(), 4);
    const first = await page.locator('li[data-modem]').first().textContent();
    assert.match(first, /IMEI/);
    await shot(page, 'modems');
  },
};

// The API's 400 for `field` shows beside that control: its alert box is
// visible, says what is wrong, and the control is marked invalid and
// described by it.
async function assertFieldError(page, control) {
  await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-invalid') === 'true',
    control);
  const box = await page.locator(control).evaluate((node) => {
    const ids = (node.getAttribute('aria-describedby') ?? '').split(' ');
    const alert = ids.map((id) => document.getElementById(id)).find((n) => n && n.getAttribute('role') === 'alert');
    return alert ? {hidden: alert.hidden, text: alert.textContent} : null;
  });
  assert.ok(box, `${control} is described by no alert`);
  assert.equal(box.hidden, false);
  assert.ok(box.text.length > 0);
}

export const rulesEdit = {
  name: "rules: edit a rule's reply, a bad pattern shown beside its field",
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'rules');
    const row = page.locator('#page tbody tr', {hasText: 'BİLGİ'});
    await row.locator('[data-edit-rule]').click();
    assert.equal(await page.locator('input[name=match_value]').inputValue(), 'BİLGİ');
    assert.match(await page.locator('textarea[name=reply]').inputValue(), /çalışma saatlerimiz/);

    // An unclosed group: the daemon's regex compiler refuses match.pattern.
    await page.locator('select[name=match_type]').selectOption('regex');
    await page.locator('input[name=match_value]').fill('(');
    await page.locator('#page form button[type=submit]').click();
    await assertFieldError(page, 'input[name=match_value]');
    await shot(page, 'rules-edit-error');

    await page.locator('select[name=match_type]').selectOption('keyword');
    await page.locator('input[name=match_value]').fill('BİLGİ');
    const reply = 'Merhaba {name|efendim}, hafta sonu 10:00-16:00 açığız.';
    await page.locator('textarea[name=reply]').fill(reply);
    await page.locator('#page form button[type=submit]').click();
    await page.locator('#page tbody tr', {hasText: 'hafta sonu'}).waitFor();

    await page.reload();
    const saved = page.locator('#page tbody tr', {hasText: 'BİLGİ'});
    await saved.waitFor();
    assert.match(await saved.textContent(), /hafta sonu 10:00-16:00/);
    assert.doesNotMatch(await saved.textContent(), /çalışma saatlerimiz/);
    assert.match(await saved.textContent(), /vip/, 'the tag the edit did not touch is kept');
    await shot(page, 'rules-edited');
  },
};

export const pollsEdit = {
  name: "polls: edit a poll's title, an empty one shown beside its field",
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'polls');
    const card = page.locator('li[data-poll]', {hasText: 'Yeni şube'});
    await card.locator('[data-edit-poll]').click();
    assert.equal(await page.locator('input[name=poll_name]').inputValue(), 'Yeni şube');
    assert.equal(await page.locator('input[name=poll_keyword]').inputValue(), 'ANKET');

    await page.locator('input[name=poll_name]').fill('');
    await page.locator('#page form button[type=submit]').click();
    await assertFieldError(page, 'input[name=poll_name]');

    await page.locator('input[name=poll_name]').fill('Yeni şube: Kadıköy');
    await page.locator('#page form button[type=submit]').click();
    await page.locator('li[data-poll]', {hasText: 'Yeni şube: Kadıköy'}).waitFor();

    await page.reload();
    const saved = page.locator('li[data-poll]', {hasText: 'Yeni şube: Kadıköy'});
    await saved.waitFor();
    assert.match(await saved.textContent(), /ANKET/, 'the keyword the edit did not touch is kept');
    assert.equal(await saved.locator('svg.chart rect').count(), 2);
    await shot(page, 'polls-edited');
  },
};
