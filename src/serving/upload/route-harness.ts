/**
 * A Fastify instance with just the batch and job routes, the error handler, the JSON parser,
 * multipart and (disabled) auth, for route tests through `app.inject()`. The detector is a stub
 * with a real, deterministic score (text length) until the training pipeline can build a tiny
 * model in-process; only `version` and `score()` are used by these routes.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { Detector, Prediction } from '../../detector/detector.js';
import { wardenError } from '../../errors.js';
import { JobRepository, openDatabase, type Database } from '../../storage/index.js';
import type { AppDeps } from '../app-deps.js';
import { installAuth } from '../auth/install-auth.js';
import { installErrorHandling } from '../http/error-handler.js';
import { installJsonParser } from '../http/json-parser.js';
import { createMetrics } from '../metrics.js';
import type { ModelHolder } from '../model-holder.js';
import { batchRoutes } from '../routes/batch.js';
import { jobRoutes } from '../routes/jobs.js';

export const STUB_VERSION = 'stub-1';

/** The stub's risk for a text: its length over 200, capped at 1. */
export function stubRisk(text: string): number {
  return Math.min(1, text.length / 200);
}

export const stubDetector = {
  version: STUB_VERSION,
  score(text: string): Prediction {
    const riskScore = stubRisk(text);
    const isThreat = riskScore >= 0.5;
    return { riskScore, isThreat, label: isThreat ? 'spam' : 'benign', phishingProbability: null, threshold: 0.5 };
  },
} as unknown as Detector;

export interface Harness {
  app: FastifyInstance;
  database: Database;
  jobs: JobRepository;
  notified: () => number;
  close(): Promise<void>;
}

export async function buildHarness(opts: { maxUploadBytes?: number; withModel?: boolean } = {}): Promise<Harness> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const jobs = new JobRepository(database.db);
  let notifications = 0;
  const served = { detector: stubDetector, version: STUB_VERSION };
  const models = {
    get loaded() {
      return opts.withModel !== false;
    },
    get current() {
      if (opts.withModel === false) throw wardenError('NO_MODEL', 'no model is loaded yet');
      return served;
    },
  } as unknown as ModelHolder;
  const maxUploadBytes = opts.maxUploadBytes ?? 10 * 1024 * 1024;
  const deps = {
    config: { maxUploadBytes, bodyLimitBytes: 2 * 1024 * 1024 },
    models,
    stores: { database, jobs },
    metrics: createMetrics(),
    keys: null,
    jobs: { notify: () => void notifications++ },
  } as unknown as AppDeps;
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  installErrorHandling(app);
  installJsonParser(app);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 12 } });
  installAuth(app, () => null);
  batchRoutes(app, deps);
  jobRoutes(app, deps);
  await app.ready();
  return {
    app,
    database,
    jobs,
    notified: () => notifications,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A multipart/form-data body with one file field. */
export function multipartBody(content: string | Buffer, filename = 'input.csv', field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----wardenTestBoundary7MA4YWxkTrZu0gW';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
