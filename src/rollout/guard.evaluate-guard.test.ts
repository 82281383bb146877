import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GUARD_POLICY, evaluateGuard, type ArmStats } from './guard.js';

const arm = (version: string, o: Partial<ArmStats> = {}): ArmStats => ({ version, requests: 1000, errors: 0, meanLatencyUs: 200, tp: 50, fp: 2, tn: 98, fn: 5, ...o });

test('no rule fires when the canary matches production', () => {
  const d = evaluateGuard(arm('v1'), arm('v2'));
  assert.equal(d.rollback, false);
  assert.deepEqual(d.reasons, []);
  assert.ok(Math.abs(d.figures.productionFpr! - 0.02) < 1e-12);
  assert.ok(Math.abs(d.figures.canaryFpr! - 0.02) < 1e-12);
  assert.equal(d.figures.latencyRatio, 1);
});

test('FPR rule: fires above production × 1.5 with enough labels, not at or below it', () => {
  // production FPR 4/100 = 0.04; ×1.5 = 0.06.
  const prod = arm('v1', { fp: 4, tn: 96 });
  const fired = evaluateGuard(prod, arm('v2', { fp: 7, tn: 93 }));
  assert.equal(fired.rollback, true);
  assert.match(fired.reasons[0], /FPR 7\.00% exceeds production v1 FPR 4\.00% by more than 50%/);
  assert.equal(evaluateGuard(prod, arm('v2', { fp: 6, tn: 94 })).rollback, false, 'exactly ×1.5 is allowed');
  // Too few benign labels on the canary: no verdict yet.
  assert.equal(evaluateGuard(prod, arm('v2', { fp: 5, tn: 5 })).rollback, false);
  assert.equal(evaluateGuard(prod, arm('v2', { fp: 5, tn: 15 })).rollback, true, '20 labels is the minimum');
});

test('FPR rule with production FPR 0 needs the absolute margin', () => {
  const prod = arm('v1', { fp: 0, tn: 100 });
  assert.equal(evaluateGuard(prod, arm('v2', { fp: 1, tn: 199 })).rollback, false, '0.5% is inside the 1-point margin');
  assert.equal(evaluateGuard(prod, arm('v2', { fp: 3, tn: 97 })).rollback, true);
});

test('error-rate and latency rules, each only with enough requests', () => {
  const e = evaluateGuard(arm('v1'), arm('v2', { requests: 900, errors: 100 }));
  assert.equal(e.rollback, true);
  assert.match(e.reasons[0], /error rate 10\.00%/);
  assert.ok(Math.abs(e.figures.canaryErrorRate! - 0.1) < 1e-12);
  assert.equal(evaluateGuard(arm('v1'), arm('v2', { requests: 10, errors: 5 })).rollback, false, 'below minRequests');
  const slow = evaluateGuard(arm('v1'), arm('v2', { meanLatencyUs: 700 }));
  assert.equal(slow.rollback, true);
  assert.match(slow.reasons[0], /3\.50× production's/);
  assert.equal(evaluateGuard(arm('v1'), arm('v2', { meanLatencyUs: 590 })).rollback, false);
});

test('empty arms and a custom policy', () => {
  const empty = { version: 'v', requests: 0, errors: 0, meanLatencyUs: null, tp: 0, fp: 0, tn: 0, fn: 0 };
  const d = evaluateGuard(empty, { ...empty, version: 'w' });
  assert.equal(d.rollback, false);
  assert.deepEqual(d.figures, { productionFpr: null, canaryFpr: null, productionErrorRate: null, canaryErrorRate: null, latencyRatio: null });
  const strict = { ...DEFAULT_GUARD_POLICY, maxFprRatio: 1.1, minNegativeLabels: 5 };
  assert.equal(evaluateGuard(arm('v1', { fp: 4, tn: 96 }), arm('v2', { fp: 5, tn: 45 }), strict).rollback, true);
});
