/**
 * Leakage-free splits: whole groups of near-duplicate texts go to one side, and the groups are
 * stratified by their majority label so each label keeps its share on both sides. Seeded, so a
 * split is reproducible from (data, seed).
 */
import { wardenError } from '../errors.js';
import { labelCode, type Label } from './label.js';
import { createRng, shuffleInPlace } from './random.js';

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** Groups of row indices, bucketed by the group's majority label code (one bucket per code). */
interface Strata {
  rowsOfGroup: number[][];
  byStratum: number[][];
}

function labelCodes(labels: readonly Label[] | Uint8Array): Uint8Array {
  if (labels instanceof Uint8Array) return labels;
  const codes = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const c = labelCode(labels[i]);
    if (c < 0) throw wardenError('INVALID_INPUT', `labels[${i}] is not a label: '${String(labels[i])}'`);
    codes[i] = c;
  }
  return codes;
}

function buildStrata(labels: readonly Label[] | Uint8Array, groups: Int32Array): Strata {
  const codes = labelCodes(labels);
  if (groups.length !== codes.length) {
    throw wardenError('INVALID_INPUT', `labels and groups differ in length (${codes.length} vs ${groups.length})`);
  }
  let numCodes = 1;
  for (let i = 0; i < codes.length; i++) if (codes[i] + 1 > numCodes) numCodes = codes[i] + 1;
  const local = new Map<number, number>();
  const rowsOfGroup: number[][] = [];
  for (let i = 0; i < groups.length; i++) {
    let g = local.get(groups[i]);
    if (g === undefined) {
      g = rowsOfGroup.length;
      local.set(groups[i], g);
      rowsOfGroup.push([]);
    }
    rowsOfGroup[g].push(i);
  }
  const counts = new Int32Array(numCodes);
  const byStratum: number[][] = Array.from({ length: numCodes }, () => []);
  for (let g = 0; g < rowsOfGroup.length; g++) {
    counts.fill(0);
    for (const r of rowsOfGroup[g]) counts[codes[r]]++;
    // ties go to the higher code: the rarer, more specific threat class
    let best = 0;
    for (let c = 1; c < numCodes; c++) if (counts[c] >= counts[best]) best = c;
    byStratum[best].push(g);
  }
  return { rowsOfGroup, byStratum };
}

function collect(side: Uint8Array | Int32Array, want: number): Int32Array {
  let n = 0;
  for (let i = 0; i < side.length; i++) if (side[i] === want) n++;
  const out = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < side.length; i++) if (side[i] === want) out[j++] = i;
  return out;
}

/**
 * Splits row indices into train and test by group: no group on both sides; each majority-label
 * stratum contributes ≈ testFraction of its rows to test. Both sides come back sorted.
 *
 * @example
 * const { train, test } = groupedStratifiedSplit(labels, groupIds(texts), { testFraction: 0.2, seed: 7 });
 */
export function groupedStratifiedSplit(labels: readonly Label[] | Uint8Array, groups: Int32Array, opts: { testFraction: number; seed: number }): Split {
  const { testFraction, seed } = opts;
  if (!(testFraction > 0 && testFraction < 1)) throw wardenError('INVALID_INPUT', `testFraction must be in (0, 1), got ${testFraction}`);
  if (!Number.isFinite(seed)) throw wardenError('INVALID_INPUT', `seed must be a finite number, got ${seed}`);
  const { rowsOfGroup, byStratum } = buildStrata(labels, groups);
  const rng = createRng(seed);
  const side = new Uint8Array(groups.length); // 0 train, 1 test
  for (const stratum of byStratum) {
    const order = shuffleInPlace(stratum.slice(), rng);
    let rows = 0;
    for (const g of order) rows += rowsOfGroup[g].length;
    const target = rows * testFraction;
    let testRows = 0;
    for (const g of order) {
      const size = rowsOfGroup[g].length;
      // take the group when it brings the test count closer to the target
      if (testRows + size / 2 < target) {
        testRows += size;
        for (const r of rowsOfGroup[g]) side[r] = 1;
      }
    }
  }
  const split = { train: collect(side, 0), test: collect(side, 1) };
  if (split.train.length === 0 || split.test.length === 0) {
    throw wardenError('INVALID_INPUT', `cannot split ${groups.length} rows in ${rowsOfGroup.length} groups with testFraction ${testFraction}: one side would be empty`);
  }
  return split;
}

/**
 * k folds, grouped and stratified like {@link groupedStratifiedSplit}: every row is in exactly
 * one fold's test set, no group straddles folds, and within each stratum the folds get near-equal
 * row counts (largest groups placed first, each into the least-filled fold).
 */
export function groupedStratifiedKFold(labels: readonly Label[] | Uint8Array, groups: Int32Array, opts: { k: number; seed: number }): Split[] {
  const { k, seed } = opts;
  if (!Number.isInteger(k) || k < 2) throw wardenError('INVALID_INPUT', `k must be an integer ≥ 2, got ${k}`);
  if (!Number.isFinite(seed)) throw wardenError('INVALID_INPUT', `seed must be a finite number, got ${seed}`);
  const { rowsOfGroup, byStratum } = buildStrata(labels, groups);
  if (rowsOfGroup.length < k) throw wardenError('INVALID_INPUT', `cannot make ${k} folds from ${rowsOfGroup.length} groups`);
  const rng = createRng(seed);
  const fold = new Int32Array(groups.length);
  const total = new Float64Array(k);
  const inStratum = new Float64Array(k);
  for (const stratum of byStratum) {
    // shuffle, then a stable sort by size: equal-sized groups stay in random order
    const order = shuffleInPlace(stratum.slice(), rng).sort((a, b) => rowsOfGroup[b].length - rowsOfGroup[a].length);
    inStratum.fill(0);
    const offset = Math.floor(rng() * k);
    for (const g of order) {
      let best = offset;
      for (let step = 1; step < k; step++) {
        const f = (offset + step) % k;
        if (inStratum[f] < inStratum[best] || (inStratum[f] === inStratum[best] && total[f] < total[best])) best = f;
      }
      const size = rowsOfGroup[g].length;
      inStratum[best] += size;
      total[best] += size;
      for (const r of rowsOfGroup[g]) fold[r] = best;
    }
  }
  const folds: Split[] = [];
  for (let f = 0; f < k; f++) {
    const test = collect(fold, f);
    const train = new Int32Array(groups.length - test.length);
    let j = 0;
    for (let i = 0; i < fold.length; i++) if (fold[i] !== f) train[j++] = i;
    folds.push({ train, test });
  }
  return folds;
}
