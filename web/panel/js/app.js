// The page's entry point: shows the login form or the panel, and maps the
// hash route (#/dashboard, #/compose, ...) to the module that draws it.
import {currentSession, logIn, logOut, setUnauthorizedHandler, ApiError} from './api.js';
import {loadLanguage, t, language} from './i18n.js';
import {clear} from './dom.js';
import {announce, errorText} from './ui.js';
import * as dashboard from './dashboard.js';
import * as compose from './compose.js';
import * as campaigns from './campaigns.js';
import * as inbox from './inbox.js';
import * as contacts from './contacts.js';
import * as rules from './rules.js';
import * as polls from './polls.js';
import * as webhooks from './webhooks.js';
import * as modems from './modems.js';

const ROUTES = {dashboard, compose, campaigns, inbox, contacts, rules, polls, webhooks, modems};

const pageRoot = document.getElementById('page');
const loginSection = document.getElementById('login');
const nav = document.getElementById('nav');
const logoutButton = document.getElementById('logout');
let stopPage = null;
let loggedIn = false;

function routeFromHash() {
  const match = /^#\/([a-z]+)(?:\/(.*))?$/.exec(location.hash);
  if (!match || !(match[1] in ROUTES)) return {name: 'dashboard', rest: ''};
  return {name: match[1], rest: match[2] ?? ''};
}

function leavePage() {
  if (stopPage) stopPage();
  stopPage = null;
  clear(pageRoot);
}

async function showPage() {
  leavePage();
  if (!loggedIn) return;
  const {name, rest} = routeFromHash();
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  pageRoot.dataset.page = name;
  const stop = ROUTES[name].render(pageRoot, rest);
  stopPage = typeof stop === 'function' ? stop : null;
  // Move focus to the new heading so keyboard and screen-reader users
  // land on the page they chose.
  pageRoot.querySelector('h1')?.focus();
}

function showLogin() {
  loggedIn = false;
  leavePage();
  nav.hidden = true;
  logoutButton.hidden = true;
  loginSection.hidden = false;
  document.title = `${t('login.title')} · tellal`;
  document.getElementById('login-password').focus();
}

function showPanel() {
  loggedIn = true;
  loginSection.hidden = true;
  nav.hidden = false;
  logoutButton.hidden = false;
  showPage();
}

async function onLogin(event) {
  event.preventDefault();
  const input = document.getElementById('login-password');
  const errorLine = document.getElementById('login-error');
  const button = event.target.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await logIn(input.value);
    input.value = '';
    errorLine.hidden = true;
    showPanel();
  } catch (error) {
    let message = errorText(error);
    if (error instanceof ApiError && error.status === 401) message = t('login.wrong');
    if (error instanceof ApiError && error.status === 429) message = t('login.too_many', {seconds: error.retryAfter ?? '?'});
    if (error instanceof ApiError && error.status === 503) message = t('login.no_password');
    errorLine.textContent = message;
    errorLine.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } finally {
    button.disabled = false;
  }
}

async function start() {
  const select = document.getElementById('language');
  await loadLanguage();
  select.value = language();
  select.addEventListener('change', async () => {
    await loadLanguage(select.value);
    if (loggedIn) showPage();
    else document.title = `${t('login.title')} · tellal`;
  });
  document.getElementById('login-form').addEventListener('submit', onLogin);
  logoutButton.addEventListener('click', async () => {
    await logOut().catch((error) => announce(errorText(error)));
    showLogin();
  });
  setUnauthorizedHandler(() => {
    if (loggedIn) showLogin();
  });
  window.addEventListener('hashchange', showPage);
  const session = await currentSession();
  if (session) showPanel();
  else showLogin();
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.getElementById('status').textContent = errorText(error);
});
