import type { ColumnCounter } from './column-counter.js';
import { ensureSparseCapacity, type SparseBuffer } from './sparse.js';

/**
 * The TF-IDF kernel: turns one text's column counts into weights, appends them to `out`
 * (columns shifted by `offset`) and clears the counter for the next text.
 * tf = count, or 1 + ln(count) when sublinear; weight = tf × factor (the idf, or 1);
 * optional L2 norm over this part's entries only. Float64 arithmetic, rounded to float32 once
 * (held in the counter's float64 scratch between the two passes).
 */
/** 1 + ln(tf) for small counts, so the common case (tf = 1, 2, …) costs a load, not a log. */
export const SUBLINEAR_TABLE = Float64Array.from({ length: 64 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

export function appendWeighted(counter: ColumnCounter, sublinearTf: boolean, l2: boolean, out: SparseBuffer, offset: number): void {
  const n = counter.size;
  const base = out.nnz;
  ensureSparseCapacity(out, base + n);
  const { keys, counts, factors, order } = counter;
  const weights = counter.scratch(n);
  const indices = out.indices;
  const values = out.values;
  let sumSq = 0;
  for (let k = 0; k < n; k++) {
    const slot = order[k];
    const count = counts[slot];
    const tf = sublinearTf ? (count < 64 ? SUBLINEAR_TABLE[count] : 1 + Math.log(count)) : count;
    const w = tf * factors[slot];
    // a sequential float64 scratch: the second pass reads it in order, not by slot
    weights[k] = w;
    sumSq += w * w;
    indices[base + k] = keys[slot] - 1 + offset;
    keys[slot] = 0;
  }
  const scale = l2 && sumSq > 0 ? 1 / Math.sqrt(sumSq) : 1;
  for (let k = 0; k < n; k++) values[base + k] = weights[k] * scale;
  counter.size = 0;
  out.nnz = base + n;
}

/** sklearn's smooth idf: ln((1 + nDocs) / (1 + df)) + 1. */
export function smoothIdf(nDocs: number, df: number): number {
  return Math.log((1 + nDocs) / (1 + df)) + 1;
}
