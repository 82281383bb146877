/**
 * Percentile bootstrap confidence intervals. Rows are resampled with replacement by a seeded
 * generator, so an interval is reproducible from (data, seed); the statistic sees only the
 * resampled row indices, so paired data (two models' predictions on one holdout) stay paired.
 */
import { createRng } from '../data/random.js';
import { wardenError } from '../errors.js';

export interface BootstrapOptions {
  /** Default 1,000. */
  resamples?: number;
  /** 1 − confidence level; default 0.05 (a 95% interval). */
  alpha?: number;
  /** Default 0. */
  seed?: number;
}

export interface ConfidenceInterval {
  /** The statistic on the original rows. */
  estimate: number;
  lower: number;
  upper: number;
  /** 1 − alpha. */
  level: number;
  /** Resamples whose statistic was finite (a resample with, say, no positive row gives NaN recall and is left out). */
  resamples: number;
}

/**
 * Quantile `q` of sorted values with linear interpolation between order statistics
 * (numpy's default `percentile` method). NaN for an empty array.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * A percentile bootstrap interval of `statistic` over `n` rows. `statistic(idx)` receives the
 * row indices of one resample (the same buffer is reused between calls — do not keep it) and
 * returns a number; the original rows are `0…n−1`.
 *
 * @example
 * const x = [1, 2, 3, 4, 5];
 * const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
 * bootstrapCi(x.length, mean, { resamples: 2000, seed: 1 }); // { estimate: 3, lower ≈ 1.8, upper ≈ 4.2, … }
 */
export function bootstrapCi(n: number, statistic: (idx: Int32Array) => number, opts: BootstrapOptions = {}): ConfidenceInterval {
  const resamples = opts.resamples ?? 1000;
  const alpha = opts.alpha ?? 0.05;
  if (!Number.isInteger(n) || n < 1) throw wardenError('INVALID_INPUT', `bootstrap needs at least one row, got ${n}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw wardenError('INVALID_INPUT', `resamples must be a positive integer, got ${resamples}`);
  if (!(alpha > 0 && alpha < 1)) throw wardenError('INVALID_INPUT', `alpha must be in (0, 1), got ${alpha}`);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const estimate = statistic(idx);
  const rng = createRng(opts.seed ?? 0);
  const values = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    const v = statistic(idx);
    if (Number.isFinite(v)) values[kept++] = v;
  }
  const sorted = values.subarray(0, kept).sort();
  return { estimate, lower: quantileSorted(sorted, alpha / 2), upper: quantileSorted(sorted, 1 - alpha / 2), level: 1 - alpha, resamples: kept };
}
