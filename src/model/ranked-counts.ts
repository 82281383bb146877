import { assertScoresAndLabels } from './score-checks.js';

/**
 * The confusion counts at every distinct threshold, from one sort: `thresholds` are the distinct
 * scores in decreasing order, and `tp[k]` / `fp[k]` count the rows with score ≥ thresholds[k]
 * (a score equal to the threshold is positive). Every ranking metric and threshold policy is a
 * sweep over these arrays.
 */
export interface RankedCounts {
  thresholds: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
  positives: number;
  negatives: number;
}

/** Sorts once (O(n log n)) and accumulates; validates scores and labels first. */
export function rankedCounts(scores: Float64Array, y: Uint8Array): RankedCounts {
  const positives = assertScoresAndLabels(scores, y);
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => scores[j] - scores[i]);
  const thresholds = new Float64Array(n);
  const tp = new Float64Array(n);
  const fp = new Float64Array(n);
  let distinct = 0;
  let tpRun = 0;
  let fpRun = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (y[i] === 1) tpRun++;
    else fpRun++;
    // Close a threshold only after the last row of a run of equal scores.
    if (r === n - 1 || scores[order[r + 1]] !== scores[i]) {
      thresholds[distinct] = scores[i];
      tp[distinct] = tpRun;
      fp[distinct] = fpRun;
      distinct++;
    }
  }
  return {
    thresholds: thresholds.slice(0, distinct),
    tp: tp.slice(0, distinct),
    fp: fp.slice(0, distinct),
    positives,
    negatives: n - positives,
  };
}

/**
 * The smallest double strictly above x: a finite threshold that flags no row when x is the top
 * score. (Infinity would do too, but does not survive JSON.)
 */
export function thresholdAbove(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
