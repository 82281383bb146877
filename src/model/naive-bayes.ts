import { wardenError } from '../errors.js';
import { assertTrainingData, type CsrMatrix } from './csr.js';
import type { FitReport, LinearModel } from './linear-model.js';

export interface NaiveBayesOptions {
  /** Additive (Laplace/Lidstone) smoothing, > 0. */
  alpha: number;
  variant: 'complement' | 'multinomial';
}

/**
 * Binary naive Bayes as a linear model. With θ_cj = (N_cj + α) / (N_c + α·nCols) the smoothed
 * per-class feature distributions, both variants give weights w_j = log θ_1j − log θ_0j (log-count
 * ratios). They differ in the bias:
 *  - 'multinomial' (scikit-learn's MultinomialNB): b = log P(y=1) − log P(y=0), so d(x) is the
 *    log posterior odds;
 *  - 'complement' (ComplementNB, norm=False): for two classes each class's complement is the other
 *    class, so the weights coincide and ComplementNB adds no prior: b = 0.
 * Feature values must be non-negative counts or weights (INVALID_INPUT otherwise). Closed form:
 * the report has iterations 1 and converged true.
 */
export function fitNaiveBayes(X: CsrMatrix, y: Uint8Array, opts: NaiveBayesOptions): { model: LinearModel; report: FitReport } {
  assertTrainingData(X, y);
  if (!(opts.alpha > 0) || !Number.isFinite(opts.alpha)) throw wardenError('INVALID_INPUT', `alpha must be a positive number, got ${opts.alpha}`);
  if (opts.variant !== 'complement' && opts.variant !== 'multinomial') {
    throw wardenError('INVALID_INPUT', `unknown naive Bayes variant '${String(opts.variant)}'`);
  }
  const { nRows, nCols, indptr, indices, values } = X;
  const count0 = new Float64Array(nCols);
  const count1 = new Float64Array(nCols);
  let total0 = 0;
  let total1 = 0;
  let positives = 0;
  for (let i = 0; i < nRows; i++) {
    const counts = y[i] === 1 ? count1 : count0;
    positives += y[i];
    let rowSum = 0;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const v = values[k];
      if (v < 0) throw wardenError('INVALID_INPUT', `naive Bayes needs non-negative features; row ${i} has ${v}`);
      counts[indices[k]] += v;
      rowSum += v;
    }
    if (y[i] === 1) total1 += rowSum;
    else total0 += rowSum;
  }
  const alpha = opts.alpha;
  const logDen1 = Math.log(total1 + alpha * nCols);
  const logDen0 = Math.log(total0 + alpha * nCols);
  const weights = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    weights[j] = Math.log(count1[j] + alpha) - logDen1 - (Math.log(count0[j] + alpha) - logDen0);
  }
  const bias = opts.variant === 'multinomial' ? Math.log(positives) - Math.log(nRows - positives) : 0;
  const report: FitReport = { solver: `naive-bayes-${opts.variant}`, iterations: 1, converged: true, tolerance: 0, maxIterations: 1 };
  return { model: { weights, bias }, report };
}
