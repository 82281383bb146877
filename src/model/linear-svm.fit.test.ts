import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CsrMatrix } from './csr.js';
import { fitLinearSvm } from './linear-svm.js';
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

for (const name of ['none', 'balanced'] as const) {
  test(`fitLinearSvm matches sklearn LinearSVC(squared_hinge, dual) coefficients (${name})`, () => {
    const { model, report } = fitLinearSvm(X, y, { C: fx.C, classWeight: name === 'none' ? null : 'balanced', tol: 1e-8, maxIter: 100000 });
    const expected = fx.linearSvc[name];
    for (let j = 0; j < fx.nCols; j++) {
      assert.ok(Math.abs(model.weights[j] - expected.coef[j]) <= 1e-5, `coef[${j}] ${model.weights[j]} vs ${expected.coef[j]}`);
    }
    assert.ok(Math.abs(model.bias - expected.intercept) <= 1e-5, `bias ${model.bias} vs ${expected.intercept}`);
    assert.equal(report.converged, true);
    assert.equal(report.solver, 'dual-cd');
    assert.ok(report.finalGradientNorm! <= 1e-8);
  });
}

test('fitLinearSvm is deterministic and its primal objective beats nearby points', () => {
  const a = fitLinearSvm(X, y, { C: fx.C, classWeight: null, tol: 1e-8 });
  const b = fitLinearSvm(X, y, { C: fx.C, classWeight: null, tol: 1e-8 });
  assert.deepEqual(Array.from(a.model.weights), Array.from(b.model.weights));
  // Primal objective by hand at a perturbed model must be larger.
  const primal = (w: Float64Array, bias: number) => {
    const d = decision({ weights: w, bias }, X);
    let f = bias * bias;
    for (const v of w) f += v * v;
    f *= 0.5;
    for (let i = 0; i < y.length; i++) f += fx.C * Math.max(0, 1 - (y[i] ? d[i] : -d[i])) ** 2;
    return f;
  };
  const best = primal(a.model.weights, a.model.bias);
  assert.ok(Math.abs(best - a.report.finalLoss!) <= 1e-9 * best);
  const w2 = Float64Array.from(a.model.weights);
  w2[3] += 1e-3;
  assert.ok(primal(w2, a.model.bias) > best);
  assert.ok(primal(a.model.weights, a.model.bias - 1e-3) > best);
});

test('fitLinearSvm separates a trivially separable problem and reports non-convergence at maxIter 1', () => {
  const sep: CsrMatrix = { nRows: 4, nCols: 1, indptr: Int32Array.from([0, 1, 2, 3, 4]), indices: new Int32Array(4), values: Float32Array.from([2, 3, -2, -3]) };
  const ys = Uint8Array.from([1, 1, 0, 0]);
  const { model } = fitLinearSvm(sep, ys, { C: 10, classWeight: null });
  const d = decision(model, sep);
  assert.ok(d[0] > 0.9 && d[1] > 0.9 && d[2] < -0.9 && d[3] < -0.9, Array.from(d).join());
  const short = fitLinearSvm(X, y, { C: fx.C, classWeight: null, tol: 1e-12, maxIter: 1 });
  assert.equal(short.report.iterations, 1);
  assert.equal(short.report.converged, false);
});

test('fitLinearSvm rejects one class and a bad C', () => {
  assert.throws(() => fitLinearSvm(X, new Uint8Array(60).fill(1), { C: 1, classWeight: null }), { code: 'ONE_CLASS' });
  assert.throws(() => fitLinearSvm(X, y, { C: -1, classWeight: null }), { code: 'INVALID_INPUT' });
  assert.throws(() => fitLinearSvm(X, y, { C: NaN, classWeight: null }), { code: 'INVALID_INPUT' });
});
