import { H1_SEED, H2_SEED, stepH1, stepH2 } from './ngram-hash.js';
import { isPythonSpace } from './python-space.js';

/** Reusable list of text ranges with the 64-bit hash of each (word tokens, whitespace chunks). */
export interface HashedSpans {
  starts: Int32Array;
  ends: Int32Array;
  h1: Int32Array;
  h2: Int32Array;
}

export function createHashedSpans(capacity = 64): HashedSpans {
  return { starts: new Int32Array(capacity), ends: new Int32Array(capacity), h1: new Int32Array(capacity), h2: new Int32Array(capacity) };
}

/** Doubles the capacity, keeping what is held. */
export function growHashedSpans(s: HashedSpans): void {
  const cap = s.starts.length * 2;
  const grow = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  s.starts = grow(s.starts);
  s.ends = grow(s.ends);
  s.h1 = grow(s.h1);
  s.h2 = grow(s.h2);
}

/** Writes span number `at` (growing the arrays when full); returns the next span number. */
export function putHashedSpan(s: HashedSpans, at: number, start: number, end: number, h1: number, h2: number): number {
  if (at === s.starts.length) growHashedSpans(s);
  s.starts[at] = start;
  s.ends[at] = end;
  s.h1[at] = h1;
  s.h2[at] = h2;
  return at + 1;
}

/** A text's whitespace chunks (`count` of them), and whether every character between them was ' '. */
export interface Chunks extends HashedSpans {
  count: number;
  onlySpaces: boolean;
}

export function createChunks(capacity = 64): Chunks {
  return { ...createHashedSpans(capacity), count: 0, onlySpaces: true };
}

/** Grows the arrays to hold at least n spans. */
export function ensureSpanCapacity(s: HashedSpans, n: number): void {
  while (s.starts.length < n) growHashedSpans(s);
}

/**
 * Splits text on Python whitespace (`str.split()`, what char_wb analyses word by word),
 * hashing each chunk in the same pass; writes the chunks to `out` (growing it) and returns how
 * many. `out.onlySpaces` says whether the only whitespace was ' ' (a normalised text's case),
 * so that any other definition of whitespace splits the text the same way.
 */
export function splitWhitespace(text: string, out: Chunks): number {
  const n = text.length;
  let m = 0;
  let i = 0;
  let onlySpaces = true;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (isPythonSpace(c)) {
      if (c !== 32) onlySpaces = false;
      i++;
      continue;
    }
    const start = i;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    do {
      h1 = stepH1(h1, c);
      h2 = stepH2(h2, c);
      i++;
    } while (i < n && !isPythonSpace((c = text.charCodeAt(i))));
    m = putHashedSpan(out, m, start, i, h1, h2);
  }
  out.onlySpaces = onlySpaces;
  out.count = m;
  return m;
}
