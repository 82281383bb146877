import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, Gauge, type Registry } from 'prom-client';
import { wardenError } from '../../errors.js';

/**
 * One `/metrics` for a cluster. Each process keeps its own prom-client registry, and any worker
 * may answer a scrape; alone, its counters would jump between the workers' values from scrape to
 * scrape (and `rate()` would read those jumps as resets), and the primary's job-runner metrics
 * would never be seen. So the worker that gets the scrape asks the primary, which asks every
 * worker for its registry as JSON, adds its own, and merges them with prom-client's
 * `AggregatorRegistry.aggregate`: counters and histograms summed, gauges by the aggregator each
 * declares (`min` for "storage up", `max` for info and state gauges, the sum otherwise). A worker
 * that misses a scrape counts with its last report, and one that is gone (it died and was
 * forked again) keeps its counters and histograms in the sum, so the cluster's totals never go
 * down, which `rate()` would read as a reset. Scrapes that come while a merge is under way share it.
 */

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** A worker as the primary side uses it. */
type Member = Pick<Worker, 'isConnected' | 'send'>;

/** Any message on the channel, before its type is checked. */
interface Incoming {
  type?: unknown;
  id?: unknown;
  metrics?: unknown;
  text?: unknown;
  error?: unknown;
}

interface CollectMessage {
  type: 'metrics.collect';
  id: number;
}
interface CollectedMessage {
  type: 'metrics.collected';
  id: number;
  text?: string;
  error?: string;
}
interface ReportMessage {
  type: 'metrics.report';
  id: number;
}
interface ReportedMessage {
  type: 'metrics.reported';
  id: number;
  metrics: MetricsJson;
}

/** How long the primary waits for the workers' reports before merging what came. */
export const REPORT_TIMEOUT_MS = 1_000;
/** How long a worker waits for the primary's merged answer (longer than the primary's own wait). */
export const COLLECT_TIMEOUT_MS = 3_000;

/** The subset of `node:cluster` the primary side uses (so a test can drive it without forking). */
export interface ClusterLike {
  readonly workers?: NodeJS.Dict<Member>;
  on(event: 'message', listener: (worker: Member, message: unknown) => void): unknown;
  off(event: 'message', listener: (worker: Member, message: unknown) => void): unknown;
}

/**
 * Primary side: answers workers' `metrics.collect` with the merged text of every worker that
 * reports within `timeoutMs` and the primary's own registry (after `beforeMerge`, which brings
 * its gauges read on demand up to date). Two gauges say how complete the merge is. Returns a
 * function that stops listening.
 */
