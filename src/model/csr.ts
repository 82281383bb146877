import { wardenError } from '../errors.js';

/**
 * A compressed-sparse-row matrix. Structurally identical to the features' `CsrMatrix`, declared
 * here so the model layer takes no dependency on how features are built: either can be passed.
 * Row i's entries are `indices[indptr[i] .. indptr[i+1])` with the matching `values`.
 */
export interface CsrMatrix {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * Checks the CSR invariants a learner relies on (indptr monotone, column indices in range,
 * finite values) and that `y` is a 0/1 vector of the same length. O(nnz), run once per fit so
 * the kernels can index without bounds checks.
 */
export function assertTrainingData(X: CsrMatrix, y: Uint8Array): void {
  assertCsr(X);
  if (y.length !== X.nRows) {
    throw wardenError('INVALID_INPUT', `y has ${y.length} labels but X has ${X.nRows} rows`);
  }
  if (X.nRows === 0) throw wardenError('INVALID_INPUT', 'cannot fit a model on zero rows');
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label > 1) throw wardenError('INVALID_INPUT', `y[${i}] is ${label}; labels must be 0 or 1`);
    positives += label;
  }
  if (positives === 0 || positives === y.length) {
    throw wardenError('ONE_CLASS', `training data has only class ${positives === 0 ? 0 : 1}`);
  }
}

/** Validates the structure of a CSR matrix; throws INVALID_INPUT on the first violation. */
export function assertCsr(X: CsrMatrix): void {
  const { nRows, nCols, indptr, indices, values } = X;
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
    throw wardenError('INVALID_INPUT', `bad matrix shape ${nRows} x ${nCols}`);
  }
  if (indptr.length !== nRows + 1 || indptr[0] !== 0) {
    throw wardenError('INVALID_INPUT', 'indptr must have nRows + 1 entries and start at 0');
  }
  const nnz = indptr[nRows];
  if (indices.length < nnz || values.length < nnz) {
    throw wardenError('INVALID_INPUT', `indptr promises ${nnz} entries but indices/values are shorter`);
  }
  for (let i = 0; i < nRows; i++) {
    if (indptr[i + 1] < indptr[i]) throw wardenError('INVALID_INPUT', `indptr decreases at row ${i}`);
  }
  for (let k = 0; k < nnz; k++) {
    const j = indices[k];
    if (j < 0 || j >= nCols) throw wardenError('INVALID_INPUT', `column index ${j} out of range [0, ${nCols})`);
    if (!Number.isFinite(values[k])) throw wardenError('INVALID_INPUT', `non-finite value at entry ${k}`);
  }
}
