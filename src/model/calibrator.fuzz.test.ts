import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalibrator } from './calibrator.js';
import { fitIsotonic } from './isotonic.js';
import { fitPlatt } from './platt.js';
import { chooseThreshold } from './choose-threshold.js';
import { binaryMetrics } from './binary-metrics.js';
import type { ThresholdPolicy } from './threshold-policy.js';

// Seeded invariants over many small random problems: calibrated probabilities lie in [0, 1] and
// are monotone in the score; an operating point agrees with binaryMetrics at its own threshold.
test('seeded fuzz: calibrators are monotone maps into [0,1]; operating points are self-consistent', () => {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const policies: ThresholdPolicy[] = [
    { type: 'max-f1' },
    { type: 'target-precision', precision: 0.8 },
    { type: 'target-recall', recall: 0.6 },
    { type: 'cost', falsePositiveCost: 1, falseNegativeCost: 3 },
  ];
  for (let trial = 0; trial < 300; trial++) {
    const n = 2 + Math.floor(rand() * 40);
    const s = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rand() < 0.4 ? 1 : 0;
      s[i] = Math.round((rand() * 6 - 3 + y[i] * rand() * 3) * 4) / 4;
    }
    y[0] = 1;
    y[1] = 0;
    const platt = fitPlatt(s, y);
    // Isotonic is non-decreasing by construction; Platt follows the sign of −a (a > 0 when the
    // random scores happen to anti-correlate with the labels).
    const direction = platt.type === 'platt' && platt.a > 0 ? -1 : 1;
    const calibrators: [(d: number) => number, number][] = [
      [createCalibrator(platt), direction],
      [createCalibrator(fitIsotonic(s, y)), 1],
    ];
    for (const [calibrate, sign] of calibrators) {
      let prev = NaN;
      for (let d = -6; d <= 6; d += 0.25) {
        const p = calibrate(d);
        assert.ok(p >= 0 && p <= 1, `p(${d}) = ${p}`);
        if (!Number.isNaN(prev)) assert.ok(sign * (p - prev) >= -1e-12, `not monotone at ${d}`);
        prev = p;
      }
    }
    for (const policy of policies) {
      const op = chooseThreshold(s, y, policy);
      const m = binaryMetrics(s, y, op.threshold);
      assert.deepEqual(m.confusion_matrix, { tp: op.tp, fp: op.fp, tn: op.tn, fn: op.fn });
      assert.equal(m.precision, op.precision);
      assert.equal(m.recall, op.recall);
      assert.equal(m.f1, op.f1);
    }
  }
});
