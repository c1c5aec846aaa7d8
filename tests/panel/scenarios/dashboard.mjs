// After the scenarios' traffic, the dashboard's 24-hour chart (from
// GET /api/v1/stats) counts it:
// its data table (the chart's text fallback) adds up to at least the
// messages the scenarios sent, all in the current hour, and the modem
// cards count what each SIM sent today.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

export const dashboardTraffic = {
  name: 'the dashboard charts the messages sent in the last 24 hours',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'dashboard');
    await page.locator('#page .chart-data tbody tr').nth(23).waitFor({state: 'attached'});
    const rows = await page.locator('#page .chart-data tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    assert.equal(rows.length, 24);
    const sentPerHour = rows.map((cells) => cells[0]);
    // send-to-3, the campaign's 6, and the inbox scenario's message and reply.
    assert.ok(sentPerHour[23] + sentPerHour[22] >= 11, `sent per hour: ${sentPerHour}`);
    const sentToday = await page.locator('.modem-card').evaluateAll((cards) =>
      cards.map((c) => Number(/(\d+) \/ /.exec(c.querySelector('label').textContent)?.[1])));
    assert.ok(sentToday.reduce((a, b) => a + b, 0) >= 11, `sent today per modem: ${sentToday}`);
    // The queue's depth comes from GET /api/v1/stats: every priority and
    // the messages being sent are shown, as numbers.
    for (const key of ['[data-priority=otp]', '[data-priority=normal]', '[data-priority=bulk]', '[data-state=sending]']) {
      const text = await page.locator(`#page dl.queue dd${key}`).textContent();
      assert.match(text.trim(), /^\d+$/, `${key}: "${text}"`);
    }
    await shot(page, 'dashboard-traffic');
  },
};
