import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { adjustPValues, benjaminiHochbergAdjust, holmAdjust } from './multiple-testing.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-multiple-testing.json', import.meta.url), 'utf8')) as {
  cases: { p: number[]; holm: number[]; bh: number[] }[];
};

function closeAll(a: number[], b: number[]) {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-12, `[${i}] ${a[i]} vs ${b[i]}`);
}

test('holmAdjust and benjaminiHochbergAdjust match statsmodels rules on the fixtures', () => {
  for (const c of fixture.cases) {
    closeAll(holmAdjust(c.p), c.holm);
    closeAll(benjaminiHochbergAdjust(c.p), c.bh);
  }
});

test('hand-worked example: p = [0.01, 0.04, 0.03, 0.005]', () => {
  // Holm: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max-accumulated 0.06.
  closeAll(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  // BH: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
  closeAll(benjaminiHochbergAdjust([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
});

test('NaN p-values stay NaN and do not count towards m; empty input gives empty output', () => {
  const h = holmAdjust([0.01, Number.NaN, 0.02]);
  assert.ok(Number.isNaN(h[1]));
  closeAll([h[0], h[2]], [0.02, 0.02]);
  assert.deepEqual(holmAdjust([]), []);
  assert.deepEqual(benjaminiHochbergAdjust([]), []);
});

test('adjusted values are capped at 1 and out-of-range p-values throw', () => {
  closeAll(holmAdjust([0.6, 0.7]), [1, 1]);
  assert.throws(() => holmAdjust([1.2]), RangeError);
  assert.throws(() => benjaminiHochbergAdjust([-0.1]), RangeError);
  closeAll(adjustPValues([0.2, 0.3], 'none'), [0.2, 0.3]);
  closeAll(adjustPValues([0.01, 0.04, 0.03, 0.005], 'bh'), [0.02, 0.04, 0.04, 0.02]);
});
