// The per-unit hash steps live with the text layer (its fused normaliser hashes chunks as it
// scans); the n-gram code reaches them here.
import { H1_SEED, H2_SEED, stepH1, stepH2 } from '../text/unit-hash.js';

export { H1_SEED, H2_SEED, stepH1, stepH2 };

/** Hashes a whole string; writes [h1, h2] into out. */
export function hashString(s: string, out: Int32Array): void {
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = stepH1(h1, c);
    h2 = stepH2(h2, c);
  }
  out[0] = h1;
  out[1] = h2;
}

/** Mixes the pair into one well-spread signed 32-bit value (kept int32 so V8 never boxes it). */
export function mixPair(h1: number, h2: number): number {
  let x = h1 ^ Math.imul(h2, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return x ^ (x >>> 16);
}

/** Maps a mixed hash to [0, dimension) by multiply-shift (Lemire), no modulo bias worth noting. */
export function hashColumn(h1: number, h2: number, dimension: number): number {
  return Math.floor((mixPair(h1, h2) >>> 0) * (dimension / 4294967296));
}

/** The hash pair of each class token (`__url__`, …), interleaved h1, h2 in CLASS_TOKEN_STRINGS order. */
export function classTokenHashes(tokens: readonly string[]): Int32Array {
  const out = new Int32Array(tokens.length * 2);
  const pair = new Int32Array(2);
  tokens.forEach((s, k) => {
    hashString(s, pair);
    out[2 * k] = pair[0];
    out[2 * k + 1] = pair[1];
  });
  return out;
}
