import { CLASS_TOKEN_STRINGS, createClassTokenBuffer, detectClassTokens, detectClassTokensInChunks, mayHoldClassTokens } from '../../text/class-tokens.js';
import { wbWordGrams } from '../char-wb-analyzer.js';
import { createGramBuffer, ensureGramCapacity } from '../gram-buffer.js';
import { createChunks, createHashedSpans, ensureSpanCapacity, splitWhitespace, type Chunks } from '../hashed-spans.js';
import { classTokenHashes, stepH1, stepH2 } from '../ngram-hash.js';
import { WordColumnCache } from '../word-column-cache.js';
import { wordCharTable } from '../word-chars.js';
import { tokenizeWords } from '../word-tokens.js';
import type { GramIndex } from './gram-index.js';
import type { TermAccumulator } from './term-accumulator.js';

/** One TF-IDF part as the fused chunk path sees it. */
export interface ChunkPart {
  readonly index: GramIndex;
  readonly acc: TermAccumulator;
  readonly minN: number;
  readonly maxN: number;
  readonly classTokens: boolean;
}

/** Keys are packed with their in-chunk count as key << 8 | count (as in `CharWbTerms`). */
const MAX_KEYS = 1 << 23;
const MAX_COUNT = 255;

// Entry header: the chunk's hash, then per part its key count and its own three sums
// (float32), then where the chunk's first word token lies (relative to the chunk; end 0 when
// it has none) and its last token's hash; whether it may hold a class token; a memo of the
// last bigram joining a token to this chunk (that token's hash → key, NO_JOIN when none yet).
// Char keys follow, then word keys.
const C_N = 2;
const C_SUMS = 3;
const W_N = 6;
const W_SUMS = 7;
const FIRST_START = 10;
const FIRST_END = 11;
const LAST_H1 = 12;
const LAST_H2 = 13;
const CLASS_CHARS = 14;
const JOIN_H1 = 15;
const JOIN_H2 = 16;
const JOIN_KEY = 17;
const HEADER = 18;
const NO_JOIN = -2;

/**
 * The default union's two TF-IDF parts, word 1–2-grams and char_wb n-grams, read off one
 * whitespace chunk at a time through one shared `WordColumnCache`. Both analysers' grams
 * inside a chunk depend on the chunk alone (char_wb grams never leave a word, and a word
 * token never crosses whitespace), so one probe per chunk gives both parts' keys and sums.
 * What crosses chunks is a word bigram joining the last token before a chunk to its first:
 * one lookup per chunk, hashed from the previous token's hash and the first token's chars.
 * Class tokens are what the analysers find over the whole text; a text whose only whitespace
 * is ' ' has them looked for in the chunks that may hold one only.
 *
 * Keys reach each accumulator in the order the part's own analyser emits its grams, so the
 * features read back (`appendTo`) are bit-identical to the part's transform path.
 */
export class WordCharWbTerms {
  private readonly charGrams = createGramBuffer();
  private readonly wordGrams = createGramBuffer();
  private readonly tokens = createHashedSpans();
  private readonly table = wordCharTable();
  private readonly classBuf = createClassTokenBuffer();
  private readonly classHashes = classTokenHashes(CLASS_TOKEN_STRINGS);
  private readonly wordStamps: KeyStamps;
  private readonly charStamps: KeyStamps;
  /** Whether the word part has bigrams, and so joins chunks. */
  private readonly joins: boolean;
  /** Last word token seen so far in the current text (for the bigram into the next chunk). */
  private hasPrev = false;
  private prevH1 = 0;
  private prevH2 = 0;
  /**
   * The current text's whitespace chunks (range, 64-bit hash), each one's cache entry (-1:
   * none) and whether it may hold a class token (`mayHoldClassTokens`).
   */
  private readonly chunks = createChunks();
  private chunkAt = new Int32Array(64);
  private chunkClass = new Uint8Array(64);
  readonly cache: WordColumnCache;
  /**
   * The cache's `lines`, for explanations (`TermAccumulator.appendTop`): the idf and float32
   * threat weight of the key at arena[p] at lines[2p] and lines[2p + 1], written with each
   * entry. Apart from the entries so that scoring alone reads no more than before.
   */
  private readonly lines: Float32Array;

  constructor(
    private readonly word: ChunkPart,
    private readonly char: ChunkPart,
    cache?: WordColumnCache,
  ) {
    if (!WordCharWbTerms.supports(word, char)) throw new Error('word n-grams above 2 or over 2^23 columns cannot take the fused chunk path');
    this.joins = word.minN <= 2 && word.maxN >= 2;
    this.cache = cache ?? new WordColumnCache();
    this.lines = this.cache.lines;
    this.wordStamps = keyStamps(word.index.size);
    this.charStamps = keyStamps(char.index.size);
  }

