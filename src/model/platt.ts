import { wardenError } from '../errors.js';
import type { CalibratorSpec } from './calibrator.js';
import { assertScoresAndLabels } from './score-checks.js';

/**
 * Platt scaling: P(threat | d) = 1 / (1 + exp(a·d + b)) — Platt's sign convention, as in
 * scikit-learn's `_sigmoid_calibration`, so a < 0 for a useful score.
 *
 * Fits a, b by Newton's method with backtracking (Lin, Lin & Weng 2007) on the cross-entropy
 * against Platt's smoothed targets t₊ = (N₊+1)/(N₊+2), t₋ = 1/(N₋+2). The smoothing keeps a and b
 * finite even on perfectly separable scores. Needs both classes (ONE_CLASS otherwise).
 */
export function fitPlatt(decisions: Float64Array, y: Uint8Array): CalibratorSpec {
  const positives = assertScoresAndLabels(decisions, y);
  const n = y.length;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw wardenError('ONE_CLASS', 'Platt calibration needs both classes');
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const target = (i: number) => (y[i] === 1 ? hiTarget : loTarget);
  const objective = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = decisions[i] * a + b;
      const t = target(i);
      f += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };

  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  let f = objective(a, b);
  const sigma = 1e-12; // keeps the Hessian positive definite
  for (let iter = 0; iter < 100; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const d = decisions[i];
      const z = d * a + b;
      // p = P(threat) = 1/(1+e^z), q = 1 − p, computed on the side that cannot overflow.
      let p: number;
      let q: number;
      if (z >= 0) {
        const e = Math.exp(-z);
        p = e / (1 + e);
        q = 1 / (1 + e);
      } else {
        const e = Math.exp(z);
        p = 1 / (1 + e);
        q = e / (1 + e);
      }
      const d2 = p * q;
      h11 += d * d * d2;
      h22 += d2;
      h21 += d * d2;
      const d1 = target(i) - p;
      g1 += d * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const fNew = objective(a + step * dA, b + step * dB);
      if (fNew < f + 1e-4 * step * gd) {
        a += step * dA;
        b += step * dB;
        f = fNew;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break; // no decrease possible: at the optimum to rounding
  }
  return { type: 'platt', a, b };
}
