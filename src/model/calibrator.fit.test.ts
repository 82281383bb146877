import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCalibrator, type CalibratorSpec } from './calibrator.js';
import { fitIsotonic } from './isotonic.js';
import { fitPlatt } from './platt.js';

const fx = JSON.parse(readFileSync(new URL('../../../test/fixtures/logreg-small.json', import.meta.url), 'utf8'));
const scores = Float64Array.from(fx.scores);
const labels = Uint8Array.from(fx.labels);

test('fitIsotonic + createCalibrator match sklearn IsotonicRegression(out_of_bounds="clip") to 1e-9', () => {
  const spec = fitIsotonic(scores, labels);
  const calibrate = createCalibrator(spec);
  const query: number[] = fx.isotonic.query;
  const expected: number[] = fx.isotonic.predicted;
  for (let k = 0; k < query.length; k++) {
    assert.ok(Math.abs(calibrate(query[k]) - expected[k]) <= 1e-9, `at ${query[k]}: ${calibrate(query[k])} vs ${expected[k]}`);
  }
});

test('fitIsotonic pools violators by hand and survives a JSON round trip', () => {
  // Sorted x: 1,2,3,4 with y 0,1,0,1 → blocks {1}:0, {2,3}:0.5, {4}:1.
  const spec = fitIsotonic(Float64Array.from([3, 1, 4, 2]), Uint8Array.from([0, 0, 1, 1]));
  assert.deepEqual(spec, { type: 'isotonic', x: [1, 2, 3, 4], y: [0, 0.5, 0.5, 1] });
  const calibrate = createCalibrator(JSON.parse(JSON.stringify(spec)) as CalibratorSpec);
  assert.equal(calibrate(1.5), 0.25);
  assert.equal(calibrate(-100), 0);
  assert.equal(calibrate(100), 1);
  assert.ok(Number.isNaN(calibrate(NaN)));
  // One class gives a constant map; all-equal scores give a single point.
  assert.deepEqual(fitIsotonic(Float64Array.from([1, 2]), Uint8Array.from([1, 1])), { type: 'isotonic', x: [1, 2], y: [1, 1] });
  assert.deepEqual(fitIsotonic(Float64Array.from([5, 5, 5]), Uint8Array.from([1, 0, 0])), { type: 'isotonic', x: [5], y: [1 / 3] });
  assert.equal(createCalibrator({ type: 'isotonic', x: [5], y: [1 / 3] })(7), 1 / 3);
});

test('fitPlatt matches sklearn _sigmoid_calibration', () => {
  const spec = fitPlatt(scores, labels);
  assert.equal(spec.type, 'platt');
  if (spec.type !== 'platt') return;
  // sklearn minimises the same objective with BFGS; agreement is to its gtol, not to rounding.
  assert.ok(Math.abs(spec.a - fx.platt.a) <= 1e-4, `a ${spec.a} vs ${fx.platt.a}`);
  assert.ok(Math.abs(spec.b - fx.platt.b) <= 1e-4, `b ${spec.b} vs ${fx.platt.b}`);
  const calibrate = createCalibrator(spec);
  assert.ok(Math.abs(calibrate(0) - 1 / (1 + Math.exp(fx.platt.b))) <= 1e-4);
});

test('fitPlatt on perfectly separable scores stays finite thanks to the target smoothing', () => {
  const d = Float64Array.from([-3, -2, -1, 1, 2, 3]);
  const spec = fitPlatt(d, Uint8Array.from([0, 0, 0, 1, 1, 1]));
  if (spec.type !== 'platt') throw new Error('expected platt');
  assert.ok(Number.isFinite(spec.a) && Number.isFinite(spec.b));
  assert.ok(spec.a < 0, 'higher scores must mean higher probability');
  const calibrate = createCalibrator(spec);
  // Targets are 4/5 and 1/5, so the fitted probabilities are bounded away from 0 and 1.
  assert.ok(calibrate(3) > 0.5 && calibrate(3) < 0.999, `${calibrate(3)}`);
  assert.ok(calibrate(-3) < 0.5 && calibrate(-3) > 0.001, `${calibrate(-3)}`);
  assert.ok(Math.abs(calibrate(0) - 0.5) < 1e-6); // symmetric data → b ≈ 0
  assert.equal(createCalibrator(spec)(1e308), 1);
  assert.equal(createCalibrator(spec)(-1e308), 0);
});

test('identity-sigmoid is the logistic function and is stable at the extremes', () => {
  const sig = createCalibrator({ type: 'identity-sigmoid' });
  assert.equal(sig(0), 0.5);
  assert.ok(Math.abs(sig(2) - 1 / (1 + Math.exp(-2))) < 1e-15);
  assert.equal(sig(-1000), 0);
  assert.equal(sig(1000), 1);
});

test('calibration rejects bad input and malformed specs', () => {
  assert.throws(() => fitPlatt(Float64Array.from([1, NaN]), Uint8Array.from([0, 1])), { code: 'INVALID_INPUT' });
  assert.throws(() => fitPlatt(Float64Array.from([1, 2]), Uint8Array.from([1, 1])), { code: 'ONE_CLASS' });
  assert.throws(() => fitPlatt(Float64Array.from([1]), Uint8Array.from([0, 1])), { code: 'INVALID_INPUT' });
  assert.throws(() => fitIsotonic(new Float64Array(0), new Uint8Array(0)), { code: 'INVALID_INPUT' });
  assert.throws(() => createCalibrator({ type: 'isotonic', x: [2, 1], y: [0, 1] }), { code: 'INVALID_INPUT' });
  assert.throws(() => createCalibrator({ type: 'isotonic', x: [], y: [] }), { code: 'INVALID_INPUT' });
  assert.throws(() => createCalibrator({ type: 'platt', a: NaN, b: 0 }), { code: 'INVALID_INPUT' });
  assert.throws(() => createCalibrator({ type: 'beta' } as unknown as CalibratorSpec), { code: 'INVALID_INPUT' });
});
