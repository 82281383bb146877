import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CsrMatrix } from './csr.js';
import { fitNaiveBayes } from './naive-bayes.js';
import { decision } from './linear-model.js';

const fx = JSON.parse(readFileSync(new URL('../../../test/fixtures/logreg-small.json', import.meta.url), 'utf8'));
const X: CsrMatrix = {
  nRows: fx.nRows,
  nCols: fx.nCols,
  indptr: Int32Array.from(fx.indptr),
  indices: Int32Array.from(fx.indices),
  values: Float32Array.from(fx.values),
};
const y = Uint8Array.from(fx.y);

for (const variant of ['multinomial', 'complement'] as const) {
  test(`fitNaiveBayes(${variant}) decisions equal sklearn's joint log-likelihood differences`, () => {
    const { model, report } = fitNaiveBayes(X, y, { alpha: 1, variant });
    const d = decision(model, X);
    const expected: number[] = fx.naiveBayes[`${variant}Decision`];
    for (let i = 0; i < d.length; i++) assert.ok(Math.abs(d[i] - expected[i]) <= 1e-9, `row ${i}: ${d[i]} vs ${expected[i]}`);
    assert.equal(report.converged, true);
  });
}

test('fitNaiveBayes log-count ratios by hand on a 2-feature example', () => {
  // Class 1 rows: [2, 0], [1, 1] → counts (3, 1), total 4. Class 0 row: [0, 2] → counts (0, 2), total 2.
  const X2: CsrMatrix = { nRows: 3, nCols: 2, indptr: Int32Array.from([0, 1, 3, 4]), indices: Int32Array.from([0, 0, 1, 1]), values: Float32Array.from([2, 1, 1, 2]) };
  const { model } = fitNaiveBayes(X2, Uint8Array.from([1, 1, 0]), { alpha: 1, variant: 'multinomial' });
  // θ1 = (4/6, 2/6), θ0 = (1/4, 3/4); prior odds 2:1.
  assert.ok(Math.abs(model.weights[0] - Math.log((4 / 6) / (1 / 4))) < 1e-12);
  assert.ok(Math.abs(model.weights[1] - Math.log((2 / 6) / (3 / 4))) < 1e-12);
  assert.ok(Math.abs(model.bias - Math.log(2)) < 1e-12);
});

test('fitNaiveBayes rejects negative features, a bad alpha and an unknown variant', () => {
  const neg = { ...X, values: Float32Array.from(X.values) };
  neg.values[0] = -1;
  assert.throws(() => fitNaiveBayes(neg, y, { alpha: 1, variant: 'multinomial' }), { code: 'INVALID_INPUT' });
  assert.throws(() => fitNaiveBayes(X, y, { alpha: 0, variant: 'multinomial' }), { code: 'INVALID_INPUT' });
  assert.throws(() => fitNaiveBayes(X, y, { alpha: 1, variant: 'bernoulli' as 'multinomial' }), { code: 'INVALID_INPUT' });
  assert.throws(() => fitNaiveBayes(X, new Uint8Array(60), { alpha: 1, variant: 'complement' }), { code: 'ONE_CLASS' });
});
