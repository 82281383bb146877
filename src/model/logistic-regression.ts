import { rowWeights } from './class-weights.js';
import { assertTrainingData, type CsrMatrix } from './csr.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { FitReport, LinearModel } from './linear-model.js';
import { logisticLossAndGradient } from './logistic-loss.js';
import { solverOptions } from './solver-options.js';

export interface LogRegOptions {
  /** Inverse regularisation strength, > 0 (scikit-learn's C). */
  C: number;
  classWeight: 'balanced' | null;
  /** Relative gradient tolerance; default 1e-4 (scikit-learn's default tol). */
  tol?: number;
  /** Default 1000. */
  maxIter?: number;
  sampleWeight?: Float64Array;
  /** Default true. When false the bias is held at 0. */
  fitIntercept?: boolean;
}

/**
 * L2-regularised logistic regression with scikit-learn's objective
 * Σ_i s_i·log(1+exp(−ŷ_i·d_i)) + ||w||²/(2C), intercept not penalised, minimised by L-BFGS
 * (memory 10, strong-Wolfe line search) from w = 0.
 *
 * Stops when ||∇f||∞ ≤ tol·max(1, ||∇f(0)||∞) — relative to the starting gradient so that one
 * tol means the same on 60 rows and on 60,000 — or after maxIter iterations; the report says which
 * (`converged`), with `finalGradientNorm` = ||∇f||∞ and `finalLoss` = f at the returned model.
 *
 * @example
 * const { model, report } = fitLogisticRegression(X, y, { C: 1, classWeight: 'balanced' });
 */
export function fitLogisticRegression(X: CsrMatrix, y: Uint8Array, opts: LogRegOptions): { model: LinearModel; report: FitReport } {
  assertTrainingData(X, y);
  const { tol, maxIter } = solverOptions(opts, { tol: 1e-4, maxIter: 1000 });
  const weighted = opts.classWeight !== null || opts.sampleWeight !== undefined;
  const s = weighted ? rowWeights(y, opts.classWeight, opts.sampleWeight) : null;
  const fitIntercept = opts.fitIntercept ?? true;
  const nCols = X.nCols;

  const result = minimizeLbfgs(
    (w, grad) => logisticLossAndGradient(X, y, w, opts.C, s, grad),
    new Float64Array(nCols + 1),
    { tol, maxIter, memory: 10, frozen: fitIntercept ? [] : [nCols] },
  );
  const model: LinearModel = { weights: result.x.slice(0, nCols), bias: result.x[nCols] };
  const report: FitReport = {
    solver: 'lbfgs',
    iterations: result.iterations,
    converged: result.converged,
    tolerance: tol,
    maxIterations: maxIter,
    finalGradientNorm: result.gradientNorm,
    finalLoss: result.value,
  };
  return { model, report };
}
