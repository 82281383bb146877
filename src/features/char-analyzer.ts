import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../text/class-tokens.js';
import type { Analyzer } from './analyzer.js';
import { ensureGramCapacity, type GramBuffer } from './gram-buffer.js';
import { isPythonSpace } from './python-space.js';
import { classTokenHashes, H1_SEED, H2_SEED, stepH1, stepH2 } from './ngram-hash.js';

/**
 * scikit-learn's `analyzer='char'`: runs of two or more whitespace characters (Python's
 * `\s\s+`) become one space, then every substring of minN..maxN code points is an n-gram.
 * Code points, not UTF-16 units, so an emoji counts as one character as in Python.
 * With `classTokens`, class tokens are added as extra grams exactly as in the word analyser.
 */
export class CharAnalyzer implements Analyzer {
  private units = new Uint16Array(256);
  private cpStart = new Int32Array(257);
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);

  constructor(
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
  ) {}

  analyze(text: string, g: GramBuffer): number {
    const n = text.length;
    if (this.units.length < n) {
      this.units = new Uint16Array(n * 2);
      this.cpStart = new Int32Array(n * 2 + 1);
    }
    const units = this.units;
    // copy with whitespace collapsing, noting surrogates
    let len = 0;
    let surrogates = false;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if (isPythonSpace(c)) {
        let j = i + 1;
        while (j < n && isPythonSpace(text.charCodeAt(j))) j++;
        units[len++] = j - i >= 2 ? 32 : c;
        i = j;
      } else {
        if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
        units[len++] = c;
        i++;
      }
    }
    const { minN, maxN } = this;
    const nClass = this.classTokens ? detectClassTokens(text, this.classBuf) : 0;
    g.count = 0;
    ensureGramCapacity(g, len * (maxN - minN + 1) + nClass);
    const gh1 = g.h1;
    const gh2 = g.h2;
    const ga = g.a;
    const gb = g.b;
    let c = 0;
    if (!surrogates) {
      for (let k = 0; k + minN <= len; k++) {
        let h1 = H1_SEED;
        let h2 = H2_SEED;
        const end = Math.min(len, k + maxN);
        for (let j = k; j < end; j++) {
          const code = units[j];
          h1 = stepH1(h1, code);
          h2 = stepH2(h2, code);
          if (j - k + 1 >= minN) {
            gh1[c] = h1; gh2[c] = h2; ga[c] = k; gb[c] = j + 1; c++;
          }
        }
      }
    } else {
      c = this.astralGrams(len, g);
    }
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      gh1[c] = this.classHashes[2 * kind]; gh2[c] = this.classHashes[2 * kind + 1]; ga[c] = -1 - kind; gb[c] = 0; c++;
    }
    g.count = c;
    return c;
  }

  gramString(_text: string, g: GramBuffer, i: number): string {
    const a = g.a[i];
    if (a < 0) return CLASS_TOKEN_STRINGS[-1 - a];
    return String.fromCharCode.apply(null, this.units.subarray(a, g.b[i]) as unknown as number[]);
  }

  /** The general path: n-grams over code points when the text has surrogates. */
  private astralGrams(len: number, g: GramBuffer): number {
    const units = this.units;
    const cp = this.cpStart;
    let nCp = 0;
    for (let u = 0; u < len; ) {
      cp[nCp++] = u;
      const c = units[u];
      u += c >= 0xd800 && c <= 0xdbff && u + 1 < len && units[u + 1] >= 0xdc00 && units[u + 1] <= 0xdfff ? 2 : 1;
    }
    cp[nCp] = len;
    const { minN, maxN } = this;
    let c = 0;
    for (let k = 0; k + minN <= nCp; k++) {
      let h1 = H1_SEED;
      let h2 = H2_SEED;
      const end = Math.min(nCp, k + maxN);
      for (let m = k; m < end; m++) {
        for (let u = cp[m]; u < cp[m + 1]; u++) {
          h1 = stepH1(h1, units[u]);
          h2 = stepH2(h2, units[u]);
        }
        if (m - k + 1 >= minN) {
          g.h1[c] = h1; g.h2[c] = h2; g.a[c] = cp[k]; g.b[c] = cp[m + 1]; c++;
        }
      }
    }
    return c;
  }
}
