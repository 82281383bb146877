import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../errors.js';
import { createMetrics, setWriterGauges, type Metrics } from '../metrics.js';
import { clusterMetricsClient, serveClusterMetrics, type ClusterLike, type ParentLike } from './metrics-channel.js';
import { promValue } from '../../../test/support/prom-text.js';

type Listener = (message: unknown) => void;
type HubListener = (worker: FakeWorker, message: unknown) => void;

/** A worker as the primary sees it, joined to that worker's `process` stand-in. */
class FakeWorker {
  readonly parent: ParentLike & { deliver(m: unknown): void };
  connected = true;
  /** When false the worker ignores report requests (a stuck worker). */
  answers = true;

  constructor(hub: FakeHub) {
    const listeners = new Set<Listener>();
    const self = this;
    this.parent = {
      on: (_e: 'message', l: Listener) => listeners.add(l),
      off: (_e: 'message', l: Listener) => listeners.delete(l),
      // worker → primary (structured clone, as the IPC channel copies)
      send: (m: unknown) => {
        setImmediate(() => hub.emit(self, structuredClone(m)));
        return true;
      },
      get connected() {
        return self.connected;
      },
      deliver: (m: unknown) => {
        if (!self.answers && (m as { type?: string }).type === 'metrics.report') return;
        for (const l of listeners) l(m);
      },
    };
  }

  isConnected(): boolean {
    return this.connected;
  }

  // primary → worker
  send(m: unknown): boolean {
    setImmediate(() => this.parent.deliver(structuredClone(m)));
    return true;
  }
}

class FakeHub implements ClusterLike {
  workers: NodeJS.Dict<FakeWorker> = {};
  private readonly listeners = new Set<HubListener>();
  on(_e: 'message', l: HubListener): this {
    this.listeners.add(l);
    return this;
  }
  off(_e: 'message', l: HubListener): this {
    this.listeners.delete(l);
    return this;
  }
  emit(w: FakeWorker, m: unknown): void {
    for (const l of this.listeners) l(w, m);
  }
}

function worker(hub: FakeHub, id: number, metrics: Metrics, buffered: number, timeoutMs = 2_000) {
  const w = new FakeWorker(hub);
  hub.workers[String(id)] = w;
  const client = clusterMetricsClient(metrics.registry, () => setWriterGauges(metrics, { buffered, dropped: 0, written: 100 * id, healthy: id !== 2 }), { parent: w.parent, timeoutMs });
  return { w, client };
}

test('a scrape through any worker sees the whole cluster: counters and histograms summed, gauges by their aggregator', async () => {
  const hub = new FakeHub();
  const primary = createMetrics();
  primary.jobRows.inc(7);
  primary.queueDepth.set(3);
  const stop = serveClusterMetrics(primary.registry, { cluster: hub, beforeMerge: () => setWriterGauges(primary, { buffered: 1, dropped: 0, written: 0, healthy: true }) });
  const a = createMetrics();
  const b = createMetrics();
  for (let i = 0; i < 3; i++) a.count.request('/v1/score', 'POST', 200);
  for (let i = 0; i < 2; i++) b.count.request('/v1/score', 'POST', 200);
  b.count.request('/v1/score', 'POST', 400);
  a.latency.observe({ route: '/v1/score', method: 'POST', status: '200' }, 0.002);
  b.latency.observe({ route: '/v1/score', method: 'POST', status: '200' }, 0.004);
  for (const m of [a, b]) m.modelInfo.set({ version: 'v1', model_id: 'abc', learner: 'logreg' }, 1);
  const wa = worker(hub, 1, a, 10);
  const wb = worker(hub, 2, b, 5);
  try {
    for (const client of [wa.client, wb.client]) {
      const text = await client.collect();
      assert.equal(promValue(text, 'warden_http_requests_total', { route: '/v1/score', status: '200' }), 5);
      assert.equal(promValue(text, 'warden_http_requests_total', { route: '/v1/score', status: '400' }), 1);
      assert.equal(promValue(text, 'warden_http_request_duration_seconds_count', { route: '/v1/score', status: '200' }), 2);
      assert.equal(promValue(text, 'warden_http_request_duration_seconds_sum', { route: '/v1/score', status: '200' }), 0.006);
      // the primary's job runner
      assert.equal(promValue(text, 'warden_job_rows_total'), 7);
      assert.equal(promValue(text, 'warden_job_queue_depth'), 3);
      // the same model in every process is one series at 1, not 3
      assert.equal(promValue(text, 'warden_model_info', { version: 'v1' }), 1);
      // writer gauges brought up to date in each worker before it reports, then summed
      assert.equal(promValue(text, 'warden_prediction_buffer'), 16);
      assert.equal(promValue(text, 'warden_prediction_records_written'), 300);
      // one worker's storage down: the cluster's is down
      assert.equal(promValue(text, 'warden_storage_up'), 0);
      assert.equal(promValue(text, 'warden_cluster_workers'), 2);
      assert.equal(promValue(text, 'warden_cluster_workers_reporting'), 2);
    }
  } finally {
    stop();
    wa.client.close();
    wb.client.close();
  }
});

