// The panel on a 375 px phone screen (no sideways scrolling, the menu and
// the modems readable), English chosen and remembered across a reload, and
// keyboard use: the skip link comes first and the menu is reachable with Tab.
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

export const phoneWidth = {
  name: 'the panel works at 375 px wide',
  async run({browser, base, state, shot, watch}) {
    const context = await browser.newContext({viewport: {width: 375, height: 812}, deviceScaleFactor: 2,
      isMobile: true, hasTouch: true, storageState: await state.context.storageState()});
    const page = await context.newPage();
    watch(page);
    for (const route of ['dashboard', 'compose', 'inbox', 'campaigns']) {
      await openRoute(page, base, route);
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `#/${route} is ${width} px wide on a 375 px screen`);
    }
    await openRoute(page, base, 'dashboard');
    await page.locator('.modem-card').nth(3).waitFor();
    assert.equal(await page.locator('#nav').isVisible(), true);
    await shot(page, 'dashboard-375px');
    await openRoute(page, base, 'compose');
    await page.locator('textarea[name=text]').fill('Merhaba 😀');
    await page.locator('[data-testid=counter] [data-encoding="ucs2"]').waitFor();
    await shot(page, 'compose-375px');
    await context.close();
  },
};

export const english = {
  name: 'English is selectable and remembered',
  async run({base, state}) {
    const {page} = state;
    await openRoute(page, base, 'dashboard');
    assert.equal(await page.locator('a[href="#/compose"]').textContent(), 'Mesaj yaz');
    await page.locator('#language').selectOption('en');
    await page.locator('a[href="#/compose"]', {hasText: 'Compose'}).waitFor();
    await page.reload();
    await page.locator('#page[data-page="dashboard"] h1', {hasText: 'Dashboard'}).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.locator('#language').selectOption('tr');
    await page.locator('a[href="#/compose"]', {hasText: 'Mesaj yaz'}).waitFor();
  },
};

export const keyboard = {
  name: 'keyboard: skip link first, menu reachable with Tab',
  async run({base, state}) {
    const {page} = state;
    await page.goto(`${base}/#/dashboard`);
    await page.reload();
    await page.locator('#page[data-page="dashboard"] h1').waitFor();
    // The route's heading has focus after a load (app.js moves it there);
    // from the skip link, the first stop in document order, Tab walks the menu.
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
    await page.evaluate(() => document.querySelector('.skip-link').focus());
    assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).top), '8px', 'the focused skip link stays off screen');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#/dashboard');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#page[data-page="compose"] h1').waitFor();
  },
};
