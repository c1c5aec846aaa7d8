// On every page: each form control has a label, each button and link a
// name, and each piece of visible text a contrast of at least 4.5:1
// against the background behind it (3:1 for large text), computed from
// the styles the browser applied (WCAG 2.1 relative luminance).
import assert from 'node:assert/strict';
import {openRoute} from '../lib/panel_page.mjs';

const ROUTES = ['dashboard', 'compose', 'campaigns', 'inbox', 'contacts', 'rules', 'polls', 'webhooks', 'modems'];

function auditPage() {
  const problems = [];
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.name ? `[name=${el.name}]` : ''}`;
  for (const control of document.querySelectorAll('#page input, #page select, #page textarea')) {
    if (control.type === 'hidden') continue;
    if (control.labels.length === 0 && !control.getAttribute('aria-label')) problems.push(`no label: ${describe(control)}`);
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (el.offsetParent === null) continue;
    if (!el.textContent.trim() && !el.getAttribute('aria-label')) problems.push(`no name: ${describe(el)}`);
  }
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const parse = (color) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const rgba = parse(getComputedStyle(node).backgroundColor);
      if (rgba.length === 3 || (rgba.length === 4 && rgba[3] === 1)) return rgba.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.textContent.trim() || seen.has(el) || el.closest('svg, option, [hidden], .visually-hidden, details:not([open]) > :not(summary)')) continue;
    seen.add(el);
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const fg = parse(style.color).slice(0, 3);
    const [l1, l2] = [luminance(fg), luminance(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) && !el.closest('button:disabled')) {
      problems.push(`contrast ${ratio.toFixed(2)}: "${text.textContent.trim().slice(0, 30)}" in ${describe(el)}`);
    }
  }
  return problems;
}

export const accessibility = {
  name: 'every page: labels, names and contrast',
  async run({base, state}) {
    const {page} = state;
    const problems = [];
    for (const route of ROUTES) {
      await openRoute(page, base, route);
      await page.waitForLoadState('networkidle');
      for (const p of await page.evaluate(auditPage)) problems.push(`#/${route}: ${p}`);
    }
    assert.deepEqual(problems, []);
  },
};
