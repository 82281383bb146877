import type { CsrMatrix } from '../features/index.js';
import { ruleFeatureVector, tagText, TAG_NAMES } from '../rules/index.js';

/** Rule feature vectors of many raw texts, rows × TAG_NAMES.length, row-major. */
export function ruleMatrix(rawTexts: readonly string[]): Float32Array {
  const k = TAG_NAMES.length;
  const out = new Float32Array(rawTexts.length * k);
  const row = new Float32Array(k);
  for (let i = 0; i < rawTexts.length; i++) {
    ruleFeatureVector(tagText(rawTexts[i]), row);
    out.set(row, i * k);
  }
  return out;
}

/**
 * Appends the rule columns of the selected rows to X (which holds those rows in order):
 * columns [X.nCols, X.nCols + TAG_NAMES.length).
 */
export function appendRuleColumns(X: CsrMatrix, rules: Float32Array, rows: ArrayLike<number>): CsrMatrix {
  const k = TAG_NAMES.length;
  let extra = 0;
  for (let r = 0; r < X.nRows; r++) {
    const base = rows[r] * k;
    for (let j = 0; j < k; j++) if (rules[base + j] !== 0) extra++;
  }
  const indptr = new Int32Array(X.nRows + 1);
  const indices = new Int32Array(X.indices.length + extra);
  const values = new Float32Array(X.values.length + extra);
  let p = 0;
  for (let r = 0; r < X.nRows; r++) {
    indptr[r] = p;
    for (let q = X.indptr[r]; q < X.indptr[r + 1]; q++) {
      indices[p] = X.indices[q];
      values[p++] = X.values[q];
    }
    const base = rows[r] * k;
    for (let j = 0; j < k; j++) {
      const v = rules[base + j];
      if (v !== 0) {
        indices[p] = X.nCols + j;
        values[p++] = v;
      }
    }
  }
  indptr[X.nRows] = p;
  return { nRows: X.nRows, nCols: X.nCols + k, indptr, indices, values };
}
