import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens } from '../../text/class-tokens.js';
import { wbWordGrams } from '../char-wb-analyzer.js';
import { createGramBuffer } from '../gram-buffer.js';
import { createChunks, splitWhitespace } from '../hashed-spans.js';
import { classTokenHashes } from '../ngram-hash.js';
import { ENTRY_HEADER, WordColumnCache } from '../word-column-cache.js';
import type { GramIndex } from './gram-index.js';
import type { TermAccumulator } from './term-accumulator.js';

/** Keys are packed with their in-word count as key << 8 | count. */
const MAX_KEYS = 1 << 23;
const MAX_COUNT = 255;

/**
 * The char_wb transform path: adds a text's vocabulary grams to a `TermAccumulator` word by
 * word through a `WordColumnCache`. Same terms as analysing with `CharWbAnalyzer` and looking
 * every gram up, because char_wb grams never cross a word: a word's grams depend on the word
 * alone. A cached word costs its share of one hashing pass over the text, one probe, its
 * precomputed sums, and one bit test per distinct gram; no allocation.
 */
export class CharWbTerms {
  private readonly grams = createGramBuffer();
  private readonly chunks = createChunks();
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);
  /** In-word counts while filling an entry: key → position in the entry. */
  private readonly fillPos = new Map<number, number>();
  readonly cache: WordColumnCache;

  constructor(
    private readonly index: GramIndex,
    private readonly minN: number,
    private readonly maxN: number,
    private readonly classTokens: boolean,
    cache?: WordColumnCache,
  ) {
    if (index.size > MAX_KEYS) throw new Error(`a char_wb word cache packs keys in 23 bits; ${index.size} columns do not fit`);
    this.cache = cache ?? new WordColumnCache();
  }

  /** Whether a part of this many columns can use this path (else analyse and look up). */
  static supports(columns: number): boolean {
    return columns <= MAX_KEYS;
  }

  /** Resets acc and adds every in-vocabulary gram of text to it. */
  addTo(text: string, acc: TermAccumulator): void {
    acc.reset();
    const cache = this.cache;
    const chunks = this.chunks;
    const m = splitWhitespace(text, chunks);
    for (let j = 0; j < m; j++) {
      const h1 = chunks.h1[j];
      const h2 = chunks.h2[j];
      let at = cache.find(h1, h2);
      if (at < 0) at = this.fill(text, chunks.starts[j], chunks.ends[j], h1, h2, acc);
      if (at < 0) continue; // not cacheable: already added
      const arena = cache.arena;
      const floats = cache.floats;
      acc.addSums(floats[at + 3], floats[at + 4], floats[at + 5]);
      acc.addWordKeys(arena, at + ENTRY_HEADER, at + ENTRY_HEADER + arena[at + 2]);
    }
    if (!this.classTokens) return;
    const nClass = detectClassTokens(text, this.classBuf);
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      const key = this.index.lookup(this.classHashes[2 * kind], this.classHashes[2 * kind + 1]);
      if (key >= 0) acc.addGram(key);
    }
  }

  /**
   * Looks a new word's grams up and caches its entry; returns the entry's offset, or -1 when
   * the word cannot be cached (too long, or a gram repeated over 255 times in it): its grams
   * are then added to acc one by one.
   */
  private fill(text: string, start: number, end: number, h1: number, h2: number, acc: TermAccumulator): number {
    const g = this.grams;
    const nGrams = wbWordGrams(text, start, end, this.minN, this.maxN, g, 0);
    const { index, cache, fillPos } = this;
    if (!cache.fits(ENTRY_HEADER + nGrams)) return this.addDirect(nGrams, acc);
    const at = cache.reserve(ENTRY_HEADER + nGrams);
    const arena = cache.arena;
    let m = 0;
    fillPos.clear();
    for (let k = 0; k < nGrams; k++) {
      const key = index.lookup(g.h1[k], g.h2[k]);
      if (key < 0) continue;
      const pos = fillPos.get(key);
      if (pos === undefined) {
        fillPos.set(key, m);
        arena[at + ENTRY_HEADER + m++] = (key << 8) | 1;
      } else {
        const packed = arena[at + ENTRY_HEADER + pos];
        if ((packed & MAX_COUNT) === MAX_COUNT) return this.addDirect(nGrams, acc);
        arena[at + ENTRY_HEADER + pos] = packed + 1;
      }
    }
    // the word's own sums, in float64 over its distinct keys, stored as float32
    const { data, stride, idfAt, weighted } = index;
    let dotThreat = 0;
    let dotPhishing = 0;
    let sumSq = 0;
    for (let k = 0; k < m; k++) {
      const packed = arena[at + ENTRY_HEADER + k];
      const p = (packed >>> 8) * stride + idfAt;
      const v = acc.tf(packed & MAX_COUNT) * data[p];
      sumSq += v * v;
      if (weighted) {
        dotThreat += v * data[p + 1];
        dotPhishing += v * data[p + 2];
      }
    }
    arena[at] = h1;
    arena[at + 1] = h2;
    arena[at + 2] = m;
    cache.floats[at + 3] = dotThreat;
    cache.floats[at + 4] = dotPhishing;
    cache.floats[at + 5] = sumSq;
    cache.commit(ENTRY_HEADER + m);
    return at;
  }

  private addDirect(nGrams: number, acc: TermAccumulator): number {
    const g = this.grams;
    for (let k = 0; k < nGrams; k++) {
      const key = this.index.lookup(g.h1[k], g.h2[k]);
      if (key >= 0) acc.addGram(key);
    }
    return -1;
  }
}
