import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CsrMatrix } from './csr.js';
import { decision, decisionSparse } from './linear-model.js';

const X: CsrMatrix = {
  nRows: 3,
  nCols: 4,
  indptr: Int32Array.from([0, 2, 2, 5]),
  indices: Int32Array.from([0, 3, 1, 2, 3]),
  values: Float32Array.from([1, 2, 0.5, -1, 4]),
};
const model = { weights: Float64Array.from([0.5, -1, 2, 0.25]), bias: -0.1 };

test('decision computes w·x + b per row, an empty row giving the bias', () => {
  const d = decision(model, X);
  assert.equal(d.length, 3);
  assert.ok(Math.abs(d[0] - (0.5 + 0.5 - 0.1)) < 1e-15);
  assert.equal(d[1], -0.1);
  assert.ok(Math.abs(d[2] - (-0.5 - 2 + 1 - 0.1)) < 1e-15);
});

test('decisionSparse agrees with decision and reads only the first nnz entries', () => {
  const idx = Int32Array.from([1, 2, 3, 0, 0]);
  const val = Float32Array.from([0.5, -1, 4, 99, 99]);
  assert.ok(Math.abs(decisionSparse(model, idx, val, 3) - decision(model, X)[2]) < 1e-15);
  assert.equal(decisionSparse(model, idx, val, 0), -0.1);
});

test('decision rejects a width mismatch and handles zero rows', () => {
  assert.throws(() => decision({ weights: new Float64Array(3), bias: 0 }, X), { code: 'INVALID_INPUT' });
  const empty: CsrMatrix = { nRows: 0, nCols: 4, indptr: Int32Array.from([0]), indices: new Int32Array(0), values: new Float32Array(0) };
  assert.equal(decision(model, empty).length, 0);
});
