import { ensureSparseCapacity, type SparseBuffer } from '../sparse.js';
import { SUBLINEAR_TABLE } from '../weighting.js';
import type { GramIndex } from './gram-index.js';

/**
 * One text's terms of one TF-IDF part, accumulated straight into two dot products
 * (threat, phishing) and the squared norm, so scoring never builds a sparse vector.
 *
 * Most terms of a message occur once, so the common path touches nothing but L1 cache: a
 * bitmap over the part's keys (58k columns → 7 KB) says whether a key was seen in this text;
 * a first occurrence sets its bit and appends the key to the first-seen list. Only repeats
 * (~15% on SMS) go to a small open-addressing map from key to count, and only they read the
 * key's idf and weights. (A per-key dense array, one random read per occurrence in a few
 * hundred KB, cost ~3× as much.)
 *
 * Terms arrive two ways: `addGram` (one occurrence, nothing precomputed), or a cached word's
 * precomputed sums (`addSums`) followed by its keys with their in-word counts
 * (`addWordKey`), where a key only costs anything when an earlier word had it too: the sums
 * then get tf(c + a) − tf(c) − tf(a), for earlier count c and in-word count a.
 */
/** Per-feature threat contributions written beside a sparse buffer (grown as needed). */
export interface Contributions {
  values: Float64Array;
}

export class TermAccumulator {
  /** Sum over terms of idf·tf·w_threat, idf·tf·w_phishing and (idf·tf)². */
  dotThreat = 0;
  dotPhishing = 0;
  sumSq = 0;
  /** Distinct keys of the current text in first-seen order; `size` of them. */
  keys: Int32Array;
  size = 0;
  private readonly seen: Int32Array;
  private readonly data: Float32Array;
  private readonly stride: number;
  private readonly idfAt: number;
  private readonly weighted: boolean;
  private readonly inLine: GramIndex['inLine'];
  /** appendTo's tf·idf per key, kept between its two passes. */
  private weights = new Float64Array(256);
  /** Counts of keys seen more than once: key + 1 per slot (0 = empty) → count; slots used, for clearing. */
  private repKeys = new Int32Array(256);
  private repCounts = new Int32Array(256);
  private repUsed = new Int32Array(128);
  private repSize = 0;
  private repShift = 24;

  constructor(
    index: GramIndex,
    readonly sublinearTf: boolean,
    readonly l2: boolean,
  ) {
    this.seen = new Int32Array((index.size + 31) >>> 5);
    this.data = index.data;
    this.stride = index.stride;
    this.idfAt = index.idfAt;
    this.weighted = index.weighted;
    this.inLine = index.inLine;
    this.keys = new Int32Array(256);
  }

  reset(): void {
    const { keys, seen } = this;
    const n = this.size;
    if (n > seen.length >> 2) seen.fill(0);
    else for (let k = 0; k < n; k++) seen[keys[k] >>> 5] = 0;
    if (this.repSize > 0) {
      for (let k = 0; k < this.repSize; k++) this.repKeys[this.repUsed[k]] = 0;
      this.repSize = 0;
    }
    this.size = 0;
    this.dotThreat = 0;
    this.dotPhishing = 0;
    this.sumSq = 0;
  }

  /** tf of a count: the count, or 1 + ln(count) when sublinear. */
  tf(count: number): number {
    if (!this.sublinearTf) return count;
    return count < 64 ? SUBLINEAR_TABLE[count] : 1 + Math.log(count);
  }

  /** One occurrence of a gram with this key. */
  addGram(key: number): void {
    if (this.markNew(key)) {
      const p = key * this.stride + this.idfAt;
      const idf = this.data[p];
      this.sumSq += idf * idf;
      if (this.weighted) {
        this.dotThreat += idf * this.data[p + 1];
        this.dotPhishing += idf * this.data[p + 2];
      }
      return;
    }
    this.addRepeat(key, 1, 0);
  }

  /** A cached word's own contribution, computed as if no other word shared its grams. */
  addSums(dotThreat: number, dotPhishing: number, sumSq: number): void {
    this.dotThreat += dotThreat;
    this.dotPhishing += dotPhishing;
    this.sumSq += sumSq;
  }

  /**
   * The keys of a cached word, packed as key << 8 | in-word count in arena[p, end), whose
   * tf(count) terms are already in the word's sums (`addSums`). The hot loop of scoring:
   * locals only, and a key costs a bit test unless an earlier word had it too.
   */
  addWordKeys(arena: Int32Array, p: number, end: number): void {
    const seen = this.seen;
    let keys = this.keys;
    let n = this.size;
    if (n + (end - p) > keys.length) keys = this.grow(n + (end - p));
    for (; p < end; p++) {
      const packed = arena[p];
      const key = packed >>> 8;
      const word = key >>> 5;
      const bit = 1 << (key & 31);
      const bits = seen[word];
      if ((bits & bit) === 0) {
        seen[word] = bits | bit;
        keys[n++] = key;
        if ((packed & 255) !== 1) this.setCount(key, packed & 255);
      } else {
        const count = packed & 255;
        this.addRepeat(key, count, this.tf(count));
      }
    }
    this.size = n;
  }

  /** Sets key's bit and lists it when it is new to this text; false when it was seen before. */
  private markNew(key: number): boolean {
    const word = key >>> 5;
    const bit = 1 << (key & 31);
    const bits = this.seen[word];
    if ((bits & bit) !== 0) return false;
    this.seen[word] = bits | bit;
    const n = this.size;
    const keys = n === this.keys.length ? this.grow(n + 1) : this.keys;
    keys[n] = key;
    this.size = n + 1;
    return true;
  }

