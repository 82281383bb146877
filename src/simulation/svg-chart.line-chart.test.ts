import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChartSvg } from './svg-chart.js';

test('series map to the plot area; gaps split the path; thresholds and markers are drawn; text is escaped', () => {
  const svg = lineChartSvg({
    title: 'A <b> & c',
    x: [0, 1, 2, 3],
    yMin: 0,
    yMax: 1,
    series: [{ name: 's', values: [0, 1, null, 0.5], color: '#000' }],
    thresholds: [{ value: 0.5, label: 'half', color: '#f00' }],
    markers: [{ x: 2, label: 'm', color: '#0f0' }],
    width: 356,
    height: 174, // plot area: x 56…206, y 34…134
  });
  assert.match(svg, /A &lt;b&gt; &amp; c/);
  // x=0,y=0 → (56,134); x=1,y=1 → (106,34); then a gap; x=3,y=0.5 → (206,84)
  assert.match(svg, /<path d="M56 134 L106 34 M206 84"/);
  assert.match(svg, /y1="84" y2="84" stroke="#f00"/);
  assert.match(svg, /<line x1="156" x2="156"/);
});

test('empty, constant and non-finite series still give a valid chart', () => {
  const empty = lineChartSvg({ title: 't', x: [], series: [] });
  assert.match(empty, /<\/svg>\n$/);
  const flat = lineChartSvg({ title: 't', x: [0, 1], series: [{ name: 'c', values: [Number.NaN, Number.POSITIVE_INFINITY], color: '#000' }] });
  assert.match(flat, /<path d=""/);
  assert.doesNotMatch(flat, /NaN|Infinity/);
});
