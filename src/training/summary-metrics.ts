import { averagePrecision, chooseThreshold, recallAtPrecision, rocAuc } from '../model/index.js';
import { takeBytes, takeFloats } from './prepared-data.js';

export interface RankingSummary {
  rows: number;
  positives: number;
  pr_auc: number;
  roc_auc: number;
  /** Best F1 over thresholds (an upper bound for the chosen operating point). */
  max_f1: number;
  recall_at_precision_995: number;
}

/** Threshold-free figures of a score vector restricted to `rows`. */
export function rankingSummary(scores: Float64Array, y: Uint8Array, rows: Int32Array): RankingSummary {
  const s = takeFloats(scores, rows);
  const t = takeBytes(y, rows);
  let positives = 0;
  for (let i = 0; i < t.length; i++) positives += t[i];
  return {
    rows: rows.length,
    positives,
    pr_auc: averagePrecision(s, t),
    roc_auc: rocAuc(s, t),
    max_f1: chooseThreshold(s, t, { type: 'max-f1' }).f1,
    recall_at_precision_995: recallAtPrecision(s, t, 0.995).recall,
  };
}
