// The compose page's live counter asks the daemon what a text costs: an
// emoji forces UCS-2 and is named; Turkish letters stay in GSM 7-bit with
// the Turkish tables, and a long Turkish text shows what the tables save.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

export const emojiCounter = {
  name: 'the counter shows UCS-2 for an emoji',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'compose');
    const text = page.locator('textarea[name=text]');
    const counter = page.locator('[data-testid=counter]');

    await text.fill('Merhaba 😀 indirim başladı');
    await counter.locator('[data-encoding="ucs2"]').waitFor();
    assert.equal(await counter.locator('[data-forced-by]').getAttribute('data-forced-by'), '😀');
    assert.equal(await counter.locator('[data-segments]').getAttribute('data-segments'), '1');
    await shot(page, 'compose-counter-emoji');

    await text.fill('Şükrü Çağlar, İğdır şubemizde güzel ürünler sizi bekliyor.');
    await counter.locator('[data-encoding="gsm7"]').waitFor();
    assert.equal(await counter.locator('[data-forced-by]').count(), 0);
    assert.match(await counter.textContent(), /Türkçe tablolar/);

    // 120 characters with ş and ğ: one segment with the Turkish tables,
    // two in UCS-2 without them.
    await text.fill('ş'.repeat(60) + 'ğ'.repeat(60));
    await counter.locator('.counter-saving').waitFor();
    assert.equal(await counter.locator('[data-segments]').getAttribute('data-segments'), '1');
    assert.match(await counter.locator('.counter-saving').textContent(), /1 parça tasarruf/);
    await text.fill('');
  },
};
