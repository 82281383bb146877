import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng as prng } from '../../data/random.js';
import { rankByIdf, WeightedTable } from './weighted-table.js';

/** The definition: ascending idf quantised to 2^-20, ties by column. */
function reference(idf: Float64Array): number[] {
  const q = (x: number) => Math.min(Math.floor(Math.max(x, 0) * 2 ** 20), 2 ** 32);
  return Array.from({ length: idf.length }, (_, j) => j).sort((a, b) => q(idf[a]) - q(idf[b]) || a - b);
}

test('rankByIdf orders columns by quantised idf, ties by column: TF-IDF-like values (few distinct)', () => {
  const rand = prng(1);
  // TF-IDF idf: ln((1 + n) / (1 + df)) + 1 for a few hundred document frequencies
  const idf = Float64Array.from({ length: 5000 }, () => Math.log(1001 / (1 + Math.floor(rand() * 300))) + 1);
  assert.deepEqual(Array.from(rankByIdf(idf)), reference(idf));
});

test('rankByIdf: values closer than 2^-20 tie, negatives count as 0, one column, none', () => {
  const idf = Float64Array.of(2, 1 + 2 ** -22, 1, -3, 0, 2);
  assert.deepEqual(Array.from(rankByIdf(idf)), [3, 4, 1, 2, 0, 5]);
  assert.deepEqual(Array.from(rankByIdf(idf)), reference(idf));
  assert.deepEqual(Array.from(rankByIdf(Float64Array.of(7))), [0]);
  assert.deepEqual(Array.from(rankByIdf(new Float64Array(0))), []);
});

test('rankByIdf orders columns by quantised idf, ties by column: continuous values (a hashing part)', () => {
  const rand = prng(2);
  const idf = Float64Array.from({ length: 20000 }, () => 1 + rand() * 8);
  assert.deepEqual(Array.from(rankByIdf(idf)), reference(idf));
});

test('a weighted table finds every gram at its idf rank with its column, and refuses a repeated hash', () => {
  const hashes = Int32Array.of(11, 12, 21, 22, 31, 32);
  const idf = Float64Array.of(3, 1, 2);
  const weights = Float64Array.of(0.5, -0.5, 1.5, -1.5, 2.5, -2.5);
  const t = new WeightedTable(hashes, idf, weights);
  assert.equal(t.size, 3);
  assert.deepEqual([t.lookup(21, 22), t.lookup(31, 32), t.lookup(11, 12), t.lookup(11, 13)], [0, 1, 2, -1]);
  const key = t.lookup(11, 12);
  assert.equal(t.inLine.ints[key * t.stride + t.inLine.colAt], 0);
  assert.deepEqual([t.data[key * t.stride + 2], t.data[key * t.stride + 3], t.data[key * t.stride + 4]], [3, 0.5, -0.5]);
  assert.throws(() => new WeightedTable(Int32Array.of(11, 12, 11, 12), Float64Array.of(1, 2), new Float64Array(4)), /columns 0 and 1 have the same gram hash/);
  assert.throws(() => new WeightedTable(Int32Array.of(11, 12), Float64Array.of(1, 2), new Float64Array(4)), /expected 4 gram hashes, got 2/);
});

test('a weighted table given its idf order is the table it computes; an order that is not a permutation is refused', () => {
  const rand = prng(3);
  const n = 3000;
  const hashes = Int32Array.from({ length: 2 * n }, () => (rand() * 2 ** 32) | 0);
  const idf = Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 50) / 7);
  const weights = Float64Array.from({ length: 2 * n }, () => rand() - 0.5);
  const computed = new WeightedTable(hashes, idf, weights);
  const given = new WeightedTable(hashes, idf, weights, rankByIdf(idf));
  assert.deepEqual(given.data, computed.data);
  for (let col = 0; col < n; col++) assert.equal(given.lookup(hashes[2 * col], hashes[2 * col + 1]), computed.lookup(hashes[2 * col], hashes[2 * col + 1]));
  assert.throws(() => new WeightedTable(hashes, idf, weights, new Int32Array(n)), /the idf order repeats or lacks columns \(0 at 1\)/);
  assert.throws(() => new WeightedTable(hashes, idf, weights, Int32Array.of(0, 1)), /the idf order has 2 columns, not 3000/);
});
