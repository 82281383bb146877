import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binCounts, binIndex, psiBand, psiFromCounts } from './psi.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/stats-psi.json', import.meta.url), 'utf8')) as {
  epsilon: number;
  cases: { reference: number[]; live: number[]; psi: number }[];
};

test('psiFromCounts matches the numpy definition on every fixture case', () => {
  for (const c of fixture.cases) {
    const got = psiFromCounts(c.reference, c.live, fixture.epsilon);
    assert.ok(Math.abs(got - c.psi) < 1e-12, `${JSON.stringify(c)} → ${got}`);
  }
});

test('psiFromCounts: textbook 50/50 → 25/75 is 0.25·ln2 + ... ≈ 0.2747', () => {
  const expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
  assert.ok(Math.abs(psiFromCounts([50, 50], [25, 75]) - expected) < 1e-15);
  assert.ok(Math.abs(expected - 0.274653) < 1e-6);
});

test('psiFromCounts: identical shares give 0, scale does not matter', () => {
  assert.equal(psiFromCounts([1, 2, 3], [1000, 2000, 3000]), 0);
});

test('psiFromCounts: empty totals give NaN, mismatched or negative bins throw', () => {
  assert.ok(Number.isNaN(psiFromCounts([0, 0], [1, 2])));
  assert.ok(Number.isNaN(psiFromCounts([], [])));
  assert.throws(() => psiFromCounts([1, 2], [1, 2, 3]), RangeError);
  assert.throws(() => psiFromCounts([1, -2], [1, 2]), RangeError);
  assert.throws(() => psiFromCounts([1, Number.NaN], [1, 2]), RangeError);
});

test('psiFromCounts: a bin emptied on one side is finite thanks to the epsilon floor', () => {
  const psi = psiFromCounts([50, 50], [0, 100]);
  const expected = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
  assert.ok(Math.abs(psi - expected) < 1e-12);
});

test('psiFromCounts: huge counts do not overflow', () => {
  const psi = psiFromCounts([1e15, 1e15], [0.5e15, 1.5e15]);
  assert.ok(Math.abs(psi - 0.274653) < 1e-6);
});

test('psiBand uses the configured thresholds (defaults 0.1 and 0.25)', () => {
  assert.equal(psiBand(0.05), 'stable');
  assert.equal(psiBand(0.1), 'watch');
  assert.equal(psiBand(0.25), 'watch');
  assert.equal(psiBand(0.2501), 'act');
  assert.equal(psiBand(Number.NaN), 'no_data');
  assert.equal(psiBand(0.05, { watch: 0.02, act: 0.04 }), 'act');
});

test('binIndex/binCounts: left-closed bins, NaN in the last bin, out-of-range at the ends', () => {
  const edges = [0.1, 0.5, 0.9];
  assert.equal(binIndex(edges, -5), 0);
  assert.equal(binIndex(edges, 0.1), 1);
  assert.equal(binIndex(edges, 0.4999), 1);
  assert.equal(binIndex(edges, 0.5), 2);
  assert.equal(binIndex(edges, 0.95), 3);
  assert.equal(binIndex(edges, Number.NaN), 3);
  assert.deepEqual(Array.from(binCounts(edges, [0, 0.2, 0.3, 0.6, 1, 2])), [1, 2, 1, 2]);
  assert.deepEqual(Array.from(binCounts([], [1, 2])), [2]);
});
