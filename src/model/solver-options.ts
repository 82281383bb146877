import { wardenError } from '../errors.js';

/** Validates C, tol and maxIter of an iterative solver; returns tol and maxIter with defaults. */
export function solverOptions(opts: { C: number; tol?: number; maxIter?: number }, defaults: { tol: number; maxIter: number }): { tol: number; maxIter: number } {
  if (!(opts.C > 0) || !Number.isFinite(opts.C)) throw wardenError('INVALID_INPUT', `C must be a positive number, got ${opts.C}`);
  const tol = opts.tol ?? defaults.tol;
  const maxIter = opts.maxIter ?? defaults.maxIter;
  if (!(tol > 0)) throw wardenError('INVALID_INPUT', `tol must be positive, got ${tol}`);
  if (!(maxIter >= 0) || !Number.isInteger(maxIter)) throw wardenError('INVALID_INPUT', `maxIter must be a non-negative integer, got ${maxIter}`);
  return { tol, maxIter };
}
