/**
 * The retraining holdout: one grouped, stratified split of the merged rows, used to evaluate the
 * candidate AND production on the same rows. Strata are label × origin, so feedback rows (where
 * the new tactics live) land on both sides in proportion, and grouping keeps every near-duplicate
 * of a feedback text on one side: feedback never leaks into its own evaluation.
 */
import { groupedStratifiedSplit, groupIds, labelCode, type Split } from '../data/index.js';
import type { RetrainRow } from './training-set.js';

/** Splits `rows` by group; both index lists come back sorted. */
export function holdoutSplit(rows: readonly RetrainRow[], testFraction: number, seed: number): Split {
  const strata = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) strata[i] = labelCode(rows[i].label) + (rows[i].origin === 'feedback' ? 3 : 0);
  return groupedStratifiedSplit(strata, groupIds(rows.map((r) => r.text)), { testFraction, seed });
}
