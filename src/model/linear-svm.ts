import { rowWeights } from './class-weights.js';
import { assertTrainingData, type CsrMatrix } from './csr.js';
import type { FitReport, LinearModel } from './linear-model.js';
import { solverOptions } from './solver-options.js';

export interface SvmOptions {
  /** Penalty on the squared hinge losses, > 0 (scikit-learn's C). */
  C: number;
  classWeight: 'balanced' | null;
  /** Stop when the dual projected-gradient gap ≤ tol; default 1e-4 as LinearSVC. */
  tol?: number;
  /** Maximum passes over the data; default 1000 as LinearSVC. */
  maxIter?: number;
}

/**
 * Linear SVM with the L2-regularised squared hinge loss, solved like scikit-learn's
 * `LinearSVC(loss='squared_hinge', dual=True)`: liblinear's dual coordinate descent with
 * shrinking (Hsieh et al. 2008). The intercept is a constant feature of value 1
 * (intercept_scaling = 1), so — as in LinearSVC — it IS penalised:
 *
 *   min ½(||w||² + b²) + Σ_i C_i·max(0, 1 − ŷ_i(w·x_i + b))²,  C_i = C × classWeight(y_i).
 *
 * Rows are visited in a seeded pseudo-random order, so fits are reproducible. The report's
 * `finalGradientNorm` is the final dual projected-gradient gap (max − min), `finalLoss` the primal
 * objective above.
 */
export function fitLinearSvm(X: CsrMatrix, y: Uint8Array, opts: SvmOptions): { model: LinearModel; report: FitReport } {
  assertTrainingData(X, y);
  const { tol, maxIter } = solverOptions(opts, { tol: 1e-4, maxIter: 1000 });

  const { nRows: n, nCols, indptr, indices, values } = X;
  const cw = rowWeights(y, opts.classWeight);
  const w = new Float64Array(nCols);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n); // D_ii = 1 / (2·C_i): the squared hinge's dual diagonal
  const qd = new Float64Array(n); // Q_ii = ||x_i||² + 1 (bias feature) + D_ii
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / (opts.C * cw[i]);
    let sq = 1;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) sq += values[k] * values[k];
    qd[i] = sq + diag[i];
    order[i] = i;
  }

  let rng = 0x9e3779b9; // xorshift32, fixed seed: same data → same model
  let activeSize = n;
  let pgMaxOld = Infinity;
  let iterations = 0;
  let gap = Infinity;
  let converged = false;
  while (iterations < maxIter) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let s = 0; s < activeSize; s++) {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      const j = s + ((rng >>> 0) % (activeSize - s));
      const tmp = order[s];
      order[s] = order[j];
      order[j] = tmp;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = order[s];
      const yi = y[i] === 1 ? 1 : -1;
      const start = indptr[i];
      const end = indptr[i + 1];
      let d = b;
      for (let k = start; k < end; k++) d += w[indices[k]] * values[k];
      const G = yi * d - 1 + alpha[i] * diag[i];
      let pg = G;
      if (alpha[i] === 0) {
        if (G > pgMaxOld) {
          // Shrink: this row sits at its bound and is unlikely to move.
          activeSize--;
          order[s] = order[activeSize];
          order[activeSize] = i;
          s--;
          continue;
        }
        if (G > 0) pg = 0;
      }
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - G / qd[i], 0);
        const step = (alpha[i] - old) * yi;
        for (let k = start; k < end; k++) w[indices[k]] += step * values[k];
        b += step;
      }
    }
    iterations++;
    gap = pgMaxNew - pgMinNew;
    if (gap <= tol) {
      if (activeSize === n) {
        converged = true;
        break;
      }
      // Converged on the shrunk set: re-check every row before declaring victory.
      activeSize = n;
      pgMaxOld = Infinity;
      continue;
    }
    // The squared hinge has no upper bound on α, so only rows stuck at α = 0 are ever shrunk.
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
  }

  const model: LinearModel = { weights: w, bias: b };
  const report: FitReport = {
    solver: 'dual-cd',
    iterations,
    converged,
    tolerance: tol,
    maxIterations: maxIter,
    finalGradientNorm: gap,
    finalLoss: primalObjective(X, y, model, opts.C, cw),
  };
  return { model, report };
}

function primalObjective(X: CsrMatrix, y: Uint8Array, model: LinearModel, C: number, cw: Float64Array): number {
  const { indptr, indices, values } = X;
  let reg = model.bias * model.bias;
  for (let j = 0; j < model.weights.length; j++) reg += model.weights[j] * model.weights[j];
  let loss = 0;
  for (let i = 0; i < X.nRows; i++) {
    let d = model.bias;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) d += model.weights[indices[k]] * values[k];
    const slack = Math.max(0, 1 - (y[i] === 1 ? d : -d));
    loss += C * cw[i] * slack * slack;
  }
  return 0.5 * reg + loss;
}
