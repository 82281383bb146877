import { wardenError } from '../errors.js';
import { rankedCounts, thresholdAbove } from './ranked-counts.js';

/**
 * Area under the ROC curve as scikit-learn's `roc_auc_score`: the trapezoid rule over the curve's
 * distinct-threshold points, so tied scores count as half a correct ordering. NaN when y has only
 * one class (or is empty) — scikit-learn raises there; a NaN keeps a metrics report printable
 * (it serialises as null in JSON). Throws INVALID_INPUT on NaN/Infinity scores or bad labels.
 */
export function rocAuc(scores: Float64Array, y: Uint8Array): number {
  const { tp, fp, positives, negatives } = rankedCounts(scores, y);
  if (positives === 0 || negatives === 0) return NaN;
  let area = 0;
  let tpPrev = 0;
  let fpPrev = 0;
  for (let k = 0; k < tp.length; k++) {
    area += (fp[k] - fpPrev) * (tp[k] + tpPrev);
    tpPrev = tp[k];
    fpPrev = fp[k];
  }
  return area / (2 * positives * negatives);
}

/**
 * scikit-learn's `average_precision_score` ("pr_auc" in reports): Σ_k (R_k − R_{k−1})·P_k over
 * distinct thresholds, a step function with no interpolation. NaN when there is no positive row.
 */
export function averagePrecision(scores: Float64Array, y: Uint8Array): number {
  const { tp, fp, positives } = rankedCounts(scores, y);
  if (positives === 0) return NaN;
  let ap = 0;
  let tpPrev = 0;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] !== tpPrev) ap += ((tp[k] - tpPrev) / positives) * (tp[k] / (tp[k] + fp[k]));
    tpPrev = tp[k];
  }
  return ap;
}

/**
 * The highest recall reachable with precision ≥ minPrecision, and the (highest) threshold giving
 * it. When no threshold reaches the precision, recall is 0 and the threshold flags nothing (just
 * above the top score). With no positive rows recall is NaN. Throws INVALID_INPUT for empty input
 * or minPrecision outside [0, 1].
 */
export function recallAtPrecision(scores: Float64Array, y: Uint8Array, minPrecision: number): { recall: number; threshold: number } {
  if (!(minPrecision >= 0 && minPrecision <= 1)) throw wardenError('INVALID_INPUT', `minPrecision must be in [0, 1], got ${minPrecision}`);
  const { thresholds, tp, fp, positives } = rankedCounts(scores, y);
  if (thresholds.length === 0) throw wardenError('INVALID_INPUT', 'recallAtPrecision needs at least one score');
  let best = -1;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] / (tp[k] + fp[k]) >= minPrecision && (best < 0 || tp[k] > tp[best])) best = k;
  }
  if (best < 0) return { recall: positives === 0 ? NaN : 0, threshold: thresholdAbove(thresholds[0]) };
  return { recall: positives === 0 ? NaN : tp[best] / positives, threshold: thresholds[best] };
}
