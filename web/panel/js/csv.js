// Reads a CSV file in the browser for the compose page (RFC 4180 quotes,
// "," or ";" between fields, whichever the header uses more of, a BOM or
// not) and renders message templates ({field} and {field|default}) the
// way the daemon's campaigns do: a field with no value and no default is an
// error for that row, never sent as a literal.

export function parseCsv(text) {
  const source = text.replace(/^\uFEFF/, '');
  const headerLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = (headerLine.match(/;/g) ?? []).length > (headerLine.match(/,/g) ?? []).length ? ';' : ',';
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

const NUMBER_COLUMNS = ['number', 'phone', 'telefon', 'numara', 'gsm'];

// → {recipients: [{to, fields}], error} from the parsed rows.
export function recipientsFromCsv(rows) {
  if (rows.length < 2) return {recipients: [], error: 'empty'};
  const header = rows[0].map((name) => name.trim());
  const numberColumn = header.findIndex((name) => NUMBER_COLUMNS.includes(name.toLocaleLowerCase('tr')));
  if (numberColumn < 0) return {recipients: [], error: 'no_number_column'};
  const recipients = rows.slice(1).map((cells, index) => {
    const fields = {};
    header.forEach((name, i) => {
      if (i !== numberColumn && cells[i] !== undefined && cells[i] !== '') fields[name] = cells[i];
    });
    return {to: (cells[numberColumn] ?? '').trim(), fields, row: index + 2};
  });
  return {recipients, error: null};
}

const FIELD = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;

export function templateFields(template) {
  return [...new Set([...template.matchAll(FIELD)].map((m) => m[1].trim()))];
}

// → {text} or {missing: field name}.
export function renderTemplate(template, fields) {
  let missing = null;
  const text = template.replace(FIELD, (match, name, fallback) => {
    const value = fields[name.trim()];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    missing ??= name.trim();
    return match;
  });
  return missing ? {missing} : {text};
}

// Numbers pasted one per line or separated by commas or semicolons; spaces
// inside a number ("0532 123 45 67") are dropped.
export function parseNumbers(text) {
  return [...new Set(text.split(/[\n,;]+/).map((n) => n.replace(/\s+/g, '')).filter(Boolean))];
}
