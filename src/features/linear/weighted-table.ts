import { mixPair } from '../ngram-hash.js';
import type { NgramTable } from '../ngram-table.js';
import type { GramIndex } from './gram-index.js';

/** int32 slots per entry: h1, h2, key + 1 (0 = empty), idf, threat weight, phishing weight (float32 bits). */
const STRIDE = 6;

/**
 * A linear scorer's n-gram index: 64-bit gram hash → everything scoring needs about the
 * column, in one 24-byte slot (one cache line per lookup, where the plain table plus the
 * weight vector cost three or four): the accumulator key, idf, and both model weights as
 * float32 (relative error 6e-8, the same as the float32 features the model was trained on).
 *
 * Keys are columns renumbered by idf, most frequent first, so the accumulator's per-key
 * state for the grams most messages share stays in a few hot cache lines.
 */
export class WeightedTable implements GramIndex {
  readonly stride = 4;
  private readonly slots: Int32Array;
  private readonly floats: Float32Array;
  private readonly mask: number;
  /** Column of each key, and key of each column. */
  readonly colOfKey: Int32Array;
  readonly keyOfCol: Int32Array;

  constructor(table: NgramTable, idf: Float64Array, weights: Float64Array) {
    const n = idf.length;
    this.colOfKey = Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => idf[a] - idf[b] || a - b);
    this.keyOfCol = new Int32Array(n);
    for (let k = 0; k < n; k++) this.keyOfCol[this.colOfKey[k]] = k;
    let cap = 16;
    while (cap * 0.6 < n) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
    this.floats = new Float32Array(this.slots.buffer);
    table.forEach((h1, h2, col) => {
      let i = mixPair(h1, h2) & this.mask;
      while (this.slots[i * STRIDE + 2] !== 0) i = (i + 1) & this.mask;
      const p = i * STRIDE;
      this.slots[p] = h1;
      this.slots[p + 1] = h2;
      this.slots[p + 2] = this.keyOfCol[col] + 1;
      this.floats[p + 3] = table.payload(col);
      this.floats[p + 4] = weights[2 * col];
      this.floats[p + 5] = weights[2 * col + 1];
    });
  }

  entryInto(h1: number, h2: number, arena: Int32Array, floats: Float32Array, p: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let i = mixPair(h1, h2) & mask;
    for (;;) {
      const q = i * STRIDE;
      const key = slots[q + 2];
      if (key === 0) return false;
      if (slots[q] === h1 && slots[q + 1] === h2) {
        arena[p] = key - 1;
        arena[p + 1] = slots[q + 3];
        arena[p + 2] = slots[q + 4];
        arena[p + 3] = slots[q + 5];
        return true;
      }
      i = (i + 1) & mask;
    }
  }
}
