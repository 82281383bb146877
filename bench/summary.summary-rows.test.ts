import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pick, summaryRows } from './summary.js';

test('summaryRows marks each headline against its target', () => {
  const rows = summaryRows({
    score: { score: { perCpuSecond: 250_000 }, triage: { perCpuSecond: 3_000 }, load: { loadMsMedian: 180, rssAfterLoadMB: 74.4 } },
  });
  const byFigure = Object.fromEntries(rows.map((r) => [r.figure, r]));
  assert.equal(byFigure['detector.score msg/CPU-s'].met, '✓');
  assert.equal(byFigure['triage msg/CPU-s'].met, '✗');
  assert.equal(byFigure['triage msg/CPU-s'].target, '≥ 50000');
  assert.equal(byFigure['model load ms'].met, '✓');
  assert.equal(byFigure['RSS after load MB'].value, 74.4);
});

test('summaryRows skips absent figures and reports a failed bench as one row', () => {
  const rows = summaryRows({ http: { pglite: { saturation: { requestsPerSecond: 9_000 } }, postgres: null }, train: { error: 'warden train failed (1)\nstack' } });
  assert.deepEqual(rows.map((r) => [r.bench, r.figure, r.value, r.met]), [
    ['http', 'POST /v1/score req/s', 9000, '✗'],
    ['train', 'FAILED', 'warden train failed (1)', '✗'],
  ]);
});

test('summaryRows lists the numeric fields of benches without headlines, and their mean block', () => {
  const rows = summaryRows({ tags: { tagsPerSec: 1234, note: 'x', benchSeconds: 9 }, quality: { mean: { f1: 0.912345678 } } });
  assert.deepEqual(rows.map((r) => [r.figure, r.value]), [['tagsPerSec', 1234], ['mean f1', 0.9123]]);
});

test('pick follows a dotted path and stops at non-objects', () => {
  assert.equal(pick({ a: { b: { c: 3 } } }, 'a.b.c'), 3);
  assert.equal(pick({ a: 1 }, 'a.b'), undefined);
  assert.equal(pick(null, 'a'), undefined);
});
