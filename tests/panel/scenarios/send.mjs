// Sending from the compose page to three numbers; the page follows the
// messages until the virtual network's delivery reports mark each one
// delivered.
import assert from 'node:assert/strict';
import {sendFromCompose} from '../lib/panel_page.mjs';

export const sendToThree = {
  name: 'send to 3 numbers and see them delivered',
  async run({base, state, shot}) {
    const {page} = state;
    const numbers = ['05321110001', '0532 111 00 02', '+905321110003'];
    await sendFromCompose(page, base, numbers, 'Merhaba! Siparişiniz hazır, yarın 10:00-18:00 arası teslim alabilirsiniz.');
    const rows = page.locator('.results tbody tr');
    assert.equal(await rows.count(), 3);
    await page.locator('.results [data-state="delivered"]').nth(2).waitFor({timeout: 120000});
    assert.equal(await page.locator('.results [data-state="delivered"]').count(), 3);
    const shown = await page.locator('.results tbody tr td:first-child').allTextContents();
    assert.deepEqual(shown.sort(), ['+905321110001', '+905321110002', '+905321110003']);
    await shot(page, 'compose-delivered');
  },
};
