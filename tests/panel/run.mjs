// Runs the panel's end-to-end scenarios in headless Chromium against a
// freshly started `tellald --demo`, in order (later scenarios use what
// earlier ones created: the session, the imported contacts), and saves a
// screenshot of each page into ${PANEL_SCREENSHOT_DIR:-build/panel-screenshots}.
//
//   TELLALD   the daemon (default: build/daemon/tellald of this checkout)
//   CHROMIUM  the browser (default: /usr/bin/chromium)
//   PANEL_SCENARIOS  a regular expression: run only the scenarios whose
//             names match (later ones need "log in" and the imports)
//
// A missing browser, daemon or node_modules is a failure, never a skip: CI
// installs them, and a skipped browser test would hide a broken panel.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDemo} from './lib/demo_daemon.mjs';
import {screenshots, watchConsole} from './lib/panel_page.mjs';
import {logIn, wrongPassword} from './scenarios/login.mjs';
import {emojiCounter} from './scenarios/counter.mjs';
import {sendToThree} from './scenarios/send.mjs';
import {composeCsv} from './scenarios/compose_csv.mjs';
import {blockedNumbers} from './scenarios/blocked.mjs';
import {consentHistory, importContacts} from './scenarios/contacts.mjs';
import {abCampaign} from './scenarios/campaign.mjs';
import {inboxReply} from './scenarios/inbox.mjs';
import {english, keyboard, phoneWidth} from './scenarios/layout.mjs';
import {modemsPage, pollsEdit, pollsPage, rulesEdit, rulesPage, webhooksPage} from './scenarios/admin_pages.mjs';
import {dashboardTraffic} from './scenarios/dashboard.mjs';
import {accessibility} from './scenarios/accessibility.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tellald = process.env.TELLALD ?? path.join(root, 'build/daemon/tellald');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shotDir = path.resolve(process.env.PANEL_SCREENSHOT_DIR ?? path.join(root, 'build/panel-screenshots'));

const ALL_SCENARIOS = [wrongPassword, logIn, emojiCounter, sendToThree, composeCsv, importContacts, consentHistory,
  blockedNumbers, abCampaign, inboxReply, rulesPage, rulesEdit, pollsPage, pollsEdit, webhooksPage, modemsPage, dashboardTraffic, accessibility, english, keyboard, phoneWidth];
const only = process.env.PANEL_SCENARIOS ? new RegExp(process.env.PANEL_SCENARIOS) : null;
const SCENARIOS = only ? ALL_SCENARIOS.filter((s) => only.test(s.name)) : ALL_SCENARIOS;

function fail(message) {
  console.error(`panel_e2e: ${message}`);
  process.exit(1);
}

if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
if (!existsSync(tellald)) fail(`no tellald at ${tellald} (build it, or set TELLALD)`);
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch (error) {
  fail(`playwright-core is not installed: run npm ci --prefix tests/panel (${error.message})`);
}

const demo = await startDemo(tellald).catch((error) => fail(error.message));
const browser = await chromium.launch({executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage']});
const problems = [];
const context = {
  browser,
  base: demo.url,
  password: demo.password,
  shot: screenshots(shotDir),
  watch: (page) => watchConsole(page, problems),
  state: {},
};

let failed = 0;
for (const scenario of SCENARIOS) {
  const started = Date.now();
  const before = problems.length;
  try {
    await scenario.run(context);
    if (problems.length > before) throw new Error(problems.slice(before).join('\n'));
    console.log(`ok   ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${scenario.name}: ${error.stack ?? error}`);
    if (context.state.page) await context.shot(context.state.page, `failed-${SCENARIOS.indexOf(scenario)}`).catch(() => {});
  }
}

await browser.close();
await demo.stop();
console.log(`${SCENARIOS.length - failed} of ${SCENARIOS.length} scenarios passed; screenshots in ${shotDir}`);
if (failed > 0) {
  console.log('--- tellald output ---');
  console.log(demo.output().slice(-4000));
}
process.exit(failed > 0 ? 1 : 0);
