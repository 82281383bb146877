import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../text/class-tokens.js';
import type { Analyzer } from './analyzer.js';
import { ensureGramCapacity, type GramBuffer } from './gram-buffer.js';
import { isPythonSpace } from './python-space.js';
import { classTokenHashes, H1_SEED, H2_SEED, stepH1, stepH2 } from './ngram-hash.js';

/**
 * scikit-learn's `analyzer='char_wb'`: the text is split on whitespace (Python's
 * `str.split()`), each word is padded as ' ' + word + ' ', and every window of minN..maxN
 * code points inside a padded word is an n-gram. A padded word shorter than minN yields
 * itself once (sklearn's quirk, kept for parity). N-grams never cross words, which is what
 * lets the transform path cache each distinct word's columns (see word-column-cache.ts).
 *
 * This analyser serves fitting and the oracle tests; `TfidfPart` has its own cached
 * transform path built on `wbWordGrams`, so both share one n-gram definition.
 */
export class CharWbAnalyzer implements Analyzer {
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);

  constructor(
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
  ) {}

  analyze(text: string, g: GramBuffer): number {
    const n = text.length;
    const nClass = this.classTokens ? detectClassTokens(text, this.classBuf) : 0;
    g.count = 0;
    let i = 0;
    while (i < n) {
      if (isPythonSpace(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && !isPythonSpace(text.charCodeAt(j))) j++;
      g.count = wbWordGrams(text, i, j, this.minN, this.maxN, g, g.count);
      i = j;
    }
    ensureGramCapacity(g, g.count + nClass);
    let c = g.count;
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      g.h1[c] = this.classHashes[2 * kind]; g.h2[c] = this.classHashes[2 * kind + 1]; g.a[c] = -1 - kind; g.b[c] = 0; c++;
    }
    g.count = c;
    return c;
  }

  /** Rebuilds a gram from its location (see `wbWordGrams`); class tokens have a < 0. */
  gramString(text: string, g: GramBuffer, i: number): string {
    const a = g.a[i];
    if (a < 0) return CLASS_TOKEN_STRINGS[-1 - a];
    // a and b index the padded text: position p is text[p - 1], with pads at word edges
    const b = g.b[i];
    const lead = (a & 1) === 1 ? ' ' : '';
    const trail = (b & 1) === 1 ? ' ' : '';
    return lead + text.slice(a >> 1, b >> 1) + trail;
  }
}

/**
 * Appends the char_wb n-grams of the word text[start, end) (no whitespace inside) to g from
 * index c; returns the new count. Hashes run over ' ' + word + ' ' in code points without
 * building the padded string. Locations are encoded for `gramString`: a = 2·start' + lead
 * pad flag, b = 2·end' + trail pad flag, in text units.
 */
export function wbWordGrams(text: string, start: number, end: number, minN: number, maxN: number, g: GramBuffer, c: number): number {
  // padded length in code points
  let cps = 2;
  for (let u = start; u < end; u++) {
    const code = text.charCodeAt(u);
    if (!(code >= 0xd800 && code <= 0xdbff && u + 1 < end && isLow(text.charCodeAt(u + 1)))) cps++;
  }
  ensureGramCapacity(g, c + cps * (maxN - minN + 1) + 1);
  const gh1 = g.h1;
  const gh2 = g.h2;
  const ga = g.a;
  const gb = g.b;
  if (cps < minN) {
    // sklearn emits the whole padded word once when it is shorter than every n
    let h1 = stepH1(H1_SEED, 32);
    let h2 = stepH2(H2_SEED, 32);
    for (let u = start; u < end; u++) {
      const code = text.charCodeAt(u);
      h1 = stepH1(h1, code);
      h2 = stepH2(h2, code);
    }
    gh1[c] = stepH1(h1, 32); gh2[c] = stepH2(h2, 32); ga[c] = 2 * start + 1; gb[c] = 2 * end + 1;
    return c + 1;
  }
  // window starts: the lead pad (unit position start - 1, a virtual ' '), then each code point
  for (let k = start - 1; k <= end; ) {
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    let len = 0;
    let u = k;
    while (len < maxN) {
      let code: number;
      let w = 1;
      if (u === start - 1 || u === end) code = 32;
      else {
        code = text.charCodeAt(u);
        if (code >= 0xd800 && code <= 0xdbff && u + 1 < end && isLow(text.charCodeAt(u + 1))) w = 2;
      }
      h1 = stepH1(h1, code);
      h2 = stepH2(h2, code);
      if (w === 2) {
        const lo = text.charCodeAt(u + 1);
        h1 = stepH1(h1, lo);
        h2 = stepH2(h2, lo);
      }
      u += w;
      len++;
      if (len >= minN) {
        const trail = u > end;
        gh1[c] = h1; gh2[c] = h2;
        ga[c] = k === start - 1 ? 2 * start + 1 : 2 * k;
        gb[c] = trail ? 2 * end + 1 : 2 * u;
        c++;
      }
      if (u > end) break;
    }
    if (k === start - 1) k = start;
    else {
      const code = text.charCodeAt(k);
      k += code >= 0xd800 && code <= 0xdbff && k + 1 < end && isLow(text.charCodeAt(k + 1)) ? 2 : 1;
    }
  }
  return c;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
