import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, PredictionRepository, type Database } from '../storage/index.js';
import { binCounts, psiFromCounts } from '../statistics/index.js';
import { buildReference, type MonitoringReference } from '../training/reference.js';
import { DEFAULT_MONITORING_CONFIG } from './config.js';
import { computeDrift } from './drift.js';
import { records, sampleTraffic } from './synthetic-traffic.test-support.js';
import { resolveRange } from './time-range.js';

let store: Database;
let reference: MonitoringReference;
const DAY1 = new Date('2026-03-01T00:00:00Z');
const DAY2 = new Date('2026-03-02T00:00:00Z');
const DAY3 = new Date('2026-03-03T00:00:00Z');

before(async () => {
  store = await openDatabase({ kind: 'pglite', dataDir: null });
  const ref = sampleTraffic(20_000, 1);
  reference = buildReference({ rawTexts: ref.texts, scores: ref.scores, rules: null });
  // Day 1: the same distribution (another seed). Day 2: every score shifted up by 0.3 and
  // three times as many threats. Day 3: 20 rows only.
  const stable = sampleTraffic(20_000, 2);
  const shifted = sampleTraffic(5_000, 3, { threatRate: 0.6, scoreShift: 0.3 });
  const few = sampleTraffic(20, 4, { threatRate: 0.9, scoreShift: 0.3 });
  const repo = new PredictionRepository(store.db);
  await repo.insertMany(records(stable.texts, stable.scores, DAY1));
  await repo.insertMany(records(shifted.texts, shifted.scores, DAY2));
  await repo.insertMany(records(few.texts, few.scores, DAY3));
});

after(async () => {
  await store.close();
});

test('computeDrift: a large stable day is stable — PSI < 0.1 and no tag or feature flagged despite 20,000 rows', async () => {
  const report = await computeDrift(store.db, reference, resolveRange({ window: 'day', from: DAY1, to: DAY2 }));
  assert.equal(report.windows.length, 1);
  const w = report.windows[0];
  assert.equal(w.start, DAY1.toISOString());
  assert.equal(w.count, 20_000);
  assert.ok(w.psi < 0.01, `psi ${w.psi}`);
  assert.equal(w.band, 'stable');
  assert.deepEqual(w.flaggedTags, []);
  assert.deepEqual(w.flaggedFeatures, []);
  assert.equal(w.drifted, false);
  // Same texts pool: the OOV rate is the reference's (0: every word of the pool repeats).
  assert.equal(w.oovRate, 0);
  assert.equal(w.oovSampled, DEFAULT_MONITORING_CONFIG.oovSampleSize);
});

test('computeDrift: without the correction and the effect floor, some of the 26 tags could flag; with them none does', async () => {
  const report = await computeDrift(store.db, reference, resolveRange({ window: 'day', from: DAY1, to: DAY2 }), { ...DEFAULT_MONITORING_CONFIG, correction: 'none', minTagShareDelta: 0, alpha: 0.5 });
  // At alpha 0.5 uncorrected, noise alone flags tags whose share actually varies.
  assert.ok(report.windows[0].flaggedTags.length > 0);
});

test('computeDrift: a shifted day is flagged — PSI > 0.25 (act), threat tags and digit/URL features drift', async () => {
  const report = await computeDrift(store.db, reference, resolveRange({ window: 'day', from: DAY1, to: new Date(DAY3.getTime() + 86_400_000) }));
  assert.equal(report.windows.length, 3);
  const [d1, d2, d3] = report.windows;
  assert.equal(d1.band, 'stable');
  assert.equal(d2.count, 5_000);
  assert.ok(d2.psi > 0.25, `psi ${d2.psi}`);
  assert.equal(d2.band, 'act');
  assert.ok(d2.flaggedTags.includes('link_present'), d2.flaggedTags.join());
  assert.ok(d2.flaggedFeatures.includes('url_count'));
  assert.equal(d2.drifted, true);
  // Day 3 has 20 rows: reported, never flagged.
  assert.equal(d3.count, 20);
  assert.equal(d3.lowCount, true);
  assert.equal(d3.drifted, false);
  assert.deepEqual(d3.flaggedTags, []);
  // Overall = all 25,020 rows; its score counts are the windows' sums.
  assert.equal(report.overall?.count, 25_020);
  for (let b = 0; b < d1.scoreCounts.length; b++) assert.equal(report.overall!.scoreCounts[b], d1.scoreCounts[b] + d2.scoreCounts[b] + d3.scoreCounts[b]);
});

test('computeDrift: PSI of a window equals psiFromCounts on counts binned in JS', async () => {
  const shifted = sampleTraffic(5_000, 3, { threatRate: 0.6, scoreShift: 0.3 });
  const expected = psiFromCounts(reference.score.counts, binCounts(reference.score.edges, shifted.scores));
  const report = await computeDrift(store.db, reference, resolveRange({ window: 'day', from: DAY2, to: DAY3 }));
  assert.ok(Math.abs(report.windows[0].psi - expected) < 1e-12, `${report.windows[0].psi} vs ${expected}`);
});

test('computeDrift: an empty range has no windows and no overall; a model_version filter excludes others', async () => {
  const empty = await computeDrift(store.db, reference, resolveRange({ window: 'hour', from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-01-02T00:00:00Z') }));
  assert.deepEqual(empty.windows, []);
  assert.equal(empty.overall, null);
  const other = await computeDrift(store.db, reference, resolveRange({ window: 'day', from: DAY1, to: DAY3, modelVersion: 'v9' }));
  assert.equal(other.windows.length, 0);
});

test('computeDrift: hour windows split a day into hours', async () => {
  const report = await computeDrift(store.db, reference, resolveRange({ window: 'hour', from: DAY1, to: DAY2 }));
  // 20,000 rows 1 ms apart span 20 s: all in the first hour.
  assert.equal(report.windows.length, 1);
  assert.equal(report.windows[0].start, DAY1.toISOString());
});
