/**
 * Population Stability Index between a reference and a live distribution over the same bins:
 * PSI = Σ (live_i − ref_i) · ln(live_i / ref_i), shares in [0, 1].
 *
 * An empty bin on either side would make the log infinite, so every share is floored at
 * `epsilon` (the usual practice; 1e-4 by default) — the floor is why a bin that empties out
 * still counts as a large but finite shift.
 *
 * @example
 * ```ts
 * psiFromCounts(new Float64Array([50, 50]), new Float64Array([25, 75])); // ≈ 0.2747
 * ```
 */
export function psiFromCounts(reference: ArrayLike<number>, live: ArrayLike<number>, epsilon = 1e-4): number {
  if (reference.length !== live.length) throw new RangeError(`PSI needs as many reference bins (${reference.length}) as live bins (${live.length})`);
  const refTotal = sum(reference);
  const liveTotal = sum(live);
  if (refTotal <= 0 || liveTotal <= 0) return Number.NaN;
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i] / refTotal, epsilon);
    const l = Math.max(live[i] / liveTotal, epsilon);
    psi += (l - r) * Math.log(l / r);
  }
  return psi;
}

/** Stability band of a PSI value: below `watch` stable, below `act` watch, else act (NaN: no data). */
export type PsiBand = 'stable' | 'watch' | 'act' | 'no_data';

/** Classifies a PSI value with configurable thresholds (defaults: the usual 0.1 and 0.25). */
export function psiBand(psi: number, thresholds: { watch: number; act: number } = { watch: 0.1, act: 0.25 }): PsiBand {
  if (!Number.isFinite(psi)) return 'no_data';
  if (psi > thresholds.act) return 'act';
  if (psi >= thresholds.watch) return 'watch';
  return 'stable';
}

/**
 * Index of the bin holding `x` for ascending inner `edges` (k edges → k + 1 bins): bin i holds
 * edges[i−1] ≤ x < edges[i]. Binary search; NaN goes to the last bin.
 */
export function binIndex(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  if (Number.isNaN(x)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Counts of `values` in the bins made by inner `edges` (length edges.length + 1). */
export function binCounts(edges: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) counts[binIndex(edges, values[i])]++;
  return counts;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!(v >= 0)) throw new RangeError(`bin counts must be non-negative numbers, got ${v}`);
    s += v;
  }
  return s;
}