  static supports(word: Pick<ChunkPart, 'maxN' | 'index'>, char: Pick<ChunkPart, 'index'>): boolean {
    return word.maxN <= 2 && word.index.size <= MAX_KEYS && char.index.size <= MAX_KEYS;
  }

  /** Splits text into the chunk buffer (`splitWhitespace`); returns how many chunks, for `addChunks`. */
  split(text: string): number {
    return splitWhitespace(text, this.chunks);
  }

  /**
   * The chunk buffer, with room for the most chunks a text of n units can have, for a caller
   * that fills it while normalising (`AsciiFastSequence.normalizeChunked`) instead of `split`.
   */
  chunkBuffer(n: number): Chunks {
    ensureSpanCapacity(this.chunks, (n + 1) >> 1);
    return this.chunks;
  }

  /**
   * Resets both accumulators and adds every in-vocabulary gram of text to them; its m chunks
   * (as `splitWhitespace` finds them) are in the chunk buffer (`split`, or a fused normaliser).
   */
  addChunks(text: string, m: number): void {
    const wAcc = this.word.acc;
    const cAcc = this.char.acc;
    wAcc.reset();
    cAcc.reset();
    // Split and hash every chunk first, then probe the cache for all of them, then use the
    // entries: the probes are independent loads, so their cache misses overlap instead of
    // each waiting behind the previous chunk's work.
    const chunks = this.chunks;
    if (this.chunkAt.length < m) {
      this.chunkAt = new Int32Array(chunks.starts.length);
      this.chunkClass = new Uint8Array(chunks.starts.length);
    }
    const cache = this.cache;
    const { starts: chunkStart, ends: chunkEnd, h1: chunkH1, h2: chunkH2 } = chunks;
    const chunkAt = this.chunkAt;
    const chunkClass = this.chunkClass;
    for (let j = 0; j < m; j++) chunkAt[j] = cache.find(chunkH1[j], chunkH2[j]);
    const joins = this.joins;
    let hasPrev = false;
    let prevH1 = 0;
    let prevH2 = 0;
    let classChars = 0;
    let filled = false;
    for (let j = 0; j < m; j++) {
      const start = chunkStart[j];
      // an earlier fill may have added this chunk, or cleared the cache
      let at = filled ? cache.find(chunkH1[j], chunkH2[j]) : chunkAt[j];
      if (at < 0) {
        filled = true;
        this.hasPrev = hasPrev;
        this.prevH1 = prevH1;
        this.prevH2 = prevH2;
        at = this.fill(text, start, chunkEnd[j], chunkH1[j], chunkH2[j]);
        if (at < 0) {
          // not cacheable: fill added its grams directly and moved the previous token on
          const cc = mayHoldClassTokens(text, start, chunkEnd[j]) ? 1 : 0;
          chunkClass[j] = cc;
          classChars |= cc;
          hasPrev = this.hasPrev;
          prevH1 = this.prevH1;
          prevH2 = this.prevH2;
          continue;
        }
      }
      const arena = cache.arena;
      const floats = cache.floats;
      const keys = at + HEADER;
      const cn = arena[at + C_N];
      const wn = arena[at + W_N];
      cAcc.addSums(floats[at + C_SUMS], floats[at + C_SUMS + 1], floats[at + C_SUMS + 2]);
      cAcc.addWordKeys(arena, keys, keys + cn, this.lines);
      const cc = arena[at + CLASS_CHARS];
      chunkClass[j] = cc;
      classChars |= cc;
      const firstEnd = arena[at + FIRST_END];
      if (firstEnd === 0) continue; // no word token in this chunk
      if (hasPrev && joins) {
        // the bigram into this chunk: from the memo when the same token came before it last time
        let key = arena[at + JOIN_KEY];
        if (key === NO_JOIN || arena[at + JOIN_H1] !== prevH1 || arena[at + JOIN_H2] !== prevH2) {
          key = this.joinKey(prevH1, prevH2, text, start + arena[at + FIRST_START], start + firstEnd);
          arena[at + JOIN_H1] = prevH1;
          arena[at + JOIN_H2] = prevH2;
          arena[at + JOIN_KEY] = key;
        }
        if (key >= 0) wAcc.addGram(key);
      }
      wAcc.addSums(floats[at + W_SUMS], floats[at + W_SUMS + 1], floats[at + W_SUMS + 2]);
      wAcc.addWordKeys(arena, keys + cn, keys + cn + wn, this.lines);
      hasPrev = true;
      prevH1 = arena[at + LAST_H1];
      prevH2 = arena[at + LAST_H2];
    }
    if (classChars === 0 || (!this.word.classTokens && !this.char.classTokens)) return;
    // where the only whitespace is ' ', the class-token scan's chunks are these: it needs to
    // look at the flagged ones only
    const nClass = chunks.onlySpaces
      ? detectClassTokensInChunks(text, chunkStart, chunkEnd, chunkClass, m, this.classBuf)
      : detectClassTokens(text, this.classBuf);
    if (this.word.classTokens) this.addClassTokens(this.word, nClass);
    if (this.char.classTokens) this.addClassTokens(this.char, nClass);
  }

