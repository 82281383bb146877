import { gammaQ } from './gamma.js';
import { normalSf } from './normal.js';

/** Result of a chi-square test of independence. */
export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
}

/**
 * Chi-square test of independence on an r×c contingency table (rows of counts), like
 * scipy.stats.chi2_contingency. `yates` applies the continuity correction, which scipy only
 * applies to 2×2 tables (dof 1) — so does this.
 */
export function chiSquareContingency(table: readonly (readonly number[])[], yates = false): ChiSquareResult {
  const r = table.length;
  const c = r > 0 ? table[0].length : 0;
  if (r < 2 || c < 2 || table.some((row) => row.length !== c)) throw new RangeError('a contingency table needs at least 2×2 cells, all rows the same length');
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  let total = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = table[i][j];
      if (!(v >= 0)) throw new RangeError(`contingency counts must be non-negative, got ${v}`);
      rowSums[i] += v;
      colSums[j] += v;
      total += v;
    }
  }
  const dof = (r - 1) * (c - 1);
  let stat = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const expected = (rowSums[i] * colSums[j]) / total;
      // An empty row or column has no information: it adds nothing (scipy would return NaN).
      if (expected === 0) continue;
      let diff = Math.abs(table[i][j] - expected);
      if (yates && dof === 1) diff = Math.max(0, diff - 0.5);
      stat += (diff * diff) / expected;
    }
  }
  if (total === 0) return { statistic: Number.NaN, dof, pValue: Number.NaN };
  return { statistic: stat, dof, pValue: chiSquareSf(stat, dof) };
}

/** Result of a two-proportion z-test. */
export interface TwoProportionResult {
  /** p2 − p1. */
  difference: number;
  z: number;
  /** Two-sided p-value (equals the 2×2 chi-square test without correction). */
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with the pooled variance: are x1/n1 and x2/n2 the same rate?
 *
 * @example
 * ```ts
 * twoProportionTest(50, 100, 70, 100).pValue; // ≈ 0.00386
 * ```
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionResult {
  if (!(n1 > 0 && n2 > 0) || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
    return { difference: Number.NaN, z: Number.NaN, pValue: Number.NaN };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both shares 0 or both 1: no evidence of a difference.
  if (se === 0) return { difference: p2 - p1, z: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { difference: p2 - p1, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/** P(X > x) for X ~ χ²(dof): the regularised upper incomplete gamma Q(dof/2, x/2). */
export function chiSquareSf(x: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return gammaQ(dof / 2, x / 2);
}
