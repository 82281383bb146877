import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { averagePrecision, recallAtPrecision, rocAuc } from './ranking-metrics.js';
import { binaryMetrics } from './binary-metrics.js';
import { thresholdAbove } from './ranked-counts.js';

const fx = JSON.parse(readFileSync(new URL('../../../test/fixtures/logreg-small.json', import.meta.url), 'utf8'));
const scores = Float64Array.from(fx.scores);
const labels = Uint8Array.from(fx.labels);
const f = (xs: number[]) => Float64Array.from(xs);
const u = (xs: number[]) => Uint8Array.from(xs);

test('rocAuc and averagePrecision match sklearn on tied scores to 1e-12', () => {
  assert.ok(Math.abs(rocAuc(scores, labels) - fx.rocAuc) <= 1e-12, `${rocAuc(scores, labels)} vs ${fx.rocAuc}`);
  assert.ok(Math.abs(averagePrecision(scores, labels) - fx.averagePrecision) <= 1e-12);
});

test('rocAuc by hand: ties count half, perfect and reversed orderings', () => {
  // Pairs (pos, neg): (0.8, 0.5) correct, (0.8, 0.8) tie → ½, (0.3, 0.5) wrong, (0.3, 0.8) wrong.
  assert.equal(rocAuc(f([0.8, 0.3, 0.5, 0.8]), u([1, 1, 0, 0])), 1.5 / 4);
  assert.equal(rocAuc(f([3, 2, 1]), u([1, 1, 0])), 1);
  assert.equal(rocAuc(f([1, 2, 3]), u([1, 1, 0])), 0);
  assert.equal(rocAuc(f([7, 7, 7, 7]), u([1, 0, 1, 0])), 0.5); // all-equal scores
});

test('averagePrecision by hand: a step function, no interpolation', () => {
  // Ranking 1,0,1: at rank 1 P=1 (R .5), at rank 3 P=2/3 (R 1) → AP = .5·1 + .5·2/3.
  assert.ok(Math.abs(averagePrecision(f([0.9, 0.5, 0.1]), u([1, 0, 1])) - (0.5 + 1 / 3)) < 1e-15);
  assert.equal(averagePrecision(f([1, 1]), u([1, 0])), 0.5); // one tied block: P = ½ at R = 1
  assert.equal(averagePrecision(f([1, 2]), u([1, 1])), 1); // no negatives is fine
});

test('ranking metrics: one class or empty gives NaN; NaN scores and bad labels throw', () => {
  assert.ok(Number.isNaN(rocAuc(f([1, 2]), u([0, 0]))));
  assert.ok(Number.isNaN(rocAuc(f([1, 2]), u([1, 1]))));
  assert.ok(Number.isNaN(rocAuc(f([]), u([]))));
  assert.ok(Number.isNaN(averagePrecision(f([1, 2]), u([0, 0]))));
  assert.throws(() => rocAuc(f([1, NaN]), u([0, 1])), { code: 'INVALID_INPUT' });
  assert.throws(() => averagePrecision(f([1, Infinity]), u([0, 1])), { code: 'INVALID_INPUT' });
  assert.throws(() => rocAuc(f([1, 2]), u([0, 3])), { code: 'INVALID_INPUT' });
  assert.throws(() => rocAuc(f([1, 2]), u([0])), { code: 'INVALID_INPUT' });
});

test('rocAuc on 200,000 seeded rows equals the pairwise definition computed by counting', () => {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const n = 200_000;
  const s = new Float64Array(n);
  const yy = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    yy[i] = rand() < 0.3 ? 1 : 0;
    s[i] = Math.round((rand() + yy[i] * 0.4) * 50) / 50; // heavy ties: 71 distinct values
  }
  // Pairwise count via histograms over the 71 score levels.
  const pos = new Float64Array(80);
  const neg = new Float64Array(80);
  for (let i = 0; i < n; i++) (yy[i] ? pos : neg)[Math.round(s[i] * 50)]++;
  let wins = 0;
  let negBelow = 0;
  let P = 0;
  let N = 0;
  for (let b = 0; b < 80; b++) {
    wins += pos[b] * (negBelow + 0.5 * neg[b]);
    negBelow += neg[b];
    P += pos[b];
    N += neg[b];
  }
  assert.ok(Math.abs(rocAuc(s, yy) - wins / (P * N)) < 1e-12);
});

test('recallAtPrecision picks the highest recall meeting the precision, else flags nothing', () => {
  const s = f([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);
  const yy = u([1, 1, 0, 1, 0, 0, 1, 0]);
  assert.deepEqual(recallAtPrecision(s, yy, 0.7), { recall: 0.75, threshold: 0.6 });
  assert.deepEqual(recallAtPrecision(s, yy, 1), { recall: 0.5, threshold: 0.8 });
  assert.deepEqual(recallAtPrecision(s, yy, 0.5), { recall: 1, threshold: 0.3 }); // 0.3 (4/7) beats 0.2 (½): same recall, higher threshold
  const none = recallAtPrecision(f([0.9, 0.1]), u([0, 1]), 0.9);
  assert.equal(none.recall, 0);
  assert.ok(none.threshold > 0.9 && none.threshold === thresholdAbove(0.9));
  assert.throws(() => recallAtPrecision(s, yy, 1.5), { code: 'INVALID_INPUT' });
  assert.throws(() => recallAtPrecision(f([]), u([]), 0.5), { code: 'INVALID_INPUT' });
});

test('thresholdAbove returns the next double up', () => {
  assert.equal(thresholdAbove(1), 1 + Number.EPSILON);
  assert.equal(thresholdAbove(0), Number.MIN_VALUE);
  assert.ok(thresholdAbove(-1) > -1 && thresholdAbove(-1) - -1 < 1e-15);
  assert.equal(thresholdAbove(-Number.MIN_VALUE), -0);
});

test('binaryMetrics by hand at a threshold, with the equal-score-is-positive rule', () => {
  const m = binaryMetrics(f([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]), u([1, 1, 0, 1, 0, 0, 1, 0]), 0.6);
  assert.deepEqual(m.confusion_matrix, { tp: 3, fp: 1, tn: 3, fn: 1 });
  assert.equal(m.rows, 8);
  assert.equal(m.precision, 0.75);
  assert.equal(m.recall, 0.75);
  assert.equal(m.f1, 0.75);
  assert.equal(m.accuracy, 0.75);
  assert.equal(m.roc_auc, 12 / 16); // pairs (pos, neg) correctly ordered: 4+4+3+1 = 12 of 16
  assert.ok(Math.abs(m.pr_auc - (0.25 * 1 + 0.25 * 1 + 0.25 * 0.75 + 0.25 * (4 / 7))) < 1e-15);
  const nothing = binaryMetrics(f([0.1, 0.2]), u([1, 0]), 0.5);
  assert.equal(nothing.precision, 0);
  assert.equal(nothing.f1, 0);
  assert.equal(nothing.accuracy, 0.5);
  const oneClass = binaryMetrics(f([0.1, 0.2]), u([0, 0]), 0.15);
  assert.ok(Number.isNaN(oneClass.roc_auc) && Number.isNaN(oneClass.pr_auc));
  assert.equal(oneClass.recall, 0);
  assert.throws(() => binaryMetrics(f([]), u([]), 0.5), { code: 'INVALID_INPUT' });
  assert.throws(() => binaryMetrics(f([0.1]), u([1]), NaN), { code: 'INVALID_INPUT' });
});
