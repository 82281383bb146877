import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FeedbackRepository, openDatabase, preparePrediction, PredictionRepository, type Database } from '../storage/index.js';
import { computePerformance, figures } from './performance.js';
import { resolveRange } from './time-range.js';

let store: Database;
const D1 = new Date('2026-03-01T10:00:00Z');
const D2 = new Date('2026-03-02T10:00:00Z');
const D9 = new Date('2026-03-09T10:00:00Z');

/** One prediction by `version` at `at`, labelled `label` by an analyst (by id, or by text when byText). */
async function labelled(version: string, at: Date, predicted: boolean, label: string | null, i: number, byText = false): Promise<void> {
  const text = `message ${version} ${at.toISOString()} ${i}`;
  const p = preparePrediction(
    { text, riskScore: predicted ? 0.9 : 0.1, label: predicted ? 'spam' : 'benign', isThreat: predicted, threshold: 0.5, modelVersion: version, latencyUs: 10, source: 'test' },
    { storeText: true, now: new Date(at.getTime() + i) },
  );
  await new PredictionRepository(store.db).insertMany([p]);
  if (label !== null) await new FeedbackRepository(store.db).add(byText ? { text, label } : { predictionId: p.id, label });
}

before(async () => {
  store = await openDatabase({ kind: 'pglite', dataDir: null });
  let i = 0;
  // v1, day 1: TP 8, FN 2, FP 1, TN 9 (+ 5 unlabelled predictions that must not count).
  for (let k = 0; k < 8; k++) await labelled('v1', D1, true, k % 2 ? 'spam' : 'phishing', i++);
  for (let k = 0; k < 2; k++) await labelled('v1', D1, false, 'phishing', i++);
  await labelled('v1', D1, true, 'benign', i++);
  for (let k = 0; k < 9; k++) await labelled('v1', D1, false, 'benign', i++, k < 4);
  for (let k = 0; k < 5; k++) await labelled('v1', D1, true, null, i++);
  // v1, day 2: TP 1, FP 3.
  await labelled('v1', D2, true, 'spam', i++);
  for (let k = 0; k < 3; k++) await labelled('v1', D2, true, 'benign', i++);
  // v1, day 9: TN 2 (day 9 is outside the 7 days ending day 7's rolling window of day 1).
  for (let k = 0; k < 2; k++) await labelled('v1', D9, false, 'benign', i++);
  // v2, day 2: TP 3, FN 1.
  for (let k = 0; k < 3; k++) await labelled('v2', D2, true, 'phishing', i++);
  await labelled('v2', D2, false, 'spam', i++);
});

after(async () => {
  await store.close();
});

test('computePerformance: exact daily confusion counts per version, labels by id and by text hash', async () => {
  const report = await computePerformance(store.db, resolveRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' }));
  assert.deepEqual(report.versions.map((v) => v.modelVersion), ['v1', 'v2']);
  const v1 = report.versions[0];
  assert.deepEqual(
    v1.daily.map((d) => [d.day, d.tp, d.fp, d.tn, d.fn, d.labels]),
    [
      ['2026-03-01', 8, 1, 9, 2, 20],
      ['2026-03-02', 1, 3, 0, 0, 4],
      ['2026-03-09', 0, 0, 2, 0, 2],
    ],
  );
  const d1 = v1.daily[0];
  assert.ok(Math.abs(d1.tpr! - 0.8) < 1e-12);
  assert.ok(Math.abs(d1.fpr! - 0.1) < 1e-12);
  assert.ok(Math.abs(d1.precision! - 8 / 9) < 1e-12);
  assert.ok(Math.abs(d1.f1! - (2 * 0.8 * (8 / 9)) / (0.8 + 8 / 9)) < 1e-12);
  assert.deepEqual([v1.total.tp, v1.total.fp, v1.total.tn, v1.total.fn, v1.total.labels], [9, 4, 11, 2, 26]);
  const v2 = report.versions[1];
  assert.deepEqual([v2.total.tp, v2.total.fn, v2.total.fp, v2.total.labels], [3, 1, 0, 4]);
  assert.equal(v2.total.fpr, null); // no negatives labelled
  assert.equal(v2.total.precision, 1);
});

test('computePerformance: rolling 7- and 30-day windows sum the daily counts, one entry per day', async () => {
  const report = await computePerformance(store.db, resolveRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' }));
  const v1 = report.versions[0];
  assert.equal(v1.rolling7.length, 9); // 1 → 9 March
  const byDay = new Map(v1.rolling7.map((r) => [r.day, r]));
  assert.deepEqual([byDay.get('2026-03-02')!.tp, byDay.get('2026-03-02')!.fp, byDay.get('2026-03-02')!.labels], [9, 4, 24]);
  // 9 March's 7 days are 3–9 March: only the day-9 labels.
  assert.deepEqual([byDay.get('2026-03-09')!.tn, byDay.get('2026-03-09')!.labels], [2, 2]);
  assert.equal(byDay.get('2026-03-09')!.tpr, null);
  assert.equal(byDay.get('2026-03-05')!.labels, 24);
  assert.equal(v1.rolling30.at(-1)!.labels, 26);
});

test('computePerformance: a range without labels gives no versions; a version filter keeps one', async () => {
  const none = await computePerformance(store.db, resolveRange({ from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }));
  assert.deepEqual(none.versions, []);
  const v2 = await computePerformance(store.db, resolveRange({ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z', modelVersion: 'v2' }));
  assert.deepEqual(v2.versions.map((v) => v.modelVersion), ['v2']);
});

test('figures: 0/0 rates are null, F1 is 0 when nothing is right', () => {
  assert.deepEqual(figures({ tp: 0, fp: 0, tn: 0, fn: 0 }), { labels: 0, tp: 0, fp: 0, tn: 0, fn: 0, tpr: null, fpr: null, precision: null, f1: null });
  const f = figures({ tp: 0, fp: 3, tn: 1, fn: 2 });
  assert.equal(f.tpr, 0);
  assert.equal(f.precision, 0);
  assert.equal(f.f1, 0);
  assert.equal(f.fpr, 0.75);
});
