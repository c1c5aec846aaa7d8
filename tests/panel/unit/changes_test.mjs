// The edit forms' PATCH bodies (web/panel/js/changes.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import {loadPanelModule} from './panel_source.mjs';

const {changedMembers} = await loadPanelModule('js/changes.js');

test('changedMembers keeps only the members whose value differs', () => {
  const stored = {name: 'Anket', keyword: 'OY', options: [{keyword: 'A', title: 'a'}], replies: {valid: 'Sağol'}};
  const cases = [
    [{name: 'Anket'}, {}],
    [{name: 'Yeni anket'}, {name: 'Yeni anket'}],
    [{options: [{keyword: 'A', title: 'a'}]}, {}],
    [{options: [{keyword: 'A', title: 'b'}]}, {options: [{keyword: 'A', title: 'b'}]}],
    [{replies: {valid: 'Sağol'}, keyword: 'OY'}, {}],
    [{keyword: null}, {keyword: null}],
    [{closes_at: null}, {}],  // absent and null are the same
    [{closes_at: '2026-12-31T23:59:00+03:00'}, {closes_at: '2026-12-31T23:59:00+03:00'}],
  ];
  for (const [next, expected] of cases) assert.deepEqual(changedMembers(stored, next), expected, JSON.stringify(next));
});
