import { ensureSparseCapacity, type SparseBuffer } from '../sparse.js';
import { SUBLINEAR_TABLE } from '../weighting.js';

/**
 * One text's terms of one TF-IDF part, accumulated straight into two dot products
 * (threat, phishing) and the squared norm, so scoring never builds a sparse vector.
 *
 * Most terms of a message occur once, so the common path must touch nothing but L1 cache:
 * a bitmap over the part's keys (58k columns → 7 KB) says whether a key was seen in this
 * text; a first occurrence sets its bit and appends it to the first-seen list. Only repeats
 * (a minority) go to a small open-addressing map from key to count. A per-key dense array
 * (one random read per occurrence in a few hundred KB) cost ~3× as much on SMS.
 *
 * Sums are kept incrementally: a first occurrence adds idf·w and idf², a repeat raising the
 * count from c to c + 1 adds the change of tf(c) (1 + ln c when sublinear) times the same.
 */
export class TermAccumulator {
  /** Sum over terms of idf·tf·w_threat, idf·tf·w_phishing and (idf·tf)². */
  dotThreat = 0;
  dotPhishing = 0;
  sumSq = 0;
  /** Distinct keys of the current text in first-seen order, with their idf; `size` of them. */
  keys: Int32Array;
  idfs: Float64Array;
  size = 0;
  private readonly seen: Int32Array;
  /** Repeat map: key + 1 per slot (0 = empty) → count; slots used, for clearing. */
  private repKeys = new Int32Array(256);
  private repCounts = new Int32Array(256);
  private repUsed = new Int32Array(128);
  private repSize = 0;
  private repShift = 24;

  constructor(
    dimension: number,
    readonly sublinearTf: boolean,
    readonly l2: boolean,
    /** Column of each key, when keys are not the columns themselves (see WeightedTable). */
    private readonly colOfKey: Int32Array | null = null,
  ) {
    this.seen = new Int32Array((dimension + 31) >>> 5);
    this.keys = new Int32Array(256);
    this.idfs = new Float64Array(256);
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

  /**
   * One occurrence of the term whose entry starts at p: key (int32) at p, idf at p + 1 and,
   * when weighted, the threat and phishing weights at p + 2, p + 3 (float32 view of the same
   * memory). Passing the entry's place, not its floats, keeps V8 from boxing three doubles
   * per call when the call is not inlined.
   */
  addEntry(arena: Int32Array, floats: Float32Array, p: number, weighted: boolean): void {
    const key = arena[p];
    const word = key >>> 5;
    const bit = 1 << (key & 31);
    const bits = this.seen[word];
    if ((bits & bit) !== 0) {
      this.addRepeat(key, floats, p, weighted);
      return;
    }
    this.seen[word] = bits | bit;
    const n = this.size;
    if (n === this.keys.length) this.grow();
    const idf = floats[p + 1];
    this.keys[n] = key;
    this.idfs[n] = idf;
    this.size = n + 1;
    this.sumSq += idf * idf;
    if (weighted) {
      this.dotThreat += idf * floats[p + 2];
      this.dotPhishing += idf * floats[p + 3];
    }
  }

  /** A key seen before in this text: its count goes from c to c + 1. */
  private addRepeat(key: number, floats: Float32Array, p: number, weighted: boolean): void {
    const c = this.bumpRepeat(key);
    // tf(c + 1) − tf(c), and tf(c): raw counts, or 1 + ln c when sublinear
    const t0 = this.tf(c);
    const d = this.tf(c + 1) - t0;
    const idf = floats[p + 1];
    const dIdf = d * idf;
    // (t0 + d)² − t0² = d (2 t0 + d)
    this.sumSq += idf * dIdf * (2 * t0 + d);
    if (weighted) {
      this.dotThreat += dIdf * floats[p + 2];
      this.dotPhishing += dIdf * floats[p + 3];
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

  /**
   * Appends the current text's features to out, columns shifted by offset: exactly what
   * `appendWeighted` gives for the same counts (same order, same float64 passes, one
   * float32 rounding), so explanations see the vector the model was trained on.
   */
  appendTo(out: SparseBuffer, offset: number): void {
    const n = this.size;
    const base = out.nnz;
    ensureSparseCapacity(out, base + n);
    const { keys, idfs, colOfKey } = this;
    const indices = out.indices;
    const values = out.values;
    let sumSq = 0;
    for (let k = 0; k < n; k++) {
      const w = this.tf(this.count(keys[k])) * idfs[k];
      sumSq += w * w;
      indices[base + k] = (colOfKey === null ? keys[k] : colOfKey[keys[k]]) + offset;
    }
    const scale = this.l2 && sumSq > 0 ? 1 / Math.sqrt(sumSq) : 1;
    for (let k = 0; k < n; k++) values[base + k] = this.tf(this.count(keys[k])) * idfs[k] * scale;
    out.nnz = base + n;
  }

  private tf(count: number): number {
    if (!this.sublinearTf) return count;
    return count < 64 ? SUBLINEAR_TABLE[count] : 1 + Math.log(count);
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

  /** Raises key's count by one; returns the count before (≥ 1). */
  private bumpRepeat(key: number): number {
    let slot = this.repSlot(key);
    if (this.repKeys[slot] !== 0) return this.repCounts[slot]++;
    if (2 * (this.repSize + 1) > this.repKeys.length) {
      this.growRepeats();
      slot = this.repSlot(key);
    }
    this.repKeys[slot] = key + 1;
    this.repCounts[slot] = 2;
    this.repUsed[this.repSize++] = slot;
    return 1;
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

  private grow(): void {
    const cap = this.keys.length * 2;
    const keys = new Int32Array(cap);
    keys.set(this.keys);
    const idfs = new Float64Array(cap);
    idfs.set(this.idfs);
    this.keys = keys;
    this.idfs = idfs;
  }
}
