/**
 * The analysers' reusable output: one entry per n-gram occurrence with its 64-bit hash and
 * two analyser-specific ints locating it (so the fit path can rebuild the n-gram string).
 */
export interface GramBuffer {
  h1: Int32Array;
  h2: Int32Array;
  a: Int32Array;
  b: Int32Array;
  count: number;
}

export function createGramBuffer(capacity = 512): GramBuffer {
  return { h1: new Int32Array(capacity), h2: new Int32Array(capacity), a: new Int32Array(capacity), b: new Int32Array(capacity), count: 0 };
}

/** Makes room for `needed` entries in total, keeping the first `count`. */
export function ensureGramCapacity(g: GramBuffer, needed: number): void {
  if (needed <= g.h1.length) return;
  let cap = g.h1.length * 2;
  while (cap < needed) cap *= 2;
  g.h1 = grow(g.h1, cap, g.count);
  g.h2 = grow(g.h2, cap, g.count);
  g.a = grow(g.a, cap, g.count);
  g.b = grow(g.b, cap, g.count);
}

function grow(arr: Int32Array, cap: number, keep: number): Int32Array {
  const next = new Int32Array(cap);
  next.set(arr.subarray(0, keep));
  return next;
}
