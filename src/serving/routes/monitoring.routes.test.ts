import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../../test/support/test-app.js';
import type { Detector } from '../../detector/detector.js';
import { records, sampleTraffic } from '../../monitoring/synthetic-traffic.test-support.js';
import { buildReference, type MonitoringReference } from '../../training/reference.js';

let t: TestApp;
const DAY0 = '2026-02-28T00:00:00.000Z';
const DAY1 = '2026-03-01T00:00:00.000Z';
const DAY2 = '2026-03-02T00:00:00.000Z';
const END = '2026-03-03T00:00:00.000Z';

before(async () => {
  t = await testApp();
  const { deps } = t;
  const rows = [...records(...pair(sampleTraffic(3000, 2)), new Date(DAY1)), ...records(...pair(sampleTraffic(3000, 3, { threatRate: 0.6, scoreShift: 0.3 })), new Date(DAY2))];
  // Day 0: 60 distinct messages (a label is per message) with analyst labels: 40 alerts labelled
  // benign (FPR far above 5%), 10 confirmed threats, 10 benign non-alerts.
  const texts = Array.from({ length: 60 }, (_, i) => `labelled message number ${i}`);
  const scores = Float64Array.from(texts, (_, i) => (i < 50 ? 0.9 : 0.1));
  const labelled = records(texts, scores, new Date(DAY0));
  await deps.stores.predictions.insertMany([...labelled, ...rows]);
  for (let i = 0; i < 60; i++) await deps.stores.feedback.add({ predictionId: labelled[i].id, label: i < 40 || i >= 50 ? 'benign' : 'spam' });
});
after(async () => t.close());

function pair(s: { texts: string[]; scores: Float64Array }): [string[], Float64Array] {
  return [s.texts, s.scores];
}

/** Serves the tiny model with the given monitoring reference in its manifest (undefined: none, like a model trained before monitoring). */
function serveWith(reference: MonitoringReference | undefined): void {
  const detector = t.deps.models.current.detector;
  t.deps.models.set(Object.create(detector, { manifest: { value: { ...detector.manifest, reference } } }) as Detector);
}

/** A reference from the same synthetic traffic as the stable day. */
function serveWithReference(): void {
  const ref = sampleTraffic(10_000, 1);
  serveWith(buildReference({ rawTexts: ref.texts, scores: ref.scores, rules: null }));
}

const q = `window=day&from=${DAY1}&to=${END}`;
const all = `window=day&from=${DAY0}&to=${END}`;

test('monitoring routes need the analyst role', async () => {
  const res = await t.app.inject({ url: `/v1/monitoring/quality?${q}`, headers: auth('scorer') });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'FORBIDDEN');
  const anon = await t.app.inject({ url: `/v1/monitoring/quality?${q}` });
  assert.equal(anon.statusCode, 401);
});

test('GET /v1/monitoring/drift is a 409 CONFLICT while the served model has no reference; the summary still answers', async () => {
  serveWith(undefined);
  const res = await t.app.inject({ url: `/v1/monitoring/drift?${q}`, headers: auth('analyst') });
  assert.equal(res.statusCode, 409, res.body);
  assert.equal(res.json().error.code, 'CONFLICT');
  const summary = await t.app.inject({ url: `/v1/monitoring/summary?${q}`, headers: auth('analyst') });
  assert.equal(summary.statusCode, 200, summary.body);
  assert.equal(summary.json().drift, null);
});

test('GET /v1/monitoring/drift: the stable day is stable, the shifted day is in the act band (snake_case JSON)', async () => {
  serveWithReference();
  const res = await t.app.inject({ url: `/v1/monitoring/drift?${q}`, headers: auth('analyst') });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.windows.length, 2);
  assert.deepEqual(body.windows.map((w: { start: string }) => w.start), [DAY1, DAY2]);
  assert.equal(body.windows[0].band, 'stable');
  assert.ok(body.windows[0].psi < 0.1);
  assert.equal(body.windows[1].band, 'act');
  assert.ok(body.windows[1].psi > 0.25);
  assert.ok(Array.isArray(body.windows[1].flagged_tags));
  assert.equal(body.windows[1].count, 3000);
  assert.equal(body.overall.count, 6000);
  assert.equal(typeof body.reference.oov_rate, 'number');
});

test('GET /v1/monitoring/performance: exact counts from the labels', async () => {
  const res = await t.app.inject({ url: `/v1/monitoring/performance?${all}`, headers: auth('analyst') });
  assert.equal(res.statusCode, 200, res.body);
  const [v] = res.json().versions;
  assert.equal(v.model_version, 'v1');
  assert.deepEqual([v.total.tp, v.total.fp, v.total.tn, v.total.fn, v.total.labels], [10, 40, 10, 0, 60]);
  assert.ok(Math.abs(v.total.fpr - 0.8) < 1e-12);
  assert.ok(Math.abs(v.total.precision - 0.2) < 1e-12);
  assert.equal(v.daily.length, 1);
  assert.equal(v.daily[0].day, '2026-02-28');
  // Rolling windows run from the first labelled day to the end of the range: 28 Feb → 2 Mar.
  assert.deepEqual(v.rolling7.map((r: { labels: number }) => r.labels), [60, 60, 60]);
  const none = await t.app.inject({ url: `/v1/monitoring/performance?${q}`, headers: auth('analyst') });
  assert.deepEqual(none.json().versions, []);
});

test('GET /v1/monitoring/summary raises the score-drift and FPR/precision alerts', async () => {
  const res = await t.app.inject({ url: `/v1/monitoring/summary?${all}`, headers: auth('analyst') });
  assert.equal(res.statusCode, 200, res.body);
  const kinds = res.json().alerts.map((a: { kind: string }) => a.kind);
  assert.ok(kinds.includes('score_drift'), kinds.join());
  assert.ok(kinds.includes('fpr_ceiling'), kinds.join());
  assert.ok(kinds.includes('precision_floor'), kinds.join());
  assert.ok(!kinds.includes('tpr_floor'), kinds.join());
  assert.equal(res.json().quality.overall.count, 6060);
});

test('GET /v1/monitoring/quality and bad parameters', async () => {
  const res = await t.app.inject({ url: `/v1/monitoring/quality?window=hour&from=${DAY1}&to=${END}`, headers: auth('analyst') });
  assert.equal(res.statusCode, 200);
  const scripts = res.json().overall.scripts;
  // Only the '£' prize message is not pure ASCII.
  assert.equal(scripts.ascii + scripts.other, 6000);
  assert.ok(scripts.other > 0 && scripts.ascii > 4000);
  assert.equal(res.json().windows.length, 2);
  const week = await t.app.inject({ url: '/v1/monitoring/quality?window=week', headers: auth('analyst') });
  assert.equal(week.statusCode, 400);
  const backwards = await t.app.inject({ url: `/v1/monitoring/quality?from=${END}&to=${DAY1}`, headers: auth('analyst') });
  assert.equal(backwards.statusCode, 400);
  assert.equal(backwards.json().error.code, 'INVALID_INPUT');
  const badDate = await t.app.inject({ url: '/v1/monitoring/performance?from=yesterday', headers: auth('analyst') });
  assert.equal(badDate.statusCode, 400);
});
