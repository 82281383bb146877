import type { CsrMatrix } from './csr.js';

/**
 * scikit-learn's L2 logistic objective and its gradient, for labels y ∈ {0,1} read as ŷ = ±1:
 *
 *   f(w, b) = Σ_i s_i·log(1 + exp(−ŷ_i·(w·x_i + b))) + ||w||² / (2C)
 *
 * `w` holds nCols weights followed by the bias (unpenalised). `sampleWeight` null means s_i = 1.
 * Writes ∂f/∂(w, b) into `gradOut` (length nCols + 1) and returns f. Two passes over the nonzeros
 * and no allocation, so an optimiser can call it a few hundred times per fit.
 */
export function logisticLossAndGradient(
  X: CsrMatrix,
  y: Uint8Array,
  w: Float64Array,
  C: number,
  sampleWeight: Float64Array | null,
  gradOut: Float64Array,
): number {
  const { nRows, nCols, indptr, indices, values } = X;
  const bias = w[nCols];
  let loss = 0;
  let biasGrad = 0;
  let regSq = 0;
  for (let j = 0; j < nCols; j++) {
    const wj = w[j];
    regSq += wj * wj;
    gradOut[j] = wj / C;
  }
  for (let i = 0; i < nRows; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    let d = bias;
    for (let k = start; k < end; k++) d += w[indices[k]] * values[k];
    const s = sampleWeight === null ? 1 : sampleWeight[i];
    const z = y[i] === 1 ? d : -d; // margin ŷ·d
    // log(1+e^{-z}) and σ(−z) computed on the side that cannot overflow.
    let sigNeg: number;
    if (z > 0) {
      const e = Math.exp(-z);
      loss += s * Math.log1p(e);
      sigNeg = e / (1 + e);
    } else {
      const e = Math.exp(z);
      loss += s * (Math.log1p(e) - z);
      sigNeg = 1 / (1 + e);
    }
    // ∂/∂d of s·log(1+e^{−ŷd}) = −s·ŷ·σ(−ŷd)
    const r = y[i] === 1 ? -s * sigNeg : s * sigNeg;
    if (r === 0) continue;
    biasGrad += r;
    for (let k = start; k < end; k++) gradOut[indices[k]] += r * values[k];
  }
  gradOut[nCols] = biasGrad;
  return loss + regSq / (2 * C);
}
