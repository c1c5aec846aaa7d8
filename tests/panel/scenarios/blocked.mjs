// The blocked list on the contacts page: a number is blocked with a
// reason, shows in the list (also after a reload, so the daemon kept it),
// a malformed number is refused beside its field, and the number is
// unblocked again. It uses a number no other scenario sends to.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

const NUMBER = '+905329990001';

export const blockedNumbers = {
  name: 'block a number and unblock it',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'contacts');
    const section = page.locator('section[aria-labelledby=contacts-blocked]');
    await section.locator('.blocked-list table, .blocked-list .empty').first().waitFor();

    await page.locator('input[name=blocked_number]').fill('abc');
    await section.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('input[name=blocked_number]')?.getAttribute('aria-invalid') === 'true');
    const alertId = (await page.locator('input[name=blocked_number]').getAttribute('aria-describedby')).split(' ').at(-1);
    assert.match(await page.locator(`[id="${alertId}"]`).textContent(), /number/);

    await page.locator('input[name=blocked_number]').fill('0532 999 00 01');
    await page.locator('input[name=blocked_reason]').fill('Şikâyet etti');
    await section.locator('button[type=submit]').click();
    const row = section.locator('tbody tr', {hasText: NUMBER});
    await row.waitFor();
    assert.match(await row.textContent(), /Şikâyet etti/);
    assert.equal(await page.locator('input[name=blocked_number]').getAttribute('aria-invalid'), null);

    await page.reload();
    await page.locator('#page[data-page=contacts] h1').waitFor();
    await section.locator('tbody tr', {hasText: NUMBER}).waitFor();
    await shot(page, 'contacts-blocked');

    await section.locator(`button[data-unblock="${NUMBER}"]`).click();
    await page.waitForFunction((n) => !document.querySelector(`button[data-unblock="${n}"]`), NUMBER);
    const list = await page.evaluate(async () => (await (await fetch('/api/v1/blocked')).json()).blocked);
    assert.ok(!list.some((b) => b.number === NUMBER), `still blocked: ${JSON.stringify(list)}`);
  },
};
