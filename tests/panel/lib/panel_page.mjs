// Helpers the scenarios share: going to a route of the panel and waiting
// for its page to be drawn, filling the compose form, screenshots, and a
// watch on the browser console that turns CSP refusals and uncaught
// errors into test failures.
import path from 'node:path';
import {mkdirSync} from 'node:fs';

export async function openRoute(page, base, route) {
  await page.goto(`${base}/#/${route}`);
  const name = route.split('/')[0];
  await page.locator(`#page[data-page="${name}"] h1`).waitFor();
}

export function screenshots(dir) {
  mkdirSync(dir, {recursive: true});
  return async (page, name) => {
    // Let pending fetches draw before the picture is taken.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.screenshot({path: path.join(dir, `${name}.png`), fullPage: true});
  };
}

// Collects what the page must never do: a script error, a refused
// resource (CSP), a failed request for one of the panel's own files.
export function watchConsole(page, problems) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(text)) problems.push(`console: ${text}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/') && response.status() >= 400) {
      problems.push(`${response.status()} for ${url.pathname}`);
    }
  });
}

export async function sendFromCompose(page, base, numbers, text) {
  await openRoute(page, base, 'compose');
  await page.locator('textarea[name=numbers]').fill(numbers.join('\n'));
  await page.locator('textarea[name=text]').fill(text);
  await page.locator('#page form button[type=submit]').click();
  await page.locator('.results tbody tr').nth(numbers.length - 1).waitFor();
}
