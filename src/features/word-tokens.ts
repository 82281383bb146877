import { H1_SEED, H2_SEED, stepH1, stepH2 } from './ngram-hash.js';
import { wordCharWidth } from './word-chars.js';

/** Reusable output of `tokenizeWords`: each token's UTF-16 range and 64-bit hash. */
export interface WordTokens {
  starts: Int32Array;
  ends: Int32Array;
  h1: Int32Array;
  h2: Int32Array;
}

export function createWordTokens(capacity = 64): WordTokens {
  return { starts: new Int32Array(capacity), ends: new Int32Array(capacity), h1: new Int32Array(capacity), h2: new Int32Array(capacity) };
}

/**
 * scikit-learn's `(?u)\b\w\w+\b` tokens of text[start, end): maximal runs of ≥ 2 word
 * characters (code points, per `wordCharTable`), each hashed in the same pass. Writes them to
 * `out` (growing it) and returns how many. A run never crosses whitespace, so a whitespace
 * chunk's tokens depend on the chunk alone.
 */
export function tokenizeWords(text: string, start: number, end: number, table: Uint8Array, out: WordTokens): number {
  let nt = 0;
  let i = start;
  while (i < end) {
    let w = wordCharWidth(text, i, table);
    if (w === 0) {
      i++;
      continue;
    }
    const tokenStart = i;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    let codePoints = 0;
    do {
      for (let k = 0; k < w; k++) {
        const code = text.charCodeAt(i + k);
        h1 = stepH1(h1, code);
        h2 = stepH2(h2, code);
      }
      i += w;
      codePoints++;
    } while (i < end && (w = wordCharWidth(text, i, table)) !== 0);
    if (codePoints < 2) continue;
    if (nt === out.starts.length) growWordTokens(out);
    out.starts[nt] = tokenStart;
    out.ends[nt] = i;
    out.h1[nt] = h1;
    out.h2[nt] = h2;
    nt++;
  }
  return nt;
}

function growWordTokens(t: WordTokens): void {
  const cap = t.starts.length * 2;
  const grow = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  t.starts = grow(t.starts);
  t.ends = grow(t.ends);
  t.h1 = grow(t.h1);
  t.h2 = grow(t.h2);
}
