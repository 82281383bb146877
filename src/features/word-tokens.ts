import { putHashedSpan, type HashedSpans } from './hashed-spans.js';
import { H1_SEED, H2_SEED, stepH1, stepH2 } from './ngram-hash.js';
import { wordCharWidth } from './word-chars.js';

/**
 * scikit-learn's `(?u)\b\w\w+\b` tokens of text[start, end): maximal runs of ≥ 2 word
 * characters (code points, per `wordCharTable`), each hashed in the same pass. Writes them to
 * `out` (growing it) and returns how many. A run never crosses whitespace, so a whitespace
 * chunk's tokens depend on the chunk alone.
 */
export function tokenizeWords(text: string, start: number, end: number, table: Uint8Array, out: HashedSpans): number {
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
    nt = putHashedSpan(out, nt, tokenStart, i, h1, h2);
  }
  return nt;
}
