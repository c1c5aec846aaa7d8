// Every string the panel asks for exists in both languages, and the two
// files have the same keys: a key missing from one language would show as
// its dotted name on the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {panelDir} from './panel_source.mjs';

const tr = JSON.parse(readFileSync(path.join(panelDir, 'i18n/tr.json'), 'utf8'));
const en = JSON.parse(readFileSync(path.join(panelDir, 'i18n/en.json'), 'utf8'));
const sources = readdirSync(path.join(panelDir, 'js')).filter((f) => f.endsWith('.js'))
  .map((f) => [f, readFileSync(path.join(panelDir, 'js', f), 'utf8')]);
const html = readFileSync(path.join(panelDir, 'index.html'), 'utf8');

// Keys built at run time from a prefix (t(`state.${s}`)) take their values
// from the API's enumerations in openapi.json.
const openapi = JSON.parse(readFileSync(path.join(panelDir, '../api/openapi.json'), 'utf8'));
const schemas = openapi.components.schemas;
const modemStates = schemas.Modem.properties.state.enum;
const dynamic = {
  'state.': [...schemas.MessageState.enum, ...schemas.CampaignState.enum, ...schemas.RecipientState.enum, ...modemStates],
  'priority.': schemas.Priority.enum,
  'category.': schemas.Category.enum,
  'campaigns.': ['start', 'pause', 'resume', 'cancel'],
  'campaigns.done_': ['start', 'pause', 'resume', 'cancel'],
  'rules.': ['keyword', 'regex', 'any', 'tag', 'untag'],
  'compose.csv_': ['empty', 'no_number_column'],
};
const NAMESPACES = new Set(Object.keys(tr).map((key) => key.split('.')[0]));

function usedKeys() {
  const keys = new Set();
  for (const [, source] of sources) {
    for (const m of source.matchAll(/\bt\('([a-z0-9_.-]+)'/g)) keys.add(m[1]);
    for (const m of source.matchAll(/\bt\(`([a-z0-9_]+\.[a-z_]*)\$\{/g)) {
      assert.ok(m[1] in dynamic, `t(\`${m[1]}\${...}\`) is built at run time: list its values in this test`);
      for (const v of dynamic[m[1]]) keys.add(m[1] + v);
    }
    // Keys chosen by a conditional or kept in a table ('modem.imei', ...).
    for (const m of source.matchAll(/'([a-z]+)\.([a-z0-9_]+)'/g)) {
      if (NAMESPACES.has(m[1]) && !['t', 'js'].includes(m[1])) keys.add(`${m[1]}.${m[2]}`);
    }
  }
  for (const m of html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) keys.add(m[1]);
  return keys;
}

test('both languages have the same keys', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(tr).sort());
});

test('every key the pages use is translated', () => {
  const keys = usedKeys();
  assert.ok(keys.size > 50, `found only ${keys.size} keys: the pattern no longer matches the sources`);
  for (const key of keys) {
    assert.ok(key in tr, `tr.json lacks ${key}`);
    assert.ok(key in en, `en.json lacks ${key}`);
  }
});

test('placeholders agree between languages', () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(tr)) {
    // Example templates in hints ({ad}, {name}) are words, not placeholders.
    if (key === 'compose.text_hint' || key === 'compose.csv_hint') continue;
    assert.deepEqual(names(en[key]), names(tr[key]), key);
  }
});
