import type { NgramTable } from '../ngram-table.js';

/**
 * What a term source looks grams up in: writes a gram's arena entry — accumulator key (int32),
 * then idf and, when `stride` is 4, the threat and phishing weights (float32) — at `p`.
 */
export interface GramIndex {
  readonly stride: 2 | 4;
  /** Writes (h1, h2)'s entry at arena[p …]; false when the gram is out of vocabulary. */
  entryInto(h1: number, h2: number, arena: Int32Array, floats: Float32Array, p: number): boolean;
  /** Column of an accumulator key (null: keys are columns). */
  readonly colOfKey: Int32Array | null;
}

/** The plain vocabulary index of the transform path: key = column, entry = [column, idf]. */
export class PlainIndex implements GramIndex {
  readonly stride = 2;
  readonly colOfKey = null;

  constructor(private readonly table: NgramTable) {}

  entryInto(h1: number, h2: number, arena: Int32Array, floats: Float32Array, p: number): boolean {
    const col = this.table.get(h1, h2);
    if (col < 0) return false;
    arena[p] = col;
    floats[p + 1] = this.table.payload(col);
    return true;
  }
}
