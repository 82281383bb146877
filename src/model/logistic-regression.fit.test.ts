import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CsrMatrix } from './csr.js';
import { fitLogisticRegression } from './logistic-regression.js';
import { logisticLossAndGradient } from './logistic-loss.js';
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

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (tol ${tol})`);
  }
}

test('logisticLossAndGradient matches the numpy oracle at a fixed w, unweighted and weighted', () => {
  const w = Float64Array.from([...fx.wFixed, fx.bFixed]);
  const g = new Float64Array(fx.nCols + 1);
  const loss = logisticLossAndGradient(X, y, w, fx.C, null, g);
  assert.ok(Math.abs(loss - fx.lossPlain) <= 1e-8 * Math.abs(fx.lossPlain));
  const scale = Math.max(...fx.gradPlain.map(Math.abs));
  assertClose(g, fx.gradPlain, 1e-8 * scale, 'gradPlain');
  const lossW = logisticLossAndGradient(X, y, w, fx.C, Float64Array.from(fx.sampleWeight), g);
  assert.ok(Math.abs(lossW - fx.lossWeighted) <= 1e-8 * Math.abs(fx.lossWeighted));
  assertClose(g, fx.gradWeighted, 1e-8 * Math.max(...fx.gradWeighted.map(Math.abs)), 'gradWeighted');
});

test('logisticLossAndGradient stays finite for huge margins (no exp overflow)', () => {
  const big: CsrMatrix = { nRows: 2, nCols: 1, indptr: Int32Array.from([0, 1, 2]), indices: Int32Array.from([0, 0]), values: Float32Array.from([1, -1]) };
  const g = new Float64Array(2);
  // Row 0 (y=1) has margin +1e4 (loss ≈ 0), row 1 (y=1) margin −1e4 (loss ≈ 1e4).
  const loss = logisticLossAndGradient(big, Uint8Array.from([1, 1]), Float64Array.from([1e4, 0]), 1e300, null, g);
  assert.ok(Math.abs(loss - 1e4) < 1e-6);
  assert.ok(Math.abs(g[0] - 1) < 1e-12); // −ŷ·σ(−z)·x = −1·1·(−1)
  assert.ok(Math.abs(g[1] - -1) < 1e-12);
});

function balancedWeights(): Float64Array {
  const pos = y.reduce((a, b) => a + b, 0);
  return Float64Array.from(y, (v) => (v === 1 ? y.length / (2 * pos) : y.length / (2 * (y.length - pos))));
}

for (const [name, opts] of [
  ['none', { classWeight: null }],
  ['balanced', { classWeight: 'balanced' }],
  ['sampleWeight', { classWeight: null, sampleWeight: Float64Array.from(fx.sampleWeight) }],
  ['noIntercept', { classWeight: null, fitIntercept: false }],
] as const) {
  test(`fitLogisticRegression matches sklearn lbfgs coefficients (${name})`, () => {
    const { model, report } = fitLogisticRegression(X, y, { C: fx.C, tol: 1e-10, maxIter: 10000, ...opts });
    const expected = fx.logreg[name];
    // sklearn 1.2's lbfgs stops on its ftol (64·eps) with ||∇f||∞ ≈ 1e-4, so it is itself only
    // ~1e-5 from the optimum: compare at 1e-4, then check we are at least as optimal.
    assertClose(model.weights, expected.coef, 1e-4, `${name} coef`);
    assert.ok(Math.abs(model.bias - expected.intercept) <= 1e-4, `${name} bias ${model.bias} vs ${expected.intercept}`);
    const s = 'sampleWeight' in opts ? opts.sampleWeight : null;
    const cw = opts.classWeight === 'balanced' ? balancedWeights() : null;
    const g = new Float64Array(fx.nCols + 1);
    const skLoss = logisticLossAndGradient(X, y, Float64Array.from([...expected.coef, expected.intercept]), fx.C, s ?? cw, g);
    assert.ok(report.finalLoss! <= skLoss + 1e-12, `our loss ${report.finalLoss} vs sklearn's ${skLoss}`);
    assert.equal(report.solver, 'lbfgs');
    assert.ok(report.finalGradientNorm! <= 1e-6, `gradient norm ${report.finalGradientNorm}`);
    assert.ok(report.iterations > 0 && report.iterations < 10000);
  });
}

