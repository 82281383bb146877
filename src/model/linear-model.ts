import { wardenError } from '../errors.js';
import type { CsrMatrix } from './csr.js';

/** A linear decision function d(x) = weights·x + bias; d ≥ 0 leans towards "threat". */
export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

/** How a solver ended; kept beside the model so a non-converged fit is visible, not silent. */
export interface FitReport {
  solver: string;
  iterations: number;
  converged: boolean;
  tolerance: number;
  maxIterations: number;
  /** Solver-specific stopping statistic (see each learner's doc). */
  finalGradientNorm?: number;
  /** The learner's own objective at the returned model. */
  finalLoss?: number;
}

/**
 * Decision values for every row of X.
 * @example
 * const d = decision({ weights: new Float64Array([1, -1]), bias: 0.5 }, X);
 */
export function decision(model: LinearModel, X: CsrMatrix): Float64Array {
  if (X.nCols !== model.weights.length) {
    throw wardenError('INVALID_INPUT', `matrix has ${X.nCols} columns but the model has ${model.weights.length} weights`);
  }
  const out = new Float64Array(X.nRows);
  const { indptr, indices, values } = X;
  const w = model.weights;
  const b = model.bias;
  for (let i = 0; i < X.nRows; i++) {
    let s = b;
    const end = indptr[i + 1];
    for (let k = indptr[i]; k < end; k++) s += w[indices[k]] * values[k];
    out[i] = s;
  }
  return out;
}

/**
 * Decision value of one sparse row given as its first `nnz` (index, value) pairs — the scoring
 * hot path, so it allocates nothing and trusts every index to be < weights.length.
 */
export function decisionSparse(model: LinearModel, indices: Int32Array, values: Float32Array, nnz: number): number {
  const w = model.weights;
  let s = model.bias;
  for (let k = 0; k < nnz; k++) s += w[indices[k]] * values[k];
  return s;
}
