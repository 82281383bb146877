import { wardenError } from '../errors.js';
import { averagePrecision, rocAuc } from './ranking-metrics.js';
import { assertScoresAndLabels } from './score-checks.js';

/** Evaluation figures at one threshold plus the threshold-free ranking metrics. */
export interface BinaryMetrics {
  rows: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** NaN (null in JSON) when y has one class. */
  roc_auc: number;
  /** Average precision; NaN (null in JSON) when y has no positive row. */
  pr_auc: number;
  confusion_matrix: { tp: number; fp: number; tn: number; fn: number };
}

/**
 * Precision, recall, F1, accuracy and the confusion matrix at `threshold` (score ≥ threshold is a
 * threat), with ROC-AUC and average precision. Undefined ratios (nothing flagged, no positives)
 * are 0, as scikit-learn's zero_division=0. Throws INVALID_INPUT on empty input, NaN scores or
 * a NaN threshold.
 */
export function binaryMetrics(scores: Float64Array, y: Uint8Array, threshold: number): BinaryMetrics {
  assertScoresAndLabels(scores, y);
  if (scores.length === 0) throw wardenError('INVALID_INPUT', 'binaryMetrics needs at least one row');
  if (Number.isNaN(threshold)) throw wardenError('INVALID_INPUT', 'threshold is NaN');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] >= threshold;
    if (y[i] === 1) {
      if (flagged) tp++;
      else fn++;
    } else if (flagged) fp++;
    else tn++;
  }
  return {
    rows: scores.length,
    threshold,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    accuracy: (tp + tn) / scores.length,
    roc_auc: rocAuc(scores, y),
    pr_auc: averagePrecision(scores, y),
    confusion_matrix: { tp, fp, tn, fn },
  };
}