test('the balanced class weight raises the intercept when positives are the minority', () => {
  const positives = y.reduce((a, b) => a + b, 0);
  assert.ok(positives < y.length / 2); // the fixture has 12 threats in 60 rows
  const plain = fitLogisticRegression(X, y, { C: fx.C, classWeight: null, tol: 1e-8 });
  const balanced = fitLogisticRegression(X, y, { C: fx.C, classWeight: 'balanced', tol: 1e-8 });
  assert.ok(balanced.model.bias > plain.model.bias + 0.5, `${balanced.model.bias} vs ${plain.model.bias}`);
  // And more rows are pushed over d = 0.
  const flagged = (d: Float64Array) => d.reduce((a, v) => a + (v >= 0 ? 1 : 0), 0);
  assert.ok(flagged(decision(balanced.model, X)) > flagged(decision(plain.model, X)));
});

test('L-BFGS reaches the same optimum as plain gradient descent on a tiny problem', () => {
  const tiny: CsrMatrix = {
    nRows: 6,
    nCols: 2,
    indptr: Int32Array.from([0, 2, 3, 5, 6, 7, 9]),
    indices: Int32Array.from([0, 1, 0, 0, 1, 1, 0, 0, 1]),
    values: Float32Array.from([1, 2, -1, 0.5, 0.5, -2, 3, -1.5, 1]),
  };
  const ty = Uint8Array.from([1, 0, 1, 0, 1, 0]);
  const C = 2;
  const w = new Float64Array(3);
  const g = new Float64Array(3);
  // The Hessian's largest eigenvalue is ≤ ¼·Σ(1+||x||²) + 1/C ≈ 5.7 here, so step 0.1 is stable.
  for (let it = 0; it < 200000; it++) {
    logisticLossAndGradient(tiny, ty, w, C, null, g);
    for (let j = 0; j < 3; j++) w[j] -= 0.1 * g[j];
  }
  const { model, report } = fitLogisticRegression(tiny, ty, { C, classWeight: null, tol: 1e-12 });
  assertClose([...model.weights, model.bias], w, 1e-8, 'lbfgs vs gd');
  assert.ok(report.iterations < 100);
});

test('fitLogisticRegression stops at maxIter and says it did not converge', () => {
  const { report } = fitLogisticRegression(X, y, { C: fx.C, classWeight: null, tol: 1e-12, maxIter: 3 });
  assert.equal(report.iterations, 3);
  assert.equal(report.converged, false);
  assert.equal(report.maxIterations, 3);
});

test('fitLogisticRegression rejects one-class, empty, mismatched and non-finite input', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as { code?: string }).code;
    }
    return 'no error';
  };
  assert.equal(code(() => fitLogisticRegression(X, new Uint8Array(60), { C: 1, classWeight: null })), 'ONE_CLASS');
  const empty: CsrMatrix = { nRows: 0, nCols: 3, indptr: Int32Array.from([0]), indices: new Int32Array(0), values: new Float32Array(0) };
  assert.equal(code(() => fitLogisticRegression(empty, new Uint8Array(0), { C: 1, classWeight: null })), 'INVALID_INPUT');
  assert.equal(code(() => fitLogisticRegression(X, y.subarray(1), { C: 1, classWeight: null })), 'INVALID_INPUT');
  assert.equal(code(() => fitLogisticRegression(X, y, { C: 0, classWeight: null })), 'INVALID_INPUT');
  const nan = { ...X, values: Float32Array.from(X.values) };
  nan.values[5] = NaN;
  assert.equal(code(() => fitLogisticRegression(nan, y, { C: 1, classWeight: null })), 'INVALID_INPUT');
  const badIndex = { ...X, indices: Int32Array.from(X.indices) };
  badIndex.indices[0] = 40;
  assert.equal(code(() => fitLogisticRegression(badIndex, y, { C: 1, classWeight: null })), 'INVALID_INPUT');
  const badLabel = Uint8Array.from(y);
  badLabel[0] = 2;
  assert.equal(code(() => fitLogisticRegression(X, badLabel, { C: 1, classWeight: null })), 'INVALID_INPUT');
});