export function serveClusterMetrics(own: Registry, opts: { timeoutMs?: number; cluster?: ClusterLike; beforeMerge?: () => void } = {}): () => void {
  const timeoutMs = opts.timeoutMs ?? REPORT_TIMEOUT_MS;
  const hub: ClusterLike = opts.cluster ?? (cluster as unknown as ClusterLike);
  const expected = new Gauge({ name: 'warden_cluster_workers', help: 'Workers asked for their metrics in this scrape', aggregator: 'max', registers: [own] });
  const reporting = new Gauge({ name: 'warden_cluster_workers_reporting', help: 'Workers whose metrics are in this scrape (the rest did not answer in time)', aggregator: 'max', registers: [own] });
  let next = 1;
  const pending = new Map<number, (from: Member, metrics: MetricsJson) => void>();
  // Each worker's last report stands in when it misses a scrape, and a departed worker's
  // counters and histograms stay in the sum: a cluster total that went down would read as a
  // reset to rate(), which would then count the whole total again as new.
  const last = new Map<Member, MetricsJson>();
  let retired: MetricsJson = [];
  let inflight: Promise<string> | null = null;

  const merge = async (): Promise<string> => {
    const id = next++;
    const workers = Object.values(hub.workers ?? {}).filter((w) => w !== undefined && w.isConnected()) as Member[];
    const current = new Set(workers);
    const gone = [...last.keys()].filter((w) => !current.has(w));
    if (gone.length > 0) {
      const monotonic = gone.map((w) => last.get(w)!.filter((m) => String(m.type) === 'counter' || String(m.type) === 'histogram'));
      retired = await AggregatorRegistry.aggregate([retired, ...monotonic]).getMetricsAsJSON();
      for (const w of gone) last.delete(w);
    }
    let fresh = 0;
    await new Promise<void>((resolve) => {
      let waiting = workers.length;
      const timer = setTimeout(finish, timeoutMs);
      function finish(): void {
        clearTimeout(timer);
        pending.delete(id);
        resolve();
      }
      pending.set(id, (from, metrics) => {
        if (!current.has(from)) return;
        last.set(from, metrics);
        fresh++;
        if (--waiting === 0) finish();
      });
      for (const w of workers) w.send({ type: 'metrics.report', id } satisfies ReportMessage);
      if (waiting === 0) finish();
    });
    expected.set(workers.length);
    reporting.set(fresh);
    opts.beforeMerge?.();
    const reports = workers.map((w) => last.get(w)).filter((m) => m !== undefined);
    return AggregatorRegistry.aggregate([await own.getMetricsAsJSON(), retired, ...reports]).metrics();
  };

  // Scrapes that arrive while a merge is under way share it (one fan-out, whatever the scrape rate).
  const answer = async (asker: Member, askId: number): Promise<void> => {
    inflight ??= merge().finally(() => (inflight = null));
    let reply: CollectedMessage;
    try {
      reply = { type: 'metrics.collected', id: askId, text: await inflight };
    } catch (err) {
      reply = { type: 'metrics.collected', id: askId, error: (err as Error)?.message ?? String(err) };
    }
    if (asker.isConnected()) asker.send(reply);
  };

  const onMessage = (worker: Member, raw: unknown): void => {
    const msg = raw as Incoming | null;
    if (msg?.type === 'metrics.reported' && typeof msg.id === 'number') {
      if (Array.isArray(msg.metrics)) pending.get(msg.id)?.(worker, msg.metrics as MetricsJson);
    } else if (msg?.type === 'metrics.collect' && typeof msg.id === 'number') {
      void answer(worker, msg.id);
    }
  };
  hub.on('message', onMessage);
  return () => void hub.off('message', onMessage);
}

/** The subset of `process` a worker side uses. */
export interface ParentLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  send?(message: unknown, handle?: undefined, options?: object, callback?: (err: Error | null) => void): boolean;
  readonly connected?: boolean;
}

/**
 * Worker side: reports this worker's registry when the primary asks (after `beforeReport`,
 * which brings gauges read on demand up to date), and returns `collect`, which asks the primary
 * for the merged text of the whole cluster.
 */
export function clusterMetricsClient(
  registry: Registry,
  beforeReport: () => void,
  opts: { timeoutMs?: number; parent?: ParentLike } = {},
): { collect: () => Promise<string>; close: () => void } {
  const parent: ParentLike = opts.parent ?? (process as unknown as ParentLike);
  const timeoutMs = opts.timeoutMs ?? COLLECT_TIMEOUT_MS;
  let next = 1;
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void }>();
  const onMessage = (raw: unknown): void => {
    const msg = raw as Incoming | null;
    if (msg?.type === 'metrics.report' && typeof msg.id === 'number') {
      const id = msg.id;
      beforeReport();
      // A failed read is no report (the primary keeps this worker's last one). The callback keeps
      // a channel closed meanwhile (shutdown) from becoming an 'error' event on process.
      registry.getMetricsAsJSON().then(
        (metrics) => {
          if (parent.connected !== false) parent.send?.({ type: 'metrics.reported', id, metrics } satisfies ReportedMessage, undefined, {}, () => undefined);
        },
        () => undefined,
      );
    } else if (msg?.type === 'metrics.collected' && typeof msg.id === 'number') {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (typeof msg.text === 'string') w.resolve(msg.text);
      else w.reject(wardenError('METRICS_UNAVAILABLE', `the cluster's metrics could not be merged: ${String(msg.error ?? 'no answer')}`));
    }
  };
  parent.on('message', onMessage);
  const collect = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      if (!parent.send || parent.connected === false) {
        reject(wardenError('METRICS_UNAVAILABLE', 'the primary process is not reachable'));
        return;
      }
      const id = next++;
      const timer = setTimeout(() => {
        if (!waiting.delete(id)) return;
        reject(wardenError('METRICS_UNAVAILABLE', `the primary process did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      parent.send({ type: 'metrics.collect', id } satisfies CollectMessage);
    });
  return { collect, close: () => void parent.off('message', onMessage) };
}
