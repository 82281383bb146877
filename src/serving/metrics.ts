import { Counter, Gauge, Registry, collectDefaultMetrics, type CounterConfiguration, type LabelValues } from 'prom-client';
import { TalliedHistogram } from './tallied-histogram.js';

/**
 * Counter increments made on the request path, tallied in a Map under a key the caller already
 * has and handed to prom-client whenever the counter is read (every scrape, and `get()`):
 * prom-client's own `inc` builds and checks a label hash on each call, which showed in the
 * profiles at thousands of requests a second. What a scrape sees is the same.
 */
export interface CounterTally<T extends string> {
  /** Adds `n` (default 1) under `key`; `labels` is called once per new key. Returns the key's labels. */
  add(key: string, labels: () => LabelValues<T>, n?: number): LabelValues<T>;
}

function talliedCounter<T extends string>(config: CounterConfiguration<T>): { counter: Counter<T>; tally: CounterTally<T> } {
  const pending = new Map<string, { labels: LabelValues<T>; n: number }>();
  const counter = new Counter<T>({
    ...config,
    collect() {
      for (const e of pending.values()) {
        if (e.n === 0) continue;
        this.inc(e.labels, e.n);
        e.n = 0;
      }
    },
  });
  const tally: CounterTally<T> = {
    add(key, labels, n = 1) {
      let e = pending.get(key);
      if (e === undefined) pending.set(key, (e = { labels: labels(), n: 0 }));
      e.n += n;
      return e.labels;
    },
  };
  return { counter, tally };
}

/**
 * The app's own Prometheus registry and instruments (never the global default registry).
 * `processMetrics: false` leaves out the process collectors (a throwaway registry, e.g. the
 * warm-up's, would otherwise keep an event-loop monitor running).
 */
export function createMetrics(opts: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'warden_process_' });
  const requests = talliedCounter({ name: 'warden_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const labels = talliedCounter({ name: 'warden_predictions_total', help: 'Predictions served by label and model version', labelNames: ['label', 'model_version'], registers: [registry] });
  const tags = talliedCounter({ name: 'warden_tags_total', help: 'Tags found in analysed messages', labelNames: ['tag'], registers: [registry] });
  const m = {
    registry,
    requests: requests.counter,
    // Tallied on the request path (see TalliedHistogram): the same series as prom-client's Histogram.
    latency: new TalliedHistogram<'route' | 'method' | 'status'>({
      name: 'warden_http_request_duration_seconds',
      help: 'HTTP request latency by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    scores: new TalliedHistogram({ name: 'warden_risk_score', help: 'Distribution of risk scores served', buckets: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99], registers: [registry] }),
    labels: labels.counter,
    tags: tags.counter,
    /** The request path's counters, tallied (see {@link CounterTally}); same series as `requests`, `labels` and `tags`. */
    count: {
      /** One HTTP request; returns its labels (reuse them for the latency histogram). */
      request: (route: string, method: string, status: number) =>
        requests.tally.add(`${method} ${status} ${route}`, () => ({ route, method, status: String(status) })),
      /** `n` predictions with this label from this model version. */
      predictions: (label: string, modelVersion: string, n = 1) => void labels.tally.add(`${label} ${modelVersion}`, () => ({ label, model_version: modelVersion }), n),
      /** `n` messages carrying this tag. */
      tag: (tag: string, n = 1) => void tags.tally.add(tag, () => ({ tag }), n),
    },
    // Gauges say how a cluster's processes merge on a scrape (cluster/metrics-channel.ts): info
    // and state by max, "up" by min, amounts (buffered, written, ...) summed.
    modelInfo: new Gauge({ name: 'warden_model_info', help: 'The model version being served (value 1)', labelNames: ['version', 'model_id', 'learner'], aggregator: 'max', registers: [registry] }),
    modelSwaps: new Counter({ name: 'warden_model_swaps_total', help: 'Model hot swaps', registers: [registry] }),
    queueDepth: new Gauge({ name: 'warden_job_queue_depth', help: 'Job rows waiting to be scored', registers: [registry] }),
    jobRows: new Counter({ name: 'warden_job_rows_total', help: 'Job rows scored', registers: [registry] }),
    dbErrors: new Counter({ name: 'warden_db_errors_total', help: 'Database errors (writes and queries)', registers: [registry] }),
    buffered: new Gauge({ name: 'warden_prediction_buffer', help: 'Prediction records waiting to be written', registers: [registry] }),
    dropped: new Gauge({ name: 'warden_prediction_records_dropped', help: 'Prediction records dropped because the buffer bound was reached', registers: [registry] }),
    written: new Gauge({ name: 'warden_prediction_records_written', help: 'Prediction records written to the database', registers: [registry] }),
    storageUp: new Gauge({ name: 'warden_storage_up', help: '1 when the database accepts writes', aggregator: 'min', registers: [registry] }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The prediction writer's gauges, read on demand (before a scrape or a report to the primary). */
export function setWriterGauges(metrics: Metrics, w: { buffered: number; dropped: number; written: number; healthy: boolean }): void {
  metrics.buffered.set(w.buffered);
  metrics.dropped.set(w.dropped);
  metrics.written.set(w.written);
  metrics.storageUp.set(w.healthy ? 1 : 0);
}
