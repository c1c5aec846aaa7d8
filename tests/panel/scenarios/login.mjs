// Logging in: a wrong password shows an error next to the field and leaves
// the panel hidden; the printed password opens the dashboard with the
// demo's four modems. The session cookie is HttpOnly, so page scripts
// cannot read it.
import assert from 'node:assert/strict';

export const wrongPassword = {
  name: 'a wrong password shows an error',
  async run({browser, base, shot, watch}) {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(`${base}/`);
    await page.locator('#login-password').waitFor();
    assert.equal(await page.locator('#nav').isVisible(), false, 'the menu shows before logging in');
    await page.fill('#login-password', 'not-the-password');
    await page.press('#login-password', 'Enter');
    const error = page.locator('#login-error');
    await error.waitFor();
    assert.match(await error.textContent(), /Parola yanlış/);
    assert.equal(await page.locator('#login-password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#nav').isVisible(), false, 'the menu shows after a wrong password');
    await shot(page, 'login-wrong-password');
    await context.close();
  },
};

export const logIn = {
  name: 'log in with the printed password',
  async run({browser, base, password, shot, watch, state}) {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const page = await context.newPage();
    watch(page);
    await page.goto(`${base}/`);
    await page.locator('#login-password').waitFor();
    await shot(page, 'login');
    await page.fill('#login-password', password);
    await page.click('#login-form button[type=submit]');
    await page.locator('#nav').waitFor();
    await page.locator('#page[data-page="dashboard"] .modem-card').nth(3).waitFor();
    assert.equal(await page.locator('.modem-card').count(), 4);
    assert.equal(await page.evaluate(() => document.cookie.includes('tellal_session')), false,
      'the session cookie is readable from scripts');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'tellal_session');
    assert.ok(session, 'no tellal_session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    // The chart and the queue are drawn from real data once the page settles.
    await page.locator('#page .chart').waitFor();
    await shot(page, 'dashboard');
    state.context = context;
    state.page = page;
  },
};
