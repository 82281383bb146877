import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../text/class-tokens.js';
import type { Analyzer } from './analyzer.js';
import { ensureGramCapacity, type GramBuffer } from './gram-buffer.js';
import { classTokenHashes, stepH1, stepH2 } from './ngram-hash.js';
import { wordCharTable } from './word-chars.js';
import { createHashedSpans } from './hashed-spans.js';
import { tokenizeWords } from './word-tokens.js';

/**
 * scikit-learn's word analyser on an already-lowercased text: tokens are maximal runs of
 * ≥ 2 word characters (`(?u)\b\w\w+\b`), n-grams are tokens joined by one space.
 *
 * With `classTokens`, every URL / e-mail / phone / money / number span found by the text
 * module's scanner adds one unigram `__url__` … `__number__`. Class tokens never join
 * n-grams, so the word n-grams are exactly scikit-learn's. A literal `__url__` in the text
 * is the same feature (harmless: it is rare and means the same thing).
 */
export class WordAnalyzer implements Analyzer {
  private readonly tokens = createHashedSpans();
  private readonly table = wordCharTable();
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);

  constructor(
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
  ) {}

  analyze(text: string, g: GramBuffer): number {
    const nTokens = tokenizeWords(text, 0, text.length, this.table, this.tokens);
    const { starts, ends, h1: tokH1, h2: tokH2 } = this.tokens;
    const { minN, maxN } = this;
    const nClass = this.classTokens ? detectClassTokens(text, this.classBuf) : 0;
    g.count = 0;
    ensureGramCapacity(g, nTokens * maxN + nClass);
    const gh1 = g.h1;
    const gh2 = g.h2;
    const ga = g.a;
    const gb = g.b;
    let c = 0;
    for (let t = 0; t < nTokens; t++) {
      let h1 = tokH1[t];
      let h2 = tokH2[t];
      if (minN <= 1) {
        gh1[c] = h1; gh2[c] = h2; ga[c] = t; gb[c] = 1; c++;
      }
      for (let m = 1; m < maxN && t + m < nTokens; m++) {
        h1 = stepH1(h1, 32);
        h2 = stepH2(h2, 32);
        for (let u = starts[t + m], end = ends[t + m]; u < end; u++) {
          const code = text.charCodeAt(u);
          h1 = stepH1(h1, code);
          h2 = stepH2(h2, code);
        }
        if (m + 1 >= minN) {
          gh1[c] = h1; gh2[c] = h2; ga[c] = t; gb[c] = m + 1; c++;
        }
      }
    }
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      gh1[c] = this.classHashes[2 * kind]; gh2[c] = this.classHashes[2 * kind + 1]; ga[c] = -1 - kind; gb[c] = 0; c++;
    }
    g.count = c;
    return c;
  }

  gramString(text: string, g: GramBuffer, i: number): string {
    const a = g.a[i];
    if (a < 0) return CLASS_TOKEN_STRINGS[-1 - a];
    const { starts, ends } = this.tokens;
    let s = text.slice(starts[a], ends[a]);
    for (let m = 1; m < g.b[i]; m++) s += ' ' + text.slice(starts[a + m], ends[a + m]);
    return s;
  }
}
