import cluster from 'node:cluster';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { ServiceConfig } from '../config/config.js';
import { dbRegistryAt, type DbRegistry } from '../registry/db-registry.js';
import { aliasIndexFor } from '../registry/embedded-database.js';
import { createRolloutCounters, RolloutController } from '../rollout/index.js';
import { createInsertCoalescer, ModelRegistryRepository } from '../storage/index.js';
import { buildApp } from './app.js';
import type { AppDeps, JobNotifier, Stores } from './app-deps.js';
import { ApiKeyStore } from './auth/api-keys.js';
import { createMetrics, setWriterGauges, type Metrics } from './metrics.js';
import { ModelHolder } from './model-holder.js';
import { closeStores, openStores, writerOptions } from './stores.js';
import { proxyStores, serveStorage } from './cluster/storage-proxy.js';
import { servePredictionChannel } from './cluster/prediction-channel.js';
import { tunePrimaryHeap, workerExecArgv } from './cluster/v8-flags.js';
import { clusterMetricsClient, serveClusterMetrics } from './cluster/metrics-channel.js';
import { ensureModel } from './ensure-model.js';
import { startMonitoringGauges } from './monitoring-gauges.js';
import { startJobRunner, type RunningJobs } from './job-runner-wiring.js';
import { bundledWarmupTexts, warmUp } from './warm-up.js';

/** How often the rollout guard looks at a running canary. */
const GUARD_INTERVAL_MS = 30_000;

/** The file `warden serve` holds while it owns the embedded database; the CLI refuses to open PGlite then. */
export const SERVE_LOCK_FILE = 'serve.pid';

function withRegistry(stores: Stores): Stores {
  return { ...stores, modelRegistry: new ModelRegistryRepository(stores.database.db) };
}

/**
 * PGlite is single-process: a second opener would corrupt it. The server records its pid so
 * the CLI can say so clearly instead; a stale file (dead pid) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SERVE_LOCK_FILE);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) throw new Error(`another warden serve (pid ${pid}) owns the embedded database in ${dataDir}`);
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

/** True when a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createLogger(config: Readonly<ServiceConfig>): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid, worker: cluster.isWorker ? cluster.worker?.id : 0 } });
}

async function openRedis(url: string | null, log: Logger): Promise<unknown> {
  if (!url) return undefined;
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 });
  client.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  return client;
}

async function servingHolder(config: Readonly<ServiceConfig>, registry: DbRegistry, metrics: Metrics | null, log: Logger): Promise<ModelHolder> {
  const models = new ModelHolder();
  models.onSwap = (next, prev) => {
    if (metrics) {
      metrics.modelInfo.reset();
      metrics.modelInfo.set({ version: next.version, model_id: next.detector.manifest.id, learner: next.detector.manifest.pipeline.learner.type }, 1);
      if (prev) metrics.modelSwaps.inc();
    }
    log.info({ from: prev?.version ?? null, to: next.version }, prev ? 'model swapped' : 'model loaded');
  };
  models.onRoutingChange = (r) => log.info({ production: r.production.version, candidate: r.candidate?.version ?? null, share: r.canaryShare, shadow: r.shadow?.version ?? null }, 'rollout changed');
  await models.refresh(registry, config.modelRef);
  models.watch(registry, config.modelRef, config.modelPollMs, (err) => log.error({ err }, 'model refresh failed'));
  return models;
}

/** How long a stopping primary waits for its workers to finish requests and flush their predictions. */
const WORKER_STOP_MS = 10_000;

/**
 * Signals every worker and waits until all have exited (or `limitMs` passed) before the
 * primary closes the database: a worker finishes its requests and then flushes its buffered
 * predictions through the primary, which may take longer than any fixed pause under load.
 */
async function stopWorkers(limitMs: number): Promise<void> {
  const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined && w.process.exitCode === null && w.process.signalCode === null);
  const exited = running.map((w) => new Promise<void>((resolve) => w!.process.once('exit', () => resolve())));
  for (const w of running) w!.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(exited), new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)))]);
  clearTimeout(timer);
}

