// A two-variant campaign made in the panel: created as a draft for the
// "vip" group and four more numbers, previewed (six messages split between
// A and B), started, and followed to its report, whose A/B comparison has
// both variants and whose chart is drawn.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

export const abCampaign = {
  name: 'create, preview and run a 2-variant campaign and read its report',
  async run({base, state, shot}) {
    const {page} = state;
    await openRoute(page, base, 'campaigns');
    await page.locator('input[name=name]').fill('Bahar A/B');
    await page.locator('select[name=category]').selectOption('informational');
    await page.locator('#campaign-ab').check();
    await page.locator('textarea[name=variant_0_template]').fill('Merhaba {name|Değerli müşterimiz}, bahar indirimi başladı!');
    await page.locator('textarea[name=variant_1_template]').fill('{name|Değerli müşterimiz}: {şehir|tüm} mağazalarımızda bu hafta %20 indirim!');
    await page.locator('textarea[name=audience_numbers]').fill('05324440001\n05324440002\n05324440003\n05324440004');
    await page.locator('#campaign-group-vip').check();
    await page.locator('[data-testid=counter] [data-encoding]').waitFor();
    await shot(page, 'campaign-new');
    await page.locator('#page form button[type=submit]').click();
    await page.waitForURL(/#\/campaigns\/\d+$/);
    await page.locator('[data-campaign-state="draft"]').waitFor();

    await page.locator('button[data-action="preview"]').click();
    const preview = page.locator('.preview[data-preview-messages]');
    await preview.waitFor();
    assert.equal(await preview.getAttribute('data-preview-messages'), '6');
    const examples = await preview.locator('tbody tr').allTextContents();
    assert.ok(examples.some((row) => row.includes('Ayşe Yılmaz')), `no personalised example in ${examples}`);
    await shot(page, 'campaign-preview');

    await page.locator('button[data-action="start"]').click();
    await page.locator('[data-campaign-state="completed"]').waitFor({timeout: 180000});
    const report = page.locator('.report');
    await report.locator('[data-variant="A"]').waitFor();
    await report.locator('[data-variant="B"]').waitFor();
    await report.locator('svg.chart rect').first().waitFor();
    // Every one of the six was sent (and the total row says so).
    const total = await report.locator('table').first().locator('tbody td').nth(1).textContent();
    assert.equal(total.trim(), '6');
    await shot(page, 'campaign-report');
  },
};
