import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGuard, DEFAULT_GUARD } from './guard.js';
import { RetrainPolicy } from './retrain-policy.js';

const prod = { recall: 0.9, fpr: 0.01, precision: 0.95, f1: 0.92 };

test('guard passes a candidate within the limits and names every failed metric', () => {
  assert.equal(checkGuard(prod, { recall: 0.891, fpr: 0.0149, precision: 0.5, f1: 0.5 }).promotable, true);
  const bad = checkGuard(prod, { recall: 0.88, fpr: 0.016, precision: 0.95, f1: 0.92 });
  assert.equal(bad.promotable, false);
  assert.equal(bad.reasons.length, 2);
  assert.match(bad.reasons[0], /^recall fell by 0\.0200/);
  assert.match(bad.reasons[1], /^fpr rose by 0\.0060/);
  const fprCheck = bad.checks.find((c) => c.metric === 'fpr')!;
  assert.ok(Math.abs(fprCheck.difference - 0.006) < 1e-12);
});

test('guard limits are exact at the boundary, optional, and validated', () => {
  assert.equal(checkGuard(prod, { ...prod, recall: 0.89, fpr: 0.015 }).promotable, true);
  const strict = { ...DEFAULT_GUARD, maxPrecisionDrop: 0, maxF1Drop: 0.001 };
  const r = checkGuard(prod, { ...prod, precision: 0.949 }, strict);
  assert.equal(r.promotable, false);
  assert.equal(r.checks.length, 4);
  const off = checkGuard(prod, { recall: 0, fpr: 1, precision: 0, f1: 0 }, { maxRecallDrop: null, maxFprRise: null, maxPrecisionDrop: null, maxF1Drop: null });
  assert.deepEqual(off, { promotable: true, checks: [], reasons: [] });
  assert.throws(() => checkGuard(prod, prod, { ...DEFAULT_GUARD, maxFprRise: -1 }), { code: 'INVALID_INPUT' });
  assert.throws(() => checkGuard(prod, prod, { ...DEFAULT_GUARD, maxRecallDrop: Number.NaN }), { code: 'INVALID_INPUT' });
});

test('retrain policy: labels, drift band, performance alert, cool-down', () => {
  const p = new RetrainPolicy({ minNewLabels: 100, driftBand: 'act', coolDownHours: 24 });
  const now = new Date('2026-03-03T14:00:00Z');
  const base = { now, lastRetrainAt: null, newLabels: 0, driftBand: 'stable' as const, performanceAlert: false };
  assert.deepEqual(p.shouldRetrain(base), { retrain: false, reasons: [] });
  assert.deepEqual(p.shouldRetrain({ ...base, newLabels: 100 }).reasons, ['100 new labels (≥ 100)']);
  assert.equal(p.shouldRetrain({ ...base, driftBand: 'watch' }).retrain, false);
  assert.equal(p.shouldRetrain({ ...base, driftBand: 'act' }).retrain, true);
  assert.equal(p.shouldRetrain({ ...base, performanceAlert: true }).retrain, true);
  const recent = p.shouldRetrain({ ...base, newLabels: 500, lastRetrainAt: new Date('2026-03-03T02:00:00Z') });
  assert.equal(recent.retrain, false);
  assert.match(recent.reasons[0], /^cool-down/);
  assert.equal(p.shouldRetrain({ ...base, newLabels: 500, lastRetrainAt: new Date('2026-03-02T13:59:00Z') }).retrain, true);
  assert.equal(new RetrainPolicy({ driftBand: 'watch' }).shouldRetrain({ ...base, driftBand: 'act' }).retrain, true);
  assert.throws(() => new RetrainPolicy({ minNewLabels: 0 }), { code: 'INVALID_INPUT' });
  assert.throws(() => new RetrainPolicy({ coolDownHours: -1 }), { code: 'INVALID_INPUT' });
});