  /** The class tokens found in the text, after the part's grams (as its analyser emits them). */
  private addClassTokens(part: ChunkPart, nClass: number): void {
    for (let k = 0; k < nClass; k++) {
      const kind = this.classBuf.kinds[k];
      const key = part.index.lookup(this.classHashes[2 * kind], this.classHashes[2 * kind + 1]);
      if (key >= 0) part.acc.addGram(key);
    }
  }

  /** The key of the word bigram of the previous token and the token at text[s, e), or -1. */
  private joinKey(prevH1: number, prevH2: number, text: string, s: number, e: number): number {
    let h1 = stepH1(prevH1, 32);
    let h2 = stepH2(prevH2, 32);
    for (let u = s; u < e; u++) {
      const code = text.charCodeAt(u);
      h1 = stepH1(h1, code);
      h2 = stepH2(h2, code);
    }
    return this.word.index.lookup(h1, h2);
  }

  /**
   * Analyses a new chunk with both analysers and caches its entry; returns the entry's
   * offset, or -1 when the chunk cannot be cached (too long, or a gram repeated over 255
   * times in it): its grams are then added one by one, and the previous token moved on.
   */
  private fill(text: string, start: number, end: number, h1: number, h2: number): number {
    const { word, char, cache } = this;
    const nChar = wbWordGrams(text, start, end, char.minN, char.maxN, this.charGrams, 0);
    const nTokens = tokenizeWords(text, start, end, this.table, this.tokens);
    const nWord = this.wordChunkGrams(text, nTokens);
    if (!cache.fits(HEADER + nChar + nWord)) return this.addDirect(text, nChar, nTokens, nWord);
    const at = cache.reserve(HEADER + nChar + nWord);
    const cn = this.storeKeys(char, this.charStamps, this.charGrams.h1, this.charGrams.h2, nChar, at + HEADER);
    if (cn < 0) return this.addDirect(text, nChar, nTokens, nWord);
    const wn = this.storeKeys(word, this.wordStamps, this.wordGrams.h1, this.wordGrams.h2, nWord, at + HEADER + cn);
    if (wn < 0) return this.addDirect(text, nChar, nTokens, nWord);
    const arena = cache.arena;
    const floats = cache.floats;
    arena[at] = h1;
    arena[at + 1] = h2;
    arena[at + C_N] = cn;
    chunkSums(char, arena, at + HEADER, cn, floats, at + C_SUMS);
    arena[at + W_N] = wn;
    chunkSums(word, arena, at + HEADER + cn, wn, floats, at + W_SUMS);
    const t = this.tokens;
    arena[at + FIRST_START] = nTokens > 0 ? t.starts[0] - start : 0;
    arena[at + FIRST_END] = nTokens > 0 ? t.ends[0] - start : 0;
    arena[at + LAST_H1] = nTokens > 0 ? t.h1[nTokens - 1] : 0;
    arena[at + LAST_H2] = nTokens > 0 ? t.h2[nTokens - 1] : 0;
    arena[at + CLASS_CHARS] = mayHoldClassTokens(text, start, end) ? 1 : 0;
    arena[at + JOIN_KEY] = NO_JOIN;
    storeLines(char, arena, this.lines, at + HEADER, cn);
    storeLines(word, arena, this.lines, at + HEADER + cn, wn);
    cache.commit(HEADER + cn + wn);
    return at;
  }

