import type { NgramTable } from '../ngram-table.js';

/**
 * What a term source looks grams up in: a gram's 64-bit hash → an accumulator key, and per
 * key `stride` float32 values: idf at `idfAt` and, when `weighted`, the threat and phishing
 * weights right after it (the other places belong to the index).
 */
export interface GramIndex {
  /** The key of (h1, h2), or -1 when the gram is out of vocabulary. */
  lookup(h1: number, h2: number): number;
  readonly data: Float32Array;
  readonly stride: number;
  readonly idfAt: number;
  readonly weighted: boolean;
  /**
   * Null when keys are columns. Else the index keeps each key's column in the key's line (so
   * explaining reads one line per feature): `ints` (a view of `data`'s buffer) holds it at
   * key·stride + `colAt`, and `threat64` the exact float64 threat weight at
   * key·stride/2 + `threat64At`.
   */
  readonly inLine: { ints: Int32Array; colAt: number; threat64: Float64Array; threat64At: number } | null;
  /** Number of keys. */
  readonly size: number;
}

/** The plain vocabulary index of the transform path: key = column, data = [h2, idf]. */
export class PlainIndex implements GramIndex {
  readonly stride = 2;
  readonly idfAt = 1;
  readonly weighted = false;
  readonly inLine = null;
  readonly data: Float32Array;
  readonly size: number;

  constructor(private readonly table: NgramTable) {
    this.data = table.payloadView();
    this.size = table.size;
  }

  lookup(h1: number, h2: number): number {
    return this.table.get(h1, h2);
  }
}
