// Importing contacts from a CSV file: the daemon's per-row report shows
// what was created and which row was refused and why; the imported
// contacts are then found by search and by group.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

// Row 5 has no valid number; the others create three contacts, two of
// them in the "vip" group that the campaign scenario then sends to.
export const CONTACTS_CSV = [
  'telefon;ad;şehir;gruplar',
  '05321234001;Ayşe Yılmaz;İzmir;vip',
  '05321234002;Mehmet Öz;Ankara;vip|yeni',
  '05321234003;Zeynep Kaya;;',
  'abc;Bozuk Satır;;',
  '',
].join('\r\n');

export const importContacts = {
  name: 'import a CSV of contacts',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'contacts');
    await page.locator('input[name=contacts_csv]').setInputFiles({
      name: 'musteriler.csv', mimeType: 'text/csv', buffer: Buffer.from(CONTACTS_CSV, 'utf8')});
    await page.locator('form:has(input[name=contacts_csv]) button[type=submit]').click();
    const report = page.locator('.import-report [data-created]');
    await report.waitFor();
    assert.equal(await report.getAttribute('data-created'), '3');
    assert.equal(await report.getAttribute('data-rejected'), '1');
    const rejectedRow = page.locator('.import-report tbody tr');
    assert.equal(await rejectedRow.count(), 1);
    assert.equal((await rejectedRow.locator('td').first().textContent()).trim(), '5');

    await page.locator('input[name=q]').fill('Ayşe');
    await page.locator('#contacts-list ~ div tbody tr', {hasText: 'Ayşe Yılmaz'}).waitFor();
    await page.locator('input[name=q]').fill('');
    await page.locator('select[name=group]').selectOption('vip');
    await page.locator('#contacts-list ~ div tbody tr', {hasText: 'Mehmet Öz'}).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#contacts-list ~ div tbody tr').length === 2);
    await page.locator('select[name=group]').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('#contacts-list ~ div tbody tr').length >= 3);
    await shot(page, 'contacts-import');
  },
};

// One contact's consent history: an opt-out recorded for Zeynep (not in
// the "vip" group the campaign scenario sends to), then her row's
// "history" button shows her records only (the daemon filters them
// by her number); a malformed number is refused next to the field.
export const consentHistory = {
  name: "a contact's consent history",
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'contacts');
    await page.locator('input[name=optout_number]').fill('05321234003');
    await page.locator('form:has(input[name=optout_number]) button[type=submit]').click();
    await page.locator('input[name=q]').fill('Zeynep');
    const row = page.locator('#contacts-list ~ div tbody tr', {hasText: 'Zeynep Kaya'});
    await row.waitFor();
    await row.locator('button').click();
    await page.locator('.consent-history [data-history-of="+905321234003"]').waitFor();
    const recipients = await page.locator('.consent-history tbody tr td:nth-child(2)').allTextContents();
    assert.ok(recipients.length >= 1, 'no consent records shown');
    assert.deepEqual([...new Set(recipients.map((r) => r.trim()))], ['+905321234003']);
    const states = await page.locator('.consent-history tbody tr td:nth-child(3)').allTextContents();
    assert.equal(states.at(-1).trim(), 'RET');
    await shot(page, 'contacts-consent-history');

    await page.locator('input[name=history_number]').fill('abc');
    await page.locator('form:has(input[name=history_number]) button[type=submit]').click();
    const error = page.locator('form:has(input[name=history_number]) .error');
    await error.waitFor({state: 'visible'});
    assert.match(await error.textContent(), /number/);
  },
};
