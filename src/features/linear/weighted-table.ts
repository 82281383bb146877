import { mixPair } from '../ngram-hash.js';
import type { NgramTable } from '../ngram-table.js';
import type { GramIndex } from './gram-index.js';

const KEY_BITS = 24;
const KEY_MASK = (1 << KEY_BITS) - 1;
/**
 * int32 places per key (one 32-byte line): h1, h2, idf, threat weight, phishing weight
 * (float32), the key's column, and the exact float64 threat weight (places 6–7), which
 * explanations multiply with the read-back features.
 */
const STRIDE = 8;
const COL_AT = 5;
const THREAT64_AT = 3;

/**
 * A linear scorer's n-gram index: 64-bit gram hash → key, and per key everything scoring
 * needs in one 32-byte line: [h1, h2, idf, threat weight, phishing weight] (float32 weights:
 * relative error 6e-8, the same as the float32 features the model was trained on).
 *
 * Probe slots are 4 bytes, [8-bit fingerprint | key + 1] (0 = empty), so the slot array of a
 * 23k-gram word vocabulary is 128 KB and an out-of-vocabulary gram (most bigrams) costs one
 * cached probe; a fingerprint match is confirmed against the key's full hash.
 *
 * Keys are columns renumbered by idf, most frequent first, so the data of the grams most
 * messages share sits in a few hot cache lines (and so do their bits in the accumulator).
 */
export class WeightedTable implements GramIndex {
  readonly stride = STRIDE;
  readonly idfAt = 2;
  readonly weighted = true;
  readonly data: Float32Array;
  readonly size: number;
  readonly inLine: { ints: Int32Array; colAt: number; threat64: Float64Array; threat64At: number };
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(table: NgramTable, idf: Float64Array, weights: Float64Array) {
    const n = idf.length;
    if (n >= KEY_MASK) throw new Error(`a weighted table holds at most ${KEY_MASK - 1} grams, not ${n}`);
    this.size = n;
    const colOfKey = rankByIdf(idf);
    const keyOfCol = new Int32Array(n);
    for (let k = 0; k < n; k++) keyOfCol[colOfKey[k]] = k;
    this.hashes = new Int32Array(STRIDE * n);
    this.data = new Float32Array(this.hashes.buffer);
    const threat64 = new Float64Array(this.hashes.buffer);
    this.inLine = { ints: this.hashes, colAt: COL_AT, threat64, threat64At: THREAT64_AT };
    let cap = 16;
    while (cap * 0.7 < n) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    table.forEach((h1, h2, col) => {
      const key = keyOfCol[col];
      const x = mixPair(h1, h2);
      let i = x & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = ((x >>> KEY_BITS) << KEY_BITS) | (key + 1);
      const p = STRIDE * key;
      this.hashes[p] = h1;
      this.hashes[p + 1] = h2;
      this.data[p + 2] = table.payload(col);
      this.data[p + 3] = weights[2 * col];
      this.data[p + 4] = weights[2 * col + 1];
      this.hashes[p + COL_AT] = col;
      threat64[(p >> 1) + THREAT64_AT] = weights[2 * col];
    });
  }

  lookup(h1: number, h2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const x = mixPair(h1, h2);
    const fp = x >>> KEY_BITS;
    let i = x & mask;
    for (;;) {
      const v = slots[i];
      if (v === 0) return -1;
      if (v >>> KEY_BITS === fp) {
        const key = (v & KEY_MASK) - 1;
        const p = STRIDE * key;
        if (this.hashes[p] === h1 && this.hashes[p + 1] === h2) return key;
      }
      i = (i + 1) & mask;
    }
  }
}

/**
 * Columns in ascending idf (most frequent first), ties by column. Sorting float64 keys
 * (quantised idf · 2^20 + column, exact below 2^53) natively is ~10× faster than a comparator
 * sort; the order only has to be deterministic and roughly by frequency.
 */
function rankByIdf(idf: Float64Array): Int32Array {
  const n = idf.length;
  if (n >= 1 << 20) return Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => idf[a] - idf[b] || a - b);
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) keys[j] = Math.min(Math.floor(Math.max(idf[j], 0) * 2 ** 20), 2 ** 32) * 2 ** 20 + j;
  keys.sort();
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = keys[k] % 2 ** 20;
  return out;
}
