import type { Logger } from 'pino';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type ServiceConfig } from '../../src/config/config.js';
import { dbRegistryAt, type DbRegistry } from '../../src/registry/db-registry.js';
import { createRolloutCounters, RolloutController, type GuardPolicy } from '../../src/rollout/index.js';
import { buildApp } from '../../src/serving/app.js';
import type { AppDeps, Stores } from '../../src/serving/app-deps.js';
import { ApiKeyStore } from '../../src/serving/auth/api-keys.js';
import { createMetrics } from '../../src/serving/metrics.js';
import { ModelHolder } from '../../src/serving/model-holder.js';
import { storesOn } from '../../src/serving/stores.js';
import { ModelRegistryRepository, openDatabase, type DatabaseConfig } from '../../src/storage/index.js';
import { tinyModelDir } from './tiny-model.js';

export const KEYS = { scorer: 'scorer-key-0001', analyst: 'analyst-key-0001', admin: 'admin-key-00001' } as const;
export const auth = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  registry: DbRegistry;
  rollout: RolloutController;
  close(): Promise<void>;
}

/**
 * A real app on a real (in-memory PGlite unless given) database, with the database registry
 * (artifacts in a temporary data directory) and the tiny model registered as v1 production.
 */
export async function testApp(opts: { env?: NodeJS.ProcessEnv; database?: DatabaseConfig; noAuth?: boolean; redis?: unknown; guard?: Partial<GuardPolicy>; logger?: Logger } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'warden-app-'));
  const env = {
    WARDEN_API_KEYS: `scorer:${KEYS.scorer},analyst:${KEYS.analyst},admin:${KEYS.admin}`,
    WARDEN_DATA_DIR: dataDir,
    WARDEN_WORKERS: '1',
    ...opts.env,
  };
  const config: Readonly<ServiceConfig> = loadConfig(env, { noAuth: opts.noAuth });
  const database = await openDatabase(opts.database ?? { kind: 'pglite', dataDir: null });
  const registry = dbRegistryAt(new ModelRegistryRepository(database.db), dataDir);
  await registry.register(await tinyModelDir(), 'test');
  const stores: Stores = storesOn(database, { flushIntervalMs: 5 });
  const metrics = createMetrics();
  const counters = createRolloutCounters(metrics.registry);
  const models = new ModelHolder();
  await models.refresh(registry, 'production');
  const rollout = new RolloutController({ registry, audit: stores.audit, db: database.db, counters, guard: opts.guard, onChange: () => models.refresh(registry, config.modelRef) });
  const keys = config.auth.enabled ? ApiKeyStore.load(null, config.auth.envKeys) : null;
  const deps: AppDeps = { config, models, registry, stores, metrics, keys, jobs: null, redis: opts.redis, rollout, counters };
  const app = await buildApp(deps, { logger: opts.logger ?? false });
  return {
    app,
    deps,
    registry,
    rollout,
    async close() {
      rollout.stopGuard();
      await app.close();
      await stores.writer.close();
      await database.close();
    },
  };
}
