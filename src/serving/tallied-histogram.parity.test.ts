import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { createRng } from '../data/random.js';
import { TalliedHistogram } from './tallied-histogram.js';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

function pair(labelNames: string[]) {
  const a = new Registry();
  const b = new Registry();
  const reference = new Histogram({ name: 'h_seconds', help: 'latency', labelNames, buckets: BUCKETS, registers: [a] });
  const tallied = new TalliedHistogram({ name: 'h_seconds', help: 'latency', labelNames, buckets: BUCKETS, registers: [b] });
  return { a, b, reference, tallied };
}

function values(json: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) {
  return json.map((m) => ({ ...m, values: m.values.map((v) => ({ value: v.value, labels: v.labels, metricName: (v as { metricName?: string }).metricName })) }));
}

test('the same observations give the same exposition and JSON as prom-client\'s Histogram', async () => {
  const rng = createRng(7);
  const { a, b, reference, tallied } = pair(['route', 'status']);
  const labelSets = [
    { route: '/v1/score', status: '200' },
    { route: '/v1/score', status: '400' },
    { route: '/v1/triage', status: '200' },
  ];
  for (let i = 0; i < 5_000; i++) {
    const l = labelSets[i % labelSets.length];
    // exact bucket bounds included (an observation equal to a bound counts in that bucket)
    const v = i % 11 === 0 ? BUCKETS[i % BUCKETS.length] : rng() ** 3 * 20;
    reference.observe(l, v);
    tallied.observe(l, v);
  }
  assert.equal(await b.metrics(), await a.metrics());
  assert.deepEqual(values(await b.getMetricsAsJSON()), values(await a.getMetricsAsJSON()));
  // the cluster merge reads both alike
  const merged = await AggregatorRegistry.aggregate([await b.getMetricsAsJSON(), await b.getMetricsAsJSON()]).metrics();
  const mergedRef = await AggregatorRegistry.aggregate([await a.getMetricsAsJSON(), await a.getMetricsAsJSON()]).metrics();
  assert.equal(merged, mergedRef);
});

test('equal labels in different objects are one series', async () => {
  const { a, b, reference, tallied } = pair(['route']);
  for (let i = 0; i < 40; i++) {
    const v = (i % 8) / 4; // sums exactly, whatever the order
    reference.observe({ route: '/x' }, v);
    tallied.observe({ route: '/x' }, v);
  }
  assert.equal(await b.metrics(), await a.metrics());
  assert.match(await b.metrics(), /^h_seconds_count\{route="\/x"\} 40$/m);
});

test('without labels: shown at zero before any observation, as prom-client shows it; reset; bad values refused', async () => {
  const { a, b, reference, tallied } = pair([]);
  assert.equal(await b.metrics(), await a.metrics());
  for (const v of [0, 0.3, 0.3, 7, 100]) {
    reference.observe(v);
    tallied.observe(v);
  }
  assert.equal(await b.metrics(), await a.metrics());
  assert.match(await b.metrics(), /^h_seconds_count 5$/m);
  b.resetMetrics();
  a.resetMetrics();
  assert.equal(await b.metrics(), await a.metrics());
  assert.throws(() => tallied.observe(Number.NaN), TypeError);
  assert.throws(() => tallied.observe(Number.POSITIVE_INFINITY), TypeError);
  assert.throws(() => new TalliedHistogram({ name: 'x', help: 'x', buckets: [1, 1], registers: [] }), /distinct/);
  const labelled = new TalliedHistogram({ name: 'y', help: 'y', labelNames: ['route'], buckets: [1], registers: [] });
  assert.throws(() => labelled.observe({ rout: '/x' } as never, 1), /unknown label 'rout'/);
});
