import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ServiceConfig } from '../config/config.js';
import {
  AuditRepository,
  createPredictionWriter,
  FeedbackRepository,
  JobRepository,
  openDatabase,
  PredictionRepository,
  type Database,
  type DatabaseConfig,
  type PredictionWriterOptions,
} from '../storage/index.js';
import { MonitoringQueries } from '../monitoring/index.js';
import type { Stores } from './app-deps.js';
import type { Metrics } from './metrics.js';

export function databaseConfig(config: Readonly<ServiceConfig>): DatabaseConfig {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  const dataDir = join(config.dataDir, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  return { kind: 'pglite', dataDir };
}

export function writerOptions(config: Readonly<ServiceConfig>, metrics: Metrics | null, onError?: (err: Error) => void): PredictionWriterOptions {
  return {
    batchSize: config.writer.batchSize,
    flushIntervalMs: config.writer.flushMs,
    maxBuffered: config.writer.maxBuffered,
    backlogRows: config.writer.backlogRows,
    backlogWaitMs: config.writer.backlogWaitMs,
    onError: (err) => {
      metrics?.dbErrors.inc();
      onError?.(err);
    },
  };
}

/** The repositories over one open database, plus the buffered prediction writer. */
export function storesOn(database: Database, options: PredictionWriterOptions): Stores {
  const predictions = new PredictionRepository(database.db);
  return {
    database,
    predictions,
    feedback: new FeedbackRepository(database.db),
    jobs: new JobRepository(database.db),
    audit: new AuditRepository(database.db),
    monitoring: new MonitoringQueries(database.db),
    writer: createPredictionWriter(predictions, options),
  };
}

export async function openStores(config: Readonly<ServiceConfig>, options: PredictionWriterOptions): Promise<Stores> {
  return storesOn(await openDatabase(databaseConfig(config)), options);
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.writer.close();
  await stores.database.close();
}
