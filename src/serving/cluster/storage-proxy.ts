import type { Worker } from 'node:cluster';
import { wardenError, isWardenError, type ErrorCode } from '../../errors.js';
import { createPredictionWriter, pagedResults, type Database, type JobResultRecord, type PredictionWriterOptions } from '../../storage/index.js';

import type { Stores } from '../app-deps.js';
import { predictionChannelSink } from './prediction-channel.js';

/**
 * With the embedded database (PGlite: one process, one connection) and several HTTP workers,
 * the primary process owns the database and workers reach it through this IPC proxy: the same
 * repository methods, called by name, with arguments and results passed by structured clone
 * (cluster `serialization: 'advanced'`, so Dates survive). With PostgreSQL, workers connect
 * directly and this is not used.
 */
type Repo = 'predictions' | 'feedback' | 'jobs' | 'audit' | 'database' | 'modelRegistry' | 'monitoring';
const REPOS: readonly Repo[] = ['predictions', 'feedback', 'jobs', 'audit', 'database', 'modelRegistry', 'monitoring'];

interface CallMessage {
  type: 'storage.call';
  id: number;
  repo: Repo;
  method: string;
  args: unknown[];
}
interface ResultMessage {
  type: 'storage.result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { code: ErrorCode | null; message: string };
}

/** Primary side: answers a worker's storage calls with the real stores. */
export function serveStorage(worker: Worker, stores: Omit<Stores, 'writer'>): void {
  worker.on('message', (msg: CallMessage) => {
    if (msg?.type !== 'storage.call') return;
    const target = stores[msg.repo] as unknown as Record<string, (...a: unknown[]) => unknown>;
    const reply = (r: Omit<ResultMessage, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: 'storage.result', id: msg.id, ...r });
    };
    if (!REPOS.includes(msg.repo) || typeof target?.[msg.method] !== 'function' || msg.method.startsWith('_')) {
      reply({ ok: false, error: { code: 'INTERNAL', message: `no storage method ${msg.repo}.${msg.method}` } });
      return;
    }
    Promise.resolve()
      .then(() => target[msg.method](...msg.args))
      .then(
        (value) => reply({ ok: true, value }),
        (err: unknown) => reply({ ok: false, error: { code: isWardenError(err) ? err.code : null, message: (err as Error)?.message ?? String(err) } }),
      );
  });
}

/**
 * The two job methods that take or give async iterables cannot cross IPC as such: the input
 * rows are collected first (bounded by the upload limit), results are read page by page.
 */
function jobsProxy(base: Stores['jobs'], call: (repo: Repo, method: string, args: unknown[]) => Promise<unknown>): Stores['jobs'] {
  return new Proxy(base, {
    get(target, method) {
      if (method === 'create') {
        return async (job: unknown, rows: Iterable<unknown> | AsyncIterable<unknown>) => {
          const all: unknown[] = [];
          for await (const r of rows as AsyncIterable<unknown>) all.push(r);
          return call('jobs', 'create', [job, all]);
        };
      }
      if (method === 'results') {
        return (jobId: string, pageSize = 1000) =>
          pagedResults((after, limit) => call('jobs', 'resultsPage', [jobId, after, limit]) as Promise<JobResultRecord[]>, pageSize);
      }
      return (target as unknown as Record<string | symbol, unknown>)[method];
    },
  });
}

/** Worker side: stores whose every method is a call to the primary. */
export function proxyStores(writerOptions: PredictionWriterOptions): Stores {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  process.on('message', (msg: ResultMessage) => {
    if (msg?.type !== 'storage.result') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else if (msg.error?.code) p.reject(wardenError(msg.error.code, msg.error.message));
    else p.reject(wardenError('STORAGE_UNAVAILABLE', `storage call failed: ${msg.error?.message ?? 'unknown error'}`));
  });
  const call = (repo: Repo, method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!process.send || !process.connected) {
        reject(wardenError('STORAGE_UNAVAILABLE', 'the primary process is not reachable'));
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      process.send({ type: 'storage.call', id, repo, method, args } satisfies CallMessage);
    });
  const proxy = <T>(repo: Repo): T =>
    new Proxy({} as Record<string, unknown>, {
      get: (_t, method) => (typeof method === 'string' && method !== 'then' ? (...args: unknown[]) => call(repo, method, args) : undefined),
    }) as T;
  const predictions = proxy<Stores['predictions']>('predictions');
  const database = proxy<Database>('database');
  return {
    database,
    predictions,
    feedback: proxy<Stores['feedback']>('feedback'),
    jobs: jobsProxy(proxy<Stores['jobs']>('jobs'), call),
    audit: proxy<Stores['audit']>('audit'),
    monitoring: proxy<Stores['monitoring']>('monitoring'),
    modelRegistry: proxy<NonNullable<Stores['modelRegistry']>>('modelRegistry'),
    // Prediction batches take their own channel: encoded once, merged with other workers' in the primary.
    writer: createPredictionWriter(predictionChannelSink(), writerOptions),
  };
}
