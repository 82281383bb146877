import { mixPair } from '../ngram-hash.js';
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

  /**
   * @param gramHashes [h1, h2] of each column's gram at 2·col, 2·col + 1
   * @param idf per column (stored as float32, like the plain index's payload)
   * @param weights [threat, phishing] of each column at 2·col, 2·col + 1
   * @param idfOrder `rankByIdf(idf)` as a model saved it (any permutation of the columns gives
   *   the same lookups; this one keeps the frequent grams together), else computed here
   * @throws Error when two columns share a hash (a duplicated or colliding vocabulary term),
   *   `idfOrder` is not a permutation of the columns, or a weight is not a finite float32
   *   number (scoring sums float32 weights; explanations rank features by them)
   */
  constructor(gramHashes: Int32Array, idf: Float64Array, weights: Float64Array, idfOrder?: Int32Array) {
    const n = idf.length;
    if (n >= KEY_MASK) throw new Error(`a weighted table holds at most ${KEY_MASK - 1} grams, not ${n}`);
    if (gramHashes.length !== 2 * n) throw new Error(`expected ${2 * n} gram hashes, got ${gramHashes.length}`);
    this.size = n;
    const colOfKey = idfOrder ? checkedPermutation(idfOrder, n) : rankByIdf(idf);
    this.hashes = new Int32Array(STRIDE * n);
    this.data = new Float32Array(this.hashes.buffer);
    const threat64 = new Float64Array(this.hashes.buffer);
    this.inLine = { ints: this.hashes, colAt: COL_AT, threat64, threat64At: THREAT64_AT };
    let cap = 16;
    while (cap * 0.7 < n) cap *= 2;
    const mask = cap - 1;
    const slots = new Int32Array(cap);
    const ints = this.hashes;
    const data = this.data;
    // Keys in order: each key's line is written once, front to back, and the most frequent
    // grams, placed first, get the shortest probe runs.
    for (let key = 0; key < n; key++) {
      const col = colOfKey[key];
      const h1 = gramHashes[2 * col];
      const h2 = gramHashes[2 * col + 1];
      const x = mixPair(h1, h2);
      const fp = x >>> KEY_BITS;
      let i = x & mask;
      for (let v = slots[i]; v !== 0; v = slots[i]) {
        const q = STRIDE * ((v & KEY_MASK) - 1);
        if (v >>> KEY_BITS === fp && ints[q] === h1 && ints[q + 1] === h2) {
          throw new Error(`columns ${ints[q + COL_AT]} and ${col} have the same gram hash`);
        }
        i = (i + 1) & mask;
      }
      slots[i] = (fp << KEY_BITS) | (key + 1);
      checkWeight(col, weights[2 * col]);
      checkWeight(col, weights[2 * col + 1]);
      const p = STRIDE * key;
      ints[p] = h1;
      ints[p + 1] = h2;
      data[p + 2] = idf[col];
      data[p + 3] = weights[2 * col];
      data[p + 4] = weights[2 * col + 1];
      ints[p + COL_AT] = col;
      threat64[(p >> 1) + THREAT64_AT] = weights[2 * col];
    }
    this.mask = mask;
    this.slots = slots;
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
 * sort; the order only has to be deterministic and roughly by frequency. (Bucketing the few
 * hundred distinct idf values instead was tried: no faster in a cold process.)
 */
export function rankByIdf(idf: Float64Array): Int32Array {
  const n = idf.length;
  if (n >= 1 << 20) return Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => idf[a] - idf[b] || a - b);
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) keys[j] = Math.min(Math.floor(Math.max(idf[j], 0) * 2 ** 20), 2 ** 32) * 2 ** 20 + j;
  keys.sort();
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = keys[k] % 2 ** 20;
  return out;
}

/** `order` if it holds each of 0 … n−1 once; throws otherwise. */
function checkedPermutation(order: Int32Array, n: number): Int32Array {
  if (order.length !== n) throw new Error(`the idf order has ${order.length} columns, not ${n}`);
  const seen = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const col = order[k];
    if (!(col >= 0 && col < n) || seen[col] === 1) throw new Error(`the idf order repeats or lacks columns (${col} at ${k})`);
    seen[col] = 1;
  }
  return order;
}

function checkWeight(col: number, w: number): void {
  if (!Number.isFinite(Math.fround(w))) throw new Error(`column ${col} has weight ${w}, not a finite float32 number`);
}
