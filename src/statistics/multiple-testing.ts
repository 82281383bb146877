/**
 * Holm–Bonferroni step-down adjusted p-values (controls the family-wise error rate), equal to
 * statsmodels' multipletests(method='holm'). NaN p-values stay NaN and do not count as tests.
 *
 * @example
 * ```ts
 * holmAdjust([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 * ```
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = rankedIndices(pValues);
  const m = order.length;
  const out = pValues.map(() => Number.NaN);
  let running = 0;
  for (let k = 0; k < m; k++) {
    const i = order[k];
    running = Math.max(running, Math.min(1, (m - k) * pValues[i]));
    out[i] = running;
  }
  return out;
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (controls the false discovery rate), equal to
 * statsmodels' multipletests(method='fdr_bh'). NaN p-values stay NaN and do not count as tests.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const order = rankedIndices(pValues);
  const m = order.length;
  const out = pValues.map(() => Number.NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    running = Math.min(running, (m / (k + 1)) * pValues[i]);
    out[i] = Math.min(1, running);
  }
  return out;
}

/** Which correction to apply to a family of tests. */
export type Correction = 'holm' | 'bh' | 'none';

/** Adjusted p-values under `method`. */
export function adjustPValues(pValues: readonly number[], method: Correction): number[] {
  if (method === 'holm') return holmAdjust(pValues);
  if (method === 'bh') return benjaminiHochbergAdjust(pValues);
  return pValues.slice();
}

/** Indices of the finite p-values, smallest p first (ties keep input order). */
function rankedIndices(pValues: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (Number.isNaN(p)) continue;
    if (p < 0 || p > 1) throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
    idx.push(i);
  }
  return idx.sort((a, b) => pValues[a] - pValues[b] || a - b);
}
