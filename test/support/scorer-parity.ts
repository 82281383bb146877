import assert from 'node:assert/strict';
import { TopK } from '../../src/detector/top-k.js';
import type { LinearScorer } from '../../src/features/linear/linear-scorer.js';
import { createSparseBuffer } from '../../src/features/sparse.js';
import type { FittedVectorizer } from '../../src/features/vectorizer.js';

/**
 * Checks a compiled scorer against transform-then-dot on every text, `rounds` times (cold,
 * then with its caches warm): the two sums it adds (within float32 rounding, ~1e-7 apart),
 * the features it reads back, bit for bit, and, read back for the top k (k = 1, 3, 6), a
 * subsequence of them from which a top-k selection by threat contribution picks what it picks
 * from all of them.
 */
export function assertScorerMatchesTransform(v: FittedVectorizer, weights: Float64Array, scorer: LinearScorer, texts: readonly string[], rounds = 2): void {
  const want = createSparseBuffer(1);
  const got = createSparseBuffer(1);
  const sums = new Float64Array(2);
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const nnz = v.transformInto(text, want);
      let dt = 0;
      let dp = 0;
      for (let k = 0; k < nnz; k++) {
        dt += weights[2 * want.indices[k]] * want.values[k];
        dp += weights[2 * want.indices[k] + 1] * want.values[k];
      }
      // the scorer adds to what the sums hold
      sums[0] = 0.5;
      sums[1] = -0.5;
      scorer.accumulate(text, sums);
      const label = JSON.stringify(text.slice(0, 40));
      assert.ok(Math.abs(sums[0] - 0.5 - dt) <= 1e-5 * (1 + Math.abs(dt)), `${label}: threat ${sums[0] - 0.5} vs ${dt}`);
      assert.ok(Math.abs(sums[1] + 0.5 - dp) <= 1e-5 * (1 + Math.abs(dp)), `${label}: phishing ${sums[1] + 0.5} vs ${dp}`);
      got.nnz = 0;
      scorer.appendLast(got, 0);
      assert.equal(got.nnz, nnz, label);
      assert.deepEqual(Array.from(got.indices.subarray(0, nnz)), Array.from(want.indices.subarray(0, nnz)), label);
      assert.deepEqual(Array.from(got.values.subarray(0, nnz)), Array.from(want.values.subarray(0, nnz)), label);
      for (const k of [1, 3, 6]) assertTopCandidates(weights, scorer, want, k, `${label}, top ${k}`);
    }
  }
}

function picks(weights: Float64Array, buf: { indices: Int32Array; values: Float32Array; nnz: number }, k: number): number[] {
  const contrib = Float64Array.from({ length: buf.nnz }, (_, i) => weights[2 * buf.indices[i]] * buf.values[i]);
  const top = new TopK().reset(k);
  top.offerAll(buf.indices, contrib, buf.nnz);
  return Array.from(top.cols.subarray(0, top.filled));
}

function assertTopCandidates(weights: Float64Array, scorer: LinearScorer, all: { indices: Int32Array; values: Float32Array; nnz: number }, k: number, label: string): void {
  const some = createSparseBuffer(1);
  scorer.appendLast(some, 0, null, k);
  let at = 0;
  for (let i = 0; i < some.nnz; i++) {
    while (at < all.nnz && all.indices[at] !== some.indices[i]) at++;
    assert.ok(at < all.nnz, `${label}: candidate ${some.indices[i]} is a feature, in order`);
    assert.equal(some.values[i], all.values[at], `${label}: value of ${some.indices[i]}`);
    at++;
  }
  assert.deepEqual(picks(weights, some, k), picks(weights, all, k), label);
}
