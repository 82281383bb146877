/**
 * McNemar's test on paired binary outcomes: did two classifiers, scored on the same rows, make
 * different numbers of mistakes? Only the discordant pairs matter — b rows where only the first
 * model was right, c rows where only the second was.
 */
import { wardenError } from '../errors.js';
import { chiSquareSf } from './chi-square.js';
import { logGamma } from './gamma.js';

export interface McNemarResult {
  /** Rows where the first model was right and the second wrong. */
  b: number;
  /** Rows where the first model was wrong and the second right. */
  c: number;
  /** Exact: min(b, c); chi-square: (|b − c| − 1)² / (b + c) (0 when b + c = 0). */
  statistic: number;
  /** Two-sided p-value; 1 when there are no discordant pairs. */
  pValue: number;
  method: 'exact' | 'chi2-corrected';
}

/** Below this many discordant pairs the chi-square approximation is poor; statsmodels' advice is 25. */
export const MCNEMAR_EXACT_BELOW = 25;

/** P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so large n does not underflow. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const lnN = logGamma(n + 1);
  const ln2n = n * Math.LN2;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(lnN - logGamma(i + 1) - logGamma(n - i + 1) - ln2n);
  return Math.min(1, sum);
}

/**
 * McNemar's test from the discordant counts. Exact two-sided binomial test when b + c is below
 * {@link MCNEMAR_EXACT_BELOW} (or `exact: true`), otherwise the chi-square test with Edwards'
 * continuity correction — the same choices as statsmodels' `mcnemar(table, exact=…, correction=True)`.
 *
 * @example
 * mcnemar(10, 2).pValue // 0.0385742… (exact: 2 · P(Bin(12, ½) ≤ 2))
 */
export function mcnemar(b: number, c: number, opts: { exact?: boolean } = {}): McNemarResult {
  for (const [name, v] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(v) || v < 0) throw wardenError('INVALID_INPUT', `McNemar count ${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  const exact = opts.exact ?? n < MCNEMAR_EXACT_BELOW;
  if (n === 0) return { b, c, statistic: 0, pValue: 1, method: exact ? 'exact' : 'chi2-corrected' };
  if (exact) {
    const k = Math.min(b, c);
    return { b, c, statistic: k, pValue: Math.min(1, 2 * binomialHalfCdf(k, n)), method: 'exact' };
  }
  const d = Math.abs(b - c) - 1;
  const statistic = d > 0 ? (d * d) / n : 0;
  return { b, c, statistic, pValue: statistic > 0 ? chiSquareSf(statistic, 1) : 1, method: 'chi2-corrected' };
}

/**
 * McNemar's test on paired predictions: `correctA[i]` / `correctB[i]` are 1 when model A / B got
 * row i right. Throws INVALID_INPUT when the arrays differ in length.
 */
export function mcnemarPaired(correctA: Uint8Array, correctB: Uint8Array, opts: { exact?: boolean } = {}): McNemarResult {
  if (correctA.length !== correctB.length) {
    throw wardenError('INVALID_INPUT', `paired predictions differ in length (${correctA.length} vs ${correctB.length})`);
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] === 1 && correctB[i] !== 1) b++;
    else if (correctA[i] !== 1 && correctB[i] === 1) c++;
  }
  return mcnemar(b, c, opts);
}
