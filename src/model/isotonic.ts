import { wardenError } from '../errors.js';
import type { CalibratorSpec } from './calibrator.js';
import { assertScoresAndLabels } from './score-checks.js';

/**
 * Isotonic calibration as scikit-learn's `IsotonicRegression(out_of_bounds='clip')`: rows with
 * equal decisions are merged (mean label, summed weight), pool-adjacent-violators makes the means
 * non-decreasing, and interior points of each flat block are dropped. Prediction interpolates
 * linearly between the kept points and clips outside [x₀, x_last] (see `createCalibrator`).
 * Works with one class (the fit is then constant); needs at least one row.
 */
export function fitIsotonic(decisions: Float64Array, y: Uint8Array): CalibratorSpec {
  assertScoresAndLabels(decisions, y);
  const n = decisions.length;
  if (n === 0) throw wardenError('INVALID_INPUT', 'isotonic calibration needs at least one row');
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => decisions[i] - decisions[j]);

  // Unique x with mean y and weight (count); then PAV over blocks stored as a stack.
  const bx: number[] = [];
  const bMean: number[] = [];
  const bWeight: number[] = [];
  const bStart: number[] = []; // index into ux of each block's first unique x
  const ux: number[] = [];
  for (let k = 0; k < n; ) {
    const x = decisions[order[k]];
    let sum = 0;
    let count = 0;
    while (k < n && decisions[order[k]] === x) {
      sum += y[order[k]];
      count++;
      k++;
    }
    ux.push(x);
    let mean = sum / count;
    let weight = count;
    let start = ux.length - 1;
    while (bMean.length > 0 && bMean[bMean.length - 1] >= mean) {
      const w = bWeight.pop()!;
      const m = bMean.pop()!;
      start = bStart.pop()!;
      bx.pop();
      mean = (m * w + mean * weight) / (w + weight);
      weight += w;
    }
    bMean.push(mean);
    bWeight.push(weight);
    bStart.push(start);
    bx.push(x);
  }
  // Keep the first and last unique x of every block: interpolation between them is flat anyway.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let blk = 0; blk < bMean.length; blk++) {
    const first = ux[bStart[blk]];
    const last = bx[blk];
    xs.push(first);
    ys.push(bMean[blk]);
    if (last !== first) {
      xs.push(last);
      ys.push(bMean[blk]);
    }
  }
  return { type: 'isotonic', x: xs, y: ys };
}
