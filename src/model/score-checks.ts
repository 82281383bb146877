import { wardenError } from '../errors.js';

/**
 * Shared input check for everything that takes (scores, y): same length, finite scores (NaN or
 * ±Infinity would make any ordering meaningless), labels 0/1. Returns the number of positives.
 */
export function assertScoresAndLabels(scores: Float64Array, y: Uint8Array): number {
  if (scores.length !== y.length) {
    throw wardenError('INVALID_INPUT', `scores has ${scores.length} entries but y has ${y.length}`);
  }
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw wardenError('INVALID_INPUT', `score ${i} is ${scores[i]}`);
    const label = y[i];
    if (label > 1) throw wardenError('INVALID_INPUT', `y[${i}] is ${label}; labels must be 0 or 1`);
    positives += label;
  }
  return positives;
}
