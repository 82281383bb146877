/**
 * A reusable sparse row: `indices[0..nnz)` and `values[0..nnz)`. Transforms grow the arrays
 * when needed, so after warm-up the hot path allocates nothing.
 */
export interface SparseBuffer {
  indices: Int32Array;
  values: Float32Array;
  nnz: number;
}

/** Compressed sparse rows: row r holds `indices/values[indptr[r] .. indptr[r + 1])`. */
export interface CsrMatrix {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function createSparseBuffer(capacity = 256): SparseBuffer {
  const c = Math.max(1, Math.floor(capacity));
  return { indices: new Int32Array(c), values: new Float32Array(c), nnz: 0 };
}

/** Makes room for `needed` entries in total, keeping the first `nnz`. */
export function ensureSparseCapacity(buf: SparseBuffer, needed: number): void {
  if (needed <= buf.indices.length) return;
  let cap = buf.indices.length * 2;
  while (cap < needed) cap *= 2;
  const indices = new Int32Array(cap);
  indices.set(buf.indices.subarray(0, buf.nnz));
  const values = new Float32Array(cap);
  values.set(buf.values.subarray(0, buf.nnz));
  buf.indices = indices;
  buf.values = values;
}

/** Sorts entries [start, end) of parallel arrays by index (insertion sort: rows are short). */
export function sortRowByIndex(indices: Int32Array, values: Float32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const idx = indices[i];
    const v = values[i];
    let j = i - 1;
    while (j >= start && indices[j] > idx) {
      indices[j + 1] = indices[j];
      values[j + 1] = values[j];
      j--;
    }
    indices[j + 1] = idx;
    values[j + 1] = v;
  }
}
