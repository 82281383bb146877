/** Result of a two-sample Kolmogorov–Smirnov test. */
export interface KsResult {
  /** D: the largest gap between the two empirical CDFs, in [0, 1]. */
  statistic: number;
  /** Asymptotic two-sided p-value, Q_KS(√(n·m/(n+m)) · D). NaN when a sample is empty. */
  pValue: number;
  n: number;
  m: number;
}

/**
 * Survival function of the Kolmogorov distribution, Q(z) = P(K > z) — scipy.special.kolmogorov.
 * Two series, each used where it converges fast (Numerical Recipes §6.14).
 */
export function kolmogorovSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= 0) return 1;
  if (z < 1.18) {
    // P(K ≤ z) = √(2π)/z · Σ_{k≥1} exp(−(2k−1)²π²/(8z²))
    const y = Math.exp((-Math.PI * Math.PI) / (8 * z * z));
    const cdf = (Math.sqrt(2 * Math.PI) / z) * (y + y ** 9 + y ** 25 + y ** 49);
    return clamp01(1 - cdf);
  }
  // Q(z) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²z²)
  const x = Math.exp(-2 * z * z);
  return clamp01(2 * (x - x ** 4 + x ** 9 - x ** 16));
}

/**
 * Two-sample KS test on raw samples (sorted copies are made; inputs are untouched).
 *
 * @example
 * ```ts
 * ksTwoSample(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])).statistic; // 1
 * ```
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: Number.NaN, pValue: Number.NaN, n, m };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    // Step past every copy of the smaller value on both sides before comparing the CDFs, so ties are handled.
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) d = gap;
  }
  return { statistic: d, pValue: ksPValue(d, n, m), n, m };
}

/**
 * Two-sample KS test on two histograms over the same bins. D is the largest CDF gap at the
 * bin edges — exact for data that only takes the bin values (integers, counts), a lower bound
 * of the raw-sample D otherwise. This is what lets drift be computed from SQL GROUP BY counts.
 */
export function ksFromHistograms(reference: ArrayLike<number>, live: ArrayLike<number>): KsResult {
  if (reference.length !== live.length) throw new RangeError(`KS needs matching bins (${reference.length} vs ${live.length})`);
  let n = 0;
  let m = 0;
  for (let k = 0; k < reference.length; k++) {
    n += reference[k];
    m += live[k];
  }
  if (n <= 0 || m <= 0) return { statistic: Number.NaN, pValue: Number.NaN, n, m };
  let cr = 0;
  let cl = 0;
  let d = 0;
  for (let k = 0; k < reference.length; k++) {
    cr += reference[k];
    cl += live[k];
    const gap = Math.abs(cr / n - cl / m);
    if (gap > d) d = gap;
  }
  return { statistic: d, pValue: ksPValue(d, n, m), n, m };
}

/** Asymptotic two-sided p-value of D for sample sizes n and m. */
export function ksPValue(d: number, n: number, m: number): number {
  if (!(n > 0 && m > 0) || Number.isNaN(d)) return Number.NaN;
  const en = (n * m) / (n + m);
  return kolmogorovSf(Math.sqrt(en) * d);
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
