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