  /** The word part's grams inside the chunk, in the analyser's order (token t, then t with t + 1). */
  private wordChunkGrams(text: string, nTokens: number): number {
    const { minN, maxN } = this.word;
    const g = this.wordGrams;
    const t = this.tokens;
    ensureGramCapacity(g, 2 * nTokens);
    let c = 0;
    for (let k = 0; k < nTokens; k++) {
      if (minN <= 1) {
        g.h1[c] = t.h1[k];
        g.h2[c] = t.h2[k];
        c++;
      }
      if (!this.joins || k + 1 === nTokens) continue;
      let h1 = stepH1(t.h1[k], 32);
      let h2 = stepH2(t.h2[k], 32);
      for (let u = t.starts[k + 1], e = t.ends[k + 1]; u < e; u++) {
        const code = text.charCodeAt(u);
        h1 = stepH1(h1, code);
        h2 = stepH2(h2, code);
      }
      g.h1[c] = h1;
      g.h2[c] = h2;
      c++;
    }
    return c;
  }

  /**
   * Looks n grams up and writes their distinct keys, packed with in-chunk counts in
   * first-seen order, at arena[p…]; returns how many, or -1 when a count would pass 255.
   * A key's place in the entry is found through per-key stamps (no map to clear per chunk).
   */
  private storeKeys(part: ChunkPart, stamps: KeyStamps, h1: Int32Array, h2: Int32Array, n: number, p: number): number {
    const arena = this.cache.arena;
    const index = part.index;
    const { stampOf, posOf } = stamps;
    if (stamps.stamp === 0x7fffffff) {
      stampOf.fill(0); // after 2^31 fills: start the stamps over
      stamps.stamp = 0;
    }
    const stamp = ++stamps.stamp;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const key = index.lookup(h1[k], h2[k]);
      if (key < 0) continue;
      if (stampOf[key] !== stamp) {
        stampOf[key] = stamp;
        posOf[key] = m;
        arena[p + m++] = (key << 8) | 1;
      } else {
        const pos = posOf[key];
        if ((arena[p + pos] & MAX_COUNT) === MAX_COUNT) return -1;
        arena[p + pos]++;
      }
    }
    return m;
  }

  /** An uncacheable chunk: its grams straight into the accumulators, in order. */
  private addDirect(text: string, nChar: number, nTokens: number, nWord: number): number {
    const { word, char } = this;
    const cg = this.charGrams;
    for (let k = 0; k < nChar; k++) {
      const key = char.index.lookup(cg.h1[k], cg.h2[k]);
      if (key >= 0) char.acc.addGram(key);
    }
    if (nTokens === 0) return -1;
    const t = this.tokens;
    if (this.hasPrev && this.joins) {
      const key = this.joinKey(this.prevH1, this.prevH2, text, t.starts[0], t.ends[0]);
      if (key >= 0) word.acc.addGram(key);
    }
    const wg = this.wordGrams;
    for (let k = 0; k < nWord; k++) {
      const key = word.index.lookup(wg.h1[k], wg.h2[k]);
      if (key >= 0) word.acc.addGram(key);
    }
    this.hasPrev = true;
    this.prevH1 = t.h1[nTokens - 1];
    this.prevH2 = t.h2[nTokens - 1];
    return -1;
  }
}

/** Per key of a part: the fill that last saw it (`stamp`) and its place in that entry. */
interface KeyStamps {
  stampOf: Int32Array;
  posOf: Int32Array;
  stamp: number;
}

function keyStamps(size: number): KeyStamps {
  return { stampOf: new Int32Array(size), posOf: new Int32Array(size), stamp: 0 };
}

/** Copies the idf and float32 threat weight of each of the m packed keys at arena[p…] to lines[2p…]. */
function storeLines(part: ChunkPart, arena: Int32Array, lines: Float32Array, p: number, m: number): void {
  const { data, stride, idfAt, weighted } = part.index;
  for (let k = p; k < p + m; k++) {
    const q = (arena[k] >>> 8) * stride + idfAt;
    lines[2 * k] = data[q];
    lines[2 * k + 1] = weighted ? data[q + 1] : 0;
  }
}

/** A chunk's own (w_threat·x, w_phishing·x, |x|²) over its m packed keys, in float64, stored as float32. */
function chunkSums(part: ChunkPart, arena: Int32Array, p: number, m: number, floats: Float32Array, out: number): void {
  const { data, stride, idfAt, weighted } = part.index;
  let dotThreat = 0;
  let dotPhishing = 0;
  let sumSq = 0;
  for (let k = 0; k < m; k++) {
    const packed = arena[p + k];
    const q = (packed >>> 8) * stride + idfAt;
    const v = part.acc.tf(packed & MAX_COUNT) * data[q];
    sumSq += v * v;
    if (weighted) {
      dotThreat += v * data[q + 1];
      dotPhishing += v * data[q + 2];
    }
  }
  floats[out] = dotThreat;
  floats[out + 1] = dotPhishing;
  floats[out + 2] = sumSq;
}
