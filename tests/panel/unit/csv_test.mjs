// The compose page's CSV reader and template renderer (web/panel/js/csv.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import {loadPanelModule} from './panel_source.mjs';

const csv = await loadPanelModule('js/csv.js');

test('parseCsv reads quotes, doubled quotes, CRLF, a BOM and the separator the header uses', () => {
  const cases = [
    ['number,name\n0532,Ali\n', [['number', 'name'], ['0532', 'Ali']]],
    ['\uFEFFtelefon;ad\r\n0532;"Ay, Şe"\r\n', [['telefon', 'ad'], ['0532', 'Ay, Şe']]],
    ['a,b\n"x ""y""",z', [['a', 'b'], ['x "y"', 'z']]],
    ['a,b\n"line1\nline2",z\n\n', [['a', 'b'], ['line1\nline2', 'z']]],
    ['a;b;c,d\n1;2;3,4\n', [['a', 'b', 'c,d'], ['1', '2', '3,4']]],
    ['a,b;c\n1,2;3\n', [['a', 'b;c'], ['1', '2;3']]],
  ];
  for (const [input, expected] of cases) assert.deepEqual(csv.parseCsv(input), expected, JSON.stringify(input));
});

test('recipientsFromCsv finds the number column by any of its names and keeps the rest as fields', () => {
  for (const name of ['number', 'Telefon', 'numara', 'GSM', 'phone']) {
    const {recipients, error} = csv.recipientsFromCsv([[name, 'ad'], [' 05321234567 ', 'Ali'], ['05329999999', '']]);
    assert.equal(error, null);
    assert.deepEqual(recipients, [
      {to: '05321234567', fields: {ad: 'Ali'}, row: 2},
      {to: '05329999999', fields: {}, row: 3},
    ]);
  }
  assert.equal(csv.recipientsFromCsv([['ad', 'şehir'], ['Ali', 'İzmir']]).error, 'no_number_column');
  assert.equal(csv.recipientsFromCsv([['number']]).error, 'empty');
});

test('renderTemplate fills fields, uses defaults and names the first field with neither', () => {
  const cases = [
    ['Merhaba {ad}', {ad: 'Ali'}, {text: 'Merhaba Ali'}],
    ['Merhaba {ad|Değerli müşterimiz}', {}, {text: 'Merhaba Değerli müşterimiz'}],
    ['Merhaba {ad|x}', {ad: 'Ayşe'}, {text: 'Merhaba Ayşe'}],
    ['{ad} {şehir}', {ad: 'Ali'}, {missing: 'şehir'}],
    ['{ad|}!', {}, {text: '!'}],
    ['no fields', {ad: 'Ali'}, {text: 'no fields'}],
  ];
  for (const [template, fields, expected] of cases) assert.deepEqual(csv.renderTemplate(template, fields), expected, template);
  assert.deepEqual(csv.templateFields('{ad} {şehir|İzmir} {ad}'), ['ad', 'şehir']);
});

test('parseNumbers splits lines, commas and semicolons, drops spaces inside a number and duplicates', () => {
  assert.deepEqual(csv.parseNumbers('0532 123 45 67\n05329999999, +905551112233;\n\n05329999999'),
    ['05321234567', '05329999999', '+905551112233']);
  assert.deepEqual(csv.parseNumbers('  \n '), []);
});
