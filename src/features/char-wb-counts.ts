import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../text/class-tokens.js';
import { wbWordGrams } from './char-wb-analyzer.js';
import type { ColumnCounter } from './column-counter.js';
import { createGramBuffer } from './gram-buffer.js';
import { H1_SEED, H2_SEED, hashString, stepH1, stepH2 } from './ngram-hash.js';
import type { NgramTable } from './ngram-table.js';
import { isPythonSpace } from './python-space.js';
import { WordColumnCache } from './word-column-cache.js';

/**
 * The char_wb transform path: counts a text's vocabulary columns word by word through a
 * `WordColumnCache`. Same counts as analysing with `CharWbAnalyzer` and looking every gram
 * up, because char_wb grams never cross a word: a word's columns depend on the word alone.
 * A hit costs one pass over the word's chars (its 64-bit key) and one probe, no allocation.
 */
export class CharWbCounts {
  private readonly grams = createGramBuffer();
  private readonly classBuf = createClassTokenBuffer();
  /** Column of each class token, or -1 when out of vocabulary. */
  private readonly classColumns: Int32Array;

  constructor(
    private readonly table: NgramTable,
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
    readonly cache: WordColumnCache = new WordColumnCache(),
  ) {
    const pair = new Int32Array(2);
    this.classColumns = Int32Array.from(CLASS_TOKEN_STRINGS, (s) => {
      hashString(s, pair);
      return table.get(pair[0], pair[1]);
    });
  }

  /** Adds every in-vocabulary gram of text to counter (which must be empty). */
  countInto(text: string, counter: ColumnCounter): void {
    const n = text.length;
    const nClass = this.classTokens ? detectClassTokens(text, this.classBuf) : 0;
    // distinct columns ≤ grams ≤ (padded chars) × (n-gram sizes) + class tokens
    counter.ensure((n + 2) * (this.maxN - this.minN + 1) + nClass + 1);
    const cache = this.cache;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (isPythonSpace(c)) {
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
      let slot = cache.find(h1, h2);
      if (slot < 0) slot = this.fill(text, start, i, h1, h2, counter);
      if (slot < 0) continue; // too long to cache: already counted
      const entries = cache.entries;
      const factors = cache.factors;
      for (let k = 2 * cache.start(slot), end = k + 2 * cache.length(slot); k < end; k += 2) counter.add(entries[k], factors[k + 1]);
    }
    for (let k = 0; k < nClass; k++) {
      const col = this.classColumns[this.classBuf.kinds[k]];
      if (col >= 0) counter.add(col, this.table.payload(col));
    }
  }

  /**
   * Looks a new word's grams up and caches its columns; returns the slot, or -1 when the
   * word is too long to cache (its columns are then added to counter directly).
   */
  private fill(text: string, start: number, end: number, h1: number, h2: number, counter: ColumnCounter): number {
    const g = this.grams;
    const nGrams = wbWordGrams(text, start, end, this.minN, this.maxN, g, 0);
    const { table, cache } = this;
    if (!cache.fits(nGrams)) {
      for (let k = 0; k < nGrams; k++) {
        const col = table.get(g.h1[k], g.h2[k]);
        if (col >= 0) counter.add(col, table.payload(col));
      }
      return -1;
    }
    const at = cache.reserve(nGrams);
    let m = 0;
    for (let k = 0; k < nGrams; k++) {
      const col = table.get(g.h1[k], g.h2[k]);
      if (col < 0) continue;
      cache.entries[2 * (at + m)] = col;
      cache.factors[2 * (at + m) + 1] = table.payload(col);
      m++;
    }
    cache.commit(h1, h2, m);
    return cache.find(h1, h2);
  }
}
