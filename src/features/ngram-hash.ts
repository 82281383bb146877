/**
 * Two independent 32-bit hashes over UTF-16 code units (64 bits of key), fed one unit at a
 * time so an n-gram can be hashed straight from the text without building a substring.
 * Hashing a stored n-gram string unit by unit gives the same pair, which is how a saved
 * vocabulary is re-indexed on load.
 *
 * h1 is FNV-1a; h2 is a multiply–xorshift (Murmur2's constant). Each step is a bijection of
 * the state for a fixed unit, and the state *is* the hash (no finaliser), so extending
 * "click" by " here" continues from the hash of "click".
 */
export const H1_SEED = 0x811c9dc5 | 0;
export const H2_SEED = 0x3c6ef372 | 0;

export function stepH1(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

export function stepH2(h: number, c: number): number {
  const x = Math.imul(h ^ c, 0x5bd1e995);
  return x ^ (x >>> 15);
}

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
