import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../data/random.js';
import { TopK } from '../../detector/top-k.js';
import { createSparseBuffer } from '../sparse.js';
import { TermAccumulator } from './term-accumulator.js';
import { WeightedTable } from './weighted-table.js';

// appendTop(k) must hand explanations a superset of the k features of largest |threat
// contribution|, in appendTo's order and with appendTo's exact values, columns and
// contributions, so that a top-k over it picks exactly what a top-k over every feature picks,
// ties included. The table has tied columns on purpose (same idf, same weight: grams that
// always occur together get equal weights from a convex fit), zero weights, and weights that
// differ from a neighbour's only past float32 precision.

const COLUMNS = 60;

function table(rand: () => number): WeightedTable {
  const hashes = Int32Array.from({ length: 2 * COLUMNS }, (_, i) => 1000 + i);
  const idf = Float64Array.from({ length: COLUMNS }, () => 1 + Math.floor(rand() * 6) / 2);
  const weights = Float64Array.from({ length: 2 * COLUMNS }, () => (rand() - 0.5) * 4);
  for (let c = 0; c + 1 < COLUMNS; c += 6) {
    idf[c + 1] = idf[c]; // a tie
    weights[2 * (c + 1)] = weights[2 * c];
    weights[2 * (c + 2)] = 0; // no say at all
    if (c + 3 < COLUMNS) {
      idf[c + 3] = idf[c];
      weights[2 * (c + 3)] = weights[2 * c] * (1 + 2 ** -40); // equal in float32 only
    }
  }
  return new WeightedTable(hashes, idf, weights);
}

function picks(top: TopK): string[] {
  return Array.from({ length: top.filled }, (_, i) => `${top.cols[i]}:${top.values[i]}`);
}

test('appendTop(k) keeps what a top-k over all features picks, with appendTo\'s exact values, for k = 1…12 over 3,000 seeded texts', () => {
  const rand = createRng(7);
  const index = table(rand);
  const acc = new TermAccumulator(index, true, true);
  const all = createSparseBuffer(4);
  const some = createSparseBuffer(4);
  const allC = { values: new Float64Array(4) };
  const someC = { values: new Float64Array(4) };
  const arena = new Int32Array(16);
  const lines = new Float32Array(2 * 16);
  const topAll = new TopK();
  const topSome = new TopK();
  let skipped = 0;
  for (let t = 0; t < 3000; t++) {
    acc.reset();
    for (let o = 1 + Math.floor(rand() * 10); o > 0; o--) {
      if (rand() < 0.4) {
        acc.addGram(Math.floor(rand() * COLUMNS));
        continue;
      }
      // a cached word: distinct keys with in-word counts; its sums are irrelevant here, and half
      // the words come with their keys' idf and weight, as the fused path's entries do
      const used = new Set<number>();
      let m = 0;
      for (let j = 1 + Math.floor(rand() * 8); j > 0; j--) {
        const key = Math.floor(rand() * COLUMNS);
        if (used.has(key)) continue;
        used.add(key);
        arena[m++] = (key << 8) | (1 + Math.floor(rand() * 3));
      }
      const carry = rand() < 0.5;
      if (carry) {
        for (let j = 0; j < m; j++) {
          const q = (arena[j] >>> 8) * index.stride + index.idfAt;
          lines[2 * j] = index.data[q];
          lines[2 * j + 1] = index.data[q + 1];
        }
      }
      acc.addWordKeys(arena, 0, m, carry ? lines : null);
    }
    all.nnz = 0;
    assert.equal(acc.appendTo(all, 5, allC), true);
    const order = new Map<number, number>();
    for (let i = 0; i < all.nnz; i++) order.set(all.indices[i], i);
    for (let k = 1; k <= 12; k++) {
      some.nnz = 0;
      assert.equal(acc.appendTop(k, some, 5, someC), true);
      let last = -1;
      for (let i = 0; i < some.nnz; i++) {
        const at = order.get(some.indices[i]);
        assert.ok(at !== undefined && at > last, `text ${t}, k ${k}: candidates keep appendTo's order`);
        assert.equal(some.values[i], all.values[at], `text ${t}, k ${k}: value`);
        assert.equal(someC.values[i], allC.values[at], `text ${t}, k ${k}: contribution`);
        last = at;
      }
      topAll.reset(k).offerAll(all.indices, allC.values, all.nnz);
      topSome.reset(k).offerAll(some.indices, someC.values, some.nnz);
      assert.deepEqual(picks(topSome), picks(topAll), `text ${t}, k ${k}`);
      skipped += all.nnz - some.nnz;
    }
  }
  assert.ok(skipped > 100_000, `candidates leave most features out (${skipped} skipped)`);
});

test('appendTop refuses to read back a text scored without its keys listed, and k = 0 or more than there are keeps all', () => {
  const index = table(createRng(3));
  const acc = new TermAccumulator(index, true, true);
  acc.reset();
  for (const key of [1, 2, 3, 2]) acc.addGram(key);
  const out = createSparseBuffer(4);
  for (const k of [0, 3, 10]) {
    out.nnz = 0;
    acc.appendTop(k, out, 0);
    assert.equal(out.nnz, 3, `k ${k}`);
  }
  acc.listKeys = false;
  acc.reset();
  acc.addGram(1);
  assert.throws(() => acc.appendTop(2, out, 0), /without listing its keys/);
});

test('appendTop with subnormal float32 weights keeps every feature, so the exact top still wins', () => {
  const u = 2 ** -149; // the smallest float32: weights this small round far from their float64 value
  const hashes = Int32Array.of(11, 12, 21, 22);
  // column 0: 1.75u rounds to 2u in float32; column 1: 1.45u rounds to 1u, but its idf is higher
  const index = new WeightedTable(hashes, Float64Array.of(1, 1.5), Float64Array.of(1.75 * u, 0, 1.45 * u, 0));
  const acc = new TermAccumulator(index, false, false);
  acc.reset();
  acc.addGram(index.lookup(11, 12));
  acc.addGram(index.lookup(21, 22));
  const all = createSparseBuffer(4);
  const some = createSparseBuffer(4);
  const allC = { values: new Float64Array(4) };
  const someC = { values: new Float64Array(4) };
  acc.appendTo(all, 0, allC);
  acc.appendTop(1, some, 0, someC);
  assert.equal(some.nnz, 2, 'both kept');
  const want = new TopK().reset(1);
  want.offerAll(all.indices, allC.values, all.nnz);
  const got = new TopK().reset(1);
  got.offerAll(some.indices, someC.values, some.nnz);
  assert.deepEqual(picks(got), picks(want));
  assert.equal(want.cols[0], 1, 'column 1 has the larger exact contribution');
});

test('a weighted table refuses weights that are not finite float32 numbers', () => {
  const hashes = Int32Array.of(11, 12, 21, 22);
  const idf = Float64Array.of(1, 2);
  for (const bad of [Number.NaN, Infinity, -Infinity, 4e38]) {
    assert.throws(() => new WeightedTable(hashes, idf, Float64Array.of(0.5, 0, bad, 0)), /column 1 has weight .*not a finite float32 number/, String(bad));
    assert.throws(() => new WeightedTable(hashes, idf, Float64Array.of(0.5, bad, 0, 0)), /column 0 has weight/, `phishing ${bad}`);
  }
  assert.equal(new WeightedTable(hashes, idf, Float64Array.of(3e38, -3e38, 2 ** -149, 0)).size, 2);
});
