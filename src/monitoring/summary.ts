import type { Kysely } from 'kysely';
import type { Schema } from '../storage/index.js';
import type { MonitoringReference } from '../training/reference.js';
import { evaluateAlerts, type Alert } from './alerts.js';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from './config.js';
import { computeDrift, type DriftReport } from './drift.js';
import { computePerformance, type PerformanceReport } from './performance.js';
import { computeQuality, type QualityReport } from './quality.js';
import type { MonitoringRange } from './time-range.js';

export interface MonitoringSummary {
  generatedAt: string;
  /** null when the model has no reference (trained before monitoring existed). */
  drift: DriftReport | null;
  performance: PerformanceReport;
  quality: QualityReport;
  alerts: Alert[];
}

/** Drift (when a reference is given), performance and quality of one range, and the alerts they raise. */
export async function computeSummary(db: Kysely<Schema>, reference: MonitoringReference | null, range: MonitoringRange, config: Readonly<MonitoringConfig> = DEFAULT_MONITORING_CONFIG): Promise<MonitoringSummary> {
  // One after another: PGlite has a single connection, and on PostgreSQL these are short scans.
  const drift = reference ? await computeDrift(db, reference, range, config) : null;
  const performance = await computePerformance(db, range);
  const quality = await computeQuality(db, range, config);
  return { generatedAt: new Date().toISOString(), drift, performance, quality, alerts: evaluateAlerts({ drift, performance, quality }, config) };
}
