import { wardenError } from '../errors.js';

/**
 * Per-row weights s_i = sampleWeight_i × classWeight(y_i). 'balanced' follows scikit-learn:
 * classWeight(c) = n / (2·n_c), computed from label counts alone (not from sample weights).
 */
export function rowWeights(y: Uint8Array, classWeight: 'balanced' | null, sampleWeight?: Float64Array | null): Float64Array {
  const n = y.length;
  if (sampleWeight) {
    if (sampleWeight.length !== n) {
      throw wardenError('INVALID_INPUT', `sampleWeight has ${sampleWeight.length} entries for ${n} rows`);
    }
    for (let i = 0; i < n; i++) {
      const s = sampleWeight[i];
      if (!(s >= 0) || s === Infinity) throw wardenError('INVALID_INPUT', `sampleWeight[${i}] = ${s} is not a finite non-negative number`);
    }
  }
  const out = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const w1 = classWeight === 'balanced' ? n / (2 * positives) : 1;
  const w0 = classWeight === 'balanced' ? n / (2 * (n - positives)) : 1;
  for (let i = 0; i < n; i++) out[i] = (y[i] === 1 ? w1 : w0) * (sampleWeight ? sampleWeight[i] : 1);
  return out;
}
