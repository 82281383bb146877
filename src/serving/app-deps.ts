import type { ServiceConfig } from '../config/config.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import type { RolloutController, RolloutCounters } from '../rollout/index.js';
import type { AuditRepository, Database, FeedbackRepository, JobRepository, ModelRegistryRepository, PredictionRepository, PredictionWriter } from '../storage/index.js';
import type { MonitoringQueries } from '../monitoring/index.js';
import type { ApiKeyStore } from './auth/api-keys.js';
import type { Metrics } from './metrics.js';
import type { ModelHolder } from './model-holder.js';

/** The stores of a running service, all on one database. */
export interface Stores {
  database: Database;
  predictions: PredictionRepository;
  feedback: FeedbackRepository;
  jobs: JobRepository;
  audit: AuditRepository;
  writer: PredictionWriter;
  /** Drift, performance and quality queries (SQL aggregates over predictions and feedback). */
  monitoring: MonitoringQueries;
  /** The registry tables; set by the server (a cluster worker gets the IPC proxy). */
  modelRegistry?: ModelRegistryRepository;
}

/** Signals the job runner that new work exists (it also polls, so this is an optimisation). */
export interface JobNotifier {
  notify(): void;
}

/** Everything a route needs, built once by the caller of buildApp and passed down. */
export interface AppDeps {
  config: Readonly<ServiceConfig>;
  models: ModelHolder;
  registry: ModelRegistry;
  stores: Stores;
  metrics: Metrics;
  keys: ApiKeyStore | null;
  jobs: JobNotifier | null;
  /** Shadow / canary / promotion steps and the guard; absent with a file registry (no rollout). */
  rollout?: RolloutController | null;
  /** Per-version request and error counts and shadow agreement (Prometheus too). */
  counters?: RolloutCounters | null;
  /**
   * True only while the process warms itself up before listening (`warm-up.ts`): requests then
   * come from the warm-up's private loopback server alone, and the rate limiter lets them through.
   */
  warming?: boolean;
  /** In a cluster worker: the merged metrics of every process (`cluster/metrics-channel.ts`); else absent. */
  clusterMetrics?: (() => Promise<string>) | null;
  /** Optional Redis client (ioredis) for the shared rate-limit store. */
  redis?: unknown;
  /** The service's "now" for prediction and feedback timestamps (default: the wall clock); the simulation sets it to its simulated day. */
  clock?: () => Date;
}
