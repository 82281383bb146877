import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chooseThreshold } from './choose-threshold.js';
import { formatThresholdPolicy, parseThresholdPolicy, type ThresholdPolicy } from './threshold-policy.js';

const f = (xs: number[]) => Float64Array.from(xs);
const u = (xs: number[]) => Uint8Array.from(xs);

// Worked by hand (score ≥ t is positive; P = 4, N = 4):
//  t    tp fp  precision recall  F1           cost(1,1) cost(1,10)
//  0.9  1  0   1         .25     2/5          3          30
//  0.8  2  0   1         .5      4/6          2          20
//  0.7  2  1   2/3       .5      4/7          3          21
//  0.6  3  1   3/4       .75     6/8 = .75    2          11
//  0.5  3  2   3/5       .75     6/9          3          12
//  0.4  3  3   1/2       .75     6/10         4          13
//  0.3  4  3   4/7       1       8/11         3          3
//  0.2  4  4   1/2       1       8/12         4          4
//  none 0  0   0         0       0            4          40
const scores = f([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);
const y = u([1, 1, 0, 1, 0, 0, 1, 0]);

test('max-f1 picks 0.6 (F1 = 0.75) with its confusion counts', () => {
  const p = chooseThreshold(scores, y, { type: 'max-f1' });
  assert.equal(p.threshold, 0.6);
  assert.equal(p.f1, 0.75);
  assert.deepEqual([p.tp, p.fp, p.tn, p.fn], [3, 1, 3, 1]);
  assert.equal(p.falsePositiveRate, 0.25);
  assert.equal(p.satisfied, true);
});

test('target-precision: highest recall meeting the target, else the max-precision point flagged', () => {
  const a = chooseThreshold(scores, y, { type: 'target-precision', precision: 0.7 });
  assert.deepEqual([a.threshold, a.recall, a.precision, a.satisfied], [0.6, 0.75, 0.75, true]);
  const b = chooseThreshold(scores, y, { type: 'target-precision', precision: 0.95 });
  assert.deepEqual([b.threshold, b.recall, b.precision], [0.8, 0.5, 1]); // 0.9 and 0.8 both precise; 0.8 recalls more
  // Unreachable: best precision is ½ at 0.5 (0.9 alone has precision 0).
  const c = chooseThreshold(f([0.9, 0.5]), u([0, 1]), { type: 'target-precision', precision: 0.9 });
  assert.deepEqual([c.threshold, c.precision, c.satisfied], [0.5, 0.5, false]);
});

test('target-recall: highest precision meeting the recall', () => {
  const a = chooseThreshold(scores, y, { type: 'target-recall', recall: 0.9 });
  assert.deepEqual([a.threshold, a.recall, a.precision, a.satisfied], [0.3, 1, 4 / 7, true]);
  const b = chooseThreshold(scores, y, { type: 'target-recall', recall: 0.7 });
  assert.deepEqual([b.threshold, b.precision], [0.6, 0.75]);
  const none = chooseThreshold(f([0.3, 0.1]), u([0, 0]), { type: 'target-recall', recall: 0.5 });
  assert.deepEqual([none.threshold, none.satisfied], [0.1, false]);
});

test('cost: minimum expected cost, ties to the higher threshold; fnCost ≫ fpCost lowers it', () => {
  const even = chooseThreshold(scores, y, { type: 'cost', falsePositiveCost: 1, falseNegativeCost: 1 });
  assert.equal(even.threshold, 0.8); // cost 2 at 0.8 and 0.6; the higher one wins
  const missesHurt = chooseThreshold(scores, y, { type: 'cost', falsePositiveCost: 1, falseNegativeCost: 10 });
  assert.equal(missesHurt.threshold, 0.3);
  assert.ok(missesHurt.threshold < even.threshold);
  // When every flag is costly and the top score is a negative, flagging nothing is cheapest.
  const nothing = chooseThreshold(f([0.9, 0.5]), u([0, 1]), { type: 'cost', falsePositiveCost: 100, falseNegativeCost: 1 });
  assert.ok(nothing.threshold > 0.9 && nothing.threshold < 0.9 + 1e-15);
  assert.deepEqual([nothing.tp, nothing.fp, nothing.fn, nothing.precision], [0, 0, 1, 0]);
});

test('chooseThreshold max-f1 agrees with sklearn precision_recall_curve on the fixture', () => {
  const fx = JSON.parse(readFileSync(new URL('../../../test/fixtures/logreg-small.json', import.meta.url), 'utf8'));
  const p = chooseThreshold(Float64Array.from(fx.scores), Uint8Array.from(fx.labels), { type: 'max-f1' });
  assert.equal(p.threshold, fx.maxF1.threshold);
  assert.ok(Math.abs(p.f1 - fx.maxF1.f1) < 1e-12);
  assert.ok(Math.abs(p.precision - fx.maxF1.precision) < 1e-12);
  assert.ok(Math.abs(p.recall - fx.maxF1.recall) < 1e-12);
});

test('chooseThreshold with all-equal scores and with huge input', () => {
  const flat = chooseThreshold(f([2, 2, 2]), u([1, 0, 1]), { type: 'max-f1' });
  assert.deepEqual([flat.threshold, flat.tp, flat.fp], [2, 2, 1]);
  const n = 300_000;
  const s = new Float64Array(n);
  const yy = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = i / n; // rows above 0.9 are threats, plus every 10th row anywhere
    yy[i] = i >= 0.9 * n || i % 10 === 0 ? 1 : 0;
  }
  const p = chooseThreshold(s, yy, { type: 'target-precision', precision: 1 });
  assert.equal(p.threshold, 0.9);
  assert.equal(p.tp, 30_000);
});

test('chooseThreshold rejects empty input, NaN scores and out-of-range policies', () => {
  assert.throws(() => chooseThreshold(f([]), u([]), { type: 'max-f1' }), { code: 'INVALID_INPUT' });
  assert.throws(() => chooseThreshold(f([NaN]), u([1]), { type: 'max-f1' }), { code: 'INVALID_INPUT' });
  assert.throws(() => chooseThreshold(scores, y, { type: 'target-precision', precision: 2 }), { code: 'INVALID_INPUT' });
  assert.throws(() => chooseThreshold(scores, y, { type: 'cost', falsePositiveCost: -1, falseNegativeCost: 1 }), { code: 'INVALID_INPUT' });
});

test('parseThresholdPolicy reads the four forms and round-trips through formatThresholdPolicy', () => {
  const cases: [string, ThresholdPolicy][] = [
    ['max-f1', { type: 'max-f1' }],
    ['precision>=0.995', { type: 'target-precision', precision: 0.995 }],
    [' recall >= 0.9 ', { type: 'target-recall', recall: 0.9 }],
    ['cost:fp=1,fn=5', { type: 'cost', falsePositiveCost: 1, falseNegativeCost: 5 }],
    ['cost: fp = 0.5 , fn = 2e3', { type: 'cost', falsePositiveCost: 0.5, falseNegativeCost: 2000 }],
  ];
  for (const [text, policy] of cases) {
    assert.deepEqual(parseThresholdPolicy(text), policy);
    assert.deepEqual(parseThresholdPolicy(formatThresholdPolicy(policy)), policy);
  }
  for (const bad of ['', 'max_f1', 'precision>=1.5', 'precision>0.9', 'recall>=-0.1', 'recall>=abc', 'cost:fp=1', 'cost:fp=-1,fn=2', 'cost:fp=0,fn=0', 'precision>=0.9x']) {
    assert.throws(() => parseThresholdPolicy(bad), { code: 'INVALID_INPUT' }, bad);
  }
});
