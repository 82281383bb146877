import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, quantileSorted, round } from './measure.js';

test('quantileSorted uses nearest rank: p50/p90/p99 of 1..100', () => {
  const xs = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantileSorted(xs, 0.5), 50);
  assert.equal(quantileSorted(xs, 0.9), 90);
  assert.equal(quantileSorted(xs, 0.99), 99);
  assert.equal(quantileSorted(xs, 1), 100);
  assert.equal(quantileSorted(xs, 0), 1);
});

test('quantileSorted of one value is that value; of none is NaN', () => {
  assert.equal(quantileSorted(Float64Array.of(7.25), 0.99), 7.25);
  assert.ok(Number.isNaN(quantileSorted(new Float64Array(0), 0.5)));
});

test('quantileSorted on a million values picks the exact rank', () => {
  const xs = Float64Array.from({ length: 1_000_000 }, (_, i) => i / 1000);
  assert.equal(quantileSorted(xs, 0.999), 998.999);
});

test('quantileSorted refuses a quantile outside [0, 1] or NaN', () => {
  assert.throws(() => quantileSorted(Float64Array.of(1, 2), 1.5), RangeError);
  assert.throws(() => quantileSorted(Float64Array.of(1, 2), Number.NaN), RangeError);
});

test('median takes the middle (upper for even counts) without mutating its input', () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 3);
  assert.ok(Number.isNaN(median([])));
});

test('round keeps the requested digits', () => {
  assert.equal(round(1.23456, 2), 1.23);
  assert.equal(round(1234.5), 1235);
  assert.ok(Math.abs(round(0.1 + 0.2, 10) - 0.3) < 1e-12);
});
