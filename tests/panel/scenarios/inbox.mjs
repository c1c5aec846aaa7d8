// An inbound reply and its answer. The demo town's echo number
// (+90 555 000 00 00, daemon/demo/echo_number.h) answers every message it
// receives two seconds later, on the modem that sent to it, quoting the
// text; so one message is enough and the reply is known exactly. The reply
// is opened from the inbox and answered inline; the answer shows in the
// thread.
import assert from 'node:assert/strict';
import {openRoute, sendFromCompose} from '../lib/panel_page.mjs';

export const ECHO_NUMBER = '+905550000000';

export const inboxReply = {
  name: 'see an inbound reply and answer it',
  async run({base, state, shot}) {
    const {page} = state;
    const text = `Yarın mağazamız 09:00'da açılıyor (${Date.now()}).`;
    await sendFromCompose(page, base, ['05550000000'], text);
    await openRoute(page, base, 'inbox');
    const thread = page.locator(`.thread-list button[data-number="${ECHO_NUMBER}"]`);
    await thread.waitFor({timeout: 60000});
    await thread.click();
    await page.waitForURL(new RegExp(`#/inbox/${encodeURIComponent(ECHO_NUMBER).replace(/[+]/g, '\\+')}$`));
    const inbound = page.locator('.bubble.inbound', {hasText: `Yankı: ${text}`});
    await inbound.waitFor({timeout: 30000});
    // The echo answered on the modem that carried the message to it.
    const sentOn = await page.locator('.bubble.outbound', {hasText: text}).first().locator('.meta').textContent();
    const receivedOn = await inbound.locator('.meta').textContent();
    const modemOf = (meta) => /· (sim\d+)/.exec(meta)?.[1];
    assert.ok(modemOf(receivedOn), `no modem in "${receivedOn}"`);
    assert.equal(modemOf(receivedOn), modemOf(sentOn));

    // Opening the thread marked it read: the list drops its unread badge.
    await page.waitForFunction((n) => {
      const button = document.querySelector(`.thread-list button[data-number="${n}"]`);
      return button && !button.classList.contains('unread');
    }, ECHO_NUMBER, {timeout: 15000});

    const answer = 'Teşekkürler! Size hemen dönüyoruz.';
    await page.locator('textarea[name=reply]').fill(answer);
    await page.locator('form.reply button[type=submit]').click();
    await page.locator('.bubble.outbound', {hasText: answer}).waitFor({timeout: 30000});
    assert.equal(await page.locator('form.reply .error').isVisible(), false, 'the reply form shows an error');
    // The echo quotes the answer too.
    await page.locator('.bubble.inbound', {hasText: `Yankı: ${answer}`}).waitFor({timeout: 30000});
    await shot(page, 'inbox-reply');
  },
};
