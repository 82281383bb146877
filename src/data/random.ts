/**
 * A small seeded PRNG (mulberry32) so splits and shuffles are reproducible from one integer.
 * Not for anything security-related.
 */

/**
 * Returns a generator of floats in [0, 1) fully determined by `seed` (coerced to uint32).
 *
 * @example
 * const rng = createRng(42);
 * const a = rng(); // same value on every run for seed 42
 */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place, driven by `rng`. Returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: () => number): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
