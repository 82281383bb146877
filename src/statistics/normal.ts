import { gammaQ } from './gamma.js';

/**
 * P(Z > z) for a standard normal Z. Uses erfc(t) = Q(1/2, t²), so the tail keeps full relative
 * precision far out (|z| up to ~37) instead of losing it to 1 − Φ(z).
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z >= 0 ? tail : 1 - tail;
}
