/**
 * The in-process service the simulation drives: the real app (`buildApp`) on a real in-memory
 * PGlite database and a file registry, with an analyst and an admin key — the same wiring as
 * `warden serve` minus the network.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/config.js';
import { FileRegistry } from '../registry/file-registry.js';
import { buildApp } from '../serving/app.js';
import type { AppDeps } from '../serving/app-deps.js';
import { ApiKeyStore } from '../serving/auth/api-keys.js';
import { createMetrics } from '../serving/metrics.js';
import { ModelHolder } from '../serving/model-holder.js';
import { storesOn } from '../serving/stores.js';
import { openDatabase } from '../storage/index.js';

export const SIM_KEYS = { scorer: 'sim-scorer-key-01', analyst: 'sim-analyst-key-1', admin: 'sim-admin-key-001' } as const;
export const simAuth = (role: keyof typeof SIM_KEYS) => ({ authorization: `Bearer ${SIM_KEYS[role]}` });

export interface SimService {
  app: FastifyInstance;
  deps: AppDeps;
  registry: FileRegistry;
  close(): Promise<void>;
}

/** Starts the service with `modelDir` registered as production. */
export async function startSimService(dataDir: string, modelDir: string): Promise<SimService> {
  const config = loadConfig({
    WARDEN_API_KEYS: `scorer:${SIM_KEYS.scorer},analyst:${SIM_KEYS.analyst},admin:${SIM_KEYS.admin}`,
    WARDEN_DATA_DIR: dataDir,
    WARDEN_WORKERS: '1',
  });
  const registry = new FileRegistry(join(dataDir, 'registry'));
  await registry.register(modelDir, 'simulation');
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const stores = storesOn(database, { flushIntervalMs: 20 });
  const models = new ModelHolder();
  await models.refresh(registry, 'production');
  const keys = config.auth.enabled ? ApiKeyStore.load(null, config.auth.envKeys) : null;
  const deps: AppDeps = { config, models, registry, stores, metrics: createMetrics(), keys, jobs: null };
  const app = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    registry,
    async close() {
      await app.close();
      await stores.writer.close();
      await database.close();
    },
  };
}
