import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../data/random.js';
import { TopK } from './top-k.js';

/** What a TopK holds, as plain arrays. */
function kept(t: TopK): { cols: number[]; values: number[] } {
  return { cols: Array.from(t.cols.subarray(0, t.filled)), values: Array.from(t.values.subarray(0, t.filled)) };
}

test('offerAll keeps what offering each entry in turn keeps: ties, zeros, -0, NaN, k from 0 to 9', () => {
  const rng = createRng(20261202);
  const specials = [0, -0, NaN, 1, -1, 0.5, -0.5, Infinity, -Infinity];
  let compared = 0;
  for (let round = 0; round < 4000; round++) {
    const n = Math.floor(rng() * 300);
    const cols = new Int32Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      cols[i] = Math.floor(rng() * 100000);
      const r = rng();
      // many exact ties (a few distinct magnitudes), some special values, otherwise spread out
      values[i] = r < 0.3 ? (rng() < 0.5 ? -1 : 1) * Math.floor(rng() * 4) / 4
        : r < 0.35 ? specials[Math.floor(rng() * specials.length)]
          : (rng() - 0.5) * Math.exp(rng() * 6);
    }
    const k = round % 10;
    const one = new TopK().reset(k);
    for (let i = 0; i < n; i++) one.offer(cols[i], values[i]);
    // a reused TopK, as explain keeps one, offered in two batches (after earlier, larger calls)
    const all = new TopK().reset(12);
    all.offerAll(cols, values, n);
    all.reset(k);
    const cut = Math.floor(rng() * (n + 1));
    all.offerAll(cols, values, cut);
    all.offerAll(cols.subarray(cut), values.subarray(cut), n - cut);
    assert.deepEqual(kept(all), kept(one), `round ${round}, k=${k}, n=${n}`);
    compared++;
  }
  assert.equal(compared, 4000);
});

test('offerAll keeps the k largest |value|, first offered first among equals, and never a zero', () => {
  const t = new TopK().reset(3);
  t.offerAll(Int32Array.from([10, 11, 12, 13, 14, 15]), Float64Array.from([0, -2, 2, 0.5, -2, 3]), 6);
  assert.deepEqual(kept(t), { cols: [15, 11, 12], values: [3, -2, 2] });
  t.reset(4);
  t.offerAll(Int32Array.from([1, 2]), Float64Array.from([0, -0]), 2);
  assert.equal(t.filled, 0);
  t.reset(0);
  t.offerAll(Int32Array.from([1]), Float64Array.from([5]), 1);
  assert.equal(t.filled, 0);
});
