import { wardenError } from '../errors.js';
import { rankedCounts, thresholdAbove } from './ranked-counts.js';
import type { ThresholdPolicy } from './threshold-policy.js';

/** The threshold a policy chose and the figures it gives on the data it was chosen on. */
export interface OperatingPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  policy: ThresholdPolicy;
  /** False when the policy's target could not be met (see `chooseThreshold`). */
  satisfied: boolean;
}

/**
 * Picks a threshold (score ≥ threshold is a threat) by sorting once and sweeping every distinct
 * score — O(n log n). Candidates are the distinct scores; the cost policy may also choose to flag
 * nothing (a threshold just above the top score). Ties are broken as follows:
 *  - max-f1: the lowest threshold among equal F1 (scikit-learn's argmax over its ascending
 *    precision_recall_curve); satisfied = false only when there is no positive row;
 *  - target-precision: highest recall with precision ≥ target, then the highest threshold (higher
 *    precision). Unreachable: the threshold of maximum precision (ties: lowest threshold), with
 *    satisfied = false;
 *  - target-recall: highest precision with recall ≥ target, then the lowest threshold (higher
 *    recall). Unreachable (no positives): the lowest threshold, satisfied = false;
 *  - cost: minimum fpCost·FP + fnCost·FN, then the highest threshold (flag fewer messages).
 * Throws INVALID_INPUT on empty input, NaN scores, bad labels or a policy with out-of-range numbers.
 */
export function chooseThreshold(scores: Float64Array, y: Uint8Array, policy: ThresholdPolicy): OperatingPoint {
  assertPolicy(policy);
  const { thresholds, tp, fp, positives, negatives } = rankedCounts(scores, y);
  const K = thresholds.length;
  if (K === 0) throw wardenError('INVALID_INPUT', 'chooseThreshold needs at least one score');
  const precisionAt = (k: number) => (tp[k] + fp[k] === 0 ? 0 : tp[k] / (tp[k] + fp[k]));
  const recallAt = (k: number) => (positives === 0 ? 0 : tp[k] / positives);

  let best = -1;
  let satisfied = true;
  switch (policy.type) {
    case 'max-f1': {
      let bestF1 = -1;
      for (let k = 0; k < K; k++) {
        const f1 = f1Score(tp[k], fp[k], positives - tp[k]);
        if (f1 >= bestF1) {
          bestF1 = f1;
          best = k;
        }
      }
      satisfied = positives > 0;
      break;
    }
    case 'target-precision': {
      for (let k = 0; k < K; k++) {
        if (precisionAt(k) >= policy.precision && (best < 0 || tp[k] > tp[best])) best = k;
      }
      if (best < 0) {
        satisfied = false;
        let bestPrecision = -1;
        for (let k = 0; k < K; k++) {
          if (precisionAt(k) >= bestPrecision) {
            bestPrecision = precisionAt(k);
            best = k;
          }
        }
      }
      break;
    }
    case 'target-recall': {
      let bestPrecision = -1;
      for (let k = 0; k < K; k++) {
        if (recallAt(k) >= policy.recall && precisionAt(k) >= bestPrecision) {
          bestPrecision = precisionAt(k);
          best = k;
        }
      }
      if (best < 0) {
        satisfied = false;
        best = K - 1;
      }
      break;
    }
    case 'cost': {
      // k = −1 stands for "flag nothing": every positive is a false negative.
      let bestCost = policy.falseNegativeCost * positives;
      for (let k = 0; k < K; k++) {
        const cost = policy.falsePositiveCost * fp[k] + policy.falseNegativeCost * (positives - tp[k]);
        if (cost < bestCost) {
          bestCost = cost;
          best = k;
        }
      }
      break;
    }
  }

  const tpB = best < 0 ? 0 : tp[best];
  const fpB = best < 0 ? 0 : fp[best];
  const fnB = positives - tpB;
  return {
    threshold: best < 0 ? thresholdAbove(thresholds[0]) : thresholds[best],
    precision: tpB + fpB === 0 ? 0 : tpB / (tpB + fpB),
    recall: positives === 0 ? 0 : tpB / positives,
    f1: f1Score(tpB, fpB, fnB),
    falsePositiveRate: negatives === 0 ? 0 : fpB / negatives,
    tp: tpB,
    fp: fpB,
    tn: negatives - fpB,
    fn: fnB,
    policy,
    satisfied,
  };
}

function f1Score(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function assertPolicy(policy: ThresholdPolicy): void {
  const inUnit = (x: number) => x >= 0 && x <= 1;
  switch (policy.type) {
    case 'max-f1':
      return;
    case 'target-precision':
      if (inUnit(policy.precision)) return;
      break;
    case 'target-recall':
      if (inUnit(policy.recall)) return;
      break;
    case 'cost':
      if (policy.falsePositiveCost >= 0 && policy.falseNegativeCost >= 0 && Number.isFinite(policy.falsePositiveCost + policy.falseNegativeCost)) return;
      break;
  }
  throw wardenError('INVALID_INPUT', `invalid threshold policy ${JSON.stringify(policy)}`);
}
