/**
 * Confusion counts and rates of binary predictions over a subset of rows — the kernel the
 * holdout comparison and its bootstrap call thousands of times, so it takes row indices and
 * allocates nothing.
 */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export type RateName = 'recall' | 'precision' | 'f1' | 'fpr' | 'accuracy';
export const RATE_NAMES: readonly RateName[] = ['recall', 'precision', 'f1', 'fpr', 'accuracy'];

/** Confusion counts of `flagged` against `y` over `idx` (all rows when idx is null). */
export function confusionOf(flagged: Uint8Array, y: Uint8Array, idx: Int32Array | null = null): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const n = idx ? idx.length : y.length;
  for (let k = 0; k < n; k++) {
    const i = idx ? idx[k] : k;
    if (y[i] === 1) {
      if (flagged[i] === 1) tp++;
      else fn++;
    } else if (flagged[i] === 1) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/**
 * A rate from confusion counts. Undefined ratios are NaN here (not 0 as in scikit-learn's
 * zero_division=0) so a bootstrap can drop the resamples where they do not exist.
 */
export function rateOf(c: Confusion, name: RateName): number {
  switch (name) {
    case 'recall':
      return c.tp + c.fn === 0 ? Number.NaN : c.tp / (c.tp + c.fn);
    case 'precision':
      return c.tp + c.fp === 0 ? Number.NaN : c.tp / (c.tp + c.fp);
    case 'f1':
      return c.tp + c.fp + c.fn === 0 ? Number.NaN : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
    case 'fpr':
      return c.fp + c.tn === 0 ? Number.NaN : c.fp / (c.fp + c.tn);
    case 'accuracy': {
      const n = c.tp + c.fp + c.tn + c.fn;
      return n === 0 ? Number.NaN : (c.tp + c.tn) / n;
    }
  }
}
