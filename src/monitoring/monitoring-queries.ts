import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';
import type { MonitoringReference } from '../training/reference.js';
import type { MonitoringConfig } from './config.js';
import { armStatsSince } from '../rollout/guard-stats.js';
import { computeDrift, type DriftReport } from './drift.js';
import { computePerformance, type PerformanceReport } from './performance.js';
import { computeQuality, type QualityReport } from './quality.js';
import { computeSummary, type MonitoringSummary } from './summary.js';
import type { MonitoringRange } from './time-range.js';

/**
 * The monitoring queries over one database, as a repository-like object: the service calls
 * these methods, and a worker without its own connection (embedded PGlite in cluster mode)
 * reaches them through the storage IPC proxy, since arguments and results are plain data.
 */
export class MonitoringQueries {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  drift(reference: MonitoringReference, range: MonitoringRange, config?: Readonly<MonitoringConfig>): Promise<DriftReport> {
    return computeDrift(this.#db, reference, range, config);
  }

  performance(range: MonitoringRange): Promise<PerformanceReport> {
    return computePerformance(this.#db, range);
  }

  quality(range: MonitoringRange, config?: Readonly<MonitoringConfig>): Promise<QualityReport> {
    return computeQuality(this.#db, range, config);
  }

  /** Per model version since `since`: requests, latency and labelled outcomes, for the rollout guard. */
  armStats(versions: readonly string[], since: Date) {
    return armStatsSince(this.#db, versions, since);
  }

  summary(reference: MonitoringReference | null, range: MonitoringRange, config?: Readonly<MonitoringConfig>): Promise<MonitoringSummary> {
    return computeSummary(this.#db, reference, range, config);
  }
}
