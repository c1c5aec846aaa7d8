// Compose with a CSV: the file's columns fill the template's {name}
// field, each row's rendered text is previewed, the counter costs the
// first recipient's rendered text (a long name makes it more than the one
// segment of the bare template), and each recipient gets their own text,
// delivered.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

const CSV = [
  'telefon,ad',
  `05321120001,${'Gülşen'.repeat(24)}`,
  '05321120002,Ömer',
  '05321120003,',
  '',
].join('\r\n');
const TEMPLATE = 'Sayın {ad|müşterimiz}, siparişiniz hazır.';

export const composeCsv = {
  name: 'compose with a CSV and a template field',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'compose');
    // The page may still hold an earlier scenario's numbers: only the CSV's.
    await page.locator('textarea[name=numbers]').fill('');
    const counter = page.locator('[data-testid=counter]');
    await page.locator('textarea[name=text]').fill(TEMPLATE);
    await counter.locator('[data-segments="1"]').waitFor();

    await page.locator('input[name=csv]').setInputFiles({
      name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8')});
    await page.locator('p.hint', {hasText: /3 (alıcı yüklendi|recipients loaded)/}).waitFor();
    // Each row's own text, the empty name replaced by the default.
    const preview = page.locator('.csv-preview li');
    await preview.nth(2).waitFor();
    assert.deepEqual(await preview.allTextContents(), [
      `05321120001: Sayın ${'Gülşen'.repeat(24)}, siparişiniz hazır.`,
      '05321120002: Sayın Ömer, siparişiniz hazır.',
      '05321120003: Sayın müşterimiz, siparişiniz hazır.',
    ]);
    // The counter now prices the first row's text: its 144-letter name
    // does not fit one segment, which the bare template did.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=counter] [data-segments]')
      ?.getAttribute('data-segments')) > 1);
    await shot(page, 'compose-csv');

    await page.locator('#page form button[type=submit]').click();
    // The results table is redrawn for these messages (an earlier send's
    // table may still be there until then), and follows them to delivered.
    const rows = page.locator('.results tbody tr');
    await page.locator('.results tbody tr', {hasText: '+905321120003'}).waitFor();
    assert.deepEqual((await rows.locator('td:first-child').allTextContents()).sort(),
      ['+905321120001', '+905321120002', '+905321120003']);
    await page.locator('.results [data-state="delivered"]').nth(2).waitFor({timeout: 120000});

    const texts = await page.evaluate(async (numbers) => Promise.all(numbers.map(async (n) => {
      const list = await (await fetch(`/api/v1/messages?to=${encodeURIComponent(n)}`)).json();
      return list.messages[0]?.text;
    })), ['+905321120001', '+905321120002', '+905321120003']);
    assert.deepEqual(texts, [
      `Sayın ${'Gülşen'.repeat(24)}, siparişiniz hazır.`,
      'Sayın Ömer, siparişiniz hazır.',
      'Sayın müşterimiz, siparişiniz hazır.',
    ]);
    await shot(page, 'compose-csv-delivered');
  },
};
