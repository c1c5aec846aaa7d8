// Builds DOM nodes from plain values. Pages never assign innerHTML with data
// from the API, so a message text can never become markup; and nothing here
// writes a style attribute, which the Content-Security-Policy would refuse.

// h('button', {type: 'button', onclick: f, class: 'x'}, 'text', child...)
// Attributes starting with "on" become listeners; true adds a bare
// attribute; false, null and undefined leave it out.
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  append(node, children);
  return node;
}

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in node && !(node instanceof SVGElement)) {
      node.value = value;
    } else if (name === 'checked' && node instanceof HTMLInputElement) {
      node.checked = Boolean(value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// Replaces a node's children in one step, so a refresh never shows a
// half-built table.
export function replace(node, ...children) {
  const fragment = document.createDocumentFragment();
  append(fragment, children);
  clear(node).append(fragment);
  return node;
}

// A labelled form field: every input gets a <label for=...>.
let nextId = 0;
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f${++nextId}`;
  const parts = [h('label', {for: control.id}, labelText), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', {id: hintId, class: 'hint'}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

// A table from column definitions [{label, cell: row => node|string}].
export function table(caption, columns, rows, emptyText) {
  if (rows.length === 0) return h('p', {class: 'empty'}, emptyText);
  return h('div', {class: 'table-wrap'},
    h('table', {},
      h('caption', {class: 'visually-hidden'}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col'}, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', {'data-label': c.label}, c.cell(row))))))));
}
