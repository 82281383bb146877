import { wardenError } from '../errors.js';

/**
 * A fitted score → probability map, JSON-serialisable so it can live inside a model artifact.
 *  - 'platt': p = 1 / (1 + exp(a·d + b)) (Platt's sign convention; see `fitPlatt`);
 *  - 'isotonic': linear interpolation through (x[k], y[k]), x strictly increasing, clipped at
 *    the ends (see `fitIsotonic`);
 *  - 'identity-sigmoid': p = 1 / (1 + exp(−d)), for a logistic model's own probabilities.
 */
export type CalibratorSpec =
  | { type: 'platt'; a: number; b: number }
  | { type: 'isotonic'; x: number[]; y: number[] }
  | { type: 'identity-sigmoid' };

/**
 * The one factory from spec to function; the returned function maps a decision value to a
 * probability in [0, 1] (NaN in → NaN out). Throws INVALID_INPUT for a malformed spec.
 * @example
 * const calibrate = createCalibrator({ type: 'platt', a: -2, b: 0.5 });
 * calibrate(0.25); // 1 / (1 + e^0) = 0.5
 */
export function createCalibrator(spec: CalibratorSpec): (d: number) => number {
  switch (spec.type) {
    case 'platt': {
      const { a, b } = spec;
      if (!Number.isFinite(a) || !Number.isFinite(b)) throw wardenError('INVALID_INPUT', 'Platt parameters must be finite');
      return (d) => sigmoid(-(a * d + b));
    }
    case 'identity-sigmoid':
      return sigmoid;
    case 'isotonic': {
      const xs = Float64Array.from(spec.x);
      const ys = Float64Array.from(spec.y);
      assertIsotonicSpec(xs, ys);
      return (d) => interpolateClipped(xs, ys, d);
    }
    default:
      throw wardenError('INVALID_INPUT', `unknown calibrator type '${(spec as { type?: unknown }).type}'`);
  }
}

/** 1 / (1 + e^{−z}) without overflow for large |z|. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function assertIsotonicSpec(xs: Float64Array, ys: Float64Array): void {
  if (xs.length === 0 || xs.length !== ys.length) {
    throw wardenError('INVALID_INPUT', 'isotonic calibrator needs equally long, non-empty x and y');
  }
  for (let k = 0; k < xs.length; k++) {
    if (!Number.isFinite(xs[k]) || !(ys[k] >= 0 && ys[k] <= 1)) throw wardenError('INVALID_INPUT', `isotonic point ${k} is out of range`);
    if (k > 0 && (xs[k] <= xs[k - 1] || ys[k] < ys[k - 1])) throw wardenError('INVALID_INPUT', 'isotonic points must increase');
  }
}

/** Binary search for the segment holding d, then linear interpolation. */
function interpolateClipped(xs: Float64Array, ys: Float64Array, d: number): number {
  if (Number.isNaN(d)) return NaN;
  const last = xs.length - 1;
  if (d <= xs[0]) return ys[0];
  if (d >= xs[last]) return ys[last];
  let lo = 0;
  let hi = last; // invariant: xs[lo] < d < xs[hi] or on an endpoint
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= d) lo = mid;
    else hi = mid;
  }
  const t = (d - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}
