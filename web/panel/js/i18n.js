// Turkish by default, English on request; the choice is remembered in
// localStorage. Strings live in /i18n/<lang>.json, keys are dotted names,
// and {name} in a string is replaced by the value given for it.

const STORAGE_KEY = 'tellal.language';
const SUPPORTED = ['tr', 'en'];
let current = 'tr';
let strings = {};

export function language() {
  return current;
}

export async function loadLanguage(requested) {
  const stored = localStorage.getItem(STORAGE_KEY);
  const lang = SUPPORTED.includes(requested) ? requested : SUPPORTED.includes(stored) ? stored : 'tr';
  const response = await fetch(`/i18n/${lang}.json`, {credentials: 'same-origin'});
  if (!response.ok) throw new Error(`/i18n/${lang}.json: HTTP ${response.status}`);
  strings = await response.json();
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  translateStatic(document);
}

// A missing key shows itself, so an untranslated string is visible in a
// screenshot rather than silently blank.
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

// The static parts of index.html carry data-i18n (text) and
// data-i18n-label (aria-label) attributes.
export function translateStatic(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
}
