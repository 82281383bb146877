import type { Label } from '../data/label.js';
import type { CsrMatrix } from '../features/index.js';

/** Everything the training loops need, computed once per dataset, addressed by row index. */
export interface PreparedData {
  raw: string[];
  norm: string[];
  labels: Label[];
  /** 1 = spam or phishing. */
  threat: Uint8Array;
  /** 1 = phishing (meaningful on threat rows only). */
  phishing: Uint8Array;
  groups: Int32Array;
  /** Row-major rule feature matrix, or null when rule features are off. */
  rules: Float32Array | null;
  hasPhishingLabels: boolean;
}

export function take<T>(arr: readonly T[], idx: ArrayLike<number>): T[] {
  const out = new Array<T>(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = arr[idx[i]];
  return out;
}

export function takeBytes(arr: Uint8Array, idx: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = arr[idx[i]];
  return out;
}

export function takeFloats(arr: Float64Array, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = arr[idx[i]];
  return out;
}

/** The rows `local` (indices into X's rows) of a CSR matrix, as a new matrix. */
export function selectRows(X: CsrMatrix, local: ArrayLike<number>): CsrMatrix {
  let nnz = 0;
  for (let i = 0; i < local.length; i++) nnz += X.indptr[local[i] + 1] - X.indptr[local[i]];
  const indptr = new Int32Array(local.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  for (let i = 0; i < local.length; i++) {
    const r = local[i];
    indptr[i] = p;
    const s = X.indptr[r];
    const e = X.indptr[r + 1];
    indices.set(X.indices.subarray(s, e), p);
    values.set(X.values.subarray(s, e), p);
    p += e - s;
  }
  indptr[local.length] = p;
  return { nRows: local.length, nCols: X.nCols, indptr, indices, values };
}

/** Local indices of the rows whose flag is 1. */
export function whereOne(flags: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i];
  const out = new Int32Array(n);
  let p = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === 1) out[p++] = i;
  return out;
}
