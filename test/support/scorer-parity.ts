import assert from 'node:assert/strict';
import type { LinearScorer } from '../../src/features/linear/linear-scorer.js';
import { createSparseBuffer } from '../../src/features/sparse.js';
import type { FittedVectorizer } from '../../src/features/vectorizer.js';

/**
 * Checks a compiled scorer against transform-then-dot on every text, `rounds` times (cold,
 * then with its caches warm): the two sums it adds (within float32 rounding, ~1e-7 apart),
 * and the features it reads back, bit for bit.
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
    }
  }
}