  /** `count` more occurrences of a key seen before; `counted` is the tf already in the sums for them. */
  private addRepeat(key: number, count: number, counted: number): void {
    let slot = this.repSlot(key);
    let before = 1;
    if (this.repKeys[slot] !== 0) before = this.repCounts[slot];
    else slot = this.claimSlot(slot, key);
    this.repCounts[slot] = before + count;
    const t0 = this.tf(before);
    const t1 = this.tf(before + count);
    const p = key * this.stride + this.idfAt;
    const idf = this.data[p];
    // the sums hold tf(before) + counted for this key; they should hold tf(before + count)
    this.sumSq += idf * idf * (t1 * t1 - t0 * t0 - counted * counted);
    if (this.weighted) {
      const d = (t1 - t0 - counted) * idf;
      this.dotThreat += d * this.data[p + 1];
      this.dotPhishing += d * this.data[p + 2];
    }
  }

  /** The part's L2 scale (1 without a norm, or for a text with no terms). */
  scale(): number {
    return this.l2 && this.sumSq > 0 ? 1 / Math.sqrt(this.sumSq) : 1;
  }

  /** Count of a key seen in the current text (1 unless it repeated). */
  count(key: number): number {
    if (this.repSize === 0) return 1;
    const slot = this.repSlot(key);
    return this.repKeys[slot] === 0 ? 1 : this.repCounts[slot];
  }

  /** The idf of a key. */
  idf(key: number): number {
    return this.data[key * this.stride + this.idfAt];
  }

  /**
   * Appends the current text's features to out, columns shifted by offset: exactly what
   * `appendWeighted` gives for the same counts (same order, same float64 passes, one
   * float32 rounding), so explanations see the vector the model was trained on.
   *
   * With `contrib`, and an index that keeps each key's column and float64 threat weight in
   * its line, it also writes each feature's threat contribution (weight × the float32 value,
   * as `w[col] * values[i]` gives) at the same positions, growing `contrib.values`, and
   * returns true: one line read per feature instead of three scattered ones.
   */
  appendTo(out: SparseBuffer, offset: number, contrib: Contributions | null = null): boolean {
    const n = this.size;
    const base = out.nnz;
    ensureSparseCapacity(out, base + n);
    const { keys, inLine, stride } = this;
    const indices = out.indices;
    const values = out.values;
    if (this.weights.length < n) this.weights = new Float64Array(Math.max(n, 2 * this.weights.length));
    const w = this.weights;
    let sumSq = 0;
    for (let k = 0; k < n; k++) {
      const key = keys[k];
      const v = this.tf(this.count(key)) * this.idf(key);
      w[k] = v;
      sumSq += v * v;
      const col = inLine === null ? key : inLine.ints[key * stride + inLine.colAt];
      indices[base + k] = col + offset;
    }
    const scale = this.l2 && sumSq > 0 ? 1 / Math.sqrt(sumSq) : 1;
    for (let k = 0; k < n; k++) values[base + k] = w[k] * scale;
    out.nnz = base + n;
    if (contrib === null || inLine === null) return false;
    if (contrib.values.length < base + n) {
      const grown = new Float64Array(Math.max(base + n, 2 * contrib.values.length));
      grown.set(contrib.values.subarray(0, base));
      contrib.values = grown;
    }
    const { threat64, threat64At } = inLine;
    const half = stride >> 1;
    const c = contrib.values;
    for (let k = 0; k < n; k++) c[base + k] = threat64[keys[k] * half + threat64At] * values[base + k];
    return true;
  }

  /** The repeat map's slot for key: where it is, or the empty slot where it would go. */
  private repSlot(key: number): number {
    const keys = this.repKeys;
    const mask = keys.length - 1;
    const k1 = key + 1;
    let i = Math.imul(k1, 0x9e3779b1) >>> this.repShift; // Fibonacci hashing: the top bits
    while (keys[i] !== 0 && keys[i] !== k1) i = (i + 1) & mask;
    return i;
  }

  private setCount(key: number, count: number): void {
    let slot = this.repSlot(key);
    if (this.repKeys[slot] === 0) slot = this.claimSlot(slot, key);
    this.repCounts[slot] = count;
  }

  /** Takes the empty slot found for key (growing the map first when half full); returns key's slot. */
  private claimSlot(slot: number, key: number): number {
    if (2 * (this.repSize + 1) > this.repKeys.length) {
      this.growRepeats();
      slot = this.repSlot(key);
    }
    this.repKeys[slot] = key + 1;
    this.repUsed[this.repSize++] = slot;
    return slot;
  }

  private growRepeats(): void {
    const oldKeys = this.repKeys;
    const oldCounts = this.repCounts;
    const oldUsed = this.repUsed;
    const n = this.repSize;
    const cap = oldKeys.length * 2;
    this.repKeys = new Int32Array(cap);
    this.repCounts = new Int32Array(cap);
    this.repUsed = new Int32Array(cap >> 1);
    this.repShift--;
    this.repSize = 0;
    for (let k = 0; k < n; k++) {
      const slot = this.repSlot(oldKeys[oldUsed[k]] - 1);
      this.repKeys[slot] = oldKeys[oldUsed[k]];
      this.repCounts[slot] = oldCounts[oldUsed[k]];
      this.repUsed[this.repSize++] = slot;
    }
  }

  private grow(needed: number): Int32Array {
    let cap = this.keys.length * 2;
    while (cap < needed) cap *= 2;
    const keys = new Int32Array(cap);
    keys.set(this.keys);
    this.keys = keys;
    return keys;
  }
}
