/**
 * The in-process service the simulation drives: the real app (`buildApp`) on a real in-memory
 * PGlite database with the database registry, the rollout controller and its counters — the same
 * wiring as `warden serve` minus the network — and one simulated clock shared by predictions,
 * feedback and the deployment history, so each simulated day lands in its own monitoring window.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/config.js';
import { dbRegistryAt, type DbRegistry, type RegistryStore } from '../registry/db-registry.js';
import { createRolloutCounters, RolloutController } from '../rollout/index.js';
import { buildApp } from '../serving/app.js';
import type { AppDeps } from '../serving/app-deps.js';
import { ApiKeyStore } from '../serving/auth/api-keys.js';
import { createMetrics } from '../serving/metrics.js';
import { ModelHolder } from '../serving/model-holder.js';
import { storesOn } from '../serving/stores.js';
import { ModelRegistryRepository, openDatabase } from '../storage/index.js';

export const SIM_KEYS = { scorer: 'sim-scorer-key-01', analyst: 'sim-analyst-key-1', admin: 'sim-admin-key-001' } as const;
export const simAuth = (role: keyof typeof SIM_KEYS) => ({ authorization: `Bearer ${SIM_KEYS[role]}` });

/**
 * A clock the driver moves: `set(t)` jumps to a time, and every reading advances it by one
 * millisecond so records made "at the same moment" keep their order.
 */
export class SimClock {
  #t: number;

  constructor(start: Date) {
    this.#t = start.getTime();
  }

  set(at: Date): void {
    this.#t = at.getTime();
  }

  now = (): Date => new Date(this.#t++);
}

/** The registry tables with every alias change stamped by the simulated clock (the repository's `at`). */
function clockedStore(repo: ModelRegistryRepository, clock: SimClock): RegistryStore {
  return {
    insertVersion: (...a) => repo.insertVersion(...a),
    getVersion: (...a) => repo.getVersion(...a),
    listVersions: (...a) => repo.listVersions(...a),
    aliases: (...a) => repo.aliases(...a),
    history: (...a) => repo.history(...a),
    changeAliases: (changes, ctx) => repo.changeAliases(changes, { ...ctx, at: ctx.at ?? clock.now() }),
  };
}

export interface SimService {
  app: FastifyInstance;
  deps: AppDeps;
  registry: DbRegistry;
  rollout: RolloutController;
  clock: SimClock;
  close(): Promise<void>;
}

/** Starts the service with `modelDir` registered (as the first version, production) at the clock's time. */
export async function startSimService(dataDir: string, modelDir: string, clock: SimClock): Promise<SimService> {
  const config = loadConfig({
    WARDEN_API_KEYS: `scorer:${SIM_KEYS.scorer},analyst:${SIM_KEYS.analyst},admin:${SIM_KEYS.admin}`,
    WARDEN_DATA_DIR: dataDir,
    WARDEN_WORKERS: '1',
  });
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const registry = dbRegistryAt(clockedStore(new ModelRegistryRepository(database.db), clock), dataDir);
  await registry.register(modelDir, 'simulation');
  const stores = storesOn(database, { flushIntervalMs: 20 });
  const metrics = createMetrics();
  const counters = createRolloutCounters(metrics.registry);
  const models = new ModelHolder();
  await models.refresh(registry, 'production');
  const rollout = new RolloutController({ registry, audit: stores.audit, db: database.db, counters, onChange: () => models.refresh(registry, config.modelRef) });
  const keys = config.auth.enabled ? ApiKeyStore.load(null, config.auth.envKeys) : null;
  const deps: AppDeps = { config, models, registry, stores, metrics, keys, jobs: null, rollout, counters, clock: clock.now };
  const app = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    registry,
    rollout,
    clock,
    async close() {
      rollout.stopGuard();
      await app.close();
      await stores.writer.close();
      await database.close();
    },
  };
}