/** One HTTP process: its own app, metrics and model holder; stores local or proxied to the primary. */
export async function runHttpProcess(config: Readonly<ServiceConfig>, opts: { proxied: boolean; jobs: JobNotifier | null }): Promise<() => Promise<void>> {
  const log = createLogger(config);
  const metrics = createMetrics();
  const wopts = writerOptions(config, metrics, (err) => log.warn({ err: err.message }, 'prediction write failed; records stay buffered'));
  const stores: Stores = opts.proxied ? proxyStores(wopts) : withRegistry(await openStores(config, wopts));
  const registry = dbRegistryAt(stores.modelRegistry!, config.dataDir, { aliasIndex: aliasIndexFor(config.dataDir, config.databaseUrl) });
  // A worker of a cluster finds the model registered by the primary; a single process registers it.
  if (!opts.jobs) await ensureModel(registry, config.modelRef, log);
  const models = await servingHolder(config, registry, metrics, log);
  const counters = createRolloutCounters(metrics.registry);
  const rollout = new RolloutController({
    registry,
    audit: stores.audit,
    db: opts.proxied ? null : stores.database.db,
    armStats: opts.proxied ? (v, s) => stores.monitoring.armStats(v, s) : undefined,
    counters,
    onChange: () => models.refresh(registry, config.modelRef),
  });
  // The guard runs where the job runner runs: one process per deployment evaluates it.
  if (!opts.proxied && !opts.jobs) rollout.startGuard(GUARD_INTERVAL_MS, (err) => log.error({ err }, 'rollout guard failed'));
  const keys = config.auth.enabled ? ApiKeyStore.load(config.auth.keysFile, config.auth.envKeys) : null;
  const redis = await openRedis(config.redisUrl, log);
  let jobs = opts.jobs;
  let running: RunningJobs | null = null;
  if (!opts.proxied && !jobs) {
    running = startJobRunner(config, stores, models, metrics, log);
    jobs = running.notifier;
  }
  // A cluster worker's scrape answers for the whole cluster (the primary merges every registry).
  const merged = cluster.isWorker ? clusterMetricsClient(metrics.registry, () => setWriterGauges(metrics, stores.writer.status())) : null;
  const deps: AppDeps = { config, models, registry, stores, metrics, keys, jobs, redis, rollout, counters, clusterMetrics: merged?.collect ?? null };
  const app = await buildApp(deps, { logger: log });
  if (config.warmupRequests > 0) {
    // An optimisation: a warm-up that fails must not keep the process from serving (in a
    // cluster, the primary would fork the worker again and again).
    try {
      const w = await warmUp(app, deps, await bundledWarmupTexts(), config.warmupRequests);
      log.info({ requests: w.requests, failed: w.failed, ms: Math.round(w.ms) }, 'warmed up before listening');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'warm-up failed; listening cold');
    }
  }
  await app.listen({ host: config.host, port: config.port });
  const stopGauges = startMonitoringGauges(deps, config.monitoring.refreshMs, (err) => log.warn({ err: (err as Error).message }, 'monitoring gauges refresh failed'));
  // Idempotent: a worker can be signalled twice (by its process group and by the primary).
  let stopped: Promise<void> | null = null;
  return () =>
    (stopped ??= (async () => {
      stopGauges();
      models.stop();
      rollout.stopGuard();
      await app.close();
      merged?.close();
      if (running) await running.stop();
      if (opts.proxied) await stores.writer.close();
      else await closeStores(stores);
      if (redis) (redis as { disconnect(): void }).disconnect();
    })());
}

/**
 * `warden serve`: makes sure a model exists (training the bundled one on first start), then
 * serves with `config.workers` processes. With the embedded PGlite, the primary owns the
 * database and runs the job runner; workers reach storage through IPC. With PostgreSQL every
 * worker connects itself.
 */
export async function serve(config: Readonly<ServiceConfig>): Promise<void> {
  const log = createLogger(config);
  if (cluster.isWorker) {
    const proxied = !config.databaseUrl;
    const notifier: JobNotifier = { notify: () => process.send?.({ type: 'jobs.notify' }) };
    const stop = await runHttpProcess(config, { proxied, jobs: notifier });
    process.on('SIGTERM', () => void stop().finally(() => process.exit(0)));
    return;
  }
  if (!config.auth.enabled) log.warn('authentication is DISABLED (--no-auth): every caller acts as admin. For local use only.');
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  if (config.workers === 1) {
    const stop = await runHttpProcess(config, { proxied: false, jobs: null }).catch((err) => {
      unlock();
      throw err;
    });
    log.info({ port: config.port, workers: 1, database: config.databaseUrl ? 'postgres' : 'pglite' }, `warden listening on http://${config.host}:${config.port}`);
    const shutdown = () => void stop().finally(() => {
      unlock();
      process.exit(0);
    });
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    return;
  }
  // Primary: storage owner (PGlite) and job runner; workers serve HTTP.
  tunePrimaryHeap(process.execArgv);
  // The primary's own metrics (its job runner, its model, its database errors, its process) join
  // the workers' on a scrape.
  const metrics = createMetrics();
  const stores = withRegistry(await openStores(config, writerOptions(config, metrics)));
  const registry = dbRegistryAt(stores.modelRegistry!, config.dataDir, { aliasIndex: aliasIndexFor(config.dataDir, config.databaseUrl) });
  await ensureModel(registry, config.modelRef, log);
  const stopMetrics = serveClusterMetrics(metrics.registry, { beforeMerge: () => setWriterGauges(metrics, stores.writer.status()) });
  const models = await servingHolder(config, registry, metrics, log);
  const running = startJobRunner(config, stores, models, metrics, log);
  const guard = new RolloutController({ registry, audit: stores.audit, db: stores.database.db, onChange: () => models.refresh(registry, config.modelRef) });
  guard.startGuard(GUARD_INTERVAL_MS, (err) => log.error({ err }, 'rollout guard failed'));
  cluster.setupPrimary({ serialization: 'advanced', execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  // Every worker's prediction batches share statements (with PostgreSQL, workers write directly).
  const inserts = createInsertCoalescer(stores.predictions);
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork({ WARDEN_WORKER: '1' });
    serveStorage(worker, stores);
    if (!config.databaseUrl) servePredictionChannel(worker, inserts);
    worker.on('message', (msg: { type?: string }) => {
      if (msg?.type === 'jobs.notify') running.notifier.notify();
    });
  };
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ worker: worker.id, code, signal }, 'worker died; starting a new one');
    fork();
  });
  log.info({ port: config.port, workers: config.workers, database: config.databaseUrl ? 'postgres' : 'pglite' }, `warden listening on http://${config.host}:${config.port}`);
  const shutdown = async () => {
    stopping = true;
    await stopWorkers(WORKER_STOP_MS);
    stopMetrics();
    await inserts.drained();
    models.stop();
    guard.stopGuard();
    await running.stop();
    await closeStores(stores);
    unlock();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}
