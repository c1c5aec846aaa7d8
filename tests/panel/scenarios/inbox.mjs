// An inbound reply and its answer. The demo's virtual recipients answer a
// share of what they receive (daemon/demo/demo.cc, a fixed seed) a few
// seconds later, on the modem that sent to them; twenty messages make a
// reply certain with that seed. The reply is opened from the inbox and
// answered inline; the answer shows in the thread.
import assert from 'node:assert/strict';
import {openRoute, sendFromCompose} from '../lib/panel_page.mjs';

export const inboxReply = {
  name: 'see an inbound reply and answer it',
  async run({base, state, shot}) {
    const {page} = state;
    const numbers = Array.from({length: 20}, (_, i) => `0533999${String(i + 1).padStart(4, '0')}`);
    await sendFromCompose(page, base, numbers, 'Yarın mağazamız 09:00\'da açılıyor. Sorularınız için yanıtlayın.');
    await openRoute(page, base, 'inbox');
    const first = page.locator('.thread-list button[data-number]').first();
    await first.waitFor({timeout: 90000});
    const number = await first.getAttribute('data-number');
    await first.click();
    await page.waitForURL(new RegExp(`#/inbox/${encodeURIComponent(number).replace(/[+]/g, '\\+')}$`));
    const inbound = page.locator('.bubble.inbound').first();
    await inbound.waitFor();
    assert.ok((await inbound.textContent()).length > 0);

    const answer = 'Teşekkürler! Size hemen dönüyoruz.';
    await page.locator('textarea[name=reply]').fill(answer);
    await page.locator('form.reply button[type=submit]').click();
    await page.locator('.bubble.outbound', {hasText: answer}).waitFor({timeout: 30000});
    assert.equal(await page.locator('form.reply .error').isVisible(), false, 'the reply form shows an error');
    // Opening the thread marked it read: the list drops its unread badge.
    await page.waitForFunction((n) => {
      const button = document.querySelector(`.thread-list button[data-number="${n}"]`);
      return button && !button.classList.contains('unread');
    }, number, {timeout: 15000});
    await shot(page, 'inbox-reply');
  },
};
