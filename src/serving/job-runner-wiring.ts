import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/config.js';
import { createJobRunner, detectorScorer } from '../jobs/index.js';
import type { JobNotifier, Stores } from './app-deps.js';
import type { Metrics } from './metrics.js';
import type { ModelHolder } from './model-holder.js';

export interface RunningJobs {
  notifier: JobNotifier;
  stop(): Promise<void>;
}

/** Starts the durable job runner on these stores, scoring with whatever model is served. */
export function startJobRunner(config: Readonly<ServiceConfig>, stores: Stores, models: ModelHolder, metrics: Metrics | null, log: Logger): RunningJobs {
  const runner = createJobRunner({
    jobs: stores.jobs,
    database: stores.database,
    // Job rows join the prediction history like every scored message (unless the log is off).
    score: detectorScorer(() => models.current.detector, config.logPredictions ? { storeText: config.storeText === 'full' } : undefined),
    chunkSize: config.jobs.chunkSize,
    pollMs: config.jobs.pollMs,
    concurrency: config.jobs.concurrency,
    onRows: (n) => metrics?.jobRows.inc(n),
    onQueueDepth: (n) => metrics?.queueDepth.set(n),
    onError: (err, jobId) => {
      metrics?.dbErrors.inc();
      log.warn({ err: err.message, job: jobId }, 'job runner error; will retry');
    },
  });
  runner.start();
  return { notifier: { notify: () => runner.notify() }, stop: () => runner.stop() };
}
