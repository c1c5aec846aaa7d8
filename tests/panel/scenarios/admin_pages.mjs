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