test('a worker that does not answer is left out after the timeout, and the scrape says so', async () => {
  const hub = new FakeHub();
  const primary = createMetrics();
  const stop = serveClusterMetrics(primary.registry, { cluster: hub, timeoutMs: 50 });
  const a = createMetrics();
  const b = createMetrics();
  a.count.request('/v1/tag', 'POST', 200);
  b.count.request('/v1/tag', 'POST', 200);
  const wa = worker(hub, 1, a, 0);
  const wb = worker(hub, 3, b, 0);
  wb.w.answers = false;
  try {
    const text = await wa.client.collect();
    assert.equal(promValue(text, 'warden_http_requests_total', { route: '/v1/tag' }), 1);
    assert.equal(promValue(text, 'warden_cluster_workers'), 2);
    assert.equal(promValue(text, 'warden_cluster_workers_reporting'), 1);
  } finally {
    stop();
    wa.client.close();
    wb.client.close();
  }
});

test('without an answer from the primary a scrape fails with METRICS_UNAVAILABLE, and stray messages are ignored', async () => {
  const hub = new FakeHub(); // nobody serves the metrics on this hub
  const m = createMetrics();
  const { w, client } = worker(hub, 1, m, 0, 60);
  try {
    w.parent.deliver({ type: 'metrics.collected', id: 'not a number', text: 'x' });
    w.parent.deliver({ type: 'metrics.collected', id: 999, text: 'x' });
    await assert.rejects(client.collect(), (err: unknown) => isWardenError(err) && err.code === 'METRICS_UNAVAILABLE' && /did not answer within 60 ms/.test(err.message));
    w.connected = false;
    await assert.rejects(client.collect(), (err: unknown) => isWardenError(err) && err.code === 'METRICS_UNAVAILABLE' && /not reachable/.test(err.message));
  } finally {
    client.close();
  }
});

test('REVIEW: a worker that misses a scrape, or leaves, does not take its counts out of the cluster total', async () => {
  const hub = new FakeHub();
  const primary = createMetrics();
  const stop = serveClusterMetrics(primary.registry, { cluster: hub, timeoutMs: 50 });
  const a = createMetrics();
  const b = createMetrics();
  for (let i = 0; i < 3; i++) a.count.request('/v1/tag', 'POST', 200);
  for (let i = 0; i < 5; i++) b.count.request('/v1/tag', 'POST', 200);
  const wa = worker(hub, 1, a, 0);
  const wb = worker(hub, 3, b, 0);
  try {
    const total = async () => promValue(await wa.client.collect(), 'warden_http_requests_total', { route: '/v1/tag' });
    assert.equal(await total(), 8);
    wb.w.answers = false; // stuck for a scrape
    assert.equal(await total(), 8, 'a missed report must not read as a counter reset');
    delete hub.workers['3']; // exits
    assert.equal(await total(), 8, 'a departed worker must not read as a counter reset');
    const [x, y] = await Promise.all([wa.client.collect(), wa.client.collect()]);
    assert.equal(x, y);
  } finally {
    stop();
    wa.client.close();
    wb.client.close();
  }
});
