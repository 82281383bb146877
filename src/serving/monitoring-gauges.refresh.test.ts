import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../test/support/test-app.js';
import type { Detector } from '../detector/detector.js';
import { records, sampleTraffic } from '../monitoring/synthetic-traffic.test-support.js';
import { buildReference } from '../training/reference.js';
import { refreshMonitoringGauges, startMonitoringGauges } from './monitoring-gauges.js';

let t: TestApp;
const NOW = new Date('2026-05-10T12:00:00Z');

before(async () => {
  t = await testApp();
  const ref = sampleTraffic(10_000, 1);
  const reference = buildReference({ rawTexts: ref.texts, scores: ref.scores, rules: null });
  const detector = t.deps.models.current.detector;
  t.deps.models.set(Object.create(detector, { manifest: { value: { ...detector.manifest, reference } } }) as Detector);
  // Yesterday stable; the last hour shifted.
  const stable = sampleTraffic(2000, 2);
  const shifted = sampleTraffic(1000, 3, { threatRate: 0.6, scoreShift: 0.3 });
  await t.deps.stores.predictions.insertMany([
    ...records(stable.texts, stable.scores, new Date('2026-05-09T08:00:00Z')),
    ...records(shifted.texts, shifted.scores, new Date('2026-05-10T11:10:00Z')),
  ]);
});
after(async () => t.close());

function gaugeValue(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

test('refreshMonitoringGauges publishes PSI per window, drift flags, quality shares and the refresh time', async () => {
  const summary = await refreshMonitoringGauges(t.deps, undefined, NOW);
  const text = await t.deps.metrics.registry.metrics();
  const dayPsi = gaugeValue(text, 'warden_monitoring_score_psi', '{window="day"}')!;
  assert.ok(Math.abs(dayPsi - summary.drift!.windows.at(-1)!.psi) < 1e-9);
  assert.ok(dayPsi > 0.25, `day psi ${dayPsi}`);
  assert.equal(gaugeValue(text, 'warden_monitoring_score_drift_band', '{window="day"}'), 2);
  assert.ok(gaugeValue(text, 'warden_monitoring_score_psi', '{window="hour"}')! > 0.25);
  assert.equal(gaugeValue(text, 'warden_monitoring_quality_share', '{kind="empty"}'), 0);
  assert.equal(gaugeValue(text, 'warden_monitoring_quality_share', '{kind="hash_only"}'), 0);
  assert.ok(gaugeValue(text, 'warden_monitoring_feature_drift', '{feature="url_count"}') === 1);
  assert.ok(gaugeValue(text, 'warden_monitoring_alerts', '{kind="score_drift"}')! >= 1);
  assert.ok(gaugeValue(text, 'warden_monitoring_last_refresh_timestamp_seconds')! > 1.7e9);
  // No labels yet: no performance gauges.
  assert.equal(gaugeValue(text, 'warden_monitoring_tpr', '{model_version="v1"}'), null);
});

test('startMonitoringGauges can start twice on one registry and stops cleanly', async () => {
  const stop1 = startMonitoringGauges(t.deps, 60_000);
  const stop2 = startMonitoringGauges(t.deps, 60_000);
  stop1();
  stop2();
  const text = await t.deps.metrics.registry.metrics();
  assert.equal(text.split('\n').filter((l) => l.startsWith('# HELP warden_monitoring_score_psi ')).length, 1);
});
