// Charts drawn as inline SVG by this code, no library: a grouped bar chart
// for hourly series and a horizontal bar chart for comparisons. Colours come
// from CSS classes (series-0, series-1, ...) so the stylesheet keeps the
// contrast rules in one place; each chart has a text title and a data table
// fallback for screen readers.
import {h, svg} from './dom.js';

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = {top: 12, right: 8, bottom: 28, left: 36};

// The top of the scale: four whole-number grid steps of 1, 2, 2.5 or 5
// times a power of ten, the smallest that holds the largest value.
function niceMax(value) {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * magnitude;
      if (Number.isInteger(step) && 4 * step >= value) return 4 * step;
    }
  }
}

// labels: x labels (one per group); series: [{name, values: [..]}].
export function groupedBars(title, labels, series) {
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, labels.length);
  const barWidth = Math.max(1, (groupWidth - 2) / series.length);
  const y = (v) => MARGIN.top + plotHeight - (v / max) * plotHeight;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const value = Math.round(max * f);
    return svg('g', {},
      svg('line', {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: 'grid'}),
      svg('text', {x: MARGIN.left - 4, y: y(value) + 4, 'text-anchor': 'end', class: 'axis'}, String(value)));
  });
  const bars = labels.map((label, i) => svg('g', {},
    series.map((s, k) => {
      const value = s.values[i] ?? 0;
      return svg('rect', {x: MARGIN.left + i * groupWidth + 1 + k * barWidth, y: y(value), width: barWidth,
        height: Math.max(0, MARGIN.top + plotHeight - y(value)), class: `series-${k}`},
        svg('title', {}, `${label} · ${s.name}: ${value}`));
    }),
    i % Math.ceil(labels.length / 12) === 0 ?
      svg('text', {x: MARGIN.left + i * groupWidth + groupWidth / 2, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'axis'}, label) :
      null));
  return figure(title, svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title, class: 'chart'}, grid, bars),
    series, labels.map((label, i) => [label, ...series.map((s) => s.values[i] ?? 0)]), '');
}

// rows: [{label, values: [..]}] with one value per series; one band per row.
export function horizontalBars(title, series, rows) {
  const max = niceMax(Math.max(1, ...rows.flatMap((r) => r.values)));
  const band = 14 * series.length + 12;
  const left = 120;
  const width = WIDTH - left - 48;
  const height = rows.length * band + 8;
  const drawn = rows.map((row, i) => svg('g', {},
    svg('text', {x: left - 6, y: i * band + band / 2 + 4, 'text-anchor': 'end', class: 'axis'}, row.label),
    series.map((s, k) => {
      const value = row.values[k] ?? 0;
      const barWidth = (value / max) * width;
      return svg('g', {},
        svg('rect', {x: left, y: i * band + 6 + k * 14, width: Math.max(0, barWidth), height: 12, class: `series-${k}`},
          svg('title', {}, `${row.label} · ${s.name}: ${value}`)),
        svg('text', {x: left + barWidth + 4, y: i * band + 16 + k * 14, class: 'axis'}, String(value)));
    })));
  return figure(title, svg('svg', {viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title, class: 'chart'}, drawn),
    series, rows.map((r) => [r.label, ...r.values]), '');
}

function figure(title, chart, series, tableRows, corner) {
  const legend = h('ul', {class: 'legend'}, series.map((s, k) => h('li', {}, h('span', {class: `swatch series-${k}`}), s.name)));
  const data = h('details', {class: 'chart-data'},
    h('summary', {}, title),
    h('div', {class: 'table-wrap'}, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, corner), series.map((s) => h('th', {scope: 'col'}, s.name)))),
      h('tbody', {}, tableRows.map((cells) => h('tr', {}, h('th', {scope: 'row'}, cells[0]), cells.slice(1).map((c) => h('td', {}, String(c)))))))));
  // On a phone the chart keeps a readable width and scrolls sideways in its
  // own box; the box takes focus so the keyboard can scroll it too.
  const scroller = h('div', {class: 'chart-scroll', tabindex: 0, role: 'region', 'aria-label': title}, chart);
  return h('figure', {class: 'chart-figure'}, h('figcaption', {}, title), scroller, legend, data);
}
