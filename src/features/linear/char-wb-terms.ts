import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../../text/class-tokens.js';
import { wbWordGrams } from '../char-wb-analyzer.js';
import { createGramBuffer } from '../gram-buffer.js';
import { H1_SEED, H2_SEED, classTokenHashes, stepH1, stepH2 } from '../ngram-hash.js';
import { isPythonSpace } from '../python-space.js';
import { WordColumnCache } from '../word-column-cache.js';
import type { GramIndex } from './gram-index.js';
import type { TermAccumulator } from './term-accumulator.js';

/**
 * The char_wb transform path: adds a text's vocabulary grams to a `TermAccumulator` word by
 * word through a `WordColumnCache`. Same terms as analysing with `CharWbAnalyzer` and looking
 * every gram up, because char_wb grams never cross a word: a word's grams depend on the word
 * alone. A hit costs one pass over the word's chars (its 64-bit key), one probe and a
 * sequential read of the word's entries; no allocation.
 *
 * The entries are whatever the index writes: [column, idf] for the transform path, or
 * [key, idf, threat weight, phishing weight] for a linear scorer, which then never reads the
 * weight vector at all.
 */
export class CharWbTerms {
  private readonly grams = createGramBuffer();
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);
  /** One entry's worth of scratch for grams that are not cached (class tokens, huge words). */
  private readonly one = new Int32Array(4);
  private readonly oneFloats = new Float32Array(this.one.buffer);
  readonly cache: WordColumnCache;

  constructor(
    private readonly index: GramIndex,
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
    cache?: WordColumnCache,
  ) {
    this.cache = cache ?? new WordColumnCache(50_000, 1 << 20, index.stride);
    if (this.cache.stride !== index.stride) throw new Error(`cache stride ${this.cache.stride} ≠ index stride ${index.stride}`);
  }

  /** Resets acc and adds every in-vocabulary gram of text to it. */
  addTo(text: string, acc: TermAccumulator): void {
    acc.reset();
    const n = text.length;
    const cache = this.cache;
    const arena = cache.arena;
    const floats = cache.floats;
    const weighted = cache.stride === 4;
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
      if (slot < 0) slot = this.fill(text, start, i, h1, h2, acc);
      if (slot < 0) continue; // too long to cache: already added
      const from = cache.start(slot);
      const to = from + cache.length(slot);
      const stride = cache.stride;
      for (let p = from * stride, end = to * stride; p < end; p += stride) acc.addEntry(arena, floats, p, weighted);
    }
    if (!this.classTokens) return;
    const nClass = detectClassTokens(text, this.classBuf);
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      this.addOne(this.classHashes[2 * kind], this.classHashes[2 * kind + 1], acc);
    }
  }

  private addOne(h1: number, h2: number, acc: TermAccumulator): void {
    const { one, oneFloats } = this;
    if (this.index.entryInto(h1, h2, one, oneFloats, 0)) acc.addEntry(one, oneFloats, 0, this.index.stride === 4);
  }

  /**
   * Looks a new word's grams up and caches its entries; returns the slot, or -1 when the
   * word is too long to cache (its grams are then added to acc directly).
   */
  private fill(text: string, start: number, end: number, h1: number, h2: number, acc: TermAccumulator): number {
    const g = this.grams;
    const nGrams = wbWordGrams(text, start, end, this.minN, this.maxN, g, 0);
    const { index, cache } = this;
    if (!cache.fits(nGrams)) {
      for (let k = 0; k < nGrams; k++) this.addOne(g.h1[k], g.h2[k], acc);
      return -1;
    }
    const at = cache.reserve(nGrams);
    const stride = cache.stride;
    let m = at;
    for (let k = 0; k < nGrams; k++) {
      if (index.entryInto(g.h1[k], g.h2[k], cache.arena, cache.floats, m * stride)) m++;
    }
    cache.commit(h1, h2, m - at);
    return cache.find(h1, h2);
  }
}
