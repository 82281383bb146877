import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { wardenError } from '../errors.js';
import { monitoringConfigFromEnv, type MonitoringConfig } from '../monitoring/config.js';

export type StoreText = 'full' | 'hash';
export type Role = 'scorer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['scorer', 'analyst', 'admin'];

/** The service configuration: read once at start-up, validated, frozen, passed down. See docs/configuration.md. */
export interface ServiceConfig {
  host: string;
  port: number;
  workers: number;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  auth: { enabled: boolean; keysFile: string | null; envKeys: string | null };
  storeText: StoreText;
  /** False only for benchmarks that measure the cost of the prediction log. */
  logPredictions: boolean;
  rateLimit: { max: number; windowMs: number };
  bodyLimitBytes: number;
  maxTextLength: number;
  maxBatchTexts: number;
  maxUploadBytes: number;
  modelRef: string;
  modelPollMs: number;
  /** Requests each HTTP process sends itself over a private loopback server before it listens (0: none; see serving/warm-up.ts). */
  warmupRequests: number;
  writer: { batchSize: number; flushMs: number; maxBuffered: number; backlogRows: number; backlogWaitMs: number };
  logLevel: string;
  jobs: { concurrency: number; chunkSize: number; pollMs: number };
  monitoring: Readonly<MonitoringConfig>;
}

export interface ConfigFlags {
  host?: string;
  port?: string | number;
  workers?: string | number;
  dataDir?: string;
  noAuth?: boolean;
  model?: string;
}

function int(name: string, raw: string | number | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw wardenError('CONFIG_INVALID', `${name} must be an integer in [${min}, ${max}], got '${String(raw)}'`);
  }
  return n;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Builds the frozen config from flags (which win) and environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Readonly<ServiceConfig> {
  const storeText = (env.WARDEN_STORE_TEXT ?? 'full') as StoreText;
  if (storeText !== 'full' && storeText !== 'hash') throw wardenError('CONFIG_INVALID', `WARDEN_STORE_TEXT must be 'full' or 'hash', got '${storeText}'`);
  const authDisabled = flags.noAuth === true || env.WARDEN_AUTH === 'off';
  const keysFile = env.WARDEN_API_KEYS_FILE ?? null;
  const envKeys = env.WARDEN_API_KEYS ?? null;
  if (!authDisabled && !keysFile && !envKeys) {
    throw wardenError('CONFIG_INVALID', 'no API keys configured: set WARDEN_API_KEYS_FILE or WARDEN_API_KEYS, or run with --no-auth for local use');
  }
  const config: ServiceConfig = {
    host: flags.host ?? env.WARDEN_HOST ?? '0.0.0.0',
    port: int('port', flags.port ?? env.PORT ?? env.WARDEN_PORT, 8080, 0, 65535),
    workers: int('workers', flags.workers ?? env.WARDEN_WORKERS, availableParallelism(), 1, 64),
    dataDir: resolve(flags.dataDir ?? env.WARDEN_DATA_DIR ?? 'var'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    auth: { enabled: !authDisabled, keysFile, envKeys },
    storeText,
    logPredictions: env.WARDEN_PREDICTION_LOG !== 'off',
    rateLimit: {
      max: int('WARDEN_RATE_LIMIT_MAX', env.WARDEN_RATE_LIMIT_MAX, 100_000, 1, 1e9),
      windowMs: int('WARDEN_RATE_LIMIT_WINDOW_MS', env.WARDEN_RATE_LIMIT_WINDOW_MS, 60_000, 100, 86_400_000),
    },
    bodyLimitBytes: int('WARDEN_BODY_LIMIT_BYTES', env.WARDEN_BODY_LIMIT_BYTES, 2 * 1024 * 1024, 1024, 1024 ** 3),
    maxTextLength: int('WARDEN_MAX_TEXT_LENGTH', env.WARDEN_MAX_TEXT_LENGTH, 100_000, 1, 10_000_000),
    maxBatchTexts: 1000,
    maxUploadBytes: int('WARDEN_MAX_UPLOAD_BYTES', env.WARDEN_MAX_UPLOAD_BYTES, 100 * 1024 * 1024, 1024, 1024 ** 4),
    modelRef: flags.model ?? env.WARDEN_MODEL ?? 'production',
    modelPollMs: int('WARDEN_MODEL_POLL_MS', env.WARDEN_MODEL_POLL_MS, 2000, 100, 3_600_000),
    warmupRequests: int('WARDEN_WARMUP_REQUESTS', env.WARDEN_WARMUP_REQUESTS, 1_000, 0, 100_000),
    writer: {
      batchSize: int('WARDEN_WRITER_BATCH', env.WARDEN_WRITER_BATCH, 500, 1, 100_000),
      flushMs: int('WARDEN_WRITER_FLUSH_MS', env.WARDEN_WRITER_FLUSH_MS, 200, 1, 60_000),
      maxBuffered: int('WARDEN_WRITER_MAX_BUFFERED', env.WARDEN_WRITER_MAX_BUFFERED, 100_000, 1, 10_000_000),
      backlogRows: int('WARDEN_WRITER_BACKLOG', env.WARDEN_WRITER_BACKLOG, 5_000, 1, 10_000_000),
      backlogWaitMs: int('WARDEN_WRITER_BACKLOG_WAIT_MS', env.WARDEN_WRITER_BACKLOG_WAIT_MS, 10_000, 0, 3_600_000),
    },
    logLevel: env.WARDEN_LOG_LEVEL ?? env.LOG_LEVEL ?? 'info',
    monitoring: monitoringConfigFromEnv(env),
    jobs: {
      concurrency: int('WARDEN_JOB_CONCURRENCY', env.WARDEN_JOB_CONCURRENCY, 1, 0, 64),
      chunkSize: int('WARDEN_JOB_CHUNK', env.WARDEN_JOB_CHUNK, 500, 1, 100_000),
      pollMs: int('WARDEN_JOB_POLL_MS', env.WARDEN_JOB_POLL_MS, 1000, 10, 600_000),
    },
  };
  return deepFreeze(config);
}
