import { mixPair } from '../ngram-hash.js';
import type { NgramTable } from '../ngram-table.js';
import type { GramIndex } from './gram-index.js';

/**
 * A linear scorer's n-gram index: 64-bit gram hash → key, and per key [h2, idf, threat
 * weight, phishing weight] in 16 bytes (float32 weights: relative error 6e-8, the same as the
 * float32 features the model was trained on), so a hit reads one probe slot and one data line
 * where the plain table plus the weight vector cost three or four.
 *
 * Keys are columns renumbered by idf, most frequent first, so the data of the grams most
 * messages share sits in a few hot cache lines (and so do their bits in the accumulator).
 */
export class WeightedTable implements GramIndex {
  readonly stride = 4;
  readonly data: Float32Array;
  readonly size: number;
  /** Column of each key, and key of each column. */
  readonly colOfKey: Int32Array;
  private readonly keyH2: Int32Array;
  /** [h1, key + 1] per slot (0 = empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(table: NgramTable, idf: Float64Array, weights: Float64Array) {
    const n = idf.length;
    this.size = n;
    this.colOfKey = Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => idf[a] - idf[b] || a - b);
    const keyOfCol = new Int32Array(n);
    for (let k = 0; k < n; k++) keyOfCol[this.colOfKey[k]] = k;
    this.keyH2 = new Int32Array(4 * n);
    this.data = new Float32Array(this.keyH2.buffer);
    let cap = 16;
    while (cap * 0.7 < n) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    table.forEach((h1, h2, col) => {
      const key = keyOfCol[col];
      let i = mixPair(h1, h2) & this.mask;
      while (this.slots[(i << 1) + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[i << 1] = h1;
      this.slots[(i << 1) + 1] = key + 1;
      this.keyH2[4 * key] = h2;
      this.data[4 * key + 1] = table.payload(col);
      this.data[4 * key + 2] = weights[2 * col];
      this.data[4 * key + 3] = weights[2 * col + 1];
    });
  }

  lookup(h1: number, h2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = mixPair(h1, h2) & mask;
    for (;;) {
      const p = i << 1;
      const stored = slots[p + 1];
      if (stored === 0) return -1;
      if (slots[p] === h1 && this.keyH2[(stored - 1) << 2] === h2) return stored - 1;
      i = (i + 1) & mask;
    }
  }
}
